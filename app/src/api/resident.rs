//! Server functions about finding a resident (staff). What the agent
//! typed is posted, never put in an address: the answer is a redirect to
//! the one resident found, or to the list of internal ids found.

use leptos::prelude::*;

use crate::error::AppError;
use crate::model::resident::ResidentMatch;

/// Staff find a resident by BSN, postal code with house number, a
/// confirmed e-mail address or phone number, or a name with `born`
/// (`YYYY-MM-DD`).
#[server(endpoint = "find_residents")]
pub async fn find_residents(q: String, born: Option<String>) -> Result<(), AppError> {
    use crate::backend::{self, auth::policy};
    super::answer(async move {
        let state = backend::state()?;
        policy::require(policy::Action::FindResident)?;
        let found = backend::service::resident::find(&state.db, &q, born.as_deref()).await?;
        let to = match found.as_slice() {
            [] => "/staff/inwoners?geen=1".to_string(),
            [one] => crate::path::client_view(*one),
            many => format!("/staff/inwoners?gevonden={}", many.iter().map(|id| id.to_string()).collect::<Vec<_>>().join(",")),
        };
        leptos_axum::redirect(&to);
        Ok(())
    })
    .await
}

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
