//! The built-in SMTP listener: takes mail for the instance's addresses
//! straight from the sending servers.
//!
//! One task per connection. Unknown recipients are refused at `RCPT TO`
//! (asking [`MailSink::accepts`]), so no bounce is ever sent to a forged
//! sender; the whole message (dot-unstuffed, a `Received` trace line on
//! top) is handed to [`MailSink::deliver`] after `DATA`, and its answer
//! becomes the SMTP reply (451, 550 or 554).
//! Replies are written in batches when the client pipelines its commands.

use std::io;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use tokio::io::{AsyncBufReadExt, AsyncRead, AsyncWrite, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{Notify, Semaphore};
use tokio::task::JoinSet;
use tokio_rustls::rustls;
use tokio_rustls::TlsAcceptor;

use crate::inbound::{DeliveryError, Envelope, MailSink};
use crate::incoming::MAX_MESSAGE_BYTES;

/// A certificate and its private key, as PEM files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TlsFiles {
    /// The certificate chain (leaf first).
    pub cert: PathBuf,
    /// The private key (PKCS#8, PKCS#1 or SEC1).
    pub key: PathBuf,
}

/// How the listener behaves.
#[derive(Debug, Clone)]
pub struct ListenerConfig {
    /// The name given in the greeting and in `EHLO`'s answer.
    pub hostname: String,
    /// Largest message taken, in bytes (announced with `SIZE`).
    pub max_message_bytes: usize,
    /// Recipients per message.
    pub max_recipients: usize,
    /// Connections served at once; more are told to come back later.
    pub max_connections: usize,
    /// Longest wait for the client's next command or line.
    pub idle_timeout: Duration,
    /// Longest a whole connection may last.
    pub session_timeout: Duration,
    /// The certificate offered with `STARTTLS`, if any.
    pub tls: Option<TlsFiles>,
}

impl Default for ListenerConfig {
    fn default() -> Self {
        ListenerConfig {
            hostname: "localhost".into(),
            max_message_bytes: MAX_MESSAGE_BYTES,
            max_recipients: 100,
            max_connections: 200,
            // RFC 5321 asks servers to wait 5 minutes for a command.
            idle_timeout: Duration::from_secs(300),
            session_timeout: Duration::from_secs(30 * 60),
            tls: None,
        }
    }
}

/// Longest command line, CRLF included (RFC 5321 says 512; extensions
/// such as `SIZE` and long addresses make some clients send more).
const MAX_COMMAND_LINE: usize = 2048;
/// Wrong commands tolerated on one connection before it is closed.
const MAX_ERRORS: usize = 20;

/// Reads the certificate and key into a TLS acceptor (rustls with the
/// `ring` provider). Called once when the listener starts, so a bad file
/// is reported at start-up rather than at a client's `STARTTLS`.
pub fn tls_acceptor(files: &TlsFiles) -> io::Result<TlsAcceptor> {
    use rustls::pki_types::pem::PemObject;
    use rustls::pki_types::{CertificateDer, PrivateKeyDer};
    let bad = |what: &str, path: &PathBuf, e: &dyn std::fmt::Display| {
        io::Error::new(
            io::ErrorKind::InvalidData,
            format!("{what} {}: {e}", path.display()),
        )
    };
    let certs: Vec<CertificateDer<'static>> = CertificateDer::pem_file_iter(&files.cert)
        .map_err(|e| bad("certificate", &files.cert, &e))?
        .collect::<Result<_, _>>()
        .map_err(|e| bad("certificate", &files.cert, &e))?;
    if certs.is_empty() {
        return Err(bad("certificate", &files.cert, &"no certificate in file"));
    }
    let key = PrivateKeyDer::from_pem_file(&files.key).map_err(|e| bad("key", &files.key, &e))?;
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let config = rustls::ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| bad("certificate", &files.cert, &e))?
        .with_no_client_auth()
        .with_single_cert(certs, key)
        .map_err(|e| bad("key", &files.key, &e))?;
    Ok(TlsAcceptor::from(Arc::new(config)))
}

