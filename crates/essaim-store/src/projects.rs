//! Projects of hosted groups: the project, its holders and keywords, its
//! dated news, those who offered to help, the facilitators' reviews and
//! the emails asking a holder for news. Each change that the activity log
//! lists writes its event in the same transaction.

use essaim_domain::activity::{Audience, EventKind};
use essaim_domain::audience::Sight;
use essaim_domain::ids::{GroupId, UserId};
use essaim_domain::projects::{FollowedUp, NewsVia, ProjectDraft, ProjectStatus};
use essaim_domain::visibility::Visibility;
use serde::Serialize;

use crate::activity::{self, NewEvent};
use crate::audience::{push_condition, Columns};
use crate::db::{build, push, q, Arg, Tx};
use crate::outbox::{self, OutgoingEmail};
use crate::search::{self, Indexed};
use crate::{Result, Store, StoreError};

const PROJECT_COLUMNS: &str = "p.id, p.group_id, g.slug AS group_slug, g.name AS group_name, g.region AS group_region, \
     p.title, p.summary, p.status, p.next_step, p.open_to_contributors, p.visibility, p.last_news_at, \
     p.created_by, p.created_at, p.updated_at";

/// A project.
#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct Project {
    /// Identifier.
    pub id: i64,
    /// Its group.
    pub group_id: GroupId,
    /// The group's short address.
    pub group_slug: String,
    /// The group's name.
    pub group_name: String,
    /// The group's region.
    pub group_region: Option<String>,
    /// Title.
    pub title: String,
    /// Short description.
    pub summary: String,
    /// Where it stands.
    #[sqlx(try_from = "String")]
    pub status: ProjectStatus,
    /// The next step.
    pub next_step: String,
    /// Shown in the instance's catalogue, with « Je veux aider ».
    pub open_to_contributors: bool,
    /// Who sees it.
    #[sqlx(try_from = "String")]
    pub visibility: Visibility,
    /// The newest news item's date.
    pub last_news_at: Option<i64>,
    /// Who started it.
    pub created_by: Option<UserId>,
    /// Created.
    pub created_at: i64,
    /// Last changed.
    pub updated_at: i64,
    /// Keywords, in order.
    #[sqlx(skip)]
    pub keywords: Vec<String>,
    /// Holders, in order.
    #[sqlx(skip)]
    pub holders: Vec<Holder>,
}

impl Project {
    /// Its page.
    pub fn path(&self) -> String {
        project_path(&self.group_slug, self.id)
    }

    /// Whether `user` holds it.
    pub fn is_holder(&self, user: Option<UserId>) -> bool {
        user.is_some_and(|u| self.holders.iter().any(|h| h.user_id == u))
    }
}

impl FollowedUp for Project {
    fn last_news_at(&self) -> Option<i64> {
        self.last_news_at
    }
    fn created_at(&self) -> i64 {
        self.created_at
    }
    fn status(&self) -> ProjectStatus {
        self.status
    }
}

/// A project's page.
pub fn project_path(group_slug: &str, id: i64) -> String {
    format!("/g/{group_slug}/projects/{id}")
}

/// A holder.
#[derive(Debug, Clone, sqlx::FromRow, Serialize, PartialEq, Eq)]
pub struct Holder {
    /// The project.
    #[serde(skip)]
    pub project_id: i64,
    /// The account.
    pub user_id: UserId,
    /// Their name.
    pub name: String,
    /// Their address (never shown: the emails go there).
    #[serde(skip)]
    pub email: String,
    /// Their language code, if chosen.
    #[serde(skip)]
    pub lang: Option<String>,
}

/// One news item of a project.
#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct News {
    /// Identifier.
    pub id: i64,
    /// The project.
    pub project_id: i64,
    /// Who wrote it.
    pub author_id: Option<UserId>,
    /// Their name.
    pub author_name: String,
    /// The text (Markdown).
    pub markdown: String,
    /// Typed on the site or replied by email.
    #[sqlx(try_from = "String")]
    pub via: NewsVia,
    /// When.
    pub created_at: i64,
}

