//! Server functions about the processing log: the resident reads who
//! processed their data; the privacy officer searches all of it.

use leptos::prelude::*;

use crate::error::AppError;
use crate::model::ids::ResidentId;
use crate::model::processing_log::{LogEntry, ResidentEntry};

/// "Wie heeft mijn gegevens bekeken": the signed-in resident's own log.
#[server(endpoint = "my_processing_log")]
pub async fn my_processing_log() -> Result<Vec<ResidentEntry>, AppError> {
    use crate::backend::{self, auth::policy};
    super::answer(async move {
        let state = backend::state()?;
        let (resident, _) = policy::require_resident()?;
        Ok(backend::service::processing_log::for_resident(&state.db, resident, crate::i18n::lang_of_request()).await?)
    })
    .await
}

/// The privacy officer searches by resident and period (`YYYY-MM-DD`, Dutch days).
#[server(endpoint = "search_processing_log")]
pub async fn search_processing_log(resident: Option<ResidentId>, from: Option<String>, until: Option<String>) -> Result<Vec<LogEntry>, AppError> {
    use crate::backend::{self, auth::policy, service::processing_log};
    super::answer(async move {
        let state = backend::state()?;
        policy::require(policy::Action::ReadProcessingLog)?;
        let (from, until) = processing_log::period(from.as_deref(), until.as_deref())?;
        Ok(processing_log::search(&state.db, resident, from, until, processing_log::PAGE_LIMIT, crate::i18n::lang_of_request()).await?)
    })
    .await
}

/// The privacy officer names a resident by BSN: the page comes back with
/// the resident's internal id, so the BSN never appears in an address.
#[server(endpoint = "processing_log_subject")]
pub async fn processing_log_subject(bsn: String, from: Option<String>, until: Option<String>) -> Result<(), AppError> {
    use crate::backend::{self, auth::policy, service::processing_log};
    super::answer(async move {
        let state = backend::state()?;
        policy::require(policy::Action::ReadProcessingLog)?;
        // Checked first: only well-formed days go back into the address.
        processing_log::period(from.as_deref(), until.as_deref())?;
        let resident = processing_log::subject(&state.db, &bsn).await?;
        let keep = |name: &str, value: Option<String>| value.filter(|v| !v.trim().is_empty()).map(|v| format!("&{name}={}", v.trim())).unwrap_or_default();
        let found = match resident {
            Some(id) => format!("inwoner={id}"),
            None => "onbekend=1".to_string(),
        };
        leptos_axum::redirect(&format!("/staff/verwerkingen?{found}{}{}", keep("van", from), keep("tot", until)));
        Ok(())
    })
    .await
}
