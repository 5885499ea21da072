//! The list by email, on both databases: every header of a list email
//! read back with `mail-parser` from the capturing SMTP server, threading
//! of replies, each member's choice (own messages, summaries, web only),
//! the signed settings link and one-click unsubscribe, and who never gets
//! a closed group's mail.

use std::time::Duration;

use mail_parser::{HeaderValue, MessageParser};

use crate::both;
use crate::discussions::{last_post_id, open_topic, with_group};
use crate::support::{find_link, Backend, Options, TestApp};

both!(
    a_post_reaches_the_list_with_every_header,
    replies_thread_and_choices_are_kept,
    summaries_group_the_days_posts,
    mail_in_opens_topics_and_replies_as_the_right_person,
    mail_in_commands_explanations_and_outsiders,
    bounces_stop_delivery_and_tell_the_person,
    machine_mail_is_ignored_and_trimmed_text_is_kept,
    joining_by_email_follows_the_same_rule_as_the_page,
    every_refused_message_is_answered_with_its_reason,
    a_reply_trimmed_to_nothing_is_posted_whole,
    files_reach_members_by_email,
);

const PW: &str = "mot de passe long";

fn parse(raw: &[u8]) -> mail_parser::Message<'_> {
    MessageParser::default()
        .parse(raw)
        .expect("a parsable message")
}

fn header_text(m: &mail_parser::Message<'_>, name: &str) -> String {
    m.header_raw(name)
        .map(|v| v.trim().to_string())
        .unwrap_or_else(|| panic!("no {name} header"))
}

fn ids(value: &HeaderValue<'_>) -> Vec<String> {
    match value {
        HeaderValue::Text(t) => vec![t.to_string()],
        HeaderValue::TextList(list) => list.iter().map(|t| t.to_string()).collect(),
        _ => Vec::new(),
    }
}

