//! Callback requests: an agent creates one during a call; the resident
//! sees which team calls and by when; the term passes and the owner gets
//! exactly one reminder per step, three times, then the request escalates
//! to the backup, also with two worker nodes; staff handle it; the
//! resident adds information or cancels; bad input changes nothing.

use app::backend::{calendar::Calendar, clock::Clock, db, service::callback};
use app::model::ids::CallbackId;

use crate::support::{app_test, Browser, TestApp};

async fn type_id(app: &TestApp, slug: &str) -> String {
    db::callback::types(app.db()).await.unwrap().into_iter().find(|t| t.slug == slug).unwrap().id.to_string()
}

async fn staff<'a>(app: &'a TestApp, who: &str) -> Browser<'a> {
    let mut b = app.browser();
    b.login("staff", who, "").await;
    b
}

/// Creates a request as Sanne for Jan's conversation (asked by phone); returns its id.
pub(crate) async fn create_for_jan(app: &TestApp, sanne: &mut Browser<'_>, owner: &str) -> CallbackId {
    let mut jan = app.browser();
    jan.login("resident", "inwoner-jan", "midden").await;
    let res = jan.post_files("/mijn/berichten", &[("client_id", &uuid::Uuid::new_v4().to_string()), ("subject", "Parkeren bij verhuizing"), ("body", "Wie kan mij bellen?")], &[]).await;
    let conversation = res.header("location").trim_start_matches("/mijn/berichten/").trim_end_matches("?verstuurd=1").to_string();
    let kind = type_id(app, "parkeren").await;
    let form = sanne.get(&format!("/staff/terugbellen/nieuw?gesprek={conversation}&soort={kind}")).await;
    assert!(form.body.contains("Om welk kenteken gaat het?"), "the intake asks the type's questions");
    let client_id = uuid::Uuid::new_v4().to_string();
    let fields = [
        ("client_id", client_id.as_str()),
        ("callback_type", kind.as_str()),
        ("conversation", conversation.as_str()),
        ("phone", "06 12345678"),
        ("preferred_time", "na 14 uur"),
        ("question", "Kan mijn vergunning mee naar mijn nieuwe adres?"),
        ("answer1", "AB-123-C"),
        ("answer2", "wijziging"),
        ("owner", owner),
        ("backup", ""),
    ];
    let created = sanne.post_form("/api/create_callback", &fields).await;
    assert_eq!(created.status, 302, "{}", created.body);
    let again = sanne.post_form("/api/create_callback", &fields).await;
    assert_eq!(again.header("location"), created.header("location"), "a double submit gives the same request");
    created.header("location").trim_start_matches("/staff/terugbellen/").trim_end_matches("?aangemaakt=1").parse().unwrap()
}

