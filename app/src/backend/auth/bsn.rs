//! The BSN (burgerservicenummer): checked with the 11-test, never printed.

use std::fmt;

/// A BSN that passed the 11-test. `Debug` shows only the last four digits
/// and there is no `Display`, so a BSN cannot end up in a log line by accident.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Bsn(String);

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum BsnError {
    #[error("a BSN has 8 or 9 digits")]
    Length,
    #[error("a BSN has only digits")]
    NotDigits,
    #[error("the BSN fails the 11-test")]
    Checksum,
    #[error("unexpected DigiD sector code")]
    Sector,
}

impl Bsn {
    /// Parses a BSN as a DigiD broker sends it: plain, or with DigiD's
    /// sector prefix `s00000000:`; an 8-digit BSN gets its leading zero back.
    pub fn parse(raw: &str) -> Result<Bsn, BsnError> {
        let raw = raw.trim();
        let digits = match raw.split_once(':') {
            Some(("s00000000", rest)) => rest,
            Some(_) => return Err(BsnError::Sector),
            None => raw,
        };
        if !digits.chars().all(|c| c.is_ascii_digit()) {
            return Err(BsnError::NotDigits);
        }
        let digits = match digits.len() {
            8 => format!("0{digits}"),
            9 => digits.to_string(),
            _ => return Err(BsnError::Length),
        };
        let sum: i64 = digits
            .bytes()
            .map(|b| i64::from(b - b'0'))
            .zip([9, 8, 7, 6, 5, 4, 3, 2, -1])
            .map(|(d, w)| d * w)
            .sum();
        if sum % 11 != 0 || digits == "000000000" {
            return Err(BsnError::Checksum);
        }
        Ok(Bsn(digits))
    }

    /// The full number, for the database and back-office systems only.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// For showing to the resident themself: `*****3653`.
    pub fn masked(&self) -> String {
        format!("*****{}", &self.0[5..])
    }
}

impl fmt::Debug for Bsn {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Bsn({})", self.masked())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn valid_test_bsns_pass_the_eleven_test() {
        for bsn in ["999993653", "999990019", "111222333", "123456782"] {
            assert_eq!(Bsn::parse(bsn).unwrap().expose(), bsn);
        }
    }

    #[test]
    fn a_wrong_check_digit_is_refused() {
        assert_eq!(Bsn::parse("999993654"), Err(BsnError::Checksum));
        assert_eq!(Bsn::parse("123456789"), Err(BsnError::Checksum));
        assert_eq!(Bsn::parse("000000000"), Err(BsnError::Checksum));
    }

    #[test]
    fn shapes_other_than_eight_or_nine_digits_are_refused() {
        assert_eq!(Bsn::parse("12345"), Err(BsnError::Length));
        assert_eq!(Bsn::parse("99999365a"), Err(BsnError::NotDigits));
        assert_eq!(Bsn::parse(""), Err(BsnError::Length));
    }

    #[test]
    fn digid_sector_prefix_is_accepted_only_for_bsn() {
        assert_eq!(Bsn::parse("s00000000:999993653").unwrap().expose(), "999993653");
        assert_eq!(Bsn::parse("s00000001:999993653"), Err(BsnError::Sector));
    }

    #[test]
    fn eight_digit_bsns_get_their_leading_zero() {
        // 0*9 + 1*8 + 2*7 + 3*6 + 4*5 + 5*4 + 6*3 + 7*2 - 2 = 110 = 10 * 11
        assert_eq!(Bsn::parse("12345672").unwrap().expose(), "012345672");
    }

    #[test]
    fn debug_output_never_shows_the_whole_number() {
        let text = format!("{:?}", Bsn::parse("999993653").unwrap());
        assert_eq!(text, "Bsn(*****3653)");
    }
}
