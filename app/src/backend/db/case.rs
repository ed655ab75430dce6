//! SQL for cases (`service_case`), their status types and status history.

use time::{Date, OffsetDateTime};

use crate::backend::db::{on_db, on_tx, Db, Tx};
use crate::model::ids::{CaseId, CaseStatusId, CaseTypeId, ResidentId, StaffId, StatusTypeId, TeamId};

/// A case with its current status (the highest step reached), in both languages.
#[derive(Debug, sqlx::FromRow)]
pub struct CaseSummaryRow {
    pub id: CaseId,
    pub resident_id: ResidentId,
    pub reference: String,
    pub type_nl: String,
    pub type_en: String,
    pub started_on: Date,
    pub expected_decision_on: Option<Date>,
    pub closed_at: Option<OffsetDateTime>,
    pub updated_at: OffsetDateTime,
    pub status_nl: String,
    pub status_en: String,
    pub explanation_nl: String,
    pub explanation_en: String,
    /// The team of the case type: who handles it.
    pub team_id: TeamId,
    /// The `vertrouwelijkheidaanduiding`: the case's own (a copy's, when
    /// stricter than its type's) or its type's.
    pub confidentiality: String,
    /// A copy of a case in the municipality's case system: its URL there.
    pub zgw_url: Option<String>,
}

/// Every status type of a case's type, with when the case reached it (if it did).
#[derive(Debug, sqlx::FromRow)]
pub struct TimelineRow {
    pub name_nl: String,
    pub name_en: String,
    pub explanation_nl: String,
    pub explanation_en: String,
    pub reached_at: Option<OffsetDateTime>,
}

const SUMMARY: &str = "
    select c.id, c.resident_id, c.reference, ct.name_nl as type_nl, ct.name_en as type_en, c.started_on,
           c.expected_decision_on, c.closed_at, c.updated_at,
           st.name_nl as status_nl, st.name_en as status_en,
           st.explanation_nl, st.explanation_en, ct.team_id, coalesce(c.confidentiality, ct.confidentiality) as confidentiality, c.zgw_url
    from service_case c
    join case_type ct on ct.id = c.case_type_id
    join case_status cs on cs.case_id = c.id
    join status_type st on st.id = cs.status_type_id
    where st.sequence = (select max(st2.sequence) from case_status cs2
                         join status_type st2 on st2.id = cs2.status_type_id
                         where cs2.case_id = c.id)";

/// All cases of one resident, with their current status; most recently changed first.
pub async fn list_for_resident(db: &Db, resident: ResidentId) -> Result<Vec<CaseSummaryRow>, sqlx::Error> {
    let sql = format!("{SUMMARY} and c.resident_id = $1 order by c.updated_at desc, c.id");
    on_db!(db, pool => sqlx::query_as::<_, CaseSummaryRow>(&sql).bind(resident).fetch_all(pool).await)
}

/// One case, only if it belongs to this resident.
pub async fn find_for_resident(db: &Db, resident: ResidentId, case: CaseId) -> Result<Option<CaseSummaryRow>, sqlx::Error> {
    let sql = format!("{SUMMARY} and c.resident_id = $1 and c.id = $2");
    on_db!(db, pool => sqlx::query_as::<_, CaseSummaryRow>(&sql).bind(resident).bind(case).fetch_optional(pool).await)
}

/// The open cases of a staff member's teams at a level they are cleared
/// for (`cleared`: the level codes, as `,a,b,`); most recently changed first.
pub async fn list_open_for_staff(db: &Db, staff: StaffId, cleared: &str, limit: i64) -> Result<Vec<CaseSummaryRow>, sqlx::Error> {
    let sql = format!(
        "{SUMMARY} and c.closed_at is null
           and ct.team_id in (select st3.team_id from staff_team st3 where st3.staff_id = $1)
           and $2 like '%,' || coalesce(c.confidentiality, ct.confidentiality) || ',%'
         order by c.updated_at desc, c.id limit $3"
    );
    on_db!(db, pool => sqlx::query_as::<_, CaseSummaryRow>(&sql).bind(staff).bind(cleared).bind(limit).fetch_all(pool).await)
}

