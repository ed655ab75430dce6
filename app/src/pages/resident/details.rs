//! `/mijn/gegevens`: the resident's own details, a part of the portal
//! that asks for a higher level of assurance.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::session::my_details;
use crate::components::{error_notice::ErrorNotice, higher_level::HigherLevelNotice};
use crate::i18n::{use_lang, Lang};
use crate::model::session::PersonalDetails;
use crate::pages::resident::contact_address::{LinkedSection, NotificationSection, PhoneSection};
use crate::pages::resident::privacy_request::PrivacyRequestSection;

#[component]
pub fn Details() -> impl IntoView {
    let lang = use_lang();
    let details = Resource::new_blocking(|| (), |_| my_details());
    view! {
        <Title text=lang.t("resident-conversations-my-details")/>
        <h1 class="utrecht-heading-1">{lang.t("resident-conversations-my-details")}</h1>
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match details.await {
                    Ok(PersonalDetails::Shown { masked_bsn, loa }) => view! {
                        <dl class="contact-list">
                            <dt>{lang.t("resident-details-citizen-service-number")}</dt>
                            <dd>{masked_bsn}</dd>
                            <dt>{lang.t("resident-details-logged-in-at-level")}</dt>
                            <dd>{crate::model::session::level_label(&loa)}</dd>
                        </dl>
                    }.into_any(),
                    Ok(PersonalDetails::NeedsHigherLevel { needed }) => {
                        let text = match lang {
                            Lang::Nl => format!("Je gegevens zijn gevoelig. Daarom vragen we hier een inlog met niveau {}. Log opnieuw in met de DigiD app met ID-check.", crate::model::session::level_label(&needed)),
                            Lang::En => format!("Your details are sensitive, so this part asks for a login at level {}. Log in again with the DigiD app with ID check.", crate::model::session::level_label(&needed)),
                        };
                        view! { <HigherLevelNotice text needed next=crate::path::DETAILS/> }.into_any()
                    }
                    Err(error) => view! { <ErrorNotice error/> }.into_any(),
                }
            })}
        </Suspense>
        <NotificationSection/>
        <PhoneSection/>
        <LinkedSection/>
        <section id="download" aria-labelledby="download-kop">
            <h2 id="download-kop" class="utrecht-heading-2">{lang.t("data-export-title")}</h2>
            <p class="utrecht-paragraph">{lang.t("data-export-teaser")}</p>
            <p class="utrecht-paragraph"><a class="utrecht-link" href=crate::path::DATA_EXPORT>{lang.t("data-export-go")}</a></p>
        </section>
        <PrivacyRequestSection/>
        <p class="utrecht-paragraph"><a class="utrecht-link" href="/mijn">{lang.t("resident-callbacks-back-to-my-overview")}</a></p>
    }
}
