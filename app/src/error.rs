//! `AppError`: the only error type that crosses the wire.
//!
//! Variants are stable codes the UI translates; no free-text cause ever
//! reaches a browser. Internal failures carry only an incident id, which
//! the server logs once together with the cause (see `backend::error`).

use leptos::server_fn::{
    codec::JsonEncoding,
    error::{FromServerFnError, ServerFnErrorErr},
};
use serde::{Deserialize, Serialize};

use crate::i18n::Lang;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    /// Absent, or not the caller's to see: the two are indistinguishable on purpose.
    #[error("not found")]
    NotFound,
    #[error("not logged in")]
    Unauthenticated,
    #[error("not allowed")]
    Forbidden,
    /// The input was understood but refused, field by field.
    #[error("invalid input")]
    Validation(Vec<FieldError>),
    /// The request itself could not be read (wrong types, malformed encoding).
    #[error("malformed request")]
    BadRequest,
    /// The change clashes with the current state (a duplicate, a stale version).
    #[error("conflict")]
    Conflict,
    #[error("too many requests")]
    RateLimited,
    /// A dependency (database, provider) is temporarily unreachable.
    #[error("temporarily unavailable")]
    Unavailable,
    /// Something broke on our side; the incident id ties the user's report to the log.
    #[error("internal error {incident_id}")]
    Internal { incident_id: IncidentId },
}

/// One refused field: which field and a stable reason code the UI translates.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    pub field: String,
    pub code: FieldErrorCode,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum FieldErrorCode {
    Missing,
    TooLong,
    Invalid,
    /// A one-time code that ran out (too old, or tried too often).
    Expired,
    /// Well-formed, but nobody we know (a BSN without a resident).
    Unknown,
}

impl FieldErrorCode {
    /// What is wrong with the field, in plain language.
    pub fn explanation(self, lang: Lang) -> &'static str {
        match self {
            FieldErrorCode::Missing => lang.t("error-please-fill-this-in"),
            FieldErrorCode::TooLong => lang.t("error-this-is-too-long"),
            FieldErrorCode::Invalid => lang.t("error-this-is-not-right-please-check"),
            FieldErrorCode::Expired => lang.t("error-this-code-no-longer-works-please"),
            FieldErrorCode::Unknown => lang.t("error-we-do-not-know-this"),
        }
    }
}

/// A short id shown to the user and logged with the cause of an internal error.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct IncidentId(pub String);

impl std::fmt::Display for IncidentId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(feature = "ssr")]
impl IncidentId {
    /// Twelve upper-case hex digits from a random UUID: easy to read out on the phone.
    #[allow(clippy::new_without_default)]
    pub fn new() -> IncidentId {
        let hex = uuid::Uuid::new_v4().simple().to_string().to_uppercase();
        IncidentId(hex[..12].to_string())
    }
}

impl AppError {
    /// The HTTP status this error answers with, on pages and server functions alike.
    pub fn status(&self) -> u16 {
        match self {
            AppError::NotFound => 404,
            AppError::Unauthenticated => 401,
            AppError::Forbidden => 403,
            AppError::Validation(_) => 422,
            AppError::BadRequest => 400,
            AppError::Conflict => 409,
            AppError::RateLimited => 429,
            AppError::Unavailable => 503,
            AppError::Internal { .. } => 500,
        }
    }

