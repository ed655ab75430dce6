//! Cases (zaken) as the resident sees them: a summary for the overview and
//! the detail with its status timeline.

use serde::{Deserialize, Serialize};
use time::Date;

use crate::model::ids::{CaseId, DocumentId, TodoId};

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

/// What the municipality needs from the resident.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum TodoKind {
    /// Send a document (done by uploading it on the case page).
    Upload,
    Answer,
    Pay,
    Appointment,
    /// Arrange something yourself (the description says what and where).
    Arrange,
}

impl TodoKind {
    pub fn code(self) -> &'static str {
        match self {
            TodoKind::Upload => "upload",
            TodoKind::Answer => "answer",
            TodoKind::Pay => "pay",
            TodoKind::Appointment => "appointment",
            TodoKind::Arrange => "arrange",
        }
    }

    pub fn from_code(code: &str) -> Option<TodoKind> {
        [TodoKind::Upload, TodoKind::Answer, TodoKind::Pay, TodoKind::Appointment, TodoKind::Arrange].into_iter().find(|k| k.code() == code)
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TodoSummary {
    pub id: TodoId,
    pub case_id: CaseId,
    pub case_type: String,
    pub kind: TodoKind,
    pub title: String,
    pub description: String,
    pub due_on: Date,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentSummary {
    pub id: DocumentId,
    pub title: String,
    pub file_name: String,
    pub size_bytes: i64,
    pub added_on: Date,
    /// Sent by the resident (otherwise added by the municipality).
    pub from_resident: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseDetail {
    pub summary: CaseSummary,
    pub timeline: Vec<TimelineStep>,
    /// Open to-dos of this case, nearest deadline first.
    pub todos: Vec<TodoSummary>,
    pub documents: Vec<DocumentSummary>,
}

/// The resident's cases, split the way the overview shows them.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyCases {
    /// What the municipality needs from the resident, nearest deadline first: shown before everything else.
    pub todos: Vec<TodoSummary>,
    /// Open cases: the nearest expected decision first, then the most recently changed.
    pub open: Vec<CaseSummary>,
    /// Closed cases, most recently closed first.
    pub closed: Vec<CaseSummary>,
}

/// A case as staff handle it: the resident's view plus the next step they can set.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffCaseDetail {
    pub case: CaseDetail,
    /// The name of the next status, when there is one.
    pub next_status: Option<String>,
    /// Its step number: the move form posts it, so a double submit or a
    /// colleague's move at the same time moves the case only once.
    pub next_sequence: Option<i64>,
}
