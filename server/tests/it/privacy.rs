//! Privacy by design: "download al mijn gegevens" holds everything about
//! the resident and nothing of anyone else (and a new table that refers to
//! a resident must be placed in it, or left out with a reason); retention
//! removes what passed its term, files too, and a dry run only counts; a
//! resident's request for correction or objection reaches the privacy
//! officer, who answers within the term.

use std::collections::BTreeSet;

use app::backend::{
    clock::Clock,
    db::{self, Db},
    service::{data_export, retention},
    storage::{DocumentStorage, StorageFuture},
};
use app::model::ids::{AttachmentId, ConversationId, MessageId, ResidentId};

use crate::support::{app_test, Browser, LiveListener, TestApp};

const PDF: &[u8] = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n";

async fn resident(app: &TestApp, bsn: &str) -> ResidentId {
    db::resident::find_by_bsn(app.db(), bsn).await.unwrap().expect("a demo resident")
}

async fn signed_in<'a>(app: &'a TestApp, audience: &str, person: &str, loa: &str) -> Browser<'a> {
    let mut b = app.browser();
    b.login(audience, person, loa).await;
    b
}

/// Asks a question as `who`; returns the conversation id.
async fn ask(who: &mut Browser<'_>, subject: &str, body: &str, files: &[(&str, &[u8])]) -> String {
    let client_id = uuid::Uuid::new_v4().to_string();
    let res = who.post_files("/mijn/berichten", &[("client_id", &client_id), ("subject", subject), ("body", body)], files).await;
    assert_eq!(res.status, 303, "{}", res.body);
    let location = res.header("location").to_string();
    location.strip_prefix("/mijn/berichten/").and_then(|r| r.strip_suffix("?verstuurd=1")).unwrap_or_else(|| panic!("{location}")).to_string()
}

async fn count(db: &Db, sql: &str, resident: Option<ResidentId>) -> i64 {
    match (db, resident) {
        (Db::Sqlite(pool), Some(r)) => sqlx::query_scalar(sql).bind(r).fetch_one(pool).await.unwrap(),
        (Db::Postgres(pool), Some(r)) => sqlx::query_scalar(sql).bind(r).fetch_one(pool).await.unwrap(),
        (Db::Sqlite(pool), None) => sqlx::query_scalar(sql).fetch_one(pool).await.unwrap(),
        (Db::Postgres(pool), None) => sqlx::query_scalar(sql).fetch_one(pool).await.unwrap(),
    }
}

/// The rows of `table` that are the resident's, counted straight from the
/// database (internal notes are not theirs to get).
async fn rows_of(db: &Db, table: &str, resident: ResidentId) -> i64 {
    let sql = match table {
        "resident" => "select count(*) from resident where id = $1",
        "case_status" => "select count(*) from case_status s join service_case c on c.id = s.case_id where c.resident_id = $1",
        "document" => "select count(*) from document d join service_case c on c.id = d.case_id where c.resident_id = $1",
        "message" => "select count(*) from message m join conversation c on c.id = m.conversation_id where c.resident_id = $1 and m.direction <> 'note'",
        "message_attachment" => {
            "select count(*) from message_attachment a join message m on m.id = a.message_id join conversation c on c.id = m.conversation_id
             where c.resident_id = $1 and m.direction <> 'note'"
        }
        "phone_call" => "select count(*) from phone_call p join conversation c on c.id = p.conversation_id where c.resident_id = $1",
        "callback_event" => "select count(*) from callback_event e join callback c on c.id = e.callback_id where c.resident_id = $1",
        // A question not answered holds nothing of the resident's: the scores given are theirs.
        "satisfaction" => "select count(*) from satisfaction where resident_id = $1 and score is not null",
        "contact_address" | "linked_address" | "service_case" | "todo" | "appointment" | "payment" | "conversation" | "callback" | "consent_event" | "relocation" | "notice"
        | "privacy_request" | "processing_log" | "data_export" => return count(db, &format!("select count(*) from {table} where resident_id = $1"), Some(resident)).await,
        other => panic!("{other} is in the download, but this test cannot count it yet: add it here"),
    };
    count(db, sql, Some(resident)).await
}

