//! Need to know: every page, server function and handler answers each
//! role exactly as the permission matrix says (a table written here, from
//! the issue, not read from the code); a route missing from the policy
//! table fails; a foreign team's conversation and a case above one's
//! clearance do not exist; a role removed counts from the next request.

use std::collections::BTreeSet;

use app::backend::auth::policy::{self, ROUTES};
use app::backend::db;

use crate::support::{app_test, Browser, TestApp};

/// Who asks: nobody, a resident, and one staff member per role.
const PERSONAS: [&str; 7] = ["anonymous", "resident", "kcc", "specialist", "teamleider", "beheerder", "privacy"];

/// What each route lets through, by persona. `staff` is every staff role;
/// `signed-in` everyone logged in. Written from the matrix in the issue:
/// administrators configure but read no resident data, the privacy
/// officer reads the log, team leads and specialists work their teams.
pub(crate) const EXPECTED: &[(&str, &str)] = &[
    ("/mijn", "resident"),
    ("/mijn/gegevens", "resident"),
    ("/mijn/gegevens/download", "resident"),
    ("/mijn/gegevens/download/live", "resident"),
    ("/mijn/gegevens/download/:id/:format", "resident"),
    ("/mijn/zaken/:id", "resident"),
    ("/mijn/zaken/:id/documenten", "resident"),
    ("/mijn/zaken/:id/documenten/:document", "resident"),
    ("/mijn/zaken/:id/afspraak/:todo", "resident"),
    ("/mijn/afspraken/:id", "resident"),
    ("/mijn/afspraken/:id/verzetten", "resident"),
    ("/mijn/afspraken/:id/agenda.ics", "resident"),
    ("/mijn/toestemmingen", "resident"),
    ("/mijn/inzage", "resident"),
    ("/mijn/berichten", "resident"),
    ("/mijn/berichten/nieuw", "resident"),
    ("/mijn/berichten/:id", "resident"),
    ("/mijn/berichten/:id/live", "resident"),
    ("/mijn/berichten/:id/bijlagen/:attachment", "resident"),
    ("/mijn/berichten/overnemen/:token", "resident"),
    ("/mijn/terugbellen/nieuw", "resident"),
    ("/mijn/terugbellen/live", "resident"),
    ("/mijn/terugbellen/:id", "resident"),
    ("/staff", "staff"),
    ("/staff/inloggen", "anyone"),
    ("/staff/geen-toegang", "anyone"),
    ("/staff/zaken", "specialist teamleider"),
    ("/staff/zaken/:id", "specialist teamleider"),
    ("/staff/zaken/:id/documenten", "specialist teamleider"),
    ("/staff/zaken/:id/documenten/:document", "specialist teamleider"),
    ("/staff/zaken/:id/afspraak", "specialist teamleider"),
    ("/staff/afspraken", "specialist teamleider"),
    ("/staff/gesprekken", "kcc specialist teamleider"),
    ("/staff/gesprekken/nieuw", "kcc specialist teamleider"),
    ("/staff/gesprekken/:id", "kcc specialist teamleider"),
    ("/staff/gesprekken/live", "kcc specialist teamleider"),
    ("/staff/gesprekken/:id/live", "kcc specialist teamleider"),
    ("/staff/gesprekken/:id/bijlagen/:attachment", "kcc specialist teamleider"),
    ("/staff/telefoon", "kcc specialist teamleider"),
    ("/staff/antwoorden", "kcc specialist teamleider beheerder"),
    ("/staff/routering", "beheerder"),
    ("/staff/sluitingsdagen", "beheerder"),
    ("/staff/terugbellen", "kcc specialist teamleider"),
    ("/staff/terugbellen/nieuw", "kcc specialist teamleider"),
    ("/staff/terugbellen/soorten", "beheerder"),
    ("/staff/terugbellen/:id", "kcc specialist teamleider"),
    ("/staff/inwoners", "kcc specialist teamleider"),
    ("/staff/inwoners/:id", "kcc specialist teamleider"),
    ("/staff/inwoners/:id/toestemmingen", "kcc specialist teamleider"),
    ("/staff/toestemmingen", "beheerder"),
    ("/staff/verwerkingen", "privacy"),
    ("/staff/verwerkingen/export", "privacy"),
    ("/staff/privacyverzoeken", "privacy"),
    ("/staff/privacyverzoeken/:id", "privacy"),
    ("/staff/bewaartermijnen", "beheerder privacy"),
    ("/staff/statistieken", "teamleider beheerder"),
    ("/staff/statistieken/export", "teamleider beheerder"),
    ("/staff/statistieken/kanaalsturing", "teamleider beheerder"),
    ("/staff/werkvoorraad/live", "staff"),
    ("/staff/sneltoetsen", "kcc specialist teamleider"),
    ("/api/current_session", "anyone"),
    ("/api/extend_session", "signed-in"),
    ("/api/list_case_types", "anyone"),
    ("/api/satisfaction_question", "anyone"),
    ("/api/answer_satisfaction", "anyone"),
    ("/api/refuse_satisfaction", "anyone"),
    ("/api/rate_my_conversation", "resident"),
    ("/api/refuse_my_satisfaction", "resident"),
    ("/api/my_details", "resident"),
    ("/api/list_my_cases", "resident"),
    ("/api/get_my_case", "resident"),
    ("/api/list_my_appointments", "resident"),
    ("/api/cancel_appointment", "resident"),
    ("/api/my_appointment", "resident"),
    ("/api/todo_slot_choice", "resident"),
    ("/api/move_slot_choice", "resident"),
    ("/api/book_appointment", "resident"),
    ("/api/move_appointment", "resident"),
    ("/api/answer_todo", "resident"),
    ("/api/confirm_todo", "resident"),
    ("/api/pay_todo", "resident"),
    ("/api/my_payment", "resident"),
    ("/api/list_my_conversations", "resident"),
    ("/api/list_my_open_conversations", "resident"),
    ("/api/get_my_conversation", "resident"),
    ("/api/get_message_form", "resident"),
    ("/api/handover_preview", "resident"),
    ("/api/choose_reply_channel", "resident"),
    ("/api/get_callback_form", "resident kcc specialist teamleider"),
    ("/api/request_callback", "resident"),
    ("/api/my_callbacks", "resident"),
    ("/api/my_callback", "resident"),
    ("/api/add_callback_info", "resident"),
    ("/api/cancel_callback", "resident"),
    ("/api/my_consents", "resident"),
    ("/api/change_my_consent", "resident"),
    ("/api/my_processing_log", "resident"),
    ("/api/my_notification_setting", "resident"),
    ("/api/request_notification_code", "resident"),
    ("/api/confirm_notification_code", "resident"),
    ("/api/stop_notifications", "resident"),
    ("/api/my_phone_setting", "resident"),
    ("/api/request_phone_code", "resident"),
    ("/api/confirm_phone_code", "resident"),
    ("/api/remove_phone", "resident"),
    ("/api/set_preferred_channel", "resident"),
    ("/api/my_linked_addresses", "resident"),
    ("/api/unlink_address", "resident"),
    ("/api/my_data_export", "resident"),
    ("/api/request_data_export", "resident"),
    ("/api/my_privacy_requests", "resident"),
    ("/api/send_privacy_request", "resident"),
    ("/api/staff_frame", "anyone"),
    ("/api/staff_today", "staff"),
    ("/api/load_statistics", "teamleider beheerder"),
    ("/api/load_steering", "teamleider beheerder"),
    ("/api/load_inbox", "kcc specialist teamleider"),
    ("/api/get_conversation", "kcc specialist teamleider"),
    ("/api/reply_to_conversation", "kcc specialist teamleider"),
    ("/api/add_note", "kcc specialist teamleider"),
    ("/api/offer_handover", "kcc specialist teamleider"),
    ("/api/assign_conversation", "kcc specialist teamleider"),
    ("/api/link_conversation_case", "kcc specialist teamleider"),
    ("/api/close_conversation", "kcc specialist teamleider"),
    ("/api/record_contact", "kcc specialist teamleider"),
    ("/api/new_contact_form", "kcc specialist teamleider"),
    ("/api/start_conversation", "kcc specialist teamleider"),
    ("/api/merge_conversation", "kcc specialist teamleider"),
    ("/api/unmerge_conversation", "kcc specialist teamleider"),
    ("/api/route_conversation", "kcc specialist teamleider"),
    ("/api/identify_contact", "kcc specialist teamleider"),
    ("/api/link_identity", "kcc specialist teamleider"),
    ("/api/unlink_identity", "kcc specialist teamleider"),
    ("/api/list_active_calls", "kcc specialist teamleider"),
    ("/api/routing_rules", "beheerder"),
    ("/api/add_routing_rule", "beheerder"),
    ("/api/delete_routing_rule", "beheerder"),
    ("/api/closed_days", "beheerder"),
    ("/api/add_closed_day", "beheerder"),
    ("/api/remove_closed_day", "beheerder"),
    ("/api/list_open_cases", "specialist teamleider"),
    ("/api/get_case_for_staff", "specialist teamleider"),
    ("/api/advance_case", "specialist teamleider"),
    ("/api/ask_todo", "specialist teamleider"),
    ("/api/case_slot_choice", "specialist teamleider"),
    ("/api/book_appointment_for_case", "specialist teamleider"),
    ("/api/list_team_appointments", "specialist teamleider"),
    ("/api/callback_worklist", "kcc specialist teamleider"),
    ("/api/get_callback", "kcc specialist teamleider"),
    ("/api/create_callback", "kcc specialist teamleider"),
    ("/api/record_callback_attempt", "kcc specialist teamleider"),
    ("/api/hand_over_callback", "kcc specialist teamleider"),
    ("/api/close_callback", "kcc specialist teamleider"),
    ("/api/callback_types", "beheerder"),
    ("/api/update_callback_type", "beheerder"),
    ("/api/search_answers", "kcc specialist teamleider beheerder"),
    ("/api/get_answer", "kcc specialist teamleider beheerder"),
    ("/api/create_answer", "teamleider beheerder"),
    ("/api/update_answer", "teamleider beheerder"),
    ("/api/search", "kcc specialist teamleider"),
    ("/api/found_conversations", "kcc specialist teamleider"),
    ("/api/conversation_context", "kcc specialist teamleider"),
    ("/api/found_residents", "kcc specialist teamleider"),
    ("/api/client_view", "kcc specialist teamleider"),
    ("/api/resident_consents", "kcc specialist teamleider"),
    ("/api/record_consent", "kcc specialist teamleider"),
    ("/api/record_relocation", "kcc specialist teamleider"),
    ("/api/publish_consent_text", "beheerder"),
    ("/api/consent_purposes", "beheerder"),
    ("/api/search_processing_log", "privacy"),
    ("/api/processing_log_subject", "privacy"),
    ("/api/privacy_request_worklist", "privacy"),
    ("/api/get_privacy_request", "privacy"),
    ("/api/answer_privacy_request", "privacy"),
    ("/api/retention_overview", "beheerder privacy"),
    ("/api/set_case_type_retention", "beheerder"),
    ("/api/set_retention_term", "beheerder"),
    ("/api/set_channel_setting", "beheerder"),
    ("/api/set_repeat_window", "beheerder"),
    ("/api/retention_dry_run", "beheerder"),
];

