//! SQL for "download al mijn gegevens": the requests and their progress,
//! and one read per part of what Loket holds about a resident. Internal
//! notes, staff names and other residents never come out of these reads.

use time::{Date, OffsetDateTime};

use crate::backend::db::{on_db, Db};
use crate::model::ids::{DataExportId, ResidentId};

#[derive(Debug, sqlx::FromRow)]
pub struct ExportRow {
    pub id: DataExportId,
    pub status: String,
    pub done_parts: i64,
    pub total_parts: i64,
    pub json_key: Option<String>,
    pub html_key: Option<String>,
    pub files_key: Option<String>,
    pub requested_at: OffsetDateTime,
    pub ready_at: Option<OffsetDateTime>,
    pub expires_at: Option<OffsetDateTime>,
}

const EXPORT: &str = "select id, status, done_parts, total_parts, json_key, html_key, files_key, requested_at, ready_at, expires_at from data_export";

/// The resident's newest request, whatever its state.
pub async fn latest(db: &Db, resident: ResidentId) -> Result<Option<ExportRow>, sqlx::Error> {
    let sql = format!("{EXPORT} where resident_id = $1 order by requested_at desc, id desc limit 1");
    on_db!(db, pool => sqlx::query_as::<_, ExportRow>(&sql).bind(resident).fetch_optional(pool).await)
}

pub async fn owner(db: &Db, id: DataExportId) -> Result<Option<ResidentId>, sqlx::Error> {
    on_db!(db, pool => sqlx::query_scalar::<_, ResidentId>("select resident_id from data_export where id = $1").bind(id).fetch_optional(pool).await)
}

/// A ready export of this resident (another resident's id finds nothing).
pub async fn find_ready(db: &Db, resident: ResidentId, id: DataExportId, now: OffsetDateTime) -> Result<Option<ExportRow>, sqlx::Error> {
    let sql = format!("{EXPORT} where id = $1 and resident_id = $2 and status = 'ready' and expires_at > $3");
    on_db!(db, pool => sqlx::query_as::<_, ExportRow>(&sql).bind(id).bind(resident).bind(now).fetch_optional(pool).await)
}

/// A new request, unless one is being made already (then nothing happens).
/// `language`: the one the readable page is written in.
pub async fn request(db: &Db, id: DataExportId, resident: ResidentId, total_parts: i64, language: &str, now: OffsetDateTime) -> Result<bool, sqlx::Error> {
    let sql = "insert into data_export (id, resident_id, status, done_parts, total_parts, language, requested_at)
               select $1, $2, 'requested', 0, $3, $4, $5
               where not exists (select 1 from data_export where resident_id = $2 and status in ('requested', 'making'))";
    on_db!(db, pool => sqlx::query(sql).bind(id).bind(resident).bind(total_parts).bind(language).bind(now).execute(pool).await.map(|r| r.rows_affected() == 1))
}

/// Claims the oldest request waiting (or one whose maker stopped): only
/// one node makes it.
pub async fn claim(db: &Db, now: OffsetDateTime, lease_until: OffsetDateTime) -> Result<Option<(DataExportId, ResidentId, String)>, sqlx::Error> {
    let sql = "update data_export set status = 'making', lease_until = $1
               where id = (select id from data_export
                           where status = 'requested' or (status = 'making' and lease_until < $2)
                           order by requested_at limit 1)
                 and (status = 'requested' or (status = 'making' and lease_until < $2))
               returning id, resident_id, language";
    on_db!(db, pool => sqlx::query_as::<_, (DataExportId, ResidentId, String)>(sql).bind(lease_until).bind(now).fetch_optional(pool).await)
}

pub async fn progress(db: &Db, id: DataExportId, done_parts: i64) -> Result<(), sqlx::Error> {
    let sql = "update data_export set done_parts = $1 where id = $2 and status = 'making'";
    on_db!(db, pool => sqlx::query(sql).bind(done_parts).bind(id).execute(pool).await.map(|_| ()))
}

/// The stored files of a made download.
pub struct Made<'a> {
    pub json_key: &'a str,
    pub html_key: &'a str,
    /// The documents and attachments, when there are any.
    pub files_key: Option<&'a str>,
}

