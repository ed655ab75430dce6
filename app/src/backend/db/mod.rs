//! The only place SQL exists. One file per noun; `*Row` structs stay here.
//!
//! SQLite (the embedded default) and PostgreSQL (production, several
//! nodes) run the same SQL wherever the dialects agree: `$1` placeholders,
//! `returning`, `on conflict`. The pool is an enum and [`on_db!`] /
//! [`on_tx!`] run one query body against whichever is active. Time is
//! always bound from the caller's clock, never `now()` in SQL.

use std::{str::FromStr, time::Duration};

use sqlx::{
    migrate::Migrator,
    postgres::{PgConnectOptions, PgPoolOptions},
    sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous},
    PgPool, SqlitePool,
};

pub mod answer;
pub mod bench_data;
pub mod appointment;
pub mod callback;
pub mod case;
pub mod case_sync;
pub mod case_type;
pub mod closed_day;
pub mod consent;
pub mod contact_address;
pub mod conversation;
pub mod data_export;
pub mod document;
pub mod identity_link;
pub mod klantinteracties;
pub mod live;
pub mod municipality;
pub mod notice;
pub mod parity;
pub mod payment;
pub mod phone_call;
pub mod privacy_request;
pub mod publication;
pub mod processing_log;
pub mod resident;
pub mod retention;
pub mod routing;
pub mod satisfaction;
/// Fresh databases for tests (`both_dbs!`, the integration tests); not in a production build.
#[cfg(any(test, feature = "test-support"))]
pub mod scratch;
pub mod session;
pub mod staff_member;
pub mod statistics;
pub mod team;
pub mod todo;

pub static SQLITE_MIGRATIONS: Migrator = sqlx::migrate!("../migrations/sqlite");
pub static POSTGRES_MIGRATIONS: Migrator = sqlx::migrate!("../migrations/postgres");

/// A connection pool on one of the two supported databases.
#[derive(Clone, Debug)]
pub enum Db {
    Sqlite(SqlitePool),
    Postgres(PgPool),
}

