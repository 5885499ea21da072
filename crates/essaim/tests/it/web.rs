//! The web shell: languages, error pages, security headers, assets, probes.

use crate::both;
use crate::support::{Backend, TestApp};

both!(
    language_follows_account_then_browser,
    error_pages_are_localized,
    security_headers_and_assets,
    probes_answer,
    cookies_are_secure_behind_https,
    a_theme_replaces_templates_and_faults_get_a_localized_page
);

async fn language_follows_account_then_browser(backend: Backend) {
    let app = TestApp::start(backend).await;
    let fr = app.browser().get("/").await;
    assert!(fr.text.contains("<html lang=\"fr\">"));
    assert!(fr.text.contains("Bienvenue"));
    let en = app.browser_lang("en-US,en;q=0.8,fr;q=0.5").get("/").await;
    assert!(en.text.contains("<html lang=\"en\">"));
    assert!(en.text.contains("Welcome"));
    // The switcher (anonymous) is remembered in a cookie and beats the header.
    let b = app.browser_lang("en");
    let res = b
        .post_form("/lang", &[("lang", "fr"), ("next", "/register")])
        .await;
    assert_eq!(res.status, 303);
    assert_eq!(res.location(), "/register");
    assert!(b.get("/").await.text.contains("Bienvenue"));
    // Unknown language and unsafe `next`: refused / sent home.
    let res = b.post_form("/lang", &[("lang", "xx")]).await;
    assert_eq!(res.status, 422);
    let res = b
        .post_form("/lang", &[("lang", "en"), ("next", "//evil.example/")])
        .await;
    assert_eq!(res.location(), "/");
    // The account's language beats the browser's.
    app.user("Ola", "ola@coop.fr", "mot de passe long").await;
    let b = app.browser_lang("en");
    b.post_form(
        "/login",
        &[("email", "ola@coop.fr"), ("password", "mot de passe long")],
    )
    .await;
    b.post_form("/lang", &[("lang", "fr")]).await;
    let other_device = app.browser_lang("en");
    other_device
        .post_form(
            "/login",
            &[("email", "ola@coop.fr"), ("password", "mot de passe long")],
        )
        .await;
    assert!(other_device.get("/").await.text.contains("Bienvenue"));
}

async fn error_pages_are_localized(backend: Backend) {
    let app = TestApp::start(backend).await;
    let res = app.browser().get("/nulle-part").await;
    assert_eq!(res.status, 404);
    assert!(res.text.contains("Page introuvable"));
    let res = app.browser_lang("en").get("/nowhere").await;
    assert_eq!(res.status, 404);
    assert!(res.text.contains("Page not found"));
    // Admin pages: 401 for visitors, 403 for members.
    let res = app.browser().get("/admin/outbox").await;
    assert_eq!(res.status, 401);
    assert!(res.text.contains("Connexion nécessaire"));
    app.user("Admin", "admin@coop.fr", "mot de passe long")
        .await; // first account: admin
    app.user("Membre", "membre@coop.fr", "mot de passe long")
        .await;
    let member = app.logged_in("membre@coop.fr", "mot de passe long").await;
    let res = member.get("/admin/outbox").await;
    assert_eq!(res.status, 403);
    assert!(res.text.contains("Accès réservé"));
    let admin = app.logged_in("admin@coop.fr", "mot de passe long").await;
    assert_eq!(admin.get("/admin/outbox").await.status, 200);
    assert_eq!(admin.get("/admin/outbox/999999").await.status, 404);
}

