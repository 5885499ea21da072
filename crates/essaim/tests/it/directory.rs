//! The directory (`/groups`), ecosystems (`/e/{keyword}`), embeds, the
//! CSV and GeoJSON exports, structured data and the list API, on both
//! databases.

use essaim_domain::groups::GroupCardInput;
use essaim_store::groups::{Group, NewGroup};
use serde_json::{json, Value};

use crate::both;
use crate::support::openapi::Api;
use crate::support::{extract, Backend, Resp, TestApp};

both!(
    filters_find_the_right_groups,
    views_pages_and_bad_filters,
    the_list_api_filters_and_pages,
    ecosystem_figures_and_unknown_keywords,
    home_suggests_groups_of_fellow_members,
    only_embeds_may_be_framed,
    csv_geojson_and_structured_data,
    closed_groups_keep_their_internal_links,
);

/// The password of every test account.
const PW: &str = "mot de passe long";

/// Creates a listed group straight in the store (fast), from a valid card
/// changed by `edit`; `by` becomes its facilitator.
async fn make(
    app: &TestApp,
    slug: &str,
    by: Option<essaim_domain::ids::UserId>,
    edit: impl FnOnce(&mut GroupCardInput),
) -> Group {
    let mut input = GroupCardInput {
        name: format!("Groupe {slug}"),
        summary: "Un groupe du réseau".into(),
        kind: "thematic".into(),
        slug: slug.into(),
        hosted: "on".into(),
        status: "active".into(),
        ..Default::default()
    };
    edit(&mut input);
    let card = input.validate().unwrap_or_else(|e| panic!("{slug}: {e:?}"));
    let new = NewGroup {
        slug: card.slug.clone(),
        hosted: card.hosted,
        fields: essaim_store::groups::GroupFields::of(&card),
    };
    app.store
        .create_group(&new, by, true, &[])
        .await
        .unwrap_or_else(|e| panic!("{slug}: {e}"))
}

/// Hides a group from the directory (as if awaiting approval).
async fn unlist(app: &TestApp, group: &Group) {
    app.store
        .db()
        .execute(
            essaim_store::q("UPDATE groups SET listed = $1, review = 'pending' WHERE id = $2")
                .bind(false)
                .bind(group.id),
        )
        .await
        .unwrap();
}

/// The four groups the filter tests look for, by name.
const COOP: &str = "Coopérative du Rhône";
const VELO: &str = "Vélo Bordeaux";
const APPUI: &str = "Appui Bruxelles";
const ANCIEN: &str = "Ancien groupe";

/// A small network: one group per kind, places in two countries, one archived.
async fn small_network(app: &TestApp) {
    make(app, "coop-rhone", None, |c| {
        c.name = COOP.into();
        c.kind = "territorial".into();
        c.keywords = "Énergie, Habitat".into();
        c.country = "FR".into();
        c.region = "Auvergne-Rhône-Alpes".into();
        c.latitude = "45,76".into();
        c.longitude = "4,83".into();
    })
    .await;
    make(app, "velo-bordeaux", None, |c| {
        c.name = VELO.into();
        c.keywords = "vélo".into();
        c.country = "FR".into();
        c.region = "Nouvelle-Aquitaine".into();
    })
    .await;
    make(app, "appui-bruxelles", None, |c| {
        c.name = APPUI.into();
        c.kind = "support".into();
        c.status = "preparing".into();
        c.keywords = "entraide".into();
        c.country = "BE".into();
        c.region = "Bruxelles".into();
    })
    .await;
    make(app, "ancien", None, |c| {
        c.name = ANCIEN.into();
        c.status = "archived".into();
        c.keywords = "énergie".into();
        c.country = "FR".into();
    })
    .await;
}

/// Which of the small network's groups a page or response shows.
fn shown(text: &str) -> Vec<&'static str> {
    [ANCIEN, APPUI, COOP, VELO]
        .into_iter()
        .filter(|name| text.contains(name))
        .collect()
}

/// How many group cards a directory page shows.
fn cards(page: &Resp) -> usize {
    page.text.matches(r#"class="card group-card""#).count()
}

/// Parses CSV (quoted cells, doubled quotes, line breaks inside cells).
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut cell = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                cell.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => cell.push(c),
            (false, '"') => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut cell)),
            (false, '\r') => {}
            (false, '\n') => {
                row.push(std::mem::take(&mut cell));
                rows.push(std::mem::take(&mut row));
            }
            (false, c) => cell.push(c),
        }
    }
    if !cell.is_empty() || !row.is_empty() {
        row.push(cell);
        rows.push(row);
    }
    rows
}

