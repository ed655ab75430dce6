//! Sending a requested document: the to-do is done, the case moves on,
//! and bad or foreign uploads are refused with nothing stored.

use crate::support::{app_test, Browser, TestApp};

const PDF: &[u8] = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n";

/// Fatima, logged in, with her bijzondere-bijstand case and its open to-do.
async fn fatima_with_todo(app: &TestApp) -> (Browser<'_>, String, String) {
    let mut fatima = app.browser();
    fatima.login("resident", "inwoner-fatima", "midden").await;
    let cases: serde_json::Value = serde_json::from_str(&fatima.call("list_my_cases", "").await.body).unwrap();
    let todo = &cases["todos"][0];
    (fatima, todo["case_id"].as_str().unwrap().to_string(), todo["id"].as_str().unwrap().to_string())
}

app_test!(sending_the_requested_document_completes_the_todo_and_moves_the_case_on, |app| {
    let (mut fatima, case, todo) = fatima_with_todo(&app).await;
    let overview = fatima.get("/mijn").await;
    assert!(overview.body.find("Wat moet je doen").unwrap() < overview.body.find("Lopende zaken").unwrap(), "to-dos first");

    let sent = fatima.post_file(&format!("/mijn/zaken/{case}/documenten"), &[("todo", &todo)], "afschrift.pdf", PDF).await;
    assert_eq!(sent.status, 303, "{}", sent.body);
    assert_eq!(sent.header("location"), format!("/mijn/zaken/{case}?verstuurd=1"));

    let page = fatima.get(&format!("/mijn/zaken/{case}?verstuurd=1")).await;
    assert!(page.body.contains("Je document is verstuurd"));
    assert!(!page.body.contains("Document versturen"), "the to-do is gone");
    assert!(page.body.contains("afschrift.pdf"));
    let current = page.body.split("aria-current=\"step\"").nth(1).unwrap();
    assert!(current.contains("In behandeling"), "the timeline moved to the next step");
    assert!(!fatima.get("/mijn").await.body.contains("Wat moet je doen"));

    let detail: serde_json::Value = serde_json::from_str(&fatima.call("get_my_case", &format!("id={case}")).await.body).unwrap();
    let document = detail["documents"][0]["id"].as_str().unwrap().to_string();
    let download = fatima.get(&format!("/mijn/zaken/{case}/documenten/{document}")).await;
    assert_eq!(download.status, 200);
    assert_eq!(download.header("content-type"), "application/pdf");
    assert_eq!(download.body.as_bytes(), PDF);

    // Sending again for the same (done) to-do changes nothing.
    let again = fatima.post_file(&format!("/mijn/zaken/{case}/documenten"), &[("todo", &todo)], "nog-een.pdf", PDF).await;
    assert_eq!(again.status, 404);
    assert_eq!(app::backend::db::document::count(app.db()).await.unwrap(), 1);
});

app_test!(refused_uploads_say_why_and_store_nothing, |app| {
    let (mut fatima, case, todo) = fatima_with_todo(&app).await;
    let url = format!("/mijn/zaken/{case}/documenten");
    let cases = [
        ("virus.pdf", b"MZ\x90\x00 not a pdf at all".to_vec(), "fout=type"),
        ("leeg.pdf", Vec::new(), "fout=leeg"),
        ("groot.pdf", { let mut b = PDF.to_vec(); b.resize(11 * 1024 * 1024, b' '); b }, "fout=groot"),
    ];
    for (name, bytes, expected) in cases {
        let res = fatima.post_file(&url, &[("todo", &todo)], name, &bytes).await;
        assert_eq!(res.status, 303, "{name}");
        assert!(res.header("location").ends_with(expected), "{name}: {}", res.header("location"));
    }
    let page = fatima.get(&format!("/mijn/zaken/{case}?fout=type")).await;
    assert!(page.body.contains("Stuur een PDF, JPG of PNG"));
    assert!(page.body.contains("Document versturen"), "the to-do is still open");
    assert_eq!(app::backend::db::document::count(app.db()).await.unwrap(), 0);
});

app_test!(another_resident_cannot_send_to_or_download_from_a_foreign_case, |app| {
    let (mut fatima, case, todo) = fatima_with_todo(&app).await;
    fatima.post_file(&format!("/mijn/zaken/{case}/documenten"), &[("todo", &todo)], "a.pdf", PDF).await;
    let detail: serde_json::Value = serde_json::from_str(&fatima.call("get_my_case", &format!("id={case}")).await.body).unwrap();
    let document = detail["documents"][0]["id"].as_str().unwrap().to_string();

    let mut jan = app.browser();
    jan.login("resident", "inwoner-jan", "midden").await;
    assert_eq!(jan.get(&format!("/mijn/zaken/{case}/documenten/{document}")).await.status, 404);
    let upload = jan.post_file(&format!("/mijn/zaken/{case}/documenten"), &[("todo", &todo)], "b.pdf", PDF).await;
    assert_eq!(upload.status, 404);
    assert_eq!(app::backend::db::document::count(app.db()).await.unwrap(), 1);
    // Anonymous visitors are sent to the login page.
    assert_eq!(app.browser().get(&format!("/mijn/zaken/{case}/documenten/{document}")).await.status, 303);
});

