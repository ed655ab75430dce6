//! Appointments as the resident sees them.

use serde::{Deserialize, Serialize};
use time::{Date, Time};

use crate::model::ids::AppointmentId;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AppointmentSummary {
    pub id: AppointmentId,
    pub subject: String,
    /// Date and times in Dutch local time (Europe/Amsterdam).
    pub date: Date,
    pub starts: Time,
    pub ends: Time,
    pub place: String,
    /// What to bring along.
    pub bring: String,
}
