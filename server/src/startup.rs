//! Builds the application: database, migrations, demo data, the router
//! with Leptos pages, server functions, static files and middleware.
//! `main` and the integration tests both start Loket through [`build`].

use std::{convert::Infallible, future::Future, sync::Arc, time::Duration};

use anyhow::Context;
use app::backend::{
    self,
    auth::{
        oidc::{Provider, ProviderSettings},
        Auth, ClaimRules, SessionLimits,
    },
    clock::Clock,
    db::{session::Store, Db},
    jobs::{self, Schedule},
    service::notice::{Outbox, Sender},
    AppState,
};
use axum::{
    body::Body,
    http::{header, HeaderName, HeaderValue, Request},
    routing::get,
    Router,
};
use secrecy::ExposeSecret;
use tower_sessions::{cookie::SameSite, Expiry, SessionManagerLayer};
use leptos::prelude::*;
use leptos_axum::{generate_route_list, AxumRouteListing, LeptosRoutes};
use tower::ServiceBuilder;
use tower_http::{
    request_id::{MakeRequestUuid, PropagateRequestIdLayer, RequestId, SetRequestIdLayer},
    services::ServeDir,
    set_header::SetResponseHeaderLayer,
    trace::TraceLayer,
};

use crate::config::{Config, Environment, PaymentProviderKind};
#[cfg(feature = "dev-idp")]
use crate::http::dev_idp;
use crate::http::{appointment, auth, compression, payment, conversation, csrf, data_export, document, health, klantinteracties, language, mail, processing_log, provisioning, rate_limit, sms, statistics, telephony, webhook, whatsapp, workload, zgw};
use crate::state::{ServerState, Webhooks};
use crate::telemetry::{self, Metrics};

/// A built application: the public router, the metrics router and the shared state.
pub struct Loket {
    pub router: Router,
    pub metrics_router: Router,
    pub state: ServerState,
    /// Sessions; `main` runs its expiry sweep.
    pub session_store: Store,
    /// The development identity provider, when it runs.
    #[cfg(feature = "dev-idp")]
    pub dev_idp: Option<Arc<dev_idp::DevIdp>>,
    /// Delivers queued notices; `main` runs it as a job, tests call its rounds.
    pub outbox: Arc<Outbox>,
}

const REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// No page of Loket uses the camera, microphone, location, payment or other device features.
const PERMISSIONS_POLICY: &str = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), bluetooth=()";

pub async fn build(config: &Config, clock: Arc<dyn Clock>) -> anyhow::Result<Loket> {
    refuse_unsafe(config)?;
    let outbound = crate::channels::outbound(config)?;
    let db = Db::connect(config.database_url(), config.database_max_connections)
        .await
        .context("opening the database")?;
    db.migrate().await.context("applying migrations")?;
    let documents = document_storage(config)?;
    if config.seed_demo && backend::service::seed::demo(&db, clock.now()).await? {
        if config.seed_demo_contacts {
            backend::service::seed::contacts(&db, documents.as_ref(), clock.now()).await.context("seeding the demo's contacts")?;
        }
        tracing::info!("seeded the demo municipality");
    }
    let municipality = backend::service::municipality::current(&db).await.context(
        "no municipality is set up on this database: run `loket init <municipality.toml>` first (README, \"Installing\")",
    )?;
    let auth = Arc::new(build_auth(config)?);
    #[cfg(feature = "dev-idp")]
    let dev_idp = config.dev_idp.then(|| {
        let public = config.public_url.trim_end_matches('/');
        Arc::new(dev_idp::DevIdp::new(
            config.dev_idp_issuer(),
            vec![
                dev_idp::Client { client_id: config.resident_client_id.clone(), redirect_uri: format!("{public}/auth/resident/callback"), staff: false },
                dev_idp::Client { client_id: config.staff_client_id.clone(), redirect_uri: format!("{public}/auth/staff/callback"), staff: true },
            ],
            dev_idp::ClaimNames {
                bsn: config.bsn_claim.clone(),
                loa: config.loa_claim.clone(),
                roles: config.staff_roles_claim.clone(),
                teams: config.staff_teams_claim.clone(),
                clearance: config.staff_clearance_claim.clone(),
            },
            clock.clone(),
        ))
    });
    let session_store = Store::new(&db);
    let delivery = Arc::new(tokio::sync::Notify::new());
    let sender = Sender { municipality: municipality.name.clone(), public_url: config.public_url.clone() };
    let outbox = Arc::new(Outbox::new(db.clone(), clock.clone(), outbound.clone(), sender));
    let live = backend::live::Live::start(db.clone()).await.context("listening for live updates")?;
    let relocations = Arc::new(tokio::sync::Notify::new());
    let exports = Arc::new(tokio::sync::Notify::new());
    let agenda = Arc::new(backend::agenda::LocalAgenda { db: db.clone(), calendar: backend::calendar::Calendar::default() });
    let payments: Option<Arc<dyn backend::payment::PaymentProvider>> = match config.payment_provider {
        PaymentProviderKind::None => None,
        PaymentProviderKind::Test => Some(Arc::new(backend::payment::TestProvider { db: db.clone() })),
    };
    let case_sync = config.case_sync()?.map(Arc::new);
    let publisher = config.publisher(case_sync.as_deref())?.map(Arc::new);
    let fetch_cases = Arc::new(tokio::sync::Notify::new());
    let klantinteracties = backend::service::klantinteracties::clients(&db, &config.klantinteracties_clients()?, clock.now())
        .await
        .context("the Klantinteracties API's service accounts")?;
    let app_state = AppState {
        db,
        clock,
        outbound,
        auth,
        documents,
        agenda,
        payments,
        municipality: Arc::new(municipality),
        delivery,
        live,
        relocations,
        exports,
        case_sync,
        fetch_cases,
        publisher,
        public_url: config.public_url.as_str().into(),
        routing: Arc::default(),
    };
    #[cfg(feature = "dev-idp")]
    {
        let routes = dev_idp.as_ref().map(|idp| Router::new().nest("/dev-idp", dev_idp::routes(idp.clone())));
        let mut loket = build_with_state(config, app_state, session_store, outbox, routes, klantinteracties)?;
        loket.dev_idp = dev_idp;
        Ok(loket)
    }
    #[cfg(not(feature = "dev-idp"))]
    build_with_state(config, app_state, session_store, outbox, None, klantinteracties)
}

