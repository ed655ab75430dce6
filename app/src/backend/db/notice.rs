//! SQL for `notice`: the outbox of notices (to residents, and to staff about callback requests). Rows are
//! written in the transaction of the change they report and claimed by a
//! delivery worker with a lease, so several nodes never send one twice
//! at the same time.

use time::OffsetDateTime;

use crate::backend::db::{on_db, on_tx, Db, Tx};
use crate::model::ids::{ConversationId, MessageId, NoticeId, ResidentId};

pub struct NewNotice<'a> {
    pub resident_id: Option<ResidentId>,
    pub channel: &'a str,
    pub address: &'a str,
    pub language: &'a str,
    pub template: &'a str,
    /// Template parameters as JSON; emptied once sent.
    pub params: &'a str,
}

const INSERT: &str = "insert into notice
    (id, resident_id, channel, address, language, template, params, status, attempts, next_attempt_at, created_at, message_id)
    select $1, $2, $3, $4, $5, $6, $7, 'pending', 0, $8, $8, $9";

/// Queues a notice.
pub async fn insert(tx: &mut Tx, new: &NewNotice<'_>, now: OffsetDateTime) -> Result<NoticeId, sqlx::Error> {
    insert_for(tx, new, None, now).await
}

/// Queues a notice that carries a message out (a staff reply on e-mail, SMS or WhatsApp).
pub async fn insert_for(tx: &mut Tx, new: &NewNotice<'_>, message: Option<MessageId>, now: OffsetDateTime) -> Result<NoticeId, sqlx::Error> {
    let id = NoticeId::new();
    on_tx!(tx, conn => sqlx::query(INSERT)
        .bind(id).bind(new.resident_id).bind(new.channel).bind(new.address).bind(new.language).bind(new.template).bind(new.params).bind(now)
        .bind(message)
        .execute(conn).await.map(|_| ()))?;
    Ok(id)
}

/// The conversation whose message this notice carried (a resident's e-mail answers it).
pub async fn conversation_of(db: &Db, id: NoticeId) -> Result<Option<ConversationId>, sqlx::Error> {
    let sql = "select m.conversation_id from notice n join message m on m.id = n.message_id where n.id = $1";
    on_db!(db, pool => sqlx::query_scalar::<_, ConversationId>(sql).bind(id).fetch_optional(pool).await)
}

/// Queues a notice unless the same notice for this resident still waits for its first attempt
/// (two changes in a row give one mail); true when queued.
pub async fn insert_unless_waiting(tx: &mut Tx, new: &NewNotice<'_>, now: OffsetDateTime) -> Result<bool, sqlx::Error> {
    let sql = format!(
        "{INSERT} where not exists (select 1 from notice
             where resident_id = $2 and channel = $3 and template = $6 and status = 'pending' and attempts = 0)"
    );
    on_tx!(tx, conn => sqlx::query(&sql)
        .bind(NoticeId::new()).bind(new.resident_id).bind(new.channel).bind(new.address).bind(new.language).bind(new.template).bind(new.params).bind(now)
        .bind(None::<MessageId>)
        .execute(conn).await.map(|r| r.rows_affected() == 1))
}

#[derive(Debug, sqlx::FromRow)]
pub struct ClaimedRow {
    pub id: NoticeId,
    pub resident_id: Option<ResidentId>,
    pub channel: String,
    pub address: String,
    pub language: String,
    pub template: String,
    pub params: String,
    /// Including this one.
    pub attempts: i64,
    pub message_id: Option<MessageId>,
}

