//! Every message exists in French and English, and every key the templates
//! and the code use is translated.

use std::collections::BTreeSet;

use essaim_domain::i18n::Lang;
use essaim_web::has_key;

fn keys_of(ftl: &str) -> BTreeSet<String> {
    ftl.lines()
        .filter_map(|l| l.split_once(" ="))
        .map(|(k, _)| k.trim().to_string())
        .filter(|k| {
            !k.is_empty()
                && k.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        })
        .collect()
}

/// Quoted strings in `source` that look like message keys with one of `prefixes`.
fn quoted_keys(source: &str, prefixes: &[&str]) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for quote in ['"', '\''] {
        for piece in source.split(quote).skip(1).step_by(2) {
            let is_key = piece.len() > 3
                && piece
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
                && prefixes.iter().any(|p| piece.starts_with(p))
                && !piece.ends_with('-');
            if is_key {
                out.insert(piece.to_string());
            }
        }
    }
    out
}

/// Prefixes of message keys written as strings in Rust code.
const CODE_PREFIXES: &[&str] = &[
    "error-", "flash-", "email-", "page-", "license-", "wiki-", "feed-", "health-",
];

#[test]
fn french_and_english_have_the_same_keys() {
    let fr = keys_of(include_str!("../locales/fr/main.ftl"));
    let en = keys_of(include_str!("../locales/en/main.ftl"));
    let only_fr: Vec<_> = fr.difference(&en).collect();
    let only_en: Vec<_> = en.difference(&fr).collect();
    assert!(
        only_fr.is_empty() && only_en.is_empty(),
        "only in fr: {only_fr:?}; only in en: {only_en:?}"
    );
    assert!(fr.len() > 100);
}

/// Keys a template uses: `t("key")`, `t('key')`, and the `label`/`hint`
/// keys of included form fields.
fn template_keys(source: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for opener in ["t(\"", "t('", "\"label\": \"", "\"hint\": \""] {
        for piece in source.split(opener).skip(1) {
            let key: String = piece
                .chars()
                .take_while(|c| {
                    c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '-' || *c == '_'
                })
                .collect();
            let closed = piece[key.len()..].starts_with(['"', '\'']);
            // `t("kind-" ~ code)` builds keys at run time: listed below.
            if !key.is_empty() && closed && !key.ends_with('-') {
                out.insert(key);
            }
        }
    }
    out
}

/// The text of every `.rs` file under `dir`.
fn rust_sources(dir: &std::path::Path, out: &mut Vec<String>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("entry").path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            rust_sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(std::fs::read_to_string(&path).expect("source"));
        }
    }
}

