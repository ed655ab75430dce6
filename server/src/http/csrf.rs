//! Cross-site request forgery protection for every state-changing request
//! (forms, server functions, staff actions), with or without JavaScript.
//!
//! Browsers send `Origin` on every POST; a request whose `Origin` is not
//! the configured public origin (or, when absent, whose `Sec-Fetch-Site`
//! says cross-site) is refused. The `Host` header does not count: it is
//! whatever the client (or a rebinding DNS name) says. Clients without either header are not browsers and carry no
//! ambient cookies to abuse. Session cookies are `SameSite=Lax` as well.

use axum::{
    extract::{Request, State},
    http::{header, Method, StatusCode},
    middleware::Next,
    response::{IntoResponse, Response},
};

use crate::state::ServerState;

pub async fn same_origin(State(state): State<ServerState>, req: Request, next: Next) -> Response {
    if matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS) {
        return next.run(req).await;
    }
    let headers = req.headers();
    let allowed = match headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()) {
        Some(origin) => origin == state.public_origin.as_ref(),
        None => headers.get("sec-fetch-site").and_then(|v| v.to_str().ok()) != Some("cross-site"),
    };
    if allowed {
        next.run(req).await
    } else {
        tracing::warn!(method = %req.method(), path = crate::telemetry::loggable_path(req.uri().path()), "refused a cross-site request");
        (StatusCode::FORBIDDEN, "cross-site request refused").into_response()
    }
}
