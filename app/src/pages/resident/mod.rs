//! Pages of the Mijn-omgeving (`/mijn/...`), for signed-in residents only.

pub mod case_detail;
pub mod details;
pub mod overview;
