//! Notices by e-mail through a real SMTP server: an address is confirmed
//! with a code first; a status change or a new document then sends a
//! notice that says only that something changed; delivery is retried,
//! given up visibly, and never done twice by two workers.

use std::sync::Arc;

use app::backend::{
    db,
    service::{
        contact_address::MAX_CODES_PER_HOUR,
        notice::{Outbox, Round, Sender, MAX_ATTEMPTS},
    },
};
use app::backend::clock::Clock;
use app::model::ids::ResidentId;

use crate::support::{app_test, Browser, TestApp};

/// The first run of six digits in a text: the code in a confirmation mail.
fn code_in(text: &str) -> String {
    let digits: Vec<char> = text.chars().collect();
    digits
        .windows(6)
        .zip(0..)
        .find(|(w, i)| w.iter().all(char::is_ascii_digit) && (*i == 0 || !digits[i - 1].is_ascii_digit()) && digits.get(i + 6).is_none_or(|c| !c.is_ascii_digit()))
        .map(|(w, _)| w.iter().collect())
        .expect("a six-digit code in the mail")
}

async fn open_case(resident: &mut Browser<'_>, case_type: &str) -> String {
    let cases: serde_json::Value = serde_json::from_str(&resident.call("list_my_cases", "").await.body).unwrap();
    cases["open"].as_array().unwrap().iter().find(|c| c["case_type"] == case_type).unwrap()["id"].as_str().unwrap().to_string()
}

async fn owner_of(app: &TestApp, case: &str) -> ResidentId {
    db::case::find(app.db(), case.parse().unwrap()).await.unwrap().unwrap().resident_id
}

async fn templates(app: &TestApp, resident: ResidentId) -> Vec<(String, String)> {
    db::notice::list_for_resident(app.db(), resident).await.unwrap().into_iter().map(|n| (n.template, n.status)).collect()
}

/// Jan asks for a code, reads it from the mail and confirms it.
pub(crate) async fn confirm_address(app: &TestApp, mail: &crate::support::MailServer, jan: &mut Browser<'_>, address: &str) {
    let asked = jan.post_form("/api/request_notification_code", &[("email", address)]).await;
    assert_eq!(asked.status, 302, "{}", asked.body);
    assert_eq!(asked.header("location"), "/mijn/gegevens?melding=code#meldingen");
    let round = app.outbox.deliver_due().await.unwrap();
    assert_eq!(round.sent, 1);
    let code_mail = mail.received().pop().expect("the code mail arrived");
    assert_eq!(code_mail.to, address);
    let confirmed = jan.post_form("/api/confirm_notification_code", &[("code", &code_in(&code_mail.text))]).await;
    assert_eq!(confirmed.status, 302, "{}", confirmed.body);
    assert_eq!(confirmed.header("location"), "/mijn/gegevens?melding=aan#meldingen");
}