app_test!(every_table_that_refers_to_a_resident_is_in_the_download_or_left_out_with_a_reason, |app| {
    let references = db::parity::references(app.db()).await.unwrap();
    // Walk the foreign keys from `resident`: everything that points at a
    // resident, or at something that does.
    let mut about_residents: BTreeSet<String> = BTreeSet::from(["resident".to_string()]);
    loop {
        let more: Vec<String> = references.iter().filter(|(_, to)| about_residents.contains(to)).map(|(from, _)| from.clone()).filter(|t| !about_residents.contains(t)).collect();
        if more.is_empty() {
            break;
        }
        about_residents.extend(more);
    }
    let placed: BTreeSet<String> = data_export::COVERED.iter().chain(data_export::LEFT_OUT.iter().map(|(t, _)| t)).map(|t| t.to_string()).collect();
    let missing: Vec<&String> = about_residents.difference(&placed).collect();
    assert!(missing.is_empty(), "tables about residents in neither COVERED nor LEFT_OUT of the download: {missing:?}");
    let stale: Vec<&String> = placed.difference(&about_residents).collect();
    assert!(stale.is_empty(), "named in the download's lists but not about residents: {stale:?}");
    assert!(about_residents.contains("message_attachment") && about_residents.contains("callback_event"), "the walk follows chains");
});

app_test!(a_download_holds_all_of_a_residents_data_and_nothing_of_anyone_else, |app| {
    let jan_id = resident(&app, "999993653").await;
    let mut jan = signed_in(&app, "resident", "inwoner-jan", "substantieel").await;
    let mut fatima = signed_in(&app, "resident", "inwoner-fatima", "midden").await;
    // Jan leaves something in most places; Fatima in a few.
    let conversation = ask(&mut jan, "Container", "Wanneer komt de groene container?", &[("brief.pdf", PDF)]).await;
    ask(&mut fatima, "Bijstand", "Fatima vraagt iets anders", &[]).await;
    let mut sanne = signed_in(&app, "staff", "medewerker-sanne", "").await;
    sanne.get(&format!("/staff/gesprekken/{conversation}")).await;
    let note = sanne.post_form("/api/add_note", &[("id", &conversation), ("client_id", &uuid::Uuid::new_v4().to_string()), ("body", "INTERN: niet voor de inwoner")]).await;
    assert_eq!(note.status, 302, "{}", note.body);
    sanne.post_form("/api/reply_to_conversation", &[("id", &conversation), ("client_id", &uuid::Uuid::new_v4().to_string()), ("body", "Volgende week dinsdag.")]).await;
    assert_eq!(jan.post_form("/api/request_notification_code", &[("email", "jan@example.nl")]).await.status, 302);
    assert_eq!(jan.post_form("/api/send_privacy_request", &[("kind", "correctie"), ("processing", ""), ("text", "Mijn huisnummer is 12a")]).await.status, 302);

    let export = data_export::gather(app.db(), jan_id, app.clock.now(), |_| async { Ok(()) }).await.unwrap();
    for (table, rows) in export.rows_per_table() {
        assert_eq!(rows as i64, rows_of(app.db(), table, jan_id).await, "{table}: the download holds exactly Jan's rows");
    }
    for table in ["service_case", "case_status", "appointment", "conversation", "message", "message_attachment", "contact_address", "notice", "privacy_request", "processing_log"] {
        assert!(export.rows_per_table()[table] > 0, "{table}: the test leaves something there");
    }
    let json = serde_json::to_string(&export).unwrap();
    assert!(json.contains("Wanneer komt de groene container?") && json.contains("Volgende week dinsdag.") && json.contains("bijlagen/1-brief.pdf") && json.contains("Z-2026-000101"));
    assert!(!json.contains("storage_key"), "where files are stored is Loket's business");
    assert!(json.contains("999993653") && json.contains("jan@example.nl") && json.contains("Mijn huisnummer is 12a"));
    assert!(!json.contains("INTERN"), "internal notes stay internal");
    assert!(!json.contains("Sanne"), "teams, not names");
    assert!(!json.contains("Fatima vraagt") && !json.contains("999990019"), "nothing of another resident");
});

