//! `/staff`: the staff member's start page in the workspace.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::session::current_session;
use crate::components::{error_notice::ErrorNotice, logout::LogoutButton, session_timer::{SessionTexts, SessionTimer}};
use crate::i18n::use_lang;
use crate::model::session::Viewer;

#[component]
pub fn StaffHome() -> impl IntoView {
    let lang = use_lang();
    let session = Resource::new_blocking(|| (), |_| current_session());
    view! {
        <Title text=lang.t("staff-home-workspace")/>
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match session.await {
                    Ok(Some(info)) => {
                        let (name, roles) = match &info.viewer {
                            Viewer::Staff { name, roles } => (name.clone(), roles.join(", ")),
                            Viewer::Resident { .. } => (String::new(), String::new()),
                        };
                        view! {
                            <h1 class="utrecht-heading-1">{lang.t("staff-home-workspace")}</h1>
                            <p class="utrecht-paragraph">
                                {match lang {
                                    crate::i18n::Lang::Nl => format!("Ingelogd als {name} ({roles})."),
                                    crate::i18n::Lang::En => format!("Logged in as {name} ({roles})."),
                                }}
                            </p>
                            <ul class="utrecht-paragraph">
                                <li><a class="utrecht-link" href="/staff/gesprekken">{lang.t("staff-conversations-inbox-all-channels")}</a></li>
                                <li><a class="utrecht-link" href="/staff/terugbellen">{lang.t("resident-callbacks-callback-requests")}</a></li>
                                <li><a class="utrecht-link" href="/staff/antwoorden">{lang.t("staff-answers-answer-library")}</a></li>
                                <li><a class="utrecht-link" href="/staff/telefoon">{lang.t("staff-calls-calls-in-progress")}</a></li>
                                <li><a class="utrecht-link" href="/staff/zaken">{lang.t("staff-cases-open-cases")}</a></li>
                                <li><a class="utrecht-link" href="/staff/terugbellen/soorten">{lang.t("staff-home-kinds-of-callback-requests-administration")}</a></li>
                                <li><a class="utrecht-link" href="/staff/routering">{lang.t("staff-home-routing-administration")}</a></li>
                                <li><a class="utrecht-link" href="/staff/toestemmingen">{lang.t("staff-home-consent-purposes-administration")}</a></li>
                            </ul>
                            <LogoutButton/>
                            <SessionTimer seconds_left=info.seconds_left warn_before=info.warn_before texts=SessionTexts::new(lang)/>
                        }.into_any()
                    }
                    Ok(None) => view! { <ErrorNotice error=crate::error::AppError::Unauthenticated/> }.into_any(),
                    Err(error) => view! { <ErrorNotice error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}