/// A facilitator's review of the follow-up board.
#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct Review {
    /// Identifier.
    pub id: i64,
    /// Who.
    pub reviewer_name: String,
    /// Their note.
    pub note: String,
    /// When.
    pub created_at: i64,
}

/// An email asking a holder for news, found by its key.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct NewsRequest {
    /// Identifier.
    pub id: i64,
    /// The project.
    pub project_id: i64,
    /// The holder asked.
    pub holder_id: UserId,
    /// When it was asked.
    pub asked_at: i64,
    /// When it was answered, if it was.
    pub answered_at: Option<i64>,
}

/// What the catalogue shows.
#[derive(Debug, Clone, Default)]
pub struct CatalogueQuery {
    /// Only projects with this keyword.
    pub keyword: Option<String>,
    /// Only projects of groups of this region.
    pub region: Option<String>,
    /// Only this group's projects (its short address).
    pub group: Option<String>,
    /// At most this many.
    pub limit: i64,
    /// After skipping this many.
    pub offset: i64,
}

/// A new news item.
#[derive(Debug, Clone)]
pub struct NewNews<'a> {
    /// Who wrote it.
    pub author_id: UserId,
    /// Their name.
    pub author_name: &'a str,
    /// The checked text.
    pub markdown: &'a str,
    /// How it came.
    pub via: NewsVia,
    /// The email's `Message-ID` (an email delivered twice is kept once).
    pub message_id: Option<&'a str>,
    /// The request it answers, if any.
    pub request_id: Option<i64>,
}

async fn write_details(
    tx: &mut Tx,
    id: i64,
    draft: &ProjectDraft,
    holders: &[UserId],
) -> Result<()> {
    tx.execute(q("DELETE FROM project_keywords WHERE project_id = $1").bind(id))
        .await?;
    for (i, k) in draft.keywords.iter().enumerate() {
        tx.execute(
            q("INSERT INTO project_keywords (project_id, keyword, position) VALUES ($1, $2, $3)")
                .bind(id)
                .bind(k)
                .bind(i as i64),
        )
        .await?;
    }
    tx.execute(q("DELETE FROM project_holders WHERE project_id = $1").bind(id))
        .await?;
    for (i, h) in holders.iter().enumerate() {
        tx.execute(
            q("INSERT INTO project_holders (project_id, user_id, position) VALUES ($1, $2, $3)")
                .bind(id)
                .bind(*h)
                .bind(i as i64),
        )
        .await?;
    }
    Ok(())
}

/// The project's event of `kind`, by `actor`, at `at`.
async fn project_event(
    tx: &mut Tx,
    project_id: i64,
    kind: EventKind,
    actor: (UserId, &str),
    at: i64,
) -> Result<()> {
    let p: Project = tx
        .one(
            q(format!(
                "SELECT {PROJECT_COLUMNS} FROM projects p JOIN groups g ON g.id = p.group_id WHERE p.id = $1"
            ))
            .bind(project_id),
        )
        .await?;
    activity::record(
        tx,
        &NewEvent {
            group_id: p.group_id,
            kind,
            actor_id: Some(actor.0),
            actor_name: actor.1,
            object_id: Some(p.id),
            title: &p.title,
            url: &p.path(),
            audience: Audience::of_visibility(p.visibility),
            at,
        },
    )
    .await
}

/// Indexes a project inside `tx` for the search (its summary, next step
/// and keywords), readable by whoever the audience rule lets see it.
pub(crate) async fn reindex_project(tx: &mut Tx, id: i64) -> Result<()> {
    let Some(p): Option<Indexed> = tx
        .opt(
            q("SELECT p.id, p.group_id, p.title, \
               p.summary || ' ' || p.next_step || ' ' || COALESCE((SELECT string_agg(keyword, ' ') \
               FROM project_keywords k WHERE k.project_id = p.id), '') AS body, \
               p.visibility, p.updated_at, g.slug AS group_slug, g.listed \
               FROM projects p JOIN groups g ON g.id = p.group_id WHERE p.id = $1")
            .bind(id),
        )
        .await?
    else {
        return search::remove(tx, "project", id).await;
    };
    let doc = p.doc("project", project_path(&p.group_slug, p.id));
    search::index(tx, &doc).await
}

