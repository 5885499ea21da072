//! The topics of a group's discussions: the list, a topic's page, opening a topic and replying.

use std::collections::{BTreeMap, HashMap};

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use essaim_domain::discussions::{self as rules, PostStatus};
use essaim_domain::{markdown, Invalid, Problem};
use essaim_store::discussions::{Post, PostFile, Topic};
use minijinja::context;
use serde::{Deserialize, Serialize};

use crate::csrf::CsrfForm;
use crate::ctx::Ctx;
use crate::error::{not_found, AppResult};
use crate::AppState;
use essaim_app as app;
use essaim_app::discussions::{Message, Via};

use super::{may_see_post, refuse, space_of, topic_in, Params, Space, PER_PAGE};

/// `?page=` of the list.
#[derive(Debug, Deserialize, Default)]
#[serde(default)]
pub struct PageQuery {
    page: i64,
}

/// `GET /g/{slug}/discussions`: topics, newest activity first.
pub async fn index(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(params): Path<Params>,
    Query(query): Query<PageQuery>,
) -> AppResult<Response> {
    let space = space_of(&state, &ctx, &params).await?;
    index_page(
        &state,
        &ctx,
        &space,
        query.page.max(1),
        context! {},
        &[],
        StatusCode::OK,
    )
    .await
}

async fn index_page(
    state: &AppState,
    ctx: &Ctx,
    space: &Space,
    page: i64,
    values: minijinja::Value,
    errors: &[Invalid],
    status: StatusCode,
) -> AppResult<Response> {
    let reader = ctx.user.as_ref().map(|u| u.id);
    let topics = state
        .store
        .topics(space.group_id(), reader, PER_PAGE, (page - 1) * PER_PAGE)
        .await?;
    let total = state.store.topic_count(space.group_id()).await?;
    let list = match (&ctx.user, &space.loaded.membership) {
        (Some(u), Some(_)) => state.store.list_setting(space.group_id(), u.id).await?,
        _ => None,
    };
    let by_field: BTreeMap<&str, &str> = errors.iter().map(|e| (e.field, e.key)).collect();
    let html = state.templates.render(
        "discussions/index.html",
        ctx,
        context! {
            topics => topics, page => page, pages => (total + PER_PAGE - 1) / PER_PAGE, total => total,
            list => list, values => values, errors => by_field, error_list => errors,
            address => essaim_mail::inbound::group_address(&space.loaded.group.slug, None, &state.mail.domain),
            ..space.context()
        },
    )?;
    Ok((status, html).into_response())
}

/// The new topic form.
#[derive(Debug, Deserialize, Default)]
#[serde(default)]
pub struct TopicForm {
    title: String,
    markdown: String,
}

/// A message written on the site or through the API.
pub(crate) fn web_message(text: &str, parent_id: Option<i64>) -> Message<'_> {
    Message {
        text,
        parent_id,
        via: Via::Web,
    }
}

