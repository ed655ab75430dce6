//! SQL for consent: purposes, their text versions, the append-only event
//! history (never updated, never deleted here), and relocations waiting
//! to be acted on.

use time::OffsetDateTime;

use crate::backend::db::{on_db, on_tx, Db, Tx};
use crate::model::ids::{ConsentEventId, ConsentPurposeId, ConsentTextId, RelocationId, ResidentId, StaffId};

/// A purpose with its newest text.
#[derive(Debug, sqlx::FromRow)]
pub struct PurposeRow {
    pub id: ConsentPurposeId,
    pub code: String,
    pub text_id: ConsentTextId,
    pub version: i64,
    pub name_nl: String,
    pub name_en: String,
    pub text_nl: String,
    pub text_en: String,
}

const CURRENT: &str = "select p.id, p.code, t.id as text_id, t.version, t.name_nl, t.name_en, t.text_nl, t.text_en
    from consent_purpose p
    join consent_text t on t.purpose_id = p.id
    where t.version = (select max(t2.version) from consent_text t2 where t2.purpose_id = p.id)";

/// Every purpose with its newest text, by name.
pub async fn purposes(db: &Db) -> Result<Vec<PurposeRow>, sqlx::Error> {
    let sql = format!("{CURRENT} order by t.name_nl, p.id");
    on_db!(db, pool => sqlx::query_as::<_, PurposeRow>(&sql).fetch_all(pool).await)
}

pub async fn purpose_by_code(db: &Db, code: &str) -> Result<Option<PurposeRow>, sqlx::Error> {
    let sql = format!("{CURRENT} and p.code = $1");
    on_db!(db, pool => sqlx::query_as::<_, PurposeRow>(&sql).bind(code).fetch_optional(pool).await)
}

pub async fn purpose(db: &Db, id: ConsentPurposeId) -> Result<Option<PurposeRow>, sqlx::Error> {
    let sql = format!("{CURRENT} and p.id = $1");
    on_db!(db, pool => sqlx::query_as::<_, PurposeRow>(&sql).bind(id).fetch_optional(pool).await)
}

pub async fn insert_purpose(tx: &mut Tx, id: ConsentPurposeId, code: &str, now: OffsetDateTime) -> Result<bool, sqlx::Error> {
    let sql = "insert into consent_purpose (id, code, created_at) values ($1, $2, $3) on conflict (code) do nothing";
    on_tx!(tx, conn => sqlx::query(sql).bind(id).bind(code).bind(now).execute(conn).await.map(|r| r.rows_affected() == 1))
}

pub struct NewText<'a> {
    pub purpose_id: ConsentPurposeId,
    pub name_nl: &'a str,
    pub name_en: &'a str,
    pub text_nl: &'a str,
    pub text_en: &'a str,
    pub staff_id: Option<StaffId>,
}

/// Adds the next version of a purpose's text; its version number.
pub async fn insert_text(tx: &mut Tx, new: &NewText<'_>, now: OffsetDateTime) -> Result<i64, sqlx::Error> {
    let sql = "insert into consent_text (id, purpose_id, version, name_nl, name_en, text_nl, text_en, staff_id, created_at)
               select $1, $2, coalesce(max(version), 0) + 1, $3, $4, $5, $6, $7, $8 from consent_text where purpose_id = $2
               returning version";
    on_tx!(tx, conn => sqlx::query_scalar::<_, i64>(sql)
        .bind(ConsentTextId::new()).bind(new.purpose_id).bind(new.name_nl).bind(new.name_en).bind(new.text_nl).bind(new.text_en).bind(new.staff_id).bind(now)
        .fetch_one(conn).await)
}

/// An event with the text it was about.
#[derive(Debug, sqlx::FromRow)]
pub struct EventRow {
    pub purpose_id: ConsentPurposeId,
    pub sequence: i64,
    pub text_id: ConsentTextId,
    pub version: i64,
    pub name_nl: String,
    pub name_en: String,
    pub granted: bool,
    pub channel: String,
    pub staff_name: Option<String>,
    pub at: OffsetDateTime,
}

const EVENT: &str = "select e.purpose_id, e.sequence, e.text_id, t.version, t.name_nl, t.name_en, e.granted, e.channel, s.name as staff_name, e.at
    from consent_event e
    join consent_text t on t.id = e.text_id
    left join staff_member s on s.id = e.staff_id";

/// The resident's whole history, newest first.
pub async fn history(db: &Db, resident: ResidentId) -> Result<Vec<EventRow>, sqlx::Error> {
    let sql = format!("{EVENT} where e.resident_id = $1 order by e.at desc, e.sequence desc, e.id");
    on_db!(db, pool => sqlx::query_as::<_, EventRow>(&sql).bind(resident).fetch_all(pool).await)
}

/// The resident's latest event per purpose.
pub async fn latest(db: &Db, resident: ResidentId) -> Result<Vec<EventRow>, sqlx::Error> {
    let sql = format!(
        "{EVENT} where e.resident_id = $1
           and e.sequence = (select max(e2.sequence) from consent_event e2 where e2.resident_id = e.resident_id and e2.purpose_id = e.purpose_id)"
    );
    on_db!(db, pool => sqlx::query_as::<_, EventRow>(&sql).bind(resident).fetch_all(pool).await)
}

