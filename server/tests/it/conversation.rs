//! Conversations: a resident asks, staff pick it up in the inbox and
//! reply; notes never reach the resident on any path; posting is
//! idempotent; bad input stores nothing and keeps what was typed; live
//! updates reach open pages, also from another node on PostgreSQL.

use std::time::Duration;

use app::backend::db::DbKind;

use crate::support::{app_test, Browser, LiveListener, TestApp};

const PDF: &[u8] = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n";

/// Asks a question as `resident`; returns the conversation id.
pub(crate) async fn ask(resident: &mut Browser<'_>, subject: &str, body: &str, files: &[(&str, &[u8])]) -> String {
    let client_id = uuid::Uuid::new_v4().to_string();
    let res = resident.post_files("/mijn/berichten", &[("client_id", &client_id), ("subject", subject), ("body", body)], files).await;
    assert_eq!(res.status, 303, "{}", res.body);
    let location = res.header("location").to_string();
    let id = location.strip_prefix("/mijn/berichten/").and_then(|r| r.strip_suffix("?verstuurd=1")).unwrap_or_else(|| panic!("{location}"));
    id.to_string()
}

async fn message_count(app: &TestApp, conversation: &str) -> usize {
    app::backend::db::conversation::messages(app.db(), conversation.parse().unwrap(), true).await.unwrap().len()
}

app_test!(a_question_is_answered_in_the_same_thread_and_notes_stay_internal, |app| {
    let mut jan = app.browser();
    jan.login("resident", "inwoner-jan", "midden").await;
    let id = ask(&mut jan, "Vraag over mijn paspoort", "Moet ik een foto meenemen?", &[("foto.pdf", PDF)]).await;
    let page = jan.get(&format!("/mijn/berichten/{id}?verstuurd=1")).await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("Moet ik een foto meenemen?"));
    assert!(page.body.contains("Je bericht is verstuurd."));
    assert!(page.body.contains("foto.pdf"));

    // Staff find it in the inbox, across channels, and open it (logged).
    let mut sanne = app.browser();
    sanne.login("staff", "medewerker-sanne", "").await;
    let inbox = sanne.get("/staff/gesprekken").await;
    assert!(inbox.body.contains("Vraag over mijn paspoort"), "{}", inbox.body);
    let portal_only = sanne.call("load_inbox", "channel=portal").await;
    assert!(portal_only.body.contains("Vraag over mijn paspoort"));
    assert!(!sanne.call("load_inbox", "channel=whatsapp").await.body.contains("Vraag over mijn paspoort"));
    assert_eq!(sanne.call("load_inbox", "channel=fax").await.status, 422);
    let staff_page = sanne.get(&format!("/staff/gesprekken/{id}")).await;
    assert_eq!(staff_page.status, 200);
    assert!(staff_page.body.contains("*****3653"), "staff see the masked BSN");
    assert!(!staff_page.body.contains("999993653"));
    let client_id = uuid::Uuid::new_v4().to_string();
    assert_eq!(sanne.post_form("/api/assign_conversation", &[("id", &id), ("assignee", "me")]).await.status, 302);
    assert!(sanne.call("load_inbox", "assignee=me").await.body.contains("Vraag over mijn paspoort"));
    let note = sanne.post_form("/api/add_note", &[("id", &id), ("client_id", &client_id), ("body", "GEHEIM: bel collega")]).await;
    assert_eq!(note.status, 302, "{}", note.body);
    let reply_id = uuid::Uuid::new_v4().to_string();
    let reply = sanne.post_form("/api/reply_to_conversation", &[("id", &id), ("client_id", &reply_id), ("body", "Ja, een pasfoto van minder dan 6 maanden oud.")]).await;
    assert_eq!(reply.status, 302);
    // A double submit of the same reply stores it once.
    sanne.post_form("/api/reply_to_conversation", &[("id", &id), ("client_id", &reply_id), ("body", "Ja, een pasfoto van minder dan 6 maanden oud.")]).await;
    assert_eq!(message_count(&app, &id).await, 3);

    // The resident reads the reply from the team; never the note or the colleague's name.
    let page = jan.get(&format!("/mijn/berichten/{id}")).await;
    assert!(page.body.contains("Ja, een pasfoto"));
    assert!(page.body.contains("KCC"));
    assert!(page.body.contains("Wacht op jouw antwoord"));
    for hidden in ["GEHEIM", "Interne notitie", "Sanne"] {
        assert!(!page.body.contains(hidden), "{hidden} leaked to the resident page");
        assert!(!jan.call("get_my_conversation", &format!("id={id}")).await.body.contains(hidden), "{hidden} leaked to the server function");
        assert!(!jan.call("list_my_conversations", "").await.body.contains(hidden), "{hidden} leaked to the list");
        assert!(!jan.call("list_my_open_conversations", "").await.body.contains(hidden), "{hidden} leaked to the overview's list");
        assert!(!jan.get("/mijn").await.body.contains(hidden), "{hidden} leaked to the overview");
    }
    // Staff see both, with the colleague's name.
    let staff_page = sanne.get(&format!("/staff/gesprekken/{id}")).await;
    assert!(staff_page.body.contains("GEHEIM: bel collega") && staff_page.body.contains("Interne notitie"));

    // The resident answers; the overview lists the open question; staff close it with a result.
    let answer = jan.post_files(&format!("/mijn/berichten/{id}"), &[("client_id", &uuid::Uuid::new_v4().to_string()), ("body", "Dank je!")], &[]).await;
    assert_eq!(answer.status, 303, "{}", answer.body);
    assert!(jan.get("/mijn").await.body.contains("Vraag over mijn paspoort"));
    assert_eq!(sanne.post_form("/api/close_conversation", &[("id", &id), ("result", "Uitgelegd welke foto")]).await.status, 302);
    assert_eq!(sanne.call("close_conversation", &format!("id={id}&result=nog+eens")).await.status, 409);
    assert!(!jan.get("/mijn").await.body.contains("Vraag over mijn paspoort"), "closed questions leave the overview");
    assert!(!jan.call("list_my_open_conversations", "").await.body.contains("Vraag over mijn paspoort"));
    assert!(jan.call("list_my_conversations", "").await.body.contains("Vraag over mijn paspoort"), "and stay in the list of all");
    assert!(jan.get("/mijn/berichten").await.body.contains("Afgesloten"));
});

