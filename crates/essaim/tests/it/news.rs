//! News through HTTP, on both databases: publishing (facilitators, not
//! members), the emails to members and to confirmed news-only subscribers,
//! members-only news kept from subscribers, the feed and outsiders,
//! subscribing without an account, confirming, one-click unsubscribing,
//! and bad input that changes nothing.

use crate::both;
use crate::meetings::{count_of, email_of, network};
use serde_json::json;

use crate::support::openapi::Api;
use crate::support::{extract, find_link, headers_of, Browser, TestApp};

both!(
    news_reach_members_and_confirmed_subscribers_until_they_stop,
    members_only_news_stay_with_members,
    bad_news_and_bad_subscriptions_change_nothing,
    news_through_the_api_as_the_document_says,
);

fn png(width: u32, height: u32) -> Vec<u8> {
    let picture = image::RgbImage::from_fn(width, height, |x, y| {
        image::Rgb([(x % 256) as u8, (y % 256) as u8, 60])
    });
    let mut out = std::io::Cursor::new(Vec::new());
    image::DynamicImage::ImageRgb8(picture)
        .write_to(&mut out, image::ImageFormat::Png)
        .unwrap();
    out.into_inner()
}

/// Sends the news form as a browser does (multipart, with an optional
/// image).
pub async fn publish(
    app: &TestApp,
    b: &Browser,
    title: &str,
    body: &str,
    visibility: &str,
    image: Option<Vec<u8>>,
) -> crate::support::Resp {
    let csrf = b.csrf().await;
    let mut form = reqwest::multipart::Form::new()
        .text("csrf", csrf)
        .text("title", title.to_string())
        .text("body", body.to_string())
        .text("visibility", visibility.to_string());
    if let Some(bytes) = image {
        form = form.part(
            "image",
            reqwest::multipart::Part::bytes(bytes).file_name("photo.png"),
        );
    }
    let res = b
        .client
        .post(format!("{}/g/jardins/news/new", app.base))
        .multipart(form)
        .send()
        .await
        .expect("publish");
    Browser::read(res).await
}

/// Subscribes `email` to the news of `jardins` from a browser without an
/// account, and confirms by the emailed link; returns the page's answer.
async fn subscribe(app: &TestApp, email: &str) -> crate::support::Resp {
    let b = app.browser();
    b.post_form("/g/jardins/news/subscribe", &[("email", email)])
        .await
}

async fn confirm(app: &TestApp, email: &str) {
    let mail = email_of(app, email, "news-confirm").await;
    let link = find_link(&mail.text_body, "/news/confirm/");
    let b = app.browser();
    // Opening the link (as a mail scanner would) confirms nothing yet.
    let page = b.get(&link).await;
    assert_eq!(page.status, 200, "{}", page.text);
    assert!(page.text.contains("Oui, recevoir les nouvelles"));
    let res = b.client.post(&link).send().await.expect("confirm");
    let res = Browser::read(res).await;
    assert_eq!(res.status, 200, "{}", res.text);
    assert!(res
        .text
        .contains("Vous recevrez les nouvelles de Jardins partagés"));
}

async fn news_count(app: &TestApp) -> i64 {
    #[derive(sqlx::FromRow)]
    struct N {
        n: i64,
    }
    let row: N = app
        .store
        .db()
        .one(essaim_store::q("SELECT COUNT(*) AS n FROM news"))
        .await
        .unwrap();
    row.n
}

async fn news_events(app: &TestApp) -> Vec<essaim_store::activity::Event> {
    let group = app.store.group_by_slug("jardins").await.unwrap().unwrap();
    app.store
        .activity_between(group.id, 0, i64::MAX)
        .await
        .unwrap()
        .into_iter()
        .filter(|e| e.kind == essaim_domain::activity::EventKind::NewsPosted)
        .collect()
}

