//! Requests a resident makes about their own data that staff handle
//! within a term: a correction Loket cannot make itself (AVG art. 16), or
//! an objection to a processing (AVG art. 21).

use serde::{Deserialize, Serialize};

use crate::model::ids::{PrivacyRequestId, ResidentId};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum RequestKind {
    /// Something Loket holds is wrong and the resident cannot change it themselves.
    Correction,
    /// The resident objects to a processing of their data.
    Objection,
}

impl RequestKind {
    pub fn code(self) -> &'static str {
        match self {
            RequestKind::Correction => "correctie",
            RequestKind::Objection => "bezwaar",
        }
    }

    pub fn from_code(code: &str) -> Option<RequestKind> {
        [RequestKind::Correction, RequestKind::Objection].into_iter().find(|k| k.code() == code)
    }

    /// The key of its name in the message files.
    pub fn label_key(self) -> &'static str {
        match self {
            RequestKind::Correction => "privacy-request-correction",
            RequestKind::Objection => "privacy-request-objection",
        }
    }
}

/// A request as the resident and staff see it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PrivacyRequest {
    pub id: PrivacyRequestId,
    pub kind: RequestKind,
    /// The processing objected to, by name.
    pub processing: Option<String>,
    pub text: String,
    pub asked: String,
    pub due: String,
    pub open: bool,
    /// Past its term and still open.
    pub overdue: bool,
    pub answer: Option<String>,
}

/// What staff see in the worklist and on the request: the request and
/// whose it is (masked BSN; the resident's id for the 360-degree view).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffPrivacyRequest {
    pub request: PrivacyRequest,
    pub resident: ResidentId,
    pub masked_bsn: String,
}

/// The resident's form: the processings they can object to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestForm {
    /// (code, name) of each processing purpose.
    pub processings: Vec<(String, String)>,
    pub mine: Vec<PrivacyRequest>,
}
