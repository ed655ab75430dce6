//! A table of the statistics page as a CSV file, for the same period,
//! team and channel as the page.

use app::backend::service::statistics;
use app::i18n::Lang;
use app::model::statistics::Table;
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
    axum::Router::new().route("/staff/statistieken/export", axum::routing::get(export))
}

#[derive(Deserialize)]
pub struct Filter {
    tabel: String,
    van: Option<String>,
    tot: Option<String>,
    team: Option<String>,
    kanaal: Option<String>,
}

/// `GET /staff/statistieken/export?tabel=&van=&tot=&team=&kanaal=`.
pub async fn export(State(state): State<ServerState>, user: Option<Extension<CurrentUser>>, headers: HeaderMap, Query(filter): Query<Filter>) -> Response {
    let Some(staff) = staff_of(&user).filter(|s| s.may(Action::ReadStatistics)) else { return not_found() };
    let Some(table) = Table::from_code(&filter.tabel) else { return not_found() };
    let lang = headers.get(header::COOKIE).and_then(|v| v.to_str().ok()).map(Lang::from_cookie_header).unwrap_or_default();
    let ask = statistics::Ask { from: filter.van, until: filter.tot, team: filter.team, channel: filter.kanaal };
    match statistics::report(&state.app.db, &staff, &ask, lang, state.app.clock.now()).await {
        Ok(report) => {
            let name = format!("statistieken-{}-{}-{}.csv", table.code(), report.from, report.until);
            file_response(&name, "text/csv; charset=utf-8", statistics::csv(&report, table, lang).into_bytes())
        }
        Err(error) => failure_response(error),
    }
}
