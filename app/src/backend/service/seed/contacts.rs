//! The demo municipality's contacts, so a first look shows what Loket
//! does: conversations on every channel (portal, e-mail, WhatsApp, SMS, a
//! phone call, a counter visit, a letter) in every state, some from
//! people not identified yet, some with internal notes; callback requests
//! on time, reminded, escalated and closed; consent histories. Written
//! through the same services real traffic goes through, at moments before
//! `now`, so routing, the processing log and reminders happen as they
//! would. The same content on every fresh database.

use time::{Duration, OffsetDateTime};

use crate::backend::calendar::Calendar;
use crate::backend::{
    auth::session::Staff,
    db::{self, Db},
    service::{
        callback::{self, NewRequest, Owner},
        consent::{self, Change},
        conversation,
        inbound::{self, Arrival},
        message::{self, Question},
        phone_call, staff_member,
    },
    storage::DocumentStorage,
    Error,
};
use crate::i18n::Lang;
use crate::model::consent::ConsentChannel;
use crate::model::conversation::{Channel, Direction};
use crate::model::ids::{ConversationId, ResidentId};

/// A fixed client id per demo message: the same on every database.
fn client_id(name: &str) -> uuid::Uuid {
    uuid::Uuid::new_v5(&uuid::Uuid::NAMESPACE_URL, format!("https://loket.example/demo/{name}").as_bytes())
}

async fn staff(db: &Db, subject: &str) -> Result<Staff, Error> {
    let id = db::staff_member::find_by_subject(db, subject).await?.ok_or(Error::Internal("a demo staff member is missing"))?;
    staff_member::current(db, id).await?.ok_or(Error::Internal("a demo staff member has no role"))
}

async fn resident(db: &Db, bsn: &str) -> Result<ResidentId, Error> {
    db::resident::find_by_bsn(db, bsn).await?.ok_or(Error::Internal("a demo resident is missing"))
}

