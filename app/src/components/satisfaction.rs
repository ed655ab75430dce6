//! The satisfaction question as a form: a score from 1 to 5 (radio
//! buttons in a fieldset, so it works by keyboard and without
//! JavaScript) and "no more questions". The same on the page behind the
//! link and on the resident's own conversation.

use leptos::prelude::*;

use crate::components::form_feedback::FormFeedback;
use crate::error::AppError;
use crate::i18n::Lang;
use crate::model::satisfaction::{SatisfactionAsk, SCORES};

/// `action` takes the score, `refuse` the "no more questions"; both get
/// the hidden field `key` (the link's token, or the conversation's id).
#[component]
pub fn ScoreForm(
    lang: Lang,
    ask: SatisfactionAsk,
    action: &'static str,
    refuse: &'static str,
    key: (&'static str, String),
    error: Option<AppError>,
) -> impl IntoView {
    let label = move |score: i64| match score {
        1 => lang.t("satisfaction-score-1"),
        2 => lang.t("satisfaction-score-2"),
        3 => lang.t("satisfaction-score-3"),
        4 => lang.t("satisfaction-score-4"),
        _ => lang.t("satisfaction-score-5"),
    };
    if !ask.open {
        return view! { <p class="utrecht-paragraph">{lang.t("satisfaction-expired")}</p> }.into_any();
    }
    let (name, value) = key;
    view! {
        {ask.score.map(|s| view! { <p class="utrecht-paragraph">{format!("{} {s} ({})", lang.t("satisfaction-you-gave"), label(s))}</p> })}
        <FormFeedback error/>
        <form method="post" action=action class="form">
            <input type="hidden" name=name value=value.clone()/>
            <fieldset class="form__fieldset">
                <legend>{lang.t("satisfaction-question")}</legend>
                {SCORES.map(|s| {
                    let id = format!("cijfer-{s}");
                    view! {
                        <div class="form__choice">
                            <input type="radio" id=id.clone() name="score" value=s.to_string() checked=ask.score == Some(s)/>
                            <label for=id>{label(s)}</label>
                        </div>
                    }
                }).collect_view()}
            </fieldset>
            <button type="submit" class="utrecht-button utrecht-button--primary-action">{lang.t("satisfaction-send")}</button>
        </form>
        <p class="utrecht-paragraph">{lang.t("satisfaction-why")}</p>
        <form method="post" action=refuse class="form">
            <input type="hidden" name=name value=value/>
            <button type="submit" class="utrecht-button utrecht-button--secondary">{lang.t("satisfaction-no-more")}</button>
        </form>
    }
    .into_any()
}
