//! Channels end to end: WhatsApp (handshake, signatures, inbound text and
//! statuses, replies through a local Graph API, the 24-hour rule), SMS
//! through Twilio's formats (signatures, inbound, replies, delivery
//! reports), e-mail (replies mailed with their text through a real SMTP
//! server, answers coming back over real SMTP through the relay into the
//! same thread), identity across channels, and 1,000 webhooks with
//! duplicates and retries out of order.

use app::backend::{
    channel::{mail, twilio},
    clock::Clock,
};
use app::model::ids::ConversationId;
use axum::{body::Body, http::Request};

use crate::support::{app_test, Browser, FakeProviders, MailRelay, TestApp, TestResponse, TWILIO_AUTH_TOKEN, WHATSAPP_APP_SECRET, WHATSAPP_VERIFY_TOKEN};

/// A WhatsApp webhook body with one text message.
fn whatsapp_text(id: &str, from: &str, timestamp: i64, text: &str) -> String {
    serde_json::json!({
        "object": "whatsapp_business_account",
        "entry": [{ "id": "419561257915477", "changes": [{ "field": "messages", "value": {
            "messaging_product": "whatsapp",
            "metadata": { "display_phone_number": "15550783881", "phone_number_id": "106540352242922" },
            "contacts": [{ "profile": { "name": "Inwoner" }, "wa_id": from }],
            "messages": [{ "from": from, "id": id, "timestamp": timestamp.to_string(), "type": "text", "text": { "body": text } }]
        }}]}]
    })
    .to_string()
}

fn whatsapp_status(id: &str, status: &str, timestamp: i64) -> String {
    serde_json::json!({
        "object": "whatsapp_business_account",
        "entry": [{ "id": "419561257915477", "changes": [{ "field": "messages", "value": {
            "messaging_product": "whatsapp",
            "metadata": { "display_phone_number": "15550783881", "phone_number_id": "106540352242922" },
            "statuses": [{ "id": id, "status": status, "timestamp": timestamp.to_string(), "recipient_id": "31612345678" }]
        }}]}]
    })
    .to_string()
}

/// Posts a webhook body as Meta does: signed with the app secret (or with `secret`).
async fn post_whatsapp(app: &TestApp, body: &str, secret: Option<&str>) -> TestResponse {
    let mut req = Request::post("/webhooks/whatsapp").header("content-type", "application/json");
    if let Some(secret) = secret {
        req = req.header("x-hub-signature-256", mail::sign(secret.as_bytes(), body.as_bytes()));
    }
    app.request(&app.router, req.body(Body::from(body.to_string())).unwrap()).await
}

/// Posts a Twilio form to `path`, signed over Loket's public URL as Twilio does.
async fn post_twilio(app: &TestApp, path: &str, form: &[(&str, &str)], token: &str) -> TestResponse {
    let pairs: Vec<(String, String)> = form.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
    let signature = twilio::sign(token.as_bytes(), &format!("{}{path}", app.base_url), &pairs);
    let body = url::form_urlencoded::Serializer::new(String::new()).extend_pairs(form).finish();
    let req = Request::post(path)
        .header("content-type", "application/x-www-form-urlencoded")
        .header("x-twilio-signature", signature)
        .body(Body::from(body))
        .unwrap();
    app.request(&app.router, req).await
}

async fn messages_of(app: &TestApp, conversation: ConversationId) -> Vec<app::backend::db::conversation::MessageRow> {
    app::backend::db::conversation::messages(app.db(), conversation, true).await.unwrap()
}

async fn conversation_with(app: &TestApp, contact: &str) -> app::backend::db::conversation::ConversationRow {
    let rows = app::backend::db::conversation::inbox(app.db(), &Default::default(), 500).await.unwrap();
    rows.into_iter().find(|r| r.contact.as_deref() == Some(contact)).unwrap_or_else(|| panic!("no conversation with {contact}"))
}

async fn staff(app: &TestApp) -> Browser<'_> {
    let mut sanne = app.browser();
    sanne.login("staff", "medewerker-sanne", "").await;
    sanne
}

async fn reply(sanne: &mut Browser<'_>, conversation: ConversationId, body: &str) {
    let id = conversation.to_string();
    let res = sanne.post_form("/api/reply_to_conversation", &[("id", &id), ("client_id", &uuid::Uuid::new_v4().to_string()), ("body", body)]).await;
    assert_eq!(res.status, 302, "{}", res.body);
}

/// Confirms Jan's phone number with the code texted to him (through the local Twilio).
pub(crate) async fn confirm_phone(app: &TestApp, providers: &FakeProviders, jan: &mut Browser<'_>, number: &str) {
    let asked = jan.post_form("/api/request_phone_code", &[("phone", number)]).await;
    assert_eq!(asked.header("location"), "/mijn/gegevens?telefoon=code#telefoon", "{}", asked.body);
    assert_eq!(app.outbox.deliver_due().await.unwrap().sent, 1);
    let sms = providers.calls().pop().expect("the code was texted");
    assert!(sms.path.ends_with("/Accounts/ACtest/Messages.json"), "{}", sms.path);
    let form: std::collections::HashMap<String, String> = url::form_urlencoded::parse(sms.body.as_bytes()).into_owned().collect();
    assert_eq!(form["To"], "+31612345678");
    let code: String = form["Body"].split_whitespace().find(|w| w.trim_end_matches('.').len() == 6 && w.trim_end_matches('.').bytes().all(|b| b.is_ascii_digit())).unwrap().trim_end_matches('.').into();
    let confirmed = jan.post_form("/api/confirm_phone_code", &[("code", &code)]).await;
    assert_eq!(confirmed.header("location"), "/mijn/gegevens?telefoon=aan#telefoon", "{}", confirmed.body);
}

app_test!(whatsapp_checks_the_handshake_and_every_signature, |app, mail, providers| {
    let ok = app.get(&format!("/webhooks/whatsapp?hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token={WHATSAPP_VERIFY_TOKEN}")).await;
    assert_eq!((ok.status.as_u16(), ok.body.as_str()), (200, "1158201444"));
    let wrong = app.get("/webhooks/whatsapp?hub.mode=subscribe&hub.challenge=1&hub.verify_token=guess").await;
    assert_eq!(wrong.status, 403);

    let body = whatsapp_text("wamid.A1", "31612345678", 1_795_000_000, "Hallo");
    assert_eq!(post_whatsapp(&app, &body, None).await.status, 401, "unsigned");
    assert_eq!(post_whatsapp(&app, &body, Some("not-the-secret")).await.status, 401, "signed with another secret");
    // A signature over other bytes (re-encoded JSON) does not match either.
    let req = Request::post("/webhooks/whatsapp")
        .header("x-hub-signature-256", mail::sign(WHATSAPP_APP_SECRET.as_bytes(), format!("{body} ").as_bytes()))
        .body(Body::from(body.clone()))
        .unwrap();
    assert_eq!(app.request(&app.router, req).await.status, 401);
    let malformed = r#"{"object":"whatsapp_business_account","entry":[{"changes":[{"field":"messages","value":{"messages":[{"id":"w","from":"x","timestamp":"1","type":"text","text":{"body":"x"}}]}}]}]}"#;
    assert_eq!(post_whatsapp(&app, malformed, Some(WHATSAPP_APP_SECRET)).await.status, 400);
    assert_eq!(post_whatsapp(&app, "not json", Some(WHATSAPP_APP_SECRET)).await.status, 400);
    let rows = app::backend::db::conversation::inbox(app.db(), &Default::default(), 500).await.unwrap();
    assert!(rows.iter().all(|r| r.channel != "whatsapp"), "nothing was stored");
    let _ = (&mail, &providers);
});