fn allowed(expected: &str, persona: &str) -> bool {
    let staff = !matches!(persona, "anonymous" | "resident");
    expected.split_whitespace().any(|who| match who {
        "anyone" => true,
        "signed-in" => persona != "anonymous",
        "staff" => staff,
        role => role == persona,
    })
}

async fn persona<'a>(app: &'a TestApp, who: &str) -> Browser<'a> {
    let mut b = app.browser();
    let subject = match who {
        "anonymous" => return b,
        // At the level Mijn gegevens and the download need: this test is about roles.
        "resident" => ("resident", "inwoner-jan", "substantieel"),
        "kcc" => ("staff", "medewerker-sanne", ""),
        "specialist" => ("staff", "medewerker-ahmed", ""),
        "teamleider" => ("staff", "medewerker-petra", ""),
        "beheerder" => ("staff", "medewerker-bram", ""),
        "privacy" => ("staff", "medewerker-inge", ""),
        other => panic!("unknown persona {other}"),
    };
    b.login(subject.0, subject.1, subject.2).await;
    b
}

/// The guarded routes the router has: every page of the route table, every
/// server function, and every route the axum handlers declare (read from
/// their source, so a new handler is seen the moment it is written).
pub(crate) fn router_routes() -> BTreeSet<String> {
    let mut routes: BTreeSet<String> = server::startup::page_paths().into_iter().collect();
    for (path, _) in leptos::server_fn::axum::server_fn_paths() {
        routes.insert(path.to_string());
    }
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/http");
    for entry in std::fs::read_dir(dir).unwrap() {
        let source = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        for part in source.split(".route(\"").skip(1) {
            let path = part.split('"').next().unwrap();
            // `{id}` in axum is `:id` in the table.
            let path: Vec<String> = path.split('/').map(|s| s.strip_prefix('{').and_then(|s| s.strip_suffix('}')).map(|p| format!(":{p}")).unwrap_or(s.to_string())).collect();
            routes.insert(path.join("/"));
        }
    }
    routes.into_iter().filter(|r| policy::guarded(r)).collect()
}

