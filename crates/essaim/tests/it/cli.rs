//! The command line, run as a real process: accounts, tokens, bad settings.

use std::process::Stdio;

use tokio::io::AsyncWriteExt;

use crate::both;
use crate::support::{Backend, TestApp};

both!(
    cli_creates_admins_and_tokens,
    backup_holds_the_database_and_the_files
);

async fn essaim(app: &TestApp, args: &[&str], stdin: Option<&str>) -> (i32, String, String) {
    let mut child = tokio::process::Command::new(env!("CARGO_BIN_EXE_essaim"))
        .args(args)
        .env("ESSAIM_DATABASE_URL", &app.config.database_url)
        .env("ESSAIM_DATA_DIR", &app.config.data_dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("essaim runs");
    let mut input = child.stdin.take().expect("stdin");
    if let Some(text) = stdin {
        input.write_all(text.as_bytes()).await.expect("write stdin");
    }
    drop(input);
    let out = child.wait_with_output().await.expect("essaim ends");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).to_string(),
        String::from_utf8_lossy(&out.stderr).to_string(),
    )
}

async fn me_status(app: &TestApp, token: &str) -> u16 {
    reqwest::Client::new()
        .get(format!("{}/api/v1/me", app.base))
        .bearer_auth(token)
        .send()
        .await
        .unwrap()
        .status()
        .as_u16()
}

async fn cli_creates_admins_and_tokens(backend: Backend) {
    let app = TestApp::start(backend).await;
    app.user("Someone", "someone@coop.fr", "mot de passe long")
        .await;
    let (code, out, err) = essaim(
        &app,
        &[
            "user",
            "add",
            "--email",
            "Boss@Coop.fr",
            "--name",
            "La Patronne",
            "--admin",
            "--password-stdin",
        ],
        Some("un mot de passe solide\n"),
    )
    .await;
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("boss@coop.fr") && out.contains("administrator"));
    let boss = app
        .store
        .user_by_email("boss@coop.fr")
        .await
        .unwrap()
        .unwrap();
    assert!(boss.is_admin && boss.email_verified_at.is_some());
    app.logged_in("boss@coop.fr", "un mot de passe solide")
        .await;

    // Bad input changes nothing.
    let refused: [(&[&str], Option<&str>, &str); 3] = [
        (
            &["user", "add", "--email", "nope", "--name", "X"],
            None,
            "--email",
        ),
        (
            &["user", "add", "--email", "boss@coop.fr", "--name", "Double"],
            None,
            "already",
        ),
        (
            &[
                "user",
                "add",
                "--email",
                "x@coop.fr",
                "--name",
                "X",
                "--password-stdin",
            ],
            Some("court\n"),
            "10",
        ),
    ];
    for (args, stdin, expected) in refused {
        let (code, _, err) = essaim(&app, args, stdin).await;
        assert_ne!(code, 0, "{args:?}");
        assert!(err.contains(expected), "{args:?}: {err}");
    }
    assert_eq!(app.store.count_users().await.unwrap(), 2);

    // A token authenticates API calls until revoked.
    let (code, token, err) = essaim(
        &app,
        &[
            "token",
            "create",
            "--email",
            "boss@coop.fr",
            "--name",
            "tableur",
        ],
        None,
    )
    .await;
    assert_eq!(code, 0, "{err}");
    let token = token.trim().to_string();
    assert!(token.starts_with("essaim_"));
    assert_eq!(me_status(&app, &token).await, 200);
    let (code, list, _) = essaim(&app, &["token", "list", "--email", "boss@coop.fr"], None).await;
    assert_eq!(code, 0);
    assert!(list.contains("tableur") && list.contains("active"));
    let (code, _, err) = essaim(&app, &["token", "revoke", &token], None).await;
    assert_eq!(code, 0, "{err}");
    assert_eq!(me_status(&app, &token).await, 401);
    let (code, _, _) = essaim(&app, &["token", "revoke", &token], None).await;
    assert_ne!(code, 0, "revoking twice says so");
}

#[tokio::test]
async fn a_wrong_setting_stops_start_up_with_one_line_naming_it() {
    let cases = [
        ("ESSAIM_LISTEN", "partout", "ESSAIM_LISTEN"),
        ("ESSAIM_DATABASE_URL", "mysql://x", "ESSAIM_DATABASE_URL"),
        ("ESSAIM_SMTP_URL", "ftp://mail", "ESSAIM_SMTP_URL"),
        ("ESSAIM_BASE_URL", "pas une adresse", "ESSAIM_BASE_URL"),
        ("ESSAIM_MAIL_FROM", "personne", "ESSAIM_MAIL_FROM"),
        ("ESSAIM_TRUST_PROXY", "peut-être", "ESSAIM_TRUST_PROXY"),
        ("ESSAIM_SMTP_LISTEN", "partout", "ESSAIM_SMTP_LISTEN"),
        (
            "ESSAIM_SMTP_TLS_CERT",
            "/nulle/cert.pem",
            "ESSAIM_SMTP_TLS_KEY",
        ),
    ];
    for (var, value, named) in cases {
        let out = tokio::process::Command::new(env!("CARGO_BIN_EXE_essaim"))
            .arg("serve")
            .env(var, value)
            .env(
                "ESSAIM_DATABASE_URL",
                if var == "ESSAIM_DATABASE_URL" {
                    value
                } else {
                    "sqlite::memory:"
                },
            )
            .output()
            .await
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(78), "{var}: {err}");
        let lines: Vec<_> = err.lines().filter(|l| !l.trim().is_empty()).collect();
        assert_eq!(lines.len(), 1, "{var}: one line, got {err}");
        assert!(lines[0].contains(named), "{var}: {err}");
    }
}

