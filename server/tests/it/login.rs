//! Login for residents and staff: the happy paths, every refusal, session
//! fixation, idle and absolute expiry with the test clock, logout, the
//! wall between `/mijn` and `/staff`, the level-of-assurance gate, CSRF
//! and rate limits.

use app::backend::db::DbKind;

use crate::support::{app_test, TestApp};

const JAN: &str = "inwoner-jan";
const SANNE: &str = "medewerker-sanne";

fn session_cookie(b: &crate::support::Browser<'_>) -> Option<String> {
    b.cookies.get("loket_session").cloned()
}

app_test!(a_resident_logs_in_with_digid_and_sees_their_overview, |app| {
    let mut b = app.browser();
    let done = b.login("resident", JAN, "midden").await;
    assert_eq!(done.status, 303);
    assert_eq!(done.header("location"), "/mijn");
    let set_cookie = done.header("set-cookie");
    assert!(set_cookie.contains("HttpOnly") && set_cookie.contains("SameSite=Lax"), "{set_cookie}");
    assert!(!set_cookie.contains("Secure"), "no Secure flag in local development");
    let page = b.get("/mijn").await;
    assert_eq!(page.status, 200, "{}", page.body);
    assert!(page.body.contains("Mijn overzicht"));
    assert!(page.body.contains("niveau Midden"));
    assert!(!page.body.contains("999993653"), "the BSN never appears on the overview");
});

app_test!(a_staff_member_logs_in_and_sees_the_workspace, |app| {
    let mut b = app.browser();
    let done = b.login("staff", SANNE, "").await;
    assert_eq!(done.header("location"), "/staff");
    let page = b.get("/staff").await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("Sanne de Vries") && page.body.contains("KCC-medewerker"), "{}", page.body);
});

app_test!(a_tampered_state_is_refused_and_leaves_no_session, |app| {
    let mut b = app.browser();
    let callback = b.login_until_callback("resident", JAN, "midden", "/mijn").await;
    let mut url = url::Url::parse(&callback).unwrap();
    let code = url.query_pairs().find(|(k, _)| k == "code").unwrap().1.into_owned();
    url.query_pairs_mut().clear().append_pair("code", &code).append_pair("state", "forged");
    let res = b.get(url.as_str()).await;
    assert_eq!(res.header("location"), "/inloggen?fout=status");
    assert_eq!(b.get("/mijn").await.status, 303, "not logged in");
});

app_test!(a_replayed_code_is_refused, |app| {
    let mut first = app.browser();
    let callback = first.login_until_callback("resident", JAN, "midden", "/mijn").await;
    assert_eq!(first.get(&callback).await.header("location"), "/mijn");
    let used_code = url::Url::parse(&callback).unwrap().query_pairs().find(|(k, _)| k == "code").unwrap().1.into_owned();

    // A second browser starts its own login, then presents the used code with its own state.
    let mut second = app.browser();
    let own = second.login_until_callback("resident", JAN, "midden", "/mijn").await;
    let own_state = url::Url::parse(&own).unwrap().query_pairs().find(|(k, _)| k == "state").unwrap().1.into_owned();
    let res = second.get(&format!("/auth/resident/callback?code={used_code}&state={own_state}")).await;
    assert_eq!(res.header("location"), "/inloggen?fout=aanbieder");
    assert_eq!(second.get("/mijn").await.status, 303);
});

app_test!(an_id_token_signed_with_an_unknown_key_is_refused, |app| {
    app.dev_idp.behaviour.lock().unwrap().sign_with_unknown_key = true;
    let mut b = app.browser();
    assert_eq!(b.login("resident", JAN, "midden").await.header("location"), "/inloggen?fout=token");
    assert_eq!(b.get("/mijn").await.status, 303);
});

app_test!(an_expired_id_token_is_refused, |app| {
    app.dev_idp.behaviour.lock().unwrap().token_lifetime_secs = -60;
    let mut b = app.browser();
    assert_eq!(b.login("resident", JAN, "midden").await.header("location"), "/inloggen?fout=token");
});

app_test!(a_login_without_a_bsn_claim_is_refused_and_stores_no_resident, |app| {
    app.dev_idp.behaviour.lock().unwrap().omit_bsn = true;
    let before = app::backend::db::resident::count(app.db()).await.unwrap();
    let mut b = app.browser();
    assert_eq!(b.login("resident", JAN, "midden").await.header("location"), "/inloggen?fout=bsn");
    assert_eq!(app::backend::db::resident::count(app.db()).await.unwrap(), before);
    let page = b.get("/inloggen?fout=bsn").await;
    assert!(page.body.contains("geen geldig burgerservicenummer"), "a clear explanation");
});

