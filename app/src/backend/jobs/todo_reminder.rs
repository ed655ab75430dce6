//! Reminds residents once of to-dos whose date passed (`service::todo`).

use std::{future::Future, pin::Pin};

use crate::backend::{jobs::Job, service::todo, state::AppState, Error};

pub struct TodoReminder(pub AppState);

impl Job for TodoReminder {
    fn name(&self) -> &'static str {
        "todo_reminder"
    }

    fn round(&self) -> Pin<Box<dyn Future<Output = Result<(), Error>> + Send + '_>> {
        Box::pin(async move {
            let round = todo::remind_overdue(&self.0.db, self.0.clock.now()).await?;
            self.0.apply(round).await;
            Ok(())
        })
    }
}
