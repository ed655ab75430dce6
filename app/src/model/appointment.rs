//! Appointments: the resident's own, the free times to choose from, and a
//! team's list of bookings and cancellations.

use serde::{Deserialize, Serialize};
use time::{Date, Time};

use crate::model::ids::{AppointmentId, CaseId, LocationId, ProductId, ResidentId};

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
    /// Booked for a product, so it can move to another free time.
    pub product: Option<ProductId>,
}

/// A place residents come to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Location {
    pub id: LocationId,
    pub name: String,
    pub address: String,
}

/// What can be booked, for the staff member's to-do and booking forms.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Product {
    pub id: ProductId,
    pub name: String,
    pub minutes: i64,
}

/// The free times to choose from for one product: its locations, the days
/// with a free time at the chosen location, and the free start times of
/// the chosen day (Dutch local time). Chosen in steps, so the form works
/// without JavaScript: location and day by a GET, the time by a POST.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SlotChoice {
    pub product: Product,
    pub locations: Vec<Location>,
    pub location: Option<LocationId>,
    pub days: Vec<Date>,
    pub day: Option<Date>,
    pub times: Vec<Time>,
}

/// One appointment in a team's list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeamAppointment {
    pub id: AppointmentId,
    pub resident: ResidentId,
    pub resident_name: String,
    pub case: Option<CaseId>,
    pub product: String,
    pub location: String,
    pub date: Date,
    pub starts: Time,
    /// When it was cancelled (local date), and whether by the resident.
    pub cancelled_on: Option<Date>,
    pub cancelled_by_resident: bool,
}

/// The bookings of the staff member's teams: what is coming, and what was
/// cancelled lately (so the desk knows a time came free).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeamAppointments {
    pub upcoming: Vec<TeamAppointment>,
    pub cancelled: Vec<TeamAppointment>,
}
