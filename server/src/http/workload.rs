//! `GET /staff/werkvoorraad/live`: the counts beside the workspace's
//! navigation, sent again whenever they change. A conversation or callback
//! request that changes anywhere (on any node) makes the stream count
//! again, at most once per [`SETTLE`]; a slow tick catches what only time
//! changes (a callback request passing its term).

use std::time::Duration;

use app::backend::{auth::policy::CurrentUser, live::LiveEvent, service::workload};
use app::model::workload::Workload;
use axum::{extract::State, response::{sse::Event, Response}, Extension};
use tokio::sync::broadcast::error::RecvError;
use tower_sessions::Session;

use crate::http::{conversation::live, not_found, staff_of};
use crate::state::ServerState;

/// How long a burst of changes may take before the counts are taken once.
const SETTLE: Duration = Duration::from_millis(250);
/// How often the counts are taken without any change (terms pass by themselves).
const TICK: Duration = Duration::from_secs(60);

pub fn routes() -> axum::Router<ServerState> {
    axum::Router::new().route("/staff/werkvoorraad/live", axum::routing::get(counts_live))
}

/// Whether an event can change someone's counts.
fn counts_change(event: &LiveEvent) -> bool {
    matches!(event, LiveEvent::Message { .. } | LiveEvent::Conversation { .. } | LiveEvent::Callback { .. } | LiveEvent::Missed)
}

async fn counts_live(State(state): State<ServerState>, user: Option<Extension<CurrentUser>>, session: Session) -> Response {
    let Some(staff) = staff_of(&user) else { return not_found() };
    let events = state.app.live.subscribe();
    let mut tick = tokio::time::interval(TICK);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    let app = state.app.clone();
    // The first count goes out at once: the page may be older than the stream.
    let start = (events, tick, None::<Workload>, true);
    let counts = futures_util::stream::unfold(start, move |(mut events, mut tick, last, first)| {
        let (app, staff) = (app.clone(), staff.clone());
        async move {
            let mut first = first;
            loop {
                if !first {
                    tokio::select! {
                        event = events.recv() => match event {
                            Ok(event) if counts_change(&event) => {}
                            Ok(_) => continue,
                            Err(RecvError::Lagged(_)) => {}
                            Err(RecvError::Closed) => return None,
                        },
                        _ = tick.tick() => {}
                    }
                    tokio::time::sleep(SETTLE).await;
                    // What arrived while settling is covered by this count.
                    while events.try_recv().is_ok() {}
                }
                first = false;
                let Ok(load) = workload::counts(&app.db, &staff, app.clock.now()).await else { continue };
                if last != Some(load) {
                    let data = serde_json::to_string(&load).unwrap_or_default();
                    return Some((Ok(Event::default().event("counts").data(data)), (events, tick, Some(load), false)));
                }
            }
        }
    });
    live(state, &session, counts)
}
