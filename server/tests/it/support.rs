//! `TestApp`: Loket built exactly as `main` builds it, on a scratch
//! database, with a test clock; `MailServer`: a real SMTP server (aiosmtpd)
//! that keeps what it receives in a maildir.

use std::sync::Arc;

use app::backend::{
    clock::{Clock, TestClock},
    db::{scratch::ScratchDb, DbKind},
    service::notice::Outbox,
};
use axum::{
    body::Body,
    http::{HeaderMap, Request, StatusCode},
    Router,
};
use http_body_util::BodyExt;
use server::{config::Config, startup};
use tower::ServiceExt;

pub struct TestApp {
    pub router: Router,
    pub metrics_router: Router,
    pub state: server::state::ServerState,
    pub clock: Arc<TestClock>,
    /// Delivers queued notices when a test runs a round.
    pub outbox: Arc<Outbox>,
    /// The built-in provider, which tests can make misbehave.
    pub dev_idp: Arc<server::http::dev_idp::DevIdp>,
    /// `http://127.0.0.1:<port>`: the app also listens on a real port, so
    /// its OIDC client reaches the provider over HTTP as in production.
    pub base_url: String,
    pub documents_dir: String,
    /// Exactly what this app was built from (a second node reuses it).
    pub config: Config,
    /// The database; `None` on a second node, which shares the first one's.
    _scratch: Option<ScratchDb>,
}

impl Drop for TestApp {
    fn drop(&mut self) {
        if self._scratch.is_some() {
            let _ = std::fs::remove_dir_all(&self.documents_dir);
        }
    }
}

/// With `LOKET_TEST_LOG=<file>` (and `RUST_LOG` as filter), what every
/// test's apps do goes to that file, each line with the test's name (its
/// thread): a test that hangs shows its last request and query.
fn trace_to_file() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    let Ok(path) = std::env::var("LOKET_TEST_LOG") else { return };
    ONCE.call_once(|| {
        let file = std::fs::File::create(&path).expect("create LOKET_TEST_LOG");
        let _ = tracing_subscriber::fmt()
            .with_env_filter(tracing_subscriber::EnvFilter::from_default_env())
            .with_thread_names(true)
            .with_ansi(false)
            .with_writer(std::sync::Mutex::new(file))
            .try_init();
    });
}

pub struct TestResponse {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: String,
    /// The body as it came (compressed, when it was).
    pub bytes: axum::body::Bytes,
}

impl TestResponse {
    pub fn header(&self, name: &str) -> &str {
        self.headers.get(name).and_then(|v| v.to_str().ok()).unwrap_or("")
    }
}

impl TestApp {
    pub async fn new(kind: DbKind) -> TestApp {
        TestApp::with_config(kind, |_| {}).await
    }

    /// A test app whose configuration the test adjusts first.
    pub async fn with_config(kind: DbKind, adjust: impl FnOnce(&mut Config)) -> TestApp {
        trace_to_file();
        let scratch = match kind {
            DbKind::Sqlite => ScratchDb::sqlite().await,
            DbKind::Postgres => ScratchDb::postgres().await,
        };
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind a test port");
        let base_url = format!("http://{}", listener.local_addr().unwrap());
        let mut config = Config::with_database(&scratch.url());
        config.site_hash_files = false;
        config.site_root = concat!(env!("CARGO_MANIFEST_DIR"), "/../public").into();
        config.public_url = base_url.clone();
        config.documents_dir = std::env::temp_dir().join(format!("loket-documents-{}", uuid::Uuid::new_v4().simple())).display().to_string();
        adjust(&mut config);
        let clock = Arc::new(TestClock::new(time::macros::datetime!(2026-11-23 09:00 UTC)));
        TestApp::start(config, clock, Some(scratch), listener).await
    }

    /// Another Loket node on the same database (and documents), as when
    /// several run behind a load balancer; it has its own clock and port.
    pub async fn second_node(&self) -> TestApp {
        self.second_node_with(|_| {}).await
    }