app_test!(a_question_about_a_case_goes_to_its_team_and_shows_on_the_case, |app| {
    let mut fatima = app.browser();
    fatima.login("resident", "inwoner-fatima", "midden").await;
    let cases: serde_json::Value = serde_json::from_str(&fatima.call("list_my_cases", "").await.body).unwrap();
    let case = cases["open"][0]["id"].as_str().unwrap().to_string();
    let form = fatima.get(&format!("/mijn/berichten/nieuw?zaak={case}")).await;
    assert!(form.body.contains(&format!("<option value=\"{case}\" selected")), "the case is chosen: {}", form.body);
    let client_id = uuid::Uuid::new_v4().to_string();
    let res = fatima.post_files("/mijn/berichten", &[("client_id", &client_id), ("subject", "Bankafschriften"), ("body", "Welke maanden?"), ("case", &case)], &[]).await;
    assert_eq!(res.status, 303);
    let conversations: serde_json::Value = serde_json::from_str(&fatima.call("list_my_conversations", "").await.body).unwrap();
    assert_eq!(conversations[0]["handled_by"], "Werk & Inkomen");
    assert!(fatima.get(&format!("/mijn/zaken/{case}")).await.body.contains("Bankafschriften"));

    // Someone else's case cannot be asked about.
    let mut jan = app.browser();
    jan.login("resident", "inwoner-jan", "midden").await;
    let res = jan.post_files("/mijn/berichten", &[("client_id", &uuid::Uuid::new_v4().to_string()), ("subject", "x"), ("body", "y"), ("case", &case)], &[]).await;
    assert_eq!(res.header("location"), "/mijn/berichten/nieuw");
    assert_eq!(jan.call("list_my_conversations", "").await.body, "[]");
});

app_test!(another_residents_conversation_is_not_found_on_every_path, |app| {
    let mut jan = app.browser();
    jan.login("resident", "inwoner-jan", "midden").await;
    let id = ask(&mut jan, "Afval", "Wanneer komt de container?", &[("brief.pdf", PDF)]).await;
    let attachment = {
        let detail: serde_json::Value = serde_json::from_str(&jan.call("get_my_conversation", &format!("id={id}")).await.body).unwrap();
        detail["messages"][0]["attachments"][0]["href"].as_str().unwrap().to_string()
    };
    assert_eq!(jan.get(&attachment).await.status, 200);

    let mut kees = app.browser();
    kees.login("resident", "inwoner-kees", "midden").await;
    assert_eq!(kees.get(&format!("/mijn/berichten/{id}")).await.status, 404);
    assert_eq!(kees.call("get_my_conversation", &format!("id={id}")).await.status, 404);
    assert_eq!(kees.get(&attachment).await.status, 404);
    assert_eq!(kees.get(&format!("/mijn/berichten/{id}/live")).await.status, 404);
    let reply = kees.post_files(&format!("/mijn/berichten/{id}"), &[("client_id", &uuid::Uuid::new_v4().to_string()), ("body", "ik ook")], &[]).await;
    assert_eq!(reply.status, 404);
    assert_eq!(message_count(&app, &id).await, 1);
    // Reusing someone else's client id neither peeks at their conversation nor posts.
    let shared = uuid::Uuid::new_v4().to_string();
    let mine = jan.post_files("/mijn/berichten", &[("client_id", &shared), ("subject", "Eigen"), ("body", "Van Jan")], &[]).await;
    assert!(mine.header("location").ends_with("?verstuurd=1"));
    let theirs = kees.post_files("/mijn/berichten", &[("client_id", &shared), ("subject", "Ander"), ("body", "Van Kees")], &[]).await;
    assert_eq!(theirs.header("location"), "/mijn/berichten/nieuw");
    assert_eq!(kees.call("list_my_conversations", "").await.body, "[]");
    assert_eq!(kees.call("list_my_open_conversations", "").await.body, "[]");
    // Not logged in, or staff on the resident's paths: nothing.
    assert_eq!(app.call("list_my_conversations", "").await.status, 401);
    assert_eq!(app.call("list_my_open_conversations", "").await.status, 401);
    let anonymous = app.get(&format!("/mijn/berichten/{id}/live")).await;
    assert_eq!(anonymous.status, 303, "not logged in: off to the login");
    assert!(anonymous.header("location").starts_with("/inloggen"), "{}", anonymous.header("location"));
    assert_eq!(jan.call("load_inbox", "").await.status, 403);
    assert_eq!(jan.call("add_note", &format!("id={id}&client_id={}&body=x", uuid::Uuid::new_v4())).await.status, 403);
});

