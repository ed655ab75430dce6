//! Appointments: the free times of a product to choose from, booking one
//! (by the resident for an appointment to-do, or by staff of the case's
//! team), moving and cancelling one's own, the calendar file, and a
//! team's list of bookings and cancellations. Times are shown in Dutch
//! local time; which times are free is the agenda's answer
//! (`backend::agenda`), so an external appointment system can take over.

use time::{Date, Duration, OffsetDateTime, PrimitiveDateTime};

use crate::backend::{
    agenda::Agenda,
    auth::session::Staff,
    db::{self, appointment::{AppointmentRow, ProductRow}, Db},
    effect::Committed,
    local_time::{self, offset_at},
    service::{
        case,
        notice::{self, Notice},
        processing_log::{self, Entry, APPOINTMENT_HANDLING},
    },
    Error,
};
use crate::i18n::Lang;
use crate::model::appointment::{AppointmentSummary, Location, Product, SlotChoice, TeamAppointment, TeamAppointments};
use crate::model::ids::{AppointmentId, CaseId, LocationId, ProductId, ResidentId, TodoId};
use crate::model::processing_log::Category;

/// How far ahead times are offered, and how many days with a free time are listed.
const DAYS_AHEAD: i64 = 42;
const DAYS_LISTED: usize = 10;
/// A time starts at least this long after it is booked.
const LEAD: Duration = Duration::hours(1);
/// How long a team sees a cancellation.
const CANCELLED_SHOWN: Duration = Duration::days(14);

fn local(at: OffsetDateTime) -> OffsetDateTime {
    at.to_offset(offset_at(at))
}

fn summary(r: AppointmentRow, lang: Lang) -> AppointmentSummary {
    let (starts, ends) = (local(r.starts_at), local(r.ends_at));
    AppointmentSummary {
        id: r.id,
        subject: lang.pick(&r.subject_nl, &r.subject_en).to_string(),
        date: starts.date(),
        starts: starts.time(),
        ends: ends.time(),
        place: r.place,
        bring: lang.pick(&r.bring_nl, &r.bring_en).to_string(),
        product: r.product_id,
    }
}

fn product(row: &ProductRow, lang: Lang) -> Product {
    Product { id: row.id, name: lang.pick(&row.name_nl, &row.name_en).to_string(), minutes: row.minutes }
}

/// The resident's upcoming appointments, soonest first.
pub async fn list_upcoming(db: &Db, resident: ResidentId, lang: Lang, now: OffsetDateTime) -> Result<Vec<AppointmentSummary>, Error> {
    Ok(db::appointment::list_upcoming_for_resident(db, resident, now).await?.into_iter().map(|r| summary(r, lang)).collect())
}

/// One of the resident's own upcoming appointments; anyone else's is `NotFound`.
pub async fn find_own(db: &Db, resident: ResidentId, id: AppointmentId, lang: Lang, now: OffsetDateTime) -> Result<AppointmentSummary, Error> {
    let row = db::appointment::find_upcoming_for_resident(db, resident, id, now).await?.ok_or(Error::NotFound)?;
    Ok(summary(row, lang))
}

/// Everything that can be booked.
pub async fn products(db: &Db, lang: Lang) -> Result<Vec<Product>, Error> {
    Ok(db::appointment::list_products(db).await?.iter().map(|p| product(p, lang)).collect())
}

/// The free times of a product: at the chosen location (or the first),
/// the days with a free time, and the times of the chosen day (or the first such day).
pub async fn choice(agenda: &dyn Agenda, db: &Db, product_id: ProductId, location: Option<LocationId>, day: Option<Date>, lang: Lang, now: OffsetDateTime) -> Result<SlotChoice, Error> {
    let product_row = db::appointment::find_product(db, product_id).await?.ok_or(Error::NotFound)?;
    let locations: Vec<Location> = db::appointment::locations_of(db, product_id)
        .await?
        .into_iter()
        .map(|l| Location { id: l.id, name: l.name, address: l.address })
        .collect();
    let location = location.filter(|l| locations.iter().any(|x| x.id == *l)).or(locations.first().map(|l| l.id));
    let mut choice = SlotChoice { product: product(&product_row, lang), locations, location, days: Vec::new(), day: None, times: Vec::new() };
    let Some(location) = location else { return Ok(choice) };
    let today = local(now).date();
    let free = agenda.free(&product_row, location, today, today + Duration::days(DAYS_AHEAD), now + LEAD).await?;
    let free: Vec<OffsetDateTime> = free.into_iter().map(local).collect();
    for at in &free {
        if choice.days.last() != Some(&at.date()) && choice.days.len() < DAYS_LISTED {
            choice.days.push(at.date());
        }
    }
    choice.day = day.filter(|d| choice.days.contains(d)).or(choice.days.first().copied());
    choice.times = free.iter().filter(|at| Some(at.date()) == choice.day).map(|at| at.time()).collect();
    Ok(choice)
}

