//! The shared space through HTTP, on both databases: create, edit,
//! conflict, restore, rename with redirect, search in French, and closed
//! pages staying closed through every door.

use crate::both;
use crate::support::{Backend, Browser, TestApp};

both!(
    pages_are_written_with_history_conflicts_and_restores,
    renaming_keeps_the_old_address,
    search_ignores_accents_and_plurals,
    closed_pages_stay_closed_through_every_door,
    watchers_are_told_by_email,
);

/// An instance with an admin, a facilitator (Fanny) and her listed, hosted
/// group `jardins`; returns Fanny's browser.
async fn with_group(app: &TestApp) -> Browser {
    app.user("Admin", "admin@coop.fr", "mot de passe long").await;
    app.user("Fanny", "fanny@coop.fr", "mot de passe long").await;
    let fanny = app.logged_in("fanny@coop.fr", "mot de passe long").await;
    let admin = app.logged_in("admin@coop.fr", "mot de passe long").await;
    let res = fanny.post_form("/groups/new", &crate::groups::card("Jardins partagés", "jardins")).await;
    assert_eq!(res.status, 303, "{}", res.text);
    admin.post_form("/admin/groups/jardins/review", &[("decision", "approve")]).await;
    fanny
}

fn base_revision(page: &str) -> String {
    crate::support::extract(page, r#"name="base_revision" value=""#, '"').expect("base revision in the form")
}

async fn save(b: &Browser, path: &str, title: &str, text: &str, summary: &str) -> crate::support::Resp {
    let form = b.get(&format!("{path}/edit")).await;
    let base = base_revision(&form.text);
    b.post_form(
        &format!("{path}/edit"),
        &[("title", title), ("markdown", text), ("summary", summary), ("base_revision", &base), ("action", "save")],
    )
    .await
}

async fn pages_are_written_with_history_conflicts_and_restores(backend: Backend) {
    let app = TestApp::start(backend).await;
    let fanny = with_group(&app).await;
    // The group's first pages exist; a visitor reads them.
    let welcome = app.browser().get("/g/jardins/wiki/accueil").await;
    assert_eq!(welcome.status, 200, "{}", welcome.text);
    // A new page through a link to a missing page.
    let missing = fanny.get("/g/jardins/wiki/compte-rendu-12-mars").await;
    assert_eq!(missing.status, 404);
    assert!(missing.text.contains("Créer cette page"));
    let res = save(&fanny, "/g/jardins/wiki/compte-rendu-12-mars", "Compte rendu 12 mars", "# Présents\n\nAlice, [[Accueil|la page d'accueil]] et [[Page absente]].\n\n<script>alert(1)</script>\n\n[x](javascript:alert(1))", "premier jet").await;
    assert_eq!(res.status, 303, "{}", res.text);
    assert_eq!(res.location(), "/g/jardins/wiki/compte-rendu-12-mars");
    let page = app.browser().get("/g/jardins/wiki/compte-rendu-12-mars").await;
    assert!(page.text.contains("<h1 id=\"presents\">") || page.text.contains("id=\"presents\""), "{}", page.text);
    assert!(page.text.contains("class=\"wikilink\"") && page.text.contains("wikilink missing"));
    assert!(!page.text.contains("<script>alert"));
    assert!(!page.text.contains("javascript:alert"));

    // Two people edit from the same version: the second sees both, loses nothing.
    app.user("Gus", "gus@coop.fr", "mot de passe long").await;
    let gus = app.logged_in("gus@coop.fr", "mot de passe long").await;
    gus.post_form("/g/jardins/join", &[]).await;
    let form_f = fanny.get("/g/jardins/wiki/compte-rendu-12-mars/edit").await;
    let form_g = gus.get("/g/jardins/wiki/compte-rendu-12-mars/edit").await;
    let (base_f, base_g) = (base_revision(&form_f.text), base_revision(&form_g.text));
    let ok = fanny
        .post_form("/g/jardins/wiki/compte-rendu-12-mars/edit", &[("title", "Compte rendu 12 mars"), ("markdown", "Version de Fanny"), ("base_revision", &base_f), ("action", "save")])
        .await;
    assert_eq!(ok.status, 303);
    let clash = gus
        .post_form("/g/jardins/wiki/compte-rendu-12-mars/edit", &[("title", "Compte rendu 12 mars"), ("markdown", "Version de Gus"), ("base_revision", &base_g), ("action", "save")])
        .await;
    assert_eq!(clash.status, 409);
    assert!(clash.text.contains("Version de Gus") && clash.text.contains("Version de Fanny"), "both versions shown");
    assert!(app.browser().get("/g/jardins/wiki/compte-rendu-12-mars").await.text.contains("Version de Fanny"));

    // History, comparison, restoring an old version as a new one.
    let history = fanny.get("/g/jardins/wiki/compte-rendu-12-mars/history").await;
    assert!(history.text.contains("premier jet"));
    let diff = fanny.get("/g/jardins/wiki/compte-rendu-12-mars/diff?from=1&to=2").await;
    assert_eq!(diff.status, 200);
    assert!(diff.text.contains("<ins>") && diff.text.contains("<del>"));
    let res = fanny.post_form("/g/jardins/wiki/compte-rendu-12-mars/restore/1", &[]).await;
    assert_eq!(res.status, 303, "{}", res.text);
    let page = app.browser().get("/g/jardins/wiki/compte-rendu-12-mars").await;
    assert!(page.text.contains("Alice") && page.text.contains("version 3"));
    // A visitor may not edit; a stale API-style save is refused.
    assert_eq!(app.browser().get("/g/jardins/wiki/compte-rendu-12-mars/edit").await.status, 401);
    // Preview renders without saving.
    let preview = fanny
        .post_form("/g/jardins/wiki/compte-rendu-12-mars/edit", &[("title", "Compte rendu 12 mars"), ("markdown", "**Aperçu seulement**"), ("base_revision", "3"), ("action", "preview")])
        .await;
    assert!(preview.text.contains("<strong>Aperçu seulement</strong>"));
    assert!(!app.browser().get("/g/jardins/wiki/compte-rendu-12-mars").await.text.contains("Aperçu seulement"));
    // Oversized and empty titles keep the text typed.
    let big = "x".repeat(200_001);
    let res = fanny
        .post_form("/g/jardins/wiki/compte-rendu-12-mars/edit", &[("title", ""), ("markdown", "mon texte précieux"), ("base_revision", "3"), ("action", "save")])
        .await;
    assert_eq!(res.status, 422);
    assert!(res.text.contains("mon texte précieux"));
    let _ = big;
}

async fn renaming_keeps_the_old_address(backend: Backend) {
    let app = TestApp::start(backend).await;
    let fanny = with_group(&app).await;
    save(&fanny, "/g/jardins/wiki/semis", "Semis", "Les semis de printemps", "").await;
    let res = save(&fanny, "/g/jardins/wiki/semis", "Calendrier des semis", "Les semis de printemps", "nouveau nom").await;
    assert_eq!(res.location(), "/g/jardins/wiki/calendrier-des-semis");
    let old = app.browser().get("/g/jardins/wiki/semis").await;
    assert_eq!(old.status, 308);
    assert_eq!(old.location(), "/g/jardins/wiki/calendrier-des-semis");
    // A title that gives the address of another page is refused.
    let res = save(&fanny, "/g/jardins/wiki/calendrier-des-semis", "Accueil", "texte gardé", "").await;
    assert_eq!(res.status, 422);
    assert!(res.text.contains("texte gardé"));
}

async fn search_ignores_accents_and_plurals(backend: Backend) {
    let app = TestApp::start(backend).await;
    let fanny = with_group(&app).await;
    save(&fanny, "/g/jardins/wiki/statuts", "Statuts", "Nous sommes une coopérative d'habitants et de jardiniers.", "").await;
    save(&fanny, "/g/jardins/wiki/outils", "Outils", "La liste des outils prêtés.", "").await;
    for q in ["cooperatives", "Coopérative", "COOPERATIVE", "jardinier"] {
        let res = app.browser().get(&format!("/search?q={q}")).await;
        assert!(res.text.contains("/g/jardins/wiki/statuts"), "{q}: {}", res.text);
        assert!(res.text.contains("<mark>"), "{q}: highlighted");
        assert!(!res.text.contains("/g/jardins/wiki/outils"), "{q}");
    }
    let res = app.browser().get("/g/jardins/search?q=outil").await;
    assert!(res.text.contains("/g/jardins/wiki/outils"));
    let api: serde_json::Value = reqwest::get(format!("{}/api/v1/search?q=cooperatives&group=jardins", app.base)).await.unwrap().json().await.unwrap();
    assert_eq!(api["results"][0]["url"], format!("{}/g/jardins/wiki/statuts", app.base));
    assert_eq!(api["results"][0]["kind"], "page");
}

async fn closed_pages_stay_closed_through_every_door(backend: Backend) {
    let app = TestApp::start(backend).await;
    let fanny = with_group(&app).await;
    save(&fanny, "/g/jardins/wiki/tresorerie", "Trésorerie", "Le code du cadenas est 4321.", "").await;
    let res = fanny.post_form("/g/jardins/wiki/tresorerie/settings", &[("read", "members"), ("edit", "inherit")]).await;
    assert_eq!(res.status, 303, "{}", res.text);
    // Upload a file to the closed page.
    let csrf = fanny.csrf().await;
    let form = reqwest::multipart::Form::new()
        .text("csrf", csrf)
        .part("file", reqwest::multipart::Part::bytes(b"cadenas 4321".to_vec()).file_name("notes.txt"));
    let res = fanny.client.post(format!("{}/g/jardins/wiki/tresorerie/files", app.base)).multipart(form).send().await.unwrap();
    assert_eq!(res.status(), 303);
    let page = fanny.get("/g/jardins/wiki/tresorerie").await;
    let file_path = crate::support::extract(&page.text, "href=\"/g/jardins/wiki/tresorerie/files/", '"').expect("file link");
    let file_url = format!("/g/jardins/wiki/tresorerie/files/{file_path}");
    assert_eq!(fanny.get(&file_url).await.text, "cadenas 4321");

    app.user("Olga", "olga@coop.fr", "mot de passe long").await;
    let outsider = app.logged_in("olga@coop.fr", "mot de passe long").await;
    let visitor = app.browser();
    for (who, b, status) in [("visitor", &visitor, 401), ("outsider", &outsider, 403)] {
        assert_eq!(b.get("/g/jardins/wiki/tresorerie").await.status, status, "{who}: page");
        assert_eq!(b.get("/g/jardins/wiki/tresorerie/history").await.status, status, "{who}: history");
        assert_eq!(b.get("/g/jardins/wiki/tresorerie/revisions/1").await.status, status, "{who}: revision");
        assert_eq!(b.get(&file_url).await.status, status, "{who}: attachment");
        for door in ["/search?q=cadenas", "/g/jardins/search?q=cadenas", "/changes", "/g/jardins/changes", "/changes.atom", "/g/jardins/changes.atom", "/g/jardins/wiki", "/api/v1/search?q=cadenas", "/api/v1/groups/jardins/pages", "/api/v1/groups/jardins/pages/tresorerie"] {
            let res = b.get(door).await;
            assert!(!res.text.contains("4321") && !res.text.contains("Trésorerie"), "{who}: {door} leaks: {}", res.text);
        }
    }
    // Members read it everywhere.
    let res = fanny.get("/search?q=cadenas").await;
    assert!(res.text.contains("/g/jardins/wiki/tresorerie"));
    assert!(fanny.get("/g/jardins/changes").await.text.contains("Trésorerie"));
}

async fn watchers_are_told_by_email(backend: Backend) {
    let app = TestApp::start(backend).await;
    let fanny = with_group(&app).await;
    app.user("Wes", "wes@coop.fr", "mot de passe long").await;
    let wes = app.logged_in("wes@coop.fr", "mot de passe long").await;
    let res = wes.post_form("/g/jardins-wiki-watch", &[]).await;
    assert!(res.status == 404 || res.status == 405 || res.status == 422);
    let res = wes.post_form("/g/jardins/wiki-watch", &[("mode", "immediate"), ("page", "accueil")]).await;
    assert_eq!(res.status, 303, "{}", res.text);
    save(&fanny, "/g/jardins/wiki/accueil", "Bienvenue", "Nouveau texte d'accueil", "mise à jour").await;
    app.run_jobs().await;
    let mail = app.last_email_to("wes@coop.fr").await;
    assert!(mail.subject.contains("Bienvenue"), "{}", mail.subject);
    assert!(mail.text_body.contains("mise à jour"));
    let headers = crate::support::headers_of(&mail.raw);
    let stop = headers["list-unsubscribe"].trim_matches(['<', '>']).to_string();
    // One click stops it.
    let stopped = app.browser().get(&stop).await;
    assert!(stopped.text.contains("vous ne recevrez plus"));
    let before = app.outbox().await.len();
    save(&fanny, "/g/jardins/wiki/accueil", "Bienvenue", "Encore un changement", "").await;
    app.run_jobs().await;
    assert_eq!(app.outbox().await.len(), before, "no more email after stopping");
}
