//! Retention (bewaartermijnen): the functional administrator sets how many
//! years after closing a case of each type is kept, and the terms of what
//! has no case type; a daily job removes what passed them and writes a
//! report of counts the privacy officer reads. A dry run counts without
//! removing. Consent records are never removed here: the law asks to keep
//! the proof of a consent as long as the processing it allowed.
//!
//! What goes with a case: its statuses, to-dos, documents (files too),
//! appointments and conversations. With a conversation: its messages,
//! attachments (files too), notices about them, calls, hand-over links and
//! routing texts. A run removes in batches, each its own transaction, so
//! other writers never wait for a whole run. Files are removed after their
//! batch commits: a crash in between leaves a file without a row, which
//! the orphan sweep removes.

use time::{Duration, OffsetDateTime};

use crate::backend::{
    db::{self, Db},
    storage::DocumentStorage,
    Error,
};
use crate::error::FieldErrorCode;
use crate::i18n::Lang;
use crate::model::ids::{CaseId, CaseTypeId, ConversationId, StaffId};
use crate::model::retention::{CaseTypeTerm, RetentionSettings, RunReport, Term, YEAR_CHOICES};

/// Conversations without a case, after closing.
pub const CONVERSATIONS: &str = "gesprek";
/// Callback requests, after closing.
pub const CALLBACKS: &str = "terugbelverzoek";
/// Processing-log rows, after they were written.
pub const PROCESSING_LOG: &str = "verwerkingenlog";
/// Notices sent (which address, when), after sending.
pub const NOTICES: &str = "melding";

/// The terms that apply until the administrator sets them: a year for
/// contacts without a case and notices, five for the processing log.
const DEFAULT_TERMS: [(&str, i64); 4] = [(CONVERSATIONS, 1), (CALLBACKS, 1), (PROCESSING_LOG, 5), (NOTICES, 1)];

/// A real run is made at most once in this long, whichever node asks.
pub const RUN_EVERY: Duration = Duration::hours(23);

fn label_key(category: &str) -> &'static str {
    match category {
        CONVERSATIONS => "retention-term-conversations",
        CALLBACKS => "retention-term-callbacks",
        PROCESSING_LOG => "retention-term-processing-log",
        _ => "retention-term-notices",
    }
}

/// The counts a report holds, in this order.
const COUNTS: [&str; 9] = ["zaken", "documenten", "gesprekken", "berichten", "bijlagen", "terugbelverzoeken", "verwerkingen", "meldingen", "routeringsteksten"];

fn count_key(code: &str) -> &'static str {
    match code {
        "zaken" => "retention-count-cases",
        "documenten" => "retention-count-documents",
        "gesprekken" => "retention-count-conversations",
        "berichten" => "retention-count-messages",
        "bijlagen" => "retention-count-attachments",
        "terugbelverzoeken" => "retention-count-callbacks",
        "verwerkingen" => "retention-count-processing-log",
        "meldingen" => "retention-count-notices",
        _ => "retention-count-routing-texts",
    }
}

/// `years` years before `now` (29 February becomes 28 February).
pub fn years_before(now: OffsetDateTime, years: i64) -> OffsetDateTime {
    let year = now.year() - years as i32;
    now.replace_year(year).or_else(|_| now.replace_day(28).and_then(|d| d.replace_year(year))).unwrap_or(now)
}

/// The terms of the categories without a case type: as set, else the default.
struct Terms(Vec<(String, i64)>);

impl Terms {
    async fn load(db: &Db) -> Result<Terms, Error> {
        Ok(Terms(db::retention::terms(db).await?))
    }

    fn of(&self, category: &str) -> i64 {
        self.0
            .iter()
            .find(|(c, _)| c == category)
            .map(|(_, y)| *y)
            .or_else(|| DEFAULT_TERMS.iter().find(|(c, _)| *c == category).map(|(_, y)| *y))
            .unwrap_or(1)
    }
}

