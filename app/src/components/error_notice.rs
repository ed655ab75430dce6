//! How any error looks to a person: a plain heading, what it means, what to
//! do, and for our own failures the incident id to mention when calling.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::error::AppError;
use crate::i18n::use_lang;

#[component]
pub fn ErrorNotice(error: AppError) -> impl IntoView {
    let lang = use_lang();
    #[cfg(feature = "ssr")]
    crate::error::set_response_status(&error);
    let incident = error.incident_id().cloned().map(|id| {
        view! {
            <p class="utrecht-paragraph">
                {lang.t("error-notice-error-code")}<strong class="incident-id" data-incident-id=id.0.clone()>{id.0.clone()}</strong>
            </p>
        }
    });
    view! {
        <Title text=error.title(lang)/>
        <div class="error-notice" role="alert">
            <h1 class="utrecht-heading-1">{error.title(lang)}</h1>
            <p class="utrecht-paragraph">{error.explanation(lang)}</p>
            {incident}
            <p class="utrecht-paragraph">
                <a class="utrecht-link" href="/">{lang.t("error-notice-go-to-the-home-page")}</a>
            </p>
        </div>
    }
}

/// One part of a page that could not be loaded, while the rest of the page
/// shows: what happened in a sentence and the incident id, no heading of
/// its own and no change to the page's status.
#[component]
pub fn PartError(error: AppError) -> impl IntoView {
    let lang = use_lang();
    let incident = error.incident_id().cloned().map(|id| {
        view! {
            " "{lang.t("error-notice-error-code")}<strong class="incident-id" data-incident-id=id.0.clone()>{id.0.clone()}</strong>
        }
    });
    view! {
        <div class="notice notice--error" role="alert">
            <p class="utrecht-paragraph">{lang.t("error-notice-part-not-loaded")}{incident}</p>
        </div>
    }
}
