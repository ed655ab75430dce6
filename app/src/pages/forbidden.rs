//! The page for a part of the workspace the signed-in person's role does
//! not open (status 403); the address they asked for stays in the bar.

use leptos::prelude::*;

use crate::components::error_notice::ErrorNotice;
use crate::error::AppError;

#[component]
pub fn Forbidden() -> impl IntoView {
    view! {
        <ErrorNotice error=AppError::Forbidden/>
        <p class="utrecht-paragraph"><a class="utrecht-link" href="/staff">{crate::i18n::use_lang().t("staff-cases-back-to-the-workspace")}</a></p>
    }
}