async fn backup_holds_the_database_and_the_files(backend: Backend) {
    let app = TestApp::start(backend.clone()).await;
    app.user("Bea", "bea@coop.fr", "mot de passe long").await;
    let upload = app.config.data_dir.join("attachments").join("1-abc");
    std::fs::create_dir_all(upload.parent().unwrap()).unwrap();
    std::fs::write(&upload, b"compte rendu").unwrap();
    let out = std::env::temp_dir().join(format!(
        "essaim-backup-test-{}.tar.gz",
        essaim_store::random_token(4)
    ));
    // Another application's schema in the same PostgreSQL database.
    let other = format!("other_app_{}", essaim_store::random_token(4));
    if let Backend::Postgres(base) = &backend {
        let mut conn = <sqlx::PgConnection as sqlx::Connection>::connect(base)
            .await
            .unwrap();
        for sql in [
            format!("CREATE SCHEMA {other}"),
            format!("CREATE TABLE {other}.notes (id INT)"),
        ] {
            sqlx::query(&sql).execute(&mut conn).await.unwrap();
        }
    }
    let (code, stdout, err) =
        essaim(&app, &["backup", "--output", out.to_str().unwrap()], None).await;
    if let Backend::Postgres(base) = &backend {
        let mut conn = <sqlx::PgConnection as sqlx::Connection>::connect(base)
            .await
            .unwrap();
        sqlx::query(&format!("DROP SCHEMA {other} CASCADE"))
            .execute(&mut conn)
            .await
            .unwrap();
    }
    assert_eq!(code, 0, "{err}");
    assert!(stdout.contains("backup written"));
    let listing = std::process::Command::new("tar")
        .arg("-tzf")
        .arg(&out)
        .output()
        .unwrap();
    let names = String::from_utf8_lossy(&listing.stdout).to_string();
    let db_file = match backend {
        Backend::Sqlite => "database/essaim.db",
        Backend::Postgres(_) => "database/essaim.pgdump",
    };
    assert!(names.contains(db_file), "{names}");
    assert!(names.contains("files/attachments/1-abc"), "{names}");
    // The SQLite copy is a working database with the account in it.
    if matches!(backend, Backend::Sqlite) {
        let dir = out.with_extension("d");
        std::fs::create_dir_all(&dir).unwrap();
        std::process::Command::new("tar")
            .arg("-xzf")
            .arg(&out)
            .arg("-C")
            .arg(&dir)
            .status()
            .unwrap();
        let copy = essaim_store::Store::connect(&format!(
            "sqlite://{}",
            dir.join("database/essaim.db").display()
        ))
        .await
        .unwrap();
        assert!(copy.user_by_email("bea@coop.fr").await.unwrap().is_some());
        let _ = std::fs::remove_dir_all(&dir);
    }
    // The PostgreSQL dump holds this instance's schema, and only it (other
    // schemas of the database are other applications', or other tests').
    if matches!(backend, Backend::Postgres(_)) {
        let dir = out.with_extension("d");
        std::fs::create_dir_all(&dir).unwrap();
        std::process::Command::new("tar")
            .arg("-xzf")
            .arg(&out)
            .arg("-C")
            .arg(&dir)
            .status()
            .unwrap();
        let listing = std::process::Command::new("pg_restore")
            .arg("--list")
            .arg(dir.join("database/essaim.pgdump"))
            .output()
            .expect("pg_restore (postgresql-client)");
        let toc = String::from_utf8_lossy(&listing.stdout).to_string();
        let schema = app.store.current_schema().await.unwrap();
        assert!(toc.contains(&format!("TABLE {schema} users")), "{toc}");
        assert!(!toc.contains(&other), "{toc}");
        assert!(
            !toc.lines()
                .any(|l| l.contains(" TABLE ") && !l.contains(&format!(" {schema} "))),
            "only this schema: {toc}"
        );
        let _ = std::fs::remove_dir_all(&dir);
    }
    // Never overwrites.
    let (code, _, err) = essaim(&app, &["backup", "--output", out.to_str().unwrap()], None).await;
    assert_ne!(code, 0);
    assert!(err.contains("already exists"));
    let _ = std::fs::remove_file(&out);
}
