//! The start page: what a resident can arrange with the municipality.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::case_type::list_case_types;
use crate::components::error_notice::ErrorNotice;
use crate::i18n::use_lang;

#[component]
pub fn Home() -> impl IntoView {
    let lang = use_lang();
    let municipality = use_context::<crate::model::municipality::Municipality>();
    let name = municipality.map(|m| m.name).unwrap_or_default();
    let case_types = Resource::new_blocking(|| (), |_| list_case_types());
    view! {
        <Title text=lang.t("home-home")/>
        <h1 class="utrecht-heading-1">{format!("{} {name}", lang.t("home-welcome-to"))}</h1>
        <p class="utrecht-paragraph utrecht-paragraph--lead">
            {lang.t("home-here-you-arrange-matters-with-the")}
        </p>
        <Suspense fallback=move || view! { <p role="status">{lang.t("home-loading")}</p> }>
            {move || Suspend::new(async move {
                match case_types.await {
                    Ok(list) => view! {
                        <section aria-labelledby="regelen">
                            <h2 id="regelen" class="utrecht-heading-2">{lang.t("home-what-can-you-arrange-here")}</h2>
                            <ul class="card-list">
                                {list.into_iter().map(|c| view! {
                                    <li class="card">
                                        <h3 class="utrecht-heading-3">{c.name}</h3>
                                        <p class="utrecht-paragraph">{c.description}</p>
                                        <p class="utrecht-paragraph card__meta">
                                            {match lang {
                                                crate::i18n::Lang::Nl => format!("Je hoort binnen {} dagen wat we besluiten.", c.lead_time_days),
                                                crate::i18n::Lang::En => format!("You will hear our decision within {} days.", c.lead_time_days),
                                            }}
                                        </p>
                                    </li>
                                }).collect_view()}
                            </ul>
                        </section>
                    }.into_any(),
                    Err(error) => view! { <ErrorNotice error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}
