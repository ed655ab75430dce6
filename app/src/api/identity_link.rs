//! Server functions for linking two identities (BSNs) of one person, from
//! the 360-degree view; both come back to the view for the same purpose.

use leptos::prelude::*;

use crate::error::AppError;
use crate::model::ids::{IdentityLinkId, ResidentId};

/// Staff link the resident to another identity of the same person (its
/// BSN, checked), with the reason (logged for both).
#[server(endpoint = "link_identity")]
pub async fn link_identity(resident: ResidentId, bsn: String, reason: String, purpose: String) -> Result<(), AppError> {
    use crate::backend::{self, auth::policy};
    super::answer(async move {
        let state = backend::state()?;
        let staff = policy::require(policy::Action::IdentifyContact)?;
        backend::service::identity_link::link(&state.db, &staff, resident, &bsn, &reason, state.clock.now()).await?;
        leptos_axum::redirect(&back_to_view(resident, &purpose, "gekoppeld"));
        Ok(())
    })
    .await
}

/// Staff undo a link, with the reason (logged for both).
#[server(endpoint = "unlink_identity")]
pub async fn unlink_identity(resident: ResidentId, link: IdentityLinkId, reason: String, purpose: String) -> Result<(), AppError> {
    use crate::backend::{self, auth::policy};
    super::answer(async move {
        let state = backend::state()?;
        let staff = policy::require(policy::Action::IdentifyContact)?;
        backend::service::identity_link::unlink(&state.db, &staff, resident, link, &reason, state.clock.now()).await?;
        leptos_axum::redirect(&back_to_view(resident, &purpose, "ontkoppeld"));
        Ok(())
    })
    .await
}

/// The view again, for the purpose it was open for (a code: only its
/// letters, digits and dashes are kept), saying what happened.
#[cfg(feature = "ssr")]
fn back_to_view(resident: ResidentId, purpose: &str, done: &str) -> String {
    let purpose: String = purpose.chars().filter(|c| c.is_ascii_alphanumeric() || *c == '-').collect();
    format!("{}?doel={purpose}&{done}=1#zelfde-persoon", crate::path::client_view(resident))
}
