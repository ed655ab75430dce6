//! The resident's messages as plain multipart form posts (they may carry
//! attachments, and must work without JavaScript), attachment downloads,
//! and the live streams (Server-Sent Events) that open conversation pages
//! listen to.
//!
//! A refused post keeps what the resident typed: it goes into the session
//! as a draft and the form shows it again with the reason.

use std::{collections::HashMap, convert::Infallible};

use app::backend::{
    auth::policy::CurrentUser,
    live::LiveEvent,
    service::{
        callback,
        conversation::{self, MAX_SUBJECT_CHARS},
        handover,
        message::{self, Question, MAX_BODY_CHARS},
        upload::{Upload, MAX_ATTACHMENTS, MAX_BYTES},
    },
};
use app::error::AppError;
use app::path;
use app::i18n::Lang;
use app::model::{
    conversation::{Draft, DRAFT},
    ids::{AttachmentId, CaseId, ConversationId, MessageId},
};
use axum::{
    extract::{Multipart, Path, Query, State},
    http::{header, HeaderMap},
    response::{
        sse::{Event, KeepAlive, Sse},
        IntoResponse, Redirect, Response,
    },
    Extension,
};
use tokio_stream::{wrappers::BroadcastStream, Stream, StreamExt};
use tower_sessions::Session;

use crate::http::{failure_response, file_response, not_found, rate_limit, resident_of, staff_of};
use crate::state::ServerState;

/// A message with its largest attachments, and the form around them.
const MESSAGE_LIMIT: usize = MAX_ATTACHMENTS * MAX_BYTES + 256 * 1024;

/// Messages with attachments (forms without JavaScript), attachments, hand-over and the live streams.
pub fn routes() -> axum::Router<ServerState> {
    use axum::{extract::DefaultBodyLimit, routing::{get, post}};
    axum::Router::new()
        .route("/mijn/berichten", post(ask).layer(DefaultBodyLimit::max(MESSAGE_LIMIT)))
        .route("/mijn/berichten/{id}", post(reply).layer(DefaultBodyLimit::max(MESSAGE_LIMIT)))
        .route("/mijn/berichten/{id}/live", get(resident_live))
        .route("/mijn/terugbellen/live", get(resident_callbacks_live))
        .route("/mijn/berichten/overnemen/{token}", post(take_over))
        .route("/mijn/berichten/{id}/bijlagen/{attachment}", get(resident_attachment))
        .route("/staff/gesprekken/{id}/live", get(staff_live))
        .route("/staff/gesprekken/live", get(inbox_live))
        .route("/staff/gesprekken/{id}/bijlagen/{attachment}", get(staff_attachment))
}

fn lang_of(headers: &HeaderMap) -> Lang {
    headers.get(header::COOKIE).and_then(|v| v.to_str().ok()).map(Lang::from_cookie_header).unwrap_or_default()
}

/// A posted message form.
#[derive(Default)]
struct Form {
    client_id: Option<uuid::Uuid>,
    subject: String,
    body: String,
    case: Option<CaseId>,
    files: Vec<Upload>,
}

/// A text field, kept up to one character more than `max_chars` (enough
/// to say it is too long); the rest is read past, never held, so a 30 MB
/// text does not end up in memory or in the session as a draft.
async fn capped_text(mut field: axum::extract::multipart::Field<'_>, max_chars: usize) -> Result<String, ()> {
    let keep = (max_chars + 1) * 4;
    let mut bytes = Vec::new();
    while let Some(chunk) = field.chunk().await.map_err(|_| ())? {
        let room = keep.saturating_sub(bytes.len());
        bytes.extend_from_slice(&chunk[..chunk.len().min(room)]);
    }
    Ok(String::from_utf8_lossy(&bytes).chars().take(max_chars + 1).collect())
}

