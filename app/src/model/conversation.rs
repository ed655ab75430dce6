//! Conversations as pages show them: to the resident (never internal
//! notes, staff shown by team) and to staff (everything).

use serde::{Deserialize, Serialize};

use crate::i18n::Lang;
use crate::model::ids::{AttachmentId, CaseId, ConversationId, MessageId, StaffId, TeamId};

/// The channels a message can come or go through.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Channel {
    Portal,
    Email,
    WhatsApp,
    Sms,
    Phone,
    Counter,
    Letter,
}

impl Channel {
    pub const ALL: [Channel; 7] =
        [Channel::Portal, Channel::Email, Channel::WhatsApp, Channel::Sms, Channel::Phone, Channel::Counter, Channel::Letter];

    /// The name stored in the database and used in URLs.
    pub fn code(self) -> &'static str {
        match self {
            Channel::Portal => "portal",
            Channel::Email => "email",
            Channel::WhatsApp => "whatsapp",
            Channel::Sms => "sms",
            Channel::Phone => "phone",
            Channel::Counter => "counter",
            Channel::Letter => "letter",
        }
    }

    pub fn from_code(code: &str) -> Option<Channel> {
        Channel::ALL.into_iter().find(|c| c.code() == code)
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Channel::Portal => lang.t("layout-my-environment"),
            Channel::Email => lang.t("model-conversation-e-mail"),
            Channel::WhatsApp => "WhatsApp",
            Channel::Sms => "SMS",
            Channel::Phone => lang.t("model-conversation-phone"),
            Channel::Counter => lang.t("model-conversation-counter"),
            Channel::Letter => lang.t("model-conversation-letter"),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ConversationStatus {
    Open,
    WaitingForResident,
    WaitingForMunicipality,
    Closed,
}

impl ConversationStatus {
    pub const ALL: [ConversationStatus; 4] = [
        ConversationStatus::Open,
        ConversationStatus::WaitingForMunicipality,
        ConversationStatus::WaitingForResident,
        ConversationStatus::Closed,
    ];

    pub fn code(self) -> &'static str {
        match self {
            ConversationStatus::Open => "open",
            ConversationStatus::WaitingForResident => "waiting_for_resident",
            ConversationStatus::WaitingForMunicipality => "waiting_for_municipality",
            ConversationStatus::Closed => "closed",
        }
    }

    pub fn from_code(code: &str) -> Option<ConversationStatus> {
        ConversationStatus::ALL.into_iter().find(|s| s.code() == code)
    }

    /// As the resident reads it.
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            ConversationStatus::Open => lang.t("model-conversation-open"),
            ConversationStatus::WaitingForResident => lang.t("model-conversation-waiting-for-your-answer"),
            ConversationStatus::WaitingForMunicipality => lang.t("model-conversation-we-will-reply-as-soon-as"),
            ConversationStatus::Closed => lang.t("model-conversation-closed"),
        }
    }

    /// As staff read it.
    pub fn staff_label(self, lang: Lang) -> &'static str {
        match self {
            ConversationStatus::Open => lang.t("model-conversation-open"),
            ConversationStatus::WaitingForResident => lang.t("model-conversation-waiting-for-resident"),
            ConversationStatus::WaitingForMunicipality => lang.t("model-conversation-waiting-for-municipality"),
            ConversationStatus::Closed => lang.t("model-conversation-closed"),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Direction {
    /// From the resident.
    In,
    /// From the municipality to the resident.
    Out,
    /// An internal note: staff only.
    Note,
}

impl Direction {
    pub fn code(self) -> &'static str {
        match self {
            Direction::In => "in",
            Direction::Out => "out",
            Direction::Note => "note",
        }
    }

    pub fn from_code(code: &str) -> Option<Direction> {
        [Direction::In, Direction::Out, Direction::Note].into_iter().find(|d| d.code() == code)
    }
}

