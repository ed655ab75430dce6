//! "May this person do this to this thing": the permission matrix (which
//! role may take which action), the table of every page, server function
//! and handler with what it needs, and the checks server functions call.
//! The session middleware refuses what the table refuses before a handler
//! runs; services then narrow to the person's teams and clearance.

use crate::backend::auth::session::{Principal, Staff};
use crate::error::AppError;
use crate::model::ids::{ResidentId, StaffId, TeamId};
use crate::model::staff_member::{Confidentiality, Role};

/// What staff do; each page, server function and handler needs one.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Action {
    /// The inbox, the phone screen and the conversations of one's teams: read, answer, assign, close.
    WorkConversations,
    /// Link an unidentified contact to a resident, or two identities of one person (with a reason).
    IdentifyContact,
    /// The cases of one's teams, up to one's clearance.
    ReadCases,
    /// Move a case on, add a document.
    WorkCases,
    /// Callback requests: worklists, attempts, hand-over, closing.
    WorkCallbacks,
    /// Search and use the answer library.
    UseAnswers,
    /// Write and approve answers.
    EditAnswers,
    /// Find a resident and open their 360-degree view (with a purpose).
    FindResident,
    /// Record a consent on the resident's behalf (with a reason).
    RecordConsent,
    /// Pass on a move (with a reason).
    PassOnMove,
    /// Routing rules, kinds of callback request, consent texts.
    Configure,
    /// Search and export the processing log.
    ReadProcessingLog,
    /// Handle residents' requests for correction and their objections.
    HandlePrivacyRequests,
    /// Read the reports of retention runs (the terms themselves: `Configure`).
    ReadRetentionReports,
    /// The statistics: a team lead's of their teams, an administrator's of all.
    ReadStatistics,
}

impl Action {
    pub const ALL: [Action; 15] = [
        Action::WorkConversations,
        Action::IdentifyContact,
        Action::ReadCases,
        Action::WorkCases,
        Action::WorkCallbacks,
        Action::UseAnswers,
        Action::EditAnswers,
        Action::FindResident,
        Action::RecordConsent,
        Action::PassOnMove,
        Action::Configure,
        Action::ReadProcessingLog,
        Action::HandlePrivacyRequests,
        Action::ReadRetentionReports,
        Action::ReadStatistics,
    ];
}

/// The permission matrix: whether `role` may take `action`. Administrators
/// configure but read no resident data; the privacy officer reads the log.
pub fn allowed(role: Role, action: Action) -> bool {
    use Action::*;
    match role {
        Role::Kcc => matches!(action, WorkConversations | IdentifyContact | WorkCallbacks | UseAnswers | FindResident | RecordConsent | PassOnMove),
        Role::Specialist => matches!(
            action,
            WorkConversations | IdentifyContact | ReadCases | WorkCases | WorkCallbacks | UseAnswers | FindResident | RecordConsent | PassOnMove
        ),
        Role::Teamleider => matches!(
            action,
            WorkConversations
                | IdentifyContact
                | ReadCases
                | WorkCases
                | WorkCallbacks
                | UseAnswers
                | EditAnswers
                | FindResident
                | RecordConsent
                | PassOnMove
                | ReadStatistics
        ),
        Role::Beheerder => matches!(action, UseAnswers | EditAnswers | Configure | ReadRetentionReports | ReadStatistics),
        Role::Privacy => matches!(action, ReadProcessingLog | HandlePrivacyRequests | ReadRetentionReports),
    }
}

impl Staff {
    pub fn may(&self, action: Action) -> bool {
        self.roles.iter().any(|r| allowed(*r, action))
    }

    /// The role an action is taken (and logged) under: the first that allows it.
    pub fn role_for(&self, action: Action) -> Option<Role> {
        self.roles.iter().copied().find(|r| allowed(*r, action))
    }

    pub fn in_team(&self, team: TeamId) -> bool {
        self.teams.contains(&team)
    }

    /// Whether work owned by `team` (and perhaps assigned to someone) is
    /// this person's: their team's, or assigned to them.
    pub fn handles(&self, team: TeamId, assignee: Option<StaffId>) -> bool {
        self.in_team(team) || assignee == Some(self.id)
    }

    /// Whether a case at `level` is within this person's clearance.
    pub fn cleared_for(&self, level: Confidentiality) -> bool {
        level <= self.clearance
    }
}

