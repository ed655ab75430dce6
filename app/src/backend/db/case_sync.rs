//! SQL for the local copy of cases from a ZGW case system: writing a
//! fetched case with its type, status types, statuses and documents (rows
//! keyed by their `zgw_url`), and the two queues of what to fetch again
//! (`case_refresh` per case, `case_import` per resident), claimed with a
//! lease token.

use time::{Date, OffsetDateTime};

use crate::backend::db::{on_db, on_tx, Db, Tx};
use crate::model::ids::{CaseId, CaseTypeId, DocumentId, ResidentId, StatusTypeId, TeamId};

pub struct CopiedCaseType<'a> {
    pub zgw_url: &'a str,
    pub code: &'a str,
    pub name: &'a str,
    pub description: &'a str,
    pub lead_time_days: i64,
    pub team_id: TeamId,
    pub confidentiality: &'a str,
}

/// Writes a case type as the case system has it; its id stays the same on every refresh.
pub async fn put_case_type(tx: &mut Tx, new: &CopiedCaseType<'_>, now: OffsetDateTime) -> Result<CaseTypeId, sqlx::Error> {
    let sql = "insert into case_type (id, code, name_nl, name_en, description_nl, description_en, lead_time_days, team_id, active, created_at, confidentiality, zgw_url)
               values ($1, $2, $3, $3, $4, $4, $5, $6, true, $7, $8, $9)
               on conflict (zgw_url) do update set name_nl = excluded.name_nl, name_en = excluded.name_en,
                   description_nl = excluded.description_nl, description_en = excluded.description_en,
                   lead_time_days = excluded.lead_time_days, confidentiality = excluded.confidentiality
               returning id";
    on_tx!(tx, conn => sqlx::query_scalar::<_, CaseTypeId>(sql)
        .bind(CaseTypeId::new()).bind(new.code).bind(new.name).bind(new.description).bind(new.lead_time_days)
        .bind(new.team_id).bind(now).bind(new.confidentiality).bind(new.zgw_url)
        .fetch_one(conn).await)
}

pub struct CopiedStatusType<'a> {
    pub zgw_url: &'a str,
    pub sequence: i64,
    pub name: &'a str,
    pub explanation: &'a str,
    pub is_final: bool,
}

pub async fn put_status_type(tx: &mut Tx, case_type: CaseTypeId, new: &CopiedStatusType<'_>) -> Result<StatusTypeId, sqlx::Error> {
    let sql = "insert into status_type (id, case_type_id, sequence, name_nl, name_en, explanation_nl, explanation_en, is_final, zgw_url)
               values ($1, $2, $3, $4, $4, $5, $5, $6, $7)
               on conflict (zgw_url) do update set sequence = excluded.sequence, name_nl = excluded.name_nl, name_en = excluded.name_en,
                   explanation_nl = excluded.explanation_nl, explanation_en = excluded.explanation_en, is_final = excluded.is_final
               returning id";
    on_tx!(tx, conn => sqlx::query_scalar::<_, StatusTypeId>(sql)
        .bind(StatusTypeId::new()).bind(case_type).bind(new.sequence).bind(new.name).bind(new.explanation)
        .bind(new.is_final).bind(new.zgw_url)
        .fetch_one(conn).await)
}

pub struct CopiedCase<'a> {
    pub zgw_url: &'a str,
    pub reference: &'a str,
    pub case_type_id: CaseTypeId,
    pub resident_id: ResidentId,
    pub started_on: Date,
    pub expected_decision_on: Option<Date>,
    pub closed_at: Option<OffsetDateTime>,
    /// When the case last changed there (its latest status), for the overview's order.
    pub changed_at: OffsetDateTime,
    /// The case's own confidentiality when stricter than its type's.
    pub confidentiality: Option<&'a str>,
}