    /// [`second_node`](Self::second_node), its configuration adjusted first.
    pub async fn second_node_with(&self, adjust: impl FnOnce(&mut Config)) -> TestApp {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind a test port");
        let mut config = self.config.clone();
        adjust(&mut config);
        config.public_url = format!("http://{}", listener.local_addr().unwrap());
        config.seed_demo = false;
        let clock = Arc::new(TestClock::new(self.clock.now()));
        TestApp::start(config, clock, None, listener).await
    }

    async fn start(config: Config, clock: Arc<TestClock>, scratch: Option<ScratchDb>, listener: tokio::net::TcpListener) -> TestApp {
        let base_url = config.public_url.clone();
        let loket = startup::build(&config, clock.clone()).await.expect("build Loket");
        let served = loket.router.clone();
        tokio::spawn(async move { axum::serve(listener, served).await });
        TestApp {
            router: loket.router,
            metrics_router: loket.metrics_router,
            state: loket.state,
            clock,
            outbox: loket.outbox,
            dev_idp: loket.dev_idp.expect("tests run with the development provider"),
            base_url,
            documents_dir: config.documents_dir.clone(),
            config,
            _scratch: scratch,
        }
    }

    /// A browser with its own cookie jar.
    pub fn browser(&self) -> Browser<'_> {
        Browser { app: self, cookies: std::collections::BTreeMap::new(), page: None }
    }

    pub fn db(&self) -> &app::backend::db::Db {
        &self.state.app.db
    }

    pub async fn request(&self, router: &Router, req: Request<Body>) -> TestResponse {
        let res = router.clone().oneshot(req).await.expect("router never fails");
        let status = res.status();
        let headers = res.headers().clone();
        let bytes = res.into_body().collect().await.expect("read body").to_bytes();
        TestResponse { status, headers, body: String::from_utf8_lossy(&bytes).into_owned(), bytes }
    }

    pub async fn get(&self, path: &str) -> TestResponse {
        self.get_with(path, &[]).await
    }

    pub async fn get_with(&self, path: &str, headers: &[(&str, &str)]) -> TestResponse {
        let mut req = Request::get(path);
        for (name, value) in headers {
            req = req.header(*name, *value);
        }
        self.request(&self.router, req.body(Body::empty()).unwrap()).await
    }

    /// Calls a server function the way a browser with JavaScript does.
    pub async fn call(&self, endpoint: &str, form: &str) -> TestResponse {
        let req = Request::post(format!("/api/{endpoint}"))
            .header("content-type", "application/x-www-form-urlencoded")
            .header("accept", "application/json")
            .body(Body::from(form.to_string()))
            .unwrap();
        self.request(&self.router, req).await
    }
}

/// A browser: keeps cookies between requests, as a real one does.
pub struct Browser<'a> {
    app: &'a TestApp,
    pub cookies: std::collections::BTreeMap<String, String>,
    /// The last page fetched: forms post from it (the `Referer`).
    page: Option<String>,
}

