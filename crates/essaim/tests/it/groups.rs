//! Groups through HTTP, on both databases: proposing (the card's rules,
//! the charter, short addresses), approval, members and roles, join
//! requests, the group API checked against its OpenAPI document, and
//! banner and logo uploads.

use serde_json::{json, Value};

use crate::both;
use crate::support::openapi::{self, Api, OpenApi};
use crate::support::{extract, Backend, Browser, Resp, TestApp};

both!(
    propose_approve_join_and_see_the_space,
    proposing_refuses_bad_cards_and_changes_nothing,
    html_typed_anywhere_is_shown_as_text,
    approval_hides_groups_until_a_helper_approves,
    joining_leaving_requests_and_roles,
    member_list_follows_each_members_choice,
    api_proposes_edits_joins_and_leaves,
    banner_and_logo_uploads,
);

/// The password of every test account.
const PW: &str = "mot de passe long";

/// An instance with its administrator (the first account) and two people.
async fn start(backend: Backend) -> TestApp {
    let app = TestApp::start(backend).await;
    app.user("Admin", "admin@coop.fr", PW).await;
    app.user("Paule Martin", "paule@coop.fr", PW).await;
    app.user("Jo Durand", "jo@coop.fr", PW).await;
    app
}

/// `fields` with some values replaced (or added).
fn with<'a>(
    mut fields: Vec<(&'a str, &'a str)>,
    changes: &[(&'a str, &'a str)],
) -> Vec<(&'a str, &'a str)> {
    for (key, value) in changes {
        match fields.iter_mut().find(|(k, _)| k == key) {
            Some(field) => field.1 = value,
            None => fields.push((key, value)),
        }
    }
    fields
}

/// `fields` without `key`.
fn without<'a>(fields: Vec<(&'a str, &'a str)>, key: &str) -> Vec<(&'a str, &'a str)> {
    fields.into_iter().filter(|(k, _)| *k != key).collect()
}

/// Whether a group with this short address exists at all.
async fn exists(app: &TestApp, slug: &str) -> bool {
    app.store.group_by_slug(slug).await.unwrap().is_some()
}

/// The stored group.
async fn group(app: &TestApp, slug: &str) -> essaim_store::groups::Group {
    app.store
        .group_by_slug(slug)
        .await
        .unwrap()
        .unwrap_or_else(|| panic!("no group {slug}"))
}

/// The account with this address.
async fn user_id(app: &TestApp, email: &str) -> essaim_domain::ids::UserId {
    app.store
        .user_by_email(email)
        .await
        .unwrap()
        .unwrap_or_else(|| panic!("no account {email}"))
        .id
}

/// Makes an account a helper of the instance.
async fn make_helper(app: &TestApp, user_id: essaim_domain::ids::UserId) {
    app.store
        .db()
        .execute(
            essaim_store::q("UPDATE users SET is_helper = $1 WHERE id = $2")
                .bind(true)
                .bind(user_id),
        )
        .await
        .unwrap();
}

/// The page a redirect leads to (where its flash message shows).
async fn follow(browser: &Browser, res: &Resp) -> Resp {
    assert_eq!(res.status, 303, "not a redirect: {}", res.text);
    browser.get(&res.location()).await
}

/// The schema.org JSON-LD of a page, parsed.
fn json_ld(page: &str) -> Value {
    let raw = extract(page, r#"<script type="application/ld+json">"#, '<')
        .unwrap_or_else(|| panic!("no JSON-LD in {page}"));
    serde_json::from_str(&raw).unwrap_or_else(|e| panic!("JSON-LD is not JSON ({e}): {raw}"))
}

/// A valid group for the API.
fn api_card(name: &str, slug: &str) -> Value {
    json!({
        "name": name,
        "summary": "Un groupe pour jardiner ensemble",
        "kind": "thematic",
        "slug": slug,
        "keywords": ["Jardin", "Compost"],
        "country": "FR",
        "region": "Auvergne-Rhône-Alpes",
        "latitude": 45.76,
        "longitude": 4.83,
        "charter_accepted": true,
    })
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

/// A PNG picture of `width`×`height` made here.
fn png(width: u32, height: u32) -> Vec<u8> {
    let picture = image::RgbImage::from_fn(width, height, |x, y| {
        image::Rgb([(x % 256) as u8, (y % 256) as u8, 128])
    });
    let mut out = std::io::Cursor::new(Vec::new());
    image::DynamicImage::ImageRgb8(picture)
        .write_to(&mut out, image::ImageFormat::Png)
        .unwrap();
    out.into_inner()
}

/// Sends a file as the upload form does (multipart, with the anti-forgery key).
async fn upload(app: &TestApp, browser: &Browser, path: &str, name: &str, bytes: Vec<u8>) -> Resp {
    let csrf = browser.csrf().await;
    let part = reqwest::multipart::Part::bytes(bytes)
        .file_name(name.to_string())
        .mime_str("image/png")
        .unwrap();
    let form = reqwest::multipart::Form::new()
        .text("csrf", csrf)
        .part("file", part);
    let res = browser
        .client
        .post(format!("{}{path}", app.base))
        .multipart(form)
        .send()
        .await
        .unwrap();
    Browser::read(res).await
}

/// Fetches a picture and decodes it.
async fn picture(browser: &Browser, path: &str, format: image::ImageFormat) -> image::DynamicImage {
    let res = browser.client.get(path).send().await.unwrap();
    assert_eq!(res.status(), 200, "{path}");
    let mime = res.headers()["content-type"].to_str().unwrap().to_string();
    assert_eq!(mime, format.to_mime_type());
    let bytes = res.bytes().await.unwrap();
    image::load_from_memory_with_format(&bytes, format).unwrap()
}

/// The fields of a valid card form.
pub fn card<'a>(name: &'a str, slug: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("name", name),
        ("summary", "Un groupe pour jardiner ensemble"),
        ("kind", "thematic"),
        ("slug", slug),
        ("hosted", "on"),
        ("keywords", "Jardin, Compost"),
        ("region", "Auvergne-Rhône-Alpes"),
        ("country", "FR"),
        ("latitude", "45,76"),
        ("longitude", "4,83"),
        ("status", "active"),
        ("joining", "open"),
        ("charter", "yes"),
    ]
}

