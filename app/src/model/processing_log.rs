//! The processing log (verwerkingenlog) as residents and the privacy
//! officer read it: who processed which of a resident's data, when, for
//! which purpose and on which legal ground.

use serde::{Deserialize, Serialize};

/// Which kind of resident data was processed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Category {
    /// The 360-degree view (klantbeeld): everything at once.
    ClientView,
    Case,
    Conversation,
    Callback,
    Consent,
    Document,
    /// Found in a search or shown in a list (inbox, worklist, phone screen).
    Listing,
    /// Linking a contact to the resident.
    Identity,
    Relocation,
    /// A request for correction or an objection.
    PrivacyRequest,
}

impl Category {
    pub const ALL: [Category; 10] = [
        Category::ClientView,
        Category::Case,
        Category::Conversation,
        Category::Callback,
        Category::Consent,
        Category::Document,
        Category::Listing,
        Category::Identity,
        Category::Relocation,
        Category::PrivacyRequest,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Category::ClientView => "klantbeeld",
            Category::Case => "zaak",
            Category::Conversation => "gesprek",
            Category::Callback => "terugbelverzoek",
            Category::Consent => "toestemming",
            Category::Document => "document",
            Category::Listing => "overzicht",
            Category::Identity => "identiteit",
            Category::Relocation => "verhuizing",
            Category::PrivacyRequest => "privacyverzoek",
        }
    }

    pub fn from_code(code: &str) -> Option<Category> {
        Category::ALL.into_iter().find(|c| c.code() == code)
    }

    /// The message key of the plain words a resident reads.
    pub fn label_key(self) -> &'static str {
        match self {
            Category::ClientView => "processing-category-client-view",
            Category::Case => "processing-category-case",
            Category::Conversation => "processing-category-conversation",
            Category::Callback => "processing-category-callback",
            Category::Consent => "processing-category-consent",
            Category::Document => "processing-category-document",
            Category::Listing => "processing-category-listing",
            Category::Identity => "processing-category-identity",
            Category::Relocation => "processing-category-relocation",
            Category::PrivacyRequest => "processing-category-privacy-request",
        }
    }
}

/// Whether the data was only read or also changed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Operation {
    Read,
    Change,
}

impl Operation {
    pub fn code(self) -> &'static str {
        match self {
            Operation::Read => "read",
            Operation::Change => "change",
        }
    }

    pub fn from_code(code: &str) -> Option<Operation> {
        [Operation::Read, Operation::Change].into_iter().find(|o| o.code() == code)
    }
}

/// One processing as the resident sees it on "Wie heeft mijn gegevens bekeken".
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResidentEntry {
    /// Dutch local date and time, as text.
    pub at: String,
    /// The team (or, where the municipality chooses, the person) that did it.
    pub by: String,
    /// What was looked at or changed, in plain words.
    pub what: String,
    /// Why, in plain words.
    pub purpose: String,
    pub changed: bool,
}

/// One row as the privacy officer searches and exports it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LogEntry {
    pub at: String,
    pub staff: String,
    pub role: String,
    pub team: String,
    /// The resident's BSN, masked (`*****3653`).
    pub resident: String,
    pub category: String,
    pub object: String,
    pub operation: String,
    pub purpose: String,
    pub legal_ground: String,
    pub reason: String,
}

/// A purpose an agent may state when opening the 360-degree view.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Purpose {
    pub code: String,
    pub name: String,
}
