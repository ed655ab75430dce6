//! The page frame: skip link, the municipality's header with logo and
//! name, main navigation, language switch, and footer with contact details.
//! The workspace (`/staff`) has a frame of its own (`staff_frame`).

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_location;

use crate::components::{language_switch::LanguageSwitch, menu::MenuToggle, staff_frame::StaffLayout};
use crate::i18n::use_lang;
use crate::model::municipality::Municipality;

#[component]
pub fn Layout(children: Children) -> impl IntoView {
    let lang = use_lang();
    let m = use_context::<Municipality>();
    let (name, logo, phone, email) =
        m.map(|m| (m.name, m.logo_path, m.phone, m.email)).unwrap_or_default();
    let path = use_location().pathname.get_untracked();
    if path == "/staff" || path.starts_with("/staff/") {
        let search = use_location().search.get_untracked();
        let search = search.trim_start_matches('?');
        let here = if search.is_empty() { path } else { format!("{path}?{search}") };
        return view! { <StaffLayout path=here>{children()}</StaffLayout> }.into_any();
    }
    let nav = [
        ("/", lang.t("layout-home")),
        ("/mijn", lang.t("layout-my-environment")),
        ("/mijn/berichten", lang.t("layout-messages")),
        ("/contact", "Contact"),
    ];
    // The current page's item: the longest one the path falls under.
    let current = nav.iter().map(|(href, _)| *href).filter(|href| path == *href || (*href != "/" && path.starts_with(&format!("{href}/")))).max_by_key(|href| href.len());
    let nav_items = nav
        .into_iter()
        .map(|(href, label)| {
            let current = (current == Some(href)).then_some("page");
            view! { <li><a class="nav__link" href=href aria-current=current>{label}</a></li> }
        })
        .collect_view();
    let suffix = format!("{} - {name}", lang.t("layout-my-environment"));
    view! {
        <Title formatter=move |page: String| format!("{page} | {suffix}")/>
        <a class="utrecht-skip-link" href="#main">{lang.t("layout-skip-to-content")}</a>
        <header class="utrecht-page-header">
            <div class="page-width header__bar">
                <a class="header__home" href="/">
                    <img src=logo alt="" width="40" height="40"/>
                    <span class="header__name">{name.clone()}</span>
                </a>
                <LanguageSwitch lang path=path.clone()/>
            </div>
            <MenuToggle label=lang.t("layout-menu").to_string()>
                <nav id="main-nav" class="nav page-width" aria-label=lang.t("layout-main-menu")>
                    <ul class="nav__list">{nav_items}</ul>
                </nav>
            </MenuToggle>
        </header>
        <main id="main" class="page-width main" tabindex="-1">
            {children()}
        </main>
        <footer class="utrecht-page-footer">
            <div class="page-width footer__grid">
                <div>
                    <h2 class="footer__heading">{name}</h2>
                    <p>{lang.t("layout-call")}<a class="utrecht-link" href=format!("tel:{}", phone.replace(' ', ""))>{phone.clone()}</a></p>
                    <p><a class="utrecht-link" href=format!("mailto:{email}")>{email.clone()}</a></p>
                </div>
            </div>
        </footer>
    }
    .into_any()
}