/// What a route needs from the caller.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Need {
    /// Public: anyone, signed in or not.
    Anyone,
    /// A signed-in resident.
    Resident,
    /// Anyone signed in (their own session).
    SignedIn,
    /// Any signed-in staff member.
    Staff,
    /// A staff member who may take this action.
    StaffMay(Action),
    /// A signed-in resident, or a staff member who may take this action.
    ResidentOrStaffMay(Action),
}

/// Every page, server function (`/api/<endpoint>`) and handler under the
/// guarded parts of the site (`/mijn`, `/staff`, `/api`), with what it
/// needs. `:name` matches one path segment. A guarded path not listed
/// here is refused: a new route starts closed.
pub const ROUTES: &[(&str, Need)] = &[
    // Resident pages and their handlers.
    ("/mijn", Need::Resident),
    ("/mijn/gegevens", Need::Resident),
    ("/mijn/gegevens/download", Need::Resident),
    ("/mijn/gegevens/download/live", Need::Resident),
    ("/mijn/gegevens/download/:id/:format", Need::Resident),
    ("/mijn/zaken/:id", Need::Resident),
    ("/mijn/zaken/:id/documenten", Need::Resident),
    ("/mijn/zaken/:id/documenten/:document", Need::Resident),
    ("/mijn/zaken/:id/afspraak/:todo", Need::Resident),
    ("/mijn/afspraken/:id", Need::Resident),
    ("/mijn/afspraken/:id/verzetten", Need::Resident),
    ("/mijn/afspraken/:id/agenda.ics", Need::Resident),
    ("/mijn/toestemmingen", Need::Resident),
    ("/mijn/inzage", Need::Resident),
    ("/mijn/berichten", Need::Resident),
    ("/mijn/berichten/nieuw", Need::Resident),
    ("/mijn/berichten/:id", Need::Resident),
    ("/mijn/berichten/:id/live", Need::Resident),
    ("/mijn/berichten/:id/bijlagen/:attachment", Need::Resident),
    ("/mijn/berichten/overnemen/:token", Need::Resident),
    ("/mijn/terugbellen/nieuw", Need::Resident),
    ("/mijn/terugbellen/live", Need::Resident),
    ("/mijn/terugbellen/:id", Need::Resident),
    // Staff pages and their handlers.
    ("/staff", Need::Staff),
    ("/staff/inloggen", Need::Anyone),
    ("/staff/geen-toegang", Need::Anyone),
    ("/staff/zaken", Need::StaffMay(Action::ReadCases)),
    ("/staff/zaken/:id", Need::StaffMay(Action::ReadCases)),
    ("/staff/zaken/:id/documenten", Need::StaffMay(Action::WorkCases)),
    ("/staff/zaken/:id/documenten/:document", Need::StaffMay(Action::ReadCases)),
    ("/staff/zaken/:id/afspraak", Need::StaffMay(Action::WorkCases)),
    ("/staff/afspraken", Need::StaffMay(Action::ReadCases)),
    ("/staff/gesprekken", Need::StaffMay(Action::WorkConversations)),
    ("/staff/gesprekken/nieuw", Need::StaffMay(Action::WorkConversations)),
    ("/staff/gesprekken/:id", Need::StaffMay(Action::WorkConversations)),
    ("/staff/gesprekken/live", Need::StaffMay(Action::WorkConversations)),
    ("/staff/gesprekken/:id/live", Need::StaffMay(Action::WorkConversations)),
    ("/staff/gesprekken/:id/bijlagen/:attachment", Need::StaffMay(Action::WorkConversations)),
    ("/staff/telefoon", Need::StaffMay(Action::WorkConversations)),
    ("/staff/antwoorden", Need::StaffMay(Action::UseAnswers)),
    ("/staff/routering", Need::StaffMay(Action::Configure)),
    ("/staff/sluitingsdagen", Need::StaffMay(Action::Configure)),
    ("/staff/terugbellen", Need::StaffMay(Action::WorkCallbacks)),
    ("/staff/terugbellen/nieuw", Need::StaffMay(Action::WorkCallbacks)),
    ("/staff/terugbellen/soorten", Need::StaffMay(Action::Configure)),
    ("/staff/terugbellen/:id", Need::StaffMay(Action::WorkCallbacks)),
    ("/staff/inwoners", Need::StaffMay(Action::FindResident)),
    ("/staff/inwoners/:id", Need::StaffMay(Action::FindResident)),
    ("/staff/inwoners/:id/toestemmingen", Need::StaffMay(Action::FindResident)),
    ("/staff/toestemmingen", Need::StaffMay(Action::Configure)),
    ("/staff/verwerkingen", Need::StaffMay(Action::ReadProcessingLog)),
    ("/staff/verwerkingen/export", Need::StaffMay(Action::ReadProcessingLog)),
    ("/staff/privacyverzoeken", Need::StaffMay(Action::HandlePrivacyRequests)),
    ("/staff/privacyverzoeken/:id", Need::StaffMay(Action::HandlePrivacyRequests)),
    ("/staff/bewaartermijnen", Need::StaffMay(Action::ReadRetentionReports)),
    ("/staff/statistieken", Need::StaffMay(Action::ReadStatistics)),
    ("/staff/statistieken/export", Need::StaffMay(Action::ReadStatistics)),
    ("/staff/statistieken/kanaalsturing", Need::StaffMay(Action::ReadStatistics)),
    ("/staff/werkvoorraad/live", Need::Staff),
    ("/staff/sneltoetsen", Need::StaffMay(Action::WorkConversations)),
    // Server functions.
    ("/api/current_session", Need::Anyone),
    ("/api/extend_session", Need::SignedIn),
    ("/api/list_case_types", Need::Anyone),
    // Behind a satisfaction question's link: its token is the key.
    ("/api/satisfaction_question", Need::Anyone),
    ("/api/answer_satisfaction", Need::Anyone),
    ("/api/refuse_satisfaction", Need::Anyone),
    ("/api/rate_my_conversation", Need::Resident),
    ("/api/refuse_my_satisfaction", Need::Resident),
    ("/api/my_details", Need::Resident),
    ("/api/list_my_cases", Need::Resident),
    ("/api/get_my_case", Need::Resident),
    ("/api/list_my_appointments", Need::Resident),
    ("/api/cancel_appointment", Need::Resident),
    ("/api/my_appointment", Need::Resident),
    ("/api/todo_slot_choice", Need::Resident),
    ("/api/move_slot_choice", Need::Resident),
    ("/api/book_appointment", Need::Resident),
    ("/api/move_appointment", Need::Resident),
    ("/api/answer_todo", Need::Resident),
    ("/api/confirm_todo", Need::Resident),
    ("/api/pay_todo", Need::Resident),
    ("/api/my_payment", Need::Resident),
    ("/api/list_my_conversations", Need::Resident),
    ("/api/list_my_open_conversations", Need::Resident),
    ("/api/get_my_conversation", Need::Resident),
    ("/api/get_message_form", Need::Resident),
    ("/api/handover_preview", Need::Resident),
    ("/api/choose_reply_channel", Need::Resident),
    ("/api/get_callback_form", Need::ResidentOrStaffMay(Action::WorkCallbacks)),
    ("/api/request_callback", Need::Resident),
    ("/api/my_callbacks", Need::Resident),
    ("/api/my_callback", Need::Resident),
    ("/api/add_callback_info", Need::Resident),
    ("/api/cancel_callback", Need::Resident),
    ("/api/my_consents", Need::Resident),
    ("/api/change_my_consent", Need::Resident),
    ("/api/my_processing_log", Need::Resident),
    ("/api/my_notification_setting", Need::Resident),
    ("/api/request_notification_code", Need::Resident),
    ("/api/confirm_notification_code", Need::Resident),
    ("/api/stop_notifications", Need::Resident),
    ("/api/my_phone_setting", Need::Resident),
    ("/api/request_phone_code", Need::Resident),
    ("/api/confirm_phone_code", Need::Resident),
    ("/api/remove_phone", Need::Resident),
    ("/api/my_linked_addresses", Need::Resident),
    ("/api/unlink_address", Need::Resident),
    ("/api/set_preferred_channel", Need::Resident),
    ("/api/my_data_export", Need::Resident),
    ("/api/request_data_export", Need::Resident),
    ("/api/my_privacy_requests", Need::Resident),
    ("/api/send_privacy_request", Need::Resident),
    ("/api/staff_frame", Need::Anyone),
    ("/api/staff_today", Need::Staff),
    ("/api/load_statistics", Need::StaffMay(Action::ReadStatistics)),
    ("/api/load_steering", Need::StaffMay(Action::ReadStatistics)),
    ("/api/load_inbox", Need::StaffMay(Action::WorkConversations)),
    ("/api/get_conversation", Need::StaffMay(Action::WorkConversations)),
    ("/api/reply_to_conversation", Need::StaffMay(Action::WorkConversations)),
    ("/api/add_note", Need::StaffMay(Action::WorkConversations)),
    ("/api/offer_handover", Need::StaffMay(Action::WorkConversations)),
    ("/api/assign_conversation", Need::StaffMay(Action::WorkConversations)),
    ("/api/link_conversation_case", Need::StaffMay(Action::WorkConversations)),
    ("/api/close_conversation", Need::StaffMay(Action::WorkConversations)),
    ("/api/record_contact", Need::StaffMay(Action::WorkConversations)),
    ("/api/route_conversation", Need::StaffMay(Action::WorkConversations)),
    ("/api/identify_contact", Need::StaffMay(Action::IdentifyContact)),
    ("/api/new_contact_form", Need::StaffMay(Action::WorkConversations)),
    ("/api/start_conversation", Need::StaffMay(Action::WorkConversations)),
    ("/api/merge_conversation", Need::StaffMay(Action::WorkConversations)),
    ("/api/unmerge_conversation", Need::StaffMay(Action::WorkConversations)),
    ("/api/list_active_calls", Need::StaffMay(Action::WorkConversations)),
    ("/api/routing_rules", Need::StaffMay(Action::Configure)),
    ("/api/add_routing_rule", Need::StaffMay(Action::Configure)),
    ("/api/delete_routing_rule", Need::StaffMay(Action::Configure)),
    ("/api/closed_days", Need::StaffMay(Action::Configure)),
    ("/api/add_closed_day", Need::StaffMay(Action::Configure)),
    ("/api/remove_closed_day", Need::StaffMay(Action::Configure)),
    ("/api/list_open_cases", Need::StaffMay(Action::ReadCases)),
    ("/api/get_case_for_staff", Need::StaffMay(Action::ReadCases)),
    ("/api/advance_case", Need::StaffMay(Action::WorkCases)),
    ("/api/ask_todo", Need::StaffMay(Action::WorkCases)),
    ("/api/case_slot_choice", Need::StaffMay(Action::WorkCases)),
    ("/api/book_appointment_for_case", Need::StaffMay(Action::WorkCases)),
    ("/api/list_team_appointments", Need::StaffMay(Action::ReadCases)),
    ("/api/callback_worklist", Need::StaffMay(Action::WorkCallbacks)),
    ("/api/get_callback", Need::StaffMay(Action::WorkCallbacks)),
    ("/api/create_callback", Need::StaffMay(Action::WorkCallbacks)),
    ("/api/record_callback_attempt", Need::StaffMay(Action::WorkCallbacks)),
    ("/api/hand_over_callback", Need::StaffMay(Action::WorkCallbacks)),
    ("/api/close_callback", Need::StaffMay(Action::WorkCallbacks)),
    ("/api/callback_types", Need::StaffMay(Action::Configure)),
    ("/api/update_callback_type", Need::StaffMay(Action::Configure)),
    ("/api/search_answers", Need::StaffMay(Action::UseAnswers)),
    ("/api/get_answer", Need::StaffMay(Action::UseAnswers)),
    ("/api/create_answer", Need::StaffMay(Action::EditAnswers)),
    ("/api/update_answer", Need::StaffMay(Action::EditAnswers)),
    ("/api/search", Need::StaffMay(Action::FindResident)),
    ("/api/found_conversations", Need::StaffMay(Action::WorkConversations)),
    ("/api/conversation_context", Need::StaffMay(Action::WorkConversations)),
    ("/api/found_residents", Need::StaffMay(Action::FindResident)),
    ("/api/client_view", Need::StaffMay(Action::FindResident)),
    ("/api/link_identity", Need::StaffMay(Action::IdentifyContact)),
    ("/api/unlink_identity", Need::StaffMay(Action::IdentifyContact)),
    ("/api/resident_consents", Need::StaffMay(Action::FindResident)),
    ("/api/record_consent", Need::StaffMay(Action::RecordConsent)),
    ("/api/record_relocation", Need::StaffMay(Action::PassOnMove)),
    ("/api/publish_consent_text", Need::StaffMay(Action::Configure)),
    ("/api/consent_purposes", Need::StaffMay(Action::Configure)),
    ("/api/search_processing_log", Need::StaffMay(Action::ReadProcessingLog)),
    ("/api/processing_log_subject", Need::StaffMay(Action::ReadProcessingLog)),
    ("/api/privacy_request_worklist", Need::StaffMay(Action::HandlePrivacyRequests)),
    ("/api/get_privacy_request", Need::StaffMay(Action::HandlePrivacyRequests)),
    ("/api/answer_privacy_request", Need::StaffMay(Action::HandlePrivacyRequests)),
    ("/api/retention_overview", Need::StaffMay(Action::ReadRetentionReports)),
    ("/api/set_case_type_retention", Need::StaffMay(Action::Configure)),
    ("/api/set_retention_term", Need::StaffMay(Action::Configure)),
    ("/api/set_channel_setting", Need::StaffMay(Action::Configure)),
    ("/api/set_repeat_window", Need::StaffMay(Action::Configure)),
    ("/api/retention_dry_run", Need::StaffMay(Action::Configure)),
];

