//! Keeping only what the person wrote in a reply. The quoted message, the
//! attribution line that introduces it ("On … wrote:", « Le … a écrit : »,
//! in every language of [`super::patterns`]), the history that Outlook and
//! others paste below a header block, list footers and signatures (`-- `,
//! "Sent from my iPhone") go to the trimmed part.
//!
//! When the person answers between quoted lines, the quoted lines they
//! answer stay in the body as Markdown quotes (`> …`), each right above its
//! answer; only the quoted history after their last line goes. A reply
//! written above (or below) one full quote keeps no quote.
//!
//! Works on lines of plain text (HTML is turned into Markdown first, its
//! quotes as `>` lines), so every mail program is read the same way.

use std::cell::Cell;

use super::patterns::{
    Field, ATTRIBUTION_OPENERS, ATTRIBUTION_VERBS, CLOSINGS, DANGLING_WORDS, DEVICE_SIGNATURES,
    FORWARD_MARKERS, HEADER_FIELDS, LIST_FOOTERS, ORIGINAL_SEPARATORS,
};

/// A reply split into what the person wrote and what was removed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Trimmed {
    /// The person's own lines, blank runs folded, trimmed at both ends;
    /// quoted lines they answer are kept as `> …` above each answer.
    pub body: String,
    /// What was removed (quotes, attribution, history, signature).
    pub trimmed: String,
}

/// Attributions longer than this (joined over their lines) are prose.
const MAX_ATTRIBUTION: usize = 400;

/// Quoted lines at most in an excerpt answered below it (more, alone
/// above the answer, is a whole message: a bottom-post, not kept).
const MAX_EXCERPT_LINES: usize = 4;

/// Candidate attribution texts read at most in one message (a few in a
/// real one; past this, the rest of a message made of look-alikes is read
/// as the person's).
const ATTRIBUTION_BUDGET: usize = 4000;

/// Lines an attribution may be wrapped over.
const MAX_ATTRIBUTION_LINES: usize = 3;

/// Splits `text` into the person's words and the removed rest.
pub fn trim_reply(text: &str) -> Trimmed {
    trim_reply_signed(text, None)
}

/// Like [`trim_reply`], knowing the sender's display name: a last line
/// that is only their name (a sign-off) answers no quoted question.
pub fn trim_reply_signed(text: &str, sender: Option<&str>) -> Trimmed {
    // The removed part keeps its lines as they were (`-- ` keeps its space).
    let raw: Vec<&str> = text.split('\n').map(|l| l.trim_end_matches('\r')).collect();
    let lines: Vec<&str> = raw
        .iter()
        .map(|l| l.trim_end_matches(['\r', ' ', '\t', '\u{a0}']))
        .collect();
    let keys: Vec<String> = lines
        .iter()
        .map(|l| if is_quote(l) { String::new() } else { key(l) })
        .collect();
    let doc = Doc {
        lines: &lines,
        keys: &keys,
        found: vec![Cell::new(0); lines.len()],
        budget: Cell::new(ATTRIBUTION_BUDGET),
    };
    let cut = doc.hard_cut().unwrap_or(lines.len());
    let kinds = doc.classify(cut);
    let keep = doc.kept(&kinds, sender);
    let body = render(&lines, &kinds, &keep);
    let removed: Vec<&str> = raw
        .iter()
        .enumerate()
        .filter(|(i, _)| !keep[*i])
        .map(|(_, l)| *l)
        .collect();
    Trimmed {
        body,
        trimmed: removed.join("\n").trim_matches('\n').to_string(),
    }
}

/// What one line is, once read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Blank,
    Own,
    Quote,
    /// An attribution, history, a signature: never kept.
    Removed,
}

/// The lines of a text with their comparison keys (see [`key`]; empty for
/// quoted lines).
struct Doc<'a> {
    lines: &'a [&'a str],
    keys: &'a [String],
    /// What [`Doc::attribution_at`] found at each line: 0 not asked yet,
    /// 1 none, else the span plus one.
    found: Vec<Cell<u8>>,
    /// Attribution texts that may still be read: lines made to look like
    /// attributions must not make a message slow to read.
    budget: Cell<usize>,
}

/// A line of the quoted message (`> …`).
fn is_quote(line: &str) -> bool {
    line.trim_start().starts_with('>')
}

