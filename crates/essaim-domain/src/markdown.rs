//! Text formatting ("mise en forme"): Markdown turned into safe HTML.
//!
//! Every piece of text a person wrote goes through [`render`] (or one of its
//! siblings) exactly once, when it is shown: CommonMark plus tables, task
//! lists, strikethrough and bare links, headings with anchors, then one pass
//! of ammonia with a short allow-list. Raw HTML typed into the text is shown
//! as text, never run.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use pulldown_cmark::{
    CowStr, Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd, TextMergeStream,
};
use serde::Serialize;

/// A page rendered to HTML, with its headings for a table of contents.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Rendered {
    /// Sanitized HTML, safe to insert in a page as is.
    pub html: String,
    /// The headings in document order, with the anchors set on them.
    pub headings: Vec<Heading>,
}

/// One heading of a rendered page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Heading {
    /// 1 for `#`, up to 6.
    pub level: u8,
    /// The heading's words, without formatting.
    pub text: String,
    /// The `id` set on the heading (link to it with `#id`), unique in the page.
    pub id: String,
}

/// Renders Markdown to sanitized HTML.
pub fn render(markdown: &str) -> String {
    render_with_toc(markdown).html
}

/// Renders Markdown to sanitized HTML and lists its headings.
pub fn render_with_toc(markdown: &str) -> Rendered {
    render_events(markdown, None)
}

/// Renders Markdown where `[[Page name]]` and `[[Page name|label]]` link to
/// wiki pages: `resolve(name)` gives the address of an existing page
/// (`class="wikilink"`), otherwise the link goes to `missing(name)`
/// (`class="wikilink missing"`, e.g. a "create this page" address). Both
/// closures return addresses ready for an `href` (already percent-encoded).
pub fn render_with_links(
    markdown: &str,
    resolve: &dyn Fn(&str) -> Option<String>,
    missing: &dyn Fn(&str) -> String,
) -> Rendered {
    render_events(markdown, Some(WikiLinks { resolve, missing }))
}

/// Plain text of a Markdown text for excerpts: no markup, whitespace
/// collapsed, at most `max_chars` characters, cut between words with "…".
/// The result is not HTML: let the template escape it.
pub fn render_inline_text(markdown: &str, max_chars: usize) -> String {
    let mut text = String::with_capacity(markdown.len().min(4 * max_chars + 16));
    let mut in_image = 0usize;
    for event in Parser::new_ext(markdown, markdown_options() | Options::ENABLE_WIKILINKS) {
        match event {
            Event::Start(Tag::Image { .. }) => in_image += 1,
            Event::End(TagEnd::Image) => in_image = in_image.saturating_sub(1),
            // An image's description reads oddly in the middle of a sentence.
            Event::Text(t) | Event::Code(t) if in_image == 0 => text.push_str(&t),
            Event::SoftBreak | Event::HardBreak | Event::Rule => text.push(' '),
            Event::End(
                TagEnd::Emphasis
                | TagEnd::Strong
                | TagEnd::Strikethrough
                | TagEnd::Link
                | TagEnd::Superscript
                | TagEnd::Subscript,
            ) => {}
            // The end of a block (paragraph, item, cell…) separates words.
            Event::End(_) => text.push(' '),
            _ => {}
        }
    }
    cut_at_word(&collapse_whitespace(&text), max_chars)
}

/// The two closures of [`render_with_links`].
#[derive(Clone, Copy)]
struct WikiLinks<'r> {
    resolve: &'r dyn Fn(&str) -> Option<String>,
    missing: &'r dyn Fn(&str) -> String,
}

/// The Markdown extensions people may use everywhere.
fn markdown_options() -> Options {
    // Subscript would take GFM's `~struck~` from strikethrough, and
    // pulldown-cmark's superscript needs spaces around it, so "1^er^" would
    // not work anyway: both are left out.
    Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TASKLISTS
}

/// A heading being collected until its end, to compute its anchor.
struct OpenHeading<'a> {
    level: HeadingLevel,
    events: Vec<Event<'a>>,
    text: String,
}

