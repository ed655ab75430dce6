//! Server functions of the 360-degree view (klantbeeld).

use leptos::prelude::*;

use crate::error::AppError;
use crate::model::client_view::{ClientViewAnswer, ConversationContext};
use crate::model::ids::{ConversationId, ResidentId};

/// Opens the view of one resident for `purpose` (a code from the list);
/// without one, and without a live contact, it asks for the purpose.
#[server(endpoint = "client_view")]
pub async fn client_view(resident: ResidentId, purpose: Option<String>) -> Result<ClientViewAnswer, AppError> {
    use crate::backend::{self, auth::policy};
    super::answer(async move {
        let state = backend::state()?;
        let staff = policy::require(policy::Action::FindResident)?;
        let lang = crate::i18n::lang_of_request();
        Ok(backend::service::client_view::open(&state.db, &staff, resident, purpose.as_deref(), lang, state.clock.now()).await?)
    })
    .await
}

/// The resident's context beside a conversation in the inbox (opened, and
/// logged, only during a live contact: the conversation is the agent's).
#[server(endpoint = "conversation_context")]
pub async fn context_of_conversation(conversation: ConversationId) -> Result<ConversationContext, AppError> {
    use crate::backend::{self, auth::policy};
    super::answer(async move {
        let state = backend::state()?;
        let staff = policy::require(policy::Action::WorkConversations)?;
        let lang = crate::i18n::lang_of_request();
        Ok(backend::service::client_view::beside_conversation(&state.db, &staff, conversation, lang, state.clock.now()).await?)
    })
    .await
}