async fn security_headers_and_assets(backend: Backend) {
    let app = TestApp::start(backend).await;
    let res = app.browser().get("/").await;
    let csp = res.header("content-security-policy").unwrap();
    assert!(csp.contains("script-src 'self'"));
    assert!(!csp.contains("unsafe-inline"));
    assert!(csp.contains("frame-ancestors 'none'"));
    assert_eq!(
        res.header("x-content-type-options").as_deref(),
        Some("nosniff")
    );
    assert!(res.header("referrer-policy").is_some());
    assert!(!res.text.contains("<script>"), "no inline script");
    assert!(!res.text.contains("style=\""), "no inline style");
    let cookie = res
        .set_cookies()
        .into_iter()
        .find(|c| c.starts_with("essaim_csrf="))
        .unwrap();
    assert!(
        cookie.contains("HttpOnly")
            && cookie.contains("SameSite=Lax")
            && !cookie.contains("Secure")
    );

    let css_version = crate::support::extract(&res.text, "/static/essaim.css?v=", '"').unwrap();
    let css = app
        .browser()
        .get(&format!("/static/essaim.css?v={css_version}"))
        .await;
    assert_eq!(css.status, 200);
    assert!(css.header("content-type").unwrap().starts_with("text/css"));
    assert!(css.header("cache-control").unwrap().contains("immutable"));
    let etag = css.header("etag").unwrap();
    let again = app
        .browser()
        .client
        .get(format!("{}/static/essaim.css", app.base))
        .header("if-none-match", etag)
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), 304);
    // Compression when asked.
    let gz = reqwest::Client::builder()
        .build()
        .unwrap()
        .get(format!("{}/static/essaim.css", app.base))
        .header("accept-encoding", "gzip")
        .send()
        .await
        .unwrap();
    assert_eq!(gz.headers().get("content-encoding").unwrap(), "gzip");
    assert_eq!(app.browser().get("/static/nothing.css").await.status, 404);
    // The instance's accent colour, linked from every page.
    assert!(res.text.contains(r#"href="/theme.css""#));
    let theme = app.browser().get("/theme.css").await;
    assert_eq!(theme.status, 200);
    assert!(theme
        .header("content-type")
        .unwrap()
        .starts_with("text/css"));
    assert!(theme
        .text
        .contains(&format!("--accent:{}", app.config.accent_color)));
}

async fn probes_answer(backend: Backend) {
    let app = TestApp::start(backend).await;
    let h = app.browser().get("/healthz").await;
    assert_eq!((h.status, h.text.as_str()), (200, "ok\n"));
    let r = app.browser().get("/readyz").await;
    assert_eq!((r.status, r.text.as_str()), (200, "ready\n"));
}

async fn cookies_are_secure_behind_https(backend: Backend) {
    let options = crate::support::Options {
        https: true,
        ..Default::default()
    };
    let app = TestApp::start_with(backend, options).await;
    app.user("Iris", "iris@coop.fr", "mot de passe long").await;
    // A plain client: cookies marked Secure are not replayed over http by a
    // cookie jar, so the test carries the anti-forgery seed by hand.
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let page =
        crate::support::Browser::read(client.get(format!("{}/", app.base)).send().await.unwrap())
            .await;
    let seed_cookie = page
        .set_cookies()
        .into_iter()
        .find(|c| c.starts_with("essaim_csrf="))
        .unwrap();
    assert!(seed_cookie.contains("; Secure"));
    let seed = seed_cookie.split(';').next().unwrap().to_string();
    let csrf = crate::support::extract(&page.text, r#"name="csrf" value=""#, '"').unwrap();
    let res = client
        .post(format!("{}/login", app.base))
        .header("cookie", seed)
        .form(&[
            ("email", "iris@coop.fr"),
            ("password", "mot de passe long"),
            ("csrf", &csrf),
        ])
        .send()
        .await
        .unwrap();
    let res = crate::support::Browser::read(res).await;
    assert_eq!(res.status, 303);
    let session = res
        .set_cookies()
        .into_iter()
        .find(|c| c.starts_with("essaim_session="))
        .unwrap();
    assert!(
        session.contains("; Secure")
            && session.contains("HttpOnly")
            && session.contains("SameSite=Lax")
    );
}

/// A theme folder replaces built-in templates by name; a fault while
/// rendering (here a theme's template including one that does not exist)
/// gives the 500 page in the reader's language, not a blank answer.
async fn a_theme_replaces_templates_and_faults_get_a_localized_page(backend: Backend) {
    let theme = std::env::temp_dir().join(format!(
        "essaim-theme-test-{}",
        essaim_store::random_token(4)
    ));
    std::fs::create_dir_all(theme.join("accounts")).unwrap();
    std::fs::write(
        theme.join("home.html"),
        r#"{% extends "base.html" %}{% block content %}<p>Bienvenue chez les abeilles</p>{% endblock %}"#,
    )
    .unwrap();
    std::fs::write(
        theme.join("accounts/login.html"),
        r#"{% extends "base.html" %}{% block content %}{% include "nulle-part.html" %}{% endblock %}"#,
    )
    .unwrap();
    let options = crate::support::Options {
        theme_dir: Some(theme.clone()),
        ..Default::default()
    };
    let app = TestApp::start_with(backend, options).await;
    let home = app.browser().get("/").await;
    assert_eq!(home.status, 200);
    assert!(home.text.contains("Bienvenue chez les abeilles"));
    // Templates the theme leaves alone stay the built-in ones.
    assert!(app
        .browser()
        .get("/register")
        .await
        .text
        .contains("Créer un compte"));

    let res = app.browser().get("/login").await;
    assert_eq!(res.status, 500);
    assert!(res.text.contains("<html lang=\"fr\">"), "{}", res.text);
    assert!(res.text.contains("Oups, un souci"), "{}", res.text);
    assert!(res.text.contains("Rien n'a été perdu"));
    let res = app.browser_lang("en").get("/login").await;
    assert_eq!(res.status, 500);
    assert!(res.text.contains("Oops, a problem"), "{}", res.text);
    let _ = std::fs::remove_dir_all(&theme);
}
