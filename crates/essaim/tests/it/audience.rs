//! One rule for who sees a group's meetings, through every list: the SQL
//! condition the store makes from a viewer's `Sight` shows exactly the
//! meetings the domain's per-object rule (`meetings::may_see`) admits, for
//! every kind of viewer × listed or awaiting group × open or members-only
//! meeting, on both databases.

use std::collections::BTreeSet;

use essaim_domain::meetings::{self as rules, GroupAccess};
use essaim_store::meetings::MeetingQuery;

use crate::both;
use crate::meetings::local_in;
use crate::support::{Backend, TestApp};

both!(
    lists_show_what_the_per_object_rule_admits,
    helpers_see_an_awaiting_groups_open_meetings_on_its_calendar,
    the_database_refuses_codes_the_domain_does_not_know,
);

const PW: &str = "mot de passe long";

async fn make_helper(app: &TestApp, email: &str) {
    let user = app.store.user_by_email(email).await.unwrap().unwrap();
    app.store
        .db()
        .execute(
            essaim_store::q("UPDATE users SET is_helper = $1 WHERE id = $2")
                .bind(true)
                .bind(user.id),
        )
        .await
        .unwrap();
}

/// An instance with the listed group `listed` and the group `waiting`
/// (awaiting approval), both run by Fanny, each with an open and a
/// members-only meeting; Gus is a member of both, Paul their proposer
/// (without being a member), Hugo a helper, Nina nobody in particular.
async fn two_groups(app: &TestApp) {
    for (name, email) in [
        ("Admin", "admin@coop.fr"),
        ("Fanny", "fanny@coop.fr"),
        ("Gus", "gus@coop.fr"),
        ("Paul", "paul@coop.fr"),
        ("Hugo", "hugo@coop.fr"),
        ("Nina", "nina@coop.fr"),
    ] {
        app.user(name, email, PW).await;
    }
    make_helper(app, "hugo@coop.fr").await;
    let admin = app.logged_in("admin@coop.fr", PW).await;
    let fanny = app.logged_in("fanny@coop.fr", PW).await;
    for slug in ["listed", "waiting"] {
        let res = fanny
            .post_form("/groups/new", &crate::groups::card(slug, slug))
            .await;
        assert_eq!(res.status, 303, "{}", res.text);
    }
    admin
        .post_form("/admin/groups/listed/review", &[("decision", "approve")])
        .await;
    let paul = app
        .store
        .user_by_email("paul@coop.fr")
        .await
        .unwrap()
        .unwrap();
    let gus = app
        .store
        .user_by_email("gus@coop.fr")
        .await
        .unwrap()
        .unwrap();
    for slug in ["listed", "waiting"] {
        let group = app.store.group_by_slug(slug).await.unwrap().unwrap();
        assert_eq!(group.listed, slug == "listed");
        app.store
            .db()
            .execute(
                essaim_store::q("UPDATE groups SET proposed_by = $1 WHERE id = $2")
                    .bind(paul.id)
                    .bind(group.id),
            )
            .await
            .unwrap();
        // Gus joins through the store: a group awaiting approval is not
        // joinable from its page by people who do not see it.
        app.store.join_group(group.id, gus.id).await.unwrap();
        for (title, visibility) in [("Ouverte", "public"), ("Fermée", "members")] {
            let res = fanny
                .post_form(
                    &format!("/g/{slug}/meetings/new"),
                    &[
                        ("title", &format!("{title} {slug}")),
                        ("starts_at", &local_in(5, 18, 0)),
                        ("ends_at", &local_in(5, 20, 0)),
                        ("visibility", visibility),
                    ],
                )
                .await;
            assert_eq!(res.status, 303, "{}", res.text);
        }
    }
}

async fn lists_show_what_the_per_object_rule_admits(backend: Backend) {
    let app = TestApp::start(backend).await;
    two_groups(&app).await;
    let state = app.app_state().await;
    let all = app
        .store
        .meetings(&MeetingQuery {
            see: essaim_domain::audience::Sight {
                everything: true,
                ..Default::default()
            },
            limit: 100,
            ..MeetingQuery::default()
        })
        .await
        .unwrap();
    assert_eq!(all.len(), 4);
    let mut viewers = vec![None];
    for email in [
        "admin@coop.fr",
        "fanny@coop.fr",
        "gus@coop.fr",
        "paul@coop.fr",
        "hugo@coop.fr",
        "nina@coop.fr",
    ] {
        viewers.push(app.store.user_by_email(email).await.unwrap());
    }
    let mut seen_by_someone_only = 0;
    for user in viewers {
        let name = user
            .as_ref()
            .map_or("anonymous".to_string(), |u| u.name.clone());
        let actor = essaim_app::Actor::from_user(user.clone());
        let sight = essaim_app::audience::sight(&state.app, &actor)
            .await
            .unwrap();
        let listed: BTreeSet<i64> = app
            .store
            .meetings(&MeetingQuery {
                see: sight,
                limit: 100,
                ..MeetingQuery::default()
            })
            .await
            .unwrap()
            .into_iter()
            .map(|m| m.id)
            .collect();
        let mut admitted = BTreeSet::new();
        for m in &all {
            let group = app.store.group_by_id(m.group_id).await.unwrap().unwrap();
            let membership = match &user {
                Some(u) => app
                    .store
                    .membership(group.id, u.id)
                    .await
                    .unwrap()
                    .map(|row| row.rules()),
                None => None,
            };
            let access = GroupAccess {
                listed: group.listed,
                proposed_by: group.proposed_by,
                hosted: group.hosted,
            };
            if rules::may_see(&actor.viewer(), membership.as_ref(), access, m.visibility()) {
                admitted.insert(m.id);
            }
        }
        assert_eq!(listed, admitted, "{name}");
        if admitted.len() != 1 && admitted.len() != 4 {
            seen_by_someone_only += 1;
        }
    }
    // The viewers do not all see the same: the cases are really told apart.
    assert!(seen_by_someone_only >= 2);
}

