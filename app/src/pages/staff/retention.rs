//! `/staff/bewaartermijnen`: retention terms (bewaartermijnen). The
//! functional administrator sets a term per case type and for what has
//! no case type, and can do a dry run; the administrator and the privacy
//! officer read the report of every run (counts only).

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::api::retention::retention_overview;
use crate::components::{
    error_notice::ErrorNotice,
    form_feedback::{form_error, FormFeedback},
};
use crate::i18n::{use_lang, Lang};
use crate::model::retention::{RetentionSettings, RunReport, YEAR_CHOICES};

#[component]
pub fn RetentionPage() -> impl IntoView {
    let lang = use_lang();
    let overview = Resource::new_blocking(|| (), |_| retention_overview());
    let query = use_query_map();
    let saved = query.with_untracked(|q| q.get("opgeslagen").is_some());
    let tried = query.with_untracked(|q| q.get("proef").is_some());
    let errors = [form_error("set_case_type_retention"), form_error("set_retention_term"), form_error("retention_dry_run")];
    let error = errors.into_iter().flatten().next();
    view! {
        <Title text=lang.t("staff-retention-title")/>
        <p><a class="utrecht-link" href="/staff">{lang.t("staff-cases-back-to-the-workspace")}</a></p>
        <h1 class="utrecht-heading-1">{lang.t("staff-retention-title")}</h1>
        <p class="utrecht-paragraph">{lang.t("staff-retention-explanation")}</p>
        {saved.then(|| view! { <div class="notice notice--ok" role="status"><p class="utrecht-paragraph">{lang.t("staff-retention-saved")}</p></div> })}
        {tried.then(|| view! { <div class="notice notice--ok" role="status"><p class="utrecht-paragraph">{lang.t("staff-retention-dry-run-done")}</p></div> })}
        <FormFeedback error/>
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match overview.await {
                    Ok(overview) => view! {
                        {overview.settings.map(|settings| view! { <Terms lang settings/> })}
                        <Reports lang reports=overview.reports/>
                    }.into_any(),
                    Err(error) => view! { <ErrorNotice error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

fn year_options(lang: Lang, chosen: Option<i64>) -> impl IntoView {
    YEAR_CHOICES
        .into_iter()
        .map(|y| {
            let label = match lang {
                Lang::Nl => format!("{y} jaar"),
                Lang::En if y == 1 => "1 year".to_string(),
                Lang::En => format!("{y} years"),
            };
            view! { <option value=y.to_string() selected=chosen == Some(y)>{label}</option> }
        })
        .collect_view()
}

#[component]
fn Terms(lang: Lang, settings: RetentionSettings) -> impl IntoView {
    view! {
        <h2 class="utrecht-heading-2">{lang.t("staff-retention-case-types")}</h2>
        <p class="utrecht-paragraph">{lang.t("staff-retention-case-types-explanation")}</p>
        <ul class="card-list">
            {settings.case_types.into_iter().map(|t| {
                let id = format!("years-{}", t.id);
                let unset = t.years.is_none();
                view! {
                    <li class=if unset { "card card--warning" } else { "card" }>
                        <form method="post" action="/api/set_case_type_retention" class="form">
                            <input type="hidden" name="case_type" value=t.id.to_string()/>
                            <label for=id.clone()>{t.name}</label>
                            <select id=id name="years" class="form__input form__input--short">
                                <option value="" selected=unset>{lang.t("staff-retention-not-set")}</option>
                                {year_options(lang, t.years)}
                            </select>
                            <button type="submit" class="utrecht-button utrecht-button--secondary">{lang.t("staff-retention-save")}</button>
                        </form>
                    </li>
                }
            }).collect_view()}
        </ul>
        <h2 class="utrecht-heading-2">{lang.t("staff-retention-other")}</h2>
        <ul class="card-list">
            {settings.terms.into_iter().map(|t| {
                let id = format!("term-{}", t.category);
                view! {
                    <li class="card">
                        <form method="post" action="/api/set_retention_term" class="form">
                            <input type="hidden" name="category" value=t.category.clone()/>
                            <label for=id.clone()>{t.name}</label>
                            <select id=id name="years" class="form__input form__input--short">{year_options(lang, Some(t.years))}</select>
                            <button type="submit" class="utrecht-button utrecht-button--secondary">{lang.t("staff-retention-save")}</button>
                        </form>
                    </li>
                }
            }).collect_view()}
        </ul>
        <p class="utrecht-paragraph">{lang.t("staff-retention-consent-kept")}</p>
        <form method="post" action="/api/retention_dry_run" class="form">
            <button type="submit" class="utrecht-button utrecht-button--primary-action">{lang.t("staff-retention-dry-run")}</button>
        </form>
    }
}

#[component]
fn Reports(lang: Lang, reports: Vec<RunReport>) -> impl IntoView {
    view! {
        <h2 id="verslagen" class="utrecht-heading-2">{lang.t("staff-retention-reports")}</h2>
        {if reports.is_empty() {
            view! { <p class="utrecht-paragraph">{lang.t("staff-retention-no-reports")}</p> }.into_any()
        } else {
            view! {
                <ul class="card-list">
                    {reports.into_iter().map(|r| view! {
                        <li class="card">
                            <p class="utrecht-paragraph"><strong>{r.at}</strong>{format!(" · {}", if r.dry_run { lang.t("staff-retention-dry") } else { lang.t("staff-retention-real") })}</p>
                            <dl class="contact-list">
                                {r.counts.into_iter().map(|(label, n)| view! { <dt>{label}</dt><dd>{n}</dd> }).collect_view()}
                            </dl>
                        </li>
                    }).collect_view()}
                </ul>
            }.into_any()
        }}
    }
}
