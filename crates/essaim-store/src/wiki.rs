//! The shared space: pages with their revisions, redirects after a rename,
//! access settings, recent changes and contributors, watches and
//! attachments. Every change of a page is one transaction: the page row,
//! its revision, its search document, and the job that tells watchers.

use essaim_domain::activity::EventKind;
use essaim_domain::codes::Own;
use essaim_domain::ids::{GroupId, UserId};
use essaim_domain::jobs::PageChanged;
use essaim_domain::markdown;
use essaim_domain::wiki::{effective_read, EditAccess, ReadAccess};
use serde::Serialize;

use crate::activity;
use crate::db::{q, Tx};
use crate::search::{self, SearchDoc};
use crate::{jobs, random_token, Result, Store, StoreError};

/// Columns of [`WikiPage`].
const PAGE_COLUMNS: &str =
    "p.id, p.group_id, p.slug, p.title, p.markdown, p.position, p.revision, p.read_access, \
     p.edit_access, p.created_at, p.updated_at, p.updated_by";

/// A page of a wiki (a group's, or the instance's when `group_id` is None).
#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct WikiPage {
    /// Identifier.
    pub id: i64,
    /// Group, or None for the instance's wiki.
    pub group_id: Option<GroupId>,
    /// Stable address.
    pub slug: String,
    /// Title.
    pub title: String,
    /// Content (Markdown).
    pub markdown: String,
    /// Order in menus.
    pub position: i64,
    /// Current revision number (1, 2, …).
    pub revision: i64,
    /// Page's own read access, if stricter than the wiki's.
    #[sqlx(try_from = "Option<String>")]
    pub read_access: Own<ReadAccess>,
    /// Page's own edit access, if set.
    #[sqlx(try_from = "Option<String>")]
    pub edit_access: Own<EditAccess>,
    /// Created at.
    pub created_at: i64,
    /// Last change.
    pub updated_at: i64,
    /// Author of the last change.
    pub updated_by: Option<UserId>,
}

/// A revision as listed in the history.
#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct Revision {
    /// Number, from 1.
    pub number: i64,
    /// Title at that revision.
    pub title: String,
    /// Content at that revision.
    pub markdown: String,
    /// The author's summary.
    pub summary: String,
    /// Author.
    pub author_id: Option<UserId>,
    /// Author's name.
    pub author_name: Option<String>,
    /// When.
    pub created_at: i64,
}

/// A line of recent changes.
#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct Change {
    /// Page.
    pub page_id: i64,
    /// Group, or 0.
    pub scope: i64,
    /// Group's short name (empty for the instance).
    pub group_slug: String,
    /// Group's name (empty for the instance).
    pub group_name: String,
    /// Page's current address.
    pub page_slug: String,
    /// Title at that revision.
    pub title: String,
    /// Revision number.
    pub number: i64,
    /// Summary.
    pub summary: String,
    /// Author's name.
    pub author_name: Option<String>,
    /// When.
    pub created_at: i64,
    /// The page's effective read access.
    #[sqlx(try_from = "String")]
    pub access: ReadAccess,
}

/// Someone who contributed, with how many revisions.
#[derive(Debug, Clone, sqlx::FromRow, Serialize, PartialEq, Eq)]
pub struct Contributor {
    /// Account.
    pub user_id: UserId,
    /// Name.
    pub name: String,
    /// Revisions saved in the period.
    pub revisions: i64,
}

/// What saving gave.
#[derive(Debug, Clone)]
pub enum Saved {
    /// Saved as this revision.
    Revision(i64),
    /// Someone saved meanwhile: the page as it is now.
    Conflict(Box<WikiPage>),
}

/// A page to create.
#[derive(Debug, Clone)]
pub struct NewWikiPage {
    /// Address.
    pub slug: String,
    /// Title.
    pub title: String,
    /// Content.
    pub markdown: String,
    /// Edit summary.
    pub summary: String,
}

