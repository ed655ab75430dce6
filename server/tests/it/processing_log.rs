//! The processing log and the 360-degree view: an agent finds a resident,
//! states a purpose (or is in a live contact) and sees everything on one
//! screen; each step is logged with who, what, why and on which ground;
//! the resident reads it on "Wie heeft mijn gegevens bekeken", and nobody
//! else's; lists and search results that show residents are logged; the
//! sensitive actions ask for a reason; the log cannot be changed or
//! deleted on either database; the privacy officer searches and exports.

use app::backend::db;
use app::model::ids::ResidentId;

use crate::support::{app_test, Browser, TestApp};

async fn resident(app: &TestApp, bsn: &str) -> ResidentId {
    db::resident::find_by_bsn(app.db(), bsn).await.unwrap().expect("a demo resident")
}

async fn staff<'a>(app: &'a TestApp, subject: &str) -> Browser<'a> {
    let mut b = app.browser();
    b.login("staff", subject, "").await;
    b
}

async fn log_count(app: &TestApp, id: ResidentId) -> i64 {
    db::processing_log::count_for_resident(app.db(), id).await.unwrap()
}

app_test!(an_agent_finds_a_resident_states_a_purpose_and_the_resident_sees_the_access, |app| {
    let jan = resident(&app, "999993653").await;
    let fatima = resident(&app, "999990019").await;
    let mut sanne = staff(&app, "medewerker-sanne").await;
    sanne.get("/staff/inwoners").await;
    // Found by BSN: straight to the view, which first asks why, showing only his name (logged as such).
    let before = log_count(&app, jan).await;
    let found = sanne.post_form("/api/search", &[("q", "999993653"), ("born", "")]).await;
    assert_eq!(found.status, 302, "{}", found.body);
    assert_eq!(found.header("location"), format!("/staff/inwoners/{jan}"));
    let ask = sanne.get(found.header("location")).await;
    assert_eq!(ask.status, 200);
    assert!(ask.body.contains("Waarvoor open je het klantbeeld?") && ask.body.contains("Je aanvraag behandelen"), "{}", ask.body);
    assert!(!ask.body.contains("Parkeervergunning"), "no data before the purpose");
    assert_eq!(log_count(&app, jan).await, before + 1);
    // A purpose not on the list is refused.
    assert_eq!(sanne.get(&format!("/staff/inwoners/{jan}?doel=nieuwsgierig")).await.status, 422);
    // With a purpose: everything on one screen, and one line in the log.
    let view = sanne.get(&format!("/staff/inwoners/{jan}?doel=zaakbehandeling")).await;
    assert_eq!(view.status, 200);
    assert!(view.body.contains("Klantbeeld: Jan Jansen") && view.body.contains("Parkeervergunning") && view.body.contains("*****3653"), "{}", view.body);
    assert!(!view.body.contains("999993653"));
    assert_eq!(log_count(&app, jan).await, before + 2);

    // Jan reads it: when, which team, what and why; Fatima sees nothing of it.
    let mut jan_browser = app.browser();
    jan_browser.login("resident", "inwoner-jan", "midden").await;
    let page = jan_browser.get("/mijn/inzage").await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("Wie heeft mijn gegevens bekeken"), "{}", page.body);
    assert!(page.body.contains("Team KCC") && page.body.contains("je gegevens in één overzicht") && page.body.contains("Je aanvraag behandelen"), "{}", page.body);
    assert!(!page.body.contains("Sanne"), "teams, not names");
    let mut fatima_browser = app.browser();
    fatima_browser.login("resident", "inwoner-fatima", "midden").await;
    assert!(fatima_browser.get("/mijn/inzage").await.body.contains("Nog niemand heeft je gegevens bekeken."));
    assert_eq!(log_count(&app, fatima).await, 0);

    // Other ways to find him; a name needs a birth date; nobody is "nobody found".
    for (q, born) in [("1234 AB 5", ""), ("1234ab5", ""), ("Jan Jansen", "1971-03-14"), ("jan jansen", "1971-03-14")] {
        let found = sanne.post_form("/api/search", &[("q", q), ("born", born)]).await;
        assert_eq!(found.header("location"), format!("/staff/inwoners/{jan}"), "{q}");
    }
    sanne.get("/staff/inwoners").await;
    let nameless = sanne.post_form("/api/search", &[("q", "Jan Jansen"), ("born", "")]).await;
    assert!(sanne.get(nameless.header("location")).await.body.contains("role=\"alert\""));
    assert_eq!(sanne.call("search", "q=999993654&born=").await.status, 422, "a BSN failing the 11-test");
    assert_eq!(sanne.post_form("/api/search", &[("q", "9999 ZZ 1"), ("born", "")]).await.header("location"), "/staff/inwoners?geen=1");
    // The list of several found shows (and logs) each one.
    let kees = resident(&app, "999991723").await;
    let before_kees = log_count(&app, kees).await;
    let list = sanne.get(&format!("/staff/inwoners?gevonden={jan},{kees}")).await;
    assert!(list.body.contains("Kees de Boer") && list.body.contains("*****1723"), "{}", list.body);
    assert_eq!(log_count(&app, kees).await, before_kees + 1);
    // An administrator finds nobody: no resident data for that role.
    let mut bram = staff(&app, "medewerker-bram").await;
    assert_eq!(bram.call("search", "q=999993653&born=").await.status, 403);
    assert_eq!(bram.get(&format!("/staff/inwoners/{jan}?doel=zaakbehandeling")).await.status, 403);
});

