//! A small SMTP server that captures outbound email for the integration tests.
//!
//! It speaks the subset of RFC 5321 that a plain-text, unauthenticated client
//! such as `lettre` needs (EHLO/HELO, MAIL, RCPT, DATA, RSET, NOOP, VRFY, QUIT),
//! keeps every accepted message in memory, and can be told to fail or to hang
//! on upcoming transactions so that retry and timeout paths can be exercised.

use std::net::SocketAddr;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use tokio::io::{AsyncBufRead, AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::tcp::OwnedWriteHalf;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::Notify;

/// Largest message accepted, as advertised with the `SIZE` extension.
const MAX_MESSAGE_SIZE: usize = 52_428_800;

/// Longest command line accepted (RFC 5321 allows 512; be generous).
const MAX_COMMAND_LINE: usize = 4096;

/// One message accepted by the capture server.
#[derive(Clone, Debug)]
pub struct Captured {
    /// The reverse path given with `MAIL FROM`, without angle brackets
    /// (empty for the null sender `<>`).
    pub mail_from: String,
    /// The forward paths given with `RCPT TO`, in order, without angle brackets.
    pub rcpt_to: Vec<String>,
    /// The message as transmitted after `DATA`: CRLF line endings, dot-stuffing
    /// undone, without the terminating `.` line.
    pub data: Vec<u8>,
}

/// Handle to a running capture server; cheap to clone, all clones share state.
#[derive(Clone)]
pub struct SmtpCapture {
    inner: Arc<Inner>,
}

/// State shared between the handle and the connection tasks.
struct Inner {
    addr: SocketAddr,
    messages: Mutex<Vec<Captured>>,
    failures: Mutex<PendingFailures>,
    stall: AtomicBool,
    arrived: Notify,
}

/// Transactions still to be refused, and with which reply code.
#[derive(Default)]
struct PendingFailures {
    remaining: usize,
    code: u16,
}

/// What to do with a message whose body has been fully received.
enum Outcome {
    Accept,
    Refuse(u16),
    Stall,
}

impl Inner {
    fn messages(&self) -> MutexGuard<'_, Vec<Captured>> {
        self.messages.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Decides the fate of a completed transaction, consuming a pending failure
    /// if there is one. Stalling takes precedence and consumes nothing.
    fn outcome(&self) -> Outcome {
        if self.stall.load(Ordering::SeqCst) {
            return Outcome::Stall;
        }
        let mut failures = self.failures.lock().unwrap_or_else(|e| e.into_inner());
        if failures.remaining > 0 {
            failures.remaining -= 1;
            Outcome::Refuse(failures.code)
        } else {
            Outcome::Accept
        }
    }

    fn capture(&self, message: Captured) {
        self.messages().push(message);
        self.arrived.notify_waiters();
    }
}

impl SmtpCapture {
    /// Binds `127.0.0.1` on an ephemeral port and spawns the accept loop on the
    /// current tokio runtime. Each connection is served by its own task.
    pub async fn start() -> SmtpCapture {
        let listener = TcpListener::bind(("127.0.0.1", 0))
            .await
            .expect("SMTP capture: cannot bind 127.0.0.1:0");
        let addr = listener
            .local_addr()
            .expect("SMTP capture: cannot read local address");
        let inner = Arc::new(Inner {
            addr,
            messages: Mutex::new(Vec::new()),
            failures: Mutex::new(PendingFailures::default()),
            stall: AtomicBool::new(false),
            arrived: Notify::new(),
        });
        tokio::spawn(accept_loop(listener, Arc::clone(&inner)));
        SmtpCapture { inner }
    }

    /// The address the server listens on.
    pub fn addr(&self) -> SocketAddr {
        self.inner.addr
    }

    /// A `lettre`-compatible URL for the server: `smtp://127.0.0.1:PORT`.
    pub fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.inner.addr.port())
    }

    /// Makes the next `n` transactions fail: after the final `.` of DATA they
    /// are answered with `code` (e.g. 451 temporary, 550 permanent) instead of
    /// 250, and are not captured. Replaces any previous setting; `n = 0` clears it.
    pub fn fail_next(&self, n: usize, code: u16) {
        let mut failures = self
            .inner
            .failures
            .lock()
            .unwrap_or_else(|e| e.into_inner());
        *failures = PendingFailures { remaining: n, code };
    }

    /// While on, a transaction whose DATA body has been fully received is never
    /// answered: the connection stays open and idle, as if the server hung
    /// mid-send. Such messages are not captured. Takes precedence over
    /// [`SmtpCapture::fail_next`].
    pub fn set_stall(&self, on: bool) {
        self.inner.stall.store(on, Ordering::SeqCst);
    }

    /// The messages captured so far, in the order they were accepted.
    pub fn messages(&self) -> Vec<Captured> {
        self.inner.messages().clone()
    }

    /// Waits until at least `count` messages have been captured and returns all
    /// of them. Panics if that has not happened within `timeout`.
    pub async fn wait_for(&self, count: usize, timeout: Duration) -> Vec<Captured> {
        let deadline = tokio::time::Instant::now() + timeout;
        loop {
            // Register interest before checking, so a capture in between is not missed.
            let arrived = self.inner.arrived.notified();
            tokio::pin!(arrived);
            arrived.as_mut().enable();
            {
                let messages = self.inner.messages();
                if messages.len() >= count {
                    return messages.clone();
                }
            }
            if tokio::time::timeout_at(deadline, arrived).await.is_err() {
                let messages = self.messages();
                if messages.len() >= count {
                    // Arrived just as the deadline passed.
                    return messages;
                }
                let recipients: Vec<&Vec<String>> = messages.iter().map(|m| &m.rcpt_to).collect();
                panic!(
                    "SMTP capture: expected at least {count} message(s) within {timeout:?}, \
                     but only {} arrived (recipients: {recipients:?})",
                    messages.len()
                );
            }
        }
    }
}