/// A file attached to a page.
#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct Attachment {
    /// Identifier.
    pub id: i64,
    /// Page.
    pub page_id: i64,
    /// File name as uploaded (cleaned).
    pub name: String,
    /// Type found from the content.
    pub content_type: String,
    /// Size in bytes.
    pub size: i64,
    /// File name under the data directory.
    pub stored_as: String,
    /// A thumbnail exists (images).
    pub has_thumbnail: bool,
    /// Uploaded at.
    pub created_at: i64,
}

/// A watch on a page or a whole wiki.
#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct Watch {
    /// Identifier.
    pub id: i64,
    /// Who watches.
    pub user_id: UserId,
    /// Group, or 0.
    pub scope: i64,
    /// Page, or None for the whole wiki.
    pub page_id: Option<i64>,
    /// `immediate` or `daily`.
    pub mode: String,
    /// Secret of the one-click stop link.
    pub stop_token: String,
}

#[derive(sqlx::FromRow)]
struct GroupAccess {
    slug: String,
    listed: bool,
    #[sqlx(try_from = "String")]
    wiki_read: ReadAccess,
}

/// The path of a page.
pub fn page_path(group_slug: Option<&str>, page_slug: &str) -> String {
    match group_slug {
        Some(g) => format!("/g/{g}/wiki/{page_slug}"),
        None => format!("/wiki/{page_slug}"),
    }
}

/// Reindexes one page inside `tx` with its effective access.
pub async fn reindex_page(tx: &mut Tx, page_id: i64) -> Result<()> {
    let page: WikiPage = tx
        .one(
            q(format!(
                "SELECT {PAGE_COLUMNS} FROM pages p WHERE p.id = $1"
            ))
            .bind(page_id),
        )
        .await?;
    let (group_slug, access) = match page.group_id {
        Some(group_id) => {
            let g: GroupAccess = tx
                .one(q("SELECT slug, listed, wiki_read FROM groups WHERE id = $1").bind(group_id))
                .await?;
            let wiki = g.wiki_read;
            let own = page.read_access.0;
            (Some(g.slug), effective_read(wiki, own, g.listed))
        }
        None => (None, ReadAccess::Everyone),
    };
    // Its resources are never more open than the page.
    crate::resources::follow_page(tx, page.id, access).await?;
    let doc = SearchDoc {
        kind: "page",
        ref_id: page.id,
        scope: scope_of(page.group_id),
        access,
        title: page.title.clone(),
        body: markdown::render_inline_text(&page.markdown, 100_000),
        url: page_path(group_slug.as_deref(), &page.slug),
        updated_at: page.updated_at,
    };
    search::index(tx, &doc).await
}

/// Creates a page with its first revision and its search document, inside
/// `tx`, recorded in the activity log as `kind` (a saved page, or minutes
/// started). A taken address gives [`StoreError::Conflict`].
pub async fn insert_page(
    tx: &mut Tx,
    group_id: Option<GroupId>,
    page: &NewWikiPage,
    position: i64,
    author: Option<UserId>,
    now: i64,
    kind: EventKind,
) -> Result<i64> {
    #[derive(sqlx::FromRow)]
    struct Id {
        id: i64,
    }
    let row: Id = tx
        .one(
            q("INSERT INTO pages (group_id, slug, title, markdown, position, revision, created_at, updated_at, updated_by) \
               VALUES ($1, $2, $3, $4, $5, 1, $6, $6, $7) RETURNING id")
            .bind(group_id)
            .bind(&page.slug)
            .bind(&page.title)
            .bind(&page.markdown)
            .bind(position)
            .bind(now)
            .bind(author),
        )
        .await
        .map_err(StoreError::unique_to_conflict)?;
    tx.execute(
        q("INSERT INTO page_revisions (page_id, number, title, markdown, summary, author_id, created_at) \
           VALUES ($1, 1, $2, $3, $4, $5, $6)")
        .bind(row.id)
        .bind(&page.title)
        .bind(&page.markdown)
        .bind(&page.summary)
        .bind(author)
        .bind(now),
    )
    .await?;
    reindex_page(tx, row.id).await?;
    activity::page_event(tx, row.id, kind, author, now).await?;
    Ok(row.id)
}

