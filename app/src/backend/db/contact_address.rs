//! SQL for `contact_address`: where a resident wants to hear from us,
//! confirmed with a one-time code before anything is sent there.

use time::OffsetDateTime;

use crate::backend::db::{on_db, on_tx, Db, Tx};
use crate::model::ids::{ContactAddressId, ResidentId, StaffId};

#[derive(Debug, sqlx::FromRow)]
pub struct ContactAddressRow {
    pub id: ContactAddressId,
    pub address: String,
    pub language: String,
    pub code_hash: Option<String>,
    pub code_expires_at: Option<OffsetDateTime>,
    pub code_attempts: i64,
    pub verified_at: Option<OffsetDateTime>,
}

/// The resident's address on a channel, confirmed or not.
pub async fn find(db: &Db, resident: ResidentId, channel: &str) -> Result<Option<ContactAddressRow>, sqlx::Error> {
    let sql = "select id, address, language, code_hash, code_expires_at, code_attempts, verified_at
               from contact_address where resident_id = $1 and channel = $2";
    on_db!(db, pool => sqlx::query_as::<_, ContactAddressRow>(sql).bind(resident).bind(channel).fetch_optional(pool).await)
}

/// The confirmed address of a resident on a channel, read inside the transaction that reports a change.
pub async fn find_verified(tx: &mut Tx, resident: ResidentId, channel: &str) -> Result<Option<ContactAddressRow>, sqlx::Error> {
    let sql = "select id, address, language, code_hash, code_expires_at, code_attempts, verified_at
               from contact_address where resident_id = $1 and channel = $2 and verified_at is not null";
    on_tx!(tx, conn => sqlx::query_as::<_, ContactAddressRow>(sql).bind(resident).bind(channel).fetch_optional(conn).await)
}

pub struct NewCode<'a> {
    pub resident_id: ResidentId,
    pub channel: &'a str,
    pub address: &'a str,
    pub language: &'a str,
    pub code_hash: &'a str,
    pub code_expires_at: OffsetDateTime,
}

/// Sets a new, unconfirmed address (replacing any earlier one on this channel) with a fresh code.
pub async fn set_unverified(tx: &mut Tx, new: &NewCode<'_>, now: OffsetDateTime) -> Result<(), sqlx::Error> {
    let sql = "insert into contact_address (id, resident_id, channel, address, language, code_hash, code_expires_at, code_attempts, verified_at, created_at)
               values ($1, $2, $3, $4, $5, $6, $7, 0, null, $8)
               on conflict (resident_id, channel) do update set
                 address = excluded.address, language = excluded.language, code_hash = excluded.code_hash,
                 code_expires_at = excluded.code_expires_at, code_attempts = 0, verified_at = null, created_at = excluded.created_at";
    on_tx!(tx, conn => sqlx::query(sql)
        .bind(ContactAddressId::new()).bind(new.resident_id).bind(new.channel).bind(new.address).bind(new.language)
        .bind(new.code_hash).bind(new.code_expires_at).bind(now)
        .execute(conn).await.map(|_| ()))
}

/// Counts a wrong code; the count only grows while a code is outstanding.
pub async fn count_attempt(db: &Db, id: ContactAddressId, max_attempts: i64, now: OffsetDateTime) -> Result<Option<String>, sqlx::Error> {
    let sql = "update contact_address set code_attempts = code_attempts + 1
               where id = $1 and code_hash is not null and code_attempts < $2 and code_expires_at > $3
               returning code_hash";
    on_db!(db, pool => sqlx::query_scalar::<_, String>(sql).bind(id).bind(max_attempts).bind(now).fetch_optional(pool).await)
}

/// Confirms the address if the code is still the one given out; false when it changed meanwhile.
pub async fn verify(db: &Db, id: ContactAddressId, code_hash: &str, now: OffsetDateTime) -> Result<bool, sqlx::Error> {
    let sql = "update contact_address set verified_at = $1, code_hash = null, code_expires_at = null
               where id = $2 and code_hash = $3";
    on_db!(db, pool => sqlx::query(sql).bind(now).bind(id).bind(code_hash).execute(pool).await.map(|r| r.rows_affected() == 1))
}

