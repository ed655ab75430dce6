//! Notices: the outbox of everything Loket sends on its own, and how each
//! kind reads. A [`Notice`] is queued with [`enqueue`] in the transaction
//! of the change it reports, so a change never goes unreported and a
//! rolled-back change is never reported. [`Outbox::deliver_due`] sends
//! what is due on any number of nodes: each notice is claimed with a
//! lease, retried with backoff, and given up after [`MAX_ATTEMPTS`],
//! visibly (`status = 'failed'`).
//!
//! What notices say: to residents only that something changed, with a
//! link (no personal data, no case content), except a staff reply the
//! resident chose to get on e-mail, SMS or WhatsApp, which carries its
//! own text; to staff, that a callback request needs them, with a link.
//! Every text comes from an askama template in Dutch and English.

use std::sync::Arc;

use askama::Template;
use time::{Duration, OffsetDateTime};

use crate::backend::{
    channel::{twilio, whatsapp, ChannelError, ChannelKind, Outbound, OutboundMessage},
    clock::Clock,
    db::{self, Db, Tx},
    effect::Effects,
    service::consent,
    Error,
};
use crate::i18n::Lang;
use crate::model::{
    contact_address::AddressKind,
    conversation::{Channel, Delivery},
    ids::{CallbackId, ConversationId, MessageId, ResidentId},
};

/// Delivery attempts before a notice is given up.
pub const MAX_ATTEMPTS: i64 = 6;

