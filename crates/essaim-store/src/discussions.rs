//! Discussions: topics and posts of a group (with their history, likes,
//! files and flags), unread marks, notifications on the site, each member's
//! email choice, the reply keys of sent messages, bounces,
//! mail held for moderators and the summaries' progress.
//!
//! A new post is one transaction: the post, its topic's counters, its
//! search document, the notifications it causes and the job that emails
//! the list. The emails themselves are written by that job.

use essaim_domain::discussions::{
    HeldStatus, Outsiders, PostStatus, PostVia, Visibility, HARD_BOUNCES_STOP,
};
use essaim_domain::ids::{GroupId, UserId};
use essaim_domain::jobs::{DiscussionFile, DiscussionPost};
use essaim_domain::markdown;
use serde::Serialize;

use crate::activity;
use crate::db::{q, Tx};
use crate::outbox::{self, OutgoingEmail};
use crate::search::{self, SearchDoc};
use crate::{jobs, random_token, Result, Store, StoreError};

const TOPIC_COLUMNS: &str =
    "t.id, t.group_id, t.title, t.author_id, t.author_name, t.pinned, t.closed, \
     t.post_count, t.last_post_at, t.created_at";

const POST_COLUMNS: &str = "p.id, p.topic_id, p.group_id, p.parent_id, p.author_id, p.author_name, \
     p.author_email, p.markdown, p.trimmed, p.via, p.message_id, p.status, p.like_count, p.edited_at, \
     p.mailed_at, p.created_at";

/// A group's discussion settings.
#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct Settings {
    /// Who reads the discussions.
    #[sqlx(try_from = "String")]
    pub discussions_read: Visibility,
    /// What happens to mail from people who are not members.
    #[sqlx(try_from = "String")]
    pub discussions_outsiders: Outsiders,
    /// The first posts of new members wait for approval.
    pub discussions_hold_new: bool,
}

impl Settings {
    /// The visibility, as the rules read it.
    pub fn visibility(&self) -> Visibility {
        self.discussions_read
    }
}

/// A topic.
#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct Topic {
    /// Identifier.
    pub id: i64,
    /// Group.
    pub group_id: GroupId,
    /// Title.
    pub title: String,
    /// Who opened it.
    pub author_id: Option<UserId>,
    /// Their name.
    pub author_name: String,
    /// Shown first.
    pub pinned: bool,
    /// Takes no more replies.
    pub closed: bool,
    /// Visible posts.
    pub post_count: i64,
    /// Newest visible post.
    pub last_post_at: i64,
    /// Opened at.
    pub created_at: i64,
}

/// A topic in a list, with the reader's unread mark.
#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct TopicLine {
    /// Identifier.
    pub id: i64,
    /// Title.
    pub title: String,
    /// Who opened it.
    pub author_name: String,
    /// Shown first.
    pub pinned: bool,
    /// Closed.
    pub closed: bool,
    /// Visible posts.
    pub post_count: i64,
    /// Newest activity.
    pub last_post_at: i64,
    /// When the reader last read it (None: never, or nobody logged in).
    pub read_at: Option<i64>,
}

/// A post.
#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct Post {
    /// Identifier.
    pub id: i64,
    /// Topic.
    pub topic_id: i64,
    /// Group.
    pub group_id: GroupId,
    /// The post it answers, if known.
    pub parent_id: Option<i64>,
    /// Author's account, if any.
    pub author_id: Option<UserId>,
    /// Author's name.
    pub author_name: String,
    /// Author's address (mail from non-members, imports).
    pub author_email: Option<String>,
    /// Text.
    pub markdown: String,
    /// What was trimmed from an email (quotes, signature).
    pub trimmed: String,
    /// How it came.
    #[sqlx(try_from = "String")]
    pub via: PostVia,
    /// Stable `Message-ID`, without angle brackets.
    pub message_id: String,
    /// Who reads it.
    #[sqlx(try_from = "String")]
    pub status: PostStatus,
    /// Likes.
    pub like_count: i64,
    /// Last edit.
    pub edited_at: Option<i64>,
    /// When the list was emailed.
    pub mailed_at: Option<i64>,
    /// Written at.
    pub created_at: i64,
}

/// A post to write.
#[derive(Debug, Clone, Default)]
pub struct NewPost {
    /// Author's account.
    pub author_id: Option<UserId>,
    /// Author's name.
    pub author_name: String,
    /// Author's address, when no account.
    pub author_email: Option<String>,
    /// Text.
    pub markdown: String,
    /// Trimmed part of an email.
    pub trimmed: String,
    /// How it came.
    pub via: PostVia,
    /// `Message-ID` (a fresh one is made when empty).
    pub message_id: String,
    /// The post answered.
    pub parent_id: Option<i64>,
    /// Visible, or held for a moderator.
    pub status: PostStatus,
    /// Written at (imports keep the original date); now when None.
    pub created_at: Option<i64>,
    /// People to notify on the site: (user, kind).
    pub notify: Vec<(UserId, String)>,
    /// Email the list (false for imports).
    pub mail: bool,
    /// Files already written under the data folder, recorded with the post
    /// in its own transaction (their `id` and `post_id` are filled in then):
    /// a post never says a file is there when it is not.
    pub files: Vec<PostFile>,
}

/// A former version of a post.
#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct PostRevision {
    /// Text before the edit.
    pub markdown: String,
    /// Who edited.
    pub edited_by: Option<UserId>,
    /// When the edit replaced it.
    pub created_at: i64,
}

/// A file attached to a post.
#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct PostFile {
    /// Identifier.
    pub id: i64,
    /// Post.
    pub post_id: i64,
    /// Name.
    pub name: String,
    /// Type.
    pub content_type: String,
    /// Bytes.
    pub size: i64,
    /// Name under the data folder.
    pub stored_as: String,
    /// A thumbnail exists.
    pub has_thumbnail: bool,
}