/// Reads the form; `Err` when it is over the body limit or broken.
async fn read_form(multipart: &mut Multipart) -> Result<Form, ()> {
    let mut form = Form::default();
    while let Some(field) = multipart.next_field().await.map_err(|_| ())? {
        match field.name().unwrap_or("") {
            "client_id" => form.client_id = capped_text(field, 36).await?.parse().ok(),
            "subject" => form.subject = capped_text(field, MAX_SUBJECT_CHARS).await?,
            "body" => form.body = capped_text(field, MAX_BODY_CHARS).await?,
            "case" => form.case = capped_text(field, 36).await?.parse().ok(),
            "file" => {
                let file_name = field.file_name().unwrap_or("").to_string();
                let bytes = field.bytes().await.map_err(|_| ())?;
                // A file input left empty still sends a part, without a name or bytes.
                if !(file_name.is_empty() && bytes.is_empty()) {
                    form.files.push(Upload { file_name, bytes: bytes.to_vec() });
                }
            }
            _ => {}
        }
    }
    Ok(form)
}

/// Keeps what was typed and sends the resident back to the form with the reason.
async fn refused(session: &Session, back: &str, form: &Form, error: AppError) -> Response {
    let draft = Draft { subject: form.subject.clone(), body: form.body.clone(), case: form.case, error: Some(error) };
    if let Err(error) = session.insert(DRAFT, draft).await {
        tracing::error!(%error, "keeping a draft failed");
    }
    Redirect::to(back).into_response()
}

/// `POST /mijn/berichten`: a new question (fields `client_id`, `subject`, `body`, `case`, `file`...).
pub async fn ask(State(state): State<ServerState>, user: Option<Extension<CurrentUser>>, session: Session, mut multipart: Multipart) -> Response {
    let Some(resident) = resident_of(&user) else { return not_found() };
    let back = "/mijn/berichten/nieuw";
    let form = match read_form(&mut multipart).await {
        Ok(form) => form,
        Err(()) => return refused(&session, back, &Form::default(), too_large()).await,
    };
    if !rate_limit::allow(&state.message_limiter, &resident) {
        return refused(&session, back, &form, AppError::RateLimited).await;
    }
    let Some(client_id) = form.client_id else { return refused(&session, back, &form, AppError::BadRequest).await };
    let question = Question { client_id, subject: &form.subject, body: &form.body, case: form.case, attachments: &form.files };
    let now = state.app.clock.now();
    match message::ask(&state.app.db, state.app.documents.as_ref(), resident, &question, now).await {
        Ok(posted) => {
            let posted = state.app.apply(posted).await;
            Redirect::to(&format!("{}?verstuurd=1", path::conversation(posted.conversation))).into_response()
        }
        Err(error) => refused(&session, back, &form, error.into()).await,
    }
}

/// `POST /mijn/berichten/{conversation}`: the resident replies (fields `client_id`, `body`, `file`...).
pub async fn reply(
    State(state): State<ServerState>,
    Path(id): Path<String>,
    user: Option<Extension<CurrentUser>>,
    session: Session,
    mut multipart: Multipart,
) -> Response {
    let (Some(resident), Ok(id)) = (resident_of(&user), id.parse::<ConversationId>()) else { return not_found() };
    let back = format!("{}#antwoord", path::conversation(id));
    let form = match read_form(&mut multipart).await {
        Ok(form) => form,
        Err(()) => return refused(&session, &back, &Form::default(), too_large()).await,
    };
    if !rate_limit::allow(&state.message_limiter, &resident) {
        return refused(&session, &back, &form, AppError::RateLimited).await;
    }
    let Some(client_id) = form.client_id else { return refused(&session, &back, &form, AppError::BadRequest).await };
    let now = state.app.clock.now();
    match message::reply_by_resident(&state.app.db, state.app.documents.as_ref(), resident, id, client_id, &form.body, &form.files, now).await {
        Ok(posted) => {
            let posted = state.app.apply(posted).await;
            Redirect::to(&format!("{}?verstuurd=1#bericht-{}", path::conversation(id), posted.message)).into_response()
        }
        Err(app::backend::Error::NotFound) => not_found(),
        Err(error) => refused(&session, &back, &form, error.into()).await,
    }
}

fn too_large() -> AppError {
    AppError::Validation(vec![app::error::FieldError { field: "attachment".into(), code: app::error::FieldErrorCode::TooLong }])
}