app_test!(a_live_contact_is_the_purpose_and_clearance_limits_the_view, |app| {
    let fatima = resident(&app, "999990019").await;
    let mut fatima_browser = app.browser();
    fatima_browser.login("resident", "inwoner-fatima", "midden").await;
    let asked = fatima_browser.post_files("/mijn/berichten", &[("client_id", &uuid::Uuid::new_v4().to_string()), ("subject", "Grofvuil"), ("body", "Wanneer halen jullie het op?")], &[]).await;
    let conversation = asked.header("location").strip_prefix("/mijn/berichten/").unwrap().split('?').next().unwrap().to_string();
    let mut sanne = staff(&app, "medewerker-sanne").await;
    assert_eq!(sanne.call("assign_conversation", &format!("id={conversation}&assignee=me")).await.status, 200);
    // Assigned to her: the contact is the purpose; nothing to ask.
    let view = sanne.get(&format!("/staff/inwoners/{fatima}")).await;
    assert_eq!(view.status, 200);
    assert!(view.body.contains("Je bent nu in contact met deze inwoner") && view.body.contains("Grofvuil"), "{}", view.body);
    // Her special assistance case is above Sanne's clearance: not in the view, nor its to-do.
    assert!(!view.body.contains("Bijzondere bijstand") && !view.body.contains("bankafschriften"), "{}", view.body);
    let petra_view = staff(&app, "medewerker-petra").await.get(&format!("/staff/inwoners/{fatima}?doel=zaakbehandeling")).await;
    assert!(petra_view.body.contains("Bijzondere bijstand"), "{}", petra_view.body);
    let rows = db::processing_log::search(app.db(), &db::processing_log::Search { resident: Some(fatima), ..Default::default() }, 100).await.unwrap();
    let mut view_rows: Vec<_> = rows.iter().filter(|r| r.category == "klantbeeld").map(|r| (r.staff_name.as_str(), r.purpose.as_str())).collect();
    view_rows.sort();
    assert_eq!(view_rows, vec![("Petra Jansen", "zaakbehandeling"), ("Sanne de Vries", "klantcontact")]);
    assert!(rows.iter().all(|r| !r.legal_ground.is_empty() && !r.staff_role.is_empty()));
});

