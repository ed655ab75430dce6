//! Notices to residents: where they want them (an e-mail address they
//! confirmed with a code; a phone number for SMS and WhatsApp), what they
//! say (only that something changed, with a link: no personal data, no
//! case content), and their delivery. The same outbox carries staff
//! replies out on e-mail, SMS or WhatsApp (template [`REPLY`], with the
//! message's own text: the resident chose that channel) and staff's
//! reminders about callback requests.
//!
//! A notice is queued in the transaction of the change it reports, so a
//! change never goes unreported and a rolled-back change is never
//! reported. The [`Notifier`] delivers what is due on any number of nodes:
//! each notice is claimed with a lease, retried with backoff, and given up
//! after [`MAX_ATTEMPTS`], visibly (`status = 'failed'`).

use std::{sync::Arc, time::Duration as StdDuration};

use askama::Template;
use sha2::{Digest, Sha256};
use time::{Duration, OffsetDateTime};
use tokio::sync::Notify;

use crate::backend::{
    channel::{ChannelKind, Outbound, OutboundMessage},
    clock::Clock,
    db::{self, Db, Tx},
    Error,
};
use crate::error::{FieldError, FieldErrorCode};
use crate::i18n::Lang;
use crate::model::{
    conversation::{Channel, Delivery},
    ids::{ConversationId, MessageId, ResidentId},
    notification::NotificationSetting,
};

/// "Something changed in Mijn omgeving": a case's status, a new document.
pub const CASE_CHANGED: &str = "case_changed";
/// "You have a new message in Mijn omgeving": a reply from staff.
pub const MESSAGE_RECEIVED: &str = "message_received";
/// The code that confirms a new address.
pub const VERIFICATION_CODE: &str = "verification_code";
/// A staff reply carried out on e-mail, SMS or WhatsApp (its text is the message's).
pub const REPLY: &str = "reply";

/// How long a confirmation code works.
pub const CODE_MINUTES: i64 = 15;
/// Wrong codes allowed before a new one must be asked for.
pub const MAX_CODE_ATTEMPTS: i64 = 5;
/// Codes a resident may ask for per hour (each one sends a mail).
pub const MAX_CODES_PER_HOUR: i64 = 5;
/// Delivery attempts before a notice is given up.
pub const MAX_ATTEMPTS: i64 = 6;
/// An address longer than this is refused (RFC 5321's path limit).
pub const MAX_ADDRESS_CHARS: usize = 254;

/// The kinds of address a resident confirms: an e-mail address, and a
/// phone number (for SMS and WhatsApp; its code goes by SMS).
pub const EMAIL: &str = "email";
pub const PHONE: &str = "phone";

// ---------------------------------------------------------------- queueing

/// Queues a "something changed" notice for the resident, inside the
/// transaction of the change, when they confirmed an address. Two changes
/// before the first notice went out give one notice.
pub async fn case_changed(tx: &mut Tx, resident: ResidentId, now: OffsetDateTime) -> Result<(), Error> {
    queue_unless_waiting(tx, resident, CASE_CHANGED, now).await
}

/// Queues "you have a new message" for the resident, like [`case_changed`].
pub async fn message_received(tx: &mut Tx, resident: ResidentId, now: OffsetDateTime) -> Result<(), Error> {
    queue_unless_waiting(tx, resident, MESSAGE_RECEIVED, now).await
}

async fn queue_unless_waiting(tx: &mut Tx, resident: ResidentId, template: &str, now: OffsetDateTime) -> Result<(), Error> {
    let Some(address) = db::contact_address::find_verified(tx, resident, EMAIL).await? else {
        return Ok(());
    };
    let new = db::notification::NewNotification {
        resident_id: Some(resident),
        channel: EMAIL,
        address: &address.address,
        language: &address.language,
        template,
        params: "{}",
    };
    db::notification::insert_unless_waiting(tx, &new, now).await?;
    Ok(())
}

// ---------------------------------------------------------------- the resident's address