/// A line as the patterns are written: lower case, spaces (ordinary and
/// non-breaking) folded, `*` taken off, no space before a colon, `：` as
/// `:` and `’` as `'`.
fn key(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut space = false;
    for c in line.trim().chars() {
        let c = match c {
            '*' => continue,
            '：' => ':',
            '’' => '\'',
            c => c,
        };
        if c.is_whitespace() {
            space = true;
            continue;
        }
        if space && !out.is_empty() && c != ':' {
            out.push(' ');
        }
        space = false;
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else {
            out.extend(c.to_lowercase());
        }
    }
    out
}

/// A quoted line without its `>` marks.
fn quoted_text(line: &str) -> &str {
    line.trim_start().trim_start_matches(['>', ' ']).trim()
}

fn is_blank(line: &str) -> bool {
    line.trim().is_empty()
}

/// Whether `verb` occurs in `text` as a word of its own (CJK verbs need no
/// spaces around them).
fn contains_word(text: &str, verb: &str) -> bool {
    let joins = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() && c < '\u{3000}');
    let mut from = 0;
    while let Some(pos) = text.get(from..).and_then(|t| t.find(verb)) {
        let start = from + pos;
        let end = start + verb.len();
        let before = text[..start].chars().next_back();
        let after = text[end..].chars().next();
        let first_joins = verb.chars().next().is_some_and(|c| c < '\u{3000}');
        let last_joins = verb.chars().next_back().is_some_and(|c| c < '\u{3000}');
        if !(first_joins && joins(before) || last_joins && joins(after)) {
            return true;
        }
        from = end;
    }
    false
}

/// A time (`10:12`, `10.12`, `10h12`), a year (`2025`), a date (`3/3`) or
/// a CJK date (`3月`): what attribution lines carry and sentences rarely do.
fn has_date_or_time(text: &str) -> bool {
    let b = text.as_bytes();
    let digit = |i: usize| b.get(i).is_some_and(u8::is_ascii_digit);
    for i in 0..b.len() {
        if !digit(i) {
            continue;
        }
        // d:dd, d.dd, dhdd, d/d, d-d
        if matches!(b.get(i + 1), Some(b':' | b'.' | b'h' | b'/' | b'-'))
            && digit(i + 2)
            && (b[i + 1] == b'/' || b[i + 1] == b'-' || digit(i + 3))
        {
            return true;
        }
        // 19xx, 20xx
        if (b[i] == b'1' && b.get(i + 1) == Some(&b'9')
            || b[i] == b'2' && b.get(i + 1) == Some(&b'0'))
            && digit(i + 2)
            && digit(i + 3)
            && !digit(i + 4)
            && (i == 0 || !digit(i - 1))
        {
            return true;
        }
    }
    ["年", "月", "日"].iter().any(|m| text.contains(m)) && b.iter().any(u8::is_ascii_digit)
}

/// Whether `verb` occurs in `body` followed only by what attributions put
/// after it (a name, an address, a date), not by an object (« a écrit
/// ceci », "wrote this").
fn verb_closes(body: &str, verb: &str) -> bool {
    const OBJECTS: &[&str] = &[
        "ceci",
        "cela",
        "ça",
        "ce ",
        "les ",
        "le ",
        "la ",
        "un ",
        "une ",
        "this",
        "that",
        "the ",
        "these",
        "dies",
        "das ",
        "folgendes",
    ];
    if !contains_word(body, verb) {
        return false;
    }
    let rest = body
        .rfind(verb)
        .map_or("", |p| body[p + verb.len()..].trim());
    !OBJECTS.iter().any(|o| rest.starts_with(o))
}

/// A time of day (`10:12`, `10.12`, `10h12`).
fn has_time(text: &str) -> bool {
    let b = text.as_bytes();
    let digit = |i: usize| b.get(i).is_some_and(u8::is_ascii_digit);
    (0..b.len()).any(|i| {
        digit(i)
            && matches!(b.get(i + 1), Some(b':' | b'.' | b'h'))
            && digit(i + 2)
            && digit(i + 3)
            && !digit(i + 4)
    })
}

/// A year (`2025`): attributions carry one, short replies rarely do.
fn has_year(text: &str) -> bool {
    text.split(|c: char| !c.is_ascii_digit())
        .any(|n| n.len() == 4 && (n.starts_with("19") || n.starts_with("20")))
}

/// Zoho writes `---- On … wrote ----`: its dashes play the colon's part.
fn undashed(text: &str) -> (&str, bool) {
    let inner = text.trim_matches(|c: char| c == '-' || c == ' ');
    let dashed = text.starts_with("--") && text.ends_with("--");
    (inner, dashed)
}

