//! The SMTP listener driven by real clients (swaks, lettre) and by hand.

use std::process::Command;
use std::sync::Arc;
use std::time::Duration;

use essaim_mail::listener::{ListenerConfig, TlsFiles};
use lettre::address::Envelope as LettreEnvelope;
use lettre::transport::smtp::client::{Certificate, Tls, TlsParameters};
use lettre::{AsyncSmtpTransport, AsyncTransport, Tokio1Executor};

use crate::support::{config, start, Client};

fn swaks(args: &[&str]) -> (bool, String) {
    let output = Command::new("swaks")
        .args(args)
        .output()
        .expect("swaks is installed (apt-get install -y swaks; scripts/test.sh does it)");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    (output.status.success(), text)
}

async fn swaks_async(args: Vec<String>) -> (bool, String) {
    tokio::task::spawn_blocking(move || {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        swaks(&args)
    })
    .await
    .unwrap()
}

fn args(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

#[tokio::test]
async fn swaks_delivers_a_message_with_pipelining() {
    let server = start(config()).await;
    let port = server.addr.port().to_string();
    let (ok, out) = swaks_async(args(&[
        "--server",
        "127.0.0.1",
        "--port",
        &port,
        "--pipeline",
        "--from",
        "marie@example.org",
        "--to",
        "jardins+k3y9@essaim.test",
        "--header",
        "Subject: Arrosage",
        "--body",
        "Bonjour\n.point en tête de ligne\nMarie",
    ]))
    .await;
    assert!(ok, "{out}");
    let delivered = server.sink.delivered();
    assert_eq!(delivered.len(), 1, "{out}");
    let (envelope, raw) = &delivered[0];
    assert_eq!(envelope.mail_from.as_deref(), Some("marie@example.org"));
    assert_eq!(envelope.recipients, vec!["jardins+k3y9@essaim.test"]);
    let text = String::from_utf8_lossy(raw);
    assert!(text.contains("Subject: Arrosage"), "{text}");
    // swaks stuffs the leading dot; the listener takes it off again.
    assert!(text.contains("\r\n.point en tête de ligne\r\n"), "{text}");
    server.shutdown.notify_one();
    server.task.await.unwrap().unwrap();
}

#[tokio::test]
async fn swaks_is_refused_an_unknown_recipient_during_the_dialogue() {
    let server = start(config()).await;
    let port = server.addr.port().to_string();
    let (ok, out) = swaks_async(args(&[
        "--server",
        "127.0.0.1",
        "--port",
        &port,
        "--from",
        "spam@forged.example",
        "--to",
        "personne@essaim.test",
    ]))
    .await;
    assert!(!ok, "{out}");
    assert!(out.contains("550 5.1.1"), "{out}");
    assert!(server.sink.delivered().is_empty());
}

fn self_signed() -> (tempdir::Dir, TlsFiles, Vec<u8>) {
    let certified = rcgen::generate_simple_self_signed(vec!["localhost".to_string()]).unwrap();
    let dir = tempdir::Dir::new();
    let cert = dir.path.join("cert.pem");
    let key = dir.path.join("key.pem");
    std::fs::write(&cert, certified.cert.pem()).unwrap();
    std::fs::write(&key, certified.signing_key.serialize_pem()).unwrap();
    let pem = certified.cert.pem().into_bytes();
    (dir, TlsFiles { cert, key }, pem)
}

/// A folder removed at the end of the test.
mod tempdir {
    pub struct Dir {
        pub path: std::path::PathBuf,
    }
    impl Dir {
        pub fn new() -> Dir {
            let path = std::env::temp_dir().join(format!(
                "essaim-mail-test-{}-{}",
                std::process::id(),
                rand_suffix()
            ));
            std::fs::create_dir_all(&path).unwrap();
            Dir { path }
        }
    }
    impl Drop for Dir {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.path);
        }
    }
    fn rand_suffix() -> u64 {
        use std::sync::atomic::{AtomicU64, Ordering};
        static N: AtomicU64 = AtomicU64::new(0);
        N.fetch_add(1, Ordering::Relaxed)
    }
}

