//! Removes stored files that no record names (left by a crash between
//! storing a file and writing its record).

use std::{future::Future, pin::Pin};

use crate::backend::{jobs::Job, service::upload, AppState, Error};

pub struct OrphanSweep(pub AppState);

impl Job for OrphanSweep {
    fn name(&self) -> &'static str {
        "orphan_sweep"
    }

    fn round(&self) -> Pin<Box<dyn Future<Output = Result<(), Error>> + Send + '_>> {
        Box::pin(async move {
            let removed = upload::sweep_orphans(&self.0.db, self.0.documents.as_ref(), upload::ORPHAN_AGE).await?;
            if removed > 0 {
                tracing::info!(removed, "removed stored files without a record");
            }
            Ok(())
        })
    }
}
