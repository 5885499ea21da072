//! Full-text search rules shared by both databases: how words become
//! search terms (accents folded, French and English stems, so "coopérative"
//! finds "cooperatives"), how a query becomes term groups, and how an
//! excerpt with the matches highlighted is cut.

use rust_stemmers::{Algorithm, Stemmer};

use crate::groups::fold_for_search;

/// Longest word indexed (longer ones are noise: hashes, long URLs).
const WORD_MAX: usize = 40;

/// Version of the way terms are made: when it changes, the index is
/// rebuilt (see `Store::migrate`).
pub const TERMS_VERSION: &str = "3";

fn stems(word: &str, french: &Stemmer, english: &Stemmer) -> Vec<String> {
    let mut out = vec![french.stem(word).into_owned()];
    let mut add = |stem: String| {
        if !out.contains(&stem) {
            out.push(stem);
        }
    };
    add(english.stem(word).into_owned());
    // Snowball keeps some French plurals ("rendus" stays "rendus" while
    // "rendu" is "rendu"): the singular's stem is a term too.
    if let Some(singular) = word
        .strip_suffix(['s', 'x'])
        .filter(|w| w.chars().count() >= 3)
    {
        add(french.stem(singular).into_owned());
    }
    out
}

fn stemmers() -> (Stemmer, Stemmer) {
    (
        Stemmer::create(Algorithm::French),
        Stemmer::create(Algorithm::English),
    )
}

/// Words of a text as the index sees them: folded, split, short noise kept
/// (two-letter words like "ag" matter in French), over-long words dropped.
fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    let folded = fold_for_search(text);
    folded
        .split(' ')
        .filter(|w| !w.is_empty() && w.len() <= WORD_MAX)
        .map(str::to_string)
        .collect::<Vec<_>>()
        .into_iter()
}

/// The index term marking the place a document belongs to (a group's id, 0
/// for the instance), stored with its words: a search in one group then
/// reads only that group's documents in the index, however many other
/// documents match. (No stem of a French or English word looks like it.)
pub fn scope_term(scope: i64) -> String {
    format!("zzscope{scope}")
}

/// The terms stored in the index for a text: every word's French and
/// English stems, separated by spaces.
pub fn terms(text: &str) -> String {
    let (french, english) = stemmers();
    let mut out = String::with_capacity(text.len());
    for word in words(text) {
        for stem in stems(&word, &french, &english) {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(&stem);
        }
    }
    out
}

/// A parsed query: one group per word; a document matches when every group
/// has one of its stems. At most 8 words are used.
pub fn query_groups(query: &str) -> Vec<Vec<String>> {
    let (french, english) = stemmers();
    let mut groups: Vec<Vec<String>> = Vec::new();
    for word in words(query).take(8) {
        let group = stems(&word, &french, &english);
        if !groups.contains(&group) {
            groups.push(group);
        }
    }
    groups
}

/// The same query in FTS5 syntax: `("a" OR "b") AND ("c")`.
pub fn fts5_query(groups: &[Vec<String>]) -> String {
    groups
        .iter()
        .map(|g| {
            format!(
                "({})",
                g.iter()
                    .map(|t| format!("\"{t}\""))
                    .collect::<Vec<_>>()
                    .join(" OR ")
            )
        })
        .collect::<Vec<_>>()
        .join(" AND ")
}

