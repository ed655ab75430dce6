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
