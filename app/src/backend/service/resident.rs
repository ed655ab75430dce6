//! The resident as Loket knows them: a BSN, only ever shown masked.

use crate::backend::{auth::bsn::Bsn, db::{self, Db}, Error};
use crate::model::ids::ResidentId;

/// The resident's BSN with all but its last digits hidden.
pub async fn masked_bsn(db: &Db, resident: ResidentId) -> Result<String, Error> {
    let bsn = db::resident::find_bsn(db, resident).await?.ok_or(Error::NotFound)?;
    Bsn::parse(&bsn).map(|b| b.masked()).map_err(|_| Error::Internal("stored BSN is invalid"))
}
