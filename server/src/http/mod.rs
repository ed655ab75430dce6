//! Plain axum handlers outside Leptos.

pub mod health;
pub mod language;
