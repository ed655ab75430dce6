//! The answer library: staff maintain approved answers (question, answer
//! in plain language, tags, owner, review date) and insert one in any
//! reply on any channel, so every channel gives the same answer. An
//! answer past its review date is flagged wherever it shows.

use time::{Date, OffsetDateTime};

use crate::backend::{db::{self, Db}, Error};
use crate::error::FieldErrorCode;
use crate::i18n::{format_date, Lang};
use crate::model::answer::Answer;
use crate::model::ids::{AnswerId, StaffId};

pub const MAX_QUESTION_CHARS: usize = 300;
pub const MAX_ANSWER_CHARS: usize = 5000;
pub const MAX_TAGS_CHARS: usize = 200;
/// Words of a search, at most.
const MAX_WORDS: usize = 6;

fn view(row: db::answer::AnswerRow, lang: Lang, today: Date) -> Answer {
    Answer {
        id: row.id,
        question: row.question,
        answer: row.answer,
        tags: row.tags,
        owner: row.owner_name,
        review_on: format_date(lang, row.review_on),
        needs_review: row.review_on < today,
    }
}

/// Answers that contain every word of `query` (case does not matter); all answers for an empty query.
pub async fn search(db: &Db, query: &str, lang: Lang, now: OffsetDateTime) -> Result<Vec<Answer>, Error> {
    let words: Vec<String> = query.split_whitespace().take(MAX_WORDS).map(|w| w.chars().take(50).collect::<String>().to_lowercase()).collect();
    Ok(db::answer::search(db, &words, 50).await?.into_iter().map(|r| view(r, lang, now.date())).collect())
}

pub async fn find(db: &Db, id: AnswerId, lang: Lang, now: OffsetDateTime) -> Result<Answer, Error> {
    Ok(view(db::answer::find(db, id).await?.ok_or(Error::NotFound)?, lang, now.date()))
}

fn checked<'a>(question: &'a str, answer: &'a str, tags: &'a str, review_on: &str, now: OffsetDateTime) -> Result<(String, String, String, Date), Error> {
    let question = Error::required_text("question", question, MAX_QUESTION_CHARS)?;
    let answer = Error::required_text("answer", answer, MAX_ANSWER_CHARS)?;
    let tags = tags.split(|c: char| c == ',' || c.is_whitespace()).filter(|t| !t.is_empty()).map(str::to_lowercase).collect::<Vec<_>>().join(" ");
    if tags.chars().count() > MAX_TAGS_CHARS {
        return Err(Error::field("tags", FieldErrorCode::TooLong));
    }
    let format = time::macros::format_description!("[year]-[month]-[day]");
    let review_on = Date::parse(review_on.trim(), &format).map_err(|_| Error::field("review_on", FieldErrorCode::Invalid))?;
    if review_on <= now.date() {
        return Err(Error::field("review_on", FieldErrorCode::Invalid));
    }
    Ok((question, answer, tags, review_on))
}

/// Adds an approved answer, owned by the staff member who adds it.
pub async fn create(db: &Db, staff: StaffId, question: &str, answer: &str, tags: &str, review_on: &str, now: OffsetDateTime) -> Result<AnswerId, Error> {
    let (question, answer, tags, review_on) = checked(question, answer, tags, review_on, now)?;
    let id = AnswerId::new();
    let mut tx = db.begin().await?;
    db::answer::insert(&mut tx, &db::answer::NewAnswer { id, question: &question, answer: &answer, tags: &tags, owner_id: Some(staff), review_on }, now).await?;
    tx.commit().await?;
    Ok(id)
}

/// Updates an answer (and its next review date); the one who does it becomes its owner.
pub async fn update(db: &Db, staff: StaffId, id: AnswerId, question: &str, answer: &str, tags: &str, review_on: &str, now: OffsetDateTime) -> Result<(), Error> {
    let (question, answer, tags, review_on) = checked(question, answer, tags, review_on, now)?;
    if !db::answer::update(db, id, &question, &answer, &tags, staff, review_on, now).await? {
        return Err(Error::NotFound);
    }
    Ok(())
}