async fn accept_loop(listener: TcpListener, inner: Arc<Inner>) {
    loop {
        match listener.accept().await {
            Ok((stream, _)) => {
                tokio::spawn(serve(stream, Arc::clone(&inner)));
            }
            // Transient accept errors (e.g. too many open files): back off briefly.
            Err(_) => tokio::time::sleep(Duration::from_millis(10)).await,
        }
    }
}

/// Serves one connection; any I/O error or disconnect ends it quietly.
async fn serve(stream: TcpStream, inner: Arc<Inner>) {
    let _ = session(stream, &inner).await;
}

/// An envelope being assembled between MAIL and the end of DATA.
struct Transaction {
    mail_from: String,
    rcpt_to: Vec<String>,
}

async fn session(stream: TcpStream, inner: &Inner) -> std::io::Result<()> {
    let (read, mut write) = stream.into_split();
    let mut reader = BufReader::new(read);
    let mut greeted = false;
    let mut transaction: Option<Transaction> = None;
    let mut line = Vec::new();

    reply(&mut write, "220 capture ESMTP\r\n").await?;
    loop {
        match read_line(&mut reader, &mut line, MAX_COMMAND_LINE).await? {
            Line::Eof => return Ok(()),
            Line::TooLong => {
                reply(&mut write, "500 5.5.6 Line too long\r\n").await?;
                continue;
            }
            Line::Complete => {}
        }
        let text = String::from_utf8_lossy(&line);
        let (verb, args) = match text.split_once(' ') {
            Some((verb, args)) => (verb, args.trim()),
            None => (text.as_ref(), ""),
        };
        match verb.to_ascii_uppercase().as_str() {
            "EHLO" | "HELO" if args.is_empty() => {
                reply(&mut write, "501 5.5.4 Domain name required\r\n").await?;
            }
            "EHLO" => {
                greeted = true;
                transaction = None;
                let text = format!(
                    "250-capture greets {args}\r\n250-8BITMIME\r\n250-SMTPUTF8\r\n\
                     250 SIZE {MAX_MESSAGE_SIZE}\r\n"
                );
                reply(&mut write, &text).await?;
            }
            "HELO" => {
                greeted = true;
                transaction = None;
                reply(&mut write, &format!("250 capture greets {args}\r\n")).await?;
            }
            "MAIL" => {
                if !greeted {
                    reply(&mut write, "503 5.5.1 Send EHLO or HELO first\r\n").await?;
                } else if transaction.is_some() {
                    reply(&mut write, "503 5.5.1 Nested MAIL command\r\n").await?;
                } else if let Some(mail_from) = path_argument(args, "FROM:") {
                    transaction = Some(Transaction {
                        mail_from,
                        rcpt_to: Vec::new(),
                    });
                    reply(&mut write, "250 2.1.0 OK\r\n").await?;
                } else {
                    reply(&mut write, "501 5.5.4 Syntax: MAIL FROM:<address>\r\n").await?;
                }
            }
            "RCPT" => match transaction.as_mut() {
                None => reply(&mut write, "503 5.5.1 Need MAIL before RCPT\r\n").await?,
                Some(tx) => match path_argument(args, "TO:") {
                    Some(rcpt) if !rcpt.is_empty() => {
                        tx.rcpt_to.push(rcpt);
                        reply(&mut write, "250 2.1.5 OK\r\n").await?;
                    }
                    _ => reply(&mut write, "501 5.5.4 Syntax: RCPT TO:<address>\r\n").await?,
                },
            },
            "DATA" => match transaction.take() {
                Some(tx) if !tx.rcpt_to.is_empty() => {
                    reply(&mut write, "354 End data with <CR><LF>.<CR><LF>\r\n").await?;
                    let data = match read_data(&mut reader, &mut line).await? {
                        Body::Complete(data) => data,
                        Body::TooBig => {
                            reply(&mut write, "552 5.3.4 Message too big\r\n").await?;
                            continue;
                        }
                        Body::Disconnected => return Ok(()),
                    };
                    match inner.outcome() {
                        Outcome::Accept => {
                            inner.capture(Captured {
                                mail_from: tx.mail_from,
                                rcpt_to: tx.rcpt_to,
                                data,
                            });
                            reply(&mut write, "250 2.0.0 OK: queued\r\n").await?;
                        }
                        Outcome::Refuse(code) => {
                            let text = match code {
                                400..=499 => "4.0.0 Temporary failure (simulated)",
                                _ => "5.0.0 Permanent failure (simulated)",
                            };
                            reply(&mut write, &format!("{code} {text}\r\n")).await?;
                        }
                        Outcome::Stall => return idle(&mut reader).await,
                    }
                }
                other => {
                    transaction = other;
                    reply(&mut write, "503 5.5.1 Need RCPT before DATA\r\n").await?;
                }
            },
            "RSET" => {
                transaction = None;
                reply(&mut write, "250 2.0.0 OK\r\n").await?;
            }
            "NOOP" => reply(&mut write, "250 2.0.0 OK\r\n").await?,
            "VRFY" => reply(&mut write, "252 2.5.0 Cannot verify, will accept\r\n").await?,
            "QUIT" => {
                reply(&mut write, "221 2.0.0 Bye\r\n").await?;
                return write.shutdown().await;
            }
            _ => reply(&mut write, "500 5.5.2 Command not recognized\r\n").await?,
        }
    }
}

