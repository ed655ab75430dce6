//! Login, callback and logout for residents and staff, and the middleware
//! that turns a session into the request's `CurrentUser` and keeps
//! `/mijn` and `/staff` to their own people.

use std::net::SocketAddr;

use app::backend::auth::{
    loa::Loa,
    oidc::{LoginError, PendingLogin},
    policy::{self, CurrentUser, Verdict},
    session::{Freshness, Principal, SignedIn, PENDING_LOGIN, SIGNED_IN},
    Audience,
};
use app::backend::service::login;
use axum::{
    extract::{ConnectInfo, Path, Query, Request, State},
    Extension,
    http::{HeaderMap, StatusCode},
    middleware::Next,
    response::{IntoResponse, Redirect, Response},
};
use serde::Deserialize;
use tower_sessions::Session;

use crate::http::rate_limit;
use crate::state::ServerState;

/// Login, callback and logout for both audiences.
pub fn routes() -> axum::Router<ServerState> {
    use axum::routing::{get, post};
    axum::Router::new()
        .route("/auth/{audience}/login", get(start))
        .route("/auth/{audience}/callback", get(callback))
        .route("/auth/logout", post(logout))
}

fn parse_audience(raw: &str) -> Option<Audience> {
    match raw {
        "resident" => Some(Audience::Resident),
        "staff" => Some(Audience::Staff),
        _ => None,
    }
}

fn login_page(audience: Audience) -> &'static str {
    match audience {
        Audience::Resident => "/inloggen",
        Audience::Staff => "/staff/inloggen",
    }
}

fn home(audience: Audience) -> &'static str {
    match audience {
        Audience::Resident => "/mijn",
        Audience::Staff => "/staff",
    }
}

/// Back to the login page with a reason it explains; never with details.
fn refuse(audience: Audience, code: &str) -> Response {
    Redirect::to(&format!("{}?fout={code}", login_page(audience))).into_response()
}

/// Only paths on this site, within the audience's own part.
fn safe_next(audience: Audience, next: Option<&str>) -> String {
    match next.and_then(super::local_path) {
        Some(next) if next.starts_with(home(audience)) => next.to_string(),
        _ => home(audience).to_string(),
    }
}

#[derive(Deserialize)]
pub struct Start {
    next: Option<String>,
    /// Asks the provider for at least this level (step-up for sensitive pages).
    niveau: Option<String>,
}

/// `GET /auth/{resident|staff}/login`: off to the provider.
pub async fn start(
    State(state): State<ServerState>,
    Path(audience): Path<String>,
    addr: Option<Extension<ConnectInfo<SocketAddr>>>,
    headers: HeaderMap,
    session: Session,
    Query(q): Query<Start>,
) -> Response {
    let Some(audience) = parse_audience(&audience) else { return StatusCode::NOT_FOUND.into_response() };
    if !rate_limit::allow(&state.login_limiter, &rate_limit::client_address(&headers, addr.as_ref(), state.trusted_proxy_hops)) {
        tracing::warn!(audience = ?audience, "login refused: too many from one address this minute");
        return refuse(audience, "te-vaak");
    }
    let min_loa = q.niveau.as_deref().and_then(Loa::from_claim).filter(|_| audience == Audience::Resident);
    let next = safe_next(audience, q.next.as_deref());
    match state.app.auth.provider(audience).start(audience, next, min_loa).await {
        Ok((url, pending)) => match session.insert(PENDING_LOGIN, pending).await {
            Ok(()) => Redirect::to(&url).into_response(),
            Err(error) => {
                tracing::error!(%error, "storing the pending login failed");
                refuse(audience, "storing")
            }
        },
        Err(error) => {
            tracing::warn!(%error, audience = ?audience, "login could not start");
            refuse(audience, "aanbieder")
        }
    }
}

#[derive(Deserialize)]
pub struct Callback {
    code: Option<String>,
    state: Option<String>,
    error: Option<String>,
}

