//! Route-level components, mirroring the URLs.

pub mod contact;
pub mod home;
pub mod not_found;