/// `COALESCE(group_id, 0)`: the scope of a page (its group's id, or 0 for
/// the instance's wiki), as search, changes and watches keep it.
pub fn scope_of(group_id: Option<GroupId>) -> i64 {
    group_id.map_or(0, |g| g.0)
}

impl Store {
    /// A page by address in a wiki (`None` = the instance's wiki).
    pub async fn wiki_page(
        &self,
        group_id: Option<GroupId>,
        slug: &str,
    ) -> Result<Option<WikiPage>> {
        self.db()
            .opt(
                q(format!("SELECT {PAGE_COLUMNS} FROM pages p WHERE COALESCE(p.group_id, 0) = $1 AND p.slug = $2"))
                    .bind(scope_of(group_id))
                    .bind(slug),
            )
            .await
    }

    /// A page by id.
    pub async fn wiki_page_by_id(&self, page_id: i64) -> Result<Option<WikiPage>> {
        self.db()
            .opt(
                q(format!(
                    "SELECT {PAGE_COLUMNS} FROM pages p WHERE p.id = $1"
                ))
                .bind(page_id),
            )
            .await
    }

    /// Where an old address of a renamed page leads now.
    pub async fn wiki_redirect(
        &self,
        group_id: Option<GroupId>,
        old_slug: &str,
    ) -> Result<Option<WikiPage>> {
        self.db()
            .opt(
                q(format!(
                    "SELECT {PAGE_COLUMNS} FROM page_redirects r JOIN pages p ON p.id = r.page_id \
                     WHERE r.scope = $1 AND r.old_slug = $2"
                ))
                .bind(scope_of(group_id))
                .bind(old_slug),
            )
            .await
    }

    /// The pages of a wiki, in menu order then by title.
    pub async fn wiki_pages(&self, group_id: Option<GroupId>) -> Result<Vec<WikiPage>> {
        self.db()
            .all(
                q(format!(
                    "SELECT {PAGE_COLUMNS} FROM pages p WHERE COALESCE(p.group_id, 0) = $1 ORDER BY p.position, p.title"
                ))
                .bind(scope_of(group_id)),
            )
            .await
    }

    /// Which addresses exist in a wiki (to draw missing `[[links]]`).
    pub async fn wiki_slugs(&self, group_id: Option<GroupId>) -> Result<Vec<String>> {
        #[derive(sqlx::FromRow)]
        struct Slug {
            slug: String,
        }
        let rows: Vec<Slug> = self
            .db()
            .all(
                q("SELECT slug FROM pages WHERE COALESCE(group_id, 0) = $1")
                    .bind(scope_of(group_id)),
            )
            .await?;
        Ok(rows.into_iter().map(|r| r.slug).collect())
    }

    /// Creates a page; the watchers of the wiki are told.
    pub async fn create_wiki_page(
        &self,
        group_id: Option<GroupId>,
        page: &NewWikiPage,
        author: UserId,
    ) -> Result<i64> {
        let now = self.now();
        let mut tx = self.db().begin().await?;
        if self.slug_is_redirect(&mut tx, group_id, &page.slug).await? {
            // The address of a renamed page is taken over by the new page.
            tx.execute(
                q("DELETE FROM page_redirects WHERE scope = $1 AND old_slug = $2")
                    .bind(scope_of(group_id))
                    .bind(&page.slug),
            )
            .await?;
        }
        let id = insert_page(
            &mut tx,
            group_id,
            page,
            100,
            Some(author),
            now,
            EventKind::PageSaved,
        )
        .await?;
        notify_watchers(&mut tx, id, 1, now).await?;
        tx.commit().await?;
        Ok(id)
    }

