//! Consent: grant, receipt, revoke and history; bad changes refused; a new
//! text version asks again; agents record consent by phone; and the
//! relocation example with and without consent, also when consent is
//! revoked while the address change waits in the queue.

use app::backend::{clock::Clock, db, service::{consent, relocation}};
use app::model::ids::ResidentId;

use crate::support::{app_test, Browser, TestApp};

/// Jan's id, the purpose "parkeervergunning meeverhuizen" and its current text id, as the page has them.
pub(crate) async fn parking_purpose(jan: &mut Browser<'_>) -> (String, String) {
    let consents: serde_json::Value = serde_json::from_str(&jan.call("my_consents", "").await.body).unwrap();
    let purpose = consents["purposes"].as_array().unwrap().iter().find(|p| p["name"] == "Parkeervergunning meeverhuizen").expect("the demo purpose");
    (purpose["id"].as_str().unwrap().to_string(), purpose["text_id"].as_str().unwrap().to_string())
}

async fn jan_id(app: &TestApp, jan: &mut Browser<'_>) -> ResidentId {
    let cases: serde_json::Value = serde_json::from_str(&jan.call("list_my_cases", "").await.body).unwrap();
    let case = cases["open"][0]["id"].as_str().unwrap().parse().unwrap();
    db::case::find(app.db(), case).await.unwrap().unwrap().resident_id
}

async fn change(who: &mut Browser<'_>, purpose: &str, text: &str, grant: bool) -> crate::support::TestResponse {
    who.call("change_my_consent", &format!("purpose={purpose}&text={text}&grant={grant}")).await
}

fn state_of(consents: &serde_json::Value, name: &str) -> String {
    consents["purposes"].as_array().unwrap().iter().find(|p| p["name"] == name).unwrap()["state"].as_str().unwrap().to_string()
}

app_test!(a_resident_grants_sees_the_receipt_revokes_and_sees_both_in_the_history, |app| {
    let mut jan = app.browser();
    jan.login("resident", "inwoner-jan", "midden").await;
    let page = jan.get("/mijn/toestemmingen").await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("Parkeervergunning meeverhuizen") && page.body.contains("Je hebt geen toestemming gegeven."));
    let (purpose, text) = parking_purpose(&mut jan).await;

    let granted = jan.post_form("/api/change_my_consent", &[("purpose", &purpose), ("text", &text), ("grant", "true")]).await;
    assert_eq!(granted.status, 302, "{}", granted.body);
    assert_eq!(granted.header("location"), "/mijn/toestemmingen?bon=1#bon");
    let receipt = jan.get("/mijn/toestemmingen?bon=1").await;
    assert!(receipt.body.contains("Je keuze is vastgelegd"));
    assert!(receipt.body.contains("Toestemming gegeven voor \u{201c}Parkeervergunning meeverhuizen\u{201d} (tekstversie 1), 23 november 2026 10:00 via Mijn omgeving."), "{}", receipt.body);
    assert!(receipt.body.contains("Trek toestemming in"));

    app.clock.advance(time::Duration::minutes(1));
    assert_eq!(change(&mut jan, &purpose, &text, false).await.status, 200);
    let consents: serde_json::Value = serde_json::from_str(&jan.call("my_consents", "").await.body).unwrap();
    assert_eq!(state_of(&consents, "Parkeervergunning meeverhuizen"), "NotGranted");
    let history = consents["history"].as_array().unwrap();
    assert_eq!(history.len(), 2);
    assert_eq!((history[0]["granted"].as_bool(), history[1]["granted"].as_bool()), (Some(false), Some(true)), "newest first");
    assert!(history.iter().all(|e| e["recorded_by"].is_null()), "residents see no staff names");
});

