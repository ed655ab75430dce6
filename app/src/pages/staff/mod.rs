//! Pages of the staff workspace (`/staff/...`), for signed-in staff only.

pub mod cases;
pub mod conversations;
pub mod home;