/// Whether `text` (a key, or keys joined by spaces) reads as an
/// attribution: a verb of the table (or, Gmail's Russian and Japanese way,
/// an address) closed by a colon, with a date, a time or an address.
fn is_attribution_text(text: &str) -> bool {
    if text.len() > MAX_ATTRIBUTION {
        return false;
    }
    let (inner, dashed) = undashed(text);
    let body = match inner.strip_suffix(':') {
        Some(b) => b.trim_end(),
        None if dashed => inner,
        None if inner.ends_with("a écrit") && inner.starts_with("le ") => inner,
        None => return false,
    };
    let signal = has_date_or_time(body) || body.contains('@');
    if !signal {
        return false;
    }
    if ATTRIBUTION_VERBS.iter().any(|v| verb_closes(body, v)) {
        return true;
    }
    // `пн, 3 мар. 2025 г. в 10:12, Marie <marie@example.org>:`,
    // `2016-10-24 15:36 GMT+02:00 Marie <marie@example.org>:` and
    // Tutanota's `3 mars 2025, 10:12 de marie@example.org:`
    let last_word = body.rsplit(' ').next().unwrap_or("");
    (body.ends_with('>') || body.ends_with(')') || last_word.contains('@'))
        && body.contains('@')
        && has_time(body)
}

/// A line ending with an attribution verb and a colon, without a date:
/// `Marie Dupont a écrit :` right above the quote. Not a sentence that
/// introduces a quote in the person's own words ("Here is what I wrote:").
fn is_bare_attribution(text: &str) -> bool {
    const OWN_WORDS: &[&str] = &[
        "i", "what", "here", "as", "you", "je", "j'ai", "ce", "voici", "comme", "tu", "vous",
        "qu'il", "qu'elle",
    ];
    let Some(body) = text.strip_suffix(':') else {
        return false;
    };
    let body = body.trim_end();
    text.len() <= 120
        && ATTRIBUTION_VERBS.iter().any(|v| body.ends_with(v))
        && !body.split(' ').any(|w| OWN_WORDS.contains(&w))
}

/// How surely a line opens an attribution wrapped over several lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Start {
    /// A name and its address (`Marie <marie@…>`): the name comes first
    /// in Finnish, Turkish or Chinese attributions, but it may also be
    /// the last part of a wrapped one.
    Name,
    /// A date, or a weekday or month and a date (`03.03.2025 10:12`,
    /// `пн, 3 мар.`): how some programs open theirs, and how the second
    /// line of one wrapped inside its date begins.
    Date,
    /// A word of [`ATTRIBUTION_OPENERS`] and a date (« Le 3 mars », "On
    /// Mon, Mar 3").
    Opener,
}

/// Whether (and how surely) a line can be the first of an attribution
/// wrapped over several lines.
fn start_of(key: &str) -> Option<Start> {
    let k = key.trim_start_matches(['-', ' ']);
    if k.ends_with(['.', '!', '?', ';']) && !k.ends_with("..") {
        // A sentence of the person's own does not run into an attribution,
        // but a weekday or month abbreviation ("lun.") may end a line.
        let last = k.rsplit(' ').next().unwrap_or("");
        if last.chars().count() > 5 || k.ends_with(['!', '?', ';']) {
            return None;
        }
    }
    // « Le 3 mars », or « Le mar. » wrapped before its date; but « في
    // 10:02 » goes on with a time, inside an Arabic attribution.
    if let Some(opener) = ATTRIBUTION_OPENERS.iter().find(|o| k.starts_with(**o)) {
        let next = k[opener.len()..].split(' ').next().unwrap_or("");
        if has_time(next) {
            return Some(Start::Date);
        }
        if k.chars().take(40).any(|c| c.is_ascii_digit()) || k.split(' ').count() <= 3 {
            return Some(Start::Opener);
        }
    }
    if k.starts_with(|c: char| c.is_ascii_digit()) {
        return Some(Start::Date);
    }
    let mut words = k.split(' ');
    let first = words.next().unwrap_or("").trim_end_matches([',', '.']);
    let second = words.next().unwrap_or("");
    if first.chars().count() <= 4
        && first.chars().all(char::is_alphabetic)
        && second.starts_with(|c: char| c.is_ascii_digit())
    {
        return Some(Start::Date);
    }
    let named =
        !k.starts_with(['<', '(']) && (k.contains('<') || k.contains('(')) && k.contains('@');
    (named || k.ends_with(" <")).then_some(Start::Name)
}

fn looks_like_start(key: &str) -> bool {
    start_of(key).is_some()
}