/// Whether the table guards this path (the resident's and staff parts, and server functions).
pub fn guarded(path: &str) -> bool {
    ["/mijn", "/staff", "/api"].iter().any(|part| path == *part || path.starts_with(&format!("{part}/")))
}

fn matches(pattern: &str, path: &str) -> bool {
    let (mut p, mut q) = (pattern.split('/'), path.trim_end_matches('/').split('/'));
    loop {
        match (p.next(), q.next()) {
            (None, None) => return true,
            (Some(a), Some(b)) if a.starts_with(':') && !b.is_empty() || a == b => {}
            _ => return false,
        }
    }
}

/// What `path` needs; `None` for a guarded path the table does not know.
pub fn need_of(path: &str) -> Option<Need> {
    let path = if path.len() > 1 { path.trim_end_matches('/') } else { path };
    // A literal segment beats a parameter (`/staff/terugbellen/nieuw` before `/staff/terugbellen/:id`).
    ROUTES.iter().find(|(pattern, _)| *pattern == path).or_else(|| ROUTES.iter().find(|(pattern, _)| matches(pattern, path))).map(|(_, need)| *need)
}

/// How a request fares against what its route needs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    Allowed,
    /// Not signed in: log in first.
    SignIn,
    /// Signed in as the other kind of person (a resident on a staff page,
    /// staff on a resident's): pages send them to the right login, server
    /// functions refuse.
    OtherAudience,
    /// Signed in, but this is not for them.
    Forbidden,
    /// A guarded path no route is listed for.
    Unknown,
}

