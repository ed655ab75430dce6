//! The development identity provider: a small but real OpenID Connect
//! provider (discovery, JWKS, authorization with a page to pick a demo
//! resident or staff member, token endpoint with PKCE, RS256-signed ID
//! tokens with the BSN and level-of-assurance claims, RP-initiated
//! logout). Loket logs in against it through exactly the code it uses
//! for a real DigiD broker. Refused when Loket runs in production.

use std::{
    collections::HashMap,
    sync::{Arc, Mutex, OnceLock},
};

use app::backend::auth::oidc::{ExtraClaims, LoketIdToken};
use app::backend::clock::Clock;
use axum::{
    extract::{Query, State},
    http::{header, HeaderMap, StatusCode},
    response::{Html, IntoResponse, Redirect, Response},
    Form, Json,
};
use leptos::prelude::*;
use openidconnect::{
    core::{CoreJsonWebKeySet, CoreJwsSigningAlgorithm, CoreRsaPrivateSigningKey},
    Audience, EndUserEmail, EndUserName, IdTokenClaims, IssuerUrl, JsonWebKeyId, LocalizedClaim, Nonce, PrivateSigningKey,
    StandardClaims, SubjectIdentifier,
};
use rsa::pkcs1::{EncodeRsaPrivateKey, LineEnding};
use serde::Deserialize;
use sha2::{Digest, Sha256};

/// A demo resident of Gemeente Voorbeeld (invented; the BSNs pass the 11-test).
pub struct DemoResident {
    pub subject: &'static str,
    pub name: &'static str,
    pub bsn: &'static str,
}

pub const RESIDENTS: [DemoResident; 3] = [
    DemoResident { subject: "inwoner-jan", name: "Jan Jansen", bsn: "999993653" },
    DemoResident { subject: "inwoner-fatima", name: "Fatima El Amrani", bsn: "999990019" },
    DemoResident { subject: "inwoner-kees", name: "Kees de Boer", bsn: "999991723" },
];

pub struct DemoStaff {
    pub subject: &'static str,
    pub name: &'static str,
    pub roles: &'static [&'static str],
    /// Sent as the standard `email` claim (where reminders go).
    pub email: &'static str,
    /// Team slugs, sent in the teams claim.
    pub teams: &'static [&'static str],
    /// A ZGW confidentiality level, sent in the clearance claim.
    pub clearance: &'static str,
}

pub const STAFF: [DemoStaff; 5] = [
    DemoStaff { subject: "medewerker-sanne", name: "Sanne de Vries", roles: &["kcc"], email: "sanne@voorbeeld.example", teams: &["kcc"], clearance: "zaakvertrouwelijk" },
    DemoStaff {
        subject: "medewerker-ahmed",
        name: "Ahmed Benali",
        roles: &["specialist"],
        email: "ahmed@voorbeeld.example",
        teams: &["vergunningen", "werk-en-inkomen", "parkeren"],
        clearance: "vertrouwelijk",
    },
    DemoStaff {
        subject: "medewerker-petra",
        name: "Petra Jansen",
        roles: &["teamleider"],
        email: "petra@voorbeeld.example",
        teams: &["burgerzaken", "parkeren", "werk-en-inkomen", "vergunningen", "kcc"],
        clearance: "vertrouwelijk",
    },
    DemoStaff { subject: "medewerker-bram", name: "Bram Visser", roles: &["beheerder"], email: "bram@voorbeeld.example", teams: &[], clearance: "openbaar" },
    DemoStaff { subject: "medewerker-inge", name: "Inge Bakker", roles: &["privacy"], email: "inge@voorbeeld.example", teams: &[], clearance: "openbaar" },
];

/// The names of the claims the provider sends (as Loket is configured to read them).
pub struct ClaimNames {
    pub bsn: String,
    pub loa: String,
    pub roles: String,
    pub teams: String,
    pub clearance: String,
}

