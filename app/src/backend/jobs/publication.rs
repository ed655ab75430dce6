//! Publishes Loket's own events as Notificaties (`service::publication`):
//! every round what is due; until it has once, each round first makes sure
//! the kanaal exists at the Notificaties API. Without one, it drops what
//! waited a day.

use std::{future::Future, pin::Pin, sync::{atomic::{AtomicBool, Ordering}, Arc}};

use crate::backend::{error::error_chain, jobs::Job, service::publication::{self, Publisher}, state::AppState, Error};

pub struct Publish {
    pub app: AppState,
    pub publisher: Option<Arc<Publisher>>,
    prepared: AtomicBool,
}

impl Publish {
    pub fn new(app: AppState, publisher: Option<Arc<Publisher>>) -> Publish {
        Publish { app, publisher, prepared: AtomicBool::new(false) }
    }
}

impl Job for Publish {
    fn name(&self) -> &'static str {
        "publication"
    }

    fn round(&self) -> Pin<Box<dyn Future<Output = Result<(), Error>> + Send + '_>> {
        Box::pin(async move {
            if let Some(publisher) = &self.publisher
                && !self.prepared.load(Ordering::Relaxed)
            {
                match publication::prepare(publisher, &self.app.public_url).await {
                    Ok(()) => self.prepared.store(true, Ordering::Relaxed),
                    // Publishing is tried anyway: the kanaal may exist already.
                    Err(error) => tracing::warn!(error = %error_chain(&error), "making the kanaal at the Notificaties API failed"),
                }
            }
            publication::round(&self.app.db, self.publisher.as_deref(), &self.app.public_url, self.app.clock.now()).await.map(|_| ())
        })
    }
}
