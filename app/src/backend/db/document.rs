//! SQL for the documents of a case.

use time::OffsetDateTime;

use crate::backend::db::{on_db, on_tx, Db, Tx};
use crate::model::ids::{CaseId, DocumentId, ResidentId};

#[derive(Debug, sqlx::FromRow)]
pub struct DocumentRow {
    pub id: DocumentId,
    pub title: String,
    pub file_name: String,
    pub content_type: String,
    pub size_bytes: i64,
    pub storage_key: String,
    pub added_by: String,
    pub created_at: OffsetDateTime,
    /// Kept in the Documenten API: its enkelvoudiginformatieobject (the contents are there).
    pub zgw_url: Option<String>,
}

const SELECT: &str = "select d.id, d.title, d.file_name, d.content_type, d.size_bytes, d.storage_key, d.added_by, d.created_at, d.zgw_url
                      from document d join service_case c on c.id = d.case_id
                      where c.resident_id = $1 and d.case_id = $2";

/// The documents of one of the resident's cases, newest first.
pub async fn list_for_resident_case(db: &Db, resident: ResidentId, case: CaseId) -> Result<Vec<DocumentRow>, sqlx::Error> {
    let sql = format!("{SELECT} order by d.created_at desc, d.id");
    on_db!(db, pool => sqlx::query_as::<_, DocumentRow>(&sql).bind(resident).bind(case).fetch_all(pool).await)
}

/// One document, only if it is in one of this resident's cases.
pub async fn find_for_resident(db: &Db, resident: ResidentId, case: CaseId, document: DocumentId) -> Result<Option<DocumentRow>, sqlx::Error> {
    let sql = format!("{SELECT} and d.id = $3");
    on_db!(db, pool => sqlx::query_as::<_, DocumentRow>(&sql).bind(resident).bind(case).bind(document).fetch_optional(pool).await)
}

/// One document of a case, whoever's case it is (the caller checked who may see it).
pub async fn find_in_case(db: &Db, case: CaseId, document: DocumentId) -> Result<Option<DocumentRow>, sqlx::Error> {
    let sql = "select d.id, d.title, d.file_name, d.content_type, d.size_bytes, d.storage_key, d.added_by, d.created_at, d.zgw_url
               from document d where d.case_id = $1 and d.id = $2";
    on_db!(db, pool => sqlx::query_as::<_, DocumentRow>(sql).bind(case).bind(document).fetch_optional(pool).await)
}

pub struct NewDocument<'a> {
    pub id: DocumentId,
    pub case_id: CaseId,
    pub title: &'a str,
    pub file_name: &'a str,
    pub content_type: &'a str,
    pub size_bytes: i64,
    pub storage_key: &'a str,
    /// `resident` or `staff`.
    pub added_by: &'a str,
    /// Stored in the Documenten API (not in Loket's storage): its URL there.
    pub zgw_url: Option<&'a str>,
}

pub async fn insert(tx: &mut Tx, new: &NewDocument<'_>, now: OffsetDateTime) -> Result<(), sqlx::Error> {
    // A document filed in the case system may be in the copy already (a
    // refresh that came first): then it is marked as this one's.
    let sql = "insert into document (id, case_id, title, file_name, content_type, size_bytes, storage_key, added_by, created_at, zgw_url)
               values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
               on conflict (zgw_url) do update set added_by = excluded.added_by";
    on_tx!(tx, conn => sqlx::query(sql)
        .bind(new.id).bind(new.case_id).bind(new.title).bind(new.file_name).bind(new.content_type)
        .bind(new.size_bytes).bind(new.storage_key).bind(new.added_by).bind(now).bind(new.zgw_url)
        .execute(conn).await.map(|_| ()))
}

pub async fn count(db: &Db) -> Result<i64, sqlx::Error> {
    on_db!(db, pool => sqlx::query_scalar::<_, i64>("select count(*) from document").fetch_one(pool).await)
}

/// Whether a stored file is named by a document or a message attachment.
pub async fn file_is_referenced(db: &Db, storage_key: &str) -> Result<bool, sqlx::Error> {
    let sql = "select (exists (select 1 from document where storage_key = $1)
                    or exists (select 1 from message_attachment where storage_key = $1)
                    or exists (select 1 from data_export where json_key = $1 or html_key = $1 or files_key = $1))";
    on_db!(db, pool => sqlx::query_scalar::<_, bool>(sql).bind(storage_key).fetch_one(pool).await)
}