/// Every contact of the demo; run once, right after the municipality was seeded.
pub async fn contacts(db: &Db, storage: &dyn DocumentStorage, now: OffsetDateTime) -> Result<(), Error> {
    let (sanne, ahmed, petra) = (staff(db, "medewerker-sanne").await?, staff(db, "medewerker-ahmed").await?, staff(db, "medewerker-petra").await?);
    let (jan, fatima, kees) = (resident(db, "999993653").await?, resident(db, "999990019").await?, resident(db, "999991723").await?);
    let ago = |hours: i64| now - Duration::hours(hours);
    let parking_case = db::case::find_by_reference(db, "Z-2026-000101").await?.map(|c| c.id);

    // Portal: Jan asks about his parking permit; Ahmed takes it, answers, notes what he checked; Jan answers back.
    let asked = message::ask(
        db,
        storage,
        jan,
        &Question {
            client_id: client_id("portal-jan-1"),
            subject: "Parkeervergunning voor mijn tweede auto",
            body: "Goedemorgen, ik heb sinds kort een tweede auto. Kan die ook op mijn vergunning? Het kenteken is GV-123-X.",
            case: parking_case,
            attachments: &[],
        },
        ago(50),
    )
    .await?
    .value;
    let portal = asked.conversation;
    let _ = conversation::assign(db, &ahmed, portal, Some(ahmed.id), ago(49)).await?;
    let _ = message::post_by_staff(db, &ahmed, portal, client_id("portal-jan-2"), "Goedemiddag meneer Jansen, dat kan. Een tweede vergunning kost € 120 per jaar. Wilt u dat ik hem aanvraag?", Direction::Out, ago(48)).await?;
    let _ = message::post_by_staff(db, &ahmed, portal, client_id("portal-jan-3"), "Kenteken nagekeken bij de RDW: op naam van J. Jansen.", Direction::Note, ago(48)).await?;
    let _ = message::reply_by_resident(db, storage, jan, portal, client_id("portal-jan-4"), "Ja graag, doet u dat maar.", &[], ago(26)).await?;

    // Portal, answered and waiting for the resident: Fatima's question about her benefit.
    let asked = message::ask(
        db,
        storage,
        fatima,
        &Question {
            client_id: client_id("portal-fatima-1"),
            subject: "Welke afschriften moet ik sturen?",
            body: "Ik moet bankafschriften sturen voor bijzondere bijstand. Ook van mijn spaarrekening?",
            case: None,
            attachments: &[],
        },
        ago(30),
    )
    .await?
    .value;
    let _ = message::post_by_staff(db, &ahmed, asked.conversation, client_id("portal-fatima-2"), "Ja, van al je rekeningen, ook je spaarrekening. Van de laatste 3 maanden.", Direction::Out, ago(29)).await?;

    // E-mail from someone Loket does not know: the KCC's queue, with a routing suggestion.
    let mail = Arrival {
        channel: Channel::Email,
        provider_id: "demo-mail-1",
        from: "k.devries@example.nl",
        subject: Some("Grofvuil ophalen"),
        body: "Beste gemeente, wanneer kan ik mijn oude bank laten ophalen? Met vriendelijke groet, K. de Vries",
        at: ago(20),
        answers: &[],
        sender_verified: false,
        attachments: Vec::new(),
    };
    let _ = inbound::receive(db, storage, mail, ago(20)).await?;

    // WhatsApp from an unknown number about a benefit: routed to Werk & Inkomen by its words.
    let whatsapp = Arrival {
        channel: Channel::WhatsApp,
        provider_id: "demo-whatsapp-1",
        from: "+31612345601",
        subject: None,
        body: "Hallo, ik heb 3 weken geleden bijstand aangevraagd. Wanneer hoor ik iets?",
        at: ago(6),
        answers: &[],
        sender_verified: true,
        attachments: Vec::new(),
    };
    let _ = inbound::receive(db, storage, whatsapp, ago(6)).await?;

    // SMS from an unknown number.
    let sms = Arrival {
        channel: Channel::Sms,
        provider_id: "demo-sms-1",
        from: "+31612345602",
        subject: None,
        body: "Mijn groene container is vandaag niet geleegd. Dorpsstraat 8.",
        at: ago(3),
        answers: &[],
        sender_verified: false,
        attachments: Vec::new(),
    };
    let _ = inbound::receive(db, storage, sms, ago(3)).await?;

    // A phone call: Sanne takes it, checks who calls (Kees), writes down what he asked, closes it.
    let call = phone_call::started(db, "demo-call-1", "+31201234567", Some("medewerker-sanne"), ago(28), Some(ago(28) - Duration::seconds(22)), ago(28)).await?;
    let _ = phone_call::ended(db, "demo-call-1", ago(27), ago(27)).await?;
    let _ = conversation::identify(db, &sanne, call, "999991723", "Naam, geboortedatum en adres nagevraagd", ago(27)).await?;
    let _ = message::record_contact(db, &sanne, call, client_id("call-kees-1"), "phone", "Vraagt of de losse stoeptegel voor zijn deur al is gemaakt. Melding Z-2026-000103 is afgerond; dat uitgelegd.", ago(27)).await?;
    let _ = conversation::close(db, &sanne, call, "Uitgelegd dat de melding is afgehandeld", ago(27)).await?;

    // A short call from a number nobody confirmed, taken by nobody: it waits, new, in the KCC's queue.
    let _ = phone_call::started(db, "demo-call-2", "+31612345607", None, ago(2), Some(ago(2) - Duration::seconds(75)), ago(2)).await?;
    let _ = phone_call::ended(db, "demo-call-2", ago(2) + Duration::minutes(3), ago(2) + Duration::minutes(3)).await?;

    // A counter visit: Fatima at the desk, Sanne helps her and keeps the conversation.
    let counter = open(db, fatima, "Hulp bij het uploaden van afschriften", Channel::Counter, sanne.teams.first().copied(), ago(5)).await?;
    let _ = conversation::assign(db, &sanne, counter, Some(sanne.id), ago(5)).await?;
    let _ = message::record_contact(db, &sanne, counter, client_id("counter-fatima-1"), "counter", "Mevrouw kwam langs: de upload lukte niet op haar telefoon. Samen geprobeerd; het bestand is te groot.", ago(5)).await?;
    let _ = message::post_by_staff(db, &sanne, counter, client_id("counter-fatima-2"), "Afspraak: ze stuurt de afschriften als foto's. Terugbellen als het morgen niet gelukt is.", Direction::Note, ago(5)).await?;

    // A letter from Kees, recorded for the permits team.
    let permits = db::team::list(db).await?.into_iter().find(|t| t.name_nl == "Vergunningen").map(|t| t.id);
    let letter = open(db, kees, "Brief: bezwaar tegen de kap van een boom", Channel::Letter, permits, ago(70)).await?;
    let _ = message::record_contact(db, &petra, letter, client_id("letter-kees-1"), "letter", "Brief ontvangen: meneer De Boer maakt bezwaar tegen de kap van de eik op Dorpsstraat 10.", ago(70)).await?;

    // A closed conversation from earlier, so the history has one.
    let asked = message::ask(
        db,
        storage,
        jan,
        &Question {
            client_id: client_id("portal-jan-old-1"),
            subject: "Openingstijden stadskantoor",
            body: "Is het stadskantoor op zaterdag open?",
            case: None,
            attachments: &[],
        },
        ago(24 * 12),
    )
    .await?
    .value;
    let _ = message::post_by_staff(db, &sanne, asked.conversation, client_id("portal-jan-old-2"), "Op zaterdag zijn we dicht. Op donderdag zijn we open tot 20.00 uur.", Direction::Out, ago(24 * 12 - 2)).await?;
    let _ = conversation::close(db, &sanne, asked.conversation, "Openingstijden gegeven", ago(24 * 11)).await?;

    // Kees confirmed his mobile number: staff find him by it.
    confirmed_phone(db, kees, "+31612345609", ago(24 * 40)).await?;

    callbacks(db, &sanne, &ahmed, [jan, fatima, kees], now).await?;
    consents(db, &sanne, [jan, fatima], now).await?;
    Ok(())
}