/// Where the resident gets notices now.
pub async fn setting(db: &Db, resident: ResidentId) -> Result<NotificationSetting, Error> {
    address_setting(db, resident, EMAIL).await
}

/// The resident's address of `kind`: none, waiting for its code, or confirmed.
async fn address_setting(db: &Db, resident: ResidentId, kind: &str) -> Result<NotificationSetting, Error> {
    Ok(match db::contact_address::find(db, resident, kind).await? {
        None => NotificationSetting::Off,
        Some(row) if row.verified_at.is_some() => NotificationSetting::Confirmed { address: row.address },
        Some(row) => NotificationSetting::AwaitingCode { address: row.address },
    })
}

fn field(name: &str, code: FieldErrorCode) -> Error {
    Error::Validation(vec![FieldError { field: name.into(), code }])
}

/// A phone number as we accept it: one a Dutch resident would type, in E.164 form.
pub fn valid_phone(input: &str) -> Result<String, Error> {
    if input.trim().is_empty() {
        return Err(field("phone", FieldErrorCode::Missing));
    }
    crate::backend::channel::phone::normalize(input, false).ok_or_else(|| field("phone", FieldErrorCode::Invalid))
}

/// The resident's phone number for SMS and WhatsApp, confirmed or waiting for its code.
pub async fn phone_setting(db: &Db, resident: ResidentId) -> Result<NotificationSetting, Error> {
    address_setting(db, resident, PHONE).await
}

/// Queues a staff reply to go out on `channel` to `address`, in the
/// transaction that recorded it; the notifier renders it from the message.
pub async fn carry_reply(tx: &mut Tx, resident: Option<ResidentId>, channel: Channel, address: &str, message: MessageId, now: OffsetDateTime) -> Result<(), Error> {
    let language = match resident {
        Some(resident) => db::contact_address::find_verified(tx, resident, if channel == Channel::Email { EMAIL } else { PHONE })
            .await?
            .map(|a| a.language)
            .unwrap_or_else(|| "nl".into()),
        None => "nl".into(),
    };
    let notice = db::notification::NewNotification { resident_id: resident, channel: channel.code(), address, language: &language, template: REPLY, params: "{}" };
    db::notification::insert_for(tx, &notice, Some(message), now).await?;
    Ok(())
}

/// Whether WhatsApp still takes free text in this conversation: within 24 hours of the resident's last WhatsApp message.
pub async fn whatsapp_window_open(db: &Db, conversation: ConversationId, now: OffsetDateTime) -> Result<bool, Error> {
    let last = db::conversation::last_inbound(db, conversation, Channel::WhatsApp.code()).await?;
    Ok(last.is_some_and(|(at, _)| now - at < crate::backend::channel::whatsapp::SERVICE_WINDOW))
}

/// A mail address as we accept it: trimmed, at most [`MAX_ADDRESS_CHARS`],
/// well-formed, with a dot in the domain (no mail to `localhost`).
pub fn valid_address(input: &str) -> Result<String, Error> {
    let address = input.trim();
    if address.is_empty() {
        return Err(field("email", FieldErrorCode::Missing));
    }
    if address.chars().count() > MAX_ADDRESS_CHARS {
        return Err(field("email", FieldErrorCode::TooLong));
    }
    let parsed: lettre::Address = address.parse().map_err(|_| field("email", FieldErrorCode::Invalid))?;
    if !parsed.domain().contains('.') || parsed.domain().ends_with('.') {
        return Err(field("email", FieldErrorCode::Invalid));
    }
    Ok(parsed.to_string())
}

