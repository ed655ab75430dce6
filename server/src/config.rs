//! Typed configuration, loaded once: defaults, then an optional TOML file
//! (`LOKET_CONFIG`, or `loket.toml` when present), then environment
//! variables (`LOKET_*`, and `DATABASE_URL`). Secrets are `SecretString`
//! and print as `[REDACTED]`.

use std::net::SocketAddr;

use figment::{
    providers::{Env, Format, Toml},
    Figment,
};
use app::backend::auth::loa::Loa;
use secrecy::{ExposeSecret, SecretString};
use serde::Deserialize;

#[derive(Clone, Debug, Deserialize)]
pub struct Config {
    /// `production` (the default) or `development`, which must be asked
    /// for: it allows the development provider and the demo data.
    #[serde(default)]
    pub environment: Environment,
    /// Address the web server listens on.
    #[serde(default = "default_listen")]
    pub listen: SocketAddr,
    /// Address of the Prometheus `/metrics` endpoint; keep it off the public network.
    #[serde(default = "default_metrics_listen")]
    pub metrics_listen: SocketAddr,
    /// The URL residents use to reach Loket (links in mail, OIDC redirects).
    #[serde(default = "default_public_url")]
    pub public_url: String,
    /// `sqlite://path` (default `sqlite://data/loket.db`) or `postgres://...`. May hold a password.
    #[serde(default = "default_database_url")]
    pub database_url: SecretString,
    #[serde(default = "default_database_max_connections")]
    pub database_max_connections: u32,
    /// Where the built site (`pkg/`, assets) is; cargo-leptos writes `target/site`.
    #[serde(default = "default_site_root")]
    pub site_root: String,
    /// Whether the site's file names carry content hashes (cargo-leptos `hash-files`);
    /// by default what the build said.
    #[serde(default = "default_site_hash_files")]
    pub site_hash_files: bool,
    /// `pretty` (default) or `json`.
    #[serde(default)]
    pub log_format: LogFormat,
    /// A tracing filter, e.g. `info,sqlx=warn`.
    #[serde(default = "default_log_filter")]
    pub log_filter: String,
    /// Where document contents are kept: `local` (the default: in
    /// `documents_dir`) or `s3`, an S3-compatible object store (the `s3_*`
    /// settings), which several nodes share.
    #[serde(default)]
    pub documents_store: DocumentsStore,
    /// Directory for document contents (local disk storage).
    #[serde(default = "default_documents_dir")]
    pub documents_dir: String,
    /// The S3-compatible store's address (MinIO, Ceph, a cloud provider's); empty for AWS S3 itself.
    #[serde(default)]
    pub s3_endpoint: String,
    #[serde(default = "default_s3_bucket")]
    pub s3_bucket: String,
    #[serde(default = "default_s3_region")]
    pub s3_region: String,
    /// Access key id and secret; without them, the usual `AWS_*` environment or the platform's role.
    #[serde(default)]
    pub s3_access_key_id: Option<String>,
    #[serde(default, deserialize_with = "secret")]
    pub s3_secret_access_key: Option<SecretString>,
    /// Plain HTTP to the store: in production only to one on this machine (loopback).
    #[serde(default)]
    pub s3_allow_http: bool,
    /// Create the demo municipality on a fresh database (development only).
    #[serde(default)]
    pub seed_demo: bool,
    /// With the demo, also its contacts: conversations on every channel,
    /// callback requests, consent histories. Tests that count what they
    /// make themselves turn it off.
    #[serde(default = "yes")]
    pub seed_demo_contacts: bool,
    /// Who collects pay to-dos: `none` (the default: paying online is not
    /// offered, and staff cannot ask for a payment) or `test`, the local
    /// test provider with its own checkout page (development only).
    #[serde(default)]
    pub payment_provider: PaymentProviderKind,

