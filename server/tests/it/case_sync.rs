//! Residents' cases from the municipality's ZGW case system, against a
//! case system whose every request and answer Prism checks against the
//! official OpenAPI documents: the import after a first login, the
//! refresh a notification asks for (twice, late, for a case never seen),
//! the reconciliation, documents streamed through Loket, and the faults
//! (errors, timeouts, a document or case that disappeared).

use app::backend::{clock::Clock, service::case_sync};

use crate::case_system::{CaseSystem, Fault, NOTIFICATION_AUTH};
use crate::support::{Browser, TestApp};

/// Kees (demo resident without cases of his own) and another person.
const KEES: &str = "999991723";
const STRANGER: &str = "999990020";

/// Runs `$body` on SQLite and PostgreSQL with a case system behind Prism
/// (or `direct`) and a mail server.
macro_rules! zgw_test {
    ($name:ident, $start:ident, |$app:ident, $zgw:ident, $mail:ident| $body:block) => {
        mod $name {
            #[allow(unused_imports)]
            use super::*;

            async fn run(kind: app::backend::db::DbKind) {
                let $zgw = CaseSystem::$start().await;
                let $mail = crate::support::MailServer::start().await;
                let providers = crate::support::FakeProviders::start().await;
                let $app = TestApp::with_config(kind, |c| {
                    crate::support::with_channels(c, &$mail, &providers);
                    $zgw.configure(c)
                })
                .await;
                $body
            }

            crate::support::on_both_databases!();
        }
    };
    // Without a mail server of its own to read: the same, its mail unread.
    ($name:ident, $start:ident, |$app:ident, $zgw:ident| $body:block) => {
        zgw_test!($name, $start, |$app, $zgw, _mail| $body);
    };
}

/// One round of the case fetcher, as the job runs it; it must not fail.
async fn fetch(app: &TestApp) {
    let sync = app.state.app.case_sync.clone().expect("the case system is configured");
    // As the job does: a failure to subscribe does not stop the fetching.
    let _ = case_sync::subscribe(&sync, &app.base_url).await;
    let effects = case_sync::round(app.db(), &sync, app.clock.now()).await.expect("a round of fetching");
    app.state.app.apply_effects(effects).await;
}

/// A permit case type of three steps, and Kees's case of it, moved to its second step.
fn permit_case(zgw: &CaseSystem) -> (String, String) {
    let permit = zgw.add_case_type(
        "Parkeervergunning",
        false,
        &[
            ("Ontvangen", "We hebben je aanvraag ontvangen."),
            ("In behandeling", "We bekijken je aanvraag."),
            ("Besluit genomen", "Je krijgt een brief met het besluit."),
        ],
    );
    let case = zgw.add_case(&permit, "ZAAK-2026-0001", KEES, "2026-11-02");
    zgw.set_status(&case, &zgw.step(&permit, 2), "2026-11-10T14:00:00Z");
    (permit, case)
}

async fn log_in_kees(app: &TestApp) -> Browser<'_> {
    let mut kees = app.browser();
    let landed = kees.login("resident", "inwoner-kees", "midden").await;
    assert_eq!(landed.status, 303, "{}", landed.body);
    kees
}

fn my_cases(body: &str) -> serde_json::Value {
    serde_json::from_str(body).expect("list_my_cases answers JSON")
}