/// Serves SMTP on `listener` until `shutdown` is notified (either
/// `notify_one` or `notify_waiters`), then lets the open connections
/// finish their current exchange for up to 10 seconds.
pub async fn serve(
    listener: TcpListener,
    config: ListenerConfig,
    sink: Arc<dyn MailSink>,
    shutdown: Arc<Notify>,
) -> io::Result<()> {
    let tls = config.tls.as_ref().map(tls_acceptor).transpose()?;
    let shared = Arc::new(Shared { config, sink, tls });
    let slots = Arc::new(Semaphore::new(shared.config.max_connections.max(1)));
    let mut tasks = JoinSet::new();
    let stop = shutdown.notified();
    tokio::pin!(stop);
    stop.as_mut().enable();
    loop {
        tokio::select! {
            _ = &mut stop => break,
            accepted = listener.accept() => {
                let (stream, peer) = match accepted {
                    Ok(pair) => pair,
                    Err(e) => {
                        // Out of file descriptors and the like: wait, go on.
                        tracing::warn!(error = %e, "smtp: accept failed");
                        tokio::time::sleep(Duration::from_millis(100)).await;
                        continue;
                    }
                };
                let shared = shared.clone();
                let permit = slots.clone().try_acquire_owned();
                tasks.spawn(async move {
                    let Ok(_permit) = permit else {
                        let mut stream = stream;
                        // A courtesy before closing: if the client is
                        // already gone there is nobody left to tell.
                        if let Err(e) = stream.write_all(b"421 4.7.0 Too many connections, try again later\r\n").await {
                            tracing::debug!(%peer, error = %e, "smtp: refused connection already closed");
                        }
                        return;
                    };
                    if let Err(e) = connection(stream, &shared).await {
                        tracing::debug!(%peer, error = %e, "smtp: connection ended");
                    }
                });
            }
            Some(_) = tasks.join_next(), if !tasks.is_empty() => {}
        }
    }
    drop(listener);
    let grace = tokio::time::sleep(Duration::from_secs(10));
    tokio::pin!(grace);
    loop {
        tokio::select! {
            _ = &mut grace => { tasks.abort_all(); break; }
            next = tasks.join_next() => if next.is_none() { break },
        }
    }
    Ok(())
}

struct Shared {
    config: ListenerConfig,
    sink: Arc<dyn MailSink>,
    tls: Option<TlsAcceptor>,
}

/// One connection, from the greeting to `QUIT` (or a timeout).
async fn connection(stream: TcpStream, shared: &Shared) -> io::Result<()> {
    // Replies are written whole, once per batch: no need to wait for more.
    if let Err(e) = stream.set_nodelay(true) {
        tracing::debug!(error = %e, "smtp: TCP_NODELAY not set");
    }
    let total = shared.config.session_timeout;
    match tokio::time::timeout(total, run(stream, shared)).await {
        Ok(result) => result,
        Err(_) => Err(io::Error::new(io::ErrorKind::TimedOut, "session too long")),
    }
}

async fn run(stream: TcpStream, shared: &Shared) -> io::Result<()> {
    let peer = stream.peer_addr().ok();
    let mut session = Session::new(shared, shared.tls.is_some(), peer);
    let mut plain = BufReader::new(stream);
    session.reply(format!("220 {} ESMTP Essaim ready", shared.config.hostname));
    match session.dialogue(&mut plain).await? {
        End::Closed => Ok(()),
        End::StartTls => {
            let acceptor = shared
                .tls
                .clone()
                .ok_or_else(|| io::Error::other("no TLS"))?;
            let stream = plain.into_inner();
            let tls = tokio::time::timeout(shared.config.idle_timeout, acceptor.accept(stream))
                .await
                .map_err(|_| io::Error::new(io::ErrorKind::TimedOut, "TLS handshake"))??;
            // RFC 3207: everything known before TLS is forgotten.
            let mut session = Session::new(shared, false, peer);
            session.secure = true;
            let mut secure = BufReader::new(tls);
            match session.dialogue(&mut secure).await? {
                End::Closed | End::StartTls => Ok(()),
            }
        }
    }
}

/// A connection's stream: plain TCP, or TLS over it.
trait Stream: AsyncRead + AsyncWrite + Unpin + Send {
    /// Asks the kernel to acknowledge what arrives at once. A client that
    /// writes a message's last line in a write of its own (Nagle's
    /// algorithm on) otherwise waits for the delayed acknowledgement,
    /// 40 ms per message on Linux; Linux clears the mode, so it is set
    /// again before each read from the socket.
    fn quick_ack(&self);
}