/// The free times for an appointment to-do of the resident's; someone
/// else's to-do, or one done already, is `NotFound`.
#[allow(clippy::too_many_arguments)]
pub async fn choice_for_todo(agenda: &dyn Agenda, db: &Db, resident: ResidentId, todo: TodoId, location: Option<LocationId>, day: Option<Date>, lang: Lang, now: OffsetDateTime) -> Result<SlotChoice, Error> {
    let row = db::todo::find_open(db, resident, todo, crate::model::case::TodoKind::Appointment.code()).await?.ok_or(Error::NotFound)?;
    choice(agenda, db, row.product_id.ok_or(Error::NotFound)?, location, day, lang, now).await
}

/// One of the resident's own upcoming appointments with the free times it can move to.
#[allow(clippy::too_many_arguments)]
pub async fn choice_for_move(agenda: &dyn Agenda, db: &Db, resident: ResidentId, id: AppointmentId, location: Option<LocationId>, day: Option<Date>, lang: Lang, now: OffsetDateTime) -> Result<(AppointmentSummary, SlotChoice), Error> {
    let row = db::appointment::find_upcoming_for_resident(db, resident, id, now).await?.ok_or(Error::NotFound)?;
    let product_id = row.product_id.ok_or(Error::NotFound)?;
    let location = location.or(row.location_id);
    let choice = choice(agenda, db, product_id, location, day, lang, now).await?;
    Ok((summary(row, lang), choice))
}

/// What staff of a case's team can book for its resident: every product,
/// and the free times of the chosen one (or the first).
#[allow(clippy::too_many_arguments)]
pub async fn choice_for_case(agenda: &dyn Agenda, db: &Db, staff: &Staff, case_id: CaseId, product_id: Option<ProductId>, location: Option<LocationId>, day: Option<Date>, lang: Lang, now: OffsetDateTime) -> Result<(Vec<Product>, Option<SlotChoice>), Error> {
    case::for_staff(db, staff, case_id).await?;
    let all = products(db, lang).await?;
    let chosen = product_id.filter(|p| all.iter().any(|x| x.id == *p)).or(all.first().map(|p| p.id));
    let choice = match chosen {
        Some(p) => Some(choice(agenda, db, p, location, day, lang, now).await?),
        None => None,
    };
    Ok((all, choice))
}

/// The time a form chose, as "2026-12-03T09:30" in Dutch local time.
pub fn parse_start(raw: &str) -> Result<OffsetDateTime, Error> {
    let format = time::macros::format_description!("[year]-[month]-[day]T[hour]:[minute]");
    let at = PrimitiveDateTime::parse(raw.trim(), &format).map_err(|_| Error::field("starts", crate::error::FieldErrorCode::Missing))?;
    Ok(local_time::instant(at))
}

/// Books `starts_at` for the resident: the place, subject and what to bring come from the product.
#[allow(clippy::too_many_arguments)]
async fn book(
    tx: &mut db::Tx,
    agenda: &dyn Agenda,
    resident: ResidentId,
    case_id: Option<CaseId>,
    product_row: &ProductRow,
    location: LocationId,
    place: &str,
    starts_at: OffsetDateTime,
    now: OffsetDateTime,
) -> Result<AppointmentId, Error> {
    let reservation = agenda.reserve(tx, product_row, location, starts_at, now + LEAD).await?;
    let id = AppointmentId::new();
    let new = db::appointment::NewAppointment {
        id,
        resident_id: resident,
        case_id,
        starts_at,
        ends_at: starts_at + Duration::minutes(product_row.minutes),
        place,
        subject_nl: &product_row.name_nl,
        subject_en: &product_row.name_en,
        bring_nl: &product_row.bring_nl,
        bring_en: &product_row.bring_en,
    };
    let booking = db::appointment::Booking { product_id: product_row.id, location_id: location, desk: reservation.desk, external_ref: reservation.external_ref.as_deref() };
    db::appointment::insert_booked(tx, &new, Some(&booking), now).await.map_err(Error::conflict_on_duplicate)?;
    Ok(id)
}