#[test]
fn every_guarded_route_of_the_router_is_in_the_policy_table_and_the_expectations() {
    let table: BTreeSet<String> = ROUTES.iter().map(|(p, _)| p.to_string()).collect();
    let expected: BTreeSet<String> = EXPECTED.iter().map(|(p, _)| p.to_string()).collect();
    let router = router_routes();
    let normalise = |set: &BTreeSet<String>| -> BTreeSet<String> {
        set.iter().map(|p| p.split('/').map(|s| if s.starts_with(':') || s.starts_with('{') { ":" } else { s }).collect::<Vec<_>>().join("/")).collect()
    };
    let (router, table, expected) = (normalise(&router), normalise(&table), normalise(&expected));
    let missing: Vec<_> = router.difference(&table).collect();
    assert!(missing.is_empty(), "routes without a policy entry (they are refused until they get one): {missing:?}");
    let stale: Vec<_> = table.difference(&router).collect();
    assert!(stale.is_empty(), "policy entries for routes that do not exist: {stale:?}");
    assert_eq!(table, expected, "every policy entry has an expectation in this test");
}

/// Fills `:params` with ids of something that exists where that helps, else fresh ones.
pub(crate) fn concrete(route: &str) -> String {
    route.split('/').map(|s| if s.starts_with(':') { uuid::Uuid::new_v4().to_string() } else { s.to_string() }).collect::<Vec<_>>().join("/")
}

