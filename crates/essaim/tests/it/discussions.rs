//! Discussions on the web, on both databases: topics and replies, unread
//! marks, likes, quotes, mentions and the bell, edits with history,
//! deletion, pinning and closing, files, moderation, and who sees what in
//! a public-archive group and a members-only one.

use crate::both;
use serde_json::json;

use crate::support::openapi::Api;
use crate::support::{extract, Backend, Browser, TestApp};

both!(
    topics_replies_likes_mentions_and_edits,
    closed_and_pinned_topics,
    moderation_flags_hiding_and_held_first_posts,
    the_visibility_matrix,
    files_attach_to_ones_own_posts,
    api_topics_posts_and_email_choice,
    search_finds_topics_through_the_same_rule,
    an_mbox_archive_is_imported_once,
    the_demo_writes_lively_discussions_once,
    a_group_awaiting_approval_keeps_its_discussions_for_members,
);

const PW: &str = "mot de passe long";

/// An admin, Fanny (facilitator of the listed, hosted group `jardins`) and
/// Gus (a member); returns (fanny, gus).
pub async fn with_group(app: &TestApp) -> (Browser, Browser) {
    app.user("Admin", "admin@coop.fr", PW).await;
    app.user("Fanny Martin", "fanny@coop.fr", PW).await;
    app.user("Gus", "gus@coop.fr", PW).await;
    let fanny = app.logged_in("fanny@coop.fr", PW).await;
    let admin = app.logged_in("admin@coop.fr", PW).await;
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
    let gus = app.logged_in("gus@coop.fr", PW).await;
    let joined = gus.post_form("/g/jardins/join", &[]).await;
    assert_eq!(joined.status, 303, "{}", joined.text);
    (fanny, gus)
}

/// Opens a topic; returns its path.
pub async fn open_topic(b: &Browser, slug: &str, title: &str, text: &str) -> String {
    let res = b
        .post_form(
            &format!("/g/{slug}/discussions"),
            &[("title", title), ("markdown", text)],
        )
        .await;
    assert_eq!(res.status, 303, "{}", res.text);
    res.location()
}

/// The id of the last post on a topic page.
pub fn last_post_id(page: &str) -> String {
    page.rsplit("id=\"post-")
        .next()
        .and_then(|rest| rest.split('"').next())
        .expect("a post")
        .to_string()
}

