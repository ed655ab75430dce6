//! Server functions about residents as staff find them (the search
//! itself is `api::search`).

use leptos::prelude::*;

use crate::error::AppError;
use crate::model::resident::ResidentMatch;

/// The residents a search found (internal ids, comma-separated), as staff see them; logged.
#[server(endpoint = "found_residents")]
pub async fn found_residents(ids: String) -> Result<Vec<ResidentMatch>, AppError> {
    use crate::backend::{self, auth::policy};
    super::answer(async move {
        let state = backend::state()?;
        let staff = policy::require(policy::Action::FindResident)?;
        let ids = ids.split(',').filter(|s| !s.is_empty()).map(|s| s.parse()).collect::<Result<Vec<_>, _>>().map_err(|_| AppError::BadRequest)?;
        Ok(backend::service::resident::matches(&state.db, staff.id, &ids, crate::i18n::lang_of_request(), state.clock.now()).await?)
    })
    .await
}