fn hash_code(resident: ResidentId, code: &str) -> String {
    let digest = Sha256::digest(format!("{resident}:{code}").as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// Six digits from the operating system's random source (a v4 UUID).
fn new_code() -> String {
    format!("{:06}", uuid::Uuid::new_v4().as_u128() % 1_000_000)
}

/// Sets a new address of `kind` ([`EMAIL`] or [`PHONE`]) and sends it a
/// code (by mail, or by SMS). Until it is confirmed, nothing else is sent there.
pub async fn request_code(db: &Db, resident: ResidentId, kind: &str, input: &str, lang: Lang, now: OffsetDateTime) -> Result<(), Error> {
    let (address, channel) = match kind {
        PHONE => (valid_phone(input)?, ChannelKind::Sms.as_str()),
        _ => (valid_address(input)?, EMAIL),
    };
    let recent = db::notification::count_since(db, resident, VERIFICATION_CODE, now - Duration::hours(1)).await?;
    if recent >= MAX_CODES_PER_HOUR {
        return Err(Error::RateLimited);
    }
    let code = new_code();
    let mut tx = db.begin().await?;
    let new = db::contact_address::NewCode {
        resident_id: resident,
        channel: if kind == PHONE { PHONE } else { EMAIL },
        address: &address,
        language: lang.code(),
        code_hash: &hash_code(resident, &code),
        code_expires_at: now + Duration::minutes(CODE_MINUTES),
    };
    db::contact_address::set_unverified(&mut tx, &new, now).await?;
    let params = serde_json::json!({ "code": code }).to_string();
    let notice = db::notification::NewNotification {
        resident_id: Some(resident),
        channel,
        address: &address,
        language: lang.code(),
        template: VERIFICATION_CODE,
        params: &params,
    };
    db::notification::insert(&mut tx, &notice, now).await?;
    tx.commit().await?;
    Ok(())
}

/// Confirms the address of `kind` with the code that was sent to it.
pub async fn confirm_code(db: &Db, resident: ResidentId, kind: &str, input: &str, now: OffsetDateTime) -> Result<(), Error> {
    let code: String = input.chars().filter(|c| !c.is_whitespace()).collect();
    if code.is_empty() {
        return Err(field("code", FieldErrorCode::Missing));
    }
    if code.len() != 6 || !code.bytes().all(|b| b.is_ascii_digit()) {
        return Err(field("code", FieldErrorCode::Invalid));
    }
    let row = db::contact_address::find(db, resident, if kind == PHONE { PHONE } else { EMAIL }).await?.ok_or(Error::NotFound)?;
    let (Some(expected), Some(expires_at)) = (&row.code_hash, row.code_expires_at) else {
        // Already confirmed: a second submit of the same form.
        return if row.verified_at.is_some() { Ok(()) } else { Err(field("code", FieldErrorCode::Expired)) };
    };
    if expires_at <= now || row.code_attempts >= MAX_CODE_ATTEMPTS {
        return Err(field("code", FieldErrorCode::Expired));
    }
    let given = hash_code(resident, &code);
    if &given != expected {
        db::contact_address::count_attempt(db, row.id).await?;
        return Err(field("code", FieldErrorCode::Invalid));
    }
    if !db::contact_address::verify(db, row.id, &given, now).await? {
        return Err(Error::Conflict);
    }
    Ok(())
}

/// Forgets the resident's address of `kind` and drops what was not sent there yet.
pub async fn stop(db: &Db, resident: ResidentId, kind: &str) -> Result<(), Error> {
    if kind == PHONE {
        db::notification::delete_waiting(db, resident, ChannelKind::Sms.as_str()).await?;
        db::notification::delete_waiting(db, resident, ChannelKind::WhatsApp.as_str()).await?;
        db::contact_address::delete(db, resident, PHONE).await?;
    } else {
        db::notification::delete_waiting(db, resident, EMAIL).await?;
        db::contact_address::delete(db, resident, EMAIL).await?;
    }
    Ok(())
}

// ---------------------------------------------------------------- content

#[derive(Template)]
#[template(path = "mail/change.txt")]
struct ChangeText<'a> {
    nl: bool,
    /// A new message rather than another change.
    message: bool,
    municipality: &'a str,
    link: &'a str,
}

#[derive(Template)]
#[template(path = "mail/change.html")]
struct ChangeHtml<'a> {
    nl: bool,
    message: bool,
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
            const ROOM: usize = crate::backend::channel::twilio::MAX_BODY_CHARS - 200;
            let text = if body.chars().count() > ROOM {
                let short: String = body.chars().take(ROOM).collect();
                format!("{short}… {} {link}", if nl { "Lees verder in Mijn omgeving:" } else { "Read on in My environment:" })
            } else {
                format!("{body}\n\n{municipality}")
            };
            Some((String::new(), text, None))
        }
        ChannelKind::WhatsApp => Some((String::new(), body.to_string(), None)),
    }
}

