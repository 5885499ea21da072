//! Newsletters through HTTP, on both databases: the draft made from a
//! scripted month of activity (a controllable clock), checked item by
//! item with the versions each audience gets and the contributors thanked;
//! editing that survives a new draft; a sending stopped half-way and
//! resumed without anyone getting it twice (counted in the capturing SMTP
//! server); the public archive; the contributors page; a letter with
//! nothing to say, refused.

use essaim_domain::activity::{Audience, EventKind};
use essaim_domain::newsletter::{Contribution, ItemKind, Reach, Status};
use essaim_store::newsletter::Item;
use essaim_store::q;

use crate::both;
use crate::meetings::{local_in, network, schedule};
use crate::support::openapi::Api;
use crate::support::{headers_of, Backend, Browser, Options, TestApp};

both!(
    a_month_of_activity_becomes_a_letter_sent_once_to_each,
    a_letter_with_nothing_to_say_is_not_sent,
    the_schedule_prepares_the_draft_and_tells_the_editors_once,
    an_ecosystem_letter_tells_only_what_is_public,
);

async fn save_page(b: &Browser, slug: &str, title: &str, text: &str) {
    let res = b
        .post_form(
            &format!("/g/jardins/wiki/{slug}/edit"),
            &[
                ("title", title),
                ("markdown", text),
                ("base_revision", "0"),
                ("action", "save"),
            ],
        )
        .await;
    assert_eq!(res.status, 303, "{}", res.text);
}

async fn page_id(app: &TestApp, slug: &str) -> i64 {
    let group = app.store.group_by_slug("jardins").await.unwrap().unwrap();
    app.store
        .wiki_page(Some(group.id), slug)
        .await
        .unwrap()
        .unwrap()
        .id
}

async fn items(app: &TestApp, id: i64) -> Vec<Item> {
    app.store.newsletter_items(id).await.unwrap()
}

fn find(items: &[Item], kind: ItemKind, reach: Reach) -> &Item {
    items
        .iter()
        .find(|i| i.kind == kind && i.reach == reach)
        .unwrap_or_else(|| panic!("no {kind:?} {reach:?} in {items:#?}"))
}

async fn logged_in_again(app: &TestApp) -> (Browser, Browser, Browser) {
    let password = "mot de passe long";
    (
        app.logged_in("fanny@coop.fr", password).await,
        app.logged_in("gus@coop.fr", password).await,
        app.logged_in("nina@coop.fr", password).await,
    )
}

/// Prepares the draft as Fanny; gives its id.
async fn prepare(fanny: &Browser) -> i64 {
    let res = fanny.post_form("/g/jardins/newsletters/prepare", &[]).await;
    assert_eq!(res.status, 303, "{}", res.text);
    res.location().rsplit('/').next().unwrap().parse().unwrap()
}

