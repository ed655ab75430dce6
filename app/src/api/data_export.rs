//! Server functions of "download al mijn gegevens": the state of the
//! resident's download and asking for a new one. Both need the level of
//! assurance Mijn gegevens needs.

use leptos::prelude::*;

use crate::error::AppError;
use crate::model::data_export::ExportState;

/// The signed-in resident's download: none, being made, ready, failed.
#[server(endpoint = "my_data_export")]
pub async fn my_data_export() -> Result<ExportState, AppError> {
    use crate::backend::{self, auth::policy};
    super::answer(async move {
        let state = backend::state()?;
        let (resident, user) = policy::require_resident()?;
        if let Some(needed) = policy::missing_level(&user, state.auth.rules.sensitive_loa) {
            return Ok(ExportState::NeedsHigherLevel { needed: needed.name().to_string() });
        }
        Ok(backend::service::data_export::current(&state.db, resident, state.clock.now(), crate::i18n::lang_of_request()).await?)
    })
    .await
}

/// Asks for a new download; the page then shows how far it is.
#[server(endpoint = "request_data_export")]
pub async fn request_data_export() -> Result<(), AppError> {
    use crate::backend::{self, auth::policy};
    super::answer(async move {
        let state = backend::state()?;
        let (resident, user) = policy::require_resident()?;
        if policy::missing_level(&user, state.auth.rules.sensitive_loa).is_some() {
            return Err(AppError::Forbidden);
        }
        let requested = backend::service::data_export::request(&state.db, resident, crate::i18n::lang_of_request(), state.clock.now()).await?;
        state.apply(requested).await;
        leptos_axum::redirect(crate::path::DATA_EXPORT);
        Ok(())
    })
    .await
}
