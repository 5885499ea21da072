//! The shared space through HTTP, on both databases: create, edit,
//! conflict, restore, rename with redirect, search in French, and closed
//! pages staying closed through every door.

use serde_json::json;

use crate::both;
use crate::support::openapi::{Api, OpenApi};
use crate::support::{find_link, Backend, Browser, Resp, TestApp};

both!(
    pages_are_written_with_history_conflicts_and_restores,
    renaming_keeps_the_old_address,
    search_ignores_accents_and_plurals,
    closed_pages_stay_closed_through_every_door,
    watchers_are_told_by_email,
    api_reads_and_saves_pages,
    who_reads_and_edits_follows_the_settings,
    a_facilitators_page_is_hidden_from_members_everywhere,
    a_group_awaiting_approval_keeps_its_pages_for_members,
    the_instance_wiki_is_read_by_all_and_written_by_helpers,
    attachments_are_checked_by_their_content,
    daily_summaries_and_who_is_told,
    long_pages_get_a_table_of_contents_and_stay_safe,
    history_counts_contributors_over_a_period,
    every_group_and_wiki_form_refuses_a_forged_key,
    a_search_finds_what_the_reader_may_see_among_many_matches,
);

/// An instance with an admin, a facilitator (Fanny) and her listed, hosted
/// group `jardins`; returns Fanny's browser.
async fn with_group(app: &TestApp) -> Browser {
    app.user("Admin", "admin@coop.fr", "mot de passe long")
        .await;
    app.user("Fanny", "fanny@coop.fr", "mot de passe long")
        .await;
    let fanny = app.logged_in("fanny@coop.fr", "mot de passe long").await;
    let admin = app.logged_in("admin@coop.fr", "mot de passe long").await;
    let res = fanny
        .post_form(
            "/groups/new",
            &crate::groups::card("Jardins partagés", "jardins"),
        )
        .await;
    assert_eq!(res.status, 303, "{}", res.text);
    admin
        .post_form("/admin/groups/jardins/review", &[("decision", "approve")])
        .await;
    fanny
}

