//! Installing Loket: production is what a forgotten setting gives, the
//! development conveniences are refused there, and a fresh production
//! database starts once `loket init` set the municipality up, without any
//! invented residents.

use std::sync::Arc;

use app::backend::{clock::SystemClock, db::scratch::ScratchDb, db::DbKind};
use figment::providers::Format;
use server::config::{Config, Environment};

/// What an operator writes: production, the real providers, no demo.
fn production(database_url: &str) -> Config {
    let mut config = Config::with_database(database_url);
    config.environment = Environment::Production;
    config.dev_idp = false;
    config.seed_demo = false;
    config.payment_provider = server::config::PaymentProviderKind::None;
    config.resident_issuer = Some("https://digid-broker.example".into());
    config.staff_issuer = Some("https://login.microsoftonline.example/gemeente/v2.0".into());
    config.site_root = concat!(env!("CARGO_MANIFEST_DIR"), "/../public").into();
    // The build's hash file lies beside the built binary, not beside the test binaries: whichever
    // test renders first fixes the script names for the whole process, so all tests name them alike.
    config.site_hash_files = false;
    config
}

fn example_setup() -> app::model::municipality::Setup {
    let file = concat!(env!("CARGO_MANIFEST_DIR"), "/../config/municipality.example.toml");
    figment::Figment::new().merge(figment::providers::Toml::file_exact(file)).extract().expect("the example file is a complete setup")
}

async fn get(router: &axum::Router, path: &str) -> (axum::http::StatusCode, String) {
    let (status, _, body) = get_with_headers(router, path).await;
    (status, body)
}

async fn get_with_headers(router: &axum::Router, path: &str) -> (axum::http::StatusCode, axum::http::HeaderMap, String) {
    use http_body_util::BodyExt;
    use tower::ServiceExt;
    let res = router.clone().oneshot(axum::http::Request::get(path).body(axum::body::Body::empty()).unwrap()).await.unwrap();
    let (status, headers) = (res.status(), res.headers().clone());
    (status, headers, String::from_utf8_lossy(&res.into_body().collect().await.unwrap().to_bytes()).into_owned())
}

async fn fresh_production_install(kind: DbKind) {
    let scratch = match kind {
        DbKind::Sqlite => ScratchDb::sqlite().await,
        DbKind::Postgres => ScratchDb::postgres().await,
    };
    let config = production(&scratch.url());
    let err = server::startup::build(&config, Arc::new(SystemClock)).await.err().expect("no municipality yet");
    assert!(format!("{err:#}").contains("loket init"), "{err:#}");

    let db = app::backend::db::Db::connect(config.database_url(), 1).await.unwrap();
    assert!(app::backend::service::municipality::init(&db, &example_setup(), time::OffsetDateTime::now_utc()).await.unwrap());
    let loket = server::startup::build(&config, Arc::new(SystemClock)).await.expect("starts after init");
    assert!(loket.dev_idp.is_none());
    let (status, body) = get(&loket.router, "/").await;
    assert_eq!(status, 200);
    assert!(body.contains("Gemeente Zuidstad"), "{body}");
    assert!(body.contains("Parkeervergunning"), "the configured case type");
    assert_eq!(get(&loket.router, "/dev-idp/.well-known/openid-configuration").await.0, 404, "no development provider");
    assert!(app::backend::db::resident::find_by_bsn(&db, "999993653").await.unwrap().is_none(), "no demo residents");
}

#[tokio::test]
async fn a_fresh_production_install_starts_after_init_without_demo_residents_sqlite() {
    fresh_production_install(DbKind::Sqlite).await;
}

#[tokio::test]
async fn a_fresh_production_install_starts_after_init_without_demo_residents_postgres() {
    fresh_production_install(DbKind::Postgres).await;
}

#[tokio::test]
async fn production_refuses_the_demo_and_the_development_provider() {
    let scratch = ScratchDb::sqlite().await;
    let mut config = production(&scratch.url());
    config.seed_demo = true;
    let err = server::startup::build(&config, Arc::new(SystemClock)).await.err().expect("refused");
    assert!(err.to_string().contains("demo municipality cannot be created in production"), "{err}");
    let mut config = production(&scratch.url());
    config.dev_idp = true;
    let err = server::startup::build(&config, Arc::new(SystemClock)).await.err().expect("refused");
    assert!(err.to_string().contains("development identity provider cannot run in production"), "{err}");
    let mut config = production(&scratch.url());
    config.payment_provider = server::config::PaymentProviderKind::Test;
    let err = server::startup::build(&config, Arc::new(SystemClock)).await.err().expect("refused");
    assert!(err.to_string().contains("test payment provider cannot run in production"), "{err}");
    // Documents over plain HTTP only to a store on this machine.
    let mut config = production(&scratch.url());
    config.documents_store = server::config::DocumentsStore::S3;
    config.s3_allow_http = true;
    config.s3_endpoint = "http://minio.gemeente.example:9000".into();
    let err = server::startup::build(&config, Arc::new(SystemClock)).await.err().expect("refused");
    assert!(err.to_string().contains("documents would travel unencrypted"), "{err}");
}

/// In production the session cookie carries the `__Host-` prefix and
/// `Secure`, and every response tells the browser to stay on HTTPS. (The
/// providers here are a development node's, reached over HTTP as a real
/// broker would be over HTTPS.)
#[tokio::test]
async fn production_cookies_are_host_only_and_secure_with_hsts() {
    let provider = crate::support::TestApp::new(DbKind::Sqlite).await;
    let scratch = ScratchDb::sqlite().await;
    let mut config = production(&scratch.url());
    config.resident_issuer = Some(format!("{}/dev-idp", provider.base_url));
    config.staff_issuer = config.resident_issuer.clone();
    let db = app::backend::db::Db::connect(config.database_url(), 1).await.unwrap();
    db.migrate().await.unwrap();
    app::backend::service::municipality::init(&db, &example_setup(), time::OffsetDateTime::now_utc()).await.unwrap();
    let loket = server::startup::build(&config, Arc::new(SystemClock)).await.unwrap();
    let (status, headers, _) = get_with_headers(&loket.router, "/auth/resident/login").await;
    assert_eq!(status, 303);
    let cookie = headers.get("set-cookie").and_then(|v| v.to_str().ok()).unwrap_or_default();
    assert!(cookie.starts_with("__Host-loket_session=") && cookie.contains("Secure") && cookie.contains("Path=/") && !cookie.contains("Domain"), "{cookie}");
    let (_, headers, _) = get_with_headers(&loket.router, "/").await;
    assert_eq!(headers.get("strict-transport-security").unwrap(), "max-age=31536000; includeSubDomains");
}
