//! Resources through HTTP, on both databases: adding a link, a file and a
//! wiki page (a members-only page never makes a public resource), the
//! catalogue's filters, its Atom feed (public ones only), the search with
//! its audience, the API as its document says, the activity event, and
//! bad input that changes nothing.

use serde_json::json;

use crate::both;
use crate::meetings::network;
use crate::support::openapi::Api;
use crate::support::{Browser, Resp, TestApp};
use crate::wiki::{atom_titles, page_access, saved};

both!(
    each_kind_of_resource_is_added_and_follows_its_audience,
    the_catalogue_filters_and_its_feed_holds_public_ones,
    bad_resources_change_nothing,
    resources_through_the_api_as_the_document_says,
);

/// Sends the adding form as a browser does (multipart, with an optional
/// file), to the resources of `jardins`.
async fn add(
    app: &TestApp,
    b: &Browser,
    fields: &[(&str, &str)],
    file: Option<(&str, Vec<u8>)>,
) -> Resp {
    add_to(app, b, "jardins", fields, file).await
}

/// The same, to the resources of the group `slug`.
async fn add_to(
    app: &TestApp,
    b: &Browser,
    slug: &str,
    fields: &[(&str, &str)],
    file: Option<(&str, Vec<u8>)>,
) -> Resp {
    let mut form = reqwest::multipart::Form::new().text("csrf", b.csrf().await);
    for (k, v) in fields {
        form = form.text(k.to_string(), v.to_string());
    }
    if let Some((name, bytes)) = file {
        form = form.part(
            "file",
            reqwest::multipart::Part::bytes(bytes).file_name(name.to_string()),
        );
    }
    let res = b
        .client
        .post(format!("{}/g/{slug}/resources/new", app.base))
        .multipart(form)
        .send()
        .await
        .expect("add a resource");
    Browser::read(res).await
}

/// Adds a resource and gives its page.
pub(crate) async fn added(
    app: &TestApp,
    b: &Browser,
    fields: &[(&str, &str)],
    file: Option<(&str, Vec<u8>)>,
) -> String {
    let res = add(app, b, fields, file).await;
    assert_eq!(res.status, 303, "{}", res.text);
    let path = res.location();
    assert!(path.starts_with("/g/jardins/resources/"), "{path}");
    path
}

async fn resource_count(app: &TestApp) -> i64 {
    #[derive(sqlx::FromRow)]
    struct N {
        n: i64,
    }
    let row: N = app
        .store
        .db()
        .one(essaim_store::q("SELECT COUNT(*) AS n FROM resources"))
        .await
        .unwrap();
    row.n
}

async fn events(app: &TestApp) -> Vec<essaim_store::activity::Event> {
    let group = app.store.group_by_slug("jardins").await.unwrap().unwrap();
    app.store
        .activity_between(group.id, 0, i64::MAX)
        .await
        .unwrap()
        .into_iter()
        .filter(|e| e.kind == essaim_domain::activity::EventKind::ResourceAdded)
        .collect()
}

