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