/// `GET /auth/{resident|staff}/callback`: the provider sends the browser back.
pub async fn callback(
    State(state): State<ServerState>,
    Path(audience): Path<String>,
    addr: Option<Extension<ConnectInfo<SocketAddr>>>,
    headers: HeaderMap,
    session: Session,
    Query(q): Query<Callback>,
) -> Response {
    let Some(audience) = parse_audience(&audience) else { return StatusCode::NOT_FOUND.into_response() };
    if !rate_limit::allow(&state.login_limiter, &rate_limit::client_address(&headers, addr.as_ref(), state.trusted_proxy_hops)) {
        tracing::warn!(audience = ?audience, "login refused: too many from one address this minute");
        return refuse(audience, "te-vaak");
    }
    // A pending login is used once, whatever happens next.
    let pending: Option<PendingLogin> = session.remove(PENDING_LOGIN).await.ok().flatten();
    let Some(pending) = pending.filter(|p| p.audience == audience) else {
        return refuse(audience, "status");
    };
    if q.error.is_some() {
        return refuse(audience, "afgebroken");
    }
    let (Some(code), Some(returned_state)) = (q.code.as_deref(), q.state.as_deref()) else {
        return refuse(audience, "status");
    };
    let now = state.app.clock.now();
    let verified = match state.app.auth.provider(audience).finish(&pending, code, returned_state, now).await {
        Ok(v) => v,
        Err(error) => {
            tracing::warn!(%error, audience = ?audience, "login refused");
            let code = match error {
                LoginError::State => "status",
                LoginError::Provider(_) | LoginError::Token(_) => "aanbieder",
                LoginError::IdToken(_) => "token",
            };
            return refuse(audience, code);
        }
    };
    let rules = &state.app.auth.rules;
    let outcome = match audience {
        Audience::Resident => login::resident(&state.app.db, rules, &verified, pending.min_loa, now).await,
        Audience::Staff => login::staff(&state.app.db, rules, &verified, now).await,
    };
    let principal = match outcome {
        Ok(Ok(principal)) => principal,
        Ok(Err(refusal)) => {
            tracing::info!(audience = ?audience, reason = refusal.code(), "login refused");
            return refuse(audience, refusal.code());
        }
        Err(error) => {
            let app_error = app::error::AppError::from(error);
            tracing::error!(?app_error, "login failed");
            return refuse(audience, "storing");
        }
    };
    // Cases from the case system: looked for after a login (unless found within a day).
    if let (Principal::Resident { id, .. }, Some(_)) = (&principal, &state.app.case_sync) {
        match app::backend::service::case_sync::after_login(&state.app.db, *id, now).await {
            Ok(effects) => state.app.apply_effects(effects).await,
            // The login goes on: the reconciliation looks for them later.
            Err(error) => tracing::warn!(error = %app::backend::error::error_chain(&error), "queueing the resident's cases failed"),
        }
    }
    // A fresh session id at login: a planted id never becomes a signed-in one.
    if let Err(error) = session.cycle_id().await {
        tracing::error!(%error, "renewing the session id failed");
        return refuse(audience, "storing");
    }
    if let Err(error) = session.insert(SIGNED_IN, SignedIn::new(principal, now)).await {
        tracing::error!(%error, "storing the login failed");
        return refuse(audience, "storing");
    }
    Redirect::to(&pending.next).into_response()
}

/// `POST /auth/logout`: ends Loket's session, then the provider's where it supports that.
pub async fn logout(State(state): State<ServerState>, session: Session) -> Response {
    let signed_in: Option<SignedIn> = session.get(SIGNED_IN).await.ok().flatten();
    if let Err(error) = session.flush().await {
        tracing::error!(%error, "ending the session failed");
    }
    let after = format!("{}/uitgelogd", state.public_url.trim_end_matches('/'));
    if let Some(signed_in) = signed_in {
        let audience = match signed_in.principal {
            Principal::Resident { .. } => Audience::Resident,
            Principal::Staff { .. } => Audience::Staff,
        };
        if let Some(url) = state.app.auth.provider(audience).logout_url(&after).await {
            return Redirect::to(&url).into_response();
        }
    }
    Redirect::to("/uitgelogd").into_response()
}