async fn topics_replies_likes_mentions_and_edits(backend: Backend) {
    let app = TestApp::start(backend).await;
    let (fanny, gus) = with_group(&app).await;
    // An empty list explains itself and offers to start.
    let empty = gus.get("/g/jardins/discussions").await;
    assert_eq!(empty.status, 200, "{}", empty.text);
    assert!(empty.text.contains("Lancez la première discussion"));
    assert!(empty.text.contains("jardins@essaim.test"));

    // Bad input: a clear error, the text kept, nothing written.
    let bad = gus
        .post_form(
            "/g/jardins/discussions",
            &[("title", "  "), ("markdown", "Mon texte gardé")],
        )
        .await;
    assert_eq!(bad.status, 422);
    assert!(bad.text.contains("Donnez un titre au sujet"));
    assert!(bad.text.contains("Mon texte gardé"));

    let topic = open_topic(
        &gus,
        "jardins",
        "Semis de printemps",
        "Qui a des graines de **tomates** ?\n\n<script>alert(1)</script>",
    )
    .await;
    assert!(topic.starts_with("/g/jardins/discussions/"), "{topic}");
    // Fanny sees it as new, opens it, and it is read.
    let list = fanny.get("/g/jardins/discussions").await;
    assert!(list.text.contains("Semis de printemps"));
    assert!(list.text.contains("topic-line unread"), "{}", list.text);
    let page = fanny.get(&topic).await;
    assert_eq!(page.status, 200);
    assert!(page.text.contains("<strong>tomates</strong>"));
    assert!(!page.text.contains("<script>alert"));
    let list = fanny.get("/g/jardins/discussions").await;
    assert!(!list.text.contains("topic-line unread"));

    // Fanny quotes Gus and mentions him: the reply form is pre-filled.
    let first = last_post_id(&page.text);
    let quoting = fanny.get(&format!("{topic}?quote={first}")).await;
    assert!(
        quoting.text.contains("&gt; Gus a écrit :"),
        "{}",
        quoting.text
    );
    let reply = fanny
        .post_form(
            &format!("{topic}/reply"),
            &[
                (
                    "markdown",
                    "> Gus a écrit :\n> tomates\n\nMoi ! @gus passe samedi.",
                ),
                ("parent_id", &first),
            ],
        )
        .await;
    assert_eq!(reply.status, 303, "{}", reply.text);
    // Gus's bell counts one; the notifications page lists it and clears it.
    let home = gus.get("/").await;
    assert!(
        home.text.contains("class=\"bell-count\">1<"),
        "{}",
        home.text
    );
    let notes = gus.get("/notifications").await;
    assert!(
        notes.text.contains("Fanny Martin vous a mentionné"),
        "{}",
        notes.text
    );
    let home = gus.get("/").await;
    assert!(!home.text.contains("bell-count"));

    // Likes: once per person, a second click takes it back.
    let page = gus.get(&topic).await;
    assert!(page.text.contains("en réponse à Gus"));
    let reply_id = last_post_id(&page.text);
    let like_path = format!("{topic}/posts/{reply_id}/like");
    assert_eq!(gus.post_form(&like_path, &[]).await.status, 303);
    let page = gus.get(&topic).await;
    assert!(page.text.contains("J'aime · 1"), "{}", page.text);
    gus.post_form(&like_path, &[]).await;
    assert!(gus.get(&topic).await.text.contains("J'aime · 0"));
    // A visitor reads the public archive but cannot like or write.
    let visitor = app.browser();
    assert_eq!(visitor.get(&topic).await.status, 200);
    assert_eq!(visitor.post_form(&like_path, &[]).await.status, 401);
    let anon_reply = visitor
        .post_form(&format!("{topic}/reply"), &[("markdown", "coucou")])
        .await;
    assert_eq!(anon_reply.status, 401);
    // A logged-in non-member cannot write either.
    app.user("Zoé", "zoe@coop.fr", PW).await;
    let zoe = app.logged_in("zoe@coop.fr", PW).await;
    assert_eq!(
        zoe.post_form(&format!("{topic}/reply"), &[("markdown", "coucou")])
            .await
            .status,
        403
    );

    // Only the author edits; the former text stays in the history.
    let edit_path = format!("{topic}/posts/{reply_id}/edit");
    assert_eq!(gus.get(&edit_path).await.status, 403);
    let form = fanny.get(&edit_path).await;
    assert!(form.text.contains("passe samedi"));
    let saved = fanny
        .post_form(&edit_path, &[("markdown", "Moi ! Passez dimanche.")])
        .await;
    assert_eq!(saved.status, 303, "{}", saved.text);
    let page = gus.get(&topic).await;
    assert!(page.text.contains("Passez dimanche") && !page.text.contains("passe samedi"));
    let history = gus.get(&format!("{topic}/posts/{reply_id}/history")).await;
    assert!(history.text.contains("passe samedi") && history.text.contains("Passez dimanche"));
    let empty_edit = fanny.post_form(&edit_path, &[("markdown", " ")]).await;
    assert_eq!(empty_edit.status, 422);

    // Deleting one's own post leaves a placeholder; others cannot.
    assert_eq!(
        gus.post_form(&format!("{topic}/posts/{reply_id}/delete"), &[])
            .await
            .status,
        403
    );
    let deleted = fanny
        .post_form(&format!("{topic}/posts/{reply_id}/delete"), &[])
        .await;
    assert_eq!(deleted.status, 303);
    let page = gus.get(&topic).await;
    assert!(
        page.text.contains("Ce message a été supprimé") && !page.text.contains("Passez dimanche")
    );
    // The list orders by newest activity: a newer topic comes first.
    open_topic(&fanny, "jardins", "Compost collectif", "On s'organise ?").await;
    let list = gus.get("/g/jardins/discussions").await;
    let compost = list.text.find("Compost collectif").expect("compost");
    let semis = list.text.find("Semis de printemps").expect("semis");
    assert!(compost < semis);
    // The group page leads to its discussions.
    let group = app.browser().get("/g/jardins").await;
    assert!(group.text.contains("/g/jardins/discussions"));
}

