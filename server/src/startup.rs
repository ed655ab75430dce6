//! Builds the application: database, migrations, demo data, the router
//! with Leptos pages, server functions, static files and middleware.
//! `main` and the integration tests both start Loket through [`build`].

use std::{convert::Infallible, net::IpAddr, num::NonZeroU32, sync::Arc, time::Duration};

use anyhow::Context;
use app::backend::{
    self,
    auth::{
        oidc::{Provider, ProviderSettings},
        Auth, ClaimRules, SessionLimits,
    },
    channel::{smtp::Smtp, twilio::Twilio, whatsapp::WhatsApp, Channels, Outbound},
    clock::Clock,
    db::{session::Store, Db},
    service::notification::{Notifier, Sender},
    AppState,
};
use axum::{
    body::Body,
    extract::FromRef,
    http::{header, HeaderName, HeaderValue, Request},
    routing::{get, post},
    Router,
};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
use secrecy::ExposeSecret;
use tower_sessions::{cookie::SameSite, Expiry, SessionManagerLayer};
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
use crate::http::{auth, conversation, csrf, dev_idp, document, health, language, mail, sms, telephony, whatsapp};
use crate::telemetry::{self, Metrics};

/// Everything the router's handlers can extract.
#[derive(Clone)]
pub struct ServerState {
    pub leptos: LeptosOptions,
    pub app: AppState,
    pub metrics: Arc<Metrics>,
    /// Cookies carry `Secure` outside local development.
    pub secure_cookies: bool,
    pub public_url: Arc<str>,
    /// `scheme://host[:port]` of `public_url`, for the same-origin check.
    pub public_origin: Arc<str>,
    pub login_limiter: Arc<DefaultKeyedRateLimiter<IpAddr>>,
    /// The secrets providers sign their webhooks with.
    pub webhooks: Arc<crate::http::Webhooks>,
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
    /// Sessions; `main` runs its expiry sweep.
    pub session_store: Store,
    /// The development identity provider, when it runs.
    pub dev_idp: Option<Arc<dev_idp::DevIdp>>,
    /// Delivers queued notices; `main` runs it, tests call its rounds.
    pub notifier: Arc<Notifier>,
}

/// A message with its largest attachments, and the form around them.
const MESSAGE_BODY_LIMIT: usize =
    backend::service::conversation::MAX_ATTACHMENTS * backend::service::document::MAX_BYTES + 256 * 1024;

const REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// Outbound channels from configuration: e-mail when `smtp_url` is set,
/// WhatsApp with a phone number id and access token, SMS with Twilio's
/// account, token and sender. A channel without them refuses, visibly.
pub fn outbound(config: &Config) -> anyhow::Result<Arc<dyn Outbound>> {
    let mut channels = Channels::default();
    if let Some(whatsapp) = whatsapp(config) {
        channels.whatsapp = Some(Box::new(whatsapp));
    }
    if let Some(url) = &config.smtp_url {
        let smtp = Smtp::new(url.expose_secret(), &config.mail_from, config.mail_reply_to.as_deref())
            .context("LOKET_SMTP_URL / LOKET_MAIL_FROM / LOKET_MAIL_REPLY_TO")?;
        channels.email = Some(Box::new(smtp));
    }
    if let (Some(sid), Some(token), Some(from)) = (&config.twilio_account_sid, &config.twilio_auth_token, &config.twilio_from) {
        let status_callback = format!("{}{}", config.public_url.trim_end_matches('/'), crate::http::sms::STATUS_PATH);
        channels.sms = Some(Box::new(Twilio::new(&config.twilio_api_url, sid, token.expose_secret(), from, &status_callback)));
    }
    Ok(Arc::new(channels))
}

/// The WhatsApp Cloud API client, when a phone number id and access token are configured.
pub fn whatsapp(config: &Config) -> Option<Arc<WhatsApp>> {
    let (Some(number), Some(token)) = (&config.whatsapp_phone_number_id, &config.whatsapp_access_token) else { return None };
    Some(Arc::new(WhatsApp::new(&config.whatsapp_api_url, number, token.expose_secret(), &config.whatsapp_template, &config.whatsapp_template_language)))
}

