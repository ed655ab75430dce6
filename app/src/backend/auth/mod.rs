//! Who is asking: OpenID Connect login for residents (DigiD through a
//! broker) and staff (the municipality's own provider), the session that
//! follows, and the policy checks server functions call.

pub mod bsn;
pub mod loa;
pub mod oidc;
pub mod policy;
pub mod session;

use std::time::Duration;

use serde::{Deserialize, Serialize};

use crate::backend::auth::{loa::Loa, oidc::Provider};

/// Compares two secrets (a login's `state`, a webhook's verify token)
/// without revealing through timing how much of them matched.
pub fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// The two kinds of people who log in, each through their own provider.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Audience {
    Resident,
    Staff,
}

/// How claims are read and what is required, per installation.
#[derive(Clone, Debug)]
pub struct ClaimRules {
    /// Claim with the BSN (brokers differ: `bsn`, `urn:nl-eid-gdi:1.0:LegalSubjectID`, ...).
    pub bsn_claim: String,
    /// Claim with the level of assurance (`acr`, `loa`, ...).
    pub loa_claim: String,
    /// The lowest level accepted for any resident login.
    pub min_loa: Loa,
    /// The level the sensitive parts of the portal ask for.
    pub sensitive_loa: Loa,
    /// Claim with the staff member's roles (a list or a space-separated string).
    pub roles_claim: String,
    /// Provider role values and the Loket role each stands for; a known
    /// Loket role code is always understood, any other value is ignored.
    pub role_map: Vec<(String, crate::model::staff_member::Role)>,
    /// Claim with the slugs of the staff member's teams; without it, the
    /// teams the administrator keeps in the staff table stay.
    pub teams_claim: String,
    /// Claim with the staff member's clearance (a ZGW confidentiality level).
    pub clearance_claim: String,
    /// Claim with the staff member's display name.
    pub name_claim: String,
}

impl ClaimRules {
    /// The Loket roles a provider's role values stand for, mapped through
    /// `role_map` (Loket's own codes always count); others are ignored.
    pub fn roles(&self, values: &[String]) -> Vec<crate::model::staff_member::Role> {
        let mut roles: Vec<_> = values
            .iter()
            .filter_map(|v| self.role_map.iter().find(|(from, _)| from == v).map(|(_, role)| *role).or_else(|| crate::model::staff_member::Role::from_code(v)))
            .collect();
        roles.sort();
        roles.dedup();
        roles
    }
}

#[derive(Clone, Copy, Debug)]
pub struct SessionLimits {
    /// Logged out after this long without a request (DigiD relying parties use 15 minutes).
    pub idle: Duration,
    /// Logged out this long after logging in, active or not.
    pub absolute: Duration,
    /// Warn this long before the idle limit.
    pub warn_before: Duration,
}

/// Everything login needs, built once at start-up.
pub struct Auth {
    pub resident: Provider,
    pub staff: Provider,
    pub rules: ClaimRules,
    pub limits: SessionLimits,
}

impl Auth {
    pub fn provider(&self, audience: Audience) -> &Provider {
        match audience {
            Audience::Resident => &self.resident,
            Audience::Staff => &self.staff,
        }
    }
}
