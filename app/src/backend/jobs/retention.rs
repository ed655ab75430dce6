//! Once a day, over all nodes: removes what passed its retention term and
//! writes the report.

use std::{future::Future, pin::Pin};

use crate::backend::{jobs::Job, service::retention, AppState, Error};

pub struct Retention(pub AppState);

impl Job for Retention {
    fn name(&self) -> &'static str {
        "retention"
    }

    fn round(&self) -> Pin<Box<dyn Future<Output = Result<(), Error>> + Send + '_>> {
        Box::pin(async move { retention::daily(&self.0.db, self.0.documents.as_ref(), self.0.clock.now()).await })
    }
}