async fn filters_find_the_right_groups(backend: Backend) {
    let app = TestApp::start(backend).await;
    small_network(&app).await;
    let visitor = app.browser();
    let cases: &[(&str, &[&str])] = &[
        ("", &[APPUI, COOP, VELO]),
        ("kind=territorial", &[COOP]),
        ("kind=support", &[APPUI]),
        ("kind=thematic", &[VELO]),
        ("status=preparing", &[APPUI]),
        ("status=active", &[COOP, VELO]),
        ("status=archived", &[ANCIEN]),
        ("archived=1", &[ANCIEN, APPUI, COOP, VELO]),
        ("keyword=énergie", &[COOP]),
        ("keyword=%C3%89nergie", &[COOP]),
        ("keyword=énergie&archived=1", &[ANCIEN, COOP]),
        ("keyword=vélo", &[VELO]),
        ("region=Nouvelle-Aquitaine", &[VELO]),
        ("country=BE", &[APPUI]),
        ("country=fr", &[COOP, VELO]),
        ("country=FR&kind=thematic", &[VELO]),
        // Text search: accents and case do not matter, every word counts.
        ("q=cooperative", &[COOP]),
        ("q=COOP%C3%89RATIVE", &[COOP]),
        ("q=coop", &[COOP]),
        ("q=rhone+cooperative", &[COOP]),
        ("q=rhone+velo", &[]),
        ("q=velo", &[VELO]),
        ("q=bruxelles", &[APPUI]),
        ("q=habitat", &[COOP]),
        ("q=ancien", &[]),
        ("q=ancien&archived=1", &[ANCIEN]),
        ("q=%25", &[APPUI, COOP, VELO]),
    ];
    let api = Api::new(&app.base, None);
    for (query, expected) in cases {
        for view in ["cards", "list"] {
            let page = visitor.get(&format!("/groups?view={view}&{query}")).await;
            assert_eq!(page.status, 200, "{query}: {}", page.text);
            assert_eq!(shown(&page.text), *expected, "/groups?view={view}&{query}");
        }
        let res = api.get(&format!("/groups?{query}")).await;
        assert_eq!(res.status, 200, "{query}: {}", res.text);
        let names: Vec<String> = res.json()["groups"]
            .as_array()
            .unwrap()
            .iter()
            .map(|g| g["name"].as_str().unwrap().to_string())
            .collect();
        assert_eq!(names, *expected, "API ?{query}");
        assert_eq!(res.json()["total"], expected.len(), "API ?{query}");
    }
    // No group matches: the empty state says so and offers a way back.
    let page = visitor.get("/groups?q=zzz").await;
    assert!(
        page.text.contains("Aucun groupe ne correspond"),
        "{}",
        page.text
    );
    assert!(page.text.contains(r#"href="/groups""#));
    // The filters offer the places and keywords in use.
    let page = visitor.get("/groups").await;
    assert!(
        page.text.contains(r#"<option value="Nouvelle-Aquitaine""#),
        "{}",
        page.text
    );
    assert!(
        page.text.contains(r#"<option value="énergie""#),
        "{}",
        page.text
    );
}

async fn views_pages_and_bad_filters(backend: Backend) {
    let app = TestApp::start(backend).await;
    for i in 1..=30 {
        make(&app, &format!("groupe-{i:02}"), None, |c| {
            c.name = format!("Groupe numéro {i:02}");
            c.keywords = "jardin".into();
            c.latitude = "45".into();
            c.longitude = format!("{}", i % 10);
        })
        .await;
    }
    let visitor = app.browser();
    // 24 cards a page, in name order.
    let first = visitor.get("/groups").await;
    assert_eq!(cards(&first), 24);
    assert!(first.text.contains("Groupe numéro 01") && first.text.contains("Groupe numéro 24"));
    assert!(!first.text.contains("Groupe numéro 25"));
    assert!(first.text.contains("Page 1 sur 2"), "{}", first.text);
    assert!(
        first.text.contains(r#"href="?view=cards&amp;page=2""#),
        "{}",
        first.text
    );
    let second = visitor.get("/groups?page=2").await;
    assert_eq!(cards(&second), 6);
    assert!(second.text.contains("Groupe numéro 25") && second.text.contains("Groupe numéro 30"));
    assert!(!second.text.contains("Groupe numéro 24"));
    assert!(second.text.contains("Page 2 sur 2"));
    // Filters survive paging.
    let page = visitor.get("/groups?keyword=jardin&q=groupe").await;
    assert!(page.text.contains("keyword=jardin"), "{}", page.text);
    assert!(page.text.contains("page=2"), "{}", page.text);
    // Past the end: an empty page, not an error.
    let third = visitor.get("/groups?page=3").await;
    assert_eq!(third.status, 200);
    assert_eq!(cards(&third), 0);
    // The same on an ecosystem.
    let eco = visitor.get("/e/jardin?page=2").await;
    assert_eq!(cards(&eco), 6);

    // The list view is a table.
    let list = visitor.get("/groups?view=list").await;
    assert!(
        list.text.contains(r#"<table class="data group-list">"#),
        "{}",
        list.text
    );
    assert_eq!(
        list.text.matches("<tr>").count(),
        25,
        "a header and 24 rows"
    );
    // The map view is a map fed by the GeoJSON of the same filters.
    for path in ["/groups?view=map&keyword=jardin", "/e/jardin?view=map"] {
        let map = visitor.get(path).await;
        assert_eq!(map.status, 200);
        assert!(
            map.text.contains(r#"class="group-map""#),
            "{path}: {}",
            map.text
        );
        let geojson = extract(&map.text, r#"data-geojson=""#, '"').expect("data-geojson");
        assert!(geojson.starts_with("/api/v1/groups.geojson?"), "{geojson}");
        assert!(geojson.contains("keyword=jardin"), "{geojson}");
        let data = visitor.get(&geojson.replace("&amp;", "&")).await.json();
        assert_eq!(data["features"].as_array().unwrap().len(), 30);
        assert!(
            map.text.contains("/static/map.js") && map.text.contains("/static/leaflet/leaflet.js")
        );
        assert!(
            map.text.contains("data-tiles="),
            "the tile server is configured"
        );
    }

    // Unknown choices: a translated refusal, never a crash.
    for path in [
        "/groups?kind=regional",
        "/groups?status=closed",
        "/groups?view=table",
        "/groups?page=0",
        "/groups?page=deux",
        "/groups?country=ZZ",
        "/e/jardin?kind=regional",
        "/embed/groups?kind=regional",
    ] {
        let res = visitor.get(path).await;
        assert!(
            res.status == 422 || res.status == 400,
            "{path}: {}",
            res.status
        );
        assert!(
            res.text.contains(r#"<html lang="fr">"#),
            "{path}: {}",
            res.text
        );
        assert!(
            res.text
                .contains("Certaines informations ne conviennent pas")
                || res.text.contains("Nous n'avons pas compris"),
            "{path}: {}",
            res.text
        );
    }
    let english = app.browser_lang("en").get("/groups?kind=regional").await;
    assert_eq!(english.status, 422);
    assert!(
        english.text.contains(r#"<html lang="en">"#),
        "{}",
        english.text
    );
}

async fn the_list_api_filters_and_pages(backend: Backend) {
    let app = TestApp::start(backend).await;
    small_network(&app).await;
    for i in 1..=26 {
        make(&app, &format!("groupe-{i:02}"), None, |c| {
            c.name = format!("Groupe numéro {i:02}");
        })
        .await;
    }
    let api = Api::new(&app.base, None);
    // 29 groups listed (the archived one hidden), 24 a page by default.
    let res = api.get("/groups").await;
    let body = res.json();
    assert_eq!(
        (
            body["total"].clone(),
            body["page"].clone(),
            body["per_page"].clone()
        ),
        (json!(29), json!(1), json!(24))
    );
    assert_eq!(body["groups"].as_array().unwrap().len(), 24);
    let res = api.get("/groups?page=2").await;
    assert_eq!(res.json()["groups"].as_array().unwrap().len(), 5);
    let res = api.get("/groups?per_page=10&page=3").await;
    let body = res.json();
    assert_eq!(body["groups"].as_array().unwrap().len(), 9);
    assert_eq!(body["page"], 3);
    // Appui, Coopérative, then the numbered groups: the 21st is number 19.
    assert_eq!(body["groups"][0]["name"], "Groupe numéro 19", "name order");
    let res = api.get("/groups?per_page=10&page=4").await;
    assert_eq!(res.json()["groups"], json!([]));
    assert_eq!(res.json()["total"], 29);
    // Each filter and a combination.
    let every_filter =
        "kind=support&status=preparing&country=BE&region=Bruxelles&keyword=entraide&q=appui";
    let one = api.get(&format!("/groups?{every_filter}")).await;
    assert_eq!(one.json()["total"], 1);
    let group = &one.json()["groups"][0];
    assert_eq!(group["slug"], "appui-bruxelles");
    assert_eq!(group["url"], format!("{}/g/appui-bruxelles", app.base));
    // Bad filters: 422 naming each field.
    let res = api
        .get("/groups?kind=regional&status=closed&per_page=500&page=0")
        .await;
    assert_eq!(res.status, 422);
    let fields: Vec<String> = res.json()["error"]["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["field"].as_str().unwrap().to_string())
        .collect();
    for field in ["kind", "status", "per_page", "page"] {
        assert!(fields.contains(&field.to_string()), "{field} in {fields:?}");
    }
    let english = reqwest::Client::new()
        .get(format!("{}/api/v1/groups?kind=regional", app.base))
        .header("accept-language", "en")
        .send()
        .await
        .unwrap()
        .json::<Value>()
        .await
        .unwrap();
    assert!(
        english["error"]["fields"][0]["message"]
            .as_str()
            .unwrap()
            .starts_with("Choose"),
        "{english}"
    );
    // One group; an unknown one.
    assert_eq!(api.get("/groups/velo-bordeaux").await.json()["name"], VELO);
    assert_eq!(
        api.get("/groups/ancien").await.json()["status"],
        "archived",
        "archived groups stay readable"
    );
    assert_eq!(api.get("/groups/personne").await.status, 404);
    // The GeoJSON takes the same filters.
    let geo = api.get("/groups.geojson?kind=territorial").await.json();
    assert_eq!(geo["features"].as_array().unwrap().len(), 1);
    let geo = api.get("/groups.geojson?kind=support").await.json();
    assert_eq!(geo["features"], json!([]));
    assert_eq!(api.get("/groups.geojson?kind=regional").await.status, 422);
}

async fn ecosystem_figures_and_unknown_keywords(backend: Backend) {
    let app = TestApp::start(backend).await;
    let mut people = Vec::new();
    for (i, name) in ["Ana", "Ben", "Céline", "Dan", "Eve"].iter().enumerate() {
        people.push(app.user(name, &format!("p{i}@coop.fr"), PW).await.id);
    }
    let energy = |c: &mut GroupCardInput| c.keywords = "énergie, Soleil".into();
    let a = make(&app, "energie-a", None, |c| {
        energy(c);
        c.name = "Énergie A".into();
    })
    .await;
    let b = make(&app, "energie-b", None, |c| {
        energy(c);
        c.name = "Énergie B".into();
    })
    .await;
    let c = make(&app, "energie-c", None, |c| {
        energy(c);
        c.name = "Énergie C".into();
        c.latitude = "43,6".into();
        c.longitude = "1,44".into();
    })
    .await;
    // Neither a group awaiting approval nor an archived one counts.
    let hidden = make(&app, "energie-cachee", None, |c| {
        energy(c);
        c.name = "Énergie cachée".into();
    })
    .await;
    unlist(&app, &hidden).await;
    let old = make(&app, "energie-ancienne", None, |c| {
        energy(c);
        c.name = "Énergie ancienne".into();
        c.status = "archived".into();
    })
    .await;
    make(&app, "autre", None, |c| c.keywords = "vélo".into()).await;
    // 4 people in the ecosystem; Ana and Ben are in two of its groups.
    let (ana, ben, celine, dan, eve) = (people[0], people[1], people[2], people[3], people[4]);
    for (group, person) in [
        (&a, ana),
        (&b, ana),
        (&b, ben),
        (&c, ben),
        (&a, celine),
        (&c, dan),
        (&hidden, celine),
        (&old, dan),
        (&hidden, eve),
        (&old, eve),
    ] {
        app.store.join_group(group.id, person).await.unwrap();
    }
    let figures = app.store.ecosystem_figures("énergie").await.unwrap();
    assert_eq!(
        (figures.groups, figures.members, figures.members_in_several),
        (3, 4, 2)
    );

    let visitor = app.browser();
    for path in ["/e/énergie", "/e/%C3%89NERGIE", "/e/%20%C3%A9nergie%20"] {
        let page = visitor.get(path).await;
        assert_eq!(page.status, 200, "{path}");
        assert!(
            page.text.contains("Écosystème «\u{a0}énergie\u{a0}»"),
            "{path}: {}",
            page.text
        );
        assert!(
            page.text.contains(
                r#"<span class="figure-value">3</span> <span class="figure-label">groupes</span>"#
            ),
            "{}",
            page.text
        );
        assert!(
            page.text.contains(
                r#"<span class="figure-value">4</span> <span class="figure-label">membres</span>"#
            ),
            "{}",
            page.text
        );
        assert!(
            page.text
                .contains(r#"<span class="figure-value">50 %</span>"#),
            "{}",
            page.text
        );
        for name in ["Énergie A", "Énergie B", "Énergie C"] {
            assert!(page.text.contains(name), "{path} misses {name}");
        }
        for name in ["Énergie cachée", "Énergie ancienne", "Groupe autre"] {
            assert!(!page.text.contains(name), "{path} shows {name}");
        }
    }
    // Its list view and its embed show the same groups.
    let list = visitor.get("/e/énergie?view=list").await;
    assert_eq!(list.text.matches("<tr>").count(), 4);
    let embed = visitor.get("/embed/e/énergie").await;
    assert_eq!(cards(&embed), 3);
    assert!(!embed.text.contains("Énergie cachée"));
    // The archived group counts when archived groups are asked for.
    let page = visitor.get("/e/énergie?archived=1").await;
    assert!(page.text.contains("Énergie ancienne"));

    // An unknown keyword, an odd one: an empty ecosystem with a way back.
    for (path, shown_as) in [
        ("/e/inconnu", "inconnu"),
        ("/e/a%3Fb", "a?b"),
        ("/e/a%5Cb", "a\\b"),
    ] {
        let page = visitor.get(path).await;
        assert_eq!(page.status, 200, "{path}: {}", page.text);
        assert!(
            page.text.contains(&format!(
                "Aucun groupe n'utilise encore le mot-clé «\u{a0}{shown_as}\u{a0}»"
            )),
            "{path}: {}",
            page.text
        );
        assert!(
            page.text
                .contains(r#"<a class="button" href="/groups">Tous les groupes</a>"#),
            "{path}"
        );
        assert_eq!(cards(&page), 0);
    }
}

async fn home_suggests_groups_of_fellow_members(backend: Backend) {
    let app = TestApp::start(backend).await;
    app.user("Admin", "admin@coop.fr", PW).await;
    let me = app.user("Moi", "moi@coop.fr", PW).await.id;
    let peer = app.user("Pair", "pair@coop.fr", PW).await.id;
    let other = app.user("Autre", "autre@coop.fr", PW).await.id;
    let mine = make(&app, "jardins", None, |c| {
        c.name = "Jardins partagés".into()
    })
    .await;
    let shared = make(&app, "compost", None, |c| {
        c.name = "Compost collectif".into()
    })
    .await;
    let unrelated = make(&app, "velo", None, |c| c.name = "Atelier vélo".into()).await;
    let hidden = make(&app, "cache", None, |c| c.name = "Groupe caché".into()).await;
    unlist(&app, &hidden).await;
    let archived = make(&app, "vieux", None, |c| {
        c.name = "Vieux groupe".into();
        c.status = "archived".into();
    })
    .await;
    for (group, person) in [
        (&mine, me),
        (&mine, peer),
        (&shared, peer),
        (&hidden, peer),
        (&archived, peer),
        (&unrelated, other),
    ] {
        app.store.join_group(group.id, person).await.unwrap();
    }
    let home = app.logged_in("moi@coop.fr", PW).await.get("/").await;
    let suggestions = home
        .text
        .split("Des membres de vos groupes ont aussi rejoint")
        .nth(1)
        .unwrap_or_else(|| panic!("no suggestions: {}", home.text));
    let suggestions = suggestions.split("</section>").next().unwrap();
    assert!(
        suggestions.contains(r#"href="/g/compost""#),
        "{suggestions}"
    );
    for slug in ["jardins", "velo", "cache", "vieux"] {
        assert!(
            !suggestions.contains(&format!(r#"href="/g/{slug}""#)),
            "{slug} suggested: {suggestions}"
        );
    }
    assert!(
        home.text.contains("Jardins partagés"),
        "my own groups are listed"
    );
    // Someone whose fellow members joined nothing else gets no suggestions.
    let home = app.logged_in("autre@coop.fr", PW).await.get("/").await;
    assert!(!home
        .text
        .contains("Des membres de vos groupes ont aussi rejoint"));
    assert!(!app
        .browser()
        .get("/")
        .await
        .text
        .contains("Des membres de vos groupes"));
}

async fn only_embeds_may_be_framed(backend: Backend) {
    let app = TestApp::start(backend).await;
    make(&app, "jardins", None, |c| {
        c.name = "Jardins partagés".into();
        c.keywords = "jardin".into();
        c.latitude = "45,76".into();
        c.longitude = "4,83".into();
    })
    .await;
    app.user("Admin", "admin@coop.fr", PW).await;
    let admin = app.logged_in("admin@coop.fr", PW).await;
    let visitor = app.browser();
    for path in [
        "/embed/groups",
        "/embed/groups?view=list",
        "/embed/groups?view=map",
        "/embed/groups?group=jardins",
        "/embed/e/jardin",
        "/embed/e/jardin?view=list",
        "/embed/e/jardin?view=map",
    ] {
        for who in [&visitor, &admin] {
            let res = who.get(path).await;
            assert_eq!(res.status, 200, "{path}: {}", res.text);
            let csp = res.header("content-security-policy").unwrap_or_default();
            assert!(csp.contains("frame-ancestors *"), "{path}: {csp}");
            assert_eq!(res.header("x-frame-options"), None, "{path}");
            assert!(res.text.contains(r#"<base target="_top">"#), "{path}");
            assert!(res.text.contains("/static/embed.js"), "{path}");
            if path.contains("view=map") {
                assert!(res.text.contains(r#"class="group-map""#), "{path}");
                assert!(
                    res.text.contains("/static/map.js")
                        && res.text.contains("/static/leaflet/leaflet.js")
                );
            } else {
                assert!(res.text.contains("Jardins partagés"), "{path}");
            }
            // Minimal chrome: no site navigation, no forms.
            assert!(!res.text.contains("<form"), "{path}");
        }
    }
    // Every other page keeps out of frames.
    for path in [
        "/",
        "/groups",
        "/groups?view=map",
        "/groups?view=list",
        "/e/jardin",
        "/e/jardin?view=map",
        "/e/inconnu",
        "/g/jardins",
        "/g/jardins/members",
        "/login",
        "/groups.csv",
        "/api/v1/groups",
        "/api/v1/groups.geojson",
        "/nothing-here",
        "/embed/e/a%3Fb",
        "/admin/groups",
    ] {
        let res = admin.get(path).await;
        let csp = res.header("content-security-policy").unwrap_or_default();
        assert!(csp.contains("frame-ancestors 'none'"), "{path}: {csp}");
        assert_eq!(
            res.header("x-frame-options").as_deref(),
            Some("DENY"),
            "{path}"
        );
    }
    // The scripts the embeds and maps load are served.
    for (path, needle) in [
        ("/static/embed.js", ""),
        ("/static/embed-host.js", ""),
        ("/static/map.js", ""),
        ("/static/picker.js", ""),
        ("/static/leaflet/leaflet.js", "Leaflet"),
        ("/static/leaflet/leaflet.css", ".leaflet-"),
        ("/static/directory.css", ""),
        ("/static/leaflet/images/marker-icon.png", ""),
    ] {
        let res = visitor.get(path).await;
        assert_eq!(res.status, 200, "{path} is not served");
        assert!(!res.text.is_empty() && res.text.contains(needle), "{path}");
        let mime = res.header("content-type").unwrap_or_default();
        let expected = match path.rsplit('.').next() {
            Some("js") => "javascript",
            Some("css") => "text/css",
            _ => "image/png",
        };
        assert!(mime.contains(expected), "{path}: {mime}");
    }
}

async fn csv_geojson_and_structured_data(backend: Backend) {
    let app = TestApp::start(backend).await;
    let point = make(&app, "jardins", None, |c| {
        c.name = "Jardins partagés".into();
        c.summary = "Jardiner ensemble".into();
        c.description = "Ligne 1\nLigne 2, avec \"guillemets\"".into();
        c.keywords = "Jardin, Compost".into();
        c.country = "FR".into();
        c.region = "Auvergne-Rhône-Alpes".into();
        c.latitude = "45,76".into();
        c.longitude = "4,83".into();
        c.partners = vec![essaim_domain::groups::PartnerInput {
            name: "Ville de Lyon".into(),
            url: "https://www.lyon.fr".into(),
            logo: String::new(),
        }];
        c.links
            .insert("home".into(), "https://jardins.example.org".into());
    })
    .await;
    make(&app, "sans-lieu", None, |c| {
        c.name = "Sans lieu".into();
        c.hosted = String::new();
        c.member_count = "120".into();
    })
    .await;
    make(&app, "archive", None, |c| {
        c.name = "Groupe archivé".into();
        c.status = "archived".into();
        c.latitude = "48,85".into();
        c.longitude = "2,35".into();
    })
    .await;
    let hidden = make(&app, "cache", None, |c| {
        c.name = "Groupe caché".into();
        c.latitude = "43".into();
        c.longitude = "5".into();
    })
    .await;
    unlist(&app, &hidden).await;
    make(&app, "formule", None, |c| {
        c.name = "@Formule".into();
        c.summary = "=HYPERLINK(\"http://evil.example\";\"clic\")".into();
        c.region = "+33 région".into();
        c.latitude = "-21,1".into();
        c.longitude = "55,5".into();
    })
    .await;

    // An uploaded banner, and an uploaded logo for the partner.
    app.store.set_banner_version(point.id, 1700).await.unwrap();
    let mut partners = app.store.group_partners(point.id).await.unwrap();
    let lyon = partners.remove(0);
    app.store
        .set_partner_logo(point.id, lyon.id, 1800)
        .await
        .unwrap();

    // CSV: every card field, one row per listed group.
    let res = app.browser().get("/groups.csv").await;
    assert_eq!(res.status, 200);
    assert!(res.header("content-type").unwrap().starts_with("text/csv"));
    assert!(res
        .header("content-disposition")
        .unwrap()
        .contains("attachment"));
    let rows = parse_csv(&res.text);
    let header = &rows[0];
    for field in [
        "slug",
        "name",
        "summary",
        "kind",
        "description",
        "keywords",
        "partners",
        "partner_logos",
        "banner_url",
        "country",
        "region",
        "latitude",
        "longitude",
        "member_count",
        "status",
        "license",
        "hosted",
        "joining",
        "url",
        "link_home",
        "link_information",
        "link_meetings",
        "link_discussions",
        "link_projects",
        "link_resources",
        "link_open_projects",
        "link_join",
        "link_members",
        "link_administration",
        "link_follow_up",
    ] {
        assert!(
            header.iter().any(|h| h == field),
            "no {field} column in {header:?}"
        );
    }
    assert!(rows.iter().all(|r| r.len() == header.len()), "{rows:?}");
    let slugs: Vec<&str> = rows[1..].iter().map(|r| r[0].as_str()).collect();
    assert_eq!(slugs.len(), 4, "{slugs:?}");
    for slug in ["jardins", "sans-lieu", "archive", "formule"] {
        assert!(slugs.contains(&slug), "{slug} missing from {slugs:?}");
    }
    let column = |name: &str| header.iter().position(|h| h == name).unwrap();
    let row_of = |slug: &str| rows.iter().find(|r| r[0] == slug).unwrap();
    let jardins = row_of("jardins");
    assert_eq!(jardins[column("name")], "Jardins partagés");
    assert_eq!(
        jardins[column("description")],
        "Ligne 1\nLigne 2, avec \"guillemets\""
    );
    assert_eq!(jardins[column("keywords")], "jardin, compost");
    assert_eq!(jardins[column("latitude")], "45.76");
    assert_eq!(jardins[column("longitude")], "4.83");
    assert_eq!(jardins[column("license")], "CC BY-SA 4.0");
    assert_eq!(
        jardins[column("partners")],
        "Ville de Lyon <https://www.lyon.fr>"
    );
    assert_eq!(
        jardins[column("partner_logos")],
        format!(
            "{}/g/jardins/partners/{}/logo.png?v=1800",
            app.base, lyon.id
        )
    );
    assert_eq!(
        jardins[column("banner_url")],
        format!("{}/g/jardins/banner.jpg?v=1700", app.base)
    );
    assert_eq!(
        row_of("sans-lieu")[column("banner_url")],
        format!("{}/g/sans-lieu/banner.jpg", app.base)
    );
    assert_eq!(row_of("sans-lieu")[column("partner_logos")], "");
    assert_eq!(jardins[column("link_home")], "https://jardins.example.org");
    assert_eq!(jardins[column("url")], format!("{}/g/jardins", app.base));
    assert_eq!(row_of("sans-lieu")[column("member_count")], "120");
    assert_eq!(row_of("sans-lieu")[column("hosted")], "false");
    // Cells a spreadsheet would run as formulas are written as text.
    let formula = row_of("formule");
    assert_eq!(
        formula[column("summary")],
        "'=HYPERLINK(\"http://evil.example\";\"clic\")"
    );
    assert_eq!(formula[column("name")], "'@Formule");
    assert_eq!(formula[column("region")], "'+33 région");
    assert_eq!(formula[column("latitude")], "-21.1", "numbers stay numbers");

    // GeoJSON: listed, current groups with a point, as [longitude, latitude].
    let api = Api::new(&app.base, None);
    let res = api.get("/groups.geojson").await;
    assert_eq!(
        res.header("content-type").as_deref(),
        Some("application/geo+json")
    );
    let geo = res.json();
    assert_eq!(geo["type"], "FeatureCollection");
    let features = geo["features"].as_array().unwrap();
    let slugs: Vec<&str> = features
        .iter()
        .map(|f| f["properties"]["slug"].as_str().unwrap())
        .collect();
    assert_eq!(slugs, ["formule", "jardins"]);
    let jardins = &features[1];
    assert_eq!(jardins["type"], "Feature");
    assert_eq!(
        jardins["geometry"],
        json!({"type": "Point", "coordinates": [4.83, 45.76]})
    );
    assert_eq!(jardins["properties"]["name"], "Jardins partagés");
    assert_eq!(jardins["properties"]["kind_label"], "Groupe thématique");
    assert_eq!(
        jardins["properties"]["keywords"],
        json!(["jardin", "compost"])
    );
    assert_eq!(
        jardins["properties"]["url"],
        format!("{}/g/jardins", app.base)
    );
    assert_eq!(features[0]["geometry"]["coordinates"], json!([55.5, -21.1]));
    let archived = api.get("/groups.geojson?archived=1").await.json();
    assert_eq!(archived["features"].as_array().unwrap().len(), 3);

    // JSON-LD on the group page: a schema.org Organization.
    let page = app.browser().get("/g/jardins").await;
    let raw = extract(&page.text, r#"<script type="application/ld+json">"#, '<').expect("JSON-LD");
    let ld: Value = serde_json::from_str(&raw).unwrap_or_else(|e| panic!("{e}: {raw}"));
    assert_eq!(ld["@context"], "https://schema.org");
    assert_eq!(ld["@type"], "Organization");
    assert_eq!(ld["name"], "Jardins partagés");
    assert_eq!(ld["description"], "Jardiner ensemble");
    assert_eq!(ld["url"], format!("{}/g/jardins", app.base));
    assert_eq!(ld["keywords"], "jardin, compost");
    assert_eq!(ld["sameAs"], json!(["https://jardins.example.org"]));
    assert_eq!(ld["address"]["addressCountry"], "FR");
    assert_eq!(ld["address"]["addressRegion"], "Auvergne-Rhône-Alpes");
    assert_eq!(ld["location"]["geo"]["latitude"], 45.76);
    assert_eq!(ld["location"]["geo"]["longitude"], 4.83);
    assert_eq!(point.slug, "jardins");
}

async fn closed_groups_keep_their_internal_links(backend: Backend) {
    let app = TestApp::start(backend).await;
    app.user("Admin", "admin@coop.fr", PW).await;
    let paule = app.user("Paule", "paule@coop.fr", PW).await.id;
    app.user("Jo", "jo@coop.fr", PW).await;
    let internal = [
        ("members", "https://membres.example.org/liste"),
        ("administration", "https://admin.example.org/console"),
        ("follow_up", "https://suivi.example.org/cr"),
    ];
    let open_links = [
        ("home", "https://cercle.example.org"),
        ("meetings", "https://agenda.example.org/cercle"),
    ];
    for (slug, joining, hosted) in [
        ("cercle", "request", "on"),
        ("cercle-ailleurs", "request", ""),
        ("ouvert", "open", ""),
    ] {
        make(&app, slug, Some(paule), |c| {
            c.name = format!("Groupe {slug}");
            c.joining = joining.into();
            c.hosted = hosted.into();
            c.keywords = "cercle".into();
            c.latitude = "45".into();
            c.longitude = "5".into();
            for (service, url) in internal.iter().chain(&open_links) {
                c.links.insert(service.to_string(), format!("{url}/{slug}"));
            }
        })
        .await;
    }
    let api = Api::new(&app.base, None);
    let (_, secret) = app.store.create_api_token(paule, "script").await.unwrap();
    let paule_api = Api::new(&app.base, Some(&secret));
    let visitor = app.browser();
    let jo = app.logged_in("jo@coop.fr", PW).await;
    for slug in ["cercle", "cercle-ailleurs"] {
        // The API, even asked by a member, shows what anybody may see.
        for client in [&api, &paule_api] {
            let links = client.get(&format!("/groups/{slug}")).await.json()["links"].clone();
            for (service, _) in internal {
                assert!(links.get(service).is_none(), "{slug}: {service} in {links}");
            }
            assert_eq!(links["home"], format!("https://cercle.example.org/{slug}"));
            assert_eq!(
                links["meetings"],
                format!("https://agenda.example.org/cercle/{slug}")
            );
        }
        // Nothing else lets them out either.
        for res in [
            api.get("/groups").await,
            api.get("/groups?keyword=cercle").await,
            api.get("/groups.geojson").await,
            visitor.get("/groups.csv").await,
            visitor.get("/embed/groups").await,
            visitor.get("/embed/groups?view=list").await,
            visitor.get(&format!("/embed/groups?group={slug}")).await,
            visitor.get("/embed/e/cercle").await,
            visitor.get("/groups").await,
            visitor.get("/e/cercle?view=list").await,
            visitor.get(&format!("/g/{slug}")).await,
            jo.get(&format!("/g/{slug}")).await,
            visitor.get(&format!("/g/{slug}/members")).await,
        ] {
            assert_eq!(res.status, 200);
            for (_, url) in internal {
                let url = format!("{url}/{slug}");
                assert!(!res.text.contains(&url), "{url} leaks: {}", res.text);
            }
        }
        // Its members see them on its page (and so do administrators); a
        // referenced group has no members here.
        let member = app.logged_in("paule@coop.fr", PW).await;
        let admin = app.logged_in("admin@coop.fr", PW).await;
        let insiders = if slug == "cercle" {
            vec![&member, &admin]
        } else {
            vec![&admin]
        };
        for who in insiders {
            let page = who.get(&format!("/g/{slug}")).await;
            for (_, url) in internal {
                assert!(
                    page.text.contains(&format!("{url}/{slug}")),
                    "{slug}: {url} hidden from a member"
                );
            }
        }
    }
    // Editing links through the API changes only the links given: the
    // internal ones, which the API never shows, are not lost.
    let res = paule_api
        .patch(
            "/groups/cercle",
            &json!({"links": {"home": "https://nouveau.example.org", "meetings": null}}),
        )
        .await;
    assert_eq!(res.status, 200, "{}", res.text);
    assert_eq!(res.json()["links"]["home"], "https://nouveau.example.org");
    assert_eq!(
        res.json()["links"]["meetings"],
        format!("{}/g/cercle/meetings", app.base),
        "an emptied link falls back to the group's own page"
    );
    let page = app
        .logged_in("paule@coop.fr", PW)
        .await
        .get("/g/cercle")
        .await;
    for (_, url) in internal {
        assert!(
            page.text.contains(&format!("{url}/cercle")),
            "{url} was lost"
        );
    }
    // A hosted closed group's own member list is no public link either.
    let links = api.get("/groups/cercle").await.json()["links"].clone();
    assert_eq!(links.as_object().unwrap().len(), 8, "{links}");
    // An open group's links are all public.
    let links = api.get("/groups/ouvert").await.json()["links"].clone();
    for (service, url) in internal.iter().chain(&open_links) {
        assert_eq!(links[service], format!("{url}/ouvert"));
    }
    let csv = visitor.get("/groups.csv").await;
    assert!(csv
        .text
        .contains("https://admin.example.org/console/ouvert"));
}
