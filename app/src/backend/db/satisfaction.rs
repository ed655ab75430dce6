//! SQL for satisfaction questions (`satisfaction`) and the refusals of
//! them (`satisfaction_refusal`).

use time::OffsetDateTime;

use crate::backend::db::{on_db, on_tx, Db, Tx};
use crate::model::ids::{CaseId, CaseTypeId, ConversationId, ResidentId, SatisfactionId, SatisfactionRefusalId, TeamId};

/// Who is asked: a resident, or the address of someone Loket does not know.
#[derive(Debug, Clone, Copy)]
pub enum Person<'a> {
    Resident(ResidentId),
    Address(&'a str),
}

/// Whether this person said "no more questions", or was asked since `since`.
pub async fn may_ask(tx: &mut Tx, person: Person<'_>, since: OffsetDateTime) -> Result<bool, sqlx::Error> {
    let who = match person {
        Person::Resident(_) => "resident_id = $1",
        Person::Address(_) => "address = $1",
    };
    let sql = format!(
        "select cast((select count(*) from satisfaction_refusal where {who}) + (select count(*) from satisfaction where {who} and asked_at >= $2) as bigint)"
    );
    on_tx!(tx, conn => {
        let query = sqlx::query_scalar::<_, i64>(&sql);
        let query = match person { Person::Resident(r) => query.bind(r), Person::Address(a) => query.bind(a) };
        query.bind(since).fetch_one(conn).await.map(|n| n == 0)
    })
}

pub struct NewQuestion<'a> {
    pub conversation: ConversationId,
    pub person: Person<'a>,
    pub channel: &'a str,
    pub team: TeamId,
    pub case_type: Option<CaseTypeId>,
    pub token_hash: &'a str,
}

/// Records the question; false when this conversation was asked before.
pub async fn insert(tx: &mut Tx, q: &NewQuestion<'_>, now: OffsetDateTime) -> Result<bool, sqlx::Error> {
    let sql = "insert into satisfaction (id, conversation_id, resident_id, address, channel, team_id, case_type_id, token_hash, asked_at)
               values ($1, $2, $3, $4, $5, $6, $7, $8, $9) on conflict (conversation_id) do nothing";
    let (resident, address) = match q.person {
        Person::Resident(r) => (Some(r), None),
        Person::Address(a) => (None, Some(a)),
    };
    on_tx!(tx, conn => sqlx::query(sql)
        .bind(SatisfactionId::new()).bind(q.conversation).bind(resident).bind(address).bind(q.channel).bind(q.team).bind(q.case_type)
        .bind(q.token_hash).bind(now)
        .execute(conn).await.map(|r| r.rows_affected() == 1))
}

/// The case type of a case (the question's topic).
pub async fn case_type_of(tx: &mut Tx, case: CaseId) -> Result<Option<CaseTypeId>, sqlx::Error> {
    let sql = "select case_type_id from service_case where id = $1";
    on_tx!(tx, conn => sqlx::query_scalar::<_, CaseTypeId>(sql).bind(case).fetch_optional(conn).await)
}

/// A question as its page and the answering need it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct QuestionRow {
    pub id: SatisfactionId,
    pub conversation_id: ConversationId,
    pub resident_id: Option<ResidentId>,
    pub address: Option<String>,
    pub channel: String,
    pub asked_at: OffsetDateTime,
    pub score: Option<i64>,
}

const QUESTION: &str = "select id, conversation_id, resident_id, address, channel, asked_at, score from satisfaction";

pub async fn by_token(db: &Db, token_hash: &str) -> Result<Option<QuestionRow>, sqlx::Error> {
    let sql = format!("{QUESTION} where token_hash = $1");
    on_db!(db, pool => sqlx::query_as::<_, QuestionRow>(&sql).bind(token_hash).fetch_optional(pool).await)
}

pub async fn by_conversation(db: &Db, conversation: ConversationId) -> Result<Option<QuestionRow>, sqlx::Error> {
    let sql = format!("{QUESTION} where conversation_id = $1");
    on_db!(db, pool => sqlx::query_as::<_, QuestionRow>(&sql).bind(conversation).fetch_optional(pool).await)
}

/// The newest question asked on `channel` at `address` since `since`.
pub async fn latest_at(db: &Db, channel: &str, address: &str, since: OffsetDateTime) -> Result<Option<QuestionRow>, sqlx::Error> {
    let sql = format!(
        "{QUESTION} where channel = $1 and asked_at >= $3 and conversation_id in (select id from conversation where contact = $2)
         order by asked_at desc limit 1"
    );
    on_db!(db, pool => sqlx::query_as::<_, QuestionRow>(&sql).bind(channel).bind(address).bind(since).fetch_optional(pool).await)
}

/// Keeps the score (the last one given counts).
pub async fn answer(db: &Db, id: SatisfactionId, score: i64, now: OffsetDateTime) -> Result<(), sqlx::Error> {
    let sql = "update satisfaction set score = $1, answered_at = $2 where id = $3";
    on_db!(db, pool => sqlx::query(sql).bind(score).bind(now).bind(id).execute(pool).await.map(|_| ()))
}

/// "No more questions", once per person.
pub async fn refuse(db: &Db, person: Person<'_>, now: OffsetDateTime) -> Result<(), sqlx::Error> {
    let (resident, address) = match person {
        Person::Resident(r) => (Some(r), None),
        Person::Address(a) => (None, Some(a)),
    };
    let sql = "insert into satisfaction_refusal (id, resident_id, address, at) values ($1, $2, $3, $4) on conflict do nothing";
    on_db!(db, pool => sqlx::query(sql).bind(SatisfactionRefusalId::new()).bind(resident).bind(address).bind(now).execute(pool).await.map(|_| ()))
}
