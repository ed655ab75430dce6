//! The 360-degree view of a resident (klantbeeld): cases and to-dos,
//! conversations on every channel as one timeline, callback requests,
//! appointments, consents, contact details and preferences, on one
//! screen. It opens only for a purpose: a live contact with this resident
//! (an open call, or a conversation assigned to the agent) is the purpose;
//! otherwise the agent states one from the configured list. Each opening
//! is one line in the processing log, which the resident can read. Other
//! identities of the same person ([`identity_link`](super::identity_link))
//! add their contact history, each read logged for that identity.

use time::OffsetDateTime;

use crate::backend::{
    auth::session::Staff,
    db::{self, Db},
    local_time::format_moment,
    service::{
        appointment, callback, case, consent,
        contact_address::{self, AddressKind},
        conversation,
        processing_log::{self, Entry, CONTACT_HANDLING},
        resident,
    },
    Error,
};
use crate::error::FieldErrorCode;
use crate::i18n::Lang;
use crate::model::client_view::{ClientView, ClientViewAnswer, ConversationContext, SamePerson, TimelineItem};
use crate::model::contact_address::AddressSetting;
use crate::model::conversation::{Channel, Direction};
use crate::model::ids::{ConversationId, ResidentId};
use crate::model::processing_log::Category;

/// Messages the timeline shows at most.
const TIMELINE: i64 = 50;

/// The context beside a conversation the agent works on: the resident's
/// view when the agent has a live contact with them (the conversation is
/// theirs, or a call is on), logged as that contact's handling; otherwise
/// nothing is read and the agent is told how to open it.
pub async fn beside_conversation(db: &Db, staff: &Staff, conversation: ConversationId, lang: Lang, now: OffsetDateTime) -> Result<ConversationContext, Error> {
    let row = conversation::for_staff(db, staff, conversation).await?;
    let Some(resident) = row.resident_id else { return Ok(ConversationContext::Unidentified) };
    if !db::conversation::live_contact(db, staff.id, resident).await? {
        return Ok(ConversationContext::TakeFirst { resident });
    }
    Ok(match open(db, staff, resident, None, lang, now).await? {
        ClientViewAnswer::Shown(view) => ConversationContext::Shown(view),
        ClientViewAnswer::NeedsPurpose { .. } => ConversationContext::TakeFirst { resident },
    })
}

/// Opens the view for `purpose` (a code from the list), or asks for one.
pub async fn open(db: &Db, staff: &Staff, id: ResidentId, purpose: Option<&str>, lang: Lang, now: OffsetDateTime) -> Result<ClientViewAnswer, Error> {
    let profile = db::resident::profile(db, id).await?.ok_or(Error::NotFound)?;
    let matched = resident::matched(&profile, lang);
    let live = db::conversation::live_contact(db, staff.id, id).await?;
    let purposes = processing_log::purposes(db, lang).await?;
    let purpose = match purpose.map(str::trim).filter(|p| !p.is_empty()) {
        Some(code) => Some(purposes.iter().find(|p| p.code == code).ok_or_else(|| Error::field("purpose", FieldErrorCode::Invalid))?),
        None => None,
    };
    let (code, purpose_name) = match (purpose, live) {
        (Some(p), _) => (p.code.clone(), p.name.clone()),
        (None, true) => (CONTACT_HANDLING.to_string(), lang.t("staff-client-view-live-contact").to_string()),
        (None, false) => {
            // The name shown to ask the question is a read too: for establishing who this is.
            let entry = Entry::read(staff.id, id, Category::Listing, processing_log::IDENTIFICATION);
            processing_log::record_reads(db, &[entry], now).await?;
            return Ok(ClientViewAnswer::NeedsPurpose { resident: matched, purposes });
        }
    };
    // The same person's other identities: their contact history is read, and logged, too.
    let links = db::identity_link::others_of(db, id).await?;
    let identities: Vec<ResidentId> = std::iter::once(id).chain(links.iter().map(|l| l.other_id)).collect();
    let entries: Vec<Entry> = identities.iter().map(|&who| Entry::read(staff.id, who, Category::ClientView, &code)).collect();
    processing_log::record_reads(db, &entries, now).await?;
    let mut same_person = Vec::with_capacity(links.len());
    for link in &links {
        if let Some(profile) = db::resident::profile(db, link.other_id).await? {
            same_person.push(SamePerson { link: link.id, resident: resident::matched(&profile, lang), since: format_moment(lang, link.created_at) });
        }
    }
    let confirmed = |setting: AddressSetting| match setting {
        AddressSetting::Confirmed { address } => address,
        _ => String::new(),
    };
    let (cases, todos) = case::for_client_view(db, staff, id, lang).await?;
    let (mut threads, mut messages, mut callbacks) = (Vec::new(), Vec::new(), Vec::new());
    for &who in &identities {
        threads.extend(db::conversation::list_for_resident(db, who).await?);
        messages.extend(db::conversation::timeline_for_resident(db, who, TIMELINE).await?);
        callbacks.extend(callback::open_for_resident(db, who, lang).await?);
    }
    threads.sort_by(|a, b| b.updated_at.cmp(&a.updated_at).then(a.id.cmp(&b.id)));
    messages.sort_by(|a, b| b.created_at.cmp(&a.created_at).then(a.id.cmp(&b.id)));
    messages.truncate(TIMELINE as usize);
    let conversations = threads.iter().map(|r| conversation::summary(r, lang, true)).collect::<Result<_, _>>()?;
    let timeline = messages
        .into_iter()
        .filter_map(|m| {
            Some(TimelineItem {
                at: format_moment(lang, m.created_at),
                channel: Channel::from_code(&m.channel)?,
                direction: Direction::from_code(&m.direction)?,
                preview: conversation::preview(Some(&m.body)),
                conversation: m.conversation_id,
            })
        })
        .collect();
    Ok(ClientViewAnswer::Shown(Box::new(ClientView {
        resident: matched,
        purpose: purpose_name,
        purpose_code: code,
        same_person,
        live: live && purpose.is_none(),
        email: confirmed(contact_address::setting(db, id, AddressKind::Email).await?),
        phone: confirmed(contact_address::setting(db, id, AddressKind::Phone).await?),
        linked: contact_address::linked(db, id, lang).await?,
        preferred_channel: contact_address::preferred_channel(db, id).await?,
        cases,
        todos,
        conversations,
        timeline,
        callbacks,
        appointments: appointment::list_upcoming(db, id, lang, now).await?,
        consents: consent::current_for_staff(db, id, lang).await?,
    })))
}
