//! Relocation, the example from the seeds end to end: an address change
//! ([`record`], from the population register or a staff action) waits in
//! a queue; [`process_queued`] then either moves the parking permit along
//! and tells the resident, or (without consent at that moment, so a
//! revocation stops queued work too) gives them a to-do. Either way the
//! resident's open pages hear of it and the notice goes out at once.

use time::{Duration, OffsetDateTime};

use crate::backend::{
    db::{self, Db},
    effect::{Committed, Effects},
    service::{
        consent::{self, PARKING_RELOCATION},
        message,
        notice::{self, Notice},
        processing_log::{self, Entry},
    },
    Error,
};
use crate::model::ids::{RelocationId, ResidentId, StaffId, TodoId};
use crate::model::processing_log::Category;

/// The case type whose cases a relocation updates.
pub const PARKING_CASE_TYPE: &str = "parkeervergunning";
pub const MAX_ADDRESS_CHARS: usize = 200;

/// An address change for a resident arrives (population register, or
/// staff passing it on, with their reason, logged); it waits for [`process_queued`].
pub async fn record(db: &Db, by: Option<(StaffId, &str)>, resident: ResidentId, new_address: &str, now: OffsetDateTime) -> Result<Committed<RelocationId>, Error> {
    let address = Error::required_text("address", new_address, MAX_ADDRESS_CHARS)?;
    let by = by.map(|(staff, reason)| processing_log::reason(reason).map(|r| (staff, r))).transpose()?;
    db::resident::find_bsn(db, resident).await?.ok_or(Error::NotFound)?;
    let id = db::consent::insert_relocation(db, resident, &address, now).await?;
    if let Some((staff, reason)) = by {
        let entry = Entry::change(staff, resident, Category::Relocation, processing_log::RELOCATION).object(id).reason(reason);
        processing_log::record_reads(db, &[entry], now).await?;
    }
    Ok(Committed::new(id, Effects::relocate()))
}

/// What acting on a relocation did.
pub const PERMIT_MOVED: &str = "permit_moved";
pub const TODO_GIVEN: &str = "todo_given";
pub const NO_PERMIT: &str = "no_permit";

/// Acts on every queued relocation, deciding on consent as it is now.
/// Safe on several nodes: each relocation is finished in the transaction
/// that acts on it, and only once. Returns how many were acted on.
pub async fn process_queued(db: &Db, now: OffsetDateTime) -> Result<Committed<usize>, Error> {
    let mut done = 0;
    let mut effects = Effects::none();
    for row in db::consent::queued_relocations(db, 50).await? {
        let permit = db::case::open_of_type(db, row.resident_id, PARKING_CASE_TYPE).await?;
        let consent = consent::may_use(db, row.resident_id, PARKING_RELOCATION, now).await?;
        let team = match permit {
            Some(case) => db::case::team_for_resident(db, row.resident_id, case).await?,
            None => None,
        };
        let mut tx = db.begin().await?;
        let outcome = match (permit, team, consent) {
            (Some(_), Some(_), true) => PERMIT_MOVED,
            (Some(_), Some(_), false) => TODO_GIVEN,
            _ => NO_PERMIT,
        };
        if !db::consent::finish_relocation(&mut tx, row.id, outcome, now).await? {
            continue;
        }
        let mut step = Effects::none();
        if let (Some(case), Some(team)) = (permit, team) {
            if consent {
                let body = format!(
                    "Je gaat verhuizen naar {}. Je gaf ons toestemming om je parkeervergunning dan mee te verhuizen. Dat hebben we gedaan: je vergunning geldt voor je nieuwe adres. Je hoeft niets te doen.",
                    row.new_address
                );
                let informed = message::inform(&mut tx, row.resident_id, team, Some(case), "Je parkeervergunning is meeverhuisd", &body, now).await?;
                let noticed = notice::enqueue(&mut tx, Notice::MessageReceived { resident: row.resident_id }, now).await?;
                step = informed.and(noticed);
            } else {
                let todo = db::todo::NewTodo {
                    id: TodoId::new(),
                    case_id: case,
                    resident_id: row.resident_id,
                    kind: crate::model::case::TodoKind::Arrange.code(),
                    title_nl: "Regel je parkeervergunning voor je nieuwe adres",
                    title_en: "Arrange your parking permit for your new address",
                    description_nl: "Je gaat verhuizen. Je parkeervergunning geldt alleen voor je oude adres. Vraag een vergunning aan voor je nieuwe adres. Wil je dat wij dit voortaan voor je regelen? Geef dan toestemming op de pagina Toestemmingen.",
                    description_en: "You are moving. Your parking permit is only valid for your old address. Apply for a permit for your new address. Would you like us to arrange this for you from now on? Then give consent on the Consents page.",
                    due_on: (now + Duration::days(14)).date(),
                    choices: "",
                    product_id: None,
                    amount_cents: None,
                    created_by: None,
                };
                db::todo::insert(&mut tx, &todo, now).await?;
                step = notice::enqueue(&mut tx, Notice::CaseChanged { resident: row.resident_id }, now).await?;
            }
            db::case::touch(&mut tx, case, now).await?;
        }
        tx.commit().await?;
        effects = effects.and(step);
        done += 1;
    }
    Ok(Committed::new(done, effects))
}
