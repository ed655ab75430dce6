//! Every minute, over all nodes: keeps the statistics' figures up to date
//! (see `service::statistics`), a batch per transaction until it has
//! caught up with the clock (less `statistics::LAG`). A node that finds
//! its batch counted by another leaves it.

use std::{future::Future, pin::Pin};

use crate::backend::{jobs::Job, service::statistics, AppState, Error};

/// Batches per round at most, so that one round after a long pause (or
/// the first one on years of history) ends and the next one goes on.
const BATCHES: u32 = 200;

pub struct Statistics(pub AppState);

impl Job for Statistics {
    fn name(&self) -> &'static str {
        "statistics"
    }

    fn round(&self) -> Pin<Box<dyn Future<Output = Result<(), Error>> + Send + '_>> {
        Box::pin(async move {
            for _ in 0..BATCHES {
                if !statistics::count(&self.0.db, self.0.clock.now()).await? {
                    break;
                }
            }
            Ok(())
        })
    }
}
