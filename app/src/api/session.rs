//! Server functions about the caller's own session.

use leptos::prelude::*;

use crate::error::AppError;
use crate::model::session::{PersonalDetails, SessionInfo};

/// The signed-in person, or `None` for anonymous visitors.
#[server(endpoint = "current_session")]
pub async fn current_session() -> Result<Option<SessionInfo>, AppError> {
    use crate::backend::auth::{policy, session::Principal};
    use crate::model::session::Viewer;
    super::answer(async move {
        let state = crate::backend::state()?;
        Ok(policy::current_user().map(|user| SessionInfo {
            viewer: match user.principal {
                Principal::Resident { loa, .. } => Viewer::Resident { loa: loa.name().to_string() },
                Principal::Staff(staff) => Viewer::Staff { name: staff.name, roles: staff.roles.iter().map(|r| r.code().to_string()).collect() },
            },
            seconds_left: user.seconds_left,
            warn_before: state.auth.limits.warn_before.as_secs() as i64,
        }))
    })
    .await
}

/// Keeps the session alive: every request counts as activity (recorded
/// once a minute; the warning comes long after that), so this only
/// reports the new time left.
#[server(endpoint = "extend_session")]
pub async fn extend_session() -> Result<i64, AppError> {
    super::answer(async move {
        let user = crate::backend::auth::policy::current_user().ok_or(AppError::Unauthenticated)?;
        Ok(user.seconds_left)
    })
    .await
}

/// The resident's own details; asks for the sensitive level of assurance.
#[server(endpoint = "my_details")]
pub async fn my_details() -> Result<PersonalDetails, AppError> {
    use crate::backend::auth::{policy, session::Principal};
    super::answer(async move {
        let state = crate::backend::state()?;
        let (resident, user) = policy::require_resident()?;
        let Principal::Resident { loa, .. } = user.principal else { return Err(AppError::Forbidden) };
        let needed = state.auth.rules.sensitive_loa;
        if loa < needed {
            return Ok(PersonalDetails::NeedsHigherLevel { needed: needed.name().to_string() });
        }
        let masked = crate::backend::service::resident::masked_bsn(&state.db, resident).await?;
        Ok(PersonalDetails::Shown { masked_bsn: masked, loa: loa.name().to_string() })
    })
    .await
}
