//! Callback requests (contactverzoeken) that never fall between the
//! cracks: every request has an owner (a colleague, or a team), a term in
//! working hours ([`Calendar`]), and a backup. When the term passes the
//! owner gets a reminder, repeated at the type's interval; after three
//! reminders the request escalates to the backup (a named colleague, or
//! the team's lead), who is told. Each step is taken by exactly one worker
//! of however many nodes run, and recorded in the request's history.
//!
//! Klantinteracties mapping (for an exchange with Open Klant / KISS
//! later): a request is an interne taak (toelichting = question and
//! intake, actor = owner, status te verwerken / verwerkt) on the
//! klantcontact of its conversation.

use time::OffsetDateTime;

use crate::backend::{
    auth::session::Staff,
    calendar::Calendar,
    channel::phone,
    db::{self, Db},
    effect::{Committed, Effects},
    live::LiveEvent,
    service::{
        contact_address::{self, AddressKind, PhoneNumber},
        notice::{self, Notice},
        processing_log::{self, Entry},
        publication,
    },
    Error,
};
use crate::error::FieldErrorCode;
use crate::backend::local_time::format_moment;
use crate::i18n::Lang;
use crate::model::callback::{CallbackEvent, CallbackStatus, CallbackSummary, CallbackType, ResidentCallback, StaffCallback, Worklist};
use crate::model::conversation::Choice;
use crate::model::processing_log::Category;
use crate::model::ids::{CallbackId, CallbackTypeId, ConversationId, ResidentId, StaffId, TeamId};

/// Which requests a worklist shows.
pub use db::callback::Worklist as List;

pub const MAX_QUESTION_CHARS: usize = 2000;
pub const MAX_ANSWER_CHARS: usize = 500;
pub const MAX_TIME_CHARS: usize = 100;
pub const MAX_NOTE_CHARS: usize = 2000;
/// Reminders before a request escalates to its backup.
pub const REMINDERS_BEFORE_ESCALATION: i64 = 3;
pub use crate::backend::service::processing_log::CALLBACK_HANDLING;


// ---------------------------------------------------------------- types

pub async fn types(db: &Db, lang: Lang) -> Result<Vec<CallbackType>, Error> {
    let teams = db::team::list(db).await?;
    Ok(db::callback::types(db)
        .await?
        .into_iter()
        .map(|t| CallbackType {
            id: t.id.to_string(),
            name: lang.pick(&t.name_nl, &t.name_en).to_string(),
            team: teams.iter().find(|team| team.id == t.team_id).map(|team| lang.pick(&team.name_nl, &team.name_en).to_string()).unwrap_or_default(),
            term_hours: t.term_hours,
            reminder_hours: t.reminder_hours,
            questions: t.questions.lines().map(str::trim).filter(|q| !q.is_empty()).map(str::to_string).collect(),
        })
        .collect())
}

/// The functional administrator sets a type's term, reminder interval (working hours) and intake questions.
pub async fn update_type(db: &Db, id: CallbackTypeId, term_hours: i64, reminder_hours: i64, questions: &str) -> Result<(), Error> {
    if !(1..=400).contains(&term_hours) {
        return Err(Error::field("term_hours", FieldErrorCode::Invalid));
    }
    if !(1..=80).contains(&reminder_hours) {
        return Err(Error::field("reminder_hours", FieldErrorCode::Invalid));
    }
    if questions.chars().count() > 2000 {
        return Err(Error::field("questions", FieldErrorCode::TooLong));
    }
    if !db::callback::update_type(db, id, term_hours, reminder_hours, questions.trim()).await? {
        return Err(Error::NotFound);
    }
    Ok(())
}

/// A number to call for a conversation: its own phone contact, or its resident's confirmed number.
pub async fn phone_of_conversation(db: &Db, conversation: ConversationId) -> Result<crate::model::contact_address::AddressSetting, Error> {
    use crate::model::contact_address::AddressSetting;
    let row = db::conversation::find(db, conversation).await?.ok_or(Error::NotFound)?;
    if let Some(contact) = row.contact.filter(|c| c.starts_with('+')) {
        return Ok(AddressSetting::Confirmed { address: contact });
    }
    match row.resident_id {
        Some(resident) => contact_address::setting(db, resident, AddressKind::Phone).await,
        None => Ok(AddressSetting::Off),
    }
}