/// `POST /mijn/berichten/overnemen/{token}`: the resident takes over the
/// conversation the page at this address showed them; lands in it.
pub async fn take_over(State(state): State<ServerState>, Path(token): Path<String>, user: Option<Extension<CurrentUser>>) -> Response {
    let Some(resident) = resident_of(&user) else { return not_found() };
    match handover::take_over(&state.app.db, resident, &token, state.app.clock.now()).await {
        Ok(id) => Redirect::to(&path::conversation(id)).into_response(),
        Err(error) => failure_response(error),
    }
}

/// `GET /mijn/berichten/{conversation}/bijlagen/{attachment}`: the resident's own only, never a note's.
pub async fn resident_attachment(
    State(state): State<ServerState>,
    Path((conversation_id, attachment)): Path<(String, String)>,
    user: Option<Extension<CurrentUser>>,
) -> Response {
    let (Some(resident), Ok(c), Ok(a)) = (resident_of(&user), conversation_id.parse::<ConversationId>(), attachment.parse::<AttachmentId>()) else {
        return not_found();
    };
    match conversation::attachment_for_resident(&state.app.db, state.app.documents.as_ref(), resident, c, a).await {
        Ok((name, content_type, bytes)) => file_response(&name, &content_type, bytes),
        Err(error) => failure_response(error),
    }
}

/// `GET /staff/gesprekken/{conversation}/bijlagen/{attachment}`, logged as a view of the resident's data.
pub async fn staff_attachment(
    State(state): State<ServerState>,
    Path((conversation_id, attachment)): Path<(String, String)>,
    user: Option<Extension<CurrentUser>>,
) -> Response {
    let (Some(staff), Ok(c), Ok(a)) = (staff_of(&user), conversation_id.parse::<ConversationId>(), attachment.parse::<AttachmentId>()) else {
        return not_found();
    };
    let now = state.app.clock.now();
    match conversation::attachment_for_staff(&state.app.db, state.app.documents.as_ref(), &staff, c, a, now).await {
        Ok((name, content_type, bytes)) => file_response(&name, &content_type, bytes),
        Err(error) => failure_response(error),
    }
}

/// The events of one conversation, each turned into what this viewer may see.
/// A viewer that fell behind is told to reload.
fn stream(
    state: ServerState,
    conversation_id: ConversationId,
    render: impl Fn(ServerState, MessageId) -> std::pin::Pin<Box<dyn std::future::Future<Output = Option<String>> + Send>> + Send + 'static,
) -> impl Stream<Item = Result<Event, Infallible>> {
    BroadcastStream::new(state.app.live.subscribe())
        .filter_map(move |event| match event {
            Ok(LiveEvent::Message { conversation, message }) if conversation == conversation_id => Some(Ok(message)),
            Ok(LiveEvent::Missed) => Some(Err(())),
            Ok(_) => None,
            Err(_) => Some(Err(())),
        })
        .then(move |event| {
            let state = state.clone();
            let rendered = event.map(|message| render(state, message));
            async move {
                match rendered {
                    Ok(future) => future.await.map(|json| Event::default().event("message").data(json)),
                    Err(_) => Some(fell_behind("reload")),
                }
            }
        })
        .filter_map(|event| event.map(Ok))
}

/// `GET /mijn/berichten/{conversation}/live`: new messages the resident may see, as they come.
pub async fn resident_live(
    State(state): State<ServerState>,
    Path(id): Path<String>,
    user: Option<Extension<CurrentUser>>,
    headers: HeaderMap,
    session: Session,
) -> Response {
    let (Some(resident), Ok(id)) = (resident_of(&user), id.parse::<ConversationId>()) else { return not_found() };
    let lang = lang_of(&headers);
    if let Err(error) = conversation::ensure_residents(&state.app.db, resident, id).await {
        return failure_response(error);
    }
    let events = stream(state.clone(), id, move |state, message| {
        Box::pin(async move {
            // Notes and other residents' messages fail here and are never sent.
            let view = conversation::message_for_resident(&state.app.db, resident, message, lang).await.ok()?;
            serde_json::to_string(&view).ok()
        })
    });
    live(state, &session, events)
}

