//! Server functions about callback requests: the resident asks for one,
//! adds to it or cancels it; staff create one (during a call, at the
//! counter, from a conversation), work their lists, record attempts, hand
//! over and close; the functional administrator sets terms and intake
//! questions. Every action answers a plain form post with a redirect.

use leptos::prelude::*;

use crate::error::AppError;
use crate::model::callback::{CallbackType, ResidentCallback, StaffCallback, Worklist};
use crate::model::ids::{CallbackId, CallbackTypeId, ConversationId};

/// What the request form needs: the types, and a fresh id for this submit.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct CallbackForm {
    pub types: Vec<CallbackType>,
    pub client_id: String,
    /// A number to call: the resident's confirmed one, or the conversation's.
    pub phone: String,
}


#[server(endpoint = "get_callback_form")]
pub async fn get_callback_form(conversation: Option<ConversationId>) -> Result<CallbackForm, AppError> {
    use crate::backend::{self, auth::policy, auth::session::Principal};
    super::answer(async move {
        let state = backend::state()?;
        let user = policy::current_user().ok_or(AppError::Unauthenticated)?;
        let lang = crate::i18n::lang_of_request();
        let phone = match (user.principal, conversation) {
            (Principal::Resident { id, .. }, _) => backend::service::contact_address::setting(&state.db, id, backend::service::contact_address::AddressKind::Phone).await?,
            (Principal::Staff(staff), Some(conversation)) => {
                backend::service::conversation::for_staff(&state.db, &staff, conversation).await?;
                backend::service::callback::phone_of_conversation(&state.db, conversation).await?
            }
            (Principal::Staff(_), None) => crate::model::contact_address::AddressSetting::Off,
        };
        let phone = match phone {
            crate::model::contact_address::AddressSetting::Confirmed { address } => address,
            _ => String::new(),
        };
        Ok(CallbackForm { types: backend::service::callback::types(&state.db, lang).await?, client_id: uuid::Uuid::new_v4().to_string(), phone })
    })
    .await
}

/// The resident asks to be called back.
#[server(endpoint = "request_callback")]
pub async fn request_callback(client_id: String, callback_type: CallbackTypeId, phone: String, preferred_time: String, question: String) -> Result<(), AppError> {
    use crate::backend::{self, auth::policy, service::callback};
    super::answer(async move {
        let state = backend::state()?;
        let (resident, _) = policy::require_resident()?;
        let client_id: uuid::Uuid = client_id.parse().map_err(|_| AppError::BadRequest)?;
        let new = callback::NewRequest {
            client_id,
            callback_type,
            resident: Some(resident),
            conversation: None,
            phone: &phone,
            preferred_time: &preferred_time,
            question: &question,
            answers: &[],
            owner: None,
            backup: None,
        };
        let id = state.apply(callback::create(&state.db, &backend::service::closed_day::calendar(&state.db).await?, None, &new, state.clock.now()).await?).await;
        leptos_axum::redirect(&format!("{}?aangevraagd=1", crate::path::resident_callback(id)));
        Ok(())
    })
    .await
}

#[server(endpoint = "my_callbacks")]
pub async fn my_callbacks() -> Result<Vec<ResidentCallback>, AppError> {
    use crate::backend::{self, auth::policy};
    super::answer(async move {
        let state = backend::state()?;
        let (resident, _) = policy::require_resident()?;
        Ok(backend::service::callback::open_for_resident(&state.db, resident, crate::i18n::lang_of_request()).await?)
    })
    .await
}

#[server(endpoint = "my_callback")]
pub async fn my_callback(id: CallbackId) -> Result<ResidentCallback, AppError> {
    use crate::backend::{self, auth::policy};
    super::answer(async move {
        let state = backend::state()?;
        let (resident, _) = policy::require_resident()?;
        Ok(backend::service::callback::for_resident(&state.db, resident, id, crate::i18n::lang_of_request()).await?)
    })
    .await
}

#[server(endpoint = "add_callback_info")]
pub async fn add_callback_info(id: CallbackId, info: String) -> Result<(), AppError> {
    use crate::backend::{self, auth::policy};
    super::answer(async move {
        let state = backend::state()?;
        let (resident, _) = policy::require_resident()?;
        let changed = backend::service::callback::add_info(&state.db, resident, id, &info, state.clock.now()).await?;
        state.apply(changed).await;
        leptos_axum::redirect(&format!("{}?toegevoegd=1", crate::path::resident_callback(id)));
        Ok(())
    })
    .await
}