// ---------------------------------------------------------------- creating

/// Who owns a request: a colleague, or a team (then anyone in it may take it).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Owner {
    Person(StaffId),
    Team(TeamId),
}

/// A new request, from the resident or from staff.
pub struct NewRequest<'a> {
    pub client_id: uuid::Uuid,
    pub callback_type: CallbackTypeId,
    pub resident: Option<ResidentId>,
    pub conversation: Option<ConversationId>,
    pub phone: &'a str,
    pub preferred_time: &'a str,
    pub question: &'a str,
    /// Answers to the type's intake questions, in their order.
    pub answers: &'a [String],
    /// `None`: the type's team.
    pub owner: Option<Owner>,
    /// `None`: the team's lead.
    pub backup: Option<StaffId>,
}

/// Records a request with its owner and term. A repeat of the client id
/// returns the first request and adds nothing.
pub async fn create(db: &Db, calendar: &Calendar, by: Option<StaffId>, new: &NewRequest<'_>, now: OffsetDateTime) -> Result<Committed<CallbackId>, Error> {
    if let Some(earlier) = db::callback::by_client_id(db, new.client_id).await? {
        let same = match (new.resident, by) {
            (Some(resident), None) => earlier.resident_id == Some(resident),
            _ => true,
        };
        return if same { Ok(Committed::only(earlier.id)) } else { Err(Error::Conflict) };
    }
    let kind = db::callback::find_type(db, new.callback_type).await?.ok_or_else(|| Error::field("callback_type", FieldErrorCode::Invalid))?;
    let phone = PhoneNumber::parse(new.phone)?;
    let phone = phone.as_str();
    let question = Error::required_text("question", new.question, MAX_QUESTION_CHARS)?;
    let preferred_time = new.preferred_time.trim();
    if preferred_time.chars().count() > MAX_TIME_CHARS {
        return Err(Error::field("preferred_time", FieldErrorCode::TooLong));
    }
    let questions: Vec<&str> = kind.questions.lines().map(str::trim).filter(|q| !q.is_empty()).collect();
    if new.answers.len() > questions.len() || new.answers.iter().any(|a| a.chars().count() > MAX_ANSWER_CHARS) {
        return Err(Error::field("answers", FieldErrorCode::Invalid));
    }
    let answers: Vec<(&str, &str)> = questions.iter().zip(new.answers.iter().map(|a| a.trim()).chain(std::iter::repeat(""))).map(|(q, a)| (*q, a)).collect();
    let answers = serde_json::to_string(&answers).map_err(|_| Error::Internal("answers not serializable"))?;
    let (team, owner) = match new.owner {
        Some(Owner::Person(staff)) => {
            db::staff_member::find(db, staff).await?.ok_or_else(|| Error::field("owner", FieldErrorCode::Invalid))?;
            (kind.team_id, Some(staff))
        }
        Some(Owner::Team(team)) => (team, None),
        None => (kind.team_id, None),
    };
    if let Some(backup) = new.backup {
        db::staff_member::find(db, backup).await?.ok_or_else(|| Error::field("backup", FieldErrorCode::Invalid))?;
    }
    if let Some(conversation) = new.conversation {
        let row = db::conversation::find(db, conversation).await?.ok_or(Error::NotFound)?;
        if new.resident.is_some() && row.resident_id != new.resident {
            return Err(Error::NotFound);
        }
    }
    let id = CallbackId::new();
    let due = calendar.deadline(now, kind.term_hours);
    let mut tx = db.begin().await?;
    let row = db::callback::NewCallback {
        id,
        client_id: new.client_id,
        callback_type_id: kind.id,
        resident_id: new.resident,
        conversation_id: new.conversation,
        phone: &phone,
        preferred_time,
        question: &question,
        answers: &answers,
        team_id: team,
        owner_id: owner,
        backup_id: new.backup,
        due_at: due,
        created_by: by,
    };
    if !db::callback::insert(&mut tx, &row, now).await? {
        return Err(Error::Conflict);
    }
    event(&mut tx, id, "created", by, None, None, None, now).await?;
    tx.commit().await?;
    Ok(Committed::new(id, changed(id)))
}

