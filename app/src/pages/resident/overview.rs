//! `/mijn`: the resident's own start page after logging in.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::{appointment::list_my_appointments, case::list_my_cases, conversation::list_my_open_conversations, session::current_session};
use crate::model::conversation::ConversationStatus;
use crate::pages::resident::{callbacks::CallbackSection, conversations::ConversationCard};
use crate::components::{case_card::CaseCard, error_notice::{ErrorNotice, PartError}, logout::LogoutButton, session_timer::{SessionTexts, SessionTimer}};
use crate::i18n::use_lang;
use crate::model::case::{Freshness, MyCases};
use crate::model::session::Viewer;

#[component]
pub fn Overview() -> impl IntoView {
    let lang = use_lang();
    let session = Resource::new_blocking(|| (), |_| current_session());
    let cases = Resource::new_blocking(|| (), |_| list_my_cases());
    let appointments = Resource::new_blocking(|| (), |_| list_my_appointments());
    let conversations = Resource::new_blocking(|| (), |_| list_my_open_conversations());
    let cancelled = leptos_router::hooks::use_query_map().with_untracked(|q| q.get("afspraak").as_deref() == Some("geannuleerd"));
    view! {
        <Title text=lang.t("resident-overview-my-overview")/>
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                // Each part shows what it has: one that failed says so in its
                // place, and the rest of the page is still there.
                match session.await {
                    Ok(Some(info)) => {
                        let (cases, appointments, conversations) = (cases.await, appointments.await, conversations.await);
                        // Open questions; those waiting for the resident first.
                        let open = conversations.map(|mut open| {
                            open.sort_by_key(|c| c.status != ConversationStatus::WaitingForResident);
                            open
                        });
                        let todos = cases.as_ref().map(|c| c.todos.clone()).unwrap_or_default();
                        let loa = match &info.viewer { Viewer::Resident { loa } => crate::model::session::level_label(loa), Viewer::Staff { .. } => String::new() };
                        view! {
                            <h1 class="utrecht-heading-1">{lang.t("resident-overview-my-overview")}</h1>
                            <p class="utrecht-paragraph">
                                {match lang {
                                    crate::i18n::Lang::Nl => format!("Je bent ingelogd met DigiD (niveau {loa})."),
                                    crate::i18n::Lang::En => format!("You are logged in with DigiD (level {loa})."),
                                }}
                            </p>
                            {(!todos.is_empty()).then(|| view! {
                                <section aria-labelledby="te-doen">
                                    <h2 id="te-doen" class="utrecht-heading-2">{lang.t("resident-case-detail-what-you-need-to-do")}</h2>
                                    <ul class="card-list">
                                        {todos.into_iter().map(|todo| {
                                            let href = format!("{}#te-doen", crate::path::resident_case(todo.case_id));
                                            let due = crate::i18n::format_date(lang, todo.due_on);
                                            view! {
                                                <li class="card card--todo">
                                                    <h3 class="utrecht-heading-3"><a class="utrecht-link" href=href>{todo.title}</a></h3>
                                                    <p class="card__meta">{todo.case_type}</p>
                                                    <p class="utrecht-paragraph">{format!("{} {due}", lang.t("resident-case-detail-by"))}</p>
                                                </li>
                                            }
                                        }).collect_view()}
                                    </ul>
                                </section>
                            })}
                            {cancelled.then(|| view! {
                                <div class="notice notice--ok" role="status"><p class="utrecht-paragraph">{lang.t("resident-overview-your-appointment-has-been-cancelled")}</p></div>
                            })}
                            {match appointments {
                                Err(error) => Some(view! {
                                    <section aria-labelledby="afspraken">
                                        <h2 id="afspraken" class="utrecht-heading-2">{lang.t("resident-overview-appointments")}</h2>
                                        <PartError error/>
                                    </section>
                                }.into_any()),
                                Ok(appointments) => (!appointments.is_empty()).then(|| view! {
                                <section aria-labelledby="afspraken">
                                    <h2 id="afspraken" class="utrecht-heading-2">{lang.t("resident-overview-appointments")}</h2>
                                    <ul class="card-list">
                                        {appointments.into_iter().map(|a| {
                                            let when = format!(
                                                "{} {} {:02}.{:02} {} {:02}.{:02} {}",
                                                crate::i18n::format_date(lang, a.date),
                                                lang.t("resident-overview-from"),
                                                a.starts.hour(), a.starts.minute(),
                                                lang.t("resident-overview-to"),
                                                a.ends.hour(), a.ends.minute(),
                                                lang.t("resident-overview-text"),
                                            );
                                            view! {
                                                <li class="card">
                                                    <h3 class="utrecht-heading-3"><a class="utrecht-link" href=crate::path::resident_appointment(a.id)>{a.subject}</a></h3>
                                                    <p class="utrecht-paragraph"><strong>{when.trim_end().to_string()}</strong></p>
                                                    <p class="utrecht-paragraph">{a.place}</p>
                                                    <p class="utrecht-paragraph">{format!("{} {}", lang.t("resident-overview-bring"), a.bring)}</p>
                                                    <form method="post" action="/api/cancel_appointment">
                                                        <input type="hidden" name="id" value=a.id.to_string()/>
                                                        <button type="submit" class="utrecht-button utrecht-button--secondary">{lang.t("resident-overview-cancel-appointment")}</button>
                                                    </form>
                                                </li>
                                            }
                                        }).collect_view()}
                                    </ul>
                                </section>
                                }.into_any()),
                            }}
                            <CallbackSection/>
                            <section aria-labelledby="open-vragen">
                                <h2 id="open-vragen" class="utrecht-heading-2">{lang.t("resident-overview-open-questions")}</h2>
                                {match open {
                                    Err(error) => view! { <PartError error/> }.into_any(),
                                    Ok(open) if open.is_empty() => view! { <p class="utrecht-paragraph">{lang.t("resident-overview-you-have-no-open-questions")}</p> }.into_any(),
                                    Ok(open) => view! { <ul class="card-list">{open.into_iter().map(|conversation| view! { <ConversationCard conversation/> }).collect_view()}</ul> }.into_any(),
                                }}
                                <p class="utrecht-paragraph"><a class="utrecht-link" href="/mijn/berichten">{lang.t("resident-overview-all-messages-and-a-new-question")}</a></p>
                            </section>
                            {match cases {
                                Err(error) => view! {
                                    <section aria-labelledby="lopende-zaken">
                                        <h2 id="lopende-zaken" class="utrecht-heading-2">{lang.t("resident-overview-cases-in-progress")}</h2>
                                        <PartError error/>
                                    </section>
                                }.into_any(),
                                Ok(cases) => view! { <CaseSections cases/> }.into_any(),
                            }}
                            <h2 class="utrecht-heading-2">{lang.t("resident-overview-my-account")}</h2>
                            <ul class="utrecht-paragraph">
                                <li><a class="utrecht-link" href="/mijn/gegevens">{lang.t("resident-conversations-my-details")}</a></li>
                                <li><a class="utrecht-link" href="/mijn/toestemmingen">{lang.t("resident-consent-consents")}</a></li>
                                <li><a class="utrecht-link" href="/mijn/inzage">{lang.t("resident-processing-log-title")}</a></li>
                            </ul>
                            <LogoutButton/>
                            <SessionTimer seconds_left=info.seconds_left warn_before=info.warn_before texts=SessionTexts::new(lang)/>
                        }.into_any()
                    }
                    Ok(None) => view! { <ErrorNotice error=crate::error::AppError::Unauthenticated/> }.into_any(),
                    Err(error) => view! { <ErrorNotice error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// The resident's cases in progress and, folded away, the completed ones;
/// with cases from the municipality's case system, how current they are.
#[component]
fn CaseSections(cases: MyCases) -> impl IntoView {
    let lang = use_lang();
    let freshness = cases.freshness.map(|f: Freshness| {
        let text = match (&f.as_of, f.failed, f.fetching) {
            (_, _, true) => lang.t("resident-overview-cases-fetching").to_string(),
            (Some(at), true, _) => format!("{} {at}.", lang.t("resident-overview-cases-not-updated")),
            (Some(at), false, _) => format!("{} {at}.", lang.t("resident-overview-cases-updated")),
            (None, true, _) => lang.t("resident-overview-cases-not-fetched").to_string(),
            (None, ..) => lang.t("resident-overview-cases-fetching").to_string(),
        };
        let class = if f.failed { "notice notice--warning" } else { "card__meta" };
        view! { <p class=class role="status">{text}</p> }
    });
    let count = cases.closed.len();
    view! {
        <section aria-labelledby="lopende-zaken">
            <h2 id="lopende-zaken" class="utrecht-heading-2">{lang.t("resident-overview-cases-in-progress")}</h2>
            {freshness}
            {if cases.open.is_empty() {
                view! { <p class="utrecht-paragraph">{lang.t("resident-overview-you-have-no-cases-in-progress")}</p> }.into_any()
            } else {
                view! { <ul class="card-list">{cases.open.into_iter().map(|case| view! { <CaseCard case/> }).collect_view()}</ul> }.into_any()
            }}
        </section>
        {(count > 0).then(|| view! {
            <details class="closed-cases">
                <summary>{match lang {
                    crate::i18n::Lang::Nl => format!("Afgeronde zaken ({count})"),
                    crate::i18n::Lang::En => format!("Completed cases ({count})"),
                }}</summary>
                <ul class="card-list">{cases.closed.into_iter().map(|case| view! { <CaseCard case/> }).collect_view()}</ul>
            </details>
        })}
    }
}