async fn place_of(db: &Db, product: ProductId, location: LocationId) -> Result<String, Error> {
    let l = db::appointment::locations_of(db, product).await?.into_iter().find(|l| l.id == location).ok_or(Error::NotFound)?;
    Ok(format!("{}, {}", l.name, l.address))
}

/// The resident books a time for an appointment to-do of theirs; the
/// to-do is done by it. A time taken in the meantime is a `Conflict`;
/// someone else's to-do, or one done already, is `NotFound`.
pub async fn book_for_todo(agenda: &dyn Agenda, db: &Db, resident: ResidentId, todo: TodoId, location: LocationId, starts_at: OffsetDateTime, now: OffsetDateTime) -> Result<AppointmentId, Error> {
    let todo_row = db::todo::find_open(db, resident, todo, crate::model::case::TodoKind::Appointment.code()).await?.ok_or(Error::NotFound)?;
    let product_row = match todo_row.product_id {
        Some(p) => db::appointment::find_product(db, p).await?.ok_or(Error::NotFound)?,
        None => return Err(Error::NotFound),
    };
    // Everything read before the transaction: it holds a connection of its own.
    let place = place_of(db, product_row.id, location).await?;
    let mut tx = db.begin().await?;
    let id = book(&mut tx, agenda, resident, Some(todo_row.case_id), &product_row, location, &place, starts_at, now).await?;
    if !db::todo::mark_booked(&mut tx, resident, todo, id, now).await? {
        return Err(Error::NotFound);
    }
    db::case::touch(&mut tx, todo_row.case_id, now).await?;
    tx.commit().await?;
    Ok(id)
}

/// A staff member of the case's team books a time for the resident; the
/// resident gets a notice (without content). Logged with its purpose.
#[allow(clippy::too_many_arguments)]
pub async fn book_for_case(agenda: &dyn Agenda, db: &Db, staff: &Staff, case_id: CaseId, product_id: ProductId, location: LocationId, starts_at: OffsetDateTime, now: OffsetDateTime) -> Result<Committed<AppointmentId>, Error> {
    let case_row = case::for_staff(db, staff, case_id).await?;
    let product_row = db::appointment::find_product(db, product_id).await?.ok_or(Error::NotFound)?;
    let place = place_of(db, product_row.id, location).await?;
    let mut tx = db.begin().await?;
    let id = book(&mut tx, agenda, case_row.resident_id, Some(case_id), &product_row, location, &place, starts_at, now).await?;
    db::case::touch(&mut tx, case_id, now).await?;
    let entry = Entry::change(staff.id, case_row.resident_id, Category::Case, APPOINTMENT_HANDLING).object(id).team(case_row.team_id);
    processing_log::record(&mut tx, &entry, now).await?;
    let effects = notice::enqueue(&mut tx, Notice::CaseChanged { resident: case_row.resident_id }, now).await?;
    tx.commit().await?;
    Ok(Committed::new(id, effects))
}

/// Moves one of the resident's own upcoming appointments to another free
/// time (and location) of its product.
pub async fn reschedule(agenda: &dyn Agenda, db: &Db, resident: ResidentId, id: AppointmentId, location: LocationId, starts_at: OffsetDateTime, now: OffsetDateTime) -> Result<(), Error> {
    let row = db::appointment::find_upcoming_for_resident(db, resident, id, now).await?.ok_or(Error::NotFound)?;
    let product_row = match row.product_id {
        Some(p) => db::appointment::find_product(db, p).await?.ok_or(Error::NotFound)?,
        None => return Err(Error::NotFound),
    };
    let place = place_of(db, product_row.id, location).await?;
    let mut tx = db.begin().await?;
    let reservation = agenda.reserve(&mut tx, &product_row, location, starts_at, now + LEAD).await?;
    let ends_at = starts_at + Duration::minutes(product_row.minutes);
    let moved = db::appointment::reschedule(&mut tx, resident, id, location, &place, starts_at, ends_at, reservation.desk.unwrap_or(0), now)
        .await
        .map_err(Error::conflict_on_duplicate)?;
    if !moved {
        return Err(Error::NotFound);
    }
    tx.commit().await?;
    Ok(())
}