/// A request changed: the resident's open pages hear of it.
fn changed(id: CallbackId) -> Effects {
    Effects::announce(LiveEvent::Callback { callback: id })
}

/// A step in the request's history; making and closing it are also
/// published to the municipality's other systems (`publication`).
#[allow(clippy::too_many_arguments)]
async fn event(tx: &mut db::Tx, id: CallbackId, kind: &str, staff: Option<StaffId>, reached: Option<bool>, channel: Option<&str>, note: Option<&str>, now: OffsetDateTime) -> Result<(), Error> {
    let new = db::callback::NewEvent { callback_id: id, kind, staff_id: staff, reached, channel, note };
    db::callback::insert_event(tx, &new, now).await?;
    let published = match kind {
        "created" => Some(publication::Event::CallbackCreated { id, by_staff: staff.is_some() }),
        "closed" | "cancelled" => Some(publication::Event::CallbackClosed { id }),
        _ => None,
    };
    if let Some(event) = published {
        publication::record(tx, &event, now).await?;
    }
    Ok(())
}

// ---------------------------------------------------------------- the resident's side

fn status_of(row: &db::callback::CallbackRow) -> Result<CallbackStatus, Error> {
    crate::backend::error::decode(&row.status, CallbackStatus::from_code, "a callback request has an unknown status")
}

fn resident_view(row: db::callback::CallbackRow, lang: Lang) -> Result<ResidentCallback, Error> {
    Ok(ResidentCallback {
        id: row.id,
        topic: lang.pick(&row.type_nl, &row.type_en).to_string(),
        team: lang.pick(&row.team_nl, &row.team_en).to_string(),
        by: format_moment(lang, row.due_at),
        status: status_of(&row)?,
        question: row.question,
        phone: phone::masked(&row.phone),
        preferred_time: row.preferred_time,
    })
}

/// The resident's open requests, soonest first.
pub async fn open_for_resident(db: &Db, resident: ResidentId, lang: Lang) -> Result<Vec<ResidentCallback>, Error> {
    db::callback::open_for_resident(db, resident).await?.into_iter().map(|r| resident_view(r, lang)).collect()
}

/// One of the resident's requests; someone else's is `NotFound`.
pub async fn for_resident(db: &Db, resident: ResidentId, id: CallbackId, lang: Lang) -> Result<ResidentCallback, Error> {
    resident_view(db::callback::find_for_resident(db, resident, id).await?.ok_or(Error::NotFound)?, lang)
}

/// The resident adds information to their open request.
pub async fn add_info(db: &Db, resident: ResidentId, id: CallbackId, text: &str, now: OffsetDateTime) -> Result<Committed<()>, Error> {
    db::callback::find_for_resident(db, resident, id).await?.ok_or(Error::NotFound)?;
    let text = Error::required_text("info", text, MAX_NOTE_CHARS)?;
    let mut tx = db.begin().await?;
    if !db::callback::append_question(&mut tx, id, &format!("\n\n{text}"), now).await? {
        return Err(Error::Conflict);
    }
    event(&mut tx, id, "added_info", None, None, None, Some(&text), now).await?;
    tx.commit().await?;
    Ok(Committed::new((), changed(id)))
}

/// The resident no longer needs the call.
pub async fn cancel(db: &Db, resident: ResidentId, id: CallbackId, now: OffsetDateTime) -> Result<Committed<()>, Error> {
    db::callback::find_for_resident(db, resident, id).await?.ok_or(Error::NotFound)?;
    let mut tx = db.begin().await?;
    if !db::callback::close(&mut tx, id, CallbackStatus::Cancelled.code(), None, now).await? {
        return Err(Error::Conflict);
    }
    event(&mut tx, id, "cancelled", None, None, None, None, now).await?;
    tx.commit().await?;
    Ok(Committed::new((), changed(id)))
}