app_test!(staff_add_a_document_the_resident_can_download_and_bad_files_are_refused, |app| {
    let mut jan = app.browser();
    jan.login("resident", "inwoner-jan", "midden").await;
    let cases: serde_json::Value = serde_json::from_str(&jan.call("list_my_cases", "").await.body).unwrap();
    let case = cases["open"][0]["id"].as_str().unwrap().to_string();
    let url = format!("/staff/zaken/{case}/documenten");

    // A resident cannot use the staff endpoint.
    let res = jan.post_file(&url, &[("title", "Nep")], "nep.pdf", PDF).await;
    assert_eq!(res.status, 403);

    let mut petra = app.browser();
    petra.login("staff", "medewerker-petra", "").await;
    let refused = petra.post_file(&url, &[("title", "Besluit")], "besluit.pdf", b"plain text").await;
    assert!(refused.header("location").ends_with("fout=type"));
    let untitled = petra.post_file(&url, &[("title", "  ")], "besluit.pdf", PDF).await;
    assert!(untitled.header("location").ends_with("fout=titel"));
    assert_eq!(app::backend::db::document::count(app.db()).await.unwrap(), 0);

    let added = petra.post_file(&url, &[("title", "Besluit op je aanvraag")], "besluit.pdf", PDF).await;
    assert!(added.header("location").ends_with("document=toegevoegd"), "{}", added.header("location"));
    let page = jan.get(&format!("/mijn/zaken/{case}")).await;
    assert!(page.body.contains("Besluit op je aanvraag"));
    assert!(page.body.contains("van de gemeente"));
    let detail: serde_json::Value = serde_json::from_str(&jan.call("get_my_case", &format!("id={case}")).await.body).unwrap();
    let document = detail["documents"][0]["id"].as_str().unwrap().to_string();
    assert_eq!(jan.get(&format!("/mijn/zaken/{case}/documenten/{document}")).await.body.as_bytes(), PDF);
});

app_test!(a_file_left_without_its_record_by_a_crash_is_swept_and_documents_stay, |app| {
    use app::backend::service::upload;
    let (mut fatima, case, todo) = fatima_with_todo(&app).await;
    let sent = fatima.post_file(&format!("/mijn/zaken/{case}/documenten"), &[("todo", &todo)], "afschrift.pdf", PDF).await;
    assert_eq!(sent.status, 303, "{}", sent.body);
    // A node stored this file and crashed before its record was written.
    let storage = app.state.app.documents.clone();
    let orphan = uuid::Uuid::new_v4().to_string();
    storage.put(&orphan, PDF).await.unwrap();
    assert_eq!(upload::sweep_orphans(app.db(), storage.as_ref(), upload::ORPHAN_AGE).await.unwrap(), 0, "too young: maybe an upload in progress");
    assert_eq!(upload::sweep_orphans(app.db(), storage.as_ref(), std::time::Duration::ZERO).await.unwrap(), 1);
    assert!(storage.get(&orphan).await.is_err(), "the orphan is gone");
    let detail: serde_json::Value = serde_json::from_str(&fatima.call("get_my_case", &format!("id={case}")).await.body).unwrap();
    let document = detail["documents"][0]["id"].as_str().unwrap().to_string();
    assert_eq!(fatima.get(&format!("/mijn/zaken/{case}/documenten/{document}")).await.status, 200, "the document with a record stays");
});

