//! `POST /webhooks/mail`: the municipality's mail gateway hands over a
//! message sent to Loket's reply address, as the raw message
//! (`message/rfc822`), signed with the shared secret in
//! `X-Loket-Signature: sha256=<hex HMAC-SHA256 of the body>`. A redelivery
//! (same Message-ID) stores nothing new. Why a webhook and not an SMTP
//! listener: see `app::backend::channel::mail`. The gateway's own
//! `Authentication-Results` header (topmost, named by
//! `LOKET_MAIL_AUTHSERV_ID`) is part of the signed message: its DMARC
//! verdict decides whether the sender counts as that address.

use app::backend::{
    channel::mail,
    service::{
        upload::Upload,
        inbound::{self, Arrival},
    },
};
use app::model::conversation::Channel;
use axum::{
    body::Bytes,
    extract::State,
    http::{HeaderMap, StatusCode},
    response::{IntoResponse, Response},
};
use secrecy::ExposeSecret;

use crate::http::{failure_response, malformed, unsigned};
use crate::state::ServerState;

/// Inbound mail from the relay.
pub fn routes() -> axum::Router<ServerState> {
    use axum::extract::DefaultBodyLimit;
    axum::Router::new().route(PATH, axum::routing::post(inbound).layer(DefaultBodyLimit::max(app::backend::channel::mail::MAX_BYTES)))
}

pub const PATH: &str = "/webhooks/mail";

pub async fn inbound(State(state): State<ServerState>, headers: HeaderMap, body: Bytes) -> Response {
    let Some(secret) = &state.webhooks.mail_secret else { return unsigned("mail") };
    let signature = headers.get("x-loket-signature").and_then(|v| v.to_str().ok());
    if !mail::signature_ok(secret.expose_secret().as_bytes(), &body, signature) {
        return unsigned("mail");
    }
    let parsed = match mail::parse(&body, state.webhooks.mail_authserv_id.as_deref()) {
        Ok(parsed) => parsed,
        Err(error) => return malformed("mail", error.0),
    };
    let app = &state.app;
    let now = app.clock.now();
    let attachments = parsed.attachments.into_iter().map(|a| Upload { file_name: a.file_name, bytes: a.bytes }).collect();
    let arrival = Arrival {
        channel: Channel::Email,
        provider_id: &parsed.message_id,
        from: &parsed.from,
        subject: Some(&parsed.subject),
        body: &parsed.body,
        at: now,
        answers: &parsed.answers,
        attachments,
        sender_verified: parsed.sender_verified,
    };
    match inbound::receive(&app.db, app.documents.as_ref(), arrival, now).await {
        Ok(posted) => {
            app.apply(posted).await;
            StatusCode::OK.into_response()
        }
        Err(error) => failure_response(error),
    }
}
