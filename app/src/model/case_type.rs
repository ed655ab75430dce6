//! Case types (ZGW `zaaktype`) as residents see them.

use serde::{Deserialize, Serialize};

use crate::model::ids::CaseTypeId;

/// A case type with its resident-facing name and explanation in one language.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseTypeSummary {
    pub id: CaseTypeId,
    /// ZGW `identificatie`, stable across catalogue versions.
    pub code: String,
    pub name: String,
    pub description: String,
    /// ZGW `doorlooptijd`, in days: how long a decision takes at most.
    pub lead_time_days: i64,
}
