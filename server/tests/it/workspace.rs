//! The KCC workspace: its own frame (who is signed in, search, the
//! navigation with counts that follow the work live), the start page that
//! says what to do now, the search box, and the inbox's panes with the
//! resident's context beside a conversation (opened only once the agent
//! takes it, and logged).

use std::time::Duration;

use app::backend::clock::Clock;
use app::backend::service::inbound::{self, Arrival};
use app::model::conversation::Channel;
use app::model::ids::ConversationId;
use app::model::workload::Workload;

use crate::support::{app_test, Browser, TestApp};

async fn staff<'a>(app: &'a TestApp, person: &str) -> Browser<'a> {
    let mut b = app.browser();
    b.login("staff", person, "").await;
    b
}

/// A WhatsApp message from a number nobody confirmed, as the webhook stores it (its effects applied).
async fn whatsapp_from(app: &TestApp, provider_id: &str, from: &str, body: &str) -> ConversationId {
    let now = app.clock.now();
    let arrival = Arrival { channel: Channel::WhatsApp, provider_id, from, subject: None, body, at: now, answers: &[], sender_verified: true, attachments: Vec::new() };
    let posted = inbound::receive(app.db(), app.state.app.documents.as_ref(), arrival, now).await.unwrap();
    app.state.app.apply(posted).await.conversation
}

async fn counts(listener: &mut crate::support::LiveListener) -> Workload {
    let (event, data) = listener.next(Duration::from_secs(5)).await.expect("the counts come");
    assert_eq!(event, "counts");
    serde_json::from_str(&data).expect("counts as JSON")
}

app_test!(the_workspace_has_a_frame_of_its_own_with_person_role_search_and_places, |app| {
    let mut sanne = staff(&app, "medewerker-sanne").await;
    let home = sanne.get("/staff").await;
    assert_eq!(home.status, 200);
    for shown in ["Werkplek", "Sanne de Vries", "KCC-medewerker", "Uitloggen", "action=\"/api/search\"", "href=\"/staff/gesprekken?assignee=me\"", "Wat nu te doen", "<title>Wat nu te doen | Werkplek - Gemeente Voorbeeld</title>"] {
        assert!(home.body.contains(shown), "{shown} on the start page");
    }
    for never in ["href=\"/mijn\"", "href=\"/mijn/berichten\"", "Mijn omgeving", "Routering (beheer)"] {
        assert!(!home.body.contains(never), "{never} is not for a KCC agent");
    }
    // The administrator: administration, no resident search, no inbox.
    let mut bram = staff(&app, "medewerker-bram").await;
    let admin = bram.get("/staff").await;
    assert!(admin.body.contains("Routering (beheer)") && admin.body.contains("Functioneel beheerder"));
    assert!(!admin.body.contains("action=\"/api/search\"") && !admin.body.contains("Mijn gesprekken"));
    // Before logging in: the frame without anyone's places.
    let login = app.get("/staff/inloggen").await;
    assert!(login.body.contains("Werkplek") && !login.body.contains("Mijn gesprekken") && !login.body.contains("href=\"/mijn\""));
});