/// Development conveniences are asked for, never the default: production
/// refuses them, and a build without the `dev-idp` feature has no
/// development provider to run.
/// Where document contents are kept: the directory, or the object store.
fn document_storage(config: &Config) -> anyhow::Result<Arc<dyn backend::storage::DocumentStorage>> {
    use backend::storage::{LocalDisk, ObjectStorage, S3Settings};
    Ok(match config.documents_store {
        crate::config::DocumentsStore::Local => Arc::new(LocalDisk::new(&config.documents_dir)),
        crate::config::DocumentsStore::S3 => Arc::new(
            ObjectStorage::s3(&S3Settings {
                endpoint: &config.s3_endpoint,
                bucket: &config.s3_bucket,
                region: &config.s3_region,
                access_key_id: config.s3_access_key_id.as_deref(),
                secret_access_key: config.s3_secret_access_key.as_ref().map(|s| s.expose_secret()),
                allow_http: config.s3_allow_http,
            })
            .context("configuring the S3 document store (LOKET_S3_*)")?,
        ),
    })
}

/// Whether the address names this machine (plain HTTP to it stays on it).
fn on_this_machine(endpoint: &str) -> bool {
    let host = endpoint.strip_prefix("http://").unwrap_or("").split(['/', ':']).next().unwrap_or("");
    matches!(host, "127.0.0.1" | "localhost") || endpoint.starts_with("http://[::1]")
}

fn refuse_unsafe(config: &Config) -> anyhow::Result<()> {
    if config.environment == Environment::Production && config.s3_allow_http && !on_this_machine(&config.s3_endpoint) {
        anyhow::bail!("documents would travel unencrypted: in production LOKET_S3_ALLOW_HTTP is only for a store on this machine (http://127.0.0.1:...); use https");
    }
    if config.environment == Environment::Production && config.dev_idp {
        anyhow::bail!(
            "the development identity provider cannot run in production: set LOKET_DEV_IDP=false and configure LOKET_RESIDENT_ISSUER and LOKET_STAFF_ISSUER"
        );
    }
    if config.environment == Environment::Production && config.seed_demo {
        anyhow::bail!("the demo municipality cannot be created in production: set LOKET_SEED_DEMO=false and run `loket init <municipality.toml>`");
    }
    if config.environment == Environment::Production && config.payment_provider == PaymentProviderKind::Test {
        anyhow::bail!("the test payment provider cannot run in production: set LOKET_PAYMENT_PROVIDER=none");
    }
    if config.dev_idp && !cfg!(feature = "dev-idp") {
        anyhow::bail!("this build has no development identity provider: build with `--features dev-idp` (script/run does) or configure LOKET_RESIDENT_ISSUER and LOKET_STAFF_ISSUER");
    }
    Ok(())
}

