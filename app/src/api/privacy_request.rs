//! Server functions of privacy requests: the resident asks for a
//! correction or objects; the privacy officer reads and answers.

use leptos::prelude::*;

use crate::error::AppError;
use crate::model::ids::PrivacyRequestId;
use crate::model::privacy_request::{RequestForm, StaffPrivacyRequest};

/// The processings a resident can object to, and their own requests.
#[server(endpoint = "my_privacy_requests")]
pub async fn my_privacy_requests() -> Result<RequestForm, AppError> {
    use crate::backend::{self, auth::policy};
    super::answer(async move {
        let state = backend::state()?;
        let (resident, _) = policy::require_resident()?;
        Ok(backend::service::privacy_request::form(&state.db, resident, state.clock.now(), crate::i18n::lang_of_request()).await?)
    })
    .await
}

/// Sends a request: `kind` is `correctie` or `bezwaar` (with `processing`).
#[server(endpoint = "send_privacy_request")]
pub async fn send_privacy_request(kind: String, processing: Option<String>, text: String) -> Result<(), AppError> {
    use crate::backend::{self, auth::policy};
    super::answer(async move {
        let state = backend::state()?;
        let (resident, _) = policy::require_resident()?;
        backend::service::privacy_request::submit(&state.db, resident, &kind, processing.as_deref(), &text, state.clock.now()).await?;
        leptos_axum::redirect(&format!("{}?verzoek=1#verzoeken", crate::path::DETAILS));
        Ok(())
    })
    .await
}

/// The privacy officer's worklist.
#[server(endpoint = "privacy_request_worklist")]
pub async fn privacy_request_worklist() -> Result<Vec<StaffPrivacyRequest>, AppError> {
    use crate::backend::{self, auth::policy};
    super::answer(async move {
        let state = backend::state()?;
        let staff = policy::require(policy::Action::HandlePrivacyRequests)?;
        Ok(backend::service::privacy_request::worklist(&state.db, &staff, state.clock.now(), crate::i18n::lang_of_request()).await?)
    })
    .await
}

#[server(endpoint = "get_privacy_request")]
pub async fn get_privacy_request(id: PrivacyRequestId) -> Result<StaffPrivacyRequest, AppError> {
    use crate::backend::{self, auth::policy};
    super::answer(async move {
        let state = backend::state()?;
        let staff = policy::require(policy::Action::HandlePrivacyRequests)?;
        Ok(backend::service::privacy_request::open(&state.db, &staff, id, state.clock.now(), crate::i18n::lang_of_request()).await?)
    })
    .await
}

/// Answers and closes a request.
#[server(endpoint = "answer_privacy_request")]
pub async fn answer_privacy_request(id: PrivacyRequestId, answer: String) -> Result<(), AppError> {
    use crate::backend::{self, auth::policy};
    super::answer(async move {
        let state = backend::state()?;
        let staff = policy::require(policy::Action::HandlePrivacyRequests)?;
        let closed = backend::service::privacy_request::close(&state.db, &staff, id, &answer, state.clock.now()).await?;
        state.apply(closed).await;
        leptos_axum::redirect(&format!("{}?beantwoord=1", crate::path::staff_privacy_request(id)));
        Ok(())
    })
    .await
}
