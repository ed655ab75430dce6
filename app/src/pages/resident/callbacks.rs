//! Callback requests for the resident: on Mijn overzicht which team will
//! call and by when (`CallbackSection`); asking for a call
//! (`/mijn/terugbellen/nieuw`); one request, where they add information
//! or cancel it (`/mijn/terugbellen/:id`). Plain forms throughout.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::api::callback::{get_callback_form, my_callback, my_callbacks};
use crate::components::{
    error_notice::ErrorNotice,
    form_feedback::{form_error, FormFeedback},
    live_notice::LiveNotice,
};
use crate::error::AppError;
use crate::i18n::use_lang;
use crate::model::callback::{CallbackStatus, ResidentCallback};
use crate::model::ids::CallbackId;

/// Tells an open page that a request changed (live, with JavaScript).
fn live(lang: crate::i18n::Lang, link: String) -> impl IntoView {
    view! {
        <LiveNotice
            stream="/mijn/terugbellen/live".to_string()
            text=lang.t("resident-callbacks-something-changed-in-your-callback-request").to_string()
            link
            link_text=lang.t("resident-callbacks-see-it").to_string()
        />
    }
}

fn promise(lang: crate::i18n::Lang, c: &ResidentCallback) -> String {
    match lang {
        crate::i18n::Lang::Nl => format!("{} belt je terug op {}, uiterlijk {}.", c.team, c.phone, c.by),
        crate::i18n::Lang::En => format!("{} will call you back on {}, by {} at the latest.", c.team, c.phone, c.by),
    }
}

