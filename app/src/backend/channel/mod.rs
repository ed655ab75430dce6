//! Outbound channels (e-mail, SMS, WhatsApp ...) behind one trait, so
//! services never know which provider delivers a message and tests can
//! record what would have been sent.

use std::{future::Future, pin::Pin, sync::Mutex};

use serde::{Deserialize, Serialize};

/// The channels a message can leave through.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ChannelKind {
    Email,
    Sms,
    WhatsApp,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OutboundMessage {
    pub channel: ChannelKind,
    /// Address on that channel (mail address, phone number).
    pub to: String,
    pub subject: Option<String>,
    pub body: String,
}

#[derive(Debug, thiserror::Error)]
pub enum ChannelError {
    #[error("channel {0:?} is not configured")]
    NotConfigured(ChannelKind),
    #[error("delivery failed: {0}")]
    Delivery(String),
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
