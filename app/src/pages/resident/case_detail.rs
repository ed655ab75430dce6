//! `/mijn/zaken/{id}`: one case with its status timeline.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::api::case::get_my_case;
use crate::components::error_notice::ErrorNotice;
use crate::components::form_feedback::{form_error, FormFeedback};
use crate::error::AppError;
use crate::i18n::{format_date, use_lang, Lang};
use crate::api::todo::my_payment;
use crate::model::{
    case::{format_euros, PaymentOutcome, StepState, TodoKind},
    ids::{CaseId, PaymentId},
};

/// The message after doing a to-do (`?verstuurd=1`, `?gedaan=antwoord`,
/// `?gedaan=geregeld`) or failing to send a document (`?fout=...`).
fn upload_outcome(lang: Lang, sent: bool, done: Option<&str>, failure: Option<&str>) -> Option<(bool, &'static str)> {
    if sent {
        return Some((true, lang.t("resident-case-detail-your-document-has-been-sent-thank")));
    }
    match done {
        Some("antwoord") => return Some((true, lang.t("resident-case-detail-thank-you-we-have-received-your-answer"))),
        Some("geregeld") => return Some((true, lang.t("resident-case-detail-thank-you-we-have-noted-that-you-arranged"))),
        _ => {}
    }
    Some((false, match failure? {
        "type" => lang.t("resident-case-detail-we-cannot-use-this-file-send"),
        "groot" => lang.t("resident-case-detail-this-file-is-larger-than-10"),
        "leeg" => lang.t("resident-case-detail-choose-a-file-first-nothing-was"),
        _ => lang.t("resident-case-detail-sending-failed-please-try-again-later"),
    }))
}

