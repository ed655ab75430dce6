//! Server functions about the resident's own cases.

use leptos::prelude::*;

use crate::error::AppError;
use crate::model::case::{CaseDetail, CaseSummary, MyCases, StaffCaseDetail};
use crate::model::ids::CaseId;

/// The signed-in resident's cases, open and closed, in overview order.
#[server(endpoint = "list_my_cases")]
pub async fn list_my_cases() -> Result<MyCases, AppError> {
    use crate::backend::{self, auth::policy};
    super::answer(async move {
        let state = backend::state()?;
        let (resident, _) = policy::require_resident()?;
        let lang = crate::i18n::lang_of_request();
        let mut cases = backend::service::case::list_for_resident(&state.db, resident, lang).await?;
        if state.case_sync.is_some() {
            cases.freshness = Some(backend::service::case_sync::freshness(&state.db, resident, lang).await?);
        }
        Ok(cases)
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

/// Staff: the open cases of their teams, within their clearance.
#[server(endpoint = "list_open_cases")]
pub async fn list_open_cases() -> Result<Vec<CaseSummary>, AppError> {
    use crate::backend::{self, auth::policy};
    super::answer(async move {
        let state = backend::state()?;
        let staff = policy::require(policy::Action::ReadCases)?;
        Ok(backend::service::case::list_open_for_staff(&state.db, &staff, crate::i18n::lang_of_request(), state.clock.now()).await?)
    })
    .await
}

/// Staff: one case with its next step; the view is logged with its purpose.
#[server(endpoint = "get_case_for_staff")]
pub async fn get_case_for_staff(id: CaseId) -> Result<StaffCaseDetail, AppError> {
    use crate::backend::{self, auth::policy};
    super::answer(async move {
        let state = backend::state()?;
        let staff = policy::require(policy::Action::ReadCases)?;
        let lang = crate::i18n::lang_of_request();
        Ok(backend::service::case::detail_for_staff(&state.db, &staff, id, lang, state.payments.is_some(), state.clock.now()).await?)
    })
    .await
}

/// Staff: moves a case to its next status; a form post comes back to the case.
#[server(endpoint = "advance_case")]
pub async fn advance_case(id: CaseId, to: i64) -> Result<(), AppError> {
    use crate::backend::{self, auth::policy};
    super::answer(async move {
        let state = backend::state()?;
        let staff = policy::require(policy::Action::WorkCases)?;
        let advanced = backend::service::case::advance(&state.db, &staff, id, to, state.clock.now()).await?;
        state.apply(advanced).await;
        leptos_axum::redirect(&format!("{}?bijgewerkt=1", crate::path::staff_case(id)));
        Ok(())
    })
    .await
}
