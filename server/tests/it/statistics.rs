//! Statistics: a small week worked out by hand (contacts per channel,
//! response and handling times in working hours over a weekend, repeat
//! contact across channels), read by a team lead on the page and as CSV;
//! who may read them at all.

use app::backend::clock::Clock;
use app::backend::service::{
    inbound::{self, Arrival},
    statistics,
};
use app::model::conversation::Channel;
use app::model::ids::ConversationId;
use time::macros::datetime;
use time::OffsetDateTime;

use crate::support::{app_test, Browser, TestApp};

async fn staff<'a>(app: &'a TestApp, person: &str) -> Browser<'a> {
    let mut b = app.browser();
    b.login("staff", person, "").await;
    b
}

/// Moves the clock to `at` (Loket stores every time in UTC).
fn at(app: &TestApp, at: OffsetDateTime) {
    let now = app.clock.now();
    app.clock.advance(at - now);
}

async fn whatsapp(app: &TestApp, provider_id: &str, body: &str) -> ConversationId {
    let now = app.clock.now();
    let arrival = Arrival { channel: Channel::WhatsApp, provider_id, from: "+31687654321", subject: None, body, at: now, answers: &[], sender_verified: true, attachments: Vec::new() };
    let posted = inbound::receive(app.db(), app.state.app.documents.as_ref(), arrival, now).await.unwrap();
    app.state.app.apply(posted).await.conversation
}

/// Runs the statistics job to the clock, as every node does each minute.
async fn count(app: &TestApp) {
    while statistics::count(app.db(), app.clock.now()).await.unwrap() {}
}