/// A notification on the site.
#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct Notification {
    /// Identifier.
    pub id: i64,
    /// `mention`, `reply`, `mail-stopped`.
    pub kind: String,
    /// Topic.
    pub topic_id: Option<i64>,
    /// Post.
    pub post_id: Option<i64>,
    /// Who caused it.
    pub actor_name: String,
    /// The topic's title.
    pub title: Option<String>,
    /// The group's short name.
    pub group_slug: Option<String>,
    /// When.
    pub created_at: i64,
    /// Read at.
    pub read_at: Option<i64>,
}

/// An unread notification of someone who reads them in a summary.
#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct NotificationLine {
    /// Whose.
    pub user_id: UserId,
    /// `mention` or `reply`.
    pub kind: String,
    /// Topic.
    pub topic_id: i64,
    /// Post.
    pub post_id: Option<i64>,
    /// Who caused it.
    pub actor_name: String,
    /// The topic's title.
    pub title: String,
    /// The topic's group.
    pub group_id: GroupId,
    /// The group's short name.
    pub group_slug: String,
}

/// A member's email choice for a group.
#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct ListSetting {
    /// `every`, `daily`, `weekly` or `none`.
    pub email_mode: String,
    /// Also receive one's own messages.
    pub email_own: bool,
}

/// Someone the list writes to.
#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct Recipient {
    /// Account.
    pub user_id: UserId,
    /// Address.
    pub email: String,
    /// Name.
    pub name: String,
    /// Language.
    pub lang: Option<String>,
    /// Instance administrator.
    pub is_admin: bool,
    /// Helper.
    pub is_helper: bool,
}

/// What a reply key stands for.
#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct ReplyKey {
    /// The person it was sent to.
    pub user_id: UserId,
    /// Group.
    pub group_id: GroupId,
    /// Topic (None: a summary, which has no single topic).
    pub topic_id: Option<i64>,
}

/// A message from outside the group, waiting for a moderator.
#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct HeldMail {
    /// Identifier.
    pub id: i64,
    /// Group.
    pub group_id: GroupId,
    /// Sender.
    pub from_address: String,
    /// Sender's name.
    pub from_name: String,
    /// Subject.
    pub subject: String,
    /// Text.
    pub markdown: String,
    /// Trimmed part.
    pub trimmed: String,
    /// Its `Message-ID`.
    pub message_id: String,
    /// The topic it answers, if known.
    pub topic_id: Option<i64>,
    /// Where it stands.
    #[sqlx(try_from = "String")]
    pub status: HeldStatus,
    /// Received at.
    pub created_at: i64,
}

/// A flagged post for the moderators.
#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct Flagged {
    /// Post.
    pub post_id: i64,
    /// Topic.
    pub topic_id: i64,
    /// Topic title.
    pub title: String,
    /// Author.
    pub author_name: String,
    /// Text.
    pub markdown: String,
    /// Post status.
    pub status: PostStatus,
    /// Open flags.
    pub flags: i64,
    /// Reasons given.
    pub reasons: String,
}

/// A post of a summary.
#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct DigestLine {
    /// Post.
    pub post_id: i64,
    /// Topic.
    pub topic_id: i64,
    /// Topic title.
    pub title: String,
    /// Author.
    pub author_name: String,
    /// Text.
    pub markdown: String,
    /// Whether it opened its topic.
    pub first: bool,
    /// Written at.
    pub created_at: i64,
}

#[derive(sqlx::FromRow)]
struct Id {
    id: i64,
}

#[derive(sqlx::FromRow)]
struct Count {
    n: i64,
}

/// The path of a topic.
pub fn topic_path(group_slug: &str, topic_id: i64) -> String {
    format!("/g/{group_slug}/discussions/{topic_id}")
}

/// How much of a topic's text its search entry holds, in bytes.
const TOPIC_INDEX_CAP: usize = 200_000;

/// Reindexes a topic inside `tx`: its title and its visible posts, with
/// its group's access.
pub async fn reindex_topic(tx: &mut Tx, topic_id: i64) -> Result<()> {
    #[derive(sqlx::FromRow)]
    struct Row {
        title: String,
        group_id: GroupId,
        last_post_at: i64,
        slug: String,
        listed: bool,
        #[sqlx(try_from = "String")]
        discussions_read: Visibility,
    }
    let Some(row): Option<Row> = tx
        .opt(
            q(
                "SELECT t.title, t.group_id, t.last_post_at, g.slug, g.listed, g.discussions_read \
               FROM topics t JOIN groups g ON g.id = t.group_id WHERE t.id = $1",
            )
            .bind(topic_id),
        )
        .await?
    else {
        return search::remove(tx, "topic", topic_id).await;
    };
    #[derive(sqlx::FromRow)]
    struct Text {
        markdown: String,
    }
    let posts: Vec<Text> = tx
        .all(
            q("SELECT markdown FROM posts WHERE topic_id = $1 AND status = 'visible' ORDER BY created_at, id")
                .bind(topic_id),
        )
        .await?;
    if posts.is_empty() {
        return search::remove(tx, "topic", topic_id).await;
    }
    let mut body = String::new();
    for p in &posts {
        if body.len() > TOPIC_INDEX_CAP {
            break;
        }
        body.push_str(&markdown::render_inline_text(&p.markdown, 20_000));
        body.push('\n');
    }
    let visibility = row.discussions_read;
    let doc = SearchDoc {
        kind: "topic",
        ref_id: topic_id,
        scope: row.group_id.0,
        access: visibility.index_access(row.listed),
        title: row.title,
        body,
        url: topic_path(&row.slug, topic_id),
        updated_at: row.last_post_at,
    };
    search::index(tx, &doc).await
}

/// Recounts a topic's visible posts and newest activity.
async fn recount_topic(tx: &mut Tx, topic_id: i64) -> Result<()> {
    tx.execute(
        q("UPDATE topics SET post_count = (SELECT COUNT(*) FROM posts WHERE topic_id = $1 AND status = 'visible'), \
           last_post_at = COALESCE((SELECT MAX(created_at) FROM posts WHERE topic_id = $1 AND status = 'visible'), created_at) \
           WHERE id = $1")
        .bind(topic_id),
    )
    .await?;
    Ok(())
}

