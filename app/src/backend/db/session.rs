//! Server-side sessions in the `session` table of whichever database is
//! active, through tower-sessions-sqlx-store (its SQL, our table).

use async_trait::async_trait;
use tower_sessions::session::{Id, Record};
use tower_sessions::session_store::{self, ExpiredDeletion, SessionStore};
use tower_sessions_sqlx_store::{PostgresStore, SqliteStore};

use crate::backend::db::Db;

#[derive(Clone, Debug)]
pub enum Store {
    Sqlite(SqliteStore),
    Postgres(PostgresStore),
}

impl Store {
    pub fn new(db: &Db) -> Store {
        match db {
            Db::Sqlite(pool) => Store::Sqlite(SqliteStore::new(pool.clone()).with_table_name("session").expect("valid table name")),
            Db::Postgres(pool) => Store::Postgres(
                PostgresStore::new(pool.clone())
                    .with_schema_name("public")
                    .and_then(|s| s.with_table_name("session"))
                    .expect("valid table name"),
            ),
        }
    }
}

#[async_trait]
impl SessionStore for Store {
    async fn create(&self, record: &mut Record) -> session_store::Result<()> {
        match self {
            Store::Sqlite(s) => s.create(record).await,
            Store::Postgres(s) => s.create(record).await,
        }
    }
    async fn save(&self, record: &Record) -> session_store::Result<()> {
        match self {
            Store::Sqlite(s) => s.save(record).await,
            Store::Postgres(s) => s.save(record).await,
        }
    }
    async fn load(&self, id: &Id) -> session_store::Result<Option<Record>> {
        match self {
            Store::Sqlite(s) => s.load(id).await,
            Store::Postgres(s) => s.load(id).await,
        }
    }
    async fn delete(&self, id: &Id) -> session_store::Result<()> {
        match self {
            Store::Sqlite(s) => s.delete(id).await,
            Store::Postgres(s) => s.delete(id).await,
        }
    }
}

#[async_trait]
impl ExpiredDeletion for Store {
    async fn delete_expired(&self) -> session_store::Result<()> {
        match self {
            Store::Sqlite(s) => s.delete_expired().await,
            Store::Postgres(s) => s.delete_expired().await,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::{Duration, OffsetDateTime};

    fn record(expiry: OffsetDateTime) -> Record {
        Record { id: Id::default(), data: Default::default(), expiry_date: expiry }
    }

    crate::both_dbs!(the_sweep_removes_expired_sessions_and_keeps_live_ones, |db| {
        let store = Store::new(&db);
        let now = OffsetDateTime::now_utc();
        let mut live = record(now + Duration::hours(1));
        let mut expired = record(now - Duration::hours(1));
        store.create(&mut live).await.unwrap();
        store.create(&mut expired).await.unwrap();
        store.delete_expired().await.unwrap();
        assert!(store.load(&live.id).await.unwrap().is_some());
        assert!(store.load(&expired.id).await.unwrap().is_none());
        let rows: i64 = crate::backend::db::on_db!(&db, pool => sqlx::query_scalar("select count(*) from session").fetch_one(pool).await).unwrap();
        assert_eq!(rows, 1, "the expired row is deleted, not only hidden");
    });
}
