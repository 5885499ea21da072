//! The usages board through HTTP, on both databases: switched on by a
//! facilitator (404 for others while off), usages added on the site and by
//! the API, a usage without its "so that" refused with nothing lost,
//! support toggled one per member, the ranking, a sprint planned and
//! reviewed into a wiki page, and a members-only wiki keeping the board
//! closed.

use essaim_domain::activity::{Audience, EventKind};
use serde_json::json;

use crate::both;
use crate::meetings::network;
use crate::support::openapi::Api;
use crate::support::{Browser, TestApp};

both!(
    the_board_is_switched_on_by_its_facilitators,
    usages_are_added_refused_supported_and_ranked,
    a_sprint_is_planned_and_reviewed_into_a_wiki_page,
    a_members_only_wiki_keeps_the_board_closed,
);

/// Switches the board of `jardins` on, as Fanny.
pub async fn switch_on(fanny: &Browser, slug: &str) {
    let res = fanny
        .post_form(&format!("/g/{slug}/usages/settings"), &[("enabled", "on")])
        .await;
    assert_eq!(res.status, 303, "{}", res.text);
}

/// Proposes a usage on the site; gives its id.
pub async fn propose(b: &Browser, slug: &str, fields: &[(&str, &str)]) -> i64 {
    let res = b.post_form(&format!("/g/{slug}/usages"), fields).await;
    assert_eq!(res.status, 303, "{}", res.text);
    let location = res.location();
    location
        .rsplit("#usage-")
        .next()
        .and_then(|id| id.parse().ok())
        .unwrap_or_else(|| panic!("no usage id in {location}"))
}

async fn usage_count(app: &TestApp) -> i64 {
    #[derive(sqlx::FromRow)]
    struct N {
        n: i64,
    }
    let row: N = app
        .store
        .db()
        .one(essaim_store::q("SELECT COUNT(*) AS n FROM usages"))
        .await
        .unwrap();
    row.n
}

async fn events(app: &TestApp, kind: EventKind) -> Vec<essaim_store::activity::Event> {
    let group = app.store.group_by_slug("jardins").await.unwrap().unwrap();
    app.store
        .activity_between(group.id, 0, i64::MAX)
        .await
        .unwrap()
        .into_iter()
        .filter(|e| e.kind == kind)
        .collect()
}

async fn token_api(app: &TestApp, email: &str) -> Api {
    let user = app.store.user_by_email(email).await.unwrap().unwrap();
    let (_, secret) = app.store.create_api_token(user.id, "t").await.unwrap();
    Api::new(&app.base, Some(&secret))
}

async fn the_board_is_switched_on_by_its_facilitators(backend: crate::support::Backend) {
    let app = TestApp::start(backend).await;
    let (fanny, gus, nina) = network(&app).await;
    let anonymous = app.browser();

    // Off: a facilitator is told how to switch it on; nobody else hears of it.
    let page = fanny.get("/g/jardins/usages").await;
    assert_eq!(page.status, 200, "{}", page.text);
    assert!(page.text.contains("Le tableau des usages n'est pas activé"));
    assert!(page.text.contains("Activer le tableau des usages"));
    for b in [&gus, &nina, &anonymous] {
        assert_eq!(b.get("/g/jardins/usages").await.status, 404);
    }
    assert_eq!(
        Api::new(&app.base, None)
            .get("/groups/jardins/usages")
            .await
            .status,
        404
    );
    let res = gus
        .post_form("/g/jardins/usages/settings", &[("enabled", "on")])
        .await;
    assert_eq!(res.status, 404, "{}", res.text);
    let res = gus
        .post_form(
            "/g/jardins/usages",
            &[("as_who", "a"), ("want", "b"), ("so_that", "c")],
        )
        .await;
    assert_eq!(res.status, 404);
    assert!(!anonymous
        .get("/g/jardins")
        .await
        .text
        .contains("/g/jardins/usages"));

    // On: everyone who reads the wiki sees it, linked from the group page.
    switch_on(&fanny, "jardins").await;
    let page = gus.get("/g/jardins/usages").await;
    assert_eq!(page.status, 200, "{}", page.text);
    assert!(page.text.contains("Proposer un usage"));
    assert!(!page.text.contains("Désactiver le tableau"));
    let page = anonymous.get("/g/jardins/usages").await;
    assert_eq!(page.status, 200);
    assert!(!page.text.contains("Proposer cet usage"));
    assert!(anonymous
        .get("/g/jardins")
        .await
        .text
        .contains("href=\"/g/jardins/usages\""));
    // A member may not switch it off.
    let res = gus
        .post_form("/g/jardins/usages/settings", &[("enabled", "off")])
        .await;
    assert_eq!(res.status, 403, "{}", res.text);

    // Off again: usages are kept, the board is hidden again.
    let id = propose(
        &gus,
        "jardins",
        &[
            ("as_who", "jardinier"),
            ("want", "un agenda"),
            ("so_that", "venir"),
        ],
    )
    .await;
    let res = fanny
        .post_form("/g/jardins/usages/settings", &[("enabled", "off")])
        .await;
    assert_eq!(res.status, 303, "{}", res.text);
    assert_eq!(gus.get("/g/jardins/usages").await.status, 404);
    assert_eq!(
        gus.get(&format!("/g/jardins/usages/{id}")).await.status,
        404
    );
    assert_eq!(usage_count(&app).await, 1);
}

