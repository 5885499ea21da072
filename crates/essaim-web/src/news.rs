//! News: a group's news page (`/g/{slug}/news`) with publishing and the
//! news-only subscription form, a page per item, its image, the Atom feed
//! (`/g/{slug}/news.atom`: what anyone may read), confirming and stopping
//! a subscription by its links, and the email job that sends each item.
//!
//! Who reads what is `essaim_domain::news`'s rule, asked through
//! `essaim_app::news`.

use std::collections::BTreeMap;

use axum::extract::{Multipart, Path, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use essaim_app::or_invalid;
use essaim_domain::i18n::Lang;
use essaim_domain::jobs;
use essaim_domain::news::NewsInput;
use essaim_domain::visibility::Visibility;
use essaim_domain::{markdown, Invalid, Problem};
use essaim_mail::{compose, Compose, JobFuture, JobHandler, Outcome, Worker};
use essaim_store::jobs::Job;
use essaim_store::news::{News, Subscribed};
use essaim_store::outbox::OutgoingEmail;
use minijinja::context;
use serde::{Deserialize, Serialize};

use crate::csrf::{self, CsrfForm};
use crate::ctx::Ctx;
use crate::error::{not_found, AppError, AppResult};
use crate::groups::{self, Loaded};
use crate::i18n::{format_date, t, t_args};
use crate::{images, AppState};

/// How many items the news page lists.
const PAGE_ITEMS: i64 = 50;
/// How many items the feed holds.
const FEED_ITEMS: i64 = 30;

/// A news item ready for templates.
#[derive(Debug, Serialize)]
pub struct NewsView {
    /// The stored item.
    #[serde(flatten)]
    pub news: News,
    /// Its body as safe HTML.
    pub html: String,
    /// Its date in words.
    pub date: String,
    /// Its page.
    pub path: String,
    /// Members only.
    pub members_only: bool,
}

/// Turns items into views in `lang`.
pub fn views(state: &AppState, lang: Lang, list: Vec<News>) -> Vec<NewsView> {
    list.into_iter().map(|n| view(state, lang, n)).collect()
}

fn view(state: &AppState, lang: Lang, news: News) -> NewsView {
    NewsView {
        html: markdown::render(&news.body),
        date: format_date(lang, state.config.timezone, news.created_at),
        path: news.path(),
        members_only: news.visibility == Visibility::Members,
        news,
    }
}

/// The latest 3 items of a group the reader may read (its page's block).
pub async fn latest_of_group(
    state: &AppState,
    ctx: &Ctx,
    loaded: &Loaded,
) -> AppResult<Vec<NewsView>> {
    let list = essaim_app::news::latest(&state.app, &ctx.actor(), &loaded.group, 3).await?;
    Ok(views(state, ctx.lang, list))
}

/// What the news page shows besides the list: the publishing form's text
/// and the subscription form's address, with their refusals.
#[derive(Debug, Default)]
struct Forms<'a> {
    input: Option<&'a NewsInput>,
    email: &'a str,
    errors: &'a [Invalid],
}

async fn index_page(
    state: &AppState,
    ctx: &Ctx,
    loaded: &Loaded,
    forms: Forms<'_>,
) -> AppResult<Response> {
    let list =
        essaim_app::news::latest(&state.app, &ctx.actor(), &loaded.group, PAGE_ITEMS).await?;
    let may_publish =
        essaim_app::news::may_publish(&ctx.actor(), &loaded.group, loaded.rules.as_ref());
    let by_field: BTreeMap<&str, &str> = forms.errors.iter().map(|e| (e.field, e.key)).collect();
    let empty = NewsInput::default();
    let input = forms.input.unwrap_or(&empty);
    let html = state.templates.render(
        "news/index.html",
        ctx,
        context! {
            group => loaded.group, items => views(state, ctx.lang, list), may_publish => may_publish,
            values => context! { title => input.title, body => input.body, visibility => input.visibility, email => forms.email },
            errors => by_field, error_list => forms.errors,
            visibilities => Visibility::ALL.iter().map(|v| v.code()).collect::<Vec<_>>(),
            feed => state.config.absolute(&format!("/g/{}/news.atom", loaded.group.slug)),
        },
    )?;
    let status = if forms.errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    Ok((status, html).into_response())
}

/// `GET /g/{slug}/news`.
pub async fn index(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
) -> AppResult<Response> {
    let loaded = groups::load_hosted(&state, &ctx, &slug).await?;
    index_page(&state, &ctx, &loaded, Forms::default()).await
}

