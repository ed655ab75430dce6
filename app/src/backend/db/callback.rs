//! SQL for callback requests: `callback_type`, `callback` and its history
//! `callback_event`. A reminder step is a conditional update on the number
//! of reminders seen, so of several workers exactly one takes each step.

use time::OffsetDateTime;

use crate::backend::db::{on_db, on_tx, Db, Tx};
use crate::model::ids::{CallbackId, CallbackTypeId, ConversationId, ResidentId, StaffId, TeamId};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct TypeRow {
    pub id: CallbackTypeId,
    pub slug: String,
    pub name_nl: String,
    pub name_en: String,
    pub team_id: TeamId,
    pub term_hours: i64,
    pub reminder_hours: i64,
    pub questions: String,
}

const TYPE: &str = "select id, slug, name_nl, name_en, team_id, term_hours, reminder_hours, questions from callback_type";

pub async fn types(db: &Db) -> Result<Vec<TypeRow>, sqlx::Error> {
    let sql = format!("{TYPE} order by name_nl, id");
    on_db!(db, pool => sqlx::query_as::<_, TypeRow>(&sql).fetch_all(pool).await)
}

pub async fn find_type(db: &Db, id: CallbackTypeId) -> Result<Option<TypeRow>, sqlx::Error> {
    let sql = format!("{TYPE} where id = $1");
    on_db!(db, pool => sqlx::query_as::<_, TypeRow>(&sql).bind(id).fetch_optional(pool).await)
}

pub async fn insert_type_if_absent(tx: &mut Tx, row: &TypeRow, now: OffsetDateTime) -> Result<bool, sqlx::Error> {
    let sql = "insert into callback_type (id, slug, name_nl, name_en, team_id, term_hours, reminder_hours, questions, created_at)
               values ($1, $2, $3, $4, $5, $6, $7, $8, $9) on conflict (slug) do nothing";
    on_tx!(tx, conn => sqlx::query(sql)
        .bind(row.id).bind(&row.slug).bind(&row.name_nl).bind(&row.name_en).bind(row.team_id).bind(row.term_hours).bind(row.reminder_hours).bind(&row.questions).bind(now)
        .execute(conn).await.map(|r| r.rows_affected() == 1))
}

/// The functional administrator changes a type's term, reminder interval and questions.
pub async fn update_type(db: &Db, id: CallbackTypeId, term_hours: i64, reminder_hours: i64, questions: &str) -> Result<bool, sqlx::Error> {
    let sql = "update callback_type set term_hours = $1, reminder_hours = $2, questions = $3 where id = $4";
    on_db!(db, pool => sqlx::query(sql).bind(term_hours).bind(reminder_hours).bind(questions).bind(id).execute(pool).await.map(|r| r.rows_affected() == 1))
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct CallbackRow {
    pub id: CallbackId,
    pub callback_type_id: CallbackTypeId,
    pub type_nl: String,
    pub type_en: String,
    pub resident_id: Option<ResidentId>,
    pub conversation_id: Option<ConversationId>,
    pub phone: String,
    pub preferred_time: String,
    pub question: String,
    pub answers: String,
    pub team_id: TeamId,
    pub team_nl: String,
    pub team_en: String,
    pub owner_id: Option<StaffId>,
    pub owner_name: Option<String>,
    pub backup_id: Option<StaffId>,
    pub backup_name: Option<String>,
    pub status: String,
    pub due_at: OffsetDateTime,
    pub reminders: i64,
    pub next_reminder_at: Option<OffsetDateTime>,
    pub escalated_at: Option<OffsetDateTime>,
    pub result: Option<String>,
    pub created_by: Option<StaffId>,
    pub created_at: OffsetDateTime,
}

const CALLBACK: &str = "select c.id, c.callback_type_id, ct.name_nl as type_nl, ct.name_en as type_en, c.resident_id, c.conversation_id,
        c.phone, c.preferred_time, c.question, c.answers, c.team_id, t.name_nl as team_nl, t.name_en as team_en,
        c.owner_id, o.name as owner_name, c.backup_id, b.name as backup_name, c.status, c.due_at, c.reminders,
        c.next_reminder_at, c.escalated_at, c.result, c.created_by, c.created_at
    from callback c
    join callback_type ct on ct.id = c.callback_type_id
    join team t on t.id = c.team_id
    left join staff_member o on o.id = c.owner_id
    left join staff_member b on b.id = c.backup_id";

pub struct NewCallback<'a> {
    pub id: CallbackId,
    pub client_id: uuid::Uuid,
    pub callback_type_id: CallbackTypeId,
    pub resident_id: Option<ResidentId>,
    pub conversation_id: Option<ConversationId>,
    pub phone: &'a str,
    pub preferred_time: &'a str,
    pub question: &'a str,
    pub answers: &'a str,
    pub team_id: TeamId,
    pub owner_id: Option<StaffId>,
    pub backup_id: Option<StaffId>,
    pub due_at: OffsetDateTime,
    pub created_by: Option<StaffId>,
}

