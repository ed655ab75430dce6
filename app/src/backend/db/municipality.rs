//! SQL for the `municipality` table.

use time::OffsetDateTime;

use crate::backend::db::{on_db, on_tx, Db, Tx};
use crate::model::{ids::MunicipalityId, municipality::Municipality};

#[derive(sqlx::FromRow)]
struct MunicipalityRow {
    id: MunicipalityId,
    name: String,
    phone: String,
    email: String,
    visit_address: String,
    logo_path: String,
}

impl From<MunicipalityRow> for Municipality {
    fn from(r: MunicipalityRow) -> Self {
        Municipality {
            id: r.id,
            name: r.name,
            phone: r.phone,
            email: r.email,
            visit_address: r.visit_address,
            logo_path: r.logo_path,
        }
    }
}

pub struct NewMunicipality<'a> {
    pub id: MunicipalityId,
    pub slug: &'a str,
    pub name: &'a str,
    pub phone: &'a str,
    pub email: &'a str,
    pub visit_address: &'a str,
    pub logo_path: &'a str,
}

const SELECT: &str = "select id, name, phone, email, visit_address, logo_path from municipality";

/// The first municipality created: an installation serves one.
pub async fn find_first(db: &Db) -> Result<Option<Municipality>, sqlx::Error> {
    let sql = format!("{SELECT} order by created_at, id limit 1");
    let row = on_db!(db, pool => sqlx::query_as::<_, MunicipalityRow>(&sql).fetch_optional(pool).await)?;
    Ok(row.map(Municipality::from))
}

/// Inserts unless a municipality with this slug exists; true when inserted.
pub async fn insert_if_absent(tx: &mut Tx, new: &NewMunicipality<'_>, now: OffsetDateTime) -> Result<bool, sqlx::Error> {
    let sql = "insert into municipality (id, slug, name, phone, email, visit_address, logo_path, created_at)
               values ($1, $2, $3, $4, $5, $6, $7, $8)
               on conflict (slug) do nothing";
    let done = on_tx!(tx, conn => sqlx::query(sql)
        .bind(new.id)
        .bind(new.slug)
        .bind(new.name)
        .bind(new.phone)
        .bind(new.email)
        .bind(new.visit_address)
        .bind(new.logo_path)
        .bind(now)
        .execute(conn)
        .await
        .map(|done| done.rows_affected()))?;
    Ok(done == 1)
}