zgw_test!(a_first_login_imports_the_residents_cases_and_what_they_may_see_of_them, start, |app, zgw| {
    let (_, case_url) = permit_case(&zgw);
    zgw.add_document(&case_url, "Besluit parkeervergunning", "besluit.pdf", b"%PDF-1.4 besluit", "zaakvertrouwelijk", "definitief");
    zgw.add_document(&case_url, "Concept besluit", "concept.pdf", b"%PDF-1.4 concept", "zaakvertrouwelijk", "in_bewerking");
    zgw.add_document(&case_url, "Geheim advies", "advies.pdf", b"%PDF-1.4 advies", "geheim", "definitief");
    zgw.add_document(&case_url, "Interne notitie", "notitie.pdf", b"%PDF-1.4 notitie", "intern", "definitief");
    // Jan has a role in Kees's case (a neighbour asked to give his view): it is not Jan's to see.
    zgw.add_role(&case_url, "999993653", "belanghebbende");
    let internal = zgw.add_case_type("Interne melding", true, &[("Gemeld", ""), ("Afgehandeld", "")]);
    zgw.add_case(&internal, "ZAAK-2026-0002", KEES, "2026-11-03");
    let others = zgw.add_case_type("Bezwaar", false, &[("Ontvangen", ""), ("Besluit", "")]);
    zgw.add_case(&others, "ZAAK-2026-0003", STRANGER, "2026-11-04");

    let mut jan = app.browser();
    jan.login("resident", "inwoner-jan", "midden").await;
    let mut kees = log_in_kees(&app).await;
    let first = kees.get("/mijn").await;
    assert!(first.body.contains("We halen je zaken op"), "the overview says the cases are on their way");

    fetch(&app).await;
    let overview = kees.get("/mijn").await;
    assert!(overview.body.contains("Parkeervergunning") && overview.body.contains("ZAAK-2026-0001"), "the case is there");
    assert!(overview.body.contains("Bijgewerkt op"), "and when it was fetched");
    assert!(!overview.body.contains("Interne melding") && !overview.body.contains("ZAAK-2026-0003"), "not internal cases, not others'");
    assert!(!jan.get("/mijn").await.body.contains("ZAAK-2026-0001"), "a role in someone else's case does not make it yours");

    let cases = my_cases(&kees.call("list_my_cases", "").await.body);
    assert_eq!(cases["open"].as_array().unwrap().len(), 1);
    let case = cases["open"][0]["id"].as_str().unwrap().to_string();
    assert_eq!(cases["open"][0]["status"], "In behandeling");
    assert_eq!(cases["open"][0]["status_explanation"], "We bekijken je aanvraag.");
    let detail: serde_json::Value = serde_json::from_str(&kees.call("get_my_case", &format!("id={case}")).await.body).unwrap();
    let steps: Vec<&str> = detail["timeline"].as_array().unwrap().iter().map(|s| s["state"].as_str().unwrap()).collect();
    assert_eq!(steps, ["Done", "Current", "Upcoming"]);
    let documents: Vec<&str> = detail["documents"].as_array().unwrap().iter().map(|d| d["title"].as_str().unwrap()).collect();
    assert_eq!(documents, ["Besluit parkeervergunning"], "only final documents within the confidentiality, never internal ones");
    let document = detail["documents"][0]["id"].as_str().unwrap();
    let download = kees.get(&format!("/mijn/zaken/{case}/documenten/{document}")).await;
    assert_eq!(download.status, 200);
    assert_eq!(download.body, "%PDF-1.4 besluit");
    assert_eq!(download.header("content-type"), "application/pdf");

    // Loket subscribed for both channels, with the agreed Authorization.
    let subscriptions = zgw.subscriptions();
    assert_eq!(subscriptions.len(), 1);
    assert_eq!(subscriptions[0]["callbackUrl"], format!("{}/webhooks/zgw", app.base_url));
    assert_eq!(subscriptions[0]["auth"], NOTIFICATION_AUTH);
    assert_eq!(zgw.refused_tokens(), 0, "every call carried a valid ZGW token");
    // Subscribing again (another round, another node) finds it there.
    fetch(&app).await;
    assert_eq!(zgw.subscriptions().len(), 1);
    // One with another `auth` (the secret was changed since) is brought up to date, not left to fail.
    zgw.set_subscription_auth("Token the-old-one");
    fetch(&app).await;
    assert_eq!(zgw.subscriptions().len(), 1);
    assert_eq!(zgw.subscriptions()[0]["auth"], NOTIFICATION_AUTH);

    // Staff of the general team see the copy, and that its status is set in the case system.
    let mut petra = app.browser();
    petra.login("staff", "medewerker-petra", "midden").await;
    let page = petra.get(&format!("/staff/zaken/{case}")).await;
    assert_eq!(page.status, 200, "{}", page.body);
    assert!(page.body.contains("staat in het zaaksysteem"));
    assert!(!page.body.contains("Zet door naar"), "no button to move it on here");
    let moved = petra.call("advance_case", &format!("id={case}&to=3")).await;
    assert_ne!(moved.status, 200, "a copy is never moved on in Loket");

    // The next login within a day asks the case system nothing new.
    let calls = zgw.calls().len();
    let mut again = app.browser();
    again.login("resident", "inwoner-kees", "midden").await;
    fetch(&app).await;
    assert!(zgw.calls()[calls..].iter().all(|(_, path)| !path.ends_with("/_zoek")), "no new search by BSN");
    assert!(zgw.calls().iter().any(|(method, path)| method == "POST" && path.ends_with("/zaken/_zoek")), "searched with the BSN in the body");
});