/// Something Loket tells someone, as it is queued.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Notice<'a> {
    /// "Something changed in Mijn omgeving" (a case's status, a new
    /// document), on the resident's preferred channel (SMS or WhatsApp,
    /// with that channel's consent) or else to their confirmed e-mail
    /// address. Two changes before the first notice went out give one notice.
    CaseChanged { resident: ResidentId },
    /// "You have a new message in Mijn omgeving", like [`Notice::CaseChanged`].
    MessageReceived { resident: ResidentId },
    /// "Something is still waiting for you; its date has passed": the one
    /// reminder of an overdue to-do, like [`Notice::CaseChanged`].
    TodoOverdue { resident: ResidentId },
    /// The code that confirms a new address, sent to that address (by
    /// e-mail, or by SMS for a phone number).
    VerificationCode { resident: ResidentId, channel: ChannelKind, address: &'a str, language: Lang, code: &'a str, minutes: i64 },
    /// A staff reply carried out on e-mail, SMS or WhatsApp; its text is the message's.
    Reply { resident: Option<ResidentId>, channel: Channel, address: &'a str, message: MessageId },
    /// After a conversation closed: how satisfied the resident is, on the
    /// conversation's channel and address, with the question's link.
    Satisfaction { resident: Option<ResidentId>, channel: Channel, address: &'a str, conversation: ConversationId, token: &'a str },
    /// To a staff member's e-mail: a callback request of theirs passed its term.
    CallbackReminder { address: &'a str, callback: CallbackId },
    /// To the backup's e-mail: a callback request was escalated to them.
    CallbackEscalation { address: &'a str, callback: CallbackId },
}

/// The names the outbox keeps each kind under (stored: never rename one).
mod template {
    pub const CASE_CHANGED: &str = "case_changed";
    pub const MESSAGE_RECEIVED: &str = "message_received";
    pub const TODO_OVERDUE: &str = "todo_overdue";
    pub const VERIFICATION_CODE: &str = "verification_code";
    pub const REPLY: &str = "reply";
    pub const CALLBACK_REMINDER: &str = "callback_reminder";
    pub const CALLBACK_ESCALATION: &str = "callback_escalation";
    pub const SATISFACTION: &str = "satisfaction";
}

/// How many verification codes were queued for the resident since `since` (each one sends a message).
pub async fn codes_since(db: &Db, resident: ResidentId, since: OffsetDateTime) -> Result<i64, Error> {
    Ok(db::notice::count_since(db, resident, template::VERIFICATION_CODE, since).await?)
}

/// Drops what was not sent yet to the resident on `channel` (they removed that address).
pub async fn drop_waiting(db: &Db, resident: ResidentId, channel: ChannelKind) -> Result<(), Error> {
    db::notice::delete_waiting(db, resident, channel.as_str()).await?;
    Ok(())
}

/// Queues `notice` inside the transaction of the change it reports. A
/// notice to a resident without a confirmed address queues nothing.
pub async fn enqueue(tx: &mut Tx, notice: Notice<'_>, now: OffsetDateTime) -> Result<Effects, Error> {
    let email = ChannelKind::Email.as_str();
    match notice {
        Notice::CaseChanged { resident } | Notice::MessageReceived { resident } | Notice::TodoOverdue { resident } => {
            let template = match notice {
                Notice::CaseChanged { .. } => template::CASE_CHANGED,
                Notice::MessageReceived { .. } => template::MESSAGE_RECEIVED,
                _ => template::TODO_OVERDUE,
            };
            let Some((channel, address)) = notice_address(tx, resident, now).await? else {
                return Ok(Effects::none());
            };
            let new = db::notice::NewNotice { resident_id: Some(resident), channel: channel.as_str(), address: &address.address, language: &address.language, template, params: "{}" };
            db::notice::insert_unless_waiting(tx, &new, now).await?;
        }
        Notice::VerificationCode { resident, channel, address, language, code, minutes } => {
            let params = serde_json::json!({ "code": code, "minutes": minutes }).to_string();
            let new = db::notice::NewNotice {
                resident_id: Some(resident),
                channel: channel.as_str(),
                address,
                language: language.code(),
                template: template::VERIFICATION_CODE,
                params: &params,
            };
            db::notice::insert(tx, &new, now).await?;
        }
        Notice::Reply { resident, channel, address, message } => {
            let kind = AddressKind::of(channel);
            let language = match (resident, kind) {
                (Some(resident), Some(kind)) => db::contact_address::find_verified(tx, resident, kind.code()).await?.map(|a| a.language),
                _ => None,
            };
            let language = language.unwrap_or_else(|| Lang::Nl.code().into());
            let new = db::notice::NewNotice { resident_id: resident, channel: channel.code(), address, language: &language, template: template::REPLY, params: "{}" };
            db::notice::insert_for(tx, &new, Some(message), now).await?;
        }
        Notice::Satisfaction { resident, channel, address, conversation, token } => {
            let kind = AddressKind::of(channel);
            let language = match (resident, kind) {
                (Some(resident), Some(kind)) => db::contact_address::find_verified(tx, resident, kind.code()).await?.map(|a| a.language),
                _ => None,
            };
            let language = language.unwrap_or_else(|| Lang::Nl.code().into());
            let params = serde_json::json!({ "token": token, "conversation": conversation }).to_string();
            let new = db::notice::NewNotice { resident_id: resident, channel: channel.code(), address, language: &language, template: template::SATISFACTION, params: &params };
            db::notice::insert(tx, &new, now).await?;
        }
        Notice::CallbackReminder { address, callback } | Notice::CallbackEscalation { address, callback } => {
            let template = if matches!(notice, Notice::CallbackReminder { .. }) { template::CALLBACK_REMINDER } else { template::CALLBACK_ESCALATION };
            let params = serde_json::json!({ "callback": callback }).to_string();
            // Staff read Loket in Dutch.
            let new = db::notice::NewNotice { resident_id: None, channel: email, address, language: Lang::Nl.code(), template, params: &params };
            db::notice::insert(tx, &new, now).await?;
        }
    }
    Ok(Effects::deliver())
}

/// Where "something changed" goes: the resident's preferred channel when
/// that is SMS or WhatsApp, their phone number is confirmed and they
/// consented to that channel (`contact-sms`, `contact-whatsapp`);
/// otherwise their confirmed e-mail address; otherwise nowhere (they look
/// in Mijn omgeving themselves). Read inside the change's transaction.
async fn notice_address(tx: &mut Tx, resident: ResidentId, now: OffsetDateTime) -> Result<Option<(ChannelKind, db::contact_address::ContactAddressRow)>, Error> {
    let preferred = db::resident::preferred_channel_in(tx, resident).await?.as_deref().and_then(Channel::from_code);
    let phone_channel = match preferred {
        Some(Channel::Sms) => Some(ChannelKind::Sms),
        Some(Channel::WhatsApp) => Some(ChannelKind::WhatsApp),
        _ => None,
    };
    if let Some(kind) = phone_channel {
        if db::consent::granted_in(tx, resident, &consent_purpose(kind), now).await? {
            if let Some(phone) = db::contact_address::find_verified(tx, resident, AddressKind::Phone.code()).await? {
                return Ok(Some((kind, phone)));
            }
        }
    }
    Ok(db::contact_address::find_verified(tx, resident, AddressKind::Email.code()).await?.map(|address| (ChannelKind::Email, address)))
}

/// The consent purpose that allows unsolicited messages on a phone channel.
fn consent_purpose(channel: ChannelKind) -> String {
    format!("contact-{}", channel.as_str())
}

// ---------------------------------------------------------------- content

#[derive(Template)]
#[template(path = "mail/change.txt")]
struct ChangeText<'a> {
    nl: bool,
    /// A new message rather than another change.
    message: bool,
    /// A to-do whose date passed rather than another change.
    overdue: bool,
    municipality: &'a str,
    link: &'a str,
}

#[derive(Template)]
#[template(path = "mail/change.html")]
struct ChangeHtml<'a> {
    nl: bool,
    message: bool,
    overdue: bool,
    municipality: &'a str,
    link: &'a str,
    subject: &'a str,
}