fn quick_ack(tcp: &TcpStream) {
    #[cfg(any(target_os = "linux", target_os = "android"))]
    {
        // Only a hint to the kernel: a failure changes nothing else.
        let _ = socket2::SockRef::from(tcp).set_tcp_quickack(true);
    }
    #[cfg(not(any(target_os = "linux", target_os = "android")))]
    let _ = tcp;
}

impl Stream for TcpStream {
    fn quick_ack(&self) {
        quick_ack(self);
    }
}

impl Stream for tokio_rustls::server::TlsStream<TcpStream> {
    fn quick_ack(&self) {
        quick_ack(self.get_ref().0);
    }
}

enum End {
    Closed,
    StartTls,
}

/// What the client said so far in this connection.
struct Session<'a> {
    shared: &'a Shared,
    peer: Option<std::net::SocketAddr>,
    /// The name the client gave (`EHLO`/`HELO`), for the `Received` line.
    helo: String,
    greeted: bool,
    offer_tls: bool,
    secure: bool,
    mail_from: Option<Option<String>>,
    recipients: Vec<String>,
    errors: usize,
    out: Vec<u8>,
}

/// One command line, read.
enum Line {
    Text(String),
    TooLong,
    Eof,
}

impl<'a> Session<'a> {
    fn new(shared: &'a Shared, offer_tls: bool, peer: Option<std::net::SocketAddr>) -> Self {
        Session {
            shared,
            peer,
            helo: String::new(),
            greeted: false,
            offer_tls,
            secure: false,
            mail_from: None,
            recipients: Vec::new(),
            errors: 0,
            out: Vec::new(),
        }
    }

    fn reply(&mut self, line: impl AsRef<str>) {
        self.out.extend_from_slice(line.as_ref().as_bytes());
        self.out.extend_from_slice(b"\r\n");
    }

    fn reset(&mut self) {
        self.mail_from = None;
        self.recipients.clear();
    }

    async fn flush<S: AsyncWrite + Unpin>(&mut self, stream: &mut S) -> io::Result<()> {
        if !self.out.is_empty() {
            stream.write_all(&self.out).await?;
            stream.flush().await?;
            self.out.clear();
        }
        Ok(())
    }

    /// Reads one line of at most `max` bytes (the rest of a longer line is
    /// read and dropped), waiting at most the idle timeout.
    async fn read_line<S: Stream>(
        &self,
        reader: &mut BufReader<S>,
        buf: &mut Vec<u8>,
        max: usize,
    ) -> io::Result<Option<bool>> {
        buf.clear();
        let idle = self.shared.config.idle_timeout;
        let mut too_long = false;
        loop {
            if reader.buffer().is_empty() {
                reader.get_ref().quick_ack();
            }
            let available = match tokio::time::timeout(idle, reader.fill_buf()).await {
                Ok(result) => result?,
                Err(_) => return Err(io::Error::new(io::ErrorKind::TimedOut, "idle")),
            };
            if available.is_empty() {
                return Ok(if buf.is_empty() && !too_long {
                    None
                } else {
                    Some(too_long)
                });
            }
            let (chunk, done) = match available.iter().position(|b| *b == b'\n') {
                Some(i) => (&available[..=i], true),
                None => (available, false),
            };
            let len = chunk.len();
            if buf.len() + len > max {
                too_long = true;
                let room = max.saturating_sub(buf.len());
                buf.extend_from_slice(&chunk[..room.min(len)]);
            } else {
                buf.extend_from_slice(chunk);
            }
            reader.consume(len);
            if done {
                return Ok(Some(too_long));
            }
        }
    }