async fn a_post_reaches_the_list_with_every_header(backend: Backend) {
    let app = TestApp::start_with(
        backend,
        Options {
            smtp: true,
            ..Options::default()
        },
    )
    .await;
    let smtp = app.smtp.clone().expect("smtp");
    let (_fanny, gus) = with_group(&app).await;
    let topic = open_topic(&gus, "jardins", "Semis d'été", "On sème **quoi** en juin ?").await;
    app.run_jobs().await;
    let mails = smtp.wait_for(1, Duration::from_secs(10)).await;
    // Fanny (every message) gets it; Gus does not get his own.
    let to_fanny: Vec<_> = mails
        .iter()
        .filter(|m| m.rcpt_to == ["fanny@coop.fr"])
        .collect();
    assert_eq!(
        to_fanny.len(),
        1,
        "{:?}",
        mails.iter().map(|m| &m.rcpt_to).collect::<Vec<_>>()
    );
    assert!(!mails.iter().any(|m| m.rcpt_to == ["gus@coop.fr"]));
    let captured = to_fanny[0];
    // VERP: the return path names the recipient, signed.
    assert!(
        captured.mail_from.starts_with("bounces+") && captured.mail_from.ends_with("@essaim.test"),
        "{}",
        captured.mail_from
    );
    let m = parse(&captured.data);
    assert_eq!(m.subject(), Some("[jardins] Semis d'été"));
    let from = m.from().and_then(|a| a.first()).expect("from");
    assert_eq!(from.name(), Some("Gus via Jardins partagés"));
    assert_eq!(from.address(), Some("noreply@essaim.test"));
    let message_id = m.message_id().expect("message id").to_string();
    assert!(message_id.ends_with("@essaim.test"), "{message_id}");
    let reply_to = m
        .reply_to()
        .and_then(|a| a.first())
        .and_then(|a| a.address())
        .expect("reply-to")
        .to_string();
    assert!(
        reply_to.starts_with("jardins+") && reply_to.ends_with("@essaim.test"),
        "{reply_to}"
    );
    let list_id = header_text(&m, "List-Id");
    assert!(list_id.contains("<jardins.essaim.test>"), "{list_id}");
    // The group's name, accents and all, as mail programs decode it.
    match m.header("List-Id") {
        Some(HeaderValue::Text(t)) => assert!(t.contains("Jardins partagés"), "{t}"),
        other => assert!(
            format!("{other:?}").contains("Jardins partagés"),
            "{other:?}"
        ),
    }
    assert_eq!(header_text(&m, "List-Post"), "<mailto:jardins@essaim.test>");
    assert!(header_text(&m, "List-Archive").contains("/g/jardins/discussions>"));
    let unsubscribe = header_text(&m, "List-Unsubscribe");
    assert!(unsubscribe.contains("<mailto:jardins+unsubscribe@essaim.test>"));
    assert!(unsubscribe.contains("/unsubscribe>"));
    assert_eq!(
        header_text(&m, "List-Unsubscribe-Post"),
        "List-Unsubscribe=One-Click"
    );
    assert_eq!(header_text(&m, "Precedence"), "list");
    assert_eq!(header_text(&m, "Auto-Submitted"), "auto-generated");
    assert_eq!(header_text(&m, "X-Essaim-Loop"), "essaim.test");
    let text = m.body_text(0).expect("text").to_string();
    assert!(text.contains("Gus a écrit au groupe"), "{text}");
    assert!(text.contains("On sème **quoi** en juin ?"));
    assert!(text.contains(&format!("{}{topic}", app.base)));
    let html = m.body_html(0).expect("html").to_string();
    assert!(html.contains("<strong>quoi</strong>"));
    // The footer's settings link works without logging in.
    let settings = find_link(&text, "/list/");
    let page = app.browser().get(&settings).await;
    assert_eq!(page.status, 200, "{}", page.text);
    assert!(page.text.contains("Chaque message"));
    let forged = app
        .browser()
        .get(&format!("{}x", settings.trim_end_matches('/')))
        .await;
    assert_eq!(forged.status, 410);
    // The same link saves a new choice, without a session.
    let saved = app
        .browser()
        .post_raw_form(&settings, &[("email_mode", "daily"), ("email_own", "1")])
        .await;
    assert_eq!(saved.status, 200, "{}", saved.text);
    assert!(saved.text.contains("C'est noté"));
    let bad = app
        .browser()
        .post_raw_form(&settings, &[("email_mode", "hourly")])
        .await;
    assert_eq!(bad.status, 422);
    let fanny_id = app
        .store
        .user_by_email("fanny@coop.fr")
        .await
        .unwrap()
        .unwrap()
        .id;
    let group_id = app
        .store
        .group_by_slug("jardins")
        .await
        .unwrap()
        .unwrap()
        .id;
    let chosen = app
        .store
        .list_setting(group_id, fanny_id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (chosen.email_mode.as_str(), chosen.email_own),
        ("daily", true)
    );

    // RFC 8058: the https address takes a bare POST, no session, no key.
    let one_click = unsubscribe
        .split(['<', '>'])
        .find(|p| p.starts_with("http"))
        .expect("https unsubscribe")
        .to_string();
    let res = reqwest::Client::new()
        .post(&one_click)
        .header("content-type", "application/x-www-form-urlencoded")
        .body("List-Unsubscribe=One-Click")
        .send()
        .await
        .expect("post");
    assert_eq!(res.status(), 200);
    let fanny = app
        .store
        .user_by_email("fanny@coop.fr")
        .await
        .unwrap()
        .unwrap();
    let group = app.store.group_by_slug("jardins").await.unwrap().unwrap();
    let setting = app
        .store
        .list_setting(group.id, fanny.id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(setting.email_mode, "none");
    // Opening the link (as a mail scanner would) unsubscribes nobody.
    let page = app.browser().get(&one_click).await;
    assert_eq!(page.status, 200);
    assert!(page.text.contains("Ne plus rien recevoir"));
    // The next post reaches nobody: Fanny chose web only, Gus wrote it.
    let before = smtp.messages().len();
    gus.post_form(&format!("{topic}/reply"), &[("markdown", "Et aussi ?")])
        .await;
    app.run_jobs().await;
    assert_eq!(smtp.messages().len(), before);
    // Imported or held posts, hidden ones: never mailed to anybody else.
    assert!(!app
        .outbox()
        .await
        .iter()
        .any(|m| m.to_addr == "gus@coop.fr" && m.kind == "list-post"));
    let _ = message_id;
}

async fn replies_thread_and_choices_are_kept(backend: Backend) {
    let app = TestApp::start_with(
        backend,
        Options {
            smtp: true,
            ..Options::default()
        },
    )
    .await;
    let smtp = app.smtp.clone().expect("smtp");
    let (fanny, gus) = with_group(&app).await;
    // Gus asks for his own messages too, from the discussions page.
    let saved = gus
        .post_form(
            "/g/jardins/discussions/email",
            &[("email_mode", "every"), ("email_own", "1")],
        )
        .await;
    assert_eq!(saved.status, 303, "{}", saved.text);
    let bad = gus
        .post_form("/g/jardins/discussions/email", &[("email_mode", "hourly")])
        .await;
    assert_eq!(bad.status, 422);
    let topic = open_topic(&gus, "jardins", "Arrosage", "Qui arrose en août ?").await;
    app.run_jobs().await;
    smtp.wait_for(2, Duration::from_secs(10)).await;
    let first = smtp
        .messages()
        .into_iter()
        .find(|m| m.rcpt_to == ["gus@coop.fr"])
        .expect("Gus gets his own message");
    let first_id = parse(&first.data).message_id().expect("id").to_string();
    let page = fanny.get(&topic).await;
    let parent = last_post_id(&page.text);
    fanny
        .post_form(
            &format!("{topic}/reply"),
            &[
                ("markdown", "Moi, la première semaine."),
                ("parent_id", &parent),
            ],
        )
        .await;
    app.run_jobs().await;
    let all = smtp.wait_for(3, Duration::from_secs(10)).await;
    let reply = all
        .iter()
        .filter(|m| m.rcpt_to == ["gus@coop.fr"])
        .map(|m| parse(&m.data))
        .find(|m| m.subject() == Some("Re: [jardins] Arrosage"))
        .expect("the reply reaches Gus");
    assert_eq!(ids(reply.in_reply_to()), vec![first_id.clone()]);
    assert_eq!(ids(reply.references()), vec![first_id.clone()]);
    let reply_id = reply.message_id().expect("id").to_string();
    assert_ne!(reply_id, first_id);
    // Every member gets the same Message-ID for the same post.
    let fanny_copy = all
        .iter()
        .filter(|m| m.rcpt_to == ["fanny@coop.fr"])
        .map(|m| parse(&m.data))
        .find(|m| m.subject() == Some("Re: [jardins] Arrosage"));
    assert!(fanny_copy.is_none(), "Fanny does not get her own reply");
    let gus_copy_of_first = all
        .iter()
        .filter(|m| m.rcpt_to == ["fanny@coop.fr"])
        .map(|m| parse(&m.data).message_id().map(str::to_string))
        .next()
        .flatten();
    assert_eq!(gus_copy_of_first.as_deref(), Some(first_id.as_str()));
    // A closed group's mail goes to members only: a non-member never gets it.
    app.user("Zoé", "zoe@coop.fr", PW).await;
    assert!(!smtp.messages().iter().any(|m| m.rcpt_to == ["zoe@coop.fr"]));
    // A mention of someone not on "every message" gets them a word by email.
    app.user("Hélène", "helene@coop.fr", PW).await;
    let helene = app.logged_in("helene@coop.fr", PW).await;
    helene.post_form("/g/jardins/join", &[]).await;
    helene
        .post_form("/g/jardins/discussions/email", &[("email_mode", "none")])
        .await;
    fanny
        .post_form(
            &format!("{topic}/reply"),
            &[("markdown", "@hélène, tu nous rejoins ?")],
        )
        .await;
    app.run_jobs().await;
    let mention = app.last_email_to("helene@coop.fr").await;
    assert_eq!(mention.kind, "mention");
    assert!(mention.subject.contains("Fanny Martin vous a mentionné"));
    // She starts a topic; Gus answers: she is told, being on the site only.
    let hers = open_topic(&helene, "jardins", "Ruches", "Qui veut du miel ?").await;
    gus.post_form(&format!("{hers}/reply"), &[("markdown", "Moi !")])
        .await;
    app.run_jobs().await;
    let told = app.last_email_to("helene@coop.fr").await;
    assert_eq!(told.kind, "topic-reply");
    assert!(
        told.subject.contains("Gus a répondu à « Ruches »"),
        "{}",
        told.subject
    );
    // Someone who wants activity email once a day is told on the site only.
    let helene_id = app
        .store
        .user_by_email("helene@coop.fr")
        .await
        .unwrap()
        .unwrap()
        .id;
    app.store
        .db()
        .execute(
            essaim_store::q("UPDATE users SET email_frequency = 'daily' WHERE id = $1")
                .bind(helene_id),
        )
        .await
        .unwrap();
    let before = app.outbox().await.len();
    gus.post_form(
        &format!("{hers}/reply"),
        &[("markdown", "Et du pain d'épices")],
    )
    .await;
    app.run_jobs().await;
    assert!(app.outbox().await[..app.outbox().await.len() - before]
        .iter()
        .all(|m| m.to_addr != "helene@coop.fr"));
    // ...and by email in the day's summary of her notifications.
    let due = app
        .store
        .pending_jobs()
        .await
        .unwrap()
        .into_iter()
        .find(|j| j.kind == "notification_daily")
        .expect("daily notification summary scheduled");
    app.store.clock().advance(due.run_at - app.store.now() + 1);
    app.run_jobs().await;
    let summary = app.last_email_to("helene@coop.fr").await;
    assert_eq!(summary.kind, "notification-digest");
    assert!(
        summary
            .text_body
            .contains("Gus a répondu à votre sujet « Ruches »"),
        "{}",
        summary.text_body
    );
    assert!(summary.text_body.contains("/g/jardins/discussions/"));
}

async fn summaries_group_the_days_posts(backend: Backend) {
    let app = TestApp::start(backend).await;
    let (fanny, gus) = with_group(&app).await;
    fanny
        .post_form("/g/jardins/discussions/email", &[("email_mode", "daily")])
        .await;
    // Gus reads the week's summary (chosen before the first run: on a
    // Sunday the daily and weekly runs fall at the same hour).
    gus.post_form("/g/jardins/discussions/email", &[("email_mode", "weekly")])
        .await;
    let topic = open_topic(&gus, "jardins", "Récolte des courges", "Elles sont mûres").await;
    gus.post_form(
        &format!("{topic}/reply"),
        &[("markdown", "Rendez-vous samedi")],
    )
    .await;
    app.run_jobs().await;
    // No message one by one for Fanny: she asked for a summary.
    assert!(!app
        .outbox()
        .await
        .iter()
        .any(|m| m.to_addr == "fanny@coop.fr" && m.kind == "list-post"));
    // At the summary's time, one email with both posts.
    let due = app
        .store
        .pending_jobs()
        .await
        .unwrap()
        .into_iter()
        .find(|j| j.kind == "discussion_daily")
        .expect("daily summary scheduled");
    app.store.clock().advance(due.run_at - app.store.now() + 1);
    app.run_jobs().await;
    let digest = app.last_email_to("fanny@coop.fr").await;
    assert_eq!(digest.kind, "list-daily");
    assert!(digest
        .subject
        .contains("[Jardins partagés] Le résumé du jour"));
    assert!(digest.text_body.contains("Récolte des courges"));
    assert!(
        digest.text_body.contains("Elles sont mûres")
            && digest.text_body.contains("Rendez-vous samedi")
    );
    let headers = crate::support::headers_of(&digest.raw);
    assert!(headers["reply-to"].contains("jardins+"));
    assert!(headers.contains_key("list-unsubscribe"));
    // A weekly reader gets them in the week's summary.
    let weekly = app
        .store
        .pending_jobs()
        .await
        .unwrap()
        .into_iter()
        .find(|j| j.kind == "discussion_weekly")
        .expect("weekly summary scheduled");
    if weekly.run_at > app.store.now() {
        app.store
            .clock()
            .advance(weekly.run_at - app.store.now() + 1);
    }
    app.run_jobs().await;
    let week = app.last_email_to("gus@coop.fr").await;
    assert_eq!(week.kind, "list-weekly");
    assert!(week.subject.contains("Le résumé de la semaine"));
    assert!(week.text_body.contains("Récolte des courges"));
    // The next day's run sends nothing more (nothing new).
    let count = app.outbox().await.len();
    app.store.clock().advance(86_400 + 10);
    app.run_jobs().await;
    assert_eq!(app.outbox().await.len(), count);
}

// ---------------------------------------------------------------- mail in

fn envelope(from: &str, to: &str) -> essaim_mail::inbound::Envelope {
    essaim_mail::inbound::Envelope {
        mail_from: Some(from.to_string()),
        recipients: vec![to.to_string()],
    }
}

/// A raw RFC 5322 message.
pub(crate) fn raw_mail(
    from: &str,
    to: &str,
    subject: &str,
    id: &str,
    reply_to: &[&str],
    body: &str,
) -> Vec<u8> {
    let mut out = format!(
        "From: {from}\r\nTo: {to}\r\nSubject: {subject}\r\nMessage-ID: <{id}>\r\nDate: Tue, 1 Dec 2026 10:00:00 +0100\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n"
    );
    if let Some(parent) = reply_to.last() {
        out.push_str(&format!("In-Reply-To: <{parent}>\r\n"));
        let refs: Vec<String> = reply_to.iter().map(|r| format!("<{r}>")).collect();
        out.push_str(&format!("References: {}\r\n", refs.join(" ")));
    }
    out.push_str("\r\n");
    out.push_str(&body.replace('\n', "\r\n"));
    out.push_str("\r\n");
    out.into_bytes()
}

/// The Reply-To address of the newest list email to `to`.
async fn reply_address(app: &TestApp, to: &str) -> (String, String) {
    let mail = app.last_email_to(to).await;
    let parsed = parse(&mail.raw);
    let reply_to = parsed
        .reply_to()
        .and_then(|a| a.first())
        .and_then(|a| a.address())
        .expect("reply-to")
        .to_string();
    (reply_to, parsed.message_id().expect("id").to_string())
}

async fn topic_posts(app: &TestApp, title: &str) -> Vec<essaim_store::discussions::Post> {
    let group = app.store.group_by_slug("jardins").await.unwrap().unwrap();
    let topics = app.store.topics(group.id, None, 100, 0).await.unwrap();
    let topic = topics
        .iter()
        .find(|t| t.title == title)
        .unwrap_or_else(|| panic!("no topic {title}"));
    app.store.posts(topic.id).await.unwrap()
}

async fn mail_in_opens_topics_and_replies_as_the_right_person(backend: Backend) {
    use essaim_mail::inbound::MailSink;
    let app = TestApp::start(backend).await;
    let (fanny, _gus) = with_group(&app).await;
    let sink = essaim_web::DiscussionsSink::new(app.app_state().await);
    assert!(sink.accepts("jardins@essaim.test").await.unwrap());
    assert!(sink.accepts("Jardins+abc123@essaim.test").await.unwrap());
    assert!(!sink.accepts("nulle-part@essaim.test").await.unwrap());
    assert!(!sink.accepts("jardins@ailleurs.test").await.unwrap());
    assert!(!sink.accepts("bounces+1-faux@essaim.test").await.unwrap());

    // Gus opens a topic by email: subject = title, via email.
    let first = raw_mail(
        "Gus <gus@coop.fr>",
        "jardins@essaim.test",
        "Troc de semences",
        "troc-1@gus.example",
        &[],
        "Qui veut échanger des graines ? @fanny",
    );
    let env = envelope("gus@coop.fr", "jardins@essaim.test");
    sink.deliver(&env, &first).await.expect("delivered");
    // The same message twice is posted once.
    sink.deliver(&env, &first).await.expect("delivered again");
    let posts = topic_posts(&app, "Troc de semences").await;
    assert_eq!(posts.len(), 1);
    assert_eq!(posts[0].via, essaim_domain::discussions::PostVia::Email);
    assert_eq!(posts[0].message_id, "troc-1@gus.example");
    let page = fanny
        .get(&format!("/g/jardins/discussions/{}", posts[0].topic_id))
        .await;
    assert!(page.text.contains("par e-mail") && page.text.contains("Qui veut échanger"));
    assert!(
        fanny.get("/").await.text.contains("bell-count"),
        "the mention by email notifies"
    );

    // Fanny answers from her mailbox with her own reply key.
    app.run_jobs().await;
    let (fanny_key, list_id) = reply_address(&app, "fanny@coop.fr").await;
    assert_eq!(
        list_id, "troc-1@gus.example",
        "the list keeps the sender's Message-ID"
    );
    assert!(fanny_key.starts_with("jardins+"));
    let answer = raw_mail(
        "Fanny Martin <fanny@coop.fr>",
        &fanny_key,
        "Re: [jardins] Troc de semences",
        "fanny-1@fanny.example",
        &["troc-1@gus.example"],
        "Moi, j'ai des courges.",
    );
    sink.deliver(&envelope("fanny@coop.fr", &fanny_key), &answer)
        .await
        .expect("reply delivered");
    let posts = topic_posts(&app, "Troc de semences").await;
    assert_eq!(posts.len(), 2);
    assert_eq!(posts[1].author_name, "Fanny Martin");
    assert_eq!(posts[1].parent_id, Some(posts[0].id));
    // Gus gets it threaded under his own message.
    app.run_jobs().await;
    let to_gus = app.last_email_to("gus@coop.fr").await;
    let parsed = parse(&to_gus.raw);
    assert_eq!(
        ids(parsed.in_reply_to()),
        vec!["troc-1@gus.example".to_string()]
    );

    // Someone else using Fanny's key does not speak as Fanny.
    app.user("Hélène", "helene@coop.fr", PW).await;
    let helene = app.logged_in("helene@coop.fr", PW).await;
    helene.post_form("/g/jardins/join", &[]).await;
    let forged = raw_mail(
        "Hélène <helene@coop.fr>",
        &fanny_key,
        "Re: [jardins] Troc de semences",
        "helene-1@helene.example",
        &["troc-1@gus.example"],
        "Et moi des haricots.",
    );
    sink.deliver(&envelope("helene@coop.fr", &fanny_key), &forged)
        .await
        .expect("delivered");
    let posts = topic_posts(&app, "Troc de semences").await;
    assert_eq!(posts.len(), 3);
    assert_eq!(posts[2].author_name, "Hélène", "posted as its real sender");

    // "+1" alone is a like, not a post.
    let plus = raw_mail(
        "Fanny Martin <fanny@coop.fr>",
        &fanny_key,
        "Re: [jardins] Troc de semences",
        "fanny-2@fanny.example",
        &["troc-1@gus.example", "helene-1@helene.example"],
        "+1",
    );
    sink.deliver(&envelope("fanny@coop.fr", &fanny_key), &plus)
        .await
        .expect("delivered");
    let posts = topic_posts(&app, "Troc de semences").await;
    assert_eq!(posts.len(), 3);
    assert_eq!(posts[2].like_count, 1);

    // A closed topic explains itself by email and posts nothing.
    let topic_path = format!("/g/jardins/discussions/{}", posts[0].topic_id);
    fanny
        .post_form(&format!("{topic_path}/state"), &[("action", "close")])
        .await;
    app.run_jobs().await;
    let (gus_key, _) = reply_address(&app, "gus@coop.fr").await;
    let late = raw_mail(
        "Gus <gus@coop.fr>",
        &gus_key,
        "Re: [jardins] Troc de semences",
        "troc-2@gus.example",
        &["troc-1@gus.example"],
        "Encore une idée",
    );
    sink.deliver(&envelope("gus@coop.fr", &gus_key), &late)
        .await
        .expect("delivered");
    assert_eq!(topic_posts(&app, "Troc de semences").await.len(), 3);
    let closed = app.last_email_to("gus@coop.fr").await;
    assert_eq!(closed.kind, "list-closed");
    assert!(crate::support::headers_of(&closed.raw).contains_key("x-essaim-loop"));
}

async fn mail_in_commands_explanations_and_outsiders(backend: Backend) {
    use essaim_mail::inbound::MailSink;
    let app = TestApp::start(backend).await;
    let (fanny, gus) = with_group(&app).await;
    let sink = essaim_web::DiscussionsSink::new(app.app_state().await);
    // +subscribe: a confirmation link; following it joins.
    app.user("Zoé", "zoe@coop.fr", PW).await;
    let ask = raw_mail(
        "Zoé <zoe@coop.fr>",
        "jardins+subscribe@essaim.test",
        "inscription",
        "z-1@zoe.example",
        &[],
        "Bonjour",
    );
    sink.deliver(
        &envelope("zoe@coop.fr", "jardins+subscribe@essaim.test"),
        &ask,
    )
    .await
    .expect("delivered");
    let confirm = app.last_email_to("zoe@coop.fr").await;
    assert_eq!(confirm.kind, "list-subscribe");
    let link = find_link(&confirm.text_body, "/list/join/");
    let visitor = app.browser();
    let page = visitor.get(&link).await;
    assert_eq!(page.status, 200);
    assert!(page.text.contains("Rejoindre le groupe"));
    let group = app.store.group_by_slug("jardins").await.unwrap().unwrap();
    let zoe = app
        .store
        .user_by_email("zoe@coop.fr")
        .await
        .unwrap()
        .unwrap();
    assert!(
        app.store
            .membership(group.id, zoe.id)
            .await
            .unwrap()
            .is_none(),
        "a GET joins nobody"
    );
    let joined = visitor.post_raw_form(&link, &[]).await;
    assert_eq!(joined.status, 200);
    assert!(app
        .store
        .membership(group.id, zoe.id)
        .await
        .unwrap()
        .is_some());
    assert_eq!(visitor.get(&format!("{link}x")).await.status, 410);
    // Someone with no account joins by email alone: the signed link proves
    // the address; a name is asked (a blank one is refused, nothing made).
    let ask = raw_mail(
        "Yves <yves@ailleurs.example>",
        "jardins+subscribe@essaim.test",
        "inscription",
        "y-1@ailleurs.example",
        &[],
        "Bonjour",
    );
    sink.deliver(
        &envelope("yves@ailleurs.example", "jardins+subscribe@essaim.test"),
        &ask,
    )
    .await
    .expect("delivered");
    let confirm = app.last_email_to("yves@ailleurs.example").await;
    let link = find_link(&confirm.text_body, "/list/join/");
    let yves = app.browser();
    let page = yves.get(&link).await;
    assert!(page.text.contains("Votre nom"), "{}", page.text);
    let blank = yves.post_raw_form(&link, &[("name", "  ")]).await;
    assert_eq!(blank.status, 422);
    assert!(app
        .store
        .user_by_email("yves@ailleurs.example")
        .await
        .unwrap()
        .is_none());
    let joined = yves.post_raw_form(&link, &[("name", "Yves Ferrand")]).await;
    assert_eq!(joined.status, 200, "{}", joined.text);
    let account = app
        .store
        .user_by_email("yves@ailleurs.example")
        .await
        .unwrap()
        .expect("an account is made for the address");
    assert_eq!(account.name, "Yves Ferrand");
    assert!(!account.is_admin);
    assert!(app
        .store
        .membership(group.id, account.id)
        .await
        .unwrap()
        .is_some());
    // He now gets the list, and his reply by email posts as him.
    open_topic(&gus, "jardins", "Arrosage d'été", "Qui arrose en août ?").await;
    app.run_jobs().await;
    let (key, parent) = reply_address(&app, "yves@ailleurs.example").await;
    let answer = raw_mail(
        "Yves <yves@ailleurs.example>",
        &key,
        "Re: [jardins] Arrosage d'été",
        "y-2@ailleurs.example",
        &[&parent],
        "Moi, la première semaine.",
    );
    sink.deliver(&envelope("yves@ailleurs.example", &key), &answer)
        .await
        .expect("delivered");
    let posts = topic_posts(&app, "Arrosage d'été").await;
    assert_eq!(posts.len(), 2);
    assert_eq!(posts[1].author_name, "Yves Ferrand");
    // +unsubscribe: a confirmation link to the one-click page.
    let stop = raw_mail(
        "Gus <gus@coop.fr>",
        "jardins+unsubscribe@essaim.test",
        "stop",
        "g-9@gus.example",
        &[],
        "stop",
    );
    sink.deliver(
        &envelope("gus@coop.fr", "jardins+unsubscribe@essaim.test"),
        &stop,
    )
    .await
    .expect("delivered");
    let confirm = app.last_email_to("gus@coop.fr").await;
    assert_eq!(confirm.kind, "list-unsubscribe");
    assert!(confirm.text_body.contains("/unsubscribe"));

    // A reply to a summary is explained, never posted.
    fanny
        .post_form("/g/jardins/discussions/email", &[("email_mode", "daily")])
        .await;
    open_topic(&gus, "jardins", "Outils", "Qui a une grelinette ?").await;
    app.run_jobs().await;
    let due = app
        .store
        .pending_jobs()
        .await
        .unwrap()
        .into_iter()
        .find(|j| j.kind == "discussion_daily")
        .expect("daily job");
    app.store.clock().advance(due.run_at - app.store.now() + 1);
    app.run_jobs().await;
    let (summary_key, _) = reply_address(&app, "fanny@coop.fr").await;
    let answer = raw_mail(
        "Fanny Martin <fanny@coop.fr>",
        &summary_key,
        "Re: le résumé",
        "f-7@fanny.example",
        &[],
        "Moi j'en ai une",
    );
    sink.deliver(&envelope("fanny@coop.fr", &summary_key), &answer)
        .await
        .expect("delivered");
    let explained = app.last_email_to("fanny@coop.fr").await;
    assert_eq!(explained.kind, "list-digest-reply");
    assert!(explained.text_body.contains("/g/jardins/discussions"));
    assert_eq!(topic_posts(&app, "Outils").await.len(), 1);

    // Someone outside: held for the moderators, then approved and invited.
    let outside = raw_mail(
        "Paul Voisin <paul@ailleurs.example>",
        "jardins@essaim.test",
        "Une parcelle libre ?",
        "p-1@ailleurs.example",
        &[],
        "Bonjour, reste-t-il une parcelle ?",
    );
    sink.deliver(
        &envelope("paul@ailleurs.example", "jardins@essaim.test"),
        &outside,
    )
    .await
    .expect("delivered");
    assert_eq!(
        app.last_email_to("paul@ailleurs.example").await.kind,
        "list-held"
    );
    let queue = fanny.get("/g/jardins/discussions/moderation").await;
    assert!(queue.text.contains("reste-t-il une parcelle"));
    let held = app.store.held_mail(group.id).await.unwrap();
    assert_eq!(held.len(), 1);
    assert_eq!(
        gus.post_form(
            &format!("/g/jardins/discussions/held/{}", held[0].id),
            &[("action", "approve")]
        )
        .await
        .status,
        403
    );
    let approved = fanny
        .post_form(
            &format!("/g/jardins/discussions/held/{}", held[0].id),
            &[("action", "approve")],
        )
        .await;
    assert_eq!(approved.status, 303, "{}", approved.text);
    let posts = topic_posts(&app, "Une parcelle libre ?").await;
    assert_eq!(posts[0].author_name, "Paul Voisin");
    assert_eq!(
        app.last_email_to("paul@ailleurs.example").await.kind,
        "list-invite"
    );
    // With "refuse", an outsider gets an explanation and nothing is kept.
    fanny
        .post_form(
            "/g/jardins/discussions/settings",
            &[("read", "public"), ("outsiders", "refuse")],
        )
        .await;
    let again = raw_mail(
        "Paul Voisin <paul@ailleurs.example>",
        "jardins@essaim.test",
        "Encore moi",
        "p-2@ailleurs.example",
        &[],
        "Re-bonjour",
    );
    sink.deliver(
        &envelope("paul@ailleurs.example", "jardins@essaim.test"),
        &again,
    )
    .await
    .expect("delivered");
    assert_eq!(
        app.last_email_to("paul@ailleurs.example").await.kind,
        "list-refused"
    );
    assert!(app.store.held_mail(group.id).await.unwrap().is_empty());
}

async fn bounces_stop_delivery_and_tell_the_person(backend: Backend) {
    use essaim_mail::inbound::MailSink;
    let app = TestApp::start(backend).await;
    let (fanny, gus) = with_group(&app).await;
    let sink = essaim_web::DiscussionsSink::new(app.app_state().await);
    open_topic(&gus, "jardins", "Première", "Un").await;
    app.run_jobs().await;
    let sent = app.last_email_to("fanny@coop.fr").await;
    let return_path = sent.from_addr.clone();
    assert!(return_path.starts_with("bounces+"), "{return_path}");
    assert!(sink.accepts(&return_path).await.unwrap());
    let report = |n: usize, status: &str| {
        format!(
            "From: MAILER-DAEMON@mx.coop.fr\r\nTo: {return_path}\r\nSubject: Undelivered Mail\r\nMessage-ID: <dsn-{n}@mx.coop.fr>\r\n\
             MIME-Version: 1.0\r\nContent-Type: multipart/report; report-type=delivery-status; boundary=\"b\"\r\n\r\n\
             --b\r\nContent-Type: text/plain\r\n\r\nLa boîte n'existe pas.\r\n\
             --b\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; mx.coop.fr\r\n\r\n\
             Final-Recipient: rfc822; fanny@coop.fr\r\nAction: failed\r\nStatus: {status}\r\n\r\n--b--\r\n"
        )
        .into_bytes()
    };
    let env = essaim_mail::inbound::Envelope {
        mail_from: None,
        recipients: vec![return_path.clone()],
    };
    // Delays (4.x.x) are no reason to stop writing…
    for n in 10..14 {
        sink.deliver(&env, &report(n, "4.2.2"))
            .await
            .expect("delay taken");
    }
    assert!(!fanny
        .get("/notifications")
        .await
        .text
        .contains("ne vous parviennent plus"));
    // …permanent failures (5.x.x) are.
    for n in 0..3 {
        sink.deliver(&env, &report(n, "5.1.1"))
            .await
            .expect("bounce taken");
    }
    // Three hard bounces: the list stops writing, the site says why.
    let page = fanny.get("/notifications").await;
    assert!(
        page.text.contains("ne vous parviennent plus"),
        "{}",
        page.text
    );
    let before = app.outbox().await.len();
    open_topic(&gus, "jardins", "Deuxième", "Deux").await;
    app.run_jobs().await;
    assert!(!app.outbox().await[..app.outbox().await.len() - before]
        .iter()
        .any(|m| m.to_addr == "fanny@coop.fr"));
    // She fixes it and asks for mail again.
    let resumed = fanny.post_form("/notifications/resume-mail", &[]).await;
    assert_eq!(resumed.status, 303);
    open_topic(&gus, "jardins", "Troisième", "Trois").await;
    app.run_jobs().await;
    assert_eq!(
        app.last_email_to("fanny@coop.fr").await.subject,
        "[jardins] Troisième"
    );
}

async fn machine_mail_is_ignored_and_trimmed_text_is_kept(backend: Backend) {
    let app = TestApp::start(backend).await;
    let (fanny, _gus) = with_group(&app).await;
    let sink = essaim_web::DiscussionsSink::new(app.app_state().await);
    let env = envelope("gus@coop.fr", "jardins@essaim.test");
    let auto = essaim_mail::incoming::Incoming {
        message_id: Some("auto-1@gus.example".into()),
        from_address: Some("gus@coop.fr".into()),
        subject: "Absent du bureau".into(),
        automatic: Some("auto-replied".into()),
        body: "Je suis en congés.".into(),
        ..Default::default()
    };
    sink.take(&env, &auto).await.expect("taken");
    let group = app.store.group_by_slug("jardins").await.unwrap().unwrap();
    assert_eq!(app.store.topic_count(group.id).await.unwrap(), 0);
    assert!(
        app.outbox()
            .await
            .iter()
            .all(|m| m.to_addr != "gus@coop.fr"),
        "no answer to a machine"
    );
    let written = essaim_mail::incoming::Incoming {
        message_id: Some("real-1@gus.example".into()),
        from_address: Some("gus@coop.fr".into()),
        subject: "Compost".into(),
        body: "Le bac est plein.".into(),
        trimmed: "-- \nGus, jardinier".into(),
        attachments: vec![
            essaim_mail::incoming::Attachment {
                filename: "plan.txt".into(),
                content_type: "text/plain".into(),
                data: b"bac A, bac B".to_vec(),
            },
            essaim_mail::incoming::Attachment {
                filename: "outil.exe".into(),
                content_type: "application/octet-stream".into(),
                data: b"MZ\x90\x00".to_vec(),
            },
        ],
        ..Default::default()
    };
    sink.take(&env, &written).await.expect("taken");
    let posts = topic_posts(&app, "Compost").await;
    assert_eq!(
        posts[0].markdown, "Le bac est plein.\n\n- outil.exe — fichier non joint : type refusé",
        "the refused file is named"
    );
    let page = fanny
        .get(&format!("/g/jardins/discussions/{}", posts[0].topic_id))
        .await;
    assert!(page.text.contains("Voir la partie coupée") && page.text.contains("Gus, jardinier"));
    // The emailed file is kept with the post, through the same checks as
    // files sent on the site (the program is left out, and said to be).
    assert!(page.text.contains(">plan.txt<"), "{}", page.text);
    assert!(!page.text.contains(">outil.exe<"));
    assert_eq!(app.last_email_to("gus@coop.fr").await.kind, "list-left-out");
    let link = page
        .text
        .split("href=\"")
        .find(|s| s.contains("/files/") && s.contains("plan.txt"))
        .and_then(|s| s.split('"').next())
        .expect("file link")
        .to_string();
    assert_eq!(fanny.get(&link).await.text, "bac A, bac B");
    // A members-only group keeps a non-member's mail out of sight.
    let stranger = essaim_mail::incoming::Incoming {
        message_id: Some("s-1@x.example".into()),
        from_address: Some("x@x.example".into()),
        subject: "Pub".into(),
        body: "Achetez".into(),
        ..Default::default()
    };
    sink.take(&env, &stranger).await.expect("taken");
    assert_eq!(app.store.topic_count(group.id).await.unwrap(), 1);
}

/// Joining by email (`+subscribe` and its signed link) and joining on the
/// page are one action: an archived group is refused by both (the email door
/// used to let people in), and nothing is made for the refused.
async fn joining_by_email_follows_the_same_rule_as_the_page(backend: Backend) {
    use essaim_mail::inbound::MailSink;
    let app = TestApp::start(backend).await;
    let _ = with_group(&app).await;
    let sink = essaim_web::DiscussionsSink::new(app.app_state().await);
    app.user("Zoé", "zoe@coop.fr", PW).await;
    let mut links = Vec::new();
    for (from, id) in [
        ("zoe@coop.fr", "z-1@zoe.example"),
        ("yves@ailleurs.example", "y-1@ailleurs.example"),
    ] {
        let ask = raw_mail(
            from,
            "jardins+subscribe@essaim.test",
            "inscription",
            id,
            &[],
            "Bonjour",
        );
        sink.deliver(&envelope(from, "jardins+subscribe@essaim.test"), &ask)
            .await
            .expect("delivered");
        let confirm = app.last_email_to(from).await;
        assert_eq!(confirm.kind, "list-subscribe");
        links.push(find_link(&confirm.text_body, "/list/join/"));
    }
    let group = app.store.group_by_slug("jardins").await.unwrap().unwrap();
    app.store
        .db()
        .execute(
            essaim_store::q("UPDATE groups SET status = 'archived' WHERE id = $1").bind(group.id),
        )
        .await
        .unwrap();
    // Zoé has an account: refused, with the reason, and still not a member.
    let zoe = app.browser();
    let res = zoe.post_raw_form(&links[0], &[]).await;
    assert_eq!(res.status, 422, "{}", res.text);
    assert!(
        res.text.contains("On ne peut pas rejoindre ce groupe ici"),
        "{}",
        res.text
    );
    let zoe_account = app
        .store
        .user_by_email("zoe@coop.fr")
        .await
        .unwrap()
        .unwrap();
    assert!(app
        .store
        .membership(group.id, zoe_account.id)
        .await
        .unwrap()
        .is_none());
    // Yves has none: refused, and no account is made for him.
    let yves = app.browser();
    let res = yves
        .post_raw_form(&links[1], &[("name", "Yves Ferrand")])
        .await;
    assert_eq!(res.status, 422, "{}", res.text);
    assert!(app
        .store
        .user_by_email("yves@ailleurs.example")
        .await
        .unwrap()
        .is_none());
    // The page refuses the same way.
    let b = app.logged_in("zoe@coop.fr", PW).await;
    assert_eq!(b.post_form("/g/jardins/join", &[]).await.status, 422);
    assert!(app
        .store
        .membership(group.id, zoe_account.id)
        .await
        .unwrap()
        .is_none());
}

// ---------------------------------------------------------------- nothing lost (issue 17)

/// Base64 with lines of 76 characters, as in a MIME part.
fn base64_lines(data: &[u8]) -> String {
    const ABC: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut flat = String::with_capacity(data.len() * 4 / 3 + 4);
    for chunk in data.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                flat.push(ABC[((n >> (18 - 6 * i)) & 63) as usize] as char);
            } else {
                flat.push('=');
            }
        }
    }
    let mut out = String::with_capacity(flat.len() + flat.len() / 38);
    for (i, c) in flat.chars().enumerate() {
        if i > 0 && i % 76 == 0 {
            out.push_str("\r\n");
        }
        out.push(c);
    }
    out
}

