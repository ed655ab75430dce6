//! The municipality this installation serves, and setting it up
//! (`loket init`, and the demo seeding, write it the same way).

use time::OffsetDateTime;

use crate::backend::{db, db::Db, db::Tx, Error};
use crate::error::FieldErrorCode;
use crate::model::ids::{CaseTypeId, LocationId, MunicipalityId, ProductId, StatusTypeId, TeamId};
use crate::model::municipality::{minutes_of_day, Municipality, Setup};
use crate::model::staff_member::Confidentiality;

/// The municipality shown in every page's frame; it must exist (`loket
/// init` or the demo seeding creates it).
pub async fn current(db: &Db) -> Result<Municipality, Error> {
    db::municipality::find_first(db).await?.ok_or(Error::Internal("no municipality configured"))
}

/// What setting up created: the ids the demo seeding goes on with.
pub struct Created {
    pub id: MunicipalityId,
    pub teams: Vec<(String, TeamId)>,
    pub case_types: Vec<(String, CaseTypeId)>,
}

impl Created {
    pub fn team(&self, slug: &str) -> Result<TeamId, Error> {
        self.teams.iter().find(|(s, _)| s == slug).map(|(_, id)| *id).ok_or(Error::Internal("a setup names an unknown team"))
    }

    pub fn case_type(&self, code: &str) -> Option<CaseTypeId> {
        self.case_types.iter().find(|(c, _)| c == code).map(|(_, id)| *id)
    }
}

/// Sets the municipality up in one transaction unless one with its slug
/// exists; true when it did. Safe on every start and from several nodes.
pub async fn init(db: &Db, setup: &Setup, now: OffsetDateTime) -> Result<bool, Error> {
    let mut tx = db.begin().await?;
    let created = create_in(&mut tx, setup, now).await?.is_some();
    tx.commit().await?;
    Ok(created)
}

/// Checks a setup: every name filled in, the teams the case types and the
/// general team name exist, known confidentiality codes, at least one
/// status per case type.
pub fn check(setup: &Setup) -> Result<(), Error> {
    let mut wrong = Vec::new();
    let mut refuse = |field: String, code| wrong.push(crate::error::FieldError { field, code });
    for (field, value) in [("slug", &setup.slug), ("name", &setup.name), ("phone", &setup.phone), ("email", &setup.email), ("visit_address", &setup.visit_address)] {
        if value.trim().is_empty() {
            refuse(field.into(), FieldErrorCode::Missing);
        }
    }
    if setup.teams.is_empty() {
        refuse("teams".into(), FieldErrorCode::Missing);
    }
    let team_known = |slug: &str| setup.teams.iter().any(|t| t.slug == slug);
    if !team_known(&setup.general_team) {
        refuse("general_team".into(), FieldErrorCode::Unknown);
    }
    for (i, team) in setup.teams.iter().enumerate() {
        if team.slug.trim().is_empty() || team.name_nl.trim().is_empty() || team.name_en.trim().is_empty() {
            refuse(format!("teams[{i}]"), FieldErrorCode::Missing);
        }
        if setup.teams[..i].iter().any(|t| t.slug == team.slug) {
            refuse(format!("teams[{i}].slug"), FieldErrorCode::Invalid);
        }
    }
    for (i, case_type) in setup.case_types.iter().enumerate() {
        if !team_known(&case_type.team) {
            refuse(format!("case_types[{i}].team"), FieldErrorCode::Unknown);
        }
        if Confidentiality::from_code(&case_type.confidentiality).is_none() {
            refuse(format!("case_types[{i}].confidentiality"), FieldErrorCode::Invalid);
        }
        if case_type.retention_years.is_some_and(|y| !crate::model::retention::YEAR_CHOICES.contains(&y)) {
            refuse(format!("case_types[{i}].retention_years"), FieldErrorCode::Invalid);
        }
        if case_type.statuses.is_empty() {
            refuse(format!("case_types[{i}].statuses"), FieldErrorCode::Missing);
        }
        if case_type.code.trim().is_empty() || case_type.name_nl.trim().is_empty() || case_type.name_en.trim().is_empty() || case_type.lead_time_days < 1 {
            refuse(format!("case_types[{i}]"), FieldErrorCode::Missing);
        }
        if setup.case_types[..i].iter().any(|c| c.code == case_type.code) {
            refuse(format!("case_types[{i}].code"), FieldErrorCode::Invalid);
        }
    }
    let location_known = |code: &str| setup.locations.iter().any(|l| l.code == code);
    for (i, location) in setup.locations.iter().enumerate() {
        if location.code.trim().is_empty() || location.name.trim().is_empty() || location.address.trim().is_empty() {
            refuse(format!("locations[{i}]"), FieldErrorCode::Missing);
        }
        if setup.locations[..i].iter().any(|l| l.code == location.code) {
            refuse(format!("locations[{i}].code"), FieldErrorCode::Invalid);
        }
    }
    for (i, product) in setup.products.iter().enumerate() {
        if product.code.trim().is_empty() || product.name_nl.trim().is_empty() || product.name_en.trim().is_empty() {
            refuse(format!("products[{i}]"), FieldErrorCode::Missing);
        }
        if setup.products[..i].iter().any(|p| p.code == product.code) {
            refuse(format!("products[{i}].code"), FieldErrorCode::Invalid);
        }
        if !team_known(&product.team) {
            refuse(format!("products[{i}].team"), FieldErrorCode::Unknown);
        }
        if !(5..=240).contains(&product.minutes) {
            refuse(format!("products[{i}].minutes"), FieldErrorCode::Invalid);
        }
        for (j, hours) in product.hours.iter().enumerate() {
            if !location_known(&hours.location) {
                refuse(format!("products[{i}].hours[{j}].location"), FieldErrorCode::Unknown);
            }
            let opening = minutes_of_day(&hours.opens).zip(minutes_of_day(&hours.closes));
            if !opening.is_some_and(|(opens, closes)| opens < closes) || hours.desks < 1 || hours.weekdays.is_empty() || hours.weekdays.iter().any(|d| !(1..=7).contains(d)) {
                refuse(format!("products[{i}].hours[{j}]"), FieldErrorCode::Invalid);
            }
        }
    }
    if wrong.is_empty() { Ok(()) } else { Err(Error::Validation(wrong)) }
}