pub async fn finish(db: &Db, id: DataExportId, made: &Made<'_>, now: OffsetDateTime, expires_at: OffsetDateTime) -> Result<(), sqlx::Error> {
    let sql = "update data_export set status = 'ready', done_parts = total_parts, json_key = $1, html_key = $2, files_key = $3, ready_at = $4, expires_at = $5, lease_until = null
               where id = $6";
    on_db!(db, pool => sqlx::query(sql).bind(made.json_key).bind(made.html_key).bind(made.files_key).bind(now).bind(expires_at).bind(id).execute(pool).await.map(|_| ()))
}

pub async fn fail(db: &Db, id: DataExportId) -> Result<(), sqlx::Error> {
    on_db!(db, pool => sqlx::query("update data_export set status = 'failed', lease_until = null where id = $1").bind(id).execute(pool).await.map(|_| ()))
}

pub async fn mark_downloaded(db: &Db, id: DataExportId, now: OffsetDateTime) -> Result<(), sqlx::Error> {
    on_db!(db, pool => sqlx::query("update data_export set downloaded_at = $1 where id = $2").bind(now).bind(id).execute(pool).await.map(|_| ()))
}

/// Ready exports past their time, with the files to remove.
pub async fn expired(db: &Db, now: OffsetDateTime) -> Result<Vec<(DataExportId, Option<String>, Option<String>, Option<String>)>, sqlx::Error> {
    let sql = "select id, json_key, html_key, files_key from data_export where status = 'ready' and expires_at <= $1";
    on_db!(db, pool => sqlx::query_as(sql).bind(now).fetch_all(pool).await)
}

/// After its files are gone: the row stays (when it was asked for and made).
pub async fn mark_expired(db: &Db, id: DataExportId) -> Result<(), sqlx::Error> {
    on_db!(db, pool => sqlx::query("update data_export set status = 'expired', json_key = null, html_key = null, files_key = null where id = $1").bind(id).execute(pool).await.map(|_| ()))
}

// What a resident's export holds, part by part.

#[derive(Debug, sqlx::FromRow)]
pub struct ProfileRow {
    pub bsn: String,
    pub name: Option<String>,
    pub birth_date: Option<Date>,
    pub postal_code: Option<String>,
    pub house_number: Option<String>,
    pub preferred_channel: Option<String>,
    pub created_at: OffsetDateTime,
    pub last_login_at: Option<OffsetDateTime>,
}

pub async fn profile(db: &Db, resident: ResidentId) -> Result<ProfileRow, sqlx::Error> {
    let sql = "select bsn, name, birth_date, postal_code, house_number, preferred_channel, created_at, last_login_at from resident where id = $1";
    on_db!(db, pool => sqlx::query_as::<_, ProfileRow>(sql).bind(resident).fetch_one(pool).await)
}

#[derive(Debug, sqlx::FromRow)]
pub struct ContactAddressRow {
    pub channel: String,
    pub address: String,
    pub language: String,
    pub verified_at: Option<OffsetDateTime>,
    pub created_at: OffsetDateTime,
}

pub async fn contact_addresses(db: &Db, resident: ResidentId) -> Result<Vec<ContactAddressRow>, sqlx::Error> {
    let sql = "select channel, address, language, verified_at, created_at from contact_address where resident_id = $1 order by created_at";
    on_db!(db, pool => sqlx::query_as::<_, ContactAddressRow>(sql).bind(resident).fetch_all(pool).await)
}

#[derive(Debug, sqlx::FromRow)]
pub struct CaseRow {
    pub id: uuid::Uuid,
    pub reference: String,
    pub case_type_nl: String,
    pub case_type_en: String,
    pub started_on: Date,
    pub expected_decision_on: Option<Date>,
    pub closed_at: Option<OffsetDateTime>,
}

pub async fn cases(db: &Db, resident: ResidentId) -> Result<Vec<CaseRow>, sqlx::Error> {
    let sql = "select c.id, c.reference, t.name_nl as case_type_nl, t.name_en as case_type_en, c.started_on, c.expected_decision_on, c.closed_at
               from service_case c join case_type t on t.id = c.case_type_id where c.resident_id = $1 order by c.started_on, c.reference";
    on_db!(db, pool => sqlx::query_as::<_, CaseRow>(sql).bind(resident).fetch_all(pool).await)
}

