//! Translations (Fluent files under `locales/`) and dates in the reader's
//! language and the instance's time zone.

use std::borrow::Cow;
use std::collections::HashMap;

use chrono::{Datelike, TimeZone, Timelike};
use essaim_domain::i18n::Lang;
use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{LanguageIdentifier, Loader};

fluent_templates::static_loader! {
    static LOCALES = {
        locales: "./locales",
        fallback_language: "fr",
        // Bidi isolation marks would show up in emails and `<title>`s.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

fn langid(lang: Lang) -> LanguageIdentifier {
    match lang {
        Lang::Fr => fluent_templates::langid!("fr"),
        Lang::En => fluent_templates::langid!("en"),
    }
}

/// The message `key` in `lang`; the key itself if it is missing (a test
/// checks none is).
pub fn t(lang: Lang, key: &str) -> String {
    LOCALES
        .try_lookup(&langid(lang), key)
        .unwrap_or_else(|| key.to_string())
}

/// The message `key` in `lang` with named text arguments.
pub fn t_args(lang: Lang, key: &str, args: &[(&str, String)]) -> String {
    let values = args
        .iter()
        .map(|(k, v)| (k.to_string(), FluentValue::from(v.clone())))
        .collect();
    t_values(lang, key, values)
}

/// The message `key` in `lang` with named arguments of any Fluent type
/// (numbers select plural forms).
pub fn t_values(lang: Lang, key: &str, args: Vec<(String, FluentValue<'static>)>) -> String {
    let map: HashMap<Cow<'static, str>, FluentValue> =
        args.into_iter().map(|(k, v)| (Cow::Owned(k), v)).collect();
    LOCALES
        .try_lookup_with_args(&langid(lang), key, &map)
        .unwrap_or_else(|| key.to_string())
}

/// Whether `key` exists in `lang` (used by the completeness test).
pub fn has_key(lang: Lang, key: &str) -> bool {
    // Messages with variables only resolve when given them: pass every
    // variable name our messages use.
    let sample: HashMap<Cow<'static, str>, FluentValue> = [
        "instance",
        "email",
        "name",
        "count",
        "group",
        "person",
        "message",
        "keyword",
        "page",
        "pages",
        "slug",
        "date",
        "description",
        "license",
        "how",
        "summary",
        "n",
        "title",
        "author",
        "revision",
        "from",
        "to",
        "old",
        "new",
        "q",
        // meetings and polls
        "yes",
        "maybe",
        "when",
        "due",
        "deadline",
        "nth",
        "weekday",
        // what becomes of an emailed message
        "more",
        "size",
        "limit",
        "file_limit",
        "files",
        "reason",
    ]
    .into_iter()
    .map(|k| (Cow::Borrowed(k), FluentValue::from("x")))
    .collect();
    LOCALES
        .try_lookup_with_args(&langid(lang), key, &sample)
        .is_some()
}

/// A date and time for people: "22 novembre 2026 à 14 h 05" /
/// "22 November 2026 at 2:05 PM", in `tz`.
pub fn format_datetime(lang: Lang, tz: chrono_tz::Tz, unix: i64) -> String {
    let Some(at) = tz.timestamp_opt(unix, 0).single() else {
        return String::new();
    };
    let month = t(lang, &format!("month-{}", at.month()));
    match lang {
        Lang::Fr => format!(
            "{} {} {} à {} h {:02}",
            at.day(),
            month,
            at.year(),
            at.hour(),
            at.minute()
        ),
        Lang::En => {
            let (pm, hour) = at.hour12();
            format!(
                "{} {} {} at {}:{:02} {}",
                at.day(),
                month,
                at.year(),
                hour,
                at.minute(),
                if pm { "PM" } else { "AM" }
            )
        }
    }
}

/// A date only: "22 novembre 2026" / "22 November 2026".
pub fn format_date(lang: Lang, tz: chrono_tz::Tz, unix: i64) -> String {
    let Some(at) = tz.timestamp_opt(unix, 0).single() else {
        return String::new();
    };
    format!(
        "{} {} {}",
        at.day(),
        t(lang, &format!("month-{}", at.month())),
        at.year()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_follow_language_and_time_zone() {
        // 2026-03-29 01:30 UTC is 03:30 in Paris (just after the DST change).
        let ts = 1_774_747_800;
        assert_eq!(
            format_datetime(Lang::Fr, chrono_tz::Europe::Paris, ts),
            "29 mars 2026 à 3 h 30"
        );
        assert_eq!(
            format_datetime(Lang::En, chrono_tz::Europe::Paris, ts),
            "29 March 2026 at 3:30 AM"
        );
        assert_eq!(format_date(Lang::En, chrono_tz::UTC, ts), "29 March 2026");
    }

    #[test]
    fn arguments_are_filled_in() {
        let s = t_args(Lang::En, "email-greeting", &[("name", "Zoé".into())]);
        assert!(s.contains("Zoé"), "{s}");
    }
}
