//! The resident's language: Dutch by default, English on request.
//!
//! Texts live in Fluent message files, one per language
//! (`app/locales/nl.ftl`, `en.ftl`), and views name them by key:
//! `lang.t("login-log-in")`. They are read on the server only: pages render
//! there, and islands get their texts from the server as props, so the
//! browser bundle carries no message files. A test checks that every key
//! is in every language and that every key the code names exists. Texts
//! that come from data (a case type's name in both languages) are picked
//! with `lang.pick(nl, en)`. The choice of language lives in a cookie set
//! by `/taal`; the server reads it per request.

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

    /// The text of message `key` in this language. On the server only:
    /// in the browser (islands) it is the key itself, which a page would
    /// show, so islands take their texts as props instead.
    pub fn t(self, key: &'static str) -> &'static str {
        #[cfg(feature = "ssr")]
        {
            messages::text(self, key)
        }
        #[cfg(not(feature = "ssr"))]
        {
            key
        }
    }

    /// One of two texts that come from data, in this language.
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

/// The message files, formatted once per process (their texts have no
/// arguments, so each key has one text per language).
#[cfg(feature = "ssr")]
mod messages {
    use std::{collections::HashMap, sync::LazyLock};

    use fluent_bundle::{concurrent::FluentBundle, FluentResource};

    use super::Lang;

    pub(super) const SOURCES: [(Lang, &str); 2] = [(Lang::Nl, include_str!("../locales/nl.ftl")), (Lang::En, include_str!("../locales/en.ftl"))];

    /// Every message of one file as text; `Err` with what is wrong in it.
    pub(super) fn load(lang: Lang, source: &str) -> Result<HashMap<String, String>, String> {
        let resource = FluentResource::try_new(source.to_string()).map_err(|(_, errors)| format!("{}.ftl does not parse: {errors:?}", lang.code()))?;
        let ids: Vec<String> = resource
            .entries()
            .filter_map(|entry| match entry {
                fluent_syntax::ast::Entry::Message(message) => Some(message.id.name.to_string()),
                _ => None,
            })
            .collect();
        let language: unic_langid::LanguageIdentifier = lang.code().parse().map_err(|_| "not a language tag".to_string())?;
        let mut bundle = FluentBundle::new_concurrent(vec![language]);
        bundle.set_use_isolating(false);
        bundle.add_resource(resource).map_err(|errors| format!("{}.ftl: {errors:?}", lang.code()))?;
        let mut texts = HashMap::new();
        for id in ids {
            let Some(pattern) = bundle.get_message(&id).and_then(|m| m.value()) else { return Err(format!("{}.ftl: {id} has no text", lang.code())) };
            let mut errors = Vec::new();
            let text = bundle.format_pattern(pattern, None, &mut errors).into_owned();
            if !errors.is_empty() {
                return Err(format!("{}.ftl: {id}: {errors:?}", lang.code()));
            }
            texts.insert(id, text);
        }
        Ok(texts)
    }

    static TEXTS: LazyLock<[HashMap<String, String>; 2]> =
        LazyLock::new(|| SOURCES.map(|(lang, source)| load(lang, source).unwrap_or_else(|error| panic!("{error}"))));

    pub(super) fn text(lang: Lang, key: &'static str) -> &'static str {
        let index = Lang::ALL.iter().position(|l| *l == lang).unwrap_or(0);
        match TEXTS[index].get(key) {
            Some(text) => text,
            None => {
                tracing::error!(key, language = lang.code(), "no text for this key");
                key
            }
        }
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

/// A date with its weekday, as people write it: "donderdag 3 december 2026".
pub fn format_day(lang: Lang, date: time::Date) -> String {
    const NL: [&str; 7] = ["maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"];
    const EN: [&str; 7] = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
    let day = usize::from(date.weekday().number_days_from_monday());
    format!("{} {}", if lang == Lang::Nl { NL[day] } else { EN[day] }, format_date(lang, date))
}

/// A time of day as Dutch signs write it: "09.30".
pub fn format_time(time: time::Time) -> String {
    format!("{:02}.{:02}", time.hour(), time.minute())
}

#[cfg(all(test, feature = "ssr"))]
mod message_tests {
    use std::collections::BTreeSet;

    use super::*;

    fn keys(lang: Lang) -> BTreeSet<String> {
        let (_, source) = messages::SOURCES.iter().find(|(l, _)| *l == lang).unwrap();
        messages::load(lang, source).unwrap_or_else(|e| panic!("{e}")).into_keys().collect()
    }

    #[test]
    fn every_key_is_in_every_language() {
        let dutch = keys(Lang::Nl);
        for lang in Lang::ALL {
            assert_eq!(keys(lang), dutch, "{} has other keys than nl", lang.code());
        }
    }

    #[test]
    fn every_key_the_code_names_exists() {
        let known = keys(Lang::Nl);
        let mut missing = Vec::new();
        let mut stack = vec![std::path::PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/src"))];
        while let Some(path) = stack.pop() {
            if path.is_dir() {
                stack.extend(std::fs::read_dir(&path).unwrap().map(|e| e.unwrap().path()));
                continue;
            }
            let source = std::fs::read_to_string(&path).unwrap();
            for (i, _) in source.match_indices(".t(\"") {
                let key: String = source[i + 4..].chars().take_while(|c| *c != '"').collect();
                if !known.contains(&key) {
                    missing.push(format!("{}: {key}", path.display()));
                }
            }
        }
        assert!(missing.is_empty(), "keys without a text: {missing:?}");
    }

    #[test]
    fn a_text_is_read_in_the_language_asked_for() {
        assert_eq!(Lang::Nl.t("login-log-in-with-digid"), "Inloggen met DigiD");
        assert_eq!(Lang::En.t("login-log-in-with-digid"), "Log in with DigiD");
    }
}

#[cfg(test)]
mod date_tests {
    use super::*;

    #[test]
    fn dates_are_written_out_in_the_page_language() {
        let d = time::macros::date!(2026 - 03 - 01);
        assert_eq!(format_date(Lang::Nl, d), "1 maart 2026");
        assert_eq!(format_date(Lang::En, d), "1 March 2026");
    }
}
