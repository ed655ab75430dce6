//! Documents of a case: the resident sends one for a to-do, and downloads
//! what is there; staff of the case's team add documents and download
//! what the resident sent (each download logged with its purpose).
//! Uploads are checked by content, not by name; a refused or failed
//! upload stores nothing.

use time::OffsetDateTime;

use crate::backend::effect::Committed;
use crate::backend::auth::session::Staff;
use crate::backend::service::notice::{self, Notice};
use crate::backend::service::processing_log::{self, Entry};
use crate::model::processing_log::Category;
use crate::backend::service::upload::{accepted_type, clean_file_name, Refusal};
use crate::backend::service::case_sync::CaseSync;
use crate::backend::storage::DocumentStorage;
use crate::backend::zgw::ZgwError;
use crate::backend::{db, db::Db, Error};
use crate::model::case::TodoKind;
use crate::model::ids::{CaseId, DocumentId, ResidentId, TodoId};

/// The resident sends a document for one of their open to-dos. The to-do
/// is done afterwards; when it was the case's last one, the case moves
/// on to its next step. Someone else's case or to-do is `NotFound`. For a
/// case from the case system (with uploads set up), the document goes to
/// its Documenten API and is linked to the case there.
#[allow(clippy::too_many_arguments)]
pub async fn send_for_todo(
    db: &Db,
    storage: &dyn DocumentStorage,
    cases: Option<&CaseSync>,
    resident: ResidentId,
    case: CaseId,
    todo: TodoId,
    file_name: &str,
    bytes: &[u8],
    now: OffsetDateTime,
) -> Result<Result<DocumentId, Refusal>, Error> {
    let case_row = db::case::find_for_resident(db, resident, case).await?.ok_or(Error::NotFound)?;
    let open = db::todo::list_open_for_case(db, resident, case).await?;
    let Some(todo_row) = open.iter().find(|t| t.id == todo && t.kind == TodoKind::Upload.code()) else {
        return Err(Error::NotFound);
    };
    let content_type = match accepted_type(bytes) {
        Ok(t) => t,
        Err(refusal) => return Ok(Err(refusal)),
    };
    let id = DocumentId::new();
    let key = id.to_string();
    let file_name = clean_file_name(file_name);
    let sent = Sent { title: &todo_row.title_nl, file_name: &file_name, content_type, bytes };
    let copy = case_row.zgw_url.is_some();
    if let Some(url) = to_case_system(cases, case_row.zgw_url.as_deref(), &sent, "Inwoner (via Loket)", now).await? {
        return record_sent(db, resident, (case, copy), todo, &sent, &key, Some(&url), id, now).await.map(Ok);
    }
    let record = record_sent(db, resident, (case, copy), todo, &sent, &key, None, id, now);
    store_then_record(storage, &key, bytes, record).await.map(Ok)
}

/// A document on its way into a case.
struct Sent<'a> {
    title: &'a str,
    file_name: &'a str,
    content_type: &'a str,
    bytes: &'a [u8],
}

/// For a copy of a case in the case system, with uploads set up: stores
/// the document in its Documenten API, linked to the case; its URL there.
/// `None`: the document stays in Loket.
async fn to_case_system(cases: Option<&CaseSync>, zaak: Option<&str>, sent: &Sent<'_>, author: &str, now: OffsetDateTime) -> Result<Option<String>, Error> {
    let (Some(cases), Some(zaak)) = (cases, zaak) else { return Ok(None) };
    let Some(uploads) = &cases.uploads else { return Ok(None) };
    let created_on = crate::backend::local_time::date_of(now).to_string();
    let new = crate::backend::zgw::resource::NewDocument {
        bronorganisatie: &uploads.bronorganisatie,
        document_type: &uploads.document_type,
        created_on: &created_on,
        title: sent.title,
        author,
        file_name: sent.file_name,
        content_type: sent.content_type,
        confidentiality: "zaakvertrouwelijk",
        bytes: sent.bytes,
    };
    match cases.zgw.add_document(zaak, &new).await {
        Ok(url) => Ok(Some(url)),
        Err(error) => {
            tracing::warn!(error = %error, "storing a document in the case system failed");
            Err(Error::Internal("storing a document in the case system failed"))
        }
    }
}