async fn each_kind_of_resource_is_added_and_follows_its_audience(backend: crate::support::Backend) {
    use essaim_domain::activity::Audience;
    let app = TestApp::start(backend).await;
    let (fanny, gus, nina) = network(&app).await;
    let anonymous = app.browser();

    // The group's page leads to its resources; an empty list says what
    // goes there.
    let page = anonymous.get("/g/jardins").await;
    assert!(page.text.contains("/g/jardins/resources"), "{}", page.text);
    let page = gus.get("/g/jardins/resources").await;
    assert_eq!(page.status, 200, "{}", page.text);
    assert!(page.text.contains("Ajoutez la première"));
    assert!(page.text.contains("Licence : CC BY-SA 4.0"));

    // A member adds a link (public by default, the group's license).
    let link = added(
        &app,
        &gus,
        &[
            ("title", "Guide du compost"),
            ("description", "Tout sur le **lombricompost**."),
            ("category", "guide"),
            ("kind", "link"),
            ("url", "https://exemple.org/compost"),
            ("keywords", "Compost, jardin"),
        ],
        None,
    )
    .await;
    let res = anonymous.get(&link).await;
    assert_eq!(res.status, 200, "{}", res.text);
    assert!(res.text.contains("https://exemple.org/compost"));
    assert!(res.text.contains("<strong>lombricompost</strong>"));
    assert!(res.text.contains("Licence : CC BY-SA 4.0"));
    assert!(res.text.contains("Guide ou fiche pratique"));

    // A file, under a license of its own.
    let file = added(
        &app,
        &gus,
        &[
            ("title", "Modèle de statuts"),
            ("category", "template"),
            ("kind", "file"),
            ("license", "cc0-1.0"),
        ],
        Some(("statuts.txt", b"Article premier : l'association".to_vec())),
    )
    .await;
    let res = anonymous.get(&file).await;
    assert_eq!(res.status, 200, "{}", res.text);
    assert!(res.text.contains("Licence : CC0 1.0"));
    let download = format!("{file}/file/statuts.txt");
    assert!(res.text.contains(&download), "{}", res.text);
    let res = anonymous.get(&download).await;
    assert_eq!(res.status, 200);
    assert_eq!(res.text, "Article premier : l'association");

    // A page of the group's wiki, by its address; a members-only page
    // makes a members-only resource even when « public » was chosen.
    saved(
        &fanny,
        "/g/jardins/wiki/semis",
        "Semis",
        "Le calendrier des semis de tomates.",
    )
    .await;
    saved(
        &fanny,
        "/g/jardins/wiki/cles",
        "Clés",
        "Où sont les clés du cabanon.",
    )
    .await;
    page_access(&fanny, "cles", "members", "inherit").await;
    let open_page = added(
        &app,
        &gus,
        &[
            ("title", "Calendrier des semis"),
            ("kind", "page"),
            ("page", "/g/jardins/wiki/semis"),
            ("category", "guide"),
        ],
        None,
    )
    .await;
    let closed_page = added(
        &app,
        &gus,
        &[
            ("title", "Les clés du cabanon"),
            ("kind", "page"),
            ("page", "cles"),
            ("visibility", "public"),
        ],
        None,
    )
    .await;
    let res = anonymous.get(&open_page).await;
    assert_eq!(res.status, 200, "{}", res.text);
    assert!(res.text.contains("/g/jardins/wiki/semis"));
    assert_eq!(anonymous.get(&closed_page).await.status, 404);
    assert_eq!(nina.get(&closed_page).await.status, 404);
    assert_eq!(gus.get(&closed_page).await.status, 200);

    // One event per resource, its audience from what it is.
    let audiences: Vec<(String, Audience)> = events(&app)
        .await
        .into_iter()
        .map(|e| (e.title, e.audience))
        .collect();
    assert_eq!(audiences.len(), 4, "{audiences:?}");
    assert!(audiences.contains(&("Les clés du cabanon".into(), Audience::Members)));
    assert!(audiences.contains(&("Guide du compost".into(), Audience::Public)));

    // The list: outsiders see the public ones; members all.
    let list = anonymous.get("/g/jardins/resources").await;
    assert!(list.text.contains("Guide du compost"));
    assert!(list.text.contains("Calendrier des semis"));
    assert!(!list.text.contains("cabanon"));
    assert!(gus
        .get("/g/jardins/resources")
        .await
        .text
        .contains("cabanon"));

    // The search finds them, each reader what they may see.
    let res = anonymous.get("/search?q=lombricompost").await;
    assert!(res.text.contains(&link), "{}", res.text);
    assert!(res.text.contains("Ressource"));
    assert!(!anonymous
        .get("/search?q=cabanon")
        .await
        .text
        .contains(&closed_page));
    assert!(gus
        .get("/search?q=cabanon")
        .await
        .text
        .contains(&closed_page));
    let api = Api::new(&app.base, None);
    let res = api.get("/search?q=compost").await;
    assert_eq!(res.status, 200, "{}", res.text);
    assert!(res.text.contains(&link), "{}", res.text);

    // The page closes: its resource follows, everywhere.
    page_access(&fanny, "semis", "members", "inherit").await;
    assert_eq!(anonymous.get(&open_page).await.status, 404);
    assert!(!anonymous
        .get("/search?q=calendrier")
        .await
        .text
        .contains(&open_page));
    assert!(gus
        .get("/search?q=calendrier")
        .await
        .text
        .contains(&open_page));
    // And opens again: the author's choice is back.
    page_access(&fanny, "semis", "inherit", "inherit").await;
    assert_eq!(anonymous.get(&open_page).await.status, 200);

    // Its author changes it; someone else may not; facilitators may.
    let res = nina
        .post_form(&format!("{link}/edit"), &[("title", "Pris")])
        .await;
    assert_eq!(res.status, 403, "{}", res.text);
    let res = gus
        .post_form(
            &format!("{link}/edit"),
            &[
                ("title", "Guide du lombricompost"),
                ("url", "https://exemple.org/lombric"),
                ("category", "guide"),
                ("visibility", "members"),
                ("license", "other"),
                ("license_other", "Licence Art Libre"),
            ],
        )
        .await;
    assert_eq!(res.status, 303, "{}", res.text);
    assert_eq!(anonymous.get(&link).await.status, 404);
    let res = gus.get(&link).await;
    assert!(res.text.contains("Licence : Licence Art Libre"));
    assert!(res.text.contains("https://exemple.org/lombric"));
    assert!(!anonymous
        .get("/search?q=lombricompost")
        .await
        .text
        .contains(&link));
    let members = events(&app).await;
    let changed = members.iter().find(|e| e.url == link).unwrap();
    assert_eq!(changed.audience, Audience::Members);

    // The group's default license, set by a facilitator only.
    let res = gus
        .post_form("/g/jardins/resources/license", &[("license", "cc-by-4.0")])
        .await;
    assert_eq!(res.status, 403);
    let res = fanny
        .post_form("/g/jardins/resources/license", &[("license", "cc-by-4.0")])
        .await;
    assert_eq!(res.status, 303, "{}", res.text);
    assert!(anonymous
        .get(&open_page)
        .await
        .text
        .contains("Licence : CC BY 4.0"));

    // Removing: the file goes with it.
    let res = nina.post_form(&format!("{file}/delete"), &[]).await;
    assert_eq!(res.status, 403);
    let res = fanny.post_form(&format!("{file}/delete"), &[]).await;
    assert_eq!(res.status, 303, "{}", res.text);
    assert_eq!(anonymous.get(&file).await.status, 404);
    assert_eq!(anonymous.get(&download).await.status, 404);
    assert_eq!(resource_count(&app).await, 3);
}

