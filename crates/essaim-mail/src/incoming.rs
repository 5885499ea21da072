//! Reading one received message: its headers, what the person wrote, its
//! attachments, and whether a machine sent it.
//!
//! The web layer decides what a message does (a new topic, a reply, a
//! command); this module only says what the message is.

use mail_parser::{HeaderValue, Message, MessageParser, MimeHeaders, PartType};

mod charset;
mod dom;
pub mod html;
pub mod machine;
pub mod patterns;
pub mod trim;

pub use machine::{DeliveryReport, LOOP_HEADER};
pub use trim::{trim_reply, Trimmed};

/// Inline images at most this large, shown by a `cid:` reference outside
/// what the person wrote (a signature's logo, an icon of the quoted
/// message), are not kept as attachments.
const SIGNATURE_IMAGE_BYTES: usize = 16 * 1024;

/// Largest quoted history kept in [`Incoming::trimmed`], in bytes: a
/// short reply may carry megabytes of older messages, which are never
/// shown whole. Longer history is cut at a character boundary and ends
/// with the line [`TRIMMED_SHORTENED`].
pub const TRIMMED_MAX_BYTES: usize = 256 * 1024;

/// The last line of a history cut at [`TRIMMED_MAX_BYTES`].
pub const TRIMMED_SHORTENED: &str = "[…]";

/// Largest message accepted, in bytes (the SMTP listener announces it).
pub const MAX_MESSAGE_BYTES: usize = 25 * 1024 * 1024;

/// One received message, read.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Incoming {
    /// `Message-ID`, without the angle brackets.
    pub message_id: Option<String>,
    /// The sender's address (`From`), lower-cased.
    pub from_address: Option<String>,
    /// The sender's display name, if given (8-bit Latin-1 in the header
    /// read as windows-1252).
    pub from_name: Option<String>,
    /// `Subject`, decoded (empty when missing; 8-bit Latin-1 read as
    /// windows-1252).
    pub subject: String,
    /// `In-Reply-To` ids, without angle brackets.
    pub in_reply_to: Vec<String>,
    /// `References` ids, without angle brackets, oldest first.
    pub references: Vec<String>,
    /// `Date`, in Unix seconds.
    pub date: Option<i64>,
    /// Why a machine sent it (an automatic reply, a loop of ours, a
    /// delivery report), when it did: such a message is never posted. A
    /// person's message forwarded from another list is not one (see
    /// [`machine`] for exactly what counts).
    pub automatic: Option<String>,
    /// What the person wrote, as Markdown (HTML-only messages converted),
    /// with quoted text and signatures removed. When they answered between
    /// quoted lines, the lines they answer stay as `> …` quotes, each right
    /// above its answer.
    pub body: String,
    /// What was removed from the body (quotes, signatures), kept so that it
    /// can be shown behind a link; at most [`TRIMMED_MAX_BYTES`].
    pub trimmed: String,
    /// Files attached.
    pub attachments: Vec<Attachment>,
    /// A delivery failure report (a bounce), when this is one; such a
    /// message is `automatic` too.
    pub delivery_report: Option<DeliveryReport>,
    /// Whether the body came from an HTML-only message (converted).
    pub from_html: bool,
    /// `To` and `Cc` addresses, lower-cased.
    pub to: Vec<String>,
    /// Where the sending server delivered it (`X-Original-To`, then
    /// `Delivered-To`), lower-cased: the recipient when no envelope is known.
    pub delivered_to: Option<String>,
}

/// One attached file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attachment {
    /// File name as given (or a made-up one).
    pub filename: String,
    /// MIME type, e.g. `image/png`.
    pub content_type: String,
    /// The decoded content.
    pub data: Vec<u8>,
}

/// Why a message cannot be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ParseError {
    /// Larger than [`MAX_MESSAGE_BYTES`].
    #[error("message too large")]
    TooLarge,
    /// Not a message at all.
    #[error("not an email message")]
    Malformed,
}

