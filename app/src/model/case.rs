//! Cases (zaken) as the resident sees them: a summary for the overview and
//! the detail with its status timeline.

use serde::{Deserialize, Serialize};
use time::Date;

use crate::model::appointment::Product;
use crate::model::ids::{CaseId, DocumentId, ProductId, TodoId};

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

/// What the municipality needs from the resident; each kind has its own form.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum TodoKind {
    /// Send a document (done by uploading it on the case page).
    Upload,
    /// Answer a question: free text, or one of its choices.
    Answer,
    Pay,
    /// Choose a time for an appointment (a product the municipality offers).
    Appointment,
    /// Arrange something yourself (the description says what and where),
    /// then confirm it was arranged.
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
        TodoKind::ALL.into_iter().find(|k| k.code() == code)
    }

    pub const ALL: [TodoKind; 5] = [TodoKind::Upload, TodoKind::Answer, TodoKind::Pay, TodoKind::Appointment, TodoKind::Arrange];
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
    /// An answer to-do's choices; empty: the answer is free text.
    pub choices: Vec<String>,
    /// An appointment to-do's product.
    pub product: Option<ProductId>,
    /// A pay to-do's amount.
    pub amount_cents: Option<i64>,
}

/// An answer to-do's choices as stored: one per line, blank lines left out.
pub fn parse_choices(stored: &str) -> Vec<String> {
    stored.lines().map(str::trim).filter(|c| !c.is_empty()).map(String::from).collect()
}

/// How a payment went, for the page the resident comes back to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum PaymentOutcome {
    Paid,
    /// The provider has not said yet.
    Waiting,
    /// Cancelled, failed or expired: the to-do is still open.
    NotPaid,
}

/// An amount in euros as people write it: "€ 12,50".
pub fn format_euros(cents: i64) -> String {
    format!("€ {},{:02}", cents / 100, cents % 100)
}

/// An amount as staff type it ("12,50", "12.50", "12") in cents; `None` when unreadable or not positive.
pub fn parse_euros(text: &str) -> Option<i64> {
    let text = text.trim().trim_start_matches('€').trim();
    let (euros, fraction) = text.split_once([',', '.']).unwrap_or((text, ""));
    if fraction.len() > 2 || !fraction.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let euros: i64 = euros.parse().ok()?;
    let cents: i64 = format!("{fraction:0<2}").parse().ok()?;
    let total = euros.checked_mul(100)?.checked_add(cents)?;
    (euros >= 0 && total > 0).then_some(total)
}


/// A to-do as staff follow it: open or done, and how it was done.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffTodo {
    pub todo: TodoSummary,
    /// When the resident did it (Dutch local date).
    pub done_on: Option<Date>,
    /// The resident's answer to a question.
    pub answer: Option<String>,
    /// The appointment the resident chose, as "3 december 2026 09:30".
    pub appointment: Option<String>,
    /// The one reminder after the deadline went out.
    pub reminded: bool,
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

/// How current the copy of the resident's cases from the municipality's
/// case system is (cases kept in Loket itself are always current).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Freshness {
    /// When they were last fetched, as "23 november 2026 10:00" (Dutch local time).
    pub as_of: Option<String>,
    /// Being fetched for the first time: there may be more than shown.
    pub fetching: bool,
    /// The last fetch failed: what is shown is as of `as_of`.
    pub failed: bool,
}

/// The resident's cases, split the way the overview shows them.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyCases {
    /// `None` when cases are kept in Loket itself.
    pub freshness: Option<Freshness>,
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
    /// The name of the next status, when there is one and Loket sets it
    /// (not for a case from the municipality's case system: it is set there).
    pub next_status: Option<String>,
    /// A copy of a case in the municipality's case system.
    pub from_case_system: bool,
    /// Its step number: the move form posts it, so a double submit or a
    /// colleague's move at the same time moves the case only once.
    pub next_sequence: Option<i64>,
    /// Every to-do of the case, open ones first.
    pub todos: Vec<StaffTodo>,
    /// What an appointment to-do can ask the resident to book.
    pub products: Vec<Product>,
    /// Whether paying online is set up, so staff can ask for a payment.
    pub payments: bool,
    /// The conversations linked to the case, on every channel, the most recent first.
    pub contacts: Vec<crate::model::conversation::ConversationSummary>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_read_as_people_type_them() {
        assert_eq!(parse_euros("12,50"), Some(1250));
        assert_eq!(parse_euros("€ 12.5"), Some(1250));
        assert_eq!(parse_euros("7"), Some(700));
        assert_eq!(parse_euros("0,05"), Some(5));
        for wrong in ["", "0", "-3", "12,505", "twaalf", "1,2,3"] {
            assert_eq!(parse_euros(wrong), None, "{wrong}");
        }
        assert_eq!(format_euros(1250), "€ 12,50");
        assert_eq!(format_euros(5), "€ 0,05");
    }
}