/// What tests may make the provider do wrong, to prove Loket notices.
#[derive(Clone, Debug)]
pub struct Behaviour {
    /// Sign ID tokens with a key that is not in the published JWKS.
    pub sign_with_unknown_key: bool,
    /// Lifetime of issued ID tokens, in seconds (negative: already expired).
    pub token_lifetime_secs: i64,
    /// Leave the BSN claim out.
    pub omit_bsn: bool,
}

impl Default for Behaviour {
    fn default() -> Self {
        Behaviour { sign_with_unknown_key: false, token_lifetime_secs: 300, omit_bsn: false }
    }
}

/// A registered client: its id and its one redirect URI.
#[derive(Clone, Debug)]
pub struct Client {
    pub client_id: String,
    pub redirect_uri: String,
    pub staff: bool,
}

pub struct DevIdp {
    issuer: String,
    clients: Vec<Client>,
    claims: ClaimNames,
    clock: Arc<dyn Clock>,
    codes: Mutex<HashMap<String, Issued>>,
    pub behaviour: Mutex<Behaviour>,
}

struct Issued {
    client_id: String,
    redirect_uri: String,
    code_challenge: String,
    nonce: Option<String>,
    person: String,
    loa: String,
    expires_at: i64,
}

/// Two RSA keys, made once per process: the published one and an unknown one for tests.
fn keys() -> &'static (CoreRsaPrivateSigningKey, CoreRsaPrivateSigningKey) {
    static KEYS: OnceLock<(CoreRsaPrivateSigningKey, CoreRsaPrivateSigningKey)> = OnceLock::new();
    KEYS.get_or_init(|| {
        let make = |kid: &str| {
            let key = rsa::RsaPrivateKey::new(&mut rand::thread_rng(), 2048).expect("generate RSA key");
            let pem = key.to_pkcs1_pem(LineEnding::LF).expect("encode RSA key");
            CoreRsaPrivateSigningKey::from_pem(&pem, Some(JsonWebKeyId::new(kid.to_string()))).expect("load RSA key")
        };
        (make("dev-idp-1"), make("dev-idp-1"))
    })
}

impl DevIdp {
    pub fn new(issuer: String, clients: Vec<Client>, claims: ClaimNames, clock: Arc<dyn Clock>) -> DevIdp {
        keys();
        DevIdp { issuer, clients, claims, clock, codes: Mutex::new(HashMap::new()), behaviour: Mutex::new(Behaviour::default()) }
    }

    fn client(&self, client_id: &str, redirect_uri: &str) -> Option<&Client> {
        self.clients.iter().find(|c| c.client_id == client_id && c.redirect_uri == redirect_uri)
    }
}

/// `GET /dev-idp/.well-known/openid-configuration`
pub async fn discovery(State(idp): State<Arc<DevIdp>>) -> Json<serde_json::Value> {
    let i = &idp.issuer;
    Json(serde_json::json!({
        "issuer": i,
        "authorization_endpoint": format!("{i}/authorize"),
        "token_endpoint": format!("{i}/token"),
        "jwks_uri": format!("{i}/jwks"),
        "end_session_endpoint": format!("{i}/logout"),
        "response_types_supported": ["code"],
        "subject_types_supported": ["public"],
        "id_token_signing_alg_values_supported": ["RS256"],
        "scopes_supported": ["openid", "bsn", "profile"],
        "token_endpoint_auth_methods_supported": ["none", "client_secret_basic", "client_secret_post"],
        "grant_types_supported": ["authorization_code"],
        "code_challenge_methods_supported": ["S256"],
        "claims_supported": ["sub", "name", idp.claims.bsn, idp.claims.loa, idp.claims.roles, idp.claims.teams, idp.claims.clearance],
    }))
}

/// `GET /dev-idp/jwks`
pub async fn jwks() -> Json<CoreJsonWebKeySet> {
    Json(CoreJsonWebKeySet::new(vec![keys().0.as_verification_key()]))
}

