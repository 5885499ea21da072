//! Newsletters (see `essaim_domain::newsletter`): the letters of a group or
//! an ecosystem keyword with their items, what the draft is made of (read
//! from the activity log over a set of groups in one indexed range read),
//! the contributors of a period, and the sending's deliveries (one row per
//! letter and address, written with its email in one transaction).

use essaim_domain::activity::{Audience, EventKind};
use essaim_domain::ids::GroupId;
use essaim_domain::jobs::NewsletterSend;
use essaim_domain::newsletter::{
    Contribution, Contributor, Counted, DraftItem, ItemKind, Reach, Schedule, Status, Version,
};
use serde::Serialize;

use crate::activity::{self, Event, NewEvent};
use crate::db::{build, push, q, Arg};
use crate::outbox::OutgoingEmail;
use crate::{jobs, outbox, Result, Store, StoreError};

/// Whose letter it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Owner {
    /// A group's.
    Group(GroupId),
    /// An ecosystem keyword's.
    Keyword(String),
}

impl Owner {
    fn filter(&self, sql: &mut String, args: &mut Vec<Arg>) {
        match self {
            Owner::Group(id) => push(sql, args, "n.group_id = $?", (*id).into()),
            Owner::Keyword(k) => push(sql, args, "n.keyword = $?", k.into()),
        }
    }
}

/// One letter.
#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct Newsletter {
    /// Identifier.
    pub id: i64,
    /// Its group, for a group's letter.
    pub group_id: Option<GroupId>,
    /// Its keyword, for an ecosystem's.
    pub keyword: Option<String>,
    /// The period it covers, from (included)…
    pub period_from: i64,
    /// …to (excluded).
    pub period_to: i64,
    /// Where it stands.
    #[sqlx(try_from = "String")]
    pub status: Status,
    /// How many addresses it goes to (once sending started).
    pub total: i64,
    /// How many it went to so far.
    pub sent: i64,
    /// Made at.
    pub created_at: i64,
    /// Sent at.
    pub sent_at: Option<i64>,
}

const COLUMNS: &str =
    "n.id, n.group_id, n.keyword, n.period_from, n.period_to, n.status, n.total, \
     (SELECT COUNT(*) FROM newsletter_deliveries d WHERE d.newsletter_id = n.id) AS sent, \
     n.created_at, n.sent_at";

/// One item of a letter.
#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct Item {
    /// Identifier.
    pub id: i64,
    /// Its place in the letter.
    pub position: i64,
    /// Its kind.
    #[sqlx(try_from = "String")]
    pub kind: ItemKind,
    /// Which versions it goes into.
    #[sqlx(try_from = "String")]
    pub reach: Reach,
    /// What it is about (stable across drafts).
    pub item_key: String,
    /// Its title.
    pub title: String,
    /// Its link (a path), or empty.
    pub url: String,
    /// A few words more.
    pub excerpt: String,
    /// When it happens, or 0.
    pub at: i64,
    /// The people it names, as JSON.
    #[serde(skip)]
    pub people: String,
    /// The editor's words, if they gave some.
    pub text: Option<String>,
    /// Removed by an editor (kept so a new draft leaves it out too).
    pub removed: bool,
}

impl Item {
    /// The people it names.
    pub fn people(&self) -> std::result::Result<Vec<Contributor>, StoreError> {
        let corrupt = |e: String| StoreError::Corrupt(format!("newsletter item {}: {e}", self.id));
        serde_json::from_str::<Vec<Person>>(&self.people)
            .map_err(|e| corrupt(e.to_string()))?
            .into_iter()
            .map(|p| {
                let did = p
                    .did
                    .into_iter()
                    .map(|(code, n)| {
                        contribution_of(&code)
                            .map(|c| (c, n))
                            .ok_or_else(|| corrupt(format!("contribution {code}")))
                    })
                    .collect::<std::result::Result<_, _>>()?;
                Ok(Contributor {
                    user_id: p.user_id,
                    name: p.name,
                    did,
                })
            })
            .collect()
    }

    /// Whether it is in `version` (and not removed).
    pub fn in_version(&self, version: Version) -> bool {
        !self.removed && self.reach.in_version(version)
    }
}