/// The publishing form as sent (multipart: its text and an optional image).
struct Sent {
    input: NewsInput,
    image: Vec<u8>,
}

async fn read_form(ctx: &Ctx, mut multipart: Multipart) -> AppResult<Sent> {
    let status = |e: axum::extract::multipart::MultipartError| AppError::Status(e.status());
    let mut token = None;
    let mut sent = Sent {
        input: NewsInput::default(),
        image: Vec::new(),
    };
    while let Some(field) = multipart.next_field().await.map_err(status)? {
        match field.name() {
            Some(csrf::FIELD) => token = Some(field.text().await.map_err(status)?),
            Some("title") => sent.input.title = field.text().await.map_err(status)?,
            Some("body") => sent.input.body = field.text().await.map_err(status)?,
            Some("visibility") => sent.input.visibility = field.text().await.map_err(status)?,
            Some("image") => sent.image = field.bytes().await.map_err(status)?.to_vec(),
            _ => {}
        }
    }
    csrf::verify(ctx, token.as_deref())?;
    Ok(sent)
}

/// Checks and stores an uploaded image (re-encoded as a JPEG of at most
/// 640×480: what is served was made by us); gives its stored name.
async fn store_image(state: &AppState, bytes: Vec<u8>) -> AppResult<Result<String, Invalid>> {
    let converted = tokio::task::spawn_blocking(move || images::thumbnail(&bytes))
        .await
        .map_err(|e| AppError::Internal(e.into()))?;
    let jpeg = match converted {
        Ok(jpeg) => jpeg,
        Err(e) => return Ok(Err(Invalid::new("image", e.key()))),
    };
    let name = format!("{}.jpg", essaim_store::random_token(12));
    crate::uploads::write_atomic(state.config.data_dir.join("news").join(&name), jpeg).await?;
    Ok(Ok(name))
}

/// `POST /g/{slug}/news/new`: publishes an item (facilitators and leaders).
/// A refused text or image shows the form again with what was typed.
pub async fn create(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
    multipart: Multipart,
) -> AppResult<Response> {
    let loaded = groups::load_hosted(&state, &ctx, &slug).await?;
    let sent = read_form(&ctx, multipart).await?;
    if !essaim_app::news::may_publish(&ctx.actor(), &loaded.group, loaded.rules.as_ref()) {
        return Err(crate::error::refuse(&ctx));
    }
    let refused = |errors: Vec<Invalid>| {
        let (state, ctx, loaded, input) = (&state, &ctx, &loaded, &sent.input);
        async move {
            index_page(
                state,
                ctx,
                loaded,
                Forms {
                    input: Some(input),
                    errors: &errors,
                    ..Forms::default()
                },
            )
            .await
        }
    };
    let draft = match sent.input.validate() {
        Ok(draft) => draft,
        Err(errors) => return refused(errors).await,
    };
    let image = if sent.image.is_empty() {
        None
    } else {
        match store_image(&state, sent.image.clone()).await? {
            Ok(name) => Some(name),
            Err(e) => return refused(vec![e]).await,
        }
    };
    let id = essaim_app::news::publish(
        &state.app,
        &ctx.actor(),
        &loaded.group,
        loaded.rules.as_ref(),
        &draft,
        image.as_deref(),
    )
    .await?;
    Ok(Redirect::to(&format!("/g/{slug}/news/{id}")).into_response())
}

/// `GET /g/{slug}/news/{id}`.
pub async fn show(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, id)): Path<(String, i64)>,
) -> AppResult<Response> {
    let loaded = groups::load_hosted(&state, &ctx, &slug).await?;
    let news = essaim_app::news::open(&state.app, &ctx.actor(), &loaded.group, id).await?;
    let html = state.templates.render(
        "news/show.html",
        &ctx,
        context! { group => loaded.group, item => view(&state, ctx.lang, news) },
    )?;
    Ok(html.into_response())
}

/// `GET /g/{slug}/news/{id}/image`: the item's image, for whoever may read
/// the item.
pub async fn image(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, id)): Path<(String, i64)>,
) -> AppResult<Response> {
    let loaded = groups::load_hosted(&state, &ctx, &slug).await?;
    let news = essaim_app::news::open(&state.app, &ctx.actor(), &loaded.group, id).await?;
    let name = news.image.ok_or_else(not_found)?;
    let bytes = tokio::fs::read(state.config.data_dir.join("news").join(name))
        .await
        .map_err(|_| not_found())?;
    let cache = if news.visibility == Visibility::Public {
        "public, max-age=86400"
    } else {
        "private, max-age=300"
    };
    Ok((
        [
            (header::CONTENT_TYPE, "image/jpeg"),
            (header::CACHE_CONTROL, cache),
        ],
        bytes,
    )
        .into_response())
}

