//! SQL for `phone_call`: calls the telephony platform reported, each tied
//! to the caller's conversation.

use time::OffsetDateTime;

use crate::backend::db::{on_db, on_tx, Db, Tx};
use crate::model::ids::{ConversationId, PhoneCallId, StaffId};

pub struct NewCall<'a> {
    pub provider_call_id: &'a str,
    pub caller: &'a str,
    pub agent: Option<&'a str>,
    pub staff_id: Option<StaffId>,
    pub conversation_id: ConversationId,
    pub started_at: OffsetDateTime,
    /// Seconds in the queue before an agent took it, when the platform says.
    pub queued_seconds: Option<i64>,
}

/// Records a started call; false when the platform reported it before.
pub async fn insert(tx: &mut Tx, new: &NewCall<'_>) -> Result<bool, sqlx::Error> {
    let sql = "insert into phone_call (id, provider_call_id, caller, agent, staff_id, conversation_id, started_at, queued_seconds)
               values ($1, $2, $3, $4, $5, $6, $7, $8) on conflict (provider_call_id) do nothing";
    on_tx!(tx, conn => sqlx::query(sql)
        .bind(PhoneCallId::new()).bind(new.provider_call_id).bind(new.caller).bind(new.agent).bind(new.staff_id).bind(new.conversation_id).bind(new.started_at)
        .bind(new.queued_seconds)
        .execute(conn).await.map(|r| r.rows_affected() == 1))
}

#[derive(Debug, sqlx::FromRow)]
pub struct CallRow {
    pub id: PhoneCallId,
    pub provider_call_id: String,
    pub caller: String,
    pub staff_id: Option<StaffId>,
    pub conversation_id: ConversationId,
    pub started_at: OffsetDateTime,
    pub ended_at: Option<OffsetDateTime>,
}

const CALL: &str = "select id, provider_call_id, caller, staff_id, conversation_id, started_at, ended_at from phone_call";

/// Ends a call once; the call as it was, or `None` when unknown or already ended.
pub async fn end(tx: &mut Tx, provider_call_id: &str, at: OffsetDateTime) -> Result<Option<CallRow>, sqlx::Error> {
    let sql = format!("update phone_call set ended_at = $1 where provider_call_id = $2 and ended_at is null
                       returning id, provider_call_id, caller, staff_id, conversation_id, started_at, ended_at");
    on_tx!(tx, conn => sqlx::query_as::<_, CallRow>(&sql).bind(at).bind(provider_call_id).fetch_optional(conn).await)
}

/// Calls that are on now, oldest first.
pub async fn active(db: &Db) -> Result<Vec<CallRow>, sqlx::Error> {
    let sql = format!("{CALL} where ended_at is null order by started_at, id limit 200");
    on_db!(db, pool => sqlx::query_as::<_, CallRow>(&sql).fetch_all(pool).await)
}

/// The call the platform knows by this id.
pub async fn find(db: &Db, provider_call_id: &str) -> Result<Option<CallRow>, sqlx::Error> {
    let sql = format!("{CALL} where provider_call_id = $1");
    on_db!(db, pool => sqlx::query_as::<_, CallRow>(&sql).bind(provider_call_id).fetch_optional(pool).await)
}

/// The call on now in this conversation, if any.
pub async fn active_in(db: &Db, conversation: ConversationId) -> Result<Option<CallRow>, sqlx::Error> {
    let sql = format!("{CALL} where conversation_id = $1 and ended_at is null order by started_at desc limit 1");
    on_db!(db, pool => sqlx::query_as::<_, CallRow>(&sql).bind(conversation).fetch_optional(pool).await)
}