app_test!(bad_messages_store_nothing_and_keep_what_was_typed, |app| {
    let mut jan = app.browser();
    jan.login("resident", "inwoner-jan", "midden").await;
    let post = |subject: String, body: String| {
        vec![("client_id".to_string(), uuid::Uuid::new_v4().to_string()), ("subject".to_string(), subject), ("body".to_string(), body)]
    };
    let cases: [(Vec<(String, String)>, Vec<(&str, &[u8])>, &str); 5] = [
        (post("Parkeren".into(), "   ".into()), vec![], "Vul dit in."),
        (post("Parkeren".into(), "x".repeat(5001)), vec![], "Dit is te lang."),
        (post("Parkeren".into(), "Hallo".into()), vec![("a.exe", b"MZ\x90\x00 not a pdf")], "Dit klopt niet."),
        (post("Parkeren".into(), "Hallo".into()), vec![("1.pdf", PDF), ("2.pdf", PDF), ("3.pdf", PDF), ("4.pdf", PDF)], "Dit is te lang."),
        (post("".into(), "Hallo".into()), vec![], "Vul dit in."),
    ];
    for (fields, files, message) in cases {
        let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        let res = jan.post_files("/mijn/berichten", &fields, &files).await;
        assert_eq!(res.status, 303);
        assert_eq!(res.header("location"), "/mijn/berichten/nieuw");
        let form = jan.get("/mijn/berichten/nieuw").await;
        assert!(form.body.contains(message), "{message}: {}", form.body);
        let typed = fields[2].1;
        if !typed.trim().is_empty() && typed.len() < 100 {
            assert!(form.body.contains(typed), "what was typed is kept");
        }
        // Shown once: a reload starts clean.
        assert!(!jan.get("/mijn/berichten/nieuw").await.body.contains(message));
    }
    assert_eq!(jan.call("list_my_conversations", "").await.body, "[]", "nothing was stored");
    let leftovers = std::fs::read_dir(&app.config.documents_dir).map(|d| d.count()).unwrap_or(0);
    assert_eq!(leftovers, 0, "no attachment was half-stored");
    // A missing client id is a malformed form.
    let res = jan.post_files("/mijn/berichten", &[("subject", "a"), ("body", "b")], &[]).await;
    assert_eq!(res.header("location"), "/mijn/berichten/nieuw");
    // Unknown conversation: not found.
    let res = jan.post_files(&format!("/mijn/berichten/{}", uuid::Uuid::new_v4()), &[("client_id", &uuid::Uuid::new_v4().to_string()), ("body", "b")], &[]).await;
    assert_eq!(res.status, 404);

    // Double submit: one question.
    let client_id = uuid::Uuid::new_v4().to_string();
    let fields = [("client_id", client_id.as_str()), ("subject", "Dubbel"), ("body", "Een keer graag")];
    let first = jan.post_files("/mijn/berichten", &fields, &[]).await;
    let second = jan.post_files("/mijn/berichten", &fields, &[]).await;
    assert_eq!(first.header("location"), second.header("location"));
    let list: serde_json::Value = serde_json::from_str(&jan.call("list_my_conversations", "").await.body).unwrap();
    assert_eq!(list.as_array().unwrap().len(), 1);
    // Staff: an empty reply is refused.
    let id = list[0]["id"].as_str().unwrap();
    let mut sanne = app.browser();
    sanne.login("staff", "medewerker-sanne", "").await;
    assert_eq!(sanne.call("reply_to_conversation", &format!("id={id}&client_id={}&body=", uuid::Uuid::new_v4())).await.status, 422);
    assert_eq!(sanne.call("reply_to_conversation", &format!("id={}&client_id={}&body=x", uuid::Uuid::new_v4(), uuid::Uuid::new_v4())).await.status, 404);
    assert_eq!(sanne.call("reply_to_conversation", &format!("id={id}&client_id=not-a-uuid&body=x")).await.status, 400);
});

