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
    assert!(header_text(&m, "List-Id").contains("<jardins.essaim.test>"));
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
}

async fn summaries_group_the_days_posts(backend: Backend) {
    let app = TestApp::start(backend).await;
    let (fanny, gus) = with_group(&app).await;
    fanny
        .post_form("/g/jardins/discussions/email", &[("email_mode", "daily")])
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
    // The next day's run sends nothing more (nothing new).
    let count = app.outbox().await.len();
    app.store.clock().advance(86_400 + 10);
    app.run_jobs().await;
    assert_eq!(app.outbox().await.len(), count);
}