/// Stores the bytes, then records them in the database; when recording
/// fails the file is removed again, so nothing is ever half-stored.
async fn store_then_record<T>(
    storage: &dyn DocumentStorage,
    key: &str,
    bytes: &[u8],
    record: impl std::future::Future<Output = Result<T, Error>>,
) -> Result<T, Error> {
    storage.put(key, bytes).await.map_err(|_| Error::Internal("storing a document failed"))?;
    let recorded = record.await;
    if recorded.is_err() {
        let _ = storage.delete(key).await;
    }
    recorded
}

/// `case`: the case, and whether it is a copy from the case system (whose
/// status is set there, not moved on here).
#[allow(clippy::too_many_arguments)]
async fn record_sent(
    db: &Db,
    resident: ResidentId,
    (case, copy): (CaseId, bool),
    todo: TodoId,
    sent: &Sent<'_>,
    key: &str,
    zgw_url: Option<&str>,
    id: DocumentId,
    now: OffsetDateTime,
) -> Result<DocumentId, Error> {
    let mut tx = db.begin().await?;
    if !db::todo::mark_done(&mut tx, resident, case, todo, TodoKind::Upload.code(), None, now).await? {
        // Done in the meantime (a double submit): keep the first.
        return Err(Error::Conflict);
    }
    db::document::insert(
        &mut tx,
        &db::document::NewDocument {
            id,
            case_id: case,
            title: sent.title,
            file_name: sent.file_name,
            content_type: sent.content_type,
            size_bytes: sent.bytes.len() as i64,
            storage_key: key,
            added_by: "resident",
            zgw_url,
        },
        now,
    )
    .await?;
    if !copy && db::todo::count_open_for_case(&mut tx, case).await? == 0 {
        let case_type = db::case::case_type_of(&mut tx, case).await?;
        if let Some(current) = db::case::current_sequence(&mut tx, case).await? {
            db::case::insert_status(&mut tx, case, case_type, current + 1, now).await?;
        }
    }
    db::case::touch(&mut tx, case, now).await?;
    tx.commit().await?;
    Ok(id)
}

/// The longest document title staff can give.
pub const MAX_TITLE_CHARS: usize = 200;

/// Staff add a document to a case (a decision letter, say). Checked like
/// a resident's upload; the addition is logged with its purpose and the
/// resident gets a notice.
#[allow(clippy::too_many_arguments)]
pub async fn add_by_staff(
    db: &Db,
    storage: &dyn DocumentStorage,
    cases: Option<&CaseSync>,
    staff: &Staff,
    case: CaseId,
    title: &str,
    file_name: &str,
    bytes: &[u8],
    now: OffsetDateTime,
) -> Result<Result<Committed<DocumentId>, Refusal>, Error> {
    let row = crate::backend::service::case::for_staff(db, staff, case).await?;
    let title = title.trim();
    if title.is_empty() || title.chars().count() > MAX_TITLE_CHARS {
        return Err(Error::Validation(vec![crate::error::FieldError {
            field: "title".into(),
            code: if title.is_empty() { crate::error::FieldErrorCode::Missing } else { crate::error::FieldErrorCode::TooLong },
        }]));
    }
    let content_type = match accepted_type(bytes) {
        Ok(t) => t,
        Err(refusal) => return Ok(Err(refusal)),
    };
    let id = DocumentId::new();
    let key = id.to_string();
    let file_name = clean_file_name(file_name);
    let sent = Sent { title, file_name: &file_name, content_type, bytes };
    let in_case_system = to_case_system(cases, row.zgw_url.as_deref(), &sent, &staff.name, now).await?;
    let record = async {
        let mut tx = db.begin().await?;
        let new = db::document::NewDocument {
            id,
            case_id: case,
            title,
            file_name: &file_name,
            content_type,
            size_bytes: bytes.len() as i64,
            storage_key: &key,
            added_by: "staff",
            zgw_url: in_case_system.as_deref(),
        };
        db::document::insert(&mut tx, &new, now).await?;
        db::case::touch(&mut tx, case, now).await?;
        let entry = Entry::change(staff.id, row.resident_id, Category::Document, processing_log::CASE_HANDLING).object(id).team(row.team_id);
        processing_log::record(&mut tx, &entry, now).await?;
        let effects = notice::enqueue(&mut tx, Notice::CaseChanged { resident: row.resident_id }, now).await?;
        tx.commit().await?;
        Ok::<_, Error>((id, effects))
    };
    let recorded = match in_case_system {
        Some(_) => record.await?,
        None => store_then_record(storage, &key, bytes, record).await?,
    };
    Ok(Ok(Committed::new(recorded.0, recorded.1)))
}