impl Browser<'_> {
    fn path_of(&self, url: &str) -> String {
        url.strip_prefix(&self.app.base_url).unwrap_or(url).to_string()
    }

    async fn send(&mut self, req: axum::http::request::Builder, body: Body) -> TestResponse {
        let cookie = self.cookies.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join("; ");
        let req = if cookie.is_empty() { req } else { req.header("cookie", cookie) };
        let res = self.app.request(&self.app.router, req.body(body).unwrap()).await;
        for set in res.headers.get_all("set-cookie") {
            let set = set.to_str().unwrap();
            let (pair, attrs) = set.split_once(';').unwrap_or((set, ""));
            let (name, value) = pair.split_once('=').unwrap();
            if attrs.contains("Max-Age=0") || value.is_empty() {
                self.cookies.remove(name);
            } else {
                self.cookies.insert(name.to_string(), value.to_string());
            }
        }
        res
    }

    pub async fn get(&mut self, url: &str) -> TestResponse {
        let path = self.path_of(url);
        self.page = Some(path.clone());
        self.send(Request::get(path), Body::empty()).await
    }

    /// A form post as a browser sends it from this site's own page.
    pub async fn post_form(&mut self, url: &str, form: &[(&str, &str)]) -> TestResponse {
        self.post_form_from(url, form, &self.app.base_url.clone()).await
    }

    pub async fn post_form_from(&mut self, url: &str, form: &[(&str, &str)], origin: &str) -> TestResponse {
        let path = self.path_of(url);
        let body = url::form_urlencoded::Serializer::new(String::new()).extend_pairs(form).finish();
        let mut req = Request::post(path)
            .header("content-type", "application/x-www-form-urlencoded")
            .header("accept", "text/html")
            .header("origin", origin);
        if let Some(page) = &self.page {
            req = req.header("referer", format!("{}{page}", self.app.base_url));
        }
        self.send(req, Body::from(body)).await
    }

    /// Sends a multipart form with one file, as a browser does for `<input type=file>`.
    pub async fn post_file(&mut self, url: &str, fields: &[(&str, &str)], file_name: &str, bytes: &[u8]) -> TestResponse {
        self.post_files(url, fields, &[(file_name, bytes)]).await
    }

    /// Sends a multipart form with any number of files in the field `file`.
    pub async fn post_files(&mut self, url: &str, fields: &[(&str, &str)], files: &[(&str, &[u8])]) -> TestResponse {
        let boundary = "----loket-test-boundary";
        let mut body = Vec::new();
        for (name, value) in fields {
            body.extend_from_slice(format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n").as_bytes());
        }
        for (file_name, bytes) in files {
            body.extend_from_slice(
                format!("--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{file_name}\"\r\nContent-Type: application/octet-stream\r\n\r\n").as_bytes(),
            );
            body.extend_from_slice(bytes);
            body.extend_from_slice(b"\r\n");
        }
        body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
        let req = Request::post(self.path_of(url))
            .header("content-type", format!("multipart/form-data; boundary={boundary}"))
            .header("origin", self.app.base_url.clone());
        self.send(req, Body::from(body)).await
    }

    /// Calls a server function with this browser's cookies, as the page's JavaScript does.
    pub async fn call(&mut self, endpoint: &str, form: &str) -> TestResponse {
        let req = Request::post(format!("/api/{endpoint}"))
            .header("content-type", "application/x-www-form-urlencoded")
            .header("accept", "application/json");
        self.send(req, Body::from(form.to_string())).await
    }

    /// Starts a login and lets the provider send back a callback URL, without following it.
    pub async fn login_until_callback(&mut self, audience: &str, person: &str, loa: &str, next: &str) -> String {
        let start = self.get(&format!("/auth/{audience}/login?next={next}")).await;
        assert_eq!(start.status, 303, "login start: {}", start.body);
        let authorize = start.header("location").to_string();
        let page = self.get(&authorize).await;
        assert_eq!(page.status, 200, "authorize page: {}", page.body);
        let query: std::collections::HashMap<String, String> =
            url::Url::parse(&authorize).unwrap().query_pairs().into_owned().collect();
        let field = |k: &str| query.get(k).cloned().unwrap_or_default();
        let (client_id, redirect_uri, state, nonce, challenge) =
            (field("client_id"), field("redirect_uri"), field("state"), field("nonce"), field("code_challenge"));
        let consent = self
            .post_form(
                "/dev-idp/authorize",
                &[
                    ("client_id", &client_id),
                    ("redirect_uri", &redirect_uri),
                    ("state", &state),
                    ("nonce", &nonce),
                    ("code_challenge", &challenge),
                    ("person", person),
                    ("loa", loa),
                ],
            )
            .await;
        assert_eq!(consent.status, 303, "consent: {}", consent.body);
        consent.header("location").to_string()
    }

    /// A whole login through the development provider; returns where Loket sent the browser.
    pub async fn login(&mut self, audience: &str, person: &str, loa: &str) -> TestResponse {
        let next = if audience == "staff" { "/staff" } else { "/mijn" };
        let callback = self.login_until_callback(audience, person, loa, next).await;
        self.get(&callback).await
    }
}

