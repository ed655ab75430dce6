//! Conversations: one thread per question, continued on any channel.
//!
//! Klantinteracties mapping (for a later exchange with Open Klant): a
//! conversation groups klantcontacten on one onderwerp; each message is a
//! klantcontact with its kanaal; the resident is the betrokkene (rol
//! klant); a linked case is the onderwerpobject; an attachment is a
//! bijlage; internal notes stay in Loket.
//!
//! Rules kept here: a resident only ever reaches their own conversations
//! (a foreign id is `NotFound`) and never an internal note; posting is
//! idempotent on the client's id; bad input stores nothing; every staff
//! view of a resident's conversation is logged with its purpose.

use time::OffsetDateTime;

use crate::backend::{
    db::{self, Db},
    service::document,
    storage::DocumentStorage,
    Error,
};
use crate::error::FieldErrorCode;
use crate::i18n::{format_moment, Lang};
use crate::model::conversation::{
    AttachmentView, Channel, Choice, ConversationDetail, ConversationStatus, ConversationSummary, Delivery, Direction, Inbox, MessageView,
    StaffConversation,
};
use crate::model::ids::{AttachmentId, CaseId, ConversationId, MessageId, ResidentId, StaffId, TeamId};

pub const MAX_SUBJECT_CHARS: usize = 150;
pub const MAX_BODY_CHARS: usize = 5000;
pub const MAX_RESULT_CHARS: usize = 500;
pub const MAX_ATTACHMENTS: usize = 3;
/// The team a question goes to when it is not about a case.
pub const DEFAULT_TEAM: &str = "kcc";
/// The purpose staff read conversations for, as logged.
pub const CONTACT_HANDLING: &str = "klantcontact";

/// A file as it came in with a message.
pub struct Upload {
    pub file_name: String,
    pub bytes: Vec<u8>,
}

/// Checks every attachment before anything is stored: count and, by content, type and size.
pub(crate) fn checked(attachments: &[Upload]) -> Result<Vec<(&Upload, &'static str)>, Error> {
    if attachments.len() > MAX_ATTACHMENTS {
        return Err(Error::field("attachment", FieldErrorCode::TooLong));
    }
    attachments
        .iter()
        .map(|a| match document::accepted_type(&a.bytes) {
            Ok(t) => Ok((a, t)),
            Err(document::Refusal::TooLarge) => Err(Error::field("attachment", FieldErrorCode::TooLong)),
            Err(_) => Err(Error::field("attachment", FieldErrorCode::Invalid)),
        })
        .collect()
}

fn status_of(row: &db::conversation::ConversationRow) -> ConversationStatus {
    ConversationStatus::from_code(&row.status).unwrap_or(ConversationStatus::Open)
}

fn channels(row: &db::conversation::ConversationRow) -> Vec<Channel> {
    let mut list: Vec<Channel> = row.channels.as_deref().unwrap_or("").split_whitespace().filter_map(Channel::from_code).collect();
    list.sort_by_key(|c| Channel::ALL.iter().position(|a| a == c));
    list
}

fn preview(body: Option<&str>) -> String {
    let body = body.unwrap_or("");
    let mut short: String = body.chars().take(120).collect();
    if body.chars().count() > 120 {
        short.push('…');
    }
    short
}

fn summary(row: &db::conversation::ConversationRow, lang: Lang, for_staff: bool) -> ConversationSummary {
    let team = lang.pick(&row.team_nl, &row.team_en).to_string();
    let handled_by = match (&row.assignee_name, for_staff) {
        (Some(name), true) => format!("{team} · {name}"),
        _ => team,
    };
    ConversationSummary {
        id: row.id,
        subject: row.subject.clone(),
        status: status_of(row),
        channels: channels(row),
        last_message: preview(row.last_body.as_deref()),
        case_id: row.case_id,
        case_reference: row.case_reference.clone(),
        handled_by,
        updated: format_moment(lang, row.updated_at),
    }
}