/// A message with files, as a mail program writes it (multipart, base64).
fn mail_with_files(
    from: &str,
    to: &str,
    subject: &str,
    id: &str,
    reply_to: &[&str],
    body: &str,
    files: &[(&str, &str, Vec<u8>)],
) -> Vec<u8> {
    let mut out = format!(
        "From: {from}\r\nTo: {to}\r\nSubject: {subject}\r\nMessage-ID: <{id}>\r\nDate: Tue, 1 Dec 2026 10:00:00 +0100\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"sep\"\r\n"
    );
    if let Some(parent) = reply_to.last() {
        out.push_str(&format!(
            "In-Reply-To: <{parent}>\r\nReferences: <{parent}>\r\n"
        ));
    }
    out.push_str("\r\n--sep\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n");
    out.push_str(&body.replace('\n', "\r\n"));
    out.push_str("\r\n");
    for (name, content_type, data) in files {
        out.push_str(&format!(
            "--sep\r\nContent-Type: {content_type}; name=\"{name}\"\r\nContent-Disposition: attachment; filename=\"{name}\"\r\nContent-Transfer-Encoding: base64\r\n\r\n{}\r\n",
            base64_lines(data)
        ));
    }
    out.push_str("--sep--\r\n");
    out.into_bytes()
}

/// Sends a raw message through the instance's SMTP listener, as any mail
/// server would.
pub(crate) async fn through_listener(app: &TestApp, from: &str, to: &str, raw: &[u8]) {
    use lettre::AsyncTransport;
    let addr = app.smtp_in.expect("the SMTP listener runs");
    let client = lettre::AsyncSmtpTransport::<lettre::Tokio1Executor>::builder_dangerous(
        addr.ip().to_string(),
    )
    .port(addr.port())
    .build();
    let envelope = lettre::address::Envelope::new(
        Some(from.parse().expect("from")),
        vec![to.parse().expect("to")],
    )
    .expect("envelope");
    client
        .send_raw(&envelope, raw)
        .await
        .expect("the listener takes the message");
}

