//! Meetings through HTTP, on both databases: scheduling, answering, feeds
//! read by a real iCalendar parser (the `ical` crate) across a
//! daylight-saving change, the invitation's `.ics`, series driven by the
//! clock, minutes in the wiki, keeping regular groups alive, and
//! members-only meetings staying closed through every door.

use std::collections::HashMap;

use chrono::{Datelike, Duration, NaiveDate, TimeZone, Weekday};
use chrono_tz::Europe::Paris;
use serde_json::json;

use crate::both;
use crate::support::openapi::Api;
use crate::support::{extract, Backend, Browser, Options, TestApp};

both!(
    meetings_are_found_in_every_calendar_at_the_right_time,
    members_only_meetings_stay_closed_through_every_door,
    bad_input_is_refused_and_changes_nothing,
    series_grow_ahead_and_one_date_changes_alone,
    reminders_and_minutes_follow_the_clock,
    regular_groups_are_kept_alive,
    the_demo_network_has_meetings_a_series_a_poll_and_minutes,
    the_agenda_shows_fifty_meetings_a_page,
    the_minutes_of_a_members_only_meeting_are_for_members,
);

/// One event of a parsed calendar: property name → (value, parameters).
pub type Event = HashMap<String, (String, Vec<(String, Vec<String>)>)>;

/// Parses an iCalendar text with the `ical` crate; returns the calendar's
/// own properties and its events. Also checks RFC 5545's line rules.
pub fn parse_ics(text: &str) -> (HashMap<String, String>, Vec<Event>) {
    for line in text.split("\r\n") {
        assert!(line.len() <= 75, "line longer than 75 octets: {line}");
        assert!(!line.contains('\n'), "bare line feed in {line:?}");
    }
    assert!(text.ends_with("END:VCALENDAR\r\n"), "{text}");
    let mut parser = ical::IcalParser::new(std::io::BufReader::new(text.as_bytes()));
    let calendar = parser
        .next()
        .expect("one calendar")
        .unwrap_or_else(|e| panic!("not a valid calendar ({e}):\n{text}"));
    assert!(parser.next().is_none(), "a single calendar");
    let props = calendar
        .properties
        .iter()
        .map(|p| (p.name.clone(), p.value.clone().unwrap_or_default()))
        .collect();
    let events = calendar
        .events
        .iter()
        .map(|e| {
            e.properties
                .iter()
                .map(|p| {
                    (
                        p.name.clone(),
                        (
                            p.value.clone().unwrap_or_default(),
                            p.params.clone().unwrap_or_default(),
                        ),
                    )
                })
                .collect()
        })
        .collect();
    (props, events)
}

/// The value of `name` in an event.
pub fn prop<'a>(event: &'a Event, name: &str) -> &'a str {
    event
        .get(name)
        .map(|(v, _)| v.as_str())
        .unwrap_or_else(|| panic!("no {name} in {event:?}"))
}

/// The event whose summary contains `title`.
pub fn event_titled<'a>(events: &'a [Event], title: &str) -> Option<&'a Event> {
    events.iter().find(|e| prop(e, "SUMMARY").contains(title))
}

/// A local Paris time as the form sends it, `days` from now at `hour:minute`.
pub fn local_in(days: i64, hour: u32, minute: u32) -> String {
    let today = Paris
        .timestamp_opt(chrono::Utc::now().timestamp(), 0)
        .unwrap()
        .date_naive();
    let d = today + Duration::days(days);
    format!("{}T{hour:02}:{minute:02}", d.format("%Y-%m-%d"))
}

/// The Tuesdays just before and just after the next spring change of clocks
/// in Paris (last Sunday of March), at least a week ahead.
fn tuesdays_around_the_change() -> (NaiveDate, NaiveDate) {
    let now = chrono::Utc::now().date_naive();
    let mut year = now.year();
    loop {
        let mut sunday = NaiveDate::from_ymd_opt(year, 3, 31).unwrap();
        while sunday.weekday() != Weekday::Sun {
            sunday = sunday.pred_opt().unwrap();
        }
        let before = sunday - Duration::days(5);
        if before > now + Duration::days(7) {
            return (before, sunday + Duration::days(2));
        }
        year += 1;
    }
}

/// An instance with an admin, the facilitator Fanny of the listed group
/// `jardins` (keyword `jardin`), its member Gus and Nina who is not a member.
pub async fn network(app: &TestApp) -> (Browser, Browser, Browser) {
    app.user("Admin", "admin@coop.fr", "mot de passe long")
        .await;
    for (name, email) in [
        ("Fanny", "fanny@coop.fr"),
        ("Gus", "gus@coop.fr"),
        ("Nina", "nina@coop.fr"),
    ] {
        app.user(name, email, "mot de passe long").await;
    }
    let admin = app.logged_in("admin@coop.fr", "mot de passe long").await;
    let fanny = app.logged_in("fanny@coop.fr", "mot de passe long").await;
    let res = fanny
        .post_form(
            "/groups/new",
            &crate::groups::card("Jardins partagés", "jardins"),
        )
        .await;
    assert_eq!(res.status, 303, "{}", res.text);
    admin
        .post_form("/admin/groups/jardins/review", &[("decision", "approve")])
        .await;
    let gus = app.logged_in("gus@coop.fr", "mot de passe long").await;
    assert_eq!(gus.post_form("/g/jardins/join", &[]).await.status, 303);
    let nina = app.logged_in("nina@coop.fr", "mot de passe long").await;
    (fanny, gus, nina)
}

/// Schedules a meeting through the form; returns its path.
pub async fn schedule(
    b: &Browser,
    title: &str,
    starts: &str,
    ends: &str,
    extra: &[(&str, &str)],
) -> String {
    let mut fields = vec![("title", title), ("starts_at", starts), ("ends_at", ends)];
    fields.extend_from_slice(extra);
    let res = b.post_form("/g/jardins/meetings/new", &fields).await;
    assert_eq!(res.status, 303, "{}", res.text);
    res.location()
}

