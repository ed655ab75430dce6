//! SQL for the `resident` table.

use time::OffsetDateTime;

use crate::backend::db::{on_db, Db};
use crate::model::ids::ResidentId;

/// The resident with this BSN, created on first login; records the login time.
pub async fn upsert_by_bsn(db: &Db, bsn: &str, now: OffsetDateTime) -> Result<ResidentId, sqlx::Error> {
    let sql = "insert into resident (id, bsn, created_at, last_login_at) values ($1, $2, $3, $3)
               on conflict (bsn) do update set last_login_at = excluded.last_login_at
               returning id";
    on_db!(db, pool => sqlx::query_scalar::<_, ResidentId>(sql).bind(ResidentId::new()).bind(bsn).bind(now).fetch_one(pool).await)
}

/// The BSN of a resident, for the few places that need it (back-office lookups).
pub async fn find_bsn(db: &Db, id: ResidentId) -> Result<Option<String>, sqlx::Error> {
    let sql = "select bsn from resident where id = $1";
    on_db!(db, pool => sqlx::query_scalar::<_, String>(sql).bind(id).fetch_optional(pool).await)
}

/// Inserts a resident known before their first login (demo data, imports); true when inserted.
pub async fn insert_if_absent(tx: &mut crate::backend::db::Tx, id: ResidentId, bsn: &str, now: OffsetDateTime) -> Result<bool, sqlx::Error> {
    let sql = "insert into resident (id, bsn, created_at) values ($1, $2, $3) on conflict (bsn) do nothing";
    crate::backend::db::on_tx!(tx, conn => sqlx::query(sql).bind(id).bind(bsn).bind(now).execute(conn).await.map(|r| r.rows_affected() == 1))
}

pub async fn count(db: &Db) -> Result<i64, sqlx::Error> {
    on_db!(db, pool => sqlx::query_scalar::<_, i64>("select count(*) from resident").fetch_one(pool).await)
}

/// The channel the resident prefers for answers (`None`: the portal).
pub async fn preferred_channel(db: &Db, id: ResidentId) -> Result<Option<String>, sqlx::Error> {
    let sql = "select preferred_channel from resident where id = $1";
    on_db!(db, pool => sqlx::query_scalar::<_, Option<String>>(sql).bind(id).fetch_optional(pool).await).map(Option::flatten)
}

pub async fn set_preferred_channel(db: &Db, id: ResidentId, channel: Option<&str>) -> Result<bool, sqlx::Error> {
    let sql = "update resident set preferred_channel = $1 where id = $2";
    on_db!(db, pool => sqlx::query(sql).bind(channel).bind(id).execute(pool).await.map(|r| r.rows_affected() == 1))
}

/// The resident with this BSN, if known (staff linking a contact to a resident).
pub async fn find_by_bsn(db: &Db, bsn: &str) -> Result<Option<ResidentId>, sqlx::Error> {
    let sql = "select id from resident where bsn = $1";
    on_db!(db, pool => sqlx::query_scalar::<_, ResidentId>(sql).bind(bsn).fetch_optional(pool).await)
}