async fn closed_and_pinned_topics(backend: Backend) {
    let app = TestApp::start(backend).await;
    let (fanny, gus) = with_group(&app).await;
    let old = open_topic(&gus, "jardins", "Règles du jardin", "À lire").await;
    open_topic(&gus, "jardins", "Arrosage", "Qui arrose ?").await;
    // Only moderators and facilitators pin and close.
    assert_eq!(
        gus.post_form(&format!("{old}/state"), &[("action", "pin")])
            .await
            .status,
        403
    );
    let pinned = fanny
        .post_form(&format!("{old}/state"), &[("action", "pin")])
        .await;
    assert_eq!(pinned.status, 303);
    let list = gus.get("/g/jardins/discussions").await;
    assert!(list.text.find("Règles du jardin") < list.text.find("Arrosage"));
    assert!(list.text.contains("Épinglé"));
    fanny
        .post_form(&format!("{old}/state"), &[("action", "close")])
        .await;
    let refused = gus
        .post_form(&format!("{old}/reply"), &[("markdown", "Mon avis gardé")])
        .await;
    assert_eq!(refused.status, 422);
    assert!(refused.text.contains("Ce sujet est fermé"));
    assert!(refused.text.contains("Mon avis gardé"));
    let page = gus.get(&old).await;
    assert!(!page.text.contains("Envoyer la réponse"));
    // The facilitator still may add a last word; then reopens.
    assert_eq!(
        fanny
            .post_form(&format!("{old}/reply"), &[("markdown", "Sujet clos.")])
            .await
            .status,
        303
    );
    fanny
        .post_form(&format!("{old}/state"), &[("action", "reopen")])
        .await;
    assert_eq!(
        gus.post_form(&format!("{old}/reply"), &[("markdown", "Merci")])
            .await
            .status,
        303
    );
    let unknown = fanny
        .post_form(&format!("{old}/state"), &[("action", "explode")])
        .await;
    assert_eq!(unknown.status, 422);
}

