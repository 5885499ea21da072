//! One way in: data made through the application and the generated large
//! network (`essaim demo --scale`, written by the store) keep the same
//! invariants (`essaim_store::invariants`), and the check sees a broken one.

use essaim_store::invariants;
use essaim_store::q;
use essaim_store::scale::Scale;

use crate::both;
use crate::meetings::local_in;
use crate::support::{Backend, TestApp};

both!(
    data_made_through_the_application_keeps_the_invariants,
    a_generated_network_keeps_the_same_invariants,
    the_invariants_see_a_broken_row,
);

const PW: &str = "mot de passe long";

/// A small generated network: every kind of row, quickly.
const SMALL: Scale = Scale {
    groups: 20,
    members: 500,
    pages: 200,
    meetings: 30,
    projects: 60,
};

async fn violations(app: &TestApp) -> Vec<String> {
    invariants::check(&app.store)
        .await
        .expect("invariants read")
}

async fn data_made_through_the_application_keeps_the_invariants(backend: Backend) {
    let app = TestApp::start(backend).await;
    assert_eq!(violations(&app).await, Vec::<String>::new(), "empty");

    // The written demo network: groups, members and roles, pages,
    // discussions, meetings, a series, a poll and minutes.
    essaim::demo::seed(&app.store).await.expect("demo");

    // And what people do on the web: propose a group (approved), another
    // (waiting), join, write a page, open a topic, schedule meetings.
    app.user("Fanny", "fanny@coop.fr", PW).await;
    app.user("Gus", "gus@coop.fr", PW).await;
    // The demo's administrator.
    let admin = app
        .logged_in("camille@demo.essaim.test", essaim::demo::DEMO_PASSWORD)
        .await;
    let fanny = app.logged_in("fanny@coop.fr", PW).await;
    let gus = app.logged_in("gus@coop.fr", PW).await;
    for slug in ["jardins-tests", "attente-tests"] {
        let res = fanny
            .post_form("/groups/new", &crate::groups::card(slug, slug))
            .await;
        assert_eq!(res.status, 303, "{}", res.text);
    }
    admin
        .post_form(
            "/admin/groups/jardins-tests/review",
            &[("decision", "approve")],
        )
        .await;
    let joined = gus.post_form("/g/jardins-tests/join", &[]).await;
    assert_eq!(joined.status, 303, "{}", joined.text);
    let res = gus
        .post_form(
            "/g/jardins-tests/wiki/notes/edit",
            &[
                ("title", "Notes"),
                ("markdown", "Des notes sur le **compost**."),
                ("base_revision", "0"),
                ("action", "save"),
            ],
        )
        .await;
    assert_eq!(res.status, 303, "{}", res.text);
    crate::discussions::open_topic(&gus, "jardins-tests", "Semis", "Qui a des graines ?").await;
    for (slug, visibility) in [("jardins-tests", "public"), ("attente-tests", "members")] {
        let res = fanny
            .post_form(
                &format!("/g/{slug}/meetings/new"),
                &[
                    ("title", "Réunion"),
                    ("starts_at", &local_in(5, 18, 0)),
                    ("ends_at", &local_in(5, 20, 0)),
                    ("visibility", visibility),
                ],
            )
            .await;
        assert_eq!(res.status, 303, "{}", res.text);
    }
    app.run_jobs().await;
    assert_eq!(violations(&app).await, Vec::<String>::new());
}

/// The group addresses, in order, of the network in `app`'s database.
async fn slugs(app: &TestApp) -> Vec<String> {
    let rows: Vec<(String,)> = app
        .store
        .db()
        .all(q("SELECT slug FROM groups ORDER BY id"))
        .await
        .unwrap();
    rows.into_iter().map(|(s,)| s).collect()
}

async fn a_generated_network_keeps_the_same_invariants(backend: Backend) {
    let app = TestApp::start(backend.clone()).await;
    let (report, _) = essaim::demo::generate(&app.store, SMALL)
        .await
        .expect("generated");
    assert!(report.generated);
    assert_eq!(report.groups, 20);
    // The generated members and the demo people.
    assert!(report.people > 500, "{report:?}");
    assert!(report.memberships > 500, "{report:?}");
    let (pages,): (i64,) = app
        .store
        .db()
        .one(q("SELECT COUNT(*) FROM pages WHERE slug LIKE 'page-%'"))
        .await
        .unwrap();
    assert_eq!(pages, 199, "the first of the 200 is the long page");
    let (meetings,): (i64,) = app
        .store
        .db()
        .one(q("SELECT COUNT(*) FROM meetings"))
        .await
        .unwrap();
    assert!(meetings >= 30, "{meetings} meetings");
    assert_eq!(violations(&app).await, Vec::<String>::new());

    // Once: a second run finds it there and writes nothing.
    let (again, _) = essaim::demo::generate(&app.store, SMALL).await.unwrap();
    assert!(!again.generated);
    assert_eq!(
        again,
        essaim_store::scale::Report {
            generated: false,
            ..report
        }
    );

    // The same network on every run.
    let other = TestApp::start(backend).await;
    essaim::demo::generate(&other.store, SMALL).await.unwrap();
    assert_eq!(slugs(&app).await, slugs(&other).await);

    // What the generated data is used for works on it.
    let directory = app.browser().get("/groups").await;
    assert_eq!(directory.status, 200);
}

async fn the_invariants_see_a_broken_row(backend: Backend) {
    let app = TestApp::start(backend).await;
    essaim::demo::generate(&app.store, SMALL).await.unwrap();
    assert_eq!(violations(&app).await, Vec::<String>::new());
    let db = app.store.db();
    let (group,): (i64,) = db
        .one(q("SELECT MIN(id) FROM groups WHERE hosted"))
        .await
        .unwrap();
    // A referenced group: no page or meeting has its address.
    let (referenced,): (i64,) = db
        .one(q("SELECT MIN(id) FROM groups WHERE NOT hosted"))
        .await
        .unwrap();
    let (page,): (i64,) = db.one(q("SELECT MIN(id) FROM pages")).await.unwrap();
    let (meeting,): (i64,) = db.one(q("SELECT MIN(id) FROM meetings")).await.unwrap();
    for broken in [
        q("UPDATE groups SET member_count = member_count + 1 WHERE id = $1").bind(group),
        q("DELETE FROM search_docs WHERE kind = 'page' AND ref_id = $1").bind(page),
        q("UPDATE meetings SET ends_at = starts_at WHERE id = $1").bind(meeting),
        q("UPDATE groups SET slug = 'Pas Une Adresse' WHERE id = $1").bind(referenced),
        q("DELETE FROM membership_roles WHERE group_id = $1 AND role = 'facilitator'").bind(group),
    ] {
        db.execute(broken).await.unwrap();
    }
    let mut found = violations(&app).await;
    // SQLite's full-text row of the removed document is left behind too.
    if app.store.backend() == essaim_store::Backend::Sqlite {
        let orphan = "full-text row of no search document: ";
        assert!(found.iter().any(|f| f.starts_with(orphan)), "{found:#?}");
        found.retain(|f| !f.starts_with(orphan));
    }
    for what in [
        format!("hosted group's member count is not its members: {group} counts"),
        format!("page without its search document: {page}"),
        format!("meeting that does not end after it starts: {meeting}"),
        format!("group slug not a valid short address: {referenced} \"Pas Une Adresse\""),
        format!("hosted group with members and no facilitator: {group}"),
    ] {
        assert!(
            found.iter().any(|f| f.starts_with(&what)),
            "{what} not in {found:#?}"
        );
    }
    assert_eq!(found.len(), 5, "{found:#?}");
}