app_test!(a_status_change_sends_a_notice_without_personal_data_to_the_confirmed_address, |app, mail| {
    let mut jan = app.browser();
    jan.login("resident", "inwoner-jan", "midden").await;
    let parking = open_case(&mut jan, "Parkeervergunning").await;

    // Asking for a code: a mail with six digits, in Dutch, from the configured sender.
    let asked = jan.post_form("/api/request_notification_code", &[("email", " jan@example.nl ")]).await;
    assert_eq!(asked.status, 302, "{}", asked.body);
    assert_eq!(app.outbox.deliver_due().await.unwrap(), Round { sent: 1, retried: 0, failed: 0 });
    let received = mail.received();
    assert_eq!(received.len(), 1);
    assert_eq!(received[0].to, "jan@example.nl");
    assert_eq!(received[0].from, "noreply@voorbeeld.example");
    assert_eq!(received[0].subject, "Je code voor berichten per e-mail");
    let code = code_in(&received[0].text);
    assert!(received[0].html.contains(&code));
    let page = jan.get("/mijn/gegevens?melding=code").await;
    assert!(page.body.contains("We hebben een code gestuurd naar jan@example.nl"), "{}", page.body);
    assert!(page.body.contains("We hebben je een e-mail met een code gestuurd."));

    // Until the code is entered, a change sends nothing there. (Ahmed works the Parkeren team's cases.)
    let mut ahmed = app.browser();
    ahmed.login("staff", "medewerker-ahmed", "").await;
    assert_eq!(ahmed.post_form("/api/advance_case", &[("id", &parking), ("to", "3")]).await.status, 302);
    assert_eq!(app.outbox.deliver_due().await.unwrap().sent, 0);

    // A wrong code is refused and changes nothing; the right one confirms.
    let wrong = if code == "000000" { "111111" } else { "000000" };
    let refused = jan.call("confirm_notification_code", &format!("code={wrong}")).await;
    assert_eq!(refused.status, 422, "{}", refused.body);
    assert!(refused.body.contains("Invalid"));
    jan.get("/mijn/gegevens").await;
    let refused_form = jan.post_form("/api/confirm_notification_code", &[("code", wrong)]).await;
    assert_eq!(refused_form.status, 302, "a form post goes back to its page: {}", refused_form.body);
    let location = refused_form.header("location").to_string();
    assert!(location.starts_with(&format!("{}/mijn/gegevens?", app.base_url)) && location.contains("__err="), "{location}");
    let back = jan.get(&location).await;
    assert!(back.body.contains("Dit klopt niet. Kijk het nog eens na."), "the page says what is wrong");
    assert!(jan.call("my_notification_setting", "").await.body.contains("AwaitingCode"));
    assert_eq!(jan.post_form("/api/confirm_notification_code", &[("code", &code)]).await.status, 302);
    assert!(jan.call("my_notification_setting", "").await.body.contains("\"Confirmed\""));
    // Sending the same code again (a double submit) is fine.
    assert_eq!(jan.call("confirm_notification_code", &format!("code={code}")).await.status, 200);

    // Now a status change sends one notice: that something changed, and a link. Nothing else.
    assert_eq!(ahmed.post_form("/api/advance_case", &[("id", &parking), ("to", "4")]).await.status, 302);
    assert_eq!(app.outbox.deliver_due().await.unwrap().sent, 1);
    let notice = mail.received().pop().unwrap();
    assert_eq!(notice.to, "jan@example.nl");
    assert_eq!(notice.subject, "Er is iets veranderd in Mijn omgeving");
    assert!(notice.text.contains(&format!("{}/mijn", app.base_url)), "{}", notice.text);
    assert!(notice.html.contains(&format!("href=\"{}/mijn\"", app.base_url)));
    assert!(notice.message_id.ends_with("@voorbeeld.example"), "{}", notice.message_id);
    for personal in ["999993653", "Jan", "Z-2026-000101", "Parkeervergunning", "parkeer", "Besluit", "Afgerond", &parking] {
        assert!(!notice.scannable().contains(personal), "the notice mentions {personal}:\n{}", notice.raw);
    }
    // Sent notices keep no parameters (the code is gone).
    let jan_id = owner_of(&app, &parking).await;
    let mut sent = templates(&app, jan_id).await;
    sent.sort();
    assert_eq!(sent, [("case_changed".to_string(), "sent".to_string()), ("verification_code".into(), "sent".into())]);
});

app_test!(a_document_from_staff_sends_a_notice_and_two_changes_in_a_row_send_one, |app, mail| {
    let mut fatima = app.browser();
    fatima.login("resident", "inwoner-fatima", "midden").await;
    confirm_address(&app, &mail, &mut fatima, "fatima@example.nl").await;
    let case = open_case(&mut fatima, "Bijzondere bijstand").await;

    let mut ahmed = app.browser();
    ahmed.login("staff", "medewerker-ahmed", "").await;
    let pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n";
    let added = ahmed.post_file(&format!("/staff/zaken/{case}/documenten"), &[("title", "Besluit")], "besluit.pdf", pdf).await;
    assert_eq!(added.status, 303, "{}", added.body);
    assert!(added.header("location").ends_with("document=toegevoegd"));
    assert_eq!(ahmed.post_form("/api/advance_case", &[("id", &case), ("to", "3")]).await.status, 302);
    assert_eq!(app.outbox.deliver_due().await.unwrap().sent, 1, "one notice for two changes before it went out");
    let received = mail.received();
    assert_eq!(received.len(), 2);
    assert_eq!(received[1].to, "fatima@example.nl");
    assert!(!received[1].scannable().contains("Besluit") && !received[1].scannable().contains("bijstand"));
});