app_test!(what_a_resident_sends_reaches_the_team_that_handles_the_case, |app| {
    let (mut fatima, case, todo) = fatima_with_todo(&app).await;
    assert_eq!(fatima.post_file(&format!("/mijn/zaken/{case}/documenten"), &[("todo", &todo)], "afschrift.pdf", PDF).await.status, 303);
    let detail: serde_json::Value = serde_json::from_str(&fatima.call("get_my_case", &format!("id={case}")).await.body).unwrap();
    let document = detail["documents"][0]["id"].as_str().unwrap().to_string();

    // Ahmed handles Werk & Inkomen's cases: he sees the document, who sent it and when, and downloads it.
    let mut ahmed = app.browser();
    ahmed.login("staff", "medewerker-ahmed", "").await;
    let page = ahmed.get(&format!("/staff/zaken/{case}")).await;
    assert!(page.body.contains("afschrift.pdf") && page.body.contains("gestuurd door de inwoner"), "{}", page.body);
    let href = format!("/staff/zaken/{case}/documenten/{document}");
    assert!(page.body.contains(&href), "a download link");
    let fatima_id = app::backend::db::resident::find_by_bsn(app.db(), "999990019").await.unwrap().unwrap();
    let before = app::backend::db::processing_log::count_for_resident(app.db(), fatima_id).await.unwrap();
    let download = ahmed.get(&href).await;
    assert_eq!(download.status, 200);
    assert_eq!(download.header("content-type"), "application/pdf");
    assert_eq!(download.body.as_bytes(), PDF);
    assert_eq!(app::backend::db::processing_log::count_for_resident(app.db(), fatima_id).await.unwrap(), before + 1, "the download is logged");
    let seen = fatima.get("/mijn/inzage").await;
    assert!(seen.body.contains("Werk &amp; Inkomen") && !seen.body.contains("Ahmed"), "Fatima reads which team looked (not who)");

    // Not for the KCC's role, nor under another case, nor for a team without the case.
    let mut sanne = app.browser();
    sanne.login("staff", "medewerker-sanne", "").await;
    assert_eq!(sanne.get(&href).await.status, 403);
    let mut jan = app.browser();
    jan.login("resident", "inwoner-jan", "midden").await;
    let cases: serde_json::Value = serde_json::from_str(&jan.call("list_my_cases", "").await.body).unwrap();
    let parking = cases["open"].as_array().unwrap().iter().find(|c| c["case_type"] == "Parkeervergunning").unwrap()["id"].as_str().unwrap().to_string();
    assert_eq!(ahmed.get(&format!("/staff/zaken/{parking}/documenten/{document}")).await.status, 404, "the document is not in that case");
    let ahmed_id = app::backend::db::staff_member::find_by_subject(app.db(), "medewerker-ahmed").await.unwrap().unwrap();
    app::backend::db::staff_member::set_clearance(app.db(), ahmed_id, "zaakvertrouwelijk").await.unwrap();
    assert_eq!(ahmed.get(&href).await.status, 404, "above his clearance it does not exist");
});

/// Several nodes share one document store: an S3-compatible object store
/// (moto's server, a real one on this machine). What Fatima sends is an
/// object there, not a file on the node; she and the team download it;
/// the orphan sweep works on it; with the store down an upload is refused
/// with an incident id and leaves no record without its contents.
mod documents_on_an_object_store {
    use super::*;
    use crate::support::ObjectStoreServer;

    async fn run(kind: app::backend::db::DbKind) {
        use app::backend::service::upload;
        let mut store = ObjectStoreServer::start().await;
        let app = TestApp::with_config(kind, |c| store.configure(c)).await;
        let (mut fatima, case, todo) = fatima_with_todo(&app).await;
        let sent = fatima.post_file(&format!("/mijn/zaken/{case}/documenten"), &[("todo", &todo)], "afschrift.pdf", PDF).await;
        assert!(sent.header("location").ends_with("verstuurd=1"), "{}", sent.header("location"));
        let keys = store.keys().await;
        assert_eq!(keys.len(), 1, "one object: {keys:?}");
        assert!(!std::path::Path::new(&app.documents_dir).exists(), "nothing on the node's disk");

        let detail: serde_json::Value = serde_json::from_str(&fatima.call("get_my_case", &format!("id={case}")).await.body).unwrap();
        let document = detail["documents"][0]["id"].as_str().unwrap().to_string();
        assert_eq!(fatima.get(&format!("/mijn/zaken/{case}/documenten/{document}")).await.body.as_bytes(), PDF);
        let mut ahmed = app.browser();
        ahmed.login("staff", "medewerker-ahmed", "").await;
        let download = ahmed.get(&format!("/staff/zaken/{case}/documenten/{document}")).await;
        assert_eq!(download.status, 200);
        assert_eq!(download.body.as_bytes(), PDF);

        // An object without its record (a node crashed in between) is swept; the document stays.
        let storage = app.state.app.documents.clone();
        let orphan = uuid::Uuid::new_v4().to_string();
        storage.put(&orphan, PDF).await.unwrap();
        assert_eq!(store.keys().await.len(), 2);
        assert_eq!(upload::sweep_orphans(app.db(), storage.as_ref(), std::time::Duration::ZERO).await.unwrap(), 1);
        assert_eq!(store.keys().await, keys, "only the orphan is gone");
        assert!(storage.get(&orphan).await.is_err());

        // The store is down: the upload is refused at once with an incident id, and no record names missing contents.
        store.stop();
        let before = app::backend::db::document::count(app.db()).await.unwrap();
        let started = std::time::Instant::now();
        let refused = ahmed.post_file(&format!("/staff/zaken/{case}/documenten"), &[("title", "Besluit")], "besluit.pdf", PDF).await;
        assert!(refused.header("location").contains("fout=storing&incident="), "{}", refused.header("location"));
        assert!(started.elapsed() < std::time::Duration::from_secs(15), "refused quickly, not after minutes of retries: {:?}", started.elapsed());
        assert_eq!(app::backend::db::document::count(app.db()).await.unwrap(), before);
    }

    #[tokio::test]
    async fn sqlite() {
        run(app::backend::db::DbKind::Sqlite).await
    }

    #[tokio::test]
    async fn postgres() {
        run(app::backend::db::DbKind::Postgres).await
    }
}
