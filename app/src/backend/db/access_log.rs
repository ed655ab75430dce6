//! SQL for the access log: staff processing of resident data, append-only.

use time::OffsetDateTime;

use crate::backend::db::{on_db, on_tx, Db, Tx};
use crate::model::ids::{CaseId, ResidentId, StaffId};

pub struct NewAccess<'a> {
    pub staff_id: StaffId,
    pub resident_id: ResidentId,
    /// Why (doelbinding), e.g. `zaakbehandeling`.
    pub purpose: &'a str,
    /// What was done, e.g. `zaak bekeken`, `status gewijzigd`.
    pub action: &'a str,
    pub case_id: Option<CaseId>,
}

/// Logged in the same transaction as what it records.
pub async fn insert(tx: &mut Tx, new: &NewAccess<'_>, now: OffsetDateTime) -> Result<(), sqlx::Error> {
    let sql = "insert into access_log (id, staff_id, resident_id, purpose, action, case_id, at) values ($1, $2, $3, $4, $5, $6, $7)";
    on_tx!(tx, conn => sqlx::query(sql)
        .bind(uuid::Uuid::new_v4()).bind(new.staff_id).bind(new.resident_id).bind(new.purpose).bind(new.action).bind(new.case_id).bind(now)
        .execute(conn).await.map(|_| ()))
}

/// How many accesses to this resident's data were logged (for tests and the resident's own view later).
pub async fn count_for_resident(db: &Db, resident: ResidentId) -> Result<i64, sqlx::Error> {
    on_db!(db, pool => sqlx::query_scalar::<_, i64>("select count(*) from access_log where resident_id = $1").bind(resident).fetch_one(pool).await)
}
