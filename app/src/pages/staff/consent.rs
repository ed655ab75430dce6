//! `/staff/inwoners/:id/toestemmingen`: a resident's consents for staff,
//! read only (the view is logged), with forms to record a consent given
//! by phone or at the counter and to pass on an address change; and
//! `/staff/toestemmingen`: the functional administrator's purpose texts.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::api::consent::{consent_purposes, resident_consents};
use crate::components::{
    error_notice::ErrorNotice,
    form_feedback::{form_error, FormFeedback},
};
use crate::error::AppError;
use crate::i18n::use_lang;
use crate::model::consent::ConsentState;
use crate::model::ids::ResidentId;
use crate::pages::resident::consent::ConsentHistory;

#[component]
pub fn StaffResidentConsent() -> impl IntoView {
    let lang = use_lang();
    let id = use_params_map().with_untracked(|p| p.get("id").and_then(|id| id.parse::<ResidentId>().ok()));
    let query = use_query_map();
    let recorded = query.with_untracked(|q| q.get("vastgelegd").is_some());
    let relocated = query.with_untracked(|q| q.get("verhuizing").is_some());
    let (record_error, relocation_error) = (form_error("record_consent"), form_error("record_relocation"));
    let consents = Resource::new_blocking(move || id, |id| async move { resident_consents(id.ok_or(AppError::NotFound)?).await });
    view! {
        <Title text=lang.t("staff-consent-the-resident-s-consents")/>
        <p><a class="utrecht-link" href="/staff">{lang.t("staff-cases-back-to-the-workspace")}</a></p>
        <h1 class="utrecht-heading-1">{lang.t("staff-consent-the-resident-s-consents")}</h1>
        <p class="utrecht-paragraph">{lang.t("staff-consent-you-view-this-for-consent-management")}</p>
        {recorded.then(|| view! { <div class="notice notice--ok" role="status"><p class="utrecht-paragraph">{lang.t("staff-consent-the-resident-s-choice-has-been")}</p></div> })}
        {relocated.then(|| view! { <div class="notice notice--ok" role="status"><p class="utrecht-paragraph">{lang.t("staff-consent-the-move-has-been-passed-on")}</p></div> })}
        <Suspense fallback=|| ()>
            {move || {
                let (record_error, relocation_error) = (record_error.clone(), relocation_error.clone());
                Suspend::new(async move {
                    match consents.await {
                        Ok(consents) => {
                            let resident = id.map(|r| r.to_string()).unwrap_or_default();
                            view! {
                                <FormFeedback error=record_error/>
                                <ul class="card-list">
                                    {consents.purposes.into_iter().map(|p| {
                                        let granted = p.state == ConsentState::Granted;
                                        let state = match p.state {
                                            ConsentState::Granted => lang.t("staff-consent-consent-given"),
                                            ConsentState::NotGranted => lang.t("staff-consent-no-consent"),
                                            ConsentState::TextChanged => lang.t("staff-consent-given-for-an-older-text-not"),
                                        };
                                        let channel_id = format!("kanaal-{}", p.id);
                                        let reason_id = format!("reden-{}", p.id);
                                        view! {
                                            <li class="card">
                                                <h2 class="utrecht-heading-3">{p.name.clone()}</h2>
                                                <p class="utrecht-paragraph"><strong>{state}</strong>{format!(" ({} {})", lang.t("staff-consent-text-version"), p.version)}</p>
                                                <form method="post" action="/api/record_consent" class="form">
                                                    <input type="hidden" name="resident" value=resident.clone()/>
                                                    <input type="hidden" name="purpose" value=p.id.to_string()/>
                                                    <input type="hidden" name="text" value=p.text_id.to_string()/>
                                                    <input type="hidden" name="grant" value=if granted { "false" } else { "true" }/>
                                                    <label for=channel_id.clone()>{lang.t("staff-consent-how-did-the-resident-tell-us")}</label>
                                                    <select id=channel_id name="channel" class="form__input">
                                                        <option value="phone">{lang.t("staff-consent-by-phone")}</option>
                                                        <option value="counter">{lang.t("staff-consent-at-the-counter")}</option>
                                                    </select>
                                                    <label for=reason_id.clone()>{lang.t("staff-reason-label")}</label>
                                                    <input id=reason_id name="reason" type="text" minlength="3" maxlength="500" required=true class="form__input"/>
                                                    <button type="submit" class="utrecht-button utrecht-button--secondary">
                                                        {if granted { lang.t("staff-consent-record-withdrawal") } else { lang.t("staff-consent-record-consent") }}
                                                        <span class="visually-hidden">{format!(": {}", p.name)}</span>
                                                    </button>
                                                </form>
                                            </li>
                                        }
                                    }).collect_view()}
                                </ul>
                                <h2 class="utrecht-heading-2">{lang.t("resident-consent-history")}</h2>
                                <ConsentHistory history=consents.history staff=true/>
                                <h2 class="utrecht-heading-2">{lang.t("staff-consent-pass-on-a-move")}</h2>
                                <p class="utrecht-paragraph">{lang.t("staff-consent-this-is-how-an-address-change")}</p>
                                <FormFeedback error=relocation_error/>
                                <form method="post" action="/api/record_relocation" class="form">
                                    <input type="hidden" name="resident" value=resident/>
                                    <label for="address">{lang.t("staff-consent-new-address")}</label>
                                    <input id="address" name="address" type="text" maxlength="200" required=true class="form__input"/>
                                    <label for="reden-verhuizing">{lang.t("staff-reason-label")}</label>
                                    <input id="reden-verhuizing" name="reason" type="text" minlength="3" maxlength="500" required=true class="form__input"/>
                                    <button type="submit" class="utrecht-button utrecht-button--secondary">{lang.t("staff-consent-pass-on-the-move")}</button>
                                </form>
                            }.into_any()
                        }
                        Err(error) => view! { <ErrorNotice error/> }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
}

#[component]
pub fn ConsentPurposes() -> impl IntoView {
    let lang = use_lang();
    let purposes = Resource::new_blocking(|| (), |_| consent_purposes());
    let published = use_query_map().with_untracked(|q| q.get("gepubliceerd").is_some());
    let error = form_error("publish_consent_text");
    view! {
        <Title text=lang.t("staff-consent-consent-purposes")/>
        <p><a class="utrecht-link" href="/staff">{lang.t("staff-cases-back-to-the-workspace")}</a></p>
        <h1 class="utrecht-heading-1">{lang.t("staff-consent-consent-purposes")}</h1>
        <p class="utrecht-paragraph">{lang.t("staff-consent-a-changed-text-becomes-a-new")}</p>
        {published.then(|| view! { <div class="notice notice--ok" role="status"><p class="utrecht-paragraph">{lang.t("staff-consent-the-new-version-has-been-published")}</p></div> })}
        <FormFeedback error/>
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match purposes.await {
                    Ok(purposes) => purposes.into_iter().map(|p| {
                        let field = |name: &str| format!("{name}-{}", p.code);
                        view! {
                            <section class="card">
                                <h2 class="utrecht-heading-3">{format!("{} ({} {})", p.name_nl, lang.t("staff-consent-version"), p.version)}</h2>
                                <form method="post" action="/api/publish_consent_text" class="form">
                                    <input type="hidden" name="purpose" value=p.id.to_string()/>
                                    <label for=field("name_nl")>"Naam (Nederlands)"</label>
                                    <input id=field("name_nl") name="name_nl" type="text" maxlength="120" required=true class="form__input" value=p.name_nl.clone()/>
                                    <label for=field("text_nl")>"Uitleg (Nederlands, B1)"</label>
                                    <textarea id=field("text_nl") name="text_nl" rows="5" maxlength="2000" required=true class="form__input form__textarea">{p.text_nl.clone()}</textarea>
                                    <label for=field("name_en")>"Name (English)"</label>
                                    <input id=field("name_en") name="name_en" type="text" maxlength="120" required=true class="form__input" value=p.name_en.clone()/>
                                    <label for=field("text_en")>"Explanation (English)"</label>
                                    <textarea id=field("text_en") name="text_en" rows="5" maxlength="2000" required=true class="form__input form__textarea">{p.text_en.clone()}</textarea>
                                    <button type="submit" class="utrecht-button utrecht-button--primary-action">{lang.t("staff-consent-publish-as-a-new-version")}</button>
                                </form>
                            </section>
                        }
                    }).collect_view().into_any(),
                    Err(error) => view! { <ErrorNotice error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}