#[component]
pub fn CaseDetailPage() -> impl IntoView {
    let lang = use_lang();
    let id = use_params_map().with_untracked(|p| p.get("id")).and_then(|raw| raw.parse::<CaseId>().ok());
    let query = use_query_map();
    let outcome = query.with_untracked(|q| upload_outcome(lang, q.get("verstuurd").is_some(), q.get("gedaan").as_deref(), q.get("fout").as_deref()));
    let answer_error = form_error("answer_todo").or_else(|| form_error("confirm_todo"));
    let payment = query.with_untracked(|q| q.get("betaling")).and_then(|raw| raw.parse::<PaymentId>().ok());
    let detail = Resource::new_blocking(move || id, move |id| async move {
        let id = id.ok_or(AppError::NotFound)?;
        // Back from the payment provider: how it went (the case shows it too, once the provider said so).
        let paid = match payment {
            Some(payment) => Some(my_payment(payment).await?),
            None => None,
        };
        let case = get_my_case(id).await?;
        let conversations = crate::api::conversation::list_my_conversations().await?;
        Ok::<_, AppError>((case, conversations.into_iter().filter(|c| c.case_id == Some(id)).collect::<Vec<_>>(), paid))
    });
    view! {
        <Suspense fallback=|| ()>
            {move || { let answer_error = answer_error.clone(); Suspend::new(async move {
                match detail.await {
                    Ok((detail, conversations, paid)) => {
                        let case = detail.summary;
                        let case_id = case.id;
                        let outcome = outcome.or(paid.map(|paid| match paid {
                            PaymentOutcome::Paid => (true, lang.t("resident-case-detail-your-payment-has-been-received")),
                            PaymentOutcome::Waiting => (true, lang.t("resident-case-detail-we-are-waiting-for-your-bank")),
                            PaymentOutcome::NotPaid => (false, lang.t("resident-case-detail-you-have-not-paid")),
                        }));
                        let message = outcome.map(|(ok, text)| {
                            let class = if ok { "notice notice--ok" } else { "error-notice" };
                            view! { <div class=class role=if ok { "status" } else { "alert" }><p class="utrecht-paragraph">{text}</p></div> }
                        });
                        let todos = (!detail.todos.is_empty()).then(|| {
                            let items = detail.todos.into_iter().map(|todo| {
                                let due = format_date(lang, todo.due_on);
                                let todo_id = todo.id.to_string();
                                let form = match todo.kind {
                                    TodoKind::Upload => {
                                        let input_id = format!("bestand-{}", todo.id);
                                        view! {
                                            <form method="post" action=format!("/mijn/zaken/{case_id}/documenten") enctype="multipart/form-data" class="upload">
                                                <input type="hidden" name="todo" value=todo_id/>
                                                <p>
                                                    <label for=input_id.clone()>{lang.t("resident-case-detail-choose-a-file-pdf-jpg-or")}</label><br/>
                                                    <input id=input_id type="file" name="file" accept="application/pdf,image/jpeg,image/png" required=true/>
                                                </p>
                                                <button type="submit" class="utrecht-button utrecht-button--primary-action">{lang.t("resident-case-detail-send-document")}</button>
                                            </form>
                                        }.into_any()
                                    }
                                    TodoKind::Answer if todo.choices.is_empty() => {
                                        let input_id = format!("antwoord-{}", todo.id);
                                        view! {
                                            <form method="post" action="/api/answer_todo">
                                                <input type="hidden" name="todo" value=todo_id/>
                                                <p>
                                                    <label for=input_id.clone()>{lang.t("resident-case-detail-your-answer")}</label><br/>
                                                    <textarea id=input_id name="answer" rows="4" maxlength="2000" required=true></textarea>
                                                </p>
                                                <button type="submit" class="utrecht-button utrecht-button--primary-action">{lang.t("resident-case-detail-send-answer")}</button>
                                            </form>
                                        }.into_any()
                                    }
                                    TodoKind::Answer => {
                                        let options = todo.choices.iter().enumerate().map(|(i, choice)| {
                                            let id = format!("antwoord-{}-{i}", todo.id);
                                            view! {
                                                <li class="slot-list__item">
                                                    <input type="radio" id=id.clone() name="answer" value=choice.clone() required=true/>
                                                    <label for=id>{choice.clone()}</label>
                                                </li>
                                            }
                                        }).collect_view();
                                        view! {
                                            <form method="post" action="/api/answer_todo">
                                                <input type="hidden" name="todo" value=todo_id/>
                                                <fieldset class="slot-fieldset">
                                                    <legend>{lang.t("resident-case-detail-your-answer")}</legend>
                                                    <ul class="choice-list">{options}</ul>
                                                </fieldset>
                                                <button type="submit" class="utrecht-button utrecht-button--primary-action">{lang.t("resident-case-detail-send-answer")}</button>
                                            </form>
                                        }.into_any()
                                    }
                                    TodoKind::Appointment => view! {
                                        <p><a class="utrecht-button utrecht-button--primary-action" href=crate::path::appointment_todo(case_id, todo.id)>{lang.t("resident-case-detail-choose-a-time")}</a></p>
                                    }.into_any(),
                                    TodoKind::Arrange => view! {
                                        <form method="post" action="/api/confirm_todo">
                                            <input type="hidden" name="todo" value=todo_id/>
                                            <button type="submit" class="utrecht-button utrecht-button--primary-action">{lang.t("resident-case-detail-i-have-arranged-this")}</button>
                                        </form>
                                    }.into_any(),
                                    TodoKind::Pay => match todo.amount_cents {
                                        Some(cents) => view! {
                                            <form method="post" action="/api/pay_todo">
                                                <input type="hidden" name="todo" value=todo_id/>
                                                <p class="utrecht-paragraph">{format!("{}: {}", lang.t("resident-case-detail-amount"), format_euros(cents))}</p>
                                                <button type="submit" class="utrecht-button utrecht-button--primary-action">{lang.t("resident-case-detail-pay")}</button>
                                            </form>
                                        }.into_any(),
                                        None => view! { <p class="utrecht-paragraph">{lang.t("resident-case-detail-paying-online-is-not-possible")}</p> }.into_any(),
                                    },
                                };
                                view! {
                                    <li class="card card--todo">
                                        <h3 class="utrecht-heading-3">{todo.title}</h3>
                                        <p class="utrecht-paragraph">{todo.description}</p>
                                        <p class="utrecht-paragraph"><strong>{format!("{} {due}", lang.t("resident-case-detail-by"))}</strong></p>
                                        {form}
                                    </li>
                                }
                            }).collect_view();
                            view! {
                                <section id="te-doen" aria-labelledby="te-doen-kop">
                                    <h2 id="te-doen-kop" class="utrecht-heading-2">{lang.t("resident-case-detail-what-you-need-to-do")}</h2>
                                    <ul class="card-list">{items}</ul>
                                </section>
                            }
                        });
                        let documents = if detail.documents.is_empty() {
                            view! { <p class="utrecht-paragraph">{lang.t("resident-case-detail-there-are-no-documents-in-this")}</p> }.into_any()
                        } else {
                            view! {
                                <ul class="document-list">
                                    {detail.documents.into_iter().map(|d| {
                                        let href = format!("/mijn/zaken/{case_id}/documenten/{}", d.id);
                                        let who = if d.from_resident { lang.t("resident-case-detail-sent-by-you") } else { lang.t("resident-case-detail-from-the-municipality") };
                                        let kb = (d.size_bytes + 1023) / 1024;
                                        view! {
                                            <li>
                                                <a class="utrecht-link" href=href download=d.file_name.clone()>{d.title}</a>
                                                {format!(" ({}, {kb} KB, {who}, {})", d.file_name, format_date(lang, d.added_on))}
                                            </li>
                                        }
                                    }).collect_view()}
                                </ul>
                            }.into_any()
                        };
                        let steps = detail.timeline.into_iter().map(|step| {
                            let (class, label) = match step.state {
                                StepState::Done => ("timeline__step timeline__step--done", lang.t("resident-case-detail-done")),
                                StepState::Current => ("timeline__step timeline__step--current", lang.t("resident-case-detail-now")),
                                StepState::Upcoming => ("timeline__step timeline__step--upcoming", lang.t("resident-case-detail-not-yet")),
                            };
                            let current = (step.state == StepState::Current).then_some("step");
                            let when = step.reached_on.map(|d| format_date(lang, d)).unwrap_or_default();
                            view! {
                                <li class=class aria-current=current>
                                    <p class="timeline__name"><strong>{step.name}</strong>" "<span class="timeline__state">{format!("({label}{}{when})", if when.is_empty() { "" } else { ", " })}</span></p>
                                    <p class="utrecht-paragraph">{step.explanation}</p>
                                </li>
                            }
                        }).collect_view();
                        view! {
                            <Title text=case.case_type.clone()/>
                            <p><a class="utrecht-link" href="/mijn">{lang.t("resident-callbacks-back-to-my-overview")}</a></p>
                            <h1 class="utrecht-heading-1">{case.case_type.clone()}</h1>
                            {message}
                            <FormFeedback error=answer_error/>
                            {todos}
                            <dl class="contact-list">
                                <dt>{lang.t("case-card-case-number")}</dt><dd>{case.reference.clone()}</dd>
                                <dt>{lang.t("resident-case-detail-started-on")}</dt><dd>{format_date(lang, case.started_on)}</dd>
                                <dt>{lang.t("case-card-status")}</dt><dd>{case.status.clone()}</dd>
                                {case.expected_decision_on.filter(|_| !case.closed).map(|d| view! {
                                    <dt>{lang.t("resident-case-detail-decision-by")}</dt><dd>{format_date(lang, d)}</dd>
                                })}
                            </dl>
                            <h2 class="utrecht-heading-2">{lang.t("resident-case-detail-how-your-case-proceeds")}</h2>
                            <ol class="timeline">{steps}</ol>
                            <h2 class="utrecht-heading-2">{lang.t("resident-case-detail-documents")}</h2>
                            {documents}
                            <h2 class="utrecht-heading-2">{lang.t("resident-case-detail-questions-about-this-case")}</h2>
                            {(!conversations.is_empty()).then(|| view! {
                                <ul class="card-list">
                                    {conversations.into_iter().map(|conversation| view! { <crate::pages::resident::conversations::ConversationCard conversation/> }).collect_view()}
                                </ul>
                            })}
                            <p class="utrecht-paragraph">
                                <a class="utrecht-button utrecht-button--secondary" href=format!("/mijn/berichten/nieuw?zaak={case_id}")>
                                    {lang.t("resident-case-detail-ask-a-question-about-this-case")}
                                </a>
                            </p>
                        }.into_any()
                    }
                    Err(error) => view! { <ErrorNotice error/> }.into_any(),
                }
            })}}
        </Suspense>
    }
}
