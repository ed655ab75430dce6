//! Outbound channels from configuration: e-mail, WhatsApp and SMS.

use std::sync::Arc;

use anyhow::Context;
use app::backend::channel::{smtp::Smtp, twilio::Twilio, whatsapp::WhatsApp, Channels, Outbound};
use secrecy::ExposeSecret;

use crate::config::Config;

/// Where Twilio reports how far an SMS got.
pub const SMS_STATUS_PATH: &str = "/webhooks/sms/status";

/// Outbound channels from configuration: e-mail when `smtp_url` is set,
/// WhatsApp with a phone number id and access token, SMS with Twilio's
/// account, token and sender. A channel without them refuses, visibly.
pub fn outbound(config: &Config) -> anyhow::Result<Arc<dyn Outbound>> {
    let mut channels = Channels::default();
    if let Some(whatsapp) = whatsapp(config) {
        channels.whatsapp = Some(Box::new(whatsapp));
    }
    if let Some(url) = &config.smtp_url {
        let smtp = Smtp::new(url.expose_secret(), &config.mail_from, config.mail_reply_to.as_deref())
            .context("LOKET_SMTP_URL / LOKET_MAIL_FROM / LOKET_MAIL_REPLY_TO")?;
        channels.email = Some(Box::new(smtp));
    }
    if let (Some(sid), Some(token), Some(from)) = (&config.twilio_account_sid, &config.twilio_auth_token, &config.twilio_from) {
        let status_callback = format!("{}{}", config.public_url.trim_end_matches('/'), SMS_STATUS_PATH);
        channels.sms = Some(Box::new(Twilio::new(&config.twilio_api_url, sid, token.expose_secret(), from, &status_callback)));
    }
    Ok(Arc::new(channels))
}

/// The WhatsApp Cloud API client, when a phone number id and access token are configured.
pub fn whatsapp(config: &Config) -> Option<Arc<WhatsApp>> {
    let (Some(number), Some(token)) = (&config.whatsapp_phone_number_id, &config.whatsapp_access_token) else { return None };
    Some(Arc::new(WhatsApp::new(&config.whatsapp_api_url, number, token.expose_secret(), &config.whatsapp_template, &config.whatsapp_template_language)))
}

