//! Benchmark data: a generated municipality is written through each
//! database's bulk path and reads back as any other: a generated resident
//! is found, their 360-degree view shows their cases and conversations,
//! and they log in (by BSN, at the development provider) to their own.

use app::backend::{db, service::bench_data};

use crate::support::app_test;

app_test!(a_generated_municipality_reads_back_like_any_other, |app| {
    let mut sanne = app.browser();
    sanne.login("staff", "medewerker-sanne", "").await;
    let now = app.state.app.clock.now();
    let mut heard = Vec::new();
    let report = bench_data::generate(app.db(), 30, 42, now, |done| heard.push(done)).await.unwrap();
    let rows = |table: &str| report.tables.iter().find(|(t, _)| *t == table).map_or(0, |(_, n)| *n);
    assert_eq!(rows("resident"), 30);
    assert_eq!(rows("service_case"), 30 * bench_data::CASES_PER_RESIDENT);
    assert_eq!(rows("message"), 30 * bench_data::CONVERSATIONS_PER_RESIDENT * bench_data::MESSAGES_PER_CONVERSATION);
    assert_eq!(rows("processing_log"), 30 * bench_data::LOG_LINES_PER_RESIDENT);
    assert_eq!(heard, vec![30]);

    let bsn = bench_data::Bsns::default().take();
    let first = db::resident::find_by_bsn(app.db(), &bsn).await.unwrap().expect("the first generated resident");
    let view = sanne.get(&format!("/staff/inwoners/{first}?doel=klantcontact")).await;
    assert_eq!(view.status, 200, "{}", view.body);
    assert!(view.body.contains("Inwoner 0") && view.body.contains("Vraag over onderwerp 0"), "{}", view.body);
    assert_eq!(app::backend::db::conversation::list_for_resident(app.db(), first).await.unwrap().len() as u64, bench_data::CONVERSATIONS_PER_RESIDENT);
    assert_eq!(db::case::list_for_resident(app.db(), first).await.unwrap().len() as u64, bench_data::CASES_PER_RESIDENT);

    // The development provider logs a generated resident in by BSN (how the benchmark gets many sessions); their overview is theirs.
    let mut resident = app.browser();
    resident.login("resident", &format!("bsn-{bsn}"), "midden").await;
    let overview = resident.get("/mijn").await;
    assert_eq!(overview.status, 200);
    assert!(overview.body.contains("Vraag over onderwerp 0"), "their open conversation: {}", overview.body);
    assert!(!overview.body.contains("B-000001-"), "nobody else's");

    // Made once: a database with them already is refused.
    assert!(matches!(bench_data::generate(app.db(), 5, 1, now, |_| {}).await, Err(app::backend::Error::Conflict)));
});
