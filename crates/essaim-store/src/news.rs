//! News items of a group and the news-only subscribers who receive them by
//! email without an account.

use essaim_domain::activity::{Audience, EventKind};
use essaim_domain::audience::Sight;
use essaim_domain::ids::{GroupId, UserId};
use essaim_domain::jobs::NewsPublished;
use essaim_domain::news::NewsDraft;
use essaim_domain::visibility::Visibility;
use serde::Serialize;

use crate::activity::{self, NewEvent};
use crate::audience::Columns;
use crate::db::{q, Tx};
use crate::search::{self, Indexed};
use crate::{hash_token, jobs, random_token, Result, Store};

const NEWS_COLUMNS: &str =
    "n.id, n.group_id, n.author_id, n.author_name, n.title, n.body, n.image, \
     n.visibility, n.created_at, g.slug AS group_slug, g.name AS group_name";

const SIGHT_COLUMNS: Columns = Columns {
    group_id: "n.group_id",
    visibility: "n.visibility",
    listed: "g.listed",
    proposed_by: "g.proposed_by",
};

/// One news item.
#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct News {
    /// Identifier.
    pub id: i64,
    /// Its group.
    pub group_id: GroupId,
    /// Who published it, if the account still exists.
    pub author_id: Option<UserId>,
    /// Their name when they published it.
    pub author_name: String,
    /// Title.
    pub title: String,
    /// Body, in the wiki's formatting.
    pub body: String,
    /// The stored name of its image, if any.
    pub image: Option<String>,
    /// Who may read it.
    #[sqlx(try_from = "String")]
    pub visibility: Visibility,
    /// Published at.
    pub created_at: i64,
    /// Its group's short name.
    pub group_slug: String,
    /// Its group's name.
    pub group_name: String,
}

impl News {
    /// Its page.
    pub fn path(&self) -> String {
        format!("/g/{}/news/{}", self.group_slug, self.id)
    }
}

/// A news-only subscriber.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Subscriber {
    /// Identifier (named by the signed unsubscribe link).
    pub id: i64,
    /// The group.
    pub group_id: GroupId,
    /// Their address.
    pub email: String,
    /// The language they subscribed in.
    pub lang: String,
    /// When they confirmed, if they did.
    pub confirmed_at: Option<i64>,
}

/// What asking for a subscription gave.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Subscribed {
    /// A new (or still unconfirmed) address: the secret of its confirmation
    /// link, to send to it.
    ToConfirm {
        /// The subscriber.
        id: i64,
        /// The link's secret (only its hash is kept).
        token: String,
    },
    /// Already confirmed: nothing to send.
    Already,
}

/// Indexes a news item inside `tx` for the search, readable by whoever
/// the audience rule lets see it.
pub(crate) async fn reindex_news(tx: &mut Tx, id: i64) -> Result<()> {
    let Some(n): Option<Indexed> = tx
        .opt(
            q("SELECT n.id, n.group_id, n.title, n.body, n.visibility, n.created_at AS updated_at, \
               g.slug AS group_slug, g.listed \
               FROM news n JOIN groups g ON g.id = n.group_id WHERE n.id = $1")
            .bind(id),
        )
        .await?
    else {
        return search::remove(tx, "news", id).await;
    };
    let doc = n.doc("news", format!("/g/{}/news/{}", n.group_slug, n.id));
    search::index(tx, &doc).await
}

/// Reindexes every news item of a group inside `tx` (its listing changed).
pub(crate) async fn reindex_group_news(tx: &mut Tx, group_id: GroupId) -> Result<()> {
    for id in search::ids_of(tx, "news", group_id).await? {
        reindex_news(tx, id).await?;
    }
    Ok(())
}

impl Store {
    /// Publishes a news item of `group_id` by `author` (with `image`, a
    /// stored file name), its event and its sending job, in one
    /// transaction; gives its id.
    pub async fn create_news(
        &self,
        group_id: GroupId,
        author: (UserId, &str),
        draft: &NewsDraft,
        image: Option<&str>,
    ) -> Result<i64> {
        #[derive(sqlx::FromRow)]
        struct Row {
            id: i64,
            slug: String,
        }
        let now = self.now();
        let mut tx = self.db().begin().await?;
        let row: Row = tx
            .one(
                q("INSERT INTO news (group_id, author_id, author_name, title, body, image, visibility, created_at) \
                   VALUES ($1, $2, $3, $4, $5, $6, $7, $8) \
                   RETURNING id, (SELECT slug FROM groups WHERE id = $1) AS slug")
                .bind(group_id)
                .bind(author.0)
                .bind(author.1)
                .bind(&draft.title)
                .bind(&draft.body)
                .bind(image)
                .bind(draft.visibility.code())
                .bind(now),
            )
            .await?;
        let url = format!("/g/{}/news/{}", row.slug, row.id);
        activity::record(
            &mut tx,
            &NewEvent {
                group_id,
                kind: EventKind::NewsPosted,
                actor_id: Some(author.0),
                actor_name: author.1,
                object_id: Some(row.id),
                title: &draft.title,
                url: &url,
                audience: Audience::of_visibility(draft.visibility),
                at: now,
            },
        )
        .await?;
        reindex_news(&mut tx, row.id).await?;
        jobs::enqueue(&mut tx, &NewsPublished { news_id: row.id }, now, now).await?;
        tx.commit().await?;
        Ok(row.id)
    }

