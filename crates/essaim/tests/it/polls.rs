//! Date polls through HTTP, on both databases: answers with and without an
//! account (and changed later from a guest's private link), the best
//! options, the one reminder driven by the clock, closing on a date that
//! becomes a meeting in the group's calendar and tells everyone who
//! answered, refusals, members-only polls, and the API.

use serde_json::json;

use crate::both;
use crate::meetings::{count_of, email_of, event_titled, local_in, network, parse_ics};
use crate::support::openapi::Api;
use crate::support::{extract, Backend, Browser, TestApp};

both!(
    a_poll_is_answered_with_and_without_accounts_then_closed,
    bad_polls_and_late_answers_are_refused,
    members_only_polls_and_the_api,
);

/// The option ids of a poll page, in order.
fn option_ids(page: &str) -> Vec<String> {
    let mut ids = Vec::new();
    for piece in page.split(r#"name="choice_"#).skip(1) {
        let id: String = piece.chars().take_while(char::is_ascii_digit).collect();
        if !ids.contains(&id) {
            ids.push(id);
        }
    }
    ids
}

async fn new_poll(fanny: &Browser, fields: &[(&str, &str)]) -> String {
    let res = fanny.post_form("/g/jardins/polls/new", fields).await;
    assert_eq!(res.status, 303, "{}", res.text);
    let path = res.location();
    assert!(path.starts_with("/p/"), "{path}");
    path
}

