//! The language switch in both frames: a form with one button per other
//! language, so it works without JavaScript.

use leptos::prelude::*;

use crate::i18n::Lang;

/// A form with one button per other language: works without JavaScript,
/// and `/taal` brings the resident back to the same page.
#[component]
pub fn LanguageSwitch(lang: Lang, path: String) -> impl IntoView {
    let others = Lang::ALL.into_iter().filter(move |l| *l != lang).map(|other| {
        view! {
            <button class="language-switch__button" type="submit" name="lang" value=other.code() lang=other.code()>
                {other.endonym()}
            </button>
        }
    }).collect_view();
    view! {
        <form class="language-switch" method="get" action="/taal">
            <input type="hidden" name="terug" value=path/>
            {others}
        </form>
    }
}