/// Reindexes every project of a group inside `tx` (its listing changed).
pub(crate) async fn reindex_group_projects(tx: &mut Tx, group_id: GroupId) -> Result<()> {
    for id in search::ids_of(tx, "projects", group_id).await? {
        reindex_project(tx, id).await?;
    }
    Ok(())
}

impl Store {
    /// Starts a project with its holders; returns its id.
    pub async fn create_project(
        &self,
        group_id: GroupId,
        draft: &ProjectDraft,
        holders: &[UserId],
        by: (UserId, &str),
    ) -> Result<i64> {
        #[derive(sqlx::FromRow)]
        struct Id {
            id: i64,
        }
        let now = self.now();
        let mut tx = self.db().begin().await?;
        let row: Id = tx
            .one(
                q("INSERT INTO projects (group_id, title, summary, status, next_step, open_to_contributors, visibility, \
                   created_by, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9) RETURNING id")
                .bind(group_id)
                .bind(&draft.title)
                .bind(&draft.summary)
                .bind(draft.status.code())
                .bind(&draft.next_step)
                .bind(draft.open_to_contributors)
                .bind(draft.visibility.code())
                .bind(by.0)
                .bind(now),
            )
            .await?;
        write_details(&mut tx, row.id, draft, holders).await?;
        project_event(&mut tx, row.id, EventKind::ProjectCreated, by, now).await?;
        reindex_project(&mut tx, row.id).await?;
        tx.commit().await?;
        Ok(row.id)
    }

    /// Saves a project's fields and holders.
    pub async fn update_project(
        &self,
        id: i64,
        draft: &ProjectDraft,
        holders: &[UserId],
    ) -> Result<()> {
        let now = self.now();
        let mut tx = self.db().begin().await?;
        tx.execute(
            q("UPDATE projects SET title = $1, summary = $2, status = $3, next_step = $4, open_to_contributors = $5, \
               visibility = $6, updated_at = $7 WHERE id = $8")
            .bind(&draft.title)
            .bind(&draft.summary)
            .bind(draft.status.code())
            .bind(&draft.next_step)
            .bind(draft.open_to_contributors)
            .bind(draft.visibility.code())
            .bind(now)
            .bind(id),
        )
        .await?;
        write_details(&mut tx, id, draft, holders).await?;
        activity::set_audience(
            &mut tx,
            &[EventKind::ProjectCreated, EventKind::ProjectNews],
            id,
            Audience::of_visibility(draft.visibility),
        )
        .await?;
        reindex_project(&mut tx, id).await?;
        tx.commit().await
    }

    async fn with_details(&self, mut projects: Vec<Project>) -> Result<Vec<Project>> {
        if projects.is_empty() {
            return Ok(projects);
        }
        // Ids are integers from our own database: safe to inline.
        let ids: Vec<String> = projects.iter().map(|p| p.id.to_string()).collect();
        let ids = ids.join(",");
        #[derive(sqlx::FromRow)]
        struct Keyword {
            project_id: i64,
            keyword: String,
        }
        let keywords: Vec<Keyword> = self
            .db()
            .all(q(format!(
                "SELECT project_id, keyword FROM project_keywords WHERE project_id IN ({ids}) ORDER BY project_id, position"
            )))
            .await?;
        let holders: Vec<Holder> = self
            .db()
            .all(q(format!(
                "SELECT h.project_id, h.user_id, u.name, u.email, u.lang FROM project_holders h \
                 JOIN users u ON u.id = h.user_id WHERE h.project_id IN ({ids}) ORDER BY h.project_id, h.position"
            )))
            .await?;
        for p in &mut projects {
            p.keywords = keywords
                .iter()
                .filter(|k| k.project_id == p.id)
                .map(|k| k.keyword.clone())
                .collect();
            p.holders = holders
                .iter()
                .filter(|h| h.project_id == p.id)
                .cloned()
                .collect();
        }
        Ok(projects)
    }

