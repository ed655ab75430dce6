//! The addresses of Loket's pages that more than one place links to or
//! redirects to: mails and texts, redirects after a form, the live
//! streams. The route table in `routes` declares the same paths.

use crate::model::ids::{AttachmentId, CallbackId, CaseId, ConversationId, ResidentId};

/// Mijn overzicht.
pub const OVERVIEW: &str = "/mijn";
/// The resident's conversations.
pub const MESSAGES: &str = "/mijn/berichten";
/// Mijn gegevens: addresses and preferences.
pub const DETAILS: &str = "/mijn/gegevens";
/// The administrator's closed days.
pub const CLOSED_DAYS: &str = "/staff/sluitingsdagen";

/// "Download al mijn gegevens".
pub const DATA_EXPORT: &str = "/mijn/gegevens/download";
/// The live stream that says the resident's download is ready.
pub const DATA_EXPORT_LIVE: &str = "/mijn/gegevens/download/live";
/// The staff worklist of privacy requests.
pub const PRIVACY_REQUESTS: &str = "/staff/privacyverzoeken";
/// Retention terms and the reports of their runs.
pub const RETENTION: &str = "/staff/bewaartermijnen";
/// Channel steering: cost per product per channel, norms and prices.
pub const STEERING: &str = "/staff/statistieken/kanaalsturing";

/// A ready download, as `json`, `html` or `bestanden` (the archive of files).
pub fn data_export_file(id: crate::model::ids::DataExportId, format: &str) -> String {
    format!("{DATA_EXPORT}/{id}/{format}")
}

/// A privacy request in the staff workspace.
pub fn staff_privacy_request(id: crate::model::ids::PrivacyRequestId) -> String {
    format!("{PRIVACY_REQUESTS}/{id}")
}

/// One of the resident's conversations.
pub fn conversation(id: ConversationId) -> String {
    format!("{MESSAGES}/{id}")
}

/// The page of a satisfaction question's link (no login).
pub fn satisfaction(token: &str) -> String {
    format!("/tevredenheid/{token}")
}

/// Where a hand-over link leads (after DigiD login).
pub fn handover(token: &str) -> String {
    format!("{MESSAGES}/overnemen/{token}")
}

/// An attachment as the resident downloads it.
pub fn resident_attachment(conversation: ConversationId, attachment: AttachmentId) -> String {
    format!("{MESSAGES}/{conversation}/bijlagen/{attachment}")
}

/// A conversation in the staff workspace.
pub fn staff_conversation(id: ConversationId) -> String {
    format!("/staff/gesprekken/{id}")
}

/// An attachment as staff download it.
pub fn staff_attachment(conversation: ConversationId, attachment: AttachmentId) -> String {
    format!("/staff/gesprekken/{conversation}/bijlagen/{attachment}")
}

/// A callback request in the staff workspace.
pub fn staff_callback(id: CallbackId) -> String {
    format!("/staff/terugbellen/{id}")
}

/// One of the resident's callback requests.
pub fn resident_callback(id: CallbackId) -> String {
    format!("/mijn/terugbellen/{id}")
}

/// One of the resident's cases.
pub fn resident_case(id: CaseId) -> String {
    format!("/mijn/zaken/{id}")
}

/// A case in the staff workspace.
pub fn staff_case(id: CaseId) -> String {
    format!("/staff/zaken/{id}")
}

/// A document of a case, for staff to download.
pub fn staff_document(case: CaseId, document: crate::model::ids::DocumentId) -> String {
    format!("/staff/zaken/{case}/documenten/{document}")
}

/// A resident's 360-degree view (klantbeeld) in the staff workspace.
pub fn client_view(resident: ResidentId) -> String {
    format!("/staff/inwoners/{resident}")
}

/// A resident's consents as staff see them.
pub fn staff_resident_consent(resident: ResidentId) -> String {
    format!("/staff/inwoners/{resident}/toestemmingen")
}

/// One of the resident's appointments.
pub fn resident_appointment(id: crate::model::ids::AppointmentId) -> String {
    format!("/mijn/afspraken/{id}")
}

/// Choosing a time for an appointment to-do of the resident's.
pub fn appointment_todo(case: CaseId, todo: crate::model::ids::TodoId) -> String {
    format!("/mijn/zaken/{case}/afspraak/{todo}")
}

/// Staff choosing a time for the resident of a case.
pub fn staff_case_appointment(case: CaseId) -> String {
    format!("/staff/zaken/{case}/afspraak")
}
