//! `/staff/verwerkingen`: the privacy officer searches the processing log
//! by resident and period, and downloads what they found as CSV.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::api::processing_log::search_processing_log;
use crate::components::{
    error_notice::ErrorNotice,
    form_feedback::{form_error, FormFeedback},
};
use crate::i18n::use_lang;
use crate::model::ids::ResidentId;

#[component]
pub fn ProcessingLogSearch() -> impl IntoView {
    let lang = use_lang();
    let query = use_query_map();
    let resident = query.with_untracked(|q| q.get("inwoner").and_then(|r| r.parse::<ResidentId>().ok()));
    let unknown = query.with_untracked(|q| q.get("onbekend").is_some());
    let from = query.with_untracked(|q| q.get("van")).unwrap_or_default();
    let until = query.with_untracked(|q| q.get("tot")).unwrap_or_default();
    let error = form_error("processing_log_subject");
    let (f, u) = (from.clone(), until.clone());
    let rows = Resource::new_blocking(move || (resident, f.clone(), u.clone()), |(resident, from, until)| search_processing_log(resident, Some(from), Some(until)));
    let export = format!(
        "/staff/verwerkingen/export?{}van={from}&tot={until}",
        resident.map(|r| format!("inwoner={r}&")).unwrap_or_default()
    );
    view! {
        <Title text=lang.t("staff-processing-log-title")/>
        <p><a class="utrecht-link" href="/staff">{lang.t("staff-cases-back-to-the-workspace")}</a></p>
        <h1 class="utrecht-heading-1">{lang.t("staff-processing-log-title")}</h1>
        <p class="utrecht-paragraph">{lang.t("staff-processing-log-explanation")}</p>
        <FormFeedback error/>
        {unknown.then(|| view! { <div class="notice notice--warning" role="status"><p class="utrecht-paragraph">{lang.t("staff-residents-nobody-found")}</p></div> })}
        <form method="post" action="/api/processing_log_subject" class="form" role="search">
            <label for="bsn">{lang.t("staff-processing-log-bsn")}</label>
            <input id="bsn" name="bsn" type="text" inputmode="numeric" minlength="8" maxlength="9" required=true autocomplete="off" class="form__input form__input--short"/>
            <label for="from">{lang.t("staff-processing-log-from")}</label>
            <input id="from" name="from" type="date" value=from.clone() class="form__input form__input--short"/>
            <label for="until">{lang.t("staff-processing-log-until")}</label>
            <input id="until" name="until" type="date" value=until.clone() class="form__input form__input--short"/>
            <button type="submit" class="utrecht-button utrecht-button--primary">{lang.t("staff-residents-search")}</button>
        </form>
        {resident.map(|_| view! { <p class="utrecht-paragraph"><a class="utrecht-link" href="/staff/verwerkingen">{lang.t("staff-processing-log-everyone")}</a></p> })}
        <p class="utrecht-paragraph"><a class="utrecht-link" href=export download="verwerkingenlog.csv">{lang.t("staff-processing-log-download")}</a></p>
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match rows.await {
                    Ok(rows) if rows.is_empty() => view! { <p class="utrecht-paragraph">{lang.t("staff-processing-log-nothing")}</p> }.into_any(),
                    Ok(rows) => view! {
                        <p class="utrecht-paragraph">{lang.t("staff-processing-log-newest")}</p>
                        <div class="table-scroll" tabindex="0" role="region" aria-label=lang.t("staff-processing-log-title")>
                            <table class="data-table">
                                <caption class="visually-hidden">{lang.t("staff-processing-log-title")}</caption>
                                <thead><tr>
                                    <th scope="col">{lang.t("staff-processing-log-when")}</th>
                                    <th scope="col">{lang.t("staff-processing-log-who")}</th>
                                    <th scope="col">"BSN"</th>
                                    <th scope="col">{lang.t("staff-processing-log-what")}</th>
                                    <th scope="col">{lang.t("staff-processing-log-purpose")}</th>
                                    <th scope="col">{lang.t("staff-processing-log-reason")}</th>
                                </tr></thead>
                                <tbody>
                                    {rows.into_iter().map(|e| view! {
                                        <tr>
                                            <td>{e.at}</td>
                                            <td>{format!("{} ({}{})", e.staff, e.role, if e.team.is_empty() { String::new() } else { format!(", {}", e.team) })}</td>
                                            <td>{e.resident}</td>
                                            <td>{format!("{} {} {}", e.operation, e.category, e.object)}</td>
                                            <td>{format!("{} ({})", e.purpose, e.legal_ground)}</td>
                                            <td>{e.reason}</td>
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