/// The same query in PostgreSQL `to_tsquery('simple', …)` syntax.
pub fn tsquery(groups: &[Vec<String>]) -> String {
    groups
        .iter()
        .map(|g| format!("({})", g.join(" | ")))
        .collect::<Vec<_>>()
        .join(" & ")
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// An excerpt of `body` (plain text) around the first match of `query`,
/// about `width` characters, HTML-escaped, with every matching word in
/// `<mark>`. Without a match, the start of the text.
pub fn excerpt(body: &str, query: &str, width: usize) -> String {
    let (french, english) = stemmers();
    let wanted: Vec<String> = query_groups(query).into_iter().flatten().collect();
    let is_match = |word: &str| {
        let folded = fold_for_search(word);
        folded.split(' ').filter(|w| !w.is_empty()).any(|w| {
            stems(w, &french, &english)
                .iter()
                .any(|s| wanted.contains(s))
        })
    };
    // Words with their character positions in the original text.
    let chars: Vec<char> = body.chars().collect();
    let mut spans = Vec::new();
    let mut start = None;
    for (i, c) in chars.iter().enumerate() {
        if c.is_alphanumeric() {
            start.get_or_insert(i);
        } else if let Some(s) = start.take() {
            spans.push((s, i));
        }
    }
    if let Some(s) = start {
        spans.push((s, chars.len()));
    }
    let matches: Vec<(usize, usize)> = spans
        .into_iter()
        .filter(|(s, e)| is_match(&chars[*s..*e].iter().collect::<String>()))
        .collect();
    let first = matches.first().map(|m| m.0).unwrap_or(0);
    let from = first.saturating_sub(width / 3);
    // Start at a word boundary.
    let from = if from == 0 {
        0
    } else {
        (from..first)
            .find(|&i| chars[i].is_whitespace())
            .map(|i| i + 1)
            .unwrap_or(from)
    };
    let to = (from + width).min(chars.len());
    let to = if to == chars.len() {
        to
    } else {
        (from..to)
            .rev()
            .find(|&i| chars[i].is_whitespace())
            .unwrap_or(to)
    };
    let mut out = String::new();
    if from > 0 {
        out.push('…');
    }
    let mut i = from;
    for (s, e) in matches.iter().filter(|(s, e)| *s >= from && *e <= to) {
        out.push_str(&escape(&chars[i..*s].iter().collect::<String>()));
        out.push_str("<mark>");
        out.push_str(&escape(&chars[*s..*e].iter().collect::<String>()));
        out.push_str("</mark>");
        i = *e;
    }
    out.push_str(&escape(&chars[i..to].iter().collect::<String>()));
    if to < chars.len() {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finds(text: &str, query: &str) -> bool {
        let indexed: Vec<String> = terms(text).split(' ').map(str::to_string).collect();
        query_groups(query)
            .iter()
            .all(|g| g.iter().any(|t| indexed.contains(t)))
    }

    #[test]
    fn accents_and_plurals_do_not_matter() {
        assert!(finds("Les cooperatives du quartier", "coopérative"));
        assert!(finds("La coopérative d'habitants", "cooperatives"));
        assert!(finds("Nos jardins partagés", "jardin partage"));
        assert!(finds("Compte rendu de la réunion", "réunions"));
        assert!(finds("Le compte rendu du 12 mars", "comptes rendus"));
        assert!(finds("Nos comptes rendus", "compte rendu"));
        assert!(finds("Shared gardens and composting", "garden compost"));
        assert!(!finds("Les cooperatives du quartier", "jardin"));
        assert!(
            !finds("Nos jardins partagés", "jardin compost"),
            "every word must match"
        );
    }

    #[test]
    fn queries_are_bounded_and_escaped_for_both_engines() {
        let groups = query_groups("un deux trois quatre cinq six sept huit neuf dix");
        assert_eq!(groups.len(), 8);
        let g = query_groups("\"jardins\" OR *");
        assert!(fts5_query(&g).contains("\"jardin\""));
        assert!(!fts5_query(&g).contains('*'));
        assert_eq!(tsquery(&query_groups("réunion")), "(reunion)");
        assert!(query_groups("  ,;!  ").is_empty());
    }

    #[test]
    fn excerpts_mark_matches_and_escape() {
        let body = "Intro. Le <b>jardin</b> des Coopératives est ouvert le samedi. Fin du texte qui continue encore longtemps.";
        let e = excerpt(body, "coopérative", 60);
        assert!(e.contains("<mark>Coopératives</mark>"), "{e}");
        assert!(e.contains("&lt;b&gt;"), "{e}");
        assert!(!e.contains("<b>"));
        let none = excerpt("Rien à voir ici", "jardin", 100);
        assert_eq!(none, "Rien à voir ici");
    }
}
