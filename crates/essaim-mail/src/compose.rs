//! Building one multipart (text + HTML) message.

use essaim_store::outbox::OutgoingEmail;
use mail_builder::headers::address::Address;
use mail_builder::headers::raw::Raw;
use mail_builder::MessageBuilder;

/// What every message of the instance shares.
#[derive(Debug, Clone)]
pub struct MailConfig {
    /// The instance's name, shown as the sender's name.
    pub instance_name: String,
    /// The sender address (`ESSAIM_MAIL_FROM`).
    pub from: String,
    /// The domain of `Message-ID`s and group addresses (`ESSAIM_MAIL_DOMAIN`).
    pub domain: String,
}

/// One message to compose.
#[derive(Debug, Clone, Default)]
pub struct Compose {
    /// Why it is sent (`verify`, `magic_link`…).
    pub kind: String,
    /// Recipient address.
    pub to: String,
    /// Recipient name, if known.
    pub to_name: Option<String>,
    /// Subject, already translated.
    pub subject: String,
    /// Plain-text body.
    pub text: String,
    /// HTML body (a whole document).
    pub html: String,
    /// Extra headers (name, value), e.g. `Auto-Submitted`.
    pub headers: Vec<(String, String)>,
    /// A `Message-ID` of the caller's (without angle brackets), stable for
    /// what the message is about (a post); a fresh one when `None`.
    pub message_id: Option<String>,
    /// `Reply-To` address, if replies go elsewhere than the sender.
    pub reply_to: Option<String>,
    /// `In-Reply-To` and `References` ids (without angle brackets), oldest
    /// first; the last one is the `In-Reply-To`.
    pub references: Vec<String>,
    /// The envelope sender (where bounces go), when not `MailConfig::from`.
    pub envelope_from: Option<String>,
    /// Files attached after the text and HTML parts.
    pub attachments: Vec<ComposeAttachment>,
    /// The sender's display name, when not the instance's (a list message
    /// shows "Gus via Jardins partagés").
    pub from_name: Option<String>,
}

/// A file attached to a composed message.
#[derive(Debug, Clone, Default)]
pub struct ComposeAttachment {
    /// MIME type, parameters allowed (`text/calendar; method=REQUEST`).
    pub content_type: String,
    /// File name shown to the recipient.
    pub filename: String,
    /// The content.
    pub data: Vec<u8>,
}

/// Builds the MIME message with a fresh `Message-ID` and the `Date` of `now`.
pub fn compose(config: &MailConfig, mail: Compose, now: i64) -> std::io::Result<OutgoingEmail> {
    let message_id = mail
        .message_id
        .clone()
        .unwrap_or_else(|| format!("{}@{}", essaim_store::random_token(16), config.domain));
    let from_name = mail
        .from_name
        .clone()
        .unwrap_or_else(|| config.instance_name.clone());
    let from = Address::new_address(Some(from_name), config.from.clone());
    let to = Address::new_address(mail.to_name.clone(), mail.to.clone());
    let mut builder = MessageBuilder::new()
        .from(from)
        .to(to)
        .subject(mail.subject.clone())
        .message_id(message_id.clone())
        .date(now)
        .text_body(mail.text.clone())
        .html_body(mail.html.clone());
    if let Some(reply_to) = &mail.reply_to {
        builder = builder.reply_to(Address::new_address(None::<String>, reply_to.clone()));
    }
    if let Some(parent) = mail.references.last() {
        builder = builder
            .in_reply_to(parent.clone())
            .references(mail.references.clone());
    }
    for file in &mail.attachments {
        builder = builder.attachment(
            file.content_type.clone(),
            file.filename.clone(),
            file.data.clone(),
        );
    }
    // Every message of the instance says where it comes from: one that
    // comes back (an auto-reply forwarded, a list looping) is recognised by
    // this header and never taken as someone's message.
    builder = builder.header(
        crate::incoming::LOOP_HEADER,
        Raw::new(config.domain.clone()),
    );
    for (name, value) in &mail.headers {
        builder = builder.header(name.clone(), Raw::new(value.clone()));
    }
    let raw = builder.write_to_vec()?;
    Ok(OutgoingEmail {
        kind: mail.kind,
        message_id,
        from: mail.envelope_from.unwrap_or_else(|| config.from.clone()),
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        raw,
    })
}