/// Whether a line stops where no sentence does: on a comma, a `<`, or
/// a word that the next line must finish (see [`DANGLING_WORDS`]).
fn is_unfinished(key: &str) -> bool {
    key.ends_with([',', '<'])
        || key
            .rsplit(' ')
            .next()
            .is_some_and(|w| DANGLING_WORDS.contains(&w))
}

/// Whether a key may end an attribution (cheap test before joining lines).
fn may_end_attribution(key: &str) -> bool {
    key.ends_with(':') || key.ends_with("--") || key.ends_with("a écrit")
}

impl Doc<'_> {
    /// How many lines (1 to 3) an attribution starting at `i` spans, when
    /// one does. One spanning several lines starts at a line that looks
    /// like a start and contains no shorter attribution ending with it.
    fn attribution_at(&self, i: usize) -> Option<usize> {
        match self.found[i].get() {
            0 => {}
            1 => return None,
            n => return Some(usize::from(n) - 1),
        }
        let span = self.find_attribution(i);
        self.found[i].set(span.map_or(1, |s| s as u8 + 1));
        span
    }

    /// Reads `text` as an attribution while the budget lasts.
    fn reads_as_attribution(&self, text: &str) -> bool {
        let left = self.budget.get();
        if left == 0 {
            return false;
        }
        self.budget.set(left - 1);
        is_attribution_text(text)
    }

    fn find_attribution(&self, i: usize) -> Option<usize> {
        let (lines, keys) = (self.lines, self.keys);
        if keys[i].is_empty() || is_quote(lines[i]) {
            return None;
        }
        for span in 1..=MAX_ATTRIBUTION_LINES {
            let last = i + span - 1;
            if last >= lines.len() || is_blank(lines[last]) || is_quote(lines[last]) {
                return None;
            }
            if !may_end_attribution(&keys[last]) {
                continue;
            }
            if span == 1 {
                if self.reads_as_attribution(&keys[i])
                    || (is_bare_attribution(&keys[i]) && self.quote_follows(i + 1))
                {
                    return Some(1);
                }
                continue;
            }
            if !looks_like_start(&keys[i]) {
                return None;
            }
            if !self.reads_as_attribution(&self.joined(i, last)) {
                continue;
            }
            // A later line starting a whole attribution at least as surely:
            // the lines above it, without an address or a year, are the
            // person's (a short reply without a full stop).
            let first = start_of(&keys[i]);
            // A date cut short (`вт, 3 мар.`) is only abbreviations and numbers.
            let abbreviated =
                first == Some(Start::Date) && keys[i].split(' ').all(|w| w.chars().count() <= 5);
            let shorter = !abbreviated
                && (i + 1..=last).any(|s| {
                    let later = start_of(&keys[s]);
                    let above = self.joined(i, s - 1);
                    !above.contains('@')
                        && !has_year(&above)
                        && later >= Some(Start::Date)
                        && later >= first
                        && !is_unfinished(&keys[s - 1])
                        && self.reads_as_attribution(&self.joined(s, last))
                });
            return (!shorter).then_some(span);
        }
        None
    }

    fn joined(&self, from: usize, to: usize) -> String {
        let mut out = String::new();
        for k in &self.keys[from..=to] {
            // Gmail breaks `<` from the address: `Marie <` / `marie@…>`.
            if !out.is_empty() && !out.ends_with('<') {
                out.push(' ');
            }
            out.push_str(k);
        }
        out
    }

    /// Whether the next line that is not blank is a quoted one.
    fn quote_follows(&self, from: usize) -> bool {
        self.lines
            .get(from..)
            .and_then(|rest| rest.iter().find(|l| !is_blank(l)))
            .is_some_and(|l| is_quote(l))
    }

    fn next_filled(&self, from: usize) -> Option<usize> {
        self.lines
            .get(from..)
            .and_then(|rest| rest.iter().position(|l| !is_blank(l)))
            .map(|p| from + p)
    }

    /// Whether a block of pasted headers (From, then at least two of date,
    /// recipient and subject, Reply-To and Cc allowed between) starts at `i`.
    fn header_block_at(&self, i: usize) -> bool {
        if !matches!(header_field(&self.keys[i]), Some(Field::From | Field::Date)) {
            return false;
        }
        let mut seen: Vec<Field> = header_field(&self.keys[i]).into_iter().collect();
        let mut loose = 0;
        for (line, key) in self.lines.iter().zip(self.keys).skip(i + 1).take(10) {
            if is_blank(line) {
                continue;
            }
            match header_field(key) {
                Some(field) => seen.push(field),
                // A long list of recipients wraps onto another line.
                None if loose < 2 && seen.len() > 1 => loose += 1,
                None => break,
            }
        }
        let main = [Field::Date, Field::To, Field::Subject]
            .iter()
            .filter(|f| seen.contains(f))
            .count();
        seen.contains(&Field::From) && main >= 2
    }

    /// The first line from which everything is history, a footer or a
    /// signature.
    fn hard_cut(&self) -> Option<usize> {
        let (lines, keys) = (self.lines, self.keys);
        let mut own_before = false;
        for (i, line) in lines.iter().enumerate() {
            // `-- ` (its space already trimmed): the usual signature delimiter.
            if *line == "--" {
                return Some(i);
            }
            let k = &keys[i];
            if k.is_empty() || is_quote(line) {
                continue;
            }
            if is_forward_marker(k) {
                return None;
            }
            if is_device_signature(k) || is_original_separator(k) || is_list_footer(k) {
                return Some(i);
            }
            if is_rule(k, '_') {
                // Outlook's line above its header block, Mailman's above its footer.
                let next = self.next_filled(i + 1);
                if next.is_none_or(|n| {
                    self.header_block_at(n)
                        || keys[n].ends_with("mailing list")
                        || is_list_footer(&keys[n])
                }) {
                    return Some(i);
                }
            }
            if self.header_block_at(i) {
                return Some(i);
            }
            // An attribution under the person's words, not followed by `>`
            // lines: the history follows unquoted, so it all goes. At the
            // top (some phones put it there), only the line goes.
            if may_end_attribution(k) || looks_like_start(k) {
                if let Some(span) = self.attribution_at(i) {
                    // Unquoted history is cut only under an attribution as
                    // programs write it, with an address or a time: not
                    // under « Le 12 mars 2025, la mairie a écrit ceci : ».
                    let text = self.joined(i, i + span - 1);
                    let sure = text.contains('@') || has_time(&text);
                    if own_before && sure && !self.quote_follows(i + span) {
                        return Some(i);
                    }
                }
            }
            own_before = true;
        }
        None
    }

    /// Every line before `cut` read: blank, quoted, the person's, or an
    /// attribution (removed); from `cut` on, removed.
    fn classify(&self, cut: usize) -> Vec<Kind> {
        let mut kinds = vec![Kind::Removed; self.lines.len()];
        let mut i = 0;
        while i < cut {
            let line = self.lines[i];
            if is_blank(line) {
                kinds[i] = Kind::Blank;
            } else if is_quote(line) {
                kinds[i] = Kind::Quote;
            } else if let Some(span) = self.attribution_at(i).filter(|s| i + s <= cut) {
                i += span;
                continue;
            } else {
                kinds[i] = Kind::Own;
            }
            i += 1;
        }
        // A rule Outlook draws above what was cut is not the person's.
        for i in (0..cut).rev() {
            match kinds[i] {
                Kind::Blank | Kind::Quote | Kind::Removed => {}
                Kind::Own if is_any_rule(&self.keys[i]) => kinds[i] = Kind::Removed,
                Kind::Own => break,
            }
        }
        kinds
    }

    /// Which lines stay in the body: the person's, and the quoted lines
    /// they answer when they answer between quotes.
    fn kept(&self, kinds: &[Kind], sender: Option<&str>) -> Vec<bool> {
        let runs = runs(kinds);
        let last_own = runs.iter().rposition(|r| r.kind == Kind::Own);
        // A quoted run is answered when the person's words follow it (a
        // last paragraph that only signs off answers nothing).
        let answered = |n: usize| {
            runs[n].kind == Kind::Quote
                && runs.get(n + 1).is_some_and(|next| {
                    next.kind == Kind::Own
                        && !(Some(n + 1) == last_own && self.signs_off(next, sender))
                })
        };
        let answered_runs: Vec<usize> = (0..runs.len()).filter(|n| answered(*n)).collect();
        let interleaved = match answered_runs.as_slice() {
            [] => false,
            // One quote, then the answer: a point answered (kept) unless
            // the quote is a whole message answered below (a bottom-post).
            [one] => {
                let history_after =
                    last_own.is_some_and(|o| runs[o + 1..].iter().any(|r| r.kind == Kind::Quote));
                let own_above =
                    *one > 0 && runs[one - 1].kind == Kind::Own && !runs[one - 1].attribution_after;
                history_after || own_above || self.is_excerpt(&runs[*one])
            }
            _ => true,
        };
        let mut keep: Vec<bool> = kinds.iter().map(|k| *k == Kind::Own).collect();
        if interleaved {
            for n in answered_runs {
                let shown: Vec<usize> = (runs[n].start..runs[n].end)
                    .filter(|i| kinds[*i] == Kind::Quote && !self.is_quoted_attribution(*i))
                    .collect();
                // Empty `>` lines at the ends of the quote say nothing.
                let filled = |i: &&usize| !quoted_text(self.lines[**i]).is_empty();
                let first = shown.iter().position(|i| filled(&i));
                let last = shown.iter().rposition(|i| filled(&i));
                if let (Some(first), Some(last)) = (first, last) {
                    for i in &shown[first..=last] {
                        keep[*i] = true;
                    }
                }
            }
        }
        // Blank lines before the cut stay: they separate paragraphs, and
        // the body folds them.
        for (k, kind) in keep.iter_mut().zip(kinds) {
            *k = *k || *kind == Kind::Blank;
        }
        keep
    }

    /// Whether a quoted run is an excerpt rather than a whole message: a
    /// few lines, no older message quoted inside.
    fn is_excerpt(&self, run: &Run) -> bool {
        let filled: Vec<&str> = self.lines[run.start..run.end]
            .iter()
            .filter(|l| is_quote(l) && !quoted_text(l).is_empty())
            .copied()
            .collect();
        filled.len() <= MAX_EXCERPT_LINES
            && !filled
                .iter()
                .any(|l| l.trim_start()[1..].trim_start().starts_with('>'))
    }

    /// A quoted line that is itself an attribution (Apple Mail puts its own
    /// inside the quote).
    fn is_quoted_attribution(&self, i: usize) -> bool {
        let inner = quoted_text(self.lines[i]);
        !inner.is_empty() && is_attribution_text(&key(inner))
    }

    /// Whether a run of the person's lines is only a sign-off: closing
    /// words, the sender's name.
    fn signs_off(&self, run: &Run, sender: Option<&str>) -> bool {
        let filled: Vec<&String> = (run.start..run.end)
            .filter(|i| !is_blank(self.lines[*i]))
            .map(|i| &self.keys[i])
            .collect();
        let name = sender.map(key).unwrap_or_default();
        let first_name = name.split(' ').next().unwrap_or("");
        filled.len() <= 3
            && filled.iter().all(|k| {
                let k = k.trim_end_matches([',', '.', '!', ' ']);
                CLOSINGS.contains(&k) || (!name.is_empty() && (k == name || k == first_name))
            })
    }
}