/// `GET /staff/gesprekken/{conversation}/live`: every new message, notes included.
pub async fn staff_live(
    State(state): State<ServerState>,
    Path(id): Path<String>,
    user: Option<Extension<CurrentUser>>,
    headers: HeaderMap,
    session: Session,
) -> Response {
    let (Some(staff), Ok(id)) = (staff_of(&user), id.parse::<ConversationId>()) else { return not_found() };
    let lang = lang_of(&headers);
    // Only a conversation this staff member may work on.
    if let Err(error) = conversation::for_staff(&state.app.db, &staff, id).await {
        return failure_response(error);
    }
    let events = stream(state.clone(), id, move |state, message| {
        Box::pin(async move {
            let view = conversation::message_for_staff(&state.app.db, message, lang).await.ok()?;
            serde_json::to_string(&view).ok()
        })
    });
    live(state, &session, events)
}

/// How long the inbox's stream gathers changes before it sends the list
/// again: a burst of changes gives one list.
const LIST_SETTLE: std::time::Duration = std::time::Duration::from_millis(300);

/// `GET /staff/gesprekken/live?{the inbox's filters}`: whenever a
/// conversation this staff member may work on (or one the list showed)
/// gets a message, is assigned, routed or closed, the first page of the
/// inbox with those filters again, as a `list` event with its HTML (the
/// residents in it are logged, as the page logs them). A later page
/// (`na`) gets a `changed` event instead: the reader moves on from there.
pub async fn inbox_live(
    State(state): State<ServerState>,
    Query(query): Query<HashMap<String, String>>,
    user: Option<Extension<CurrentUser>>,
    headers: HeaderMap,
    session: Session,
) -> Response {
    // The policy answers others with the refusal page, rendered by the route it matched: this one must not stream then.
    let Some(staff) = staff_of(&user).filter(|s| s.may(app::backend::auth::policy::Action::WorkConversations)) else { return not_found() };
    let get = |key: &str| query.get(key).map(String::as_str).unwrap_or("");
    let filter = match conversation::inbox_filter(&staff, get("team"), get("status"), get("channel"), get("assignee"), get("na")) {
        Ok(filter) => filter,
        Err(error) => return failure_response(error),
    };
    let pick = |event| match event {
        LiveEvent::Message { conversation, .. } | LiveEvent::Conversation { conversation } => Some(conversation),
        _ => None,
    };
    let db = state.app.db.clone();
    if filter.after.is_some() {
        return changes(state, &session, pick, move |id| {
            let (db, staff) = (db.clone(), staff.clone());
            async move { conversation::for_staff(&db, &staff, id).await.is_ok() }
        });
    }
    let lang = lang_of(&headers);
    let clock = state.app.clock.clone();
    let filters = [("team", get("team")), ("status", get("status")), ("channel", get("channel")), ("assignee", get("assignee"))].map(|(k, v)| (k, v.to_string()));
    let shown = std::sync::Arc::new(tokio::sync::Mutex::new(std::collections::HashSet::<ConversationId>::new()));
    let events = BroadcastStream::new(state.app.live.subscribe())
        .filter_map(move |event| match event {
            Ok(LiveEvent::Missed) | Err(_) => Some(None),
            Ok(event) => pick(event).map(Some),
        })
        .chunks_timeout(64, LIST_SETTLE)
        .then(move |batch| {
            let (db, staff, filter, filters, shown, clock) = (db.clone(), staff.clone(), filter.clone(), filters.clone(), shown.clone(), clock.clone());
            async move {
                let mut shown = shown.lock().await;
                let mut concerns = false;
                for id in batch {
                    concerns = concerns || id.is_none_or(|id| shown.contains(&id));
                    if let (false, Some(id)) = (concerns, id) {
                        concerns = conversation::for_staff(&db, &staff, id).await.is_ok();
                    }
                }
                if !concerns {
                    return None;
                }
                let inbox = conversation::inbox(&db, &staff, &filter, lang, clock.now()).await.ok()?;
                *shown = inbox.conversations.iter().map(|c| c.id).collect();
                let filters: Vec<(&str, &str)> = filters.iter().map(|(k, v)| (*k, v.as_str())).collect();
                let html = app::pages::staff::conversations::inbox_listing_html(inbox, &filters, lang);
                Some(Ok::<_, Infallible>(Event::default().event("list").data(html)))
            }
        })
        .filter_map(|event| event);
    live(state, &session, events)
}

