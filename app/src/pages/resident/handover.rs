//! `/mijn/berichten/overnemen/:token`: a hand-over link, opened after
//! DigiD login. Says what the conversation is before the resident takes
//! it over with a form post; nothing changes by opening the link.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::api::conversation::handover_preview;
use crate::components::error_notice::ErrorNotice;
use crate::i18n::use_lang;

#[component]
pub fn HandoverPage() -> impl IntoView {
    let lang = use_lang();
    let token = use_params_map().with_untracked(|p| p.get("token").unwrap_or_default());
    let action = crate::path::handover(&token);
    let preview = Resource::new_blocking(move || token.clone(), handover_preview);
    view! {
        <Title text=lang.t("resident-handover-title")/>
        <h1 class="utrecht-heading-1">{lang.t("resident-handover-title")}</h1>
        <Suspense fallback=|| ()>
            {move || {
                let action = action.clone();
                Suspend::new(async move {
                    match preview.await {
                        Ok(preview) => view! {
                            <p class="utrecht-paragraph">{lang.t("resident-handover-explanation")}</p>
                            <dl class="contact-list">
                                <dt>{lang.t("resident-handover-subject")}</dt><dd>{preview.subject}</dd>
                                <dt>{lang.t("resident-handover-channel")}</dt><dd>{preview.channel}</dd>
                                <dt>{lang.t("resident-handover-last-message")}</dt><dd>{preview.last_message}</dd>
                            </dl>
                            <p class="utrecht-paragraph">{lang.t("resident-handover-answers-go-to-portal")}</p>
                            <form method="post" action=action class="form">
                                <button type="submit" class="utrecht-button utrecht-button--primary-action">{lang.t("resident-handover-take-over")}</button>
                            </form>
                            <p class="utrecht-paragraph">
                                <a class="utrecht-link" href=crate::path::OVERVIEW>{lang.t("resident-handover-not-mine")}</a>
                            </p>
                        }.into_any(),
                        Err(error) => view! { <ErrorNotice error/> }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
}