/// On the overview: the open requests, soonest first.
#[component]
pub fn CallbackSection() -> impl IntoView {
    let lang = use_lang();
    let callbacks = Resource::new_blocking(|| (), |_| my_callbacks());
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match callbacks.await {
                    Ok(list) => view! {
                        <section aria-labelledby="terugbellen">
                            <h2 id="terugbellen" class="utrecht-heading-2">{lang.t("resident-callbacks-callback-requests")}</h2>
                            {live(lang, "/mijn#terugbellen".to_string())}
                            {if list.is_empty() {
                                view! { <p class="utrecht-paragraph">{lang.t("resident-callbacks-you-have-no-open-callback-requests")}</p> }.into_any()
                            } else {
                                view! {
                                    <ul class="card-list">
                                        {list.into_iter().map(|c| view! {
                                            <li class="card">
                                                <h3 class="utrecht-heading-3"><a class="utrecht-link" href={crate::path::resident_callback(c.id)}>{c.topic.clone()}</a></h3>
                                                <p class="utrecht-paragraph">{promise(lang, &c)}</p>
                                                <p class="card__meta">{c.status.label(lang)}</p>
                                            </li>
                                        }).collect_view()}
                                    </ul>
                                }.into_any()
                            }}
                            <p class="utrecht-paragraph"><a class="utrecht-link" href="/mijn/terugbellen/nieuw">{lang.t("resident-callbacks-ask-us-to-call-you-back")}</a></p>
                        </section>
                    }.into_any(),
                    Err(error) => view! { <ErrorNotice error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
pub fn NewCallback() -> impl IntoView {
    let lang = use_lang();
    let form = Resource::new_blocking(|| (), |_| get_callback_form(None));
    let error = form_error("request_callback");
    view! {
        <Title text=lang.t("resident-callbacks-call-me-back")/>
        <h1 class="utrecht-heading-1">{lang.t("resident-callbacks-call-me-back")}</h1>
        <p class="utrecht-paragraph">{lang.t("resident-callbacks-tell-us-what-your-question-is")}</p>
        <Suspense fallback=|| ()>
            {move || {
                let error = error.clone();
                Suspend::new(async move {
                    match form.await {
                        Ok(form) => view! {
                            <FormFeedback error/>
                            <form method="post" action="/api/request_callback" class="form">
                                <input type="hidden" name="client_id" value=form.client_id/>
                                <label for="callback_type">{lang.t("resident-callbacks-what-is-it-about")}</label>
                                <select id="callback_type" name="callback_type" class="form__input" required=true>
                                    {form.types.into_iter().map(|t| view! { <option value=t.id>{t.name}</option> }).collect_view()}
                                </select>
                                <label for="phone">{lang.t("resident-callbacks-which-number-should-we-call")}</label>
                                <input id="phone" name="phone" type="tel" autocomplete="tel" maxlength="20" required=true class="form__input form__input--short" value=form.phone/>
                                <label for="preferred_time">{lang.t("resident-callbacks-when-is-the-best-time-to")}</label>
                                <input id="preferred_time" name="preferred_time" type="text" maxlength="100" class="form__input" placeholder=lang.t("resident-callbacks-for-example-monday-after-2-pm")/>
                                <label for="question">{lang.t("resident-callbacks-your-question")}</label>
                                <textarea id="question" name="question" rows="4" maxlength="2000" required=true class="form__input form__textarea"></textarea>
                                <button type="submit" class="utrecht-button utrecht-button--primary-action">{lang.t("resident-callbacks-request-a-call")}</button>
                            </form>
                        }.into_any(),
                        Err(error) => view! { <ErrorNotice error/> }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
}

#[component]
pub fn CallbackPage() -> impl IntoView {
    let lang = use_lang();
    let id = use_params_map().with_untracked(|p| p.get("id").and_then(|id| id.parse::<CallbackId>().ok()));
    let query = use_query_map();
    let notice = query.with_untracked(|q| {
        if q.get("aangevraagd").is_some() {
            Some(lang.t("resident-callbacks-your-callback-request-has-been-received"))
        } else if q.get("toegevoegd").is_some() {
            Some(lang.t("resident-callbacks-your-addition-has-been-added"))
        } else if q.get("ingetrokken").is_some() {
            Some(lang.t("resident-callbacks-your-callback-request-has-been-cancelled"))
        } else {
            None
        }
    });
    let info_error = form_error("add_callback_info");
    let page = Resource::new_blocking(move || id, |id| async move { my_callback(id.ok_or(AppError::NotFound)?).await });
    view! {
        <Suspense fallback=|| ()>
            {move || {
                let info_error = info_error.clone();
                Suspend::new(async move {
                    match page.await {
                        Ok(c) => {
                            let open = c.status == CallbackStatus::Open;
                            let id = c.id.to_string();
                            view! {
                                <Title text=c.topic.clone()/>
                                <h1 class="utrecht-heading-1">{format!("{}: {}", lang.t("resident-callbacks-callback-request"), c.topic)}</h1>
                                {notice.map(|text| view! { <div class="notice notice--ok" role="status"><p class="utrecht-paragraph">{text}</p></div> })}
                                {live(lang, format!("/mijn/terugbellen/{id}"))}
                                <p class="utrecht-paragraph"><strong>{c.status.label(lang)}</strong></p>
                                {open.then(|| view! { <p class="utrecht-paragraph">{promise(lang, &c)}</p> })}
                                {(!c.preferred_time.is_empty()).then(|| view! {
                                    <p class="utrecht-paragraph">{format!("{} {}", lang.t("resident-callbacks-the-best-time-for-you"), c.preferred_time)}</p>
                                })}
                                <h2 class="utrecht-heading-2">{lang.t("resident-callbacks-your-question")}</h2>
                                <p class="message__body">{c.question.clone()}</p>
                                {open.then(|| view! {
                                    <FormFeedback error=info_error/>
                                    <form method="post" action="/api/add_callback_info" class="form">
                                        <input type="hidden" name="id" value=id.clone()/>
                                        <label for="info">{lang.t("resident-callbacks-add-something-to-your-question")}</label>
                                        <textarea id="info" name="info" rows="3" maxlength="2000" required=true class="form__input form__textarea"></textarea>
                                        <button type="submit" class="utrecht-button utrecht-button--secondary">{lang.t("resident-callbacks-add")}</button>
                                    </form>
                                    <form method="post" action="/api/cancel_callback" class="form">
                                        <input type="hidden" name="id" value=id.clone()/>
                                        <button type="submit" class="utrecht-button utrecht-button--secondary">{lang.t("resident-callbacks-i-no-longer-need-a-call")}</button>
                                    </form>
                                })}
                                <p class="utrecht-paragraph"><a class="utrecht-link" href="/mijn">{lang.t("resident-callbacks-back-to-my-overview")}</a></p>
                            }.into_any()
                        }
                        Err(error) => view! { <ErrorNotice error/> }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
}
