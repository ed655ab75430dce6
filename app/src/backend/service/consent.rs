//! Consent: "yes, provided" instead of "no, unless". A resident grants or
//! revokes reuse of their data per purpose; withdrawing is as easy as
//! granting (AVG art. 7(3)). The history is append-only and is the one
//! place the export of "all my data" reads consent from.
//!
//! [`may_use`] is the only question services ask: may purpose P be used
//! for resident R at time T? Only a grant of the purpose's newest text
//! counts: a new text version asks everyone again.
//!
//! The example from the seeds, end to end, acts on it in `relocation`.

use time::OffsetDateTime;

use crate::backend::{
    db::{self, Db},
    service::{
        processing_log::{self, Entry},
        publication,
    },
    Error,
};
use crate::model::processing_log::Category;
use crate::backend::local_time::format_moment;
use crate::i18n::Lang;
use crate::model::consent::{ConsentChannel, ConsentEvent, ConsentState, Consents, Purpose};
use crate::model::ids::{ConsentPurposeId, ConsentTextId, ResidentId, StaffId};

/// Moving the parking permit along when the resident moves (seed 002).
pub const PARKING_RELOCATION: &str = "parkeervergunning-meeverhuizen";
pub use crate::backend::service::processing_log::CONSENT_HANDLING;
pub const MAX_NAME_CHARS: usize = 120;
pub const MAX_TEXT_CHARS: usize = 2000;

fn event(row: db::consent::EventRow, lang: Lang, with_staff: bool) -> Result<ConsentEvent, Error> {
    Ok(ConsentEvent {
        purpose: lang.pick(&row.name_nl, &row.name_en).to_string(),
        granted: row.granted,
        version: row.version,
        at: format_moment(lang, row.at),
        channel: crate::backend::error::decode(&row.channel, ConsentChannel::from_code, "a consent event has an unknown channel")?,
        recorded_by: if with_staff { row.staff_name } else { None },
    })
}

fn state(latest: Option<&db::consent::EventRow>, current_version: i64) -> ConsentState {
    match latest {
        Some(e) if e.granted && e.version == current_version => ConsentState::Granted,
        Some(e) if e.granted => ConsentState::TextChanged,
        _ => ConsentState::NotGranted,
    }
}

async fn consents(db: &Db, resident: ResidentId, lang: Lang, with_staff: bool) -> Result<Consents, Error> {
    let latest = db::consent::latest(db, resident).await?;
    let purposes = db::consent::purposes(db)
        .await?
        .into_iter()
        .map(|p| Purpose {
            state: state(latest.iter().find(|e| e.purpose_id == p.id), p.version),
            name: lang.pick(&p.name_nl, &p.name_en).to_string(),
            text: lang.pick(&p.text_nl, &p.text_en).to_string(),
            id: p.id,
            text_id: p.text_id,
            version: p.version,
        })
        .collect();
    let history = db::consent::history(db, resident).await?.into_iter().map(|e| event(e, lang, with_staff)).collect::<Result<_, _>>()?;
    Ok(Consents { purposes, history })
}

/// The resident's purposes and history.
pub async fn for_resident(db: &Db, resident: ResidentId, lang: Lang) -> Result<Consents, Error> {
    consents(db, resident, lang, false).await
}

/// A resident's consents as they stand, for a view that logs its own read.
pub async fn current_for_staff(db: &Db, resident: ResidentId, lang: Lang) -> Result<Vec<Purpose>, Error> {
    Ok(consents(db, resident, lang, true).await?.purposes)
}

/// A resident's consents for staff (read only); the view is logged with its purpose.
pub async fn for_staff(db: &Db, staff: StaffId, resident: ResidentId, lang: Lang, now: OffsetDateTime) -> Result<Consents, Error> {
    db::resident::find_bsn(db, resident).await?.ok_or(Error::NotFound)?;
    processing_log::record_reads(db, &[Entry::read(staff, resident, Category::Consent, CONSENT_HANDLING)], now).await?;
    consents(db, resident, lang, true).await
}

/// A change of consent as asked: which purpose, for which text version.
pub struct Change {
    pub purpose: ConsentPurposeId,
    /// The text version the resident saw; an older one is refused (they must read the new text).
    pub text: ConsentTextId,
    pub grant: bool,
    pub channel: ConsentChannel,
    /// The staff member who records it for the resident (phone, counter),
    /// with the reason they give (logged).
    pub staff: Option<(StaffId, String)>,
}

