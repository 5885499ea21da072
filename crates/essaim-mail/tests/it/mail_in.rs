//! `mail-in`: one message on standard input, the exit code the MTA reads.

use essaim_mail::inbound::Envelope;
use essaim_mail::mail_in::{
    deliver_stdin, recipient_from_headers, EX_DATAERR, EX_NOUSER, EX_OK, EX_TEMPFAIL, EX_USAGE,
};

use crate::support::Recorder;

fn envelope(to: &[&str]) -> Envelope {
    Envelope {
        mail_from: Some("marie@example.org".into()),
        recipients: to.iter().map(|s| s.to_string()).collect(),
    }
}

const MESSAGE: &[u8] = b"From: Marie <marie@example.org>\nSubject: Arrosage\n\nBonjour\n";

#[tokio::test]
async fn a_message_for_a_group_is_delivered() {
    let sink = Recorder::default();
    let exit = deliver_stdin(
        MESSAGE,
        envelope(&["Jardins+k3y9@essaim.test"]),
        &sink,
        1 << 20,
    )
    .await;
    assert_eq!(exit.code, EX_OK, "{}", exit.message);
    let delivered = sink.delivered();
    assert_eq!(delivered.len(), 1);
    assert_eq!(delivered[0].0.recipients, vec!["jardins+k3y9@essaim.test"]);
    assert_eq!(delivered[0].1, MESSAGE);
}

#[tokio::test]
async fn the_recipient_can_come_from_the_headers_the_mta_adds() {
    let raw = b"From MAILER-DAEMON Mon Mar  3 10:12:00 2025\nX-Original-To: jardins@essaim.test\nDelivered-To: jardins@essaim.test\nFrom: marie@example.org\nSubject: x\n\nBonjour\n";
    assert_eq!(
        recipient_from_headers(raw).as_deref(),
        Some("jardins@essaim.test")
    );
    let sink = Recorder::default();
    let exit = deliver_stdin(&raw[..], envelope(&[]), &sink, 1 << 20).await;
    assert_eq!(exit.code, EX_OK, "{}", exit.message);
    // The mbox "From " line the pipe may add is not part of the message.
    assert!(sink.delivered()[0].1.starts_with(b"X-Original-To:"));

    let exit = deliver_stdin(MESSAGE, envelope(&[]), &sink, 1 << 20).await;
    assert_eq!(exit.code, EX_USAGE, "{}", exit.message);
}

#[tokio::test]
async fn exit_codes_follow_sysexits() {
    let sink = Recorder::default();
    let cases: Vec<(&[u8], &str, u8)> = vec![
        (MESSAGE, "personne@essaim.test", EX_NOUSER),
        (MESSAGE, "jardins@ailleurs.example", EX_NOUSER),
        (MESSAGE, "panne@essaim.test", EX_TEMPFAIL),
        (MESSAGE, "interdit@essaim.test", EX_DATAERR),
        (b"Subject: refuse\n\nx\n", "jardins@essaim.test", EX_DATAERR),
        (
            b"Subject: plus tard\n\nx\n",
            "jardins@essaim.test",
            EX_TEMPFAIL,
        ),
        (b"Subject: parti\n\nx\n", "jardins@essaim.test", EX_NOUSER),
        (b"  \n", "jardins@essaim.test", EX_DATAERR),
    ];
    for (raw, to, code) in cases {
        let exit = deliver_stdin(raw, envelope(&[to]), &sink, 1 << 20).await;
        assert_eq!(exit.code, code, "{to}: {}", exit.message);
        assert!(!exit.message.is_empty());
    }
    assert!(sink.delivered().is_empty());

    let big = vec![b'a'; 2000];
    let exit = deliver_stdin(&big[..], envelope(&["jardins@essaim.test"]), &sink, 1000).await;
    assert_eq!(exit.code, EX_DATAERR);
}

#[tokio::test]
async fn unknown_recipients_among_known_ones_are_left_out() {
    let sink = Recorder::default();
    let exit = deliver_stdin(
        MESSAGE,
        envelope(&["personne@essaim.test", "jardins@essaim.test"]),
        &sink,
        1 << 20,
    )
    .await;
    assert_eq!(exit.code, EX_OK);
    assert_eq!(
        sink.delivered()[0].0.recipients,
        vec!["jardins@essaim.test"]
    );
}

/// A reader that fails, as a closed pipe does.
struct Broken;

impl tokio::io::AsyncRead for Broken {
    fn poll_read(
        self: std::pin::Pin<&mut Self>,
        _: &mut std::task::Context<'_>,
        _: &mut tokio::io::ReadBuf<'_>,
    ) -> std::task::Poll<std::io::Result<()>> {
        std::task::Poll::Ready(Err(std::io::Error::other("pipe closed")))
    }
}

#[tokio::test]
async fn a_read_error_is_an_io_error() {
    let sink = Recorder::default();
    let exit = deliver_stdin(Broken, envelope(&["jardins@essaim.test"]), &sink, 1 << 20).await;
    assert_eq!(exit.code, essaim_mail::mail_in::EX_IOERR);
}
