//! The workspace's search box: what an agent has at hand finds a case (by
//! its reference), a resident (BSN, postal code with house number, a
//! confirmed e-mail address or phone number, a name with birth date), or
//! the open conversations of someone not identified yet (the address they
//! wrote or called from). Only what this staff member may open is found;
//! anything else is as if it did not exist.

use crate::backend::auth::policy::Action;
use crate::backend::auth::session::Staff;
use crate::backend::{
    db::{self, Db},
    service::{
        case,
        contact_address::{EmailAddress, PhoneNumber},
        resident,
    },
    Error,
};
use crate::model::ids::{CaseId, ConversationId, ResidentId};

/// What a search found.
#[derive(Debug, PartialEq, Eq)]
pub enum Found {
    Case(CaseId),
    /// Residents and unidentified conversations (either may be empty).
    Several { residents: Vec<ResidentId>, conversations: Vec<ConversationId> },
}

/// Unidentified conversations one search lists, at most.
const MAX_CONVERSATIONS: i64 = 20;

pub async fn find(db: &Db, staff: &Staff, query: &str, born: Option<&str>) -> Result<Found, Error> {
    let query = query.trim();
    if !query.contains(char::is_whitespace) && !query.contains('@') && query.contains(|c: char| c.is_ascii_alphabetic()) {
        if let Some(row) = db::case::find_by_reference(db, query).await? {
            // A case this person may not see is not found, not forbidden.
            if staff.may(Action::ReadCases) && case::visible_to(staff, &row) {
                return Ok(Found::Case(row.id));
            }
            return Ok(Found::Several { residents: Vec::new(), conversations: Vec::new() });
        }
    }
    let residents = resident::find(db, query, born).await?;
    let address = if query.contains('@') {
        EmailAddress::parse(query).ok().map(|e| e.as_str().to_string())
    } else {
        PhoneNumber::parse(query).ok().filter(|_| query.contains(|c: char| c.is_ascii_digit())).map(|p| p.as_str().to_string())
    };
    let conversations = match address {
        Some(address) if staff.may(Action::WorkConversations) => db::conversation::unidentified_from(db, &address, MAX_CONVERSATIONS)
            .await?
            .into_iter()
            .filter(|row| staff.handles(row.team_id, row.assignee_id))
            .map(|row| row.id)
            .collect(),
        _ => Vec::new(),
    };
    Ok(Found::Several { residents, conversations })
}