fn base_revision(page: &str) -> String {
    crate::support::extract(page, r#"name="base_revision" value=""#, '"')
        .expect("base revision in the form")
}

async fn save(
    b: &Browser,
    path: &str,
    title: &str,
    text: &str,
    summary: &str,
) -> crate::support::Resp {
    let form = b.get(&format!("{path}/edit")).await;
    let base = base_revision(&form.text);
    b.post_form(
        &format!("{path}/edit"),
        &[
            ("title", title),
            ("markdown", text),
            ("summary", summary),
            ("base_revision", &base),
            ("action", "save"),
        ],
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
    let page = app
        .browser()
        .get("/g/jardins/wiki/compte-rendu-12-mars")
        .await;
    assert!(
        page.text.contains("<h1 id=\"presents\">") || page.text.contains("id=\"presents\""),
        "{}",
        page.text
    );
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
        .post_form(
            "/g/jardins/wiki/compte-rendu-12-mars/edit",
            &[
                ("title", "Compte rendu 12 mars"),
                ("markdown", "Version de Fanny"),
                ("base_revision", &base_f),
                ("action", "save"),
            ],
        )
        .await;
    assert_eq!(ok.status, 303);
    let clash = gus
        .post_form(
            "/g/jardins/wiki/compte-rendu-12-mars/edit",
            &[
                ("title", "Compte rendu 12 mars"),
                ("markdown", "Version de Gus"),
                ("base_revision", &base_g),
                ("action", "save"),
            ],
        )
        .await;
    assert_eq!(clash.status, 409);
    assert!(
        clash.text.contains("Version de Gus") && clash.text.contains("Version de Fanny"),
        "both versions shown"
    );
    assert!(app
        .browser()
        .get("/g/jardins/wiki/compte-rendu-12-mars")
        .await
        .text
        .contains("Version de Fanny"));

    // History, comparison, restoring an old version as a new one.
    let history = fanny
        .get("/g/jardins/wiki/compte-rendu-12-mars/history")
        .await;
    assert!(history.text.contains("premier jet"));
    let diff = fanny
        .get("/g/jardins/wiki/compte-rendu-12-mars/diff?from=1&to=2")
        .await;
    assert_eq!(diff.status, 200);
    assert!(diff.text.contains("<ins>") && diff.text.contains("<del>"));
    let res = fanny
        .post_form("/g/jardins/wiki/compte-rendu-12-mars/restore/1", &[])
        .await;
    assert_eq!(res.status, 303, "{}", res.text);
    let page = app
        .browser()
        .get("/g/jardins/wiki/compte-rendu-12-mars")
        .await;
    assert!(page.text.contains("Alice") && page.text.contains("version 3"));
    // A visitor may not edit; a stale API-style save is refused.
    assert_eq!(
        app.browser()
            .get("/g/jardins/wiki/compte-rendu-12-mars/edit")
            .await
            .status,
        401
    );
    // Preview renders without saving.
    let preview = fanny
        .post_form(
            "/g/jardins/wiki/compte-rendu-12-mars/edit",
            &[
                ("title", "Compte rendu 12 mars"),
                ("markdown", "**Aperçu seulement**"),
                ("base_revision", "3"),
                ("action", "preview"),
            ],
        )
        .await;
    assert!(preview.text.contains("<strong>Aperçu seulement</strong>"));
    assert!(!app
        .browser()
        .get("/g/jardins/wiki/compte-rendu-12-mars")
        .await
        .text
        .contains("Aperçu seulement"));
    // Oversized and empty titles keep the text typed.
    let big = "x".repeat(200_001);
    let res = fanny
        .post_form(
            "/g/jardins/wiki/compte-rendu-12-mars/edit",
            &[
                ("title", ""),
                ("markdown", "mon texte précieux"),
                ("base_revision", "3"),
                ("action", "save"),
            ],
        )
        .await;
    assert_eq!(res.status, 422);
    assert!(res.text.contains("mon texte précieux"));
    let _ = big;
}

async fn renaming_keeps_the_old_address(backend: Backend) {
    let app = TestApp::start(backend).await;
    let fanny = with_group(&app).await;
    save(
        &fanny,
        "/g/jardins/wiki/semis",
        "Semis",
        "Les semis de printemps",
        "",
    )
    .await;
    let res = save(
        &fanny,
        "/g/jardins/wiki/semis",
        "Calendrier des semis",
        "Les semis de printemps",
        "nouveau nom",
    )
    .await;
    assert_eq!(res.location(), "/g/jardins/wiki/calendrier-des-semis");
    // A form opened before the rename: the editor sees both versions (the
    // text is not saved as a new page at the old address).
    let res = fanny
        .post_form(
            "/g/jardins/wiki/semis/edit",
            &[
                ("title", "Semis"),
                ("markdown", "Les semis d'automne aussi"),
                ("summary", ""),
                ("base_revision", "1"),
                ("action", "save"),
            ],
        )
        .await;
    assert_eq!(res.status, 409, "{}", res.text);
    assert!(res.text.contains("Les semis de printemps"), "{}", res.text);
    assert!(res.text.contains("Les semis d'automne aussi"));
    assert!(res.text.contains(r#"name="base_revision" value="2""#));
    assert!(app
        .store
        .wiki_page(Some(group_id(&app, "jardins").await), "semis")
        .await
        .unwrap()
        .is_none());
    let old = app.browser().get("/g/jardins/wiki/semis").await;
    assert_eq!(old.status, 308);
    assert_eq!(old.location(), "/g/jardins/wiki/calendrier-des-semis");
    // The history, versions and comparisons keep their old addresses too
    // (emails and feeds sent before the rename link to them).
    for door in ["history", "revisions/1", "diff?from=1&to=2"] {
        let res = app
            .browser()
            .get(&format!("/g/jardins/wiki/semis/{door}"))
            .await;
        assert_eq!(res.status, 200, "{door}: {}", res.text);
        assert!(
            res.text.contains("/g/jardins/wiki/calendrier-des-semis"),
            "{door}"
        );
    }
    // Its editor too; a new page may still take the old address.
    let res = fanny.get("/g/jardins/wiki/semis/edit").await;
    assert_eq!(res.status, 303);
    assert_eq!(res.location(), "/g/jardins/wiki/calendrier-des-semis/edit");
    let res = fanny.get("/g/jardins/wiki/semis/edit?title=Semis").await;
    assert_eq!(res.status, 200);
    assert!(res.text.contains(r#"name="base_revision" value="0""#));
    // A link by the old name still leads there (not to "create this page").
    let res = save(
        &fanny,
        "/g/jardins/wiki/potager",
        "Potager",
        "Voir [[Semis]] et [[Semis|le calendrier]].",
        "",
    )
    .await;
    assert_eq!(res.status, 303, "{}", res.text);
    let potager = app.browser().get("/g/jardins/wiki/potager").await;
    assert!(
        potager
            .text
            .contains(r#"<a class="wikilink" href="/g/jardins/wiki/semis""#),
        "{}",
        potager.text
    );
    assert!(
        !potager.text.contains("wikilink missing"),
        "{}",
        potager.text
    );
    // A title that gives the address of another page is refused.
    let res = save(
        &fanny,
        "/g/jardins/wiki/calendrier-des-semis",
        "Accueil",
        "texte gardé",
        "",
    )
    .await;
    assert_eq!(res.status, 422);
    assert!(res.text.contains("texte gardé"));

    // The old address of a closed page does not tell outsiders its new name.
    save(
        &fanny,
        "/g/jardins/wiki/caisse",
        "Caisse",
        "Le code du coffre",
        "",
    )
    .await;
    let res = fanny
        .post_form(
            "/g/jardins/wiki/caisse/settings",
            &[("read", "members"), ("edit", "inherit")],
        )
        .await;
    assert_eq!(res.status, 303, "{}", res.text);
    save(
        &fanny,
        "/g/jardins/wiki/caisse",
        "Caisse noire de Fanny",
        "Le code du coffre",
        "",
    )
    .await;
    app.user("Olga", "olga@coop.fr", "mot de passe long").await;
    let outsider = app.logged_in("olga@coop.fr", "mot de passe long").await;
    for (who, b, status) in [
        ("visitor", &app.browser(), 401),
        ("outsider", &outsider, 403),
    ] {
        for door in ["", "/history", "/revisions/1", "/edit"] {
            let res = b.get(&format!("/g/jardins/wiki/caisse{door}")).await;
            assert_eq!(res.status, status, "{who}: {door}");
            assert!(
                res.header("location").is_none()
                    && !res.text.contains("caisse-noire")
                    && !res.text.contains("Caisse noire"),
                "{who}: {door}: the new address leaks"
            );
        }
    }
    let res = fanny.get("/g/jardins/wiki/caisse").await;
    assert_eq!(res.location(), "/g/jardins/wiki/caisse-noire-de-fanny");

    // The "new page" form: a title giving the address of an existing page
    // is refused there (instead of opening that page's editor), and so is
    // a title giving no address; what was typed stays in the form.
    for (typed, message) in [
        ("Calendrier-des-Semis !", "Une autre page porte déjà ce nom"),
        ("!!!", "Ce titre ne peut pas servir"),
    ] {
        let res = fanny
            .post_form("/g/jardins/wiki-new", &[("title", typed)])
            .await;
        assert_eq!(res.status, 422, "{typed}: {}", res.text);
        assert!(res.text.contains(message), "{typed}: {}", res.text);
        assert!(
            res.text.contains(&format!("value=\"{typed}\"")),
            "{typed} stays typed: {}",
            res.text
        );
        assert!(res.text.contains(r#"aria-invalid="true""#));
    }
    let page = stored_page(&app, "calendrier-des-semis").await;
    assert_eq!(page.title, "Calendrier des semis");
    let res = fanny
        .post_form("/g/jardins/wiki-new", &[("title", "Semis d'automne")])
        .await;
    assert_eq!(res.status, 303);
    assert!(
        res.location()
            .starts_with("/g/jardins/wiki/semis-d-automne/edit?title=Semis"),
        "{}",
        res.location()
    );
    let admin = app.logged_in("admin@coop.fr", "mot de passe long").await;
    let res = admin
        .post_form("/wiki-new", &[("title", "Charte du réseau")])
        .await;
    assert_eq!(res.status, 303);
    assert!(res
        .location()
        .starts_with("/wiki/charte-du-reseau/edit?title="));

    // An edit that keeps the title keeps the address, even where the two
    // were given apart (a group's first pages: « Bienvenue » is `accueil`),
    // so links to it by its address keep working.
    let res = save(
        &fanny,
        "/g/jardins/wiki/accueil",
        "Bienvenue",
        "Un nouvel accueil",
        "",
    )
    .await;
    assert_eq!(res.status, 303, "{}", res.text);
    assert_eq!(res.location(), "/g/jardins/wiki/accueil");
    let page = stored_page(&app, "accueil").await;
    assert_eq!((page.title.as_str(), page.revision), ("Bienvenue", 2));
    assert_eq!(page.markdown, "Un nouvel accueil");
    let res = save(
        &fanny,
        "/g/jardins/wiki/calendrier-des-semis",
        "Calendrier des semis",
        "Voir [[Accueil]].",
        "",
    )
    .await;
    assert_eq!(res.status, 303, "{}", res.text);
    let shown = fanny.get("/g/jardins/wiki/calendrier-des-semis").await;
    assert!(
        shown.text.contains(r#"href="/g/jardins/wiki/accueil""#),
        "{}",
        shown.text
    );

    // A renamed page's files keep their old address too.
    let res = attach(
        &app,
        &fanny,
        "/g/jardins/wiki/potager",
        "plan du potager.png",
        png(40, 30),
    )
    .await;
    assert_eq!(res.status, 303, "{}", res.text);
    let file = app
        .store
        .attachments_of(stored_page(&app, "potager").await.id)
        .await
        .unwrap();
    let id = file[0].id;
    let res = save(
        &fanny,
        "/g/jardins/wiki/potager",
        "Potager 2027",
        "Le potager",
        "",
    )
    .await;
    assert_eq!(res.location(), "/g/jardins/wiki/potager-2027");
    for name in ["plan%20du%20potager.png", "thumb"] {
        let res = app
            .browser()
            .get(&format!("/g/jardins/wiki/potager/files/{id}/{name}"))
            .await;
        assert_eq!(res.status, 308, "{name}");
        let to = format!("/g/jardins/wiki/potager-2027/files/{id}/{name}");
        assert_eq!(res.location(), to);
        assert_eq!(app.browser().get(&to).await.status, 200, "{name}");
    }
    // … but not to those who may not read the page.
    let res = fanny
        .post_form(
            "/g/jardins/wiki/potager-2027/settings",
            &[("read", "members"), ("edit", "inherit")],
        )
        .await;
    assert_eq!(res.status, 303, "{}", res.text);
    let res = app
        .browser()
        .get(&format!("/g/jardins/wiki/potager/files/{id}/thumb"))
        .await;
    assert_eq!(res.status, 401);
    assert!(res.header("location").is_none());
}

async fn search_ignores_accents_and_plurals(backend: Backend) {
    let app = TestApp::start(backend).await;
    let fanny = with_group(&app).await;
    save(
        &fanny,
        "/g/jardins/wiki/statuts",
        "Statuts",
        "Nous sommes une coopérative d'habitants et de jardiniers.",
        "",
    )
    .await;
    save(
        &fanny,
        "/g/jardins/wiki/outils",
        "Outils",
        "La liste des outils prêtés.",
        "",
    )
    .await;
    for q in ["cooperatives", "Coopérative", "COOPERATIVE", "jardinier"] {
        let res = app.browser().get(&format!("/search?q={q}")).await;
        assert!(
            res.text.contains("/g/jardins/wiki/statuts"),
            "{q}: {}",
            res.text
        );
        assert!(res.text.contains("<mark>"), "{q}: highlighted");
        assert!(!res.text.contains("/g/jardins/wiki/outils"), "{q}");
    }
    let res = app.browser().get("/g/jardins/search?q=outil").await;
    assert!(res.text.contains("/g/jardins/wiki/outils"));
    let api: serde_json::Value = reqwest::get(format!(
        "{}/api/v1/search?q=cooperatives&group=jardins",
        app.base
    ))
    .await
    .unwrap()
    .json()
    .await
    .unwrap();
    assert_eq!(
        api["results"][0]["url"],
        format!("{}/g/jardins/wiki/statuts", app.base)
    );
    assert_eq!(api["results"][0]["kind"], "page");
}

async fn closed_pages_stay_closed_through_every_door(backend: Backend) {
    let app = TestApp::start(backend).await;
    let fanny = with_group(&app).await;
    save(
        &fanny,
        "/g/jardins/wiki/tresorerie",
        "Trésorerie",
        "Le code du cadenas est ornithorynque.",
        "",
    )
    .await;
    let res = fanny
        .post_form(
            "/g/jardins/wiki/tresorerie/settings",
            &[("read", "members"), ("edit", "inherit")],
        )
        .await;
    assert_eq!(res.status, 303, "{}", res.text);
    // Upload a file to the closed page.
    let csrf = fanny.csrf().await;
    let form = reqwest::multipart::Form::new().text("csrf", csrf).part(
        "file",
        reqwest::multipart::Part::bytes(b"cadenas ornithorynque".to_vec()).file_name("notes.txt"),
    );
    let res = fanny
        .client
        .post(format!("{}/g/jardins/wiki/tresorerie/files", app.base))
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    let page = fanny.get("/g/jardins/wiki/tresorerie").await;
    let file_path =
        crate::support::extract(&page.text, "href=\"/g/jardins/wiki/tresorerie/files/", '"')
            .expect("file link");
    let file_url = format!("/g/jardins/wiki/tresorerie/files/{file_path}");
    assert_eq!(fanny.get(&file_url).await.text, "cadenas ornithorynque");

    app.user("Olga", "olga@coop.fr", "mot de passe long").await;
    let outsider = app.logged_in("olga@coop.fr", "mot de passe long").await;
    let visitor = app.browser();
    for (who, b, status) in [("visitor", &visitor, 401), ("outsider", &outsider, 403)] {
        assert_eq!(
            b.get("/g/jardins/wiki/tresorerie").await.status,
            status,
            "{who}: page"
        );
        assert_eq!(
            b.get("/g/jardins/wiki/tresorerie/history").await.status,
            status,
            "{who}: history"
        );
        assert_eq!(
            b.get("/g/jardins/wiki/tresorerie/revisions/1").await.status,
            status,
            "{who}: revision"
        );
        assert_eq!(b.get(&file_url).await.status, status, "{who}: attachment");
        for door in [
            "/search?q=cadenas",
            "/g/jardins/search?q=cadenas",
            "/changes",
            "/g/jardins/changes",
            "/changes.atom",
            "/g/jardins/changes.atom",
            "/g/jardins/wiki",
            "/api/v1/search?q=cadenas",
            "/api/v1/groups/jardins/pages",
            "/api/v1/groups/jardins/pages/tresorerie",
        ] {
            let res = b.get(door).await;
            assert!(
                !res.text.contains("ornithorynque") && !res.text.contains("Trésorerie"),
                "{who}: {door} leaks: {}",
                res.text
            );
        }
    }
    // Recent changes read on past the ones a reader may not see: a public
    // change followed by many on the closed page is still listed.
    let res = save(
        &fanny,
        "/g/jardins/wiki/semences",
        "Semences",
        "Le troc a lieu en mars.",
        "troc de graines",
    )
    .await;
    assert_eq!(res.status, 303, "{}", res.text);
    let closed = stored_page(&app, "tresorerie").await;
    let fanny_id = user_id(&app, "fanny@coop.fr").await;
    for n in 0..45 {
        app.store.clock().advance(1);
        let saved = app
            .store
            .save_wiki_page(
                closed.id,
                closed.revision + n,
                &closed.title,
                &closed.slug,
                &format!("Le code du cadenas est ornithorynque ({n})."),
                "",
                fanny_id,
                essaim_domain::activity::EventKind::PageSaved,
            )
            .await
            .unwrap();
        assert!(matches!(saved, essaim_store::wiki::Saved::Revision(_)));
    }
    for door in ["/g/jardins/wiki", "/g/jardins/changes", "/changes"] {
        let res = visitor.get(door).await;
        assert!(res.text.contains("troc de graines"), "{door}: {}", res.text);
        assert!(!res.text.contains("Trésorerie"), "{door} leaks");
    }

    // Members read it everywhere.
    let res = fanny.get("/search?q=cadenas").await;
    assert!(res.text.contains("/g/jardins/wiki/tresorerie"));
    assert!(fanny
        .get("/g/jardins/changes")
        .await
        .text
        .contains("Trésorerie"));
}

async fn watchers_are_told_by_email(backend: Backend) {
    let app = TestApp::start(backend).await;
    let fanny = with_group(&app).await;
    app.user("Wes", "wes@coop.fr", "mot de passe long").await;
    let wes = app.logged_in("wes@coop.fr", "mot de passe long").await;
    let res = wes.post_form("/g/jardins-wiki-watch", &[]).await;
    assert!(res.status == 404 || res.status == 405 || res.status == 422);
    let res = wes
        .post_form(
            "/g/jardins/wiki-watch",
            &[("mode", "immediate"), ("page", "accueil")],
        )
        .await;
    assert_eq!(res.status, 303, "{}", res.text);
    save(
        &fanny,
        "/g/jardins/wiki/accueil",
        "Bienvenue",
        "Nouveau texte d'accueil",
        "mise à jour",
    )
    .await;
    app.run_jobs().await;
    let mail = app.last_email_to("wes@coop.fr").await;
    assert!(mail.subject.contains("Bienvenue"), "{}", mail.subject);
    assert!(mail.text_body.contains("mise à jour"));
    let headers = crate::support::headers_of(&mail.raw);
    let stop = headers["list-unsubscribe"]
        .trim_matches(['<', '>'])
        .to_string();
    // One click stops it.
    let stopped = app.browser().get(&stop).await;
    assert!(stopped.text.contains("vous ne recevrez plus"));
    let before = app.outbox().await.len();
    let res = save(
        &fanny,
        "/g/jardins/wiki/accueil",
        "Bienvenue",
        "Encore un changement",
        "",
    )
    .await;
    assert_eq!(res.status, 303, "the change is saved: {}", res.text);
    app.run_jobs().await;
    assert_eq!(
        app.outbox().await.len(),
        before,
        "no more email after stopping"
    );

    // Mail programs stop it with one POST of their own (RFC 8058): no
    // cookie, no form key, the link's secret is enough.
    let res = wes
        .post_form(
            "/g/jardins/wiki-watch",
            &[("mode", "immediate"), ("page", "accueil")],
        )
        .await;
    assert_eq!(res.status, 303, "{}", res.text);
    save(
        &fanny,
        "/g/jardins/wiki/accueil",
        "Bienvenue",
        "Troisième texte",
        "",
    )
    .await;
    app.run_jobs().await;
    let mail = app.last_email_to("wes@coop.fr").await;
    let headers = crate::support::headers_of(&mail.raw);
    assert_eq!(
        headers.get("list-unsubscribe-post").map(String::as_str),
        Some("List-Unsubscribe=One-Click")
    );
    let stop = headers["list-unsubscribe"]
        .trim_matches(['<', '>'])
        .to_string();
    let res = reqwest::Client::new()
        .post(&stop)
        .header("content-type", "application/x-www-form-urlencoded")
        .body("List-Unsubscribe=One-Click")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let wes_id = user_id(&app, "wes@coop.fr").await;
    let jardins = group_id(&app, "jardins").await;
    let page = stored_page(&app, "accueil").await;
    assert!(app
        .store
        .watch_of(wes_id, jardins.0, Some(page.id))
        .await
        .unwrap()
        .is_none());
}

// ---------------------------------------------------------------- helpers of the scenarios below

/// The password of every test account.
const PW: &str = "mot de passe long";

/// The account with this address.
async fn user_id(app: &TestApp, email: &str) -> essaim_domain::ids::UserId {
    app.store
        .user_by_email(email)
        .await
        .unwrap()
        .unwrap_or_else(|| panic!("no account {email}"))
        .id
}

/// The id of a group.
async fn group_id(app: &TestApp, slug: &str) -> essaim_domain::ids::GroupId {
    app.store
        .group_by_slug(slug)
        .await
        .unwrap()
        .unwrap_or_else(|| panic!("no group {slug}"))
        .id
}

/// A page of `jardins`, as stored.
async fn stored_page(app: &TestApp, slug: &str) -> essaim_store::wiki::WikiPage {
    let group = group_id(app, "jardins").await;
    app.store
        .wiki_page(Some(group), slug)
        .await
        .unwrap()
        .unwrap_or_else(|| panic!("no page {slug}"))
}

/// A new account, logged in.
async fn person(app: &TestApp, name: &str, email: &str) -> Browser {
    app.user(name, email, PW).await;
    app.logged_in(email, PW).await
}

/// A new account that joined `jardins` (its joining is open).
async fn member(app: &TestApp, name: &str, email: &str) -> Browser {
    let browser = person(app, name, email).await;
    let res = browser.post_form("/g/jardins/join", &[]).await;
    assert_eq!(res.status, 303, "{}", res.text);
    let membership = app
        .store
        .membership(group_id(app, "jardins").await, user_id(app, email).await)
        .await
        .unwrap();
    assert!(membership.is_some(), "{email} is a member");
    browser
}

/// A bearer token of this account.
async fn token(app: &TestApp, email: &str) -> String {
    let (_, secret) = app
        .store
        .create_api_token(user_id(app, email).await, "essai")
        .await
        .unwrap();
    secret
}

/// Sets who may read and edit the whole wiki of `jardins`.
async fn wiki_access(b: &Browser, read: &str, edit: &str) {
    let res = b
        .post_form(
            "/g/jardins/wiki-settings",
            &[("read", read), ("edit", edit)],
        )
        .await;
    assert_eq!(res.status, 303, "{}", res.text);
}

/// Sets who may read and edit one page of `jardins` (`inherit`: as the wiki).
pub(crate) async fn page_access(b: &Browser, page: &str, read: &str, edit: &str) {
    let res = b
        .post_form(
            &format!("/g/jardins/wiki/{page}/settings"),
            &[("read", read), ("edit", edit)],
        )
        .await;
    assert_eq!(res.status, 303, "{}", res.text);
}

/// Saves a page and checks it was saved.
pub(crate) async fn saved(b: &Browser, path: &str, title: &str, text: &str) {
    let res = save(b, path, title, text, "").await;
    assert_eq!(res.status, 303, "saving {path}: {}", res.text);
}

/// Attaches a file to a page as its upload form does.
async fn attach(app: &TestApp, b: &Browser, page_path: &str, name: &str, bytes: Vec<u8>) -> Resp {
    let csrf = b.csrf().await;
    let part = reqwest::multipart::Part::bytes(bytes).file_name(name.to_string());
    let form = reqwest::multipart::Form::new()
        .text("csrf", csrf)
        .part("file", part);
    let res = b
        .client
        .post(format!("{}{page_path}/files", app.base))
        .multipart(form)
        .send()
        .await
        .unwrap();
    Browser::read(res).await
}

/// A PNG picture made here.
fn png(width: u32, height: u32) -> Vec<u8> {
    let picture = image::RgbImage::from_fn(width, height, |x, y| {
        image::Rgb([(x % 256) as u8, (y % 256) as u8, 90])
    });
    let mut out = std::io::Cursor::new(Vec::new());
    image::DynamicImage::ImageRgb8(picture)
        .write_to(&mut out, image::ImageFormat::Png)
        .unwrap();
    out.into_inner()
}

/// The field codes of an API error.
fn error_fields(res: &Resp) -> Vec<(String, String)> {
    res.json()["error"]["fields"]
        .as_array()
        .unwrap_or_else(|| panic!("no error.fields: {}", res.text))
        .iter()
        .map(|f| {
            (
                f["field"].as_str().unwrap().to_string(),
                f["code"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

/// Checks the shape of an RFC 3339 date-time (`2026-03-12T09:30:00+00:00`).
fn assert_date_time(text: &str) {
    let b = text.as_bytes();
    let digits = [0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18];
    assert!(
        b.len() >= 20
            && digits.iter().all(|&i| b[i].is_ascii_digit())
            && (b[4], b[7], b[10], b[13], b[16]) == (b'-', b'-', b'T', b':', b':'),
        "not a date-time: {text}"
    );
}

/// `PUT` of a raw body (not necessarily JSON) with a token, checked against
/// the OpenAPI document.
async fn raw_put(app: &TestApp, token: &str, path: &str, body: &str) -> Resp {
    let res = reqwest::Client::new()
        .put(format!("{}/api/v1{path}", app.base))
        .bearer_auth(token)
        .header("content-type", "application/json")
        .body(body.to_string())
        .send()
        .await
        .unwrap();
    let res = Browser::read(res).await;
    OpenApi::load().assert_conforms("PUT", path, &res);
    res
}

/// The titles of the entries of an Atom feed, after checking that it is
/// well-formed XML whose root is an Atom `feed`.
pub(crate) fn atom_titles(xml: &str) -> Vec<String> {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut open: Vec<String> = Vec::new();
    let mut titles: Vec<String> = Vec::new();
    let mut root = None;
    loop {
        let event = reader
            .read_event()
            .unwrap_or_else(|e| panic!("not well-formed XML ({e}): {xml}"));
        let in_title = open == ["feed", "entry", "title"];
        match event {
            Event::Start(e) => {
                let name = String::from_utf8(e.name().as_ref().to_vec()).unwrap();
                if open.is_empty() {
                    root = Some(name.clone());
                    let namespace = e
                        .attributes()
                        .flatten()
                        .find(|a| a.key.as_ref() == b"xmlns")
                        .map(|a| a.value.to_vec());
                    assert_eq!(
                        namespace.as_deref(),
                        Some(&b"http://www.w3.org/2005/Atom"[..]),
                        "Atom namespace"
                    );
                }
                if open == ["feed", "entry"] && name == "title" {
                    titles.push(String::new());
                }
                open.push(name);
            }
            Event::End(_) => {
                open.pop();
            }
            Event::Text(t) if in_title => titles.last_mut().unwrap().push_str(&t.decode().unwrap()),
            Event::GeneralRef(r) if in_title => {
                let name = r.decode().unwrap();
                let text = match r.resolve_char_ref().unwrap() {
                    Some(c) => c.to_string(),
                    None => quick_xml::escape::resolve_predefined_entity(&name)
                        .unwrap_or_else(|| panic!("unknown entity &{name};"))
                        .to_string(),
                };
                titles.last_mut().unwrap().push_str(&text);
            }
            Event::Eof => break,
            _ => {}
        }
    }
    assert_eq!(root.as_deref(), Some("feed"), "an Atom feed");
    assert!(open.is_empty(), "elements left open: {open:?}");
    titles
}

/// A feed fetched by `b`, checked and parsed into its entries' titles.
async fn feed(b: &Browser, path: &str) -> Vec<String> {
    let res = b.get(path).await;
    assert_eq!(res.status, 200, "{path}");
    assert!(
        res.header("content-type")
            .unwrap_or_default()
            .starts_with("application/atom+xml"),
        "{path}"
    );
    atom_titles(&res.text)
}

/// What each person gets on a page: (reading it, its edit form).
async fn statuses(people: &[(&str, &Browser)], path: &str) -> Vec<(String, u16, u16)> {
    let mut out = Vec::new();
    for (who, b) in people {
        let read = b.get(path).await.status;
        let edit = b.get(&format!("{path}/edit")).await.status;
        out.push((who.to_string(), read, edit));
    }
    out
}

/// The expected statuses in the order of [`statuses`].
fn expect(people: &[(&str, &Browser)], codes: &[(u16, u16)]) -> Vec<(String, u16, u16)> {
    people
        .iter()
        .zip(codes)
        .map(|((who, _), (r, e))| (who.to_string(), *r, *e))
        .collect()
}

/// How many emails were sent to `to`.
async fn emails_to(app: &TestApp, to: &str) -> Vec<essaim_store::outbox::OutboxMessage> {
    let mut out = Vec::new();
    for summary in app.outbox().await.into_iter().filter(|m| m.to_addr == to) {
        out.push(app.store.outbox_message(summary.id).await.unwrap().unwrap());
    }
    out
}

/// When the pending daily summary job is due.
async fn digest_due(app: &TestApp) -> i64 {
    let row: (i64,) = app
        .store
        .db()
        .one(essaim_store::q(
            "SELECT run_at FROM jobs WHERE kind = 'watch_digest' AND status = 'pending'",
        ))
        .await
        .expect("one pending daily summary job");
    row.0
}

// ---------------------------------------------------------------- the API

async fn api_reads_and_saves_pages(backend: Backend) {
    let app = TestApp::start(backend).await;
    let fanny = with_group(&app).await;
    app.user("Olga", "olga@coop.fr", PW).await;
    let anon = Api::new(&app.base, None);
    let api = Api::new(&app.base, Some(&token(&app, "fanny@coop.fr").await));
    let olga_token = token(&app, "olga@coop.fr").await;
    let olga = Api::new(&app.base, Some(&olga_token));

    // Reading needs no token: the list, and one page with every field.
    let res = anon.get("/groups/jardins/pages").await;
    assert_eq!(res.status, 200, "{}", res.text);
    let list = res.json();
    let welcome = list["pages"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["slug"] == "accueil")
        .cloned();
    let welcome = welcome.unwrap_or_else(|| panic!("no accueil in {list}"));
    assert_eq!(
        welcome["url"],
        format!("{}/g/jardins/wiki/accueil", app.base)
    );
    assert!(
        welcome.get("markdown").is_none(),
        "the list gives summaries"
    );
    let res = anon.get("/groups/jardins/pages/accueil").await;
    assert_eq!(res.status, 200, "{}", res.text);
    let page = res.json();
    assert!(!page["title"].as_str().unwrap().is_empty());
    assert!(!page["markdown"].as_str().unwrap().is_empty());
    assert!(
        page["html"].as_str().unwrap().trim_start().starts_with('<'),
        "{page}"
    );
    assert_eq!(page["revision"], 1);
    assert_eq!(page["url"], format!("{}/g/jardins/wiki/accueil", app.base));
    assert_date_time(page["updated_at"].as_str().unwrap());
    assert_eq!(
        anon.get("/groups/jardins/pages/nulle-part").await.status,
        404
    );
    assert_eq!(anon.get("/groups/nulle-part/pages").await.status, 404);

    // Creating: no token is 401, someone outside the group 403, and
    // nothing is created either way.
    let path = "/groups/jardins/pages/compte-rendu-12-mars";
    let first = json!({
        "title": "Compte rendu 12 mars",
        "markdown": "# Présents\n\nAlice et [[Accueil|la page d'accueil]].",
        "base_revision": 0,
        "summary": "premier jet",
    });
    let res = anon.call("PUT", path, Some(&first)).await;
    assert_eq!(res.status, 401, "{}", res.text);
    assert_eq!(olga.call("PUT", path, Some(&first)).await.status, 403);
    assert_eq!(anon.get(path).await.status, 404, "nothing created");
    let res = api.call("PUT", path, Some(&first)).await;
    assert_eq!(res.status, 201, "{}", res.text);
    let created = res.json();
    assert_eq!(created["slug"], "compte-rendu-12-mars");
    assert_eq!(created["revision"], 1);
    assert_eq!(
        created["url"],
        format!("{}/g/jardins/wiki/compte-rendu-12-mars", app.base)
    );
    let html = created["html"].as_str().unwrap();
    assert!(html.contains("id=\"presents\""), "{html}");
    assert!(
        html.contains("/g/jardins/wiki/accueil\"") && html.contains("la page d'accueil"),
        "[[links]] as on the page: {html}"
    );
    let web = app
        .browser()
        .get("/g/jardins/wiki/compte-rendu-12-mars")
        .await;
    assert!(web.text.contains("Alice"), "{}", web.text);
    assert!(fanny
        .get("/g/jardins/wiki/compte-rendu-12-mars/history")
        .await
        .text
        .contains("premier jet"));
    // Creating again from nothing is a conflict, not an overwrite.
    let res = api.call("PUT", path, Some(&first)).await;
    assert_eq!(res.status, 409, "{}", res.text);
    assert_eq!(res.json()["current_revision"], 1);

    // Updating from the current version: 200 and the next revision.
    let second = json!({"title": "Compte rendu 12 mars", "markdown": "Version 2 par l'API", "base_revision": 1, "summary": "deuxième"});
    let res = api.call("PUT", path, Some(&second)).await;
    assert_eq!(res.status, 200, "{}", res.text);
    assert_eq!(res.json()["revision"], 2);
    assert_eq!(res.json()["markdown"], "Version 2 par l'API");
    // From a stale one: 409 with the current revision; nothing changes.
    let stale =
        json!({"title": "Compte rendu 12 mars", "markdown": "Version périmée", "base_revision": 1});
    let res = api.call("PUT", path, Some(&stale)).await;
    assert_eq!(res.status, 409, "{}", res.text);
    let body = res.json();
    assert_eq!(body["current_revision"], 2);
    assert_eq!(body["error"]["code"], "stale_revision");
    assert!(
        body["error"]["message"]
            .as_str()
            .unwrap()
            .contains("La page a été modifiée"),
        "{body}"
    );
    // Someone outside the group may not change a public page.
    let res = olga
        .call(
            "PUT",
            path,
            Some(&json!({"title": "Compte rendu 12 mars", "markdown": "Olga", "base_revision": 2})),
        )
        .await;
    assert_eq!(res.status, 403, "{}", res.text);
    let current = anon.get(path).await.json();
    assert_eq!(
        (current["revision"].clone(), current["markdown"].clone()),
        (json!(2), json!("Version 2 par l'API"))
    );

    // Bad bodies: 422 with a translated message, nothing changed.
    let fanny_token = token(&app, "fanny@coop.fr").await;
    for body in [
        r#"{"title": "x","#,
        r#"{"title": "x", "markdown": "y"}"#,
        "[]",
        "",
        r#"{"title": 1, "markdown": "y", "base_revision": 2}"#,
    ] {
        let res = raw_put(&app, &fanny_token, path, body).await;
        assert_eq!(res.status, 422, "{body}: {}", res.text);
        assert_eq!(
            error_fields(&res),
            vec![("body".to_string(), "error-json-body".to_string())],
            "{body}"
        );
        assert!(res.text.contains("objet JSON"), "{}", res.text);
    }
    // A title giving the address of another page, when saving or creating.
    let res = api
        .call(
            "PUT",
            path,
            Some(&json!({"title": "ACCUEIL !", "markdown": "texte", "base_revision": 2})),
        )
        .await;
    assert_eq!(res.status, 422, "{}", res.text);
    assert_eq!(
        error_fields(&res),
        vec![("title".to_string(), "error-page-title-taken".to_string())]
    );
    let res = api
        .call(
            "PUT",
            "/groups/jardins/pages/autre",
            Some(&json!({"title": "Accueil", "markdown": "texte", "base_revision": 0})),
        )
        .await;
    assert_eq!(res.status, 422, "{}", res.text);
    assert_eq!(anon.get("/groups/jardins/pages/autre").await.status, 404);
    // Over 200 000 bytes (fewer characters: the limit is in bytes).
    let too_big = "é".repeat(100_001);
    let res = api
        .call(
            "PUT",
            path,
            Some(
                &json!({"title": "Compte rendu 12 mars", "markdown": too_big, "base_revision": 2}),
            ),
        )
        .await;
    assert_eq!(res.status, 422);
    assert_eq!(
        error_fields(&res),
        vec![("markdown".to_string(), "error-page-too-long".to_string())]
    );
    assert!(res.text.contains("trop longue"), "{}", res.text);
    let current = anon.get(path).await.json();
    assert_eq!(
        (current["revision"].clone(), current["markdown"].clone()),
        (json!(2), json!("Version 2 par l'API"))
    );
    // The same through the web form: refused, and the text typed stays in the form.
    let form = fanny.get("/g/jardins/wiki/compte-rendu-12-mars/edit").await;
    let too_big = format!("début {}", "é".repeat(100_000));
    let res = fanny
        .post_form(
            "/g/jardins/wiki/compte-rendu-12-mars/edit",
            &[
                ("title", "Compte rendu 12 mars"),
                ("markdown", &too_big),
                ("base_revision", &base_revision(&form.text)),
                ("action", "save"),
            ],
        )
        .await;
    assert_eq!(res.status, 422);
    assert!(
        res.text.contains("trop longue") && res.text.contains(&too_big),
        "the text typed is kept"
    );
    // An empty title, a summary too long.
    let res = api
        .call(
            "PUT",
            path,
            Some(&json!({"title": "  ", "markdown": "texte", "base_revision": 2})),
        )
        .await;
    assert_eq!(
        error_fields(&res),
        vec![("title".to_string(), "error-page-title-empty".to_string())]
    );
    let res = api.call("PUT", path, Some(&json!({"title": "Compte rendu 12 mars", "markdown": "texte", "base_revision": 2, "summary": "s".repeat(301)}))).await;
    assert_eq!(
        error_fields(&res),
        vec![(
            "summary".to_string(),
            "error-edit-summary-too-long".to_string()
        )]
    );
    assert_eq!(
        anon.get(path).await.json()["revision"],
        2,
        "nothing changed"
    );
    // Exactly at the limit is fine.
    let at_limit = "é".repeat(100_000);
    let res = api
        .call(
            "PUT",
            path,
            Some(
                &json!({"title": "Compte rendu 12 mars", "markdown": at_limit, "base_revision": 2}),
            ),
        )
        .await;
    assert_eq!(res.status, 200, "{}", res.text);
    assert_eq!(res.json()["revision"], 3);

    // Renaming through PUT: the old addresses (web and API) lead to the new one.
    let renamed = json!({"title": "Compte rendu du 12 mars", "markdown": "Après le renommage", "base_revision": 3});
    let res = api.call("PUT", path, Some(&renamed)).await;
    assert_eq!(res.status, 200, "{}", res.text);
    assert_eq!(res.json()["slug"], "compte-rendu-du-12-mars");
    assert_eq!(
        res.json()["url"],
        format!("{}/g/jardins/wiki/compte-rendu-du-12-mars", app.base)
    );
    let old = app
        .browser()
        .get("/g/jardins/wiki/compte-rendu-12-mars")
        .await;
    assert_eq!(
        (old.status, old.location()),
        (308, "/g/jardins/wiki/compte-rendu-du-12-mars".to_string())
    );
    let raw = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let res = raw
        .get(format!("{}/api/v1{path}", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 308);
    assert_eq!(
        res.headers()["location"],
        "/api/v1/groups/jardins/pages/compte-rendu-du-12-mars"
    );
    let res = anon.get(path).await;
    assert_eq!(
        (res.status, res.json()["slug"].clone()),
        (200, json!("compte-rendu-du-12-mars"))
    );
    let res = api.call("PUT", path, Some(&json!({"title": "Compte rendu du 12 mars", "markdown": "Par l'ancienne adresse", "base_revision": 4}))).await;
    assert_eq!(
        (res.status, res.json()["revision"].clone()),
        (200, json!(5)),
        "{}",
        res.text
    );

    // A members-only page is not found by others, through GET and PUT alike.
    saved(
        &fanny,
        "/g/jardins/wiki/tresorerie",
        "Trésorerie",
        "Solde : 120 euros",
    )
    .await;
    page_access(&fanny, "tresorerie", "members", "inherit").await;
    assert_eq!(
        olga.get("/groups/jardins/pages/tresorerie").await.status,
        404
    );
    let res = olga
        .call(
            "PUT",
            "/groups/jardins/pages/tresorerie",
            Some(&json!({"title": "Trésorerie", "markdown": "x", "base_revision": 1})),
        )
        .await;
    assert_eq!(res.status, 404, "{}", res.text);
    assert!(!olga
        .get("/groups/jardins/pages")
        .await
        .text
        .contains("tresorerie"));
    assert!(api
        .get("/groups/jardins/pages")
        .await
        .text
        .contains("tresorerie"));
    assert_eq!(
        api.get("/groups/jardins/pages/tresorerie").await.json()["markdown"],
        "Solde : 120 euros"
    );
    // A bad token is refused even for reading.
    let res = Api::new(&app.base, Some("essaim_pas-une-vraie-cle"))
        .get("/groups/jardins/pages")
        .await;
    assert_eq!(res.status, 401);
}

// ---------------------------------------------------------------- who reads and edits

async fn who_reads_and_edits_follows_the_settings(backend: Backend) {
    let app = TestApp::start(backend).await;
    let facilitator = with_group(&app).await;
    let member = member(&app, "Mia", "mia@coop.fr").await;
    let outsider = person(&app, "Olga", "olga@coop.fr").await;
    let admin = app.logged_in("admin@coop.fr", PW).await;
    let visitor = app.browser();
    let people = [
        ("visitor", &visitor),
        ("outsider", &outsider),
        ("member", &member),
        ("facilitator", &facilitator),
        ("admin", &admin),
    ];
    saved(
        &facilitator,
        "/g/jardins/wiki/semis",
        "Semis",
        "Les semis de printemps.",
    )
    .await;
    let page = "/g/jardins/wiki/semis";

    // By default everyone reads, members edit.
    let got = statuses(&people, page).await;
    assert_eq!(
        got,
        expect(
            &people,
            &[(200, 401), (200, 403), (200, 200), (200, 200), (200, 200)]
        )
    );
    // Saving is refused as the form is, and changes nothing.
    let res = outsider
        .post_form(
            &format!("{page}/edit"),
            &[
                ("title", "Semis"),
                ("markdown", "Olga était là"),
                ("base_revision", "1"),
                ("action", "save"),
            ],
        )
        .await;
    assert_eq!(res.status, 403);
    assert!(!visitor.get(page).await.text.contains("Olga était là"));

    // A members-only wiki.
    wiki_access(&facilitator, "members", "members").await;
    let got = statuses(&people, page).await;
    assert_eq!(
        got,
        expect(
            &people,
            &[(401, 401), (403, 403), (200, 200), (200, 200), (200, 200)]
        )
    );
    // A facilitators-only wiki.
    wiki_access(&facilitator, "facilitators", "members").await;
    let got = statuses(&people, page).await;
    assert_eq!(
        got,
        expect(
            &people,
            &[(401, 401), (403, 403), (403, 403), (200, 200), (200, 200)]
        )
    );

    // An open wiki: any logged-in person edits a public page, and creates one.
    wiki_access(&facilitator, "everyone", "logged_in").await;
    let got = statuses(&people, page).await;
    assert_eq!(
        got,
        expect(
            &people,
            &[(200, 401), (200, 200), (200, 200), (200, 200), (200, 200)]
        )
    );
    saved(&outsider, page, "Semis", "Olga ajoute les semis d'automne.").await;
    assert!(visitor
        .get(page)
        .await
        .text
        .contains("Olga ajoute les semis"));
    assert_eq!(
        outsider
            .get("/g/jardins/wiki/idees-d-olga/edit")
            .await
            .status,
        200
    );
    // …but not a page closed to members, even in an open wiki.
    page_access(&facilitator, "semis", "members", "inherit").await;
    let got = statuses(&people, page).await;
    assert_eq!(
        got,
        expect(
            &people,
            &[(401, 401), (403, 403), (200, 200), (200, 200), (200, 200)]
        )
    );

    // Back to the defaults; then each page's own setting.
    wiki_access(&facilitator, "everyone", "members").await;
    page_access(&facilitator, "semis", "inherit", "inherit").await;
    let got = statuses(&people, page).await;
    assert_eq!(
        got,
        expect(
            &people,
            &[(200, 401), (200, 403), (200, 200), (200, 200), (200, 200)]
        )
    );
    page_access(&facilitator, "semis", "facilitators", "inherit").await;
    let got = statuses(&people, page).await;
    assert_eq!(
        got,
        expect(
            &people,
            &[(401, 401), (403, 403), (403, 403), (200, 200), (200, 200)]
        )
    );
    // A page open to editing by anyone logged in, the rest of the wiki not.
    page_access(&facilitator, "semis", "inherit", "logged_in").await;
    let got = statuses(&people, page).await;
    assert_eq!(
        got,
        expect(
            &people,
            &[(200, 401), (200, 200), (200, 200), (200, 200), (200, 200)]
        )
    );
    assert_eq!(
        outsider.get("/g/jardins/wiki/accueil/edit").await.status,
        403
    );
    // The stricter setting wins: a page "for everyone" in a members-only wiki is for members.
    wiki_access(&facilitator, "members", "members").await;
    page_access(&facilitator, "semis", "everyone", "inherit").await;
    let got = statuses(&people, page).await;
    assert_eq!(
        got,
        expect(
            &people,
            &[(401, 401), (403, 403), (200, 200), (200, 200), (200, 200)]
        )
    );

    // Only those who run the group (and administrators) change the settings.
    for (who, b, status) in [
        ("visitor", &visitor, 401),
        ("outsider", &outsider, 403),
        ("member", &member, 403),
    ] {
        let res = b
            .post_form(
                "/g/jardins/wiki-settings",
                &[("read", "everyone"), ("edit", "logged_in")],
            )
            .await;
        assert_eq!(res.status, status, "{who}");
        let res = b
            .post_form(
                "/g/jardins/wiki/accueil/settings",
                &[("read", "everyone"), ("edit", "logged_in")],
            )
            .await;
        assert!(
            res.status == 401 || res.status == 403,
            "{who}: {}",
            res.status
        );
    }
    assert_eq!(member.get("/g/jardins/wiki-settings").await.status, 403);
    assert_eq!(
        facilitator.get("/g/jardins/wiki-settings").await.status,
        200
    );
    assert_eq!(
        admin.get("/g/jardins/wiki/semis/settings").await.status,
        200
    );
    let res = admin
        .post_form(
            "/g/jardins/wiki-settings",
            &[("read", "tout-le-monde"), ("edit", "members")],
        )
        .await;
    assert_eq!(res.status, 422);
    let res = facilitator
        .post_form(
            "/g/jardins/wiki/semis/settings",
            &[("read", "members"), ("edit", "n-importe-qui")],
        )
        .await;
    assert_eq!(res.status, 422);
    let group = app.store.group_by_slug("jardins").await.unwrap().unwrap();
    assert_eq!(
        (group.wiki_read.code(), group.wiki_edit.code()),
        ("members", "members"),
        "nothing changed"
    );
    assert_eq!(
        stored_page(&app, "semis").await.edit_access.0,
        None,
        "nothing changed"
    );
}

async fn a_facilitators_page_is_hidden_from_members_everywhere(backend: Backend) {
    let app = TestApp::start(backend).await;
    let fanny = with_group(&app).await;
    let mia = member(&app, "Mia", "mia@coop.fr").await;
    let visitor = app.browser();
    let path = "/g/jardins/wiki/bureau-restreint";
    saved(
        &fanny,
        path,
        "Bureau restreint",
        "Le code du portail est salamandre.",
    )
    .await;
    saved(
        &fanny,
        path,
        "Bureau restreint",
        "Le code du portail est salamandre, près du xylophone.",
    )
    .await;
    page_access(&fanny, "bureau-restreint", "facilitators", "inherit").await;
    assert_eq!(
        attach(
            &app,
            &fanny,
            path,
            "code.txt",
            b"portail salamandre".to_vec()
        )
        .await
        .status,
        303
    );
    assert_eq!(
        attach(&app, &fanny, path, "plan.png", png(300, 200))
            .await
            .status,
        303
    );
    let files = app
        .store
        .attachments_of(stored_page(&app, "bureau-restreint").await.id)
        .await
        .unwrap();
    assert_eq!(files.len(), 2);
    let mut doors: Vec<String> = [
        "",
        "/history",
        "/revisions/1",
        "/diff?from=1&to=2",
        "/edit",
        "/settings",
    ]
    .iter()
    .map(|d| format!("{path}{d}"))
    .collect();
    for f in &files {
        doors.push(format!("{path}/files/{}/{}", f.id, f.name));
        doors.push(format!("{path}/files/{}/thumb", f.id));
    }
    // The facilitator opens every door; a plain member and a visitor none.
    for door in &doors {
        assert_eq!(fanny.get(door).await.status, 200, "facilitator: {door}");
        assert_eq!(mia.get(door).await.status, 403, "member: {door}");
        assert_eq!(visitor.get(door).await.status, 401, "visitor: {door}");
    }
    let res = mia.post_form(&format!("{path}/restore/1"), &[]).await;
    assert_eq!(res.status, 403);
    let res = mia
        .post_form(
            "/g/jardins/wiki-watch",
            &[("mode", "immediate"), ("page", "bureau-restreint")],
        )
        .await;
    assert_eq!(res.status, 403);
    assert_eq!(
        stored_page(&app, "bureau-restreint").await.revision,
        2,
        "nothing restored"
    );

    // Lists, search and recent changes: shown to the facilitator only.
    for list in [
        "/search?q=xylophone",
        "/g/jardins/search?q=xylophone",
        "/changes",
        "/g/jardins/changes",
        "/g/jardins/wiki",
    ] {
        let res = fanny.get(list).await;
        assert!(
            res.text.contains("Bureau restreint"),
            "facilitator: {list}: {}",
            res.text
        );
        for (who, b) in [("member", &mia), ("visitor", &visitor)] {
            let res = b.get(list).await;
            assert_eq!(res.status, 200, "{who}: {list}");
            assert!(
                !res.text.contains("Bureau restreint") && !res.text.contains("salamandre"),
                "{who}: {list} leaks: {}",
                res.text
            );
        }
    }
    // Atom feeds, parsed.
    for path in ["/changes.atom", "/g/jardins/changes.atom"] {
        let titles = feed(&fanny, path).await;
        assert!(
            titles.iter().any(|t| t == "Bureau restreint"),
            "facilitator: {path}: {titles:?}"
        );
        for (who, b) in [("member", &mia), ("visitor", &visitor)] {
            let titles = feed(b, path).await;
            assert!(!titles.is_empty(), "{who}: {path} lists the other changes");
            assert!(
                !titles.iter().any(|t| t.contains("Bureau")),
                "{who}: {path} leaks: {titles:?}"
            );
        }
    }
    // The API, with each one's token.
    let fanny_api = Api::new(&app.base, Some(&token(&app, "fanny@coop.fr").await));
    let mia_api = Api::new(&app.base, Some(&token(&app, "mia@coop.fr").await));
    let found = fanny_api.get("/search?q=xylophone").await.json();
    assert_eq!(found["results"][0]["title"], "Bureau restreint", "{found}");
    assert_eq!(
        mia_api.get("/search?q=xylophone").await.json()["results"],
        json!([])
    );
    assert_eq!(
        mia_api
            .get("/search?q=xylophone&group=jardins")
            .await
            .json()["results"],
        json!([])
    );
    assert!(fanny_api
        .get("/groups/jardins/pages")
        .await
        .text
        .contains("bureau-restreint"));
    assert!(!mia_api
        .get("/groups/jardins/pages")
        .await
        .text
        .contains("bureau-restreint"));
    assert_eq!(
        fanny_api
            .get("/groups/jardins/pages/bureau-restreint")
            .await
            .status,
        200
    );
    assert_eq!(
        mia_api
            .get("/groups/jardins/pages/bureau-restreint")
            .await
            .status,
        404
    );
    let res = mia_api
        .call(
            "PUT",
            "/groups/jardins/pages/bureau-restreint",
            Some(&json!({"title": "Bureau restreint", "markdown": "x", "base_revision": 2})),
        )
        .await;
    assert_eq!(res.status, 404);
}

async fn a_group_awaiting_approval_keeps_its_pages_for_members(backend: Backend) {
    let app = TestApp::start(backend).await;
    app.user("Admin", "admin@coop.fr", PW).await;
    let admin = app.logged_in("admin@coop.fr", PW).await;
    let paule = person(&app, "Paule", "paule@coop.fr").await;
    let res = paule
        .post_form(
            "/groups/new",
            &crate::groups::card("Cercle des semences", "cercle"),
        )
        .await;
    assert_eq!(res.status, 303, "{}", res.text);
    assert!(
        !app.store
            .group_by_slug("cercle")
            .await
            .unwrap()
            .unwrap()
            .listed,
        "awaiting approval"
    );
    let path = "/g/cercle/wiki/grainotheque";
    saved(
        &paule,
        path,
        "Grainothèque",
        "Nos graines de tomates anciennes.",
    )
    .await;
    let page = paule.get(path).await;
    assert_eq!(page.status, 200);
    assert!(
        page.text.contains("Réservée aux membres du groupe"),
        "the page says who reads it"
    );
    assert_eq!(admin.get(path).await.status, 200);
    let outsider = person(&app, "Olga", "olga@coop.fr").await;
    let visitor = app.browser();
    let doors = [
        "/search?q=tomates",
        "/changes",
        "/api/v1/search?q=tomates",
        "/g/cercle/wiki",
        "/api/v1/groups/cercle/pages",
    ];
    for (who, b) in [("visitor", &visitor), ("outsider", &outsider)] {
        assert_eq!(
            b.get(path).await.status,
            404,
            "{who}: the group is not shown yet"
        );
        for door in doors {
            let res = b.get(door).await;
            assert!(
                !res.text.contains("Grainoth") && !res.text.contains("tomates anciennes"),
                "{who}: {door} leaks: {}",
                res.text
            );
        }
        assert!(
            !feed(b, "/changes.atom")
                .await
                .iter()
                .any(|t| t.contains("Grainoth")),
            "{who}: feed"
        );
    }
    assert!(paule.get("/search?q=tomates").await.text.contains(path));

    // Once listed, its public pages are public, search included.
    let res = admin
        .post_form("/admin/groups/cercle/review", &[("decision", "approve")])
        .await;
    assert_eq!(res.status, 303, "{}", res.text);
    let page = visitor.get(path).await;
    assert_eq!(page.status, 200);
    assert!(!page.text.contains("Réservée aux membres du groupe"));
    assert!(visitor.get("/search?q=tomates").await.text.contains(path));
    assert!(feed(&visitor, "/changes.atom")
        .await
        .iter()
        .any(|t| t == "Grainothèque"));
    let api = Api::new(&app.base, None);
    assert_eq!(
        api.get("/search?q=tomates").await.json()["results"][0]["url"],
        format!("{}{path}", app.base)
    );
}

// ---------------------------------------------------------------- the instance's wiki

async fn the_instance_wiki_is_read_by_all_and_written_by_helpers(backend: Backend) {
    let app = TestApp::start(backend).await;
    let fanny = with_group(&app).await;
    let mia = member(&app, "Mia", "mia@coop.fr").await;
    let outsider = person(&app, "Olga", "olga@coop.fr").await;
    app.user("Hélène", "helene@coop.fr", PW).await;
    app.store
        .set_helper(user_id(&app, "helene@coop.fr").await, true)
        .await
        .unwrap();
    let helper = app.logged_in("helene@coop.fr", PW).await;
    let admin = app.logged_in("admin@coop.fr", PW).await;
    let visitor = app.browser();

    // A helper writes a network-wide page.
    let path = "/wiki/charte-du-reseau";
    let missing = helper.get(path).await;
    assert_eq!(missing.status, 404);
    assert!(missing.text.contains("Créer cette page"));
    let res = save(
        &helper,
        path,
        "Charte du réseau",
        "Nous coopérons entre groupes.",
        "première version",
    )
    .await;
    assert_eq!(
        (res.status, res.location()),
        (303, path.to_string()),
        "{}",
        res.text
    );

    // Anybody reads; helpers and administrators edit; members and
    // facilitators of groups do not.
    let people = [
        ("visitor", &visitor),
        ("outsider", &outsider),
        ("member", &mia),
        ("facilitator", &fanny),
        ("helper", &helper),
        ("admin", &admin),
    ];
    let got = statuses(&people, path).await;
    assert_eq!(
        got,
        expect(
            &people,
            &[
                (200, 401),
                (200, 403),
                (200, 403),
                (200, 403),
                (200, 200),
                (200, 200)
            ]
        )
    );
    assert!(visitor.get(path).await.text.contains("Nous coopérons"));
    let res = fanny
        .post_form(
            &format!("{path}/edit"),
            &[
                ("title", "Charte du réseau"),
                ("markdown", "Réécrite par Fanny"),
                ("base_revision", "1"),
                ("action", "save"),
            ],
        )
        .await;
    assert_eq!(res.status, 403);
    assert_eq!(mia.get("/wiki/autre-page").await.status, 404);
    assert!(!mia
        .get("/wiki/autre-page")
        .await
        .text
        .contains("Créer cette page"));
    let res = save(
        &admin,
        path,
        "Charte du réseau",
        "Nous coopérons entre groupes, en confiance.",
        "précision",
    )
    .await;
    assert_eq!(res.status, 303);
    assert!(!visitor.get(path).await.text.contains("Réécrite par Fanny"));

    // It shows in the instance's lists, not in a group's.
    let history = visitor.get(&format!("{path}/history")).await;
    assert!(history.text.contains("première version") && history.text.contains("précision"));
    assert!(visitor.get("/wiki").await.text.contains(path));
    assert!(visitor
        .get("/changes")
        .await
        .text
        .contains("Charte du réseau"));
    assert!(feed(&visitor, "/changes.atom")
        .await
        .iter()
        .any(|t| t == "Charte du réseau"));
    assert!(!visitor
        .get("/g/jardins/changes")
        .await
        .text
        .contains("Charte du réseau"));
    assert!(!feed(&visitor, "/g/jardins/changes.atom")
        .await
        .iter()
        .any(|t| t == "Charte du réseau"));
    assert!(visitor
        .get("/search?q=coopérons+groupe")
        .await
        .text
        .contains(path));
    // A feed's link to a new page's first version leads to that version.
    let res = visitor.get(&format!("{path}/diff?to=1")).await;
    assert_eq!(res.status, 303, "{}", res.text);
    assert_eq!(visitor.get(&res.location()).await.status, 200);
}

// ---------------------------------------------------------------- attachments

async fn attachments_are_checked_by_their_content(backend: Backend) {
    let app = TestApp::start(backend).await;
    let fanny = with_group(&app).await;
    let visitor = app.browser();
    let path = "/g/jardins/wiki/accueil";
    let page_id = stored_page(&app, "accueil").await.id;

    // Accepted: a picture, a PDF (its name given with a path), a document.
    assert_eq!(
        attach(&app, &fanny, path, "photo du jardin.png", png(1600, 1200))
            .await
            .status,
        303
    );
    let pdf = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
        .to_vec();
    let res = attach(
        &app,
        &fanny,
        path,
        "../../etc/Compte rendu.pdf",
        pdf.clone(),
    )
    .await;
    assert_eq!(res.status, 303, "{}", res.text);
    let mut docx = b"PK\x03\x04".to_vec();
    docx.extend_from_slice(&[0; 60]);
    assert_eq!(
        attach(&app, &fanny, path, "C:\\Users\\fanny\\rapport.docx", docx)
            .await
            .status,
        303
    );

    // Refused by content, with the translated message, and nothing kept.
    let mut big = b"a".repeat(10 * 1024 * 1024);
    big.push(b'a');
    let refused: [(&str, Vec<u8>, &str); 5] = [
        (
            "faux.docx",
            b"Ceci n'est pas un document".to_vec(),
            "Ce type de fichier n'est pas accepté",
        ),
        (
            "setup.exe",
            b"MZ\x90\x00\x03\x00\x00\x00\x04\x00".to_vec(),
            "Ce type de fichier n'est pas accepté",
        ),
        (
            "note.txt",
            b"<html><script>alert(1)</script>\x00</html>".to_vec(),
            "Ce type de fichier n'est pas accepté",
        ),
        ("gros.txt", big, "Ce fichier est trop lourd"),
        ("vide.txt", Vec::new(), "Choisissez un fichier"),
    ];
    for (name, bytes, message) in refused {
        let res = attach(&app, &fanny, path, name, bytes).await;
        assert_eq!(res.status, 422, "{name}: {}", res.text);
        assert!(res.text.contains(message), "{name}: {}", res.text);
    }
    let files = app.store.attachments_of(page_id).await.unwrap();
    let mut names: Vec<&str> = files.iter().map(|f| f.name.as_str()).collect();
    names.sort();
    assert_eq!(
        names,
        ["Compte rendu.pdf", "photo du jardin.png", "rapport.docx"],
        "names cleaned of their paths"
    );
    let stored = std::fs::read_dir(app.config.data_dir.join("attachments"))
        .unwrap()
        .count();
    assert_eq!(
        stored, 4,
        "three files and one thumbnail on disk, no leftovers"
    );
    let file = |name: &str| files.iter().find(|f| f.name == name).unwrap().clone();

    // The picture: a JPEG thumbnail within 640×480, shown on the page.
    let photo = file("photo du jardin.png");
    assert!(photo.has_thumbnail);
    let thumb_path = format!("{path}/files/{}/thumb", photo.id);
    let page = visitor.get(path).await;
    assert!(
        page.text.contains(&format!("src=\"{thumb_path}\"")),
        "{}",
        page.text
    );
    let res = visitor
        .client
        .get(format!("{}{thumb_path}", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["content-type"], "image/jpeg");
    let thumb =
        image::load_from_memory_with_format(&res.bytes().await.unwrap(), image::ImageFormat::Jpeg)
            .unwrap();
    assert!(
        thumb.width() <= 640 && thumb.height() <= 480,
        "{}×{}",
        thumb.width(),
        thumb.height()
    );
    assert_eq!(
        (thumb.width(), thumb.height()),
        (640, 480),
        "the proportions are kept"
    );
    let res = visitor
        .client
        .get(format!("{}{path}/files/{}/photo.png", app.base, photo.id))
        .send()
        .await
        .unwrap();
    assert_eq!(res.headers()["content-type"], "image/png");
    let full = image::load_from_memory(&res.bytes().await.unwrap()).unwrap();
    assert_eq!((full.width(), full.height()), (1600, 1200));

    // The PDF opens in the browser, with nothing in it allowed to run.
    let pdf_file = file("Compte rendu.pdf");
    let res = visitor
        .get(&format!("{path}/files/{}/Compte%20rendu.pdf", pdf_file.id))
        .await;
    assert_eq!(res.status, 200);
    assert_eq!(
        res.header("content-type").as_deref(),
        Some("application/pdf")
    );
    assert!(res
        .header("content-disposition")
        .unwrap()
        .starts_with("inline"));
    assert_eq!(
        res.header("content-security-policy").as_deref(),
        Some("default-src 'none'; sandbox")
    );
    assert_eq!(res.text.as_bytes(), &pdf[..]);
    // A document is downloaded.
    let docx_file = file("rapport.docx");
    let res = visitor
        .get(&format!("{path}/files/{}/rapport.docx", docx_file.id))
        .await;
    assert_eq!(res.status, 200);
    assert!(
        res.header("content-disposition")
            .unwrap()
            .starts_with("attachment"),
        "{:?}",
        res.headers
    );
    assert!(res
        .header("content-type")
        .unwrap()
        .contains("wordprocessingml"));
    // A file is only reachable through its own page.
    saved(&fanny, "/g/jardins/wiki/autre", "Autre", "Une autre page").await;
    assert_eq!(
        visitor
            .get(&format!("/g/jardins/wiki/autre/files/{}/x", pdf_file.id))
            .await
            .status,
        404
    );
    assert_eq!(
        visitor.get(&format!("{path}/files/999999/x")).await.status,
        404
    );
    // Only those who may edit the page attach files.
    let mia = member(&app, "Mia", "mia@coop.fr").await;
    let outsider = person(&app, "Olga", "olga@coop.fr").await;
    assert_eq!(
        attach(&app, &outsider, path, "olga.txt", b"Olga".to_vec())
            .await
            .status,
        403
    );
    assert_eq!(
        attach(&app, &mia, path, "mia.txt", b"Mia".to_vec())
            .await
            .status,
        303
    );
    assert_eq!(app.store.attachments_of(page_id).await.unwrap().len(), 4);
}

// ---------------------------------------------------------------- watches

async fn daily_summaries_and_who_is_told(backend: Backend) {
    let app = TestApp::start(backend).await;
    let fanny = with_group(&app).await;
    let wes = member(&app, "Wes", "wes@coop.fr").await;
    let mia = member(&app, "Mia", "mia@coop.fr").await;
    saved(
        &fanny,
        "/g/jardins/wiki/semis",
        "Semis",
        "Le calendrier des semis.",
    )
    .await;
    saved(
        &fanny,
        "/g/jardins/wiki/outils",
        "Outils",
        "La liste des outils.",
    )
    .await;
    app.run_jobs().await;
    app.store.clock().advance(5);

    // Wes follows the whole wiki in a daily summary.
    let res = wes
        .post_form("/g/jardins/wiki-watch", &[("mode", "daily"), ("page", "")])
        .await;
    assert_eq!(res.status, 303, "{}", res.text);
    assert!(wes
        .get("/g/jardins/wiki")
        .await
        .text
        .contains("Vous recevez un résumé par jour"));
    // Two changes by someone else, one of his own.
    saved(
        &fanny,
        "/g/jardins/wiki/semis",
        "Semis",
        "Semer les tomates en mars.",
    )
    .await;
    saved(
        &fanny,
        "/g/jardins/wiki/outils",
        "Outils",
        "La grelinette est prêtée.",
    )
    .await;
    saved(
        &wes,
        "/g/jardins/wiki/accueil",
        "Bienvenue chez nous",
        "Le mot de Wes.",
    )
    .await;
    app.run_jobs().await;
    assert!(
        emails_to(&app, "wes@coop.fr").await.is_empty(),
        "nothing before the summary"
    );

    // The summary goes at 7 o'clock, Paris time.
    let due = digest_due(&app).await;
    let now = app.store.now();
    assert!(
        due > now && due <= now + 25 * 3600,
        "the next summary is within a day"
    );
    assert_eq!(due % 3600, 0);
    assert!(
        [5, 6].contains(&(due % 86_400 / 3600)),
        "7:00 in Paris is 5:00 or 6:00 UTC"
    );
    app.store.clock().advance(due - now + 60);
    app.run_jobs().await;
    let mails = emails_to(&app, "wes@coop.fr").await;
    assert_eq!(mails.len(), 1, "one summary");
    let summary = &mails[0];
    assert!(
        summary.subject.contains("Les pages modifiées hier"),
        "{}",
        summary.subject
    );
    assert!(
        summary.text_body.contains("Semis") && summary.text_body.contains("Outils"),
        "{}",
        summary.text_body
    );
    assert!(
        summary
            .text_body
            .contains("/g/jardins/wiki/semis/diff?to=2"),
        "{}",
        summary.text_body
    );
    assert!(
        !summary.text_body.contains("Bienvenue chez nous"),
        "not his own change: {}",
        summary.text_body
    );
    assert!(
        summary.text_body.contains("2 changements"),
        "only what changed since he follows: {}",
        summary.text_body
    );
    // A summary that runs late loses nothing: a change now, the summary two days later.
    saved(
        &fanny,
        "/g/jardins/wiki/semis",
        "Semis",
        "Semer les poivrons en avril.",
    )
    .await;
    app.store.clock().advance(2 * 86_400);
    app.run_jobs().await;
    let mails = emails_to(&app, "wes@coop.fr").await;
    assert_eq!(mails.len(), 2, "the late summary");
    assert!(
        mails[0]
            .text_body
            .contains("/g/jardins/wiki/semis/diff?to=3"),
        "{}",
        mails[0].text_body
    );
    assert!(
        !mails[0].text_body.contains("Outils"),
        "nothing twice: {}",
        mails[0].text_body
    );

    // The stop link of the summary (a forged one does nothing).
    let stop = find_link(&summary.text_body, "/watch/stop-daily/");
    let wes_id = user_id(&app, "wes@coop.fr").await;
    let jardins = group_id(&app, "jardins").await;
    let forged = app
        .browser()
        .get(&format!(
            "/watch/stop-daily/{wes_id}/pas-la-bonne-signature"
        ))
        .await;
    assert!(
        forged.text.contains("ne correspond à aucun suivi"),
        "{}",
        forged.text
    );
    assert!(app
        .store
        .watch_of(wes_id, jardins.0, None)
        .await
        .unwrap()
        .is_some());
    let headers = crate::support::headers_of(&summary.raw);
    assert_eq!(
        headers.get("list-unsubscribe-post").map(String::as_str),
        Some("List-Unsubscribe=One-Click")
    );
    // A mail program's one-click POST (RFC 8058) with a forged signature
    // does nothing either.
    let res = reqwest::Client::new()
        .post(format!(
            "{}/watch/stop-daily/{wes_id}/pas-la-bonne-signature",
            app.base
        ))
        .body("List-Unsubscribe=One-Click")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert!(app
        .store
        .watch_of(wes_id, jardins.0, None)
        .await
        .unwrap()
        .is_some());
    let stopped = app.browser().get(&stop).await;
    assert!(
        stopped.text.contains("vous ne recevrez plus"),
        "{}",
        stopped.text
    );
    assert!(app
        .store
        .watch_of(wes_id, jardins.0, None)
        .await
        .unwrap()
        .is_none());
    saved(
        &fanny,
        "/g/jardins/wiki/outils",
        "Outils",
        "La grelinette est rendue.",
    )
    .await;
    app.store.clock().advance(86_400 + 3600);
    app.run_jobs().await;
    assert_eq!(
        emails_to(&app, "wes@coop.fr").await.len(),
        2,
        "no more summaries"
    );

    // The author of a change is not told about it; others' changes are told.
    // Fanny follows one page at once and the rest in a daily summary: the
    // page's own choice wins, she is not told twice.
    let res = fanny
        .post_form(
            "/g/jardins/wiki-watch",
            &[("mode", "immediate"), ("page", "semis")],
        )
        .await;
    assert_eq!(res.status, 303);
    let res = fanny
        .post_form("/g/jardins/wiki-watch", &[("mode", "daily"), ("page", "")])
        .await;
    assert_eq!(res.status, 303);
    let before = emails_to(&app, "fanny@coop.fr").await.len();
    saved(
        &fanny,
        "/g/jardins/wiki/semis",
        "Semis",
        "Fanny relit les semis.",
    )
    .await;
    app.run_jobs().await;
    assert_eq!(
        emails_to(&app, "fanny@coop.fr").await.len(),
        before,
        "not told of her own change"
    );
    saved(
        &mia,
        "/g/jardins/wiki/semis",
        "Semis",
        "Mia ajoute les courges.",
    )
    .await;
    saved(
        &mia,
        "/g/jardins/wiki/outils",
        "Outils",
        "Mia range la grelinette.",
    )
    .await;
    app.run_jobs().await;
    let told = emails_to(&app, "fanny@coop.fr").await;
    assert_eq!(
        told.len(),
        before + 1,
        "one email, for the page she follows at once"
    );
    assert!(
        told[0].subject.contains("Semis") && told[0].text_body.contains("Mia"),
        "{}",
        told[0].text_body
    );

    // A watcher who lost access to a page is told nothing of it.
    saved(
        &fanny,
        "/g/jardins/wiki/tresorerie",
        "Trésorerie",
        "Solde : 120 euros.",
    )
    .await;
    app.run_jobs().await;
    let res = mia
        .post_form(
            "/g/jardins/wiki-watch",
            &[("mode", "immediate"), ("page", "tresorerie")],
        )
        .await;
    assert_eq!(res.status, 303);
    let res = mia
        .post_form("/g/jardins/wiki-watch", &[("mode", "daily"), ("page", "")])
        .await;
    assert_eq!(res.status, 303);
    let before = emails_to(&app, "mia@coop.fr").await.len();
    saved(
        &fanny,
        "/g/jardins/wiki/tresorerie",
        "Trésorerie",
        "Solde : 150 euros.",
    )
    .await;
    app.run_jobs().await;
    let subjects: Vec<String> = emails_to(&app, "mia@coop.fr")
        .await
        .iter()
        .map(|m| m.subject.clone())
        .collect();
    assert_eq!(
        subjects.len(),
        before + 1,
        "Mia is told while she may read the page: {subjects:?}"
    );
    page_access(&fanny, "tresorerie", "facilitators", "inherit").await;
    saved(
        &fanny,
        "/g/jardins/wiki/tresorerie",
        "Trésorerie",
        "Solde : 90 euros, code ornithorynque.",
    )
    .await;
    app.run_jobs().await;
    assert_eq!(
        emails_to(&app, "mia@coop.fr").await.len(),
        before + 1,
        "no email once she may not read it"
    );
    saved(
        &fanny,
        "/g/jardins/wiki/outils",
        "Outils",
        "La grelinette est réparée.",
    )
    .await;
    app.run_jobs().await;
    let due = digest_due(&app).await;
    app.store.clock().advance(due - app.store.now() + 60);
    app.run_jobs().await;
    let mails = emails_to(&app, "mia@coop.fr").await;
    assert_eq!(mails.len(), before + 2, "her daily summary");
    let digest = &mails[0];
    assert!(digest.text_body.contains("Outils"), "{}", digest.text_body);
    assert!(
        !digest.text_body.contains("Trésorerie") && !digest.text_body.contains("tresorerie"),
        "{}",
        digest.text_body
    );
    assert!(mails.iter().all(|m| !m.text_body.contains("ornithorynque")));
    // Fanny's summary has the other page Mia changed, not the one she was told of.
    let digest = &emails_to(&app, "fanny@coop.fr").await[0];
    assert!(
        digest.subject.contains("Les pages modifiées"),
        "{}",
        digest.subject
    );
    assert!(
        digest.text_body.contains("/g/jardins/wiki/outils/diff"),
        "{}",
        digest.text_body
    );
    assert!(
        !digest.text_body.contains("/g/jardins/wiki/semis/diff"),
        "told twice: {}",
        digest.text_body
    );
}

// ---------------------------------------------------------------- rendering

async fn long_pages_get_a_table_of_contents_and_stay_safe(backend: Backend) {
    let app = TestApp::start(backend).await;
    let fanny = with_group(&app).await;
    let text = "## Semis\n\nTexte.\n\n## Plantations\n\nTexte.\n\n### Tomates anciennes\n\nTexte.\n\n## Récoltes\n\n\
        Voir [[Accueil|la page d'accueil]] et [[Outils de jardin]].\n\n\
        <img src=x onerror=alert(1)>\n\n<iframe src=\"https://mal.example\"></iframe>\n\n\
        [piège](javascript:alert(1)) [piège 2](JaVaScRiPt:alert(2)) <a href=\"javascript:alert(3)\">piège 3</a>\n\n\
        <script>alert(4)</script>\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n- [x] fait\n- [ ] à faire\n\n~~barré~~ https://exemple.org\n";
    saved(
        &fanny,
        "/g/jardins/wiki/guide-du-jardin",
        "Guide du jardin",
        text,
    )
    .await;
    let page = app
        .browser()
        .get("/g/jardins/wiki/guide-du-jardin")
        .await
        .text;
    assert!(page.contains("class=\"toc"), "a table of contents: {page}");
    assert!(page.contains("Sommaire"));
    for (anchor, heading) in [
        ("semis", "Semis"),
        ("plantations", "Plantations"),
        ("tomates-anciennes", "Tomates anciennes"),
        ("recoltes", "Récoltes"),
    ] {
        assert!(
            page.contains(&format!("id=\"{anchor}\"")),
            "anchor {anchor}"
        );
        assert!(
            page.contains(&format!("<a href=\"#{anchor}\">{heading}</a>")),
            "table entry {anchor}: {page}"
        );
    }
    // Links to pages: an existing one with its label, a missing one offered for creation.
    assert!(
        page.contains("href=\"/g/jardins/wiki/accueil\"")
            && page.contains(">la page d'accueil</a>"),
        "{page}"
    );
    assert!(page.contains("wikilink missing"));
    assert!(
        page.contains("/g/jardins/wiki/outils-de-jardin/edit?title=Outils"),
        "{page}"
    );
    // Raw HTML is shown as text, `javascript:` links lose their address,
    // the Markdown extensions are kept.
    let start = page
        .find("<article class=\"prose wiki-page\">")
        .expect("the page's article");
    let article = page[start..].split("</article>").next().unwrap();
    assert!(article.contains("Récoltes"), "{page}");
    essaim_domain::markdown::check_sanitized(article).unwrap();
    let lower = article.to_lowercase();
    assert!(
        !lower.contains("<a href=\"javascript")
            && !lower.contains("<img")
            && !lower.contains("<iframe"),
        "{article}"
    );
    assert!(
        article.contains("&lt;script&gt;alert(4)&lt;/script&gt;"),
        "shown as text: {article}"
    );
    assert!(article.contains(">piège 2</a>"));
    assert!(
        page.contains("<table>")
            && page.contains("type=\"checkbox\"")
            && page.contains("<del>barré</del>"),
        "{page}"
    );
    assert!(page.contains("href=\"https://exemple.org\""));
    // The preview and the API give the same safe HTML.
    let preview = fanny
        .post_form(
            "/g/jardins/wiki/guide-du-jardin/edit",
            &[
                ("title", "Guide du jardin"),
                ("markdown", text),
                ("base_revision", "1"),
                ("action", "preview"),
            ],
        )
        .await;
    assert!(
        preview.text.contains("id=\"recoltes\"") && preview.text.contains("&lt;script&gt;alert(4)")
    );
    assert!(!preview.text.to_lowercase().contains("<a href=\"javascript"));
    let api = Api::new(&app.base, None)
        .get("/groups/jardins/pages/guide-du-jardin")
        .await
        .json();
    let html = api["html"].as_str().unwrap();
    assert!(
        html.contains("id=\"recoltes\"") && html.contains("class=\"wikilink\""),
        "{html}"
    );
    essaim_domain::markdown::check_sanitized(html).unwrap();
    // Markup typed in a title is text everywhere: page, list, feed.
    saved(
        &fanny,
        "/g/jardins/wiki/b-gras-b-co",
        "<b>Gras</b> & co",
        "Un titre piégé.",
    )
    .await;
    let page = app.browser().get("/g/jardins/wiki/b-gras-b-co").await.text;
    assert!(
        page.contains("&lt;b&gt;Gras&lt;/b&gt; &amp; co") && !page.contains("<b>Gras</b>"),
        "{page}"
    );
    assert!(!app
        .browser()
        .get("/g/jardins/changes")
        .await
        .text
        .contains("<b>Gras"));
    assert!(feed(&app.browser(), "/g/jardins/changes.atom")
        .await
        .iter()
        .any(|t| t == "<b>Gras</b> & co"));
    // A short page has no table of contents.
    saved(
        &fanny,
        "/g/jardins/wiki/court",
        "Court",
        "## Un\n\nTexte.\n\n## Deux\n\n## Trois\n",
    )
    .await;
    let short = app.browser().get("/g/jardins/wiki/court").await.text;
    assert!(short.contains("id=\"trois\""));
    assert!(
        !short.contains("class=\"toc") && !short.contains("Sommaire"),
        "{short}"
    );
}

// ---------------------------------------------------------------- history

async fn history_counts_contributors_over_a_period(backend: Backend) {
    let app = TestApp::start(backend).await;
    let fanny = with_group(&app).await;
    let mia = member(&app, "Mia", "mia@coop.fr").await;
    let path = "/g/jardins/wiki/semis";
    saved(&fanny, path, "Semis", "version 1").await;
    saved(&fanny, path, "Semis", "version 2").await;
    saved(&mia, path, "Semis", "version 3").await;
    let history = app.browser().get(&format!("{path}/history")).await.text;
    let (f, m) = (
        history.find("Fanny — 2 versions"),
        history.find("Mia — 1 version"),
    );
    assert!(f.is_some() && m.is_some(), "{history}");
    assert!(f < m, "most revisions first");

    // Ten days later, another period.
    let first_period_end = app.store.now() + 1;
    app.store.clock().advance(10 * 86_400);
    let from = app.store.now();
    saved(&mia, path, "Semis", "version 4").await;
    saved(&mia, path, "Semis", "version 5").await;
    saved(&fanny, "/g/jardins/wiki/outils", "Outils", "version 1").await;
    app.store.clock().advance(86_400);
    let to = app.store.now();
    let jardins = group_id(&app, "jardins").await;
    let counts = |list: Vec<essaim_store::wiki::Contributor>| -> Vec<(String, i64)> {
        list.into_iter().map(|c| (c.name, c.revisions)).collect()
    };
    let period = app
        .store
        .wiki_contributors(jardins.0, None, from, to)
        .await
        .unwrap();
    assert_eq!(
        counts(period),
        vec![("Mia".to_string(), 2), ("Fanny".to_string(), 1)]
    );
    let semis = stored_page(&app, "semis").await.id;
    let before = app
        .store
        .wiki_contributors(jardins.0, Some(semis), from - 86_400, from)
        .await
        .unwrap();
    assert_eq!(counts(before), vec![], "the quiet days between");
    let first = app
        .store
        .wiki_contributors(jardins.0, Some(semis), 0, first_period_end)
        .await
        .unwrap();
    assert_eq!(
        counts(first),
        vec![("Fanny".to_string(), 2), ("Mia".to_string(), 1)]
    );
    let all = app
        .store
        .wiki_contributors(jardins.0, Some(semis), 0, i64::MAX)
        .await
        .unwrap();
    assert_eq!(
        counts(all),
        vec![("Mia".to_string(), 3), ("Fanny".to_string(), 2)]
    );
    // Another wiki's contributors are its own.
    assert!(app
        .store
        .wiki_contributors(0, None, 0, i64::MAX)
        .await
        .unwrap()
        .is_empty());
    let history = app.browser().get(&format!("{path}/history")).await.text;
    assert!(
        history.find("Mia — 3 versions") < history.find("Fanny — 2 versions")
            && history.contains("Fanny — 2 versions")
    );
}

/// The forms of groups, the wiki and administration, and the three upload
/// forms, refuse a request without the anti-forgery key or with a wrong
/// one, and change nothing (the accounts' forms are checked in `accounts`).
async fn every_group_and_wiki_form_refuses_a_forged_key(backend: Backend) {
    let app = TestApp::start(backend).await;
    let fanny = with_group(&app).await;
    let admin = app.logged_in("admin@coop.fr", "mot de passe long").await;
    let fanny_id = user_id(&app, "fanny@coop.fr").await;
    let group = group_id(&app, "jardins").await;
    let page_before = stored_page(&app, "accueil").await;
    let roles = format!("/g/jardins/members/{fanny_id}/roles");
    let people = format!("/admin/people/{fanny_id}/roles");
    let mut card = crate::groups::card("Pirate", "jardins");
    card.retain(|(k, _)| *k != "slug");
    type Form<'a> = (&'a Browser, &'a str, Vec<(&'a str, &'a str)>);
    let forms: Vec<Form> = vec![
        (&fanny, "/groups/new", crate::groups::card("Forgé", "forge")),
        (&fanny, "/g/jardins/edit", card),
        (&fanny, "/g/jardins/leave", vec![]),
        (&fanny, "/g/jardins/join", vec![]),
        (&fanny, &roles, vec![("role", "member")]),
        (
            &fanny,
            "/g/jardins/visibility",
            vec![("visibility", "everyone")],
        ),
        (
            &fanny,
            "/g/jardins/requests/1",
            vec![("decision", "accept")],
        ),
        (
            &fanny,
            "/g/jardins/wiki/accueil/edit",
            vec![
                ("title", "Piraté"),
                ("markdown", "piraté"),
                ("base_revision", "1"),
                ("action", "save"),
            ],
        ),
        (&fanny, "/g/jardins/wiki/accueil/restore/1", vec![]),
        (
            &fanny,
            "/g/jardins/wiki/accueil/settings",
            vec![("read", "facilitators"), ("edit", "inherit")],
        ),
        (&fanny, "/g/jardins/wiki-new", vec![("title", "Forgée")]),
        (
            &fanny,
            "/g/jardins/wiki-watch",
            vec![("mode", "immediate"), ("page", "")],
        ),
        (
            &fanny,
            "/g/jardins/wiki-settings",
            vec![("read", "members"), ("edit", "logged_in")],
        ),
        (&admin, "/wiki-new", vec![("title", "Forgée")]),
        (&admin, "/wiki-watch", vec![("mode", "daily"), ("page", "")]),
        (
            &admin,
            "/wiki/accueil/edit",
            vec![
                ("title", "Piraté"),
                ("markdown", "piraté"),
                ("action", "save"),
            ],
        ),
        (&admin, "/admin/groups/settings", vec![]),
        (&admin, &people, vec![("helper", "on"), ("admin", "on")]),
        (
            &admin,
            "/admin/groups/jardins/review",
            vec![("decision", "refuse")],
        ),
    ];
    for (b, path, fields) in &forms {
        for token in [None, Some("0000000000000000000000000000000000000000")] {
            let mut f = fields.clone();
            if let Some(t) = token {
                f.push(("csrf", t));
            }
            let res = b.post_raw_form(path, &f).await;
            assert_eq!(res.status, 403, "{path} with {token:?}: {}", res.text);
            assert!(res.text.contains("Le formulaire a expiré"), "{path}");
        }
    }
    // The upload forms read their key from the multipart body.
    for path in [
        "/g/jardins/banner",
        "/g/jardins/partners/1/logo",
        "/g/jardins/wiki/accueil/files",
    ] {
        for token in [None, Some("0000000000000000000000000000000000000000")] {
            let mut form = reqwest::multipart::Form::new().part(
                "file",
                reqwest::multipart::Part::bytes(png(40, 40)).file_name("image.png"),
            );
            if let Some(t) = token {
                form = form.text("csrf", t.to_string());
            }
            let res = fanny
                .client
                .post(format!("{}{path}", app.base))
                .multipart(form)
                .send()
                .await
                .unwrap();
            let res = Browser::read(res).await;
            assert_eq!(res.status, 403, "{path} with {token:?}: {}", res.text);
            assert!(res.text.contains("Le formulaire a expiré"), "{path}");
        }
    }

    // Nothing changed.
    let g = app.store.group_by_slug("jardins").await.unwrap().unwrap();
    assert_eq!(g.name, "Jardins partagés");
    assert!(g.listed);
    assert_eq!(
        (g.wiki_read.code(), g.wiki_edit.code()),
        ("everyone", "members")
    );
    assert!(g.banner_version.is_none_or(|v| v <= 0));
    assert!(app.store.group_by_slug("forge").await.unwrap().is_none());
    let membership = app
        .store
        .membership(group, fanny_id)
        .await
        .unwrap()
        .unwrap();
    assert!(membership.roles.iter().any(|r| r == "facilitator"));
    let page = stored_page(&app, "accueil").await;
    assert_eq!(page.revision, page_before.revision);
    assert_eq!(page.markdown, page_before.markdown);
    assert_eq!(page.read_access, page_before.read_access);
    assert!(app.store.attachments_of(page.id).await.unwrap().is_empty());
    assert!(app
        .store
        .wiki_page(Some(group), "forgee")
        .await
        .unwrap()
        .is_none());
    assert!(app.store.wiki_page(None, "forgee").await.unwrap().is_none());
    assert!(app
        .store
        .watch_of(fanny_id, group.0, None)
        .await
        .unwrap()
        .is_none());
    assert!(app.store.groups_need_approval().await.unwrap());
    let fanny_account = app.store.user_by_id(fanny_id).await.unwrap().unwrap();
    assert!(!fanny_account.is_admin && !fanny_account.is_helper);
}

/// Search ranks among the newest matching documents (a speed bound): that
/// bound counts only the documents the reader may see in the place searched,
/// so a group's older pages are found even when thousands of newer pages of
/// other groups (or of closed wikis) match too.
async fn a_search_finds_what_the_reader_may_see_among_many_matches(backend: Backend) {
    let app = TestApp::start(backend).await;
    let fanny = with_group(&app).await;
    let admin = app.logged_in("admin@coop.fr", "mot de passe long").await;
    let res = fanny
        .post_form("/groups/new", &crate::groups::card("Vélo", "velo"))
        .await;
    assert_eq!(res.status, 303, "{}", res.text);
    admin
        .post_form("/admin/groups/velo/review", &[("decision", "approve")])
        .await;
    let res = fanny
        .post_form(
            "/g/velo/wiki-settings",
            &[("read", "members"), ("edit", "members")],
        )
        .await;
    assert_eq!(res.status, 303, "{}", res.text);
    let res = save(
        &fanny,
        "/g/jardins/wiki/compost",
        "Compost",
        "Le bac à compost sent l'ornithorynque.",
        "",
    )
    .await;
    assert_eq!(res.status, 303, "{}", res.text);
    // 2,100 newer pages of the closed wiki of `velo` match the word too.
    let velo = group_id(&app, "velo").await;
    let mut tx = app.store.db().begin().await.unwrap();
    for n in 0..2100 {
        let page = essaim_store::wiki::NewWikiPage {
            slug: format!("sortie-{n}"),
            title: format!("Sortie {n}"),
            markdown: "Un ornithorynque à vélo.".into(),
            summary: String::new(),
        };
        essaim_store::wiki::insert_page(
            &mut tx,
            Some(velo),
            &page,
            10,
            None,
            app.store.now(),
            essaim_domain::activity::EventKind::PageSaved,
        )
        .await
        .unwrap();
    }
    tx.commit().await.unwrap();

    let visitor = app.browser();
    for path in [
        "/g/jardins/search?q=ornithorynque",
        "/search?q=ornithorynque",
    ] {
        let res = visitor.get(path).await;
        assert_eq!(res.status, 200);
        assert!(
            res.text.contains("/g/jardins/wiki/compost"),
            "{path}: {}",
            res.text
        );
        assert!(!res.text.contains("/g/velo/wiki/sortie-"), "{path} leaks");
    }
    let res = visitor
        .get("/api/v1/search?q=ornithorynque&group=jardins")
        .await;
    let urls: Vec<String> = res.json()["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["url"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(urls, [format!("{}/g/jardins/wiki/compost", app.base)]);
    // Members of `velo` see its pages (the newest first among equals).
    let res = fanny.get("/g/velo/search?q=ornithorynque").await;
    assert!(res.text.contains("/g/velo/wiki/sortie-"), "{}", res.text);
}
