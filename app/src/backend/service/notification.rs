//! Notices to residents: where they want them (an e-mail address they
//! confirmed with a code), what they say (only that something changed,
//! with a link: no personal data, no case content), and their delivery.
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
use crate::model::{ids::ResidentId, notification::NotificationSetting};

/// "Something changed in Mijn omgeving": a case's status, a new document.
pub const CASE_CHANGED: &str = "case_changed";
/// "You have a new message in Mijn omgeving": a reply from staff.
pub const MESSAGE_RECEIVED: &str = "message_received";
/// The code that confirms a new address.
pub const VERIFICATION_CODE: &str = "verification_code";

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

const EMAIL: &str = "email";

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
    Ok(match db::contact_address::find(db, resident, EMAIL).await? {
        None => NotificationSetting::Off,
        Some(row) if row.verified_at.is_some() => NotificationSetting::Email { address: row.address },
        Some(row) => NotificationSetting::AwaitingCode { address: row.address },
    })
}

fn field(name: &str, code: FieldErrorCode) -> Error {
    Error::Validation(vec![FieldError { field: name.into(), code }])
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

/// Sets a new address for notices and mails a code to confirm it. Until it
/// is confirmed, nothing else is sent there.
pub async fn request_code(db: &Db, resident: ResidentId, input: &str, lang: Lang, now: OffsetDateTime) -> Result<(), Error> {
    let address = valid_address(input)?;
    let recent = db::notification::count_since(db, resident, VERIFICATION_CODE, now - Duration::hours(1)).await?;
    if recent >= MAX_CODES_PER_HOUR {
        return Err(Error::RateLimited);
    }
    let code = new_code();
    let mut tx = db.begin().await?;
    let new = db::contact_address::NewCode {
        resident_id: resident,
        channel: EMAIL,
        address: &address,
        language: lang.code(),
        code_hash: &hash_code(resident, &code),
        code_expires_at: now + Duration::minutes(CODE_MINUTES),
    };
    db::contact_address::set_unverified(&mut tx, &new, now).await?;
    let params = serde_json::json!({ "code": code }).to_string();
    let notice = db::notification::NewNotification {
        resident_id: Some(resident),
        channel: EMAIL,
        address: &address,
        language: lang.code(),
        template: VERIFICATION_CODE,
        params: &params,
    };
    db::notification::insert(&mut tx, &notice, now).await?;
    tx.commit().await?;
    Ok(())
}

/// Confirms the address with the code from the mail.
pub async fn confirm_code(db: &Db, resident: ResidentId, input: &str, now: OffsetDateTime) -> Result<(), Error> {
    let code: String = input.chars().filter(|c| !c.is_whitespace()).collect();
    if code.is_empty() {
        return Err(field("code", FieldErrorCode::Missing));
    }
    if code.len() != 6 || !code.bytes().all(|b| b.is_ascii_digit()) {
        return Err(field("code", FieldErrorCode::Invalid));
    }
    let row = db::contact_address::find(db, resident, EMAIL).await?.ok_or(Error::NotFound)?;
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

/// Stops notices by e-mail: forgets the address and drops what was not sent yet.
pub async fn stop(db: &Db, resident: ResidentId) -> Result<(), Error> {
    db::notification::delete_waiting(db, resident, EMAIL).await?;
    db::contact_address::delete(db, resident, EMAIL).await?;
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

/// What every notice may say about its sender.
#[derive(Clone, Debug)]
pub struct Sender {
    /// "Gemeente Voorbeeld".
    pub municipality: String,
    /// Where residents log in, e.g. `https://loket.gemeente.nl`.
    pub public_url: String,
}

/// Subject, text and HTML of a notice; `None` for a template or parameters we do not know.
pub fn render(sender: &Sender, template: &str, language: &str, params: &str) -> Option<(String, String, String)> {
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
                let Some((subject, body, html)) = render(&self.sender, &row.template, &row.language, &row.params) else {
                    tracing::error!(notification.id = %row.id, template = %row.template, "notification cannot be rendered");
                    db::notification::mark_failed(&self.db, row.id, None, "cannot be rendered").await?;
                    round.failed += 1;
                    continue;
                };
                let channel = ChannelKind::parse(&row.channel).unwrap_or(ChannelKind::Email);
                // Contact on a channel other than the confirmed e-mail address is a consent purpose
                // (`contact-whatsapp`, `contact-sms`), checked at the moment of sending.
                if let (ChannelKind::Sms | ChannelKind::WhatsApp, Some(resident)) = (channel, row.resident_id) {
                    let purpose = format!("contact-{}", channel.as_str());
                    if !crate::backend::service::consent::may_use(&self.db, resident, &purpose, self.clock.now()).await? {
                        db::notification::mark_failed(&self.db, row.id, None, "no consent for this channel").await?;
                        round.failed += 1;
                        continue;
                    }
                }
                let message = OutboundMessage { id: row.id.0, channel, to: row.address, subject: Some(subject), body, html: Some(html) };
                match self.outbound.send(message).await {
                    Ok(()) => {
                        db::notification::mark_sent(&self.db, row.id, self.clock.now()).await?;
                        round.sent += 1;
                    }
                    Err(error) => {
                        let give_up = error.is_permanent() || row.attempts >= MAX_ATTEMPTS;
                        let next = (!give_up).then(|| self.clock.now() + backoff(row.attempts));
                        tracing::warn!(notification.id = %row.id, attempts = row.attempts, give_up, error = %error, "notification not delivered");
                        db::notification::mark_failed(&self.db, row.id, next, &error.to_string()).await?;
                        if give_up { round.failed += 1 } else { round.retried += 1 }
                    }
                }
            }
        }
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
        let (subject, text, html) = render(&sender(), CASE_CHANGED, "nl", "{}").unwrap();
        assert_eq!(subject, "Er is iets veranderd in Mijn omgeving");
        assert!(text.contains("https://loket.example.nl/mijn"), "{text}");
        assert!(html.contains("href=\"https://loket.example.nl/mijn\""), "{html}");
        assert!(html.contains("lang=\"nl\""));
        let (subject, text, _) = render(&sender(), CASE_CHANGED, "en", "{}").unwrap();
        assert_eq!(subject, "Something has changed in My environment");
        assert!(text.starts_with("There is new information"), "{text}");
    }

    #[test]
    fn a_new_message_links_to_the_messages() {
        let (subject, text, _) = render(&sender(), MESSAGE_RECEIVED, "nl", "{}").unwrap();
        assert_eq!(subject, "Je hebt een nieuw bericht in Mijn omgeving");
        assert!(text.starts_with("Er is een nieuw bericht voor je"), "{text}");
        assert!(text.contains("https://loket.example.nl/mijn/berichten"), "{text}");
    }

    #[test]
    fn verification_code_needs_its_code() {
        let (_, text, html) = render(&sender(), VERIFICATION_CODE, "nl", r#"{"code":"012345"}"#).unwrap();
        assert!(text.contains("012345") && html.contains("012345"));
        assert!(text.contains("15 minuten"));
        assert_eq!(render(&sender(), VERIFICATION_CODE, "nl", "{}"), None);
        assert_eq!(render(&sender(), "unknown", "nl", "{}"), None);
    }

    #[test]
    fn html_escapes_what_it_is_given() {
        let odd = Sender { municipality: "<b>Gemeente</b>".into(), public_url: "https://x.nl".into() };
        let (_, _, html) = render(&odd, CASE_CHANGED, "nl", "{}").unwrap();
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