fn contribution_of(code: &str) -> Option<Contribution> {
    [
        Contribution::Wiki,
        Contribution::Resources,
        Contribution::Minutes,
        Contribution::ProjectNews,
        Contribution::LikedAnswers,
    ]
    .into_iter()
    .find(|c| c.code() == code)
}

/// A person an item names, as stored (JSON).
#[derive(serde::Serialize, serde::Deserialize)]
struct Person {
    user_id: Option<i64>,
    name: String,
    did: Vec<(String, i64)>,
}

fn people_json(people: &[Contributor]) -> String {
    let rows: Vec<Person> = people
        .iter()
        .map(|c| Person {
            user_id: c.user_id,
            name: c.name.clone(),
            did: c
                .did
                .iter()
                .map(|(w, n)| (w.code().to_string(), *n))
                .collect(),
        })
        .collect();
    serde_json::to_string(&rows).unwrap_or_else(|_| "[]".into())
}

const ITEM_COLUMNS: &str =
    "id, position, kind, reach, item_key, title, url, excerpt, at, people, text, removed <> 0 AS removed";

fn id_list(groups: &[GroupId]) -> String {
    // Ids are integers: safe to inline.
    groups
        .iter()
        .map(|g| g.0.to_string())
        .collect::<Vec<_>>()
        .join(",")
}

impl Store {
    /// Every event of `groups` from `from` to `to`, oldest first: one range
    /// read per group on the `(group_id, at)` index, in one statement.
    pub async fn activity_of_groups(
        &self,
        groups: &[GroupId],
        from: i64,
        to: i64,
        public_only: bool,
    ) -> Result<Vec<Event>> {
        if groups.is_empty() {
            return Ok(Vec::new());
        }
        let public = if public_only {
            " AND a.audience = 'public'"
        } else {
            ""
        };
        self.db()
            .all(
                q(format!(
                    "SELECT a.id, a.group_id, a.kind, a.actor_id, a.actor_name, a.object_id, a.title, a.url, \
                            a.audience, a.at FROM activity a \
                     WHERE a.group_id IN ({}) AND a.at >= $1 AND a.at < $2{public} ORDER BY a.at, a.id",
                    id_list(groups)
                ))
                .bind(from)
                .bind(to),
            )
            .await
    }

    /// The wiki pages of `groups` created from `from` to `to`, with their
    /// text (their first lines become the letter's excerpt).
    pub async fn pages_created_between(
        &self,
        groups: &[GroupId],
        from: i64,
        to: i64,
    ) -> Result<Vec<(i64, String)>> {
        #[derive(sqlx::FromRow)]
        struct Row {
            id: i64,
            markdown: String,
        }
        if groups.is_empty() {
            return Ok(Vec::new());
        }
        let rows: Vec<Row> = self
            .db()
            .all(
                q(format!(
                    "SELECT id, markdown FROM pages WHERE group_id IN ({}) AND created_at >= $1 AND created_at < $2",
                    id_list(groups)
                ))
                .bind(from)
                .bind(to),
            )
            .await?;
        Ok(rows.into_iter().map(|r| (r.id, r.markdown)).collect())
    }

