//! Pages of the Mijn-omgeving (`/mijn/...`), for signed-in residents only.

pub mod appointments;
pub mod callbacks;
pub mod case_detail;
pub mod consent;
pub mod data_export;
pub mod conversations;
pub mod details;
pub mod handover;
pub mod contact_address;
pub mod overview;
pub mod privacy_request;
pub mod processing_log;
