//! Messages that arrive on a provider's channel (e-mail, WhatsApp, SMS)
//! and the delivery reports about messages Loket sent there.
//!
//! Rules kept here:
//! - **Once.** A message is keyed by the provider's id: a redelivery, a
//!   retry or a replayed webhook finds it stored and adds nothing.
//! - **The right thread.** The sender is the resident who confirmed that
//!   address, and only when the channel proves the address: WhatsApp
//!   does, e-mail when the municipality's gateway says DMARC passed, an
//!   SMS number never (it can be spoofed). Otherwise an unidentified
//!   contact; when the address is a resident's all the same, staff see
//!   the message marked "afzender niet geverifieerd" or "nummer herkend,
//!   niet geverifieerd" and check who it is. An e-mail that answers one of
//!   our mails goes into that mail's conversation when it comes from that
//!   conversation's address (our Message-ID reached only that mailbox).
//!   Otherwise the message continues the open conversation with this
//!   address, or starts one, with the team the routing rules choose.
//! - **In order.** A message keeps the provider's time, so a late or
//!   out-of-order delivery still lands in its place in the thread.
//! - **Nothing lost.** An attachment Loket does not accept is named in the
//!   message instead of refusing the message.
//! - **A score is no question.** A digit from 1 to 5 on WhatsApp or SMS,
//!   just after the satisfaction question went to that number, is its
//!   answer (see `satisfaction`), not a new conversation.

use time::OffsetDateTime;

use crate::backend::{
    db::{self, Db},
    effect::{Committed, Effects},
    service::{
        contact_address,
        conversation::{self, NewThread},
        message::{self, Posted, Record},
        routing, satisfaction,
        upload::{self, Upload},
    },
    storage::DocumentStorage,
    Error,
};
use crate::model::conversation::{Channel, ConversationStatus, Delivery, Direction, SenderCheck};
use crate::model::ids::{ConversationId, MessageId, NoticeId};

/// The longest inbound text kept whole (a long mail); the rest is cut with a mark.
pub const MAX_INBOUND_CHARS: usize = 20_000;
/// The longest subject made from a message's first words.
const SUBJECT_CHARS: usize = 60;

/// A message as a channel delivered it, already checked and parsed.
pub struct Arrival<'a> {
    pub channel: Channel,
    /// The provider's id of the message: the same on every redelivery.
    pub provider_id: &'a str,
    /// E-mail address (lower case) or E.164 number.
    pub from: &'a str,
    /// E-mail's subject; other channels have none.
    pub subject: Option<&'a str>,
    pub body: &'a str,
    /// When the provider says it was sent.
    pub at: OffsetDateTime,
    /// E-mail: the Message-IDs it answers.
    pub answers: &'a [String],
    /// The channel proves the sender owns `from` (WhatsApp; e-mail with a
    /// DMARC pass from our gateway); never for SMS.
    pub sender_verified: bool,
    pub attachments: Vec<Upload>,
}

/// The client id of a provider's message: derived, so every redelivery has the same one.
pub fn client_id(channel: Channel, provider_id: &str) -> uuid::Uuid {
    const LOKET: uuid::Uuid = uuid::Uuid::from_u128(0x6c6f_6b65_742d_4000_8000_696e_626f_756e);
    uuid::Uuid::new_v5(&LOKET, format!("{}:{provider_id}", channel.code()).as_bytes())
}

fn subject_of(arrival: &Arrival<'_>) -> String {
    let from_subject = arrival.subject.map(str::trim).filter(|s| !s.is_empty()).map(|s| s.chars().take(conversation::MAX_SUBJECT_CHARS).collect::<String>());
    from_subject.unwrap_or_else(|| {
        let first: String = arrival.body.split_whitespace().collect::<Vec<_>>().join(" ").chars().take(SUBJECT_CHARS).collect();
        if first.is_empty() { format!("{}-bericht", arrival.channel.label(crate::i18n::Lang::Nl)) } else { first }
    })
}

/// The notification id in one of our Message-IDs (`<uuid@domain>`).
fn our_notification(message_id: &str) -> Option<NoticeId> {
    message_id.split_once('@').and_then(|(local, _)| local.parse().ok()).map(NoticeId)
}

/// Whether this provider message was stored before (a redelivery).
pub async fn received_before(db: &Db, channel: Channel, provider_id: &str) -> Result<bool, Error> {
    Ok(message::repeat(db, client_id(channel, provider_id), None).await?.is_some())
}

