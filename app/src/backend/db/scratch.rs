//! Throw-away databases for tests and benchmarks: a fresh, migrated
//! database per use, removed afterwards (also when a test panics).
//!
//! PostgreSQL scratch databases are created inside the server named by
//! `TEST_DATABASE_URL` (`script/test` starts a throw-away cluster when it
//! is not set).

use std::path::PathBuf;

use sqlx::{Connection, PgConnection};
use uuid::Uuid;

use crate::backend::db::Db;

pub struct ScratchDb {
    pub db: Db,
    cleanup: Cleanup,
}

enum Cleanup {
    SqliteFile(PathBuf),
    PostgresDatabase { admin_url: String, name: String },
}

/// The PostgreSQL server for tests; a clear failure when it is missing.
pub fn test_database_url() -> String {
    std::env::var("TEST_DATABASE_URL").unwrap_or_else(|_| {
        panic!(
            "TEST_DATABASE_URL is not set: the PostgreSQL half of the tests needs a server. \
             Run script/test (it starts one), or set TEST_DATABASE_URL=postgres://user@host:port/db"
        )
    })
}

impl ScratchDb {
    /// A fresh, migrated SQLite file in the system temp directory.
    pub async fn sqlite() -> ScratchDb {
        let path = std::env::temp_dir().join(format!("loket-scratch-{}.db", Uuid::new_v4().simple()));
        let db = Db::connect(&format!("sqlite://{}", path.display()), 4).await.expect("open scratch SQLite");
        db.migrate().await.expect("migrate scratch SQLite");
        ScratchDb { db, cleanup: Cleanup::SqliteFile(path) }
    }

    /// A fresh, migrated database on the test PostgreSQL server.
    pub async fn postgres() -> ScratchDb {
        let admin_url = test_database_url();
        let name = format!("loket_scratch_{}", Uuid::new_v4().simple());
        let mut admin = PgConnection::connect(&admin_url).await.expect("connect to TEST_DATABASE_URL");
        sqlx::query(&format!("create database {name}")).execute(&mut admin).await.expect("create scratch database");
        admin.close().await.ok();
        let db = Db::connect(&with_database(&admin_url, &name), 4).await.expect("open scratch PostgreSQL");
        db.migrate().await.expect("migrate scratch PostgreSQL");
        ScratchDb { db, cleanup: Cleanup::PostgresDatabase { admin_url, name } }
    }

    /// The URL of this scratch database, for starting a server on it.
    pub fn url(&self) -> String {
        match &self.cleanup {
            Cleanup::SqliteFile(path) => format!("sqlite://{}", path.display()),
            Cleanup::PostgresDatabase { admin_url, name } => with_database(admin_url, name),
        }
    }
}

/// Replaces the database name (the path) of a PostgreSQL URL.
fn with_database(url: &str, name: &str) -> String {
    let (base, query) = url.split_once('?').map_or((url, None), |(b, q)| (b, Some(q)));
    let authority_end = base.find("://").map(|i| i + 3).unwrap_or(0);
    let base = match base[authority_end..].find('/') {
        Some(slash) => &base[..authority_end + slash],
        None => base,
    };
    match query {
        Some(q) => format!("{base}/{name}?{q}"),
        None => format!("{base}/{name}"),
    }
}

impl Drop for ScratchDb {
    fn drop(&mut self) {
        match &self.cleanup {
            Cleanup::SqliteFile(path) => {
                for suffix in ["", "-wal", "-shm"] {
                    let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
                }
            }
            Cleanup::PostgresDatabase { admin_url, name } => {
                // Drop runs outside async; a short-lived runtime on its own thread removes the database.
                let (admin_url, name) = (admin_url.clone(), name.clone());
                let _ = std::thread::spawn(move || {
                    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().ok()?;
                    rt.block_on(async {
                        let mut admin = PgConnection::connect(&admin_url).await.ok()?;
                        sqlx::query(&format!("drop database if exists {name} with (force)")).execute(&mut admin).await.ok()
                    })
                })
                .join();
            }
        }
    }
}

/// Writes a test once and runs it on SQLite and on PostgreSQL, each with a
/// fresh database: `both_dbs!(name, |db| { ... });` with `db: Db`.
#[macro_export]
macro_rules! both_dbs {
    ($name:ident, |$db:ident| $body:block) => {
        mod $name {
            #[allow(unused_imports)]
            use super::*;

            #[tokio::test]
            async fn sqlite() {
                let scratch = $crate::backend::db::scratch::ScratchDb::sqlite().await;
                let $db = scratch.db.clone();
                $body
            }

            #[tokio::test]
            async fn postgres() {
                let scratch = $crate::backend::db::scratch::ScratchDb::postgres().await;
                let $db = scratch.db.clone();
                $body
            }
        }
    };
}

#[cfg(test)]
mod tests {
    use super::with_database;

    #[test]
    fn database_name_is_replaced_keeping_credentials_and_options() {
        assert_eq!(with_database("postgres://u:p@h:5432/test", "x"), "postgres://u:p@h:5432/x");
        assert_eq!(with_database("postgres://u@h:5/test?sslmode=disable", "x"), "postgres://u@h:5/x?sslmode=disable");
        assert_eq!(with_database("postgres://u@h", "x"), "postgres://u@h/x");
    }
}