fn id_list(value: &HeaderValue<'_>) -> Vec<String> {
    let clean = |s: &str| {
        s.trim()
            .trim_start_matches('<')
            .trim_end_matches('>')
            .to_string()
    };
    match value {
        HeaderValue::Text(t) => vec![clean(t)],
        HeaderValue::TextList(list) => list.iter().map(|t| clean(t)).collect(),
        _ => Vec::new(),
    }
}

/// The text of a message as the person sent it: the plain part when there
/// is one worth reading, else the HTML part turned into Markdown.
struct Body {
    text: String,
    history: String,
    from_html: bool,
    own_cids: Vec<String>,
}

fn read_body(message: &Message<'_>) -> Body {
    let plain = message.text_bodies().find_map(|part| match &part.body {
        PartType::Text(t) if !t.trim().is_empty() => Some(charset::part_text(message, part, t)),
        _ => None,
    });
    if let Some(text) = plain {
        return Body {
            text,
            history: String::new(),
            from_html: false,
            own_cids: Vec::new(),
        };
    }
    let html = message
        .html_bodies()
        .chain(message.text_bodies())
        .find_map(|part| match &part.body {
            PartType::Html(h) => Some(charset::part_text(message, part, h)),
            _ => None,
        });
    match html {
        Some(html) => {
            let converted = html::to_markdown(&html);
            Body {
                text: converted.markdown,
                history: converted.history,
                from_html: true,
                own_cids: converted.own_cids,
            }
        }
        None => Body {
            text: String::new(),
            history: String::new(),
            from_html: false,
            own_cids: Vec::new(),
        },
    }
}

fn content_type(part: &mail_parser::MessagePart<'_>) -> String {
    part.content_type()
        .map(|c| match c.subtype() {
            Some(sub) => format!("{}/{}", c.ctype(), sub),
            None => c.ctype().to_string(),
        })
        .unwrap_or_else(|| "application/octet-stream".into())
        .to_ascii_lowercase()
}

fn attachments(message: &Message<'_>, html_body: bool, own_cids: &[String]) -> Vec<Attachment> {
    let mut kept = Vec::new();
    for (n, part) in message.attachments().enumerate() {
        let content_type = content_type(part);
        if let Some(cid) = part.content_id() {
            let cid = cid.trim().trim_start_matches('<').trim_end_matches('>');
            let shown_by_person = own_cids.iter().any(|c| c == cid);
            let inline = part
                .content_disposition()
                .is_none_or(|d| !d.is_attachment());
            // A small inline image the person did not put in their words:
            // a logo of a signature or of the quoted message.
            if html_body
                && inline
                && content_type.starts_with("image/")
                && !shown_by_person
                && part.contents().len() <= SIGNATURE_IMAGE_BYTES
            {
                continue;
            }
        }
        let data = match &part.body {
            PartType::Message(inner) => inner.raw_message().to_vec(),
            _ => part.contents().to_vec(),
        };
        let filename = part
            .attachment_name()
            .map(str::to_string)
            .unwrap_or_else(|| {
                let ext = content_type
                    .split('/')
                    .nth(1)
                    .filter(|e| e.len() <= 5 && e.bytes().all(|b| b.is_ascii_alphanumeric()))
                    .map(|e| if e == "rfc822" { "eml" } else { e })
                    .unwrap_or("bin");
                format!("piece-jointe-{}.{ext}", n + 1)
            });
        kept.push(Attachment {
            filename,
            content_type,
            data,
        });
    }
    kept
}

fn addresses(value: Option<&mail_parser::Address<'_>>) -> Vec<String> {
    value
        .map(|a| {
            a.iter()
                .filter_map(|a| a.address())
                .map(|a| a.to_lowercase())
                .collect()
        })
        .unwrap_or_default()
}