    async fn command<S: Stream>(&mut self, reader: &mut BufReader<S>) -> io::Result<Line> {
        // Pipelined commands are answered together: write only when the
        // client has nothing more waiting.
        if reader.buffer().is_empty() {
            self.flush(reader.get_mut()).await?;
        }
        let mut buf = Vec::new();
        match self.read_line(reader, &mut buf, MAX_COMMAND_LINE).await {
            Ok(None) => Ok(Line::Eof),
            Ok(Some(true)) => Ok(Line::TooLong),
            Ok(Some(false)) => {
                let text = String::from_utf8_lossy(&buf);
                Ok(Line::Text(text.trim_end_matches(['\r', '\n']).to_string()))
            }
            Err(e) if e.kind() == io::ErrorKind::TimedOut => {
                self.reply("421 4.4.2 Idle too long, closing connection");
                self.flush(reader.get_mut()).await?;
                Err(e)
            }
            Err(e) => Err(e),
        }
    }

    async fn dialogue<S: Stream>(&mut self, reader: &mut BufReader<S>) -> io::Result<End> {
        loop {
            let line = match self.command(reader).await? {
                Line::Eof => return Ok(End::Closed),
                Line::TooLong => {
                    self.error("500 5.5.2 Line too long");
                    if self.errors >= MAX_ERRORS {
                        return self.too_many_errors(reader).await;
                    }
                    continue;
                }
                Line::Text(line) => line,
            };
            let (verb, args) = match line.split_once(' ') {
                Some((verb, args)) => (verb.to_ascii_uppercase(), args.trim()),
                None => (line.trim().to_ascii_uppercase(), ""),
            };
            match verb.as_str() {
                "EHLO" | "HELO" if args.is_empty() => self.error("501 5.5.4 Say who you are"),
                "EHLO" => {
                    self.reset();
                    self.greeted = true;
                    self.helo = args.to_string();
                    let host = self.shared.config.hostname.clone();
                    self.reply(format!("250-{host} greets {args}"));
                    self.reply("250-PIPELINING");
                    self.reply(format!("250-SIZE {}", self.shared.config.max_message_bytes));
                    self.reply("250-8BITMIME");
                    self.reply("250-SMTPUTF8");
                    if self.offer_tls && !self.secure {
                        self.reply("250-STARTTLS");
                    }
                    self.reply("250 ENHANCEDSTATUSCODES");
                }
                "HELO" => {
                    self.reset();
                    self.greeted = true;
                    self.helo = args.to_string();
                    let host = self.shared.config.hostname.clone();
                    self.reply(format!("250 {host}"));
                }
                "STARTTLS" => {
                    if !self.offer_tls || self.secure {
                        self.error("502 5.5.1 TLS not available");
                    } else if !args.is_empty() {
                        self.error("501 5.5.4 No parameters allowed");
                    } else if !reader.buffer().is_empty() {
                        // Commands sent before the handshake could be
                        // injected by someone in the middle: refuse.
                        self.reply("554 5.5.0 Commands sent before TLS started");
                        self.flush(reader.get_mut()).await?;
                        return Ok(End::Closed);
                    } else {
                        self.reply("220 2.0.0 Ready to start TLS");
                        self.flush(reader.get_mut()).await?;
                        return Ok(End::StartTls);
                    }
                }
                "MAIL" => self.mail(args),
                "RCPT" => self.rcpt(args).await,
                "DATA" => {
                    if !args.is_empty() {
                        self.error("501 5.5.4 No parameters allowed");
                    } else if self.mail_from.is_none() {
                        self.error("503 5.5.1 MAIL first");
                    } else if self.recipients.is_empty() {
                        self.error("554 5.5.1 No valid recipients");
                    } else {
                        self.reply("354 End data with <CR><LF>.<CR><LF>");
                        self.flush(reader.get_mut()).await?;
                        match self.data(reader).await? {
                            Some(raw) => self.deliver(raw).await,
                            None => return Ok(End::Closed),
                        }
                    }
                }
                "RSET" => {
                    self.reset();
                    self.reply("250 2.0.0 Reset");
                }
                "NOOP" => self.reply("250 2.0.0 OK"),
                "QUIT" => {
                    self.reply("221 2.0.0 Goodbye");
                    self.flush(reader.get_mut()).await?;
                    return Ok(End::Closed);
                }
                "VRFY" | "EXPN" => self.reply("502 5.5.1 Not available here"),
                "HELP" => self.reply("214 2.0.0 See RFC 5321"),
                "BDAT" | "AUTH" | "ETRN" | "TURN" => self.error("502 5.5.1 Not implemented"),
                _ => self.error("500 5.5.2 Command not recognized"),
            }
            if self.errors >= MAX_ERRORS {
                return self.too_many_errors(reader).await;
            }
        }
    }

