//! Group health (see `essaim_domain::health`): the facts the indicators are
//! read from, kept by the `activity_health` trigger of migration 15 as each
//! event is written, and the facilitators' settings.
//!
//! Reading a group's facts is a handful of indexed single-row reads,
//! whatever the size of its history.

use essaim_domain::health::{Facts, Indicator, Pause, Thresholds};
use essaim_domain::ids::GroupId;
use essaim_domain::meetings::Cadence;
use serde::Serialize;

use crate::db::q;
use crate::{Result, Store};

/// One week, in seconds (the log's weeks are `at / WEEK`).
const WEEK: i64 = 7 * 86_400;

/// What a group's facilitators chose.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HealthSettings {
    /// The thresholds.
    pub thresholds: Thresholds,
    /// Members see the health page too.
    pub public: bool,
    /// The alerts' pause, if one is set (past or not).
    pub pause: Option<Pause>,
    /// The indicators marked "not relevant for us", with the reason.
    pub not_relevant: Vec<(Indicator, String)>,
}

impl HealthSettings {
    /// The reason `indicator` is not relevant, if it was marked so.
    pub fn not_relevant(&self, indicator: Indicator) -> Option<&str> {
        self.not_relevant
            .iter()
            .find(|(i, _)| *i == indicator)
            .map(|(_, reason)| reason.as_str())
    }
}

#[derive(sqlx::FromRow)]
struct SettingsRow {
    follow_up_days: i64,
    meetings_days: i64,
    information_days: i64,
    discussion_min: i64,
    discussion_max: i64,
    shared_space_days: i64,
    public: bool,
    pause_from: Option<i64>,
    pause_until: Option<i64>,
    pause_reason: String,
}

#[derive(sqlx::FromRow)]
struct FactsRow {
    created_at: i64,
    meets_regularly: Option<String>,
    last_follow_up: Option<i64>,
    last_meeting: Option<i64>,
    last_information: Option<i64>,
    last_shared_space: Option<i64>,
    next_meeting: Option<i64>,
    open_poll: bool,
    has_projects: bool,
}

impl Store {
    /// What the indicators of `group_id` are read from, at the store's now.
    pub async fn health_facts(&self, group_id: GroupId) -> Result<Facts> {
        let now = self.now();
        let row: FactsRow = self
            .db()
            .one(
                q("SELECT g.created_at, g.meets_regularly, f.last_follow_up, f.last_meeting, \
                   f.last_information, f.last_shared_space, \
                   (SELECT MIN(m.starts_at) FROM meetings m WHERE m.group_id = g.id AND m.starts_at >= $2 \
                    AND m.status <> 'cancelled') AS next_meeting, \
                   EXISTS (SELECT 1 FROM polls p WHERE p.group_id = g.id AND p.status = 'open') AS open_poll, \
                   EXISTS (SELECT 1 FROM projects p WHERE p.group_id = g.id \
                    AND p.status IN ('idea', 'active', 'paused')) AS has_projects \
                   FROM groups g LEFT JOIN group_health_facts f ON f.group_id = g.id WHERE g.id = $1")
                .bind(group_id)
                .bind(now),
            )
            .await?;
        // The four whole weeks before this one, and departures over the
        // last two weeks against the two before.
        let this_week = now / WEEK;
        let weeks: Vec<(i64, i64, i64)> = self
            .db()
            .all(
                q("SELECT week, messages, leaving FROM group_activity_weeks \
                   WHERE group_id = $1 AND week >= $2 AND week <= $3 ORDER BY week")
                .bind(group_id)
                .bind(this_week - 4)
                .bind(this_week),
            )
            .await?;
        let mut weekly_messages = [0; 4];
        let mut leaving = (0, 0);
        for (week, messages, left) in weeks {
            let back = this_week - week;
            if (1..=4).contains(&back) {
                weekly_messages[(4 - back) as usize] = messages;
            }
            if back <= 1 {
                leaving.0 += left;
            } else if back <= 3 {
                leaving.1 += left;
            }
        }
        Ok(Facts {
            now,
            created_at: row.created_at,
            last_follow_up: row.last_follow_up,
            has_projects: row.has_projects,
            last_meeting: row.last_meeting,
            next_meeting: row.next_meeting,
            open_poll: row.open_poll,
            meets_every_days: row
                .meets_regularly
                .as_deref()
                .and_then(Cadence::from_code)
                .map(Cadence::days),
            last_information: row.last_information,
            weekly_messages,
            leaving,
            last_shared_space: row.last_shared_space,
        })
    }

