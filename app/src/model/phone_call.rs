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
    /// Whether staff identified the caller (a recorded check).
    pub identified: bool,
    /// Whether the number is a resident's confirmed one: recognised, not proof.
    pub recognised: bool,
    /// When the call started, written out.
    pub since: String,
}
