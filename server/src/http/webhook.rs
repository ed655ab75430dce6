//! What every provider webhook gets before its handler runs: a delivery
//! without the provider's signature header is refused before any of its
//! body is read; a body is read only up to the provider's limit (so every
//! field is capped as it is read); and each provider's deliveries share a
//! rate limit, so a flood with forged signatures cannot make the node
//! compute HMACs all day.

use axum::{
    body::Body,
    extract::{Request, State},
    http::{Method, StatusCode},
    middleware::Next,
    response::{IntoResponse, Response},
};

use crate::http::{mail, rate_limit, sms, telephony, unsigned, whatsapp};
use crate::state::ServerState;

/// The header each provider signs with, and how large its deliveries may be.
fn expected(path: &str) -> Option<(&'static str, &'static str, usize)> {
    const KIB: usize = 1024;
    match path {
        whatsapp::PATH => Some(("whatsapp", "x-hub-signature-256", 1024 * KIB)),
        sms::INBOUND_PATH | crate::channels::SMS_STATUS_PATH => Some(("twilio", "x-twilio-signature", 64 * KIB)),
        telephony::PATH => Some(("telephony", "x-loket-signature", 64 * KIB)),
        mail::PATH => Some(("mail", "x-loket-signature", app::backend::channel::mail::MAX_BYTES)),
        app::backend::service::case_sync::NOTIFICATION_PATH => Some(("zgw", "authorization", 64 * KIB)),
        _ if path.starts_with("/provisioning/") => Some(("provisioning", "authorization", 64 * KIB)),
        _ => None,
    }
}

/// Middleware on the webhook routes.
pub async fn guard(State(state): State<ServerState>, req: Request, next: Next) -> Response {
    if req.method() == Method::GET {
        // WhatsApp's verification handshake: no body, checked by its token.
        return next.run(req).await;
    }
    let Some((provider, header, limit)) = expected(req.uri().path()) else { return next.run(req).await };
    if !rate_limit::allow(&state.webhook_limiter, &provider) {
        tracing::warn!(provider, "webhook deliveries over the rate limit");
        return (StatusCode::TOO_MANY_REQUESTS, [(axum::http::header::RETRY_AFTER, "10")], "too many deliveries").into_response();
    }
    if !req.headers().contains_key(header) {
        return unsigned(provider);
    }
    let too_large = req
        .headers()
        .get(axum::http::header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok())
        .is_some_and(|length| length > limit);
    if too_large {
        return (StatusCode::PAYLOAD_TOO_LARGE, "delivery too large").into_response();
    }
    let req = req.map(|body| Body::new(http_body_util::Limited::new(body, limit)));
    next.run(req).await
}
