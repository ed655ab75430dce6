//! `ServerState`: everything the router's handlers can extract, built
//! once by [`crate::startup`]; the webhook secrets are part of it.

use std::{net::IpAddr, sync::Arc};

use app::backend::AppState;
use axum::extract::FromRef;
use governor::DefaultKeyedRateLimiter;
use leptos::prelude::LeptosOptions;

use crate::telemetry::Metrics;

/// Everything the router's handlers can extract.
#[derive(Clone)]
pub struct ServerState {
    pub leptos: LeptosOptions,
    pub app: AppState,
    pub metrics: Arc<Metrics>,
    /// In production: cookies are `Secure` (the session one `__Host-`), and HSTS is sent.
    pub production: bool,
    pub public_url: Arc<str>,
    /// `scheme://host[:port]` of `public_url`, for the same-origin check.
    pub public_origin: Arc<str>,
    pub login_limiter: Arc<DefaultKeyedRateLimiter<IpAddr>>,
    /// How many proxies in front of Loket append to `X-Forwarded-For`.
    pub trusted_proxy_hops: u32,
    /// Sessions, for live streams to check theirs still counts.
    pub sessions: app::backend::db::session::Store,
    /// Live streams held per session on this node.
    pub live_streams: crate::http::live_slot::Counts,
    /// How often a live stream checks its session.
    pub live_check: std::time::Duration,
    /// Messages a resident may post per minute.
    pub message_limiter: Arc<DefaultKeyedRateLimiter<app::model::ids::ResidentId>>,
    /// The secrets providers sign their webhooks with.
    pub webhooks: Arc<Webhooks>,
    /// Who may read the Klantinteracties API.
    pub klantinteracties: Arc<app::backend::service::klantinteracties::Clients>,
    /// Deliveries per provider and minute.
    pub webhook_limiter: Arc<DefaultKeyedRateLimiter<&'static str>>,
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

/// The secrets each provider signs its webhooks with; a provider without
/// one configured gets every delivery refused.
pub struct Webhooks {
    pub whatsapp_app_secret: Option<secrecy::SecretString>,
    pub whatsapp_verify_token: Option<secrecy::SecretString>,
    pub twilio_auth_token: Option<secrecy::SecretString>,
    pub mail_secret: Option<secrecy::SecretString>,
    /// The name the municipality's mail gateway gives itself in the
    /// `Authentication-Results` it adds (RFC 8601).
    pub mail_authserv_id: Option<String>,
    pub telephony_secret: Option<secrecy::SecretString>,
    /// The staff provider's provisioning presents this as a bearer token.
    pub staff_provisioning_token: Option<secrecy::SecretString>,
    /// Fetches the files of inbound WhatsApp media.
    pub whatsapp: Option<std::sync::Arc<app::backend::channel::whatsapp::WhatsApp>>,
}

impl Webhooks {
    pub fn from_config(config: &crate::config::Config, whatsapp: Option<std::sync::Arc<app::backend::channel::whatsapp::WhatsApp>>) -> Webhooks {
        Webhooks {
            whatsapp_app_secret: config.whatsapp_app_secret.clone(),
            whatsapp_verify_token: config.whatsapp_verify_token.clone(),
            twilio_auth_token: config.twilio_auth_token.clone(),
            mail_secret: config.mail_webhook_secret.clone(),
            mail_authserv_id: config.mail_authserv_id.clone(),
            telephony_secret: config.telephony_webhook_secret.clone(),
            staff_provisioning_token: config.staff_provisioning_token.clone(),
            whatsapp,
        }
    }
}

