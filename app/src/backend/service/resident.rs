//! The resident as Loket knows them: a BSN, only ever shown masked, and
//! the few details (from the population register) staff find them by.

use time::OffsetDateTime;

use crate::backend::{
    auth::bsn::Bsn,
    db::{self, resident::Lookup, Db},
    service::{
        contact_address::{EmailAddress, PhoneNumber},
        processing_log::{self, Entry},
    },
    Error,
};
use crate::error::FieldErrorCode;
use crate::i18n::Lang;
use crate::model::ids::{ResidentId, StaffId};
use crate::model::processing_log::Category;
use crate::model::resident::ResidentMatch;

/// The resident's BSN with all but its last digits hidden.
pub async fn masked_bsn(db: &Db, resident: ResidentId) -> Result<String, Error> {
    let bsn = db::resident::find_bsn(db, resident).await?.ok_or(Error::NotFound)?;
    Bsn::parse(&bsn).map(|b| b.masked()).map_err(|_| Error::Internal("stored BSN is invalid"))
}

/// A resident as staff see them in a search result or the 360-degree view.
pub fn matched(row: &db::resident::ProfileRow, lang: Lang) -> ResidentMatch {
    ResidentMatch {
        id: row.id,
        name: row.name.clone().unwrap_or_else(|| lang.t("resident-name-unknown").to_string()),
        born: row.birth_date.map(|d| crate::i18n::format_date(lang, d)).unwrap_or_default(),
        bsn: Bsn::parse(&row.bsn).map(|b| b.masked()).unwrap_or_default(),
        address: match (&row.postal_code, &row.house_number) {
            (Some(code), Some(number)) => format!("{code} {number}"),
            _ => String::new(),
        },
    }
}

/// Results of one search, at most.
const MAX_MATCHES: i64 = 20;

/// Staff find a resident by what they have at hand: a BSN (11-test), a
/// postal code with house number (`1234 AB 5`), a confirmed e-mail address
/// or phone number, or a name with `born` (a birth date, `YYYY-MM-DD`).
/// Returns ids only: showing who they are is [`matches`], which logs it.
pub async fn find(db: &Db, query: &str, born: Option<&str>) -> Result<Vec<ResidentId>, Error> {
    let query = query.trim();
    if query.is_empty() {
        return Err(Error::field("q", FieldErrorCode::Missing));
    }
    let digits: String = query.chars().filter(|c| !c.is_whitespace()).collect();
    let postal = postal_code_and_number(query);
    let rows = if digits.len() <= 9 && digits.len() >= 8 && digits.chars().all(|c| c.is_ascii_digit()) {
        let bsn = Bsn::parse(&digits).map_err(|_| Error::field("q", FieldErrorCode::Invalid))?;
        db::resident::lookup(db, &Lookup::Bsn(bsn.expose()), MAX_MATCHES).await?
    } else if let Some((code, number)) = &postal {
        db::resident::lookup(db, &Lookup::Address(code, number), MAX_MATCHES).await?
    } else if query.contains('@') {
        let email = EmailAddress::parse(query).map_err(|_| Error::field("q", FieldErrorCode::Invalid))?;
        db::resident::lookup(db, &Lookup::ConfirmedAddress(email.as_str()), MAX_MATCHES).await?
    } else if let Some(phone) = PhoneNumber::parse(query).ok().filter(|_| query.chars().any(|c| c.is_ascii_digit())) {
        db::resident::lookup(db, &Lookup::ConfirmedAddress(phone.as_str()), MAX_MATCHES).await?
    } else {
        let born = born.map(str::trim).filter(|b| !b.is_empty()).ok_or_else(|| Error::field("born", FieldErrorCode::Missing))?;
        let born = time::Date::parse(born, time::macros::format_description!("[year]-[month]-[day]")).map_err(|_| Error::field("born", FieldErrorCode::Invalid))?;
        db::resident::lookup(db, &Lookup::NameAndBirthDate(query, born), MAX_MATCHES).await?
    };
    Ok(rows.iter().map(|r| r.id).collect())
}

/// The residents a search found, as staff see them; each one shown is
/// logged, for establishing who is in contact. Unknown ids are left out.
pub async fn matches(db: &Db, staff: StaffId, ids: &[ResidentId], lang: Lang, now: OffsetDateTime) -> Result<Vec<ResidentMatch>, Error> {
    let mut rows = Vec::new();
    for id in ids.iter().take(MAX_MATCHES as usize) {
        if let Some(row) = db::resident::profile(db, *id).await? {
            rows.push(row);
        }
    }
    let entries: Vec<Entry> = rows.iter().map(|r| Entry::read(staff, r.id, Category::Listing, processing_log::IDENTIFICATION)).collect();
    processing_log::record_reads(db, &entries, now).await?;
    Ok(rows.iter().map(|r| matched(r, lang)).collect())
}

/// `1234 AB 5` or `1234ab5a` as (`1234AB`, `5`/`5a`).
fn postal_code_and_number(query: &str) -> Option<(String, String)> {
    let compact: String = query.chars().filter(|c| !c.is_whitespace()).collect();
    let (code, rest) = (compact.get(..6)?, compact.get(6..)?);
    let well_formed = code[..4].chars().all(|c| c.is_ascii_digit()) && code[4..].chars().all(|c| c.is_ascii_alphabetic()) && !code.starts_with('0');
    let number_ok = rest.chars().next().is_some_and(|c| c.is_ascii_digit()) && rest.len() <= 8;
    (well_formed && number_ok).then(|| (code.to_ascii_uppercase(), rest.to_ascii_lowercase()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn postal_codes_with_house_numbers_are_recognised() {
        assert_eq!(postal_code_and_number("1234 AB 5"), Some(("1234AB".into(), "5".into())));
        assert_eq!(postal_code_and_number("1234ab12A"), Some(("1234AB".into(), "12a".into())));
        assert_eq!(postal_code_and_number("1234 AB"), None);
        assert_eq!(postal_code_and_number("Jan Jansen"), None);
        assert_eq!(postal_code_and_number("0123 AB 1"), None);
    }
}