/// `GET /mijn/terugbellen/live`: a `changed` event whenever one of the
/// resident's callback requests changes (someone else's never reaches them).
pub async fn resident_callbacks_live(State(state): State<ServerState>, user: Option<Extension<CurrentUser>>, session: Session) -> Response {
    let Some(resident) = resident_of(&user) else { return not_found() };
    let db = state.app.db.clone();
    let pick = |event| match event {
        LiveEvent::Callback { callback } => Some(callback),
        _ => None,
    };
    changes(state, &session, pick, move |id| {
        let db = db.clone();
        async move { callback::is_residents(&db, resident, id).await.unwrap_or(false) }
    })
}

/// A stream of `changed` events: `pick` chooses the events about one kind
/// of thing, `theirs` says whether that thing is the reader's (a
/// resident's own, a conversation staff may work on; anything else never
/// reaches them); a page that fell behind is told so, since anything may
/// have changed.
pub(crate) fn changes<I, F, Fut>(state: ServerState, session: &Session, pick: fn(LiveEvent) -> Option<I>, theirs: F) -> Response
where
    I: Copy + std::fmt::Display + Send + 'static,
    F: Fn(I) -> Fut + Send + 'static,
    Fut: std::future::Future<Output = bool> + Send + 'static,
{
    let events = BroadcastStream::new(state.app.live.subscribe())
        .filter_map(move |event| match event {
            Ok(LiveEvent::Missed) | Err(_) => Some(None),
            Ok(event) => pick(event).map(Some),
        })
        .then(move |id| {
            let check = id.map(&theirs);
            async move {
                match (id, check) {
                    (Some(id), Some(check)) => check.await.then(|| Event::default().event("changed").data(id.to_string())),
                    _ => Some(fell_behind("changed")),
                }
            }
        })
        .filter_map(|event| event.map(Ok::<_, Infallible>));
    live(state, &session, events)
}

/// The event that tells a page which fell behind the live updates to catch
/// up. It carries data: a browser's `EventSource` drops an event whose
/// data is empty.
fn fell_behind(name: &'static str) -> Event {
    Event::default().event(name).data("behind")
}

/// Live streams a session may hold at once: a few tabs, each with its
/// page's stream and (in the workspace) the navigation's counts.
const STREAMS_PER_SESSION: usize = 8;

/// Serves a live stream while its session counts: it ends at logout, idle
/// or absolute expiry, or when a staff member loses their roles (checked
/// every `live_check` interval), and a session holds at most
/// [`STREAMS_PER_SESSION`] of them.
pub(crate) fn live(state: ServerState, session: &Session, events: impl Stream<Item = Result<Event, Infallible>> + Send + 'static) -> Response {
    let Some(id) = session.id() else { return not_found() };
    let Some(slot) = crate::http::live_slot::take(&state.live_streams, id, STREAMS_PER_SESSION) else {
        return (axum::http::StatusCode::TOO_MANY_REQUESTS, "too many live streams").into_response();
    };
    enum Item {
        Event(Result<Event, Infallible>),
        Check,
    }
    let checks = tokio_stream::wrappers::IntervalStream::new(tokio::time::interval(state.live_check)).map(|_| Item::Check);
    let events = events
        .map(Item::Event)
        .merge(checks)
        .then(move |item| {
            let state = state.clone();
            async move {
                match item {
                    Item::Event(event) => Some(Some(event)),
                    Item::Check if crate::http::auth::still_signed_in(&state, id).await => Some(None),
                    Item::Check => None,
                }
            }
        })
        .take_while(Option::is_some)
        .filter_map(move |item| {
            let _held = &slot;
            item.flatten()
        });
    Sse::new(events).keep_alive(KeepAlive::default()).into_response()
}
