//! Server functions about conversations: the resident's messages (their
//! posts with attachments are multipart forms in `server::http`), and
//! the staff inbox and its actions. Every staff action answers a plain
//! form post with a redirect back to the conversation.

use leptos::prelude::*;

use crate::error::AppError;
use crate::model::conversation::{ConversationDetail, ConversationSummary, Draft, Inbox, StaffConversation};
use crate::model::ids::{CaseId, ConversationId};

/// What a message form needs: a fresh id for this submit (a double
/// submit repeats it, so it is stored once), what was typed before when
/// the last submit was refused, and the resident's open cases to ask about.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct MessageForm {
    pub client_id: String,
    pub draft: Draft,
    pub cases: Vec<crate::model::conversation::Choice>,
}

#[server(endpoint = "list_my_conversations")]
pub async fn list_my_conversations() -> Result<Vec<ConversationSummary>, AppError> {
    use crate::backend::{self, auth::policy};
    super::answer(async move {
        let state = backend::state()?;
        let (resident, _) = policy::require_resident()?;
        Ok(backend::service::conversation::list_for_resident(&state.db, resident, crate::i18n::lang_of_request()).await?)
    })
    .await
}

/// The signed-in resident's conversations that are still open (the overview's).
#[server(endpoint = "list_my_open_conversations")]
pub async fn list_my_open_conversations() -> Result<Vec<ConversationSummary>, AppError> {
    use crate::backend::{self, auth::policy};
    super::answer(async move {
        let state = backend::state()?;
        let (resident, _) = policy::require_resident()?;
        Ok(backend::service::conversation::open_for_resident(&state.db, resident, crate::i18n::lang_of_request()).await?)
    })
    .await
}

/// One of the resident's conversations; someone else's is NotFound.
#[server(endpoint = "get_my_conversation")]
pub async fn get_my_conversation(id: ConversationId) -> Result<ConversationDetail, AppError> {
    use crate::backend::{self, auth::policy};
    super::answer(async move {
        let state = backend::state()?;
        let (resident, _) = policy::require_resident()?;
        Ok(backend::service::conversation::detail_for_resident(&state.db, resident, id, crate::i18n::lang_of_request(), state.clock.now()).await?)
    })
    .await
}

/// The resident's message form (the draft is handed over once).
#[server(endpoint = "get_message_form")]
pub async fn get_message_form() -> Result<MessageForm, AppError> {
    use crate::backend::{self, auth::policy};
    use crate::model::conversation::{Choice, DRAFT};
    super::answer(async move {
        let state = backend::state()?;
        let (resident, _) = policy::require_resident()?;
        let session: tower_sessions::Session = leptos_axum::extract().await.map_err(|_| AppError::Unavailable)?;
        let draft: Draft = session.remove(DRAFT).await.ok().flatten().unwrap_or_default();
        let lang = crate::i18n::lang_of_request();
        let cases = backend::service::case::list_for_resident(&state.db, resident, lang)
            .await?
            .open
            .into_iter()
            .map(|c| Choice { value: c.id.to_string(), label: format!("{} ({})", c.case_type, c.reference) })
            .collect();
        Ok(MessageForm { client_id: uuid::Uuid::new_v4().to_string(), draft, cases })
    })
    .await
}

/// What a hand-over link would bring in, before the resident takes it
/// over; a used, expired or someone else's link is NotFound.
#[server(endpoint = "handover_preview")]
pub async fn handover_preview(token: String) -> Result<crate::model::conversation::HandoverPreview, AppError> {
    use crate::backend::{self, auth::policy};
    super::answer(async move {
        let state = backend::state()?;
        let (resident, _) = policy::require_resident()?;
        let now = state.clock.now();
        Ok(backend::service::handover::preview(&state.db, resident, &token, crate::i18n::lang_of_request(), now).await?)
    })
    .await
}

// ---------------------------------------------------------------- staff

/// Staff: the inbox, filtered by team, status, channel and assignee (`me`
/// or `none`), a page at a time (`after` the last one of the page before).
#[server(endpoint = "load_inbox")]
pub async fn load_inbox(team: Option<String>, status: Option<String>, channel: Option<String>, assignee: Option<String>, after: Option<String>) -> Result<Inbox, AppError> {
    use crate::backend::{self, auth::policy, service::conversation};
    super::answer(async move {
        let state = backend::state()?;
        let staff = policy::require(policy::Action::WorkConversations)?;
        let (team, status, channel, assignee, after) = (team.unwrap_or_default(), status.unwrap_or_default(), channel.unwrap_or_default(), assignee.unwrap_or_default(), after.unwrap_or_default());
        let filter = conversation::inbox_filter(&staff, &team, &status, &channel, &assignee, &after)?;
        Ok(conversation::inbox(&state.db, &staff, &filter, crate::i18n::lang_of_request(), state.clock.now()).await?)
    })
    .await
}