    async fn slug_is_redirect(
        &self,
        tx: &mut Tx,
        group_id: Option<GroupId>,
        slug: &str,
    ) -> Result<bool> {
        #[derive(sqlx::FromRow)]
        struct N {
            n: i64,
        }
        let n: N = tx
            .one(
                q("SELECT COUNT(*) AS n FROM page_redirects WHERE scope = $1 AND old_slug = $2")
                    .bind(scope_of(group_id))
                    .bind(slug),
            )
            .await?;
        Ok(n.n > 0)
    }

    /// Saves a new revision if `base_revision` is still the page's current
    /// one; otherwise returns the page as it is now (nothing is written).
    /// A new title changes the address when `new_slug` differs; the old
    /// address then redirects. `kind` says what the activity log records
    /// (a save, or a restore of an earlier version).
    #[allow(clippy::too_many_arguments)]
    pub async fn save_wiki_page(
        &self,
        page_id: i64,
        base_revision: i64,
        title: &str,
        new_slug: &str,
        markdown: &str,
        summary: &str,
        author: UserId,
        kind: EventKind,
    ) -> Result<Saved> {
        let now = self.now();
        let mut tx = self.db().begin().await?;
        let current: WikiPage = tx
            .one(
                q(format!(
                    "SELECT {PAGE_COLUMNS} FROM pages p WHERE p.id = $1"
                ))
                .bind(page_id),
            )
            .await?;
        if current.revision != base_revision {
            return Ok(Saved::Conflict(Box::new(current)));
        }
        if new_slug != current.slug {
            let scope = scope_of(current.group_id);
            tx.execute(
                q(
                    "INSERT INTO page_redirects (scope, old_slug, page_id) VALUES ($1, $2, $3) \
                   ON CONFLICT (scope, old_slug) DO UPDATE SET page_id = excluded.page_id",
                )
                .bind(scope)
                .bind(&current.slug)
                .bind(page_id),
            )
            .await?;
            // Coming back to an old name: that address is the page's again.
            tx.execute(
                q("DELETE FROM page_redirects WHERE scope = $1 AND old_slug = $2")
                    .bind(scope)
                    .bind(new_slug),
            )
            .await?;
        }
        let revision = base_revision + 1;
        let updated = tx
            .execute(
                q("UPDATE pages SET title = $1, slug = $2, markdown = $3, revision = $4, updated_at = $5, updated_by = $6 \
                   WHERE id = $7 AND revision = $8")
                .bind(title)
                .bind(new_slug)
                .bind(markdown)
                .bind(revision)
                .bind(now)
                .bind(author)
                .bind(page_id)
                .bind(base_revision),
            )
            .await
            .map_err(StoreError::unique_to_conflict)?;
        if updated == 0 {
            let current = tx
                .one(
                    q(format!(
                        "SELECT {PAGE_COLUMNS} FROM pages p WHERE p.id = $1"
                    ))
                    .bind(page_id),
                )
                .await?;
            return Ok(Saved::Conflict(Box::new(current)));
        }
        tx.execute(
            q("INSERT INTO page_revisions (page_id, number, title, markdown, summary, author_id, created_at) \
               VALUES ($1, $2, $3, $4, $5, $6, $7)")
            .bind(page_id)
            .bind(revision)
            .bind(title)
            .bind(markdown)
            .bind(summary)
            .bind(author)
            .bind(now),
        )
        .await?;
        reindex_page(&mut tx, page_id).await?;
        activity::page_event(&mut tx, page_id, kind, Some(author), now).await?;
        notify_watchers(&mut tx, page_id, revision, now).await?;
        tx.commit().await?;
        Ok(Saved::Revision(revision))
    }