/// `GET /g/{slug}/news.atom`: the items anyone may read.
pub async fn feed(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
) -> AppResult<Response> {
    let loaded = groups::load_hosted(&state, &ctx, &slug).await?;
    let list = essaim_app::news::public_latest(&state.app, &loaded.group, FEED_ITEMS).await?;
    let summaries: Vec<String> = list
        .iter()
        .map(|n| markdown::render_inline_text(&n.body, 300))
        .collect();
    let entries: Vec<crate::atom::Entry<'_>> = list
        .iter()
        .zip(&summaries)
        .map(|(n, summary)| crate::atom::Entry {
            title: &n.title,
            id: state.config.absolute(&n.path()),
            link: state.config.absolute(&n.path()),
            updated: n.created_at,
            author: &n.author_name,
            summary: Some(summary),
        })
        .collect();
    let title = t_args(
        ctx.lang,
        "news-feed-title",
        &[("group", loaded.group.name.clone())],
    );
    Ok(crate::atom::response(
        &title,
        &state.config.absolute(&format!("/g/{slug}/news.atom")),
        &entries,
    ))
}

/// The subscription form.
#[derive(Debug, Deserialize, Default)]
#[serde(default)]
pub struct SubscribeForm {
    /// The address to send the news to.
    pub email: String,
}

/// `POST /g/{slug}/news/subscribe`: asks for an address to receive the
/// news. The answer is the same whether it was subscribed or not.
pub async fn subscribe(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
    CsrfForm(form): CsrfForm<SubscribeForm>,
) -> AppResult<Response> {
    let loaded = groups::load_hosted(&state, &ctx, &slug).await?;
    let outcome = or_invalid(
        essaim_app::news::subscribe(&state.app, &loaded.group, &form.email, ctx.lang).await,
    )?;
    match outcome {
        Err(errors) => {
            return index_page(
                &state,
                &ctx,
                &loaded,
                Forms {
                    email: &form.email,
                    errors: &errors,
                    ..Forms::default()
                },
            )
            .await
        }
        Ok(Subscribed::ToConfirm { token, .. }) => {
            let email = essaim_domain::accounts::normalize_email(&form.email)
                .map_err(|e| Problem::Invalid(vec![e]))?;
            let link = state.config.absolute(&format!("/news/confirm/{token}"));
            let mail = crate::email::notice_email(
                &state,
                ctx.lang,
                "news-confirm",
                &email,
                &email,
                &[("group", loaded.group.name.clone())],
                &link,
            )
            .map_err(AppError::Internal)?;
            state.queue_emails(&[mail]).await?;
        }
        Ok(Subscribed::Already) => {}
    }
    let html = state.templates.render(
        "news/subscribed.html",
        &ctx,
        context! { group => loaded.group },
    )?;
    Ok(html.into_response())
}

/// `GET /news/confirm/{token}`: a page with the confirming button (a link
/// opened by a mail scanner must not subscribe anyone).
pub async fn confirm_page(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(token): Path<String>,
) -> AppResult<Response> {
    let html = state.templates.render(
        "news/confirm.html",
        &ctx,
        context! { action => format!("/news/confirm/{token}") },
    )?;
    Ok(html.into_response())
}

/// `POST /news/confirm/{token}`: confirms (the link's secret is the proof:
/// no session needed).
pub async fn confirm(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(token): Path<String>,
) -> AppResult<Response> {
    let subscriber = essaim_app::news::confirm(&state.app, &token).await?;
    let group = state
        .store
        .group_by_id(subscriber.group_id)
        .await?
        .ok_or_else(not_found)?;
    let html = state
        .templates
        .render("news/confirmed.html", &ctx, context! { group => group })?;
    Ok(html.into_response())
}

/// The one-click stop link of subscriber `id` (RFC 8058).
pub fn unsubscribe_link(state: &AppState, id: i64) -> String {
    let sig = essaim_app::news::unsubscribe_signature(&state.app, id);
    state
        .config
        .absolute(&format!("/news/unsubscribe/{id}/{sig}"))
}

/// `GET /news/unsubscribe/{id}/{signature}`: a page with the button.
pub async fn unsubscribe_page(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, signature)): Path<(i64, String)>,
) -> AppResult<Response> {
    let subscriber = essaim_app::news::subscriber_of_link(&state.app, id, &signature).await?;
    let group = state
        .store
        .group_by_id(subscriber.group_id)
        .await?
        .ok_or_else(not_found)?;
    let html = state.templates.render(
        "news/unsubscribe.html",
        &ctx,
        context! { group => group, action => format!("/news/unsubscribe/{id}/{signature}") },
    )?;
    Ok(html.into_response())
}