#[derive(Clone, Deserialize)]
pub struct AuthorizeRequest {
    response_type: Option<String>,
    client_id: String,
    redirect_uri: String,
    state: Option<String>,
    nonce: Option<String>,
    code_challenge: Option<String>,
    code_challenge_method: Option<String>,
    acr_values: Option<String>,
}

fn bad_request(text: &'static str) -> Response {
    (StatusCode::BAD_REQUEST, text).into_response()
}

/// `GET /dev-idp/authorize`: a page to pick who logs in.
pub async fn authorize(State(idp): State<Arc<DevIdp>>, Query(req): Query<AuthorizeRequest>) -> Response {
    let Some(client) = idp.client(&req.client_id, &req.redirect_uri) else {
        return bad_request("unknown client or redirect_uri");
    };
    if req.response_type.as_deref() != Some("code") || req.code_challenge_method.as_deref() != Some("S256") || req.code_challenge.is_none() {
        return bad_request("only the code flow with PKCE (S256) is supported");
    }
    let hidden = |name: &'static str, value: Option<String>| view! { <input type="hidden" name=name value=value.unwrap_or_default()/> };
    let persons = if client.staff {
        STAFF
            .iter()
            .enumerate()
            .map(|(i, s)| {
                let label = format!("{} ({})", s.name, s.roles.join(", "));
                view! { <li><label><input type="radio" name="person" value=s.subject required=true checked={i == 0}/>" "{label}</label></li> }
            })
            .collect_view()
    } else {
        RESIDENTS
            .iter()
            .enumerate()
            .map(|(i, r)| {
                let label = format!("{} (BSN {})", r.name, r.bsn);
                view! { <li><label><input type="radio" name="person" value=r.subject required=true checked={i == 0}/>" "{label}</label></li> }
            })
            .collect_view()
    };
    let asked = req.acr_values.clone().unwrap_or_default();
    let level = (!client.staff).then(|| {
        let options = ["basis", "midden", "substantieel", "hoog"]
            .into_iter()
            .map(|l| view! { <option value=l selected=(l == "midden" && asked.is_empty()) || asked.contains(context_class(l))>{l}</option> })
            .collect_view();
        view! { <p><label for="loa">"Betrouwbaarheidsniveau"</label>" "<select id="loa" name="loa">{options}</select></p> }
    });
    let title = if client.staff { "Ontwikkel-inlog voor medewerkers" } else { "Ontwikkel-DigiD" };
    let page = view! {
        <html lang="nl">
            <head><meta charset="utf-8"/><meta name="viewport" content="width=device-width, initial-scale=1"/><title inner_html=title></title></head>
            <body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.5">
                <main>
                    <h1>{title}</h1>
                    <p>"Dit is de inlogpagina van de ontwikkelomgeving. Kies als wie je inlogt. In productie staat hier DigiD of de inlog van de gemeente."</p>
                    <form method="post" action="/dev-idp/authorize">
                        {hidden("client_id", Some(req.client_id.clone()))}
                        {hidden("redirect_uri", Some(req.redirect_uri.clone()))}
                        {hidden("state", req.state.clone())}
                        {hidden("nonce", req.nonce.clone())}
                        {hidden("code_challenge", req.code_challenge.clone())}
                        <fieldset>
                            <legend>"Inloggen als"</legend>
                            <ul style="list-style: none; padding: 0">{persons}</ul>
                        </fieldset>
                        {level}
                        <p><button type="submit">"Inloggen"</button></p>
                    </form>
                </main>
            </body>
        </html>
    };
    Html(format!("<!DOCTYPE html>{}", page.to_html())).into_response()
}

fn context_class(level: &str) -> &'static str {
    match level {
        "basis" => "PasswordProtectedTransport",
        "midden" => "MobileTwoFactorContract",
        "substantieel" => "classes:Smartcard",
        _ => "SmartcardPKI",
    }
}

#[derive(Deserialize)]
pub struct Consent {
    client_id: String,
    redirect_uri: String,
    state: Option<String>,
    nonce: Option<String>,
    code_challenge: String,
    person: String,
    loa: Option<String>,
}