app_test!(a_whatsapp_message_from_an_unknown_number_is_answered_on_whatsapp_with_its_delivery_shown, |app, mail, providers| {
    let sent_at = app.clock.now().unix_timestamp() - 60;
    let body = whatsapp_text("wamid.IN1", "31687654321", sent_at, "Wanneer wordt het grofvuil opgehaald?");
    assert_eq!(post_whatsapp(&app, &body, Some(WHATSAPP_APP_SECRET)).await.status, 200);
    // Meta retries: the same message again changes nothing.
    assert_eq!(post_whatsapp(&app, &body, Some(WHATSAPP_APP_SECRET)).await.status, 200);
    let row = conversation_with(&app, "+31687654321").await;
    assert_eq!(row.resident_id, None, "an unknown number identifies nobody");
    assert_eq!((row.channel.as_str(), row.team_nl.as_str()), ("whatsapp", "KCC"));
    let messages = messages_of(&app, row.id).await;
    assert_eq!(messages.len(), 1);
    assert_eq!(messages[0].created_at.unix_timestamp(), sent_at, "keeps WhatsApp's time");

    let mut sanne = staff(&app).await;
    let page = sanne.get(&format!("/staff/gesprekken/{}", row.id)).await;
    assert!(page.body.contains("WhatsApp") && page.body.contains("******21"), "the reply goes to WhatsApp, number masked");
    assert!(page.body.contains("Koppel aan inwoner"), "an unidentified contact can be linked");
    reply(&mut sanne, row.id, "Elke eerste maandag van de maand.").await;
    let round = app.outbox.deliver_due().await.unwrap();
    assert_eq!(round.sent, 1, "{round:?}");
    let call = providers.calls().pop().unwrap();
    assert_eq!(call.path, "/v23.0/106540352242922/messages");
    assert_eq!(call.authorization, "Bearer test-access-token");
    let sent: serde_json::Value = serde_json::from_str(&call.body).unwrap();
    assert_eq!((sent["to"].as_str(), sent["type"].as_str(), sent["text"]["body"].as_str()), (Some("31687654321"), Some("text"), Some("Elke eerste maandag van de maand.")));
    let out = messages_of(&app, row.id).await.pop().unwrap();
    assert_eq!((out.channel.as_str(), out.delivery.as_deref()), ("whatsapp", Some("sent")));
    let wamid = out.provider_id.clone().unwrap();

    // Status updates move forward only, whatever order they come in.
    let now = app.clock.now().unix_timestamp();
    for (status, expected) in [("read", "read"), ("delivered", "read"), ("sent", "read")] {
        assert_eq!(post_whatsapp(&app, &whatsapp_status(&wamid, status, now), Some(WHATSAPP_APP_SECRET)).await.status, 200);
        let out = messages_of(&app, row.id).await.pop().unwrap();
        assert_eq!(out.delivery.as_deref(), Some(expected), "after {status}");
    }
    let page = sanne.get(&format!("/staff/gesprekken/{}", row.id)).await;
    assert!(page.body.contains("Gelezen"), "staff see it was read");
    // A report about a message we never sent is ignored.
    assert_eq!(post_whatsapp(&app, &whatsapp_status("wamid.unknown", "failed", now), Some(WHATSAPP_APP_SECRET)).await.status, 200);
    let _ = &mail;
});

app_test!(outside_the_24_hour_window_whatsapp_gets_the_approved_template, |app, mail, providers| {
    let sent_at = app.clock.now().unix_timestamp();
    post_whatsapp(&app, &whatsapp_text("wamid.OLD", "31687654321", sent_at, "Vraagje"), Some(WHATSAPP_APP_SECRET)).await;
    let row = conversation_with(&app, "+31687654321").await;
    app.clock.advance(time::Duration::hours(25));
    let mut sanne = staff(&app).await;
    let page = sanne.get(&format!("/staff/gesprekken/{}", row.id)).await;
    assert!(page.body.contains("meer dan 24 uur oud"), "the staff page says only the template can go");
    reply(&mut sanne, row.id, "Het antwoord staat klaar.").await;
    app.outbox.deliver_due().await.unwrap();
    let sent: serde_json::Value = serde_json::from_str(&providers.calls().pop().unwrap().body).unwrap();
    assert_eq!(sent["type"], "template");
    assert_eq!(sent["template"]["name"], "nieuw_bericht");
    assert!(!sent.to_string().contains("Het antwoord staat klaar"), "the text itself does not go out");
    let _ = &mail;
});

app_test!(an_sms_is_checked_stored_once_and_answered_by_sms, |app, mail, providers| {
    let form = [("MessageSid", "SM1f0e8ae6ade43cb3c0ce4525424e404f"), ("From", "+31687654321"), ("To", "+3197010501234"), ("Body", "Is mijn paspoort klaar?"), ("NumMedia", "0"), ("SmsStatus", "received")];
    assert_eq!(post_twilio(&app, "/webhooks/sms", &form, "wrong-token").await.status, 401);
    let first = post_twilio(&app, "/webhooks/sms", &form, TWILIO_AUTH_TOKEN).await;
    assert_eq!(first.status, 200, "{}", first.body);
    assert_eq!(post_twilio(&app, "/webhooks/sms", &form, TWILIO_AUTH_TOKEN).await.status, 200);
    let bad = [("MessageSid", "SM2"), ("From", "not a number"), ("Body", "x")];
    assert_eq!(post_twilio(&app, "/webhooks/sms", &bad, TWILIO_AUTH_TOKEN).await.status, 400);
    let row = conversation_with(&app, "+31687654321").await;
    assert_eq!(messages_of(&app, row.id).await.len(), 1, "a retry stores nothing new");
    assert_eq!(row.subject, "Is mijn paspoort klaar?");

    let mut sanne = staff(&app).await;
    reply(&mut sanne, row.id, "Ja, je kunt het ophalen.").await;
    app.outbox.deliver_due().await.unwrap();
    let call = providers.calls().pop().unwrap();
    assert_eq!(call.path, "/2010-04-01/Accounts/ACtest/Messages.json");
    let sent: std::collections::HashMap<String, String> = url::form_urlencoded::parse(call.body.as_bytes()).into_owned().collect();
    assert_eq!(sent["To"], "+31687654321");
    assert_eq!(sent["From"], "+3197010501234");
    assert!(sent["Body"].starts_with("Ja, je kunt het ophalen."));
    assert_eq!(sent["StatusCallback"], format!("{}/webhooks/sms/status", app.base_url));
    let out = messages_of(&app, row.id).await.pop().unwrap();
    let sid = out.provider_id.clone().unwrap();
    let failed = [("MessageSid", sid.as_str()), ("MessageStatus", "undelivered"), ("ErrorCode", "30003")];
    assert_eq!(post_twilio(&app, "/webhooks/sms/status", &failed, TWILIO_AUTH_TOKEN).await.status, 200);
    assert_eq!(messages_of(&app, row.id).await.pop().unwrap().delivery.as_deref(), Some("failed"));
    let page = sanne.get(&format!("/staff/gesprekken/{}", row.id)).await;
    assert!(page.body.contains("Niet afgeleverd"), "staff see the failure");
    let _ = &mail;
});

app_test!(a_confirmed_phone_number_brings_whatsapp_into_the_residents_own_messages, |app, mail, providers| {
    let mut jan = app.browser();
    jan.login("resident", "inwoner-jan", "midden").await;
    confirm_phone(&app, &providers, &mut jan, "06-12345678").await;
    let page = jan.get("/mijn/gegevens").await;
    assert!(page.body.contains("+31612345678"), "the confirmed number shows");

    let sent_at = app.clock.now().unix_timestamp();
    post_whatsapp(&app, &whatsapp_text("wamid.JAN1", "31612345678", sent_at, "Ik wil mijn afspraak verzetten."), Some(WHATSAPP_APP_SECRET)).await;
    let row = conversation_with(&app, "+31612345678").await;
    assert!(row.resident_id.is_some(), "the confirmed number identifies Jan");
    let list = jan.get("/mijn/berichten").await;
    assert!(list.body.contains("Ik wil mijn afspraak verzetten."), "Jan sees it among his messages");
    // Kees does not.
    let mut kees = app.browser();
    kees.login("resident", "inwoner-kees", "midden").await;
    assert_eq!(kees.get(&format!("/mijn/berichten/{}", row.id)).await.status, 404);

    // Jan continues in the portal; the thread is one.
    let res = jan.post_files(&format!("/mijn/berichten/{}", row.id), &[("client_id", &uuid::Uuid::new_v4().to_string()), ("body", "Liefst na 15 uur.")], &[]).await;
    assert_eq!(res.status, 303, "{}", res.body);
    let thread = jan.get(&format!("/mijn/berichten/{}", row.id)).await;
    assert!(thread.body.contains("Ik wil mijn afspraak verzetten.") && thread.body.contains("Liefst na 15 uur."));
    assert!(thread.body.contains("WhatsApp") && thread.body.contains("Mijn omgeving"));
    let _ = &mail;
});

