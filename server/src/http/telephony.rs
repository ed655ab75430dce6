//! `POST /webhooks/telephony`: call events from the telephony platform,
//! signed with `LOKET_TELEPHONY_WEBHOOK_SECRET` (format in
//! `app::backend::channel::telephony`). A start ties the call to the
//! caller's conversation; an end logs it there.

use app::backend::{
    channel::{mail, telephony::{self, CallEvent}},
    service::phone_call,
};
use axum::{
    body::Bytes,
    extract::State,
    http::{HeaderMap, StatusCode},
    response::{IntoResponse, Response},
};
use secrecy::ExposeSecret;

use crate::http::{failure_response, malformed, unsigned};
use crate::state::ServerState;

/// The telephony platform's call events.
pub fn routes() -> axum::Router<ServerState> {
    axum::Router::new().route(PATH, axum::routing::post(event))
}

pub const PATH: &str = "/webhooks/telephony";

pub async fn event(State(state): State<ServerState>, headers: HeaderMap, body: Bytes) -> Response {
    let Some(secret) = &state.webhooks.telephony_secret else { return unsigned("telephony") };
    let signature = headers.get("x-loket-signature").and_then(|v| v.to_str().ok());
    if !mail::signature_ok(secret.expose_secret().as_bytes(), &body, signature) {
        return unsigned("telephony");
    }
    let event = match telephony::parse(&body) {
        Ok(event) => event,
        Err(error) => return malformed("telephony", error.0),
    };
    let app = &state.app;
    let now = app.clock.now();
    match event {
        CallEvent::Started { call_id, caller, agent, at, queued_at } => match phone_call::started(&app.db, &call_id, &caller, agent.as_deref(), at, queued_at, now).await {
            Ok(conversation) => (StatusCode::OK, axum::Json(serde_json::json!({ "conversation": conversation }))).into_response(),
            Err(error) => failure_response(error),
        },
        CallEvent::Ended { call_id, at } => match phone_call::ended(&app.db, &call_id, at, now).await {
            Ok(Some(posted)) => {
                app.apply(posted).await;
                StatusCode::OK.into_response()
            }
            Ok(None) => StatusCode::OK.into_response(),
            Err(error) => failure_response(error),
        },
    }
}
