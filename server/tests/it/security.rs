//! The whole router against the attacks a DigiD assessment tries: every
//! route and server function refuses a cross-site request, every response
//! carries the security headers (pages with a per-response script nonce
//! and no inline script without it), and every resident route answers
//! NotFound for another resident's ids.

use std::collections::BTreeMap;

use axum::{body::Body, http::Request};

use crate::policy::{concrete, router_routes, EXPECTED};
use crate::support::{app_test, Browser, TestApp, TestResponse};

/// A POST as a browser sends it from another site, with this browser's cookies.
async fn cross_site(app: &TestApp, b: &Browser<'_>, path: &str, origin: &str, host: Option<&str>) -> TestResponse {
    let cookie = b.cookies.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join("; ");
    let mut req = Request::post(path).header("content-type", "application/x-www-form-urlencoded").header("origin", origin).header("cookie", cookie);
    if let Some(host) = host {
        req = req.header("host", host);
    }
    app.request(&app.router, req.body(Body::from("id=x")).unwrap()).await
}

app_test!(every_state_changing_route_refuses_a_cross_site_request, |app| {
    let mut jan = app.browser();
    jan.login("resident", "inwoner-jan", "midden").await;
    let mut petra = app.browser();
    petra.login("staff", "medewerker-petra", "").await;
    let mut routes: Vec<String> = router_routes().into_iter().collect();
    routes.extend(["/auth/logout", "/webhooks/whatsapp", "/webhooks/sms", "/webhooks/mail", "/webhooks/telephony", "/provisioning/staff/x"].map(String::from));
    let mut failures = Vec::new();
    for route in &routes {
        let path = concrete(route);
        for b in [&jan, &petra] {
            let plain = cross_site(&app, b, &path, "https://evil.example", None).await;
            // A rebinding DNS name: Origin and Host agree, and both are someone else's.
            let rebound = cross_site(&app, b, &path, "http://evil.example", Some("evil.example")).await;
            for res in [plain, rebound] {
                if res.status != 403 {
                    failures.push(format!("{route}: {}", res.status));
                }
            }
        }
    }
    assert!(failures.is_empty(), "cross-site requests not refused:\n{}", failures.join("\n"));
    assert_eq!(jan.get("/mijn").await.status, 200, "still logged in: nothing happened");
});

/// Checks the headers every response carries; for a page also that every
/// script carries the nonce its policy names.
fn header_failures(path: &str, res: &TestResponse) -> Vec<String> {
    let mut failures = Vec::new();
    let csp = res.header("content-security-policy");
    if !csp.contains("frame-ancestors 'none'") || !csp.contains("object-src 'none'") || csp.contains("unsafe-inline") || csp.contains("unsafe-eval'") && !csp.contains("wasm-unsafe-eval") {
        failures.push(format!("{path}: content-security-policy `{csp}`"));
    }
    for (name, expected) in [("x-frame-options", "DENY"), ("x-content-type-options", "nosniff"), ("referrer-policy", "same-origin")] {
        if res.header(name) != expected {
            failures.push(format!("{path}: {name} `{}`", res.header(name)));
        }
    }
    if !res.header("permissions-policy").contains("camera=()") {
        failures.push(format!("{path}: permissions-policy"));
    }
    if res.header("content-type").starts_with("text/html") && res.body.contains("<script") {
        let nonce = csp.split("'nonce-").nth(1).and_then(|n| n.split('\'').next()).unwrap_or("");
        if nonce.len() < 16 {
            failures.push(format!("{path}: a page with scripts but no nonce in `{csp}`"));
        }
        let scripts = res.body.matches("<script").count();
        let with_nonce = res.body.matches(&format!("nonce=\"{nonce}\"")).count();
        if with_nonce < scripts {
            failures.push(format!("{path}: {scripts} scripts, {with_nonce} with the nonce"));
        }
    }
    failures
}

/// Live streams that never end for their reader: their headers are checked by the policy test's refusals only.
const LIVE_WITHOUT_ID: [&str; 4] = ["/mijn/terugbellen/live", "/mijn/gegevens/download/live", "/staff/werkvoorraad/live", "/staff/gesprekken/live"];