/// Grants or revokes, appending to the history; returns the receipt.
/// Unknown purpose: `NotFound`. Stale text version, granting what is
/// granted, or revoking what is not: `Conflict`, and nothing changes.
pub async fn change(db: &Db, resident: ResidentId, change: &Change, lang: Lang, now: OffsetDateTime) -> Result<ConsentEvent, Error> {
    let reason = change.staff.as_ref().map(|(_, reason)| processing_log::reason(reason)).transpose()?;
    let purpose = db::consent::purpose(db, change.purpose).await?.ok_or(Error::NotFound)?;
    if purpose.text_id != change.text {
        return Err(Error::Conflict);
    }
    // A clash means another change committed in between: read again and retry.
    for _ in 0..3 {
        let latest = db::consent::latest(db, resident).await?;
        let latest = latest.iter().find(|e| e.purpose_id == purpose.id);
        let current = state(latest, purpose.version);
        let allowed = if change.grant { current != ConsentState::Granted } else { current != ConsentState::NotGranted };
        if !allowed {
            return Err(Error::Conflict);
        }
        let mut tx = db.begin().await?;
        let new = db::consent::NewEvent {
            resident_id: resident,
            purpose_id: purpose.id,
            text_id: purpose.text_id,
            granted: change.grant,
            channel: change.channel.code(),
            staff_id: change.staff.as_ref().map(|(id, _)| *id),
        };
        match db::consent::append(&mut tx, &new, latest.map_or(0, |e| e.sequence), now).await {
            Ok(()) => {
                if let (Some((staff, _)), Some(reason)) = (&change.staff, reason) {
                    let entry = Entry::change(*staff, resident, Category::Consent, CONSENT_HANDLING).object(purpose.id).reason(reason);
                    processing_log::record(&mut tx, &entry, now).await?;
                }
                let event = publication::Event::Consent { resident, purpose: &purpose.code, granted: change.grant };
                publication::record(&mut tx, &event, now).await?;
                tx.commit().await?;
                return Ok(ConsentEvent {
                    purpose: lang.pick(&purpose.name_nl, &purpose.name_en).to_string(),
                    granted: change.grant,
                    version: purpose.version,
                    at: format_moment(lang, now),
                    channel: change.channel,
                    recorded_by: None,
                });
            }
            Err(sqlx::Error::Database(e)) if e.is_unique_violation() => continue,
            Err(e) => return Err(e.into()),
        }
    }
    Err(Error::Conflict)
}

/// May purpose `code` be used for this resident at `at`? Only a grant of
/// the text that was newest at `at`, not revoked since, says yes.
pub async fn may_use(db: &Db, resident: ResidentId, code: &str, at: OffsetDateTime) -> Result<bool, Error> {
    let Some(purpose) = db::consent::purpose_by_code(db, code).await? else {
        return Ok(false);
    };
    let (latest, version) = db::consent::state_at(db, resident, purpose.id, at).await?;
    Ok(matches!((latest, version), (Some(e), Some(v)) if e.granted && e.version == v))
}

/// The four texts of a purpose version.
pub struct Texts<'a> {
    pub name_nl: &'a str,
    pub name_en: &'a str,
    pub text_nl: &'a str,
    pub text_en: &'a str,
}

/// A functional administrator publishes a new version of a purpose's text.
/// Everyone who agreed to an older version is asked again.
pub async fn publish_text(db: &Db, staff: Option<StaffId>, purpose: ConsentPurposeId, texts: &Texts<'_>, now: OffsetDateTime) -> Result<i64, Error> {
    db::consent::purpose(db, purpose).await?.ok_or(Error::NotFound)?;
    let (name_nl, name_en) = (Error::required_text("name_nl", texts.name_nl, MAX_NAME_CHARS)?, Error::required_text("name_en", texts.name_en, MAX_NAME_CHARS)?);
    let (text_nl, text_en) = (Error::required_text("text_nl", texts.text_nl, MAX_TEXT_CHARS)?, Error::required_text("text_en", texts.text_en, MAX_TEXT_CHARS)?);
    let new = db::consent::NewText { purpose_id: purpose, name_nl: &name_nl, name_en: &name_en, text_nl: &text_nl, text_en: &text_en, staff_id: staff };
    let mut tx = db.begin().await?;
    let version = db::consent::insert_text(&mut tx, &new, now).await?;
    tx.commit().await?;
    Ok(version)
}

/// A new purpose with its first text (demo data, administrators).
pub async fn create_purpose(db: &Db, code: &str, texts: &Texts<'_>, now: OffsetDateTime) -> Result<Option<ConsentPurposeId>, Error> {
    let id = ConsentPurposeId::new();
    let mut tx = db.begin().await?;
    if !db::consent::insert_purpose(&mut tx, id, code, now).await? {
        return Ok(None);
    }
    let new = db::consent::NewText { purpose_id: id, name_nl: texts.name_nl, name_en: texts.name_en, text_nl: texts.text_nl, text_en: texts.text_en, staff_id: None };
    db::consent::insert_text(&mut tx, &new, now).await?;
    tx.commit().await?;
    Ok(Some(id))
}

/// Every purpose's current texts in both languages (for the administrator).
pub async fn purpose_texts(db: &Db) -> Result<Vec<crate::model::consent::PurposeTexts>, Error> {
    Ok(db::consent::purposes(db)
        .await?
        .into_iter()
        .map(|p| crate::model::consent::PurposeTexts {
            id: p.id,
            code: p.code,
            version: p.version,
            name_nl: p.name_nl,
            name_en: p.name_en,
            text_nl: p.text_nl,
            text_en: p.text_en,
        })
        .collect())
}
