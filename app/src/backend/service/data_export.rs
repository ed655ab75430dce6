//! "Download al mijn gegevens" (AVG articles 15 and 20): a resident asks,
//! a job gathers everything Loket holds about them part by part (the page
//! shows how far it is), and writes it twice: a JSON file for machines and
//! an HTML page for people. They are kept in document storage for
//! [`KEPT_DAYS`] days, then removed; the request row stays as the record
//! of what was asked, made and downloaded.
//!
//! What is in it: profile and contact addresses, cases with their status
//! history, to-dos and documents, appointments, conversations on every
//! channel with their messages, attachments and calls (internal notes
//! never), callback requests and what happened to them, consent history,
//! address changes passed on, notices sent, privacy requests, earlier
//! downloads, and the processing log about them. The documents and
//! attachments themselves come in a third file, an archive (stored as
//! they are; the JSON names each one's place in it). [`COVERED`] and
//! [`LEFT_OUT`] name every table that refers to a resident; a test fails
//! when a new one is in neither.

use askama::Template;
use serde::Serialize;
use time::{format_description::well_known::Rfc3339, Duration, OffsetDateTime};

use crate::backend::{
    db::{self, data_export as rows, Db},
    effect::{Committed, Effects},
    live::LiveEvent,
    local_time,
    storage::DocumentStorage,
    AppState, Error,
};
use crate::i18n::Lang;
use crate::model::data_export::ExportState;
use crate::model::ids::{DataExportId, ResidentId};

/// How long a made download can be fetched.
pub const KEPT_DAYS: i64 = 7;
/// How long one node may take to make a download before another takes over.
const LEASE: Duration = Duration::minutes(10);
/// The parts the page counts progress in.
pub const PARTS: i64 = 8;

/// Tables that refer to a resident (directly or through a case,
/// conversation or callback request) and are in the export.
pub const COVERED: &[&str] = &[
    "resident",
    "contact_address",
    "linked_address",
    "service_case",
    "case_status",
    "todo",
    "document",
    "appointment",
    "payment",
    "conversation",
    "message",
    "message_attachment",
    "phone_call",
    "callback",
    "callback_event",
    "consent_event",
    "satisfaction",
    "relocation",
    "notice",
    "privacy_request",
    "processing_log",
    "data_export",
];

/// Tables that refer to a resident and are left out, with why.
pub const LEFT_OUT: &[(&str, &str)] = &[
    ("identity_link", "names another identity (BSN), which may be someone else's if staff erred; that staff linked one, when and why is in the processing log, which is in"),
    ("handover", "a hashed one-time link; no data about the resident beyond the conversation, which is in"),
    ("routing_decision", "a copy of the first message's text (in the export) kept to suggest teams, with internal team choices"),
    ("satisfaction_refusal", "only that the resident asked for no more satisfaction questions, and when; the scores they gave are in, with their conversations"),
    ("conversation_figure", "counts and working minutes of a conversation (in the export) for the statistics, with no text or channel address in it"),
    ("case_import", "only when the resident's cases were last fetched from the municipality's case system; the cases themselves are in"),
];

/// Asks for a new download, its readable page in `lang`; asking while
/// one is being made changes nothing.
pub async fn request(db: &Db, resident: ResidentId, lang: Lang, now: OffsetDateTime) -> Result<Committed<()>, Error> {
    if !db::data_export::request(db, DataExportId::new(), resident, PARTS, lang.code(), now).await? {
        return Ok(Committed::only(()));
    }
    tracing::info!(resident = %resident, "download of all data requested");
    Ok(Committed::new((), Effects::export()))
}

/// The resident's download as the page shows it.
pub async fn current(db: &Db, resident: ResidentId, now: OffsetDateTime, lang: Lang) -> Result<ExportState, Error> {
    let Some(row) = db::data_export::latest(db, resident).await? else { return Ok(ExportState::None) };
    Ok(match row.status.as_str() {
        "requested" | "making" => ExportState::Preparing { done: row.done_parts, total: row.total_parts },
        "ready" => match (row.ready_at, row.expires_at) {
            (Some(ready), Some(expires)) if expires > now => ExportState::Ready {
                id: row.id,
                ready: local_time::format_moment(lang, ready),
                expires: local_time::format_moment(lang, expires),
                files: row.files_key.is_some(),
            },
            _ => ExportState::None,
        },
        "failed" => ExportState::Failed,
        _ => ExportState::None,
    })
}

