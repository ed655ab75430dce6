//! Working time: when a term that counts in working hours ends. Pure
//! functions of (start, hours, calendar): no clock, no database.
//!
//! A working day is Monday to Friday, except the Dutch public holidays of
//! the Algemene termijnenwet (Nieuwjaarsdag, Tweede Paasdag, Koningsdag,
//! Bevrijdingsdag, Hemelvaartsdag, Tweede Pinksterdag, Eerste and Tweede
//! Kerstdag) and the days the municipality closes besides (its own list).
//! Working hours are in Dutch local time, so a term is the same on the
//! clock on either side of a daylight-saving change.

use time::{Date, Duration, Month, OffsetDateTime, PrimitiveDateTime, Time, Weekday};

use crate::backend::local_time;

/// When the municipality works: days open, the hours of a day, and extra closed days.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Calendar {
    /// Start of a working day, local time (e.g. 08:30).
    pub opens: Time,
    /// End of a working day, local time (e.g. 17:00).
    pub closes: Time,
    /// Days closed besides weekends and public holidays (e.g. the day after Hemelvaart).
    pub closed: Vec<Date>,
}

impl Default for Calendar {
    fn default() -> Calendar {
        Calendar { opens: Time::from_hms(8, 30, 0).expect("valid"), closes: Time::from_hms(17, 0, 0).expect("valid"), closed: Vec::new() }
    }
}

/// Easter Sunday (Gregorian; the anonymous algorithm of Meeus/Jones/Butcher).
pub fn easter(year: i32) -> Date {
    let a = year % 19;
    let b = year / 100;
    let c = year % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    Date::from_calendar_date(year, Month::try_from(month as u8).expect("March or April"), day as u8).expect("a valid date")
}

/// The public holidays of `year` that fall on a weekday or not (weekends are closed anyway).
pub fn public_holidays(year: i32) -> Vec<Date> {
    let date = |month: Month, day: u8| Date::from_calendar_date(year, month, day).expect("a valid date");
    let easter = easter(year);
    // Koningsdag is 27 April, or the 26th when the 27th is a Sunday.
    let kings_day = match date(Month::April, 27) {
        d if d.weekday() == Weekday::Sunday => date(Month::April, 26),
        d => d,
    };
    vec![
        date(Month::January, 1),
        easter + Duration::days(1),
        kings_day,
        date(Month::May, 5),
        easter + Duration::days(39),
        easter + Duration::days(50),
        date(Month::December, 25),
        date(Month::December, 26),
    ]
}

impl Calendar {
    pub fn is_working_day(&self, day: Date) -> bool {
        !matches!(day.weekday(), Weekday::Saturday | Weekday::Sunday) && !self.is_closed(day)
    }

    /// A public holiday or one of the municipality's own closed days
    /// (a weekend day is not closed by itself: opening hours may include it).
    pub fn is_closed(&self, day: Date) -> bool {
        public_holidays(day.year()).contains(&day) || self.closed.contains(&day)
    }

    /// A local date and time as an instant, in UTC: every time Loket stores
    /// is UTC, so SQLite's text comparison of times stays right.
    fn instant(day: Date, at: Time) -> OffsetDateTime {
        local_time::instant(PrimitiveDateTime::new(day, at))
    }

    /// When a term of `hours` working hours that starts at `start` ends.
    /// A start outside working hours counts from the next opening.
    pub fn deadline(&self, start: OffsetDateTime, hours: i64) -> OffsetDateTime {
        let mut remaining = Duration::hours(hours.max(0));
        let local = start.to_offset(local_time::offset_at(start));
        let mut day = local.date();
        let mut from = local.time();
        loop {
            if self.is_working_day(day) {
                let begin = from.max(self.opens);
                if begin < self.closes {
                    let available = self.closes - begin;
                    if remaining <= available {
                        return Calendar::instant(day, begin + remaining);
                    }
                    remaining -= available;
                }
            }
            day = day.next_day().expect("within the calendar");
            from = Time::MIDNIGHT;
        }
    }

    /// The working minutes between two instants (none when `to` is not
    /// later): what a response or handling time counts, so a question
    /// sent on Friday evening and answered on Monday at opening took none.
    pub fn working_minutes(&self, from: OffsetDateTime, to: OffsetDateTime) -> i64 {
        if to <= from {
            return 0;
        }
        let (start, end) = (from.to_offset(local_time::offset_at(from)), to.to_offset(local_time::offset_at(to)));
        let mut total = Duration::ZERO;
        let mut day = start.date();
        while day <= end.date() {
            if self.is_working_day(day) {
                let open = Calendar::instant(day, self.opens);
                let close = Calendar::instant(day, self.closes);
                let (a, b) = (open.max(from), close.min(to));
                if b > a {
                    total += b - a;
                }
            }
            day = match day.next_day() {
                Some(next) => next,
                None => break,
            };
        }
        total.whole_minutes()
    }

