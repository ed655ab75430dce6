//! Tokens of links that work without logging in (a hand-over, a
//! satisfaction question): random, 32 hexadecimal characters, and kept in
//! the database only as their SHA-256, so a copy of the database opens no link.

use sha2::{Digest, Sha256};

/// A new token for a link.
pub fn new() -> String {
    uuid::Uuid::new_v4().simple().to_string()
}

/// What the database keeps of a token.
pub fn hash(token: &str) -> String {
    Sha256::digest(token.as_bytes()).iter().map(|b| format!("{b:02x}")).collect()
}

/// Whether `token` looks like one [`new`] made (anything else is not looked up).
pub fn well_formed(token: &str) -> bool {
    token.len() == 32 && token.bytes().all(|b| b.is_ascii_hexdigit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_token_is_well_formed_and_its_hash_is_not_the_token() {
        let token = new();
        assert!(well_formed(&token));
        assert_ne!(hash(&token), token);
        assert_eq!(hash(&token).len(), 64);
        assert!(!well_formed("../../etc/passwd"));
        assert!(!well_formed(&token[..31]));
    }
}
