//! Group health through HTTP, on both databases: the facts kept by the
//! activity log's trigger as events arrive (news, wiki saves, messages per
//! week), the readings and their sentences as the store's clock moves, who
//! sees the page (public or not), and bad settings that change nothing.

use essaim_domain::health::{Indicator, Level, DAY};

use crate::both;
use crate::discussions::open_topic;
use crate::meetings::network;
use crate::support::{Backend, TestApp};

both!(
    the_indicators_follow_the_log_and_the_clock,
    who_sees_the_health_page_and_bad_settings_change_nothing,
);

async fn readings(app: &TestApp) -> Vec<(Indicator, Level, &'static str)> {
    let group = app.store.group_by_slug("jardins").await.unwrap().unwrap();
    let facts = app.store.health_facts(group.id).await.unwrap();
    let settings = app.store.health_settings(group.id).await.unwrap();
    essaim_domain::health::read_all(&facts, &settings.thresholds)
        .into_iter()
        .map(|r| (r.indicator, r.level, r.sentence))
        .collect()
}

fn level_of(all: &[(Indicator, Level, &'static str)], i: Indicator) -> (Level, &'static str) {
    let r = all.iter().find(|r| r.0 == i).unwrap();
    (r.1, r.2)
}

async fn the_indicators_follow_the_log_and_the_clock(backend: Backend) {
    let app = TestApp::start(backend).await;
    let (fanny, gus, _nina) = network(&app).await;
    // A new group: its first pages were saved; nothing else yet.
    let now = readings(&app).await;
    assert_eq!(
        level_of(&now, Indicator::SharedSpace),
        (Level::Green, "health-shared-space-green")
    );
    assert_eq!(
        level_of(&now, Indicator::Information),
        (Level::Green, "health-information-none-yet")
    );
    assert_eq!(
        level_of(&now, Indicator::FollowUp),
        (Level::Green, "health-follow-up-no-projects")
    );

    // Six messages this week, counted once the week is over.
    let topic = open_topic(&gus, "jardins", "Les semis", "On sème quand ?").await;
    for i in 0..5 {
        let res = fanny
            .post_form(
                &format!("{topic}/reply"),
                &[("markdown", &format!("Réponse {i}"))],
            )
            .await;
        assert!(res.status == 303 || res.status == 200, "{}", res.text);
    }
    let group = app.store.group_by_slug("jardins").await.unwrap().unwrap();
    app.store.clock().advance(7 * DAY);
    let facts = app.store.health_facts(group.id).await.unwrap();
    assert_eq!(facts.weekly_messages[3], 6, "{facts:?}");
    assert_eq!(facts.weekly_messages[..3], [0, 0, 0]);
    assert_eq!(
        level_of(&readings(&app).await, Indicator::Discussion),
        (Level::Green, "health-discussion-green")
    );

    // 31 days on: no news ever, the wiki untouched for a month.
    app.store.clock().advance(24 * DAY);
    let later = readings(&app).await;
    assert_eq!(
        level_of(&later, Indicator::Information),
        (Level::Red, "health-information-never")
    );
    assert_eq!(
        level_of(&later, Indicator::SharedSpace),
        (Level::Red, "health-shared-space-late")
    );
    // The messages' week is now the oldest of the four read, or already
    // out of them: the discussions slow down, or are silent.
    let discussion = level_of(&later, Indicator::Discussion);
    assert!(
        discussion == (Level::Amber, "health-discussion-quieter")
            || discussion == (Level::Red, "health-discussion-quiet"),
        "{discussion:?}"
    );

    // (Sessions do not last a month.)
    let fanny = app.logged_in("fanny@coop.fr", "mot de passe long").await;
    // News and a wiki save turn them green at once (the trigger wrote the
    // facts with the events, in their transactions).
    let res = crate::news::publish(&app, &fanny, "Printemps", "Du texte", "public", None).await;
    assert_eq!(res.status, 303, "{}", res.text);
    let res = fanny
        .post_form(
            "/g/jardins/wiki/semis/edit",
            &[
                ("title", "Semis"),
                ("markdown", "Calendrier des semis"),
                ("base_revision", "0"),
                ("action", "save"),
            ],
        )
        .await;
    assert!(res.status == 303, "{}", res.text);
    let after = readings(&app).await;
    assert_eq!(
        level_of(&after, Indicator::Information),
        (Level::Green, "health-information-green")
    );
    assert_eq!(level_of(&after, Indicator::SharedSpace).0, Level::Green);

    // The page says it in plain French.
    let page = fanny.get("/g/jardins/health").await;
    assert_eq!(page.status, 200, "{}", page.text);
    assert!(
        page.text.contains("Des nouvelles sont parties aujourd"),
        "{}",
        page.text
    );
    assert!(
        page.text.contains("Les discussions ralentissent")
            || page.text.contains("Les discussions sont silencieuses"),
        "{}",
        page.text
    );
}

async fn who_sees_the_health_page_and_bad_settings_change_nothing(backend: Backend) {
    let app = TestApp::start(backend).await;
    let (fanny, gus, nina) = network(&app).await;
    let anonymous = app.browser();
    assert_eq!(anonymous.get("/g/jardins/health").await.status, 401);
    assert_eq!(nina.get("/g/jardins/health").await.status, 403);
    assert_eq!(gus.get("/g/jardins/health").await.status, 403);
    let page = fanny.get("/g/jardins/health").await;
    assert_eq!(page.status, 200, "{}", page.text);
    assert!(page.text.contains("Suivi des projets") && page.text.contains("Réglages"));
    let admin = app.logged_in("admin@coop.fr", "mot de passe long").await;
    assert_eq!(admin.get("/g/jardins/health").await.status, 200);

    let group = app.store.group_by_slug("jardins").await.unwrap().unwrap();
    let before = app.store.health_settings(group.id).await.unwrap();
    let form = |min: &'static str, until: String| {
        vec![
            ("follow_up_days", "21".to_string()),
            ("meetings_days", "45".to_string()),
            ("information_days", "30".to_string()),
            ("discussion_min", min.to_string()),
            ("discussion_max", "60".to_string()),
            ("shared_space_days", "30".to_string()),
            ("pause_until", until),
            ("pause_reason", "pause estivale".to_string()),
            ("public", "on".to_string()),
        ]
    };
    let post = |f: Vec<(&'static str, String)>| {
        let fanny = &fanny;
        async move {
            let pairs: Vec<(&str, &str)> = f.iter().map(|(k, v)| (*k, v.as_str())).collect();
            fanny.post_form("/g/jardins/health/settings", &pairs).await
        }
    };
    // A minimum above the maximum, and a pause ending in the past: refused,
    // said, what was typed kept, nothing saved.
    let res = post(form("80", "2020-01-01".into())).await;
    assert_eq!(res.status, 422, "{}", res.text);
    assert!(res
        .text
        .contains("Le minimum de messages par semaine est plus grand que le maximum"));
    assert!(res.text.contains("Cette date est déjà passée"));
    assert!(
        res.text.contains("value=\"80\""),
        "the typed minimum is shown again"
    );
    assert_eq!(app.store.health_settings(group.id).await.unwrap(), before);
    // Not a number, not a date.
    let mut odd = form("1", "demain".into());
    odd[0].1 = "deux semaines".into();
    let res = post(odd).await;
    assert_eq!(res.status, 422, "{}", res.text);
    assert!(res
        .text
        .contains("Donnez un nombre de jours entre 1 et 366"));
    assert_eq!(app.store.health_settings(group.id).await.unwrap(), before);
    // A member may not change them.
    let res = gus
        .post_form("/g/jardins/health/settings", &[("follow_up_days", "5")])
        .await;
    assert_eq!(res.status, 403);

    // Good settings: saved, paused, and members now see the page.
    let until = chrono::DateTime::from_timestamp(app.store.now() + 60 * DAY, 0)
        .unwrap()
        .format("%Y-%m-%d")
        .to_string();
    let res = post(form("2", until.clone())).await;
    assert_eq!(res.status, 303, "{}", res.text);
    let saved = app.store.health_settings(group.id).await.unwrap();
    assert_eq!(saved.thresholds.follow_up_days, 21);
    assert_eq!(saved.thresholds.discussion_min, 2);
    assert!(saved.public);
    assert_eq!(saved.pause.as_ref().unwrap().reason, "pause estivale");
    let page = gus.get("/g/jardins/health").await;
    assert_eq!(page.status, 200, "{}", page.text);
    assert!(
        page.text.contains("Les alertes sont en pause"),
        "{}",
        page.text
    );
    assert!(
        !page.text.contains("Réglages"),
        "members do not see the settings"
    );
    assert_eq!(nina.get("/g/jardins/health").await.status, 403);

    // "Not relevant for us" needs a reason.
    let res = fanny
        .post_form("/g/jardins/health/follow_up/relevance", &[("reason", " ")])
        .await;
    assert_eq!(res.status, 422, "{}", res.text);
    assert!(res.text.contains("Dites en quelques mots pourquoi"));
    let res = fanny
        .post_form(
            "/g/jardins/health/follow_up/relevance",
            &[("reason", "Nous n'avons pas de projets")],
        )
        .await;
    assert_eq!(res.status, 303, "{}", res.text);
    let page = fanny.get("/g/jardins/health").await;
    assert!(
        page.text.contains("Nous n'avons pas de projets"),
        "{}",
        page.text
    );
    let res = fanny
        .post_form(
            "/g/jardins/health/follow_up/relevance",
            &[("relevant", "on")],
        )
        .await;
    assert_eq!(res.status, 303);
    let settings = app.store.health_settings(group.id).await.unwrap();
    assert!(settings.not_relevant.is_empty());
    assert_eq!(
        fanny
            .post_form("/g/jardins/health/nothing/relevance", &[("relevant", "on")])
            .await
            .status,
        404
    );
}
