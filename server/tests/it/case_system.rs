//! `CaseSystem`: a municipality's ZGW case system for the tests. A small
//! stateful server holds cases, case types, statuses, roles, documents and
//! subscriptions; in front of it, one Prism proxy per API (`prism proxy
//! <official spec> --errors`) checks every request Loket sends and every
//! answer the fake gives against the official OpenAPI documents (Zaken
//! 1.5.1, Catalogi 1.3.1, Documenten 1.5.0,
//! Notificaties 1.0.0): a request or answer outside the spec fails the
//! call. `direct()` leaves Prism out, for what Prism cannot pass on as
//! is (binary contents, a slow stream).

use std::{
    collections::BTreeMap,
    sync::{Arc, Mutex},
    time::Duration,
};

use axum::{
    body::{Body, Bytes},
    http::{HeaderMap, Method, StatusCode, Uri},
    response::{IntoResponse, Response},
    Router,
};
use base64::Engine;
use futures::StreamExt;
use hmac::{Hmac, Mac};
use serde_json::{json, Value};

pub const CLIENT_ID: &str = "loket-test";
pub const SECRET: &str = "zgw-test-secret";
/// What Loket agrees with the Notificaties API in its subscription.
pub const NOTIFICATION_AUTH: &str = "Token notificaties-test";
/// The municipality's RSIN, as Loket files documents.
pub const RSIN: &str = "002220647";

/// What the fake answers every call with instead of the truth.
#[derive(Clone, Copy, Debug)]
pub enum Fault {
    /// This status, with a ZGW error body.
    Status(u16),
    /// Waits this long first.
    Delay(Duration),
}

#[derive(Default)]
struct Model {
    zaken: BTreeMap<String, Value>,
    zaaktypen: BTreeMap<String, Value>,
    statustypen: Vec<Value>,
    statussen: Vec<Value>,
    rollen: Vec<Value>,
    links: Vec<Value>,
    documents: BTreeMap<String, (Value, Vec<u8>)>,
    abonnementen: Vec<Value>,
    kanalen: Vec<Value>,
    /// Notifications published to the Notificaties API, in order.
    received: Vec<Value>,
    /// Every call: method and path (without the query: it may hold a BSN).
    calls: Vec<(String, String)>,
    refused_tokens: usize,
    fault: Option<Fault>,
    /// Documents' contents go out in this many pieces, this far apart.
    slow_download: Option<(usize, Duration)>,
}

#[derive(Clone)]
struct Shared {
    model: Arc<Mutex<Model>>,
    bases: Arc<Bases>,
}

/// Where Loket (and the URLs in answers) reach each API.
#[derive(Clone, Debug)]
pub struct Bases {
    pub zaken: String,
    pub catalogi: String,
    pub documenten: String,
    pub notificaties: String,
}

pub struct CaseSystem {
    shared: Shared,
    prisms: Vec<std::process::Child>,
    pub bases: Bases,
    _spec_dir: Option<std::path::PathBuf>,
}

impl Drop for CaseSystem {
    fn drop(&mut self) {
        for child in &mut self.prisms {
            let _ = child.kill();
            let _ = child.wait();
        }
        if let Some(dir) = &self._spec_dir {
            let _ = std::fs::remove_dir_all(dir);
        }
    }
}

const APIS: [&str; 4] = ["zaken", "catalogi", "documenten", "notificaties"];

/// The official documents, kept with the tests (`tests/specs/zgw/SOURCES.md`).
fn spec_dir() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/specs/zgw")
}

/// The official Zaken API 1.5.1 with three edits that change no meaning,
/// without which Prism 5 silently checks no Zaak at all: `nullable` next to
/// a `oneOf` that already allows null (`archiefnominatie`), `externalDocs`
/// inside the GeoJSON schemas (its allOf merger fails on them), and the
/// regular expression `[a-z\_]+` (not valid in unicode mode; `[a-z_]+`).
fn checkable_zaken_spec(into: &std::path::Path) -> std::path::PathBuf {
    let source = std::fs::read_to_string(spec_dir().join("zaken-api-1.5.1.yaml")).expect("the Zaken API spec in tests/specs/zgw");
    let lines: Vec<&str> = source.lines().collect();
    let mut out = Vec::with_capacity(lines.len());
    let mut skip = false;
    for (i, line) in lines.iter().enumerate() {
        if skip {
            skip = false;
            continue;
        }
        let trimmed = line.trim();
        if trimmed == "externalDocs:" && lines.get(i + 1).is_some_and(|next| next.trim().starts_with("url:")) {
            skip = true;
            continue;
        }
        if trimmed == "nullable: true" && i > 0 && lines[i - 1].trim() == "archiefnominatie:" {
            continue;
        }
        out.push(line.replace("[a-z\\_]+", "[a-z_]+"));
    }
    let path = into.join("zaken-api-1.5.1.yaml");
    std::fs::write(&path, out.join("\n")).unwrap();
    path
}