app_test!(the_counts_beside_the_navigation_follow_the_work_as_it_happens, |app| {
    let mut sanne = staff(&app, "medewerker-sanne").await;
    let mut ahmed = staff(&app, "medewerker-ahmed").await;
    let mut sannes = crate::support::LiveListener::connect(&app.base_url, "/staff/werkvoorraad/live", &sanne.cookies).await;
    let mut ahmeds = crate::support::LiveListener::connect(&app.base_url, "/staff/werkvoorraad/live", &ahmed.cookies).await;
    assert_eq!(counts(&mut sannes).await, Workload::default(), "the stream starts with the counts as they are");
    counts(&mut ahmeds).await;
    // A message from someone unknown: the KCC's, nobody's yet.
    let id = whatsapp_from(&app, "wamid.workspace-1", "+31612340001", "Wanneer is het stadskantoor open?").await;
    assert_eq!(counts(&mut sannes).await, Workload { unassigned: 1, ..Workload::default() });
    assert_eq!(ahmeds.next(Duration::from_millis(800)).await, None, "not Ahmed's team: his counts did not change, nothing is sent");
    // Sanne takes it.
    assert_eq!(sanne.post_form("/api/assign_conversation", &[("id", &id.to_string()), ("assignee", "me")]).await.status, 302);
    assert_eq!(counts(&mut sannes).await, Workload { my_conversations: 1, ..Workload::default() });
    // Closed: nothing waits any more.
    assert_eq!(sanne.post_form("/api/close_conversation", &[("id", &id.to_string()), ("result", "Openingstijden gegeven")]).await.status, 302);
    assert_eq!(counts(&mut sannes).await, Workload::default());
    // The page shows the same counts the stream started with.
    let page = ahmed.get("/staff").await;
    assert!(page.body.contains("staff-nav__count"), "counts beside the navigation");
    assert_eq!(app.get("/staff/werkvoorraad/live").await.status, 303, "not without logging in");
});

app_test!(the_search_box_finds_a_resident_by_phone_a_case_by_reference_and_an_unknown_sender_by_address, |app, mail, providers| {
    let jan = app::backend::db::resident::find_by_bsn(app.db(), "999993653").await.unwrap().unwrap();
    let mut jan_browser = app.browser();
    jan_browser.login("resident", "inwoner-jan", "midden").await;
    crate::channel::confirm_phone(&app, &providers, &mut jan_browser, "06 12345678").await;
    let mut sanne = staff(&app, "medewerker-sanne").await;
    let search = |q: &'static str| [("q", q), ("born", "")];
    assert_eq!(sanne.post_form("/api/search", &search("06-12 34 56 78")).await.header("location"), format!("/staff/inwoners/{jan}"), "Jan by his confirmed number");
    // A case by its reference, for someone who may read it; for anyone else it does not exist.
    let case = app::backend::db::case::find_by_reference(app.db(), "Z-2026-000101").await.unwrap().unwrap();
    let mut ahmed = staff(&app, "medewerker-ahmed").await;
    assert_eq!(ahmed.post_form("/api/search", &search("z-2026-000101")).await.header("location"), format!("/staff/zaken/{}", case.id));
    assert_eq!(sanne.post_form("/api/search", &search("Z-2026-000101")).await.header("location"), "/staff/inwoners?geen=1", "the KCC reads no cases");
    // Someone unknown, by the number they wrote from: their open conversation.
    let unknown = whatsapp_from(&app, "wamid.workspace-2", "+31612340002", "Is mijn paspoort al klaar?").await;
    assert_eq!(sanne.post_form("/api/search", &search("0612340002")).await.header("location"), format!("/staff/gesprekken/{unknown}"));
    // Two from the same number: both listed.
    let second = whatsapp_from(&app, "wamid.workspace-3", "+31612340002", "Hallo?").await;
    assert_eq!(second, unknown, "the same open conversation continues");
    // Nothing is put in the address but internal ids.
    let nobody = sanne.post_form("/api/search", &search("0612349999")).await;
    assert_eq!(nobody.header("location"), "/staff/inwoners?geen=1");
});

