//! The demo municipality "Gemeente Voorbeeld": its teams and case types.
//! Created on first start of a fresh database; safe to run on every start
//! and from several nodes at once (the municipality's unique slug decides).

use time::OffsetDateTime;

use crate::backend::{db, db::Db, Error};
use crate::model::ids::{CaseTypeId, MunicipalityId, TeamId};

pub const DEMO_SLUG: &str = "voorbeeld";

struct DemoTeam {
    slug: &'static str,
    name_nl: &'static str,
    name_en: &'static str,
}

const TEAMS: [DemoTeam; 5] = [
    DemoTeam { slug: "burgerzaken", name_nl: "Burgerzaken", name_en: "Civil Affairs" },
    DemoTeam { slug: "parkeren", name_nl: "Parkeren", name_en: "Parking" },
    DemoTeam { slug: "werk-en-inkomen", name_nl: "Werk & Inkomen", name_en: "Work & Income" },
    DemoTeam { slug: "vergunningen", name_nl: "Vergunningen", name_en: "Permits" },
    DemoTeam { slug: "kcc", name_nl: "KCC", name_en: "Customer Contact Centre" },
];

struct DemoCaseType {
    code: &'static str,
    team: &'static str,
    name_nl: &'static str,
    name_en: &'static str,
    description_nl: &'static str,
    description_en: &'static str,
    lead_time_days: i64,
}

const CASE_TYPES: [DemoCaseType; 4] = [
    DemoCaseType {
        code: "parkeervergunning",
        team: "parkeren",
        name_nl: "Parkeervergunning",
        name_en: "Parking permit",
        description_nl: "Een vergunning om je auto in je eigen wijk te parkeren.",
        description_en: "A permit to park your car in your own neighbourhood.",
        lead_time_days: 14,
    },
    DemoCaseType {
        code: "bijzondere-bijstand",
        team: "werk-en-inkomen",
        name_nl: "Bijzondere bijstand",
        name_en: "Special assistance benefit",
        description_nl: "Geld voor noodzakelijke kosten die je zelf niet kunt betalen.",
        description_en: "Money for necessary costs you cannot pay yourself.",
        lead_time_days: 56,
    },
    DemoCaseType {
        code: "omgevingsvergunning",
        team: "vergunningen",
        name_nl: "Omgevingsvergunning",
        name_en: "Environmental permit",
        description_nl: "Toestemming om te bouwen, te verbouwen of een boom te kappen.",
        description_en: "Permission to build, renovate or cut down a tree.",
        lead_time_days: 56,
    },
    DemoCaseType {
        code: "melding-openbare-ruimte",
        team: "kcc",
        name_nl: "Melding openbare ruimte",
        name_en: "Report about public space",
        description_nl: "Meld iets kapot of vies op straat, zoals een losse stoeptegel.",
        description_en: "Report something broken or dirty in the street, such as a loose paving stone.",
        lead_time_days: 5,
    },
];

/// Seeds the demo municipality unless one exists; true when it seeded.
pub async fn demo(db: &Db, now: OffsetDateTime) -> Result<bool, Error> {
    let municipality_id = MunicipalityId::new();
    let mut tx = db.begin().await?;
    let inserted = db::municipality::insert_if_absent(
        &mut tx,
        &db::municipality::NewMunicipality {
            id: municipality_id,
            slug: DEMO_SLUG,
            name: "Gemeente Voorbeeld",
            phone: "14 0123",
            email: "info@voorbeeld.example",
            visit_address: "Marktplein 1, 1234 AB Voorbeeld",
            logo_path: "/logo.svg",
        },
        now,
    )
    .await?;
    if !inserted {
        return Ok(false);
    }
    let mut team_ids = Vec::new();
    for team in &TEAMS {
        let id = TeamId::new();
        db::team::insert(
            &mut tx,
            &db::team::NewTeam { id, municipality_id, slug: team.slug, name_nl: team.name_nl, name_en: team.name_en },
            now,
        )
        .await?;
        team_ids.push((team.slug, id));
    }
    for case_type in &CASE_TYPES {
        let team_id = team_ids
            .iter()
            .find(|(slug, _)| *slug == case_type.team)
            .map(|(_, id)| *id)
            .ok_or(Error::Internal("demo case type names an unknown team"))?;
        db::case_type::insert(
            &mut tx,
            &db::case_type::NewCaseType {
                id: CaseTypeId::new(),
                code: case_type.code,
                name_nl: case_type.name_nl,
                name_en: case_type.name_en,
                description_nl: case_type.description_nl,
                description_en: case_type.description_en,
                lead_time_days: case_type.lead_time_days,
                team_id,
            },
            now,
        )
        .await?;
    }
    tx.commit().await?;
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::backend::service::municipality;
    use time::macros::datetime;

    crate::both_dbs!(seeding_twice_creates_the_demo_municipality_once, |db| {
        let now = datetime!(2026-01-05 09:00 UTC);
        assert!(demo(&db, now).await.unwrap());
        assert!(!demo(&db, now).await.unwrap());
        let m = municipality::current(&db).await.unwrap();
        assert_eq!(m.name, "Gemeente Voorbeeld");
        assert_eq!(crate::backend::db::case_type::list_active(&db).await.unwrap().len(), CASE_TYPES.len());
    });

    crate::both_dbs!(an_empty_database_has_no_municipality, |db| {
        assert!(matches!(municipality::current(&db).await, Err(Error::Internal(_))));
    });
}
