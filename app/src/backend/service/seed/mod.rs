//! The demo municipality "Gemeente Voorbeeld": its setup (written as
//! `loket init` writes a real one), residents, cases, staff, answers and
//! callback types, and (`contacts`) conversations on every channel,
//! callback requests and consent histories. Created on first start of a
//! fresh database when development asks for it; safe to run on every
//! start and from several nodes at once (the municipality's unique slug
//! decides).

use time::OffsetDateTime;

mod contacts;
pub use contacts::contacts;

use crate::backend::{db, db::Db, Error};
use crate::backend::service::municipality;
use crate::model::ids::{AppointmentId, CaseId, ResidentId, TodoId};
use crate::model::municipality::{CaseTypeSetup, HoursSetup, LocationSetup, ProductSetup, Setup, StatusSetup, TeamSetup};
use crate::model::staff_member::Confidentiality;

pub const DEMO_SLUG: &str = "voorbeeld";

/// Team slug, Dutch and English name.
const TEAMS: [(&str, &str, &str); 5] = [
    ("burgerzaken", "Burgerzaken", "Civil Affairs"),
    ("parkeren", "Parkeren", "Parking"),
    ("werk-en-inkomen", "Werk & Inkomen", "Work & Income"),
    ("vergunningen", "Vergunningen", "Permits"),
    ("kcc", "KCC", "Customer Contact Centre"),
];

struct DemoCaseType {
    code: &'static str,
    team: &'static str,
    name_nl: &'static str,
    name_en: &'static str,
    description_nl: &'static str,
    description_en: &'static str,
    lead_time_days: i64,
    confidentiality: Confidentiality,
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
        confidentiality: Confidentiality::Zaakvertrouwelijk,
    },
    DemoCaseType {
        code: "bijzondere-bijstand",
        team: "werk-en-inkomen",
        name_nl: "Bijzondere bijstand",
        name_en: "Special assistance benefit",
        description_nl: "Geld voor noodzakelijke kosten die je zelf niet kunt betalen.",
        description_en: "Money for necessary costs you cannot pay yourself.",
        lead_time_days: 56,
        // Income and debts: only those cleared for it.
        confidentiality: Confidentiality::Vertrouwelijk,
    },
    DemoCaseType {
        code: "omgevingsvergunning",
        team: "vergunningen",
        name_nl: "Omgevingsvergunning",
        name_en: "Environmental permit",
        description_nl: "Toestemming om te bouwen, te verbouwen of een boom te kappen.",
        description_en: "Permission to build, renovate or cut down a tree.",
        lead_time_days: 56,
        confidentiality: Confidentiality::Zaakvertrouwelijk,
    },
    DemoCaseType {
        code: "melding-openbare-ruimte",
        team: "kcc",
        name_nl: "Melding openbare ruimte",
        name_en: "Report about public space",
        description_nl: "Meld iets kapot of vies op straat, zoals een losse stoeptegel.",
        description_en: "Report something broken or dirty in the street, such as a loose paving stone.",
        lead_time_days: 5,
        confidentiality: Confidentiality::Intern,
    },
];

/// A status type: name and what it means for the resident, in Dutch and English (B1).
type DemoStatus = (&'static str, &'static str, &'static str, &'static str);

const RECEIVED: DemoStatus = (
    "Ontvangen",
    "Received",
    "We hebben je aanvraag ontvangen. We kijken of alles compleet is.",
    "We have received your application. We are checking that it is complete.",
);
const PROCESSING: DemoStatus = (
    "In behandeling",
    "Being processed",
    "Een medewerker beoordeelt je aanvraag. Je hoeft nu niets te doen.",
    "A staff member is assessing your application. You do not need to do anything now.",
);
const INFORMATION_NEEDED: DemoStatus = (
    "Informatie nodig",
    "Information needed",
    "We hebben meer informatie van je nodig. Daarna gaan we verder met je aanvraag.",
    "We need more information from you. Then we will continue with your application.",
);
const DECIDED: DemoStatus = (
    "Besluit genomen",
    "Decision made",
    "We hebben een besluit genomen. Je krijgt de brief ook in Mijn omgeving.",
    "We have made a decision. You will also find the letter in My environment.",
);
const COMPLETED: DemoStatus = (
    "Afgerond",
    "Completed",
    "Je zaak is afgerond. Ben je het niet eens met het besluit? Dan kun je binnen 6 weken bezwaar maken.",
    "Your case is closed. If you disagree with the decision, you can object within 6 weeks.",
);