    /// Run the built-in development identity provider at `/dev-idp`
    /// (development only, and only in a build with the `dev-idp` feature).
    #[serde(default)]
    pub dev_idp: bool,
    /// Issuer URL of the residents' provider (the DigiD broker); empty means the development provider.
    #[serde(default)]
    pub resident_issuer: Option<String>,
    #[serde(default = "default_resident_client_id")]
    pub resident_client_id: String,
    #[serde(default)]
    pub resident_client_secret: Option<SecretString>,
    /// Scopes besides `openid`, space-separated.
    #[serde(default = "default_resident_scopes")]
    pub resident_scopes: String,
    /// Claim that carries the BSN.
    #[serde(default = "default_bsn_claim")]
    pub bsn_claim: String,
    /// Claim that carries the level of assurance (`acr` reads the standard claim).
    #[serde(default = "default_loa_claim")]
    pub loa_claim: String,
    /// Lowest level accepted for any resident login: basis, midden, substantieel or hoog.
    #[serde(default = "default_min_loa")]
    pub min_loa: Loa,
    /// Level the sensitive parts of the portal ask for.
    #[serde(default = "default_sensitive_loa")]
    pub sensitive_loa: Loa,
    /// Issuer URL of the staff provider (e.g. Entra ID); empty means the development provider.
    #[serde(default)]
    pub staff_issuer: Option<String>,
    #[serde(default = "default_staff_client_id")]
    pub staff_client_id: String,
    #[serde(default)]
    pub staff_client_secret: Option<SecretString>,
    #[serde(default = "default_staff_scopes")]
    pub staff_scopes: String,
    /// Claim with the staff member's roles (a list, or a space-separated string).
    #[serde(default = "default_staff_roles_claim")]
    pub staff_roles_claim: String,
    #[serde(default = "default_staff_name_claim")]
    pub staff_name_claim: String,
    /// Provider role values and the Loket role each stands for:
    /// `KCC-Medewerkers=kcc,Privacy=privacy` (Loket's own codes always count).
    #[serde(default)]
    pub staff_role_map: String,
    /// Claim with the slugs of the staff member's teams; without it the
    /// staff table's teams stay.
    #[serde(default = "default_staff_teams_claim")]
    pub staff_teams_claim: String,
    /// Claim with the staff member's clearance (a ZGW confidentiality level).
    #[serde(default = "default_staff_clearance_claim")]
    pub staff_clearance_claim: String,
    /// Bearer token the staff provider's provisioning presents at
    /// `/provisioning/staff/{subject}` to change roles and teams between
    /// logins. Without it that endpoint refuses everything.
    #[serde(default, deserialize_with = "secret")]
    pub staff_provisioning_token: Option<SecretString>,
    /// The systems that may read the Klantinteracties API
    /// (`/klantinteracties/api/v1`), as `name:token` pairs separated by
    /// commas (`kiss:<token>,warehouse:<token>`); each token at least 32
    /// characters. Each name gets its own service account in the
    /// processing log. Without it the API refuses everything.
    #[serde(default, deserialize_with = "secret")]
    pub klantinteracties_clients: Option<SecretString>,
    /// Minutes without activity before a session ends.
    #[serde(default = "default_session_idle_minutes")]
    pub session_idle_minutes: u64,
    /// Hours after login before a session ends, active or not.
    #[serde(default = "default_session_max_hours")]
    pub session_max_hours: u64,
    /// Login starts and callbacks allowed per client address per minute.
    #[serde(default = "default_login_rate_per_minute")]
    pub login_rate_per_minute: u32,
    /// Seconds between a live stream's checks that its session still
    /// counts (logout, expiry, roles removed end it).
    #[serde(default = "default_live_check_seconds")]
    pub live_check_seconds: u64,
    /// Proxies (load balancers) in front of Loket that append the address
    /// they received from to `X-Forwarded-For`: rate limits count the
    /// address the outermost one saw. 0 (the default) uses the peer address.
    #[serde(default)]
    pub trusted_proxy_hops: u32,
    /// Messages (questions and replies) a resident may post per minute.
    #[serde(default = "default_message_rate_per_minute")]
    pub message_rate_per_minute: u32,
    /// Webhook deliveries accepted per provider per minute (a provider
    /// retries what is refused).
    #[serde(default = "default_webhook_rate_per_minute")]
    pub webhook_rate_per_minute: u32,