app_test!(an_answer_by_email_comes_back_over_smtp_into_the_same_thread, |app, mail, providers| {
    let mut jan = app.browser();
    jan.login("resident", "inwoner-jan", "midden").await;
    // Jan confirms his address and asks in the portal to get answers by e-mail too.
    let asked = jan.post_form("/api/request_notification_code", &[("email", "jan@example.nl")]).await;
    assert_eq!(asked.status, 302);
    app.outbox.deliver_due().await.unwrap();
    let code_mail = mail.received().pop().unwrap();
    let code: String = code_mail.text.split_whitespace().find(|w| w.len() == 6 && w.bytes().all(|b| b.is_ascii_digit())).unwrap().into();
    jan.post_form("/api/confirm_notification_code", &[("code", &code)]).await;
    let res = jan.post_files("/mijn/berichten", &[("client_id", &uuid::Uuid::new_v4().to_string()), ("subject", "Vergunning dakkapel"), ("body", "Heb ik een vergunning nodig?")], &[]).await;
    let id: ConversationId = res.header("location").trim_start_matches("/mijn/berichten/").trim_end_matches("?verstuurd=1").parse().unwrap();
    let page = jan.get(&format!("/mijn/berichten/{id}")).await;
    assert!(page.body.contains("Hier en per E-mail"), "e-mail is offered once confirmed");
    let chosen = jan.post_form("/api/choose_reply_channel", &[("id", &id.to_string()), ("channel", "email")]).await;
    assert_eq!(chosen.header("location"), format!("/mijn/berichten/{id}?antwoordkanaal=1#antwoordkanaal"));
    // Someone else's conversation, or a channel without a confirmed address, is refused.
    let mut kees = app.browser();
    kees.login("resident", "inwoner-kees", "midden").await;
    assert_eq!(kees.call("choose_reply_channel", &format!("id={id}&channel=email")).await.status, 404);
    assert_eq!(jan.call("choose_reply_channel", &format!("id={id}&channel=sms")).await.status, 422);

    // A dormer is for the Vergunningen team (by rule): Ahmed answers.
    let mut ahmed = app.browser();
    ahmed.login("staff", "medewerker-ahmed", "").await;
    reply(&mut ahmed, id, "Nee, aan de achterkant niet.\n\nWel aan de voorkant.").await;
    let round = app.outbox.deliver_due().await.unwrap();
    assert_eq!(round.sent, 1, "only the reply itself, no extra notice");
    let answer = mail.received().pop().unwrap();
    assert_eq!(answer.to, "jan@example.nl");
    assert_eq!(answer.subject, "Re: Vergunning dakkapel");
    assert!(answer.text.contains("Nee, aan de achterkant niet."), "{}", answer.text);
    assert!(answer.raw.contains("Reply-To: vragen@voorbeeld.example"), "{}", answer.raw);

    // Jan answers from his mail program; the mail gateway relays it over SMTP to Loket.
    let relay = MailRelay::start(&format!("{}/webhooks/mail", app.base_url)).await;
    let raw = format!(
        "From: Jan Jansen <jan@example.nl>\r\nTo: {}\r\nSubject: Re: Vergunning dakkapel\r\nMessage-ID: <jan-1@example.nl>\r\nIn-Reply-To: <{}>\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nDank je, dan ga ik het aanvragen.\r\n\r\nOp 23 nov. 2026 schreef Gemeente Voorbeeld:\r\n> Nee, aan de achterkant niet.\r\n",
        crate::support::MAIL_REPLY_TO,
        answer.message_id
    );
    relay.send("jan@example.nl", &raw).await.expect("the relay takes the mail");
    relay.send("jan@example.nl", &raw).await.expect("a second delivery of the same mail is accepted");
    let thread = messages_of(&app, id).await;
    assert_eq!(thread.len(), 3, "question, reply and the answer by e-mail, once");
    let last = thread.last().unwrap();
    assert_eq!((last.channel.as_str(), last.body.as_str()), ("email", "Dank je, dan ga ik het aanvragen."), "quoted history stripped");

    // A mail from an unknown address starts its own, unidentified conversation.
    let stranger = "From: buurman@example.org\r\nTo: vragen@voorbeeld.example\r\nSubject: Lantaarnpaal kapot\r\nMessage-ID: <b-1@example.org>\r\n\r\nDe lantaarnpaal in de Dorpsstraat is kapot.\r\n";
    relay.send("buurman@example.org", stranger).await.unwrap();
    let row = conversation_with(&app, "buurman@example.org").await;
    assert_eq!((row.resident_id, row.subject.as_str()), (None, "Lantaarnpaal kapot"));
    // The KCC links it to Kees after checking who he is; a wrong BSN changes nothing.
    let mut sanne = staff(&app).await;
    assert_eq!(sanne.call("identify_contact", &format!("id={}&bsn=123456789&reason=Paspoort+gezien", row.id)).await.status, 422);
    assert_eq!(sanne.call("identify_contact", &format!("id={}&bsn=111222333&reason=Paspoort+gezien", row.id)).await.status, 422, "a valid BSN of nobody");
    let kees_bsn = "999991723";
    assert_eq!(sanne.call("identify_contact", &format!("id={}&bsn={kees_bsn}&reason=", row.id)).await.status, 422, "how the identity was checked is asked");
    let linked = sanne.call("identify_contact", &format!("id={}&bsn={kees_bsn}&reason=Paspoort+gezien+aan+de+balie", row.id)).await;
    assert!(linked.status.is_success() || linked.status == 302, "{}: {}", linked.status, linked.body);
    let list = kees.get("/mijn/berichten").await;
    assert!(list.body.contains("Lantaarnpaal kapot"), "the history follows the resident");
    let _ = &providers;
});

app_test!(a_thousand_webhooks_with_duplicates_and_retries_out_of_order_store_exactly_the_distinct_messages, |app, mail, providers| {
    use futures::StreamExt;
    // 10 people write 70 messages each, a second apart: 700 distinct messages.
    let start = app.clock.now().unix_timestamp() - 3600;
    let mut deliveries: Vec<(String, String)> = Vec::new();
    for person in 0..10 {
        for n in 0..70 {
            let from = format!("3168800{person:04}");
            let id = format!("wamid.P{person}M{n:03}");
            deliveries.push((id.clone(), whatsapp_text(&id, &from, start + n * 10 + person, &format!("bericht {n:03} van {person}"))));
        }
    }
    // 300 redeliveries, then everything shuffled (a fixed seed: the same order every run).
    let mut all: Vec<String> = deliveries.iter().map(|(_, body)| body.clone()).collect();
    let mut seed = 0x2545_f491_4f6c_dd1du64;
    let mut next = || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    for _ in 0..300 {
        let pick = (next() % deliveries.len() as u64) as usize;
        all.push(deliveries[pick].1.clone());
    }
    for i in (1..all.len()).rev() {
        let j = (next() % (i as u64 + 1)) as usize;
        all.swap(i, j);
    }
    assert_eq!(all.len(), 1000);
    let statuses: Vec<u16> = futures::stream::iter(all.iter())
        .map(|body| async { post_whatsapp(&app, body, Some(WHATSAPP_APP_SECRET)).await.status.as_u16() })
        .buffer_unordered(8)
        .collect()
        .await;
    // A delivery that lost a race on SQLite's one writer answers 5xx, as Meta then retries: retry those.
    let failed = statuses.iter().filter(|s| **s != 200).count();
    if failed > 0 {
        for body in &all {
            assert_eq!(post_whatsapp(&app, body, Some(WHATSAPP_APP_SECRET)).await.status, 200);
        }
    }
    let mut total = 0;
    for person in 0..10 {
        let row = conversation_with(&app, &format!("+3168800{person:04}")).await;
        let thread = messages_of(&app, row.id).await;
        let bodies: Vec<String> = thread.iter().map(|m| m.body.clone()).collect();
        let expected: Vec<String> = (0..70).map(|n| format!("bericht {n:03} van {person}")).collect();
        assert_eq!(bodies, expected, "person {person}: every message once, in the order sent");
        total += thread.len();
    }
    assert_eq!(total, 700);
    println!("1000 deliveries: {failed} answered 5xx first (retried), 700 messages stored");
    let _ = (&mail, &providers);
});

