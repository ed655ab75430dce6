//! The contact sections of Mijn gegevens: "Berichten per e-mail" (set an
//! address, confirm it with the mailed code, or stop) and "Sms en
//! WhatsApp" (a phone number confirmed with a texted code, and where
//! answers go). Every step is a plain form.

use leptos::prelude::*;

use crate::api::contact_address::{my_notification_setting, my_phone_setting, PhoneSetting};
use crate::components::{
    channel_choice::ChannelChoice,
    error_notice::ErrorNotice,
    form_feedback::{form_error, FormFeedback},
};
use crate::i18n::{use_lang, Lang};
use crate::model::{contact_address::AddressSetting, conversation::Channel};

#[component]
pub fn NotificationSection() -> impl IntoView {
    let lang = use_lang();
    let setting = Resource::new_blocking(|| (), |_| my_notification_setting());
    let done = leptos_router::hooks::use_query_map().with_untracked(|q| q.get("melding"));
    let confirmation = done.and_then(|what| match what.as_str() {
        "code" => Some(lang.t("resident-contact-address-we-have-sent-you-an-e")),
        "aan" => Some(lang.t("resident-contact-address-done-from-now-on-you-get")),
        "uit" => Some(lang.t("resident-contact-address-you-will-no-longer-get-e")),
        _ => None,
    });
    let request_error = form_error("request_notification_code");
    let confirm_error = form_error("confirm_notification_code");
    view! {
        <section id="meldingen" aria-labelledby="meldingen-kop">
            <h2 id="meldingen-kop" class="utrecht-heading-2">{lang.t("resident-contact-address-messages-by-e-mail")}</h2>
            {confirmation.map(|text| view! { <div class="notice notice--ok" role="status"><p class="utrecht-paragraph">{text}</p></div> })}
            <Suspense fallback=|| ()>
                {move || {
                    let request_error = request_error.clone();
                    let confirm_error = confirm_error.clone();
                    Suspend::new(async move {
                        match setting.await {
                            Ok(AddressSetting::Off) => view! {
                                <p class="utrecht-paragraph">{lang.t("resident-contact-address-would-you-like-an-e-mail")}</p>
                                <FormFeedback error=request_error/>
                                <AddressForm lang button=lang.t("resident-contact-address-send-me-a-code")/>
                            }.into_any(),
                            Ok(AddressSetting::AwaitingCode { address }) => view! {
                                <p class="utrecht-paragraph">{match lang {
                                    Lang::Nl => format!("We hebben een code gestuurd naar {address}. Vul de code hieronder in. De code werkt 15 minuten."),
                                    Lang::En => format!("We have sent a code to {address}. Enter the code below. The code works for 15 minutes."),
                                }}</p>
                                <FormFeedback error=confirm_error/>
                                <form method="post" action="/api/confirm_notification_code" class="form">
                                    <label for="code">{lang.t("resident-contact-address-code-from-the-e-mail")}</label>
                                    <input id="code" name="code" type="text" inputmode="numeric" autocomplete="one-time-code" maxlength="12" required=true class="form__input form__input--short"/>
                                    <button type="submit" class="utrecht-button utrecht-button--primary-action">{lang.t("resident-contact-address-confirm")}</button>
                                </form>
                                <FormFeedback error=request_error/>
                                <form method="post" action="/api/request_notification_code" class="form">
                                    <input type="hidden" name="email" value=address/>
                                    <button type="submit" class="utrecht-button utrecht-button--secondary">{lang.t("resident-contact-address-send-a-new-code")}</button>
                                </form>
                                <StopForm lang/>
                            }.into_any(),
                            Ok(AddressSetting::Confirmed { address }) => view! {
                                <p class="utrecht-paragraph">{match lang {
                                    Lang::Nl => format!("We sturen een e-mail naar {address} als er iets verandert in je zaken. In die e-mail staat niet wat er veranderd is. Dat lees je hier, na het inloggen."),
                                    Lang::En => format!("We send an e-mail to {address} when something changes in your cases. The e-mail does not say what changed. You read that here, after logging in."),
                                }}</p>
                                <StopForm lang/>
                                <details class="form-details">
                                    <summary>{lang.t("resident-contact-address-use-another-e-mail-address")}</summary>
                                    <FormFeedback error=request_error/>
                                    <AddressForm lang button=lang.t("resident-contact-address-send-me-a-code")/>
                                </details>
                            }.into_any(),
                            Err(error) => view! { <ErrorNotice error/> }.into_any(),
                        }
                    })
                }}
            </Suspense>
        </section>
    }
}