/// Secrets the channel tests configure and sign with.
pub const WHATSAPP_APP_SECRET: &str = "appsecret123";
pub const WHATSAPP_VERIFY_TOKEN: &str = "verify-me";
pub const TWILIO_AUTH_TOKEN: &str = "12345";
pub const MAIL_WEBHOOK_SECRET: &str = "mail-secret";
pub const MAIL_REPLY_TO: &str = "vragen@voorbeeld.example";
pub const TELEPHONY_SECRET: &str = "telephony-secret";

/// Points every channel of `config` at local servers: mail at `mail`,
/// WhatsApp's Graph API and Twilio's API at `providers`.
/// The name the test mail gateway gives itself in `Authentication-Results`.
pub const MAIL_GATEWAY: &str = "mx.voorbeeld.example";

pub fn with_channels(config: &mut Config, mail: &MailServer, providers: &FakeProviders) {
    config.smtp_url = Some(mail.url.clone().into());
    config.mail_reply_to = Some(MAIL_REPLY_TO.into());
    config.mail_webhook_secret = Some(MAIL_WEBHOOK_SECRET.into());
    config.mail_authserv_id = Some(MAIL_GATEWAY.into());
    config.whatsapp_api_url = format!("{}/v23.0", providers.url);
    config.whatsapp_phone_number_id = Some("106540352242922".into());
    config.whatsapp_access_token = Some("test-access-token".into());
    config.whatsapp_app_secret = Some(WHATSAPP_APP_SECRET.into());
    config.whatsapp_verify_token = Some(WHATSAPP_VERIFY_TOKEN.into());
    config.twilio_api_url = providers.url.clone();
    config.twilio_account_sid = Some("ACtest".into());
    config.twilio_auth_token = Some(TWILIO_AUTH_TOKEN.into());
    config.twilio_from = Some("+3197010501234".into());
    config.telephony_webhook_secret = Some(TELEPHONY_SECRET.into());
}

/// What a provider's API was asked to send.
#[derive(Clone, Debug)]
pub struct ProviderCall {
    pub path: String,
    pub authorization: String,
    pub body: String,
}

/// The smallest PNG: what the fake Graph API serves as a media file.
pub const FAKE_PNG: &[u8] = &[
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01,
    0x08, 0x06, 0x00, 0x00, 0x00, 0x1f, 0x15, 0xc4, 0x89, 0x00, 0x00, 0x00, 0x0a, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0x00, 0x01, 0x00, 0x00,
    0x05, 0x00, 0x01, 0x0d, 0x0a, 0x2d, 0xb4, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
];

/// Stands in for WhatsApp's Graph API and Twilio's REST API on a local
/// port: records each send and answers as they do, with a fresh id.
pub struct FakeProviders {
    pub url: String,
    calls: Arc<std::sync::Mutex<Vec<ProviderCall>>>,
    /// The media files downloaded, by id, in order.
    downloads: Arc<std::sync::Mutex<Vec<String>>>,
    task: tokio::task::JoinHandle<()>,
}

