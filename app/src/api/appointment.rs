//! Server functions about appointments: the resident's own (list, one,
//! choose a time for a to-do, move, cancel), and staff booking for the
//! resident of a case and seeing their teams' bookings.

use leptos::prelude::*;

use crate::error::AppError;
use crate::model::appointment::{AppointmentSummary, Product, SlotChoice, TeamAppointments};
use crate::model::ids::{AppointmentId, CaseId, LocationId, ProductId, TodoId};

/// A location and a day as a GET form sends them: unreadable or empty is "the first".
#[cfg(feature = "ssr")]
fn chosen(location: Option<String>, day: Option<String>) -> (Option<LocationId>, Option<time::Date>) {
    let format = time::macros::format_description!("[year]-[month]-[day]");
    (location.and_then(|l| l.parse().ok()), day.and_then(|d| time::Date::parse(&d, &format).ok()))
}

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

/// One of the resident's own upcoming appointments; anyone else's is NotFound.
#[server(endpoint = "my_appointment")]
pub async fn my_appointment(id: AppointmentId) -> Result<AppointmentSummary, AppError> {
    use crate::backend::{self, auth::policy};
    super::answer(async move {
        let state = backend::state()?;
        let (resident, _) = policy::require_resident()?;
        Ok(backend::service::appointment::find_own(&state.db, resident, id, crate::i18n::lang_of_request(), state.clock.now()).await?)
    })
    .await
}

/// The free times for one of the resident's appointment to-dos.
#[server(endpoint = "todo_slot_choice")]
pub async fn todo_slot_choice(todo: TodoId, location: Option<String>, day: Option<String>) -> Result<SlotChoice, AppError> {
    use crate::backend::{self, auth::policy};
    super::answer(async move {
        let state = backend::state()?;
        let (resident, _) = policy::require_resident()?;
        let (location, day) = chosen(location, day);
        let lang = crate::i18n::lang_of_request();
        Ok(backend::service::appointment::choice_for_todo(state.agenda.as_ref(), &state.db, resident, todo, location, day, lang, state.clock.now()).await?)
    })
    .await
}

/// One of the resident's own appointments with the free times it can move to.
#[server(endpoint = "move_slot_choice")]
pub async fn move_slot_choice(id: AppointmentId, location: Option<String>, day: Option<String>) -> Result<(AppointmentSummary, SlotChoice), AppError> {
    use crate::backend::{self, auth::policy};
    super::answer(async move {
        let state = backend::state()?;
        let (resident, _) = policy::require_resident()?;
        let (location, day) = chosen(location, day);
        let lang = crate::i18n::lang_of_request();
        Ok(backend::service::appointment::choice_for_move(state.agenda.as_ref(), &state.db, resident, id, location, day, lang, state.clock.now()).await?)
    })
    .await
}

/// The resident books a time for an appointment to-do; the page of the
/// new appointment confirms it (with its calendar file).
#[server(endpoint = "book_appointment")]
pub async fn book_appointment(todo: TodoId, location: LocationId, starts: Option<String>) -> Result<(), AppError> {
    use crate::backend::{self, auth::policy};
    super::answer(async move {
        let state = backend::state()?;
        let (resident, _) = policy::require_resident()?;
        let starts_at = backend::service::appointment::parse_start(starts.as_deref().unwrap_or(""))?;
        let id = backend::service::appointment::book_for_todo(state.agenda.as_ref(), &state.db, resident, todo, location, starts_at, state.clock.now()).await?;
        leptos_axum::redirect(&format!("{}?gemaakt=1", crate::path::resident_appointment(id)));
        Ok(())
    })
    .await
}

/// The resident moves one of their own appointments to another free time.
#[server(endpoint = "move_appointment")]
pub async fn move_appointment(id: AppointmentId, location: LocationId, starts: Option<String>) -> Result<(), AppError> {
    use crate::backend::{self, auth::policy};
    super::answer(async move {
        let state = backend::state()?;
        let (resident, _) = policy::require_resident()?;
        let starts_at = backend::service::appointment::parse_start(starts.as_deref().unwrap_or(""))?;
        backend::service::appointment::reschedule(state.agenda.as_ref(), &state.db, resident, id, location, starts_at, state.clock.now()).await?;
        leptos_axum::redirect(&format!("{}?verzet=1", crate::path::resident_appointment(id)));
        Ok(())
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

/// Staff: every product, and the free times of the chosen one, for the resident of a case.
#[server(endpoint = "case_slot_choice")]
pub async fn case_slot_choice(case: CaseId, product: Option<String>, location: Option<String>, day: Option<String>) -> Result<(Vec<Product>, Option<SlotChoice>), AppError> {
    use crate::backend::{self, auth::policy};
    super::answer(async move {
        let state = backend::state()?;
        let staff = policy::require(policy::Action::WorkCases)?;
        let (location, day) = chosen(location, day);
        let product: Option<ProductId> = product.and_then(|p| p.parse().ok());
        let lang = crate::i18n::lang_of_request();
        Ok(backend::service::appointment::choice_for_case(state.agenda.as_ref(), &state.db, &staff, case, product, location, day, lang, state.clock.now()).await?)
    })
    .await
}

/// Staff book a time for the resident of a case; back to the case with a confirmation.
#[server(endpoint = "book_appointment_for_case")]
pub async fn book_appointment_for_case(case: CaseId, product: ProductId, location: LocationId, starts: Option<String>) -> Result<(), AppError> {
    use crate::backend::{self, auth::policy};
    super::answer(async move {
        let state = backend::state()?;
        let staff = policy::require(policy::Action::WorkCases)?;
        let starts_at = backend::service::appointment::parse_start(starts.as_deref().unwrap_or(""))?;
        let booked = backend::service::appointment::book_for_case(state.agenda.as_ref(), &state.db, &staff, case, product, location, starts_at, state.clock.now()).await?;
        state.apply(booked).await;
        leptos_axum::redirect(&format!("{}?afspraak=1", crate::path::staff_case(case)));
        Ok(())
    })
    .await
}

/// Staff: the bookings of their teams, coming and lately cancelled.
#[server(endpoint = "list_team_appointments")]
pub async fn list_team_appointments() -> Result<TeamAppointments, AppError> {
    use crate::backend::{self, auth::policy};
    super::answer(async move {
        let state = backend::state()?;
        let staff = policy::require(policy::Action::ReadCases)?;
        Ok(backend::service::appointment::for_team(&state.db, &staff, crate::i18n::lang_of_request(), state.clock.now()).await?)
    })
    .await
}