async fn the_catalogue_filters_and_its_feed_holds_public_ones(backend: crate::support::Backend) {
    let app = TestApp::start(backend).await;
    let (fanny, gus, _nina) = network(&app).await;
    let anonymous = app.browser();
    for (title, category, keywords, visibility) in [
        ("Tutoriel vidéo Pivoine", "video", "jardin, semis", "public"),
        ("Outil Glycine", "tool", "tableur", "public"),
        ("Formation Capucine", "training", "jardin", "members"),
    ] {
        added(
            &app,
            &gus,
            &[
                ("title", title),
                ("category", category),
                ("keywords", keywords),
                ("visibility", visibility),
                ("url", "https://exemple.org/"),
            ],
            None,
        )
        .await;
    }
    let page = anonymous.get("/resources").await;
    assert_eq!(page.status, 200, "{}", page.text);
    assert!(page.text.contains("Pivoine") && page.text.contains("Glycine"));
    assert!(!page.text.contains("Capucine"));
    assert!(page.text.contains("Jardins partagés"));
    // Members see their group's members-only ones in the catalogue too.
    assert!(gus.get("/resources").await.text.contains("Capucine"));
    let by_keyword = anonymous.get("/resources?keyword=Jardin").await;
    assert!(by_keyword.text.contains("Pivoine"));
    assert!(!by_keyword.text.contains("Glycine"));
    let by_type = anonymous.get("/resources?type=tool").await;
    assert!(by_type.text.contains("Glycine"));
    assert!(!by_type.text.contains("Pivoine"));
    let unknown_type = anonymous.get("/resources?type=livre").await;
    assert_eq!(unknown_type.status, 200);
    assert!(!unknown_type.text.contains("Glycine"));
    let by_group = anonymous.get("/resources?group=jardins").await;
    assert!(by_group.text.contains("Glycine"));
    let other_group = anonymous.get("/resources?group=ailleurs").await;
    assert!(!other_group.text.contains("Glycine"));
    assert!(other_group.text.contains("Aucune ressource ne correspond"));

    // The feed: well-formed Atom, the public ones only, whoever asks.
    for b in [&anonymous, &gus, &fanny] {
        let res = b.get("/resources.atom").await;
        assert_eq!(res.status, 200);
        let titles = atom_titles(&res.text);
        assert_eq!(titles.len(), 2, "{titles:?}");
        assert!(titles.contains(&"Outil Glycine".to_string()));
        assert!(!titles.iter().any(|t| t.contains("Capucine")));
    }
    let res = anonymous.get("/resources.atom?type=video").await;
    assert_eq!(atom_titles(&res.text), ["Tutoriel vidéo Pivoine"]);

    // A group awaiting approval: its public resources reach the catalogue,
    // the feed and the search once it is approved, not before.
    let res = fanny
        .post_form(
            "/groups/new",
            &crate::groups::card("Attente Quokka", "attente"),
        )
        .await;
    assert_eq!(res.status, 303, "{}", res.text);
    let res = add_to(
        &app,
        &fanny,
        "attente",
        &[
            ("title", "Fiche Tatou"),
            ("url", "https://exemple.org/tatou"),
        ],
        None,
    )
    .await;
    assert_eq!(res.status, 303, "{}", res.text);
    assert!(!anonymous.get("/resources").await.text.contains("Tatou"));
    assert!(!anonymous
        .get("/search?q=tatou")
        .await
        .text
        .contains("Tatou"));
    assert!(fanny.get("/resources").await.text.contains("Tatou"));
    let admin = app.logged_in("admin@coop.fr", "mot de passe long").await;
    let res = admin
        .post_form("/admin/groups/attente/review", &[("decision", "approve")])
        .await;
    assert_eq!(res.status, 303, "{}", res.text);
    assert!(anonymous.get("/resources").await.text.contains("Tatou"));
    assert!(anonymous
        .get("/search?q=tatou")
        .await
        .text
        .contains("Tatou"));
    let res = anonymous.get("/resources.atom").await;
    assert!(atom_titles(&res.text).contains(&"Fiche Tatou".to_string()));
}

