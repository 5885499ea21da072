//! Turning the HTML of a message into Markdown: paragraphs, line breaks,
//! bold and italic, links, lists and headings. Quotes (`blockquote`) come
//! out as `>` lines and attributions as lines of text, so that the trimmer
//! reads them as it reads plain text, with the same table; the history that
//! Outlook, Yahoo and Zimbra append below their header block is set apart;
//! scripts, styles and hidden parts are dropped.

use super::dom::{Dom, Kind, Node};

type Handle = usize;

/// One HTML body, as Markdown.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Converted {
    /// The message, quotes as `>` lines.
    pub markdown: String,
    /// What followed a reply header block of Outlook's (the pasted
    /// history), to be kept with the trimmed part.
    pub history: String,
    /// `cid:` images shown in what the person wrote (outside quotes and
    /// history), whose attachments are part of the message.
    pub own_cids: Vec<String>,
}

/// Nesting beyond which a document is read as plain text instead: the
/// HTML tree builder checks the open elements at every tag, so a message of
/// deeply nested tags would take minutes to build.
const MAX_NESTING: usize = 500;

/// How deeply the tags of `html` nest, roughly (a quick scan, no parsing):
/// elements without content or usually left unclosed do not count.
fn nesting(html: &str) -> usize {
    const FLAT: &[&str] = &[
        "br", "img", "hr", "meta", "link", "input", "col", "area", "base", "wbr", "source",
        "embed", "param", "track", "p", "li", "td", "th", "tr", "option", "dt", "dd",
    ];
    let bytes = html.as_bytes();
    let (mut depth, mut deepest) = (0usize, 0usize);
    let mut i = 0;
    while i + 1 < bytes.len() {
        if bytes[i] == b'<' {
            if bytes[i + 1] == b'/' {
                depth = depth.saturating_sub(1);
            } else if bytes[i + 1].is_ascii_alphabetic() {
                let end = bytes[i + 1..]
                    .iter()
                    .position(|b| !b.is_ascii_alphanumeric())
                    .map_or(bytes.len(), |p| i + 1 + p);
                let name = html[i + 1..end].to_ascii_lowercase();
                if !FLAT.contains(&name.as_str()) {
                    depth += 1;
                    deepest = deepest.max(depth);
                }
                i = end;
                continue;
            }
        }
        i += 1;
    }
    deepest
}

/// Converts an HTML document or fragment.
pub fn to_markdown(html: &str) -> Converted {
    if nesting(html) > MAX_NESTING {
        return Converted {
            markdown: mail_parser::decoders::html::html_to_text(html)
                .trim()
                .to_string(),
            ..Converted::default()
        };
    }
    let nodes = Dom::parse(html);
    let mut converter = Converter::new(&nodes);
    converter.children(0);
    converter.own.finish();
    converter.history.finish();
    Converted {
        markdown: converter
            .own
            .lines
            .join("\n")
            .trim_matches('\n')
            .to_string(),
        history: converter
            .history
            .lines
            .join("\n")
            .trim_matches('\n')
            .to_string(),
        own_cids: converter.own_cids,
    }
}

/// Lines being written, with the state of the line in progress.
#[derive(Default)]
struct Out {
    lines: Vec<String>,
    cur: String,
    /// Length of the list marker at the start of `cur` (content begins after).
    marker: usize,
    /// `> ` once per quote level.
    prefix: String,
    /// Whitespace seen and not yet written (folded into one space).
    space: bool,
    /// Whitespace came before any content at all (for inline pieces).
    leading_space: bool,
    /// A blank line is due before the next content.
    blank: bool,
    /// The quote prefix where the blank line was asked for (a blank line
    /// before a quote is not part of it).
    blank_prefix: String,
}

impl Out {
    fn at_line_start(&self) -> bool {
        self.cur.len() == self.marker
    }

    fn push_line(&mut self) {
        let line = format!("{}{}", self.prefix, self.cur);
        self.lines.push(line.trim_end().to_string());
        self.cur.clear();
        self.marker = 0;
        self.space = false;
    }

    /// Ends the line in progress, if it has content.
    fn end_line(&mut self) {
        if !self.at_line_start() {
            self.push_line();
        }
        self.space = false;
    }

    fn blank_due(&mut self) {
        self.end_line();
        self.set_blank();
    }

