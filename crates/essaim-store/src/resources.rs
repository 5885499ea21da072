//! Resources of hosted groups: the resource, its keywords, its search
//! document and its activity event (written in the same transaction), the
//! instance's catalogue, and the group's default license of its resources.
//!
//! A page's resource keeps, in `visibility`, what it effectively is (never
//! more open than its page: `essaim_domain::resources::effective_visibility`),
//! kept true by [`follow_page`] each time the page is reindexed (its
//! access, its wiki's or its group's listing changed).

use essaim_domain::activity::{Audience, EventKind};
use essaim_domain::audience::Sight;
use essaim_domain::ids::{GroupId, UserId};
use essaim_domain::markdown;
use essaim_domain::resources::{effective_visibility, Category, ResourceDraft, ResourceKind};
use essaim_domain::visibility::Visibility;
use essaim_domain::wiki::ReadAccess;
use serde::Serialize;

use crate::activity::{self, NewEvent};
use crate::audience::{push_condition, Columns};
use crate::db::{build, push, q, Arg, Tx};
use crate::search::{self, SearchDoc};
use crate::{Result, Store};

const RESOURCE_COLUMNS: &str = "r.id, r.group_id, g.slug AS group_slug, g.name AS group_name, \
     g.resources_license AS group_license, r.author_id, r.author_name, r.title, r.description, \
     r.category, r.kind, r.url, r.page_id, p.slug AS page_slug, p.title AS page_title, r.file_name, \
     r.file_type, r.file_size, r.stored_as, r.license, r.chosen_visibility, r.visibility, \
     r.created_at, r.updated_at";

const RESOURCE_FROM: &str = "resources r JOIN groups g ON g.id = r.group_id \
     LEFT JOIN pages p ON p.id = r.page_id";

/// The columns the sight's condition reads for resources.
const RESOURCE_SIGHT: Columns = Columns {
    group_id: "r.group_id",
    visibility: "r.visibility",
    listed: "g.listed",
    proposed_by: "g.proposed_by",
};

/// A resource.
#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct Resource {
    /// Identifier.
    pub id: i64,
    /// Its group.
    pub group_id: GroupId,
    /// The group's short address.
    pub group_slug: String,
    /// The group's name.
    pub group_name: String,
    /// The group's default license of its resources.
    pub group_license: String,
    /// Who added it, if the account still exists.
    pub author_id: Option<UserId>,
    /// Their name when they added it.
    pub author_name: String,
    /// Title.
    pub title: String,
    /// Description, in the wiki's formatting.
    pub description: String,
    /// Its type.
    #[sqlx(try_from = "String")]
    pub category: Category,
    /// What it is made of.
    #[sqlx(try_from = "String")]
    pub kind: ResourceKind,
    /// A link's address.
    pub url: Option<String>,
    /// A page's id.
    pub page_id: Option<i64>,
    /// A page's address in the group's wiki.
    pub page_slug: Option<String>,
    /// A page's title.
    pub page_title: Option<String>,
    /// A file's name.
    pub file_name: Option<String>,
    /// A file's type.
    pub file_type: Option<String>,
    /// A file's size, in bytes.
    pub file_size: Option<i64>,
    /// A file's stored name (never shown).
    #[serde(skip)]
    pub stored_as: Option<String>,
    /// Its own license's name; empty: the group's.
    pub license: String,
    /// What its author chose.
    #[sqlx(try_from = "String")]
    pub chosen_visibility: Visibility,
    /// Who sees it (members only when its page is not public).
    #[sqlx(try_from = "String")]
    pub visibility: Visibility,
    /// Added.
    pub created_at: i64,
    /// Last changed.
    pub updated_at: i64,
    /// Keywords, in order.
    #[sqlx(skip)]
    pub keywords: Vec<String>,
}

impl Resource {
    /// Its page.
    pub fn path(&self) -> String {
        resource_path(&self.group_slug, self.id)
    }

    /// The license it carries: its own, or its group's.
    pub fn license_name(&self) -> &str {
        if self.license.is_empty() {
            &self.group_license
        } else {
            &self.license
        }
    }

    /// Where it leads: the link, the file or the page.
    pub fn target(&self) -> String {
        match self.kind {
            ResourceKind::Link => self.url.clone().unwrap_or_default(),
            ResourceKind::File => format!(
                "{}/file/{}",
                self.path(),
                url_part(self.file_name.as_deref().unwrap_or("fichier"))
            ),
            ResourceKind::Page => format!(
                "/g/{}/wiki/{}",
                self.group_slug,
                self.page_slug.as_deref().unwrap_or_default()
            ),
        }
    }

    /// Whether `user` added it.
    pub fn is_author(&self, user: Option<UserId>) -> bool {
        user.is_some() && self.author_id == user
    }
}

