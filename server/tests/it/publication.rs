//! Loket's own events reach the municipality's Notificaties API (behind a
//! Prism proxy checking every request against the official document):
//! the kanaal is made once, a question, a callback request made and
//! closed, and a consent given each become a notification pointing into
//! Loket's Klantinteracties API, without personal data; while the
//! Notificaties API is down they wait and go later, none lost, none twice;
//! without a Notificaties API they are dropped after a day.

use app::backend::{clock::Clock, db, service::publication};
use serde_json::Value;

use crate::case_system::{CaseSystem, Fault};
use crate::support::TestApp;

async fn publish(app: &TestApp) -> publication::Round {
    let publisher = app.state.app.publisher.clone().expect("publishing is configured");
    publication::prepare(&publisher, &app.base_url).await.expect("the kanaal is made");
    publication::round(app.db(), Some(&publisher), &app.base_url, app.clock.now()).await.expect("a round")
}

macro_rules! publication_test {
    ($name:ident, |$app:ident, $zgw:ident| $body:block) => {
        mod $name {
            #[allow(unused_imports)]
            use super::*;

            async fn run(kind: app::backend::db::DbKind) {
                let $zgw = CaseSystem::start().await;
                let $app = TestApp::with_config(kind, |c| {
                    $zgw.configure(c);
                    c.zgw_publish_events = true;
                })
                .await;
                $body
            }

            crate::support::on_both_databases!();
        }
    };
}

publication_test!(contacts_callback_requests_and_consents_are_published_once_each, |app, zgw| {
    let mut sanne = app.browser();
    sanne.login("staff", "medewerker-sanne", "").await;
    let callback = crate::callback::create_for_jan(&app, &mut sanne, "team").await;
    let mut jan = app.browser();
    jan.login("resident", "inwoner-jan", "midden").await;
    let (purpose, text) = crate::consent::parking_purpose(&mut jan).await;
    assert_eq!(jan.post_form("/api/change_my_consent", &[("purpose", &purpose), ("text", &text), ("grant", "true")]).await.status, 302);
    // An internal note is no contact: nothing is published for it.
    let conversation = db::callback::find(app.db(), callback).await.unwrap().unwrap().conversation_id.unwrap();
    let note = sanne.post_form("/api/add_note", &[("id", &conversation.to_string()), ("client_id", &uuid::Uuid::new_v4().to_string()), ("body", "Intern: bellen na 14 uur")]).await;
    assert_eq!(note.status, 302, "{}", note.body);

    let round = publish(&app).await;
    assert_eq!((round.published, round.deferred), (4, 0), "the question, the request as contact and as task, the consent");
    assert_eq!(zgw.kanalen().iter().filter(|k| k["naam"] == "loket").count(), 1, "the kanaal is made once");
    let received = zgw.received();
    let summary: Vec<(String, String)> = received.iter().map(|n| (n["resource"].as_str().unwrap().into(), n["actie"].as_str().unwrap().into())).collect();
    assert_eq!(summary, [("klantcontact", "create"), ("klantcontact", "create"), ("internetaak", "create"), ("partij", "partial_update")].map(|(r, a)| (r.to_string(), a.to_string())));
    let base = format!("{}/klantinteracties/api/v1", app.base_url);
    assert_eq!(received[0]["kenmerken"]["kanaal"], "portaal");
    assert_eq!(received[2]["resourceUrl"], format!("{base}/internetaken/{callback}"));
    assert_eq!(received[2]["hoofdObject"], format!("{base}/klantcontacten/{callback}"));
    let jan_id = db::resident::find_by_bsn(app.db(), "999993653").await.unwrap().unwrap();
    assert_eq!(received[3]["hoofdObject"], format!("{base}/partijen/{jan_id}"));
    assert_eq!(received[3]["kenmerken"], serde_json::json!({"doel": "parkeervergunning-meeverhuizen", "toestemming": "verleend"}));
    let text = serde_json::to_string(&received).unwrap();
    for personal in ["999993653", "Jansen", "12345678", "vergunning mee"] {
        assert!(!text.contains(personal), "no personal data in a notification: {personal}");
    }
    assert_eq!(publish(&app).await.published, 0, "each once");

    // Closing the request: one more, with its status.
    let mut ahmed = app.browser();
    ahmed.login("staff", "medewerker-ahmed", "").await;
    assert_eq!(ahmed.post_form("/api/close_callback", &[("id", &callback.to_string()), ("result", "Gebeld.")]).await.status, 302);
    assert_eq!(publish(&app).await.published, 1);
    let last: Value = zgw.received().pop().unwrap();
    assert_eq!((last["resource"].as_str(), last["actie"].as_str(), last["kenmerken"]["status"].as_str()), (Some("internetaak"), Some("partial_update"), Some("verwerkt")));
});

publication_test!(events_wait_while_the_notificaties_api_is_down_and_go_later, |app, zgw| {
    let mut jan = app.browser();
    jan.login("resident", "inwoner-jan", "midden").await;
    let (purpose, text) = crate::consent::parking_purpose(&mut jan).await;
    assert_eq!(jan.post_form("/api/change_my_consent", &[("purpose", &purpose), ("text", &text), ("grant", "true")]).await.status, 302);
    assert_eq!(jan.post_form("/api/change_my_consent", &[("purpose", &purpose), ("text", &text), ("grant", "false")]).await.status, 302);

    zgw.fault(Some(Fault::Status(503)));
    let publisher = app.state.app.publisher.clone().unwrap();
    let down = publication::round(app.db(), Some(&publisher), &app.base_url, app.clock.now()).await.unwrap();
    assert_eq!((down.published, down.deferred), (0, 2), "both wait");
    let calls = zgw.calls().iter().filter(|(m, p)| m == "POST" && p.ends_with("/notificaties")).count();
    assert_eq!(calls, 1, "after the first refusal the rest of the batch is not tried");
    let waiting = db::publication::waiting(app.db()).await.unwrap();
    assert_eq!(waiting.iter().map(|w| w.attempts).collect::<Vec<_>>(), [1, 0], "only the one tried counts an attempt");

    zgw.fault(None);
    assert_eq!(publish(&app).await.published, 0, "not before their retry time");
    app.clock.advance(time::Duration::minutes(1));
    assert_eq!(publish(&app).await.published, 2);
    let toestemming: Vec<String> = zgw.received().iter().map(|n| n["kenmerken"]["toestemming"].as_str().unwrap().to_string()).collect();
    assert_eq!(toestemming, ["verleend", "ingetrokken"], "in the order they happened");
    assert!(db::publication::waiting(app.db()).await.unwrap().is_empty());
});

crate::support::app_test!(without_a_notificaties_api_events_are_dropped_after_a_day, |app| {
    assert!(app.state.app.publisher.is_none(), "publishing is off by default");
    let mut jan = app.browser();
    jan.login("resident", "inwoner-jan", "midden").await;
    let (purpose, text) = crate::consent::parking_purpose(&mut jan).await;
    assert_eq!(jan.post_form("/api/change_my_consent", &[("purpose", &purpose), ("text", &text), ("grant", "true")]).await.status, 302);
    assert_eq!(publication::round(app.db(), None, &app.base_url, app.clock.now()).await.unwrap().dropped, 0, "kept a day, in case a node publishes");
    app.clock.advance(time::Duration::hours(25));
    assert_eq!(publication::round(app.db(), None, &app.base_url, app.clock.now()).await.unwrap().dropped, 1);
    assert!(db::publication::waiting(app.db()).await.unwrap().is_empty());
});
