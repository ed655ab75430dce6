//! The notice on a part of Mijn omgeving that asks a higher level of
//! assurance than the resident logged in with: why, and a button that logs
//! in again at that level and comes back.

use leptos::prelude::*;

use crate::i18n::use_lang;

/// `text` says why, in the reader's language; `next` is the page to come back to.
#[component]
pub fn HigherLevelNotice(text: String, needed: String, next: &'static str) -> impl IntoView {
    let lang = use_lang();
    let href = format!("/auth/resident/login?next={next}&niveau={needed}");
    view! {
        <div class="error-notice" role="alert">
            <p class="utrecht-paragraph">{text}</p>
            <p class="utrecht-paragraph">
                <a class="utrecht-button utrecht-button--primary-action" href=href>{lang.t("resident-details-log-in-again-with-digid")}</a>
            </p>
        </div>
    }
}
