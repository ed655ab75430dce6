//! Retention (bewaartermijnen) as the administrator's and the privacy
//! officer's pages show it: the terms, and the report of every run.

use serde::{Deserialize, Serialize};

use crate::model::ids::CaseTypeId;

/// The terms an administrator can choose, in years after closing (the
/// Selectielijst gemeenten uses these).
pub const YEAR_CHOICES: [i64; 6] = [1, 2, 5, 7, 10, 20];

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseTypeTerm {
    pub id: CaseTypeId,
    pub name: String,
    /// `None`: not set yet; its cases are kept.
    pub years: Option<i64>,
}

/// A term of what has no case type (conversations without a case, ...).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Term {
    pub category: String,
    pub name: String,
    pub years: i64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RetentionSettings {
    pub case_types: Vec<CaseTypeTerm>,
    pub terms: Vec<Term>,
}

/// One run: when, whether it only counted, and how much went (or would
/// go) per category. No personal data.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RunReport {
    pub at: String,
    pub dry_run: bool,
    pub counts: Vec<(String, u64)>,
}

/// The retention page: the terms for those who set them, and the reports.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RetentionView {
    pub settings: Option<RetentionSettings>,
    pub reports: Vec<RunReport>,
}
