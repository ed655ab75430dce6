//! `/mijn/gegevens/download`: "Download al mijn gegevens". The resident
//! asks, sees how far the download is (a live notice says when it is
//! ready; without JavaScript the page is reloaded by a link), and gets a
//! JSON file and a readable page while they are kept.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::data_export::my_data_export;
use crate::components::{
    error_notice::ErrorNotice,
    form_feedback::{form_error, FormFeedback},
    higher_level::HigherLevelNotice,
    live_notice::LiveNotice,
};
use crate::i18n::{use_lang, Lang};
use crate::model::data_export::ExportState;
use crate::path::{data_export_file, DATA_EXPORT, DATA_EXPORT_LIVE, DETAILS};

#[component]
pub fn DataExportPage() -> impl IntoView {
    let lang = use_lang();
    let export = Resource::new_blocking(|| (), |_| my_data_export());
    let request_error = form_error("request_data_export");
    view! {
        <Title text=lang.t("data-export-title")/>
        <p><a class="utrecht-link" href=DETAILS>{lang.t("data-export-back")}</a></p>
        <h1 class="utrecht-heading-1">{lang.t("data-export-title")}</h1>
        <p class="utrecht-paragraph">{lang.t("data-export-explanation")}</p>
        <FormFeedback error=request_error/>
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match export.await {
                    Ok(ExportState::None) => view! { <RequestForm lang button=lang.t("data-export-ask")/> }.into_any(),
                    Ok(ExportState::Preparing { done, total }) => view! {
                        <div class="notice" role="status">
                            <p class="utrecht-paragraph" id="export-progress-text">{match lang {
                                Lang::Nl => format!("We maken je download. Klaar: {done} van {total} onderdelen."),
                                Lang::En => format!("We are making your download. Done: {done} of {total} parts."),
                            }}</p>
                            <progress max=total value=done aria-labelledby="export-progress-text"></progress>
                        </div>
                        <LiveNotice
                            stream=DATA_EXPORT_LIVE.to_string()
                            text=lang.t("data-export-changed").to_string()
                            link=DATA_EXPORT.to_string()
                            link_text=lang.t("data-export-show").to_string()
                        />
                        <p class="utrecht-paragraph"><a class="utrecht-link" href=DATA_EXPORT>{lang.t("data-export-refresh")}</a></p>
                    }.into_any(),
                    Ok(ExportState::Ready { id, ready, expires, files }) => view! {
                        <div class="notice notice--ok" role="status">
                            <p class="utrecht-paragraph">{match lang {
                                Lang::Nl => format!("Je download is klaar ({ready}). Je kunt hem downloaden tot {expires}. Daarna verwijderen we hem."),
                                Lang::En => format!("Your download is ready ({ready}). You can download it until {expires}. After that we delete it."),
                            }}</p>
                        </div>
                        <p class="utrecht-paragraph"><a class="utrecht-link" href=data_export_file(id, "html") download="mijn-gegevens.html">{lang.t("data-export-readable")}</a></p>
                        <p class="utrecht-paragraph"><a class="utrecht-link" href=data_export_file(id, "json") download="mijn-gegevens.json">{lang.t("data-export-machine")}</a></p>
                        {files.then(|| view! {
                            <p class="utrecht-paragraph"><a class="utrecht-link" href=data_export_file(id, "bestanden") download="mijn-documenten.zip">{lang.t("data-export-files")}</a></p>
                        })}
                        <RequestForm lang button=lang.t("data-export-ask-again")/>
                    }.into_any(),
                    Ok(ExportState::Failed) => view! {
                        <div class="error-notice" role="alert"><p class="utrecht-paragraph">{lang.t("data-export-failed")}</p></div>
                        <RequestForm lang button=lang.t("data-export-ask-again")/>
                    }.into_any(),
                    Ok(ExportState::NeedsHigherLevel { needed }) => {
                        let text = match lang {
                            Lang::Nl => format!("Al je gegevens zijn gevoelig. Daarom vragen we hier een inlog met niveau {}. Log opnieuw in met de DigiD app met ID-check.", crate::model::session::level_label(&needed)),
                            Lang::En => format!("All your data is sensitive, so this part asks for a login at level {}. Log in again with the DigiD app with ID check.", crate::model::session::level_label(&needed)),
                        };
                        view! { <HigherLevelNotice text needed next=DATA_EXPORT/> }.into_any()
                    }
                    Err(error) => view! { <ErrorNotice error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn RequestForm(lang: Lang, button: &'static str) -> impl IntoView {
    view! {
        <form method="post" action="/api/request_data_export" class="form">
            <button type="submit" class="utrecht-button utrecht-button--primary-action">{button}</button>
        </form>
        <p class="utrecht-paragraph">{lang.t("data-export-how-long")}</p>
    }
}
