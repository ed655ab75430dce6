//! Takes the reminder and escalation steps of callback requests that are due (`service::callback`).

use std::{future::Future, pin::Pin};

use crate::backend::{calendar::Calendar, jobs::Job, service::callback, state::AppState, Error};

pub struct CallbackReminder {
    pub state: AppState,
    pub calendar: Calendar,
}

impl Job for CallbackReminder {
    fn name(&self) -> &'static str {
        "callback_reminder"
    }

    fn round(&self) -> Pin<Box<dyn Future<Output = Result<(), Error>> + Send + '_>> {
        Box::pin(async move {
            let round = callback::remind_due(&self.state.db, &self.calendar, self.state.clock.now()).await?;
            self.state.apply(round).await;
            Ok(())
        })
    }
}
