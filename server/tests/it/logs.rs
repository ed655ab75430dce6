//! Nothing personal in the logs: what the whole test suite logged (the
//! integration tests' trace and every browser-test server's log, collected
//! by `script/test` in `LOKET_SCAN_LOGS`) holds no BSN, e-mail address,
//! phone number or demo person's name. `script/test` runs the scan after
//! everything else; on its own it has nothing to read and is ignored.

use std::sync::LazyLock;

use regex::Regex;

// Tokens are delimited so parts of ids (UUIDs, hex tokens) never count.
static EMAIL: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}").unwrap());
// Nine digits after a decimal point are a fraction (a duration's nanoseconds), not a number of their own.
static NINE_DIGITS: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?:^|[^0-9A-Za-z.-])([0-9]{9})(?:$|[^0-9A-Za-z-])").unwrap());
static PHONE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?:^|[^0-9A-Za-z-])(?:\+31|0031|31|0)6[ -]?[0-9]{8}(?:$|[^0-9A-Za-z-])").unwrap());

/// Addresses of the municipality itself: not about a person.
const MUNICIPALITY_ADDRESSES: [&str; 3] = ["noreply@voorbeeld.example", "vragen@voorbeeld.example", "info@voorbeeld.example"];

/// The demo people, residents and staff.
const DEMO_NAMES: [&str; 8] = ["Jan Jansen", "Fatima", "El Amrani", "Kees de Boer", "Sanne de Vries", "Ahmed Benali", "Petra Jansen", "Inge Bakker"];

/// What a line gives away, by kind (the finding itself is not repeated).
fn findings(line: &str) -> Vec<&'static str> {
    let mut found = Vec::new();
    if EMAIL.find_iter(line).any(|m| !MUNICIPALITY_ADDRESSES.contains(&m.as_str())) {
        found.push("e-mail address");
    }
    if NINE_DIGITS.captures_iter(line).any(|c| is_bsn(&c[1])) {
        found.push("BSN");
    }
    if PHONE.is_match(line) {
        found.push("phone number");
    }
    if DEMO_NAMES.iter().any(|name| line.contains(name)) {
        found.push("name");
    }
    found
}

/// The eleven test (elfproef) every BSN passes.
fn is_bsn(digits: &str) -> bool {
    let d: Vec<i64> = digits.bytes().map(|b| (b - b'0') as i64).collect();
    let sum: i64 = (0..8).map(|i| d[i] * (9 - i as i64)).sum::<i64>() - d[8];
    sum % 11 == 0 && d.iter().any(|x| *x != 0)
}

#[test]
fn the_log_scan_finds_each_kind_of_personal_data() {
    assert_eq!(findings("INFO request{path=/mijn/zaken/0b7e3a52-5d6c-4f1e-9b1a-2f0c8e7d6a51}: notice sent to noreply@voorbeeld.example"), Vec::<&str>::new());
    assert_eq!(findings("WARN login for 999993653 refused"), ["BSN"]);
    assert_eq!(findings("call from +31612345678 at 09:00"), ["phone number"]);
    assert_eq!(findings("wa_id 31687654321"), ["phone number"]);
    assert_eq!(findings("mail from jan@example.nl bounced"), ["e-mail address"]);
    assert_eq!(findings("resident Fatima El Amrani"), ["name"]);
    assert_eq!(findings("id 5f2b9c0e-8d7a-4b6c-9e1f-999993653aaa"), Vec::<&str>::new(), "part of an id is not a BSN");
    assert_eq!(findings("took 123456789 ns"), Vec::<&str>::new(), "nine digits that fail the eleven test");
    assert_eq!(findings("slow statement elapsed_secs=1.060570258 slow_threshold=1s"), Vec::<&str>::new(), "a fraction's digits are not a BSN");
    assert_eq!(findings("bsn=999993653."), ["BSN"], "a full stop after it does not hide one");
}

#[test]
#[ignore = "script/test runs it on what the whole suite logged (LOKET_SCAN_LOGS)"]
fn nothing_personal_in_what_the_test_suite_logged() {
    let dir = std::env::var("LOKET_SCAN_LOGS").expect("LOKET_SCAN_LOGS: the directory with the suite's logs");
    let mut files = 0;
    let mut lines = 0;
    let mut hits = Vec::new();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().and_then(|e| e.to_str()) != Some("log") {
            continue;
        }
        files += 1;
        let text = std::fs::read_to_string(&path).unwrap();
        for (n, line) in text.lines().enumerate() {
            lines += 1;
            for kind in findings(line) {
                hits.push(format!("{}:{}: {kind}", path.display(), n + 1));
            }
        }
    }
    assert!(files > 0 && lines > 0, "nothing logged in {dir}");
    println!("scanned {lines} lines in {files} log files");
    assert!(hits.is_empty(), "personal data in the logs:\n{}", hits.join("\n"));
}
