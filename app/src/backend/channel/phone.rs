//! Phone numbers as Loket keeps them: E.164 with a `+` (`+31612345678`),
//! whatever form they arrive in: typed by a resident (`06-12345678`,
//! `+31 6 1234 5678`, `0031612345678`), from WhatsApp (`31612345678`, digits
//! without `+`) or from Twilio (already E.164). One form, so a number
//! verified in the profile matches the number a message comes from.

/// The number in E.164 form, or `None` when it cannot be one. A national
/// number (one leading `0`) is read as Dutch; `digits_are_international`
/// says that bare digits already carry their country code (WhatsApp).
pub fn normalize(input: &str, digits_are_international: bool) -> Option<String> {
    let trimmed = input.trim();
    if trimmed.is_empty() || trimmed.len() > 32 {
        return None;
    }
    if !trimmed.chars().all(|c| c.is_ascii_digit() || " -().+".contains(c)) || trimmed.matches('+').count() > 1 {
        return None;
    }
    if trimmed.contains('+') && !trimmed.starts_with('+') {
        return None;
    }
    let digits: String = trimmed.chars().filter(char::is_ascii_digit).collect();
    let international = if trimmed.starts_with('+') {
        digits
    } else if let Some(rest) = digits.strip_prefix("00") {
        rest.to_string()
    } else if let Some(rest) = digits.strip_prefix('0') {
        format!("31{rest}")
    } else if digits_are_international {
        digits
    } else {
        return None;
    };
    // A country code never starts with 0; E.164 allows at most 15 digits.
    if international.starts_with('0') || !(8..=15).contains(&international.len()) {
        return None;
    }
    Some(format!("+{international}"))
}

/// Only the last digits, for places that must say which number without showing it.
pub fn masked(e164: &str) -> String {
    let tail: String = e164.chars().rev().take(2).collect::<Vec<_>>().into_iter().rev().collect();
    format!("******{tail}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_form_of_one_number_is_the_same_number() {
        for input in ["06-12345678", "06 1234 5678", "+31 6 12345678", "+31612345678", "0031612345678", "(06) 12345678"] {
            assert_eq!(normalize(input, false).as_deref(), Some("+31612345678"), "{input}");
        }
        assert_eq!(normalize("31612345678", true).as_deref(), Some("+31612345678"));
        assert_eq!(normalize("16505551234", true).as_deref(), Some("+16505551234"));
        assert_eq!(normalize("+3197010501234", false).as_deref(), Some("+3197010501234"), "a Dutch 097 number");
    }

    #[test]
    fn what_is_not_a_number_is_refused() {
        for input in ["", "  ", "abc", "06-1234567a", "31612345678", "+31+612345678", "6+31612345678", "+0612345678", "+1234567", "0612", &"1".repeat(40)] {
            assert_eq!(normalize(input, false), None, "{input}");
        }
    }

    #[test]
    fn masked_shows_only_the_last_two_digits() {
        assert_eq!(masked("+31612345678"), "******78");
    }

    #[test]
    fn normalize_never_panics_and_is_stable() {
        // A deterministic sweep over awkward inputs (the fuzz target runs the open-ended version).
        let pieces = ["+", "0", "00", "31", "6", " ", "-", "(", ")", "9", "é", "\u{0}", "１"];
        for a in pieces {
            for b in pieces {
                for c in pieces {
                    let input = format!("{a}{b}{c}12345678");
                    if let Some(n) = normalize(&input, true) {
                        assert_eq!(normalize(&n, false).as_deref(), Some(n.as_str()), "{input:?}");
                    }
                }
            }
        }
    }
}