app_test!(a_resident_asks_for_the_download_sees_progress_and_gets_both_files_for_a_week, |app| {
    // Mijn gegevens' level is needed: at "midden" the page asks for more and asking is refused.
    let mut low = signed_in(&app, "resident", "inwoner-jan", "midden").await;
    assert!(low.get("/mijn/gegevens/download").await.body.contains("niveau Substantieel"));
    assert_eq!(low.call("request_data_export", "").await.status, 403);

    let mut jan = signed_in(&app, "resident", "inwoner-jan", "substantieel").await;
    ask(&mut jan, "Container", "Zie de brief", &[("brief van mij.pdf", PDF)]).await;
    let page = jan.get("/mijn/gegevens/download").await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("Maak mijn download"), "{}", page.body);
    let asked = jan.post_form("/api/request_data_export", &[]).await;
    assert_eq!(asked.status, 302, "{}", asked.body);
    assert_eq!(asked.header("location"), "/mijn/gegevens/download");
    let progress = jan.get("/mijn/gegevens/download").await;
    assert!(progress.body.contains("Klaar: 0 van 8 onderdelen") && progress.body.contains("<progress"), "{}", progress.body);
    // Asking again while it is being made changes nothing.
    jan.post_form("/api/request_data_export", &[]).await;
    let jan_id = resident(&app, "999993653").await;
    assert_eq!(rows_of(app.db(), "data_export", jan_id).await, 1);

    // The page hears when it is ready.
    let mut live = LiveListener::connect(&app.base_url, "/mijn/gegevens/download/live", &jan.cookies).await;
    assert!(data_export::make_next(&app.state.app).await.unwrap());
    assert!(!data_export::make_next(&app.state.app).await.unwrap(), "made once");
    let (event, _) = live.next(std::time::Duration::from_secs(10)).await.expect("a changed event");
    assert_eq!(event, "changed");

    let ready = jan.get("/mijn/gegevens/download").await;
    assert!(ready.body.contains("Je download is klaar"), "{}", ready.body);
    let link = |format: &str| {
        ready.body.split("href=\"").filter_map(|rest| rest.split('"').next()).find(|href| href.starts_with("/mijn/gegevens/download/") && href.ends_with(&format!("/{format}"))).expect(format).to_string()
    };
    let (json_link, html_link) = (link("json"), link("html"));
    let json = jan.get(&json_link).await;
    assert_eq!(json.status, 200);
    assert!(json.header("content-type").starts_with("application/json") && json.header("content-disposition").contains("mijn-gegevens.json"));
    let parsed: serde_json::Value = serde_json::from_str(&json.body).unwrap();
    assert_eq!(parsed["profile"]["bsn"], "999993653");
    assert!(parsed["cases"].as_array().unwrap().iter().any(|c| c["reference"] == "Z-2026-000103"));
    assert_eq!(parsed["conversations"][0]["messages"][0]["attachments"][0]["file"], "bijlagen/1-brief van mij.pdf");
    let files = jan.get(&link("bestanden")).await;
    assert_eq!(files.status, 200);
    assert_eq!(files.header("content-type"), "application/zip");
    assert!(files.body.starts_with("PK") && files.body.contains("bijlagen/1-brief van mij.pdf") && files.body.contains(std::str::from_utf8(PDF).unwrap()), "the file itself, stored as it is");
    let html = jan.get(&html_link).await;
    assert_eq!(html.status, 200);
    assert!(html.body.contains("<html lang=\"nl\"") && html.body.contains("Alle gegevens die de gemeente") && html.body.contains("Z-2026-000101"), "{}", html.body);

    // Nobody else gets it, and nothing but json or html.
    let mut kees = signed_in(&app, "resident", "inwoner-kees", "substantieel").await;
    assert_eq!(kees.get(&json_link).await.status, 404);
    assert_eq!(jan.get(&json_link.replace("/json", "/pdf")).await.status, 404);

    // A week later it is gone, files and all; the row remains as the record.
    let keys = db::data_export::latest(app.db(), jan_id).await.unwrap().map(|r| (r.json_key.unwrap(), r.html_key.unwrap(), r.files_key.unwrap())).unwrap();
    app.clock.advance(time::Duration::days(data_export::KEPT_DAYS) + time::Duration::minutes(1));
    assert_eq!(data_export::expire(app.db(), app.state.app.documents.as_ref(), app.clock.now()).await.unwrap(), 1);
    let mut jan = signed_in(&app, "resident", "inwoner-jan", "substantieel").await;
    assert_eq!(jan.get(&json_link).await.status, 404);
    for key in [&keys.0, &keys.1, &keys.2] {
        assert!(app.state.app.documents.get(key).await.is_err(), "files removed");
    }
    assert!(jan.get("/mijn/gegevens/download").await.body.contains("Maak mijn download"));
    assert_eq!(rows_of(app.db(), "data_export", jan_id).await, 1);
});

