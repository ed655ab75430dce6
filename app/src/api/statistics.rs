//! The server function of the statistics page (team leads and administrators).

use leptos::prelude::*;

use crate::error::AppError;
use crate::model::statistics::Statistics;

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
