//! Server functions for the resident's notification setting: an e-mail
//! address confirmed with a code, or none. Each answers a plain form post
//! with a redirect back to Mijn gegevens saying what happened.

use leptos::prelude::*;

use crate::error::AppError;
use crate::model::notification::NotificationSetting;

/// Where the form posts return to; `melding` says what happened.
pub const RETURN_TO: &str = "/mijn/gegevens";

#[server(endpoint = "my_notification_setting")]
pub async fn my_notification_setting() -> Result<NotificationSetting, AppError> {
    use crate::backend::{self, auth::policy};
    super::answer(async move {
        let state = backend::state()?;
        let (resident, _) = policy::require_resident()?;
        Ok(backend::service::notification::setting(&state.db, resident).await?)
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
        backend::service::notification::request_code(&state.db, resident, &email, lang, state.clock.now()).await?;
        state.delivery.notify_one();
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
        backend::service::notification::confirm_code(&state.db, resident, &code, state.clock.now()).await?;
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
        backend::service::notification::stop(&state.db, resident).await?;
        leptos_axum::redirect(&format!("{RETURN_TO}?melding=uit#meldingen"));
        Ok(())
    })
    .await
}