/// The verdict for `user` on `path`; unguarded paths are allowed.
pub fn verdict(path: &str, user: Option<&CurrentUser>) -> Verdict {
    if !guarded(path) {
        return Verdict::Allowed;
    }
    let Some(need) = need_of(path) else { return Verdict::Unknown };
    let principal = user.map(|u| &u.principal);
    let staff_may = |action| match principal {
        Some(Principal::Staff(staff)) if staff.may(action) => Verdict::Allowed,
        Some(_) => Verdict::Forbidden,
        None => Verdict::SignIn,
    };
    match (need, principal) {
        (Need::Anyone, _) => Verdict::Allowed,
        (_, None) => Verdict::SignIn,
        (Need::SignedIn, Some(_)) => Verdict::Allowed,
        (Need::Resident, Some(Principal::Resident { .. })) => Verdict::Allowed,
        (Need::Resident, Some(Principal::Staff(_))) => Verdict::OtherAudience,
        (Need::Staff, Some(Principal::Staff(_))) => Verdict::Allowed,
        (Need::Staff | Need::StaffMay(_), Some(Principal::Resident { .. })) => Verdict::OtherAudience,
        (Need::StaffMay(action), Some(Principal::Staff(_))) => staff_may(action),
        (Need::ResidentOrStaffMay(_), Some(Principal::Resident { .. })) => Verdict::Allowed,
        (Need::ResidentOrStaffMay(action), Some(Principal::Staff(_))) => staff_may(action),
    }
}