impl FakeProviders {
    pub async fn start() -> FakeProviders {
        use axum::{extract::State, http::HeaderMap, response::IntoResponse};
        type Calls = Arc<std::sync::Mutex<Vec<ProviderCall>>>;
        type Downloads = Arc<std::sync::Mutex<Vec<String>>>;
        let calls: Calls = Arc::new(std::sync::Mutex::new(Vec::new()));
        let downloads: Downloads = Arc::default();
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        async fn answer(State((calls, base, downloads)): State<(Calls, String, Downloads)>, method: axum::http::Method, uri: axum::http::Uri, headers: HeaderMap, body: String) -> axum::response::Response {
            let path = uri.path().to_string();
            let authorization = headers.get("authorization").and_then(|v| v.to_str().ok()).unwrap_or("").to_string();
            if method == axum::http::Method::GET {
                // Media: the Graph API's lookup gives a short-lived URL, which serves the file.
                if authorization != "Bearer test-access-token" {
                    return axum::http::StatusCode::UNAUTHORIZED.into_response();
                }
                return match path.strip_prefix("/files/") {
                    Some("missing") => axum::http::StatusCode::NOT_FOUND.into_response(),
                    Some(id) => {
                        let earlier = {
                            let mut downloads = downloads.lock().unwrap();
                            downloads.push(id.to_string());
                            downloads.iter().filter(|d| *d == id).count() - 1
                        };
                        // `flaky...` media fail their first download, as a busy CDN does.
                        if id.starts_with("flaky") && earlier == 0 {
                            return axum::http::StatusCode::SERVICE_UNAVAILABLE.into_response();
                        }
                        ([("content-type", "image/png")], FAKE_PNG.to_vec()).into_response()
                    }
                    None => axum::Json(serde_json::json!({ "url": format!("{base}/files/{}", path.rsplit('/').next().unwrap_or("")), "mime_type": "image/png" })).into_response(),
                };
            }
            let n = {
                let mut calls = calls.lock().unwrap();
                calls.push(ProviderCall { path: path.clone(), authorization, body });
                calls.len()
            };
            if path.ends_with("/Messages.json") {
                (axum::http::StatusCode::CREATED, axum::Json(serde_json::json!({ "sid": format!("SMout{n:06}"), "status": "queued" }))).into_response()
            } else {
                axum::Json(serde_json::json!({ "messaging_product": "whatsapp", "messages": [{ "id": format!("wamid.out{n:06}") }] })).into_response()
            }
        }
        let router = Router::new().fallback(answer).with_state((calls.clone(), url.clone(), downloads.clone()));
        let task = tokio::spawn(async move {
            let _ = axum::serve(listener, router).await;
        });
        FakeProviders { url, calls, downloads, task }
    }

    pub fn calls(&self) -> Vec<ProviderCall> {
        self.calls.lock().unwrap().clone()
    }

    /// How often the media file `id` was downloaded.
    pub fn downloads_of(&self, id: &str) -> usize {
        self.downloads.lock().unwrap().iter().filter(|d| *d == id).count()
    }
}

impl Drop for FakeProviders {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// A TCP proxy in front of a real server (PostgreSQL), to take it away
/// and give it back as a restart would: `cut` closes every open
/// connection and refuses new ones; `restore` lets them through again.
pub struct TcpProxy {
    pub port: u16,
    open: Arc<std::sync::atomic::AtomicBool>,
    connections: Arc<std::sync::Mutex<Vec<tokio::task::JoinHandle<()>>>>,
    accepting: tokio::task::JoinHandle<()>,
}

impl TcpProxy {
    pub async fn start(upstream: String) -> TcpProxy {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        let open = Arc::new(std::sync::atomic::AtomicBool::new(true));
        let connections: Arc<std::sync::Mutex<Vec<tokio::task::JoinHandle<()>>>> = Arc::default();
        let (is_open, held) = (open.clone(), connections.clone());
        let accepting = tokio::spawn(async move {
            while let Ok((mut client, _)) = listener.accept().await {
                if !is_open.load(std::sync::atomic::Ordering::SeqCst) {
                    drop(client); // refused, as by a server that is not running
                    continue;
                }
                let upstream = upstream.clone();
                held.lock().unwrap().push(tokio::spawn(async move {
                    if let Ok(mut server) = tokio::net::TcpStream::connect(&upstream).await {
                        let _ = tokio::io::copy_bidirectional(&mut client, &mut server).await;
                    }
                }));
            }
        });
        TcpProxy { port, open, connections, accepting }
    }

    pub fn cut(&self) {
        self.open.store(false, std::sync::atomic::Ordering::SeqCst);
        for connection in self.connections.lock().unwrap().drain(..) {
            connection.abort();
        }
    }