/// The newest email of `kind` sent to `to`.
pub async fn email_of(app: &TestApp, to: &str, kind: &str) -> essaim_store::outbox::OutboxMessage {
    let summary = app
        .outbox()
        .await
        .into_iter()
        .find(|m| m.to_addr == to && m.kind == kind)
        .unwrap_or_else(|| panic!("no {kind} email to {to}"));
    app.store.outbox_message(summary.id).await.unwrap().unwrap()
}

/// How many outbox messages of `kind` went to `to`.
pub async fn count_of(app: &TestApp, to: &str, kind: &str) -> usize {
    app.outbox()
        .await
        .into_iter()
        .filter(|m| m.to_addr == to && m.kind == kind)
        .count()
}

async fn token_of(app: &TestApp, email: &str) -> String {
    let user = app.store.user_by_email(email).await.unwrap().unwrap();
    app.store.create_api_token(user.id, "test").await.unwrap().1
}

async fn meetings_are_found_in_every_calendar_at_the_right_time(backend: Backend) {
    let app = TestApp::start_with(
        backend,
        Options {
            smtp: true,
            ..Options::default()
        },
    )
    .await;
    let (fanny, gus, _) = network(&app).await;
    let (before, after) = tuesdays_around_the_change();
    let at = |d: NaiveDate, h: u32| format!("{}T{h:02}:00", d.format("%Y-%m-%d"));
    let winter = schedule(
        &fanny,
        "Atelier compost; semis, récolte",
        &at(before, 19),
        &at(before, 21),
        &[
            ("address", "12 rue des Lilas, Lyon"),
            ("latitude", "45,76"),
            ("longitude", "4,83"),
        ],
    )
    .await;
    let summer = schedule(
        &fanny,
        "Chantier collectif",
        &at(after, 19),
        &at(after, 21),
        &[("online_url", "https://visio.example.org/jardins")],
    )
    .await;
    assert!(winter.starts_with("/g/jardins/meetings/"), "{winter}");

    // The page says when, in the group's local time.
    let page = app.browser().get(&summer).await;
    assert_eq!(page.status, 200, "{}", page.text);
    assert!(page.text.contains("19 h 00 – 21 h 00"), "{}", page.text);
    assert!(page.text.contains("Ajouter à mon agenda"));

    // The group's feed, read by a real parser: 19:00 in Paris is 18:00 UTC
    // before the change and 17:00 UTC after it.
    let feed = app.browser().get("/g/jardins/meetings.ics").await;
    assert_eq!(feed.status, 200);
    assert!(feed
        .header("content-type")
        .unwrap()
        .starts_with("text/calendar"));
    let (props, events) = parse_ics(&feed.text);
    assert_eq!(props["VERSION"], "2.0");
    assert_eq!(events.len(), 2, "{}", feed.text);
    let w = event_titled(&events, "Atelier compost").expect("winter meeting");
    let s = event_titled(&events, "Chantier collectif").expect("summer meeting");
    assert_eq!(
        prop(w, "DTSTART"),
        format!("{}T180000Z", before.format("%Y%m%d"))
    );
    assert_eq!(
        prop(s, "DTSTART"),
        format!("{}T170000Z", after.format("%Y%m%d"))
    );
    assert_eq!(
        prop(s, "DTEND"),
        format!("{}T190000Z", after.format("%Y%m%d"))
    );
    // Text is escaped as RFC 5545 asks.
    assert!(
        prop(w, "SUMMARY").contains("compost\\; semis\\, récolte"),
        "{w:?}"
    );
    assert_eq!(prop(w, "GEO"), "45.760000;4.830000");
    assert!(prop(s, "LOCATION").contains("visio.example.org"));
    assert_ne!(prop(w, "UID"), prop(s, "UID"));

    // The ecosystem's feed and the single event.
    let eco = app.browser().get("/e/jardin/meetings.ics").await;
    assert_eq!(parse_ics(&eco.text).1.len(), 2, "{}", eco.text);
    assert_eq!(
        parse_ics(&app.browser().get("/e/autre/meetings.ics").await.text)
            .1
            .len(),
        0
    );
    let one = app.browser().get(&format!("{summer}/meeting.ics")).await;
    let (one_props, one_events) = parse_ics(&one.text);
    assert_eq!(one_props["METHOD"], "PUBLISH");
    assert_eq!(prop(&one_events[0], "DTSTART"), prop(s, "DTSTART"));

    // The API gives RFC 3339 with the offset of the day.
    let api = Api::new(&app.base, None);
    let list = api.get("/meetings?keyword=jardin").await;
    assert_eq!(list.status, 200, "{}", list.text);
    let starts: Vec<String> = list.json()["meetings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["starts_at"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(
        starts,
        vec![
            format!("{}T19:00:00+01:00", before.format("%Y-%m-%d")),
            format!("{}T19:00:00+02:00", after.format("%Y-%m-%d"))
        ]
    );
    assert_eq!(
        api.get("/meetings?region=Bretagne").await.json()["meetings"]
            .as_array()
            .unwrap()
            .len(),
        0
    );
    assert_eq!(
        api.get("/groups/jardins/meetings").await.json()["meetings"]
            .as_array()
            .unwrap()
            .len(),
        2
    );

    // Created through the API too, with an offset.
    let fanny_api = Api::new(&app.base, Some(&token_of(&app, "fanny@coop.fr").await));
    let created = fanny_api
        .post(
            "/groups/jardins/meetings",
            &json!({
                "title": "Assemblée",
                "description": "Ordre du jour\u{1e}\u{1f} : budget",
                "starts_at": format!("{}T18:00:00+02:00", after.format("%Y-%m-%d")),
                "ends_at": format!("{}T20:00:00+02:00", after.format("%Y-%m-%d")),
                "capacity": 30
            }),
        )
        .await;
    assert_eq!(created.status, 201, "{}", created.text);
    assert_eq!(created.json()["timezone"], "Europe/Paris");
    assert_eq!(created.json()["capacity"], 30);
    // Control characters in a description never break a feed.
    let (_, events) = parse_ics(&app.browser().get("/e/jardin/meetings.ics").await.text);
    assert_eq!(events.len(), 3);
    let assembly = event_titled(&events, "Assemblée").expect("the API's meeting");
    assert!(
        prop(assembly, "DESCRIPTION").starts_with("Ordre du jour : budget"),
        "{assembly:?}"
    );

    // Gus says he comes; the organizer sees who.
    let res = gus
        .post_form(&format!("{summer}/answer"), &[("answer", "going")])
        .await;
    assert_eq!(res.status, 303, "{}", res.text);
    let seen = fanny.get(&summer).await;
    assert!(seen.text.contains("Gus — Je viens"), "{}", seen.text);
    assert!(seen.text.contains("Une personne vient"));
    assert!(!app
        .browser()
        .get(&summer)
        .await
        .text
        .contains("Gus — Je viens"));

    // Invitations: each member got one per meeting, with an `.ics`
    // (METHOD:REQUEST) that a real parser reads; Nina (not a member) none.
    app.run_jobs().await;
    app.run_jobs().await;
    let smtp = app.smtp.as_ref().unwrap();
    let messages = smtp.wait_for(6, std::time::Duration::from_secs(10)).await;
    let to = |who: &str| -> Vec<&crate::support::smtp::Captured> {
        messages
            .iter()
            .filter(|m| m.rcpt_to.iter().any(|r| r == who))
            .collect()
    };
    assert!(to("nina@coop.fr").is_empty());
    assert_eq!(to("gus@coop.fr").len(), 3, "{messages:?}");
    let invitation = to("gus@coop.fr")
        .into_iter()
        .map(|m| {
            mail_parser::MessageParser::default()
                .parse(&m.data)
                .expect("message")
        })
        .find(|m| {
            m.subject()
                .unwrap_or_default()
                .contains("Chantier collectif")
        })
        .expect("the summer invitation");
    assert!(invitation
        .subject()
        .unwrap()
        .starts_with("Invitation : Chantier collectif"));
    use mail_parser::MimeHeaders;
    let part = invitation
        .attachments()
        .find(|p| {
            p.content_type()
                .is_some_and(|c| c.ctype() == "text" && c.subtype() == Some("calendar"))
        })
        .expect("a text/calendar part");
    let ct = part.content_type().unwrap();
    assert_eq!(ct.attribute("method"), Some("REQUEST"));
    let ics = String::from_utf8(part.contents().to_vec()).unwrap();
    let (props, events) = parse_ics(&ics);
    assert_eq!(props["METHOD"], "REQUEST");
    assert_eq!(
        prop(&events[0], "DTSTART"),
        format!("{}T170000Z", after.format("%Y%m%d"))
    );
    assert_eq!(prop(&events[0], "UID"), prop(s, "UID"));
    assert!(prop(&events[0], "ATTENDEE").contains("gus@coop.fr"));
    assert!(prop(&events[0], "ORGANIZER").starts_with("mailto:"));

    // Feeds join each meeting's kept event text: read again, the same
    // calendar byte for byte; a changed meeting and a renamed group are
    // written again at once.
    let first = app.browser().get("/e/jardin/meetings.ics").await.text;
    assert_eq!(
        app.browser().get("/e/jardin/meetings.ics").await.text,
        first
    );
    let moved = fanny
        .post_form(
            &format!("{summer}/edit"),
            &[
                ("title", "Chantier collectif (jardin du bas)"),
                ("starts_at", &at(after, 18)),
                ("ends_at", &at(after, 20)),
            ],
        )
        .await;
    assert_eq!(moved.status, 303, "{}", moved.text);
    app.store
        .db()
        .execute(
            essaim_store::db::q("UPDATE groups SET name = $1 WHERE slug = $2")
                .bind("Jardins partagés du Vieux-Lyon")
                .bind("jardins"),
        )
        .await
        .unwrap();
    for path in ["/e/jardin/meetings.ics", "/g/jardins/meetings.ics"] {
        let (_, events) = parse_ics(&app.browser().get(path).await.text);
        assert_eq!(events.len(), 3);
        let moved = event_titled(&events, "jardin du bas").expect("the moved meeting");
        assert_eq!(
            prop(moved, "DTSTART"),
            format!("{}T160000Z", after.format("%Y%m%d"))
        );
        assert_eq!(prop(moved, "SEQUENCE"), "1");
        assert!(events
            .iter()
            .all(|e| prop(e, "SUMMARY").ends_with("(Jardins partagés du Vieux-Lyon)")));
    }
    // A feed holds at most its limit: the soonest events, cut at a start
    // time (the two at 16:00 UTC go together).
    let group = app.store.group_by_slug("jardins").await.unwrap().unwrap();
    let limited = app
        .store
        .written_feed(
            &essaim_store::meetings::MeetingQuery {
                group_id: Some(group.id),
                with_cancelled: true,
                limit: 2,
                ..Default::default()
            },
            "another instance",
        )
        .await
        .unwrap();
    assert!(limited.text.is_empty(), "nothing written for that instance");
    let winter_id: i64 = winter.rsplit('/').next().unwrap().parse().unwrap();
    assert_eq!(limited.stale, vec![winter_id]);
}

