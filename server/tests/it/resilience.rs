//! Faults Loket serves through: PostgreSQL gone for a while, as in a
//! restart (a proxy in front of the real server closes every connection
//! and refuses new ones). Readiness says so within its two seconds, pages
//! answer "temporarily unavailable" at once instead of hanging until the
//! database returns, nothing is half-stored, and when it is back Loket is
//! too, without a restart of its own. And one of two nodes killed
//! mid-load: nothing acknowledged is lost, no notice is sent twice.

use std::time::{Duration, Instant};

use app::backend::db::DbKind;
use secrecy::ExposeSecret;

use crate::support::{LiveListener, TcpProxy, TestApp};

/// `host:port` of a PostgreSQL URL.
fn authority(url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let rest = rest.rsplit_once('@').map_or(rest, |(_, r)| r);
    rest.split(['/', '?']).next().unwrap_or(rest).to_string()
}

#[tokio::test]
async fn with_postgresql_gone_pages_say_so_at_once_and_all_is_back_when_it_returns() {
    let admin = std::env::var("TEST_DATABASE_URL").unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into());
    let upstream = authority(&admin);
    let proxy = TcpProxy::start(upstream.clone()).await;
    let through_proxy = format!("127.0.0.1:{}", proxy.port);
    let app = TestApp::with_config(DbKind::Postgres, |c| {
        c.database_url = c.database_url.expose_secret().replacen(&upstream, &through_proxy, 1).into();
        c.live_check_seconds = 1;
    })
    .await;
    // Another node keeps its database connection throughout.
    let other = app.second_node_with(|c| c.database_url = c.database_url.expose_secret().replacen(&through_proxy, &upstream, 1).into()).await;
    let mut jan = app.browser();
    jan.login("resident", "inwoner-jan", "midden").await;
    assert_eq!(jan.get("/mijn").await.status, 200);
    let conversation = crate::conversation::ask(&mut jan, "Stoeptegel los", "Voor nummer 5 ligt een tegel los.", &[]).await;
    let mut open_page = LiveListener::connect(&app.base_url, &format!("/mijn/berichten/{conversation}/live"), &jan.cookies).await;
    let jan_id = app::backend::db::resident::find_by_bsn(app.db(), "999993653").await.unwrap().unwrap();
    let threads = || async { app::backend::db::conversation::list_for_resident(app.db(), jan_id).await.unwrap().len() };
    let sent_before = threads().await;

    proxy.cut();
    let started = Instant::now();
    let ready = app.get("/readyz").await;
    assert_eq!(ready.status, 503);
    assert!(started.elapsed() < Duration::from_secs(2), "readiness answers within its two seconds: {:?}", started.elapsed());
    for path in ["/mijn", "/mijn/berichten"] {
        let started = Instant::now();
        let page = jan.get(path).await;
        assert_eq!(page.status, 503, "{path}: {}", page.body);
        assert!(page.body.contains("Een van onze systemen is even niet bereikbaar"), "{path}: {}", page.body);
        assert!(started.elapsed() < Duration::from_secs(4), "{path} answers at once, not when the database is back: {:?}", started.elapsed());
    }
    // A question sent meanwhile is refused (the resident sees so), never half-stored.
    let refused = jan.post_files("/mijn/berichten", &[("client_id", &uuid::Uuid::new_v4().to_string()), ("subject", "Afval"), ("body", "Wanneer?")], &[]).await;
    assert!(refused.status == 503 || refused.header("location").contains("fout"), "{} {}", refused.status, refused.body);

    // Meanwhile the other node answers Jan: this node hears nothing of it (nor can it ask the database whether Jan is still logged in).
    let mut sanne = other.browser();
    sanne.login("staff", "medewerker-sanne", "").await;
    let reply = format!("id={conversation}&client_id={}&body=We+komen+kijken.", uuid::Uuid::new_v4());
    assert_eq!(sanne.call("reply_to_conversation", &reply).await.status, 200);
    tokio::time::sleep(Duration::from_millis(1500)).await;

    proxy.restore();
    // The open page is told to catch up once this node hears the others again.
    let (event, _) = open_page.next(Duration::from_secs(10)).await.expect("the open page is told");
    assert_eq!(event, "reload");
    let started = Instant::now();
    assert_eq!(app.get("/readyz").await.status, 200);
    assert_eq!(jan.get("/mijn").await.status, 200, "the session survived");
    assert!(started.elapsed() < Duration::from_secs(3), "back at once: {:?}", started.elapsed());
    assert_eq!(threads().await, sent_before, "the refused question was not stored");
}

