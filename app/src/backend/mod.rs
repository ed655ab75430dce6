//! SSR only: business rules, database access, outbound channels and the
//! clock. Never imports view code. Server functions in `api` and the
//! plain axum handlers in `server` call the same services.

pub mod agenda;
pub mod auth;
pub mod calendar;
pub mod channel;
pub mod clock;
pub mod csv;
pub mod db;
pub mod effect;
pub mod error;
pub mod jobs;
pub mod link_token;
pub mod live;
pub mod local_time;
pub mod payment;
pub mod service;
pub mod state;
pub mod storage;
pub mod zgw;

pub use error::Error;
pub use state::{AppState, state};
