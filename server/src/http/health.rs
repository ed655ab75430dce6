//! Liveness and readiness for the orchestrator.

use std::time::Duration;

use app::backend::AppState;
use axum::{extract::State, http::StatusCode};

use crate::state::ServerState;

/// Liveness and readiness.
pub fn routes() -> axum::Router<ServerState> {
    use axum::routing::get;
    axum::Router::new().route("/healthz", get(live)).route("/readyz", get(ready))
}

/// `GET /healthz`: the process answers.
pub async fn live() -> &'static str {
    "ok"
}

/// `GET /readyz`: the database answers; the answer comes within two
/// seconds (the database gets one and a half).
pub async fn ready(State(state): State<AppState>) -> (StatusCode, &'static str) {
    match tokio::time::timeout(Duration::from_millis(1500), state.db.ping()).await {
        Ok(Ok(())) => (StatusCode::OK, "ready"),
        Ok(Err(error)) => {
            tracing::warn!(%error, "readiness: database error");
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable")
        }
        Err(_) => {
            tracing::warn!("readiness: database timed out");
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable")
        }
    }
}
