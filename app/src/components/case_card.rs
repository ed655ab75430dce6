//! One case on the overview: type, reference, status in plain language and
//! the expected decision date, linking to its detail page.

use leptos::prelude::*;

use crate::i18n::{format_date, use_lang, Lang};
use crate::model::case::CaseSummary;

#[component]
pub fn CaseCard(case: CaseSummary) -> impl IntoView {
    let lang = use_lang();
    let href = crate::path::resident_case(case.id);
    let decision = case.expected_decision_on.filter(|_| !case.closed).map(|d| {
        let date = format_date(lang, d);
        match lang {
            Lang::Nl => format!("Je hoort uiterlijk {date} wat we besluiten."),
            Lang::En => format!("You will hear our decision by {date}."),
        }
    });
    view! {
        <li class="card">
            <h3 class="utrecht-heading-3">
                <a class="utrecht-link" href=href>{case.case_type}</a>
            </h3>
            <p class="card__meta">
                {format!("{} {} · {} {}", lang.t("case-card-case-number"), case.reference, lang.t("case-card-started-on"), format_date(lang, case.started_on))}
            </p>
            <p class="utrecht-paragraph"><strong>{format!("{}: {}", lang.t("case-card-status"), case.status)}</strong></p>
            <p class="utrecht-paragraph">{case.status_explanation}</p>
            {decision.map(|d| view! { <p class="utrecht-paragraph">{d}</p> })}
        </li>
    }
}
