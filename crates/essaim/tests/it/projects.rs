//! Projects: started by members, changed by their holders, listed in the
//! catalogue when open to contributors, « Je veux aider », the follow-up
//! board's order and reviews, asking a holder for news by email and the
//! holder's reply (through the SMTP listener) becoming the project's news.

use essaim_domain::activity::EventKind;
use essaim_domain::projects::NewsVia;

use crate::both;
use crate::discussions_mail::{raw_mail, through_listener};
use crate::meetings::network;
use crate::support::openapi::Api;
use crate::support::{Backend, Options, TestApp};
use serde_json::json;

both!(
    projects_are_started_listed_and_helped,
    the_follow_up_board_asks_and_the_reply_becomes_news,
    the_api_lists_starts_and_takes_news
);

fn form<'a>(title: &'a str, extra: &[(&'a str, &'a str)]) -> Vec<(&'a str, &'a str)> {
    let mut fields = vec![
        ("title", title),
        ("summary", "Échanger des graines entre voisins"),
        ("status", "active"),
        ("next_step", "Trouver une boîte"),
        ("keywords", "Semences, jardin"),
    ];
    fields.extend_from_slice(extra);
    fields
}

async fn user_id(app: &TestApp, email: &str) -> String {
    app.store
        .user_by_email(email)
        .await
        .unwrap()
        .unwrap()
        .id
        .to_string()
}