/// A mobile number the resident confirmed (as with the texted code).
async fn confirmed_phone(db: &Db, resident: ResidentId, number: &str, at: OffsetDateTime) -> Result<(), Error> {
    let mut tx = db.begin().await?;
    let new = db::contact_address::NewCode { resident_id: resident, channel: "phone", address: number, language: "nl", code_hash: "demo", code_expires_at: at + Duration::minutes(10) };
    db::contact_address::set_unverified(&mut tx, &new, at).await?;
    tx.commit().await?;
    let row = db::contact_address::find(db, resident, "phone").await?.ok_or(Error::Internal("the demo number vanished"))?;
    db::contact_address::verify(db, row.id, "demo", at).await?;
    Ok(())
}

/// A conversation a staff member opens for a visit or a letter (there is no sender address).
async fn open(db: &Db, resident: ResidentId, subject: &str, channel: Channel, team: Option<crate::model::ids::TeamId>, at: OffsetDateTime) -> Result<ConversationId, Error> {
    let team = match team {
        Some(team) => team,
        None => crate::backend::service::team::general(db).await?,
    };
    let id = ConversationId::new();
    let mut tx = db.begin().await?;
    let new = db::conversation::NewConversation { id, resident_id: Some(resident), subject, case_id: None, status: "open", team_id: team, channel: channel.code(), contact: None };
    db::conversation::insert(&mut tx, &new, at).await?;
    tx.commit().await?;
    Ok(id)
}