async fn post_call(app: &TestApp, event: serde_json::Value) -> TestResponse {
    let body = event.to_string();
    let req = Request::post("/webhooks/telephony")
        .header("content-type", "application/json")
        .header("x-loket-signature", mail::sign(crate::support::TELEPHONY_SECRET.as_bytes(), body.as_bytes()))
        .body(Body::from(body))
        .unwrap();
    app.request(&app.router, req).await
}

app_test!(a_phone_call_shows_the_callers_context_while_on_and_is_logged_when_it_ends, |app, mail, providers| {
    let mut jan = app.browser();
    jan.login("resident", "inwoner-jan", "midden").await;
    confirm_phone(&app, &providers, &mut jan, "0612345678").await;
    let mut sanne = staff(&app).await;

    let start = serde_json::json!({ "event": "start", "call_id": "call-1", "caller": "+31612345678", "agent": "medewerker-sanne", "at": "2026-11-23T09:00:00Z" });
    let unsigned = Request::post("/webhooks/telephony").body(Body::from(start.to_string())).unwrap();
    assert_eq!(app.request(&app.router, unsigned).await.status, 401);
    assert_eq!(post_call(&app, serde_json::json!({ "event": "start", "call_id": "x", "caller": "anoniem", "at": "2026-11-23T09:00:00Z" })).await.status, 400);
    let started = post_call(&app, start.clone()).await;
    assert_eq!(started.status, 200, "{}", started.body);
    assert_eq!(post_call(&app, start).await.status, 200, "a repeated start changes nothing");

    let screen = sanne.get("/staff/telefoon").await;
    assert!(screen.body.contains("******78") && screen.body.contains("nummer herkend, niet geverifieerd"), "the call is listed, number masked");
    assert!(!screen.body.contains("+31612345678"));
    // A caller ID can be spoofed: Jan's details open only after Sanne checked who is calling.
    let row = conversation_with(&app, "+31612345678").await;
    assert_eq!(row.resident_id, None, "a number alone identifies nobody");
    let page = sanne.get(&format!("/staff/gesprekken/{}", row.id)).await;
    assert!(page.body.contains("Telefoongesprek met deze beller loopt sinds"), "the agent sees the call is on");
    assert!(!page.body.contains("Z-2026-000101"), "no cases before the check");
    let checked = sanne.call("identify_contact", &format!("id={}&bsn=999993653&reason=Naam+en+geboortedatum+nagevraagd", row.id)).await;
    assert!(checked.status.is_success() || checked.status == 302, "{}: {}", checked.status, checked.body);
    let page = sanne.get(&format!("/staff/gesprekken/{}", row.id)).await;
    assert!(page.body.contains("Z-2026-000101"), "with the caller's cases to link, once checked");

    app.clock.advance(time::Duration::minutes(5));
    let end = serde_json::json!({ "event": "end", "call_id": "call-1", "at": "2026-11-23T09:04:10Z" });
    assert_eq!(post_call(&app, end.clone()).await.status, 200);
    assert_eq!(post_call(&app, end).await.status, 200);
    let thread = messages_of(&app, row.id).await;
    let calls: Vec<_> = thread.iter().filter(|m| m.channel == "phone").collect();
    assert_eq!(calls.len(), 1, "logged once");
    assert_eq!(calls[0].body, "Telefoongesprek van 5 minuten.");
    assert_eq!(calls[0].staff_name.as_deref(), Some("Sanne de Vries"));
    assert!(!sanne.get("/staff/telefoon").await.body.contains("******78"), "no longer on");
    let seen = jan.get(&format!("/mijn/berichten/{}", row.id)).await;
    assert!(seen.body.contains("Telefoongesprek van 5 minuten.") && seen.body.contains("Telefoon"), "the resident sees the contact in the thread");
    let _ = &mail;
});

app_test!(staff_record_a_counter_visit_and_a_letter_in_the_thread, |app, mail, providers| {
    let mut kees = app.browser();
    kees.login("resident", "inwoner-kees", "midden").await;
    let res = kees.post_files("/mijn/berichten", &[("client_id", &uuid::Uuid::new_v4().to_string()), ("subject", "Kapotte stoeptegel"), ("body", "Voor mijn deur.")], &[]).await;
    let id = res.header("location").trim_start_matches("/mijn/berichten/").trim_end_matches("?verstuurd=1").to_string();
    let mut sanne = staff(&app).await;
    let client_id = uuid::Uuid::new_v4().to_string();
    for _ in 0..2 {
        let done = sanne.post_form("/api/record_contact", &[("id", &id), ("client_id", &client_id), ("channel", "counter"), ("body", "Kwam langs met een foto.")]).await;
        assert_eq!(done.status, 302, "{}", done.body);
    }
    assert_eq!(sanne.call("record_contact", &format!("id={id}&client_id={}&channel=whatsapp&body=x", uuid::Uuid::new_v4())).await.status, 422, "only phone, counter or letter");
    assert_eq!(sanne.call("record_contact", &format!("id={id}&client_id={}&channel=letter&body=", uuid::Uuid::new_v4())).await.status, 422);
    assert_eq!(kees.call("record_contact", &format!("id={id}&client_id={}&channel=letter&body=x", uuid::Uuid::new_v4())).await.status, 403, "residents cannot");
    sanne.post_form("/api/record_contact", &[("id", &id), ("client_id", &uuid::Uuid::new_v4().to_string()), ("channel", "letter"), ("body", "Brief met klacht ontvangen.")]).await;
    let thread = messages_of(&app, id.parse().unwrap()).await;
    let channels: Vec<&str> = thread.iter().map(|m| m.channel.as_str()).collect();
    assert_eq!(channels, vec!["portal", "counter", "letter"], "each once, in order");
    let page = kees.get(&format!("/mijn/berichten/{id}")).await;
    assert!(page.body.contains("Balie") && page.body.contains("Brief") && page.body.contains("Kwam langs met een foto."));
    let _ = (&mail, &providers);
});

