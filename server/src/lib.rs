//! Loket's server: configuration, start-up and the plain HTTP handlers
//! that live outside Leptos (health, metrics, language switch). `main.rs`
//! and the integration tests build the application through [`startup`],
//! so tests run exactly what production runs.

pub mod config;
pub mod http;
pub mod channels;
pub mod startup;
pub mod state;
pub mod telemetry;