async fn members_only_meetings_stay_closed_through_every_door(backend: Backend) {
    let app = TestApp::start(backend).await;
    let (fanny, gus, nina) = network(&app).await;
    let open = schedule(
        &fanny,
        "Portes ouvertes",
        &local_in(10, 14, 0),
        &local_in(10, 17, 0),
        &[],
    )
    .await;
    let closed = schedule(
        &fanny,
        "Réunion du bureau",
        &local_in(12, 18, 0),
        &local_in(12, 20, 0),
        &[("visibility", "members")],
    )
    .await;
    let anonymous = app.browser();
    // The page.
    assert_eq!(anonymous.get(&open).await.status, 200);
    assert_eq!(anonymous.get(&closed).await.status, 404);
    assert_eq!(nina.get(&closed).await.status, 404);
    assert_eq!(
        anonymous.get(&format!("{closed}/meeting.ics")).await.status,
        404
    );
    let page = gus.get(&closed).await;
    assert_eq!(page.status, 200);
    assert!(page.text.contains("Réservée aux membres"));
    // The group's calendar page and the agenda.
    for (who, sees) in [(&anonymous, false), (&nina, false), (&gus, true)] {
        assert_eq!(
            who.get("/g/jardins/meetings")
                .await
                .text
                .contains("Réunion du bureau"),
            sees
        );
        assert_eq!(
            who.get("/agenda").await.text.contains("Réunion du bureau"),
            sees
        );
        assert!(who
            .get("/agenda?keyword=jardin")
            .await
            .text
            .contains("Portes ouvertes"));
    }
    // Public feeds never hold it, whoever asks.
    for path in ["/g/jardins/meetings.ics", "/e/jardin/meetings.ics"] {
        let text = gus.get(path).await.text;
        let (_, events) = parse_ics(&text);
        assert!(event_titled(&events, "Portes ouvertes").is_some(), "{path}");
        assert!(
            event_titled(&events, "Réunion du bureau").is_none(),
            "{path}"
        );
    }
    // The API: anonymous and non-members do not see it; members do.
    let count = |api: Api| async move {
        let res = api.get("/meetings").await;
        assert_eq!(res.status, 200, "{}", res.text);
        res.json()["meetings"].as_array().unwrap().len()
    };
    assert_eq!(count(Api::new(&app.base, None)).await, 1);
    assert_eq!(
        count(Api::new(
            &app.base,
            Some(&token_of(&app, "nina@coop.fr").await)
        ))
        .await,
        1
    );
    assert_eq!(
        count(Api::new(
            &app.base,
            Some(&token_of(&app, "gus@coop.fr").await)
        ))
        .await,
        2
    );
    assert_eq!(
        Api::new(&app.base, Some("essaim_wrong"))
            .get("/meetings")
            .await
            .status,
        401
    );
    // Search: the site's, the group's and the API's.
    for (who, sees) in [(&anonymous, false), (&nina, false), (&gus, true)] {
        for path in ["/search?q=bureau", "/g/jardins/search?q=bureau"] {
            let text = who.get(path).await.text;
            assert_eq!(text.contains("Réunion du bureau"), sees, "{path}");
        }
        let found = who.get("/search?q=portes+ouvertes").await.text;
        assert!(found.contains("Portes ouvertes") && found.contains("Rencontre"));
    }
    let hits = |api: Api| async move {
        api.get("/search?q=bureau").await.json()["results"]
            .as_array()
            .unwrap()
            .len()
    };
    assert_eq!(hits(Api::new(&app.base, None)).await, 0);
    let gus_api = Api::new(&app.base, Some(&token_of(&app, "gus@coop.fr").await));
    assert_eq!(hits(gus_api).await, 1);
    // Nina may not answer a meeting she cannot see.
    assert_eq!(
        nina.post_form(&format!("{closed}/answer"), &[("answer", "going")])
            .await
            .status,
        404
    );

    // The private feed holds it for Gus; a wrong or revoked key gives nothing.
    let made = gus.post_form("/my/calendar-key", &[]).await;
    assert_eq!(made.status, 200, "{}", made.text);
    let url = extract(&made.text, r#"id="calendar-feed">"#, '<').expect("feed address");
    let path = url.trim_start_matches(&app.base).to_string();
    let feed = app.browser().get(&path).await;
    assert_eq!(feed.status, 200, "{}", feed.text);
    assert_eq!(
        feed.header("cache-control").as_deref(),
        Some("private, no-store")
    );
    let (_, events) = parse_ics(&feed.text);
    assert!(
        event_titled(&events, "Réunion du bureau").is_some(),
        "{}",
        feed.text
    );
    assert!(event_titled(&events, "Portes ouvertes").is_some());
    // Nina's own feed does not.
    let nina_made = nina.post_form("/my/calendar-key", &[]).await;
    let nina_url = extract(&nina_made.text, r#"id="calendar-feed">"#, '<').unwrap();
    let nina_feed = app
        .browser()
        .get(nina_url.trim_start_matches(&app.base))
        .await;
    assert!(event_titled(&parse_ics(&nina_feed.text).1, "Réunion du bureau").is_none());
    assert_eq!(
        app.browser()
            .get("/calendar/0123456789abcdef.ics")
            .await
            .status,
        404
    );
    // A new key replaces the old one; revoking ends it.
    let renewed = gus.post_form("/my/calendar-key", &[]).await;
    let new_url = extract(&renewed.text, r#"id="calendar-feed">"#, '<').unwrap();
    assert_ne!(new_url, url);
    assert_eq!(app.browser().get(&path).await.status, 404);
    let new_path = new_url.trim_start_matches(&app.base).to_string();
    assert_eq!(app.browser().get(&new_path).await.status, 200);
    assert_eq!(
        gus.post_form("/my/calendar-key/revoke", &[]).await.status,
        303
    );
    assert_eq!(app.browser().get(&new_path).await.status, 404);
    // "My meetings" lists it for Gus.
    assert!(gus
        .get("/my/meetings")
        .await
        .text
        .contains("Réunion du bureau"));
    assert_eq!(app.browser().get("/my/meetings").await.status, 401);
    // The group's page says when it meets next, through the same rule: a
    // members-only meeting sooner is the next one for members only.
    schedule(
        &fanny,
        "Comité des semences",
        &local_in(3, 18, 0),
        &local_in(3, 19, 0),
        &[("visibility", "members")],
    )
    .await;
    let next_of = |text: &str| {
        text.split("id=\"next-meeting-title\"")
            .nth(1)
            .and_then(|rest| rest.split("</section>").next())
            .unwrap_or_default()
            .to_string()
    };
    let seen = next_of(&anonymous.get("/g/jardins").await.text);
    assert!(
        seen.contains("Portes ouvertes") && !seen.contains("Comité"),
        "{seen}"
    );
    let seen = next_of(&nina.get("/g/jardins").await.text);
    assert!(
        seen.contains("Portes ouvertes") && !seen.contains("Comité"),
        "{seen}"
    );
    let seen = next_of(&gus.get("/g/jardins").await.text);
    assert!(seen.contains("Comité des semences"), "{seen}");
}

async fn bad_input_is_refused_and_changes_nothing(backend: Backend) {
    let app = TestApp::start(backend).await;
    let (fanny, gus, nina) = network(&app).await;
    // End before start: a clear message, what was typed kept, nothing made.
    let res = fanny
        .post_form(
            "/g/jardins/meetings/new",
            &[
                ("title", "Réunion à l'envers"),
                ("starts_at", &local_in(5, 19, 0)),
                ("ends_at", &local_in(5, 18, 0)),
                ("capacity", "zéro"),
                ("online_url", "javascript:alert(1)"),
            ],
        )
        .await;
    assert_eq!(res.status, 422);
    assert!(
        res.text.contains("La fin doit venir après le début."),
        "{}",
        res.text
    );
    assert!(res
        .text
        .contains("Le nombre de places doit être un nombre entier"));
    assert!(res.text.contains("Cette adresse web n'est pas valable"));
    assert!(
        res.text.contains(r#"value="Réunion à l'envers""#),
        "typed title kept"
    );
    // The hour skipped in spring does not exist.
    let (before, _) = tuesdays_around_the_change();
    let mut sunday = before + Duration::days(5);
    while sunday.weekday() != Weekday::Sun {
        sunday += Duration::days(1);
    }
    let skipped = format!("{}T02:30", sunday.format("%Y-%m-%d"));
    let res = fanny
        .post_form(
            "/g/jardins/meetings/new",
            &[
                ("title", "Nuit"),
                ("starts_at", &skipped),
                ("ends_at", &local_in(400, 4, 0)),
            ],
        )
        .await;
    assert_eq!(res.status, 422);
    assert!(
        res.text.contains("Cette heure n'existe pas ce jour-là"),
        "{}",
        res.text
    );
    assert!(!app
        .browser()
        .get("/g/jardins/meetings")
        .await
        .text
        .contains("Réunion à l'envers"));
    // Not a member: refused.
    let res = nina
        .post_form(
            "/g/jardins/meetings/new",
            &[
                ("title", "Intrus"),
                ("starts_at", &local_in(5, 19, 0)),
                ("ends_at", &local_in(5, 20, 0)),
            ],
        )
        .await;
    assert_eq!(res.status, 403);
    // The API wants an offset, and an account.
    let api = Api::new(&app.base, Some(&token_of(&app, "fanny@coop.fr").await));
    let res = api
        .post(
            "/groups/jardins/meetings",
            &json!({"title": "Sans décalage", "starts_at": "2031-03-30T19:00", "ends_at": "2031-03-30T21:00"}),
        )
        .await;
    assert_eq!(res.status, 422, "{}", res.text);
    assert_eq!(res.json()["error"]["code"], "invalid_input");
    let res = Api::new(&app.base, None)
        .post("/groups/jardins/meetings", &json!({"title": "x"}))
        .await;
    assert_eq!(res.status, 401);
    let res = api
        .post(
            "/groups/jardins/meetings",
            &json!({"title": "x", "unknown": 1}),
        )
        .await;
    assert_eq!(res.status, 422);
    assert_eq!(
        Api::new(&app.base, None)
            .get("/meetings?from=demain")
            .await
            .status,
        422
    );
    // Capacity: the last place goes once; a wrong answer is refused.
    let small = schedule(
        &fanny,
        "Petit atelier",
        &local_in(6, 10, 0),
        &local_in(6, 12, 0),
        &[("capacity", "1")],
    )
    .await;
    assert_eq!(
        gus.post_form(&format!("{small}/answer"), &[("answer", "going")])
            .await
            .status,
        303
    );
    let full = fanny
        .post_form(&format!("{small}/answer"), &[("answer", "going")])
        .await;
    assert_eq!(full.status, 422);
    assert!(full.text.contains("C'est complet"), "{}", full.text);
    assert_eq!(
        fanny
            .post_form(&format!("{small}/answer"), &[("answer", "peut-être")])
            .await
            .status,
        422
    );
    // Gus may change his mind; then there is room.
    assert_eq!(
        gus.post_form(&format!("{small}/answer"), &[("answer", "maybe")])
            .await
            .status,
        303
    );
    assert_eq!(
        fanny
            .post_form(&format!("{small}/answer"), &[("answer", "going")])
            .await
            .status,
        303
    );
    // Only the organizer and those who run the group change a meeting.
    assert_eq!(
        gus.post_form(&format!("{small}/cancel"), &[]).await.status,
        403
    );
    assert_eq!(gus.get(&format!("{small}/edit")).await.status, 403);
    // A forged form is refused.
    assert_eq!(
        fanny
            .post_raw_form(&format!("{small}/cancel"), &[("csrf", "faux")])
            .await
            .status,
        403
    );
    assert!(!fanny.get(&small).await.text.contains("badge-error"));
}

async fn series_grow_ahead_and_one_date_changes_alone(backend: Backend) {
    let app = TestApp::start(backend).await;
    let (fanny, gus, _) = network(&app).await;
    let first = schedule(
        &fanny,
        "Permanence",
        &local_in(2, 19, 0),
        &local_in(2, 21, 0),
        &[("repeat", "weeks:1")],
    )
    .await;
    let api = Api::new(&app.base, None);
    let list = || async {
        api.get("/groups/jardins/meetings").await.json()["meetings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| {
                (
                    m["url"].as_str().unwrap().to_string(),
                    m["starts_at"].as_str().unwrap().to_string(),
                )
            })
            .collect::<Vec<_>>()
    };
    let made = list().await;
    // Every week within the next 35 days, created ahead: days 2, 9, 16, 23, 30.
    assert_eq!(made.len(), 5, "{made:?}");
    assert!(made[0].0.ends_with(&first));
    for (i, (_, start)) in made.iter().enumerate() {
        let expected = local_in(2 + 7 * i as i64, 19, 0);
        assert!(start.starts_with(&expected), "{start} is not {expected}");
    }
    // Each date is announced two weeks ahead, not all five at once.
    app.run_jobs().await;
    let invitations = app
        .outbox()
        .await
        .into_iter()
        .filter(|m| m.to_addr == "gus@coop.fr" && m.kind == "meeting-invite")
        .count();
    assert_eq!(invitations, 2);
    let path = |i: usize| made[i].0.trim_start_matches(&app.base).to_string();
    assert!(gus.get(&path(1)).await.text.contains("Chaque semaine"));
    // Cancel the second, move the third: the others stay.
    assert_eq!(
        fanny
            .post_form(&format!("{}/cancel", path(1)), &[])
            .await
            .status,
        303
    );
    let moved = fanny
        .post_form(
            &format!("{}/edit", path(2)),
            &[
                ("title", "Permanence (déplacée)"),
                ("starts_at", &local_in(17, 20, 0)),
                ("ends_at", &local_in(17, 22, 0)),
            ],
        )
        .await;
    assert_eq!(moved.status, 303, "{}", moved.text);
    let now = list().await;
    assert_eq!(now.len(), 4, "{now:?}");
    assert!(now[1].1.starts_with(&local_in(17, 20, 0)), "{now:?}");
    assert!(now[2].1.starts_with(&local_in(23, 19, 0)));
    assert!(gus.get(&path(1)).await.text.contains("Annulée"));
    // A cancelled date leaves the search; the others are found.
    let found = gus.get("/search?q=permanence").await.text;
    assert!(!found.contains(&format!("href=\"{}\"", path(1))), "{found}");
    assert!(found.contains(&format!("href=\"{}\"", path(3))), "{found}");
    // Members are told, with an `.ics` that takes it out of their calendar.
    app.run_jobs().await;
    let cancelled = email_of(&app, "gus@coop.fr", "meeting-cancelled").await;
    let message = mail_parser::MessageParser::default()
        .parse(&cancelled.raw)
        .expect("message");
    use mail_parser::MimeHeaders;
    let part = message
        .attachments()
        .find(|p| {
            p.content_type()
                .is_some_and(|c| c.subtype() == Some("calendar"))
        })
        .expect("a calendar part");
    assert_eq!(
        part.content_type().unwrap().attribute("method"),
        Some("CANCEL")
    );
    let (props, events) = parse_ics(std::str::from_utf8(part.contents()).unwrap());
    assert_eq!(props["METHOD"], "CANCEL");
    assert_eq!(prop(&events[0], "STATUS"), "CANCELLED");
    assert_eq!(prop(&events[0], "SEQUENCE"), "1");
    // Eight days later the hourly run has made the next ones, still at 19:00.
    app.store.clock().advance(8 * 86_400);
    app.run_jobs().await;
    let later = list().await;
    let last = later.last().unwrap();
    assert!(last.1.starts_with(&local_in(37, 19, 0)), "{later:?}");
    assert!(later
        .iter()
        .any(|(_, s)| s.starts_with(&local_in(17, 20, 0))));
    // Two days on, the date of day 23 is announced (two weeks ahead); the
    // ones after it are planned but not announced yet.
    app.store.clock().advance(2 * 86_400);
    app.run_jobs().await;
    let cancellations = count_of(&app, "gus@coop.fr", "meeting-cancelled").await;
    let planned = list().await;
    let moved_at = planned
        .iter()
        .position(|(_, s)| s.starts_with(&local_in(17, 20, 0)))
        .expect("the moved date");
    assert!(planned.len() > moved_at + 2, "{planned:?}");
    // Stopping the series after the moved date: no new date, and the later
    // dates already planned are cancelled.
    let moved_path = planned[moved_at]
        .0
        .trim_start_matches(&app.base)
        .to_string();
    assert_eq!(
        fanny
            .post_form(&format!("{moved_path}/stop-series"), &[])
            .await
            .status,
        303
    );
    assert_eq!(list().await, planned[..=moved_at].to_vec());
    // Only the date people were told of is cancelled by email (with its
    // `.ics`); nobody hears of the cancellation of a date never announced.
    app.run_jobs().await;
    assert_eq!(
        count_of(&app, "gus@coop.fr", "meeting-cancelled").await,
        cancellations + 1
    );
    let told = email_of(&app, "gus@coop.fr", "meeting-cancelled").await;
    assert!(String::from_utf8_lossy(&told.raw).contains("METHOD:CANCEL"));
    app.store.clock().advance(20 * 86_400);
    app.run_jobs().await;
    assert!(list().await.len() <= moved_at + 1);
}

async fn reminders_and_minutes_follow_the_clock(backend: Backend) {
    let app = TestApp::start(backend).await;
    let (fanny, gus, _) = network(&app).await;
    let meeting = schedule(
        &fanny,
        "Atelier taille",
        &local_in(3, 10, 0),
        &local_in(3, 12, 0),
        &[],
    )
    .await;
    assert_eq!(
        gus.post_form(&format!("{meeting}/answer"), &[("answer", "going")])
            .await
            .status,
        303
    );
    app.run_jobs().await;
    assert_eq!(count_of(&app, "gus@coop.fr", "meeting-invite").await, 1);
    assert_eq!(count_of(&app, "gus@coop.fr", "meeting-reminder").await, 0);
    // The day before: Gus, who comes, is reminded; Fanny, who did not answer, is not.
    let id: i64 = meeting.rsplit('/').next().unwrap().parse().unwrap();
    let stored = app.store.meeting(id).await.unwrap().unwrap();
    app.store
        .clock()
        .advance(stored.starts_at - 12 * 3600 - app.store.now());
    app.run_jobs().await;
    assert_eq!(count_of(&app, "gus@coop.fr", "meeting-reminder").await, 1);
    assert_eq!(count_of(&app, "fanny@coop.fr", "meeting-reminder").await, 0);
    let reminder = email_of(&app, "gus@coop.fr", "meeting-reminder").await;
    assert!(
        reminder.subject.starts_with("Demain : Atelier taille"),
        "{}",
        reminder.subject
    );
    // After it, the organizer is asked for the minutes, once.
    let page = fanny.get(&meeting).await;
    assert!(page.text.contains("Pas encore de compte rendu"));
    assert_eq!(count_of(&app, "fanny@coop.fr", "minutes-ask").await, 0);
    app.store
        .clock()
        .advance(stored.ends_at + 3600 - app.store.now());
    app.run_jobs().await;
    app.store.clock().advance(86_400);
    app.run_jobs().await;
    assert_eq!(count_of(&app, "fanny@coop.fr", "minutes-ask").await, 1);
    let ask = email_of(&app, "fanny@coop.fr", "minutes-ask").await;
    assert!(
        ask.text_body.contains(&format!("{meeting}#minutes")),
        "{}",
        ask.text_body
    );
    // The minutes page: made in the wiki from the group's template, linked both ways.
    let template = fanny
        .post_form(
            "/g/jardins/wiki/modele-compte-rendu/edit",
            &[
                ("title", "modele compte rendu"),
                ("markdown", "## Qui était là\n\n## Ce qu'on a décidé"),
                ("base_revision", "0"),
                ("action", "save"),
            ],
        )
        .await;
    assert_eq!(template.status, 303, "{}", template.text);
    let res = fanny.post_form(&format!("{meeting}/minutes"), &[]).await;
    assert_eq!(res.status, 303, "{}", res.text);
    let edit = res.location();
    assert!(edit.starts_with("/g/jardins/wiki/compte-rendu-"), "{edit}");
    let wiki_page = app.browser().get(edit.trim_end_matches("/edit")).await;
    assert_eq!(wiki_page.status, 200, "{}", wiki_page.text);
    assert!(
        wiki_page.text.contains("Compte rendu — "),
        "{}",
        wiki_page.text
    );
    assert!(wiki_page.text.contains("— Atelier taille"));
    assert!(
        wiki_page.text.contains("Ce qu'on a décidé"),
        "template used"
    );
    assert!(
        wiki_page.text.contains(&format!("href=\"{meeting}\"")),
        "linked back"
    );
    let page = app.browser().get(&meeting).await;
    assert!(page.text.contains("Compte rendu écrit"), "{}", page.text);
    assert!(page.text.contains(edit.trim_end_matches("/edit")));
    // Asking again opens the same page.
    let again = fanny.post_form(&format!("{meeting}/minutes"), &[]).await;
    assert_eq!(again.location(), edit);
    // The past list shows minutes exist.
    assert!(app
        .browser()
        .get("/g/jardins/meetings")
        .await
        .text
        .contains("Compte rendu écrit"));
    // Answering a past meeting is refused.
    assert_eq!(
        gus.post_form(&format!("{meeting}/answer"), &[("answer", "maybe")])
            .await
            .status,
        422
    );
}

async fn regular_groups_are_kept_alive(backend: Backend) {
    let app = TestApp::start(backend).await;
    let (fanny, gus, _) = network(&app).await;
    let res = fanny
        .post_form(
            "/g/jardins/meetings/regularity",
            &[("cadence", "monthly"), ("lead_days", "")],
        )
        .await;
    assert_eq!(res.status, 303, "{}", res.text);
    assert_eq!(
        fanny
            .post_form("/g/jardins/meetings/regularity", &[("cadence", "yearly")])
            .await
            .status,
        422
    );
    assert_eq!(
        gus.post_form("/g/jardins/meetings/regularity", &[("cadence", "weekly")])
            .await
            .status,
        403
    );
    // Gus organized last month's meeting; nothing is planned since.
    schedule(
        &gus,
        "Rencontre de novembre",
        &local_in(-25, 19, 0),
        &local_in(-25, 21, 0),
        &[],
    )
    .await;
    let count = |to: &'static str, kind: &'static str| {
        let outbox = app.outbox();
        async move {
            outbox
                .await
                .into_iter()
                .filter(|m| m.to_addr == to && m.kind == kind)
                .count()
        }
    };
    app.store.clock().advance(120);
    app.run_jobs().await;
    // Due in about five days, within the ten-day lead: Gus is reminded,
    // with a one-click link that opens a poll with dates already proposed.
    assert_eq!(count("gus@coop.fr", "alive-organizer").await, 1);
    assert_eq!(count("fanny@coop.fr", "alive-facilitators").await, 0);
    let summary = app
        .outbox()
        .await
        .into_iter()
        .find(|m| m.kind == "alive-organizer")
        .unwrap();
    let mail = app.store.outbox_message(summary.id).await.unwrap().unwrap();
    let link = crate::support::find_link(&mail.text_body, "/polls/new?around=");
    let form = gus.get(link.trim_start_matches(&app.base)).await;
    assert_eq!(form.status, 200, "{}", form.text);
    assert!(
        form.text
            .contains(r#"name="date_1" type="datetime-local" value="20"#),
        "{}",
        form.text
    );
    // Nothing within a week: the facilitators are told, once.
    app.store.clock().advance(3 * 86_400);
    app.run_jobs().await;
    assert_eq!(count("fanny@coop.fr", "alive-facilitators").await, 0);
    app.store.clock().advance(4 * 86_400 + 3600);
    app.run_jobs().await;
    assert_eq!(count("fanny@coop.fr", "alive-facilitators").await, 1);
    app.store.clock().advance(2 * 86_400);
    app.run_jobs().await;
    assert_eq!(count("fanny@coop.fr", "alive-facilitators").await, 1);
    assert_eq!(count("gus@coop.fr", "alive-organizer").await, 1);
    // What the health indicator will read.
    let group = app.store.group_by_slug("jardins").await.unwrap().unwrap();
    let history = app.store.alive_history(group.id).await.unwrap();
    assert_eq!(history.len(), 1);
    assert!(history[0].organizer_told_at.is_some() && history[0].facilitators_told_at.is_some());
    assert!(history[0].resolved_at.is_none());
    // A poll is launched: resolved.
    let res = gus
        .post_form(
            "/g/jardins/polls/new",
            &[
                ("title", "Prochaine rencontre"),
                ("date_1", &local_in(15, 18, 30)),
                ("timezone", "Europe/Paris"),
            ],
        )
        .await;
    assert_eq!(res.status, 303, "{}", res.text);
    let history = app.store.alive_history(group.id).await.unwrap();
    assert!(history[0].resolved_at.is_some());
}

async fn the_demo_network_has_meetings_a_series_a_poll_and_minutes(backend: Backend) {
    let app = TestApp::start(backend).await;
    essaim::demo::seed(&app.store).await.expect("demo seeded");
    // Seeding twice adds nothing.
    essaim::demo::seed(&app.store)
        .await
        .expect("demo seeded again");
    let visitor = app.browser();
    let jardins = visitor.get("/g/jardins-croix-rousse/meetings").await;
    assert_eq!(jardins.status, 200, "{}", jardins.text);
    assert!(jardins.text.contains("Réunion de jardin"));
    assert!(
        jardins.text.contains("Compte rendu écrit"),
        "minutes of the past meeting"
    );
    assert!(jardins.text.contains("Rencontre régulière"), "a series");
    let api = Api::new(&app.base, None);
    let list = api
        .get("/groups/jardins-croix-rousse/meetings")
        .await
        .json();
    assert_eq!(list["meetings"][0]["series"], true, "{list}");
    let rennes = visitor.get("/g/composteurs-rennes/meetings").await;
    assert!(rennes.text.contains("Atelier compost"));
    assert!(!rennes.text.contains("Réunion du bureau"), "members only");
    let repair = visitor.get("/g/repair-cafe-lille-moulins/meetings").await;
    assert!(repair.text.contains("Prochain Repair Café"), "an open poll");
    let poll = extract(&repair.text, r#"<a href="/p/"#, '"').expect("poll link");
    let page = visitor.get(&format!("/p/{poll}")).await;
    assert!(page.text.contains("Yasmine (voisine)"));
    assert!(page.text.contains(r#"class="best""#));
}

async fn the_agenda_shows_fifty_meetings_a_page(backend: Backend) {
    let app = TestApp::start(backend).await;
    network(&app).await;
    let fanny = Api::new(&app.base, Some(&token_of(&app, "fanny@coop.fr").await));
    for i in 0..52 {
        let day = Paris
            .from_utc_datetime(&chrono::Utc::now().naive_utc())
            .date_naive()
            + Duration::days(2 + i);
        let res = fanny
            .post(
                "/groups/jardins/meetings",
                &json!({
                    "title": format!("Permanence n° {}", i + 1),
                    "starts_at": format!("{}T18:00:00+01:00", day.format("%Y-%m-%d")),
                    "ends_at": format!("{}T19:00:00+01:00", day.format("%Y-%m-%d")),
                }),
            )
            .await;
        assert_eq!(res.status, 201, "{}", res.text);
    }
    let titles = |text: &str| -> Vec<String> {
        text.split("\">Permanence n° ")
            .skip(1)
            .map(|rest| rest.split('<').next().unwrap().to_string())
            .collect()
    };
    let anonymous = app.browser();
    let first = anonymous.get("/agenda?keyword=jardin").await;
    assert_eq!(first.status, 200);
    let shown = titles(&first.text);
    assert_eq!(shown.len(), 50, "{shown:?}");
    assert_eq!((shown[0].as_str(), shown[49].as_str()), ("1", "50"));
    // The next page keeps the filter; the last page has no "later" link.
    assert!(first
        .text
        .contains(r#"href="/agenda?keyword=jardin&amp;page=2""#));
    let second = anonymous.get("/agenda?keyword=jardin&page=2").await;
    assert_eq!(titles(&second.text), vec!["51", "52"]);
    assert!(second
        .text
        .contains(r#"href="/agenda?keyword=jardin&amp;page=1""#));
    assert!(!second.text.contains("page=3"));
    // A page that is not a number is the first.
    assert_eq!(
        titles(&anonymous.get("/agenda?page=deux").await.text).len(),
        50
    );
}

/// Minutes inherit their meeting's audience: those of a members-only
/// meeting (its title in theirs) were made with the wiki's default read
/// access, readable by anyone.
async fn the_minutes_of_a_members_only_meeting_are_for_members(backend: Backend) {
    let app = TestApp::start(backend).await;
    let (fanny, gus, nina) = network(&app).await;
    let meeting = schedule(
        &fanny,
        "Conseil restreint",
        &local_in(3, 18, 0),
        &local_in(3, 20, 0),
        &[("visibility", "members")],
    )
    .await;
    let res = fanny.post_form(&format!("{meeting}/minutes"), &[]).await;
    assert_eq!(res.status, 303, "{}", res.text);
    let page = res.location().trim_end_matches("/edit").to_string();
    assert!(page.starts_with("/g/jardins/wiki/compte-rendu-"), "{page}");
    let anonymous = app.browser();
    for (who, b, status) in [("visitor", &anonymous, 401), ("outsider", &nina, 403)] {
        let res = b.get(&page).await;
        assert_eq!(res.status, status, "{who}");
        assert!(!res.text.contains("Conseil restreint"), "{who}");
        let found = b.get("/search?q=Conseil+restreint").await;
        assert_eq!(found.status, 200);
        assert!(!found.text.contains(&page), "{who} finds it");
    }
    let res = gus.get(&page).await;
    assert_eq!(res.status, 200, "{}", res.text);
    assert!(res.text.contains("Conseil restreint"));
    // An open meeting made members-only later closes its minutes too.
    let open = schedule(
        &fanny,
        "Assemblée ouverte",
        &local_in(4, 18, 0),
        &local_in(4, 20, 0),
        &[],
    )
    .await;
    let res = fanny.post_form(&format!("{open}/minutes"), &[]).await;
    let open_minutes = res.location().trim_end_matches("/edit").to_string();
    assert_eq!(anonymous.get(&open_minutes).await.status, 200);
    let res = fanny
        .post_form(
            &format!("{open}/edit"),
            &[
                ("title", "Assemblée ouverte"),
                ("starts_at", &local_in(4, 18, 0)),
                ("ends_at", &local_in(4, 20, 0)),
                ("visibility", "members"),
            ],
        )
        .await;
    assert_eq!(res.status, 303, "{}", res.text);
    assert_eq!(anonymous.get(&open_minutes).await.status, 401);
}
