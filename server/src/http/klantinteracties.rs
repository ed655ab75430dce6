//! `GET /klantinteracties/api/v1/...`: the Klantinteracties API over
//! Loket's records (`service::klantinteracties`), for systems holding a
//! token (`Authorization: Token <key>`). Answers, errors included, are in
//! the API's shapes: lists paged as `{count, next, previous, results}`,
//! errors as ZGW `Fout` bodies. Filters Loket does not know are refused
//! (400) rather than ignored: an ignored filter would answer with far
//! more than was asked for.

use std::collections::HashMap;

use app::backend::service::klantinteracties::{self as ki, Api, Client, Page, Paging, TaskFilter, BASE_PATH};
use app::backend::Error;
use app::model::ids::{ContactAddressId, ResidentId};
use axum::{
    extract::{OriginalUri, Path, Query, State},
    http::{header, HeaderMap, HeaderName, HeaderValue, StatusCode},
    response::{IntoResponse, Response},
    routing::get,
    Json,
};
use serde::Serialize;

use crate::state::ServerState;

pub fn routes() -> axum::Router<ServerState> {
    axum::Router::new().nest(
        BASE_PATH,
        axum::Router::new()
            .route("/partijen", get(partijen))
            .route("/partijen/{uuid}", get(partij))
            .route("/partij-identificatoren/{uuid}", get(partij_identificator))
            .route("/klantcontacten", get(klantcontacten))
            .route("/klantcontacten/{uuid}", get(klantcontact))
            .route("/betrokkenen/{uuid}", get(betrokkene))
            .route("/onderwerpobjecten/{uuid}", get(onderwerpobject))
            .route("/internetaken", get(internetaken))
            .route("/internetaken/{uuid}", get(internetaak))
            .route("/digitaleadressen", get(digitaleadressen))
            .route("/digitaleadressen/{uuid}", get(digitaal_adres)),
    )
}

type Params = Query<HashMap<String, String>>;

/// A ZGW `Fout` (or `ValidatieFout`, with `invalidParams`).
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Fout {
    #[serde(rename = "type")]
    kind: String,
    code: &'static str,
    title: &'static str,
    status: u16,
    detail: String,
    instance: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    invalid_params: Vec<InvalidParam>,
}

#[derive(Serialize)]
struct InvalidParam {
    name: String,
    code: &'static str,
    reason: &'static str,
}

fn fout(status: StatusCode, code: &'static str, title: &'static str, detail: String, invalid: Vec<InvalidParam>) -> Response {
    let body = Fout {
        kind: format!("urn:loket:fout:{code}"),
        code,
        title,
        status: status.as_u16(),
        detail,
        instance: format!("urn:uuid:{}", uuid::Uuid::new_v4()),
        invalid_params: invalid,
    };
    (status, [(header::CONTENT_TYPE, HeaderValue::from_static("application/problem+json"))], Json(body)).into_response()
}

fn invalid(name: &str, reason: &'static str) -> Response {
    let param = InvalidParam { name: name.to_string(), code: "invalid", reason };
    fout(StatusCode::BAD_REQUEST, "invalid", "Ongeldige parameter(s).", reason.to_string(), vec![param])
}

/// A service's failure in the API's shape; an internal one only with its incident id.
fn failure(error: Error) -> Response {
    match error {
        Error::NotFound => fout(StatusCode::NOT_FOUND, "not_found", "Niet gevonden.", "Niet gevonden.".into(), Vec::new()),
        Error::Validation(fields) => {
            let params = fields.into_iter().map(|f| InvalidParam { name: f.field, code: "invalid", reason: "Ongeldige waarde." }).collect();
            fout(StatusCode::BAD_REQUEST, "invalid", "Ongeldige parameter(s).", "Ongeldige waarde.".into(), params)
        }
        error => {
            let error = app::error::AppError::from(error);
            let status = StatusCode::from_u16(error.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
            let incident = error.incident_id().map(|i| format!("Incident {i}.")).unwrap_or_default();
            fout(status, "error", "Er ging iets mis.", incident, Vec::new())
        }
    }
}

/// The client the request's token belongs to, or the 401 answer.
fn client<'a>(state: &'a ServerState, headers: &HeaderMap) -> Result<&'a Client, Response> {
    let authorization = headers.get(header::AUTHORIZATION).and_then(|v| v.to_str().ok());
    ki::authenticate(&state.klantinteracties, authorization).ok_or_else(|| {
        tracing::warn!("klantinteracties refused: bad or missing token");
        fout(StatusCode::UNAUTHORIZED, "not_authenticated", "Authenticatiegegevens zijn niet opgegeven.", "Geef een geldig token op.".into(), Vec::new())
    })
}

