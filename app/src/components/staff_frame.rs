//! The workspace's own frame around every `/staff` page: the
//! municipality's name with "Werkplek", a search box for what an agent has
//! at hand, the signed-in person with role and team, logout, and the
//! navigation with the counts of what waits (kept current by an island
//! while the page is open). Residents' navigation never appears in it.
//! The workspace's keyboard shortcuts are `accesskey`s (Alt with a letter
//! in most browsers), so they work without JavaScript too.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::workload::load_staff_frame;
use crate::components::{form_feedback::{form_error, FormFeedback}, language_switch::LanguageSwitch, logout::LogoutButton, session_timer::{SessionTexts, SessionTimer}};
use crate::i18n::{use_lang, Lang};
use crate::model::municipality::Municipality;
use crate::model::workload::{NavLink, StaffFrame, Workload};

#[component]
pub fn StaffLayout(path: String, children: Children) -> impl IntoView {
    let lang = use_lang();
    let (name, logo) = use_context::<Municipality>().map(|m| (m.name, m.logo_path)).unwrap_or_default();
    let frame = Resource::new_blocking(|| (), |_| load_staff_frame());
    let current = path.clone();
    // The search page has the full form; the frame's box would repeat it.
    let search_box = !path.starts_with("/staff/inwoners");
    let suffix = format!("{} - {name}", lang.t("workload-workspace"));
    view! {
        <Title formatter=move |page: String| format!("{page} | {suffix}")/>
        <a class="utrecht-skip-link" href="#main">{lang.t("layout-skip-to-content")}</a>
        <header class="staff-header">
            <div class="staff-header__bar">
                <a class="staff-header__home" href="/staff">
                    <img src=logo alt="" width="32" height="32"/>
                    <span class="staff-header__name">{name}</span>
                    <span class="staff-header__werkplek">{lang.t("workload-workspace")}</span>
                </a>
                <Suspense fallback=|| ()>
                    {move || Suspend::new(async move {
                        frame.await.ok().flatten().map(|frame| view! { <Person frame lang search_box/> })
                    })}
                </Suspense>
                <LanguageSwitch lang path=path.clone()/>
            </div>
        </header>
        <div class="staff-body">
            <Suspense fallback=|| ()>
                {move || {
                    let current = current.clone();
                    Suspend::new(async move {
                        frame.await.ok().flatten().map(|frame| {
                            let groups = grouped(&frame.links, &current);
                            // The shortcuts are the inbox's: only for those who work in it.
                            let inbox = frame.links.iter().any(|l| l.href == "/staff/gesprekken");
                            view! {
                                <nav id="staff-nav" class="staff-nav" aria-label=lang.t("workload-workspace")>
                                    <Navigation groups load=frame.load/>
                                    {inbox.then(|| view! {
                                        <p class="staff-nav__help"><a class="staff-nav__link" href="/staff/sneltoetsen">{lang.t("shortcuts-title")}</a></p>
                                    })}
                                    <LiveCounts stream="/staff/werkvoorraad/live".to_string()/>
                                </nav>
                            }
                        })
                    })
                }}
            </Suspense>
            <main id="main" class="staff-main" tabindex="-1">
                {search_box.then(|| view! { <FormFeedback error=form_error("search")/> })}
                {children()}
            </main>
        </div>
    }
}

/// Search, who is signed in, logout and the session's time.
#[component]
fn Person(frame: StaffFrame, lang: Lang, search_box: bool) -> impl IntoView {
    let roles = frame.profile.roles.join(", ");
    let teams = if frame.profile.teams.is_empty() { String::new() } else { format!(" · {}", frame.profile.teams.join(", ")) };
    view! {
        {(frame.may_search && search_box).then(|| view! {
            <form method="post" action="/api/search" class="staff-search" role="search">
                <label for="zoek" class="visually-hidden">{lang.t("workload-search-label")}</label>
                <input id="zoek" name="q" type="search" maxlength="254" required=true autocomplete="off"
                    class="form__input staff-search__input" placeholder=lang.t("workload-search-placeholder") accesskey="s"/>
                <button type="submit" class="utrecht-button utrecht-button--secondary">{lang.t("workload-search-button")}</button>
            </form>
        })}
        <div class="staff-header__person">
            <p class="staff-header__who"><strong>{frame.profile.name}</strong><br/>{format!("{roles}{teams}")}</p>
            <LogoutButton/>
        </div>
        <SessionTimer seconds_left=frame.seconds_left warn_before=frame.warn_before texts=SessionTexts::new(lang)/>
    }
}

/// One group of the navigation: its name and its links.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NavGroup {
    pub name: String,
    pub links: Vec<(NavLink, bool)>,
}

