//! The workspace's search box. What the agent typed is posted, never put
//! in an address: the answer is a redirect to the one thing found, or to
//! the list of internal ids found.

use leptos::prelude::*;

use crate::error::AppError;
use crate::model::conversation::ConversationSummary;

/// Staff find a case by its reference, a resident by BSN, postal code with
/// house number, a confirmed e-mail address or phone number, or a name
/// with `born` (`YYYY-MM-DD`), and someone not identified yet by the
/// address they wrote or called from.
#[server(endpoint = "search")]
pub async fn search(q: String, born: Option<String>) -> Result<(), AppError> {
    use crate::backend::{self, auth::policy, service::search::{self, Found}};
    super::answer(async move {
        let state = backend::state()?;
        let staff = policy::require(policy::Action::FindResident)?;
        fn ids<T: ToString>(ids: &[T]) -> String {
            ids.iter().map(ToString::to_string).collect::<Vec<_>>().join(",")
        }
        let to = match search::find(&state.db, &staff, &q, born.as_deref()).await? {
            Found::Case(case) => crate::path::staff_case(case),
            Found::Several { residents, conversations } => match (residents.as_slice(), conversations.as_slice()) {
                ([], []) => "/staff/inwoners?geen=1".to_string(),
                ([one], []) => crate::path::client_view(*one),
                ([], [one]) => crate::path::staff_conversation(*one),
                (residents, conversations) => format!("/staff/inwoners?gevonden={}&gesprekken={}", ids(residents), ids(conversations)),
            },
        };
        leptos_axum::redirect(&to);
        Ok(())
    })
    .await
}

/// The unidentified conversations a search found (internal ids, comma-separated); the ones this person may not work on are left out.
#[server(endpoint = "found_conversations")]
pub async fn found_conversations(ids: String) -> Result<Vec<ConversationSummary>, AppError> {
    use crate::backend::{self, auth::policy};
    super::answer(async move {
        let state = backend::state()?;
        let staff = policy::require(policy::Action::WorkConversations)?;
        let ids = ids.split(',').filter(|s| !s.is_empty()).map(|s| s.parse()).collect::<Result<Vec<_>, _>>().map_err(|_| AppError::BadRequest)?;
        Ok(backend::service::conversation::summaries_for_staff(&state.db, &staff, &ids, crate::i18n::lang_of_request(), state.clock.now()).await?)
    })
    .await
}
