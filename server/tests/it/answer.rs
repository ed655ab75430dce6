//! The answer library: staff add and update approved answers; in a
//! conversation they search and start a reply with one; answers past
//! their review date are flagged; bad input changes nothing.

use app::backend::db;

use crate::support::app_test;

app_test!(an_approved_answer_is_found_and_starts_a_reply_on_any_channel, |app| {
    let mut sanne = app.browser();
    sanne.login("staff", "medewerker-sanne", "").await;
    let library = sanne.get("/staff/antwoorden?zoek=grofvuil").await;
    assert!(library.body.contains("Wanneer wordt het grofvuil opgehaald?"));
    assert!(library.body.contains("Controleer dit antwoord"), "the demo answer past its review date is flagged");
    assert!(!sanne.get("/staff/antwoorden?zoek=paspoort").await.body.contains("grofvuil opgehaald"), "a search narrows the list");

    // Editing the library is for team leads and the administrator.
    assert_eq!(sanne.call("create_answer", "question=Vraag&answer=Antwoord&tags=&review_on=2027-01-01").await.status, 403);
    let mut petra = app.browser();
    petra.login("staff", "medewerker-petra", "").await;
    for (question, answer, review_on) in [("", "x", "2027-01-01"), ("Vraag", "", "2027-01-01"), ("Vraag", "Antwoord", "morgen"), ("Vraag", "Antwoord", "2026-11-01")] {
        let res = petra.call("create_answer", &format!("question={question}&answer={answer}&tags=&review_on={review_on}")).await;
        assert_eq!(res.status, 422, "{question} {answer} {review_on}");
    }
    assert_eq!(db::answer::search(app.db(), &[], 100).await.unwrap().len(), 3, "nothing stored");
    let created = petra.post_form("/api/create_answer", &[("question", "Hoe vraag ik een parkeervergunning aan?"), ("answer", "Dat doe je in Mijn omgeving."), ("tags", "Parkeren, vergunning"), ("review_on", "2027-06-01")]).await;
    assert_eq!(created.status, 302, "{}", created.body);
    let row = db::answer::search(app.db(), &["aanvragen".into()], 10).await.unwrap();
    assert!(row.is_empty());
    let row = db::answer::search(app.db(), &["parkeervergunning".into(), "aan".into()], 10).await.unwrap().pop().unwrap();
    assert_eq!(row.tags, "parkeren vergunning");

    // In a conversation the reply starts from the approved answer.
    let mut kees = app.browser();
    kees.login("resident", "inwoner-kees", "midden").await;
    let res = kees.post_files("/mijn/berichten", &[("client_id", &uuid::Uuid::new_v4().to_string()), ("subject", "Grofvuil"), ("body", "Wanneer halen jullie het op?")], &[]).await;
    let id = res.header("location").trim_start_matches("/mijn/berichten/").trim_end_matches("?verstuurd=1").to_string();
    let found = petra.get(&format!("/staff/gesprekken/{id}?antwoord=grofvuil")).await;
    assert!(found.body.contains("Gebruik dit antwoord") && found.body.contains("Over de controledatum"));
    let answer = db::answer::search(app.db(), &["grofvuil".into()], 10).await.unwrap().pop().unwrap();
    let used = petra.get(&format!("/staff/gesprekken/{id}?gebruik={}", answer.id)).await;
    assert!(used.body.contains("Maak een afspraak via de website of bel 14 0123."), "the reply form holds the answer");

    // Updating sets the next review date; the flag goes.
    let updated = petra.post_form("/api/update_answer", &[("id", &answer.id.to_string()), ("question", &answer.question), ("answer", &answer.answer), ("tags", &answer.tags), ("review_on", "2027-05-01")]).await;
    assert_eq!(updated.status, 302);
    assert!(!petra.get("/staff/antwoorden?zoek=grofvuil").await.body.contains("Controleer dit antwoord"));
    assert_eq!(petra.call("update_answer", &format!("id={}&question=x&answer=y&tags=&review_on=2027-05-01", uuid::Uuid::new_v4())).await.status, 404);
    assert_eq!(kees.call("search_answers", "query=").await.status, 403, "staff only");
});