// ---------------------------------------------------------------- the staff side

fn owner_label(row: &db::callback::CallbackRow, lang: Lang) -> String {
    match &row.owner_name {
        Some(name) => name.clone(),
        None => format!("{} {}", lang.t("callback-team"), lang.pick(&row.team_nl, &row.team_en)),
    }
}

/// A worklist, the most urgent first, with the counts for the navigation.
pub async fn worklist(db: &Db, staff: &Staff, list: List, lang: Lang, now: OffsetDateTime) -> Result<Worklist, Error> {
    let items = most_urgent(db, staff, list, 500, lang, now).await?;
    let (mine, team, overdue, escalated) = db::callback::counts(db, staff.id, now).await?;
    Ok(Worklist { items, mine, team, overdue, escalated })
}

/// The first `limit` of a worklist, the most urgent first; the residents shown are logged.
pub async fn most_urgent(db: &Db, staff: &Staff, list: List, limit: i64, lang: Lang, now: OffsetDateTime) -> Result<Vec<CallbackSummary>, Error> {
    let rows = db::callback::worklist(db, staff.id, list, limit, now).await?;
    processing_log::record_listing(db, staff.id, rows.iter().map(|r| (r.resident_id, r.team_id)), CALLBACK_HANDLING, now).await?;
    Ok(rows
        .into_iter()
        .map(|r| CallbackSummary {
            id: r.id,
            topic: lang.pick(&r.type_nl, &r.type_en).to_string(),
            owner: owner_label(&r, lang),
            due: format_moment(lang, r.due_at),
            overdue: r.due_at <= now,
            escalated: r.escalated_at.is_some(),
            reminders: r.reminders,
        })
        .collect())
}

fn describe(e: &db::callback::EventRow, lang: Lang) -> String {
    event_label(&e.kind, e.reached, e.channel.as_deref(), lang)
}

/// A step in a request's history in words: what happened, and for a
/// contact attempt on which channel and whether the resident was reached.
pub fn event_label(kind: &str, reached: Option<bool>, channel: Option<&str>, lang: Lang) -> String {
    // The channel in words ("Telefoon", "WhatsApp"), never its stored code.
    let channel = channel.and_then(crate::model::conversation::Channel::from_code).map(|c| c.label(lang)).unwrap_or("-");
    match (kind, reached) {
        ("created", _) => lang.t("callback-created").into(),
        ("attempt", Some(true)) => format!("{} ({channel}): {}", lang.t("callback-contact"), lang.t("callback-reached")),
        ("attempt", _) => format!("{} ({channel}): {}", lang.t("callback-contact"), lang.t("callback-not-reached")),
        ("handed_over", _) => lang.t("callback-handed-over").into(),
        ("reminder", _) => lang.t("callback-reminder-sent-the-term-has-passed").into(),
        ("escalated", _) => lang.t("callback-escalated-to-the-backup").into(),
        ("added_info", _) => lang.t("callback-resident-added-information").into(),
        ("cancelled", _) => lang.t("callback-cancelled-by-the-resident").into(),
        ("closed", _) => lang.t("callback-handled").into(),
        _ => lang.t("callback-changed").into(),
    }
}

/// A request this staff member may handle: their teams', or theirs as
/// owner, backup or the one who made it (to follow it up). Any other is `NotFound`.
async fn row_for_staff(db: &Db, staff: &Staff, id: CallbackId) -> Result<db::callback::CallbackRow, Error> {
    let row = db::callback::find(db, id).await?.ok_or(Error::NotFound)?;
    let theirs = staff.in_team(row.team_id) || [row.owner_id, row.backup_id, row.created_by].contains(&Some(staff.id));
    // The team's lead is asked for only when nothing else made it theirs.
    if theirs || db::team::lead(db, row.team_id).await? == Some(staff.id) {
        Ok(row)
    } else {
        Err(Error::NotFound)
    }
}

