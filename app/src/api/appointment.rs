//! Server functions about the resident's appointments.

use leptos::prelude::*;

use crate::error::AppError;
use crate::model::{appointment::AppointmentSummary, ids::AppointmentId};

#[server(endpoint = "list_my_appointments")]
pub async fn list_my_appointments() -> Result<Vec<AppointmentSummary>, AppError> {
    use crate::backend::{self, auth::policy};
    super::answer(async move {
        let state = backend::state()?;
        let (resident, _) = policy::require_resident()?;
        let now = state.clock.now();
        Ok(backend::service::appointment::list_upcoming(&state.db, resident, crate::i18n::lang_of_request(), now).await?)
    })
    .await
}

/// Cancels one of the resident's own appointments. A form post without
/// JavaScript comes back to the overview with a confirmation.
#[server(endpoint = "cancel_appointment")]
pub async fn cancel_appointment(id: AppointmentId) -> Result<(), AppError> {
    use crate::backend::{self, auth::policy};
    super::answer(async move {
        let state = backend::state()?;
        let (resident, _) = policy::require_resident()?;
        backend::service::appointment::cancel(&state.db, resident, id, state.clock.now()).await?;
        leptos_axum::redirect("/mijn?afspraak=geannuleerd");
        Ok(())
    })
    .await
}
