//! Call events from the municipality's telephony platform (KCC
//! switchboard): a call started or ended, with the caller's number and
//! the agent who took it. Platforms differ in their own formats; they all
//! can post a webhook, so Loket takes one small JSON event, signed like
//! inbound mail (`X-Loket-Signature: sha256=<hex HMAC-SHA256 of the body>`):
//!
//! ```json
//! {"event":"start","call_id":"c-123","caller":"+31612345678","agent":"medewerker-sanne","at":"2026-11-23T09:00:00Z","queued_at":"2026-11-23T08:59:40Z"}
//! ```
//!
//! `agent` is the agent's login subject (the same as at Loket's staff
//! provider); `at` (the agent took the call) and the optional `queued_at`
//! (the call entered the queue: the service norm counts the wait) are
//! RFC 3339.

use serde::Deserialize;
use time::{format_description::well_known::Rfc3339, OffsetDateTime};

use super::phone;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CallEvent {
    Started { call_id: String, caller: String, agent: Option<String>, at: OffsetDateTime, queued_at: Option<OffsetDateTime> },
    Ended { call_id: String, at: OffsetDateTime },
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("malformed call event: {0}")]
pub struct Malformed(pub &'static str);

#[derive(Deserialize)]
struct Raw {
    event: String,
    call_id: String,
    caller: Option<String>,
    agent: Option<String>,
    at: String,
    queued_at: Option<String>,
}

pub fn parse(body: &[u8]) -> Result<CallEvent, Malformed> {
    let raw: Raw = serde_json::from_slice(body).map_err(|_| Malformed("not the event's JSON"))?;
    if raw.call_id.is_empty() || raw.call_id.len() > 200 || raw.call_id.chars().any(char::is_control) {
        return Err(Malformed("call_id"));
    }
    // In UTC, as every time Loket stores (SQLite compares times as text).
    let utc = |s: &str| OffsetDateTime::parse(s, &Rfc3339).map(|at| at.to_offset(time::UtcOffset::UTC));
    let at = utc(&raw.at).map_err(|_| Malformed("at"))?;
    let queued_at = raw.queued_at.as_deref().map(utc).transpose().map_err(|_| Malformed("queued_at"))?;
    match raw.event.as_str() {
        "start" => {
            let caller = raw.caller.as_deref().and_then(|c| phone::normalize(c, false)).ok_or(Malformed("caller"))?;
            let agent = raw.agent.map(|a| a.trim().to_string()).filter(|a| !a.is_empty() && a.len() <= 200);
            Ok(CallEvent::Started { call_id: raw.call_id, caller, agent, at, queued_at })
        }
        "end" => Ok(CallEvent::Ended { call_id: raw.call_id, at }),
        _ => Err(Malformed("event")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_start_and_end() {
        let start = parse(br#"{"event":"start","call_id":"c1","caller":"06-12345678","agent":"medewerker-sanne","at":"2026-11-23T09:00:00Z"}"#).unwrap();
        assert!(matches!(start, CallEvent::Started { ref caller, ref agent, queued_at: None, .. } if caller == "+31612345678" && agent.as_deref() == Some("medewerker-sanne")));
        let queued = parse(br#"{"event":"start","call_id":"c1","caller":"0612345678","at":"2026-11-23T09:00:00Z","queued_at":"2026-11-23T09:59:15+01:00"}"#).unwrap();
        assert!(matches!(queued, CallEvent::Started { at, queued_at: Some(q), .. } if (at - q).whole_seconds() == 45));
        let end = parse(br#"{"event":"end","call_id":"c1","at":"2026-11-23T09:05:00+01:00"}"#).unwrap();
        assert!(matches!(end, CallEvent::Ended { at, .. } if at.offset() == time::UtcOffset::UTC && at.hour() == 8));
    }

    #[test]
    fn refuses_what_is_not_an_event() {
        for body in [
            &br#"{}"#[..],
            br#"{"event":"start","call_id":"c1","caller":"anoniem","at":"2026-11-23T09:00:00Z"}"#,
            br#"{"event":"start","call_id":"","caller":"0612345678","at":"2026-11-23T09:00:00Z"}"#,
            br#"{"event":"ring","call_id":"c1","caller":"0612345678","at":"2026-11-23T09:00:00Z"}"#,
            br#"{"event":"end","call_id":"c1","at":"gisteren"}"#,
            br#"{"event":"start","call_id":"c1","caller":"0612345678","at":"2026-11-23T09:00:00Z","queued_at":"even"}"#,
        ] {
            assert!(parse(body).is_err(), "{}", String::from_utf8_lossy(body));
        }
    }
}