/// A request as staff handle it; the view is logged with its purpose.
pub async fn for_staff(db: &Db, staff: &Staff, id: CallbackId, lang: Lang, now: OffsetDateTime) -> Result<StaffCallback, Error> {
    let row = row_for_staff(db, staff, id).await?;
    if let Some(resident) = row.resident_id {
        let entry = Entry::read(staff.id, resident, Category::Callback, CALLBACK_HANDLING).object(row.id).team(row.team_id);
        processing_log::record_reads(db, &[entry], now).await?;
    }
    let answers: Vec<(String, String)> = serde_json::from_str(&row.answers).unwrap_or_default();
    let backup = match &row.backup_name {
        Some(name) => name.clone(),
        None => match db::team::lead_name(db, row.team_id).await? {
            Some(name) => format!("{name} ({})", lang.t("callback-team-lead")),
            None => lang.t("callback-the-team-lead").into(),
        },
    };
    let history = db::callback::events(db, id)
        .await?
        .iter()
        .map(|e| CallbackEvent { at: format_moment(lang, e.created_at), what: describe(e, lang), who: e.staff_name.clone(), note: e.note.clone() })
        .collect();
    let teams = db::team::list(db).await?.into_iter().map(|t| Choice { value: t.id.to_string(), label: lang.pick(&t.name_nl, &t.name_en).to_string() }).collect();
    let colleagues = db::staff_member::list(db).await?.into_iter().map(|s| Choice { value: s.id.to_string(), label: s.name }).collect();
    Ok(StaffCallback {
        id: row.id,
        topic: lang.pick(&row.type_nl, &row.type_en).to_string(),
        status: status_of(&row)?,
        team: lang.pick(&row.team_nl, &row.team_en).to_string(),
        owner: owner_label(&row, lang),
        backup,
        due: format_moment(lang, row.due_at),
        overdue: row.status == "open" && row.due_at <= now,
        escalated: row.escalated_at.is_some(),
        reminders: row.reminders,
        phone: row.phone.clone(),
        preferred_time: row.preferred_time.clone(),
        question: row.question.clone(),
        answers,
        result: row.result.clone(),
        conversation: row.conversation_id,
        history,
        teams,
        colleagues,
    })
}

/// Staff record a contact attempt: by which channel, reached or not, a note.
pub async fn record_attempt(db: &Db, staff: &Staff, id: CallbackId, channel: &str, reached: bool, note: &str, now: OffsetDateTime) -> Result<Committed<()>, Error> {
    let row = row_for_staff(db, staff, id).await?;
    if row.status != "open" {
        return Err(Error::Conflict);
    }
    let channel = crate::model::conversation::Channel::from_code(channel).ok_or_else(|| Error::field("channel", FieldErrorCode::Invalid))?;
    let note = note.trim();
    if note.chars().count() > MAX_NOTE_CHARS {
        return Err(Error::field("note", FieldErrorCode::TooLong));
    }
    let mut tx = db.begin().await?;
    event(&mut tx, id, "attempt", Some(staff.id), Some(reached), Some(channel.code()), (!note.is_empty()).then_some(note), now).await?;
    tx.commit().await?;
    Ok(Committed::new((), changed(id)))
}

/// Staff hand the request to another owner, with a reason; the new owner gets a fresh term.
pub async fn hand_over(db: &Db, calendar: &Calendar, staff: &Staff, id: CallbackId, to: Owner, reason: &str, now: OffsetDateTime) -> Result<Committed<()>, Error> {
    let row = row_for_staff(db, staff, id).await?;
    let reason = Error::required_text("reason", reason, MAX_NOTE_CHARS)?;
    let kind = db::callback::find_type(db, row.callback_type_id).await?.ok_or(Error::Internal("a request without its type"))?;
    let (team, owner) = match to {
        Owner::Person(person) => {
            db::staff_member::find(db, person).await?.ok_or_else(|| Error::field("owner", FieldErrorCode::Invalid))?;
            (row.team_id, Some(person))
        }
        Owner::Team(team) => {
            if !db::team::list(db).await?.iter().any(|t| t.id == team) {
                return Err(Error::field("owner", FieldErrorCode::Invalid));
            }
            (team, None)
        }
    };
    let mut tx = db.begin().await?;
    if !db::callback::hand_over(&mut tx, id, team, owner, calendar.deadline(now, kind.term_hours), now).await? {
        return Err(Error::Conflict);
    }
    event(&mut tx, id, "handed_over", Some(staff.id), None, None, Some(&reason), now).await?;
    tx.commit().await?;
    Ok(Committed::new((), changed(id)))
}

