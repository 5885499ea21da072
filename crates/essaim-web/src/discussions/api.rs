//! The discussions' JSON API: a group's topics, a topic with its posts,
//! opening a topic, replying, and a member's email choice. The same rule
//! as the pages decides who reads and writes (`super::open`); a closed
//! group's discussions are not found for those who may not read them.

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use essaim_domain::discussions::{self as rules, EmailMode};
use essaim_domain::{markdown, Invalid, Problem};
use essaim_store::discussions::{topic_path, Topic};
use serde::Deserialize;
use serde_json::{json, Value};

use crate::api::Caller;
use crate::ctx::Ctx;
use crate::error::{forbidden, not_found, AppError, AppResult};
use crate::AppState;

fn time(ts: i64) -> String {
    chrono::DateTime::from_timestamp(ts, 0)
        .map(|d| d.to_rfc3339())
        .unwrap_or_default()
}

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

fn topic_json(state: &AppState, slug: &str, t: &Topic) -> Value {
    json!({
        "id": t.id,
        "title": t.title,
        "author": t.author_name,
        "pinned": t.pinned,
        "closed": t.closed,
        "post_count": t.post_count,
        "last_post_at": time(t.last_post_at),
        "url": state.config.absolute(&topic_path(slug, t.id)),
    })
}

fn invalid(errors: Vec<Invalid>) -> AppError {
    Problem::Invalid(errors).into()
}

/// `GET /api/v1/groups/{slug}/topics`: the newest topics first.
pub async fn topics(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
) -> AppResult<Json<Value>> {
    let space = open(&state, &ctx, &slug).await?;
    let lines = state
        .store
        .topics(space.loaded.group.id, None, 100, 0)
        .await?;
    let list: Vec<Value> = lines
        .iter()
        .map(|l| {
            json!({
                "id": l.id,
                "title": l.title,
                "author": l.author_name,
                "pinned": l.pinned,
                "closed": l.closed,
                "post_count": l.post_count,
                "last_post_at": time(l.last_post_at),
                "url": state.config.absolute(&topic_path(&slug, l.id)),
            })
        })
        .collect();
    Ok(Json(json!({ "topics": list })))
}

/// A new topic.
#[derive(Debug, Deserialize)]
struct TopicInput {
    title: String,
    markdown: String,
}

/// A reply.
#[derive(Debug, Deserialize)]
struct PostInput {
    markdown: String,
    #[serde(default)]
    parent_id: Option<i64>,
}

/// `POST /api/v1/groups/{slug}/topics`: opens a topic (`{title, markdown}`).
pub async fn create_topic(
    State(state): State<AppState>,
    caller: Caller,
    Path(slug): Path<String>,
    body: Bytes,
) -> AppResult<Response> {
    let input: TopicInput = serde_json::from_slice(&body)
        .map_err(|_| invalid(vec![Invalid::new("body", "error-json-body")]))?;
    let space = open(&state, &caller.ctx, &slug).await?;
    if !space.access.post {
        return Err(forbidden());
    }
    match super::open_topic(&state, &space, &caller.user, &input.title, &input.markdown).await? {
        super::Posted::Done(id, _) | super::Posted::Held(id, _) => {
            let topic = state.store.topic(id).await?.ok_or_else(not_found)?;
            let mut body = topic_json(&state, &slug, &topic);
            body["posts"] = Value::Array(posts_json(&state, &caller.ctx, &space, &topic).await?);
            Ok((StatusCode::CREATED, Json(body)).into_response())
        }
        super::Posted::Invalid(errors) => Err(invalid(errors)),
    }
}

async fn posts_json(
    state: &AppState,
    ctx: &Ctx,
    space: &super::Space,
    topic: &Topic,
) -> AppResult<Vec<Value>> {
    let viewer = ctx.viewer();
    Ok(state
        .store
        .posts(topic.id)
        .await?
        .into_iter()
        .filter(|p| super::may_see_post(&viewer, space.access, p))
        .map(|p| {
            json!({
                "id": p.id,
                "author": p.author_name,
                "markdown": p.markdown,
                "html": markdown::render(&p.markdown),
                "created_at": time(p.created_at),
                // Imported archives came by email too.
                "via": if p.via == "web" { "web" } else { "email" },
                "likes": p.like_count,
                "parent_id": p.parent_id,
                "status": p.status,
            })
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
pub async fn topic(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> AppResult<Json<Value>> {
    let (space, topic, slug) = topic_space(&state, &ctx, id).await?;
    let posts = posts_json(&state, &ctx, &space, &topic).await?;
    if posts.is_empty() {
        return Err(not_found());
    }
    let mut body = topic_json(&state, &slug, &topic);
    body["posts"] = Value::Array(posts);
    Ok(Json(body))
}

/// `POST /api/v1/topics/{id}/posts`: replies (`{markdown, parent_id?}`).
pub async fn reply(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<i64>,
    body: Bytes,
) -> AppResult<Response> {
    let input: PostInput = serde_json::from_slice(&body)
        .map_err(|_| invalid(vec![Invalid::new("body", "error-json-body")]))?;
    let (space, topic, _) = topic_space(&state, &caller.ctx, id).await?;
    if !space.access.post {
        return Err(forbidden());
    }
    if !rules::may_reply(space.access, topic.closed) {
        return Err(invalid(vec![Invalid::new(
            "markdown",
            "error-topic-closed",
        )]));
    }
    match super::reply_in(
        &state,
        &space,
        &topic,
        &caller.user,
        &input.markdown,
        input.parent_id,
    )
    .await?
    {
        super::Posted::Done(_, post_id) | super::Posted::Held(_, post_id) => {
            let posts = posts_json(&state, &caller.ctx, &space, &topic).await?;
            let post = posts
                .into_iter()
                .find(|p| p["id"].as_i64() == Some(post_id))
                .ok_or_else(not_found)?;
            Ok((StatusCode::CREATED, Json(post)).into_response())
        }
        super::Posted::Invalid(errors) => Err(invalid(errors)),
    }
}

/// The email choice.
#[derive(Debug, Deserialize)]
struct ModeInput {
    email_mode: String,
    #[serde(default)]
    email_own: Option<bool>,
}

/// `PATCH /api/v1/groups/{slug}/membership`: `{email_mode: every|daily|weekly|none}`.
pub async fn set_email_mode(
    State(state): State<AppState>,
    caller: Caller,
    Path(slug): Path<String>,
    body: Bytes,
) -> AppResult<Response> {
    let input: ModeInput = serde_json::from_slice(&body)
        .map_err(|_| invalid(vec![Invalid::new("body", "error-json-body")]))?;
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
    Ok(
        Json(json!({ "email_mode": setting.email_mode, "email_own": setting.email_own }))
            .into_response(),
    )
}