    /// A page's revisions, newest first.
    pub async fn wiki_revisions(&self, page_id: i64) -> Result<Vec<Revision>> {
        self.db()
            .all(
                q("SELECT r.number, r.title, r.markdown, r.summary, r.author_id, u.name AS author_name, r.created_at \
                   FROM page_revisions r LEFT JOIN users u ON u.id = r.author_id WHERE r.page_id = $1 ORDER BY r.number DESC")
                .bind(page_id),
            )
            .await
    }

    /// One revision of a page.
    pub async fn wiki_revision(&self, page_id: i64, number: i64) -> Result<Option<Revision>> {
        self.db()
            .opt(
                q("SELECT r.number, r.title, r.markdown, r.summary, r.author_id, u.name AS author_name, r.created_at \
                   FROM page_revisions r LEFT JOIN users u ON u.id = r.author_id WHERE r.page_id = $1 AND r.number = $2")
                .bind(page_id)
                .bind(number),
            )
            .await
    }

    /// Recent changes of a wiki (`Some(group)`, `Some(0)` for the
    /// instance's) or of every wiki (`None`), newest first. Callers filter
    /// by `access` for the viewer.
    pub async fn recent_changes(&self, scope: Option<i64>, limit: i64) -> Result<Vec<Change>> {
        self.recent_changes_from(scope, limit, 0).await
    }

    /// [`Store::recent_changes`] after skipping the `offset` newest ones (to
    /// read on when the reader may not see all of them).
    pub async fn recent_changes_from(
        &self,
        scope: Option<i64>,
        limit: i64,
        offset: i64,
    ) -> Result<Vec<Change>> {
        let filter = if scope.is_some() {
            "WHERE COALESCE(p.group_id, 0) = $3"
        } else {
            ""
        };
        let sql = format!(
            "SELECT p.id AS page_id, COALESCE(p.group_id, 0) AS scope, COALESCE(g.slug, '') AS group_slug, \
             COALESCE(g.name, '') AS group_name, p.slug AS page_slug, r.title, r.number, r.summary, \
             u.name AS author_name, r.created_at, COALESCE(d.access, 'facilitators') AS access \
             FROM page_revisions r JOIN pages p ON p.id = r.page_id \
             LEFT JOIN groups g ON g.id = p.group_id LEFT JOIN users u ON u.id = r.author_id \
             LEFT JOIN search_docs d ON d.kind = 'page' AND d.ref_id = p.id \
             {filter} ORDER BY r.created_at DESC, r.id DESC LIMIT $1 OFFSET $2"
        );
        let mut query = q(sql).bind(limit).bind(offset);
        if let Some(s) = scope {
            query = query.bind(s);
        }
        self.db().all(query).await
    }

    /// Who contributed to a wiki (or one page) between two times, most
    /// revisions first. The newsletter uses this.
    pub async fn wiki_contributors(
        &self,
        scope: i64,
        page_id: Option<i64>,
        from: i64,
        to: i64,
    ) -> Result<Vec<Contributor>> {
        self.db()
            .all(
                q("SELECT u.id AS user_id, u.name, COUNT(*) AS revisions FROM page_revisions r \
                   JOIN pages p ON p.id = r.page_id JOIN users u ON u.id = r.author_id \
                   WHERE COALESCE(p.group_id, 0) = $1 AND ($2 = 0 OR p.id = $2) AND r.created_at >= $3 AND r.created_at < $4 \
                   GROUP BY u.id, u.name ORDER BY revisions DESC, u.name")
                .bind(scope)
                .bind(page_id.unwrap_or(0))
                .bind(from)
                .bind(to),
            )
            .await
    }

    /// Sets a page's own access (None = the wiki's) and reindexes it.
    pub async fn set_page_access(
        &self,
        page_id: i64,
        read: Option<&str>,
        edit: Option<&str>,
    ) -> Result<()> {
        let mut tx = self.db().begin().await?;
        tx.execute(
            q("UPDATE pages SET read_access = $1, edit_access = $2 WHERE id = $3")
                .bind(read)
                .bind(edit)
                .bind(page_id),
        )
        .await?;
        reindex_page(&mut tx, page_id).await?;
        activity::refresh_page(&mut tx, page_id).await?;
        tx.commit().await
    }