zgw_test!(a_notification_refreshes_the_case_once_whether_it_comes_twice_late_or_for_a_case_never_seen, start, |app, zgw, mail| {
    let (permit, case_url) = permit_case(&zgw);
    let mut kees = log_in_kees(&app).await;
    crate::notice::confirm_address(&app, &mail, &mut kees, "kees@example.nl").await;
    fetch(&app).await;
    assert_eq!(app.outbox.deliver_due().await.unwrap().sent, 0, "the first copy is no news");

    zgw.set_status(&case_url, &zgw.step(&permit, 3), "2026-11-23T08:00:00Z");
    let status_url = format!("{}/statussen/x", zgw.bases.zaken);
    for _ in 0..2 {
        assert_eq!(zgw.publish("zaken", &case_url, "status", &status_url, "create").await, [204]);
    }
    // An older notification, arriving last, changes nothing: every fetch reads the case as it is now.
    assert_eq!(zgw.publish("zaken", &case_url, "zaak", &case_url, "partial_update").await, [204]);
    let before = zgw.calls().len();
    fetch(&app).await;
    let case_reads = zgw.calls()[before..].iter().filter(|(m, p)| m == "GET" && p.contains("/zaken/api/v1/zaken/")).count();
    assert_eq!(case_reads, 1, "three notifications, one fetch");
    let cases = my_cases(&kees.call("list_my_cases", "").await.body);
    assert!(cases["open"].as_array().unwrap().is_empty());
    assert_eq!(cases["closed"][0]["status"], "Besluit genomen");
    assert_eq!(app.outbox.deliver_due().await.unwrap().sent, 1, "Kees hears that his case changed");
    assert!(mail.received().last().unwrap().to == "kees@example.nl");
    assert_eq!(zgw.publish("zaken", &case_url, "zaak", &case_url, "update").await, [204]);
    fetch(&app).await;
    assert_eq!(app.outbox.deliver_due().await.unwrap().sent, 0, "and not again for the same step");

    // A new case of Kees's that Loket never saw: copied when a notification names it.
    let newer = zgw.add_case(&permit, "ZAAK-2026-0009", KEES, "2026-11-23");
    assert_eq!(zgw.publish("zaken", &newer, "zaak", &newer, "create").await, [204]);
    assert_eq!(app::backend::db::case_sync::queued_refreshes(app.db()).await.unwrap(), 0, "a case without a copy and without a role yet: nothing to fetch");
    assert_eq!(zgw.publish("zaken", &newer, "rol", &newer, "create").await, [204]);
    fetch(&app).await;
    assert!(kees.get("/mijn").await.body.contains("ZAAK-2026-0009"));
    // A case of someone who never used Loket: nothing is kept.
    let strangers = zgw.add_case(&permit, "ZAAK-2026-0010", STRANGER, "2026-11-23");
    assert_eq!(zgw.publish("zaken", &strangers, "rol", &strangers, "create").await, [204]);
    fetch(&app).await;
    assert!(app::backend::db::case_sync::case_by_url(app.db(), &strangers).await.unwrap().is_none());

    // Without the agreed Authorization, or naming a URL outside the case system: nothing happens.
    let forged = reqwest::Client::new()
        .post(format!("{}/webhooks/zgw", app.base_url))
        .header("authorization", "Token wrong")
        .json(&serde_json::json!({"kanaal": "zaken", "hoofdObject": case_url, "resource": "zaak", "resourceUrl": case_url, "actie": "update", "aanmaakdatum": "2026-11-23T10:00:00Z"}))
        .send()
        .await
        .unwrap();
    assert_eq!(forged.status(), 401);
    let elsewhere = reqwest::Client::new()
        .post(format!("{}/webhooks/zgw", app.base_url))
        .header("authorization", NOTIFICATION_AUTH)
        .json(&serde_json::json!({"kanaal": "zaken", "hoofdObject": "http://169.254.169.254/zaken/1", "resource": "zaak", "resourceUrl": "http://169.254.169.254/zaken/1", "actie": "update", "aanmaakdatum": "2026-11-23T10:00:00Z"}))
        .send()
        .await
        .unwrap();
    assert_eq!(elsewhere.status(), 204, "answered, and ignored");
    assert_eq!(app::backend::db::case_sync::queued_refreshes(app.db()).await.unwrap(), 0, "neither queued anything to fetch");
});

