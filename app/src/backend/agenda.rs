//! Where appointments are booked: the municipality's own agenda, kept in
//! Loket's database, by default ([`LocalAgenda`]), behind a trait so an
//! external appointment system (Qmatic, JCC) can take its place. The
//! agenda answers which times are free and holds one for a booking; the
//! appointment service keeps the rules around it (whose to-do, who may
//! move or cancel, what the team and the resident are told).
//!
//! The local agenda offers every `minutes` from opening to closing on the
//! product's weekdays at each location, `desks` bookings per time, never
//! on a public holiday or the municipality's closed days.

use std::{future::Future, pin::Pin};

use time::{Date, Duration, OffsetDateTime, PrimitiveDateTime, Time};

use crate::backend::{
    calendar::Calendar,
    db::{self, appointment::{HoursRow, ProductRow}, Db, Tx},
    local_time, Error,
};
use crate::model::ids::LocationId;

pub type AgendaFuture<'a, T> = Pin<Box<dyn Future<Output = Result<T, Error>> + Send + 'a>>;

/// A time held for a booking: the local agenda's desk, or the external system's reference.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reservation {
    pub desk: Option<i64>,
    pub external_ref: Option<String>,
}

pub trait Agenda: Send + Sync + 'static {
    /// The free start times of `product` at `location` on the local days
    /// `from` up to (not including) `to`, none before `not_before`, in order.
    fn free<'a>(&'a self, product: &'a ProductRow, location: LocationId, from: Date, to: Date, not_before: OffsetDateTime) -> AgendaFuture<'a, Vec<OffsetDateTime>>;

    /// Holds the free time `starts_at` for a booking, inside the booking's
    /// transaction; `Conflict` when it is not (or no longer) free.
    fn reserve<'a>(&'a self, tx: &'a mut Tx, product: &'a ProductRow, location: LocationId, starts_at: OffsetDateTime, not_before: OffsetDateTime) -> AgendaFuture<'a, Reservation>;
}

pub struct LocalAgenda {
    pub db: Db,
    /// Opening hours of a working day; the closed days are read from the database each time.
    pub calendar: Calendar,
}

impl Agenda for LocalAgenda {
    fn free<'a>(&'a self, product: &'a ProductRow, location: LocationId, from: Date, to: Date, not_before: OffsetDateTime) -> AgendaFuture<'a, Vec<OffsetDateTime>> {
        Box::pin(async move {
            let hours = db::appointment::hours_of(&self.db, product.id).await?;
            let (start, end) = (day_start(from), day_start(to));
            let booked = db::appointment::booked_between(&self.db, product.id, location, start, end).await?;
            let calendar = Calendar { closed: db::closed_day::days(&self.db).await?, ..self.calendar.clone() };
            Ok(free_times(&hours, location, product.minutes, &calendar, &booked, from, to, not_before))
        })
    }

    fn reserve<'a>(&'a self, tx: &'a mut Tx, product: &'a ProductRow, location: LocationId, starts_at: OffsetDateTime, not_before: OffsetDateTime) -> AgendaFuture<'a, Reservation> {
        Box::pin(async move {
            // Inside the transaction: a second connection while it is open could wait for a pool that the transactions hold.
            let hours = db::appointment::hours_in(tx, product.id).await?;
            let day = starts_at.to_offset(local_time::offset_at(starts_at)).date();
            let calendar = Calendar { closed: db::closed_day::days_in(tx).await?, ..self.calendar.clone() };
            let offered = free_times(&hours, location, product.minutes, &calendar, &[], day, day + Duration::days(1), not_before);
            let desks = desks_on(&hours, location, day);
            if !offered.contains(&starts_at) {
                return Err(Error::Conflict);
            }
            let taken = db::appointment::desks_taken(tx, product.id, location, starts_at).await?;
            // The lowest free desk; a booking of the same desk at the same moment fails on its unique key.
            let desk = (1..=desks).find(|d| !taken.contains(d)).ok_or(Error::Conflict)?;
            Ok(Reservation { desk: Some(desk), external_ref: None })
        })
    }
}

fn day_start(day: Date) -> OffsetDateTime {
    local_time::instant(PrimitiveDateTime::new(day, Time::MIDNIGHT))
}

