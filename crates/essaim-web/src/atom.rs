//! Atom feeds (RFC 4287): the wiki's recent changes and a group's topics
//! are written by this one writer.

use axum::http::header;
use axum::response::{IntoResponse, Response};

/// One entry of a feed.
pub struct Entry<'a> {
    /// Title.
    pub title: &'a str,
    /// Permanent id (an absolute address).
    pub id: String,
    /// Where it leads.
    pub link: String,
    /// Last change, Unix seconds.
    pub updated: i64,
    /// Author's name.
    pub author: &'a str,
    /// A short summary, if any.
    pub summary: Option<&'a str>,
}

fn xml(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// RFC 3339 (UTC) of a stored time.
pub(crate) fn rfc3339(unix: i64) -> String {
    chrono::DateTime::from_timestamp(unix, 0)
        .map(|d| d.to_rfc3339())
        .unwrap_or_default()
}

/// The feed `title` at `self_url` with its entries (newest first: the
/// feed's own `updated` is the first entry's), as a response.
pub fn response(title: &str, self_url: &str, entries: &[Entry<'_>]) -> Response {
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n",
    );
    out.push_str(&format!(
        "  <title>{}</title>\n  <id>{}</id>\n  <link rel=\"self\" href=\"{}\"/>\n  <updated>{}</updated>\n",
        xml(title),
        xml(self_url),
        xml(self_url),
        rfc3339(entries.first().map(|e| e.updated).unwrap_or(0))
    ));
    for e in entries {
        out.push_str(&format!(
            "  <entry>\n    <title>{}</title>\n    <id>{}</id>\n    <link href=\"{}\"/>\n    <updated>{}</updated>\n    <author><name>{}</name></author>\n",
            xml(e.title),
            xml(&e.id),
            xml(&e.link),
            rfc3339(e.updated),
            xml(e.author),
        ));
        if let Some(summary) = e.summary {
            out.push_str(&format!("    <summary>{}</summary>\n", xml(summary)));
        }
        out.push_str("  </entry>\n");
    }
    out.push_str("</feed>\n");
    (
        [
            (header::CONTENT_TYPE, "application/atom+xml; charset=utf-8"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        out,
    )
        .into_response()
}
