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
    /// Closed, and the resident did not come back about the same matter
    /// within the repeat window: first-contact resolution.
    pub resolved_first: i64,
    pub handling_median: Option<i64>,
    pub handling_p90: Option<i64>,
}

/// Residents contacting again: about a question still waiting for an
/// answer, or about the same matter within the repeat window.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RepeatContact {
    /// The repeat window in days.
    pub window_days: i64,
    /// Contact moments of residents in conversations that began in the period.
    pub contacts: i64,
    /// Of which came while the resident still waited for an answer.
    pub while_waiting: i64,
    /// Of which began a new conversation about the same matter within the window.
    pub came_back: i64,
    /// Of both, while a callback request of theirs was past its term.
    pub after_overdue_callback: i64,
    /// Repeats per channel they came on: (channel label, contact moments, repeats).
    pub per_channel: Vec<(String, i64, i64)>,
    /// Repeats that moved channel: (from label, to label, how many), most first.
    pub moves: Vec<(String, String, i64)>,
}

impl RepeatContact {
    pub fn repeats(&self) -> i64 {
        self.while_waiting + self.came_back
    }
}

/// How one team met one service norm in the period.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NormFigures {
    pub team: String,
    /// What is measured, e.g. "Telefoon" or "Terugbelverzoeken".
    pub subject: String,
    /// The norm in words, e.g. "binnen 30 seconden opgenomen".
    pub norm: String,
    /// How many were measured, and how many met the norm.
    pub measured: i64,
    pub met: i64,
}

/// Satisfaction scores of one group: a channel, a team or a topic.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScoreFigures {
    /// E.g. "Kanaal: WhatsApp", "Team: KCC", "Onderwerp: Parkeervergunning".
    pub group: String,
    pub asked: i64,
    pub answered: i64,
    /// The average score in tenths (42 is 4.2); none without answers.
    pub average_tenths: Option<i64>,
    /// Scored 4 or 5.
    pub satisfied: i64,
}

impl ScoreFigures {
    /// The average as people read it: "4,2" (Dutch) or "4.2".
    pub fn average(&self, dutch: bool) -> String {
        match self.average_tenths {
            Some(t) => format!("{}{}{}", t / 10, if dutch { ',' } else { '.' }, t % 10),
            None => "–".to_string(),
        }
    }
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
    pub norms: Vec<NormFigures>,
    pub satisfaction: Vec<ScoreFigures>,
    pub callbacks: Vec<CallbackFigures>,
    /// Up to when contacts are counted (the job runs a little behind the clock).
    pub counted_until: Option<String>,
    /// The settings changed since the figures were summed: they are being summed again.
    pub recounting: bool,
}

/// The tables the page shows and offers as CSV, by the name in the export's address.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Table {
    Contacts,
    Weeks,
    Times,
    Repeat,
    Norms,
    Satisfaction,
    Callbacks,
}

impl Table {
    pub const ALL: [Table; 7] = [Table::Contacts, Table::Weeks, Table::Times, Table::Repeat, Table::Norms, Table::Satisfaction, Table::Callbacks];

    pub fn code(self) -> &'static str {
        match self {
            Table::Contacts => "contacten",
            Table::Weeks => "weken",
            Table::Times => "tijden",
            Table::Repeat => "herhaalcontact",
            Table::Norms => "servicenormen",
            Table::Satisfaction => "tevredenheid",
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

/// What the functional administrator set for one channel.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChannelSetting {
    pub channel: String,
    pub label: String,
    /// The first answer's norm, in working minutes (not for phone and counter).
    pub response_minutes: Option<i64>,
    /// The phone's norm: seconds in the queue.
    pub queue_seconds: Option<i64>,
    /// Cost of a contact, and of a minute of talk (phone), in euro cents.
    pub contact_cents: Option<i64>,
    pub minute_cents: Option<i64>,
}

/// Contacts and their cost on one channel, for one product.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChannelCost {
    pub contacts: i64,
    /// Talk time (phone), in whole minutes.
    pub minutes: i64,
    /// `None` when the channel has no cost set.
    pub cents: Option<i64>,
}

/// What moving a share of one channel's contacts to a cheaper one would save.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Saving {
    pub from: String,
    pub to: String,
    pub contacts: i64,
    pub cents: i64,
}

/// One product (a case type; without a case, the team the question went to).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProductCost {
    pub product: String,
    /// In the order of [`Steering::channels`].
    pub per_channel: Vec<ChannelCost>,
    pub cents: i64,
    pub saving: Option<Saving>,
}

/// Channel steering (kanaalsturing): the cost per product per channel
/// for a period, where moving contacts would save, and how many residents
/// use only the non-digital channels.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Steering {
    pub from: String,
    pub until: String,
    pub team: Option<TeamId>,
    pub teams: Vec<Choice>,
    /// The share of contacts moved in the savings, in percent.
    pub share: i64,
    /// The channels with contacts in the period (the table's columns).
    pub channels: Vec<Choice>,
    pub products: Vec<ProductCost>,
    pub cents: i64,
    /// Residents who began a conversation in the period, and of them those
    /// who began every one by phone, at the counter or by letter.
    pub residents: i64,
    pub offline_only: i64,
    /// The settings, for everyone to read; `may_configure` may change them.
    pub settings: Vec<ChannelSetting>,
    pub window_days: i64,
    pub may_configure: bool,
}

/// The shares of contacts the page can move, in percent.
pub const SHARES: [i64; 3] = [10, 25, 50];

/// Euro cents as people read them: "€ 4,50" (Dutch) or "€4.50".
pub fn euros(cents: i64, dutch: bool) -> String {
    let (whole, part) = (cents.abs() / 100, cents.abs() % 100);
    let sign = if cents < 0 { "-" } else { "" };
    let mut grouped = String::new();
    for (i, d) in whole.to_string().chars().rev().enumerate() {
        if i > 0 && i % 3 == 0 {
            grouped.push(if dutch { '.' } else { ',' });
        }
        grouped.push(d);
    }
    let whole: String = grouped.chars().rev().collect();
    if dutch { format!("{sign}€ {whole},{part:02}") } else { format!("{sign}€{whole}.{part:02}") }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn euros_read_as_people_write_them() {
        assert_eq!(euros(450, true), "€ 4,50");
        assert_eq!(euros(123456789, true), "€ 1.234.567,89");
        assert_eq!(euros(123456789, false), "€1,234,567.89");
        assert_eq!(euros(-5, true), "-€ 0,05");
    }
}
