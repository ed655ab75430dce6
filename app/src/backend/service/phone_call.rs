//! Phone calls from the telephony platform: a call that starts finds (or
//! opens) the caller's conversation, recognised by a confirmed phone
//! number, so the agent sees the caller's context while the call is on; a
//! call that ends is logged in that conversation as a contact by phone.
//! Each event counts once, however often the platform sends it.

use time::OffsetDateTime;

use crate::backend::{
    auth::session::Staff,
    channel::phone,
    db::{self, Db},
    effect::{Committed, Effects},
    service::{
        contact_address,
        conversation::{self, NewThread},
        inbound,
        message::{self, Posted, Record},
        processing_log::{self, Entry},
        team,
    },
    Error,
};
use crate::backend::local_time::format_moment;
use crate::i18n::Lang;
use crate::model::conversation::{Channel, ConversationStatus, Direction, SenderCheck};
use crate::model::ids::ConversationId;
use crate::model::processing_log::Category;
use crate::model::phone_call::ActiveCall;

/// A wait longer than this is no wait but a platform's clock gone wrong.
const MAX_QUEUE_SECONDS: i64 = 4 * 3600;

/// A call started: returns the caller's conversation. A caller ID can be
/// spoofed, so it never identifies anyone: the call joins the number's
/// open unidentified conversation (or starts one), and when the number is
/// a resident's confirmed one the agent sees "nummer herkend, niet
/// geverifieerd" and checks who is calling before their details open.
/// `queued_at`, when the platform says it, gives the wait in the queue
/// (the phone's service norm).
pub async fn started(
    db: &Db,
    call_id: &str,
    caller: &str,
    agent: Option<&str>,
    at: OffsetDateTime,
    queued_at: Option<OffsetDateTime>,
    now: OffsetDateTime,
) -> Result<ConversationId, Error> {
    let staff = match agent {
        Some(subject) => db::staff_member::find_by_subject(db, subject).await?,
        None => None,
    };
    let at = if at > now { now } else { at };
    let queued_seconds = queued_at.map(|q| (at - q).whole_seconds()).filter(|s| (0..=MAX_QUEUE_SECONDS).contains(s));
    // Read before the transaction: it must not wait for a second connection of the pool.
    let team = team::general(db).await?;
    let mut tx = db.begin().await?;
    db::conversation::lock_contact(&mut tx, caller).await?;
    let open = NewThread { subject: "Telefoongesprek", status: ConversationStatus::Open, team, channel: Channel::Portal };
    let conversation = conversation::open_for_contact(&mut tx, None, caller, open, at).await?;
    let new = db::phone_call::NewCall { provider_call_id: call_id, caller, agent, staff_id: staff, conversation_id: conversation, started_at: at, queued_seconds };
    if !db::phone_call::insert(&mut tx, &new).await? {
        // Reported before: the conversation it was tied to then.
        drop(tx);
        return Ok(db::phone_call::find(db, call_id).await?.map(|c| c.conversation_id).unwrap_or(conversation));
    }
    tx.commit().await?;
    Ok(conversation)
}

/// A call ended: logs it in the caller's conversation (once); `None` for a
/// call that was not reported as started, or ended before.
pub async fn ended(db: &Db, call_id: &str, at: OffsetDateTime, now: OffsetDateTime) -> Result<Option<Committed<Posted>>, Error> {
    let at = if at > now { now } else { at };
    let mut tx = db.begin().await?;
    let Some(call) = db::phone_call::end(&mut tx, call_id, at).await? else { return Ok(None) };
    let minutes = ((at - call.started_at).whole_seconds().max(0) + 59) / 60;
    let body = format!("Telefoongesprek van {minutes} {}.", if minutes == 1 { "minuut" } else { "minuten" });
    let mut record = Record::new(call.conversation_id, inbound::client_id(Channel::Phone, call_id), Channel::Phone, Direction::In, &body);
    record.staff = call.staff_id;
    record.provider_id = Some(call_id);
    if contact_address::resident_with(&mut tx, Channel::Phone, &call.caller).await?.is_some() {
        record.sender_check = Some(SenderCheck::Recognised);
    }
    message::insert_message(&mut tx, &record, &[], call.started_at).await?;
    db::conversation::touch(&mut tx, call.conversation_id, None, None, now).await?;
    tx.commit().await?;
    Ok(Some(Posted { conversation: call.conversation_id, message: record.id, new: true }.announced(Effects::none())))
}

/// The calls on now that this agent takes or their teams handle, for the
/// agents' screen: numbers masked; the residents shown are logged.
pub async fn active(db: &Db, staff: &Staff, lang: Lang, now: OffsetDateTime) -> Result<Vec<ActiveCall>, Error> {
    let mut calls = Vec::new();
    let mut shown = Vec::new();
    for call in db::phone_call::active(db).await? {
        let Some(row) = db::conversation::find(db, call.conversation_id).await? else { continue };
        if !(call.staff_id == Some(staff.id) || staff.handles(row.team_id, row.assignee_id)) {
            continue;
        }
        if let Some(resident) = row.resident_id {
            shown.push(Entry::read(staff.id, resident, Category::Listing, processing_log::CONTACT_HANDLING).object(row.id).team(row.team_id));
        }
        calls.push(ActiveCall {
            conversation: call.conversation_id,
            subject: row.subject,
            caller: phone::masked(&call.caller),
            identified: row.resident_id.is_some(),
            recognised: contact_address::is_confirmed(db, Channel::Phone, &call.caller).await?,
            since: format_moment(lang, call.started_at),
        });
    }
    processing_log::record_reads(db, &shown, now).await?;
    Ok(calls)
}

/// Since when a call is on in this conversation, written out.
pub async fn on_since(db: &Db, conversation: ConversationId, lang: Lang) -> Result<Option<String>, Error> {
    Ok(db::phone_call::active_in(db, conversation).await?.map(|c| format_moment(lang, c.started_at)))
}
