//! Server functions of retention: the terms (functional administrator),
//! a dry run, and the reports (administrator and privacy officer).

use leptos::prelude::*;

use crate::error::AppError;
use crate::model::ids::CaseTypeId;
use crate::model::retention::RetentionView;

#[server(endpoint = "retention_overview")]
pub async fn retention_overview() -> Result<RetentionView, AppError> {
    use crate::backend::{self, auth::policy, service::retention};
    super::answer(async move {
        let state = backend::state()?;
        let staff = policy::require(policy::Action::ReadRetentionReports)?;
        let lang = crate::i18n::lang_of_request();
        let settings = if staff.may(policy::Action::Configure) { Some(retention::settings(&state.db, lang).await?) } else { None };
        Ok(RetentionView { settings, reports: retention::reports(&state.db, lang, 30).await? })
    })
    .await
}

/// Sets a case type's term in years; empty: not set (its cases are kept).
#[server(endpoint = "set_case_type_retention")]
pub async fn set_case_type_retention(case_type: CaseTypeId, years: String) -> Result<(), AppError> {
    use crate::backend::{self, auth::policy};
    super::answer(async move {
        let state = backend::state()?;
        policy::require(policy::Action::Configure)?;
        let years = match years.trim() {
            "" => None,
            y => Some(y.parse::<i64>().map_err(|_| backend::Error::field("years", crate::error::FieldErrorCode::Invalid))?),
        };
        backend::service::retention::set_case_type_term(&state.db, case_type, years).await?;
        leptos_axum::redirect(&format!("{}?opgeslagen=1", crate::path::RETENTION));
        Ok(())
    })
    .await
}

/// Sets the term of conversations without a case, callback requests, the processing log or notices.
#[server(endpoint = "set_retention_term")]
pub async fn set_retention_term(category: String, years: i64) -> Result<(), AppError> {
    use crate::backend::{self, auth::policy};
    super::answer(async move {
        let state = backend::state()?;
        let staff = policy::require(policy::Action::Configure)?;
        backend::service::retention::set_term(&state.db, &category, years, staff.id, state.clock.now()).await?;
        leptos_axum::redirect(&format!("{}?opgeslagen=1", crate::path::RETENTION));
        Ok(())
    })
    .await
}

/// Counts what would go today, removes nothing; the report is on the page.
#[server(endpoint = "retention_dry_run")]
pub async fn retention_dry_run() -> Result<(), AppError> {
    use crate::backend::{self, auth::policy};
    super::answer(async move {
        let state = backend::state()?;
        let staff = policy::require(policy::Action::Configure)?;
        backend::service::retention::run(&state.db, state.documents.as_ref(), state.clock.now(), true, Some(staff.id)).await?;
        leptos_axum::redirect(&format!("{}?proef=1#verslagen", crate::path::RETENTION));
        Ok(())
    })
    .await
}
