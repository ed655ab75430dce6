//! The logout button: a plain form, so it works without JavaScript.

use leptos::prelude::*;

use crate::i18n::use_lang;

#[component]
pub fn LogoutButton() -> impl IntoView {
    let lang = use_lang();
    view! {
        <form method="post" action="/auth/logout" class="logout">
            <button type="submit" class="utrecht-button utrecht-button--secondary">{lang.t("logout-log-out")}</button>
        </form>
    }
}
