//! `/mijn/toestemmingen`: every purpose with its state and one button to
//! grant or revoke (a plain form each), the receipt of the last change,
//! and the full history.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::consent::my_consents;
use crate::components::{
    error_notice::ErrorNotice,
    form_feedback::{form_error, FormFeedback},
};
use crate::i18n::{use_lang, Lang};
use crate::model::consent::{ConsentEvent, ConsentState, Consents};

/// One change as a sentence: what, which text version, when, how.
pub fn describe(lang: Lang, e: &ConsentEvent) -> String {
    let what = match (lang, e.granted) {
        (Lang::Nl, true) => "Toestemming gegeven",
        (Lang::Nl, false) => "Toestemming ingetrokken",
        (Lang::En, true) => "Consent given",
        (Lang::En, false) => "Consent withdrawn",
    };
    match lang {
        Lang::Nl => format!("{what} voor \u{201c}{}\u{201d} (tekstversie {}), {} {}.", e.purpose, e.version, e.at, e.channel.label(lang)),
        Lang::En => format!("{what} for \u{201c}{}\u{201d} (text version {}), {} {}.", e.purpose, e.version, e.at, e.channel.label(lang)),
    }
}

/// The history, newest first; `staff` adds who recorded each change.
#[component]
pub fn ConsentHistory(history: Vec<ConsentEvent>, staff: bool) -> impl IntoView {
    let lang = use_lang();
    if history.is_empty() {
        return view! { <p class="utrecht-paragraph">{lang.t("resident-consent-nothing-has-been-recorded-yet")}</p> }.into_any();
    }
    view! {
        <ol class="consent-history">
            {history.into_iter().map(|e| {
                let by = e.recorded_by.clone().filter(|_| staff).map(|name| format!(" {} {name}.", lang.t("resident-consent-recorded-by")));
                view! { <li>{format!("{}{}", describe(lang, &e), by.unwrap_or_default())}</li> }
            }).collect_view()}
        </ol>
    }
    .into_any()
}

#[component]
pub fn ConsentPage() -> impl IntoView {
    let lang = use_lang();
    let consents = Resource::new_blocking(|| (), |_| my_consents());
    let receipt = leptos_router::hooks::use_query_map().with_untracked(|q| q.get("bon").is_some());
    let error = form_error("change_my_consent");
    view! {
        <Title text=lang.t("resident-consent-consents")/>
        <h1 class="utrecht-heading-1">{lang.t("resident-consent-consents")}</h1>
        <p class="utrecht-paragraph">{lang.t("resident-consent-the-municipality-already-has-some-of")}</p>
        <FormFeedback error/>
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match consents.await {
                    Ok(Consents { purposes, history }) => {
                        let last = receipt.then(|| history.first().cloned()).flatten();
                        view! {
                            {last.map(|e| view! {
                                <div id="bon" class="notice notice--ok receipt" role="status" tabindex="-1">
                                    <h2 class="utrecht-heading-3">{lang.t("resident-consent-your-choice-has-been-recorded")}</h2>
                                    <p class="utrecht-paragraph">{describe(lang, &e)}</p>
                                    <p class="utrecht-paragraph">{if e.granted {
                                        lang.t("resident-consent-want-to-undo-this-choose-withdraw")
                                    } else {
                                        lang.t("resident-consent-want-to-undo-this-choose-give")
                                    }}</p>
                                </div>
                            })}
                            <ul class="card-list">
                                {purposes.into_iter().map(|p| {
                                    let (state, grant) = match p.state {
                                        ConsentState::Granted => (lang.t("resident-consent-you-have-given-consent"), false),
                                        ConsentState::NotGranted => (lang.t("resident-consent-you-have-not-given-consent"), true),
                                        ConsentState::TextChanged => (lang.t("resident-consent-the-explanation-has-changed-since-you"), true),
                                    };
                                    let heading = format!("doel-{}", p.id);
                                    view! {
                                        <li class="card">
                                            <h2 id=heading class="utrecht-heading-3">{p.name.clone()}</h2>
                                            <p class="utrecht-paragraph">{p.text}</p>
                                            <p class="utrecht-paragraph"><strong>{state}</strong></p>
                                            <form method="post" action="/api/change_my_consent">
                                                <input type="hidden" name="purpose" value=p.id.to_string()/>
                                                <input type="hidden" name="text" value=p.text_id.to_string()/>
                                                <input type="hidden" name="grant" value=if grant { "true" } else { "false" }/>
                                                <button type="submit" class=if grant { "utrecht-button utrecht-button--primary-action" } else { "utrecht-button utrecht-button--secondary" }>
                                                    {if grant { lang.t("resident-consent-give-consent") } else { lang.t("resident-consent-withdraw-consent") }}
                                                    <span class="visually-hidden">{format!(": {}", p.name)}</span>
                                                </button>
                                            </form>
                                        </li>
                                    }
                                }).collect_view()}
                            </ul>
                            <h2 class="utrecht-heading-2">{lang.t("resident-consent-history")}</h2>
                            <ConsentHistory history staff=false/>
                        }.into_any()
                    }
                    Err(error) => view! { <ErrorNotice error/> }.into_any(),
                }
            })}
        </Suspense>
        <p class="utrecht-paragraph"><a class="utrecht-link" href="/mijn">{lang.t("resident-callbacks-back-to-my-overview")}</a></p>
    }
}
