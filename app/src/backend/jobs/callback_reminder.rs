//! Takes the reminder and escalation steps of callback requests that are
//! due (`service::callback`), counting working time with the
//! municipality's closed days as they are set at each round.

use std::{future::Future, pin::Pin};

use crate::backend::{jobs::Job, service::{callback, closed_day}, state::AppState, Error};

pub struct CallbackReminder(pub AppState);

impl Job for CallbackReminder {
    fn name(&self) -> &'static str {
        "callback_reminder"
    }

    fn round(&self) -> Pin<Box<dyn Future<Output = Result<(), Error>> + Send + '_>> {
        Box::pin(async move {
            let calendar = closed_day::calendar(&self.0.db).await?;
            let round = callback::remind_due(&self.0.db, &calendar, self.0.clock.now()).await?;
            self.0.apply(round).await;
            Ok(())
        })
    }
}
