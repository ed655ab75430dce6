//! SQL for `identity_link`: two identities (BSNs) staff found to be one
//! person. One row per pair, the smaller id first.

use time::OffsetDateTime;

use crate::backend::db::{on_db, on_tx, Db, Tx};
use crate::model::ids::{IdentityLinkId, ResidentId, StaffId};

#[derive(Debug, sqlx::FromRow)]
pub struct IdentityLinkRow {
    pub id: IdentityLinkId,
    /// The other identity of the pair, seen from the one asked about.
    pub other_id: ResidentId,
    pub created_at: OffsetDateTime,
}

/// Links the two identities; false when they were linked already.
pub async fn insert(tx: &mut Tx, id: IdentityLinkId, a: ResidentId, b: ResidentId, staff: StaffId, now: OffsetDateTime) -> Result<bool, sqlx::Error> {
    let (first, second) = if a < b { (a, b) } else { (b, a) };
    let sql = "insert into identity_link (id, resident_id, other_id, linked_by, created_at) values ($1, $2, $3, $4, $5)
               on conflict (resident_id, other_id) do nothing";
    on_tx!(tx, conn => sqlx::query(sql).bind(id).bind(first).bind(second).bind(staff).bind(now).execute(conn).await.map(|r| r.rows_affected() == 1))
}

/// The identities linked to `resident`, oldest link first.
pub async fn others_of(db: &Db, resident: ResidentId) -> Result<Vec<IdentityLinkRow>, sqlx::Error> {
    let sql = "select id, other_id, created_at from identity_link where resident_id = $1
               union all
               select id, resident_id as other_id, created_at from identity_link where other_id = $1
               order by created_at, id";
    on_db!(db, pool => sqlx::query_as::<_, IdentityLinkRow>(sql).bind(resident).fetch_all(pool).await)
}

/// Removes the link if `resident` is one of its two; gives the other.
pub async fn delete(tx: &mut Tx, id: IdentityLinkId, resident: ResidentId) -> Result<Option<ResidentId>, sqlx::Error> {
    let sql = "delete from identity_link where id = $1 and (resident_id = $2 or other_id = $2)
               returning case when resident_id = $2 then other_id else resident_id end";
    on_tx!(tx, conn => sqlx::query_scalar::<_, ResidentId>(sql).bind(id).bind(resident).fetch_optional(conn).await)
}