app_test!(a_whatsapp_photo_is_fetched_and_kept_with_the_message, |app, mail, providers| {
    let media = |id: &str, media_id: &str| {
        serde_json::json!({
            "object": "whatsapp_business_account",
            "entry": [{ "id": "1", "changes": [{ "field": "messages", "value": {
                "messages": [{ "from": "31687654321", "id": id, "timestamp": app.clock.now().unix_timestamp().to_string(), "type": "image",
                               "image": { "id": media_id, "mime_type": "image/png", "caption": "De kapotte lantaarnpaal" } }]
            }}]}]
        })
        .to_string()
    };
    assert_eq!(post_whatsapp(&app, &media("wamid.IMG1", "4490709327384033"), Some(WHATSAPP_APP_SECRET)).await.status, 200);
    assert_eq!(post_whatsapp(&app, &media("wamid.IMG2", "missing"), Some(WHATSAPP_APP_SECRET)).await.status, 200);
    let row = conversation_with(&app, "+31687654321").await;
    let thread = messages_of(&app, row.id).await;
    assert_eq!(thread[0].body, "De kapotte lantaarnpaal");
    let attachments = app::backend::db::conversation::attachments(app.db(), row.id, true).await.unwrap();
    assert_eq!(attachments.len(), 1, "the first photo is kept");
    assert_eq!(attachments[0].content_type, "image/png");
    assert!(thread[1].body.contains("[Bestand niet opgehaald:"), "a file that could not be fetched is named: {}", thread[1].body);
    let mut sanne = staff(&app).await;
    let file = sanne.get(&format!("/staff/gesprekken/{}/bijlagen/{}", row.id, attachments[0].id)).await;
    assert_eq!(file.status, 200);

    // Meta redelivers the first photo: it is not downloaded again.
    assert_eq!(post_whatsapp(&app, &media("wamid.IMG1", "4490709327384033"), Some(WHATSAPP_APP_SECRET)).await.status, 200);
    assert_eq!(providers.downloads_of("4490709327384033"), 1);
    // A download that fails for now: the delivery is refused, so Meta retries it, and then the photo comes.
    let flaky = media("wamid.IMG3", "flaky3");
    assert_eq!(post_whatsapp(&app, &flaky, Some(WHATSAPP_APP_SECRET)).await.status, 503);
    assert_eq!(messages_of(&app, row.id).await.len(), 2, "nothing stored yet");
    assert_eq!(post_whatsapp(&app, &flaky, Some(WHATSAPP_APP_SECRET)).await.status, 200);
    assert_eq!(providers.downloads_of("flaky3"), 2);
    assert_eq!(app::backend::db::conversation::attachments(app.db(), row.id, true).await.unwrap().len(), 2, "the retried photo is kept");
    let _ = &mail;
});

/// Staff offer a hand-over on the WhatsApp thread; the link goes out on WhatsApp.
async fn handover_link_sent_on_whatsapp(app: &TestApp, providers: &FakeProviders, sanne: &mut Browser<'_>, conversation: ConversationId) -> String {
    let offered = sanne.post_form("/api/offer_handover", &[("id", &conversation.to_string())]).await;
    assert_eq!(offered.status, 302, "{}", offered.body);
    assert_eq!(app.outbox.deliver_due().await.unwrap().sent, 1);
    let sent: serde_json::Value = serde_json::from_str(&providers.calls().pop().expect("the link went out").body).unwrap();
    let text = sent["text"]["body"].as_str().expect("a text on WhatsApp").to_string();
    let link = text.split_whitespace().find(|w| w.starts_with("http")).expect("a link");
    link.strip_prefix(&app.base_url).expect("a link to this Loket").to_string()
}

app_test!(handover_link_takeover_does_not_send_the_residents_answers_to_an_unconfirmed_number, |app, mail, providers| {
    // Someone writes from a number nobody confirmed, and the link reaches Jan (forwarded, say).
    let now = app.clock.now().unix_timestamp();
    post_whatsapp(&app, &whatsapp_text("wamid.T1", "31687654321", now, "Kunt u mij helpen?"), Some(WHATSAPP_APP_SECRET)).await;
    let thread = conversation_with(&app, "+31687654321").await;
    let mut sanne = staff(&app).await;
    let path = handover_link_sent_on_whatsapp(&app, &providers, &mut sanne, thread.id).await;
    let mut jan = app.browser();
    jan.login("resident", "inwoner-jan", "midden").await;
    assert_eq!(jan.post_form(&path, &[]).await.header("location"), format!("/mijn/berichten/{}", thread.id));

    // Jan writes in the thread; the answer stays in the portal, nothing goes to the number.
    let res = jan.post_files(&format!("/mijn/berichten/{}", thread.id), &[("client_id", &uuid::Uuid::new_v4().to_string()), ("body", "Mijn BSN staat in de bijlage.")], &[]).await;
    assert_eq!(res.status, 303, "{}", res.body);
    let calls_before = providers.calls().len();
    reply(&mut sanne, thread.id, "Uw aanvraag voor bijzondere bijstand is ontvangen.").await;
    app.outbox.deliver_due().await.unwrap();
    assert_eq!(providers.calls().len(), calls_before, "no reply went to the number that wrote in");
    let row = app::backend::db::conversation::find(app.db(), thread.id).await.unwrap().unwrap();
    assert_eq!((row.channel.as_str(), row.contact.as_deref()), ("portal", None));
    assert!(jan.get(&format!("/mijn/berichten/{}", thread.id)).await.body.contains("Uw aanvraag voor bijzondere bijstand is ontvangen."));

    // Whoever has that number writes again: a new, unidentified thread, not Jan's.
    post_whatsapp(&app, &whatsapp_text("wamid.T2", "31687654321", now + 60, "Nog een vraag"), Some(WHATSAPP_APP_SECRET)).await;
    let again = conversation_with(&app, "+31687654321").await;
    assert_ne!(again.id, thread.id);
    assert_eq!(again.resident_id, None);
    let _ = &mail;
});

app_test!(handover_from_the_residents_own_confirmed_number_keeps_whatsapp_as_it_happens, |app, mail, providers| {
    let mut jan = app.browser();
    jan.login("resident", "inwoner-jan", "midden").await;
    confirm_phone(&app, &providers, &mut jan, "06-12345678").await;
    // Jan writes from his confirmed number: identified already, but the thread gets a hand-over all the same.
    let now = app.clock.now().unix_timestamp();
    post_whatsapp(&app, &whatsapp_text("wamid.J1", "31612345678", now, "Is mijn vergunning al klaar?"), Some(WHATSAPP_APP_SECRET)).await;
    let thread = conversation_with(&app, "+31612345678").await;
    let mut sanne = staff(&app).await;
    let path = handover_link_sent_on_whatsapp(&app, &providers, &mut sanne, thread.id).await;
    let shown = jan.get(&path).await;
    assert!(shown.body.contains("Is mijn vergunning al klaar?"), "{}", shown.body);
    assert_eq!(jan.post_form(&path, &[]).await.header("location"), format!("/mijn/berichten/{}", thread.id));

    // A follow-up from the same number lands in the claimed thread, and the answer goes back on WhatsApp.
    post_whatsapp(&app, &whatsapp_text("wamid.J2", "31612345678", now + 60, "En de kosten?"), Some(WHATSAPP_APP_SECRET)).await;
    assert_eq!(messages_of(&app, thread.id).await.iter().filter(|m| m.body == "En de kosten?").count(), 1);
    reply(&mut sanne, thread.id, "De vergunning is klaar.").await;
    assert_eq!(app.outbox.deliver_due().await.unwrap().sent, 1);
    let sent: serde_json::Value = serde_json::from_str(&providers.calls().pop().unwrap().body).unwrap();
    assert_eq!((sent["to"].as_str(), sent["text"]["body"].as_str()), (Some("31612345678"), Some("De vergunning is klaar.")));
    let _ = &mail;
});

/// 200 webhooks at once (150 messages, 50 of them delivered twice) to a
/// node with a pool of 5 connections: a delivery that held a transaction
/// while asking the pool for a second connection would starve the others.
async fn a_burst_of_webhooks_does_not_starve_the_pool(kind: app::backend::db::DbKind) {
    use futures::StreamExt;
    let mail = crate::support::MailServer::start().await;
    let providers = FakeProviders::start().await;
    let app = TestApp::with_config(kind, |c| {
        crate::support::with_channels(c, &mail, &providers);
        c.database_max_connections = 5;
    })
    .await;
    let start = app.clock.now().unix_timestamp() - 600;
    let mut bodies: Vec<String> = (0..150).map(|n| whatsapp_text(&format!("wamid.B{n:03}"), &format!("3168811{:04}", n % 15), start + n, &format!("burst {n:03}"))).collect();
    let again: Vec<String> = (0..50).map(|n| bodies[n * 3].clone()).collect();
    bodies.extend(again);
    let statuses: Vec<u16> = futures::stream::iter(bodies.iter())
        .map(|body| async { post_whatsapp(&app, body, Some(WHATSAPP_APP_SECRET)).await.status.as_u16() })
        .buffer_unordered(200)
        .collect()
        .await;
    let errors: Vec<_> = statuses.iter().filter(|s| **s != 200).collect();
    assert!(errors.is_empty(), "{} of 200 answered {errors:?}", errors.len());
    let mut stored = 0;
    for person in 0..15 {
        stored += messages_of(&app, conversation_with(&app, &format!("+3168811{person:04}")).await.id).await.len();
    }
    assert_eq!(stored, 150, "every message once");
}

