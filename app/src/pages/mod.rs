//! Route-level components, mirroring the URLs.

pub mod contact;
pub mod forbidden;
pub mod home;
pub mod login;
pub mod not_found;
pub mod satisfaction;
pub mod resident;
pub mod staff;
