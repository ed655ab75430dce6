//! Payments: the providers' webhook (`POST /webhooks/betaling`, form
//! field `id`: the provider's reference), and the local test provider's
//! checkout page (`/betalen/test/{reference}`, only when it is set up).

use app::backend::{payment::TestProvider, service::payment};
use axum::{
    extract::{Form, Path, State},
    http::StatusCode,
    response::{Html, IntoResponse, Redirect, Response},
};
use serde::Deserialize;

use crate::http::{failure_response, not_found};
use crate::state::ServerState;

pub fn webhook_routes() -> axum::Router<ServerState> {
    axum::Router::new().route(payment::WEBHOOK_PATH, axum::routing::post(notified))
}

/// The test provider's checkout page: development and tests only.
pub fn test_provider_routes() -> axum::Router<ServerState> {
    axum::Router::new().route("/betalen/test/{reference}", axum::routing::get(test_checkout).post(test_decide))
}

#[derive(Deserialize)]
struct Notification {
    id: String,
}

/// The provider says a payment changed. The body is only a hint: the
/// status is asked of the provider, so a forged call changes nothing.
async fn notified(State(state): State<ServerState>, Form(notification): Form<Notification>) -> Response {
    let Some(provider) = state.app.payments.clone() else { return not_found() };
    match payment::settle(&state.app.db, provider.as_ref(), &notification.id, state.app.clock.now()).await {
        Ok(settled) => {
            state.app.apply(settled).await;
            StatusCode::OK.into_response()
        }
        Err(error) => failure_response(error),
    }
}

fn test_provider(state: &ServerState) -> TestProvider {
    TestProvider { db: state.app.db.clone() }
}

async fn test_checkout(State(state): State<ServerState>, Path(reference): Path<String>) -> Response {
    match test_provider(&state).checkout_page(&reference).await {
        Ok(page) => Html(page).into_response(),
        Err(error) => failure_response(error),
    }
}

#[derive(Deserialize)]
struct Decision {
    outcome: String,
}

async fn test_decide(State(state): State<ServerState>, Path(reference): Path<String>, Form(decision): Form<Decision>) -> Response {
    match test_provider(&state).decide(&reference, decision.outcome == "paid").await {
        Ok(back) => Redirect::to(&back).into_response(),
        Err(error) => failure_response(error),
    }
}
