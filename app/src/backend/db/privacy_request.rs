//! SQL for privacy requests (correction, objection): the resident's
//! own, the staff worklist, and closing one with an answer.

use time::OffsetDateTime;

use crate::backend::db::{on_db, on_tx, Db, Tx};
use crate::model::ids::{PrivacyRequestId, ResidentId, StaffId};

#[derive(Debug, sqlx::FromRow)]
pub struct RequestRow {
    pub id: PrivacyRequestId,
    pub resident_id: ResidentId,
    pub bsn: String,
    pub kind: String,
    pub purpose_nl: Option<String>,
    pub purpose_en: Option<String>,
    pub body: String,
    pub status: String,
    pub due_at: OffsetDateTime,
    pub answer: Option<String>,
    pub created_at: OffsetDateTime,
}

const REQUEST: &str = "select q.id, q.resident_id, r.bsn, q.kind, p.name_nl as purpose_nl, p.name_en as purpose_en, q.body, q.status, q.due_at, q.answer, q.created_at
    from privacy_request q join resident r on r.id = q.resident_id left join processing_purpose p on p.code = q.purpose";

pub struct NewRequest<'a> {
    pub id: PrivacyRequestId,
    pub resident: ResidentId,
    pub kind: &'a str,
    pub purpose: Option<&'a str>,
    pub body: &'a str,
    pub due_at: OffsetDateTime,
}

pub async fn insert(db: &Db, new: &NewRequest<'_>, now: OffsetDateTime) -> Result<(), sqlx::Error> {
    let sql = "insert into privacy_request (id, resident_id, kind, purpose, body, status, due_at, created_at) values ($1, $2, $3, $4, $5, 'open', $6, $7)";
    on_db!(db, pool => sqlx::query(sql).bind(new.id).bind(new.resident).bind(new.kind).bind(new.purpose).bind(new.body).bind(new.due_at).bind(now)
        .execute(pool).await.map(|_| ()))
}

pub async fn for_resident(db: &Db, resident: ResidentId) -> Result<Vec<RequestRow>, sqlx::Error> {
    let sql = format!("{REQUEST} where q.resident_id = $1 order by q.created_at desc");
    on_db!(db, pool => sqlx::query_as::<_, RequestRow>(&sql).bind(resident).fetch_all(pool).await)
}

/// Open requests first by term, then the newest closed ones.
pub async fn worklist(db: &Db, limit: i64) -> Result<Vec<RequestRow>, sqlx::Error> {
    let sql = format!("{REQUEST} order by case when q.status = 'open' then 0 else 1 end, q.due_at limit $1");
    on_db!(db, pool => sqlx::query_as::<_, RequestRow>(&sql).bind(limit).fetch_all(pool).await)
}

pub async fn find(db: &Db, id: PrivacyRequestId) -> Result<Option<RequestRow>, sqlx::Error> {
    let sql = format!("{REQUEST} where q.id = $1");
    on_db!(db, pool => sqlx::query_as::<_, RequestRow>(&sql).bind(id).fetch_optional(pool).await)
}

/// Closes an open request with the answer the resident reads; false when it was closed already.
pub async fn close(tx: &mut Tx, id: PrivacyRequestId, answer: &str, staff: StaffId, now: OffsetDateTime) -> Result<bool, sqlx::Error> {
    let sql = "update privacy_request set status = 'closed', answer = $1, handled_by = $2, closed_at = $3 where id = $4 and status = 'open'";
    on_tx!(tx, conn => sqlx::query(sql).bind(answer).bind(staff).bind(now).bind(id).execute(conn).await.map(|r| r.rows_affected() == 1))
}

/// Processing purposes a resident can object to (code, Dutch, English).
pub async fn purposes(db: &Db) -> Result<Vec<(String, String, String)>, sqlx::Error> {
    on_db!(db, pool => sqlx::query_as::<_, (String, String, String)>("select code, name_nl, name_en from processing_purpose order by name_nl").fetch_all(pool).await)
}
