//! A resident as staff find them: enough to tell people apart, the BSN masked.

use serde::{Deserialize, Serialize};

use crate::model::ids::ResidentId;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResidentMatch {
    pub id: ResidentId,
    pub name: String,
    /// Birth date, written out (empty when unknown).
    pub born: String,
    /// `*****3653`.
    pub bsn: String,
    /// Postal code and house number (empty when unknown).
    pub address: String,
}
