//! The Klantinteracties API as another municipal system (KISS, say) reads
//! it: through a Prism proxy that checks every request and every answer
//! against the API's OpenAPI document (Open Klant 2.18's, version 0.9),
//! it finds Jan by his BSN, lists his contacts, follows their links to
//! his part in them and to the callback request one led to, and pages.
//! Without a token, with another, or asking with a filter Loket does not
//! know, it gets nothing; each read is in Jan's processing log under the
//! client's own name.

use app::backend::{clock::Clock, db};
use reqwest::StatusCode;
use serde_json::Value;

use crate::case_system::{free_port, prism_bin, wait_for_port};
use crate::support::TestApp;

const TOKEN: &str = "kiss-test-token-0123456789abcdefghij";
const JAN_BSN: &str = "999993653";

/// Prism in front of Loket's API, checking against the official document.
struct Checked {
    base: String,
    prism: std::process::Child,
    dir: std::path::PathBuf,
}

impl Drop for Checked {
    fn drop(&mut self) {
        let _ = self.prism.kill();
        let _ = self.prism.wait();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// The document with `Partij`'s `oneOf` made `anyOf` (see `tests/specs/klantinteracties/SOURCES.md`).
fn checkable_spec(into: &std::path::Path) -> std::path::PathBuf {
    let spec = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/specs/klantinteracties/klantinteracties-api-0.9.0.yaml");
    let source = std::fs::read_to_string(spec).expect("the Klantinteracties spec in tests/specs/klantinteracties");
    let patched = source.replacen("    Partij:\n      oneOf:", "    Partij:\n      anyOf:", 1);
    assert_ne!(patched, source, "the Partij schema is where it was");
    let path = into.join("klantinteracties-api-0.9.0.yaml");
    std::fs::write(&path, patched).unwrap();
    path
}

async fn checked(app: &TestApp) -> Checked {
    let dir = std::env::temp_dir().join(format!("loket-ki-{}", uuid::Uuid::new_v4().simple()));
    std::fs::create_dir_all(&dir).unwrap();
    let spec = checkable_spec(&dir);
    let port = free_port();
    let log = std::fs::File::create(dir.join("prism.log")).unwrap();
    let upstream = format!("{}/klantinteracties/api/v1", app.base_url);
    let mut prism = std::process::Command::new(prism_bin())
        .args(["proxy", spec.to_str().unwrap(), &upstream, "--errors", "-h", "127.0.0.1", "-p", &port.to_string()])
        .stdout(log.try_clone().unwrap())
        .stderr(log)
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start prism ({e}): run script/test (npm ci in end2end)"));
    wait_for_port(port, &mut prism, "klantinteracties").await;
    Checked { base: format!("http://127.0.0.1:{port}"), prism, dir }
}

/// GET with the client's token; the status and the JSON answer.
async fn read(url: &str, token: Option<&str>) -> (StatusCode, Value) {
    let mut request = reqwest::Client::new().get(url);
    if let Some(token) = token {
        request = request.header("Authorization", format!("Token {token}"));
    }
    let response = request.send().await.expect("an answer");
    let status = response.status();
    let text = response.text().await.unwrap();
    (status, serde_json::from_str(&text).unwrap_or_else(|_| panic!("JSON from {url}: {text}")))
}

/// Through Prism: any request or answer outside the spec fails here.
async fn get(api: &Checked, path: &str) -> Value {
    let (status, body) = read(&format!("{}{path}", api.base), Some(TOKEN)).await;
    assert_eq!(status, StatusCode::OK, "{path}: {body}");
    body
}

macro_rules! ki_test {
    ($name:ident, |$app:ident| $body:block) => {
        mod $name {
            #[allow(unused_imports)]
            use super::*;

            async fn run(kind: app::backend::db::DbKind) {
                let $app = TestApp::with_config(kind, |c| c.klantinteracties_clients = Some(format!("kiss:{TOKEN}").into())).await;
                $body
            }

            crate::support::on_both_databases!();
        }
    };
}

ki_test!(another_system_finds_a_resident_by_bsn_and_follows_their_contacts, |app| {
    let mut sanne = app.browser();
    sanne.login("staff", "medewerker-sanne", "").await;
    // Jan asks a question on the portal; Sanne makes a callback request of it.
    let callback = crate::callback::create_for_jan(&app, &mut sanne, "team").await;
    let jan = db::resident::find_by_bsn(app.db(), JAN_BSN).await.unwrap().unwrap();
    let api = checked(&app).await;
    let page = sanne.get(&format!("/staff/terugbellen/{callback}")).await;
    assert!(page.body.contains("Ahmed Benali") && !page.body.contains("Koppeling"), "the client's service account is no colleague to hand over to");

    let found = get(&api, &format!("/partijen?partijIdentificator__codeSoortObjectId=bsn&partijIdentificator__objectId={JAN_BSN}")).await;
    assert_eq!(found["count"], 1);
    let partij = &found["results"][0];
    assert_eq!(partij["uuid"], jan.to_string());
    assert_eq!(partij["soortPartij"], "persoon");
    assert_eq!(partij["partijIdentificatoren"][0]["partijIdentificator"]["objectId"], JAN_BSN);
    assert_eq!(partij["betrokkenen"].as_array().unwrap().len(), 2, "his question and the callback request");
    let nobody = get(&api, "/partijen?partijIdentificator__codeSoortObjectId=bsn&partijIdentificator__objectId=999990020").await;
    assert_eq!((nobody["count"].as_i64(), nobody["results"].as_array().map(Vec::len)), (Some(0), Some(0)), "a BSN Loket does not know");
    let by_kvk = get(&api, &format!("/partijen?partijIdentificator__codeSoortObjectId=kvk_nummer&partijIdentificator__objectId={JAN_BSN}")).await;
    assert_eq!(by_kvk["count"], 0, "the same digits as another kind of number are nobody");
    let same = get(&api, &format!("/partijen/{jan}")).await;
    assert_eq!(same["url"], partij["url"]);
    assert!(same.get("_expand").is_none(), "nothing expanded unless asked");
    assert_eq!(partij["digitaleAdressen"], serde_json::json!([]), "Jan confirmed no address yet");
    // Jan confirms his e-mail address: another system finds it with him.
    let new = db::contact_address::NewCode { resident_id: jan, channel: "email", address: "jan@voorbeeld.example", language: "nl", code_hash: "h", code_expires_at: app.clock.now() + time::Duration::minutes(10) };
    let mut tx = app.db().begin().await.unwrap();
    db::contact_address::set_unverified(&mut tx, &new, app.clock.now()).await.unwrap();
    tx.commit().await.unwrap();
    let address = db::contact_address::find(app.db(), jan, "email").await.unwrap().unwrap();
    assert!(db::contact_address::verify(app.db(), address.id, "h", app.clock.now()).await.unwrap());
    let with_addresses = get(&api, &format!("/partijen/{jan}?expand=digitaleAdressen")).await;
    let expanded = &with_addresses["_expand"]["digitaleAdressen"][0];
    assert_eq!((expanded["adres"].as_str(), expanded["soortDigitaalAdres"].as_str()), (Some("jan@voorbeeld.example"), Some("email")));
    assert_eq!(expanded["verstrektDoorPartij"]["uuid"], jan.to_string());
    assert_eq!(with_addresses["digitaleAdressen"][0]["uuid"], expanded["uuid"]);
    let listed = get(&api, &format!("/digitaleadressen?verstrektDoorPartij__uuid={jan}")).await;
    assert_eq!(listed["results"][0]["uuid"], expanded["uuid"]);
    let one = get(&api, &format!("/digitaleadressen/{}", expanded["uuid"].as_str().unwrap())).await;
    assert!(one["verificatieDatum"].is_string(), "confirmed, with its date");

    let contacts = get(&api, &format!("/klantcontacten?hadBetrokkene__wasPartij__uuid={jan}")).await;
    assert_eq!(contacts["count"], 2);
    let (newest, question) = (&contacts["results"][0], &contacts["results"][1]);
    assert_eq!(newest["uuid"], callback.to_string(), "the callback request, asked last");
    assert_eq!(newest["kanaal"], "telefoon");
    assert_eq!(newest["inhoud"], "Kan mijn vergunning mee naar mijn nieuwe adres?");
    assert_eq!(question["kanaal"], "portaal");
    assert_eq!(question["onderwerp"], "Parkeren bij verhuizing");
    assert_eq!(question["inhoud"], "Wie kan mij bellen?");
    let with_all = get(&api, &format!("/klantcontacten?hadBetrokkene__wasPartij__uuid={jan}&expand=hadBetrokkenen,leiddeTotInterneTaken,gingOverOnderwerpobjecten,omvatteBijlagen")).await;
    let expanded = &with_all["results"][0]["_expand"];
    assert_eq!(expanded["hadBetrokkenen"][0]["wasPartij"]["uuid"], jan.to_string(), "the betrokkene inside: {with_all}");
    assert_eq!(expanded["leiddeTotInterneTaken"][0]["uuid"], callback.to_string());
    assert_eq!(expanded["leiddeTotInterneTaken"][0]["status"], "te_verwerken");
    assert_eq!(with_all["results"][1]["_expand"]["leiddeTotInterneTaken"], serde_json::json!([]), "a question led to no task");
    assert!(contacts["results"][0].get("_expand").is_none(), "nothing expanded unless asked");
    let one = get(&api, &format!("/klantcontacten/{callback}?expand=hadBetrokkenen")).await;
    assert_eq!(one["_expand"]["hadBetrokkenen"][0]["uuid"], callback.to_string());
    let by_bsn = get(&api, &format!("/klantcontacten?hadBetrokkene__wasPartij__partijIdentificator__objectId={JAN_BSN}")).await;
    assert_eq!(by_bsn["results"], contacts["results"], "by his BSN the same");

    // Following the links, each answer checked again.
    let betrokkene = get(&api, &format!("/betrokkenen/{}", question["hadBetrokkenen"][0]["uuid"].as_str().unwrap())).await;
    assert_eq!(betrokkene["wasPartij"]["uuid"], jan.to_string());
    assert_eq!(betrokkene["rol"], "klant");
    assert_eq!(betrokkene["initiator"], true, "Jan wrote it");
    let task_link = newest["leiddeTotInterneTaken"][0]["uuid"].as_str().unwrap().to_string();
    let task = get(&api, &format!("/internetaken/{task_link}")).await;
    assert_eq!(task["status"], "te_verwerken");
    assert_eq!(task["aanleidinggevendKlantcontact"]["uuid"], callback.to_string());
    assert!(task["gevraagdeHandeling"].as_str().unwrap().starts_with("Terugbellen: "), "{}", task["gevraagdeHandeling"]);
    let open = get(&api, "/internetaken?status=te_verwerken").await;
    assert!(open["results"].as_array().unwrap().iter().any(|t| t["uuid"] == callback.to_string()));
    let done = get(&api, "/internetaken?status=verwerkt").await;
    assert!(!done["results"].as_array().unwrap().iter().any(|t| t["uuid"] == callback.to_string()));
    let of_contact = get(&api, &format!("/internetaken?aanleidinggevendKlantcontact__uuid={callback}")).await;
    assert_eq!(of_contact["count"], 1);
    let identificator = get(&api, &format!("/partij-identificatoren/{jan}")).await;
    assert_eq!(identificator["identificeerdePartij"]["uuid"], jan.to_string());

    // Pages of one: the next page is linked, and has the other contact.
    let first = get(&api, &format!("/klantcontacten?hadBetrokkene__wasPartij__uuid={jan}&pageSize=1")).await;
    assert_eq!((first["count"].as_i64(), first["results"].as_array().unwrap().len()), (Some(2), 1));
    assert!(first["previous"].is_null());
    let next = first["next"].as_str().expect("a next page");
    let second_path = next.split_once("/klantinteracties/api/v1").unwrap().1;
    let second = get(&api, second_path).await;
    assert_eq!(second["results"][0]["uuid"], question["uuid"]);
    assert!(second["next"].is_null() && second["previous"].is_string());

    // Every read in Jan's processing log, under the client's own account.
    assert!(db::staff_member::find_by_subject(app.db(), "loket-api-client:kiss").await.unwrap().is_some(), "the client's service account");
    let log = db::processing_log::for_resident(app.db(), jan, 500).await.unwrap();
    let by_kiss: Vec<_> = log.iter().filter(|e| e.staff_name == "Koppeling kiss").collect();
    assert!(by_kiss.len() >= 8, "each answer with Jan's data logged: {}", by_kiss.len());
    assert!(by_kiss.iter().all(|e| e.purpose == "klantcontact"));
    let mut jan_browser = app.browser();
    jan_browser.login("resident", "inwoner-jan", "midden").await;
    let own_log = jan_browser.get("/mijn/inzage").await;
    assert!(own_log.body.contains("Koppeling kiss"), "Jan sees which system read his data");
});

ki_test!(without_the_token_or_with_an_unknown_filter_nothing_is_answered, |app| {
    let mut jan = app.browser();
    jan.login("resident", "inwoner-jan", "midden").await;
    let resident = db::resident::find_by_bsn(app.db(), JAN_BSN).await.unwrap().unwrap();
    let base = format!("{}/klantinteracties/api/v1", app.base_url);
    let contacts = format!("{base}/klantcontacten?hadBetrokkene__wasPartij__uuid={resident}");
    for token in [None, Some("kiss-test-token-0123456789abcdefghiX"), Some("")] {
        let (status, body) = read(&contacts, token).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "{token:?}");
        assert_eq!(body["code"], "not_authenticated");
    }
    // The cookie of a logged-in resident is no token either.
    let with_cookie = jan.get(&format!("/klantinteracties/api/v1/partijen/{resident}")).await;
    assert_eq!(with_cookie.status, 401);

    let (status, body) = read(&format!("{base}/klantcontacten?kanaal=e-mail"), Some(TOKEN)).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "an unknown filter is refused, not ignored");
    assert_eq!(body["invalidParams"][0]["name"], "kanaal");
    let (status, body) = read(&format!("{contacts}&expand=hadBetrokkenen.wasPartij"), Some(TOKEN)).await;
    assert_eq!((status, body["invalidParams"][0]["name"].as_str()), (StatusCode::BAD_REQUEST, Some("expand")), "an expansion Loket does not make is refused");
    let (status, _) = read(&format!("{base}/partijen/{resident}?expand=betrokkenen"), Some(TOKEN)).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "a partij expands only its addresses");
    let (status, _) = read(&format!("{base}/klantcontacten"), Some(TOKEN)).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "all contacts of everyone are not listed");
    let (status, _) = read(&format!("{contacts}&pageSize=1000"), Some(TOKEN)).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    let (status, _) = read(&format!("{base}/internetaken?status=klaar"), Some(TOKEN)).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    let (status, body) = read(&format!("{base}/klantcontacten/{}", uuid::Uuid::new_v4()), Some(TOKEN)).await;
    assert_eq!((status, body["code"].as_str()), (StatusCode::NOT_FOUND, Some("not_found")));
    let (status, _) = read(&format!("{base}/onderwerpobjecten/{}", uuid::Uuid::new_v4()), Some(TOKEN)).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(db::processing_log::for_resident(app.db(), resident, 500).await.unwrap().iter().filter(|e| e.purpose == "klantcontact" && e.staff_name == "Koppeling kiss").count(), 0, "nothing was read");
});
