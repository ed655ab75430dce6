//! SQL for to-dos: what the municipality needs from a resident.

use time::{Date, OffsetDateTime};

use crate::backend::db::{on_db, on_tx, Db, Tx};
use crate::model::ids::{CaseId, ResidentId, TodoId};

#[derive(Debug, sqlx::FromRow)]
pub struct TodoRow {
    pub id: TodoId,
    pub case_id: CaseId,
    pub type_nl: String,
    pub type_en: String,
    pub kind: String,
    pub title_nl: String,
    pub title_en: String,
    pub description_nl: String,
    pub description_en: String,
    pub due_on: Date,
}

const SELECT: &str = "
    select t.id, t.case_id, ct.name_nl as type_nl, ct.name_en as type_en, t.kind,
           t.title_nl, t.title_en, t.description_nl, t.description_en, t.due_on
    from todo t
    join service_case c on c.id = t.case_id
    join case_type ct on ct.id = c.case_type_id
    where t.resident_id = $1 and t.done_at is null";

/// The resident's open to-dos, nearest deadline first.
pub async fn list_open_for_resident(db: &Db, resident: ResidentId) -> Result<Vec<TodoRow>, sqlx::Error> {
    let sql = format!("{SELECT} order by t.due_on, t.id");
    on_db!(db, pool => sqlx::query_as::<_, TodoRow>(&sql).bind(resident).fetch_all(pool).await)
}

/// The open to-dos of one of the resident's cases.
pub async fn list_open_for_case(db: &Db, resident: ResidentId, case: CaseId) -> Result<Vec<TodoRow>, sqlx::Error> {
    let sql = format!("{SELECT} and t.case_id = $2 order by t.due_on, t.id");
    on_db!(db, pool => sqlx::query_as::<_, TodoRow>(&sql).bind(resident).bind(case).fetch_all(pool).await)
}

/// Marks an open to-do of this resident and case done; false when there is no such open to-do.
pub async fn mark_done(tx: &mut Tx, resident: ResidentId, case: CaseId, todo: TodoId, now: OffsetDateTime) -> Result<bool, sqlx::Error> {
    let sql = "update todo set done_at = $1 where id = $2 and case_id = $3 and resident_id = $4 and done_at is null";
    on_tx!(tx, conn => sqlx::query(sql).bind(now).bind(todo).bind(case).bind(resident).execute(conn).await.map(|r| r.rows_affected() == 1))
}

pub async fn count_open_for_case(tx: &mut Tx, case: CaseId) -> Result<i64, sqlx::Error> {
    let sql = "select count(*) from todo where case_id = $1 and done_at is null";
    on_tx!(tx, conn => sqlx::query_scalar::<_, i64>(sql).bind(case).fetch_one(conn).await)
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
}

pub async fn insert(tx: &mut Tx, new: &NewTodo<'_>, now: OffsetDateTime) -> Result<(), sqlx::Error> {
    let sql = "insert into todo (id, case_id, resident_id, kind, title_nl, title_en, description_nl, description_en, due_on, created_at)
               values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)";
    on_tx!(tx, conn => sqlx::query(sql)
        .bind(new.id).bind(new.case_id).bind(new.resident_id).bind(new.kind)
        .bind(new.title_nl).bind(new.title_en).bind(new.description_nl).bind(new.description_en)
        .bind(new.due_on).bind(now)
        .execute(conn).await.map(|_| ()))
}
