//! `/staff/privacyverzoeken`: the privacy officer's worklist of residents'
//! requests for correction and objections, open ones by term first; and
//! one request with the form that answers and closes it.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::api::privacy_request::{get_privacy_request, privacy_request_worklist};
use crate::components::{
    error_notice::ErrorNotice,
    form_feedback::{form_error, FormFeedback},
};
use crate::i18n::{use_lang, Lang};
use crate::model::ids::PrivacyRequestId;
use crate::model::privacy_request::PrivacyRequest;
use crate::path::{staff_privacy_request, PRIVACY_REQUESTS};

fn state_text(lang: Lang, request: &PrivacyRequest) -> String {
    match (request.open, request.overdue) {
        (true, true) => format!("{} ({})", lang.t("staff-privacy-requests-overdue"), request.due),
        (true, false) => format!("{} {}", lang.t("staff-privacy-requests-due"), request.due),
        (false, _) => lang.t("privacy-request-answered").to_string(),
    }
}

#[component]
pub fn PrivacyRequests() -> impl IntoView {
    let lang = use_lang();
    let rows = Resource::new_blocking(|| (), |_| privacy_request_worklist());
    view! {
        <Title text=lang.t("staff-privacy-requests-title")/>
        <p><a class="utrecht-link" href="/staff">{lang.t("staff-cases-back-to-the-workspace")}</a></p>
        <h1 class="utrecht-heading-1">{lang.t("staff-privacy-requests-title")}</h1>
        <p class="utrecht-paragraph">{lang.t("staff-privacy-requests-explanation")}</p>
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match rows.await {
                    Ok(rows) if rows.is_empty() => view! { <p class="utrecht-paragraph">{lang.t("staff-privacy-requests-nothing")}</p> }.into_any(),
                    Ok(rows) => view! {
                        <ul class="card-list">
                            {rows.into_iter().map(|row| {
                                let state = state_text(lang, &row.request);
                                let class = if row.request.overdue { "card card--warning" } else { "card" };
                                view! {
                                    <li class=class>
                                        <p class="utrecht-paragraph">
                                            <a class="utrecht-link" href=staff_privacy_request(row.request.id)>{lang.t(row.request.kind.label_key())}</a>
                                            {format!(" · {} · {}", row.masked_bsn, row.request.asked)}
                                        </p>
                                        <p class="utrecht-paragraph">{state}</p>
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    }.into_any(),
                    Err(error) => view! { <ErrorNotice error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
pub fn PrivacyRequestPage() -> impl IntoView {
    let lang = use_lang();
    let id = use_params_map().with_untracked(|p| p.get("id").and_then(|id| id.parse::<PrivacyRequestId>().ok()));
    let answered = use_query_map().with_untracked(|q| q.get("beantwoord").is_some());
    let error = form_error("answer_privacy_request");
    let request = Resource::new_blocking(move || id, |id| async move {
        match id {
            Some(id) => get_privacy_request(id).await,
            None => Err(crate::error::AppError::NotFound),
        }
    });
    view! {
        <Title text=lang.t("staff-privacy-requests-one")/>
        <p><a class="utrecht-link" href=PRIVACY_REQUESTS>{lang.t("staff-privacy-requests-back")}</a></p>
        <h1 class="utrecht-heading-1">{lang.t("staff-privacy-requests-one")}</h1>
        {answered.then(|| view! { <div class="notice notice--ok" role="status"><p class="utrecht-paragraph">{lang.t("staff-privacy-requests-answered-notice")}</p></div> })}
        <Suspense fallback=|| ()>
            {move || {
                let error = error.clone();
                Suspend::new(async move {
                    match request.await {
                        Ok(row) => {
                            let r = row.request;
                            let state = state_text(lang, &r);
                            view! {
                                <dl class="contact-list">
                                    <dt>{lang.t("staff-privacy-requests-kind")}</dt><dd>{lang.t(r.kind.label_key())}</dd>
                                    <dt>{lang.t("staff-privacy-requests-resident")}</dt><dd>{row.masked_bsn}</dd>
                                    <dt>{lang.t("staff-privacy-requests-asked")}</dt><dd>{r.asked}</dd>
                                    <dt>{lang.t("staff-privacy-requests-state")}</dt><dd>{state}</dd>
                                    {r.processing.map(|p| view! { <dt>{lang.t("privacy-request-processing")}</dt><dd>{p}</dd> })}
                                </dl>
                                <h2 class="utrecht-heading-2">{lang.t("privacy-request-text")}</h2>
                                <p class="utrecht-paragraph">{r.text}</p>
                                {match (r.open, r.answer) {
                                    (false, answer) => view! {
                                        <h2 class="utrecht-heading-2">{lang.t("privacy-request-our-answer")}</h2>
                                        <p class="utrecht-paragraph">{answer.unwrap_or_default()}</p>
                                    }.into_any(),
                                    (true, _) => view! {
                                        <FormFeedback error/>
                                        <form method="post" action="/api/answer_privacy_request" class="form">
                                            <input type="hidden" name="id" value=r.id.to_string()/>
                                            <label for="answer">{lang.t("staff-privacy-requests-answer")}</label>
                                            <textarea id="answer" name="answer" rows="6" maxlength="2000" required=true class="form__input"></textarea>
                                            <button type="submit" class="utrecht-button utrecht-button--primary-action">{lang.t("staff-privacy-requests-send-answer")}</button>
                                        </form>
                                    }.into_any(),
                                }}
                            }.into_any()
                        }
                        Err(error) => view! { <ErrorNotice error/> }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
}
