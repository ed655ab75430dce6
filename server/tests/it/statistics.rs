//! Statistics: a small week worked out by hand (contacts per channel,
//! response and handling times in working hours over a weekend, repeat
//! contact across channels), read by a team lead on the page and as CSV;
//! a second week for coming back about the same matter, first-contact
//! resolution, service norms and the cost per product per channel; who
//! may read and set them at all.

use app::backend::clock::Clock;
use app::backend::service::{
    inbound::{self, Arrival},
    statistics,
};
use app::model::conversation::Channel;
use app::model::ids::ConversationId;
use time::macros::datetime;
use time::OffsetDateTime;

use crate::support::{app_test, Browser, TestApp, TELEPHONY_SECRET};

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
    whatsapp_from(app, provider_id, "+31687654321", body).await
}

async fn whatsapp_from(app: &TestApp, provider_id: &str, from: &str, body: &str) -> ConversationId {
    let now = app.clock.now();
    let arrival = Arrival { channel: Channel::WhatsApp, provider_id, from, subject: None, body, at: now, answers: &[], sender_verified: true, attachments: Vec::new() };
    let posted = inbound::receive(app.db(), app.state.app.documents.as_ref(), arrival, now).await.unwrap();
    app.state.app.apply(posted).await.conversation
}

/// A call event from the telephony platform, signed.
async fn call_event(app: &TestApp, event: serde_json::Value) {
    let body = event.to_string();
    let req = axum::http::Request::post("/webhooks/telephony")
        .header("content-type", "application/json")
        .header("x-loket-signature", app::backend::channel::mail::sign(TELEPHONY_SECRET.as_bytes(), body.as_bytes()))
        .body(axum::body::Body::from(body))
        .unwrap();
    let res = app.request(&app.router, req).await;
    assert_eq!(res.status, 200, "{}", res.body);
}

/// A call from `caller`, `waited` seconds in the queue, three minutes long; its conversation.
async fn call(app: &TestApp, id: &str, caller: &str, waited: i64) -> ConversationId {
    let now = app.clock.now();
    let rfc = |t: OffsetDateTime| t.format(&time::format_description::well_known::Rfc3339).unwrap();
    let start = serde_json::json!({ "event": "start", "call_id": id, "caller": caller, "at": rfc(now), "queued_at": rfc(now - time::Duration::seconds(waited)) });
    call_event(app, start).await;
    app.clock.advance(time::Duration::minutes(3));
    call_event(app, serde_json::json!({ "event": "end", "call_id": id, "at": rfc(now + time::Duration::minutes(3)) })).await;
    let phone = app::backend::db::phone_call::find(app.db(), id).await.unwrap().unwrap();
    phone.conversation_id
}

/// Jan asks in the portal about his parking permit application (a case).
async fn portal_question(app: &TestApp, body: &str) -> String {
    let mut jan = app.browser();
    jan.login("resident", "inwoner-jan", "midden").await;
    let cases: serde_json::Value = serde_json::from_str(&jan.call("list_my_cases", "").await.body).unwrap();
    let case = cases["open"].as_array().unwrap().iter().find(|c| c["case_type"] == "Parkeervergunning").unwrap()["id"].as_str().unwrap().to_string();
    let fields = [("client_id", uuid::Uuid::new_v4().to_string()), ("subject", "Parkeren".into()), ("body", body.into()), ("case", case)];
    let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let res = jan.post_files("/mijn/berichten", &fields, &[]).await;
    res.header("location").trim_start_matches("/mijn/berichten/").trim_end_matches("?verstuurd=1").to_string()
}