/// A run of lines of one kind, blank lines inside it included.
#[derive(Debug)]
struct Run {
    kind: Kind,
    start: usize,
    end: usize,
    /// An attribution line was removed right after it.
    attribution_after: bool,
}

fn runs(kinds: &[Kind]) -> Vec<Run> {
    let mut runs: Vec<Run> = Vec::new();
    for (i, kind) in kinds.iter().enumerate() {
        match kind {
            Kind::Blank => {}
            Kind::Removed => {
                if let Some(last) = runs.last_mut() {
                    last.attribution_after = true;
                }
            }
            Kind::Own | Kind::Quote => match runs.last_mut() {
                Some(last) if last.kind == *kind && !last.attribution_after => last.end = i + 1,
                _ => runs.push(Run {
                    kind: *kind,
                    start: i,
                    end: i + 1,
                    attribution_after: false,
                }),
            },
        }
    }
    runs
}

/// The kept lines, one blank line between paragraphs and wherever removed
/// lines or a change between quote and answer fall between two of them.
fn render(lines: &[&str], kinds: &[Kind], keep: &[bool]) -> String {
    let mut body: Vec<&str> = Vec::new();
    let mut gap = false;
    let mut last_quoted = None;
    for (i, line) in lines.iter().enumerate() {
        if !keep[i] {
            if kinds[i] != Kind::Blank {
                gap = true;
            }
            continue;
        }
        if is_blank(line) {
            if body.last().is_some_and(|l| !l.is_empty()) {
                body.push("");
            }
            continue;
        }
        let quoted = kinds[i] == Kind::Quote;
        let changed = last_quoted.is_some_and(|q| q != quoted);
        if (gap || changed) && body.last().is_some_and(|l| !l.is_empty()) {
            body.push("");
        }
        gap = false;
        last_quoted = Some(quoted);
        body.push(line);
    }
    while body.last().is_some_and(|l| l.is_empty()) {
        body.pop();
    }
    body.join("\n")
}