/// One case, whoever it belongs to (staff use).
pub async fn find(db: &Db, case: CaseId) -> Result<Option<CaseSummaryRow>, sqlx::Error> {
    let sql = format!("{SUMMARY} and c.id = $1");
    on_db!(db, pool => sqlx::query_as::<_, CaseSummaryRow>(&sql).bind(case).fetch_optional(pool).await)
}

/// The status type after the case's current one: its sequence and whether it ends the case.
/// The case with this reference, as typed or in capitals (any case; the reference's index decides).
pub async fn find_by_reference(db: &Db, reference: &str) -> Result<Option<CaseSummaryRow>, sqlx::Error> {
    let sql = format!("{SUMMARY} and c.reference in ($1, $2) limit 1");
    on_db!(db, pool => sqlx::query_as::<_, CaseSummaryRow>(&sql).bind(reference).bind(reference.to_uppercase()).fetch_optional(pool).await)
}

pub async fn next_status(tx: &mut Tx, case: CaseId) -> Result<Option<(i64, bool)>, sqlx::Error> {
    let sql = "select st.sequence, st.is_final from service_case c
               join status_type st on st.case_type_id = c.case_type_id
               where c.id = $1 and st.sequence > (select max(st2.sequence) from case_status cs2
                                                   join status_type st2 on st2.id = cs2.status_type_id
                                                   where cs2.case_id = c.id)
               order by st.sequence limit 1";
    on_tx!(tx, conn => sqlx::query_as::<_, (i64, bool)>(sql).bind(case).fetch_optional(conn).await)
}

pub async fn close(tx: &mut Tx, case: CaseId, now: OffsetDateTime) -> Result<(), sqlx::Error> {
    let sql = "update service_case set closed_at = $1 where id = $2 and closed_at is null";
    on_tx!(tx, conn => sqlx::query(sql).bind(now).bind(case).execute(conn).await.map(|_| ()))
}

/// The timeline of a case: all steps of its type in order, reached or not.
pub async fn timeline(db: &Db, case: CaseId) -> Result<Vec<TimelineRow>, sqlx::Error> {
    let sql = "select st.name_nl, st.name_en, st.explanation_nl, st.explanation_en, cs.reached_at
               from service_case c
               join status_type st on st.case_type_id = c.case_type_id
               left join case_status cs on cs.case_id = c.id and cs.status_type_id = st.id
               where c.id = $1
               order by st.sequence";
    on_db!(db, pool => sqlx::query_as::<_, TimelineRow>(sql).bind(case).fetch_all(pool).await)
}

pub struct NewStatusType<'a> {
    pub id: StatusTypeId,
    pub case_type_id: CaseTypeId,
    pub sequence: i64,
    pub name_nl: &'a str,
    pub name_en: &'a str,
    pub explanation_nl: &'a str,
    pub explanation_en: &'a str,
    pub is_final: bool,
}

pub async fn insert_status_type(tx: &mut Tx, new: &NewStatusType<'_>) -> Result<(), sqlx::Error> {
    let sql = "insert into status_type (id, case_type_id, sequence, name_nl, name_en, explanation_nl, explanation_en, is_final)
               values ($1, $2, $3, $4, $5, $6, $7, $8)";
    on_tx!(tx, conn => sqlx::query(sql)
        .bind(new.id).bind(new.case_type_id).bind(new.sequence).bind(new.name_nl).bind(new.name_en)
        .bind(new.explanation_nl).bind(new.explanation_en).bind(new.is_final)
        .execute(conn).await.map(|_| ()))
}

