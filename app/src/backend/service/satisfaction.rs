//! Satisfaction (KTO/CSAT). When staff close a conversation, the resident
//! gets one short question on the channel it ran on: in the portal on the
//! conversation's page, by e-mail a link, on WhatsApp and SMS the question
//! with a link, where replying with a digit counts too. Scores are 1 to 5.
//!
//! Rules kept here: a person (a resident, or the address of someone Loket
//! does not know) is asked at most once per [`ASK_EVERY_DAYS`], and never
//! again after "no more questions"; a phone call, counter visit or letter
//! gets no question; a link names nobody and works [`ANSWER_DAYS`]; a
//! resident answers only about their own conversations (a foreign id is
//! `NotFound`).

use time::{Duration, OffsetDateTime};

use crate::backend::{
    db::{
        self,
        conversation::ConversationRow,
        satisfaction::{NewQuestion, Person, QuestionRow},
        Db, Tx,
    },
    effect::Effects,
    link_token, local_time,
    service::notice::{self, Notice},
    Error,
};
use crate::error::FieldErrorCode;
use crate::i18n::Lang;
use crate::model::conversation::Channel;
use crate::model::ids::{ConversationId, ResidentId};
use crate::model::satisfaction::{SatisfactionAsk, SatisfactionQuestion, SCORES};

/// A person is asked at most once in this many days.
pub const ASK_EVERY_DAYS: i64 = 90;
/// A question can be answered this long.
pub const ANSWER_DAYS: i64 = 14;
/// A digit sent on WhatsApp or SMS this soon after the question is its answer.
pub const REPLY_DAYS: i64 = 3;

/// Asks about a conversation being closed, in the closing's transaction;
/// what to deliver when a message goes out.
pub async fn ask_after_close(tx: &mut Tx, row: &ConversationRow, now: OffsetDateTime) -> Result<Effects, Error> {
    let Some(channel) = Channel::from_code(&row.channel) else { return Ok(Effects::none()) };
    let person = match (channel, row.resident_id, row.contact.as_deref()) {
        (Channel::Portal, Some(resident), _) => Person::Resident(resident),
        (Channel::Email | Channel::WhatsApp | Channel::Sms, Some(resident), Some(_)) => Person::Resident(resident),
        (Channel::Email | Channel::WhatsApp | Channel::Sms, None, Some(address)) => Person::Address(address),
        _ => return Ok(Effects::none()),
    };
    if !db::satisfaction::may_ask(tx, person, now - Duration::days(ASK_EVERY_DAYS)).await? {
        return Ok(Effects::none());
    }
    let case_type = match row.case_id {
        Some(case) => db::satisfaction::case_type_of(tx, case).await?,
        None => None,
    };
    let token = link_token::new();
    let hash = link_token::hash(&token);
    let question = NewQuestion { conversation: row.id, person, channel: channel.code(), team: row.team_id, case_type, token_hash: &hash };
    if !db::satisfaction::insert(tx, &question, now).await? || channel == Channel::Portal {
        return Ok(Effects::none());
    }
    let Some(address) = row.contact.as_deref() else { return Ok(Effects::none()) };
    notice::enqueue(tx, Notice::Satisfaction { resident: row.resident_id, channel, address, conversation: row.id, token: &token }, now).await
}

fn ask_of(row: &QuestionRow, now: OffsetDateTime) -> SatisfactionAsk {
    SatisfactionAsk { score: row.score, open: now - row.asked_at <= Duration::days(ANSWER_DAYS) }
}

fn score_of(typed: &str) -> Result<i64, Error> {
    typed.trim().parse::<i64>().ok().filter(|s| SCORES.contains(s)).ok_or_else(|| Error::field("score", FieldErrorCode::Invalid))
}

async fn by_token(db: &Db, token: &str) -> Result<QuestionRow, Error> {
    if !link_token::well_formed(token) {
        return Err(Error::NotFound);
    }
    db::satisfaction::by_token(db, &link_token::hash(token)).await?.ok_or(Error::NotFound)
}

