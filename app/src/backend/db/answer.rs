//! SQL for `answer`: the answer library.

use time::{Date, OffsetDateTime};

use crate::backend::db::{on_db, on_tx, Db, Tx};
use crate::model::ids::{AnswerId, StaffId};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct AnswerRow {
    pub id: AnswerId,
    pub question: String,
    pub answer: String,
    pub tags: String,
    pub owner_name: Option<String>,
    pub review_on: Date,
}

const ANSWER: &str = "select a.id, a.question, a.answer, a.tags, s.name as owner_name, a.review_on
                      from answer a left join staff_member s on s.id = a.owner_id";

pub struct NewAnswer<'a> {
    pub id: AnswerId,
    pub question: &'a str,
    pub answer: &'a str,
    pub tags: &'a str,
    pub owner_id: Option<StaffId>,
    pub review_on: Date,
}

pub async fn insert(tx: &mut Tx, new: &NewAnswer<'_>, now: OffsetDateTime) -> Result<(), sqlx::Error> {
    let sql = "insert into answer (id, question, answer, tags, owner_id, review_on, created_at, updated_at) values ($1, $2, $3, $4, $5, $6, $7, $7)";
    on_tx!(tx, conn => sqlx::query(sql)
        .bind(new.id).bind(new.question).bind(new.answer).bind(new.tags).bind(new.owner_id).bind(new.review_on).bind(now)
        .execute(conn).await.map(|_| ()))
}

/// Replaces the text and sets the next review date (the owner checked it).
pub async fn update(db: &Db, id: AnswerId, question: &str, answer: &str, tags: &str, owner: StaffId, review_on: Date, now: OffsetDateTime) -> Result<bool, sqlx::Error> {
    let sql = "update answer set question = $1, answer = $2, tags = $3, owner_id = $4, review_on = $5, updated_at = $6 where id = $7";
    on_db!(db, pool => sqlx::query(sql).bind(question).bind(answer).bind(tags).bind(owner).bind(review_on).bind(now).bind(id)
        .execute(pool).await.map(|r| r.rows_affected() == 1))
}

pub async fn find(db: &Db, id: AnswerId) -> Result<Option<AnswerRow>, sqlx::Error> {
    let sql = format!("{ANSWER} where a.id = $1");
    on_db!(db, pool => sqlx::query_as::<_, AnswerRow>(&sql).bind(id).fetch_optional(pool).await)
}

/// Answers whose question, text or tags contain every word of `words` (lower case); all when empty.
pub async fn search(db: &Db, words: &[String], limit: i64) -> Result<Vec<AnswerRow>, sqlx::Error> {
    let mut sql = format!("{ANSWER} where 1 = 1");
    for i in 0..words.len() {
        sql.push_str(&format!(" and lower(a.question || ' ' || a.answer || ' ' || a.tags) like ${}", i + 1));
    }
    sql.push_str(&format!(" order by a.question, a.id limit ${}", words.len() + 1));
    on_db!(db, pool => {
        let mut query = sqlx::query_as::<_, AnswerRow>(&sql);
        for word in words {
            query = query.bind(format!("%{word}%"));
        }
        query.bind(limit).fetch_all(pool).await
    })
}