app_test!(english_speakers_get_english_notices, |app, mail| {
    let mut jan = app.browser();
    jan.login("resident", "inwoner-jan", "midden").await;
    jan.cookies.insert("loket_lang".into(), "en".into());
    confirm_address(&app, &mail, &mut jan, "jan@example.nl").await;
    assert_eq!(mail.received()[0].subject, "Your code for messages by e-mail");
    let parking = open_case(&mut jan, "Parking permit").await;
    let mut ahmed = app.browser();
    ahmed.login("staff", "medewerker-ahmed", "").await;
    ahmed.post_form("/api/advance_case", &[("id", &parking), ("to", "3")]).await;
    app.outbox.deliver_due().await.unwrap();
    assert_eq!(mail.received()[1].subject, "Something has changed in My environment");
});

app_test!(bad_addresses_and_codes_are_refused_and_change_nothing, |app, mail| {
    let mut kees = app.browser();
    kees.login("resident", "inwoner-kees", "midden").await;
    for (email, code) in [("", "Missing"), ("kees", "Invalid"), ("kees@localhost", "Invalid"), (&format!("{}@example.nl", "k".repeat(250)), "TooLong")] {
        let res = kees.call("request_notification_code", &format!("email={}", url::form_urlencoded::byte_serialize(email.as_bytes()).collect::<String>())).await;
        assert_eq!(res.status, 422, "{email}: {}", res.body);
        assert!(res.body.contains(code), "{email}: {}", res.body);
    }
    assert_eq!(kees.call("request_notification_code", "").await.status, 400, "a missing field is a malformed request");
    assert!(kees.call("my_notification_setting", "").await.body.contains("Off"));
    // A code without an address to confirm is not found; a malformed one is invalid.
    assert_eq!(kees.call("confirm_notification_code", "code=123456").await.status, 404);
    assert_eq!(kees.call("confirm_notification_code", "code=12ab56").await.status, 422);
    assert_eq!(kees.call("confirm_notification_code", "code=").await.status, 422);
    // Not logged in: nothing at all.
    assert_eq!(app.call("request_notification_code", "email=x%40example.nl").await.status, 401);
    assert_eq!(app.call("my_notification_setting", "").await.status, 401);

    // Five wrong codes use the code up, even for the right one after.
    assert_eq!(kees.call("request_notification_code", "email=kees%40example.nl").await.status, 200);
    app.outbox.deliver_due().await.unwrap();
    let code = code_in(&mail.received()[0].text);
    let wrong = if code == "999999" { "888888" } else { "999999" };
    for _ in 0..5 {
        assert_eq!(kees.call("confirm_notification_code", &format!("code={wrong}")).await.status, 422);
    }
    let used_up = kees.call("confirm_notification_code", &format!("code={code}")).await;
    assert!(used_up.body.contains("Expired"), "{}", used_up.body);
    // So does time.
    assert_eq!(kees.call("request_notification_code", "email=kees%40example.nl").await.status, 200);
    app.outbox.deliver_due().await.unwrap();
    let code = code_in(&mail.received()[1].text);
    // 16 minutes later (with some activity in between, or the session would end first).
    app.clock.advance(time::Duration::minutes(14));
    assert!(kees.call("my_notification_setting", "").await.body.contains("AwaitingCode"));
    app.clock.advance(time::Duration::minutes(2));
    let too_late = kees.call("confirm_notification_code", &format!("code={code}")).await;
    assert!(too_late.body.contains("Expired"), "{}", too_late.body);
    assert!(kees.call("my_notification_setting", "").await.body.contains("AwaitingCode"));

    // Each code is a mail: a few per hour, then a clear "wait".
    for _ in 2..MAX_CODES_PER_HOUR {
        assert_eq!(kees.call("request_notification_code", "email=kees%40example.nl").await.status, 200);
    }
    assert_eq!(kees.call("request_notification_code", "email=kees%40example.nl").await.status, 429);
});

