//! Privacy requests: a resident asks for a correction Loket cannot make
//! itself (their own contact details and preferences they change on Mijn
//! gegevens), or objects to a processing (AVG art. 16 and 21). The
//! privacy officer handles it within a month (AVG art. 12(3)); open ones
//! past their term come first in the worklist. Every staff read and the
//! answer are in the processing log; the resident reads the answer on
//! Mijn gegevens and gets the usual "something changed" notice.

use time::{Duration, OffsetDateTime};

use crate::backend::{
    auth::{bsn::Bsn, session::Staff},
    db::{self, Db},
    effect::Committed,
    local_time,
    service::{
        notice::{self, Notice},
        processing_log::{self, Entry},
    },
    Error,
};
use crate::i18n::Lang;
use crate::model::ids::{PrivacyRequestId, ResidentId};
use crate::model::privacy_request::{PrivacyRequest, RequestForm, RequestKind, StaffPrivacyRequest};
use crate::model::processing_log::Category;

/// The purpose staff process a privacy request under.
const PURPOSE: &str = "privacyverzoek";
/// The longest request or answer, in characters.
pub const MAX_TEXT: usize = 2000;
/// How many requests the worklist shows.
const WORKLIST: i64 = 200;

/// A month after `at` (AVG art. 12(3)): the same day next month, or the
/// month's last day when it has no such day.
pub fn term_after(at: OffsetDateTime) -> OffsetDateTime {
    let date = at.date();
    let (year, month) = if date.month() == time::Month::December { (date.year() + 1, time::Month::January) } else { (date.year(), date.month().next()) };
    let day = date.day().min(month.length(year));
    time::Date::from_calendar_date(year, month, day).map(|d| at.replace_date(d)).unwrap_or(at + Duration::days(31))
}

fn view(row: db::privacy_request::RequestRow, now: OffsetDateTime, lang: Lang) -> PrivacyRequest {
    let open = row.status == "open";
    PrivacyRequest {
        id: row.id,
        kind: RequestKind::from_code(&row.kind).unwrap_or(RequestKind::Correction),
        processing: row.purpose_nl.zip(row.purpose_en).map(|(nl, en)| lang.pick(&nl, &en).to_string()),
        text: row.body,
        asked: local_time::format_moment(lang, row.created_at),
        due: local_time::format_moment(lang, row.due_at),
        open,
        overdue: open && row.due_at < now,
        answer: row.answer,
    }
}

/// The resident's form (the processings they can object to) and their requests.
pub async fn form(db: &Db, resident: ResidentId, now: OffsetDateTime, lang: Lang) -> Result<RequestForm, Error> {
    let processings = db::privacy_request::purposes(db).await?.into_iter().map(|(code, nl, en)| (code, lang.pick(&nl, &en).to_string())).collect();
    let mine = db::privacy_request::for_resident(db, resident).await?.into_iter().map(|row| view(row, now, lang)).collect();
    Ok(RequestForm { processings, mine })
}

/// The resident sends a request. An objection names the processing.
pub async fn submit(db: &Db, resident: ResidentId, kind: &str, processing: Option<&str>, text: &str, now: OffsetDateTime) -> Result<PrivacyRequestId, Error> {
    use crate::error::FieldErrorCode;
    let kind = RequestKind::from_code(kind).ok_or(Error::field("kind", FieldErrorCode::Invalid))?;
    let text = Error::required_text("text", text, MAX_TEXT)?;
    let purpose = match (kind, processing.map(str::trim).filter(|p| !p.is_empty())) {
        (RequestKind::Objection, None) => return Err(Error::field("processing", FieldErrorCode::Missing)),
        (RequestKind::Objection, Some(code)) => {
            let known = db::privacy_request::purposes(db).await?;
            Some(known.into_iter().map(|(c, _, _)| c).find(|c| c == code).ok_or(Error::field("processing", FieldErrorCode::Invalid))?)
        }
        (RequestKind::Correction, _) => None,
    };
    let id = PrivacyRequestId::new();
    let new = db::privacy_request::NewRequest { id, resident, kind: kind.code(), purpose: purpose.as_deref(), body: &text, due_at: term_after(now) };
    db::privacy_request::insert(db, &new, now).await?;
    tracing::info!(request = %id, kind = kind.code(), "privacy request received");
    Ok(id)
}

fn staff_view(row: db::privacy_request::RequestRow, now: OffsetDateTime, lang: Lang) -> StaffPrivacyRequest {
    let resident = row.resident_id;
    let masked_bsn = Bsn::parse(&row.bsn).map(|b| b.masked()).unwrap_or_default();
    StaffPrivacyRequest { request: view(row, now, lang), resident, masked_bsn }
}

/// The privacy officer's worklist: open ones by term, then closed ones;
/// each resident shown is a logged read.
pub async fn worklist(db: &Db, staff: &Staff, now: OffsetDateTime, lang: Lang) -> Result<Vec<StaffPrivacyRequest>, Error> {
    let rows = db::privacy_request::worklist(db, WORKLIST).await?;
    let mut seen = std::collections::HashSet::new();
    let entries: Vec<Entry> = rows.iter().filter(|r| seen.insert(r.resident_id)).map(|r| Entry::read(staff.id, r.resident_id, Category::Listing, PURPOSE)).collect();
    processing_log::record_reads(db, &entries, now).await?;
    Ok(rows.into_iter().map(|row| staff_view(row, now, lang)).collect())
}

/// One request, for the privacy officer; the read is logged.
pub async fn open(db: &Db, staff: &Staff, id: PrivacyRequestId, now: OffsetDateTime, lang: Lang) -> Result<StaffPrivacyRequest, Error> {
    let row = db::privacy_request::find(db, id).await?.ok_or(Error::NotFound)?;
    let entry = Entry::read(staff.id, row.resident_id, Category::PrivacyRequest, PURPOSE).object(id);
    processing_log::record_reads(db, &[entry], now).await?;
    Ok(staff_view(row, now, lang))
}

/// Closes an open request with the answer the resident reads; the
/// resident gets the "something changed" notice.
pub async fn close(db: &Db, staff: &Staff, id: PrivacyRequestId, answer: &str, now: OffsetDateTime) -> Result<Committed<()>, Error> {
    let answer = Error::required_text("answer", answer, MAX_TEXT)?;
    let row = db::privacy_request::find(db, id).await?.ok_or(Error::NotFound)?;
    let mut tx = db.begin().await?;
    if !db::privacy_request::close(&mut tx, id, &answer, staff.id, now).await? {
        return Err(Error::Conflict);
    }
    let entry = Entry::change(staff.id, row.resident_id, Category::PrivacyRequest, PURPOSE).object(id);
    processing_log::record(&mut tx, &entry, now).await?;
    let effects = notice::enqueue(&mut tx, Notice::CaseChanged { resident: row.resident_id }, now).await?;
    tx.commit().await?;
    tracing::info!(request = %id, "privacy request answered");
    Ok(Committed::new((), effects))
}

#[cfg(test)]
mod tests {
    use time::macros::datetime;

    use super::*;

    #[test]
    fn the_term_is_one_calendar_month() {
        assert_eq!(term_after(datetime!(2026-11-30 10:00 UTC)), datetime!(2026-12-30 10:00 UTC));
        assert_eq!(term_after(datetime!(2026-01-31 10:00 UTC)), datetime!(2026-02-28 10:00 UTC));
        assert_eq!(term_after(datetime!(2026-12-15 10:00 UTC)), datetime!(2027-01-15 10:00 UTC));
    }
}
