//! The usages board of a group: whether it is switched on, its usages with
//! their estimates and supporters, and its sprints with their reviews.

use essaim_domain::activity::{Audience, EventKind};
use essaim_domain::ids::{GroupId, UserId};
use essaim_domain::usages::{Estimate, SprintDates, UsageDraft, UsageStatus};
use serde::Serialize;

use crate::activity::{self, NewEvent};
use crate::db::{q, Tx};
use crate::{Result, Store};

const USAGE_COLUMNS: &str =
    "u.id, u.group_id, u.author_id, u.author_name, u.as_who, u.want, u.so_that, \
     u.cost, u.impact, u.status, u.sprint_id, u.created_at, u.updated_at, \
     (SELECT COUNT(*) FROM usage_supports s WHERE s.usage_id = u.id) AS supporters, \
     g.slug AS group_slug";

const SPRINT_COLUMNS: &str =
    "sp.id, sp.group_id, sp.starts_on, sp.ends_on, sp.created_by, sp.created_at, \
     sp.learned, sp.review_page, sp.reviewed_at, g.slug AS group_slug";

/// The audience of the board's events: its group's wiki's (the same
/// mapping as `Audience::of_read_access`), followed by
/// `activity::refresh_wiki` when the wiki's access changes.
pub(crate) const BOARD_AUDIENCE: &str = "CASE g.wiki_read \
     WHEN 'everyone' THEN 'public' WHEN 'members' THEN 'members' ELSE 'facilitators' END";

/// The kinds of event whose object is on a usages board.
pub(crate) const BOARD_KINDS: &str = "('usage_proposed', 'sprint_planned', 'sprint_reviewed')";

/// One usage.
#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct Usage {
    /// Identifier.
    pub id: i64,
    /// Its group.
    pub group_id: GroupId,
    /// Who proposed it, if the account still exists.
    pub author_id: Option<UserId>,
    /// Their name when they proposed it.
    pub author_name: String,
    /// As … (who).
    pub as_who: String,
    /// I want … (what).
    pub want: String,
    /// So that … (why).
    pub so_that: String,
    /// Cost, 1–3, once estimated.
    pub cost: Option<i64>,
    /// Expected impact, 1–3, once estimated.
    pub impact: Option<i64>,
    /// Where it stands.
    #[sqlx(try_from = "String")]
    pub status: UsageStatus,
    /// The sprint it is (or was) planned in.
    pub sprint_id: Option<i64>,
    /// Proposed at.
    pub created_at: i64,
    /// Last changed at.
    pub updated_at: i64,
    /// How many members support it.
    pub supporters: i64,
    /// Its group's short name.
    pub group_slug: String,
}

impl Usage {
    /// Its page.
    pub fn path(&self) -> String {
        format!("/g/{}/usages/{}", self.group_slug, self.id)
    }

    /// What the board's ranking reads of it.
    pub fn rank(&self) -> essaim_domain::usages::Rank {
        essaim_domain::usages::Rank {
            cost: self.cost,
            impact: self.impact,
            supporters: self.supporters,
            created_at: self.created_at,
            id: self.id,
        }
    }
}

/// One sprint.
#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct Sprint {
    /// Identifier.
    pub id: i64,
    /// Its group.
    pub group_id: GroupId,
    /// First day, `YYYY-MM-DD`.
    pub starts_on: String,
    /// Day of the review, `YYYY-MM-DD`.
    pub ends_on: String,
    /// Who opened it.
    pub created_by: Option<UserId>,
    /// Opened at.
    pub created_at: i64,
    /// What we learned (empty until reviewed).
    pub learned: String,
    /// The short address of its review's wiki page, once reviewed.
    pub review_page: Option<String>,
    /// Reviewed at.
    pub reviewed_at: Option<i64>,
    /// Its group's short name.
    pub group_slug: String,
}

