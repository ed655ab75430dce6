//! `/mijn/inzage`: "Wie heeft mijn gegevens bekeken": every time staff
//! looked at or changed the resident's data, when, which team, what and why.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::processing_log::my_processing_log;
use crate::components::error_notice::ErrorNotice;
use crate::i18n::use_lang;

#[component]
pub fn ProcessingLogPage() -> impl IntoView {
    let lang = use_lang();
    let entries = Resource::new_blocking(|| (), |_| my_processing_log());
    view! {
        <Title text=lang.t("resident-processing-log-title")/>
        <p><a class="utrecht-link" href=crate::path::OVERVIEW>{lang.t("resident-callbacks-back-to-my-overview")}</a></p>
        <h1 class="utrecht-heading-1">{lang.t("resident-processing-log-title")}</h1>
        <p class="utrecht-paragraph">{lang.t("resident-processing-log-explanation")}</p>
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match entries.await {
                    Ok(entries) if entries.is_empty() => view! { <p class="utrecht-paragraph">{lang.t("resident-processing-log-nothing")}</p> }.into_any(),
                    Ok(entries) => view! {
                        <ul class="card-list">
                            {entries.into_iter().map(|e| view! {
                                <li class="card">
                                    <p class="utrecht-paragraph"><strong>{e.at}</strong>{format!(" · {}", e.by)}</p>
                                    <p class="utrecht-paragraph">{format!("{}: {}", if e.changed { lang.t("resident-processing-log-changed") } else { lang.t("resident-processing-log-viewed") }, e.what)}</p>
                                    <p class="utrecht-paragraph">{format!("{}: {}", lang.t("resident-processing-log-why"), e.purpose)}</p>
                                </li>
                            }).collect_view()}
                        </ul>
                    }.into_any(),
                    Err(error) => view! { <ErrorNotice error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}