#[tokio::test]
async fn a_burst_of_webhooks_does_not_starve_the_pool_sqlite() {
    a_burst_of_webhooks_does_not_starve_the_pool(app::backend::db::DbKind::Sqlite).await;
}

#[tokio::test]
async fn a_burst_of_webhooks_does_not_starve_the_pool_postgres() {
    a_burst_of_webhooks_does_not_starve_the_pool(app::backend::db::DbKind::Postgres).await;
}

/// A body that records whether anyone read it.
fn watched_body(read: std::sync::Arc<std::sync::atomic::AtomicBool>) -> Body {
    let chunk = futures::stream::once(async move {
        read.store(true, std::sync::atomic::Ordering::SeqCst);
        Ok::<_, std::io::Error>(axum::body::Bytes::from(vec![b'x'; 64 * 1024]))
    });
    Body::from_stream(chunk)
}

#[tokio::test]
async fn an_unsigned_or_oversized_webhook_is_refused_before_its_body_is_read() {
    let app = TestApp::new(app::backend::db::DbKind::Sqlite).await;
    for path in ["/webhooks/whatsapp", "/webhooks/sms", "/webhooks/sms/status", "/webhooks/mail", "/webhooks/telephony", "/provisioning/staff/x"] {
        let read = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let req = Request::post(path).header("content-type", "application/json").body(watched_body(read.clone())).unwrap();
        assert_eq!(app.request(&app.router, req).await.status, 401, "{path}");
        assert!(!read.load(std::sync::atomic::Ordering::SeqCst), "{path}: the body was read");
    }
    // Signed (or so it says), but announced at 50 MB: refused unread too.
    let read = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let req = Request::post("/webhooks/whatsapp")
        .header("x-hub-signature-256", "sha256=00")
        .header("content-length", "52428800")
        .body(watched_body(read.clone()))
        .unwrap();
    assert_eq!(app.request(&app.router, req).await.status, 413);
    assert!(!read.load(std::sync::atomic::Ordering::SeqCst));
}

app_test!(a_spoofed_from_address_does_not_file_mail_as_the_residents, |app, mail, providers| {
    let mut jan = app.browser();
    jan.login("resident", "inwoner-jan", "midden").await;
    crate::notice::confirm_address(&app, &mail, &mut jan, "jan@example.nl").await;
    let relay = MailRelay::start(&format!("{}/webhooks/mail", app.base_url)).await;
    let mail_from_jan = |results: &str, id: &str, subject: &str| {
        format!("{results}From: Jan Jansen <jan@example.nl>\r\nTo: {}\r\nSubject: {subject}\r\nMessage-ID: <{id}@example.nl>\r\n\r\nStuur mijn gegevens naar dit adres.\r\n", crate::support::MAIL_REPLY_TO)
    };
    // Anyone can write Jan's address in From: without our gateway's DMARC pass it stays unidentified.
    relay.send("jan@example.nl", &mail_from_jan("", "spoof-1", "Mijn gegevens")).await.unwrap();
    // Headers the sender wrote itself (another server's name) prove nothing either.
    let forged = "Authentication-Results: mx.attacker.example; dmarc=pass header.from=example.nl\r\n";
    relay.send("jan@example.nl", &mail_from_jan(forged, "spoof-2", "Mijn gegevens")).await.unwrap();
    let spoofed = conversation_with(&app, "jan@example.nl").await;
    assert_eq!(spoofed.resident_id, None);
    assert!(!jan.get("/mijn/berichten").await.body.contains("Mijn gegevens"), "not in Jan's messages");
    let mut sanne = staff(&app).await;
    let page = sanne.get(&format!("/staff/gesprekken/{}", spoofed.id)).await;
    assert!(page.body.contains("Afzender niet geverifieerd"), "staff are warned");
    assert!(page.body.contains("Nog niet bekend wie dit is"));

    // Jan's own mail, which the municipality's gateway checked: his.
    let checked = format!("Authentication-Results: {}; spf=pass smtp.mailfrom=example.nl; dmarc=pass (p=quarantine) header.from=example.nl\r\n", crate::support::MAIL_GATEWAY);
    relay.send("jan@example.nl", &mail_from_jan(&checked, "real-1", "Verhuizing")).await.unwrap();
    assert!(jan.get("/mijn/berichten").await.body.contains("Verhuizing"), "filed as Jan's");
    let _ = &providers;
});

app_test!(a_counter_visitor_gets_a_new_conversation_that_joins_the_residents_history_once_identified, |app, mail, providers| {
    use app::backend::db;
    let mut sanne = staff(&app).await;
    let team = db::team::list(app.db()).await.unwrap().first().unwrap().id.to_string();
    let page = sanne.get("/staff/gesprekken/nieuw").await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("nog niet geïdentificeerd"), "{}", page.body);
    // Bad input names every wrong field and stores nothing.
    let refused = sanne.call("start_conversation", &format!("client_id={}&channel=whatsapp&team={team}&subject=&body=x", uuid::Uuid::new_v4())).await;
    assert_eq!(refused.status, 422);
    assert!(refused.body.contains("channel") && refused.body.contains("subject"), "{}", refused.body);
    let unknown_team = sanne.call("start_conversation", &format!("client_id={}&channel=counter&team={}&subject=a&body=b", uuid::Uuid::new_v4(), uuid::Uuid::new_v4())).await;
    assert_eq!(unknown_team.status, 422, "{}", unknown_team.body);
    // A visitor at the desk: a new, unidentified conversation, assigned to Sanne; a double submit opens one.
    let client_id = uuid::Uuid::new_v4().to_string();
    let form = [("client_id", client_id.as_str()), ("channel", "counter"), ("team", team.as_str()), ("subject", "Vraag over de afvalpas"), ("body", "Bezoeker is zijn afvalpas kwijt en wil een nieuwe.")];
    let first = sanne.post_form("/api/start_conversation", &form).await;
    assert_eq!(first.status, 302, "{}", first.body);
    let location = first.header("location").to_string();
    assert_eq!(sanne.post_form("/api/start_conversation", &form).await.header("location"), location, "stored once");
    let id: ConversationId = location.trim_start_matches("/staff/gesprekken/").trim_end_matches("?geopend=1").parse().unwrap();
    let row = db::conversation::find(app.db(), id).await.unwrap().unwrap();
    assert_eq!((row.resident_id, row.assignee_name.as_deref(), row.contact.as_deref()), (None, Some("Sanne de Vries"), None));
    let thread = messages_of(&app, id).await;
    assert_eq!(thread.iter().map(|m| (m.channel.as_str(), m.direction.as_str())).collect::<Vec<_>>(), vec![("counter", "in")]);
    let opened = sanne.get(&location).await;
    assert!(opened.body.contains("Het gesprek is geopend en aan jou toegewezen.") && opened.body.contains("Bezoeker is zijn afvalpas kwijt"));

    // He shows his passport: Sanne links the conversation to Kees, and it is in his history on both sides.
    let kees_id = db::resident::find_by_bsn(app.db(), "999991723").await.unwrap().unwrap();
    let linked = sanne.call("identify_contact", &format!("id={id}&bsn=999991723&reason=Paspoort+gezien+aan+de+balie")).await;
    assert!(linked.status.is_success(), "{}: {}", linked.status, linked.body);
    let mut kees = app.browser();
    kees.login("resident", "inwoner-kees", "midden").await;
    assert!(kees.get("/mijn/berichten").await.body.contains("Vraag over de afvalpas"));
    let view = sanne.get(&app::path::client_view(kees_id)).await;
    assert!(view.body.contains("Bezoeker is zijn afvalpas kwijt"), "Sanne has a live contact with Kees: his 360-degree view opens with the visit in it");

    // For a resident found first: the form shows who it is for (a logged read), the conversation is his at once.
    let before = db::processing_log::count_for_resident(app.db(), kees_id).await.unwrap();
    let form_page = sanne.get(&format!("/staff/gesprekken/nieuw?inwoner={kees_id}")).await;
    assert!(form_page.body.contains("Kees de Boer"), "{}", form_page.body);
    let called = sanne.post_form("/api/start_conversation", &[("client_id", &uuid::Uuid::new_v4().to_string()), ("channel", "phone"), ("team", &team), ("subject", "Parkeren bij de kerk"), ("body", "Belt over de blauwe zone."), ("resident", &kees_id.to_string())]).await;
    assert_eq!(called.status, 302, "{}", called.body);
    let after = db::processing_log::count_for_resident(app.db(), kees_id).await.unwrap();
    assert_eq!(after, before + 2, "who it is for was shown, and the new contact recorded");
    assert!(kees.get("/mijn/berichten").await.body.contains("Parkeren bij de kerk"));
    // Someone nobody knows, or a resident trying it, is refused.
    assert_eq!(sanne.get(&format!("/staff/gesprekken/nieuw?inwoner={}", uuid::Uuid::new_v4())).await.status, 404);
    assert_eq!(kees.call("start_conversation", &format!("client_id={}&channel=counter&team={team}&subject=a&body=b", uuid::Uuid::new_v4())).await.status, 403);
    let _ = (&mail, &providers);
});