    /// Sets a group's wiki access and reindexes its pages.
    pub async fn set_wiki_access(&self, group_id: GroupId, read: &str, edit: &str) -> Result<()> {
        let mut tx = self.db().begin().await?;
        tx.execute(
            q("UPDATE groups SET wiki_read = $1, wiki_edit = $2 WHERE id = $3")
                .bind(read)
                .bind(edit)
                .bind(group_id),
        )
        .await?;
        reindex_group_pages(&mut tx, group_id).await?;
        activity::refresh_wiki(&mut tx, group_id).await?;
        tx.commit().await
    }

    // ------------------------------------------------------------ watches

    /// Starts (or changes) a watch; returns its stop secret.
    pub async fn watch(
        &self,
        user_id: UserId,
        scope: i64,
        page_id: Option<i64>,
        mode: &str,
    ) -> Result<String> {
        let token = random_token(16);
        let mut tx = self.db().begin().await?;
        tx.execute(
            q("DELETE FROM watches WHERE user_id = $1 AND scope = $2 AND COALESCE(page_id, 0) = $3")
                .bind(user_id)
                .bind(scope)
                .bind(page_id.unwrap_or(0)),
        )
        .await?;
        tx.execute(
            q("INSERT INTO watches (user_id, scope, page_id, mode, stop_token, created_at) VALUES ($1, $2, $3, $4, $5, $6)")
                .bind(user_id)
                .bind(scope)
                .bind(page_id)
                .bind(mode)
                .bind(&token)
                .bind(self.now()),
        )
        .await?;
        tx.commit().await?;
        Ok(token)
    }

    /// Someone's watch of a page (or of the whole wiki with `page_id` None).
    pub async fn watch_of(
        &self,
        user_id: UserId,
        scope: i64,
        page_id: Option<i64>,
    ) -> Result<Option<Watch>> {
        self.db()
            .opt(
                q(
                    "SELECT id, user_id, scope, page_id, mode, stop_token FROM watches \
                   WHERE user_id = $1 AND scope = $2 AND COALESCE(page_id, 0) = $3",
                )
                .bind(user_id)
                .bind(scope)
                .bind(page_id.unwrap_or(0)),
            )
            .await
    }

    /// Stops a watch by its secret (the one-click link); returns it if found.
    pub async fn stop_watch(&self, token: &str) -> Result<Option<Watch>> {
        self.db()
            .opt(
                q("DELETE FROM watches WHERE stop_token = $1 RETURNING id, user_id, scope, page_id, mode, stop_token")
                    .bind(token),
            )
            .await
    }

    /// Who watches a page (directly or through its whole wiki), one watch per
    /// person (the page's own watch wins).
    pub async fn watchers_of(&self, page_id: i64) -> Result<Vec<Watch>> {
        let all: Vec<Watch> = self
            .db()
            .all(
                q("SELECT w.id, w.user_id, w.scope, w.page_id, w.mode, w.stop_token FROM watches w \
                   JOIN pages p ON COALESCE(p.group_id, 0) = w.scope \
                   WHERE p.id = $1 AND (w.page_id IS NULL OR w.page_id = p.id) ORDER BY w.page_id IS NULL, w.id")
                .bind(page_id),
            )
            .await?;
        let mut seen = std::collections::HashSet::new();
        Ok(all.into_iter().filter(|w| seen.insert(w.user_id)).collect())
    }

    // ------------------------------------------------------------ attachments