/// Writes a post inside `tx` (its topic must exist) with what it causes.
async fn insert_post(
    tx: &mut Tx,
    topic_id: i64,
    group_id: GroupId,
    post: &NewPost,
    domain: &str,
    now: i64,
) -> Result<i64> {
    let created = post.created_at.unwrap_or(now);
    let message_id = if post.message_id.is_empty() {
        format!("post-{}@{domain}", random_token(12))
    } else {
        post.message_id.clone()
    };
    let status = post.status;
    let via = post.via.code();
    // Imported posts are never mailed: they are marked as already sent.
    let mailed = (!post.mail).then_some(now);
    let row: Id = tx
        .one(
            q("INSERT INTO posts (topic_id, group_id, parent_id, author_id, author_name, author_email, markdown, trimmed, \
               via, message_id, status, mailed_at, created_at) \
               VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id")
            .bind(topic_id)
            .bind(group_id)
            .bind(post.parent_id)
            .bind(post.author_id)
            .bind(&post.author_name)
            .bind(post.author_email.clone())
            .bind(&post.markdown)
            .bind(&post.trimmed)
            .bind(via)
            .bind(message_id)
            .bind(status.code())
            .bind(mailed)
            .bind(created),
        )
        .await
        .map_err(StoreError::unique_to_conflict)?;
    for file in &post.files {
        insert_post_file(tx, row.id, file, now).await?;
    }
    recount_topic(tx, topic_id).await?;
    if status == PostStatus::Visible {
        // A reply only adds words: they are appended to the topic's entry
        // (remaking it from every post made a long topic's replies slower
        // and slower); a held post is not indexed until it is shown.
        let text = markdown::render_inline_text(&post.markdown, 20_000);
        if !search::append(tx, "topic", topic_id, &text, created, TOPIC_INDEX_CAP).await? {
            reindex_topic(tx, topic_id).await?;
        }
        after_visible(tx, row.id, topic_id, &post.notify, post.mail, now).await?;
    } else {
        reindex_topic(tx, topic_id).await?;
    }
    Ok(row.id)
}

/// Records a file of post `post_id` inside `tx`.
async fn insert_post_file(tx: &mut Tx, post_id: i64, file: &PostFile, now: i64) -> Result<i64> {
    let row: Id = tx
        .one(
            q("INSERT INTO post_files (post_id, name, content_type, size, stored_as, has_thumbnail, created_at) \
               VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id")
            .bind(post_id)
            .bind(&file.name)
            .bind(&file.content_type)
            .bind(file.size)
            .bind(&file.stored_as)
            .bind(file.has_thumbnail)
            .bind(now),
        )
        .await?;
    Ok(row.id)
}

/// What a post that becomes visible causes: notifications and the list's
/// emails.
async fn after_visible(
    tx: &mut Tx,
    post_id: i64,
    topic_id: i64,
    notify: &[(UserId, String)],
    mail: bool,
    now: i64,
) -> Result<()> {
    #[derive(sqlx::FromRow)]
    struct Author {
        author_name: String,
    }
    let author: Author = tx
        .one(q("SELECT author_name FROM posts WHERE id = $1").bind(post_id))
        .await?;
    for (user_id, kind) in notify {
        tx.execute(
            q("INSERT INTO notifications (user_id, kind, topic_id, post_id, actor_name, created_at) VALUES ($1, $2, $3, $4, $5, $6)")
                .bind(*user_id)
                .bind(kind)
                .bind(topic_id)
                .bind(post_id)
                .bind(&author.author_name)
                .bind(now),
        )
        .await?;
    }
    activity::post_shown(tx, post_id).await?;
    if mail {
        let job = DiscussionPost {
            post_id,
            notify: notify.iter().map(|(u, k)| (*u, k.to_string())).collect(),
        };
        jobs::enqueue(tx, &job, now, now).await?;
    }
    Ok(())
}

impl Store {
    // ------------------------------------------------------------ settings

    /// A group's discussion settings.
    pub async fn discussion_settings(&self, group_id: GroupId) -> Result<Settings> {
        self.db()
            .one(
                q("SELECT discussions_read, discussions_outsiders, discussions_hold_new FROM groups WHERE id = $1")
                    .bind(group_id),
            )
            .await
    }

    /// Changes a group's discussion settings and the access of its topics
    /// in the search index.
    pub async fn set_discussion_settings(
        &self,
        group_id: GroupId,
        read: &str,
        outsiders: &str,
        hold_new: bool,
    ) -> Result<()> {
        let mut tx = self.db().begin().await?;
        tx.execute(
            q("UPDATE groups SET discussions_read = $1, discussions_outsiders = $2, discussions_hold_new = $3 WHERE id = $4")
                .bind(read)
                .bind(outsiders)
                .bind(hold_new)
                .bind(group_id),
        )
        .await?;
        reindex_group_topics(&mut tx, group_id).await?;
        activity::refresh_discussions(&mut tx, group_id).await?;
        tx.commit().await
    }

    // ------------------------------------------------------------ topics

    /// A group's topics, pinned first then newest activity first, with the
    /// reader's unread marks.
    pub async fn topics(
        &self,
        group_id: GroupId,
        reader: Option<UserId>,
        limit: i64,
        offset: i64,
    ) -> Result<Vec<TopicLine>> {
        self.db()
            .all(
                q("SELECT t.id, t.title, t.author_name, t.pinned, t.closed, t.post_count, t.last_post_at, r.read_at \
                   FROM topics t LEFT JOIN topic_reads r ON r.topic_id = t.id AND r.user_id = $2 \
                   WHERE t.group_id = $1 AND t.post_count > 0 \
                   ORDER BY t.pinned DESC, t.last_post_at DESC, t.id DESC LIMIT $3 OFFSET $4")
                .bind(group_id)
                .bind(reader.map_or(0, |r| r.0))
                .bind(limit)
                .bind(offset),
            )
            .await
    }

    /// How many topics with visible posts a group has.
    pub async fn topic_count(&self, group_id: GroupId) -> Result<i64> {
        let c: Count = self
            .db()
            .one(
                q("SELECT COUNT(*) AS n FROM topics WHERE group_id = $1 AND post_count > 0")
                    .bind(group_id),
            )
            .await?;
        Ok(c.n)
    }