    fn set_blank(&mut self) {
        if !self.blank || self.prefix.len() < self.blank_prefix.len() {
            self.blank_prefix = self.prefix.clone();
        }
        self.blank = true;
    }

    /// Writes the blank line that is due, if the last line is not one.
    fn write_blank(&mut self) {
        if self.blank
            && self
                .lines
                .last()
                .is_some_and(|l| !l.trim_start_matches(['>', ' ']).is_empty())
        {
            let prefix = if self.blank_prefix.len() < self.prefix.len() {
                &self.blank_prefix
            } else {
                &self.prefix
            };
            self.lines.push(prefix.trim_end().to_string());
        }
        self.blank = false;
    }

    /// Writes a piece of content (no whitespace folding).
    fn word(&mut self, piece: &str) {
        if piece.is_empty() {
            return;
        }
        if self.at_line_start() && self.marker == 0 {
            self.write_blank();
        } else if self.space && !self.at_line_start() {
            self.cur.push(' ');
        }
        if self.cur.is_empty() && self.lines.is_empty() && self.space {
            self.leading_space = true;
        }
        self.space = false;
        self.cur.push_str(piece);
    }

    /// Writes text, folding whitespace as a browser does.
    fn text(&mut self, text: &str) {
        let mut word = String::new();
        for c in text.chars() {
            if c.is_whitespace() {
                if !word.is_empty() {
                    self.word(&word);
                    word.clear();
                }
                if self.cur.is_empty() && self.lines.is_empty() {
                    self.leading_space = true;
                }
                self.space = true;
            } else {
                word.push(c);
            }
        }
        if !word.is_empty() {
            self.word(&word);
        }
    }

    fn finish(&mut self) {
        self.end_line();
    }
}

struct Converter<'a> {
    nodes: &'a [Node],
    own: Out,
    history: Out,
    /// Past an Outlook reply header: everything goes to `history`.
    cut: bool,
    quote_depth: usize,
    /// Open lists: `None` for bullets, `Some(n)` for the next number.
    lists: Vec<Option<u32>>,
    pre: usize,
    /// Elements open around the current one.
    depth: usize,
    own_cids: Vec<String>,
}

const BLOCKS: &[&str] = &[
    "p",
    "div",
    "ul",
    "ol",
    "li",
    "blockquote",
    "pre",
    "table",
    "tr",
    "hr",
    "center",
    "section",
    "article",
    "header",
    "footer",
    "address",
    "dl",
    "dt",
    "dd",
    "form",
    "fieldset",
    "figure",
    "main",
    "nav",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "body",
    "html",
    "tbody",
    "thead",
    "tfoot",
];

/// Elements nested deeper than this are read as plain text: the walk is
/// recursive, and a message must not be able to exhaust the stack.
const MAX_DEPTH: usize = 64;

const SKIPPED: &[&str] = &[
    "head", "script", "style", "title", "template", "noscript", "svg", "object", "iframe",
    "select", "button", "audio", "video",
];

impl<'a> Converter<'a> {
    fn new(nodes: &'a [Node]) -> Self {
        Converter {
            nodes,
            own: Out::default(),
            history: Out::default(),
            cut: false,
            quote_depth: 0,
            lists: Vec::new(),
            pre: 0,
            depth: 0,
            own_cids: Vec::new(),
        }
    }

