//! Outbound channels (e-mail, SMS, WhatsApp ...) behind one trait, so
//! services never know which provider delivers a message and tests can
//! record what would have been sent.

use std::{future::Future, pin::Pin, sync::Mutex};

use serde::{Deserialize, Serialize};

pub mod smtp;

/// The channels a message can leave through.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ChannelKind {
    Email,
    Sms,
    WhatsApp,
}

impl ChannelKind {
    /// The name stored in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            ChannelKind::Email => "email",
            ChannelKind::Sms => "sms",
            ChannelKind::WhatsApp => "whatsapp",
        }
    }

    pub fn parse(s: &str) -> Option<ChannelKind> {
        [ChannelKind::Email, ChannelKind::Sms, ChannelKind::WhatsApp].into_iter().find(|c| c.as_str() == s)
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OutboundMessage {
    /// Stable over retries, so a receiver can tell a repeat (the e-mail Message-ID).
    pub id: uuid::Uuid,
    pub channel: ChannelKind,
    /// Address on that channel (mail address, phone number).
    pub to: String,
    pub subject: Option<String>,
    pub body: String,
    /// An HTML alternative of `body`, where the channel has one.
    pub html: Option<String>,
}

/// Why a message was not delivered. The texts name the failure, never the
/// recipient or the content: they end up in logs and in the outbox.
#[derive(Debug, thiserror::Error)]
pub enum ChannelError {
    #[error("channel {0:?} is not configured")]
    NotConfigured(ChannelKind),
    /// Refused for good (no such mailbox, malformed address): retrying cannot help.
    #[error("rejected: {0}")]
    Rejected(String),
    /// Might work later (no connection, a timeout, a 4xx answer).
    #[error("not delivered yet: {0}")]
    Transient(String),
}

impl ChannelError {
    pub fn is_permanent(&self) -> bool {
        matches!(self, ChannelError::Rejected(_))
    }
}

pub type SendFuture<'a> = Pin<Box<dyn Future<Output = Result<(), ChannelError>> + Send + 'a>>;

pub trait Outbound: Send + Sync + 'static {
    fn send(&self, message: OutboundMessage) -> SendFuture<'_>;
}

/// Production default until a channel is configured: refuses, so nothing
/// pretends to be delivered.
pub struct Unconfigured;

impl Outbound for Unconfigured {
    fn send(&self, message: OutboundMessage) -> SendFuture<'_> {
        Box::pin(async move { Err(ChannelError::NotConfigured(message.channel)) })
    }
}

/// Test double: keeps every message instead of sending it.
#[derive(Default)]
pub struct Recording {
    sent: Mutex<Vec<OutboundMessage>>,
}

impl Recording {
    pub fn sent(&self) -> Vec<OutboundMessage> {
        self.sent.lock().expect("recording poisoned").clone()
    }
}

impl Outbound for Recording {
    fn send(&self, message: OutboundMessage) -> SendFuture<'_> {
        self.sent.lock().expect("recording poisoned").push(message);
        Box::pin(async { Ok(()) })
    }
}