/// The page behind a question's link; an unknown link is `NotFound`.
pub async fn question(db: &Db, token: &str, lang: Lang, now: OffsetDateTime) -> Result<SatisfactionQuestion, Error> {
    let row = by_token(db, token).await?;
    let channel = Channel::from_code(&row.channel).map(|c| c.label(lang).to_string()).unwrap_or_default();
    let asked_on = crate::i18n::format_date(lang, local_time::date_of(row.asked_at));
    Ok(SatisfactionQuestion { ask: ask_of(&row, now), channel, asked_on })
}

/// The answer given behind the link (after [`ANSWER_DAYS`] it ran out).
pub async fn answer_by_link(db: &Db, token: &str, score: &str, now: OffsetDateTime) -> Result<(), Error> {
    let row = by_token(db, token).await?;
    let score = score_of(score)?;
    if !ask_of(&row, now).open {
        return Err(Error::field("score", FieldErrorCode::Expired));
    }
    Ok(db::satisfaction::answer(db, row.id, score, now).await?)
}

/// "No more questions", behind the link: for the resident, or the address it was sent to.
pub async fn refuse_by_link(db: &Db, token: &str, now: OffsetDateTime) -> Result<(), Error> {
    let row = by_token(db, token).await?;
    let person = match (row.resident_id, row.address.as_deref()) {
        (Some(resident), _) => Person::Resident(resident),
        (None, Some(address)) => Person::Address(address),
        (None, None) => return Err(Error::NotFound),
    };
    Ok(db::satisfaction::refuse(db, person, now).await?)
}

/// The question about one of the resident's own conversations, if there is one.
pub async fn of_conversation(db: &Db, conversation: ConversationId, now: OffsetDateTime) -> Result<Option<SatisfactionAsk>, Error> {
    Ok(db::satisfaction::by_conversation(db, conversation).await?.map(|row| ask_of(&row, now)))
}

/// The question about one of the resident's own conversations; another's is `NotFound`.
async fn of_resident(db: &Db, resident: ResidentId, conversation: ConversationId) -> Result<QuestionRow, Error> {
    db::satisfaction::by_conversation(db, conversation).await?.filter(|r| r.resident_id == Some(resident)).ok_or(Error::NotFound)
}

/// The resident answers in the portal, about their own conversation.
pub async fn answer_by_resident(db: &Db, resident: ResidentId, conversation: ConversationId, score: &str, now: OffsetDateTime) -> Result<(), Error> {
    let row = of_resident(db, resident, conversation).await?;
    let score = score_of(score)?;
    if !ask_of(&row, now).open {
        return Err(Error::field("score", FieldErrorCode::Expired));
    }
    Ok(db::satisfaction::answer(db, row.id, score, now).await?)
}

/// "No more questions", from the question on one of the resident's own conversations.
pub async fn refuse_by_resident(db: &Db, resident: ResidentId, conversation: ConversationId, now: OffsetDateTime) -> Result<(), Error> {
    of_resident(db, resident, conversation).await?;
    Ok(db::satisfaction::refuse(db, Person::Resident(resident), now).await?)
}

/// A message on WhatsApp or SMS that is only a digit from 1 to 5, soon
/// after a question went to that address on that channel and before it
/// was answered, is its answer: the conversation it was about. Anything
/// else is a message like any other (`None`).
pub async fn answer_by_reply(db: &Db, channel: Channel, address: &str, body: &str, now: OffsetDateTime) -> Result<Option<ConversationId>, Error> {
    if !matches!(channel, Channel::WhatsApp | Channel::Sms) {
        return Ok(None);
    }
    let Ok(score) = score_of(body) else { return Ok(None) };
    let Some(row) = db::satisfaction::latest_at(db, channel.code(), address, now - Duration::days(REPLY_DAYS)).await? else { return Ok(None) };
    if row.score.is_some() {
        return Ok(None);
    }
    db::satisfaction::answer(db, row.id, score, now).await?;
    Ok(Some(row.conversation_id))
}
