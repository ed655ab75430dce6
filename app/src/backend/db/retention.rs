//! SQL for retention (bewaartermijnen): the terms, what passed them, the
//! removal of it a batch per transaction, and the reports of every run.
//! What goes is found first as ids, then removed children first, in
//! chunks small enough for both databases' parameter limits.

use time::OffsetDateTime;

use crate::backend::db::{on_db, on_tx, Db, Tx};
use crate::model::ids::{CallbackId, CaseId, CaseTypeId, ConversationId, StaffId};

/// Ids per statement (SQLite allows 32,766 parameters; PostgreSQL 65,535).
const CHUNK: usize = 500;

#[derive(Debug, sqlx::FromRow)]
pub struct CaseTypeTermRow {
    pub id: CaseTypeId,
    pub name_nl: String,
    pub name_en: String,
    pub retention_years: Option<i64>,
}

pub async fn case_type_terms(db: &Db) -> Result<Vec<CaseTypeTermRow>, sqlx::Error> {
    let sql = "select id, name_nl, name_en, retention_years from case_type order by name_nl";
    on_db!(db, pool => sqlx::query_as::<_, CaseTypeTermRow>(sql).fetch_all(pool).await)
}

pub async fn set_case_type_term(db: &Db, case_type: CaseTypeId, years: Option<i64>) -> Result<bool, sqlx::Error> {
    on_db!(db, pool => sqlx::query("update case_type set retention_years = $1 where id = $2").bind(years).bind(case_type)
        .execute(pool).await.map(|r| r.rows_affected() == 1))
}

/// The terms set for what has no case type (category code, years).
pub async fn terms(db: &Db) -> Result<Vec<(String, i64)>, sqlx::Error> {
    on_db!(db, pool => sqlx::query_as::<_, (String, i64)>("select category, years from retention_term").fetch_all(pool).await)
}

pub async fn set_term(db: &Db, category: &str, years: i64, staff: Option<StaffId>, now: OffsetDateTime) -> Result<(), sqlx::Error> {
    let sql = "insert into retention_term (category, years, updated_by, updated_at) values ($1, $2, $3, $4)
               on conflict (category) do update set years = excluded.years, updated_by = excluded.updated_by, updated_at = excluded.updated_at";
    on_db!(db, pool => sqlx::query(sql).bind(category).bind(years).bind(staff).bind(now).execute(pool).await.map(|_| ()))
}

/// Closed cases of a type, closed before `before`.
pub async fn cases_closed_before(db: &Db, case_type: CaseTypeId, before: OffsetDateTime) -> Result<Vec<CaseId>, sqlx::Error> {
    let sql = "select id from service_case where case_type_id = $1 and closed_at is not null and closed_at < $2";
    on_db!(db, pool => sqlx::query_scalar::<_, CaseId>(sql).bind(case_type).bind(before).fetch_all(pool).await)
}

/// Conversations of these cases, whatever their state.
pub async fn conversations_of_cases(db: &Db, cases: &[CaseId]) -> Result<Vec<ConversationId>, sqlx::Error> {
    let mut found = Vec::new();
    for chunk in cases.chunks(CHUNK) {
        let sql = format!("select id from conversation where case_id in ({})", placeholders(1, chunk.len()));
        let ids: Vec<ConversationId> = on_db!(db, pool => {
            let mut q = sqlx::query_scalar::<_, ConversationId>(&sql);
            for id in chunk { q = q.bind(*id); }
            q.fetch_all(pool).await
        })?;
        found.extend(ids);
    }
    Ok(found)
}

/// Closed conversations without a case, closed before `before`.
pub async fn loose_conversations_closed_before(db: &Db, before: OffsetDateTime) -> Result<Vec<ConversationId>, sqlx::Error> {
    let sql = "select id from conversation where case_id is null and status = 'closed' and closed_at < $1";
    on_db!(db, pool => sqlx::query_scalar::<_, ConversationId>(sql).bind(before).fetch_all(pool).await)
}

pub async fn callbacks_closed_before(db: &Db, before: OffsetDateTime) -> Result<Vec<CallbackId>, sqlx::Error> {
    let sql = "select id from callback where closed_at is not null and closed_at < $1";
    on_db!(db, pool => sqlx::query_scalar::<_, CallbackId>(sql).bind(before).fetch_all(pool).await)
}

pub async fn count_log_before(db: &Db, before: OffsetDateTime) -> Result<i64, sqlx::Error> {
    on_db!(db, pool => sqlx::query_scalar::<_, i64>("select count(*) from processing_log where at < $1").bind(before).fetch_one(pool).await)
}