fn status_types(case_type: &str) -> &'static [DemoStatus] {
    match case_type {
        "bijzondere-bijstand" => &[RECEIVED, INFORMATION_NEEDED, PROCESSING, DECIDED, COMPLETED],
        _ => &[RECEIVED, PROCESSING, DECIDED, COMPLETED],
    }
}

/// Demo residents (the BSNs the development provider logs in with).
const RESIDENT_BSNS: [&str; 3] = ["999993653", "999990019", "999991723"];

/// What the population register would tell about the demo residents: BSN,
/// name, birth date, postal code, house number.
const RESIDENT_DETAILS: [(&str, &str, time::Date, &str, &str); 3] = [
    ("999993653", "Jan Jansen", time::macros::date!(1971 - 03 - 14), "1234AB", "5"),
    ("999990019", "Fatima El Amrani", time::macros::date!(1988 - 09 - 02), "1234CD", "12"),
    ("999991723", "Kees de Boer", time::macros::date!(1949 - 12 - 30), "1234AB", "7"),
];

struct DemoCase {
    reference: &'static str,
    bsn: &'static str,
    case_type: &'static str,
    /// Days before now the case started, and then each step reached.
    started_days_ago: i64,
    steps_days_ago: &'static [i64],
    expected_in_days: i64,
    closed: bool,
}

const CASES: [DemoCase; 4] = [
    DemoCase { reference: "Z-2026-000101", bsn: "999993653", case_type: "parkeervergunning", started_days_ago: 10, steps_days_ago: &[10, 8], expected_in_days: 4, closed: false },
    DemoCase { reference: "Z-2026-000102", bsn: "999993653", case_type: "omgevingsvergunning", started_days_ago: 54, steps_days_ago: &[54, 40], expected_in_days: 2, closed: false },
    DemoCase { reference: "Z-2026-000103", bsn: "999993653", case_type: "melding-openbare-ruimte", started_days_ago: 30, steps_days_ago: &[30, 29, 25, 20], expected_in_days: -25, closed: true },
    DemoCase { reference: "Z-2026-000201", bsn: "999990019", case_type: "bijzondere-bijstand", started_days_ago: 5, steps_days_ago: &[5, 2], expected_in_days: 51, closed: false },
];

/// The demo municipality, set up as `loket init` sets up a real one.
pub fn demo_setup() -> Setup {
    let text = |s: &str| s.to_string();
    Setup {
        slug: text(DEMO_SLUG),
        name: text("Gemeente Voorbeeld"),
        phone: text("14 0123"),
        email: text("info@voorbeeld.example"),
        visit_address: text("Marktplein 1, 1234 AB Voorbeeld"),
        logo_path: text("/logo.svg"),
        general_team: text("kcc"),
        teams: TEAMS.iter().map(|(slug, nl, en)| TeamSetup { slug: text(slug), name_nl: text(nl), name_en: text(en) }).collect(),
        case_types: CASE_TYPES
            .iter()
            .map(|c| CaseTypeSetup {
                code: text(c.code),
                team: text(c.team),
                name_nl: text(c.name_nl),
                name_en: text(c.name_en),
                description_nl: text(c.description_nl),
                description_en: text(c.description_en),
                lead_time_days: c.lead_time_days,
                confidentiality: text(c.confidentiality.code()),
                retention_years: None,
                statuses: status_types(c.code)
                    .iter()
                    .map(|(name_nl, name_en, explanation_nl, explanation_en)| StatusSetup {
                        name_nl: text(name_nl),
                        name_en: text(name_en),
                        explanation_nl: text(explanation_nl),
                        explanation_en: text(explanation_en),
                    })
                    .collect(),
            })
            .collect(),
        locations: vec![
            LocationSetup { code: text("stadskantoor"), name: text("Stadskantoor"), address: text("Marktplein 1, Voorbeeld") },
            LocationSetup { code: text("wijkpost-noord"), name: text("Wijkpost Noord"), address: text("Noorderplein 12, Voorbeeld") },
        ],
        products: vec![
            ProductSetup {
                code: text("paspoort"),
                team: text("burgerzaken"),
                name_nl: text("Paspoort of ID-kaart aanvragen"),
                name_en: text("Apply for a passport or ID card"),
                minutes: 15,
                bring_nl: text("Neem je oude paspoort of ID-kaart mee en een pasfoto. Betalen kan met je pinpas."),
                bring_en: text("Bring your old passport or ID card and a passport photo. You can pay by debit card."),
                hours: vec![
                    HoursSetup { location: text("stadskantoor"), weekdays: vec![1, 2, 3, 4, 5], opens: text("09:00"), closes: text("12:30"), desks: 3 },
                    HoursSetup { location: text("wijkpost-noord"), weekdays: vec![2, 4], opens: text("13:30"), closes: text("16:00"), desks: 1 },
                ],
            },
            ProductSetup {
                code: text("gesprek-parkeren"),
                team: text("parkeren"),
                name_nl: text("Gesprek over je parkeervergunning"),
                name_en: text("Talk about your parking permit"),
                minutes: 30,
                bring_nl: text("Neem je kentekenbewijs mee."),
                bring_en: text("Bring your vehicle registration certificate."),
                hours: vec![HoursSetup { location: text("stadskantoor"), weekdays: vec![1, 3, 5], opens: text("09:00"), closes: text("12:00"), desks: 1 }],
            },
            ProductSetup {
                code: text("gesprek-inkomen"),
                team: text("werk-en-inkomen"),
                name_nl: text("Gesprek over je inkomen"),
                name_en: text("Talk about your income"),
                minutes: 45,
                bring_nl: text("Neem je bankafschriften van de laatste 3 maanden mee."),
                bring_en: text("Bring your bank statements for the last 3 months."),
                hours: vec![HoursSetup { location: text("stadskantoor"), weekdays: vec![2, 4], opens: text("09:00"), closes: text("15:00"), desks: 2 }],
            },
        ],
    }
}

