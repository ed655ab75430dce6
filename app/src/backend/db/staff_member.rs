//! SQL for the `staff_member` table.

use time::OffsetDateTime;

use crate::backend::db::{on_db, on_tx, Db, Tx};
use crate::model::ids::{StaffId, TeamId};

/// What a login's claims say about a staff member.
pub struct Login<'a> {
    pub subject: &'a str,
    pub name: &'a str,
    /// Loket role codes, space-separated.
    pub roles: &'a str,
    pub email: Option<&'a str>,
    /// A ZGW confidentiality level; `None` keeps the known one.
    pub clearance: Option<&'a str>,
}

/// The staff member with this provider subject, created or updated from
/// the latest login's claims (an e-mail address or clearance only replaces
/// the known one); `teams` (slugs; unknown ones ignored) replaces their
/// teams when the provider sends them.
pub async fn upsert_by_subject(db: &Db, login: &Login<'_>, teams: Option<&[String]>, now: OffsetDateTime) -> Result<StaffId, sqlx::Error> {
    let sql = "insert into staff_member (id, subject, name, roles, email, clearance, created_at, last_login_at) values ($1, $2, $3, $4, $5, coalesce($6, 'zaakvertrouwelijk'), $7, $7)
               on conflict (subject) do update set name = excluded.name, roles = excluded.roles, last_login_at = excluded.last_login_at,
                 email = coalesce($5, staff_member.email), clearance = coalesce($6, staff_member.clearance), active = true
               returning id";
    let mut tx = db.begin().await?;
    let id = on_tx!(&mut tx, conn => sqlx::query_scalar::<_, StaffId>(sql)
        .bind(StaffId::new()).bind(login.subject).bind(login.name).bind(login.roles).bind(login.email).bind(login.clearance).bind(now)
        .fetch_one(conn).await)?;
    if let Some(teams) = teams {
        set_teams(&mut tx, id, teams).await?;
    }
    tx.commit().await?;
    Ok(id)
}

/// Replaces a staff member's teams by the teams with these slugs.
pub async fn set_teams(tx: &mut Tx, id: StaffId, slugs: &[String]) -> Result<(), sqlx::Error> {
    on_tx!(tx, conn => sqlx::query("delete from staff_team where staff_id = $1").bind(id).execute(conn).await.map(|_| ()))?;
    for slug in slugs {
        let sql = "insert into staff_team (staff_id, team_id) select $1, id from team where slug = $2 on conflict do nothing";
        on_tx!(tx, conn => sqlx::query(sql).bind(id).bind(slug).execute(conn).await.map(|_| ()))?;
    }
    Ok(())
}

/// What the current request needs to know of a staff member.
#[derive(Debug, sqlx::FromRow)]
pub struct AccessRow {
    pub name: String,
    pub roles: String,
    pub clearance: String,
    pub active: bool,
}

pub async fn access(db: &Db, id: StaffId) -> Result<Option<(AccessRow, Vec<TeamId>)>, sqlx::Error> {
    let sql = "select name, roles, clearance, active from staff_member where id = $1";
    let Some(row) = on_db!(db, pool => sqlx::query_as::<_, AccessRow>(sql).bind(id).fetch_optional(pool).await)? else { return Ok(None) };
    let teams = on_db!(db, pool => sqlx::query_scalar::<_, TeamId>("select team_id from staff_team where staff_id = $1 order by team_id").bind(id).fetch_all(pool).await)?;
    Ok(Some((row, teams)))
}

/// Changes a staff member's clearance (a ZGW confidentiality level code).
pub async fn set_clearance(db: &Db, id: StaffId, clearance: &str) -> Result<bool, sqlx::Error> {
    on_db!(db, pool => sqlx::query("update staff_member set clearance = $1 where id = $2").bind(clearance).bind(id).execute(pool).await.map(|r| r.rows_affected() == 1))
}

/// What the provider's provisioning says: roles, teams (slugs; `None`
/// keeps them), active; false when nobody has this subject.
pub async fn provision(db: &Db, subject: &str, roles: &str, teams: Option<&[String]>, active: bool) -> Result<bool, sqlx::Error> {
    let mut tx = db.begin().await?;
    let sql = "update staff_member set roles = $1, active = $2 where subject = $3 returning id";
    let Some(id) = on_tx!(&mut tx, conn => sqlx::query_scalar::<_, StaffId>(sql).bind(roles).bind(active).bind(subject).fetch_optional(conn).await)? else {
        return Ok(false);
    };
    if let Some(teams) = teams {
        set_teams(&mut tx, id, teams).await?;
    }
    tx.commit().await?;
    Ok(true)
}


#[derive(Debug, sqlx::FromRow)]
pub struct StaffMemberRow {
    pub id: StaffId,
    pub name: String,
}

/// Every staff member who logged in at least once, by name.
pub async fn list(db: &Db) -> Result<Vec<StaffMemberRow>, sqlx::Error> {
    // Without a role no one works here: service accounts of the APIs' clients.
    on_db!(db, pool => sqlx::query_as::<_, StaffMemberRow>("select id, name from staff_member where roles <> '' order by name, id").fetch_all(pool).await)
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

/// A staff member known before their first login (demo data): the id of
/// the one with this subject, new or existing; their teams by slug.
pub async fn insert_known(tx: &mut Tx, known: &Login<'_>, teams: &[&str], now: OffsetDateTime) -> Result<StaffId, sqlx::Error> {
    let sql = "insert into staff_member (id, subject, name, roles, email, clearance, created_at, last_login_at) values ($1, $2, $3, $4, $5, coalesce($6, 'zaakvertrouwelijk'), $7, $7)
               on conflict (subject) do update set email = coalesce(staff_member.email, excluded.email) returning id";
    let id = on_tx!(tx, conn => sqlx::query_scalar::<_, StaffId>(sql)
        .bind(StaffId::new()).bind(known.subject).bind(known.name).bind(known.roles).bind(known.email).bind(known.clearance).bind(now)
        .fetch_one(conn).await)?;
    let slugs: Vec<String> = teams.iter().map(|t| t.to_string()).collect();
    set_teams(tx, id, &slugs).await?;
    Ok(id)
}
