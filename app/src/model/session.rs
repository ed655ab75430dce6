//! Who is looking at the page, as the page needs to know it.

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Viewer {
    /// A resident, with the level of assurance of their login (`midden` ...).
    Resident { loa: String },
    Staff { name: String, roles: Vec<String> },
}

/// The signed-in person and how long their session has left.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionInfo {
    pub viewer: Viewer,
    pub seconds_left: i64,
    /// Warn this many seconds before the end.
    pub warn_before: i64,
}

/// What a resident sees on "Mijn gegevens" (a part that asks for a higher level).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum PersonalDetails {
    Shown { masked_bsn: String, loa: String },
    /// The login's level is too low for this part; log in again at `needed`.
    NeedsHigherLevel { needed: String },
}

/// A DigiD level's code (`midden`, `substantieel`) as people read it, in
/// either language: DigiD's own name for it ("Midden", "Substantieel").
pub fn level_label(code: &str) -> String {
    let mut chars = code.chars();
    chars.next().map(|first| first.to_uppercase().chain(chars).collect()).unwrap_or_default()
}
