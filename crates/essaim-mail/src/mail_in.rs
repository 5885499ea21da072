//! `essaim mail-in`: one message on standard input, as a Postfix or Exim
//! `pipe` transport hands it, given to the same [`MailSink`] as the SMTP
//! listener. The exit code tells the MTA what to do (sysexits.h): bounce
//! for good (65, 67) or keep the message and try again later (75, 74).

use tokio::io::{AsyncRead, AsyncReadExt};

use crate::inbound::{DeliveryError, Envelope, MailSink};

/// Taken.
pub const EX_OK: u8 = 0;
/// Called wrongly: no recipient given nor found in the message.
pub const EX_USAGE: u8 = 64;
/// The message is refused for good (too large, not mail, refused by the sink).
pub const EX_DATAERR: u8 = 65;
/// Nobody here by that address.
pub const EX_NOUSER: u8 = 67;
/// Standard input could not be read.
pub const EX_IOERR: u8 = 74;
/// Try again later (the database is down…).
pub const EX_TEMPFAIL: u8 = 75;

/// How one delivery ended: the exit code and a line for the MTA's log
/// (printed on standard error, which Postfix quotes in its bounce).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MailInExit {
    /// A sysexits code.
    pub code: u8,
    /// Why, in one line.
    pub message: String,
}

impl MailInExit {
    fn new(code: u8, message: impl Into<String>) -> Self {
        MailInExit {
            code,
            message: message.into(),
        }
    }
}

/// The address the MTA delivered to, read from the headers it adds
/// (`X-Original-To` by Postfix, `Delivered-To` by Postfix and Exim), for
/// when no `--recipient` is given.
pub fn recipient_from_headers(raw: &[u8]) -> Option<String> {
    let message = mail_parser::MessageParser::default().parse_headers(raw)?;
    ["X-Original-To", "Delivered-To", "Envelope-To"]
        .iter()
        .find_map(|name| {
            message
                .header(*name)
                .and_then(|v| v.as_text())
                .map(|v| v.trim().trim_matches(['<', '>']).to_lowercase())
                .filter(|v| v.contains('@'))
        })
}

/// Reads one message from `reader` (at most `max_bytes`) and delivers it
/// to `sink` for `envelope`'s recipients, or, when it has none, for the
/// address found by [`recipient_from_headers`].
pub async fn deliver_stdin<R: AsyncRead + Unpin>(
    reader: R,
    mut envelope: Envelope,
    sink: &dyn MailSink,
    max_bytes: usize,
) -> MailInExit {
    let mut raw = Vec::new();
    let limit = u64::try_from(max_bytes)
        .unwrap_or(u64::MAX)
        .saturating_add(1);
    if let Err(e) = reader.take(limit).read_to_end(&mut raw).await {
        return MailInExit::new(EX_IOERR, format!("cannot read the message: {e}"));
    }
    if raw.len() > max_bytes {
        return MailInExit::new(EX_DATAERR, format!("message larger than {max_bytes} bytes"));
    }
    // Postfix (flag F) and Exim may put an mbox "From " line first.
    if raw.starts_with(b"From ") {
        let end = raw
            .iter()
            .position(|b| *b == b'\n')
            .map_or(raw.len(), |i| i + 1);
        raw.drain(..end);
    }
    if raw.iter().all(|b| b.is_ascii_whitespace()) {
        return MailInExit::new(EX_DATAERR, "empty message");
    }
    if envelope.recipients.is_empty() {
        match recipient_from_headers(&raw) {
            Some(address) => envelope.recipients.push(address),
            None => {
                return MailInExit::new(
                    EX_USAGE,
                    "no recipient: pass --recipient or let the MTA add X-Original-To",
                )
            }
        }
    }
    let mut accepted = Vec::new();
    let mut unknown = Vec::new();
    for address in &envelope.recipients {
        let address = address.trim().trim_matches(['<', '>']).to_lowercase();
        match sink.accepts(&address).await {
            Ok(true) => accepted.push(address),
            Ok(false) | Err(DeliveryError::UnknownRecipient(_)) => unknown.push(address),
            Err(DeliveryError::Temporary(reason)) => {
                return MailInExit::new(EX_TEMPFAIL, format!("try again later: {reason}"))
            }
            Err(DeliveryError::Rejected(reason)) => {
                return MailInExit::new(EX_DATAERR, format!("refused: {reason}"))
            }
        }
    }
    if accepted.is_empty() {
        return MailInExit::new(
            EX_NOUSER,
            format!("no such recipient: {}", unknown.join(", ")),
        );
    }
    envelope.recipients = accepted;
    match sink.deliver(&envelope, &raw).await {
        Ok(()) => MailInExit::new(EX_OK, "delivered"),
        Err(DeliveryError::Temporary(reason)) => {
            MailInExit::new(EX_TEMPFAIL, format!("try again later: {reason}"))
        }
        Err(DeliveryError::UnknownRecipient(address)) => {
            MailInExit::new(EX_NOUSER, format!("no such recipient: {address}"))
        }
        Err(DeliveryError::Rejected(reason)) => {
            MailInExit::new(EX_DATAERR, format!("refused: {reason}"))
        }
    }
}