/// A document's contents: stored bytes, or a stream from the Documenten API.
pub enum Contents {
    Bytes(Vec<u8>),
    Stream(futures_util::stream::BoxStream<'static, Result<axum::body::Bytes, std::io::Error>>),
}

/// A document to download: its name, type and contents.
pub struct Download {
    pub file_name: String,
    pub content_type: String,
    pub contents: Contents,
}

/// The contents of a document row: from storage, or streamed from the case
/// system. A document the case system no longer has is `NotFound`, and its
/// case is fetched again so the copy loses it too.
async fn contents(db: &Db, storage: &dyn DocumentStorage, cases: Option<&CaseSync>, row: db::document::DocumentRow, now: OffsetDateTime) -> Result<Download, Error> {
    let contents = match (&row.zgw_url, cases) {
        (None, _) => Contents::Bytes(storage.get(&row.storage_key).await.map_err(|_| Error::Internal("reading a stored document failed"))?),
        (Some(_), None) => return Err(Error::Internal("a document from the case system, which is not set up")),
        (Some(url), Some(cases)) => match cases.zgw.download(url).await {
            Ok(response) => {
                use futures_util::StreamExt;
                Contents::Stream(response.bytes_stream().map(|chunk| chunk.map_err(std::io::Error::other)).boxed())
            }
            Err(ZgwError::Gone(_)) => {
                if let Some(case_url) = db::case_sync::case_url_of_document(db, url).await? {
                    db::case_sync::queue_refresh(db, &case_url, now, now).await?;
                }
                return Err(Error::NotFound);
            }
            Err(error) => {
                tracing::warn!(error = %error, "downloading a document from the case system failed");
                return Err(Error::Internal("the case system failed"));
            }
        },
    };
    Ok(Download { file_name: row.file_name, content_type: row.content_type, contents })
}

/// A document of one of the resident's own cases.
pub async fn fetch_for_resident(
    db: &Db,
    storage: &dyn DocumentStorage,
    cases: Option<&CaseSync>,
    resident: ResidentId,
    case: CaseId,
    document: DocumentId,
    now: OffsetDateTime,
) -> Result<Download, Error> {
    let row = db::document::find_for_resident(db, resident, case, document).await?.ok_or(Error::NotFound)?;
    contents(db, storage, cases, row, now).await
}

/// A document of a case the staff member may see (their team, within
/// their clearance; any other is `NotFound`), logged as a view of the
/// resident's data for handling the case.
#[allow(clippy::too_many_arguments)]
pub async fn fetch_for_staff(
    db: &Db,
    storage: &dyn DocumentStorage,
    cases: Option<&CaseSync>,
    staff: &Staff,
    case: CaseId,
    document: DocumentId,
    now: OffsetDateTime,
) -> Result<Download, Error> {
    let case_row = crate::backend::service::case::for_staff(db, staff, case).await?;
    let row = db::document::find_in_case(db, case, document).await?.ok_or(Error::NotFound)?;
    let entry = Entry::read(staff.id, case_row.resident_id, Category::Document, processing_log::CASE_HANDLING).object(document).team(case_row.team_id);
    processing_log::record_reads(db, &[entry], now).await?;
    contents(db, storage, cases, row, now).await
}