    pub fn restore(&self) {
        self.open.store(true, std::sync::atomic::Ordering::SeqCst);
    }
}

impl Drop for TcpProxy {
    fn drop(&mut self) {
        self.cut();
        self.accepting.abort();
    }
}

/// A real S3-compatible object store for one test: moto's server mode
/// (`script/test` installs it beside aiosmtpd), with one empty bucket.
pub struct ObjectStoreServer {
    child: std::process::Child,
    pub endpoint: String,
    pub bucket: &'static str,
}

impl ObjectStoreServer {
    pub async fn start() -> ObjectStoreServer {
        let python = std::env::var("LOKET_TEST_PYTHON").unwrap_or_else(|_| "python3".into());
        let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let child = std::process::Command::new(&python)
            .args(["-m", "moto.server", "-H", "127.0.0.1", "-p", &port.to_string()])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {python} -m moto.server ({e}): run script/test, or pip install 'moto[server]'"));
        let server = ObjectStoreServer { child, endpoint: format!("http://127.0.0.1:{port}"), bucket: "loket-test" };
        let client = reqwest::Client::new();
        for _ in 0..150 {
            if let Ok(res) = client.put(format!("{}/{}", server.endpoint, server.bucket)).send().await {
                assert!(res.status().is_success(), "creating the bucket: {}", res.status());
                return server;
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        panic!("moto did not start on port {port}: is it installed for {python}? (pip install 'moto[server]')");
    }

    /// Loket's settings for this store.
    pub fn configure(&self, config: &mut Config) {
        config.documents_store = server::config::DocumentsStore::S3;
        config.s3_endpoint = self.endpoint.clone();
        config.s3_bucket = self.bucket.into();
        config.s3_region = "eu-west-1".into();
        config.s3_access_key_id = Some("loket-test".into());
        config.s3_secret_access_key = Some("loket-test-secret".to_string().into());
        config.s3_allow_http = true;
    }

    /// The keys of the objects in the bucket, as the S3 API lists them.
    pub async fn keys(&self) -> Vec<String> {
        let listing = reqwest::get(format!("{}/{}?list-type=2", self.endpoint, self.bucket)).await.unwrap().text().await.unwrap();
        listing.split("<Key>").skip(1).filter_map(|rest| rest.split("</Key>").next()).map(str::to_string).collect()
    }

    /// Stops the store (a fault: it is down).
    pub fn stop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for ObjectStoreServer {
    fn drop(&mut self) {
        self.stop();
    }
}

/// A real SMTP server that hands what it receives to Loket's inbound mail
/// webhook: `script/loket_mail_relay.py` under aiosmtpd, as a mail gateway would.
pub struct MailRelay {
    child: std::process::Child,
    pub port: u16,
}

impl MailRelay {
    pub async fn start(webhook_url: &str) -> MailRelay {
        let python = std::env::var("LOKET_TEST_PYTHON").unwrap_or_else(|_| "python3".into());
        let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let child = std::process::Command::new(&python)
            .env("PYTHONPATH", concat!(env!("CARGO_MANIFEST_DIR"), "/../script"))
            .args(["-m", "aiosmtpd", "-n", "-l", &format!("127.0.0.1:{port}"), "-c", "loket_mail_relay.LoketRelay", webhook_url, MAIL_WEBHOOK_SECRET])
            .stdout(std::process::Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start the mail relay with {python} ({e})"));
        for _ in 0..100 {
            if tokio::net::TcpStream::connect(("127.0.0.1", port)).await.is_ok() {
                return MailRelay { child, port };
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        panic!("the mail relay did not start on port {port}");
    }

    /// Sends a raw message over SMTP, as a resident's mail provider does.
    pub async fn send(&self, from: &str, raw: &str) -> Result<(), String> {
        use lettre::{AsyncSmtpTransport, AsyncTransport, Tokio1Executor};
        let transport = AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous("127.0.0.1").port(self.port).build();
        let envelope = lettre::address::Envelope::new(Some(from.parse().unwrap()), vec![MAIL_REPLY_TO.parse().unwrap()]).unwrap();
        transport.send_raw(&envelope, raw.as_bytes()).await.map(|_| ()).map_err(|e| e.to_string())
    }
}

impl Drop for MailRelay {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The two tests of a module with `async fn run(kind: DbKind)`: one on
/// SQLite, one on PostgreSQL (for test macros that set up more than an app).
macro_rules! on_both_databases {
    () => {
        #[tokio::test]
        async fn sqlite() {
            run(app::backend::db::DbKind::Sqlite).await
        }

        #[tokio::test]
        async fn postgres() {
            run(app::backend::db::DbKind::Postgres).await
        }
    };
}
pub(crate) use on_both_databases;

/// Writes an integration test once and runs it on SQLite and on PostgreSQL.
/// With `|app, mail|` the app sends its mail to a fresh [`MailServer`].
macro_rules! app_test {
    ($name:ident, |$app:ident, $mail:ident, $providers:ident| $body:block) => {
        mod $name {
            #[allow(unused_imports)]
            use super::*;

            async fn run(kind: app::backend::db::DbKind) {
                let $mail = $crate::support::MailServer::start().await;
                let $providers = $crate::support::FakeProviders::start().await;
                let $app = $crate::support::TestApp::with_config(kind, |c| $crate::support::with_channels(c, &$mail, &$providers)).await;
                $body
            }

            $crate::support::on_both_databases!();
        }
    };
    ($name:ident, |$app:ident, $mail:ident| $body:block) => {
        mod $name {
            #[allow(unused_imports)]
            use super::*;

            async fn run(kind: app::backend::db::DbKind) {
                let $mail = $crate::support::MailServer::start().await;
                let url = $mail.url.clone();
                let $app = $crate::support::TestApp::with_config(kind, |c| c.smtp_url = Some(url.into())).await;
                $body
            }

            $crate::support::on_both_databases!();
        }
    };
    ($name:ident, |$app:ident| $body:block) => {
        mod $name {
            #[allow(unused_imports)]
            use super::*;

            #[tokio::test]
            async fn sqlite() {
                let $app = $crate::support::TestApp::new(app::backend::db::DbKind::Sqlite).await;
                $body
            }

            #[tokio::test]
            async fn postgres() {
                let $app = $crate::support::TestApp::new(app::backend::db::DbKind::Postgres).await;
                $body
            }
        }
    };
}
pub(crate) use app_test;

/// A real SMTP server for one test: Python's aiosmtpd with its maildir
/// handler. `script/test` installs it; `LOKET_TEST_PYTHON` names the
/// Python that has it (default `python3`).
pub struct MailServer {
    child: std::sync::Mutex<std::process::Child>,
    dir: std::path::PathBuf,
    port: u16,
    /// `smtp://127.0.0.1:<port>`, for `LOKET_SMTP_URL`.
    pub url: String,
}

/// One mail as the server received it.
#[derive(Debug)]
pub struct ReceivedMail {
    /// The envelope recipient.
    pub to: String,
    pub from: String,
    pub subject: String,
    pub text: String,
    pub html: String,
    pub message_id: String,
    /// Everything, headers included, to check nothing personal is anywhere in it.
    pub raw: String,
}

impl ReceivedMail {
    /// `raw` with its MIME boundaries replaced: they are random letters and
    /// digits, and one that happens to contain "Jan" is not personal data.
    pub fn scannable(&self) -> String {
        let mut text = self.raw.clone();
        let boundaries: Vec<String> = self.raw.split("boundary=\"").skip(1).filter_map(|rest| rest.split('"').next()).map(str::to_string).collect();
        for boundary in boundaries {
            text = text.replace(&boundary, "BOUNDARY");
        }
        text
    }
}

impl MailServer {
    pub async fn start() -> MailServer {
        let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        // aiosmtpd creates the maildir itself, and only when it does not exist yet.
        let dir = std::env::temp_dir().join(format!("loket-mail-{}", uuid::Uuid::new_v4().simple()));
        let child = std::sync::Mutex::new(Self::spawn(port, &dir).await);
        MailServer { child, dir, port, url: format!("smtp://127.0.0.1:{port}") }
    }

    async fn spawn(port: u16, dir: &std::path::Path) -> std::process::Child {
        let python = std::env::var("LOKET_TEST_PYTHON").unwrap_or_else(|_| "python3".into());
        let child = std::process::Command::new(&python)
            .args(["-m", "aiosmtpd", "-n", "-l", &format!("127.0.0.1:{port}"), "-c", "aiosmtpd.handlers.Mailbox"])
            .arg(dir)
            .stdout(std::process::Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {python} -m aiosmtpd ({e}): run script/test, or pip install aiosmtpd"));
        for _ in 0..100 {
            if tokio::net::TcpStream::connect(("127.0.0.1", port)).await.is_ok() {
                return child;
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        panic!("aiosmtpd did not start on port {port}: is it installed for {python}? (pip install aiosmtpd)");
    }

    /// Takes the server down (a fault), keeping what it received.
    pub fn stop(&self) {
        let mut child = self.child.lock().unwrap();
        let _ = child.kill();
        let _ = child.wait();
    }

    /// Brings it back on the same port, with the same maildir.
    pub async fn resume(&self) {
        let child = Self::spawn(self.port, &self.dir).await;
        *self.child.lock().unwrap() = child;
    }

    /// The mails received so far, in arrival order.
    pub fn received(&self) -> Vec<ReceivedMail> {
        let Ok(entries) = std::fs::read_dir(self.dir.join("new")) else { return Vec::new() };
        let mut files: Vec<_> = entries.filter_map(Result::ok).map(|e| e.path()).collect();
        // Maildir names start with the delivery time in seconds; the rest keeps them apart.
        files.sort_by_key(|p| (std::fs::metadata(p).and_then(|m| m.modified()).ok(), p.clone()));
        files
            .iter()
            .map(|path| {
                let raw = std::fs::read(path).expect("read a received mail");
                let message = mail_parser::MessageParser::default().parse(&raw).expect("a parsable mail");
                let header = |name: &str| message.header(name).and_then(|v| v.as_text()).unwrap_or_default().to_string();
                ReceivedMail {
                    to: header("X-RcptTo"),
                    from: header("X-MailFrom"),
                    subject: message.subject().unwrap_or_default().to_string(),
                    text: message.body_text(0).map(|t| t.to_string()).unwrap_or_default(),
                    html: message.body_html(0).map(|t| t.to_string()).unwrap_or_default(),
                    message_id: message.message_id().unwrap_or_default().to_string(),
                    raw: String::from_utf8_lossy(&raw).into_owned(),
                }
            })
            .collect()
    }
}

impl Drop for MailServer {
    fn drop(&mut self) {
        self.stop();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// A page's live connection (Server-Sent Events) over real HTTP, as the
/// browser's `EventSource` opens it; collects the `message` events.
pub struct LiveListener {
    events: tokio::sync::mpsc::UnboundedReceiver<(String, String)>,
    task: tokio::task::JoinHandle<()>,
}

impl LiveListener {
    /// Connects to `path` on `base_url` with `cookies`; returns once the server answered.
    pub async fn connect(base_url: &str, path: &str, cookies: &std::collections::BTreeMap<String, String>) -> LiveListener {
        let cookie = cookies.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join("; ");
        let response = reqwest::Client::new()
            .get(format!("{base_url}{path}"))
            .header("cookie", cookie)
            .header("accept", "text/event-stream")
            .send()
            .await
            .expect("live stream answers");
        assert_eq!(response.status(), 200, "live stream {path}");
        assert_eq!(response.headers()["content-type"], "text/event-stream");
        let (tx, events) = tokio::sync::mpsc::unbounded_channel();
        let task = tokio::spawn(async move {
            use tokio_stream::StreamExt;
            let mut bytes = response.bytes_stream();
            let mut buffer = String::new();
            while let Some(Ok(chunk)) = bytes.next().await {
                buffer.push_str(&String::from_utf8_lossy(&chunk));
                while let Some(end) = buffer.find("\n\n") {
                    let block: String = buffer.drain(..end + 2).collect();
                    let field = |name: &str| block.lines().find_map(|l| l.strip_prefix(name)).map(|v| v.trim_start().to_string());
                    if let (Some(event), Some(data)) = (field("event:"), field("data:")) {
                        let _ = tx.send((event, data));
                    }
                }
            }
        });
        LiveListener { events, task }
    }

    /// Whether the server ends the stream within `wait`.
    pub async fn ends_within(&mut self, wait: std::time::Duration) -> bool {
        tokio::time::timeout(wait, &mut self.task).await.is_ok()
    }

    /// The next event (name and data), or `None` when none comes within `wait`.
    pub async fn next(&mut self, wait: std::time::Duration) -> Option<(String, String)> {
        tokio::time::timeout(wait, self.events.recv()).await.ok().flatten()
    }
}

impl Drop for LiveListener {
    fn drop(&mut self) {
        self.task.abort();
    }
}
