//! The discussions' JSON API: a group's topics, a topic with its posts,
//! opening a topic, replying, and a member's email choice. The same rule
//! as the pages decides who reads and writes (`super::open`); a closed
//! group's discussions are not found for those who may not read them.

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use essaim_domain::discussions::{EmailMode, PostStatus as Stored, PostVia};
use essaim_domain::{markdown, Invalid, Problem};
use essaim_store::discussions::{topic_path, Topic};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::api::schema;
use crate::api::{json_body, utc, Caller, ErrorBody};
use crate::ctx::Ctx;
use crate::error::{forbidden, not_found, AppError, AppResult};
use crate::AppState;

/// Opens a group's discussions for the API: refusals to read are "not
/// found", as for closed wiki pages.
async fn open(state: &AppState, ctx: &Ctx, slug: &str) -> AppResult<super::Space> {
    if ctx.bad_token {
        return Err(Problem::Unauthenticated.into());
    }
    match super::open(state, ctx, slug).await {
        Err(AppError::Problem(Problem::Forbidden | Problem::Unauthenticated)) => Err(not_found()),
        other => other,
    }
}

/// A topic in a list.
#[derive(Debug, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TopicSummary {
    id: i64,
    title: String,
    /// The name of who opened it.
    author: String,
    pinned: bool,
    /// No more replies.
    closed: bool,
    #[schema(minimum = 0)]
    post_count: i64,
    #[schema(format = DateTime)]
    last_post_at: String,
    url: String,
}

/// A topic with the posts the caller may see.
#[derive(Debug, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TopicOut {
    id: i64,
    title: String,
    /// The name of who opened it.
    author: String,
    pinned: bool,
    /// No more replies.
    closed: bool,
    #[schema(minimum = 0)]
    post_count: i64,
    #[schema(format = DateTime)]
    last_post_at: String,
    url: String,
    posts: Vec<PostOut>,
}

/// A group's topics, newest first.
#[derive(Debug, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TopicList {
    topics: Vec<TopicSummary>,
}

/// How a post came.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Via {
    /// Written on the site.
    Web,
    /// Sent by email (imported archives too).
    Email,
}

/// Whom a post is shown to.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum PostStatus {
    /// Everyone who reads the discussions.
    Visible,
    /// Waits for a moderator (seen by its author and moderators).
    Held,
    /// Seen by moderators only.
    Hidden,
}

/// One post.
#[derive(Debug, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PostOut {
    id: i64,
    author: String,
    /// Formatted text (Markdown).
    markdown: String,
    /// Sanitized HTML.
    html: String,
    #[schema(format = DateTime)]
    created_at: String,
    via: Via,
    #[schema(minimum = 0)]
    likes: i64,
    /// The post answered.
    parent_id: Option<i64>,
    status: PostStatus,
}

fn summary(state: &AppState, slug: &str, t: &Topic) -> TopicSummary {
    TopicSummary {
        id: t.id,
        title: t.title.clone(),
        author: t.author_name.clone(),
        pinned: t.pinned,
        closed: t.closed,
        post_count: t.post_count,
        last_post_at: utc(t.last_post_at),
        url: state.config.absolute(&topic_path(slug, t.id)),
    }
}

fn with_posts(s: TopicSummary, posts: Vec<PostOut>) -> TopicOut {
    TopicOut {
        id: s.id,
        title: s.title,
        author: s.author,
        pinned: s.pinned,
        closed: s.closed,
        post_count: s.post_count,
        last_post_at: s.last_post_at,
        url: s.url,
        posts,
    }
}

fn invalid(errors: Vec<Invalid>) -> AppError {
    Problem::Invalid(errors).into()
}

/// `GET /api/v1/groups/{slug}/topics`: the newest topics first.
#[utoipa::path(get, security((), ("bearer" = [])), path = "/groups/{slug}/topics", tag = "discussions",
    params(("slug" = String, Path, description = "The group's short address")),
    responses(
        (status = 200, description = "The 100 newest topics", body = TopicList),
        (status = 401, description = "A wrong token", body = ErrorBody),
        (status = 404, description = "No such group, or its discussions are closed to the caller", body = ErrorBody),
    ))]