async fn news_reach_members_and_confirmed_subscribers_until_they_stop(
    backend: crate::support::Backend,
) {
    let app = TestApp::start(backend).await;
    let (fanny, gus, _nina) = network(&app).await;

    // A member may not publish; the form is for those who run the group.
    let page = gus.get("/g/jardins/news").await;
    assert_eq!(page.status, 200);
    assert!(!page.text.contains("/g/jardins/news/new"));
    let res = publish(&app, &gus, "Pas moi", "Texte", "public", None).await;
    assert_eq!(res.status, 403, "{}", res.text);
    assert_eq!(news_count(&app).await, 0);

    // Someone without an account subscribes, and confirms; another one
    // subscribes but never confirms.
    let res = subscribe(&app, "Lea@Ailleurs.fr").await;
    assert_eq!(res.status, 200, "{}", res.text);
    assert!(res.text.contains("Regardez vos e-mails"));
    confirm(&app, "lea@ailleurs.fr").await;
    assert_eq!(subscribe(&app, "paul@ailleurs.fr").await.status, 200);

    // Fanny publishes, with a picture.
    let res = publish(
        &app,
        &fanny,
        "La récolte de juin",
        "Nous avons récolté **30 kg** de tomates.",
        "public",
        Some(png(900, 600)),
    )
    .await;
    assert_eq!(res.status, 303, "{}", res.text);
    let path = res.location();
    assert!(path.starts_with("/g/jardins/news/"), "{path}");
    app.run_jobs().await;

    // Members and the confirmed subscriber get it; nobody else.
    for to in ["gus@coop.fr", "fanny@coop.fr", "lea@ailleurs.fr"] {
        assert_eq!(count_of(&app, to, "news").await, 1, "{to}");
    }
    assert_eq!(count_of(&app, "nina@coop.fr", "news").await, 0);
    assert_eq!(count_of(&app, "paul@ailleurs.fr", "news").await, 0);
    let member_mail = email_of(&app, "gus@coop.fr", "news").await;
    assert!(member_mail.subject.contains("La récolte de juin"));
    assert!(member_mail.html_body.contains("<strong>30 kg</strong>"));
    assert!(!headers_of(&member_mail.raw).contains_key("list-unsubscribe"));
    let mail = email_of(&app, "lea@ailleurs.fr", "news").await;
    assert!(mail.text_body.contains("30 kg"), "{}", mail.text_body);
    let headers = headers_of(&mail.raw);
    assert_eq!(
        headers["list-unsubscribe-post"],
        "List-Unsubscribe=One-Click"
    );
    let one_click = headers["list-unsubscribe"]
        .split(['<', '>'])
        .find(|p| p.starts_with("http"))
        .expect("an address to unsubscribe")
        .to_string();

    // Published on the group's page, its own page, its image, the feed.
    let anonymous = app.browser();
    let group_page = anonymous.get("/g/jardins").await;
    assert_eq!(group_page.status, 200);
    assert!(group_page.text.contains("La récolte de juin"));
    let item = anonymous.get(&path).await;
    assert_eq!(item.status, 200);
    assert!(item.text.contains("<strong>30 kg</strong>"));
    let image = anonymous.get(&format!("{path}/image")).await;
    assert_eq!(image.status, 200);
    assert_eq!(image.header("content-type").as_deref(), Some("image/jpeg"));
    let feed = anonymous.get("/g/jardins/news.atom").await;
    assert_eq!(feed.status, 200);
    assert!(
        feed.text.contains("<title>La récolte de juin</title>"),
        "{}",
        feed.text
    );

    // The event is in the log, for everyone.
    let events = news_events(&app).await;
    assert_eq!(events.len(), 1);
    assert_eq!(events[0].title, "La récolte de juin");
    assert_eq!(events[0].url, path);
    assert_eq!(
        events[0].audience,
        essaim_domain::activity::Audience::Public
    );

    // A forged link stops nothing; the one-click POST (no session, no key)
    // does, and nothing more is sent.
    let forged = format!("{}0", one_click.trim_end_matches(|c: char| c != '/'));
    let res = reqwest::Client::new()
        .post(&forged)
        .body("List-Unsubscribe=One-Click")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 404);
    let res = reqwest::Client::new()
        .post(&one_click)
        .header("content-type", "application/x-www-form-urlencoded")
        .body("List-Unsubscribe=One-Click")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let res = publish(&app, &fanny, "Deuxième nouvelle", "Encore", "public", None).await;
    assert_eq!(res.status, 303, "{}", res.text);
    app.run_jobs().await;
    assert_eq!(count_of(&app, "gus@coop.fr", "news").await, 2);
    assert_eq!(count_of(&app, "lea@ailleurs.fr", "news").await, 1);
}

