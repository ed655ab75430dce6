//! Messages: posting into a conversation, by the resident (a new
//! question or a reply, with attachments), by staff (a reply, which goes
//! out on the conversation's channel, or an internal note), a contact
//! staff record from the phone, the counter or a letter, and a message
//! the municipality sends on its own ([`inform`]).
//!
//! Rules kept here: posting is idempotent on the client's id (a repeat
//! returns the first result and adds nothing); bad input stores nothing;
//! a new message is announced to open pages after it committed.

use time::OffsetDateTime;

use crate::backend::{
    auth::session::Staff,
    db::{self, Db},
    effect::{Committed, Effects},
    live::LiveEvent,
    service::{
        contact_address,
        conversation::{self, CONTACT_HANDLING, MAX_SUBJECT_CHARS},
        notice::{self, Notice},
        processing_log::{self, Entry},
        publication,
        routing,
        upload::{checked, finish, store, Stored, Upload},
    },
    storage::DocumentStorage,
    Error,
};
use crate::error::FieldErrorCode;
use crate::model::conversation::{Channel, ConversationStatus, Delivery, Direction, SenderCheck};
use crate::model::processing_log::Category;
use crate::model::ids::{CaseId, ConversationId, MessageId, ResidentId, StaffId, TeamId};

pub const MAX_BODY_CHARS: usize = 5000;

/// What a new question holds.
pub struct Question<'a> {
    pub client_id: uuid::Uuid,
    pub subject: &'a str,
    pub body: &'a str,
    pub case: Option<CaseId>,
    pub attachments: &'a [Upload],
}

/// What posting a message did: the message and whether it is new (false for a repeat).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Posted {
    pub conversation: ConversationId,
    pub message: MessageId,
    pub new: bool,
}

impl Posted {
    /// A new message is announced to open pages (a repeat was announced the first time).
    pub(crate) fn announced(self, more: Effects) -> Committed<Posted> {
        let effects = if self.new { more.and(Effects::announce(LiveEvent::Message { conversation: self.conversation, message: self.message })) } else { Effects::none() };
        Committed::new(self, effects)
    }

    /// A repeat of a message posted before: nothing follows.
    fn repeated(self) -> Committed<Posted> {
        Committed::only(self)
    }
}

/// A resident asks a new question in the portal, optionally about one of
/// their cases (which then decides the team). A repeat of the same client
/// id returns the first result and adds nothing.
pub async fn ask(db: &Db, storage: &dyn DocumentStorage, resident: ResidentId, question: &Question<'_>, now: OffsetDateTime) -> Result<Committed<Posted>, Error> {
    if let Some(earlier) = repeat(db, question.client_id, Some(resident)).await? {
        return Ok(earlier.repeated());
    }
    let subject = Error::required_text("subject", question.subject, MAX_SUBJECT_CHARS)?;
    let body = Error::required_text("body", question.body, MAX_BODY_CHARS)?;
    let files = checked(question.attachments)?;
    // About a case: that case's team; otherwise the routing rules decide.
    let team = match question.case {
        Some(case) => db::case::team_for_resident(db, resident, case).await?.ok_or(Error::NotFound)?,
        None => routing::route(db, Channel::Portal, &format!("{subject}\n{body}"), None).await?,
    };
    // Answers go where the resident prefers, when they confirmed an address there.
    let (reply_channel, contact) = contact_address::preferred_reply(db, resident).await?;
    let conversation = ConversationId::new();
    let record = Record::new(conversation, question.client_id, Channel::Portal, Direction::In, &body);
    let message = record.id;
    let stored = store(storage, &files).await?;
    let result = async {
        let mut tx = db.begin().await?;
        let new = db::conversation::NewConversation {
            id: conversation,
            resident_id: Some(resident),
            subject: &subject,
            case_id: question.case,
            status: ConversationStatus::WaitingForMunicipality.code(),
            team_id: team,
            channel: reply_channel.code(),
            contact: contact.as_deref(),
        };
        db::conversation::insert(&mut tx, &new, now).await?;
        let inserted = insert_message(&mut tx, &record, &stored, now).await?;
        if !inserted {
            return Err(Error::Conflict);
        }
        tx.commit().await?;
        Ok(())
    };
    finish(storage, &stored, result.await).await?;
    Ok(Posted { conversation, message, new: true }.announced(Effects::none()))
}

