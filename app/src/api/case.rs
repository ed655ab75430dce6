//! Server functions about the resident's own cases.

use leptos::prelude::*;

use crate::error::AppError;
use crate::model::case::{CaseDetail, MyCases};
use crate::model::ids::CaseId;

/// The signed-in resident's cases, open and closed, in overview order.
#[server(endpoint = "list_my_cases")]
pub async fn list_my_cases() -> Result<MyCases, AppError> {
    use crate::backend::{self, auth::policy};
    super::answer(async move {
        let state = backend::state()?;
        let (resident, _) = policy::require_resident()?;
        Ok(backend::service::case::list_for_resident(&state.db, resident, crate::i18n::lang_of_request()).await?)
    })
    .await
}

/// One of the signed-in resident's cases with its timeline; another resident's case is NotFound.
#[server(endpoint = "get_my_case")]
pub async fn get_my_case(id: CaseId) -> Result<CaseDetail, AppError> {
    use crate::backend::{self, auth::policy};
    super::answer(async move {
        let state = backend::state()?;
        let (resident, _) = policy::require_resident()?;
        Ok(backend::service::case::detail_for_resident(&state.db, resident, id, crate::i18n::lang_of_request()).await?)
    })
    .await
}
