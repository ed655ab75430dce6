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
        <Title text=lang.pick("Toestemmingen van de inwoner", "The resident's consents")/>
        <p><a class="utrecht-link" href="/staff">{lang.pick("Terug naar de werkplek", "Back to the workspace")}</a></p>
        <h1 class="utrecht-heading-1">{lang.pick("Toestemmingen van de inwoner", "The resident's consents")}</h1>
        <p class="utrecht-paragraph">{lang.pick("Je bekijkt dit voor toestemmingenbeheer; dat wordt vastgelegd en de inwoner kan het zien.", "You view this for consent management; that is recorded and the resident can see it.")}</p>
        {recorded.then(|| view! { <div class="notice notice--ok" role="status"><p class="utrecht-paragraph">{lang.pick("De keuze van de inwoner is vastgelegd.", "The resident's choice has been recorded.")}</p></div> })}
        {relocated.then(|| view! { <div class="notice notice--ok" role="status"><p class="utrecht-paragraph">{lang.pick("De verhuizing is doorgegeven. Loket handelt hem af volgens de toestemmingen.", "The move has been passed on. Loket handles it according to the consents.")}</p></div> })}
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
                                            ConsentState::Granted => lang.pick("Toestemming gegeven", "Consent given"),
                                            ConsentState::NotGranted => lang.pick("Geen toestemming", "No consent"),
                                            ConsentState::TextChanged => lang.pick("Gegeven voor een oudere tekst: geldt niet", "Given for an older text: not valid"),
                                        };
                                        let channel_id = format!("kanaal-{}", p.id);
                                        view! {
                                            <li class="card">
                                                <h2 class="utrecht-heading-3">{p.name.clone()}</h2>
                                                <p class="utrecht-paragraph"><strong>{state}</strong>{format!(" ({} {})", lang.pick("tekstversie", "text version"), p.version)}</p>
                                                <form method="post" action="/api/record_consent" class="form">
                                                    <input type="hidden" name="resident" value=resident.clone()/>
                                                    <input type="hidden" name="purpose" value=p.id.to_string()/>
                                                    <input type="hidden" name="text" value=p.text_id.to_string()/>
                                                    <input type="hidden" name="grant" value=if granted { "false" } else { "true" }/>
                                                    <label for=channel_id.clone()>{lang.pick("Hoe gaf de inwoner dit door?", "How did the resident tell us?")}</label>
                                                    <select id=channel_id name="channel" class="form__input">
                                                        <option value="phone">{lang.pick("Telefonisch", "By phone")}</option>
                                                        <option value="counter">{lang.pick("Aan de balie", "At the counter")}</option>
                                                    </select>
                                                    <button type="submit" class="utrecht-button utrecht-button--secondary">
                                                        {if granted { lang.pick("Leg intrekking vast", "Record withdrawal") } else { lang.pick("Leg toestemming vast", "Record consent") }}
                                                        <span class="visually-hidden">{format!(": {}", p.name)}</span>
                                                    </button>
                                                </form>
                                            </li>
                                        }
                                    }).collect_view()}
                                </ul>
                                <h2 class="utrecht-heading-2">{lang.pick("Geschiedenis", "History")}</h2>
                                <ConsentHistory history=consents.history staff=true/>
                                <h2 class="utrecht-heading-2">{lang.pick("Verhuizing doorgeven", "Pass on a move")}</h2>
                                <p class="utrecht-paragraph">{lang.pick("Zo komt een adreswijziging uit de Basisregistratie Personen binnen.", "This is how an address change from the population register comes in.")}</p>
                                <FormFeedback error=relocation_error/>
                                <form method="post" action="/api/record_relocation" class="form">
                                    <input type="hidden" name="resident" value=resident/>
                                    <label for="address">{lang.pick("Nieuw adres", "New address")}</label>
                                    <input id="address" name="address" type="text" maxlength="200" required=true class="form__input"/>
                                    <button type="submit" class="utrecht-button utrecht-button--secondary">{lang.pick("Verhuizing doorgeven", "Pass on the move")}</button>
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
        <Title text=lang.pick("Doelen voor toestemming", "Consent purposes")/>
        <p><a class="utrecht-link" href="/staff">{lang.pick("Terug naar de werkplek", "Back to the workspace")}</a></p>
        <h1 class="utrecht-heading-1">{lang.pick("Doelen voor toestemming", "Consent purposes")}</h1>
        <p class="utrecht-paragraph">{lang.pick(
            "Een gewijzigde tekst wordt een nieuwe versie. Inwoners die voor een oudere versie toestemming gaven, vragen we opnieuw; tot dan gebruiken we hun gegevens niet.",
            "A changed text becomes a new version. Residents who consented to an older version are asked again; until then we do not use their data.",
        )}</p>
        {published.then(|| view! { <div class="notice notice--ok" role="status"><p class="utrecht-paragraph">{lang.pick("De nieuwe versie is gepubliceerd.", "The new version has been published.")}</p></div> })}
        <FormFeedback error/>
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match purposes.await {
                    Ok(purposes) => purposes.into_iter().map(|p| {
                        let field = |name: &str| format!("{name}-{}", p.code);
                        view! {
                            <section class="card">
                                <h2 class="utrecht-heading-3">{format!("{} ({} {})", p.name_nl, lang.pick("versie", "version"), p.version)}</h2>
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
                                    <button type="submit" class="utrecht-button utrecht-button--primary-action">{lang.pick("Publiceer als nieuwe versie", "Publish as a new version")}</button>
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