async fn projects_are_started_listed_and_helped(backend: Backend) {
    let app = TestApp::start(backend).await;
    let (fanny, gus, nina) = network(&app).await;
    let nina_id = user_id(&app, "nina@coop.fr").await;

    // Bad input: no title, a holder who is not a member, an unknown status;
    // nothing is created and what was typed comes back.
    let res = gus
        .post_form(
            "/g/jardins/projects/new",
            &[
                ("title", ""),
                ("summary", "Mon texte gardé"),
                ("status", "fini"),
                ("holder", &nina_id),
            ],
        )
        .await;
    assert_eq!(res.status, 422, "{}", res.text);
    assert!(res.text.contains("Donnez un nom au projet"));
    assert!(res
        .text
        .contains("Seuls les membres du groupe peuvent porter un projet"));
    assert!(res.text.contains("Mon texte gardé"));
    let group = app.store.group_by_slug("jardins").await.unwrap().unwrap();
    let sight = essaim_domain::audience::Sight {
        everything: true,
        ..Default::default()
    };
    assert!(app
        .store
        .group_projects(group.id, &sight)
        .await
        .unwrap()
        .is_empty());
    // Someone outside the group starts nothing.
    let res = nina
        .post_form("/g/jardins/projects/new", &form("Intrus", &[]))
        .await;
    assert_eq!(res.status, 403, "{}", res.text);

    // Gus starts an open project (he holds it); Fanny a members-only one.
    let res = gus
        .post_form(
            "/g/jardins/projects/new",
            &form("Grainothèque", &[("open", "on")]),
        )
        .await;
    assert_eq!(res.status, 303, "{}", res.text);
    let seeds = res.location();
    let res = fanny
        .post_form(
            "/g/jardins/projects/new",
            &form(
                "Budget secret",
                &[("visibility", "members"), ("open", "on")],
            ),
        )
        .await;
    assert_eq!(res.status, 303, "{}", res.text);
    let secret = res.location();
    let page = gus.get(&seeds).await;
    assert!(page.text.contains("Grainothèque") && page.text.contains("Porté par"));
    assert!(page.text.contains("Gus"));

    // The catalogue: open projects of every group, filtered; members-only
    // ones for members only, and never in the feed.
    let anonymous = app.browser();
    let listing = anonymous.get("/projects").await;
    assert_eq!(listing.status, 200);
    assert!(listing.text.contains("Grainothèque"));
    assert!(!listing.text.contains("Budget secret"));
    assert!(gus.get("/projects").await.text.contains("Budget secret"));
    assert!(anonymous
        .get("/projects?keyword=Semences")
        .await
        .text
        .contains("Grainothèque"));
    assert!(!anonymous
        .get("/projects?keyword=velo")
        .await
        .text
        .contains("Grainothèque"));
    assert!(anonymous
        .get("/projects?region=Auvergne-Rh%C3%B4ne-Alpes&group=jardins")
        .await
        .text
        .contains("Grainothèque"));
    assert!(!anonymous
        .get("/projects?group=ailleurs")
        .await
        .text
        .contains("Grainothèque"));
    assert_eq!(anonymous.get("/projects?keyword=a%2Fb").await.status, 200);
    let feed = anonymous.get("/projects.atom").await;
    assert!(feed.text.contains("Grainothèque") && !feed.text.contains("Budget secret"));
    assert_eq!(anonymous.get(&secret).await.status, 404);
    assert_eq!(nina.get(&secret).await.status, 404);
    assert_eq!(gus.get(&secret).await.status, 200);
    // The card's links point at the group's own pages.
    let card = anonymous.get("/g/jardins").await.text;
    assert!(card.contains("Ce qui s'est passé"));

    // « Je veux aider »: Nina (of no group) offers; Gus is told, once.
    let res = nina.post_form(&format!("{seeds}/help"), &[]).await;
    assert_eq!(res.status, 303, "{}", res.text);
    let res = nina.post_form(&format!("{seeds}/help"), &[]).await;
    assert_eq!(res.status, 303, "{}", res.text);
    let told = app
        .outbox()
        .await
        .into_iter()
        .filter(|m| m.to_addr == "gus@coop.fr" && m.kind == "project-help")
        .count();
    assert_eq!(told, 1);
    let mail = app.last_email_to("gus@coop.fr").await;
    assert!(mail.text_body.contains("Nina") && mail.text_body.contains("nina@coop.fr"));
    assert!(nina.get(&seeds).await.text.contains("Merci !"));

    // Holders post news; others may not; an empty text is refused, kept.
    let res = gus
        .post_form(&format!("{seeds}/news"), &[("markdown", "  ")])
        .await;
    assert_eq!(res.status, 422);
    assert!(res.text.contains("Écrivez quelques mots"));
    let res = nina
        .post_form(&format!("{seeds}/news"), &[("markdown", "Coucou")])
        .await;
    assert_eq!(res.status, 403);
    let res = gus
        .post_form(
            &format!("{seeds}/news"),
            &[("markdown", "La boîte est **installée** à la mairie.")],
        )
        .await;
    assert_eq!(res.status, 303, "{}", res.text);
    assert!(gus
        .get(&seeds)
        .await
        .text
        .contains("<strong>installée</strong>"));
    // Nina, who offered to help, gets the news.
    app.run_jobs().await;
    let news = app.last_email_to("nina@coop.fr").await;
    assert_eq!(news.kind, "project-news");
    assert!(news.text_body.contains("installée"));

    // Changing the project: its holder may, another member may not.
    let mut edited = form("Grainothèque du quartier", &[("open", "on")]);
    let gus_id = user_id(&app, "gus@coop.fr").await;
    edited.push(("holder", &gus_id));
    let res = gus.post_form(&format!("{seeds}/edit"), &edited).await;
    assert_eq!(res.status, 303, "{}", res.text);
    assert!(anonymous
        .get("/projects")
        .await
        .text
        .contains("Grainothèque du quartier"));
    let id: i64 = seeds.rsplit('/').next().unwrap().parse().unwrap();
    let project = app.store.project(id).await.unwrap().unwrap();
    assert_eq!(project.keywords, ["semences", "jardin"]);
    assert!(project.last_news_at.is_some());
    let events = app
        .store
        .activity_between(group.id, 0, i64::MAX)
        .await
        .unwrap();
    assert!(events
        .iter()
        .any(|e| e.kind == EventKind::ProjectCreated && e.title == "Grainothèque"));
    assert!(events
        .iter()
        .any(|e| e.kind == EventKind::ProjectNews && e.actor_name == "Gus"));
}