fn render_events(markdown: &str, wiki: Option<WikiLinks<'_>>) -> Rendered {
    let mut options = markdown_options();
    if wiki.is_some() {
        options |= Options::ENABLE_WIKILINKS;
    }
    let parser = TextMergeStream::new(Parser::new_ext(markdown, options));

    let mut out: Vec<Event> = Vec::new();
    let mut headings = Vec::new();
    let mut used_ids = HashSet::new();
    let mut heading: Option<OpenHeading> = None;
    // Inside a link, an image or a code block, text is never linkified.
    let mut link_depth = 0usize;
    let mut in_code_block = false;
    // For each open image: whether it was a `![[wiki link]]` shown as a link.
    let mut images: Vec<bool> = Vec::new();

    for event in parser {
        let mut produced: Vec<Event> = Vec::with_capacity(1);
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                heading = Some(OpenHeading {
                    level,
                    events: Vec::new(),
                    text: String::new(),
                });
                continue;
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some(open) = heading.take() {
                    let text = collapse_whitespace(&open.text);
                    let id = unique_id(&heading_slug(&text), &mut used_ids);
                    out.push(Event::Start(Tag::Heading {
                        level: open.level,
                        id: Some(CowStr::from(id.clone())),
                        classes: Vec::new(),
                        attrs: Vec::new(),
                    }));
                    out.extend(open.events);
                    out.push(Event::End(TagEnd::Heading(open.level)));
                    headings.push(Heading {
                        level: open.level as u8,
                        text,
                        id,
                    });
                }
                continue;
            }
            // Raw HTML is shown as the text it is.
            Event::Start(Tag::HtmlBlock) => produced.push(Event::Start(Tag::Paragraph)),
            Event::End(TagEnd::HtmlBlock) => produced.push(Event::End(TagEnd::Paragraph)),
            Event::Html(raw) | Event::InlineHtml(raw) => produced.push(Event::Text(raw)),
            Event::Start(Tag::CodeBlock(kind)) => {
                in_code_block = true;
                produced.push(Event::Start(Tag::CodeBlock(kind)));
            }
            Event::End(TagEnd::CodeBlock) => {
                in_code_block = false;
                produced.push(Event::End(TagEnd::CodeBlock));
            }
            Event::Start(Tag::Link {
                link_type: LinkType::WikiLink { .. },
                dest_url,
                ..
            }) => {
                link_depth += 1;
                produced.push(wiki_link_open(&dest_url, wiki));
            }
            Event::Start(Tag::Image {
                link_type: LinkType::WikiLink { .. },
                dest_url,
                ..
            }) => {
                // `![[Page]]` would embed a page: it is shown as a link to it.
                link_depth += 1;
                images.push(true);
                produced.push(wiki_link_open(&dest_url, wiki));
            }
            Event::Start(tag @ Tag::Link { .. }) => {
                link_depth += 1;
                produced.push(Event::Start(tag));
            }
            Event::Start(tag @ Tag::Image { .. }) => {
                link_depth += 1;
                images.push(false);
                produced.push(Event::Start(tag));
            }
            Event::End(TagEnd::Link) => {
                link_depth = link_depth.saturating_sub(1);
                produced.push(Event::End(TagEnd::Link));
            }
            Event::End(TagEnd::Image) => {
                link_depth = link_depth.saturating_sub(1);
                if images.pop() == Some(true) {
                    produced.push(Event::InlineHtml(CowStr::Borrowed("</a>")));
                } else {
                    produced.push(Event::End(TagEnd::Image));
                }
            }
            Event::Text(text) if link_depth == 0 && !in_code_block => {
                linkify(text, &mut produced);
            }
            other => produced.push(other),
        }
        match heading.as_mut() {
            Some(open) => {
                for event in &produced {
                    match event {
                        Event::Text(t) | Event::Code(t) => open.text.push_str(t),
                        Event::SoftBreak | Event::HardBreak => open.text.push(' '),
                        _ => {}
                    }
                }
                open.events.extend(produced);
            }
            None => out.extend(produced),
        }
    }

    let mut html = String::with_capacity(markdown.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, out.into_iter());
    Rendered {
        html: SANITIZER.clean(&html).to_string(),
        headings,
    }
}

/// The opening `<a>` of a wiki link to the page `name`.
fn wiki_link_open<'a>(name: &str, wiki: Option<WikiLinks<'_>>) -> Event<'a> {
    let name = name.trim();
    let (class, href) = match wiki {
        Some(wiki) => match (wiki.resolve)(name) {
            Some(url) => ("wikilink", url),
            None => ("wikilink missing", (wiki.missing)(name)),
        },
        // Wiki links are only parsed when closures were given.
        None => ("wikilink missing", String::new()),
    };
    Event::InlineHtml(CowStr::from(format!(
        "<a class=\"{class}\" href=\"{}\">",
        escape_attribute(&href)
    )))
}

