//! Levels of assurance (betrouwbaarheidsniveau) of a DigiD login.

use serde::{Deserialize, Serialize};

/// DigiD's levels, weakest first: `Ord` says which is stronger.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Loa {
    Basis,
    Midden,
    Substantieel,
    Hoog,
}

impl Loa {
    /// Reads a level as brokers send it: DigiD's SAML context classes,
    /// eIDAS URIs, or the plain Dutch names.
    pub fn from_claim(value: &str) -> Option<Loa> {
        Some(match value.trim() {
            "urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport" | "basis" => Loa::Basis,
            "urn:oasis:names:tc:SAML:2.0:ac:classes:MobileTwoFactorContract" | "midden" => Loa::Midden,
            "urn:oasis:names:tc:SAML:2.0:ac:classes:Smartcard" | "substantieel" | "http://eidas.europa.eu/LoA/substantial" => {
                Loa::Substantieel
            }
            "urn:oasis:names:tc:SAML:2.0:ac:classes:SmartcardPKI" | "hoog" | "http://eidas.europa.eu/LoA/high" => Loa::Hoog,
            "http://eidas.europa.eu/LoA/low" => Loa::Basis,
            _ => return None,
        })
    }

    /// The SAML context class a broker understands in `acr_values`.
    pub fn context_class(self) -> &'static str {
        match self {
            Loa::Basis => "urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport",
            Loa::Midden => "urn:oasis:names:tc:SAML:2.0:ac:classes:MobileTwoFactorContract",
            Loa::Substantieel => "urn:oasis:names:tc:SAML:2.0:ac:classes:Smartcard",
            Loa::Hoog => "urn:oasis:names:tc:SAML:2.0:ac:classes:SmartcardPKI",
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Loa::Basis => "basis",
            Loa::Midden => "midden",
            Loa::Substantieel => "substantieel",
            Loa::Hoog => "hoog",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digid_context_classes_and_plain_names_map_to_the_same_level() {
        for loa in [Loa::Basis, Loa::Midden, Loa::Substantieel, Loa::Hoog] {
            assert_eq!(Loa::from_claim(loa.context_class()), Some(loa));
            assert_eq!(Loa::from_claim(loa.name()), Some(loa));
        }
        assert_eq!(Loa::from_claim("http://eidas.europa.eu/LoA/substantial"), Some(Loa::Substantieel));
        assert_eq!(Loa::from_claim("urn:etoegang:core:assurance-class:loa3"), None);
    }

    #[test]
    fn levels_are_ordered_from_weak_to_strong() {
        assert!(Loa::Basis < Loa::Midden && Loa::Midden < Loa::Substantieel && Loa::Substantieel < Loa::Hoog);
    }
}
