//! The frame every feature stands on: pages, language, errors, health,
//! metrics and static files.

use crate::support::app_test;

app_test!(start_page_shows_the_municipality_and_its_case_types_in_dutch, |app| {
    let res = app.get("/").await;
    assert_eq!(res.status, 200);
    assert!(res.body.contains(r#"<html lang="nl""#), "{}", res.body);
    assert!(res.body.contains("<title>Startpagina | Mijn omgeving - Gemeente Voorbeeld</title>"), "{}", res.body);
    assert!(res.body.contains("Welkom bij Gemeente Voorbeeld"), "{}", res.body);
    assert!(res.body.contains("Parkeervergunning"));
    assert!(res.body.contains(r##"href="#main""##), "skip link");
    assert_eq!(res.header("cache-control"), "no-store");
    assert_eq!(res.header("x-content-type-options"), "nosniff");
    assert_eq!(res.header("x-request-id").len(), 36, "request id is a UUID");
});

app_test!(the_language_cookie_switches_the_page_to_english, |app| {
    let res = app.get_with("/", &[("cookie", "loket_lang=en")]).await;
    assert_eq!(res.status, 200);
    assert!(res.body.contains(r#"<html lang="en""#));
    assert!(res.body.contains("Parking permit"));
    assert!(res.body.contains("Skip to content"));
    assert!(!res.body.contains("Parkeervergunning"));
});

app_test!(the_language_switch_sets_the_cookie_and_goes_back_to_the_same_page, |app| {
    let res = app.get("/taal?lang=en&terug=/contact").await;
    assert_eq!(res.status, 303);
    assert_eq!(res.header("location"), "/contact");
    assert!(res.header("set-cookie").starts_with("loket_lang=en;"), "{}", res.header("set-cookie"));
    assert!(res.header("set-cookie").contains("SameSite=Lax"));

    let offsite = app.get("/taal?lang=nl&terug=//evil.example/").await;
    assert_eq!(offsite.header("location"), "/");

    let unknown = app.get("/taal?lang=xx&terug=/").await;
    assert_eq!(unknown.status, 400);
    assert!(unknown.headers.get("set-cookie").is_none());
});

app_test!(an_unknown_address_answers_with_the_404_page, |app| {
    let res = app.get("/bestaat-niet").await;
    assert_eq!(res.status, 404);
    assert!(res.body.contains("Pagina niet gevonden"));
    assert!(res.body.contains(r#"<html lang="nl""#));
});

app_test!(static_files_are_served_with_a_cache_lifetime, |app| {
    let res = app.get("/logo.svg").await;
    assert_eq!(res.status, 200);
    assert_eq!(res.header("content-type"), "image/svg+xml");
    assert_eq!(res.header("cache-control"), "public, max-age=3600");
});

app_test!(health_is_always_ok_and_readiness_follows_the_database, |app| {
    assert_eq!(app.get("/healthz").await.status, 200);
    assert_eq!(app.get("/readyz").await.status, 200);
    app.db().close().await;
    assert_eq!(app.get("/healthz").await.status, 200);
    assert_eq!(app.get("/readyz").await.status, 503);
});

app_test!(a_server_function_answers_json_on_its_stable_endpoint, |app| {
    let res = app.call("list_case_types", "").await;
    assert_eq!(res.status, 200, "{}", res.body);
    let list: serde_json::Value = serde_json::from_str(&res.body).unwrap();
    let codes: Vec<_> = list.as_array().unwrap().iter().map(|c| c["code"].as_str().unwrap().to_string()).collect();
    assert!(codes.contains(&"parkeervergunning".to_string()), "{codes:?}");
});

app_test!(an_internal_error_shows_only_an_incident_id, |app| {
    // Break the database under the running application.
    let drop = "alter table case_type rename to case_type_gone";
    match app.db() {
        app::backend::db::Db::Sqlite(pool) => sqlx::query(drop).execute(pool).await.map(|_| ()),
        app::backend::db::Db::Postgres(pool) => sqlx::query(drop).execute(pool).await.map(|_| ()),
    }
    .unwrap();

    let page = app.get("/").await;
    assert_eq!(page.status, 500);
    assert!(page.body.contains("Er ging iets mis"));
    let id = page.body.split(r#"data-incident-id=""#).nth(1).map(|s| &s[..12]).expect("incident id on the page");
    assert!(id.chars().all(|c| c.is_ascii_hexdigit()), "{id}");
    for leak in ["case_type", "no such table", "does not exist", "sqlx"] {
        assert!(!page.body.contains(leak), "page leaks '{leak}'");
    }

    let api = app.call("list_case_types", "").await;
    assert_eq!(api.status, 500);
    let err: serde_json::Value = serde_json::from_str(&api.body).unwrap();
    assert_eq!(err["Internal"]["incident_id"].as_str().unwrap().len(), 12, "{}", api.body);
    assert!(!api.body.contains("case_type"));
});

app_test!(requests_are_counted_for_prometheus, |app| {
    assert_eq!(app.get("/").await.status, 200);
    let req = axum::http::Request::get("/metrics").body(axum::body::Body::empty()).unwrap();
    let metrics = app.request(&app.metrics_router, req).await;
    assert_eq!(metrics.status, 200);
    assert!(
        metrics.body.contains(r#"loket_http_requests_total{method="GET",route="/",status="200"} 1"#),
        "{}",
        metrics.body
    );
    // The public router does not expose metrics.
    assert_eq!(app.get("/metrics").await.status, 404);
});

// Leptos suppresses resource loads for the whole process while it generates
// a route list; a page rendered meanwhile on another thread waited forever.
// Apps keep starting on another thread here while pages render: each page
// must come (the route list is generated once per process).
app_test!(pages_render_while_other_apps_start, |app| {
    use std::sync::{atomic::{AtomicBool, Ordering}, Arc};
    let mut jan = app.browser();
    jan.login("resident", "inwoner-jan", "midden").await;
    let stop = Arc::new(AtomicBool::new(false));
    let starting = {
        let stop = stop.clone();
        std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
            runtime.block_on(async {
                let mut started = 0;
                while !stop.load(Ordering::Relaxed) {
                    drop(crate::support::TestApp::new(app::backend::db::DbKind::Sqlite).await);
                    started += 1;
                }
                started
            })
        })
    };
    for _ in 0..150 {
        let page = tokio::time::timeout(std::time::Duration::from_secs(10), jan.get("/mijn")).await.expect("the page came within 10 s");
        assert_eq!(page.status, 200);
        assert!(page.body.contains("Paspoort ophalen"), "the page's data loaded");
    }
    stop.store(true, Ordering::Relaxed);
    assert!(starting.join().unwrap() > 0, "apps started meanwhile");
});

app_test!(pages_leave_compressed_but_never_for_a_request_another_site_started, |app| {
    use std::io::Read;
    let plain = app.get("/").await;
    assert_eq!(plain.header("content-encoding"), "", "nothing asked, nothing compressed");
    let br = app.get_with("/", &[("accept-encoding", "gzip, br")]).await;
    assert_eq!(br.status, 200);
    assert_eq!(br.header("content-encoding"), "br");
    let mut page = String::new();
    brotli_decompressor::Decompressor::new(&br.bytes[..], 4096).read_to_string(&mut page).expect("brotli");
    assert!(page.contains("Welkom bij Gemeente Voorbeeld"), "{page}");
    assert!(br.bytes.len() * 2 < plain.bytes.len(), "{} of {} bytes", br.bytes.len(), plain.bytes.len());
    assert_eq!(app.get_with("/", &[("accept-encoding", "gzip")]).await.header("content-encoding"), "gzip");
    let own = app.get_with("/", &[("accept-encoding", "br"), ("sec-fetch-site", "same-origin")]).await;
    assert_eq!(own.header("content-encoding"), "br", "the site's own requests are compressed");
    // Another site's link or form: its answer goes as it is (BREACH).
    let cross = app.get_with("/", &[("accept-encoding", "gzip, br"), ("sec-fetch-site", "cross-site")]).await;
    assert_eq!(cross.header("content-encoding"), "");
    assert!(cross.body.contains("Welkom bij Gemeente Voorbeeld"));
});