/// Escapes text for a double-quoted HTML attribute.
fn escape_attribute(value: &str) -> Cow<'_, str> {
    if !value.contains(['&', '"', '<', '>']) {
        return Cow::Borrowed(value);
    }
    let mut out = String::with_capacity(value.len() + 8);
    for c in value.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// Turns bare `http://` and `https://` addresses in `text` into links, as
/// GitHub does, pushing the resulting events.
fn linkify<'a>(text: CowStr<'a>, out: &mut Vec<Event<'a>>) {
    let mut rest_start = 0;
    let mut search_from = 0;
    let s: &str = &text;
    let mut pieces: Vec<Event<'a>> = Vec::new();
    while let Some((start, end)) = find_url(s, search_from) {
        if start > rest_start {
            pieces.push(Event::Text(CowStr::from(s[rest_start..start].to_string())));
        }
        let url = s[start..end].to_string();
        pieces.push(Event::Start(Tag::Link {
            link_type: LinkType::Autolink,
            dest_url: CowStr::from(url.clone()),
            title: CowStr::Borrowed(""),
            id: CowStr::Borrowed(""),
        }));
        pieces.push(Event::Text(CowStr::from(url)));
        pieces.push(Event::End(TagEnd::Link));
        rest_start = end;
        search_from = end;
    }
    if pieces.is_empty() {
        out.push(Event::Text(text));
        return;
    }
    if rest_start < s.len() {
        pieces.push(Event::Text(CowStr::from(s[rest_start..].to_string())));
    }
    out.extend(pieces);
}

/// The byte range of the next bare web address in `s` from `from`.
fn find_url(s: &str, from: usize) -> Option<(usize, usize)> {
    let bytes = s.as_bytes();
    let mut i = from;
    while i < bytes.len() {
        let scheme_len = if starts_with_ignore_case(&bytes[i..], b"https://") {
            8
        } else if starts_with_ignore_case(&bytes[i..], b"http://") {
            7
        } else {
            i += 1;
            continue;
        };
        // "xhttp://" is not an address starting at "http".
        let after_word = s[..i]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_alphanumeric());
        let host_start = i + scheme_len;
        let mut end = host_start;
        for (offset, c) in s[host_start..].char_indices() {
            if c.is_whitespace() || c.is_control() || matches!(c, '<' | '>' | '"' | '«' | '»') {
                break;
            }
            end = host_start + offset + c.len_utf8();
        }
        let end = trim_url_end(&s[i..end]) + i;
        let has_host = s[host_start..end]
            .chars()
            .next()
            .is_some_and(|c| c.is_alphanumeric());
        if !after_word && has_host {
            return Some((i, end));
        }
        i = host_start;
    }
    None
}

fn starts_with_ignore_case(haystack: &[u8], prefix: &[u8]) -> bool {
    haystack.len() >= prefix.len() && haystack[..prefix.len()].eq_ignore_ascii_case(prefix)
}

/// The length of `url` without the punctuation that ends the sentence
/// around it ("voir https://exemple.org." or "(https://exemple.org)").
fn trim_url_end(url: &str) -> usize {
    let mut end = url.len();
    while let Some(last) = url[..end].chars().next_back() {
        let drop = match last {
            '?' | '!' | '.' | ',' | ':' | ';' | '*' | '_' | '~' | '\'' => true,
            ')' => {
                let inner = &url[..end];
                inner.matches(')').count() > inner.matches('(').count()
            }
            _ => false,
        };
        if !drop {
            break;
        }
        end -= last.len_utf8();
    }
    end
}