/// The resident replies in one of their conversations (a closed one opens again).
pub async fn reply_by_resident(
    db: &Db,
    storage: &dyn DocumentStorage,
    resident: ResidentId,
    conversation: ConversationId,
    client_id: uuid::Uuid,
    body: &str,
    attachments: &[Upload],
    now: OffsetDateTime,
) -> Result<Committed<Posted>, Error> {
    let row = db::conversation::find_for_resident(db, resident, conversation).await?.ok_or(Error::NotFound)?;
    if let Some(earlier) = repeat(db, client_id, Some(resident)).await? {
        return Ok(earlier.repeated());
    }
    // Staff merged this conversation into another (a page open since then): the reply goes there.
    let conversation = row.merged_into.unwrap_or(conversation);
    let body = Error::required_text("body", body, MAX_BODY_CHARS)?;
    let files = checked(attachments)?;
    let record = Record::new(conversation, client_id, Channel::Portal, Direction::In, &body);
    let message = record.id;
    let stored = store(storage, &files).await?;
    let result = async {
        let mut tx = db.begin().await?;
        if !insert_message(&mut tx, &record, &stored, now).await? {
            return Err(Error::Conflict);
        }
        // Where answers go stays as the resident chose it on this page.
        db::conversation::touch(&mut tx, conversation, Some(ConversationStatus::WaitingForMunicipality.code()), None, now).await?;
        tx.commit().await?;
        Ok(())
    };
    finish(storage, &stored, result.await).await?;
    Ok(Posted { conversation, message, new: true }.announced(Effects::none()))
}

/// The earlier result of a client id already used. Used by someone else
/// (or for another conversation by staff) it is a conflict, never a peek.
pub(crate) async fn repeat(db: &Db, client_id: uuid::Uuid, resident: Option<ResidentId>) -> Result<Option<Posted>, Error> {
    let Some(earlier) = db::conversation::message_by_client_id(db, client_id).await? else {
        return Ok(None);
    };
    if let Some(resident) = resident {
        if db::conversation::message_for_resident(db, resident, earlier.id).await?.is_none() {
            return Err(Error::Conflict);
        }
    }
    Ok(Some(Posted { conversation: earlier.conversation_id, message: earlier.id, new: false }))
}

/// A message to record, with the attachments already stored for it.
pub(crate) struct Record<'a> {
    pub conversation: ConversationId,
    pub id: MessageId,
    pub client_id: uuid::Uuid,
    pub channel: Channel,
    pub direction: Direction,
    pub staff: Option<StaffId>,
    pub body: &'a str,
    pub provider_id: Option<&'a str>,
    pub delivery: Option<Delivery>,
    pub sender_check: Option<SenderCheck>,
}

