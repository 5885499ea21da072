//! The activity log: every change writes its event with it, the group's
//! timeline shows each reader what they may read, and a database made by
//! an earlier release gets its history at migration.

use essaim_domain::activity::{Audience, EventKind};
use essaim_store::activity::Event;
use essaim_store::{q, Store};

use crate::both;
use crate::meetings::{local_in, network, schedule};
use crate::support::{Backend, TestApp, TestDb};

both!(
    changes_write_their_events_and_each_reader_sees_their_share,
    an_upgraded_database_gets_its_history
);

async fn events(store: &Store, slug: &str) -> Vec<Event> {
    let group = store.group_by_slug(slug).await.unwrap().unwrap();
    store.activity_between(group.id, 0, i64::MAX).await.unwrap()
}

fn kinds(events: &[Event]) -> Vec<EventKind> {
    events.iter().map(|e| e.kind).collect()
}

async fn changes_write_their_events_and_each_reader_sees_their_share(backend: Backend) {
    let app = TestApp::start(backend).await;
    // Fanny proposes `jardins` (its first pages are saved), Gus joins.
    let (fanny, gus, nina) = network(&app).await;
    let before = events(&app.store, "jardins").await;
    assert!(before.iter().any(|e| e.kind == EventKind::PageSaved));
    let joined: Vec<&Event> = before
        .iter()
        .filter(|e| e.kind == EventKind::MemberJoined)
        .collect();
    assert_eq!(joined.len(), 2, "{before:?}");
    assert!(joined.iter().all(|e| e.audience == Audience::Members));
    assert_eq!(joined[1].actor_name, "Gus");

    let res = gus
        .post_form(
            "/g/jardins/discussions",
            &[("title", "Sujet Ornithorynque"), ("markdown", "Bonjour")],
        )
        .await;
    assert_eq!(res.status, 303, "{}", res.text);
    let topic = res.location();
    let res = fanny
        .post_form(&format!("{topic}/reply"), &[("markdown", "Bien reçu")])
        .await;
    assert!(res.status == 303 || res.status == 200, "{}", res.text);
    let res = fanny
        .post_form(
            "/g/jardins/wiki/secret/edit",
            &[
                ("title", "Page Tapir"),
                ("markdown", "Réservé à l'animation"),
                ("base_revision", "0"),
                ("action", "save"),
            ],
        )
        .await;
    assert_eq!(res.status, 303, "{}", res.text);
    let group = app.store.group_by_slug("jardins").await.unwrap().unwrap();
    let page = app
        .store
        .wiki_page(Some(group.id), "page-tapir")
        .await
        .unwrap()
        .unwrap();
    app.store
        .set_page_access(page.id, Some("facilitators"), None)
        .await
        .unwrap();
    let meeting = schedule(
        &fanny,
        "Rencontre Okapi",
        &local_in(3, 18, 0),
        &local_in(3, 20, 0),
        &[("visibility", "members")],
    )
    .await;

    let after = events(&app.store, "jardins").await;
    let new: Vec<&Event> = after.iter().skip(before.len()).collect();
    let new_kinds: Vec<EventKind> = new.iter().map(|e| e.kind).collect();
    assert_eq!(
        new_kinds,
        [
            EventKind::TopicOpened,
            EventKind::PostWritten,
            EventKind::PageSaved,
            EventKind::MeetingCreated
        ],
        "{new:?}"
    );
    assert_eq!(new[0].actor_name, "Gus");
    assert_eq!(new[0].url, topic);
    assert_eq!(new[1].actor_name, "Fanny");
    // The page's access changed after its save: its event follows it.
    assert_eq!(new[2].audience, Audience::Facilitators);
    assert_eq!(new[3].audience, Audience::Members);
    assert_eq!(new[3].url, meeting);

    // The timeline: anyone sees the public topic; members the meeting too;
    // only those who run the group the facilitators' page.
    let anonymous = app.browser();
    let page = anonymous.get("/g/jardins").await;
    assert_eq!(page.status, 200);
    assert!(page.text.contains("Sujet Ornithorynque"), "{}", page.text);
    assert!(!page.text.contains("Rencontre Okapi"));
    assert!(!page.text.contains("Page Tapir"));
    let outsider = nina.get("/g/jardins").await.text;
    assert!(outsider.contains("Sujet Ornithorynque"));
    assert!(!outsider.contains("Rencontre Okapi"));
    let member = gus.get("/g/jardins").await.text;
    assert!(member.contains("Rencontre Okapi"));
    assert!(!member.contains("Page Tapir"));
    let facilitator = fanny.get("/g/jardins").await.text;
    assert!(facilitator.contains("Page Tapir"));
    assert!(facilitator.contains("a ouvert le sujet"));

    // Discussions closed to members: their events close with them.
    let res = fanny
        .post_form(
            "/g/jardins/discussions/settings",
            &[("read", "members"), ("outsiders", "moderate")],
        )
        .await;
    assert_eq!(res.status, 303, "{}", res.text);
    assert!(!anonymous
        .get("/g/jardins")
        .await
        .text
        .contains("Sujet Ornithorynque"));
    assert!(gus
        .get("/g/jardins")
        .await
        .text
        .contains("Sujet Ornithorynque"));

    // Cancelled, then held: a meeting whose time passed is recorded once by
    // the meetings' tick, a cancelled one never.
    let id: i64 = meeting.rsplit('/').next().unwrap().parse().unwrap();
    let other = schedule(
        &fanny,
        "Rencontre Annulée",
        &local_in(4, 18, 0),
        &local_in(4, 20, 0),
        &[],
    )
    .await;
    let res = fanny.post_form(&format!("{other}/cancel"), &[]).await;
    assert_eq!(res.status, 303, "{}", res.text);
    app.store.clock().advance(6 * 86_400);
    assert_eq!(app.store.record_held_meetings().await.unwrap(), 1);
    assert_eq!(app.store.record_held_meetings().await.unwrap(), 0);
    let last = events(&app.store, "jardins").await;
    let held: Vec<&Event> = last
        .iter()
        .filter(|e| e.kind == EventKind::MeetingHeld)
        .collect();
    assert_eq!(held.len(), 1);
    assert_eq!(held[0].object_id, Some(id));
    assert!(last.iter().any(|e| e.kind == EventKind::MeetingCancelled
        && e.title == "Rencontre Annulée"
        && e.actor_name == "Fanny"));

    // Leaving is an event too.
    assert_eq!(gus.post_form("/g/jardins/leave", &[]).await.status, 303);
    let last = events(&app.store, "jardins").await;
    assert_eq!(last.last().unwrap().kind, EventKind::MemberLeft);
}

