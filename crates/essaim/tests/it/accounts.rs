//! Accounts through HTTP: registration, verification, both logins, logout,
//! resets, rate limits, bad input.

use crate::both;
use crate::support::{find_link, headers_of, Backend, TestApp};

both!(
    register_verify_and_log_in_both_ways,
    magic_links_work_once_and_expire,
    duplicate_registration_reveals_nothing,
    registration_refuses_bad_input_and_changes_nothing,
    csrf_is_required_on_every_form,
    login_is_rate_limited_across_nodes,
    registration_and_emailed_links_are_rate_limited_across_nodes,
    a_session_is_valid_on_every_node,
    first_account_is_admin,
    forgotten_password_resets_and_ends_sessions,
    account_page_saves_and_switches_language,
);

async fn register_verify_and_log_in_both_ways(backend: Backend) {
    let app = TestApp::start(backend).await;
    let zoe = app.browser();
    let page = zoe.get("/register").await;
    assert_eq!(page.status, 200);
    assert!(page.text.contains("Créer un compte"), "French by default");

    let res = zoe
        .post_form(
            "/register",
            &[
                ("name", "Zoé Lambert"),
                ("email", "Zoe@Asso.fr"),
                ("password", "une phrase assez longue"),
            ],
        )
        .await;
    assert_eq!(res.status, 200, "{}", res.text);
    assert!(res.text.contains("Regardez vos e-mails"));
    assert!(res.text.contains("zoe@asso.fr"));

    // The verification email is in the outbox, in French, multipart.
    assert_eq!(app.run_jobs().await, 1);
    let mail = app.last_email_to("zoe@asso.fr").await;
    assert_eq!(mail.status, "captured");
    assert!(
        mail.subject.contains("Confirmez votre adresse"),
        "{}",
        mail.subject
    );
    let headers = headers_of(&mail.raw);
    assert!(
        headers["from"].contains("Réseau Test") || headers["from"].contains("=?utf-8?"),
        "{:?}",
        headers["from"]
    );
    assert!(headers["message-id"].contains("@essaim.test>"));
    assert!(headers.contains_key("date"));
    assert!(headers["content-type"].starts_with("multipart/alternative"));
    let parsed = mail_parser::MessageParser::default()
        .parse(&mail.raw)
        .expect("parse");
    assert_eq!(parsed.text_body_count(), 1);
    assert_eq!(parsed.html_body_count(), 1);
    assert!(parsed
        .body_text(0)
        .expect("text")
        .contains("Bonjour Zoé Lambert"));

    // Before confirming, the password is not enough.
    let early = app.browser();
    let res = early
        .post_form(
            "/login",
            &[
                ("email", "zoe@asso.fr"),
                ("password", "une phrase assez longue"),
            ],
        )
        .await;
    assert_eq!(res.status, 403);
    assert!(res.text.contains("Confirmez d'abord votre adresse"));

    // The link confirms and logs in.
    let link = find_link(&mail.text_body, "/verify/");
    let res = zoe.get(&link).await;
    assert_eq!(res.status, 303);
    assert!(res
        .set_cookies()
        .iter()
        .any(|c| c.starts_with("essaim_session=")
            && c.contains("HttpOnly")
            && c.contains("SameSite=Lax")));
    let home = zoe.get("/").await;
    assert!(home.text.contains("Zoé Lambert"));
    assert!(home.text.contains("adresse est confirmée"));
    // A second use of the verification link fails.
    assert_eq!(zoe.get(&link).await.status, 410);

    // Logout ends the session.
    let res = zoe.post_form("/logout", &[]).await;
    assert_eq!(res.status, 303);
    assert_eq!(zoe.get("/account").await.status, 303);

    // Password login now works; a wrong password does not.
    let bad = app
        .browser()
        .post_form(
            "/login",
            &[("email", "zoe@asso.fr"), ("password", "pas le bon mot")],
        )
        .await;
    assert_eq!(bad.status, 422);
    assert!(bad.text.contains("ne correspond pas"));
    assert!(
        bad.text.contains("zoe@asso.fr"),
        "the typed address stays in the form"
    );
    let b = app
        .logged_in("zoe@asso.fr", "une phrase assez longue")
        .await;
    assert!(b.get("/account").await.text.contains("zoe@asso.fr"));
}

