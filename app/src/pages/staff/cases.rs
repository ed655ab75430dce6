//! `/staff/zaken` and `/staff/zaken/{id}`: the simple staff case screen.
//! Staff move a case to its next status; that drives the resident's view.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::api::case::{get_case_for_staff, list_open_cases};
use crate::components::error_notice::ErrorNotice;
use crate::error::AppError;
use crate::i18n::{format_date, use_lang, Lang};
use crate::model::{case::StepState, ids::CaseId};

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
            {move || Suspend::new(async move {
                match detail.await {
                    Ok(detail) => {
                        let case = detail.case.summary;
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
                            <h2 class="utrecht-heading-2">{lang.t("staff-cases-documents")}</h2>
                            {documents}
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
            })}
        </Suspense>
    }
}