    /// One project with its keywords and holders.
    pub async fn project(&self, id: i64) -> Result<Option<Project>> {
        let found: Option<Project> = self
            .db()
            .opt(
                q(format!(
                    "SELECT {PROJECT_COLUMNS} FROM projects p JOIN groups g ON g.id = p.group_id WHERE p.id = $1"
                ))
                .bind(id),
            )
            .await?;
        Ok(self.with_details(found.into_iter().collect()).await?.pop())
    }

    /// A group's projects that `sight` shows, newest first.
    pub async fn group_projects(&self, group_id: GroupId, sight: &Sight) -> Result<Vec<Project>> {
        let mut sql = format!(
            "SELECT {PROJECT_COLUMNS} FROM projects p JOIN groups g ON g.id = p.group_id WHERE p.group_id = $1"
        );
        let mut args: Vec<Arg> = vec![group_id.into()];
        push_condition(sight, PROJECT_SIGHT, &mut sql, &mut args);
        sql.push_str(" ORDER BY p.created_at DESC, p.id DESC LIMIT 500");
        let rows = self.db().all(build(sql, args)).await?;
        self.with_details(rows).await
    }

    /// The projects open to contributors that `sight` shows, of hosted
    /// groups, most recently changed first, filtered by `query`.
    pub async fn project_catalogue(
        &self,
        sight: &Sight,
        query: &CatalogueQuery,
    ) -> Result<Vec<Project>> {
        let mut sql = format!(
            "SELECT {PROJECT_COLUMNS} FROM projects p JOIN groups g ON g.id = p.group_id \
             WHERE p.open_to_contributors = $1 AND g.hosted = $1 AND p.status IN ('idea', 'active', 'paused')"
        );
        let mut args: Vec<Arg> = vec![true.into()];
        if let Some(k) = &query.keyword {
            push(
                &mut sql,
                &mut args,
                " AND p.id IN (SELECT project_id FROM project_keywords WHERE keyword = $?)",
                k.into(),
            );
        }
        if let Some(r) = &query.region {
            push(&mut sql, &mut args, " AND g.region = $?", r.into());
        }
        if let Some(slug) = &query.group {
            push(&mut sql, &mut args, " AND g.slug = $?", slug.into());
        }
        push_condition(sight, PROJECT_SIGHT, &mut sql, &mut args);
        sql.push_str(" ORDER BY p.updated_at DESC, p.id DESC");
        push(&mut sql, &mut args, " LIMIT $?", query.limit.into());
        push(&mut sql, &mut args, " OFFSET $?", query.offset.into());
        let rows = self.db().all(build(sql, args)).await?;
        self.with_details(rows).await
    }

    /// Keywords of the catalogue's projects, most used first.
    pub async fn project_keywords_in_catalogue(&self, limit: i64) -> Result<Vec<String>> {
        #[derive(sqlx::FromRow)]
        struct K {
            keyword: String,
        }
        let rows: Vec<K> = self
            .db()
            .all(
                q("SELECT k.keyword FROM project_keywords k JOIN projects p ON p.id = k.project_id \
                   WHERE p.open_to_contributors = $1 AND p.visibility = 'public' \
                   GROUP BY k.keyword ORDER BY COUNT(*) DESC, k.keyword LIMIT $2")
                .bind(true)
                .bind(limit),
            )
            .await?;
        Ok(rows.into_iter().map(|r| r.keyword).collect())
    }