async fn resident(app: &TestApp, bsn: &str) -> app::model::ids::ResidentId {
    app::backend::db::resident::find_by_bsn(app.db(), bsn).await.unwrap().unwrap()
}

zgw_test!(when_the_case_system_fails_or_is_slow_the_overview_shows_the_copy_and_says_as_of_when, start, |app, zgw| {
    let (permit, case_url) = permit_case(&zgw);
    let mut kees = log_in_kees(&app).await;
    fetch(&app).await;

    // Errors: the queued refresh fails, the copy stays.
    zgw.set_status(&case_url, &zgw.step(&permit, 3), "2026-11-23T08:00:00Z");
    assert_eq!(zgw.publish("zaken", &case_url, "status", &case_url, "create").await, [204]);
    zgw.fault(Some(Fault::Status(500)));
    fetch(&app).await;
    let cases = my_cases(&kees.call("list_my_cases", "").await.body);
    assert_eq!(cases["open"][0]["status"], "In behandeling", "the copy as it was");

    // A day later Kees logs in while the case system does not answer in time.
    zgw.fault(Some(Fault::Delay(std::time::Duration::from_secs(4))));
    app.clock.advance(time::Duration::hours(25));
    let mut kees = log_in_kees(&app).await;
    let started = std::time::Instant::now();
    fetch(&app).await;
    assert!(started.elapsed() < std::time::Duration::from_secs(12), "calls give up after their timeout");
    let overview = kees.get("/mijn").await;
    assert_eq!(overview.status, 200);
    assert!(overview.body.contains("We konden je zaken niet bijwerken"), "it says the cases may be out of date");
    assert!(overview.body.contains("ZAAK-2026-0001"), "and still shows them");

    // Back: the retries bring the copy up to date.
    zgw.fault(None);
    app.clock.advance(time::Duration::minutes(5));
    fetch(&app).await;
    let cases = my_cases(&kees.call("list_my_cases", "").await.body);
    assert_eq!(cases["closed"][0]["status"], "Besluit genomen");
    let overview = kees.get("/mijn").await;
    assert!(overview.body.contains("Bijgewerkt op") && !overview.body.contains("niet bijwerken"));
});