app_test!(bad_changes_get_a_clear_answer_and_change_nothing, |app| {
    let mut jan = app.browser();
    jan.login("resident", "inwoner-jan", "midden").await;
    let (purpose, text) = parking_purpose(&mut jan).await;
    // Revoking what was never granted.
    assert_eq!(change(&mut jan, &purpose, &text, false).await.status, 409);
    // An unknown purpose, a text that is not the purpose's, malformed ids.
    assert_eq!(change(&mut jan, &uuid::Uuid::new_v4().to_string(), &text, true).await.status, 404);
    assert_eq!(change(&mut jan, &purpose, &uuid::Uuid::new_v4().to_string(), true).await.status, 409);
    assert_eq!(change(&mut jan, "parkeren", &text, true).await.status, 400);
    assert_eq!(jan.call("change_my_consent", &format!("purpose={purpose}&text={text}&grant=misschien")).await.status, 400);
    // Granting twice.
    assert_eq!(change(&mut jan, &purpose, &text, true).await.status, 200);
    assert_eq!(change(&mut jan, &purpose, &text, true).await.status, 409);
    let consents: serde_json::Value = serde_json::from_str(&jan.call("my_consents", "").await.body).unwrap();
    assert_eq!(consents["history"].as_array().unwrap().len(), 1, "only the one real change");
    // A plain form that is refused comes back to the page, which says so.
    jan.get("/mijn/toestemmingen").await;
    let refused = jan.post_form("/api/change_my_consent", &[("purpose", &purpose), ("text", &text), ("grant", "true")]).await;
    assert_eq!(refused.status, 302);
    assert!(jan.get(refused.header("location")).await.body.contains("Dit is al veranderd"));
    // Not logged in; staff on the resident's function.
    assert_eq!(app.call("my_consents", "").await.status, 401);
    let mut sanne = app.browser();
    sanne.login("staff", "medewerker-sanne", "").await;
    assert_eq!(sanne.call("my_consents", "").await.status, 403);
});

app_test!(a_new_text_version_asks_everyone_again, |app| {
    let mut jan = app.browser();
    jan.login("resident", "inwoner-jan", "midden").await;
    let jan_id = jan_id(&app, &mut jan).await;
    let (purpose, old_text) = parking_purpose(&mut jan).await;
    assert_eq!(change(&mut jan, &purpose, &old_text, true).await.status, 200);
    assert!(consent::may_use(app.db(), jan_id, consent::PARKING_RELOCATION, app.clock.now()).await.unwrap());

    // Only the functional administrator publishes texts; an empty one is refused.
    let form = |name: &str| format!("purpose={purpose}&name_nl={name}&name_en=Move+along&text_nl=Nieuwe+uitleg&text_en=New+explanation");
    let mut sanne = app.browser();
    sanne.login("staff", "medewerker-sanne", "").await;
    assert_eq!(sanne.call("publish_consent_text", &form("Meeverhuizen")).await.status, 403);
    let mut bram = app.browser();
    bram.login("staff", "medewerker-bram", "").await;
    assert_eq!(bram.call("publish_consent_text", &form("")).await.status, 422);
    app.clock.advance(time::Duration::minutes(1));
    assert_eq!(bram.call("publish_consent_text", &form("Parkeervergunning+meeverhuizen")).await.status, 200);
    assert!(bram.get("/staff/toestemmingen").await.body.contains("versie 2"));

    let consents: serde_json::Value = serde_json::from_str(&jan.call("my_consents", "").await.body).unwrap();
    assert_eq!(state_of(&consents, "Parkeervergunning meeverhuizen"), "TextChanged");
    assert!(jan.get("/mijn/toestemmingen").await.body.contains("De uitleg is veranderd"));
    assert!(!consent::may_use(app.db(), jan_id, consent::PARKING_RELOCATION, app.clock.now()).await.unwrap(), "an old text's grant does not count");
    // The old text cannot be granted any more; the new one can.
    assert_eq!(change(&mut jan, &purpose, &old_text, true).await.status, 409);
    let (_, new_text) = parking_purpose(&mut jan).await;
    assert_eq!(change(&mut jan, &purpose, &new_text, true).await.status, 200);
    assert!(consent::may_use(app.db(), jan_id, consent::PARKING_RELOCATION, app.clock.now()).await.unwrap());
    // Asked at a moment before the new text, the old grant counted.
    let before = app.clock.now() - time::Duration::seconds(30);
    assert!(consent::may_use(app.db(), jan_id, consent::PARKING_RELOCATION, before).await.unwrap());
});

