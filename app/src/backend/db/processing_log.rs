//! SQL for the processing log (verwerkingenlog): insert and read only.
//! Both databases refuse updates and deletes with triggers.

use time::OffsetDateTime;

use crate::backend::db::{on_db, on_tx, Db, Tx};
use crate::model::ids::{ResidentId, StaffId, TeamId};

pub struct NewEntry<'a> {
    pub staff_id: StaffId,
    pub resident_id: ResidentId,
    /// The team on whose behalf (the object's team); `None`: the staff member's first team.
    pub team_id: Option<TeamId>,
    pub category: &'a str,
    pub object_id: Option<uuid::Uuid>,
    pub operation: &'a str,
    /// A `processing_purpose` code; its legal ground is copied into the row.
    pub purpose: &'a str,
    pub reason: Option<&'a str>,
}

/// Logged in the same transaction as what it records. The staff member's
/// roles are copied as they are at this moment; an unknown purpose or
/// staff member must not pass unlogged and fails it.
pub async fn insert(tx: &mut Tx, new: &NewEntry<'_>, now: OffsetDateTime) -> Result<(), sqlx::Error> {
    insert_many(tx, std::slice::from_ref(new), now).await
}

/// Lines per statement in [`insert_many`] (9 values each).
const ROWS_PER_STATEMENT: usize = 100;

/// Lines in the caller's transaction, a statement per hundred (a list's
/// reads log one line per resident shown), each as [`insert`] describes.
/// Their ids are time-ordered (UUID v7): a list's fifty lines extend the
/// id index at its end instead of changing fifty pages all over it.
pub async fn insert_many(tx: &mut Tx, entries: &[NewEntry<'_>], now: OffsetDateTime) -> Result<(), sqlx::Error> {
    for chunk in entries.chunks(ROWS_PER_STATEMENT) {
        let values: Vec<String> = (0..chunk.len())
            .map(|i| {
                let first = 2 + i * 9;
                format!("({})", (first..first + 9).map(|n| format!("${n}")).collect::<Vec<_>>().join(", "))
            })
            .collect();
        // VALUES names its columns column1, column2, ... on both databases.
        let sql = format!(
            "insert into processing_log (id, at, staff_id, staff_role, team_id, resident_id, category, object_id, operation, purpose, legal_ground, reason)
             select v.column1, $1, s.id, s.roles,
                    coalesce(v.column2, (select t.team_id from staff_team t where t.staff_id = s.id order by t.team_id limit 1)),
                    v.column3, v.column4, v.column5, v.column6, p.code, p.legal_ground, v.column7
             from (values {}) v
             join staff_member s on s.id = v.column9
             join processing_purpose p on p.code = v.column8",
            values.join(", ")
        );
        let done = on_tx!(tx, conn => {
            let mut q = sqlx::query(&sql).bind(now);
            for e in chunk {
                q = q.bind(uuid::Uuid::now_v7()).bind(e.team_id).bind(e.resident_id).bind(e.category).bind(e.object_id)
                    .bind(e.operation).bind(e.reason).bind(e.purpose).bind(e.staff_id);
            }
            q.execute(conn).await.map(|r| r.rows_affected())
        })?;
        if done != chunk.len() as u64 {
            return Err(sqlx::Error::RowNotFound);
        }
    }
    Ok(())
}

/// How many processings of this resident's data were logged.
pub async fn count_for_resident(db: &Db, resident: ResidentId) -> Result<i64, sqlx::Error> {
    on_db!(db, pool => sqlx::query_scalar::<_, i64>("select count(*) from processing_log where resident_id = $1").bind(resident).fetch_one(pool).await)
}

#[derive(Debug, sqlx::FromRow)]
pub struct EntryRow {
    pub at: OffsetDateTime,
    pub staff_name: String,
    pub staff_role: String,
    pub team_nl: Option<String>,
    pub team_en: Option<String>,
    pub bsn: String,
    pub category: String,
    pub object_id: Option<uuid::Uuid>,
    pub operation: String,
    pub purpose: String,
    pub purpose_nl: String,
    pub purpose_en: String,
    pub legal_ground: String,
    pub reason: Option<String>,
}

const ENTRY: &str = "select l.at, s.name as staff_name, l.staff_role, t.name_nl as team_nl, t.name_en as team_en, r.bsn,
        l.category, l.object_id, l.operation, l.purpose, p.name_nl as purpose_nl, p.name_en as purpose_en, l.legal_ground, l.reason
    from processing_log l
    join staff_member s on s.id = l.staff_id
    join resident r on r.id = l.resident_id
    join processing_purpose p on p.code = l.purpose
    left join team t on t.id = l.team_id";

/// The resident's own log, newest first.
pub async fn for_resident(db: &Db, resident: ResidentId, limit: i64) -> Result<Vec<EntryRow>, sqlx::Error> {
    let sql = format!("{ENTRY} where l.resident_id = $1 order by l.at desc, l.id limit $2");
    on_db!(db, pool => sqlx::query_as::<_, EntryRow>(&sql).bind(resident).bind(limit).fetch_all(pool).await)
}

/// What the privacy officer searches by; each `None` matches everything.
#[derive(Clone, Debug, Default)]
pub struct Search {
    pub resident: Option<ResidentId>,
    pub staff: Option<StaffId>,
    pub from: Option<OffsetDateTime>,
    pub until: Option<OffsetDateTime>,
}

/// Matching rows, newest first.
pub async fn search(db: &Db, search: &Search, limit: i64) -> Result<Vec<EntryRow>, sqlx::Error> {
    let sql = format!(
        "{ENTRY} where ($1 is null or l.resident_id = $1) and ($2 is null or l.staff_id = $2)
           and ($3 is null or l.at >= $3) and ($4 is null or l.at < $4)
         order by l.at desc, l.id limit $5"
    );
    on_db!(db, pool => sqlx::query_as::<_, EntryRow>(&sql)
        .bind(search.resident).bind(search.staff).bind(search.from).bind(search.until).bind(limit)
        .fetch_all(pool).await)
}

#[derive(Debug, sqlx::FromRow)]
pub struct PurposeRow {
    pub code: String,
    pub name_nl: String,
    pub name_en: String,
}

/// The purposes an agent may state for the 360-degree view.
pub async fn asked_purposes(db: &Db) -> Result<Vec<PurposeRow>, sqlx::Error> {
    let sql = "select code, name_nl, name_en from processing_purpose where asked = $1 order by code";
    on_db!(db, pool => sqlx::query_as::<_, PurposeRow>(sql).bind(true).fetch_all(pool).await)
}

/// Tries to change or remove a row (for the test that this is refused).
pub async fn try_tamper(db: &Db, resident: ResidentId) -> (Result<u64, sqlx::Error>, Result<u64, sqlx::Error>) {
    let update = on_db!(db, pool => sqlx::query("update processing_log set purpose = 'klantcontact', reason = 'weg' where resident_id = $1").bind(resident).execute(pool).await.map(|r| r.rows_affected()));
    let delete = on_db!(db, pool => sqlx::query("delete from processing_log where resident_id = $1").bind(resident).execute(pool).await.map(|r| r.rows_affected()));
    (update, delete)
}