async fn a_poll_is_answered_with_and_without_accounts_then_closed(backend: Backend) {
    let app = TestApp::start(backend).await;
    let (fanny, gus, _) = network(&app).await;
    let poll = new_poll(
        &fanny,
        &[
            ("title", "Fête du printemps"),
            ("date_1", &local_in(5, 18, 30)),
            ("date_2", &local_in(6, 18, 30)),
            ("free_1", "Un samedi matin"),
            ("deadline", &local_in(3, 12, 0)),
            ("duration_minutes", "90"),
            ("guests_allowed", "on"),
            ("timezone", "Europe/Paris"),
        ],
    )
    .await;
    let page = gus.get(&poll).await;
    assert_eq!(page.status, 200, "{}", page.text);
    let ids = option_ids(&page.text);
    assert_eq!(ids.len(), 3, "{}", page.text);
    assert!(page.text.contains("Un samedi matin"));
    let c = |i: usize| format!("choice_{}", ids[i]);
    // Gus, a member, answers.
    let res = gus
        .post_form(
            &format!("{poll}/answer"),
            &[
                (&c(0), "no"),
                (&c(1), "yes"),
                (&c(2), "if_need_be"),
                ("comment", "Plutôt le soir"),
            ],
        )
        .await;
    assert_eq!(res.status, 303, "{}", res.text);
    assert_eq!(res.location(), format!("{poll}?saved=1"));
    // Zoé has no account: she answers with her name and gets a private link.
    let zoe = app.browser();
    let missing_name = zoe
        .post_form(&format!("{poll}/answer"), &[(&c(0), "yes")])
        .await;
    assert_eq!(missing_name.status, 422);
    assert!(
        missing_name.text.contains("Indiquez votre nom"),
        "{}",
        missing_name.text
    );
    let res = zoe
        .post_form(
            &format!("{poll}/answer"),
            &[("name", "Zoé"), (&c(0), "if_need_be"), (&c(1), "yes")],
        )
        .await;
    assert_eq!(res.status, 303, "{}", res.text);
    let private = res.location();
    assert!(private.starts_with(&format!("{poll}/k/")), "{private}");
    let mine = zoe.get(&private).await;
    assert!(mine.text.contains("Gardez ce lien"), "{}", mine.text);
    let key = extract(&private, "/k/", '?').unwrap();
    // She changes her answers later from that link (another browser, same
    // link, in English).
    let later = app.browser_lang("en");
    let form = later.get(private.split('?').next().unwrap()).await;
    assert_eq!(form.status, 200);
    assert!(
        form.text.contains(r#"value="Zoé""#),
        "her answers are shown"
    );
    // She may leave an address to be told the date chosen: a wrong one is
    // refused, what she typed kept, nothing changed.
    let typo = later
        .post_form(
            &format!("{poll}/answer"),
            &[
                ("name", "Zoé"),
                ("email", "zoe.exemple.org"),
                ("key", &key),
                (&c(0), "no"),
            ],
        )
        .await;
    assert_eq!(typo.status, 422);
    assert!(typo.text.contains("This email address does not look right"));
    assert!(typo.text.contains(r#"value="zoe.exemple.org""#));
    let res = later
        .post_form(
            &format!("{poll}/answer"),
            &[
                ("name", "Zoé"),
                ("email", " Zoe@Exemple.org "),
                ("key", &key),
                (&c(0), "yes"),
                (&c(1), "if_need_be"),
            ],
        )
        .await;
    assert_eq!(res.status, 303, "{}", res.text);
    // Her link shows it back to her; nobody else ever sees it.
    assert!(later
        .get(private.split('?').next().unwrap())
        .await
        .text
        .contains(r#"value="zoe@exemple.org""#));
    let wrong = later
        .post_form(
            &format!("{poll}/answer"),
            &[("name", "Zoé"), ("key", "0000"), (&c(0), "yes")],
        )
        .await;
    assert_eq!(wrong.status, 404);
    assert_eq!(
        app.browser().get(&format!("{poll}/k/0000")).await.status,
        404
    );
    // Results: one row each (Zoé changed, not duplicated); option 2 is best.
    let token = poll.trim_start_matches("/p/");
    let api = Api::new(&app.base, None);
    let shown = api.get(&format!("/polls/{token}")).await;
    assert_eq!(shown.status, 200, "{}", shown.text);
    let body = shown.json();
    assert_eq!(body["answers"].as_array().unwrap().len(), 2, "{body}");
    let best: Vec<bool> = body["options"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["best"].as_bool().unwrap())
        .collect();
    assert_eq!(best, vec![false, true, false], "{body}");
    assert_eq!(body["options"][1]["yes"], 1);
    assert_eq!(body["options"][1]["if_need_be"], 1);
    assert_eq!(body["options"][0]["yes"], 1);
    let table = app.browser().get(&poll).await;
    assert!(table.text.contains(r#"class="best""#));
    assert!(table.text.contains("Plutôt le soir"));
    // The one reminder before the deadline: to Fanny (member, no answer), not Gus.
    app.run_jobs().await;
    assert_eq!(count_of(&app, "fanny@coop.fr", "poll-reminder").await, 0);
    // An hour past the reminder's time: a day before the deadline (the
    // deadline is a Paris date and hour, so how far it is depends on the
    // hour the test runs).
    let deadline =
        chrono::NaiveDateTime::parse_from_str(&local_in(3, 12, 0), "%Y-%m-%dT%H:%M").unwrap();
    let deadline = chrono::TimeZone::from_local_datetime(&chrono_tz::Europe::Paris, &deadline)
        .single()
        .unwrap()
        .timestamp();
    let reminder_at = essaim_domain::polls::poll_reminder_time(app.store.now(), deadline);
    app.store
        .clock()
        .advance(reminder_at - app.store.now() + 3600);
    app.run_jobs().await;
    assert_eq!(count_of(&app, "fanny@coop.fr", "poll-reminder").await, 1);
    assert_eq!(count_of(&app, "gus@coop.fr", "poll-reminder").await, 0);
    app.store.clock().advance(3600);
    app.run_jobs().await;
    assert_eq!(count_of(&app, "fanny@coop.fr", "poll-reminder").await, 1);
    let reminder = email_of(&app, "fanny@coop.fr", "poll-reminder").await;
    assert!(reminder.text_body.contains(&poll), "{}", reminder.text_body);
    // Gus may not close it; Fanny closes on the best date.
    assert_eq!(
        gus.post_form(&format!("{poll}/close"), &[("option", &ids[1])])
            .await
            .status,
        403
    );
    let none = fanny.post_form(&format!("{poll}/close"), &[]).await;
    assert_eq!(none.status, 422);
    let closed = fanny
        .post_form(&format!("{poll}/close"), &[("option", &ids[1])])
        .await;
    assert_eq!(closed.status, 303, "{}", closed.text);
    let meeting = closed.location();
    assert!(meeting.starts_with("/g/jardins/meetings/"), "{meeting}");
    let page = app.browser().get(&meeting).await;
    assert!(page.text.contains("Fête du printemps"));
    assert!(page.text.contains("18 h 30 – 20 h 00"), "{}", page.text);
    // In the group's calendar, page and feed.
    assert!(app
        .browser()
        .get("/g/jardins/meetings")
        .await
        .text
        .contains("Fête du printemps"));
    let (_, events) = parse_ics(&app.browser().get("/g/jardins/meetings.ics").await.text);
    assert!(event_titled(&events, "Fête du printemps").is_some());
    assert!(!fanny.get(&poll).await.text.contains("exemple.org"));
    assert!(!api
        .get(&format!("/polls/{token}"))
        .await
        .text
        .contains("exemple.org"));
    // Everyone who answered with an account is told, and the guest who left
    // an address, in the language she answered in.
    app.run_jobs().await;
    assert_eq!(count_of(&app, "gus@coop.fr", "poll-closed").await, 1);
    assert_eq!(count_of(&app, "zoe@exemple.org", "poll-closed").await, 1);
    let guest = email_of(&app, "zoe@exemple.org", "poll-closed").await;
    assert!(
        guest.subject.starts_with("Date chosen: Fête du printemps"),
        "{}",
        guest.subject
    );
    let told = email_of(&app, "gus@coop.fr", "poll-closed").await;
    assert!(
        told.subject.starts_with("Date choisie : Fête du printemps"),
        "{}",
        told.subject
    );
    // Answers after closing: refused, nothing changed.
    let late = later
        .post_form(
            &format!("{poll}/answer"),
            &[("name", "Zoé"), ("key", &key), (&c(0), "no")],
        )
        .await;
    assert_eq!(late.status, 422);
    assert!(late.text.contains("This poll is closed"), "{}", late.text);
    let after = api.get(&format!("/polls/{token}")).await.json();
    assert_eq!(after["options"][0]["yes"], 1);
    assert_eq!(after["status"], "closed");
    let twice = fanny
        .post_form(&format!("{poll}/close"), &[("option", &ids[0])])
        .await;
    assert_eq!(twice.status, 422);
}

async fn bad_polls_and_late_answers_are_refused(backend: Backend) {
    let app = TestApp::start(backend).await;
    let (fanny, _, nina) = network(&app).await;
    let res = fanny
        .post_form("/g/jardins/polls/new", &[("title", "Sans date")])
        .await;
    assert_eq!(res.status, 422);
    assert!(
        res.text.contains("Proposez au moins une date ou un choix."),
        "{}",
        res.text
    );
    assert!(
        res.text.contains(r#"value="Sans date""#),
        "typed title kept"
    );
    let res = fanny
        .post_form(
            "/g/jardins/polls/new",
            &[
                ("title", "Hier"),
                ("date_1", &local_in(-1, 18, 0)),
                ("date_2", &local_in(4, 18, 0)),
            ],
        )
        .await;
    assert_eq!(res.status, 422);
    assert!(
        res.text
            .contains("Une des dates proposées est déjà passée."),
        "{}",
        res.text
    );
    assert!(res.text.contains(&local_in(4, 18, 0)), "typed dates kept");
    let res = fanny
        .post_form(
            "/g/jardins/polls/new",
            &[
                ("title", "Trop tard"),
                ("date_1", &local_in(4, 18, 0)),
                ("deadline", &local_in(-2, 12, 0)),
            ],
        )
        .await;
    assert_eq!(res.status, 422);
    assert!(res.text.contains("La date limite est déjà passée."));
    assert_eq!(
        nina.post_form(
            "/g/jardins/polls/new",
            &[("title", "x"), ("date_1", &local_in(4, 18, 0))]
        )
        .await
        .status,
        403
    );
    // Past its deadline a poll takes no answer.
    let poll = new_poll(
        &fanny,
        &[
            ("title", "Vite"),
            ("date_1", &local_in(4, 18, 0)),
            ("deadline", &local_in(1, 12, 0)),
            ("guests_allowed", "on"),
        ],
    )
    .await;
    let ids = option_ids(&fanny.get(&poll).await.text);
    app.store.clock().advance(3 * 86_400);
    let res = app
        .browser()
        .post_form(
            &format!("{poll}/answer"),
            &[("name", "Léa"), (&format!("choice_{}", ids[0]), "yes")],
        )
        .await;
    assert_eq!(res.status, 422);
    assert!(res.text.contains("Ce sondage est fermé"));
    let token = poll.trim_start_matches("/p/");
    let body = Api::new(&app.base, None)
        .get(&format!("/polls/{token}"))
        .await
        .json();
    assert_eq!(body["answers"].as_array().unwrap().len(), 0);
    assert_eq!(app.browser().get("/p/inconnu").await.status, 404);
}

async fn members_only_polls_and_the_api(backend: Backend) {
    let app = TestApp::start(backend).await;
    let (fanny, gus, nina) = network(&app).await;
    // Members only, no guests: the link alone does not open it.
    let poll = new_poll(
        &fanny,
        &[
            ("title", "Bureau"),
            ("date_1", &local_in(8, 18, 0)),
            ("visibility", "members"),
        ],
    )
    .await;
    assert_eq!(app.browser().get(&poll).await.status, 401);
    assert_eq!(nina.get(&poll).await.status, 404);
    assert_eq!(gus.get(&poll).await.status, 200);
    let token = poll.trim_start_matches("/p/").to_string();
    assert_eq!(
        Api::new(&app.base, None)
            .get(&format!("/polls/{token}"))
            .await
            .status,
        401
    );
    assert!(!app
        .browser()
        .get("/g/jardins/meetings")
        .await
        .text
        .contains("Bureau"));
    assert!(gus.get("/g/jardins/meetings").await.text.contains("Bureau"));
    // A guest may not answer it through the API either.
    let res = Api::new(&app.base, None)
        .post(
            &format!("/polls/{token}/answers"),
            &json!({"name": "Intrus", "choices": {}}),
        )
        .await;
    assert_eq!(res.status, 401);

    // Through the API: created with offsets, answered by a guest and a member.
    let user = app
        .store
        .user_by_email("fanny@coop.fr")
        .await
        .unwrap()
        .unwrap();
    let fanny_api = Api::new(
        &app.base,
        Some(&app.store.create_api_token(user.id, "t").await.unwrap().1),
    );
    let date = |days: i64| {
        chrono::DateTime::from_timestamp(app.store.now() + days * 86_400, 0)
            .unwrap()
            .to_rfc3339()
    };
    let bad = fanny_api
        .post(
            "/groups/jardins/polls",
            &json!({"title": "Sans option", "options": []}),
        )
        .await;
    assert_eq!(bad.status, 422);
    let bad = fanny_api
        .post(
            "/groups/jardins/polls",
            &json!({"title": "Sans décalage", "options": [{"starts_at": "2031-01-01T18:00"}]}),
        )
        .await;
    assert_eq!(bad.status, 422);
    let made = fanny_api
        .post(
            "/groups/jardins/polls",
            &json!({
                "title": "Par l'API",
                "guests_allowed": true,
                "options": [{"starts_at": date(9)}, {"starts_at": date(10)}, {"label": "Un dimanche"}]
            }),
        )
        .await;
    assert_eq!(made.status, 201, "{}", made.text);
    let body = made.json();
    let token = body["token"].as_str().unwrap().to_string();
    let first = body["options"][0]["id"].to_string();
    let guest = Api::new(&app.base, None)
        .post(
            &format!("/polls/{token}/answers"),
            &json!({"name": "Lou", "choices": {first.clone(): "yes"}}),
        )
        .await;
    assert_eq!(guest.status, 200, "{}", guest.text);
    let key = guest.json()["key"].as_str().unwrap().to_string();
    let again = Api::new(&app.base, None)
        .post(
            &format!("/polls/{token}/answers"),
            &json!({"name": "Lou", "key": key, "choices": {first.clone(): "if_need_be"}}),
        )
        .await;
    assert_eq!(again.status, 200, "{}", again.text);
    assert!(again.json()["key"].is_null());
    let user = app
        .store
        .user_by_email("gus@coop.fr")
        .await
        .unwrap()
        .unwrap();
    let gus_api = Api::new(
        &app.base,
        Some(&app.store.create_api_token(user.id, "t").await.unwrap().1),
    );
    let res = gus_api
        .post(
            &format!("/polls/{token}/answers"),
            &json!({"choices": {first.clone(): "yes"}}),
        )
        .await;
    assert_eq!(res.status, 200, "{}", res.text);
    let body = res.json();
    assert_eq!(body["answers"].as_array().unwrap().len(), 2);
    assert_eq!(body["answers"][1]["name"], "Gus");
    assert_eq!(body["options"][0]["yes"], 1);
    assert_eq!(body["options"][0]["if_need_be"], 1);
    let bad_choice = gus_api
        .post(
            &format!("/polls/{token}/answers"),
            &json!({"choices": {first: "peut-être"}}),
        )
        .await;
    assert_eq!(bad_choice.status, 422);
}
