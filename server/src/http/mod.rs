//! Plain axum handlers outside Leptos.

pub mod appointment;
pub mod auth;
pub mod compression;
pub mod conversation;
pub mod csrf;
pub mod data_export;
#[cfg(feature = "dev-idp")]
pub mod dev_idp;
pub mod document;
pub mod health;
pub mod klantinteracties;
pub mod language;
pub mod live_slot;
pub mod mail;
pub mod payment;
pub mod processing_log;
pub mod statistics;
pub mod provisioning;
pub mod rate_limit;
pub mod sms;
pub mod telephony;
pub mod webhook;
pub mod whatsapp;
pub mod workload;
pub mod zgw;

use app::backend::auth::{policy::CurrentUser, session::{Principal, Staff}};
use app::model::ids::ResidentId;
use axum::{
    http::{header, HeaderValue, StatusCode},
    response::{IntoResponse, Response},
    Extension,
};

/// The resident making the request; `None` for staff and anonymous callers.
pub fn resident_of(user: &Option<Extension<CurrentUser>>) -> Option<ResidentId> {
    match user.as_ref()?.0.principal {
        Principal::Resident { id, .. } => Some(id),
        Principal::Staff(_) => None,
    }
}

/// The staff member making the request (roles and teams as they are now);
/// `None` for residents and anonymous callers.
pub fn staff_of(user: &Option<Extension<CurrentUser>>) -> Option<Staff> {
    match &user.as_ref()?.0.principal {
        Principal::Staff(staff) => Some(staff.clone()),
        Principal::Resident { .. } => None,
    }
}

/// Refused: the signature is missing or wrong. Logged without the body.
pub fn unsigned(provider: &'static str) -> Response {
    tracing::warn!(provider, "webhook refused: bad or missing signature");
    (StatusCode::UNAUTHORIZED, "signature missing or wrong").into_response()
}

/// Refused: signed, but not what the provider sends.
pub fn malformed(provider: &'static str, what: &str) -> Response {
    tracing::warn!(provider, what, "webhook refused: malformed payload");
    (StatusCode::BAD_REQUEST, "malformed payload").into_response()
}

/// Not found stays not found; anything else is logged once and answered
/// with its status and incident id only (a provider then retries).
pub fn failure_response(error: app::backend::Error) -> Response {
    match error {
        app::backend::Error::NotFound => not_found(),
        error => {
            let error = app::error::AppError::from(error);
            let status = StatusCode::from_u16(error.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
            let incident = error.incident_id().map(|i| format!(" {i}")).unwrap_or_default();
            (status, format!("{} / {}{incident}", error.title(app::i18n::Lang::Nl), error.title(app::i18n::Lang::En))).into_response()
        }
    }
}

/// The page for "a system we need is not reachable" (the database, while
/// it restarts), made without it: the words in the reader's language
/// (the language cookie), a way back, and when to try again.
pub fn unavailable_page(headers: &axum::http::HeaderMap) -> Response {
    let lang = headers.get(header::COOKIE).and_then(|v| v.to_str().ok()).map(app::i18n::Lang::from_cookie_header).unwrap_or_default();
    let error = app::error::AppError::Unavailable;
    let (code, title, text, again) = (lang.code(), error.title(lang), error.explanation(lang), lang.t("error-try-again"));
    let html = format!(
        "<!doctype html><html lang=\"{code}\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{title}</title><style>body{{font:1.125rem/1.5 system-ui,sans-serif;margin:0;padding:1.5rem;max-width:40rem}}a{{color:#0b5394}}</style></head>\
         <body><main><h1>{title}</h1><p>{text}</p><p><a href=\"\">{again}</a></p></main></body></html>"
    );
    (StatusCode::SERVICE_UNAVAILABLE, [(header::RETRY_AFTER, HeaderValue::from_static("30")), (header::CONTENT_TYPE, HeaderValue::from_static("text/html; charset=utf-8"))], html).into_response()
}

pub fn not_found() -> Response {
    (StatusCode::NOT_FOUND, "Niet gevonden. / Not found.").into_response()
}

/// A stored file as a download, under a name safe for the header.
pub fn file_response(file_name: &str, content_type: &str, bytes: impl Into<axum::body::Body>) -> Response {
    let ascii: String = file_name.chars().map(|c| if c.is_ascii_alphanumeric() || ".-_".contains(c) { c } else { '_' }).collect();
    let disposition = HeaderValue::from_str(&format!("attachment; filename=\"{ascii}\"")).unwrap_or(HeaderValue::from_static("attachment"));
    let content_type = HeaderValue::from_str(content_type).unwrap_or(HeaderValue::from_static("application/octet-stream"));
    ([(header::CONTENT_TYPE, content_type), (header::CONTENT_DISPOSITION, disposition)], bytes.into()).into_response()
}

/// `path` when it is a path on this site; `None` for anything that could
/// lead elsewhere (`//host`, `https://...`, backslashes, control characters).
pub fn local_path(path: &str) -> Option<&str> {
    let local = path.starts_with('/') && !path.starts_with("//") && !path.contains('\\') && !path.chars().any(char::is_control);
    local.then_some(path)
}

#[cfg(test)]
mod tests {
    use super::local_path;

    #[test]
    fn only_local_paths_are_followed_back() {
        assert_eq!(local_path("/contact"), Some("/contact"));
        assert_eq!(local_path("//evil.example/x"), None);
        assert_eq!(local_path("https://evil.example"), None);
        assert_eq!(local_path("/\\evil.example"), None);
        assert_eq!(local_path("/a\r\nSet-Cookie: x=y"), None);
    }
}
