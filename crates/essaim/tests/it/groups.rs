//! Groups and the directory through HTTP, on both databases.

use crate::both;
use crate::support::{Backend, TestApp};

both!(propose_approve_join_and_see_the_space);

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
