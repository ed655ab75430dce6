//! Routing: rules by channel, keyword and case type send new
//! conversations to the right team; the suggestion learned from staff's
//! decisions shows with its confidence; accepting or correcting it is a
//! decision that trains the next one; only the administrator edits rules.

use app::backend::db;

use crate::support::{app_test, Browser, TestApp};

async fn ask(resident: &mut Browser<'_>, subject: &str, body: &str) -> String {
    let res = resident.post_files("/mijn/berichten", &[("client_id", &uuid::Uuid::new_v4().to_string()), ("subject", subject), ("body", body)], &[]).await;
    res.header("location").trim_start_matches("/mijn/berichten/").trim_end_matches("?verstuurd=1").to_string()
}

async fn team_of(app: &TestApp, conversation: &str) -> String {
    db::conversation::find(app.db(), conversation.parse().unwrap()).await.unwrap().unwrap().team_nl
}

async fn rules_route_new_conversations_and_staff_decisions_train_the_suggestion(kind: app::backend::db::DbKind) {
    // Kees asks 42 questions in a row here: more than a resident may post per minute.
    let app = TestApp::with_config(kind, |c| c.message_rate_per_minute = 100).await;
    let mut kees = app.browser();
    kees.login("resident", "inwoner-kees", "midden").await;
    let parking = ask(&mut kees, "Vraag", "Hoe verleng ik mijn parkeervergunning?").await;
    assert_eq!(team_of(&app, &parking).await, "Parkeren", "the keyword rule");
    let benefits = ask(&mut kees, "Mijn UITKERING", "Is die al betaald?").await;
    assert_eq!(team_of(&app, &benefits).await, "Werk & Inkomen", "case does not matter");
    let other = ask(&mut kees, "Lantaarnpaal", "De lantaarnpaal voor mijn huis is stuk.").await;
    assert_eq!(team_of(&app, &other).await, "KCC", "no rule fits: the KCC");

    let mut sanne = app.browser();
    sanne.login("staff", "medewerker-sanne", "").await;
    let page = sanne.get(&format!("/staff/gesprekken/{other}")).await;
    assert!(page.body.contains("Suggestie: KCC ("), "a suggestion from the demo history, with its confidence");
    let before = db::routing::decisions(app.db(), 10_000).await.unwrap().len();
    // Staff correct it: the question is for Burgerzaken after all.
    let burgerzaken = db::team::find_by_slug(app.db(), "burgerzaken").await.unwrap().unwrap();
    assert_eq!(sanne.call("route_conversation", &format!("id={other}&team={}", uuid::Uuid::new_v4())).await.status, 422, "an unknown team");
    assert_eq!(sanne.post_form("/api/route_conversation", &[("id", &other), ("team", &burgerzaken.to_string())]).await.status, 302);
    assert_eq!(team_of(&app, &other).await, "Burgerzaken");
    assert_eq!(db::routing::decisions(app.db(), 10_000).await.unwrap().len(), before + 1, "the correction is kept for training");
    // Sent to Burgerzaken, it has left the KCC's queue: not Sanne's to route again.
    assert_eq!(sanne.call("route_conversation", &format!("id={other}&team={burgerzaken}")).await.status, 404);
    assert_eq!(kees.call("route_conversation", &format!("id={other}&team={burgerzaken}")).await.status, 403, "residents cannot");
    // Enough corrections and the suggestion follows them.
    for _ in 0..40 {
        let id = ask(&mut kees, "Lantaarnpaal", "De lantaarnpaal is stuk.").await;
        sanne.post_form("/api/route_conversation", &[("id", &id), ("team", &burgerzaken.to_string())]).await;
    }
    let next = ask(&mut kees, "Lantaarnpaal", "Weer een lantaarnpaal stuk.").await;
    assert!(sanne.get(&format!("/staff/gesprekken/{next}")).await.body.contains("Suggestie: Burgerzaken ("), "learned from the corrections");
}

#[tokio::test]
async fn rules_route_new_conversations_and_staff_decisions_train_the_suggestion_sqlite() {
    rules_route_new_conversations_and_staff_decisions_train_the_suggestion(app::backend::db::DbKind::Sqlite).await;
}

#[tokio::test]
async fn rules_route_new_conversations_and_staff_decisions_train_the_suggestion_postgres() {
    rules_route_new_conversations_and_staff_decisions_train_the_suggestion(app::backend::db::DbKind::Postgres).await;
}

app_test!(only_the_administrator_edits_rules, |app| {
    let kcc = db::team::find_by_slug(app.db(), "kcc").await.unwrap().unwrap();
    let mut sanne = app.browser();
    sanne.login("staff", "medewerker-sanne", "").await;
    assert_eq!(sanne.get("/staff/routering").await.status, 403, "routing is configured by the administrator");
    assert_eq!(sanne.call("add_routing_rule", &format!("channel=whatsapp&keyword=&case_type=&team={kcc}")).await.status, 403);
    let mut bram = app.browser();
    bram.login("staff", "medewerker-bram", "").await;
    assert!(bram.get("/staff/routering").await.body.contains("parkeervergunning"));
    assert_eq!(bram.call("add_routing_rule", &format!("channel=&keyword=&case_type=&team={kcc}")).await.status, 422, "a rule needs something to match");
    assert_eq!(bram.call("add_routing_rule", &format!("channel=fax&keyword=&case_type=&team={kcc}")).await.status, 422);
    let count = db::routing::rules(app.db()).await.unwrap().len();
    assert_eq!(bram.post_form("/api/add_routing_rule", &[("channel", "sms"), ("keyword", ""), ("case_type", ""), ("team", &kcc.to_string())]).await.status, 302);
    let rules = db::routing::rules(app.db()).await.unwrap();
    assert_eq!(rules.len(), count + 1);
    assert_eq!(rules.last().unwrap().channel.as_deref(), Some("sms"), "added after the others");
    assert_eq!(bram.post_form("/api/delete_routing_rule", &[("id", &rules.last().unwrap().id.to_string())]).await.status, 302);
    assert_eq!(db::routing::rules(app.db()).await.unwrap().len(), count);
});