zgw_test!(a_document_or_case_that_disappeared_is_not_found_and_leaves_the_copy, start, |app, zgw| {
    let (_, case_url) = permit_case(&zgw);
    let document_url = zgw.add_document(&case_url, "Besluit", "besluit.pdf", b"%PDF-1.4 besluit", "openbaar", "definitief");
    let mut kees = log_in_kees(&app).await;
    fetch(&app).await;
    let case = my_cases(&kees.call("list_my_cases", "").await.body)["open"][0]["id"].as_str().unwrap().to_string();
    let detail: serde_json::Value = serde_json::from_str(&kees.call("get_my_case", &format!("id={case}")).await.body).unwrap();
    let document = detail["documents"][0]["id"].as_str().unwrap().to_string();

    zgw.remove_document(&document_url);
    let download = kees.get(&format!("/mijn/zaken/{case}/documenten/{document}")).await;
    assert_eq!(download.status, 404, "gone is not found, not an error");
    fetch(&app).await;
    let detail: serde_json::Value = serde_json::from_str(&kees.call("get_my_case", &format!("id={case}")).await.body).unwrap();
    assert!(detail["documents"].as_array().unwrap().is_empty(), "the failed download had the case fetched again");

    zgw.remove_case(&case_url);
    assert_eq!(zgw.publish("zaken", &case_url, "zaak", &case_url, "destroy").await, [204]);
    fetch(&app).await;
    let cases = kees.call("list_my_cases", "").await.body;
    assert!(my_cases(&cases)["open"].as_array().unwrap().is_empty(), "{cases}");
    assert_eq!(kees.call("get_my_case", &format!("id={case}")).await.status, 404);
});

zgw_test!(the_reconciliation_fetches_the_stalest_copies_a_bounded_number_at_a_time, start, |app, zgw| {
    let permit = zgw.add_case_type("Parkeervergunning", false, &[("Ontvangen", ""), ("In behandeling", ""), ("Besluit genomen", "")]);
    let cases: Vec<String> = (0..25).map(|i| zgw.add_case(&permit, &format!("ZAAK-2026-1{i:03}"), KEES, "2026-11-02")).collect();
    let kees = log_in_kees(&app).await;
    drop(kees);
    fetch(&app).await;
    // A change nobody was told of.
    for case in &cases {
        zgw.set_status(case, &zgw.step(&permit, 2), "2026-11-24T09:00:00Z");
    }
    // Long enough that Kees's cases are not looked for again as a whole (he has not logged in since).
    app.clock.advance(time::Duration::days(91));
    let reads = |zgw: &CaseSystem, from: usize| zgw.calls()[from..].iter().filter(|(m, p)| m == "GET" && p.contains("/zaken/api/v1/zaken/")).count();
    let before = zgw.calls().len();
    fetch(&app).await; // queues the 20 stalest
    fetch(&app).await; // fetches them, queues the other 5
    assert_eq!(reads(&zgw, before), 20, "at most 20 a round");
    fetch(&app).await;
    assert_eq!(reads(&zgw, before), 25);
    let resident = resident(&app, KEES).await;
    let moved = app::backend::service::case::list_for_resident(app.db(), resident, app::i18n::Lang::Nl).await.unwrap();
    assert_eq!(moved.open.len(), 25);
    assert!(moved.open.iter().all(|c| c.status == "In behandeling"), "every copy caught up");
});

