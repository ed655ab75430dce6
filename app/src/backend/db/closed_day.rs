//! SQL for `closed_day`: the days the municipality closes besides the
//! national public holidays, set by the administrator.

use time::{Date, OffsetDateTime};

use crate::backend::db::{on_db, on_tx, Db, Tx};
use crate::model::ids::StaffId;

const DAYS: &str = "select day from closed_day order by day";

/// Every closed day, in order.
pub async fn days(db: &Db) -> Result<Vec<Date>, sqlx::Error> {
    on_db!(db, pool => sqlx::query_scalar::<_, Date>(DAYS).fetch_all(pool).await)
}

/// [`days`], inside a transaction (a booking checks its day there).
pub async fn days_in(tx: &mut Tx) -> Result<Vec<Date>, sqlx::Error> {
    on_tx!(tx, conn => sqlx::query_scalar::<_, Date>(DAYS).fetch_all(conn).await)
}

/// The closed days from `from` on, with their names.
pub async fn list_from(db: &Db, from: Date) -> Result<Vec<(Date, String)>, sqlx::Error> {
    let sql = "select day, name from closed_day where day >= $1 order by day";
    on_db!(db, pool => sqlx::query_as::<_, (Date, String)>(sql).bind(from).fetch_all(pool).await)
}

/// Adds a closed day; false when it is one already.
pub async fn insert(db: &Db, day: Date, name: &str, staff: StaffId, now: OffsetDateTime) -> Result<bool, sqlx::Error> {
    let sql = "insert into closed_day (day, name, created_by, created_at) values ($1, $2, $3, $4) on conflict (day) do nothing";
    on_db!(db, pool => sqlx::query(sql).bind(day).bind(name).bind(staff).bind(now).execute(pool).await.map(|r| r.rows_affected() == 1))
}

/// Removes a closed day; false when it was none.
pub async fn delete(db: &Db, day: Date) -> Result<bool, sqlx::Error> {
    let sql = "delete from closed_day where day = $1";
    on_db!(db, pool => sqlx::query(sql).bind(day).execute(pool).await.map(|r| r.rows_affected() == 1))
}