/// The administrator's page: every case type with its term, and the other terms.
pub async fn settings(db: &Db, lang: Lang) -> Result<RetentionSettings, Error> {
    let case_types = db::retention::case_type_terms(db)
        .await?
        .into_iter()
        .map(|t| CaseTypeTerm { id: t.id, name: lang.pick(&t.name_nl, &t.name_en).to_string(), years: t.retention_years })
        .collect();
    let set = Terms::load(db).await?;
    let terms = DEFAULT_TERMS
        .iter()
        .map(|(category, _)| Term { category: category.to_string(), name: lang.t(label_key(category)).to_string(), years: set.of(category) })
        .collect();
    Ok(RetentionSettings { case_types, terms })
}

fn chosen(years: i64) -> Result<i64, Error> {
    YEAR_CHOICES.contains(&years).then_some(years).ok_or(Error::field("years", FieldErrorCode::Invalid))
}

/// Sets a case type's term; `None` leaves its cases kept.
pub async fn set_case_type_term(db: &Db, case_type: CaseTypeId, years: Option<i64>) -> Result<(), Error> {
    let years = years.map(chosen).transpose()?;
    if !db::retention::set_case_type_term(db, case_type, years).await? {
        return Err(Error::NotFound);
    }
    tracing::info!(case_type = %case_type, ?years, "retention term of a case type set");
    Ok(())
}

/// Sets the term of a category without a case type.
pub async fn set_term(db: &Db, category: &str, years: i64, staff: StaffId, now: OffsetDateTime) -> Result<(), Error> {
    let category = DEFAULT_TERMS.iter().map(|(c, _)| *c).find(|c| *c == category).ok_or(Error::field("category", FieldErrorCode::Invalid))?;
    db::retention::set_term(db, category, chosen(years)?, Some(staff), now).await?;
    tracing::info!(category, years, "retention term set");
    Ok(())
}

/// Cases and conversations go in batches of this many, each batch in its
/// own transaction: other writers (SQLite has one at a time) wait for a
/// batch, never for a whole run.
const BATCH: usize = 500;
/// Processing-log rows, notices and routing texts per transaction.
const ROWS: i64 = 5_000;

/// What one run found (a dry run) or removed, in [`COUNTS`]' order.
#[derive(Default)]
struct Tally([u64; 9]);

impl Tally {
    fn add(&mut self, code: &str, n: u64) {
        if let Some(i) = COUNTS.iter().position(|c| *c == code) {
            self.0[i] += n;
        }
    }
}

