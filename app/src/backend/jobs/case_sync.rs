//! Keeps the copy of residents' cases current with the ZGW case system
//! (`service::case_sync`): imports after logins, fetches after
//! notifications, the reconciliation; woken when one is queued on this
//! node. Until it has, each round also makes sure the Notificaties API
//! sends this Loket its notifications (the subscription).

use std::{future::Future, pin::Pin, sync::{atomic::{AtomicBool, Ordering}, Arc}};

use crate::backend::{error::error_chain, jobs::Job, service::case_sync::{self, CaseSync}, state::AppState, Error};

pub struct FetchCases {
    pub app: AppState,
    pub sync: Arc<CaseSync>,
    subscribed: AtomicBool,
}

impl FetchCases {
    pub fn new(app: AppState, sync: Arc<CaseSync>) -> FetchCases {
        FetchCases { app, sync, subscribed: AtomicBool::new(false) }
    }
}

impl Job for FetchCases {
    fn name(&self) -> &'static str {
        "case_sync"
    }

    fn round(&self) -> Pin<Box<dyn Future<Output = Result<(), Error>> + Send + '_>> {
        Box::pin(async move {
            if !self.subscribed.load(Ordering::Relaxed) {
                match case_sync::subscribe(&self.sync, &self.app.public_url).await {
                    Ok(()) => self.subscribed.store(true, Ordering::Relaxed),
                    // Fetching goes on; the next round tries again.
                    Err(error) => tracing::warn!(error = %error_chain(&error), "subscribing at the Notificaties API failed"),
                }
            }
            let effects = case_sync::round(&self.app.db, &self.sync, self.app.clock.now()).await?;
            self.app.apply_effects(effects).await;
            Ok(())
        })
    }
}