/// A resident of the benchmark data (`loket bench-data`), logged in by
/// their BSN as subject `bsn-<BSN>` (one that passes the 11-test): how the
/// benchmark gets sessions of many different residents. Development only,
/// as this whole provider.
fn generated_bsn(subject: &str) -> Option<&str> {
    let bsn = subject.strip_prefix("bsn-")?;
    app::backend::auth::bsn::Bsn::parse(bsn).ok().map(|_| bsn)
}

/// `POST /dev-idp/authorize`: issues a code and sends the browser back.
pub async fn consent(State(idp): State<Arc<DevIdp>>, Form(form): Form<Consent>) -> Response {
    let Some(client) = idp.client(&form.client_id, &form.redirect_uri) else {
        return bad_request("unknown client or redirect_uri");
    };
    let known = if client.staff {
        STAFF.iter().any(|s| s.subject == form.person)
    } else {
        RESIDENTS.iter().any(|r| r.subject == form.person) || generated_bsn(&form.person).is_some()
    };
    if !known {
        return bad_request("unknown person");
    }
    let code = uuid::Uuid::new_v4().simple().to_string();
    let issued = Issued {
        client_id: form.client_id.clone(),
        redirect_uri: form.redirect_uri.clone(),
        code_challenge: form.code_challenge,
        nonce: form.nonce.filter(|n| !n.is_empty()),
        person: form.person,
        loa: form.loa.unwrap_or_else(|| "midden".into()),
        expires_at: idp.clock.now().unix_timestamp() + 60,
    };
    idp.codes.lock().expect("codes poisoned").insert(code.clone(), issued);
    let mut url = url::Url::parse(&form.redirect_uri).expect("registered redirect URIs are valid");
    url.query_pairs_mut().append_pair("code", &code);
    if let Some(state) = form.state.filter(|s| !s.is_empty()) {
        url.query_pairs_mut().append_pair("state", &state);
    }
    Redirect::to(url.as_str()).into_response()
}

#[derive(Deserialize)]
pub struct TokenRequest {
    grant_type: String,
    code: String,
    redirect_uri: String,
    client_id: Option<String>,
    code_verifier: String,
}

fn token_error(error: &'static str) -> Response {
    (StatusCode::BAD_REQUEST, Json(serde_json::json!({ "error": error }))).into_response()
}

/// The client id from HTTP Basic authentication, as confidential clients send it.
fn basic_client_id(headers: &HeaderMap) -> Option<String> {
    use base64::Engine;
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?.strip_prefix("Basic ")?;
    let decoded = base64::engine::general_purpose::STANDARD.decode(value).ok()?;
    let text = String::from_utf8(decoded).ok()?;
    let id = text.split_once(':').map_or(text.as_str(), |(id, _)| id);
    Some(url::form_urlencoded::parse(format!("x={id}").as_bytes()).next()?.1.into_owned())
}

