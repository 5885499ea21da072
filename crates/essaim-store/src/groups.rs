//! Groups: cards of the directory, their keywords (ecosystems), partners and
//! service links, members and roles, join requests, and the first pages of
//! a hosted group's shared space.

use essaim_domain::activity::EventKind;
use essaim_domain::ids::{GroupId, UserId};
use serde::Serialize;

use essaim_domain::groups::{GroupCard, GroupStatus, Joining};
use essaim_domain::jobs::JoinRequested;
use essaim_domain::wiki::{EditAccess, ReadAccess};

use crate::activity;
use crate::db::{q, Tx, Q};
use crate::jobs;
use crate::outbox::{self, OutgoingEmail};
use crate::{Result, Store, StoreError};

/// Columns of [`Group`].
const GROUP_COLUMNS: &str = "id, slug, name, summary, kind, description, country, region, latitude, longitude, \
     member_count, status, license, license_other, hosted, joining, listed, review, banner_version, \
     proposed_by, created_at, updated_at, wiki_read, wiki_edit";

/// A group's card as stored.
#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct Group {
    /// Identifier.
    pub id: GroupId,
    /// Short name, used in URLs and the group's email address.
    pub slug: String,
    /// Name.
    pub name: String,
    /// One-line description.
    pub summary: String,
    /// `thematic`, `territorial` or `support`.
    pub kind: String,
    /// Long description (Markdown).
    pub description: String,
    /// ISO country code.
    pub country: Option<String>,
    /// Region.
    pub region: Option<String>,
    /// Point on the map.
    pub latitude: Option<f64>,
    /// Point on the map.
    pub longitude: Option<f64>,
    /// Members: counted for hosted groups, typed for referenced ones.
    pub member_count: i64,
    /// Where it is in its life.
    #[sqlx(try_from = "String")]
    pub status: GroupStatus,
    /// License code of the group's productions.
    pub license: String,
    /// The license's name when `license` is `other`.
    pub license_other: Option<String>,
    /// Hosted here (true) or only referenced (false).
    pub hosted: bool,
    /// How people join it.
    #[sqlx(try_from = "String")]
    pub joining: Joining,
    /// Shown in the directory.
    pub listed: bool,
    /// `pending`, `approved` or `refused`.
    pub review: String,
    /// Version of the uploaded banner; `None` uses a generated one.
    pub banner_version: Option<i64>,
    /// Who proposed it.
    pub proposed_by: Option<UserId>,
    /// Creation time.
    pub created_at: i64,
    /// Last change.
    pub updated_at: i64,
    /// Who may read the group's wiki.
    #[sqlx(try_from = "String")]
    pub wiki_read: ReadAccess,
    /// Who may edit it.
    #[sqlx(try_from = "String")]
    pub wiki_edit: EditAccess,
}

/// A partner of a group.
#[derive(Debug, Clone, sqlx::FromRow, Serialize, PartialEq)]
pub struct Partner {
    /// Identifier.
    pub id: i64,
    /// Name.
    pub name: String,
    /// Web address.
    pub url: Option<String>,
    /// Version of the uploaded logo, if any.
    pub logo_version: Option<i64>,
}

/// A partner to save (logos are uploaded separately).
#[derive(Debug, Clone)]
pub struct PartnerInput {
    /// Name.
    pub name: String,
    /// Web address.
    pub url: Option<String>,
}

/// The editable fields of a card.
#[derive(Debug, Clone)]
pub struct GroupFields {
    /// Name.
    pub name: String,
    /// One-line description.
    pub summary: String,
    /// Kind code.
    pub kind: String,
    /// Long description.
    pub description: String,
    /// Keywords, normalized, in order.
    pub keywords: Vec<String>,
    /// Partners, in order.
    pub partners: Vec<PartnerInput>,
    /// Country code.
    pub country: Option<String>,
    /// Region.
    pub region: Option<String>,
    /// Latitude.
    pub latitude: Option<f64>,
    /// Longitude.
    pub longitude: Option<f64>,
    /// Typed member count (referenced groups only).
    pub member_count: Option<i64>,
    /// Status code.
    pub status: String,
    /// License code.
    pub license: String,
    /// Other license's name.
    pub license_other: Option<String>,
    /// `open` or `request`.
    pub joining: String,
    /// Service links (service code, URL).
    pub links: Vec<(String, String)>,
    /// Text used by the directory's search (name, summary, keywords, region,
    /// folded by the caller so accents do not matter).
    pub search_text: String,
}

