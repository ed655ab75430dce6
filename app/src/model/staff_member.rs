//! Staff as Loket knows them: their roles and the confidentiality levels
//! (ZGW `vertrouwelijkheidaanduiding`) that decide which cases they may see.

use serde::{Deserialize, Serialize};

/// The roles Loket knows; a login's other role values are ignored.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Role {
    /// KCC agent: answers every channel, sees what the contact in front of them needs.
    Kcc,
    /// Works the cases, conversations and callback requests of their teams.
    Specialist,
    /// Leads their teams: their work and the statistics.
    Teamleider,
    /// Functional administrator: configures Loket, reads no resident data.
    Beheerder,
    /// Privacy officer: reads the processing log.
    Privacy,
}

impl Role {
    pub const ALL: [Role; 5] = [Role::Kcc, Role::Specialist, Role::Teamleider, Role::Beheerder, Role::Privacy];

    pub fn code(self) -> &'static str {
        match self {
            Role::Kcc => "kcc",
            Role::Specialist => "specialist",
            Role::Teamleider => "teamleider",
            Role::Beheerder => "beheerder",
            Role::Privacy => "privacy",
        }
    }

    pub fn from_code(code: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.code() == code)
    }

    /// The key of the role's name in the message files.
    pub fn label_key(self) -> &'static str {
        match self {
            Role::Kcc => "role-kcc",
            Role::Specialist => "role-specialist",
            Role::Teamleider => "role-teamleider",
            Role::Beheerder => "role-beheerder",
            Role::Privacy => "role-privacy",
        }
    }
}

/// ZGW's confidentiality levels, most open first: `Ord` says which is stricter.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Confidentiality {
    Openbaar,
    BeperktOpenbaar,
    Intern,
    Zaakvertrouwelijk,
    Vertrouwelijk,
    Confidentieel,
    Geheim,
    ZeerGeheim,
}

impl Confidentiality {
    pub const ALL: [Confidentiality; 8] = [
        Confidentiality::Openbaar,
        Confidentiality::BeperktOpenbaar,
        Confidentiality::Intern,
        Confidentiality::Zaakvertrouwelijk,
        Confidentiality::Vertrouwelijk,
        Confidentiality::Confidentieel,
        Confidentiality::Geheim,
        Confidentiality::ZeerGeheim,
    ];

    /// As ZGW writes it (`zaakvertrouwelijk`, `beperkt_openbaar` ...).
    pub fn code(self) -> &'static str {
        match self {
            Confidentiality::Openbaar => "openbaar",
            Confidentiality::BeperktOpenbaar => "beperkt_openbaar",
            Confidentiality::Intern => "intern",
            Confidentiality::Zaakvertrouwelijk => "zaakvertrouwelijk",
            Confidentiality::Vertrouwelijk => "vertrouwelijk",
            Confidentiality::Confidentieel => "confidentieel",
            Confidentiality::Geheim => "geheim",
            Confidentiality::ZeerGeheim => "zeer_geheim",
        }
    }

    pub fn from_code(code: &str) -> Option<Confidentiality> {
        Confidentiality::ALL.into_iter().find(|c| c.code() == code)
    }

    /// The levels at or below this one (what a clearance lets someone see).
    pub fn up_to(self) -> Vec<&'static str> {
        Confidentiality::ALL.into_iter().filter(|c| *c <= self).map(Confidentiality::code).collect()
    }
}

/// The signed-in staff member as a page shows them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffProfile {
    pub name: String,
    /// Role names in the page's language.
    pub roles: Vec<String>,
    /// Team names in the page's language.
    pub teams: Vec<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_and_levels_read_back_what_they_write() {
        for role in Role::ALL {
            assert_eq!(Role::from_code(role.code()), Some(role));
        }
        for level in Confidentiality::ALL {
            assert_eq!(Confidentiality::from_code(level.code()), Some(level));
        }
        assert_eq!(Role::from_code("admin"), None);
    }

    #[test]
    fn a_clearance_covers_its_own_level_and_the_more_open_ones() {
        assert_eq!(Confidentiality::Intern.up_to(), vec!["openbaar", "beperkt_openbaar", "intern"]);
        assert!(Confidentiality::Vertrouwelijk > Confidentiality::Zaakvertrouwelijk);
    }
}