async fn reply(write: &mut OwnedWriteHalf, text: &str) -> std::io::Result<()> {
    write.write_all(text.as_bytes()).await?;
    write.flush().await
}

/// Result of reading one line.
enum Line {
    /// A line was read into the buffer, without its line ending.
    Complete,
    /// The line exceeded the limit; the buffer holds a truncated prefix.
    TooLong,
    /// The peer closed the connection (a trailing partial line is discarded).
    Eof,
}

/// Reads one line ending in LF (with or without a preceding CR) into `buf`,
/// stripping the line ending. Bytes beyond `limit` are read but discarded.
async fn read_line<R>(reader: &mut R, buf: &mut Vec<u8>, limit: usize) -> std::io::Result<Line>
where
    R: AsyncBufRead + Unpin,
{
    buf.clear();
    let mut too_long = false;
    loop {
        let available = reader.fill_buf().await?;
        if available.is_empty() {
            return Ok(Line::Eof);
        }
        let (chunk, used, done) = match available.iter().position(|&b| b == b'\n') {
            Some(i) => (&available[..i], i + 1, true),
            None => (available, available.len(), false),
        };
        let room = limit.saturating_sub(buf.len());
        if chunk.len() > room {
            too_long = true;
        }
        buf.extend_from_slice(&chunk[..chunk.len().min(room)]);
        reader.consume(used);
        if done {
            if buf.last() == Some(&b'\r') {
                buf.pop();
            }
            return Ok(if too_long {
                Line::TooLong
            } else {
                Line::Complete
            });
        }
    }
}

/// Outcome of reading a DATA body.
enum Body {
    /// The body, with dot-stuffing undone and CRLF line endings.
    Complete(Vec<u8>),
    /// The body exceeded [`MAX_MESSAGE_SIZE`]; it was read and discarded.
    TooBig,
    /// The peer closed the connection before the final `.` line.
    Disconnected,
}

/// Reads a DATA body up to the lone `.` line, undoing dot-stuffing and
/// normalising line endings to CRLF. An oversized body is still read to its
/// end, so the conversation stays in step, but is not kept.
async fn read_data<R>(reader: &mut R, line: &mut Vec<u8>) -> std::io::Result<Body>
where
    R: AsyncBufRead + Unpin,
{
    let mut data = Vec::new();
    let mut too_big = false;
    loop {
        match read_line(reader, line, MAX_MESSAGE_SIZE).await? {
            Line::Eof => return Ok(Body::Disconnected),
            Line::TooLong => too_big = true,
            Line::Complete if line.as_slice() == b"." => {
                return Ok(if too_big {
                    Body::TooBig
                } else {
                    Body::Complete(data)
                });
            }
            Line::Complete => {}
        }
        let content = line.strip_prefix(b".").unwrap_or(line);
        if too_big || data.len() + content.len() + 2 > MAX_MESSAGE_SIZE {
            too_big = true;
            data = Vec::new();
        } else {
            data.extend_from_slice(content);
            data.extend_from_slice(b"\r\n");
        }
    }
}

/// Keeps a stalled connection open without ever answering, until the peer leaves.
async fn idle<R>(reader: &mut R) -> std::io::Result<()>
where
    R: AsyncBufRead + Unpin,
{
    loop {
        let len = reader.fill_buf().await?.len();
        if len == 0 {
            return Ok(());
        }
        reader.consume(len);
    }
}

/// Parses `FROM:<addr> [params]` / `TO:<addr> [params]` (keyword matched
/// case-insensitively, spaces tolerated after the colon, brackets optional)
/// and returns the address without brackets.
fn path_argument(args: &str, keyword: &str) -> Option<String> {
    let head = args.get(..keyword.len())?;
    if !head.eq_ignore_ascii_case(keyword) {
        return None;
    }
    let rest = args[keyword.len()..].trim_start();
    if let Some(bracketed) = rest.strip_prefix('<') {
        let end = bracketed.find('>')?;
        Some(bracketed[..end].to_string())
    } else {
        let addr = rest.split_whitespace().next()?;
        Some(addr.to_string())
    }
}