/// `POST /news/unsubscribe/{id}/{signature}`: RFC 8058 one-click
/// unsubscribe (mail programs post `List-Unsubscribe=One-Click` with no
/// session nor anti-forgery key: the signature is the proof).
pub async fn unsubscribe(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, signature)): Path<(i64, String)>,
) -> AppResult<Response> {
    let subscriber = essaim_app::news::unsubscribe(&state.app, id, &signature).await?;
    let group = state.store.group_by_id(subscriber.group_id).await?;
    let html =
        state
            .templates
            .render("news/unsubscribed.html", &ctx, context! { group => group })?;
    Ok(html.into_response())
}

// ---------------------------------------------------------------- the email

/// One news email to `to` in `lang`, with the stop link for a news-only
/// subscriber (`stop`).
fn news_email(
    state: &AppState,
    news: &News,
    lang: Lang,
    to: &str,
    name: &str,
    stop: Option<String>,
) -> anyhow::Result<OutgoingEmail> {
    let link = state.config.absolute(&news.path());
    let subject = format!("[{}] {}", news.group_name, news.title);
    let context = context! {
        lang => lang.code(),
        subject => subject,
        greeting => t_args(lang, "email-greeting", &[("name", name.to_string())]),
        intro => t_args(lang, "email-news-intro", &[("group", news.group_name.clone()), ("author", news.author_name.clone())]),
        title => news.title,
        html => markdown::render(&news.body),
        text => news.body,
        image => news.image.as_ref().map(|_| state.config.absolute(&format!("{}/image", news.path()))),
        link => link,
        see_label => t(lang, "email-news-see"),
        home => state.config.absolute("/"),
        stop_link => stop,
        stop_label => t(lang, "email-news-stop"),
    };
    let text = state
        .templates
        .render_plain("emails/news.txt", context.clone())?;
    let html = state.templates.render_plain("emails/news.html", context)?;
    let mut headers = vec![("Auto-Submitted".to_string(), "auto-generated".to_string())];
    if let Some(stop) = &stop {
        headers.push(("List-Unsubscribe".into(), format!("<{stop}>")));
        headers.push((
            "List-Unsubscribe-Post".into(),
            "List-Unsubscribe=One-Click".into(),
        ));
    }
    let mail = Compose {
        kind: "news".into(),
        to: to.to_string(),
        to_name: (!name.is_empty() && name != to).then(|| name.to_string()),
        subject,
        text,
        html,
        headers,
        from_name: Some(news.group_name.clone()),
        ..Compose::default()
    };
    Ok(compose(&state.mail, mail, state.store.now())?)
}

/// Sends a news item to the members who may read it and, when anyone may,
/// to the confirmed news-only subscribers.
struct Publish(AppState);

impl JobHandler<jobs::NewsPublished> for Publish {
    fn run<'a>(&'a self, _job: &'a Job, p: jobs::NewsPublished) -> JobFuture<'a> {
        Box::pin(async move {
            let state = &self.0;
            let Some(news) = state.store.news_item(p.news_id).await? else {
                return Ok(Outcome::Done);
            };
            let (members, subscribers) = match essaim_app::news::recipients(&state.app, &news).await
            {
                Ok(r) => r,
                Err(essaim_app::Error::Store(e)) => return Err(e),
                Err(essaim_app::Error::Problem(_)) => return Ok(Outcome::Done),
            };
            let mut emails = Vec::new();
            for user in &members {
                match news_email(state, &news, user.language(), &user.email, &user.name, None) {
                    Ok(mail) => emails.push(mail),
                    Err(e) => return Ok(Outcome::Retry(format!("{e:#}"))),
                }
            }
            for s in &subscribers {
                let lang = Lang::or_default(Some(&s.lang));
                let stop = Some(unsubscribe_link(state, s.id));
                match news_email(state, &news, lang, &s.email, &s.email, stop) {
                    Ok(mail) => emails.push(mail),
                    Err(e) => return Ok(Outcome::Retry(format!("{e:#}"))),
                }
            }
            state.queue_emails(&emails).await?;
            Ok(Outcome::Done)
        })
    }
}

/// Registers the news' job.
pub fn register_jobs(worker: Worker, state: &AppState) -> Worker {
    worker.with_handler(Publish(state.clone()))
}