/// A PNG picture made here.
fn png(width: u32, height: u32) -> Vec<u8> {
    let picture = image::RgbImage::from_fn(width, height, |x, y| {
        image::Rgb([(x % 256) as u8, (y % 256) as u8, 128])
    });
    let mut out = std::io::Cursor::new(Vec::new());
    image::DynamicImage::ImageRgb8(picture)
        .write_to(&mut out, image::ImageFormat::Png)
        .expect("png");
    out.into_inner()
}

const PDF: &[u8] = b"%PDF-1.4\n% compte rendu\n";

/// Every kind of message that cannot be posted as sent gets its sender a
/// notice with the true reason and what to do, through the real listener:
/// too long (the limit stated), files too heavy or of a refused type
/// (named in the post and in the notice), only refused files, nothing at
/// all, a stranger's files, a new member's first post held.
async fn every_refused_message_is_answered_with_its_reason(backend: Backend) {
    let app = TestApp::start_with(
        backend,
        Options {
            smtp_listen: true,
            ..Options::default()
        },
    )
    .await;
    let (fanny, gus) = with_group(&app).await;
    let topic = open_topic(&gus, "jardins", "Réunion de mars", "Qui prend les notes ?").await;
    app.run_jobs().await;
    let (fanny_key, parent) = reply_address(&app, "fanny@coop.fr").await;
    let posts_now = || async { topic_posts(&app, "Réunion de mars").await.len() };

    // Full meeting notes, 133 KB: refused with the post size limit.
    let line = "Point suivant : on a parlé du compost, des semis et des outils.\n";
    let notes = line.repeat(133_000 / line.len() + 1);
    let long = raw_mail(
        "Fanny Martin <fanny@coop.fr>",
        &fanny_key,
        "Re: [jardins] Réunion de mars",
        "long-1@fanny.example",
        &[&parent],
        &notes,
    );
    through_listener(&app, "fanny@coop.fr", &fanny_key, &long).await;
    assert_eq!(posts_now().await, 1, "nothing posted");
    let told = app.last_email_to("fanny@coop.fr").await;
    assert_eq!(told.kind, "list-too-long", "{}", told.subject);
    assert!(told.subject.contains("trop long"), "{}", told.subject);
    assert!(
        told.text_body.contains("au plus 100 Ko") && told.text_body.contains("fait 134 Ko"),
        "{}",
        told.text_body
    );
    assert!(told.text_body.contains("joignez-le comme fichier"));
    assert!(!told.text_body.contains("au-dessus de la citation"));

    // Files too heavy or of a refused type: the text and the good file are
    // posted, the others named in the post and in the notice.
    let heavy = vec![0u8; 10 * 1024 * 1024 + 1];
    let with_files = mail_with_files(
        "Fanny Martin <fanny@coop.fr>",
        &fanny_key,
        "Re: [jardins] Réunion de mars",
        "files-1@fanny.example",
        &[&parent],
        "Voici le compte rendu et la vidéo.",
        &[
            ("compte-rendu.pdf", "application/pdf", PDF.to_vec()),
            ("film.mp4", "video/mp4", heavy),
            (
                "outil.exe",
                "application/octet-stream",
                b"MZ\x90\x00".to_vec(),
            ),
        ],
    );
    through_listener(&app, "fanny@coop.fr", &fanny_key, &with_files).await;
    let posts = topic_posts(&app, "Réunion de mars").await;
    assert_eq!(posts.len(), 2);
    let post = &posts[1];
    assert!(post
        .markdown
        .starts_with("Voici le compte rendu et la vidéo."));
    assert!(
        post.markdown
            .contains("film.mp4 — fichier non joint : trop lourd")
            && post
                .markdown
                .contains("outil.exe — fichier non joint : type refusé"),
        "{}",
        post.markdown
    );
    let page = fanny.get(&topic).await;
    assert!(page.text.contains(">compte-rendu.pdf<"), "{}", page.text);
    let told = app.last_email_to("fanny@coop.fr").await;
    assert_eq!(told.kind, "list-left-out");
    assert!(
        told.subject.contains("fichier non joint"),
        "{}",
        told.subject
    );
    assert!(
        told.text_body
            .contains("« film.mp4 » n'a pas été joint : il est trop lourd (10 Mo au plus")
            && told
                .text_body
                .contains("« outil.exe » n'a pas été joint : ce type de fichier n'est pas accepté"),
        "{}",
        told.text_body
    );
    assert!(!told.text_body.contains("compte-rendu.pdf"));
    assert!(told.text_body.contains(&format!("#post-{}", post.id)));

    // Only a refused file: nothing to post, the sender is told why.
    let only_file = mail_with_files(
        "Fanny Martin <fanny@coop.fr>",
        "jardins@essaim.test",
        "Le programme",
        "file-only-1@fanny.example",
        &[],
        "",
        &[(
            "outil.exe",
            "application/octet-stream",
            b"MZ\x90\x00".to_vec(),
        )],
    );
    through_listener(&app, "fanny@coop.fr", "jardins@essaim.test", &only_file).await;
    let group = app.store.group_by_slug("jardins").await.unwrap().unwrap();
    assert_eq!(app.store.topic_count(group.id).await.unwrap(), 1);
    let told = app.last_email_to("fanny@coop.fr").await;
    assert_eq!(told.kind, "list-files-refused");
    assert!(
        told.subject.contains("n'est pas publié"),
        "{}",
        told.subject
    );
    assert!(told.text_body.contains("« outil.exe » n'a pas été joint"));

    // Nothing at all: the notice says so, without blaming the quote.
    let empty = raw_mail(
        "Fanny Martin <fanny@coop.fr>",
        "jardins@essaim.test",
        "Rien",
        "empty-1@fanny.example",
        &[],
        "",
    );
    through_listener(&app, "fanny@coop.fr", "jardins@essaim.test", &empty).await;
    assert_eq!(app.store.topic_count(group.id).await.unwrap(), 1);
    let told = app.last_email_to("fanny@coop.fr").await;
    assert_eq!(told.kind, "list-empty");
    assert!(told.subject.contains("arrivé vide"), "{}", told.subject);
    assert!(told.text_body.contains("sans texte et sans fichier"));
    assert!(!told.text_body.contains("au-dessus de la citation"));

    // Someone outside: the text waits for the moderators, the file is named.
    let outside = mail_with_files(
        "Paul Voisin <paul@ailleurs.example>",
        "jardins@essaim.test",
        "Une parcelle libre ?",
        "p-1@ailleurs.example",
        &[],
        "Bonjour, reste-t-il une parcelle ? Mon plan est joint.",
        &[("plan.pdf", "application/pdf", PDF.to_vec())],
    );
    through_listener(
        &app,
        "paul@ailleurs.example",
        "jardins@essaim.test",
        &outside,
    )
    .await;
    let held = app.store.held_mail(group.id).await.unwrap();
    assert_eq!(held.len(), 1);
    assert!(
        held[0]
            .markdown
            .contains("plan.pdf — fichier non joint : message venu de l'extérieur du groupe"),
        "{}",
        held[0].markdown
    );
    let told = app.last_email_to("paul@ailleurs.example").await;
    assert_eq!(told.kind, "list-held");
    assert!(
        told.text_body.contains("« plan.pdf » n'a pas été gardé"),
        "{}",
        told.text_body
    );

    // A new member's first message waits for a moderator: they are told.
    let saved = fanny
        .post_form(
            "/g/jardins/discussions/settings",
            &[
                ("read", "members"),
                ("outsiders", "moderate"),
                ("hold_new", "1"),
            ],
        )
        .await;
    assert_eq!(saved.status, 303, "{}", saved.text);
    app.user("Hélène", "helene@coop.fr", PW).await;
    let helene = app.logged_in("helene@coop.fr", PW).await;
    helene.post_form("/g/jardins/join", &[]).await;
    let first = raw_mail(
        "Hélène <helene@coop.fr>",
        "jardins@essaim.test",
        "Bonjour à tous",
        "h-1@helene.example",
        &[],
        "Je suis nouvelle, j'ai des graines de tomates.",
    );
    through_listener(&app, "helene@coop.fr", "jardins@essaim.test", &first).await;
    let post = app
        .store
        .post_by_message_id("h-1@helene.example")
        .await
        .unwrap()
        .expect("kept as a post");
    assert_eq!(post.status, essaim_domain::discussions::PostStatus::Held);
    let told = app.last_email_to("helene@coop.fr").await;
    assert_eq!(told.kind, "list-post-held");
    assert!(
        told.subject.contains("attend un modérateur"),
        "{}",
        told.subject
    );
    assert!(told
        .text_body
        .contains("relit les premiers messages des nouveaux membres"));

    // A closed topic: the reply is not posted, and the notice says why.
    fanny
        .post_form(&format!("{topic}/state"), &[("action", "close")])
        .await;
    let late = raw_mail(
        "Gus <gus@coop.fr>",
        "jardins@essaim.test",
        "Re: [jardins] Réunion de mars",
        "late-1@gus.example",
        &[&parent],
        "J'ai oublié un point.",
    );
    through_listener(&app, "gus@coop.fr", "jardins@essaim.test", &late).await;
    assert_eq!(posts_now().await, 2);
    let told = app.last_email_to("gus@coop.fr").await;
    assert_eq!(told.kind, "list-closed");
    assert!(told.subject.contains("est fermé"), "{}", told.subject);
    assert!(told.text_body.contains("votre réponse n'a pas été publiée"));

    // Not a member, where the group refuses outsiders: told so.
    fanny
        .post_form(
            "/g/jardins/discussions/settings",
            &[("read", "members"), ("outsiders", "refuse")],
        )
        .await;
    let again = raw_mail(
        "Paul Voisin <paul@ailleurs.example>",
        "jardins@essaim.test",
        "Encore moi",
        "p-2@ailleurs.example",
        &[],
        "Re-bonjour",
    );
    through_listener(&app, "paul@ailleurs.example", "jardins@essaim.test", &again).await;
    let told = app.last_email_to("paul@ailleurs.example").await;
    assert_eq!(told.kind, "list-refused");
    assert!(told.text_body.contains("Seuls les membres du groupe"));
}