async fn propose_approve_join_and_see_the_space(backend: Backend) {
    let app = TestApp::start(backend).await;
    app.user("Admin", "admin@coop.fr", "mot de passe long")
        .await;
    app.user("Paule", "paule@coop.fr", "mot de passe long")
        .await;
    app.user("Jo", "jo@coop.fr", "mot de passe long").await;
    let paule = app.logged_in("paule@coop.fr", "mot de passe long").await;
    let form = paule.get("/groups/new").await;
    assert_eq!(form.status, 200, "{}", form.text);
    assert!(form.text.contains("charte"));
    let res = paule
        .post_form(
            "/groups/new",
            &card("Jardins partagés de Lyon", "jardins-lyon"),
        )
        .await;
    assert_eq!(res.status, 303, "{}", res.text);
    assert_eq!(res.location(), "/g/jardins-lyon");
    let page = paule.get("/g/jardins-lyon").await;
    assert_eq!(page.status, 200, "{}", page.text);
    assert!(page.text.contains("attend qu'une personne d'appui"));
    // Not listed yet: hidden from others and from the directory.
    assert_eq!(app.browser().get("/g/jardins-lyon").await.status, 404);
    assert!(!app
        .browser()
        .get("/groups")
        .await
        .text
        .contains("Jardins partagés"));
    let admin = app.logged_in("admin@coop.fr", "mot de passe long").await;
    let queue = admin.get("/admin/groups").await;
    assert!(
        queue.text.contains("Jardins partagés de Lyon"),
        "{}",
        queue.text
    );
    let res = admin
        .post_form(
            "/admin/groups/jardins-lyon/review",
            &[("decision", "approve")],
        )
        .await;
    assert_eq!(res.status, 303);
    let listing = app.browser().get("/groups").await;
    assert!(
        listing.text.contains("Jardins partagés de Lyon"),
        "{}",
        listing.text
    );
    // The first pages exist, pre-filled.
    let welcome = app.browser().get("/g/jardins-lyon/wiki/accueil").await;
    assert_eq!(welcome.status, 200, "{}", welcome.text);
    assert!(welcome.text.contains("Un groupe pour jardiner ensemble"));
    // Jo joins in one click.
    let jo = app.logged_in("jo@coop.fr", "mot de passe long").await;
    let res = jo.post_form("/g/jardins-lyon/join", &[]).await;
    assert_eq!(res.status, 303);
    let group = app
        .store
        .group_by_slug("jardins-lyon")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(group.member_count, 2);
    for path in [
        "/groups?view=list",
        "/groups?view=map",
        "/e/jardin",
        "/e/inconnu",
        "/embed/groups",
        "/embed/e/jardin?view=map",
        "/groups.csv",
        "/api/v1/groups",
        "/api/v1/groups.geojson",
        "/api/v1/groups/jardins-lyon",
        "/g/jardins-lyon/members",
        "/g/jardins-lyon/banner.jpg",
        "/",
    ] {
        let res = jo.get(path).await;
        assert_eq!(res.status, 200, "{path}: {}", res.text);
    }
    let edit = paule.get("/g/jardins-lyon/edit").await;
    assert_eq!(edit.status, 200, "{}", edit.text);
}

