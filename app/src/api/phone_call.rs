//! Server functions about phone calls: the calls on now, for the agents' screen.

use leptos::prelude::*;

use crate::error::AppError;
use crate::model::phone_call::ActiveCall;

#[server(endpoint = "list_active_calls")]
pub async fn list_active_calls() -> Result<Vec<ActiveCall>, AppError> {
    use crate::backend::{self, auth::policy};
    super::answer(async move {
        let state = backend::state()?;
        let staff = policy::require(policy::Action::WorkConversations)?;
        Ok(backend::service::phone_call::active(&state.db, &staff, crate::i18n::lang_of_request(), state.clock.now()).await?)
    })
    .await
}