/// Callback requests on time, reminded once, escalated and closed; the
/// reminders are taken as the reminder job would have taken them.
async fn callbacks(db: &Db, sanne: &Staff, ahmed: &Staff, [jan, fatima, kees]: [ResidentId; 3], now: OffsetDateTime) -> Result<(), Error> {
    let calendar = Calendar::default();
    let types = db::callback::types(db).await?;
    let of = |slug: &str| types.iter().find(|t| t.slug == slug).ok_or(Error::Internal("a demo callback type is missing"));
    let (general, parking, income) = (of("algemeen")?, of("parkeren")?, of("inkomen")?);
    // When a request of `term_hours` must be made so its term ended an hour ago (in working time).
    let overdue_since_an_hour = |term_hours: i64| {
        let mut made = now - Duration::hours(term_hours);
        while calendar.deadline(made, term_hours) > now - Duration::hours(1) {
            made -= Duration::hours(1);
        }
        made
    };
    let request = |name: &'static str, kind: &db::callback::TypeRow, resident, phone, question, owner| NewRequest {
        client_id: client_id(name),
        callback_type: kind.id,
        resident: Some(resident),
        conversation: None,
        phone,
        preferred_time: "Liefst 's ochtends",
        question,
        answers: &[],
        owner,
        backup: None,
    };
    // On time: for the parking team.
    let new = request("callback-on-time", parking, jan, "+31612345603", "Wil weten of zijn vergunning meeverhuist naar de Kerkstraat.", None);
    let _ = callback::create(db, &calendar, None, &new, now - Duration::hours(1)).await?;
    // On time, Sanne's own.
    let new = request("callback-sanne", general, kees, "+31201234567", "Wil een afspraak maken voor een nieuw paspoort, maar kan niet online.", Some(Owner::Person(sanne.id)));
    let _ = callback::create(db, &calendar, Some(sanne.id), &new, now - Duration::hours(2)).await?;
    // Past its term an hour ago: reminded once.
    let new = request("callback-reminded", income, fatima, "+31612345604", "Haar betaling is niet binnengekomen.", Some(Owner::Person(ahmed.id)));
    let _ = callback::create(db, &calendar, Some(sanne.id), &new, overdue_since_an_hour(income.term_hours)).await?;
    // Long past its term: reminded three times and escalated to the team's lead.
    let new = request("callback-escalated", general, kees, "+31201234567", "Vraag over de hondenbelasting.", Some(Owner::Person(sanne.id)));
    let _ = callback::create(db, &calendar, Some(sanne.id), &new, now - Duration::days(15)).await?;
    // Handled.
    let new = request("callback-closed", general, jan, "+31612345603", "Vraag over het ophalen van zijn paspoort.", Some(Owner::Person(sanne.id)));
    let made = callback::create(db, &calendar, Some(sanne.id), &new, now - Duration::days(5)).await?.value;
    let _ = callback::record_attempt(db, sanne, made, "phone", true, "Uitgelegd wat hij moet meenemen.", now - Duration::days(5) + Duration::hours(2)).await?;
    let _ = callback::close(db, sanne, made, "Uitleg gegeven over ophalen paspoort", now - Duration::days(5) + Duration::hours(2)).await?;
    // The reminder job as it would have run, every hour since the oldest request.
    let mut at = now - Duration::days(15);
    while at <= now {
        let _ = callback::remind_due(db, &calendar, at).await?;
        at += Duration::hours(1);
    }
    Ok(())
}

