//! `/staff`: the staff member's start page in the workspace: who is
//! signed in (roles and teams as they are now) and the places their role
//! opens; a place they may not use is not shown.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::staff_member::staff_profile;
use crate::components::{error_notice::ErrorNotice, logout::LogoutButton, session_timer::{SessionTexts, SessionTimer}};
use crate::i18n::use_lang;

#[component]
pub fn StaffHome() -> impl IntoView {
    let lang = use_lang();
    let home = Resource::new_blocking(|| (), |_| staff_profile());
    view! {
        <Title text=lang.t("staff-home-workspace")/>
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match home.await {
                    Ok(home) => {
                        let teams = if home.profile.teams.is_empty() { "-".to_string() } else { home.profile.teams.join(", ") };
                        view! {
                            <h1 class="utrecht-heading-1">{lang.t("staff-home-workspace")}</h1>
                            <p class="utrecht-paragraph">{format!("{} {} ({}).", lang.t("staff-home-signed-in-as"), home.profile.name, home.profile.roles.join(", "))}</p>
                            <p class="utrecht-paragraph">{format!("{}: {teams}", lang.t("staff-home-teams"))}</p>
                            <nav aria-label=lang.t("staff-home-workspace")>
                                <ul class="utrecht-paragraph">
                                    {home.links.into_iter().map(|l| view! { <li><a class="utrecht-link" href=l.href>{l.label}</a></li> }).collect_view()}
                                </ul>
                            </nav>
                            <LogoutButton/>
                            <SessionTimer seconds_left=home.seconds_left warn_before=home.warn_before texts=SessionTexts::new(lang)/>
                        }.into_any()
                    }
                    Err(error) => view! { <ErrorNotice error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}
