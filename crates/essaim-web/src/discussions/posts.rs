//! One post: its page, editing with history, likes, flags and deletion.

use std::collections::BTreeMap;

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use essaim_domain::discussions::{self as rules, PostStatus};
use essaim_domain::{markdown, Invalid, Problem};
use essaim_store::discussions::{Post, Topic};
use minijinja::context;
use serde::Deserialize;

use crate::csrf::CsrfForm;
use crate::ctx::Ctx;
use crate::error::{forbidden, not_found, AppResult};
use crate::AppState;
use essaim_app as app;

use super::{may_see_post, post_in, refuse, Params, Space};

/// `POST …/posts/{post}/like`: likes, or takes the like back.
pub async fn like(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(params): Path<Params>,
    CsrfForm(_): CsrfForm<crate::accounts::Empty>,
) -> AppResult<Response> {
    let (space, topic, post) = post_in(&state, &ctx, &params).await?;
    let user = ctx.user.as_ref().ok_or(Problem::Unauthenticated)?;
    if !space.forum.access.post || post.status != PostStatus::Visible {
        return Err(forbidden());
    }
    if !state.store.like_post(post.id, user.id).await? {
        state.store.unlike_post(post.id, user.id).await?;
    }
    Ok(Redirect::to(&format!("{}/{}#post-{}", space.base, topic.id, post.id)).into_response())
}

/// The edit form.
#[derive(Debug, Deserialize, Default)]
#[serde(default)]
pub struct EditForm {
    markdown: String,
}

pub(super) async fn editable(
    state: &AppState,
    ctx: &Ctx,
    params: &Params,
) -> AppResult<(Space, Topic, Post)> {
    let (space, topic, post) = post_in(state, ctx, params).await?;
    if !rules::may_edit_post(&ctx.viewer(), post.author_id) {
        return Err(refuse(ctx));
    }
    Ok((space, topic, post))
}

#[allow(clippy::too_many_arguments)]
fn edit_page(
    state: &AppState,
    ctx: &Ctx,
    space: &Space,
    topic: &Topic,
    post: &Post,
    text: &str,
    errors: &[Invalid],
    status: StatusCode,
) -> AppResult<Response> {
    let by_field: BTreeMap<&str, &str> = errors.iter().map(|e| (e.field, e.key)).collect();
    let html = state.templates.render(
        "discussions/edit.html",
        ctx,
        context! {
            topic => topic, post => post, markdown => text, errors => by_field, error_list => errors,
            ..space.context()
        },
    )?;
    Ok((status, html).into_response())
}

/// `GET …/posts/{post}/edit`.
pub async fn edit_form(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(params): Path<Params>,
) -> AppResult<Response> {
    let (space, topic, post) = editable(&state, &ctx, &params).await?;
    edit_page(
        &state,
        &ctx,
        &space,
        &topic,
        &post,
        &post.markdown,
        &[],
        StatusCode::OK,
    )
}

/// `POST …/posts/{post}/edit`: saves, the former text kept in the history.
pub async fn edit(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(params): Path<Params>,
    CsrfForm(form): CsrfForm<EditForm>,
) -> AppResult<Response> {
    let (space, topic, post) = editable(&state, &ctx, &params).await?;
    let user = ctx.user.as_ref().ok_or(Problem::Unauthenticated)?;
    let text = match rules::check_body(&form.markdown) {
        Ok(t) => t,
        Err(e) => {
            return edit_page(
                &state,
                &ctx,
                &space,
                &topic,
                &post,
                &form.markdown,
                &[e],
                StatusCode::UNPROCESSABLE_ENTITY,
            )
        }
    };
    if text != post.markdown {
        state.store.edit_post(&post, &text, user.id).await?;
    }
    Ok(crate::accounts::redirect_with_flash(
        &state,
        &format!("{}/{}#post-{}", space.base, topic.id, post.id),
        "flash-post-edited",
    ))
}