impl GroupFields {
    /// The stored fields of a validated card, with its search text (its
    /// name, summary, keywords and place, folded).
    pub fn of(card: &GroupCard) -> Self {
        let search = [
            card.name.as_str(),
            card.summary.as_str(),
            &card.keywords.join(" "),
            card.region.as_deref().unwrap_or(""),
            card.country.as_deref().unwrap_or(""),
        ]
        .join(" ");
        Self {
            name: card.name.clone(),
            summary: card.summary.clone(),
            kind: card.kind.code().to_string(),
            description: card.description.clone(),
            keywords: card.keywords.clone(),
            partners: card
                .partners
                .iter()
                .map(|p| PartnerInput {
                    name: p.name.clone(),
                    url: p.url.clone(),
                })
                .collect(),
            country: card.country.clone(),
            region: card.region.clone(),
            latitude: card.latitude,
            longitude: card.longitude,
            member_count: card.member_count,
            status: card.status.code().to_string(),
            license: card.license.code().to_string(),
            license_other: card.license_other.clone(),
            joining: card.joining.code().to_string(),
            links: card
                .links
                .iter()
                .map(|(k, v)| (k.code().to_string(), v.clone()))
                .collect(),
            search_text: format!(" {} ", essaim_domain::groups::fold_for_search(&search)),
        }
    }
}

/// A group to create.
#[derive(Debug, Clone)]
pub struct NewGroup {
    /// Short name.
    pub slug: String,
    /// Hosted here.
    pub hosted: bool,
    /// Card fields.
    pub fields: GroupFields,
}

/// A page to create.
#[derive(Debug, Clone)]
pub struct NewPage {
    /// Address.
    pub slug: String,
    /// Title.
    pub title: String,
    /// Content.
    pub markdown: String,
}

/// A person in a group, with roles.
#[derive(Debug, Clone, Serialize)]
pub struct Member {
    /// Account.
    pub user_id: UserId,
    /// Name.
    pub name: String,
    /// Roles other than plain member (`facilitator`, …).
    pub roles: Vec<String>,
    /// Who may see them in the list: `members` or `everyone`.
    pub visibility: String,
    /// When they joined.
    pub joined_at: i64,
}

/// Someone's membership of one group.
#[derive(Debug, Clone, Serialize)]
pub struct Membership {
    /// Roles other than plain member.
    pub roles: Vec<String>,
    /// Visibility in the member list.
    pub visibility: String,
    /// Joined at.
    pub joined_at: i64,
}

impl Membership {
    /// The same membership as the domain's rules read it.
    pub fn rules(&self) -> essaim_domain::groups::Membership {
        essaim_domain::groups::Membership::of_member(self.roles.iter().map(String::as_str))
    }
}

/// A request to join a closed group.
#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct JoinRequest {
    /// Identifier.
    pub id: i64,
    /// Group.
    pub group_id: GroupId,
    /// Who asks.
    pub user_id: UserId,
    /// Their name.
    pub user_name: String,
    /// Their email (for the answer).
    pub user_email: String,
    /// What they wrote.
    pub message: String,
    /// `pending`, `accepted` or `declined`.
    pub status: String,
    /// When.
    pub created_at: i64,
}

/// Filters of the directory.
#[derive(Debug, Clone, Default)]
pub struct GroupFilter {
    /// Kind code.
    pub kind: Option<String>,
    /// Status code; archived groups are hidden unless asked for.
    pub status: Option<String>,
    /// Show archived groups too.
    pub include_archived: bool,
    /// One keyword (an ecosystem).
    pub keyword: Option<String>,
    /// Country code.
    pub country: Option<String>,
    /// Region, exact.
    pub region: Option<String>,
    /// Folded search text.
    pub text: Option<String>,
    /// Only groups with a point on the map.
    pub with_point: bool,
    /// Page size.
    pub limit: i64,
    /// Offset.
    pub offset: i64,
}

/// A listed group with its keywords, for cards, lists, maps and exports.
#[derive(Debug, Clone, Serialize)]
pub struct ListedGroup {
    /// The card.
    #[serde(flatten)]
    pub group: Group,
    /// Its keywords, in order.
    pub keywords: Vec<String>,
}

/// Figures of an ecosystem (the groups sharing a keyword).
#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq)]
pub struct EcosystemFigures {
    /// Listed groups with the keyword.
    pub groups: i64,
    /// Distinct members of those groups.
    pub members: i64,
    /// Members who belong to two of those groups or more.
    pub members_in_several: i64,
}

/// A suggested group with the number of co-members behind the suggestion.
#[derive(Debug, Clone, Serialize)]
pub struct Suggestion {
    /// The group.
    pub group: Group,
    /// Members of your groups who also joined it.
    pub shared_members: i64,
}

#[derive(sqlx::FromRow)]
struct Count {
    n: i64,
}

#[derive(sqlx::FromRow)]
struct KeywordRow {
    group_id: GroupId,
    keyword: String,
}

#[derive(sqlx::FromRow)]
struct RoleRow {
    user_id: UserId,
    role: String,
}

#[derive(sqlx::FromRow)]
struct MemberRow {
    user_id: UserId,
    name: String,
    visibility: String,
    joined_at: i64,
}

#[derive(sqlx::FromRow)]
struct LinkRow {
    service: String,
    url: String,
}

