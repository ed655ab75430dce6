//! `/staff/inwoners/:id`: a resident's 360-degree view (klantbeeld): it
//! asks for the purpose first unless the agent is in a live contact with
//! them, then shows everything on one screen; the opening is logged.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::api::client_view::client_view;
use crate::components::{
    error_notice::ErrorNotice,
    form_feedback::{form_error, FormFeedback},
};
use crate::error::AppError;
use crate::i18n::use_lang;
use crate::model::client_view::{ClientView, ClientViewAnswer, SamePerson};
use crate::model::conversation::Direction;
use crate::model::ids::ResidentId;

#[component]
pub fn ClientViewPage() -> impl IntoView {
    let lang = use_lang();
    let id = use_params_map().with_untracked(|p| p.get("id").and_then(|id| id.parse::<ResidentId>().ok()));
    let purpose = use_query_map().with_untracked(|q| q.get("doel"));
    let view = Resource::new_blocking(move || (id, purpose.clone()), |(id, purpose)| async move { client_view(id.ok_or(AppError::NotFound)?, purpose).await });
    view! {
        <Title text=lang.t("staff-client-view-title")/>
        <p><a class="utrecht-link" href="/staff/inwoners">{lang.t("staff-residents-find-a-resident")}</a></p>
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match view.await {
                    Ok(ClientViewAnswer::NeedsPurpose { resident, purposes }) => view! {
                        <h1 class="utrecht-heading-1">{format!("{}: {}", lang.t("staff-client-view-title"), resident.name)}</h1>
                        <p class="utrecht-paragraph">{lang.t("staff-client-view-why")}</p>
                        <form method="get" action=crate::path::client_view(resident.id) class="form">
                            <fieldset class="form__fieldset">
                                <legend>{lang.t("staff-client-view-purpose")}</legend>
                                {purposes.into_iter().enumerate().map(|(i, p)| {
                                    let id = format!("doel-{}", p.code);
                                    view! {
                                        <div class="form__choice">
                                            <input type="radio" id=id.clone() name="doel" value=p.code required=true checked=i == 0/>
                                            <label for=id>{p.name}</label>
                                        </div>
                                    }
                                }).collect_view()}
                            </fieldset>
                            <button type="submit" class="utrecht-button utrecht-button--primary">{lang.t("staff-client-view-open")}</button>
                        </form>
                    }.into_any(),
                    Ok(ClientViewAnswer::Shown(view)) => view! { <Shown view=*view/> }.into_any(),
                    Err(error) => view! { <ErrorNotice error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Shown(view: ClientView) -> impl IntoView {
    let lang = use_lang();
    let r = view.resident;
    let case_choices: Vec<(String, String)> = view.cases.iter().filter(|c| !c.closed).map(|c| (c.id.to_string(), format!("{} ({})", c.case_type, c.reference))).collect();
    let dash = |s: String| if s.is_empty() { "-".to_string() } else { s };
    view! {
        <h1 class="utrecht-heading-1">{format!("{}: {}", lang.t("staff-client-view-title"), r.name)}</h1>
        <div class="notice notice--ok" role="status"><p class="utrecht-paragraph">{format!("{} {}. {}", lang.t("staff-client-view-opened-for"), view.purpose, lang.t("staff-client-view-logged"))}</p></div>
        <dl class="contact-list">
            <dt>"BSN"</dt><dd>{r.bsn}</dd>
            <dt>{lang.t("staff-residents-born")}</dt><dd>{dash(r.born)}</dd>
            <dt>{lang.t("staff-residents-address")}</dt><dd>{dash(r.address)}</dd>
            <dt>{lang.t("staff-client-view-email")}</dt><dd>{dash(view.email)}</dd>
            <dt>{lang.t("staff-client-view-phone")}</dt><dd>{dash(view.phone)}</dd>
            {view.linked.into_iter().map(|a| view! {
                <dt>{lang.t("resident-linked-title")}</dt><dd>{format!("{}: {} ({})", a.kind, a.address, a.linked_on)}</dd>
            }).collect_view()}
            <dt>{lang.t("staff-client-view-preferred-channel")}</dt><dd>{view.preferred_channel.label(lang)}</dd>
        </dl>
        <SamePersonSection resident=r.id purpose=view.purpose_code same_person=view.same_person/>
        <h2 class="utrecht-heading-2">{lang.t("staff-client-view-cases")}</h2>
        {if view.cases.is_empty() { view! { <p class="utrecht-paragraph">"-"</p> }.into_any() } else { view! {
            <ul class="card-list">
                {view.cases.into_iter().map(|c| view! {
                    <li class="card"><p class="utrecht-paragraph"><strong>{c.case_type}</strong>{format!(" · {} · {}", c.reference, c.status)}</p></li>
                }).collect_view()}
            </ul>
        }.into_any() }}
        <h2 class="utrecht-heading-2">{lang.t("staff-client-view-todos")}</h2>
        {if view.todos.is_empty() { view! { <p class="utrecht-paragraph">"-"</p> }.into_any() } else { view! {
            <ul class="card-list">
                {view.todos.into_iter().map(|t| view! { <li class="card"><p class="utrecht-paragraph">{format!("{} · {}", t.title, t.case_type)}</p></li> }).collect_view()}
            </ul>
        }.into_any() }}
        <h2 class="utrecht-heading-2">{lang.t("staff-client-view-conversations")}</h2>
        <p class="utrecht-paragraph"><a class="utrecht-link" href=format!("/staff/gesprekken/nieuw?inwoner={}", r.id)>{lang.t("staff-new-contact-title")}</a></p>
        {if view.conversations.is_empty() { view! { <p class="utrecht-paragraph">"-"</p> }.into_any() } else { view! {
            <ul class="card-list">
                {view.conversations.into_iter().map(|c| view! {
                    <li class="card">
                        <p class="utrecht-paragraph"><a class="utrecht-link" href=crate::path::staff_conversation(c.id)>{c.subject}</a></p>
                        <p class="card__meta">{format!("{} · {} · {}", c.status.staff_label(lang), c.channels.iter().map(|ch| ch.label(lang)).collect::<Vec<_>>().join(", "), c.updated)}</p>
                        {match c.case_reference {
                            Some(reference) => view! { <p class="card__meta">{format!("{} {reference}", lang.t("staff-conversations-case"))}</p> }.into_any(),
                            None if !case_choices.is_empty() => {
                                let field = format!("zaak-{}", c.id);
                                view! {
                                    <form method="post" action="/api/link_conversation_case" class="form">
                                        <input type="hidden" name="id" value=c.id.to_string()/>
                                        <label for=field.clone()>{lang.t("staff-conversations-link-to-case")}</label>
                                        <select id=field name="case" class="form__input">
                                            {case_choices.iter().map(|(value, label)| view! { <option value=value.clone()>{label.clone()}</option> }).collect_view()}
                                        </select>
                                        <button type="submit" class="utrecht-button utrecht-button--secondary">{lang.t("staff-conversations-link")}</button>
                                    </form>
                                }.into_any()
                            }
                            None => ().into_any(),
                        }}
                    </li>
                }).collect_view()}
            </ul>
        }.into_any() }}
        <h2 class="utrecht-heading-2">{lang.t("staff-client-view-contacts")}</h2>
        {if view.timeline.is_empty() { view! { <p class="utrecht-paragraph">"-"</p> }.into_any() } else { view! {
            <ol class="thread">
                {view.timeline.into_iter().map(|m| {
                    let from = if m.direction == Direction::In { lang.t("staff-client-view-from-resident") } else { lang.t("staff-client-view-from-municipality") };
                    view! {
                        <li class="card">
                            <p class="utrecht-paragraph"><strong>{format!("{} · {} · {from}", m.at, m.channel.label(lang))}</strong></p>
                            <p class="utrecht-paragraph">{m.preview}</p>
                            <p class="utrecht-paragraph"><a class="utrecht-link" href=crate::path::staff_conversation(m.conversation)>{lang.t("staff-client-view-open-conversation")}</a></p>
                        </li>
                    }
                }).collect_view()}
            </ol>
        }.into_any() }}
        <h2 class="utrecht-heading-2">{lang.t("resident-callbacks-callback-requests")}</h2>
        {if view.callbacks.is_empty() { view! { <p class="utrecht-paragraph">"-"</p> }.into_any() } else { view! {
            <ul class="card-list">
                {view.callbacks.into_iter().map(|c| view! {
                    <li class="card"><p class="utrecht-paragraph"><a class="utrecht-link" href=crate::path::staff_callback(c.id)>{c.topic}</a>{format!(" · {} · {}", c.team, c.by)}</p></li>
                }).collect_view()}
            </ul>
        }.into_any() }}
        <h2 class="utrecht-heading-2">{lang.t("staff-client-view-appointments")}</h2>
        {if view.appointments.is_empty() { view! { <p class="utrecht-paragraph">"-"</p> }.into_any() } else { view! {
            <ul class="card-list">
                {view.appointments.into_iter().map(|a| view! {
                    <li class="card"><p class="utrecht-paragraph">{format!("{} · {} {}–{} · {}", a.subject, crate::i18n::format_date(lang, a.date), crate::i18n::format_time(a.starts), crate::i18n::format_time(a.ends), a.place)}</p></li>
                }).collect_view()}
            </ul>
        }.into_any() }}
        <h2 class="utrecht-heading-2">{lang.t("resident-consent-consents")}</h2>
        <ul class="card-list">
            {view.consents.into_iter().map(|p| {
                let state = p.state.staff_label(lang);
                view! { <li class="card"><p class="utrecht-paragraph">{format!("{}: {state}", p.name)}</p></li> }
            }).collect_view()}
        </ul>
        <p class="utrecht-paragraph"><a class="utrecht-link" href=crate::path::staff_resident_consent(r.id)>{lang.t("staff-client-view-record-consent")}</a></p>
    }
}

/// Other identities (BSNs) of the same person: linked ones with the way
/// to undo, and the form to link one.
#[component]
fn SamePersonSection(resident: ResidentId, purpose: String, same_person: Vec<SamePerson>) -> impl IntoView {
    let lang = use_lang();
    let done = use_query_map().with_untracked(|q| {
        if q.get("gekoppeld").is_some() {
            Some(lang.t("staff-identity-linked"))
        } else if q.get("ontkoppeld").is_some() {
            Some(lang.t("staff-identity-unlinked"))
        } else {
            None
        }
    });
    let error = form_error("link_identity").or_else(|| form_error("unlink_identity"));
    view! {
        <h2 id="zelfde-persoon" class="utrecht-heading-2">{lang.t("staff-identity-title")}</h2>
        {done.map(|text| view! { <div class="notice notice--ok" role="status"><p class="utrecht-paragraph">{text}</p></div> })}
        <FormFeedback error/>
        {if same_person.is_empty() {
            view! { <p class="utrecht-paragraph">{lang.t("staff-identity-intro")}</p> }.into_any()
        } else {
            view! {
                <p class="utrecht-paragraph">{lang.t("staff-identity-together")}</p>
                <ul class="card-list">
                    {same_person.into_iter().map(|other| {
                        let field = format!("reden-ontkoppelen-{}", other.link);
                        view! {
                            <li class="card">
                                <p class="utrecht-paragraph"><strong>{other.resident.name}</strong>{format!(" · BSN {} · {} {}", other.resident.bsn, lang.t("staff-identity-linked-since"), other.since)}</p>
                                <p class="utrecht-paragraph"><a class="utrecht-link" href=crate::path::client_view(other.resident.id)>{lang.t("staff-identity-open")}</a></p>
                                <form method="post" action="/api/unlink_identity" class="form">
                                    <input type="hidden" name="resident" value=resident.to_string()/>
                                    <input type="hidden" name="link" value=other.link.to_string()/>
                                    <input type="hidden" name="purpose" value=purpose.clone()/>
                                    <label for=field.clone()>{lang.t("staff-identity-unlink-reason")}</label>
                                    <input id=field name="reason" type="text" minlength="3" maxlength="500" required=true class="form__input"/>
                                    <button type="submit" class="utrecht-button utrecht-button--secondary">{lang.t("staff-identity-unlink")}</button>
                                </form>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            }.into_any()
        }}
        <form method="post" action="/api/link_identity" class="form">
            <input type="hidden" name="resident" value=resident.to_string()/>
            <input type="hidden" name="purpose" value=purpose/>
            <label for="bsn-zelfde-persoon">{lang.t("staff-identity-bsn")}</label>
            <input id="bsn-zelfde-persoon" name="bsn" type="text" inputmode="numeric" maxlength="9" minlength="8" required=true class="form__input form__input--short"/>
            <label for="reden-koppelen">{lang.t("staff-identity-reason")}</label>
            <input id="reden-koppelen" name="reason" type="text" minlength="3" maxlength="500" required=true class="form__input"/>
            <button type="submit" class="utrecht-button utrecht-button--secondary">{lang.t("staff-identity-link")}</button>
        </form>
    }
}
