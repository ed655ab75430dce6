//! Plain axum handlers outside Leptos.

pub mod auth;
pub mod csrf;
pub mod dev_idp;
pub mod document;
pub mod health;
pub mod language;