/// Claims up to `limit` due notices until `lease_until` with the worker's
/// `token`. Another worker skips them until the lease ends (a worker that
/// died mid-send is retried then).
pub async fn claim_due(db: &Db, now: OffsetDateTime, lease_until: OffsetDateTime, token: uuid::Uuid, limit: i64) -> Result<Vec<ClaimedRow>, sqlx::Error> {
    let due = "select id from notice
               where status = 'pending' and next_attempt_at <= $2 and (locked_until is null or locked_until <= $2)
               order by next_attempt_at, id limit $3";
    let sql = |lock: &str| {
        format!(
            "update notice set locked_until = $1, claim_token = $4, attempts = attempts + 1 where id in ({due}{lock})
             returning id, resident_id, channel, address, language, template, params, attempts, message_id"
        )
    };
    match db {
        // SQLite has one writer at a time: the update is atomic as it is.
        Db::Sqlite(pool) => sqlx::query_as::<_, ClaimedRow>(&sql("")).bind(lease_until).bind(now).bind(limit).bind(token).fetch_all(pool).await,
        Db::Postgres(pool) => {
            sqlx::query_as::<_, ClaimedRow>(&sql(" for update skip locked")).bind(lease_until).bind(now).bind(limit).bind(token).fetch_all(pool).await
        }
    }
}

/// Records a delivery and forgets the template parameters (a code, say);
/// false when the claim `token` is no longer the notice's.
pub async fn mark_sent(db: &Db, id: NoticeId, token: uuid::Uuid, now: OffsetDateTime) -> Result<bool, sqlx::Error> {
    let sql = "update notice set status = 'sent', sent_at = $1, params = '{}', locked_until = null, claim_token = null, last_error = null
               where id = $2 and claim_token = $3";
    on_db!(db, pool => sqlx::query(sql).bind(now).bind(id).bind(token).execute(pool).await.map(|r| r.rows_affected() == 1))
}

/// Records a failed attempt: tried again at `next_attempt_at`, or given up when `None`.
/// `error` names the failure without personal data. False when the claim
/// `token` is no longer the notice's.
pub async fn mark_failed(db: &Db, id: NoticeId, token: uuid::Uuid, next_attempt_at: Option<OffsetDateTime>, error: &str) -> Result<bool, sqlx::Error> {
    let sql = "update notice set
                 status = case when $1 is null then 'failed' else 'pending' end,
                 next_attempt_at = coalesce($1, next_attempt_at), locked_until = null, claim_token = null, last_error = $2
               where id = $3 and claim_token = $4";
    on_db!(db, pool => sqlx::query(sql).bind(next_attempt_at).bind(error).bind(id).bind(token).execute(pool).await.map(|r| r.rows_affected() == 1))
}

/// Drops the resident's notices on a channel that were not sent yet (they withdrew the address).
pub async fn delete_waiting(db: &Db, resident: ResidentId, channel: &str) -> Result<u64, sqlx::Error> {
    let sql = "delete from notice where resident_id = $1 and channel = $2 and status = 'pending'";
    on_db!(db, pool => sqlx::query(sql).bind(resident).bind(channel).execute(pool).await.map(|r| r.rows_affected()))
}

#[derive(Debug, sqlx::FromRow)]
pub struct NotificationRow {
    pub template: String,
    pub status: String,
    pub attempts: i64,
    pub last_error: Option<String>,
}

/// The resident's notices, oldest first.
pub async fn list_for_resident(db: &Db, resident: ResidentId) -> Result<Vec<NotificationRow>, sqlx::Error> {
    let sql = "select template, status, attempts, last_error from notice where resident_id = $1 order by created_at, id";
    on_db!(db, pool => sqlx::query_as::<_, NotificationRow>(sql).bind(resident).fetch_all(pool).await)
}

/// How many notices with this template the resident was queued since `since` (to limit code mails).
pub async fn count_since(db: &Db, resident: ResidentId, template: &str, since: OffsetDateTime) -> Result<i64, sqlx::Error> {
    let sql = "select count(*) from notice where resident_id = $1 and template = $2 and created_at > $3";
    on_db!(db, pool => sqlx::query_scalar::<_, i64>(sql).bind(resident).bind(template).bind(since).fetch_one(pool).await)
}
