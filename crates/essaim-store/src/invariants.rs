//! What data written through the application always satisfies, checked on
//! a whole database: every stored code decodes, every counter matches what
//! it counts, every derived row (search documents, current revisions) is
//! there and says what its object says, every reference holds.
//!
//! [`check`] lists every violation (an empty list: none). Tests run it on
//! data made through the application and on a generated data set
//! ([`crate::scale`]), which must be indistinguishable. The checks read the
//! same rules the writes use (the domain's codes, `effective_read`, the
//! meetings' `is_public`, the discussions' `index_access`).

use essaim_domain::accounts::EmailFrequency;
use essaim_domain::codes::StoredCode;
use essaim_domain::discussions::{EmailMode, HeldStatus, Outsiders, PostStatus, PostVia};
use essaim_domain::groups::{
    fold_for_search, normalize_keyword, normalize_slug, GroupKind, GroupRole, GroupStatus, Joining,
    License, MemberVisibility, ServiceLink,
};
use essaim_domain::i18n::Lang;
use essaim_domain::ids::{GroupId, UserId};
use essaim_domain::meetings::{self as meeting_rules, Rsvp};
use essaim_domain::polls::Choice;
use essaim_domain::visibility::Visibility;
use essaim_domain::wiki::{effective_read, EditAccess, ReadAccess};

use crate::db::{q, Backend};
use crate::wiki::page_path;
use crate::{Result, Store};

/// At most this many offending rows are named per invariant (the rest are
/// counted).
const NAMED: usize = 5;

/// Every violation of the invariants in the database, one line each
/// (`what is wrong: the rows`); empty when there is none.
pub async fn check(store: &Store) -> Result<Vec<String>> {
    let mut c = Checker {
        store,
        found: Vec::new(),
    };
    c.codes().await?;
    c.groups().await?;
    c.memberships().await?;
    c.pages().await?;
    c.meetings().await?;
    c.indexed_objects().await?;
    c.discussions().await?;
    c.polls().await?;
    c.search_index().await?;
    Ok(c.found)
}

struct Checker<'a> {
    store: &'a Store,
    found: Vec<String>,
}

/// Whether `code` is a value of `T`.
fn decodes<T: StoredCode>(code: &str) -> bool {
    T::decode(code).is_ok()
}