    /// Working hours a term of `hours` is: `days` working days.
    pub fn hours_of_days(&self, days: i64) -> i64 {
        let day = self.closes - self.opens;
        days * day.whole_minutes() / 60
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::{date, datetime};

    fn calendar() -> Calendar {
        Calendar::default()
    }

    #[test]
    fn easter_is_right_for_known_years() {
        assert_eq!(easter(2024), date!(2024 - 03 - 31));
        assert_eq!(easter(2025), date!(2025 - 04 - 20));
        assert_eq!(easter(2026), date!(2026 - 04 - 05));
        assert_eq!(easter(2027), date!(2027 - 03 - 28));
        assert_eq!(easter(2038), date!(2038 - 04 - 25));
    }

    #[test]
    fn public_holidays_of_2026() {
        let days = public_holidays(2026);
        for d in [date!(2026 - 01 - 01), date!(2026 - 04 - 06), date!(2026 - 04 - 27), date!(2026 - 05 - 05), date!(2026 - 05 - 14), date!(2026 - 05 - 25), date!(2026 - 12 - 25), date!(2026 - 12 - 26)] {
            assert!(days.contains(&d), "{d}");
        }
        // 27 April 2025 was a Sunday: Koningsdag moved to Saturday the 26th.
        assert!(public_holidays(2025).contains(&date!(2025 - 04 - 26)));
    }

    #[test]
    fn deadlines_are_in_utc() {
        assert_eq!(calendar().deadline(datetime!(2026-11-23 09:00 UTC), 3).offset(), time::UtcOffset::UTC);
    }

    #[test]
    fn a_term_within_one_day() {
        // Monday 23 November 2026, 10:00 local (09:00 UTC) + 3 working hours = 13:00 local.
        assert_eq!(calendar().deadline(datetime!(2026-11-23 09:00 UTC), 3), datetime!(2026-11-23 13:00 +1));
    }

    #[test]
    fn a_term_crosses_the_weekend() {
        // Friday 27 November 15:00 local + 4 working hours: 2 on Friday, 2 on Monday from 08:30.
        assert_eq!(calendar().deadline(datetime!(2026-11-27 14:00 UTC), 4), datetime!(2026-11-30 10:30 +1));
    }

    #[test]
    fn two_working_days_over_christmas() {
        // Thursday 24 December 2026 12:00 local + 17 hours (two days of 8.5): 5 on the 24th,
        // the 25th and 26th are holidays, the weekend follows: Monday 28th full, Tuesday 29th 3.5.
        let hours = calendar().hours_of_days(2);
        assert_eq!(hours, 17);
        assert_eq!(calendar().deadline(datetime!(2026-12-24 11:00 UTC), hours), datetime!(2026-12-29 12:00 +1));
    }

    #[test]
    fn a_start_outside_hours_counts_from_the_next_opening() {
        // Saturday evening: counts from Monday 08:30.
        assert_eq!(calendar().deadline(datetime!(2026-11-28 20:00 UTC), 1), datetime!(2026-11-30 09:30 +1));
        // Early on a working day: from 08:30 that day.
        assert_eq!(calendar().deadline(datetime!(2026-11-24 05:00 UTC), 1), datetime!(2026-11-24 09:30 +1));
    }

    #[test]
    fn terms_cross_the_daylight_saving_changes_on_the_clock() {
        // Friday 27 March 2026 16:00 local (winter, +1) + 2 hours: 1 on Friday, 1 on Monday 30 March (summer, +2).
        assert_eq!(calendar().deadline(datetime!(2026-03-27 15:00 UTC), 2), datetime!(2026-03-30 09:30 +2));
        // Friday 23 October 2026 16:00 local (summer) + 2 hours: Monday 26 October 09:30 local (winter).
        assert_eq!(calendar().deadline(datetime!(2026-10-23 14:00 UTC), 2), datetime!(2026-10-26 09:30 +1));
    }

    #[test]
    fn working_minutes_skip_nights_weekends_and_holidays() {
        let c = calendar();
        // Friday 27 November 2026 16:00 local to Monday 30 November 09:00 local:
        // one hour on Friday, half an hour on Monday.
        assert_eq!(c.working_minutes(datetime!(2026-11-27 15:00 UTC), datetime!(2026-11-30 08:00 UTC)), 90);
        // Saturday evening to Sunday: none.
        assert_eq!(c.working_minutes(datetime!(2026-11-28 19:00 UTC), datetime!(2026-11-29 20:00 UTC)), 0);
        // Within one morning.
        assert_eq!(c.working_minutes(datetime!(2026-11-24 09:00 UTC), datetime!(2026-11-24 09:42 UTC)), 42);
        // Over Christmas: Thursday 24 December 16:00 local to Monday 28 December 09:30 local.
        assert_eq!(c.working_minutes(datetime!(2026-12-24 15:00 UTC), datetime!(2026-12-28 08:30 UTC)), 120);
        // Backwards or equal: none.
        assert_eq!(c.working_minutes(datetime!(2026-11-24 10:00 UTC), datetime!(2026-11-24 09:00 UTC)), 0);
        // It agrees with `deadline`: a term of 17 working hours is 1,020 working minutes.
        let start = datetime!(2026-12-24 11:00 UTC);
        assert_eq!(c.working_minutes(start, c.deadline(start, 17)), 17 * 60);
    }

    #[test]
    fn the_municipalitys_own_closed_days_count_too() {
        let mut closed = calendar();
        closed.closed.push(date!(2026 - 11 - 30));
        assert_eq!(closed.deadline(datetime!(2026-11-27 14:00 UTC), 4), datetime!(2026-12-01 10:30 +1));
    }
}
