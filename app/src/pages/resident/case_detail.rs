//! `/mijn/zaken/{id}`: one case with its status timeline.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::api::case::get_my_case;
use crate::components::error_notice::ErrorNotice;
use crate::error::AppError;
use crate::i18n::{format_date, use_lang};
use crate::model::{case::StepState, ids::CaseId};

#[component]
pub fn CaseDetailPage() -> impl IntoView {
    let lang = use_lang();
    let id = use_params_map().with_untracked(|p| p.get("id")).and_then(|raw| raw.parse::<CaseId>().ok());
    let detail = Resource::new_blocking(move || id, |id| async move {
        match id {
            Some(id) => get_my_case(id).await,
            None => Err(AppError::NotFound),
        }
    });
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match detail.await {
                    Ok(detail) => {
                        let case = detail.summary;
                        let steps = detail.timeline.into_iter().map(|step| {
                            let (class, label) = match step.state {
                                StepState::Done => ("timeline__step timeline__step--done", lang.pick("Klaar", "Done")),
                                StepState::Current => ("timeline__step timeline__step--current", lang.pick("Nu", "Now")),
                                StepState::Upcoming => ("timeline__step timeline__step--upcoming", lang.pick("Nog niet", "Not yet")),
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
                            <p><a class="utrecht-link" href="/mijn">{lang.pick("Terug naar Mijn overzicht", "Back to My overview")}</a></p>
                            <h1 class="utrecht-heading-1">{case.case_type.clone()}</h1>
                            <dl class="contact-list">
                                <dt>{lang.pick("Zaaknummer", "Case number")}</dt><dd>{case.reference.clone()}</dd>
                                <dt>{lang.pick("Gestart op", "Started on")}</dt><dd>{format_date(lang, case.started_on)}</dd>
                                <dt>{lang.pick("Status", "Status")}</dt><dd>{case.status.clone()}</dd>
                                {case.expected_decision_on.filter(|_| !case.closed).map(|d| view! {
                                    <dt>{lang.pick("Besluit uiterlijk", "Decision by")}</dt><dd>{format_date(lang, d)}</dd>
                                })}
                            </dl>
                            <h2 class="utrecht-heading-2">{lang.pick("Zo verloopt je zaak", "How your case proceeds")}</h2>
                            <ol class="timeline">{steps}</ol>
                        }.into_any()
                    }
                    Err(error) => view! { <ErrorNotice error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}