fn api(state: &ServerState) -> Api {
    Api::new(&state.public_url)
}

fn answer<T: Serialize>(result: Result<T, Error>) -> Response {
    match result {
        Ok(body) => ([(HeaderName::from_static("api-version"), HeaderValue::from_static(ki::VERSION))], Json(body)).into_response(),
        Err(error) => failure(error),
    }
}

/// The parameters after checking that each is one this list knows; the first unknown one is the 400 answer.
fn known<'a>(params: &'a HashMap<String, String>, allowed: &[&str]) -> Result<&'a HashMap<String, String>, Response> {
    match params.keys().find(|k| !allowed.contains(&k.as_str()) && !PAGING.contains(&k.as_str())) {
        Some(unknown) => Err(invalid(unknown, "Deze parameter kent Loket niet.")),
        None => Ok(params),
    }
}

const PAGING: [&str; 2] = ["page", "pageSize"];

fn paging(params: &HashMap<String, String>) -> Result<Paging, Response> {
    let number = |name: &str| match params.get(name) {
        None => Ok(None),
        Some(v) => v.parse::<i64>().map(Some).map_err(|_| invalid(name, "Geef een geheel getal.")),
    };
    Paging::new(number("page")?, number("pageSize")?).map_err(failure)
}

/// The `expand` parameter of a contact answer.
fn expand(params: &HashMap<String, String>) -> Result<ki::Expand, Response> {
    ki::Expand::parse(params.get("expand").map_or("", String::as_str)).map_err(|_| invalid("expand", "Dit kan Loket niet insluiten."))
}

/// The `expand` parameter of a partij: whether its addresses are included.
fn partij_expand(params: &HashMap<String, String>) -> Result<bool, Response> {
    ki::expands_addresses(params.get("expand").map_or("", String::as_str)).map_err(|_| invalid("expand", "Dit kan Loket niet insluiten."))
}

fn uuid_param(params: &HashMap<String, String>, name: &str) -> Result<Option<uuid::Uuid>, Response> {
    params.get(name).map(|v| uuid::Uuid::parse_str(v).map_err(|_| invalid(name, "Geef een uuid."))).transpose()
}

/// Whether the fixed-valued filters on a party's identificator (`prefix`
/// then `codeSoortObjectId` ...) all ask for a BSN in the BRP; anything
/// else matches no resident.
fn asks_for_bsn(params: &HashMap<String, String>, prefix: &str) -> bool {
    [("codeObjecttype", "natuurlijk_persoon"), ("codeSoortObjectId", "bsn"), ("codeRegister", "brp")]
        .iter()
        .all(|(key, value)| params.get(&format!("{prefix}{key}")).is_none_or(|v| v == value))
}

/// `{count, next, previous, results}`, `next` and `previous` the request's
/// own URL with another page.
#[derive(Serialize)]
struct Paginated<T> {
    count: i64,
    next: Option<String>,
    previous: Option<String>,
    results: Vec<T>,
}

fn paginated<T: Serialize>(state: &ServerState, uri: &OriginalUri, paging: Paging, page: Result<Page<T>, Error>) -> Response {
    let page = match page {
        Ok(page) => page,
        Err(error) => return failure(error),
    };
    let at = |number: i64| {
        let mut url = url::Url::parse(&format!("{}{}", state.public_url.trim_end_matches('/'), uri.path())).expect("the public URL is a URL");
        {
            let mut query = url.query_pairs_mut();
            for (key, value) in url::form_urlencoded::parse(uri.query().unwrap_or("").as_bytes()).filter(|(k, _)| k != "page") {
                query.append_pair(&key, &value);
            }
            query.append_pair("page", &number.to_string());
        }
        String::from(url)
    };
    let shown = paging.page.saturating_mul(paging.page_size);
    let body = Paginated {
        count: page.count,
        next: (shown < page.count).then(|| at(paging.page + 1)),
        previous: (paging.page > 1).then(|| at(paging.page - 1)),
        results: page.results,
    };
    answer(Ok(body))
}