/// Whether the download is this resident's (for the live stream).
pub async fn is_residents(db: &Db, resident: ResidentId, id: DataExportId) -> Result<bool, Error> {
    Ok(db::data_export::owner(db, id).await? == Some(resident))
}

/// Which of the three files.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Json,
    Html,
    /// The documents and attachments, in one archive.
    Files,
}

impl Format {
    /// The last segment of the file's address.
    pub fn from_code(code: &str) -> Option<Format> {
        match code {
            "json" => Some(Format::Json),
            "html" => Some(Format::Html),
            "bestanden" => Some(Format::Files),
            _ => None,
        }
    }
}

/// A ready download of this resident: file name, content type, bytes.
/// Another resident's id, or an expired one, is `NotFound`.
pub async fn fetch(state: &AppState, resident: ResidentId, id: DataExportId, format: Format) -> Result<(&'static str, &'static str, Vec<u8>), Error> {
    let now = state.clock.now();
    let row = db::data_export::find_ready(&state.db, resident, id, now).await?.ok_or(Error::NotFound)?;
    let (key, name, content_type) = match format {
        Format::Json => (row.json_key, "mijn-gegevens.json", "application/json"),
        Format::Html => (row.html_key, "mijn-gegevens.html", "text/html; charset=utf-8"),
        Format::Files => (row.files_key, "mijn-documenten.zip", "application/zip"),
    };
    let key = key.ok_or(Error::NotFound)?;
    let bytes = state.documents.get(&key).await.map_err(|_| Error::Internal("reading a download failed"))?;
    db::data_export::mark_downloaded(&state.db, id, now).await?;
    tracing::info!(export = %id, "download of all data fetched");
    Ok((name, content_type, bytes))
}

/// Makes the oldest waiting download, if any; whether one was made.
pub async fn make_next(state: &AppState) -> Result<bool, Error> {
    let now = state.clock.now();
    let Some((id, resident, language)) = db::data_export::claim(&state.db, now, now + LEASE).await? else { return Ok(false) };
    let lang = Lang::from_code(&language).unwrap_or_default();
    match make(state, id, resident, lang).await {
        Ok(()) => {}
        Err(error) => {
            db::data_export::fail(&state.db, id).await?;
            state.live.announce(LiveEvent::DataExport { export: id }).await;
            return Err(error);
        }
    }
    state.live.announce(LiveEvent::DataExport { export: id }).await;
    Ok(true)
}

async fn make(state: &AppState, id: DataExportId, resident: ResidentId, lang: Lang) -> Result<(), Error> {
    let export = gather(&state.db, resident, state.clock.now(), |done| db::data_export::progress(&state.db, id, done)).await?;
    let json = serde_json::to_vec_pretty(&export).map_err(|_| Error::Internal("the download could not be written as JSON"))?;
    let html = ReadablePage::new(&export, lang).render().map_err(|_| Error::Internal("the download could not be written as HTML"))?;
    let files = archive(state.documents.as_ref(), &export).await?;
    let (json_key, html_key, files_key) = (uuid::Uuid::new_v4().to_string(), uuid::Uuid::new_v4().to_string(), uuid::Uuid::new_v4().to_string());
    let files_key = files.as_ref().map(|_| files_key.as_str());
    let failed = |_: std::io::Error| Error::Internal("storing a download failed");
    state.documents.put(&json_key, &json).await.map_err(failed)?;
    state.documents.put(&html_key, html.as_bytes()).await.map_err(failed)?;
    if let (Some(key), Some(files)) = (files_key, &files) {
        state.documents.put(key, files).await.map_err(failed)?;
    }
    let now = state.clock.now();
    let made = db::data_export::Made { json_key: &json_key, html_key: &html_key, files_key };
    db::data_export::finish(&state.db, id, &made, now, now + Duration::days(KEPT_DAYS)).await?;
    tracing::info!(export = %id, "download of all data made");
    Ok(())
}

/// Removes downloads past their time (files first; the row stays); how many.
pub async fn expire(db: &Db, storage: &dyn DocumentStorage, now: OffsetDateTime) -> Result<usize, Error> {
    let expired = db::data_export::expired(db, now).await?;
    for (id, json_key, html_key, files_key) in &expired {
        for key in [json_key, html_key, files_key].into_iter().flatten() {
            storage.delete(key).await.map_err(|_| Error::Internal("removing an expired download failed"))?;
        }
        db::data_export::mark_expired(db, *id).await?;
    }
    Ok(expired.len())
}