    /// Adds a news item by a holder (or whoever runs the group); the
    /// project's last news date moves, an answered request is closed, and
    /// those who offered to help get it by a job. Returns `None` when an
    /// email with this `Message-ID` was already kept.
    pub async fn add_project_news(
        &self,
        project_id: i64,
        news: &NewNews<'_>,
    ) -> Result<Option<i64>> {
        #[derive(sqlx::FromRow)]
        struct Id {
            id: i64,
        }
        let now = self.now();
        let mut tx = self.db().begin().await?;
        let row: Id = match tx
            .one(
                q("INSERT INTO project_news (project_id, author_id, author_name, markdown, via, message_id, created_at) \
                   VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id")
                .bind(project_id)
                .bind(news.author_id)
                .bind(news.author_name)
                .bind(news.markdown)
                .bind(news.via.code())
                .bind(news.message_id)
                .bind(now),
            )
            .await
            .map_err(StoreError::unique_to_conflict)
        {
            Ok(row) => row,
            Err(StoreError::Conflict) => return Ok(None),
            Err(e) => return Err(e),
        };
        tx.execute(
            q("UPDATE projects SET last_news_at = $1, updated_at = $1 WHERE id = $2")
                .bind(now)
                .bind(project_id),
        )
        .await?;
        if let Some(request) = news.request_id {
            tx.execute(
                q("UPDATE news_requests SET answered_at = $1 WHERE id = $2 AND answered_at IS NULL")
                    .bind(now)
                    .bind(request),
            )
            .await?;
        }
        project_event(
            &mut tx,
            project_id,
            EventKind::ProjectNews,
            (news.author_id, news.author_name),
            now,
        )
        .await?;
        crate::jobs::enqueue(
            &mut tx,
            &essaim_domain::jobs::ProjectNewsPosted { news_id: row.id },
            now,
            now,
        )
        .await?;
        tx.commit().await?;
        Ok(Some(row.id))
    }

    /// A project's news, newest first.
    pub async fn project_news(&self, project_id: i64, limit: i64) -> Result<Vec<News>> {
        self.db()
            .all(
                q("SELECT id, project_id, author_id, author_name, markdown, via, created_at FROM project_news \
                   WHERE project_id = $1 ORDER BY created_at DESC, id DESC LIMIT $2")
                .bind(project_id)
                .bind(limit),
            )
            .await
    }

    /// One news item.
    pub async fn project_news_item(&self, id: i64) -> Result<Option<News>> {
        self.db()
            .opt(
                q("SELECT id, project_id, author_id, author_name, markdown, via, created_at FROM project_news WHERE id = $1")
                    .bind(id),
            )
            .await
    }

    /// « Je veux aider »: `user` follows the project's news; the holders
    /// are told by `emails`, in the same transaction. False when they had
    /// already offered (nobody is told twice).
    pub async fn offer_help(
        &self,
        project_id: i64,
        user: UserId,
        emails: &[OutgoingEmail],
    ) -> Result<bool> {
        let now = self.now();
        let mut tx = self.db().begin().await?;
        let n = tx
            .execute(
                q("INSERT INTO project_helpers (project_id, user_id, created_at) VALUES ($1, $2, $3) \
                   ON CONFLICT (project_id, user_id) DO NOTHING")
                .bind(project_id)
                .bind(user)
                .bind(now),
            )
            .await?;
        if n == 0 {
            return Ok(false);
        }
        for email in emails {
            outbox::enqueue(&mut tx, email, now).await?;
        }
        tx.commit().await?;
        Ok(true)
    }

    /// Whether `user` offered to help.
    pub async fn offered_help(&self, project_id: i64, user: UserId) -> Result<bool> {
        #[derive(sqlx::FromRow)]
        struct N {
            n: i64,
        }
        let n: N = self
            .db()
            .one(
                q("SELECT COUNT(*) AS n FROM project_helpers WHERE project_id = $1 AND user_id = $2")
                    .bind(project_id)
                    .bind(user),
            )
            .await?;
        Ok(n.n > 0)
    }