app_test!(the_start_page_puts_my_queue_first_then_what_passed_its_term_then_what_is_new_for_my_team, |app| {
    let mut sanne = staff(&app, "medewerker-sanne").await;
    let mine = whatsapp_from(&app, "wamid.workspace-4", "+31612340004", "Mijn vraag over afval").await;
    assert_eq!(sanne.post_form("/api/assign_conversation", &[("id", &mine.to_string()), ("assignee", "me")]).await.status, 302);
    whatsapp_from(&app, "wamid.workspace-5", "+31612340005", "Een nieuwe vraag over de markt").await;
    // A callback request of Sanne's that passed its term.
    let general = app::backend::db::callback::types(app.db()).await.unwrap().into_iter().find(|t| t.slug == "algemeen").unwrap();
    let new = app::backend::service::callback::NewRequest {
        client_id: uuid::Uuid::new_v4(),
        callback_type: general.id,
        resident: None,
        conversation: None,
        phone: "+31612340006",
        preferred_time: "",
        question: "Terugbellen over de hondenbelasting",
        answers: &[],
        owner: None,
        backup: None,
    };
    let calendar = app::backend::calendar::Calendar::default();
    let sanne_id = app::backend::db::staff_member::find_by_subject(app.db(), "medewerker-sanne").await.unwrap();
    let made = app::backend::service::callback::create(app.db(), &calendar, sanne_id, &new, app.clock.now() - time::Duration::days(10)).await.unwrap();
    app.state.app.apply(made).await;
    let page = sanne.get("/staff").await;
    let at = |text: &str| page.body.find(text).unwrap_or_else(|| panic!("{text} on the start page"));
    let (queue, late, new_for_team) = (at("1. Mijn werk"), at("2. Over de termijn"), at("3. Nieuw voor mijn team"));
    assert!(queue < late && late < new_for_team, "in the order of what to do first");
    assert!((queue..late).contains(&at(&format!("/staff/gesprekken/{mine}"))), "my conversation in my queue");
    assert!((late..new_for_team).contains(&at("Algemene vraag")), "the request past its term");
    assert!(page.body[new_for_team..].contains("Een nieuwe vraag over de markt") || page.body[new_for_team..].contains("WhatsApp"), "the new conversation for my team");
    // An administrator has no contacts: the page says so.
    let mut bram = staff(&app, "medewerker-bram").await;
    assert!(bram.get("/staff").await.body.contains("Je rol werkt niet met gesprekken of terugbelverzoeken"));
});

app_test!(the_residents_context_beside_a_conversation_opens_once_the_agent_takes_it_and_is_logged, |app| {
    let mut jan = app.browser();
    jan.login("resident", "inwoner-jan", "midden").await;
    let first = crate::conversation::ask(&mut jan, "Vraag over afval", "Wanneer komt de vuilniswagen?", &[]).await;
    let second = crate::conversation::ask(&mut jan, "Vraag over de markt", "Is er op zaterdag markt?", &[]).await;
    let jan_id = app::backend::db::resident::find_by_bsn(app.db(), "999993653").await.unwrap().unwrap();
    let db = app.db().clone();
    let reads = |category: &'static str| {
        let db = db.clone();
        async move {
            let entries = app::backend::service::processing_log::search(&db, Some(jan_id), None, None, 1000, app::i18n::Lang::Nl).await.unwrap();
            entries.iter().filter(|e| e.category == category).count()
        }
    };
    let mut sanne = staff(&app, "medewerker-sanne").await;
    let before = reads("klantbeeld").await;
    let page = sanne.get(&format!("/staff/gesprekken/{first}")).await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("Je ziet de zaken en eerdere contacten van deze inwoner als je het gesprek zelf oppakt."));
    assert!(!page.body.contains("Jan Jansen"), "no name before the agent takes it");
    assert_eq!(reads("klantbeeld").await, before, "nothing of Jan's context was read");
    // The three panes: the list with this one marked, and the way to the next.
    assert!(page.body.contains("inbox-list__item--current"));
    let next = format!("href=\"/staff/gesprekken/{second}\" rel=\"next\"");
    let previous = format!("href=\"/staff/gesprekken/{second}\" rel=\"prev\"");
    assert!(page.body.contains(&next) || page.body.contains(&previous), "the other conversation is next or previous");
    // Taken: the context opens for the contact, and the resident can see it was looked at.
    assert_eq!(sanne.post_form("/api/assign_conversation", &[("id", &first), ("assignee", "me")]).await.status, 302);
    let page = sanne.get(&format!("/staff/gesprekken/{first}")).await;
    assert!(page.body.contains("Over deze inwoner") && page.body.contains("Jan Jansen"));
    assert!(page.body.contains("Vraag over de markt") || page.body.contains("Is er op zaterdag markt?"), "his other conversation among the earlier contacts");
    assert_eq!(reads("klantbeeld").await, before + 1, "the opening is logged, visible to Jan");
});