#[derive(Template)]
#[template(path = "mail/verification_code.txt")]
struct VerificationCodeText<'a> {
    nl: bool,
    municipality: &'a str,
    code: &'a str,
    minutes: i64,
}

#[derive(Template)]
#[template(path = "mail/verification_code.html")]
struct VerificationCodeHtml<'a> {
    nl: bool,
    municipality: &'a str,
    code: &'a str,
    minutes: i64,
    subject: &'a str,
}

#[derive(Template)]
#[template(path = "mail/verification_code_sms.txt")]
struct VerificationCodeSms<'a> {
    nl: bool,
    municipality: &'a str,
    code: &'a str,
    minutes: i64,
}

#[derive(Template)]
#[template(path = "mail/reply.txt")]
struct ReplyText<'a> {
    nl: bool,
    municipality: &'a str,
    body: &'a str,
    link: &'a str,
}

#[derive(Template)]
#[template(path = "mail/reply.html")]
struct ReplyHtml<'a> {
    nl: bool,
    municipality: &'a str,
    paragraphs: Vec<&'a str>,
    link: &'a str,
    subject: &'a str,
}

#[derive(Template)]
#[template(path = "mail/reply_sms.txt")]
struct ReplySms<'a> {
    nl: bool,
    municipality: &'a str,
    body: &'a str,
    /// The start of a reply too long for one SMS.
    short: Option<String>,
    link: &'a str,
}

#[derive(Template)]
#[template(path = "mail/callback.txt")]
struct CallbackText<'a> {
    nl: bool,
    escalated: bool,
    municipality: &'a str,
    link: &'a str,
}

#[derive(Template)]
#[template(path = "mail/callback.html")]
struct CallbackHtml<'a> {
    nl: bool,
    escalated: bool,
    municipality: &'a str,
    link: &'a str,
    subject: &'a str,
}

#[derive(Template)]
#[template(path = "mail/satisfaction.txt")]
struct SatisfactionText<'a> {
    nl: bool,
    municipality: &'a str,
    link: &'a str,
}

#[derive(Template)]
#[template(path = "mail/satisfaction.html")]
struct SatisfactionHtml<'a> {
    nl: bool,
    municipality: &'a str,
    link: &'a str,
    subject: &'a str,
}

#[derive(Template)]
#[template(path = "mail/satisfaction_sms.txt")]
struct SatisfactionSms<'a> {
    nl: bool,
    municipality: &'a str,
    link: &'a str,
}

/// What every notice may say about its sender.
#[derive(Clone, Debug)]
pub struct Sender {
    /// "Gemeente Voorbeeld".
    pub municipality: String,
    /// Where residents log in, e.g. `https://loket.gemeente.nl`.
    pub public_url: String,
}