app_test!(every_route_answers_each_role_as_the_matrix_says, |app| {
    let mut failures = Vec::new();
    for who in PERSONAS {
        let mut b = persona(&app, who).await;
        for (route, expected) in EXPECTED {
            // Live streams without an id never end: only their refusals are checked here.
            if matches!(*route, "/mijn/terugbellen/live" | "/mijn/gegevens/download/live" | "/staff/werkvoorraad/live" | "/staff/gesprekken/live") && allowed(expected, who) {
                continue;
            }
            let path = concrete(route);
            let api = route.starts_with("/api/");
            let post = api || route.ends_with("/documenten") && !route.contains(":document");
            let res = if post { b.post_form(&path, &[]).await } else { b.get(&path).await };
            let location = res.header("location").to_string();
            let refused_sign_in = res.status == 401 || (matches!(res.status.as_u16(), 302 | 303) && location.contains("inloggen"));
            // The refusal page itself answers 403 to everyone (it is what a refusal shows).
            let refused = refused_sign_in || (res.status == 403 && *route != "/staff/geen-toegang");
            let ok = allowed(expected, who);
            if ok == refused {
                failures.push(format!("{who} {} {route}: {} {location}", if post { "POST" } else { "GET" }, res.status));
            }
        }
    }
    assert!(failures.is_empty(), "answers not as the matrix says:\n{}", failures.join("\n"));
});

/// A conversation of the Burgerzaken team (about a driving licence: routed there by rule).
async fn civil_affairs_conversation(app: &TestApp) -> String {
    let mut kees = app.browser();
    kees.login("resident", "inwoner-kees", "midden").await;
    let asked = kees.post_files("/mijn/berichten", &[("client_id", &uuid::Uuid::new_v4().to_string()), ("subject", "Rijbewijs"), ("body", "Mijn rijbewijs is verlopen, wat nu?")], &[]).await;
    assert_eq!(asked.status, 303, "{}", asked.body);
    asked.header("location").strip_prefix("/mijn/berichten/").unwrap().split(['?', '#']).next().unwrap().to_string()
}