    /// Outgoing mail server, as lettre reads it: `smtp://host:25`,
    /// `smtp://user:password@host:587?tls=required`, `smtps://user:password@host:465`.
    /// Without it no mail leaves: notices wait and are retried, then marked failed.
    #[serde(default)]
    pub smtp_url: Option<SecretString>,
    /// The sender of Loket's mail.
    #[serde(default = "default_mail_from")]
    pub mail_from: String,
    /// The address residents' answers by e-mail go to (`Reply-To` of Loket's mail);
    /// the mail gateway hands what arrives there to `/webhooks/mail`.
    #[serde(default)]
    pub mail_reply_to: Option<String>,
    /// Shared secret the mail gateway signs inbound mail with (`X-Loket-Signature`).
    /// Without it `/webhooks/mail` refuses everything.
    #[serde(default, deserialize_with = "secret")]
    pub mail_webhook_secret: Option<SecretString>,
    /// The authserv-id the municipality's mail gateway writes in the
    /// `Authentication-Results` header it adds (e.g. `mx.voorbeeld.nl`).
    /// A mail counts as its sender's only when that header, the topmost
    /// one, says `dmarc=pass` for the sender's domain; without this
    /// setting no mail identifies anyone (staff check who wrote).
    #[serde(default)]
    pub mail_authserv_id: Option<String>,

    /// WhatsApp Business Cloud API: Graph API base URL with its version.
    #[serde(default = "default_whatsapp_api_url")]
    pub whatsapp_api_url: String,
    /// The business phone number's id at Meta; with the access token it turns WhatsApp on.
    #[serde(default, deserialize_with = "digits")]
    pub whatsapp_phone_number_id: Option<String>,
    #[serde(default, deserialize_with = "secret")]
    pub whatsapp_access_token: Option<SecretString>,
    /// The Meta app's secret: every webhook delivery is checked against it.
    #[serde(default, deserialize_with = "secret")]
    pub whatsapp_app_secret: Option<SecretString>,
    /// The verify token entered at Meta for the webhook's handshake.
    #[serde(default, deserialize_with = "secret")]
    pub whatsapp_verify_token: Option<SecretString>,
    /// The approved template sent outside the 24-hour window ("new message in Mijn omgeving").
    #[serde(default = "default_whatsapp_template")]
    pub whatsapp_template: String,
    #[serde(default = "default_whatsapp_template_language")]
    pub whatsapp_template_language: String,

    /// Twilio's API base URL.
    #[serde(default = "default_twilio_api_url")]
    pub twilio_api_url: String,
    /// With the auth token and the sender, turns SMS on.
    #[serde(default)]
    pub twilio_account_sid: Option<String>,
    /// Signs Twilio's webhooks and authenticates Loket's calls.
    #[serde(default, deserialize_with = "secret")]
    pub twilio_auth_token: Option<SecretString>,
    /// The sending number (E.164) or Messaging Service SID (`MG...`).
    #[serde(default, deserialize_with = "e164_or_text")]
    pub twilio_from: Option<String>,

    /// Shared secret the telephony platform signs its call events with.
    #[serde(default, deserialize_with = "secret")]
    pub telephony_webhook_secret: Option<SecretString>,

    /// The municipality's ZGW case system: the Zaken API's base URL (e.g.
    /// `https://zaken.gemeente.nl/zaken/api/v1`). With the Catalogi and
    /// Documenten URLs, the client id and the secret it turns on the copy
    /// of residents' cases from there; without it Loket keeps its own cases.
    #[serde(default)]
    pub zgw_zaken_url: Option<String>,
    #[serde(default)]
    pub zgw_catalogi_url: Option<String>,
    #[serde(default)]
    pub zgw_documenten_url: Option<String>,
    /// The Notificaties API Loket subscribes at (channels `zaken` and
    /// `documenten`); without it only the reconciliation keeps the copy current.
    #[serde(default)]
    pub zgw_notificaties_url: Option<String>,
    /// The client id the case system knows Loket by (the JWT's `client_id` and `iss`).
    #[serde(default, deserialize_with = "digits")]
    pub zgw_client_id: Option<String>,
    /// The secret the JWT is signed with (HS256).
    #[serde(default, deserialize_with = "secret")]
    pub zgw_secret: Option<SecretString>,
    /// What the Notificaties API must send in `Authorization` with each
    /// notification (given in the subscription, e.g. `Token <random>`).
    #[serde(default, deserialize_with = "secret")]
    pub zgw_notification_auth: Option<SecretString>,
    /// The municipality's RSIN: the `bronorganisatie` of documents Loket
    /// files in the Documenten API. With the document type it sends
    /// documents for copied cases there; without, they stay in Loket.
    #[serde(default, deserialize_with = "rsin")]
    pub zgw_rsin: Option<String>,
    /// The informatieobjecttype (URL in the Catalogi API) of documents sent through Loket.
    #[serde(default)]
    pub zgw_upload_document_type: Option<String>,
    /// Publish Loket's own events (new contacts, callback requests,
    /// consents) as Notificaties on kanaal `loket` at the Notificaties API
    /// (`LOKET_ZGW_NOTIFICATIES_URL`, with `LOKET_ZGW_CLIENT_ID` and
    /// `LOKET_ZGW_SECRET`).
    #[serde(default)]
    pub zgw_publish_events: bool,
    /// Seconds a call to the case system may take.
    #[serde(default = "default_zgw_timeout_seconds")]
    pub zgw_timeout_seconds: u64,
    /// The most confidential documents residents see
    /// (`vertrouwelijkheidaanduiding`, default `zaakvertrouwelijk`); only
    /// final documents (`definitief`, `gearchiveerd`) ever reach them.
    #[serde(default = "default_zgw_document_confidentiality")]
    pub zgw_document_confidentiality: String,

