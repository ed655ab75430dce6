//! Server functions about the signed-in staff member.

use leptos::prelude::*;

use crate::error::AppError;
use crate::model::staff_member::StaffHome;

/// Who is signed in, with their roles and teams as they are now, and the
/// places of the workspace they may use.
#[server(endpoint = "staff_profile")]
pub async fn staff_profile() -> Result<StaffHome, AppError> {
    use crate::backend::{self, auth::policy, service::staff_member};
    super::answer(async move {
        let state = backend::state()?;
        let staff = policy::require_staff()?;
        let lang = crate::i18n::lang_of_request();
        let user = policy::current_user().ok_or(AppError::Unauthenticated)?;
        Ok(StaffHome {
            profile: staff_member::profile(&state.db, &staff, lang).await?,
            links: staff_member::workspace_links(&staff, lang),
            seconds_left: user.seconds_left,
            warn_before: state.auth.limits.warn_before.as_secs() as i64,
        })
    })
    .await
}
