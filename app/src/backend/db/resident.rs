//! SQL for the `resident` table.

use time::OffsetDateTime;

use crate::backend::db::{on_db, on_tx, Db};
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

/// The resident with this BSN, inside a transaction.
pub async fn find_by_bsn_in(tx: &mut crate::backend::db::Tx, bsn: &str) -> Result<Option<ResidentId>, sqlx::Error> {
    crate::backend::db::on_tx!(tx, conn => sqlx::query_scalar::<_, ResidentId>("select id from resident where bsn = $1").bind(bsn).fetch_optional(conn).await)
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
const PREFERRED_CHANNEL: &str = "select preferred_channel from resident where id = $1";

pub async fn preferred_channel(db: &Db, id: ResidentId) -> Result<Option<String>, sqlx::Error> {
    on_db!(db, pool => sqlx::query_scalar::<_, Option<String>>(PREFERRED_CHANNEL).bind(id).fetch_optional(pool).await).map(Option::flatten)
}

/// [`preferred_channel`], inside the transaction that queues a notice.
pub async fn preferred_channel_in(tx: &mut crate::backend::db::Tx, id: ResidentId) -> Result<Option<String>, sqlx::Error> {
    on_tx!(tx, conn => sqlx::query_scalar::<_, Option<String>>(PREFERRED_CHANNEL).bind(id).fetch_optional(conn).await).map(Option::flatten)
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

/// What staff see of a resident they found.
#[derive(Debug, sqlx::FromRow)]
pub struct ProfileRow {
    pub id: ResidentId,
    pub bsn: String,
    pub name: Option<String>,
    pub birth_date: Option<time::Date>,
    pub postal_code: Option<String>,
    pub house_number: Option<String>,
}

const PROFILE: &str = "select id, bsn, name, birth_date, postal_code, house_number from resident";

pub async fn profile(db: &Db, id: ResidentId) -> Result<Option<ProfileRow>, sqlx::Error> {
    let sql = format!("{PROFILE} where id = $1");
    on_db!(db, pool => sqlx::query_as::<_, ProfileRow>(&sql).bind(id).fetch_optional(pool).await)
}

/// How staff look a resident up; each finds at most a few.
pub enum Lookup<'a> {
    Bsn(&'a str),
    /// A name (case-insensitive, exact) with the birth date.
    NameAndBirthDate(&'a str, time::Date),
    /// A postal code (`1234AB`) with the house number.
    Address(&'a str, &'a str),
    /// A confirmed e-mail address or phone number (stored form).
    ConfirmedAddress(&'a str),
}

/// Residents matching a lookup, at most `limit`.
pub async fn lookup(db: &Db, lookup: &Lookup<'_>, limit: i64) -> Result<Vec<ProfileRow>, sqlx::Error> {
    match lookup {
        Lookup::Bsn(bsn) => {
            let sql = format!("{PROFILE} where bsn = $1 limit $2");
            on_db!(db, pool => sqlx::query_as::<_, ProfileRow>(&sql).bind(*bsn).bind(limit).fetch_all(pool).await)
        }
        Lookup::NameAndBirthDate(name, born) => {
            let sql = format!("{PROFILE} where lower(name) = lower($1) and birth_date = $2 order by id limit $3");
            on_db!(db, pool => sqlx::query_as::<_, ProfileRow>(&sql).bind(*name).bind(*born).bind(limit).fetch_all(pool).await)
        }
        Lookup::Address(postal_code, number) => {
            let sql = format!("{PROFILE} where postal_code = $1 and house_number = $2 order by name, id limit $3");
            on_db!(db, pool => sqlx::query_as::<_, ProfileRow>(&sql).bind(*postal_code).bind(*number).bind(limit).fetch_all(pool).await)
        }
        Lookup::ConfirmedAddress(address) => {
            let sql = format!("{PROFILE} where id in (select ca.resident_id from contact_address ca where ca.address = $1 and ca.verified_at is not null) order by id limit $2");
            on_db!(db, pool => sqlx::query_as::<_, ProfileRow>(&sql).bind(*address).bind(limit).fetch_all(pool).await)
        }
    }
}

/// Sets the details staff find a resident by (from the population register; demo data).
pub async fn set_profile(tx: &mut crate::backend::db::Tx, id: ResidentId, name: &str, birth_date: time::Date, postal_code: &str, house_number: &str) -> Result<(), sqlx::Error> {
    let sql = "update resident set name = $1, birth_date = $2, postal_code = $3, house_number = $4 where id = $5";
    crate::backend::db::on_tx!(tx, conn => sqlx::query(sql).bind(name).bind(birth_date).bind(postal_code).bind(house_number).bind(id).execute(conn).await.map(|_| ()))
}
