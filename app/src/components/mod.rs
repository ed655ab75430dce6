//! Reusable UI pieces.

pub mod error_notice;
pub mod layout;
pub mod menu;