async fn moderation_flags_hiding_and_held_first_posts(backend: Backend) {
    let app = TestApp::start(backend).await;
    let (fanny, gus) = with_group(&app).await;
    let topic = open_topic(&gus, "jardins", "Vente de plants", "Achetez mes plants !").await;
    let page = fanny.get(&topic).await;
    let post = last_post_id(&page.text);
    // A member flags; the moderators' queue shows it; members cannot see it.
    app.user("Hélène", "helene@coop.fr", PW).await;
    let helene = app.logged_in("helene@coop.fr", PW).await;
    helene.post_form("/g/jardins/join", &[]).await;
    let flagged = helene
        .post_form(
            &format!("{topic}/posts/{post}/flag"),
            &[("reason", "publicité")],
        )
        .await;
    assert_eq!(flagged.status, 303);
    assert_eq!(
        helene.get("/g/jardins/discussions/moderation").await.status,
        403
    );
    let queue = fanny.get("/g/jardins/discussions/moderation").await;
    assert_eq!(queue.status, 200);
    assert!(queue.text.contains("Achetez mes plants") && queue.text.contains("publicité"));
    // Hidden: gone for members and visitors, still there for moderators.
    let hidden = fanny
        .post_form(
            &format!("{topic}/posts/{post}/moderate"),
            &[("action", "hide")],
        )
        .await;
    assert_eq!(hidden.status, 303);
    assert!(!helene.get(&topic).await.text.contains("Achetez mes plants"));
    assert_eq!(app.browser().get(&topic).await.status, 404);
    assert!(fanny.get(&topic).await.text.contains("Achetez mes plants"));
    assert!(!fanny
        .get("/g/jardins/discussions/moderation")
        .await
        .text
        .contains("publicité"));
    fanny
        .post_form(
            &format!("{topic}/posts/{post}/moderate"),
            &[("action", "restore")],
        )
        .await;
    assert!(helene.get(&topic).await.text.contains("Achetez mes plants"));

    // The settings page, for facilitators only.
    let settings = fanny.get("/g/jardins/discussions/settings").await;
    assert_eq!(settings.status, 200);
    assert!(settings.text.contains("Tout le monde (archives publiques)"));
    assert_eq!(
        helene.get("/g/jardins/discussions/settings").await.status,
        403
    );
    // The group holds the first posts of new members.
    let saved = fanny
        .post_form(
            "/g/jardins/discussions/settings",
            &[
                ("read", "public"),
                ("outsiders", "moderate"),
                ("hold_new", "1"),
            ],
        )
        .await;
    assert_eq!(saved.status, 303, "{}", saved.text);
    let held = helene
        .post_form(
            "/g/jardins/discussions",
            &[
                ("title", "Bonjour à tous"),
                ("markdown", "Je suis nouvelle, @gus !"),
            ],
        )
        .await;
    assert_eq!(held.status, 303);
    let held_path = held.location();
    assert!(helene
        .get(&held_path)
        .await
        .text
        .contains("En attente d'accord"));
    assert_eq!(gus.get(&held_path).await.status, 404);
    assert!(!gus
        .get("/g/jardins/discussions")
        .await
        .text
        .contains("Bonjour à tous"));
    let queue = fanny.get("/g/jardins/discussions/moderation").await;
    assert!(queue.text.contains("Je suis nouvelle"));
    let held_post = last_post_id(&fanny.get(&held_path).await.text);
    let approved = fanny
        .post_form(
            &format!("{held_path}/posts/{held_post}/moderate"),
            &[("action", "approve")],
        )
        .await;
    assert_eq!(approved.status, 303);
    assert!(gus.get(&held_path).await.text.contains("Je suis nouvelle"));
    // Approved, it tells whom it names, as it would have at once.
    let notes = gus.get("/notifications").await;
    assert!(
        notes.text.contains("Hélène vous a mentionné"),
        "{}",
        notes.text
    );
    // Once approved, her next posts go straight through.
    let next = helene
        .post_form(&format!("{held_path}/reply"), &[("markdown", "Merci !")])
        .await;
    assert_eq!(next.status, 303);
    assert!(gus.get(&held_path).await.text.contains("Merci !"));
    // Settings are for facilitators; a bad choice changes nothing.
    assert_eq!(
        gus.post_form(
            "/g/jardins/discussions/settings",
            &[("read", "members"), ("outsiders", "moderate")]
        )
        .await
        .status,
        403
    );
    assert_eq!(
        fanny
            .post_form(
                "/g/jardins/discussions/settings",
                &[("read", "secret"), ("outsiders", "moderate")]
            )
            .await
            .status,
        422
    );
    assert_eq!(
        app.browser().get("/g/jardins/discussions").await.status,
        200
    );
}