async fn a_month_of_activity_becomes_a_letter_sent_once_to_each(backend: Backend) {
    let app = TestApp::start_with(
        backend,
        Options {
            smtp: true,
            ..Options::default()
        },
    )
    .await;
    network(&app).await;
    let group = app.store.group_by_slug("jardins").await.unwrap().unwrap();
    let gus_id = app
        .store
        .user_by_email("gus@coop.fr")
        .await
        .unwrap()
        .unwrap()
        .id;
    // The group's creation lies before the period of its first letter
    // (sessions end meanwhile: everyone logs in again).
    app.store.clock().advance(40 * 86_400);
    let (fanny, gus, nina) = logged_in_again(&app).await;

    // The month: Nina joins; Gus writes a public page; Fanny a members'
    // page and a facilitators' one; Gus opens a topic, Fanny answers and
    // Gus likes her answer; a resource is added (its event only); a
    // members' meeting and a public one are planned; Gus becomes referent.
    assert_eq!(nina.post_form("/g/jardins/join", &[]).await.status, 303);
    save_page(
        &gus,
        "semis",
        "Page Semis",
        "Les semis de mars commencent sous serre.\n\nPuis on repique.",
    )
    .await;
    save_page(&fanny, "caisse", "Page Caisse", "Les comptes du groupe").await;
    let caisse = page_id(&app, "page-caisse").await;
    app.store
        .set_page_access(caisse, Some("members"), None)
        .await
        .unwrap();
    save_page(&fanny, "bureau", "Page Bureau", "Réservé à l'animation").await;
    let bureau = page_id(&app, "page-bureau").await;
    app.store
        .set_page_access(bureau, Some("facilitators"), None)
        .await
        .unwrap();
    let res = gus
        .post_form(
            "/g/jardins/discussions",
            &[
                ("title", "Sujet Compost"),
                ("markdown", "Qui a du compost ?"),
            ],
        )
        .await;
    assert_eq!(res.status, 303, "{}", res.text);
    let topic = res.location();
    let res = fanny
        .post_form(&format!("{topic}/reply"), &[("markdown", "Moi !")])
        .await;
    assert!(res.status == 303 || res.status == 200, "{}", res.text);
    let topic_id: i64 = topic.rsplit('/').next().unwrap().parse().unwrap();
    let posts = app.store.posts(topic_id).await.unwrap();
    let answer = posts.iter().find(|p| p.author_name == "Fanny").unwrap();
    assert!(app.store.like_post(answer.id, gus_id).await.unwrap());
    app.store
        .db()
        .execute(
            q("INSERT INTO activity (group_id, kind, actor_id, actor_name, object_id, title, url, audience, at) \
               VALUES ($1, 'resource_added', $2, 'Gus', 77, 'Guide du compost', '/g/jardins/resources/77', 'public', $3)")
            .bind(group.id)
            .bind(gus_id)
            .bind(app.store.now()),
        )
        .await
        .unwrap();
    schedule(
        &fanny,
        "Rencontre Okapi",
        &local_in(44, 18, 0),
        &local_in(44, 20, 0),
        &[("visibility", "members")],
    )
    .await;
    schedule(
        &fanny,
        "Rencontre Publique",
        &local_in(43, 18, 0),
        &local_in(43, 20, 0),
        &[],
    )
    .await;
    app.store
        .set_roles(group.id, gus_id, &["referent".to_string()], None)
        .await
        .unwrap();

    // Only those who run the group prepare a letter.
    assert_eq!(
        gus.post_form("/g/jardins/newsletters/prepare", &[])
            .await
            .status,
        403
    );
    let id = prepare(&fanny).await;
    let list = items(&app, id).await;
    let got: Vec<(ItemKind, Reach, &str)> = list
        .iter()
        .map(|i| (i.kind, i.reach, i.title.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            (ItemKind::NewPage, Reach::Everyone, "Page Semis"),
            (ItemKind::NewPage, Reach::Members, "Page Caisse"),
            (ItemKind::Resource, Reach::Everyone, "Guide du compost"),
            (ItemKind::Meeting, Reach::Everyone, "Rencontre Publique"),
            (ItemKind::Meeting, Reach::Members, "Rencontre Okapi"),
            (ItemKind::Welcome, Reach::Members, "Nina"),
            (ItemKind::Thanks, Reach::Members, "Fanny, Gus"),
            (ItemKind::Thanks, Reach::PublicOnly, "Gus, Fanny"),
            (ItemKind::Referent, Reach::Everyone, "Gus"),
        ],
        "{list:#?}"
    );
    let semis = find(&list, ItemKind::NewPage, Reach::Everyone);
    assert_eq!(
        semis.excerpt,
        "Les semis de mars commencent sous serre. Puis on repique."
    );
    // Thanked: over what anyone may read, Gus (a page, a resource) and
    // Fanny (an answer Gus liked); members also read Fanny's page. Nobody
    // is thanked for the facilitators' page, nor Nina for joining.
    let public = find(&list, ItemKind::Thanks, Reach::PublicOnly)
        .people()
        .unwrap();
    let did: Vec<(&str, Vec<(Contribution, i64)>)> = public
        .iter()
        .map(|c| (c.name.as_str(), c.did.clone()))
        .collect();
    assert_eq!(
        did,
        [
            (
                "Gus",
                vec![(Contribution::Wiki, 1), (Contribution::Resources, 1)]
            ),
            ("Fanny", vec![(Contribution::LikedAnswers, 1)]),
        ]
    );
    let members = find(&list, ItemKind::Thanks, Reach::Members)
        .people()
        .unwrap();
    let did: Vec<(&str, Vec<(Contribution, i64)>)> = members
        .iter()
        .map(|c| (c.name.as_str(), c.did.clone()))
        .collect();
    assert_eq!(
        did,
        [
            (
                "Fanny",
                vec![(Contribution::Wiki, 1), (Contribution::LikedAnswers, 1)]
            ),
            (
                "Gus",
                vec![(Contribution::Wiki, 1), (Contribution::Resources, 1)]
            ),
        ]
    );

    // The draft is the editors' only: members and outsiders get nothing.
    let path = format!("/g/jardins/newsletters/{id}");
    assert_eq!(gus.get(&path).await.status, 404);
    assert_eq!(app.browser().get(&path).await.status, 404);
    let page = fanny.get(&path).await;
    assert_eq!(page.status, 200, "{}", page.text);
    assert!(page.text.contains("pour les membres seulement"));
    assert!(page.text.contains("a écrit une page du wiki"));

    // The editor's words stay through a new draft; a removed item stays
    // out; words too long are refused and shown again.
    let semis_id = semis.id;
    let res = fanny
        .post_form(
            &format!("{path}/items/{semis_id}"),
            &[
                ("action", "save"),
                ("text", "Nos semis de mars, racontés par Gus."),
            ],
        )
        .await;
    assert_eq!(res.status, 303, "{}", res.text);
    let long = "x".repeat(6000);
    let res = fanny
        .post_form(
            &format!("{path}/items/{semis_id}"),
            &[("action", "save"), ("text", &long)],
        )
        .await;
    assert_eq!(res.status, 422, "{}", res.text);
    assert!(res.text.contains("trop long"));
    assert!(res.text.contains(&long));
    let resource = find(&list, ItemKind::Resource, Reach::Everyone).id;
    let res = fanny
        .post_form(&format!("{path}/items/{resource}"), &[("action", "remove")])
        .await;
    assert_eq!(res.status, 303, "{}", res.text);
    let res = fanny
        .post_form(&format!("{path}/items/{semis_id}"), &[("action", "down")])
        .await;
    assert_eq!(res.status, 303, "{}", res.text);
    assert_eq!(prepare(&fanny).await, id);
    let list = items(&app, id).await;
    assert_eq!(list[0].title, "Page Caisse");
    assert_eq!(list[1].title, "Page Semis");
    assert_eq!(
        list[1].text.as_deref(),
        Some("Nos semis de mars, racontés par Gus.")
    );
    assert!(list.iter().any(|i| i.id == resource && i.removed));

    // Two subscribers without an account.
    for email in ["lea@ailleurs.fr", "paul@ailleurs.fr"] {
        let subscribed = app
            .store
            .subscribe_to_news(group.id, email, "fr")
            .await
            .unwrap();
        let essaim_store::news::Subscribed::ToConfirm { token, .. } = subscribed else {
            panic!("new subscriber");
        };
        app.store.confirm_news_subscription(&token).await.unwrap();
    }

    // Sending: the first batch goes out, then the worker dies holding the
    // next step; once its lease runs out the sending resumes.
    let res = fanny.post_form(&format!("{path}/send"), &[]).await;
    assert_eq!(res.status, 303, "{}", res.text);
    let state = app.app_state().await;
    assert_eq!(
        essaim_web::send_newsletter_step(&state, id, 2)
            .await
            .unwrap(),
        2
    );
    let letter = app.store.newsletter(id).await.unwrap().unwrap();
    assert_eq!(
        (letter.status, letter.sent, letter.total),
        (Status::Sending, 2, 5)
    );
    let page = fanny.get(&path).await;
    assert!(
        page.text.contains("Envoyée à 2 personnes sur 5"),
        "{}",
        page.text
    );
    let claimed = app.store.claim_jobs("dead-worker", 100, 60).await.unwrap();
    assert!(claimed.iter().any(|j| j.kind == "newsletter_send"));
    app.store.clock().advance(120);
    app.run_jobs().await;
    let letter = app.store.newsletter(id).await.unwrap().unwrap();
    assert_eq!((letter.status, letter.sent), (Status::Sent, 5));
    // Each address got it once: in the outbox and through SMTP.
    let mut letters = Vec::new();
    for summary in app
        .outbox()
        .await
        .into_iter()
        .filter(|m| m.kind == "newsletter")
    {
        letters.push(app.store.outbox_message(summary.id).await.unwrap().unwrap());
    }
    let mut to: Vec<String> = letters.iter().map(|m| m.to_addr.clone()).collect();
    to.sort();
    let everyone = [
        "fanny@coop.fr",
        "gus@coop.fr",
        "lea@ailleurs.fr",
        "nina@coop.fr",
        "paul@ailleurs.fr",
    ];
    assert_eq!(to, everyone);
    let captured = app.smtp.as_ref().unwrap().messages();
    let mut smtp_to: Vec<String> = captured
        .iter()
        .filter(|c| {
            let raw = String::from_utf8_lossy(&c.data);
            letters.iter().any(|m| raw.contains(&m.message_id))
        })
        .flat_map(|c| c.rcpt_to.clone())
        .collect();
    smtp_to.sort();
    assert_eq!(smtp_to, everyone);
    for m in &letters {
        let headers = headers_of(&m.raw);
        let text = &m.text_body;
        let subscriber = m.to_addr.ends_with("@ailleurs.fr");
        assert_eq!(
            headers.contains_key("list-unsubscribe"),
            subscriber,
            "{text}"
        );
        assert_eq!(text.contains("Page Caisse"), !subscriber, "{text}");
        assert_eq!(text.contains("Rencontre Okapi"), !subscriber, "{text}");
        assert_eq!(text.contains("Bienvenue à Nina"), !subscriber, "{text}");
        assert!(text.contains("Rencontre Publique"), "{text}");
        assert!(text.contains("Nos semis de mars"), "{text}");
        assert!(text.contains("Gus est la personne référente"), "{text}");
        assert!(!text.contains("Guide du compost"), "{text}");
        assert!(!text.contains("Page Bureau"), "{text}");
    }
    let sent_events: Vec<_> = app
        .store
        .activity_between(group.id, 0, i64::MAX)
        .await
        .unwrap()
        .into_iter()
        .filter(|e| e.kind == EventKind::NewsletterSent)
        .collect();
    assert_eq!(sent_events.len(), 1);
    assert_eq!(sent_events[0].audience, Audience::Public);

    // The archive: the public version, for anyone.
    let anonymous = app.browser();
    let index = anonymous.get("/g/jardins/newsletters").await;
    assert_eq!(index.status, 200);
    assert!(index.text.contains(&path));
    let archived = anonymous.get(&path).await;
    assert_eq!(archived.status, 200);
    assert!(archived.text.contains("Nos semis de mars"));
    assert!(!archived.text.contains("Page Caisse"));
    assert!(!archived.text.contains("Nina"));
    // A sent letter is not edited any more.
    let res = fanny
        .post_form(&format!("{path}/items/{semis_id}"), &[("action", "remove")])
        .await;
    assert_eq!(res.status, 404);

    // The API: the same public version, as the document says.
    let nobody = Api::new(&app.base, None);
    let res = nobody.get("/groups/jardins/newsletters").await;
    assert_eq!(res.status, 200, "{}", res.text);
    assert_eq!(res.json()["newsletters"][0]["id"], id);
    assert_eq!(res.json()["newsletters"][0]["status"], "sent");
    let res = nobody
        .get(&format!("/groups/jardins/newsletters/{id}"))
        .await;
    assert_eq!(res.status, 200, "{}", res.text);
    let texts: Vec<String> = res.json()["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["text"].as_str().unwrap().to_string())
        .collect();
    assert!(texts.iter().any(|t| t.contains("Nos semis de mars")));
    assert!(!texts
        .iter()
        .any(|t| t.contains("Page Caisse") || t.contains("Nina")));
    assert_eq!(
        nobody.get("/groups/jardins/newsletters/999").await.status,
        404
    );

    // The contributors page: the same counts, each reader their share.
    let page = anonymous.get("/g/jardins/contributors").await;
    assert_eq!(page.status, 200);
    assert!(page
        .text
        .contains("a écrit une page du wiki, a ajouté une ressource"));
    assert!(page.text.contains("a écrit une réponse appréciée"));
    assert!(!page.text.contains("Nina"));
    let page = gus.get("/g/jardins/contributors").await;
    assert!(page
        .text
        .contains("a écrit une page du wiki, a écrit une réponse appréciée"));
}

async fn a_letter_with_nothing_to_say_is_not_sent(backend: Backend) {
    let app = TestApp::start(backend).await;
    network(&app).await;
    app.store.clock().advance(40 * 86_400);
    let (fanny, _gus, _nina) = logged_in_again(&app).await;
    let id = prepare(&fanny).await;
    let list = items(&app, id).await;
    let kinds: Vec<ItemKind> = list.iter().map(|i| i.kind).collect();
    // No referent: the draft says so, and that is all it says.
    assert_eq!(kinds, [ItemKind::Referent]);
    assert_eq!(list[0].title, "");
    let path = format!("/g/jardins/newsletters/{id}");
    let page = fanny.get(&path).await;
    assert_eq!(page.status, 200);
    assert!(page.text.contains("Rien à raconter"));
    assert!(page.text.contains("pas encore de personne référente"));
    let res = fanny.post_form(&format!("{path}/send"), &[]).await;
    assert_eq!(res.status, 422, "{}", res.text);
    assert!(res.text.contains("rien à raconter"));
    let letter = app.store.newsletter(id).await.unwrap().unwrap();
    assert_eq!(letter.status, Status::Draft);
    app.run_jobs().await;
    assert!(app.outbox().await.iter().all(|m| m.kind != "newsletter"));
    // The draft is not listed for others, nor readable through the API.
    let nobody = Api::new(&app.base, None);
    let res = nobody.get("/groups/jardins/newsletters").await;
    assert_eq!(res.status, 200, "{}", res.text);
    assert_eq!(res.json()["newsletters"].as_array().unwrap().len(), 0);
    assert_eq!(
        nobody
            .get(&format!("/groups/jardins/newsletters/{id}"))
            .await
            .status,
        404
    );
    let fanny_user = app
        .store
        .user_by_email("fanny@coop.fr")
        .await
        .unwrap()
        .unwrap();
    let (_, secret) = app
        .store
        .create_api_token(fanny_user.id, "t")
        .await
        .unwrap();
    let editor = Api::new(&app.base, Some(&secret));
    let res = editor
        .get(&format!("/groups/jardins/newsletters/{id}"))
        .await;
    assert_eq!(res.status, 200, "{}", res.text);
    assert_eq!(res.json()["newsletter"]["status"], "draft");
    assert_eq!(res.json()["items"][0]["kind"], "referent");
    // Through the API too: preparing gives the same draft, sending it is
    // refused for having nothing to say; no token, no draft.
    let res = editor
        .call("POST", "/groups/jardins/newsletters", None)
        .await;
    assert_eq!(res.status, 201, "{}", res.text);
    assert_eq!(res.json()["newsletter"]["id"], id);
    let res = editor
        .call(
            "POST",
            &format!("/groups/jardins/newsletters/{id}/send"),
            None,
        )
        .await;
    assert_eq!(res.status, 422, "{}", res.text);
    assert_eq!(
        app.store.newsletter(id).await.unwrap().unwrap().status,
        Status::Draft
    );
    let res = nobody
        .call("POST", "/groups/jardins/newsletters", None)
        .await;
    assert_eq!(res.status, 401, "{}", res.text);
    // A schedule that is not one is refused, the one kept.
    let res = fanny
        .post_form("/g/jardins/newsletters/schedule", &[("schedule", "daily")])
        .await;
    assert_eq!(res.status, 422, "{}", res.text);
    let group = app.store.group_by_slug("jardins").await.unwrap().unwrap();
    assert_eq!(
        app.store.newsletter_schedule(group.id).await.unwrap(),
        essaim_domain::newsletter::Schedule::Monthly
    );
}

async fn the_schedule_prepares_the_draft_and_tells_the_editors_once(backend: Backend) {
    let app = TestApp::start(backend).await;
    let (fanny, gus, _nina) = network(&app).await;
    // A member does not choose the schedule; an editor does.
    let res = gus
        .post_form("/g/jardins/newsletters/schedule", &[("schedule", "never")])
        .await;
    assert_eq!(res.status, 403, "{}", res.text);
    let res = fanny
        .post_form(
            "/g/jardins/newsletters/schedule",
            &[("schedule", "fortnightly")],
        )
        .await;
    assert_eq!(res.status, 303, "{}", res.text);
    let group = app.store.group_by_slug("jardins").await.unwrap().unwrap();
    let drafts = |app: &TestApp| {
        let store = app.store.clone();
        async move {
            store
                .newsletters_of(
                    &essaim_store::newsletter::Owner::Group(group.id),
                    &[Status::Draft],
                )
                .await
                .unwrap()
        }
    };
    // Not due yet: nothing is prepared.
    app.store.clock().advance(3600);
    app.run_jobs().await;
    assert!(drafts(&app).await.is_empty());
    // Two weeks after the group began: the draft waits, its editors know.
    app.store.clock().advance(14 * 86_400);
    app.run_jobs().await;
    assert_eq!(drafts(&app).await.len(), 1);
    let told = |app: &TestApp| {
        let app_outbox = app.store.clone();
        async move {
            app_outbox
                .outbox_page(100, 0)
                .await
                .unwrap()
                .into_iter()
                .filter(|m| m.subject.contains("une lettre vous attend"))
                .map(|m| m.to_addr)
                .collect::<Vec<_>>()
        }
    };
    assert_eq!(told(&app).await, ["fanny@coop.fr"]);
    // An hour later the draft still waits: nobody is told again.
    app.store.clock().advance(3600);
    app.run_jobs().await;
    assert_eq!(drafts(&app).await.len(), 1);
    assert_eq!(told(&app).await.len(), 1);
}

async fn an_ecosystem_letter_tells_only_what_is_public(backend: Backend) {
    let app = TestApp::start(backend).await;
    network(&app).await;
    app.store.clock().advance(40 * 86_400);
    let (fanny, _gus, _nina) = logged_in_again(&app).await;
    let admin = app.logged_in("admin@coop.fr", "mot de passe long").await;
    save_page(&fanny, "ouverte", "Page Ouverte", "Pour tout le monde").await;
    save_page(&fanny, "fermee", "Page Fermee", "Entre nous").await;
    let closed = page_id(&app, "page-fermee").await;
    app.store
        .set_page_access(closed, Some("members"), None)
        .await
        .unwrap();
    // The instance's administrators prepare it; a group's facilitator
    // does not.
    let res = fanny.post_form("/e/jardin/newsletters/prepare", &[]).await;
    assert_eq!(res.status, 403, "{}", res.text);
    let res = admin.post_form("/e/jardin/newsletters/prepare", &[]).await;
    assert_eq!(res.status, 303, "{}", res.text);
    let path = res.location();
    let page = admin.get(&path).await;
    assert_eq!(page.status, 200, "{}", page.text);
    assert!(page.text.contains("Page Ouverte"), "{}", page.text);
    assert!(!page.text.contains("Page Fermee"));
    assert!(page.text.contains("a écrit une page du wiki"));
    // Its draft is not for others.
    assert_eq!(app.browser().get(&path).await.status, 404);
    let index = app.browser().get("/e/jardin/newsletters").await;
    assert_eq!(index.status, 200);
    assert!(!index.text.contains(&path));
}
