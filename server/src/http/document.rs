//! Sending and downloading case documents: a plain multipart form post,
//! so it works without JavaScript; the answer is always a redirect back
//! to the case page with what happened.

use app::backend::{
    auth::policy::CurrentUser,
    service::document,
};
use app::model::ids::{CaseId, DocumentId, TodoId};
use axum::{
    extract::{Multipart, Path, State},
    response::{IntoResponse, Redirect, Response},
    Extension,
};

use crate::http::{failure_response, file_response, not_found, resident_of, staff_of};
use crate::state::ServerState;

/// A document with the form around it.
const UPLOAD_LIMIT: usize = app::backend::service::upload::MAX_BYTES + 256 * 1024;

/// Documents of a case: the resident's and staff's uploads, the resident's downloads.
pub fn routes() -> axum::Router<ServerState> {
    use axum::{extract::DefaultBodyLimit, routing::{get, post}};
    axum::Router::new()
        .route("/mijn/zaken/{case}/documenten", post(upload).layer(DefaultBodyLimit::max(UPLOAD_LIMIT)))
        .route("/mijn/zaken/{case}/documenten/{document}", get(download))
        .route("/staff/zaken/{case}/documenten", post(staff_upload).layer(DefaultBodyLimit::max(UPLOAD_LIMIT)))
        .route("/staff/zaken/{case}/documenten/{document}", get(staff_download))
}

/// A posted upload form: one text field and the file. `Err` when the form is
/// over the body limit or broken.
struct Upload {
    text: Option<String>,
    file: Option<(String, axum::body::Bytes)>,
}

async fn read_upload(form: &mut Multipart, text_field: &str) -> Result<Upload, ()> {
    let mut upload = Upload { text: None, file: None };
    while let Some(field) = form.next_field().await.map_err(|_| ())? {
        match field.name() {
            Some(name) if name == text_field => upload.text = field.text().await.ok(),
            Some("file") => {
                let name = field.file_name().unwrap_or("").to_string();
                upload.file = Some((name, field.bytes().await.map_err(|_| ())?));
            }
            _ => {}
        }
    }
    Ok(upload)
}

/// The redirect query for a failure on our side: the incident id, never the cause.
fn failure(error: app::backend::Error) -> String {
    let app_error = app::error::AppError::from(error);
    format!("fout=storing&incident={}", app_error.incident_id().map(|i| i.0.as_str()).unwrap_or(""))
}

/// `POST /mijn/zaken/{case}/documenten` with fields `todo` and `file`.
pub async fn upload(
    State(state): State<ServerState>,
    Path(case): Path<String>,
    user: Option<Extension<CurrentUser>>,
    mut form: Multipart,
) -> Response {
    let (Some(resident), Ok(case)) = (resident_of(&user), case.parse::<CaseId>()) else { return not_found() };
    if let Err(error) = app::backend::service::case::ensure_residents(&state.app.db, resident, case).await {
        return failure_response(error);
    }
    let back = |outcome: &str| Redirect::to(&format!("{}?{outcome}", app::path::resident_case(case))).into_response();
    let Ok(Upload { text, file }) = read_upload(&mut form, "todo").await else { return back("fout=groot") };
    let Some(todo) = text.and_then(|t| t.parse::<TodoId>().ok()) else { return back("fout=taak") };
    let Some((name, bytes)) = file else { return back("fout=leeg") };
    let now = state.app.clock.now();
    match document::send_for_todo(&state.app.db, state.app.documents.as_ref(), state.app.case_sync.as_deref(), resident, case, todo, &name, &bytes, now).await {
        Ok(Ok(_)) => back("verstuurd=1"),
        Ok(Err(refusal)) => back(&format!("fout={}", refusal.code())),
        Err(app::backend::Error::NotFound) => not_found(),
        Err(app::backend::Error::Conflict) => back("verstuurd=1"),
        Err(error) => back(&failure(error)),
    }
}

/// `POST /staff/zaken/{case}/documenten` with fields `title` and `file`: staff add a document.
pub async fn staff_upload(
    State(state): State<ServerState>,
    Path(case): Path<String>,
    user: Option<Extension<CurrentUser>>,
    mut form: Multipart,
) -> Response {
    let Some(staff) = staff_of(&user) else { return not_found() };
    let Ok(case) = case.parse::<CaseId>() else { return not_found() };
    let back = |outcome: &str| Redirect::to(&format!("{}?{outcome}", app::path::staff_case(case))).into_response();
    let Ok(Upload { text: title, file }) = read_upload(&mut form, "title").await else { return back("fout=groot") };
    let title = title.unwrap_or_default();
    let Some((name, bytes)) = file else { return back("fout=leeg") };
    let now = state.app.clock.now();
    match document::add_by_staff(&state.app.db, state.app.documents.as_ref(), state.app.case_sync.as_deref(), &staff, case, &title, &name, &bytes, now).await {
        Ok(Ok(added)) => {
            state.app.apply(added).await;
            back("document=toegevoegd")
        }
        Ok(Err(refusal)) => back(&format!("fout={}", refusal.code())),
        Err(app::backend::Error::NotFound) => not_found(),
        Err(app::backend::Error::Validation(_)) => back("fout=titel"),
        Err(error) => back(&failure(error)),
    }
}

/// `GET /mijn/zaken/{case}/documenten/{document}`: the resident's own documents only.
pub async fn download(
    State(state): State<ServerState>,
    Path((case, document_id)): Path<(String, String)>,
    user: Option<Extension<CurrentUser>>,
) -> Response {
    let (Some(resident), Ok(case), Ok(document_id)) = (resident_of(&user), case.parse::<CaseId>(), document_id.parse::<DocumentId>()) else {
        return not_found();
    };
    let now = state.app.clock.now();
    match document::fetch_for_resident(&state.app.db, state.app.documents.as_ref(), state.app.case_sync.as_deref(), resident, case, document_id, now).await {
        Ok(download) => download_response(download),
        Err(app::backend::Error::NotFound) => not_found(),
        Err(error) => failure_response(error),
    }
}

/// `GET /staff/zaken/{case}/documenten/{document}`: a document of a case
/// of the staff member's team, logged as a view for handling the case.
pub async fn staff_download(
    State(state): State<ServerState>,
    Path((case, document_id)): Path<(String, String)>,
    user: Option<Extension<CurrentUser>>,
) -> Response {
    let (Some(staff), Ok(case), Ok(document_id)) = (staff_of(&user), case.parse::<CaseId>(), document_id.parse::<DocumentId>()) else {
        return not_found();
    };
    let now = state.app.clock.now();
    match document::fetch_for_staff(&state.app.db, state.app.documents.as_ref(), state.app.case_sync.as_deref(), &staff, case, document_id, now).await {
        Ok(download) => download_response(download),
        Err(error) => failure_response(error),
    }
}

/// A document as a download: stored bytes whole, the case system's contents streamed on as they arrive.
fn download_response(download: document::Download) -> Response {
    match download.contents {
        document::Contents::Bytes(bytes) => file_response(&download.file_name, &download.content_type, bytes),
        document::Contents::Stream(stream) => file_response(&download.file_name, &download.content_type, axum::body::Body::from_stream(stream)),
    }
}