#[component]
fn AddressForm(lang: Lang, button: &'static str) -> impl IntoView {
    view! {
        <form method="post" action="/api/request_notification_code" class="form">
            <label for="email">{lang.t("resident-contact-address-e-mail-address")}</label>
            <input id="email" name="email" type="email" autocomplete="email" maxlength="254" required=true class="form__input"/>
            <button type="submit" class="utrecht-button utrecht-button--primary-action">{button}</button>
        </form>
    }
}

#[component]
fn StopForm(lang: Lang) -> impl IntoView {
    view! {
        <form method="post" action="/api/stop_notifications" class="form">
            <button type="submit" class="utrecht-button utrecht-button--secondary">{lang.t("resident-contact-address-stop-e-mails")}</button>
        </form>
    }
}

/// "Sms en WhatsApp" on Mijn gegevens: a phone number confirmed with a
/// texted code, and where answers to new questions go. Plain forms.
#[component]
pub fn PhoneSection() -> impl IntoView {
    let lang = use_lang();
    let setting = Resource::new_blocking(|| (), |_| my_phone_setting());
    let query = leptos_router::hooks::use_query_map();
    let done = query.with_untracked(|q| q.get("telefoon"));
    let saved = query.with_untracked(|q| q.get("voorkeur").is_some());
    let confirmation = done.and_then(|what| match what.as_str() {
        "code" => Some(lang.t("resident-contact-address-we-have-sent-you-a-text")),
        "aan" => Some(lang.t("resident-contact-address-done-your-phone-number-is-confirmed")),
        "uit" => Some(lang.t("resident-contact-address-we-have-removed-your-phone-number")),
        _ => None,
    });
    let request_error = form_error("request_phone_code");
    let confirm_error = form_error("confirm_phone_code");
    let preference_error = form_error("set_preferred_channel");
    view! {
        <section id="telefoon" aria-labelledby="telefoon-kop">
            <h2 id="telefoon-kop" class="utrecht-heading-2">{lang.t("resident-contact-address-sms-and-whatsapp")}</h2>
            {confirmation.map(|text| view! { <div class="notice notice--ok" role="status"><p class="utrecht-paragraph">{text}</p></div> })}
            <Suspense fallback=|| ()>
                {move || {
                    let (request_error, confirm_error, preference_error) = (request_error.clone(), confirm_error.clone(), preference_error.clone());
                    Suspend::new(async move {
                        match setting.await {
                            Ok(PhoneSetting { phone, preferred, options }) => {
                                let phone_part = match phone {
                                    AddressSetting::Off => view! {
                                        <p class="utrecht-paragraph">{lang.t("resident-contact-address-do-you-send-us-messages-by")}</p>
                                        <FormFeedback error=request_error/>
                                        <PhoneForm lang/>
                                    }.into_any(),
                                    AddressSetting::AwaitingCode { address } => view! {
                                        <p class="utrecht-paragraph">{match lang {
                                            Lang::Nl => format!("We hebben een code gestuurd naar {address}. Vul de code hieronder in. De code werkt 15 minuten."),
                                            Lang::En => format!("We have sent a code to {address}. Enter the code below. The code works for 15 minutes."),
                                        }}</p>
                                        <FormFeedback error=confirm_error/>
                                        <form method="post" action="/api/confirm_phone_code" class="form">
                                            <label for="phone-code">{lang.t("resident-contact-address-code-from-the-text-message")}</label>
                                            <input id="phone-code" name="code" type="text" inputmode="numeric" autocomplete="one-time-code" maxlength="12" required=true class="form__input form__input--short"/>
                                            <button type="submit" class="utrecht-button utrecht-button--primary-action">{lang.t("resident-contact-address-confirm")}</button>
                                        </form>
                                        <RemovePhoneForm lang/>
                                    }.into_any(),
                                    AddressSetting::Confirmed { address } => view! {
                                        <p class="utrecht-paragraph">{match lang {
                                            Lang::Nl => format!("Je bevestigde nummer is {address}."),
                                            Lang::En => format!("Your confirmed number is {address}."),
                                        }}</p>
                                        <RemovePhoneForm lang/>
                                    }.into_any(),
                                };
                                let preference = (options.len() > 1).then(|| view! {
                                    <h3 id="voorkeur" class="utrecht-heading-3">{lang.t("resident-contact-address-where-would-you-like-to-get")}</h3>
                                    {saved.then(|| view! { <div class="notice notice--ok" role="status"><p class="utrecht-paragraph">{lang.t("resident-contact-address-saved")}</p></div> })}
                                    <FormFeedback error=preference_error/>
                                    <form method="post" action="/api/set_preferred_channel" class="form">
                                        <fieldset class="form__fieldset">
                                            <legend>{lang.t("resident-contact-address-answers-to-new-questions-are-always")}</legend>
                                            <ChannelChoice id_prefix="voorkeur" current=preferred options=options.into_iter().map(|channel| {
                                                let label = if channel == Channel::Portal { lang.t("resident-contact-address-nothing-else") } else { channel.label(lang) };
                                                (channel, label.to_string())
                                            }).collect()/>
                                        </fieldset>
                                        <button type="submit" class="utrecht-button utrecht-button--secondary">{lang.t("resident-contact-address-save")}</button>
                                    </form>
                                });
                                view! { {phone_part} {preference} }.into_any()
                            }
                            Err(error) => view! { <ErrorNotice error/> }.into_any(),
                        }
                    })
                }}
            </Suspense>
        </section>
    }
}

