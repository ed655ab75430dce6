//! Where a resident gets notices about changes (the setting they see on
//! Mijn gegevens).

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum NotificationSetting {
    /// No notices: the resident looks in Mijn omgeving themselves.
    Off,
    /// A code was mailed to `address`; nothing else goes there until it is entered.
    AwaitingCode { address: String },
    /// Notices go to this confirmed address.
    Email { address: String },
}