app_test!(lists_that_show_residents_are_logged_and_sensitive_actions_need_a_reason, |app| {
    let jan = resident(&app, "999993653").await;
    let mut jan_browser = app.browser();
    jan_browser.login("resident", "inwoner-jan", "midden").await;
    jan_browser.post_files("/mijn/berichten", &[("client_id", &uuid::Uuid::new_v4().to_string()), ("subject", "Grofvuil"), ("body", "Wanneer?")], &[]).await;
    let mut sanne = staff(&app, "medewerker-sanne").await;
    let before = log_count(&app, jan).await;
    assert!(sanne.get("/staff/gesprekken").await.body.contains("Grofvuil"));
    assert_eq!(log_count(&app, jan).await, before + 1, "the inbox list is a read of Jan's data");

    // Recording consent on his behalf and passing on a move ask why; the reason is logged.
    let consents: serde_json::Value = serde_json::from_str(&jan_browser.call("my_consents", "").await.body).unwrap();
    let purpose = &consents["purposes"][0];
    let fields = |reason: &str| {
        format!("resident={jan}&purpose={}&text={}&grant=true&channel=phone&reason={reason}", purpose["id"].as_str().unwrap(), purpose["text_id"].as_str().unwrap())
    };
    assert_eq!(sanne.call("record_consent", &fields("")).await.status, 422);
    assert_eq!(sanne.call("record_consent", &fields("Telefonisch+bevestigd+na+vragen")).await.status, 200);
    assert_eq!(sanne.call("record_relocation", &format!("resident={jan}&address=Kerkstraat+1&reason=")).await.status, 422);
    assert_eq!(sanne.call("record_relocation", &format!("resident={jan}&address=Kerkstraat+1&reason=Melding+aan+de+balie")).await.status, 200);
    let rows = db::processing_log::search(app.db(), &db::processing_log::Search { resident: Some(jan), ..Default::default() }, 100).await.unwrap();
    let mut reasons: Vec<_> = rows.iter().filter_map(|r| r.reason.as_deref()).collect();
    reasons.sort();
    assert_eq!(reasons, vec!["Melding aan de balie", "Telefonisch bevestigd na vragen"]);
});

app_test!(the_log_cannot_be_changed_or_deleted, |app| {
    let jan = resident(&app, "999993653").await;
    let mut sanne = staff(&app, "medewerker-sanne").await;
    sanne.get(&format!("/staff/inwoners/{jan}?doel=klantcontact")).await;
    let count = log_count(&app, jan).await;
    assert!(count >= 1);
    let (update, delete) = db::processing_log::try_tamper(app.db(), jan).await;
    assert!(update.is_err(), "an update is refused: {update:?}");
    assert!(delete.is_err(), "a delete is refused: {delete:?}");
    assert_eq!(log_count(&app, jan).await, count);
    let rows = db::processing_log::search(app.db(), &db::processing_log::Search { resident: Some(jan), ..Default::default() }, 10).await.unwrap();
    assert!(rows.iter().all(|r| r.reason.as_deref() != Some("weg")));
});

app_test!(the_privacy_officer_searches_and_exports_the_log_without_bsns_in_addresses, |app| {
    let jan = resident(&app, "999993653").await;
    let mut sanne = staff(&app, "medewerker-sanne").await;
    sanne.get(&format!("/staff/inwoners/{jan}?doel=klacht")).await;
    let mut inge = staff(&app, "medewerker-inge").await;
    inge.get("/staff/verwerkingen").await;
    let named = inge.post_form("/api/processing_log_subject", &[("bsn", "999993653"), ("from", ""), ("until", "")]).await;
    assert_eq!(named.status, 302, "{}", named.body);
    let location = named.header("location").to_string();
    assert_eq!(location, format!("/staff/verwerkingen?inwoner={jan}"));
    assert!(!location.contains("999993653"));
    let page = inge.get(&location).await;
    assert!(page.body.contains("Sanne de Vries") && page.body.contains("klacht") && page.body.contains("*****3653"), "{}", page.body);
    assert!(!page.body.contains("999993653"));
    let csv = inge.get(&format!("/staff/verwerkingen/export?inwoner={jan}")).await;
    assert_eq!(csv.status, 200);
    assert!(csv.header("content-type").starts_with("text/csv"));
    assert!(csv.body.starts_with("tijdstip;medewerker;rol;team;inwoner") && csv.body.contains("\"Je klacht behandelen\""), "the purpose in words: {}", csv.body);
    // A period without anything in it; a malformed day is refused.
    let empty = inge.get(&format!("/staff/verwerkingen?inwoner={jan}&van=2020-01-01&tot=2020-01-31")).await;
    assert!(empty.body.contains("Geen verwerkingen gevonden."));
    assert_eq!(inge.call("search_processing_log", "from=gisteren").await.status, 422);
    // Nobody else reads it.
    assert_eq!(sanne.get("/staff/verwerkingen").await.status, 403);
    assert_eq!(sanne.get(&format!("/staff/verwerkingen/export?inwoner={jan}")).await.status, 403);
});