async fn members_only_news_stay_with_members(backend: crate::support::Backend) {
    let app = TestApp::start(backend).await;
    let (fanny, gus, nina) = network(&app).await;
    subscribe(&app, "lea@ailleurs.fr").await;
    confirm(&app, "lea@ailleurs.fr").await;
    let res = publish(
        &app,
        &fanny,
        "Entre nous",
        "Le code du portail",
        "members",
        None,
    )
    .await;
    assert_eq!(res.status, 303, "{}", res.text);
    let path = res.location();
    app.run_jobs().await;
    assert_eq!(count_of(&app, "gus@coop.fr", "news").await, 1);
    assert_eq!(count_of(&app, "lea@ailleurs.fr", "news").await, 0);
    assert_eq!(count_of(&app, "nina@coop.fr", "news").await, 0);

    assert_eq!(gus.get(&path).await.status, 200);
    for outsider in [app.browser(), nina] {
        assert_eq!(outsider.get(&path).await.status, 404);
        assert_eq!(outsider.get(&format!("{path}/image")).await.status, 404);
        let list = outsider.get("/g/jardins/news").await;
        assert_eq!(list.status, 200);
        assert!(!list.text.contains("Entre nous"));
        assert!(!outsider.get("/g/jardins").await.text.contains("Entre nous"));
    }
    assert!(gus.get("/g/jardins/news").await.text.contains("Entre nous"));
    // The feed is what anyone may read, whoever asks.
    for reader in [app.browser(), gus.clone()] {
        let feed = reader.get("/g/jardins/news.atom").await;
        assert_eq!(feed.status, 200);
        assert!(!feed.text.contains("Entre nous"));
    }
    let events = news_events(&app).await;
    assert_eq!(events.len(), 1);
    assert_eq!(
        events[0].audience,
        essaim_domain::activity::Audience::Members
    );
}