    /// One news item.
    pub async fn news_item(&self, id: i64) -> Result<Option<News>> {
        self.db()
            .opt(
                q(format!(
                    "SELECT {NEWS_COLUMNS} FROM news n JOIN groups g ON g.id = n.group_id WHERE n.id = $1"
                ))
                .bind(id),
            )
            .await
    }

    /// The newest `limit` news items of a group that `see` shows, newest
    /// first.
    pub async fn news_of_group(
        &self,
        group_id: GroupId,
        see: &Sight,
        limit: i64,
    ) -> Result<Vec<News>> {
        let mut sql = format!(
            "SELECT {NEWS_COLUMNS} FROM news n JOIN groups g ON g.id = n.group_id WHERE n.group_id = $1"
        );
        let mut args = vec![group_id.into()];
        crate::audience::push_condition(see, SIGHT_COLUMNS, &mut sql, &mut args);
        args.push(limit.max(1).into());
        sql.push_str(&format!(
            " ORDER BY n.created_at DESC, n.id DESC LIMIT ${}",
            args.len()
        ));
        let query = args.into_iter().fold(q(sql), |query, a| query.bind(a));
        self.db().all(query).await
    }

    /// Asks for `email` to receive the news of `group_id` (in `lang`): a
    /// new address, or one not yet confirmed, gets a new confirmation
    /// secret; a confirmed one nothing.
    pub async fn subscribe_to_news(
        &self,
        group_id: GroupId,
        email: &str,
        lang: &str,
    ) -> Result<Subscribed> {
        #[derive(sqlx::FromRow)]
        struct Row {
            id: i64,
            confirmed_at: Option<i64>,
        }
        let token = random_token(16);
        let now = self.now();
        // One statement: two requests at once meet on the unique key.
        let row: Row = self
            .db()
            .one(
                q("INSERT INTO news_subscribers (group_id, email, lang, token_hash, created_at) \
                   VALUES ($1, $2, $3, $4, $5) \
                   ON CONFLICT (group_id, email) DO UPDATE SET \
                     token_hash = CASE WHEN news_subscribers.confirmed_at IS NULL \
                                       THEN excluded.token_hash ELSE news_subscribers.token_hash END, \
                     lang = CASE WHEN news_subscribers.confirmed_at IS NULL \
                                 THEN excluded.lang ELSE news_subscribers.lang END \
                   RETURNING id, confirmed_at")
                .bind(group_id)
                .bind(email)
                .bind(lang)
                .bind(hash_token(&token))
                .bind(now),
            )
            .await?;
        Ok(match row.confirmed_at {
            None => Subscribed::ToConfirm { id: row.id, token },
            Some(_) => Subscribed::Already,
        })
    }

    /// Confirms the subscription whose link carries `token`; gives it.
    pub async fn confirm_news_subscription(&self, token: &str) -> Result<Option<Subscriber>> {
        self.db()
            .opt(
                q(
                    "UPDATE news_subscribers SET confirmed_at = COALESCE(confirmed_at, $2) \
                   WHERE token_hash = $1 RETURNING id, group_id, email, lang, confirmed_at",
                )
                .bind(hash_token(token))
                .bind(self.now()),
            )
            .await
    }

    /// One subscriber.
    pub async fn news_subscriber(&self, id: i64) -> Result<Option<Subscriber>> {
        self.db()
            .opt(
                q("SELECT id, group_id, email, lang, confirmed_at FROM news_subscribers WHERE id = $1")
                    .bind(id),
            )
            .await
    }

    /// Removes a subscriber (unsubscribing keeps nothing of them).
    pub async fn unsubscribe_from_news(&self, id: i64) -> Result<()> {
        self.db()
            .execute(q("DELETE FROM news_subscribers WHERE id = $1").bind(id))
            .await?;
        Ok(())
    }

    /// The confirmed subscribers of a group's news.
    pub async fn news_subscribers(&self, group_id: GroupId) -> Result<Vec<Subscriber>> {
        self.db()
            .all(
                q(
                    "SELECT id, group_id, email, lang, confirmed_at FROM news_subscribers \
                   WHERE group_id = $1 AND confirmed_at IS NOT NULL ORDER BY id",
                )
                .bind(group_id),
            )
            .await
    }
}
