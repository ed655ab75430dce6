//! "May this caller do that": the checks server functions and pages make.

use crate::backend::auth::session::Principal;
use crate::error::AppError;
use crate::model::ids::{ResidentId, StaffId};

/// The signed-in person of the current request, put there by the session
/// middleware after checking freshness.
#[derive(Clone, Debug)]
pub struct CurrentUser {
    pub principal: Principal,
    pub seconds_left: i64,
}

/// The current request's signed-in person, if any.
pub fn current_user() -> Option<CurrentUser> {
    leptos::prelude::use_context::<http::request::Parts>()?.extensions.get::<CurrentUser>().cloned()
}

/// The resident making this request; staff and anonymous callers are refused.
pub fn require_resident() -> Result<(ResidentId, CurrentUser), AppError> {
    match current_user() {
        Some(user) => match user.principal {
            Principal::Resident { id, .. } => Ok((id, user)),
            Principal::Staff { .. } => Err(AppError::Forbidden),
        },
        None => Err(AppError::Unauthenticated),
    }
}

/// The staff member making this request; residents and anonymous callers are refused.
pub fn require_staff() -> Result<(StaffId, CurrentUser), AppError> {
    match current_user() {
        Some(user) => match user.principal {
            Principal::Staff { id, .. } => Ok((id, user)),
            Principal::Resident { .. } => Err(AppError::Forbidden),
        },
        None => Err(AppError::Unauthenticated),
    }
}

/// A staff member with `role` (e.g. `beheerder`, the functional administrator); others are refused.
pub fn require_staff_role(role: &str) -> Result<StaffId, AppError> {
    let (id, user) = require_staff()?;
    match user.principal {
        Principal::Staff { roles, .. } if roles.iter().any(|r| r == role) => Ok(id),
        _ => Err(AppError::Forbidden),
    }
}