/// Stores an arriving message in the right conversation, once. `new` is
/// false for a redelivery (nothing changed).
pub async fn receive(db: &Db, storage: &dyn DocumentStorage, mut arrival: Arrival<'_>, now: OffsetDateTime) -> Result<Committed<Posted>, Error> {
    let client_id = client_id(arrival.channel, arrival.provider_id);
    if let Some(earlier) = message::repeat(db, client_id, None).await? {
        return Ok(Committed::only(earlier));
    }
    // A digit answering the satisfaction question just sent here is its score, no new question.
    if let Some(conversation) = satisfaction::answer_by_reply(db, arrival.channel, arrival.from, arrival.body, now).await? {
        return Ok(Committed::only(Posted { conversation, message: MessageId(client_id), new: false }));
    }
    // Attachments Loket takes (type by content, size, count); the others are named in the text.
    let mut body: String = arrival.body.trim().chars().take(MAX_INBOUND_CHARS).collect();
    if arrival.body.trim().chars().count() > MAX_INBOUND_CHARS {
        body.push_str(" […]");
    }
    let mut accepted = Vec::new();
    for upload in std::mem::take(&mut arrival.attachments) {
        let fits = accepted.len() < upload::MAX_ATTACHMENTS && upload::checked(std::slice::from_ref(&upload)).is_ok();
        if fits {
            accepted.push(upload);
        } else {
            body.push_str(&format!("\n[Bijlage niet overgenomen: {}]", upload::clean_file_name(&upload.file_name)));
        }
    }
    if body.trim().is_empty() {
        body = if accepted.is_empty() { "[Leeg bericht]".into() } else { "[Bijlage]".into() };
    }
    let files = upload::checked(&accepted)?;
    // A provider's clock a little ahead of ours must not put the message in the future.
    let at = if arrival.at > now { now } else { arrival.at };
    // Everything read from the pool is read before the transaction: a transaction that waits
    // for a second connection of the pool it holds one of deadlocks once every connection is
    // held that way (many deliveries at once), until the pool's acquire timeout.
    let subject = subject_of(&arrival);
    let team = routing::route(db, arrival.channel, &format!("{subject}\n{body}"), None).await?;
    let answerable = answered_candidates(db, &arrival).await?;
    let stored = upload::store(storage, &files).await?;
    let mut posted = None;
    let result = async {
        let mut tx = db.begin().await?;
        db::conversation::lock_contact(&mut tx, arrival.from).await?;
        let owner = contact_address::owner_of(&mut tx, arrival.channel, arrival.from).await?;
        let resident = owner.filter(|_| arrival.sender_verified).map(|o| o.resident);
        let id = match answered_conversation(&answerable, &arrival, resident) {
            Some(id) => id,
            None => {
                let open = NewThread { subject: &subject, status: ConversationStatus::WaitingForMunicipality, team, channel: arrival.channel };
                conversation::open_for_contact(&mut tx, resident, arrival.from, open, at).await?
            }
        };
        let mut record = Record::new(id, client_id, arrival.channel, Direction::In, &body);
        record.provider_id = Some(arrival.provider_id);
        record.sender_check = match owner {
            Some(_) if resident.is_none() => Some(if arrival.channel == Channel::Email { SenderCheck::Unverified } else { SenderCheck::Recognised }),
            Some(owner) if owner.linked => Some(SenderCheck::Linked),
            _ => None,
        };
        if !message::insert_message(&mut tx, &record, &stored, at).await? {
            // Stored meanwhile by a delivery running at the same time.
            return Ok(());
        }
        // Answers go back where the resident wrote last.
        db::conversation::set_reply(&mut tx, id, arrival.channel.code(), Some(arrival.from), now).await?;
        db::conversation::touch(&mut tx, id, Some(ConversationStatus::WaitingForMunicipality.code()), None, now).await?;
        tx.commit().await?;
        posted = Some(Posted { conversation: id, message: record.id, new: true });
        Ok(())
    };
    upload::finish(storage, &stored, result.await).await?;
    match posted {
        Some(posted) => Ok(posted.announced(Effects::none())),
        None => {
            // Lost the race: the other delivery stored it (the files stored here are removed).
            upload::finish(storage, &stored, Err(Error::Conflict)).await.ok();
            Ok(Committed::only(message::repeat(db, client_id, None).await?.ok_or(Error::Conflict)?))
        }
    }
}

