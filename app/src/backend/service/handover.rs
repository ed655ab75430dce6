//! Hand-over: a conversation that began on an open channel (e-mail,
//! WhatsApp, SMS, phone) continues securely in Mijn omgeving. Staff send a
//! one-time link; after DigiD login it brings the resident into the
//! conversation, which becomes theirs.

use sha2::{Digest, Sha256};
use time::OffsetDateTime;

use crate::backend::{
    db::{self, Db},
    effect::Committed,
    auth::session::Staff,
    service::{conversation, message::{self, Posted}},
    Error,
};
use crate::model::conversation::Direction;
use crate::model::ids::{ConversationId, ResidentId};

/// How long a hand-over link works.
pub const HANDOVER_HOURS: i64 = 24;

fn token_hash(token: &str) -> String {
    Sha256::digest(token.as_bytes()).iter().map(|b| format!("{b:02x}")).collect()
}

/// Staff offer to continue securely: a one-time link (valid for
/// [`HANDOVER_HOURS`]) goes out as a reply on the conversation's channel;
/// after DigiD login it brings the resident into this conversation.
pub async fn offer(db: &Db, staff: &Staff, conversation: ConversationId, public_url: &str, now: OffsetDateTime) -> Result<Committed<Posted>, Error> {
    conversation::for_staff(db, staff, conversation).await?;
    let token = uuid::Uuid::new_v4().simple().to_string();
    let link = format!("{}{}", public_url.trim_end_matches('/'), crate::path::handover(&token));
    let body = format!(
        "Wil je verder in een beveiligde omgeving? Log dan in met DigiD via deze link: {link}\nJe komt dan in dit gesprek in Mijn omgeving. De link werkt {HANDOVER_HOURS} uur en één keer."
    );
    let mut tx = db.begin().await?;
    db::conversation::insert_handover(&mut tx, &token_hash(&token), conversation, now + time::Duration::hours(HANDOVER_HOURS), now).await?;
    tx.commit().await?;
    message::post_by_staff(db, staff, conversation, uuid::Uuid::new_v4(), &body, Direction::Out, now).await
}

/// The resident follows a hand-over link after logging in: the
/// conversation becomes theirs (if it had nobody yet) and they land in it.
/// A used, expired, unknown or someone else's link is `NotFound`.
pub async fn take_over(db: &Db, resident: ResidentId, token: &str, now: OffsetDateTime) -> Result<ConversationId, Error> {
    if token.len() != 32 || !token.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(Error::NotFound);
    }
    let mut tx = db.begin().await?;
    let conversation = db::conversation::use_handover(&mut tx, &token_hash(token), now).await?.ok_or(Error::NotFound)?;
    if !db::conversation::claim_for_resident(&mut tx, conversation, resident, now).await? {
        return Err(Error::NotFound);
    }
    tx.commit().await?;
    Ok(conversation)
}

