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
            <dt>{lang.pick("Bellen", "Phone")}</dt>
            <dd><a class="utrecht-link" href=tel>{phone}</a>
                " " {lang.pick("(maandag tot en met vrijdag, 8.30 tot 17.00 uur)", "(Monday to Friday, 8.30 am to 5 pm)")}</dd>
            <dt>{lang.pick("E-mail", "E-mail")}</dt>
            <dd><a class="utrecht-link" href=mailto>{email}</a></dd>
            <dt>{lang.pick("Langskomen", "Visit us")}</dt>
            <dd>{address}" " {lang.pick("(alleen op afspraak)", "(by appointment only)")}</dd>
        </dl>
    }
}
