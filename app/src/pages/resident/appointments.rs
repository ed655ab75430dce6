//! The resident's appointments: choosing a time for an appointment to-do
//! (`/mijn/zaken/{case}/afspraak/{todo}`), one appointment with its
//! calendar file (`/mijn/afspraken/{id}`), and moving it to another time
//! (`/mijn/afspraken/{id}/verzetten`).

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::api::appointment::{move_slot_choice, my_appointment, todo_slot_choice};
use crate::components::error_notice::ErrorNotice;
use crate::components::form_feedback::{form_error, FormFeedback};
use crate::components::slot_picker::SlotPicker;
use crate::error::AppError;
use crate::i18n::{format_day, format_time, use_lang};
use crate::model::ids::{AppointmentId, CaseId, TodoId};

/// The location and day the page was asked for (`?location=&day=`).
fn chosen() -> (Option<String>, Option<String>) {
    use_query_map().with_untracked(|q| (q.get("location"), q.get("day")))
}

#[component]
pub fn AppointmentTodoPage() -> impl IntoView {
    let lang = use_lang();
    let params = use_params_map();
    let case = params.with_untracked(|p| p.get("id")).and_then(|raw| raw.parse::<CaseId>().ok());
    let todo = params.with_untracked(|p| p.get("todo")).and_then(|raw| raw.parse::<TodoId>().ok());
    let (location, day) = chosen();
    let error = form_error("book_appointment");
    let choice = Resource::new_blocking(
        || (),
        move |_| {
            let (location, day) = (location.clone(), day.clone());
            async move { todo_slot_choice(todo.ok_or(AppError::NotFound)?, location, day).await }
        },
    );
    view! {
        <Suspense fallback=|| ()>
            {move || { let error = error.clone(); Suspend::new(async move {
                match (choice.await, case, todo) {
                    (Ok(choice), Some(case), Some(todo)) => {
                        let title = choice.product.name.clone();
                        let minutes = choice.product.minutes;
                        view! {
                            <Title text=title.clone()/>
                            <p><a class="utrecht-link" href=crate::path::resident_case(case)>{lang.t("resident-appointments-back-to-your-case")}</a></p>
                            <h1 class="utrecht-heading-1">{lang.t("resident-appointments-choose-a-time")}</h1>
                            <p class="utrecht-paragraph">{format!("{title} ({minutes} {})", lang.t("resident-appointments-minutes"))}</p>
                            <FormFeedback error/>
                            <SlotPicker
                                choice
                                here=crate::path::appointment_todo(case, todo)
                                action="/api/book_appointment"
                                hidden=vec![("todo", todo.to_string())]
                                submit=lang.t("resident-appointments-make-appointment")
                            />
                        }.into_any()
                    }
                    (Err(error), ..) => view! { <ErrorNotice error/> }.into_any(),
                    _ => view! { <ErrorNotice error=AppError::NotFound/> }.into_any(),
                }
            })}}
        </Suspense>
    }
}

#[component]
pub fn AppointmentPage() -> impl IntoView {
    let lang = use_lang();
    let id = use_params_map().with_untracked(|p| p.get("id")).and_then(|raw| raw.parse::<AppointmentId>().ok());
    let (made, moved) = use_query_map().with_untracked(|q| (q.get("gemaakt").is_some(), q.get("verzet").is_some()));
    let appointment = Resource::new_blocking(move || id, |id| async move { my_appointment(id.ok_or(AppError::NotFound)?).await });
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match appointment.await {
                    Ok(a) => {
                        let confirmation = if made {
                            Some(lang.t("resident-appointments-your-appointment-has-been-made"))
                        } else if moved {
                            Some(lang.t("resident-appointments-your-appointment-has-been-moved"))
                        } else {
                            None
                        };
                        let when = format!("{}, {} {} {}", format_day(lang, a.date), format_time(a.starts), lang.t("resident-overview-to"), format_time(a.ends));
                        view! {
                            <Title text=a.subject.clone()/>
                            <p><a class="utrecht-link" href="/mijn">{lang.t("resident-callbacks-back-to-my-overview")}</a></p>
                            <h1 class="utrecht-heading-1">{a.subject.clone()}</h1>
                            {confirmation.map(|text| view! { <div class="notice notice--ok" role="status"><p class="utrecht-paragraph">{text}</p></div> })}
                            <dl class="contact-list">
                                <dt>{lang.t("resident-appointments-when")}</dt><dd>{when}</dd>
                                <dt>{lang.t("resident-appointments-where")}</dt><dd>{a.place.clone()}</dd>
                                <dt>{lang.t("resident-overview-bring")}</dt><dd>{a.bring.clone()}</dd>
                            </dl>
                            <p class="utrecht-paragraph">
                                <a class="utrecht-link" href=format!("{}/agenda.ics", crate::path::resident_appointment(a.id)) download="afspraak.ics">
                                    {lang.t("resident-appointments-add-to-your-calendar")}
                                </a>
                            </p>
                            {a.product.map(|_| view! {
                                <p class="utrecht-paragraph">
                                    <a class="utrecht-button utrecht-button--secondary" href=format!("{}/verzetten", crate::path::resident_appointment(a.id))>{lang.t("resident-appointments-move-appointment")}</a>
                                </p>
                            })}
                            <form method="post" action="/api/cancel_appointment">
                                <input type="hidden" name="id" value=a.id.to_string()/>
                                <button type="submit" class="utrecht-button utrecht-button--secondary">{lang.t("resident-overview-cancel-appointment")}</button>
                            </form>
                        }.into_any()
                    }
                    Err(error) => view! { <ErrorNotice error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
pub fn MoveAppointmentPage() -> impl IntoView {
    let lang = use_lang();
    let id = use_params_map().with_untracked(|p| p.get("id")).and_then(|raw| raw.parse::<AppointmentId>().ok());
    let (location, day) = chosen();
    let error = form_error("move_appointment");
    let choice = Resource::new_blocking(
        || (),
        move |_| {
            let (location, day) = (location.clone(), day.clone());
            async move { move_slot_choice(id.ok_or(AppError::NotFound)?, location, day).await }
        },
    );
    view! {
        <Suspense fallback=|| ()>
            {move || { let error = error.clone(); Suspend::new(async move {
                match choice.await {
                    Ok((a, choice)) => {
                        let now = format!("{}, {}", format_day(lang, a.date), format_time(a.starts));
                        view! {
                            <Title text=lang.t("resident-appointments-move-appointment")/>
                            <p><a class="utrecht-link" href=crate::path::resident_appointment(a.id)>{lang.t("resident-appointments-back-to-your-appointment")}</a></p>
                            <h1 class="utrecht-heading-1">{lang.t("resident-appointments-move-appointment")}</h1>
                            <p class="utrecht-paragraph">{format!("{}: {} ({now})", lang.t("resident-appointments-now"), a.subject)}</p>
                            <FormFeedback error/>
                            <SlotPicker
                                choice
                                here=format!("{}/verzetten", crate::path::resident_appointment(a.id))
                                action="/api/move_appointment"
                                hidden=vec![("id", a.id.to_string())]
                                submit=lang.t("resident-appointments-move-to-this-time")
                            />
                        }.into_any()
                    }
                    Err(error) => view! { <ErrorNotice error/> }.into_any(),
                }
            })}}
        </Suspense>
    }
}