/// Staff: one conversation with notes; the view is logged with its purpose.
#[server(endpoint = "get_conversation")]
pub async fn get_conversation(id: ConversationId) -> Result<(StaffConversation, String), AppError> {
    use crate::backend::{self, auth::policy};
    super::answer(async move {
        let state = backend::state()?;
        let staff = policy::require(policy::Action::WorkConversations)?;
        let lang = crate::i18n::lang_of_request();
        let conversation = backend::service::workspace::detail_for_staff(&state.db, &state.routing, &staff, id, lang, state.clock.now()).await?;
        Ok((conversation, uuid::Uuid::new_v4().to_string()))
    })
    .await
}

#[cfg(feature = "ssr")]
async fn staff_post(id: ConversationId, client_id: String, body: String, direction: crate::model::conversation::Direction) -> Result<(), AppError> {
    use crate::backend::{self, auth::policy};
    let state = backend::state()?;
    let staff = policy::require(policy::Action::WorkConversations)?;
    let client_id: uuid::Uuid = client_id.parse().map_err(|_| AppError::BadRequest)?;
    let posted = state.apply(backend::service::message::post_by_staff(&state.db, &staff, id, client_id, &body, direction, state.clock.now()).await?).await;
    leptos_axum::redirect(&format!("{}#bericht-{}", crate::path::staff_conversation(id), posted.message));
    Ok(())
}

/// Staff reply to the resident (on the conversation's channel, and always in the portal).
#[server(endpoint = "reply_to_conversation")]
pub async fn reply_to_conversation(id: ConversationId, client_id: String, body: String) -> Result<(), AppError> {
    super::answer(staff_post(id, client_id, body, crate::model::conversation::Direction::Out)).await
}

/// Staff add an internal note: never shown to the resident.
#[server(endpoint = "add_note")]
pub async fn add_note(id: ConversationId, client_id: String, body: String) -> Result<(), AppError> {
    super::answer(staff_post(id, client_id, body, crate::model::conversation::Direction::Note)).await
}

/// Staff send a one-time link to continue securely in Mijn omgeving (after DigiD login).
#[server(endpoint = "offer_handover")]
pub async fn offer_handover(id: ConversationId) -> Result<(), AppError> {
    use crate::backend::{self, auth::policy};
    super::answer(async move {
        let state = backend::state()?;
        let staff = policy::require(policy::Action::WorkConversations)?;
        let posted = state.apply(backend::service::handover::offer(&state.db, &staff, id, &state.public_url, state.clock.now()).await?).await;
        leptos_axum::redirect(&format!("{}#bericht-{}", crate::path::staff_conversation(id), posted.message));
        Ok(())
    })
    .await
}

/// Staff assign the conversation: `me`, a colleague's id, or empty for nobody.
#[server(endpoint = "assign_conversation")]
pub async fn assign_conversation(id: ConversationId, assignee: String) -> Result<(), AppError> {
    use crate::backend::{self, auth::policy};
    super::answer(async move {
        let state = backend::state()?;
        let staff = policy::require(policy::Action::WorkConversations)?;
        let assignee = match assignee.as_str() {
            "" => None,
            "me" => Some(staff.id),
            other => Some(other.parse().map_err(|_| AppError::BadRequest)?),
        };
        state.apply(backend::service::conversation::assign(&state.db, &staff, id, assignee, state.clock.now()).await?).await;
        leptos_axum::redirect(&format!("{}?bijgewerkt=1", crate::path::staff_conversation(id)));
        Ok(())
    })
    .await
}

/// Staff link the conversation to one of the resident's cases.
#[server(endpoint = "link_conversation_case")]
pub async fn link_conversation_case(id: ConversationId, case: CaseId) -> Result<(), AppError> {
    use crate::backend::{self, auth::policy};
    super::answer(async move {
        let state = backend::state()?;
        let staff = policy::require(policy::Action::WorkConversations)?;
        backend::service::conversation::link_case(&state.db, &staff, id, case, state.clock.now()).await?;
        leptos_axum::redirect(&format!("{}?bijgewerkt=1", crate::path::staff_conversation(id)));
        Ok(())
    })
    .await
}