/// `POST /g/{slug}/discussions`: opens a topic.
pub async fn create(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(params): Path<Params>,
    CsrfForm(form): CsrfForm<TopicForm>,
) -> AppResult<Response> {
    let space = space_of(&state, &ctx, &params).await?;
    let message = web_message(&form.markdown, None);
    let opened =
        app::discussions::open_topic(&state.app, &ctx.actor(), &space.forum, &form.title, message)
            .await;
    match app::or_invalid(opened)? {
        Ok(posted) => Ok(crate::accounts::redirect_with_flash(
            &state,
            &format!("{}/{}", space.base, posted.topic),
            if posted.held {
                "flash-post-held"
            } else {
                "flash-topic-opened"
            },
        )),
        Err(errors) => {
            index_page(
                &state,
                &ctx,
                &space,
                1,
                context! { title => form.title, markdown => form.markdown },
                &errors,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
    }
}

/// A post as a page shows it.
#[derive(Debug, Serialize)]
struct ShownPost {
    post: Post,
    html: String,
    visible: bool,
    liked: bool,
    may_edit: bool,
    may_delete: bool,
    files: Vec<PostFile>,
    parent_author: Option<String>,
}

/// `?quote=` to quote a post in the reply (`&passage=` for a part of it).
#[derive(Debug, Deserialize, Default)]
#[serde(default)]
pub struct TopicQuery {
    quote: Option<i64>,
    passage: String,
}

/// `GET /g/{slug}/discussions/{id}`.
pub async fn show(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(params): Path<Params>,
    Query(query): Query<TopicQuery>,
) -> AppResult<Response> {
    let (space, topic) = topic_in(&state, &ctx, &params).await?;
    let draft = match query.quote {
        Some(id) => match state.store.post(id).await? {
            Some(p) if p.topic_id == topic.id && p.status == PostStatus::Visible => rules::quote(
                &crate::i18n::t_args(
                    ctx.lang,
                    "discussion-quote-wrote",
                    &[("name", p.author_name.clone())],
                ),
                rules::passage_of(
                    &markdown::render_inline_text(&p.markdown, 100_000),
                    &query.passage,
                )
                .unwrap_or(&p.markdown),
            ),
            _ => String::new(),
        },
        None => String::new(),
    };
    topic_page(&state, &ctx, &space, &topic, &draft, &[], StatusCode::OK).await
}

async fn topic_page(
    state: &AppState,
    ctx: &Ctx,
    space: &Space,
    topic: &Topic,
    draft: &str,
    errors: &[Invalid],
    status: StatusCode,
) -> AppResult<Response> {
    let viewer = ctx.viewer();
    let posts = state.store.posts(topic.id).await?;
    if !posts
        .iter()
        .any(|p| may_see_post(&viewer, space.forum.access, p))
    {
        return Err(not_found());
    }
    let liked = match &ctx.user {
        Some(u) => state.store.liked_in_topic(topic.id, u.id).await?,
        None => Vec::new(),
    };
    let files = state.store.topic_files(topic.id).await?;
    let names: HashMap<i64, String> = posts
        .iter()
        .map(|p| (p.id, p.author_name.clone()))
        .collect();
    let shown: Vec<ShownPost> = posts
        .into_iter()
        .map(|p| {
            let visible = may_see_post(&viewer, space.forum.access, &p);
            ShownPost {
                html: if visible {
                    markdown::render(&p.markdown)
                } else {
                    String::new()
                },
                liked: liked.contains(&p.id),
                may_edit: p.status != PostStatus::Deleted
                    && rules::may_edit_post(&viewer, p.author_id),
                may_delete: p.status != PostStatus::Deleted
                    && rules::may_delete_post(&viewer, p.author_id, space.forum.access),
                files: if visible {
                    files
                        .iter()
                        .filter(|f| f.post_id == p.id)
                        .cloned()
                        .collect()
                } else {
                    Vec::new()
                },
                parent_author: p.parent_id.and_then(|id| names.get(&id).cloned()),
                visible,
                post: p,
            }
        })
        .collect();
    if let Some(u) = &ctx.user {
        state.store.mark_topic_read(u.id, topic.id).await?;
    }
    let by_field: BTreeMap<&str, &str> = errors.iter().map(|e| (e.field, e.key)).collect();
    let html = state.templates.render(
        "discussions/topic.html",
        ctx,
        context! {
            topic => topic, posts => shown, draft => draft, errors => by_field, error_list => errors,
            may_reply => rules::may_reply(space.forum.access, topic.closed),
            ..space.context()
        },
    )?;
    Ok((status, html).into_response())
}

/// The reply form.
#[derive(Debug, Deserialize, Default)]
#[serde(default)]
pub struct ReplyForm {
    markdown: String,
    parent_id: Option<i64>,
}

/// `POST /g/{slug}/discussions/{id}/reply`.
pub async fn reply(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(params): Path<Params>,
    CsrfForm(form): CsrfForm<ReplyForm>,
) -> AppResult<Response> {
    let (space, topic) = topic_in(&state, &ctx, &params).await?;
    let message = web_message(&form.markdown, form.parent_id);
    let replied =
        app::discussions::reply(&state.app, &ctx.actor(), &space.forum, &topic, message).await;
    match app::or_invalid(replied)? {
        Ok(posted) => Ok(crate::accounts::redirect_with_flash(
            &state,
            &format!("{}/{}#post-{}", space.base, topic.id, posted.post),
            if posted.held {
                "flash-post-held"
            } else {
                "flash-reply-posted"
            },
        )),
        Err(errors) => {
            topic_page(
                &state,
                &ctx,
                &space,
                &topic,
                &form.markdown,
                &errors,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
    }
}

/// The pin/close form.
#[derive(Debug, Deserialize, Default)]
#[serde(default)]
pub struct StateForm {
    action: String,
}

/// `POST /g/{slug}/discussions/{id}/state`: pin, unpin, close, reopen.
pub async fn set_state(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(params): Path<Params>,
    CsrfForm(form): CsrfForm<StateForm>,
) -> AppResult<Response> {
    let (space, topic) = topic_in(&state, &ctx, &params).await?;
    if !space.forum.access.moderate {
        return Err(refuse(&ctx));
    }
    let (pinned, closed, flash) = match form.action.as_str() {
        "pin" => (true, topic.closed, "flash-topic-pinned"),
        "unpin" => (false, topic.closed, "flash-topic-unpinned"),
        "close" => (topic.pinned, true, "flash-topic-closed"),
        "reopen" => (topic.pinned, false, "flash-topic-reopened"),
        _ => {
            return Err(
                Problem::Invalid(vec![Invalid::new("action", "error-choice-unknown")]).into(),
            )
        }
    };
    state
        .store
        .set_topic_state(topic.id, pinned, closed)
        .await?;
    Ok(crate::accounts::redirect_with_flash(
        &state,
        &format!("{}/{}", space.base, topic.id),
        flash,
    ))
}
