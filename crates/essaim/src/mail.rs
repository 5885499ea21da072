//! Mail coming in, on the binary's side: the one sink both ways in share,
//! the SMTP listener started with the server, and `essaim mail-in`.

use std::net::SocketAddr;
use std::sync::Arc;

use essaim_mail::inbound::{Envelope, MailSink};
use essaim_mail::listener::{self, ListenerConfig};
use essaim_mail::mail_in::{self, MailInExit};
use essaim_web::AppState;
use tokio::sync::Notify;

use crate::config::Config;
use crate::server;

/// What takes the mail of both transports (the listener and `mail-in`):
/// the discussions' sink, which routes each message to its group.
pub fn mail_sink(state: &AppState) -> Arc<dyn MailSink> {
    Arc::new(essaim_web::DiscussionsSink::new(state.clone()))
}

/// The listener's settings derived from the configuration.
pub fn listener_config(config: &Config) -> ListenerConfig {
    ListenerConfig {
        hostname: config
            .base_url
            .host_str()
            .unwrap_or(&config.mail_domain)
            .to_string(),
        tls: config.smtp_tls.clone(),
        ..ListenerConfig::default()
    }
}

/// Starts the SMTP listener when `ESSAIM_SMTP_LISTEN` asks for it; returns
/// the address it listens on. It stops with `shutdown`.
pub async fn start_listener(
    config: &Config,
    state: &AppState,
    shutdown: Arc<Notify>,
) -> anyhow::Result<Option<SocketAddr>> {
    let Some(addr) = config.smtp_listen else {
        return Ok(None);
    };
    let socket = match tokio::net::TcpListener::bind(addr).await {
        Ok(socket) => socket,
        Err(e) if !config.smtp_listen_required => {
            tracing::warn!(%addr, error = %e, "SMTP listener not started");
            return Ok(None);
        }
        Err(e) => {
            return Err(anyhow::anyhow!(
                "ESSAIM_SMTP_LISTEN: cannot listen on {addr}: {e}"
            ))
        }
    };
    let local = socket.local_addr()?;
    let sink = mail_sink(state);
    let settings = listener_config(config);
    tokio::spawn(async move {
        if let Err(e) = listener::serve(socket, settings, sink, shutdown).await {
            tracing::error!(error = %e, "SMTP listener stopped with an error");
        }
    });
    tracing::info!(address = %local, "SMTP listener is taking mail");
    Ok(Some(local))
}

/// `essaim mail-in` ended with this exit code (sysexits); `main` exits
/// with it.
#[derive(Debug)]
pub struct MailInFailed(pub MailInExit);

impl std::fmt::Display for MailInFailed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "mail-in: {}", self.0.message)
    }
}

impl std::error::Error for MailInFailed {}

/// Reads one message on standard input and hands it to [`mail_sink`].
pub async fn mail_in(
    config: &Config,
    recipients: Vec<String>,
    sender: Option<String>,
) -> Result<(), MailInFailed> {
    // The database being out of reach is a reason to try again later.
    let tempfail = |e: anyhow::Error| {
        MailInFailed(MailInExit {
            code: mail_in::EX_TEMPFAIL,
            message: format!("try again later: {e:#}"),
        })
    };
    let store = server::open_store(config).await.map_err(tempfail)?;
    let state = server::app_state(config, store, Arc::new(Notify::new()))
        .await
        .map_err(tempfail)?;
    let envelope = Envelope {
        mail_from: sender.filter(|s| !s.is_empty() && s != "<>"),
        recipients,
    };
    let sink = mail_sink(&state);
    let max = essaim_mail::incoming::MAX_MESSAGE_BYTES;
    // Standard input is read whole first (tokio's async stdin is a thread
    // underneath anyway); one byte more than the limit tells "too large".
    let read = tokio::task::spawn_blocking(move || {
        use std::io::Read;
        let mut raw = Vec::new();
        std::io::stdin()
            .lock()
            .take(max as u64 + 1)
            .read_to_end(&mut raw)
            .map(|_| raw)
    })
    .await;
    let raw = match read {
        Ok(Ok(raw)) => raw,
        Ok(Err(e)) => {
            return Err(MailInFailed(MailInExit {
                code: mail_in::EX_IOERR,
                message: format!("cannot read the message: {e}"),
            }))
        }
        Err(e) => {
            return Err(MailInFailed(MailInExit {
                code: mail_in::EX_IOERR,
                message: format!("cannot read the message: {e}"),
            }))
        }
    };
    let exit = mail_in::deliver_stdin(&raw[..], envelope, sink.as_ref(), max).await;
    if exit.code == mail_in::EX_OK {
        Ok(())
    } else {
        Err(MailInFailed(exit))
    }
}
