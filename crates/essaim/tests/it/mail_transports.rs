//! The two ways mail comes in, wired into the binary: the SMTP listener
//! started by the server when `ESSAIM_SMTP_LISTEN` is set, and `essaim
//! mail-in` with its sysexits codes. Until the discussions' sink is merged,
//! the instance takes no mail: every recipient is unknown.

use std::process::Stdio;

use essaim::server;
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};

use crate::both;
use crate::support::{test_config, Backend, TestApp, TestDb};

both!(
    the_server_starts_the_smtp_listener,
    mail_in_answers_the_mta_with_sysexits
);

async fn the_server_starts_the_smtp_listener(backend: Backend) {
    let db = TestDb::create(&backend).await;
    let files = std::env::temp_dir().join(format!("essaim-smtp-{}", essaim_store::random_token(8)));
    let mut config = test_config(&db.url, &files);
    assert_eq!(config.smtp_listen, None, "off by default");
    config.smtp_listen = Some("127.0.0.1:0".parse().unwrap());
    config.smtp_listen_required = true;
    let store = server::open_store(&config).await.expect("store");
    let running = server::start_with_store(&config, store)
        .await
        .expect("server starts");
    let addr = running.smtp_addr.expect("the SMTP listener runs");

    let stream = tokio::net::TcpStream::connect(addr).await.unwrap();
    let mut stream = BufReader::new(stream);
    let mut line = String::new();
    stream.read_line(&mut line).await.unwrap();
    assert!(line.starts_with("220 "), "{line}");
    stream
        .get_mut()
        .write_all(b"HELO client.example\r\nMAIL FROM:<a@b.example>\r\nRCPT TO:<jardins@essaim.test>\r\nQUIT\r\n")
        .await
        .unwrap();
    let mut replies = Vec::new();
    for _ in 0..4 {
        line.clear();
        stream.read_line(&mut line).await.unwrap();
        replies.push(line.clone());
    }
    assert!(replies[2].starts_with("550 5.1.1"), "{replies:?}");
    assert!(replies[3].starts_with("221"), "{replies:?}");
    running.shutdown.notify_waiters();
    running.handle.await.unwrap();
    let _ = std::fs::remove_dir_all(&files);
}

async fn mail_in(database_url: &str, args: &[&str], stdin: &[u8]) -> (i32, String) {
    let mut child = tokio::process::Command::new(env!("CARGO_BIN_EXE_essaim"))
        .arg("mail-in")
        .args(args)
        .env("ESSAIM_DATABASE_URL", database_url)
        .env("ESSAIM_MAIL_DOMAIN", "essaim.test")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("essaim runs");
    let mut input = child.stdin.take().expect("stdin");
    input.write_all(stdin).await.expect("write stdin");
    drop(input);
    let out = child.wait_with_output().await.expect("essaim ends");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).to_string(),
    )
}

async fn mail_in_answers_the_mta_with_sysexits(backend: Backend) {
    let app = TestApp::start(backend).await;
    let message = b"From: marie@example.org\nSubject: Arrosage\n\nBonjour\n";
    let url = &app.config.database_url;
    let (code, err) = mail_in(
        url,
        &[
            "--recipient",
            "jardins@essaim.test",
            "--sender",
            "marie@example.org",
        ],
        message,
    )
    .await;
    assert_eq!(code, 67, "unknown recipient: {err}");
    assert!(err.contains("jardins@essaim.test"), "{err}");
    let (code, err) = mail_in(url, &[], message).await;
    assert_eq!(code, 64, "no recipient at all: {err}");
    let (code, err) = mail_in(url, &["--recipient", "jardins@essaim.test"], b"").await;
    assert_eq!(code, 65, "an empty message: {err}");
}

/// A database out of reach: the MTA keeps the message and retries.
#[tokio::test]
async fn mail_in_asks_to_retry_when_the_database_is_out_of_reach() {
    let message = b"From: marie@example.org\nSubject: Arrosage\n\nBonjour\n";
    let (code, err) = mail_in(
        "postgres://postgres@127.0.0.1:1/absent",
        &["--recipient", "jardins@essaim.test"],
        message,
    )
    .await;
    assert_eq!(code, 75, "{err}");
}
