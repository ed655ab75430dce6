//! What a login leaves in the session, and when it stops counting.
//!
//! The session itself (cookie, storage) is tower-sessions'; this module
//! decides freshness with Loket's clock, so tests can move time.

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use crate::backend::auth::{loa::Loa, SessionLimits};
use crate::model::ids::{ResidentId, StaffId, TeamId};
use crate::model::staff_member::{Confidentiality, Role};

/// Session key of the signed-in person.
pub const SIGNED_IN: &str = "signed_in";
/// Session key of a login in progress.
pub const PENDING_LOGIN: &str = "pending_login";

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Principal {
    Resident { id: ResidentId, loa: Loa },
    /// Stored at login; the middleware replaces it with the roles and teams of now on every request.
    Staff(Staff),
}

/// A signed-in staff member as the current request sees them: roles,
/// teams and clearance as they are now (read again on every request).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Staff {
    pub id: StaffId,
    pub name: String,
    pub roles: Vec<Role>,
    pub teams: Vec<TeamId>,
    pub clearance: Confidentiality,
}

/// How often activity is recorded (see [`SignedIn::touch`]).
pub const ACTIVITY_STEP_SECS: i64 = 60;

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct SignedIn {
    pub principal: Principal,
    /// Unix seconds.
    pub signed_in_at: i64,
    pub last_seen_at: i64,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Freshness {
    /// Still valid; this many seconds until the idle or absolute limit.
    Active { seconds_left: i64 },
    IdleExpired,
    AbsoluteExpired,
}

impl SignedIn {
    /// The raw ID token is not kept: it carries the BSN, and logging out at
    /// the provider needs only the client id.
    pub fn new(principal: Principal, now: OffsetDateTime) -> SignedIn {
        let now = now.unix_timestamp();
        SignedIn { principal, signed_in_at: now, last_seen_at: now }
    }

    /// Records activity at `now` when the recorded activity is a minute
    /// old or older; says whether it changed, so the session is written at
    /// most once a minute rather than on every request (a write per page
    /// puts every reader behind the one SQLite writer). The idle limit
    /// counts from the recorded activity, so a session may end up to a
    /// minute before fifteen minutes after the very last request, and the
    /// time left the page shows is the real one.
    pub fn touch(&mut self, now: OffsetDateTime) -> bool {
        let now = now.unix_timestamp();
        if now - self.last_seen_at < ACTIVITY_STEP_SECS {
            return false;
        }
        self.last_seen_at = now;
        true
    }

    /// Whether the login still counts at `now`.
    pub fn freshness(&self, now: OffsetDateTime, limits: &SessionLimits) -> Freshness {
        let now = now.unix_timestamp();
        let absolute_end = self.signed_in_at + limits.absolute.as_secs() as i64;
        let idle_end = self.last_seen_at + limits.idle.as_secs() as i64;
        if now >= absolute_end {
            Freshness::AbsoluteExpired
        } else if now >= idle_end {
            Freshness::IdleExpired
        } else {
            Freshness::Active { seconds_left: idle_end.min(absolute_end) - now }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;
    use time::macros::datetime;

    const LIMITS: SessionLimits = SessionLimits {
        idle: Duration::from_secs(15 * 60),
        absolute: Duration::from_secs(12 * 3600),
        warn_before: Duration::from_secs(120),
    };

    fn signed_in_at(t: OffsetDateTime) -> SignedIn {
        SignedIn::new(Principal::Resident { id: ResidentId::new(), loa: Loa::Midden }, t)
    }

    #[test]
    fn a_session_expires_after_fifteen_idle_minutes() {
        let t = datetime!(2026-11-23 09:00 UTC);
        let s = signed_in_at(t);
        assert_eq!(s.freshness(t + time::Duration::minutes(14), &LIMITS), Freshness::Active { seconds_left: 60 });
        assert_eq!(s.freshness(t + time::Duration::minutes(15), &LIMITS), Freshness::IdleExpired);
    }

    #[test]
    fn activity_is_recorded_once_a_minute_and_the_idle_limit_counts_from_it() {
        let t = datetime!(2026-11-23 09:00 UTC);
        let mut s = signed_in_at(t);
        assert!(!s.touch(t + time::Duration::seconds(59)), "within the minute nothing is written");
        assert_eq!(s.freshness(t + time::Duration::seconds(59), &LIMITS), Freshness::Active { seconds_left: 15 * 60 - 59 });
        assert!(s.touch(t + time::Duration::seconds(60)));
        assert_eq!(s.freshness(t + time::Duration::seconds(60), &LIMITS), Freshness::Active { seconds_left: 15 * 60 });
        assert_eq!(s.freshness(t + time::Duration::minutes(16), &LIMITS), Freshness::IdleExpired);
    }

    #[test]
    fn activity_never_stretches_a_session_past_twelve_hours() {
        let t = datetime!(2026-11-23 09:00 UTC);
        let mut s = signed_in_at(t);
        s.last_seen_at = (t + time::Duration::minutes(11 * 60 + 55)).unix_timestamp();
        assert_eq!(s.freshness(t + time::Duration::minutes(11 * 60 + 57), &LIMITS), Freshness::Active { seconds_left: 180 });
        assert_eq!(s.freshness(t + time::Duration::hours(12), &LIMITS), Freshness::AbsoluteExpired);
    }
}