pub struct NewCase<'a> {
    pub id: CaseId,
    pub reference: &'a str,
    pub case_type_id: CaseTypeId,
    pub resident_id: ResidentId,
    pub started_on: Date,
    pub expected_decision_on: Option<Date>,
    pub closed_at: Option<OffsetDateTime>,
}

pub async fn insert(tx: &mut Tx, new: &NewCase<'_>, now: OffsetDateTime) -> Result<(), sqlx::Error> {
    let sql = "insert into service_case (id, reference, case_type_id, resident_id, started_on, expected_decision_on, closed_at, created_at, updated_at)
               values ($1, $2, $3, $4, $5, $6, $7, $8, $8)";
    on_tx!(tx, conn => sqlx::query(sql)
        .bind(new.id).bind(new.reference).bind(new.case_type_id).bind(new.resident_id)
        .bind(new.started_on).bind(new.expected_decision_on).bind(new.closed_at).bind(now)
        .execute(conn).await.map(|_| ()))
}

/// Records that a case reached the status type with this sequence number of its type.
pub async fn insert_status(tx: &mut Tx, case: CaseId, case_type: CaseTypeId, sequence: i64, reached_at: OffsetDateTime) -> Result<(), sqlx::Error> {
    let sql = "insert into case_status (id, case_id, status_type_id, reached_at)
               select $1, $2, st.id, $3 from status_type st where st.case_type_id = $4 and st.sequence = $5";
    on_tx!(tx, conn => sqlx::query(sql)
        .bind(CaseStatusId::new()).bind(case).bind(reached_at).bind(case_type).bind(sequence)
        .execute(conn).await.map(|_| ()))
}

/// The sequence number of the case's current (highest reached) status.
pub async fn current_sequence(tx: &mut Tx, case: CaseId) -> Result<Option<i64>, sqlx::Error> {
    let sql = "select max(st.sequence) from case_status cs join status_type st on st.id = cs.status_type_id where cs.case_id = $1";
    on_tx!(tx, conn => sqlx::query_scalar::<_, Option<i64>>(sql).bind(case).fetch_one(conn).await)
}

/// The case type of a case.
pub async fn case_type_of(tx: &mut Tx, case: CaseId) -> Result<CaseTypeId, sqlx::Error> {
    let sql = "select case_type_id from service_case where id = $1";
    on_tx!(tx, conn => sqlx::query_scalar::<_, CaseTypeId>(sql).bind(case).fetch_one(conn).await)
}

/// Records that something changed in the case (the overview orders by it).
pub async fn touch(tx: &mut Tx, case: CaseId, now: OffsetDateTime) -> Result<(), sqlx::Error> {
    let sql = "update service_case set updated_at = $1 where id = $2";
    on_tx!(tx, conn => sqlx::query(sql).bind(now).bind(case).execute(conn).await.map(|_| ()))
}

/// The team that handles one of the resident's cases (by its case type); `None` when the case is not theirs.
pub async fn team_for_resident(db: &Db, resident: ResidentId, case: CaseId) -> Result<Option<crate::model::ids::TeamId>, sqlx::Error> {
    let sql = "select ct.team_id from service_case c join case_type ct on ct.id = c.case_type_id where c.id = $1 and c.resident_id = $2";
    on_db!(db, pool => sqlx::query_scalar::<_, crate::model::ids::TeamId>(sql).bind(case).bind(resident).fetch_optional(pool).await)
}

/// The resident's open case of a case type (by its code), the most recent one.
pub async fn open_of_type(db: &Db, resident: ResidentId, code: &str) -> Result<Option<CaseId>, sqlx::Error> {
    let sql = "select c.id from service_case c join case_type ct on ct.id = c.case_type_id
               where c.resident_id = $1 and ct.code = $2 and c.closed_at is null order by c.updated_at desc, c.id limit 1";
    on_db!(db, pool => sqlx::query_scalar::<_, CaseId>(sql).bind(resident).bind(code).fetch_optional(pool).await)
}
