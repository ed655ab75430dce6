//! Server functions, one file per noun. Each has a stable, explicit
//! endpoint under `/api/` (forms without JavaScript and tests post there)
//! and stays thin: find the caller, authorize, call a backend service,
//! return a model type.

pub mod case_type;
pub mod session;