    /// Those who follow a project's news: its helpers, with their address
    /// and language (holders are not repeated).
    pub async fn project_followers(&self, project_id: i64) -> Result<Vec<crate::accounts::User>> {
        self.db()
            .all(
                q(format!(
                    "SELECT {} FROM users WHERE id IN (SELECT user_id FROM project_helpers WHERE project_id = $1) \
                     AND id NOT IN (SELECT user_id FROM project_holders WHERE project_id = $1) ORDER BY id",
                    crate::accounts::USER_COLUMNS
                ))
                .bind(project_id),
            )
            .await
    }

    /// Records a facilitator's review of the follow-up board.
    pub async fn record_review(
        &self,
        group_id: GroupId,
        by: (UserId, &str),
        note: &str,
    ) -> Result<i64> {
        #[derive(sqlx::FromRow)]
        struct Id {
            id: i64,
        }
        let now = self.now();
        let mut tx = self.db().begin().await?;
        let row: Id = tx
            .one(
                q("INSERT INTO follow_up_reviews (group_id, reviewer_id, reviewer_name, note, created_at) \
                   VALUES ($1, $2, $3, $4, $5) RETURNING id")
                .bind(group_id)
                .bind(by.0)
                .bind(by.1)
                .bind(note)
                .bind(now),
            )
            .await?;
        activity::record(
            &mut tx,
            &NewEvent {
                group_id,
                kind: EventKind::FollowUpReviewed,
                actor_id: Some(by.0),
                actor_name: by.1,
                object_id: Some(row.id),
                title: "",
                url: "",
                // The board is the facilitators' tool.
                audience: Audience::Facilitators,
                at: now,
            },
        )
        .await?;
        tx.commit().await?;
        Ok(row.id)
    }

    /// A group's newest reviews.
    pub async fn reviews(&self, group_id: GroupId, limit: i64) -> Result<Vec<Review>> {
        self.db()
            .all(
                q("SELECT id, reviewer_name, note, created_at FROM follow_up_reviews WHERE group_id = $1 \
                   ORDER BY created_at DESC, id DESC LIMIT $2")
                .bind(group_id)
                .bind(limit),
            )
            .await
    }

    /// Asks a holder for news: the request (found later by its key's
    /// hash) and its email, in one transaction.
    pub async fn ask_for_news(
        &self,
        project_id: i64,
        holder: UserId,
        asked_by: UserId,
        key_hash: &str,
        email: &OutgoingEmail,
    ) -> Result<()> {
        let now = self.now();
        let mut tx = self.db().begin().await?;
        tx.execute(
            q("INSERT INTO news_requests (project_id, holder_id, asked_by, key_hash, asked_at) VALUES ($1, $2, $3, $4, $5)")
                .bind(project_id)
                .bind(holder)
                .bind(asked_by)
                .bind(key_hash)
                .bind(now),
        )
        .await?;
        outbox::enqueue(&mut tx, email, now).await?;
        tx.commit().await
    }

    /// The request whose key hashes to `key_hash`.
    pub async fn news_request(&self, key_hash: &str) -> Result<Option<NewsRequest>> {
        self.db()
            .opt(
                q("SELECT id, project_id, holder_id, asked_at, answered_at FROM news_requests WHERE key_hash = $1")
                    .bind(key_hash),
            )
            .await
    }

    /// When each of a group's projects was last asked for news.
    pub async fn last_asked(&self, group_id: GroupId) -> Result<Vec<(i64, i64)>> {
        #[derive(sqlx::FromRow)]
        struct A {
            project_id: i64,
            at: i64,
        }
        let rows: Vec<A> = self
            .db()
            .all(
                q("SELECT r.project_id, MAX(r.asked_at) AS at FROM news_requests r JOIN projects p ON p.id = r.project_id \
                   WHERE p.group_id = $1 GROUP BY r.project_id")
                .bind(group_id),
            )
            .await?;
        Ok(rows.into_iter().map(|r| (r.project_id, r.at)).collect())
    }
}

/// The columns the sight's condition reads for projects.
const PROJECT_SIGHT: Columns = Columns {
    group_id: "p.group_id",
    visibility: "p.visibility",
    listed: "g.listed",
    proposed_by: "g.proposed_by",
};
