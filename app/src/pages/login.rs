//! Logging in and out: the resident's DigiD page, the staff page, and
//! the page after logout. Failed logins come back here with a reason.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::i18n::{use_lang, Lang};

/// The explanation for a `?fout=` code; unknown codes get the general one.
fn failure(lang: Lang, code: &str) -> &'static str {
    match code {
        "verlopen" => lang.t("login-you-were-logged-out-automatically-because"),
        "status" => lang.t("login-logging-in-failed-the-attempt-was"),
        "aanbieder" => lang.t("login-digid-cannot-be-reached-right-now"),
        "token" => lang.t("login-we-could-not-verify-that-the"),
        "bsn" => lang.t("login-we-did-not-receive-a-valid"),
        "niveau" => lang.t("login-this-part-needs-a-login-at"),
        "rol" => lang.t("login-your-account-has-no-role-in"),
        "te-vaak" => lang.t("login-you-tried-too-often-in-a"),
        "afgebroken" => lang.t("login-you-cancelled-logging-in"),
        _ => lang.t("login-something-went-wrong-while-logging-in"),
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
        <Title text=lang.t("login-log-in")/>
        <h1 class="utrecht-heading-1">{lang.t("login-log-in-to-my-environment")}</h1>
        <Failure code/>
        <p class="utrecht-paragraph">
            {lang.t("login-in-my-environment-you-see-your")}
        </p>
        <p class="utrecht-paragraph">
            <a class="utrecht-button utrecht-button--primary-action" href=login_href("resident", next)>
                {lang.t("login-log-in-with-digid")}
            </a>
        </p>
        <p class="utrecht-paragraph">
            {lang.t("login-no-digid-call-us-and-we")}
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
        <Title text=lang.t("login-staff-login")/>
        <h1 class="utrecht-heading-1">{lang.t("login-staff-login-2")}</h1>
        <Failure code/>
        <p class="utrecht-paragraph">
            {lang.t("login-log-in-with-your-municipality-account")}
        </p>
        <p class="utrecht-paragraph">
            <a class="utrecht-button utrecht-button--primary-action" href=login_href("staff", next)>
                {lang.t("login-log-in-as-staff")}
            </a>
        </p>
    }
}

#[component]
pub fn LoggedOut() -> impl IntoView {
    let lang = use_lang();
    view! {
        <Title text=lang.t("login-logged-out")/>
        <h1 class="utrecht-heading-1">{lang.t("login-you-are-logged-out")}</h1>
        <p class="utrecht-paragraph">
            {lang.t("login-you-have-been-logged-out-safely")}
        </p>
        <p class="utrecht-paragraph"><a class="utrecht-link" href="/inloggen">{lang.t("login-log-in-again")}</a></p>
    }
}
