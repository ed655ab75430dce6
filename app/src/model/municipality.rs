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