#[derive(Debug, sqlx::FromRow)]
pub struct CaseStatusRow {
    pub case_id: uuid::Uuid,
    pub name_nl: String,
    pub name_en: String,
    pub reached_at: OffsetDateTime,
}

pub async fn case_statuses(db: &Db, resident: ResidentId) -> Result<Vec<CaseStatusRow>, sqlx::Error> {
    let sql = "select s.case_id, t.name_nl, t.name_en, s.reached_at from case_status s
               join status_type t on t.id = s.status_type_id join service_case c on c.id = s.case_id
               where c.resident_id = $1 order by s.reached_at, t.sequence";
    on_db!(db, pool => sqlx::query_as::<_, CaseStatusRow>(sql).bind(resident).fetch_all(pool).await)
}

#[derive(Debug, sqlx::FromRow)]
pub struct TodoRow {
    pub case_id: uuid::Uuid,
    pub kind: String,
    pub title_nl: String,
    pub title_en: String,
    pub due_on: Date,
    pub done_at: Option<OffsetDateTime>,
    pub answer: Option<String>,
}

pub async fn todos(db: &Db, resident: ResidentId) -> Result<Vec<TodoRow>, sqlx::Error> {
    let sql = "select case_id, kind, title_nl, title_en, due_on, done_at, answer from todo where resident_id = $1 order by due_on, created_at";
    on_db!(db, pool => sqlx::query_as::<_, TodoRow>(sql).bind(resident).fetch_all(pool).await)
}

#[derive(Debug, sqlx::FromRow)]
pub struct DocumentRow {
    pub case_id: uuid::Uuid,
    pub title: String,
    pub file_name: String,
    pub content_type: String,
    pub size_bytes: i64,
    pub added_by: String,
    pub storage_key: String,
    pub created_at: OffsetDateTime,
}

/// The documents Loket keeps; those of the case system (`zgw_url`) are
/// not Loket's to hand out, and their contents are not here.
pub async fn documents(db: &Db, resident: ResidentId) -> Result<Vec<DocumentRow>, sqlx::Error> {
    let sql = "select d.case_id, d.title, d.file_name, d.content_type, d.size_bytes, d.added_by, d.storage_key, d.created_at
               from document d join service_case c on c.id = d.case_id where c.resident_id = $1 and d.zgw_url is null order by d.created_at";
    on_db!(db, pool => sqlx::query_as::<_, DocumentRow>(sql).bind(resident).fetch_all(pool).await)
}

#[derive(Debug, sqlx::FromRow)]
pub struct AppointmentRow {
    pub starts_at: OffsetDateTime,
    pub ends_at: OffsetDateTime,
    pub place: String,
    pub subject_nl: String,
    pub subject_en: String,
    pub cancelled_at: Option<OffsetDateTime>,
}

pub async fn appointments(db: &Db, resident: ResidentId) -> Result<Vec<AppointmentRow>, sqlx::Error> {
    let sql = "select starts_at, ends_at, place, subject_nl, subject_en, cancelled_at from appointment where resident_id = $1 order by starts_at";
    on_db!(db, pool => sqlx::query_as::<_, AppointmentRow>(sql).bind(resident).fetch_all(pool).await)
}

#[derive(Debug, sqlx::FromRow)]
pub struct ConversationRow {
    pub id: uuid::Uuid,
    pub subject: String,
    pub channel: String,
    pub status: String,
    pub created_at: OffsetDateTime,
    pub closed_at: Option<OffsetDateTime>,
    /// The satisfaction score the resident gave about it.
    pub score: Option<i64>,
}

pub async fn conversations(db: &Db, resident: ResidentId) -> Result<Vec<ConversationRow>, sqlx::Error> {
    let sql = "select c.id, c.subject, c.channel, c.status, c.created_at, c.closed_at, s.score from conversation c
               left join satisfaction s on s.conversation_id = c.id where c.resident_id = $1 order by c.created_at";
    on_db!(db, pool => sqlx::query_as::<_, ConversationRow>(sql).bind(resident).fetch_all(pool).await)
}

#[derive(Debug, sqlx::FromRow)]
pub struct MessageRow {
    pub id: uuid::Uuid,
    pub conversation_id: uuid::Uuid,
    pub channel: String,
    pub direction: String,
    pub body: String,
    pub created_at: OffsetDateTime,
}