async fn magic_links_work_once_and_expire(backend: Backend) {
    let app = TestApp::start(backend).await;
    app.user("Bernard", "bernard@coop.fr", "mot de passe long")
        .await;
    let b = app.browser();
    let res = b
        .post_form("/login/link", &[("email", "bernard@coop.fr")])
        .await;
    assert_eq!(res.status, 200);
    app.run_jobs().await;
    let mail = app.last_email_to("bernard@coop.fr").await;
    assert!(mail.subject.contains("lien de connexion"));
    let link = find_link(&mail.text_body, "/login/link/");
    let path = link.trim_start_matches(&app.base).to_string();

    // Opening the link (as a mail scanner would) does not use it up.
    assert_eq!(b.get(&path).await.status, 200);
    assert_eq!(b.get(&path).await.status, 200);
    let res = b.post_form(&path, &[]).await;
    assert_eq!(res.status, 303);
    assert!(b.get("/").await.text.contains("Bernard"));
    // Reused: refused with a clear page.
    let again = app.browser();
    let res = again.post_form(&path, &[]).await;
    assert_eq!(res.status, 410);
    assert!(res.text.contains("Ce lien ne marche plus"));
    assert_eq!(again.get(&path).await.status, 410);

    // An unknown address gets the same answer and no email.
    let before = app.outbox().await.len();
    let res = app
        .browser()
        .post_form("/login/link", &[("email", "personne@nulle.part")])
        .await;
    assert_eq!(res.status, 200);
    assert!(res.text.contains("Si un compte existe"));
    assert_eq!(app.outbox().await.len(), before);

    // Links expire after 20 minutes.
    app.browser()
        .post_form("/login/link", &[("email", "bernard@coop.fr")])
        .await;
    let mail = app.last_email_to("bernard@coop.fr").await;
    let path = find_link(&mail.text_body, "/login/link/")
        .trim_start_matches(&app.base)
        .to_string();
    app.store.clock().advance(21 * 60);
    let res = app.browser().post_form(&path, &[]).await;
    assert_eq!(res.status, 410);
}

async fn duplicate_registration_reveals_nothing(backend: Backend) {
    let app = TestApp::start(backend).await;
    let form = [
        ("name", "Inès"),
        ("email", "ines@coop.fr"),
        ("password", "dix caractères ok"),
    ];
    let first = app.browser().post_form("/register", &form).await;
    let other = [
        ("name", "Quelqu'un"),
        ("email", "ines@coop.fr"),
        ("password", "autre chose longue"),
    ];
    let second = app.browser().post_form("/register", &other).await;
    assert_eq!(first.status, second.status);
    let strip = |s: &str| {
        s.lines()
            .filter(|l| !l.contains("csrf"))
            .collect::<Vec<_>>()
            .join("\n")
    };
    assert_eq!(
        strip(&first.text),
        strip(&second.text),
        "both answers are the same page"
    );
    assert_eq!(app.store.count_users().await.unwrap(), 1);
    let mail = app.last_email_to("ines@coop.fr").await;
    assert!(mail.subject.contains("déjà un compte"), "{}", mail.subject);
}

