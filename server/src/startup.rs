//! Builds the application: database, migrations, demo data, the router
//! with Leptos pages, server functions, static files and middleware.
//! `main` and the integration tests both start Loket through [`build`].

use std::{convert::Infallible, sync::Arc, time::Duration};

use anyhow::Context;
use app::backend::{self, channel::Outbound, clock::Clock, db::Db, AppState};
use axum::{
    body::Body,
    extract::FromRef,
    http::{header, HeaderName, HeaderValue, Request},
    routing::get,
    Router,
};
use leptos::prelude::*;
use leptos_axum::{generate_route_list, LeptosRoutes};
use tower::ServiceBuilder;
use tower_http::{
    request_id::{MakeRequestUuid, PropagateRequestIdLayer, RequestId, SetRequestIdLayer},
    services::ServeDir,
    set_header::SetResponseHeaderLayer,
    trace::TraceLayer,
};

use crate::config::{Config, Environment};
use crate::http::{health, language};
use crate::telemetry::{self, Metrics};

/// Everything the router's handlers can extract.
#[derive(Clone)]
pub struct ServerState {
    pub leptos: LeptosOptions,
    pub app: AppState,
    pub metrics: Arc<Metrics>,
    /// Cookies carry `Secure` outside local development.
    pub secure_cookies: bool,
}

impl FromRef<ServerState> for LeptosOptions {
    fn from_ref(s: &ServerState) -> Self {
        s.leptos.clone()
    }
}
impl FromRef<ServerState> for AppState {
    fn from_ref(s: &ServerState) -> Self {
        s.app.clone()
    }
}
impl FromRef<ServerState> for Arc<Metrics> {
    fn from_ref(s: &ServerState) -> Self {
        s.metrics.clone()
    }
}

/// A built application: the public router, the metrics router and the shared state.
pub struct Loket {
    pub router: Router,
    pub metrics_router: Router,
    pub state: ServerState,
}

const REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

pub async fn build(config: &Config, clock: Arc<dyn Clock>, outbound: Arc<dyn Outbound>) -> anyhow::Result<Loket> {
    let db = Db::connect(config.database_url(), config.database_max_connections)
        .await
        .context("opening the database")?;
    db.migrate().await.context("applying migrations")?;
    if config.seed_demo && backend::service::seed::demo(&db, clock.now()).await? {
        tracing::info!("seeded the demo municipality");
    }
    let municipality = backend::service::municipality::current(&db)
        .await
        .context("loading the municipality (set LOKET_SEED_DEMO=true on a fresh database)")?;
    let app_state = AppState { db, clock, outbound, municipality: Arc::new(municipality) };
    build_with_state(config, app_state)
}

fn build_with_state(config: &Config, app: AppState) -> anyhow::Result<Loket> {
    let leptos = LeptosOptions::builder()
        .output_name("loket")
        .site_root(config.site_root.as_str())
        .site_pkg_dir("pkg")
        .site_addr(config.listen)
        .hash_files(config.site_hash_files)
        .env(match config.environment {
            Environment::Development => leptos::config::Env::DEV,
            Environment::Production => leptos::config::Env::PROD,
        })
        .build();
    let state = ServerState {
        leptos: leptos.clone(),
        app: app.clone(),
        metrics: Arc::new(Metrics::default()),
        secure_cookies: config.environment == Environment::Production,
    };

    let context = {
        let app = app.clone();
        move || {
            provide_context(app.clone());
            provide_context((*app.municipality).clone());
        }
    };
    let render_shell = {
        let leptos = leptos.clone();
        move || app::shell(leptos.clone())
    };

    // Unknown paths: a static file if there is one, else the 404 page.
    let not_found = {
        let handler = leptos_axum::render_app_async_with_context(context.clone(), render_shell.clone());
        tower::service_fn(move |req: Request<Body>| {
            let handler = handler.clone();
            async move { Ok::<_, Infallible>(handler(req).await) }
        })
    };
    let site = std::path::Path::new(config.site_root.as_str());
    let assets = ServiceBuilder::new()
        .layer(SetResponseHeaderLayer::if_not_present(header::CACHE_CONTROL, HeaderValue::from_static("public, max-age=3600")))
        .service(ServeDir::new(site).precompressed_br().precompressed_gzip().fallback(not_found));
    // Hashed build output: a new build gets new names, so it may be cached forever.
    let pkg = ServiceBuilder::new()
        .layer(SetResponseHeaderLayer::overriding(
            header::CACHE_CONTROL,
            HeaderValue::from_static("public, max-age=31536000, immutable"),
        ))
        .service(ServeDir::new(site.join("pkg")).precompressed_br().precompressed_gzip());

    let routes = generate_route_list(app::App);
    let router = Router::new()
        .route("/healthz", get(health::live))
        .route("/readyz", get(health::ready))
        .route("/taal", get(language::switch))
        .leptos_routes_with_context(&state, routes, context, render_shell)
        .nest_service("/pkg", pkg)
        .fallback_service(assets)
        .layer(axum::middleware::from_fn_with_state(state.metrics.clone(), telemetry::track))
        .layer(
            ServiceBuilder::new()
                .layer(SetRequestIdLayer::new(REQUEST_ID, MakeRequestUuid))
                .layer(TraceLayer::new_for_http().make_span_with(|req: &Request<Body>| {
                    let request_id = req.extensions().get::<RequestId>().and_then(|id| id.header_value().to_str().ok()).unwrap_or("-");
                    tracing::info_span!("request", method = %req.method(), path = req.uri().path(), request.id = request_id)
                }))
                .layer(PropagateRequestIdLayer::new(REQUEST_ID))
                // Pages may show personal data: never cache them unless a handler said otherwise.
                .layer(SetResponseHeaderLayer::if_not_present(header::CACHE_CONTROL, HeaderValue::from_static("no-store")))
                .layer(SetResponseHeaderLayer::overriding(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff")))
                .layer(SetResponseHeaderLayer::overriding(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY")))
                .layer(SetResponseHeaderLayer::overriding(header::REFERRER_POLICY, HeaderValue::from_static("same-origin"))),
        )
        .with_state(state.clone());

    let metrics_router = Router::new()
        .route("/metrics", get(telemetry::metrics_endpoint))
        .with_state(state.metrics.clone());

    Ok(Loket { router, metrics_router, state })
}

/// Resolves when the process is asked to stop (SIGTERM or Ctrl-C).
pub async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = terminate => {},
    }
}

/// How long in-flight requests get to finish after a stop signal.
pub const SHUTDOWN_GRACE: Duration = Duration::from_secs(20);