async fn bad_resources_change_nothing(backend: crate::support::Backend) {
    let app = TestApp::start(backend).await;
    let (fanny, gus, nina) = network(&app).await;
    // Someone who is not a member may not add.
    let res = add(
        &app,
        &nina,
        &[("title", "Intrus"), ("url", "https://exemple.org")],
        None,
    )
    .await;
    assert_eq!(res.status, 403, "{}", res.text);
    let res = add(
        &app,
        &app.browser(),
        &[("title", "Intrus"), ("url", "https://exemple.org")],
        None,
    )
    .await;
    assert_eq!(res.status, 401, "{}", res.text);
    // A missing title and a link that is none: both said, what was typed
    // kept.
    let res = add(
        &app,
        &gus,
        &[
            ("title", " "),
            ("description", "Description gardée"),
            ("url", "javascript:alert(1)"),
        ],
        None,
    )
    .await;
    assert_eq!(res.status, 422, "{}", res.text);
    assert!(res.text.contains("Donnez un titre à la ressource."));
    assert!(
        res.text
            .contains("Cette adresse n&#x27;est pas un lien web")
            || res.text.contains("Cette adresse n'est pas un lien web"),
        "{}",
        res.text
    );
    assert!(res.text.contains("Description gardée"));
    // An unknown page, and one the member may not read.
    saved(
        &fanny,
        "/g/jardins/wiki/bureau",
        "Bureau",
        "Pour le bureau.",
    )
    .await;
    page_access(&fanny, "bureau", "facilitators", "inherit").await;
    for page in [
        "/g/jardins/wiki/nulle-part",
        "/g/autre/wiki/bureau",
        "bureau",
    ] {
        let res = add(
            &app,
            &gus,
            &[("title", "Titre gardé"), ("kind", "page"), ("page", page)],
            None,
        )
        .await;
        assert_eq!(res.status, 422, "{page}: {}", res.text);
        assert!(res.text.contains("Cette page n"), "{}", res.text);
        assert!(res.text.contains("Titre gardé"));
    }
    // A file: missing, of a refused type, too large.
    let res = add(
        &app,
        &gus,
        &[("title", "Sans fichier"), ("kind", "file")],
        None,
    )
    .await;
    assert_eq!(res.status, 422, "{}", res.text);
    assert!(res.text.contains("Choisissez un fichier"));
    let res = add(
        &app,
        &gus,
        &[("title", "Programme"), ("kind", "file")],
        Some(("outil.exe", b"MZ\x90\x00binaire".to_vec())),
    )
    .await;
    assert_eq!(res.status, 422, "{}", res.text);
    assert!(res.text.contains("Ce type de fichier n"));
    assert!(res.text.contains("Programme"));
    let res = add(
        &app,
        &gus,
        &[("title", "Trop gros"), ("kind", "file")],
        Some(("gros.txt", vec![b'a'; 10 * 1024 * 1024 + 10])),
    )
    .await;
    assert_eq!(res.status, 422, "{}", res.text);
    assert!(res.text.contains("Ce fichier est trop lourd"));
    // An unknown type or audience.
    let res = add(
        &app,
        &gus,
        &[
            ("title", "Choix"),
            ("url", "https://exemple.org"),
            ("category", "livre"),
            ("visibility", "secret"),
        ],
        None,
    )
    .await;
    assert_eq!(res.status, 422, "{}", res.text);
    assert!(res.text.contains("Choisissez une des propositions."));
    assert_eq!(resource_count(&app).await, 0);
    assert!(events(&app).await.is_empty());
    let files = std::fs::read_dir(app.config.data_dir.join("attachments"))
        .map(|d| {
            d.flatten()
                .filter(|e| e.file_name().to_string_lossy().starts_with("resource-"))
                .count()
        })
        .unwrap_or(0);
    assert_eq!(files, 0, "a refused file was kept");
    // A refused change keeps the resource as it was and the form filled.
    let link = added(
        &app,
        &gus,
        &[("title", "Bon lien"), ("url", "https://exemple.org/bon")],
        None,
    )
    .await;
    let res = gus
        .post_form(
            &format!("{link}/edit"),
            &[("title", "Nouveau titre"), ("url", "pas un lien")],
        )
        .await;
    assert_eq!(res.status, 422, "{}", res.text);
    assert!(res.text.contains("Nouveau titre"));
    let res = gus.get(&link).await;
    assert!(res.text.contains("Bon lien"));
    assert!(res.text.contains("https://exemple.org/bon"));
    // A bad default license.
    let res = fanny
        .post_form(
            "/g/jardins/resources/license",
            &[("license", "other"), ("license_other", " ")],
        )
        .await;
    assert_eq!(res.status, 422, "{}", res.text);
    assert!(res.text.contains("Indiquez le nom ou l"));
    assert!(gus.get(&link).await.text.contains("Licence : CC BY-SA 4.0"));
}