async fn proposing_refuses_bad_cards_and_changes_nothing(backend: Backend) {
    let app = start(backend).await;
    let paule = app.logged_in("paule@coop.fr", PW).await;

    // The charter must be accepted; what was typed stays in the form.
    let res = paule
        .post_form(
            "/groups/new",
            &without(card("Vélo partagé", "velo"), "charter"),
        )
        .await;
    assert_eq!(res.status, 422, "{}", res.text);
    assert!(
        res.text.contains("il faut accepter la charte"),
        "{}",
        res.text
    );
    assert!(res.text.contains(r#"value="Vélo partagé""#), "{}", res.text);
    assert!(!exists(&app, "velo").await);

    // A reserved short address: refused, with a free one suggested.
    let res = paule
        .post_form("/groups/new", &card("Administration", "admin"))
        .await;
    assert_eq!(res.status, 422, "{}", res.text);
    assert!(
        res.text.contains("Cette adresse courte est réservée"),
        "{}",
        res.text
    );
    let suggested = extract(&res.text, "Cette adresse est libre : ", '<')
        .unwrap_or_else(|| panic!("no suggestion: {}", res.text));
    let suggested = suggested.trim().to_string();
    assert_ne!(suggested, "admin");
    assert!(
        essaim_domain::groups::normalize_slug(&suggested).is_ok(),
        "{suggested}"
    );
    assert!(!exists(&app, "admin").await);
    // The suggestion is really free.
    let res = paule
        .post_form("/groups/new", &card("Administration", &suggested))
        .await;
    assert_eq!(res.status, 303, "{}", res.text);
    assert!(exists(&app, &suggested).await);

    // No short address typed: one is suggested from the name.
    let res = paule
        .post_form("/groups/new", &with(card("Vélo Écolo", ""), &[]))
        .await;
    assert_eq!(res.status, 422);
    assert!(
        res.text.contains("Choisissez une adresse courte"),
        "{}",
        res.text
    );
    assert!(
        res.text.contains("Cette adresse est libre : velo-ecolo"),
        "{}",
        res.text
    );

    // A short address already taken: refused, with the next free one.
    let res = paule
        .post_form("/groups/new", &card("Jardins", "jardins"))
        .await;
    assert_eq!(res.status, 303, "{}", res.text);
    let jo = app.logged_in("jo@coop.fr", PW).await;
    let res = jo
        .post_form("/groups/new", &card("Autres jardins", "jardins"))
        .await;
    assert_eq!(res.status, 422, "{}", res.text);
    assert!(
        res.text
            .contains("Un autre groupe utilise déjà cette adresse courte"),
        "{}",
        res.text
    );
    assert!(
        res.text.contains("Cette adresse est libre : jardins-2"),
        "{}",
        res.text
    );
    assert_eq!(
        group(&app, "jardins").await.name,
        "Jardins",
        "the first group is untouched"
    );

    // Every limit of the card, each with its own message; nothing created.
    let long_name = "n".repeat(121);
    let long_summary = "s".repeat(141);
    let many_keywords = (1..=21)
        .map(|i| format!("mot{i}"))
        .collect::<Vec<_>>()
        .join(", ");
    let cases: Vec<(Vec<(&str, &str)>, &str)> = vec![
        (
            vec![("name", &long_name)],
            "Le nom du groupe ne doit pas dépasser 120 caractères.",
        ),
        (
            vec![("summary", &long_summary)],
            "Le résumé ne doit pas dépasser 140 caractères.",
        ),
        (
            vec![("keywords", &many_keywords)],
            "Vous pouvez mettre 20 mots-clés au plus.",
        ),
        (
            vec![("keywords", "jardin, a/b")],
            "Un mot-clé ne peut pas contenir",
        ),
        (
            vec![("latitude", "91")],
            "La latitude doit être comprise entre -90 et 90.",
        ),
        (
            vec![("longitude", "")],
            "Indiquez la latitude et la longitude, ou aucune des deux.",
        ),
        (
            vec![("country", "ZZ")],
            "Indiquez le pays par son code à deux lettres",
        ),
        (
            vec![("link_home", "javascript:alert(1)")],
            "Cette adresse web n'est pas valable.",
        ),
        (
            vec![
                ("partner_name", ""),
                ("partner_url", "https://ville.example.org"),
            ],
            "Donnez le nom de chaque partenaire.",
        ),
        (vec![("kind", "regional")], "Ce choix n'est pas proposé."),
        (
            vec![("slug", "Vélo Lyon")],
            "Utilisez seulement des lettres sans accent",
        ),
    ];
    for (changes, message) in cases {
        let res = paule
            .post_form(
                "/groups/new",
                &with(card("Un groupe", "un-groupe"), &changes),
            )
            .await;
        assert_eq!(res.status, 422, "{changes:?}: {}", res.text);
        assert!(
            res.text.contains(message),
            "{changes:?} should say {message:?}: {}",
            res.text
        );
        // Single inputs are marked; radio buttons and partner rows show the
        // message above their group.
        if !changes
            .iter()
            .any(|(k, _)| *k == "kind" || k.starts_with("partner"))
        {
            assert!(
                res.text.contains(r#"aria-invalid="true""#),
                "{changes:?}: the field is marked"
            );
        }
        assert!(
            !exists(&app, "un-groupe").await,
            "{changes:?} created a group"
        );
    }
    // Logged out: nothing to propose.
    let res = app.browser().get("/groups/new").await;
    assert_eq!(res.status, 401);
}

async fn html_typed_anywhere_is_shown_as_text(backend: Backend) {
    let app = start(backend).await;
    // The administrator's groups are listed at once.
    let admin = app.logged_in("admin@coop.fr", PW).await;
    let name = "<script>alert(1)</script> Jardin";
    let summary = "<script>alert(2)</script> & \"co\"";
    let description = "<script>alert(3)</script>\n\n<img src=x onerror=alert(4)>";
    let res = admin
        .post_form(
            "/groups/new",
            &with(
                card(name, "piege"),
                &[
                    ("summary", summary),
                    ("description", description),
                    ("keywords", "l'été & co"),
                ],
            ),
        )
        .await;
    assert_eq!(res.status, 303, "{}", res.text);
    // Keywords cannot hold markup at all: refused with a message, and what
    // was typed comes back escaped in the field.
    let res = admin
        .post_form(
            "/groups/new",
            &with(
                card("Autre", "autre"),
                &[("keywords", "<script>alert(5)</script>")],
            ),
        )
        .await;
    assert_eq!(res.status, 422);
    assert!(
        res.text.contains("Un mot-clé ne peut pas contenir"),
        "{}",
        res.text
    );
    assert!(res.text.contains("&lt;script&gt;alert(5)"), "{}", res.text);
    assert!(!res.text.contains("<script>alert"), "{}", res.text);

    let visitor = app.browser();
    for path in [
        "/g/piege",
        "/groups",
        "/groups?view=list",
        "/e/l'été%20%26%20co",
        "/embed/groups",
        "/embed/groups?view=list",
        "/embed/groups?group=piege",
    ] {
        let page = visitor.get(path).await;
        assert_eq!(page.status, 200, "{path}: {}", page.text);
        assert!(
            page.text
                .contains("&lt;script&gt;alert(1)&lt;/script&gt; Jardin"),
            "{path}: {}",
            page.text
        );
        assert!(
            !page.text.contains("<script>alert"),
            "{path} runs typed markup: {}",
            page.text
        );
        assert!(!page.text.contains("<img src=x"), "{path}: {}", page.text);
    }
    let page = visitor.get("/g/piege").await;
    assert!(
        page.text
            .contains("&lt;script&gt;alert(2)&lt;/script&gt; &amp; \"co\""),
        "{}",
        page.text
    );
    assert!(page.text.contains("l'été &amp; co"), "{}", page.text);
    // The description's markup is text too.
    assert!(
        page.text.contains("&lt;script&gt;alert(3)"),
        "{}",
        page.text
    );
    // The structured data carries the name as data, still no markup.
    let ld = json_ld(&page.text);
    assert_eq!(ld["name"], name);
    assert_eq!(ld["description"], summary);

    // The CSV and the API give the text exactly as typed, as data (never
    // served as a page a browser would run).
    let csv = visitor.get("/groups.csv").await;
    assert!(csv.header("content-type").unwrap().starts_with("text/csv"));
    assert_eq!(
        csv.header("x-content-type-options").as_deref(),
        Some("nosniff")
    );
    assert!(
        csv.text.contains("\"<script>alert(1)</script> Jardin\""),
        "{}",
        csv.text
    );
    assert!(
        csv.text
            .contains("\"<script>alert(2)</script> & \"\"co\"\"\""),
        "{}",
        csv.text
    );
    let api = Api::new(&app.base, None);
    let res = api.get("/groups/piege").await;
    assert_eq!(res.status, 200);
    assert!(res
        .header("content-type")
        .unwrap()
        .starts_with("application/json"));
    let body = res.json();
    assert_eq!(body["name"], name);
    assert_eq!(body["summary"], summary);
    assert_eq!(body["description"], description);
    assert_eq!(body["keywords"], json!(["l'été & co"]));
    let geo = visitor.get("/api/v1/groups.geojson").await;
    assert_eq!(geo.json()["features"][0]["properties"]["name"], name);
}

async fn approval_hides_groups_until_a_helper_approves(backend: Backend) {
    let app = start(backend).await;
    app.user("Hélène Appui", "helene@coop.fr", PW).await;
    let helene_id = user_id(&app, "helene@coop.fr").await;
    make_helper(&app, helene_id).await;
    assert!(
        app.store.groups_need_approval().await.unwrap(),
        "approval is the default"
    );

    let paule = app.logged_in("paule@coop.fr", PW).await;
    let form = paule.get("/groups/new").await;
    assert!(
        form.text.contains("relira votre proposition"),
        "{}",
        form.text
    );
    let res = paule
        .post_form(
            "/groups/new",
            &card("Jardins partagés de Lyon", "jardins-lyon"),
        )
        .await;
    let page = follow(&paule, &res).await;
    assert!(
        page.text
            .contains("elle apparaîtra dans l'annuaire une fois relue"),
        "{}",
        page.text
    );
    assert!(
        page.text.contains("attend qu'une personne d'appui"),
        "{}",
        page.text
    );
    assert!(!group(&app, "jardins-lyon").await.listed);

    // Hidden from everyone else, through every door.
    let jo = app.logged_in("jo@coop.fr", PW).await;
    let anonymous = app.browser();
    for who in [&anonymous, &jo] {
        for path in [
            "/g/jardins-lyon",
            "/g/jardins-lyon/members",
            "/g/jardins-lyon/banner.jpg",
            "/api/v1/groups/jardins-lyon",
            "/embed/groups?group=jardins-lyon",
        ] {
            assert_eq!(who.get(path).await.status, 404, "{path}");
        }
    }
    let listings = [
        "/groups",
        "/groups?view=list",
        "/e/jardin",
        "/embed/groups",
        "/embed/groups?view=list",
        "/embed/e/jardin",
        "/groups.csv",
        "/api/v1/groups",
        "/api/v1/groups?keyword=jardin",
        "/api/v1/groups.geojson",
    ];
    for path in listings {
        let res = jo.get(path).await;
        assert_eq!(res.status, 200, "{path}");
        assert!(
            !res.text.contains("jardins-lyon"),
            "{path} shows a group awaiting approval: {}",
            res.text
        );
        assert!(
            !res.text.contains("Jardins partagés"),
            "{path}: {}",
            res.text
        );
    }
    let api = Api::new(&app.base, None);
    assert_eq!(api.get("/groups").await.json()["total"], 0);
    assert_eq!(api.get("/groups/jardins-lyon").await.status, 404);

    // A plain member may not review, nor see the queue.
    assert_eq!(jo.get("/admin/groups").await.status, 403);
    let res = jo
        .post_form(
            "/admin/groups/jardins-lyon/review",
            &[("decision", "approve")],
        )
        .await;
    assert_eq!(res.status, 403);
    assert_eq!(
        anonymous
            .post_form(
                "/admin/groups/jardins-lyon/review",
                &[("decision", "approve")]
            )
            .await
            .status,
        401
    );
    assert!(!group(&app, "jardins-lyon").await.listed);

    // A helper sees the queue and approves.
    let helene = app.logged_in("helene@coop.fr", PW).await;
    let queue = helene.get("/admin/groups").await;
    assert_eq!(queue.status, 200);
    assert!(queue.text.contains("Jardins partagés de Lyon"));
    // … and may look at the proposal before deciding.
    assert_eq!(helene.get("/g/jardins-lyon").await.status, 200);
    let res = helene
        .post_form(
            "/admin/groups/jardins-lyon/review",
            &[("decision", "maybe")],
        )
        .await;
    assert_eq!(res.status, 422);
    let res = helene
        .post_form(
            "/admin/groups/jardins-lyon/review",
            &[("decision", "approve")],
        )
        .await;
    assert_eq!(res.status, 303, "{}", res.text);
    assert!(group(&app, "jardins-lyon").await.listed);
    for path in listings {
        let res = anonymous.get(path).await;
        assert!(
            res.text.contains("jardins-lyon"),
            "{path} misses the approved group: {}",
            res.text
        );
    }
    assert_eq!(anonymous.get("/g/jardins-lyon").await.status, 200);
    assert!(!helene
        .get("/admin/groups")
        .await
        .text
        .contains("Jardins partagés de Lyon"));

    // A refused proposal stays hidden; its proposer is told.
    paule
        .post_form("/groups/new", &card("Vélo Lyon", "velo-lyon"))
        .await;
    let admin = app.logged_in("admin@coop.fr", PW).await;
    let res = admin
        .post_form("/admin/groups/velo-lyon/review", &[("decision", "refuse")])
        .await;
    assert_eq!(res.status, 303);
    assert_eq!(anonymous.get("/g/velo-lyon").await.status, 404);
    assert!(paule
        .get("/g/velo-lyon")
        .await
        .text
        .contains("n'a pas été retenue"));

    // Groups made by an administrator or a helper are listed at once.
    let res = admin
        .post_form("/groups/new", &card("Groupe d'appui", "appui"))
        .await;
    let page = follow(&admin, &res).await;
    assert!(
        page.text
            .contains("Le groupe est créé et apparaît dans l'annuaire"),
        "{}",
        page.text
    );
    assert!(group(&app, "appui").await.listed);
    helene
        .post_form("/groups/new", &card("Entraide", "entraide"))
        .await;
    assert!(group(&app, "entraide").await.listed);

    // Only an administrator changes the setting.
    for who in [&helene, &jo] {
        assert_eq!(
            who.post_form("/admin/groups/settings", &[]).await.status,
            403
        );
    }
    assert!(app.store.groups_need_approval().await.unwrap());
    let res = admin.post_form("/admin/groups/settings", &[]).await;
    assert_eq!(res.status, 303);
    assert!(!app.store.groups_need_approval().await.unwrap());
    // Now a member's group is listed at once.
    assert!(!jo
        .get("/groups/new")
        .await
        .text
        .contains("relira votre proposition"));
    jo.post_form("/groups/new", &card("Compost de Jo", "compost-jo"))
        .await;
    assert!(group(&app, "compost-jo").await.listed);
    assert!(anonymous
        .get("/groups")
        .await
        .text
        .contains("Compost de Jo"));
    // And back.
    admin
        .post_form("/admin/groups/settings", &[("need_approval", "1")])
        .await;
    assert!(app.store.groups_need_approval().await.unwrap());
}

async fn joining_leaving_requests_and_roles(backend: Backend) {
    let app = start(backend).await;
    app.user("Lou Bernard", "lou@coop.fr", PW).await;
    app.store.set_groups_need_approval(false).await.unwrap();
    let paule = app.logged_in("paule@coop.fr", PW).await;
    let jo = app.logged_in("jo@coop.fr", PW).await;
    let lou = app.logged_in("lou@coop.fr", PW).await;
    let (paule_id, jo_id, lou_id) = (
        user_id(&app, "paule@coop.fr").await,
        user_id(&app, "jo@coop.fr").await,
        user_id(&app, "lou@coop.fr").await,
    );

    // An open group: one click in, one click out.
    paule
        .post_form("/groups/new", &card("Jardins", "jardins"))
        .await;
    let g = group(&app, "jardins").await;
    assert_eq!(g.member_count, 1, "the proposer is its first member");
    let page = jo.get("/g/jardins").await;
    assert!(page.text.contains("Rejoindre le groupe"), "{}", page.text);
    let res = jo.post_form("/g/jardins/join", &[]).await;
    assert!(follow(&jo, &res)
        .await
        .text
        .contains("Bienvenue dans le groupe"));
    assert_eq!(group(&app, "jardins").await.member_count, 2);
    assert!(app.store.membership(g.id, jo_id).await.unwrap().is_some());
    // Twice is still once.
    jo.post_form("/g/jardins/join", &[]).await;
    assert_eq!(group(&app, "jardins").await.member_count, 2);
    let res = jo.post_form("/g/jardins/leave", &[]).await;
    assert!(follow(&jo, &res)
        .await
        .text
        .contains("Vous avez quitté le groupe"));
    assert_eq!(group(&app, "jardins").await.member_count, 1);
    assert!(app.store.membership(g.id, jo_id).await.unwrap().is_none());
    // A visitor is sent to log in.
    let res = app.browser().post_form("/g/jardins/join", &[]).await;
    assert_eq!(res.status, 303);
    assert!(res.location().starts_with("/login"));

    // A closed group takes requests; its facilitators are told by email.
    paule
        .post_form(
            "/groups/new",
            &with(card("Cercle", "cercle"), &[("joining", "request")]),
        )
        .await;
    let cercle = group(&app, "cercle").await;
    let page = lou.get("/g/cercle").await;
    assert!(page.text.contains("envoyez une demande"), "{}", page.text);
    let res = lou
        .post_form(
            "/g/cercle/join",
            &[("message", "Bonjour, je jardine à Villeurbanne")],
        )
        .await;
    assert!(follow(&lou, &res)
        .await
        .text
        .contains("Votre demande est envoyée"));
    assert!(app
        .store
        .membership(cercle.id, lou_id)
        .await
        .unwrap()
        .is_none());
    assert!(app
        .store
        .has_pending_request(cercle.id, lou_id)
        .await
        .unwrap());
    app.run_jobs().await;
    let mail = app.last_email_to("paule@coop.fr").await;
    assert_eq!(mail.kind, "join-request");
    assert!(
        mail.subject
            .contains("Lou Bernard demande à rejoindre Cercle"),
        "{}",
        mail.subject
    );
    assert!(
        mail.text_body
            .contains("Bonjour, je jardine à Villeurbanne"),
        "{}",
        mail.text_body
    );
    assert!(mail.text_body.contains("/g/cercle"), "{}", mail.text_body);

    // Jo asks too; the facilitator sees both requests and accepts Jo.
    jo.post_form("/g/cercle/join", &[("message", "Moi aussi")])
        .await;
    let page = paule.get("/g/cercle").await;
    assert!(
        page.text.contains("Lou Bernard") && page.text.contains("Moi aussi"),
        "{}",
        page.text
    );
    let (store, cercle_id) = (&app.store, cercle.id);
    let request_of = move |who: essaim_domain::ids::UserId| async move {
        store
            .pending_join_requests(cercle_id)
            .await
            .unwrap()
            .into_iter()
            .find(|r| r.user_id == who)
            .map(|r| r.id)
            .expect("a pending request")
    };
    let jo_request = request_of(jo_id).await;
    let lou_request = request_of(lou_id).await;
    // Only facilitators, leaders and administrators decide.
    for who in [&lou, &jo] {
        let res = who
            .post_form(
                &format!("/g/cercle/requests/{lou_request}"),
                &[("decision", "accept")],
            )
            .await;
        assert_eq!(res.status, 403);
    }
    let res = paule
        .post_form(
            &format!("/g/cercle/requests/{jo_request}"),
            &[("decision", "accept")],
        )
        .await;
    assert!(follow(&paule, &res)
        .await
        .text
        .contains("La demande est acceptée"));
    assert!(app
        .store
        .membership(cercle.id, jo_id)
        .await
        .unwrap()
        .is_some());
    assert_eq!(group(&app, "cercle").await.member_count, 2);
    let mail = app.last_email_to("jo@coop.fr").await;
    assert_eq!(mail.kind, "join-accepted");
    assert!(
        mail.subject.contains("Bienvenue dans Cercle"),
        "{}",
        mail.subject
    );
    // A plain member still may not decide.
    let res = jo
        .post_form(
            &format!("/g/cercle/requests/{lou_request}"),
            &[("decision", "accept")],
        )
        .await;
    assert_eq!(res.status, 403);
    assert!(app
        .store
        .membership(cercle.id, lou_id)
        .await
        .unwrap()
        .is_none());
    let res = paule
        .post_form(
            &format!("/g/cercle/requests/{lou_request}"),
            &[("decision", "decline")],
        )
        .await;
    assert!(follow(&paule, &res)
        .await
        .text
        .contains("La demande est refusée"));
    assert!(app
        .store
        .membership(cercle.id, lou_id)
        .await
        .unwrap()
        .is_none());
    assert!(!app
        .store
        .has_pending_request(cercle.id, lou_id)
        .await
        .unwrap());
    let mail = app.last_email_to("lou@coop.fr").await;
    assert_eq!(mail.kind, "join-declined");
    assert!(
        mail.text_body.contains("n'a pas été acceptée"),
        "{}",
        mail.text_body
    );
    // A decided request cannot be decided again.
    let res = paule
        .post_form(
            &format!("/g/cercle/requests/{lou_request}"),
            &[("decision", "accept")],
        )
        .await;
    assert_eq!(res.status, 404);
    assert!(app
        .store
        .membership(cercle.id, lou_id)
        .await
        .unwrap()
        .is_none());

    // The last facilitator cannot leave, nor drop the role…
    let res = paule.post_form("/g/cercle/leave", &[]).await;
    let page = follow(&paule, &res).await;
    assert!(
        page.text
            .contains("Le groupe doit garder au moins une personne à l'animation"),
        "{}",
        page.text
    );
    assert!(app
        .store
        .membership(cercle.id, paule_id)
        .await
        .unwrap()
        .is_some());
    let res = paule
        .post_form(
            &format!("/g/cercle/members/{paule_id}/roles"),
            &[("role", "leader")],
        )
        .await;
    assert!(follow(&paule, &res)
        .await
        .text
        .contains("Le groupe doit garder au moins une personne"));
    assert_eq!(
        app.store
            .role_count(cercle.id, "facilitator")
            .await
            .unwrap(),
        1
    );
    // … a plain member may not hand out roles…
    let res = jo
        .post_form(
            &format!("/g/cercle/members/{jo_id}/roles"),
            &[("role", "facilitator")],
        )
        .await;
    assert_eq!(res.status, 403);
    assert!(app
        .store
        .membership(cercle.id, jo_id)
        .await
        .unwrap()
        .unwrap()
        .roles
        .is_empty());
    // … an unknown role is refused…
    let res = paule
        .post_form(
            &format!("/g/cercle/members/{jo_id}/roles"),
            &[("role", "king")],
        )
        .await;
    assert_eq!(res.status, 422);
    // … so the facilitator names another one, then may leave.
    let res = paule
        .post_form(
            &format!("/g/cercle/members/{jo_id}/roles"),
            &[("role", "facilitator"), ("role", "referent")],
        )
        .await;
    assert!(follow(&paule, &res)
        .await
        .text
        .contains("Les rôles sont enregistrés"));
    let roles = app
        .store
        .membership(cercle.id, jo_id)
        .await
        .unwrap()
        .unwrap()
        .roles;
    assert_eq!(roles, ["facilitator", "referent"]);
    let res = paule.post_form("/g/cercle/leave", &[]).await;
    assert!(follow(&paule, &res)
        .await
        .text
        .contains("Vous avez quitté le groupe"));
    assert!(app
        .store
        .membership(cercle.id, paule_id)
        .await
        .unwrap()
        .is_none());
    // Jo now runs the group: Jo decides requests.
    lou.post_form("/g/cercle/join", &[]).await;
    let request = request_of(lou_id).await;
    let res = jo
        .post_form(
            &format!("/g/cercle/requests/{request}"),
            &[("decision", "accept")],
        )
        .await;
    assert_eq!(res.status, 303);
    assert!(app
        .store
        .membership(cercle.id, lou_id)
        .await
        .unwrap()
        .is_some());
}

async fn member_list_follows_each_members_choice(backend: Backend) {
    let app = start(backend).await;
    app.user("Lou Bernard", "lou@coop.fr", PW).await;
    app.store.set_groups_need_approval(false).await.unwrap();
    let paule = app.logged_in("paule@coop.fr", PW).await;
    let jo = app.logged_in("jo@coop.fr", PW).await;
    let lou = app.logged_in("lou@coop.fr", PW).await;
    paule
        .post_form("/groups/new", &card("Jardins", "jardins"))
        .await;
    jo.post_form("/g/jardins/join", &[]).await;
    // Jo lets everyone see them; Paule keeps the default (members only).
    let res = jo
        .post_form("/g/jardins/visibility", &[("visibility", "everyone")])
        .await;
    assert!(follow(&jo, &res)
        .await
        .text
        .contains("Votre choix est enregistré"));
    assert_eq!(
        jo.post_form("/g/jardins/visibility", &[("visibility", "nobody")])
            .await
            .status,
        422
    );
    // Only members choose.
    assert_eq!(
        lou.post_form("/g/jardins/visibility", &[("visibility", "everyone")])
            .await
            .status,
        403
    );

    for (who, label) in [(app.browser(), "a visitor"), (lou.clone(), "a non-member")] {
        let page = who.get("/g/jardins/members").await;
        assert_eq!(page.status, 200);
        assert!(page.text.contains("Jo Durand"), "{label}: {}", page.text);
        assert!(
            !page.text.contains("Paule Martin"),
            "{label} sees a hidden member: {}",
            page.text
        );
        assert!(
            page.text.contains("Une autre personne a choisi"),
            "{label}: the hidden count: {}",
            page.text
        );
    }
    // Members see each other.
    let page = jo.get("/g/jardins/members").await;
    assert!(page.text.contains("Paule Martin") && page.text.contains("Jo Durand"));

    // Hidden members never leave through the API or the exports.
    let api = Api::new(&app.base, None);
    let res = api.get("/groups/jardins").await;
    assert_eq!(res.json()["member_count"], 2);
    for res in [
        res,
        api.get("/groups").await,
        app.browser().get("/groups.csv").await,
        app.browser().get("/api/v1/groups.geojson").await,
        app.browser().get("/embed/groups").await,
    ] {
        assert!(
            !res.text.contains("Paule Martin") && !res.text.contains("paule@coop.fr"),
            "{}",
            res.text
        );
    }
}

async fn api_proposes_edits_joins_and_leaves(backend: Backend) {
    let app = start(backend).await;
    app.user("Lou Bernard", "lou@coop.fr", PW).await;
    let token = |email: &'static str| {
        let app = &app;
        async move {
            let id = user_id(app, email).await;
            let (_, secret) = app.store.create_api_token(id, "script").await.unwrap();
            Api::new(&app.base, Some(&secret))
        }
    };
    let paule = token("paule@coop.fr").await;
    let jo = token("jo@coop.fr").await;
    let lou = token("lou@coop.fr").await;
    let admin = token("admin@coop.fr").await;
    let anonymous = Api::new(&app.base, None);

    // Proposing needs a token and the charter.
    let res = anonymous
        .post("/groups", &api_card("Jardins", "jardins"))
        .await;
    assert_eq!(res.status, 401);
    assert_eq!(res.json()["error"]["code"], "unauthenticated");
    let mut body = api_card("Jardins", "jardins");
    body.as_object_mut().unwrap().remove("charter_accepted");
    let res = paule.post("/groups", &body).await;
    assert_eq!(res.status, 422);
    assert!(
        error_fields(&res).contains(&("charter_accepted".into(), "error-charter-required".into()))
    );
    body["charter_accepted"] = json!(false);
    assert_eq!(paule.post("/groups", &body).await.status, 422);
    assert!(!exists(&app, "jardins").await);
    // A browser session without the anti-forgery header is refused.
    let browser = app.logged_in("paule@coop.fr", PW).await;
    let res = browser
        .client
        .post(format!("{}/api/v1/groups", app.base))
        .json(&api_card("Jardins", "jardins"))
        .send()
        .await
        .unwrap();
    let res = Browser::read(res).await;
    assert_eq!(res.status, 403);
    OpenApi::load().assert_conforms("POST", "/groups", &res);
    assert!(!exists(&app, "jardins").await);

    // A member's group waits for approval.
    let res = paule.post("/groups", &api_card("Jardins", "jardins")).await;
    assert_eq!(res.status, 201, "{}", res.text);
    let created = res.json();
    assert_eq!(created["listed"], false);
    assert_eq!(created["slug"], "jardins");
    assert_eq!(created["keywords"], json!(["jardin", "compost"]));
    assert_eq!(created["hosted"], true);
    assert_eq!(created["member_count"], 1);
    assert_eq!(created["latitude"], 45.76);
    assert_eq!(created["url"], format!("{}/g/jardins", app.base));
    assert_eq!(anonymous.get("/groups/jardins").await.status, 404);
    assert_eq!(paule.get("/groups/jardins").await.status, 200);
    // A taken address, bad fields: 422 with every field named.
    let res = jo
        .post("/groups", &api_card("Autres jardins", "jardins"))
        .await;
    assert_eq!(res.status, 422);
    assert_eq!(
        error_fields(&res),
        [("slug".to_string(), "error-slug-taken".to_string())]
    );
    let mut bad = api_card("J", "x");
    bad["latitude"] = json!(91.0);
    let res = jo.post("/groups", &bad).await;
    assert_eq!(res.status, 422);
    let fields = error_fields(&res);
    for expected in ["name", "slug", "latitude"] {
        assert!(
            fields.iter().any(|(f, _)| f == expected),
            "{expected} in {fields:?}"
        );
    }
    // An administrator's group is listed at once; a referenced group keeps
    // the member count it declares.
    let mut referenced = api_card("Réseau ailleurs", "ailleurs");
    referenced["hosted"] = json!(false);
    referenced["member_count"] = json!(120);
    let res = admin.post("/groups", &referenced).await;
    assert_eq!(res.status, 201, "{}", res.text);
    assert_eq!(res.json()["listed"], true);
    assert_eq!(res.json()["member_count"], 120);
    assert_eq!(res.json()["hosted"], false);
    app.store
        .review_group(group(&app, "jardins").await.id, true)
        .await
        .unwrap();
    let res = anonymous.get("/groups/jardins").await;
    assert_eq!(res.status, 200);
    assert_eq!(anonymous.get("/groups/nothing-here").await.status, 404);

    // Editing: its facilitator may, others may not.
    let patch = json!({
        "summary": "Nouveau résumé",
        "keywords": ["potager"],
        "latitude": 45.1,
        "longitude": 4.2,
        "status": "preparing",
    });
    let res = paule.patch("/groups/jardins", &patch).await;
    assert_eq!(res.status, 200, "{}", res.text);
    let edited = res.json();
    assert_eq!(edited["summary"], "Nouveau résumé");
    assert_eq!(edited["keywords"], json!(["potager"]));
    assert_eq!(
        (edited["latitude"].clone(), edited["longitude"].clone()),
        (json!(45.1), json!(4.2))
    );
    assert_eq!(edited["status"], "preparing");
    assert_eq!(edited["name"], "Jardins", "fields not given stay");
    assert_eq!(group(&app, "jardins").await.summary, "Nouveau résumé");
    assert_eq!(
        anonymous.get("/groups/jardins").await.json()["summary"],
        "Nouveau résumé"
    );
    assert_eq!(anonymous.patch("/groups/jardins", &patch).await.status, 401);
    assert_eq!(
        jo.patch("/groups/jardins", &json!({"summary": "Pirate"}))
            .await
            .status,
        403
    );
    assert_eq!(
        jo.post("/groups/jardins/membership", &json!({}))
            .await
            .status,
        201
    );
    assert_eq!(
        jo.patch("/groups/jardins", &json!({"summary": "Pirate"}))
            .await
            .status,
        403
    );
    // An administrator may.
    assert_eq!(
        admin
            .patch("/groups/jardins", &json!({"region": "Rhône"}))
            .await
            .status,
        200
    );
    // What cannot change, what does not exist, what has the wrong type.
    let refusals: Vec<(Value, &str, &str)> = vec![
        (json!({"slug": "autre"}), "slug", "error-slug-fixed"),
        (json!({"hosted": false}), "hosted", "error-hosted-fixed"),
        (
            json!({"colour": "vert"}),
            "body",
            "error-json-unknown-field",
        ),
        (json!({"name": 5}), "name", "error-json-type"),
        (json!({"latitude": "45,1"}), "latitude", "error-json-type"),
        (json!({"keywords": "jardin"}), "keywords", "error-json-type"),
        (json!({"hosted": "yes"}), "hosted", "error-json-type"),
        (json!({"partners": [3]}), "partners", "error-json-type"),
        (
            json!({"summary": "s".repeat(141)}),
            "summary",
            "error-summary-too-long",
        ),
        (json!({"kind": "regional"}), "kind", "error-choice-invalid"),
        (
            json!({"links": {"home": "javascript:alert(1)"}}),
            "link_home",
            "error-url-invalid",
        ),
        (json!(["not", "an", "object"]), "body", "error-json-body"),
    ];
    for (body, field, code) in refusals {
        let res = paule.patch("/groups/jardins", &body).await;
        assert_eq!(res.status, 422, "{body}: {}", res.text);
        assert!(
            error_fields(&res).contains(&(field.to_string(), code.to_string())),
            "{body}: {}",
            res.text
        );
        assert!(
            res.json()["error"]["fields"][0]["message"]
                .as_str()
                .unwrap()
                .len()
                > 10
        );
    }
    let after = anonymous.get("/groups/jardins").await.json();
    assert_eq!(after["slug"], "jardins");
    assert_eq!(
        after["summary"], "Nouveau résumé",
        "refused edits change nothing"
    );
    assert_eq!(after["region"], "Rhône");

    // Membership: join, join again, leave, leave again.
    assert_eq!(
        jo.post("/groups/jardins/membership", &json!({}))
            .await
            .json()["status"],
        "member"
    );
    assert_eq!(group(&app, "jardins").await.member_count, 2);
    let res = jo.delete("/groups/jardins/membership").await;
    assert_eq!(
        (res.status, res.json()["status"].clone()),
        (200, json!("left"))
    );
    assert_eq!(group(&app, "jardins").await.member_count, 1);
    let res = jo.delete("/groups/jardins/membership").await;
    assert_eq!(
        (res.status, res.json()["status"].clone()),
        (200, json!("not_member"))
    );
    // The last facilitator stays.
    let res = paule.delete("/groups/jardins/membership").await;
    assert_eq!(res.status, 422);
    assert_eq!(error_fields(&res)[0].1, "error-last-facilitator");
    assert_eq!(group(&app, "jardins").await.member_count, 1);
    assert_eq!(
        anonymous.delete("/groups/jardins/membership").await.status,
        401
    );
    assert_eq!(
        lou.post("/groups/nothing-here/membership", &json!({}))
            .await
            .status,
        404
    );
    // A closed group takes a request.
    paule
        .patch("/groups/jardins", &json!({"joining": "request"}))
        .await;
    let res = lou.post("/groups/jardins/membership", &json!({})).await;
    assert_eq!(
        (res.status, res.json()["status"].clone()),
        (202, json!("requested"))
    );
    let lou_id = user_id(&app, "lou@coop.fr").await;
    let g = group(&app, "jardins").await;
    assert!(app.store.membership(g.id, lou_id).await.unwrap().is_none());
    assert!(app.store.has_pending_request(g.id, lou_id).await.unwrap());
    app.run_jobs().await;
    assert_eq!(
        app.last_email_to("paule@coop.fr").await.kind,
        "join-request"
    );
    // A referenced group is joined elsewhere.
    let res = lou.post("/groups/ailleurs/membership", &json!({})).await;
    assert_eq!(res.status, 422);
    // A wrong token is refused, even where no token is needed.
    let wrong = Api::new(&app.base, Some("essaim_wrong"));
    for path in ["/groups", "/groups/jardins"] {
        let res = wrong.get(path).await;
        assert_eq!(res.status, 401, "{path}");
        assert_eq!(res.json()["error"]["code"], "unauthenticated");
    }
}

#[test]
fn the_openapi_document_lists_every_api_route_and_method() {
    let doc = OpenApi::load();
    let documented = doc.operations();
    let routes = openapi::router_api_routes(openapi::ROUTES);
    assert!(
        routes.len() >= 5,
        "routes.rs was not understood: {routes:?}"
    );
    for (path, methods) in &routes {
        assert!(!methods.is_empty(), "no method found for {path}");
        for method in methods {
            assert!(
                documented.contains(&(method.clone(), path.clone())),
                "{} /api/v1{path} is not in openapi.json",
                method.to_uppercase()
            );
        }
    }
    // And the document describes nothing the router does not serve.
    for (method, path) in &documented {
        assert!(
            routes.iter().any(|(p, m)| p == path && m.contains(method)),
            "openapi.json documents {method} {path}, which the router does not serve"
        );
    }
    // The parser sees routes written over several lines, with two methods.
    assert!(routes.contains(&("/groups/{slug}".into(), vec!["get".into(), "patch".into()])));
}

#[test]
fn the_openapi_validator_finds_mismatches() {
    let doc = OpenApi::load();
    let good = json!({"status": "member"});
    assert!(doc
        .check("POST", "/groups/x/membership", 201, &good)
        .is_empty());
    for bad in [
        json!({"status": "king"}),
        json!({}),
        json!({"status": "member", "extra": 1}),
        json!({"status": 3}),
    ] {
        assert!(
            !doc.check("POST", "/groups/x/membership", 201, &bad)
                .is_empty(),
            "{bad}"
        );
    }
    assert!(!doc
        .check("POST", "/groups/x/membership", 418, &good)
        .is_empty());
    assert!(!doc.check("PUT", "/groups/x", 200, &good).is_empty());
    let error = json!({"error": {"code": "not_found", "message": "Rien"}});
    assert!(doc.check("GET", "/groups/x", 404, &error).is_empty());
    let mut group = json!({
        "name": "n", "summary": "s", "kind": "thematic", "slug": "ab", "description": "",
        "keywords": [], "partners": [{"name": "p", "url": null, "logo_url": null}],
        "country": null, "region": null, "latitude": null, "longitude": null,
        "member_count": 0, "status": "active", "license": "cc-by-sa-4.0", "links": {},
        "hosted": true, "joining": "open", "url": "http://x/g/ab"
    });
    assert_eq!(
        doc.check("GET", "/groups/ab", 200, &group),
        Vec::<String>::new()
    );
    group["latitude"] = json!(91);
    group["partners"][0]["name"] = json!(null);
    group["links"]["home"] = json!(1);
    assert_eq!(doc.check("GET", "/groups/ab", 200, &group).len(), 3);
}

async fn banner_and_logo_uploads(backend: Backend) {
    let app = start(backend).await;
    app.store.set_groups_need_approval(false).await.unwrap();
    let paule = app.logged_in("paule@coop.fr", PW).await;
    let jo = app.logged_in("jo@coop.fr", PW).await;
    paule
        .post_form(
            "/groups/new",
            &with(
                card("Jardins", "jardins"),
                &[
                    ("partner_name", "Ville de Lyon"),
                    ("partner_url", "https://www.lyon.fr"),
                ],
            ),
        )
        .await;
    let base = &app.base;
    // Before any upload, a banner is drawn for the group.
    let drawn = picture(
        &paule,
        &format!("{base}/g/jardins/banner.jpg"),
        image::ImageFormat::Jpeg,
    )
    .await;
    assert_eq!((drawn.width(), drawn.height()), (1920, 160));

    // A real picture: resized and cropped to 1920×160.
    let res = upload(
        &app,
        &paule,
        "/g/jardins/banner",
        "photo.png",
        png(800, 600),
    )
    .await;
    assert_eq!(res.status, 303, "{}", res.text);
    assert_eq!(res.location(), "/g/jardins/edit");
    assert!(paule
        .get("/g/jardins/edit")
        .await
        .text
        .contains("La nouvelle bannière est enregistrée"));
    let version = group(&app, "jardins").await.banner_version;
    assert!(version.is_some());
    let banner = picture(
        &app.browser(),
        &format!("{base}/g/jardins/banner.jpg"),
        image::ImageFormat::Jpeg,
    )
    .await;
    assert_eq!((banner.width(), banner.height()), (1920, 160));
    let before = app
        .browser()
        .client
        .get(format!("{base}/g/jardins/banner.jpg"))
        .send()
        .await
        .unwrap()
        .bytes()
        .await
        .unwrap();

    // A web page named like a picture: refused with a clear message.
    let fake = b"<!doctype html><html><script>alert(1)</script></html>".to_vec();
    let res = upload(&app, &paule, "/g/jardins/banner", "x.png", fake.clone()).await;
    assert_eq!(res.status, 422);
    assert!(
        res.text.contains("Ce fichier n'est pas une image"),
        "{}",
        res.text
    );
    // Too heavy: refused with its own message.
    let mut heavy = png(10, 10);
    heavy.resize(8 * 1024 * 1024 + 1024, 0);
    let res = upload(&app, &paule, "/g/jardins/banner", "big.png", heavy).await;
    assert_eq!(res.status, 422);
    assert!(
        res.text
            .contains("Cette image est trop lourde : 8 Mo au plus"),
        "{}",
        res.text
    );
    // No file at all.
    let res = upload(&app, &paule, "/g/jardins/banner", "empty.png", Vec::new()).await;
    assert_eq!(res.status, 422);
    assert!(
        res.text.contains("Choisissez une image à envoyer"),
        "{}",
        res.text
    );
    // Far over the limit: the body itself is refused, with a page saying so.
    let mut huge = png(10, 10);
    huge.resize(20 * 1024 * 1024, 0);
    let res = upload(&app, &paule, "/g/jardins/banner", "huge.png", huge).await;
    assert_eq!(res.status, 413, "{}", res.text);
    assert!(
        res.text.contains("Ce que vous avez envoyé est trop gros"),
        "{}",
        res.text
    );
    // Without the anti-forgery key.
    let part = reqwest::multipart::Part::bytes(png(800, 600)).file_name("p.png");
    let form = reqwest::multipart::Form::new().part("file", part);
    let res = paule
        .client
        .post(format!("{}/g/jardins/banner", app.base))
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403);
    // Others may not.
    assert_eq!(
        upload(&app, &jo, "/g/jardins/banner", "p.png", png(800, 600))
            .await
            .status,
        403
    );
    assert_eq!(
        upload(
            &app,
            &app.browser(),
            "/g/jardins/banner",
            "p.png",
            png(800, 600)
        )
        .await
        .status,
        401
    );
    // Nothing changed.
    assert_eq!(group(&app, "jardins").await.banner_version, version);
    let after = app
        .browser()
        .client
        .get(format!("{base}/g/jardins/banner.jpg"))
        .send()
        .await
        .unwrap()
        .bytes()
        .await
        .unwrap();
    assert_eq!(before, after);

    // A partner's logo, the same way.
    let g = group(&app, "jardins").await;
    let partner = app.store.group_partners(g.id).await.unwrap()[0].clone();
    let logo_path = format!("/g/jardins/partners/{}/logo", partner.id);
    assert_eq!(
        app.browser().get(&format!("{logo_path}.png")).await.status,
        404
    );
    let res = upload(&app, &paule, &logo_path, "logo.png", png(1000, 300)).await;
    assert_eq!(res.status, 303, "{}", res.text);
    let logo = picture(
        &app.browser(),
        &format!("{base}{logo_path}.png"),
        image::ImageFormat::Png,
    )
    .await;
    assert_eq!((logo.width(), logo.height()), (400, 120));
    let version = app.store.group_partners(g.id).await.unwrap()[0].logo_version;
    assert!(version.is_some());
    let res = upload(&app, &paule, &logo_path, "x.png", fake).await;
    assert_eq!(res.status, 422);
    assert!(
        res.text.contains("Ce fichier n'est pas une image"),
        "{}",
        res.text
    );
    assert_eq!(
        upload(&app, &jo, &logo_path, "p.png", png(100, 100))
            .await
            .status,
        403
    );
    assert_eq!(
        upload(
            &app,
            &paule,
            "/g/jardins/partners/999999/logo",
            "p.png",
            png(100, 100)
        )
        .await
        .status,
        404
    );
    assert_eq!(
        app.store.group_partners(g.id).await.unwrap()[0].logo_version,
        version
    );
    // The API gives the logo's address.
    let api = Api::new(&app.base, None);
    let body = api.get("/groups/jardins").await.json();
    assert!(body["partners"][0]["logo_url"]
        .as_str()
        .unwrap()
        .contains(&format!("{logo_path}.png")));
}