impl<'a> Record<'a> {
    pub(crate) fn new(conversation: ConversationId, client_id: uuid::Uuid, channel: Channel, direction: Direction, body: &'a str) -> Record<'a> {
        Record { conversation, id: MessageId::ordered(), client_id, channel, direction, staff: None, body, provider_id: None, delivery: None, sender_check: None }
    }
}

/// Adds the message and its attachments; false when its client id (or provider id) was used already.
pub(crate) async fn insert_message(tx: &mut db::Tx, record: &Record<'_>, stored: &[Stored], now: OffsetDateTime) -> Result<bool, Error> {
    let new = db::conversation::NewMessage {
        id: record.id,
        conversation_id: record.conversation,
        client_id: record.client_id,
        channel: record.channel.code(),
        direction: record.direction.code(),
        staff_id: record.staff,
        body: record.body,
        provider_id: record.provider_id,
        delivery: record.delivery.map(Delivery::code),
        sender_check: record.sender_check.map(SenderCheck::code),
    };
    if !db::conversation::insert_message(tx, &new, now).await? {
        return Ok(false);
    }
    if record.direction != Direction::Note {
        publication::record(tx, &publication::Event::Message { id: record.id, channel: record.channel.code() }, now).await?;
    }
    for s in stored {
        let attachment = db::conversation::NewAttachment {
            id: s.id,
            message_id: record.id,
            file_name: &s.file_name,
            content_type: s.content_type,
            size_bytes: s.size,
            storage_key: &s.key,
        };
        db::conversation::insert_attachment(tx, &attachment, now).await?;
    }
    Ok(true)
}

/// Staff reply (to the resident) or add an internal note. A reply always
/// shows in the portal; on e-mail, SMS or WhatsApp it also goes out there,
/// through the outbox (retried, its delivery shown to staff). It sets the
/// status to waiting for the resident. A note changes nothing the resident
/// can see.
pub async fn post_by_staff(
    db: &Db,
    staff: &Staff,
    conversation: ConversationId,
    client_id: uuid::Uuid,
    body: &str,
    direction: Direction,
    now: OffsetDateTime,
) -> Result<Committed<Posted>, Error> {
    let row = conversation::for_staff(db, staff, conversation).await?;
    if let Some(earlier) = repeat(db, client_id, None).await? {
        return if earlier.conversation == conversation { Ok(earlier.repeated()) } else { Err(Error::Conflict) };
    }
    let body = Error::required_text("body", body, MAX_BODY_CHARS)?;
    let channel = match direction {
        Direction::Note => Channel::Portal,
        _ => conversation::reply_channel(&row)?,
    };
    // Out on a provider's channel when there is an address to send to.
    let outbound = match (direction, channel, row.contact.as_deref()) {
        (Direction::Out, Channel::Email | Channel::Sms | Channel::WhatsApp, Some(contact)) => Some(contact),
        _ => None,
    };
    let mut record = Record::new(conversation, client_id, if outbound.is_some() { channel } else { Channel::Portal }, direction, &body);
    record.staff = Some(staff.id);
    record.delivery = outbound.map(|_| Delivery::Queued);
    let message = record.id;
    let mut tx = db.begin().await?;
    if !insert_message(&mut tx, &record, &[], now).await? {
        return Err(Error::Conflict);
    }
    let mut effects = Effects::none();
    match direction {
        Direction::Out => {
            db::conversation::touch(&mut tx, conversation, Some(ConversationStatus::WaitingForResident.code()), None, now).await?;
            let notice = match (outbound, row.resident_id) {
                (Some(address), resident) => Some(Notice::Reply { resident, channel, address, message }),
                // Only in the portal: a notice says there is something to read.
                (None, Some(resident)) => Some(Notice::MessageReceived { resident }),
                (None, None) => None,
            };
            if let Some(notice) = notice {
                effects = notice::enqueue(&mut tx, notice, now).await?;
            }
            if let Some(resident) = row.resident_id {
                let entry = Entry::change(staff.id, resident, Category::Conversation, CONTACT_HANDLING).object(conversation).team(row.team_id);
                processing_log::record(&mut tx, &entry, now).await?;
            }
        }
        _ => db::conversation::touch(&mut tx, conversation, None, None, now).await?,
    }
    tx.commit().await?;
    Ok(Posted { conversation, message, new: true }.announced(effects))
}

/// The longest summary of a phone call, counter visit or letter.
pub const MAX_CONTACT_CHARS: usize = MAX_BODY_CHARS;

/// Staff record a contact that happened outside Loket (a phone call, a
/// visit to the counter, a letter) in the thread, as the resident's
/// message on that channel.
pub async fn record_contact(db: &Db, staff: &Staff, conversation: ConversationId, client_id: uuid::Uuid, channel: &str, body: &str, now: OffsetDateTime) -> Result<Committed<Posted>, Error> {
    let row = conversation::for_staff(db, staff, conversation).await?;
    if let Some(earlier) = repeat(db, client_id, None).await? {
        return if earlier.conversation == conversation { Ok(earlier.repeated()) } else { Err(Error::Conflict) };
    }
    let channel = Channel::from_code(channel)
        .filter(|c| matches!(c, Channel::Phone | Channel::Counter | Channel::Letter))
        .ok_or_else(|| Error::field("channel", FieldErrorCode::Invalid))?;
    let body = Error::required_text("body", body, MAX_CONTACT_CHARS)?;
    let mut record = Record::new(conversation, client_id, channel, Direction::In, &body);
    record.staff = Some(staff.id);
    let message = record.id;
    let mut tx = db.begin().await?;
    if !insert_message(&mut tx, &record, &[], now).await? {
        return Err(Error::Conflict);
    }
    db::conversation::touch(&mut tx, conversation, Some(ConversationStatus::WaitingForMunicipality.code()), None, now).await?;
    if let Some(resident) = row.resident_id {
        let entry = Entry::change(staff.id, resident, Category::Conversation, CONTACT_HANDLING).object(conversation).team(row.team_id);
        processing_log::record(&mut tx, &entry, now).await?;
    }
    tx.commit().await?;
    Ok(Posted { conversation, message, new: true }.announced(Effects::none()))
}

/// A contact that starts a new thread: a walk-in at the counter, a call or
/// a letter about something not asked before, for a resident staff found
/// (by BSN or a confirmed address) or for a visitor nobody identified yet.
pub struct NewContact<'a> {
    pub client_id: uuid::Uuid,
    pub resident: Option<ResidentId>,
    pub team: TeamId,
    pub channel: &'a str,
    pub subject: &'a str,
    pub body: &'a str,
}

/// The form for [`record_new_contact`]: the teams (the staff member's own
/// first) and, when it is for a resident, who (shown, so logged as a read
/// for establishing who is in contact).
pub async fn new_contact_form(db: &Db, staff: &Staff, resident: Option<ResidentId>, lang: crate::i18n::Lang, now: OffsetDateTime) -> Result<crate::model::conversation::NewContactForm, Error> {
    let resident = match resident {
        Some(id) => Some(crate::backend::service::resident::matches(db, staff.id, &[id], lang, now).await?.pop().ok_or(Error::NotFound)?),
        None => None,
    };
    let teams = db::team::list(db).await?.into_iter().map(|t| crate::model::conversation::Choice { value: t.id.to_string(), label: lang.pick(&t.name_nl, &t.name_en).to_string() }).collect();
    Ok(crate::model::conversation::NewContactForm {
        client_id: uuid::Uuid::new_v4().to_string(),
        resident,
        teams,
        team: staff.teams.first().map(|t| t.to_string()).unwrap_or_default(),
    })
}

