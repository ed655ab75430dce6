//! Hand-over: a conversation that began on an open channel (e-mail,
//! WhatsApp, SMS, phone) continues securely in Mijn omgeving. Staff send a
//! one-time link; after DigiD login a page shows what it would bring in,
//! and when the resident takes it over the conversation becomes theirs.

use time::OffsetDateTime;

use crate::backend::{
    db::{self, Db},
    link_token,
    effect::Committed,
    auth::session::Staff,
    service::{contact_address, conversation, message::{self, Posted}},
    Error,
};
use crate::i18n::Lang;
use crate::model::conversation::{Channel, Direction, HandoverPreview};
use crate::model::ids::{ConversationId, ResidentId};

/// How long a hand-over link works.
pub const HANDOVER_HOURS: i64 = 24;

/// Staff offer to continue securely: a one-time link (valid for
/// [`HANDOVER_HOURS`]) goes out as a reply on the conversation's channel;
/// after DigiD login it brings the resident into this conversation.
pub async fn offer(db: &Db, staff: &Staff, conversation: ConversationId, public_url: &str, now: OffsetDateTime) -> Result<Committed<Posted>, Error> {
    conversation::for_staff(db, staff, conversation).await?;
    let token = link_token::new();
    let link = format!("{}{}", public_url.trim_end_matches('/'), crate::path::handover(&token));
    let body = format!(
        "Wil je verder in een beveiligde omgeving? Log dan in met DigiD via deze link: {link}\nJe komt dan in dit gesprek in Mijn omgeving. De link werkt {HANDOVER_HOURS} uur en één keer."
    );
    let mut tx = db.begin().await?;
    db::conversation::insert_handover(&mut tx, &link_token::hash(&token), conversation, now + time::Duration::hours(HANDOVER_HOURS), now).await?;
    tx.commit().await?;
    message::post_by_staff(db, staff, conversation, uuid::Uuid::new_v4(), &body, Direction::Out, now).await
}

fn well_formed(token: &str) -> Result<(), Error> {
    if !link_token::well_formed(token) {
        return Err(Error::NotFound);
    }
    Ok(())
}

/// What a hand-over link would bring into the resident's Mijn omgeving,
/// shown before they take it over. A used, expired, unknown or someone
/// else's link is `NotFound`; looking changes nothing.
pub async fn preview(db: &Db, resident: ResidentId, token: &str, lang: Lang, now: OffsetDateTime) -> Result<HandoverPreview, Error> {
    well_formed(token)?;
    let conversation = db::conversation::find_handover(db, &link_token::hash(token), now).await?.ok_or(Error::NotFound)?;
    let row = db::conversation::find_as_resident(db, conversation).await?.ok_or(Error::NotFound)?;
    if row.resident_id.is_some_and(|owner| owner != resident) {
        return Err(Error::NotFound);
    }
    let channel = Channel::from_code(&row.channel).ok_or(Error::Internal("a conversation has an unknown channel"))?;
    // What the resident will recognise: the last thing they sent, not the
    // municipality's own message with this link (which may share its time).
    let messages = db::conversation::messages(db, conversation, false).await?;
    let last_message = messages.into_iter().rev().find(|m| m.direction == "in").map(|m| m.body).or(row.last_body).unwrap_or_default();
    Ok(HandoverPreview { subject: row.subject, channel: channel.label(lang).to_string(), last_message })
}

/// The resident takes the conversation of a hand-over link over (a form
/// post from the page that said what it is): it becomes theirs (if it had
/// nobody yet) and they land in it. Its answers go to the portal from now
/// on, unless it came from an address this resident confirmed: whoever
/// wrote from an unconfirmed address does not get the resident's answers.
/// A used, expired, unknown or someone else's link is `NotFound`.
pub async fn take_over(db: &Db, resident: ResidentId, token: &str, now: OffsetDateTime) -> Result<ConversationId, Error> {
    well_formed(token)?;
    let mut tx = db.begin().await?;
    let conversation = db::conversation::use_handover(&mut tx, &link_token::hash(token), now).await?.ok_or(Error::NotFound)?;
    if !db::conversation::claim_for_resident(&mut tx, conversation, resident, now).await? {
        return Err(Error::NotFound);
    }
    let (channel, contact) = db::conversation::reply_of(&mut tx, conversation).await?.ok_or(Error::NotFound)?;
    let channel = Channel::from_code(&channel).ok_or(Error::Internal("a conversation has an unknown channel"))?;
    let confirmed = match &contact {
        Some(address) => contact_address::resident_with(&mut tx, channel, address).await? == Some(resident),
        None => false,
    };
    if !confirmed {
        db::conversation::set_reply(&mut tx, conversation, Channel::Portal.code(), None, now).await?;
    }
    tx.commit().await?;
    Ok(conversation)
}