/// How far an outbound message on a provider's channel got, as the
/// provider reported it. Reports arrive out of order; a later stage never
/// goes back to an earlier one, and `Failed` is final.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Delivery {
    /// Waiting in Loket's outbox (or for a retry).
    Queued,
    Sent,
    Delivered,
    Read,
    Failed,
}

impl Delivery {
    pub const ALL: [Delivery; 5] = [Delivery::Queued, Delivery::Sent, Delivery::Delivered, Delivery::Read, Delivery::Failed];

    pub fn code(self) -> &'static str {
        match self {
            Delivery::Queued => "queued",
            Delivery::Sent => "sent",
            Delivery::Delivered => "delivered",
            Delivery::Read => "read",
            Delivery::Failed => "failed",
        }
    }

    pub fn from_code(code: &str) -> Option<Delivery> {
        Delivery::ALL.into_iter().find(|d| d.code() == code)
    }

    /// Order of the stages; a report only moves a message forward.
    pub fn rank(self) -> u8 {
        match self {
            Delivery::Queued => 0,
            Delivery::Sent => 1,
            Delivery::Delivered => 2,
            Delivery::Read => 3,
            Delivery::Failed => 4,
        }
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Delivery::Queued => lang.t("model-conversation-being-sent"),
            Delivery::Sent => lang.t("model-conversation-sent"),
            Delivery::Delivered => lang.t("model-conversation-delivered"),
            Delivery::Read => lang.t("model-conversation-read"),
            Delivery::Failed => lang.t("model-conversation-not-delivered"),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttachmentView {
    pub id: AttachmentId,
    pub file_name: String,
    pub size_kb: i64,
    /// Where to download it from (differs for residents and staff).
    pub href: String,
}

/// One message, ready to show.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MessageView {
    pub id: MessageId,
    pub channel: Channel,
    pub direction: Direction,
    /// "Jij", the team's name, or (for staff) the colleague's name.
    pub author: String,
    pub body: String,
    /// Date and time in Dutch local time, written out.
    pub at: String,
    pub attachments: Vec<AttachmentView>,
    /// For staff: how far an outbound message on e-mail, SMS or WhatsApp got.
    pub delivery: Option<Delivery>,
    /// The words around the message, in the reader's language, written by
    /// the server (a live message is drawn in the browser without the
    /// message files): the channel, how far it got, and "Internal note".
    pub labels: MessageLabels,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MessageLabels {
    pub channel: String,
    pub delivery: Option<String>,
    /// Only on an internal note.
    pub note: Option<String>,
    /// For staff: the sender's address is a resident's, but unverified.
    pub sender: Option<String>,
}

/// Why an incoming message from a resident's confirmed address was not
/// taken as theirs: anyone can put that address on a message.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum SenderCheck {
    /// E-mail whose `From` the municipality's gateway could not verify (no DMARC pass).
    Unverified,
    /// A caller ID or SMS number: recognised, never proof.
    Recognised,
    /// From an address staff linked to the resident when they identified
    /// an earlier contact; the resident never confirmed it.
    Linked,
}