/// The anchor of a heading: lowercase, accents folded, other marks hyphens
/// ("Compte rendu — 12 mars" → "compte-rendu-12-mars").
fn heading_slug(text: &str) -> String {
    const MAX_LEN: usize = 80;
    let mut slug = String::with_capacity(text.len());
    for c in text.chars().flat_map(char::to_lowercase) {
        if ('\u{300}'..='\u{36f}').contains(&c) {
            // A combining accent typed after its letter.
            continue;
        }
        if c.is_ascii_alphanumeric() {
            slug.push(c);
        } else if let Some(folded) = fold_letter(c) {
            slug.push_str(folded);
        } else if c.is_alphanumeric() {
            // Other scripts keep their letters: a fragment may hold them.
            slug.push(c);
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
        if slug.len() >= MAX_LEN {
            break;
        }
    }
    let slug = slug.trim_end_matches('-');
    if slug.is_empty() {
        "section".to_string()
    } else {
        slug.to_string()
    }
}

/// `base`, or `base-2`, `base-3`… whichever is not used yet in the page.
fn unique_id(base: &str, used: &mut HashSet<String>) -> String {
    let mut id = base.to_string();
    let mut n = 2;
    while used.contains(&id) {
        id = format!("{base}-{n}");
        n += 1;
    }
    used.insert(id.clone());
    id
}

/// The ASCII spelling of a lowercase Latin letter with an accent or a
/// ligature; `None` for anything else.
fn fold_letter(c: char) -> Option<&'static str> {
    Some(match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => "a",
        'æ' => "ae",
        'ç' | 'ć' | 'ĉ' | 'ċ' | 'č' => "c",
        'ď' | 'đ' | 'ð' => "d",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' => "e",
        'ĝ' | 'ğ' | 'ġ' | 'ģ' => "g",
        'ì' | 'í' | 'î' | 'ï' | 'ĩ' | 'ī' | 'ĭ' | 'į' | 'ı' => "i",
        'ł' | 'ĺ' | 'ļ' | 'ľ' => "l",
        'ñ' | 'ń' | 'ņ' | 'ň' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ŏ' | 'ő' => "o",
        'œ' => "oe",
        'ŕ' | 'ř' => "r",
        'ś' | 'ş' | 'š' => "s",
        'ß' => "ss",
        'ţ' | 'ť' => "t",
        'ù' | 'ú' | 'û' | 'ü' | 'ũ' | 'ū' | 'ů' | 'ű' | 'ų' => "u",
        'ý' | 'ÿ' => "y",
        'ź' | 'ż' | 'ž' => "z",
        _ => return None,
    })
}

/// Runs of spaces, tabs and line breaks become one space, trimmed at both
/// ends. Non-breaking spaces (French "12 h", "« oui »") are kept as they are.
fn collapse_whitespace(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    for c in text.chars() {
        if is_breaking_space(c) {
            pending_space = !out.is_empty();
        } else {
            if pending_space {
                out.push(' ');
                pending_space = false;
            }
            out.push(c);
        }
    }
    out
}

fn is_breaking_space(c: char) -> bool {
    c.is_whitespace() && !matches!(c, '\u{a0}' | '\u{202f}' | '\u{2007}')
}

/// `text` if it has at most `max_chars` characters; otherwise its start, cut
/// between two words, followed by "…", all within `max_chars` characters.
fn cut_at_word(text: &str, max_chars: usize) -> String {
    if text.chars().count() <= max_chars {
        return text.to_string();
    }
    if max_chars == 0 {
        return String::new();
    }
    // One character is kept for the "…".
    let cut = text
        .char_indices()
        .nth(max_chars - 1)
        .map_or(text.len(), |(i, _)| i);
    let mut head = &text[..cut];
    let cut_inside_word = !text[cut..].starts_with(' ');
    if cut_inside_word {
        if let Some(space) = head.rfind(' ') {
            head = &head[..space];
        }
        // A single word longer than the limit is cut where it must be.
    }
    let head = head.trim_end_matches(|c: char| {
        c.is_whitespace() || matches!(c, ',' | ';' | ':' | '-' | '–' | '—' | '(')
    });
    format!("{head}…")
}