async fn statistics_of(b: &mut Browser<'_>, query: &str) -> app::model::statistics::Statistics {
    let res = b.call("load_statistics", query).await;
    assert_eq!(res.status, 200, "{}", res.body);
    serde_json::from_str(&res.body).unwrap()
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
    // A was closed and nobody came back about it: resolved at the first contact.
    assert_eq!(s.times.iter().map(|t| t.resolved_first).collect::<Vec<_>>(), [0, 1]);
    // Contact moments: A two (Friday's two messages are one), B two; one repeat, WhatsApp to phone.
    assert_eq!((s.repeat.contacts, s.repeat.while_waiting, s.repeat.came_back, s.repeat.after_overdue_callback), (4, 1, 0, 0));
    assert_eq!(s.repeat.moves, [("WhatsApp".to_string(), "Telefoon".to_string(), 1)]);

    // The page says the same, with the chart and its table.
    let page = petra.get("/staff/statistieken?van=2026-12-07&tot=2026-12-20").await;
    assert_eq!(page.status, 200);
    for shown in ["<svg", "role=\"img\"", "Contacten per week, per kanaal", "Herhaalcontact: 25% (1 / 4;", "WhatsApp → Telefoon: 1", "1 u", "3 u 30 min", "30 min"] {
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

app_test!(coming_back_norms_and_the_cost_per_product_worked_out_by_hand, |app, _mail, _providers| {
    // Monday 21 December 2026, 10:00 local: Jan asks in the portal; Petra answers at 10:30
    // and closes at 11:00.
    at(&app, datetime!(2026-12-21 09:00 UTC));
    let first = portal_question(&app, "Hoe vraag ik een vergunning aan?").await;
    at(&app, datetime!(2026-12-21 09:30 UTC));
    let mut petra = staff(&app, "medewerker-petra").await;
    let res = petra.call("reply_to_conversation", &format!("id={first}&client_id={}&body=Via+het+formulier", uuid::Uuid::new_v4())).await;
    assert_eq!(res.status, 200, "{}", res.body);
    at(&app, datetime!(2026-12-21 10:00 UTC));
    let mut petra = staff(&app, "medewerker-petra").await;
    assert_eq!(petra.call("close_conversation", &format!("id={first}&result=Uitgelegd")).await.status, 200);

    // The team lead's start page: today's norms, live from the figures.
    at(&app, datetime!(2026-12-21 10:05 UTC));
    count(&app).await;
    let mut petra = staff(&app, "medewerker-petra").await;
    let home = petra.get("/staff").await;
    for shown in ["Servicenormen vandaag", "antwoord binnen 17 werkuren", "1 (100%)"] {
        assert!(home.body.contains(shown), "{shown} on the start page");
    }

    // Two calls at noon: one waits 45 seconds in the queue, one 20; three minutes each.
    // Kees is recognised in the first (checked by Sanne); the second caller stays unknown.
    at(&app, datetime!(2026-12-21 11:00 UTC));
    let kees_call = call(&app, "stat-call-1", "+31612349991", 45).await;
    let mut sanne = staff(&app, "medewerker-sanne").await;
    let res = sanne.call("identify_contact", &format!("id={kees_call}&bsn=999991723&reason=Naam+en+adres+nagevraagd")).await;
    assert_eq!(res.status, 200, "{}", res.body);
    at(&app, datetime!(2026-12-21 12:00 UTC));
    call(&app, "stat-call-2", "+31612349992", 20).await;

    // Wednesday 09:00 local Jan comes back about the same case: 46.5 hours after the
    // last answer, within the 7-day window. So the first was not resolved at first contact.
    at(&app, datetime!(2026-12-23 08:00 UTC));
    portal_question(&app, "Ik heb het formulier niet gevonden").await;
    at(&app, datetime!(2026-12-23 08:05 UTC));
    count(&app).await;

    let mut bram = staff(&app, "medewerker-bram").await;
    let s = statistics_of(&mut bram, "from=2026-12-21&until=2026-12-27").await;
    assert_eq!((s.repeat.window_days, s.repeat.while_waiting, s.repeat.came_back), (7, 0, 1));
    let portal = s.times.iter().find(|t| t.channel == "portal").unwrap();
    assert_eq!((portal.conversations, portal.closed, portal.resolved_first), (2, 1, 0));
    // Norms: the portal's one answer within 17 working hours; the phone: one of two calls within 30 s.
    let norms: Vec<_> = s.norms.iter().map(|n| (n.subject.as_str(), n.measured, n.met)).collect();
    assert!(norms.contains(&("Mijn omgeving", 1, 1)), "{norms:?}");
    assert!(norms.contains(&("Telefoon", 2, 1)), "{norms:?}");
    let csv = bram.get("/staff/statistieken/export?tabel=servicenormen&van=2026-12-21&tot=2026-12-27").await;
    assert!(csv.body.contains("\"Telefoon\";\"opgenomen binnen 30 seconden\";\"2\";\"1\""), "{}", csv.body);

    assert!(!s.recounting);

    // The administrator sets a window of one day: Jan's return no longer counts, and the
    // first conversation was resolved at first contact. Until the job has summed the days
    // again, the page says so and shows the figures of the old window, whole.
    assert_eq!(bram.call("set_repeat_window", "days=0").await.status, 422, "at least a day");
    assert!(bram.call("set_repeat_window", "days=1").await.status.is_success());
    let s = statistics_of(&mut bram, "from=2026-12-21&until=2026-12-27").await;
    assert!(s.recounting);
    assert_eq!(s.repeat.came_back, 1);
    count(&app).await;
    let s = statistics_of(&mut bram, "from=2026-12-21&until=2026-12-27").await;
    let portal = s.times.iter().find(|t| t.channel == "portal").unwrap();
    assert_eq!((s.recounting, s.repeat.came_back, portal.resolved_first), (false, 0, 1));

    // Prices: the portal € 2,00 a contact; the phone € 5,00 a call and € 0,50 a minute.
    let price = |channel: &str, contact: &str, minute: &str| format!("channel={channel}&response_hours=17&queue_seconds=30&contact_euros={contact}&minute_euros={minute}");
    assert_eq!(bram.call("set_channel_setting", &price("portal", "vier euro", "")).await.status, 422, "a price as a number");
    assert!(bram.call("set_channel_setting", &price("portal", "2,00", "")).await.status.is_success());
    assert!(bram.call("set_channel_setting", &price("phone", "5", "0.50")).await.status.is_success());
    let steering = bram.call("load_steering", "from=2026-12-21&until=2026-12-27&share=50").await;
    assert_eq!(steering.status, 200, "{}", steering.body);
    let st: app::model::statistics::Steering = serde_json::from_str(&steering.body).unwrap();
    // Two products: the calls, questions without a case at the KCC, 2 × € 5,00 + 6 minutes
    // × € 0,50; the parking permit, Jan's two questions and the answer, 3 × € 2,00.
    let cents: Vec<(&str, i64)> = st.products.iter().map(|p| (p.product.as_str(), p.cents)).collect();
    assert_eq!(cents, [("Vraag zonder zaak: KCC", 1300), ("Parkeervergunning", 600)]);
    assert_eq!(st.cents, 1900);
    let saving = st.products[0].saving.as_ref().expect("moving calls saves");
    // Half of the two calls moves to the portal: 1 × (€ 6,50 − € 2,00).
    assert_eq!((saving.from.as_str(), saving.to.as_str(), saving.contacts, saving.cents), ("Telefoon", "Mijn omgeving", 1, 450));
    // Jan used the portal; Kees only the phone.
    assert_eq!((st.residents, st.offline_only), (2, 1));
    let page = bram.get("/staff/statistieken/kanaalsturing?van=2026-12-21&tot=2026-12-27&deel=50").await;
    assert_eq!(page.status, 200);
    for shown in ["€ 19,00", "1 contacten van Telefoon naar Mijn omgeving: € 4,50 minder", "1 van de 2 inwoners"] {
        assert!(page.body.contains(shown), "{shown} on the page");
    }

    // Only the functional administrator sets them; a team lead reads them.
    let mut petra = staff(&app, "medewerker-petra").await;
    assert_eq!(petra.call("set_channel_setting", &price("portal", "1", "")).await.status, 403);
    assert_eq!(petra.call("set_repeat_window", "days=3").await.status, 403);
    let page = petra.get("/staff/statistieken/kanaalsturing").await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("De functioneel beheerder stelt ze in."));
});

app_test!(new_settings_sum_every_day_again_a_month_per_batch_and_the_page_says_so, |app, _mail, _providers| {
    // Two conversations two months apart: the days between are summed again in batches.
    at(&app, datetime!(2026-10-01 09:00 UTC));
    whatsapp(&app, "wamid.resum-1", "Is mijn paspoort klaar?").await;
    at(&app, datetime!(2026-12-01 09:00 UTC));
    portal_question(&app, "Wanneer krijg ik mijn vergunning?").await;
    at(&app, datetime!(2026-12-01 09:05 UTC));
    count(&app).await;
    let mut bram = staff(&app, "medewerker-bram").await;
    let before = statistics_of(&mut bram, "from=2026-10-01&until=2026-12-01").await;
    assert!(!before.recounting);

    assert!(bram.call("set_repeat_window", "days=3").await.status.is_success());
    assert!(statistics::count(app.db(), app.clock.now()).await.unwrap(), "a month summed, more to come");
    assert!(statistics_of(&mut bram, "from=2026-10-01&until=2026-12-01").await.recounting);
    count(&app).await;
    let after = statistics_of(&mut bram, "from=2026-10-01&until=2026-12-01").await;
    assert!(!after.recounting);
    let conversations = |s: &app::model::statistics::Statistics| s.times.iter().map(|t| (t.channel.clone(), t.conversations)).collect::<Vec<_>>();
    assert_eq!(conversations(&after), conversations(&before), "the same conversations, summed again");
    assert!(after.times.iter().any(|t| t.channel == "whatsapp") && after.times.iter().any(|t| t.channel == "portal"));
});

/// A row of `minutes_day` as the job would have summed it.
async fn put_minutes(app: &TestApp, measure: &str, day: time::Date, team: app::model::ids::TeamId, channel: &str, minutes: i64, conversations: i64) {
    use app::backend::db::Db;
    let sql = "insert into minutes_day (measure, day, team_id, channel, minutes, conversations) values ($1, $2, $3, $4, $5, $6)";
    let done = match app.db() {
        Db::Sqlite(pool) => sqlx::query(sql).bind(measure).bind(day).bind(team).bind(channel).bind(minutes).bind(conversations).execute(pool).await.map(|_| ()),
        Db::Postgres(pool) => sqlx::query(sql).bind(measure).bind(day).bind(team).bind(channel).bind(minutes).bind(conversations).execute(pool).await.map(|_| ()),
    };
    done.unwrap();
}

app_test!(percentiles_are_the_nearest_rank_over_the_days_and_teams_asked, |app, _mail, _providers| {
    use app::backend::db::statistics::{minutes_percentiles, Minutes, PercentileRow, Scope};
    use time::macros::date;
    let teams: Vec<_> = app::backend::db::team::list(app.db()).await.unwrap().into_iter().map(|t| t.id).collect();
    let (a, b, other) = (teams[0], teams[1], teams[2]);
    let first = "first_response";
    // WhatsApp: nine of 5 minutes on two days and two teams, one of 60: both percentiles 5.
    put_minutes(&app, first, date!(2026 - 12 - 01), a, "whatsapp", 5, 4).await;
    put_minutes(&app, first, date!(2026 - 12 - 02), b, "whatsapp", 5, 5).await;
    put_minutes(&app, first, date!(2026 - 12 - 03), a, "whatsapp", 60, 1).await;
    // E-mail: eight of 5, two of 60: the 90th is the ninth, 60.
    put_minutes(&app, first, date!(2026 - 12 - 01), a, "email", 60, 2).await;
    put_minutes(&app, first, date!(2026 - 12 - 05), b, "email", 5, 8).await;
    // SMS: 1 to 10 minutes once each: the fifth and the ninth.
    for m in 1..=10 {
        put_minutes(&app, first, date!(2026 - 12 - 01) + time::Duration::days(m), if m % 2 == 0 { a } else { b }, "sms", m, 1).await;
    }
    // The portal: one conversation.
    put_minutes(&app, first, date!(2026 - 12 - 28), a, "portal", 7, 1).await;
    // Not asked: the day before, the last day after, another team, the other measure.
    put_minutes(&app, first, date!(2026 - 11 - 30), a, "whatsapp", 1000, 50).await;
    put_minutes(&app, first, date!(2026 - 12 - 29), a, "email", 1000, 50).await;
    put_minutes(&app, first, date!(2026 - 12 - 02), other, "portal", 1000, 50).await;
    put_minutes(&app, "handling", date!(2026 - 12 - 02), a, "whatsapp", 1000, 50).await;

    let asked = [a, b];
    let scope = Scope::days(date!(2026 - 12 - 01), date!(2026 - 12 - 28), &asked, None);
    let mut rows = minutes_percentiles(app.db(), &scope, Minutes::FirstResponse).await.unwrap();
    rows.sort_by(|x, y| x.channel.cmp(&y.channel));
    let row = |channel: &str, median, p90| PercentileRow { channel: channel.into(), median, p90 };
    assert_eq!(rows, [row("email", 5, 60), row("portal", 7, 7), row("sms", 5, 9), row("whatsapp", 5, 5)]);

    let one = Scope::days(date!(2026 - 12 - 01), date!(2026 - 12 - 28), &asked, Some("email"));
    assert_eq!(minutes_percentiles(app.db(), &one, Minutes::FirstResponse).await.unwrap(), [row("email", 5, 60)]);
    let handling = minutes_percentiles(app.db(), &scope, Minutes::Handling).await.unwrap();
    assert_eq!(handling, [row("whatsapp", 1000, 1000)]);
    assert_eq!(minutes_percentiles(app.db(), &Scope::days(date!(2026 - 12 - 01), date!(2026 - 12 - 28), &[], None), Minutes::FirstResponse).await.unwrap(), []);
});

app_test!(catching_up_on_many_conversations_sums_their_days_once_they_are_all_in, |app, _mail, _providers| {
    at(&app, datetime!(2026-12-01 09:00 UTC));
    count(&app).await;
    // More conversations changed than one batch takes (500), as at the first start or after a pause.
    for i in 0..501 {
        whatsapp_from(&app, &format!("wamid.catch-up-{i}"), &format!("+316{:08}", 10_000_000 + i), "Wanneer is het grofvuil?").await;
    }
    at(&app, datetime!(2026-12-01 09:10 UTC));
    assert!(statistics::count(app.db(), app.clock.now()).await.unwrap(), "a full batch: more to come");
    let mut bram = staff(&app, "medewerker-bram").await;
    let halfway = statistics_of(&mut bram, "from=2026-12-01&until=2026-12-01").await;
    assert!(halfway.recounting, "the page says the figures are not all in");
    count(&app).await;
    let done = statistics_of(&mut bram, "from=2026-12-01&until=2026-12-01").await;
    assert!(!done.recounting);
    assert_eq!(done.times.iter().map(|t| (t.channel.as_str(), t.conversations)).collect::<Vec<_>>(), [("whatsapp", 501)]);
});
