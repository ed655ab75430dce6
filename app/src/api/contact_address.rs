//! Server functions for the resident's addresses: an e-mail address for
//! notices and a phone number for SMS and WhatsApp, each confirmed with a
//! code, and the channel they prefer for answers. Each answers a plain
//! form post with a redirect back to Mijn gegevens saying what happened.

use leptos::prelude::*;

use crate::error::AppError;
use crate::model::{contact_address::AddressSetting, conversation::Channel};

/// Where the form posts return to; `melding` says what happened.
pub const RETURN_TO: &str = crate::path::DETAILS;

#[server(endpoint = "my_notification_setting")]
pub async fn my_notification_setting() -> Result<AddressSetting, AppError> {
    use crate::backend::{self, auth::policy};
    super::answer(async move {
        let state = backend::state()?;
        let (resident, _) = policy::require_resident()?;
        Ok(backend::service::contact_address::setting(&state.db, resident, backend::service::contact_address::AddressKind::Email).await?)
    })
    .await
}

/// Sets the address for notices and mails it a code.
#[server(endpoint = "request_notification_code")]
pub async fn request_notification_code(email: String) -> Result<(), AppError> {
    use crate::backend::{self, auth::policy};
    super::answer(async move {
        let state = backend::state()?;
        let (resident, _) = policy::require_resident()?;
        let lang = crate::i18n::lang_of_request();
        let requested = backend::service::contact_address::request_code(&state.db, resident, backend::service::contact_address::AddressKind::Email, &email, lang, state.clock.now()).await?;
        state.apply(requested).await;
        leptos_axum::redirect(&format!("{RETURN_TO}?melding=code#meldingen"));
        Ok(())
    })
    .await
}

/// Confirms the address with the code from the mail.
#[server(endpoint = "confirm_notification_code")]
pub async fn confirm_notification_code(code: String) -> Result<(), AppError> {
    use crate::backend::{self, auth::policy};
    super::answer(async move {
        let state = backend::state()?;
        let (resident, _) = policy::require_resident()?;
        backend::service::contact_address::confirm_code(&state.db, resident, backend::service::contact_address::AddressKind::Email, &code, state.clock.now()).await?;
        leptos_axum::redirect(&format!("{RETURN_TO}?melding=aan#meldingen"));
        Ok(())
    })
    .await
}

/// Stops notices by e-mail.
#[server(endpoint = "stop_notifications")]
pub async fn stop_notifications() -> Result<(), AppError> {
    use crate::backend::{self, auth::policy};
    super::answer(async move {
        let state = backend::state()?;
        let (resident, _) = policy::require_resident()?;
        backend::service::contact_address::remove(&state.db, resident, backend::service::contact_address::AddressKind::Email).await?;
        leptos_axum::redirect(&format!("{RETURN_TO}?melding=uit#meldingen"));
        Ok(())
    })
    .await
}

/// The resident's phone number for SMS and WhatsApp, and the channel they prefer for answers.
#[server(endpoint = "my_phone_setting")]
pub async fn my_phone_setting() -> Result<PhoneSetting, AppError> {
    use crate::backend::{self, auth::policy};
    super::answer(async move {
        let state = backend::state()?;
        let (resident, _) = policy::require_resident()?;
        let phone = backend::service::contact_address::setting(&state.db, resident, backend::service::contact_address::AddressKind::Phone).await?;
        let preferred = backend::service::contact_address::preferred_channel(&state.db, resident).await?;
        let mut options = vec![Channel::Portal];
        options.extend(backend::service::contact_address::reply_addresses(&state.db, resident).await?.into_iter().map(|(c, _)| c));
        Ok(PhoneSetting { phone, preferred, options })
    })
    .await
}

/// What the phone section of Mijn gegevens shows.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct PhoneSetting {
    pub phone: AddressSetting,
    /// Where answers to new questions go.
    pub preferred: Channel,
    pub options: Vec<Channel>,
}

/// Sets the phone number for SMS and WhatsApp and texts it a code.
#[server(endpoint = "request_phone_code")]
pub async fn request_phone_code(phone: String) -> Result<(), AppError> {
    use crate::backend::{self, auth::policy};
    super::answer(async move {
        let state = backend::state()?;
        let (resident, _) = policy::require_resident()?;
        let lang = crate::i18n::lang_of_request();
        let requested = backend::service::contact_address::request_code(&state.db, resident, backend::service::contact_address::AddressKind::Phone, &phone, lang, state.clock.now()).await?;
        state.apply(requested).await;
        leptos_axum::redirect(&format!("{RETURN_TO}?telefoon=code#telefoon"));
        Ok(())
    })
    .await
}

/// Confirms the phone number with the code from the SMS.
#[server(endpoint = "confirm_phone_code")]
pub async fn confirm_phone_code(code: String) -> Result<(), AppError> {
    use crate::backend::{self, auth::policy};
    super::answer(async move {
        let state = backend::state()?;
        let (resident, _) = policy::require_resident()?;
        backend::service::contact_address::confirm_code(&state.db, resident, backend::service::contact_address::AddressKind::Phone, &code, state.clock.now()).await?;
        leptos_axum::redirect(&format!("{RETURN_TO}?telefoon=aan#telefoon"));
        Ok(())
    })
    .await
}

/// Forgets the phone number.
#[server(endpoint = "remove_phone")]
pub async fn remove_phone() -> Result<(), AppError> {
    use crate::backend::{self, auth::policy};
    super::answer(async move {
        let state = backend::state()?;
        let (resident, _) = policy::require_resident()?;
        backend::service::contact_address::remove(&state.db, resident, backend::service::contact_address::AddressKind::Phone).await?;
        leptos_axum::redirect(&format!("{RETURN_TO}?telefoon=uit#telefoon"));
        Ok(())
    })
    .await
}

/// Where answers to new questions go: the portal, or a channel with a confirmed address.
#[server(endpoint = "set_preferred_channel")]
pub async fn set_preferred_channel(channel: String) -> Result<(), AppError> {
    use crate::backend::{self, auth::policy};
    super::answer(async move {
        let state = backend::state()?;
        let (resident, _) = policy::require_resident()?;
        backend::service::contact_address::set_preferred_channel(&state.db, resident, &channel).await?;
        leptos_axum::redirect(&format!("{RETURN_TO}?voorkeur=1#voorkeur"));
        Ok(())
    })
    .await
}

/// The addresses staff linked to the resident when they identified a contact.
#[server(endpoint = "my_linked_addresses")]
pub async fn my_linked_addresses() -> Result<Vec<crate::model::contact_address::LinkedAddress>, AppError> {
    use crate::backend::{self, auth::policy};
    super::answer(async move {
        let state = backend::state()?;
        let (resident, _) = policy::require_resident()?;
        Ok(backend::service::contact_address::linked(&state.db, resident, crate::i18n::lang_of_request()).await?)
    })
    .await
}

/// The resident removes an address staff linked to them; someone else's is NotFound.
#[server(endpoint = "unlink_address")]
pub async fn unlink_address(id: crate::model::ids::ContactAddressId) -> Result<(), AppError> {
    use crate::backend::{self, auth::policy};
    super::answer(async move {
        let state = backend::state()?;
        let (resident, _) = policy::require_resident()?;
        backend::service::contact_address::unlink(&state.db, resident, id).await?;
        leptos_axum::redirect(&format!("{RETURN_TO}?gekoppeld=uit#gekoppeld"));
        Ok(())
    })
    .await
}