async fn registration_refuses_bad_input_and_changes_nothing(backend: Backend) {
    let app = TestApp::start(backend).await;
    let b = app.browser();
    let long_name = "n".repeat(81);
    let long_email = format!("{}@coop.fr", "a".repeat(250));
    let cases: Vec<([(&str, &str); 3], &str)> = vec![
        (
            [
                ("name", ""),
                ("email", "a@coop.fr"),
                ("password", "assez long mot"),
            ],
            "Indiquez votre nom",
        ),
        (
            [
                ("name", &long_name),
                ("email", "a@coop.fr"),
                ("password", "assez long mot"),
            ],
            "Ce nom est trop long",
        ),
        (
            [
                ("name", "Al"),
                ("email", ""),
                ("password", "assez long mot"),
            ],
            "Indiquez votre adresse",
        ),
        (
            [
                ("name", "Al"),
                ("email", "pas-une-adresse"),
                ("password", "assez long mot"),
            ],
            "ne semble pas correcte",
        ),
        (
            [
                ("name", "Al"),
                ("email", &long_email),
                ("password", "assez long mot"),
            ],
            "trop longue",
        ),
        (
            [
                ("name", "Al"),
                ("email", "a@coop.fr"),
                ("password", "court"),
            ],
            "au moins 10 caractères",
        ),
    ];
    for (form, message) in cases {
        let res = b.post_form("/register", &form).await;
        assert_eq!(res.status, 422, "{form:?}");
        assert!(res.text.contains(message), "{message} missing for {form:?}");
        assert!(res.text.contains("aria-invalid=\"true\""));
    }
    // What was typed stays in the form (but never the password).
    let res = b
        .post_form(
            "/register",
            &[
                ("name", "Gaëlle <b>"),
                ("email", "bad"),
                ("password", "secret-123"),
            ],
        )
        .await;
    assert!(
        res.text.contains("value=\"Gaëlle &lt;b&gt;\""),
        "typed name kept, escaped"
    );
    assert!(!res.text.contains("secret-123"));
    assert_eq!(app.store.count_users().await.unwrap(), 0);
    assert!(app.outbox().await.is_empty());

    // English errors for an English reader.
    let en = app.browser_lang("en-GB,en;q=0.9");
    let res = en
        .post_form(
            "/register",
            &[
                ("name", "Al"),
                ("email", "a@coop.fr"),
                ("password", "short"),
            ],
        )
        .await;
    assert!(res.text.contains("at least 10 characters"));

    // A body that is not UTF-8 is refused with a page, not a crash.
    let csrf = b.csrf().await;
    let mut body = format!("csrf={csrf}&name=").into_bytes();
    body.extend_from_slice(b"%FF%FE&email=a%40coop.fr&password=assez+long+mot");
    let res = b.post_bytes("/register", body).await;
    assert_eq!(res.status, 400);
    assert!(res.text.contains("Nous n'avons pas compris"));
    // An oversized body is refused with the page saying so (the server
    // reads it to the end first, so the browser gets that page instead of a
    // connection closed while it is still sending).
    for _ in 0..5 {
        let res = b.post_bytes("/register", vec![b'a'; 2 * 1024 * 1024]).await;
        assert_eq!(res.status, 413);
        assert!(res.text.contains("trop gros"));
    }
    assert_eq!(app.store.count_users().await.unwrap(), 0);
}

async fn csrf_is_required_on_every_form(backend: Backend) {
    let app = TestApp::start(backend).await;
    app.user("Marc", "marc@coop.fr", "mot de passe long").await;
    let b = app.logged_in("marc@coop.fr", "mot de passe long").await;
    let forged = [
        (
            "/register",
            vec![
                ("name", "X"),
                ("email", "x@coop.fr"),
                ("password", "assez long mot"),
            ],
        ),
        ("/login/link", vec![("email", "marc@coop.fr")]),
        (
            "/account",
            vec![
                ("name", "Pirate"),
                ("lang", "en"),
                ("email_frequency", "never"),
            ],
        ),
        ("/lang", vec![("lang", "en")]),
        ("/logout", vec![]),
    ];
    for (path, fields) in &forged {
        for token in [None, Some("0000000000000000000000000000000000000000")] {
            let mut f = fields.clone();
            if let Some(t) = token {
                f.push(("csrf", t));
            }
            let res = b.post_raw_form(path, &f).await;
            assert_eq!(res.status, 403, "{path} with {token:?}");
            assert!(res.text.contains("Le formulaire a expiré"));
        }
    }
    // Nothing changed: still logged in, same name, no account, no email.
    let account = b.get("/account").await;
    assert_eq!(account.status, 200);
    assert!(account.text.contains("Marc"));
    assert!(!account.text.contains("Pirate"));
    assert_eq!(app.store.count_users().await.unwrap(), 1);
    assert!(app.outbox().await.is_empty());
}

async fn login_is_rate_limited_across_nodes(backend: Backend) {
    let app = TestApp::start(backend).await;
    app.user("Sam", "sam@coop.fr", "mot de passe long").await;
    let node2 = app.another_node().await;
    for i in 0..10 {
        // Alternate nodes: the counter lives in the database.
        let node = if i % 2 == 0 { &app } else { &node2 };
        let res = node
            .browser()
            .post_form(
                "/login",
                &[("email", "sam@coop.fr"), ("password", "mauvais essai")],
            )
            .await;
        assert_eq!(res.status, 422, "attempt {i}");
    }
    let res = node2
        .browser()
        .post_form(
            "/login",
            &[("email", "sam@coop.fr"), ("password", "mot de passe long")],
        )
        .await;
    assert_eq!(res.status, 429);
    assert!(res.text.contains("Trop d'essais"));
    // The window passes; the right password works again.
    app.store.clock().advance(901);
    app.logged_in("sam@coop.fr", "mot de passe long").await;
}

