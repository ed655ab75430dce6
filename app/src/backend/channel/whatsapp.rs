//! WhatsApp Business Cloud API: the webhook's verification handshake, its
//! `X-Hub-Signature-256` check, reading its payloads (inbound messages and
//! status updates), and sending through the Graph API.
//!
//! The payload is read leniently (unknown fields and event kinds are
//! ignored, as Meta adds them without notice) but what Loket relies on is
//! required: a message without id, sender or timestamp is malformed.

use std::time::Duration;

use hmac::{Hmac, Mac};
use serde::Deserialize;
use sha2::Sha256;
use time::OffsetDateTime;

use super::{phone, ChannelError, ChannelKind, Outbound, OutboundMessage, SendFuture, Sent};
use crate::model::conversation::Delivery;

/// The 24-hour customer service window: after the resident's last message,
/// free text may be sent this long; after it only an approved template.
pub const SERVICE_WINDOW: time::Duration = time::Duration::hours(24);

/// Whether free text may still be sent: the resident's last WhatsApp
/// message (`last_inbound`) is less than [`SERVICE_WINDOW`] ago.
pub fn window_open(last_inbound: Option<time::OffsetDateTime>, now: time::OffsetDateTime) -> bool {
    last_inbound.is_some_and(|at| now - at < SERVICE_WINDOW)
}

/// The GET handshake: the challenge to echo when mode and token are right.
pub fn handshake<'a>(mode: Option<&str>, token: Option<&str>, challenge: Option<&'a str>, verify_token: &str) -> Option<&'a str> {
    let token_ok = token.is_some_and(|t| crate::backend::auth::constant_time_eq(t.as_bytes(), verify_token.as_bytes()));
    (mode == Some("subscribe") && token_ok && !verify_token.is_empty()).then_some(challenge?)
}

/// Whether `header` (`sha256=<hex>`) is the HMAC-SHA256 of the exact body with the app secret.
pub fn signature_ok(app_secret: &[u8], body: &[u8], header: Option<&str>) -> bool {
    let Some(hex) = header.and_then(|h| h.strip_prefix("sha256=")) else { return false };
    let Some(expected) = decode_hex(hex) else { return false };
    let mut mac = Hmac::<Sha256>::new_from_slice(app_secret).expect("HMAC takes any key length");
    mac.update(body);
    mac.verify_slice(&expected).is_ok()
}

fn decode_hex(hex: &str) -> Option<Vec<u8>> {
    if hex.len() != 64 {
        return None;
    }
    (0..hex.len()).step_by(2).map(|i| u8::from_str_radix(hex.get(i..i + 2)?, 16).ok()).collect()
}

