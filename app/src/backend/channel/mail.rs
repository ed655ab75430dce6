//! Inbound e-mail: the raw message (RFC 5322) the municipality's mail
//! gateway hands over, checked by its signature and read with
//! `mail-parser` (maintained, zero-copy, handles the MIME and header
//! encodings mail programs produce): sender, subject, the new text without
//! the quoted history, the Message-IDs it answers, and its attachments.
//!
//! Why a webhook and not an SMTP listener in Loket: the municipality's
//! inbound mail already passes a gateway that filters spam and viruses and
//! checks SPF, DKIM and DMARC; Loket nodes behind a load balancer should not
//! each be a public MX. Any gateway can hand a message over: Postfix pipes
//! it, hosted providers post it, and `script/mail-relay.py` is a small SMTP
//! relay that does it for a route of its own.

use hmac::{Hmac, Mac};
use mail_parser::{MessageParser, MimeHeaders};
use sha2::Sha256;

/// A message larger than this is refused (attachments are limited anyway).
pub const MAX_BYTES: usize = 40 * 1024 * 1024;

/// Whether `header` (`sha256=<hex>`) is the HMAC-SHA256 of the body with the shared secret.
pub fn signature_ok(secret: &[u8], body: &[u8], header: Option<&str>) -> bool {
    // The same scheme as WhatsApp's header, so one check serves both.
    super::whatsapp::signature_ok(secret, body, header)
}

