//! The two ways mail comes in, wired into the binary: the SMTP listener
//! started by the server when `ESSAIM_SMTP_LISTEN` is set, and `essaim
//! mail-in` with its sysexits codes; both hand mail to the discussions.

use std::process::Stdio;

use essaim::server;
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};

use crate::both;
use crate::support::{test_config, Backend, Options, TestApp, TestDb};

both!(
    the_server_starts_the_smtp_listener,
    mail_in_answers_the_mta_with_sysexits,
    mail_reaches_the_group_through_both_ways_in
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

/// The topic titled `title` of the group `jardins`, with its posts.
async fn topic_posts(app: &TestApp, title: &str) -> Vec<essaim_store::discussions::Post> {
    let group = app.store.group_by_slug("jardins").await.unwrap().unwrap();
    let topics = app.store.topics(group.id, None, 100, 0).await.unwrap();
    match topics.iter().find(|t| t.title == title) {
        Some(topic) => app.store.posts(topic.id).await.unwrap(),
        None => Vec::new(),
    }
}

/// The Reply-To address of the newest list email to `to`.
async fn reply_key_of(app: &TestApp, to: &str) -> String {
    let mail = app.last_email_to(to).await;
    let parsed = mail_parser::MessageParser::default()
        .parse(&mail.raw)
        .expect("a message");
    parsed
        .reply_to()
        .and_then(|a| a.first())
        .and_then(|a| a.address())
        .expect("reply-to")
        .to_string()
}

/// A member opens a topic with a real SMTP client (swaks) through the
/// listener, another answers through `essaim mail-in` as an MTA would call
/// it, the first answers again with a Rust SMTP client (lettre): three
/// posts, each by the right person, threaded in one topic.
async fn mail_reaches_the_group_through_both_ways_in(backend: Backend) {
    let app = TestApp::start_with(
        backend,
        Options {
            smtp_listen: true,
            ..Options::default()
        },
    )
    .await;
    crate::discussions::with_group(&app).await;
    let addr = app.smtp_in.expect("the SMTP listener runs");

    // swaks: an unknown address is refused during the dialogue…
    let refused = tokio::process::Command::new("swaks")
        .args(["--server", &addr.ip().to_string(), "--port"])
        .arg(addr.port().to_string())
        .args(["--from", "gus@coop.fr", "--to", "nulle-part@essaim.test"])
        .args(["--helo", "client.example", "--body", "Bonjour"])
        .output()
        .await
        .expect("swaks runs (apt-get install swaks)");
    assert!(!refused.status.success());
    assert!(
        String::from_utf8_lossy(&refused.stdout).contains("550 5.1.1"),
        "{}",
        String::from_utf8_lossy(&refused.stdout)
    );
    // …and the group's address opens a topic.
    let sent = tokio::process::Command::new("swaks")
        .args(["--server", &addr.ip().to_string(), "--port"])
        .arg(addr.port().to_string())
        .args(["--from", "gus@coop.fr", "--to", "jardins@essaim.test"])
        .args(["--helo", "client.example"])
        .args(["--header", "From: Gus <gus@coop.fr>"])
        .args(["--header", "Subject: Troc de semences"])
        .args(["--header", "Message-Id: <troc-1@gus.example>"])
        .args(["--body", "Qui veut echanger des graines ?"])
        .output()
        .await
        .expect("swaks runs");
    assert!(
        sent.status.success(),
        "{}",
        String::from_utf8_lossy(&sent.stdout)
    );
    let posts = topic_posts(&app, "Troc de semences").await;
    assert_eq!(posts.len(), 1, "the topic is opened");
    assert_eq!(posts[0].via, essaim_domain::discussions::PostVia::Email);
    assert_eq!(posts[0].author_name, "Gus");
    assert!(posts[0]
        .markdown
        .contains("Qui veut echanger des graines ?"));

    // Fanny gets it on "every message" and answers through mail-in.
    app.run_jobs().await;
    let fanny_key = reply_key_of(&app, "fanny@coop.fr").await;
    let answer = format!(
        "From: Fanny Martin <fanny@coop.fr>\r\nTo: {fanny_key}\r\nSubject: Re: Troc de semences\r\nMessage-ID: <fanny-1@fanny.example>\r\nIn-Reply-To: <troc-1@gus.example>\r\nReferences: <troc-1@gus.example>\r\nDate: Tue, 1 Dec 2026 10:00:00 +0100\r\n\r\nMoi, j'ai des courges.\r\n\r\nLe mar. 1 déc. 2026 à 09:00, Gus <gus@coop.fr> a écrit :\r\n> Qui veut echanger des graines ?\r\n"
    );
    let (code, err) = mail_in(
        &app.config.database_url,
        &["--recipient", &fanny_key, "--sender", "fanny@coop.fr"],
        answer.as_bytes(),
    )
    .await;
    assert_eq!(code, 0, "{err}");
    let posts = topic_posts(&app, "Troc de semences").await;
    assert_eq!(posts.len(), 2);
    assert_eq!(posts[1].author_name, "Fanny Martin");
    assert_eq!(posts[1].markdown, "Moi, j'ai des courges.", "quote trimmed");

    // Gus answers with lettre through the listener, with his own key.
    app.run_jobs().await;
    let gus_key = reply_key_of(&app, "gus@coop.fr").await;
    use lettre::AsyncTransport;
    let client = lettre::AsyncSmtpTransport::<lettre::Tokio1Executor>::builder_dangerous(
        addr.ip().to_string(),
    )
    .port(addr.port())
    .build();
    let envelope = lettre::address::Envelope::new(
        Some("gus@coop.fr".parse().unwrap()),
        vec![gus_key.parse().unwrap()],
    )
    .unwrap();
    let again = format!(
        "From: Gus <gus@coop.fr>\r\nTo: {gus_key}\r\nSubject: Re: Troc de semences\r\nMessage-ID: <troc-2@gus.example>\r\nIn-Reply-To: <fanny-1@fanny.example>\r\nReferences: <troc-1@gus.example> <fanny-1@fanny.example>\r\n\r\nParfait, je les apporte samedi.\r\n\r\nEnvoyé de mon iPhone\r\n"
    );
    client
        .send_raw(&envelope, again.as_bytes())
        .await
        .expect("the listener takes the reply");
    let posts = topic_posts(&app, "Troc de semences").await;
    assert_eq!(posts.len(), 3);
    assert_eq!(posts[2].author_name, "Gus");
    assert_eq!(posts[2].markdown, "Parfait, je les apporte samedi.");
    assert_eq!(posts[2].parent_id, Some(posts[1].id));
}