/// Rows written through SQL as a release before the log wrote them.
async fn an_upgraded_database_gets_its_history(backend: Backend) {
    let db = TestDb::create(&backend).await;
    let store = Store::connect(&db.url).await.unwrap();
    store.migrate_until(8).await.unwrap();
    let statements = [
        "INSERT INTO users (id, email, name, created_at, updated_at) VALUES (1, 'fanny@coop.fr', 'Fanny', 100, 100)",
        "INSERT INTO users (id, email, name, created_at, updated_at) VALUES (2, 'gus@coop.fr', 'Gus', 100, 100)",
        "INSERT INTO groups (id, slug, name, summary, kind, hosted, listed, review, discussions_read, created_at, updated_at) \
         VALUES (1, 'jardins', 'Jardins', 'Un groupe', 'thematic', TRUE, TRUE, 'approved', 'members', 100, 100)",
        "INSERT INTO memberships (group_id, user_id, visibility, joined_at) VALUES (1, 1, 'members', 110)",
        "INSERT INTO memberships (group_id, user_id, visibility, joined_at) VALUES (1, 2, 'everyone', 120)",
        "INSERT INTO topics (id, group_id, title, author_id, author_name, post_count, last_post_at, created_at) \
         VALUES (1, 1, 'Le compost', 2, 'Gus', 3, 300, 200)",
        "INSERT INTO posts (id, topic_id, group_id, author_id, author_name, markdown, message_id, status, created_at) \
         VALUES (1, 1, 1, 2, 'Gus', 'Bonjour', 'm1@x', 'visible', 200)",
        "INSERT INTO posts (id, topic_id, group_id, author_id, author_name, markdown, message_id, status, created_at) \
         VALUES (2, 1, 1, 1, 'Fanny', 'Oui', 'm2@x', 'visible', 250)",
        "INSERT INTO posts (id, topic_id, group_id, author_id, author_name, markdown, message_id, status, created_at) \
         VALUES (3, 1, 1, NULL, 'Inconnu', 'Attente', 'm3@x', 'held', 300)",
        "INSERT INTO pages (id, group_id, slug, title, markdown, revision, created_at, updated_at, updated_by) \
         VALUES (1, 1, 'accueil', 'Accueil', 'v2', 2, 130, 400, 2)",
        "INSERT INTO page_revisions (page_id, number, title, markdown, author_id, created_at) VALUES (1, 1, 'Accueil', 'v1', 1, 130)",
        "INSERT INTO page_revisions (page_id, number, title, markdown, author_id, created_at) VALUES (1, 2, 'Accueil', 'v2', 2, 400)",
        "INSERT INTO pages (id, group_id, slug, title, markdown, revision, read_access, created_at, updated_at, updated_by) \
         VALUES (2, 1, 'cr', 'Compte rendu', 'notes', 1, 'facilitators', 700, 700, 1)",
        "INSERT INTO page_revisions (page_id, number, title, markdown, author_id, created_at) VALUES (2, 1, 'Compte rendu', 'notes', 1, 700)",
        "INSERT INTO attachments (page_id, name, content_type, size, stored_as, uploaded_by, created_at) \
         VALUES (1, 'plan.pdf', 'application/pdf', 10, 'x', 2, 450)",
        "INSERT INTO meetings (id, group_id, title, starts_at, ends_at, timezone, visibility, status, organizer_id, minutes_page_id, created_at, updated_at) \
         VALUES (1, 1, 'Passée', 500, 600, 'Europe/Paris', 'public', 'scheduled', 1, 2, 150, 150)",
        "INSERT INTO meetings (id, group_id, title, starts_at, ends_at, timezone, visibility, status, organizer_id, created_at, updated_at) \
         VALUES (2, 1, 'Annulée', 500, 600, 'Europe/Paris', 'members', 'cancelled', 1, 160, 480)",
        "INSERT INTO meetings (id, group_id, title, starts_at, ends_at, timezone, visibility, status, organizer_id, created_at, updated_at) \
         VALUES (3, 1, 'À venir', 9000000000, 9000003600, 'Europe/Paris', 'public', 'scheduled', 1, 170, 170)",
        "INSERT INTO polls (id, group_id, token, title, duration_minutes, timezone, visibility, organizer_id, status, created_at, closed_at) \
         VALUES (1, 1, 'tok', 'Quelle date ?', 60, 'Europe/Paris', 'public', 1, 'closed', 180, 190)",
    ];
    for sql in statements {
        let sql = if matches!(backend, Backend::Sqlite) {
            sql.replace("TRUE", "1")
        } else {
            sql.to_string()
        };
        store
            .db()
            .execute(q(sql.clone()))
            .await
            .unwrap_or_else(|e| panic!("{sql}: {e}"));
    }
    store.migrate().await.unwrap();
    let log = events(&store, "jardins").await;
    let summary: Vec<(EventKind, i64, &str, Audience)> = log
        .iter()
        .map(|e| (e.kind, e.at, e.actor_name.as_str(), e.audience))
        .collect();
    use Audience::{Facilitators, Members, Public};
    use EventKind::*;
    let expected = vec![
        (MemberJoined, 110, "Fanny", Members),
        (MemberJoined, 120, "Gus", Public),
        (PageSaved, 130, "Fanny", Public),
        (MeetingCreated, 150, "Fanny", Public),
        (MeetingCreated, 160, "Fanny", Members),
        (MeetingCreated, 170, "Fanny", Public),
        (PollOpened, 180, "Fanny", Public),
        (PollClosed, 190, "Fanny", Public),
        (TopicOpened, 200, "Gus", Members),
        (PostWritten, 250, "Fanny", Members),
        (PageSaved, 400, "Gus", Public),
        (FileAttached, 450, "Gus", Public),
        (MeetingCancelled, 480, "Fanny", Members),
        (MeetingHeld, 600, "Fanny", Public),
        (PageSaved, 700, "Fanny", Facilitators),
        (MinutesWritten, 700, "Fanny", Facilitators),
    ];
    let mut got = summary.clone();
    got.sort_by_key(|(k, at, _, _)| (*at, k.code()));
    let mut want = expected.clone();
    want.sort_by_key(|(k, at, _, _)| (*at, k.code()));
    assert_eq!(got, want, "{log:?}");
    assert_eq!(kinds(&log).len(), expected.len());
    let topic = log.iter().find(|e| e.kind == TopicOpened).unwrap();
    assert_eq!(topic.url, "/g/jardins/discussions/1");
    assert_eq!(topic.title, "Le compost");
    let poll = log.iter().find(|e| e.kind == PollOpened).unwrap();
    assert_eq!(poll.url, "/p/tok");
}