// What the download holds. Field names are English and stable; times are
// RFC 3339 in UTC; texts Loket has in two languages come in both.

#[derive(Serialize)]
pub struct Export {
    pub made_at: String,
    pub profile: Profile,
    pub contact_addresses: Vec<ContactAddress>,
    pub linked_addresses: Vec<LinkedAddress>,
    pub cases: Vec<Case>,
    pub appointments: Vec<Appointment>,
    pub payments: Vec<Payment>,
    pub conversations: Vec<Conversation>,
    pub callback_requests: Vec<CallbackRequest>,
    pub consents: Vec<Consent>,
    pub address_changes: Vec<AddressChange>,
    pub notices: Vec<Notice>,
    pub privacy_requests: Vec<PrivacyRequest>,
    pub downloads: Vec<Download>,
    pub processing_log: Vec<Processing>,
}

#[derive(Serialize, Clone)]
pub struct Text {
    pub nl: String,
    pub en: String,
}

impl Text {
    fn new(nl: String, en: String) -> Text {
        Text { nl, en }
    }
    pub fn pick(&self, lang: Lang) -> &str {
        lang.pick(&self.nl, &self.en)
    }
}

#[derive(Serialize)]
pub struct Profile {
    pub bsn: String,
    pub name: Option<String>,
    pub birth_date: Option<String>,
    pub postal_code: Option<String>,
    pub house_number: Option<String>,
    pub preferred_channel: Option<String>,
    pub known_since: String,
    pub last_login: Option<String>,
}

#[derive(Serialize)]
pub struct ContactAddress {
    pub channel: String,
    pub address: String,
    pub language: String,
    pub confirmed_at: Option<String>,
    pub added_at: String,
}

/// An address staff linked to the resident when they identified them.
#[derive(Serialize)]
pub struct LinkedAddress {
    pub channel: String,
    pub address: String,
    pub linked_at: String,
}

#[derive(Serialize)]
pub struct Case {
    pub reference: String,
    pub case_type: Text,
    pub started_on: String,
    pub expected_decision_on: Option<String>,
    pub closed_at: Option<String>,
    pub statuses: Vec<CaseStatus>,
    pub todos: Vec<Todo>,
    pub documents: Vec<Document>,
}

#[derive(Serialize)]
pub struct CaseStatus {
    pub status: Text,
    pub reached_at: String,
}

#[derive(Serialize)]
pub struct Todo {
    pub kind: String,
    pub title: Text,
    pub due_on: String,
    pub done_at: Option<String>,
    /// The resident's answer to a question.
    pub answer: Option<String>,
}

#[derive(Serialize)]
pub struct Document {
    pub title: String,
    pub file_name: String,
    /// Where it is in the archive of files.
    pub file: String,
    #[serde(skip)]
    storage_key: String,
    pub content_type: String,
    pub size_bytes: i64,
    pub sent_by: String,
    pub added_at: String,
}

#[derive(Serialize)]
pub struct Appointment {
    pub starts_at: String,
    pub ends_at: String,
    pub place: String,
    pub subject: Text,
    pub cancelled_at: Option<String>,
}

/// A payment for a pay to-do, as the provider reported it.
#[derive(Serialize)]
pub struct Payment {
    pub todo: Text,
    pub amount: String,
    pub status: String,
    pub started_at: String,
}

#[derive(Serialize)]
pub struct Conversation {
    pub subject: String,
    pub channel: String,
    pub status: String,
    pub started_at: String,
    pub closed_at: Option<String>,
    /// The satisfaction score (1 to 5) the resident gave about it.
    pub score: Option<i64>,
    pub messages: Vec<Message>,
    pub phone_calls: Vec<PhoneCall>,
}

#[derive(Serialize)]
pub struct Message {
    pub channel: String,
    /// `in`: from the resident; `out`: from the municipality.
    pub direction: String,
    pub text: String,
    pub at: String,
    pub attachments: Vec<Attachment>,
}

#[derive(Serialize)]
pub struct Attachment {
    pub file_name: String,
    /// Where it is in the archive of files.
    pub file: String,
    #[serde(skip)]
    storage_key: String,
    pub content_type: String,
    pub size_bytes: i64,
}

