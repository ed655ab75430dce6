//! Callback requests as pages show them: to the resident (the team that
//! will call, by when, the state; never a colleague's name) and to staff
//! (owner, backup, term, reminders, escalation and the whole history).

use serde::{Deserialize, Serialize};

use crate::i18n::Lang;
use crate::model::conversation::Choice;
use crate::model::ids::{CallbackId, ConversationId};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum CallbackStatus {
    Open,
    Handled,
    Cancelled,
}

impl CallbackStatus {
    pub fn code(self) -> &'static str {
        match self {
            CallbackStatus::Open => "open",
            CallbackStatus::Handled => "handled",
            CallbackStatus::Cancelled => "cancelled",
        }
    }

    pub fn from_code(code: &str) -> Option<CallbackStatus> {
        [CallbackStatus::Open, CallbackStatus::Handled, CallbackStatus::Cancelled].into_iter().find(|s| s.code() == code)
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            CallbackStatus::Open => lang.t("model-callback-we-will-call-you-back"),
            CallbackStatus::Handled => lang.t("callback-handled"),
            CallbackStatus::Cancelled => lang.t("model-callback-cancelled"),
        }
    }
}

/// A request as the resident sees it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResidentCallback {
    pub id: CallbackId,
    pub topic: String,
    /// The team that calls (never a colleague's name).
    pub team: String,
    /// "uiterlijk 25 november 2026 12:00".
    pub by: String,
    pub status: CallbackStatus,
    pub question: String,
    pub phone: String,
    pub preferred_time: String,
}

/// One line of a worklist.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CallbackSummary {
    pub id: CallbackId,
    pub topic: String,
    /// "Team KCC" or the owner's name.
    pub owner: String,
    pub due: String,
    pub overdue: bool,
    pub escalated: bool,
    pub reminders: i64,
}

/// A worklist with the counts for the navigation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Worklist {
    pub items: Vec<CallbackSummary>,
    pub mine: i64,
    /// Open in any of this person's teams.
    pub team: i64,
    pub overdue: i64,
    pub escalated: i64,
}

/// One step in a request's history.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CallbackEvent {
    pub at: String,
    /// What happened, written out ("Gebeld: niet bereikt", "Herinnering 2 verstuurd" ...).
    pub what: String,
    pub who: Option<String>,
    pub note: Option<String>,
}

/// A request as staff handle it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffCallback {
    pub id: CallbackId,
    pub topic: String,
    pub status: CallbackStatus,
    pub team: String,
    pub owner: String,
    pub backup: String,
    pub due: String,
    pub overdue: bool,
    pub escalated: bool,
    pub reminders: i64,
    /// The number to call (staff need it whole).
    pub phone: String,
    pub preferred_time: String,
    pub question: String,
    /// The intake: each question with its answer.
    pub answers: Vec<(String, String)>,
    pub result: Option<String>,
    pub conversation: Option<ConversationId>,
    pub history: Vec<CallbackEvent>,
    /// Choices to hand it over to: teams and colleagues.
    pub teams: Vec<Choice>,
    pub colleagues: Vec<Choice>,
}

/// A type of request with its intake questions, for the forms.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CallbackType {
    pub id: String,
    pub name: String,
    pub team: String,
    /// The term in working days (as administrators set it).
    pub term_hours: i64,
    pub reminder_hours: i64,
    pub questions: Vec<String>,
}