pub fn prism_bin() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../end2end/node_modules/.bin/prism")
}

pub async fn wait_for_port(port: u16, child: &mut std::process::Child, name: &str) {
    for _ in 0..300 {
        if tokio::net::TcpStream::connect(("127.0.0.1", port)).await.is_ok() {
            return;
        }
        if let Ok(Some(status)) = child.try_wait() {
            panic!("prism for {name} stopped: {status}");
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("prism for {name} did not listen on {port} within 15 s");
}

pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

impl CaseSystem {
    /// The fake behind a Prism proxy per API, each checking against the official spec.
    pub async fn start() -> CaseSystem {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let upstream = format!("http://{}", listener.local_addr().unwrap());
        let dir = std::env::temp_dir().join(format!("loket-zgw-{}", uuid::Uuid::new_v4().simple()));
        std::fs::create_dir_all(&dir).unwrap();
        let specs = [
            checkable_zaken_spec(&dir),
            spec_dir().join("catalogi-api-1.3.1.yaml"),
            spec_dir().join("documenten-api-1.5.0.yaml"),
            spec_dir().join("notificaties-api-1.0.0.yaml"),
        ];
        let mut prisms = Vec::new();
        let mut ports = Vec::new();
        for (api, spec) in APIS.iter().zip(&specs) {
            let port = free_port();
            let log = std::fs::File::create(dir.join(format!("prism-{api}.log"))).unwrap();
            let child = std::process::Command::new(prism_bin())
                .args(["proxy", spec.to_str().unwrap(), &format!("{upstream}/{api}/api/v1"), "--errors", "-h", "127.0.0.1", "-p", &port.to_string()])
                .stdout(log.try_clone().unwrap())
                .stderr(log)
                .spawn()
                .unwrap_or_else(|e| panic!("cannot start prism ({e}): run script/test (npm ci in end2end)"));
            prisms.push(child);
            ports.push(port);
        }
        for ((child, port), api) in prisms.iter_mut().zip(&ports).zip(APIS) {
            wait_for_port(*port, child, api).await;
        }
        let bases = Bases {
            zaken: format!("http://127.0.0.1:{}", ports[0]),
            catalogi: format!("http://127.0.0.1:{}", ports[1]),
            documenten: format!("http://127.0.0.1:{}", ports[2]),
            notificaties: format!("http://127.0.0.1:{}", ports[3]),
        };
        CaseSystem::serve(listener, bases, prisms, Some(dir))
    }

    /// The fake alone, reached directly (as Open Zaak is: `<host>/zaken/api/v1`).
    pub async fn direct() -> CaseSystem {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let root = format!("http://{}", listener.local_addr().unwrap());
        let bases = Bases {
            zaken: format!("{root}/zaken/api/v1"),
            catalogi: format!("{root}/catalogi/api/v1"),
            documenten: format!("{root}/documenten/api/v1"),
            notificaties: format!("{root}/notificaties/api/v1"),
        };
        CaseSystem::serve(listener, bases, Vec::new(), None)
    }

    fn serve(listener: tokio::net::TcpListener, bases: Bases, prisms: Vec<std::process::Child>, dir: Option<std::path::PathBuf>) -> CaseSystem {
        let shared = Shared { model: Arc::default(), bases: Arc::new(bases.clone()) };
        let state = shared.clone();
        let router = Router::new().fallback(move |method: Method, uri: Uri, headers: HeaderMap, body: Bytes| {
            let state = state.clone();
            async move { answer(state, method, uri, headers, body).await }
        });
        tokio::spawn(async move { axum::serve(listener, router).await });
        CaseSystem { shared, prisms, bases, _spec_dir: dir }
    }

    /// Loket's settings for this case system.
    pub fn configure(&self, config: &mut server::config::Config) {
        config.zgw_zaken_url = Some(self.bases.zaken.clone());
        config.zgw_catalogi_url = Some(self.bases.catalogi.clone());
        config.zgw_documenten_url = Some(self.bases.documenten.clone());
        config.zgw_notificaties_url = Some(self.bases.notificaties.clone());
        config.zgw_client_id = Some(CLIENT_ID.into());
        config.zgw_secret = Some(SECRET.to_string().into());
        config.zgw_notification_auth = Some(NOTIFICATION_AUTH.to_string().into());
        config.zgw_timeout_seconds = 2;
        config.zgw_rsin = Some(RSIN.into());
        config.zgw_upload_document_type = Some(self.upload_document_type());
    }

    /// The informatieobjecttype Loket files residents' documents under.
    pub fn upload_document_type(&self) -> String {
        format!("{}/informatieobjecttypen/8c1b6f0e-5d52-4c7e-9d55-0f3c1a2b3c4d", self.bases.catalogi)
    }

    /// A document as the Documenten API has it: its record and contents.
    pub fn document(&self, url: &str) -> Option<(Value, Vec<u8>)> {
        self.model().documents.get(url).cloned()
    }

    /// The documents linked to a case.
    pub fn documents_of(&self, zaak: &str) -> Vec<String> {
        self.model().links.iter().filter(|l| l["zaak"] == zaak).map(|l| l["informatieobject"].as_str().unwrap().to_string()).collect()
    }

    fn model(&self) -> std::sync::MutexGuard<'_, Model> {
        self.shared.model.lock().unwrap()
    }

    pub fn fault(&self, fault: Option<Fault>) {
        self.model().fault = fault;
    }

    pub fn slow_download(&self, pieces: usize, apart: Duration) {
        self.model().slow_download = Some((pieces, apart));
    }

    /// The calls so far: method and path.
    pub fn calls(&self) -> Vec<(String, String)> {
        self.model().calls.clone()
    }

    pub fn refused_tokens(&self) -> usize {
        self.model().refused_tokens
    }

    pub fn subscriptions(&self) -> Vec<Value> {
        self.model().abonnementen.clone()
    }

    /// The kanalen the Notificaties API has.
    pub fn kanalen(&self) -> Vec<Value> {
        self.model().kanalen.clone()
    }

    /// The notifications published to the Notificaties API, oldest first.
    pub fn received(&self) -> Vec<Value> {
        self.model().received.clone()
    }

    /// The subscriptions' `auth`, as when Loket's secret was changed since it subscribed.
    pub fn set_subscription_auth(&self, auth: &str) {
        for a in &mut self.model().abonnementen {
            a["auth"] = json!(auth);
        }
    }

    /// A case type with its status types (names in order; the last ends the case). Its URL.
    pub fn add_case_type(&self, name: &str, intern: bool, steps: &[(&str, &str)]) -> String {
        let id = uuid::Uuid::new_v4();
        let url = format!("{}/zaaktypen/{id}", self.bases.catalogi);
        let catalogus = format!("{}/catalogussen/{}", self.bases.catalogi, uuid::Uuid::new_v4());
        let mut statustypen = Vec::new();
        let mut model = self.model();
        for (i, (step, text)) in steps.iter().enumerate() {
            let st_url = format!("{}/statustypen/{}", self.bases.catalogi, uuid::Uuid::new_v4());
            statustypen.push(st_url.clone());
            model.statustypen.push(json!({
                "url": st_url, "omschrijving": step, "statustekst": text, "zaaktype": url, "catalogus": catalogus,
                "zaaktypeIdentificatie": name.to_uppercase(), "volgnummer": i + 1, "isEindstatus": i + 1 == steps.len(),
                "zaakobjecttype": format!("{}/zaakobjecttypen/{}", self.bases.catalogi, uuid::Uuid::new_v4()),
            }));
        }
        model.zaaktypen.insert(
            url.clone(),
            json!({
                "url": url, "identificatie": name.to_uppercase(), "omschrijving": name, "vertrouwelijkheidaanduiding": "zaakvertrouwelijk",
                "doel": format!("{name} verlenen"), "aanleiding": "Aanvraag", "indicatieInternOfExtern": if intern { "intern" } else { "extern" },
                "handelingInitiator": "aanvragen", "onderwerp": name, "handelingBehandelaar": "behandelen", "doorlooptijd": "P8W",
                "opschortingEnAanhoudingMogelijk": false, "verlengingMogelijk": false, "publicatieIndicatie": false,
                "productenOfDiensten": [], "referentieproces": {"naam": "aanvragen"}, "verantwoordelijke": "002220647",
                "zaakobjecttypen": [], "catalogus": catalogus, "statustypen": statustypen, "resultaattypen": [], "eigenschappen": [],
                "informatieobjecttypen": [], "roltypen": [], "besluittypen": [], "gerelateerdeZaaktypen": [],
                "beginGeldigheid": "2026-01-01", "versiedatum": "2026-01-01", "concept": false,
                "beginObject": "2026-01-01", "eindeObject": "2099-12-31",
            }),
        );
        url
    }

    /// The URL of a case type's status type by its step number (1 = first).
    pub fn step(&self, case_type: &str, number: usize) -> String {
        let model = self.model();
        let steps: Vec<&Value> = model.statustypen.iter().filter(|s| s["zaaktype"] == case_type).collect();
        steps[number - 1]["url"].as_str().unwrap().to_string()
    }

    /// A case of this type with `bsn` as its initiator, at its first step. Its URL.
    pub fn add_case(&self, case_type: &str, identificatie: &str, bsn: &str, started: &str) -> String {
        let id = uuid::Uuid::new_v4();
        let url = format!("{}/zaken/{id}", self.bases.zaken);
        let rol_url = format!("{}/rollen/{}", self.bases.zaken, uuid::Uuid::new_v4());
        let zaak = json!({
            "url": url, "uuid": id, "identificatie": identificatie, "bronorganisatie": "002220647", "verantwoordelijkeOrganisatie": "002220647",
            "zaaktype": case_type, "startdatum": started, "einddatum": null, "einddatumGepland": "2027-01-31",
            "vertrouwelijkheidaanduiding": "zaakvertrouwelijk", "betalingsindicatieWeergave": "", "deelzaken": [], "eigenschappen": [],
            "rollen": [rol_url], "status": null, "zaakinformatieobjecten": [], "zaakobjecten": [], "resultaat": null,
        });
        let rol = json!({
            "url": rol_url, "uuid": rol_url.rsplit('/').next(), "zaak": url, "betrokkeneType": "natuurlijk_persoon",
            "roltype": format!("{}/roltypen/{}", self.bases.catalogi, uuid::Uuid::new_v4()),
            "omschrijving": "Aanvrager", "omschrijvingGeneriek": "initiator", "roltoelichting": "Aanvrager",
            "registratiedatum": format!("{started}T09:00:00Z"), "statussen": [],
            "betrokkeneIdentificatie": {"inpBsn": bsn, "geslachtsnaam": "Test", "voorvoegselGeslachtsnaam": "", "voorletters": "T", "voornamen": "Test", "geslachtsaanduiding": "o", "geboortedatum": "1980-01-01"},
        });
        let mut model = self.model();
        model.zaken.insert(url.clone(), zaak);
        model.rollen.push(rol);
        drop(model);
        self.set_status(&url, &self.step(case_type, 1), &format!("{started}T09:00:00Z"));
        url
    }

    /// Another natural person gets a role in the case (`generiek`: e.g. `belanghebbende`).
    pub fn add_role(&self, zaak: &str, bsn: &str, generiek: &str) {
        let url = format!("{}/rollen/{}", self.bases.zaken, uuid::Uuid::new_v4());
        let rol = json!({
            "url": url, "uuid": url.rsplit('/').next(), "zaak": zaak, "betrokkeneType": "natuurlijk_persoon",
            "roltype": format!("{}/roltypen/{}", self.bases.catalogi, uuid::Uuid::new_v4()),
            "omschrijving": generiek, "omschrijvingGeneriek": generiek, "roltoelichting": generiek,
            "registratiedatum": "2026-11-20T09:00:00Z", "statussen": [],
            "betrokkeneIdentificatie": {"inpBsn": bsn, "geslachtsnaam": "Ander", "voorvoegselGeslachtsnaam": "", "voorletters": "A", "voornamen": "Ander", "geslachtsaanduiding": "o", "geboortedatum": "1970-01-01"},
        });
        let mut model = self.model();
        model.zaken.get_mut(zaak).expect("a known case")["rollen"].as_array_mut().unwrap().push(json!(url));
        model.rollen.push(rol);
    }

    /// The case reaches a status (`at`: RFC 3339); at the final one it ends.
    pub fn set_status(&self, zaak: &str, statustype: &str, at: &str) {
        let mut model = self.model();
        let url = format!("{}/statussen/{}", self.bases.zaken, uuid::Uuid::new_v4());
        let is_final = model.statustypen.iter().any(|s| s["url"] == statustype && s["isEindstatus"] == true);
        for s in model.statussen.iter_mut().filter(|s| s["zaak"] == zaak) {
            s["indicatieLaatstGezetteStatus"] = json!(false);
        }
        model.statussen.push(json!({
            "url": url, "uuid": url.rsplit('/').next(), "zaak": zaak, "statustype": statustype, "datumStatusGezet": at,
            "indicatieLaatstGezetteStatus": true, "zaakinformatieobjecten": [],
        }));
        let zaak = model.zaken.get_mut(zaak).expect("a known case");
        zaak["status"] = json!(url);
        if is_final {
            zaak["einddatum"] = json!(&at[..10]);
        }
    }

    /// A document linked to the case. Its URL.
    pub fn add_document(&self, zaak: &str, title: &str, file_name: &str, contents: &[u8], confidentiality: &str, status: &str) -> String {
        let id = uuid::Uuid::new_v4();
        let url = format!("{}/enkelvoudiginformatieobjecten/{id}", self.bases.documenten);
        let document = json!({
            "url": url, "identificatie": format!("DOC-{}", &id.simple().to_string()[..8]), "bronorganisatie": "002220647", "creatiedatum": "2026-11-20",
            "titel": title, "vertrouwelijkheidaanduiding": confidentiality, "auteur": "Gemeente Voorbeeld", "status": status,
            "formaat": "application/pdf", "taal": "nld", "versie": 1, "beginRegistratie": "2026-11-20T10:00:00Z",
            "bestandsnaam": file_name, "inhoud": format!("{url}/download"), "bestandsomvang": contents.len(),
            "informatieobjecttype": format!("{}/informatieobjecttypen/{}", self.bases.catalogi, uuid::Uuid::new_v4()),
            "locked": false, "bestandsdelen": [],
        });
        let link_url = format!("{}/zaakinformatieobjecten/{}", self.bases.zaken, uuid::Uuid::new_v4());
        let mut model = self.model();
        model.documents.insert(url.clone(), (document, contents.to_vec()));
        model.links.push(json!({
            "url": link_url, "uuid": link_url.rsplit('/').next(), "informatieobject": url, "zaak": zaak,
            "aardRelatieWeergave": "Hoort bij, omgekeerd: kent", "registratiedatum": "2026-11-20T10:00:00Z",
        }));
        url
    }

    /// The document is gone from the Documenten API (its link stays, as after a failed clean-up).
    pub fn remove_document(&self, url: &str) {
        self.model().documents.remove(url);
    }

    /// The case is gone from the Zaken API.
    pub fn remove_case(&self, url: &str) {
        let mut model = self.model();
        model.zaken.remove(url);
        model.rollen.retain(|r| r["zaak"] != url);
        model.statussen.retain(|s| s["zaak"] != url);
        model.links.retain(|l| l["zaak"] != url);
    }

    /// Publishes a notification as the Notificaties API does: checked
    /// against its spec on the way in (through Prism, when there is one),
    /// then sent to every subscription's callback with its `auth`.
    /// The statuses of the callbacks.
    pub async fn publish(&self, kanaal: &str, hoofd_object: &str, resource: &str, resource_url: &str, actie: &str) -> Vec<u16> {
        let message = json!({
            "kanaal": kanaal, "hoofdObject": hoofd_object, "resource": resource, "resourceUrl": resource_url,
            "actie": actie, "aanmaakdatum": "2026-11-23T10:00:00Z", "kenmerken": {"bronorganisatie": "002220647"},
        });
        let token = token(unix_now());
        let published = reqwest::Client::new()
            .post(format!("{}/notificaties", self.bases.notificaties))
            .bearer_auth(token)
            .json(&message)
            .send()
            .await
            .unwrap();
        assert!(published.status().is_success(), "the Notificaties API took the message: {}", published.text().await.unwrap());
        let subscriptions = self.subscriptions();
        let mut statuses = Vec::new();
        for subscription in subscriptions.iter().filter(|s| s["kanalen"].as_array().unwrap().iter().any(|k| k["naam"] == kanaal)) {
            let res = reqwest::Client::new()
                .post(subscription["callbackUrl"].as_str().unwrap())
                .header("authorization", subscription["auth"].as_str().unwrap())
                .json(&message)
                .send()
                .await
                .unwrap();
            statuses.push(res.status().as_u16());
        }
        statuses
    }
}

fn unix_now() -> i64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs() as i64
}

