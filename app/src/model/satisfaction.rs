//! Satisfaction (KTO/CSAT): the one question after a conversation closed,
//! as the resident sees it (in the portal or behind a link) and as staff
//! see its score on the conversation.

use serde::{Deserialize, Serialize};

/// The scores, from 1 (very dissatisfied) to 5 (very satisfied).
pub const SCORES: std::ops::RangeInclusive<i64> = 1..=5;

/// The question about one conversation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SatisfactionAsk {
    /// The score given, if any (the last one counts).
    pub score: Option<i64>,
    /// Whether it can still be answered (two weeks after it was asked).
    pub open: bool,
}

/// The page behind a question's link: what it is about, in words that
/// name nobody (the link may be forwarded).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SatisfactionQuestion {
    pub ask: SatisfactionAsk,
    /// The channel the conversation ran on, e.g. "WhatsApp".
    pub channel: String,
    /// When it was asked, e.g. "7 december 2026".
    pub asked_on: String,
}