async fn the_follow_up_board_asks_and_the_reply_becomes_news(backend: Backend) {
    let app = TestApp::start_with(
        backend,
        Options {
            smtp_listen: true,
            ..Options::default()
        },
    )
    .await;
    let (fanny, gus, nina) = network(&app).await;
    for title in ["Compost partagé", "Ruches"] {
        let res = gus
            .post_form("/g/jardins/projects/new", &form(title, &[]))
            .await;
        assert_eq!(res.status, 303, "{}", res.text);
        app.store.clock().advance(86_400);
    }
    // Compost gets news: Ruches, silent since its start, comes first.
    let group = app.store.group_by_slug("jardins").await.unwrap().unwrap();
    let sight = essaim_domain::audience::Sight {
        everything: true,
        ..Default::default()
    };
    let projects = app.store.group_projects(group.id, &sight).await.unwrap();
    let compost = projects
        .iter()
        .find(|p| p.title == "Compost partagé")
        .unwrap();
    let ruches = projects.iter().find(|p| p.title == "Ruches").unwrap();
    let res = gus
        .post_form(
            &format!("{}/news", compost.path()),
            &[("markdown", "Le bac est plein.")],
        )
        .await;
    assert_eq!(res.status, 303);
    app.store.clock().advance(3 * 86_400);

    // The board: for those who run the group.
    assert_eq!(gus.get("/g/jardins/projects/follow-up").await.status, 403);
    assert_eq!(nina.get("/g/jardins/projects/follow-up").await.status, 403);
    let board = fanny.get("/g/jardins/projects/follow-up").await;
    assert_eq!(board.status, 200);
    let (first, second) = (
        board.text.find("Ruches").unwrap(),
        board.text.find("Compost partagé").unwrap(),
    );
    assert!(first < second, "the longest silent first");
    assert!(board.text.contains("jamais, créé il y a 4 jours"));

    // A review, with a note too long refused (nothing recorded).
    let long = "x".repeat(1_001);
    let res = fanny
        .post_form("/g/jardins/projects/follow-up", &[("note", &long)])
        .await;
    assert_eq!(res.status, 422);
    let res = fanny
        .post_form("/g/jardins/projects/follow-up", &[("note", "RAS")])
        .await;
    assert_eq!(res.status, 303);
    assert_eq!(app.store.reviews(group.id, 10).await.unwrap().len(), 1);

    // One click asks Gus for news of the hives, by email.
    let res = fanny
        .post_form(&format!("{}/ask", ruches.path()), &[])
        .await;
    assert_eq!(res.status, 303, "{}", res.text);
    let ask = app.last_email_to("gus@coop.fr").await;
    assert_eq!(ask.kind, "project-ask");
    let parsed = mail_parser::MessageParser::default()
        .parse(&ask.raw)
        .unwrap();
    let reply_to = parsed
        .reply_to()
        .and_then(|a| a.first())
        .and_then(|a| a.address())
        .unwrap()
        .to_string();
    assert!(reply_to.starts_with("jardins+news-"), "{reply_to}");
    let ask_id = parsed.message_id().unwrap().to_string();

    // Someone else answering from their own address: told, nothing kept.
    let stranger = raw_mail(
        "Nina <nina@coop.fr>",
        &reply_to,
        "Re: Où en est « Ruches » ?",
        "nina-1@nina.example",
        &[&ask_id],
        "Elles vont bien je crois.",
    );
    through_listener(&app, "nina@coop.fr", &reply_to, &stranger).await;
    app.run_jobs().await;
    let refused = app.last_email_to("nina@coop.fr").await;
    assert_eq!(refused.kind, "project-news-not-holder");
    assert!(app
        .store
        .project_news(ruches.id, 10)
        .await
        .unwrap()
        .is_empty());

    // Gus replies above the quote: his words become the news.
    let reply = raw_mail(
        "Gus <gus@coop.fr>",
        &reply_to,
        "Re: Où en est « Ruches » ?",
        "gus-1@gus.example",
        &[&ask_id],
        "Deux essaims installés, la récolte en juin.\n\nLe 7 déc. 2026 à 10:00, Essaim <noreply@essaim.test> a écrit :\n> Fanny aimerait avoir des nouvelles de « Ruches ».",
    );
    through_listener(&app, "gus@coop.fr", &reply_to, &reply).await;
    // The same message twice is kept once.
    through_listener(&app, "gus@coop.fr", &reply_to, &reply).await;
    let news = app.store.project_news(ruches.id, 10).await.unwrap();
    assert_eq!(news.len(), 1, "{news:?}");
    assert_eq!(
        news[0].markdown,
        "Deux essaims installés, la récolte en juin."
    );
    assert_eq!(news[0].via, NewsVia::Email);
    assert_eq!(news[0].author_name, "Gus");
    let board = fanny.get("/g/jardins/projects/follow-up").await;
    let (first, second) = (
        board.text.find("Compost partagé").unwrap(),
        board.text.find("Ruches").unwrap(),
    );
    assert!(first < second, "the hives have news now");

    // The one-field form from the same email works without logging in; a
    // made-up key does not.
    let link = ask
        .text_body
        .split_whitespace()
        .find(|w| w.contains("/news/"))
        .unwrap()
        .to_string();
    let path = link.split_once("://").unwrap().1;
    let path = &path[path.find('/').unwrap()..];
    let visitor = app.browser();
    let res = visitor.get(path).await;
    assert_eq!(res.status, 200, "{}", res.text);
    let res = visitor
        .post_form(path, &[("markdown", "Et un troisième essaim.")])
        .await;
    assert_eq!(res.status, 303, "{}", res.text);
    assert_eq!(
        app.store.project_news(ruches.id, 10).await.unwrap().len(),
        2
    );
    let fake = format!("{}/news/inventee", ruches.path());
    assert_eq!(visitor.get(&fake).await.status, 410);
    let events = app
        .store
        .activity_between(group.id, 0, i64::MAX)
        .await
        .unwrap();
    assert!(events.iter().any(|e| e.kind == EventKind::FollowUpReviewed));
    assert_eq!(
        events
            .iter()
            .filter(|e| e.kind == EventKind::ProjectNews)
            .count(),
        3
    );
}