impl Checker<'_> {
    /// Records `what` for the offending rows, if any.
    fn report(&mut self, what: &str, rows: Vec<String>) {
        if rows.is_empty() {
            return;
        }
        let mut named: Vec<String> = rows.iter().take(NAMED).cloned().collect();
        if rows.len() > NAMED {
            named.push(format!("… {} in all", rows.len()));
        }
        self.found.push(format!("{what}: {}", named.join(", ")));
    }

    /// Runs `sql`, whose one text column names an offending row, and
    /// records `what` for them.
    async fn rows(&mut self, what: &str, sql: &'static str) -> Result<()> {
        let rows: Vec<(String,)> = self.store.db().all(q(sql)).await?;
        self.report(what, rows.into_iter().map(|(r,)| r).collect());
        Ok(())
    }

    /// Every distinct value of `table.column` is known to `known` (NULL
    /// only where `nullable`).
    async fn code(
        &mut self,
        table: &str,
        column: &str,
        nullable: bool,
        known: fn(&str) -> bool,
    ) -> Result<()> {
        let values: Vec<(Option<String>,)> = self
            .store
            .db()
            .all(q(format!("SELECT DISTINCT {column} FROM {table}")))
            .await?;
        let bad: Vec<String> = values
            .into_iter()
            .filter_map(|(v,)| match v {
                None if nullable => None,
                None => Some("NULL".to_string()),
                Some(v) if known(&v) => None,
                Some(v) => Some(format!("{v:?}")),
            })
            .collect();
        self.report(&format!("unknown {table}.{column} code"), bad);
        Ok(())
    }

    async fn codes(&mut self) -> Result<()> {
        self.code("groups", "kind", false, |c| {
            GroupKind::from_code(c).is_some()
        })
        .await?;
        self.code("groups", "status", false, decodes::<GroupStatus>)
            .await?;
        self.code("groups", "joining", false, decodes::<Joining>)
            .await?;
        self.code("groups", "license", false, |c| {
            License::from_code(c).is_some()
        })
        .await?;
        self.code("groups", "review", false, |c| {
            ["pending", "approved", "refused"].contains(&c)
        })
        .await?;
        self.code("groups", "wiki_read", false, decodes::<ReadAccess>)
            .await?;
        self.code("groups", "wiki_edit", false, decodes::<EditAccess>)
            .await?;
        self.code("groups", "discussions_read", false, decodes::<Visibility>)
            .await?;
        self.code(
            "groups",
            "discussions_outsiders",
            false,
            decodes::<Outsiders>,
        )
        .await?;
        self.code("group_links", "service", false, |c| {
            ServiceLink::from_code(c).is_some()
        })
        .await?;
        self.code("users", "lang", true, |c| Lang::from_code(c).is_some())
            .await?;
        self.code("users", "email_frequency", false, |c| {
            EmailFrequency::from_code(c).is_some()
        })
        .await?;
        self.code("memberships", "visibility", false, |c| {
            MemberVisibility::from_code(c).is_some()
        })
        .await?;
        self.code("memberships", "email_mode", false, |c| {
            EmailMode::from_code(c).is_some()
        })
        .await?;
        self.code("membership_roles", "role", false, |c| {
            GroupRole::from_code(c).is_some_and(|r| r != GroupRole::Member)
        })
        .await?;
        self.code("pages", "read_access", true, decodes::<ReadAccess>)
            .await?;
        self.code("pages", "edit_access", true, decodes::<EditAccess>)
            .await?;
        self.code("meetings", "visibility", false, decodes::<Visibility>)
            .await?;
        self.code("meetings", "status", false, |c| {
            ["scheduled", "cancelled"].contains(&c)
        })
        .await?;
        self.code("meetings", "timezone", false, |c| {
            c.parse::<chrono_tz::Tz>().is_ok()
        })
        .await?;
        self.code("meeting_answers", "answer", false, |c| {
            Rsvp::from_code(c).is_some()
        })
        .await?;
        self.code("polls", "visibility", false, decodes::<Visibility>)
            .await?;
        self.code("polls", "status", false, |c| {
            ["open", "closed"].contains(&c)
        })
        .await?;
        self.code("poll_answers", "choice", false, |c| {
            Choice::from_code(c).is_some()
        })
        .await?;
        self.code("posts", "via", false, decodes::<PostVia>).await?;
        self.code("held_mail", "status", false, decodes::<HeldStatus>)
            .await?;
        self.code("posts", "status", false, decodes::<PostStatus>)
            .await?;
        self.code("search_docs", "access", false, decodes::<ReadAccess>)
            .await?;
        self.code("search_docs", "kind", false, |c| {
            ["page", "topic", "meeting", "news", "project", "resource"].contains(&c)
        })
        .await?;
        Ok(())
    }

    async fn groups(&mut self) -> Result<()> {
        #[derive(sqlx::FromRow)]
        struct Card {
            id: i64,
            slug: String,
            name: String,
            search_text: String,
            latitude: Option<f64>,
            longitude: Option<f64>,
        }
        let cards: Vec<Card> = self
            .store
            .db()
            .all(q(
                "SELECT id, slug, name, search_text, latitude, longitude FROM groups ORDER BY id",
            ))
            .await?;
        let mut slugs = Vec::new();
        let mut search = Vec::new();
        let mut points = Vec::new();
        for g in &cards {
            if normalize_slug(&g.slug).as_deref() != Ok(g.slug.as_str()) {
                slugs.push(format!("{} {:?}", g.id, g.slug));
            }
            // The directory's search text: folded, between spaces, with the name.
            let inner = g.search_text.trim();
            if !(g.search_text.starts_with(' ') && g.search_text.ends_with(' '))
                || fold_for_search(inner) != inner
                || !format!(" {inner} ").contains(&format!(" {} ", fold_for_search(&g.name)))
            {
                search.push(format!("{} {:?}", g.id, g.search_text));
            }
            let point_ok = match (g.latitude, g.longitude) {
                (None, None) => true,
                (Some(lat), Some(lon)) => {
                    (-90.0..=90.0).contains(&lat) && (-180.0..=180.0).contains(&lon)
                }
                _ => false,
            };
            if !point_ok {
                points.push(g.id.to_string());
            }
        }
        self.report("group slug not a valid short address", slugs);
        self.report("group search text not the folded card", search);
        self.report("group point half set or out of range", points);
        self.rows(
            "group slugs equal but for case",
            "SELECT LOWER(slug) FROM groups GROUP BY LOWER(slug) HAVING COUNT(*) > 1",
        )
        .await?;
        self.rows(
            "group listed but not approved, or approved but not listed",
            "SELECT CAST(id AS TEXT) FROM groups WHERE listed <> (review = 'approved') ORDER BY id",
        )
        .await?;
        self.rows(
            "hosted group's member count is not its members",
            "SELECT CAST(g.id AS TEXT) || ' counts ' || CAST(g.member_count AS TEXT) FROM groups g \
             WHERE g.hosted AND g.member_count <> (SELECT COUNT(*) FROM memberships m WHERE m.group_id = g.id) \
             ORDER BY g.id",
        )
        .await?;
        self.rows(
            "referenced group's member count is negative",
            "SELECT CAST(id AS TEXT) FROM groups WHERE NOT hosted AND member_count < 0 ORDER BY id",
        )
        .await?;
        self.rows(
            "group with another license named, or the other license unnamed",
            "SELECT CAST(id AS TEXT) FROM groups \
             WHERE (license = 'other') <> (license_other IS NOT NULL AND license_other <> '') ORDER BY id",
        )
        .await?;
        self.rows(
            "group proposed by no existing account",
            "SELECT CAST(g.id AS TEXT) FROM groups g WHERE g.proposed_by IS NOT NULL \
             AND NOT EXISTS (SELECT 1 FROM users u WHERE u.id = g.proposed_by) ORDER BY g.id",
        )
        .await?;
        // Keywords and partners are numbered 0, 1, … in order.
        self.rows(
            "group keyword positions not 0..n",
            "SELECT CAST(group_id AS TEXT) FROM group_keywords GROUP BY group_id \
             HAVING MIN(position) <> 0 OR MAX(position) <> COUNT(*) - 1 OR COUNT(DISTINCT position) <> COUNT(*) \
             ORDER BY group_id",
        )
        .await?;
        self.rows(
            "group partner positions not 0..n",
            "SELECT CAST(group_id AS TEXT) FROM group_partners GROUP BY group_id \
             HAVING MIN(position) <> 0 OR MAX(position) <> COUNT(*) - 1 OR COUNT(DISTINCT position) <> COUNT(*) \
             ORDER BY group_id",
        )
        .await?;
        let keywords: Vec<(i64, String)> = self
            .store
            .db()
            .all(q(
                "SELECT group_id, keyword FROM group_keywords ORDER BY group_id, position",
            ))
            .await?;
        let bad = keywords
            .into_iter()
            .filter(|(_, k)| normalize_keyword(k).as_deref() != Ok(k.as_str()))
            .map(|(g, k)| format!("{g} {k:?}"))
            .collect();
        self.report("group keyword not normalised", bad);
        Ok(())
    }

    async fn memberships(&mut self) -> Result<()> {
        self.rows(
            "membership of no existing group or account",
            "SELECT CAST(m.group_id AS TEXT) || '/' || CAST(m.user_id AS TEXT) FROM memberships m \
             WHERE NOT EXISTS (SELECT 1 FROM groups g WHERE g.id = m.group_id) \
             OR NOT EXISTS (SELECT 1 FROM users u WHERE u.id = m.user_id) ORDER BY 1",
        )
        .await?;
        self.rows(
            "role without a membership",
            "SELECT CAST(r.group_id AS TEXT) || '/' || CAST(r.user_id AS TEXT) FROM membership_roles r \
             WHERE NOT EXISTS (SELECT 1 FROM memberships m WHERE m.group_id = r.group_id AND m.user_id = r.user_id) \
             ORDER BY 1",
        )
        .await?;
        // Only hosted groups take members (referenced ones run elsewhere).
        self.rows(
            "member of a referenced group",
            "SELECT CAST(m.group_id AS TEXT) || '/' || CAST(m.user_id AS TEXT) FROM memberships m \
             JOIN groups g ON g.id = m.group_id WHERE NOT g.hosted ORDER BY 1",
        )
        .await?;
        // The proposer starts as facilitator, and the last one may neither
        // leave nor drop the role.
        self.rows(
            "hosted group with members and no facilitator",
            "SELECT CAST(g.id AS TEXT) FROM groups g WHERE g.hosted \
             AND EXISTS (SELECT 1 FROM memberships m WHERE m.group_id = g.id) \
             AND NOT EXISTS (SELECT 1 FROM membership_roles r WHERE r.group_id = g.id AND r.role = 'facilitator') \
             ORDER BY g.id",
        )
        .await?;
        self.rows(
            "member who joined before the group existed",
            "SELECT CAST(m.group_id AS TEXT) || '/' || CAST(m.user_id AS TEXT) FROM memberships m \
             JOIN groups g ON g.id = m.group_id WHERE m.joined_at < g.created_at ORDER BY 1",
        )
        .await?;
        self.rows(
            "account address not trimmed and lowercase",
            "SELECT email FROM users WHERE email <> LOWER(TRIM(email)) OR email NOT LIKE '%_@_%' ORDER BY id",
        )
        .await?;
        Ok(())
    }

    async fn pages(&mut self) -> Result<()> {
        // The page is its current revision; revisions are 1..n.
        self.rows(
            "page whose current revision is missing or differs",
            "SELECT CAST(p.id AS TEXT) FROM pages p WHERE p.revision < 1 OR NOT EXISTS \
             (SELECT 1 FROM page_revisions r WHERE r.page_id = p.id AND r.number = p.revision \
              AND r.title = p.title AND r.markdown = p.markdown) ORDER BY p.id",
        )
        .await?;
        self.rows(
            "page revisions not numbered 1..n",
            "SELECT CAST(p.id AS TEXT) FROM pages p WHERE p.revision <> \
             (SELECT COUNT(*) FROM page_revisions r WHERE r.page_id = p.id AND r.number BETWEEN 1 AND p.revision) \
             OR EXISTS (SELECT 1 FROM page_revisions r WHERE r.page_id = p.id AND r.number > p.revision) \
             ORDER BY p.id",
        )
        .await?;
        self.rows(
            "page changed before it was made",
            "SELECT CAST(id AS TEXT) FROM pages WHERE updated_at < created_at ORDER BY id",
        )
        .await?;
        // Each page's search document: its scope, address and effective access.
        #[derive(sqlx::FromRow)]
        struct Row {
            id: i64,
            group_id: Option<GroupId>,
            slug: String,
            read_access: Option<String>,
            group_slug: Option<String>,
            listed: Option<bool>,
            wiki_read: Option<String>,
            doc_scope: Option<i64>,
            doc_access: Option<String>,
            doc_url: Option<String>,
        }
        let rows: Vec<Row> = self
            .store
            .db()
            .all(q(
                "SELECT p.id, p.group_id, p.slug, p.read_access, g.slug AS group_slug, g.listed, g.wiki_read, \
                 d.scope AS doc_scope, d.access AS doc_access, d.url AS doc_url \
                 FROM pages p LEFT JOIN groups g ON g.id = p.group_id \
                 LEFT JOIN search_docs d ON d.kind = 'page' AND d.ref_id = p.id ORDER BY p.id",
            ))
            .await?;
        let mut missing = Vec::new();
        let mut wrong = Vec::new();
        for r in rows {
            let Some(access) = r.doc_access else {
                missing.push(r.id.to_string());
                continue;
            };
            let own = r.read_access.as_deref().map(ReadAccess::from_code);
            let expected = match (r.group_id, r.listed, r.wiki_read.as_deref()) {
                (None, _, _) => Some(ReadAccess::Everyone),
                (Some(_), Some(listed), Some(wiki)) => match (ReadAccess::from_code(wiki), own) {
                    (Some(wiki), None) => Some(effective_read(wiki, None, listed)),
                    (Some(wiki), Some(Some(own))) => Some(effective_read(wiki, Some(own), listed)),
                    _ => None, // an unknown code, reported with the codes
                },
                _ => None, // no group: reported with the references
            };
            let url = page_path(r.group_slug.as_deref(), &r.slug);
            if expected.is_some_and(|e| e.code() != access)
                || r.doc_scope != Some(crate::wiki::scope_of(r.group_id))
                || r.doc_url.as_deref() != Some(url.as_str())
            {
                wrong.push(format!("{} ({access})", r.id));
            }
        }
        self.report("page without its search document", missing);
        self.report(
            "page's search document not its scope, address or access",
            wrong,
        );
        Ok(())
    }

    async fn meetings(&mut self) -> Result<()> {
        self.rows(
            "meeting that does not end after it starts",
            "SELECT CAST(id AS TEXT) FROM meetings WHERE ends_at <= starts_at ORDER BY id",
        )
        .await?;
        self.rows(
            "meeting of no existing group, or of a referenced one",
            "SELECT CAST(m.id AS TEXT) FROM meetings m LEFT JOIN groups g ON g.id = m.group_id \
             WHERE g.id IS NULL OR NOT g.hosted ORDER BY m.id",
        )
        .await?;
        self.rows(
            "meeting of a series of another group",
            "SELECT CAST(m.id AS TEXT) FROM meetings m JOIN meeting_series s ON s.id = m.series_id \
             WHERE s.group_id <> m.group_id ORDER BY m.id",
        )
        .await?;
        self.rows(
            "meeting minutes in another group's wiki",
            "SELECT CAST(m.id AS TEXT) FROM meetings m JOIN pages p ON p.id = m.minutes_page_id \
             WHERE p.group_id IS NULL OR p.group_id <> m.group_id ORDER BY m.id",
        )
        .await?;
        // A scheduled meeting is found by search by those who see it; a
        // cancelled one is not found.
        #[derive(sqlx::FromRow)]
        struct Row {
            id: i64,
            status: String,
            visibility: String,
            listed: bool,
            proposed_by: Option<UserId>,
            hosted: bool,
            slug: String,
            doc_access: Option<String>,
            doc_url: Option<String>,
        }
        let rows: Vec<Row> = self
            .store
            .db()
            .all(q(
                "SELECT m.id, m.status, m.visibility, g.listed, g.proposed_by, g.hosted, g.slug, \
                 d.access AS doc_access, d.url AS doc_url FROM meetings m JOIN groups g ON g.id = m.group_id \
                 LEFT JOIN search_docs d ON d.kind = 'meeting' AND d.ref_id = m.id ORDER BY m.id",
            ))
            .await?;
        let mut wrong = Vec::new();
        for r in rows {
            let Some(visibility) = Visibility::from_code(&r.visibility) else {
                continue;
            };
            let group = meeting_rules::GroupAccess {
                listed: r.listed,
                proposed_by: r.proposed_by,
                hosted: r.hosted,
            };
            let expected = (r.status != "cancelled").then(|| {
                let access = if meeting_rules::is_public(group, visibility) {
                    ReadAccess::Everyone
                } else {
                    ReadAccess::Members
                };
                (
                    access.code().to_string(),
                    format!("/g/{}/meetings/{}", r.slug, r.id),
                )
            });
            let found = r.doc_access.zip(r.doc_url);
            if found != expected {
                wrong.push(r.id.to_string());
            }
        }
        self.report("meeting's search document missing or wrong", wrong);
        Ok(())
    }

    /// Every news item and project has its search document, readable by
    /// whoever the audience rule lets see it, at its address.
    async fn indexed_objects(&mut self) -> Result<()> {
        #[derive(sqlx::FromRow)]
        struct Row {
            id: i64,
            visibility: String,
            listed: bool,
            slug: String,
            doc_access: Option<String>,
            doc_url: Option<String>,
        }
        for (table, kind, path) in [
            ("news", "news", "news"),
            ("projects", "project", "projects"),
        ] {
            let rows: Vec<Row> = self
                .store
                .db()
                .all(q(format!(
                    "SELECT o.id, o.visibility, g.listed, g.slug, \
                     d.access AS doc_access, d.url AS doc_url FROM {table} o JOIN groups g ON g.id = o.group_id \
                     LEFT JOIN search_docs d ON d.kind = '{kind}' AND d.ref_id = o.id ORDER BY o.id"
                )))
                .await?;
            let mut wrong = Vec::new();
            for r in rows {
                let Some(visibility) = Visibility::from_code(&r.visibility) else {
                    continue;
                };
                let expected = (
                    visibility.index_access(r.listed).code().to_string(),
                    format!("/g/{}/{path}/{}", r.slug, r.id),
                );
                if r.doc_access.zip(r.doc_url) != Some(expected) {
                    wrong.push(r.id.to_string());
                }
            }
            self.report(&format!("{kind}'s search document missing or wrong"), wrong);
        }
        Ok(())
    }

    async fn discussions(&mut self) -> Result<()> {
        self.rows(
            "topic whose post count or last post is not its visible posts'",
            "SELECT CAST(t.id AS TEXT) FROM topics t WHERE t.post_count <> \
             (SELECT COUNT(*) FROM posts p WHERE p.topic_id = t.id AND p.status = 'visible') \
             OR t.last_post_at <> COALESCE((SELECT MAX(p.created_at) FROM posts p \
             WHERE p.topic_id = t.id AND p.status = 'visible'), t.created_at) ORDER BY t.id",
        )
        .await?;
        self.rows(
            "post in another group than its topic",
            "SELECT CAST(p.id AS TEXT) FROM posts p JOIN topics t ON t.id = p.topic_id \
             WHERE p.group_id <> t.group_id ORDER BY p.id",
        )
        .await?;
        self.rows(
            "post answering a post of another topic",
            "SELECT CAST(p.id AS TEXT) FROM posts p JOIN posts a ON a.id = p.parent_id \
             WHERE a.topic_id <> p.topic_id ORDER BY p.id",
        )
        .await?;
        self.rows(
            "post whose like count is not its likes",
            "SELECT CAST(p.id AS TEXT) FROM posts p WHERE p.like_count <> \
             (SELECT COUNT(*) FROM post_likes l WHERE l.post_id = p.id) ORDER BY p.id",
        )
        .await?;
        // A topic with visible posts is found by those who read the
        // group's discussions; one without is not found.
        #[derive(sqlx::FromRow)]
        struct Row {
            id: i64,
            visible: i64,
            listed: bool,
            discussions_read: String,
            doc_access: Option<String>,
        }
        let rows: Vec<Row> = self
            .store
            .db()
            .all(q(
                "SELECT t.id, (SELECT COUNT(*) FROM posts p WHERE p.topic_id = t.id AND p.status = 'visible') AS visible, \
                 g.listed, g.discussions_read, d.access AS doc_access FROM topics t JOIN groups g ON g.id = t.group_id \
                 LEFT JOIN search_docs d ON d.kind = 'topic' AND d.ref_id = t.id ORDER BY t.id",
            ))
            .await?;
        let mut wrong = Vec::new();
        for r in rows {
            let Some(read) = Visibility::from_code(&r.discussions_read) else {
                continue;
            };
            let expected = (r.visible > 0).then(|| read.index_access(r.listed).code().to_string());
            if r.doc_access != expected {
                wrong.push(r.id.to_string());
            }
        }
        self.report("topic's search document missing or wrong", wrong);
        Ok(())
    }

    async fn polls(&mut self) -> Result<()> {
        self.rows(
            "poll answer to an option of another poll",
            "SELECT CAST(a.participant_id AS TEXT) || '/' || CAST(a.option_id AS TEXT) FROM poll_answers a \
             JOIN poll_participants p ON p.id = a.participant_id JOIN poll_options o ON o.id = a.option_id \
             WHERE p.poll_id <> o.poll_id ORDER BY 1",
        )
        .await?;
        self.rows(
            "poll's meeting in another group",
            "SELECT CAST(p.id AS TEXT) FROM polls p JOIN meetings m ON m.id = p.meeting_id \
             WHERE m.group_id <> p.group_id ORDER BY p.id",
        )
        .await?;
        Ok(())
    }

    async fn search_index(&mut self) -> Result<()> {
        self.rows(
            "search document of nothing",
            "SELECT d.kind || ' ' || CAST(d.ref_id AS TEXT) FROM search_docs d WHERE \
             (d.kind = 'page' AND NOT EXISTS (SELECT 1 FROM pages p WHERE p.id = d.ref_id)) \
             OR (d.kind = 'meeting' AND NOT EXISTS (SELECT 1 FROM meetings m WHERE m.id = d.ref_id)) \
             OR (d.kind = 'topic' AND NOT EXISTS (SELECT 1 FROM topics t WHERE t.id = d.ref_id)) \
             ORDER BY d.id",
        )
        .await?;
        // SQLite keeps the terms in its full-text table, row for row.
        if self.store.backend() == Backend::Sqlite {
            self.rows(
                "search document missing from the full-text index",
                "SELECT CAST(d.id AS TEXT) FROM search_docs d \
                 WHERE NOT EXISTS (SELECT 1 FROM search_fts f WHERE f.rowid = d.id) ORDER BY d.id",
            )
            .await?;
            self.rows(
                "full-text row of no search document",
                "SELECT CAST(f.rowid AS TEXT) FROM search_fts f \
                 WHERE NOT EXISTS (SELECT 1 FROM search_docs d WHERE d.id = f.rowid) ORDER BY f.rowid",
            )
            .await?;
        }
        Ok(())
    }
}
