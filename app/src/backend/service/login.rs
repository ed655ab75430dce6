//! Turning a verified login into a signed-in resident or staff member.

use time::OffsetDateTime;

use crate::backend::auth::{
    bsn::Bsn,
    loa::Loa,
    oidc::VerifiedLogin,
    session::Principal,
    ClaimRules,
};
use crate::model::staff_member::{Confidentiality, Role};
use crate::backend::{db, db::Db, Error};

/// Why a verified login is still not let in; each has a page explaining it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// No BSN claim, or one that fails the 11-test.
    Bsn,
    /// The level of assurance is missing or below what is asked.
    Loa,
    /// A staff login without any role in Loket.
    Role,
}

impl Refusal {
    /// The code the login page explains (`/inloggen?fout=...`).
    pub fn code(self) -> &'static str {
        match self {
            Refusal::Bsn => "bsn",
            Refusal::Loa => "niveau",
            Refusal::Role => "rol",
        }
    }
}

fn claim_text(login: &VerifiedLogin, name: &str) -> Option<String> {
    if name == "acr" {
        return login.acr.clone();
    }
    match login.extra.get(name)? {
        serde_json::Value::String(s) => Some(s.clone()),
        serde_json::Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// A resident login: BSN checked, level at least `max(rules.min_loa, asked)`.
pub async fn resident(
    db: &Db,
    rules: &ClaimRules,
    login: &VerifiedLogin,
    asked: Option<Loa>,
    now: OffsetDateTime,
) -> Result<Result<Principal, Refusal>, Error> {
    let Some(bsn) = claim_text(login, &rules.bsn_claim).and_then(|raw| Bsn::parse(&raw).ok()) else {
        return Ok(Err(Refusal::Bsn));
    };
    let needed = asked.map_or(rules.min_loa, |a| a.max(rules.min_loa));
    let loa = claim_text(login, &rules.loa_claim).and_then(|raw| Loa::from_claim(&raw));
    let Some(loa) = loa.filter(|l| *l >= needed) else {
        return Ok(Err(Refusal::Loa));
    };
    let id = db::resident::upsert_by_bsn(db, bsn.expose(), now).await?;
    Ok(Ok(Principal::Resident { id, loa }))
}

/// The Loket roles a provider's role values stand for; others are ignored.
pub fn roles_of(rules: &ClaimRules, login: &VerifiedLogin) -> Vec<Role> {
    let values: Vec<String> = match login.extra.get(&rules.roles_claim) {
        Some(serde_json::Value::Array(items)) => items.iter().filter_map(|v| v.as_str().map(str::to_string)).collect(),
        Some(serde_json::Value::String(s)) => s.split_whitespace().map(str::to_string).collect(),
        _ => Vec::new(),
    };
    rules.roles(&values)
}

/// A staff login: name, roles, teams and clearance from the configured
/// claims; at least one known role. The staff table keeps what the claims
/// said, and every later request reads it again (`staff_member::current`).
pub async fn staff(db: &Db, rules: &ClaimRules, login: &VerifiedLogin, now: OffsetDateTime) -> Result<Result<Principal, Refusal>, Error> {
    let roles = roles_of(rules, login);
    if roles.is_empty() {
        return Ok(Err(Refusal::Role));
    }
    let name = claim_text(login, &rules.name_claim).or_else(|| login.name.clone()).unwrap_or_else(|| login.subject.clone());
    // The address reminders about callback requests go to (kept when a later login has none).
    let email = login.email.as_deref().and_then(|e| crate::backend::service::contact_address::EmailAddress::parse(e).ok());
    let clearance = claim_text(login, &rules.clearance_claim).and_then(|c| Confidentiality::from_code(&c));
    let teams = match login.extra.get(&rules.teams_claim) {
        Some(serde_json::Value::Array(items)) => Some(items.iter().filter_map(|v| v.as_str().map(str::to_string)).collect::<Vec<_>>()),
        Some(serde_json::Value::String(s)) => Some(s.split_whitespace().map(str::to_string).collect()),
        _ => None,
    };
    let codes: Vec<&str> = roles.iter().map(|r| r.code()).collect();
    let login_row = db::staff_member::Login { subject: &login.subject, name: &name, roles: &codes.join(" "), email: email.as_ref().map(|e| e.as_str()), clearance: clearance.map(|c| c.code()) };
    let id = db::staff_member::upsert_by_subject(db, &login_row, teams.as_deref(), now).await?;
    match crate::backend::service::staff_member::current(db, id).await? {
        Some(staff) => Ok(Ok(Principal::Staff(staff))),
        None => Ok(Err(Refusal::Role)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    fn rules() -> ClaimRules {
        ClaimRules {
            bsn_claim: "bsn".into(),
            loa_claim: "loa".into(),
            min_loa: Loa::Basis,
            sensitive_loa: Loa::Substantieel,
            roles_claim: "roles".into(),
            role_map: vec![("KCC-Medewerker".into(), Role::Kcc)],
            teams_claim: "teams".into(),
            clearance_claim: "clearance".into(),
            name_claim: "name".into(),
        }
    }

    fn login(extra: serde_json::Value) -> VerifiedLogin {
        VerifiedLogin {
            subject: "sub-1".into(),
            acr: None,
            extra: extra.as_object().unwrap().clone(),
            name: None,
            email: None,
        }
    }

    crate::both_dbs!(a_resident_is_created_once_and_found_again_by_bsn, |db| {
        let now = datetime!(2026-11-23 09:00 UTC);
        let l = login(serde_json::json!({"bsn": "999993653", "loa": "midden"}));
        let first = resident(&db, &rules(), &l, None, now).await.unwrap().unwrap();
        let again = resident(&db, &rules(), &l, None, now).await.unwrap().unwrap();
        assert_eq!(first, again);
        assert_eq!(db::resident::count(&db).await.unwrap(), 1);
    });

    crate::both_dbs!(missing_or_invalid_bsn_and_low_level_are_refused_and_store_nothing, |db| {
        let now = datetime!(2026-11-23 09:00 UTC);
        let cases = [
            (serde_json::json!({"loa": "midden"}), None, Refusal::Bsn),
            (serde_json::json!({"bsn": "999993654", "loa": "midden"}), None, Refusal::Bsn),
            (serde_json::json!({"bsn": "999993653"}), None, Refusal::Loa),
            (serde_json::json!({"bsn": "999993653", "loa": "midden"}), Some(Loa::Substantieel), Refusal::Loa),
        ];
        for (claims, asked, refusal) in cases {
            assert_eq!(resident(&db, &rules(), &login(claims), asked, now).await.unwrap(), Err(refusal));
        }
        assert_eq!(db::resident::count(&db).await.unwrap(), 0);
    });

    crate::both_dbs!(staff_need_a_role_and_get_their_name_from_the_claims, |db| {
        let now = datetime!(2026-11-23 09:00 UTC);
        let ok = staff(&db, &rules(), &login(serde_json::json!({"name": "Sanne", "roles": ["kcc"]})), now).await.unwrap();
        assert!(matches!(ok, Ok(Principal::Staff(ref s)) if s.name == "Sanne" && s.roles == vec![Role::Kcc]));
        let none = staff(&db, &rules(), &login(serde_json::json!({"name": "X"})), now).await.unwrap();
        assert_eq!(none, Err(Refusal::Role));
        // Unknown role values are ignored: only unknown ones is no role at all.
        let unknown = staff(&db, &rules(), &login(serde_json::json!({"roles": ["admin", "superuser"]})), now).await.unwrap();
        assert_eq!(unknown, Err(Refusal::Role));
    });

    crate::both_dbs!(provider_role_values_are_mapped_and_teams_and_clearance_come_from_the_claims, |db| {
        let now = datetime!(2026-11-23 09:00 UTC);
        let mut tx = db.begin().await.unwrap();
        let municipality = crate::model::ids::MunicipalityId::new();
        db::municipality::insert_if_absent(&mut tx, &db::municipality::NewMunicipality { id: municipality, slug: "t", name: "T", phone: "1", email: "t@t.example", visit_address: "-", logo_path: "/l.svg" }, now).await.unwrap();
        let team = crate::model::ids::TeamId::new();
        db::team::insert(&mut tx, &db::team::NewTeam { id: team, municipality_id: municipality, slug: "parkeren", name_nl: "Parkeren", name_en: "Parking" }, now).await.unwrap();
        tx.commit().await.unwrap();
        let claims = serde_json::json!({"roles": ["KCC-Medewerker", "specialist", "admin"], "teams": ["parkeren", "onbekend"], "clearance": "vertrouwelijk"});
        let Ok(Principal::Staff(s)) = staff(&db, &rules(), &login(claims), now).await.unwrap() else { panic!("a staff login") };
        assert_eq!(s.roles, vec![Role::Kcc, Role::Specialist]);
        assert_eq!(s.teams, vec![team]);
        assert_eq!(s.clearance, Confidentiality::Vertrouwelijk);
        // Without a teams claim the teams in the staff table stay.
        let Ok(Principal::Staff(again)) = staff(&db, &rules(), &login(serde_json::json!({"roles": ["kcc"]})), now).await.unwrap() else { panic!("a staff login") };
        assert_eq!((again.teams, again.roles), (vec![team], vec![Role::Kcc]));
    });

    crate::both_dbs!(a_staff_members_email_claim_is_where_reminders_go, |db| {
        let now = datetime!(2026-11-23 09:00 UTC);
        let mut with_email = login(serde_json::json!({"roles": ["kcc"]}));
        with_email.email = Some("Sanne@Voorbeeld.example".into());
        let Ok(Principal::Staff(crate::backend::auth::session::Staff { id, .. })) = staff(&db, &rules(), &with_email, now).await.unwrap() else { panic!("a staff login") };
        assert_eq!(db::staff_member::email(&db, id).await.unwrap().as_deref(), Some("Sanne@Voorbeeld.example"));
        // A later login without the claim keeps it; a malformed one is ignored.
        staff(&db, &rules(), &login(serde_json::json!({"roles": ["kcc"]})), now).await.unwrap().unwrap();
        let mut odd = login(serde_json::json!({"roles": ["kcc"]}));
        odd.email = Some("not an address".into());
        staff(&db, &rules(), &odd, now).await.unwrap().unwrap();
        assert_eq!(db::staff_member::email(&db, id).await.unwrap().as_deref(), Some("Sanne@Voorbeeld.example"));
    });
}