app_test!(stopping_forgets_the_address_and_drops_notices_not_yet_sent, |app, mail| {
    let mut jan = app.browser();
    jan.login("resident", "inwoner-jan", "midden").await;
    confirm_address(&app, &mail, &mut jan, "jan@example.nl").await;
    let parking = open_case(&mut jan, "Parkeervergunning").await;
    let mut ahmed = app.browser();
    ahmed.login("staff", "medewerker-ahmed", "").await;
    assert_eq!(ahmed.post_form("/api/advance_case", &[("id", &parking), ("to", "3")]).await.status, 302);
    let stopped = jan.post_form("/api/stop_notifications", &[]).await;
    assert_eq!(stopped.header("location"), "/mijn/gegevens?melding=uit#meldingen");
    assert_eq!(app.outbox.deliver_due().await.unwrap().sent, 0);
    assert_eq!(mail.received().len(), 1, "only the code mail");
    assert!(jan.call("my_notification_setting", "").await.body.contains("Off"));
});

app_test!(two_workers_on_one_database_send_each_notice_once, |app, mail| {
    // Nine residents, each waiting for a code mail.
    let mut tx = app.db().begin().await.unwrap();
    let now = app.clock.now();
    let mut residents = Vec::new();
    for i in 0..9 {
        let resident = ResidentId::new();
        db::resident::insert_if_absent(&mut tx, resident, &format!("10000000{i}"), now).await.unwrap();
        residents.push(resident);
    }
    tx.commit().await.unwrap();
    for (i, resident) in residents.iter().enumerate() {
        let _queued = app::backend::service::contact_address::request_code(app.db(), *resident, app::backend::service::contact_address::AddressKind::Email, &format!("r{i}@example.nl"), app::i18n::Lang::Nl, now).await.unwrap();
    }
    let mut config = server::config::Config::with_database("sqlite::memory:");
    config.smtp_url = Some(mail.url.clone().into());
    let outbound = server::channels::outbound(&config).unwrap();
    let sender = Sender { municipality: "Gemeente Voorbeeld".into(), public_url: app.base_url.clone() };
    let second = Arc::new(Outbox::new(app.db().clone(), app.clock.clone(), outbound, sender));
    let (a, b) = tokio::join!(app.outbox.deliver_due(), second.deliver_due());
    let (a, b) = (a.unwrap(), b.unwrap());
    assert_eq!(a.sent + b.sent, 9, "{a:?} {b:?}");
    let mut to: Vec<String> = mail.received().into_iter().map(|m| m.to).collect();
    to.sort();
    assert_eq!(to, (0..9).map(|i| format!("r{i}@example.nl")).collect::<Vec<_>>());
});

app_test!(an_unreachable_mail_server_is_retried_with_backoff_then_given_up_visibly, |app| {
    let mut jan = app.browser();
    jan.login("resident", "inwoner-jan", "midden").await;
    // This app has no mail server configured: every attempt fails.
    assert_eq!(jan.call("request_notification_code", "email=jan%40example.nl").await.status, 200);
    let parking = open_case(&mut jan, "Parkeervergunning").await;
    let jan_id = owner_of(&app, &parking).await;
    assert_eq!(app.outbox.deliver_due().await.unwrap(), Round { sent: 0, retried: 1, failed: 0 });
    assert_eq!(app.outbox.deliver_due().await.unwrap(), Round::default(), "not again before the backoff");
    for attempt in 2..=MAX_ATTEMPTS {
        app.clock.advance(time::Duration::hours(5));
        let round = app.outbox.deliver_due().await.unwrap();
        let expected = if attempt == MAX_ATTEMPTS { Round { sent: 0, retried: 0, failed: 1 } } else { Round { sent: 0, retried: 1, failed: 0 } };
        assert_eq!(round, expected, "attempt {attempt}");
    }
    let rows = db::notice::list_for_resident(app.db(), jan_id).await.unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!((rows[0].status.as_str(), rows[0].attempts), ("failed", MAX_ATTEMPTS));
    let error = rows[0].last_error.as_deref().unwrap();
    assert!(error.contains("not configured") && !error.contains("jan@"), "{error}");
});

