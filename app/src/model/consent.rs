//! Consent as residents and staff see it: each purpose with its current
//! state, the receipt of a change, and the full history.

use serde::{Deserialize, Serialize};

use crate::i18n::Lang;
use crate::model::ids::{ConsentPurposeId, ConsentTextId};

/// Where a change of consent was made.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ConsentChannel {
    /// By the resident in Mijn omgeving.
    Portal,
    /// Recorded by a KCC agent during a phone call.
    Phone,
    /// Recorded by a staff member at the counter.
    Counter,
}

impl ConsentChannel {
    pub fn code(self) -> &'static str {
        match self {
            ConsentChannel::Portal => "portal",
            ConsentChannel::Phone => "phone",
            ConsentChannel::Counter => "counter",
        }
    }

    pub fn from_code(code: &str) -> Option<ConsentChannel> {
        [ConsentChannel::Portal, ConsentChannel::Phone, ConsentChannel::Counter].into_iter().find(|c| c.code() == code)
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            ConsentChannel::Portal => lang.t("model-consent-in-my-environment"),
            ConsentChannel::Phone => lang.t("model-consent-by-phone-recorded-by-a-staff"),
            ConsentChannel::Counter => lang.t("model-consent-at-the-counter-recorded-by-a"),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ConsentState {
    Granted,
    /// Never granted, or revoked.
    NotGranted,
    /// Granted for an older text: asked again, and not used until then.
    TextChanged,
}

impl ConsentState {
    /// How staff read it (the client view and the context beside a conversation).
    pub fn staff_label(self, lang: Lang) -> &'static str {
        match self {
            ConsentState::Granted => lang.t("staff-consent-consent-given"),
            ConsentState::NotGranted => lang.t("staff-consent-no-consent"),
            ConsentState::TextChanged => lang.t("staff-consent-given-for-an-older-text-not"),
        }
    }
}

/// One purpose with the resident's current state.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Purpose {
    pub id: ConsentPurposeId,
    pub name: String,
    /// What is reused, by whom, for what and how long (B1).
    pub text: String,
    /// The current text version, which a grant confirms.
    pub text_id: ConsentTextId,
    pub version: i64,
    pub state: ConsentState,
}

/// One grant or revocation, as it was recorded.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConsentEvent {
    pub purpose: String,
    pub granted: bool,
    pub version: i64,
    /// Date and time, written out in Dutch local time.
    pub at: String,
    pub channel: ConsentChannel,
    /// For staff: who recorded it.
    pub recorded_by: Option<String>,
}

/// The resident's consent page: every purpose and the whole history, newest first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Consents {
    pub purposes: Vec<Purpose>,
    pub history: Vec<ConsentEvent>,
}

/// A purpose's current text in both languages, as the administrator edits it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PurposeTexts {
    pub id: ConsentPurposeId,
    pub code: String,
    pub version: i64,
    pub name_nl: String,
    pub name_en: String,
    pub text_nl: String,
    pub text_en: String,
}