/// One thing a webhook delivery tells.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Event {
    Message(InboundMessage),
    Status(StatusUpdate),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InboundMessage {
    /// `wamid....`: the same id on every redelivery.
    pub id: String,
    /// E.164 (`+31612345678`).
    pub from: String,
    pub at: OffsetDateTime,
    /// The text, or for media the caption and what kind of file it was.
    pub body: String,
    /// A media id to fetch from the Graph API (images, documents ...).
    pub media: Option<Media>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Media {
    pub id: String,
    pub mime_type: String,
    pub file_name: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StatusUpdate {
    /// The wamid Loket got back when it sent the message.
    pub id: String,
    pub delivery: Delivery,
    pub at: OffsetDateTime,
    /// Meta's error code on `failed` (e.g. 131047: outside the 24-hour window).
    pub error_code: Option<i64>,
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("malformed WhatsApp payload: {0}")]
pub struct Malformed(pub &'static str);

#[derive(Deserialize)]
struct Payload {
    object: String,
    #[serde(default)]
    entry: Vec<Entry>,
}

#[derive(Deserialize)]
struct Entry {
    #[serde(default)]
    changes: Vec<Change>,
}

#[derive(Deserialize)]
struct Change {
    field: String,
    #[serde(default)]
    value: Value,
}

#[derive(Deserialize, Default)]
struct Value {
    #[serde(default)]
    messages: Vec<RawMessage>,
    #[serde(default)]
    statuses: Vec<RawStatus>,
}

#[derive(Deserialize)]
struct RawMessage {
    id: String,
    from: String,
    timestamp: String,
    #[serde(rename = "type")]
    kind: String,
    text: Option<Text>,
    image: Option<RawMedia>,
    document: Option<RawMedia>,
    audio: Option<RawMedia>,
    video: Option<RawMedia>,
    sticker: Option<RawMedia>,
    button: Option<Button>,
}

#[derive(Deserialize)]
struct Text {
    body: String,
}

#[derive(Deserialize)]
struct Button {
    text: String,
}

#[derive(Deserialize)]
struct RawMedia {
    id: String,
    mime_type: Option<String>,
    caption: Option<String>,
    filename: Option<String>,
}

#[derive(Deserialize)]
struct RawStatus {
    id: String,
    status: String,
    timestamp: String,
    #[serde(default)]
    errors: Vec<RawError>,
}

#[derive(Deserialize)]
struct RawError {
    code: Option<i64>,
}

fn timestamp(s: &str) -> Result<OffsetDateTime, Malformed> {
    let seconds: i64 = s.parse().map_err(|_| Malformed("timestamp"))?;
    OffsetDateTime::from_unix_timestamp(seconds).map_err(|_| Malformed("timestamp"))
}

/// Reads a webhook body into its events, in the order they appear.
pub fn parse(body: &[u8]) -> Result<Vec<Event>, Malformed> {
    let payload: Payload = serde_json::from_slice(body).map_err(|_| Malformed("not the webhook's JSON"))?;
    if payload.object != "whatsapp_business_account" {
        return Err(Malformed("object"));
    }
    let mut events = Vec::new();
    for change in payload.entry.into_iter().flat_map(|e| e.changes).filter(|c| c.field == "messages") {
        for m in change.value.messages {
            if m.id.is_empty() || m.id.len() > 200 {
                return Err(Malformed("message id"));
            }
            let from = phone::normalize(&m.from, true).ok_or(Malformed("sender"))?;
            let at = timestamp(&m.timestamp)?;
            let media_part = match m.kind.as_str() {
                "image" => m.image,
                "document" => m.document,
                "audio" => m.audio,
                "video" => m.video,
                "sticker" => m.sticker,
                _ => None,
            };
            let (body, media) = match (m.kind.as_str(), m.text, m.button, media_part) {
                ("text", Some(text), _, _) => (text.body, None),
                ("button", _, Some(button), _) => (button.text, None),
                (_, _, _, Some(media)) => (
                    media.caption.clone().unwrap_or_default(),
                    Some(Media { id: media.id, mime_type: media.mime_type.unwrap_or_default(), file_name: media.filename }),
                ),
                ("text", None, _, _) => return Err(Malformed("text without body")),
                // Reactions, locations, contacts ...: said in words (Loket's stored texts are Dutch), so staff know something came.
                (other, ..) => (unsupported(other).to_string(), None),
            };
            events.push(Event::Message(InboundMessage { id: m.id, from, at, body, media }));
        }
        for s in change.value.statuses {
            let delivery = match s.status.as_str() {
                "sent" => Delivery::Sent,
                "delivered" => Delivery::Delivered,
                "read" => Delivery::Read,
                "failed" => Delivery::Failed,
                _ => continue,
            };
            if s.id.is_empty() || s.id.len() > 200 {
                return Err(Malformed("status id"));
            }
            let at = timestamp(&s.timestamp)?;
            events.push(Event::Status(StatusUpdate { id: s.id, delivery, at, error_code: s.errors.first().and_then(|e| e.code) }));
        }
    }
    Ok(events)
}

/// Sends through the Cloud API: `POST {api_url}/{phone_number_id}/messages`.
pub struct WhatsApp {
    client: reqwest::Client,
    /// e.g. `https://graph.facebook.com/v23.0`; tests point it at a local server.
    api_url: String,
    phone_number_id: String,
    access_token: String,
    /// The approved template that says "there is a new message for you in
    /// Mijn omgeving" (no personal data), for outside the 24-hour window.
    template: String,
    /// Its language, e.g. `nl`.
    template_language: String,
}

impl WhatsApp {
    pub fn new(api_url: &str, phone_number_id: &str, access_token: &str, template: &str, template_language: &str) -> WhatsApp {
        let client = reqwest::Client::builder()
            .timeout(Duration::from_secs(20))
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .expect("a TLS client");
        WhatsApp {
            client,
            api_url: api_url.trim_end_matches('/').to_string(),
            phone_number_id: phone_number_id.to_string(),
            access_token: access_token.to_string(),
            template: template.to_string(),
            template_language: template_language.to_string(),
        }
    }

    fn body(&self, message: &OutboundMessage) -> serde_json::Value {
        let to = message.to.trim_start_matches('+');
        match message.template_only {
            true => serde_json::json!({
                "messaging_product": "whatsapp", "to": to, "type": "template",
                "template": { "name": self.template, "language": { "code": self.template_language } }
            }),
            false => serde_json::json!({
                "messaging_product": "whatsapp", "recipient_type": "individual", "to": to, "type": "text",
                "text": { "preview_url": false, "body": message.body }
            }),
        }
    }
}

#[derive(Deserialize)]
struct MediaInfo {
    url: String,
}

/// A media file larger than this is not fetched (Loket keeps attachments up to 10 MB).
pub const MAX_MEDIA_BYTES: usize = 10 * 1024 * 1024;

impl WhatsApp {
    /// Fetches an inbound media file: its short-lived URL from the Graph
    /// API, then the file itself, both with the access token.
    pub async fn fetch_media(&self, media_id: &str) -> Result<Vec<u8>, ChannelError> {
        let transient = |what: &str| ChannelError::Transient(format!("whatsapp media {what}"));
        // A 4xx (other than throttling) will not change on a retry: the media is gone or not ours.
        let failed = |what: &str, status: reqwest::StatusCode| {
            let what = format!("whatsapp media {what} {}", status.as_u16());
            if status.is_client_error() && status != reqwest::StatusCode::TOO_MANY_REQUESTS { ChannelError::Rejected(what) } else { ChannelError::Transient(what) }
        };
        if media_id.is_empty() || !media_id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-') {
            return Err(ChannelError::Rejected("whatsapp media id".into()));
        }
        let info = self.client.get(format!("{}/{media_id}", self.api_url)).bearer_auth(&self.access_token).send().await.map_err(|_| transient("lookup"))?;
        if !info.status().is_success() {
            return Err(failed("lookup", info.status()));
        }
        let info: MediaInfo = info.json().await.map_err(|_| transient("lookup unreadable"))?;
        let mut file = self.client.get(info.url).bearer_auth(&self.access_token).send().await.map_err(|_| transient("download"))?;
        if !file.status().is_success() {
            return Err(failed("download", file.status()));
        }
        let mut bytes = Vec::new();
        while let Some(chunk) = file.chunk().await.map_err(|_| transient("download"))? {
            bytes.extend_from_slice(&chunk);
            if bytes.len() > MAX_MEDIA_BYTES {
                return Err(ChannelError::Rejected("whatsapp media too large".into()));
            }
        }
        Ok(bytes)
    }
}

#[derive(Deserialize)]
struct SendAnswer {
    #[serde(default)]
    messages: Vec<SentId>,
}

#[derive(Deserialize)]
struct SentId {
    id: String,
}

impl Outbound for WhatsApp {
    fn send(&self, message: OutboundMessage) -> SendFuture<'_> {
        Box::pin(async move {
            if message.channel != ChannelKind::WhatsApp {
                return Err(ChannelError::NotConfigured(message.channel));
            }
            let url = format!("{}/{}/messages", self.api_url, self.phone_number_id);
            let response = self
                .client
                .post(url)
                .bearer_auth(&self.access_token)
                .json(&self.body(&message))
                .send()
                .await
                .map_err(|e| ChannelError::unreachable("whatsapp", &e))?;
            let status = response.status();
            if status.is_success() {
                let answer: SendAnswer = response.json().await.map_err(|_| ChannelError::Transient("whatsapp answer unreadable".into()))?;
                let id = answer.messages.into_iter().next().map(|m| m.id).ok_or(ChannelError::Transient("whatsapp answer without id".into()))?;
                return Ok(Sent { provider_id: Some(id) });
            }
            Err(ChannelError::answered("whatsapp", status))
        })
    }
}

/// What a WhatsApp message of a kind Loket does not show is stored as.
fn unsupported(kind: &str) -> &'static str {
    match kind {
        "location" => "[Locatie gedeeld via WhatsApp]",
        "reaction" => "[Reactie met een emoji via WhatsApp]",
        "contacts" => "[Contactgegevens gedeeld via WhatsApp]",
        _ => "[WhatsApp-bericht dat Loket niet kan tonen]",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn free_text_only_within_a_day_of_the_residents_last_message() {
        let now = time::macros::datetime!(2026-11-23 12:00 UTC);
        assert!(window_open(Some(now - time::Duration::hours(23)), now));
        assert!(!window_open(Some(now - time::Duration::hours(24)), now));
        assert!(!window_open(None, now));
    }

    const TEXT: &[u8] = include_bytes!("fixtures/whatsapp-inbound-text.json");
    const IMAGE: &[u8] = include_bytes!("fixtures/whatsapp-inbound-image.json");
    const FAILED: &[u8] = include_bytes!("fixtures/whatsapp-status-failed.json");
    const READ: &[u8] = include_bytes!("fixtures/whatsapp-status-read.json");

    #[test]
    fn a_location_or_reaction_is_stored_in_words_not_as_its_kind() {
        let body = |kind: &str| {
            format!(r#"{{"object":"whatsapp_business_account","entry":[{{"id":"1","changes":[{{"field":"messages","value":{{"messaging_product":"whatsapp","metadata":{{"display_phone_number":"1","phone_number_id":"2"}},"messages":[{{"from":"31612345678","id":"wamid.{kind}","timestamp":"1764000000","type":"{kind}"}}]}}}}]}}]}}"#)
        };
        for (kind, words) in [("location", "[Locatie gedeeld via WhatsApp]"), ("reaction", "[Reactie met een emoji via WhatsApp]"), ("order", "[WhatsApp-bericht dat Loket niet kan tonen]")] {
            match parse(body(kind).as_bytes()).unwrap().pop() {
                Some(Event::Message(m)) => assert_eq!(m.body, words, "{kind}"),
                _ => panic!("{kind}: no message"),
            }
        }
    }

    #[test]
    fn signature_matches_metas_test_vectors() {
        let secret = b"appsecret123";
        let body = br#"{"object":"whatsapp_business_account","entry":[]}"#;
        let good = "sha256=5f5d4ae685e6c323ebea2d5a7d58ac41acf4344a54bae38373a09987238e8198";
        assert!(signature_ok(secret, body, Some(good)));
        assert!(!signature_ok(b"other", body, Some(good)));
        assert!(!signature_ok(secret, b"{}", Some(good)));
        assert!(!signature_ok(secret, body, None));
        assert!(!signature_ok(secret, body, Some("sha1=abc")));
        assert!(!signature_ok(secret, body, Some("sha256=zz")));
        // Meta signs the escaped bytes; the re-encoded UTF-8 does not match.
        let escaped = br#"{"text":{"body":"Caf\u00e9"}}"#;
        assert!(signature_ok(secret, escaped, Some("sha256=2f950dd9f5184956267634e4f83e917363a827d61bea44f2100f9b9ceddaa918")));
        assert!(!signature_ok(secret, "{\"text\":{\"body\":\"Café\"}}".as_bytes(), Some("sha256=2f950dd9f5184956267634e4f83e917363a827d61bea44f2100f9b9ceddaa918")));
    }

    #[test]
    fn handshake_echoes_the_challenge_only_for_the_right_token() {
        assert_eq!(handshake(Some("subscribe"), Some("geheim"), Some("1158201444"), "geheim"), Some("1158201444"));
        assert_eq!(handshake(Some("subscribe"), Some("fout"), Some("1158201444"), "geheim"), None);
        assert_eq!(handshake(Some("unsubscribe"), Some("geheim"), Some("1"), "geheim"), None);
        assert_eq!(handshake(Some("subscribe"), None, Some("1"), "geheim"), None);
        assert_eq!(handshake(Some("subscribe"), Some(""), Some("1"), ""), None, "an unset token never matches");
    }

    #[test]
    fn reads_metas_example_text_message() {
        let events = parse(TEXT).unwrap();
        let Event::Message(m) = &events[0] else { panic!("{events:?}") };
        assert_eq!(m.from, "+16505551234");
        assert_eq!(m.body, "Does it come in another color?");
        assert_eq!(m.at.unix_timestamp(), 1749416383);
        assert!(m.id.starts_with("wamid."));
    }

    #[test]
    fn reads_images_and_statuses() {
        let events = parse(IMAGE).unwrap();
        let Event::Message(m) = &events[0] else { panic!("{events:?}") };
        assert!(m.media.as_ref().is_some_and(|media| media.mime_type.starts_with("image/")), "{m:?}");
        let events = parse(FAILED).unwrap();
        assert!(matches!(&events[0], Event::Status(s) if s.delivery == Delivery::Failed && s.error_code == Some(131026)), "{events:?}");
        let events = parse(READ).unwrap();
        assert!(matches!(&events[0], Event::Status(s) if s.delivery == Delivery::Read), "{events:?}");
    }

    #[test]
    fn malformed_payloads_are_refused() {
        for body in [
            &b"not json"[..],
            br#"{"object":"page","entry":[]}"#,
            br#"{"object":"whatsapp_business_account","entry":[{"changes":[{"field":"messages","value":{"messages":[{"id":"w1","from":"abc","timestamp":"1","type":"text","text":{"body":"x"}}]}}]}]}"#,
            br#"{"object":"whatsapp_business_account","entry":[{"changes":[{"field":"messages","value":{"messages":[{"id":"w1","from":"31612345678","timestamp":"soon","type":"text","text":{"body":"x"}}]}}]}]}"#,
            br#"{"object":"whatsapp_business_account","entry":[{"changes":[{"field":"messages","value":{"messages":[{"id":"w1","from":"31612345678","timestamp":"1","type":"text"}]}}]}]}"#,
        ] {
            assert!(parse(body).is_err(), "{}", String::from_utf8_lossy(body));
        }
        // Other fields are not ours to read, and are no error.
        assert_eq!(parse(br#"{"object":"whatsapp_business_account","entry":[{"changes":[{"field":"account_update","value":{}}]}]}"#), Ok(vec![]));
    }
}