/// Staff merge the conversation into another of the same resident's, with the reason (logged).
#[server(endpoint = "merge_conversation")]
pub async fn merge_conversation(id: ConversationId, into: String, reason: String) -> Result<(), AppError> {
    use crate::backend::{self, auth::policy};
    super::answer(async move {
        let state = backend::state()?;
        let staff = policy::require(policy::Action::WorkConversations)?;
        let invalid = || AppError::Validation(vec![crate::error::FieldError { field: "into".into(), code: crate::error::FieldErrorCode::Invalid }]);
        let into: ConversationId = into.parse().map_err(|_| invalid())?;
        state.apply(backend::service::conversation::merge(&state.db, &staff, id, into, &reason, state.clock.now()).await?).await;
        leptos_axum::redirect(&format!("{}?samengevoegd=1", crate::path::staff_conversation(into)));
        Ok(())
    })
    .await
}

/// Staff undo a merge, with the reason (logged).
#[server(endpoint = "unmerge_conversation")]
pub async fn unmerge_conversation(id: ConversationId, reason: String) -> Result<(), AppError> {
    use crate::backend::{self, auth::policy};
    super::answer(async move {
        let state = backend::state()?;
        let staff = policy::require(policy::Action::WorkConversations)?;
        state.apply(backend::service::conversation::unmerge(&state.db, &staff, id, &reason, state.clock.now()).await?).await;
        leptos_axum::redirect(&format!("{}?gesplitst=1", crate::path::staff_conversation(id)));
        Ok(())
    })
    .await
}

/// Staff close the conversation with its result.
#[server(endpoint = "close_conversation")]
pub async fn close_conversation(id: ConversationId, result: String) -> Result<(), AppError> {
    use crate::backend::{self, auth::policy};
    super::answer(async move {
        let state = backend::state()?;
        let staff = policy::require(policy::Action::WorkConversations)?;
        state.apply(backend::service::conversation::close(&state.db, &staff, id, &result, state.clock.now()).await?).await;
        leptos_axum::redirect(&format!("{}?afgesloten=1", crate::path::staff_conversation(id)));
        Ok(())
    })
    .await
}

/// Staff record a phone call, counter visit or letter in the thread.
#[server(endpoint = "record_contact")]
pub async fn record_contact(id: ConversationId, client_id: String, channel: String, body: String) -> Result<(), AppError> {
    use crate::backend::{self, auth::policy};
    super::answer(async move {
        let state = backend::state()?;
        let staff = policy::require(policy::Action::WorkConversations)?;
        let client_id: uuid::Uuid = client_id.parse().map_err(|_| AppError::BadRequest)?;
        let posted = state.apply(backend::service::message::record_contact(&state.db, &staff, id, client_id, &channel, &body, state.clock.now()).await?).await;
        leptos_axum::redirect(&format!("{}#bericht-{}", crate::path::staff_conversation(id), posted.message));
        Ok(())
    })
    .await
}

/// Staff: the form to open a conversation for a walk-in, call or letter
/// (for the resident with this id, or for a visitor not identified yet).
#[server(endpoint = "new_contact_form")]
pub async fn new_contact_form(resident: Option<crate::model::ids::ResidentId>) -> Result<crate::model::conversation::NewContactForm, AppError> {
    use crate::backend::{self, auth::policy};
    super::answer(async move {
        let state = backend::state()?;
        let staff = policy::require(policy::Action::WorkConversations)?;
        Ok(backend::service::message::new_contact_form(&state.db, &staff, resident, crate::i18n::lang_of_request(), state.clock.now()).await?)
    })
    .await
}

/// Staff open a new conversation with what the visitor, caller or letter
/// asked; it opens assigned to them.
#[server(endpoint = "start_conversation")]
pub async fn start_conversation(
    client_id: String,
    channel: String,
    team: String,
    subject: String,
    body: String,
    resident: Option<String>,
) -> Result<(), AppError> {
    use crate::backend::{self, auth::policy, service::message::NewContact};
    super::answer(async move {
        let state = backend::state()?;
        let staff = policy::require(policy::Action::WorkConversations)?;
        let client_id: uuid::Uuid = client_id.parse().map_err(|_| AppError::BadRequest)?;
        let resident = resident.filter(|r| !r.is_empty()).map(|r| r.parse()).transpose().map_err(|_| AppError::BadRequest)?;
        let invalid_team = || AppError::Validation(vec![crate::error::FieldError { field: "team".into(), code: crate::error::FieldErrorCode::Invalid }]);
        let team = team.parse().map_err(|_| invalid_team())?;
        let contact = NewContact { client_id, resident, team, channel: &channel, subject: &subject, body: &body };
        let posted = state.apply(backend::service::message::record_new_contact(&state.db, &staff, &contact, state.clock.now()).await?).await;
        leptos_axum::redirect(&format!("{}?geopend=1", crate::path::staff_conversation(posted.conversation)));
        Ok(())
    })
    .await
}

