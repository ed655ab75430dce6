//! Makes the downloads residents asked for, one at a time, and removes
//! those past their time.

use std::{future::Future, pin::Pin};

use crate::backend::{jobs::Job, service::data_export, AppState, Error};

pub struct DataExport(pub AppState);

impl Job for DataExport {
    fn name(&self) -> &'static str {
        "data_export"
    }

    fn round(&self) -> Pin<Box<dyn Future<Output = Result<(), Error>> + Send + '_>> {
        Box::pin(async move {
            while data_export::make_next(&self.0).await? {}
            let removed = data_export::expire(&self.0.db, self.0.documents.as_ref(), self.0.clock.now()).await?;
            if removed > 0 {
                tracing::info!(removed, "removed downloads past their time");
            }
            Ok(())
        })
    }
}
