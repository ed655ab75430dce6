//! SMS through Twilio Programmable Messaging: the `X-Twilio-Signature`
//! check of its webhooks, reading an inbound SMS and a status callback,
//! and sending through its REST API.
//!
//! Twilio signs the URL as configured at Twilio followed by every POST
//! parameter, sorted by name, as name then value: all parameters, known
//! or not, so the form is read as a list of pairs and nothing is dropped.

use std::time::Duration;

use base64::Engine;
use hmac::{Hmac, Mac};
use serde::Deserialize;
use sha1::Sha1;

use super::{phone, ChannelError, ChannelKind, Outbound, OutboundMessage, SendFuture, Sent};
use crate::model::conversation::Delivery;

/// The form of a webhook request, as sent (form-urlencoded body).
pub fn form_pairs(body: &[u8]) -> Vec<(String, String)> {
    url::form_urlencoded::parse(body).into_owned().collect()
}

fn mac(auth_token: &[u8], url: &str, pairs: &[(String, String)]) -> Hmac<Sha1> {
    let mut sorted: Vec<&(String, String)> = pairs.iter().collect();
    sorted.sort_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()).then(a.1.as_bytes().cmp(b.1.as_bytes())));
    let mut mac = Hmac::<Sha1>::new_from_slice(auth_token).expect("HMAC takes any key length");
    mac.update(url.as_bytes());
    for (name, value) in sorted {
        mac.update(name.as_bytes());
        mac.update(value.as_bytes());
    }
    mac
}

/// Whether `header` is Twilio's signature of `url` and `pairs` with the auth token (checked in constant time).
pub fn signature_ok(auth_token: &[u8], url: &str, pairs: &[(String, String)], header: Option<&str>) -> bool {
    let Some(given) = header.and_then(|h| base64::engine::general_purpose::STANDARD.decode(h.trim()).ok()) else { return false };
    mac(auth_token, url, pairs).verify_slice(&given).is_ok()
}

/// The signature Twilio puts in `X-Twilio-Signature` (for tests and local tools that play Twilio).
pub fn sign(auth_token: &[u8], url: &str, pairs: &[(String, String)]) -> String {
    base64::engine::general_purpose::STANDARD.encode(mac(auth_token, url, pairs).finalize().into_bytes())
}