macro_rules! or_answer {
    ($e:expr) => {
        match $e {
            Ok(value) => value,
            Err(response) => return response,
        }
    };
}

async fn partijen(State(state): State<ServerState>, headers: HeaderMap, uri: OriginalUri, Query(params): Params) -> Response {
    let client = or_answer!(client(&state, &headers));
    const PREFIX: &str = "partijIdentificator__";
    let allowed = [
        "partijIdentificator__codeObjecttype",
        "partijIdentificator__codeSoortObjectId",
        "partijIdentificator__codeRegister",
        "partijIdentificator__objectId",
        "soortPartij",
        "expand",
    ];
    let params = or_answer!(known(&params, &allowed));
    let paging = or_answer!(paging(params));
    let with_addresses = or_answer!(partij_expand(params));
    let Some(bsn) = params.get("partijIdentificator__objectId") else {
        return invalid("partijIdentificator__objectId", "Loket geeft partijen alleen op BSN.");
    };
    let matches = asks_for_bsn(params, PREFIX) && params.get("soortPartij").is_none_or(|s| s == "persoon");
    let page = match (matches, paging.page) {
        (false, _) => Ok(Page { count: 0, results: Vec::new() }),
        (true, 1) => ki::partijen_by_bsn(&state.app.db, &api(&state), client, bsn, with_addresses, state.app.clock.now()).await,
        // Past the one result: counted, nothing shown (and nothing read).
        (true, _) => ki::resident_by_bsn(&state.app.db, bsn).await.map(|found| Page { count: i64::from(found.is_some()), results: Vec::new() }),
    };
    paginated(&state, &uri, paging, page)
}

async fn partij(State(state): State<ServerState>, headers: HeaderMap, Path(id): Path<uuid::Uuid>, Query(params): Params) -> Response {
    let client = or_answer!(client(&state, &headers));
    let params = or_answer!(known(&params, &["expand"]));
    let with_addresses = or_answer!(partij_expand(params));
    answer(ki::partij(&state.app.db, &api(&state), client, ResidentId(id), with_addresses, state.app.clock.now()).await)
}

async fn partij_identificator(State(state): State<ServerState>, headers: HeaderMap, Path(id): Path<uuid::Uuid>, Query(params): Params) -> Response {
    let client = or_answer!(client(&state, &headers));
    or_answer!(known(&params, &[]));
    answer(ki::partij_identificator(&state.app.db, &api(&state), client, ResidentId(id), state.app.clock.now()).await)
}

async fn klantcontacten(State(state): State<ServerState>, headers: HeaderMap, uri: OriginalUri, Query(params): Params) -> Response {
    let client = or_answer!(client(&state, &headers));
    const PREFIX: &str = "hadBetrokkene__wasPartij__partijIdentificator__";
    let allowed = [
        "hadBetrokkene__wasPartij__uuid",
        "hadBetrokkene__wasPartij__partijIdentificator__codeObjecttype",
        "hadBetrokkene__wasPartij__partijIdentificator__codeSoortObjectId",
        "hadBetrokkene__wasPartij__partijIdentificator__codeRegister",
        "hadBetrokkene__wasPartij__partijIdentificator__objectId",
        "expand",
    ];
    let params = or_answer!(known(&params, &allowed));
    let paging = or_answer!(paging(params));
    let expand = or_answer!(expand(params));
    let by_uuid = or_answer!(uuid_param(params, "hadBetrokkene__wasPartij__uuid")).map(ResidentId);
    let by_bsn = params.get("hadBetrokkene__wasPartij__partijIdentificator__objectId");
    let (db, now) = (&state.app.db, state.app.clock.now());
    let resident = match (by_uuid, by_bsn) {
        (None, None) => return invalid("hadBetrokkene__wasPartij__uuid", "Loket geeft klantcontacten alleen per partij."),
        (Some(id), None) => Some(id),
        (by_uuid, Some(bsn)) if asks_for_bsn(params, PREFIX) => match ki::resident_by_bsn(db, bsn).await {
            Ok(found) => found.filter(|id| by_uuid.is_none_or(|u| u == *id)),
            Err(error) => return failure(error),
        },
        (_, Some(_)) => None,
    };
    let page = match resident {
        Some(resident) => ki::klantcontacten_of(db, &api(&state), client, resident, paging, expand, now).await,
        None => Ok(Page { count: 0, results: Vec::new() }),
    };
    paginated(&state, &uri, paging, page)
}