/// An open transaction on one of the two supported databases. On SQLite
/// it holds the file's place in this process's writer queue until it ends.
pub enum Tx {
    Sqlite(sqlx::Transaction<'static, sqlx::Sqlite>, WriterTurn),
    Postgres(sqlx::Transaction<'static, sqlx::Postgres>),
}

/// A transaction's turn to write a SQLite file (see [`writer_queue`]).
pub type WriterTurn = tokio::sync::OwnedMutexGuard<()>;

/// How long a transaction waits for its turn: SQLite's own busy timeout.
const BUSY: Duration = Duration::from_secs(5);

/// The queue of this process's writers to one SQLite file. SQLite lets
/// one connection write at a time; one that finds the file taken sleeps
/// in steps of up to 100 ms and tries again, so under load a writer
/// could wait a hundred times longer than the write it waited for.
/// Queued here, each starts the moment the one before it ends, in the
/// order they came. Pools on the same file share its queue.
fn writer_queue(pool: &SqlitePool) -> std::sync::Arc<tokio::sync::Mutex<()>> {
    type Queues = std::sync::Mutex<std::collections::HashMap<std::path::PathBuf, std::sync::Arc<tokio::sync::Mutex<()>>>>;
    static QUEUES: std::sync::OnceLock<Queues> = std::sync::OnceLock::new();
    let options = pool.connect_options();
    let file = options.get_filename();
    let mut queues = QUEUES.get_or_init(Default::default).lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    match queues.get(file) {
        Some(queue) => queue.clone(),
        None => queues.entry(file.to_path_buf()).or_default().clone(),
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DbKind {
    Sqlite,
    Postgres,
}

/// Runs the same query body on whichever pool is active.
macro_rules! on_db {
    ($db:expr, $pool:ident => $body:expr) => {
        match $db {
            $crate::backend::db::Db::Sqlite($pool) => $body,
            $crate::backend::db::Db::Postgres($pool) => $body,
        }
    };
}

/// Runs the same query body on the connection of whichever transaction is open.
macro_rules! on_tx {
    ($tx:expr, $conn:ident => $body:expr) => {
        match $tx {
            $crate::backend::db::Tx::Sqlite(tx, _) => {
                let $conn = &mut **tx;
                $body
            }
            $crate::backend::db::Tx::Postgres(tx) => {
                let $conn = &mut **tx;
                $body
            }
        }
    };
}
pub(crate) use {on_db, on_tx};

#[derive(Debug, thiserror::Error)]
pub enum ConnectError {
    #[error(
        "unsupported database URL scheme '{0}': use sqlite://path/to/file.db or postgres://user@host/database"
    )]
    UnknownScheme(String),
    #[error("cannot create the directory for the SQLite file {0}")]
    CreateDir(String, #[source] std::io::Error),
    #[error("cannot connect to the database")]
    Connect(#[from] sqlx::Error),
}

/// How much of a SQLite file is read through a memory map.
const MMAP_BYTES: u64 = 1 << 30;

impl Db {
    /// Opens a pool for `url`; only `sqlite:` and `postgres:`/`postgresql:` are accepted.
    pub async fn connect(url: &str, max_connections: u32) -> Result<Db, ConnectError> {
        match DbKind::of_url(url)? {
            DbKind::Sqlite => {
                let options = SqliteConnectOptions::from_str(url)?
                    .create_if_missing(true)
                    .journal_mode(SqliteJournalMode::Wal)
                    .synchronous(SqliteSynchronous::Normal)
                    .busy_timeout(Duration::from_secs(5))
                    .foreign_keys(true)
                    // Reads straight from the file's memory map (shared by every
                    // connection, kept by the OS) instead of a read call and a copy
                    // per page: at municipal size most of a page's time went there.
                    .pragma("mmap_size", MMAP_BYTES.to_string());
                if let Some(dir) = options.get_filename().parent().filter(|d| !d.as_os_str().is_empty()) {
                    std::fs::create_dir_all(dir).map_err(|e| ConnectError::CreateDir(dir.display().to_string(), e))?;
                }
                let pool = SqlitePoolOptions::new().max_connections(max_connections).connect_with(options).await?;
                Ok(Db::Sqlite(pool))
            }
            DbKind::Postgres => {
                let options = PgConnectOptions::from_str(url)?;
                let pool = PgPoolOptions::new()
                    .max_connections(max_connections)
                    .acquire_timeout(Duration::from_secs(5))
                    .connect_with(options)
                    .await?;
                Ok(Db::Postgres(pool))
            }
        }
    }

    pub fn kind(&self) -> DbKind {
        match self {
            Db::Sqlite(_) => DbKind::Sqlite,
            Db::Postgres(_) => DbKind::Postgres,
        }
    }

    /// Applies the migrations of this database's dialect.
    pub async fn migrate(&self) -> Result<(), sqlx::migrate::MigrateError> {
        match self {
            Db::Sqlite(pool) => SQLITE_MIGRATIONS.run(pool).await,
            Db::Postgres(pool) => POSTGRES_MIGRATIONS.run(pool).await,
        }
    }

    /// A round trip to the database, for readiness checks.
    pub async fn ping(&self) -> Result<(), sqlx::Error> {
        on_db!(self, pool => sqlx::query("select 1").execute(pool).await.map(|_| ()))
    }

    /// A transaction. On SQLite it waits for its turn in the file's
    /// [`writer_queue`] (at most [`BUSY`], then the pool's timeout error),
    /// then takes the write lock at once (`BEGIN IMMEDIATE`): a deferred
    /// one that reads and then writes is refused ("database is locked",
    /// without waiting) when another connection wrote in between, which
    /// under load made staff actions fail at random.
    pub async fn begin(&self) -> Result<Tx, sqlx::Error> {
        Ok(match self {
            Db::Sqlite(pool) => {
                let turn = tokio::time::timeout(BUSY, writer_queue(pool).lock_owned()).await.map_err(|_| sqlx::Error::PoolTimedOut)?;
                Tx::Sqlite(pool.begin_with("BEGIN IMMEDIATE").await?, turn)
            }
            Db::Postgres(pool) => Tx::Postgres(pool.begin().await?),
        })
    }

    pub async fn close(&self) {
        on_db!(self, pool => pool.close().await)
    }
}

impl Tx {
    pub async fn commit(self) -> Result<(), sqlx::Error> {
        match self {
            Tx::Sqlite(tx, _turn) => tx.commit().await,
            Tx::Postgres(tx) => tx.commit().await,
        }
    }
}

impl DbKind {
    /// The dialect a URL asks for; anything else is refused rather than guessed.
    pub fn of_url(url: &str) -> Result<DbKind, ConnectError> {
        let scheme = url.split_once(':').map(|(s, _)| s).unwrap_or("");
        match scheme {
            "sqlite" => Ok(DbKind::Sqlite),
            "postgres" | "postgresql" => Ok(DbKind::Postgres),
            other => Err(ConnectError::UnknownScheme(other.chars().take(20).collect())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::backend::db::scratch::ScratchDb;

    #[test]
    fn known_schemes_select_their_dialect() {
        assert_eq!(DbKind::of_url("sqlite://data/loket.db").unwrap(), DbKind::Sqlite);
        assert_eq!(DbKind::of_url("sqlite::memory:").unwrap(), DbKind::Sqlite);
        assert_eq!(DbKind::of_url("postgres://u@h/db").unwrap(), DbKind::Postgres);
        assert_eq!(DbKind::of_url("postgresql://u@h/db").unwrap(), DbKind::Postgres);
    }

    #[tokio::test]
    async fn on_sqlite_a_transaction_that_reads_then_writes_survives_another_writer_meanwhile() {
        let scratch = scratch::ScratchDb::sqlite().await;
        let db = scratch.db.clone();
        let now = time::macros::datetime!(2026-11-23 09:00 UTC);
        let mut tx = db.begin().await.unwrap();
        // It reads first (as a check before a change does) ...
        on_tx!(&mut tx, conn => sqlx::query_scalar::<_, i64>("select count(*) from resident").fetch_one(conn).await).unwrap();
        // ... while another connection writes ...
        let other = db.clone();
        let writer = tokio::spawn(async move { resident::upsert_by_bsn(&other, "999990019", now).await });
        tokio::time::sleep(Duration::from_millis(200)).await;
        // ... and then writes itself: both changes land.
        let mut tx2 = tx;
        resident::insert_if_absent(&mut tx2, crate::model::ids::ResidentId::new(), "999993653", now).await.expect("the transaction's own write");
        tx2.commit().await.unwrap();
        writer.await.unwrap().expect("the other writer waited its turn");
        assert_eq!(resident::count(&db).await.unwrap(), 2);
    }

    #[test]
    fn unknown_schemes_are_refused_with_a_message_that_names_the_scheme_only() {
        let err = DbKind::of_url("mysql://root:geheim@localhost/loket").unwrap_err();
        let text = err.to_string();
        assert!(text.contains("'mysql'"), "{text}");
        assert!(!text.contains("geheim"), "{text}");
        assert!(DbKind::of_url("data/loket.db").is_err());
    }

    #[tokio::test]
    async fn sqlite_writers_take_turns_in_the_order_they_came_and_pools_on_one_file_share_the_queue() {
        let scratch = ScratchDb::sqlite().await;
        let Db::Sqlite(pool) = &scratch.db else { unreachable!() };
        let Db::Sqlite(other) = Db::connect(&scratch.url(), 2).await.unwrap() else { unreachable!() };
        assert!(std::sync::Arc::ptr_eq(&writer_queue(pool), &writer_queue(&other)), "one file, one queue");

        // While one transaction writes, three more ask in turn; each starts when the one before it ends.
        let first = scratch.db.begin().await.unwrap();
        let order = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
        let mut waiting = Vec::new();
        for name in ["a", "b", "c"] {
            let (db, order) = (scratch.db.clone(), order.clone());
            waiting.push(tokio::spawn(async move {
                let tx = db.begin().await.expect("its turn comes");
                order.lock().unwrap().push(name);
                tx.commit().await.unwrap();
            }));
            // Let it reach the queue before the next one asks.
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        first.commit().await.unwrap();
        for task in waiting {
            task.await.unwrap();
        }
        assert_eq!(*order.lock().unwrap(), ["a", "b", "c"]);
    }
}