async fn the_visibility_matrix(backend: Backend) {
    let app = TestApp::start(backend).await;
    let (fanny, gus) = with_group(&app).await;
    let topic = open_topic(&gus, "jardins", "Clé du local", "Le code est 4321").await;
    app.user("Zoé", "zoe@coop.fr", PW).await;
    let zoe = app.logged_in("zoe@coop.fr", PW).await;
    let visitor = app.browser();
    // Public archive: everyone reads page, list and feed.
    for b in [&visitor, &zoe, &gus] {
        assert_eq!(b.get(&topic).await.status, 200);
        assert!(b
            .get("/g/jardins/discussions")
            .await
            .text
            .contains("Clé du local"));
        let feed = b.get("/g/jardins/discussions.atom").await;
        assert_eq!(feed.status, 200);
        assert!(feed.text.contains("Clé du local"));
    }
    // Members only: visitors and non-members are refused everywhere.
    let saved = fanny
        .post_form(
            "/g/jardins/discussions/settings",
            &[("read", "members"), ("outsiders", "refuse")],
        )
        .await;
    assert_eq!(saved.status, 303);
    for (b, status) in [(&visitor, 401), (&zoe, 403)] {
        assert_eq!(b.get(&topic).await.status, status);
        assert_eq!(b.get("/g/jardins/discussions").await.status, status);
        assert_eq!(b.get("/g/jardins/discussions.atom").await.status, status);
        let id = topic.rsplit('/').next().unwrap_or_default();
        let file = b
            .get(&format!("/g/jardins/discussions/{id}/files/1/x.txt"))
            .await;
        assert_eq!(file.status, status);
    }
    assert!(gus.get(&topic).await.text.contains("Le code est 4321"));
    // An unknown topic or one of another group is not found.
    assert_eq!(gus.get("/g/jardins/discussions/99999").await.status, 404);
    assert_eq!(gus.get("/g/nulle-part/discussions").await.status, 404);
}

async fn files_attach_to_ones_own_posts(backend: Backend) {
    let app = TestApp::start(backend).await;
    let (fanny, gus) = with_group(&app).await;
    let topic = open_topic(&gus, "jardins", "Plan du jardin", "Voici le plan").await;
    let page = gus.get(&topic).await;
    let post = last_post_id(&page.text);
    let send = |b: &Browser, bytes: Vec<u8>, name: &str| {
        let b = b.clone();
        let path = format!("{}{topic}/posts/{post}/files", app.base);
        let name = name.to_string();
        async move {
            let csrf = b.csrf().await;
            let form = reqwest::multipart::Form::new().text("csrf", csrf).part(
                "file",
                reqwest::multipart::Part::bytes(bytes).file_name(name),
            );
            Browser::read(
                b.client
                    .post(path)
                    .multipart(form)
                    .send()
                    .await
                    .expect("upload"),
            )
            .await
        }
    };
    let res = send(&gus, b"parcelles A B C".to_vec(), "plan.txt").await;
    assert_eq!(res.status, 303, "{}", res.text);
    let page = fanny.get(&topic).await;
    let link = extract(&page.text, "href=\"", '"')
        .and_then(|_| {
            page.text
                .split("href=\"")
                .find(|s| s.contains("/files/"))
                .map(|s| s.split('"').next().unwrap_or_default().to_string())
        })
        .expect("file link");
    let file = app.browser().get(&link).await;
    assert_eq!(file.status, 200);
    assert_eq!(file.text, "parcelles A B C");
    // Someone else's post takes no file; a disguised file is refused.
    assert_eq!(send(&fanny, b"x".to_vec(), "x.txt").await.status, 403);
    let bad = send(&gus, b"MZ\x90\x00binary".to_vec(), "virus.txt").await;
    assert_eq!(bad.status, 422);
}

async fn token(app: &TestApp, email: &str) -> String {
    let user = app.store.user_by_email(email).await.unwrap().unwrap();
    let (_, secret) = app.store.create_api_token(user.id, "essai").await.unwrap();
    secret
}