/// Messages with their attachments. Residents see the team, never a colleague's name.
fn messages(
    rows: Vec<db::conversation::MessageRow>,
    attachments: Vec<db::conversation::AttachmentRow>,
    team: &str,
    lang: Lang,
    href: impl Fn(ConversationId, AttachmentId) -> String,
    for_staff: bool,
) -> Vec<MessageView> {
    rows.into_iter()
        .map(|m| MessageView {
            id: m.id,
            channel: Channel::from_code(&m.channel).unwrap_or(Channel::Portal),
            direction: Direction::from_code(&m.direction).unwrap_or(Direction::In),
            author: match Direction::from_code(&m.direction) {
                Some(Direction::In) if for_staff => lang.pick("Inwoner", "Resident").to_string(),
                Some(Direction::In) => lang.pick("Jij", "You").to_string(),
                _ if for_staff => m.staff_name.clone().unwrap_or_else(|| team.to_string()),
                _ => team.to_string(),
            },
            at: format_moment(lang, m.created_at),
            attachments: attachments
                .iter()
                .filter(|a| a.message_id == m.id)
                .map(|a| AttachmentView {
                    id: a.id,
                    file_name: a.file_name.clone(),
                    size_kb: (a.size_bytes + 1023) / 1024,
                    href: href(m.conversation_id, a.id),
                })
                .collect(),
            delivery: if for_staff { m.delivery.as_deref().and_then(Delivery::from_code) } else { None },
            body: m.body,
        })
        .collect()
}

pub fn resident_attachment_href(conversation: ConversationId, attachment: AttachmentId) -> String {
    format!("/mijn/berichten/{conversation}/bijlagen/{attachment}")
}

pub fn staff_attachment_href(conversation: ConversationId, attachment: AttachmentId) -> String {
    format!("/staff/gesprekken/{conversation}/bijlagen/{attachment}")
}

// ---------------------------------------------------------------- the resident's side

/// The resident's conversations, most recently active first.
pub async fn list_for_resident(db: &Db, resident: ResidentId, lang: Lang) -> Result<Vec<ConversationSummary>, Error> {
    Ok(db::conversation::list_for_resident(db, resident).await?.iter().map(|r| summary(r, lang, false)).collect())
}

/// One of the resident's conversations with every message they may see.
pub async fn detail_for_resident(db: &Db, resident: ResidentId, id: ConversationId, lang: Lang) -> Result<ConversationDetail, Error> {
    let row = db::conversation::find_for_resident(db, resident, id).await?.ok_or(Error::NotFound)?;
    let rows = db::conversation::messages(db, id, false).await?;
    let attachments = db::conversation::attachments(db, id, false).await?;
    let team = lang.pick(&row.team_nl, &row.team_en).to_string();
    let mut reply_options = vec![Channel::Portal];
    reply_options.extend(reply_addresses(db, resident).await?.into_iter().map(|(channel, _)| channel));
    Ok(ConversationDetail {
        summary: summary(&row, lang, false),
        case_id: row.case_id,
        messages: messages(rows, attachments, &team, lang, resident_attachment_href, false),
        reply_channel: Channel::from_code(&row.channel).unwrap_or(Channel::Portal),
        reply_options,
    })
}

/// The channels besides the portal a resident can get answers on, each
/// with the address they confirmed for it: e-mail, and SMS and WhatsApp
/// on a confirmed phone number.
pub async fn reply_addresses(db: &Db, resident: ResidentId) -> Result<Vec<(Channel, String)>, Error> {
    let mut found = Vec::new();
    for (kind, address) in db::contact_address::verified_of(db, resident).await? {
        match kind.as_str() {
            crate::backend::service::notification::EMAIL => found.push((Channel::Email, address)),
            crate::backend::service::notification::PHONE => {
                found.push((Channel::Sms, address.clone()));
                found.push((Channel::WhatsApp, address));
            }
            _ => {}
        }
    }
    found.sort_by_key(|(c, _)| Channel::ALL.iter().position(|a| a == c));
    Ok(found)
}

/// The reply channel and address for a new question: the resident's preferred channel, when they confirmed an address for it.
async fn preferred_reply(db: &Db, resident: ResidentId) -> Result<(Channel, Option<String>), Error> {
    let preferred = db::resident::preferred_channel(db, resident).await?.as_deref().and_then(Channel::from_code);
    let Some(preferred) = preferred.filter(|c| *c != Channel::Portal) else { return Ok((Channel::Portal, None)) };
    Ok(match reply_addresses(db, resident).await?.into_iter().find(|(c, _)| *c == preferred) {
        Some((channel, address)) => (channel, Some(address)),
        None => (Channel::Portal, None),
    })
}

