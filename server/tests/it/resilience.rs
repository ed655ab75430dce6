//! Faults Loket serves through: PostgreSQL gone for a while, as in a
//! restart (a proxy in front of the real server closes every connection
//! and refuses new ones). Readiness says so within its two seconds, pages
//! answer "temporarily unavailable" at once instead of hanging until the
//! database returns, nothing is half-stored, and when it is back Loket is
//! too, without a restart of its own.

use std::time::{Duration, Instant};

use app::backend::db::DbKind;
use secrecy::ExposeSecret;

use crate::support::{LiveListener, TcpProxy, TestApp};

/// `host:port` of a PostgreSQL URL.
fn authority(url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let rest = rest.rsplit_once('@').map_or(rest, |(_, r)| r);
    rest.split(['/', '?']).next().unwrap_or(rest).to_string()
}

#[tokio::test]
async fn with_postgresql_gone_pages_say_so_at_once_and_all_is_back_when_it_returns() {
    let admin = std::env::var("TEST_DATABASE_URL").unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into());
    let upstream = authority(&admin);
    let proxy = TcpProxy::start(upstream.clone()).await;
    let through_proxy = format!("127.0.0.1:{}", proxy.port);
    let app = TestApp::with_config(DbKind::Postgres, |c| {
        c.database_url = c.database_url.expose_secret().replacen(&upstream, &through_proxy, 1).into();
        c.live_check_seconds = 1;
    })
    .await;
    // Another node keeps its database connection throughout.
    let other = app.second_node_with(|c| c.database_url = c.database_url.expose_secret().replacen(&through_proxy, &upstream, 1).into()).await;
    let mut jan = app.browser();
    jan.login("resident", "inwoner-jan", "midden").await;
    assert_eq!(jan.get("/mijn").await.status, 200);
    let conversation = crate::conversation::ask(&mut jan, "Stoeptegel los", "Voor nummer 5 ligt een tegel los.", &[]).await;
    let mut open_page = LiveListener::connect(&app.base_url, &format!("/mijn/berichten/{conversation}/live"), &jan.cookies).await;
    let jan_id = app::backend::db::resident::find_by_bsn(app.db(), "999993653").await.unwrap().unwrap();
    let threads = || async { app::backend::db::conversation::list_for_resident(app.db(), jan_id).await.unwrap().len() };
    let sent_before = threads().await;

    proxy.cut();
    let started = Instant::now();
    let ready = app.get("/readyz").await;
    assert_eq!(ready.status, 503);
    assert!(started.elapsed() < Duration::from_secs(2), "readiness answers within its two seconds: {:?}", started.elapsed());
    for path in ["/mijn", "/mijn/berichten"] {
        let started = Instant::now();
        let page = jan.get(path).await;
        assert_eq!(page.status, 503, "{path}: {}", page.body);
        assert!(page.body.contains("Een van onze systemen is even niet bereikbaar"), "{path}: {}", page.body);
        assert!(started.elapsed() < Duration::from_secs(4), "{path} answers at once, not when the database is back: {:?}", started.elapsed());
    }
    // A question sent meanwhile is refused (the resident sees so), never half-stored.
    let refused = jan.post_files("/mijn/berichten", &[("client_id", &uuid::Uuid::new_v4().to_string()), ("subject", "Afval"), ("body", "Wanneer?")], &[]).await;
    assert!(refused.status == 503 || refused.header("location").contains("fout"), "{} {}", refused.status, refused.body);

    // Meanwhile the other node answers Jan: this node hears nothing of it (nor can it ask the database whether Jan is still logged in).
    let mut sanne = other.browser();
    sanne.login("staff", "medewerker-sanne", "").await;
    let reply = format!("id={conversation}&client_id={}&body=We+komen+kijken.", uuid::Uuid::new_v4());
    assert_eq!(sanne.call("reply_to_conversation", &reply).await.status, 200);
    tokio::time::sleep(Duration::from_millis(1500)).await;

    proxy.restore();
    // The open page is told to catch up once this node hears the others again.
    let (event, _) = open_page.next(Duration::from_secs(10)).await.expect("the open page is told");
    assert_eq!(event, "reload");
    let started = Instant::now();
    assert_eq!(app.get("/readyz").await.status, 200);
    assert_eq!(jan.get("/mijn").await.status, 200, "the session survived");
    assert!(started.elapsed() < Duration::from_secs(3), "back at once: {:?}", started.elapsed());
    assert_eq!(threads().await, sent_before, "the refused question was not stored");
}