/// The one sanitizer every rendered text goes through.
static SANITIZER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let tags: HashSet<&str> = [
        "p",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "ul",
        "ol",
        "li",
        "blockquote",
        "pre",
        "code",
        "em",
        "strong",
        "del",
        "a",
        "img",
        "table",
        "thead",
        "tbody",
        "tr",
        "th",
        "td",
        "hr",
        "br",
        "input",
        "sup",
        "sub",
    ]
    .into_iter()
    .collect();
    let mut tag_attributes: HashMap<&str, HashSet<&str>> = HashMap::new();
    for heading in ["h1", "h2", "h3", "h4", "h5", "h6"] {
        tag_attributes.insert(heading, HashSet::from(["id"]));
    }
    tag_attributes.insert("a", HashSet::from(["href", "title"]));
    tag_attributes.insert("img", HashSet::from(["src", "alt", "title"]));
    tag_attributes.insert("ol", HashSet::from(["start"]));
    tag_attributes.insert("input", HashSet::from(["disabled", "checked"]));
    let mut tag_attribute_values: HashMap<&str, HashMap<&str, HashSet<&str>>> = HashMap::new();
    tag_attribute_values.insert(
        "input",
        HashMap::from([("type", HashSet::from(["checkbox"]))]),
    );
    let allowed_classes = HashMap::from([("a", HashSet::from(["wikilink", "missing"]))]);

    let mut builder = ammonia::Builder::default();
    builder
        .tags(tags)
        .generic_attributes(HashSet::new())
        .tag_attributes(tag_attributes)
        .tag_attribute_values(tag_attribute_values)
        .set_tag_attribute_value("img", "loading", "lazy")
        .allowed_classes(allowed_classes)
        .url_schemes(HashSet::from(["http", "https", "mailto"]))
        .url_relative(ammonia::UrlRelative::PassThrough)
        .link_rel(Some("noopener noreferrer nofollow"))
        .strip_comments(true)
        .attribute_filter(|element, attribute, value| match (element, attribute) {
            // Images come from the web or from this site, nowhere else.
            ("img", "src") => {
                let lower = value.trim_start().to_ascii_lowercase();
                let allowed = lower.starts_with("https://")
                    || lower.starts_with("http://")
                    || (lower.starts_with('/') && !lower.starts_with("//"));
                allowed.then(|| value.into())
            }
            _ => Some(value.into()),
        });
    builder
});

/// Checks that rendered HTML is sanitized: no script, no style, no event
/// handler, no `javascript:`/`data:` link. Used by the fuzz target and tests.
pub fn check_sanitized(html: &str) -> Result<(), String> {
    // Text is escaped (`&lt;`), so every raw `<` opens a real tag: inspect tags.
    for tag in html.split('<').skip(1) {
        let tag = tag.split('>').next().unwrap_or("").to_ascii_lowercase();
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        if [
            "script", "style", "iframe", "object", "embed", "form", "base", "meta", "link", "svg",
            "math",
        ]
        .contains(&name.as_str())
        {
            return Err(format!("<{name}> in {html}"));
        }
        let attrs = &tag[tag.find(char::is_whitespace).unwrap_or(tag.len())..];
        for banned in ["style=", "srcdoc="] {
            if attrs.contains(banned) {
                return Err(format!("{banned} in <{tag}>"));
            }
        }
        // A link's or an image's scheme (browsers skip leading blanks and
        // control characters, and entity-decode the value).
        for attr in ["href=\"", "src=\""] {
            for value in attrs.split(attr).skip(1) {
                let value = value
                    .split('"')
                    .next()
                    .unwrap_or("")
                    .replace("&#x3a;", ":")
                    .replace("&colon;", ":");
                let value: String = value
                    .chars()
                    .skip_while(|c| c.is_whitespace() || c.is_control())
                    .collect();
                if ["javascript:", "vbscript:", "data:"]
                    .iter()
                    .any(|scheme| value.starts_with(scheme))
                {
                    return Err(format!("{value} in <{tag}>"));
                }
            }
        }
        for word in attrs.split(|c: char| c.is_whitespace() || c == '/') {
            if word.starts_with("on") && word.contains('=') {
                return Err(format!("event handler in <{tag}>"));
            }
        }
    }
    Ok(())
}