app_test!(a_team_lead_reads_a_week_of_contacts_worked_out_by_hand, |app, _mail, _providers| {
    // A: WhatsApp on Friday 11 December 2026 at 16:00 and 16:10 local (one contact moment),
    // nobody answers; on Monday at 08:00 local, before opening, the resident calls about it
    // (a repeat, moved from WhatsApp to the phone, and the first response: a call is answered
    // in itself); at 10:00 a WhatsApp reply; closed at 11:00.
    at(&app, datetime!(2026-12-11 15:00 UTC));
    let a = whatsapp(&app, "wamid.stat-1", "Mijn afvalpas is kwijt").await;
    at(&app, datetime!(2026-12-11 15:10 UTC));
    assert_eq!(whatsapp(&app, "wamid.stat-2", "Hallo? Mijn afvalpas").await, a, "the same conversation");
    at(&app, datetime!(2026-12-14 07:00 UTC));
    let mut petra = staff(&app, "medewerker-petra").await;
    let id = a.to_string();
    let res = petra.call("record_contact", &format!("id={id}&client_id={}&channel=phone&body=Belt+over+de+afvalpas", uuid::Uuid::new_v4())).await;
    assert_eq!(res.status, 200, "{}", res.body);
    at(&app, datetime!(2026-12-14 09:00 UTC));
    let mut petra = staff(&app, "medewerker-petra").await;
    let res = petra.call("reply_to_conversation", &format!("id={id}&client_id={}&body=U+krijgt+een+nieuwe+pas", uuid::Uuid::new_v4())).await;
    assert_eq!(res.status, 200, "{}", res.body);
    at(&app, datetime!(2026-12-14 10:00 UTC));
    let mut petra = staff(&app, "medewerker-petra").await;
    let res = petra.call("close_conversation", &format!("id={id}&result=Nieuwe+pas+besteld")).await;
    assert_eq!(res.status, 200, "{}", res.body);

    // B: Jan asks in the portal on Tuesday 15 December at 10:00 local; the answer comes at
    // 10:30; Jan writes back on Wednesday (after an answer: a reply, no repeat). Still open.
    at(&app, datetime!(2026-12-15 09:00 UTC));
    let mut jan = app.browser();
    jan.login("resident", "inwoner-jan", "midden").await;
    let res = jan.post_files("/mijn/berichten", &[("client_id", &uuid::Uuid::new_v4().to_string()), ("subject", "Parkeren"), ("body", "Hoe vraag ik een vergunning aan?")], &[]).await;
    let b = res.header("location").trim_start_matches("/mijn/berichten/").trim_end_matches("?verstuurd=1").to_string();
    assert!(b.parse::<ConversationId>().is_ok(), "{}", res.header("location"));
    at(&app, datetime!(2026-12-15 09:30 UTC));
    let mut petra = staff(&app, "medewerker-petra").await;
    let res = petra.call("reply_to_conversation", &format!("id={b}&client_id={}&body=Via+het+formulier", uuid::Uuid::new_v4())).await;
    assert_eq!(res.status, 200, "{}", res.body);
    at(&app, datetime!(2026-12-16 09:00 UTC));
    let mut jan = app.browser();
    jan.login("resident", "inwoner-jan", "midden").await;
    let res = jan.post_files(&format!("/mijn/berichten/{b}"), &[("client_id", &uuid::Uuid::new_v4().to_string()), ("body", "Dank u")], &[]).await;
    assert!(res.status.is_redirection(), "{} {}", res.status, res.body);

    // Nothing is counted within two minutes of the clock: a transaction may still be open.
    at(&app, datetime!(2026-12-16 09:01 UTC));
    count(&app).await;
    let mut petra = staff(&app, "medewerker-petra").await;
    let page = petra.get("/staff/statistieken?van=2026-12-07&tot=2026-12-20").await;
    assert_eq!(page.status, 200);
    assert!(!page.body.contains("Dank u"), "no message text on the page");

    at(&app, datetime!(2026-12-16 09:05 UTC));
    count(&app).await;
    let mut petra = staff(&app, "medewerker-petra").await;
    let report = petra.call("load_statistics", "from=2026-12-07&until=2026-12-20").await;
    assert_eq!(report.status, 200, "{}", report.body);
    let s: app::model::statistics::Statistics = serde_json::from_str(&report.body).unwrap();
    let volume: Vec<(&str, i64, i64)> = s.volume.iter().map(|v| (v.channel.as_str(), v.inbound, v.outbound)).collect();
    // WhatsApp: two in, the reply out; the phone call in; the portal: two in, one out.
    assert_eq!(volume, [("portal", 2, 1), ("whatsapp", 2, 1), ("phone", 1, 0)]);
    let weeks: Vec<(&str, i64)> = s.weeks.iter().map(|w| (w.week.as_str(), w.per_channel.iter().sum())).collect();
    assert_eq!(weeks, [("2026-W50", 2), ("2026-W51", 5)], "Friday the 11th is in week 50, Monday the 14th in 51");
    let times: Vec<_> = s.times.iter().map(|t| (t.channel.as_str(), t.conversations, t.first_response_median, t.closed, t.handling_median)).collect();
    // A: from Friday 16:00 to Monday 08:00 is one working hour; closed Monday 11:00 local:
    // 60 + 150 minutes. B: answered after 30 minutes, still open.
    assert_eq!(times, [("portal", 1, Some(30), 0, None), ("whatsapp", 1, Some(60), 1, Some(210))]);
    // Contact moments: A two (Friday's two messages are one), B two; one repeat, WhatsApp to phone.
    assert_eq!((s.repeat.contacts, s.repeat.repeats, s.repeat.after_overdue_callback), (4, 1, 0));
    assert_eq!(s.repeat.moves, [("WhatsApp".to_string(), "Telefoon".to_string(), 1)]);

    // The page says the same, with the chart and its table.
    let page = petra.get("/staff/statistieken?van=2026-12-07&tot=2026-12-20").await;
    assert_eq!(page.status, 200);
    for shown in ["<svg", "role=\"img\"", "Contacten per week, per kanaal", "Herhaalcontact: 25% (1 / 4)", "WhatsApp → Telefoon: 1", "1 u", "3 u 30 min", "30 min"] {
        assert!(page.body.contains(shown), "{shown} on the page");
    }
    // Narrowed to the phone: only the call.
    let phone = petra.call("load_statistics", "from=2026-12-07&until=2026-12-20&channel=phone").await;
    let phone: app::model::statistics::Statistics = serde_json::from_str(&phone.body).unwrap();
    assert_eq!(phone.volume.iter().map(|v| (v.channel.as_str(), v.total())).collect::<Vec<_>>(), [("phone", 1)]);

    // The CSV of the contacts: the same numbers.
    let csv = petra.get("/staff/statistieken/export?tabel=contacten&van=2026-12-07&tot=2026-12-20").await;
    assert_eq!(csv.status, 200);
    assert!(csv.header("content-type").starts_with("text/csv"));
    assert_eq!(csv.body, "Kanaal;Van inwoners;Aan inwoners;Totaal\n\"Mijn omgeving\";\"2\";\"1\";\"3\"\n\"WhatsApp\";\"2\";\"1\";\"3\"\n\"Telefoon\";\"1\";\"0\";\"1\"\n");

    // Counting again changes nothing (the job keeps its mark).
    count(&app).await;
    let again: app::model::statistics::Statistics = serde_json::from_str(&petra.call("load_statistics", "from=2026-12-07&until=2026-12-20").await.body).unwrap();
    assert_eq!(again.volume, s.volume);
});

app_test!(only_team_leads_and_administrators_read_statistics_and_only_of_their_teams, |app, _mail, _providers| {
    for person in ["medewerker-sanne", "medewerker-ahmed", "medewerker-inge"] {
        let mut b = staff(&app, person).await;
        assert_eq!(b.get("/staff/statistieken").await.status, 403, "{person}: the page");
        assert_ne!(b.get("/staff/statistieken/export?tabel=contacten").await.status, 200, "{person}: the CSV");
        assert_ne!(b.call("load_statistics", "").await.status, 200, "{person}: the server function");
        assert!(!b.get("/staff").await.body.contains("href=\"/staff/statistieken\""), "{person}: no link");
    }
    let mut petra = staff(&app, "medewerker-petra").await;
    assert!(petra.get("/staff").await.body.contains("href=\"/staff/statistieken\""));
    let mut bram = staff(&app, "medewerker-bram").await;
    let all: app::model::statistics::Statistics = serde_json::from_str(&bram.call("load_statistics", "").await.body).unwrap();
    assert!(all.teams.len() >= 5, "an administrator reads every team");
    // A team that is not the reader's is not found, not empty.
    let own: app::model::statistics::Statistics = serde_json::from_str(&petra.call("load_statistics", "").await.body).unwrap();
    if let Some(other) = all.teams.iter().find(|t| !own.teams.contains(t)) {
        assert_eq!(petra.call("load_statistics", &format!("team={}", other.value)).await.status, 404);
    }
    assert_eq!(petra.call("load_statistics", "team=not-a-team").await.status, 404);
});