app_test!(a_resident_is_found_by_an_address_only_once_they_confirmed_it, |app, mail| {
    let jan = resident(&app, "999993653").await;
    let mut sanne = staff(&app, "medewerker-sanne").await;
    sanne.get("/staff/inwoners").await;
    let search = |q: &'static str| [("q", q), ("born", "")];
    let mut jan_browser = app.browser();
    jan_browser.login("resident", "inwoner-jan", "midden").await;
    crate::notice::confirm_address(&app, &mail, &mut jan_browser, "jan@example.nl").await;
    // Given but not confirmed: it finds nobody (anyone can type any address).
    let mut kees = app.browser();
    kees.login("resident", "inwoner-kees", "midden").await;
    assert_eq!(kees.post_form("/api/request_notification_code", &[("email", "kees@example.nl")]).await.status, 302);
    assert_eq!(sanne.post_form("/api/search", &search("kees@example.nl")).await.header("location"), "/staff/inwoners?geen=1");
    assert_eq!(sanne.post_form("/api/search", &search("jan@example.nl")).await.header("location"), format!("/staff/inwoners/{jan}"));
    assert_eq!(sanne.post_form("/api/search", &search("piet@example.nl")).await.header("location"), "/staff/inwoners?geen=1");
    assert_eq!(sanne.call("search", "q=niet-een-adres@&born=").await.status, 422);
});