impl Sender {
    fn link(&self, path: &str) -> String {
        format!("{}{path}", self.public_url.trim_end_matches('/'))
    }
}

/// A staff reply as it goes out on `channel`: subject and text (and HTML
/// for e-mail). SMS carries at most what one long SMS holds, with a link
/// to the rest. The text is the reply itself: the resident chose to get
/// answers on this channel.
pub fn render_reply(sender: &Sender, channel: ChannelKind, language: &str, subject: &str, body: &str, link: &str) -> Option<(String, String, Option<String>)> {
    let nl = Lang::from_code(language) != Some(Lang::En);
    let municipality = sender.municipality.as_str();
    match channel {
        ChannelKind::Email => {
            let subject = format!("Re: {subject}");
            let text = ReplyText { nl, municipality, body, link }.render().ok()?;
            let paragraphs = body.split("\n\n").map(str::trim).filter(|p| !p.is_empty()).collect();
            let html = ReplyHtml { nl, municipality, paragraphs, link, subject: &subject }.render().ok()?;
            Some((subject, text, Some(html)))
        }
        ChannelKind::Sms => {
            const ROOM: usize = twilio::MAX_BODY_CHARS - 200;
            let short = (body.chars().count() > ROOM).then(|| body.chars().take(ROOM).collect());
            Some((String::new(), ReplySms { nl, municipality, body, short, link }.render().ok()?, None))
        }
        ChannelKind::WhatsApp => Some((String::new(), body.to_string(), None)),
    }
}

/// Subject, text and HTML of a notice; `None` for a template or parameters we do not know.
pub fn render(sender: &Sender, channel: ChannelKind, template: &str, language: &str, params: &str) -> Option<(String, String, String)> {
    let nl = Lang::from_code(language) != Some(Lang::En);
    let municipality = sender.municipality.as_str();
    match template {
        template::CASE_CHANGED | template::MESSAGE_RECEIVED | template::TODO_OVERDUE => {
            let message = template == template::MESSAGE_RECEIVED;
            let overdue = template == template::TODO_OVERDUE;
            let subject = match (message, overdue, nl) {
                (true, _, true) => "Je hebt een nieuw bericht in Mijn omgeving",
                (true, _, false) => "You have a new message in My environment",
                (false, true, true) => "Er staat nog iets voor je klaar in Mijn omgeving",
                (false, true, false) => "Something is still waiting for you in My environment",
                (false, false, true) => "Er is iets veranderd in Mijn omgeving",
                (false, false, false) => "Something has changed in My environment",
            };
            let link = sender.link(if message { crate::path::MESSAGES } else { crate::path::OVERVIEW });
            let text = ChangeText { nl, message, overdue, municipality, link: &link }.render().ok()?;
            let html = ChangeHtml { nl, message, overdue, municipality, link: &link, subject }.render().ok()?;
            Some((subject.to_string(), text, html))
        }
        template::CALLBACK_REMINDER | template::CALLBACK_ESCALATION => {
            let params: serde_json::Value = serde_json::from_str(params).ok()?;
            let link = match params.get("callback").and_then(|c| c.as_str()) {
                Some(callback) => sender.link(&crate::path::staff_callback(callback.parse().ok()?)),
                // Queued before notices named their request: the link was stored whole.
                None => params.get("link")?.as_str()?.to_string(),
            };
            let escalated = template == template::CALLBACK_ESCALATION;
            let subject = match (escalated, nl) {
                (true, true) => "Een terugbelverzoek is naar jou opgeschaald",
                (true, false) => "A callback request was escalated to you",
                (false, true) => "Een terugbelverzoek is over de termijn",
                (false, false) => "A callback request has passed its term",
            };
            let text = CallbackText { nl, escalated, municipality, link: &link }.render().ok()?;
            let html = CallbackHtml { nl, escalated, municipality, link: &link, subject }.render().ok()?;
            Some((subject.to_string(), text, html))
        }
        template::SATISFACTION => {
            let params: serde_json::Value = serde_json::from_str(params).ok()?;
            let link = sender.link(&crate::path::satisfaction(params.get("token")?.as_str()?));
            if channel != ChannelKind::Email {
                return Some((String::new(), SatisfactionSms { nl, municipality, link: &link }.render().ok()?, String::new()));
            }
            let subject = if nl { "Hoe tevreden ben je over ons contact?" } else { "How satisfied are you with our contact?" };
            let text = SatisfactionText { nl, municipality, link: &link }.render().ok()?;
            let html = SatisfactionHtml { nl, municipality, link: &link, subject }.render().ok()?;
            Some((subject.to_string(), text, html))
        }
        template::VERIFICATION_CODE => {
            let params: serde_json::Value = serde_json::from_str(params).ok()?;
            let code = params.get("code")?.as_str()?;
            // Queued before codes carried their lifetime: they worked 15 minutes.
            let minutes = params.get("minutes").and_then(|m| m.as_i64()).unwrap_or(15);
            if channel == ChannelKind::Sms {
                return Some((String::new(), VerificationCodeSms { nl, municipality, code, minutes }.render().ok()?, String::new()));
            }
            let subject = if nl { "Je code voor berichten per e-mail" } else { "Your code for messages by e-mail" };
            let text = VerificationCodeText { nl, municipality, code, minutes }.render().ok()?;
            let html = VerificationCodeHtml { nl, municipality, code, minutes, subject }.render().ok()?;
            Some((subject.to_string(), text, html))
        }
        _ => None,
    }
}