async fn usages_are_added_refused_supported_and_ranked(backend: crate::support::Backend) {
    let app = TestApp::start(backend).await;
    let (fanny, gus, nina) = network(&app).await;
    switch_on(&fanny, "jardins").await;

    // No "so that": a translated message, nothing saved, the form refilled.
    let res = gus
        .post_form(
            "/g/jardins/usages",
            &[
                ("as_who", "trésorière d'une association"),
                ("want", "voir les cotisations en ligne"),
                ("so_that", "   "),
                ("cost", "2"),
                ("impact", "3"),
            ],
        )
        .await;
    assert_eq!(res.status, 422, "{}", res.text);
    assert!(
        res.text
            .contains("Dites pourquoi (« Afin que… ») : c'est ce qui aide le groupe à choisir."),
        "{}",
        res.text
    );
    assert!(res.text.contains("value=\"trésorière d'une association\""));
    assert!(res
        .text
        .contains(">voir les cotisations en ligne</textarea>"));
    assert!(res.text.contains("<option value=\"3\" selected>"));
    assert_eq!(usage_count(&app).await, 0);
    assert!(events(&app, EventKind::UsageProposed).await.is_empty());
    // An estimate out of range is refused too.
    let res = gus
        .post_form(
            "/g/jardins/usages",
            &[
                ("as_who", "a"),
                ("want", "b"),
                ("so_that", "c"),
                ("cost", "4"),
            ],
        )
        .await;
    assert_eq!(res.status, 422);
    assert!(res.text.contains("Choisissez 1, 2 ou 3"));
    assert_eq!(usage_count(&app).await, 0);

    // Only members add.
    let fields = [("as_who", "x"), ("want", "y"), ("so_that", "z")];
    assert_eq!(
        nina.post_form("/g/jardins/usages", &fields).await.status,
        403
    );
    assert_eq!(
        app.browser()
            .post_form("/g/jardins/usages", &fields)
            .await
            .status,
        401
    );

    // Five usages: by the site and by the API.
    let costly = propose(
        &gus,
        "jardins",
        &[
            ("as_who", "membre"),
            ("want", "Usage Couteux"),
            ("so_that", "a"),
            ("cost", "3"),
            ("impact", "1"),
        ],
    )
    .await;
    let cheap_old = propose(
        &gus,
        "jardins",
        &[
            ("as_who", "membre"),
            ("want", "Usage Ancien"),
            ("so_that", "b"),
            ("cost", "1"),
            ("impact", "3"),
        ],
    )
    .await;
    let middle = propose(
        &fanny,
        "jardins",
        &[
            ("as_who", "animatrice"),
            ("want", "Usage Moyen"),
            ("so_that", "c"),
            ("cost", "2"),
            ("impact", "2"),
        ],
    )
    .await;
    let gus_api = token_api(&app, "gus@coop.fr").await;
    let fanny_api = token_api(&app, "fanny@coop.fr").await;
    let nina_api = token_api(&app, "nina@coop.fr").await;
    let nobody = Api::new(&app.base, None);
    let later = json!({"as_who": "membre", "want": "Usage Flou", "so_that": "d"});
    assert_eq!(
        nobody.post("/groups/jardins/usages", &later).await.status,
        401
    );
    assert_eq!(
        nina_api.post("/groups/jardins/usages", &later).await.status,
        403
    );
    for bad in [
        json!({"as_who": "m", "want": "w", "so_that": " "}),
        json!({"as_who": "m", "want": "w"}),
        json!({"as_who": "m", "want": "w", "so_that": "s", "cost": 0}),
        json!({"as_who": "m", "want": "w", "so_that": "s", "extra": 1}),
    ] {
        let res = gus_api.post("/groups/jardins/usages", &bad).await;
        assert_eq!(res.status, 422, "{bad}: {}", res.text);
    }
    assert_eq!(usage_count(&app).await, 3);
    let res = gus_api.post("/groups/jardins/usages", &later).await;
    assert_eq!(res.status, 201, "{}", res.text);
    let unestimated = res.json()["id"].as_i64().unwrap();
    assert_eq!(res.json()["cost"], serde_json::Value::Null);
    let res = fanny_api
        .post(
            "/groups/jardins/usages",
            &json!({"as_who": "membre", "want": "Usage Recent", "so_that": "e", "cost": 1, "impact": 3}),
        )
        .await;
    assert_eq!(res.status, 201, "{}", res.text);
    let cheap_new = res.json()["id"].as_i64().unwrap();
    assert_eq!(events(&app, EventKind::UsageProposed).await.len(), 5);

    // Support: one per member, a second click takes it back.
    let support = |b: &Browser, id: i64| {
        let b = b.clone();
        async move {
            let res = b
                .post_form(&format!("/g/jardins/usages/{id}/support"), &[])
                .await;
            assert_eq!(res.status, 303, "{}", res.text);
        }
    };
    support(&gus, cheap_new).await;
    support(&gus, cheap_new).await;
    support(&gus, cheap_new).await;
    let page = gus.get(&format!("/g/jardins/usages/{cheap_new}")).await;
    assert!(page.text.contains("1 soutien"), "{}", page.text);
    assert!(page.text.contains("Retirer mon soutien"));
    let res = fanny_api
        .post(&format!("/usages/{cheap_new}/support"), &json!({}))
        .await;
    assert_eq!(res.status, 200, "{}", res.text);
    assert_eq!(res.json()["supported"], true);
    assert_eq!(res.json()["supporters"], 2);
    let res = fanny_api
        .post(&format!("/usages/{cheap_new}/support"), &json!({}))
        .await;
    assert_eq!(res.json()["supported"], false);
    assert_eq!(res.json()["supporters"], 1);
    assert_eq!(
        nina_api
            .post(&format!("/usages/{cheap_new}/support"), &json!({}))
            .await
            .status,
        403
    );
    let res = nina
        .post_form(&format!("/g/jardins/usages/{cheap_new}/support"), &[])
        .await;
    assert_eq!(res.status, 403);

    // The ranking: impact for the cost, then supporters, then oldest; the
    // ones to estimate after.
    let res = nobody.get("/groups/jardins/usages").await;
    assert_eq!(res.status, 200, "{}", res.text);
    let ids: Vec<i64> = res.json()["usages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["id"].as_i64().unwrap())
        .collect();
    assert_eq!(ids, [cheap_new, cheap_old, middle, costly, unestimated]);
    let board = nina.get("/g/jardins/usages").await;
    assert_eq!(board.status, 200);
    let at = |word: &str| board.text.find(word).unwrap_or_else(|| panic!("{word}"));
    assert!(at("Usage Recent") < at("Usage Ancien"));
    assert!(at("Usage Ancien") < at("Usage Moyen"));
    assert!(at("Usage Moyen") < at("Usage Couteux"));
    assert!(at("Usage Couteux") < at("À estimer"));
    assert!(at("À estimer") < at("Usage Flou"));
    let res = nobody.get(&format!("/usages/{middle}")).await;
    assert_eq!(res.status, 200);
    assert_eq!(res.json()["want"], "Usage Moyen");
    assert_eq!(nobody.get("/usages/999999").await.status, 404);

    // Estimates are the facilitators': a member may not; a bad one changes
    // nothing; a good one moves the usage up.
    let path = format!("/g/jardins/usages/{unestimated}");
    let estimate = [("cost", "1"), ("impact", "3"), ("status", "proposed")];
    assert_eq!(gus.post_form(&path, &estimate).await.status, 403);
    let res = fanny
        .post_form(
            &path,
            &[("cost", "9"), ("impact", "3"), ("status", "proposed")],
        )
        .await;
    assert_eq!(res.status, 422, "{}", res.text);
    assert!(res.text.contains("Choisissez 1, 2 ou 3"));
    // "Done" comes from a sprint's review, not from this form.
    let res = fanny
        .post_form(&path, &[("cost", "1"), ("impact", "3"), ("status", "done")])
        .await;
    assert_eq!(res.status, 422, "{}", res.text);
    assert!(res.text.contains("Choisissez une des propositions."));
    let res = fanny.post_form(&path, &estimate).await;
    assert_eq!(res.status, 303, "{}", res.text);
    let res = nobody.get("/groups/jardins/usages").await;
    let ids: Vec<i64> = res.json()["usages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["id"].as_i64().unwrap())
        .collect();
    assert_eq!(ids, [cheap_new, cheap_old, unestimated, middle, costly]);
}

async fn a_sprint_is_planned_and_reviewed_into_a_wiki_page(backend: crate::support::Backend) {
    let app = TestApp::start(backend).await;
    let (fanny, gus, _nina) = network(&app).await;
    switch_on(&fanny, "jardins").await;
    let agenda = propose(
        &gus,
        "jardins",
        &[
            ("as_who", "jardinier"),
            ("want", "un agenda partagé"),
            ("so_that", "nous venions aux mêmes heures"),
            ("cost", "1"),
            ("impact", "3"),
        ],
    )
    .await;
    let forum = propose(
        &gus,
        "jardins",
        &[
            ("as_who", "membre"),
            ("want", "un forum libre"),
            ("so_that", "les échanges restent chez nous"),
        ],
    )
    .await;

    // Only facilitators open a sprint; the end is a month later by default.
    let fields = [
        ("starts_on", "2026-12-07"),
        ("ends_on", ""),
        ("usage", &agenda.to_string()[..]),
        ("usage", &forum.to_string()[..]),
    ];
    assert_eq!(
        gus.post_form("/g/jardins/usages/sprints", &fields)
            .await
            .status,
        403
    );
    let res = fanny
        .post_form(
            "/g/jardins/usages/sprints",
            &[("starts_on", "2026-12-07"), ("ends_on", "2026-12-01")],
        )
        .await;
    assert_eq!(res.status, 422, "{}", res.text);
    assert!(res
        .text
        .contains("Le jour du bilan doit venir après le premier jour"));
    assert!(res.text.contains("value=\"2026-12-01\""));
    let res = fanny.post_form("/g/jardins/usages/sprints", &fields).await;
    assert_eq!(res.status, 303, "{}", res.text);
    let sprint_path = res.location();
    assert!(sprint_path.starts_with("/g/jardins/usages/sprints/"));
    let page = gus.get(&sprint_path).await;
    assert_eq!(page.status, 200, "{}", page.text);
    assert!(page.text.contains("Du 7 décembre 2026 au 7 janvier 2027"));
    assert!(page.text.contains("un agenda partagé"));
    assert!(page.text.contains("un forum libre"));
    assert!(!page.text.contains("Enregistrer le bilan"));
    for id in [agenda, forum] {
        let u = app.store.usage(id).await.unwrap().unwrap();
        assert_eq!(u.status.code(), "planned");
    }
    assert_eq!(events(&app, EventKind::SprintPlanned).await.len(), 1);

    // A review that leaves a usage unanswered changes nothing and keeps
    // what was typed.
    let review = format!("{sprint_path}/review");
    let learned = "Les outils libres demandent du temps.";
    let res = fanny
        .post_form(
            &review,
            &[
                (&format!("outcome_{agenda}")[..], "done"),
                ("learned", learned),
            ],
        )
        .await;
    assert_eq!(res.status, 422, "{}", res.text);
    assert!(res
        .text
        .contains("Dites pour chaque usage s'il est fait ou pas."));
    assert!(res.text.contains(learned));
    assert!(res.text.contains("value=\"done\" checked"));
    let sprint_id: i64 = sprint_path.rsplit('/').next().unwrap().parse().unwrap();
    let sprint = app.store.sprint(sprint_id).await.unwrap().unwrap();
    assert!(sprint.review_page.is_none());
    assert_eq!(
        app.store
            .usage(agenda)
            .await
            .unwrap()
            .unwrap()
            .status
            .code(),
        "planned"
    );

    // Members do not review.
    let answers = [
        (&format!("outcome_{agenda}")[..], "done"),
        (&format!("outcome_{forum}")[..], "not_done"),
        ("learned", learned),
    ];
    assert_eq!(gus.post_form(&review, &answers).await.status, 403);

    // The review: statuses, a wiki page with its revision, its events.
    let res = fanny.post_form(&review, &answers).await;
    assert_eq!(res.status, 303, "{}", res.text);
    assert_eq!(
        app.store
            .usage(agenda)
            .await
            .unwrap()
            .unwrap()
            .status
            .code(),
        "done"
    );
    assert_eq!(
        app.store.usage(forum).await.unwrap().unwrap().status.code(),
        "not_done"
    );
    let sprint = app.store.sprint(sprint_id).await.unwrap().unwrap();
    let slug = sprint.review_page.clone().expect("a review page");
    assert_eq!(slug, "bilan-des-usages-du-2026-12-07");
    let group = app.store.group_by_slug("jardins").await.unwrap().unwrap();
    let page = app
        .store
        .wiki_page(Some(group.id), &slug)
        .await
        .unwrap()
        .expect("the page");
    assert_eq!(page.revision, 1);
    assert_eq!(
        page.markdown,
        "Mois de travail du 7 décembre 2026 au 7 janvier 2027.\n\
         \n## Fait\n\n\
         - En tant que jardinier, je souhaite un agenda partagé afin que nous venions aux mêmes heures\n\
         \n## Pas fait\n\n\
         - En tant que membre, je souhaite un forum libre afin que les échanges restent chez nous\n\
         \n## Ce que nous avons appris\n\n\
         Les outils libres demandent du temps.\n"
    );
    let sprint_page = gus.get(&sprint_path).await;
    assert!(sprint_page
        .text
        .contains(&format!("href=\"/g/jardins/wiki/{slug}\"")));
    let wiki = gus.get(&format!("/g/jardins/wiki/{slug}")).await;
    assert_eq!(wiki.status, 200);
    assert!(wiki.text.contains("Les outils libres demandent du temps."));
    let found = gus.get("/g/jardins/search?q=libres").await;
    assert!(
        found.text.contains(&format!("/g/jardins/wiki/{slug}")),
        "{}",
        found.text
    );
    let saved = events(&app, EventKind::PageSaved).await;
    assert!(saved.iter().any(|e| e.object_id == Some(page.id)));
    let reviewed = events(&app, EventKind::SprintReviewed).await;
    assert_eq!(reviewed.len(), 1);
    assert_eq!(reviewed[0].url, sprint_path);

    // A second review saves the same page again (a new revision), and the
    // plan no longer changes.
    let res = fanny
        .post_form(
            &review,
            &[
                (&format!("outcome_{agenda}")[..], "done"),
                (&format!("outcome_{forum}")[..], "done"),
                ("learned", "Finalement tout est fait."),
            ],
        )
        .await;
    assert_eq!(res.status, 303, "{}", res.text);
    let page = app
        .store
        .wiki_page(Some(group.id), &slug)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(page.revision, 2);
    assert!(page.markdown.contains("## Pas fait\n\nRien.\n"));
    let res = fanny
        .post_form(
            &format!("{sprint_path}/plan"),
            &[("usage", &agenda.to_string()[..])],
        )
        .await;
    assert_eq!(res.status, 422, "{}", res.text);
}

async fn a_members_only_wiki_keeps_the_board_closed(backend: crate::support::Backend) {
    let app = TestApp::start(backend).await;
    let (fanny, gus, nina) = network(&app).await;
    switch_on(&fanny, "jardins").await;
    let id = propose(
        &gus,
        "jardins",
        &[
            ("as_who", "membre"),
            ("want", "Usage Secret"),
            ("so_that", "x"),
        ],
    )
    .await;
    assert_eq!(
        events(&app, EventKind::UsageProposed).await[0].audience,
        Audience::Public
    );
    let res = fanny
        .post_form(
            "/g/jardins/wiki-settings",
            &[("read", "members"), ("edit", "members")],
        )
        .await;
    assert_eq!(res.status, 303, "{}", res.text);

    let anonymous = app.browser();
    let nobody = Api::new(&app.base, None);
    let nina_api = token_api(&app, "nina@coop.fr").await;
    let gus_api = token_api(&app, "gus@coop.fr").await;
    for b in [&anonymous, &nina] {
        assert_eq!(b.get("/g/jardins/usages").await.status, 404);
        assert_eq!(b.get(&format!("/g/jardins/usages/{id}")).await.status, 404);
        assert!(!b.get("/g/jardins").await.text.contains("/g/jardins/usages"));
    }
    for api in [&nobody, &nina_api] {
        assert_eq!(api.get("/groups/jardins/usages").await.status, 404);
        assert_eq!(api.get(&format!("/usages/{id}")).await.status, 404);
    }
    assert_eq!(
        nina_api
            .post(&format!("/usages/{id}/support"), &json!({}))
            .await
            .status,
        404
    );
    let page = gus.get("/g/jardins/usages").await;
    assert_eq!(page.status, 200);
    assert!(page.text.contains("Usage Secret"));
    let res = gus_api.get("/groups/jardins/usages").await;
    assert_eq!(res.status, 200);
    assert_eq!(res.json()["usages"][0]["want"], "Usage Secret");
    // The log follows the wiki: the event is the members' now.
    assert_eq!(
        events(&app, EventKind::UsageProposed).await[0].audience,
        Audience::Members
    );
}