/// The resident chooses where answers in this conversation go: only the
/// portal, or also a channel with an address they confirmed.
pub async fn choose_reply_channel(db: &Db, resident: ResidentId, conversation: ConversationId, channel: &str, now: OffsetDateTime) -> Result<(), Error> {
    db::conversation::find_for_resident(db, resident, conversation).await?.ok_or(Error::NotFound)?;
    let channel = Channel::from_code(channel).ok_or_else(|| Error::field("channel", FieldErrorCode::Invalid))?;
    let contact = match channel {
        Channel::Portal => None,
        _ => Some(
            reply_addresses(db, resident)
                .await?
                .into_iter()
                .find(|(c, _)| *c == channel)
                .map(|(_, address)| address)
                .ok_or_else(|| Error::field("channel", FieldErrorCode::Invalid))?,
        ),
    };
    let mut tx = db.begin().await?;
    db::conversation::set_reply(&mut tx, conversation, channel.code(), contact.as_deref(), now).await?;
    tx.commit().await?;
    Ok(())
}

/// The resident's preferred channel for answers to new questions.
pub async fn set_preferred_channel(db: &Db, resident: ResidentId, channel: &str) -> Result<(), Error> {
    let channel = Channel::from_code(channel).ok_or_else(|| Error::field("channel", FieldErrorCode::Invalid))?;
    if channel != Channel::Portal && !reply_addresses(db, resident).await?.iter().any(|(c, _)| *c == channel) {
        return Err(Error::field("channel", FieldErrorCode::Invalid));
    }
    db::resident::set_preferred_channel(db, resident, (channel != Channel::Portal).then_some(channel.code())).await?;
    Ok(())
}

/// One message for the resident's open page (live updates); never a note, never someone else's.
pub async fn message_for_resident(db: &Db, resident: ResidentId, id: MessageId, lang: Lang) -> Result<MessageView, Error> {
    let row = db::conversation::message_for_resident(db, resident, id).await?.ok_or(Error::NotFound)?;
    let conversation = db::conversation::find_for_resident(db, resident, row.conversation_id).await?.ok_or(Error::NotFound)?;
    let attachments = db::conversation::attachments(db, row.conversation_id, false).await?;
    let team = lang.pick(&conversation.team_nl, &conversation.team_en).to_string();
    messages(vec![row], attachments, &team, lang, resident_attachment_href, false).pop().ok_or(Error::NotFound)
}

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

