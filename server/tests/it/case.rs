//! The resident's cases on "Mijn overzicht" and the case page: ordering,
//! empty state, timeline, and that a resident only ever sees their own.

use crate::support::app_test;

app_test!(the_overview_lists_open_cases_and_folds_away_closed_ones, |app| {
    let mut jan = app.browser();
    jan.login("resident", "inwoner-jan", "midden").await;
    let page = jan.get("/mijn").await;
    assert_eq!(page.status, 200);
    let body = &page.body;
    let environment = body.find("Omgevingsvergunning").expect("open case listed");
    let parking = body.find("Parkeervergunning").expect("open case listed");
    assert!(environment < parking, "nearest expected decision first");
    assert!(body.contains("<details class=\"closed-cases\">"), "closed cases are folded away");
    assert!(body.contains("Afgeronde zaken (1)"));
    assert!(body.contains("Een medewerker beoordeelt je aanvraag. Je hoeft nu niets te doen."));
});

app_test!(a_resident_without_cases_reads_a_friendly_empty_state, |app| {
    let mut kees = app.browser();
    kees.login("resident", "inwoner-kees", "midden").await;
    let page = kees.get("/mijn").await;
    assert!(page.body.contains("Je hebt op dit moment geen lopende zaken."));
    assert!(!page.body.contains("Afgeronde zaken"));
});

app_test!(the_case_page_shows_the_timeline_and_foreign_cases_are_not_found, |app| {
    let mut fatima = app.browser();
    fatima.login("resident", "inwoner-fatima", "midden").await;
    let mine = fatima.call("list_my_cases", "").await;
    assert_eq!(mine.status, 200, "{}", mine.body);
    let cases: serde_json::Value = serde_json::from_str(&mine.body).unwrap();
    let fatimas_case = cases["open"][0]["id"].as_str().unwrap().to_string();
    let page = fatima.get(&format!("/mijn/zaken/{fatimas_case}")).await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("Bijzondere bijstand"));
    assert!(page.body.contains("aria-current=\"step\""), "the current step is marked");
    assert!(page.body.contains("Nog niet"), "upcoming steps are shown");

    let mut jan = app.browser();
    jan.login("resident", "inwoner-jan", "midden").await;
    let foreign = jan.get(&format!("/mijn/zaken/{fatimas_case}")).await;
    assert_eq!(foreign.status, 404);
    assert!(!foreign.body.contains("Bijzondere bijstand"));
    assert_eq!(jan.get("/mijn/zaken/not-a-uuid").await.status, 404);
    let api = jan.call("get_my_case", &format!("id={fatimas_case}")).await;
    assert_eq!(api.status, 404);
    assert_eq!(api.body, "\"NotFound\"");
    assert_eq!(app.call("get_my_case", &format!("id={fatimas_case}")).await.status, 401);
});