/// Writes a case as the case system has it, fetched `now`; its id and resident stay the same.
pub async fn put_case(tx: &mut Tx, new: &CopiedCase<'_>, now: OffsetDateTime) -> Result<CaseId, sqlx::Error> {
    // The resident a copy belongs to never changes: documents they sent are found through it.
    let sql = "insert into service_case (id, reference, case_type_id, resident_id, started_on, expected_decision_on, closed_at, created_at, updated_at, zgw_url, refreshed_at, confidentiality)
               values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $8, $11)
               on conflict (zgw_url) do update set reference = excluded.reference, case_type_id = excluded.case_type_id,
                   started_on = excluded.started_on,
                   expected_decision_on = excluded.expected_decision_on, closed_at = excluded.closed_at,
                   updated_at = excluded.updated_at, refreshed_at = excluded.refreshed_at, confidentiality = excluded.confidentiality
               returning id";
    on_tx!(tx, conn => sqlx::query_scalar::<_, CaseId>(sql)
        .bind(CaseId::new()).bind(new.reference).bind(new.case_type_id).bind(new.resident_id).bind(new.started_on)
        .bind(new.expected_decision_on).bind(new.closed_at).bind(now).bind(new.changed_at).bind(new.zgw_url).bind(new.confidentiality)
        .fetch_one(conn).await)
}

/// Replaces a copied case's status history.
pub async fn put_statuses(tx: &mut Tx, case: CaseId, statuses: &[(StatusTypeId, OffsetDateTime)]) -> Result<(), sqlx::Error> {
    on_tx!(tx, conn => sqlx::query("delete from case_status where case_id = $1").bind(case).execute(conn).await.map(|_| ()))?;
    for (status_type, reached_at) in statuses {
        let sql = "insert into case_status (id, case_id, status_type_id, reached_at) values ($1, $2, $3, $4)";
        on_tx!(tx, conn => sqlx::query(sql).bind(crate::model::ids::CaseStatusId::new()).bind(case).bind(status_type).bind(reached_at).execute(conn).await.map(|_| ()))?;
    }
    Ok(())
}

pub struct CopiedDocument<'a> {
    pub zgw_url: &'a str,
    pub title: &'a str,
    pub file_name: &'a str,
    pub content_type: &'a str,
    pub size_bytes: i64,
    pub created_at: OffsetDateTime,
}

