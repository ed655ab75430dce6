//! The privacy officer's export of the processing log as a CSV file.

use app::backend::service::processing_log;
use app::i18n::Lang;
use app::model::ids::ResidentId;
use axum::{
    extract::{Query, State},
    http::{header, HeaderMap},
    response::Response,
    Extension,
};
use serde::Deserialize;

use app::backend::auth::policy::{Action, CurrentUser};

use crate::http::{failure_response, file_response, not_found, staff_of};
use crate::state::ServerState;

pub fn routes() -> axum::Router<ServerState> {
    axum::Router::new().route("/staff/verwerkingen/export", axum::routing::get(export))
}

#[derive(Deserialize)]
pub struct Filter {
    inwoner: Option<ResidentId>,
    van: Option<String>,
    tot: Option<String>,
}

/// `GET /staff/verwerkingen/export?inwoner=&van=&tot=`: the same search as the page, as CSV.
pub async fn export(State(state): State<ServerState>, user: Option<Extension<CurrentUser>>, headers: HeaderMap, Query(filter): Query<Filter>) -> Response {
    let Some(staff) = staff_of(&user).filter(|s| s.may(Action::ReadProcessingLog)) else { return not_found() };
    let lang = headers.get(header::COOKIE).and_then(|v| v.to_str().ok()).map(Lang::from_cookie_header).unwrap_or_default();
    let (from, until) = match processing_log::period(filter.van.as_deref(), filter.tot.as_deref()) {
        Ok(period) => period,
        Err(error) => return failure_response(error),
    };
    tracing::info!(staff = %staff.id, "processing log exported");
    match processing_log::search(&state.app.db, filter.inwoner, from, until, processing_log::EXPORT_LIMIT, lang).await {
        Ok(entries) => file_response("verwerkingenlog.csv", "text/csv; charset=utf-8", processing_log::csv(&entries).into_bytes()),
        Err(error) => failure_response(error),
    }
}