    /// Seconds between the background workers' rounds (notices, address changes); each also wakes when work is queued on this node.
    #[serde(default = "default_worker_interval_seconds")]
    pub worker_interval_seconds: u64,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Environment {
    Development,
    #[default]
    Production,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DocumentsStore {
    #[default]
    Local,
    S3,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PaymentProviderKind {
    #[default]
    None,
    Test,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LogFormat {
    #[default]
    Pretty,
    Json,
}

/// Environment values are read as TOML values, so a bare number arrives
/// as an integer; these take it back as the text it was.
#[derive(Deserialize)]
#[serde(untagged)]
enum TextOrNumber {
    Text(String),
    Number(u64),
}

/// An id of digits (`106540352242922`), given as text or as a number.
fn digits<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    Ok(Option::<TextOrNumber>::deserialize(d)?.map(|v| match v {
        TextOrNumber::Text(t) => t,
        TextOrNumber::Number(n) => n.to_string(),
    }))
}

/// An E.164 number (`+3197010501234`, which reads as the number 3197010501234) or a text such as `MG...`.
fn e164_or_text<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    Ok(Option::<TextOrNumber>::deserialize(d)?.map(|v| match v {
        TextOrNumber::Text(t) => t,
        TextOrNumber::Number(n) => format!("+{n}"),
    }))
}

/// An RSIN: nine digits, which an environment variable reads as a number
/// (`002220647` as 2220647): the leading zeros are put back.
fn rsin<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    Ok(Option::<TextOrNumber>::deserialize(d)?.map(|v| match v {
        TextOrNumber::Text(t) => t,
        TextOrNumber::Number(n) => format!("{n:09}"),
    }))
}

/// A secret that may happen to be all digits (a verify token, say).
fn secret<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<SecretString>, D::Error> {
    Ok(digits(d)?.map(SecretString::from))
}

fn default_whatsapp_api_url() -> String {
    "https://graph.facebook.com/v23.0".into()
}
fn default_zgw_timeout_seconds() -> u64 {
    10
}

fn default_zgw_document_confidentiality() -> String {
    "zaakvertrouwelijk".into()
}

fn default_whatsapp_template() -> String {
    "nieuw_bericht".into()
}
fn default_whatsapp_template_language() -> String {
    "nl".into()
}
fn default_twilio_api_url() -> String {
    "https://api.twilio.com".into()
}

fn default_listen() -> SocketAddr {
    SocketAddr::from(([127, 0, 0, 1], 3000))
}
fn default_metrics_listen() -> SocketAddr {
    SocketAddr::from(([127, 0, 0, 1], 9464))
}
fn default_public_url() -> String {
    "http://127.0.0.1:3000".into()
}
fn default_database_url() -> SecretString {
    "sqlite://data/loket.db".into()
}
fn default_database_max_connections() -> u32 {
    10
}
fn default_site_root() -> String {
    "target/site".into()
}
fn default_site_hash_files() -> bool {
    option_env!("LEPTOS_HASH_FILES") == Some("true")
}
fn default_log_filter() -> String {
    "info,sqlx=warn".into()
}
fn default_documents_dir() -> String {
    "data/documents".into()
}
fn default_s3_bucket() -> String {
    "loket-documents".into()
}
fn default_s3_region() -> String {
    "eu-west-1".into()
}
fn default_resident_client_id() -> String {
    "loket".into()
}
fn default_resident_scopes() -> String {
    "bsn".into()
}
fn default_bsn_claim() -> String {
    "bsn".into()
}
fn default_loa_claim() -> String {
    "loa".into()
}
fn default_min_loa() -> Loa {
    Loa::Midden
}
fn default_sensitive_loa() -> Loa {
    Loa::Substantieel
}
fn default_staff_client_id() -> String {
    "loket-staff".into()
}
fn default_staff_scopes() -> String {
    "profile".into()
}
fn default_staff_roles_claim() -> String {
    "roles".into()
}
fn default_staff_name_claim() -> String {
    "name".into()
}
fn default_staff_teams_claim() -> String {
    "teams".into()
}
fn default_staff_clearance_claim() -> String {
    "clearance".into()
}
fn default_session_idle_minutes() -> u64 {
    15
}
fn default_session_max_hours() -> u64 {
    12
}
fn default_login_rate_per_minute() -> u32 {
    30
}
fn yes() -> bool {
    true
}

fn default_live_check_seconds() -> u64 {
    15
}
fn default_message_rate_per_minute() -> u32 {
    20
}
fn default_webhook_rate_per_minute() -> u32 {
    6000
}
fn default_mail_from() -> String {
    "Gemeente Voorbeeld <noreply@voorbeeld.example>".into()
}
fn default_worker_interval_seconds() -> u64 {
    10
}

impl Config {
    /// The staff role mapping, read from `staff_role_map`; a value that
    /// names no Loket role is a configuration error.
    pub fn staff_role_map(&self) -> anyhow::Result<Vec<(String, app::model::staff_member::Role)>> {
        self.staff_role_map
            .split(',')
            .map(str::trim)
            .filter(|pair| !pair.is_empty())
            .map(|pair| {
                let (from, to) = pair.split_once('=').ok_or_else(|| anyhow::anyhow!("LOKET_STAFF_ROLE_MAP: `{pair}` is not `value=role`"))?;
                let role = app::model::staff_member::Role::from_code(to.trim()).ok_or_else(|| anyhow::anyhow!("LOKET_STAFF_ROLE_MAP: `{to}` is not a Loket role"))?;
                Ok((from.trim().to_string(), role))
            })
            .collect()
    }

