//! Keeping only what the person wrote in a reply: the quoted message, the
//! "On … wrote:" line that introduces it, the history that Outlook pastes
//! below its header block, and signatures (`-- `, "Sent from my iPhone") go
//! to the trimmed part.
//!
//! Works on lines of plain text (HTML is turned into Markdown first, its
//! quotes as `>` lines), so every mail program is read the same way.

/// A reply split into what the person wrote and what was removed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Trimmed {
    /// The person's own lines, blank runs folded, trimmed at both ends.
    pub body: String,
    /// What was removed (quotes, attribution, history, signature).
    pub trimmed: String,
}

/// Splits `text` into the person's words and the removed rest.
pub fn trim_reply(text: &str) -> Trimmed {
    // The removed part keeps its lines as they were (`-- ` keeps its space).
    let raw: Vec<&str> = text.split('\n').map(|l| l.trim_end_matches('\r')).collect();
    let lines: Vec<&str> = raw
        .iter()
        .map(|l| l.trim_end_matches(['\r', ' ', '\t', '\u{a0}']))
        .collect();
    let cut = hard_cut(&lines).unwrap_or(lines.len());
    let mut keep = vec![false; lines.len()];
    let mut i = 0;
    while i < cut {
        let line = lines[i];
        if is_quote(line) {
            i += 1;
            continue;
        }
        if let Some(span) = attribution_at(&lines[..cut], i) {
            i += span;
            continue;
        }
        keep[i] = true;
        i += 1;
    }

    // The person's lines, with one blank line wherever quotes were cut out
    // between two of them (an interleaved answer is a new paragraph).
    let mut body: Vec<&str> = Vec::new();
    let mut removed_since_kept = false;
    for (i, line) in lines.iter().enumerate().take(cut) {
        if !keep[i] {
            if !line.trim().is_empty() {
                removed_since_kept = true;
            }
            continue;
        }
        if line.trim().is_empty() {
            if body.last().is_some_and(|l| !l.is_empty()) {
                body.push("");
            }
            continue;
        }
        if removed_since_kept && body.last().is_some_and(|l| !l.is_empty()) {
            body.push("");
        }
        removed_since_kept = false;
        body.push(line);
    }
    while body.last().is_some_and(|l| l.is_empty()) {
        body.pop();
    }

    let removed: Vec<&str> = raw
        .iter()
        .enumerate()
        .filter(|(i, _)| !keep[*i])
        .map(|(_, l)| *l)
        .collect();
    Trimmed {
        body: body.join("\n"),
        trimmed: removed.join("\n").trim_matches('\n').to_string(),
    }
}

/// A line of the quoted message (`> …`).
fn is_quote(line: &str) -> bool {
    line.trim_start().starts_with('>')
}

/// Lowercased, with runs of spaces (ordinary and non-breaking) folded, so
/// that patterns can be matched plainly.
fn fold(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut space = false;
    for c in line.trim().chars() {
        if c.is_whitespace() {
            space = true;
            continue;
        }
        if space && !out.is_empty() {
            out.push(' ');
        }
        space = false;
        out.extend(c.to_lowercase());
    }
    out
}

/// Whether `text` (folded) reads as the line that introduces a quote:
/// "Le … a écrit :", "On … wrote:", in the shapes of Gmail, Thunderbird and
/// Apple Mail.
fn is_attribution_text(text: &str) -> bool {
    is_dated_attribution(text)
        || (text.len() <= 400
            && (text.ends_with("a écrit :") || text.ends_with("wrote:"))
            && text.contains('@'))
}

/// An attribution that starts the way the mail programs start theirs
/// ("Le …", "On …").
fn is_dated_attribution(text: &str) -> bool {
    if text.len() > 400 {
        return false;
    }
    let french = (text.starts_with("le ") || text.starts_with("le\u{a0}"))
        && (text.ends_with("a écrit :") || text.ends_with("a écrit:") || text.ends_with("a écrit"));
    let english =
        text.starts_with("on ") && (text.ends_with("wrote:") || text.ends_with("wrote :"));
    french || english
}

/// How many lines (1 to 3) an attribution starting at `i` spans, when one
/// does: Gmail wraps long ones over two or three lines.
fn attribution_at(lines: &[&str], i: usize) -> Option<usize> {
    let first = fold(lines[i]);
    if first.is_empty() {
        return None;
    }
    // A sentence of the person's own does not run into an attribution.
    let ends_sentence = first.ends_with(['.', '!', '?', ':', ';']);
    let mut joined = first;
    for span in 1..=3 {
        if is_attribution_text(&joined) {
            return Some(span);
        }
        if ends_sentence
            || lines
                .get(i + span)
                .is_some_and(|l| is_dated_attribution(&fold(l)))
        {
            return None;
        }
        let next = lines.get(i + span).map(|l| fold(l))?;
        if next.is_empty() || is_quote(lines[i + span]) {
            return None;
        }
        joined.push(' ');
        joined.push_str(&next);
    }
    None
}

