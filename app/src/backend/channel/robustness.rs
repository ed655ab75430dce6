//! Property tests for everything that reads what arrives from outside:
//! WhatsApp and Twilio payloads, raw mail, quoted-history stripping, call
//! events and phone numbers. Whatever the input, they answer (a value or a refusal)
//! and never panic; what they accept keeps its promises. The number of
//! cases comes from `PROPTEST_CASES` (default 512 per property; the note
//! of session 3 gives a longer run).

use proptest::prelude::*;

use super::{mail, phone, telephony, twilio, whatsapp};

fn cases() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(512);
    ProptestConfig { cases, ..ProptestConfig::default() }
}

/// A WhatsApp body of arbitrary shape around realistic pieces, so the
/// parser gets past the JSON check often.
fn whatsapp_body() -> impl Strategy<Value = Vec<u8>> {
    let piece = prop_oneof![
        Just(r#"{"object":"whatsapp_business_account","entry":[{"changes":[{"field":"messages","value":{"messages":[{"#.to_string()),
        Just(r#""id":"wamid.X","#.to_string()),
        Just(r#""from":"31612345678","#.to_string()),
        Just(r#""timestamp":"1749416383","#.to_string()),
        Just(r#""type":"text","text":{"body":"hoi"}"#.to_string()),
        Just(r#""type":"image","image":{"id":"1","mime_type":"image/jpeg"}"#.to_string()),
        Just(r#"}]}}]}]}"#.to_string()),
        Just(r#""statuses":[{"id":"w","status":"read","timestamp":"1"}]"#.to_string()),
        "\\PC{0,20}",
    ];
    prop::collection::vec(piece, 0..12).prop_map(|p| p.concat().into_bytes())
}

proptest! {
    #![proptest_config(cases())]

    #[test]
    fn whatsapp_parse_never_panics(body in whatsapp_body()) {
        if let Ok(events) = whatsapp::parse(&body) {
            for event in events {
                if let whatsapp::Event::Message(m) = event {
                    prop_assert!(m.from.starts_with('+'));
                    prop_assert!(!m.id.is_empty());
                }
            }
        }
    }

    #[test]
    fn whatsapp_parse_takes_any_bytes(body in prop::collection::vec(any::<u8>(), 0..512)) {
        let _ = whatsapp::parse(&body);
    }

    #[test]
    fn twilio_reads_any_form(body in "[A-Za-z%+=&0-9]{0,300}") {
        let pairs = twilio::form_pairs(body.as_bytes());
        if let Ok(sms) = twilio::inbound(&pairs) {
            prop_assert!(sms.from.starts_with('+'));
            prop_assert!(sms.body.chars().count() <= twilio::MAX_BODY_CHARS);
        }
        let _ = twilio::status(&pairs);
        prop_assert!(!twilio::signature_ok(b"token", "https://x", &pairs, Some(&body)));
    }

    #[test]
    fn mail_parse_never_panics(raw in prop::collection::vec(any::<u8>(), 0..2048)) {
        if let Ok(mail) = mail::parse(&raw, Some("mx.voorbeeld.example")) {
            prop_assert!(mail.from.contains('@'));
            prop_assert!(!mail.message_id.is_empty());
        }
    }

    #[test]
    fn mail_parse_handles_mangled_headers(headers in "[A-Za-z:<>@ .\r\n-]{0,400}", body in "\\PC{0,200}") {
        let raw = format!("{headers}\r\n\r\n{body}");
        let _ = mail::parse(raw.as_bytes(), Some("mx.voorbeeld.example"));
    }

    #[test]
    fn stripping_quotes_only_ever_shortens(text in "\\PC{0,40}(\n(> |Op |On |-- |Van: )?\\PC{0,40}){0,8}") {
        let stripped = mail::strip_quoted(&text);
        prop_assert!(stripped.len() <= text.len());
        prop_assert!(text.starts_with(stripped.trim_end()) || text.replace("\r\n", "\n").starts_with(stripped.trim_end()));
    }

    #[test]
    fn call_events_never_panic(event in "(start|end|ring)", id in "\\PC{0,10}", caller in "[+0-9 a-z]{0,14}", at in "(2026-11-23T09:00:00Z|\\PC{0,25})") {
        let body = serde_json::json!({ "event": event, "call_id": id, "caller": caller, "at": at }).to_string();
        if let Ok(telephony::CallEvent::Started { caller, .. }) = telephony::parse(body.as_bytes()) {
            prop_assert!(caller.starts_with('+'));
        }
    }

    #[test]
    fn phone_numbers_are_e164_and_stable(input in "[+0-9 ()-]{0,24}") {
        if let Some(number) = phone::normalize(&input, true) {
            prop_assert!(number.starts_with('+') && number[1..].bytes().all(|b| b.is_ascii_digit()));
            prop_assert!((9..=16).contains(&number.len()));
            prop_assert_eq!(phone::normalize(&number, false), Some(number.clone()));
        }
    }
}
