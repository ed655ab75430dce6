//! "Download al mijn gegevens": the two files of a ready download, and the
//! live stream that tells the resident's page it is ready.

use app::backend::{
    auth::policy::{self, CurrentUser},
    live::LiveEvent,
    service::data_export::{self, Format},
};
use app::model::ids::DataExportId;
use axum::{
    extract::{Path, State},
    response::Response,
    Extension,
};
use tower_sessions::Session;

use crate::http::{conversation::changes, failure_response, file_response, not_found, resident_of};
use crate::state::ServerState;

pub fn routes() -> axum::Router<ServerState> {
    use axum::routing::get;
    axum::Router::new()
        .route("/mijn/gegevens/download/live", get(ready_live))
        .route("/mijn/gegevens/download/{id}/{format}", get(download))
}

/// `GET /mijn/gegevens/download/{id}/{json|html}`: a ready download of the
/// signed-in resident, at the level Mijn gegevens needs; anything else is
/// not found.
pub async fn download(State(state): State<ServerState>, user: Option<Extension<CurrentUser>>, Path((id, format)): Path<(String, String)>) -> Response {
    let (Some(resident), Some(Extension(user))) = (resident_of(&user), user) else { return not_found() };
    let (Ok(id), Some(format)) = (id.parse::<DataExportId>(), Format::from_code(&format)) else { return not_found() };
    if policy::missing_level(&user, state.app.auth.rules.sensitive_loa).is_some() {
        return not_found();
    }
    match data_export::fetch(&state.app, resident, id, format).await {
        Ok((name, content_type, bytes)) => file_response(name, content_type, bytes),
        Err(error) => failure_response(error),
    }
}

/// `GET /mijn/gegevens/download/live`: a `changed` event when one of the
/// resident's downloads is ready or failed (someone else's never reaches them).
pub async fn ready_live(State(state): State<ServerState>, user: Option<Extension<CurrentUser>>, session: Session) -> Response {
    let Some(resident) = resident_of(&user) else { return not_found() };
    let db = state.app.db.clone();
    let pick = |event| match event {
        LiveEvent::DataExport { export } => Some(export),
        _ => None,
    };
    changes(state, &session, pick, move |id| {
        let db = db.clone();
        async move { data_export::is_residents(&db, resident, id).await.unwrap_or(false) }
    })
}