#[server(endpoint = "cancel_callback")]
pub async fn cancel_callback(id: CallbackId) -> Result<(), AppError> {
    use crate::backend::{self, auth::policy};
    super::answer(async move {
        let state = backend::state()?;
        let (resident, _) = policy::require_resident()?;
        let changed = backend::service::callback::cancel(&state.db, resident, id, state.clock.now()).await?;
        state.apply(changed).await;
        leptos_axum::redirect(&format!("{}?ingetrokken=1", crate::path::resident_callback(id)));
        Ok(())
    })
    .await
}

/// A worklist: `mijn`, `team` (with `team`), `te-laat` or `opgeschaald`.
#[server(endpoint = "callback_worklist")]
pub async fn callback_worklist(list: String, team: Option<String>) -> Result<Worklist, AppError> {
    use crate::backend::{self, auth::policy, service::callback::List};
    super::answer(async move {
        let state = backend::state()?;
        let staff = policy::require(policy::Action::WorkCallbacks)?;
        let list = match list.as_str() {
            "team" => {
                let team = match team.filter(|t| !t.is_empty()) {
                    Some(team) => team.parse().map_err(|_| AppError::BadRequest)?,
                    None => match staff.teams.first() {
                        Some(team) => *team,
                        None => backend::service::team::general(&state.db).await?,
                    },
                };
                List::Team(team)
            }
            "te-laat" => List::Overdue,
            "opgeschaald" => List::Escalated,
            _ => List::Mine(staff.id),
        };
        Ok(backend::service::callback::worklist(&state.db, &staff, list, crate::i18n::lang_of_request(), state.clock.now()).await?)
    })
    .await
}

#[server(endpoint = "get_callback")]
pub async fn get_callback(id: CallbackId) -> Result<StaffCallback, AppError> {
    use crate::backend::{self, auth::policy};
    super::answer(async move {
        let state = backend::state()?;
        let staff = policy::require(policy::Action::WorkCallbacks)?;
        Ok(backend::service::callback::for_staff(&state.db, &staff, id, crate::i18n::lang_of_request(), state.clock.now()).await?)
    })
    .await
}

/// Staff create a request: during a call, at the counter or from a conversation. `owner` is
/// `me`, `team` (the type's team) or a colleague's id; `backup` a colleague's id or empty (the team lead).
#[allow(clippy::too_many_arguments)]
#[server(endpoint = "create_callback")]
pub async fn create_callback(
    client_id: String,
    callback_type: CallbackTypeId,
    conversation: Option<ConversationId>,
    phone: String,
    preferred_time: String,
    question: String,
    answer1: Option<String>,
    answer2: Option<String>,
    answer3: Option<String>,
    owner: String,
    backup: Option<String>,
) -> Result<(), AppError> {
    use crate::backend::{self, auth::policy, service::callback};
    super::answer(async move {
        let state = backend::state()?;
        let staff = policy::require(policy::Action::WorkCallbacks)?;
        let client_id: uuid::Uuid = client_id.parse().map_err(|_| AppError::BadRequest)?;
        let owner = match owner.as_str() {
            "me" => Some(callback::Owner::Person(staff.id)),
            "team" | "" => None,
            other => Some(callback::Owner::Person(other.parse().map_err(|_| AppError::BadRequest)?)),
        };
        let backup = match backup.filter(|b| !b.is_empty()) {
            Some(b) => Some(b.parse().map_err(|_| AppError::BadRequest)?),
            None => None,
        };
        let resident = match conversation {
            Some(c) => backend::service::conversation::for_staff(&state.db, &staff, c).await?.resident_id,
            None => None,
        };
        // Up to three intake answers; unanswered trailing questions are left out.
        let mut answers: Vec<String> = [answer1, answer2, answer3].into_iter().map(Option::unwrap_or_default).collect();
        while answers.last().is_some_and(|a| a.trim().is_empty()) {
            answers.pop();
        }
        let new = callback::NewRequest {
            client_id,
            callback_type,
            resident,
            conversation,
            phone: &phone,
            preferred_time: &preferred_time,
            question: &question,
            answers: &answers,
            owner,
            backup,
        };
        let id = state.apply(callback::create(&state.db, &backend::service::closed_day::calendar(&state.db).await?, Some(staff.id), &new, state.clock.now()).await?).await;
        leptos_axum::redirect(&format!("{}?aangemaakt=1", crate::path::staff_callback(id)));
        Ok(())
    })
    .await
}