    /// Loads the configuration from the process environment.
    pub fn load() -> Result<Config, Box<figment::Error>> {
        let file = std::env::var("LOKET_CONFIG").ok();
        let mut figment = Figment::new();
        figment = match &file {
            // An explicitly named file must exist.
            Some(path) => figment.merge(Toml::file_exact(path)),
            None => figment.merge(Toml::file("loket.toml")),
        };
        figment
            .merge(Env::prefixed("LOKET_").ignore(&["config"]))
            .merge(Env::raw().only(&["database_url"]))
            .extract()
            .map_err(Box::new)
    }

    /// Defaults on the given database, in development with the development
    /// provider and the demo: for tests and benchmarks.
    pub fn with_database(database_url: &str) -> Config {
        let mut config: Config = Figment::new().extract().expect("defaults are complete");
        config.database_url = database_url.into();
        config.environment = Environment::Development;
        config.dev_idp = true;
        config.seed_demo = true;
        // The integration tests make their own contacts and count them.
        config.seed_demo_contacts = false;
        config.payment_provider = PaymentProviderKind::Test;
        config
    }

    /// The copy of residents' cases from a ZGW case system, when
    /// `zgw_zaken_url` is set; the other settings it needs missing is a
    /// configuration error.
    pub fn case_sync(&self) -> anyhow::Result<Option<app::backend::service::case_sync::CaseSync>> {
        use app::backend::zgw::{Settings, Zgw};
        let Some(zaken_url) = self.zgw_zaken_url.clone().filter(|u| !u.is_empty()) else { return Ok(None) };
        let needed = |value: &Option<String>, name: &str| value.clone().filter(|v| !v.is_empty()).ok_or_else(|| anyhow::anyhow!("LOKET_ZGW_ZAKEN_URL is set, so {name} is needed too"));
        let settings = Settings {
            zaken_url,
            catalogi_url: needed(&self.zgw_catalogi_url, "LOKET_ZGW_CATALOGI_URL")?,
            documenten_url: needed(&self.zgw_documenten_url, "LOKET_ZGW_DOCUMENTEN_URL")?,
            notificaties_url: self.zgw_notificaties_url.clone().filter(|u| !u.is_empty()),
            client_id: needed(&self.zgw_client_id, "LOKET_ZGW_CLIENT_ID")?,
            secret: needed(&self.zgw_secret.as_ref().map(|s| s.expose_secret().to_string()), "LOKET_ZGW_SECRET")?,
            timeout: std::time::Duration::from_secs(self.zgw_timeout_seconds.max(1)),
        };
        let notification_auth = self.zgw_notification_auth.as_ref().map(|s| s.expose_secret().to_string()).unwrap_or_default();
        if settings.notificaties_url.is_some() && notification_auth.is_empty() {
            anyhow::bail!("LOKET_ZGW_NOTIFICATIES_URL is set, so LOKET_ZGW_NOTIFICATION_AUTH is needed too (what notifications must carry)");
        }
        let document_confidentiality = app::model::staff_member::Confidentiality::from_code(&self.zgw_document_confidentiality)
            .ok_or_else(|| anyhow::anyhow!("LOKET_ZGW_DOCUMENT_CONFIDENTIALITY: `{}` is not a vertrouwelijkheidaanduiding", self.zgw_document_confidentiality))?;
        let uploads = match (self.zgw_rsin.clone().filter(|r| !r.is_empty()), self.zgw_upload_document_type.clone().filter(|t| !t.is_empty())) {
            (Some(bronorganisatie), Some(document_type)) => Some(app::backend::service::case_sync::Uploads { bronorganisatie, document_type }),
            (None, None) => None,
            _ => anyhow::bail!("LOKET_ZGW_RSIN and LOKET_ZGW_UPLOAD_DOCUMENT_TYPE go together"),
        };
        Ok(Some(app::backend::service::case_sync::CaseSync { zgw: std::sync::Arc::new(Zgw::new(settings)), document_confidentiality, notification_auth, uploads }))
    }

