//! Satisfaction after a conversation closed: asked on its channel (a
//! WhatsApp question answered with a digit, an e-mail link answered on
//! its page, the portal), once per person per period, never after "no
//! more questions"; the score on the staff's conversation page and in the
//! statistics; nobody answers about someone else's conversation.

use app::backend::clock::Clock;
use app::backend::service::inbound::{self, Arrival};
use app::model::conversation::Channel;
use app::model::ids::ConversationId;

use crate::support::{app_test, Browser, TestApp};

async fn staff<'a>(app: &'a TestApp, person: &str) -> Browser<'a> {
    let mut b = app.browser();
    b.login("staff", person, "").await;
    b
}

/// A message arriving on `channel` from `from`; its conversation.
async fn arrives(app: &TestApp, channel: Channel, provider_id: &str, from: &str, body: &str) -> ConversationId {
    let now = app.clock.now();
    let subject = (channel == Channel::Email).then_some("Vraag");
    let arrival = Arrival { channel, provider_id, from, subject, body, at: now, answers: &[], sender_verified: channel == Channel::WhatsApp, attachments: Vec::new() };
    let posted = inbound::receive(app.db(), app.state.app.documents.as_ref(), arrival, now).await.unwrap();
    app.state.app.apply(posted).await.conversation
}

/// Petra (team lead of most teams) answers and closes the conversation.
async fn answered_and_closed(app: &TestApp, id: ConversationId) {
    let mut sanne = staff(app, "medewerker-petra").await;
    let res = sanne.call("reply_to_conversation", &format!("id={id}&client_id={}&body=Zo+doet+u+dat", uuid::Uuid::new_v4())).await;
    assert_eq!(res.status, 200, "{}", res.body);
    let res = sanne.call("close_conversation", &format!("id={id}&result=Uitgelegd")).await;
    assert_eq!(res.status, 200, "{}", res.body);
}

async fn questions(app: &TestApp) -> i64 {
    match app.db() {
        app::backend::db::Db::Sqlite(pool) => sqlx::query_scalar("select count(*) from satisfaction").fetch_one(pool).await.unwrap(),
        app::backend::db::Db::Postgres(pool) => sqlx::query_scalar("select count(*) from satisfaction").fetch_one(pool).await.unwrap(),
    }
}

app_test!(whatsapp_asks_once_and_a_digit_is_the_answer, |app, _mail, providers| {
    let first = arrives(&app, Channel::WhatsApp, "wamid.tev-1", "+31687650001", "Wanneer komt het grofvuil?").await;
    answered_and_closed(&app, first).await;
    app.outbox.deliver_due().await.unwrap();
    let sent: Vec<serde_json::Value> = providers.calls().iter().map(|c| serde_json::from_str(&c.body).unwrap()).collect();
    let question = sent.iter().filter_map(|s| s["text"]["body"].as_str()).find(|b| b.contains("/tevredenheid/")).expect("the question went out as text").to_string();
    assert!(question.contains("hoe tevreden ben je") && question.contains("/tevredenheid/"), "{question}");
    assert!(!question.contains("grofvuil"), "the question names no subject");

    // "4" is the answer: no new conversation, nothing for the KCC to pick up.
    app.clock.advance(time::Duration::minutes(5));
    let answered = arrives(&app, Channel::WhatsApp, "wamid.tev-2", "+31687650001", " 4 ").await;
    assert_eq!(answered, first, "the answer belongs to the conversation it was about");
    let mut petra = staff(&app, "medewerker-petra").await;
    let page = petra.get(&format!("/staff/gesprekken/{first}")).await;
    assert!(page.body.contains("4 / 5"), "staff see the score on the conversation");
    // A digit later on is a message like any other: here a new question.
    let later = arrives(&app, Channel::WhatsApp, "wamid.tev-3", "+31687650001", "5").await;
    assert_ne!(later, first);

    // Within the period the same number is not asked again.
    answered_and_closed(&app, later).await;
    assert_eq!(questions(&app).await, 1);

    // The statistics: asked once on WhatsApp, scored 4.
    let mut bram = staff(&app, "medewerker-bram").await;
    let s: app::model::statistics::Statistics = serde_json::from_str(&bram.call("load_statistics", "").await.body).unwrap();
    let whatsapp = s.satisfaction.iter().find(|r| r.group == "Kanaal: WhatsApp").expect("a WhatsApp row");
    assert_eq!((whatsapp.asked, whatsapp.answered, whatsapp.average_tenths, whatsapp.satisfied), (1, 1, Some(40), 1));
    let csv = bram.get("/staff/statistieken/export?tabel=tevredenheid").await;
    assert!(csv.body.contains("\"Kanaal: WhatsApp\";\"1\";\"1\";\"4,0\";\"1\""), "{}", csv.body);
});