/// Adds a request; false when one with this client id exists (a double submit).
pub async fn insert(tx: &mut Tx, new: &NewCallback<'_>, now: OffsetDateTime) -> Result<bool, sqlx::Error> {
    let sql = "insert into callback (id, client_id, callback_type_id, resident_id, conversation_id, phone, preferred_time, question, answers,
                   team_id, owner_id, backup_id, status, due_at, reminders, next_reminder_at, created_by, created_at, updated_at)
               values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, 'open', $13, 0, $13, $14, $15, $15)
               on conflict (client_id) do nothing";
    on_tx!(tx, conn => sqlx::query(sql)
        .bind(new.id).bind(new.client_id).bind(new.callback_type_id).bind(new.resident_id).bind(new.conversation_id).bind(new.phone)
        .bind(new.preferred_time).bind(new.question).bind(new.answers).bind(new.team_id).bind(new.owner_id).bind(new.backup_id)
        .bind(new.due_at).bind(new.created_by).bind(now)
        .execute(conn).await.map(|r| r.rows_affected() == 1))
}

pub async fn by_client_id(db: &Db, client_id: uuid::Uuid) -> Result<Option<CallbackRow>, sqlx::Error> {
    let sql = format!("{CALLBACK} where c.client_id = $1");
    on_db!(db, pool => sqlx::query_as::<_, CallbackRow>(&sql).bind(client_id).fetch_optional(pool).await)
}

pub async fn find(db: &Db, id: CallbackId) -> Result<Option<CallbackRow>, sqlx::Error> {
    let sql = format!("{CALLBACK} where c.id = $1");
    on_db!(db, pool => sqlx::query_as::<_, CallbackRow>(&sql).bind(id).fetch_optional(pool).await)
}

pub async fn find_for_resident(db: &Db, resident: ResidentId, id: CallbackId) -> Result<Option<CallbackRow>, sqlx::Error> {
    let sql = format!("{CALLBACK} where c.id = $1 and c.resident_id = $2");
    on_db!(db, pool => sqlx::query_as::<_, CallbackRow>(&sql).bind(id).bind(resident).fetch_optional(pool).await)
}

/// The resident's open requests, soonest term first.
pub async fn open_for_resident(db: &Db, resident: ResidentId) -> Result<Vec<CallbackRow>, sqlx::Error> {
    let sql = format!("{CALLBACK} where c.resident_id = $1 and c.status = 'open' order by c.due_at, c.id");
    on_db!(db, pool => sqlx::query_as::<_, CallbackRow>(&sql).bind(resident).fetch_all(pool).await)
}

/// Which open requests a worklist shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Worklist {
    /// Owned by this person, or escalated to them as backup.
    Mine(StaffId),
    /// Owned by the team (nobody in particular) or by anyone in it.
    Team(TeamId),
    /// Past their term.
    Overdue,
    Escalated,
}