async fn the_api_lists_starts_and_takes_news(backend: Backend) {
    let app = TestApp::start(backend).await;
    let (_fanny, _gus, _nina) = network(&app).await;
    let token = |email: &'static str| {
        let app = &app;
        async move {
            let user = app.store.user_by_email(email).await.unwrap().unwrap();
            app.store.create_api_token(user.id, "t").await.unwrap().1
        }
    };
    let gus = Api::new(&app.base, Some(&token("gus@coop.fr").await));
    let nina = Api::new(&app.base, Some(&token("nina@coop.fr").await));
    let anonymous = Api::new(&app.base, None);

    // Bad input: refused with 422, nothing started.
    let res = gus
        .post(
            "/groups/jardins/projects",
            &json!({"title": "Ruches", "status": "fini"}),
        )
        .await;
    assert_eq!(res.status, 422, "{}", res.text);
    let res = gus
        .post(
            "/groups/jardins/projects",
            &json!({"title": "Ruches", "holders": [999]}),
        )
        .await;
    assert_eq!(res.status, 422, "{}", res.text);
    let res = nina
        .post("/groups/jardins/projects", &json!({"title": "Intrus"}))
        .await;
    assert_eq!(res.status, 403, "{}", res.text);
    assert_eq!(
        anonymous.get("/groups/jardins/projects").await.json()["projects"]
            .as_array()
            .unwrap()
            .len(),
        0
    );

    let res = gus
        .post(
            "/groups/jardins/projects",
            &json!({"title": "Ruches", "keywords": ["Abeilles"], "open_to_contributors": true}),
        )
        .await;
    assert_eq!(res.status, 201, "{}", res.text);
    let id = res.json()["id"].as_i64().unwrap();
    assert_eq!(res.json()["holders"], json!(["Gus"]));
    let res = gus
        .post(
            &format!("/projects/{id}/news"),
            &json!({"markdown": "Deux essaims."}),
        )
        .await;
    assert_eq!(res.status, 201, "{}", res.text);
    let res = nina
        .post(
            &format!("/projects/{id}/news"),
            &json!({"markdown": "Moi aussi"}),
        )
        .await;
    assert_eq!(res.status, 403, "{}", res.text);
    let one = anonymous.get(&format!("/projects/{id}")).await;
    assert_eq!(one.status, 200, "{}", one.text);
    assert_eq!(one.json()["news"][0]["markdown"], "Deux essaims.");
    let listed = anonymous.get("/projects?keyword=abeilles").await;
    assert_eq!(listed.json()["projects"][0]["title"], "Ruches");
    assert_eq!(anonymous.get("/projects?keyword=a%2Fb").await.status, 422);
    assert_eq!(anonymous.get("/projects?page=0").await.status, 422);
    assert_eq!(anonymous.get("/projects/999999").await.status, 404);
}