    /// Records an attached file (already written under the data directory).
    pub async fn add_attachment(&self, page_id: i64, a: &Attachment, by: UserId) -> Result<i64> {
        #[derive(sqlx::FromRow)]
        struct Id {
            id: i64,
        }
        let now = self.now();
        let mut tx = self.db().begin().await?;
        let row: Id = tx
            .one(
                q("INSERT INTO attachments (page_id, name, content_type, size, stored_as, has_thumbnail, uploaded_by, created_at) \
                   VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id")
                .bind(page_id)
                .bind(&a.name)
                .bind(&a.content_type)
                .bind(a.size)
                .bind(&a.stored_as)
                .bind(a.has_thumbnail)
                .bind(by)
                .bind(now),
            )
            .await?;
        activity::page_event(&mut tx, page_id, EventKind::FileAttached, Some(by), now).await?;
        tx.commit().await?;
        Ok(row.id)
    }

    /// A page's files, newest first.
    pub async fn attachments_of(&self, page_id: i64) -> Result<Vec<Attachment>> {
        self.db()
            .all(
                q("SELECT id, page_id, name, content_type, size, stored_as, has_thumbnail, created_at FROM attachments \
                   WHERE page_id = $1 ORDER BY created_at DESC, id DESC")
                .bind(page_id),
            )
            .await
    }

    /// One file.
    pub async fn attachment(&self, id: i64) -> Result<Option<Attachment>> {
        self.db()
            .opt(
                q("SELECT id, page_id, name, content_type, size, stored_as, has_thumbnail, created_at FROM attachments WHERE id = $1")
                    .bind(id),
            )
            .await
    }

    /// Reindexes every page that has no search document yet (after an
    /// upgrade); returns how many.
    pub async fn reindex_missing_pages(&self) -> Result<u64> {
        #[derive(sqlx::FromRow)]
        struct Id {
            id: i64,
        }
        let missing: Vec<Id> = self
            .db()
            .all(q(
                "SELECT p.id FROM pages p WHERE NOT EXISTS (SELECT 1 FROM search_docs d WHERE d.kind = 'page' AND d.ref_id = p.id)",
            ))
            .await?;
        let mut tx = self.db().begin().await?;
        for page in &missing {
            reindex_page(&mut tx, page.id).await?;
        }
        tx.commit().await?;
        Ok(missing.len() as u64)
    }
}

/// Reindexes every page of a group (its access or its listing changed).
pub async fn reindex_group_pages(tx: &mut Tx, group_id: GroupId) -> Result<()> {
    #[derive(sqlx::FromRow)]
    struct Id {
        id: i64,
    }
    let pages: Vec<Id> = tx
        .all(q("SELECT id FROM pages WHERE group_id = $1").bind(group_id))
        .await?;
    for page in pages {
        reindex_page(tx, page.id).await?;
    }
    Ok(())
}

/// Queues the job that tells a page's watchers, inside the saving transaction.
async fn notify_watchers(tx: &mut Tx, page_id: i64, revision: i64, now: i64) -> Result<()> {
    jobs::enqueue(tx, &PageChanged { page_id, revision }, now, now).await?;
    Ok(())
}

impl Store {
    /// A person's memberships with their roles (for reading permissions
    /// across groups: search, recent changes, feeds).
    pub async fn memberships_with_roles(
        &self,
        user_id: UserId,
    ) -> Result<Vec<(GroupId, Vec<String>)>> {
        #[derive(sqlx::FromRow)]
        struct Row {
            group_id: GroupId,
            role: Option<String>,
        }
        let rows: Vec<Row> = self
            .db()
            .all(
                q("SELECT m.group_id, r.role FROM memberships m LEFT JOIN membership_roles r \
                   ON r.group_id = m.group_id AND r.user_id = m.user_id WHERE m.user_id = $1 ORDER BY m.group_id")
                .bind(user_id),
            )
            .await?;
        let mut out: Vec<(GroupId, Vec<String>)> = Vec::new();
        for row in rows {
            match out.last_mut() {
                Some((g, roles)) if *g == row.group_id => roles.extend(row.role),
                _ => out.push((row.group_id, row.role.into_iter().collect())),
            }
        }
        Ok(out)
    }
}