#[derive(Serialize)]
pub struct PhoneCall {
    pub caller: String,
    pub started_at: String,
    pub ended_at: Option<String>,
}

#[derive(Serialize)]
pub struct CallbackRequest {
    pub kind: Text,
    pub phone: String,
    pub preferred_time: String,
    pub question: String,
    pub answers: serde_json::Value,
    pub status: String,
    pub due_at: String,
    pub result: Option<String>,
    pub asked_at: String,
    pub closed_at: Option<String>,
    pub events: Vec<CallbackEvent>,
}

#[derive(Serialize)]
pub struct CallbackEvent {
    pub kind: String,
    pub reached: Option<bool>,
    pub channel: Option<String>,
    pub at: String,
}

#[derive(Serialize)]
pub struct Consent {
    pub purpose: Text,
    pub text_version: i64,
    pub granted: bool,
    pub channel: String,
    pub at: String,
}

#[derive(Serialize)]
pub struct AddressChange {
    pub new_address: String,
    pub status: String,
    pub outcome: Option<String>,
    pub at: String,
    pub processed_at: Option<String>,
}

#[derive(Serialize)]
pub struct Notice {
    pub channel: String,
    pub address: String,
    pub kind: String,
    pub status: String,
    pub at: String,
    pub sent_at: Option<String>,
}

#[derive(Serialize)]
pub struct PrivacyRequest {
    pub kind: String,
    pub processing: Option<String>,
    pub text: String,
    pub status: String,
    pub due_at: String,
    pub answer: Option<String>,
    pub asked_at: String,
    pub closed_at: Option<String>,
}

#[derive(Serialize)]
pub struct Download {
    pub status: String,
    pub requested_at: String,
    pub ready_at: Option<String>,
    pub downloaded_at: Option<String>,
}

#[derive(Serialize)]
pub struct Processing {
    pub at: String,
    pub team: Option<Text>,
    pub role: String,
    pub data: String,
    pub operation: String,
    pub purpose: Text,
    pub legal_ground: String,
}

impl Export {
    /// Rows per table, as [`COVERED`] names them (what the completeness test compares).
    pub fn rows_per_table(&self) -> std::collections::BTreeMap<&'static str, usize> {
        let cases = &self.cases;
        let conversations = &self.conversations;
        let messages = conversations.iter().flat_map(|c| &c.messages);
        [
            ("resident", 1),
            ("contact_address", self.contact_addresses.len()),
            ("linked_address", self.linked_addresses.len()),
            ("service_case", cases.len()),
            ("case_status", cases.iter().map(|c| c.statuses.len()).sum()),
            ("todo", cases.iter().map(|c| c.todos.len()).sum()),
            ("document", cases.iter().map(|c| c.documents.len()).sum()),
            ("appointment", self.appointments.len()),
            ("payment", self.payments.len()),
            ("conversation", conversations.len()),
            ("message", messages.clone().count()),
            ("message_attachment", messages.map(|m| m.attachments.len()).sum()),
            ("phone_call", conversations.iter().map(|c| c.phone_calls.len()).sum()),
            ("callback", self.callback_requests.len()),
            ("callback_event", self.callback_requests.iter().map(|c| c.events.len()).sum()),
            ("consent_event", self.consents.len()),
            ("satisfaction", conversations.iter().filter(|c| c.score.is_some()).count()),
            ("relocation", self.address_changes.len()),
            ("notice", self.notices.len()),
            ("privacy_request", self.privacy_requests.len()),
            ("processing_log", self.processing_log.len()),
            ("data_export", self.downloads.len()),
        ]
        .into_iter()
        .collect()
    }
}

impl Export {
    /// Every stored file with its place in the archive.
    fn files(&self) -> impl Iterator<Item = (&str, &str)> {
        let documents = self.cases.iter().flat_map(|c| &c.documents).map(|d| (d.file.as_str(), d.storage_key.as_str()));
        let attachments = self.conversations.iter().flat_map(|c| &c.messages).flat_map(|m| &m.attachments).map(|a| (a.file.as_str(), a.storage_key.as_str()));
        documents.chain(attachments)
    }

    fn has_files(&self) -> bool {
        self.files().next().is_some()
    }
}

