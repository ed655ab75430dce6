//! Staff members as each request sees them: their roles, teams and
//! clearance read anew, so a change made at the provider or by the
//! administrator counts from the next request, not the next login.

use crate::backend::auth::session::Staff;
use crate::backend::{db, db::Db, Error};
use crate::i18n::Lang;
use crate::model::ids::StaffId;
use crate::backend::auth::ClaimRules;
use crate::model::staff_member::{Confidentiality, Role, StaffProfile};

/// The staff member as they are now; `None` when they no longer have a
/// known role or were deactivated (their session then ends).
pub async fn current(db: &Db, id: StaffId) -> Result<Option<Staff>, Error> {
    let Some((row, teams)) = db::staff_member::access(db, id).await? else { return Ok(None) };
    let mut roles: Vec<Role> = row.roles.split_whitespace().filter_map(Role::from_code).collect();
    roles.sort();
    roles.dedup();
    if roles.is_empty() || !row.active {
        return Ok(None);
    }
    let clearance = Confidentiality::from_code(&row.clearance).unwrap_or(Confidentiality::Openbaar);
    Ok(Some(Staff { id, name: row.name, roles, teams, clearance }))
}

/// What the staff provider's provisioning says about a staff member now.
pub struct Provisioned<'a> {
    /// The provider's role values, mapped as at login.
    pub roles: &'a [String],
    /// Team slugs; `None` keeps the teams.
    pub teams: Option<&'a [String]>,
    pub active: bool,
}

/// Applies what the provider's provisioning says; false for a subject
/// Loket does not know (nobody to change). Counts from the next request.
pub async fn provision(db: &Db, rules: &ClaimRules, subject: &str, update: &Provisioned<'_>) -> Result<bool, Error> {
    let roles = rules.roles(update.roles);
    let codes: Vec<&str> = roles.iter().map(|r| r.code()).collect();
    Ok(db::staff_member::provision(db, subject, &codes.join(" "), update.teams, update.active).await?)
}

/// Name, roles and teams in the page's language.
pub async fn profile(db: &Db, staff: &Staff, lang: Lang) -> Result<StaffProfile, Error> {
    let teams = db::team::list(db).await?;
    Ok(StaffProfile {
        name: staff.name.clone(),
        roles: staff.roles.iter().map(|r| lang.t(r.label_key()).to_string()).collect(),
        teams: teams.iter().filter(|t| staff.in_team(t.id)).map(|t| lang.pick(&t.name_nl, &t.name_en).to_string()).collect(),
    })
}