/// A ZGW token as another client of the case system signs it (for publishing).
fn token(iat: i64) -> String {
    let b64 = base64::engine::general_purpose::URL_SAFE_NO_PAD;
    let header = b64.encode(br#"{"alg":"HS256","typ":"JWT"}"#);
    let payload = b64.encode(json!({"iss": CLIENT_ID, "client_id": CLIENT_ID, "iat": iat, "user_id": "test", "user_representation": "Test"}).to_string());
    let mut mac = Hmac::<sha2::Sha256>::new_from_slice(SECRET.as_bytes()).unwrap();
    mac.update(format!("{header}.{payload}").as_bytes());
    format!("{header}.{payload}.{}", b64.encode(mac.finalize().into_bytes()))
}

/// Whether `Authorization: Bearer <jwt>` is signed with the secret for the client id, as Open Zaak checks.
fn token_ok(headers: &HeaderMap) -> bool {
    let b64 = base64::engine::general_purpose::URL_SAFE_NO_PAD;
    let Some(jwt) = headers.get("authorization").and_then(|v| v.to_str().ok()).and_then(|v| v.strip_prefix("Bearer ")) else { return false };
    let parts: Vec<&str> = jwt.split('.').collect();
    let [header, payload, signature] = parts[..] else { return false };
    let mut mac = Hmac::<sha2::Sha256>::new_from_slice(SECRET.as_bytes()).unwrap();
    mac.update(format!("{header}.{payload}").as_bytes());
    let Ok(signature) = b64.decode(signature) else { return false };
    if mac.verify_slice(&signature).is_err() {
        return false;
    }
    let Ok(claims) = b64.decode(payload).map_err(|_| ()).and_then(|p| serde_json::from_slice::<Value>(&p).map_err(|_| ())) else { return false };
    let fresh = claims["iat"].as_i64().is_some_and(|iat| (unix_now() - iat).abs() < 3600);
    claims["client_id"] == CLIENT_ID && fresh
}

/// A ZGW error answer (schema `Fout`).
fn fout(status: u16, title: &str) -> Response {
    let body = json!({
        "type": format!("https://zgw.test/{status}"), "code": title.to_lowercase().replace(' ', "_"), "title": title,
        "status": status, "detail": title, "instance": format!("urn:uuid:{}", uuid::Uuid::new_v4()),
    });
    (StatusCode::from_u16(status).unwrap(), [("content-type", "application/problem+json")], body.to_string()).into_response()
}

fn page(results: Vec<Value>) -> Response {
    ok(json!({"count": results.len(), "next": null, "previous": null, "results": results}), false)
}

fn ok(body: Value, crs: bool) -> Response {
    let mut response = (StatusCode::OK, [("content-type", "application/json")], body.to_string()).into_response();
    if crs {
        response.headers_mut().insert("content-crs", "EPSG:4326".parse().unwrap());
    }
    response
}

fn created(body: Value) -> Response {
    let location = body["url"].as_str().unwrap_or_default().to_string();
    (StatusCode::CREATED, [("content-type", "application/json"), ("location", location.as_str())], body.to_string()).into_response()
}

fn query(uri: &Uri, key: &str) -> Option<String> {
    url::form_urlencoded::parse(uri.query().unwrap_or("").as_bytes()).find(|(k, _)| k == key).map(|(_, v)| v.into_owned())
}

async fn answer(state: Shared, method: Method, uri: Uri, headers: HeaderMap, body: Bytes) -> Response {
    let path = uri.path().to_string();
    let fault = {
        let mut model = state.model.lock().unwrap();
        model.calls.push((method.to_string(), path.clone()));
        model.fault
    };
    match fault {
        Some(Fault::Status(status)) => return fout(status, "Storing"),
        Some(Fault::Delay(wait)) => tokio::time::sleep(wait).await,
        None => {}
    }
    if !token_ok(&headers) {
        state.model.lock().unwrap().refused_tokens += 1;
        return fout(403, "Geen toegang");
    }
    let Some((api, rest)) = APIS.iter().find_map(|api| path.strip_prefix(&format!("/{api}/api/v1")).map(|rest| (*api, rest.to_string()))) else {
        return fout(404, "Niet gevonden");
    };
    let b = &state.bases;
    let base = match api {
        "zaken" => &b.zaken,
        "catalogi" => &b.catalogi,
        "documenten" => &b.documenten,
        _ => &b.notificaties,
    };
    let public = format!("{base}{rest}");
    let segments: Vec<&str> = rest.trim_start_matches('/').split('/').collect();
    let mut model = state.model.lock().unwrap();
    match (api, method.as_str(), segments.as_slice()) {
        ("zaken", "POST", ["zaken", "_zoek"]) => {
            let search: Value = serde_json::from_slice(&body).unwrap_or(Value::Null);
            let bsn = search["rol__betrokkeneIdentificatie__natuurlijkPersoon__inpBsn"].as_str().map(str::to_string);
            let zaken = model
                .zaken
                .values()
                .filter(|z| bsn.as_deref().is_none_or(|bsn| model.rollen.iter().any(|r| r["zaak"] == z["url"] && r["betrokkeneIdentificatie"]["inpBsn"] == bsn)))
                .cloned()
                .collect::<Vec<_>>();
            let mut response = page(zaken);
            response.headers_mut().insert("content-crs", "EPSG:4326".parse().unwrap());
            response
        }
        ("zaken", "GET", ["zaken", _]) => model.zaken.get(&public).cloned().map_or_else(|| fout(404, "Niet gevonden"), |z| ok(z, true)),
        ("zaken", "GET", ["statussen"]) => page(model.statussen.iter().filter(|s| Some(s["zaak"].as_str().unwrap_or("")) == query(&uri, "zaak").as_deref()).cloned().collect()),
        ("zaken", "GET", ["rollen"]) => page(model.rollen.iter().filter(|r| Some(r["zaak"].as_str().unwrap_or("")) == query(&uri, "zaak").as_deref()).cloned().collect()),
        ("zaken", "GET", ["zaakinformatieobjecten"]) => {
            let zaak = query(&uri, "zaak");
            ok(Value::Array(model.links.iter().filter(|l| l["zaak"].as_str() == zaak.as_deref()).cloned().collect()), false)
        }
        ("catalogi", "GET", ["zaaktypen", _]) => model.zaaktypen.get(&public).cloned().map_or_else(|| fout(404, "Niet gevonden"), |z| ok(z, false)),
        ("catalogi", "GET", ["statustypen"]) => page(model.statustypen.iter().filter(|s| Some(s["zaaktype"].as_str().unwrap_or("")) == query(&uri, "zaaktype").as_deref()).cloned().collect()),
        ("documenten", "GET", ["enkelvoudiginformatieobjecten", _]) => model.documents.get(&public).map_or_else(|| fout(404, "Niet gevonden"), |(d, _)| ok(d.clone(), false)),
        ("documenten", "GET", ["enkelvoudiginformatieobjecten", _, "download"]) => {
            let url = public.trim_end_matches("/download");
            let Some((_, contents)) = model.documents.get(url) else { return fout(404, "Niet gevonden") };
            let contents = contents.clone();
            match model.slow_download {
                None => (StatusCode::OK, [("content-type", "application/octet-stream")], contents).into_response(),
                Some((pieces, apart)) => {
                    let size = contents.len().div_ceil(pieces.max(1));
                    let chunks: Vec<Vec<u8>> = contents.chunks(size.max(1)).map(<[u8]>::to_vec).collect();
                    let stream = futures::stream::iter(chunks).then(move |chunk| async move {
                        tokio::time::sleep(apart).await;
                        Ok::<_, std::io::Error>(Bytes::from(chunk))
                    });
                    (StatusCode::OK, [("content-type", "application/octet-stream")], Body::from_stream(stream)).into_response()
                }
            }
        }
        ("notificaties", "GET", ["abonnement"]) => ok(Value::Array(model.abonnementen.clone()), false),
        ("notificaties", "POST", ["abonnement"]) => {
            let Ok(mut abonnement) = serde_json::from_slice::<Value>(&body) else { return fout(400, "Ongeldig") };
            abonnement["url"] = json!(format!("{}/abonnement/{}", b.notificaties, uuid::Uuid::new_v4()));
            model.abonnementen.push(abonnement.clone());
            created(abonnement)
        }
        ("documenten", "POST", ["enkelvoudiginformatieobjecten"]) => {
            let Ok(mut document) = serde_json::from_slice::<Value>(&body) else { return fout(400, "Ongeldig") };
            let Ok(contents) = base64::engine::general_purpose::STANDARD.decode(document["inhoud"].as_str().unwrap_or("")) else { return fout(400, "Ongeldig") };
            let url = format!("{}/enkelvoudiginformatieobjecten/{}", b.documenten, uuid::Uuid::new_v4());
            document["url"] = json!(url);
            document["inhoud"] = json!(format!("{url}/download"));
            document["bestandsomvang"] = json!(contents.len());
            document["versie"] = json!(1);
            document["beginRegistratie"] = json!("2026-11-23T10:00:00Z");
            document["locked"] = json!(false);
            document["bestandsdelen"] = json!([]);
            model.documents.insert(url, (document.clone(), contents));
            created(document)
        }
        ("zaken", "POST", ["zaakinformatieobjecten"]) => {
            let Ok(mut link) = serde_json::from_slice::<Value>(&body) else { return fout(400, "Ongeldig") };
            let url = format!("{}/zaakinformatieobjecten/{}", b.zaken, uuid::Uuid::new_v4());
            link["url"] = json!(url);
            link["uuid"] = json!(url.rsplit('/').next());
            link["aardRelatieWeergave"] = json!("Hoort bij, omgekeerd: kent");
            link["registratiedatum"] = json!("2026-11-23T10:00:00Z");
            model.links.push(link.clone());
            created(link)
        }
        ("notificaties", "PUT", ["abonnement", _]) => {
            let Ok(mut abonnement) = serde_json::from_slice::<Value>(&body) else { return fout(400, "Ongeldig") };
            abonnement["url"] = json!(public);
            let Some(existing) = model.abonnementen.iter_mut().find(|a| a["url"] == public) else { return fout(404, "Niet gevonden") };
            *existing = abonnement.clone();
            ok(abonnement, false)
        }
        // The Notificaties API takes a message (kept, for the tests to read); `publish` hands it to the subscribers.
        ("notificaties", "POST", ["notificaties"]) => {
            let message: Value = serde_json::from_slice(&body).unwrap_or(Value::Null);
            if model.kanalen.iter().any(|k| k["naam"] == message["kanaal"]) || message["kanaal"] == "zaken" || message["kanaal"] == "documenten" {
                model.received.push(message.clone());
                ok(message, false)
            } else {
                fout(400, "Onbekend kanaal")
            }
        }
        ("notificaties", "GET", ["kanaal"]) => {
            let naam = query(&uri, "naam");
            ok(Value::Array(model.kanalen.iter().filter(|k| naam.as_deref().is_none_or(|n| k["naam"] == n)).cloned().collect()), false)
        }
        ("notificaties", "POST", ["kanaal"]) => {
            let Ok(mut kanaal) = serde_json::from_slice::<Value>(&body) else { return fout(400, "Ongeldig") };
            kanaal["url"] = json!(format!("{}/kanaal/{}", b.notificaties, uuid::Uuid::new_v4()));
            model.kanalen.push(kanaal.clone());
            created(kanaal)
        }
        _ => fout(404, "Niet gevonden"),
    }
}