    /// What each person did in `groups` from `from` to `to`, counted over
    /// what readers of `audiences` may read: the distinct objects of their
    /// events that count ([`Contribution::of_event`]), and the likes others
    /// gave their answers in the period. The one source of the letter's
    /// thanks and of the contributors page.
    pub async fn contributions(
        &self,
        groups: &[GroupId],
        from: i64,
        to: i64,
        audiences: &[Audience],
    ) -> Result<Vec<Counted>> {
        #[derive(sqlx::FromRow)]
        struct Row {
            actor_id: Option<i64>,
            actor_name: String,
            kind: String,
            n: i64,
        }
        if groups.is_empty() || audiences.is_empty() {
            return Ok(Vec::new());
        }
        let kinds: Vec<String> = EventKind::ALL
            .into_iter()
            .filter(|k| Contribution::of_event(*k).is_some())
            .map(|k| format!("'{}'", k.code()))
            .collect();
        let audience_codes: Vec<String> = audiences
            .iter()
            .map(|a| format!("'{}'", a.code()))
            .collect();
        let ids = id_list(groups);
        let likes_audience = activity::DISCUSSIONS_AUDIENCE;
        let rows: Vec<Row> = self
            .db()
            .all(
                q(format!(
                    "SELECT a.actor_id, MAX(a.actor_name) AS actor_name, a.kind, COUNT(DISTINCT a.object_id) AS n \
                     FROM activity a WHERE a.group_id IN ({ids}) AND a.at >= $1 AND a.at < $2 \
                       AND a.kind IN ({kinds}) AND a.audience IN ({auds}) AND a.actor_name <> '' \
                     GROUP BY a.actor_id, CASE WHEN a.actor_id IS NULL THEN a.actor_name ELSE '' END, a.kind \
                     UNION ALL \
                     SELECT p.author_id AS actor_id, MAX(p.author_name) AS actor_name, 'liked_answers' AS kind, COUNT(*) AS n \
                     FROM post_likes l JOIN posts p ON p.id = l.post_id JOIN groups g ON g.id = p.group_id \
                     WHERE p.group_id IN ({ids}) AND l.created_at >= $1 AND l.created_at < $2 \
                       AND p.author_id IS NOT NULL AND l.user_id <> p.author_id AND p.status = 'visible' \
                       AND {likes_audience} IN ({auds}) \
                     GROUP BY p.author_id",
                    kinds = kinds.join(", "),
                    auds = audience_codes.join(", "),
                ))
                .bind(from)
                .bind(to),
            )
            .await?;
        rows.into_iter()
            .map(|r| {
                let what = match r.kind.as_str() {
                    "liked_answers" => Some(Contribution::LikedAnswers),
                    code => EventKind::from_code(code).and_then(Contribution::of_event),
                }
                .ok_or_else(|| StoreError::Corrupt(format!("activity kind {}", r.kind)))?;
                Ok(Counted {
                    user_id: r.actor_id,
                    name: r.actor_name,
                    what,
                    count: r.n,
                })
            })
            .collect()
    }

    /// A group's newsletter schedule (monthly until its editors choose).
    pub async fn newsletter_schedule(&self, group_id: GroupId) -> Result<Schedule> {
        #[derive(sqlx::FromRow)]
        struct Row {
            schedule: String,
        }
        let row: Option<Row> = self
            .db()
            .opt(q("SELECT schedule FROM newsletter_settings WHERE group_id = $1").bind(group_id))
            .await?;
        match row {
            None => Ok(Schedule::default()),
            Some(r) => Schedule::from_code(&r.schedule)
                .ok_or_else(|| StoreError::Corrupt(format!("newsletter schedule {}", r.schedule))),
        }
    }

    /// Sets a group's newsletter schedule.
    pub async fn set_newsletter_schedule(
        &self,
        group_id: GroupId,
        schedule: Schedule,
    ) -> Result<()> {
        self.db()
            .execute(
                q(
                    "INSERT INTO newsletter_settings (group_id, schedule) VALUES ($1, $2) \
                   ON CONFLICT (group_id) DO UPDATE SET schedule = excluded.schedule",
                )
                .bind(group_id)
                .bind(schedule.code()),
            )
            .await?;
        Ok(())
    }

    /// The hosted groups whose schedule prepares drafts, with it, and the
    /// end of their last letter (sent or being sent) and whether a draft
    /// waits.
    pub async fn newsletter_due_list(&self) -> Result<Vec<(GroupId, Schedule, Option<i64>, bool)>> {
        #[derive(sqlx::FromRow)]
        struct Row {
            id: GroupId,
            schedule: Option<String>,
            last_to: Option<i64>,
            drafts: i64,
        }
        let rows: Vec<Row> = self
            .db()
            .all(q(
                "SELECT g.id, s.schedule, \
                        (SELECT MAX(n.period_to) FROM newsletters n WHERE n.group_id = g.id AND n.status <> 'draft') AS last_to, \
                        (SELECT COUNT(*) FROM newsletters n WHERE n.group_id = g.id AND n.status = 'draft') AS drafts \
                 FROM groups g LEFT JOIN newsletter_settings s ON s.group_id = g.id \
                 WHERE g.hosted AND (s.schedule IS NULL OR s.schedule <> 'never') ORDER BY g.id",
            ))
            .await?;
        rows.into_iter()
            .map(|r| {
                let schedule = match r.schedule {
                    None => Schedule::default(),
                    Some(code) => Schedule::from_code(&code).ok_or_else(|| {
                        StoreError::Corrupt(format!("newsletter schedule {code}"))
                    })?,
                };
                Ok((r.id, schedule, r.last_to, r.drafts > 0))
            })
            .collect()
    }