/// A sender's display name, read again from the header's bytes when it
/// lost its accents (8-bit Latin-1 in the header).
fn from_name_text(message: &Message<'_>, decoded: &str) -> String {
    let name = if decoded.contains('\u{fffd}') {
        charset::raw_header(message, "From")
            .map(|raw| {
                let name = raw.split('<').next().unwrap_or("");
                name.trim().trim_matches('"').trim().to_string()
            })
            .filter(|n| !n.is_empty())
            .unwrap_or_else(|| decoded.to_string())
    } else {
        decoded.to_string()
    };
    name.trim().to_string()
}

/// `text` cut to [`TRIMMED_MAX_BYTES`] at a character boundary, ending
/// with the line [`TRIMMED_SHORTENED`] when it was cut.
fn capped(mut text: String) -> String {
    if text.len() <= TRIMMED_MAX_BYTES {
        return text;
    }
    let room = TRIMMED_MAX_BYTES - TRIMMED_SHORTENED.len() - 1;
    let mut end = room;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    text.truncate(end);
    text.push('\n');
    text.push_str(TRIMMED_SHORTENED);
    text
}

/// Reads arbitrary bytes as a message and trims them, for the fuzz target
/// `mime`: it must never panic, whatever it is given.
pub fn fuzz_one(raw: &[u8]) {
    if let Ok(message) = parse(raw) {
        trim::fuzz_one(&message.body);
    }
    if let Ok(text) = std::str::from_utf8(raw) {
        let _ = html::to_markdown(text);
    }
}

/// Reads a raw message.
pub fn parse(raw: &[u8]) -> Result<Incoming, ParseError> {
    if raw.len() > MAX_MESSAGE_BYTES {
        return Err(ParseError::TooLarge);
    }
    let message = MessageParser::default()
        .parse(raw)
        .ok_or(ParseError::Malformed)?;
    if message.headers().is_empty() {
        return Err(ParseError::Malformed);
    }
    let from = message.from().and_then(|a| a.first());
    let report = machine::delivery_report(&message);
    let body = read_body(&message);
    let subject = charset::header_text(&message, "Subject", message.subject().unwrap_or_default())
        .trim()
        .to_string();
    let from_name = from
        .and_then(|a| a.name())
        .map(|n| from_name_text(&message, n))
        .filter(|n| !n.is_empty());
    // A forward's pasted message is what the person means to pass on.
    let forward = trim::is_forward_subject(&subject);
    let split = if forward {
        let mut text = body.text.clone();
        if !body.history.is_empty() {
            text.push_str("\n\n");
            text.push_str(&body.history);
        }
        trim::keep_forward(&text)
    } else {
        trim::trim_reply_signed(&body.text, from_name.as_deref())
    };
    // An absence notice is told by what its sender wrote, quotes aside.
    let automatic = machine::automatic_reason_with_body(&message, report.as_ref(), &split.body);
    let mut trimmed = split.trimmed;
    if !body.history.is_empty() && !forward {
        if !trimmed.is_empty() {
            trimmed.push_str("\n\n");
        }
        trimmed.push_str(&body.history);
    }
    let mut to = addresses(message.to());
    to.extend(addresses(message.cc()));
    let delivered_to = ["X-Original-To", "Delivered-To"].iter().find_map(|name| {
        message
            .header(*name)
            .and_then(|v| v.as_text())
            .or_else(|| message.header_raw(*name))
            .map(|v| v.trim().trim_matches(['<', '>']).to_lowercase())
            .filter(|v| v.contains('@'))
    });
    Ok(Incoming {
        message_id: message.message_id().map(str::to_string),
        from_address: from.and_then(|a| a.address()).map(|a| a.to_lowercase()),
        from_name,
        subject,
        in_reply_to: id_list(message.in_reply_to()),
        references: id_list(message.references()),
        date: message.date().map(|d| d.to_timestamp()),
        automatic,
        body: split.body,
        trimmed: capped(trimmed),
        attachments: attachments(&message, body.from_html, &body.own_cids),
        delivery_report: report,
        from_html: body.from_html,
        to,
        delivered_to,
    })
}