/// Seeds the demo municipality unless one exists; true when it seeded.
pub async fn demo(db: &Db, now: OffsetDateTime) -> Result<bool, Error> {
    let mut tx = db.begin().await?;
    let Some(created) = municipality::create_in(&mut tx, &demo_setup(), now).await? else {
        return Ok(false);
    };
    let mut resident_ids = Vec::new();
    for bsn in RESIDENT_BSNS {
        let id = ResidentId::new();
        db::resident::insert_if_absent(&mut tx, id, bsn, now).await?;
        let id = db::resident::find_by_bsn_in(&mut tx, bsn).await?.ok_or(Error::Internal("a demo resident vanished"))?;
        if let Some((_, name, born, postal_code, number)) = RESIDENT_DETAILS.iter().find(|d| d.0 == bsn) {
            db::resident::set_profile(&mut tx, id, name, *born, postal_code, number).await?;
        }
        resident_ids.push((bsn, id));
    }
    for case in &CASES {
        let case_type_id = created.case_type(case.case_type);
        let resident_id = resident_ids.iter().find(|(bsn, _)| *bsn == case.bsn).map(|(_, id)| *id);
        let (Some(case_type_id), Some(resident_id)) = (case_type_id, resident_id) else {
            return Err(Error::Internal("demo case names an unknown case type or resident"));
        };
        let id = CaseId::new();
        let days = |n: i64| now - time::Duration::days(n);
        let last_step = case.steps_days_ago.last().copied().unwrap_or(case.started_days_ago);
        db::case::insert(
            &mut tx,
            &db::case::NewCase {
                id,
                reference: case.reference,
                case_type_id,
                resident_id,
                started_on: days(case.started_days_ago).date(),
                expected_decision_on: Some((now + time::Duration::days(case.expected_in_days)).date()),
                closed_at: case.closed.then(|| days(last_step)),
            },
            now,
        )
        .await?;
        for (i, ago) in case.steps_days_ago.iter().enumerate() {
            db::case::insert_status(&mut tx, id, case_type_id, i as i64 + 1, days(*ago)).await?;
        }
        if case.case_type == "bijzondere-bijstand" {
            db::todo::insert(
                &mut tx,
                &db::todo::NewTodo {
                    id: TodoId::new(),
                    case_id: id,
                    resident_id,
                    kind: "upload",
                    title_nl: "Stuur je bankafschriften",
                    title_en: "Send your bank statements",
                    description_nl: "Stuur de afschriften van al je bankrekeningen van de laatste 3 maanden. Een foto of PDF is goed.",
                    description_en: "Send the statements of all your bank accounts for the last 3 months. A photo or PDF is fine.",
                    due_on: (now + time::Duration::days(9)).date(),
                    choices: "",
                    product_id: None,
                    amount_cents: None,
                    created_by: None,
                },
                now,
            )
            .await?;
        }
    }
    if let Some((_, jan)) = resident_ids.iter().find(|(bsn, _)| *bsn == "999993653") {
        let starts_at = (now + time::Duration::days(3)).date().with_hms(9, 0, 0).expect("valid time").assume_utc();
        db::appointment::insert(
            &mut tx,
            &db::appointment::NewAppointment {
                id: AppointmentId::new(),
                resident_id: *jan,
                case_id: None,
                starts_at,
                ends_at: starts_at + time::Duration::minutes(30),
                place: "Stadskantoor, Marktplein 1, Voorbeeld (balie 3)",
                subject_nl: "Paspoort ophalen",
                subject_en: "Collect your passport",
                bring_nl: "Neem je oude paspoort mee. Betalen kan met je pinpas.",
                bring_en: "Bring your old passport. You can pay by debit card.",
            },
            now,
        )
        .await?;
    }
    // The demo staff (as the development provider knows them), so requests can name
    // owners and backups before anyone logged in; Petra leads every team.
    let mut lead = None;
    let mut administrator = None;
    for (subject, name, roles, email, teams, clearance) in STAFF {
        let known = db::staff_member::Login { subject, name, roles, email: Some(email), clearance: Some(clearance.code()) };
        let id = db::staff_member::insert_known(&mut tx, &known, teams, now).await?;
        match roles {
            "teamleider" => lead = Some(id),
            "beheerder" => administrator = Some(id),
            _ => {}
        }
    }
    for (question, answer, tags, review_in_days) in ANSWERS {
        let new = db::answer::NewAnswer {
            id: crate::model::ids::AnswerId::new(),
            question,
            answer,
            tags,
            owner_id: administrator,
            review_on: (now + time::Duration::days(review_in_days)).date(),
        };
        db::answer::insert(&mut tx, &new, now).await?;
    }
    if let Some(lead) = lead {
        db::team::set_missing_leads(&mut tx, lead).await?;
    }
    for (slug, name_nl, name_en, team, term_days, reminder_hours, questions) in CALLBACK_TYPES {
        let team_id = created.team(team)?;
        let row = db::callback::TypeRow {
            id: crate::model::ids::CallbackTypeId::new(),
            slug: slug.into(),
            name_nl: name_nl.into(),
            name_en: name_en.into(),
            team_id,
            term_hours: crate::backend::calendar::Calendar::default().hours_of_days(term_days),
            reminder_hours,
            questions: questions.into(),
        };
        db::callback::insert_type_if_absent(&mut tx, &row, now).await?;
    }
    // Routing: a few rules, and a routed history the suggestion learns from.
    for (keyword, team) in ROUTING_RULES {
        let rule = db::routing::NewRule { channel: None, keyword: Some(keyword), case_type_id: None, team_id: created.team(team)? };
        db::routing::insert_rule(&mut tx, &rule, now).await?;
    }
    for (text, team) in crate::backend::service::routing::example_history(200, 7) {
        let decision = db::routing::NewDecision { conversation_id: None, text: &text, team_id: created.team(team)?, suggested_team: None, staff_id: None };
        db::routing::insert_decision(&mut tx, &decision, now).await?;
    }
    tx.commit().await?;
    for (code, texts) in PURPOSES {
        crate::backend::service::consent::create_purpose(db, code, &texts, now).await?;
    }
    Ok(true)
}