app_test!(a_foreign_teams_conversation_and_a_case_above_ones_clearance_do_not_exist, |app| {
    let conversation = civil_affairs_conversation(&app).await;
    // Ahmed works for Vergunningen, Werk & Inkomen and Parkeren: the driving licence question is not his.
    let mut ahmed = persona(&app, "specialist").await;
    assert_eq!(ahmed.get(&format!("/staff/gesprekken/{conversation}")).await.status, 404);
    assert_eq!(ahmed.call("get_conversation", &format!("id={conversation}")).await.status, 404);
    assert_eq!(ahmed.call("add_note", &format!("id={conversation}&client_id={}&body=x", uuid::Uuid::new_v4())).await.status, 404);
    assert_eq!(ahmed.call("close_conversation", &format!("id={conversation}&result=klaar")).await.status, 404);
    let inbox = ahmed.call("load_inbox", "").await.body;
    assert!(!inbox.contains(&conversation), "not in his inbox either");
    // Petra leads every team: she sees it.
    let mut petra = persona(&app, "teamleider").await;
    assert_eq!(petra.get(&format!("/staff/gesprekken/{conversation}")).await.status, 200);
    assert!(petra.call("load_inbox", "").await.body.contains(&conversation));

    // Fatima's special assistance case is "vertrouwelijk": Ahmed (cleared for it, his team) sees it ...
    let cases: serde_json::Value = serde_json::from_str(&ahmed.call("list_open_cases", "").await.body).unwrap();
    let assistance = cases.as_array().unwrap().iter().find(|c| c["reference"] == "Z-2026-000201").expect("Ahmed's team's case")["id"].as_str().unwrap().to_string();
    assert_eq!(ahmed.get(&format!("/staff/zaken/{assistance}")).await.status, 200);
    // ... until his clearance is lowered: from the next request it does not exist for him.
    let ahmed_id = db::staff_member::find_by_subject(app.db(), "medewerker-ahmed").await.unwrap().unwrap();
    db::staff_member::set_clearance(app.db(), ahmed_id, "zaakvertrouwelijk").await.unwrap();
    assert_eq!(ahmed.get(&format!("/staff/zaken/{assistance}")).await.status, 404);
    assert_eq!(ahmed.call("advance_case", &format!("id={assistance}&to=3")).await.status, 404);
    let cases = ahmed.call("list_open_cases", "").await.body;
    assert!(!cases.contains("Z-2026-000201"), "{cases}");

    // A callback request of the KCC: Sanne made it, Petra leads the KCC, Ahmed has nothing to do with it.
    let mut sanne = persona(&app, "kcc").await;
    let kind = db::callback::types(app.db()).await.unwrap().into_iter().find(|t| t.slug == "algemeen").unwrap().id.to_string();
    let fields = [
        ("client_id", uuid::Uuid::new_v4().to_string()),
        ("callback_type", kind),
        ("phone", "06 12345678".into()),
        ("preferred_time", String::new()),
        ("question", "Wanneer is het afvalbrengstation open?".into()),
        ("owner", "team".into()),
        ("backup", String::new()),
    ];
    let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let created = sanne.post_form("/api/create_callback", &fields).await;
    assert_eq!(created.status, 302, "{}", created.body);
    let request = created.header("location").trim_start_matches("/staff/terugbellen/").trim_end_matches("?aangemaakt=1").to_string();
    assert_eq!(ahmed.get(&format!("/staff/terugbellen/{request}")).await.status, 404);
    assert_eq!(ahmed.call("close_callback", &format!("id={request}&result=klaar")).await.status, 404);
    assert!(!ahmed.call("callback_worklist", "list=te-laat").await.body.contains(&request));
    assert_eq!(petra.get(&format!("/staff/terugbellen/{request}")).await.status, 200);
    assert_eq!(sanne.get(&format!("/staff/terugbellen/{request}")).await.status, 200);
});

const PROVISIONING_TOKEN: &str = "provisioning-secret";

