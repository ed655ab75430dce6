//! The resident's language: Dutch by default, English on request.
//!
//! Texts stay next to the markup that shows them, as a Dutch/English pair
//! (`lang.pick("Inloggen", "Log in")`), so no text can miss a translation.
//! The choice lives in a cookie set by `/taal`; the server reads it per
//! request and islands receive it as a prop.

use serde::{Deserialize, Serialize};

/// Name of the cookie that keeps the chosen language.
pub const LANG_COOKIE: &str = "loket_lang";

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Lang {
    #[default]
    Nl,
    En,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::Nl, Lang::En];

    /// The BCP 47 code used in `lang` attributes, cookies and URLs.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Nl => "nl",
            Lang::En => "en",
        }
    }

    pub fn from_code(code: &str) -> Option<Lang> {
        Lang::ALL.into_iter().find(|l| l.code() == code)
    }

    /// The language's own name, as shown in the language switch.
    pub fn endonym(self) -> &'static str {
        match self {
            Lang::Nl => "Nederlands",
            Lang::En => "English",
        }
    }

    pub fn pick<'a>(self, nl: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Nl => nl,
            Lang::En => en,
        }
    }

    /// Reads the language from a `Cookie` header value; Dutch when absent or unknown.
    pub fn from_cookie_header(header: &str) -> Lang {
        header
            .split(';')
            .filter_map(|pair| pair.trim().split_once('='))
            .find(|(name, _)| *name == LANG_COOKIE)
            .and_then(|(_, value)| Lang::from_code(value.trim()))
            .unwrap_or_default()
    }
}

/// The language of the page being rendered.
pub fn use_lang() -> Lang {
    leptos::prelude::use_context::<Lang>().unwrap_or_default()
}

/// On the server: the language the current request asks for.
#[cfg(feature = "ssr")]
pub fn lang_of_request() -> Lang {
    leptos::prelude::use_context::<http::request::Parts>()
        .and_then(|parts| {
            parts
                .headers
                .get(http::header::COOKIE)
                .and_then(|v| v.to_str().ok())
                .map(Lang::from_cookie_header)
        })
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cookie_header_selects_english_among_other_cookies() {
        assert_eq!(Lang::from_cookie_header("a=1; loket_lang=en; b=2"), Lang::En);
    }

    #[test]
    fn unknown_or_missing_language_falls_back_to_dutch() {
        assert_eq!(Lang::from_cookie_header("loket_lang=fr"), Lang::Nl);
        assert_eq!(Lang::from_cookie_header(""), Lang::Nl);
        assert_eq!(Lang::from_cookie_header("xloket_lang=en"), Lang::Nl);
    }
}

// Dutch local time (Europe/Amsterdam), without a time-zone database: the
// EU rule is fixed (summer time from the last Sunday of March to the last
// Sunday of October, switching at 01:00 UTC).

/// The last Sunday of a month, at 01:00 UTC: when EU summer time starts (March) or ends (October).
fn switch_moment(year: i32, month: time::Month) -> time::OffsetDateTime {
    let mut day = time::Date::from_calendar_date(year, month, 31).expect("March and October have 31 days");
    while day.weekday() != time::Weekday::Sunday {
        day = day.previous_day().expect("within the month");
    }
    day.with_hms(1, 0, 0).expect("valid time").assume_utc()
}

/// Europe/Amsterdam's offset at an instant: +2 in EU summer time, +1 otherwise.
pub fn amsterdam_offset(at: time::OffsetDateTime) -> time::UtcOffset {
    let at = at.to_offset(time::UtcOffset::UTC);
    let summer = at >= switch_moment(at.year(), time::Month::March) && at < switch_moment(at.year(), time::Month::October);
    time::UtcOffset::from_hms(if summer { 2 } else { 1 }, 0, 0).expect("valid offset")
}

/// A moment as people write it, in Dutch local time: "23 november 2026 10:00".
pub fn format_moment(lang: Lang, at: time::OffsetDateTime) -> String {
    let local = at.to_offset(amsterdam_offset(at));
    format!("{} {:02}:{:02}", format_date(lang, local.date()), local.hour(), local.minute())
}

/// A date as people write it: "23 november 2026" / "23 November 2026".
pub fn format_date(lang: Lang, date: time::Date) -> String {
    const NL: [&str; 12] = [
        "januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december",
    ];
    const EN: [&str; 12] = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December",
    ];
    let month = usize::from(u8::from(date.month())) - 1;
    let name = match lang {
        Lang::Nl => NL[month],
        Lang::En => EN[month],
    };
    format!("{} {name} {}", date.day(), date.year())
}

#[cfg(test)]
mod date_tests {
    use super::*;

    #[test]
    fn amsterdam_switches_to_summer_time_on_the_last_sunday_of_march_at_one_utc() {
        use time::macros::datetime;
        assert_eq!(amsterdam_offset(datetime!(2026-03-29 00:59:59 UTC)).whole_hours(), 1);
        assert_eq!(amsterdam_offset(datetime!(2026-03-29 01:00:00 UTC)).whole_hours(), 2);
        assert_eq!(amsterdam_offset(datetime!(2026-10-25 00:59:59 UTC)).whole_hours(), 2);
        assert_eq!(amsterdam_offset(datetime!(2026-10-25 01:00:00 UTC)).whole_hours(), 1);
        assert_eq!(amsterdam_offset(datetime!(2026-11-23 09:00 UTC)).whole_hours(), 1);
    }

    #[test]
    fn moments_are_written_in_dutch_local_time() {
        use time::macros::datetime;
        assert_eq!(format_moment(Lang::Nl, datetime!(2026-11-23 09:05 UTC)), "23 november 2026 10:05");
        assert_eq!(format_moment(Lang::En, datetime!(2026-07-01 22:30 UTC)), "2 July 2026 00:30");
    }

    #[test]
    fn dates_are_written_out_in_the_page_language() {
        let d = time::macros::date!(2026 - 03 - 01);
        assert_eq!(format_date(Lang::Nl, d), "1 maart 2026");
        assert_eq!(format_date(Lang::En, d), "1 March 2026");
    }
}
