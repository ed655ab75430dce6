//! `/staff/inwoners`: find a resident, a case or someone not identified
//! yet by what the agent has at hand (what they type is posted; one found
//! opens at once: the 360-degree view, the case, the conversation).

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::api::{resident::found_residents, search::found_conversations};
use crate::components::{
    error_notice::ErrorNotice,
    form_feedback::{form_error, FormFeedback},
};
use crate::i18n::use_lang;
use crate::model::conversation::ConversationSummary;
use crate::model::resident::ResidentMatch;

#[component]
pub fn ResidentSearch() -> impl IntoView {
    let lang = use_lang();
    let query = use_query_map();
    let none = query.with_untracked(|q| q.get("geen").is_some());
    let found = query.with_untracked(|q| (q.get("gevonden"), q.get("gesprekken")));
    let error = form_error("search");
    let results = Resource::new_blocking(
        move || found.clone(),
        |(residents, conversations)| async move {
            let residents = match residents.filter(|ids| !ids.is_empty()) {
                Some(ids) => found_residents(ids).await?,
                None => Vec::new(),
            };
            let conversations = match conversations.filter(|ids| !ids.is_empty()) {
                Some(ids) => found_conversations(ids).await?,
                None => Vec::new(),
            };
            Ok::<_, crate::error::AppError>((residents, conversations))
        },
    );
    view! {
        <Title text=lang.t("staff-residents-find-a-resident")/>
        <p><a class="utrecht-link" href="/staff">{lang.t("staff-cases-back-to-the-workspace")}</a></p>
        <h1 class="utrecht-heading-1">{lang.t("staff-residents-find-a-resident")}</h1>
        <p class="utrecht-paragraph">{lang.t("staff-residents-search-explanation")}</p>
        <FormFeedback error/>
        <form method="post" action="/api/search" class="form" role="search">
            <label for="q">{lang.t("staff-residents-search-label")}</label>
            <input id="q" name="q" type="text" maxlength="254" required=true autocomplete="off" class="form__input"/>
            <label for="born">{lang.t("staff-residents-born-label")}</label>
            <input id="born" name="born" type="date" class="form__input form__input--short"/>
            <button type="submit" class="utrecht-button utrecht-button--primary">{lang.t("staff-residents-search")}</button>
        </form>
        {none.then(|| view! { <div class="notice notice--warning" role="status"><p class="utrecht-paragraph">{lang.t("staff-residents-nobody-found")}</p></div> })}
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match results.await {
                    Ok((found, conversations)) => view! {
                        {(!found.is_empty()).then(|| view! { <Matches found/> })}
                        {(!conversations.is_empty()).then(|| view! { <Conversations conversations/> })}
                    }.into_any(),
                    Err(error) => view! { <ErrorNotice error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Matches(found: Vec<ResidentMatch>) -> impl IntoView {
    let lang = use_lang();
    view! {
        <h2 class="utrecht-heading-2">{format!("{} {}", found.len(), lang.t("staff-residents-residents-found"))}</h2>
        <ul class="card-list">
            {found.into_iter().map(|r| view! {
                <li class="card">
                    <h3 class="utrecht-heading-3"><a class="utrecht-link" href=crate::path::client_view(r.id)>{r.name}</a></h3>
                    <p class="utrecht-paragraph">{format!("{} {} · BSN {} · {}", lang.t("staff-residents-born"), r.born, r.bsn, r.address)}</p>
                </li>
            }).collect_view()}
        </ul>
    }
}

/// Open conversations of someone not identified yet, from the address searched for.
#[component]
fn Conversations(conversations: Vec<ConversationSummary>) -> impl IntoView {
    let lang = use_lang();
    view! {
        <h2 class="utrecht-heading-2">{format!("{} {}", conversations.len(), lang.t("workload-unidentified-conversations-found"))}</h2>
        <ul class="card-list">
            {conversations.into_iter().map(|c| view! {
                <li class="card">
                    <h3 class="utrecht-heading-3"><a class="utrecht-link" href=crate::path::staff_conversation(c.id)>{c.subject}</a></h3>
                    <p class="utrecht-paragraph">{format!("{} · {} · {}", c.channels.iter().map(|ch| ch.label(lang)).collect::<Vec<_>>().join(", "), c.handled_by, c.updated)}</p>
                </li>
            }).collect_view()}
        </ul>
    }
}
