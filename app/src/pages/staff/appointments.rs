//! `/staff/afspraken`: the bookings of one's teams, coming and lately
//! cancelled; `/staff/zaken/{id}/afspraak`: booking a time for the
//! resident of a case.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::api::appointment::{case_slot_choice, list_team_appointments};
use crate::components::error_notice::ErrorNotice;
use crate::components::form_feedback::{form_error, FormFeedback};
use crate::components::slot_picker::SlotPicker;
use crate::error::AppError;
use crate::i18n::{format_date, format_day, format_time, use_lang, Lang};
use crate::model::appointment::TeamAppointment;
use crate::model::ids::CaseId;

fn rows(lang: Lang, items: Vec<TeamAppointment>, cancelled: bool) -> impl IntoView {
    items.into_iter().map(move |a| {
        let who = if a.resident_name.is_empty() { lang.t("staff-appointments-resident").to_string() } else { a.resident_name.clone() };
        let resident = view! { <a class="utrecht-link" href=format!("/staff/inwoners/{}", a.resident)>{who}</a> };
        let note = cancelled.then(|| {
            let by = if a.cancelled_by_resident { lang.t("staff-appointments-by-the-resident") } else { lang.t("staff-appointments-by-the-municipality") };
            format!("{} {by}", a.cancelled_on.map(|d| format_date(lang, d)).unwrap_or_default())
        });
        view! {
            <tr>
                <td>{format!("{}, {}", format_day(lang, a.date), format_time(a.starts))}</td>
                <td>{a.product}</td>
                <td>{a.location}</td>
                <td>{resident}</td>
                {note.map(|n| view! { <td>{n}</td> })}
            </tr>
        }
    }).collect_view()
}

#[component]
pub fn TeamAppointmentsPage() -> impl IntoView {
    let lang = use_lang();
    let list = Resource::new_blocking(|| (), |_| list_team_appointments());
    view! {
        <Title text=lang.t("staff-appointments-title")/>
        <h1 class="utrecht-heading-1">{lang.t("staff-appointments-title")}</h1>
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match list.await {
                    Ok(list) => {
                        let upcoming = if list.upcoming.is_empty() {
                            view! { <p class="utrecht-paragraph">{lang.t("staff-appointments-no-appointments")}</p> }.into_any()
                        } else {
                            view! {
                                <div class="table-scroll" tabindex="0" role="region" aria-labelledby="afspraken-komend">
                                    <table class="data-table">
                                        <thead><tr>
                                            <th scope="col">{lang.t("staff-appointments-when")}</th>
                                            <th scope="col">{lang.t("staff-appointments-what")}</th>
                                            <th scope="col">{lang.t("staff-appointments-where")}</th>
                                            <th scope="col">{lang.t("staff-appointments-who")}</th>
                                        </tr></thead>
                                        <tbody>{rows(lang, list.upcoming, false)}</tbody>
                                    </table>
                                </div>
                            }.into_any()
                        };
                        let cancelled = if list.cancelled.is_empty() {
                            view! { <p class="utrecht-paragraph">{lang.t("staff-appointments-nothing-cancelled")}</p> }.into_any()
                        } else {
                            view! {
                                <div class="table-scroll" tabindex="0" role="region" aria-labelledby="afspraken-geannuleerd">
                                    <table class="data-table">
                                        <thead><tr>
                                            <th scope="col">{lang.t("staff-appointments-when")}</th>
                                            <th scope="col">{lang.t("staff-appointments-what")}</th>
                                            <th scope="col">{lang.t("staff-appointments-where")}</th>
                                            <th scope="col">{lang.t("staff-appointments-who")}</th>
                                            <th scope="col">{lang.t("staff-appointments-cancelled")}</th>
                                        </tr></thead>
                                        <tbody>{rows(lang, list.cancelled, true)}</tbody>
                                    </table>
                                </div>
                            }.into_any()
                        };
                        view! {
                            <h2 id="afspraken-geannuleerd" class="utrecht-heading-2">{lang.t("staff-appointments-cancelled-in-the-last-two-weeks")}</h2>
                            {cancelled}
                            <h2 id="afspraken-komend" class="utrecht-heading-2">{lang.t("staff-appointments-coming")}</h2>
                            {upcoming}
                            <p class="card__meta">{lang.t("staff-appointments-you-see-this-list-for")}</p>
                        }.into_any()
                    }
                    Err(error) => view! { <ErrorNotice error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
pub fn StaffBookAppointment() -> impl IntoView {
    let lang = use_lang();
    let case = use_params_map().with_untracked(|p| p.get("id")).and_then(|raw| raw.parse::<CaseId>().ok());
    let (product, location, day) = use_query_map().with_untracked(|q| (q.get("product"), q.get("location"), q.get("day")));
    let error = form_error("book_appointment_for_case");
    let choice = Resource::new_blocking(
        || (),
        move |_| {
            let (product, location, day) = (product.clone(), location.clone(), day.clone());
            async move { case_slot_choice(case.ok_or(AppError::NotFound)?, product, location, day).await }
        },
    );
    view! {
        <Title text=lang.t("staff-appointments-make-an-appointment")/>
        <Suspense fallback=|| ()>
            {move || { let error = error.clone(); Suspend::new(async move {
                match (choice.await, case) {
                    (Ok((products, choice)), Some(case)) => {
                        let here = crate::path::staff_case_appointment(case);
                        let chosen = choice.as_ref().map(|c| c.product.id);
                        let picker = choice.map(|choice| {
                            let product = choice.product.id;
                            view! {
                                <SlotPicker
                                    choice
                                    here=here.clone()
                                    keep=vec![("product", product.to_string())]
                                    action="/api/book_appointment_for_case"
                                    hidden=vec![("case", case.to_string()), ("product", product.to_string())]
                                    submit=lang.t("staff-appointments-book-this-time")
                                />
                            }
                        });
                        view! {
                            <p><a class="utrecht-link" href=crate::path::staff_case(case)>{lang.t("staff-cases-back-to-the-case")}</a></p>
                            <h1 class="utrecht-heading-1">{lang.t("staff-appointments-make-an-appointment")}</h1>
                            <FormFeedback error/>
                            <form method="get" action=here.clone() class="slot-filter">
                                <p>
                                    <label for="afspraak-product">{lang.t("staff-appointments-what")}</label><br/>
                                    <select id="afspraak-product" name="product">
                                        {products.into_iter().map(|p| view! { <option value=p.id.to_string() selected=Some(p.id) == chosen>{format!("{} ({} min)", p.name, p.minutes)}</option> }).collect_view()}
                                    </select>
                                </p>
                                <button type="submit" class="utrecht-button utrecht-button--secondary">{lang.t("staff-appointments-show-times")}</button>
                            </form>
                            {picker}
                        }.into_any()
                    }
                    (Err(error), _) => view! { <ErrorNotice error/> }.into_any(),
                    _ => view! { <ErrorNotice error=AppError::NotFound/> }.into_any(),
                }
            })}}
        </Suspense>
    }
}
