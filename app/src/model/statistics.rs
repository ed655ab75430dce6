//! Statistics for team leads and administrators: contacts per channel over
//! a period, response and handling times in working hours, repeat
//! contact, and how callback requests went. Counts and durations only:
//! no resident is named.

use serde::{Deserialize, Serialize};

use crate::model::ids::TeamId;

/// A value to pick in the page's filter, with its label.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Choice {
    pub value: String,
    pub label: String,
}

/// Contacts on one channel in the period.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChannelVolume {
    pub channel: String,
    pub label: String,
    /// From residents.
    pub inbound: i64,
    /// To residents.
    pub outbound: i64,
}

impl ChannelVolume {
    pub fn total(&self) -> i64 {
        self.inbound + self.outbound
    }
}

/// Contacts per channel in one week of the period (the chart's bars), in
/// the order of [`Statistics::volume`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WeekVolume {
    /// ISO week, e.g. "2026-W48".
    pub week: String,
    pub per_channel: Vec<i64>,
}

/// Response and handling times of the conversations that began on a
/// channel in the period, in working minutes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChannelTimes {
    pub channel: String,
    pub label: String,
    pub conversations: i64,
    /// Answered at all (the response figures are over these).
    pub answered: i64,
    pub first_response_median: Option<i64>,
    pub first_response_p90: Option<i64>,
    /// Closed (the handling figures are over these).
    pub closed: i64,
    pub handling_median: Option<i64>,
    pub handling_p90: Option<i64>,
}

/// Residents contacting again about a question still waiting for an answer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RepeatContact {
    /// Contacts from residents in conversations that began in the period.
    pub contacts: i64,
    /// Of which came while the resident still waited for an answer.
    pub repeats: i64,
    /// Of which while a callback request of theirs was past its term.
    pub after_overdue_callback: i64,
    /// Repeats per channel they came on: (channel label, contacts, repeats).
    pub per_channel: Vec<(String, i64, i64)>,
    /// Repeats that moved channel: (from label, to label, how many), most first.
    pub moves: Vec<(String, String, i64)>,
}

/// Callback requests made in the period, for one team.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CallbackFigures {
    pub team: String,
    pub total: i64,
    /// Handled by their term.
    pub on_time: i64,
    pub reminded: i64,
    pub escalated: i64,
    pub open: i64,
}

/// The statistics page for a period, team and channel.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Statistics {
    /// The period shown, first and last day (`YYYY-MM-DD`).
    pub from: String,
    pub until: String,
    pub team: Option<TeamId>,
    pub channel: Option<String>,
    pub teams: Vec<Choice>,
    pub channels: Vec<Choice>,
    pub volume: Vec<ChannelVolume>,
    pub weeks: Vec<WeekVolume>,
    pub times: Vec<ChannelTimes>,
    pub repeat: RepeatContact,
    pub callbacks: Vec<CallbackFigures>,
    /// Up to when contacts are counted (the job runs a little behind the clock).
    pub counted_until: Option<String>,
}

/// The tables the page shows and offers as CSV, by the name in the export's address.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Table {
    Contacts,
    Weeks,
    Times,
    Repeat,
    Callbacks,
}

impl Table {
    pub const ALL: [Table; 5] = [Table::Contacts, Table::Weeks, Table::Times, Table::Repeat, Table::Callbacks];

    pub fn code(self) -> &'static str {
        match self {
            Table::Contacts => "contacten",
            Table::Weeks => "weken",
            Table::Times => "tijden",
            Table::Repeat => "herhaalcontact",
            Table::Callbacks => "terugbelverzoeken",
        }
    }

    pub fn from_code(code: &str) -> Option<Table> {
        Table::ALL.into_iter().find(|t| t.code() == code)
    }
}

/// `part` as a whole percentage of `whole` (0 when there is no whole).
pub fn percent(part: i64, whole: i64) -> i64 {
    if whole <= 0 { 0 } else { (part * 100 + whole / 2) / whole }
}
