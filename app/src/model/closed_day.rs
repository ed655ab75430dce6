//! A day the municipality is closed besides the public holidays, as the
//! administrator's page lists it.

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClosedDay {
    /// `YYYY-MM-DD`, as the remove form posts it.
    pub day: String,
    /// Written out in the reader's language: "15 mei 2026".
    pub written: String,
    pub name: String,
}