/// The bug this rule's sharing fixes: a helper saw the date polls of a group
/// awaiting approval on its calendar page, but none of its meetings.
async fn helpers_see_an_awaiting_groups_open_meetings_on_its_calendar(backend: Backend) {
    let app = TestApp::start(backend).await;
    two_groups(&app).await;
    let hugo = app.logged_in("hugo@coop.fr", PW).await;
    let page = hugo.get("/g/waiting/meetings").await;
    assert_eq!(page.status, 200);
    assert!(page.text.contains("Ouverte waiting"), "{}", page.text);
    assert!(!page.text.contains("Fermée waiting"));
    let paul = app.logged_in("paul@coop.fr", PW).await;
    let page = paul.get("/g/waiting/meetings").await;
    assert_eq!(page.status, 200);
    assert!(page.text.contains("Ouverte waiting"));
    assert!(!page.text.contains("Fermée waiting"));
    let nina = app.logged_in("nina@coop.fr", PW).await;
    assert_eq!(nina.get("/g/waiting/meetings").await.status, 404);
}

/// Every stored code that decides access is checked by the database with
/// the domain's own list of values: each known value is taken, anything
/// else refused (so no unknown value ever reaches a reader, who would
/// refuse it too).
async fn the_database_refuses_codes_the_domain_does_not_know(backend: Backend) {
    use essaim_domain::activity::{Audience, EventKind};
    use essaim_domain::codes::StoredCode;
    use essaim_domain::discussions::{Outsiders, PostStatus, PostVia};
    use essaim_domain::groups::{GroupStatus, Joining};
    use essaim_domain::visibility::Visibility;
    use essaim_domain::wiki::{EditAccess, ReadAccess};

    fn codes<T: StoredCode>() -> Vec<&'static str> {
        T::all().iter().map(|v| v.stored()).collect()
    }
    let app = TestApp::start(backend).await;
    two_groups(&app).await;
    let fanny = app.logged_in("fanny@coop.fr", PW).await;
    let res = fanny
        .post_form(
            "/g/listed/wiki/notes/edit",
            &[
                ("title", "Notes"),
                ("markdown", "Des notes"),
                ("base_revision", "0"),
                ("action", "save"),
            ],
        )
        .await;
    assert_eq!(res.status, 303, "{}", res.text);
    let res = fanny
        .post_form(
            "/g/listed/discussions",
            &[("title", "Un sujet"), ("markdown", "Un message")],
        )
        .await;
    assert_eq!(res.status, 303, "{}", res.text);
    // A news item and a news-only subscriber, so their columns have a row.
    let listed = app.store.group_by_slug("listed").await.unwrap().unwrap();
    let fanny_id = app
        .store
        .user_by_email("fanny@coop.fr")
        .await
        .unwrap()
        .unwrap()
        .id;
    let draft = essaim_domain::news::NewsInput {
        title: "Une nouvelle".into(),
        body: "Du texte".into(),
        visibility: String::new(),
    }
    .validate()
    .unwrap();
    app.store
        .create_news(listed.id, (fanny_id, "Fanny"), &draft, None)
        .await
        .unwrap();
    app.store
        .subscribe_to_news(listed.id, "lea@ailleurs.fr", "fr")
        .await
        .unwrap();
    let langs: Vec<&str> = essaim_domain::i18n::Lang::ALL
        .iter()
        .map(|l| l.code())
        .collect();
    let res = fanny
        .post_form("/g/listed/projects/new", &[("title", "Un projet")])
        .await;
    assert_eq!(res.status, 303, "{}", res.text);
    let res = fanny
        .post_form(
            &format!("{}/news", res.location()),
            &[("markdown", "Des nouvelles")],
        )
        .await;
    assert_eq!(res.status, 303, "{}", res.text);
    // A resource whose row fills every kind's column, so each kind code
    // is one the row may take.
    let resource = essaim_domain::resources::ResourceForm {
        title: "Une ressource".into(),
        url: "https://exemple.org".into(),
        ..Default::default()
    }
    .validate()
    .unwrap();
    app.store
        .create_resource(
            listed.id,
            (fanny_id, "Fanny"),
            &resource,
            &essaim_store::resources::Source::Link("https://exemple.org".into()),
        )
        .await
        .unwrap();
    app.store
        .db()
        .execute(essaim_store::q(
            "UPDATE resources SET page_id = (SELECT MIN(id) FROM pages), stored_as = 'x'",
        ))
        .await
        .unwrap();
    // A usage, so its status has a row.
    app.store.set_usages_enabled(listed.id, true).await.unwrap();
    let usage = essaim_domain::usages::UsageInput {
        as_who: "membre".into(),
        want: "un agenda".into(),
        so_that: "venir".into(),
        ..Default::default()
    }
    .validate()
    .unwrap();
    app.store
        .create_usage(listed.id, (fanny_id, "Fanny"), &usage)
        .await
        .unwrap();
    // A newsletter with a part, a delivery and a schedule.
    let letter = app
        .store
        .save_newsletter_draft(
            &essaim_store::newsletter::Owner::Group(listed.id),
            0,
            1,
            &essaim_domain::newsletter::assemble(&Default::default()),
        )
        .await
        .unwrap();
    app.store
        .db()
        .execute(
            essaim_store::q("INSERT INTO newsletter_deliveries (newsletter_id, email, version, created_at) VALUES ($1, 'lea@ailleurs.fr', 'public', 1)")
                .bind(letter),
        )
        .await
        .unwrap();
    app.store
        .set_newsletter_schedule(listed.id, essaim_domain::newsletter::Schedule::Never)
        .await
        .unwrap();
    let columns: Vec<(&str, &str, Vec<&str>)> = vec![
        (
            "newsletters",
            "status",
            codes::<essaim_domain::newsletter::Status>(),
        ),
        (
            "newsletter_items",
            "kind",
            codes::<essaim_domain::newsletter::ItemKind>(),
        ),
        (
            "newsletter_items",
            "reach",
            codes::<essaim_domain::newsletter::Reach>(),
        ),
        (
            "newsletter_settings",
            "schedule",
            codes::<essaim_domain::newsletter::Schedule>(),
        ),
        (
            "newsletter_deliveries",
            "version",
            vec!["members", "public"],
        ),
        ("groups", "status", codes::<GroupStatus>()),
        ("groups", "joining", codes::<Joining>()),
        ("groups", "wiki_read", codes::<ReadAccess>()),
        ("groups", "wiki_edit", codes::<EditAccess>()),
        ("groups", "discussions_read", codes::<Visibility>()),
        ("groups", "discussions_outsiders", codes::<Outsiders>()),
        ("pages", "read_access", codes::<ReadAccess>()),
        ("pages", "edit_access", codes::<EditAccess>()),
        ("meetings", "visibility", codes::<Visibility>()),
        ("search_docs", "access", codes::<ReadAccess>()),
        ("posts", "status", codes::<PostStatus>()),
        ("posts", "via", codes::<PostVia>()),
        ("activity", "kind", codes::<EventKind>()),
        ("activity", "audience", codes::<Audience>()),
        (
            "projects",
            "status",
            codes::<essaim_domain::projects::ProjectStatus>(),
        ),
        ("projects", "visibility", codes::<Visibility>()),
        (
            "project_news",
            "via",
            codes::<essaim_domain::projects::NewsVia>(),
        ),
        ("news", "visibility", codes::<Visibility>()),
        ("news_subscribers", "lang", langs),
        (
            "resources",
            "category",
            codes::<essaim_domain::resources::Category>(),
        ),
        (
            "resources",
            "kind",
            codes::<essaim_domain::resources::ResourceKind>(),
        ),
        ("resources", "chosen_visibility", codes::<Visibility>()),
        ("resources", "visibility", codes::<Visibility>()),
        (
            "usages",
            "status",
            codes::<essaim_domain::usages::UsageStatus>(),
        ),
    ];
    for (table, column, known) in columns {
        let set = |value: &str| {
            essaim_store::q(format!("UPDATE {table} SET {column} = $1")).bind(value.to_string())
        };
        for code in &known {
            app.store
                .db()
                .execute(set(code))
                .await
                .unwrap_or_else(|e| panic!("{table}.{column} refuses {code}: {e}"));
        }
        for bad in ["", "open", "Members", "everyone "] {
            if known.contains(&bad) {
                continue;
            }
            assert!(
                app.store.db().execute(set(bad)).await.is_err(),
                "{table}.{column} takes {bad:?}"
            );
        }
    }
}