/// Cancels one of the resident's own upcoming appointments; anyone else's,
/// a past or an already cancelled one is `NotFound`. The team sees it in its list.
pub async fn cancel(db: &Db, resident: ResidentId, id: AppointmentId, now: OffsetDateTime) -> Result<(), Error> {
    let mut tx = db.begin().await?;
    if !db::appointment::cancel(&mut tx, resident, id, "resident", now).await? {
        return Err(Error::NotFound);
    }
    tx.commit().await?;
    Ok(())
}

/// One of the resident's own upcoming appointments as an iCalendar file
/// (RFC 5545), for their own agenda: its file name and text.
pub async fn calendar_file(db: &Db, resident: ResidentId, id: AppointmentId, lang: Lang, municipality: &str, now: OffsetDateTime) -> Result<(String, String), Error> {
    use icalendar::{Component, EventLike};
    let row = db::appointment::find_upcoming_for_resident(db, resident, id, now).await?.ok_or(Error::NotFound)?;
    let utc = |at: OffsetDateTime| chrono::DateTime::<chrono::Utc>::from_timestamp(at.unix_timestamp(), 0).ok_or(Error::Internal("an appointment time out of range"));
    let subject = lang.pick(&row.subject_nl, &row.subject_en);
    let bring = lang.pick(&row.bring_nl, &row.bring_en);
    let event = icalendar::Event::new()
        .uid(&format!("{}@loket", row.id))
        .timestamp(utc(now)?)
        .starts(utc(row.starts_at)?)
        .ends(utc(row.ends_at)?)
        .summary(&format!("{subject} ({municipality})"))
        .location(&row.place)
        .description(bring)
        .done();
    let calendar = icalendar::Calendar::new().push(event).done();
    Ok((format!("afspraak-{}.ics", local(row.starts_at).date()), calendar.to_string()))
}

