//! Sends due notices (the outbox of `service::notice`); woken when one is queued on this node.

use std::{future::Future, pin::Pin, sync::Arc};

use crate::backend::{jobs::Job, service::notice::Outbox, Error};

pub struct NoticeDelivery(pub Arc<Outbox>);

impl Job for NoticeDelivery {
    fn name(&self) -> &'static str {
        "notice_delivery"
    }

    fn round(&self) -> Pin<Box<dyn Future<Output = Result<(), Error>> + Send + '_>> {
        Box::pin(async move { self.0.deliver_due().await.map(|_| ()) })
    }
}
