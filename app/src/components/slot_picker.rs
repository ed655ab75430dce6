//! Choosing a free time, in two steps that work without JavaScript: a GET
//! form picks the location and the day (the page reloads with their
//! times), then a POST form books one of the day's times. Used by the
//! resident (a to-do, moving an appointment) and by staff (for a case).

use leptos::prelude::*;

use crate::i18n::{format_day, format_time, use_lang};
use crate::model::appointment::SlotChoice;

#[component]
pub fn SlotPicker(
    choice: SlotChoice,
    /// The page itself: where the location and day form goes.
    here: String,
    /// Fields the day form keeps (e.g. the product staff chose).
    #[prop(optional)]
    keep: Vec<(&'static str, String)>,
    /// The server function that books: `/api/...`.
    action: &'static str,
    /// Fields the booking form sends besides the location and time.
    hidden: Vec<(&'static str, String)>,
    submit: &'static str,
) -> impl IntoView {
    let lang = use_lang();
    let Some(location) = choice.location else {
        return view! { <p class="utrecht-paragraph">{lang.t("slot-picker-no-times")}</p> }.into_any();
    };
    let place = choice.locations.iter().find(|l| l.id == location).map(|l| format!("{}, {}", l.name, l.address)).unwrap_or_default();
    let day_options = choice.days.iter().map(|d| {
        let value = d.to_string();
        view! { <option value=value selected=Some(*d) == choice.day>{format_day(lang, *d)}</option> }
    }).collect_view();
    let location_options = choice.locations.iter().map(|l| {
        view! { <option value=l.id.to_string() selected=l.id == location>{l.name.clone()}</option> }
    }).collect_view();
    let times = match choice.day {
        Some(day) if !choice.times.is_empty() => {
            let radios = choice.times.iter().enumerate().map(|(i, t)| {
                let id = format!("tijd-{i}");
                let value = format!("{day}T{:02}:{:02}", t.hour(), t.minute());
                view! {
                    <li class="slot-list__item">
                        <input type="radio" id=id.clone() name="starts" value=value required=true/>
                        <label for=id>{format_time(*t)}</label>
                    </li>
                }
            }).collect_view();
            view! {
                <form method="post" action=action class="slot-form">
                    {hidden.into_iter().map(|(name, value)| view! { <input type="hidden" name=name value=value/> }).collect_view()}
                    <input type="hidden" name="location" value=location.to_string()/>
                    <fieldset class="slot-fieldset">
                        <legend class="utrecht-heading-3">{format!("{} {}", lang.t("slot-picker-times-on"), format_day(lang, day))}</legend>
                        <p class="card__meta">{place}</p>
                        <ul class="slot-list">{radios}</ul>
                    </fieldset>
                    <button type="submit" class="utrecht-button utrecht-button--primary-action">{submit}</button>
                </form>
            }.into_any()
        }
        _ => view! { <p class="utrecht-paragraph">{lang.t("slot-picker-no-times")}</p> }.into_any(),
    };
    view! {
        <form method="get" action=here class="slot-filter">
            {keep.into_iter().map(|(name, value)| view! { <input type="hidden" name=name value=value/> }).collect_view()}
            <p>
                <label for="slot-locatie">{lang.t("slot-picker-location")}</label><br/>
                <select id="slot-locatie" name="location">{location_options}</select>
            </p>
            <p>
                <label for="slot-dag">{lang.t("slot-picker-day")}</label><br/>
                <select id="slot-dag" name="day">{day_options}</select>
            </p>
            <button type="submit" class="utrecht-button utrecht-button--secondary">{lang.t("slot-picker-show-times")}</button>
        </form>
        {times}
    }.into_any()
}