/// The signed-in person of the current request, put there by the session
/// middleware after checking freshness (staff with their roles read anew).
#[derive(Clone, Debug)]
pub struct CurrentUser {
    pub principal: Principal,
    pub seconds_left: i64,
}

/// The current request's signed-in person, if any.
pub fn current_user() -> Option<CurrentUser> {
    leptos::prelude::use_context::<http::request::Parts>()?.extensions.get::<CurrentUser>().cloned()
}

/// The resident making this request; staff and anonymous callers are refused.
pub fn require_resident() -> Result<(ResidentId, CurrentUser), AppError> {
    match current_user() {
        Some(user) => match user.principal {
            Principal::Resident { id, .. } => Ok((id, user)),
            Principal::Staff(_) => Err(AppError::Forbidden),
        },
        None => Err(AppError::Unauthenticated),
    }
}

/// The level a resident must log in at again before this part (`None`:
/// their login is at `needed` or higher).
pub fn missing_level(user: &CurrentUser, needed: crate::backend::auth::loa::Loa) -> Option<crate::backend::auth::loa::Loa> {
    match user.principal {
        Principal::Resident { loa, .. } if loa < needed => Some(needed),
        _ => None,
    }
}

/// The staff member making this request; residents and anonymous callers are refused.
pub fn require_staff() -> Result<Staff, AppError> {
    match current_user() {
        Some(user) => match user.principal {
            Principal::Staff(staff) => Ok(staff),
            Principal::Resident { .. } => Err(AppError::Forbidden),
        },
        None => Err(AppError::Unauthenticated),
    }
}

