//! Outbound email through a real SMTP exchange: delivery, retries with
//! backoff, permanent failures shown to admins, and a kill mid-send.

use std::process::Stdio;
use std::time::Duration;

use crate::both;
use crate::support::{headers_of, test_config, Backend, Options, SmtpCapture, TestApp, TestDb};

both!(
    email_is_delivered_over_smtp,
    temporary_failure_is_retried_with_backoff,
    permanent_failure_is_recorded_and_shown,
    kill_during_sending_loses_nothing,
);

async fn email_is_delivered_over_smtp(backend: Backend) {
    let app = TestApp::start_with(
        backend,
        Options {
            smtp: true,
            ..Options::default()
        },
    )
    .await;
    let smtp = app.smtp.clone().unwrap();
    app.browser_lang("en")
        .post_form(
            "/register",
            &[
                ("name", "Chloé"),
                ("email", "chloe@coop.fr"),
                ("password", "long enough pass"),
            ],
        )
        .await;
    assert_eq!(app.run_jobs().await, 1);
    let got = smtp.wait_for(1, Duration::from_secs(10)).await;
    assert_eq!(got[0].rcpt_to, vec!["chloe@coop.fr".to_string()]);
    assert_eq!(got[0].mail_from, "noreply@essaim.test");
    let headers = headers_of(&got[0].data);
    let parsed = mail_parser::MessageParser::default()
        .parse(&got[0].data)
        .unwrap();
    let subject = parsed.subject().unwrap();
    assert!(
        subject.contains("Confirm your address"),
        "English, as she registered: {subject}"
    );
    assert!(headers["message-id"].ends_with("@essaim.test>"));
    assert_eq!(headers["auto-submitted"], "auto-generated");
    assert!(parsed
        .body_html(0)
        .unwrap()
        .replace("&#x2f;", "/")
        .contains("/verify/"));
    assert_eq!(
        parsed.from().unwrap().first().unwrap().name(),
        Some("Réseau Test")
    );
    let mail = app.last_email_to("chloe@coop.fr").await;
    assert_eq!(mail.status, "sent");
    assert!(mail.sent_at.is_some());
    // The message sent is byte for byte the one stored.
    let stored_body = String::from_utf8_lossy(&mail.raw);
    let sent_body = String::from_utf8_lossy(&got[0].data);
    assert!(
        sent_body.starts_with(stored_body.trim_end()),
        "sent as stored"
    );
}

async fn temporary_failure_is_retried_with_backoff(backend: Backend) {
    let app = TestApp::start_with(
        backend,
        Options {
            smtp: true,
            ..Options::default()
        },
    )
    .await;
    let smtp = app.smtp.clone().unwrap();
    smtp.fail_next(2, 451);
    app.user("Paul", "paul@coop.fr", "mot de passe long").await;
    app.browser()
        .post_form("/login/link", &[("email", "paul@coop.fr")])
        .await;

    assert_eq!(app.run_jobs().await, 1);
    let mail = app.last_email_to("paul@coop.fr").await;
    assert_eq!((mail.status.as_str(), mail.attempts), ("queued", 1));
    assert!(mail.last_error.unwrap().contains("451"));
    assert_eq!(app.run_jobs().await, 0, "not due before the backoff");
    app.store.clock().advance(31);
    assert_eq!(app.run_jobs().await, 1, "second attempt after 30 s");
    app.store.clock().advance(31);
    assert_eq!(app.run_jobs().await, 0, "third attempt waits 60 s");
    app.store.clock().advance(30);
    assert_eq!(app.run_jobs().await, 1);
    let got = smtp.wait_for(1, Duration::from_secs(10)).await;
    assert_eq!(got.len(), 1);
    let mail = app.last_email_to("paul@coop.fr").await;
    assert_eq!((mail.status.as_str(), mail.attempts), ("sent", 3));
    let pending = app.store.pending_jobs().await.unwrap();
    assert!(
        !pending.iter().any(|j| j.kind == "send_email"),
        "{pending:?}"
    );
}

