//! SQL for live updates across nodes: PostgreSQL's own LISTEN/NOTIFY.
//! (SQLite runs on one node; its live updates never leave the process.)

use sqlx::postgres::{PgListener, PgPool, PgPoolOptions};

/// The notification channel every Loket node listens on.
pub const CHANNEL: &str = "loket_live";

/// Tells every listening node; delivered when the surrounding statement commits.
pub async fn notify(pool: &PgPool, payload: &str) -> Result<(), sqlx::Error> {
    sqlx::query("select pg_notify($1, $2)").bind(CHANNEL).bind(payload).execute(pool).await.map(|_| ())
}

/// A dedicated connection that receives what [`notify`] sends (it
/// reconnects by itself). It comes from a pool of its own with the same
/// settings, so it never holds one of the application pool's connections
/// (closing that pool at shutdown would wait for it forever).
pub async fn listen(pool: &PgPool) -> Result<PgListener, sqlx::Error> {
    let own = PgPoolOptions::new().max_connections(1).connect_with((*pool.connect_options()).clone()).await?;
    let mut listener = PgListener::connect_with(&own).await?;
    listener.listen(CHANNEL).await?;
    Ok(listener)
}