/// Open requests of a worklist that `staff` may see (their teams', or
/// theirs as owner, backup or maker), the most urgent first: escalated, then by term.
pub async fn worklist(db: &Db, staff: StaffId, list: Worklist, limit: i64, now: OffsetDateTime) -> Result<Vec<CallbackRow>, sqlx::Error> {
    let order = format!("order by case when c.escalated_at is null then 1 else 0 end, c.due_at, c.id limit {}", limit.clamp(1, 500));
    let scope = "(c.owner_id = $1 or c.backup_id = $1 or c.created_by = $1 or c.team_id in (select st.team_id from staff_team st where st.staff_id = $1))";
    match list {
        Worklist::Mine(_) => {
            let sql = format!("{CALLBACK} where c.status = 'open' and (c.owner_id = $1 or {ESCALATED_TO}) {order}");
            on_db!(db, pool => sqlx::query_as::<_, CallbackRow>(&sql).bind(staff).fetch_all(pool).await)
        }
        Worklist::Team(team) => {
            let sql = format!("{CALLBACK} where c.status = 'open' and {scope} and c.team_id = $2 {order}");
            on_db!(db, pool => sqlx::query_as::<_, CallbackRow>(&sql).bind(staff).bind(team).fetch_all(pool).await)
        }
        Worklist::Overdue => {
            let sql = format!("{CALLBACK} where c.status = 'open' and {scope} and c.due_at <= $2 {order}");
            on_db!(db, pool => sqlx::query_as::<_, CallbackRow>(&sql).bind(staff).bind(now).fetch_all(pool).await)
        }
        Worklist::Escalated => {
            let sql = format!("{CALLBACK} where c.status = 'open' and {scope} and c.escalated_at is not null {order}");
            on_db!(db, pool => sqlx::query_as::<_, CallbackRow>(&sql).bind(staff).fetch_all(pool).await)
        }
    }
}

/// Escalated to `$1`: the named backup, or (without one) the team's lead.
const ESCALATED_TO: &str = "(c.escalated_at is not null and (c.backup_id = $1
    or (c.backup_id is null and exists (select 1 from team lt where lt.id = c.team_id and lt.lead_id = $1))))";

