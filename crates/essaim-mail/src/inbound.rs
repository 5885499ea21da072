//! Mail coming in: what the two transports (the SMTP listener and
//! `essaim mail-in`) hand to the application, and the one trait the
//! application implements to take it.
//!
//! The transports only speak SMTP or read standard input; every decision
//! (which group, which topic, who is writing) is the [`MailSink`]'s, so both
//! ways in behave the same.

use std::future::Future;
use std::pin::Pin;

/// The SMTP envelope of one message.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Envelope {
    /// The return path (`MAIL FROM`); `None` for the null sender `<>`
    /// (bounces and other automatic notices).
    pub mail_from: Option<String>,
    /// The accepted recipients (`RCPT TO`), lower-cased.
    pub recipients: Vec<String>,
}

/// Why a message was not taken, so each transport answers the sending
/// server the right way.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DeliveryError {
    /// Try again later (SMTP 451; `mail-in` exits 75, `EX_TEMPFAIL`).
    #[error("temporary failure: {0}")]
    Temporary(String),
    /// Nobody here by that address (SMTP 550; `mail-in` exits 67, `EX_NOUSER`).
    #[error("unknown recipient: {0}")]
    UnknownRecipient(String),
    /// The message itself is refused for good (SMTP 554; `mail-in` exits 65,
    /// `EX_DATAERR`).
    #[error("rejected: {0}")]
    Rejected(String),
}

/// The future a [`MailSink`] returns.
pub type SinkFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// Takes mail for the instance. The web layer implements it (replies and
/// refusals are written from its templates); both transports call it.
pub trait MailSink: Send + Sync {
    /// Whether mail for `address` is taken here; asked at `RCPT TO`, so an
    /// unknown recipient is refused during the dialogue and no bounce is
    /// ever sent to a forged sender.
    fn accepts<'a>(&'a self, address: &'a str) -> SinkFuture<'a, Result<bool, DeliveryError>>;

    /// Takes one whole message (`raw` as received, headers and body) for
    /// the envelope's recipients, every one of them already accepted.
    fn deliver<'a>(
        &'a self,
        envelope: &'a Envelope,
        raw: &'a [u8],
    ) -> SinkFuture<'a, Result<(), DeliveryError>>;
}

/// The instance's own addresses, as read from a recipient.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LocalAddress {
    /// `{slug}@domain` (no tag) or `{slug}+{tag}@domain`: a group's address;
    /// the tag is a per-recipient reply key, `subscribe` or `unsubscribe`.
    Group {
        /// The group's short name.
        slug: String,
        /// What follows the `+`, if anything.
        tag: Option<String>,
    },
    /// `bounces+{key}@domain`: the return path (VERP) of one sent message,
    /// where delivery failures come back.
    Bounce {
        /// The per-message key.
        key: String,
    },
}

/// Reads `address` as one of the instance's own under `domain`; `None` when
/// it belongs to another domain or cannot be one of ours.
pub fn local_address(address: &str, domain: &str) -> Option<LocalAddress> {
    let address = address.trim().trim_start_matches('<').trim_end_matches('>');
    let (local, host) = address.rsplit_once('@')?;
    if !host.eq_ignore_ascii_case(domain) || local.is_empty() {
        return None;
    }
    let local = local.to_ascii_lowercase();
    let (name, tag) = match local.split_once('+') {
        Some((name, tag)) if !tag.is_empty() => (name.to_string(), Some(tag.to_string())),
        Some(_) => return None,
        None => (local, None),
    };
    let valid = |s: &str| {
        !s.is_empty()
            && s.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_')
    };
    if !valid(&name) || !tag.as_deref().is_none_or(valid) {
        return None;
    }
    match (name.as_str(), tag) {
        ("bounces", Some(key)) => Some(LocalAddress::Bounce { key }),
        ("bounces", None) => None,
        (_, tag) => Some(LocalAddress::Group { slug: name, tag }),
    }
}

/// The address of a group (`{slug}@domain`) or of one of its tags
/// (`{slug}+{tag}@domain`).
pub fn group_address(slug: &str, tag: Option<&str>, domain: &str) -> String {
    match tag {
        Some(tag) => format!("{slug}+{tag}@{domain}"),
        None => format!("{slug}@{domain}"),
    }
}

/// The return path that brings the failures of one message back
/// (`bounces+{key}@domain`).
pub fn bounce_address(key: &str, domain: &str) -> String {
    format!("bounces+{key}@{domain}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_group_tag_and_bounce_addresses() {
        let d = "essaim.test";
        assert_eq!(
            local_address("Jardins@Essaim.test", d),
            Some(LocalAddress::Group {
                slug: "jardins".into(),
                tag: None
            })
        );
        assert_eq!(
            local_address("<jardins+ab12cd@essaim.test>", d),
            Some(LocalAddress::Group {
                slug: "jardins".into(),
                tag: Some("ab12cd".into())
            })
        );
        assert_eq!(
            local_address("bounces+k9@essaim.test", d),
            Some(LocalAddress::Bounce { key: "k9".into() })
        );
        assert_eq!(local_address("jardins@other.test", d), None);
        assert_eq!(local_address("jardins+@essaim.test", d), None);
        assert_eq!(local_address("ja rdins@essaim.test", d), None);
        assert_eq!(local_address("bounces@essaim.test", d), None);
        assert_eq!(
            group_address("jardins", Some("subscribe"), d),
            "jardins+subscribe@essaim.test"
        );
        assert_eq!(bounce_address("k9", d), "bounces+k9@essaim.test");
    }
}