/// A file name as it can stand in an archive: no directories, no control
/// characters, not empty.
fn archive_name(name: &str) -> String {
    let clean: String = name.chars().map(|c| if c == '/' || c == '\\' || c.is_control() { '_' } else { c }).collect();
    let clean = clean.trim_start_matches('.').trim();
    if clean.is_empty() { "bestand".to_string() } else { clean.chars().take(120).collect() }
}

/// The documents and attachments in one archive, each stored as it is
/// (PDF and images are compressed already); `None` when there are none.
async fn archive(storage: &dyn DocumentStorage, export: &Export) -> Result<Option<Vec<u8>>, Error> {
    use std::io::Write;
    if !export.has_files() {
        return Ok(None);
    }
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored).large_file(false);
    for (path, key) in export.files() {
        let bytes = storage.get(key).await.map_err(|_| Error::Internal("reading a file for a download failed"))?;
        zip.start_file(path, options).map_err(|_| Error::Internal("writing the archive of a download failed"))?;
        zip.write_all(&bytes).map_err(|_| Error::Internal("writing the archive of a download failed"))?;
    }
    let written = zip.finish().map_err(|_| Error::Internal("writing the archive of a download failed"))?;
    Ok(Some(written.into_inner()))
}

fn moment(at: OffsetDateTime) -> String {
    at.format(&Rfc3339).unwrap_or_default()
}

fn day(on: time::Date) -> String {
    on.to_string()
}