// ---------------------------------------------------------------- delivery

/// When to try again after `attempts` failed tries: 1, 5, 15, 60, 240 minutes.
pub fn backoff(attempts: i64) -> Duration {
    const MINUTES: [i64; 5] = [1, 5, 15, 60, 240];
    Duration::minutes(MINUTES[(attempts.max(1) as usize - 1).min(MINUTES.len() - 1)])
}

enum Outcome {
    Sent,
    Retried,
    Failed,
}

/// What one round of delivery did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Round {
    pub sent: usize,
    pub retried: usize,
    pub failed: usize,
}

/// Sends due notices through the outbound channels. Safe with one on every node.
pub struct Outbox {
    db: Db,
    clock: Arc<dyn Clock>,
    outbound: Arc<dyn Outbound>,
    sender: Sender,
}

/// A worker that dies mid-send holds its notice this long. Notices are
/// claimed one at a time, just before sending, and a send that takes
/// longer than [`SEND_TIMEOUT`] is given up (and retried later), so a
/// lease never runs out while its notice is still being sent.
const LEASE: Duration = Duration::minutes(2);
const SEND_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(60);

impl Outbox {
    pub fn new(db: Db, clock: Arc<dyn Clock>, outbound: Arc<dyn Outbound>, sender: Sender) -> Outbox {
        Outbox { db, clock, outbound, sender }
    }

    /// Delivers what is due now, until nothing is left.
    pub async fn deliver_due(&self) -> Result<Round, Error> {
        let mut round = Round::default();
        loop {
            let now = self.clock.now();
            let token = uuid::Uuid::new_v4();
            let Some(row) = db::notice::claim_due(&self.db, now, now + LEASE, token, 1).await?.into_iter().next() else {
                return Ok(round);
            };
            match self.deliver(row, token).await? {
                Outcome::Sent => round.sent += 1,
                Outcome::Retried => round.retried += 1,
                Outcome::Failed => round.failed += 1,
            }
        }
    }