    /// A heading for the error, in plain language.
    pub fn title(&self, lang: Lang) -> &'static str {
        match self {
            AppError::NotFound => lang.t("error-page-not-found"),
            AppError::Unauthenticated => lang.t("error-please-log-in-first"),
            AppError::Forbidden => lang.t("error-no-access"),
            AppError::Validation(_) | AppError::BadRequest => {
                lang.t("error-please-check-what-you-entered")
            }
            AppError::Conflict => lang.t("error-this-has-already-changed"),
            AppError::RateLimited => lang.t("error-please-wait-a-moment"),
            AppError::Unavailable | AppError::Internal { .. } => {
                lang.t("error-something-went-wrong")
            }
        }
    }

    /// What it means for the user and what they can do next.
    pub fn explanation(&self, lang: Lang) -> &'static str {
        match self {
            AppError::NotFound => lang.t("error-we-cannot-find-this-page-the"),
            AppError::Unauthenticated => lang.t("error-you-need-to-be-logged-in"),
            AppError::Forbidden => lang.t("error-you-do-not-have-access-to"),
            AppError::Validation(_) | AppError::BadRequest => lang.t("error-not-everything-was-filled-in-correctly"),
            AppError::Conflict => lang.t("error-someone-else-just-changed-this-reload"),
            AppError::RateLimited => lang.t("error-you-tried-this-too-often-in"),
            AppError::Unavailable => lang.t("error-one-of-our-systems-cannot-be"),
            AppError::Internal { .. } => lang.t("error-this-is-our-fault-not-yours"),
        }
    }

    pub fn incident_id(&self) -> Option<&IncidentId> {
        match self {
            AppError::Internal { incident_id } => Some(incident_id),
            _ => None,
        }
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        let error = match value {
            // The request could not be decoded: the caller sent something malformed.
            ServerFnErrorErr::Args(_)
            | ServerFnErrorErr::Deserialization(_)
            | ServerFnErrorErr::MissingArg(_)
            | ServerFnErrorErr::UnsupportedRequestMethod(_) => AppError::BadRequest,
            // The browser could not reach the server or read its answer.
            ServerFnErrorErr::Request(_) | ServerFnErrorErr::Response(_) => AppError::Unavailable,
            // On the server these are our own faults: log them once with an incident id.
            #[cfg(feature = "ssr")]
            other @ (ServerFnErrorErr::Registration(_)
            | ServerFnErrorErr::Serialization(_)
            | ServerFnErrorErr::ServerError(_)
            | ServerFnErrorErr::MiddlewareError(_)) => {
                let incident_id = IncidentId::new();
                tracing::error!(incident.id = %incident_id, error = %other, "server function failed");
                AppError::Internal { incident_id }
            }
            // In the browser: the answer could not be used; the server logged its side.
            #[cfg(not(feature = "ssr"))]
            ServerFnErrorErr::Registration(_)
            | ServerFnErrorErr::Serialization(_)
            | ServerFnErrorErr::ServerError(_)
            | ServerFnErrorErr::MiddlewareError(_) => AppError::Unavailable,
        };
        // On the server this runs while the request is answered (e.g. arguments
        // that do not decode): the status must say what the error says.
        #[cfg(feature = "ssr")]
        set_server_fn_status(&error);
        error
    }
}

/// Sets the HTTP status of the response being built, if there is one.
#[cfg(feature = "ssr")]
pub fn set_response_status(err: &AppError) {
    if let Some(response) = leptos::prelude::use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(http::StatusCode::from_u16(err.status()).unwrap_or(http::StatusCode::INTERNAL_SERVER_ERROR));
    }
}

/// The status of a server function's failure; not for a plain form post
/// (a browser without JavaScript), which must get the redirect back to its
/// page, with the error in the query, that Leptos answers it with.
#[cfg(feature = "ssr")]
pub fn set_server_fn_status(err: &AppError) {
    let form_post = leptos::prelude::use_context::<http::request::Parts>()
        .and_then(|parts| parts.headers.get(http::header::ACCEPT)?.to_str().ok().map(|a| a.contains("text/html")))
        .unwrap_or(false);
    if !form_post {
        set_response_status(err);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn internal_error_serializes_without_any_cause_text() {
        let err = AppError::Internal { incident_id: IncidentId("ABCDEF012345".into()) };
        let json = serde_json::to_string(&err).unwrap();
        assert_eq!(json, r#"{"Internal":{"incident_id":"ABCDEF012345"}}"#);
    }

    #[test]
    fn incident_ids_are_twelve_hex_digits_and_differ() {
        let (a, b) = (IncidentId::new(), IncidentId::new());
        assert_eq!(a.0.len(), 12);
        assert!(a.0.chars().all(|c| c.is_ascii_hexdigit() && !c.is_ascii_lowercase()));
        assert_ne!(a, b);
    }

    #[test]
    fn undecodable_arguments_are_a_bad_request_not_an_internal_error() {
        let err = AppError::from_server_fn_error(ServerFnErrorErr::Args("x".into()));
        assert_eq!(err, AppError::BadRequest);
        assert_eq!(err.status(), 400);
    }
}
