//! Files that come in: a resident's document for a to-do, a staff
//! member's document on a case, attachments of messages on any channel.
//! Every file is judged by its content (type and size), never by its
//! name; a file is stored before its record is written, and removed
//! again when writing the record fails, so nothing is half-stored.

use crate::backend::{db, db::Db, storage::DocumentStorage, Error};
use crate::error::FieldErrorCode;
use crate::model::ids::AttachmentId;

/// The most attachments one message carries.
pub const MAX_ATTACHMENTS: usize = 3;

/// The largest document a resident can send: 10 MB.
pub const MAX_BYTES: usize = 10 * 1024 * 1024;

/// Why an upload is refused; each has a message on the case page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refusal {
    Empty,
    TooLarge,
    /// Not a PDF, JPEG or PNG (by its content).
    Type,
}

impl Refusal {
    pub fn code(self) -> &'static str {
        match self {
            Refusal::Empty => "leeg",
            Refusal::TooLarge => "groot",
            Refusal::Type => "type",
        }
    }
}

/// The content type of an accepted document, judged by its bytes.
pub fn accepted_type(bytes: &[u8]) -> Result<&'static str, Refusal> {
    if bytes.is_empty() {
        return Err(Refusal::Empty);
    }
    if bytes.len() > MAX_BYTES {
        return Err(Refusal::TooLarge);
    }
    match infer::get(bytes).map(|t| t.mime_type()) {
        Some(mime @ ("application/pdf" | "image/jpeg" | "image/png")) => Ok(mime),
        _ => Err(Refusal::Type),
    }
}

/// A file name safe to show and to offer for download: no path, no control characters.
pub fn clean_file_name(raw: &str) -> String {
    let base = raw.rsplit(['/', '\\']).next().unwrap_or("");
    let cleaned: String = base.chars().filter(|c| !c.is_control()).take(120).collect();
    if cleaned.trim().is_empty() { "document".into() } else { cleaned }
}


/// A file as it came in with a message.
pub struct Upload {
    pub file_name: String,
    pub bytes: Vec<u8>,
}

/// Checks every attachment before anything is stored: count and, by content, type and size.
pub fn checked(attachments: &[Upload]) -> Result<Vec<(&Upload, &'static str)>, Error> {
    if attachments.len() > MAX_ATTACHMENTS {
        return Err(Error::field("attachment", FieldErrorCode::TooLong));
    }
    attachments
        .iter()
        .map(|a| match accepted_type(&a.bytes) {
            Ok(t) => Ok((a, t)),
            Err(Refusal::TooLarge) => Err(Error::field("attachment", FieldErrorCode::TooLong)),
            Err(_) => Err(Error::field("attachment", FieldErrorCode::Invalid)),
        })
        .collect()
}


/// A stored attachment waiting to be recorded.
pub struct Stored {
    pub id: AttachmentId,
    pub key: String,
    pub file_name: String,
    pub content_type: &'static str,
    pub size: i64,
}

/// Stores every file; when one fails, removes the ones stored before it.
pub async fn store(storage: &dyn DocumentStorage, files: &[(&Upload, &'static str)]) -> Result<Vec<Stored>, Error> {
    let mut stored = Vec::new();
    for (upload, content_type) in files {
        let id = AttachmentId::new();
        let key = id.to_string();
        if storage.put(&key, &upload.bytes).await.is_err() {
            remove(storage, &stored).await;
            return Err(Error::Internal("storing an attachment failed"));
        }
        stored.push(Stored { id, key, file_name: clean_file_name(&upload.file_name), content_type, size: upload.bytes.len() as i64 });
    }
    Ok(stored)
}

async fn remove(storage: &dyn DocumentStorage, stored: &[Stored]) {
    for s in stored {
        let _ = storage.delete(&s.key).await;
    }
}

/// When recording failed, the stored files go again: nothing is half-stored.
pub async fn finish(storage: &dyn DocumentStorage, stored: &[Stored], recorded: Result<(), Error>) -> Result<(), Error> {
    if recorded.is_err() {
        remove(storage, stored).await;
    }
    recorded
}

/// Files younger than this may belong to an upload whose record is still being written.
pub const ORPHAN_AGE: std::time::Duration = std::time::Duration::from_secs(3600);

/// Removes stored files that no document or attachment names and that are
/// older than `older_than` (a crash between storing a file and writing its
/// record leaves one); how many went.
pub async fn sweep_orphans(db: &Db, storage: &dyn DocumentStorage, older_than: std::time::Duration) -> Result<usize, Error> {
    let listed = storage.list().await.map_err(|_| Error::Internal("listing stored files failed"))?;
    let mut removed = 0;
    for (key, written) in listed {
        if written.elapsed().unwrap_or_default() < older_than || db::document::file_is_referenced(db, &key).await? {
            continue;
        }
        storage.delete(&key).await.map_err(|_| Error::Internal("removing an orphaned file failed"))?;
        removed += 1;
    }
    Ok(removed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documents_are_judged_by_content_not_by_name() {
        assert_eq!(accepted_type(b"%PDF-1.7\n..."), Ok("application/pdf"));
        assert_eq!(accepted_type(&[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0]), Ok("image/png"));
        assert_eq!(accepted_type(b"MZ\x90\x00 an executable"), Err(Refusal::Type));
        assert_eq!(accepted_type(b"just text, even if called scan.pdf"), Err(Refusal::Type));
        assert_eq!(accepted_type(b""), Err(Refusal::Empty));
        let mut big = b"%PDF-1.7".to_vec();
        big.resize(MAX_BYTES + 1, b' ');
        assert_eq!(accepted_type(&big), Err(Refusal::TooLarge));
    }

    #[test]
    fn file_names_lose_paths_and_control_characters() {
        assert_eq!(clean_file_name("C:\\\\Users\\\\jan\\\\scan.pdf"), "scan.pdf");
        assert_eq!(clean_file_name("../../etc/passwd"), "passwd");
        assert_eq!(clean_file_name("a\r\nb.pdf"), "ab.pdf");
        assert_eq!(clean_file_name(""), "document");
    }
}