/// One Loket process, the binary as built, as production runs it.
struct Node {
    child: std::process::Child,
    base_url: String,
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

impl Node {
    /// Starts `loket serve` on `database_url` (the demo when `seed`), its
    /// mail going to `mail`, its jobs running every second; returns when it is ready.
    async fn start(database_url: &str, mail: &crate::support::MailServer, seed: bool) -> Node {
        let port = free_port();
        let base_url = format!("http://127.0.0.1:{port}");
        let documents = std::env::temp_dir().join(format!("loket-documents-{}", uuid::Uuid::new_v4().simple()));
        let child = std::process::Command::new(env!("CARGO_BIN_EXE_loket"))
            .arg("serve")
            .env("DATABASE_URL", database_url)
            .env("LOKET_ENVIRONMENT", "development")
            .env("LOKET_SEED_DEMO", seed.to_string())
            .env("LOKET_DEV_IDP", "true")
            .env("LOKET_LISTEN", format!("127.0.0.1:{port}"))
            .env("LOKET_PUBLIC_URL", &base_url)
            .env("LOKET_METRICS_LISTEN", format!("127.0.0.1:{}", free_port()))
            .env("LOKET_SITE_ROOT", concat!(env!("CARGO_MANIFEST_DIR"), "/../public"))
            .env("LOKET_SITE_HASH_FILES", "false")
            .env("LOKET_DOCUMENTS_DIR", &documents)
            .env("LOKET_SMTP_URL", &mail.url)
            .env("LOKET_MAIL_REPLY_TO", crate::support::MAIL_REPLY_TO)
            .env("LOKET_WORKER_INTERVAL_SECONDS", "1")
            .env("LOKET_LOG_FILTER", "error")
            .stdout(std::process::Stdio::null())
            .spawn()
            .expect("start the loket binary");
        let node = Node { child, base_url };
        let client = reqwest::Client::new();
        for _ in 0..300 {
            if let Ok(res) = client.get(format!("{}/readyz", node.base_url)).send().await
                && res.status() == 200
            {
                return node;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("the node on {} did not become ready", node.base_url);
    }

    /// SIGKILL: no graceful shutdown, whatever it was doing is cut off.
    fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for Node {
    fn drop(&mut self) {
        self.kill();
    }
}

/// A browser over real HTTP: cookies kept, redirects not followed.
#[derive(Clone)]
struct HttpBrowser {
    client: reqwest::Client,
    cookie: String,
}

impl HttpBrowser {
    /// A staff login through `node`'s development provider.
    async fn staff(node: &Node, person: &str) -> HttpBrowser {
        let client = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap();
        let mut jar = std::collections::BTreeMap::new();
        let step = async |req: reqwest::RequestBuilder, jar: &mut std::collections::BTreeMap<String, String>| {
            let cookie = jar.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join("; ");
            let res = req.header("cookie", cookie).send().await.expect("the node answers");
            for set in res.headers().get_all("set-cookie") {
                let set = set.to_str().unwrap();
                let pair = set.split(';').next().unwrap();
                let (name, value) = pair.split_once('=').unwrap();
                jar.insert(name.to_string(), value.to_string());
            }
            (res.status(), res.headers().get("location").map(|l| l.to_str().unwrap().to_string()).unwrap_or_default())
        };
        let (_, authorize) = step(client.get(format!("{}/auth/staff/login?next=/staff", node.base_url)), &mut jar).await;
        let query: std::collections::HashMap<String, String> = url::Url::parse(&authorize).unwrap().query_pairs().into_owned().collect();
        let mut form: Vec<(String, String)> =
            ["client_id", "redirect_uri", "state", "nonce", "code_challenge"].iter().map(|k| (k.to_string(), query.get(*k).cloned().unwrap_or_default())).collect();
        form.push(("person".into(), person.into()));
        form.push(("loa".into(), String::new()));
        let (status, callback) = step(client.post(format!("{}/dev-idp/authorize", node.base_url)).form(&form), &mut jar).await;
        assert_eq!(status, 303, "the provider");
        let (status, landing) = step(client.get(callback), &mut jar).await;
        assert_eq!((status.as_u16(), landing.as_str()), (303, "/staff"), "logged in");
        let cookie = jar.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join("; ");
        HttpBrowser { client, cookie }
    }

    async fn get(&self, url: &str) -> String {
        self.client.get(url).header("cookie", &self.cookie).send().await.unwrap().text().await.unwrap()
    }

    /// A staff reply through `node`; `Some(status)` when it answered.
    async fn reply(&self, node: &str, conversation: &str, body: &str) -> Option<u16> {
        let form = [("id", conversation.to_string()), ("client_id", uuid::Uuid::new_v4().to_string()), ("body", body.to_string())];
        let res = self
            .client
            .post(format!("{node}/api/reply_to_conversation"))
            .header("cookie", &self.cookie)
            .header("accept", "application/json")
            .header("origin", node)
            .form(&form)
            .timeout(Duration::from_secs(10))
            .send()
            .await
            .ok()?;
        Some(res.status().as_u16())
    }
}

/// Two Loket processes on one PostgreSQL behind a "load balancer" that
/// sends every other reply to each; one is killed (SIGKILL) mid-load.
/// Every reply that was acknowledged is stored once, and its e-mail
/// (the notice, sent by whichever node's job claims it) arrives once:
/// none lost, none twice. A node killed while holding a claimed notice
/// leaves it to the other node after its two-minute lease; this test
/// does not wait that long, so at most that one may still be missing.
#[tokio::test]
async fn a_node_killed_mid_load_loses_no_acknowledged_reply_and_sends_no_mail_twice() {
    let scratch = app::backend::db::scratch::ScratchDb::postgres().await;
    let mail = crate::support::MailServer::start().await;
    let first = Node::start(&scratch.url(), &mail, true).await;
    let mut second = Node::start(&scratch.url(), &mail, false).await;
    let sanne = HttpBrowser::staff(&first, "medewerker-sanne").await;
    // The demo's e-mail from someone Loket does not know: replies go out by e-mail.
    let inbox = sanne.get(&format!("{}/staff/gesprekken", first.base_url)).await;
    let at = inbox.find("Grofvuil ophalen").expect("the demo's e-mail conversation in the inbox");
    let link = inbox[..at].rfind("/staff/gesprekken/").expect("its link");
    let conversation = inbox[link + "/staff/gesprekken/".len()..][..36].to_string();

    let acknowledged = std::sync::Arc::new(std::sync::Mutex::new(Vec::<String>::new()));
    let refused = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let nodes = [first.base_url.clone(), second.base_url.clone()];
    let mut load = Vec::new();
    for worker in 0..4 {
        let (sanne, nodes, conversation, acknowledged, refused) = (sanne.clone(), nodes.clone(), conversation.clone(), acknowledged.clone(), refused.clone());
        load.push(tokio::spawn(async move {
            for i in 0..40 {
                let body = format!("Antwoord {worker}-{i}.");
                match sanne.reply(&nodes[i % 2], &conversation, &body).await {
                    Some(200) => acknowledged.lock().unwrap().push(body),
                    Some(other) => panic!("{body}: {other}"),
                    // The killed node: not acknowledged, so the sender knows to try again.
                    None => _ = refused.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
                }
                tokio::time::sleep(Duration::from_millis(20)).await;
            }
        }));
    }
    while acknowledged.lock().unwrap().len() < 30 {
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    second.kill();
    for worker in load {
        worker.await.unwrap();
    }
    let acknowledged = acknowledged.lock().unwrap().clone();
    assert!(acknowledged.len() >= 80, "the first node kept taking replies: {}", acknowledged.len());
    let on_second = acknowledged.iter().filter(|b| b.rsplit('-').next().unwrap().trim_end_matches('.').parse::<usize>().unwrap() % 2 == 1).count();
    assert!(on_second > 0 && refused.load(std::sync::atomic::Ordering::Relaxed) > 0, "killed mid-load: {on_second} taken by the second node before");

    let db = app::backend::db::Db::connect(&scratch.url(), 2).await.unwrap();
    let stored: Vec<String> = app::backend::db::conversation::messages(&db, conversation.parse().unwrap(), false).await.unwrap().into_iter().map(|m| m.body).collect();
    for body in &acknowledged {
        assert_eq!(stored.iter().filter(|s| *s == body).count(), 1, "{body} is stored once");
    }
    // Every acknowledged reply's mail arrives, from either node's job; none twice.
    let mut missing = acknowledged.clone();
    for _ in 0..150 {
        let received = mail.received();
        missing.retain(|body| !received.iter().any(|m| m.text.contains(body.as_str())));
        if missing.len() <= 1 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(missing.len() <= 1, "lost: {missing:?}");
    let received = mail.received();
    for body in &acknowledged {
        assert!(received.iter().filter(|m| m.text.contains(body.as_str())).count() <= 1, "{body} was mailed twice");
    }
    let mut ids: Vec<&str> = received.iter().map(|m| m.message_id.as_str()).collect();
    ids.sort();
    let all = ids.len();
    ids.dedup();
    assert_eq!(ids.len(), all, "no notice sent twice");
}
