//! `/mijn/toestemmingen`: every purpose with its state and one button to
//! grant or revoke (a plain form each), the receipt of the last change,
//! and the full history.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::consent::my_consents;
use crate::components::{
    error_notice::ErrorNotice,
    form_feedback::{form_error, FormFeedback},
};
use crate::i18n::{use_lang, Lang};
use crate::model::consent::{ConsentEvent, ConsentState, Consents};

/// One change as a sentence: what, which text version, when, how.
pub fn describe(lang: Lang, e: &ConsentEvent) -> String {
    let what = match (lang, e.granted) {
        (Lang::Nl, true) => "Toestemming gegeven",
        (Lang::Nl, false) => "Toestemming ingetrokken",
        (Lang::En, true) => "Consent given",
        (Lang::En, false) => "Consent withdrawn",
    };
    match lang {
        Lang::Nl => format!("{what} voor \u{201c}{}\u{201d} (tekstversie {}), {} {}.", e.purpose, e.version, e.at, e.channel.label(lang)),
        Lang::En => format!("{what} for \u{201c}{}\u{201d} (text version {}), {} {}.", e.purpose, e.version, e.at, e.channel.label(lang)),
    }
}

/// The history, newest first; `staff` adds who recorded each change.
#[component]
pub fn ConsentHistory(history: Vec<ConsentEvent>, staff: bool) -> impl IntoView {
    let lang = use_lang();
    if history.is_empty() {
        return view! { <p class="utrecht-paragraph">{lang.pick("Er is nog niets vastgelegd.", "Nothing has been recorded yet.")}</p> }.into_any();
    }
    view! {
        <ol class="consent-history">
            {history.into_iter().map(|e| {
                let by = e.recorded_by.clone().filter(|_| staff).map(|name| format!(" {} {name}.", lang.pick("Vastgelegd door", "Recorded by")));
                view! { <li>{format!("{}{}", describe(lang, &e), by.unwrap_or_default())}</li> }
            }).collect_view()}
        </ol>
    }
    .into_any()
}

#[component]
pub fn ConsentPage() -> impl IntoView {
    let lang = use_lang();
    let consents = Resource::new_blocking(|| (), |_| my_consents());
    let receipt = leptos_router::hooks::use_query_map().with_untracked(|q| q.get("bon").is_some());
    let error = form_error("change_my_consent");
    view! {
        <Title text=lang.pick("Toestemmingen", "Consents")/>
        <h1 class="utrecht-heading-1">{lang.pick("Toestemmingen", "Consents")}</h1>
        <p class="utrecht-paragraph">{lang.pick(
            "De gemeente heeft al gegevens van je. Hier kies je of we die ook mogen gebruiken om je ergens mee te helpen. Je kiest per doel. Je kunt je keuze altijd weer veranderen. Intrekken is net zo makkelijk als toestemming geven.",
            "The municipality already has some of your data. Here you choose whether we may also use it to help you with something. You choose per purpose. You can always change your choice. Withdrawing is as easy as giving consent.",
        )}</p>
        <FormFeedback error/>
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match consents.await {
                    Ok(Consents { purposes, history }) => {
                        let last = receipt.then(|| history.first().cloned()).flatten();
                        view! {
                            {last.map(|e| view! {
                                <div id="bon" class="notice notice--ok receipt" role="status" tabindex="-1">
                                    <h2 class="utrecht-heading-3">{lang.pick("Je keuze is vastgelegd", "Your choice has been recorded")}</h2>
                                    <p class="utrecht-paragraph">{describe(lang, &e)}</p>
                                    <p class="utrecht-paragraph">{if e.granted {
                                        lang.pick("Wil je dit terugdraaien? Kies hieronder \u{201c}Trek toestemming in\u{201d}. Dat kan altijd.", "Want to undo this? Choose \u{201c}Withdraw consent\u{201d} below. You can do so at any time.")
                                    } else {
                                        lang.pick("Wil je dit terugdraaien? Kies hieronder \u{201c}Geef toestemming\u{201d}.", "Want to undo this? Choose \u{201c}Give consent\u{201d} below.")
                                    }}</p>
                                </div>
                            })}
                            <ul class="card-list">
                                {purposes.into_iter().map(|p| {
                                    let (state, grant) = match p.state {
                                        ConsentState::Granted => (lang.pick("Je hebt toestemming gegeven.", "You have given consent."), false),
                                        ConsentState::NotGranted => (lang.pick("Je hebt geen toestemming gegeven.", "You have not given consent."), true),
                                        ConsentState::TextChanged => (lang.pick(
                                            "De uitleg is veranderd sinds je toestemming gaf. Daarom gebruiken we je gegevens hier nu niet. Lees de nieuwe uitleg en geef opnieuw toestemming als je dat wilt.",
                                            "The explanation has changed since you gave consent, so we do not use your data for this now. Read the new explanation and give consent again if you want to.",
                                        ), true),
                                    };
                                    let heading = format!("doel-{}", p.id);
                                    view! {
                                        <li class="card">
                                            <h2 id=heading class="utrecht-heading-3">{p.name.clone()}</h2>
                                            <p class="utrecht-paragraph">{p.text}</p>
                                            <p class="utrecht-paragraph"><strong>{state}</strong></p>
                                            <form method="post" action="/api/change_my_consent">
                                                <input type="hidden" name="purpose" value=p.id.to_string()/>
                                                <input type="hidden" name="text" value=p.text_id.to_string()/>
                                                <input type="hidden" name="grant" value=if grant { "true" } else { "false" }/>
                                                <button type="submit" class=if grant { "utrecht-button utrecht-button--primary-action" } else { "utrecht-button utrecht-button--secondary" }>
                                                    {if grant { lang.pick("Geef toestemming", "Give consent") } else { lang.pick("Trek toestemming in", "Withdraw consent") }}
                                                    <span class="visually-hidden">{format!(": {}", p.name)}</span>
                                                </button>
                                            </form>
                                        </li>
                                    }
                                }).collect_view()}
                            </ul>
                            <h2 class="utrecht-heading-2">{lang.pick("Geschiedenis", "History")}</h2>
                            <ConsentHistory history staff=false/>
                        }.into_any()
                    }
                    Err(error) => view! { <ErrorNotice error/> }.into_any(),
                }
            })}
        </Suspense>
        <p class="utrecht-paragraph"><a class="utrecht-link" href="/mijn">{lang.pick("Terug naar Mijn overzicht", "Back to My overview")}</a></p>
    }
}
