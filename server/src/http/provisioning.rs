//! Staff provisioning: the municipality's identity provider (or its
//! identity management) tells Loket when a staff member's roles, teams or
//! status change, so a role taken away counts from that staff member's
//! next request rather than their next login. One call per person:
//! `PUT /provisioning/staff/{subject}` with a bearer token and
//! `{"roles": [...], "teams": [...], "active": true}` (`teams` optional).

use app::backend::auth::constant_time_eq;
use app::backend::service::staff_member;
use axum::{
    extract::{Path, State},
    http::{header, HeaderMap, StatusCode},
    response::{IntoResponse, Response},
    Json,
};
use secrecy::ExposeSecret;
use serde::Deserialize;

use crate::http::failure_response;
use crate::state::ServerState;

pub fn routes() -> axum::Router<ServerState> {
    axum::Router::new().route("/provisioning/staff/{subject}", axum::routing::put(provision))
}

#[derive(Deserialize)]
pub struct Provisioned {
    /// The provider's role values (mapped as at login; unknown ones ignored).
    roles: Vec<String>,
    /// Team slugs; absent: the teams stay.
    teams: Option<Vec<String>>,
    #[serde(default = "yes")]
    active: bool,
}

fn yes() -> bool {
    true
}

pub async fn provision(State(state): State<ServerState>, Path(subject): Path<String>, headers: HeaderMap, body: Json<Provisioned>) -> Response {
    let Some(token) = &state.webhooks.staff_provisioning_token else { return StatusCode::NOT_FOUND.into_response() };
    let presented = headers.get(header::AUTHORIZATION).and_then(|v| v.to_str().ok()).and_then(|v| v.strip_prefix("Bearer ")).unwrap_or("");
    if !constant_time_eq(presented.as_bytes(), token.expose_secret().as_bytes()) {
        tracing::warn!("staff provisioning refused: bad or missing token");
        return StatusCode::UNAUTHORIZED.into_response();
    }
    let update = staff_member::Provisioned { roles: &body.roles, teams: body.teams.as_deref(), active: body.active };
    match staff_member::provision(&state.app.db, &state.app.auth.rules, &subject, &update).await {
        Ok(true) => StatusCode::NO_CONTENT.into_response(),
        Ok(false) => StatusCode::NOT_FOUND.into_response(),
        Err(error) => failure_response(error),
    }
}