    /// The letters of `owner` in `statuses`, newest first.
    pub async fn newsletters_of(
        &self,
        owner: &Owner,
        statuses: &[Status],
    ) -> Result<Vec<Newsletter>> {
        let mut sql = format!("SELECT {COLUMNS} FROM newsletters n WHERE ");
        let mut args = Vec::new();
        owner.filter(&mut sql, &mut args);
        let codes: Vec<String> = statuses.iter().map(|s| format!("'{}'", s.code())).collect();
        sql.push_str(&format!(
            " AND n.status IN ({}) ORDER BY n.period_to DESC, n.id DESC",
            if codes.is_empty() {
                "''".to_string()
            } else {
                codes.join(", ")
            }
        ));
        self.db().all(build(sql, args)).await
    }

    /// Where the next letter of `owner` starts: the end of the last one
    /// sent (or being sent), if any.
    pub async fn last_newsletter_end(&self, owner: &Owner) -> Result<Option<i64>> {
        Ok(self
            .newsletters_of(owner, &[Status::Sending, Status::Sent])
            .await?
            .first()
            .map(|n| n.period_to))
    }

    /// One letter.
    pub async fn newsletter(&self, id: i64) -> Result<Option<Newsletter>> {
        self.db()
            .opt(
                q(format!(
                    "SELECT {COLUMNS} FROM newsletters n WHERE n.id = $1"
                ))
                .bind(id),
            )
            .await
    }

    /// The items of a letter in order (removed ones too: the draft page
    /// shows them to put back).
    pub async fn newsletter_items(&self, id: i64) -> Result<Vec<Item>> {
        self.db()
            .all(
                q(format!(
                    "SELECT {ITEM_COLUMNS} FROM newsletter_items WHERE newsletter_id = $1 ORDER BY position, id"
                ))
                .bind(id),
            )
            .await
    }

    /// Writes the draft of `owner` for `from`..`to` with `items`: a new
    /// draft, or the waiting one made again. Items an editor touched keep
    /// their words, their removal and their place; items no longer there
    /// go; new ones come after. Gives the draft's id.
    pub async fn save_newsletter_draft(
        &self,
        owner: &Owner,
        from: i64,
        to: i64,
        items: &[DraftItem],
    ) -> Result<i64> {
        #[derive(sqlx::FromRow)]
        struct Id {
            id: i64,
        }
        let now = self.now();
        let mut tx = self.db().begin().await?;
        let mut sql = "SELECT n.id FROM newsletters n WHERE n.status = 'draft' AND ".to_string();
        let mut args = Vec::new();
        owner.filter(&mut sql, &mut args);
        let existing: Option<Id> = tx.opt(build(sql, args)).await?;
        let (group_id, keyword) = match owner {
            Owner::Group(g) => (Some(g.0), None),
            Owner::Keyword(k) => (None, Some(k.clone())),
        };
        let id = match existing {
            Some(row) => {
                tx.execute(
                    q("UPDATE newsletters SET period_from = $1, period_to = $2 WHERE id = $3")
                        .bind(from)
                        .bind(to)
                        .bind(row.id),
                )
                .await?;
                row.id
            }
            None => {
                let row: Id = tx
                    .one(
                        q("INSERT INTO newsletters (group_id, keyword, period_from, period_to, status, created_at) \
                           VALUES ($1, $2, $3, $4, 'draft', $5) RETURNING id")
                        .bind(group_id)
                        .bind(keyword)
                        .bind(from)
                        .bind(to)
                        .bind(now),
                    )
                    .await?;
                row.id
            }
        };
        let kept: Vec<Item> = tx
            .all(
                q(format!(
                    "SELECT {ITEM_COLUMNS} FROM newsletter_items WHERE newsletter_id = $1 ORDER BY position, id"
                ))
                .bind(id),
            )
            .await?;
        let keys: Vec<&str> = items.iter().map(|i| i.key.as_str()).collect();
        for old in kept.iter().filter(|o| !keys.contains(&o.item_key.as_str())) {
            tx.execute(q("DELETE FROM newsletter_items WHERE id = $1").bind(old.id))
                .await?;
        }
        let mut next = kept.iter().map(|o| o.position).max().unwrap_or(0) + 1;
        for item in items {
            let position = match kept.iter().find(|o| o.item_key == item.key) {
                Some(old) => old.position,
                None => {
                    next += 1;
                    next - 1
                }
            };
            tx.execute(
                q("INSERT INTO newsletter_items (newsletter_id, position, kind, reach, item_key, title, url, excerpt, at, people) \
                   VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) \
                   ON CONFLICT (newsletter_id, item_key) DO UPDATE SET kind = excluded.kind, reach = excluded.reach, \
                     title = excluded.title, url = excluded.url, excerpt = excluded.excerpt, at = excluded.at, people = excluded.people")
                .bind(id)
                .bind(position)
                .bind(item.kind.code())
                .bind(item.reach.code())
                .bind(&item.key)
                .bind(&item.title)
                .bind(&item.url)
                .bind(&item.excerpt)
                .bind(item.at)
                .bind(people_json(&item.people)),
            )
            .await?;
        }
        tx.commit().await?;
        Ok(id)
    }

