//! Callback requests in the staff workspace: the worklists (mine, my
//! team's, overdue, escalated; the most urgent first, with counts), one
//! request with its intake and history and the forms to handle it, the
//! form to create one (during a call, at the counter, from a
//! conversation: choose the type first, then its questions), and the
//! administrator's terms and questions per type.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::api::callback::{callback_types, callback_worklist, get_callback, get_callback_form};
use crate::components::{
    error_notice::ErrorNotice,
    form_feedback::{form_error, FormFeedback},
};
use crate::error::AppError;
use crate::i18n::use_lang;
use crate::model::callback::CallbackStatus;
use crate::model::ids::{CallbackId, ConversationId};

#[component]
pub fn StaffCallbacks() -> impl IntoView {
    let lang = use_lang();
    let query = use_query_map();
    let list = query.with_untracked(|q| q.get("lijst").unwrap_or_else(|| "mijn".into()));
    let team = query.with_untracked(|q| q.get("team"));
    let current = list.clone();
    let page = Resource::new_blocking(move || (list.clone(), team.clone()), |(list, team)| callback_worklist(list, team));
    view! {
        <Title text=lang.t("resident-callbacks-callback-requests")/>
        <h1 class="utrecht-heading-1">{lang.t("resident-callbacks-callback-requests")}</h1>
        <p><a class="utrecht-link" href="/staff/terugbellen/nieuw">{lang.t("staff-callbacks-new-callback-request")}</a></p>
        <Suspense fallback=|| ()>
            {move || {
                let current = current.clone();
                Suspend::new(async move {
                    match page.await {
                        Ok(w) => {
                            let tab = |code: &'static str, label: String| {
                                let selected = current == code;
                                view! { <li><a class="utrecht-link" href=format!("/staff/terugbellen?lijst={code}") aria-current=selected.then_some("page")>{label}</a></li> }
                            };
                            view! {
                                <nav aria-label=lang.t("staff-callbacks-worklists")>
                                    <ul class="filters">
                                        {tab("mijn", format!("{} ({})", lang.t("staff-callbacks-mine"), w.mine))}
                                        {tab("team", format!("{} ({})", lang.t("staff-callbacks-my-team-s"), w.team))}
                                        {tab("te-laat", format!("{} ({})", lang.t("staff-callbacks-overdue"), w.overdue))}
                                        {tab("opgeschaald", format!("{} ({})", lang.t("staff-callbacks-escalated"), w.escalated))}
                                    </ul>
                                </nav>
                                {if w.items.is_empty() {
                                    view! { <p class="utrecht-paragraph">{lang.t("staff-callbacks-nothing-on-this-list")}</p> }.into_any()
                                } else {
                                    view! {
                                        <div class="table-scroll" tabindex="0" role="region" aria-label=lang.t("resident-callbacks-callback-requests")>
                                            <table class="data-table">
                                                <thead><tr>
                                                    <th scope="col">{lang.t("staff-callbacks-topic")}</th>
                                                    <th scope="col">{lang.t("staff-callbacks-owner")}</th>
                                                    <th scope="col">{lang.t("resident-case-detail-by")}</th>
                                                    <th scope="col">{lang.t("staff-callbacks-state")}</th>
                                                </tr></thead>
                                                <tbody>
                                                    {w.items.into_iter().map(|c| {
                                                        let state = if c.escalated {
                                                            lang.t("staff-callbacks-escalated").to_string()
                                                        } else if c.overdue {
                                                            format!("{} ({} {})", lang.t("staff-callbacks-overdue"), c.reminders, lang.t("staff-callbacks-reminders"))
                                                        } else {
                                                            lang.t("staff-callbacks-on-time").to_string()
                                                        };
                                                        view! {
                                                            <tr>
                                                                <td><a class="utrecht-link" href={crate::path::staff_callback(c.id)}>{c.topic}</a></td>
                                                                <td>{c.owner}</td>
                                                                <td>{c.due}</td>
                                                                <td>{state}</td>
                                                            </tr>
                                                        }
                                                    }).collect_view()}
                                                </tbody>
                                            </table>
                                        </div>
                                    }.into_any()
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

#[component]
pub fn StaffCallbackPage() -> impl IntoView {
    let lang = use_lang();
    let id = use_params_map().with_untracked(|p| p.get("id").and_then(|id| id.parse::<CallbackId>().ok()));
    let saved = use_query_map().with_untracked(|q| q.get("aangemaakt").is_some() || q.get("bijgewerkt").is_some() || q.get("afgehandeld").is_some());
    let errors = (form_error("record_callback_attempt"), form_error("hand_over_callback"), form_error("close_callback"));
    let page = Resource::new_blocking(move || id, |id| async move { get_callback(id.ok_or(AppError::NotFound)?).await });
    view! {
        <p><a class="utrecht-link" href="/staff/terugbellen">{lang.t("staff-callbacks-back-to-the-worklist")}</a></p>
        <Suspense fallback=|| ()>
            {move || {
                let (attempt_error, handover_error, close_error) = errors.clone();
                Suspend::new(async move {
                    match page.await {
                        Ok(c) => {
                            let id = c.id.to_string();
                            let open = c.status == CallbackStatus::Open;
                            let targets: Vec<(String, String)> = c.teams.iter().map(|t| (format!("team:{}", t.value), format!("{} {}", lang.t("callback-team"), t.label)))
                                .chain(c.colleagues.iter().map(|s| (format!("staff:{}", s.value), s.label.clone())))
                                .collect();
                            view! {
                                <Title text=c.topic.clone()/>
                                <h1 class="utrecht-heading-1">{format!("{}: {}", lang.t("resident-callbacks-callback-request"), c.topic)}</h1>
                                {saved.then(|| view! { <div class="notice notice--ok" role="status"><p class="utrecht-paragraph">{lang.t("resident-contact-address-saved")}</p></div> })}
                                {c.escalated.then(|| view! { <div class="notice notice--warning" role="note"><p class="utrecht-paragraph">{format!("{} {}.", lang.t("staff-callbacks-escalated-after-three-reminders-to"), c.backup)}</p></div> })}
                                <dl class="contact-list">
                                    <dt>{lang.t("staff-callbacks-call")}</dt><dd><a class="utrecht-link" href=format!("tel:{}", c.phone)>{c.phone.clone()}</a></dd>
                                    <dt>{lang.t("staff-callbacks-preferably")}</dt><dd>{if c.preferred_time.is_empty() { "-".to_string() } else { c.preferred_time.clone() }}</dd>
                                    <dt>{lang.t("staff-callbacks-state")}</dt><dd>{c.status.label(lang)}</dd>
                                    <dt>{lang.t("staff-callbacks-owner")}</dt><dd>{c.owner.clone()}</dd>
                                    <dt>{lang.t("staff-callbacks-backup")}</dt><dd>{c.backup.clone()}</dd>
                                    <dt>{lang.t("resident-case-detail-by")}</dt><dd>{format!("{}{}", c.due, if c.overdue { lang.t("staff-callbacks-overdue-2") } else { "" })}</dd>
                                    <dt>{lang.t("staff-callbacks-reminders-2")}</dt><dd>{c.reminders}</dd>
                                    {c.result.clone().map(|r| view! { <dt>{lang.t("staff-callbacks-result")}</dt><dd>{r}</dd> })}
                                    {c.conversation.map(|conv| view! { <dt>{lang.t("staff-callbacks-conversation")}</dt><dd><a class="utrecht-link" href=format!("/staff/gesprekken/{conv}")>{lang.t("staff-callbacks-open-the-conversation")}</a></dd> })}
                                </dl>
                                <h2 class="utrecht-heading-2">{lang.t("staff-answers-question")}</h2>
                                <p class="message__body">{c.question.clone()}</p>
                                {(!c.answers.is_empty()).then(|| view! {
                                    <dl class="contact-list">
                                        {c.answers.iter().map(|(q, a)| view! { <dt>{q.clone()}</dt><dd>{if a.is_empty() { "-".to_string() } else { a.clone() }}</dd> }).collect_view()}
                                    </dl>
                                })}
                                {open.then(|| view! {
                                    <h2 class="utrecht-heading-2">{lang.t("staff-callbacks-record-a-contact-attempt")}</h2>
                                    <FormFeedback error=attempt_error/>
                                    <form method="post" action="/api/record_callback_attempt" class="form">
                                        <input type="hidden" name="id" value=id.clone()/>
                                        <label for="attempt-channel">{lang.t("staff-callbacks-how")}</label>
                                        <select id="attempt-channel" name="channel" class="form__input">
                                            <option value="phone">{lang.t("model-conversation-phone")}</option>
                                            <option value="email">{lang.t("model-conversation-e-mail")}</option>
                                            <option value="sms">"SMS"</option>
                                            <option value="whatsapp">"WhatsApp"</option>
                                        </select>
                                        <fieldset class="form__fieldset">
                                            <legend>{lang.t("staff-callbacks-reached")}</legend>
                                            <div class="form__choice"><input type="radio" id="reached-ja" name="reached" value="ja" required=true/><label for="reached-ja">{lang.t("staff-callbacks-yes")}</label></div>
                                            <div class="form__choice"><input type="radio" id="reached-nee" name="reached" value="nee"/><label for="reached-nee">{lang.t("staff-callbacks-no")}</label></div>
                                        </fieldset>
                                        <label for="attempt-note">{lang.t("staff-callbacks-note")}</label>
                                        <textarea id="attempt-note" name="note" rows="2" maxlength="2000" class="form__input form__textarea"></textarea>
                                        <button type="submit" class="utrecht-button utrecht-button--secondary">{lang.t("staff-callbacks-record")}</button>
                                    </form>
                                    <h2 class="utrecht-heading-2">{lang.t("staff-callbacks-hand-over")}</h2>
                                    <FormFeedback error=handover_error/>
                                    <form method="post" action="/api/hand_over_callback" class="form">
                                        <input type="hidden" name="id" value=id.clone()/>
                                        <label for="to">{lang.t("staff-callbacks-to")}</label>
                                        <select id="to" name="to" class="form__input">
                                            {targets.into_iter().map(|(value, label)| view! { <option value=value>{label}</option> }).collect_view()}
                                        </select>
                                        <label for="reason">{lang.t("staff-callbacks-why")}</label>
                                        <input id="reason" name="reason" type="text" maxlength="2000" required=true class="form__input"/>
                                        <button type="submit" class="utrecht-button utrecht-button--secondary">{lang.t("staff-callbacks-hand-over")}</button>
                                    </form>
                                    <h2 class="utrecht-heading-2">{lang.t("staff-callbacks-close")}</h2>
                                    <FormFeedback error=close_error/>
                                    <form method="post" action="/api/close_callback" class="form">
                                        <input type="hidden" name="id" value=id.clone()/>
                                        <label for="result">{lang.t("staff-callbacks-result-what-was-agreed")}</label>
                                        <input id="result" name="result" type="text" maxlength="2000" required=true class="form__input"/>
                                        <button type="submit" class="utrecht-button utrecht-button--primary-action">{lang.t("staff-callbacks-close")}</button>
                                    </form>
                                })}
                                <h2 class="utrecht-heading-2">{lang.t("resident-consent-history")}</h2>
                                <ol class="consent-history">
                                    {c.history.into_iter().map(|e| view! {
                                        <li>{format!("{} · {}{}{}", e.at, e.what, e.who.map(|w| format!(" · {w}")).unwrap_or_default(), e.note.map(|n| format!(": {n}")).unwrap_or_default())}</li>
                                    }).collect_view()}
                                </ol>
                            }.into_any()
                        }
                        Err(error) => view! { <ErrorNotice error/> }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
}

/// `/staff/terugbellen/nieuw?gesprek=<id>&soort=<type>`: first the type, then its intake.
#[component]
pub fn StaffNewCallback() -> impl IntoView {
    let lang = use_lang();
    let query = use_query_map();
    let conversation = query.with_untracked(|q| q.get("gesprek").and_then(|c| c.parse::<ConversationId>().ok()));
    let chosen = query.with_untracked(|q| q.get("soort"));
    let error = form_error("create_callback");
    let form = Resource::new_blocking(move || conversation, get_callback_form);
    view! {
        <Title text=lang.t("staff-callbacks-new-callback-request")/>
        <h1 class="utrecht-heading-1">{lang.t("staff-callbacks-new-callback-request")}</h1>
        <Suspense fallback=|| ()>
            {move || {
                let (error, chosen) = (error.clone(), chosen.clone());
                Suspend::new(async move {
                    match form.await {
                        Ok(form) => {
                            let kind = chosen.as_ref().and_then(|c| form.types.iter().find(|t| &t.id == c).cloned());
                            let conversation_field = conversation.map(|c| c.to_string()).unwrap_or_default();
                            view! {
                                <form method="get" action="/staff/terugbellen/nieuw" class="form">
                                    {conversation.map(|c| view! { <input type="hidden" name="gesprek" value=c.to_string()/> })}
                                    <label for="soort">{lang.t("staff-callbacks-kind-of-request")}</label>
                                    <select id="soort" name="soort" class="form__input">
                                        {form.types.iter().map(|t| view! { <option value=t.id.clone() selected=chosen.as_deref() == Some(t.id.as_str())>{format!("{} ({})", t.name, t.team)}</option> }).collect_view()}
                                    </select>
                                    <button type="submit" class="utrecht-button utrecht-button--secondary">{lang.t("staff-callbacks-choose")}</button>
                                </form>
                                {kind.map(|kind| view! {
                                    <FormFeedback error=error.clone()/>
                                    <form method="post" action="/api/create_callback" class="form">
                                        <input type="hidden" name="client_id" value=form.client_id.clone()/>
                                        <input type="hidden" name="callback_type" value=kind.id.clone()/>
                                        {(!conversation_field.is_empty()).then(|| view! { <input type="hidden" name="conversation" value=conversation_field.clone()/> })}
                                        <label for="cb-phone">{lang.t("staff-callbacks-number-to-call")}</label>
                                        <input id="cb-phone" name="phone" type="tel" maxlength="20" required=true class="form__input form__input--short" value=form.phone.clone()/>
                                        <label for="cb-time">{lang.t("staff-callbacks-best-time-optional")}</label>
                                        <input id="cb-time" name="preferred_time" type="text" maxlength="100" class="form__input"/>
                                        <label for="cb-question">{lang.t("staff-callbacks-the-resident-s-question")}</label>
                                        <textarea id="cb-question" name="question" rows="3" maxlength="2000" required=true class="form__input form__textarea"></textarea>
                                        {kind.questions.iter().take(3).enumerate().map(|(i, q)| {
                                            let id = format!("answer{}", i + 1);
                                            view! {
                                                <label for=id.clone()>{q.clone()}</label>
                                                <input id=id.clone() name=id type="text" maxlength="500" class="form__input"/>
                                            }
                                        }).collect_view()}
                                        <label for="owner">{lang.t("staff-callbacks-owner")}</label>
                                        <select id="owner" name="owner" class="form__input">
                                            <option value="team">{format!("{} {}", lang.t("callback-team"), kind.team)}</option>
                                            <option value="me">{lang.t("staff-callbacks-me")}</option>
                                        </select>
                                        <button type="submit" class="utrecht-button utrecht-button--primary-action">{lang.t("staff-callbacks-create-callback-request")}</button>
                                    </form>
                                })}
                            }.into_any()
                        }
                        Err(error) => view! { <ErrorNotice error/> }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
}

/// `/staff/terugbellen/soorten`: the administrator's terms and questions per type.
#[component]
pub fn CallbackTypes() -> impl IntoView {
    let lang = use_lang();
    let saved = use_query_map().with_untracked(|q| q.get("opgeslagen").is_some());
    let error = form_error("update_callback_type");
    let types = Resource::new_blocking(|| (), |_| callback_types());
    view! {
        <Title text=lang.t("staff-callbacks-kinds-of-callback-requests")/>
        <h1 class="utrecht-heading-1">{lang.t("staff-callbacks-kinds-of-callback-requests")}</h1>
        {saved.then(|| view! { <div class="notice notice--ok" role="status"><p class="utrecht-paragraph">{lang.t("resident-contact-address-saved")}</p></div> })}
        <FormFeedback error/>
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match types.await {
                    Ok(types) => types.into_iter().map(|t| {
                        let term = format!("term-{}", t.id);
                        let interval = format!("interval-{}", t.id);
                        let questions = format!("questions-{}", t.id);
                        view! {
                            <section class="form-details">
                                <h2 class="utrecht-heading-2">{format!("{} ({})", t.name, t.team)}</h2>
                                <form method="post" action="/api/update_callback_type" class="form">
                                    <input type="hidden" name="id" value=t.id.clone()/>
                                    <label for=term.clone()>{lang.t("staff-callbacks-term-in-working-hours")}</label>
                                    <input id=term name="term_hours" type="number" min="1" max="400" required=true class="form__input form__input--short" value=t.term_hours.to_string()/>
                                    <label for=interval.clone()>{lang.t("staff-callbacks-reminder-every-so-many-working-hours")}</label>
                                    <input id=interval name="reminder_hours" type="number" min="1" max="80" required=true class="form__input form__input--short" value=t.reminder_hours.to_string()/>
                                    <label for=questions.clone()>{lang.t("staff-callbacks-intake-questions-one-per-line")}</label>
                                    <textarea id=questions name="questions" rows="4" maxlength="2000" class="form__input form__textarea">{t.questions.join("\n")}</textarea>
                                    <button type="submit" class="utrecht-button utrecht-button--secondary">{lang.t("resident-contact-address-save")}</button>
                                </form>
                            </section>
                        }
                    }).collect_view().into_any(),
                    Err(error) => view! { <ErrorNotice error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}
