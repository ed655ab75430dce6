//! Server functions of the satisfaction question: behind its link (no
//! login: the link's token is the key) and in the resident's own portal.

use leptos::prelude::*;

use crate::error::AppError;
use crate::model::ids::ConversationId;
use crate::model::satisfaction::SatisfactionQuestion;

/// The question behind a link; an unknown link is NotFound.
#[server(endpoint = "satisfaction_question")]
pub async fn load_satisfaction_question(token: String) -> Result<SatisfactionQuestion, AppError> {
    use crate::backend::{self, service::satisfaction};
    super::answer(async move {
        let state = backend::state()?;
        Ok(satisfaction::question(&state.db, &token, crate::i18n::lang_of_request(), state.clock.now()).await?)
    })
    .await
}

/// A score from 1 to 5 behind the link.
#[server(endpoint = "answer_satisfaction")]
pub async fn answer_satisfaction(token: String, score: Option<String>) -> Result<(), AppError> {
    use crate::backend::{self, service::satisfaction};
    super::answer(async move {
        let state = backend::state()?;
        satisfaction::answer_by_link(&state.db, &token, score.as_deref().unwrap_or_default(), state.clock.now()).await?;
        leptos_axum::redirect(&format!("{}?bedankt=1", crate::path::satisfaction(&token)));
        Ok(())
    })
    .await
}

/// "No more questions" behind the link.
#[server(endpoint = "refuse_satisfaction")]
pub async fn refuse_satisfaction(token: String) -> Result<(), AppError> {
    use crate::backend::{self, service::satisfaction};
    super::answer(async move {
        let state = backend::state()?;
        satisfaction::refuse_by_link(&state.db, &token, state.clock.now()).await?;
        leptos_axum::redirect(&format!("{}?geen-vragen=1", crate::path::satisfaction(&token)));
        Ok(())
    })
    .await
}

/// The resident scores one of their own closed conversations.
#[server(endpoint = "rate_my_conversation")]
pub async fn rate_my_conversation(id: ConversationId, score: Option<String>) -> Result<(), AppError> {
    use crate::backend::{self, auth::policy, service::satisfaction};
    super::answer(async move {
        let state = backend::state()?;
        let (resident, _) = policy::require_resident()?;
        satisfaction::answer_by_resident(&state.db, resident, id, score.as_deref().unwrap_or_default(), state.clock.now()).await?;
        leptos_axum::redirect(&format!("{}?beoordeeld=1#tevredenheid", crate::path::conversation(id)));
        Ok(())
    })
    .await
}

/// The resident wants no more satisfaction questions.
#[server(endpoint = "refuse_my_satisfaction")]
pub async fn refuse_my_satisfaction(id: ConversationId) -> Result<(), AppError> {
    use crate::backend::{self, auth::policy, service::satisfaction};
    super::answer(async move {
        let state = backend::state()?;
        let (resident, _) = policy::require_resident()?;
        satisfaction::refuse_by_resident(&state.db, resident, id, state.clock.now()).await?;
        leptos_axum::redirect(&format!("{}?geen-vragen=1#tevredenheid", crate::path::conversation(id)));
        Ok(())
    })
    .await
}