/// A resident asks a new question in the portal, optionally about one of
/// their cases (which then decides the team). A repeat of the same client
/// id returns the first result and adds nothing.
pub async fn ask(db: &Db, storage: &dyn DocumentStorage, resident: ResidentId, question: &Question<'_>, now: OffsetDateTime) -> Result<Posted, Error> {
    if let Some(earlier) = repeat(db, question.client_id, Some(resident)).await? {
        return Ok(earlier);
    }
    let subject = Error::required_text("subject", question.subject, MAX_SUBJECT_CHARS)?;
    let body = Error::required_text("body", question.body, MAX_BODY_CHARS)?;
    let files = checked(question.attachments)?;
    // About a case: that case's team; otherwise the routing rules decide.
    let team = match question.case {
        Some(case) => db::case::team_for_resident(db, resident, case).await?.ok_or(Error::NotFound)?,
        None => crate::backend::service::routing::route(db, Channel::Portal, &format!("{subject}\n{body}"), None).await?,
    };
    // Answers go where the resident prefers, when they confirmed an address there.
    let (reply_channel, contact) = preferred_reply(db, resident).await?;
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
    Ok(Posted { conversation, message, new: true })
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
) -> Result<Posted, Error> {
    db::conversation::find_for_resident(db, resident, conversation).await?.ok_or(Error::NotFound)?;
    if let Some(earlier) = repeat(db, client_id, Some(resident)).await? {
        return Ok(earlier);
    }
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
    Ok(Posted { conversation, message, new: true })
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

pub(crate) async fn default_team(db: &Db) -> Result<TeamId, Error> {
    db::team::find_by_slug(db, DEFAULT_TEAM).await?.ok_or(Error::Internal("the default team for questions is missing"))
}

/// A stored attachment waiting to be recorded.
pub(crate) struct Stored {
    id: AttachmentId,
    key: String,
    file_name: String,
    content_type: &'static str,
    size: i64,
}

/// Stores every file; when one fails, removes the ones stored before it.
pub(crate) async fn store(storage: &dyn DocumentStorage, files: &[(&Upload, &'static str)]) -> Result<Vec<Stored>, Error> {
    let mut stored = Vec::new();
    for (upload, content_type) in files {
        let id = AttachmentId::new();
        let key = id.to_string();
        if storage.put(&key, &upload.bytes).await.is_err() {
            remove(storage, &stored).await;
            return Err(Error::Internal("storing an attachment failed"));
        }
        stored.push(Stored { id, key, file_name: document::clean_file_name(&upload.file_name), content_type, size: upload.bytes.len() as i64 });
    }
    Ok(stored)
}

async fn remove(storage: &dyn DocumentStorage, stored: &[Stored]) {
    for s in stored {
        let _ = storage.delete(&s.key).await;
    }
}

/// When recording failed, the stored files go again: nothing is half-stored.
pub(crate) async fn finish(storage: &dyn DocumentStorage, stored: &[Stored], recorded: Result<(), Error>) -> Result<(), Error> {
    if recorded.is_err() {
        remove(storage, stored).await;
    }
    recorded
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
}

impl<'a> Record<'a> {
    pub(crate) fn new(conversation: ConversationId, client_id: uuid::Uuid, channel: Channel, direction: Direction, body: &'a str) -> Record<'a> {
        Record { conversation, id: MessageId::ordered(), client_id, channel, direction, staff: None, body, provider_id: None, delivery: None }
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
    };
    if !db::conversation::insert_message(tx, &new, now).await? {
        return Ok(false);
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

/// An attachment of one of the resident's conversations: name, type, bytes.
pub async fn attachment_for_resident(
    db: &Db,
    storage: &dyn DocumentStorage,
    resident: ResidentId,
    conversation: ConversationId,
    id: AttachmentId,
) -> Result<(String, String, Vec<u8>), Error> {
    let row = db::conversation::attachment_for_resident(db, resident, conversation, id).await?.ok_or(Error::NotFound)?;
    let bytes = storage.get(&row.storage_key).await.map_err(|_| Error::Internal("reading a stored attachment failed"))?;
    Ok((row.file_name, row.content_type, bytes))
}

// ---------------------------------------------------------------- the staff side

/// The inbox: open conversations across channels, longest waiting first.
pub async fn inbox(db: &Db, filter: &db::conversation::InboxFilter, lang: Lang) -> Result<Inbox, Error> {
    let rows = db::conversation::inbox(db, filter, 200).await?;
    let teams = db::team::list(db).await?.into_iter().map(|t| Choice { value: t.id.to_string(), label: lang.pick(&t.name_nl, &t.name_en).to_string() }).collect();
    Ok(Inbox { conversations: rows.iter().map(|r| summary(r, lang, true)).collect(), teams })
}

async fn log_view(db: &Db, staff: StaffId, row: &db::conversation::ConversationRow, action: &str, now: OffsetDateTime) -> Result<(), Error> {
    if let Some(resident) = row.resident_id {
        let mut tx = db.begin().await?;
        let access = db::access_log::NewAccess { staff_id: staff, resident_id: resident, purpose: CONTACT_HANDLING, action, case_id: row.case_id };
        db::access_log::insert(&mut tx, &access, now).await?;
        tx.commit().await?;
    }
    Ok(())
}

/// A conversation as staff see it, notes included; the view is logged with its purpose.
pub async fn detail_for_staff(db: &Db, staff: StaffId, id: ConversationId, lang: Lang, now: OffsetDateTime) -> Result<StaffConversation, Error> {
    let row = db::conversation::find(db, id).await?.ok_or(Error::NotFound)?;
    log_view(db, staff, &row, "gesprek bekeken", now).await?;
    let rows = db::conversation::messages(db, id, true).await?;
    let attachments = db::conversation::attachments(db, id, true).await?;
    let team = lang.pick(&row.team_nl, &row.team_en).to_string();
    let resident = match row.resident_id {
        Some(resident) => match db::resident::find_bsn(db, resident).await? {
            Some(bsn) => format!("{} *****{}", lang.pick("Inwoner met BSN", "Resident with BSN"), &bsn[bsn.len().saturating_sub(4)..]),
            None => lang.pick("Inwoner", "Resident").to_string(),
        },
        None => lang.pick("Nog niet bekend wie dit is", "Not identified yet").to_string(),
    };
    let colleagues = db::staff_member::list(db).await?.into_iter().map(|s| Choice { value: s.id.to_string(), label: s.name }).collect();
    let cases = match row.resident_id {
        Some(resident) => db::case::list_for_resident(db, resident)
            .await?
            .into_iter()
            .map(|c| Choice { value: c.id.to_string(), label: format!("{} · {}", c.reference, lang.pick(&c.type_nl, &c.type_en)) })
            .collect(),
        None => Vec::new(),
    };
    let reply_channel = Channel::from_code(&row.channel).unwrap_or(Channel::Portal);
    let template_only = reply_channel == Channel::WhatsApp
        && !crate::backend::service::notification::whatsapp_window_open(db, id, now).await?;
    let reply_address = match (reply_channel, row.contact.as_deref()) {
        (Channel::Email, Some(address)) => Some(masked_email(address)),
        (Channel::Sms | Channel::WhatsApp, Some(number)) => Some(crate::backend::channel::phone::masked(number)),
        _ => None,
    };
    Ok(StaffConversation {
        detail: ConversationDetail {
            summary: summary(&row, lang, true),
            case_id: row.case_id,
            messages: messages(rows, attachments, &team, lang, staff_attachment_href, true),
            reply_channel,
            reply_options: Vec::new(),
        },
        team_id: row.team_id,
        assignee: row.assignee_id,
        result: row.result.clone(),
        resident,
        resident_id: row.resident_id,
        colleagues,
        cases,
        reply_address,
        template_only,
        unidentified: row.resident_id.is_none(),
        call_since: crate::backend::service::phone_call::on_since(db, id, lang).await?,
        suggestion: crate::backend::service::routing::suggest(db, &crate::backend::service::routing::text_of(db, id).await?, lang).await?,
        teams: crate::backend::service::routing::teams(db, lang).await?,
    })
}

/// `j***@example.nl`: enough for staff to recognise, not to copy.
fn masked_email(address: &str) -> String {
    match address.split_once('@') {
        Some((local, domain)) => format!("{}***@{domain}", local.chars().next().unwrap_or('*')),
        None => "***".into(),
    }
}

/// One message for a staff member's open page (live updates), notes included.
pub async fn message_for_staff(db: &Db, id: MessageId, lang: Lang) -> Result<MessageView, Error> {
    let row = db::conversation::message(db, id).await?.ok_or(Error::NotFound)?;
    let conversation = db::conversation::find(db, row.conversation_id).await?.ok_or(Error::NotFound)?;
    let attachments = db::conversation::attachments(db, row.conversation_id, true).await?;
    let team = lang.pick(&conversation.team_nl, &conversation.team_en).to_string();
    messages(vec![row], attachments, &team, lang, staff_attachment_href, true).pop().ok_or(Error::NotFound)
}

/// Staff reply (to the resident) or add an internal note. A reply always
/// shows in the portal; on e-mail, SMS or WhatsApp it also goes out there,
/// through the outbox (retried, its delivery shown to staff). It sets the
/// status to waiting for the resident. A note changes nothing the resident
/// can see.
pub async fn post_by_staff(
    db: &Db,
    staff: StaffId,
    conversation: ConversationId,
    client_id: uuid::Uuid,
    body: &str,
    direction: Direction,
    now: OffsetDateTime,
) -> Result<Posted, Error> {
    let row = db::conversation::find(db, conversation).await?.ok_or(Error::NotFound)?;
    if let Some(earlier) = repeat(db, client_id, None).await? {
        return if earlier.conversation == conversation { Ok(earlier) } else { Err(Error::Conflict) };
    }
    let body = Error::required_text("body", body, MAX_BODY_CHARS)?;
    let channel = match direction {
        Direction::Note => Channel::Portal,
        _ => Channel::from_code(&row.channel).unwrap_or(Channel::Portal),
    };
    // Out on a provider's channel when there is an address to send to.
    let outbound = match (direction, channel, row.contact.as_deref()) {
        (Direction::Out, Channel::Email | Channel::Sms | Channel::WhatsApp, Some(contact)) => Some(contact),
        _ => None,
    };
    let mut record = Record::new(conversation, client_id, if outbound.is_some() { channel } else { Channel::Portal }, direction, &body);
    record.staff = Some(staff);
    record.delivery = outbound.map(|_| Delivery::Queued);
    let message = record.id;
    let mut tx = db.begin().await?;
    if !insert_message(&mut tx, &record, &[], now).await? {
        return Err(Error::Conflict);
    }
    match direction {
        Direction::Out => {
            db::conversation::touch(&mut tx, conversation, Some(ConversationStatus::WaitingForResident.code()), None, now).await?;
            match outbound {
                Some(address) => crate::backend::service::notification::carry_reply(&mut tx, row.resident_id, channel, address, message, now).await?,
                // Only in the portal: a notice says there is something to read.
                None => {
                    if let Some(resident) = row.resident_id {
                        crate::backend::service::notification::message_received(&mut tx, resident, now).await?;
                    }
                }
            }
            if let Some(resident) = row.resident_id {
                let access = db::access_log::NewAccess { staff_id: staff, resident_id: resident, purpose: CONTACT_HANDLING, action: "antwoord gestuurd", case_id: row.case_id };
                db::access_log::insert(&mut tx, &access, now).await?;
            }
        }
        _ => db::conversation::touch(&mut tx, conversation, None, None, now).await?,
    }
    tx.commit().await?;
    Ok(Posted { conversation, message, new: true })
}

/// The longest summary of a phone call, counter visit or letter.
pub const MAX_CONTACT_CHARS: usize = MAX_BODY_CHARS;

/// Staff record a contact that happened outside Loket (a phone call, a
/// visit to the counter, a letter) in the thread, as the resident's
/// message on that channel.
pub async fn record_contact(db: &Db, staff: StaffId, conversation: ConversationId, client_id: uuid::Uuid, channel: &str, body: &str, now: OffsetDateTime) -> Result<Posted, Error> {
    let row = db::conversation::find(db, conversation).await?.ok_or(Error::NotFound)?;
    if let Some(earlier) = repeat(db, client_id, None).await? {
        return if earlier.conversation == conversation { Ok(earlier) } else { Err(Error::Conflict) };
    }
    let channel = Channel::from_code(channel)
        .filter(|c| matches!(c, Channel::Phone | Channel::Counter | Channel::Letter))
        .ok_or_else(|| Error::field("channel", FieldErrorCode::Invalid))?;
    let body = Error::required_text("body", body, MAX_CONTACT_CHARS)?;
    let mut record = Record::new(conversation, client_id, channel, Direction::In, &body);
    record.staff = Some(staff);
    let message = record.id;
    let mut tx = db.begin().await?;
    if !insert_message(&mut tx, &record, &[], now).await? {
        return Err(Error::Conflict);
    }
    db::conversation::touch(&mut tx, conversation, Some(ConversationStatus::WaitingForMunicipality.code()), None, now).await?;
    if let Some(resident) = row.resident_id {
        let access = db::access_log::NewAccess { staff_id: staff, resident_id: resident, purpose: CONTACT_HANDLING, action: "contact vastgelegd", case_id: row.case_id };
        db::access_log::insert(&mut tx, &access, now).await?;
    }
    tx.commit().await?;
    Ok(Posted { conversation, message, new: true })
}

/// Staff link an unidentified contact to a resident (who proved who they
/// are, on the phone or at the counter): this conversation and every other
/// unidentified one from the same address become the resident's, history
/// and all. Logged with its purpose.
pub async fn identify(db: &Db, staff: StaffId, conversation: ConversationId, bsn: &str, now: OffsetDateTime) -> Result<u64, Error> {
    let row = db::conversation::find(db, conversation).await?.ok_or(Error::NotFound)?;
    if row.resident_id.is_some() {
        return Err(Error::Conflict);
    }
    let bsn = crate::backend::auth::bsn::Bsn::parse(bsn.trim()).map_err(|_| Error::field("bsn", FieldErrorCode::Invalid))?;
    let resident = db::resident::find_by_bsn(db, bsn.expose()).await?.ok_or_else(|| Error::field("bsn", FieldErrorCode::Unknown))?;
    let mut tx = db.begin().await?;
    let linked = match row.contact.as_deref() {
        Some(_) => 0,
        None => u64::from(db::conversation::claim_for_resident(&mut tx, conversation, resident, now).await?),
    };
    let access = db::access_log::NewAccess { staff_id: staff, resident_id: resident, purpose: CONTACT_HANDLING, action: "contact gekoppeld aan inwoner", case_id: None };
    db::access_log::insert(&mut tx, &access, now).await?;
    tx.commit().await?;
    let linked = match row.contact.as_deref() {
        Some(contact) => db::conversation::claim_contact(db, contact, resident, now).await?,
        None => linked,
    };
    Ok(linked)
}

/// Assigns the conversation to a colleague (or to nobody).
pub async fn assign(db: &Db, conversation: ConversationId, assignee: Option<StaffId>, now: OffsetDateTime) -> Result<(), Error> {
    if let Some(assignee) = assignee {
        db::staff_member::find(db, assignee).await?.ok_or_else(|| Error::field("assignee", FieldErrorCode::Invalid))?;
    }
    if !db::conversation::assign(db, conversation, assignee, now).await? {
        return Err(Error::NotFound);
    }
    Ok(())
}

/// Links the conversation to one of the same resident's cases.
pub async fn link_case(db: &Db, conversation: ConversationId, case: CaseId, now: OffsetDateTime) -> Result<(), Error> {
    db::conversation::find(db, conversation).await?.ok_or(Error::NotFound)?;
    if !db::conversation::link_case(db, conversation, case, now).await? {
        return Err(Error::field("case", FieldErrorCode::Invalid));
    }
    Ok(())
}

/// Closes the conversation with its result (what was answered or done).
pub async fn close(db: &Db, conversation: ConversationId, result: &str, now: OffsetDateTime) -> Result<(), Error> {
    let result = Error::required_text("result", result, MAX_RESULT_CHARS)?;
    db::conversation::find(db, conversation).await?.ok_or(Error::NotFound)?;
    if !db::conversation::close(db, conversation, &result, now).await? {
        return Err(Error::Conflict);
    }
    Ok(())
}

/// An attachment of any conversation, for staff; the download is logged with its purpose.
pub async fn attachment_for_staff(
    db: &Db,
    storage: &dyn DocumentStorage,
    staff: StaffId,
    conversation: ConversationId,
    id: AttachmentId,
    now: OffsetDateTime,
) -> Result<(String, String, Vec<u8>), Error> {
    let row = db::conversation::attachment(db, conversation, id).await?.ok_or(Error::NotFound)?;
    let owner = db::conversation::find(db, conversation).await?.ok_or(Error::NotFound)?;
    log_view(db, staff, &owner, "bijlage geopend", now).await?;
    let bytes = storage.get(&row.storage_key).await.map_err(|_| Error::Internal("reading a stored attachment failed"))?;
    Ok((row.file_name, row.content_type, bytes))
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
) -> Result<ConversationId, Error> {
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
    insert_message(tx, &Record::new(id, uuid::Uuid::new_v4(), Channel::Portal, Direction::Out, body), &[], now).await?;
    Ok(id)
}

/// How long a hand-over link works.
pub const HANDOVER_HOURS: i64 = 24;

fn token_hash(token: &str) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(token.as_bytes()).iter().map(|b| format!("{b:02x}")).collect()
}

/// Staff offer to continue securely: a one-time link (valid for
/// [`HANDOVER_HOURS`]) goes out as a reply on the conversation's channel;
/// after DigiD login it brings the resident into this conversation.
pub async fn offer_handover(db: &Db, staff: StaffId, conversation: ConversationId, public_url: &str, now: OffsetDateTime) -> Result<Posted, Error> {
    db::conversation::find(db, conversation).await?.ok_or(Error::NotFound)?;
    let token = uuid::Uuid::new_v4().simple().to_string();
    let link = format!("{}/mijn/berichten/overnemen/{token}", public_url.trim_end_matches('/'));
    let body = format!(
        "Wil je verder in een beveiligde omgeving? Log dan in met DigiD via deze link: {link}\nJe komt dan in dit gesprek in Mijn omgeving. De link werkt {HANDOVER_HOURS} uur en één keer."
    );
    let mut tx = db.begin().await?;
    db::conversation::insert_handover(&mut tx, &token_hash(&token), conversation, now + time::Duration::hours(HANDOVER_HOURS), now).await?;
    tx.commit().await?;
    post_by_staff(db, staff, conversation, uuid::Uuid::new_v4(), &body, Direction::Out, now).await
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
