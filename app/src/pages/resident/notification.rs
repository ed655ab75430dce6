//! The "Berichten per e-mail" section of Mijn gegevens: set an address,
//! confirm it with the mailed code, or stop. Every step is a plain form.

use leptos::prelude::*;

use crate::api::notification::my_notification_setting;
use crate::components::{
    error_notice::ErrorNotice,
    form_feedback::{form_error, FormFeedback},
};
use crate::i18n::{use_lang, Lang};
use crate::model::notification::NotificationSetting;

#[component]
pub fn NotificationSection() -> impl IntoView {
    let lang = use_lang();
    let setting = Resource::new_blocking(|| (), |_| my_notification_setting());
    let done = leptos_router::hooks::use_query_map().with_untracked(|q| q.get("melding"));
    let confirmation = done.and_then(|what| match what.as_str() {
        "code" => Some(lang.pick("We hebben je een e-mail met een code gestuurd.", "We have sent you an e-mail with a code.")),
        "aan" => Some(lang.pick(
            "Gelukt. Je krijgt voortaan een e-mail als er iets verandert.",
            "Done. From now on you get an e-mail when something changes.",
        )),
        "uit" => Some(lang.pick("Je krijgt geen e-mails meer van ons over je zaken.", "You will no longer get e-mails from us about your cases.")),
        _ => None,
    });
    let request_error = form_error("request_notification_code");
    let confirm_error = form_error("confirm_notification_code");
    view! {
        <section id="meldingen" aria-labelledby="meldingen-kop">
            <h2 id="meldingen-kop" class="utrecht-heading-2">{lang.pick("Berichten per e-mail", "Messages by e-mail")}</h2>
            {confirmation.map(|text| view! { <div class="notice notice--ok" role="status"><p class="utrecht-paragraph">{text}</p></div> })}
            <Suspense fallback=|| ()>
                {move || {
                    let request_error = request_error.clone();
                    let confirm_error = confirm_error.clone();
                    Suspend::new(async move {
                        match setting.await {
                            Ok(NotificationSetting::Off) => view! {
                                <p class="utrecht-paragraph">{lang.pick(
                                    "Wil je een e-mail krijgen als er iets verandert in je zaken? Vul je e-mailadres in. We sturen je dan eerst een code om het te bevestigen.",
                                    "Would you like an e-mail when something changes in your cases? Enter your e-mail address. We first send you a code to confirm it.",
                                )}</p>
                                <FormFeedback error=request_error/>
                                <AddressForm lang button=lang.pick("Stuur mij een code", "Send me a code")/>
                            }.into_any(),
                            Ok(NotificationSetting::AwaitingCode { address }) => view! {
                                <p class="utrecht-paragraph">{match lang {
                                    Lang::Nl => format!("We hebben een code gestuurd naar {address}. Vul de code hieronder in. De code werkt 15 minuten."),
                                    Lang::En => format!("We have sent a code to {address}. Enter the code below. The code works for 15 minutes."),
                                }}</p>
                                <FormFeedback error=confirm_error/>
                                <form method="post" action="/api/confirm_notification_code" class="form">
                                    <label for="code">{lang.pick("Code uit de e-mail", "Code from the e-mail")}</label>
                                    <input id="code" name="code" type="text" inputmode="numeric" autocomplete="one-time-code" maxlength="12" required=true class="form__input form__input--short"/>
                                    <button type="submit" class="utrecht-button utrecht-button--primary-action">{lang.pick("Bevestigen", "Confirm")}</button>
                                </form>
                                <FormFeedback error=request_error/>
                                <form method="post" action="/api/request_notification_code" class="form">
                                    <input type="hidden" name="email" value=address/>
                                    <button type="submit" class="utrecht-button utrecht-button--secondary">{lang.pick("Stuur een nieuwe code", "Send a new code")}</button>
                                </form>
                                <StopForm lang/>
                            }.into_any(),
                            Ok(NotificationSetting::Email { address }) => view! {
                                <p class="utrecht-paragraph">{match lang {
                                    Lang::Nl => format!("We sturen een e-mail naar {address} als er iets verandert in je zaken. In die e-mail staat niet wat er veranderd is. Dat lees je hier, na het inloggen."),
                                    Lang::En => format!("We send an e-mail to {address} when something changes in your cases. The e-mail does not say what changed. You read that here, after logging in."),
                                }}</p>
                                <StopForm lang/>
                                <details class="form-details">
                                    <summary>{lang.pick("Ander e-mailadres gebruiken", "Use another e-mail address")}</summary>
                                    <FormFeedback error=request_error/>
                                    <AddressForm lang button=lang.pick("Stuur mij een code", "Send me a code")/>
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
            <label for="email">{lang.pick("E-mailadres", "E-mail address")}</label>
            <input id="email" name="email" type="email" autocomplete="email" maxlength="254" required=true class="form__input"/>
            <button type="submit" class="utrecht-button utrecht-button--primary-action">{button}</button>
        </form>
    }
}

#[component]
fn StopForm(lang: Lang) -> impl IntoView {
    view! {
        <form method="post" action="/api/stop_notifications" class="form">
            <button type="submit" class="utrecht-button utrecht-button--secondary">{lang.pick("Stop met e-mails", "Stop e-mails")}</button>
        </form>
    }
}