    /// Where Loket publishes its own events, when `zgw_publish_events`
    /// asks for it: the case system's client when there is one (same
    /// Notificaties API, same credentials), else one for the Notificaties
    /// API alone.
    pub fn publisher(&self, case_sync: Option<&app::backend::service::case_sync::CaseSync>) -> anyhow::Result<Option<app::backend::service::publication::Publisher>> {
        use app::backend::{service::publication::Publisher, zgw::{Settings, Zgw}};
        if !self.zgw_publish_events {
            return Ok(None);
        }
        let needed = |value: Option<String>, name: &str| value.filter(|v| !v.is_empty()).ok_or_else(|| anyhow::anyhow!("LOKET_ZGW_PUBLISH_EVENTS is on, so {name} is needed too"));
        let notificaties_url = needed(self.zgw_notificaties_url.clone(), "LOKET_ZGW_NOTIFICATIES_URL")?;
        if let Some(sync) = case_sync {
            return Ok(Some(Publisher { zgw: sync.zgw.clone() }));
        }
        let settings = Settings {
            zaken_url: String::new(),
            catalogi_url: String::new(),
            documenten_url: String::new(),
            notificaties_url: Some(notificaties_url),
            client_id: needed(self.zgw_client_id.clone(), "LOKET_ZGW_CLIENT_ID")?,
            secret: needed(self.zgw_secret.as_ref().map(|s| s.expose_secret().to_string()), "LOKET_ZGW_SECRET")?,
            timeout: std::time::Duration::from_secs(self.zgw_timeout_seconds.max(1)),
        };
        Ok(Some(Publisher { zgw: std::sync::Arc::new(Zgw::new(settings)) }))
    }