/// The header field a key opens with, if it is one of the table's.
fn header_field(key: &str) -> Option<Field> {
    // The longest names of the table are about 25 bytes.
    let colon = key.get(..32).unwrap_or(key).find(':')?;
    let name = key[..colon].trim();
    HEADER_FIELDS
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, f)| *f)
}

fn is_device_signature(key: &str) -> bool {
    if key.len() > 160 {
        return false;
    }
    let linked;
    let text = if key.contains("](") {
        linked = without_link_targets(key);
        linked.as_str()
    } else {
        key
    };
    let text = text.trim_start_matches(['-', ' ', '_']);
    text.len() < 80 && DEVICE_SIGNATURES.iter().any(|s| text.starts_with(s))
}

fn is_list_footer(key: &str) -> bool {
    LIST_FOOTERS.iter().any(|s| key.starts_with(s))
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

/// A line made of one character repeated, at least ten times.
fn is_rule(key: &str, c: char) -> bool {
    key.len() >= 10 && key.chars().all(|x| x == c)
}

/// A line only of dashes, underscores or equal signs (three or more).
fn is_any_rule(key: &str) -> bool {
    key.len() >= 3 && key.chars().all(|c| matches!(c, '-' | '_' | '=' | '—'))
}

/// Lines that open a pasted message ("-----Original Message-----",
/// `*-------- Message d'origine --------*`).
fn is_original_separator(key: &str) -> bool {
    if key.len() > 80 || !key.starts_with(['-', '_', '=']) {
        return false;
    }
    let inner = key
        .trim_matches(|c: char| matches!(c, '-' | '_' | '=' | ' ' | ':'))
        .trim();
    ORIGINAL_SEPARATORS.contains(&inner)
}

/// The line that opens a forwarded message: what follows is what the
/// person passes on, not history to cut.
fn is_forward_marker(key: &str) -> bool {
    // Mail programs set the line apart with dashes, or end it with a colon.
    let decorated = key.starts_with(['-', '_', '=']) || key.ends_with(':');
    decorated && key.len() < 100 && FORWARD_MARKERS.iter().any(|m| key.contains(m))
}

/// Whether a subject says the message is a forward (`Fwd:`, `TR :`, `WG:`).
pub fn is_forward_subject(subject: &str) -> bool {
    let s = key(subject);
    [
        "fwd:", "fw:", "tr:", "transf:", "wg:", "rv:", "enc:", "i:", "pd:", "fs:", "doorst:",
        "vb:", "ileti:", "转发:", "転送:",
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
    fn keeps_interleaved_answers_under_their_questions() {
        let t = trim_reply(
            "Le 03/03/2025 à 10:12, Marie a écrit :\n> Tu viens ?\nOui.\n> Et Paul ?\n\nAussi.\n> Bises\n",
        );
        assert_eq!(t.body, "> Tu viens ?\n\nOui.\n\n> Et Paul ?\n\nAussi.");
        assert!(t.trimmed.starts_with("Le 03/03/2025"));
        assert!(t.trimmed.ends_with("> Bises"));
    }

    #[test]
    fn cuts_gmail_attribution_wrapped() {
        let t = trim_reply(
            "Merci !\n\nLe lun. 3 mars 2025 à 10:12, Marie Dupont <\nmarie@example.org> a écrit :\n\n> Bonjour\n",
        );
        assert_eq!(t.body, "Merci !");
    }

    #[test]
    fn a_short_line_above_a_wrapped_attribution_stays() {
        for text in [
            "Ok pour moi\nLe 3 mars 2026 à 10:02, Marie <marie@example.org> a\nécrit :\n> Bonjour\n",
            "Ok pour moi\nLe 3 mars 2026 à 10:02, Marie <marie@example.org> a écrit :\n> Bonjour\n",
            "Le 12 ça me va\nLe 3 mars 2026 à 10:02, Marie\n<marie@example.org> a écrit :\n> Bonjour\n",
        ] {
            let t = trim_reply(text);
            assert_eq!(t.body.lines().next(), text.lines().next(), "{text}");
            assert!(!t.body.contains("Marie"), "{text}");
        }
    }

    #[test]
    fn an_attribution_wrapped_anywhere_leaves_the_reply_alone() {
        let latin = [
            "Ok pour moi",
            "Merci !",
            "On se voit le 12",
            "3 chaises suffiront",
        ];
        for (attribution, replies) in [
            (
                "Le 3 mars 2026 à 10:02, Marie Dupont <marie.dupont@example.org> a écrit :",
                &latin[..],
            ),
            (
                "Le mar. 3 mars 2026 à 10:02, Marie Dupont <marie.dupont@example.org> a écrit :",
                &latin[..],
            ),
            (
                "On Tue, Mar 3, 2026 at 10:02 AM Marie Dupont <marie.dupont@example.org> wrote:",
                &latin[..],
            ),
            (
                "Am Di., 3. März 2026 um 10:02 Uhr schrieb Marie Dupont <marie@example.org>:",
                &latin[..],
            ),
            (
                "El mar, 3 mar 2026 a las 10:02, Marie Dupont (<marie@example.org>) escribió:",
                &latin[..],
            ),
            (
                "Op di 3 mrt 2026 om 10:02 schreef Marie Dupont <marie@example.org>:",
                &latin[..],
            ),
            (
                "вт, 3 мар. 2026 г. в 10:02, Marie Dupont <marie@example.org>:",
                &["Хорошо", "Да, в 12", "3 стула хватит"][..],
            ),
            (
                "في الثلاثاء، 3 مارس 2026 في 10:02 ص، كتب Marie Dupont <marie@example.org>:",
                &["حسنا", "شكرا جزيلا"][..],
            ),
        ] {
            let words: Vec<&str> = attribution.split(' ').collect();
            let mut wraps = Vec::new();
            // Programs wrap at 72 to 78 columns: the first line is never
            // a lone word.
            for at in 3..words.len() {
                let (a, b) = words.split_at(at);
                wraps.push(format!("{}\n{}", a.join(" "), b.join(" ")));
                // And over three lines.
                for at2 in 1..b.len() {
                    let (b1, b2) = b.split_at(at2);
                    wraps.push(format!(
                        "{}\n{}\n{}",
                        a.join(" "),
                        b1.join(" "),
                        b2.join(" ")
                    ));
                }
            }
            for wrapped in wraps {
                for reply in replies {
                    for gap in ["\n", "\n\n"] {
                        let text = format!("{reply}{gap}{wrapped}\n\n> Bonjour\n");
                        assert_eq!(trim_reply(&text).body, *reply, "{text}");
                    }
                }
            }
        }
    }

    #[test]
    fn an_attribution_on_top_keeps_the_text_below() {
        let t = trim_reply(
            "Le 3 mars 2026 à 10:02, Marie <marie@example.org> a écrit :\n\nJe viendrai.\n",
        );
        assert_eq!(t.body, "Je viendrai.");
    }

    #[test]
    fn cuts_outlook_headers_and_phones() {
        let t = trim_reply("Oui\n\nDe : Marie\nEnvoyé : lundi\nÀ : Paul\nObjet : Test\n\nBla");
        assert_eq!(t.body, "Oui");
        let t = trim_reply("Ok\n\nEnvoyé de mon iPhone\n\n> Le 3 mars, Marie a écrit :");
        assert_eq!(t.body, "Ok");
        let t = trim_reply(
            "Oui\n\nDe : Marie <m@x.fr>\nRépondre à : Liste <l@x.fr>\nDate : lundi 3 mars\nÀ : Liste\nObjet : Test\n\nBla",
        );
        assert_eq!(t.body, "Oui");
    }

    #[test]
    fn a_sentence_quoting_someone_is_not_history() {
        let text = "Bonjour,\n\nLe 12 mars 2025, la mairie a écrit ceci :\n\nLa rue sera fermée.\n";
        assert_eq!(trim_reply(text).body, text.trim());
        let text = "Here is what I wrote:\n> The hall is booked.\nAnd nobody answered.\n";
        assert!(trim_reply(text).body.starts_with("Here is what I wrote:"));
    }

    #[test]
    fn reads_other_languages() {
        for text in [
            "Ja.\n\nAm 03.03.2025 um 10:12 schrieb Marie Dupont <marie@example.org>:\n> Hallo",
            "Ja.\n\nOp ma 3 mrt 2025 om 10:12 schreef Marie Dupont <marie@example.org>:\n> Hoi",
            "Ja.\n\nпн, 3 мар. 2025 г. в 10:12, Marie Dupont <marie@example.org>:\n> Привет",
            "Ja.\n\nMarie Dupont <marie@example.org> 于2025年3月3日周一 10:12写道：\n> 你好",
            "Ja.\n\n2016-10-24 15:36 GMT+02:00 Marie <marie@example.org>:\n> Hi",
            "Ja.\n\n---- On Mon, 03 Mar 2025 10:12:00 +0100 Marie <marie@example.org> wrote ----\n\nHi",
            "Ja.\n\n*-------- Original Message --------*\nHi",
            "Ja.\n\n-----Ursprüngliche Nachricht-----\nVon: Marie\nHi",
        ] {
            assert_eq!(trim_reply(text).body, "Ja.", "{text}");
        }
    }
}