#[server(endpoint = "record_callback_attempt")]
pub async fn record_callback_attempt(id: CallbackId, channel: String, reached: String, note: String) -> Result<(), AppError> {
    use crate::backend::{self, auth::policy};
    super::answer(async move {
        let state = backend::state()?;
        let staff = policy::require(policy::Action::WorkCallbacks)?;
        let reached = match reached.as_str() {
            "ja" => true,
            "nee" => false,
            _ => return Err(AppError::Validation(vec![crate::error::FieldError { field: "reached".into(), code: crate::error::FieldErrorCode::Missing }])),
        };
        let changed = backend::service::callback::record_attempt(&state.db, &staff, id, &channel, reached, &note, state.clock.now()).await?;
        state.apply(changed).await;
        leptos_axum::redirect(&format!("{}?bijgewerkt=1", crate::path::staff_callback(id)));
        Ok(())
    })
    .await
}

/// `to` is `team:<id>` or `staff:<id>`.
#[server(endpoint = "hand_over_callback")]
pub async fn hand_over_callback(id: CallbackId, to: String, reason: String) -> Result<(), AppError> {
    use crate::backend::{self, auth::policy, service::callback::Owner};
    super::answer(async move {
        let state = backend::state()?;
        let staff = policy::require(policy::Action::WorkCallbacks)?;
        let invalid = || AppError::Validation(vec![crate::error::FieldError { field: "to".into(), code: crate::error::FieldErrorCode::Invalid }]);
        let to = match to.split_once(':') {
            Some(("team", id)) => Owner::Team(id.parse().map_err(|_| invalid())?),
            Some(("staff", id)) => Owner::Person(id.parse().map_err(|_| invalid())?),
            _ => return Err(invalid()),
        };
        let changed = backend::service::callback::hand_over(&state.db, &backend::service::closed_day::calendar(&state.db).await?, &staff, id, to, &reason, state.clock.now()).await?;
        state.apply(changed).await;
        leptos_axum::redirect(&format!("{}?bijgewerkt=1", crate::path::staff_callback(id)));
        Ok(())
    })
    .await
}

#[server(endpoint = "close_callback")]
pub async fn close_callback(id: CallbackId, result: String) -> Result<(), AppError> {
    use crate::backend::{self, auth::policy};
    super::answer(async move {
        let state = backend::state()?;
        let staff = policy::require(policy::Action::WorkCallbacks)?;
        let changed = backend::service::callback::close(&state.db, &staff, id, &result, state.clock.now()).await?;
        state.apply(changed).await;
        leptos_axum::redirect(&format!("{}?afgehandeld=1", crate::path::staff_callback(id)));
        Ok(())
    })
    .await
}

#[server(endpoint = "callback_types")]
pub async fn callback_types() -> Result<Vec<CallbackType>, AppError> {
    use crate::backend::{self, auth::policy};
    super::answer(async move {
        let state = backend::state()?;
        policy::require(policy::Action::Configure)?;
        Ok(backend::service::callback::types(&state.db, crate::i18n::lang_of_request()).await?)
    })
    .await
}

/// The functional administrator sets a type's term and reminder interval (working hours) and its questions.
#[server(endpoint = "update_callback_type")]
pub async fn update_callback_type(id: CallbackTypeId, term_hours: i64, reminder_hours: i64, questions: String) -> Result<(), AppError> {
    use crate::backend::{self, auth::policy};
    super::answer(async move {
        let state = backend::state()?;
        policy::require(policy::Action::Configure)?;
        backend::service::callback::update_type(&state.db, id, term_hours, reminder_hours, &questions).await?;
        leptos_axum::redirect("/staff/terugbellen/soorten?opgeslagen=1");
        Ok(())
    })
    .await
}
