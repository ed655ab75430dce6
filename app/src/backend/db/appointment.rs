//! SQL for appointments.

use time::OffsetDateTime;

use crate::backend::db::{on_db, on_tx, Db, Tx};
use crate::model::ids::{AppointmentId, CaseId, ResidentId};

#[derive(Debug, sqlx::FromRow)]
pub struct AppointmentRow {
    pub id: AppointmentId,
    pub starts_at: OffsetDateTime,
    pub ends_at: OffsetDateTime,
    pub place: String,
    pub subject_nl: String,
    pub subject_en: String,
    pub bring_nl: String,
    pub bring_en: String,
}

/// The resident's appointments that are neither cancelled nor over, soonest first.
pub async fn list_upcoming_for_resident(db: &Db, resident: ResidentId, now: OffsetDateTime) -> Result<Vec<AppointmentRow>, sqlx::Error> {
    let sql = "select id, starts_at, ends_at, place, subject_nl, subject_en, bring_nl, bring_en from appointment
               where resident_id = $1 and cancelled_at is null and ends_at > $2 order by starts_at, id";
    on_db!(db, pool => sqlx::query_as::<_, AppointmentRow>(sql).bind(resident).bind(now).fetch_all(pool).await)
}

/// Cancels one of the resident's own upcoming appointments; false when there is no such appointment.
pub async fn cancel(db: &Db, resident: ResidentId, id: AppointmentId, now: OffsetDateTime) -> Result<bool, sqlx::Error> {
    let sql = "update appointment set cancelled_at = $1
               where id = $2 and resident_id = $3 and cancelled_at is null and starts_at > $1";
    on_db!(db, pool => sqlx::query(sql).bind(now).bind(id).bind(resident).execute(pool).await.map(|r| r.rows_affected() == 1))
}

pub struct NewAppointment<'a> {
    pub id: AppointmentId,
    pub resident_id: ResidentId,
    pub case_id: Option<CaseId>,
    pub starts_at: OffsetDateTime,
    pub ends_at: OffsetDateTime,
    pub place: &'a str,
    pub subject_nl: &'a str,
    pub subject_en: &'a str,
    pub bring_nl: &'a str,
    pub bring_en: &'a str,
}

pub async fn insert(tx: &mut Tx, new: &NewAppointment<'_>, now: OffsetDateTime) -> Result<(), sqlx::Error> {
    let sql = "insert into appointment (id, resident_id, case_id, starts_at, ends_at, place, subject_nl, subject_en, bring_nl, bring_en, created_at)
               values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)";
    on_tx!(tx, conn => sqlx::query(sql)
        .bind(new.id).bind(new.resident_id).bind(new.case_id).bind(new.starts_at).bind(new.ends_at)
        .bind(new.place).bind(new.subject_nl).bind(new.subject_en).bind(new.bring_nl).bind(new.bring_en).bind(now)
        .execute(conn).await.map(|_| ()))
}