#[tokio::test]
async fn starttls_with_a_self_signed_certificate() {
    let (_dir, files, pem) = self_signed();
    let server = start(ListenerConfig {
        tls: Some(files),
        ..config()
    })
    .await;

    // The listener offers STARTTLS and forgets the EHLO after it.
    let (mut client, _) = Client::connect(server.addr).await;
    assert!(client
        .ask("EHLO client.example")
        .await
        .contains("250-STARTTLS"));

    let port = server.addr.port().to_string();
    let (ok, out) = swaks_async(args(&[
        "--server",
        "127.0.0.1",
        "--port",
        &port,
        "--tls",
        "--from",
        "marie@example.org",
        "--to",
        "jardins@essaim.test",
        "--header",
        "Subject: Chiffré",
    ]))
    .await;
    assert!(ok, "{out}");
    assert!(out.contains("TLS started"), "{out}");

    // lettre requires TLS and checks the certificate against our own root.
    let tls = TlsParameters::builder("localhost".into())
        .add_root_certificate(Certificate::from_pem(&pem).unwrap())
        .build_rustls()
        .unwrap();
    let transport = AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous("127.0.0.1")
        .port(server.addr.port())
        .tls(Tls::Required(tls))
        .build();
    let envelope = LettreEnvelope::new(
        Some("paul@example.org".parse().unwrap()),
        vec!["jardins+abc@essaim.test".parse().unwrap()],
    )
    .unwrap();
    transport
        .send_raw(
            &envelope,
            b"From: paul@example.org\r\nSubject: Par lettre\r\n\r\nOui\r\n",
        )
        .await
        .unwrap();
    let delivered = server.sink.delivered();
    assert_eq!(delivered.len(), 2);
    assert!(String::from_utf8_lossy(&delivered[1].1).contains("Subject: Par lettre"));
}

#[tokio::test]
async fn lettre_sends_several_messages_on_one_connection() {
    let server = start(config()).await;
    let transport = AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous("127.0.0.1")
        .port(server.addr.port())
        .build();
    for n in 0..20 {
        let envelope = LettreEnvelope::new(
            Some("paul@example.org".parse().unwrap()),
            vec!["jardins@essaim.test".parse().unwrap()],
        )
        .unwrap();
        let raw = format!("From: paul@example.org\r\nSubject: n{n}\r\n\r\nMessage {n}\r\n");
        transport.send_raw(&envelope, raw.as_bytes()).await.unwrap();
    }
    assert_eq!(server.sink.delivered().len(), 20);

    // An unknown recipient is an error for lettre too.
    let envelope = LettreEnvelope::new(
        Some("paul@example.org".parse().unwrap()),
        vec!["inconnu@essaim.test".parse().unwrap()],
    )
    .unwrap();
    let err = transport
        .send_raw(&envelope, b"Subject: x\r\n\r\nx\r\n")
        .await
        .unwrap_err();
    assert!(err.is_permanent(), "{err}");
}