pub async fn build(config: &Config, clock: Arc<dyn Clock>) -> anyhow::Result<Loket> {
    let outbound = outbound(config)?;
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
    if config.environment == Environment::Production && config.dev_idp {
        anyhow::bail!(
            "the development identity provider cannot run in production: set LOKET_DEV_IDP=false and configure LOKET_RESIDENT_ISSUER and LOKET_STAFF_ISSUER"
        );
    }
    let auth = Arc::new(build_auth(config)?);
    let dev_idp = config.dev_idp.then(|| {
        let public = config.public_url.trim_end_matches('/');
        Arc::new(dev_idp::DevIdp::new(
            config.dev_idp_issuer(),
            vec![
                dev_idp::Client { client_id: config.resident_client_id.clone(), redirect_uri: format!("{public}/auth/resident/callback"), staff: false },
                dev_idp::Client { client_id: config.staff_client_id.clone(), redirect_uri: format!("{public}/auth/staff/callback"), staff: true },
            ],
            config.bsn_claim.clone(),
            config.loa_claim.clone(),
            config.staff_roles_claim.clone(),
            clock.clone(),
        ))
    });
    let session_store = Store::new(&db);
    let documents = Arc::new(backend::storage::LocalDisk::new(&config.documents_dir));
    let delivery = Arc::new(tokio::sync::Notify::new());
    let sender = Sender { municipality: municipality.name.clone(), public_url: config.public_url.clone() };
    let notifier = Arc::new(Notifier::new(db.clone(), clock.clone(), outbound.clone(), sender, delivery.clone()));
    let live = backend::live::Live::start(db.clone()).await.context("listening for live updates")?;
    let relocations = Arc::new(tokio::sync::Notify::new());
    let app_state = AppState { db, clock, outbound, auth, documents, municipality: Arc::new(municipality), delivery, live, relocations, public_url: config.public_url.as_str().into() };
    build_with_state(config, app_state, session_store, dev_idp, notifier)
}

/// The two providers and the login rules, from configuration.
fn build_auth(config: &Config) -> anyhow::Result<Auth> {
    let public = config.public_url.trim_end_matches('/');
    let issuer = |configured: &Option<String>, name: &str| -> anyhow::Result<String> {
        match configured.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
            Some(issuer) => Ok(issuer.to_string()),
            None if config.dev_idp => Ok(config.dev_idp_issuer()),
            None => anyhow::bail!("{name} is required when the development identity provider is off"),
        }
    };
    let scopes = |s: &str| s.split_whitespace().filter(|s| *s != "openid").map(str::to_string).collect::<Vec<_>>();
    let resident = Provider::new(ProviderSettings {
        issuer: issuer(&config.resident_issuer, "LOKET_RESIDENT_ISSUER")?,
        client_id: config.resident_client_id.clone(),
        client_secret: config.resident_client_secret.as_ref().map(|s| s.expose_secret().to_string()),
        redirect_url: format!("{public}/auth/resident/callback"),
        scopes: scopes(&config.resident_scopes),
    })?;
    let staff = Provider::new(ProviderSettings {
        issuer: issuer(&config.staff_issuer, "LOKET_STAFF_ISSUER")?,
        client_id: config.staff_client_id.clone(),
        client_secret: config.staff_client_secret.as_ref().map(|s| s.expose_secret().to_string()),
        redirect_url: format!("{public}/auth/staff/callback"),
        scopes: scopes(&config.staff_scopes),
    })?;
    Ok(Auth {
        resident,
        staff,
        rules: ClaimRules {
            bsn_claim: config.bsn_claim.clone(),
            loa_claim: config.loa_claim.clone(),
            min_loa: config.min_loa,
            sensitive_loa: config.sensitive_loa,
            roles_claim: config.staff_roles_claim.clone(),
            name_claim: config.staff_name_claim.clone(),
        },
        limits: SessionLimits {
            idle: Duration::from_secs(config.session_idle_minutes * 60),
            absolute: Duration::from_secs(config.session_max_hours * 3600),
            warn_before: Duration::from_secs(120),
        },
    })
}

