//! What every request handler needs, built once by `server::startup` and
//! handed to Leptos as context, and how it carries out what a committed
//! change needs after it (`apply`).

use std::sync::Arc;

use crate::backend::{agenda::Agenda, auth::Auth, channel::Outbound, clock::Clock, db::Db, effect::{Committed, Effects}, live::Live, storage::DocumentStorage, Error};
use crate::model::municipality::Municipality;

#[derive(Clone)]
pub struct AppState {
    pub db: Db,
    pub clock: Arc<dyn Clock>,
    pub outbound: Arc<dyn Outbound>,
    pub auth: Arc<Auth>,
    pub documents: Arc<dyn DocumentStorage>,
    /// Where appointments are booked: Loket's own agenda unless an external system is set up.
    pub agenda: Arc<dyn Agenda>,
    /// Where residents pay a pay to-do; `None`: paying online is not set up.
    pub payments: Option<Arc<dyn crate::backend::payment::PaymentProvider>>,
    /// Loaded once at start-up: it is in every page's frame.
    pub municipality: Arc<Municipality>,
    /// Wakes this node's notification worker after a notice was queued.
    pub delivery: Arc<tokio::sync::Notify>,
    /// New messages, to every open page on every node.
    pub live: Arc<Live>,
    /// Wakes this node's relocation worker after an address change was queued.
    pub relocations: Arc<tokio::sync::Notify>,
    /// Wakes this node's download maker after a resident asked for all their data.
    pub exports: Arc<tokio::sync::Notify>,
    /// Where residents' cases come from besides Loket itself: a ZGW case
    /// system, kept in a local copy; `None`: Loket's own cases only.
    pub case_sync: Option<Arc<crate::backend::service::case_sync::CaseSync>>,
    /// Where Loket's own events are published as Notificaties; `None`: nowhere.
    pub publisher: Option<Arc<crate::backend::service::publication::Publisher>>,
    /// Wakes this node's case fetcher after cases were queued.
    pub fetch_cases: Arc<tokio::sync::Notify>,
    /// Where residents reach Loket, for links that leave it (mail, hand-over).
    pub public_url: Arc<str>,
    /// The routing suggestion's classifier, trained when the decisions change.
    pub routing: Arc<crate::backend::service::routing::Model>,
}

/// The state of the running application, from inside a server function or
/// page. Every request gets it as context, so it is missing only when the
/// request itself is gone: a page's data still loading after the browser
/// left (its loader keeps its own scope, whose parent, the request's, was
/// dropped). That is `Gone`, not a fault.
pub fn state() -> Result<AppState, Error> {
    leptos::prelude::use_context::<AppState>().ok_or(Error::Gone)
}

impl AppState {
    /// Carries out what a committed change needs and returns its result.
    pub async fn apply<T>(&self, committed: Committed<T>) -> T {
        self.apply_effects(committed.effects).await;
        committed.value
    }

    /// Carries out effects: wakes the jobs on this node (other nodes find
    /// the work at their next tick) and publishes events to every node.
    pub async fn apply_effects(&self, effects: Effects) {
        if effects.deliver {
            self.delivery.notify_one();
        }
        if effects.relocate {
            self.relocations.notify_one();
        }
        if effects.export {
            self.exports.notify_one();
        }
        if effects.fetch_cases {
            self.fetch_cases.notify_one();
        }
        for event in effects.announce {
            self.live.announce(event).await;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::AppError;
    use leptos::prelude::{provide_context, Owner};

    #[test]
    fn a_loader_whose_request_is_gone_is_no_incident() {
        // A request's scope with its context, and a loader's scope under it that outlives it.
        let request = Owner::new();
        let loader = request.with(|| {
            provide_context(7_u32);
            Owner::current().expect("the request's scope").child()
        });
        assert_eq!(loader.with(leptos::prelude::use_context::<u32>), Some(7), "while the request lives, its context is there");
        drop(request);
        assert_eq!(loader.with(leptos::prelude::use_context::<u32>), None, "its parent gone, the loader finds no context");
        let gone = loader.with(state).err().expect("no state");
        assert!(matches!(gone, Error::Gone), "{gone:?}");
        assert!(matches!(AppError::from(gone), AppError::Unavailable), "no incident id, no error in the log");
    }
}