/// Middleware: reads the session, ends it when idle or too old (or when a
/// staff member lost every role), records activity (at most once a
/// minute, see `SignedIn::touch`), reads a staff
/// member's roles and teams anew, and lets through only what the policy
/// table allows: others are sent to log in, refused (403) or not found.
pub async fn current_user(State(state): State<ServerState>, session: Session, mut req: Request, next: Next) -> Response {
    let now = state.app.clock.now();
    let limits = state.app.auth.limits;
    let mut expired = false;
    let signed_in = match session.get::<SignedIn>(SIGNED_IN).await {
        Ok(s) => s,
        Err(tower_sessions::session::Error::SerdeJson(_)) => {
            // A session written by an older version: it no longer counts.
            let _ = session.flush().await;
            None
        }
        Err(error) => {
            tracing::error!(%error, "reading the session failed");
            return crate::http::unavailable_page(req.headers());
        }
    };
    if let Some(mut signed_in) = signed_in {
        match signed_in.freshness(now, &limits) {
            Freshness::Active { .. } => {
                let recorded = signed_in.touch(now);
                let seconds_left = match signed_in.freshness(now, &limits) {
                    Freshness::Active { seconds_left } => seconds_left,
                    _ => 0,
                };
                let principal = match &signed_in.principal {
                    Principal::Staff(staff) => match app::backend::service::staff_member::current(&state.app.db, staff.id).await {
                        Ok(Some(now_staff)) => Some(Principal::Staff(now_staff)),
                        Ok(None) => None,
                        Err(error) => return crate::http::failure_response(error),
                    },
                    resident => Some(resident.clone()),
                };
                match principal {
                    Some(principal) => {
                        if recorded && let Err(error) = session.insert(SIGNED_IN, signed_in).await {
                            tracing::error!(%error, "recording session activity failed");
                        }
                        req.extensions_mut().insert(CurrentUser { principal, seconds_left });
                    }
                    None => {
                        // Every role removed (at the provider or by the administrator): the session ends now.
                        let _ = session.flush().await;
                        return Redirect::to("/staff/inloggen?fout=rol").into_response();
                    }
                }
            }
            Freshness::IdleExpired | Freshness::AbsoluteExpired => {
                let _ = session.flush().await;
                expired = true;
            }
        }
    }
    let path = req.uri().path().to_string();
    let is_api = path.starts_with("/api/");
    match policy::verdict(&path, req.extensions().get::<CurrentUser>()) {
        Verdict::Allowed => next.run(req).await,
        Verdict::SignIn if is_api => (StatusCode::UNAUTHORIZED, "Je bent niet (meer) ingelogd. Log opnieuw in. / You are not logged in (any more). Please log in again.").into_response(),
        Verdict::OtherAudience if is_api || req.method() != axum::http::Method::GET => (StatusCode::FORBIDDEN, "Dit is niet voor jou. / This is not for you.").into_response(),
        Verdict::SignIn | Verdict::OtherAudience => {
            let reason = if expired { "&fout=verlopen" } else { "" };
            let login = if path == "/staff" || path.starts_with("/staff/") { "/staff/inloggen" } else { "/inloggen" };
            Redirect::to(&format!("{login}?next={path}{reason}")).into_response()
        }
        Verdict::Forbidden if is_api || req.method() != axum::http::Method::GET => (StatusCode::FORBIDDEN, "Dit mag je niet met jouw rol. / Your role does not allow this.").into_response(),
        Verdict::Forbidden => rendered_as(req, next, "/staff/geen-toegang", StatusCode::FORBIDDEN).await,
        Verdict::Unknown if is_api || req.method() != axum::http::Method::GET => crate::http::not_found(),
        Verdict::Unknown => rendered_as(req, next, "/niet-gevonden", StatusCode::NOT_FOUND).await,
    }
}

/// Whether session `id` still counts: stored, neither idle nor too old,
/// and a staff member still has a role. Live streams ask as they run. A
/// storage failure (the database restarting) does not end a stream: a
/// browser that reconnected would meet the outage and give up for good;
/// the stream stays, and is told to catch up when the database is back.
pub async fn still_signed_in(state: &ServerState, id: tower_sessions::session::Id) -> bool {
    use tower_sessions::SessionStore;
    // A store that cannot be read (the database restarting) ends nothing: the next check decides.
    let record = match state.sessions.load(&id).await {
        Ok(Some(record)) => record,
        Ok(None) => return false,
        Err(_) => return true,
    };
    let Some(signed_in) = record.data.get(SIGNED_IN).and_then(|v| serde_json::from_value::<SignedIn>(v.clone()).ok()) else { return false };
    if !matches!(signed_in.freshness(state.app.clock.now(), &state.app.auth.limits), Freshness::Active { .. }) {
        return false;
    }
    match signed_in.principal {
        Principal::Staff(staff) => !matches!(app::backend::service::staff_member::current(&state.app.db, staff.id).await, Ok(None)),
        Principal::Resident { .. } => true,
    }
}

/// Answers with the page at `page` (in the site's frame) and `status`.
async fn rendered_as(mut req: Request, next: Next, page: &str, status: StatusCode) -> Response {
    match page.parse() {
        Ok(uri) => *req.uri_mut() = uri,
        Err(_) => return status.into_response(),
    }
    let mut response = next.run(req).await;
    *response.status_mut() = status;
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn next_stays_inside_the_audiences_own_part_of_the_site() {
        assert_eq!(safe_next(Audience::Resident, Some("/mijn/gegevens")), "/mijn/gegevens");
        assert_eq!(safe_next(Audience::Resident, Some("/staff")), "/mijn");
        assert_eq!(safe_next(Audience::Resident, Some("//evil.example/mijn")), "/mijn");
        assert_eq!(safe_next(Audience::Staff, Some("https://evil.example")), "/staff");
        assert_eq!(safe_next(Audience::Staff, None), "/staff");
    }
}
