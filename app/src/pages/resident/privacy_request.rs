//! The "Klopt er iets niet?" section of Mijn gegevens: what the resident
//! cannot change themselves goes to the municipality as a request for a
//! correction, or as an objection to a processing; their requests with
//! term and answer. A plain form.

use leptos::prelude::*;

use crate::api::privacy_request::my_privacy_requests;
use crate::components::{
    error_notice::ErrorNotice,
    form_feedback::{form_error, FormFeedback},
};
use crate::i18n::{use_lang, Lang};
use crate::model::privacy_request::PrivacyRequest;

#[component]
pub fn PrivacyRequestSection() -> impl IntoView {
    let lang = use_lang();
    let form = Resource::new_blocking(|| (), |_| my_privacy_requests());
    let sent = leptos_router::hooks::use_query_map().with_untracked(|q| q.get("verzoek").is_some());
    let error = form_error("send_privacy_request");
    view! {
        <section id="verzoeken" aria-labelledby="verzoeken-kop">
            <h2 id="verzoeken-kop" class="utrecht-heading-2">{lang.t("privacy-request-heading")}</h2>
            <p class="utrecht-paragraph">{lang.t("privacy-request-explanation")}</p>
            {sent.then(|| view! { <div class="notice notice--ok" role="status"><p class="utrecht-paragraph">{lang.t("privacy-request-sent")}</p></div> })}
            <Suspense fallback=|| ()>
                {move || {
                    let error = error.clone();
                    Suspend::new(async move {
                        match form.await {
                            Ok(form) => view! {
                                {(!form.mine.is_empty()).then(|| view! {
                                    <ul class="card-list">
                                        {form.mine.into_iter().map(|r| view! { <RequestCard lang request=r/> }).collect_view()}
                                    </ul>
                                })}
                                <FormFeedback error/>
                                <form method="post" action="/api/send_privacy_request" class="form">
                                    <fieldset class="form__fieldset">
                                        <legend>{lang.t("privacy-request-what")}</legend>
                                        <div class="form__choice">
                                            <input type="radio" id="kind-correctie" name="kind" value="correctie" checked=true/>
                                            <label for="kind-correctie">{lang.t("privacy-request-correction")}</label>
                                        </div>
                                        <div class="form__choice">
                                            <input type="radio" id="kind-bezwaar" name="kind" value="bezwaar"/>
                                            <label for="kind-bezwaar">{lang.t("privacy-request-objection")}</label>
                                        </div>
                                    </fieldset>
                                    <label for="processing">{lang.t("privacy-request-processing")}</label>
                                    <select id="processing" name="processing" class="form__input">
                                        <option value="">{lang.t("privacy-request-no-processing")}</option>
                                        {form.processings.into_iter().map(|(code, name)| view! { <option value=code>{name}</option> }).collect_view()}
                                    </select>
                                    <label for="privacy-text">{lang.t("privacy-request-text")}</label>
                                    <textarea id="privacy-text" name="text" rows="5" maxlength="2000" required=true class="form__input"></textarea>
                                    <button type="submit" class="utrecht-button utrecht-button--primary-action">{lang.t("privacy-request-send")}</button>
                                </form>
                            }.into_any(),
                            Err(error) => view! { <ErrorNotice error/> }.into_any(),
                        }
                    })
                }}
            </Suspense>
        </section>
    }
}

#[component]
fn RequestCard(lang: Lang, request: PrivacyRequest) -> impl IntoView {
    let status = match (request.open, lang) {
        (true, Lang::Nl) => format!("We antwoorden uiterlijk {}.", request.due),
        (true, Lang::En) => format!("We will answer by {}.", request.due),
        (false, _) => lang.t("privacy-request-answered").to_string(),
    };
    view! {
        <li class="card">
            <p class="utrecht-paragraph"><strong>{lang.t(request.kind.label_key())}</strong>{format!(" · {}", request.asked)}</p>
            {request.processing.map(|p| view! { <p class="utrecht-paragraph">{p}</p> })}
            <p class="utrecht-paragraph">{request.text}</p>
            <p class="utrecht-paragraph">{status}</p>
            {request.answer.map(|a| view! { <p class="utrecht-paragraph"><strong>{lang.t("privacy-request-our-answer")}</strong>" "{a}</p> })}
        </li>
    }
}