app_test!(an_agent_records_consent_given_by_phone_and_reads_the_history_logged, |app| {
    let mut jan = app.browser();
    jan.login("resident", "inwoner-jan", "midden").await;
    let jan_id = jan_id(&app, &mut jan).await;
    let (purpose, text) = parking_purpose(&mut jan).await;
    let mut sanne = app.browser();
    sanne.login("staff", "medewerker-sanne", "").await;
    let before = db::processing_log::count_for_resident(app.db(), jan_id).await.unwrap();
    let page = sanne.get(&format!("/staff/inwoners/{jan_id}/toestemmingen")).await;
    assert_eq!(page.status, 200);
    assert_eq!(db::processing_log::count_for_resident(app.db(), jan_id).await.unwrap(), before + 1, "the view is logged");
    let fields = |channel: &str| format!("resident={jan_id}&purpose={purpose}&text={text}&grant=true&channel={channel}&reason=Telefonisch+gecontroleerd");
    assert_eq!(sanne.call("record_consent", &fields("portal")).await.status, 422, "staff record phone or counter only");
    let recorded = sanne.post_form("/api/record_consent", &[("resident", &jan_id.to_string()), ("purpose", &purpose), ("text", &text), ("grant", "true"), ("channel", "phone"), ("reason", "Telefonisch gecontroleerd")]).await;
    assert_eq!(recorded.status, 302, "{}", recorded.body);
    // The resident sees it, marked as recorded by phone, without the agent's name.
    let mine = jan.get("/mijn/toestemmingen").await;
    assert!(mine.body.contains("telefonisch, vastgelegd door een medewerker"), "{}", mine.body);
    assert!(!mine.body.contains("Sanne"));
    // Staff see who recorded it.
    assert!(sanne.get(&format!("/staff/inwoners/{jan_id}/toestemmingen")).await.body.contains("Vastgelegd door Sanne de Vries"));
    assert!(consent::may_use(app.db(), jan_id, consent::PARKING_RELOCATION, app.clock.now()).await.unwrap());
    // Residents never open the staff view; an unknown resident is not found.
    assert_eq!(jan.call("resident_consents", &format!("resident={jan_id}")).await.status, 403);
    assert_eq!(sanne.call("resident_consents", &format!("resident={}", uuid::Uuid::new_v4())).await.status, 404);
});

app_test!(with_consent_a_move_takes_the_parking_permit_along, |app| {
    let mut jan = app.browser();
    jan.login("resident", "inwoner-jan", "midden").await;
    let jan_id = jan_id(&app, &mut jan).await;
    let (purpose, text) = parking_purpose(&mut jan).await;
    change(&mut jan, &purpose, &text, true).await;
    let mut sanne = app.browser();
    sanne.login("staff", "medewerker-sanne", "").await;
    let moved = sanne.post_form("/api/record_relocation", &[("resident", &jan_id.to_string()), ("address", "Kerkstraat 12, Voorbeeld"), ("reason", "Melding aan de balie")]).await;
    assert_eq!(moved.status, 302, "{}", moved.body);
    assert_eq!(relocation::process_queued(app.db(), app.clock.now()).await.unwrap().value, 1);
    assert_eq!(relocation::process_queued(app.db(), app.clock.now()).await.unwrap().value, 0, "acted on once");
    let overview = jan.get("/mijn").await;
    assert!(overview.body.contains("Je parkeervergunning is meeverhuisd"), "told in a message");
    assert!(!overview.body.contains("Regel je parkeervergunning"), "no to-do");
    let conversations = jan.call("list_my_conversations", "").await.body;
    assert!(conversations.contains("Kerkstraat 12"));
});

