//! Server functions of the staff frame and the start page: what waits for
//! the signed-in staff member.

use leptos::prelude::*;

use crate::error::AppError;
use crate::model::workload::{StaffFrame, Today};

/// The frame around a workspace page: who is signed in, the places they
/// may use with the counts, the session's time. `None` for anyone who is
/// not signed in as staff (the staff login page has the frame too).
#[server(endpoint = "staff_frame")]
pub async fn load_staff_frame() -> Result<Option<StaffFrame>, AppError> {
    use crate::backend::{self, auth::{policy, session::Principal}, service::workload};
    super::answer(async move {
        let state = backend::state()?;
        let Some(user) = policy::current_user() else { return Ok(None) };
        let Principal::Staff(staff) = &user.principal else { return Ok(None) };
        let lang = crate::i18n::lang_of_request();
        Ok(Some(StaffFrame {
            profile: workload::profile(&state.db, staff, lang).await?,
            links: workload::places(staff, lang),
            load: workload::counts(&state.db, staff, state.clock.now()).await?,
            may_search: staff.may(policy::Action::FindResident),
            seconds_left: user.seconds_left,
            warn_before: state.auth.limits.warn_before.as_secs() as i64,
        }))
    })
    .await
}

/// The start page: my queue, what passed its term, what is new for my teams.
#[server(endpoint = "staff_today")]
pub async fn staff_today() -> Result<Today, AppError> {
    use crate::backend::{self, auth::policy, service::workload};
    super::answer(async move {
        let state = backend::state()?;
        let staff = policy::require_staff()?;
        Ok(workload::today(&state.db, &staff, crate::i18n::lang_of_request(), state.clock.now()).await?)
    })
    .await
}