app_test!(staff_move_a_case_on_and_the_resident_sees_it_with_the_access_logged, |app| {
    let mut jan = app.browser();
    jan.login("resident", "inwoner-jan", "midden").await;
    let cases: serde_json::Value = serde_json::from_str(&jan.call("list_my_cases", "").await.body).unwrap();
    let parking = cases["open"].as_array().unwrap().iter().find(|c| c["case_type"] == "Parkeervergunning").unwrap()["id"].as_str().unwrap().to_string();
    // Residents cannot use the staff actions.
    assert_eq!(jan.call("advance_case", &format!("id={parking}&to=3")).await.status, 403);

    let mut ahmed = app.browser();
    ahmed.login("staff", "medewerker-ahmed", "").await;
    let list = ahmed.get("/staff/zaken").await;
    assert!(list.body.contains("Z-2026-000101"));
    assert!(!list.body.contains("999993653"), "no BSN on the staff list");
    let jan_id: app::model::ids::ResidentId = {
        let row = app::backend::db::case::find(app.db(), parking.parse().unwrap()).await.unwrap().unwrap();
        row.resident_id
    };
    let before = app::backend::db::processing_log::count_for_resident(app.db(), jan_id).await.unwrap();
    let page = ahmed.get(&format!("/staff/zaken/{parking}")).await;
    assert!(page.body.contains("Zet door naar: Besluit genomen"), "{}", page.body);
    assert!(page.body.contains(r#"name="to" value="3""#), "the form says which step it moves to");
    let res = ahmed.post_form("/api/advance_case", &[("id", &parking), ("to", "3")]).await;
    assert_eq!(res.status, 302, "{}", res.body);
    assert_eq!(res.header("location"), format!("/staff/zaken/{parking}?bijgewerkt=1"));
    assert_eq!(app::backend::db::processing_log::count_for_resident(app.db(), jan_id).await.unwrap(), before + 2, "view and change are logged");

    let resident_view = jan.get(&format!("/mijn/zaken/{parking}")).await;
    let current = resident_view.body.split("aria-current=\"step\"").nth(1).unwrap();
    assert!(current.contains("Besluit genomen"));

    // The last step closes the case; after that there is nothing to move on to.
    assert_eq!(ahmed.post_form("/api/advance_case", &[("id", &parking), ("to", "4")]).await.status, 302);
    assert_eq!(ahmed.call("advance_case", &format!("id={parking}&to=5")).await.status, 409);
    let overview = jan.get("/mijn").await;
    assert!(overview.body.contains("Afgeronde zaken (2)"));
});

app_test!(a_double_submitted_or_simultaneous_case_move_moves_one_step, |app| {
    use app::backend::db;
    let mut jan = app.browser();
    jan.login("resident", "inwoner-jan", "midden").await;
    let cases: serde_json::Value = serde_json::from_str(&jan.call("list_my_cases", "").await.body).unwrap();
    let parking = cases["open"].as_array().unwrap().iter().find(|c| c["case_type"] == "Parkeervergunning").unwrap()["id"].as_str().unwrap().to_string();
    let id: app::model::ids::CaseId = parking.parse().unwrap();
    let step = || async {
        let mut tx = app.db().begin().await.unwrap();
        db::case::current_sequence(&mut tx, id).await.unwrap()
    };
    assert_eq!(step().await, Some(2));
    let mut ahmed = app.browser();
    ahmed.login("staff", "medewerker-ahmed", "").await;
    // The button pressed twice: both answers show the case moved, and it moved once.
    for _ in 0..2 {
        assert_eq!(ahmed.post_form("/api/advance_case", &[("id", &parking), ("to", "3")]).await.status, 302);
    }
    assert_eq!(step().await, Some(3));
    // Ahmed and Petra move it at the same moment: one move, the other a conflict (never a 500).
    let mut petra = app.browser();
    petra.login("staff", "medewerker-petra", "").await;
    let form = format!("id={parking}&to=4");
    let (a, b) = tokio::join!(ahmed.call("advance_case", &form), petra.call("advance_case", &form));
    for res in [&a, &b] {
        assert!(matches!(res.status.as_u16(), 200 | 409), "{} {}", res.status, res.body);
    }
    assert_eq!(step().await, Some(4));
    // A page that showed an older step cannot move the case on.
    let mut fresh = app.browser();
    fresh.login("staff", "medewerker-ahmed", "").await;
    assert_eq!(fresh.call("advance_case", &format!("id={parking}&to=3")).await.status, 409);
});

app_test!(a_part_of_the_overview_that_cannot_be_read_says_so_in_its_place_and_the_rest_shows, |app| {
    let mut jan = app.browser();
    jan.login("resident", "inwoner-jan", "midden").await;
    // A fault in one source: the messages can no longer be read, so the open questions fail.
    let broken = "alter table message rename to message_away";
    match app.db() {
        app::backend::db::Db::Sqlite(pool) => sqlx::query(broken).execute(pool).await.map(|_| ()).unwrap(),
        app::backend::db::Db::Postgres(pool) => sqlx::query(broken).execute(pool).await.map(|_| ()).unwrap(),
    }
    let page = jan.get("/mijn").await;
    // The answer says 500, so monitoring sees the fault; the page is all there but that part.
    assert_eq!(page.status, 500);
    let questions = page.body.split("id=\"open-vragen\"").nth(1).expect("the open questions' section");
    let questions = questions.split("</section>").next().unwrap();
    assert!(questions.contains("Dit deel kunnen we nu niet laten zien"), "said in its place");
    assert!(questions.contains("data-incident-id"), "with the incident id");
    assert!(page.body.contains("Lopende zaken") && page.body.contains("Parkeervergunning"), "the cases still show");
    assert!(!page.body.contains("error-notice"), "no page-wide error");
});
