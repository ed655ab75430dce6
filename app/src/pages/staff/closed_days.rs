//! `/staff/sluitingsdagen`: the days the municipality closes besides the
//! public holidays. The administrator adds and removes them; terms in
//! working days and free appointment times skip them.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::api::closed_day::closed_days;
use crate::components::{
    error_notice::ErrorNotice,
    form_feedback::{form_error, FormFeedback},
};
use crate::i18n::use_lang;

#[component]
pub fn ClosedDays() -> impl IntoView {
    let lang = use_lang();
    let done = use_query_map().with_untracked(|q| {
        if q.get("toegevoegd").is_some() {
            Some(lang.t("staff-closed-days-added"))
        } else if q.get("verwijderd").is_some() {
            Some(lang.t("staff-closed-days-removed"))
        } else {
            None
        }
    });
    let (add_error, remove_error) = (form_error("add_closed_day"), form_error("remove_closed_day"));
    let days = Resource::new_blocking(|| (), |_| closed_days());
    view! {
        <Title text=lang.t("staff-closed-days-title")/>
        <h1 class="utrecht-heading-1">{lang.t("staff-closed-days-title")}</h1>
        <p class="utrecht-paragraph">{lang.t("staff-closed-days-explanation")}</p>
        {done.map(|text| view! { <div class="notice notice--ok" role="status"><p class="utrecht-paragraph">{text}</p></div> })}
        <FormFeedback error=remove_error/>
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match days.await {
                    Ok(days) if days.is_empty() => view! { <p class="utrecht-paragraph">{lang.t("staff-closed-days-none")}</p> }.into_any(),
                    Ok(days) => view! {
                        <ul class="card-list">
                            {days.into_iter().map(|d| view! {
                                <li class="card">
                                    <p class="utrecht-paragraph"><strong>{d.written.clone()}</strong>{format!(": {}", d.name)}</p>
                                    <form method="post" action="/api/remove_closed_day" class="form">
                                        <input type="hidden" name="day" value=d.day/>
                                        <button type="submit" class="utrecht-button utrecht-button--secondary">{format!("{} {}", lang.t("staff-closed-days-open-again"), d.written)}</button>
                                    </form>
                                </li>
                            }).collect_view()}
                        </ul>
                    }.into_any(),
                    Err(error) => view! { <ErrorNotice error/> }.into_any(),
                }
            })}
        </Suspense>
        <h2 class="utrecht-heading-2">{lang.t("staff-closed-days-add-title")}</h2>
        <FormFeedback error=add_error/>
        <form method="post" action="/api/add_closed_day" class="form">
            <label for="closed-day">{lang.t("staff-closed-days-day")}</label>
            <input id="closed-day" name="day" type="date" required=true class="form__input form__input--short"/>
            <label for="closed-name">{lang.t("staff-closed-days-name")}</label>
            <input id="closed-name" name="name" type="text" maxlength="100" required=true class="form__input"/>
            <button type="submit" class="utrecht-button utrecht-button--primary-action">{lang.t("staff-closed-days-add")}</button>
        </form>
    }
}
