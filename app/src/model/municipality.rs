//! The municipality this installation serves: shown in every page's frame.

use serde::{Deserialize, Serialize};

use crate::model::ids::MunicipalityId;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Municipality {
    pub id: MunicipalityId,
    /// "Gemeente Voorbeeld".
    pub name: String,
    /// Public phone number, e.g. the national 14 + area code number.
    pub phone: String,
    pub email: String,
    /// Street, postcode and town of the town hall.
    pub visit_address: String,
    /// Path of the logo under the site root.
    pub logo_path: String,
}

/// What an installation is set up with before its first start
/// (`loket init <file>`): the municipality, its teams and case types.
/// The demo municipality is one of these too.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Setup {
    /// Stable short name (`voorbeeld`); a second init with the same slug changes nothing.
    pub slug: String,
    pub name: String,
    pub phone: String,
    pub email: String,
    pub visit_address: String,
    #[serde(default = "default_logo_path")]
    pub logo_path: String,
    /// The team that takes what no routing rule sends elsewhere (usually the KCC).
    pub general_team: String,
    pub teams: Vec<TeamSetup>,
    #[serde(default)]
    pub case_types: Vec<CaseTypeSetup>,
    /// Where residents come for appointments.
    #[serde(default)]
    pub locations: Vec<LocationSetup>,
    /// What residents can book, with its opening hours per location.
    #[serde(default)]
    pub products: Vec<ProductSetup>,
}

#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LocationSetup {
    pub code: String,
    pub name: String,
    pub address: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProductSetup {
    pub code: String,
    /// Slug of the team that sees its bookings and cancellations.
    pub team: String,
    pub name_nl: String,
    pub name_en: String,
    /// How long one appointment takes (5 to 240 minutes).
    pub minutes: i64,
    /// What to bring along.
    pub bring_nl: String,
    pub bring_en: String,
    pub hours: Vec<HoursSetup>,
}

/// When a product can be booked at a location.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HoursSetup {
    /// Code of the location.
    pub location: String,
    /// 1 = Monday ... 7 = Sunday.
    pub weekdays: Vec<i64>,
    /// "09:00" and "12:30", Dutch local time.
    pub opens: String,
    pub closes: String,
    /// Appointments at the same time.
    pub desks: i64,
}

/// "09:30" as minutes after midnight.
pub fn minutes_of_day(text: &str) -> Option<i64> {
    let (hours, minutes) = text.trim().split_once(':')?;
    let (hours, minutes): (i64, i64) = (hours.parse().ok()?, minutes.parse().ok()?);
    ((0..24).contains(&hours) && (0..60).contains(&minutes) && minutes.to_string().len() <= 2).then_some(hours * 60 + minutes)
}

#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TeamSetup {
    pub slug: String,
    pub name_nl: String,
    pub name_en: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CaseTypeSetup {
    pub code: String,
    /// Slug of the team that handles it.
    pub team: String,
    pub name_nl: String,
    pub name_en: String,
    pub description_nl: String,
    pub description_en: String,
    pub lead_time_days: i64,
    /// ZGW `vertrouwelijkheidaanduiding` (`openbaar` ... `zeer_geheim`).
    pub confidentiality: String,
    /// Years after closing that a case is kept (bewaartermijn: 1, 2, 5, 7,
    /// 10 or 20); absent: not set, cases are kept until the administrator sets it.
    #[serde(default)]
    pub retention_years: Option<i64>,
    /// The steps in order; the last one closes the case.
    pub statuses: Vec<StatusSetup>,
}

/// A status type: its name and what it means for the resident (B1), in Dutch and English.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StatusSetup {
    pub name_nl: String,
    pub name_en: String,
    pub explanation_nl: String,
    pub explanation_en: String,
}

fn default_logo_path() -> String {
    "/logo.svg".into()
}
