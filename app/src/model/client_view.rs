//! The 360-degree view of one resident (klantbeeld): everything pending
//! and everything said, on one screen, opened for a stated purpose.

use serde::{Deserialize, Serialize};

use crate::model::appointment::AppointmentSummary;
use crate::model::callback::ResidentCallback;
use crate::model::case::{CaseSummary, TodoSummary};
use crate::model::consent::Purpose as ConsentPurpose;
use crate::model::conversation::{Channel, ConversationSummary, Direction};
use crate::model::ids::{ConversationId, IdentityLinkId, ResidentId};
use crate::model::processing_log::Purpose;
use crate::model::resident::ResidentMatch;

/// What opening the view gives: the view, or first the question why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ClientViewAnswer {
    /// No live contact with this resident: state a purpose first.
    NeedsPurpose { resident: ResidentMatch, purposes: Vec<Purpose> },
    Shown(Box<ClientView>),
}

/// The resident's context beside a conversation in the inbox.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ConversationContext {
    /// Nobody yet: the sender is not identified.
    Unidentified,
    /// Need to know: the context opens once the agent takes the
    /// conversation (or through the 360-degree view, for a stated purpose).
    TakeFirst { resident: ResidentId },
    Shown(Box<ClientView>),
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClientView {
    pub resident: ResidentMatch,
    /// The purpose the view was opened (and logged) for, in words.
    pub purpose: String,
    /// Its code: the forms on the view come back to it for the same purpose.
    pub purpose_code: String,
    /// Other identities (BSNs) of the same person; their conversations,
    /// messages and callback requests are in the lists below.
    pub same_person: Vec<SamePerson>,
    /// Opened during a live contact (a call, or a conversation assigned to the agent).
    pub live: bool,
    /// Confirmed addresses, or empty.
    pub email: String,
    pub phone: String,
    /// Addresses staff linked when they identified the resident (not confirmed by them).
    pub linked: Vec<crate::model::contact_address::LinkedAddress>,
    pub preferred_channel: Channel,
    /// Cases within the agent's clearance.
    pub cases: Vec<CaseSummary>,
    pub todos: Vec<TodoSummary>,
    pub conversations: Vec<ConversationSummary>,
    /// Every message across threads and channels, newest first (no internal notes).
    pub timeline: Vec<TimelineItem>,
    pub callbacks: Vec<ResidentCallback>,
    pub appointments: Vec<AppointmentSummary>,
    pub consents: Vec<ConsentPurpose>,
}

/// Another identity of the same person, linked by staff.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SamePerson {
    pub link: IdentityLinkId,
    pub resident: ResidentMatch,
    /// When they were linked, written out.
    pub since: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimelineItem {
    pub at: String,
    pub channel: Channel,
    pub direction: Direction,
    pub preview: String,
    pub conversation: ConversationId,
}