    /// One topic.
    pub async fn topic(&self, id: i64) -> Result<Option<Topic>> {
        self.db()
            .opt(
                q(format!(
                    "SELECT {TOPIC_COLUMNS} FROM topics t WHERE t.id = $1"
                ))
                .bind(id),
            )
            .await
    }

    /// Opens a topic with its first post; returns (topic, post).
    pub async fn create_topic(
        &self,
        group_id: GroupId,
        title: &str,
        post: &NewPost,
        domain: &str,
    ) -> Result<(i64, i64)> {
        let now = self.now();
        let created = post.created_at.unwrap_or(now);
        let mut tx = self.db().begin().await?;
        let topic: Id = tx
            .one(
                q("INSERT INTO topics (group_id, title, author_id, author_name, last_post_at, created_at) \
                   VALUES ($1, $2, $3, $4, $5, $5) RETURNING id")
                .bind(group_id)
                .bind(title)
                .bind(post.author_id)
                .bind(&post.author_name)
                .bind(created),
            )
            .await?;
        let post_id = insert_post(&mut tx, topic.id, group_id, post, domain, now).await?;
        tx.commit().await?;
        Ok((topic.id, post_id))
    }

    /// Adds a post to a topic.
    pub async fn add_post(&self, topic: &Topic, post: &NewPost, domain: &str) -> Result<i64> {
        let now = self.now();
        let mut tx = self.db().begin().await?;
        let id = insert_post(&mut tx, topic.id, topic.group_id, post, domain, now).await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Pins or unpins, closes or reopens a topic.
    pub async fn set_topic_state(&self, topic_id: i64, pinned: bool, closed: bool) -> Result<()> {
        self.db()
            .execute(
                q("UPDATE topics SET pinned = $1, closed = $2 WHERE id = $3")
                    .bind(pinned)
                    .bind(closed)
                    .bind(topic_id),
            )
            .await?;
        Ok(())
    }

    /// Records that `user_id` read a topic now.
    pub async fn mark_topic_read(&self, user_id: UserId, topic_id: i64) -> Result<()> {
        self.db()
            .execute(
                q(
                    "INSERT INTO topic_reads (user_id, topic_id, read_at) VALUES ($1, $2, $3) \
                   ON CONFLICT (user_id, topic_id) DO UPDATE SET read_at = excluded.read_at",
                )
                .bind(user_id)
                .bind(topic_id)
                .bind(self.now()),
            )
            .await?;
        Ok(())
    }

    // ------------------------------------------------------------ posts

    /// Every post of a topic, oldest first (every status: the page decides
    /// what each reader sees).
    pub async fn posts(&self, topic_id: i64) -> Result<Vec<Post>> {
        self.db()
            .all(
                q(format!(
                    "SELECT {POST_COLUMNS} FROM posts p WHERE p.topic_id = $1 ORDER BY p.created_at, p.id"
                ))
                .bind(topic_id),
            )
            .await
    }

    /// One post.
    pub async fn post(&self, id: i64) -> Result<Option<Post>> {
        self.db()
            .opt(
                q(format!(
                    "SELECT {POST_COLUMNS} FROM posts p WHERE p.id = $1"
                ))
                .bind(id),
            )
            .await
    }

    /// The post with this `Message-ID`, if any.
    pub async fn post_by_message_id(&self, message_id: &str) -> Result<Option<Post>> {
        self.db()
            .opt(
                q(format!(
                    "SELECT {POST_COLUMNS} FROM posts p WHERE p.message_id = $1"
                ))
                .bind(message_id),
            )
            .await
    }

    /// Replaces a post's text, keeping the former one in its history.
    pub async fn edit_post(&self, post: &Post, markdown: &str, editor: UserId) -> Result<()> {
        let now = self.now();
        let mut tx = self.db().begin().await?;
        tx.execute(
            q("INSERT INTO post_revisions (post_id, markdown, edited_by, created_at) VALUES ($1, $2, $3, $4)")
                .bind(post.id)
                .bind(&post.markdown)
                .bind(editor)
                .bind(now),
        )
        .await?;
        tx.execute(
            q("UPDATE posts SET markdown = $1, edited_at = $2 WHERE id = $3")
                .bind(markdown)
                .bind(now)
                .bind(post.id),
        )
        .await?;
        reindex_topic(&mut tx, post.topic_id).await?;
        tx.commit().await
    }

    /// A post's former versions, newest first.
    pub async fn post_revisions(&self, post_id: i64) -> Result<Vec<PostRevision>> {
        self.db()
            .all(
                q("SELECT markdown, edited_by, created_at FROM post_revisions WHERE post_id = $1 ORDER BY id DESC")
                    .bind(post_id),
            )
            .await
    }

    /// Changes a post's status (visible, hidden, deleted). Flags on
    /// it are resolved.
    pub async fn set_post_status(&self, post: &Post, status: PostStatus) -> Result<()> {
        self.set_post_status_notifying(post, status, &[]).await
    }

    /// [`Store::set_post_status`]; a held post made visible is then mailed
    /// and causes `notify` (its mentions, its topic's author).
    pub async fn set_post_status_notifying(
        &self,
        post: &Post,
        status: PostStatus,
        notify: &[(UserId, String)],
    ) -> Result<()> {
        let now = self.now();
        let mut tx = self.db().begin().await?;
        tx.execute(
            q("UPDATE posts SET status = $1 WHERE id = $2")
                .bind(status.code())
                .bind(post.id),
        )
        .await?;
        tx.execute(
            q("UPDATE post_flags SET resolved_at = $1 WHERE post_id = $2 AND resolved_at IS NULL")
                .bind(now)
                .bind(post.id),
        )
        .await?;
        recount_topic(&mut tx, post.topic_id).await?;
        reindex_topic(&mut tx, post.topic_id).await?;
        if post.status == PostStatus::Held && status == PostStatus::Visible {
            after_visible(&mut tx, post.id, post.topic_id, notify, true, now).await?;
        }
        tx.commit().await
    }

    /// Records that the list was emailed a post.
    pub async fn mark_post_mailed(&self, post_id: i64) -> Result<()> {
        self.db()
            .execute(
                q("UPDATE posts SET mailed_at = $1 WHERE id = $2")
                    .bind(self.now())
                    .bind(post_id),
            )
            .await?;
        Ok(())
    }

    /// Writes the list's emails of a post in one transaction, marking the
    /// post as mailed in it (a job run again after a crash sends nothing
    /// twice); returns false when it was already mailed.
    pub async fn queue_list_emails(&self, post_id: i64, emails: &[OutgoingEmail]) -> Result<bool> {
        let now = self.now();
        let mut tx = self.db().begin().await?;
        let marked = tx
            .execute(
                q("UPDATE posts SET mailed_at = $1 WHERE id = $2 AND mailed_at IS NULL")
                    .bind(now)
                    .bind(post_id),
            )
            .await?;
        if marked == 0 {
            return Ok(false);
        }
        for email in emails {
            outbox::enqueue(&mut tx, email, now).await?;
        }
        tx.commit().await?;
        Ok(true)
    }

    /// Whether a person has posts in a group that were approved (or never
    /// held): those whose first posts wait are the others.
    pub async fn has_visible_posts(&self, group_id: GroupId, user_id: UserId) -> Result<bool> {
        let c: Count = self
            .db()
            .one(
                q("SELECT COUNT(*) AS n FROM posts WHERE group_id = $1 AND author_id = $2 AND status IN ('visible', 'hidden')")
                    .bind(group_id)
                    .bind(user_id),
            )
            .await?;
        Ok(c.n > 0)
    }

    /// Posts of a group waiting for approval.
    pub async fn held_posts(&self, group_id: GroupId) -> Result<Vec<Post>> {
        self.db()
            .all(
                q(format!(
                    "SELECT {POST_COLUMNS} FROM posts p WHERE p.group_id = $1 AND p.status = 'held' ORDER BY p.id"
                ))
                .bind(group_id),
            )
            .await
    }

    // ------------------------------------------------------------ likes

    /// Likes a post (once per person); returns whether it was new.
    pub async fn like_post(&self, post_id: i64, user_id: UserId) -> Result<bool> {
        let mut tx = self.db().begin().await?;
        let n = tx
            .execute(
                q("INSERT INTO post_likes (post_id, user_id, created_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING")
                    .bind(post_id)
                    .bind(user_id)
                    .bind(self.now()),
            )
            .await?;
        recount_likes(&mut tx, post_id).await?;
        tx.commit().await?;
        Ok(n > 0)
    }

    /// Takes a like back.
    pub async fn unlike_post(&self, post_id: i64, user_id: UserId) -> Result<()> {
        let mut tx = self.db().begin().await?;
        tx.execute(
            q("DELETE FROM post_likes WHERE post_id = $1 AND user_id = $2")
                .bind(post_id)
                .bind(user_id),
        )
        .await?;
        recount_likes(&mut tx, post_id).await?;
        tx.commit().await
    }

    /// The posts of a topic that `user_id` likes.
    pub async fn liked_in_topic(&self, topic_id: i64, user_id: UserId) -> Result<Vec<i64>> {
        let rows: Vec<Id> = self
            .db()
            .all(
                q("SELECT l.post_id AS id FROM post_likes l JOIN posts p ON p.id = l.post_id WHERE p.topic_id = $1 AND l.user_id = $2")
                    .bind(topic_id)
                    .bind(user_id),
            )
            .await?;
        Ok(rows.into_iter().map(|r| r.id).collect())
    }

    // ------------------------------------------------------------ files

    /// Attaches a file to a post; when the list has already received the
    /// post, queues the file's own email in the same transaction.
    pub async fn add_post_file(&self, file: &PostFile) -> Result<i64> {
        let now = self.now();
        let mut tx = self.db().begin().await?;
        let id = insert_post_file(&mut tx, file.post_id, file, now).await?;
        let mailed: Option<(i64,)> = tx
            .opt(
                q("SELECT id FROM posts WHERE id = $1 AND mailed_at IS NOT NULL AND status = 'visible'")
                    .bind(file.post_id),
            )
            .await?;
        if mailed.is_some() {
            jobs::enqueue(&mut tx, &DiscussionFile { file_id: id }, now, now).await?;
        }
        tx.commit().await?;
        Ok(id)
    }

    /// The files of a topic's posts.
    pub async fn topic_files(&self, topic_id: i64) -> Result<Vec<PostFile>> {
        self.db()
            .all(
                q("SELECT f.id, f.post_id, f.name, f.content_type, f.size, f.stored_as, f.has_thumbnail \
                   FROM post_files f JOIN posts p ON p.id = f.post_id WHERE p.topic_id = $1 ORDER BY f.id")
                .bind(topic_id),
            )
            .await
    }

    /// One file.
    pub async fn post_file(&self, id: i64) -> Result<Option<PostFile>> {
        self.db()
            .opt(
                q("SELECT id, post_id, name, content_type, size, stored_as, has_thumbnail FROM post_files WHERE id = $1")
                    .bind(id),
            )
            .await
    }

    // ------------------------------------------------------------ flags

    /// Flags a post for the moderators (once per person while open).
    pub async fn flag_post(&self, post_id: i64, user_id: UserId, reason: &str) -> Result<()> {
        let c: Count = self
            .db()
            .one(
                q("SELECT COUNT(*) AS n FROM post_flags WHERE post_id = $1 AND user_id = $2 AND resolved_at IS NULL")
                    .bind(post_id)
                    .bind(user_id),
            )
            .await?;
        if c.n == 0 {
            self.db()
                .execute(
                    q("INSERT INTO post_flags (post_id, user_id, reason, created_at) VALUES ($1, $2, $3, $4)")
                        .bind(post_id)
                        .bind(user_id)
                        .bind(reason)
                        .bind(self.now()),
                )
                .await?;
        }
        Ok(())
    }

    /// Posts of a group with open flags.
    pub async fn flagged_posts(&self, group_id: GroupId) -> Result<Vec<Flagged>> {
        #[derive(sqlx::FromRow)]
        struct Row {
            post_id: i64,
            topic_id: i64,
            title: String,
            author_name: String,
            markdown: String,
            #[sqlx(try_from = "String")]
            status: PostStatus,
            flags: i64,
        }
        let rows: Vec<Row> = self
            .db()
            .all(
                q("SELECT p.id AS post_id, p.topic_id, t.title, p.author_name, p.markdown, p.status, COUNT(f.id) AS flags \
                   FROM post_flags f JOIN posts p ON p.id = f.post_id JOIN topics t ON t.id = p.topic_id \
                   WHERE p.group_id = $1 AND f.resolved_at IS NULL \
                   GROUP BY p.id, p.topic_id, t.title, p.author_name, p.markdown, p.status ORDER BY p.id")
                .bind(group_id),
            )
            .await?;
        let mut out = Vec::new();
        for r in rows {
            #[derive(sqlx::FromRow)]
            struct Reason {
                reason: String,
            }
            let reasons: Vec<Reason> = self
                .db()
                .all(
                    q("SELECT reason FROM post_flags WHERE post_id = $1 AND resolved_at IS NULL AND reason <> '' ORDER BY id")
                        .bind(r.post_id),
                )
                .await?;
            out.push(Flagged {
                post_id: r.post_id,
                topic_id: r.topic_id,
                title: r.title,
                author_name: r.author_name,
                markdown: r.markdown,
                status: r.status,
                flags: r.flags,
                reasons: reasons
                    .into_iter()
                    .map(|x| x.reason)
                    .collect::<Vec<_>>()
                    .join(" · "),
            });
        }
        Ok(out)
    }

    /// Closes the open flags of a post (a moderator looked and kept it).
    pub async fn resolve_flags(&self, post_id: i64) -> Result<()> {
        self.db()
            .execute(
                q("UPDATE post_flags SET resolved_at = $1 WHERE post_id = $2 AND resolved_at IS NULL")
                    .bind(self.now())
                    .bind(post_id),
            )
            .await?;
        Ok(())
    }

    // ------------------------------------------------------------ notifications

    /// Unread notifications of a person.
    pub async fn unread_notifications(&self, user_id: UserId) -> Result<i64> {
        let c: Count = self
            .db()
            .one(
                q("SELECT COUNT(*) AS n FROM notifications WHERE user_id = $1 AND read_at IS NULL")
                    .bind(user_id),
            )
            .await?;
        Ok(c.n)
    }

    /// A person's newest notifications.
    pub async fn notifications(&self, user_id: UserId, limit: i64) -> Result<Vec<Notification>> {
        self.db()
            .all(
                q("SELECT n.id, n.kind, n.topic_id, n.post_id, n.actor_name, t.title, g.slug AS group_slug, n.created_at, n.read_at \
                   FROM notifications n LEFT JOIN topics t ON t.id = n.topic_id LEFT JOIN groups g ON g.id = t.group_id \
                   WHERE n.user_id = $1 ORDER BY n.id DESC LIMIT $2")
                .bind(user_id)
                .bind(limit),
            )
            .await
    }

    /// Marks every notification of a person read.
    pub async fn read_notifications(&self, user_id: UserId) -> Result<()> {
        self.db()
            .execute(
                q("UPDATE notifications SET read_at = $1 WHERE user_id = $2 AND read_at IS NULL")
                    .bind(self.now())
                    .bind(user_id),
            )
            .await?;
        Ok(())
    }

    /// Unread notifications about topics made in `[from, to)` for people
    /// whose activity email is `frequency` (`daily`, `weekly`) and whose
    /// address still takes mail, person by person.
    pub async fn notifications_to_sum_up(
        &self,
        frequency: &str,
        from: i64,
        to: i64,
    ) -> Result<Vec<NotificationLine>> {
        self.db()
            .all(
                q("SELECT n.user_id, n.kind, n.topic_id, n.post_id, n.actor_name, t.title, t.group_id, g.slug AS group_slug \
                   FROM notifications n JOIN users u ON u.id = n.user_id JOIN topics t ON t.id = n.topic_id \
                   JOIN groups g ON g.id = t.group_id \
                   WHERE u.email_frequency = $1 AND u.mail_stopped_at IS NULL AND n.read_at IS NULL \
                   AND n.created_at >= $2 AND n.created_at < $3 ORDER BY n.user_id, n.id")
                .bind(frequency)
                .bind(from)
                .bind(to),
            )
            .await
    }

    /// Adds a notification that is not about a post.
    pub async fn notify(&self, user_id: UserId, kind: &str, actor: &str) -> Result<()> {
        self.db()
            .execute(
                q("INSERT INTO notifications (user_id, kind, actor_name, created_at) VALUES ($1, $2, $3, $4)")
                    .bind(user_id)
                    .bind(kind)
                    .bind(actor)
                    .bind(self.now()),
            )
            .await?;
        Ok(())
    }

    // ------------------------------------------------------------ the list

    /// A member's email choice for a group (None: not a member).
    pub async fn list_setting(
        &self,
        group_id: GroupId,
        user_id: UserId,
    ) -> Result<Option<ListSetting>> {
        self.db()
            .opt(
                q("SELECT email_mode, email_own FROM memberships WHERE group_id = $1 AND user_id = $2")
                    .bind(group_id)
                    .bind(user_id),
            )
            .await
    }

    /// Changes a member's email choice; returns whether they are a member.
    pub async fn set_list_setting(
        &self,
        group_id: GroupId,
        user_id: UserId,
        mode: &str,
        own: Option<bool>,
    ) -> Result<bool> {
        let n = match own {
            Some(own) => {
                self.db()
                    .execute(
                        q("UPDATE memberships SET email_mode = $1, email_own = $2 WHERE group_id = $3 AND user_id = $4")
                            .bind(mode)
                            .bind(own)
                            .bind(group_id)
                            .bind(user_id),
                    )
                    .await?
            }
            None => {
                self.db()
                    .execute(
                        q("UPDATE memberships SET email_mode = $1 WHERE group_id = $2 AND user_id = $3")
                            .bind(mode)
                            .bind(group_id)
                            .bind(user_id),
                    )
                    .await?
            }
        };
        Ok(n > 0)
    }

    /// Members of a group receiving its list in `mode` (addresses that
    /// bounce too often left out); `author` is left out unless they asked
    /// for their own messages.
    pub async fn list_recipients(
        &self,
        group_id: GroupId,
        mode: &str,
        author: Option<UserId>,
    ) -> Result<Vec<Recipient>> {
        self.db()
            .all(
                q("SELECT u.id AS user_id, u.email, u.name, u.lang, u.is_admin, u.is_helper FROM memberships m \
                   JOIN users u ON u.id = m.user_id \
                   WHERE m.group_id = $1 AND m.email_mode = $2 AND u.mail_stopped_at IS NULL \
                   AND (m.email_own OR u.id <> $3) ORDER BY u.id")
                .bind(group_id)
                .bind(mode)
                .bind(author.map_or(0, |a| a.0)),
            )
            .await
    }

    /// The reply key of a person for a topic (or for a group's summaries
    /// with `None`), made on first use.
    pub async fn reply_key(
        &self,
        user_id: UserId,
        group_id: GroupId,
        topic_id: Option<i64>,
    ) -> Result<String> {
        #[derive(sqlx::FromRow)]
        struct Key {
            key: String,
        }
        let found: Option<Key> = self
            .db()
            .opt(
                q("SELECT key FROM reply_keys WHERE user_id = $1 AND group_id = $2 AND COALESCE(topic_id, 0) = $3")
                    .bind(user_id)
                    .bind(group_id)
                    .bind(topic_id.unwrap_or(0)),
            )
            .await?;
        if let Some(k) = found {
            return Ok(k.key);
        }
        let key = random_token(10);
        self.db()
            .execute(
                q("INSERT INTO reply_keys (key, user_id, group_id, topic_id, created_at) VALUES ($1, $2, $3, $4, $5) \
                   ON CONFLICT DO NOTHING")
                .bind(&key)
                .bind(user_id)
                .bind(group_id)
                .bind(topic_id)
                .bind(self.now()),
            )
            .await?;
        // Another node may have made one at the same moment: read it back.
        let k: Key = self
            .db()
            .one(
                q("SELECT key FROM reply_keys WHERE user_id = $1 AND group_id = $2 AND COALESCE(topic_id, 0) = $3")
                    .bind(user_id)
                    .bind(group_id)
                    .bind(topic_id.unwrap_or(0)),
            )
            .await?;
        Ok(k.key)
    }

    /// The reply keys of many people for one topic, made where missing,
    /// in one transaction (the list's fan-out).
    pub async fn reply_keys(
        &self,
        user_ids: &[UserId],
        group_id: GroupId,
        topic_id: Option<i64>,
    ) -> Result<std::collections::HashMap<UserId, String>> {
        #[derive(sqlx::FromRow)]
        struct Row {
            user_id: UserId,
            key: String,
        }
        let mut out = std::collections::HashMap::new();
        let now = self.now();
        let mut tx = self.db().begin().await?;
        for chunk in user_ids.chunks(500) {
            let list = (0..chunk.len())
                .map(|i| format!("${}", i + 3))
                .collect::<Vec<_>>()
                .join(", ");
            let mut query = q(format!(
                "SELECT user_id, key FROM reply_keys WHERE group_id = $1 AND COALESCE(topic_id, 0) = $2 AND user_id IN ({list})"
            ))
            .bind(group_id)
            .bind(topic_id.unwrap_or(0));
            for id in chunk {
                query = query.bind(*id);
            }
            let rows: Vec<Row> = tx.all(query).await?;
            for r in rows {
                out.insert(r.user_id, r.key);
            }
        }
        for id in user_ids {
            if out.contains_key(id) {
                continue;
            }
            let key = random_token(10);
            tx.execute(
                q("INSERT INTO reply_keys (key, user_id, group_id, topic_id, created_at) VALUES ($1, $2, $3, $4, $5)")
                    .bind(&key)
                    .bind(*id)
                    .bind(group_id)
                    .bind(topic_id)
                    .bind(now),
            )
            .await?;
            out.insert(*id, key);
        }
        tx.commit().await?;
        Ok(out)
    }

    /// What a reply key stands for.
    pub async fn reply_key_lookup(&self, key: &str) -> Result<Option<ReplyKey>> {
        self.db()
            .opt(q("SELECT user_id, group_id, topic_id FROM reply_keys WHERE key = $1").bind(key))
            .await
    }

    /// Records a delivery failure; after [`HARD_BOUNCES_STOP`] permanent
    /// ones the account of that address stops receiving the list. Returns
    /// the account stopped now, if any.
    pub async fn record_bounce(&self, address: &str, permanent: bool) -> Result<Option<UserId>> {
        let now = self.now();
        let mut tx = self.db().begin().await?;
        tx.execute(
            q("INSERT INTO mail_bounces (address, permanent, created_at) VALUES ($1, $2, $3)")
                .bind(address)
                .bind(permanent)
                .bind(now),
        )
        .await?;
        let hard: Count = tx
            .one(
                q("SELECT COUNT(*) AS n FROM mail_bounces WHERE address = $1 AND permanent")
                    .bind(address),
            )
            .await?;
        let mut stopped = None;
        if permanent && hard.n >= HARD_BOUNCES_STOP {
            let row: Option<Id> = tx
                .opt(
                    q("UPDATE users SET mail_stopped_at = $1 WHERE email = $2 AND mail_stopped_at IS NULL RETURNING id")
                        .bind(now)
                        .bind(address),
                )
                .await?;
            stopped = row.map(|r| UserId(r.id));
        }
        tx.commit().await?;
        Ok(stopped)
    }

    /// Lets mail reach an account again (the person fixed their address).
    pub async fn resume_mail(&self, user_id: UserId) -> Result<()> {
        self.db()
            .execute(q("UPDATE users SET mail_stopped_at = NULL WHERE id = $1").bind(user_id))
            .await?;
        Ok(())
    }

    /// Whether mail to an account was stopped after bounces.
    pub async fn mail_stopped(&self, user_id: UserId) -> Result<bool> {
        let row: Option<(Option<i64>,)> = self
            .db()
            .opt(q("SELECT mail_stopped_at FROM users WHERE id = $1").bind(user_id))
            .await?;
        Ok(row.and_then(|r| r.0).is_some())
    }

    // ------------------------------------------------------------ held mail

    /// Keeps a message from outside the group for the moderators; false
    /// when the same message was already kept.
    #[allow(clippy::too_many_arguments)]
    pub async fn hold_mail(
        &self,
        group_id: GroupId,
        from_address: &str,
        from_name: &str,
        subject: &str,
        markdown: &str,
        trimmed: &str,
        message_id: &str,
        topic_id: Option<i64>,
    ) -> Result<bool> {
        let n = self
            .db()
            .execute(
                q("INSERT INTO held_mail (group_id, from_address, from_name, subject, markdown, trimmed, message_id, topic_id, created_at) \
                   VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (group_id, message_id) DO NOTHING")
                .bind(group_id)
                .bind(from_address)
                .bind(from_name)
                .bind(subject)
                .bind(markdown)
                .bind(trimmed)
                .bind(message_id)
                .bind(topic_id)
                .bind(self.now()),
            )
            .await?;
        Ok(n > 0)
    }

    /// Messages waiting for the moderators of a group.
    pub async fn held_mail(&self, group_id: GroupId) -> Result<Vec<HeldMail>> {
        self.db()
            .all(
                q("SELECT id, group_id, from_address, from_name, subject, markdown, trimmed, message_id, topic_id, status, created_at \
                   FROM held_mail WHERE group_id = $1 AND status = 'pending' ORDER BY id")
                .bind(group_id),
            )
            .await
    }

    /// One held message.
    pub async fn held_one(&self, id: i64) -> Result<Option<HeldMail>> {
        self.db()
            .opt(
                q("SELECT id, group_id, from_address, from_name, subject, markdown, trimmed, message_id, topic_id, status, created_at \
                   FROM held_mail WHERE id = $1")
                .bind(id),
            )
            .await
    }

    /// Records a moderator's decision on a held message.
    pub async fn decide_held(&self, id: i64, status: HeldStatus) -> Result<()> {
        self.db()
            .execute(
                q("UPDATE held_mail SET status = $1 WHERE id = $2")
                    .bind(status.code())
                    .bind(id),
            )
            .await?;
        Ok(())
    }

    // ------------------------------------------------------------ summaries

    /// Groups with new visible posts in `[from, to)`.
    pub async fn groups_with_posts(&self, from: i64, to: i64) -> Result<Vec<GroupId>> {
        let rows: Vec<Id> = self
            .db()
            .all(
                q("SELECT DISTINCT group_id AS id FROM posts WHERE status = 'visible' AND via <> 'import' \
                   AND created_at >= $1 AND created_at < $2 ORDER BY group_id")
                .bind(from)
                .bind(to),
            )
            .await?;
        Ok(rows.into_iter().map(|r| GroupId(r.id)).collect())
    }

    /// A group's new visible posts in `[from, to)`, topic by topic.
    pub async fn digest_lines(
        &self,
        group_id: GroupId,
        from: i64,
        to: i64,
    ) -> Result<Vec<DigestLine>> {
        self.db()
            .all(
                q("SELECT p.id AS post_id, p.topic_id, t.title, p.author_name, p.markdown, \
                   (p.id = (SELECT MIN(p2.id) FROM posts p2 WHERE p2.topic_id = p.topic_id)) AS first, p.created_at \
                   FROM posts p JOIN topics t ON t.id = p.topic_id \
                   WHERE p.group_id = $1 AND p.status = 'visible' AND p.via <> 'import' AND p.created_at >= $2 AND p.created_at < $3 \
                   ORDER BY t.last_post_at DESC, p.topic_id, p.created_at, p.id")
                .bind(group_id)
                .bind(from)
                .bind(to),
            )
            .await
    }

    /// Where a group's summaries of `mode` stopped last time.
    pub async fn digest_sent_until(&self, group_id: GroupId, mode: &str) -> Result<Option<i64>> {
        let row: Option<(i64,)> = self
            .db()
            .opt(
                q("SELECT sent_until FROM list_digests WHERE group_id = $1 AND mode = $2")
                    .bind(group_id)
                    .bind(mode),
            )
            .await?;
        Ok(row.map(|r| r.0))
    }

    /// Queues a group's summary emails and records how far they go, in one
    /// transaction.
    pub async fn queue_digest(
        &self,
        group_id: GroupId,
        mode: &str,
        until: i64,
        emails: &[OutgoingEmail],
    ) -> Result<()> {
        let now = self.now();
        let mut tx = self.db().begin().await?;
        tx.execute(
            q(
                "INSERT INTO list_digests (group_id, mode, sent_until) VALUES ($1, $2, $3) \
               ON CONFLICT (group_id, mode) DO UPDATE SET sent_until = excluded.sent_until",
            )
            .bind(group_id)
            .bind(mode)
            .bind(until),
        )
        .await?;
        for email in emails {
            outbox::enqueue(&mut tx, email, now).await?;
        }
        tx.commit().await
    }

    /// Reindexes every topic (after the search terms changed).
    pub async fn reindex_all_topics(&self) -> Result<()> {
        let ids: Vec<Id> = self.db().all(q("SELECT id FROM topics")).await?;
        for chunk in ids.chunks(200) {
            let mut tx = self.db().begin().await?;
            for id in chunk {
                reindex_topic(&mut tx, id.id).await?;
            }
            tx.commit().await?;
        }
        Ok(())
    }
}

async fn recount_likes(tx: &mut Tx, post_id: i64) -> Result<()> {
    tx.execute(
        q("UPDATE posts SET like_count = (SELECT COUNT(*) FROM post_likes WHERE post_id = $1) WHERE id = $1")
            .bind(post_id),
    )
    .await?;
    Ok(())
}

/// Reindexes a group's topics (its visibility or listing changed).
pub async fn reindex_group_topics(tx: &mut Tx, group_id: GroupId) -> Result<()> {
    let ids: Vec<Id> = tx
        .all(q("SELECT id FROM topics WHERE group_id = $1").bind(group_id))
        .await?;
    for id in ids {
        reindex_topic(tx, id.id).await?;
    }
    Ok(())
}