pub async fn topics(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
) -> AppResult<Json<TopicList>> {
    let space = open(&state, &ctx, &slug).await?;
    let lines = state
        .store
        .topics(space.loaded.group.id, None, 100, 0)
        .await?;
    let topics = lines
        .iter()
        .map(|l| TopicSummary {
            id: l.id,
            title: l.title.clone(),
            author: l.author_name.clone(),
            pinned: l.pinned,
            closed: l.closed,
            post_count: l.post_count,
            last_post_at: utc(l.last_post_at),
            url: state.config.absolute(&topic_path(&slug, l.id)),
        })
        .collect();
    Ok(Json(TopicList { topics }))
}

/// A new topic.
#[derive(Debug, Deserialize, ToSchema)]
pub struct TopicInput {
    #[schema(min_length = 1, max_length = 200, pattern = r"\S")]
    title: String,
    /// Formatted text (Markdown), at most 100 000 bytes.
    #[schema(min_length = 1, pattern = r"\S")]
    markdown: String,
}

/// A reply.
#[derive(Debug, Deserialize, ToSchema)]
pub struct PostInput {
    /// Formatted text (Markdown), at most 100 000 bytes.
    #[schema(min_length = 1, pattern = r"\S")]
    markdown: String,
    /// The post answered (one of the topic's).
    #[serde(default)]
    parent_id: Option<i64>,
}

/// `POST /api/v1/groups/{slug}/topics`: opens a topic (`{title, markdown}`).
#[utoipa::path(post, path = "/groups/{slug}/topics", tag = "discussions", request_body = TopicInput,
    params(("slug" = String, Path, description = "The group's short address")),
    responses(
        (status = 201, description = "Opened (its first post may wait for a moderator)", body = TopicOut),
        (status = 401, description = "No or a wrong token", body = ErrorBody),
        (status = 403, description = "Not allowed to write here", body = ErrorBody),
        (status = 404, description = "No such group, or its discussions are closed to the caller", body = ErrorBody),
        (status = 422, description = "A field refused", body = ErrorBody),
    ))]
pub async fn create_topic(
    State(state): State<AppState>,
    caller: Caller,
    Path(slug): Path<String>,
    body: Bytes,
) -> AppResult<Response> {
    let input: TopicInput = json_body(&body)?;
    let space = open(&state, &caller.ctx, &slug).await?;
    let message = super::web_message(&input.markdown, None);
    let posted = essaim_app::discussions::open_topic(
        &state.app,
        &caller.ctx.actor(),
        &space.forum,
        &input.title,
        message,
    )
    .await?;
    let topic = state
        .store
        .topic(posted.topic)
        .await?
        .ok_or_else(not_found)?;
    let posts = posts_of(&state, &caller.ctx, &space, &topic).await?;
    let body = with_posts(summary(&state, &slug, &topic), posts);
    Ok((StatusCode::CREATED, Json(body)).into_response())
}

async fn posts_of(
    state: &AppState,
    ctx: &Ctx,
    space: &super::Space,
    topic: &Topic,
) -> AppResult<Vec<PostOut>> {
    let viewer = ctx.viewer();
    Ok(state
        .store
        .posts(topic.id)
        .await?
        .into_iter()
        .filter(|p| super::may_see_post(&viewer, space.forum.access, p))
        .map(|p| PostOut {
            id: p.id,
            author: p.author_name,
            html: markdown::render(&p.markdown),
            markdown: p.markdown,
            created_at: utc(p.created_at),
            // Imported archives came by email too.
            via: if p.via == PostVia::Web {
                Via::Web
            } else {
                Via::Email
            },
            likes: p.like_count,
            parent_id: p.parent_id,
            // A deleted post is never read (may_see_post).
            status: match p.status {
                Stored::Held => PostStatus::Held,
                Stored::Hidden => PostStatus::Hidden,
                Stored::Visible | Stored::Deleted => PostStatus::Visible,
            },
        })
        .collect())
}

/// The topic of `/api/v1/topics/{id}` with its group's discussions.
async fn topic_space(
    state: &AppState,
    ctx: &Ctx,
    id: i64,
) -> AppResult<(super::Space, Topic, String)> {
    let topic = state.store.topic(id).await?.ok_or_else(not_found)?;
    let group = state
        .store
        .group_by_id(topic.group_id)
        .await?
        .ok_or_else(not_found)?;
    let space = open(state, ctx, &group.slug).await?;
    Ok((space, topic, group.slug))
}

