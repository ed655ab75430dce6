//! Server functions about to-dos: the resident answers a question,
//! confirms they arranged something or pays; staff ask for something on a case.
//! (Documents are sent by the upload handler, appointments booked in `api::appointment`.)

use leptos::prelude::*;

use crate::error::AppError;
use crate::model::case::PaymentOutcome;
use crate::model::ids::{CaseId, PaymentId, TodoId};

/// The resident answers a question to-do; back to the case with a confirmation.
#[server(endpoint = "answer_todo")]
pub async fn answer_todo(todo: TodoId, answer: Option<String>) -> Result<(), AppError> {
    use crate::backend::{self, auth::policy};
    super::answer(async move {
        let state = backend::state()?;
        let (resident, _) = policy::require_resident()?;
        let case = backend::service::todo::answer(&state.db, resident, todo, answer.as_deref().unwrap_or(""), state.clock.now()).await?;
        leptos_axum::redirect(&format!("{}?gedaan=antwoord", crate::path::resident_case(case)));
        Ok(())
    })
    .await
}

/// The resident confirms they arranged what the to-do asked.
#[server(endpoint = "confirm_todo")]
pub async fn confirm_todo(todo: TodoId) -> Result<(), AppError> {
    use crate::backend::{self, auth::policy};
    super::answer(async move {
        let state = backend::state()?;
        let (resident, _) = policy::require_resident()?;
        let case = backend::service::todo::confirm_arranged(&state.db, resident, todo, state.clock.now()).await?;
        leptos_axum::redirect(&format!("{}?gedaan=geregeld", crate::path::resident_case(case)));
        Ok(())
    })
    .await
}

/// Staff ask the resident of a case for something: a document, an answer
/// (free or one of the choices, one per line), an appointment for a
/// product, or something to arrange, by a date.
#[server(endpoint = "ask_todo")]
pub async fn ask_todo(
    case: CaseId,
    kind: String,
    title: String,
    description: Option<String>,
    due_on: Option<String>,
    choices: Option<String>,
    product: Option<String>,
    amount: Option<String>,
) -> Result<(), AppError> {
    use crate::backend::{self, auth::policy};
    super::answer(async move {
        let state = backend::state()?;
        let staff = policy::require(policy::Action::WorkCases)?;
        let format = time::macros::format_description!("[year]-[month]-[day]");
        let request = backend::service::todo::Request {
            kind,
            title,
            description: description.unwrap_or_default(),
            due_on: due_on.and_then(|d| time::Date::parse(d.trim(), &format).ok()),
            choices: choices.unwrap_or_default(),
            product: product.and_then(|p| p.parse().ok()),
            amount: amount.unwrap_or_default(),
        };
        let asked = backend::service::todo::create(&state.db, &staff, case, &request, state.payments.is_some(), state.clock.now()).await?;
        state.apply(asked).await;
        leptos_axum::redirect(&format!("{}?gevraagd=1#te-doen", crate::path::staff_case(case)));
        Ok(())
    })
    .await
}

/// The resident pays a pay to-do: off to the payment provider's page.
#[server(endpoint = "pay_todo")]
pub async fn pay_todo(todo: TodoId) -> Result<(), AppError> {
    use crate::backend::{self, auth::policy};
    super::answer(async move {
        let state = backend::state()?;
        let (resident, _) = policy::require_resident()?;
        let provider = state.payments.clone().ok_or(AppError::NotFound)?;
        let checkout = backend::service::payment::start(&state.db, provider.as_ref(), resident, todo, &state.public_url, state.clock.now()).await?;
        leptos_axum::redirect(&checkout);
        Ok(())
    })
    .await
}

/// How one of the resident's own payments went, for the page they come back to.
#[server(endpoint = "my_payment")]
pub async fn my_payment(id: PaymentId) -> Result<PaymentOutcome, AppError> {
    use crate::backend::{self, auth::policy};
    super::answer(async move {
        let state = backend::state()?;
        let (resident, _) = policy::require_resident()?;
        Ok(backend::service::payment::outcome(&state.db, resident, id).await?)
    })
    .await
}