app_test!(an_email_link_is_answered_on_its_page_and_no_more_questions_is_kept, |app, mail, _providers| {
    let id = arrives(&app, Channel::Email, "<tev-1@example.org>", "iemand@example.org", "Hoe vraag ik een parkeervergunning aan?").await;
    answered_and_closed(&app, id).await;
    app.outbox.deliver_due().await.unwrap();
    let question = mail.received().into_iter().find(|m| m.subject == "Hoe tevreden ben je over ons contact?").expect("the question was mailed");
    assert_eq!(question.to, "iemand@example.org");
    let start = question.text.find("/tevredenheid/").expect("a link");
    let path: String = question.text[start..].chars().take_while(|c| !c.is_whitespace()).collect();
    let token = path.trim_start_matches("/tevredenheid/").to_string();
    assert!(!question.raw.contains("parkeervergunning"), "the mail names no subject");

    // The page needs no login and names nothing of the conversation.
    let page = app.get(&path).await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("Hoe tevreden ben je over het contact met ons?") && !page.body.contains("parkeervergunning"));
    assert_eq!(app.get("/tevredenheid/0123456789abcdef0123456789abcdef").await.status, 404, "an unknown link");
    let mut anyone = app.browser();
    assert_eq!(anyone.call("answer_satisfaction", &format!("token={token}&score=9")).await.status, 422, "1 to 5");
    assert_eq!(anyone.call("answer_satisfaction", &format!("token={token}")).await.status, 422, "a score is chosen");
    let answered = anyone.post_form("/api/answer_satisfaction", &[("token", &token), ("score", "5")]).await;
    assert_eq!(answered.header("location"), format!("{path}?bedankt=1"));
    let page = app.get(&format!("{path}?bedankt=1")).await;
    assert!(page.body.contains("Dank je wel") && page.body.contains("Jouw cijfer: 5"), "the score is shown back");

    // "No more questions": the next conversation from this address is closed without one.
    assert!(anyone.post_form("/api/refuse_satisfaction", &[("token", &token)]).await.status.is_redirection());
    let next = arrives(&app, Channel::Email, "<tev-2@example.org>", "iemand@example.org", "Nog een vraag").await;
    answered_and_closed(&app, next).await;
    assert_eq!(questions(&app).await, 1);

    // After two weeks the link no longer takes a score.
    app.clock.advance(time::Duration::days(15));
    assert_eq!(anyone.call("answer_satisfaction", &format!("token={token}&score=3")).await.status, 422);
    assert!(app.get(&path).await.body.contains("kun je niet meer beantwoorden"));
});

app_test!(a_resident_scores_their_own_conversation_in_the_portal, |app, _mail, _providers| {
    let mut jan = app.browser();
    jan.login("resident", "inwoner-jan", "midden").await;
    let res = jan.post_files("/mijn/berichten", &[("client_id", &uuid::Uuid::new_v4().to_string()), ("subject", "Paspoort"), ("body", "Hoe lang is mijn paspoort geldig?")], &[]).await;
    let id = res.header("location").trim_start_matches("/mijn/berichten/").trim_end_matches("?verstuurd=1").to_string();
    let mut petra = staff(&app, "medewerker-petra").await;
    assert_eq!(petra.call("reply_to_conversation", &format!("id={id}&client_id={}&body=Tien+jaar", uuid::Uuid::new_v4())).await.status, 200);
    assert_eq!(petra.call("close_conversation", &format!("id={id}&result=Uitgelegd")).await.status, 200);

    let page = jan.get(&format!("/mijn/berichten/{id}")).await;
    assert!(page.body.contains("id=\"tevredenheid\"") && page.body.contains("5 – heel tevreden"), "the question on the conversation");
    // Fatima cannot score Jan's conversation: it is not found.
    let mut fatima = app.browser();
    fatima.login("resident", "inwoner-fatima", "midden").await;
    assert_eq!(fatima.call("rate_my_conversation", &format!("id={id}&score=1")).await.status, 404);
    let rated = jan.post_form("/api/rate_my_conversation", &[("id", &id), ("score", "2")]).await;
    assert_eq!(rated.header("location"), format!("/mijn/berichten/{id}?beoordeeld=1#tevredenheid"));
    let page = jan.get(&format!("/mijn/berichten/{id}?beoordeeld=1")).await;
    assert!(page.body.contains("Jouw cijfer: 2"));
    let mut petra = staff(&app, "medewerker-petra").await;
    assert!(petra.get(&format!("/staff/gesprekken/{id}")).await.body.contains("2 / 5"));
});
