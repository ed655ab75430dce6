//! Live updates: "conversation C has a new message M" reaches every open
//! page that shows C, on every node; "callback request R changed" reaches
//! the resident's pages that show it; "download D is ready" reaches the
//! resident who asked for it. In one process a broadcast channel
//! carries it; with PostgreSQL every node publishes through NOTIFY and
//! fans out what its LISTEN connection receives, so a message posted on
//! one node reaches pages served by another. No broker of our own.

use std::sync::Arc;

use serde::{Deserialize, Serialize};
use tokio::sync::broadcast;

use crate::backend::{db, db::Db, Error};
use crate::model::ids::{CallbackId, ConversationId, DataExportId, MessageId};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum LiveEvent {
    /// A conversation has a new message.
    Message { conversation: ConversationId, message: MessageId },
    /// A conversation was assigned, routed, linked to a resident or closed.
    Conversation { conversation: ConversationId },
    /// A callback request changed (handed over, called, closed ...).
    Callback { callback: CallbackId },
    /// A resident's download of all data is ready (or failed).
    DataExport { export: DataExportId },
    /// This node could not hear the others for a while (its LISTEN
    /// connection was down): anything may have changed, as when a page
    /// falls behind. Sent once it hears them again; never published.
    Missed,
}

pub struct Live {
    local: broadcast::Sender<LiveEvent>,
    db: Db,
}

/// Events a slow page may fall behind by before it is told to reload.
const CAPACITY: usize = 1024;

impl Live {
    /// On PostgreSQL this connects the LISTEN side before returning, so
    /// nothing published after start-up is missed, and keeps it running.
    pub async fn start(db: Db) -> Result<Arc<Live>, Error> {
        let (local, _) = broadcast::channel(CAPACITY);
        let live = Arc::new(Live { local, db: db.clone() });
        if let Db::Postgres(pool) = &db {
            let mut listener = db::live::listen(pool).await?;
            let (fan_out, pool) = (live.local.clone(), pool.clone());
            tokio::spawn(async move {
                loop {
                    match listener.recv().await {
                        Ok(notification) => match serde_json::from_str::<LiveEvent>(notification.payload()) {
                            Ok(event) => {
                                let _ = fan_out.send(event);
                            }
                            Err(_) => tracing::warn!("unreadable live event ignored"),
                        },
                        Err(error) => {
                            // Listen anew (pausing so an outage does not spin); what the others said meanwhile is lost, so open pages are told to catch up.
                            tracing::warn!(error = %error, "live listener lost its connection");
                            listener = loop {
                                tokio::time::sleep(std::time::Duration::from_secs(1)).await;
                                match db::live::listen(&pool).await {
                                    Ok(listener) => break listener,
                                    Err(error) => tracing::debug!(error = %error, "live listener still without a connection"),
                                }
                            };
                            tracing::info!("live listener listens again");
                            let _ = fan_out.send(LiveEvent::Missed);
                        }
                    }
                }
            });
        }
        Ok(live)
    }

    pub fn subscribe(&self) -> broadcast::Receiver<LiveEvent> {
        self.local.subscribe()
    }

    /// Publishes after the change committed; a failure is only logged: open
    /// pages then see the message at their next reload.
    pub async fn announce(&self, event: LiveEvent) {
        if let Err(error) = self.publish(event).await {
            tracing::warn!(error = %crate::backend::error::error_chain(&error), "live update not published");
        }
    }

    /// Announces an event; call it after the change committed.
    pub async fn publish(&self, event: LiveEvent) -> Result<(), Error> {
        debug_assert!(event != LiveEvent::Missed, "only the listener says what it missed");
        match &self.db {
            Db::Sqlite(_) => {
                let _ = self.local.send(event);
                Ok(())
            }
            Db::Postgres(pool) => {
                let payload = serde_json::to_string(&event).map_err(|_| Error::Internal("live event not serializable"))?;
                Ok(db::live::notify(pool, &payload).await?)
            }
        }
    }
}