/// Staff open a conversation with the contact as its first message,
/// assigned to themselves, for `team`. A repeat of the same client id
/// returns the first result. Logged as the resident's contact handling;
/// an unidentified visitor's thread joins a resident's history when staff
/// identify them later ([`conversation::identify`]).
pub async fn record_new_contact(db: &Db, staff: &Staff, contact: &NewContact<'_>, now: OffsetDateTime) -> Result<Committed<Posted>, Error> {
    if let Some(earlier) = repeat(db, contact.client_id, None).await? {
        return Ok(earlier.repeated());
    }
    // Every wrong field is named at once, so nothing typed is asked twice.
    let channel = Channel::from_code(contact.channel).filter(|c| matches!(c, Channel::Phone | Channel::Counter | Channel::Letter));
    let subject = Error::required_text("subject", contact.subject, MAX_SUBJECT_CHARS);
    let body = Error::required_text("body", contact.body, MAX_CONTACT_CHARS);
    let team_known = db::team::list(db).await?.iter().any(|t| t.id == contact.team);
    let (channel, subject, body) = match (channel, subject, body, team_known) {
        (Some(channel), Ok(subject), Ok(body), true) => (channel, subject, body),
        (channel, subject, body, team_known) => {
            let mut fields: Vec<crate::error::FieldError> = [subject.err(), body.err()]
                .into_iter()
                .flatten()
                .flat_map(|e| match e {
                    Error::Validation(fields) => fields,
                    _ => Vec::new(),
                })
                .collect();
            let invalid = |field: &str| crate::error::FieldError { field: field.into(), code: FieldErrorCode::Invalid };
            fields.extend(channel.is_none().then(|| invalid("channel")));
            fields.extend((!team_known).then(|| invalid("team")));
            return Err(Error::Validation(fields));
        }
    };
    let (reply_channel, address) = match contact.resident {
        Some(resident) => {
            db::resident::profile(db, resident).await?.ok_or(Error::NotFound)?;
            contact_address::preferred_reply(db, resident).await?
        }
        None => (Channel::Portal, None),
    };
    let conversation = ConversationId::new();
    let mut record = Record::new(conversation, contact.client_id, channel, Direction::In, &body);
    record.staff = Some(staff.id);
    let message = record.id;
    let mut tx = db.begin().await?;
    let new = db::conversation::NewConversation {
        id: conversation,
        resident_id: contact.resident,
        subject: &subject,
        case_id: None,
        status: ConversationStatus::WaitingForMunicipality.code(),
        team_id: contact.team,
        channel: reply_channel.code(),
        contact: address.as_deref(),
    };
    db::conversation::insert(&mut tx, &new, now).await?;
    db::conversation::assign_in(&mut tx, conversation, Some(staff.id), now).await?;
    if !insert_message(&mut tx, &record, &[], now).await? {
        return Err(Error::Conflict);
    }
    if let Some(resident) = contact.resident {
        let entry = Entry::change(staff.id, resident, Category::Conversation, CONTACT_HANDLING).object(conversation).team(contact.team);
        processing_log::record(&mut tx, &entry, now).await?;
    }
    tx.commit().await?;
    Ok(Posted { conversation, message, new: true }.announced(Effects::announce(LiveEvent::Conversation { conversation })))
}

/// The municipality tells the resident something in a new conversation
/// (about a case, handled by `team`), inside the caller's transaction: a
/// message from the team, waiting for nothing.
pub(crate) async fn inform(
    tx: &mut db::Tx,
    resident: ResidentId,
    team: TeamId,
    case: Option<CaseId>,
    subject: &str,
    body: &str,
    now: OffsetDateTime,
) -> Result<Effects, Error> {
    let id = ConversationId::new();
    let new = db::conversation::NewConversation {
        id,
        resident_id: Some(resident),
        subject,
        case_id: case,
        status: ConversationStatus::Open.code(),
        team_id: team,
        channel: Channel::Portal.code(),
        contact: None,
    };
    db::conversation::insert(tx, &new, now).await?;
    let record = Record::new(id, uuid::Uuid::new_v4(), Channel::Portal, Direction::Out, body);
    insert_message(tx, &record, &[], now).await?;
    Ok(Effects::announce(LiveEvent::Message { conversation: id, message: record.id }))
}