/// One fuzzing round: renders `text` every way pages are rendered and
/// panics if the output is not sanitized.
pub fn fuzz_one(text: &str) {
    let resolve = |name: &str| {
        name.len()
            .is_multiple_of(2)
            .then(|| format!("/wiki/{}", name.len()))
    };
    let missing = |name: &str| format!("/wiki/new-{}", name.len());
    for html in [
        render(text),
        render_with_toc(text).html,
        render_with_links(text, &resolve, &missing).html,
    ] {
        if let Err(e) = check_sanitized(&html) {
            panic!("unsanitized output for {text:?}: {e}");
        }
    }
    let _ = render_inline_text(text, 80);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_and_emphasis() {
        assert_eq!(
            render("Bonjour *à tous* et **bienvenue**"),
            "<p>Bonjour <em>à tous</em> et <strong>bienvenue</strong></p>\n"
        );
    }

    #[test]
    fn tables() {
        let html = render("| Qui | Quoi |\n|:--|--:|\n| Léa | Pain |\n");
        assert!(html.contains("<table>"), "{html}");
        assert!(html.contains("<th>Qui</th>"), "{html}");
        assert!(html.contains("<td>Léa</td>"), "{html}");
        assert!(!html.contains("style"), "{html}");
    }

    #[test]
    fn task_lists() {
        let html = render("- [x] Réserver la salle\n- [ ] Envoyer l'invitation\n");
        assert!(
            html.contains(r#"<input disabled="" type="checkbox" checked="">"#),
            "{html}"
        );
        assert!(
            html.contains(r#"<input disabled="" type="checkbox">"#),
            "{html}"
        );
        assert!(html.contains("Réserver la salle"), "{html}");
    }

    #[test]
    fn strikethrough() {
        assert_eq!(render("~~mardi~~ jeudi"), "<p><del>mardi</del> jeudi</p>\n");
        assert_eq!(render("~mardi~ jeudi"), "<p><del>mardi</del> jeudi</p>\n");
    }

    #[test]
    fn bare_addresses_become_links() {
        let html = render(
            "Voir https://exemple.org/a_b_c?x=1&y=2. Et (http://exemple.org/wiki/Foo_(bar)).",
        );
        assert!(
            html.contains(r#"<a href="https://exemple.org/a_b_c?x=1&amp;y=2" rel="noopener noreferrer nofollow">https://exemple.org/a_b_c?x=1&amp;y=2</a>. Et"#),
            "{html}"
        );
        assert!(
            html.contains(r#"<a href="http://exemple.org/wiki/Foo_(bar)" rel="noopener noreferrer nofollow">http://exemple.org/wiki/Foo_(bar)</a>)."#),
            "{html}"
        );
    }

    #[test]
    fn bare_addresses_stay_text_where_they_must() {
        let html = render(
            "`https://code.org` et [lien](https://a.org \"titre\") et xhttps://b.org et https://",
        );
        assert!(html.contains("<code>https://code.org</code>"), "{html}");
        assert_eq!(html.matches("<a ").count(), 1, "{html}");
        assert!(html.contains(r#"title="titre""#), "{html}");

        let html = render("```\nhttps://exemple.org\n```\n");
        assert!(!html.contains("<a "), "{html}");
    }

    #[test]
    fn pointy_autolinks_and_french_quotes() {
        let html = render("<https://exemple.org> et « https://exemple.fr »");
        assert!(
            html.contains(r#"<a href="https://exemple.org" rel="noopener noreferrer nofollow">"#),
            "{html}"
        );
        assert!(
            html.contains(r#"<a href="https://exemple.fr" rel="noopener noreferrer nofollow">https://exemple.fr</a> »"#),
            "{html}"
        );
    }

    #[test]
    fn headings_get_anchors() {
        let rendered =
            render_with_toc("# Compte rendu — 12 mars\n\n## Décisions `prises`\n\ntexte");
        assert!(
            rendered
                .html
                .contains(r#"<h1 id="compte-rendu-12-mars">Compte rendu — 12 mars</h1>"#),
            "{}",
            rendered.html
        );
        assert_eq!(
            rendered.headings,
            vec![
                Heading {
                    level: 1,
                    text: "Compte rendu — 12 mars".into(),
                    id: "compte-rendu-12-mars".into()
                },
                Heading {
                    level: 2,
                    text: "Décisions prises".into(),
                    id: "decisions-prises".into()
                },
            ]
        );
    }

    #[test]
    fn duplicate_headings_get_numbered_anchors() {
        let rendered =
            render_with_toc("## Notes\n\n## Notes\n\n## Notes-2\n\n## Notes\n\n## !!!\n");
        let ids: Vec<&str> = rendered.headings.iter().map(|h| h.id.as_str()).collect();
        assert_eq!(ids, ["notes", "notes-2", "notes-2-2", "notes-3", "section"]);
        assert!(rendered.html.contains(r#"<h2 id="notes-3">"#));
    }

    #[test]
    fn setext_headings_and_combining_accents() {
        let rendered = render_with_toc("E\u{301}te\u{301}\n===\n");
        assert_eq!(rendered.headings[0].id, "ete");
        assert_eq!(rendered.headings[0].level, 1);
    }

    #[test]
    fn raw_html_is_shown_not_run() {
        let html = render("<script>alert(1)</script>\n\ntexte <img src=x onerror=alert(1)> fin");
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("<img"), "{html}");
        assert!(
            html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
            "{html}"
        );
        assert!(
            html.contains("texte &lt;img src=x onerror=alert(1)&gt; fin"),
            "{html}"
        );
    }

    #[test]
    fn raw_html_in_headings_and_tables_is_text() {
        let html = render("# <b onclick=x>Titre</b>\n\n| a |\n|---|\n| <iframe src=x> |\n");
        assert!(!html.contains("<b"), "{html}");
        assert!(!html.contains("<iframe"), "{html}");
    }

    #[test]
    fn dangerous_link_schemes_lose_their_address() {
        for markdown in [
            "[x](javascript:alert(1))",
            "[x](JavaScript:alert(1))",
            "[x](data:text/html;base64,PHNjcmlwdD4=)",
            "[x](vbscript:msgbox)",
        ] {
            let html = render(markdown);
            assert!(!html.contains("href"), "{markdown}: {html}");
            assert!(html.contains(">x</a>"), "{markdown}: {html}");
        }
        let html = render("[écrire](mailto:contact@exemple.org) [page](/groupes/jardins)");
        assert!(
            html.contains(r#"href="mailto:contact@exemple.org""#),
            "{html}"
        );
        assert!(html.contains(r#"href="/groupes/jardins""#), "{html}");
    }

    #[test]
    fn images_are_lazy_and_from_allowed_places() {
        let html = render("![Le jardin](https://exemple.org/j.jpg \"été\")");
        assert!(
            html.contains(r#"src="https://exemple.org/j.jpg""#),
            "{html}"
        );
        assert!(html.contains(r#"alt="Le jardin""#), "{html}");
        assert!(html.contains(r#"loading="lazy""#), "{html}");

        let html = render("![logo](/fichiers/logo.png)");
        assert!(html.contains(r#"src="/fichiers/logo.png""#), "{html}");

        for markdown in [
            "![x](javascript:alert(1))",
            "![x](data:image/svg+xml;base64,PHN2Zz4=)",
            "![x](//ailleurs.org/x.png)",
            "![x](image.png)",
        ] {
            let html = render(markdown);
            assert!(!html.contains("src="), "{markdown}: {html}");
        }
    }

    #[test]
    fn no_style_no_class_no_handlers() {
        let html = render("```rust\nfn main() {}\n```\n\n| a |\n|:-:|\n| b |\n");
        assert!(!html.contains("class"), "{html}");
        assert!(!html.contains("style"), "{html}");
        assert!(
            html.contains("<pre><code>fn main() {}\n</code></pre>"),
            "{html}"
        );
    }

    #[test]
    fn wiki_links_without_closures_stay_text() {
        assert_eq!(render("[[Accueil]]"), "<p>[[Accueil]]</p>\n");
    }

    #[test]
    fn wiki_links_existing_and_missing() {
        let resolve = |name: &str| match name {
            "Accueil" => Some("/groupes/jardins/wiki/accueil".to_string()),
            _ => None,
        };
        let missing =
            |name: &str| format!("/groupes/jardins/wiki?creer={}", name.replace(' ', "%20"));
        let rendered = render_with_links(
            "Voir [[Accueil]], [[Accueil|la page d'accueil]] et [[Projets 2025|nos projets]].",
            &resolve,
            &missing,
        );
        let html = rendered.html;
        assert!(
            html.contains(r#"<a class="wikilink" href="/groupes/jardins/wiki/accueil" rel="noopener noreferrer nofollow">Accueil</a>"#),
            "{html}"
        );
        assert!(
            html.contains(r#"<a class="wikilink" href="/groupes/jardins/wiki/accueil" rel="noopener noreferrer nofollow">la page d'accueil</a>"#),
            "{html}"
        );
        assert!(
            html.contains(r#"<a class="wikilink missing" href="/groupes/jardins/wiki?creer=Projets%202025" rel="noopener noreferrer nofollow">nos projets</a>"#),
            "{html}"
        );
    }

    #[test]
    fn wiki_link_addresses_are_still_sanitized() {
        let resolve = |_: &str| Some("javascript:alert(1)".to_string());
        let html = render_with_links("[[Piège]] et ![[Page]]", &resolve, &|_| String::new()).html;
        assert!(!html.contains("javascript"), "{html}");
        assert!(!html.contains("<img"), "{html}");
        assert_eq!(html.matches(r#"class="wikilink""#).count(), 2, "{html}");

        let quoting = |_: &str| Some("/wiki/a\"onclick=\"x".to_string());
        let html = render_with_links("[[A]]", &quoting, &|_| String::new()).html;
        assert!(!html.contains("onclick=\""), "{html}");
    }

    #[test]
    fn inline_text_has_no_markup() {
        let text = render_inline_text(
            "# Réunion\n\nOn a **parlé** du [jardin](https://x.org)\net de `code`.\n\n- un\n- deux\n\n![photo](/p.jpg)<b>gras</b> [[Page|libellé]]",
            200,
        );
        assert_eq!(
            text,
            "Réunion On a parlé du jardin et de code. un deux gras libellé"
        );
    }

    #[test]
    fn inline_text_is_cut_between_words() {
        let text = "Nous nous retrouvons jeudi prochain au jardin partagé";
        assert_eq!(render_inline_text(text, 100), text);
        assert_eq!(render_inline_text(text, text.chars().count()), text);
        let cut = render_inline_text(text, 30);
        assert_eq!(cut, "Nous nous retrouvons jeudi…");
        assert!(cut.chars().count() <= 30);
        // The cut falls right before a space: the whole word is kept.
        assert_eq!(render_inline_text(text, 27), "Nous nous retrouvons jeudi…");
        assert_eq!(render_inline_text("Bonjour, tout le monde", 12), "Bonjour…");
        assert_eq!(
            render_inline_text("Anticonstitutionnellement", 10),
            "Anticonst…"
        );
        assert_eq!(render_inline_text("abc def", 0), "");
        assert_eq!(
            render_inline_text("  plusieurs \n\n espaces  ", 50),
            "plusieurs espaces"
        );
    }

    #[test]
    fn inline_text_keeps_non_breaking_spaces() {
        assert_eq!(
            render_inline_text("Rendez-vous à 18\u{a0}h\u{a0}: « oui »", 100),
            "Rendez-vous à 18\u{a0}h\u{a0}: « oui »"
        );
        // A non-breaking space never separates the cut.
        assert_eq!(render_inline_text("à 18\u{a0}heures trente", 10), "à…");
    }

    /// A deterministic fuzzing pass (the real fuzzer lives in `fuzz/`):
    /// thousands of documents built from fragments that have broken
    /// renderers before.
    #[test]
    fn fuzz_generated_documents_stay_sanitized() {
        const PIECES: &[&str] = &[
            "[[",
            "]]",
            "|",
            "[",
            "](",
            ")",
            "javascript:alert(1)",
            "JaVaScRiPt:x",
            "data:text/html,x",
            "<script>",
            "</script>",
            "<img src=x onerror=alert(1)>",
            "<a href=\"javascript:x\">",
            "**",
            "_",
            "`",
            "```",
            "\n",
            "\n\n",
            "# ",
            "- [ ] ",
            "| a | b |\n|---|---|\n",
            "<",
            ">",
            "&",
            "\"",
            "'",
            "é",
            "—",
            "https://exemple.org/a?b=<c>",
            "![i](",
            "<style>",
            "<iframe src=x>",
            " onclick=",
            "\u{0}",
            "\u{202e}",
            "[[a|<b>]]",
            "[[javascript:x]]",
            "<!--",
            "-->",
            "\\",
            "~~",
            "^",
        ];
        let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        for _ in 0..3000 {
            let len = (next() % 24) as usize;
            let doc: String = (0..len)
                .map(|_| PIECES[(next() % PIECES.len() as u64) as usize])
                .collect();
            fuzz_one(&doc);
        }
    }

    #[test]
    fn the_sanitization_check_catches_what_it_must() {
        assert!(check_sanitized("<p>ok</p>").is_ok());
        assert!(check_sanitized("<img src=x onerror=alert(1)>").is_err());
        assert!(check_sanitized("<a href=\"javascript:x\">").is_err());
        assert!(check_sanitized("<p>online = yes</p>").is_ok());
    }
}