/// Mobile and webmail signatures that end what the person wrote.
const DEVICE_SIGNATURES: &[&str] = &[
    "envoyé de mon iphone",
    "envoyé de mon ipad",
    "envoyé depuis mon iphone",
    "envoyé depuis mon ipad",
    "envoyé de mon smartphone",
    "envoyé depuis mon smartphone",
    "envoyé depuis mon appareil",
    "envoyé de mon appareil",
    "envoyé à partir de courrier pour windows",
    "envoyé depuis yahoo mail",
    "envoyé de yahoo mail",
    "envoyé de mon téléphone",
    "envoyé depuis mon téléphone",
    "provenance : courrier pour windows",
    "provenance: courrier pour windows",
    "télécharger outlook pour",
    "obtenir outlook pour",
    "sent from my iphone",
    "sent from my ipad",
    "sent from my android",
    "sent from my samsung",
    "sent from my galaxy",
    "sent from my phone",
    "sent from my mobile",
    "sent from my smartphone",
    "sent from mail for windows",
    "sent from yahoo mail",
    "sent from outlook for",
    "sent via the samsung",
    "get outlook for android",
    "get outlook for ios",
];

fn is_device_signature(folded: &str) -> bool {
    let text = without_link_targets(folded);
    text.len() < 120 && DEVICE_SIGNATURES.iter().any(|s| text.starts_with(s))
}

/// `Get [Outlook for Android](https://…)` read as `Get Outlook for Android`
/// (an HTML signature turned into Markdown).
fn without_link_targets(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find("](") {
        let Some(end) = rest[start..].find(')') else {
            break;
        };
        out.push_str(&rest[..start]);
        rest = &rest[start + end + 1..];
    }
    out.push_str(rest);
    out.replace('[', "")
}

/// Lines that open a pasted message ("-----Original Message-----").
fn is_original_separator(folded: &str) -> bool {
    let inner = folded.trim_matches(|c: char| c == '-' || c == ' ');
    folded.starts_with("---")
        && matches!(
            inner,
            "original message"
                | "message d'origine"
                | "message d’origine"
                | "message original"
                | "courriel original"
                | "message initial"
        )
}

/// A header field of a pasted Outlook-style block: which one it is.
fn header_field(folded: &str) -> Option<&'static str> {
    const FIELDS: &[(&str, &str)] = &[
        ("from:", "from"),
        ("de :", "from"),
        ("de:", "from"),
        ("sent:", "date"),
        ("date:", "date"),
        ("date :", "date"),
        ("envoyé :", "date"),
        ("envoyé:", "date"),
        ("envoyé le :", "date"),
        ("envoyé le:", "date"),
        ("to:", "to"),
        ("à :", "to"),
        ("à:", "to"),
        ("a :", "to"),
        ("cc:", "cc"),
        ("cc :", "cc"),
        ("subject:", "subject"),
        ("objet :", "subject"),
        ("objet:", "subject"),
    ];
    // Outlook sometimes bolds the names in its plain text: "*From:*".
    let folded = folded.trim_start_matches('*');
    FIELDS
        .iter()
        .find(|(prefix, _)| folded.starts_with(prefix))
        .map(|(_, field)| *field)
}

/// Whether a block of pasted headers (From + a date or subject) starts at `i`.
fn header_block_at(lines: &[&str], i: usize) -> bool {
    if header_field(&fold(lines[i])) != Some("from") {
        return false;
    }
    let mut seen = 0;
    for line in lines.iter().skip(i + 1).take(6) {
        let folded = fold(line);
        if folded.is_empty() {
            continue;
        }
        match header_field(&folded) {
            Some("date") | Some("subject") | Some("to") => seen += 1,
            Some(_) => {}
            None => break,
        }
    }
    seen >= 2
}

/// The line that opens a forwarded message ("---------- Forwarded message
/// ---------", "Début du message réexpédié :"): what follows is what the
/// person passes on, not history to cut.
fn is_forward_marker(folded: &str) -> bool {
    folded.len() < 100
        && [
            "forwarded message",
            "message transféré",
            "message transfere",
            "begin forwarded message",
            "début du message réexpédié",
        ]
        .iter()
        .any(|m| folded.contains(m))
}

