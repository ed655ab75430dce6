//! SQL for the `staff_member` table.

use time::OffsetDateTime;

use crate::backend::db::{on_db, Db};
use crate::model::ids::StaffId;

/// The staff member with this provider subject, created or updated from
/// the latest login's claims (an e-mail address only replaces the known one).
pub async fn upsert_by_subject(db: &Db, subject: &str, name: &str, roles: &[String], email: Option<&str>, now: OffsetDateTime) -> Result<StaffId, sqlx::Error> {
    let sql = "insert into staff_member (id, subject, name, roles, email, created_at, last_login_at) values ($1, $2, $3, $4, $5, $6, $6)
               on conflict (subject) do update set name = excluded.name, roles = excluded.roles, last_login_at = excluded.last_login_at,
                 email = coalesce(excluded.email, staff_member.email)
               returning id";
    let roles = roles.join(" ");
    on_db!(db, pool => sqlx::query_scalar::<_, StaffId>(sql).bind(StaffId::new()).bind(subject).bind(name).bind(&roles).bind(email).bind(now).fetch_one(pool).await)
}

#[derive(Debug, sqlx::FromRow)]
pub struct StaffMemberRow {
    pub id: StaffId,
    pub name: String,
}

/// Every staff member who logged in at least once, by name.
pub async fn list(db: &Db) -> Result<Vec<StaffMemberRow>, sqlx::Error> {
    on_db!(db, pool => sqlx::query_as::<_, StaffMemberRow>("select id, name from staff_member order by name, id").fetch_all(pool).await)
}

pub async fn find(db: &Db, id: StaffId) -> Result<Option<StaffMemberRow>, sqlx::Error> {
    on_db!(db, pool => sqlx::query_as::<_, StaffMemberRow>("select id, name from staff_member where id = $1").bind(id).fetch_optional(pool).await)
}

/// The staff member with this login subject (the telephony platform names agents by it).
pub async fn find_by_subject(db: &Db, subject: &str) -> Result<Option<StaffId>, sqlx::Error> {
    on_db!(db, pool => sqlx::query_scalar::<_, StaffId>("select id from staff_member where subject = $1").bind(subject).fetch_optional(pool).await)
}

/// Where a staff member gets reminders, if known.
pub async fn email(db: &Db, id: StaffId) -> Result<Option<String>, sqlx::Error> {
    on_db!(db, pool => sqlx::query_scalar::<_, Option<String>>("select email from staff_member where id = $1").bind(id).fetch_optional(pool).await).map(Option::flatten)
}

/// A staff member known before their first login (demo data); the id of
/// the one with this subject, new or existing.
pub async fn insert_known(tx: &mut crate::backend::db::Tx, subject: &str, name: &str, roles: &str, email: &str, now: OffsetDateTime) -> Result<StaffId, sqlx::Error> {
    let sql = "insert into staff_member (id, subject, name, roles, email, created_at, last_login_at) values ($1, $2, $3, $4, $5, $6, $6)
               on conflict (subject) do update set email = coalesce(staff_member.email, excluded.email) returning id";
    crate::backend::db::on_tx!(tx, conn => sqlx::query_scalar::<_, StaffId>(sql).bind(StaffId::new()).bind(subject).bind(name).bind(roles).bind(email).bind(now).fetch_one(conn).await)
}
