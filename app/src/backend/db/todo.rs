//! SQL for to-dos: what the municipality needs from a resident, and how it was done.

use time::{Date, OffsetDateTime};

use crate::backend::db::{on_db, on_tx, Db, Tx};
use crate::model::ids::{AppointmentId, CaseId, ProductId, ResidentId, StaffId, TodoId};

#[derive(Debug, sqlx::FromRow)]
pub struct TodoRow {
    pub id: TodoId,
    pub case_id: CaseId,
    pub resident_id: ResidentId,
    pub type_nl: String,
    pub type_en: String,
    pub kind: String,
    pub title_nl: String,
    pub title_en: String,
    pub description_nl: String,
    pub description_en: String,
    pub due_on: Date,
    pub choices: String,
    pub product_id: Option<ProductId>,
    pub amount_cents: Option<i64>,
    pub answer: Option<String>,
    pub appointment_id: Option<AppointmentId>,
    pub appointment_starts_at: Option<OffsetDateTime>,
    pub done_at: Option<OffsetDateTime>,
    pub reminded_at: Option<OffsetDateTime>,
}

const SELECT: &str = "
    select t.id, t.case_id, t.resident_id, ct.name_nl as type_nl, ct.name_en as type_en, t.kind,
           t.title_nl, t.title_en, t.description_nl, t.description_en, t.due_on,
           t.choices, t.product_id, t.amount_cents, t.answer, t.appointment_id,
           a.starts_at as appointment_starts_at, t.done_at, t.reminded_at
    from todo t
    join service_case c on c.id = t.case_id
    join case_type ct on ct.id = c.case_type_id
    left join appointment a on a.id = t.appointment_id";

/// The resident's open to-dos, nearest deadline first.
pub async fn list_open_for_resident(db: &Db, resident: ResidentId) -> Result<Vec<TodoRow>, sqlx::Error> {
    let sql = format!("{SELECT} where t.resident_id = $1 and t.done_at is null order by t.due_on, t.id");
    on_db!(db, pool => sqlx::query_as::<_, TodoRow>(&sql).bind(resident).fetch_all(pool).await)
}

/// The open to-dos of one of the resident's cases.
pub async fn list_open_for_case(db: &Db, resident: ResidentId, case: CaseId) -> Result<Vec<TodoRow>, sqlx::Error> {
    let sql = format!("{SELECT} where t.resident_id = $1 and t.done_at is null and t.case_id = $2 order by t.due_on, t.id");
    on_db!(db, pool => sqlx::query_as::<_, TodoRow>(&sql).bind(resident).bind(case).fetch_all(pool).await)
}

/// Every to-do of a case, open and done: open ones first, by deadline.
pub async fn list_for_case(db: &Db, case: CaseId) -> Result<Vec<TodoRow>, sqlx::Error> {
    let sql = format!("{SELECT} where t.case_id = $1 order by t.done_at is not null, t.due_on, t.id");
    on_db!(db, pool => sqlx::query_as::<_, TodoRow>(&sql).bind(case).fetch_all(pool).await)
}

/// One open to-do of the resident's, of `kind`.
pub async fn find_open(db: &Db, resident: ResidentId, todo: TodoId, kind: &str) -> Result<Option<TodoRow>, sqlx::Error> {
    let sql = format!("{SELECT} where t.resident_id = $1 and t.id = $2 and t.kind = $3 and t.done_at is null");
    on_db!(db, pool => sqlx::query_as::<_, TodoRow>(&sql).bind(resident).bind(todo).bind(kind).fetch_optional(pool).await)
}

/// Marks an open to-do of this resident, case and kind done, with the
/// resident's answer when there is one; false when there is no such open to-do.
pub async fn mark_done(tx: &mut Tx, resident: ResidentId, case: CaseId, todo: TodoId, kind: &str, answer: Option<&str>, now: OffsetDateTime) -> Result<bool, sqlx::Error> {
    let sql = "update todo set done_at = $1, answer = $2
               where id = $3 and case_id = $4 and resident_id = $5 and kind = $6 and done_at is null";
    on_tx!(tx, conn => sqlx::query(sql).bind(now).bind(answer).bind(todo).bind(case).bind(resident).bind(kind)
        .execute(conn).await.map(|r| r.rows_affected() == 1))
}

/// Marks an open appointment to-do done by the appointment booked for it; false when it was done already.
pub async fn mark_booked(tx: &mut Tx, resident: ResidentId, todo: TodoId, appointment: AppointmentId, now: OffsetDateTime) -> Result<bool, sqlx::Error> {
    let sql = "update todo set done_at = $1, appointment_id = $2
               where id = $3 and resident_id = $4 and kind = 'appointment' and done_at is null";
    on_tx!(tx, conn => sqlx::query(sql).bind(now).bind(appointment).bind(todo).bind(resident)
        .execute(conn).await.map(|r| r.rows_affected() == 1))
}

pub async fn count_open_for_case(tx: &mut Tx, case: CaseId) -> Result<i64, sqlx::Error> {
    let sql = "select count(*) from todo where case_id = $1 and done_at is null";
    on_tx!(tx, conn => sqlx::query_scalar::<_, i64>(sql).bind(case).fetch_one(conn).await)
}

/// Open to-dos whose deadline passed before `today` and that were not reminded yet, oldest first.
pub async fn list_overdue(db: &Db, today: Date, limit: i64) -> Result<Vec<(TodoId, ResidentId)>, sqlx::Error> {
    let sql = "select id, resident_id from todo where done_at is null and reminded_at is null and due_on < $1 order by due_on, id limit $2";
    on_db!(db, pool => sqlx::query_as::<_, (TodoId, ResidentId)>(sql).bind(today).bind(limit).fetch_all(pool).await)
}

/// Claims the one reminder of an overdue to-do; false when another node (or an earlier round) had it.
pub async fn mark_reminded(tx: &mut Tx, todo: TodoId, now: OffsetDateTime) -> Result<bool, sqlx::Error> {
    let sql = "update todo set reminded_at = $1 where id = $2 and reminded_at is null and done_at is null";
    on_tx!(tx, conn => sqlx::query(sql).bind(now).bind(todo).execute(conn).await.map(|r| r.rows_affected() == 1))
}

pub struct NewTodo<'a> {
    pub id: TodoId,
    pub case_id: CaseId,
    pub resident_id: ResidentId,
    pub kind: &'a str,
    pub title_nl: &'a str,
    pub title_en: &'a str,
    pub description_nl: &'a str,
    pub description_en: &'a str,
    pub due_on: Date,
    /// An answer to-do's choices, one per line ("" for free text).
    pub choices: &'a str,
    pub product_id: Option<ProductId>,
    pub amount_cents: Option<i64>,
    pub created_by: Option<StaffId>,
}

pub async fn insert(tx: &mut Tx, new: &NewTodo<'_>, now: OffsetDateTime) -> Result<(), sqlx::Error> {
    let sql = "insert into todo (id, case_id, resident_id, kind, title_nl, title_en, description_nl, description_en, due_on,
                                 choices, product_id, amount_cents, created_by, created_at)
               values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)";
    on_tx!(tx, conn => sqlx::query(sql)
        .bind(new.id).bind(new.case_id).bind(new.resident_id).bind(new.kind)
        .bind(new.title_nl).bind(new.title_en).bind(new.description_nl).bind(new.description_en)
        .bind(new.due_on).bind(new.choices).bind(new.product_id).bind(new.amount_cents).bind(new.created_by).bind(now)
        .execute(conn).await.map(|_| ()))
}
