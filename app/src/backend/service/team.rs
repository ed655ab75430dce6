//! Teams as services need them: the one that takes general questions.

use crate::backend::{db::{self, Db}, Error};
use crate::model::ids::TeamId;

/// The team that takes questions no rule or case sends elsewhere: the
/// municipality's setting.
pub async fn general(db: &Db) -> Result<TeamId, Error> {
    db::team::general(db).await?.ok_or(Error::Internal("no team takes general questions: set the municipality's general team"))
}