/// Finds what passed its term and, unless `dry_run`, removes it, a batch
/// at a time; writes the report either way. `staff`: who asked (`None`:
/// the daily job). A run stopped halfway keeps what it removed; the next
/// one removes the rest.
pub async fn run(db: &Db, storage: &dyn DocumentStorage, now: OffsetDateTime, dry_run: bool, staff: Option<StaffId>) -> Result<Vec<(&'static str, u64)>, Error> {
    let mut cases = Vec::new();
    for case_type in db::retention::case_type_terms(db).await? {
        if let Some(years) = case_type.retention_years {
            cases.extend(db::retention::cases_closed_before(db, case_type.id, years_before(now, years)).await?);
        }
    }
    let terms = Terms::load(db).await?;
    let conversation_cutoff = years_before(now, terms.of(CONVERSATIONS));
    let loose = db::retention::loose_conversations_closed_before(db, conversation_cutoff).await?;
    let callbacks = db::retention::callbacks_closed_before(db, years_before(now, terms.of(CALLBACKS))).await?;
    let log_cutoff = years_before(now, terms.of(PROCESSING_LOG));
    let notice_cutoff = years_before(now, terms.of(NOTICES));

    let mut tally = Tally::default();
    for batch in cases.chunks(BATCH) {
        let conversations = db::retention::conversations_of_cases(db, batch).await?;
        remove(db, storage, batch, &conversations, dry_run, &mut tally).await?;
    }
    for batch in loose.chunks(BATCH) {
        remove(db, storage, &[], batch, dry_run, &mut tally).await?;
    }
    tally.add("terugbelverzoeken", callbacks.len() as u64);
    if dry_run {
        tally.add("verwerkingen", db::retention::count_log_before(db, log_cutoff).await? as u64);
        tally.add("meldingen", db::retention::count_notices_before(db, notice_cutoff).await? as u64);
        tally.add("routeringsteksten", db::retention::count_routing_texts_before(db, conversation_cutoff).await? as u64);
    } else {
        for batch in callbacks.chunks(BATCH) {
            db::retention::delete_callbacks(db, batch).await?;
        }
        tally.add("verwerkingen", until_done(|| db::retention::delete_log_before(db, log_cutoff, ROWS)).await?);
        tally.add("meldingen", until_done(|| db::retention::delete_notices_before(db, notice_cutoff, ROWS)).await?);
        tally.add("routeringsteksten", until_done(|| db::retention::clear_routing_texts_before(db, conversation_cutoff, ROWS)).await?);
    }
    let counts: Vec<(&'static str, u64)> = COUNTS.into_iter().zip(tally.0).collect();
    let report = serde_json::to_string(&counts).map_err(|_| Error::Internal("a retention report could not be written"))?;
    db::retention::insert_run(db, dry_run, &report, staff, now).await?;
    tracing::info!(dry_run, report = %report, "retention run");
    Ok(counts)
}

/// One batch: counts these cases and conversations with what they hold
/// and, unless `dry_run`, removes them in one transaction, then their files.
async fn remove(db: &Db, storage: &dyn DocumentStorage, cases: &[CaseId], conversations: &[ConversationId], dry_run: bool, tally: &mut Tally) -> Result<(), Error> {
    let mut tx = db.begin().await?;
    let documents = db::retention::count_documents(&mut tx, cases).await?;
    let (messages, attachments) = db::retention::count_conversation_parts(&mut tx, conversations).await?;
    let mut files = db::retention::document_files(&mut tx, cases).await?;
    files.extend(db::retention::attachment_files(&mut tx, conversations).await?);
    if !dry_run {
        db::retention::delete_conversations(&mut tx, conversations).await?;
        db::retention::delete_cases(&mut tx, cases).await?;
        tx.commit().await?;
        for key in &files {
            storage.delete(key).await.map_err(|_| Error::Internal("removing a file past its term failed"))?;
        }
    }
    for (code, n) in [("zaken", cases.len() as u64), ("documenten", documents), ("gesprekken", conversations.len() as u64), ("berichten", messages), ("bijlagen", attachments)] {
        tally.add(code, n);
    }
    Ok(())
}

/// Repeats a step that handles at most [`ROWS`] rows until one handles
/// fewer; how many all handled.
async fn until_done<F, Fut>(mut step: F) -> Result<u64, Error>
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Result<u64, sqlx::Error>>,
{
    let mut total = 0;
    loop {
        let n = step().await?;
        total += n;
        if n < ROWS as u64 {
            return Ok(total);
        }
    }
}

/// The daily run: once per [`RUN_EVERY`] over all nodes.
pub async fn daily(db: &Db, storage: &dyn DocumentStorage, now: OffsetDateTime) -> Result<(), Error> {
    if db::retention::ran_since(db, now - RUN_EVERY).await? {
        return Ok(());
    }
    run(db, storage, now, false, None).await.map(|_| ())
}

/// The newest reports, for the administrator and the privacy officer.
pub async fn reports(db: &Db, lang: Lang, limit: i64) -> Result<Vec<RunReport>, Error> {
    Ok(db::retention::runs(db, limit)
        .await?
        .into_iter()
        .map(|row| {
            let counts: Vec<(String, u64)> = serde_json::from_str(&row.counts).unwrap_or_default();
            RunReport {
                at: crate::backend::local_time::format_moment(lang, row.at),
                dry_run: row.dry_run,
                counts: counts.into_iter().map(|(code, n)| (lang.t(count_key(&code)).to_string(), n)).collect(),
            }
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use time::macros::datetime;

    use super::*;

    #[test]
    fn a_term_counts_whole_years_back_and_a_leap_day_becomes_the_28th() {
        assert_eq!(years_before(datetime!(2026-11-30 10:00 UTC), 5), datetime!(2021-11-30 10:00 UTC));
        assert_eq!(years_before(datetime!(2028-02-29 10:00 UTC), 1), datetime!(2027-02-28 10:00 UTC));
    }

    #[test]
    fn only_the_selectielijst_terms_can_be_chosen() {
        assert_eq!(chosen(7).unwrap(), 7);
        assert!(chosen(3).is_err());
        assert!(chosen(0).is_err());
    }
}