/// A reply the trimming leaves empty is posted whole, its quote folded,
/// and its sender told why; a message forwarded from another list by a
/// member is posted like any other.
async fn a_reply_trimmed_to_nothing_is_posted_whole(backend: Backend) {
    let app = TestApp::start(backend).await;
    let (fanny, gus) = with_group(&app).await;
    let sink = essaim_web::DiscussionsSink::new(app.app_state().await);
    let topic = open_topic(&gus, "jardins", "Arrosage", "Qui arrose en août ?").await;
    app.run_jobs().await;
    let (fanny_key, parent) = reply_address(&app, "fanny@coop.fr").await;
    let env = envelope("fanny@coop.fr", &fanny_key);
    let quote = "Le mar. 1 déc. 2026 à 09:00, Gus <gus@coop.fr> a écrit :\n> Qui arrose en août ?";
    // Written under the quote: the reading side cut it all away.
    let below = essaim_mail::incoming::Incoming {
        message_id: Some("below-1@fanny.example".into()),
        from_address: Some("fanny@coop.fr".into()),
        subject: "Re: [jardins] Arrosage".into(),
        in_reply_to: vec![parent.clone()],
        body: String::new(),
        trimmed: format!("{quote}\n\nMoi, le mardi et le jeudi."),
        ..Default::default()
    };
    sink.take(&env, &below).await.expect("taken");
    let posts = topic_posts(&app, "Arrosage").await;
    assert_eq!(posts.len(), 2, "posted, not refused");
    assert_eq!(posts[1].markdown, "Moi, le mardi et le jeudi.");
    assert_eq!(posts[1].trimmed, quote, "the quote folded");
    let page = fanny.get(&topic).await;
    assert!(page.text.contains("Voir la partie coupée"));
    let told = app.last_email_to("fanny@coop.fr").await;
    assert_eq!(told.kind, "list-whole");
    assert!(
        told.subject.contains("publié en entier"),
        "{}",
        told.subject
    );
    assert!(told.text_body.contains("la citation repliée"));
    assert!(!told.text_body.contains("au-dessus de la citation"));
    // Nothing but the quote: still posted, the whole text folded.
    let only_quote = essaim_mail::incoming::Incoming {
        message_id: Some("quote-1@fanny.example".into()),
        in_reply_to: vec![parent.clone()],
        trimmed: quote.to_string(),
        ..below.clone()
    };
    sink.take(&env, &only_quote).await.expect("taken");
    let posts = topic_posts(&app, "Arrosage").await;
    assert_eq!(posts.len(), 3);
    assert!(posts[2].markdown.contains("ne contient que la citation"));
    assert_eq!(posts[2].trimmed, quote);

    // Forwarded from another list (its List-Id no longer makes it a
    // machine's mail once read): posted as the member's new topic.
    let forwarded = essaim_mail::incoming::Incoming {
        message_id: Some("fwd-1@gus.example".into()),
        from_address: Some("gus@coop.fr".into()),
        subject: "Tr: [voisins] Fête de quartier".into(),
        body: "Pour info :\n\n---------- Message transféré ----------\nLa fête a lieu samedi, apportez des plants.".into(),
        ..Default::default()
    };
    sink.take(&envelope("gus@coop.fr", "jardins@essaim.test"), &forwarded)
        .await
        .expect("taken");
    let posts = topic_posts(&app, "Fête de quartier").await;
    assert!(posts[0].markdown.contains("apportez des plants"));
}