/// What the staff provider's provisioning sends when someone's roles change.
async fn provision(app: &TestApp, subject: &str, body: serde_json::Value, token: &str) -> u16 {
    let req = axum::http::Request::put(format!("/provisioning/staff/{subject}"))
        .header("content-type", "application/json")
        .header("authorization", format!("Bearer {token}"))
        .body(axum::body::Body::from(body.to_string()))
        .unwrap();
    app.request(&app.router, req).await.status.as_u16()
}

async fn a_role_removed_at_the_provider_counts_from_the_next_request(kind: db::DbKind) {
    let app = TestApp::with_config(kind, |c| c.staff_provisioning_token = Some(PROVISIONING_TOKEN.to_string().into())).await;
    let mut sanne = persona(&app, "kcc").await;
    assert_eq!(sanne.get("/staff/gesprekken").await.status, 200);
    // Only the provider's provisioning, with its token, changes roles.
    assert_eq!(provision(&app, "medewerker-sanne", serde_json::json!({"roles": []}), "guess").await, 401);
    assert_eq!(provision(&app, "medewerker-onbekend", serde_json::json!({"roles": ["kcc"]}), PROVISIONING_TOKEN).await, 404);
    assert_eq!(sanne.get("/staff/gesprekken").await.status, 200);
    // The provider takes her KCC role away: her very next request is refused and her session ends.
    assert_eq!(provision(&app, "medewerker-sanne", serde_json::json!({"roles": ["Gast"]}), PROVISIONING_TOKEN).await, 204);
    let next = sanne.get("/staff/gesprekken").await;
    assert_eq!(next.status, 303);
    assert_eq!(next.header("location"), "/staff/inloggen?fout=rol");
    assert_eq!(provision(&app, "medewerker-sanne", serde_json::json!({"roles": ["kcc"]}), PROVISIONING_TOKEN).await, 204);
    assert!(sanne.get("/staff/gesprekken").await.header("location").starts_with("/staff/inloggen"), "the ended session stays ended");
    // A role changed, not removed, counts at once too; so do teams.
    let mut again = persona(&app, "kcc").await;
    let body = serde_json::json!({"roles": ["beheerder"], "teams": []});
    assert_eq!(provision(&app, "medewerker-sanne", body, PROVISIONING_TOKEN).await, 204);
    assert_eq!(again.get("/staff/gesprekken").await.status, 403);
    assert_eq!(again.get("/staff/routering").await.status, 200);
    // Deactivated: out.
    let body = serde_json::json!({"roles": ["beheerder"], "active": false});
    assert_eq!(provision(&app, "medewerker-sanne", body, PROVISIONING_TOKEN).await, 204);
    assert_eq!(again.get("/staff/routering").await.header("location"), "/staff/inloggen?fout=rol");
}

mod a_role_removed_at_the_provider {
    #[tokio::test]
    async fn sqlite() {
        super::a_role_removed_at_the_provider_counts_from_the_next_request(app::backend::db::DbKind::Sqlite).await
    }

    #[tokio::test]
    async fn postgres() {
        super::a_role_removed_at_the_provider_counts_from_the_next_request(app::backend::db::DbKind::Postgres).await
    }
}

app_test!(the_start_page_shows_only_the_places_the_role_opens, |app| {
    let mut bram = persona(&app, "beheerder").await;
    let page = bram.get("/staff").await.body;
    assert!(page.contains("/staff/routering") && page.contains("/staff/toestemmingen"), "{page}");
    assert!(!page.contains("href=\"/staff/gesprekken\"") && !page.contains("href=\"/staff/verwerkingen\""), "{page}");
    let mut sanne = persona(&app, "kcc").await;
    let page = sanne.get("/staff").await.body;
    assert!(page.contains("href=\"/staff/gesprekken\"") && page.contains("href=\"/staff/inwoners\""), "{page}");
    assert!(!page.contains("/staff/routering") && !page.contains("href=\"/staff/zaken\""), "{page}");
    assert!(page.contains("KCC-medewerker · KCC"), "role and team in the frame: {page}");
    let mut inge = persona(&app, "privacy").await;
    let page = inge.get("/staff").await.body;
    assert!(page.contains("href=\"/staff/verwerkingen\"") && !page.contains("href=\"/staff/inwoners\""), "{page}");
});