/// `GET …/posts/{post}/history`: the former versions of a post.
pub async fn history(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(params): Path<Params>,
) -> AppResult<Response> {
    let (space, topic, post) = post_in(&state, &ctx, &params).await?;
    if !may_see_post(&ctx.viewer(), space.forum.access, &post) {
        return Err(not_found());
    }
    let revisions: Vec<_> = state
        .store
        .post_revisions(post.id)
        .await?
        .into_iter()
        .map(|r| context! { html => markdown::render(&r.markdown), created_at => r.created_at })
        .collect();
    let html = state.templates.render(
        "discussions/history.html",
        &ctx,
        context! {
            topic => topic, post => post, current => markdown::render(&post.markdown), revisions => revisions,
            ..space.context()
        },
    )?;
    Ok(html.into_response())
}

/// `POST …/posts/{post}/delete`: the author or a moderator deletes a post.
pub async fn delete(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(params): Path<Params>,
    CsrfForm(_): CsrfForm<crate::accounts::Empty>,
) -> AppResult<Response> {
    let (space, topic, post) = post_in(&state, &ctx, &params).await?;
    if !rules::may_delete_post(&ctx.viewer(), post.author_id, space.forum.access) {
        return Err(refuse(&ctx));
    }
    state
        .store
        .set_post_status(&post, PostStatus::Deleted)
        .await?;
    let remaining = state.store.topic(topic.id).await?.map(|t| t.post_count);
    let back = if remaining.unwrap_or(0) > 0 {
        format!("{}/{}", space.base, topic.id)
    } else {
        space.base.clone()
    };
    Ok(crate::accounts::redirect_with_flash(
        &state,
        &back,
        "flash-post-deleted",
    ))
}

/// The flag form.
#[derive(Debug, Deserialize, Default)]
#[serde(default)]
pub struct FlagForm {
    reason: String,
}

/// `POST …/posts/{post}/flag`: anyone logged in who reads it flags a post.
pub async fn flag(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(params): Path<Params>,
    CsrfForm(form): CsrfForm<FlagForm>,
) -> AppResult<Response> {
    let (space, topic, post) = post_in(&state, &ctx, &params).await?;
    let user = ctx.user.as_ref().ok_or(Problem::Unauthenticated)?;
    let reason: String = form.reason.trim().chars().take(500).collect();
    state.store.flag_post(post.id, user.id, &reason).await?;
    Ok(crate::accounts::redirect_with_flash(
        &state,
        &format!("{}/{}#post-{}", space.base, topic.id, post.id),
        "flash-post-flagged",
    ))
}

/// The moderation form.
#[derive(Debug, Deserialize, Default)]
#[serde(default)]
pub struct ModerateForm {
    pub(super) action: String,
}

/// `POST …/posts/{post}/moderate`: hide, restore, approve (a held post),
/// keep (close its flags) or delete.
pub async fn moderate(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(params): Path<Params>,
    CsrfForm(form): CsrfForm<ModerateForm>,
) -> AppResult<Response> {
    let (space, topic, post) = post_in(&state, &ctx, &params).await?;
    if !space.forum.access.moderate {
        return Err(refuse(&ctx));
    }
    let flash = match form.action.as_str() {
        "hide" => {
            state
                .store
                .set_post_status(&post, PostStatus::Hidden)
                .await?;
            "flash-post-hidden"
        }
        "restore" | "approve" => {
            // An approved post tells whom it names, as it would have at once.
            let notify = match (post.status, post.author_id) {
                (PostStatus::Held, Some(author)) => {
                    app::discussions::notifications_for(
                        &state.app,
                        space.group_id(),
                        &post.markdown,
                        author,
                        topic.author_id,
                    )
                    .await?
                }
                _ => Vec::new(),
            };
            state
                .store
                .set_post_status_notifying(&post, PostStatus::Visible, &notify)
                .await?;
            state.app.wake_jobs();
            "flash-post-restored"
        }
        "keep" => {
            state.store.resolve_flags(post.id).await?;
            "flash-post-kept"
        }
        "delete" => {
            state
                .store
                .set_post_status(&post, PostStatus::Deleted)
                .await?;
            "flash-post-deleted"
        }
        _ => {
            return Err(
                Problem::Invalid(vec![Invalid::new("action", "error-choice-unknown")]).into(),
            )
        }
    };
    Ok(crate::accounts::redirect_with_flash(
        &state,
        &format!("{}/moderation", space.base),
        flash,
    ))
}
