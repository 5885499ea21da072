//! Discussions: each hosted group's forum (`/g/{slug}/discussions/…`) and
//! its mailing list. Topics newest activity first with unread marks, topic
//! pages with replies, quotes, files, likes, mentions, edits with history,
//! deletion, pinning and closing, flags and the moderators' queue, the
//! notifications bell, each member's email choice and the list's links.
//!
//! Every decision about who may read, write or moderate is
//! `essaim_domain::discussions::access`; [`Space`] carries its answer.

pub mod api;
pub mod inbound;
pub mod mail;

use std::collections::{BTreeMap, HashMap};

use axum::extract::{Multipart, Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use essaim_domain::discussions::{
    self as rules, Access, EmailMode, Outsiders, PostStatus, Visibility,
};
use essaim_domain::permissions::Viewer;
use essaim_domain::{markdown, Invalid, Problem};
use essaim_store::discussions::{Post, PostFile, Settings, Topic};
use minijinja::context;
use serde::{Deserialize, Serialize};

use crate::csrf::CsrfForm;
use crate::ctx::Ctx;
use crate::error::{forbidden, not_found, AppError, AppResult};
use crate::groups::{self, Loaded};
use crate::{images, uploads, AppState};
use essaim_app as app;
use essaim_app::discussions::{Forum, Message, Via};

/// Path parameters of discussion routes.
pub type Params = HashMap<String, String>;

/// Topics per page of the list.
const PER_PAGE: i64 = 30;

/// A group's discussions as the requester sees them.
pub struct Space {
    /// The group.
    pub loaded: Loaded,
    /// Its settings and what the requester may do there.
    pub forum: Forum,
    /// What the requester may do (the forum's, kept at hand).
    pub access: Access,
    /// `/g/{slug}/discussions`.
    pub base: String,
}

impl Space {
    fn group_id(&self) -> i64 {
        self.loaded.group.id
    }

    fn context(&self) -> minijinja::Value {
        context! {
            group => self.loaded.group, base => self.base, access => self.access,
            is_member => self.loaded.membership.is_some(),
        }
    }
}

/// What a person may do in a group's discussions: the domain's rule, fed
/// with the stored membership and settings (the mail fan-out's door; the
/// others open a [`Forum`]).
pub fn access_of(
    viewer: &Viewer,
    membership: Option<&essaim_domain::groups::Membership>,
    settings: &Settings,
    listed: bool,
) -> Access {
    rules::access(viewer, membership, settings.visibility(), listed)
}

/// What account `user` may do in `group`'s discussions (emails, API).
pub async fn access_for_user(
    state: &AppState,
    user: &essaim_store::accounts::User,
    group: &essaim_store::groups::Group,
) -> AppResult<Access> {
    let actor = essaim_app::Actor::Account(user.clone());
    Ok(Forum::of(&state.app, &actor, group).await?.access)
}

/// Opens a hosted group's discussions; refuses who may not read them.
pub async fn open(state: &AppState, ctx: &Ctx, slug: &str) -> AppResult<Space> {
    let loaded = groups::load(state, ctx, slug).await?;
    if !loaded.group.hosted {
        return Err(not_found());
    }
    let forum = Forum::open(
        &state.app,
        &ctx.actor(),
        &loaded.group,
        loaded.rules.as_ref(),
    )
    .await?;
    if !forum.access.read {
        return Err(refuse(ctx));
    }
    Ok(Space {
        base: format!("/g/{slug}/discussions"),
        loaded,
        access: forum.access,
        forum,
    })
}

/// Whether the requester may change the group's discussion settings (its
/// facilitators, helpers and administrators, as for its card).
fn may_configure(ctx: &Ctx, space: &Space) -> bool {
    essaim_domain::groups::may_edit_card(&ctx.viewer(), space.loaded.rules.as_ref())
}

/// 401 for visitors, 403 for others.
pub fn refuse(ctx: &Ctx) -> AppError {
    if ctx.user.is_none() {
        Problem::Unauthenticated.into()
    } else {
        forbidden()
    }
}

fn slug_param(params: &Params) -> AppResult<String> {
    params.get("slug").cloned().ok_or_else(not_found)
}

fn id_param(params: &Params, name: &str) -> AppResult<i64> {
    params
        .get(name)
        .and_then(|v| v.parse().ok())
        .ok_or_else(not_found)
}

/// The topic of the path, in this group.
async fn topic_of(state: &AppState, space: &Space, params: &Params) -> AppResult<Topic> {
    let id = id_param(params, "id")?;
    state
        .store
        .topic(id)
        .await?
        .filter(|t| t.group_id == space.group_id())
        .ok_or_else(not_found)
}

/// The group's discussions of the path (`{slug}`).
async fn space_of(state: &AppState, ctx: &Ctx, params: &Params) -> AppResult<Space> {
    open(state, ctx, &slug_param(params)?).await
}

/// The discussions and the topic of the path (`{slug}`, `{id}`).
async fn topic_in(state: &AppState, ctx: &Ctx, params: &Params) -> AppResult<(Space, Topic)> {
    let space = space_of(state, ctx, params).await?;
    let topic = topic_of(state, &space, params).await?;
    Ok((space, topic))
}

/// The discussions, the topic and the post of the path (`{slug}`, `{id}`,
/// `{post}`; a deleted post is not found).
async fn post_in(state: &AppState, ctx: &Ctx, params: &Params) -> AppResult<(Space, Topic, Post)> {
    let (space, topic) = topic_in(state, ctx, params).await?;
    let post = post_of(state, &topic, params).await?;
    Ok((space, topic, post))
}

/// The post of the path, in this topic.
async fn post_of(state: &AppState, topic: &Topic, params: &Params) -> AppResult<Post> {
    let id = id_param(params, "post")?;
    state
        .store
        .post(id)
        .await?
        .filter(|p| p.topic_id == topic.id && p.status != PostStatus::Deleted)
        .ok_or_else(not_found)
}

/// Whether the requester sees a post's text (the domain's rule).
fn may_see_post(viewer: &Viewer, access: Access, post: &Post) -> bool {
    rules::may_see_post(viewer, access, post.status, post.author_id)
}

// ---------------------------------------------------------------- the list

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

// ---------------------------------------------------------------- a topic

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
    if !posts.iter().any(|p| may_see_post(&viewer, space.access, p)) {
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
            let visible = may_see_post(&viewer, space.access, &p);
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
                    && rules::may_delete_post(&viewer, p.author_id, space.access),
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
            may_reply => rules::may_reply(space.access, topic.closed),
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
    if !space.access.moderate {
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

// ---------------------------------------------------------------- one post

/// `POST …/posts/{post}/like`: likes, or takes the like back.
pub async fn like(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(params): Path<Params>,
    CsrfForm(_): CsrfForm<crate::accounts::Empty>,
) -> AppResult<Response> {
    let (space, topic, post) = post_in(&state, &ctx, &params).await?;
    let user = ctx.user.as_ref().ok_or(Problem::Unauthenticated)?;
    if !space.access.post || post.status != PostStatus::Visible {
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

async fn editable(state: &AppState, ctx: &Ctx, params: &Params) -> AppResult<(Space, Topic, Post)> {
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
    if !may_see_post(&ctx.viewer(), space.access, &post) {
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
    if !rules::may_delete_post(&ctx.viewer(), post.author_id, space.access) {
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
    action: String,
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
    if !space.access.moderate {
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

// ---------------------------------------------------------------- files

/// `POST …/posts/{post}/files`: the author attaches a file to their post.
pub async fn upload(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(params): Path<Params>,
    multipart: Multipart,
) -> AppResult<Response> {
    let (space, topic, post) = editable(&state, &ctx, &params).await?;
    let file = uploads::read(&ctx, multipart, "error-file-missing").await?;
    let invalid = |key: &'static str| -> AppError {
        Problem::Invalid(vec![Invalid::new("file", key)]).into()
    };
    if file.bytes.len() > crate::wiki::ATTACHMENT_MAX {
        return Err(invalid("error-file-too-large"));
    }
    let name = crate::wiki::clean_name(&file.name);
    let (content_type, is_image) =
        crate::wiki::file_type(&name, &file.bytes).ok_or_else(|| invalid("error-file-type"))?;
    let thumb = if is_image {
        let copy = file.bytes.clone();
        let made = tokio::task::spawn_blocking(move || images::thumbnail(&copy))
            .await
            .map_err(|e| AppError::Internal(e.into()))?;
        Some(made.map_err(|e| invalid(e.key()))?)
    } else {
        None
    };
    let stored_as = format!("post-{}-{}", post.id, essaim_store::random_token(12));
    let dir = state.config.data_dir.join("attachments");
    let size = file.bytes.len() as i64;
    uploads::write_atomic(dir.join(&stored_as), file.bytes).await?;
    if let Some(t) = thumb.clone() {
        uploads::write_atomic(dir.join(format!("{stored_as}-thumb.jpg")), t).await?;
    }
    state
        .store
        .add_post_file(&PostFile {
            id: 0,
            post_id: post.id,
            name,
            content_type: content_type.to_string(),
            size,
            stored_as,
            has_thumbnail: thumb.is_some(),
        })
        .await?;
    Ok(crate::accounts::redirect_with_flash(
        &state,
        &format!("{}/{}#post-{}", space.base, topic.id, post.id),
        "flash-file-added-post",
    ))
}

/// `GET …/{id}/files/{file}/{name}`: a file, for whoever reads its post.
pub async fn file(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(params): Path<Params>,
) -> AppResult<Response> {
    let (space, topic) = topic_in(&state, &ctx, &params).await?;
    let file = state
        .store
        .post_file(id_param(&params, "file")?)
        .await?
        .ok_or_else(not_found)?;
    let post = state
        .store
        .post(file.post_id)
        .await?
        .filter(|p| p.topic_id == topic.id)
        .ok_or_else(not_found)?;
    if !may_see_post(&ctx.viewer(), space.access, &post) {
        return Err(not_found());
    }
    let thumb = params.get("name").map(String::as_str) == Some("thumb");
    crate::uploads::serve_attachment(
        &state.config.data_dir,
        &file.stored_as,
        &file.content_type,
        &file.name,
        thumb && file.has_thumbnail,
    )
    .await
}

// ---------------------------------------------------------------- moderation

/// `GET /g/{slug}/discussions/moderation`: held posts, held mail, flags.
pub async fn queue(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(params): Path<Params>,
) -> AppResult<Response> {
    let space = space_of(&state, &ctx, &params).await?;
    if !space.access.moderate {
        return Err(refuse(&ctx));
    }
    let held_posts: Vec<_> = state
        .store
        .held_posts(space.group_id())
        .await?
        .into_iter()
        .map(|p| context! { html => markdown::render(&p.markdown), post => p })
        .collect();
    let held_mail: Vec<_> = state
        .store
        .held_mail(space.group_id())
        .await?
        .into_iter()
        .map(|m| context! { html => markdown::render(&m.markdown), mail => m })
        .collect();
    let flagged: Vec<_> = state
        .store
        .flagged_posts(space.group_id())
        .await?
        .into_iter()
        .map(|f| context! { html => markdown::render(&f.markdown), flag => f })
        .collect();
    let html = state.templates.render(
        "discussions/moderation.html",
        &ctx,
        context! { held_posts => held_posts, held_mail => held_mail, flagged => flagged, ..space.context() },
    )?;
    Ok(html.into_response())
}

/// `POST /g/{slug}/discussions/held/{id}`: approve (post it and invite the
/// sender to join) or refuse a message from outside the group.
pub async fn decide_held(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(params): Path<Params>,
    CsrfForm(form): CsrfForm<ModerateForm>,
) -> AppResult<Response> {
    let space = space_of(&state, &ctx, &params).await?;
    if !space.access.moderate {
        return Err(refuse(&ctx));
    }
    let held = state
        .store
        .held_one(id_param(&params, "id")?)
        .await?
        .filter(|h| h.group_id == space.group_id() && h.status == "pending")
        .ok_or_else(not_found)?;
    let flash = match form.action.as_str() {
        "approve" => {
            inbound::post_held(&state, &space.loaded.group, &held).await?;
            "flash-held-approved"
        }
        "refuse" => {
            state.store.decide_held(held.id, "refused").await?;
            "flash-held-refused"
        }
        _ => {
            return Err(
                Problem::Invalid(vec![Invalid::new("action", "error-choice-unknown")]).into(),
            )
        }
    };
    state.app.wake_jobs();
    Ok(crate::accounts::redirect_with_flash(
        &state,
        &format!("{}/moderation", space.base),
        flash,
    ))
}

// ---------------------------------------------------------------- settings

/// The group's discussion settings form.
#[derive(Debug, Deserialize, Default)]
#[serde(default)]
pub struct SettingsForm {
    read: String,
    outsiders: String,
    hold_new: Option<String>,
}

/// `GET /g/{slug}/discussions/settings`.
pub async fn settings_page(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(params): Path<Params>,
) -> AppResult<Response> {
    let space = space_of(&state, &ctx, &params).await?;
    if !may_configure(&ctx, &space) {
        return Err(refuse(&ctx));
    }
    let html = state.templates.render(
        "discussions/settings.html",
        &ctx,
        context! {
            settings => space.forum.settings,
            reads => Visibility::ALL.iter().map(|v| v.code()).collect::<Vec<_>>(),
            outsiders => Outsiders::ALL.iter().map(|v| v.code()).collect::<Vec<_>>(),
            ..space.context()
        },
    )?;
    Ok(html.into_response())
}

/// `POST /g/{slug}/discussions/settings`.
pub async fn save_settings(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(params): Path<Params>,
    CsrfForm(form): CsrfForm<SettingsForm>,
) -> AppResult<Response> {
    let space = space_of(&state, &ctx, &params).await?;
    if !may_configure(&ctx, &space) {
        return Err(refuse(&ctx));
    }
    let unknown = |field| -> AppError {
        Problem::Invalid(vec![Invalid::new(field, "error-choice-unknown")]).into()
    };
    let read = Visibility::from_code(&form.read).ok_or_else(|| unknown("read"))?;
    let outsiders = Outsiders::from_code(&form.outsiders).ok_or_else(|| unknown("outsiders"))?;
    state
        .store
        .set_discussion_settings(
            space.group_id(),
            read.code(),
            outsiders.code(),
            form.hold_new.is_some(),
        )
        .await?;
    Ok(crate::accounts::redirect_with_flash(
        &state,
        &space.base,
        "flash-settings-saved",
    ))
}

/// The email choice form.
#[derive(Debug, Deserialize, Default)]
#[serde(default)]
pub struct ListForm {
    email_mode: String,
    email_own: Option<String>,
}

/// `POST /g/{slug}/discussions/email`: a member changes how they follow the
/// group by email.
pub async fn save_list_setting(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(params): Path<Params>,
    CsrfForm(form): CsrfForm<ListForm>,
) -> AppResult<Response> {
    let space = space_of(&state, &ctx, &params).await?;
    let user = ctx.user.as_ref().ok_or(Problem::Unauthenticated)?;
    let mode = EmailMode::from_code(&form.email_mode).ok_or_else(|| {
        AppError::from(Problem::Invalid(vec![Invalid::new(
            "email_mode",
            "error-choice-unknown",
        )]))
    })?;
    if !state
        .store
        .set_list_setting(
            space.group_id(),
            user.id,
            mode.code(),
            Some(form.email_own.is_some()),
        )
        .await?
    {
        return Err(forbidden());
    }
    Ok(crate::accounts::redirect_with_flash(
        &state,
        &space.base,
        "flash-list-saved",
    ))
}

// ---------------------------------------------------------------- notifications

/// `GET /notifications`: the bell's page; reading it marks all read.
pub async fn notifications(State(state): State<AppState>, ctx: Ctx) -> AppResult<Response> {
    let user = ctx.user.as_ref().ok_or(Problem::Unauthenticated)?;
    let list = state.store.notifications(user.id, 100).await?;
    let stopped = state.store.mail_stopped(user.id).await?;
    state.store.read_notifications(user.id).await?;
    let html = state.templates.render(
        "discussions/notifications.html",
        &ctx,
        context! { notifications => list, mail_stopped => stopped },
    )?;
    Ok(html.into_response())
}

/// `POST /notifications/resume-mail`: mail to me again after bounces.
pub async fn resume_mail(
    State(state): State<AppState>,
    ctx: Ctx,
    CsrfForm(_): CsrfForm<crate::accounts::Empty>,
) -> AppResult<Response> {
    let user = ctx.user.as_ref().ok_or(Problem::Unauthenticated)?;
    state.store.resume_mail(user.id).await?;
    Ok(crate::accounts::redirect_with_flash(
        &state,
        "/notifications",
        "flash-mail-resumed",
    ))
}

// ---------------------------------------------------------------- feed

/// `GET /g/{slug}/discussions.atom`: the newest topics, for who may read.
pub async fn feed(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(params): Path<Params>,
) -> AppResult<Response> {
    let slug = slug_param(&params)?;
    let space = open(&state, &ctx, &slug).await?;
    let topics = state.store.topics(space.group_id(), None, 50, 0).await?;
    let entries: Vec<crate::atom::Entry> = topics
        .iter()
        .map(|t| {
            let link = state.config.absolute(&format!("{}/{}", space.base, t.id));
            crate::atom::Entry {
                title: &t.title,
                id: link.clone(),
                link,
                updated: t.last_post_at,
                author: &t.author_name,
                summary: None,
            }
        })
        .collect();
    Ok(crate::atom::response(
        &crate::i18n::t_args(
            ctx.lang,
            "discussions-feed-title",
            &[("name", space.loaded.group.name.clone())],
        ),
        &state
            .config
            .absolute(&format!("/g/{slug}/discussions.atom")),
        &entries,
    ))
}
