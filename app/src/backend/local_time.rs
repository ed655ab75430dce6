//! Dutch local time. Loket stores every instant in UTC; people read and
//! work in Europe/Amsterdam time, whose rules (summer time, and any change
//! to them) come from the tz database bundled with jiff, not from code.

use std::sync::LazyLock;

use jiff::tz::TimeZone;
use time::{OffsetDateTime, PrimitiveDateTime, UtcOffset};

use crate::i18n::{format_date, Lang};

static AMSTERDAM: LazyLock<TimeZone> = LazyLock::new(|| TimeZone::get("Europe/Amsterdam").expect("the bundled tz database has Europe/Amsterdam"));

/// Europe/Amsterdam's offset from UTC at an instant.
pub fn offset_at(at: OffsetDateTime) -> UtcOffset {
    let seconds = match jiff::Timestamp::from_second(at.unix_timestamp()) {
        Ok(instant) => AMSTERDAM.to_offset(instant).seconds(),
        // Outside jiff's years (-9999 to 9999): the standard offset.
        Err(_) => 3600,
    };
    UtcOffset::from_whole_seconds(seconds).expect("a tz database offset is a valid offset")
}

/// A local date and time in Amsterdam as an instant in UTC. A time that a
/// switch skips counts as after the switch; one it repeats, as the first.
pub fn instant(local: PrimitiveDateTime) -> OffsetDateTime {
    let civil = jiff::civil::DateTime::new(
        local.year() as i16,
        u8::from(local.month()) as i8,
        local.day() as i8,
        local.hour() as i8,
        local.minute() as i8,
        local.second() as i8,
        0,
    );
    let seconds = civil.and_then(|civil| AMSTERDAM.to_timestamp(civil)).map(|t| t.as_second());
    match seconds.ok().and_then(|s| OffsetDateTime::from_unix_timestamp(s).ok()) {
        Some(utc) => utc,
        None => local.assume_offset(offset_at(local.assume_utc())).to_offset(UtcOffset::UTC),
    }
}

/// The Dutch local date at an instant.
pub fn date_of(at: OffsetDateTime) -> time::Date {
    at.to_offset(offset_at(at)).date()
}

/// A moment as people write it, in Dutch local time: "23 november 2026 10:00".
pub fn format_moment(lang: Lang, at: OffsetDateTime) -> String {
    let local = at.to_offset(offset_at(at));
    format!("{} {:02}:{:02}", format_date(lang, local.date()), local.hour(), local.minute())
}

#[cfg(test)]
mod tests {
    use time::macros::datetime;

    use super::*;

    #[test]
    fn amsterdam_switches_to_summer_time_on_the_last_sunday_of_march_at_one_utc() {
        assert_eq!(offset_at(datetime!(2026-03-29 00:59:59 UTC)).whole_hours(), 1);
        assert_eq!(offset_at(datetime!(2026-03-29 01:00:00 UTC)).whole_hours(), 2);
        assert_eq!(offset_at(datetime!(2026-10-25 00:59:59 UTC)).whole_hours(), 2);
        assert_eq!(offset_at(datetime!(2026-10-25 01:00:00 UTC)).whole_hours(), 1);
        assert_eq!(offset_at(datetime!(2026-11-23 09:00 UTC)).whole_hours(), 1);
    }

    #[test]
    fn history_comes_from_the_database_too() {
        // The Netherlands kept Amsterdam time (+00:19:32) until 1937 and had no summer time in 1970.
        assert_eq!(offset_at(datetime!(1970-07-01 12:00 UTC)).whole_hours(), 1);
        assert_eq!(offset_at(datetime!(1977-07-01 12:00 UTC)).whole_hours(), 2, "summer time again from 1977");
    }

    #[test]
    fn local_times_become_instants_also_around_the_switches() {
        assert_eq!(instant(datetime!(2026-11-23 10:00)), datetime!(2026-11-23 09:00 UTC));
        assert_eq!(instant(datetime!(2026-07-01 09:30)), datetime!(2026-07-01 07:30 UTC));
        // 02:30 on 29 March 2026 does not exist: it counts as after the switch (03:30 +2).
        assert_eq!(instant(datetime!(2026-03-29 02:30)), datetime!(2026-03-29 01:30 UTC));
        // 02:30 on 25 October 2026 happens twice: the first (+2).
        assert_eq!(instant(datetime!(2026-10-25 02:30)), datetime!(2026-10-25 00:30 UTC));
    }

    #[test]
    fn moments_are_written_in_dutch_local_time() {
        assert_eq!(format_moment(Lang::Nl, datetime!(2026-11-23 09:05 UTC)), "23 november 2026 10:05");
        assert_eq!(format_moment(Lang::En, datetime!(2026-07-01 22:30 UTC)), "2 July 2026 00:30");
    }
}