app_test!(a_reply_reaches_the_residents_open_page_live_and_a_note_does_not, |app| {
    let mut jan = app.browser();
    jan.login("resident", "inwoner-jan", "midden").await;
    let id = ask(&mut jan, "Live", "Hoor ik het meteen?", &[]).await;
    let mut resident_page = LiveListener::connect(&app.base_url, &format!("/mijn/berichten/{id}/live"), &jan.cookies).await;
    let mut sanne = app.browser();
    sanne.login("staff", "medewerker-sanne", "").await;
    let mut staff_page = LiveListener::connect(&app.base_url, &format!("/staff/gesprekken/{id}/live"), &sanne.cookies).await;

    sanne.post_form("/api/add_note", &[("id", &id), ("client_id", &uuid::Uuid::new_v4().to_string()), ("body", "GEHEIM")]).await;
    sanne.post_form("/api/reply_to_conversation", &[("id", &id), ("client_id", &uuid::Uuid::new_v4().to_string()), ("body", "Ja, meteen.")]).await;
    let (event, data) = resident_page.next(Duration::from_secs(5)).await.expect("the reply arrives");
    assert_eq!(event, "message");
    let message: serde_json::Value = serde_json::from_str(&data).unwrap();
    assert_eq!(message["body"], "Ja, meteen.");
    assert_eq!(message["author"], "KCC");
    assert!(resident_page.next(Duration::from_millis(300)).await.is_none(), "the note never reaches the resident");
    let (_, note) = staff_page.next(Duration::from_secs(5)).await.unwrap();
    assert!(note.contains("GEHEIM"), "staff see the note live");
    let (_, reply) = staff_page.next(Duration::from_secs(5)).await.unwrap();
    assert!(reply.contains("Ja, meteen."));
});

/// Two Loket nodes on one PostgreSQL: a reply posted on one reaches a
/// page listening on the other, through LISTEN/NOTIFY.
#[tokio::test]
async fn a_message_posted_on_one_node_reaches_a_page_on_another() {
    let first = TestApp::new(DbKind::Postgres).await;
    let second = first.second_node().await;
    let mut jan = first.browser();
    jan.login("resident", "inwoner-jan", "midden").await;
    let id = ask(&mut jan, "Twee servers", "Komt dit aan?", &[]).await;
    // The resident's page is served by the second node (the session lives in the shared database).
    let mut page = LiveListener::connect(&second.base_url, &format!("/mijn/berichten/{id}/live"), &jan.cookies).await;
    let mut sanne = first.browser();
    sanne.login("staff", "medewerker-sanne", "").await;
    let started = std::time::Instant::now();
    sanne.post_form("/api/reply_to_conversation", &[("id", &id), ("client_id", &uuid::Uuid::new_v4().to_string()), ("body", "Via de andere server.")]).await;
    let (_, data) = page.next(Duration::from_secs(5)).await.expect("the reply crosses nodes");
    assert!(data.contains("Via de andere server."));
    println!("cross-node delivery took {:?}", started.elapsed());
    // And the other way round: the resident writes on the second node, staff listen on the first.
    let mut staff_page = LiveListener::connect(&first.base_url, &format!("/staff/gesprekken/{id}/live"), &sanne.cookies).await;
    let mut jan_on_second = second.browser();
    jan_on_second.cookies = jan.cookies.clone();
    let res = jan_on_second.post_files(&format!("/mijn/berichten/{id}"), &[("client_id", &uuid::Uuid::new_v4().to_string()), ("body", "Ontvangen!")], &[]).await;
    assert_eq!(res.status, 303, "{}", res.body);
    let (_, data) = staff_page.next(Duration::from_secs(5)).await.expect("the answer crosses nodes");
    assert!(data.contains("Ontvangen!"));
}