/// Forgets the resident's address on a channel; false when there was none.
pub async fn delete(db: &Db, resident: ResidentId, channel: &str) -> Result<bool, sqlx::Error> {
    let sql = "delete from contact_address where resident_id = $1 and channel = $2";
    on_db!(db, pool => sqlx::query(sql).bind(resident).bind(channel).execute(pool).await.map(|r| r.rows_affected() == 1))
}

/// The one resident who confirmed this address on this channel; `None`
/// when nobody did, or when more than one did (a shared family address
/// identifies nobody).
pub async fn resident_with_verified(tx: &mut Tx, channel: &str, address: &str) -> Result<Option<ResidentId>, sqlx::Error> {
    let sql = "select resident_id from contact_address where channel = $1 and address = $2 and verified_at is not null limit 2";
    let found = on_tx!(tx, conn => sqlx::query_scalar::<_, ResidentId>(sql).bind(channel).bind(address).fetch_all(conn).await)?;
    Ok(if found.len() == 1 { found.into_iter().next() } else { None })
}

/// Whether anyone confirmed this address on this channel.
pub async fn is_verified(db: &Db, channel: &str, address: &str) -> Result<bool, sqlx::Error> {
    let sql = "select count(*) from contact_address where channel = $1 and address = $2 and verified_at is not null";
    on_db!(db, pool => sqlx::query_scalar::<_, i64>(sql).bind(channel).bind(address).fetch_one(pool).await.map(|n| n > 0))
}

/// The resident's confirmed addresses, by channel.
pub async fn verified_of(db: &Db, resident: ResidentId) -> Result<Vec<(String, String)>, sqlx::Error> {
    let sql = "select channel, address from contact_address where resident_id = $1 and verified_at is not null order by channel";
    on_db!(db, pool => sqlx::query_as::<_, (String, String)>(sql).bind(resident).fetch_all(pool).await)
}

// ---------------------------------------------------------------- addresses staff linked

#[derive(Debug, sqlx::FromRow)]
pub struct LinkedAddressRow {
    pub id: ContactAddressId,
    pub channel: String,
    pub address: String,
    pub created_at: OffsetDateTime,
}

/// Remembers that staff linked this address to the resident (once; not
/// when the resident confirmed it themselves already).
pub async fn link(tx: &mut Tx, resident: ResidentId, channel: &str, address: &str, staff: StaffId, now: OffsetDateTime) -> Result<bool, sqlx::Error> {
    let sql = "insert into linked_address (id, resident_id, channel, address, linked_by, created_at)
               select $1, $2, $3, $4, $5, $6
               where not exists (select 1 from contact_address a where a.resident_id = $2 and a.channel = $3 and a.address = $4 and a.verified_at is not null)
               on conflict (channel, address, resident_id) do nothing";
    on_tx!(tx, conn => sqlx::query(sql)
        .bind(ContactAddressId::new()).bind(resident).bind(channel).bind(address).bind(staff).bind(now)
        .execute(conn).await.map(|r| r.rows_affected() == 1))
}

/// The one resident staff linked this address to; `None` when nobody,
/// or more than one (it identifies nobody then).
pub async fn resident_with_linked(tx: &mut Tx, channel: &str, address: &str) -> Result<Option<ResidentId>, sqlx::Error> {
    let sql = "select distinct resident_id from linked_address where channel = $1 and address = $2 limit 2";
    let found = on_tx!(tx, conn => sqlx::query_scalar::<_, ResidentId>(sql).bind(channel).bind(address).fetch_all(conn).await)?;
    Ok(if found.len() == 1 { found.into_iter().next() } else { None })
}

/// The addresses staff linked to the resident, oldest first.
pub async fn linked_of(db: &Db, resident: ResidentId) -> Result<Vec<LinkedAddressRow>, sqlx::Error> {
    let sql = "select id, channel, address, created_at from linked_address where resident_id = $1 order by created_at, id";
    on_db!(db, pool => sqlx::query_as::<_, LinkedAddressRow>(sql).bind(resident).fetch_all(pool).await)
}

/// The resident removes a link; false when it is not theirs (or gone).
pub async fn unlink(db: &Db, resident: ResidentId, id: ContactAddressId) -> Result<bool, sqlx::Error> {
    let sql = "delete from linked_address where id = $1 and resident_id = $2";
    on_db!(db, pool => sqlx::query(sql).bind(id).bind(resident).execute(pool).await.map(|r| r.rows_affected() == 1))
}