/// Staff close the request with its result.
pub async fn close(db: &Db, staff: &Staff, id: CallbackId, result: &str, now: OffsetDateTime) -> Result<Committed<()>, Error> {
    row_for_staff(db, staff, id).await?;
    let result = Error::required_text("result", result, MAX_NOTE_CHARS)?;
    let mut tx = db.begin().await?;
    if !db::callback::close(&mut tx, id, CallbackStatus::Handled.code(), Some(&result), now).await? {
        return Err(Error::Conflict);
    }
    event(&mut tx, id, "closed", Some(staff.id), None, None, Some(&result), now).await?;
    tx.commit().await?;
    Ok(Committed::new((), changed(id)))
}

// ---------------------------------------------------------------- reminders and escalation

/// What a round of the reminder worker did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Round {
    pub reminders: usize,
    pub escalations: usize,
}

/// Takes every step that is due: a reminder to the owner (up to
/// [`REMINDERS_BEFORE_ESCALATION`], each after the type's interval), then
/// the escalation to the backup. Safe on any number of nodes: each step
/// is a conditional update, so exactly one worker takes it and queues its
/// one notice.
pub async fn remind_due(db: &Db, calendar: &Calendar, now: OffsetDateTime) -> Result<Committed<Round>, Error> {
    let mut round = Round::default();
    let mut effects = Effects::none();
    for row in db::callback::due_for_reminder(db, now, 100).await? {
        let Some(kind) = db::callback::find_type(db, row.callback_type_id).await? else { continue };
        let escalate = row.reminders >= REMINDERS_BEFORE_ESCALATION;
        let next = (!escalate).then(|| calendar.deadline(now, kind.reminder_hours));
        // Who is told, read before the transaction: it must not wait for a second connection of the pool.
        let recipient = match (escalate, row.backup_id, row.owner_id) {
            (true, Some(backup), _) => Some(backup),
            (false, _, Some(owner)) => Some(owner),
            _ => db::team::lead(db, row.team_id).await?,
        };
        let address = match recipient {
            Some(staff) => db::staff_member::email(db, staff).await?,
            None => None,
        };
        let mut tx = db.begin().await?;
        if !db::callback::take_step(&mut tx, row.id, row.reminders, next, escalate, now).await? {
            continue;
        }
        event(&mut tx, row.id, if escalate { "escalated" } else { "reminder" }, None, None, None, None, now).await?;
        if let Some(address) = address {
            let notice = match escalate {
                true => Notice::CallbackEscalation { address: &address, callback: row.id },
                false => Notice::CallbackReminder { address: &address, callback: row.id },
            };
            effects = effects.and(notice::enqueue(&mut tx, notice, now).await?);
        }
        tx.commit().await?;
        if escalate { round.escalations += 1 } else { round.reminders += 1 }
    }
    Ok(Committed::new(round, effects))
}

/// Whether this callback request is the resident's (for the live stream of their pages).
pub async fn is_residents(db: &Db, resident: ResidentId, id: CallbackId) -> Result<bool, Error> {
    Ok(db::callback::find_for_resident(db, resident, id).await?.is_some())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_attempt_names_its_channel_in_words_not_its_code() {
        let attempt = |channel: &str, reached| db::callback::EventRow {
            kind: "attempt".into(),
            staff_name: None,
            reached: Some(reached),
            channel: Some(channel.into()),
            note: None,
            created_at: time::OffsetDateTime::UNIX_EPOCH,
        };
        assert_eq!(describe(&attempt("phone", true), Lang::Nl), "Contact (Telefoon): bereikt");
        assert_eq!(describe(&attempt("whatsapp", false), Lang::En), "Contact (WhatsApp): not reached");
    }
}