/// The bookings of the staff member's teams: coming ones and those
/// cancelled in the last two weeks. Each resident shown is logged.
pub async fn for_team(db: &Db, staff: &Staff, lang: Lang, now: OffsetDateTime) -> Result<TeamAppointments, Error> {
    const LIMIT: i64 = 200;
    let upcoming = db::appointment::upcoming_for_staff(db, staff.id, now, LIMIT).await?;
    let cancelled = db::appointment::cancelled_for_staff(db, staff.id, now - CANCELLED_SHOWN, LIMIT).await?;
    let shown = upcoming.iter().chain(cancelled.iter()).map(|r| (Some(r.resident_id), r.team_id));
    processing_log::record_listing(db, staff.id, shown, APPOINTMENT_HANDLING, now).await?;
    let item = |r: db::appointment::TeamRow| {
        let starts = local(r.starts_at);
        TeamAppointment {
            id: r.id,
            resident: r.resident_id,
            resident_name: r.resident_name.unwrap_or_default(),
            case: r.case_id,
            product: lang.pick(&r.product_nl, &r.product_en).to_string(),
            location: r.location,
            date: starts.date(),
            starts: starts.time(),
            cancelled_on: r.cancelled_at.map(|at| local(at).date()),
            cancelled_by_resident: r.cancelled_by.as_deref() == Some("resident"),
        }
    };
    Ok(TeamAppointments { upcoming: upcoming.into_iter().map(item).collect(), cancelled: cancelled.into_iter().map(item).collect() })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::backend::{agenda::LocalAgenda, calendar::Calendar, service::{seed, staff_member, todo}};
    use time::macros::datetime;

    /// Monday 7 December 2026, 08:00 in Amsterdam.
    const NOW: OffsetDateTime = datetime!(2026-12-07 07:00 UTC);

    async fn staff(db: &Db, subject: &str) -> Staff {
        let id = db::staff_member::find_by_subject(db, subject).await.unwrap().unwrap();
        staff_member::current(db, id).await.unwrap().unwrap()
    }

    async fn resident(db: &Db, bsn: &str) -> ResidentId {
        db::resident::find_by_bsn(db, bsn).await.unwrap().unwrap()
    }

    /// Ahmed (Parkeren) asks Jan to book a talk about his parking permit.
    async fn appointment_todo(db: &Db) -> (ResidentId, CaseId, TodoId, ProductId) {
        seed::demo(db, NOW).await.unwrap();
        let jan = resident(db, "999993653").await;
        let case_id = crate::backend::service::case::list_for_resident(db, jan, Lang::Nl).await.unwrap().open.into_iter().find(|c| c.case_type == "Parkeervergunning").unwrap().id;
        let product = products(db, Lang::Nl).await.unwrap().into_iter().find(|p| p.name.contains("parkeervergunning")).unwrap().id;
        let request = todo::Request {
            kind: "appointment".into(),
            title: "Maak een afspraak".into(),
            due_on: Some(time::macros::date!(2026 - 12 - 18)),
            product: Some(product),
            ..todo::Request::default()
        };
        let ahmed = staff(db, "medewerker-ahmed").await;
        let id = todo::create(db, &ahmed, case_id, &request, false, NOW).await.unwrap().value;
        (jan, case_id, id, product)
    }

    fn agenda(db: &Db) -> LocalAgenda {
        LocalAgenda { db: db.clone(), calendar: Calendar::default() }
    }

    crate::both_dbs!(a_resident_books_a_time_for_a_todo_moves_it_cancels_it_and_the_team_sees_each_step, |db| {
        let (jan, _case, todo_id, _) = appointment_todo(&db).await;
        let agenda = agenda(&db);
        let first = choice_for_todo(&agenda, &db, jan, todo_id, None, None, Lang::Nl, NOW).await.unwrap();
        assert_eq!(first.locations.len(), 1, "the parking talk is only at the Stadskantoor");
        // Monday before 09:00: today's first time (09:00) is more than an hour away.
        assert_eq!(first.day, Some(time::macros::date!(2026 - 12 - 07)));
        assert_eq!(first.times.first().map(|t| (t.hour(), t.minute())), Some((9, 0)));
        assert_eq!(first.times.len(), 6, "09:00 to 12:00 in 30 minutes");
        let location = first.location.unwrap();
        let nine = parse_start("2026-12-07T09:00").unwrap();
        assert_eq!(nine, datetime!(2026-12-07 08:00 UTC));
        let id = book_for_todo(&agenda, &db, jan, todo_id, location, nine, NOW).await.unwrap();
        assert!(db::todo::list_open_for_resident(&db, jan).await.unwrap().iter().all(|t| t.id != todo_id), "the to-do is done by the booking");
        assert!(matches!(book_for_todo(&agenda, &db, jan, todo_id, location, nine + Duration::minutes(30), NOW).await, Err(Error::NotFound)), "a done to-do books nothing more");
        let again = choice(&agenda, &db, first.product.id, Some(location), None, Lang::Nl, NOW).await.unwrap();
        assert!(!again.times.iter().any(|t| (t.hour(), t.minute()) == (9, 0)), "the one desk at 09:00 is taken");

        let (_, file) = calendar_file(&db, jan, id, Lang::Nl, "Gemeente Voorbeeld", NOW).await.unwrap();
        assert!(file.contains("BEGIN:VEVENT") && file.contains("DTSTART:20261207T080000Z") && file.contains("DTEND:20261207T083000Z"), "{file}");
        assert!(file.contains("Stadskantoor"));

        let ten = parse_start("2026-12-09T10:00").unwrap();
        reschedule(&agenda, &db, jan, id, location, ten, NOW).await.unwrap();
        let moved = find_own(&db, jan, id, Lang::Nl, NOW).await.unwrap();
        assert_eq!((moved.date, moved.starts.hour()), (time::macros::date!(2026 - 12 - 09), 10));
        let freed = choice(&agenda, &db, first.product.id, Some(location), None, Lang::Nl, NOW).await.unwrap();
        assert!(freed.times.iter().any(|t| (t.hour(), t.minute()) == (9, 0)), "moving frees the old time");

        let ahmed = staff(&db, "medewerker-ahmed").await;
        let listed = for_team(&db, &ahmed, Lang::Nl, NOW).await.unwrap();
        assert!(listed.upcoming.iter().any(|a| a.id == id));
        cancel(&db, jan, id, NOW).await.unwrap();
        let listed = for_team(&db, &ahmed, Lang::Nl, NOW).await.unwrap();
        assert!(!listed.upcoming.iter().any(|a| a.id == id));
        let cancelled = listed.cancelled.iter().find(|a| a.id == id).expect("the team sees the cancellation");
        assert!(cancelled.cancelled_by_resident);
        // Sanne (KCC) is not in the parking team: she does not see its bookings.
        let sanne = staff(&db, "medewerker-sanne").await;
        assert!(for_team(&db, &sanne, Lang::Nl, NOW).await.unwrap().cancelled.iter().all(|a| a.id != id));
    });

    crate::both_dbs!(someone_elses_todo_or_appointment_is_not_found, |db| {
        let (jan, _case, todo_id, _) = appointment_todo(&db).await;
        let kees = resident(&db, "999991723").await;
        let agenda = agenda(&db);
        assert!(matches!(choice_for_todo(&agenda, &db, kees, todo_id, None, None, Lang::Nl, NOW).await, Err(Error::NotFound)));
        let choice = choice_for_todo(&agenda, &db, jan, todo_id, None, None, Lang::Nl, NOW).await.unwrap();
        let nine = parse_start("2026-12-07T09:00").unwrap();
        assert!(matches!(book_for_todo(&agenda, &db, kees, todo_id, choice.location.unwrap(), nine, NOW).await, Err(Error::NotFound)));
        let id = book_for_todo(&agenda, &db, jan, todo_id, choice.location.unwrap(), nine, NOW).await.unwrap();
        assert!(matches!(find_own(&db, kees, id, Lang::Nl, NOW).await, Err(Error::NotFound)));
        assert!(matches!(calendar_file(&db, kees, id, Lang::Nl, "x", NOW).await, Err(Error::NotFound)));
        assert!(matches!(reschedule(&agenda, &db, kees, id, choice.location.unwrap(), nine + Duration::hours(1), NOW).await, Err(Error::NotFound)));
        assert!(matches!(cancel(&db, kees, id, NOW).await, Err(Error::NotFound)));
    });

    crate::both_dbs!(a_time_outside_the_hours_or_already_taken_is_a_conflict, |db| {
        let (jan, case_id, todo_id, product) = appointment_todo(&db).await;
        let agenda = agenda(&db);
        let location = choice_for_todo(&agenda, &db, jan, todo_id, None, None, Lang::Nl, NOW).await.unwrap().location.unwrap();
        let nine = parse_start("2026-12-07T09:00").unwrap();
        // Staff book the one desk at 09:00 for Jan's case first.
        let ahmed = staff(&db, "medewerker-ahmed").await;
        let _ = book_for_case(&agenda, &db, &ahmed, case_id, product, location, nine, NOW).await.unwrap();
        assert!(matches!(book_for_todo(&agenda, &db, jan, todo_id, location, nine, NOW).await, Err(Error::Conflict)), "the last desk is gone");
        let evening = parse_start("2026-12-07T19:00").unwrap();
        assert!(matches!(book_for_todo(&agenda, &db, jan, todo_id, location, evening, NOW).await, Err(Error::Conflict)), "outside the opening hours");
        let christmas = parse_start("2026-12-25T09:00").unwrap();
        assert!(matches!(book_for_todo(&agenda, &db, jan, todo_id, location, christmas, NOW).await, Err(Error::Conflict)), "a public holiday");
        let past = parse_start("2026-12-07T07:30").unwrap();
        assert!(matches!(book_for_todo(&agenda, &db, jan, todo_id, location, past, NOW).await, Err(Error::Conflict)));
        assert!(db::todo::list_open_for_resident(&db, jan).await.unwrap().iter().any(|t| t.id == todo_id), "a refused booking leaves the to-do open");
    });
}