/// Consent histories: given, withdrawn, given again; one recorded at the counter.
/// (Kees has none: the browser tests give and withdraw his.)
async fn consents(db: &Db, sanne: &Staff, [jan, fatima]: [ResidentId; 2], now: OffsetDateTime) -> Result<(), Error> {
    let texts = consent::purpose_texts(db).await?;
    let purpose = |code: &str| texts.iter().find(|t| t.code == code).map(|t| t.id).ok_or(Error::Internal("a demo consent purpose is missing"));
    let parking = purpose(consent::PARKING_RELOCATION)?;
    let whatsapp = purpose("contact-whatsapp")?;
    let change = |resident: ResidentId, purpose, grant: bool, channel: ConsentChannel, by: Option<(crate::model::ids::StaffId, String)>, days: i64| async move {
        let current = consent::for_resident(db, resident, Lang::Nl).await?;
        let text = current.purposes.iter().find(|p| p.id == purpose).map(|p| p.text_id).ok_or(Error::Internal("a demo consent text is missing"))?;
        consent::change(db, resident, &Change { purpose, text, grant, channel, staff: by }, Lang::Nl, now - Duration::days(days)).await
    };
    change(jan, parking, true, ConsentChannel::Portal, None, 60).await?;
    change(fatima, whatsapp, true, ConsentChannel::Portal, None, 30).await?;
    change(fatima, whatsapp, false, ConsentChannel::Portal, None, 10).await?;
    change(fatima, whatsapp, true, ConsentChannel::Portal, None, 2).await?;
    change(jan, whatsapp, true, ConsentChannel::Counter, Some((sanne.id, "Aan de balie gevraagd, mondeling toegelicht".to_string())), 20).await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::conversation::ConversationStatus;
    use time::macros::datetime;

    /// What the demo shows, in a form two databases can be compared by.
    async fn shown(db: &Db) -> Vec<String> {
        let mut shown = Vec::new();
        let everything = db::conversation::InboxFilter { status: None, ..Default::default() };
        for status in ConversationStatus::ALL {
            let filter = db::conversation::InboxFilter { status: Some(status.code().to_string()), ..everything.clone() };
            for c in db::conversation::inbox(db, &filter, 100).await.unwrap() {
                let messages = db::conversation::messages(db, c.id, true).await.unwrap();
                let bodies: Vec<String> = messages.iter().map(|m| format!("{}:{}:{}", m.channel, m.direction, m.body)).collect();
                shown.push(format!("{} | {} | {} | known {} | taken {} | {}", c.subject, c.status, c.team_nl, c.resident_id.is_some(), c.assignee_id.is_some(), bodies.join(" / ")));
            }
        }
        shown.sort();
        shown
    }

    #[tokio::test]
    async fn the_demo_shows_every_channel_and_state_the_same_on_both_databases() {
        // A Wednesday morning and a Monday morning: the calendar must not change what the demo shows.
        for now in [datetime!(2026-11-25 09:00 UTC), datetime!(2026-11-30 07:00 UTC)] {
            let sqlite = crate::backend::db::scratch::ScratchDb::sqlite().await;
            let postgres = crate::backend::db::scratch::ScratchDb::postgres().await;
            let dir = std::env::temp_dir().join(format!("loket-demo-{}", uuid::Uuid::new_v4().simple()));
            let storage = crate::backend::storage::LocalDisk::new(dir.clone());
            let mut seen = Vec::new();
            for db in [&sqlite.db, &postgres.db] {
                assert!(crate::backend::service::seed::demo(db, now).await.unwrap());
                contacts(db, &storage, now).await.unwrap();
                seen.push(shown(db).await);
                // Every channel, every state, someone unknown and an internal note.
                let all = seen.last().unwrap().join("\n");
                for channel in Channel::ALL {
                    assert!(all.contains(&format!("{}:", channel.code())), "a conversation on {channel:?}");
                }
                for status in ConversationStatus::ALL {
                    assert!(all.contains(&format!("| {} |", status.code())), "a conversation {status:?}");
                }
                assert!(all.contains("known false") && all.contains(":note:") && all.contains("taken false") && all.contains("taken true"));
                // Callback requests on time, reminded (not escalated), escalated and closed.
                let rows = db::callback::states(db).await.unwrap();
                let open = |r: &&(String, i64, bool, OffsetDateTime)| r.0 == "open";
                assert!(rows.iter().filter(open).any(|r| r.1 == 0 && r.3 > now), "one on time: {rows:?}");
                assert!(rows.iter().filter(open).any(|r| r.1 >= 1 && !r.2), "one reminded, not escalated: {rows:?}");
                assert!(rows.iter().filter(open).any(|r| r.2), "one escalated: {rows:?}");
                assert!(rows.iter().any(|r| r.0 == "handled"), "one handled: {rows:?}");
                // Consent histories: given, withdrawn and given again.
                let fatima = db::resident::find_by_bsn(db, "999990019").await.unwrap().unwrap();
                assert_eq!(consent::for_resident(db, fatima, Lang::Nl).await.unwrap().history.len(), 3);
            }
            assert_eq!(seen[0], seen[1], "the same demo on SQLite and PostgreSQL");
            let _ = std::fs::remove_dir_all(dir);
        }
    }
}
