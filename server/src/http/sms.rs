//! `POST /webhooks/sms` and `/webhooks/sms/status`: Twilio's inbound SMS
//! and its delivery reports. Each request's `X-Twilio-Signature` is checked
//! over the URL as configured at Twilio (Loket's public URL and the path)
//! and every posted parameter, before anything is read.

use app::backend::{
    channel::twilio,
    service::inbound::{self, Arrival},
};
use app::model::conversation::Channel;
use axum::{
    body::Bytes,
    extract::State,
    http::{HeaderMap, StatusCode, Uri},
    response::{IntoResponse, Response},
};
use secrecy::ExposeSecret;

use crate::http::{failure_response, malformed, unsigned};
use crate::state::ServerState;

/// Twilio's inbound messages and status callbacks.
pub fn routes() -> axum::Router<ServerState> {
    use axum::routing::post;
    axum::Router::new().route(INBOUND_PATH, post(inbound)).route(crate::channels::SMS_STATUS_PATH, post(status))
}

pub const INBOUND_PATH: &str = "/webhooks/sms";

/// The checked form of a Twilio request, or the answer that refuses it.
fn signed(state: &ServerState, headers: &HeaderMap, uri: &Uri, body: &[u8]) -> Result<Vec<(String, String)>, Response> {
    let Some(token) = &state.webhooks.twilio_auth_token else { return Err(unsigned("twilio")) };
    let pairs = twilio::form_pairs(body);
    let path = uri.path_and_query().map(|p| p.as_str()).unwrap_or(uri.path());
    let url = format!("{}{path}", state.public_url.trim_end_matches('/'));
    let signature = headers.get("x-twilio-signature").and_then(|v| v.to_str().ok());
    if twilio::signature_ok(token.expose_secret().as_bytes(), &url, &pairs, signature) { Ok(pairs) } else { Err(unsigned("twilio")) }
}

/// An empty TwiML answer: Loket replies later, through the API.
fn accepted() -> Response {
    (StatusCode::OK, [(axum::http::header::CONTENT_TYPE, "text/xml")], "<Response/>").into_response()
}

pub async fn inbound(State(state): State<ServerState>, headers: HeaderMap, uri: Uri, body: Bytes) -> Response {
    let pairs = match signed(&state, &headers, &uri, &body) {
        Ok(pairs) => pairs,
        Err(refused) => return refused,
    };
    let sms = match twilio::inbound(&pairs) {
        Ok(sms) => sms,
        Err(error) => return malformed("twilio", error.0),
    };
    let app = &state.app;
    let now = app.clock.now();
    // Twilio does not say when the SMS was sent; it posts at once, so arrival is the time.
    let arrival = Arrival { channel: Channel::Sms, provider_id: &sms.id, from: &sms.from, subject: None, body: &sms.body, at: now, answers: &[], attachments: Vec::new(), sender_verified: false };
    match inbound::receive(&app.db, app.documents.as_ref(), arrival, now).await {
        Ok(posted) => {
            app.apply(posted).await;
            accepted()
        }
        Err(error) => failure_response(error),
    }
}

pub async fn status(State(state): State<ServerState>, headers: HeaderMap, uri: Uri, body: Bytes) -> Response {
    let pairs = match signed(&state, &headers, &uri, &body) {
        Ok(pairs) => pairs,
        Err(refused) => return refused,
    };
    match twilio::status(&pairs) {
        Ok(Some(update)) => match inbound::delivery_report(&state.app.db, Channel::Sms, &update.id, update.delivery).await {
            Ok(_) => accepted(),
            Err(error) => failure_response(error),
        },
        Ok(None) => accepted(),
        Err(error) => malformed("twilio", error.0),
    }
}