#[test]
fn every_key_used_is_translated() {
    let mut used = BTreeSet::new();
    for (_, source) in essaim_web::Templates::builtin_sources() {
        used.extend(template_keys(source));
    }
    // Every source file of the crates that speak to people: a file moved
    // or added is read without being listed here.
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut code = Vec::new();
    for dir in ["src", "../essaim-app/src", "../essaim-domain/src"] {
        rust_sources(&root.join(dir), &mut code);
    }
    assert!(code.len() > 30, "the sources were not found");
    for source in &code {
        used.extend(quoted_keys(source, CODE_PREFIXES));
    }
    // Email kinds (their messages are `email-{kind}-…`, listed below).
    used.remove("page-changed");
    // Keys built at run time from a prefix.
    for f in ["immediate", "daily", "weekly", "never"] {
        used.insert(format!("frequency-{f}"));
    }
    for s in ["queued", "sent", "failed", "captured"] {
        used.insert(format!("outbox-status-{s}"));
    }
    for r in ["register", "login", "reset"] {
        used.insert(format!("inbox-{r}"));
    }
    for kind in ["verify", "magic-link", "reset", "already-registered"] {
        for part in ["subject", "intro", "button", "outro"] {
            used.insert(format!("email-{kind}-{part}"));
        }
    }
    let dynamic: [(&str, &[&str]); 10] = [
        (
            "kind-",
            &[
                "thematic",
                "territorial",
                "support",
                "thematic-hint",
                "territorial-hint",
                "support-hint",
            ],
        ),
        ("status-", &["preparing", "active", "archived"]),
        ("joining-", &["open", "request"]),
        (
            "role-",
            &[
                "member",
                "facilitator",
                "leader",
                "project_holder",
                "referent",
                "moderator",
            ],
        ),
        (
            "service-",
            &[
                "home",
                "information",
                "meetings",
                "discussions",
                "projects",
                "resources",
                "open_projects",
                "join",
                "members",
                "administration",
                "follow_up",
            ],
        ),
        ("visibility-", &["members", "everyone"]),
        ("group-review-", &["pending", "refused", "approved"]),
        ("lang-", &["fr", "en"]),
        (
            "health-indicator-",
            &[
                "follow_up",
                "meetings",
                "information",
                "discussion",
                "shared_space",
            ],
        ),
        ("health-level-", &["green", "amber", "red", "unknown"]),
    ];
    for (prefix, suffixes) in dynamic {
        for suffix in suffixes {
            used.insert(format!("{prefix}{suffix}"));
        }
    }
    for (prefix, suffixes) in [
        ("access-read-", &["everyone", "members", "facilitators"][..]),
        ("access-edit-", &["members", "logged_in"][..]),
        ("wiki-watching-", &["immediate", "daily"][..]),
        ("wiki-access-", &["members", "facilitators"][..]),
    ] {
        for suffix in suffixes {
            used.insert(format!("{prefix}{suffix}"));
        }
    }
    for kind in [
        "join-request",
        "join-accepted",
        "join-declined",
        "page-changed",
        "watch-digest",
    ] {
        for part in ["subject", "intro", "button", "outro"] {
            used.insert(format!("email-{kind}-{part}"));
        }
    }
    // Discussions: choices and notification kinds built at run time.
    for key in [
        "discussions-read-public",
        "discussions-read-members",
        "discussions-outsiders-moderate",
        "discussions-outsiders-refuse",
        "list-mode-every",
        "list-mode-daily",
        "list-mode-weekly",
        "list-mode-none",
        "notification-mention",
        "notification-reply",
        "notification-mail-stopped",
        "discussion-quote-wrote",
        "discussions-feed-title",
    ] {
        used.insert(key.to_string());
    }
    for kind in [
        "mention",
        "topic-reply",
        "notification-digest",
        "list-subscribe",
        "list-unsubscribe",
        "list-digest-reply",
        "list-held",
        "list-refused",
        "list-closed",
        "list-empty",
        "list-invite",
    ] {
        for part in ["subject", "intro", "button", "outro"] {
            used.insert(format!("email-{kind}-{part}"));
        }
    }
    for m in 1..=12 {
        used.insert(format!("month-{m}"));
    }
    // Meetings and polls: keys built at run time.
    for (prefix, suffixes) in [
        ("cadence-", &["weekly", "fortnightly", "monthly"][..]),
        ("choice-", &["yes", "if_need_be", "no"][..]),
        ("repeat-", &["none", "weeks-1", "weeks-2", "monthly"][..]),
        ("rsvp-", &["going", "maybe", "not_going"][..]),
        ("meeting-visibility-", &["public", "members"][..]),
        ("series-nth-", &["1", "2", "3", "4", "last"][..]),
        ("email-file-left-out-", &["too-large", "type", "held"][..]),
        ("discussions-mail-file-", &["too-large", "type", "held"][..]),
        (
            "weekday-",
            &["mon", "tue", "wed", "thu", "fri", "sat", "sun"][..],
        ),
    ] {
        for suffix in suffixes {
            used.insert(format!("{prefix}{suffix}"));
        }
    }
    for kind in [
        "meeting-invite",
        "meeting-changed",
        "meeting-cancelled",
        "meeting-reminder",
        "minutes-ask",
        "alive-organizer",
        "alive-facilitators",
        "poll-reminder",
        "poll-closed",
        // what becomes of an emailed message (discussions::inbound)
        "list-too-long",
        "list-empty",
        "list-files-refused",
        "list-closed",
        "list-not-posted",
        "list-left-out",
        "list-whole",
        "list-post-held",
        "list-held",
    ] {
        for part in ["subject", "intro", "button", "outro"] {
            used.insert(format!("email-{kind}-{part}"));
        }
    }
    // The usages board: choices built at run time.
    for (prefix, suffixes) in [
        (
            "usages-status-",
            &["proposed", "planned", "done", "not_done", "set_aside"][..],
        ),
        ("usages-cost-", &["1", "2", "3"][..]),
        ("usages-impact-", &["1", "2", "3"][..]),
        ("usages-outcome-", &["done", "not_done"][..]),
        ("field-usage-", &["want", "so_that", "cost", "impact"][..]),
    ] {
        for suffix in suffixes {
            used.insert(format!("{prefix}{suffix}"));
        }
    }
    let error_keys: Vec<String> = used
        .iter()
        .filter(|k| k.starts_with("error-"))
        .cloned()
        .collect();
    for key in error_keys {
        // Error pages show a title beside each general message.
        if has_key(Lang::Fr, &format!("{key}-title")) {
            used.insert(format!("{key}-title"));
        }
    }
    let missing: Vec<String> = used
        .iter()
        .flat_map(|k| {
            Lang::ALL
                .into_iter()
                .filter(|l| !has_key(*l, k))
                .map(move |l| format!("{}:{k}", l.code()))
        })
        .collect();
    assert!(missing.is_empty(), "untranslated: {missing:?}");
}

#[test]
fn every_problem_has_a_titled_page_in_both_languages() {
    use essaim_domain::Problem;
    let problems = [
        Problem::Invalid(vec![]),
        Problem::Unauthenticated,
        Problem::Forbidden,
        Problem::NotFound,
        Problem::RateLimited,
        Problem::Csrf,
        Problem::LinkInvalid,
    ];
    for p in problems {
        for lang in Lang::ALL {
            assert!(has_key(lang, p.key()), "{:?} {}", lang, p.key());
            assert!(
                has_key(lang, &format!("{}-title", p.key())),
                "{:?} {}-title",
                lang,
                p.key()
            );
        }
    }
}
