//! Server functions, one file per noun. Each has a stable, explicit
//! endpoint under `/api/` (forms without JavaScript and tests post there)
//! and stays thin: find the caller, authorize, call a backend service,
//! return a model type.

pub mod answer;
pub mod appointment;
pub mod callback;
pub mod case;
pub mod case_type;
pub mod closed_day;
pub mod client_view;
pub mod consent;
pub mod conversation;
pub mod data_export;
pub mod identity_link;
pub mod contact_address;
pub mod phone_call;
pub mod privacy_request;
pub mod processing_log;
pub mod resident;
pub mod retention;
pub mod satisfaction;
pub mod search;
pub mod session;
pub mod statistics;
pub mod todo;
pub mod workload;

/// Runs a server function's body; an error also sets the HTTP status it
/// stands for (404, 401, 403 ...), so every server function answers with
/// the same status for the same `AppError`. A plain form post (a browser
/// without JavaScript) is the exception: it must get the redirect back to
/// its page, with the error in the query, that Leptos answers it with.
#[cfg(feature = "ssr")]
pub async fn answer<T>(
    body: impl std::future::Future<Output = Result<T, crate::error::AppError>>,
) -> Result<T, crate::error::AppError> {
    let result = body.await;
    if let Err(error) = &result {
        crate::error::set_server_fn_status(error);
    }
    result
}