/// `name` as one part of an address (percent-encoded but for the
/// unreserved characters).
fn url_part(name: &str) -> String {
    name.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// A resource's page.
pub fn resource_path(group_slug: &str, id: i64) -> String {
    format!("/g/{group_slug}/resources/{id}")
}

/// A stored file of a resource.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredFile {
    /// Its name, as cleaned.
    pub name: String,
    /// Its type.
    pub content_type: String,
    /// Its size, in bytes.
    pub size: i64,
    /// Its stored name under the attachments.
    pub stored_as: String,
}

/// What a resource points at, found and checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// A link.
    Link(String),
    /// An uploaded file, stored.
    File(StoredFile),
    /// A page of the group, with its effective read access.
    Page {
        /// The page.
        id: i64,
        /// Who reads it.
        read: ReadAccess,
    },
}

/// What the catalogue (or a group's list) shows.
#[derive(Debug, Clone, Default)]
pub struct CatalogueQuery {
    /// Only resources with this keyword.
    pub keyword: Option<String>,
    /// Only this type.
    pub category: Option<Category>,
    /// Only this group's (its short address).
    pub group: Option<String>,
    /// At most this many.
    pub limit: i64,
    /// After skipping this many.
    pub offset: i64,
}

async fn write_keywords(tx: &mut Tx, id: i64, keywords: &[String]) -> Result<()> {
    tx.execute(q("DELETE FROM resource_keywords WHERE resource_id = $1").bind(id))
        .await?;
    for (i, k) in keywords.iter().enumerate() {
        tx.execute(
            q("INSERT INTO resource_keywords (resource_id, keyword, position) VALUES ($1, $2, $3)")
                .bind(id)
                .bind(k)
                .bind(i as i64),
        )
        .await?;
    }
    Ok(())
}

async fn keywords_of(tx: &mut Tx, id: i64) -> Result<Vec<String>> {
    #[derive(sqlx::FromRow)]
    struct K {
        keyword: String,
    }
    let rows: Vec<K> = tx
        .all(
            q("SELECT keyword FROM resource_keywords WHERE resource_id = $1 ORDER BY position")
                .bind(id),
        )
        .await?;
    Ok(rows.into_iter().map(|k| k.keyword).collect())
}

/// Reindexes a resource inside `tx`: anyone's in the search only when it
/// is public in a listed group (the meetings' rule).
async fn reindex(tx: &mut Tx, id: i64) -> Result<()> {
    #[derive(sqlx::FromRow)]
    struct Listed {
        listed: bool,
    }
    let found: Option<Resource> = tx
        .opt(
            q(format!(
                "SELECT {RESOURCE_COLUMNS} FROM {RESOURCE_FROM} WHERE r.id = $1"
            ))
            .bind(id),
        )
        .await?;
    let Some(r) = found else {
        return search::remove(tx, "resource", id).await;
    };
    let group: Listed = tx
        .one(q("SELECT listed FROM groups WHERE id = $1").bind(r.group_id))
        .await?;
    let keywords = keywords_of(tx, id).await?;
    let mut body = markdown::render_inline_text(&r.description, 20_000);
    for extra in keywords
        .iter()
        .chain(r.url.iter())
        .chain(r.file_name.iter())
    {
        body.push('\n');
        body.push_str(extra);
    }
    let doc = SearchDoc {
        kind: "resource",
        ref_id: r.id,
        scope: r.group_id.0,
        access: r.visibility.index_access(group.listed),
        title: r.title.clone(),
        body,
        url: r.path(),
        updated_at: r.updated_at,
    };
    search::index(tx, &doc).await
}

/// The resources of `page_id` take its new effective read access `read`
/// (inside the transaction that reindexes the page): members-only while
/// the page is not everyone's, their author's choice again when it is.
pub async fn follow_page(tx: &mut Tx, page_id: i64, read: ReadAccess) -> Result<()> {
    #[derive(sqlx::FromRow)]
    struct Row {
        id: i64,
        #[sqlx(try_from = "String")]
        chosen_visibility: Visibility,
    }
    let rows: Vec<Row> = tx
        .all(q("SELECT id, chosen_visibility FROM resources WHERE page_id = $1").bind(page_id))
        .await?;
    for row in rows {
        let visibility = effective_visibility(row.chosen_visibility, Some(read));
        tx.execute(
            q("UPDATE resources SET visibility = $1 WHERE id = $2")
                .bind(visibility.code())
                .bind(row.id),
        )
        .await?;
        activity::set_audience(
            tx,
            &[EventKind::ResourceAdded],
            row.id,
            Audience::of_visibility(visibility),
        )
        .await?;
        reindex(tx, row.id).await?;
    }
    Ok(())
}

/// Reindexes every resource of a group inside `tx` (its listing changed).
pub async fn reindex_group_resources(tx: &mut Tx, group_id: GroupId) -> Result<()> {
    for id in search::ids_of(tx, "resources", group_id).await? {
        reindex(tx, id).await?;
    }
    Ok(())
}