fn build_with_state(
    config: &Config,
    app: AppState,
    session_store: Store,
    dev_idp: Option<Arc<dev_idp::DevIdp>>,
    notifier: Arc<Notifier>,
) -> anyhow::Result<Loket> {
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
        public_url: config.public_url.as_str().into(),
        public_origin: config.public_origin().into(),
        login_limiter: Arc::new(RateLimiter::keyed(Quota::per_minute(
            NonZeroU32::new(config.login_rate_per_minute.max(1)).expect("at least 1"),
        ))),
        webhooks: Arc::new(crate::http::Webhooks::from_config(config)),
    };
    let sessions = SessionManagerLayer::new(session_store.clone())
        .with_name("loket_session")
        .with_http_only(true)
        .with_same_site(SameSite::Lax)
        .with_secure(state.secure_cookies)
        .with_path("/")
        // A backstop for storage clean-up; Loket's own clock decides idle and absolute expiry.
        .with_expiry(Expiry::OnInactivity(time::Duration::seconds(app.auth.limits.absolute.as_secs() as i64)));

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
    // Pages and actions that need to know who is asking: only these read
    // (and, as activity, write) the session; static files and probes do not.
    let personal = Router::new()
        .route("/auth/{audience}/login", get(auth::start))
        .route("/auth/{audience}/callback", get(auth::callback))
        .route("/auth/logout", post(auth::logout))
        .route(
            "/mijn/zaken/{case}/documenten",
            post(document::upload).layer(axum::extract::DefaultBodyLimit::max(backend::service::document::MAX_BYTES + 256 * 1024)),
        )
        .route("/mijn/zaken/{case}/documenten/{document}", get(document::download))
        .route(
            "/staff/zaken/{case}/documenten",
            post(document::staff_upload).layer(axum::extract::DefaultBodyLimit::max(backend::service::document::MAX_BYTES + 256 * 1024)),
        )
        .route(
            "/mijn/berichten",
            post(conversation::ask).layer(axum::extract::DefaultBodyLimit::max(MESSAGE_BODY_LIMIT)),
        )
        .route(
            "/mijn/berichten/{id}",
            post(conversation::reply).layer(axum::extract::DefaultBodyLimit::max(MESSAGE_BODY_LIMIT)),
        )
        .route("/mijn/berichten/{id}/live", get(conversation::resident_live))
        .route("/mijn/terugbellen/live", get(conversation::resident_callbacks_live))
        .route("/mijn/berichten/overnemen/{token}", get(conversation::take_over))
        .route("/mijn/berichten/{id}/bijlagen/{attachment}", get(conversation::resident_attachment))
        .route("/staff/gesprekken/{id}/live", get(conversation::staff_live))
        .route("/staff/gesprekken/{id}/bijlagen/{attachment}", get(conversation::staff_attachment))
        .leptos_routes_with_context(&state, routes, context, render_shell)
        .layer(axum::middleware::from_fn_with_state(state.clone(), auth::current_user))
        .layer(sessions);
    // Providers' webhooks: no session, no cookies; each checks its signature.
    let webhooks = Router::new()
        .route(whatsapp::PATH, get(whatsapp::handshake).post(whatsapp::deliver))
        .route(sms::INBOUND_PATH, post(sms::inbound))
        .route(sms::STATUS_PATH, post(sms::status))
        .route(telephony::PATH, post(telephony::event))
        .route(mail::PATH, post(mail::inbound).layer(axum::extract::DefaultBodyLimit::max(backend::channel::mail::MAX_BYTES)));
    let mut router = Router::new()
        .route("/healthz", get(health::live))
        .route("/readyz", get(health::ready))
        .route("/taal", get(language::switch))
        .merge(personal)
        .merge(webhooks)
        .nest_service("/pkg", pkg)
        .fallback_service(assets);
    if let Some(idp) = &dev_idp {
        router = router.nest(
            "/dev-idp",
            Router::new()
                .route("/.well-known/openid-configuration", get(dev_idp::discovery))
                .route("/jwks", get(dev_idp::jwks))
                .route("/authorize", get(dev_idp::authorize).post(dev_idp::consent))
                .route("/token", post(dev_idp::token))
                .route("/logout", get(dev_idp::logout))
                .with_state(idp.clone()),
        );
    }
    let router = router
        .layer(axum::middleware::from_fn_with_state(state.clone(), csrf::same_origin))
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

    Ok(Loket { router, metrics_router, state, session_store, dev_idp, notifier })
}

/// Acts on queued address changes until `shutdown` resolves: at once when
/// one is queued on this node, otherwise every `interval` (another node
/// may have queued it).
pub async fn run_relocations(app: AppState, interval: Duration, shutdown: impl std::future::Future<Output = ()>) {
    tokio::pin!(shutdown);
    loop {
        if let Err(error) = backend::service::consent::process_relocations(&app.db, app.clock.now()).await {
            tracing::warn!(error = %backend::error::error_chain(&error), "relocation round failed");
        }
        tokio::select! {
            _ = &mut shutdown => return,
            _ = app.relocations.notified() => {}
            _ = tokio::time::sleep(interval) => {}
        }
    }
}

/// Takes the reminder and escalation steps of callback requests that are
/// due, every `interval`, until `shutdown` resolves. Every node runs one;
/// each step is taken by exactly one of them.
pub async fn run_callback_reminders(app: AppState, interval: Duration, shutdown: impl std::future::Future<Output = ()>) {
    tokio::pin!(shutdown);
    let calendar = backend::calendar::Calendar::default();
    loop {
        match backend::service::callback::remind_due(&app.db, &calendar, &app.public_url, app.clock.now()).await {
            Ok(round) if round.reminders + round.escalations > 0 => app.delivery.notify_one(),
            Ok(_) => {}
            Err(error) => tracing::warn!(error = %backend::error::error_chain(&error), "callback reminder round failed"),
        }
        tokio::select! {
            _ = &mut shutdown => return,
            _ = tokio::time::sleep(interval) => {}
        }
    }
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