app_test!(a_new_session_id_is_issued_at_login, |app| {
    let mut b = app.browser();
    let callback = b.login_until_callback("resident", JAN, "midden", "/mijn").await;
    let before = session_cookie(&b).expect("the pending login lives in a session");
    b.get(&callback).await;
    let after = session_cookie(&b).expect("signed in");
    assert_ne!(before, after);
    // The planted (pre-login) id is worth nothing afterwards.
    let mut attacker = app.browser();
    attacker.cookies.insert("loket_session".into(), before);
    assert_eq!(attacker.get("/mijn").await.status, 303);
});

app_test!(fifteen_idle_minutes_end_the_session, |app| {
    let mut b = app.browser();
    b.login("resident", JAN, "midden").await;
    app.clock.advance(time::Duration::minutes(14));
    assert_eq!(b.get("/mijn").await.status, 200, "activity within 15 minutes keeps the session");
    app.clock.advance(time::Duration::minutes(14));
    assert_eq!(b.get("/mijn").await.status, 200);
    app.clock.advance(time::Duration::minutes(15));
    let res = b.get("/mijn").await;
    assert_eq!(res.header("location"), "/inloggen?next=/mijn&fout=verlopen");
    app.clock.advance(time::Duration::seconds(1));
    assert_eq!(b.get("/mijn").await.header("location"), "/inloggen?next=/mijn", "the session is gone, not only hidden");
});

app_test!(activity_is_written_to_the_session_once_a_minute_not_on_every_page, |app| {
    use tower_sessions::SessionStore;
    let mut b = app.browser();
    b.login("resident", JAN, "midden").await;
    let id: tower_sessions::session::Id = session_cookie(&b).expect("a session").parse().expect("a session id");
    let last_seen = || async {
        let record = app.state.sessions.load(&id).await.unwrap().expect("stored");
        record.data["signed_in"]["last_seen_at"].as_i64().expect("last_seen_at")
    };
    let signed_in = last_seen().await;
    app.clock.advance(time::Duration::seconds(30));
    assert_eq!(b.get("/mijn").await.status, 200);
    assert_eq!(last_seen().await, signed_in, "a page within the minute writes nothing");
    app.clock.advance(time::Duration::seconds(40));
    assert_eq!(b.get("/mijn").await.status, 200);
    assert_eq!(last_seen().await, signed_in + 70, "a minute later the activity is recorded");
    // The idle limit counts from the recorded activity.
    app.clock.advance(time::Duration::seconds(59));
    assert_eq!(b.get("/mijn").await.status, 200);
    app.clock.advance(time::Duration::seconds(15 * 60 - 1));
    assert_eq!(b.get("/mijn").await.header("location"), "/inloggen?next=/mijn&fout=verlopen");
});

app_test!(no_session_outlives_twelve_hours_however_active, |app| {
    let mut b = app.browser();
    b.login("staff", SANNE, "").await;
    for _ in 0..(12 * 6 - 1) {
        app.clock.advance(time::Duration::minutes(10));
        assert_eq!(b.get("/staff").await.status, 200);
    }
    app.clock.advance(time::Duration::minutes(10));
    assert_eq!(b.get("/staff").await.header("location"), "/staff/inloggen?next=/staff&fout=verlopen");
});

app_test!(logout_ends_the_session_here_and_at_the_provider, |app| {
    let mut b = app.browser();
    b.login("resident", JAN, "midden").await;
    let res = b.post_form("/auth/logout", &[]).await;
    assert_eq!(res.status, 303);
    let provider = res.header("location").to_string();
    assert!(provider.starts_with(&format!("{}/dev-idp/logout?", app.base_url)), "{provider}");
    // The ID token (it carries the BSN) is not kept for a hint: the client id says who asks.
    assert!(provider.contains("client_id=loket") && !provider.contains("id_token_hint="), "{provider}");
    let back = b.get(&provider).await;
    assert_eq!(back.header("location"), format!("{}/uitgelogd", app.base_url));
    assert!(b.get("/uitgelogd").await.body.contains("Je bent uitgelogd"));
    assert_eq!(b.get("/mijn").await.status, 303);
});

app_test!(residents_never_open_staff_pages_and_staff_never_open_resident_pages, |app| {
    let mut resident = app.browser();
    resident.login("resident", JAN, "midden").await;
    assert_eq!(resident.get("/staff").await.header("location"), "/staff/inloggen?next=/staff");
    let mut staff = app.browser();
    staff.login("staff", SANNE, "").await;
    assert_eq!(staff.get("/mijn").await.header("location"), "/inloggen?next=/mijn");
    // The same wall holds for server functions.
    let api = |b: &mut crate::support::Browser<'_>| {
        let req = axum::http::Request::post("/api/my_details").header("accept", "application/json");
        (req, b.cookies.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join("; "))
    };
    let (req, cookie) = api(&mut staff);
    let res = app.request(&app.router, req.header("cookie", cookie).body(axum::body::Body::empty()).unwrap()).await;
    assert_eq!(res.status, 403, "{}", res.body);
    let anonymous = app.call("my_details", "").await;
    assert_eq!(anonymous.status, 401, "{}", anonymous.body);
});