pub async fn count_notices_before(db: &Db, before: OffsetDateTime) -> Result<i64, sqlx::Error> {
    let sql = "select count(*) from notice where status in ('sent', 'failed') and created_at < $1";
    on_db!(db, pool => sqlx::query_scalar::<_, i64>(sql).bind(before).fetch_one(pool).await)
}

pub async fn count_routing_texts_before(db: &Db, before: OffsetDateTime) -> Result<i64, sqlx::Error> {
    let sql = "select count(*) from routing_decision where created_at < $1 and text <> ''";
    on_db!(db, pool => sqlx::query_scalar::<_, i64>(sql).bind(before).fetch_one(pool).await)
}

fn placeholders(from: usize, count: usize) -> String {
    (from..from + count).map(|i| format!("${i}")).collect::<Vec<_>>().join(", ")
}

/// Runs `sql` (with `{ids}` for the placeholder list) once per chunk of
/// `ids`; the number of rows it touched (or, for a `select count(*)`, counted).
async fn per_chunk<I>(tx: &mut Tx, sql: &str, ids: &[I]) -> Result<u64, sqlx::Error>
where
    I: Copy + Into<uuid::Uuid>,
{
    let mut total = 0;
    for chunk in ids.chunks(CHUNK) {
        let sql = sql.replace("{ids}", &placeholders(1, chunk.len()));
        total += if sql.starts_with("select") {
            on_tx!(tx, conn => {
                let mut q = sqlx::query_scalar::<_, i64>(&sql);
                for id in chunk { q = q.bind(Into::<uuid::Uuid>::into(*id)); }
                q.fetch_one(conn).await
            })? as u64
        } else {
            on_tx!(tx, conn => {
                let mut q = sqlx::query(&sql);
                for id in chunk { q = q.bind(Into::<uuid::Uuid>::into(*id)); }
                q.execute(conn).await.map(|r| r.rows_affected())
            })?
        };
    }
    Ok(total)
}

/// Storage keys of the files of these cases' documents.
pub async fn document_files(tx: &mut Tx, cases: &[CaseId]) -> Result<Vec<String>, sqlx::Error> {
    keys(tx, "select storage_key from document where case_id in ({ids})", cases).await
}

/// Storage keys of the attachments of these conversations' messages.
pub async fn attachment_files(tx: &mut Tx, conversations: &[ConversationId]) -> Result<Vec<String>, sqlx::Error> {
    keys(tx, "select a.storage_key from message_attachment a join message m on m.id = a.message_id where m.conversation_id in ({ids})", conversations).await
}

async fn keys<I: Copy + Into<uuid::Uuid>>(tx: &mut Tx, sql: &str, ids: &[I]) -> Result<Vec<String>, sqlx::Error> {
    let mut found = Vec::new();
    for chunk in ids.chunks(CHUNK) {
        let sql = sql.replace("{ids}", &placeholders(1, chunk.len()));
        let keys: Vec<String> = on_tx!(tx, conn => {
            let mut q = sqlx::query_scalar::<_, String>(&sql);
            for id in chunk { q = q.bind(Into::<uuid::Uuid>::into(*id)); }
            q.fetch_all(conn).await
        })?;
        found.extend(keys);
    }
    Ok(found)
}

/// What removing these conversations removes: (messages, attachments).
pub async fn count_conversation_parts(tx: &mut Tx, conversations: &[ConversationId]) -> Result<(u64, u64), sqlx::Error> {
    let messages = per_chunk(tx, "select count(*) from message where conversation_id in ({ids})", conversations).await?;
    let attachments = per_chunk(tx, "select count(*) from message_attachment where message_id in (select id from message where conversation_id in ({ids}))", conversations).await?;
    Ok((messages, attachments))
}

/// How many documents these cases hold.
pub async fn count_documents(tx: &mut Tx, cases: &[CaseId]) -> Result<u64, sqlx::Error> {
    per_chunk(tx, "select count(*) from document where case_id in ({ids})", cases).await
}

/// Removes conversations with everything in them: messages, attachments,
/// notices about them, calls, hand-over links, routing texts. A callback
/// request that is kept longer loses only its link to the conversation.
pub async fn delete_conversations(tx: &mut Tx, conversations: &[ConversationId]) -> Result<(), sqlx::Error> {
    let messages = "select id from message where conversation_id in ({ids})";
    per_chunk(tx, &format!("delete from message_attachment where message_id in ({messages})"), conversations).await?;
    per_chunk(tx, &format!("delete from notice where message_id in ({messages})"), conversations).await?;
    for table in ["message", "phone_call", "handover", "routing_decision"] {
        per_chunk(tx, &format!("delete from {table} where conversation_id in ({{ids}})"), conversations).await?;
    }
    per_chunk(tx, "update callback set conversation_id = null where conversation_id in ({ids})", conversations).await?;
    per_chunk(tx, "update conversation set merged_into = null where merged_into in ({ids})", conversations).await?;
    per_chunk(tx, "delete from conversation where id in ({ids})", conversations).await?;
    Ok(())
}