async fn bad_news_and_bad_subscriptions_change_nothing(backend: crate::support::Backend) {
    let app = TestApp::start(backend).await;
    let (fanny, _gus, _nina) = network(&app).await;

    // A bad address: a translated error, the address shown again.
    let res = subscribe(&app, "pas-une-adresse").await;
    assert_eq!(res.status, 422, "{}", res.text);
    assert!(res.text.contains("pas-une-adresse"));
    assert!(res
        .text
        .contains("Cette adresse e-mail ne semble pas correcte."));

    // The same answer for a new address, a pending one and a confirmed one;
    // a confirmed address gets no second confirmation.
    let first = subscribe(&app, "lea@ailleurs.fr").await;
    confirm(&app, "lea@ailleurs.fr").await;
    let again = subscribe(&app, "lea@ailleurs.fr").await;
    let fresh = subscribe(&app, "paul@ailleurs.fr").await;
    assert_eq!(first.status, 200);
    assert_eq!(again.status, first.status);
    assert_eq!(fresh.status, first.status);
    let body = |r: &crate::support::Resp| {
        let start = r.text.find("<h1").unwrap();
        let end = r.text.find("</main>").unwrap_or(r.text.len());
        r.text[start..end].to_string()
    };
    assert_eq!(body(&again), body(&first));
    assert_eq!(body(&fresh), body(&first));
    assert_eq!(count_of(&app, "lea@ailleurs.fr", "news-confirm").await, 1);
    // An unknown confirmation link finds nothing.
    let res = app
        .browser()
        .client
        .post(format!("{}/news/confirm/0123456789abcdef", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 404);

    // Not a picture, and a picture too large: a translated error, nothing
    // published, what was typed shown again.
    let res = publish(
        &app,
        &fanny,
        "Titre gardé",
        "Texte gardé",
        "public",
        Some(b"<html>not a picture</html>".to_vec()),
    )
    .await;
    assert_eq!(res.status, 422, "{}", res.text);
    assert!(
        res.text.contains("Ce fichier n'est pas une image"),
        "{}",
        res.text
    );
    assert!(res.text.contains("Titre gardé"));
    assert!(res.text.contains("Texte gardé"));
    let mut huge = png(10, 10);
    huge.resize(9 * 1024 * 1024, 0);
    let res = publish(&app, &fanny, "Titre gardé", "Texte", "public", Some(huge)).await;
    assert_eq!(res.status, 422, "{}", res.text);
    assert!(res.text.contains("Cette image est trop lourde"));
    assert!(res.text.contains("Titre gardé"));
    // Missing title, unknown visibility.
    let res = publish(&app, &fanny, "  ", "Texte gardé", "secret", None).await;
    assert_eq!(res.status, 422, "{}", res.text);
    assert!(res.text.contains("Donnez un titre à la nouvelle."));
    assert!(res.text.contains("Choisissez une des propositions."));
    assert!(res.text.contains("Texte gardé"));
    assert_eq!(news_count(&app).await, 0);
    assert!(news_events(&app).await.is_empty());
    let value = extract(&res.text, r#"name="csrf" value=""#, '"');
    assert!(value.is_some());
    app.run_jobs().await;
    assert_eq!(count_of(&app, "lea@ailleurs.fr", "news").await, 0);
}

async fn token_api(app: &TestApp, email: &str) -> Api {
    let user = app.store.user_by_email(email).await.unwrap().unwrap();
    let (_, secret) = app.store.create_api_token(user.id, "t").await.unwrap();
    Api::new(&app.base, Some(&secret))
}

async fn news_through_the_api_as_the_document_says(backend: crate::support::Backend) {
    let app = TestApp::start(backend).await;
    network(&app).await;
    let fanny = token_api(&app, "fanny@coop.fr").await;
    let gus = token_api(&app, "gus@coop.fr").await;
    let nobody = Api::new(&app.base, None);

    // Publishing: facilitators only, with a token; bad fields are 422.
    let item = json!({"title": "Par l'API", "body": "Un **texte**", "visibility": "public"});
    assert_eq!(nobody.post("/groups/jardins/news", &item).await.status, 401);
    assert_eq!(gus.post("/groups/jardins/news", &item).await.status, 403);
    assert_eq!(fanny.post("/groups/nowhere/news", &item).await.status, 404);
    for bad in [
        json!({"title": " ", "body": "x"}),
        json!({"title": "t", "body": ""}),
        json!({"title": "t", "body": "x", "visibility": "secret"}),
        json!({"title": "t", "body": "x", "visibility": " members"}),
        json!({"title": "t".repeat(201), "body": "x"}),
        json!({"title": "t", "body": "x", "image": "y"}),
        json!("not an object"),
    ] {
        let res = fanny.post("/groups/jardins/news", &bad).await;
        assert_eq!(res.status, 422, "{bad}: {}", res.text);
    }
    let res = fanny.post("/groups/jardins/news", &item).await;
    assert_eq!(res.status, 201, "{}", res.text);
    let open_id = res.json()["id"].as_i64().unwrap();
    assert_eq!(res.json()["visibility"], "public");
    let res = fanny
        .post(
            "/groups/jardins/news",
            &json!({"title": "Réservé", "body": "Entre nous", "visibility": "members"}),
        )
        .await;
    assert_eq!(res.status, 201, "{}", res.text);
    let closed_id = res.json()["id"].as_i64().unwrap();

    // Reading: each caller what they may read.
    let titles = |res: &crate::support::Resp| -> Vec<String> {
        res.json()["news"]
            .as_array()
            .unwrap()
            .iter()
            .map(|n| n["title"].as_str().unwrap().to_string())
            .collect()
    };
    let res = nobody.get("/groups/jardins/news").await;
    assert_eq!(res.status, 200);
    assert_eq!(titles(&res), ["Par l'API"]);
    let res = gus.get("/groups/jardins/news").await;
    assert_eq!(titles(&res), ["Réservé", "Par l'API"]);
    assert_eq!(nobody.get(&format!("/news/{open_id}")).await.status, 200);
    assert_eq!(nobody.get(&format!("/news/{closed_id}")).await.status, 404);
    let res = gus.get(&format!("/news/{closed_id}")).await;
    assert_eq!(res.status, 200);
    assert_eq!(res.json()["body"], "Entre nous");
    assert_eq!(nobody.get("/news/999999").await.status, 404);
    assert_eq!(nobody.get("/news/abc").await.status, 400);
    assert_eq!(nobody.get("/groups/nowhere/news").await.status, 404);
    assert_eq!(
        Api::new(&app.base, Some("essaim_nope"))
            .get("/groups/jardins/news")
            .await
            .status,
        401
    );
    assert_eq!(news_events(&app).await.len(), 2);
    app.run_jobs().await;
    assert_eq!(count_of(&app, "gus@coop.fr", "news").await, 2);
}
