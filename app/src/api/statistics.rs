//! The server functions of the statistics pages (team leads and
//! administrators) and of their settings (functional administrator).

use leptos::prelude::*;

use crate::error::AppError;
use crate::model::statistics::{Statistics, Steering};

/// The statistics for a period (`YYYY-MM-DD`, Dutch days), one of the
/// reader's teams or all of them, one channel or all. A missing or wrong
/// period is the four weeks up to today; a team not theirs is NotFound.
#[server(endpoint = "load_statistics")]
pub async fn load_statistics(from: Option<String>, until: Option<String>, team: Option<String>, channel: Option<String>) -> Result<Statistics, AppError> {
    use crate::backend::{self, auth::policy, service::statistics};
    super::answer(async move {
        let state = backend::state()?;
        let staff = policy::require(policy::Action::ReadStatistics)?;
        let ask = statistics::Ask { from, until, team, channel };
        Ok(statistics::report(&state.db, &staff, &ask, crate::i18n::lang_of_request(), state.clock.now()).await?)
    })
    .await
}

/// Channel steering for a period and team: cost per product per channel,
/// the saving of moving `share` percent (10, 25 or 50) of contacts, and
/// who uses only non-digital channels.
#[server(endpoint = "load_steering")]
pub async fn load_steering(from: Option<String>, until: Option<String>, team: Option<String>, share: Option<String>) -> Result<Steering, AppError> {
    use crate::backend::{self, auth::policy, service::statistics};
    super::answer(async move {
        let state = backend::state()?;
        let staff = policy::require(policy::Action::ReadStatistics)?;
        let ask = statistics::Ask { from, until, team, channel: None };
        Ok(statistics::steering(&state.db, &staff, &ask, share.as_deref(), crate::i18n::lang_of_request(), state.clock.now()).await?)
    })
    .await
}

/// Sets a channel's service norm and prices (functional administrator).
#[server(endpoint = "set_channel_setting")]
pub async fn set_channel_setting(
    channel: String,
    response_hours: Option<String>,
    queue_seconds: Option<String>,
    contact_euros: String,
    minute_euros: Option<String>,
) -> Result<(), AppError> {
    use crate::backend::{self, auth::policy, service::statistics};
    super::answer(async move {
        let state = backend::state()?;
        let staff = policy::require(policy::Action::Configure)?;
        let form = statistics::ChannelForm {
            channel,
            response_hours: response_hours.unwrap_or_default(),
            queue_seconds: queue_seconds.unwrap_or_default(),
            contact_euros,
            minute_euros: minute_euros.unwrap_or_default(),
        };
        statistics::set_channel(&state.db, &staff, &form, state.clock.now()).await?;
        leptos_axum::redirect(&format!("{}?opgeslagen=1#instellingen", crate::path::STEERING));
        Ok(())
    })
    .await
}

/// Sets the repeat window in days (functional administrator).
#[server(endpoint = "set_repeat_window")]
pub async fn set_repeat_window(days: String) -> Result<(), AppError> {
    use crate::backend::{self, auth::policy, service::statistics};
    super::answer(async move {
        let state = backend::state()?;
        let staff = policy::require(policy::Action::Configure)?;
        statistics::set_window(&state.db, &staff, &days, state.clock.now()).await?;
        leptos_axum::redirect(&format!("{}?opgeslagen=1#instellingen", crate::path::STEERING));
        Ok(())
    })
    .await
}