    /// Gives item `item_id` of draft `id` the editor's `text` (empty: its
    /// own words back); false when there is no such item in a draft.
    pub async fn edit_newsletter_item(&self, id: i64, item_id: i64, text: &str) -> Result<bool> {
        let text = (!text.is_empty()).then_some(text);
        let n = self
            .db()
            .execute(
                q(
                    "UPDATE newsletter_items SET text = $1 WHERE id = $2 AND newsletter_id = $3 \
                   AND newsletter_id IN (SELECT id FROM newsletters WHERE status = 'draft')",
                )
                .bind(text)
                .bind(item_id)
                .bind(id),
            )
            .await?;
        Ok(n > 0)
    }

    /// Removes (or puts back) an item of a draft.
    pub async fn remove_newsletter_item(
        &self,
        id: i64,
        item_id: i64,
        removed: bool,
    ) -> Result<bool> {
        let n = self
            .db()
            .execute(
                q("UPDATE newsletter_items SET removed = $1 WHERE id = $2 AND newsletter_id = $3 \
                   AND newsletter_id IN (SELECT id FROM newsletters WHERE status = 'draft')")
                .bind(i64::from(removed))
                .bind(item_id)
                .bind(id),
            )
            .await?;
        Ok(n > 0)
    }

    /// Moves an item of a draft one place up (or down): it swaps places
    /// with its neighbour.
    pub async fn move_newsletter_item(&self, id: i64, item_id: i64, up: bool) -> Result<bool> {
        let mut tx = self.db().begin().await?;
        let items: Vec<Item> = tx
            .all(
                q(format!(
                    "SELECT {ITEM_COLUMNS} FROM newsletter_items WHERE newsletter_id = $1 \
                     AND newsletter_id IN (SELECT id FROM newsletters WHERE status = 'draft') ORDER BY position, id"
                ))
                .bind(id),
            )
            .await?;
        let Some(at) = items.iter().position(|i| i.id == item_id) else {
            return Ok(false);
        };
        let other = if up { at.checked_sub(1) } else { Some(at + 1) };
        let Some(other) = other.filter(|o| *o < items.len()) else {
            return Ok(true);
        };
        // Positions are renumbered in order, then the two swap.
        for (i, item) in items.iter().enumerate() {
            let position = if i == at {
                other
            } else if i == other {
                at
            } else {
                i
            };
            tx.execute(
                q("UPDATE newsletter_items SET position = $1 WHERE id = $2")
                    .bind(position as i64)
                    .bind(item.id),
            )
            .await?;
        }
        tx.commit().await?;
        Ok(true)
    }

