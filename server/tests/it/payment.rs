//! Paying a pay to-do through the local test provider: its checkout page,
//! its notification over real HTTP to Loket's webhook, and the faults
//! (a notification twice, one before anything was decided, an unknown
//! payment, a payment declined).

use crate::support::{app_test, Browser, TestApp};

/// Ahmed asks Jan to pay for his parking permit; Jan's case and the to-do.
async fn jan_asked_to_pay(app: &TestApp) -> (Browser<'_>, String, String) {
    let mut jan = app.browser();
    jan.login("resident", "inwoner-jan", "midden").await;
    let cases: serde_json::Value = serde_json::from_str(&jan.call("list_my_cases", "").await.body).unwrap();
    let case = cases["open"].as_array().unwrap().iter().find(|c| c["case_type"] == "Parkeervergunning").unwrap()["id"].as_str().unwrap().to_string();
    let mut ahmed = app.browser();
    ahmed.login("staff", "medewerker-ahmed", "").await;
    let wrong = ahmed.post_form("/api/ask_todo", &[("case", &case), ("kind", "pay"), ("title", "Betaal de leges"), ("due_on", "2026-12-04"), ("amount", "twaalf")]).await;
    assert!(wrong.header("location").contains("__err="), "an unreadable amount is refused");
    let asked = ahmed.post_form("/api/ask_todo", &[("case", &case), ("kind", "pay"), ("title", "Betaal de leges"), ("due_on", "2026-12-04"), ("amount", "12,50")]).await;
    assert_eq!(asked.status, 302, "{}", asked.header("location"));
    let cases: serde_json::Value = serde_json::from_str(&jan.call("list_my_cases", "").await.body).unwrap();
    let todo = cases["todos"].as_array().unwrap().iter().find(|t| t["kind"] == "Pay").unwrap()["id"].as_str().unwrap().to_string();
    (jan, case, todo)
}

fn open_todos(cases: &str) -> usize {
    let cases: serde_json::Value = serde_json::from_str(cases).unwrap();
    cases["todos"].as_array().unwrap().iter().filter(|t| t["kind"] == "Pay").count()
}

app_test!(a_resident_pays_at_the_provider_and_its_notification_completes_the_todo_once, |app| {
    let (mut jan, case, todo) = jan_asked_to_pay(&app).await;
    let page = jan.get(&format!("/mijn/zaken/{case}")).await;
    assert!(page.body.contains("Bedrag: € 12,50") && page.body.contains(">Betalen<"));
    let started = jan.post_form("/api/pay_todo", &[("todo", &todo)]).await;
    assert_eq!(started.status, 302, "{}", started.body);
    let checkout = started.header("location").to_string();
    assert!(checkout.starts_with("/betalen/test/tp_"), "{checkout}");
    let reference = checkout.rsplit('/').next().unwrap().to_string();

    // Before anyone decided: a notification (forged or early) changes nothing.
    let early = app.request(&app.router, webhook(&reference)).await;
    assert_eq!(early.status, 200);
    assert_eq!(open_todos(&jan.call("list_my_cases", "").await.body), 1);

    let shown = jan.get(&checkout).await;
    assert!(shown.body.contains("€ 12,50") && shown.body.contains("Parkeervergunning"));
    assert!(!shown.body.contains("Jan"), "nothing about the resident goes to the provider");
    // Paying: the provider calls Loket's webhook over HTTP, then sends Jan back.
    let paid = jan.post_form(&checkout, &[("outcome", "paid")]).await;
    assert_eq!(paid.status, 303, "{}", paid.body);
    let back = paid.header("location").to_string();
    assert!(back.starts_with(&format!("{}/mijn/zaken/{case}?betaling=", app.base_url)), "{back}");
    assert_eq!(open_todos(&jan.call("list_my_cases", "").await.body), 0, "the webhook settled it");
    let page = jan.get(&back).await;
    assert!(page.body.contains("Je betaling is gelukt."));

    // The same notification again, and one for a payment nobody made.
    assert_eq!(app.request(&app.router, webhook(&reference)).await.status, 200);
    assert_eq!(app.request(&app.router, webhook("tp_unknown")).await.status, 404);
    let row = app::backend::db::payment::find_by_reference(app.db(), &reference).await.unwrap().unwrap();
    assert_eq!(row.status, "paid");
    // Another resident cannot read how Jan's payment went.
    let mut kees = app.browser();
    kees.login("resident", "inwoner-kees", "midden").await;
    assert_eq!(kees.call("my_payment", &format!("id={}", row.id)).await.status, 404);
    assert_eq!(kees.call("pay_todo", &format!("todo={todo}")).await.status, 404);
    // Paying a done to-do again is not offered.
    assert_eq!(jan.call("pay_todo", &format!("todo={todo}")).await.status, 404);
});

app_test!(a_declined_payment_leaves_the_todo_open_to_try_again, |app| {
    let (mut jan, _case, todo) = jan_asked_to_pay(&app).await;
    let checkout = jan.post_form("/api/pay_todo", &[("todo", &todo)]).await.header("location").to_string();
    let declined = jan.post_form(&checkout, &[("outcome", "cancelled")]).await;
    let page = jan.get(declined.header("location")).await;
    assert!(page.body.contains("Je hebt niet betaald."));
    assert_eq!(open_todos(&jan.call("list_my_cases", "").await.body), 1);
    // Deciding again on the provider's page changes nothing.
    jan.post_form(&checkout, &[("outcome", "paid")]).await;
    assert_eq!(open_todos(&jan.call("list_my_cases", "").await.body), 1);
    // A second try succeeds.
    let again = jan.post_form("/api/pay_todo", &[("todo", &todo)]).await.header("location").to_string();
    assert_ne!(again, checkout);
    jan.post_form(&again, &[("outcome", "paid")]).await;
    assert_eq!(open_todos(&jan.call("list_my_cases", "").await.body), 0);
});

fn webhook(reference: &str) -> axum::http::Request<axum::body::Body> {
    axum::http::Request::post("/webhooks/betaling")
        .header("content-type", "application/x-www-form-urlencoded")
        .body(axum::body::Body::from(format!("id={reference}")))
        .unwrap()
}