/// `GET /api/v1/topics/{id}`: a topic with the posts the caller may see.
#[utoipa::path(get, security((), ("bearer" = [])), path = "/topics/{id}", tag = "discussions",
    params(("id" = i64, Path, minimum = 1, description = "The topic's number")),
    responses(
        (status = 200, description = "The topic", body = TopicOut),
        (status = 400, description = "Not a topic's number", body = ErrorBody),
        (status = 401, description = "A wrong token", body = ErrorBody),
        (status = 404, description = "No such topic (or closed to the caller)", body = ErrorBody),
    ))]
pub async fn topic(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> AppResult<Json<TopicOut>> {
    let (space, topic, slug) = topic_space(&state, &ctx, id).await?;
    let posts = posts_of(&state, &ctx, &space, &topic).await?;
    if posts.is_empty() {
        return Err(not_found());
    }
    Ok(Json(with_posts(summary(&state, &slug, &topic), posts)))
}

/// `POST /api/v1/topics/{id}/posts`: replies (`{markdown, parent_id?}`).
#[utoipa::path(post, path = "/topics/{id}/posts", tag = "discussions", request_body = PostInput,
    params(("id" = i64, Path, minimum = 1, description = "The topic's number")),
    responses(
        (status = 201, description = "Posted (it may wait for a moderator)", body = PostOut),
        (status = 400, description = "Not a topic's number", body = ErrorBody),
        (status = 401, description = "No or a wrong token", body = ErrorBody),
        (status = 403, description = "Not allowed to write here", body = ErrorBody),
        (status = 404, description = "No such topic (or closed to the caller)", body = ErrorBody),
        (status = 422, description = "A field refused (also: the topic is closed, the post answered is not in it)", body = ErrorBody),
    ))]
pub async fn reply(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<i64>,
    body: Bytes,
) -> AppResult<Response> {
    let input: PostInput = json_body(&body)?;
    let (space, topic, _) = topic_space(&state, &caller.ctx, id).await?;
    let message = super::web_message(&input.markdown, input.parent_id);
    let posted = essaim_app::discussions::reply(
        &state.app,
        &caller.ctx.actor(),
        &space.forum,
        &topic,
        message,
    )
    .await?;
    let post = posts_of(&state, &caller.ctx, &space, &topic)
        .await?
        .into_iter()
        .find(|p| p.id == posted.post)
        .ok_or_else(not_found)?;
    Ok((StatusCode::CREATED, Json(post)).into_response())
}

/// The email choice sent.
#[derive(Debug, Deserialize, ToSchema)]
pub struct ModeInput {
    #[schema(schema_with = schema::email_mode)]
    email_mode: String,
    /// Also receive one's own messages (unchanged when absent).
    #[serde(default)]
    email_own: Option<bool>,
}

/// A member's email choice.
#[derive(Debug, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ModeOut {
    #[schema(schema_with = schema::email_mode)]
    email_mode: String,
    /// Also receive one's own messages.
    email_own: bool,
}

/// `PATCH /api/v1/groups/{slug}/membership`: `{email_mode: every|daily|weekly|none}`.
#[utoipa::path(patch, path = "/groups/{slug}/membership", tag = "discussions", request_body = ModeInput,
    params(("slug" = String, Path, description = "The group's short address")),
    responses(
        (status = 200, description = "The choice saved", body = ModeOut),
        (status = 401, description = "No or a wrong token", body = ErrorBody),
        (status = 403, description = "Not a member", body = ErrorBody),
        (status = 404, description = "No such group", body = ErrorBody),
        (status = 422, description = "A field refused", body = ErrorBody),
    ))]
pub async fn set_email_mode(
    State(state): State<AppState>,
    caller: Caller,
    Path(slug): Path<String>,
    body: Bytes,
) -> AppResult<Json<ModeOut>> {
    let input: ModeInput = json_body(&body)?;
    let mode = EmailMode::from_code(&input.email_mode)
        .ok_or_else(|| invalid(vec![Invalid::new("email_mode", "error-choice-unknown")]))?;
    let loaded = crate::groups::load(&state, &caller.ctx, &slug).await?;
    if !state
        .store
        .set_list_setting(
            loaded.group.id,
            caller.user.id,
            mode.code(),
            input.email_own,
        )
        .await?
    {
        return Err(forbidden());
    }
    let setting = state
        .store
        .list_setting(loaded.group.id, caller.user.id)
        .await?
        .ok_or_else(not_found)?;
    Ok(Json(ModeOut {
        email_mode: setting.email_mode,
        email_own: setting.email_own,
    }))
}
