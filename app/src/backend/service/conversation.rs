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
    AttachmentView, Channel, Choice, ConversationDetail, ConversationStatus, ConversationSummary, Direction, Inbox, MessageView,
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
fn checked(attachments: &[Upload]) -> Result<Vec<(&Upload, &'static str)>, Error> {
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
    Ok(ConversationDetail {
        summary: summary(&row, lang, false),
        case_id: row.case_id,
        messages: messages(rows, attachments, &team, lang, resident_attachment_href, false),
    })
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
    let team = match question.case {
        Some(case) => db::case::team_for_resident(db, resident, case).await?.ok_or(Error::NotFound)?,
        None => default_team(db).await?,
    };
    let conversation = ConversationId::new();
    let message = MessageId::ordered();
    let stored = store(storage, &files).await?;
    let record = async {
        let mut tx = db.begin().await?;
        let new = db::conversation::NewConversation {
            id: conversation,
            resident_id: Some(resident),
            subject: &subject,
            case_id: question.case,
            status: ConversationStatus::WaitingForMunicipality.code(),
            team_id: team,
            channel: Channel::Portal.code(),
        };
        db::conversation::insert(&mut tx, &new, now).await?;
        let inserted = insert_message(&mut tx, conversation, message, question.client_id, Channel::Portal, Direction::In, None, &body, &stored, now).await?;
        if !inserted {
            return Err(Error::Conflict);
        }
        tx.commit().await?;
        Ok(())
    };
    finish(storage, &stored, record.await).await?;
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
    let message = MessageId::ordered();
    let stored = store(storage, &files).await?;
    let record = async {
        let mut tx = db.begin().await?;
        if !insert_message(&mut tx, conversation, message, client_id, Channel::Portal, Direction::In, None, &body, &stored, now).await? {
            return Err(Error::Conflict);
        }
        db::conversation::touch(&mut tx, conversation, Some(ConversationStatus::WaitingForMunicipality.code()), Some(Channel::Portal.code()), now).await?;
        tx.commit().await?;
        Ok(())
    };
    finish(storage, &stored, record.await).await?;
    Ok(Posted { conversation, message, new: true })
}

/// The earlier result of a client id already used. Used by someone else
/// (or for another conversation by staff) it is a conflict, never a peek.
async fn repeat(db: &Db, client_id: uuid::Uuid, resident: Option<ResidentId>) -> Result<Option<Posted>, Error> {
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

async fn default_team(db: &Db) -> Result<TeamId, Error> {
    db::team::find_by_slug(db, DEFAULT_TEAM).await?.ok_or(Error::Internal("the default team for questions is missing"))
}

/// A stored attachment waiting to be recorded.
struct Stored {
    id: AttachmentId,
    key: String,
    file_name: String,
    content_type: &'static str,
    size: i64,
}

/// Stores every file; when one fails, removes the ones stored before it.
async fn store(storage: &dyn DocumentStorage, files: &[(&Upload, &'static str)]) -> Result<Vec<Stored>, Error> {
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
async fn finish(storage: &dyn DocumentStorage, stored: &[Stored], recorded: Result<(), Error>) -> Result<(), Error> {
    if recorded.is_err() {
        remove(storage, stored).await;
    }
    recorded
}

#[allow(clippy::too_many_arguments)]
async fn insert_message(
    tx: &mut db::Tx,
    conversation: ConversationId,
    id: MessageId,
    client_id: uuid::Uuid,
    channel: Channel,
    direction: Direction,
    staff: Option<StaffId>,
    body: &str,
    stored: &[Stored],
    now: OffsetDateTime,
) -> Result<bool, Error> {
    let new = db::conversation::NewMessage {
        id,
        conversation_id: conversation,
        client_id,
        channel: channel.code(),
        direction: direction.code(),
        staff_id: staff,
        body,
    };
    if !db::conversation::insert_message(tx, &new, now).await? {
        return Ok(false);
    }
    for s in stored {
        let attachment = db::conversation::NewAttachment {
            id: s.id,
            message_id: id,
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
    Ok(StaffConversation {
        detail: ConversationDetail {
            summary: summary(&row, lang, true),
            case_id: row.case_id,
            messages: messages(rows, attachments, &team, lang, staff_attachment_href, true),
        },
        team_id: row.team_id,
        assignee: row.assignee_id,
        result: row.result.clone(),
        resident,
        resident_id: row.resident_id,
        colleagues,
        cases,
        reply_channel: Channel::from_code(&row.channel).unwrap_or(Channel::Portal),
    })
}

/// One message for a staff member's open page (live updates), notes included.
pub async fn message_for_staff(db: &Db, id: MessageId, lang: Lang) -> Result<MessageView, Error> {
    let row = db::conversation::message(db, id).await?.ok_or(Error::NotFound)?;
    let conversation = db::conversation::find(db, row.conversation_id).await?.ok_or(Error::NotFound)?;
    let attachments = db::conversation::attachments(db, row.conversation_id, true).await?;
    let team = lang.pick(&conversation.team_nl, &conversation.team_en).to_string();
    messages(vec![row], attachments, &team, lang, staff_attachment_href, true).pop().ok_or(Error::NotFound)
}

/// Staff reply (to the resident) or add an internal note. A reply goes out
/// on the conversation's reply channel and always shows in the portal; it
/// sets the status to waiting for the resident. A note changes nothing the
/// resident can see.
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
    let message = MessageId::ordered();
    let mut tx = db.begin().await?;
    if !insert_message(&mut tx, conversation, message, client_id, channel, direction, Some(staff), &body, &[], now).await? {
        return Err(Error::Conflict);
    }
    match direction {
        Direction::Out => {
            db::conversation::touch(&mut tx, conversation, Some(ConversationStatus::WaitingForResident.code()), None, now).await?;
            if let Some(resident) = row.resident_id {
                crate::backend::service::notification::message_received(&mut tx, resident, now).await?;
                let access = db::access_log::NewAccess { staff_id: staff, resident_id: resident, purpose: CONTACT_HANDLING, action: "antwoord gestuurd", case_id: row.case_id };
                db::access_log::insert(&mut tx, &access, now).await?;
            }
        }
        _ => db::conversation::touch(&mut tx, conversation, None, None, now).await?,
    }
    tx.commit().await?;
    Ok(Posted { conversation, message, new: true })
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
    };
    db::conversation::insert(tx, &new, now).await?;
    insert_message(tx, id, MessageId::ordered(), uuid::Uuid::new_v4(), Channel::Portal, Direction::Out, None, body, &[], now).await?;
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
