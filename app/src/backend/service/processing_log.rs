//! The processing log (verwerkingenlog): every read or change of resident
//! data by staff, written in the transaction of what it records (or of
//! the read it accounts for), with who and their role, which data, the
//! purpose and its legal ground, after the Logboek Dataverwerkingen.
//! Residents read their own log; the privacy officer searches and exports.

use time::OffsetDateTime;

use crate::backend::{auth::bsn::Bsn, db::{self, Db}, local_time, Error};
use crate::error::FieldErrorCode;
use crate::i18n::Lang;
use crate::model::ids::{ResidentId, StaffId, TeamId};
use crate::model::processing_log::{Category, LogEntry, Operation, Purpose, ResidentEntry};

/// Purpose codes (rows of `processing_purpose`) the services log under.
pub const CONTACT_HANDLING: &str = "klantcontact";
pub const CASE_HANDLING: &str = "zaakbehandeling";
pub const CALLBACK_HANDLING: &str = "terugbelverzoek";
pub const CONSENT_HANDLING: &str = "toestemmingenbeheer";
pub const IDENTIFICATION: &str = "identificatie";
pub const RELOCATION: &str = "verhuizing";
pub const APPOINTMENT_HANDLING: &str = "afspraakbeheer";

/// One processing to log.
pub struct Entry<'a> {
    pub staff: StaffId,
    pub resident: ResidentId,
    pub team: Option<TeamId>,
    pub category: Category,
    pub object: Option<uuid::Uuid>,
    pub operation: Operation,
    pub purpose: &'a str,
    /// Why, for the sensitive actions that ask for it.
    pub reason: Option<&'a str>,
}

impl<'a> Entry<'a> {
    /// A read of `category` for `purpose`.
    pub fn read(staff: StaffId, resident: ResidentId, category: Category, purpose: &'a str) -> Entry<'a> {
        Entry { staff, resident, team: None, category, object: None, operation: Operation::Read, purpose, reason: None }
    }

    /// A change of `category` for `purpose`.
    pub fn change(staff: StaffId, resident: ResidentId, category: Category, purpose: &'a str) -> Entry<'a> {
        Entry { operation: Operation::Change, ..Entry::read(staff, resident, category, purpose) }
    }

    pub fn object(self, id: impl Into<uuid::Uuid>) -> Entry<'a> {
        Entry { object: Some(id.into()), ..self }
    }

    pub fn team(self, team: TeamId) -> Entry<'a> {
        Entry { team: Some(team), ..self }
    }

