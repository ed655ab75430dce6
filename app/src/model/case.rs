//! Cases (zaken) as the resident sees them: a summary for the overview and
//! the detail with its status timeline.

use serde::{Deserialize, Serialize};
use time::Date;

use crate::model::ids::CaseId;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseSummary {
    pub id: CaseId,
    /// The case number residents quote (ZGW `identificatie`).
    pub reference: String,
    pub case_type: String,
    pub started_on: Date,
    /// The current status in plain language, and what it means.
    pub status: String,
    pub status_explanation: String,
    pub expected_decision_on: Option<Date>,
    pub closed: bool,
}

/// Where a step of the timeline stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum StepState {
    Done,
    Current,
    Upcoming,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimelineStep {
    pub name: String,
    pub explanation: String,
    /// When the step was reached; `None` for upcoming steps.
    pub reached_on: Option<Date>,
    pub state: StepState,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseDetail {
    pub summary: CaseSummary,
    pub timeline: Vec<TimelineStep>,
}

/// The resident's cases, split the way the overview shows them.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyCases {
    /// Open cases: the nearest expected decision first, then the most recently changed.
    pub open: Vec<CaseSummary>,
    /// Closed cases, most recently closed first.
    pub closed: Vec<CaseSummary>,
}