app_test!(retention_removes_what_passed_its_term_with_its_files_and_a_dry_run_only_counts, |app| {
    let jan_id = resident(&app, "999993653").await;
    let mut jan = signed_in(&app, "resident", "inwoner-jan", "midden").await;
    let mut sanne = signed_in(&app, "staff", "medewerker-sanne", "").await;
    let mut bram = signed_in(&app, "staff", "medewerker-bram", "").await;

    // A closed conversation without a case, with an attachment on disk.
    let loose = ask(&mut jan, "Container", "Wanneer komt de container?", &[("brief.pdf", PDF)]).await;
    sanne.get(&format!("/staff/gesprekken/{loose}")).await;
    assert_eq!(sanne.post_form("/api/close_conversation", &[("id", &loose), ("result", "Uitgelegd")]).await.status, 302);
    assert_eq!(count(app.db(), "select count(*) from message_attachment", None).await, 1);
    // An open question stays whatever its age.
    let open = ask(&mut jan, "Nog open", "Nog een vraag", &[]).await;
    // A document of Jan's closed case (Z-2026-000103), on disk.
    let closed_case = app::model::ids::CaseId(case_by_reference(&app, "Z-2026-000103").await.expect("the closed demo case"));
    let key = uuid::Uuid::new_v4().to_string();
    app.state.app.documents.put(&key, PDF).await.unwrap();
    let mut tx = app.db().begin().await.unwrap();
    let new = db::document::NewDocument {
        id: app::model::ids::DocumentId::new(), case_id: closed_case, title: "Foto", file_name: "foto.pdf", content_type: "application/pdf",
        size_bytes: PDF.len() as i64, storage_key: &key, added_by: "resident", zgw_url: None,
    };
    db::document::insert(&mut tx, &new, app.clock.now()).await.unwrap();
    tx.commit().await.unwrap();
    let consents = count(app.db(), "select count(*) from consent_event", None).await;

    // Only the administrator sets terms; only the listed years.
    let case_type = id_of(app.db(), "select id from case_type where code = $1", "melding-openbare-ruimte").await.expect("the demo case type").to_string();
    assert_eq!(sanne.call("set_case_type_retention", &format!("case_type={case_type}&years=1")).await.status, 403);
    assert_eq!(bram.call("set_case_type_retention", &format!("case_type={case_type}&years=3")).await.status, 422);
    assert_eq!(bram.post_form("/api/set_case_type_retention", &[("case_type", &case_type), ("years", "1")]).await.status, 302);
    assert_eq!(bram.post_form("/api/set_retention_term", &[("category", "verwerkingenlog"), ("years", "1")]).await.status, 302);
    assert_eq!(bram.call("set_retention_term", "category=iets&years=1").await.status, 422);
    let page = bram.get("/staff/bewaartermijnen").await;
    assert!(page.body.contains("Melding openbare ruimte") && page.body.contains("Niet ingesteld (bewaren)"), "{}", page.body);

    // Nothing has passed its term yet.
    let today = retention::run(app.db(), app.state.app.documents.as_ref(), app.clock.now(), false, None).await.unwrap();
    assert!(today.iter().all(|(_, n)| *n == 0), "{today:?}");

    // A year and a day later: a dry run counts and removes nothing.
    app.clock.advance(time::Duration::days(367));
    let mut bram = signed_in(&app, "staff", "medewerker-bram", "").await;
    let mut inge = signed_in(&app, "staff", "medewerker-inge", "").await;
    let mut sanne = signed_in(&app, "staff", "medewerker-sanne", "").await;
    let log_before = count(app.db(), "select count(*) from processing_log", None).await;
    assert!(log_before > 0);
    assert_eq!(bram.post_form("/api/retention_dry_run", &[]).await.status, 302);
    let counted = bram.get("/staff/bewaartermijnen").await.body;
    let counted = counted[counted.find("id=\"verslagen\"").expect("the reports")..].replace("<!>", "");
    assert!(counted.contains("proefronde") && counted.contains("<dt>Gesprekken</dt><dd>1</dd>") && counted.contains("<dt>Zaken</dt><dd>1</dd>"), "{counted}");
    assert!(counted.contains("<dt>Documenten</dt><dd>1</dd>") && counted.contains("<dt>Bijlagen</dt><dd>1</dd>"), "{counted}");
    assert_eq!(count(app.db(), "select count(*) from conversation", None).await, 2);
    assert!(app.state.app.documents.get(&key).await.is_ok());

    // The daily run removes it, files too; consents stay; once a day.
    retention::daily(app.db(), app.state.app.documents.as_ref(), app.clock.now()).await.unwrap();
    assert!(case_by_reference(&app, "Z-2026-000103").await.is_none(), "the case went");
    assert!(case_by_reference(&app, "Z-2026-000101").await.is_some(), "an open case stays");
    assert_eq!(count(app.db(), "select count(*) from conversation", None).await, 1, "the open question stays");
    assert_eq!(count(app.db(), "select count(*) from message_attachment", None).await, 0);
    assert!(app.state.app.documents.get(&key).await.is_err(), "the document's file is removed");
    assert!(app.state.app.documents.list().await.unwrap().is_empty(), "the attachment's file is removed");
    assert_eq!(count(app.db(), "select count(*) from processing_log", None).await, 0, "log rows past their term");
    assert_eq!(count(app.db(), "select count(*) from consent_event", None).await, consents);
    assert!(count(app.db(), "select count(*) from case_status s join service_case c on c.id = s.case_id where c.resident_id = $1", Some(jan_id)).await > 0, "the open cases' history stays");
    retention::daily(app.db(), app.state.app.documents.as_ref(), app.clock.now()).await.unwrap();
    assert_eq!(count(app.db(), "select count(*) from retention_run where dry_run = false", None).await, 2, "today's first run and the one a year ago");

    // The privacy officer reads the reports (no forms); the log itself still refuses deletes outside a run.
    let reports = inge.get("/staff/bewaartermijnen").await;
    assert_eq!(reports.status, 200);
    assert!(reports.body.contains("verwijderd") && !reports.body.contains("set_case_type_retention"), "{}", reports.body);
    assert!(!reports.body.contains("Jan") && !reports.body.contains("999993653"));
    sanne.get(&format!("/staff/gesprekken/{open}")).await;
    let deleted = match app.db() {
        Db::Sqlite(pool) => sqlx::query("delete from processing_log").execute(pool).await.is_ok(),
        Db::Postgres(pool) => sqlx::query("delete from processing_log").execute(pool).await.is_ok(),
    };
    assert!(!deleted, "the processing log stays append-only outside a retention run");
});