app_test!(contact_on_whatsapp_needs_the_residents_consent_at_the_moment_of_sending, |app| {
    let mut jan = app.browser();
    jan.login("resident", "inwoner-jan", "midden").await;
    let parking = open_case(&mut jan, "Parkeervergunning").await;
    let jan_id = owner_of(&app, &parking).await;
    let app = &app;
    let queue = |address: &'static str| async move {
        let mut tx = app.db().begin().await.unwrap();
        let new = db::notice::NewNotice { resident_id: Some(jan_id), channel: "whatsapp", address, language: "nl", template: "case_changed", params: "{}" };
        db::notice::insert(&mut tx, &new, app.clock.now()).await.unwrap();
        tx.commit().await.unwrap();
    };
    queue("+31600000001").await;
    assert_eq!(app.outbox.deliver_due().await.unwrap(), Round { sent: 0, retried: 0, failed: 1 });
    let rows = db::notice::list_for_resident(app.db(), jan_id).await.unwrap();
    assert_eq!(rows[0].last_error.as_deref(), Some("no consent for this channel"));

    // With consent the notice goes on to the channel (not configured in this test: retried later).
    let consents: serde_json::Value = serde_json::from_str(&jan.call("my_consents", "").await.body).unwrap();
    let whatsapp = consents["purposes"].as_array().unwrap().iter().find(|p| p["name"] == "Berichten via WhatsApp").unwrap().clone();
    let granted = jan.call("change_my_consent", &format!("purpose={}&text={}&grant=true", whatsapp["id"].as_str().unwrap(), whatsapp["text_id"].as_str().unwrap())).await;
    assert_eq!(granted.status, 200);
    queue("+31600000002").await;
    assert_eq!(app.outbox.deliver_due().await.unwrap(), Round { sent: 0, retried: 1, failed: 0 });
});

app_test!(with_the_mail_server_down_for_hours_a_notice_waits_and_arrives_once_when_it_is_back, |app, mail| {
    let mut jan = app.browser();
    jan.login("resident", "inwoner-jan", "midden").await;
    confirm_address(&app, &mail, &mut jan, "jan@example.nl").await;
    let parking = open_case(&mut jan, "Parkeervergunning").await;
    let mut ahmed = app.browser();
    ahmed.login("staff", "medewerker-ahmed", "").await;

    mail.stop();
    assert_eq!(ahmed.post_form("/api/advance_case", &[("id", &parking), ("to", "3")]).await.status, 302, "the change itself does not wait for mail");
    assert_eq!(app.outbox.deliver_due().await.unwrap(), Round { sent: 0, retried: 1, failed: 0 });
    app.clock.advance(time::Duration::minutes(1));
    assert_eq!(app.outbox.deliver_due().await.unwrap(), Round { sent: 0, retried: 1, failed: 0 }, "still down");

    mail.resume().await;
    let mut sent = 0;
    for _ in 0..4 {
        app.clock.advance(time::Duration::hours(1));
        sent += app.outbox.deliver_due().await.unwrap().sent;
    }
    assert_eq!(sent, 1, "delivered once it is back, and only once");
    let notices: Vec<_> = mail.received().into_iter().filter(|m| m.subject == "Er is iets veranderd in Mijn omgeving").collect();
    assert_eq!(notices.len(), 1);
    let jan_id = owner_of(&app, &parking).await;
    assert!(templates(&app, jan_id).await.contains(&("case_changed".to_string(), "sent".to_string())));
});
