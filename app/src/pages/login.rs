//! Logging in and out: the resident's DigiD page, the staff page, and
//! the page after logout. Failed logins come back here with a reason.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::i18n::{use_lang, Lang};

/// The explanation for a `?fout=` code; unknown codes get the general one.
fn failure(lang: Lang, code: &str) -> &'static str {
    match code {
        "verlopen" => lang.pick(
            "Je bent automatisch uitgelogd, omdat je een tijd niets hebt gedaan. Log opnieuw in om verder te gaan.",
            "You were logged out automatically because you were inactive for a while. Log in again to continue.",
        ),
        "status" => lang.pick(
            "Het inloggen is niet gelukt: de inlogpoging was te oud of niet van deze browser. Probeer het opnieuw.",
            "Logging in failed: the attempt was too old or did not start in this browser. Please try again.",
        ),
        "aanbieder" => lang.pick(
            "DigiD is nu niet bereikbaar of heeft het inloggen geweigerd. Probeer het later opnieuw.",
            "DigiD cannot be reached right now or refused the login. Please try again later.",
        ),
        "token" => lang.pick(
            "We konden niet controleren dat de inlog echt is. Voor je veiligheid ben je niet ingelogd. Probeer het opnieuw.",
            "We could not verify that the login is genuine. For your safety you are not logged in. Please try again.",
        ),
        "bsn" => lang.pick(
            "We kregen geen geldig burgerservicenummer (BSN) mee. Daarom kun je niet inloggen. Bel ons als dit blijft gebeuren.",
            "We did not receive a valid citizen service number (BSN). That is why you cannot log in. Call us if this keeps happening.",
        ),
        "niveau" => lang.pick(
            "Voor dit deel moet je inloggen met een hoger niveau. Gebruik de DigiD app met ID-check.",
            "This part needs a login at a higher level. Use the DigiD app with ID check.",
        ),
        "rol" => lang.pick(
            "Je account heeft geen rol in Loket. Vraag de beheerder om toegang.",
            "Your account has no role in Loket. Ask the administrator for access.",
        ),
        "te-vaak" => lang.pick(
            "Je hebt het te vaak achter elkaar geprobeerd. Wacht een minuut en probeer het opnieuw.",
            "You tried too often in a row. Wait a minute and try again.",
        ),
        "afgebroken" => lang.pick("Je hebt het inloggen afgebroken.", "You cancelled logging in."),
        _ => lang.pick(
            "Er ging iets mis bij het inloggen. Probeer het later opnieuw.",
            "Something went wrong while logging in. Please try again later.",
        ),
    }
}

#[component]
fn Failure(code: Option<String>) -> impl IntoView {
    let lang = use_lang();
    code.map(|code| {
        view! {
            <div class="error-notice" role="alert">
                <p class="utrecht-paragraph">{failure(lang, &code)}</p>
            </div>
        }
    })
}

fn login_href(audience: &str, next: Option<String>) -> String {
    let mut href = format!("/auth/{audience}/login");
    if let Some(next) = next.filter(|n| n.starts_with('/') && !n.starts_with("//")) {
        href.push_str("?next=");
        href.push_str(&next.replace('%', "%25").replace('&', "%26").replace('#', "%23").replace('?', "%3F"));
    }
    href
}

#[component]
pub fn Login() -> impl IntoView {
    let lang = use_lang();
    let query = use_query_map();
    let code = query.with_untracked(|q| q.get("fout"));
    let next = query.with_untracked(|q| q.get("next"));
    view! {
        <Title text=lang.pick("Inloggen", "Log in")/>
        <h1 class="utrecht-heading-1">{lang.pick("Inloggen op Mijn omgeving", "Log in to My environment")}</h1>
        <Failure code/>
        <p class="utrecht-paragraph">
            {lang.pick(
                "In Mijn omgeving zie je je zaken, berichten en afspraken met de gemeente. Je logt in met DigiD.",
                "In My environment you see your cases, messages and appointments with the municipality. You log in with DigiD.",
            )}
        </p>
        <p class="utrecht-paragraph">
            <a class="utrecht-button utrecht-button--primary-action" href=login_href("resident", next)>
                {lang.pick("Inloggen met DigiD", "Log in with DigiD")}
            </a>
        </p>
        <p class="utrecht-paragraph">
            {lang.pick(
                "Heb je geen DigiD? Bel ons, dan helpen we je verder.",
                "No DigiD? Call us and we will help you.",
            )}
        </p>
    }
}

#[component]
pub fn StaffLogin() -> impl IntoView {
    let lang = use_lang();
    let query = use_query_map();
    let code = query.with_untracked(|q| q.get("fout"));
    let next = query.with_untracked(|q| q.get("next"));
    view! {
        <Title text=lang.pick("Inloggen medewerkers", "Staff login")/>
        <h1 class="utrecht-heading-1">{lang.pick("Inloggen voor medewerkers", "Staff login")}</h1>
        <Failure code/>
        <p class="utrecht-paragraph">
            {lang.pick("Log in met je account van de gemeente.", "Log in with your municipality account.")}
        </p>
        <p class="utrecht-paragraph">
            <a class="utrecht-button utrecht-button--primary-action" href=login_href("staff", next)>
                {lang.pick("Inloggen als medewerker", "Log in as staff")}
            </a>
        </p>
    }
}

#[component]
pub fn LoggedOut() -> impl IntoView {
    let lang = use_lang();
    view! {
        <Title text=lang.pick("Uitgelogd", "Logged out")/>
        <h1 class="utrecht-heading-1">{lang.pick("Je bent uitgelogd", "You are logged out")}</h1>
        <p class="utrecht-paragraph">
            {lang.pick(
                "Je bent veilig uitgelogd. Gebruik je een computer van iemand anders? Sluit dan ook de browser.",
                "You have been logged out safely. Using someone else's computer? Close the browser as well.",
            )}
        </p>
        <p class="utrecht-paragraph"><a class="utrecht-link" href="/inloggen">{lang.pick("Opnieuw inloggen", "Log in again")}</a></p>
    }
}