/// Messages in and out; internal notes never.
pub async fn messages(db: &Db, resident: ResidentId) -> Result<Vec<MessageRow>, sqlx::Error> {
    let sql = "select m.id, m.conversation_id, m.channel, m.direction, m.body, m.created_at
               from message m join conversation c on c.id = m.conversation_id
               where c.resident_id = $1 and m.direction <> 'note' order by m.created_at, m.id";
    on_db!(db, pool => sqlx::query_as::<_, MessageRow>(sql).bind(resident).fetch_all(pool).await)
}

#[derive(Debug, sqlx::FromRow)]
pub struct AttachmentRow {
    pub message_id: uuid::Uuid,
    pub file_name: String,
    pub content_type: String,
    pub size_bytes: i64,
    pub storage_key: String,
}

pub async fn attachments(db: &Db, resident: ResidentId) -> Result<Vec<AttachmentRow>, sqlx::Error> {
    let sql = "select a.message_id, a.file_name, a.content_type, a.size_bytes, a.storage_key from message_attachment a
               join message m on m.id = a.message_id join conversation c on c.id = m.conversation_id
               where c.resident_id = $1 and m.direction <> 'note' order by a.created_at";
    on_db!(db, pool => sqlx::query_as::<_, AttachmentRow>(sql).bind(resident).fetch_all(pool).await)
}

#[derive(Debug, sqlx::FromRow)]
pub struct PhoneCallRow {
    pub conversation_id: uuid::Uuid,
    pub caller: String,
    pub started_at: OffsetDateTime,
    pub ended_at: Option<OffsetDateTime>,
}

pub async fn phone_calls(db: &Db, resident: ResidentId) -> Result<Vec<PhoneCallRow>, sqlx::Error> {
    let sql = "select p.conversation_id, p.caller, p.started_at, p.ended_at from phone_call p
               join conversation c on c.id = p.conversation_id where c.resident_id = $1 order by p.started_at";
    on_db!(db, pool => sqlx::query_as::<_, PhoneCallRow>(sql).bind(resident).fetch_all(pool).await)
}

#[derive(Debug, sqlx::FromRow)]
pub struct CallbackRow {
    pub id: uuid::Uuid,
    pub type_nl: String,
    pub type_en: String,
    pub phone: String,
    pub preferred_time: String,
    pub question: String,
    pub answers: String,
    pub status: String,
    pub due_at: OffsetDateTime,
    pub result: Option<String>,
    pub created_at: OffsetDateTime,
    pub closed_at: Option<OffsetDateTime>,
}

pub async fn callbacks(db: &Db, resident: ResidentId) -> Result<Vec<CallbackRow>, sqlx::Error> {
    let sql = "select c.id, t.name_nl as type_nl, t.name_en as type_en, c.phone, c.preferred_time, c.question, c.answers, c.status, c.due_at, c.result, c.created_at, c.closed_at
               from callback c join callback_type t on t.id = c.callback_type_id where c.resident_id = $1 order by c.created_at";
    on_db!(db, pool => sqlx::query_as::<_, CallbackRow>(sql).bind(resident).fetch_all(pool).await)
}

#[derive(Debug, sqlx::FromRow)]
pub struct CallbackEventRow {
    pub callback_id: uuid::Uuid,
    pub kind: String,
    pub reached: Option<bool>,
    pub channel: Option<String>,
    pub created_at: OffsetDateTime,
}

/// What happened to the resident's callback requests; staff notes stay internal.
pub async fn callback_events(db: &Db, resident: ResidentId) -> Result<Vec<CallbackEventRow>, sqlx::Error> {
    let sql = "select e.callback_id, e.kind, e.reached, e.channel, e.created_at from callback_event e
               join callback c on c.id = e.callback_id where c.resident_id = $1 order by e.created_at";
    on_db!(db, pool => sqlx::query_as::<_, CallbackEventRow>(sql).bind(resident).fetch_all(pool).await)
}

#[derive(Debug, sqlx::FromRow)]
pub struct ConsentRow {
    pub purpose_nl: String,
    pub purpose_en: String,
    pub version: i64,
    pub granted: bool,
    pub channel: String,
    pub at: OffsetDateTime,
}