zgw_test!(documents_stream_through_loket_as_they_arrive, direct, |app, zgw| {
    let (_, case_url) = permit_case(&zgw);
    let contents: Vec<u8> = (0..1_000_000u32).map(|i| (i % 251) as u8).collect();
    zgw.add_document(&case_url, "Bouwtekening", "tekening.pdf", &contents, "openbaar", "definitief");
    let mut kees = log_in_kees(&app).await;
    fetch(&app).await;
    let case = my_cases(&kees.call("list_my_cases", "").await.body)["open"][0]["id"].as_str().unwrap().to_string();
    let detail: serde_json::Value = serde_json::from_str(&kees.call("get_my_case", &format!("id={case}")).await.body).unwrap();
    let document = detail["documents"][0]["id"].as_str().unwrap().to_string();

    zgw.slow_download(5, std::time::Duration::from_millis(400));
    let cookie = kees.cookies.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join("; ");
    let started = std::time::Instant::now();
    let mut response = reqwest::Client::new()
        .get(format!("{}/mijn/zaken/{case}/documenten/{document}", app.base_url))
        .header("cookie", cookie)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let first = response.chunk().await.unwrap().expect("a first piece");
    let first_at = started.elapsed();
    let mut received = first.to_vec();
    while let Some(chunk) = response.chunk().await.unwrap() {
        received.extend_from_slice(&chunk);
    }
    let all_at = started.elapsed();
    assert_eq!(received, contents, "byte for byte");
    assert!(all_at >= std::time::Duration::from_millis(1900), "the case system took its time: {all_at:?}");
    assert!(first_at < all_at / 2, "the first bytes came before the last were fetched ({first_at:?} of {all_at:?}): streamed, not buffered");
});

zgw_test!(a_document_sent_for_a_copied_case_is_filed_in_the_documenten_api_and_linked_to_it, start, |app, zgw| {
    let (_, case_url) = permit_case(&zgw);
    let mut kees = log_in_kees(&app).await;
    fetch(&app).await;
    let case = my_cases(&kees.call("list_my_cases", "").await.body)["open"][0]["id"].as_str().unwrap().to_string();

    // Staff ask for a document; the resident sends it.
    let mut petra = app.browser();
    petra.login("staff", "medewerker-petra", "midden").await;
    let asked = petra.post_form("/api/ask_todo", &[("case", &case), ("kind", "upload"), ("title", "Kenteken"), ("due_on", "2026-12-04")]).await;
    assert_eq!(asked.status, 302, "{}", asked.body);
    let todo = my_cases(&kees.call("list_my_cases", "").await.body)["todos"][0]["id"].as_str().unwrap().to_string();
    let pdf = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n";
    let sent = kees.post_file(&format!("/mijn/zaken/{case}/documenten"), &[("todo", &todo)], "kenteken.pdf", pdf).await;
    assert_eq!(sent.status, 303, "{}", sent.body);
    assert!(sent.header("location").ends_with("verstuurd=1"), "{}", sent.header("location"));

    let filed = zgw.documents_of(&case_url);
    assert_eq!(filed.len(), 1, "linked to the case in the Zaken API");
    let (record, contents) = zgw.document(&filed[0]).expect("in the Documenten API");
    assert_eq!(contents, pdf);
    assert_eq!(record["bestandsnaam"], "kenteken.pdf");
    assert_eq!(record["informatieobjecttype"], zgw.upload_document_type());
    assert_eq!(record["bronorganisatie"], crate::case_system::RSIN);

    // The resident sees it on the case and downloads it from there; nothing is kept in Loket's storage.
    let detail: serde_json::Value = serde_json::from_str(&kees.call("get_my_case", &format!("id={case}")).await.body).unwrap();
    let document = detail["documents"].as_array().unwrap().iter().find(|d| d["file_name"] == "kenteken.pdf").expect("on the case").clone();
    let download = kees.get(&format!("/mijn/zaken/{case}/documenten/{}", document["id"].as_str().unwrap())).await;
    assert_eq!(download.body.as_bytes(), pdf);
    assert!(std::fs::read_dir(&app.documents_dir).map(|d| d.count()).unwrap_or(0) == 0, "not in Loket's storage");
    // A refresh keeps it (it is the case system's now, linked to the case).
    fetch(&app).await;
    let detail: serde_json::Value = serde_json::from_str(&kees.call("get_my_case", &format!("id={case}")).await.body).unwrap();
    assert_eq!(detail["documents"].as_array().unwrap().len(), 1);
});
