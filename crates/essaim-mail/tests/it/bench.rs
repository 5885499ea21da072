//! A measurement, not a check (ignored by default; the figure goes in
//! BENCHMARKS.md): 1,000 replies arriving over SMTP, each read and trimmed
//! by a sink that parses it as the application will.
//!
//! `cargo test -p essaim-mail --test it bench -- --ignored --nocapture`

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Instant;

use essaim_mail::inbound::{DeliveryError, Envelope, MailSink, SinkFuture};
use essaim_mail::incoming;
use essaim_mail::listener::{serve, ListenerConfig};
use lettre::address::Envelope as LettreEnvelope;
use lettre::{AsyncSmtpTransport, AsyncTransport, Tokio1Executor};
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};

#[derive(Default)]
struct Parsing {
    taken: AtomicUsize,
    words: AtomicUsize,
}

impl MailSink for Parsing {
    fn accepts<'a>(&'a self, _: &'a str) -> SinkFuture<'a, Result<bool, DeliveryError>> {
        Box::pin(async { Ok(true) })
    }
    fn deliver<'a>(
        &'a self,
        _: &'a Envelope,
        raw: &'a [u8],
    ) -> SinkFuture<'a, Result<(), DeliveryError>> {
        Box::pin(async move {
            let parsed =
                incoming::parse(raw).map_err(|e| DeliveryError::Rejected(e.to_string()))?;
            self.words
                .fetch_add(parsed.body.split_whitespace().count(), Ordering::Relaxed);
            self.taken.fetch_add(1, Ordering::Relaxed);
            Ok(())
        })
    }
}

fn replies() -> Vec<Vec<u8>> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "eml"))
        .collect();
    files.sort();
    files
        .iter()
        .map(|p| {
            // SMTP wants CRLF line ends.
            let text = std::fs::read(p).unwrap();
            let mut out = Vec::with_capacity(text.len() + 200);
            for line in text.split(|b| *b == b'\n') {
                out.extend_from_slice(line.strip_suffix(b"\r").unwrap_or(line));
                out.extend_from_slice(b"\r\n");
            }
            out
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "a measurement: run with --ignored --nocapture"]
async fn bench_1000_replies_over_smtp() {
    let replies = Arc::new(replies());
    for (label, connections) in [
        ("lettre, 10 connections", 10usize),
        ("lettre, 1 connection", 1),
    ] {
        let socket = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = socket.local_addr().unwrap().port();
        let sink = Arc::new(Parsing::default());
        let shutdown = Arc::new(tokio::sync::Notify::new());
        let server = tokio::spawn(serve(
            socket,
            ListenerConfig::default(),
            sink.clone(),
            shutdown.clone(),
        ));
        let started = Instant::now();
        let mut tasks = Vec::new();
        for c in 0..connections {
            let replies = replies.clone();
            tasks.push(tokio::spawn(async move {
                let transport =
                    AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous("127.0.0.1")
                        .port(port)
                        .build();
                for n in (c..1000).step_by(connections) {
                    let envelope = LettreEnvelope::new(
                        Some("marie@example.org".parse().unwrap()),
                        vec!["jardins+k3y9@essaim.test".parse().unwrap()],
                    )
                    .unwrap();
                    transport
                        .send_raw(&envelope, &replies[n % replies.len()])
                        .await
                        .unwrap();
                }
            }));
        }
        for t in tasks {
            t.await.unwrap();
        }
        let elapsed = started.elapsed();
        assert_eq!(sink.taken.load(Ordering::Relaxed), 1000);
        println!(
            "{label}: 1,000 replies taken and parsed in {elapsed:.2?} ({:.0}/s)",
            1000.0 / elapsed.as_secs_f64()
        );
        shutdown.notify_one();
        server.await.unwrap().unwrap();
    }

    // One connection, every command pipelined.
    let socket = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = socket.local_addr().unwrap();
    let sink = Arc::new(Parsing::default());
    let shutdown = Arc::new(tokio::sync::Notify::new());
    let server = tokio::spawn(serve(
        socket,
        ListenerConfig::default(),
        sink.clone(),
        shutdown.clone(),
    ));
    let started = Instant::now();
    let stream = tokio::net::TcpStream::connect(addr).await.unwrap();
    let (read, mut write) = stream.into_split();
    let writer = {
        let replies = replies.clone();
        tokio::spawn(async move {
            write.write_all(b"EHLO bench.example\r\n").await.unwrap();
            for n in 0..1000 {
                let mut batch =
                    b"MAIL FROM:<marie@example.org>\r\nRCPT TO:<jardins@essaim.test>\r\nDATA\r\n"
                        .to_vec();
                batch.extend_from_slice(&replies[n % replies.len()]);
                batch.extend_from_slice(b".\r\n");
                write.write_all(&batch).await.unwrap();
            }
            write.write_all(b"QUIT\r\n").await.unwrap();
        })
    };
    let mut lines = BufReader::new(read).lines();
    let mut accepted = 0;
    while let Some(line) = lines.next_line().await.unwrap() {
        if line.starts_with("250 2.0.0") {
            accepted += 1;
        }
        if line.starts_with("221") {
            break;
        }
    }
    writer.await.unwrap();
    let elapsed = started.elapsed();
    assert_eq!(accepted, 1000);
    println!(
        "pipelined, 1 connection: 1,000 replies taken and parsed in {elapsed:.2?} ({:.0}/s)",
        1000.0 / elapsed.as_secs_f64()
    );
    shutdown.notify_one();
    server.await.unwrap().unwrap();
}