async fn klantcontact(State(state): State<ServerState>, headers: HeaderMap, Path(id): Path<uuid::Uuid>, Query(params): Params) -> Response {
    let client = or_answer!(client(&state, &headers));
    let params = or_answer!(known(&params, &["expand"]));
    let expand = or_answer!(expand(params));
    answer(ki::klantcontact_by_id(&state.app.db, &api(&state), client, id, expand, state.app.clock.now()).await)
}

async fn betrokkene(State(state): State<ServerState>, headers: HeaderMap, Path(id): Path<uuid::Uuid>, Query(params): Params) -> Response {
    let client = or_answer!(client(&state, &headers));
    or_answer!(known(&params, &[]));
    answer(ki::betrokkene(&state.app.db, &api(&state), client, id, state.app.clock.now()).await)
}

async fn onderwerpobject(State(state): State<ServerState>, headers: HeaderMap, Path(id): Path<uuid::Uuid>, Query(params): Params) -> Response {
    let client = or_answer!(client(&state, &headers));
    or_answer!(known(&params, &[]));
    answer(ki::onderwerpobject(&state.app.db, &api(&state), client, id, state.app.clock.now()).await)
}

async fn internetaken(State(state): State<ServerState>, headers: HeaderMap, uri: OriginalUri, Query(params): Params) -> Response {
    let client = or_answer!(client(&state, &headers));
    let params = or_answer!(known(&params, &["status", "aanleidinggevendKlantcontact__uuid"]));
    let paging = or_answer!(paging(params));
    let open = or_answer!(params.get("status").map(|s| ki::task_status(s)).transpose().map_err(failure));
    let contact = or_answer!(uuid_param(params, "aanleidinggevendKlantcontact__uuid"));
    let page = ki::interne_taken(&state.app.db, &api(&state), client, TaskFilter { open, contact }, paging, state.app.clock.now()).await;
    paginated(&state, &uri, paging, page)
}

async fn internetaak(State(state): State<ServerState>, headers: HeaderMap, Path(id): Path<uuid::Uuid>, Query(params): Params) -> Response {
    let client = or_answer!(client(&state, &headers));
    or_answer!(known(&params, &[]));
    answer(ki::interne_taak_by_id(&state.app.db, &api(&state), client, id, state.app.clock.now()).await)
}

async fn digitaleadressen(State(state): State<ServerState>, headers: HeaderMap, uri: OriginalUri, Query(params): Params) -> Response {
    let client = or_answer!(client(&state, &headers));
    let params = or_answer!(known(&params, &["verstrektDoorPartij__uuid"]));
    let paging = or_answer!(paging(params));
    let Some(resident) = or_answer!(uuid_param(params, "verstrektDoorPartij__uuid")).map(ResidentId) else {
        return invalid("verstrektDoorPartij__uuid", "Loket geeft digitale adressen alleen per partij.");
    };
    let page = ki::digitale_adressen_of(&state.app.db, &api(&state), client, resident, paging, state.app.clock.now()).await;
    paginated(&state, &uri, paging, page)
}

async fn digitaal_adres(State(state): State<ServerState>, headers: HeaderMap, Path(id): Path<uuid::Uuid>, Query(params): Params) -> Response {
    let client = or_answer!(client(&state, &headers));
    or_answer!(known(&params, &[]));
    answer(ki::digitaal_adres_by_id(&state.app.db, &api(&state), client, ContactAddressId(id), state.app.clock.now()).await)
}
