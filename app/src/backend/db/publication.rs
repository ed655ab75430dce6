//! SQL for `publication`: Loket's own events waiting to be published as
//! Notificaties, written in the transaction of the change they report and
//! claimed with a lease, so two nodes never send one twice at once.

use time::OffsetDateTime;

use crate::backend::db::{on_db, on_tx, Db, Tx};

pub struct NewPublication<'a> {
    pub resource: &'a str,
    pub resource_id: uuid::Uuid,
    pub actie: &'a str,
    /// A JSON object of strings.
    pub kenmerken: &'a str,
}

pub async fn insert(tx: &mut Tx, new: &NewPublication<'_>, now: OffsetDateTime) -> Result<(), sqlx::Error> {
    let sql = "insert into publication (id, resource, resource_id, actie, kenmerken, created_at, due_at, lease_until, attempts)
               values ($1, $2, $3, $4, $5, $6, $6, null, 0)";
    on_tx!(tx, conn => sqlx::query(sql)
        .bind(uuid::Uuid::now_v7()).bind(new.resource).bind(new.resource_id).bind(new.actie).bind(new.kenmerken).bind(now)
        .execute(conn).await.map(|_| ()))
}

#[derive(Debug, sqlx::FromRow)]
pub struct PublicationRow {
    pub id: uuid::Uuid,
    pub resource: String,
    pub resource_id: uuid::Uuid,
    pub actie: String,
    pub kenmerken: String,
    pub created_at: OffsetDateTime,
    pub attempts: i64,
}

/// Claims up to `limit` due events until `lease_until`, oldest first.
pub async fn claim(db: &Db, now: OffsetDateTime, lease_until: OffsetDateTime, limit: i64) -> Result<Vec<PublicationRow>, sqlx::Error> {
    let due = "select id from publication where due_at <= $2 and (lease_until is null or lease_until <= $2) order by id limit $3";
    let sql = |lock: &str| {
        format!(
            "update publication set lease_until = $1 where id in ({due}{lock})
             returning id, resource, resource_id, actie, kenmerken, created_at, attempts"
        )
    };
    let mut rows = match db {
        // SQLite has one writer at a time: the update is atomic as it is.
        Db::Sqlite(pool) => sqlx::query_as::<_, PublicationRow>(&sql("")).bind(lease_until).bind(now).bind(limit).fetch_all(pool).await?,
        Db::Postgres(pool) => sqlx::query_as::<_, PublicationRow>(&sql(" for update skip locked")).bind(lease_until).bind(now).bind(limit).fetch_all(pool).await?,
    };
    rows.sort_by_key(|r| r.id);
    Ok(rows)
}

/// Published (or dropped): gone.
pub async fn delete(db: &Db, id: uuid::Uuid) -> Result<(), sqlx::Error> {
    on_db!(db, pool => sqlx::query("delete from publication where id = $1").bind(id).execute(pool).await.map(|_| ()))
}

/// Not published: tried again at `due_at`; `tried` counts an attempt
/// (an event left untried behind a refused one does not).
pub async fn retry_at(db: &Db, id: uuid::Uuid, due_at: OffsetDateTime, tried: bool) -> Result<(), sqlx::Error> {
    let sql = "update publication set due_at = $1, lease_until = null, attempts = attempts + $2 where id = $3";
    on_db!(db, pool => sqlx::query(sql).bind(due_at).bind(i64::from(tried)).bind(id).execute(pool).await.map(|_| ()))
}

/// Every event waiting, oldest first (for the tests).
pub async fn waiting(db: &Db) -> Result<Vec<PublicationRow>, sqlx::Error> {
    let sql = "select id, resource, resource_id, actie, kenmerken, created_at, attempts from publication order by id";
    on_db!(db, pool => sqlx::query_as::<_, PublicationRow>(sql).fetch_all(pool).await)
}

/// Drops the events older than `before` (when nobody is there to publish to).
pub async fn drop_before(db: &Db, before: OffsetDateTime) -> Result<u64, sqlx::Error> {
    on_db!(db, pool => sqlx::query("delete from publication where created_at < $1").bind(before).execute(pool).await.map(|r| r.rows_affected()))
}