/// The latest event for one purpose recorded at or before `at`, and the newest text version at that moment.
pub async fn state_at(db: &Db, resident: ResidentId, purpose: ConsentPurposeId, at: OffsetDateTime) -> Result<(Option<EventRow>, Option<i64>), sqlx::Error> {
    let event_sql = format!("{EVENT} where e.resident_id = $1 and e.purpose_id = $2 and e.at <= $3 order by e.sequence desc limit 1");
    let version_sql = "select max(version) from consent_text where purpose_id = $1 and created_at <= $2";
    let event = on_db!(db, pool => sqlx::query_as::<_, EventRow>(&event_sql).bind(resident).bind(purpose).bind(at).fetch_optional(pool).await)?;
    let version = on_db!(db, pool => sqlx::query_scalar::<_, Option<i64>>(version_sql).bind(purpose).bind(at).fetch_one(pool).await)?;
    Ok((event, version))
}

/// Whether the resident's latest choice for the purpose `code` at `at`
/// is a yes to its text in force then, read inside a transaction.
pub async fn granted_in(tx: &mut Tx, resident: ResidentId, code: &str, at: OffsetDateTime) -> Result<bool, sqlx::Error> {
    let sql = "select case when e.granted and t.version = (select max(t2.version) from consent_text t2 where t2.purpose_id = e.purpose_id and t2.created_at <= $3)
                      then 1 else 0 end
               from consent_event e
               join consent_text t on t.id = e.text_id
               join consent_purpose p on p.id = e.purpose_id
               where e.resident_id = $1 and p.code = $2 and e.at <= $3
               order by e.sequence desc limit 1";
    let found = on_tx!(tx, conn => sqlx::query_scalar::<_, i32>(sql).bind(resident).bind(code).bind(at).fetch_optional(conn).await)?;
    Ok(found == Some(1))
}

pub struct NewEvent<'a> {
    pub resident_id: ResidentId,
    pub purpose_id: ConsentPurposeId,
    pub text_id: ConsentTextId,
    pub granted: bool,
    pub channel: &'a str,
    pub staff_id: Option<StaffId>,
}

/// Appends an event right after `previous` (the sequence the caller's
/// decision was based on, 0 for none). If another event was appended in
/// between, the sequence is taken and this fails with a unique violation:
/// the caller reads again and decides again, so the change that commits
/// last is the state and nothing is decided on stale knowledge.
pub async fn append(tx: &mut Tx, new: &NewEvent<'_>, previous: i64, now: OffsetDateTime) -> Result<(), sqlx::Error> {
    let sql = "insert into consent_event (id, resident_id, purpose_id, text_id, sequence, granted, channel, staff_id, at)
               values ($1, $2, $3, $4, $5, $6, $7, $8, $9)";
    on_tx!(tx, conn => sqlx::query(sql)
        .bind(ConsentEventId::new()).bind(new.resident_id).bind(new.purpose_id).bind(new.text_id).bind(previous + 1)
        .bind(new.granted).bind(new.channel).bind(new.staff_id).bind(now)
        .execute(conn).await.map(|_| ()))
}

// ---------------------------------------------------------------- relocations

#[derive(Debug, sqlx::FromRow)]
pub struct RelocationRow {
    pub id: RelocationId,
    pub resident_id: ResidentId,
    pub new_address: String,
    pub status: String,
    pub outcome: Option<String>,
}

pub async fn insert_relocation(db: &Db, resident: ResidentId, new_address: &str, now: OffsetDateTime) -> Result<RelocationId, sqlx::Error> {
    let id = RelocationId::new();
    let sql = "insert into relocation (id, resident_id, new_address, status, created_at) values ($1, $2, $3, 'queued', $4)";
    on_db!(db, pool => sqlx::query(sql).bind(id).bind(resident).bind(new_address).bind(now).execute(pool).await.map(|_| ()))?;
    Ok(id)
}

/// Relocations not acted on yet, oldest first.
pub async fn queued_relocations(db: &Db, limit: i64) -> Result<Vec<RelocationRow>, sqlx::Error> {
    let sql = "select id, resident_id, new_address, status, outcome from relocation where status = 'queued' order by created_at, id limit $1";
    on_db!(db, pool => sqlx::query_as::<_, RelocationRow>(sql).bind(limit).fetch_all(pool).await)
}

pub async fn relocation(db: &Db, id: RelocationId) -> Result<Option<RelocationRow>, sqlx::Error> {
    let sql = "select id, resident_id, new_address, status, outcome from relocation where id = $1";
    on_db!(db, pool => sqlx::query_as::<_, RelocationRow>(sql).bind(id).fetch_optional(pool).await)
}

/// Marks a relocation done inside the transaction that acts on it; false
/// when another worker got there first (it then acts on nothing).
pub async fn finish_relocation(tx: &mut Tx, id: RelocationId, outcome: &str, now: OffsetDateTime) -> Result<bool, sqlx::Error> {
    let sql = "update relocation set status = 'done', outcome = $1, processed_at = $2 where id = $3 and status = 'queued'";
    on_tx!(tx, conn => sqlx::query(sql).bind(outcome).bind(now).bind(id).execute(conn).await.map(|r| r.rows_affected() == 1))
}