async fn first_account_is_admin(backend: Backend) {
    let app = TestApp::start(backend).await;
    for (name, email) in [("Première", "one@coop.fr"), ("Seconde", "two@coop.fr")] {
        app.browser()
            .post_form(
                "/register",
                &[
                    ("name", name),
                    ("email", email),
                    ("password", "assez long mot"),
                ],
            )
            .await;
    }
    let one = app
        .store
        .user_by_email("one@coop.fr")
        .await
        .unwrap()
        .unwrap();
    let two = app
        .store
        .user_by_email("two@coop.fr")
        .await
        .unwrap()
        .unwrap();
    assert!(one.is_admin);
    assert!(!two.is_admin);
}

async fn forgotten_password_resets_and_ends_sessions(backend: Backend) {
    let app = TestApp::start(backend).await;
    app.user("Lou", "lou@coop.fr", "ancien mot de passe").await;
    let old_session = app.logged_in("lou@coop.fr", "ancien mot de passe").await;
    let b = app.browser();
    b.post_form("/password/forgot", &[("email", "lou@coop.fr")])
        .await;
    let mail = app.last_email_to("lou@coop.fr").await;
    let path = find_link(&mail.text_body, "/password/reset/")
        .trim_start_matches(&app.base)
        .to_string();
    assert_eq!(b.get(&path).await.status, 200);
    let short = b.post_form(&path, &[("password", "court")]).await;
    assert_eq!(short.status, 422);
    let res = b
        .post_form(&path, &[("password", "nouveau mot de passe")])
        .await;
    assert_eq!(res.status, 303);
    assert_eq!(
        old_session.get("/account").await.status,
        303,
        "old sessions end"
    );
    assert_eq!(b.get("/account").await.status, 200);
    let res = app
        .browser()
        .post_form(
            "/login",
            &[
                ("email", "lou@coop.fr"),
                ("password", "ancien mot de passe"),
            ],
        )
        .await;
    assert_eq!(res.status, 422);
    app.logged_in("lou@coop.fr", "nouveau mot de passe").await;
    assert_eq!(
        b.post_form(&path, &[("password", "encore un autre")])
            .await
            .status,
        410
    );
}

async fn account_page_saves_and_switches_language(backend: Backend) {
    let app = TestApp::start(backend).await;
    app.user("Noé", "noe@coop.fr", "mot de passe long").await;
    let b = app.logged_in("noe@coop.fr", "mot de passe long").await;
    let res = b
        .post_form(
            "/account",
            &[
                ("name", "Noé B."),
                ("lang", "en"),
                ("email_frequency", "daily"),
                ("email_newsletter", "1"),
            ],
        )
        .await;
    assert_eq!(res.status, 303);
    let page = b.get("/account").await;
    assert!(
        page.text.contains("My account"),
        "English after choosing it"
    );
    assert!(page.text.contains("Noé B."));
    let user = app
        .store
        .user_by_email("noe@coop.fr")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(user.email_frequency, "daily");
    assert_eq!(user.lang.as_deref(), Some("en"));

    // Bad choices are refused and nothing changes.
    let res = b
        .post_form(
            "/account",
            &[
                ("name", "Noé B."),
                ("lang", "klingon"),
                ("email_frequency", "hourly"),
            ],
        )
        .await;
    assert_eq!(res.status, 422);
    assert!(res.text.contains("This language is not offered"));
    let user = app
        .store
        .user_by_email("noe@coop.fr")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(user.lang.as_deref(), Some("en"));

    // The header switcher changes the account's language too.
    let res = b
        .post_form("/lang", &[("lang", "fr"), ("next", "/account")])
        .await;
    assert_eq!(res.status, 303);
    assert_eq!(res.location(), "/account");
    assert!(b.get("/account").await.text.contains("Mon compte"));
    // Password change needs the current one.
    let res = b
        .post_form(
            "/account/password",
            &[
                ("current_password", "faux"),
                ("new_password", "nouveau secret long"),
            ],
        )
        .await;
    assert_eq!(res.status, 422);
    assert!(res.text.contains("pas votre mot de passe actuel"));
    let res = b
        .post_form(
            "/account/password",
            &[
                ("current_password", "mot de passe long"),
                ("new_password", "nouveau secret long"),
            ],
        )
        .await;
    assert_eq!(res.status, 303);
    assert_eq!(
        b.get("/account").await.status,
        200,
        "the current session stays"
    );
}