app_test!(a_handover_link_brings_an_open_channel_conversation_into_mijn_omgeving, |app| {
    use app::backend::{clock::Clock, db};
    use app::model::ids::{ConversationId, MessageId};
    // A question that came in on an open channel, not yet linked to anyone.
    let now = app.clock.now();
    let team = db::team::find_by_slug(app.db(), "kcc").await.unwrap().unwrap();
    let id = ConversationId::new();
    let mut tx = app.db().begin().await.unwrap();
    let new = db::conversation::NewConversation { id, resident_id: None, subject: "Vraag per e-mail", case_id: None, status: "waiting_for_municipality", team_id: team, channel: "email", contact: None };
    db::conversation::insert(&mut tx, &new, now).await.unwrap();
    let message = db::conversation::NewMessage { id: MessageId::new(), conversation_id: id, client_id: uuid::Uuid::new_v4(), channel: "email", direction: "in", staff_id: None, body: "Mag ik mijn inkomen mailen?", provider_id: None, delivery: None, sender_check: None };
    db::conversation::insert_message(&mut tx, &message, now).await.unwrap();
    tx.commit().await.unwrap();

    let mut sanne = app.browser();
    sanne.login("staff", "medewerker-sanne", "").await;
    assert!(sanne.get(&format!("/staff/gesprekken/{id}")).await.body.contains("Nog niet bekend wie dit is"));
    let offered = sanne.post_form("/api/offer_handover", &[("id", &id.to_string())]).await;
    assert_eq!(offered.status, 302, "{}", offered.body);
    let messages = db::conversation::messages(app.db(), id, true).await.unwrap();
    let link = messages.iter().flat_map(|m| m.body.split_whitespace()).find(|w| w.starts_with("http")).expect("a link in the reply");
    let path = link.strip_prefix(&app.base_url).expect("a link to this Loket").to_string();

    // Not logged in: to DigiD first, and back to the link.
    let anonymous = app.get(&path).await;
    assert_eq!(anonymous.status, 303);
    assert_eq!(anonymous.header("location"), format!("/inloggen?next={path}"));
    let mut kees = app.browser();
    kees.login("resident", "inwoner-kees", "midden").await;
    // Opening the link says what it brings in, and changes nothing yet.
    let shown = kees.get(&path).await;
    assert_eq!(shown.status, 200, "{}", shown.body);
    assert!(shown.body.contains("Vraag per e-mail") && shown.body.contains("Mag ik mijn inkomen mailen?"), "{}", shown.body);
    assert!(shown.body.contains(&format!(r#"<form method="post" action="{path}""#)), "{}", shown.body);
    assert_eq!(kees.get(&format!("/mijn/berichten/{id}")).await.status, 404, "not taken over by looking");
    let landed = kees.post_form(&path, &[]).await;
    assert_eq!(landed.status, 303, "{}", landed.body);
    assert_eq!(landed.header("location"), format!("/mijn/berichten/{id}"));
    let thread = kees.get(&format!("/mijn/berichten/{id}")).await;
    assert!(thread.body.contains("Mag ik mijn inkomen mailen?"), "{}", thread.body);
    assert!(thread.body.contains("Wil je verder in een beveiligde omgeving?"));
    // Once only; and a later link to Kees's conversation is no use to anybody else.
    assert_eq!(kees.get(&path).await.status, 404);
    assert_eq!(kees.post_form(&path, &[]).await.status, 404);
    sanne.post_form("/api/offer_handover", &[("id", &id.to_string())]).await;
    let messages = db::conversation::messages(app.db(), id, true).await.unwrap();
    let links: Vec<&str> = messages.iter().flat_map(|m| m.body.split_whitespace()).filter(|w| w.starts_with("http")).collect();
    assert_eq!(links.len(), 2);
    let second = links.into_iter().find(|l| *l != link).unwrap().strip_prefix(&app.base_url).unwrap().to_string();
    let mut jan = app.browser();
    jan.login("resident", "inwoner-jan", "midden").await;
    assert_eq!(jan.get(&second).await.status, 404);
    assert_eq!(jan.post_form(&second, &[]).await.status, 404);
    assert_eq!(jan.get(&format!("/mijn/berichten/{id}")).await.status, 404);
    assert_eq!(jan.get("/mijn/berichten/overnemen/not-a-token").await.status, 404);
    // It expires.
    app.clock.advance(time::Duration::hours(25));
    let mut kees_later = app.browser();
    kees_later.login("resident", "inwoner-kees", "midden").await;
    assert_eq!(kees_later.get(&second).await.status, 404);
    assert_eq!(kees_later.post_form(&second, &[]).await.status, 404);
});

app_test!(a_refused_30_mb_message_does_not_become_a_30_mb_draft_in_the_session, |app| {
    let mut jan = app.browser();
    jan.login("resident", "inwoner-jan", "midden").await;
    jan.get("/mijn/berichten/nieuw").await;
    let huge = "a".repeat(30 * 1024 * 1024);
    let refused = jan.post_files("/mijn/berichten", &[("client_id", &uuid::Uuid::new_v4().to_string()), ("subject", "Lang"), ("body", &huge)], &[]).await;
    assert_eq!(refused.header("location"), "/mijn/berichten/nieuw", "{}", refused.body);
    let form = jan.get("/mijn/berichten/nieuw").await;
    assert!(form.body.contains("Dit is te lang"), "the reason is shown");
    assert!(form.body.len() < 100 * 1024, "the draft kept {} bytes", form.body.len());
    let kept = form.body.matches('a').count();
    assert!(kept > 5000, "what was typed comes back, up to the limit");
});

#[tokio::test]
async fn a_resident_posting_messages_in_a_loop_is_slowed_down() {
    let app = crate::support::TestApp::with_config(app::backend::db::DbKind::Sqlite, |c| c.message_rate_per_minute = 3).await;
    let mut jan = app.browser();
    jan.login("resident", "inwoner-jan", "midden").await;
    let post = |n: usize| vec![("client_id".to_string(), uuid::Uuid::new_v4().to_string()), ("subject".into(), format!("Vraag {n}")), ("body".into(), "Hallo".into())];
    for n in 0..3 {
        let fields = post(n);
        let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        assert!(jan.post_files("/mijn/berichten", &fields, &[]).await.header("location").contains("verstuurd=1"));
    }
    let fields = post(4);
    let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    assert_eq!(jan.post_files("/mijn/berichten", &fields, &[]).await.header("location"), "/mijn/berichten/nieuw");
    let form = jan.get("/mijn/berichten/nieuw").await;
    assert!(form.body.contains("Vraag 4"), "what was typed is kept");
}

/// A live page of a session that ended stops receiving: the stream ends
/// at logout, at idle expiry, and when a staff member loses every role;
/// a session holds a few streams, not any number.
async fn live_streams_end_with_their_session(kind: app::backend::db::DbKind) {
    use std::time::Duration;
    let app = crate::support::TestApp::with_config(kind, |c| c.live_check_seconds = 1).await;
    let mut jan = app.browser();
    jan.login("resident", "inwoner-jan", "midden").await;
    let id = ask(&mut jan, "Live", "Blijft dit open?", &[]).await;
    let path = format!("/mijn/berichten/{id}/live");

    // At most eight at once for one session (a few tabs, two streams each).
    let mut open = Vec::new();
    for _ in 0..8 {
        open.push(LiveListener::connect(&app.base_url, &path, &jan.cookies).await);
    }
    let cookie = jan.cookies.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join("; ");
    let ninth = reqwest::Client::new().get(format!("{}{path}", app.base_url)).header("cookie", cookie).send().await.unwrap();
    assert_eq!(ninth.status(), 429);
    drop(ninth);

    // Logout ends them all.
    jan.post_form("/auth/logout", &[]).await;
    for stream in &mut open {
        assert!(stream.ends_within(Duration::from_secs(5)).await, "a stream outlived the logout");
    }

    // Idle for 15 minutes: the session expires, and its stream ends.
    let mut jan = app.browser();
    jan.login("resident", "inwoner-jan", "midden").await;
    let mut stream = LiveListener::connect(&app.base_url, &path, &jan.cookies).await;
    assert!(!stream.ends_within(Duration::from_millis(1500)).await, "a live session's stream stays open");
    app.clock.advance(time::Duration::minutes(16));
    assert!(stream.ends_within(Duration::from_secs(5)).await, "a stream outlived its session");

    // A staff member whose roles are taken away between logins.
    let mut sanne = app.browser();
    sanne.login("staff", "medewerker-sanne", "").await;
    let mut staff_stream = LiveListener::connect(&app.base_url, &format!("/staff/gesprekken/{id}/live"), &sanne.cookies).await;
    app::backend::db::staff_member::provision(app.db(), "medewerker-sanne", "", None, true).await.unwrap();
    assert!(staff_stream.ends_within(Duration::from_secs(5)).await, "a stream outlived the roles");
}

#[tokio::test]
async fn live_streams_end_with_their_session_sqlite() {
    live_streams_end_with_their_session(app::backend::db::DbKind::Sqlite).await;
}

#[tokio::test]
async fn live_streams_end_with_their_session_postgres() {
    live_streams_end_with_their_session(app::backend::db::DbKind::Postgres).await;
}

app_test!(the_inbox_list_renews_itself_when_a_conversation_arrives_or_is_taken, |app| {
    let mut sanne = app.browser();
    sanne.login("staff", "medewerker-sanne", "").await;
    let mut ahmed = app.browser();
    ahmed.login("staff", "medewerker-ahmed", "").await;
    // Sanne's inbox shows what nobody took yet; a later page and Ahmed's (Parkeren) inbox are open too.
    let mut unassigned = LiveListener::connect(&app.base_url, "/staff/gesprekken/live?assignee=none", &sanne.cookies).await;
    let later = format!("/staff/gesprekken/live?assignee=none&na={}", uuid::Uuid::new_v4());
    let mut later_page = LiveListener::connect(&app.base_url, &later, &sanne.cookies).await;
    let mut parkeren = LiveListener::connect(&app.base_url, "/staff/gesprekken/live", &ahmed.cookies).await;
    assert_eq!(sanne.get("/staff/gesprekken/live?status=verzonnen").await.status, 422, "a filter that does not exist");

    let mut jan = app.browser();
    jan.login("resident", "inwoner-jan", "midden").await;
    let id = ask(&mut jan, "Lantaarnpaal kapot", "Bij mijn huis brandt de lamp niet.", &[]).await;
    let (event, html) = unassigned.next(Duration::from_secs(5)).await.expect("the list comes again");
    assert_eq!(event, "list");
    assert!(html.contains("Lantaarnpaal kapot") && html.contains("gesprekken, het langst wachtende eerst"), "{html}");
    assert!(html.contains(&format!("href=\"/staff/gesprekken/{id}\"")), "{html}");
    assert_eq!(later_page.next(Duration::from_secs(5)).await.map(|e| e.0).as_deref(), Some("changed"), "a later page is told, not replaced");
    assert_eq!(parkeren.next(Duration::from_millis(800)).await, None, "not Ahmed's team: nothing reaches him");

    // Taken: the list of what nobody took comes again without it.
    assert_eq!(sanne.call("assign_conversation", &format!("id={id}&assignee=me")).await.status, 200);
    let (event, html) = unassigned.next(Duration::from_secs(5)).await.expect("the list comes again");
    assert_eq!(event, "list");
    assert!(!html.contains("Lantaarnpaal kapot"), "{html}");
});

/// The inbox as `staff` sees it with this filter (a form), first page.
async fn inbox(staff: &mut Browser<'_>, filter: &str) -> app::model::conversation::Inbox {
    let res = staff.call("load_inbox", filter).await;
    assert_eq!(res.status, 200, "{filter}: {}", res.body);
    serde_json::from_str(&res.body).unwrap()
}

/// How many conversations the inbox lists with this filter, page after page.
async fn listed(staff: &mut Browser<'_>, filter: &str) -> i64 {
    let (mut rows, mut after) = (0, String::new());
    loop {
        let page = inbox(staff, &format!("{filter}&after={after}")).await;
        rows += page.conversations.len() as i64;
        match page.next {
            Some(next) => after = next.to_string(),
            None => return rows,
        }
    }
}

/// The inbox's counts against its lists: in total, per state and per channel.
async fn counts_match_lists(db: &app::backend::db::Db, staff: &mut Browser<'_>, staff_id: app::model::ids::StaffId, when: &str) {
    let all = inbox(staff, "").await;
    assert_eq!(all.total, listed(staff, "").await, "{when}: {all:?}");
    for (status, n) in &all.per_status {
        assert_eq!(*n, listed(staff, &format!("status={}", status.code())).await, "{when}: {status:?}");
    }
    for (channel, n) in &all.per_channel {
        assert_eq!(*n, listed(staff, &format!("channel={}", channel.code())).await, "{when}: {channel:?}");
    }
    let (mine, nobodys) = (listed(staff, "assignee=me").await, listed(staff, "assignee=none").await);
    assert_eq!((inbox(staff, "assignee=me").await.total, inbox(staff, "assignee=none").await.total), (mine, nobodys), "{when}");
    // The navigation's counts: hers, and her teams' that nobody has taken.
    assert_eq!(app::backend::db::conversation::counts(db, staff_id).await.unwrap(), (mine, nobodys), "{when}");
}

app_test!(the_open_counts_follow_every_change_of_a_conversation, |app| {
    use app::backend::{clock::Clock, db};
    let mut sanne = app.browser();
    sanne.login("staff", "medewerker-sanne", "").await;
    let sanne_id = db::staff_member::find_by_subject(app.db(), "medewerker-sanne").await.unwrap().expect("signed in");
    let kcc = db::team::find_by_slug(app.db(), "kcc").await.unwrap().expect("Sanne's team");
    let parking = db::team::find_by_slug(app.db(), "parkeren").await.unwrap().expect("another team");
    let now = app.clock.now();
    let ids: Vec<_> = (0..6).map(|_| app::model::ids::ConversationId::new()).collect();
    let mut tx = app.db().begin().await.unwrap();
    for (i, id) in ids.iter().enumerate() {
        let subject = format!("Verandert {i}");
        let new = db::conversation::NewConversation { id: *id, resident_id: None, subject: &subject, case_id: None, status: "open", team_id: kcc, channel: "email", contact: None };
        db::conversation::insert(&mut tx, &new, now).await.unwrap();
    }
    tx.commit().await.unwrap();
    counts_match_lists(app.db(), &mut sanne, sanne_id, "made").await;

    // Each change the conversations go through, committed one by one.
    let mut tx = app.db().begin().await.unwrap();
    db::conversation::assign_in(&mut tx, ids[0], Some(sanne_id), now).await.unwrap();
    db::conversation::touch(&mut tx, ids[1], Some("waiting_for_resident"), Some("whatsapp"), now).await.unwrap();
    db::routing::set_team(&mut tx, ids[2], parking, now).await.unwrap();
    db::conversation::close(&mut tx, ids[3], "Beantwoord", now).await.unwrap();
    db::conversation::merge(&mut tx, ids[4], ids[5], now).await.unwrap();
    tx.commit().await.unwrap();
    counts_match_lists(app.db(), &mut sanne, sanne_id, "assigned, waiting, moved, closed, merged").await;

    let mut tx = app.db().begin().await.unwrap();
    db::conversation::assign_in(&mut tx, ids[0], None, now).await.unwrap();
    db::conversation::touch(&mut tx, ids[3], Some("open"), None, now).await.unwrap();
    db::conversation::unmerge(&mut tx, ids[4], ids[5], now).await.unwrap();
    db::routing::set_team(&mut tx, ids[2], kcc, now).await.unwrap();
    tx.commit().await.unwrap();
    counts_match_lists(app.db(), &mut sanne, sanne_id, "given back, reopened, unmerged, moved back").await;
});

app_test!(the_inbox_counts_what_each_filter_lists_on_each_channel_and_in_each_state, |app| {
    use app::model::conversation::ConversationStatus;
    use app::backend::{clock::Clock, db};
    let mut sanne = app.browser();
    sanne.login("staff", "medewerker-sanne", "").await;
    let sanne_id = db::staff_member::find_by_subject(app.db(), "medewerker-sanne").await.unwrap().expect("signed in");
    let kcc = db::team::find_by_slug(app.db(), "kcc").await.unwrap().expect("Sanne's team");
    let parking = db::team::find_by_slug(app.db(), "parkeren").await.unwrap().expect("another team");
    // Conversations across channels, states and teams; 55 more of one kind, so the lists take two pages.
    let mut made = vec![
        (kcc, "portal", "open", None),
        (kcc, "portal", "waiting_for_resident", None),
        (kcc, "email", "open", Some(sanne_id)),
        (kcc, "email", "waiting_for_municipality", None),
        (kcc, "whatsapp", "open", None),
        (kcc, "sms", "closed", None),
        (kcc, "email", "closed", None),
        (kcc, "whatsapp", "closed", None),
        (parking, "email", "open", None),
        (parking, "sms", "open", Some(sanne_id)),
        (parking, "portal", "closed", None),
    ];
    made.extend(std::iter::repeat_n((kcc, "email", "open", None), 55));
    let mut tx = app.db().begin().await.unwrap();
    for (i, (team, channel, status, assignee)) in made.into_iter().enumerate() {
        let id = app::model::ids::ConversationId::new();
        let subject = format!("Telling {i}");
        let new = db::conversation::NewConversation { id, resident_id: None, subject: &subject, case_id: None, status, team_id: team, channel, contact: None };
        db::conversation::insert(&mut tx, &new, app.clock.now() + time::Duration::seconds(i as i64)).await.unwrap();
        db::conversation::assign_in(&mut tx, id, assignee, app.clock.now()).await.unwrap();
    }
    tx.commit().await.unwrap();

    let everything = inbox(&mut sanne, "").await;
    assert_eq!(everything.total, 61, "hers and her team's open ones, not the other team's: {everything:?}");
    assert_eq!(everything.per_channel.len(), 4, "{everything:?}");
    assert_eq!(everything.per_status.len(), 3, "{everything:?}");
    assert_eq!(everything.total, listed(&mut sanne, "").await);
    assert_eq!(everything.total, everything.per_status.iter().map(|(_, n)| n).sum::<i64>());
    for (status, n) in &everything.per_status {
        assert_eq!(*n, listed(&mut sanne, &format!("status={}", status.code())).await, "{status:?}");
    }
    for (channel, n) in &everything.per_channel {
        assert_eq!(*n, listed(&mut sanne, &format!("channel={}", channel.code())).await, "{channel:?}");
        // A channel chosen: the states count on that channel, the channels keep counting all.
        let on_channel = inbox(&mut sanne, &format!("channel={}", channel.code())).await;
        assert_eq!(on_channel.total, *n);
        assert_eq!(on_channel.per_channel, everything.per_channel);
        for (status, m) in &on_channel.per_status {
            assert_eq!(*m, listed(&mut sanne, &format!("channel={}&status={}", channel.code(), status.code())).await, "{channel:?} {status:?}");
        }
    }
    // Closed ones are counted only when asked for, per channel too.
    let closed = inbox(&mut sanne, &format!("status={}", ConversationStatus::Closed.code())).await;
    assert_eq!(closed.total, 3, "the team's closed ones");
    assert_eq!(closed.total, listed(&mut sanne, "status=closed").await);
    assert_eq!(closed.per_status, everything.per_status, "the open states keep their counts");
    for (channel, n) in &closed.per_channel {
        assert_eq!(*n, listed(&mut sanne, &format!("status=closed&channel={}", channel.code())).await, "closed on {channel:?}");
    }
});
