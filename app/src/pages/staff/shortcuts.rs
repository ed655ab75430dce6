//! `/staff/sneltoetsen`: the workspace's keyboard shortcuts, `accesskey`s
//! on the links, fields and buttons they go to (no JavaScript needed).

use leptos::prelude::*;
use leptos_meta::Title;

use crate::i18n::use_lang;

/// Key and the key of what it does.
const SHORTCUTS: [(&str, &str); 7] = [
    ("Alt + J", "shortcuts-next"),
    ("Alt + K", "shortcuts-previous"),
    ("Alt + R", "shortcuts-reply"),
    ("Alt + N", "shortcuts-note"),
    ("Alt + A", "shortcuts-assign-to-me"),
    ("Alt + C", "shortcuts-close"),
    ("Alt + S", "shortcuts-search"),
];

#[component]
pub fn Shortcuts() -> impl IntoView {
    let lang = use_lang();
    view! {
        <Title text=lang.t("shortcuts-title")/>
        <h1 class="utrecht-heading-1">{lang.t("shortcuts-title")}</h1>
        <p class="utrecht-paragraph">{lang.t("shortcuts-intro")}</p>
        <table class="data-table">
            <caption class="visually-hidden">{lang.t("shortcuts-title")}</caption>
            <thead><tr><th scope="col">{lang.t("shortcuts-key")}</th><th scope="col">{lang.t("shortcuts-what")}</th></tr></thead>
            <tbody>
                {SHORTCUTS.into_iter().map(|(key, what)| view! { <tr><td><kbd>{key}</kbd></td><td>{lang.t(what)}</td></tr> }).collect_view()}
            </tbody>
        </table>
        <p class="utrecht-paragraph">{lang.t("shortcuts-mac")}</p>
    }
}
