//! Server functions about consent: the resident's own page, staff reading
//! and recording a resident's consent (logged), a simulated address change,
//! and the functional administrator's purpose texts.

use leptos::prelude::*;

use crate::error::AppError;
use crate::model::consent::Consents;
use crate::model::ids::{ConsentPurposeId, ConsentTextId, ResidentId};

#[server(endpoint = "my_consents")]
pub async fn my_consents() -> Result<Consents, AppError> {
    use crate::backend::{self, auth::policy};
    super::answer(async move {
        let state = backend::state()?;
        let (resident, _) = policy::require_resident()?;
        Ok(backend::service::consent::for_resident(&state.db, resident, crate::i18n::lang_of_request()).await?)
    })
    .await
}

/// The resident grants or revokes for the text version they read; the page then shows the receipt.
#[server(endpoint = "change_my_consent")]
pub async fn change_my_consent(purpose: ConsentPurposeId, text: ConsentTextId, grant: bool) -> Result<(), AppError> {
    use crate::backend::{self, auth::policy, service::consent::Change};
    use crate::model::consent::ConsentChannel;
    super::answer(async move {
        let state = backend::state()?;
        let (resident, _) = policy::require_resident()?;
        let change = Change { purpose, text, grant, channel: ConsentChannel::Portal, staff: None };
        backend::service::consent::change(&state.db, resident, &change, crate::i18n::lang_of_request(), state.clock.now()).await?;
        leptos_axum::redirect("/mijn/toestemmingen?bon=1#bon");
        Ok(())
    })
    .await
}

/// Staff: a resident's consents and history, read only; the view is logged.
#[server(endpoint = "resident_consents")]
pub async fn resident_consents(resident: ResidentId) -> Result<Consents, AppError> {
    use crate::backend::{self, auth::policy};
    super::answer(async move {
        let state = backend::state()?;
        let staff = policy::require(policy::Action::FindResident)?;
        Ok(backend::service::consent::for_staff(&state.db, staff.id, resident, crate::i18n::lang_of_request(), state.clock.now()).await?)
    })
    .await
}

/// Staff record a consent given (or withdrawn) by phone or at the counter,
/// with the reason they give (logged).
#[server(endpoint = "record_consent")]
pub async fn record_consent(resident: ResidentId, purpose: ConsentPurposeId, text: ConsentTextId, grant: bool, channel: String, reason: String) -> Result<(), AppError> {
    use crate::backend::{self, auth::policy, service::consent::Change};
    use crate::model::consent::ConsentChannel;
    super::answer(async move {
        let state = backend::state()?;
        let staff = policy::require(policy::Action::RecordConsent)?;
        let channel = match ConsentChannel::from_code(&channel) {
            Some(c @ (ConsentChannel::Phone | ConsentChannel::Counter)) => c,
            _ => return Err(AppError::Validation(vec![crate::error::FieldError { field: "channel".into(), code: crate::error::FieldErrorCode::Invalid }])),
        };
        let change = Change { purpose, text, grant, channel, staff: Some((staff.id, reason)) };
        backend::service::consent::change(&state.db, resident, &change, crate::i18n::lang_of_request(), state.clock.now()).await?;
        leptos_axum::redirect(&format!("{}?vastgelegd=1", crate::path::staff_resident_consent(resident)));
        Ok(())
    })
    .await
}

/// Staff (standing in for the population register): the resident moves to
/// `address`, with the reason they give (logged).
#[server(endpoint = "record_relocation")]
pub async fn record_relocation(resident: ResidentId, address: String, reason: String) -> Result<(), AppError> {
    use crate::backend::{self, auth::policy};
    super::answer(async move {
        let state = backend::state()?;
        let staff = policy::require(policy::Action::PassOnMove)?;
        let recorded = backend::service::relocation::record(&state.db, Some((staff.id, reason.as_str())), resident, &address, state.clock.now()).await?;
        state.apply(recorded).await;
        leptos_axum::redirect(&format!("{}?verhuizing=1", crate::path::staff_resident_consent(resident)));
        Ok(())
    })
    .await
}

/// The functional administrator publishes a new version of a purpose's text.
#[server(endpoint = "publish_consent_text")]
pub async fn publish_consent_text(
    purpose: ConsentPurposeId,
    name_nl: String,
    name_en: String,
    text_nl: String,
    text_en: String,
) -> Result<(), AppError> {
    use crate::backend::{self, auth::policy, service::consent::Texts};
    super::answer(async move {
        let state = backend::state()?;
        let staff = policy::require(policy::Action::Configure)?;
        let texts = Texts { name_nl: &name_nl, name_en: &name_en, text_nl: &text_nl, text_en: &text_en };
        backend::service::consent::publish_text(&state.db, Some(staff.id), purpose, &texts, state.clock.now()).await?;
        leptos_axum::redirect("/staff/toestemmingen?gepubliceerd=1");
        Ok(())
    })
    .await
}

/// The purposes with their current texts in both languages, for the administrator.
#[server(endpoint = "consent_purposes")]
pub async fn consent_purposes() -> Result<Vec<crate::model::consent::PurposeTexts>, AppError> {
    use crate::backend::{self, auth::policy};
    super::answer(async move {
        let state = backend::state()?;
        policy::require(policy::Action::Configure)?;
        Ok(backend::service::consent::purpose_texts(&state.db).await?)
    })
    .await
}