app_test!(an_agent_creates_a_request_the_resident_sees_it_and_the_owner_handles_it, |app, mail| {
    let mut sanne = staff(&app, "medewerker-sanne").await;
    let id = create_for_jan(&app, &mut sanne, "team").await;
    let row = db::callback::find(app.db(), id).await.unwrap().unwrap();
    assert_eq!(row.team_nl, "Parkeren");
    assert_eq!(row.owner_id, None, "owned by the team");
    // Monday 23 November 10:00 local + 2 working days (17 hours) = Wednesday 25 November 10:00 local.
    assert_eq!(row.due_at, time::macros::datetime!(2026-11-25 09:00 UTC));

    let mut jan = app.browser();
    jan.login("resident", "inwoner-jan", "midden").await;
    let overview = jan.get("/mijn").await;
    assert!(overview.body.contains("Parkeren belt je terug op ******78, uiterlijk 25 november 2026 10:00."), "team and term on the overview");
    assert!(!overview.body.contains("Sanne"), "no colleague's name");
    let page = jan.get(&format!("/mijn/terugbellen/{id}")).await;
    assert!(page.body.contains("Kan mijn vergunning mee"));
    let mut kees = app.browser();
    kees.login("resident", "inwoner-kees", "midden").await;
    assert_eq!(kees.get(&format!("/mijn/terugbellen/{id}")).await.status, 404, "someone else's request is not found");
    assert_eq!(kees.call("cancel_callback", &format!("id={id}")).await.status, 404);
    assert_eq!(jan.call("add_callback_info", &format!("id={id}&info=")).await.status, 422);
    assert_eq!(jan.post_form("/api/add_callback_info", &[("id", &id.to_string()), ("info", "Ik verhuis op 1 december.")]).await.status, 302);

    // Ahmed takes it: an attempt, a hand-over to himself, then done.
    let mut ahmed = staff(&app, "medewerker-ahmed").await;
    let view = ahmed.get(&format!("/staff/terugbellen/{id}")).await;
    assert!(view.body.contains("AB-123-C") && view.body.contains("+31612345678") && view.body.contains("Ik verhuis op 1 december."));
    assert_eq!(ahmed.post_form("/api/record_callback_attempt", &[("id", &id.to_string()), ("channel", "phone"), ("reached", "nee"), ("note", "Voicemail")]).await.status, 302);
    assert_eq!(ahmed.call("record_callback_attempt", &format!("id={id}&channel=telepathy&reached=ja&note=")).await.status, 422);
    let ahmed_id = db::staff_member::find_by_subject(app.db(), "medewerker-ahmed").await.unwrap().unwrap();
    assert_eq!(ahmed.post_form("/api/hand_over_callback", &[("id", &id.to_string()), ("to", &format!("staff:{ahmed_id}")), ("reason", "Ik ken deze straat")]).await.status, 302);
    assert_eq!(ahmed.call("hand_over_callback", &format!("id={id}&to=staff:{}&reason=x", uuid::Uuid::new_v4())).await.status, 422, "an unknown colleague");
    let mine = ahmed.get("/staff/terugbellen?lijst=mijn").await;
    assert!(mine.body.contains("Parkeervergunning") && mine.body.contains("Van mij (1)"), "on his own list, counted");
    assert_eq!(ahmed.post_form("/api/close_callback", &[("id", &id.to_string()), ("result", "Gebeld; vergunning gaat mee.")]).await.status, 302);
    assert_eq!(ahmed.call("close_callback", &format!("id={id}&result=nogmaals")).await.status, 409, "closed once");
    let history = db::callback::events(app.db(), id).await.unwrap().into_iter().map(|e| e.kind).collect::<Vec<_>>();
    assert_eq!(history, vec!["created", "added_info", "attempt", "handed_over", "closed"]);
    assert!(!jan.get("/mijn").await.body.contains("Parkeren belt je terug"), "no longer open on the overview");
    let _ = &mail;
});