app_test!(two_identities_of_one_person_show_one_contact_history_until_the_link_is_undone, |app| {
    let jan = resident(&app, "999993653").await;
    let kees = resident(&app, "999991723").await;
    let fatima = resident(&app, "999990019").await;
    for (subject, topic) in [("inwoner-jan", "Grofvuil"), ("inwoner-kees", "Paspoort verloren")] {
        let mut r = app.browser();
        r.login("resident", subject, "midden").await;
        let sent = r.post_files("/mijn/berichten", &[("client_id", &uuid::Uuid::new_v4().to_string()), ("subject", topic), ("body", "Kunt u helpen?")], &[]).await;
        assert_eq!(sent.status, 303, "{}", sent.body);
    }
    let mut sanne = staff(&app, "medewerker-sanne").await;
    let view = sanne.get(&format!("/staff/inwoners/{jan}?doel=klantcontact")).await;
    assert!(view.body.contains("Grofvuil") && !view.body.contains("Paspoort verloren"), "{}", view.body);
    assert!(view.body.contains("Dezelfde persoon") && view.body.contains("action=\"/api/link_identity\""), "{}", view.body);

    // The other BSN must pass the 11-test, be known, not be his own; a reason is needed.
    let link = |bsn: &str, reason: &str| format!("resident={jan}&bsn={bsn}&reason={reason}&purpose=klantcontact");
    assert_eq!(sanne.call("link_identity", &link("999991723", "")).await.status, 422);
    assert_eq!(sanne.call("link_identity", &link("999993654", "BRP+samenvoeging")).await.status, 422);
    assert_eq!(sanne.call("link_identity", &link("999990020", "BRP+samenvoeging")).await.status, 422, "nobody has this BSN");
    assert_eq!(sanne.call("link_identity", &link("999993653", "BRP+samenvoeging")).await.status, 422, "his own");
    let (jan_before, kees_before) = (log_count(&app, jan).await, log_count(&app, kees).await);
    let linked = sanne.post_form("/api/link_identity", &[("resident", &jan.to_string()), ("bsn", "999991723"), ("reason", "BRP meldt samenvoeging persoonslijsten"), ("purpose", "klantcontact")]).await;
    assert_eq!(linked.status, 302, "{}", linked.body);
    assert_eq!(linked.header("location"), format!("/staff/inwoners/{jan}?doel=klantcontact&gekoppeld=1#zelfde-persoon"));
    assert_eq!(sanne.call("link_identity", &link("999991723", "Nog+een+keer")).await.status, 409, "linked once");
    assert_eq!((log_count(&app, jan).await, log_count(&app, kees).await), (jan_before + 1, kees_before + 1), "the link is logged for both");

    // One history: both identities' conversations, in Jan's view and in Kees'; reading Kees' part is logged for him.
    let view = sanne.get(&format!("/staff/inwoners/{jan}?doel=klantcontact&gekoppeld=1")).await;
    assert!(view.body.contains("De identiteiten zijn gekoppeld") && view.body.contains("Kees de Boer") && view.body.contains("*****1723"), "{}", view.body);
    assert!(view.body.contains("Grofvuil") && view.body.contains("Paspoort verloren"), "{}", view.body);
    assert!(!view.body.contains("999991723"), "the other BSN is masked");
    assert_eq!(log_count(&app, kees).await, kees_before + 2, "showing Kees' history is a read of his data");
    let from_kees = sanne.get(&format!("/staff/inwoners/{kees}?doel=klantcontact")).await;
    assert!(from_kees.body.contains("Grofvuil") && from_kees.body.contains("Jan Jansen"), "{}", from_kees.body);
    // Residents still see only their own.
    let mut jan_browser = app.browser();
    jan_browser.login("resident", "inwoner-jan", "midden").await;
    let own = jan_browser.get("/mijn/berichten").await;
    assert!(own.body.contains("Grofvuil") && !own.body.contains("Paspoort verloren"), "{}", own.body);

    // Undone (with a reason), from either side: someone else's link is not found.
    let links = db::identity_link::others_of(app.db(), jan).await.unwrap();
    assert_eq!(links.len(), 1);
    let unlink = |who: ResidentId, reason: &str| format!("resident={who}&link={}&reason={reason}&purpose=klantcontact", links[0].id);
    assert_eq!(sanne.call("unlink_identity", &unlink(fatima, "Vergissing")).await.status, 404);
    assert_eq!(sanne.call("unlink_identity", &unlink(kees, "")).await.status, 422);
    assert_eq!(sanne.call("unlink_identity", &unlink(kees, "Toch+twee+personen")).await.status, 200);
    assert_eq!(log_count(&app, fatima).await, 0);
    let view = sanne.get(&format!("/staff/inwoners/{jan}?doel=klantcontact")).await;
    assert!(view.body.contains("Grofvuil") && !view.body.contains("Paspoort verloren") && !view.body.contains("Kees de Boer"), "{}", view.body);
    let rows = db::processing_log::search(app.db(), &db::processing_log::Search { resident: Some(kees), ..Default::default() }, 100).await.unwrap();
    let reasons: Vec<_> = rows.iter().filter(|r| r.category == "identiteit").filter_map(|r| r.reason.clone()).collect();
    assert_eq!(reasons.len(), 2, "the link and its undo, each with its reason: {reasons:?}");

    // An administrator reads no resident data, and links nobody.
    let mut bram = staff(&app, "medewerker-bram").await;
    assert_eq!(bram.call("link_identity", &link("999991723", "BRP")).await.status, 403);
});
