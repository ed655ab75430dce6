//! How to reach the municipality: phone, e-mail, the counter.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::i18n::use_lang;
use crate::model::municipality::Municipality;

#[component]
pub fn Contact() -> impl IntoView {
    let lang = use_lang();
    let m = use_context::<Municipality>();
    let (phone, email, address) = m.map(|m| (m.phone, m.email, m.visit_address)).unwrap_or_default();
    let tel = format!("tel:{}", phone.replace(' ', ""));
    let mailto = format!("mailto:{email}");
    view! {
        <Title text="Contact"/>
        <h1 class="utrecht-heading-1">"Contact"</h1>
        <dl class="contact-list">
            <dt>{lang.t("contact-phone")}</dt>
            <dd><a class="utrecht-link" href=tel>{phone}</a>
                " " {lang.t("contact-monday-to-friday-8-30-am")}</dd>
            <dt>{lang.t("model-conversation-e-mail")}</dt>
            <dd><a class="utrecht-link" href=mailto>{email}</a></dd>
            <dt>{lang.t("contact-visit-us")}</dt>
            <dd>{address}" " {lang.t("contact-by-appointment-only")}</dd>
        </dl>
    }
}
