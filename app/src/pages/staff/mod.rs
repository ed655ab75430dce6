//! Pages of the staff workspace (`/staff/...`), for signed-in staff only.

pub mod answers;
pub mod appointments;
pub mod callbacks;
pub mod client_view;
pub mod closed_days;
pub mod calls;
pub mod cases;
pub mod consent;
pub mod conversations;
pub mod home;
pub mod privacy_requests;
pub mod processing_log;
pub mod residents;
pub mod retention;
pub mod routing;
pub mod shortcuts;
pub mod statistics;
pub mod steering;
