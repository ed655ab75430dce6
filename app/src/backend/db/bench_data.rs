//! SQL for the benchmark data (`loket bench-data`): the reference rows a
//! generated municipality builds on, and bulk writes through each
//! database's fast path: PostgreSQL's `COPY ... FROM STDIN`, SQLite's
//! multi-row inserts in one transaction per batch.

use std::fmt::Write as _;

use time::{format_description::well_known::Rfc3339, Date, OffsetDateTime};
use uuid::Uuid;

use crate::backend::db::{on_db, Db};

/// One value of a generated row.
#[derive(Clone, Debug)]
pub enum Value {
    Id(Uuid),
    Text(String),
    Int(i64),
    Bool(bool),
    Day(Date),
    Moment(OffsetDateTime),
    Null,
}

/// Rows for one table, written together.
pub struct Batch {
    pub table: &'static str,
    pub columns: &'static [&'static str],
    pub rows: Vec<Vec<Value>>,
}

/// SQLite's limit on parameters per statement, with room to spare.
const SQLITE_PARAMETERS: usize = 30_000;

/// Writes the batch: `COPY` on PostgreSQL, multi-row inserts in one transaction on SQLite.
pub async fn write(db: &Db, batch: &Batch) -> Result<(), sqlx::Error> {
    if batch.rows.is_empty() {
        return Ok(());
    }
    match db {
        Db::Postgres(pool) => {
            let mut text = String::with_capacity(batch.rows.len() * batch.columns.len() * 24);
            for row in &batch.rows {
                for (i, value) in row.iter().enumerate() {
                    if i > 0 {
                        text.push('\t');
                    }
                    copy_field(&mut text, value);
                }
                text.push('\n');
            }
            let mut conn = pool.acquire().await?;
            let mut copy = conn.copy_in_raw(&format!("copy {} ({}) from stdin", batch.table, batch.columns.join(", "))).await?;
            copy.send(text.into_bytes()).await?;
            copy.finish().await.map(|_| ())
        }
        Db::Sqlite(pool) => {
            let mut tx = pool.begin().await?;
            let per_statement = (SQLITE_PARAMETERS / batch.columns.len()).max(1);
            for rows in batch.rows.chunks(per_statement) {
                let one = format!("({})", vec!["?"; batch.columns.len()].join(", "));
                let sql = format!("insert into {} ({}) values {}", batch.table, batch.columns.join(", "), vec![one; rows.len()].join(", "));
                let mut query = sqlx::query(&sql);
                for value in rows.iter().flatten() {
                    query = match value.clone() {
                        Value::Id(id) => query.bind(id),
                        Value::Text(text) => query.bind(text),
                        Value::Int(n) => query.bind(n),
                        Value::Bool(b) => query.bind(b),
                        Value::Day(day) => query.bind(day),
                        Value::Moment(at) => query.bind(at),
                        Value::Null => query.bind(None::<String>),
                    };
                }
                query.execute(&mut *tx).await?;
            }
            tx.commit().await
        }
    }
}

/// A value in `COPY`'s text format: `\N` for NULL, backslash escapes.
fn copy_field(out: &mut String, value: &Value) {
    match value {
        Value::Id(id) => write!(out, "{id}").unwrap_or_default(),
        Value::Int(n) => write!(out, "{n}").unwrap_or_default(),
        Value::Bool(b) => out.push(if *b { 't' } else { 'f' }),
        Value::Day(day) => write!(out, "{day}").unwrap_or_default(),
        Value::Moment(at) => out.push_str(&at.format(&Rfc3339).unwrap_or_default()),
        Value::Null => out.push_str("\\N"),
        Value::Text(text) => {
            for c in text.chars() {
                match c {
                    '\\' => out.push_str("\\\\"),
                    '\t' => out.push_str("\\t"),
                    '\n' => out.push_str("\\n"),
                    '\r' => out.push_str("\\r"),
                    c => out.push(c),
                }
            }
        }
    }
}

/// What generated rows refer to: the municipality's case types with their
/// status types (in order), teams, staff, kinds of callback request and
/// consent purposes with their current text.
#[derive(Debug, Default)]
pub struct Reference {
    pub case_types: Vec<(Uuid, Vec<Uuid>)>,
    pub teams: Vec<Uuid>,
    pub staff: Vec<Uuid>,
    pub callback_types: Vec<(Uuid, Uuid)>,
    pub consent: Vec<(Uuid, Uuid)>,
}

pub async fn reference(db: &Db) -> Result<Reference, sqlx::Error> {
    let steps = "select case_type_id, id from status_type order by case_type_id, sequence";
    let steps: Vec<(Uuid, Uuid)> = on_db!(db, pool => sqlx::query_as(steps).fetch_all(pool).await)?;
    let mut case_types: Vec<(Uuid, Vec<Uuid>)> = Vec::new();
    for (case_type, step) in steps {
        match case_types.last_mut() {
            Some((last, list)) if *last == case_type => list.push(step),
            _ => case_types.push((case_type, vec![step])),
        }
    }
    let teams = on_db!(db, pool => sqlx::query_scalar("select id from team order by id").fetch_all(pool).await)?;
    let staff = on_db!(db, pool => sqlx::query_scalar("select id from staff_member order by id").fetch_all(pool).await)?;
    let callback_types = on_db!(db, pool => sqlx::query_as("select id, team_id from callback_type order by id").fetch_all(pool).await)?;
    let consent = "select p.id, t.id from consent_purpose p join consent_text t on t.purpose_id = p.id
                   where t.version = (select max(version) from consent_text x where x.purpose_id = p.id) order by p.id";
    let consent = on_db!(db, pool => sqlx::query_as(consent).fetch_all(pool).await)?;
    Ok(Reference { case_types, teams, staff, callback_types, consent })
}

/// Brings the planner's statistics up to date after a bulk load, and on
/// PostgreSQL the visibility map too (as autovacuum would soon after), so
/// counts read from an index need not visit the table.
pub async fn analyze(db: &Db) -> Result<(), sqlx::Error> {
    match db {
        Db::Sqlite(pool) => sqlx::query("analyze").execute(pool).await.map(|_| ()),
        Db::Postgres(pool) => sqlx::query("vacuum analyze").execute(pool).await.map(|_| ()),
    }
}