/// A store whose first removal waits until the test lets it go, so the
/// test can look at the database while a retention run is under way.
struct Paused {
    inner: std::sync::Arc<dyn DocumentStorage>,
    first: std::sync::atomic::AtomicBool,
    reached: std::sync::Arc<tokio::sync::Notify>,
    release: std::sync::Arc<tokio::sync::Semaphore>,
}

impl DocumentStorage for Paused {
    fn put<'a>(&'a self, key: &'a str, bytes: &'a [u8]) -> StorageFuture<'a, ()> {
        self.inner.put(key, bytes)
    }
    fn get<'a>(&'a self, key: &'a str) -> StorageFuture<'a, Vec<u8>> {
        self.inner.get(key)
    }
    fn delete<'a>(&'a self, key: &'a str) -> StorageFuture<'a, ()> {
        Box::pin(async move {
            if self.first.swap(false, std::sync::atomic::Ordering::SeqCst) {
                self.reached.notify_one();
                self.release.acquire().await.map_err(std::io::Error::other)?.forget();
            }
            self.inner.delete(key).await
        })
    }
    fn list(&self) -> StorageFuture<'_, Vec<(String, std::time::SystemTime)>> {
        self.inner.list()
    }
}

app_test!(retention_removes_a_batch_per_transaction_so_a_long_run_never_holds_the_database, |app| {
    // 501 closed conversations a year past their term, each with a file: two batches.
    const OLD: usize = 501;
    let team = db::team::list(app.db()).await.unwrap()[0].id;
    let storage = app.state.app.documents.clone();
    let mut keys = Vec::new();
    let mut tx = app.db().begin().await.unwrap();
    for i in 0..OLD {
        let conversation = ConversationId::new();
        let new = db::conversation::NewConversation {
            id: conversation, resident_id: None, subject: "Oud gesprek", case_id: None, status: "closed", team_id: team, channel: "email", contact: Some("oud@example.org"),
        };
        db::conversation::insert(&mut tx, &new, app.clock.now()).await.unwrap();
        let message = MessageId::new();
        let body = format!("Bericht {i}");
        let new = db::conversation::NewMessage {
            id: message, conversation_id: conversation, client_id: uuid::Uuid::new_v4(), channel: "email", direction: "in", staff_id: None, body: &body,
            provider_id: None, delivery: None, sender_check: None,
        };
        db::conversation::insert_message(&mut tx, &new, app.clock.now()).await.unwrap();
        let key = uuid::Uuid::new_v4().to_string();
        storage.put(&key, PDF).await.unwrap();
        let new = db::conversation::NewAttachment { id: AttachmentId::new(), message_id: message, file_name: "brief.pdf", content_type: "application/pdf", size_bytes: PDF.len() as i64, storage_key: &key };
        db::conversation::insert_attachment(&mut tx, &new, app.clock.now()).await.unwrap();
        keys.push(key);
    }
    tx.commit().await.unwrap();
    let closed = "update conversation set closed_at = updated_at where subject = 'Oud gesprek'";
    match app.db() {
        Db::Sqlite(pool) => sqlx::query(closed).execute(pool).await.map(|_| ()),
        Db::Postgres(pool) => sqlx::query(closed).execute(pool).await.map(|_| ()),
    }
    .unwrap();
    app.clock.advance(time::Duration::days(367));
    let old = || count(app.db(), "select count(*) from conversation where subject = 'Oud gesprek'", None);
    assert_eq!(old().await, OLD as i64);

    // The run pauses at its first file: the first batch is gone, committed, the rest still there.
    let reached = std::sync::Arc::new(tokio::sync::Notify::new());
    let release = std::sync::Arc::new(tokio::sync::Semaphore::new(0));
    let paused = Paused { inner: storage.clone(), first: true.into(), reached: reached.clone(), release: release.clone() };
    let (db, now) = (app.db().clone(), app.clock.now());
    let run = tokio::spawn(async move { retention::run(&db, &paused, now, false, None).await });
    tokio::time::timeout(std::time::Duration::from_secs(60), reached.notified()).await.expect("the run reaches the files of its first batch");
    let left = old().await;
    assert!(left > 0 && left < OLD as i64, "one batch committed, the next not started: {left} of {OLD} left");

    // Let it go: everything past its term is gone, files too, and the report counts it all.
    release.add_permits(1);
    let report = run.await.unwrap().unwrap();
    assert_eq!(old().await, 0);
    let counted = |code: &str| report.iter().find(|(c, _)| *c == code).map(|(_, n)| *n).unwrap();
    assert!(counted("gesprekken") >= OLD as u64 && counted("bijlagen") >= OLD as u64, "{report:?}");
    for key in &keys {
        assert!(storage.get(key).await.is_err(), "every file removed");
    }
});