app_test!(a_number_staff_linked_to_a_resident_brings_the_next_message_into_their_history_until_they_remove_it, |app, mail, providers| {
    use app::backend::db;
    let now = app.clock.now().unix_timestamp();
    post_whatsapp(&app, &whatsapp_text("wamid.K1", "31655554444", now - 120, "Mijn container is niet geleegd."), Some(WHATSAPP_APP_SECRET)).await;
    let first = conversation_with(&app, "+31655554444").await;
    assert_eq!(first.resident_id, None);
    let mut sanne = staff(&app).await;
    let linked = sanne.call("identify_contact", &format!("id={}&bsn=999991723&reason=Naam+en+geboortedatum+nagevraagd", first.id)).await;
    assert!(linked.status.is_success(), "{}: {}", linked.status, linked.body);
    let kees_id = db::resident::find_by_bsn(app.db(), "999991723").await.unwrap().unwrap();

    // The next WhatsApp from that number joins Kees' conversation, marked as coming from a linked address.
    post_whatsapp(&app, &whatsapp_text("wamid.K2", "31655554444", now - 60, "Nu weer niet!"), Some(WHATSAPP_APP_SECRET)).await;
    let thread = messages_of(&app, first.id).await;
    assert_eq!(thread.len(), 2, "no new unidentified thread");
    assert_eq!(thread[1].sender_check.as_deref(), Some("linked"));
    let page = sanne.get(&format!("/staff/gesprekken/{}", first.id)).await;
    assert!(page.body.contains("niet door de inwoner bevestigd"), "staff see how Loket knows");
    // Kees sees the link on Mijn gegevens, with a way to remove it; nobody else's link is his to remove.
    let mut kees = app.browser();
    kees.login("resident", "inwoner-kees", "midden").await;
    assert!(kees.get("/mijn/berichten").await.body.contains("Nu weer niet!"));
    let details = kees.get("/mijn/gegevens").await;
    assert!(details.body.contains("Door een medewerker gekoppeld") && details.body.contains("+31655554444"), "{}", details.body);
    let links = db::contact_address::linked_of(app.db(), kees_id).await.unwrap();
    assert_eq!(links.len(), 1);
    let mut jan = app.browser();
    jan.login("resident", "inwoner-jan", "midden").await;
    assert_eq!(jan.call("unlink_address", &format!("id={}", links[0].id)).await.status, 404);
    assert!(!jan.get("/mijn/gegevens").await.body.contains("+31655554444"));
    let removed = kees.post_form("/api/unlink_address", &[("id", &links[0].id.to_string())]).await;
    assert_eq!(removed.header("location"), "/mijn/gegevens?gekoppeld=uit#gekoppeld");
    assert!(kees.get("/mijn/gegevens?gekoppeld=uit").await.body.contains("Het adres is weggehaald."));
    // Without the link, the number is nobody's again: a new, unidentified thread.
    post_whatsapp(&app, &whatsapp_text("wamid.K3", "31655554444", now, "Hallo?"), Some(WHATSAPP_APP_SECRET)).await;
    let rows = db::conversation::inbox(app.db(), &Default::default(), 500).await.unwrap();
    let threads: Vec<_> = rows.iter().filter(|r| r.contact.as_deref() == Some("+31655554444")).map(|r| (r.id == first.id, r.resident_id)).collect();
    assert_eq!(threads.len(), 2, "{threads:?}");
    assert!(threads.contains(&(true, Some(kees_id))) && threads.contains(&(false, None)), "{threads:?}");
    let _ = (&mail, &providers);
});

app_test!(a_contact_linked_to_a_case_is_listed_on_the_case_page_and_logged, |app, mail, providers| {
    use app::backend::db;
    let fatima_id = db::resident::find_by_bsn(app.db(), "999990019").await.unwrap().unwrap();
    let jan_id = db::resident::find_by_bsn(app.db(), "999993653").await.unwrap().unwrap();
    let fatima_case = db::case::list_for_resident(app.db(), fatima_id).await.unwrap().into_iter().find(|c| c.closed_at.is_none()).unwrap().id;
    let jan_case = db::case::list_for_resident(app.db(), jan_id).await.unwrap()[0].id;
    // Fatima calls; Sanne records it for her and links it to her case.
    let mut sanne = staff(&app).await;
    let team = db::team::list(app.db()).await.unwrap()[0].id.to_string();
    let called = sanne
        .post_form("/api/start_conversation", &[("client_id", &uuid::Uuid::new_v4().to_string()), ("channel", "phone"), ("team", &team), ("subject", "Afschriften"), ("body", "Vraagt of de afschriften zijn aangekomen."), ("resident", &fatima_id.to_string())])
        .await;
    let id = called.header("location").trim_start_matches("/staff/gesprekken/").trim_end_matches("?geopend=1").to_string();
    assert_eq!(sanne.call("link_conversation_case", &format!("id={id}&case={jan_case}")).await.status, 422, "another resident's case");
    let before = db::processing_log::count_for_resident(app.db(), fatima_id).await.unwrap();
    let linked = sanne.post_form("/api/link_conversation_case", &[("id", &id), ("case", &fatima_case.to_string())]).await;
    assert_eq!(linked.status, 302, "{}", linked.body);
    assert_eq!(db::processing_log::count_for_resident(app.db(), fatima_id).await.unwrap(), before + 1, "the link is logged");
    // Ahmed, who handles her case, sees the call on the case page.
    let mut ahmed = app.browser();
    ahmed.login("staff", "medewerker-ahmed", "").await;
    let page = ahmed.get(&app::path::staff_case(fatima_case)).await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("Contact over deze zaak") && page.body.contains("Afschriften") && page.body.contains("Telefoon"), "{}", page.body);
    let _ = (&mail, &providers);
});