/// Everything about `resident`, part by part; `progress(done)` after each of the [`PARTS`].
pub async fn gather<F, Fut>(db: &Db, resident: ResidentId, now: OffsetDateTime, progress: F) -> Result<Export, Error>
where
    F: Fn(i64) -> Fut,
    Fut: std::future::Future<Output = Result<(), sqlx::Error>>,
{
    let p = rows::profile(db, resident).await?;
    let profile = Profile {
        bsn: p.bsn,
        name: p.name,
        birth_date: p.birth_date.map(day),
        postal_code: p.postal_code,
        house_number: p.house_number,
        preferred_channel: p.preferred_channel,
        known_since: moment(p.created_at),
        last_login: p.last_login_at.map(moment),
    };
    let contact_addresses = rows::contact_addresses(db, resident)
        .await?
        .into_iter()
        .map(|a| ContactAddress { channel: a.channel, address: a.address, language: a.language, confirmed_at: a.verified_at.map(moment), added_at: moment(a.created_at) })
        .collect();
    let linked_addresses = db::contact_address::linked_of(db, resident)
        .await?
        .into_iter()
        .map(|a| LinkedAddress { channel: a.channel, address: a.address, linked_at: moment(a.created_at) })
        .collect();
    progress(1).await?;

    let (statuses, todos, documents) = (rows::case_statuses(db, resident).await?, rows::todos(db, resident).await?, rows::documents(db, resident).await?);
    let cases = rows::cases(db, resident)
        .await?
        .into_iter()
        .map(|c| Case {
            reference: c.reference.clone(),
            case_type: Text::new(c.case_type_nl, c.case_type_en),
            started_on: day(c.started_on),
            expected_decision_on: c.expected_decision_on.map(day),
            closed_at: c.closed_at.map(moment),
            statuses: statuses.iter().filter(|s| s.case_id == c.id).map(|s| CaseStatus { status: Text::new(s.name_nl.clone(), s.name_en.clone()), reached_at: moment(s.reached_at) }).collect(),
            todos: todos
                .iter()
                .filter(|t| t.case_id == c.id)
                .map(|t| Todo { kind: t.kind.clone(), title: Text::new(t.title_nl.clone(), t.title_en.clone()), due_on: day(t.due_on), done_at: t.done_at.map(moment), answer: t.answer.clone() })
                .collect(),
            documents: documents
                .iter()
                .filter(|d| d.case_id == c.id)
                .enumerate()
                .map(|(i, d)| Document {
                    title: d.title.clone(),
                    file_name: d.file_name.clone(),
                    file: format!("documenten/{}/{}-{}", archive_name(&c.reference), i + 1, archive_name(&d.file_name)),
                    storage_key: d.storage_key.clone(),
                    content_type: d.content_type.clone(),
                    size_bytes: d.size_bytes,
                    sent_by: d.added_by.clone(),
                    added_at: moment(d.created_at),
                })
                .collect(),
        })
        .collect();
    progress(2).await?;

    let appointments = rows::appointments(db, resident)
        .await?
        .into_iter()
        .map(|a| Appointment { starts_at: moment(a.starts_at), ends_at: moment(a.ends_at), place: a.place, subject: Text::new(a.subject_nl, a.subject_en), cancelled_at: a.cancelled_at.map(moment) })
        .collect();
    let payments = db::payment::list_for_export(db, resident)
        .await?
        .into_iter()
        .map(|p| Payment { todo: Text::new(p.title_nl, p.title_en), amount: crate::model::case::format_euros(p.amount_cents), status: p.status, started_at: moment(p.created_at) })
        .collect();
    progress(3).await?;

    let (messages, attachments, calls) = (rows::messages(db, resident).await?, rows::attachments(db, resident).await?, rows::phone_calls(db, resident).await?);
    let conversations = rows::conversations(db, resident)
        .await?
        .into_iter()
        .map(|c| Conversation {
            subject: c.subject,
            channel: c.channel,
            status: c.status,
            started_at: moment(c.created_at),
            closed_at: c.closed_at.map(moment),
            score: c.score,
            messages: messages
                .iter()
                .filter(|m| m.conversation_id == c.id)
                .map(|m| Message {
                    channel: m.channel.clone(),
                    direction: m.direction.clone(),
                    text: m.body.clone(),
                    at: moment(m.created_at),
                    attachments: attachments
                        .iter()
                        .enumerate()
                        .filter(|(_, a)| a.message_id == m.id)
                        .map(|(i, a)| Attachment {
                            file_name: a.file_name.clone(),
                            file: format!("bijlagen/{}-{}", i + 1, archive_name(&a.file_name)),
                            storage_key: a.storage_key.clone(),
                            content_type: a.content_type.clone(),
                            size_bytes: a.size_bytes,
                        })
                        .collect(),
                })
                .collect(),
            phone_calls: calls
                .iter()
                .filter(|p| p.conversation_id == c.id)
                .map(|p| PhoneCall { caller: p.caller.clone(), started_at: moment(p.started_at), ended_at: p.ended_at.map(moment) })
                .collect(),
        })
        .collect();
    progress(4).await?;

    let events = rows::callback_events(db, resident).await?;
    let callback_requests = rows::callbacks(db, resident)
        .await?
        .into_iter()
        .map(|c| CallbackRequest {
            kind: Text::new(c.type_nl, c.type_en),
            phone: c.phone,
            preferred_time: c.preferred_time,
            question: c.question,
            answers: serde_json::from_str(&c.answers).unwrap_or(serde_json::Value::String(c.answers.clone())),
            status: c.status,
            due_at: moment(c.due_at),
            result: c.result,
            asked_at: moment(c.created_at),
            closed_at: c.closed_at.map(moment),
            events: events
                .iter()
                .filter(|e| e.callback_id == c.id)
                .map(|e| CallbackEvent { kind: e.kind.clone(), reached: e.reached, channel: e.channel.clone(), at: moment(e.created_at) })
                .collect(),
        })
        .collect();
    progress(5).await?;

    let consents = rows::consent_events(db, resident)
        .await?
        .into_iter()
        .map(|c| Consent { purpose: Text::new(c.purpose_nl, c.purpose_en), text_version: c.version, granted: c.granted, channel: c.channel, at: moment(c.at) })
        .collect();
    progress(6).await?;

    let address_changes = rows::relocations(db, resident)
        .await?
        .into_iter()
        .map(|r| AddressChange { new_address: r.new_address, status: r.status, outcome: r.outcome, at: moment(r.created_at), processed_at: r.processed_at.map(moment) })
        .collect();
    let notices = rows::notices(db, resident)
        .await?
        .into_iter()
        .map(|n| Notice { channel: n.channel, address: n.address, kind: n.template, status: n.status, at: moment(n.created_at), sent_at: n.sent_at.map(moment) })
        .collect();
    let privacy_requests = rows::privacy_requests(db, resident)
        .await?
        .into_iter()
        .map(|r| PrivacyRequest {
            kind: r.kind,
            processing: r.purpose,
            text: r.body,
            status: r.status,
            due_at: moment(r.due_at),
            answer: r.answer,
            asked_at: moment(r.created_at),
            closed_at: r.closed_at.map(moment),
        })
        .collect();
    let downloads = rows::exports(db, resident)
        .await?
        .into_iter()
        .map(|d| Download { status: d.status, requested_at: moment(d.requested_at), ready_at: d.ready_at.map(moment), downloaded_at: d.downloaded_at.map(moment) })
        .collect();
    progress(7).await?;

    let processing_log = rows::processing_log(db, resident)
        .await?
        .into_iter()
        .map(|l| Processing {
            at: moment(l.at),
            team: l.team_nl.zip(l.team_en).map(|(nl, en)| Text::new(nl, en)),
            role: l.staff_role,
            data: l.category,
            operation: l.operation,
            purpose: Text::new(l.purpose_nl, l.purpose_en),
            legal_ground: l.legal_ground,
        })
        .collect();
    progress(8).await?;

    Ok(Export {
        made_at: moment(now),
        profile,
        contact_addresses,
        linked_addresses,
        cases,
        appointments,
        payments,
        conversations,
        callback_requests,
        consents,
        address_changes,
        notices,
        privacy_requests,
        downloads,
        processing_log,
    })
}