app_test!(every_response_carries_the_security_headers_and_pages_a_fresh_nonce, |app| {
    let mut paths: Vec<String> = server::startup::page_paths().into_iter().filter(|p| !p.contains(':') && !p.contains('*')).collect();
    paths.extend(EXPECTED.iter().map(|(route, _)| concrete(route)).filter(|p| !LIVE_WITHOUT_ID.contains(&p.as_str())));
    paths.extend(["/healthz", "/readyz", "/favicon.svg", "/bestaat-niet", "/dev-idp/.well-known/openid-configuration"].map(String::from));
    let mut failures = Vec::new();
    let mut jan = app.browser();
    jan.login("resident", "inwoner-jan", "midden").await;
    let mut petra = app.browser();
    petra.login("staff", "medewerker-petra", "").await;
    for path in &paths {
        for b in [&mut jan, &mut petra] {
            let res = b.get(path).await;
            failures.extend(header_failures(path, &res));
        }
        failures.extend(header_failures(path, &app.get(path).await));
    }
    // A POST's answer too (a server function, refused or not).
    let res = jan.call("list_my_cases", "").await;
    failures.extend(header_failures("/api/list_my_cases", &res));
    assert!(failures.is_empty(), "responses without their security headers:\n{}", failures.join("\n"));
    // The nonce is new on every response.
    let first = app.get("/").await.header("content-security-policy").to_string();
    let second = app.get("/").await.header("content-security-policy").to_string();
    assert!(first.contains("'nonce-") && first != second, "{first}");
});