app_test!(notices_go_to_the_preferred_channel_only_with_that_channels_consent, |app, mail, providers| {
    let mut jan = app.browser();
    jan.login("resident", "inwoner-jan", "midden").await;
    confirm_phone(&app, &providers, &mut jan, "06-12345678").await;
    let cases: serde_json::Value = serde_json::from_str(&jan.call("list_my_cases", "").await.body).unwrap();
    let parking = cases["open"].as_array().unwrap().iter().find(|c| c["case_type"] == "Parkeervergunning").unwrap()["id"].as_str().unwrap().to_string();
    let mut ahmed = app.browser();
    ahmed.login("staff", "medewerker-ahmed", "").await;
    // A change to his case: Ahmed asks him something on it.
    let mut change = async || {
        let asked = ahmed.post_form("/api/ask_todo", &[("case", &parking), ("kind", "answer"), ("title", "Heb je een eigen oprit?"), ("due_on", "2026-12-31")]).await;
        assert_eq!(asked.status, 302, "{}", asked.body);
        let before = providers.calls().len();
        let round = app.outbox.deliver_due().await.unwrap();
        (round, providers.calls().into_iter().skip(before).collect::<Vec<_>>())
    };
    async fn consent(jan: &mut Browser<'_>, name: &str, grant: bool) {
        let consents: serde_json::Value = serde_json::from_str(&jan.call("my_consents", "").await.body).unwrap();
        let purpose = consents["purposes"].as_array().unwrap().iter().find(|p| p["name"] == name).unwrap().clone();
        let changed = jan.call("change_my_consent", &format!("purpose={}&text={}&grant={grant}", purpose["id"].as_str().unwrap(), purpose["text_id"].as_str().unwrap())).await;
        assert_eq!(changed.status, 200, "{}", changed.body);
    }
    // WhatsApp preferred but no consent to it (and no e-mail address): nothing is sent.
    assert_eq!(jan.post_form("/api/set_preferred_channel", &[("channel", "whatsapp")]).await.status, 302);
    let (round, calls) = change().await;
    assert_eq!((round.sent, calls.len()), (0, 0), "{round:?}");
    // With consent: WhatsApp's approved template to his confirmed number, nothing of the case in it.
    consent(&mut jan, "Berichten via WhatsApp", true).await;
    let (round, calls) = change().await;
    assert_eq!(round.sent, 1, "{round:?}");
    let sent: serde_json::Value = serde_json::from_str(&calls[0].body).unwrap();
    assert_eq!((sent["to"].as_str(), sent["type"].as_str()), (Some("31612345678"), Some("template")), "{sent}");
    // SMS preferred, consent only to WhatsApp: nothing; with the SMS consent: a text with the link only.
    assert_eq!(jan.post_form("/api/set_preferred_channel", &[("channel", "sms")]).await.status, 302);
    let (round, calls) = change().await;
    assert_eq!((round.sent, calls.len()), (0, 0), "{round:?}");
    consent(&mut jan, "Berichten per sms", true).await;
    let (round, calls) = change().await;
    assert_eq!(round.sent, 1, "{round:?}");
    let form: std::collections::HashMap<String, String> = url::form_urlencoded::parse(calls[0].body.as_bytes()).into_owned().collect();
    assert_eq!(form["To"], "+31612345678");
    assert!(form["Body"].contains("Mijn omgeving") && form["Body"].contains("/mijn") && !form["Body"].contains("Parkeervergunning"), "{}", form["Body"]);
    let _ = &mail;
});

app_test!(two_conversations_about_one_matter_are_merged_and_the_merge_can_be_undone, |app, mail, providers| {
    use app::backend::db;
    let jan_id = db::resident::find_by_bsn(app.db(), "999993653").await.unwrap().unwrap();
    let kees_id = db::resident::find_by_bsn(app.db(), "999991723").await.unwrap().unwrap();
    let team = db::team::list(app.db()).await.unwrap()[0].id.to_string();
    let mut sanne = staff(&app).await;
    let mut open = async |resident: &str, channel: &str, subject: &str, body: &str| {
        let res = sanne
            .post_form("/api/start_conversation", &[("client_id", &uuid::Uuid::new_v4().to_string()), ("channel", channel), ("team", &team), ("subject", subject), ("body", body), ("resident", resident)])
            .await;
        res.header("location").trim_start_matches("/staff/gesprekken/").trim_end_matches("?geopend=1").parse::<ConversationId>().unwrap()
    };
    let (jan, kees) = (jan_id.to_string(), kees_id.to_string());
    let called = open(&jan, "phone", "Container", "Belt: de container is niet geleegd.").await;
    let visited = open(&jan, "counter", "Container kapot", "Aan de balie: de container is ook kapot.").await;
    let other = open(&kees, "phone", "Parkeren", "Kees belt over parkeren.").await;
    // Another resident's, the same one, or without a reason: refused.
    let merge = |from: ConversationId, into: ConversationId, reason: &str| format!("id={from}&into={into}&reason={reason}");
    assert_eq!(sanne.call("merge_conversation", &merge(called, other, "Zelfde+onderwerp")).await.status, 422);
    assert_eq!(sanne.call("merge_conversation", &merge(called, called, "Zelfde+onderwerp")).await.status, 422);
    assert_eq!(sanne.call("merge_conversation", &merge(called, visited, "")).await.status, 422);
    let before = db::processing_log::count_for_resident(app.db(), jan_id).await.unwrap();
    let merged = sanne.post_form("/api/merge_conversation", &[("id", &called.to_string()), ("into", &visited.to_string()), ("reason", "Zelfde container")]).await;
    assert_eq!(merged.header("location"), format!("/staff/gesprekken/{visited}?samengevoegd=1"));
    assert_eq!(db::processing_log::count_for_resident(app.db(), jan_id).await.unwrap(), before + 1, "logged with its reason");
    assert_eq!(messages_of(&app, visited).await.len(), 2, "both contacts in one thread");
    assert!(messages_of(&app, called).await.is_empty());
    assert_eq!(sanne.call("merge_conversation", &merge(visited, other, "x+y+z")).await.status, 422, "another resident's");
    // Jan sees one conversation; the old address says where it went, and a reply sent there lands in it.
    let mut jan_browser = app.browser();
    jan_browser.login("resident", "inwoner-jan", "midden").await;
    let list = jan_browser.get("/mijn/berichten").await.body;
    assert!(list.contains("Container kapot") && !list.contains(">Container<"), "{list}");
    let old = jan_browser.get(&format!("/mijn/berichten/{called}")).await;
    assert!(old.body.contains("samengevoegd met een ander gesprek") && old.body.contains(&format!("/mijn/berichten/{visited}")), "{}", old.body);
    let replied = jan_browser.post_files(&format!("/mijn/berichten/{called}"), &[("client_id", &uuid::Uuid::new_v4().to_string()), ("body", "Wanneer komt er een nieuwe?")], &[]).await;
    assert_eq!(replied.status, 303, "{}", replied.body);
    assert_eq!(messages_of(&app, visited).await.len(), 3);
    let page = sanne.get(&format!("/staff/gesprekken/{called}")).await;
    assert!(page.body.contains("Dit gesprek is samengevoegd met") && page.body.contains("Container kapot"));
    // Undone: the phone call goes back where it was; what came later stays.
    assert_eq!(sanne.call("unmerge_conversation", &format!("id={called}&reason=")).await.status, 422);
    let undone = sanne.post_form("/api/unmerge_conversation", &[("id", &called.to_string()), ("reason", "Toch twee verschillende vragen")]).await;
    assert_eq!(undone.header("location"), format!("/staff/gesprekken/{called}?gesplitst=1"));
    let back: Vec<String> = messages_of(&app, called).await.into_iter().map(|m| m.body).collect();
    assert_eq!(back, vec!["Belt: de container is niet geleegd.".to_string()]);
    assert_eq!(messages_of(&app, visited).await.len(), 2);
    assert_eq!(sanne.call("unmerge_conversation", &format!("id={called}&reason=Nog+eens")).await.status, 409, "not merged (any more)");
    assert!(jan_browser.get("/mijn/berichten").await.body.contains(">Container<"));
    let _ = (&mail, &providers);
});
