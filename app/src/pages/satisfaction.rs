//! `/tevredenheid/:token`: the page behind a satisfaction question's link
//! (sent by e-mail, WhatsApp or SMS after a conversation closed). No
//! login: the token is the key. It names nobody and no subject, since a
//! link can be forwarded; an unknown link is "not found".

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::api::satisfaction::load_satisfaction_question;
use crate::components::{error_notice::ErrorNotice, form_feedback::form_error, satisfaction::ScoreForm};
use crate::i18n::{use_lang, Lang};

#[component]
pub fn SatisfactionPage() -> impl IntoView {
    let lang = use_lang();
    let token = use_params_map().with_untracked(|p| p.get("token").unwrap_or_default());
    let query = use_query_map();
    let thanked = query.with_untracked(|q| q.get("bedankt").is_some());
    let refused = query.with_untracked(|q| q.get("geen-vragen").is_some());
    let error = form_error("answer_satisfaction").or_else(|| form_error("refuse_satisfaction"));
    let question = Resource::new_blocking(move || token.clone(), load_satisfaction_question);
    view! {
        <Title text=lang.t("satisfaction-title")/>
        <h1 class="utrecht-heading-1">{lang.t("satisfaction-title")}</h1>
        {thanked.then(|| view! { <div class="notice notice--ok" role="status"><p class="utrecht-paragraph">{lang.t("satisfaction-thanks")}</p></div> })}
        {refused.then(|| view! { <div class="notice notice--ok" role="status"><p class="utrecht-paragraph">{lang.t("satisfaction-no-more-done")}</p></div> })}
        <Suspense fallback=|| ()>
            {move || {
                let error = error.clone();
                Suspend::new(async move {
                    match question.await {
                        Ok(q) => {
                            let token = use_params_map().with_untracked(|p| p.get("token").unwrap_or_default());
                            view! {
                                <p class="utrecht-paragraph">{match lang {
                                    Lang::Nl => format!("Het gaat over je contact via {} dat we op {} afsloten.", q.channel, q.asked_on),
                                    Lang::En => format!("It is about your contact by {} that we closed on {}.", q.channel, q.asked_on),
                                }}</p>
                                <ScoreForm lang ask=q.ask action="/api/answer_satisfaction" refuse="/api/refuse_satisfaction" key=("token", token) error/>
                            }.into_any()
                        }
                        Err(error) => view! { <ErrorNotice error/> }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
}
