//! Conversations: one thread per question, continued on any channel.
//! This file owns the thread: who sees which, where answers go, who
//! handles it, its attachments, and how staff close or link it. Posting
//! into a thread is `message`; the staff's whole screen is `workspace`.
//!
//! Klantinteracties mapping (for a later exchange with Open Klant): a
//! conversation groups klantcontacten on one onderwerp; each message is a
//! klantcontact with its kanaal; the resident is the betrokkene (rol
//! klant); a linked case is the onderwerpobject; an attachment is a
//! bijlage; internal notes stay in Loket.
//!
//! Rules kept here: a resident only ever reaches their own conversations
//! (a foreign id is `NotFound`) and never an internal note; every staff
//! view of a resident's conversation is logged with its purpose.

use time::OffsetDateTime;

use crate::backend::{
    effect::{Committed, Effects},
    live::LiveEvent,
    auth::session::Staff,
    db::{self, Db},
    service::{contact_address, processing_log::{self, Entry}, satisfaction},
    error::decode,
    storage::DocumentStorage,
    Error,
};
use crate::error::FieldErrorCode;
use crate::backend::local_time::format_moment;
use crate::i18n::Lang;
use crate::model::processing_log::Category;
use crate::model::conversation::{AttachmentView, Channel, Choice, ConversationDetail, ConversationStatus, ConversationSummary, Delivery, Direction, Inbox, MessageLabels, MessageView, SenderCheck};
use crate::model::ids::{AttachmentId, CaseId, ConversationId, MessageId, ResidentId, StaffId};

/// What the staff inbox shows: filters that are `None` do not filter.
pub use db::conversation::InboxFilter;

pub const MAX_SUBJECT_CHARS: usize = 150;
/// Conversations on one page of the inbox.
pub const INBOX_PAGE: i64 = 50;
pub const MAX_RESULT_CHARS: usize = 500;
pub use crate::backend::service::processing_log::CONTACT_HANDLING;

fn status_of(row: &db::conversation::ConversationRow) -> Result<ConversationStatus, Error> {
    decode(&row.status, ConversationStatus::from_code, "a conversation has an unknown status")
}

fn channels(row: &db::conversation::ConversationRow) -> Result<Vec<Channel>, Error> {
    let mut list = row.channels.as_deref().unwrap_or("").split_whitespace().map(|c| decode(c, Channel::from_code, "a message has an unknown channel")).collect::<Result<Vec<_>, _>>()?;
    list.sort_by_key(|c| Channel::ALL.iter().position(|a| a == c));
    Ok(list)
}

/// The channel answers in this conversation go out on.
pub(crate) fn reply_channel(row: &db::conversation::ConversationRow) -> Result<Channel, Error> {
    decode(&row.channel, Channel::from_code, "a conversation has an unknown reply channel")
}

pub(crate) fn preview(body: Option<&str>) -> String {
    let body = body.unwrap_or("");
    let mut short: String = body.chars().take(120).collect();
    if body.chars().count() > 120 {
        short.push('…');
    }
    short
}

pub(crate) fn summary(row: &db::conversation::ConversationRow, lang: Lang, for_staff: bool) -> Result<ConversationSummary, Error> {
    let team = lang.pick(&row.team_nl, &row.team_en).to_string();
    let handled_by = match (&row.assignee_name, for_staff) {
        (Some(name), true) => format!("{team} · {name}"),
        _ => team,
    };
    Ok(ConversationSummary {
        id: row.id,
        subject: row.subject.clone(),
        status: status_of(row)?,
        channels: channels(row)?,
        last_message: preview(row.last_body.as_deref()),
        case_id: row.case_id,
        case_reference: row.case_reference.clone(),
        handled_by,
        updated: format_moment(lang, row.updated_at),
    })
}

