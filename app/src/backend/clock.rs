//! Time is passed in, never read ad hoc: services and queries take `now`
//! from a `Clock`, so tests can move time for reminders and expiry.

use std::sync::Mutex;

use time::{Duration, OffsetDateTime};

pub trait Clock: Send + Sync + 'static {
    /// The current time in UTC, in whole seconds (SQLite stores time as
    /// text, and whole seconds keep text order equal to time order).
    fn now(&self) -> OffsetDateTime;
}

pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> OffsetDateTime {
        whole_seconds(OffsetDateTime::now_utc())
    }
}

/// A clock that only moves when told to.
pub struct TestClock(Mutex<OffsetDateTime>);

impl TestClock {
    pub fn new(start: OffsetDateTime) -> TestClock {
        TestClock(Mutex::new(whole_seconds(start)))
    }

    pub fn advance(&self, by: Duration) {
        let mut now = self.0.lock().expect("test clock poisoned");
        *now = whole_seconds(*now + by);
    }
}

impl Clock for TestClock {
    fn now(&self) -> OffsetDateTime {
        *self.0.lock().expect("test clock poisoned")
    }
}

fn whole_seconds(t: OffsetDateTime) -> OffsetDateTime {
    t.to_offset(time::UtcOffset::UTC).replace_nanosecond(0).expect("0 is a valid nanosecond")
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn test_clock_moves_only_when_advanced_and_drops_fractions() {
        let clock = TestClock::new(datetime!(2026-03-29 00:59:59.75 UTC));
        assert_eq!(clock.now(), datetime!(2026-03-29 00:59:59 UTC));
        clock.advance(Duration::minutes(90));
        assert_eq!(clock.now(), datetime!(2026-03-29 02:29:59 UTC));
    }

    #[test]
    fn system_clock_is_utc_in_whole_seconds() {
        let now = SystemClock.now();
        assert_eq!(now.nanosecond(), 0);
        assert_eq!(now.offset(), time::UtcOffset::UTC);
    }
}
