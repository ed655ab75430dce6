//! SQL for the `team` table.

use time::OffsetDateTime;

use crate::backend::db::{on_tx, Tx};
use crate::model::ids::{MunicipalityId, TeamId};

pub struct NewTeam<'a> {
    pub id: TeamId,
    pub municipality_id: MunicipalityId,
    pub slug: &'a str,
    pub name_nl: &'a str,
    pub name_en: &'a str,
}

pub async fn insert(tx: &mut Tx, new: &NewTeam<'_>, now: OffsetDateTime) -> Result<(), sqlx::Error> {
    let sql = "insert into team (id, municipality_id, slug, name_nl, name_en, created_at)
               values ($1, $2, $3, $4, $5, $6)";
    on_tx!(tx, conn => sqlx::query(sql)
        .bind(new.id)
        .bind(new.municipality_id)
        .bind(new.slug)
        .bind(new.name_nl)
        .bind(new.name_en)
        .bind(now)
        .execute(conn)
        .await
        .map(|done| done.rows_affected()))?;
    Ok(())
}

/// The team with this slug (e.g. `kcc`).
pub async fn find_by_slug(db: &crate::backend::db::Db, slug: &str) -> Result<Option<TeamId>, sqlx::Error> {
    let sql = "select id from team where slug = $1";
    crate::backend::db::on_db!(db, pool => sqlx::query_scalar::<_, TeamId>(sql).bind(slug).fetch_optional(pool).await)
}

#[derive(Debug, sqlx::FromRow)]
pub struct TeamRow {
    pub id: TeamId,
    pub name_nl: String,
    pub name_en: String,
}

/// Every team, by name.
pub async fn list(db: &crate::backend::db::Db) -> Result<Vec<TeamRow>, sqlx::Error> {
    let sql = "select id, name_nl, name_en from team order by name_nl, id";
    crate::backend::db::on_db!(db, pool => sqlx::query_as::<_, TeamRow>(sql).fetch_all(pool).await)
}

/// The team's lead: the backup of last resort for its callback requests.
pub async fn lead(db: &crate::backend::db::Db, team: TeamId) -> Result<Option<crate::model::ids::StaffId>, sqlx::Error> {
    let sql = "select lead_id from team where id = $1";
    crate::backend::db::on_db!(db, pool => sqlx::query_scalar::<_, Option<crate::model::ids::StaffId>>(sql).bind(team).fetch_optional(pool).await).map(Option::flatten)
}

pub async fn lead_name(db: &crate::backend::db::Db, team: TeamId) -> Result<Option<String>, sqlx::Error> {
    let sql = "select s.name from team t join staff_member s on s.id = t.lead_id where t.id = $1";
    crate::backend::db::on_db!(db, pool => sqlx::query_scalar::<_, String>(sql).bind(team).fetch_optional(pool).await)
}

/// Makes `lead` the lead of every team that has none (demo data).
pub async fn set_missing_leads(tx: &mut Tx, lead: crate::model::ids::StaffId) -> Result<(), sqlx::Error> {
    let sql = "update team set lead_id = $1 where lead_id is null";
    on_tx!(tx, conn => sqlx::query(sql).bind(lead).execute(conn).await.map(|_| ()))
}

/// The team that takes questions no rule routes elsewhere (the municipality's setting).
pub async fn general(db: &crate::backend::db::Db) -> Result<Option<TeamId>, sqlx::Error> {
    let sql = "select general_team_id from municipality where general_team_id is not null order by created_at limit 1";
    crate::backend::db::on_db!(db, pool => sqlx::query_scalar::<_, TeamId>(sql).fetch_optional(pool).await)
}

/// Makes `team` the one that takes general questions.
pub async fn set_general(tx: &mut Tx, municipality: MunicipalityId, team: TeamId) -> Result<(), sqlx::Error> {
    let sql = "update municipality set general_team_id = $1 where id = $2";
    on_tx!(tx, conn => sqlx::query(sql).bind(team).bind(municipality).execute(conn).await.map(|done| done.rows_affected()))?;
    Ok(())
}
