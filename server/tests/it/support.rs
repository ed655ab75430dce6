//! `TestApp`: Loket built exactly as `main` builds it, on a scratch
//! database, with a test clock and a recording outbound channel.

use std::sync::Arc;

use app::backend::{
    channel::Recording,
    clock::TestClock,
    db::{scratch::ScratchDb, DbKind},
};
use axum::{
    body::Body,
    http::{HeaderMap, Request, StatusCode},
    Router,
};
use http_body_util::BodyExt;
use server::{config::Config, startup};
use tower::ServiceExt;

pub struct TestApp {
    pub router: Router,
    pub metrics_router: Router,
    pub state: startup::ServerState,
    pub clock: Arc<TestClock>,
    pub outbound: Arc<Recording>,
    _scratch: ScratchDb,
}

pub struct TestResponse {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: String,
}

impl TestResponse {
    pub fn header(&self, name: &str) -> &str {
        self.headers.get(name).and_then(|v| v.to_str().ok()).unwrap_or("")
    }
}

impl TestApp {
    pub async fn new(kind: DbKind) -> TestApp {
        let scratch = match kind {
            DbKind::Sqlite => ScratchDb::sqlite().await,
            DbKind::Postgres => ScratchDb::postgres().await,
        };
        let mut config = Config::with_database(&scratch.url());
        config.site_hash_files = false;
        config.site_root = concat!(env!("CARGO_MANIFEST_DIR"), "/../public").into();
        let clock = Arc::new(TestClock::new(time::macros::datetime!(2026-11-23 09:00 UTC)));
        let outbound = Arc::new(Recording::default());
        let loket = startup::build(&config, clock.clone(), outbound.clone()).await.expect("build Loket");
        TestApp {
            router: loket.router,
            metrics_router: loket.metrics_router,
            state: loket.state,
            clock,
            outbound,
            _scratch: scratch,
        }
    }

    pub fn db(&self) -> &app::backend::db::Db {
        &self.state.app.db
    }

    pub async fn request(&self, router: &Router, req: Request<Body>) -> TestResponse {
        let res = router.clone().oneshot(req).await.expect("router never fails");
        let status = res.status();
        let headers = res.headers().clone();
        let bytes = res.into_body().collect().await.expect("read body").to_bytes();
        TestResponse { status, headers, body: String::from_utf8_lossy(&bytes).into_owned() }
    }

    pub async fn get(&self, path: &str) -> TestResponse {
        self.get_with(path, &[]).await
    }

    pub async fn get_with(&self, path: &str, headers: &[(&str, &str)]) -> TestResponse {
        let mut req = Request::get(path);
        for (name, value) in headers {
            req = req.header(*name, *value);
        }
        self.request(&self.router, req.body(Body::empty()).unwrap()).await
    }

    /// Calls a server function the way a browser with JavaScript does.
    pub async fn call(&self, endpoint: &str, form: &str) -> TestResponse {
        let req = Request::post(format!("/api/{endpoint}"))
            .header("content-type", "application/x-www-form-urlencoded")
            .header("accept", "application/json")
            .body(Body::from(form.to_string()))
            .unwrap();
        self.request(&self.router, req).await
    }
}

/// Writes an integration test once and runs it on SQLite and on PostgreSQL.
macro_rules! app_test {
    ($name:ident, |$app:ident| $body:block) => {
        mod $name {
            #[allow(unused_imports)]
            use super::*;

            #[tokio::test]
            async fn sqlite() {
                let $app = $crate::support::TestApp::new(app::backend::db::DbKind::Sqlite).await;
                $body
            }

            #[tokio::test]
            async fn postgres() {
                let $app = $crate::support::TestApp::new(app::backend::db::DbKind::Postgres).await;
                $body
            }
        }
    };
}
pub(crate) use app_test;