#[component]
fn PhoneForm(lang: Lang) -> impl IntoView {
    view! {
        <form method="post" action="/api/request_phone_code" class="form">
            <label for="phone">{lang.t("resident-contact-address-mobile-number")}</label>
            <input id="phone" name="phone" type="tel" autocomplete="tel" maxlength="20" required=true class="form__input form__input--short"/>
            <button type="submit" class="utrecht-button utrecht-button--primary-action">{lang.t("resident-contact-address-text-me-a-code")}</button>
        </form>
    }
}

#[component]
fn RemovePhoneForm(lang: Lang) -> impl IntoView {
    view! {
        <form method="post" action="/api/remove_phone" class="form">
            <button type="submit" class="utrecht-button utrecht-button--secondary">{lang.t("resident-contact-address-remove-my-number")}</button>
        </form>
    }
}

/// "Door de gemeente gekoppeld": addresses staff linked to the resident
/// when they identified them (on the phone, at the counter). Shown only
/// when there is one; each can be removed.
#[component]
pub fn LinkedSection() -> impl IntoView {
    let lang = use_lang();
    let linked = Resource::new_blocking(|| (), |_| crate::api::contact_address::my_linked_addresses());
    let removed = leptos_router::hooks::use_query_map().with_untracked(|q| q.get("gekoppeld").is_some());
    let error = form_error("unlink_address");
    view! {
        <Suspense fallback=|| ()>
            {move || {
                let error = error.clone();
                Suspend::new(async move {
                    let linked = linked.await.unwrap_or_default();
                    (removed || !linked.is_empty() || error.is_some()).then(|| view! {
                        <section id="gekoppeld" aria-labelledby="gekoppeld-kop">
                            <h2 id="gekoppeld-kop" class="utrecht-heading-2">{lang.t("resident-linked-title")}</h2>
                            {removed.then(|| view! { <div class="notice notice--ok" role="status"><p class="utrecht-paragraph">{lang.t("resident-linked-removed")}</p></div> })}
                            <FormFeedback error/>
                            {(!linked.is_empty()).then(|| view! { <p class="utrecht-paragraph">{lang.t("resident-linked-explanation")}</p> })}
                            <ul class="card-list">
                                {linked.into_iter().map(|a| view! {
                                    <li class="card">
                                        <p class="utrecht-paragraph">{format!("{}: {}", a.kind, a.address)}</p>
                                        <p class="card__meta">{format!("{} {}", lang.t("resident-linked-on"), a.linked_on)}</p>
                                        <form method="post" action="/api/unlink_address" class="form">
                                            <input type="hidden" name="id" value=a.id.to_string()/>
                                            <button type="submit" class="utrecht-button utrecht-button--secondary">{format!("{} {}", lang.t("resident-linked-remove"), a.address)}</button>
                                        </form>
                                    </li>
                                }).collect_view()}
                            </ul>
                        </section>
                    })
                })
            }}
        </Suspense>
    }
}