    fn error(&mut self, line: &str) {
        self.errors += 1;
        self.reply(line);
    }

    async fn too_many_errors<S: Stream>(&mut self, reader: &mut BufReader<S>) -> io::Result<End> {
        self.reply("421 4.7.0 Too many errors, closing connection");
        self.flush(reader.get_mut()).await?;
        Ok(End::Closed)
    }

    fn mail(&mut self, args: &str) {
        if !self.greeted {
            return self.error("503 5.5.1 EHLO first");
        }
        if self.mail_from.is_some() {
            return self.error("503 5.5.1 Sender already given");
        }
        let Some(rest) = strip_prefix_ci(args, "FROM:") else {
            return self.error("501 5.5.4 Syntax: MAIL FROM:<address>");
        };
        let Some((path, params)) = read_path(rest) else {
            return self.error("501 5.1.7 Bad sender address");
        };
        for param in params.split_whitespace() {
            let (key, value) = param.split_once('=').unwrap_or((param, ""));
            if key.eq_ignore_ascii_case("SIZE") {
                match value.parse::<u64>() {
                    Ok(size) if size > self.shared.config.max_message_bytes as u64 => {
                        return self.reply("552 5.3.4 Message too big");
                    }
                    Ok(_) => {}
                    Err(_) => return self.error("501 5.5.4 Bad SIZE"),
                }
            }
        }
        self.mail_from = Some((!path.is_empty()).then_some(path));
        self.reply("250 2.1.0 Sender OK");
    }

    async fn rcpt(&mut self, args: &str) {
        if self.mail_from.is_none() {
            return self.error("503 5.5.1 MAIL first");
        }
        let Some(rest) = strip_prefix_ci(args, "TO:") else {
            return self.error("501 5.5.4 Syntax: RCPT TO:<address>");
        };
        let Some((address, _params)) = read_path(rest).filter(|(a, _)| a.contains('@')) else {
            return self.error("501 5.1.3 Bad recipient address");
        };
        let address = address.to_lowercase();
        if self.recipients.contains(&address) {
            return self.reply("250 2.1.5 Recipient OK");
        }
        if self.recipients.len() >= self.shared.config.max_recipients {
            return self.reply("452 4.5.3 Too many recipients");
        }
        match self.shared.sink.accepts(&address).await {
            Ok(true) => {
                self.recipients.push(address);
                self.reply("250 2.1.5 Recipient OK");
            }
            Ok(false) | Err(DeliveryError::UnknownRecipient(_)) => {
                self.reply("550 5.1.1 No such recipient here")
            }
            Err(DeliveryError::Temporary(reason)) => {
                tracing::warn!(%reason, "smtp: recipient check failed");
                self.reply("451 4.3.0 Temporary failure, try again later")
            }
            Err(DeliveryError::Rejected(reason)) => {
                self.reply(format!("550 5.7.1 {}", one_line(&reason)))
            }
        }
    }

    /// Reads the message up to the lone dot, dot-unstuffed; `Ok(None)` when
    /// the client went away. A message over the limit is read to its end
    /// and refused with 552.
    async fn data<S: Stream>(
        &mut self,
        reader: &mut BufReader<S>,
    ) -> io::Result<Option<Option<Vec<u8>>>> {
        let max = self.shared.config.max_message_bytes;
        let mut raw = Vec::with_capacity(8 * 1024);
        let mut line = Vec::with_capacity(1024);
        let mut too_big = false;
        loop {
            // A line may be as long as what is left of the allowance (a
            // longer one is read to its end and dropped): a client cannot
            // make the listener hold more than the limit.
            let budget = if too_big { 8 } else { max - raw.len() + 3 };
            let read = match self.read_line(reader, &mut line, budget).await {
                Ok(read) => read,
                Err(e) if e.kind() == io::ErrorKind::TimedOut => {
                    self.reply("421 4.4.2 Idle too long, closing connection");
                    self.flush(reader.get_mut()).await?;
                    return Err(e);
                }
                Err(e) => return Err(e),
            };
            let Some(truncated) = read else {
                return Ok(None);
            };
            if !truncated && (line == b".\r\n" || line == b".\n") {
                break;
            }
            let content = if line.first() == Some(&b'.') {
                &line[1..]
            } else {
                &line[..]
            };
            if too_big || truncated || raw.len() + content.len() > max {
                too_big = true;
                raw = Vec::new();
                continue;
            }
            raw.extend_from_slice(content);
        }
        Ok(Some((!too_big).then_some(raw)))
    }