app_test!(the_term_passes_three_reminders_then_escalation_with_one_notice_per_step_on_two_nodes, |app, mail| {
    let mut sanne = staff(&app, "medewerker-sanne").await;
    let id = create_for_jan(&app, &mut sanne, "me").await;
    let second = app.second_node().await;
    let calendar = Calendar::default();
    // Both nodes run a round at every step; only one takes it.
    let round = |at: time::OffsetDateTime| {
        let (a, b, calendar) = (app.db().clone(), second.db().clone(), calendar.clone());
        async move {
            let (x, y) = tokio::join!(callback::remind_due(&a, &calendar, at), callback::remind_due(&b, &calendar, at));
            let (x, y) = (x.unwrap().value, y.unwrap().value);
            (x.reminders + y.reminders, x.escalations + y.escalations)
        }
    };
    assert_eq!(round(app.clock.now()).await, (0, 0), "nothing before the term");
    // The term ends Wednesday 10:00 local; then every 4 working hours.
    let steps = [
        (time::macros::datetime!(2026-11-25 09:00 UTC), (1, 0)),
        (time::macros::datetime!(2026-11-25 10:00 UTC), (0, 0)),
        (time::macros::datetime!(2026-11-25 13:00 UTC), (1, 0)),
        (time::macros::datetime!(2026-11-26 08:30 UTC), (1, 0)),
        (time::macros::datetime!(2026-11-26 12:30 UTC), (0, 1)),
        (time::macros::datetime!(2026-11-30 12:00 UTC), (0, 0)),
    ];
    for (at, expected) in steps {
        assert_eq!(round(at).await, expected, "at {at}");
    }
    let row = db::callback::find(app.db(), id).await.unwrap().unwrap();
    assert_eq!(row.reminders, 4);
    assert!(row.escalated_at.is_some());
    assert_eq!(db::callback::count_events(app.db(), id, "reminder").await.unwrap(), 3);
    assert_eq!(db::callback::count_events(app.db(), id, "escalated").await.unwrap(), 1);
    app.clock.advance(time::Duration::days(7));
    let round = app.outbox.deliver_due().await.unwrap();
    assert_eq!(round.sent, 4, "three reminders to Sanne and one escalation to Petra: {round:?}");
    let mails = mail.received();
    let to: Vec<&str> = mails.iter().map(|m| m.to.as_str()).collect();
    assert_eq!(to.iter().filter(|t| **t == "sanne@voorbeeld.example").count(), 3);
    assert_eq!(to.iter().filter(|t| **t == "petra@voorbeeld.example").count(), 1);
    for m in &mails {
        let scanned = m.scannable();
        assert!(!scanned.contains("Jan") && !scanned.contains("AB-123-C") && !scanned.contains("0612345678") && !scanned.contains("+31612345678"), "no personal data in a notice: {}", m.raw);
        assert!(m.text.contains(&format!("/staff/terugbellen/{id}")));
    }
    // The escalation shows in every worklist.
    let mut petra = staff(&app, "medewerker-petra").await;
    let escalated = petra.get("/staff/terugbellen?lijst=opgeschaald").await;
    assert!(escalated.body.contains("Opgeschaald (1)") && escalated.body.contains("Parkeervergunning"));
    assert!(escalated.body.contains("Van mijn team (1)"), "the team tab has its count too");
    assert!(petra.get("/staff/terugbellen?lijst=mijn").await.body.contains("Parkeervergunning"), "the backup has it on her own list");
    assert!(petra.get(&format!("/staff/terugbellen/{id}")).await.body.contains("Opgeschaald na drie herinneringen naar"));
});

app_test!(a_resident_asks_to_be_called_back_and_cancels, |app| {
    let mut fatima = app.browser();
    fatima.login("resident", "inwoner-fatima", "midden").await;
    let form = fatima.get("/mijn/terugbellen/nieuw").await;
    assert!(form.body.contains("Uitkering of bijstand"));
    let kind = type_id(&app, "inkomen").await;
    let client_id = uuid::Uuid::new_v4().to_string();
    for (phone, question, code) in [("abc", "Mijn uitkering is niet gestort", 422), ("0612345678", "", 422), ("0612345678", &"x".repeat(2001), 422)] {
        let res = fatima.call("request_callback", &format!("client_id={client_id}&callback_type={kind}&phone={phone}&preferred_time=&question={question}")).await;
        assert_eq!(res.status, code, "{phone} {question}");
    }
    assert_eq!(db::callback::open_for_resident(app.db(), db::resident::find_by_bsn(app.db(), "999990019").await.unwrap().unwrap()).await.unwrap().len(), 0, "nothing stored");
    let done = fatima.post_form("/api/request_callback", &[("client_id", &client_id), ("callback_type", &kind), ("phone", "0612345678"), ("preferred_time", "ochtend"), ("question", "Mijn uitkering is niet gestort")]).await;
    assert_eq!(done.status, 302);
    let id = done.header("location").trim_start_matches("/mijn/terugbellen/").trim_end_matches("?aangevraagd=1").to_string();
    let page = fatima.get(&format!("/mijn/terugbellen/{id}")).await;
    assert!(page.body.contains("Werk &amp; Inkomen belt je terug") || page.body.contains("Werk & Inkomen belt je terug"), "the team of the type");
    assert_eq!(fatima.post_form("/api/cancel_callback", &[("id", &id)]).await.status, 302);
    assert_eq!(fatima.call("cancel_callback", &format!("id={id}")).await.status, 409, "cancelled once");
    assert!(fatima.get(&format!("/mijn/terugbellen/{id}")).await.body.contains("Ingetrokken"));
});

