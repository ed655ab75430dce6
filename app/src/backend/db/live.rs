//! SQL for live updates across nodes: PostgreSQL's own LISTEN/NOTIFY.
//! (SQLite runs on one node; its live updates never leave the process.)

use sqlx::postgres::{PgListener, PgPool};

/// The notification channel every Loket node listens on.
pub const CHANNEL: &str = "loket_live";

/// Tells every listening node; delivered when the surrounding statement commits.
pub async fn notify(pool: &PgPool, payload: &str) -> Result<(), sqlx::Error> {
    sqlx::query("select pg_notify($1, $2)").bind(CHANNEL).bind(payload).execute(pool).await.map(|_| ())
}

/// A dedicated connection that receives what [`notify`] sends (it reconnects by itself).
pub async fn listen(pool: &PgPool) -> Result<PgListener, sqlx::Error> {
    let mut listener = PgListener::connect_with(pool).await?;
    listener.listen(CHANNEL).await?;
    Ok(listener)
}