/// Fatima's things, as ids by the name of the route parameter they fill.
async fn fatimas_ids(app: &TestApp) -> BTreeMap<&'static str, String> {
    const PNG: &[u8] = crate::support::FAKE_PNG;
    const PDF: &[u8] = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n";
    let mut fatima = app.browser();
    fatima.login("resident", "inwoner-fatima", "midden").await;
    let cases: serde_json::Value = serde_json::from_str(&fatima.call("list_my_cases", "").await.body).unwrap();
    let case = cases["todos"][0]["case_id"].as_str().unwrap().to_string();
    let todo = cases["todos"][0]["id"].as_str().unwrap().to_string();
    assert_eq!(fatima.post_file(&format!("/mijn/zaken/{case}/documenten"), &[("todo", &todo)], "afschrift.pdf", PDF).await.status, 303);
    let detail: serde_json::Value = serde_json::from_str(&fatima.call("get_my_case", &format!("id={case}")).await.body).unwrap();
    let document = detail["documents"][0]["id"].as_str().unwrap().to_string();
    let asked = fatima.post_files("/mijn/berichten", &[("client_id", &uuid::Uuid::new_v4().to_string()), ("subject", "Foto"), ("body", "Hier is de foto.")], &[("foto.png", PNG)]).await;
    let conversation = asked.header("location").trim_start_matches("/mijn/berichten/").split(['?', '#']).next().unwrap().to_string();
    let thread: serde_json::Value = serde_json::from_str(&fatima.call("get_my_conversation", &format!("id={conversation}")).await.body).unwrap();
    let attachment = thread["messages"][0]["attachments"][0]["id"].as_str().unwrap().to_string();
    let kind = app::backend::db::callback::types(app.db()).await.unwrap().into_iter().find(|t| t.slug == "inkomen").unwrap().id.to_string();
    let requested = fatima
        .post_form("/api/request_callback", &[("client_id", &uuid::Uuid::new_v4().to_string()), ("callback_type", &kind), ("phone", "0612345678"), ("preferred_time", ""), ("question", "Bel mij")])
        .await;
    let callback = requested.header("location").trim_start_matches("/mijn/terugbellen/").split(['?', '#']).next().unwrap().to_string();
    // Two open to-dos Ahmed asks of her: a question, and a talk to book.
    let mut ahmed = app.browser();
    ahmed.login("staff", "medewerker-ahmed", "").await;
    let staff_view: serde_json::Value = serde_json::from_str(&ahmed.call("get_case_for_staff", &format!("id={case}")).await.body).unwrap();
    let product = staff_view["products"][0]["id"].as_str().unwrap().to_string();
    for (kind, title) in [("answer", "Vraag"), ("appointment", "Gesprek"), ("pay", "Leges")] {
        let asked = ahmed.post_form("/api/ask_todo", &[("case", &case), ("kind", kind), ("title", title), ("due_on", "2026-12-31"), ("product", &product), ("amount", "5")]).await;
        assert_eq!(asked.status, 302, "{}", asked.header("location"));
    }
    let open: serde_json::Value = serde_json::from_str(&fatima.call("list_my_cases", "").await.body).unwrap();
    let todo_of = |kind: &str| open["todos"].as_array().unwrap().iter().find(|t| t["kind"] == kind).unwrap()["id"].as_str().unwrap().to_string();
    let (question, talk, fee) = (todo_of("Answer"), todo_of("Appointment"), todo_of("Pay"));
    // A payment she started for another one of hers (the fee stays open).
    ahmed.post_form("/api/ask_todo", &[("case", &case), ("kind", "pay"), ("title", "Leges 2"), ("due_on", "2026-12-31"), ("amount", "5")]).await;
    let open: serde_json::Value = serde_json::from_str(&fatima.call("list_my_cases", "").await.body).unwrap();
    let second = open["todos"].as_array().unwrap().iter().find(|t| t["title"] == "Leges 2").unwrap()["id"].as_str().unwrap().to_string();
    let checkout = fatima.post_form("/api/pay_todo", &[("todo", &second)]).await.header("location").to_string();
    let reference = checkout.rsplit('/').next().unwrap();
    let payment = app::backend::db::payment::find_by_reference(app.db(), reference).await.unwrap().expect("her payment").id.to_string();
    // An address staff linked to her when they identified her on the phone.
    let db = app.db();
    let fatima_id = app::backend::db::conversation::find(db, conversation.parse().unwrap()).await.unwrap().unwrap().resident_id.unwrap();
    let sanne = app::backend::db::staff_member::find_by_subject(db, "medewerker-sanne").await.unwrap().expect("Sanne");
    let mut tx = db.begin().await.unwrap();
    let now = app::backend::clock::Clock::now(app.clock.as_ref());
    app::backend::db::contact_address::link(&mut tx, fatima_id, "phone", "+31611112222", sanne, now).await.unwrap();
    tx.commit().await.unwrap();
    let linked = app::backend::db::contact_address::linked_of(db, fatima_id).await.unwrap()[0].id.to_string();
    BTreeMap::from([
        ("linked", linked),
        ("case", case),
        ("document", document),
        ("conversation", conversation),
        ("attachment", attachment),
        ("callback", callback),
        ("question", question),
        ("talk", talk),
        ("fee", fee),
        ("payment", payment),
    ])
}

/// Resident server functions that take no id: they only ever read or change the caller's own things.
const WITHOUT_ID: &[&str] = &[
    "/api/my_details",
    "/api/list_my_cases",
    "/api/list_my_appointments",
    "/api/list_my_conversations",
    "/api/list_my_open_conversations",
    "/api/get_message_form",
    "/api/handover_preview",
    "/api/request_callback",
    "/api/my_callbacks",
    "/api/my_consents",
    "/api/change_my_consent",
    "/api/my_processing_log",
    "/api/my_notification_setting",
    "/api/request_notification_code",
    "/api/confirm_notification_code",
    "/api/stop_notifications",
    "/api/my_phone_setting",
    "/api/request_phone_code",
    "/api/confirm_phone_code",
    "/api/remove_phone",
    "/api/set_preferred_channel",
    "/api/my_data_export",
    "/api/request_data_export",
    "/api/my_privacy_requests",
    "/api/send_privacy_request",
    "/api/my_linked_addresses",
];