/// A staff member who may take `action`; others are refused.
pub fn require(action: Action) -> Result<Staff, AppError> {
    let staff = require_staff()?;
    if staff.may(action) { Ok(staff) } else { Err(AppError::Forbidden) }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn staff(roles: &[Role]) -> CurrentUser {
        let staff = Staff { id: StaffId::new(), name: "X".into(), roles: roles.to_vec(), teams: Vec::new(), clearance: Confidentiality::Zaakvertrouwelijk };
        CurrentUser { principal: Principal::Staff(staff), seconds_left: 60 }
    }

    #[test]
    fn administrators_read_no_resident_data_and_only_the_privacy_officer_reads_the_log() {
        for action in [Action::WorkConversations, Action::ReadCases, Action::FindResident, Action::WorkCallbacks] {
            assert!(!allowed(Role::Beheerder, action), "{action:?}");
            assert!(!allowed(Role::Privacy, action), "{action:?}");
        }
        for role in Role::ALL {
            assert_eq!(allowed(role, Action::ReadProcessingLog), role == Role::Privacy);
            assert_eq!(allowed(role, Action::Configure), role == Role::Beheerder);
        }
    }

    #[test]
    fn literal_segments_win_over_parameters_and_unknown_guarded_paths_are_refused() {
        assert_eq!(need_of("/staff/terugbellen/soorten"), Some(Need::StaffMay(Action::Configure)));
        assert_eq!(need_of("/staff/terugbellen/123"), Some(Need::StaffMay(Action::WorkCallbacks)));
        assert_eq!(need_of("/staff/"), Some(Need::Staff));
        assert_eq!(verdict("/staff/iets-nieuws", Some(&staff(&[Role::Kcc]))), Verdict::Unknown);
        assert_eq!(verdict("/api/new_function", Some(&staff(&[Role::Beheerder]))), Verdict::Unknown);
        assert_eq!(verdict("/contact", None), Verdict::Allowed);
    }

    #[test]
    fn the_verdict_follows_the_matrix() {
        assert_eq!(verdict("/staff/routering", Some(&staff(&[Role::Kcc]))), Verdict::Forbidden);
        assert_eq!(verdict("/staff/routering", Some(&staff(&[Role::Kcc, Role::Beheerder]))), Verdict::Allowed);
        assert_eq!(verdict("/staff/gesprekken", Some(&staff(&[Role::Beheerder]))), Verdict::Forbidden);
        assert_eq!(verdict("/staff/gesprekken", None), Verdict::SignIn);
        assert_eq!(verdict("/mijn", Some(&staff(&[Role::Kcc]))), Verdict::OtherAudience);
    }

    #[test]
    fn team_leads_and_administrators_read_the_statistics_and_nobody_else() {
        for role in Role::ALL {
            let expected = if matches!(role, Role::Teamleider | Role::Beheerder) { Verdict::Allowed } else { Verdict::Forbidden };
            for path in ["/staff/statistieken", "/staff/statistieken/export", "/staff/statistieken/kanaalsturing", "/api/load_statistics", "/api/load_steering"] {
                assert_eq!(verdict(path, Some(&staff(&[role]))), expected, "{role:?} {path}");
            }
        }
    }
}
