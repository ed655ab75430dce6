//! SQL for the `case_type` table (ZGW `zaaktype`).

use time::OffsetDateTime;

use crate::backend::db::{on_db, on_tx, Db, Tx};
use crate::model::ids::{CaseTypeId, TeamId};

#[derive(Debug, sqlx::FromRow)]
pub struct CaseTypeRow {
    pub id: CaseTypeId,
    pub code: String,
    pub name_nl: String,
    pub name_en: String,
    pub description_nl: String,
    pub description_en: String,
    pub lead_time_days: i64,
}

pub struct NewCaseType<'a> {
    pub id: CaseTypeId,
    pub code: &'a str,
    pub name_nl: &'a str,
    pub name_en: &'a str,
    pub description_nl: &'a str,
    pub description_en: &'a str,
    pub lead_time_days: i64,
    pub team_id: TeamId,
    /// ZGW `vertrouwelijkheidaanduiding` code.
    pub confidentiality: &'a str,
    /// Years a closed case is kept; `None`: not set (kept).
    pub retention_years: Option<i64>,
}

/// Active case types, alphabetical by Dutch name.
pub async fn list_active(db: &Db) -> Result<Vec<CaseTypeRow>, sqlx::Error> {
    let sql = "select id, code, name_nl, name_en, description_nl, description_en, lead_time_days
               from case_type where active = $1 order by name_nl, id";
    on_db!(db, pool => sqlx::query_as::<_, CaseTypeRow>(sql).bind(true).fetch_all(pool).await)
}

pub async fn insert(tx: &mut Tx, new: &NewCaseType<'_>, now: OffsetDateTime) -> Result<(), sqlx::Error> {
    let sql = "insert into case_type (id, code, name_nl, name_en, description_nl, description_en,
                                      lead_time_days, team_id, active, created_at, confidentiality, retention_years)
               values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)";
    on_tx!(tx, conn => sqlx::query(sql)
        .bind(new.id)
        .bind(new.code)
        .bind(new.name_nl)
        .bind(new.name_en)
        .bind(new.description_nl)
        .bind(new.description_en)
        .bind(new.lead_time_days)
        .bind(new.team_id)
        .bind(true)
        .bind(now)
        .bind(new.confidentiality)
        .bind(new.retention_years)
        .execute(conn)
        .await
        .map(|done| done.rows_affected()))?;
    Ok(())
}