impl Sprint {
    /// Its page.
    pub fn path(&self) -> String {
        format!("/g/{}/usages/sprints/{}", self.group_slug, self.id)
    }
}

/// Writes one board event inside `tx`, with its group's wiki audience
/// (whatever `event.audience` says).
async fn board_event(tx: &mut Tx, mut event: NewEvent<'_>) -> Result<()> {
    #[derive(sqlx::FromRow)]
    struct Row {
        audience: String,
    }
    let row: Row = tx
        .one(
            q(format!(
                "SELECT {BOARD_AUDIENCE} AS audience FROM groups g WHERE g.id = $1"
            ))
            .bind(event.group_id),
        )
        .await?;
    event.audience = Audience::from_code(&row.audience).unwrap_or(Audience::Facilitators);
    activity::record(tx, &event).await
}

/// An event of the board by `actor`, its audience set by [`board_event`].
fn event<'a>(
    kind: EventKind,
    group_id: GroupId,
    actor: (UserId, &'a str),
    object: (i64, &'a str, &'a str),
    at: i64,
) -> NewEvent<'a> {
    NewEvent {
        group_id,
        kind,
        actor_id: Some(actor.0),
        actor_name: actor.1,
        object_id: Some(object.0),
        title: object.1,
        url: object.2,
        audience: Audience::Facilitators,
        at,
    }
}

impl Store {
    /// Whether a group's usages board is switched on.
    pub async fn usages_enabled(&self, group_id: GroupId) -> Result<bool> {
        #[derive(sqlx::FromRow)]
        struct Row {
            usages_enabled: bool,
        }
        let row: Option<Row> = self
            .db()
            .opt(q("SELECT usages_enabled FROM groups WHERE id = $1").bind(group_id))
            .await?;
        Ok(row.is_some_and(|r| r.usages_enabled))
    }

    /// Switches a group's usages board on or off (its usages are kept).
    pub async fn set_usages_enabled(&self, group_id: GroupId, on: bool) -> Result<()> {
        self.db()
            .execute(
                q("UPDATE groups SET usages_enabled = $1 WHERE id = $2")
                    .bind(on)
                    .bind(group_id),
            )
            .await?;
        Ok(())
    }