    fn attr(&self, node: Handle, name: &str) -> Option<&'a str> {
        match &self.nodes[node].kind {
            Kind::Element(attrs) => attrs
                .iter()
                .find(|a| &*a.name.local == name)
                .map(|a| &*a.value),
            _ => None,
        }
    }

    fn tag(&self, node: Handle) -> Option<String> {
        match &self.nodes[node].kind {
            Kind::Element(_) => Some(self.nodes[node].name.local.to_ascii_lowercase().to_string()),
            _ => None,
        }
    }

    fn has_class(&self, node: Handle, class: &str) -> bool {
        self.attr(node, "class")
            .is_some_and(|c| c.split_whitespace().any(|c| c == class))
    }

    fn hidden(&self, node: Handle) -> bool {
        if self.attr(node, "hidden").is_some() {
            return true;
        }
        self.attr(node, "style").is_some_and(|s| {
            let s: String = s.chars().filter(|c| !c.is_whitespace()).collect();
            s.to_ascii_lowercase().contains("display:none")
        })
    }

    fn has_block(&self, node: Handle) -> bool {
        // A loop, not recursion: a message may nest elements very deeply.
        let mut stack = self.nodes[node].children.clone();
        while let Some(child) = stack.pop() {
            if self
                .tag(child)
                .is_some_and(|t| BLOCKS.contains(&t.as_str()) || t == "br")
            {
                return true;
            }
            stack.extend_from_slice(&self.nodes[child].children);
        }
        false
    }

    /// The text under `node`, without its structure: what is written of
    /// elements nested deeper than [`MAX_DEPTH`].
    fn flat_text(&mut self, node: Handle) {
        let nodes = self.nodes;
        let mut stack = vec![node];
        while let Some(current) = stack.pop() {
            match &nodes[current].kind {
                Kind::Text(text) => self.out().text(text),
                Kind::Element(_) => {
                    let skipped = self
                        .tag(current)
                        .is_some_and(|t| SKIPPED.contains(&t.as_str()));
                    if !skipped && !self.hidden(current) {
                        self.out().space = true;
                        stack.extend(nodes[current].children.iter().rev());
                    }
                }
                _ => {}
            }
        }
    }

    /// Elements that open the history pasted below a reply: Outlook's
    /// header block (its ids, and the desktop's div with a top border),
    /// Yahoo's quoted container, Zimbra's divider.
    fn opens_history(&self, node: Handle) -> bool {
        let id = self.attr(node, "id").unwrap_or_default();
        let style = self
            .attr(node, "style")
            .unwrap_or_default()
            .to_ascii_lowercase()
            .replace(' ', "");
        id.ends_with("divRplyFwdMsg")
            || id.ends_with("appendonsend")
            || id == "mail-editor-reference-message-container"
            || id == "stopSpelling"
            || id == "zwchr"
            || id.starts_with("yahoo_quoted")
            || self.has_class(node, "OutlookMessageHeader")
            || self.has_class(node, "yahoo_quoted")
            || self.attr(node, "data-marker") == Some("__QUOTED_TEXT__")
            || (style.contains("border-top:solid") && style.contains("padding:3"))
    }

    /// Elements holding a quoted message: `blockquote` (Gmail's, Apple's
    /// `type=cite`, Thunderbird's, Roundcube's, SOGo's, Proton's). The
    /// attribution above one (Gmail's `gmail_attr`, Thunderbird's
    /// `moz-cite-prefix`) stays a line of text: the trimmer reads it with
    /// the same table as a plain-text one.
    fn is_quote(&self, _node: Handle, tag: &str) -> bool {
        tag == "blockquote"
    }

    fn is_signature(&self, node: Handle) -> bool {
        self.has_class(node, "gmail_signature")
            || self.has_class(node, "protonmail_signature_block")
            || self.has_class(node, "moz-signature")
            || self
                .attr(node, "id")
                .is_some_and(|id| id.ends_with("ms-outlook-mobile-signature"))
            || self
                .attr(node, "id")
                .is_some_and(|id| id == "Signature" || id == "signature")
    }

    fn out(&mut self) -> &mut Out {
        if self.cut {
            &mut self.history
        } else {
            &mut self.own
        }
    }

    fn children(&mut self, node: Handle) {
        let nodes = self.nodes;
        for &child in &nodes[node].children {
            self.node(child);
        }
    }

    fn node(&mut self, node: Handle) {
        let nodes = self.nodes;
        match &nodes[node].kind {
            Kind::Text(text) => {
                if self.pre > 0 {
                    let out = self.out();
                    let mut first = true;
                    for line in text.split('\n') {
                        if !first {
                            out.push_line();
                        }
                        first = false;
                        if !line.is_empty() {
                            out.space = false;
                            out.word(line);
                        }
                    }
                } else {
                    self.out().text(text);
                }
            }
            Kind::Element(_) => self.element(node),
            Kind::Document => self.children(node),
            Kind::Other => {}
        }
    }

    fn start_history(&mut self) {
        if self.cut {
            return;
        }
        self.own.end_line();
        // The rule Outlook draws above its header block belongs to the history.
        if self.own.lines.last().is_some_and(|l| l == "---") {
            self.own.lines.pop();
        }
        self.cut = true;
    }

    fn element(&mut self, node: Handle) {
        if self.depth >= MAX_DEPTH {
            return self.flat_text(node);
        }
        self.depth += 1;
        self.element_within_depth(node);
        self.depth -= 1;
    }

    fn element_within_depth(&mut self, node: Handle) {
        let Some(tag) = self.tag(node) else { return };
        if SKIPPED.contains(&tag.as_str()) || self.hidden(node) {
            return;
        }
        if self.opens_history(node) {
            self.start_history();
        }
        if self.is_quote(node, &tag) {
            let out = self.out();
            out.blank_due();
            out.prefix.push_str("> ");
            self.quote_depth += 1;
            self.children(node);
            let out = self.out();
            out.end_line();
            out.prefix.truncate(out.prefix.len().saturating_sub(2));
            out.set_blank();
            self.quote_depth -= 1;
            return;
        }
        if self.is_signature(node) {
            let out = self.out();
            out.end_line();
            if out.lines.last().is_none_or(|l| l.trim() != "--") {
                let line = format!("{}--", out.prefix);
                out.lines.push(line);
            }
        }
        match tag.as_str() {
            "br" => {
                let out = self.out();
                out.push_line();
            }
            "p" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "pre" | "table" | "dl" => {
                let in_item = !self.lists.is_empty();
                // Thunderbird puts its signature in a <pre>: lines, not code.
                let fenced = !self.has_class(node, "moz-signature");
                let out = self.out();
                if in_item {
                    out.end_line();
                } else {
                    out.blank_due();
                }
                if let Some(level) = tag.strip_prefix('h').and_then(|l| l.parse::<usize>().ok()) {
                    out.word(&"#".repeat(level));
                    out.space = true;
                }
                if tag == "pre" {
                    if fenced {
                        out.word("```");
                        out.push_line();
                    }
                    self.pre += 1;
                    self.children(node);
                    self.pre -= 1;
                    let out = self.out();
                    out.end_line();
                    if fenced {
                        out.word("```");
                        out.push_line();
                    }
                } else {
                    self.children(node);
                }
                let out = self.out();
                if in_item {
                    out.end_line();
                } else {
                    out.blank_due();
                }
            }
            "ul" | "ol" => {
                let start = self
                    .attr(node, "start")
                    .and_then(|s| s.parse().ok())
                    .unwrap_or(1);
                if self.lists.is_empty() {
                    self.out().blank_due();
                } else {
                    self.out().end_line();
                }
                self.lists.push((tag == "ol").then_some(start));
                self.children(node);
                self.lists.pop();
                if self.lists.is_empty() {
                    self.out().blank_due();
                }
            }
            "li" => {
                let depth = self.lists.len().saturating_sub(1);
                let marker = match self.lists.last_mut() {
                    Some(Some(n)) => {
                        let m = format!("{n}. ");
                        *n += 1;
                        m
                    }
                    _ => "- ".to_string(),
                };
                let out = self.out();
                out.end_line();
                out.write_blank();
                out.cur = format!("{}{}", "  ".repeat(depth), marker);
                out.marker = out.cur.len();
                self.children(node);
                let out = self.out();
                if out.at_line_start() {
                    out.cur.clear();
                    out.marker = 0;
                }
                out.end_line();
            }
            "hr" => {
                let out = self.out();
                out.blank_due();
                out.word("---");
                out.blank_due();
            }
            "td" | "th" => {
                let out = self.out();
                out.space = true;
                self.children(node);
                self.out().space = true;
            }
            "img" => {
                let src = self.attr(node, "src").unwrap_or_default();
                if let Some(cid) = src.strip_prefix("cid:") {
                    // Past the signature line, an image is a logo, not the person's.
                    let signed = self.own.lines.iter().any(|l| l == "--") || self.own.cur == "--";
                    if !self.cut && self.quote_depth == 0 && !signed {
                        self.own_cids.push(cid.to_string());
                    }
                }
            }
            "b" | "strong" => self.inline(node, "**"),
            "i" | "em" => self.inline(node, "*"),
            "code" | "tt" if self.pre == 0 => self.inline(node, "`"),
            "a" => self.link(node),
            t if BLOCKS.contains(&t) => {
                self.out().end_line();
                self.children(node);
                self.out().end_line();
            }
            _ => self.children(node),
        }
    }

    /// Renders an inline element's content on its own, to wrap it.
    fn inline_content(&mut self, node: Handle) -> Option<(bool, String, bool)> {
        if self.has_block(node) {
            return None;
        }
        let mut sub = Converter::new(self.nodes);
        sub.pre = self.pre;
        sub.depth = self.depth;
        sub.children(node);
        let out = &sub.own;
        if !out.lines.is_empty() {
            return None;
        }
        self.own_cids.extend(sub.own_cids.iter().cloned());
        Some((out.leading_space, out.cur.clone(), out.space))
    }

    fn emit_wrapped(&mut self, lead: bool, content: &str, trail: bool) {
        let out = self.out();
        if lead {
            out.space = true;
        }
        out.word(content);
        if trail {
            out.space = true;
        }
    }

    fn inline(&mut self, node: Handle, marker: &str) {
        match self.inline_content(node) {
            Some((lead, content, trail)) if !content.is_empty() => {
                // Emphasis inside a word or around spaces would not read back.
                let already = content.starts_with(marker) && content.ends_with(marker);
                let wrapped = if already {
                    content
                } else {
                    format!("{marker}{content}{marker}")
                };
                self.emit_wrapped(lead, &wrapped, trail);
            }
            Some((lead, _, trail)) => {
                if lead || trail {
                    self.out().space = true;
                }
            }
            None => self.children(node),
        }
    }

    fn link(&mut self, node: Handle) {
        let href = self.attr(node, "href").unwrap_or_default();
        let href = href.trim();
        match self.inline_content(node) {
            Some((lead, content, trail)) => {
                if content.is_empty() {
                    if lead || trail {
                        self.out().space = true;
                    }
                    return;
                }
                let plain = href.is_empty()
                    || href.starts_with('#')
                    || href.starts_with("cid:")
                    || href.to_ascii_lowercase().starts_with("javascript:")
                    || content == href
                    || href.strip_prefix("mailto:") == Some(content.as_str());
                let text = if plain {
                    content
                } else {
                    // Brackets in the text would end the link early.
                    let content = content.replace('[', "\\[").replace(']', "\\]");
                    format!(
                        "[{content}]({})",
                        href.replace(' ', "%20").replace(')', "%29")
                    )
                };
                self.emit_wrapped(lead, &text, trail);
            }
            None => self.children(node),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn converts_the_usual_shapes() {
        let c = to_markdown(
            "<html><head><style>p{}</style></head><body><div dir=\"ltr\">Bonjour <b>Marie</b>,<div><br></div>\
             <div>Voir <a href=\"https://ex.org/a\">le lien</a> &amp; <i>merci</i></div>\
             <ul><li>un</li><li>deux</li></ul><script>x()</script>\
             <div class=\"gmail_quote\"><div class=\"gmail_attr\">Le lun., Marie a écrit :</div><blockquote class=\"gmail_quote\">Salut</blockquote></div></div></body></html>",
        );
        assert_eq!(
            c.markdown,
            "Bonjour **Marie**,\n\nVoir [le lien](https://ex.org/a) & *merci*\n\n- un\n- deux\n\nLe lun., Marie a écrit :\n\n> Salut"
        );
    }

    #[test]
    fn deep_nesting_is_read_as_text() {
        // Deeper than the walk goes, shallower than the fallback.
        let depth = 300;
        let html = format!(
            "{}profond{}",
            "<div><span>".repeat(depth),
            "</span></div>".repeat(depth)
        );
        assert_eq!(to_markdown(&html).markdown, "profond");
        // Too deep to build a tree in reasonable time: plain text.
        let depth = 100_000;
        let html = format!(
            "{}profond{}",
            "<div><b>".repeat(depth),
            "</b></div>".repeat(depth)
        );
        assert_eq!(to_markdown(&html).markdown, "profond");
        let html = format!("{}fin", "<blockquote>".repeat(depth));
        assert!(to_markdown(&html).markdown.ends_with("fin"));
    }

    #[test]
    fn link_text_keeps_its_brackets() {
        let c = to_markdown("<a href=\"https://ex.org/(a)\">[PDF] compte rendu</a>");
        assert_eq!(c.markdown, "[\\[PDF\\] compte rendu](https://ex.org/(a%29)");
    }

    #[test]
    fn outlook_history_is_set_apart() {
        let c = to_markdown(
            "<div>Oui</div><div id=\"appendonsend\"></div><hr><div id=\"divRplyFwdMsg\"><b>De :</b> Marie</div><div>Avant</div>",
        );
        assert_eq!(c.markdown, "Oui");
        assert!(c.history.contains("Avant"));
    }
}
