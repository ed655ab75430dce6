//! An approved answer from the answer library, as staff find it.

use serde::{Deserialize, Serialize};

use crate::model::ids::AnswerId;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Answer {
    pub id: AnswerId,
    pub question: String,
    pub answer: String,
    pub tags: String,
    pub owner: Option<String>,
    /// "1 maart 2027".
    pub review_on: String,
    /// Past its review date: check it before using it.
    pub needs_review: bool,
}