fn desks_on(hours: &[HoursRow], location: LocationId, day: Date) -> i64 {
    let weekday = i64::from(day.weekday().number_from_monday());
    hours.iter().filter(|h| h.location_id == location && h.weekday == weekday).map(|h| h.desks).max().unwrap_or(0)
}

/// The free start times from the opening hours, minus what is booked (one
/// entry per desk taken): a pure function, so the rules are tested alone.
#[allow(clippy::too_many_arguments)]
pub fn free_times(
    hours: &[HoursRow],
    location: LocationId,
    minutes: i64,
    calendar: &Calendar,
    booked: &[OffsetDateTime],
    from: Date,
    to: Date,
    not_before: OffsetDateTime,
) -> Vec<OffsetDateTime> {
    let mut free = Vec::new();
    if minutes <= 0 {
        return free;
    }
    let mut day = from;
    while day < to {
        if !calendar.is_closed(day) {
            let weekday = i64::from(day.weekday().number_from_monday());
            for h in hours.iter().filter(|h| h.location_id == location && h.weekday == weekday) {
                let mut at = h.opens;
                while at + minutes <= h.closes {
                    let Ok(time) = Time::from_hms((at / 60) as u8, (at % 60) as u8, 0) else { break };
                    let starts = local_time::instant(PrimitiveDateTime::new(day, time));
                    let taken = booked.iter().filter(|b| **b == starts).count() as i64;
                    if starts >= not_before && taken < h.desks {
                        free.push(starts);
                    }
                    at += minutes;
                }
            }
        }
        let Some(next) = day.next_day() else { break };
        day = next;
    }
    free.sort();
    free.dedup();
    free
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::{date, datetime};

    fn hours(location: LocationId, weekday: i64, desks: i64) -> HoursRow {
        HoursRow { location_id: location, weekday, opens: 9 * 60, closes: 10 * 60, desks }
    }

    #[test]
    fn times_follow_the_opening_hours_in_local_time_and_skip_holidays_and_closed_days() {
        let stadskantoor = LocationId(uuid::Uuid::from_u128(1));
        // Monday 21 December 2026 to Monday 28 December: Christmas on Friday 25th, the 28th closed by the municipality.
        let rows: Vec<HoursRow> = (1..=5).map(|d| hours(stadskantoor, d, 1)).collect();
        let calendar = Calendar { closed: vec![date!(2026 - 12 - 28)], ..Calendar::default() };
        let free = free_times(&rows, stadskantoor, 20, &calendar, &[], date!(2026 - 12 - 21), date!(2026 - 12 - 29), datetime!(2026-12-01 00:00 UTC));
        let days: Vec<Date> = free.iter().map(|t| t.to_offset(local_time::offset_at(*t)).date()).collect();
        assert!(!days.contains(&date!(2026 - 12 - 25)) && !days.contains(&date!(2026 - 12 - 26)) && !days.contains(&date!(2026 - 12 - 28)));
        assert_eq!(free.len(), 4 * 3, "three 20-minute times a day on four open weekdays");
        assert_eq!(free[0], datetime!(2026-12-21 08:00 UTC), "09:00 in Amsterdam is 08:00 UTC in winter");
    }

    #[test]
    fn a_time_is_free_until_every_desk_is_booked_and_never_in_the_past() {
        let balie = LocationId(uuid::Uuid::from_u128(2));
        let rows = [hours(balie, 1, 2)];
        let monday = date!(2026 - 12 - 07);
        let nine = datetime!(2026-12-07 08:00 UTC);
        let calendar = Calendar::default();
        let all = free_times(&rows, balie, 30, &calendar, &[], monday, monday.next_day().unwrap(), nine - Duration::days(1));
        assert_eq!(all, [nine, nine + Duration::minutes(30)]);
        let one_taken = free_times(&rows, balie, 30, &calendar, &[nine], monday, monday.next_day().unwrap(), nine - Duration::days(1));
        assert_eq!(one_taken, all, "one of two desks is still free");
        let both_taken = free_times(&rows, balie, 30, &calendar, &[nine, nine], monday, monday.next_day().unwrap(), nine - Duration::days(1));
        assert_eq!(both_taken, [nine + Duration::minutes(30)]);
        let later = free_times(&rows, balie, 30, &calendar, &[], monday, monday.next_day().unwrap(), nine + Duration::minutes(1));
        assert_eq!(later, [nine + Duration::minutes(30)], "a time already begun is not offered");
    }
}