async fn api_topics_posts_and_email_choice(backend: Backend) {
    let app = TestApp::start(backend).await;
    let (fanny, _gus) = with_group(&app).await;
    let gus = Api::new(&app.base, Some(&token(&app, "gus@coop.fr").await));
    let anon = Api::new(&app.base, None);
    // Open a topic, bad input first.
    let bad = gus
        .post(
            "/groups/jardins/topics",
            &json!({"title": "", "markdown": "x"}),
        )
        .await;
    assert_eq!(bad.status, 422, "{}", bad.text);
    let made = gus
        .post(
            "/groups/jardins/topics",
            &json!({"title": "Par l'API", "markdown": "Bonjour **tous**"}),
        )
        .await;
    assert_eq!(made.status, 201, "{}", made.text);
    let id = made.json()["id"].as_i64().expect("id");
    assert_eq!(
        made.json()["posts"][0]["html"],
        "<p>Bonjour <strong>tous</strong></p>\n"
    );
    assert_eq!(made.json()["posts"][0]["via"], "web");
    // Reply, then read the topic with both posts.
    let path = format!("/topics/{id}/posts");
    let reply = gus
        .post(&path, &json!({"markdown": "Et une réponse"}))
        .await;
    assert_eq!(reply.status, 201, "{}", reply.text);
    let read = anon.get(&format!("/topics/{id}")).await;
    assert_eq!(read.status, 200);
    assert_eq!(read.json()["posts"].as_array().map(Vec::len), Some(2));
    let list = anon.get("/groups/jardins/topics").await;
    assert_eq!(list.json()["topics"][0]["title"], "Par l'API");
    // Visitors cannot write; non-members neither.
    assert_eq!(
        anon.post(&path, &json!({"markdown": "x"})).await.status,
        401
    );
    app.user("Zoé", "zoe@coop.fr", PW).await;
    let zoe = Api::new(&app.base, Some(&token(&app, "zoe@coop.fr").await));
    let refused = zoe.post(&path, &json!({"markdown": "x"})).await;
    assert_eq!(refused.status, 403);
    // The email choice.
    let mode = gus
        .patch(
            "/groups/jardins/membership",
            &json!({"email_mode": "weekly"}),
        )
        .await;
    assert_eq!(mode.status, 200, "{}", mode.text);
    assert_eq!(mode.json()["email_mode"], "weekly");
    let wrong = gus
        .patch(
            "/groups/jardins/membership",
            &json!({"email_mode": "hourly"}),
        )
        .await;
    assert_eq!(wrong.status, 422);
    let not_member = zoe
        .patch("/groups/jardins/membership", &json!({"email_mode": "none"}))
        .await;
    assert_eq!(not_member.status, 403);
    // Members only: the API does not show the topic to outsiders.
    fanny
        .post_form(
            "/g/jardins/discussions/settings",
            &[("read", "members"), ("outsiders", "moderate")],
        )
        .await;
    assert_eq!(anon.get(&format!("/topics/{id}")).await.status, 404);
    assert_eq!(zoe.get("/groups/jardins/topics").await.status, 404);
    assert_eq!(gus.get(&format!("/topics/{id}")).await.status, 200);
    assert_eq!(anon.get("/topics/999999").await.status, 404);
}

async fn search_finds_topics_through_the_same_rule(backend: Backend) {
    let app = TestApp::start(backend).await;
    let (fanny, gus) = with_group(&app).await;
    let topic = open_topic(
        &gus,
        "jardins",
        "Grelinette partagée",
        "Qui veut emprunter la grelinette ?",
    )
    .await;
    gus.post_form(
        &format!("{topic}/reply"),
        &[("markdown", "Les poireaux attendront")],
    )
    .await;
    app.user("Zoé", "zoe@coop.fr", PW).await;
    let zoe = app.logged_in("zoe@coop.fr", PW).await;
    let visitor = app.browser();
    // Public archive: found by title and by a reply's words, accents folded.
    for b in [&visitor, &zoe, &gus] {
        let found = b.get("/search?q=grelinettes").await;
        assert!(found.text.contains("Grelinette partagée"), "{}", found.text);
        assert!(b.get("/search?q=poireau").await.text.contains(&topic));
        let api = b.get("/api/v1/search?q=grelinette").await;
        assert!(api.text.contains("\"kind\":\"topic\""), "{}", api.text);
    }
    assert!(gus
        .get("/g/jardins/search?q=grelinette")
        .await
        .text
        .contains("Grelinette partagée"));
    // Members only: outsiders find nothing, members still do.
    fanny
        .post_form(
            "/g/jardins/discussions/settings",
            &[("read", "members"), ("outsiders", "moderate")],
        )
        .await;
    for b in [&visitor, &zoe] {
        assert!(!b
            .get("/search?q=grelinette")
            .await
            .text
            .contains("Grelinette partagée"));
        assert!(!b
            .get("/api/v1/search?q=grelinette")
            .await
            .text
            .contains("Grelinette"));
    }
    assert!(gus
        .get("/search?q=grelinette")
        .await
        .text
        .contains("Grelinette partagée"));
    // A hidden post's words are no longer found.
    let page = fanny.get(&topic).await;
    let reply = last_post_id(&page.text);
    fanny
        .post_form(
            &format!("{topic}/posts/{reply}/moderate"),
            &[("action", "hide")],
        )
        .await;
    assert!(!gus
        .get("/search?q=poireaux")
        .await
        .text
        .contains("Grelinette partagée"));
}

