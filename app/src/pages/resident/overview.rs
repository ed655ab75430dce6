//! `/mijn`: the resident's own start page after logging in.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::{case::list_my_cases, session::current_session};
use crate::components::{case_card::CaseCard, error_notice::ErrorNotice, logout::LogoutButton, session_timer::SessionTimer};
use crate::i18n::use_lang;
use crate::model::session::Viewer;

#[component]
pub fn Overview() -> impl IntoView {
    let lang = use_lang();
    let session = Resource::new_blocking(|| (), |_| current_session());
    let cases = Resource::new_blocking(|| (), |_| list_my_cases());
    view! {
        <Title text=lang.pick("Mijn overzicht", "My overview")/>
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match (session.await, cases.await) {
                    (Ok(Some(info)), Ok(cases)) => {
                        let loa = match &info.viewer { Viewer::Resident { loa } => loa.clone(), Viewer::Staff { .. } => String::new() };
                        view! {
                            <h1 class="utrecht-heading-1">{lang.pick("Mijn overzicht", "My overview")}</h1>
                            <p class="utrecht-paragraph">
                                {match lang {
                                    crate::i18n::Lang::Nl => format!("Je bent ingelogd met DigiD (niveau {loa})."),
                                    crate::i18n::Lang::En => format!("You are logged in with DigiD (level {loa})."),
                                }}
                            </p>
                            {(!cases.todos.is_empty()).then(|| view! {
                                <section aria-labelledby="te-doen">
                                    <h2 id="te-doen" class="utrecht-heading-2">{lang.pick("Wat moet je doen", "What you need to do")}</h2>
                                    <ul class="card-list">
                                        {cases.todos.into_iter().map(|todo| {
                                            let href = format!("/mijn/zaken/{}#te-doen", todo.case_id);
                                            let due = crate::i18n::format_date(lang, todo.due_on);
                                            view! {
                                                <li class="card card--todo">
                                                    <h3 class="utrecht-heading-3"><a class="utrecht-link" href=href>{todo.title}</a></h3>
                                                    <p class="card__meta">{todo.case_type}</p>
                                                    <p class="utrecht-paragraph">{format!("{} {due}", lang.pick("Uiterlijk", "By"))}</p>
                                                </li>
                                            }
                                        }).collect_view()}
                                    </ul>
                                </section>
                            })}
                            <section aria-labelledby="lopende-zaken">
                                <h2 id="lopende-zaken" class="utrecht-heading-2">{lang.pick("Lopende zaken", "Cases in progress")}</h2>
                                {if cases.open.is_empty() {
                                    view! { <p class="utrecht-paragraph">{lang.pick("Je hebt op dit moment geen lopende zaken.", "You have no cases in progress at the moment.")}</p> }.into_any()
                                } else {
                                    view! { <ul class="card-list">{cases.open.into_iter().map(|case| view! { <CaseCard case/> }).collect_view()}</ul> }.into_any()
                                }}
                            </section>
                            {(!cases.closed.is_empty()).then(|| {
                                let count = cases.closed.len();
                                view! {
                                    <details class="closed-cases">
                                        <summary>{match lang {
                                            crate::i18n::Lang::Nl => format!("Afgeronde zaken ({count})"),
                                            crate::i18n::Lang::En => format!("Completed cases ({count})"),
                                        }}</summary>
                                        <ul class="card-list">{cases.closed.into_iter().map(|case| view! { <CaseCard case/> }).collect_view()}</ul>
                                    </details>
                                }
                            })}
                            <h2 class="utrecht-heading-2">{lang.pick("Mijn account", "My account")}</h2>
                            <ul class="utrecht-paragraph">
                                <li><a class="utrecht-link" href="/mijn/gegevens">{lang.pick("Mijn gegevens", "My details")}</a></li>
                            </ul>
                            <LogoutButton/>
                            <SessionTimer seconds_left=info.seconds_left warn_before=info.warn_before lang/>
                        }.into_any()
                    }
                    (Ok(None), _) => view! { <ErrorNotice error=crate::error::AppError::Unauthenticated/> }.into_any(),
                    (Err(error), _) | (_, Err(error)) => view! { <ErrorNotice error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}
