//! Server functions for the administrator's closed days: list them, add
//! one, open one again. Each form post redirects back to the page.

use leptos::prelude::*;

use crate::error::AppError;
use crate::model::closed_day::ClosedDay;

/// The closed days from today on.
#[server(endpoint = "closed_days")]
pub async fn closed_days() -> Result<Vec<ClosedDay>, AppError> {
    use crate::backend::{self, auth::policy};
    super::answer(async move {
        let state = backend::state()?;
        policy::require(policy::Action::Configure)?;
        Ok(backend::service::closed_day::upcoming(&state.db, crate::i18n::lang_of_request(), state.clock.now()).await?)
    })
    .await
}

/// Closes the municipality on `day` (`YYYY-MM-DD`) for the reason `name`.
#[server(endpoint = "add_closed_day")]
pub async fn add_closed_day(day: String, name: String) -> Result<(), AppError> {
    use crate::backend::{self, auth::policy};
    super::answer(async move {
        let state = backend::state()?;
        let staff = policy::require(policy::Action::Configure)?;
        backend::service::closed_day::add(&state.db, &staff, &day, &name, state.clock.now()).await?;
        leptos_axum::redirect(&format!("{}?toegevoegd=1", crate::path::CLOSED_DAYS));
        Ok(())
    })
    .await
}

/// Opens a closed day again.
#[server(endpoint = "remove_closed_day")]
pub async fn remove_closed_day(day: String) -> Result<(), AppError> {
    use crate::backend::{self, auth::policy};
    super::answer(async move {
        let state = backend::state()?;
        policy::require(policy::Action::Configure)?;
        backend::service::closed_day::remove(&state.db, &day).await?;
        leptos_axum::redirect(&format!("{}?verwijderd=1", crate::path::CLOSED_DAYS));
        Ok(())
    })
    .await
}