/// `sha256=<hex>` for `body`: what a gateway puts in `X-Loket-Signature`.
pub fn sign(secret: &[u8], body: &[u8]) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret).expect("HMAC takes any key length");
    mac.update(body);
    let digest = mac.finalize().into_bytes();
    format!("sha256={}", digest.iter().map(|b| format!("{b:02x}")).collect::<String>())
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InboundMail {
    /// Without angle brackets: the same on every redelivery of this mail.
    pub message_id: String,
    /// Lower-cased address.
    pub from: String,
    pub subject: String,
    /// The new text, without the quoted history below it.
    pub body: String,
    /// Message-IDs this mail answers (`In-Reply-To`, then `References`), without angle brackets.
    pub answers: Vec<String>,
    pub attachments: Vec<MailAttachment>,
    /// The municipality's own mail gateway says DMARC passed for the
    /// `From` domain: only then does the sender count as that address.
    pub sender_verified: bool,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MailAttachment {
    pub file_name: String,
    pub bytes: Vec<u8>,
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("malformed mail: {0}")]
pub struct Malformed(pub &'static str);

fn ids(value: &mail_parser::HeaderValue<'_>) -> Vec<String> {
    value.as_text_list().map(|list| list.iter().map(|s| s.trim_matches(['<', '>', ' ']).to_string()).collect()).unwrap_or_default()
}

/// Reads a raw message. A message without sender or Message-ID is
/// malformed: without an id a redelivery could not be recognised.
/// Whether the topmost `Authentication-Results` header (RFC 8601), the one
/// the municipality's gateway added, names that gateway (`authserv_id`) and
/// says `dmarc=pass` for the domain of `from`. Headers further down came
/// from elsewhere and prove nothing; without a configured gateway nothing
/// is verified.
fn dmarc_passed(message: &mail_parser::Message<'_>, authserv_id: Option<&str>, from: &str) -> bool {
    let Some(authserv_id) = authserv_id.filter(|id| !id.is_empty()) else { return false };
    let Some((_, raw)) = message.headers_raw().find(|(name, _)| name.eq_ignore_ascii_case("authentication-results")) else { return false };
    let unfolded = raw.split(['\r', '\n']).map(str::trim).collect::<Vec<_>>().join(" ").to_lowercase();
    let mut parts = unfolded.split(';').map(str::trim);
    let named = parts.next().and_then(|first| first.split_whitespace().next()) == Some(&authserv_id.to_lowercase()[..]);
    let domain = from.rsplit_once('@').map(|(_, d)| d).unwrap_or_default();
    named
        && parts.any(|result| {
            let mut words = result.split_whitespace();
            words.next() == Some("dmarc=pass") && words.any(|w| w == format!("header.from={domain}"))
        })
}

pub fn parse(raw: &[u8], authserv_id: Option<&str>) -> Result<InboundMail, Malformed> {
    if raw.len() > MAX_BYTES {
        return Err(Malformed("too large"));
    }
    let message = MessageParser::default().parse(raw).ok_or(Malformed("not a mail message"))?;
    let message_id = message.message_id().map(|id| id.trim_matches(['<', '>', ' ']).to_string()).filter(|id| !id.is_empty() && id.len() <= 500);
    let message_id = message_id.ok_or(Malformed("Message-ID"))?;
    let from = message.from().and_then(|a| a.first()).and_then(|a| a.address()).ok_or(Malformed("From"))?;
    let from = from.trim().to_lowercase();
    if !from.contains('@') || from.len() > 254 {
        return Err(Malformed("From"));
    }
    let mut answers = ids(message.in_reply_to());
    for id in ids(message.references()).into_iter().rev() {
        if !answers.contains(&id) {
            answers.push(id);
        }
    }
    let text = message.body_text(0).map(|t| t.into_owned()).unwrap_or_default();
    let attachments = message
        .attachments()
        .filter(|part| !part.is_content_type("message", "rfc822"))
        .map(|part| MailAttachment { file_name: part.attachment_name().unwrap_or("bijlage").to_string(), bytes: part.contents().to_vec() })
        .collect();
    let sender_verified = dmarc_passed(&message, authserv_id, &from);
    Ok(InboundMail { message_id, from, subject: message.subject().unwrap_or("").trim().to_string(), body: strip_quoted(&text), answers, attachments, sender_verified })
}

/// The new part of a reply: everything above the first line that starts
/// the quoted history (`> ...`, "Op ... schreef ...:", "On ... wrote:",
/// an Outlook header block or a forwarded-message marker), and above the
/// signature marker `-- `. Trailing blank lines go too.
pub fn strip_quoted(text: &str) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let mut end = lines.len();
    for (i, line) in lines.iter().enumerate() {
        let trimmed = line.trim();
        let lower = trimmed.to_lowercase();
        let attribution = |start: &str, verb: &str| {
            // "Op <date> schreef <name> <address>:" / "On <date>, <name> wrote:", possibly wrapped onto the next line.
            let joined = match lines.get(i + 1) {
                Some(next) if !lower.ends_with(':') => format!("{lower} {}", next.trim().to_lowercase()),
                _ => lower.clone(),
            };
            lower.starts_with(start) && joined.ends_with(':') && joined.contains(verb)
        };
        let outlook = ["van:", "from:"].iter().any(|p| lower.starts_with(p))
            && lines.get(i + 1..(i + 4).min(lines.len())).is_some_and(|next| {
                next.iter().any(|l| ["verzonden:", "sent:", "datum:", "date:", "aan:", "to:"].iter().any(|p| l.trim().to_lowercase().starts_with(p)))
            });
        if trimmed.starts_with('>')
            || *line == "-- "
            || attribution("op ", " schreef")
            || attribution("on ", " wrote")
            || outlook
            || lower.starts_with("-----original message-----")
            || lower.starts_with("-----oorspronkelijk bericht-----")
            || lower.starts_with("---------- forwarded message")
        {
            end = i;
            break;
        }
    }
    let kept = lines[..end].join("\n");
    kept.trim_end().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_history_is_stripped() {
        let cases = [
            ("Dank je, dat helpt.\n\nOp 23 nov. 2026 om 10:00 schreef Gemeente Voorbeeld <noreply@voorbeeld.example>:\n> Je aanvraag is binnen.\n", "Dank je, dat helpt."),
            ("Thanks!\nOn Mon, 23 Nov 2026 at 10:00, Gemeente\nVoorbeeld <noreply@voorbeeld.example> wrote:\n> old", "Thanks!"),
            ("Prima.\n\nVan: Gemeente Voorbeeld\nVerzonden: maandag 23 november 2026 10:00\nAan: jan@example.nl\nOnderwerp: Re: vraag\n\nOud bericht", "Prima."),
            ("Hier is het.\n-- \nJan Jansen\n06-12345678", "Hier is het."),
            ("Eerste regel\n\nTweede regel\n\n\n", "Eerste regel\n\nTweede regel"),
            ("> alleen een citaat", ""),
            ("Van: mijn buurvrouw hoorde ik dat dit kan.", "Van: mijn buurvrouw hoorde ik dat dit kan."),
        ];
        for (input, expected) in cases {
            assert_eq!(strip_quoted(input), expected, "{input:?}");
        }
    }

    #[test]
    fn reads_a_reply_with_its_threading_headers_and_attachment() {
        let raw = "From: Jan Jansen <Jan@Example.NL>\r\nTo: vragen@voorbeeld.example\r\nSubject: Re: Je vraag\r\n\
            Message-ID: <abc@example.nl>\r\nIn-Reply-To: <n1@voorbeeld.example>\r\nReferences: <n0@voorbeeld.example> <n1@voorbeeld.example>\r\n\
            MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"b\"\r\n\r\n--b\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n\
            Hier is mijn antwoord.\r\n\r\nOp 23 nov. schreef Gemeente:\r\n> vraag\r\n--b\r\nContent-Type: application/pdf\r\n\
            Content-Disposition: attachment; filename=\"brief.pdf\"\r\nContent-Transfer-Encoding: base64\r\n\r\nJVBERi0xLjQK\r\n--b--\r\n";
        let mail = parse(raw.as_bytes(), None).unwrap();
        assert_eq!(mail.from, "jan@example.nl");
        assert_eq!(mail.message_id, "abc@example.nl");
        assert_eq!(mail.subject, "Re: Je vraag");
        assert_eq!(mail.body, "Hier is mijn antwoord.");
        assert_eq!(mail.answers, vec!["n1@voorbeeld.example".to_string(), "n0@voorbeeld.example".to_string()]);
        assert_eq!(mail.attachments.len(), 1);
        assert_eq!(mail.attachments[0].file_name, "brief.pdf");
        assert!(mail.attachments[0].bytes.starts_with(b"%PDF"));
    }

    #[test]
    fn a_spoofed_sender_counts_only_when_our_gateway_says_dmarc_passed() {
        let mail = |results: &str| {
            format!("{results}From: Jan <jan@example.nl>\r\nMessage-ID: <x@example.nl>\r\nSubject: Hoi\r\n\r\nTekst\r\n")
        };
        let gateway = Some("mx.voorbeeld.example");
        let pass = "Authentication-Results: mx.voorbeeld.example;\r\n dkim=pass header.d=example.nl;\r\n dmarc=pass (p=reject) header.from=example.nl\r\n";
        assert!(parse(mail(pass).as_bytes(), gateway).unwrap().sender_verified);
        for refused in [
            "",
            "Authentication-Results: mx.voorbeeld.example; dmarc=fail header.from=example.nl\r\n",
            "Authentication-Results: mx.voorbeeld.example; dmarc=pass header.from=elders.example\r\n",
            // Added by the sender itself, below ours or with another server's name.
            "Authentication-Results: mx.attacker.example; dmarc=pass header.from=example.nl\r\n",
            "Authentication-Results: mx.voorbeeld.example; dmarc=none header.from=example.nl\r\nAuthentication-Results: mx.voorbeeld.example; dmarc=pass header.from=example.nl\r\n",
        ] {
            assert!(!parse(mail(refused).as_bytes(), gateway).unwrap().sender_verified, "{refused}");
        }
        assert!(!parse(mail(pass).as_bytes(), None).unwrap().sender_verified, "no gateway configured: nothing verified");
    }

    #[test]
    fn a_mail_without_sender_or_id_is_malformed() {
        assert_eq!(parse(b"Subject: x\r\nMessage-ID: <a@b>\r\n\r\nhoi", None), Err(Malformed("From")));
        assert_eq!(parse(b"From: a@b.nl\r\nSubject: x\r\n\r\nhoi", None), Err(Malformed("Message-ID")));
        assert!(parse(b"", None).is_err());
    }

    #[test]
    fn signing_and_checking_agree() {
        let header = sign(b"geheim", b"raw mail");
        assert!(signature_ok(b"geheim", b"raw mail", Some(&header)));
        assert!(!signature_ok(b"geheim", b"raw mail!", Some(&header)));
        assert!(!signature_ok(b"anders", b"raw mail", Some(&header)));
    }
}