    /// Turns draft `id` into a letter being sent to `total` addresses and
    /// queues its sending job, in one transaction; false when it was not a
    /// draft (sent already, or by someone else at the same moment).
    pub async fn start_newsletter_sending(&self, id: i64, total: i64) -> Result<bool> {
        let now = self.now();
        let mut tx = self.db().begin().await?;
        let n = tx
            .execute(
                q("UPDATE newsletters SET status = 'sending', total = $1 WHERE id = $2 AND status = 'draft'")
                    .bind(total)
                    .bind(id),
            )
            .await?;
        if n == 0 {
            return Ok(false);
        }
        jobs::enqueue(&mut tx, &NewsletterSend { newsletter_id: id }, now, now).await?;
        tx.commit().await?;
        Ok(true)
    }

    /// The addresses letter `id` went to already.
    pub async fn newsletter_delivered(&self, id: i64) -> Result<Vec<String>> {
        #[derive(sqlx::FromRow)]
        struct Row {
            email: String,
        }
        let rows: Vec<Row> = self
            .db()
            .all(q("SELECT email FROM newsletter_deliveries WHERE newsletter_id = $1").bind(id))
            .await?;
        Ok(rows.into_iter().map(|r| r.email).collect())
    }

    /// One sending step of letter `id`: each email of `batch` is written to
    /// the outbox with its delivery row, in one transaction; an address
    /// that has its row already (a step run twice after a crash) gets
    /// nothing. Then either the next step is queued (`more`) or the letter
    /// is marked sent with its event `done`. Gives how many were written.
    pub async fn deliver_newsletter_batch(
        &self,
        id: i64,
        batch: &[(Version, OutgoingEmail)],
        more: bool,
        done: Option<NewEvent<'_>>,
    ) -> Result<usize> {
        #[derive(sqlx::FromRow)]
        struct Email {
            #[allow(dead_code)]
            email: String,
        }
        let now = self.now();
        let mut tx = self.db().begin().await?;
        let mut written = 0;
        for (version, email) in batch {
            let fresh: Option<Email> = tx
                .opt(
                    q("INSERT INTO newsletter_deliveries (newsletter_id, email, version, created_at) \
                       VALUES ($1, $2, $3, $4) ON CONFLICT (newsletter_id, email) DO NOTHING RETURNING email")
                    .bind(id)
                    .bind(email.to.to_lowercase())
                    .bind(match version {
                        Version::Members => "members",
                        Version::Public => "public",
                    })
                    .bind(now),
                )
                .await?;
            if fresh.is_some() {
                outbox::enqueue(&mut tx, email, now).await?;
                written += 1;
            }
        }
        if more {
            jobs::enqueue(&mut tx, &NewsletterSend { newsletter_id: id }, now, now).await?;
        } else {
            let n = tx
                .execute(
                    q("UPDATE newsletters SET status = 'sent', sent_at = $1 WHERE id = $2 AND status = 'sending'")
                        .bind(now)
                        .bind(id),
                )
                .await?;
            if let (1, Some(event)) = (n, done) {
                activity::record(&mut tx, &event).await?;
            }
        }
        tx.commit().await?;
        Ok(written)
    }
}

impl Store {
    /// Whether any group has a letter or chose a schedule (the tick is
    /// only needed then).
    pub async fn newsletters_exist(&self) -> Result<bool> {
        #[derive(sqlx::FromRow)]
        struct N {
            n: i64,
        }
        let row: N = self
            .db()
            .one(q(
                "SELECT (SELECT COUNT(*) FROM newsletters) + (SELECT COUNT(*) FROM newsletter_settings) AS n",
            ))
            .await?;
        Ok(row.n > 0)
    }
}

impl Store {
    /// The groups of an ecosystem keyword whose public life its letter
    /// tells: hosted and in the directory.
    pub async fn ecosystem_groups(&self, keyword: &str) -> Result<Vec<GroupId>> {
        #[derive(sqlx::FromRow)]
        struct Row {
            group_id: GroupId,
        }
        let rows: Vec<Row> = self
            .db()
            .all(
                q(
                    "SELECT k.group_id FROM group_keywords k JOIN groups g ON g.id = k.group_id \
                   WHERE k.keyword = $1 AND g.hosted AND g.listed ORDER BY k.group_id",
                )
                .bind(keyword),
            )
            .await?;
        Ok(rows.into_iter().map(|r| r.group_id).collect())
    }
}
