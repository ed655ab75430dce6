//! What waits for a staff member: the counts beside the workspace's
//! navigation (kept current while the page is open) and the start page
//! that says what to do now.

use serde::{Deserialize, Serialize};

use crate::model::callback::CallbackSummary;
use crate::model::conversation::ConversationSummary;
use crate::model::staff_member::StaffProfile;

/// The counts in the navigation, for the signed-in staff member.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Workload {
    /// Open conversations assigned to them.
    pub my_conversations: i64,
    /// Open conversations of their teams that nobody has taken.
    pub unassigned: i64,
    /// Open callback requests they own (or that were escalated to them).
    pub my_callbacks: i64,
    /// Open callback requests of theirs and their teams past their term.
    pub overdue: i64,
    /// ... of which escalated.
    pub escalated: i64,
}

/// Which count a navigation link carries.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Tally {
    MyConversations,
    Unassigned,
    MyCallbacks,
    Overdue,
    Escalated,
}

impl Tally {
    pub const ALL: [Tally; 5] = [Tally::MyConversations, Tally::Unassigned, Tally::MyCallbacks, Tally::Overdue, Tally::Escalated];

    /// How the page marks the element that shows it.
    pub fn code(self) -> &'static str {
        match self {
            Tally::MyConversations => "my-conversations",
            Tally::Unassigned => "unassigned",
            Tally::MyCallbacks => "my-callbacks",
            Tally::Overdue => "overdue",
            Tally::Escalated => "escalated",
        }
    }

    pub fn of(self, load: &Workload) -> i64 {
        match self {
            Tally::MyConversations => load.my_conversations,
            Tally::Unassigned => load.unassigned,
            Tally::MyCallbacks => load.my_callbacks,
            Tally::Overdue => load.overdue,
            Tally::Escalated => load.escalated,
        }
    }
}

/// A place in the workspace's navigation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NavLink {
    pub href: String,
    pub label: String,
    /// The count shown beside it, if any.
    pub tally: Option<Tally>,
    /// The group it is listed under ("Gesprekken", "Beheer" ...).
    pub group: String,
}

/// The staff frame around every workspace page: who is signed in, where
/// they may go, with the counts as they were when the page was made.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffFrame {
    pub profile: StaffProfile,
    pub links: Vec<NavLink>,
    pub load: Workload,
    /// Whether they may look residents up (the search box).
    pub may_search: bool,
    pub seconds_left: i64,
    pub warn_before: i64,
}

/// The start page: what to do now, in that order.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Today {
    /// Their own open conversations, the longest waiting first.
    pub my_conversations: Vec<ConversationSummary>,
    /// Their own open callback requests, the most urgent first.
    pub my_callbacks: Vec<CallbackSummary>,
    /// Callback requests of theirs and their teams past their term.
    pub overdue: Vec<CallbackSummary>,
    /// Conversations of their teams that nobody has taken yet.
    pub new_for_team: Vec<ConversationSummary>,
    /// False for roles without conversations or callback requests (administrators, privacy officers).
    pub works_contacts: bool,
    pub load: Workload,
    /// For team leads: how their teams meet the service norms today so far.
    pub norms: Option<Vec<crate::model::statistics::NormFigures>>,
}
