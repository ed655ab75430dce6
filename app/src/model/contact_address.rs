//! A resident's confirmed addresses as Mijn gegevens shows them: the
//! e-mail address for notices, the phone number for SMS and WhatsApp.

use serde::{Deserialize, Serialize};

use crate::model::conversation::Channel;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum AddressSetting {
    /// No notices: the resident looks in Mijn omgeving themselves.
    Off,
    /// A code was mailed to `address`; nothing else goes there until it is entered.
    AwaitingCode { address: String },
    /// Confirmed: notices (and answers the resident asks for) go here.
    Confirmed { address: String },
}

/// The kinds of address a resident confirms.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AddressKind {
    Email,
    /// For SMS and WhatsApp; its code goes by SMS.
    Phone,
}

impl AddressKind {
    /// As stored.
    pub fn code(self) -> &'static str {
        match self {
            AddressKind::Email => "email",
            AddressKind::Phone => "phone",
        }
    }

    pub fn from_code(code: &str) -> Option<AddressKind> {
        match code {
            "email" => Some(AddressKind::Email),
            "phone" => Some(AddressKind::Phone),
            _ => None,
        }
    }

    pub fn label(self, lang: crate::i18n::Lang) -> &'static str {
        match self {
            AddressKind::Email => lang.t("contact-address-kind-email"),
            AddressKind::Phone => lang.t("contact-address-kind-phone"),
        }
    }

    /// The kind of address a channel reaches a resident at, if any.
    pub fn of(channel: Channel) -> Option<AddressKind> {
        match channel {
            Channel::Email => Some(AddressKind::Email),
            Channel::Sms | Channel::WhatsApp | Channel::Phone => Some(AddressKind::Phone),
            _ => None,
        }
    }
}

/// An address staff linked to the resident when they identified an
/// unknown contact (the resident did not confirm it): messages from it
/// join the resident's history; nothing is sent to it because of it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LinkedAddress {
    pub id: crate::model::ids::ContactAddressId,
    /// "E-mail address", "Phone number (SMS and WhatsApp)".
    pub kind: String,
    pub address: String,
    /// When staff linked it, written out.
    pub linked_on: String,
}
