//! Channels to and from residents: e-mail, SMS and WhatsApp. Outbound,
//! one trait, so services never know which provider delivers a message
//! and tests can record what would have been sent; [`Channels`] sends each
//! message through the provider configured for its channel. Inbound, each
//! provider module checks a delivery's signature and reads its payload
//! into plain values (pure functions, fuzzed), which `service::inbound`
//! turns into messages.

use std::{future::Future, pin::Pin};

use serde::{Deserialize, Serialize};

pub mod mail;
pub mod phone;
#[cfg(test)]
mod robustness;
pub mod smtp;
pub mod telephony;
pub mod twilio;
pub mod whatsapp;

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
    /// Sent as the channel's approved template instead of free text
    /// (WhatsApp outside its 24-hour window); `body` is then not sent.
    pub template_only: bool,
    /// The e-mail Message-ID this one answers, so the resident's mail program threads it.
    pub in_reply_to: Option<String>,
}

/// What the provider said when it took the message.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Sent {
    /// The provider's id of the message (WhatsApp wamid, Twilio SID,
    /// e-mail Message-ID): its status callbacks name it.
    pub provider_id: Option<String>,
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

    /// A provider's API could not be reached: worth trying again.
    pub(crate) fn unreachable(provider: &str, error: &reqwest::Error) -> ChannelError {
        ChannelError::Transient(format!("{provider} {}", if error.is_timeout() { "timeout" } else { "connection" }))
    }

    /// A provider's API answered with an error status: only the code is
    /// kept (its text can quote the number). Throttling and server errors
    /// are worth trying again; the rest is refused for good.
    pub(crate) fn answered(provider: &str, status: reqwest::StatusCode) -> ChannelError {
        let what = format!("{provider} {}", status.as_u16());
        if status.as_u16() == 429 || status.is_server_error() { ChannelError::Transient(what) } else { ChannelError::Rejected(what) }
    }
}

pub type SendFuture<'a> = Pin<Box<dyn Future<Output = Result<Sent, ChannelError>> + Send + 'a>>;

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

impl<T: Outbound> Outbound for std::sync::Arc<T> {
    fn send(&self, message: OutboundMessage) -> SendFuture<'_> {
        (**self).send(message)
    }
}

/// Sends each message through the provider of its channel; a channel
/// without one refuses (`NotConfigured`), so nothing pretends to be delivered.
#[derive(Default)]
pub struct Channels {
    pub email: Option<Box<dyn Outbound>>,
    pub sms: Option<Box<dyn Outbound>>,
    pub whatsapp: Option<Box<dyn Outbound>>,
}

impl Outbound for Channels {
    fn send(&self, message: OutboundMessage) -> SendFuture<'_> {
        let provider = match message.channel {
            ChannelKind::Email => &self.email,
            ChannelKind::Sms => &self.sms,
            ChannelKind::WhatsApp => &self.whatsapp,
        };
        match provider {
            Some(provider) => provider.send(message),
            None => Unconfigured.send(message),
        }
    }
}