/// The one id `sql` (with `$1` = `value`) finds, if any.
async fn id_of(db: &Db, sql: &str, value: &str) -> Option<uuid::Uuid> {
    match db {
        Db::Sqlite(pool) => sqlx::query_scalar(sql).bind(value).fetch_optional(pool).await.unwrap(),
        Db::Postgres(pool) => sqlx::query_scalar(sql).bind(value).fetch_optional(pool).await.unwrap(),
    }
}

async fn case_by_reference(app: &TestApp, reference: &str) -> Option<uuid::Uuid> {
    id_of(app.db(), "select id from service_case where reference = $1", reference).await
}

app_test!(a_resident_objects_and_the_privacy_officer_answers_within_the_term, |app| {
    let jan_id = resident(&app, "999993653").await;
    let mut jan = signed_in(&app, "resident", "inwoner-jan", "midden").await;
    let details = jan.get("/mijn/gegevens").await;
    assert!(details.body.contains("Klopt er iets niet?") && details.body.contains("Je vraag of bericht beantwoorden"), "{}", details.body);
    assert_eq!(jan.call("send_privacy_request", "kind=bezwaar&processing=&text=Stop+ermee").await.status, 422, "an objection names the processing");
    assert_eq!(jan.call("send_privacy_request", "kind=bezwaar&processing=verzinsel&text=Stop+ermee").await.status, 422);
    assert_eq!(jan.call("send_privacy_request", "kind=correctie&processing=&text=+").await.status, 422);
    let sent = jan.post_form("/api/send_privacy_request", &[("kind", "bezwaar"), ("processing", "klantcontact"), ("text", "Gebruik mijn gegevens niet voor klantcontact")]).await;
    assert_eq!(sent.status, 302);
    assert_eq!(sent.header("location"), "/mijn/gegevens?verzoek=1#verzoeken");
    let mine = jan.get("/mijn/gegevens?verzoek=1").await;
    assert!(mine.body.contains("We hebben je verzoek ontvangen") && mine.body.contains("We antwoorden uiterlijk 23 december 2026"), "{}", mine.body);

    // Staff without the privacy role do not see requests.
    let mut sanne = signed_in(&app, "staff", "medewerker-sanne", "").await;
    assert_eq!(sanne.call("privacy_request_worklist", "").await.status, 403);
    let mut inge = signed_in(&app, "staff", "medewerker-inge", "").await;
    let before = db::processing_log::count_for_resident(app.db(), jan_id).await.unwrap();
    let list = inge.get("/staff/privacyverzoeken").await;
    assert!(list.body.contains("Bezwaar maken") && list.body.contains("*****3653") && !list.body.contains("999993653"), "{}", list.body);
    let id = list.body.split("/staff/privacyverzoeken/").nth(1).and_then(|rest| rest.split('"').next()).unwrap().to_string();
    let one = inge.get(&format!("/staff/privacyverzoeken/{id}")).await;
    assert!(one.body.contains("Gebruik mijn gegevens niet voor klantcontact") && one.body.contains("Je vraag of bericht beantwoorden"));
    assert_eq!(db::processing_log::count_for_resident(app.db(), jan_id).await.unwrap(), before + 2, "the list and the request are logged reads");

    // A month and a day later it is past its term, first in the list.
    app.clock.advance(time::Duration::days(32));
    let mut inge = signed_in(&app, "staff", "medewerker-inge", "").await;
    let mut jan = signed_in(&app, "resident", "inwoner-jan", "midden").await;
    assert!(inge.get("/staff/privacyverzoeken").await.body.contains("Termijn verlopen"));
    assert_eq!(inge.call("answer_privacy_request", &format!("id={id}&answer=")).await.status, 422);
    let answered = inge.post_form("/api/answer_privacy_request", &[("id", &id), ("answer", "We gebruiken je gegevens alleen nog om je vraag te beantwoorden.")]).await;
    assert_eq!(answered.status, 302);
    assert_eq!(inge.call("answer_privacy_request", &format!("id={id}&answer=nog+eens")).await.status, 409);
    let read = jan.get("/mijn/gegevens").await;
    assert!(read.body.contains("Beantwoord.") && read.body.contains("We gebruiken je gegevens alleen nog"), "{}", read.body);
    assert!(jan.get("/mijn/inzage").await.body.contains("Je privacyverzoek behandelen"));
    // Another resident sees none of it.
    let mut kees = signed_in(&app, "resident", "inwoner-kees", "midden").await;
    assert!(!kees.get("/mijn/gegevens").await.body.contains("Gebruik mijn gegevens niet"));
});