/// Writes a checked setup inside the caller's transaction; `None` when a
/// municipality with this slug exists already.
pub async fn create_in(tx: &mut Tx, setup: &Setup, now: OffsetDateTime) -> Result<Option<Created>, Error> {
    check(setup)?;
    let id = MunicipalityId::new();
    let new = db::municipality::NewMunicipality {
        id,
        slug: &setup.slug,
        name: &setup.name,
        phone: &setup.phone,
        email: &setup.email,
        visit_address: &setup.visit_address,
        logo_path: &setup.logo_path,
    };
    if !db::municipality::insert_if_absent(tx, &new, now).await? {
        return Ok(None);
    }
    let mut created = Created { id, teams: Vec::new(), case_types: Vec::new() };
    for team in &setup.teams {
        let team_id = TeamId::new();
        let new = db::team::NewTeam { id: team_id, municipality_id: id, slug: &team.slug, name_nl: &team.name_nl, name_en: &team.name_en };
        db::team::insert(tx, &new, now).await?;
        created.teams.push((team.slug.clone(), team_id));
    }
    db::team::set_general(tx, id, created.team(&setup.general_team)?).await?;
    for case_type in &setup.case_types {
        let case_type_id = CaseTypeId::new();
        let new = db::case_type::NewCaseType {
            id: case_type_id,
            code: &case_type.code,
            name_nl: &case_type.name_nl,
            name_en: &case_type.name_en,
            description_nl: &case_type.description_nl,
            description_en: &case_type.description_en,
            lead_time_days: case_type.lead_time_days,
            team_id: created.team(&case_type.team)?,
            confidentiality: &case_type.confidentiality,
            retention_years: case_type.retention_years,
        };
        db::case_type::insert(tx, &new, now).await?;
        let last = case_type.statuses.len();
        for (i, status) in case_type.statuses.iter().enumerate() {
            let new = db::case::NewStatusType {
                id: StatusTypeId::new(),
                case_type_id,
                sequence: i as i64 + 1,
                name_nl: &status.name_nl,
                name_en: &status.name_en,
                explanation_nl: &status.explanation_nl,
                explanation_en: &status.explanation_en,
                is_final: i + 1 == last,
            };
            db::case::insert_status_type(tx, &new).await?;
        }
        created.case_types.push((case_type.code.clone(), case_type_id));
    }
    let mut locations = Vec::new();
    for location in &setup.locations {
        let row = db::appointment::LocationRow { id: LocationId::new(), code: location.code.clone(), name: location.name.clone(), address: location.address.clone() };
        db::appointment::insert_location(tx, &row, now).await?;
        locations.push(row);
    }
    for product in &setup.products {
        let row = db::appointment::ProductRow {
            id: ProductId::new(),
            code: product.code.clone(),
            name_nl: product.name_nl.clone(),
            name_en: product.name_en.clone(),
            minutes: product.minutes,
            bring_nl: product.bring_nl.clone(),
            bring_en: product.bring_en.clone(),
            team_id: created.team(&product.team)?,
        };
        db::appointment::insert_product(tx, &row, now).await?;
        for hours in &product.hours {
            let location = locations.iter().find(|l| l.code == hours.location).ok_or(Error::Internal("a setup names an unknown location"))?;
            let (Some(opens), Some(closes)) = (minutes_of_day(&hours.opens), minutes_of_day(&hours.closes)) else {
                return Err(Error::Internal("a checked setup has unreadable hours"));
            };
            for weekday in &hours.weekdays {
                let hours = db::appointment::HoursRow { location_id: location.id, weekday: *weekday, opens, closes, desks: hours.desks };
                db::appointment::insert_hours(tx, row.id, &hours).await?;
            }
        }
    }
    Ok(Some(created))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::municipality::{CaseTypeSetup, StatusSetup, TeamSetup};
    use time::macros::datetime;

    fn setup() -> Setup {
        Setup {
            slug: "zuidstad".into(),
            name: "Gemeente Zuidstad".into(),
            phone: "14 0999".into(),
            email: "info@zuidstad.example".into(),
            visit_address: "Raadhuisplein 1, 9999 ZZ Zuidstad".into(),
            logo_path: "/logo.svg".into(),
            general_team: "kcc".into(),
            teams: vec![TeamSetup { slug: "kcc".into(), name_nl: "KCC".into(), name_en: "Customer Contact Centre".into() }],
            case_types: vec![CaseTypeSetup {
                code: "melding".into(),
                team: "kcc".into(),
                name_nl: "Melding".into(),
                name_en: "Report".into(),
                description_nl: "Meld iets op straat.".into(),
                description_en: "Report something in the street.".into(),
                lead_time_days: 5,
                confidentiality: "intern".into(),
                retention_years: Some(5),
                statuses: vec![StatusSetup { name_nl: "Ontvangen".into(), name_en: "Received".into(), explanation_nl: "We hebben het.".into(), explanation_en: "We have it.".into() }],
            }],
            locations: Vec::new(),
            products: Vec::new(),
        }
    }

    crate::both_dbs!(a_fresh_installation_is_set_up_once_without_any_demo, |db| {
        let now = datetime!(2026-11-30 09:00 UTC);
        assert!(init(&db, &setup(), now).await.unwrap());
        assert!(!init(&db, &setup(), now).await.unwrap(), "a second init changes nothing");
        assert_eq!(current(&db).await.unwrap().name, "Gemeente Zuidstad");
        assert_eq!(db::case_type::list_active(&db).await.unwrap().len(), 1);
        assert_eq!(db::retention::case_type_terms(&db).await.unwrap()[0].retention_years, Some(5), "its retention term");
        assert!(db::resident::find_by_bsn(&db, "999993653").await.unwrap().is_none(), "no demo residents");
    });

    #[test]
    fn a_setup_that_names_an_unknown_team_or_level_is_refused() {
        let mut wrong = setup();
        wrong.general_team = "balie".into();
        wrong.case_types[0].team = "parkeren".into();
        wrong.case_types[0].confidentiality = "topgeheim".into();
        wrong.case_types[0].retention_years = Some(3);
        let Err(Error::Validation(fields)) = check(&wrong) else { panic!("accepted") };
        let fields: Vec<_> = fields.iter().map(|f| f.field.as_str()).collect();
        assert_eq!(fields, ["general_team", "case_types[0].team", "case_types[0].confidentiality", "case_types[0].retention_years"]);
        assert!(check(&setup()).is_ok());
    }
}
