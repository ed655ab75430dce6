//! Latency from a staff reply to the resident's open page: a staff member
//! posts 1,000 replies at 50 per second (the server function, in
//! process); the resident's page listens over real HTTP (Server-Sent
//! Events). Prints p50/p99/max on SQLite (one node) and, when
//! `TEST_DATABASE_URL` is set, on PostgreSQL across two nodes.
//!
//! `cargo bench -p server --bench live` (with `script/setup.sh`'s
//! `leptos_build_env`, like the tests).

#[path = "../tests/it/support.rs"]
#[allow(dead_code, unused_macros, unused_imports)]
mod support;

use std::time::{Duration, Instant};

use app::backend::db::DbKind;
use support::{LiveListener, TestApp};

const MESSAGES: usize = 1000;
/// 50 per second.
const INTERVAL: Duration = Duration::from_millis(20);

async fn measure(label: &str, sender: &TestApp, listener_node: &TestApp) {
    let mut jan = sender.browser();
    jan.login("resident", "inwoner-jan", "midden").await;
    let client_id = uuid::Uuid::new_v4().to_string();
    let res = jan.post_files("/mijn/berichten", &[("client_id", &client_id), ("subject", "Meten"), ("body", "Hoe snel?")], &[]).await;
    let id = res.header("location").trim_start_matches("/mijn/berichten/").trim_end_matches("?verstuurd=1").to_string();
    let mut page = LiveListener::connect(&listener_node.base_url, &format!("/mijn/berichten/{id}/live"), &jan.cookies).await;
    let mut sanne = sender.browser();
    sanne.login("staff", "medewerker-sanne", "").await;
    let mut latencies = Vec::with_capacity(MESSAGES);
    let mut pace = tokio::time::interval(INTERVAL);
    for i in 0..MESSAGES {
        pace.tick().await;
        let form = format!("id={id}&client_id={}&body=Antwoord+{i}", uuid::Uuid::new_v4());
        let started = Instant::now();
        let res = sanne.call("reply_to_conversation", &form).await;
        assert_eq!(res.status, 200, "{}", res.body);
        let (_, data) = page.next(Duration::from_secs(5)).await.expect("the reply arrives");
        latencies.push(started.elapsed());
        assert!(data.contains(&format!("Antwoord {i}\"")), "in order: {data}");
    }
    latencies.sort();
    let at = |q: f64| latencies[((latencies.len() as f64 * q) as usize).min(latencies.len() - 1)];
    println!(
        "{label}: {MESSAGES} replies, staff reply -> resident page: p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms",
        at(0.50).as_secs_f64() * 1e3,
        at(0.99).as_secs_f64() * 1e3,
        latencies.last().unwrap().as_secs_f64() * 1e3
    );
}

#[tokio::main]
async fn main() {
    let sqlite = TestApp::new(DbKind::Sqlite).await;
    measure("SQLite, one node", &sqlite, &sqlite).await;
    if std::env::var("TEST_DATABASE_URL").is_ok() {
        let first = TestApp::new(DbKind::Postgres).await;
        measure("PostgreSQL, one node", &first, &first).await;
        let second = first.second_node().await;
        measure("PostgreSQL, reply on node 1, page on node 2", &first, &second).await;
    }
}