/// Demo staff: subject (as at the development provider), name, roles,
/// e-mail, teams, clearance. The development provider sends the same.
type DemoStaff = (&'static str, &'static str, &'static str, &'static str, &'static [&'static str], Confidentiality);
const STAFF: [DemoStaff; 5] = [
    ("medewerker-sanne", "Sanne de Vries", "kcc", "sanne@voorbeeld.example", &["kcc"], Confidentiality::Zaakvertrouwelijk),
    ("medewerker-ahmed", "Ahmed Benali", "specialist", "ahmed@voorbeeld.example", &["vergunningen", "werk-en-inkomen", "parkeren"], Confidentiality::Vertrouwelijk),
    ("medewerker-petra", "Petra Jansen", "teamleider", "petra@voorbeeld.example", &["burgerzaken", "parkeren", "werk-en-inkomen", "vergunningen", "kcc"], Confidentiality::Vertrouwelijk),
    ("medewerker-bram", "Bram Visser", "beheerder", "bram@voorbeeld.example", &[], Confidentiality::Openbaar),
    ("medewerker-inge", "Inge Bakker", "privacy", "inge@voorbeeld.example", &[], Confidentiality::Openbaar),
];

/// Demo routing rules: keyword, team.
const ROUTING_RULES: [(&str, &str); 5] = [
    ("parkeervergunning", "parkeren"),
    ("uitkering", "werk-en-inkomen"),
    ("bijstand", "werk-en-inkomen"),
    ("dakkapel", "vergunningen"),
    ("rijbewijs", "burgerzaken"),
];