app_test!(only_the_administrator_sets_terms_and_questions, |app| {
    let kind = type_id(&app, "algemeen").await;
    let mut sanne = staff(&app, "medewerker-sanne").await;
    assert_eq!(sanne.call("update_callback_type", &format!("id={kind}&term_hours=8&reminder_hours=2&questions=Wat%3F")).await.status, 403);
    let mut bram = staff(&app, "medewerker-bram").await;
    assert_eq!(bram.call("update_callback_type", &format!("id={kind}&term_hours=0&reminder_hours=2&questions=")).await.status, 422);
    assert_eq!(bram.post_form("/api/update_callback_type", &[("id", &kind), ("term_hours", "8"), ("reminder_hours", "2"), ("questions", "Wat is het adres?")]).await.status, 302);
    let t = db::callback::types(app.db()).await.unwrap().into_iter().find(|t| t.slug == "algemeen").unwrap();
    assert_eq!((t.term_hours, t.reminder_hours, t.questions.as_str()), (8, 2, "Wat is het adres?"));
});

app_test!(the_residents_open_page_hears_when_their_request_changes_and_no_one_elses, |app| {
    let mut sanne = staff(&app, "medewerker-sanne").await;
    let id = create_for_jan(&app, &mut sanne, "team").await;
    let mut jan = app.browser();
    jan.login("resident", "inwoner-jan", "midden").await;
    let mut kees = app.browser();
    kees.login("resident", "inwoner-kees", "midden").await;
    let mut jans = crate::support::LiveListener::connect(&app.base_url, "/mijn/terugbellen/live", &jan.cookies).await;
    let mut kees_page = crate::support::LiveListener::connect(&app.base_url, "/mijn/terugbellen/live", &kees.cookies).await;
    // The Parkeren team owns it: Ahmed (in that team) calls.
    let mut ahmed = staff(&app, "medewerker-ahmed").await;
    assert_eq!(ahmed.post_form("/api/record_callback_attempt", &[("id", &id.to_string()), ("channel", "phone"), ("reached", "ja"), ("note", "")]).await.status, 302);
    let event = jans.next(std::time::Duration::from_secs(5)).await.expect("Jan's page hears of it");
    assert_eq!(event.0, "changed");
    assert_eq!(kees_page.next(std::time::Duration::from_millis(500)).await, None, "Kees's page hears nothing");
    assert_eq!(app.get("/mijn/terugbellen/live").await.status, 303, "not without logging in: to the login");
});

/// A page that falls more than the live channel's capacity behind is told
/// to catch up, with an event a browser dispatches (one with data: an
/// `EventSource` drops an event whose data is empty). SQLite only: there
/// events are sent without a pause, so the stream surely falls behind.
#[tokio::test]
async fn a_page_that_fell_behind_the_live_updates_is_told_to_catch_up() {
    let app = TestApp::new(app::backend::db::DbKind::Sqlite).await;
    let mut jan = app.browser();
    jan.login("resident", "inwoner-jan", "substantieel").await;
    let client_id = uuid::Uuid::new_v4().to_string();
    let asked = jan.post_files("/mijn/berichten", &[("client_id", &client_id), ("subject", "Afval"), ("body", "Wanneer?")], &[]).await;
    let conversation = asked.header("location").trim_start_matches("/mijn/berichten/").trim_end_matches("?verstuurd=1").to_string();
    let mut pages = Vec::new();
    for (path, expected) in [("/mijn/terugbellen/live".to_string(), "changed"), ("/mijn/gegevens/download/live".to_string(), "changed"), (format!("/mijn/berichten/{conversation}/live"), "reload")] {
        pages.push((crate::support::LiveListener::connect(&app.base_url, &path, &jan.cookies).await, path, expected));
    }
    // Far more than the channel holds, without giving the streams a turn.
    for _ in 0..3000 {
        app.state.app.live.publish(app::backend::live::LiveEvent::Callback { callback: app::model::ids::CallbackId::new() }).await.unwrap();
    }
    for (page, path, expected) in &mut pages {
        let event = page.next(std::time::Duration::from_secs(5)).await.unwrap_or_else(|| panic!("{path}: told to catch up"));
        assert_eq!(event, (expected.to_string(), "behind".to_string()), "{path}");
    }
}