pub async fn consent_events(db: &Db, resident: ResidentId) -> Result<Vec<ConsentRow>, sqlx::Error> {
    let sql = "select t.name_nl as purpose_nl, t.name_en as purpose_en, t.version, e.granted, e.channel, e.at
               from consent_event e join consent_text t on t.id = e.text_id where e.resident_id = $1 order by e.at, e.sequence";
    on_db!(db, pool => sqlx::query_as::<_, ConsentRow>(sql).bind(resident).fetch_all(pool).await)
}

#[derive(Debug, sqlx::FromRow)]
pub struct RelocationRow {
    pub new_address: String,
    pub status: String,
    pub outcome: Option<String>,
    pub created_at: OffsetDateTime,
    pub processed_at: Option<OffsetDateTime>,
}

pub async fn relocations(db: &Db, resident: ResidentId) -> Result<Vec<RelocationRow>, sqlx::Error> {
    let sql = "select new_address, status, outcome, created_at, processed_at from relocation where resident_id = $1 order by created_at";
    on_db!(db, pool => sqlx::query_as::<_, RelocationRow>(sql).bind(resident).fetch_all(pool).await)
}

#[derive(Debug, sqlx::FromRow)]
pub struct NoticeRow {
    pub channel: String,
    pub address: String,
    pub template: String,
    pub status: String,
    pub created_at: OffsetDateTime,
    pub sent_at: Option<OffsetDateTime>,
}

/// The notices sent to the resident (which kind, where, when; their
/// parameters are the resident's own data shown elsewhere in the export).
pub async fn notices(db: &Db, resident: ResidentId) -> Result<Vec<NoticeRow>, sqlx::Error> {
    let sql = "select channel, address, template, status, created_at, sent_at from notice where resident_id = $1 order by created_at";
    on_db!(db, pool => sqlx::query_as::<_, NoticeRow>(sql).bind(resident).fetch_all(pool).await)
}

#[derive(Debug, sqlx::FromRow)]
pub struct PrivacyRequestRow {
    pub kind: String,
    pub purpose: Option<String>,
    pub body: String,
    pub status: String,
    pub due_at: OffsetDateTime,
    pub answer: Option<String>,
    pub created_at: OffsetDateTime,
    pub closed_at: Option<OffsetDateTime>,
}

pub async fn privacy_requests(db: &Db, resident: ResidentId) -> Result<Vec<PrivacyRequestRow>, sqlx::Error> {
    let sql = "select kind, purpose, body, status, due_at, answer, created_at, closed_at from privacy_request where resident_id = $1 order by created_at";
    on_db!(db, pool => sqlx::query_as::<_, PrivacyRequestRow>(sql).bind(resident).fetch_all(pool).await)
}

#[derive(Debug, sqlx::FromRow)]
pub struct ProcessingRow {
    pub at: OffsetDateTime,
    pub team_nl: Option<String>,
    pub team_en: Option<String>,
    pub staff_role: String,
    pub category: String,
    pub operation: String,
    pub purpose_nl: String,
    pub purpose_en: String,
    pub legal_ground: String,
}

/// The whole processing log about the resident, by team and role (the
/// municipality shows teams, not names).
pub async fn processing_log(db: &Db, resident: ResidentId) -> Result<Vec<ProcessingRow>, sqlx::Error> {
    let sql = "select l.at, t.name_nl as team_nl, t.name_en as team_en, l.staff_role, l.category, l.operation,
                      p.name_nl as purpose_nl, p.name_en as purpose_en, l.legal_ground
               from processing_log l join processing_purpose p on p.code = l.purpose left join team t on t.id = l.team_id
               where l.resident_id = $1 order by l.at, l.id";
    on_db!(db, pool => sqlx::query_as::<_, ProcessingRow>(sql).bind(resident).fetch_all(pool).await)
}

#[derive(Debug, sqlx::FromRow)]
pub struct EarlierExportRow {
    pub status: String,
    pub requested_at: OffsetDateTime,
    pub ready_at: Option<OffsetDateTime>,
    pub downloaded_at: Option<OffsetDateTime>,
}

/// Earlier downloads the resident asked for (this one included).
pub async fn exports(db: &Db, resident: ResidentId) -> Result<Vec<EarlierExportRow>, sqlx::Error> {
    let sql = "select status, requested_at, ready_at, downloaded_at from data_export where resident_id = $1 order by requested_at";
    on_db!(db, pool => sqlx::query_as::<_, EarlierExportRow>(sql).bind(resident).fetch_all(pool).await)
}