    /// The message a claimed notice becomes; `Err` with the reason it cannot be sent at all.
    async fn compose(&self, row: &db::notice::ClaimedRow, channel: ChannelKind) -> Result<Result<OutboundMessage, &'static str>, Error> {
        let mut message = OutboundMessage {
            id: row.id.0,
            channel,
            to: row.address.clone(),
            subject: None,
            body: String::new(),
            html: None,
            template_only: false,
            in_reply_to: None,
        };
        if row.template != template::REPLY {
            // Unsolicited contact on a channel other than the confirmed e-mail address is a consent
            // purpose (`contact-whatsapp`, `contact-sms`), checked at the moment of sending. A code
            // the resident asked for is not unsolicited, nor the one question about a conversation
            // they held on that channel.
            let asked_for = row.template == template::VERIFICATION_CODE || row.template == template::SATISFACTION;
            if let (ChannelKind::Sms | ChannelKind::WhatsApp, Some(resident), false) = (channel, row.resident_id, asked_for) {
                if !consent::may_use(&self.db, resident, &consent_purpose(channel), self.clock.now()).await? {
                    return Ok(Err("no consent for this channel"));
                }
            }
            // WhatsApp takes nothing but an approved template from a business that was not written
            // to first, or not within the last 24 hours.
            message.template_only = channel == ChannelKind::WhatsApp;
            if row.template == template::SATISFACTION && channel == ChannelKind::WhatsApp {
                let conversation = serde_json::from_str::<serde_json::Value>(&row.params).ok().and_then(|p| p.get("conversation")?.as_str()?.parse().ok());
                if let Some(conversation) = conversation {
                    let last = db::conversation::last_inbound(&self.db, conversation, channel.as_str()).await?;
                    message.template_only = !whatsapp::window_open(last.map(|(at, _)| at), self.clock.now());
                }
            }
            let Some((subject, body, html)) = render(&self.sender, channel, &row.template, &row.language, &row.params) else {
                tracing::error!(notice.id = %row.id, template = %row.template, "notice cannot be rendered");
                return Ok(Err("cannot be rendered"));
            };
            message.subject = Some(subject);
            message.body = body;
            message.html = (!html.is_empty()).then_some(html);
            return Ok(Ok(message));
        }
        let Some(id) = row.message_id else { return Ok(Err("reply without its message")) };
        let Some(reply) = db::conversation::message(&self.db, id).await? else { return Ok(Err("reply without its message")) };
        let Some(conversation) = db::conversation::find(&self.db, reply.conversation_id).await? else { return Ok(Err("reply without its conversation")) };
        let link = match conversation.resident_id {
            Some(_) => self.sender.link(&crate::path::conversation(conversation.id)),
            None => self.sender.link(crate::path::MESSAGES),
        };
        let last_inbound = db::conversation::last_inbound(&self.db, conversation.id, channel.as_str()).await?;
        match channel {
            ChannelKind::Email => message.in_reply_to = last_inbound.and_then(|(_, id)| id).map(|id| format!("<{id}>")),
            ChannelKind::WhatsApp => message.template_only = !whatsapp::window_open(last_inbound.map(|(at, _)| at), self.clock.now()),
            ChannelKind::Sms => {}
        }
        let Some((subject, body, html)) = render_reply(&self.sender, channel, &row.language, &conversation.subject, &reply.body, &link) else {
            return Ok(Err("cannot be rendered"));
        };
        message.subject = Some(subject);
        message.body = body;
        message.html = html;
        Ok(Ok(message))
    }

    async fn deliver(&self, row: db::notice::ClaimedRow, token: uuid::Uuid) -> Result<Outcome, Error> {
        let Some(channel) = ChannelKind::parse(&row.channel) else {
            db::notice::mark_failed(&self.db, row.id, token, None, "unknown channel").await?;
            return Ok(Outcome::Failed);
        };
        let message = match self.compose(&row, channel).await? {
            Ok(message) => message,
            Err(reason) => {
                db::notice::mark_failed(&self.db, row.id, token, None, reason).await?;
                self.delivery_of(&row, Delivery::Failed, None).await?;
                return Ok(Outcome::Failed);
            }
        };
        let sent = tokio::time::timeout(SEND_TIMEOUT, self.outbound.send(message))
            .await
            .unwrap_or_else(|_| Err(ChannelError::Transient("timeout".into())));
        match sent {
            Ok(sent) => {
                if !db::notice::mark_sent(&self.db, row.id, token, self.clock.now()).await? {
                    tracing::warn!(notice.id = %row.id, "a notice was sent after its lease ran out");
                }
                self.delivery_of(&row, Delivery::Sent, sent.provider_id.as_deref()).await?;
                Ok(Outcome::Sent)
            }
            Err(error) => {
                let give_up = error.is_permanent() || row.attempts >= MAX_ATTEMPTS;
                let next = (!give_up).then(|| self.clock.now() + backoff(row.attempts));
                tracing::warn!(notice.id = %row.id, attempts = row.attempts, give_up, error = %error, "notice not delivered");
                db::notice::mark_failed(&self.db, row.id, token, next, &error.to_string()).await?;
                if give_up {
                    self.delivery_of(&row, Delivery::Failed, None).await?;
                    Ok(Outcome::Failed)
                } else {
                    Ok(Outcome::Retried)
                }
            }
        }
    }

    /// Shows staff how far a carried reply got (and keeps the provider's id for its status callbacks).
    async fn delivery_of(&self, row: &db::notice::ClaimedRow, delivery: Delivery, provider_id: Option<&str>) -> Result<(), Error> {
        if let Some(message) = row.message_id {
            db::conversation::advance_delivery(&self.db, db::conversation::DeliveryKey::Message(message), delivery.code(), delivery.rank(), provider_id).await?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use template::{CASE_CHANGED, MESSAGE_RECEIVED, VERIFICATION_CODE};

    fn sender() -> Sender {
        Sender { municipality: "Gemeente Voorbeeld".into(), public_url: "https://loket.example.nl/".into() }
    }

    /// A mail server so slow that every mail takes 30 s of the nodes'
    /// clock: a batch of notices would outlive its 2-minute lease.
    struct SlowMail {
        clock: Arc<crate::backend::clock::TestClock>,
        sent: std::sync::Mutex<Vec<uuid::Uuid>>,
    }

    impl Outbound for SlowMail {
        fn send(&self, message: OutboundMessage) -> crate::backend::channel::SendFuture<'_> {
            Box::pin(async move {
                self.clock.advance(Duration::seconds(30));
                tokio::time::sleep(std::time::Duration::from_millis(5)).await;
                self.sent.lock().unwrap().push(message.id);
                Ok(crate::backend::channel::Sent { provider_id: None })
            })
        }
    }

    crate::both_dbs!(a_slow_mail_server_and_two_nodes_send_each_notice_once, |db| {
        let clock = Arc::new(crate::backend::clock::TestClock::new(time::macros::datetime!(2026-11-30 09:00 UTC)));
        let mail = Arc::new(SlowMail { clock: clock.clone(), sent: Default::default() });
        let mut tx = db.begin().await.unwrap();
        for i in 0..6 {
            let address = format!("inwoner{i}@example.nl");
            let new = db::notice::NewNotice { resident_id: None, channel: "email", address: &address, language: "nl", template: CASE_CHANGED, params: "{}" };
            db::notice::insert(&mut tx, &new, clock.now()).await.unwrap();
        }
        tx.commit().await.unwrap();
        let node = || Outbox::new(db.clone(), clock.clone(), mail.clone(), sender());
        let (first, second) = (node(), node());
        let busy = std::sync::atomic::AtomicBool::new(true);
        let start = clock.now();
        let polling = async {
            // The second node comes in while the first one is sending.
            while clock.now() == start {
                tokio::time::sleep(std::time::Duration::from_millis(1)).await;
            }
            while busy.load(std::sync::atomic::Ordering::SeqCst) {
                second.deliver_due().await.unwrap();
                tokio::time::sleep(std::time::Duration::from_millis(1)).await;
            }
        };
        let delivering = async {
            first.deliver_due().await.unwrap();
            busy.store(false, std::sync::atomic::Ordering::SeqCst);
        };
        tokio::join!(polling, delivering);
        second.deliver_due().await.unwrap();
        let mut sent = mail.sent.lock().unwrap().clone();
        assert_eq!(sent.len(), 6, "each notice sent once, none twice: {sent:?}");
        sent.sort();
        sent.dedup();
        assert_eq!(sent.len(), 6);
    });

    #[test]
    fn case_changed_says_only_that_something_changed_with_a_link() {
        let (subject, text, html) = render(&sender(), ChannelKind::Email, CASE_CHANGED, "nl", "{}").unwrap();
        assert_eq!(subject, "Er is iets veranderd in Mijn omgeving");
        assert!(text.contains("https://loket.example.nl/mijn"), "{text}");
        assert!(html.contains("href=\"https://loket.example.nl/mijn\""), "{html}");
        assert!(html.contains("lang=\"nl\""));
        let (subject, text, _) = render(&sender(), ChannelKind::Email, CASE_CHANGED, "en", "{}").unwrap();
        assert_eq!(subject, "Something has changed in My environment");
        assert!(text.starts_with("There is new information"), "{text}");
    }

    #[test]
    fn a_new_message_links_to_the_messages() {
        let (subject, text, _) = render(&sender(), ChannelKind::Email, MESSAGE_RECEIVED, "nl", "{}").unwrap();
        assert_eq!(subject, "Je hebt een nieuw bericht in Mijn omgeving");
        assert!(text.starts_with("Er is een nieuw bericht voor je"), "{text}");
        assert!(text.contains("https://loket.example.nl/mijn/berichten"), "{text}");
    }

    #[test]
    fn verification_code_needs_its_code() {
        let (_, text, html) = render(&sender(), ChannelKind::Email, VERIFICATION_CODE, "nl", r#"{"code":"012345","minutes":15}"#).unwrap();
        assert!(text.contains("012345") && html.contains("012345"));
        assert!(text.contains("15 minuten"));
        assert_eq!(render(&sender(), ChannelKind::Email, VERIFICATION_CODE, "nl", "{}"), None);
        assert_eq!(render(&sender(), ChannelKind::Email, "unknown", "nl", "{}"), None);
        let (_, sms, _) = render(&sender(), ChannelKind::Sms, VERIFICATION_CODE, "en", r#"{"code":"012345","minutes":15}"#).unwrap();
        assert_eq!(sms, "Your code from Gemeente Voorbeeld is 012345. It works for 15 minutes. Did you not ask for it? Then ignore this message.");
    }

    #[test]
    fn callback_notices_link_to_the_request_in_either_language() {
        let id = CallbackId(uuid::Uuid::from_u128(7));
        let params = serde_json::json!({ "callback": id }).to_string();
        let (subject, text, html) = render(&sender(), ChannelKind::Email, template::CALLBACK_ESCALATION, "nl", &params).unwrap();
        assert_eq!(subject, "Een terugbelverzoek is naar jou opgeschaald");
        assert!(text.contains(&format!("https://loket.example.nl/staff/terugbellen/{id}")), "{text}");
        assert!(html.contains(&format!("href=\"https://loket.example.nl/staff/terugbellen/{id}\"")), "{html}");
        let (subject, text, _) = render(&sender(), ChannelKind::Email, template::CALLBACK_REMINDER, "en", &params).unwrap();
        assert_eq!(subject, "A callback request has passed its term");
        assert!(text.contains("Call the resident back"), "{text}");
    }

    #[test]
    fn a_long_sms_reply_is_cut_with_a_link_to_the_rest() {
        let long = "a".repeat(2000);
        let (_, text, _) = render_reply(&sender(), ChannelKind::Sms, "nl", "x", &long, "https://l/x").unwrap();
        assert!(text.ends_with("… Lees verder in Mijn omgeving: https://l/x"), "{text}");
        let (_, text, _) = render_reply(&sender(), ChannelKind::Sms, "nl", "x", "Kort.", "https://l/x").unwrap();
        assert_eq!(text, "Kort.\n\nGemeente Voorbeeld");
    }

    #[test]
    fn html_escapes_what_it_is_given() {
        let odd = Sender { municipality: "<b>Gemeente</b>".into(), public_url: "https://x.nl".into() };
        let (_, _, html) = render(&odd, ChannelKind::Email, CASE_CHANGED, "nl", "{}").unwrap();
        assert!(!html.contains("<b>Gemeente</b>") && html.contains("&#60;b&#62;Gemeente") || html.contains("&lt;b&gt;Gemeente"), "{html}");
    }

    #[test]
    fn backoff_grows_then_stays() {
        assert_eq!(backoff(1), Duration::minutes(1));
        assert_eq!(backoff(2), Duration::minutes(5));
        assert_eq!(backoff(5), Duration::minutes(240));
        assert_eq!(backoff(9), Duration::minutes(240));
    }
}