/// The conversation an e-mail answers: one of ours that it names in
/// `In-Reply-To`/`References`, when it comes from that conversation's
/// address (or its resident's confirmed one). A forwarded mail from
/// someone else starts its own thread.
fn answered_conversation(candidates: &[db::conversation::ConversationRow], arrival: &Arrival<'_>, resident: Option<crate::model::ids::ResidentId>) -> Option<ConversationId> {
    candidates.iter().find_map(|row| {
        let same_resident = resident.is_some() && row.resident_id == resident;
        // Our Message-ID went only to this conversation's address: its answer from there belongs here.
        let same_address = row.contact.as_deref() == Some(arrival.from);
        (same_resident || same_address).then_some(row.id)
    })
}

/// The conversations of ours an e-mail names in `In-Reply-To`/`References`, in that order.
async fn answered_candidates(db: &Db, arrival: &Arrival<'_>) -> Result<Vec<db::conversation::ConversationRow>, Error> {
    let mut rows = Vec::new();
    if arrival.channel != Channel::Email {
        return Ok(rows);
    }
    for id in arrival.answers.iter().filter_map(|a| our_notification(a)) {
        let Some(conversation) = db::notice::conversation_of(db, id).await? else { continue };
        if let Some(row) = db::conversation::find(db, conversation).await? {
            rows.push(row);
        }
    }
    Ok(rows)
}

/// A provider's report about a message Loket sent: moves its delivery
/// forward (never back); a report about a message we do not know is ignored.
pub async fn delivery_report(db: &Db, channel: Channel, provider_id: &str, delivery: Delivery) -> Result<bool, Error> {
    let key = db::conversation::DeliveryKey::Provider { channel: channel.code(), provider_id };
    Ok(db::conversation::advance_delivery(db, key, delivery.code(), delivery.rank(), None).await?)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Many deliveries at once each hold a connection in their transaction;
    /// none may wait for a second one from the same pool. With a pool of one
    /// connection, a delivery and a call each finish on the one they hold.
    async fn one_connection_is_enough(scratch: crate::backend::db::scratch::ScratchDb) {
        let now = time::macros::datetime!(2026-11-23 09:00 UTC);
        let db = Db::connect(&scratch.url(), 1).await.unwrap();
        crate::backend::service::seed::demo(&db, now).await.unwrap();
        let dir = std::env::temp_dir().join(format!("loket-pool-{}", uuid::Uuid::new_v4().simple()));
        let storage = crate::backend::storage::LocalDisk::new(dir.clone());
        let arrival = Arrival { channel: Channel::Sms, provider_id: "SM-pool", from: "+31612340000", subject: None, body: "Hallo", at: now, answers: &[], attachments: Vec::new(), sender_verified: false };
        let within = std::time::Duration::from_secs(3);
        let posted = tokio::time::timeout(within, receive(&db, &storage, arrival, now)).await.expect("no wait for a second connection").unwrap();
        assert!(posted.value.new);
        let call = crate::backend::service::phone_call::started(&db, "call-pool", "+31612340001", None, now, None, now);
        tokio::time::timeout(within, call).await.expect("no wait for a second connection").unwrap();
        db.close().await;
    }

    #[tokio::test]
    async fn a_delivery_needs_only_the_connection_it_holds_sqlite() {
        one_connection_is_enough(crate::backend::db::scratch::ScratchDb::sqlite().await).await;
    }

    #[tokio::test]
    async fn a_delivery_needs_only_the_connection_it_holds_postgres() {
        one_connection_is_enough(crate::backend::db::scratch::ScratchDb::postgres().await).await;
    }

    #[test]
    fn a_redelivery_has_the_same_client_id_and_channels_do_not_collide() {
        assert_eq!(client_id(Channel::WhatsApp, "wamid.1"), client_id(Channel::WhatsApp, "wamid.1"));
        assert_ne!(client_id(Channel::WhatsApp, "wamid.1"), client_id(Channel::Sms, "wamid.1"));
        assert_ne!(client_id(Channel::WhatsApp, "wamid.1"), client_id(Channel::WhatsApp, "wamid.2"));
    }

    #[test]
    fn only_our_message_ids_name_a_notification() {
        let id = uuid::Uuid::new_v4();
        assert_eq!(our_notification(&format!("{id}@voorbeeld.example")), Some(NoticeId(id)));
        assert_eq!(our_notification("CAF=x@mail.gmail.com"), None);
        assert_eq!(our_notification("no-at-sign"), None);
    }
}
