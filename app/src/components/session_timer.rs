//! The session-timeout warning (WCAG 2.2.1): shortly before an idle
//! session ends, the resident is told and can extend it with one button.

use std::time::Duration;

use leptos::prelude::*;

use crate::api::session::extend_session;
use crate::i18n::Lang;

/// The warning's texts, written by the server in the reader's language.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct SessionTexts {
    pub title: String,
    /// Before and after the minutes left: "Over " … " minuten log je …".
    pub before: String,
    pub after: String,
    pub stay: String,
}

impl SessionTexts {
    pub fn new(lang: Lang) -> SessionTexts {
        SessionTexts {
            title: lang.t("session-timer-title").to_string(),
            before: lang.t("session-timer-before").to_string(),
            after: lang.t("session-timer-after").to_string(),
            stay: lang.t("session-timer-stay").to_string(),
        }
    }
}

#[island]
pub fn SessionTimer(seconds_left: i64, warn_before: i64, texts: SessionTexts) -> impl IntoView {
    let SessionTexts { title, before, after, stay } = texts;
    let (left, set_left) = signal(seconds_left);
    // Effects run only in the browser: count down once the island is alive.
    Effect::new(move |_| {
        let _ = set_interval_with_handle(move || set_left.update(|l| *l -= 1), Duration::from_secs(1));
    });
    Effect::new(move |_| {
        if left.get() <= 0 {
            let _ = window().location().set_href("/inloggen?fout=verlopen");
        }
    });
    let extend = Action::new(|_: &()| extend_session());
    Effect::new(move |_| {
        if let Some(Ok(seconds)) = extend.value().get() {
            set_left.set(seconds);
        }
    });
    let remaining = move || {
        let l = left.get().max(0);
        format!("{}:{:02}", l / 60, l % 60)
    };
    view! {
        <div aria-live="assertive">
            <Show when=move || { left.get() <= warn_before }>
                <div class="session-warning" role="alertdialog" aria-labelledby="session-warning-title" aria-describedby="session-warning-text">
                    <h2 id="session-warning-title" class="utrecht-heading-3">{title.clone()}</h2>
                    <p id="session-warning-text">
                        {let (before, after) = (before.clone(), after.clone()); move || format!("{before}{}{after}", remaining())}
                    </p>
                    <button type="button" class="utrecht-button" on:click=move |_| { extend.dispatch(()); }>
                        {stay.clone()}
                    </button>
                </div>
            </Show>
        </div>
    }
}
