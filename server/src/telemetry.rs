//! Logging setup and the HTTP metrics Prometheus scrapes.
//!
//! Logs never carry personal data or secrets: request spans record the
//! method, the path as [`loggable_path`] leaves it (ids stay, hand-over
//! tokens and anything else long or number-like become `*`) and the
//! request id, never query strings, bodies or headers.

use std::time::Instant;

use axum::{
    extract::{MatchedPath, Request, State},
    middleware::Next,
    response::{IntoResponse, Response},
};
use prometheus_client::{
    encoding::{text::encode, EncodeLabelSet},
    metrics::{counter::Counter, family::Family, histogram::Histogram},
    registry::Registry,
};
use tracing_subscriber::{fmt, layer::SubscriberExt, util::SubscriberInitExt, EnvFilter};

use crate::config::{Config, LogFormat};

/// Installs the global tracing subscriber (once, in `main`).
pub fn init_logging(config: &Config) {
    let filter = EnvFilter::try_new(&config.log_filter).unwrap_or_else(|_| EnvFilter::new("info"));
    let registry = tracing_subscriber::registry().with(filter);
    match config.log_format {
        LogFormat::Json => registry.with(fmt::layer().json().flatten_event(true).with_current_span(true)).init(),
        LogFormat::Pretty => registry.with(fmt::layer()).init(),
    }
}

/// A request path as logs may keep it: record ids (UUIDs) and words stay;
/// a segment that could be a token or a number about a person (32 hex
/// characters of a hand-over link, a BSN or phone number typed into an
/// address, anything long) becomes `*`.
pub fn loggable_path(path: &str) -> String {
    path.split('/')
        .map(|segment| {
            let uuid = uuid::Uuid::try_parse(segment).is_ok() && segment.len() == 36;
            let digits = segment.bytes().filter(u8::is_ascii_digit).count();
            if uuid || (segment.len() < 24 && digits < 6) { segment } else { "*" }
        })
        .collect::<Vec<_>>()
        .join("/")
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct RequestLabels {
    method: String,
    route: String,
    status: u16,
}

/// Request counts and latencies, in a registry owned by the application (no globals).
pub struct Metrics {
    registry: Registry,
    requests: Family<RequestLabels, Counter>,
    duration: Family<RequestLabels, Histogram>,
}

impl Default for Metrics {
    fn default() -> Self {
        let mut registry = Registry::with_prefix("loket");
        let requests = Family::<RequestLabels, Counter>::default();
        let duration = Family::<RequestLabels, Histogram>::new_with_constructor(|| {
            Histogram::new([0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5])
        });
        registry.register("http_requests", "HTTP requests answered", requests.clone());
        registry.register("http_request_duration_seconds", "Time to answer an HTTP request", duration.clone());
        Metrics { registry, requests, duration }
    }
}

impl Metrics {
    /// The Prometheus text exposition of everything registered.
    pub fn render(&self) -> String {
        let mut out = String::new();
        encode(&mut out, &self.registry).expect("writing to a String cannot fail");
        out
    }
}

/// Middleware: counts every request by method, matched route and status.
pub async fn track(State(metrics): State<std::sync::Arc<Metrics>>, req: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = req.method().to_string();
    let route = req
        .extensions()
        .get::<MatchedPath>()
        .map(|p| p.as_str().to_string())
        .unwrap_or_else(|| "unmatched".into());
    let response = next.run(req).await;
    let labels = RequestLabels { method, route, status: response.status().as_u16() };
    metrics.requests.get_or_create(&labels).inc();
    metrics.duration.get_or_create(&labels).observe(started.elapsed().as_secs_f64());
    response
}

/// `GET /metrics` on the metrics listener.
pub async fn metrics_endpoint(State(metrics): State<std::sync::Arc<Metrics>>) -> impl IntoResponse {
    (
        [(http::header::CONTENT_TYPE, "application/openmetrics-text; version=1.0.0; charset=utf-8")],
        metrics.render(),
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn request_logs_never_carry_a_handover_token_or_a_bsn() {
        let id = "0b7e3a52-5d6c-4f1e-9b1a-2f0c8e7d6a51";
        assert_eq!(super::loggable_path("/mijn/berichten/overnemen/5f2b9c0e8d7a4b6c9e1f3a2d4c6b8e0f"), "/mijn/berichten/overnemen/*");
        assert_eq!(super::loggable_path("/staff/inwoners/999993653"), "/staff/inwoners/*");
        assert_eq!(super::loggable_path("/x/+31612345678"), "/x/*");
        assert_eq!(super::loggable_path(&format!("/mijn/zaken/{id}/documenten")), format!("/mijn/zaken/{id}/documenten"));
        assert_eq!(super::loggable_path("/pkg/loket.css"), "/pkg/loket.css");
    }
}
