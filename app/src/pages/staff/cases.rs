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
        <Title text=lang.pick("Zaken", "Cases")/>
        <p><a class="utrecht-link" href="/staff">{lang.pick("Terug naar de werkplek", "Back to the workspace")}</a></p>
        <h1 class="utrecht-heading-1">{lang.pick("Lopende zaken", "Open cases")}</h1>
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match cases.await {
                    Ok(cases) if cases.is_empty() => view! { <p class="utrecht-paragraph">{lang.pick("Er zijn geen lopende zaken.", "There are no open cases.")}</p> }.into_any(),
                    Ok(cases) => view! {
                        <table class="data-table">
                            <caption class="visually-hidden">{lang.pick("Lopende zaken, laatst gewijzigd eerst", "Open cases, most recently changed first")}</caption>
                            <thead><tr>
                                <th scope="col">{lang.pick("Zaaknummer", "Case number")}</th>
                                <th scope="col">{lang.pick("Soort", "Type")}</th>
                                <th scope="col">{lang.pick("Status", "Status")}</th>
                            </tr></thead>
                            <tbody>
                                {cases.into_iter().map(|c| view! {
                                    <tr>
                                        <td><a class="utrecht-link" href=format!("/staff/zaken/{}", c.id)>{c.reference}</a></td>
                                        <td>{c.case_type}</td>
                                        <td>{c.status}</td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
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
        "type" => lang.pick("Alleen PDF, JPG of PNG. Er is niets toegevoegd.", "Only PDF, JPG or PNG. Nothing was added."),
        "groot" => lang.pick("Het bestand is groter dan 10 MB. Er is niets toegevoegd.", "The file is larger than 10 MB. Nothing was added."),
        "titel" => lang.pick(
            "Geef het document een titel van hoogstens 200 tekens. Er is niets toegevoegd.",
            "Give the document a title of at most 200 characters. Nothing was added.",
        ),
        "leeg" => lang.pick("Kies een bestand. Er is niets toegevoegd.", "Choose a file. Nothing was added."),
        _ => lang.pick("Toevoegen is niet gelukt. Er is niets toegevoegd.", "Adding failed. Nothing was added."),
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
                        let steps = detail.case.timeline.into_iter().map(|s| {
                            let mark = match s.state {
                                StepState::Done => lang.pick("klaar", "done"),
                                StepState::Current => lang.pick("nu", "now"),
                                StepState::Upcoming => lang.pick("nog niet", "not yet"),
                            };
                            let when = s.reached_on.map(|d| format!(", {}", format_date(lang, d))).unwrap_or_default();
                            view! { <li>{format!("{} ({mark}{when})", s.name)}</li> }
                        }).collect_view();
                        let action = detail.next_status.map(|next| view! {
                            <form method="post" action="/api/advance_case">
                                <input type="hidden" name="id" value=case.id.to_string()/>
                                <button type="submit" class="utrecht-button utrecht-button--primary-action">
                                    {match lang { Lang::Nl => format!("Zet door naar: {next}"), Lang::En => format!("Move on to: {next}") }}
                                </button>
                            </form>
                        });
                        view! {
                            <Title text=case.reference.clone()/>
                            <p><a class="utrecht-link" href="/staff/zaken">{lang.pick("Terug naar de zaken", "Back to the cases")}</a></p>
                            <h1 class="utrecht-heading-1">{format!("{} {}", case.case_type, case.reference)}</h1>
                            {updated.then(|| view! { <div class="notice notice--ok" role="status"><p class="utrecht-paragraph">{lang.pick("De status is bijgewerkt. De inwoner ziet dit meteen.", "The status has been updated. The resident sees it right away.")}</p></div> })}
                            <p class="utrecht-paragraph">{format!("{}: {}", lang.pick("Status", "Status"), case.status)}</p>
                            <ol class="utrecht-paragraph">{steps}</ol>
                            {action}
                            <h2 class="utrecht-heading-2">{lang.pick("Document toevoegen", "Add a document")}</h2>
                            {added.then(|| view! { <div class="notice notice--ok" role="status"><p class="utrecht-paragraph">{lang.pick("Het document is toegevoegd. De inwoner ziet het bij de zaak.", "The document has been added. The resident sees it in the case.")}</p></div> })}
                            {failure.map(|text| view! { <div class="error-notice" role="alert"><p class="utrecht-paragraph">{text}</p></div> })}
                            <form method="post" action=format!("/staff/zaken/{}/documenten", case.id) enctype="multipart/form-data" class="upload">
                                <p><label for="document-titel">{lang.pick("Titel", "Title")}</label><br/>
                                    <input id="document-titel" type="text" name="title" required=true maxlength="200"/></p>
                                <p><label for="document-bestand">{lang.pick("Bestand (PDF, JPG of PNG, hoogstens 10 MB)", "File (PDF, JPG or PNG, at most 10 MB)")}</label><br/>
                                    <input id="document-bestand" type="file" name="file" accept="application/pdf,image/jpeg,image/png" required=true/></p>
                                <button type="submit" class="utrecht-button utrecht-button--secondary">{lang.pick("Document toevoegen", "Add document")}</button>
                            </form>
                            <p class="card__meta">{lang.pick("Je bekijkt deze zaak voor zaakbehandeling. Dat wordt vastgelegd en de inwoner kan het zien.", "You are viewing this case for case handling. This is recorded and the resident can see it.")}</p>
                        }.into_any()
                    }
                    Err(error) => view! { <ErrorNotice error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}
