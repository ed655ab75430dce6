//! Typed ids: a `CaseTypeId` can never be passed where a `TeamId` is meant.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

macro_rules! id_type {
    ($($(#[$doc:meta])* $name:ident),* $(,)?) => {$(
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[cfg_attr(feature = "ssr", derive(sqlx::Type), sqlx(transparent))]
        pub struct $name(pub Uuid);

        #[cfg(feature = "ssr")]
        impl $name {
            /// A fresh random id; ids are only minted on the server.
            #[allow(clippy::new_without_default)]
            pub fn new() -> Self {
                Self(Uuid::new_v4())
            }
        }

        impl From<$name> for Uuid {
            fn from(id: $name) -> Uuid {
                id.0
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                self.0.fmt(f)
            }
        }

        impl std::str::FromStr for $name {
            type Err = uuid::Error;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Uuid::parse_str(s).map(Self)
            }
        }
    )*};
}

id_type!(
    /// A municipality served by this Loket installation.
    MunicipalityId,
    /// An approved answer in the answer library.
    AnswerId,
    /// A callback request (contactverzoek).
    CallbackId,
    /// What a callback request is about, with its term.
    CallbackTypeId,
    /// A phone call reported by the telephony platform.
    PhoneCallId,
    /// A team of staff (Burgerzaken, Parkeren, KCC ...).
    TeamId,
    /// A case type (ZGW `zaaktype`).
    CaseTypeId,
    /// A resident; the only id of a resident that appears in URLs and logs (never the BSN).
    ResidentId,
    /// A staff member.
    StaffId,
    /// A status type of a case type (ZGW `statustype`).
    StatusTypeId,
    /// A case (ZGW `zaak`).
    CaseId,
    /// One step reached in a case's status history (ZGW `status`).
    CaseStatusId,
    /// Something the municipality needs from the resident.
    TodoId,
    /// A document of a case (ZGW `enkelvoudiginformatieobject`).
    DocumentId,
    /// An appointment with the municipality.
    AppointmentId,
    /// A resident's address on a channel (e-mail), confirmed with a code.
    ContactAddressId,
    /// A notice waiting for delivery, or delivered.
    NoticeId,
    /// A satisfaction question after a conversation, and its score.
    SatisfactionId,
    /// A person's "no more satisfaction questions".
    SatisfactionRefusalId,
    /// A conversation: one question, on any number of channels.
    ConversationId,
    /// One message in a conversation (a Klantinteracties `klantcontact`).
    MessageId,
    /// A file sent with a message.
    AttachmentId,
    /// A purpose residents can consent to (e.g. moving a parking permit along).
    ConsentPurposeId,
    /// One version of a purpose's text.
    ConsentTextId,
    /// A grant or revocation of consent.
    ConsentEventId,
    /// An address change waiting to be acted on.
    RelocationId,
    /// A resident's download of everything Loket holds about them.
    DataExportId,
    /// A resident's request for a correction or an objection (AVG art. 16, 21).
    PrivacyRequestId,
    /// What a resident can book an appointment for (a passport, a talk about income).
    ProductId,
    /// Where residents come for an appointment.
    LocationId,
    /// A resident's payment for a pay to-do.
    PaymentId,
    /// Two identities (BSNs) staff found to be one person.
    IdentityLinkId,
);

#[cfg(feature = "ssr")]
impl MessageId {
    /// A time-ordered id (UUIDv7): messages stored within the same second
    /// (times are kept in whole seconds) still sort in the order they came.
    pub fn ordered() -> MessageId {
        MessageId(Uuid::now_v7())
    }
}