/// The columns a source fills: (url, page id, file).
fn source_columns(source: &Source) -> (Option<&str>, Option<i64>, Option<&StoredFile>) {
    match source {
        Source::Link(url) => (Some(url), None, None),
        Source::Page { id, .. } => (None, Some(*id), None),
        Source::File(file) => (None, None, Some(file)),
    }
}

fn visibility_of(draft: &ResourceDraft, source: &Source) -> Visibility {
    let read = match source {
        Source::Page { read, .. } => Some(*read),
        _ => None,
    };
    effective_visibility(draft.visibility, read)
}

fn kind_of(source: &Source) -> ResourceKind {
    match source {
        Source::Link(_) => ResourceKind::Link,
        Source::File(_) => ResourceKind::File,
        Source::Page { .. } => ResourceKind::Page,
    }
}

impl Store {
    /// Adds a resource to `group_id` by `author`, with its keywords, its
    /// search document and its event, in one transaction; gives its id.
    pub async fn create_resource(
        &self,
        group_id: GroupId,
        author: (UserId, &str),
        draft: &ResourceDraft,
        source: &Source,
    ) -> Result<i64> {
        #[derive(sqlx::FromRow)]
        struct Row {
            id: i64,
            slug: String,
        }
        let now = self.now();
        let visibility = visibility_of(draft, source);
        let (url, page_id, file) = source_columns(source);
        let mut tx = self.db().begin().await?;
        let row: Row = tx
            .one(
                q("INSERT INTO resources (group_id, author_id, author_name, title, description, category, kind, \
                   url, page_id, file_name, file_type, file_size, stored_as, license, chosen_visibility, visibility, \
                   created_at, updated_at) \
                   VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $17) \
                   RETURNING id, (SELECT slug FROM groups WHERE id = $1) AS slug")
                .bind(group_id)
                .bind(author.0)
                .bind(author.1)
                .bind(&draft.title)
                .bind(&draft.description)
                .bind(draft.category.code())
                .bind(kind_of(source).code())
                .bind(url)
                .bind(page_id)
                .bind(file.map(|f| f.name.as_str()))
                .bind(file.map(|f| f.content_type.as_str()))
                .bind(file.map(|f| f.size))
                .bind(file.map(|f| f.stored_as.as_str()))
                .bind(draft.license.as_deref().unwrap_or(""))
                .bind(draft.visibility.code())
                .bind(visibility.code())
                .bind(now),
            )
            .await?;
        write_keywords(&mut tx, row.id, &draft.keywords).await?;
        activity::record(
            &mut tx,
            &NewEvent {
                group_id,
                kind: EventKind::ResourceAdded,
                actor_id: Some(author.0),
                actor_name: author.1,
                object_id: Some(row.id),
                title: &draft.title,
                url: &resource_path(&row.slug, row.id),
                audience: Audience::of_visibility(visibility),
                at: now,
            },
        )
        .await?;
        reindex(&mut tx, row.id).await?;
        tx.commit().await?;
        Ok(row.id)
    }

    /// Saves a resource's fields; `source` replaces its link or page (a
    /// file stays the one sent).
    pub async fn update_resource(
        &self,
        id: i64,
        draft: &ResourceDraft,
        source: Option<&Source>,
    ) -> Result<()> {
        let now = self.now();
        let mut tx = self.db().begin().await?;
        // A file keeps its columns and what its author chose; a link or a
        // page is its source's.
        let visibility = source.map_or(draft.visibility, |s| visibility_of(draft, s));
        tx.execute(
            q(
                "UPDATE resources SET title = $1, description = $2, category = $3, license = $4, \
               chosen_visibility = $5, visibility = $6, updated_at = $7 WHERE id = $8",
            )
            .bind(&draft.title)
            .bind(&draft.description)
            .bind(draft.category.code())
            .bind(draft.license.as_deref().unwrap_or(""))
            .bind(draft.visibility.code())
            .bind(visibility.code())
            .bind(now)
            .bind(id),
        )
        .await?;
        if let Some(source) = source {
            let (url, page_id, _) = source_columns(source);
            if let Source::Link(_) | Source::Page { .. } = source {
                tx.execute(
                    q("UPDATE resources SET kind = $1, url = $2, page_id = $3 WHERE id = $4")
                        .bind(kind_of(source).code())
                        .bind(url)
                        .bind(page_id)
                        .bind(id),
                )
                .await?;
            }
        }
        write_keywords(&mut tx, id, &draft.keywords).await?;
        activity::set_audience(
            &mut tx,
            &[EventKind::ResourceAdded],
            id,
            Audience::of_visibility(visibility),
        )
        .await?;
        reindex(&mut tx, id).await?;
        tx.commit().await
    }