/// The readable page of the download: the same data, in the resident's language.
#[derive(Template)]
#[template(path = "export/data_export.html")]
struct ReadablePage<'a> {
    export: &'a Export,
    lang: Lang,
}

impl<'a> ReadablePage<'a> {
    fn new(export: &'a Export, lang: Lang) -> ReadablePage<'a> {
        ReadablePage { export, lang }
    }

    fn t(&self, key: &'static str) -> &'static str {
        self.lang.t(key)
    }

    fn pick<'t>(&self, text: &'t Text) -> &'t str {
        text.pick(self.lang)
    }

    /// A channel's code in words.
    fn channel(&self, code: &str) -> String {
        crate::model::conversation::Channel::from_code(code).map_or_else(|| code.to_string(), |c| c.label(self.lang).to_string())
    }

    /// An address kind's code (`email`, `phone`) in words.
    fn address_kind(&self, code: &str) -> String {
        crate::model::contact_address::AddressKind::from_code(code).map_or_else(|| code.to_string(), |k| k.label(self.lang).to_string())
    }

    /// A `YYYY-MM-DD` day as people write it.
    fn day(&self, iso: &str) -> String {
        time::Date::parse(iso, time::macros::format_description!("[year]-[month]-[day]")).map(|d| crate::i18n::format_date(self.lang, d)).unwrap_or_else(|_| iso.to_string())
    }

    fn callback_status(&self, code: &str) -> String {
        crate::model::callback::CallbackStatus::from_code(code).map(|s| s.label(self.lang).to_string()).unwrap_or_else(|| code.to_string())
    }

    fn callback_event(&self, e: &CallbackEvent) -> String {
        crate::backend::service::callback::event_label(&e.kind, e.reached, e.channel.as_deref(), self.lang)
    }

    fn payment_status(&self, code: &str) -> &'static str {
        match code {
            "paid" => self.t("export-payment-paid"),
            "open" => self.t("export-payment-open"),
            _ => self.t("export-payment-not-paid"),
        }
    }

    fn relocation_status(&self, code: &str) -> &'static str {
        if code == "done" { self.t("export-relocation-done") } else { self.t("export-relocation-waiting") }
    }

    /// Roles (space-separated codes) in words.
    fn roles(&self, codes: &str) -> String {
        codes.split_whitespace().map(|c| crate::model::staff_member::Role::from_code(c).map_or(c, |r| self.t(r.label_key()))).collect::<Vec<_>>().join(", ")
    }

    fn category(&self, code: &str) -> String {
        crate::model::processing_log::Category::from_code(code).map_or_else(|| code.to_string(), |c| self.t(c.label_key()).to_string())
    }

    /// An RFC 3339 moment of the export as people read it, in Dutch time.
    fn when(&self, at: &str) -> String {
        OffsetDateTime::parse(at, &Rfc3339).map(|t| local_time::format_moment(self.lang, t)).unwrap_or_else(|_| at.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_name_cannot_leave_its_folder_in_the_archive() {
        assert_eq!(archive_name("../../etc/passwd"), "_.._etc_passwd");
        assert_eq!(archive_name("C:\\temp\\brief.pdf"), "C:_temp_brief.pdf");
        assert_eq!(archive_name("  "), "bestand");
        assert_eq!(archive_name("foto 1.jpg"), "foto 1.jpg");
    }
}
