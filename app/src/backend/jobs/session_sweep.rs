//! Removes expired sessions from the session table.

use std::{future::Future, pin::Pin};

use tower_sessions::session_store::ExpiredDeletion;

use crate::backend::{db::session::Store, jobs::Job, Error};

pub struct SessionSweep(pub Store);

impl Job for SessionSweep {
    fn name(&self) -> &'static str {
        "session_sweep"
    }

    fn round(&self) -> Pin<Box<dyn Future<Output = Result<(), Error>> + Send + '_>> {
        Box::pin(async move { self.0.delete_expired().await.map_err(|_| Error::Internal("deleting expired sessions failed")) })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// With the database gone the round fails (the runner logs it and tries
    /// again, see `a_failed_round_is_retried_and_never_ends_the_loop`); it
    /// never panics, and works again once the database is back.
    #[tokio::test]
    async fn the_session_sweep_survives_a_database_outage() {
        let scratch = crate::backend::db::scratch::ScratchDb::sqlite().await;
        let closed = crate::backend::db::Db::connect(&scratch.url(), 1).await.unwrap();
        closed.close().await;
        assert!(SessionSweep(Store::new(&closed)).round().await.is_err());
        assert!(SessionSweep(Store::new(&scratch.db)).round().await.is_ok());
    }
}