    /// Adds a usage of `group_id` by `author`, and its event, in one
    /// transaction; gives its id.
    pub async fn create_usage(
        &self,
        group_id: GroupId,
        author: (UserId, &str),
        draft: &UsageDraft,
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
                q("INSERT INTO usages (group_id, author_id, author_name, as_who, want, so_that, cost, impact, status, created_at, updated_at) \
                   VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'proposed', $9, $9) \
                   RETURNING id, (SELECT slug FROM groups WHERE id = $1) AS slug")
                .bind(group_id)
                .bind(author.0)
                .bind(author.1)
                .bind(&draft.as_who)
                .bind(&draft.want)
                .bind(&draft.so_that)
                .bind(draft.cost)
                .bind(draft.impact)
                .bind(now),
            )
            .await?;
        let url = format!("/g/{}/usages/{}", row.slug, row.id);
        let kind = EventKind::UsageProposed;
        board_event(
            &mut tx,
            event(kind, group_id, author, (row.id, &draft.want, &url), now),
        )
        .await?;
        tx.commit().await?;
        Ok(row.id)
    }

    /// One usage.
    pub async fn usage(&self, id: i64) -> Result<Option<Usage>> {
        self.db()
            .opt(
                q(format!(
                    "SELECT {USAGE_COLUMNS} FROM usages u JOIN groups g ON g.id = u.group_id WHERE u.id = $1"
                ))
                .bind(id),
            )
            .await
    }

    /// Every usage of a group, oldest first (the board ranks them).
    pub async fn usages_of_group(&self, group_id: GroupId) -> Result<Vec<Usage>> {
        self.db()
            .all(
                q(format!(
                    "SELECT {USAGE_COLUMNS} FROM usages u JOIN groups g ON g.id = u.group_id \
                     WHERE u.group_id = $1 ORDER BY u.created_at, u.id"
                ))
                .bind(group_id),
            )
            .await
    }

    /// The usages of a group that `user_id` supports.
    pub async fn usages_supported_by(
        &self,
        group_id: GroupId,
        user_id: UserId,
    ) -> Result<Vec<i64>> {
        #[derive(sqlx::FromRow)]
        struct Row {
            usage_id: i64,
        }
        let rows: Vec<Row> = self
            .db()
            .all(
                q(
                    "SELECT s.usage_id FROM usage_supports s JOIN usages u ON u.id = s.usage_id \
                   WHERE u.group_id = $1 AND s.user_id = $2",
                )
                .bind(group_id)
                .bind(user_id),
            )
            .await?;
        Ok(rows.into_iter().map(|r| r.usage_id).collect())
    }

    /// Gives or takes back `user_id`'s support of a usage (one per member);
    /// says whether they support it now.
    pub async fn toggle_usage_support(&self, usage_id: i64, user_id: UserId) -> Result<bool> {
        let mut tx = self.db().begin().await?;
        let removed = tx
            .execute(
                q("DELETE FROM usage_supports WHERE usage_id = $1 AND user_id = $2")
                    .bind(usage_id)
                    .bind(user_id),
            )
            .await?;
        if removed == 0 {
            tx.execute(
                q("INSERT INTO usage_supports (usage_id, user_id, created_at) VALUES ($1, $2, $3) \
                   ON CONFLICT (usage_id, user_id) DO NOTHING")
                .bind(usage_id)
                .bind(user_id)
                .bind(self.now()),
            )
            .await?;
        }
        tx.commit().await?;
        Ok(removed == 0)
    }

    /// Sets a usage's estimates and status. A usage taken out of the
    /// planned ones leaves its sprint unless reviewed in it.
    pub async fn estimate_usage(&self, id: i64, estimate: &Estimate) -> Result<()> {
        self.db()
            .execute(
                q("UPDATE usages SET cost = $1, impact = $2, status = $3, updated_at = $4, \
                     sprint_id = CASE WHEN $3 = 'proposed' OR $3 = 'set_aside' THEN NULL ELSE sprint_id END \
                   WHERE id = $5")
                .bind(estimate.cost)
                .bind(estimate.impact)
                .bind(estimate.status.code())
                .bind(self.now())
                .bind(id),
            )
            .await?;
        Ok(())
    }

    /// Opens a sprint of `group_id` and plans `usage_ids` (of that group)
    /// in it, with its event, in one transaction; gives its id.
    pub async fn create_sprint(
        &self,
        group_id: GroupId,
        by: (UserId, &str),
        dates: &SprintDates,
        title: &str,
        usage_ids: &[i64],
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
                q("INSERT INTO usage_sprints (group_id, starts_on, ends_on, created_by, created_at) \
                   VALUES ($1, $2, $3, $4, $5) \
                   RETURNING id, (SELECT slug FROM groups WHERE id = $1) AS slug")
                .bind(group_id)
                .bind(dates.starts_on.to_string())
                .bind(dates.ends_on.to_string())
                .bind(by.0)
                .bind(now),
            )
            .await?;
        plan(&mut tx, group_id, row.id, usage_ids, now).await?;
        let url = format!("/g/{}/usages/sprints/{}", row.slug, row.id);
        let kind = EventKind::SprintPlanned;
        board_event(
            &mut tx,
            event(kind, group_id, by, (row.id, title, &url), now),
        )
        .await?;
        tx.commit().await?;
        Ok(row.id)
    }

    /// Sets the usages planned in a sprint not yet reviewed: `usage_ids`
    /// (of its group) are planned in it, the others it held go back to
    /// the proposed ones.
    pub async fn plan_sprint(&self, sprint: &Sprint, usage_ids: &[i64]) -> Result<()> {
        let now = self.now();
        let mut tx = self.db().begin().await?;
        tx.execute(
            q(
                "UPDATE usages SET status = 'proposed', sprint_id = NULL, updated_at = $2 \
               WHERE sprint_id = $1 AND status = 'planned'",
            )
            .bind(sprint.id)
            .bind(now),
        )
        .await?;
        plan(&mut tx, sprint.group_id, sprint.id, usage_ids, now).await?;
        tx.commit().await
    }

    /// One sprint.
    pub async fn sprint(&self, id: i64) -> Result<Option<Sprint>> {
        self.db()
            .opt(
                q(format!(
                    "SELECT {SPRINT_COLUMNS} FROM usage_sprints sp JOIN groups g ON g.id = sp.group_id \
                     WHERE sp.id = $1"
                ))
                .bind(id),
            )
            .await
    }

    /// The sprints of a group, newest first.
    pub async fn sprints_of_group(&self, group_id: GroupId) -> Result<Vec<Sprint>> {
        self.db()
            .all(
                q(format!(
                    "SELECT {SPRINT_COLUMNS} FROM usage_sprints sp JOIN groups g ON g.id = sp.group_id \
                     WHERE sp.group_id = $1 ORDER BY sp.starts_on DESC, sp.id DESC"
                ))
                .bind(group_id),
            )
            .await
    }

    /// The usages of a sprint, oldest first.
    pub async fn usages_of_sprint(&self, sprint_id: i64) -> Result<Vec<Usage>> {
        self.db()
            .all(
                q(format!(
                    "SELECT {USAGE_COLUMNS} FROM usages u JOIN groups g ON g.id = u.group_id \
                     WHERE u.sprint_id = $1 ORDER BY u.created_at, u.id"
                ))
                .bind(sprint_id),
            )
            .await
    }

    /// Records a sprint's review (its wiki page already saved under
    /// `page_slug`): each usage done or not, what was learned, and its
    /// event, in one transaction.
    pub async fn review_sprint(
        &self,
        sprint: &Sprint,
        by: (UserId, &str),
        title: &str,
        outcomes: &[(i64, bool)],
        learned: &str,
        page_slug: &str,
    ) -> Result<()> {
        let now = self.now();
        let mut tx = self.db().begin().await?;
        for (usage_id, done) in outcomes {
            let status = if *done {
                UsageStatus::Done
            } else {
                UsageStatus::NotDone
            };
            tx.execute(
                q("UPDATE usages SET status = $1, updated_at = $2 WHERE id = $3 AND sprint_id = $4")
                    .bind(status.code())
                    .bind(now)
                    .bind(*usage_id)
                    .bind(sprint.id),
            )
            .await?;
        }
        tx.execute(
            q("UPDATE usage_sprints SET learned = $1, review_page = $2, reviewed_at = $3 WHERE id = $4")
                .bind(learned)
                .bind(page_slug)
                .bind(now)
                .bind(sprint.id),
        )
        .await?;
        let url = sprint.path();
        let kind = EventKind::SprintReviewed;
        let object = (sprint.id, title, url.as_str());
        board_event(&mut tx, event(kind, sprint.group_id, by, object, now)).await?;
        tx.commit().await
    }
}

/// Plans `usage_ids` of `group_id` into `sprint_id` (only open usages of
/// that group: an id from elsewhere changes nothing).
async fn plan(
    tx: &mut Tx,
    group_id: GroupId,
    sprint_id: i64,
    usage_ids: &[i64],
    now: i64,
) -> Result<()> {
    for id in usage_ids {
        tx.execute(
            q(
                "UPDATE usages SET status = 'planned', sprint_id = $1, updated_at = $2 \
               WHERE id = $3 AND group_id = $4 AND status IN ('proposed', 'not_done', 'planned')",
            )
            .bind(sprint_id)
            .bind(now)
            .bind(*id)
            .bind(group_id),
        )
        .await?;
    }
    Ok(())
}