    pub fn reason(self, reason: &'a str) -> Entry<'a> {
        Entry { reason: Some(reason), ..self }
    }
}

/// Logs inside the caller's transaction: the processing and its log line commit together.
pub async fn record(tx: &mut db::Tx, entry: &Entry<'_>, now: OffsetDateTime) -> Result<(), Error> {
    Ok(db::processing_log::insert(tx, &new_entry(entry), now).await?)
}

fn new_entry<'a>(entry: &'a Entry<'a>) -> db::processing_log::NewEntry<'a> {
    db::processing_log::NewEntry {
        staff_id: entry.staff,
        resident_id: entry.resident,
        team_id: entry.team,
        category: entry.category.code(),
        object_id: entry.object,
        operation: entry.operation.code(),
        purpose: entry.purpose,
        reason: entry.reason,
    }
}

/// Logs reads that change nothing else (a page, a list, a search result):
/// all their lines in one transaction, a statement per hundred.
pub async fn record_reads(db: &Db, entries: &[Entry<'_>], now: OffsetDateTime) -> Result<(), Error> {
    if entries.is_empty() {
        return Ok(());
    }
    let lines: Vec<_> = entries.iter().map(new_entry).collect();
    let mut tx = db.begin().await?;
    db::processing_log::insert_many(&mut tx, &lines, now).await?;
    tx.commit().await?;
    Ok(())
}

/// Logs a list (inbox, worklist) as one read per resident it shows, in
/// the team of the first row that showed them; rows of nobody yet are skipped.
pub async fn record_listing(
    db: &Db,
    staff: StaffId,
    shown: impl Iterator<Item = (Option<ResidentId>, TeamId)>,
    purpose: &str,
    now: OffsetDateTime,
) -> Result<(), Error> {
    let mut seen = std::collections::HashSet::new();
    let entries: Vec<Entry> = shown
        .filter_map(|(resident, team)| resident.filter(|r| seen.insert(*r)).map(|r| Entry::read(staff, r, Category::Listing, purpose).team(team)))
        .collect();
    record_reads(db, &entries, now).await
}

/// A reason staff must give for a sensitive action: trimmed, 3 to 500 characters.
pub fn reason(raw: &str) -> Result<&str, Error> {
    let reason = raw.trim();
    match reason.chars().count() {
        0..3 => Err(Error::field("reason", FieldErrorCode::Missing)),
        501.. => Err(Error::field("reason", FieldErrorCode::TooLong)),
        _ => Ok(reason),
    }
}

/// How many rows the resident's own page lists.
const RESIDENT_PAGE: i64 = 200;

/// "Wie heeft mijn gegevens bekeken": the resident's own log, newest
/// first, by team (the municipality shows teams, not names).
pub async fn for_resident(db: &Db, resident: ResidentId, lang: Lang) -> Result<Vec<ResidentEntry>, Error> {
    let rows = db::processing_log::for_resident(db, resident, RESIDENT_PAGE).await?;
    Ok(rows
        .into_iter()
        .map(|row| {
            let what = Category::from_code(&row.category).map(|c| lang.t(c.label_key())).unwrap_or("-");
            ResidentEntry {
                at: local_time::format_moment(lang, row.at),
                by: match (&row.team_nl, &row.team_en) {
                    // No role: another system, through its API client (named for what it is, not a person).
                    _ if row.staff_role.is_empty() => row.staff_name.clone(),
                    (Some(nl), Some(en)) => format!("{} {}", lang.t("processing-team"), lang.pick(nl, en)),
                    _ => lang.t("processing-a-colleague").to_string(),
                },
                what: what.to_string(),
                purpose: lang.pick(&row.purpose_nl, &row.purpose_en).to_string(),
                changed: row.operation == Operation::Change.code(),
            }
        })
        .collect())
}

/// How many rows an export returns at most.
pub const EXPORT_LIMIT: i64 = 5000;
/// How many rows the page shows: the newest; a search narrows them.
pub const PAGE_LIMIT: i64 = 100;

/// A period from Dutch days (`YYYY-MM-DD`, both inclusive) as instants.
pub fn period(from: Option<&str>, until: Option<&str>) -> Result<(Option<OffsetDateTime>, Option<OffsetDateTime>), Error> {
    let day = |field: &'static str, raw: Option<&str>| -> Result<Option<time::Date>, Error> {
        match raw.map(str::trim).filter(|r| !r.is_empty()) {
            Some(raw) => time::Date::parse(raw, time::macros::format_description!("[year]-[month]-[day]")).map(Some).map_err(|_| Error::field(field, FieldErrorCode::Invalid)),
            None => Ok(None),
        }
    };
    let from = day("from", from)?.map(|d| local_time::instant(d.midnight()));
    let until = day("until", until)?.and_then(|d| d.next_day()).map(|d| local_time::instant(d.midnight()));
    Ok((from, until))
}

/// The resident a privacy officer names by BSN (11-test), if known.
pub async fn subject(db: &Db, bsn: &str) -> Result<Option<ResidentId>, Error> {
    let bsn = Bsn::parse(bsn).map_err(|_| Error::field("bsn", FieldErrorCode::Invalid))?;
    Ok(db::resident::find_by_bsn(db, bsn.expose()).await?)
}

/// The privacy officer's search: by resident and period, newest first, at most `limit` rows.
pub async fn search(db: &Db, resident: Option<ResidentId>, from: Option<OffsetDateTime>, until: Option<OffsetDateTime>, limit: i64, lang: Lang) -> Result<Vec<LogEntry>, Error> {
    let search = db::processing_log::Search { resident, staff: None, from, until };
    let rows = db::processing_log::search(db, &search, limit).await?;
    Ok(rows
        .into_iter()
        .map(|row| LogEntry {
            at: local_time::format_moment(lang, row.at),
            staff: row.staff_name,
            // Codes in words: roles, read or changed, the purpose's name.
            role: row
                .staff_role
                .split_whitespace()
                .map(|code| crate::model::staff_member::Role::from_code(code).map_or(code, |r| lang.t(r.label_key())))
                .collect::<Vec<_>>()
                .join(", "),
            team: row.team_nl.as_deref().zip(row.team_en.as_deref()).map(|(nl, en)| lang.pick(nl, en).to_string()).unwrap_or_default(),
            resident: Bsn::parse(&row.bsn).map(|b| b.masked()).unwrap_or_default(),
            // The category's code is a Dutch word ("klantbeeld", "zaak"), as the privacy officer knows them.
            category: row.category,
            object: row.object_id.map(|o| o.to_string()).unwrap_or_default(),
            operation: match row.operation.as_str() {
                "read" => lang.t("resident-processing-log-viewed").to_string(),
                _ => lang.t("resident-processing-log-changed").to_string(),
            },
            purpose: lang.pick(&row.purpose_nl, &row.purpose_en).to_string(),
            legal_ground: row.legal_ground,
            reason: row.reason.unwrap_or_default(),
        })
        .collect())
}

/// The search as CSV.
pub fn csv(entries: &[LogEntry]) -> String {
    let header = ["tijdstip", "medewerker", "rol", "team", "inwoner", "categorie", "object", "handeling", "doel", "grondslag", "reden"];
    crate::backend::csv::table(
        &header,
        entries.iter().map(|e| {
            [&e.at, &e.staff, &e.role, &e.team, &e.resident, &e.category, &e.object, &e.operation, &e.purpose, &e.legal_ground, &e.reason].map(|c| c.to_string())
        }),
    )
}

/// The purposes an agent may state when opening the 360-degree view.
pub async fn purposes(db: &Db, lang: Lang) -> Result<Vec<Purpose>, Error> {
    Ok(db::processing_log::asked_purposes(db)
        .await?
        .into_iter()
        .map(|p| Purpose { name: lang.pick(&p.name_nl, &p.name_en).to_string(), code: p.code })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reason_is_short_text_that_says_something() {
        assert!(reason("  ").is_err());
        assert!(reason("ok").is_err());
        assert_eq!(reason("  legitimatie gezien aan de balie ").unwrap(), "legitimatie gezien aan de balie");
        assert!(reason(&"x".repeat(501)).is_err());
    }

    #[test]
    fn csv_cells_cannot_start_a_formula() {
        let entry = LogEntry {
            at: "1".into(), staff: "=HYPERLINK(\"x\")".into(), role: "kcc".into(), team: String::new(), resident: "*****3653".into(),
            category: "zaak".into(), object: String::new(), operation: "read".into(), purpose: "klantcontact".into(), legal_ground: "g".into(), reason: String::new(),
        };
        let out = csv(&[entry]);
        assert!(out.lines().nth(1).unwrap().contains("\"HYPERLINK(\"\"x\"\")\""));
    }
}
