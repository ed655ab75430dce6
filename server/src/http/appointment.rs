//! `GET /mijn/afspraken/{id}/agenda.ics`: one of the resident's own
//! appointments as a calendar file for their own agenda.

use app::backend::{auth::policy::CurrentUser, service::appointment};
use app::model::ids::AppointmentId;
use app::i18n::Lang;
use axum::{
    extract::{Path, State},
    http::{header, HeaderMap},
    response::Response,
    Extension,
};

use crate::http::{failure_response, file_response, not_found, resident_of};
use crate::state::ServerState;

pub fn routes() -> axum::Router<ServerState> {
    axum::Router::new().route("/mijn/afspraken/{id}/agenda.ics", axum::routing::get(calendar_file))
}

async fn calendar_file(State(state): State<ServerState>, Path(id): Path<String>, user: Option<Extension<CurrentUser>>, headers: HeaderMap) -> Response {
    let (Some(resident), Ok(id)) = (resident_of(&user), id.parse::<AppointmentId>()) else { return not_found() };
    let lang = headers.get(header::COOKIE).and_then(|v| v.to_str().ok()).map(Lang::from_cookie_header).unwrap_or_default();
    let app = &state.app;
    match appointment::calendar_file(&app.db, resident, id, lang, &app.municipality.name, app.clock.now()).await {
        Ok((name, text)) => file_response(&name, "text/calendar; charset=utf-8", text.into_bytes()),
        Err(error) => failure_response(error),
    }
}