fn get<'a>(pairs: &'a [(String, String)], name: &str) -> Option<&'a str> {
    pairs.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InboundSms {
    /// `SM...`: the same on every redelivery.
    pub id: String,
    /// E.164.
    pub from: String,
    pub body: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StatusUpdate {
    pub id: String,
    pub delivery: Delivery,
    pub error_code: Option<i64>,
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("malformed Twilio request: {0}")]
pub struct Malformed(pub &'static str);

/// The longest SMS body Twilio delivers (it joins up to 10 segments).
pub const MAX_BODY_CHARS: usize = 1600;

fn sid(pairs: &[(String, String)]) -> Result<String, Malformed> {
    let id = get(pairs, "MessageSid").or_else(|| get(pairs, "SmsSid")).ok_or(Malformed("MessageSid"))?;
    let ok = (2..=64).contains(&id.len()) && id.bytes().all(|b| b.is_ascii_alphanumeric());
    ok.then(|| id.to_string()).ok_or(Malformed("MessageSid"))
}

/// An inbound SMS from the incoming-message webhook.
pub fn inbound(pairs: &[(String, String)]) -> Result<InboundSms, Malformed> {
    let id = sid(pairs)?;
    let from = get(pairs, "From").and_then(|f| phone::normalize(f, false)).ok_or(Malformed("From"))?;
    let body = get(pairs, "Body").ok_or(Malformed("Body"))?;
    if body.chars().count() > MAX_BODY_CHARS {
        return Err(Malformed("Body"));
    }
    Ok(InboundSms { id, from, body: body.to_string() })
}

/// A status callback; `None` for the intermediate states Loket does not show (queued, sending ...).
pub fn status(pairs: &[(String, String)]) -> Result<Option<StatusUpdate>, Malformed> {
    let id = sid(pairs)?;
    let status = get(pairs, "MessageStatus").or_else(|| get(pairs, "SmsStatus")).ok_or(Malformed("MessageStatus"))?;
    let delivery = match status {
        "sent" => Delivery::Sent,
        "delivered" => Delivery::Delivered,
        "read" => Delivery::Read,
        "failed" | "undelivered" => Delivery::Failed,
        "accepted" | "scheduled" | "queued" | "sending" | "canceled" | "receiving" | "received" | "partially_delivered" => return Ok(None),
        _ => return Err(Malformed("MessageStatus")),
    };
    let error_code = get(pairs, "ErrorCode").and_then(|c| c.parse().ok());
    Ok(Some(StatusUpdate { id, delivery, error_code }))
}

/// Sends through `POST {api_url}/2010-04-01/Accounts/{sid}/Messages.json`.
pub struct Twilio {
    client: reqwest::Client,
    /// `https://api.twilio.com`; tests point it at a local server.
    api_url: String,
    account_sid: String,
    auth_token: String,
    /// The sending number (E.164) or a Messaging Service SID (`MG...`).
    from: String,
    /// Where Twilio posts delivery reports (Loket's own webhook).
    status_callback: String,
}

impl Twilio {
    pub fn new(api_url: &str, account_sid: &str, auth_token: &str, from: &str, status_callback: &str) -> Twilio {
        let client = reqwest::Client::builder()
            .timeout(Duration::from_secs(20))
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .expect("a TLS client");
        Twilio {
            client,
            api_url: api_url.trim_end_matches('/').to_string(),
            account_sid: account_sid.to_string(),
            auth_token: auth_token.to_string(),
            from: from.to_string(),
            status_callback: status_callback.to_string(),
        }
    }
}

#[derive(Deserialize)]
struct Created {
    sid: String,
}

impl Outbound for Twilio {
    fn send(&self, message: OutboundMessage) -> SendFuture<'_> {
        Box::pin(async move {
            if message.channel != ChannelKind::Sms {
                return Err(ChannelError::NotConfigured(message.channel));
            }
            let url = format!("{}/2010-04-01/Accounts/{}/Messages.json", self.api_url, self.account_sid);
            let sender = if self.from.starts_with("MG") { "MessagingServiceSid" } else { "From" };
            let form = [("To", message.to.as_str()), (sender, self.from.as_str()), ("Body", message.body.as_str()), ("StatusCallback", self.status_callback.as_str())];
            let response = self
                .client
                .post(url)
                .basic_auth(&self.account_sid, Some(&self.auth_token))
                .form(&form)
                .send()
                .await
                .map_err(|e| ChannelError::unreachable("twilio", &e))?;
            let status = response.status();
            if status.is_success() {
                let created: Created = response.json().await.map_err(|_| ChannelError::Transient("twilio answer unreadable".into()))?;
                return Ok(Sent { provider_id: Some(created.sid) });
            }
            Err(ChannelError::answered("twilio", status))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A request from the fixtures: URL, raw body and the signature for auth token `12345`.
    fn fixture(json: &str) -> (String, Vec<u8>, String) {
        let v: serde_json::Value = serde_json::from_str(json).unwrap();
        let r = &v["request"];
        (r["url"].as_str().unwrap().into(), r["raw_body"].as_str().unwrap().as_bytes().to_vec(), r["headers"]["X-Twilio-Signature"].as_str().unwrap().into())
    }

    #[test]
    fn signature_matches_twilios_documented_example() {
        let pairs: Vec<(String, String)> = [("CallSid", "CA1234567890ABCDE"), ("Caller", "+12349013030"), ("Digits", "1234"), ("From", "+12349013030"), ("To", "+18005551212")]
            .into_iter()
            .map(|(k, v)| (k.into(), v.into()))
            .collect();
        let url = "https://mycompany.com/myapp.php?foo=1&bar=2";
        assert!(signature_ok(b"12345", url, &pairs, Some("0/KCTR6DLpKmkAf8muzZqo1nDgQ=")));
        assert!(!signature_ok(b"54321", url, &pairs, Some("0/KCTR6DLpKmkAf8muzZqo1nDgQ=")));
        assert!(!signature_ok(b"12345", "https://mycompany.com/myapp.php", &pairs, Some("0/KCTR6DLpKmkAf8muzZqo1nDgQ=")));
        assert!(!signature_ok(b"12345", url, &pairs[1..], Some("0/KCTR6DLpKmkAf8muzZqo1nDgQ=")));
        assert!(!signature_ok(b"12345", url, &pairs, None));
        assert!(!signature_ok(b"12345", url, &pairs, Some("not base64!")));
        assert_eq!(sign(b"12345", url, &pairs), "0/KCTR6DLpKmkAf8muzZqo1nDgQ=");
    }

    #[test]
    fn reads_an_inbound_sms_and_checks_its_signature() {
        let (url, body, signature) = fixture(include_str!("fixtures/twilio-inbound-sms.json"));
        let pairs = form_pairs(&body);
        assert!(signature_ok(b"12345", &url, &pairs, Some(&signature)));
        let sms = inbound(&pairs).unwrap();
        assert_eq!(sms.from, "+31612345678");
        assert_eq!(sms.id, "SM1f0e8ae6ade43cb3c0ce4525424e404f");
        assert!(sms.body.starts_with("Wanneer wordt mijn aanvraag"));
    }

    #[test]
    fn reads_status_callbacks() {
        for (json, expected, code) in [
            (include_str!("fixtures/twilio-status-delivered.json"), Delivery::Delivered, None),
            (include_str!("fixtures/twilio-status-undelivered.json"), Delivery::Failed, Some(30003)),
        ] {
            let (url, body, signature) = fixture(json);
            let pairs = form_pairs(&body);
            assert!(signature_ok(b"12345", &url, &pairs, Some(&signature)));
            let update = status(&pairs).unwrap().unwrap();
            assert_eq!((update.delivery, update.error_code), (expected, code));
        }
        let queued = form_pairs(b"MessageSid=SM1&MessageStatus=queued");
        assert_eq!(status(&queued), Ok(None));
        assert!(status(&form_pairs(b"MessageSid=SM1&MessageStatus=exploded")).is_err());
    }

    #[test]
    fn malformed_requests_are_refused() {
        for body in [&b""[..], b"From=%2B31612345678&Body=hoi", b"MessageSid=SM1&Body=hoi", b"MessageSid=SM1&From=abc&Body=hoi", b"MessageSid=S%20M&From=%2B31612345678&Body=x"] {
            assert!(inbound(&form_pairs(body)).is_err(), "{}", String::from_utf8_lossy(body));
        }
        let long = format!("MessageSid=SM1&From=%2B31612345678&Body={}", "a".repeat(MAX_BODY_CHARS + 1));
        assert_eq!(inbound(&form_pairs(long.as_bytes())), Err(Malformed("Body")));
    }
}
