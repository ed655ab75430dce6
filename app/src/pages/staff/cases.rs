//! `/staff/zaken` and `/staff/zaken/{id}`: the simple staff case screen.
//! Staff move a case to its next status; that drives the resident's view.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::api::case::{get_case_for_staff, list_open_cases};
use crate::components::error_notice::ErrorNotice;
use crate::components::form_feedback::{form_error, FormFeedback};
use crate::error::AppError;
use crate::i18n::{format_date, use_lang, Lang};
use crate::model::{
    appointment::Product,
    case::{format_euros, StaffTodo, StepState, TodoKind},
    ids::CaseId,
};

#[component]
pub fn StaffCases() -> impl IntoView {
    let lang = use_lang();
    let cases = Resource::new_blocking(|| (), |_| list_open_cases());
    view! {
        <Title text=lang.t("staff-cases-cases")/>
        <p><a class="utrecht-link" href="/staff">{lang.t("staff-cases-back-to-the-workspace")}</a></p>
        <h1 class="utrecht-heading-1">{lang.t("staff-cases-open-cases")}</h1>
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match cases.await {
                    Ok(cases) if cases.is_empty() => view! { <p class="utrecht-paragraph">{lang.t("staff-cases-there-are-no-open-cases")}</p> }.into_any(),
                    Ok(cases) => view! {
                        <div class="table-scroll" tabindex="0" role="region" aria-label=lang.t("staff-cases-open-cases")>
                            <table class="data-table">
                                <caption class="visually-hidden">{lang.t("staff-cases-open-cases-most-recently-changed-first")}</caption>
                                <thead><tr>
                                    <th scope="col">{lang.t("case-card-case-number")}</th>
                                    <th scope="col">{lang.t("staff-cases-type")}</th>
                                    <th scope="col">{lang.t("case-card-status")}</th>
                                </tr></thead>
                                <tbody>
                                    {cases.into_iter().map(|c| view! {
                                        <tr>
                                            <td><a class="utrecht-link" href={crate::path::staff_case(c.id)}>{c.reference}</a></td>
                                            <td>{c.case_type}</td>
                                            <td>{c.status}</td>
                                        </tr>
                                    }).collect_view()}
                                </tbody>
                            </table>
                        </div>
                    }.into_any(),
                    Err(error) => view! { <ErrorNotice error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
pub fn StaffCase() -> impl IntoView {
    let lang = use_lang();
    let id = use_params_map().with_untracked(|p| p.get("id")).and_then(|raw| raw.parse::<CaseId>().ok());
    let query = use_query_map();
    let updated = query.with_untracked(|q| q.get("bijgewerkt").is_some());
    let added = query.with_untracked(|q| q.get("document").is_some());
    let asked = query.with_untracked(|q| q.get("gevraagd").is_some());
    let booked = query.with_untracked(|q| q.get("afspraak").is_some());
    let ask_error = form_error("ask_todo");
    let failure = query.with_untracked(|q| q.get("fout")).map(|code| match code.as_str() {
        "type" => lang.t("staff-cases-only-pdf-jpg-or-png-nothing"),
        "groot" => lang.t("staff-cases-the-file-is-larger-than-10"),
        "titel" => lang.t("staff-cases-give-the-document-a-title-of"),
        "leeg" => lang.t("staff-cases-choose-a-file-nothing-was-added"),
        _ => lang.t("staff-cases-adding-failed-nothing-was-added"),
    });
    let detail = Resource::new_blocking(move || id, |id| async move {
        match id {
            Some(id) => get_case_for_staff(id).await,
            None => Err(AppError::NotFound),
        }
    });
    view! {
        <Suspense fallback=|| ()>
            {move || { let ask_error = ask_error.clone(); Suspend::new(async move {
                match detail.await {
                    Ok(detail) => {
                        let case = detail.case.summary;
                        let todos = todo_list(lang, detail.todos);
                        let contacts = contact_list(lang, detail.contacts);
                        let ask = ask_form(lang, case.id, detail.products, detail.payments, ask_error);
                        let documents = if detail.case.documents.is_empty() {
                            view! { <p class="utrecht-paragraph">{lang.t("staff-cases-no-documents-yet")}</p> }.into_any()
                        } else {
                            view! {
                                <ul class="document-list">
                                    {detail.case.documents.into_iter().map(|d| {
                                        let who = if d.from_resident { lang.t("staff-cases-sent-by-the-resident") } else { lang.t("staff-cases-added-by-the-municipality") };
                                        let kb = (d.size_bytes + 1023) / 1024;
                                        view! {
                                            <li>
                                                <a class="utrecht-link" href=crate::path::staff_document(case.id, d.id) download=d.file_name.clone()>{d.title}</a>
                                                {format!(" ({}, {kb} KB, {who}, {})", d.file_name, format_date(lang, d.added_on))}
                                            </li>
                                        }
                                    }).collect_view()}
                                </ul>
                            }.into_any()
                        };
                        let steps = detail.case.timeline.into_iter().map(|s| {
                            let mark = match s.state {
                                StepState::Done => lang.t("staff-cases-done"),
                                StepState::Current => lang.t("staff-cases-now"),
                                StepState::Upcoming => lang.t("staff-cases-not-yet"),
                            };
                            let when = s.reached_on.map(|d| format!(", {}", format_date(lang, d))).unwrap_or_default();
                            view! { <li>{format!("{} ({mark}{when})", s.name)}</li> }
                        }).collect_view();
                        let action = detail.next_status.zip(detail.next_sequence).map(|(next, to)| view! {
                            <form method="post" action="/api/advance_case">
                                <input type="hidden" name="id" value=case.id.to_string()/>
                                <input type="hidden" name="to" value=to.to_string()/>
                                <button type="submit" class="utrecht-button utrecht-button--primary-action">
                                    {match lang { Lang::Nl => format!("Zet door naar: {next}"), Lang::En => format!("Move on to: {next}") }}
                                </button>
                            </form>
                        });
                        view! {
                            <Title text=case.reference.clone()/>
                            <p><a class="utrecht-link" href="/staff/zaken">{lang.t("staff-cases-back-to-the-cases")}</a></p>
                            <h1 class="utrecht-heading-1">{format!("{} {}", case.case_type, case.reference)}</h1>
                            {updated.then(|| view! { <div class="notice notice--ok" role="status"><p class="utrecht-paragraph">{lang.t("staff-cases-the-status-has-been-updated-the")}</p></div> })}
                            <p class="utrecht-paragraph">{format!("{}: {}", lang.t("case-card-status"), case.status)}</p>
                            <ol class="utrecht-paragraph">{steps}</ol>
                            {action}
                            {detail.from_case_system.then(|| view! { <p class="utrecht-paragraph">{lang.t("staff-cases-from-the-case-system")}</p> })}
                            {booked.then(|| view! { <div class="notice notice--ok" role="status"><p class="utrecht-paragraph">{lang.t("staff-cases-the-appointment-has-been-made")}</p></div> })}
                            {(!case.closed).then(|| view! {
                                <p class="utrecht-paragraph"><a class="utrecht-link" href=crate::path::staff_case_appointment(case.id)>{lang.t("staff-appointments-make-an-appointment")}</a></p>
                            })}
                            <h2 id="te-doen" class="utrecht-heading-2">{lang.t("staff-cases-what-the-resident-needs-to-do")}</h2>
                            {asked.then(|| view! { <div class="notice notice--ok" role="status"><p class="utrecht-paragraph">{lang.t("staff-cases-the-to-do-has-been-added")}</p></div> })}
                            {todos}
                            {(!case.closed).then(|| ask)}
                            <h2 class="utrecht-heading-2">{lang.t("staff-cases-documents")}</h2>
                            {documents}
                            <h2 id="contacten" class="utrecht-heading-2">{lang.t("staff-cases-contacts")}</h2>
                            {contacts}
                            <h2 class="utrecht-heading-2">{lang.t("staff-cases-add-a-document")}</h2>
                            {added.then(|| view! { <div class="notice notice--ok" role="status"><p class="utrecht-paragraph">{lang.t("staff-cases-the-document-has-been-added-the")}</p></div> })}
                            {failure.map(|text| view! { <div class="error-notice" role="alert"><p class="utrecht-paragraph">{text}</p></div> })}
                            <form method="post" action=format!("/staff/zaken/{}/documenten", case.id) enctype="multipart/form-data" class="upload">
                                <p><label for="document-titel">{lang.t("staff-cases-title")}</label><br/>
                                    <input id="document-titel" type="text" name="title" required=true maxlength="200"/></p>
                                <p><label for="document-bestand">{lang.t("staff-cases-file-pdf-jpg-or-png-at")}</label><br/>
                                    <input id="document-bestand" type="file" name="file" accept="application/pdf,image/jpeg,image/png" required=true/></p>
                                <button type="submit" class="utrecht-button utrecht-button--secondary">{lang.t("staff-cases-add-document")}</button>
                            </form>
                            <p class="card__meta">{lang.t("staff-cases-you-are-viewing-this-case-for")}</p>
                        }.into_any()
                    }
                    Err(error) => view! { <ErrorNotice error/> }.into_any(),
                }
            })}}
        </Suspense>
    }
}

/// The conversations about the case on every channel, each with its channels and state.
fn contact_list(lang: Lang, contacts: Vec<crate::model::conversation::ConversationSummary>) -> AnyView {
    if contacts.is_empty() {
        return view! { <p class="utrecht-paragraph">{lang.t("staff-cases-no-contacts-yet")}</p> }.into_any();
    }
    view! {
        <ul class="card-list">
            {contacts.into_iter().map(|c| view! {
                <li class="card">
                    <p class="utrecht-paragraph"><a class="utrecht-link" href=crate::path::staff_conversation(c.id)>{c.subject}</a></p>
                    <p class="card__meta">{format!("{} · {} · {} · {}", c.channels.iter().map(|ch| ch.label(lang)).collect::<Vec<_>>().join(", "), c.status.staff_label(lang), c.handled_by, c.updated)}</p>
                </li>
            }).collect_view()}
        </ul>
    }
    .into_any()
}

/// The to-dos of the case: open ones with their date, done ones with when and how.
fn todo_list(lang: Lang, todos: Vec<StaffTodo>) -> AnyView {
    if todos.is_empty() {
        return view! { <p class="utrecht-paragraph">{lang.t("staff-cases-nothing-asked-yet")}</p> }.into_any();
    }
    view! {
        <ul class="card-list">
            {todos.into_iter().map(|t| {
                let state = match t.done_on {
                    Some(day) => format!("{} {}", lang.t("staff-cases-done-on"), format_date(lang, day)),
                    None if t.reminded => format!("{} {} ({})", lang.t("staff-cases-open-due"), format_date(lang, t.todo.due_on), lang.t("staff-cases-reminder-sent")),
                    None => format!("{} {}", lang.t("staff-cases-open-due"), format_date(lang, t.todo.due_on)),
                };
                let how = t.answer.map(|a| format!("{}: {a}", lang.t("staff-cases-answer"))).or(t.appointment.map(|a| format!("{}: {a}", lang.t("staff-cases-appointment"))));
                view! {
                    <li class="card">
                        <h3 class="utrecht-heading-3">{t.todo.title}</h3>
                        <p class="card__meta">{match t.todo.amount_cents {
                            Some(cents) => format!("{} {} · {state}", kind_label(lang, t.todo.kind), format_euros(cents)),
                            None => format!("{} · {state}", kind_label(lang, t.todo.kind)),
                        }}</p>
                        {how.map(|h| view! { <p class="utrecht-paragraph">{h}</p> })}
                    </li>
                }
            }).collect_view()}
        </ul>
    }.into_any()
}

fn kind_label(lang: Lang, kind: TodoKind) -> &'static str {
    match kind {
        TodoKind::Upload => lang.t("todo-kind-upload"),
        TodoKind::Answer => lang.t("todo-kind-answer"),
        TodoKind::Pay => lang.t("todo-kind-pay"),
        TodoKind::Appointment => lang.t("todo-kind-appointment"),
        TodoKind::Arrange => lang.t("todo-kind-arrange"),
    }
}

/// Asking the resident for something: the kind, what, by when, and a
/// question's choices or an appointment's product (ignored for other kinds).
fn ask_form(lang: Lang, case: CaseId, products: Vec<Product>, payments: bool, error: Option<AppError>) -> impl IntoView {
    let kinds: Vec<TodoKind> = TodoKind::ALL.into_iter().filter(|k| payments || *k != TodoKind::Pay).collect();
    view! {
        <h3 class="utrecht-heading-3">{lang.t("staff-cases-ask-the-resident")}</h3>
        <FormFeedback error/>
        <form method="post" action="/api/ask_todo" class="upload">
            <input type="hidden" name="case" value=case.to_string()/>
            <p><label for="todo-soort">{lang.t("staff-cases-kind")}</label><br/>
                <select id="todo-soort" name="kind">
                    {kinds.into_iter().map(|k| view! { <option value=k.code()>{kind_label(lang, k)}</option> }).collect_view()}
                </select></p>
            <p><label for="todo-titel">{lang.t("staff-cases-what-do-you-ask")}</label><br/>
                <input id="todo-titel" type="text" name="title" required=true maxlength="120"/></p>
            <p><label for="todo-uitleg">{lang.t("staff-cases-explanation-for-the-resident")}</label><br/>
                <textarea id="todo-uitleg" name="description" rows="3" maxlength="1000"></textarea></p>
            <p><label for="todo-datum">{lang.t("staff-cases-by-when")}</label><br/>
                <input id="todo-datum" type="date" name="due_on" required=true/></p>
            <p><label for="todo-keuzes">{lang.t("staff-cases-choices-for-a-question")}</label><br/>
                <textarea id="todo-keuzes" name="choices" rows="3" aria-describedby="todo-keuzes-uitleg"></textarea>
                <br/><span id="todo-keuzes-uitleg" class="card__meta">{lang.t("staff-cases-one-choice-per-line")}</span></p>
            <p><label for="todo-product">{lang.t("staff-cases-appointment-for")}</label><br/>
                <select id="todo-product" name="product">
                    <option value="">{lang.t("staff-cases-not-an-appointment")}</option>
                    {products.into_iter().map(|p| view! { <option value=p.id.to_string()>{p.name}</option> }).collect_view()}
                </select></p>
            {payments.then(|| view! {
                <p><label for="todo-bedrag">{lang.t("staff-cases-amount-for-a-payment")}</label><br/>
                    <input id="todo-bedrag" type="text" name="amount" inputmode="decimal" autocomplete="off" maxlength="12"/></p>
            })}
            <button type="submit" class="utrecht-button utrecht-button--secondary">{lang.t("staff-cases-ask")}</button>
        </form>
    }
}
