//! The municipality's ZGW APIs: Zaken, Catalogi and Documenten to read
//! residents' cases from, the Notificaties API to subscribe at. One HTTP
//! client signs every request with a ZGW JWT (HS256 over the client id,
//! with the secret the case system gave Loket), reads resources and every
//! page of a list, and streams document contents. It only calls URLs under
//! the configured APIs, whatever a notification or an answer names, and
//! its errors never carry a URL (a list's query holds a BSN).

pub mod resource;

use std::time::Duration;

use base64::Engine;
use hmac::{Hmac, Mac};
use serde::de::DeserializeOwned;
use time::OffsetDateTime;

use resource::{Abonnement, InformatieObject, Notificatie, Page, Rol, Status, StatusType, Zaak, ZaakInformatieObject, ZaakType};

/// Where the APIs are and how Loket signs in to them.
#[derive(Clone, Debug)]
pub struct Settings {
    /// e.g. `https://zaken.example.nl/zaken/api/v1`
    pub zaken_url: String,
    pub catalogi_url: String,
    pub documenten_url: String,
    /// The Notificaties API to subscribe at; `None`: no subscription (the reconciliation alone keeps up).
    pub notificaties_url: Option<String>,
    pub client_id: String,
    pub secret: String,
    /// Per request, connecting included.
    pub timeout: Duration,
}

