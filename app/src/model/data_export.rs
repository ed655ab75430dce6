//! "Download al mijn gegevens" as the resident's page shows it.

use serde::{Deserialize, Serialize};

use crate::model::ids::DataExportId;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ExportState {
    /// Never asked for, or the last download has expired.
    None,
    /// Being made: `done` of `total` parts.
    Preparing { done: i64, total: i64 },
    /// Ready to download until `expires` (Dutch time, written out);
    /// `files`: there is an archive of documents and attachments too.
    Ready { id: DataExportId, ready: String, expires: String, files: bool },
    /// Making it failed; the resident can ask again.
    Failed,
    /// All data is as sensitive as Mijn gegevens: a login at this level is needed first.
    NeedsHigherLevel { needed: String },
}