    /// A group's health settings (the defaults until its facilitators
    /// change them).
    pub async fn health_settings(&self, group_id: GroupId) -> Result<HealthSettings> {
        let row: Option<SettingsRow> = self
            .db()
            .opt(
                q("SELECT follow_up_days, meetings_days, information_days, discussion_min, discussion_max, \
                   shared_space_days, public, pause_from, pause_until, pause_reason \
                   FROM group_health_settings WHERE group_id = $1")
                .bind(group_id),
            )
            .await?;
        let marks: Vec<(String, String)> = self
            .db()
            .all(
                q("SELECT indicator, reason FROM group_health_marks WHERE group_id = $1 ORDER BY indicator")
                    .bind(group_id),
            )
            .await?;
        let not_relevant = marks
            .into_iter()
            .filter_map(|(code, reason)| Indicator::from_code(&code).map(|i| (i, reason)))
            .collect();
        let Some(row) = row else {
            return Ok(HealthSettings {
                thresholds: Thresholds::default(),
                public: false,
                pause: None,
                not_relevant,
            });
        };
        Ok(HealthSettings {
            thresholds: Thresholds {
                follow_up_days: row.follow_up_days,
                meetings_days: row.meetings_days,
                information_days: row.information_days,
                discussion_min: row.discussion_min,
                discussion_max: row.discussion_max,
                shared_space_days: row.shared_space_days,
            },
            public: row.public,
            pause: row
                .pause_from
                .zip(row.pause_until)
                .map(|(from, until)| Pause {
                    from,
                    until,
                    reason: row.pause_reason,
                }),
            not_relevant,
        })
    }

    /// Saves a group's thresholds, whether members see its health, and its
    /// pause (checked by the domain's rules before).
    pub async fn save_health_settings(
        &self,
        group_id: GroupId,
        thresholds: &Thresholds,
        public: bool,
        pause: Option<&Pause>,
    ) -> Result<()> {
        let t = thresholds;
        self.db()
            .execute(
                q("INSERT INTO group_health_settings (group_id, follow_up_days, meetings_days, information_days, \
                   discussion_min, discussion_max, shared_space_days, public, pause_from, pause_until, pause_reason, \
                   updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) \
                   ON CONFLICT (group_id) DO UPDATE SET follow_up_days = excluded.follow_up_days, \
                   meetings_days = excluded.meetings_days, information_days = excluded.information_days, \
                   discussion_min = excluded.discussion_min, discussion_max = excluded.discussion_max, \
                   shared_space_days = excluded.shared_space_days, public = excluded.public, \
                   pause_from = excluded.pause_from, pause_until = excluded.pause_until, \
                   pause_reason = excluded.pause_reason, updated_at = excluded.updated_at")
                .bind(group_id)
                .bind(t.follow_up_days)
                .bind(t.meetings_days)
                .bind(t.information_days)
                .bind(t.discussion_min)
                .bind(t.discussion_max)
                .bind(t.shared_space_days)
                .bind(public)
                .bind(pause.map(|p| p.from))
                .bind(pause.map(|p| p.until))
                .bind(pause.map(|p| p.reason.as_str()).unwrap_or_default())
                .bind(self.now()),
            )
            .await?;
        Ok(())
    }

    /// Marks `indicator` "not relevant for us" with `reason` (a checked
    /// text), or removes the mark (`None`).
    pub async fn mark_not_relevant(
        &self,
        group_id: GroupId,
        indicator: Indicator,
        reason: Option<&str>,
    ) -> Result<()> {
        let query = match reason {
            Some(reason) => q(
                "INSERT INTO group_health_marks (group_id, indicator, reason, marked_at) \
                  VALUES ($1, $2, $3, $4) ON CONFLICT (group_id, indicator) DO UPDATE SET \
                  reason = excluded.reason, marked_at = excluded.marked_at",
            )
            .bind(group_id)
            .bind(indicator.code())
            .bind(reason)
            .bind(self.now()),
            None => q("DELETE FROM group_health_marks WHERE group_id = $1 AND indicator = $2")
                .bind(group_id)
                .bind(indicator.code()),
        };
        self.db().execute(query).await?;
        Ok(())
    }
}