#[derive(Debug, thiserror::Error)]
pub enum ZgwError {
    /// No answer in time, or no connection: try again later.
    #[error("the case system did not answer ({0})")]
    Unreachable(&'static str),
    /// It answered 404 or 410: the object is gone.
    #[error("the case system no longer has the {0}")]
    Gone(&'static str),
    #[error("the case system answered {status} for the {what}")]
    Refused { what: &'static str, status: u16 },
    #[error("the case system's answer for the {0} was unreadable")]
    Unreadable(&'static str),
    /// A URL outside the configured APIs: never called.
    #[error("a URL outside the configured APIs ({0})")]
    Foreign(&'static str),
}

/// A list is read to this many pages at most (100 results each in Open Zaak).
const MAX_PAGES: usize = 50;
/// The largest JSON answer read (a page of 100 cases is about 200 KB).
const MAX_ANSWER_BYTES: usize = 8 * 1024 * 1024;

pub struct Zgw {
    http: reqwest::Client,
    settings: Settings,
}

impl Zgw {
    pub fn new(mut settings: Settings) -> Zgw {
        // As `owns` compares them: normalised (host in lower case, default port left out), no trailing slash.
        let normal = |url: &mut String| {
            let parsed = url::Url::parse(url).map(String::from).unwrap_or_else(|_| url.clone());
            *url = parsed.trim_end_matches('/').to_string();
        };
        for url in [&mut settings.zaken_url, &mut settings.catalogi_url, &mut settings.documenten_url] {
            normal(url);
        }
        if let Some(url) = settings.notificaties_url.as_mut() {
            normal(url);
        }
        // A call has `timeout` in all; a download, whose contents may take
        // longer, has it between two pieces (`read_timeout`).
        let http = reqwest::Client::builder()
            .read_timeout(settings.timeout)
            .connect_timeout(settings.timeout.min(Duration::from_secs(3)))
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .expect("a TLS client");
        Zgw { http, settings }
    }

    /// The bearer token: a ZGW JWT, signed with HS256, valid for this moment.
    pub fn token(&self, now: OffsetDateTime) -> String {
        let b64 = base64::engine::general_purpose::URL_SAFE_NO_PAD;
        let header = b64.encode(br#"{"alg":"HS256","typ":"JWT"}"#);
        let claims = serde_json::json!({
            "iss": self.settings.client_id,
            "iat": now.unix_timestamp(),
            "client_id": self.settings.client_id,
            "user_id": "loket",
            "user_representation": "Loket",
        });
        let payload = b64.encode(claims.to_string());
        let mut mac = Hmac::<sha2::Sha256>::new_from_slice(self.settings.secret.as_bytes()).expect("HMAC takes any key");
        mac.update(format!("{header}.{payload}").as_bytes());
        format!("{header}.{payload}.{}", b64.encode(mac.finalize().into_bytes()))
    }

    /// Whether `url` is under one of the configured APIs (and so may be
    /// called): compared as it would be requested, dot segments resolved.
    pub fn owns(&self, url: &str) -> bool {
        let Ok(parsed) = url::Url::parse(url) else { return false };
        let s = &self.settings;
        [Some(&s.zaken_url), Some(&s.catalogi_url), Some(&s.documenten_url), s.notificaties_url.as_ref()]
            .into_iter()
            .flatten()
            .any(|base| parsed.as_str().strip_prefix(base.as_str()).is_some_and(|rest| rest.starts_with('/')))
    }

    fn request(&self, method: reqwest::Method, url: &str, what: &'static str) -> Result<reqwest::RequestBuilder, ZgwError> {
        Ok(self.streaming(method, url, what)?.timeout(self.settings.timeout))
    }

    /// A request without a limit on the whole (only between pieces), for contents.
    fn streaming(&self, method: reqwest::Method, url: &str, what: &'static str) -> Result<reqwest::RequestBuilder, ZgwError> {
        if !self.owns(url) {
            return Err(ZgwError::Foreign(what));
        }
        Ok(self
            .http
            .request(method, url)
            .bearer_auth(self.token(OffsetDateTime::now_utc()))
            .header("Accept-Crs", "EPSG:4326")
            .header("Content-Crs", "EPSG:4326"))
    }

    async fn send(&self, request: reqwest::RequestBuilder, what: &'static str) -> Result<reqwest::Response, ZgwError> {
        let response = request.send().await.map_err(|e| ZgwError::Unreachable(if e.is_timeout() { "timeout" } else { what }))?;
        match response.status().as_u16() {
            200..=299 => Ok(response),
            404 | 410 => Err(ZgwError::Gone(what)),
            status => Err(ZgwError::Refused { what, status }),
        }
    }

    /// An answer read up to [`MAX_ANSWER_BYTES`]; a larger one is unreadable.
    async fn json<T: DeserializeOwned>(mut response: reqwest::Response, what: &'static str) -> Result<T, ZgwError> {
        let mut bytes = Vec::new();
        while let Some(chunk) = response.chunk().await.map_err(|_| ZgwError::Unreachable(what))? {
            if bytes.len() + chunk.len() > MAX_ANSWER_BYTES {
                return Err(ZgwError::Unreadable(what));
            }
            bytes.extend_from_slice(&chunk);
        }
        serde_json::from_slice(&bytes).map_err(|_| ZgwError::Unreadable(what))
    }

    /// One resource by its URL.
    pub async fn get<T: DeserializeOwned>(&self, url: &str, what: &'static str) -> Result<T, ZgwError> {
        let response = self.send(self.request(reqwest::Method::GET, url, what)?, what).await?;
        Self::json(response, what).await
    }

    /// Every page of a list, following `next` (each page's URL checked like any other).
    pub async fn list<T: DeserializeOwned>(&self, url: &str, what: &'static str) -> Result<Vec<T>, ZgwError> {
        self.pages(url, None, what).await
    }

    /// Every page from `first`, following `next`: read with GET, or, with a
    /// `search` body, with a POST of that body for each page.
    async fn pages<T: DeserializeOwned>(&self, first: &str, search: Option<&serde_json::Value>, what: &'static str) -> Result<Vec<T>, ZgwError> {
        let (mut all, mut next) = (Vec::new(), Some(first.to_string()));
        for _ in 0..MAX_PAGES {
            let Some(url) = next.take() else { return Ok(all) };
            let request = match search {
                None => self.request(reqwest::Method::GET, &url, what)?,
                Some(body) => self.request(reqwest::Method::POST, &url, what)?.json(body),
            };
            let page: Page<T> = Self::json(self.send(request, what).await?, what).await?;
            all.extend(page.results);
            next = page.next.filter(|n| !n.is_empty());
        }
        match next {
            None => Ok(all),
            Some(_) => Err(ZgwError::Unreadable(what)),
        }
    }

    fn with_query(base: &str, path: &str, key: &str, value: &str) -> String {
        let mut url = url::Url::parse(&format!("{base}{path}")).expect("a configured base URL");
        url.query_pairs_mut().append_pair(key, value);
        url.into()
    }

    /// The cases in which a natural person with this BSN has a role. Asked
    /// with a POST to `/zaken/_zoek`, so the BSN is in the body, never in a
    /// URL (and so in no access log); every page with the same body.
    pub async fn zaken_of(&self, bsn: &str) -> Result<Vec<Zaak>, ZgwError> {
        let search = serde_json::json!({ "rol__betrokkeneIdentificatie__natuurlijkPersoon__inpBsn": bsn });
        self.pages(&format!("{}/zaken/_zoek", self.settings.zaken_url), Some(&search), "cases of a resident").await
    }

    pub async fn zaak(&self, url: &str) -> Result<Zaak, ZgwError> {
        self.get(url, "case").await
    }

    pub async fn zaaktype(&self, url: &str) -> Result<ZaakType, ZgwError> {
        self.get(url, "case type").await
    }

    pub async fn statustypen(&self, zaaktype: &str) -> Result<Vec<StatusType>, ZgwError> {
        self.list(&Self::with_query(&self.settings.catalogi_url, "/statustypen", "zaaktype", zaaktype), "status types").await
    }

    pub async fn statussen(&self, zaak: &str) -> Result<Vec<Status>, ZgwError> {
        self.list(&Self::with_query(&self.settings.zaken_url, "/statussen", "zaak", zaak), "statuses").await
    }

    pub async fn rollen(&self, zaak: &str) -> Result<Vec<Rol>, ZgwError> {
        self.list(&Self::with_query(&self.settings.zaken_url, "/rollen", "zaak", zaak), "roles").await
    }

    /// The documents linked to a case (Zaken API answers this list unpaginated).
    pub async fn zaakinformatieobjecten(&self, zaak: &str) -> Result<Vec<ZaakInformatieObject>, ZgwError> {
        let url = Self::with_query(&self.settings.zaken_url, "/zaakinformatieobjecten", "zaak", zaak);
        let response = self.send(self.request(reqwest::Method::GET, &url, "case documents")?, "case documents").await?;
        Self::json(response, "case documents").await
    }

    pub async fn informatieobject(&self, url: &str) -> Result<InformatieObject, ZgwError> {
        self.get(url, "document").await
    }

    /// A document's contents as they arrive, not read whole: the caller streams them on.
    pub async fn download(&self, informatieobject: &str) -> Result<reqwest::Response, ZgwError> {
        let url = format!("{}/download", informatieobject.trim_end_matches('/'));
        self.send(self.streaming(reqwest::Method::GET, &url, "document contents")?, "document contents").await
    }

    /// Stores a document in the Documenten API (an enkelvoudiginformatieobject,
    /// contents inline as base64) and links it to the case; its URL.
    pub async fn add_document(&self, zaak: &str, new: &resource::NewDocument<'_>) -> Result<String, ZgwError> {
        let url = format!("{}/enkelvoudiginformatieobjecten", self.settings.documenten_url);
        let body = serde_json::json!({
            "bronorganisatie": new.bronorganisatie,
            "creatiedatum": new.created_on,
            "titel": new.title,
            "auteur": new.author,
            "taal": "nld",
            "bestandsnaam": new.file_name,
            "formaat": new.content_type,
            "inhoud": base64::engine::general_purpose::STANDARD.encode(new.bytes),
            "informatieobjecttype": new.document_type,
            "vertrouwelijkheidaanduiding": new.confidentiality,
            "status": "definitief",
            "indicatieGebruiksrecht": false,
        });
        let response = self.send(self.request(reqwest::Method::POST, &url, "new document")?.json(&body), "new document").await?;
        let created: resource::Created = Self::json(response, "new document").await?;
        let link = serde_json::json!({ "informatieobject": created.url, "zaak": zaak });
        let url = format!("{}/zaakinformatieobjecten", self.settings.zaken_url);
        self.send(self.request(reqwest::Method::POST, &url, "document link")?.json(&link), "document link").await?;
        Ok(created.url)
    }

    /// Makes sure the Notificaties API sends the `zaken` and `documenten`
    /// channels to `callback_url`, with `auth` in its Authorization header:
    /// subscribes when no subscription for that URL is there, and brings
    /// one up to date whose `auth` or channels differ (after the secret
    /// was changed, say). `false` when no Notificaties API is configured.
    pub async fn subscribe(&self, callback_url: &str, auth: &str) -> Result<bool, ZgwError> {
        let Some(base) = self.settings.notificaties_url.as_deref() else { return Ok(false) };
        let url = format!("{base}/abonnement");
        let response = self.send(self.request(reqwest::Method::GET, &url, "subscriptions")?, "subscriptions").await?;
        let existing: Vec<Abonnement> = Self::json(response, "subscriptions").await?;
        let body = serde_json::json!({
            "callbackUrl": callback_url,
            "auth": auth,
            "kanalen": [{"naam": "zaken", "filters": {}}, {"naam": "documenten", "filters": {}}],
        });
        let ours = existing.iter().find(|a| a.callback_url == callback_url);
        match ours {
            Some(a) if a.auth == auth && ["zaken", "documenten"].iter().all(|k| a.kanalen.iter().any(|c| c.naam == *k)) => {}
            Some(a) => {
                self.send(self.request(reqwest::Method::PUT, &a.url, "subscription")?.json(&body), "subscription").await?;
            }
            None => {
                self.send(self.request(reqwest::Method::POST, &url, "subscription")?.json(&body), "subscription").await?;
            }
        }
        Ok(true)
    }
}

impl Zgw {
    /// Makes sure the Notificaties API has the kanaal Loket publishes on
    /// (`naam`, with the kenmerken subscribers may filter on); `false`
    /// when no Notificaties API is configured.
    pub async fn ensure_kanaal(&self, naam: &str, documentation: &str, filters: &[&str]) -> Result<bool, ZgwError> {
        let Some(base) = self.settings.notificaties_url.as_deref() else { return Ok(false) };
        let url = Self::with_query(base, "/kanaal", "naam", naam);
        let response = self.send(self.request(reqwest::Method::GET, &url, "channels")?, "channels").await?;
        let existing: Vec<resource::Kanaal> = Self::json(response, "channels").await?;
        if !existing.iter().any(|k| k.naam == naam) {
            let body = serde_json::json!({ "naam": naam, "documentatieLink": documentation, "filters": filters });
            let url = format!("{base}/kanaal");
            self.send(self.request(reqwest::Method::POST, &url, "channel")?.json(&body), "channel").await?;
        }
        Ok(true)
    }

    /// Hands one notification to the Notificaties API, which sends it on
    /// to every subscriber; `false` when no Notificaties API is configured.
    pub async fn publish(&self, notificatie: &Notificatie) -> Result<bool, ZgwError> {
        let Some(base) = self.settings.notificaties_url.as_deref() else { return Ok(false) };
        let url = format!("{base}/notificaties");
        self.send(self.request(reqwest::Method::POST, &url, "notification")?.json(notificatie), "notification").await?;
        Ok(true)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn zgw() -> Zgw {
        Zgw::new(Settings {
            zaken_url: "https://Zaken.Example.nl:443/zaken/api/v1/".into(),
            catalogi_url: "https://zaken.example.nl/catalogi/api/v1".into(),
            documenten_url: "https://zaken.example.nl/documenten/api/v1".into(),
            notificaties_url: None,
            client_id: "loket".into(),
            secret: "geheim".into(),
            timeout: Duration::from_secs(2),
        })
    }

    #[test]
    fn only_urls_under_the_configured_apis_are_called() {
        let zgw = zgw();
        assert!(zgw.owns("https://zaken.example.nl/zaken/api/v1/zaken/1"));
        assert!(zgw.owns("https://zaken.example.nl/catalogi/api/v1/zaaktypen/1"));
        for foreign in [
            "https://zaken.example.nl/zaken/api/v1",
            "https://zaken.example.nl/zaken/api/v1.evil/zaken",
            "https://zaken.example.nl.evil.com/zaken/api/v1/zaken/1",
            "https://zaken.example.nl/admin/",
            "http://169.254.169.254/latest/meta-data",
            "https://zaken.example.nl/zaken/api/v1/../../admin/",
            "https://zaken.example.nl/zaken/api/v1/%2e%2e/%2e%2e/admin/",
            "https://user@zaken.example.nl/zaken/api/v1/zaken/1",
        ] {
            assert!(!zgw.owns(foreign), "{foreign}");
        }
    }

    #[test]
    fn the_token_is_an_hs256_jwt_over_the_client_id() {
        let token = zgw().token(OffsetDateTime::from_unix_timestamp(1_800_000_000).unwrap());
        let parts: Vec<&str> = token.split('.').collect();
        assert_eq!(parts.len(), 3);
        let b64 = base64::engine::general_purpose::URL_SAFE_NO_PAD;
        let claims: serde_json::Value = serde_json::from_slice(&b64.decode(parts[1]).unwrap()).unwrap();
        assert_eq!(claims["client_id"], "loket");
        assert_eq!(claims["iss"], "loket");
        assert_eq!(claims["iat"], 1_800_000_000);
        let mut mac = Hmac::<sha2::Sha256>::new_from_slice(b"geheim").unwrap();
        mac.update(format!("{}.{}", parts[0], parts[1]).as_bytes());
        mac.verify_slice(&b64.decode(parts[2]).unwrap()).expect("signed with the secret");
    }
}