/// The links in their groups, each marked when it is the current page
/// (the one whose address, query included, fits the page best).
fn grouped(links: &[NavLink], current: &str) -> Vec<NavGroup> {
    let path = current.split('?').next().unwrap_or(current);
    let exact = links.iter().find(|l| l.href == current);
    // Otherwise the longest plain address the page falls under ("/staff/gesprekken" for one conversation).
    let under = || {
        links
            .iter()
            .filter(|l| !l.href.contains('?') && (l.href == path || (l.href != "/staff" && path.starts_with(&format!("{}/", l.href)))))
            .max_by_key(|l| l.href.len())
    };
    let best = exact.or_else(under).map(|l| l.href.clone());
    let mut groups: Vec<NavGroup> = Vec::new();
    for link in links {
        let here = best.as_deref() == Some(link.href.as_str());
        match groups.last_mut() {
            Some(group) if group.name == link.group => group.links.push((link.clone(), here)),
            _ => groups.push(NavGroup { name: link.group.clone(), links: vec![(link.clone(), here)] }),
        }
    }
    groups
}

/// The navigation in its groups, each count marked with the tally it shows.
#[component]
fn Navigation(groups: Vec<NavGroup>, load: Workload) -> impl IntoView {
    let groups = groups
        .into_iter()
        .enumerate()
        .map(|(i, group)| {
            let id = format!("staff-nav-{i}");
            view! {
                <div class="staff-nav__group">
                <p class="staff-nav__name" id=id.clone()>{group.name}</p>
                <ul class="staff-nav__list" aria-labelledby=id>
                    {group.links.into_iter().map(|(link, here)| {
                        let count = link.tally.map(|tally| {
                            let n = tally.of(&load);
                            view! { " "<span class="staff-nav__count" class:staff-nav__count--zero=n == 0 data-tally=tally.code()>{n}</span> }
                        });
                        view! {
                            <li><a class="staff-nav__link" href=link.href aria-current=here.then_some("page")>{link.label}{count}</a></li>
                        }
                    }).collect_view()}
                </ul>
                </div>
            }
        })
        .collect_view();
    view! { <div class="staff-nav__groups">{groups}</div> }
}

/// Keeps the counts beside the navigation current while the page is open:
/// each change the stream sends is written into the `data-tally` elements
/// the server drew (so the island carries no copy of the navigation).
#[island]
fn LiveCounts(stream: String) -> impl IntoView {
    #[cfg(feature = "hydrate")]
    {
        use wasm_bindgen::{closure::Closure, JsCast};
        if let Ok(source) = web_sys::EventSource::new(&stream) {
            let on_counts = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |event: web_sys::MessageEvent| {
                let Some(load) = event.data().as_string().and_then(|text| serde_json::from_str::<Workload>(&text).ok()) else { return };
                let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
                for tally in crate::model::workload::Tally::ALL {
                    if let Ok(Some(count)) = document.query_selector(&format!("[data-tally=\"{}\"]", tally.code())) {
                        let n = tally.of(&load);
                        count.set_text_content(Some(&n.to_string()));
                        let _ = count.class_list().toggle_with_force("staff-nav__count--zero", n == 0);
                    }
                }
            });
            let _ = source.add_event_listener_with_callback("counts", on_counts.as_ref().unchecked_ref());
            on_counts.forget();
        }
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = stream;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn link(href: &str, group: &str) -> NavLink {
        NavLink { href: href.into(), label: href.into(), tally: None, group: group.into() }
    }

    fn current(groups: &[NavGroup]) -> Vec<String> {
        groups.iter().flat_map(|g| g.links.iter()).filter(|(_, here)| *here).map(|(l, _)| l.href.clone()).collect()
    }

    #[test]
    fn the_place_of_a_page_is_marked_once_and_the_groups_keep_their_order() {
        let links = [
            link("/staff", "Gesprekken"),
            link("/staff/gesprekken?assignee=me", "Gesprekken"),
            link("/staff/gesprekken?assignee=none", "Gesprekken"),
            link("/staff/gesprekken", "Gesprekken"),
            link("/staff/terugbellen", "Terugbellen"),
            link("/staff/terugbellen/soorten", "Beheer"),
        ];
        assert_eq!(current(&grouped(&links, "/staff/gesprekken?assignee=me")), ["/staff/gesprekken?assignee=me"]);
        assert_eq!(current(&grouped(&links, "/staff/gesprekken/0190c3d2")), ["/staff/gesprekken"], "one conversation falls under the inbox");
        assert_eq!(current(&grouped(&links, "/staff/gesprekken?team=x")), ["/staff/gesprekken"]);
        assert_eq!(current(&grouped(&links, "/staff/terugbellen/soorten")), ["/staff/terugbellen/soorten"]);
        assert_eq!(current(&grouped(&links, "/staff")), ["/staff"]);
        assert!(current(&grouped(&links, "/staff/sneltoetsen")).is_empty());
        let names: Vec<String> = grouped(&links, "/staff").into_iter().map(|g| g.name).collect();
        assert_eq!(names, ["Gesprekken", "Terugbellen", "Beheer"]);
    }
}
