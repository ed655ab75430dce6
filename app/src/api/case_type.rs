//! Server functions about case types.

use leptos::prelude::*;

use crate::error::AppError;
use crate::model::case_type::CaseTypeSummary;

/// The case types residents can start or follow, in the request's language.
#[server(endpoint = "list_case_types")]
pub async fn list_case_types() -> Result<Vec<CaseTypeSummary>, AppError> {
    use crate::backend;
    super::answer(async move {
        let state = backend::state()?;
        let lang = crate::i18n::lang_of_request();
        Ok(backend::service::case_type::list_public(&state.db, lang).await?)
    })
    .await
}