/// Whether a subject says the message is a forward (`Fwd:`, `TR :`).
pub fn is_forward_subject(subject: &str) -> bool {
    let s = subject.trim_start().to_lowercase();
    [
        "fwd:", "fwd :", "fw:", "fw :", "tr:", "tr :", "transf:", "wg:",
    ]
    .iter()
    .any(|p| s.starts_with(p))
}

/// Splits a forward: what the person wrote and what they pass on are both
/// theirs; only blank lines at the ends (and repeated ones) go.
pub fn keep_forward(text: &str) -> Trimmed {
    let lines: Vec<&str> = text
        .split('\n')
        .map(|l| l.trim_end_matches(['\r', ' ', '\t', '\u{a0}']))
        .collect();
    let mut body: Vec<&str> = Vec::new();
    for line in lines {
        // Runs of blank lines fold into one, as in a reply.
        if line.trim().is_empty() && body.last().is_none_or(|l| l.is_empty()) {
            continue;
        }
        body.push(if line.trim().is_empty() { "" } else { line });
    }
    while body.last().is_some_and(|l| l.is_empty()) {
        body.pop();
    }
    Trimmed {
        body: body.join("\n"),
        trimmed: String::new(),
    }
}

/// The first line from which everything is history or signature.
fn hard_cut(lines: &[&str]) -> Option<usize> {
    for (i, line) in lines.iter().enumerate() {
        if is_forward_marker(&fold(line)) {
            return None;
        }
        // `-- ` (its space already trimmed): the usual signature delimiter.
        if *line == "--" {
            return Some(i);
        }
        let folded = fold(line);
        if folded.is_empty() || is_quote(line) {
            continue;
        }
        if is_device_signature(&folded) || is_original_separator(&folded) {
            return Some(i);
        }
        // Outlook's "________________________________" line above its header block.
        if folded.len() >= 10 && folded.chars().all(|c| c == '_') {
            let next = lines[i + 1..]
                .iter()
                .position(|l| !l.trim().is_empty())
                .map(|p| i + 1 + p);
            if next.is_none_or(|n| header_block_at(lines, n)) {
                return Some(i);
            }
        }
        if header_block_at(lines, i) {
            return Some(i);
        }
        // An attribution not followed by `>` lines: the history follows
        // unquoted, so it all goes.
        if let Some(span) = attribution_at(lines, i) {
            let next = lines[i + span..].iter().find(|l| !l.trim().is_empty());
            if next.is_some_and(|l| !is_quote(l)) {
                return Some(i);
            }
        }
    }
    None
}

/// Checks the trimmer's promises on one text, panicking when one is
/// broken: what it keeps are lines of the text (spaces at their ends
/// aside), in their order, and nothing is both kept and removed. Used by
/// the fuzz target `trim` and by the tests.
pub fn fuzz_one(text: &str) {
    let result = trim_reply(text);
    let input: Vec<&str> = text
        .split('\n')
        .map(|l| l.trim_end_matches(['\r', ' ', '\t', '\u{a0}']))
        .collect();
    let mut from = 0;
    for line in result.body.split('\n').filter(|l| !l.is_empty()) {
        match input[from..].iter().position(|l| *l == line) {
            Some(p) => from += p + 1,
            None => panic!("kept line {line:?} is not a line of the input, in order"),
        }
    }
    assert_eq!(result.body, result.body.trim_matches('\n'));
    assert!(result.body.len() <= text.len() + result.body.matches('\n').count());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_interleaved_answers() {
        let t = trim_reply(
            "Le 03/03/2025 à 10:12, Marie a écrit :\n> Tu viens ?\nOui.\n> Et Paul ?\n\nAussi.\n",
        );
        assert_eq!(t.body, "Oui.\n\nAussi.");
        assert!(t.trimmed.starts_with("Le 03/03/2025"));
    }

    #[test]
    fn cuts_gmail_attribution_wrapped() {
        let t = trim_reply(
            "Merci !\n\nLe lun. 3 mars 2025 à 10:12, Marie Dupont <\nmarie@example.org> a écrit :\n\n> Bonjour\n",
        );
        assert_eq!(t.body, "Merci !");
    }

    #[test]
    fn cuts_outlook_headers_and_phones() {
        let t = trim_reply("Oui\n\nDe : Marie\nEnvoyé : lundi\nÀ : Paul\nObjet : Test\n\nBla");
        assert_eq!(t.body, "Oui");
        let t = trim_reply("Ok\n\nEnvoyé de mon iPhone\n\n> Le 3 mars, Marie a écrit :");
        assert_eq!(t.body, "Ok");
    }
}
