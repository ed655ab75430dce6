//! `/mijn`: the resident's own start page after logging in.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::session::current_session;
use crate::components::{error_notice::ErrorNotice, logout::LogoutButton, session_timer::SessionTimer};
use crate::i18n::use_lang;
use crate::model::session::Viewer;

#[component]
pub fn Overview() -> impl IntoView {
    let lang = use_lang();
    let session = Resource::new_blocking(|| (), |_| current_session());
    view! {
        <Title text=lang.pick("Mijn overzicht", "My overview")/>
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match session.await {
                    Ok(Some(info)) => {
                        let loa = match &info.viewer { Viewer::Resident { loa } => loa.clone(), Viewer::Staff { .. } => String::new() };
                        view! {
                            <h1 class="utrecht-heading-1">{lang.pick("Mijn overzicht", "My overview")}</h1>
                            <p class="utrecht-paragraph">
                                {match lang {
                                    crate::i18n::Lang::Nl => format!("Je bent ingelogd met DigiD (niveau {loa})."),
                                    crate::i18n::Lang::En => format!("You are logged in with DigiD (level {loa})."),
                                }}
                            </p>
                            <ul class="utrecht-paragraph">
                                <li><a class="utrecht-link" href="/mijn/gegevens">{lang.pick("Mijn gegevens", "My details")}</a></li>
                            </ul>
                            <LogoutButton/>
                            <SessionTimer seconds_left=info.seconds_left warn_before=info.warn_before lang/>
                        }.into_any()
                    }
                    Ok(None) => view! { <ErrorNotice error=crate::error::AppError::Unauthenticated/> }.into_any(),
                    Err(error) => view! { <ErrorNotice error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}