impl SenderCheck {
    pub fn code(self) -> &'static str {
        match self {
            SenderCheck::Unverified => "unverified",
            SenderCheck::Recognised => "recognised",
            SenderCheck::Linked => "linked",
        }
    }

    pub fn from_code(code: &str) -> Option<SenderCheck> {
        [SenderCheck::Unverified, SenderCheck::Recognised, SenderCheck::Linked].into_iter().find(|c| c.code() == code)
    }

    /// The key of what staff see beside the message.
    pub fn label_key(self) -> &'static str {
        match self {
            SenderCheck::Unverified => "message-sender-unverified",
            SenderCheck::Recognised => "message-number-recognised",
            SenderCheck::Linked => "message-address-linked-by-staff",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConversationSummary {
    pub id: ConversationId,
    pub subject: String,
    pub status: ConversationStatus,
    pub channels: Vec<Channel>,
    pub last_message: String,
    pub case_id: Option<CaseId>,
    pub case_reference: Option<String>,
    /// Team for residents; team and assignee for staff.
    pub handled_by: String,
    pub updated: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConversationDetail {
    pub summary: ConversationSummary,
    pub case_id: Option<CaseId>,
    pub messages: Vec<MessageView>,
    /// Where answers go: the portal only, or also e-mail, SMS or WhatsApp.
    pub reply_channel: Channel,
    /// For the resident: the channels they can choose for answers (the
    /// portal, and each channel with an address they confirmed).
    pub reply_options: Vec<Channel>,
    /// Merged by staff into this conversation, where its messages are now.
    pub continued_in: Option<ConversationId>,
    /// After closing: the satisfaction question, and the score if given.
    pub satisfaction: Option<crate::model::satisfaction::SatisfactionAsk>,
}

/// A choice in a staff form (a team, a colleague, a case).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Choice {
    pub value: String,
    pub label: String,
}

/// What a staff member sees of a conversation, and can do with it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffConversation {
    pub detail: ConversationDetail,
    pub team_id: TeamId,
    pub assignee: Option<StaffId>,
    pub result: Option<String>,
    /// The resident as staff may see them here: masked BSN, or "not identified yet".
    pub resident: String,
    pub resident_id: Option<crate::model::ids::ResidentId>,
    pub colleagues: Vec<Choice>,
    /// The resident's cases, to link the conversation to.
    pub cases: Vec<Choice>,
    /// Where a reply goes besides the portal, masked ("******78", "j***@example.nl").
    pub reply_address: Option<String>,
    /// WhatsApp's 24-hour window has closed: a reply goes out as the
    /// approved template ("there is a new message for you"), not as text.
    pub template_only: bool,
    /// Unidentified: staff may link the conversation to a resident by BSN.
    pub unidentified: bool,
    /// A phone call with this caller is on, since then (written out).
    pub call_since: Option<String>,
    /// The team the classifier suggests (learned from staff's routing), with its name and how sure (percent).
    pub suggestion: Option<(TeamId, String, u8)>,
    /// Teams to send the conversation to.
    pub teams: Vec<Choice>,
    /// The resident's other conversations this one can be merged into.
    pub merge_choices: Vec<Choice>,
    /// The subject of the conversation this one was merged into.
    pub merged_into: Option<String>,
}

/// What staff need to open a conversation for a walk-in, a call or a letter.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewContactForm {
    /// A fresh id for this submit (a double submit stores it once).
    pub client_id: String,
    /// Who it is for, as found; `None` for a visitor not identified (yet).
    pub resident: Option<crate::model::resident::ResidentMatch>,
    pub teams: Vec<Choice>,
    /// The staff member's own (first) team, chosen at first.
    pub team: String,
}

/// The staff inbox with its filter choices.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Inbox {
    /// One page, the longest waiting first.
    pub conversations: Vec<ConversationSummary>,
    pub teams: Vec<Choice>,
    /// How many the filter finds in all.
    pub total: i64,
    /// Where the next page starts, when there is one.
    pub next: Option<ConversationId>,
    /// How many the filter would find on each channel, and in each state but closed.
    pub per_channel: Vec<(Channel, i64)>,
    pub per_status: Vec<(ConversationStatus, i64)>,
}

/// The session key of a [`Draft`].
pub const DRAFT: &str = "message_draft";

/// What the resident typed in a message form that was refused: shown
/// again with the reason, so nothing is lost (kept in the session).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Draft {
    pub subject: String,
    pub body: String,
    pub case: Option<CaseId>,
    pub error: Option<crate::error::AppError>,
}

/// What a hand-over link would bring into Mijn omgeving: shown to the
/// resident before they take the conversation over.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HandoverPreview {
    pub subject: String,
    /// The channel it started on, in the reader's language.
    pub channel: String,
    /// The newest message in it, as the resident would see it.
    pub last_message: String,
}