/// Registration (10 an hour from one address) and emailed links (5 an hour
/// for one email address, magic links and resets together) are limited by
/// counters in the database, so two nodes share them; a refused request
/// keeps what was typed and creates or sends nothing.
async fn registration_and_emailed_links_are_rate_limited_across_nodes(backend: Backend) {
    let app = TestApp::start(backend).await;
    let node2 = app.another_node().await;
    for i in 0..10 {
        let node = if i % 2 == 0 { &app } else { &node2 };
        let email = format!("personne{i}@coop.fr");
        let res = node
            .browser()
            .post_form(
                "/register",
                &[
                    ("name", "Quelqu'un"),
                    ("email", &email),
                    ("password", "une phrase assez longue"),
                ],
            )
            .await;
        assert_eq!(res.status, 200, "registration {i}: {}", res.text);
    }
    assert_eq!(app.store.count_users().await.unwrap(), 10);
    let res = node2
        .browser()
        .post_form(
            "/register",
            &[
                ("name", "Une de trop"),
                ("email", "de-trop@coop.fr"),
                ("password", "une phrase assez longue"),
            ],
        )
        .await;
    assert_eq!(res.status, 429, "{}", res.text);
    assert!(res.text.contains("Trop d'essais"), "{}", res.text);
    assert!(res.text.contains("de-trop@coop.fr"), "the address stays");
    assert!(res.text.contains("Une de trop"), "the name stays");
    assert_eq!(app.store.count_users().await.unwrap(), 10, "no account");

    // Emailed links: five for one address, whichever kind and node.
    app.run_jobs().await;
    let sent = app.outbox().await.len();
    for i in 0..5 {
        let node = if i % 2 == 0 { &app } else { &node2 };
        let path = if i < 3 {
            "/login/link"
        } else {
            "/password/forgot"
        };
        let res = node
            .browser()
            .post_form(path, &[("email", "personne0@coop.fr")])
            .await;
        assert_eq!(res.status, 200, "link {i}: {}", res.text);
    }
    for path in ["/login/link", "/password/forgot"] {
        let res = node2
            .browser()
            .post_form(path, &[("email", "personne0@coop.fr")])
            .await;
        assert_eq!(res.status, 429, "{path}: {}", res.text);
        assert!(res.text.contains("Trop d'essais"));
        assert!(res.text.contains("personne0@coop.fr"), "the address stays");
    }
    app.run_jobs().await;
    assert_eq!(
        app.outbox().await.len(),
        sent + 5,
        "nothing sent when refused"
    );
    // Another address is not held back; the window passes for the first.
    let res = app
        .browser()
        .post_form("/login/link", &[("email", "personne1@coop.fr")])
        .await;
    assert_eq!(res.status, 200);
    app.store.clock().advance(3601);
    let res = app
        .browser()
        .post_form("/login/link", &[("email", "personne0@coop.fr")])
        .await;
    assert_eq!(res.status, 200);
    let res = app
        .browser()
        .post_form(
            "/register",
            &[
                ("name", "Une de trop"),
                ("email", "de-trop@coop.fr"),
                ("password", "une phrase assez longue"),
            ],
        )
        .await;
    assert_eq!(res.status, 200, "{}", res.text);
}

/// Sessions and anti-forgery keys live in the database and the instance's
/// secret: a person logged in through one node is logged in on another,
/// a form from one node is accepted by the other, and logging out on one
/// ends the session everywhere.
async fn a_session_is_valid_on_every_node(backend: Backend) {
    let app = TestApp::start(backend).await;
    app.user("Nina", "nina@coop.fr", "mot de passe long").await;
    let node2 = app.another_node().await;
    let nina = app.logged_in("nina@coop.fr", "mot de passe long").await;
    let on_node2 = |path: &str| format!("{}{path}", node2.base);
    let account = nina.get(&on_node2("/account")).await;
    assert_eq!(account.status, 200, "{}", account.text);
    assert!(account.text.contains("nina@coop.fr"));
    // The key of a form shown by node 1, sent to node 2.
    let csrf = nina.csrf().await;
    let res = nina
        .post_raw_form(
            &on_node2("/account"),
            &[
                ("name", "Nina Roux"),
                ("lang", "fr"),
                ("email_frequency", "immediate"),
                ("csrf", &csrf),
            ],
        )
        .await;
    assert_eq!(res.status, 303, "{}", res.text);
    assert!(nina.get("/account").await.text.contains("Nina Roux"));
    let res = nina
        .post_raw_form(&on_node2("/logout"), &[("csrf", &csrf)])
        .await;
    assert_eq!(res.status, 303);
    assert_eq!(
        nina.get("/account").await.status,
        303,
        "logged out on node 1"
    );
}