/// Makes a copied case's documents the ones given: new ones added, changed
/// ones updated (their ids, and so their links, stay), the rest removed.
pub async fn put_documents(tx: &mut Tx, case: CaseId, documents: &[CopiedDocument<'_>]) -> Result<(), sqlx::Error> {
    let existing: Vec<String> = on_tx!(tx, conn => sqlx::query_scalar::<_, String>("select zgw_url from document where case_id = $1 and zgw_url is not null")
        .bind(case).fetch_all(conn).await)?;
    for gone in existing.iter().filter(|url| !documents.iter().any(|d| d.zgw_url == url.as_str())) {
        on_tx!(tx, conn => sqlx::query("delete from document where zgw_url = $1").bind(gone).execute(conn).await.map(|_| ()))?;
    }
    for d in documents {
        let id = DocumentId::new();
        let sql = "insert into document (id, case_id, title, file_name, content_type, size_bytes, storage_key, added_by, created_at, zgw_url)
                   values ($1, $2, $3, $4, $5, $6, $7, 'staff', $8, $9)
                   on conflict (zgw_url) do update set case_id = excluded.case_id, title = excluded.title, file_name = excluded.file_name,
                       content_type = excluded.content_type, size_bytes = excluded.size_bytes";
        on_tx!(tx, conn => sqlx::query(sql)
            .bind(id).bind(case).bind(d.title).bind(d.file_name).bind(d.content_type).bind(d.size_bytes)
            .bind(id.to_string()).bind(d.created_at).bind(d.zgw_url)
            .execute(conn).await.map(|_| ()))?;
    }
    Ok(())
}

/// The local case copied from this URL, if any.
pub async fn case_by_url(db: &Db, zgw_url: &str) -> Result<Option<CaseId>, sqlx::Error> {
    on_db!(db, pool => sqlx::query_scalar::<_, CaseId>("select id from service_case where zgw_url = $1").bind(zgw_url).fetch_optional(pool).await)
}

/// The status history of the case copied from this URL (`None`: not copied), in order.
pub async fn statuses_of(tx: &mut Tx, zgw_url: &str) -> Result<Option<Vec<(StatusTypeId, OffsetDateTime)>>, sqlx::Error> {
    let case: Option<CaseId> = on_tx!(tx, conn => sqlx::query_scalar::<_, CaseId>("select id from service_case where zgw_url = $1").bind(zgw_url).fetch_optional(conn).await)?;
    let Some(case) = case else { return Ok(None) };
    let sql = "select status_type_id, reached_at from case_status where case_id = $1 order by reached_at, status_type_id";
    on_tx!(tx, conn => sqlx::query_as::<_, (StatusTypeId, OffsetDateTime)>(sql).bind(case).fetch_all(conn).await).map(Some)
}

/// The case system's URL of a document's case, for a document copied from there.
pub async fn case_url_of_document(db: &Db, document_url: &str) -> Result<Option<String>, sqlx::Error> {
    let sql = "select c.zgw_url from document d join service_case c on c.id = d.case_id where d.zgw_url = $1";
    on_db!(db, pool => sqlx::query_scalar::<_, Option<String>>(sql).bind(document_url).fetch_optional(pool).await.map(Option::flatten))
}

/// A case the case system no longer has: removed with its statuses and
/// documents when nothing of Loket's own refers to it (to-dos,
/// appointments, conversations, documents kept in Loket); otherwise closed and
/// emptied of documents, and left to the retention. Whether it was removed.
pub async fn forget_case(tx: &mut Tx, case: CaseId, now: OffsetDateTime) -> Result<bool, sqlx::Error> {
    on_tx!(tx, conn => sqlx::query("delete from document where case_id = $1 and zgw_url is not null").bind(case).execute(conn).await.map(|_| ()))?;
    let referenced = "select exists (select 1 from todo where case_id = $1) or exists (select 1 from appointment where case_id = $1)
                      or exists (select 1 from conversation where case_id = $1) or exists (select 1 from document where case_id = $1)";
    let referenced: bool = on_tx!(tx, conn => sqlx::query_scalar::<_, bool>(referenced).bind(case).fetch_one(conn).await)?;
    if referenced {
        let sql = "update service_case set closed_at = coalesce(closed_at, $1), updated_at = $1, refreshed_at = $1 where id = $2";
        on_tx!(tx, conn => sqlx::query(sql).bind(now).bind(case).execute(conn).await.map(|_| ()))?;
        return Ok(false);
    }
    on_tx!(tx, conn => sqlx::query("delete from case_status where case_id = $1").bind(case).execute(conn).await.map(|_| ()))?;
    on_tx!(tx, conn => sqlx::query("delete from service_case where id = $1").bind(case).execute(conn).await.map(|_| ()))?;
    Ok(true)
}

/// Queues a case to fetch again at `due_at`. Named again while queued, it
/// is fetched once; named while being fetched, it is marked `again`, so
/// the fetch under way leaves it queued and it is fetched once more (what
/// that fetch read may predate the change). The claim stays: no other
/// node fetches it meanwhile.
pub async fn queue_refresh(db: &Db, zgw_url: &str, due_at: OffsetDateTime, now: OffsetDateTime) -> Result<(), sqlx::Error> {
    let sql = "insert into case_refresh (zgw_url, due_at, lease_until, claim_token, again, attempts, created_at) values ($1, $2, null, null, false, 0, $3)
               on conflict (zgw_url) do update set due_at = case when case_refresh.due_at < excluded.due_at then case_refresh.due_at else excluded.due_at end,
                   again = case_refresh.claim_token is not null, attempts = 0";
    on_db!(db, pool => sqlx::query(sql).bind(zgw_url).bind(due_at).bind(now).execute(pool).await.map(|_| ()))
}

/// Queues a stale case for the reconciliation, unless it is queued already (its attempts kept).
pub async fn queue_stale(db: &Db, zgw_url: &str, now: OffsetDateTime) -> Result<(), sqlx::Error> {
    let sql = "insert into case_refresh (zgw_url, due_at, lease_until, claim_token, again, attempts, created_at) values ($1, $2, null, null, false, 0, $2)
               on conflict (zgw_url) do nothing";
    on_db!(db, pool => sqlx::query(sql).bind(zgw_url).bind(now).execute(pool).await.map(|_| ()))
}

/// A case that could not be fetched counts as fetched `now`: the
/// reconciliation tries it again after a day, not every round.
pub async fn postpone(db: &Db, zgw_url: &str, now: OffsetDateTime) -> Result<(), sqlx::Error> {
    let sql = "update service_case set refreshed_at = $1 where zgw_url = $2";
    on_db!(db, pool => sqlx::query(sql).bind(now).bind(zgw_url).execute(pool).await.map(|_| ()))
}

/// Claims up to `limit` due refreshes for `token` until `lease_until`.
pub async fn claim_refreshes(db: &Db, now: OffsetDateTime, lease_until: OffsetDateTime, token: uuid::Uuid, limit: i64) -> Result<Vec<(String, i64)>, sqlx::Error> {
    let due = "select zgw_url from case_refresh where due_at <= $2 and (lease_until is null or lease_until <= $2) order by due_at, zgw_url limit $3";
    let sql = |lock: &str| {
        format!(
            "update case_refresh set lease_until = $1, claim_token = $4, again = false, attempts = attempts + 1 where zgw_url in ({due}{lock})
             returning zgw_url, attempts"
        )
    };
    match db {
        // SQLite has one writer at a time: the update is atomic as it is.
        Db::Sqlite(pool) => sqlx::query_as::<_, (String, i64)>(&sql("")).bind(lease_until).bind(now).bind(limit).bind(token).fetch_all(pool).await,
        Db::Postgres(pool) => sqlx::query_as::<_, (String, i64)>(&sql(" for update skip locked")).bind(lease_until).bind(now).bind(limit).bind(token).fetch_all(pool).await,
    }
}

/// A claimed refresh is done: removed, or, when it was named again
/// meanwhile, left due for another fetch.
pub async fn finish_refresh(db: &Db, zgw_url: &str, token: uuid::Uuid) -> Result<(), sqlx::Error> {
    let sql = "delete from case_refresh where zgw_url = $1 and claim_token = $2 and not again";
    let deleted = on_db!(db, pool => sqlx::query(sql).bind(zgw_url).bind(token).execute(pool).await.map(|r| r.rows_affected() == 1))?;
    if !deleted {
        let sql = "update case_refresh set lease_until = null, claim_token = null, again = false, attempts = 0 where zgw_url = $1 and claim_token = $2";
        on_db!(db, pool => sqlx::query(sql).bind(zgw_url).bind(token).execute(pool).await.map(|_| ()))?;
    }
    Ok(())
}

/// A claimed refresh failed: tried again at `due_at`.
pub async fn retry_refresh(db: &Db, zgw_url: &str, token: uuid::Uuid, due_at: OffsetDateTime) -> Result<(), sqlx::Error> {
    let sql = "update case_refresh set due_at = $1, lease_until = null, claim_token = null, again = false where zgw_url = $2 and claim_token = $3";
    on_db!(db, pool => sqlx::query(sql).bind(due_at).bind(zgw_url).bind(token).execute(pool).await.map(|_| ()))
}

/// How many cases wait to be fetched (for the tests and the health of the fetcher).
pub async fn queued_refreshes(db: &Db) -> Result<i64, sqlx::Error> {
    on_db!(db, pool => sqlx::query_scalar::<_, i64>("select count(*) from case_refresh").fetch_one(pool).await)
}

/// The copied cases fetched longest ago (before `before`), for the reconciliation.
pub async fn stalest_cases(db: &Db, before: OffsetDateTime, limit: i64) -> Result<Vec<String>, sqlx::Error> {
    let sql = "select c.zgw_url from service_case c where c.zgw_url is not null and c.refreshed_at < $1
                 and not exists (select 1 from case_refresh q where q.zgw_url = c.zgw_url)
               order by c.refreshed_at limit $2";
    on_db!(db, pool => sqlx::query_scalar::<_, String>(sql).bind(before).bind(limit).fetch_all(pool).await)
}

/// Queues the resident's cases to be found by BSN, unless they were found
/// after `fresh_after` or are queued already.
pub async fn queue_import(db: &Db, resident: ResidentId, fresh_after: OffsetDateTime, now: OffsetDateTime) -> Result<bool, sqlx::Error> {
    let sql = "insert into case_import (resident_id, due_at, attempts) values ($1, $2, 0)
               on conflict (resident_id) do update set due_at = excluded.due_at, attempts = 0
               where case_import.due_at is null and (case_import.imported_at is null or case_import.imported_at < $3)";
    on_db!(db, pool => sqlx::query(sql).bind(resident).bind(now).bind(fresh_after).execute(pool).await.map(|r| r.rows_affected() == 1))
}

/// Claims up to `limit` due imports until `lease_until` (the claim's token): residents with their BSN.
pub async fn claim_imports(db: &Db, now: OffsetDateTime, lease_until: OffsetDateTime, limit: i64) -> Result<Vec<(ResidentId, String, i64)>, sqlx::Error> {
    let due = "select resident_id from case_import where due_at <= $2 and (lease_until is null or lease_until <= $2) order by due_at limit $3";
    let sql = |lock: &str| {
        format!(
            "update case_import set lease_until = $1, attempts = attempts + 1 where resident_id in ({due}{lock})
             returning resident_id, (select bsn from resident r where r.id = case_import.resident_id), attempts"
        )
    };
    match db {
        Db::Sqlite(pool) => sqlx::query_as::<_, (ResidentId, String, i64)>(&sql("")).bind(lease_until).bind(now).bind(limit).fetch_all(pool).await,
        Db::Postgres(pool) => sqlx::query_as::<_, (ResidentId, String, i64)>(&sql(" for update skip locked")).bind(lease_until).bind(now).bind(limit).fetch_all(pool).await,
    }
}

/// A claimed import is done (`failed`: it failed and is tried again at `retry_at`, or given up when `None`).
pub async fn finish_import(db: &Db, resident: ResidentId, lease_until: OffsetDateTime, outcome: ImportOutcome) -> Result<(), sqlx::Error> {
    let (sql, at, due) = match outcome {
        ImportOutcome::Imported { at } => ("update case_import set imported_at = $1, due_at = $2, lease_until = null, failed_at = null where resident_id = $3 and lease_until = $4", at, None),
        ImportOutcome::Failed { at, retry_at } => ("update case_import set failed_at = $1, due_at = $2, lease_until = null where resident_id = $3 and lease_until = $4", at, retry_at),
    };
    on_db!(db, pool => sqlx::query(sql).bind(at).bind(due).bind(resident).bind(lease_until).execute(pool).await.map(|_| ()))
}

pub enum ImportOutcome {
    Imported { at: OffsetDateTime },
    Failed { at: OffsetDateTime, retry_at: Option<OffsetDateTime> },
}

/// How the resident's cases stand against the case system: when they were
/// last found, when that last failed, whether it is queued.
#[derive(Debug, sqlx::FromRow)]
pub struct ImportRow {
    pub imported_at: Option<OffsetDateTime>,
    pub failed_at: Option<OffsetDateTime>,
    pub due_at: Option<OffsetDateTime>,
}

pub async fn import_of(db: &Db, resident: ResidentId) -> Result<Option<ImportRow>, sqlx::Error> {
    let sql = "select imported_at, failed_at, due_at from case_import where resident_id = $1";
    on_db!(db, pool => sqlx::query_as::<_, ImportRow>(sql).bind(resident).fetch_optional(pool).await)
}

/// Residents whose cases were last found before `before`, having logged in
/// since `active_since`, for the reconciliation: the longest ago first.
pub async fn stalest_imports(db: &Db, before: OffsetDateTime, active_since: OffsetDateTime, limit: i64) -> Result<Vec<ResidentId>, sqlx::Error> {
    let sql = "select i.resident_id from case_import i join resident r on r.id = i.resident_id
               where i.due_at is null and i.imported_at < $1 and r.last_login_at >= $2
               order by i.imported_at limit $3";
    on_db!(db, pool => sqlx::query_scalar::<_, ResidentId>(sql).bind(before).bind(active_since).bind(limit).fetch_all(pool).await)
}
