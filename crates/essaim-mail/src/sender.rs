//! Handing a message to the SMTP server (`ESSAIM_SMTP_URL`).

use lettre::address::Envelope;
use lettre::{AsyncSmtpTransport, AsyncTransport, Tokio1Executor};

/// Why sending failed, split the way the outbox needs it.
#[derive(Debug, thiserror::Error)]
pub enum SendError {
    /// Worth trying again later (network down, 4xx reply).
    #[error("temporary: {0}")]
    Temporary(String),
    /// The server refused for good (5xx reply, bad address).
    #[error("permanent: {0}")]
    Permanent(String),
}

/// An SMTP client for one server.
#[derive(Clone)]
pub struct SmtpSender {
    transport: AsyncSmtpTransport<Tokio1Executor>,
}

impl std::fmt::Debug for SmtpSender {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SmtpSender")
    }
}

impl SmtpSender {
    /// Builds a client from `smtp://host:port` (STARTTLS only if
    /// `?tls=required`/`opportunistic`) or `smtps://host:port` (TLS),
    /// with optional `user:password@`.
    pub fn from_url(url: &str) -> Result<Self, String> {
        let parsed = url::Url::parse(url).map_err(|e| e.to_string())?;
        if !matches!(parsed.scheme(), "smtp" | "smtps") {
            return Err("the URL must start with smtp:// or smtps://".into());
        }
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
            .map_err(|e| e.to_string())?
            .timeout(Some(std::time::Duration::from_secs(60)))
            .build();
        Ok(Self { transport })
    }

    /// Sends one raw message from `from` to `to`.
    pub async fn send(&self, from: &str, to: &str, raw: &[u8]) -> Result<(), SendError> {
        let from = from
            .parse()
            .map_err(|e| SendError::Permanent(format!("sender address: {e}")))?;
        let to = to
            .parse()
            .map_err(|e| SendError::Permanent(format!("recipient address: {e}")))?;
        let envelope = Envelope::new(Some(from), vec![to])
            .map_err(|e| SendError::Permanent(format!("envelope: {e}")))?;
        match self.transport.send_raw(&envelope, raw).await {
            Ok(_) => Ok(()),
            Err(e) if e.is_permanent() => Err(SendError::Permanent(e.to_string())),
            Err(e) => Err(SendError::Temporary(e.to_string())),
        }
    }
}
