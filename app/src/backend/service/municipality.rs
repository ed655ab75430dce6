//! The municipality this installation serves.

use crate::backend::{db, db::Db, Error};
use crate::model::municipality::Municipality;

/// The municipality shown in every page's frame; it must exist (seeding creates it).
pub async fn current(db: &Db) -> Result<Municipality, Error> {
    db::municipality::find_first(db).await?.ok_or(Error::Internal("no municipality configured"))
}
