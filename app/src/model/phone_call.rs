//! A phone call that is on now, as the agent's screen lists it.

use serde::{Deserialize, Serialize};

use crate::model::ids::ConversationId;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActiveCall {
    /// The caller's conversation: their context and the thread.
    pub conversation: ConversationId,
    pub subject: String,
    /// Masked number, never the whole.
    pub caller: String,
    /// Whether the number belongs to a known resident.
    pub identified: bool,
    /// When the call started, written out.
    pub since: String,
}
