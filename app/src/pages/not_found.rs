//! The page for any URL Loket does not know (status 404).

use leptos::prelude::*;

use crate::components::error_notice::ErrorNotice;
use crate::error::AppError;

#[component]
pub fn NotFound() -> impl IntoView {
    view! { <ErrorNotice error=AppError::NotFound/> }
}