/// `$start, $start+1, …` for `n` values.
fn placeholders(start: usize, n: usize) -> String {
    (start..start + n)
        .map(|i| format!("${i}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Adds the WHERE clause of `filter` to `sql`, binding into `query`.
fn filtered(filter: &GroupFilter, select: &str, tail: &str) -> Q {
    let mut clauses = vec!["g.listed".to_string()];
    let mut args: Vec<crate::db::Arg> = Vec::new();
    let mut next =
        |value: crate::db::Arg, clause: &dyn Fn(usize) -> String, clauses: &mut Vec<String>| {
            args.push(value);
            clauses.push(clause(args.len()));
        };
    if let Some(kind) = &filter.kind {
        next(kind.into(), &|i| format!("g.kind = ${i}"), &mut clauses);
    }
    match &filter.status {
        Some(status) => next(status.into(), &|i| format!("g.status = ${i}"), &mut clauses),
        None if !filter.include_archived => clauses.push("g.status <> 'archived'".into()),
        None => {}
    }
    if let Some(keyword) = &filter.keyword {
        next(
            keyword.into(),
            &|i| {
                format!("EXISTS (SELECT 1 FROM group_keywords k WHERE k.group_id = g.id AND k.keyword = ${i})")
            },
            &mut clauses,
        );
    }
    if let Some(country) = &filter.country {
        next(
            country.into(),
            &|i| format!("g.country = ${i}"),
            &mut clauses,
        );
    }
    if let Some(region) = &filter.region {
        next(region.into(), &|i| format!("g.region = ${i}"), &mut clauses);
    }
    if let Some(text) = &filter.text {
        // Every word must appear (the text is folded: no accents, no case).
        for word in text.split_whitespace().take(8) {
            let clean: String = word.chars().filter(|c| c.is_ascii_alphanumeric()).collect();
            if !clean.is_empty() {
                next(
                    format!("% {clean}%").into(),
                    &|i| format!("g.search_text LIKE ${i}"),
                    &mut clauses,
                );
            }
        }
    }
    if filter.with_point {
        clauses.push("g.latitude IS NOT NULL AND g.longitude IS NOT NULL".into());
    }
    let sql = format!(
        "{select} FROM groups g WHERE {} {tail}",
        clauses.join(" AND ")
    );
    let mut query = q(sql);
    for arg in args {
        query = query.bind(arg);
    }
    query
}

async fn write_details(tx: &mut Tx, group_id: GroupId, fields: &GroupFields) -> Result<()> {
    tx.execute(q("DELETE FROM group_keywords WHERE group_id = $1").bind(group_id))
        .await?;
    for (position, keyword) in fields.keywords.iter().enumerate() {
        tx.execute(
            q("INSERT INTO group_keywords (group_id, keyword, position) VALUES ($1, $2, $3)")
                .bind(group_id)
                .bind(keyword)
                .bind(position as i64),
        )
        .await?;
    }
    // Partners keep their id (and logo) when their name stays the same.
    let existing: Vec<Partner> = tx
        .all(
            q("SELECT id, name, url, logo_version FROM group_partners WHERE group_id = $1")
                .bind(group_id),
        )
        .await?;
    let mut kept = Vec::new();
    for (position, partner) in fields.partners.iter().enumerate() {
        match existing
            .iter()
            .find(|p| p.name == partner.name && !kept.contains(&p.id))
        {
            Some(old) => {
                kept.push(old.id);
                tx.execute(
                    q("UPDATE group_partners SET position = $1, url = $2 WHERE id = $3")
                        .bind(position as i64)
                        .bind(partner.url.clone())
                        .bind(old.id),
                )
                .await?;
            }
            None => {
                #[derive(sqlx::FromRow)]
                struct Id {
                    id: i64,
                }
                let row: Id = tx
                    .one(
                        q("INSERT INTO group_partners (group_id, position, name, url) VALUES ($1, $2, $3, $4) RETURNING id")
                            .bind(group_id)
                            .bind(position as i64)
                            .bind(&partner.name)
                            .bind(partner.url.clone()),
                    )
                    .await?;
                kept.push(row.id);
            }
        }
    }
    for old in existing.iter().filter(|p| !kept.contains(&p.id)) {
        tx.execute(q("DELETE FROM group_partners WHERE id = $1").bind(old.id))
            .await?;
    }
    tx.execute(q("DELETE FROM group_links WHERE group_id = $1").bind(group_id))
        .await?;
    for (service, url) in &fields.links {
        tx.execute(
            q("INSERT INTO group_links (group_id, service, url) VALUES ($1, $2, $3)")
                .bind(group_id)
                .bind(service)
                .bind(url),
        )
        .await?;
    }
    Ok(())
}

async fn recount(tx: &mut Tx, group_id: GroupId) -> Result<()> {
    tx.execute(
        q("UPDATE groups SET member_count = (SELECT COUNT(*) FROM memberships WHERE group_id = $1) WHERE id = $1 AND hosted")
            .bind(group_id),
    )
    .await?;
    Ok(())
}

async fn add_member(
    tx: &mut Tx,
    group_id: GroupId,
    user_id: UserId,
    roles: &[&str],
    now: i64,
) -> Result<bool> {
    let inserted = tx
        .execute(
            q("INSERT INTO memberships (group_id, user_id, joined_at) VALUES ($1, $2, $3) ON CONFLICT (group_id, user_id) DO NOTHING")
                .bind(group_id)
                .bind(user_id)
                .bind(now),
        )
        .await?;
    for role in roles {
        tx.execute(
            q("INSERT INTO membership_roles (group_id, user_id, role) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING")
                .bind(group_id)
                .bind(user_id)
                .bind(*role),
        )
        .await?;
    }
    recount(tx, group_id).await?;
    if inserted > 0 {
        activity::member_event(
            tx,
            group_id,
            user_id,
            EventKind::MemberJoined,
            Some(user_id),
            now,
        )
        .await?;
    }
    Ok(inserted > 0)
}

impl Store {
    /// Creates a group with its details, makes the proposer its facilitator
    /// and writes its first pages, in one transaction. A taken slug gives
    /// [`StoreError::Conflict`].
    pub async fn create_group(
        &self,
        group: &NewGroup,
        proposer: Option<UserId>,
        listed: bool,
        pages: &[NewPage],
    ) -> Result<Group> {
        let now = self.now();
        let f = &group.fields;
        let mut tx = self.db().begin().await?;
        let sql = format!(
            "INSERT INTO groups (slug, name, summary, kind, description, country, region, latitude, longitude, \
             member_count, status, license, license_other, hosted, joining, listed, review, proposed_by, search_text, \
             created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, \
             $18, $19, $20, $20) RETURNING {GROUP_COLUMNS}"
        );
        let created: Group = tx
            .one(
                q(sql)
                    .bind(&group.slug)
                    .bind(&f.name)
                    .bind(&f.summary)
                    .bind(&f.kind)
                    .bind(&f.description)
                    .bind(f.country.clone())
                    .bind(f.region.clone())
                    .bind(f.latitude)
                    .bind(f.longitude)
                    .bind(if group.hosted {
                        0
                    } else {
                        f.member_count.unwrap_or(0)
                    })
                    .bind(&f.status)
                    .bind(&f.license)
                    .bind(f.license_other.clone())
                    .bind(group.hosted)
                    .bind(&f.joining)
                    .bind(listed)
                    .bind(if listed { "approved" } else { "pending" })
                    .bind(proposer)
                    .bind(&f.search_text)
                    .bind(now),
            )
            .await
            .map_err(StoreError::unique_to_conflict)?;
        write_details(&mut tx, created.id, f).await?;
        if let (Some(user), true) = (proposer, group.hosted) {
            add_member(&mut tx, created.id, user, &["facilitator"], now).await?;
        }
        for (position, page) in pages.iter().enumerate() {
            let page = crate::wiki::NewWikiPage {
                slug: page.slug.clone(),
                title: page.title.clone(),
                markdown: page.markdown.clone(),
                summary: String::new(),
            };
            crate::wiki::insert_page(
                &mut tx,
                Some(created.id),
                &page,
                position as i64,
                proposer,
                now,
                EventKind::PageSaved,
            )
            .await?;
        }
        let created = tx
            .one(q(format!("SELECT {GROUP_COLUMNS} FROM groups WHERE id = $1")).bind(created.id))
            .await?;
        tx.commit().await?;
        Ok(created)
    }

    /// Saves a card's fields (keywords, partners and links replaced).
    pub async fn update_group(&self, group_id: GroupId, f: &GroupFields) -> Result<()> {
        let mut tx = self.db().begin().await?;
        tx.execute(
            q("UPDATE groups SET name = $1, summary = $2, kind = $3, description = $4, country = $5, region = $6, \
               latitude = $7, longitude = $8, status = $9, license = $10, license_other = $11, joining = $12, \
               search_text = $13, updated_at = $14, \
               member_count = CASE WHEN hosted THEN member_count ELSE $15 END WHERE id = $16")
            .bind(&f.name)
            .bind(&f.summary)
            .bind(&f.kind)
            .bind(&f.description)
            .bind(f.country.clone())
            .bind(f.region.clone())
            .bind(f.latitude)
            .bind(f.longitude)
            .bind(&f.status)
            .bind(&f.license)
            .bind(f.license_other.clone())
            .bind(&f.joining)
            .bind(&f.search_text)
            .bind(self.now())
            .bind(f.member_count.unwrap_or(0))
            .bind(group_id),
        )
        .await?;
        write_details(&mut tx, group_id, f).await?;
        tx.commit().await
    }

    /// Records a new banner version (the file is written by the caller).
    pub async fn set_banner_version(&self, group_id: GroupId, version: i64) -> Result<()> {
        self.db()
            .execute(
                q("UPDATE groups SET banner_version = $1 WHERE id = $2")
                    .bind(version)
                    .bind(group_id),
            )
            .await?;
        Ok(())
    }

    /// Records a new logo version for a partner of `group_id`.
    pub async fn set_partner_logo(
        &self,
        group_id: GroupId,
        partner_id: i64,
        version: i64,
    ) -> Result<bool> {
        let n = self
            .db()
            .execute(
                q("UPDATE group_partners SET logo_version = $1 WHERE id = $2 AND group_id = $3")
                    .bind(version)
                    .bind(partner_id)
                    .bind(group_id),
            )
            .await?;
        Ok(n > 0)
    }

    /// A group by its short name (listed or not).
    pub async fn group_by_slug(&self, slug: &str) -> Result<Option<Group>> {
        self.db()
            .opt(
                q(format!(
                    "SELECT {GROUP_COLUMNS} FROM groups WHERE slug = $1"
                ))
                .bind(slug),
            )
            .await
    }

    /// Whether a short name is taken.
    pub async fn slug_taken(&self, slug: &str) -> Result<bool> {
        let c: Count = self
            .db()
            .one(q("SELECT COUNT(*) AS n FROM groups WHERE slug = $1").bind(slug))
            .await?;
        Ok(c.n > 0)
    }

    /// A group's keywords, in order.
    pub async fn group_keywords(&self, group_id: GroupId) -> Result<Vec<String>> {
        let rows: Vec<KeywordRow> = self
            .db()
            .all(
                q("SELECT group_id, keyword FROM group_keywords WHERE group_id = $1 ORDER BY position")
                    .bind(group_id),
            )
            .await?;
        Ok(rows.into_iter().map(|r| r.keyword).collect())
    }

    /// A group's partners, in order.
    pub async fn group_partners(&self, group_id: GroupId) -> Result<Vec<Partner>> {
        self.db()
            .all(
                q("SELECT id, name, url, logo_version FROM group_partners WHERE group_id = $1 ORDER BY position, id")
                    .bind(group_id),
            )
            .await
    }

    /// A group's service links (service code, URL).
    pub async fn group_links(&self, group_id: GroupId) -> Result<Vec<(String, String)>> {
        let rows: Vec<LinkRow> = self
            .db()
            .all(q("SELECT service, url FROM group_links WHERE group_id = $1").bind(group_id))
            .await?;
        Ok(rows.into_iter().map(|r| (r.service, r.url)).collect())
    }

    /// One page of the directory and the number of groups matching.
    pub async fn list_groups(&self, filter: &GroupFilter) -> Result<(Vec<ListedGroup>, i64)> {
        let total: Count = self
            .db()
            .one(filtered(filter, "SELECT COUNT(*) AS n", ""))
            .await?;
        // The search text starts with the folded name: "École" sorts with E, not after Z.
        let tail = format!(
            "ORDER BY g.search_text, g.id LIMIT {} OFFSET {}",
            filter.limit.clamp(1, 10_000),
            filter.offset.max(0)
        );
        let columns = format!(
            "SELECT {}",
            GROUP_COLUMNS
                .split(", ")
                .map(|c| format!("g.{c}"))
                .collect::<Vec<_>>()
                .join(", ")
        );
        let groups: Vec<Group> = self.db().all(filtered(filter, &columns, &tail)).await?;
        if groups.len() <= 64 {
            return Ok((self.with_keywords(groups).await?, total.n));
        }
        // Many groups (the map, exports): the keywords of the whole filter in
        // one query, rather than a list of hundreds of ids.
        let rows: Vec<KeywordRow> = self
            .db()
            .all(filtered(
                filter,
                "SELECT k.group_id, k.keyword FROM group_keywords k WHERE k.group_id IN (SELECT g.id",
                ") ORDER BY k.group_id, k.position",
            ))
            .await?;
        let mut by_group: std::collections::HashMap<GroupId, Vec<String>> =
            std::collections::HashMap::new();
        for row in rows {
            by_group.entry(row.group_id).or_default().push(row.keyword);
        }
        let listed = groups
            .into_iter()
            .map(|group| {
                let keywords = by_group.remove(&group.id).unwrap_or_default();
                ListedGroup { group, keywords }
            })
            .collect();
        Ok((listed, total.n))
    }

    /// Attaches keywords to groups with one query.
    pub async fn with_keywords(&self, groups: Vec<Group>) -> Result<Vec<ListedGroup>> {
        if groups.is_empty() {
            return Ok(Vec::new());
        }
        let mut query = q(format!(
            "SELECT group_id, keyword FROM group_keywords WHERE group_id IN ({}) ORDER BY group_id, position",
            placeholders(1, groups.len())
        ));
        for g in &groups {
            query = query.bind(g.id);
        }
        let rows: Vec<KeywordRow> = self.db().all(query).await?;
        Ok(groups
            .into_iter()
            .map(|group| {
                let keywords = rows
                    .iter()
                    .filter(|r| r.group_id == group.id)
                    .map(|r| r.keyword.clone())
                    .collect();
                ListedGroup { group, keywords }
            })
            .collect())
    }

    /// Countries and regions of listed groups, for the filters.
    pub async fn group_places(&self) -> Result<Vec<(String, Option<String>)>> {
        #[derive(sqlx::FromRow)]
        struct Place {
            country: String,
            region: Option<String>,
        }
        let rows: Vec<Place> = self
            .db()
            .all(q(
                "SELECT DISTINCT country, region FROM groups WHERE listed AND country IS NOT NULL ORDER BY country, region",
            ))
            .await?;
        Ok(rows.into_iter().map(|p| (p.country, p.region)).collect())
    }

    /// The most used keywords of listed groups (ecosystems), with counts.
    pub async fn top_keywords(&self, limit: i64) -> Result<Vec<(String, i64)>> {
        #[derive(sqlx::FromRow)]
        struct Row {
            keyword: String,
            n: i64,
        }
        let rows: Vec<Row> = self
            .db()
            .all(
                q("SELECT k.keyword, COUNT(*) AS n FROM group_keywords k JOIN groups g ON g.id = k.group_id \
                   WHERE g.listed AND g.status <> 'archived' GROUP BY k.keyword ORDER BY n DESC, k.keyword LIMIT $1")
                .bind(limit),
            )
            .await?;
        Ok(rows.into_iter().map(|r| (r.keyword, r.n)).collect())
    }

    /// Figures of the ecosystem of `keyword` (listed, not archived groups).
    pub async fn ecosystem_figures(&self, keyword: &str) -> Result<EcosystemFigures> {
        #[derive(sqlx::FromRow)]
        struct Row {
            groups: i64,
            members: i64,
            several: i64,
        }
        let row: Row = self
            .db()
            .one(
                // One pass over the memberships: each person once, with how
                // many of the ecosystem's groups they are in.
                q("WITH eco AS (SELECT g.id FROM groups g JOIN group_keywords k ON k.group_id = g.id \
                                WHERE k.keyword = $1 AND g.listed AND g.status <> 'archived') \
                   SELECT (SELECT COUNT(*) FROM eco) AS groups, COUNT(*) AS members, \
                          CAST(COALESCE(SUM(CASE WHEN p.n >= 2 THEN 1 ELSE 0 END), 0) AS BIGINT) AS several \
                   FROM (SELECT m.user_id, COUNT(*) AS n FROM memberships m JOIN eco ON eco.id = m.group_id \
                         GROUP BY m.user_id) p")
                .bind(keyword),
            )
            .await?;
        Ok(EcosystemFigures {
            groups: row.groups,
            members: row.members,
            members_in_several: row.several,
        })
    }

    /// Groups awaiting a helper's approval, oldest first.
    pub async fn groups_to_review(&self) -> Result<Vec<Group>> {
        self.db()
            .all(q(format!(
                "SELECT {GROUP_COLUMNS} FROM groups WHERE review = 'pending' ORDER BY created_at, id"
            )))
            .await
    }

    /// Approves (lists) or refuses a proposed group.
    pub async fn review_group(&self, group_id: GroupId, approve: bool) -> Result<()> {
        let mut tx = self.db().begin().await?;
        tx.execute(
            q("UPDATE groups SET review = $1, listed = $2, updated_at = $3 WHERE id = $4")
                .bind(if approve { "approved" } else { "refused" })
                .bind(approve)
                .bind(self.now())
                .bind(group_id),
        )
        .await?;
        // Pages of an unlisted group are for its members: their access changes.
        crate::wiki::reindex_group_pages(&mut tx, group_id).await?;
        crate::discussions::reindex_group_topics(&mut tx, group_id).await?;
        crate::meetings::reindex_group_meetings(&mut tx, group_id).await?;
        crate::news::reindex_group_news(&mut tx, group_id).await?;
        crate::projects::reindex_group_projects(&mut tx, group_id).await?;
        crate::resources::reindex_group_resources(&mut tx, group_id).await?;
        tx.commit().await
    }

    /// Groups a person belongs to, by name.
    pub async fn groups_of(&self, user_id: UserId) -> Result<Vec<Group>> {
        let columns = GROUP_COLUMNS
            .split(", ")
            .map(|c| format!("g.{c}"))
            .collect::<Vec<_>>()
            .join(", ");
        self.db()
            .all(
                q(format!(
                    "SELECT {columns} FROM groups g JOIN memberships m ON m.group_id = g.id WHERE m.user_id = $1 ORDER BY g.name"
                ))
                .bind(user_id),
            )
            .await
    }

    /// Groups that members of `user_id`'s groups also joined, most shared first.
    pub async fn suggested_groups(&self, user_id: UserId, limit: i64) -> Result<Vec<Suggestion>> {
        #[derive(sqlx::FromRow)]
        struct Row {
            group_id: GroupId,
            n: i64,
        }
        let rows: Vec<Row> = self
            .db()
            .all(
                q("SELECT other.group_id, COUNT(DISTINCT other.user_id) AS n \
                   FROM memberships mine \
                   JOIN memberships peer ON peer.group_id = mine.group_id AND peer.user_id <> mine.user_id \
                   JOIN memberships other ON other.user_id = peer.user_id \
                   JOIN groups g ON g.id = other.group_id \
                   WHERE mine.user_id = $1 AND g.listed AND g.status <> 'archived' \
                     AND other.group_id NOT IN (SELECT group_id FROM memberships WHERE user_id = $1) \
                   GROUP BY other.group_id ORDER BY n DESC, other.group_id LIMIT $2")
                .bind(user_id)
                .bind(limit),
            )
            .await?;
        let mut out = Vec::new();
        for row in rows {
            if let Some(group) = self
                .db()
                .opt(
                    q(format!("SELECT {GROUP_COLUMNS} FROM groups WHERE id = $1"))
                        .bind(row.group_id),
                )
                .await?
            {
                out.push(Suggestion {
                    group,
                    shared_members: row.n,
                });
            }
        }
        Ok(out)
    }

    // ------------------------------------------------------------ members

    /// Someone's membership of a group, if any.
    pub async fn membership(
        &self,
        group_id: GroupId,
        user_id: UserId,
    ) -> Result<Option<Membership>> {
        let row: Option<MemberRow> = self
            .db()
            .opt(
                q("SELECT m.user_id, u.name, m.visibility, m.joined_at FROM memberships m JOIN users u ON u.id = m.user_id \
                   WHERE m.group_id = $1 AND m.user_id = $2")
                .bind(group_id)
                .bind(user_id),
            )
            .await?;
        let Some(row) = row else { return Ok(None) };
        let roles: Vec<RoleRow> = self
            .db()
            .all(
                q("SELECT user_id, role FROM membership_roles WHERE group_id = $1 AND user_id = $2 ORDER BY role")
                    .bind(group_id)
                    .bind(user_id),
            )
            .await?;
        Ok(Some(Membership {
            roles: roles.into_iter().map(|r| r.role).collect(),
            visibility: row.visibility,
            joined_at: row.joined_at,
        }))
    }

    /// Every member of a group with their roles, by name.
    pub async fn members(&self, group_id: GroupId) -> Result<Vec<Member>> {
        let rows: Vec<MemberRow> = self
            .db()
            .all(
                q("SELECT m.user_id, u.name, m.visibility, m.joined_at FROM memberships m JOIN users u ON u.id = m.user_id \
                   WHERE m.group_id = $1 ORDER BY u.name, u.id")
                .bind(group_id),
            )
            .await?;
        let roles: Vec<RoleRow> = self
            .db()
            .all(
                q("SELECT user_id, role FROM membership_roles WHERE group_id = $1 ORDER BY role")
                    .bind(group_id),
            )
            .await?;
        Ok(rows
            .into_iter()
            .map(|r| Member {
                roles: roles
                    .iter()
                    .filter(|x| x.user_id == r.user_id)
                    .map(|x| x.role.clone())
                    .collect(),
                user_id: r.user_id,
                name: r.name,
                visibility: r.visibility,
                joined_at: r.joined_at,
            })
            .collect())
    }

    /// Those of `users` who are members of the group.
    pub async fn members_among(&self, group_id: GroupId, users: &[UserId]) -> Result<Vec<UserId>> {
        if users.is_empty() {
            return Ok(Vec::new());
        }
        #[derive(sqlx::FromRow)]
        struct U {
            user_id: UserId,
        }
        // Ids are integers: safe to inline.
        let ids: Vec<String> = users.iter().map(UserId::to_string).collect();
        let rows: Vec<U> = self
            .db()
            .all(
                q(format!(
                    "SELECT user_id FROM memberships WHERE group_id = $1 AND user_id IN ({})",
                    ids.join(",")
                ))
                .bind(group_id),
            )
            .await?;
        Ok(rows.into_iter().map(|r| r.user_id).collect())
    }

    /// How many members hold `role` in a group.
    pub async fn role_count(&self, group_id: GroupId, role: &str) -> Result<i64> {
        let c: Count = self
            .db()
            .one(
                q("SELECT COUNT(*) AS n FROM membership_roles WHERE group_id = $1 AND role = $2")
                    .bind(group_id)
                    .bind(role),
            )
            .await?;
        Ok(c.n)
    }

    /// Adds a member (no-op if already one); returns whether they were added.
    pub async fn join_group(&self, group_id: GroupId, user_id: UserId) -> Result<bool> {
        let mut tx = self.db().begin().await?;
        let added = add_member(&mut tx, group_id, user_id, &[], self.now()).await?;
        tx.commit().await?;
        Ok(added)
    }

    /// Removes a member; returns whether they were one.
    pub async fn leave_group(&self, group_id: GroupId, user_id: UserId) -> Result<bool> {
        let mut tx = self.db().begin().await?;
        let n = tx
            .execute(
                q("DELETE FROM memberships WHERE group_id = $1 AND user_id = $2")
                    .bind(group_id)
                    .bind(user_id),
            )
            .await?;
        recount(&mut tx, group_id).await?;
        if n > 0 {
            let now = self.now();
            activity::member_event(
                &mut tx,
                group_id,
                user_id,
                EventKind::MemberLeft,
                Some(user_id),
                now,
            )
            .await?;
        }
        tx.commit().await?;
        Ok(n > 0)
    }

    /// Replaces a member's roles, as `by` decided.
    pub async fn set_roles(
        &self,
        group_id: GroupId,
        user_id: UserId,
        roles: &[String],
        by: Option<UserId>,
    ) -> Result<()> {
        let mut tx = self.db().begin().await?;
        let now = self.now();
        activity::member_event(&mut tx, group_id, user_id, EventKind::RolesChanged, by, now)
            .await?;
        tx.execute(
            q("DELETE FROM membership_roles WHERE group_id = $1 AND user_id = $2")
                .bind(group_id)
                .bind(user_id),
        )
        .await?;
        for role in roles {
            tx.execute(
                q("INSERT INTO membership_roles (group_id, user_id, role) VALUES ($1, $2, $3)")
                    .bind(group_id)
                    .bind(user_id)
                    .bind(role),
            )
            .await?;
        }
        tx.commit().await
    }

    /// Sets who may see a member in the member list.
    pub async fn set_member_visibility(
        &self,
        group_id: GroupId,
        user_id: UserId,
        visibility: &str,
    ) -> Result<()> {
        self.db()
            .execute(
                q("UPDATE memberships SET visibility = $1 WHERE group_id = $2 AND user_id = $3")
                    .bind(visibility)
                    .bind(group_id)
                    .bind(user_id),
            )
            .await?;
        Ok(())
    }

    // ------------------------------------------------------------ join requests

    /// Records a request to join and queues the job that tells the
    /// facilitators (a second request while one is pending changes nothing).
    pub async fn request_to_join(
        &self,
        group_id: GroupId,
        user_id: UserId,
        message: &str,
    ) -> Result<()> {
        #[derive(sqlx::FromRow)]
        struct Id {
            id: i64,
        }
        let now = self.now();
        let mut tx = self.db().begin().await?;
        let pending: Count = tx
            .one(
                q("SELECT COUNT(*) AS n FROM join_requests WHERE group_id = $1 AND user_id = $2 AND status = 'pending'")
                    .bind(group_id)
                    .bind(user_id),
            )
            .await?;
        if pending.n == 0 {
            let request: Id = tx
                .one(
                    q("INSERT INTO join_requests (group_id, user_id, message, created_at) VALUES ($1, $2, $3, $4) RETURNING id")
                        .bind(group_id)
                        .bind(user_id)
                        .bind(message)
                        .bind(now),
                )
                .await?;
            let job = JoinRequested {
                group_id,
                request_id: request.id,
            };
            jobs::enqueue(&mut tx, &job, now, now).await?;
        }
        tx.commit().await
    }

    /// Pending requests of a group, oldest first.
    pub async fn pending_join_requests(&self, group_id: GroupId) -> Result<Vec<JoinRequest>> {
        self.db()
            .all(
                q("SELECT r.id, r.group_id, r.user_id, u.name AS user_name, u.email AS user_email, r.message, r.status, \
                   r.created_at FROM join_requests r JOIN users u ON u.id = r.user_id \
                   WHERE r.group_id = $1 AND r.status = 'pending' ORDER BY r.created_at, r.id")
                .bind(group_id),
            )
            .await
    }

    /// Whether a person has a pending request for a group.
    pub async fn has_pending_request(&self, group_id: GroupId, user_id: UserId) -> Result<bool> {
        let c: Count = self
            .db()
            .one(
                q("SELECT COUNT(*) AS n FROM join_requests WHERE group_id = $1 AND user_id = $2 AND status = 'pending'")
                    .bind(group_id)
                    .bind(user_id),
            )
            .await?;
        Ok(c.n > 0)
    }

    /// One pending request of a group.
    pub async fn join_request(
        &self,
        group_id: GroupId,
        request_id: i64,
    ) -> Result<Option<JoinRequest>> {
        self.db()
            .opt(
                q("SELECT r.id, r.group_id, r.user_id, u.name AS user_name, u.email AS user_email, r.message, r.status, \
                   r.created_at FROM join_requests r JOIN users u ON u.id = r.user_id \
                   WHERE r.group_id = $1 AND r.id = $2 AND r.status = 'pending'")
                .bind(group_id)
                .bind(request_id),
            )
            .await
    }

    /// Accepts or declines a request; the requester's email goes in the same
    /// transaction. Returns false if the request was already decided.
    pub async fn decide_join_request(
        &self,
        request: &JoinRequest,
        accept: bool,
        decided_by: UserId,
        email: &OutgoingEmail,
    ) -> Result<bool> {
        let now = self.now();
        let mut tx = self.db().begin().await?;
        let n = tx
            .execute(
                q("UPDATE join_requests SET status = $1, decided_at = $2, decided_by = $3 WHERE id = $4 AND status = 'pending'")
                    .bind(if accept { "accepted" } else { "declined" })
                    .bind(now)
                    .bind(decided_by)
                    .bind(request.id),
            )
            .await?;
        if n == 0 {
            return Ok(false);
        }
        if accept {
            add_member(&mut tx, request.group_id, request.user_id, &[], now).await?;
        }
        outbox::enqueue(&mut tx, email, now).await?;
        tx.commit().await?;
        Ok(true)
    }

    /// Instance setting: do proposed groups wait for a helper's approval?
    pub async fn groups_need_approval(&self) -> Result<bool> {
        Ok(self.setting("groups_need_approval").await?.as_deref() != Some("false"))
    }

    /// Sets whether proposed groups wait for approval.
    pub async fn set_groups_need_approval(&self, need: bool) -> Result<()> {
        self.set_setting("groups_need_approval", if need { "true" } else { "false" })
            .await
    }
}