app_test!(without_consent_the_resident_gets_a_todo_instead, |app| {
    let mut jan = app.browser();
    jan.login("resident", "inwoner-jan", "midden").await;
    let jan_id = jan_id(&app, &mut jan).await;
    relocation::record(app.db(), None, jan_id, "Kerkstraat 12, Voorbeeld", app.clock.now()).await.unwrap().value;
    assert_eq!(relocation::process_queued(app.db(), app.clock.now()).await.unwrap().value, 1);
    let overview = jan.get("/mijn").await;
    assert!(overview.body.contains("Regel je parkeervergunning voor je nieuwe adres"));
    assert!(!jan.call("list_my_conversations", "").await.body.contains("meeverhuisd"));
    // Bad input: no address, someone unknown.
    assert!(matches!(relocation::record(app.db(), None, jan_id, "  ", app.clock.now()).await, Err(app::backend::Error::Validation(_))));
    assert!(matches!(relocation::record(app.db(), None, ResidentId::new(), "Kerkstraat 1", app.clock.now()).await, Err(app::backend::Error::NotFound)));
});

app_test!(a_revocation_stops_work_already_queued, |app| {
    let mut jan = app.browser();
    jan.login("resident", "inwoner-jan", "midden").await;
    let jan_id = jan_id(&app, &mut jan).await;
    let (purpose, text) = parking_purpose(&mut jan).await;
    change(&mut jan, &purpose, &text, true).await;
    relocation::record(app.db(), None, jan_id, "Kerkstraat 12, Voorbeeld", app.clock.now()).await.unwrap().value;
    app.clock.advance(time::Duration::seconds(5));
    change(&mut jan, &purpose, &text, false).await;
    assert_eq!(relocation::process_queued(app.db(), app.clock.now()).await.unwrap().value, 1);
    assert!(jan.get("/mijn").await.body.contains("Regel je parkeervergunning voor je nieuwe adres"), "the revocation counted");
    assert!(!jan.call("list_my_conversations", "").await.body.contains("meeverhuisd"));
});

app_test!(quick_toggles_end_in_the_last_state_with_every_one_in_the_history, |app| {
    let mut jan = app.browser();
    jan.login("resident", "inwoner-jan", "midden").await;
    let jan_id = jan_id(&app, &mut jan).await;
    let (purpose, text) = parking_purpose(&mut jan).await;
    for grant in [true, false, true, false] {
        assert_eq!(change(&mut jan, &purpose, &text, grant).await.status, 200);
    }
    let consents: serde_json::Value = serde_json::from_str(&jan.call("my_consents", "").await.body).unwrap();
    assert_eq!(state_of(&consents, "Parkeervergunning meeverhuizen"), "NotGranted");
    assert_eq!(consents["history"].as_array().unwrap().len(), 4);
    assert!(!consent::may_use(app.db(), jan_id, consent::PARKING_RELOCATION, app.clock.now()).await.unwrap());

    // The same grant twice at once (two tabs): one is recorded, the other told it already changed.
    let change = |grant| consent::Change { purpose: purpose.parse().unwrap(), text: text.parse().unwrap(), grant, channel: app::model::consent::ConsentChannel::Portal, staff: None };
    let (a, b) = (change(true), change(true));
    let (first, second) = tokio::join!(
        consent::change(app.db(), jan_id, &a, app::i18n::Lang::Nl, app.clock.now()),
        consent::change(app.db(), jan_id, &b, app::i18n::Lang::Nl, app.clock.now()),
    );
    assert_eq!([first.is_ok(), second.is_ok()].iter().filter(|ok| **ok).count(), 1, "{first:?} {second:?}");
    assert_eq!(db::consent::history(app.db(), jan_id).await.unwrap().len(), 5);
});
