//! `GET/POST /webhooks/whatsapp`: Meta's verification handshake, and
//! deliveries of inbound messages and status updates. Every POST is
//! checked against `X-Hub-Signature-256` over the exact bytes received
//! before anything is read; a redelivery stores nothing new.

use app::backend::{
    channel::whatsapp::{self, Event},
    service::{
        upload::Upload,
        inbound::{self, Arrival},
    },
};
use app::model::conversation::Channel;
use axum::{
    body::Bytes,
    extract::{Query, State},
    http::{HeaderMap, StatusCode},
    response::{IntoResponse, Response},
};
use secrecy::ExposeSecret;

use crate::http::{failure_response, malformed, unsigned};
use crate::state::ServerState;

/// The Cloud API's verification handshake and its deliveries.
pub fn routes() -> axum::Router<ServerState> {
    axum::Router::new().route(PATH, axum::routing::get(handshake).post(deliver))
}

pub const PATH: &str = "/webhooks/whatsapp";

#[derive(serde::Deserialize)]
pub struct Handshake {
    #[serde(rename = "hub.mode")]
    mode: Option<String>,
    #[serde(rename = "hub.verify_token")]
    token: Option<String>,
    #[serde(rename = "hub.challenge")]
    challenge: Option<String>,
}

/// Meta checks the callback URL: echo the challenge for the right verify token.
pub async fn handshake(State(state): State<ServerState>, Query(query): Query<Handshake>) -> Response {
    let expected = state.webhooks.whatsapp_verify_token.as_ref().map(|t| t.expose_secret().to_string()).unwrap_or_default();
    match whatsapp::handshake(query.mode.as_deref(), query.token.as_deref(), query.challenge.as_deref(), &expected) {
        Some(challenge) => (StatusCode::OK, [(axum::http::header::CONTENT_TYPE, "text/plain")], challenge.to_string()).into_response(),
        None => {
            tracing::warn!("whatsapp webhook handshake refused");
            (StatusCode::FORBIDDEN, "verification refused").into_response()
        }
    }
}

/// The file of an inbound media message: `Ok(None)` when it cannot be
/// fetched ever (gone, refused, too large), `Err` when it may work later
/// (logged without content).
async fn fetch(state: &ServerState, media_id: &str) -> Result<Option<Vec<u8>>, ()> {
    let Some(client) = state.webhooks.whatsapp.as_ref() else { return Ok(None) };
    match client.fetch_media(media_id).await {
        Ok(bytes) => Ok(Some(bytes)),
        Err(error) => {
            tracing::warn!(provider = "whatsapp", error = %error, "media not fetched");
            if error.is_permanent() { Ok(None) } else { Err(()) }
        }
    }
}

/// One delivery: any number of messages and status updates, handled in order.
pub async fn deliver(State(state): State<ServerState>, headers: HeaderMap, body: Bytes) -> Response {
    let Some(secret) = &state.webhooks.whatsapp_app_secret else { return unsigned("whatsapp") };
    let signature = headers.get("x-hub-signature-256").and_then(|v| v.to_str().ok());
    if !whatsapp::signature_ok(secret.expose_secret().as_bytes(), &body, signature) {
        return unsigned("whatsapp");
    }
    let events = match whatsapp::parse(&body) {
        Ok(events) => events,
        Err(error) => return malformed("whatsapp", error.0),
    };
    let app = &state.app;
    for event in events {
        match event {
            Event::Message(message) => {
                // A redelivery: stored before, with its file; nothing is downloaded again.
                match inbound::received_before(&app.db, Channel::WhatsApp, &message.id).await {
                    Ok(true) => continue,
                    Ok(false) => {}
                    Err(error) => return failure_response(error),
                }
                let mut body = message.body.clone();
                let mut attachments = Vec::new();
                if let Some(media) = &message.media {
                    let name = media.file_name.clone().unwrap_or_else(|| format!("whatsapp-{}", media.mime_type.replace('/', ".")));
                    match fetch(&state, &media.id).await {
                        Ok(Some(bytes)) => attachments.push(Upload { file_name: name, bytes }),
                        // Kept as a note, so staff know a file came and can ask for it again.
                        Ok(None) => body.push_str(&format!("\n[Bestand niet opgehaald: {name}]")),
                        // Not stored: Meta delivers it again later, and the file is fetched then.
                        Err(()) => return (StatusCode::SERVICE_UNAVAILABLE, "media not available yet").into_response(),
                    }
                }
                let arrival = Arrival {
                    channel: Channel::WhatsApp,
                    provider_id: &message.id,
                    from: &message.from,
                    subject: None,
                    body: &body,
                    at: message.at,
                    answers: &[],
                    attachments,
                    // WhatsApp ties a number to the phone that registered it.
                    sender_verified: true,
                };
                match inbound::receive(&app.db, app.documents.as_ref(), arrival, app.clock.now()).await {
                    Ok(posted) => {
                        app.apply(posted).await;
                    }
                    Err(error) => return failure_response(error),
                }
            }
            Event::Status(status) => {
                if let Err(error) = inbound::delivery_report(&app.db, Channel::WhatsApp, &status.id, status.delivery).await {
                    return failure_response(error);
                }
                if let Some(code) = status.error_code {
                    tracing::info!(provider = "whatsapp", error.code = code, "message not delivered");
                }
            }
        }
    }
    StatusCode::OK.into_response()
}