/// Messages with their attachments. Residents see the team, never a colleague's name.
pub(crate) fn messages(
    rows: Vec<db::conversation::MessageRow>,
    attachments: Vec<db::conversation::AttachmentRow>,
    team: &str,
    lang: Lang,
    href: impl Fn(ConversationId, AttachmentId) -> String,
    for_staff: bool,
) -> Result<Vec<MessageView>, Error> {
    rows.into_iter()
        .map(|m| {
            let direction = decode(&m.direction, Direction::from_code, "a message has an unknown direction")?;
            let channel = decode(&m.channel, Channel::from_code, "a message has an unknown channel")?;
            let delivery = match (for_staff, m.delivery.as_deref()) {
                (true, Some(code)) => Some(decode(code, Delivery::from_code, "a message has an unknown delivery")?),
                _ => None,
            };
            Ok(MessageView {
                id: m.id,
                direction,
                author: match direction {
                    Direction::In if for_staff => lang.t("conversation-resident").to_string(),
                    Direction::In => lang.t("conversation-you").to_string(),
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
                delivery,
                labels: MessageLabels {
                    channel: channel.label(lang).to_string(),
                    delivery: delivery.map(|d| d.label(lang).to_string()),
                    note: (direction == Direction::Note).then(|| lang.t("message-internal-note").to_string()),
                    sender: m
                        .sender_check
                        .as_deref()
                        .filter(|_| for_staff)
                        .and_then(SenderCheck::from_code)
                        .map(|check| lang.t(check.label_key()).to_string()),
                },
                channel,
                body: m.body,
            })
        })
        .collect()
}

// ---------------------------------------------------------------- the resident's side

/// The resident's conversations, most recently active first.
pub async fn list_for_resident(db: &Db, resident: ResidentId, lang: Lang) -> Result<Vec<ConversationSummary>, Error> {
    db::conversation::list_for_resident(db, resident).await?.iter().map(|r| summary(r, lang, false)).collect()
}

/// The resident's conversations that are not closed, most recently active first.
pub async fn open_for_resident(db: &Db, resident: ResidentId, lang: Lang) -> Result<Vec<ConversationSummary>, Error> {
    db::conversation::list_open_for_resident(db, resident).await?.iter().map(|r| summary(r, lang, false)).collect()
}

/// One of the resident's conversations with every message they may see.
pub async fn detail_for_resident(db: &Db, resident: ResidentId, id: ConversationId, lang: Lang, now: OffsetDateTime) -> Result<ConversationDetail, Error> {
    let row = db::conversation::find_for_resident(db, resident, id).await?.ok_or(Error::NotFound)?;
    let rows = db::conversation::messages(db, id, false).await?;
    let attachments = db::conversation::attachments(db, id, false).await?;
    let team = lang.pick(&row.team_nl, &row.team_en).to_string();
    let mut reply_options = vec![Channel::Portal];
    reply_options.extend(contact_address::reply_addresses(db, resident).await?.into_iter().map(|(channel, _)| channel));
    Ok(ConversationDetail {
        summary: summary(&row, lang, false)?,
        case_id: row.case_id,
        messages: messages(rows, attachments, &team, lang, crate::path::resident_attachment, false)?,
        reply_channel: reply_channel(&row)?,
        reply_options,
        continued_in: row.merged_into,
        satisfaction: satisfaction::of_conversation(db, id, now).await?,
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
            contact_address::reply_addresses(db, resident)
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

/// One message for the resident's open page (live updates); never a note, never someone else's.
pub async fn message_for_resident(db: &Db, resident: ResidentId, id: MessageId, lang: Lang) -> Result<MessageView, Error> {
    let row = db::conversation::message_for_resident(db, resident, id).await?.ok_or(Error::NotFound)?;
    let conversation = db::conversation::find_for_resident(db, resident, row.conversation_id).await?.ok_or(Error::NotFound)?;
    let attachments = db::conversation::attachments(db, row.conversation_id, false).await?;
    let team = lang.pick(&conversation.team_nl, &conversation.team_en).to_string();
    messages(vec![row], attachments, &team, lang, crate::path::resident_attachment, false)?.pop().ok_or(Error::NotFound)
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

/// A conversation this staff member may work on: one of their teams', or
/// assigned to them. Any other is `NotFound`, as if it did not exist.
pub async fn for_staff(db: &Db, staff: &Staff, id: ConversationId) -> Result<db::conversation::ConversationRow, Error> {
    db::conversation::find(db, id).await?.filter(|row| staff.handles(row.team_id, row.assignee_id)).ok_or(Error::NotFound)
}

/// The inbox filter as the address writes it (`team`, `status`,
/// `channel`, `assignee` = `me` or `none`, `na` = the last one seen);
/// empty values do not filter, wrong ones are named.
pub fn inbox_filter(staff: &Staff, team: &str, status: &str, channel: &str, assignee: &str, after: &str) -> Result<db::conversation::InboxFilter, Error> {
    let some = |v: &str| Some(v.trim().to_string()).filter(|v| !v.is_empty());
    let invalid = |field: &str| Error::field(field, FieldErrorCode::Invalid);
    Ok(db::conversation::InboxFilter {
        team: some(team).map(|t| t.parse()).transpose().map_err(|_| invalid("team"))?,
        status: some(status).map(|s| ConversationStatus::from_code(&s).map(|s| s.code().to_string()).ok_or_else(|| invalid("status"))).transpose()?,
        channel: some(channel).map(|c| Channel::from_code(&c).map(|c| c.code().to_string()).ok_or_else(|| invalid("channel"))).transpose()?,
        assignee: (some(assignee).as_deref() == Some("me")).then_some(staff.id),
        unassigned: some(assignee).as_deref() == Some("none"),
        scope: None,
        after: some(after).map(|a| a.parse()).transpose().map_err(|_| invalid("na"))?,
    })
}

/// The inbox: the open conversations of the staff member's teams (and
/// those assigned to them) across channels, longest waiting first, a
/// page at a time, with how many each filter finds. The residents it
/// shows are logged, one line each.
pub async fn inbox(db: &Db, staff: &Staff, filter: &db::conversation::InboxFilter, lang: Lang, now: OffsetDateTime) -> Result<Inbox, Error> {
    let filter = db::conversation::InboxFilter { scope: Some(staff.id), ..filter.clone() };
    let mut rows = db::conversation::inbox(db, &filter, INBOX_PAGE + 1).await?;
    let next = (rows.len() as i64 > INBOX_PAGE).then(|| {
        rows.truncate(INBOX_PAGE as usize);
        rows.last().map(|r| r.id)
    });
    processing_log::record_listing(db, staff.id, rows.iter().map(|r| (r.resident_id, r.team_id)), CONTACT_HANDLING, now).await?;
    let teams = db::team::list(db).await?.into_iter().map(|t| Choice { value: t.id.to_string(), label: lang.pick(&t.name_nl, &t.name_en).to_string() }).collect();
    let (per_status, per_channel, total) = inbox_counts(db, &filter).await?;
    Ok(Inbox {
        conversations: rows.iter().map(|r| summary(r, lang, true)).collect::<Result<_, _>>()?,
        teams,
        total,
        next: next.flatten(),
        per_channel,
        per_status,
    })
}

/// How many conversations each state (but closed) and each channel would
/// show, the others of the filter kept, and how many the filter shows.
async fn inbox_counts(db: &Db, filter: &db::conversation::InboxFilter) -> Result<(Vec<(ConversationStatus, i64)>, Vec<(Channel, i64)>, i64), Error> {
    let open = db::conversation::inbox_counts(db, filter, db::conversation::Open::Yes).await?;
    let closed = match filter.status.as_deref() {
        Some(code) if code == ConversationStatus::Closed.code() => Some(db::conversation::inbox_counts(db, filter, db::conversation::Open::No).await?),
        _ => None,
    };
    let on_channel = |channel: &str| filter.channel.as_deref().is_none_or(|c| c == channel);
    let in_status = |status: &str| filter.status.as_deref().is_none_or(|s| s == status);
    let per_status = tally(open.iter().filter(|(_, channel, _)| on_channel(channel)).map(|(status, _, n)| (ConversationStatus::from_code(status), *n)));
    let shown = closed.as_ref().unwrap_or(&open);
    let per_channel = tally(shown.iter().filter(|(status, _, _)| in_status(status)).map(|(_, channel, n)| (Channel::from_code(channel), *n)));
    let total = shown.iter().filter(|(status, channel, _)| in_status(status) && on_channel(channel)).map(|(_, _, n)| n).sum();
    Ok((per_status, per_channel, total))
}

/// Adds up counts per key, in the order the keys first come; unknown keys are left out.
fn tally<K: PartialEq>(counts: impl Iterator<Item = (Option<K>, i64)>) -> Vec<(K, i64)> {
    let mut tally: Vec<(K, i64)> = Vec::new();
    for (key, n) in counts {
        let Some(key) = key else { continue };
        match tally.iter_mut().find(|(k, _)| *k == key) {
            Some((_, total)) => *total += n,
            None => tally.push((key, n)),
        }
    }
    tally
}

/// The conversations with these ids this staff member may work on, as the
/// inbox lists them (a search's result); the residents shown are logged.
pub async fn summaries_for_staff(db: &Db, staff: &Staff, ids: &[ConversationId], lang: Lang, now: OffsetDateTime) -> Result<Vec<ConversationSummary>, Error> {
    let mut rows = Vec::new();
    for id in ids.iter().take(20) {
        if let Some(row) = db::conversation::find(db, *id).await?.filter(|row| staff.handles(row.team_id, row.assignee_id)) {
            rows.push(row);
        }
    }
    processing_log::record_listing(db, staff.id, rows.iter().map(|r| (r.resident_id, r.team_id)), CONTACT_HANDLING, now).await?;
    rows.iter().map(|r| summary(r, lang, true)).collect()
}

/// Logs a staff read of a resident's conversation (an unidentified one is nobody's yet).
pub(crate) async fn log_view(db: &Db, staff: StaffId, row: &db::conversation::ConversationRow, category: Category, now: OffsetDateTime) -> Result<(), Error> {
    if let Some(resident) = row.resident_id {
        let entry = Entry::read(staff, resident, category, CONTACT_HANDLING).object(row.id).team(row.team_id);
        processing_log::record_reads(db, &[entry], now).await?;
    }
    Ok(())
}

/// One message for a staff member's open page (live updates), notes included.
pub async fn message_for_staff(db: &Db, id: MessageId, lang: Lang) -> Result<MessageView, Error> {
    let row = db::conversation::message(db, id).await?.ok_or(Error::NotFound)?;
    let conversation = db::conversation::find(db, row.conversation_id).await?.ok_or(Error::NotFound)?;
    let attachments = db::conversation::attachments(db, row.conversation_id, true).await?;
    let team = lang.pick(&conversation.team_nl, &conversation.team_en).to_string();
    messages(vec![row], attachments, &team, lang, crate::path::staff_attachment, true)?.pop().ok_or(Error::NotFound)
}

/// Staff link an unidentified contact to a resident (who proved who they
/// are, on the phone or at the counter): this conversation and every other
/// unidentified one from the same address become the resident's, history
/// and all, and the address is remembered as linked (not confirmed by the
/// resident), so what comes from it next joins their history too. Logged
/// with its purpose and the reason staff give.
pub async fn identify(db: &Db, staff: &Staff, conversation: ConversationId, bsn: &str, reason: &str, now: OffsetDateTime) -> Result<Committed<u64>, Error> {
    let row = for_staff(db, staff, conversation).await?;
    if row.resident_id.is_some() {
        return Err(Error::Conflict);
    }
    let bsn = crate::backend::auth::bsn::Bsn::parse(bsn.trim()).map_err(|_| Error::field("bsn", FieldErrorCode::Invalid))?;
    let reason = processing_log::reason(reason)?;
    let resident = db::resident::find_by_bsn(db, bsn.expose()).await?.ok_or_else(|| Error::field("bsn", FieldErrorCode::Unknown))?;
    let mut tx = db.begin().await?;
    let linked = match row.contact.as_deref() {
        Some(_) => 0,
        None => u64::from(db::conversation::claim_for_resident(&mut tx, conversation, resident, now).await?),
    };
    if let Some(contact) = row.contact.as_deref() {
        contact_address::link(&mut tx, resident, reply_channel(&row)?, contact, staff.id, now).await?;
    }
    let entry = Entry::change(staff.id, resident, Category::Identity, processing_log::IDENTIFICATION).object(conversation).team(row.team_id).reason(reason);
    processing_log::record(&mut tx, &entry, now).await?;
    tx.commit().await?;
    let linked = match row.contact.as_deref() {
        Some(contact) => db::conversation::claim_contact(db, contact, resident, now).await?,
        None => linked,
    };
    Ok(Committed::new(linked, changed(conversation)))
}

/// Open pages (the workspace's counts, the inbox) learn that a conversation changed hands or state.
fn changed(conversation: ConversationId) -> Effects {
    Effects::announce(LiveEvent::Conversation { conversation })
}

/// Assigns the conversation to a colleague (or to nobody).
pub async fn assign(db: &Db, staff: &Staff, conversation: ConversationId, assignee: Option<StaffId>, now: OffsetDateTime) -> Result<Committed<()>, Error> {
    for_staff(db, staff, conversation).await?;
    if let Some(assignee) = assignee {
        db::staff_member::find(db, assignee).await?.ok_or_else(|| Error::field("assignee", FieldErrorCode::Invalid))?;
    }
    if !db::conversation::assign(db, conversation, assignee, now).await? {
        return Err(Error::NotFound);
    }
    Ok(Committed::new((), changed(conversation)))
}

/// Links the conversation to one of the same resident's cases (logged as
/// handling the resident's contact); the case page then lists it.
pub async fn link_case(db: &Db, staff: &Staff, conversation: ConversationId, case: CaseId, now: OffsetDateTime) -> Result<(), Error> {
    let row = for_staff(db, staff, conversation).await?;
    let resident = row.resident_id.ok_or_else(|| Error::field("case", FieldErrorCode::Invalid))?;
    let mut tx = db.begin().await?;
    if !db::conversation::link_case(&mut tx, conversation, case, now).await? {
        return Err(Error::field("case", FieldErrorCode::Invalid));
    }
    let entry = Entry::change(staff.id, resident, Category::Conversation, CONTACT_HANDLING).object(conversation).team(row.team_id);
    processing_log::record(&mut tx, &entry, now).await?;
    tx.commit().await?;
    Ok(())
}

/// Staff merge `from` into `into`: two conversations of the same resident
/// about the same matter become one. Every message of `from` moves (and
/// remembers where it came from), `from` closes pointing to `into`. With
/// the reason staff give, logged; [`unmerge`] undoes it. A conversation
/// others were merged into is not merged itself (undo those first).
pub async fn merge(db: &Db, staff: &Staff, from: ConversationId, into: ConversationId, reason: &str, now: OffsetDateTime) -> Result<Committed<()>, Error> {
    let source = for_staff(db, staff, from).await?;
    let target = for_staff(db, staff, into).await.map_err(|_| Error::field("into", FieldErrorCode::Invalid))?;
    let reason = processing_log::reason(reason)?;
    let resident = match (source.resident_id, target.resident_id) {
        (Some(a), Some(b)) if a == b && from != into => a,
        _ => return Err(Error::field("into", FieldErrorCode::Invalid)),
    };
    if source.merged_into.is_some() || target.merged_into.is_some() || db::conversation::has_merged_in(db, from).await? {
        return Err(Error::Conflict);
    }
    let mut tx = db.begin().await?;
    if !db::conversation::merge(&mut tx, from, into, now).await? {
        return Err(Error::Conflict);
    }
    let entry = Entry::change(staff.id, resident, Category::Conversation, CONTACT_HANDLING).object(into).team(target.team_id).reason(reason);
    processing_log::record(&mut tx, &entry, now).await?;
    tx.commit().await?;
    Ok(Committed::new((), changed(from).and(changed(into))))
}

/// Undoes a merge: the messages that came from `from` go back to it, and
/// it is open again. With the reason staff give, logged.
pub async fn unmerge(db: &Db, staff: &Staff, from: ConversationId, reason: &str, now: OffsetDateTime) -> Result<Committed<()>, Error> {
    let source = for_staff(db, staff, from).await?;
    let into = source.merged_into.ok_or(Error::Conflict)?;
    let reason = processing_log::reason(reason)?;
    let mut tx = db.begin().await?;
    if !db::conversation::unmerge(&mut tx, from, into, now).await? {
        return Err(Error::Conflict);
    }
    if let Some(resident) = source.resident_id {
        let entry = Entry::change(staff.id, resident, Category::Conversation, CONTACT_HANDLING).object(from).team(source.team_id).reason(reason);
        processing_log::record(&mut tx, &entry, now).await?;
    }
    tx.commit().await?;
    Ok(Committed::new((), changed(from).and(changed(into))))
}

/// Closes the conversation with its result (what was answered or done),
/// and asks the resident how satisfied they are (see `satisfaction`).
pub async fn close(db: &Db, staff: &Staff, conversation: ConversationId, result: &str, now: OffsetDateTime) -> Result<Committed<()>, Error> {
    let result = Error::required_text("result", result, MAX_RESULT_CHARS)?;
    let row = for_staff(db, staff, conversation).await?;
    let mut tx = db.begin().await?;
    if !db::conversation::close(&mut tx, conversation, &result, now).await? {
        return Err(Error::Conflict);
    }
    let asked = satisfaction::ask_after_close(&mut tx, &row, now).await?;
    tx.commit().await?;
    Ok(Committed::new((), changed(conversation).and(asked)))
}

/// An attachment of a conversation the staff member may work on; the download is logged with its purpose.
pub async fn attachment_for_staff(
    db: &Db,
    storage: &dyn DocumentStorage,
    staff: &Staff,
    conversation: ConversationId,
    id: AttachmentId,
    now: OffsetDateTime,
) -> Result<(String, String, Vec<u8>), Error> {
    let owner = for_staff(db, staff, conversation).await?;
    let row = db::conversation::attachment(db, conversation, id).await?.ok_or(Error::NotFound)?;
    log_view(db, staff.id, &owner, Category::Document, now).await?;
    let bytes = storage.get(&row.storage_key).await.map_err(|_| Error::Internal("reading a stored attachment failed"))?;
    Ok((row.file_name, row.content_type, bytes))
}

/// The open conversation with this address (of the resident who confirmed
/// it, or of nobody yet), or a new one that `open` describes, inside the
/// caller's transaction. Contacts from one address are taken one at a
/// time, so two arriving together never open two threads.
pub(crate) async fn open_for_contact(tx: &mut db::Tx, resident: Option<ResidentId>, contact: &str, open: NewThread<'_>, at: OffsetDateTime) -> Result<ConversationId, Error> {
    if let Some(id) = db::conversation::find_open_by_contact(tx, resident, contact).await? {
        return Ok(id);
    }
    let id = ConversationId::new();
    let new = db::conversation::NewConversation {
        id,
        resident_id: resident,
        subject: open.subject,
        case_id: None,
        status: open.status.code(),
        team_id: open.team,
        channel: open.channel.code(),
        contact: Some(contact),
    };
    db::conversation::insert(tx, &new, at).await?;
    Ok(id)
}

/// What a conversation opened by a contact starts as.
pub(crate) struct NewThread<'a> {
    pub subject: &'a str,
    pub status: ConversationStatus,
    pub team: crate::model::ids::TeamId,
    pub channel: Channel,
}

/// Whose conversation this is (`None` while nobody is identified).
pub async fn resident_of(db: &Db, conversation: ConversationId) -> Result<Option<ResidentId>, Error> {
    Ok(db::conversation::find(db, conversation).await?.ok_or(Error::NotFound)?.resident_id)
}

/// `NotFound` unless this is one of the resident's conversations.
pub async fn ensure_residents(db: &Db, resident: ResidentId, conversation: ConversationId) -> Result<(), Error> {
    db::conversation::find_for_resident(db, resident, conversation).await?.map(|_| ()).ok_or(Error::NotFound)
}
