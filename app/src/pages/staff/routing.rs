//! `/staff/routering`: the routing rules (the first that matches sends a
//! new conversation to its team). The administrator adds and removes them.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::api::conversation::routing_rules;
use crate::components::{
    error_notice::ErrorNotice,
    form_feedback::{form_error, FormFeedback},
};
use crate::i18n::use_lang;
use crate::model::conversation::Channel;

#[component]
pub fn RoutingRules() -> impl IntoView {
    let lang = use_lang();
    let saved = use_query_map().with_untracked(|q| q.get("opgeslagen").is_some());
    let (add_error, delete_error) = (form_error("add_routing_rule"), form_error("delete_routing_rule"));
    let page = Resource::new_blocking(|| (), |_| routing_rules());
    view! {
        <Title text=lang.t("staff-routing-routing")/>
        <h1 class="utrecht-heading-1">{lang.t("staff-routing-routing")}</h1>
        <p class="utrecht-paragraph">{lang.t("staff-routing-a-new-conversation-goes-to-the")}</p>
        {saved.then(|| view! { <div class="notice notice--ok" role="status"><p class="utrecht-paragraph">{lang.t("resident-contact-address-saved")}</p></div> })}
        <FormFeedback error=delete_error/>
        <Suspense fallback=|| ()>
            {move || {
                let add_error = add_error.clone();
                Suspend::new(async move {
                    match page.await {
                        Ok((rules, teams, case_types)) => view! {
                            <ol class="consent-history">
                                {rules.into_iter().map(|(id, text)| view! {
                                    <li>
                                        <form method="post" action="/api/delete_routing_rule" class="filters">
                                            <span>{text}</span>
                                            <input type="hidden" name="id" value=id/>
                                            <button type="submit" class="utrecht-button utrecht-button--secondary">{lang.t("staff-routing-remove")}</button>
                                        </form>
                                    </li>
                                }).collect_view()}
                            </ol>
                            <h2 class="utrecht-heading-2">{lang.t("staff-routing-new-rule")}</h2>
                            <FormFeedback error=add_error/>
                            <form method="post" action="/api/add_routing_rule" class="form">
                                <label for="rule-channel">{lang.t("staff-routing-channel-optional")}</label>
                                <select id="rule-channel" name="channel" class="form__input">
                                    <option value="">{lang.t("staff-routing-any-channel")}</option>
                                    {Channel::ALL.into_iter().map(|c| view! { <option value=c.code()>{c.label(lang)}</option> }).collect_view()}
                                </select>
                                <label for="rule-keyword">{lang.t("staff-routing-keyword-optional")}</label>
                                <input id="rule-keyword" name="keyword" type="text" maxlength="100" class="form__input"/>
                                <label for="rule-case-type">{lang.t("staff-routing-case-type-optional")}</label>
                                <select id="rule-case-type" name="case_type" class="form__input">
                                    <option value="">{lang.t("staff-routing-any-case-type")}</option>
                                    {case_types.into_iter().map(|c| view! { <option value=c.value>{c.label}</option> }).collect_view()}
                                </select>
                                <label for="rule-team">{lang.t("staff-routing-to-team")}</label>
                                <select id="rule-team" name="team" class="form__input">
                                    {teams.into_iter().map(|t| view! { <option value=t.value>{t.label}</option> }).collect_view()}
                                </select>
                                <button type="submit" class="utrecht-button utrecht-button--primary-action">{lang.t("staff-routing-add-rule")}</button>
                            </form>
                        }.into_any(),
                        Err(error) => view! { <ErrorNotice error/> }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
}