/// Removes cases with their statuses, to-dos (with their payments), documents and appointments
/// (their conversations first, with [`delete_conversations`]).
pub async fn delete_cases(tx: &mut Tx, cases: &[CaseId]) -> Result<(), sqlx::Error> {
    per_chunk(tx, "delete from payment where todo_id in (select id from todo where case_id in ({ids}))", cases).await?;
    for table in ["case_status", "todo", "document", "appointment"] {
        per_chunk(tx, &format!("delete from {table} where case_id in ({{ids}})"), cases).await?;
    }
    per_chunk(tx, "delete from service_case where id in ({ids})", cases).await?;
    Ok(())
}

/// Removes callback requests with their events, in one transaction.
pub async fn delete_callbacks(db: &Db, callbacks: &[CallbackId]) -> Result<(), sqlx::Error> {
    let mut tx = db.begin().await?;
    per_chunk(&mut tx, "delete from callback_event where callback_id in ({ids})", callbacks).await?;
    per_chunk(&mut tx, "delete from callback where id in ({ids})", callbacks).await?;
    tx.commit().await
}

/// Removes at most `limit` processing-log rows from before `before`, in
/// one transaction: the log's triggers allow it only while that
/// transaction holds the permit. How many went.
pub async fn delete_log_before(db: &Db, before: OffsetDateTime, limit: i64) -> Result<u64, sqlx::Error> {
    let mut tx = db.begin().await?;
    on_tx!(&mut tx, conn => sqlx::query("insert into retention_permit (before) values ($1)").bind(before).execute(conn).await.map(|_| ()))?;
    let sql = "delete from processing_log where id in (select id from processing_log where at < $1 limit $2)";
    let removed = on_tx!(&mut tx, conn => sqlx::query(sql).bind(before).bind(limit).execute(conn).await.map(|r| r.rows_affected()))?;
    on_tx!(&mut tx, conn => sqlx::query("delete from retention_permit").execute(conn).await.map(|_| ()))?;
    tx.commit().await?;
    Ok(removed)
}

/// Removes at most `limit` sent or failed notices from before `before`.
pub async fn delete_notices_before(db: &Db, before: OffsetDateTime, limit: i64) -> Result<u64, sqlx::Error> {
    let sql = "delete from notice where id in (select id from notice where status in ('sent', 'failed') and created_at < $1 limit $2)";
    on_db!(db, pool => sqlx::query(sql).bind(before).bind(limit).execute(pool).await.map(|r| r.rows_affected()))
}

/// Routing decisions keep their team choice (what the suggestions learn
/// from) but lose the resident's text; at most `limit` at a time.
pub async fn clear_routing_texts_before(db: &Db, before: OffsetDateTime, limit: i64) -> Result<u64, sqlx::Error> {
    let sql = "update routing_decision set text = '' where id in (select id from routing_decision where created_at < $1 and text <> '' limit $2)";
    on_db!(db, pool => sqlx::query(sql).bind(before).bind(limit).execute(pool).await.map(|r| r.rows_affected()))
}

#[derive(Debug, sqlx::FromRow)]
pub struct RunRow {
    pub at: OffsetDateTime,
    pub dry_run: bool,
    pub counts: String,
}

pub async fn insert_run(db: &Db, dry_run: bool, counts: &str, staff: Option<StaffId>, now: OffsetDateTime) -> Result<(), sqlx::Error> {
    let sql = "insert into retention_run (id, at, dry_run, counts, staff_id) values ($1, $2, $3, $4, $5)";
    on_db!(db, pool => sqlx::query(sql).bind(uuid::Uuid::new_v4()).bind(now).bind(dry_run).bind(counts).bind(staff)
        .execute(pool).await.map(|_| ()))
}

/// Whether a real (not dry) run started after `since` (one a day, whichever node).
pub async fn ran_since(db: &Db, since: OffsetDateTime) -> Result<bool, sqlx::Error> {
    let sql = "select exists (select 1 from retention_run where dry_run = false and at > $1)";
    on_db!(db, pool => sqlx::query_scalar::<_, bool>(sql).bind(since).fetch_one(pool).await)
}

pub async fn runs(db: &Db, limit: i64) -> Result<Vec<RunRow>, sqlx::Error> {
    let sql = "select at, dry_run, counts from retention_run order by at desc limit $1";
    on_db!(db, pool => sqlx::query_as::<_, RunRow>(sql).bind(limit).fetch_all(pool).await)
}