app_test!(sensitive_details_ask_for_a_higher_level_of_assurance, |app| {
    let mut b = app.browser();
    b.login("resident", JAN, "midden").await;
    let page = b.get("/mijn/gegevens").await;
    assert!(page.body.contains("niveau Substantieel"), "the level in words: {}", page.body);
    assert!(page.body.contains("niveau=substantieel"), "the login link asks for the level by its code: {}", page.body);
    assert!(!page.body.contains("3653"));
    let mut strong = app.browser();
    strong.login("resident", JAN, "substantieel").await;
    let page = strong.get("/mijn/gegevens").await;
    assert!(page.body.contains("*****3653"), "{}", page.body);
});

app_test!(cross_site_posts_are_refused_and_change_nothing, |app| {
    let mut b = app.browser();
    b.login("resident", JAN, "midden").await;
    let res = b.post_form_from("/auth/logout", &[], "https://evil.example").await;
    assert_eq!(res.status, 403);
    assert_eq!(b.get("/mijn").await.status, 200, "still logged in");
});

async fn refused_below_minimum(kind: DbKind) {
    // Midden is the default: DigiD basis (a password alone) is not enough.
    let app = TestApp::new(kind).await;
    let mut b = app.browser();
    assert_eq!(b.login("resident", JAN, "basis").await.header("location"), "/inloggen?fout=niveau");
    assert_eq!(b.login("resident", JAN, "midden").await.header("location"), "/mijn");
}

#[tokio::test]
async fn a_login_below_the_minimum_level_is_refused_sqlite() {
    refused_below_minimum(DbKind::Sqlite).await;
}

#[tokio::test]
async fn a_login_below_the_minimum_level_is_refused_postgres() {
    refused_below_minimum(DbKind::Postgres).await;
}

#[tokio::test]
async fn login_attempts_are_rate_limited() {
    let app = TestApp::with_config(DbKind::Sqlite, |c| c.login_rate_per_minute = 3).await;
    let mut b = app.browser();
    for _ in 0..3 {
        assert_eq!(b.get("/auth/resident/login").await.status, 303);
    }
    assert_eq!(b.get("/auth/resident/login").await.header("location"), "/inloggen?fout=te-vaak");
}


app_test!(staying_active_reports_the_full_idle_time_again, |app| {
    let mut b = app.browser();
    b.login("resident", JAN, "midden").await;
    app.clock.advance(time::Duration::minutes(10));
    let cookie = b.cookies.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join("; ");
    let req = axum::http::Request::post("/api/extend_session")
        .header("accept", "application/json")
        .header("cookie", cookie)
        .body(axum::body::Body::empty())
        .unwrap();
    let res = app.request(&app.router, req).await;
    assert_eq!(res.status, 200, "{}", res.body);
    assert_eq!(res.body, "900", "15 minutes from now");
    let anonymous = app.call("extend_session", "").await;
    assert_eq!(anonymous.status, 401);
});

#[tokio::test]
async fn behind_a_load_balancer_one_client_cannot_exhaust_everybodys_login_bucket() {
    let app = TestApp::with_config(DbKind::Sqlite, |c| {
        c.login_rate_per_minute = 3;
        c.trusted_proxy_hops = 1;
    })
    .await;
    let from = |client: &str| vec![("x-forwarded-for", format!("9.9.9.9, {client}"))];
    for _ in 0..3 {
        let headers = from("203.0.113.7");
        let headers: Vec<(&str, &str)> = headers.iter().map(|(k, v)| (*k, v.as_str())).collect();
        assert_eq!(app.get_with("/auth/resident/login", &headers).await.status, 303);
    }
    let flooder = from("203.0.113.7");
    let flooder: Vec<(&str, &str)> = flooder.iter().map(|(k, v)| (*k, v.as_str())).collect();
    assert_eq!(app.get_with("/auth/resident/login", &flooder).await.header("location"), "/inloggen?fout=te-vaak");
    // Everybody else behind the same load balancer still logs in.
    let other = from("198.51.100.20");
    let other: Vec<(&str, &str)> = other.iter().map(|(k, v)| (*k, v.as_str())).collect();
    assert_eq!(app.get_with("/auth/resident/login", &other).await.status, 303);
}

app_test!(the_session_keeps_neither_the_id_token_nor_the_bsn, |app| {
    use tower_sessions::SessionStore;
    let mut b = app.browser();
    b.login("resident", JAN, "midden").await;
    let id: tower_sessions::session::Id = session_cookie(&b).expect("a session").parse().expect("a session id");
    let record = app.state.sessions.load(&id).await.unwrap().expect("stored");
    let stored = serde_json::to_string(&record.data).unwrap();
    assert!(stored.contains("signed_in"), "{stored}");
    assert!(!stored.contains("eyJ"), "no JWT (the ID token) in the session: {stored}");
    assert!(!stored.contains("999993653"), "no BSN in the session: {stored}");
});
