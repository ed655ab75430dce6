//! Pages of the Mijn-omgeving (`/mijn/...`), for signed-in residents only.

pub mod details;
pub mod overview;