async fn essaim(app: &TestApp, args: &[&str]) -> (i32, String, String) {
    let out = tokio::process::Command::new(env!("CARGO_BIN_EXE_essaim"))
        .args(args)
        .env("ESSAIM_DATABASE_URL", &app.config.database_url)
        .env("ESSAIM_DATA_DIR", &app.config.data_dir)
        .env("ESSAIM_MAIL_DOMAIN", "essaim.test")
        .stdin(std::process::Stdio::null())
        .output()
        .await
        .expect("essaim runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).to_string(),
        String::from_utf8_lossy(&out.stderr).to_string(),
    )
}

async fn an_mbox_archive_is_imported_once(backend: Backend) {
    let app = TestApp::start(backend).await;
    let (fanny, _gus) = with_group(&app).await;
    let mbox = "From fanny@coop.fr Mon Mar  2 09:00:00 2026\n\
From: Fanny Martin <fanny@coop.fr>\n\
Subject: [jardins] Plantation des haies\n\
Message-ID: <haies-1@liste.example>\n\
Date: Mon, 2 Mar 2026 09:00:00 +0100\n\
\n\
On plante les haies samedi.\n\
>From experience, venez tôt.\n\
\n\
From vieux@ancien.org Mon Mar  2 10:00:00 2026\n\
From: Vieux Membre <vieux@ancien.org>\n\
Subject: Re: [jardins] Plantation des haies\n\
Message-ID: <haies-2@ancien.org>\n\
In-Reply-To: <haies-1@liste.example>\n\
References: <haies-1@liste.example>\n\
Date: Mon, 2 Mar 2026 10:00:00 +0100\n\
\n\
J'apporte des pelles.\n\
\n\
From vieux@ancien.org Mon Mar  2 11:00:00 2026\n\
From: Vieux Membre <vieux@ancien.org>\n\
Subject: RE: Plantation des haies\n\
Message-ID: <haies-3@ancien.org>\n\
Date: Mon, 2 Mar 2026 11:00:00 +0100\n\
\n\
Et des gants.\n\
\n\
From anonyme@ancien.org Tue Mar  3 08:00:00 2026\n\
From: anonyme@ancien.org\n\
Subject: Fête de printemps\n\
Date: Tue, 3 Mar 2026 08:00:00 +0100\n\
\n\
Qui vient à la fête ?\n";
    let file = app.config.data_dir.join("archive.mbox");
    std::fs::create_dir_all(&app.config.data_dir).unwrap();
    std::fs::write(&file, mbox).unwrap();
    let path = file.to_str().unwrap();
    let (code, out, err) = essaim(&app, &["import", "mbox", "--group", "jardins", path]).await;
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("4 messages: 2 topics and 2 replies imported, 0 already there"),
        "{out}"
    );
    assert!(out.contains("1 authors matched"), "{out}");
    assert!(err.contains("] 4/4"), "a progress bar: {err}");
    // Twice: nothing more.
    let (code, out, _) = essaim(&app, &["import", "mbox", "--group", "jardins", path]).await;
    assert_eq!(code, 0);
    assert!(
        out.contains("0 topics and 0 replies imported, 4 already there"),
        "{out}"
    );
    // Threaded by reference and by subject; authors matched or kept.
    let group = app.store.group_by_slug("jardins").await.unwrap().unwrap();
    let topics = app.store.topics(group.id, None, 10, 0).await.unwrap();
    assert_eq!(topics.len(), 2);
    let haies = topics
        .iter()
        .find(|t| t.title == "Plantation des haies")
        .expect("topic");
    let posts = app.store.posts(haies.id).await.unwrap();
    assert_eq!(posts.len(), 3);
    assert!(posts[0].author_id.is_some(), "matched to Fanny's account");
    assert_eq!(posts[1].author_name, "Vieux Membre");
    assert_eq!(posts[1].parent_id, Some(posts[0].id));
    assert!(posts[0].markdown.contains("From experience"));
    let page = fanny
        .get(&format!("/g/jardins/discussions/{}", haies.id))
        .await;
    assert!(page.text.contains("J'apporte des pelles") && page.text.contains("Et des gants"));
    assert!(topics.iter().any(|t| t.title == "Fête de printemps"));
    // Imports are never emailed.
    app.run_jobs().await;
    assert!(!app.outbox().await.iter().any(|m| m.kind == "list-post"));
    let (code, _, err) = essaim(&app, &["import", "mbox", "--group", "nulle-part", path]).await;
    assert_ne!(code, 0);
    assert!(err.contains("--group"), "{err}");
}