async fn token_api(app: &TestApp, email: &str) -> Api {
    let user = app.store.user_by_email(email).await.unwrap().unwrap();
    let (_, secret) = app.store.create_api_token(user.id, "t").await.unwrap();
    Api::new(&app.base, Some(&secret))
}

async fn resources_through_the_api_as_the_document_says(backend: crate::support::Backend) {
    let app = TestApp::start(backend).await;
    let (fanny, _gus, _nina) = network(&app).await;
    saved(&fanny, "/g/jardins/wiki/semis", "Semis", "Le calendrier.").await;
    let gus = token_api(&app, "gus@coop.fr").await;
    let nina = token_api(&app, "nina@coop.fr").await;
    let nobody = Api::new(&app.base, None);

    let link = json!({"title": "Par l'API", "url": "https://exemple.org/api", "type": "tool",
        "keywords": ["outil"], "license": "cc-by-4.0"});
    assert_eq!(
        nobody.post("/groups/jardins/resources", &link).await.status,
        401
    );
    assert_eq!(
        nina.post("/groups/jardins/resources", &link).await.status,
        403
    );
    assert_eq!(
        gus.post("/groups/nowhere/resources", &link).await.status,
        404
    );
    for bad in [
        json!({"title": " ", "url": "https://exemple.org"}),
        json!({"title": "t", "url": "ftp://exemple.org"}),
        json!({"title": "t", "kind": "page", "page": "nulle-part"}),
        json!({"title": "t", "kind": "file"}),
        json!({"title": "t", "url": "https://exemple.org", "type": "livre"}),
        json!({"title": "t", "url": "https://exemple.org", "visibility": "secret"}),
        json!({"title": "t", "url": "https://exemple.org", "license": "other"}),
        json!({"title": "t".repeat(201), "url": "https://exemple.org"}),
        json!({"title": "t", "url": "https://exemple.org", "file": "x"}),
        json!("not an object"),
    ] {
        let res = gus.post("/groups/jardins/resources", &bad).await;
        assert_eq!(res.status, 422, "{bad}: {}", res.text);
    }
    assert_eq!(events(&app).await.len(), 0);
    let res = gus.post("/groups/jardins/resources", &link).await;
    assert_eq!(res.status, 201, "{}", res.text);
    let open_id = res.json()["id"].as_i64().unwrap();
    assert_eq!(res.json()["type"], "tool");
    assert_eq!(res.json()["license"], "CC BY 4.0");
    assert_eq!(res.json()["target"], "https://exemple.org/api");
    let res = gus
        .post(
            "/groups/jardins/resources",
            &json!({"title": "Réservée", "kind": "page", "page": "/g/jardins/wiki/semis", "visibility": "members"}),
        )
        .await;
    assert_eq!(res.status, 201, "{}", res.text);
    let closed_id = res.json()["id"].as_i64().unwrap();
    assert!(res.json()["target"]
        .as_str()
        .unwrap()
        .ends_with("/g/jardins/wiki/semis"));

    let titles = |res: &Resp| -> Vec<String> {
        res.json()["resources"]
            .as_array()
            .unwrap()
            .iter()
            .map(|n| n["title"].as_str().unwrap().to_string())
            .collect()
    };
    let res = nobody.get("/groups/jardins/resources").await;
    assert_eq!(res.status, 200);
    assert_eq!(titles(&res), ["Par l'API"]);
    assert_eq!(
        titles(&gus.get("/groups/jardins/resources").await),
        ["Réservée", "Par l'API"]
    );
    assert_eq!(titles(&nobody.get("/resources").await), ["Par l'API"]);
    assert_eq!(
        titles(&nobody.get("/resources?type=tool&keyword=outil").await),
        ["Par l'API"]
    );
    assert!(titles(&nobody.get("/resources?type=video").await).is_empty());
    assert_eq!(nobody.get("/resources?type=livre").await.status, 422);
    assert_eq!(nobody.get("/resources?page=0").await.status, 422);
    assert_eq!(
        nobody.get(&format!("/resources/{open_id}")).await.status,
        200
    );
    assert_eq!(
        nobody.get(&format!("/resources/{closed_id}")).await.status,
        404
    );
    assert_eq!(
        nina.get(&format!("/resources/{closed_id}")).await.status,
        404
    );
    assert_eq!(
        gus.get(&format!("/resources/{closed_id}")).await.status,
        200
    );
    assert_eq!(nobody.get("/resources/999999").await.status, 404);
    assert_eq!(nobody.get("/resources/abc").await.status, 400);
    assert_eq!(nobody.get("/groups/nowhere/resources").await.status, 404);
    assert_eq!(
        Api::new(&app.base, Some("essaim_nope"))
            .get("/resources")
            .await
            .status,
        401
    );
    assert_eq!(events(&app).await.len(), 2);
}