async fn permanent_failure_is_recorded_and_shown(backend: Backend) {
    let app = TestApp::start_with(
        backend,
        Options {
            smtp: true,
            ..Options::default()
        },
    )
    .await;
    let smtp = app.smtp.clone().unwrap();
    app.user("Admin", "admin@coop.fr", "mot de passe long")
        .await;
    smtp.fail_next(1, 550);
    app.browser()
        .post_form("/password/forgot", &[("email", "admin@coop.fr")])
        .await;
    app.worker.run_due().await.unwrap();
    let mail = app.last_email_to("admin@coop.fr").await;
    assert_eq!(mail.status, "failed");
    assert_eq!(app.failed_jobs().await.len(), 1, "its job failed for good");
    app.store.clock().advance(3 * 3600);
    assert_eq!(
        app.worker.run_due().await.unwrap(),
        0,
        "a permanent failure is not retried"
    );
    assert!(smtp.messages().is_empty());
    let admin = app.logged_in("admin@coop.fr", "mot de passe long").await;
    let page = admin.get("/admin/outbox").await;
    assert!(
        page.text.contains("Un e-mail n'a pas pu être envoyé"),
        "{}",
        page.text
    );
    assert!(page.text.contains("badge-error"));
    assert!(page.text.contains("550"));
    let detail = admin.get(&format!("/admin/outbox/{}", mail.id)).await;
    assert!(detail.text.contains("Échec"));
    let html = admin.get(&format!("/admin/outbox/{}/html", mail.id)).await;
    assert!(html
        .header("content-security-policy")
        .unwrap()
        .contains("sandbox"));
    // The message exactly as it would have gone out, as plain text.
    let raw = admin
        .client
        .get(format!("{}/admin/outbox/{}/raw", app.base, mail.id))
        .send()
        .await
        .unwrap();
    assert_eq!(raw.status(), 200);
    assert!(raw.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/plain"));
    assert_eq!(&raw.bytes().await.unwrap()[..], &mail.raw[..]);
    // Members and visitors read neither.
    app.user("Membre", "membre@coop.fr", "mot de passe long")
        .await;
    let member = app.logged_in("membre@coop.fr", "mot de passe long").await;
    for door in ["html", "raw"] {
        let path = format!("/admin/outbox/{}/{door}", mail.id);
        assert_eq!(member.get(&path).await.status, 403, "{door}");
        let res = app.browser().get(&path).await;
        assert_eq!(res.status, 401, "{door}");
        assert!(!res.text.contains("Message-ID"), "{door}");
    }
    // The failure was the point of this test.
    app.forget_failed_jobs().await;
}

/// The real binary sends while the SMTP server hangs; it is killed with
/// SIGKILL; a new process sends the message once the lease expires.
async fn kill_during_sending_loses_nothing(backend: Backend) {
    let db = TestDb::create(&backend).await;
    let dir = std::env::temp_dir().join(format!("essaim-kill-{}", essaim_store::random_token(6)));
    let config = test_config(&db.url, &dir);
    let store = essaim::server::open_store(&config).await.unwrap();
    let smtp = SmtpCapture::start().await;
    smtp.set_stall(true);
    let mail = essaim_mail::compose(
        &essaim::server::mail_config(&config),
        essaim_mail::Compose {
            kind: "test".into(),
            to: "dana@coop.fr".into(),
            subject: "Ne pas perdre".into(),
            text: "Bonjour".into(),
            html: "<p>Bonjour</p>".into(),
            ..Default::default()
        },
        store.now(),
    )
    .unwrap();
    let id = store.queue_email(&mail).await.unwrap();

    let spawn = || {
        tokio::process::Command::new(env!("CARGO_BIN_EXE_essaim"))
            .arg("serve")
            .env("ESSAIM_DATABASE_URL", &db.url)
            .env("ESSAIM_LISTEN", "127.0.0.1:0")
            .env("ESSAIM_DATA_DIR", dir.join("files"))
            .env("ESSAIM_SMTP_URL", smtp.url())
            .env("ESSAIM_MAIL_FROM", "noreply@essaim.test")
            .env("ESSAIM_MAIL_DOMAIN", "essaim.test")
            .env("ESSAIM_JOB_LEASE_SECONDS", "2")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .kill_on_drop(true)
            .spawn()
            .expect("essaim serve starts")
    };
    let mut first = spawn();
    // Wait until the worker has claimed the job (and is stuck in DATA).
    let claimed = async {
        loop {
            let pending = store.pending_jobs().await.unwrap();
            if pending.iter().any(|j| j.attempts >= 1) {
                return;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    };
    tokio::time::timeout(Duration::from_secs(30), claimed)
        .await
        .expect("the worker claims the job");
    tokio::time::sleep(Duration::from_millis(500)).await;
    first.start_kill().unwrap();
    first.wait().await.unwrap();
    assert!(
        smtp.messages().is_empty(),
        "nothing delivered before the kill"
    );
    assert_eq!(
        store.outbox_message(id).await.unwrap().unwrap().status,
        "queued"
    );

    smtp.set_stall(false);
    let mut second = spawn();
    let got = smtp.wait_for(1, Duration::from_secs(30)).await;
    assert_eq!(got[0].rcpt_to, vec!["dana@coop.fr".to_string()]);
    let sent = async {
        loop {
            if store.outbox_message(id).await.unwrap().unwrap().status == "sent" {
                return;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    };
    tokio::time::timeout(Duration::from_secs(10), sent)
        .await
        .expect("marked sent");
    second.start_kill().unwrap();
    let _ = second.wait().await;
    let _ = std::fs::remove_dir_all(&dir);
}
