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
        <Title text=lang.pick("Routering", "Routing")/>
        <h1 class="utrecht-heading-1">{lang.pick("Routering", "Routing")}</h1>
        <p class="utrecht-paragraph">{lang.pick(
            "Een nieuw gesprek gaat naar het team van de eerste regel die past. Past er geen, dan gaat het naar het KCC. Naast elk gesprek staat ook een suggestie die Loket leert van hoe medewerkers gesprekken doorsturen.",
            "A new conversation goes to the team of the first rule that fits. If none fits, it goes to the KCC. Next to each conversation there is also a suggestion that Loket learns from how staff route conversations.",
        )}</p>
        {saved.then(|| view! { <div class="notice notice--ok" role="status"><p class="utrecht-paragraph">{lang.pick("Opgeslagen.", "Saved.")}</p></div> })}
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
                                            <button type="submit" class="utrecht-button utrecht-button--secondary">{lang.pick("Verwijder", "Remove")}</button>
                                        </form>
                                    </li>
                                }).collect_view()}
                            </ol>
                            <h2 class="utrecht-heading-2">{lang.pick("Nieuwe regel", "New rule")}</h2>
                            <FormFeedback error=add_error/>
                            <form method="post" action="/api/add_routing_rule" class="form">
                                <label for="rule-channel">{lang.pick("Kanaal (mag leeg)", "Channel (optional)")}</label>
                                <select id="rule-channel" name="channel" class="form__input">
                                    <option value="">{lang.pick("Elk kanaal", "Any channel")}</option>
                                    {Channel::ALL.into_iter().map(|c| view! { <option value=c.code()>{c.label(lang)}</option> }).collect_view()}
                                </select>
                                <label for="rule-keyword">{lang.pick("Trefwoord (mag leeg)", "Keyword (optional)")}</label>
                                <input id="rule-keyword" name="keyword" type="text" maxlength="100" class="form__input"/>
                                <label for="rule-case-type">{lang.pick("Zaaktype (mag leeg)", "Case type (optional)")}</label>
                                <select id="rule-case-type" name="case_type" class="form__input">
                                    <option value="">{lang.pick("Elk zaaktype", "Any case type")}</option>
                                    {case_types.into_iter().map(|c| view! { <option value=c.value>{c.label}</option> }).collect_view()}
                                </select>
                                <label for="rule-team">{lang.pick("Naar team", "To team")}</label>
                                <select id="rule-team" name="team" class="form__input">
                                    {teams.into_iter().map(|t| view! { <option value=t.value>{t.label}</option> }).collect_view()}
                                </select>
                                <button type="submit" class="utrecht-button utrecht-button--primary-action">{lang.pick("Regel toevoegen", "Add rule")}</button>
                            </form>
                        }.into_any(),
                        Err(error) => view! { <ErrorNotice error/> }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
}
