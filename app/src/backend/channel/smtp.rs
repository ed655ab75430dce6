//! E-mail out through SMTP with `lettre` (the maintained Rust mail
//! client: pooled connections, STARTTLS/TLS and AUTH from one URL).

use std::time::Duration;

use lettre::{
    message::{Mailbox, MultiPart, SinglePart},
    transport::smtp,
    AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor,
};

use super::{ChannelError, ChannelKind, Outbound, OutboundMessage, SendFuture};

pub struct Smtp {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
    /// Where residents' answers go (the inbound address), when set.
    reply_to: Option<Mailbox>,
    /// Right-hand side of our Message-IDs.
    domain: String,
}

#[derive(Debug, thiserror::Error)]
pub enum SmtpConfigError {
    #[error("the SMTP URL is not valid (expected smtp://, smtps:// or smtp://...?tls=required)")]
    Url(#[source] smtp::Error),
    #[error("the sender address is not valid: {0}")]
    From(String),
    #[error("the reply address is not valid: {0}")]
    ReplyTo(String),
}

impl Smtp {
    /// `url` as lettre reads it: `smtp://host:25`, `smtp://user:pass@host:587?tls=required`,
    /// `smtps://user:pass@host:465`. `from` is the sender, e.g. `Gemeente <noreply@gemeente.nl>`;
    /// `reply_to` the address whose mail reaches Loket's inbound mail webhook.
    pub fn new(url: &str, from: &str, reply_to: Option<&str>) -> Result<Smtp, SmtpConfigError> {
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
            .map_err(SmtpConfigError::Url)?
            .timeout(Some(Duration::from_secs(20)))
            .build();
        let from: Mailbox = from.parse().map_err(|_| SmtpConfigError::From(from.to_string()))?;
        let domain = from.email.domain().to_string();
        let reply_to = reply_to.map(|r| r.parse().map_err(|_| SmtpConfigError::ReplyTo(r.to_string()))).transpose()?;
        Ok(Smtp { transport, from, reply_to, domain })
    }

    /// `<id@domain>`: the id is the notification's, so a retry carries the
    /// same Message-ID and a resident's answer names it in `In-Reply-To`.
    pub fn message_id(&self, id: uuid::Uuid) -> String {
        format!("<{id}@{}>", self.domain)
    }

    fn message(&self, message: &OutboundMessage) -> Result<Message, ChannelError> {
        let to: Mailbox = message.to.parse().map_err(|_| ChannelError::Rejected("malformed address".into()))?;
        let mut builder = Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(message.subject.clone().unwrap_or_default())
            .message_id(Some(self.message_id(message.id)));
        if let Some(reply_to) = &self.reply_to {
            builder = builder.reply_to(reply_to.clone());
        }
        if let Some(earlier) = &message.in_reply_to {
            builder = builder.in_reply_to(earlier.clone()).references(earlier.clone());
        }
        let built = match &message.html {
            Some(html) => builder.multipart(MultiPart::alternative_plain_html(message.body.clone(), html.clone())),
            None => builder.singlepart(SinglePart::plain(message.body.clone())),
        };
        built.map_err(|_| ChannelError::Rejected("message could not be built".into()))
    }
}

impl Outbound for Smtp {
    fn send(&self, message: OutboundMessage) -> SendFuture<'_> {
        Box::pin(async move {
            if message.channel != ChannelKind::Email {
                return Err(ChannelError::NotConfigured(message.channel));
            }
            let email = self.message(&message)?;
            let provider_id = Some(self.message_id(message.id));
            self.transport.send(email).await.map(|_| super::Sent { provider_id }).map_err(|e| {
                // The server's text may quote the address: keep only the code.
                let what = match e.status() {
                    Some(code) => format!("smtp {code}"),
                    None if e.is_timeout() => "smtp timeout".to_string(),
                    None => "smtp connection".to_string(),
                };
                if e.is_permanent() { ChannelError::Rejected(what) } else { ChannelError::Transient(what) }
            })
        })
    }
}