    /// The Klantinteracties API's clients: (name, token) pairs; a short
    /// token, a name that is not lower-case letters, digits and dashes, or
    /// a name twice is a configuration error.
    pub fn klantinteracties_clients(&self) -> anyhow::Result<Vec<(String, SecretString)>> {
        use app::backend::service::klantinteracties::MIN_TOKEN_LENGTH;
        let Some(all) = &self.klantinteracties_clients else { return Ok(Vec::new()) };
        let mut clients: Vec<(String, SecretString)> = Vec::new();
        for pair in all.expose_secret().split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let Some((name, token)) = pair.split_once(':') else { anyhow::bail!("LOKET_KLANTINTERACTIES_CLIENTS: each client is `name:token`") };
            let name = name.trim();
            if name.is_empty() || !name.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-') || clients.iter().any(|(n, _)| n == name) {
                anyhow::bail!("LOKET_KLANTINTERACTIES_CLIENTS: `{name}` is not a name (lower-case letters, digits, dashes; each once)");
            }
            if token.trim().len() < MIN_TOKEN_LENGTH {
                anyhow::bail!("LOKET_KLANTINTERACTIES_CLIENTS: the token of `{name}` is shorter than {MIN_TOKEN_LENGTH} characters");
            }
            clients.push((name.to_string(), SecretString::from(token.trim().to_string())));
        }
        Ok(clients)
    }

    pub fn database_url(&self) -> &str {
        self.database_url.expose_secret()
    }

    /// The built-in provider's issuer URL, under this server's public address.
    pub fn dev_idp_issuer(&self) -> String {
        format!("{}/dev-idp", self.public_url.trim_end_matches('/'))
    }

    /// `scheme://host[:port]` of the public URL, for same-origin checks.
    pub fn public_origin(&self) -> String {
        url::Url::parse(&self.public_url).map(|u| u.origin().ascii_serialization()).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cases_come_from_a_case_system_only_when_it_is_configured_whole() {
        figment::Jail::expect_with(|jail| {
            assert!(Config::load().unwrap().case_sync().unwrap().is_none(), "without a Zaken URL: Loket's own cases");
            jail.set_env("LOKET_ZGW_ZAKEN_URL", "https://zaken.example.nl/zaken/api/v1");
            let missing = Config::load().unwrap().case_sync().err().expect("the rest is needed").to_string();
            assert!(missing.contains("LOKET_ZGW_CATALOGI_URL"), "{missing}");
            jail.set_env("LOKET_ZGW_CATALOGI_URL", "https://zaken.example.nl/catalogi/api/v1");
            jail.set_env("LOKET_ZGW_DOCUMENTEN_URL", "https://zaken.example.nl/documenten/api/v1");
            jail.set_env("LOKET_ZGW_CLIENT_ID", "loket");
            jail.set_env("LOKET_ZGW_SECRET", "geheim");
            let sync = Config::load().unwrap().case_sync().unwrap().expect("configured");
            assert!(sync.uploads.is_none(), "documents stay in Loket without RSIN and document type");
            assert_eq!(sync.document_confidentiality, app::model::staff_member::Confidentiality::Zaakvertrouwelijk);
            jail.set_env("LOKET_ZGW_NOTIFICATIES_URL", "https://notificaties.example.nl/api/v1");
            assert!(Config::load().unwrap().case_sync().is_err(), "a subscription needs the auth notifications must carry");
            jail.set_env("LOKET_ZGW_NOTIFICATION_AUTH", "Token abc");
            jail.set_env("LOKET_ZGW_RSIN", "002220647");
            assert!(Config::load().unwrap().case_sync().is_err(), "RSIN and document type go together");
            jail.set_env("LOKET_ZGW_UPLOAD_DOCUMENT_TYPE", "https://zaken.example.nl/catalogi/api/v1/informatieobjecttypen/1");
            jail.set_env("LOKET_ZGW_DOCUMENT_CONFIDENTIALITY", "geheimzinnig");
            assert!(Config::load().unwrap().case_sync().is_err(), "an unknown confidentiality is refused");
            jail.set_env("LOKET_ZGW_DOCUMENT_CONFIDENTIALITY", "openbaar");
            let sync = Config::load().unwrap().case_sync().unwrap().unwrap();
            assert_eq!(sync.uploads.expect("documents go to the Documenten API").bronorganisatie, "002220647", "the RSIN keeps its leading zeros");
            assert!(!format!("{:?}", Config::load().unwrap()).contains("geheim\""), "the secret prints redacted");
            Ok(())
        });
    }

    #[test]
    fn klantinteracties_clients_are_named_pairs_with_long_tokens() {
        figment::Jail::expect_with(|jail| {
            assert!(Config::load().unwrap().klantinteracties_clients().unwrap().is_empty(), "none: the API refuses everyone");
            let long = "t".repeat(32);
            jail.set_env("LOKET_KLANTINTERACTIES_CLIENTS", format!("kiss:{long}, data-warehouse:{long}x"));
            let clients = Config::load().unwrap().klantinteracties_clients().unwrap();
            let names: Vec<&str> = clients.iter().map(|(n, _)| n.as_str()).collect();
            assert_eq!(names, ["kiss", "data-warehouse"]);
            assert_eq!(clients[1].1.expose_secret(), format!("{long}x"));
            for wrong in [format!("kiss:{}", "t".repeat(31)), long.clone(), format!("Kiss:{long}"), format!("kiss:{long},kiss:{long}"), format!(":{long}")] {
                jail.set_env("LOKET_KLANTINTERACTIES_CLIENTS", &wrong);
                assert!(Config::load().unwrap().klantinteracties_clients().is_err(), "{wrong}");
            }
            Ok(())
        });
    }

    #[test]
    fn a_forgotten_variable_means_production_without_demo_or_development_provider() {
        figment::Jail::expect_with(|_| {
            let c = Config::load().map_err(|e| e.to_string())?;
            assert_eq!(c.listen, default_listen());
            assert_eq!(c.database_url(), "sqlite://data/loket.db");
            assert_eq!(c.environment, Environment::Production);
            assert!(!c.dev_idp && !c.seed_demo);
            assert_eq!(c.payment_provider, PaymentProviderKind::None);
            assert_eq!(c.min_loa, Loa::Midden);
            Ok(())
        });
    }

    #[test]
    fn numbers_in_the_environment_stay_the_text_they_were() {
        figment::Jail::expect_with(|jail| {
            jail.set_env("LOKET_TWILIO_FROM", "+3197010501234");
            jail.set_env("LOKET_WHATSAPP_PHONE_NUMBER_ID", "106540352242922");
            jail.set_env("LOKET_TWILIO_AUTH_TOKEN", "12345");
            let c = Config::load().map_err(|e| e.to_string())?;
            assert_eq!(c.twilio_from.as_deref(), Some("+3197010501234"));
            assert_eq!(c.whatsapp_phone_number_id.as_deref(), Some("106540352242922"));
            assert_eq!(c.twilio_auth_token.as_ref().map(|t| t.expose_secret().to_string()).as_deref(), Some("12345"));
            jail.set_env("LOKET_TWILIO_FROM", "MG9752274e9e519418a7406176694466fa");
            let c = Config::load().map_err(|e| e.to_string())?;
            assert_eq!(c.twilio_from.as_deref(), Some("MG9752274e9e519418a7406176694466fa"));
            Ok(())
        });
    }

    #[test]
    fn environment_overrides_file_and_file_overrides_defaults() {
        figment::Jail::expect_with(|jail| {
            jail.create_file("loket.toml", "log_format = \"json\"\nlisten = \"0.0.0.0:8080\"")?;
            jail.set_env("LOKET_LISTEN", "127.0.0.1:4000");
            jail.set_env("DATABASE_URL", "postgres://loket:geheim@db/loket");
            let c = Config::load().map_err(|e| e.to_string())?;
            assert_eq!(c.log_format, LogFormat::Json);
            assert_eq!(c.listen.port(), 4000);
            assert_eq!(c.database_url(), "postgres://loket:geheim@db/loket");
            Ok(())
        });
    }

    #[test]
    fn secrets_never_appear_in_debug_output() {
        let c = Config::with_database("postgres://loket:geheim@db/loket");
        let printed = format!("{c:?}");
        assert!(!printed.contains("geheim"), "{printed}");
    }

    #[test]
    fn a_named_config_file_that_is_missing_is_an_error() {
        figment::Jail::expect_with(|jail| {
            jail.set_env("LOKET_CONFIG", "does-not-exist.toml");
            assert!(Config::load().is_err());
            Ok(())
        });
    }
}