/// The route table of the Leptos app, generated once per process.
///
/// Generating it renders the app while leptos_server suppresses resource
/// loads, and that suppression is one flag for the whole process: a
/// resource created on any thread meanwhile never loads, so its page waits
/// forever. Generated once, before any app of this process serves, no page
/// can be rendered during it (this was the stall of the integration tests,
/// which start apps while other tests render pages).
fn route_list() -> Vec<AxumRouteListing> {
    static ROUTES: std::sync::OnceLock<Vec<AxumRouteListing>> = std::sync::OnceLock::new();
    ROUTES.get_or_init(|| generate_route_list(app::App)).clone()
}

/// The paths of every page in the route table (`/mijn/zaken/:id` style).
pub fn page_paths() -> Vec<String> {
    route_list().iter().map(|r| r.path().to_string()).collect()
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
            role_map: config.staff_role_map()?,
            teams_claim: config.staff_teams_claim.clone(),
            clearance_claim: config.staff_clearance_claim.clone(),
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
    outbox: Arc<Outbox>,
    development: Option<Router<ServerState>>,
    klantinteracties: backend::service::klantinteracties::Clients,
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
        production: config.environment == Environment::Production,
        public_url: config.public_url.as_str().into(),
        public_origin: config.public_origin().into(),
        login_limiter: Arc::new(rate_limit::per_minute(config.login_rate_per_minute)),
        webhooks: Arc::new(Webhooks::from_config(config, crate::channels::whatsapp(config))),
        webhook_limiter: Arc::new(rate_limit::per_minute(config.webhook_rate_per_minute)),
        klantinteracties: Arc::new(klantinteracties),
        trusted_proxy_hops: config.trusted_proxy_hops,
        sessions: session_store.clone(),
        live_streams: Default::default(),
        live_check: Duration::from_secs(config.live_check_seconds.max(1)),
        message_limiter: Arc::new(rate_limit::per_minute(config.message_rate_per_minute)),
    };
    let sessions = SessionManagerLayer::new(session_store.clone())
        // In production the `__Host-` prefix: the browser keeps it only when
        // set over HTTPS for this exact host, so no subdomain can plant one.
        .with_name(if state.production { "__Host-loket_session" } else { "loket_session" })
        .with_http_only(true)
        .with_same_site(SameSite::Lax)
        .with_secure(state.production)
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

    let routes = route_list();
    // Pages and actions that need to know who is asking: only these read
    // (and, as activity, write) the session; static files and probes do not.
    let personal = Router::new()
        .merge(auth::routes())
        .merge(document::routes())
        .merge(appointment::routes())
        .merge(data_export::routes())
        .merge(conversation::routes())
        .merge(workload::routes())
        .merge(processing_log::routes())
        .merge(statistics::routes())
        .leptos_routes_with_context(&state, routes, context, render_shell)
        .layer(axum::middleware::from_fn_with_state(state.clone(), auth::current_user))
        .layer(sessions)
        .layer(compression::layer())
        .layer(axum::middleware::from_fn(compression::same_site_only));
    // Providers' webhooks: no session, no cookies; each checks its signature.
    let webhooks = Router::new()
        .merge(whatsapp::routes())
        .merge(sms::routes())
        .merge(telephony::routes())
        .merge(mail::routes())
        .merge(provisioning::routes())
        .merge(payment::webhook_routes())
        .merge(zgw::routes())
        .layer(axum::middleware::from_fn_with_state(state.clone(), webhook::guard));
    // The local test provider's checkout page, only when it is the provider.
    let test_payments = match config.payment_provider {
        PaymentProviderKind::Test => payment::test_provider_routes(),
        PaymentProviderKind::None => Router::new(),
    };
    let router = Router::new()
        .merge(development.unwrap_or_default())
        .merge(health::routes())
        .merge(language::routes())
        .merge(personal)
        .merge(webhooks)
        .merge(klantinteracties::routes())
        .merge(test_payments)
        .nest_service("/pkg", pkg)
        .fallback_service(assets);
    let router = router
        .layer(axum::middleware::from_fn_with_state(state.clone(), csrf::same_origin))
        .layer(axum::middleware::from_fn_with_state(state.metrics.clone(), telemetry::track))
        .layer(
            ServiceBuilder::new()
                .layer(SetRequestIdLayer::new(REQUEST_ID, MakeRequestUuid))
                .layer(TraceLayer::new_for_http().make_span_with(|req: &Request<Body>| {
                    let request_id = req.extensions().get::<RequestId>().and_then(|id| id.header_value().to_str().ok()).unwrap_or("-");
                    tracing::info_span!("request", method = %req.method(), path = telemetry::loggable_path(req.uri().path()), request.id = request_id)
                }))
                .layer(PropagateRequestIdLayer::new(REQUEST_ID))
                // Pages may show personal data: never cache them unless a handler said otherwise.
                .layer(SetResponseHeaderLayer::if_not_present(header::CACHE_CONTROL, HeaderValue::from_static("no-store")))
                .layer(SetResponseHeaderLayer::overriding(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff")))
                .layer(SetResponseHeaderLayer::overriding(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY")))
                .layer(SetResponseHeaderLayer::overriding(header::REFERRER_POLICY, HeaderValue::from_static("same-origin")))
                // Pages set their own policy with the response's nonce; everything else gets the strict one.
                .layer(SetResponseHeaderLayer::if_not_present(
                    header::CONTENT_SECURITY_POLICY,
                    HeaderValue::from_str(&app::shell::content_security_policy(None)).context("the Content-Security-Policy")?,
                ))
                .layer(SetResponseHeaderLayer::overriding(HeaderName::from_static("permissions-policy"), HeaderValue::from_static(PERMISSIONS_POLICY)))
                .option_layer(state.production.then(|| {
                    SetResponseHeaderLayer::overriding(header::STRICT_TRANSPORT_SECURITY, HeaderValue::from_static("max-age=31536000; includeSubDomains"))
                })),
        )
        .with_state(state.clone());

    let metrics_router = Router::new()
        .route("/metrics", get(telemetry::metrics_endpoint))
        .with_state(state.metrics.clone());

    Ok(Loket {
        router,
        metrics_router,
        state,
        session_store,
        #[cfg(feature = "dev-idp")]
        dev_idp: None,
        outbox,
    })
}

/// Starts every background job of this node; each stops when `shutdown` resolves.
pub fn spawn_jobs<F>(loket: &Loket, interval: Duration, shutdown: impl Fn() -> F) -> Vec<tokio::task::JoinHandle<()>>
where
    F: Future<Output = ()> + Send + 'static,
{
    let app = &loket.state.app;
    let every = |wake: Option<Arc<tokio::sync::Notify>>| Schedule { interval, wake };
    let mut work: Vec<(Arc<dyn jobs::Job>, Schedule)> = vec![
        (Arc::new(jobs::notice_delivery::NoticeDelivery(loket.outbox.clone())), every(Some(app.delivery.clone()))),
        (Arc::new(jobs::relocation::Relocation(app.clone())), every(Some(app.relocations.clone()))),
        (Arc::new(jobs::callback_reminder::CallbackReminder(app.clone())), every(None)),
        (Arc::new(jobs::session_sweep::SessionSweep(loket.session_store.clone())), Schedule { interval: SESSION_SWEEP, wake: None }),
        (Arc::new(jobs::orphan_sweep::OrphanSweep(app.clone())), Schedule { interval: ORPHAN_SWEEP, wake: None }),
        (Arc::new(jobs::data_export::DataExport(app.clone())), every(Some(app.exports.clone()))),
        (Arc::new(jobs::retention::Retention(app.clone())), Schedule { interval: RETENTION_CHECK, wake: None }),
        (Arc::new(jobs::todo_reminder::TodoReminder(app.clone())), every(None)),
        (Arc::new(jobs::statistics::Statistics(app.clone())), every(None)),
    ];
    work.push((Arc::new(jobs::publication::Publish::new(app.clone(), app.publisher.clone())), every(None)));
    if let Some(sync) = &app.case_sync {
        let job = jobs::case_sync::FetchCases::new(app.clone(), sync.clone());
        work.push((Arc::new(job), Schedule { interval: interval.min(backend::service::case_sync::ROUND), wake: Some(app.fetch_cases.clone()) }));
    }
    work.into_iter().map(|(job, schedule)| tokio::spawn(jobs::run(job, schedule, shutdown()))).collect()
}

/// How often a node checks whether today's retention run is still to do.
const RETENTION_CHECK: Duration = Duration::from_secs(3600);

/// How often expired sessions are removed.
const SESSION_SWEEP: Duration = Duration::from_secs(300);

/// How often stored files without a record are looked for.
const ORPHAN_SWEEP: Duration = Duration::from_secs(6 * 3600);

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
