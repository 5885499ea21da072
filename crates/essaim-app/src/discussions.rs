//! Discussions: opening a topic and replying, from the site, the JSON API
//! or by email.

use essaim_domain::discussions::{self as rules, Access, PostStatus, PostVia};
use essaim_domain::ids::{GroupId, UserId};
use essaim_domain::{Invalid, Problem};
use essaim_store::discussions::{NewPost, PostFile, Settings, Topic};
use essaim_store::groups::Group;
use essaim_store::StoreError;

use crate::{refusal, Actor, App, Result};

/// A group's discussions as one actor stands in them.
#[derive(Debug, Clone)]
pub struct Forum {
    /// The group.
    pub group_id: GroupId,
    /// Its discussion settings.
    pub settings: Settings,
    /// What the actor may do: the domain's rule, asked once.
    pub access: Access,
}

impl Forum {
    /// The discussions of `group` for someone with `membership` (the
    /// door's loaded membership of the actor).
    pub async fn open(
        app: &App,
        actor: &Actor,
        group: &Group,
        membership: Option<&essaim_domain::groups::Membership>,
    ) -> Result<Self, StoreError> {
        let settings = app.store.discussion_settings(group.id).await?;
        let access = rules::access(
            &actor.viewer(),
            membership,
            settings.visibility(),
            group.listed,
        );
        Ok(Self {
            group_id: group.id,
            settings,
            access,
        })
    }

    /// The discussions of `group` for `actor`, loading the membership.
    pub async fn of(app: &App, actor: &Actor, group: &Group) -> Result<Self, StoreError> {
        let membership = match actor.user() {
            Some(user) => app
                .store
                .membership(group.id, user.id)
                .await?
                .map(|m| m.rules()),
            None => None,
        };
        Self::open(app, actor, group, membership.as_ref()).await
    }
}

/// How a message came.
#[derive(Debug, Clone, Copy)]
pub enum Via<'a> {
    /// Written on the site or through the API.
    Web,
    /// Sent by email.
    Email {
        /// The quoted part trimmed off (kept, shown on demand).
        trimmed: &'a str,
        /// The email's `Message-ID`.
        message_id: &'a str,
        /// Its files, already written under the data folder: recorded with
        /// the post, in the same transaction.
        files: &'a [PostFile],
    },
}

/// A message someone writes.
#[derive(Debug, Clone, Copy)]
pub struct Message<'a> {
    /// Its Markdown text.
    pub text: &'a str,
    /// The post it answers, if any (ignored unless in the same topic).
    pub parent_id: Option<i64>,
    /// How it came.
    pub via: Via<'a>,
}

/// A message written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Posted {
    /// The topic.
    pub topic: i64,
    /// The post.
    pub post: i64,
    /// Whether it waits for a moderator (the group holds new members'
    /// first posts).
    pub held: bool,
}

/// The notifications a new post of `author` causes: mentions of the
/// group's members, and a reply to the topic's author.
pub async fn notifications_for(
    app: &App,
    group_id: GroupId,
    text: &str,
    author: UserId,
    topic_author: Option<UserId>,
) -> Result<Vec<(UserId, String)>, StoreError> {
    let people: Vec<(UserId, String)> = app
        .store
        .members(group_id)
        .await?
        .into_iter()
        .map(|m| (m.user_id, m.name))
        .collect();
    let mut out: Vec<(UserId, String)> = rules::mentioned(text, &people)
        .into_iter()
        .filter(|id| *id != author)
        .map(|id| (id, "mention".to_string()))
        .collect();
    if let Some(owner) = topic_author.filter(|o| *o != author) {
        if !out.iter().any(|(id, _)| *id == owner) {
            out.push((owner, "reply".to_string()));
        }
    }
    Ok(out)
}

/// Checks what `actor` may write in `forum` and builds the post: its text
/// checked, held or not, its notifications.
async fn new_post(
    app: &App,
    actor: &Actor,
    forum: &Forum,
    message: Message<'_>,
    topic_author: Option<UserId>,
) -> Result<NewPost> {
    let user = actor.user().ok_or_else(|| refusal(actor))?;
    if !forum.access.post {
        return Err(Problem::Forbidden.into());
    }
    let text = rules::check_body(message.text).map_err(|e| Problem::Invalid(vec![e]))?;
    let held = forum.settings.discussions_hold_new
        && !forum.access.moderate
        && !app.store.has_visible_posts(forum.group_id, user.id).await?;
    let notify = notifications_for(app, forum.group_id, &text, user.id, topic_author).await?;
    let (via, trimmed, message_id, files) = match message.via {
        Via::Web => (PostVia::Web, "", "", &[][..]),
        Via::Email {
            trimmed,
            message_id,
            files,
        } => (PostVia::Email, trimmed, message_id, files),
    };
    Ok(NewPost {
        author_id: Some(user.id),
        author_name: user.name.clone(),
        markdown: text,
        trimmed: trimmed.to_string(),
        via,
        message_id: message_id.to_string(),
        status: if held {
            PostStatus::Held
        } else {
            PostStatus::Visible
        },
        notify,
        mail: true,
        files: files.to_vec(),
        ..NewPost::default()
    })
}

/// Opens a topic titled `title` in `forum`, if `actor` may write there.
pub async fn open_topic(
    app: &App,
    actor: &Actor,
    forum: &Forum,
    title: &str,
    message: Message<'_>,
) -> Result<Posted> {
    let title = rules::normalize_title(title);
    let post = new_post(app, actor, forum, message, None).await;
    let (title, post) = match (title, post) {
        (Ok(title), Ok(post)) => (title, post),
        (Err(e), Err(crate::Error::Problem(Problem::Invalid(mut others)))) => {
            others.insert(0, e);
            return Err(Problem::Invalid(others).into());
        }
        (Err(e), Ok(_)) => return Err(Problem::Invalid(vec![e]).into()),
        (_, Err(e)) => return Err(e),
    };
    let held = post.status == PostStatus::Held;
    let (topic, post) = app
        .store
        .create_topic(forum.group_id, &title, &post, app.mail_domain())
        .await?;
    app.wake_jobs();
    Ok(Posted { topic, post, held })
}

/// Replies in `topic` of `forum`, if `actor` may write there and the
/// topic is open.
pub async fn reply(
    app: &App,
    actor: &Actor,
    forum: &Forum,
    topic: &Topic,
    message: Message<'_>,
) -> Result<Posted> {
    if forum.access.post && !rules::may_reply(forum.access, topic.closed) {
        return Err(Problem::Invalid(vec![Invalid::new("markdown", "error-topic-closed")]).into());
    }
    let mut post = new_post(app, actor, forum, message, topic.author_id).await?;
    post.parent_id = match message.parent_id {
        Some(id) => app
            .store
            .post(id)
            .await?
            .filter(|p| p.topic_id == topic.id)
            .map(|p| p.id),
        None => None,
    };
    let held = post.status == PostStatus::Held;
    let post = app.store.add_post(topic, &post, app.mail_domain()).await?;
    app.wake_jobs();
    Ok(Posted {
        topic: topic.id,
        post,
        held,
    })
}
