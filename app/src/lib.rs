//! Loket: the resident portal ("Mijn-omgeving") and the KCC workspace.
//!
//! Everything here compiles twice: into the server (feature `ssr`) and into
//! the browser bundle (feature `hydrate`). Only `#[island]` components
//! hydrate; the rest of every page is server-rendered HTML that works
//! without JavaScript. The SSR-only domain and database code lives in
//! [`backend`].

#![recursion_limit = "256"]

pub mod api;
pub mod components;
pub mod error;
pub mod i18n;
pub mod model;
pub mod pages;
pub mod path;
pub mod routes;
pub mod shell;

#[cfg(feature = "ssr")]
pub mod backend;

pub use routes::App;
pub use shell::shell;

/// Called from the `hydrate` crate: wakes up the islands on the page.
#[cfg(feature = "hydrate")]
pub fn hydrate() {
    leptos::mount::hydrate_islands();
}