#[tokio::test]
async fn the_dialogue_by_hand() {
    let server = start(ListenerConfig {
        max_recipients: 2,
        ..config()
    })
    .await;
    let (mut c, greeting) = Client::connect(server.addr).await;
    assert!(greeting.starts_with("220 mx.essaim.test"), "{greeting}");
    assert!(c
        .ask("MAIL FROM:<a@b.example>")
        .await
        .starts_with("503 5.5.1"));
    assert!(c.ask("EHLO").await.starts_with("501"));
    let ehlo = c.ask("EHLO client.example").await;
    assert!(
        ehlo.contains("250-PIPELINING") && ehlo.contains("250-SIZE "),
        "{ehlo}"
    );
    assert!(
        !ehlo.contains("STARTTLS"),
        "no certificate, no STARTTLS: {ehlo}"
    );
    assert!(c.ask("STARTTLS").await.starts_with("502"));
    assert!(c.ask("VRFY jardins").await.starts_with("502"));
    assert!(c.ask("NOOP").await.starts_with("250"));
    assert!(c
        .ask("RCPT TO:<jardins@essaim.test>")
        .await
        .starts_with("503"));
    assert!(c.ask("DATA").await.starts_with("503"));
    assert!(c
        .ask("MAIL FROM:<a@b.example> SIZE=999999999999")
        .await
        .starts_with("552 5.3.4"));
    assert!(c
        .ask("MAIL FROM:<a@b.example> SIZE=100")
        .await
        .starts_with("250"));
    assert!(c.ask("MAIL FROM:<a@b.example>").await.starts_with("503"));
    assert!(c
        .ask("RCPT TO:<personne@essaim.test>")
        .await
        .starts_with("550 5.1.1"));
    assert!(c
        .ask("RCPT TO:<jardins@ailleurs.example>")
        .await
        .starts_with("550 5.1.1"));
    assert!(c
        .ask("RCPT TO:<panne@essaim.test>")
        .await
        .starts_with("451 4.3.0"));
    assert!(c
        .ask("RCPT TO:<interdit@essaim.test>")
        .await
        .starts_with("550 5.7.1"));
    assert!(c.ask("RCPT TO:<pas une adresse>").await.starts_with("501"));
    assert!(
        c.ask("DATA").await.starts_with("554"),
        "no recipient accepted yet"
    );
    assert!(c
        .ask("RCPT TO:<Jardins@Essaim.test>")
        .await
        .starts_with("250"));
    assert!(c
        .ask("RCPT TO:<jardins+a@essaim.test>")
        .await
        .starts_with("250"));
    assert!(c
        .ask("RCPT TO:<jardins+b@essaim.test>")
        .await
        .starts_with("452 4.5.3"));
    assert!(c.ask("RSET").await.starts_with("250"));
    assert!(
        c.ask("DATA").await.starts_with("503"),
        "RSET forgot the sender"
    );
    let long = format!("NOOP {}", "x".repeat(5000));
    assert!(c.ask(&long).await.starts_with("500 5.5.2"));
    assert!(
        c.ask("NOOP").await.starts_with("250"),
        "the long line was read to its end"
    );
    assert!(c.ask("FROB").await.starts_with("500"));
    // The null sender (a bounce) is taken.
    assert!(c.ask("MAIL FROM:<>").await.starts_with("250"));
    assert!(c
        .ask("RCPT TO:<bounces+k9@essaim.test>")
        .await
        .starts_with("250"));
    assert!(c.ask("DATA").await.starts_with("354"));
    let reply = c
        .ask("Subject: retour\r\n\r\n..\r\n...deux\r\nfin\r\n.")
        .await;
    assert!(reply.starts_with("250 2.0.0"), "{reply}");
    assert!(c.ask("QUIT").await.starts_with("221"));
    assert_eq!(c.reply().await, "", "closed after QUIT");

    let delivered = server.sink.delivered();
    assert_eq!(delivered.len(), 1);
    assert_eq!(delivered[0].0.mail_from, None);
    assert_eq!(delivered[0].0.recipients, vec!["bounces+k9@essaim.test"]);
    let raw = String::from_utf8(delivered[0].1.clone()).unwrap();
    // A trace line on top, then the message as sent, dots unstuffed.
    assert!(
        raw.starts_with(
            "Received: from client.example ([127.0.0.1])\r\n\tby mx.essaim.test (Essaim) with ESMTP;"
        ),
        "{raw}"
    );
    assert!(
        raw.ends_with("\r\nSubject: retour\r\n\r\n.\r\n..deux\r\nfin\r\n"),
        "{raw}"
    );
}

#[tokio::test]
async fn delivery_errors_become_smtp_replies() {
    let server = start(config()).await;
    let (mut c, _) = Client::connect(server.addr).await;
    c.ask("EHLO client.example").await;
    for (subject, code) in [
        ("refuse", "554 5.6.0"),
        ("plus tard", "451 4.3.0"),
        ("parti", "550 5.1.1"),
        ("bon", "250 2.0.0"),
    ] {
        assert!(c.ask("MAIL FROM:<a@b.example>").await.starts_with("250"));
        assert!(c
            .ask("RCPT TO:<jardins@essaim.test>")
            .await
            .starts_with("250"));
        assert!(c.ask("DATA").await.starts_with("354"));
        let reply = c
            .ask(&format!("Subject: {subject}\r\n\r\nTexte\r\n."))
            .await;
        assert!(reply.starts_with(code), "{subject}: {reply}");
    }
    assert_eq!(server.sink.delivered().len(), 1);
}

#[tokio::test]
async fn an_oversized_message_is_refused_and_the_connection_goes_on() {
    let server = start(ListenerConfig {
        max_message_bytes: 1000,
        ..config()
    })
    .await;
    let (mut c, _) = Client::connect(server.addr).await;
    assert!(c.ask("EHLO client.example").await.contains("250-SIZE 1000"));
    c.ask("MAIL FROM:<a@b.example>").await;
    c.ask("RCPT TO:<jardins@essaim.test>").await;
    assert!(c.ask("DATA").await.starts_with("354"));
    let big = format!("Subject: gros\r\n\r\n{}\r\n.", "x".repeat(3000));
    assert!(c.ask(&big).await.starts_with("552 5.3.4"));
    // Many short lines over the limit, then one endless line: refused too.
    c.ask("MAIL FROM:<a@b.example>").await;
    c.ask("RCPT TO:<jardins@essaim.test>").await;
    c.ask("DATA").await;
    let many = format!("{}{}\r\n.", "ligne\r\n".repeat(300), "z".repeat(100_000));
    assert!(c.ask(&many).await.starts_with("552 5.3.4"));
    c.ask("MAIL FROM:<a@b.example>").await;
    c.ask("RCPT TO:<jardins@essaim.test>").await;
    c.ask("DATA").await;
    let long = format!("Subject: long\r\n\r\n{}\r\n.", "z".repeat(100_000));
    assert!(c.ask(&long).await.starts_with("552 5.3.4"));
    c.ask("MAIL FROM:<a@b.example>").await;
    c.ask("RCPT TO:<jardins@essaim.test>").await;
    c.ask("DATA").await;
    assert!(c
        .ask("Subject: petit\r\n\r\nok\r\n.")
        .await
        .starts_with("250"));
    assert_eq!(server.sink.delivered().len(), 1);

    // swaks sees the refusal too.
    let port = server.addr.port().to_string();
    let body = "y".repeat(5000);
    let (ok, out) = swaks_async(args(&[
        "--server",
        "127.0.0.1",
        "--port",
        &port,
        "--from",
        "a@b.example",
        "--to",
        "jardins@essaim.test",
        "--body",
        &body,
    ]))
    .await;
    assert!(!ok && out.contains("552"), "{out}");
}

