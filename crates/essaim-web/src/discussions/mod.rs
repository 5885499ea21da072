//! Discussions: each hosted group's forum (`/g/{slug}/discussions/…`) and
//! its mailing list. Topics newest activity first with unread marks, topic
//! pages with replies, quotes, files, likes, mentions, edits with history,
//! deletion, pinning and closing, flags and the moderators' queue, the
//! notifications bell, each member's email choice and the list's links.
//!
//! Every decision about who may read, write or moderate is
//! `essaim_domain::discussions::access`; [`Space`] carries its answer.

pub mod api;
mod feed;
mod files;
pub mod inbound;
pub mod mail;
mod moderation;
mod notifications;
mod posts;
mod settings;
mod topics;

pub use feed::*;
pub use files::*;
pub use moderation::*;
pub use notifications::*;
pub use posts::*;
pub use settings::*;
pub use topics::*;

use essaim_domain::ids::GroupId;
use std::collections::HashMap;

use essaim_domain::discussions::{self as rules, Access, PostStatus};
use essaim_domain::permissions::Viewer;
use essaim_store::discussions::{Post, Settings, Topic};
use minijinja::context;

use crate::ctx::Ctx;
use crate::error::{not_found, refuse, AppResult};
use crate::groups::{self, Loaded};
use crate::AppState;
use essaim_app::discussions::Forum;

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
    /// `/g/{slug}/discussions`.
    pub base: String,
}

impl Space {
    fn group_id(&self) -> GroupId {
        self.loaded.group.id
    }

    fn context(&self) -> minijinja::Value {
        context! {
            group => self.loaded.group, base => self.base, access => self.forum.access,
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
        forum,
    })
}

/// Whether the requester may change the group's discussion settings (its
/// facilitators, helpers and administrators, as for its card).
fn may_configure(ctx: &Ctx, space: &Space) -> bool {
    essaim_domain::groups::may_edit_card(&ctx.viewer(), space.loaded.rules.as_ref())
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
