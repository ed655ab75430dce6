//! `/staff`: the start page says what to do now: my own queue first
//! (conversations and callback requests), then what passed its term, then
//! what is new for my teams; a team lead also sees how their teams meet
//! the service norms today. Roles without contacts (administrators,
//! privacy officers) get their places; the frame lists them for everyone.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::workload::staff_today;
use crate::components::error_notice::ErrorNotice;
use crate::i18n::{use_lang, Lang};
use crate::model::callback::CallbackSummary;
use crate::model::conversation::ConversationSummary;
use crate::pages::staff::statistics::NormTable;

#[component]
pub fn StaffHome() -> impl IntoView {
    let lang = use_lang();
    let today = Resource::new_blocking(|| (), |_| staff_today());
    view! {
        <Title text=lang.t("workload-what-to-do-now")/>
        <h1 class="utrecht-heading-1">{lang.t("workload-what-to-do-now")}</h1>
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match today.await {
                    Ok(today) if !today.works_contacts => view! {
                        <p class="utrecht-paragraph">{lang.t("workload-no-contacts-for-your-role")}</p>
                    }.into_any(),
                    Ok(today) => {
                        let more = today.load.unassigned > today.new_for_team.len() as i64;
                        view! {
                        <section aria-labelledby="mijn-werk">
                            <h2 id="mijn-werk" class="utrecht-heading-2">{format!("1. {}", lang.t("workload-my-queue"))}</h2>
                            <Conversations list=today.my_conversations lang empty=lang.t("workload-nothing-assigned-to-you")/>
                            <Callbacks list=today.my_callbacks lang empty=lang.t("workload-no-callbacks-of-yours")/>
                        </section>
                        <section aria-labelledby="over-termijn">
                            <h2 id="over-termijn" class="utrecht-heading-2">{format!("2. {}", lang.t("workload-past-their-term"))}</h2>
                            <Callbacks list=today.overdue lang empty=lang.t("workload-nothing-past-its-term")/>
                        </section>
                        {today.norms.map(|norms| view! {
                            <section aria-labelledby="servicenormen-vandaag">
                                <h2 id="servicenormen-vandaag" class="utrecht-heading-2">{lang.t("workload-norms-today")}</h2>
                                {if norms.is_empty() {
                                    view! { <p class="utrecht-paragraph">{lang.t("workload-no-norms-measured-today")}</p> }.into_any()
                                } else {
                                    view! { <NormTable lang norms id="servicenormen"/> }.into_any()
                                }}
                                <p class="utrecht-paragraph"><a class="utrecht-link" href="/staff/statistieken">{lang.t("statistics-title")}</a></p>
                            </section>
                        })}
                        <section aria-labelledby="nieuw-team">
                            <h2 id="nieuw-team" class="utrecht-heading-2">{format!("3. {}", lang.t("workload-new-for-my-team"))}</h2>
                            <Conversations list=today.new_for_team lang empty=lang.t("workload-nothing-new-for-your-team")/>
                            {more.then(|| view! {
                                <p class="utrecht-paragraph"><a class="utrecht-link" href="/staff/gesprekken?assignee=none">
                                    {format!("{} ({})", lang.t("workload-all-unassigned"), today.load.unassigned)}
                                </a></p>
                            })}
                        </section>
                        }.into_any()
                    }
                    Err(error) => view! { <ErrorNotice error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// Conversations as a short list: subject, channels, who handles it, since when.
#[component]
fn Conversations(list: Vec<ConversationSummary>, lang: Lang, empty: &'static str) -> impl IntoView {
    if list.is_empty() {
        return view! { <p class="utrecht-paragraph">{empty}</p> }.into_any();
    }
    view! {
        <ul class="work-list">
            {list.into_iter().map(|c| view! {
                <li class="work-list__item">
                    <a class="utrecht-link" href=crate::path::staff_conversation(c.id)>{c.subject}</a>
                    <span class="work-list__meta">{format!("{} · {} · {}", c.channels.iter().map(|ch| ch.label(lang)).collect::<Vec<_>>().join(", "), c.handled_by, c.updated)}</span>
                </li>
            }).collect_view()}
        </ul>
    }
    .into_any()
}

/// Callback requests as a short list: topic, owner, term, state.
#[component]
fn Callbacks(list: Vec<CallbackSummary>, lang: Lang, empty: &'static str) -> impl IntoView {
    if list.is_empty() {
        return view! { <p class="utrecht-paragraph">{empty}</p> }.into_any();
    }
    view! {
        <ul class="work-list">
            {list.into_iter().map(|c| {
                let state = if c.escalated {
                    lang.t("staff-callbacks-escalated")
                } else if c.overdue {
                    lang.t("staff-callbacks-overdue")
                } else {
                    lang.t("staff-callbacks-on-time")
                };
                view! {
                    <li class="work-list__item" class:work-list__item--late=c.overdue>
                        <a class="utrecht-link" href=crate::path::staff_callback(c.id)>{format!("{}: {}", lang.t("resident-callbacks-callback-request"), c.topic)}</a>
                        <span class="work-list__meta">{format!("{} · {} {} · {state}", c.owner, lang.t("resident-case-detail-by"), c.due)}</span>
                    </li>
                }
            }).collect_view()}
        </ul>
    }
    .into_any()
}