async fn the_demo_writes_lively_discussions_once(backend: Backend) {
    let app = TestApp::start(backend).await;
    essaim::demo::seed(&app.store).await.expect("demo");
    essaim::demo::seed(&app.store).await.expect("demo again");
    let group = app
        .store
        .group_by_slug("jardins-croix-rousse")
        .await
        .unwrap()
        .expect("demo group");
    let topics = app.store.topics(group.id, None, 10, 0).await.unwrap();
    assert_eq!(topics.len(), 3, "written once");
    // Newest activity first: the Saturday opening was written last.
    assert_eq!(topics[0].title, "Permanence de samedi : qui ouvre ?");
    let page = app
        .browser()
        .get("/g/jardins-croix-rousse/discussions")
        .await;
    assert!(page.text.contains("Bourse aux graines du 12 avril"));
    let seeds = topics
        .iter()
        .find(|t| t.title.starts_with("Bourse"))
        .unwrap();
    let posts = app.store.posts(seeds.id).await.unwrap();
    assert_eq!(posts.len(), 6);
    assert!(posts.windows(2).all(|w| w[0].created_at <= w[1].created_at));
    // Demo posts are not mailed.
    app.run_jobs().await;
    assert!(!app.outbox().await.iter().any(|m| m.kind == "list-post"));
}

async fn a_group_awaiting_approval_keeps_its_discussions_for_members(backend: Backend) {
    let app = TestApp::start(backend).await;
    app.user("Admin", "admin@coop.fr", PW).await;
    app.user("Fanny Martin", "fanny@coop.fr", PW).await;
    let fanny = app.logged_in("fanny@coop.fr", PW).await;
    let res = fanny
        .post_form(
            "/groups/new",
            &crate::groups::card("Jardins partagés", "jardins"),
        )
        .await;
    assert_eq!(res.status, 303, "{}", res.text);
    let topic = open_topic(
        &fanny,
        "jardins",
        "Rucher collectif",
        "Les abeilles arrivent",
    )
    .await;
    let visitor = app.browser();
    assert_eq!(visitor.get(&topic).await.status, 404);
    assert!(!visitor
        .get("/search?q=abeilles")
        .await
        .text
        .contains("Rucher collectif"));
    assert!(fanny
        .get("/search?q=abeilles")
        .await
        .text
        .contains("Rucher collectif"));
    // Once approved, the public archive is public, search included.
    let admin = app.logged_in("admin@coop.fr", PW).await;
    admin
        .post_form("/admin/groups/jardins/review", &[("decision", "approve")])
        .await;
    assert_eq!(visitor.get(&topic).await.status, 200);
    assert!(visitor
        .get("/search?q=abeilles")
        .await
        .text
        .contains("Rucher collectif"));
}
