//! Reading one received message: its headers, what the person wrote, its
//! attachments, and whether a machine sent it.
//!
//! The web layer decides what a message does (a new topic, a reply, a
//! command); this module only says what the message is.

use mail_parser::{HeaderValue, MessageParser, MimeHeaders};

/// Largest message accepted, in bytes (the SMTP listener announces it).
pub const MAX_MESSAGE_BYTES: usize = 25 * 1024 * 1024;

/// One received message, read.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Incoming {
    /// `Message-ID`, without the angle brackets.
    pub message_id: Option<String>,
    /// The sender's address (`From`), lower-cased.
    pub from_address: Option<String>,
    /// The sender's display name, if given.
    pub from_name: Option<String>,
    /// `Subject`, decoded (empty when missing).
    pub subject: String,
    /// `In-Reply-To` ids, without angle brackets.
    pub in_reply_to: Vec<String>,
    /// `References` ids, without angle brackets, oldest first.
    pub references: Vec<String>,
    /// `Date`, in Unix seconds.
    pub date: Option<i64>,
    /// Why a machine sent it (an automatic reply, a list, a loop of ours),
    /// when it did: such a message is never posted.
    pub automatic: Option<String>,
    /// What the person wrote, as Markdown (HTML-only messages converted),
    /// with quoted text and signatures removed.
    pub body: String,
    /// What was removed from the body (quotes, signatures), kept so that it
    /// can be shown behind a link.
    pub trimmed: String,
    /// Files attached.
    pub attachments: Vec<Attachment>,
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

/// Reads a raw message.
pub fn parse(raw: &[u8]) -> Result<Incoming, ParseError> {
    if raw.len() > MAX_MESSAGE_BYTES {
        return Err(ParseError::TooLarge);
    }
    let message = MessageParser::default()
        .parse(raw)
        .ok_or(ParseError::Malformed)?;
    let from = message.from().and_then(|a| a.first());
    let body = message
        .body_text(0)
        .map(|t| t.into_owned())
        .unwrap_or_default();
    let attachments = message
        .attachments()
        .map(|part| Attachment {
            filename: part.attachment_name().unwrap_or("piece-jointe").to_string(),
            content_type: part
                .content_type()
                .map(|c| match c.subtype() {
                    Some(sub) => format!("{}/{}", c.ctype(), sub),
                    None => c.ctype().to_string(),
                })
                .unwrap_or_else(|| "application/octet-stream".into()),
            data: part.contents().to_vec(),
        })
        .collect();
    Ok(Incoming {
        message_id: message.message_id().map(str::to_string),
        from_address: from.and_then(|a| a.address()).map(|a| a.to_lowercase()),
        from_name: from.and_then(|a| a.name()).map(str::to_string),
        subject: message.subject().unwrap_or_default().to_string(),
        in_reply_to: id_list(message.in_reply_to()),
        references: id_list(message.references()),
        date: message.date().map(|d| d.to_timestamp()),
        automatic: None,
        body: body.trim().to_string(),
        trimmed: String::new(),
        attachments,
    })
}