/// Demo answers: question, answer (B1), tags, review date in days from now (one is overdue).
const ANSWERS: [(&str, &str, &str, i64); 3] = [
    (
        "Wat neem ik mee als ik mijn paspoort ophaal?",
        "Neem je oude paspoort mee. Heb je geen oud paspoort meer? Neem dan een ander geldig identiteitsbewijs mee. Je kunt betalen met je pinpas.",
        "paspoort ophalen balie",
        180,
    ),
    (
        "Gaat mijn parkeervergunning mee als ik verhuis?",
        "Ja, als je binnen de gemeente verhuist en je ons toestemming geeft. Dat regel je in Mijn omgeving bij Toestemmingen. Dan passen wij je vergunning aan. Je hoeft niets aan te vragen.",
        "parkeren vergunning verhuizen",
        180,
    ),
    (
        "Wanneer wordt het grofvuil opgehaald?",
        "We halen grofvuil op afspraak op. Maak een afspraak via de website of bel 14 0123. Zet het grofvuil op de dag zelf voor 7.30 uur buiten.",
        "afval grofvuil ophalen",
        -10,
    ),
];

/// Demo callback types: slug, names, team, term in working days, reminder interval in working hours, intake questions.
const CALLBACK_TYPES: [(&str, &str, &str, &str, i64, i64, &str); 3] = [
    ("algemeen", "Algemene vraag", "General question", "kcc", 2, 4, "Waar gaat de vraag over?\nHeeft de inwoner al eerder contact gehad over deze vraag?"),
    ("parkeren", "Parkeervergunning", "Parking permit", "parkeren", 2, 4, "Om welk kenteken gaat het?\nGaat het om een nieuwe vergunning of een wijziging?"),
    ("inkomen", "Uitkering of bijstand", "Benefits", "werk-en-inkomen", 3, 8, "Heeft de inwoner al een uitkering?\nIs er haast (bijvoorbeeld een betaling die niet binnenkomt)?"),
];

/// The demo consent purposes: the seeds' example, and contact by WhatsApp.
const PURPOSES: [(&str, crate::backend::service::consent::Texts<'static>); 3] = [
    (
        crate::backend::service::consent::PARKING_RELOCATION,
        crate::backend::service::consent::Texts {
            name_nl: "Parkeervergunning meeverhuizen",
            name_en: "Move my parking permit along",
            text_nl: "Verhuis je binnen de gemeente? Dan passen wij je parkeervergunning aan op je nieuwe adres. Je hoeft dan niets aan te vragen. We gebruiken daarvoor je nieuwe adres uit de Basisregistratie Personen. Alleen team Parkeren gebruikt het, en alleen voor je vergunning. Dit geldt tot je je toestemming intrekt.",
            text_en: "Are you moving within the municipality? Then we update your parking permit to your new address. You do not need to apply for anything. For this we use your new address from the population register. Only the Parking team uses it, and only for your permit. This applies until you withdraw your consent.",
        },
    ),
    (
        "contact-whatsapp",
        crate::backend::service::consent::Texts {
            name_nl: "Berichten via WhatsApp",
            name_en: "Messages through WhatsApp",
            text_nl: "We mogen je via WhatsApp antwoord geven op je vragen. Kies je WhatsApp als je voorkeur, dan sturen we je daar ook een kort bericht als er iets verandert in Mijn omgeving of als er een bericht voor je klaarstaat. We gebruiken daarvoor je telefoonnummer dat je bij ons hebt bevestigd. WhatsApp is van Meta; daarom sturen we zo nooit gevoelige informatie, alleen een link naar Mijn omgeving. Dit geldt tot je je toestemming intrekt.",
            text_en: "We may answer your questions through WhatsApp. If you choose WhatsApp as your preference, we also send you a short message there when something changes in My environment or a message is waiting for you. For this we use the phone number you confirmed with us. WhatsApp belongs to Meta, so we never send sensitive information this way, only a link to My environment. This applies until you withdraw your consent.",
        },
    ),
    (
        "contact-sms",
        crate::backend::service::consent::Texts {
            name_nl: "Berichten per sms",
            name_en: "Messages by text message",
            text_nl: "Kies je sms als je voorkeur, dan sturen we je een sms als er iets verandert in Mijn omgeving of als er een bericht voor je klaarstaat. In de sms staat nooit wat er is veranderd, alleen een link naar Mijn omgeving. We gebruiken daarvoor je telefoonnummer dat je bij ons hebt bevestigd. Dit geldt tot je je toestemming intrekt.",
            text_en: "If you choose text messages as your preference, we send you a text message when something changes in My environment or a message is waiting for you. The text message never says what changed, only a link to My environment. For this we use the phone number you confirmed with us. This applies until you withdraw your consent.",
        },
    ),
];

#[cfg(test)]
mod tests {
    use super::*;
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
