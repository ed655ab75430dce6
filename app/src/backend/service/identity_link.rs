//! Two identities (BSNs) that turn out to be one person, e.g. after the
//! BRP joined two person lists. Staff link them with a reason, and from
//! then on see one contact history in the 360-degree view; unlinking, also
//! with a reason, gives back exactly what was there, because nothing
//! moves. Residents never see the other identity's data because of a
//! link. Both identities' processing logs record the link and its undo.

use time::OffsetDateTime;

use crate::backend::{
    auth::{bsn::Bsn, session::Staff},
    db::{self, Db},
    service::processing_log::{self, Entry, IDENTIFICATION},
    Error,
};
use crate::error::FieldErrorCode;
use crate::model::ids::{IdentityLinkId, ResidentId};
use crate::model::processing_log::Category;

/// Links `resident` to the identity with `bsn` (checked by staff, with
/// the reason); logged for both.
pub async fn link(db: &Db, staff: &Staff, resident: ResidentId, bsn: &str, reason: &str, now: OffsetDateTime) -> Result<IdentityLinkId, Error> {
    db::resident::profile(db, resident).await?.ok_or(Error::NotFound)?;
    let bsn = Bsn::parse(bsn.trim()).map_err(|_| Error::field("bsn", FieldErrorCode::Invalid))?;
    let reason = processing_log::reason(reason)?;
    let other = db::resident::find_by_bsn(db, bsn.expose()).await?.ok_or_else(|| Error::field("bsn", FieldErrorCode::Unknown))?;
    if other == resident {
        return Err(Error::field("bsn", FieldErrorCode::Invalid));
    }
    let id = IdentityLinkId::new();
    let mut tx = db.begin().await?;
    if !db::identity_link::insert(&mut tx, id, resident, other, staff.id, now).await? {
        return Err(Error::Conflict);
    }
    for who in [resident, other] {
        let entry = Entry::change(staff.id, who, Category::Identity, IDENTIFICATION).object(id).reason(reason);
        processing_log::record(&mut tx, &entry, now).await?;
    }
    tx.commit().await?;
    Ok(id)
}

/// Undoes a link of `resident` (with the reason); logged for both. A link
/// that is not this resident's is `NotFound`.
pub async fn unlink(db: &Db, staff: &Staff, resident: ResidentId, link: IdentityLinkId, reason: &str, now: OffsetDateTime) -> Result<(), Error> {
    let reason = processing_log::reason(reason)?;
    let mut tx = db.begin().await?;
    let other = db::identity_link::delete(&mut tx, link, resident).await?.ok_or(Error::NotFound)?;
    for who in [resident, other] {
        let entry = Entry::change(staff.id, who, Category::Identity, IDENTIFICATION).object(link).reason(reason);
        processing_log::record(&mut tx, &entry, now).await?;
    }
    tx.commit().await?;
    Ok(())
}