    /// Removes a resource and its search document.
    pub async fn delete_resource(&self, id: i64) -> Result<()> {
        let mut tx = self.db().begin().await?;
        tx.execute(q("DELETE FROM resources WHERE id = $1").bind(id))
            .await?;
        search::remove(&mut tx, "resource", id).await?;
        tx.commit().await
    }

    async fn resources_with_keywords(&self, mut list: Vec<Resource>) -> Result<Vec<Resource>> {
        if list.is_empty() {
            return Ok(list);
        }
        // Ids are integers from our own database: safe to inline.
        let ids: Vec<String> = list.iter().map(|r| r.id.to_string()).collect();
        #[derive(sqlx::FromRow)]
        struct Keyword {
            resource_id: i64,
            keyword: String,
        }
        let keywords: Vec<Keyword> = self
            .db()
            .all(q(format!(
                "SELECT resource_id, keyword FROM resource_keywords WHERE resource_id IN ({}) \
                 ORDER BY resource_id, position",
                ids.join(",")
            )))
            .await?;
        for r in &mut list {
            r.keywords = keywords
                .iter()
                .filter(|k| k.resource_id == r.id)
                .map(|k| k.keyword.clone())
                .collect();
        }
        Ok(list)
    }

    /// One resource with its keywords.
    pub async fn resource(&self, id: i64) -> Result<Option<Resource>> {
        let found: Option<Resource> = self
            .db()
            .opt(
                q(format!(
                    "SELECT {RESOURCE_COLUMNS} FROM {RESOURCE_FROM} WHERE r.id = $1"
                ))
                .bind(id),
            )
            .await?;
        Ok(self
            .resources_with_keywords(found.into_iter().collect())
            .await?
            .pop())
    }

    /// The resources of hosted groups that `sight` shows, filtered by
    /// `query`, most recently changed first.
    pub async fn resource_catalogue(
        &self,
        sight: &Sight,
        query: &CatalogueQuery,
    ) -> Result<Vec<Resource>> {
        let mut sql = format!("SELECT {RESOURCE_COLUMNS} FROM {RESOURCE_FROM} WHERE g.hosted = $1");
        let mut args: Vec<Arg> = vec![true.into()];
        if let Some(k) = &query.keyword {
            push(
                &mut sql,
                &mut args,
                " AND r.id IN (SELECT resource_id FROM resource_keywords WHERE keyword = $?)",
                k.into(),
            );
        }
        if let Some(c) = query.category {
            push(&mut sql, &mut args, " AND r.category = $?", c.code().into());
        }
        if let Some(slug) = &query.group {
            push(&mut sql, &mut args, " AND g.slug = $?", slug.into());
        }
        push_condition(sight, RESOURCE_SIGHT, &mut sql, &mut args);
        sql.push_str(" ORDER BY r.updated_at DESC, r.id DESC");
        push(
            &mut sql,
            &mut args,
            " LIMIT $?",
            query.limit.clamp(1, 200).into(),
        );
        push(
            &mut sql,
            &mut args,
            " OFFSET $?",
            query.offset.max(0).into(),
        );
        let rows = self.db().all(build(sql, args)).await?;
        self.resources_with_keywords(rows).await
    }

    /// Keywords of public resources, most used first.
    pub async fn resource_keywords_in_catalogue(&self, limit: i64) -> Result<Vec<String>> {
        #[derive(sqlx::FromRow)]
        struct K {
            keyword: String,
        }
        let rows: Vec<K> = self
            .db()
            .all(
                q("SELECT k.keyword FROM resource_keywords k JOIN resources r ON r.id = k.resource_id \
                   JOIN groups g ON g.id = r.group_id \
                   WHERE r.visibility = 'public' AND g.listed = $1 AND g.hosted = $1 \
                   GROUP BY k.keyword ORDER BY COUNT(*) DESC, k.keyword LIMIT $2")
                .bind(true)
                .bind(limit),
            )
            .await?;
        Ok(rows.into_iter().map(|r| r.keyword).collect())
    }

    /// The license a group's resources carry unless one says otherwise.
    pub async fn resources_license(&self, group_id: GroupId) -> Result<String> {
        #[derive(sqlx::FromRow)]
        struct L {
            resources_license: String,
        }
        let row: L = self
            .db()
            .one(q("SELECT resources_license FROM groups WHERE id = $1").bind(group_id))
            .await?;
        Ok(row.resources_license)
    }

    /// Sets the license a group's resources carry by default.
    pub async fn set_resources_license(&self, group_id: GroupId, name: &str) -> Result<()> {
        self.db()
            .execute(
                q("UPDATE groups SET resources_license = $1 WHERE id = $2")
                    .bind(name)
                    .bind(group_id),
            )
            .await?;
        Ok(())
    }
}
