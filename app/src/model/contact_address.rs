//! A resident's confirmed addresses as Mijn gegevens shows them: the
//! e-mail address for notices, the phone number for SMS and WhatsApp.

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum AddressSetting {
    /// No notices: the resident looks in Mijn omgeving themselves.
    Off,
    /// A code was mailed to `address`; nothing else goes there until it is entered.
    AwaitingCode { address: String },
    /// Confirmed: notices (and answers the resident asks for) go here.
    Confirmed { address: String },
}