/// Counts for the navigation: mine, my teams', overdue, escalated.
pub async fn counts(db: &Db, staff: StaffId, now: OffsetDateTime) -> Result<(i64, i64, i64, i64), sqlx::Error> {
    let sql = format!("select
                 coalesce(sum(case when c.owner_id = $1 or {ESCALATED_TO} then 1 else 0 end), 0),
                 coalesce(sum(case when c.team_id in (select st.team_id from staff_team st where st.staff_id = $1) then 1 else 0 end), 0),
                 coalesce(sum(case when c.due_at <= $2 then 1 else 0 end), 0),
                 coalesce(sum(case when c.escalated_at is not null then 1 else 0 end), 0)
               from callback c where c.status = 'open'
                 and (c.owner_id = $1 or c.backup_id = $1 or c.created_by = $1 or c.team_id in (select st.team_id from staff_team st where st.staff_id = $1))");
    on_db!(db, pool => sqlx::query_as::<_, (i64, i64, i64, i64)>(&sql).bind(staff).bind(now).fetch_one(pool).await)
}

/// Requests whose next reminder is due, for the reminder worker.
pub async fn due_for_reminder(db: &Db, now: OffsetDateTime, limit: i64) -> Result<Vec<CallbackRow>, sqlx::Error> {
    let sql = format!("{CALLBACK} where c.status = 'open' and c.next_reminder_at <= $1 order by c.next_reminder_at, c.id limit $2");
    on_db!(db, pool => sqlx::query_as::<_, CallbackRow>(&sql).bind(now).bind(limit).fetch_all(pool).await)
}

/// Takes one reminder step: from `seen` reminders to `seen + 1`, the next
/// due at `next` (`None` after escalation), escalated when `escalate`.
/// False when another worker took this step already.
pub async fn take_step(tx: &mut Tx, id: CallbackId, seen: i64, next: Option<OffsetDateTime>, escalate: bool, now: OffsetDateTime) -> Result<bool, sqlx::Error> {
    let sql = "update callback set reminders = reminders + 1, next_reminder_at = $1, updated_at = $2,
                 escalated_at = case when $3 then $2 else escalated_at end
               where id = $4 and reminders = $5 and status = 'open' and next_reminder_at <= $2";
    on_tx!(tx, conn => sqlx::query(sql).bind(next).bind(now).bind(escalate).bind(id).bind(seen).execute(conn).await.map(|r| r.rows_affected() == 1))
}

/// Hands the request to another owner (a person, or the team) with a fresh term.
pub async fn hand_over(tx: &mut Tx, id: CallbackId, team: TeamId, owner: Option<StaffId>, due_at: OffsetDateTime, now: OffsetDateTime) -> Result<bool, sqlx::Error> {
    let sql = "update callback set team_id = $1, owner_id = $2, due_at = $3, next_reminder_at = $3, reminders = 0, escalated_at = null, updated_at = $4
               where id = $5 and status = 'open'";
    on_tx!(tx, conn => sqlx::query(sql).bind(team).bind(owner).bind(due_at).bind(now).bind(id).execute(conn).await.map(|r| r.rows_affected() == 1))
}

/// Ends the request: handled (with its result) or cancelled by the resident.
pub async fn close(tx: &mut Tx, id: CallbackId, status: &str, result: Option<&str>, now: OffsetDateTime) -> Result<bool, sqlx::Error> {
    let sql = "update callback set status = $1, result = $2, closed_at = $3, updated_at = $3, next_reminder_at = null where id = $4 and status = 'open'";
    on_tx!(tx, conn => sqlx::query(sql).bind(status).bind(result).bind(now).bind(id).execute(conn).await.map(|r| r.rows_affected() == 1))
}

/// The resident adds to their question.
pub async fn append_question(tx: &mut Tx, id: CallbackId, addition: &str, now: OffsetDateTime) -> Result<bool, sqlx::Error> {
    let sql = "update callback set question = question || $1, updated_at = $2 where id = $3 and status = 'open'";
    on_tx!(tx, conn => sqlx::query(sql).bind(addition).bind(now).bind(id).execute(conn).await.map(|r| r.rows_affected() == 1))
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct EventRow {
    pub kind: String,
    pub staff_name: Option<String>,
    pub reached: Option<bool>,
    pub channel: Option<String>,
    pub note: Option<String>,
    pub created_at: OffsetDateTime,
}

pub struct NewEvent<'a> {
    pub callback_id: CallbackId,
    pub kind: &'a str,
    pub staff_id: Option<StaffId>,
    pub reached: Option<bool>,
    pub channel: Option<&'a str>,
    pub note: Option<&'a str>,
}

pub async fn insert_event(tx: &mut Tx, new: &NewEvent<'_>, now: OffsetDateTime) -> Result<(), sqlx::Error> {
    let sql = "insert into callback_event (id, callback_id, kind, staff_id, reached, channel, note, created_at) values ($1, $2, $3, $4, $5, $6, $7, $8)";
    on_tx!(tx, conn => sqlx::query(sql)
        .bind(uuid::Uuid::now_v7()).bind(new.callback_id).bind(new.kind).bind(new.staff_id).bind(new.reached).bind(new.channel).bind(new.note).bind(now)
        .execute(conn).await.map(|_| ()))
}

/// The history, oldest first.
pub async fn events(db: &Db, id: CallbackId) -> Result<Vec<EventRow>, sqlx::Error> {
    let sql = "select e.kind, s.name as staff_name, e.reached, e.channel, e.note, e.created_at
               from callback_event e left join staff_member s on s.id = e.staff_id where e.callback_id = $1 order by e.created_at, e.id";
    on_db!(db, pool => sqlx::query_as::<_, EventRow>(sql).bind(id).fetch_all(pool).await)
}

/// How many events of a kind a request has (tests and the history).
pub async fn count_events(db: &Db, id: CallbackId, kind: &str) -> Result<i64, sqlx::Error> {
    let sql = "select count(*) from callback_event where callback_id = $1 and kind = $2";
    on_db!(db, pool => sqlx::query_scalar::<_, i64>(sql).bind(id).bind(kind).fetch_one(pool).await)
}

/// Every request's status, reminders taken, whether escalated and its term (tests of the demo).
#[cfg(test)]
pub async fn states(db: &Db) -> Result<Vec<(String, i64, bool, OffsetDateTime)>, sqlx::Error> {
    let sql = "select status, reminders, escalated_at is not null, due_at from callback order by created_at, id";
    on_db!(db, pool => sqlx::query_as::<_, (String, i64, bool, OffsetDateTime)>(sql).fetch_all(pool).await)
}