/// Resident server functions with an `id`, and what kind of thing it names.
const WITH_ID: &[(&str, &str, &str)] = &[
    ("/api/get_my_case", "case", ""),
    ("/api/get_my_conversation", "conversation", ""),
    ("/api/choose_reply_channel", "conversation", "&channel=portal"),
    ("/api/rate_my_conversation", "conversation", "&score=4"),
    ("/api/refuse_my_satisfaction", "conversation", ""),
    ("/api/my_callback", "callback", ""),
    ("/api/add_callback_info", "callback", "&info=Nog+iets"),
    ("/api/cancel_callback", "callback", ""),
    ("/api/cancel_appointment", "appointment", ""),
    ("/api/my_appointment", "appointment", ""),
    ("/api/move_slot_choice", "appointment", ""),
    ("/api/move_appointment", "appointment", "&location=00000000-0000-4000-8000-000000000000&starts=2026-11-25T09:00"),
    ("/api/answer_todo", "question", "&answer=Ja"),
    ("/api/confirm_todo", "question", ""),
    ("/api/todo_slot_choice", "talk", ""),
    ("/api/book_appointment", "talk", "&location=00000000-0000-4000-8000-000000000000&starts=2026-11-25T09:00"),
    ("/api/pay_todo", "fee", ""),
    ("/api/my_payment", "payment", ""),
    ("/api/unlink_address", "linked", ""),
];

/// The name of the parameter that carries a thing's id: a to-do's server functions name it `todo`.
fn id_parameter(kind: &str) -> &'static str {
    if matches!(kind, "question" | "talk" | "fee") { "todo" } else { "id" }
}

app_test!(every_resident_route_answers_not_found_for_another_residents_ids, |app| {
    let mut ids = fatimas_ids(&app).await;
    let mut jan = app.browser();
    jan.login("resident", "inwoner-jan", "midden").await;
    // Jan's appointment is the foreign one for Fatima.
    let appointments: serde_json::Value = serde_json::from_str(&jan.call("list_my_appointments", "").await.body).unwrap();
    ids.insert("appointment", appointments[0]["id"].as_str().expect("Jan's seeded appointment").to_string());
    let mut fatima = app.browser();
    fatima.login("resident", "inwoner-fatima", "midden").await;
    let mut failures = Vec::new();
    // Every resident page and handler with an id in its path.
    for (route, who) in EXPECTED {
        if *who != "resident" || !route.contains(':') || route.starts_with("/api/") || route.contains(":token") {
            continue;
        }
        let kind = if route.starts_with("/mijn/zaken") {
            "case"
        } else if route.starts_with("/mijn/berichten") {
            "conversation"
        } else if route.starts_with("/mijn/afspraken") {
            "appointment"
        } else {
            "callback"
        };
        let path: Vec<String> = route
            .split('/')
            .map(|s| match s {
                ":id" => ids[kind].clone(),
                ":document" => ids["document"].clone(),
                ":attachment" => ids["attachment"].clone(),
                ":todo" => ids["talk"].clone(),
                other => other.to_string(),
            })
            .collect();
        let path = path.join("/");
        let caller = if kind == "appointment" { &mut fatima } else { &mut jan };
        let got = caller.get(&path).await.status;
        let posted = caller.post_files(&path, &[("client_id", &uuid::Uuid::new_v4().to_string()), ("body", "x"), ("todo", &uuid::Uuid::new_v4().to_string())], &[]).await.status;
        if !matches!(got.as_u16(), 404 | 405) || !matches!(posted.as_u16(), 404 | 405) {
            failures.push(format!("{route}: GET {got}, POST {posted}"));
        }
    }
    // Every resident server function: those with an id are checked with Fatima's; the rest take none.
    let resident_api: Vec<&str> = EXPECTED.iter().filter(|(r, who)| r.starts_with("/api/") && *who == "resident").map(|(r, _)| *r).collect();
    for endpoint in &resident_api {
        let listed = WITH_ID.iter().any(|(e, _, _)| e == endpoint) || WITHOUT_ID.contains(endpoint);
        assert!(listed, "{endpoint}: a resident server function this test does not know; add it to WITH_ID or WITHOUT_ID");
    }
    for (endpoint, kind, rest) in WITH_ID {
        let caller = if *kind == "appointment" { &mut fatima } else { &mut jan };
        let res = caller.call(endpoint.trim_start_matches("/api/"), &format!("{}={}{rest}", id_parameter(kind), ids[kind])).await;
        if res.status != 404 {
            failures.push(format!("{endpoint}: {}", res.status));
        }
    }
    assert!(failures.is_empty(), "another resident's ids answered:\n{}", failures.join("\n"));
});