/// A post's files reach those who read by email: links signed for each
/// member (opened without logging in, refused to anyone else) in the
/// email of a member on "every message", with its small picture attached,
/// and in the daily summary; an emailed file is saved with its post.
async fn files_reach_members_by_email(backend: Backend) {
    use essaim_mail::inbound::MailSink;
    let app = TestApp::start(backend).await;
    let (fanny, _gus) = with_group(&app).await;
    // Discussions for members only: their files too.
    let saved = fanny
        .post_form(
            "/g/jardins/discussions/settings",
            &[("read", "members"), ("outsiders", "moderate")],
        )
        .await;
    assert_eq!(saved.status, 303, "{}", saved.text);
    app.user("Hélène", "helene@coop.fr", PW).await;
    let helene = app.logged_in("helene@coop.fr", PW).await;
    helene.post_form("/g/jardins/join", &[]).await;
    helene
        .post_form("/g/jardins/discussions/email", &[("email_mode", "daily")])
        .await;
    let sink = essaim_web::DiscussionsSink::new(app.app_state().await);
    let picture = png(40, 30);
    let sent = mail_with_files(
        "Gus <gus@coop.fr>",
        "jardins@essaim.test",
        "Photos du potager",
        "photos-1@gus.example",
        &[],
        "Voici le potager et le plan.",
        &[
            ("potager.png", "image/png", picture.clone()),
            ("plan.pdf", "application/pdf", PDF.to_vec()),
        ],
    );
    sink.deliver(&envelope("gus@coop.fr", "jardins@essaim.test"), &sent)
        .await
        .expect("delivered");
    let posts = topic_posts(&app, "Photos du potager").await;
    assert_eq!(posts.len(), 1);
    let files = app.store.topic_files(posts[0].topic_id).await.unwrap();
    assert_eq!(files.len(), 2, "saved with the post");
    assert!(files.iter().all(|f| f.post_id == posts[0].id));
    app.run_jobs().await;

    // Fanny, on "every message": both files linked, the picture attached.
    let mail = app.last_email_to("fanny@coop.fr").await;
    assert_eq!(mail.kind, "list-post");
    assert!(
        mail.text_body.contains("Fichiers joints au message"),
        "{}",
        mail.text_body
    );
    let pdf_link = find_link(&mail.text_body, "/plan.pdf?");
    assert!(
        pdf_link.contains("reader=") && pdf_link.contains("key="),
        "{pdf_link}"
    );
    assert!(mail.text_body.contains("potager.png"));
    assert!(mail.html_body.contains("plan.pdf"));
    let parsed = parse(&mail.raw);
    let attached: Vec<_> = parsed
        .attachments()
        .map(|a| {
            use mail_parser::MimeHeaders;
            (
                a.attachment_name().unwrap_or_default().to_string(),
                a.contents().to_vec(),
            )
        })
        .collect();
    assert_eq!(
        attached.len(),
        1,
        "only the small picture goes with the email"
    );
    assert_eq!(attached[0].0, "potager.png");
    assert_eq!(attached[0].1, picture);
    // The signed link opens without logging in (someone who reads by email
    // alone), and for nobody else.
    let visitor = app.browser();
    let opened = visitor.get(&pdf_link).await;
    assert_eq!(opened.status, 200, "{}", opened.text);
    assert_eq!(opened.text.as_bytes(), PDF);
    let forged = visitor.get(&format!("{pdf_link}0")).await;
    assert_eq!(forged.status, 410);
    let fanny_id = app
        .store
        .user_by_email("fanny@coop.fr")
        .await
        .unwrap()
        .unwrap()
        .id;
    let helene_id = app
        .store
        .user_by_email("helene@coop.fr")
        .await
        .unwrap()
        .unwrap()
        .id;
    let borrowed = pdf_link.replace(
        &format!("reader={fanny_id}&"),
        &format!("reader={helene_id}&"),
    );
    assert_ne!(borrowed, pdf_link);
    assert_eq!(visitor.get(&borrowed).await.status, 410);
    let bare = pdf_link.split('?').next().unwrap_or_default().to_string();
    assert_ne!(visitor.get(&bare).await.status, 200, "a members' file");
    assert_eq!(fanny.get(&bare).await.status, 200);

    // Hélène, on the daily summary: the files linked under the post.
    let due = app
        .store
        .pending_jobs()
        .await
        .unwrap()
        .into_iter()
        .find(|j| j.kind == "discussion_daily")
        .expect("daily summary scheduled");
    app.store.clock().advance(due.run_at - app.store.now() + 1);
    app.run_jobs().await;
    let digest = app.last_email_to("helene@coop.fr").await;
    assert_eq!(digest.kind, "list-daily");
    let link = find_link(&digest.text_body, "/plan.pdf?");
    assert!(link.contains(&format!("reader={helene_id}&")), "{link}");
    assert!(digest.html_body.contains("plan.pdf"));
    let opened = app.browser().get(&link).await;
    assert_eq!(opened.status, 200);
    // Once she has left the closed group, her link opens nothing.
    helene.post_form("/g/jardins/leave", &[]).await;
    assert_ne!(app.browser().get(&link).await.status, 200);

    // A file added on the site to a post already sent follows it by email,
    // threaded under it.
    let gus = app.logged_in("gus@coop.fr", PW).await;
    let topic = open_topic(&gus, "jardins", "Plan des parcelles", "Le plan suit.").await;
    app.run_jobs().await;
    let sent = app.last_email_to("fanny@coop.fr").await;
    assert_eq!(sent.subject, "[jardins] Plan des parcelles");
    let post_id = last_post_id(&gus.get(&topic).await.text);
    let part = reqwest::multipart::Part::bytes(PDF.to_vec())
        .file_name("parcelles.pdf")
        .mime_str("application/pdf")
        .unwrap();
    let form = reqwest::multipart::Form::new()
        .text("csrf", gus.csrf().await)
        .part("file", part);
    let res = gus
        .client
        .post(format!("{}{topic}/posts/{post_id}/files", app.base))
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    app.run_jobs().await;
    let follow = app.last_email_to("fanny@coop.fr").await;
    assert_eq!(follow.kind, "list-file");
    assert!(
        follow.subject.contains("Plan des parcelles"),
        "{}",
        follow.subject
    );
    assert!(follow
        .text_body
        .contains("Gus a joint un fichier à son message"));
    let link = find_link(&follow.text_body, "/parcelles.pdf?");
    assert_eq!(app.browser().get(&link).await.text.as_bytes(), PDF);
    let parsed = parse(&follow.raw);
    assert_eq!(
        ids(parsed.in_reply_to()),
        vec![parse(&sent.raw).message_id().expect("id").to_string()]
    );
}