/// `POST /dev-idp/token`: code (once, unexpired, PKCE-checked) for an ID token.
pub async fn token(State(idp): State<Arc<DevIdp>>, headers: HeaderMap, Form(req): Form<TokenRequest>) -> Response {
    if req.grant_type != "authorization_code" {
        return token_error("unsupported_grant_type");
    }
    let Some(issued) = idp.codes.lock().expect("codes poisoned").remove(&req.code) else {
        return token_error("invalid_grant");
    };
    let now = idp.clock.now().unix_timestamp();
    let client_id = req.client_id.or_else(|| basic_client_id(&headers)).unwrap_or_default();
    let challenge = {
        use base64::Engine;
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(Sha256::digest(req.code_verifier.as_bytes()))
    };
    if issued.expires_at < now || issued.client_id != client_id || issued.redirect_uri != req.redirect_uri || issued.code_challenge != challenge {
        return token_error("invalid_grant");
    }
    let behaviour = idp.behaviour.lock().expect("behaviour poisoned").clone();
    let mut extra = serde_json::Map::new();
    let name;
    let mut email = None;
    let resident = RESIDENTS.iter().find(|r| r.subject == issued.person).map(|r| (r.name, r.bsn)).or_else(|| generated_bsn(&issued.person).map(|bsn| ("Benchmarkinwoner", bsn)));
    if let Some((resident_name, bsn)) = resident {
        name = resident_name;
        if !behaviour.omit_bsn {
            extra.insert(idp.claims.bsn.clone(), serde_json::Value::String(bsn.into()));
        }
        extra.insert(idp.claims.loa.clone(), serde_json::Value::String(issued.loa.clone()));
    } else if let Some(s) = STAFF.iter().find(|s| s.subject == issued.person) {
        name = s.name;
        email = Some(s.email);
        extra.insert(idp.claims.roles.clone(), serde_json::json!(s.roles));
        extra.insert(idp.claims.teams.clone(), serde_json::json!(s.teams));
        extra.insert(idp.claims.clearance.clone(), serde_json::json!(s.clearance));
    } else {
        return token_error("invalid_grant");
    }
    let to_chrono = |t: i64| chrono::DateTime::from_timestamp(t, 0).unwrap_or_default();
    let mut standard = StandardClaims::new(SubjectIdentifier::new(issued.person.clone()));
    let mut names = LocalizedClaim::new();
    names.insert(None, EndUserName::new(name.to_string()));
    standard = standard.set_name(Some(names)).set_email(email.map(|e| EndUserEmail::new(e.to_string())));
    let claims = IdTokenClaims::new(
        IssuerUrl::new(idp.issuer.clone()).expect("issuer is a URL"),
        vec![Audience::new(client_id)],
        to_chrono(now + behaviour.token_lifetime_secs),
        to_chrono(now),
        standard,
        ExtraClaims(extra),
    )
    .set_nonce(issued.nonce.map(Nonce::new));
    let key = if behaviour.sign_with_unknown_key { &keys().1 } else { &keys().0 };
    let id_token = match LoketIdToken::new(claims, key, CoreJwsSigningAlgorithm::RsaSsaPkcs1V15Sha256, None, None) {
        Ok(t) => t,
        Err(error) => {
            tracing::error!(%error, "dev-idp: signing failed");
            return (StatusCode::INTERNAL_SERVER_ERROR, "signing failed").into_response();
        }
    };
    Json(serde_json::json!({
        "access_token": uuid::Uuid::new_v4().simple().to_string(),
        "token_type": "Bearer",
        "expires_in": 300,
        "id_token": id_token.to_string(),
    }))
    .into_response()
}

#[derive(Deserialize)]
pub struct LogoutRequest {
    post_logout_redirect_uri: Option<String>,
}

/// `GET /dev-idp/logout`: ends the (stateless) provider session and returns.
pub async fn logout(State(idp): State<Arc<DevIdp>>, Query(req): Query<LogoutRequest>) -> Response {
    let origin = url::Url::parse(&idp.issuer).map(|u| u.origin().ascii_serialization()).unwrap_or_default();
    match req.post_logout_redirect_uri {
        Some(uri) if uri.starts_with(&format!("{origin}/")) => Redirect::to(&uri).into_response(),
        _ => Html("<!DOCTYPE html><html lang=\"nl\"><head><title>Uitgelogd</title></head><body><main><h1>Je bent uitgelogd</h1></main></body></html>").into_response(),
    }
}

/// The provider's endpoints, to nest under `/dev-idp`.
pub fn routes<S: Clone + Send + Sync + 'static>(idp: Arc<DevIdp>) -> axum::Router<S> {
    use axum::routing::{get, post};
    axum::Router::new()
        .route("/.well-known/openid-configuration", get(discovery))
        .route("/jwks", get(jwks))
        .route("/authorize", get(authorize).post(consent))
        .route("/token", post(token))
        .route("/logout", get(logout))
        .with_state(idp)
}
