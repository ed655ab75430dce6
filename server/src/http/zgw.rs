//! `POST /webhooks/zgw`: notifications from the municipality's Notificaties
//! API about cases and documents, with the `Authorization` value agreed in
//! Loket's subscription. Each queues a fetch of the case it names and is
//! answered at once (204); the fetching happens in the background.

use app::backend::{service::case_sync, zgw::resource::Notificatie};
use axum::{
    body::Bytes,
    extract::State,
    http::{header, HeaderMap, StatusCode},
    response::{IntoResponse, Response},
};

use crate::http::{failure_response, malformed, unsigned};
use crate::state::ServerState;

pub fn routes() -> axum::Router<ServerState> {
    axum::Router::new().route(case_sync::NOTIFICATION_PATH, axum::routing::post(notification))
}

pub async fn notification(State(state): State<ServerState>, headers: HeaderMap, body: Bytes) -> Response {
    let Some(sync) = state.app.case_sync.clone() else { return unsigned("zgw") };
    if !case_sync::authorized(&sync, headers.get(header::AUTHORIZATION).and_then(|v| v.to_str().ok())) {
        return unsigned("zgw");
    }
    let notification: Notificatie = match serde_json::from_slice(&body) {
        Ok(n) => n,
        Err(_) => return malformed("zgw", "notification"),
    };
    match case_sync::receive(&state.app.db, &sync, &notification, state.app.clock.now()).await {
        Ok(effects) => {
            state.app.apply_effects(effects).await;
            StatusCode::NO_CONTENT.into_response()
        }
        Err(error) => failure_response(error),
    }
}