    /// The `Received` trace line an SMTP server puts on top of what it
    /// takes (RFC 5321, 4.4).
    fn received_line(&self) -> String {
        let helo: String = self
            .helo
            .chars()
            .filter(|c| c.is_ascii_graphic())
            .take(100)
            .collect();
        let from = match self.peer {
            Some(peer) => format!("{helo} ([{}])", peer.ip()),
            None => helo,
        };
        let with = if self.secure { "ESMTPS" } else { "ESMTP" };
        format!(
            "Received: from {from}\r\n\tby {} (Essaim) with {with};\r\n\t{}\r\n",
            self.shared.config.hostname,
            chrono::Utc::now().to_rfc2822()
        )
    }

    async fn deliver(&mut self, raw: Option<Vec<u8>>) {
        let envelope = Envelope {
            mail_from: self.mail_from.clone().flatten(),
            recipients: std::mem::take(&mut self.recipients),
        };
        self.reset();
        let Some(mut raw) = raw else {
            return self.reply("552 5.3.4 Message too big");
        };
        let mut trace = self.received_line().into_bytes();
        trace.append(&mut raw);
        let raw = trace;
        match self.shared.sink.deliver(&envelope, &raw).await {
            Ok(()) => self.reply("250 2.0.0 Message accepted"),
            Err(DeliveryError::Temporary(reason)) => {
                tracing::warn!(%reason, "smtp: delivery failed for now");
                self.reply("451 4.3.0 Temporary failure, try again later")
            }
            Err(DeliveryError::UnknownRecipient(_)) => {
                self.reply("550 5.1.1 No such recipient here")
            }
            Err(DeliveryError::Rejected(reason)) => {
                self.reply(format!("554 5.6.0 {}", one_line(&reason)))
            }
        }
    }
}

fn strip_prefix_ci<'s>(s: &'s str, prefix: &str) -> Option<&'s str> {
    let head = s.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| s[prefix.len()..].trim_start())
}

/// Reads `<address> params` (the brackets may be missing, as some
/// clients send); returns the address and what follows.
fn read_path(s: &str) -> Option<(String, &str)> {
    let s = s.trim_start();
    let (path, rest) = if let Some(inner) = s.strip_prefix('<') {
        let end = inner.find('>')?;
        (&inner[..end], &inner[end + 1..])
    } else {
        match s.split_once(' ') {
            Some((p, r)) => (p, r),
            None => (s, ""),
        }
    };
    // A source route (`<@relay:user@host>`) is obsolete: keep the mailbox.
    let path = path.rsplit_once(':').map(|(_, p)| p).unwrap_or(path);
    if path
        .chars()
        .any(|c| c.is_whitespace() || c.is_control() || c == '<' || c == '>')
    {
        return None;
    }
    if !path.is_empty() && !path.contains('@') && !path.eq_ignore_ascii_case("postmaster") {
        return None;
    }
    Some((path.to_string(), rest.trim()))
}

/// A sink's reason, fit for one SMTP reply line.
fn one_line(reason: &str) -> String {
    let line: String = reason
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .take(200)
        .collect();
    if line.trim().is_empty() {
        "Message refused".into()
    } else {
        line
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_paths() {
        assert_eq!(
            read_path("<Marie@Example.org> SIZE=100"),
            Some(("Marie@Example.org".into(), "SIZE=100"))
        );
        assert_eq!(read_path("<>"), Some((String::new(), "")));
        assert_eq!(
            read_path("<@relay.example:a@b.c>"),
            Some(("a@b.c".into(), ""))
        );
        assert_eq!(read_path("a@b.c"), Some(("a@b.c".into(), "")));
        assert_eq!(read_path("<a b@c>"), None);
        assert_eq!(read_path("<nobody>"), None);
        assert_eq!(strip_prefix_ci("from:<x@y>", "FROM:"), Some("<x@y>"));
    }
}