app_test!(the_municipalitys_own_closed_days_count_in_every_term_and_take_no_appointments, |app, mail| {
    let mut bram = staff(&app, "medewerker-bram").await;
    let page = bram.get("/staff/sluitingsdagen").await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("Er zijn geen sluitingsdagen ingesteld."), "{}", page.body);
    // Bad input is refused with every wrong field named; a day gone by cannot be closed.
    let both = bram.call("add_closed_day", "day=&name=").await;
    assert_eq!(both.status, 422);
    assert!(both.body.contains("day") && both.body.contains("name"), "{}", both.body);
    assert_eq!(bram.call("add_closed_day", "day=2026-13-01&name=Studiedag").await.status, 422);
    assert_eq!(bram.call("add_closed_day", "day=2026-11-20&name=Studiedag").await.status, 422, "in the past");
    // Tuesday 24 November is closed; twice is a conflict; an agent may not.
    let added = bram.post_form("/api/add_closed_day", &[("day", "2026-11-24"), ("name", "Gemeentelijke studiedag")]).await;
    assert_eq!(added.header("location"), "/staff/sluitingsdagen?toegevoegd=1");
    assert_eq!(bram.call("add_closed_day", "day=2026-11-24&name=Nog+eens").await.status, 409);
    let page = bram.get("/staff/sluitingsdagen?toegevoegd=1").await;
    assert!(page.body.contains("24 november 2026") && page.body.contains("Gemeentelijke studiedag") && page.body.contains("De sluitingsdag is toegevoegd."));
    let mut sanne = staff(&app, "medewerker-sanne").await;
    assert_eq!(sanne.call("add_closed_day", "day=2026-11-25&name=Eigen+dag").await.status, 403);

    // Monday 23 November 10:00 local + 2 working days, skipping Tuesday = Thursday 26 November 10:00 local.
    let id = create_for_jan(&app, &mut sanne, "team").await;
    assert_eq!(db::callback::find(app.db(), id).await.unwrap().unwrap().due_at, time::macros::datetime!(2026-11-26 09:00 UTC));
    // The agenda offers no time that day, at any location, for any product.
    let agenda = &app.state.app.agenda;
    let offered_on_the_day = || async {
        let mut times = 0;
        for product in db::appointment::list_products(app.db()).await.unwrap() {
            for location in db::appointment::locations_of(app.db(), product.id).await.unwrap() {
                let day = time::macros::date!(2026 - 11 - 24);
                times += agenda.free(&product, location.id, day, day.next_day().unwrap(), app.clock.now()).await.unwrap().len();
            }
        }
        times
    };
    assert_eq!(offered_on_the_day().await, 0);
    // Open again: the day counts as a working day once more.
    assert_eq!(bram.post_form("/api/remove_closed_day", &[("day", "2026-11-24")]).await.header("location"), "/staff/sluitingsdagen?verwijderd=1");
    assert_eq!(bram.call("remove_closed_day", "day=2026-11-24").await.status, 404);
    assert!(!app::backend::service::closed_day::calendar(app.db()).await.unwrap().is_closed(time::macros::date!(2026 - 11 - 24)));
    assert!(offered_on_the_day().await > 0, "the passport desks are open on a Tuesday");
    let _ = &mail;
});