/// Staff link an unidentified contact to the resident with this BSN (with
/// the history of that address), saying how they know it is them (logged).
#[server(endpoint = "identify_contact")]
pub async fn identify_contact(id: ConversationId, bsn: String, reason: String) -> Result<(), AppError> {
    use crate::backend::{self, auth::policy};
    super::answer(async move {
        let state = backend::state()?;
        let staff = policy::require(policy::Action::IdentifyContact)?;
        state.apply(backend::service::conversation::identify(&state.db, &staff, id, &bsn, &reason, state.clock.now()).await?).await;
        leptos_axum::redirect(&format!("{}?bijgewerkt=1", crate::path::staff_conversation(id)));
        Ok(())
    })
    .await
}

/// The resident chooses where answers in this conversation go (the portal only, or also e-mail, SMS or WhatsApp).
#[server(endpoint = "choose_reply_channel")]
pub async fn choose_reply_channel(id: ConversationId, channel: String) -> Result<(), AppError> {
    use crate::backend::{self, auth::policy};
    super::answer(async move {
        let state = backend::state()?;
        let (resident, _) = policy::require_resident()?;
        backend::service::conversation::choose_reply_channel(&state.db, resident, id, &channel, state.clock.now()).await?;
        leptos_axum::redirect(&format!("{}?antwoordkanaal=1#antwoordkanaal", crate::path::conversation(id)));
        Ok(())
    })
    .await
}

/// Staff send the conversation to a team (accepting or correcting the suggestion).
#[server(endpoint = "route_conversation")]
pub async fn route_conversation(id: ConversationId, team: crate::model::ids::TeamId) -> Result<(), AppError> {
    use crate::backend::{self, auth::policy};
    super::answer(async move {
        let state = backend::state()?;
        let staff = policy::require(policy::Action::WorkConversations)?;
        state.apply(backend::service::routing::decide(&state.db, &state.routing, &staff, id, team, state.clock.now()).await?).await;
        leptos_axum::redirect(&format!("{}?bijgewerkt=1", crate::path::staff_conversation(id)));
        Ok(())
    })
    .await
}

/// The routing rules, for the administrator's page: id and description.
#[server(endpoint = "routing_rules")]
pub async fn routing_rules() -> Result<(Vec<(String, String)>, Vec<crate::model::conversation::Choice>, Vec<crate::model::conversation::Choice>), AppError> {
    use crate::backend::{self, auth::policy};
    super::answer(async move {
        let state = backend::state()?;
        policy::require(policy::Action::Configure)?;
        let lang = crate::i18n::lang_of_request();
        let rules = backend::service::routing::rules(&state.db, lang).await?;
        let teams = backend::service::routing::teams(&state.db, lang).await?;
        let case_types = backend::service::routing::case_types(&state.db, lang).await?;
        Ok((rules, teams, case_types))
    })
    .await
}

#[server(endpoint = "add_routing_rule")]
pub async fn add_routing_rule(channel: String, keyword: String, case_type: String, team: crate::model::ids::TeamId) -> Result<(), AppError> {
    use crate::backend::{self, auth::policy};
    super::answer(async move {
        let state = backend::state()?;
        policy::require(policy::Action::Configure)?;
        let case_type = match case_type.as_str() {
            "" => None,
            other => Some(other.parse().map_err(|_| AppError::BadRequest)?),
        };
        backend::service::routing::add_rule(&state.db, &channel, &keyword, case_type, team, state.clock.now()).await?;
        leptos_axum::redirect("/staff/routering?opgeslagen=1");
        Ok(())
    })
    .await
}

#[server(endpoint = "delete_routing_rule")]
pub async fn delete_routing_rule(id: String) -> Result<(), AppError> {
    use crate::backend::{self, auth::policy};
    super::answer(async move {
        let state = backend::state()?;
        policy::require(policy::Action::Configure)?;
        let id: uuid::Uuid = id.parse().map_err(|_| AppError::BadRequest)?;
        backend::service::routing::delete_rule(&state.db, id).await?;
        leptos_axum::redirect("/staff/routering?opgeslagen=1");
        Ok(())
    })
    .await
}