/// What every notice may say about its sender.
#[derive(Clone, Debug)]
pub struct Sender {
    /// "Gemeente Voorbeeld".
    pub municipality: String,
    /// Where residents log in, e.g. `https://loket.gemeente.nl`.
    pub public_url: String,
}

/// Subject, text and HTML of a notice; `None` for a template or parameters we do not know.
pub fn render(sender: &Sender, channel: ChannelKind, template: &str, language: &str, params: &str) -> Option<(String, String, String)> {
    let nl = Lang::from_code(language) != Some(Lang::En);
    let municipality = sender.municipality.as_str();
    match template {
        CASE_CHANGED | MESSAGE_RECEIVED => {
            let message = template == MESSAGE_RECEIVED;
            let subject = match (message, nl) {
                (false, true) => "Er is iets veranderd in Mijn omgeving",
                (false, false) => "Something has changed in My environment",
                (true, true) => "Je hebt een nieuw bericht in Mijn omgeving",
                (true, false) => "You have a new message in My environment",
            };
            let path = if message { "/mijn/berichten" } else { "/mijn" };
            let link = format!("{}{path}", sender.public_url.trim_end_matches('/'));
            let text = ChangeText { nl, message, municipality, link: &link }.render().ok()?;
            let html = ChangeHtml { nl, message, municipality, link: &link, subject }.render().ok()?;
            Some((subject.to_string(), text, html))
        }
        crate::backend::service::callback::REMINDER | crate::backend::service::callback::ESCALATION => {
            let params: serde_json::Value = serde_json::from_str(params).ok()?;
            let link = params.get("link")?.as_str()?;
            let escalated = template == crate::backend::service::callback::ESCALATION;
            let subject = match escalated {
                true => "Een terugbelverzoek is naar jou opgeschaald",
                false => "Een terugbelverzoek is over de termijn",
            };
            let text = format!(
                "{}\n\nOpen het verzoek in Loket: {link}\n\nDit is een automatisch bericht van {municipality}.",
                if escalated {
                    "Een terugbelverzoek is na drie herinneringen nog niet afgehandeld. Jij bent de achtervang: zorg dat de inwoner wordt teruggebeld."
                } else {
                    "Een terugbelverzoek dat bij jou ligt, is over de afgesproken termijn. Bel de inwoner terug, of draag het verzoek over."
                }
            );
            Some((subject.to_string(), text, String::new()))
        }
        VERIFICATION_CODE if channel == ChannelKind::Sms => {
            let params: serde_json::Value = serde_json::from_str(params).ok()?;
            let code = params.get("code")?.as_str()?;
            let text = if nl {
                format!("Je code van {municipality} is {code}. De code werkt {CODE_MINUTES} minuten. Heb je niets aangevraagd? Dan kun je dit bericht negeren.")
            } else {
                format!("Your code from {municipality} is {code}. It works for {CODE_MINUTES} minutes. Did you not ask for it? Then ignore this message.")
            };
            Some((String::new(), text, String::new()))
        }
        VERIFICATION_CODE => {
            let params: serde_json::Value = serde_json::from_str(params).ok()?;
            let code = params.get("code")?.as_str()?;
            let subject = if nl { "Je code voor berichten per e-mail" } else { "Your code for messages by e-mail" };
            let text = VerificationCodeText { nl, municipality, code, minutes: CODE_MINUTES }.render().ok()?;
            let html = VerificationCodeHtml { nl, municipality, code, minutes: CODE_MINUTES, subject }.render().ok()?;
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

/// Delivers due notices. One per process; safe with one on every node.
pub struct Notifier {
    db: Db,
    clock: Arc<dyn Clock>,
    outbound: Arc<dyn Outbound>,
    sender: Sender,
    wake: Arc<Notify>,
}

/// A worker that dies mid-send holds its notices this long.
const LEASE: Duration = Duration::minutes(2);
const BATCH: i64 = 20;

impl Notifier {
    /// `wake` is shared with whoever queues notices (the app state), so new ones go out at once.
    pub fn new(db: Db, clock: Arc<dyn Clock>, outbound: Arc<dyn Outbound>, sender: Sender, wake: Arc<Notify>) -> Notifier {
        Notifier { db, clock, outbound, sender, wake }
    }

    /// Delivers what is due now, until nothing is left.
    pub async fn deliver_due(&self) -> Result<Round, Error> {
        let mut round = Round::default();
        loop {
            let now = self.clock.now();
            let claimed = db::notification::claim_due(&self.db, now, now + LEASE, BATCH).await?;
            if claimed.is_empty() {
                return Ok(round);
            }
            for row in claimed {
                let outcome = self.deliver(row).await?;
                match outcome {
                    Outcome::Sent => round.sent += 1,
                    Outcome::Retried => round.retried += 1,
                    Outcome::Failed => round.failed += 1,
                }
            }
        }
    }

    /// The message a claimed notice becomes; `Err` with the reason it cannot be sent at all.
    async fn compose(&self, row: &db::notification::ClaimedRow, channel: ChannelKind) -> Result<Result<OutboundMessage, &'static str>, Error> {
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
        if row.template != REPLY {
            // Unsolicited contact on a channel other than the confirmed e-mail address is a consent
            // purpose (`contact-whatsapp`, `contact-sms`), checked at the moment of sending. A code
            // the resident asked for is not unsolicited.
            if let (ChannelKind::Sms | ChannelKind::WhatsApp, Some(resident), false) = (channel, row.resident_id, row.template == VERIFICATION_CODE) {
                let purpose = format!("contact-{}", channel.as_str());
                if !crate::backend::service::consent::may_use(&self.db, resident, &purpose, self.clock.now()).await? {
                    return Ok(Err("no consent for this channel"));
                }
            }
            let Some((subject, body, html)) = render(&self.sender, channel, &row.template, &row.language, &row.params) else {
                tracing::error!(notification.id = %row.id, template = %row.template, "notification cannot be rendered");
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
            Some(_) => format!("{}/mijn/berichten/{}", self.sender.public_url.trim_end_matches('/'), conversation.id),
            None => format!("{}/mijn/berichten", self.sender.public_url.trim_end_matches('/')),
        };
        let last_inbound = db::conversation::last_inbound(&self.db, conversation.id, channel.as_str()).await?;
        match channel {
            ChannelKind::Email => message.in_reply_to = last_inbound.and_then(|(_, id)| id).map(|id| format!("<{id}>")),
            ChannelKind::WhatsApp => {
                let open = last_inbound.is_some_and(|(at, _)| self.clock.now() - at < crate::backend::channel::whatsapp::SERVICE_WINDOW);
                message.template_only = !open;
            }
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

    async fn deliver(&self, row: db::notification::ClaimedRow) -> Result<Outcome, Error> {
        let Some(channel) = ChannelKind::parse(&row.channel) else {
            db::notification::mark_failed(&self.db, row.id, None, "unknown channel").await?;
            return Ok(Outcome::Failed);
        };
        let message = match self.compose(&row, channel).await? {
            Ok(message) => message,
            Err(reason) => {
                db::notification::mark_failed(&self.db, row.id, None, reason).await?;
                self.delivery_of(&row, Delivery::Failed, None).await?;
                return Ok(Outcome::Failed);
            }
        };
        match self.outbound.send(message).await {
            Ok(sent) => {
                db::notification::mark_sent(&self.db, row.id, self.clock.now()).await?;
                self.delivery_of(&row, Delivery::Sent, sent.provider_id.as_deref()).await?;
                Ok(Outcome::Sent)
            }
            Err(error) => {
                let give_up = error.is_permanent() || row.attempts >= MAX_ATTEMPTS;
                let next = (!give_up).then(|| self.clock.now() + backoff(row.attempts));
                tracing::warn!(notification.id = %row.id, attempts = row.attempts, give_up, error = %error, "notification not delivered");
                db::notification::mark_failed(&self.db, row.id, next, &error.to_string()).await?;
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
    async fn delivery_of(&self, row: &db::notification::ClaimedRow, delivery: Delivery, provider_id: Option<&str>) -> Result<(), Error> {
        if let Some(message) = row.message_id {
            db::conversation::advance_delivery(&self.db, db::conversation::DeliveryKey::Message(message), delivery.code(), delivery.rank(), provider_id).await?;
        }
        Ok(())
    }

    /// Delivers until `shutdown` resolves: at once when woken, otherwise every `interval`.
    pub async fn run(self: Arc<Self>, interval: StdDuration, shutdown: impl std::future::Future<Output = ()>) {
        tokio::pin!(shutdown);
        loop {
            if let Err(error) = self.deliver_due().await {
                tracing::warn!(error = %crate::backend::error::error_chain(&error), "notification round failed");
            }
            tokio::select! {
                _ = &mut shutdown => return,
                _ = self.wake.notified() => {}
                _ = tokio::time::sleep(interval) => {}
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sender() -> Sender {
        Sender { municipality: "Gemeente Voorbeeld".into(), public_url: "https://loket.example.nl/".into() }
    }

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
        let (_, text, html) = render(&sender(), ChannelKind::Email, VERIFICATION_CODE, "nl", r#"{"code":"012345"}"#).unwrap();
        assert!(text.contains("012345") && html.contains("012345"));
        assert!(text.contains("15 minuten"));
        assert_eq!(render(&sender(), ChannelKind::Email, VERIFICATION_CODE, "nl", "{}"), None);
        assert_eq!(render(&sender(), ChannelKind::Email, "unknown", "nl", "{}"), None);
    }

    #[test]
    fn html_escapes_what_it_is_given() {
        let odd = Sender { municipality: "<b>Gemeente</b>".into(), public_url: "https://x.nl".into() };
        let (_, _, html) = render(&odd, ChannelKind::Email, CASE_CHANGED, "nl", "{}").unwrap();
        assert!(!html.contains("<b>Gemeente</b>") && html.contains("&#60;b&#62;Gemeente") || html.contains("&lt;b&gt;Gemeente"), "{html}");
    }

    #[test]
    fn addresses_are_checked() {
        assert_eq!(valid_address("  jan@example.nl ").unwrap(), "jan@example.nl");
        for (input, code) in [
            ("", FieldErrorCode::Missing),
            ("jan", FieldErrorCode::Invalid),
            ("jan@localhost", FieldErrorCode::Invalid),
            ("jan@@example.nl", FieldErrorCode::Invalid),
        ] {
            match valid_address(input) {
                Err(Error::Validation(fields)) => assert_eq!(fields[0].code, code, "{input}"),
                other => panic!("{input}: {other:?}"),
            }
        }
        let long = format!("{}@example.nl", "a".repeat(250));
        assert!(matches!(valid_address(&long), Err(Error::Validation(f)) if f[0].code == FieldErrorCode::TooLong));
    }

    #[test]
    fn codes_are_six_digits_and_hashes_depend_on_the_resident() {
        for _ in 0..100 {
            let code = new_code();
            assert!(code.len() == 6 && code.bytes().all(|b| b.is_ascii_digit()), "{code}");
        }
        let a = ResidentId(uuid::Uuid::from_u128(1));
        let b = ResidentId(uuid::Uuid::from_u128(2));
        assert_ne!(hash_code(a, "123456"), hash_code(b, "123456"));
        assert_eq!(hash_code(a, "123456"), hash_code(a, "123456"));
    }

    #[test]
    fn backoff_grows_then_stays() {
        assert_eq!(backoff(1), Duration::minutes(1));
        assert_eq!(backoff(2), Duration::minutes(5));
        assert_eq!(backoff(5), Duration::minutes(240));
        assert_eq!(backoff(9), Duration::minutes(240));
    }
}