/// One change for a daily summary.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct DigestLine {
    /// Who watches.
    pub user_id: UserId,
    /// Page.
    pub page_id: i64,
    /// Revision number.
    pub number: i64,
    /// Page title.
    pub title: String,
    /// Author.
    pub author_id: Option<UserId>,
}

impl Store {
    /// Changes between `from` and `to` to pages watched "daily" (directly or
    /// through their wiki) since the watch began, one line per watcher and
    /// revision. A page's own watch wins over its wiki's (as in
    /// [`Store::watchers_of`]): a page followed at once is not summarized.
    pub async fn daily_watch_lines(&self, from: i64, to: i64) -> Result<Vec<DigestLine>> {
        self.db()
            .all(
                q("SELECT DISTINCT w.user_id, p.id AS page_id, r.number, r.title, r.author_id \
                   FROM watches w JOIN pages p ON COALESCE(p.group_id, 0) = w.scope AND (w.page_id IS NULL OR w.page_id = p.id) \
                   JOIN page_revisions r ON r.page_id = p.id \
                   WHERE w.mode = 'daily' AND r.created_at >= $1 AND r.created_at < $2 AND r.created_at >= w.created_at \
                   AND NOT EXISTS (SELECT 1 FROM watches o WHERE o.user_id = w.user_id AND o.page_id = p.id AND o.mode <> 'daily') \
                   ORDER BY w.user_id, p.id, r.number")
                .bind(from)
                .bind(to),
            )
            .await
    }
}

impl Store {
    /// A group by id (listed or not).
    pub async fn group_by_id(&self, id: GroupId) -> Result<Option<crate::groups::Group>> {
        let slug: Option<(String,)> = self
            .db()
            .opt(q("SELECT slug FROM groups WHERE id = $1").bind(id))
            .await?;
        match slug {
            Some((slug,)) => self.group_by_slug(&slug).await,
            None => Ok(None),
        }
    }
}

impl Store {
    /// Stops every "daily" watch of a person (the summary's stop link).
    pub async fn stop_daily_watches(&self, user_id: UserId) -> Result<u64> {
        self.db()
            .execute(q("DELETE FROM watches WHERE user_id = $1 AND mode = 'daily'").bind(user_id))
            .await
    }
}

impl Store {
    /// Reindexes every page (the way search terms are made changed).
    pub async fn reindex_all_pages(&self) -> Result<u64> {
        #[derive(sqlx::FromRow)]
        struct Id {
            id: i64,
        }
        let pages: Vec<Id> = self.db().all(q("SELECT id FROM pages ORDER BY id")).await?;
        for chunk in pages.chunks(500) {
            let mut tx = self.db().begin().await?;
            for page in chunk {
                reindex_page(&mut tx, page.id).await?;
            }
            tx.commit().await?;
        }
        Ok(pages.len() as u64)
    }
}

impl Store {
    /// (address, title) of every page of a wiki, to resolve `[[links]]` by
    /// either.
    pub async fn wiki_names(&self, group_id: Option<GroupId>) -> Result<Vec<(String, String)>> {
        self.db()
            .all(
                q("SELECT slug, title FROM pages WHERE COALESCE(group_id, 0) = $1")
                    .bind(scope_of(group_id)),
            )
            .await
    }

    /// The old addresses of a wiki's renamed pages (each still redirects).
    pub async fn wiki_old_slugs(&self, group_id: Option<GroupId>) -> Result<Vec<String>> {
        let rows: Vec<(String,)> = self
            .db()
            .all(q("SELECT old_slug FROM page_redirects WHERE scope = $1").bind(scope_of(group_id)))
            .await?;
        Ok(rows.into_iter().map(|(slug,)| slug).collect())
    }
}
