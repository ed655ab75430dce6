//! The answer to a plain form post that failed. Without JavaScript a
//! server function that refuses a form redirects back to the page with
//! the error in the query (`__path`, `__err`); this shows it above the
//! form it belongs to, in plain language.

use leptos::prelude::*;
use leptos::server_fn::error::ServerFnUrlError;

use crate::error::AppError;
use crate::i18n::use_lang;

/// The error a form posting to `/api/{endpoint}` came back with, if any.
pub fn form_error(endpoint: &str) -> Option<AppError> {
    let query = leptos_router::hooks::use_query_map();
    query.with_untracked(|q| {
        let path = q.get("__path")?;
        if path.trim_end_matches('/').rsplit('/').next() != Some(endpoint) {
            return None;
        }
        Some(ServerFnUrlError::<AppError>::decode_err(&q.get("__err")?))
    })
}

/// Shows `error` as an alert: its title, then what is wrong with each field.
#[component]
pub fn FormFeedback(error: Option<AppError>) -> impl IntoView {
    let lang = use_lang();
    error.map(|error| {
        let details: Vec<String> = match &error {
            AppError::Validation(fields) => fields.iter().map(|f| f.code.explanation(lang).to_string()).collect(),
            other => vec![other.explanation(lang).to_string()],
        };
        view! {
            <div class="error-notice" role="alert">
                <p class="utrecht-paragraph"><strong>{error.title(lang)}</strong></p>
                {details.into_iter().map(|d| view! { <p class="utrecht-paragraph">{d}</p> }).collect_view()}
            </div>
        }
    })
}