#[tokio::test]
async fn pipelined_commands_are_answered_in_order() {
    let server = start(config()).await;
    let (mut c, _) = Client::connect(server.addr).await;
    c.ask("EHLO client.example").await;
    let mut batch = String::new();
    for n in 0..50 {
        batch.push_str(&format!(
            "MAIL FROM:<a{n}@b.example>\r\nRCPT TO:<inconnu@essaim.test>\r\nRCPT TO:<jardins@essaim.test>\r\nDATA\r\nSubject: p{n}\r\n\r\ncorps\r\n.\r\n"
        ));
    }
    batch.push_str("QUIT\r\n");
    c.send(&batch).await;
    for _ in 0..50 {
        assert!(c.reply().await.starts_with("250 2.1.0"));
        assert!(c.reply().await.starts_with("550 5.1.1"));
        assert!(c.reply().await.starts_with("250 2.1.5"));
        assert!(c.reply().await.starts_with("354"));
        assert!(c.reply().await.starts_with("250 2.0.0"));
    }
    assert!(c.reply().await.starts_with("221"));
    assert_eq!(server.sink.delivered().len(), 50);
}

#[tokio::test]
async fn an_idle_client_is_let_go() {
    let server = start(ListenerConfig {
        idle_timeout: Duration::from_millis(200),
        ..config()
    })
    .await;
    let (mut c, _) = Client::connect(server.addr).await;
    c.ask("EHLO client.example").await;
    // The client says nothing more: the server ends the exchange itself.
    assert!(c.reply().await.starts_with("421 4.4.2"));
    assert_eq!(c.reply().await, "");
}

#[tokio::test]
async fn commands_sent_ahead_of_tls_are_refused() {
    let (_dir, files, _) = self_signed();
    let server = start(ListenerConfig {
        tls: Some(files),
        ..config()
    })
    .await;
    let (mut c, _) = Client::connect(server.addr).await;
    c.ask("EHLO client.example").await;
    c.send("STARTTLS\r\nMAIL FROM:<injected@evil.example>\r\n")
        .await;
    assert!(c.reply().await.starts_with("554"));
    assert_eq!(c.reply().await, "");
}

#[tokio::test]
async fn a_bad_certificate_stops_the_start() {
    let dir = tempdir::Dir::new();
    let cert = dir.path.join("cert.pem");
    std::fs::write(&cert, "not a certificate").unwrap();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let sink: Arc<dyn essaim_mail::inbound::MailSink> =
        Arc::new(crate::support::Recorder::default());
    let result = essaim_mail::listener::serve(
        listener,
        ListenerConfig {
            tls: Some(TlsFiles {
                cert: cert.clone(),
                key: dir.path.join("missing.pem"),
            }),
            ..config()
        },
        sink,
        Arc::new(tokio::sync::Notify::new()),
    )
    .await;
    let err = result.unwrap_err().to_string();
    assert!(err.contains("cert.pem"), "{err}");
}

#[tokio::test]
async fn a_connection_has_a_total_time_limit() {
    let server = start(ListenerConfig {
        session_timeout: Duration::from_millis(300),
        ..config()
    })
    .await;
    let (mut c, _) = Client::connect(server.addr).await;
    c.ask("EHLO client.example").await;
    // A client that keeps talking is still let go once its time is up.
    let mut closed = false;
    for _ in 0..100 {
        tokio::time::sleep(Duration::from_millis(20)).await;
        if c.ask("NOOP").await.is_empty() {
            closed = true;
            break;
        }
    }
    assert!(closed, "the connection outlived its time limit");
}
