//! Acts on queued address changes (`service::relocation`); woken when one is queued on this node.

use std::{future::Future, pin::Pin};

use crate::backend::{jobs::Job, service::relocation, state::AppState, Error};

pub struct Relocation(pub AppState);

impl Job for Relocation {
    fn name(&self) -> &'static str {
        "relocation"
    }

    fn round(&self) -> Pin<Box<dyn Future<Output = Result<(), Error>> + Send + '_>> {
        Box::pin(async move {
            let done = relocation::process_queued(&self.0.db, self.0.clock.now()).await?;
            self.0.apply(done).await;
            Ok(())
        })
    }
}
