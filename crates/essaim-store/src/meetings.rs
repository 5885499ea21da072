//! Meetings: each group's meetings and series, who comes, the lists the
//! agenda, feeds and API read (always through a `Sight` from the
//! domain), personal calendar keys, minutes pages, and what keeping regular
//! groups alive has done. Every change that emails someone queues its job
//! in the same transaction.

use essaim_domain::activity::{Audience, EventKind};
use essaim_domain::audience::Sight;
use essaim_domain::ids::{GroupId, UserId};
use essaim_domain::jobs::{MeetingCancelled, MeetingInvite, MeetingReminder, MinutesAsk};
use essaim_domain::markdown;
use essaim_domain::meetings::{self as rules, MeetingDraft, Recurrence};
use serde::Serialize;

use crate::activity;
use crate::db::{build, push, q, Tx, Q};
use crate::search::{self, SearchDoc};
use crate::wiki::{insert_page, NewWikiPage};
use crate::{hash_token, jobs, random_token, Result, Store, StoreError};

/// How long before a series' later date its invitation goes.
pub const INVITE_AHEAD: i64 = 14 * 86_400;
/// How far ahead a series' occurrences are created.
pub const SERIES_HORIZON: i64 = 35 * 86_400;

/// Columns of [`Meeting`] (with its group's).
const MEETING_COLUMNS: &str = "m.id, m.group_id, m.series_id, m.title, m.description, m.starts_at, m.ends_at, \
     m.timezone, m.address, m.latitude, m.longitude, m.online_url, m.capacity, m.visibility, m.status, \
     m.organizer_id, m.sequence, m.minutes_page_id, m.minutes_asked_at, m.invited_at, m.created_at, m.updated_at, \
     g.slug AS group_slug, g.name AS group_name, g.listed AS group_listed, g.hosted AS group_hosted, \
     g.proposed_by AS group_proposed_by, \
     (SELECT COUNT(*) FROM meeting_answers a WHERE a.meeting_id = m.id AND a.answer = 'going') AS going";

/// The query of one meeting (with its group's) by id.
fn meeting_by_id() -> String {
    format!("SELECT {MEETING_COLUMNS} FROM meetings m JOIN groups g ON g.id = m.group_id WHERE m.id = $1")
}

/// Separates the fields of a packed feed row.
const FIELD: char = '\u{1f}';
/// Separates the packed feed rows.
const RECORD: char = '\u{1e}';

/// One feed row packed as text (`p`), with its sort keys. The separators
/// are removed from the texts, so a description can never split a row.
const FEED_PACKED: &str = "CAST(m.id AS TEXT) || '\u{1f}' || replace(replace(m.title, '\u{1f}', ''), '\u{1e}', '') \
     || '\u{1f}' || replace(replace(m.description, '\u{1f}', ''), '\u{1e}', '') \
     || '\u{1f}' || CAST(m.starts_at AS TEXT) || '\u{1f}' || CAST(m.ends_at AS TEXT) \
     || '\u{1f}' || COALESCE(replace(replace(m.address, '\u{1f}', ''), '\u{1e}', ''), '') \
     || '\u{1f}' || COALESCE(CAST(m.latitude AS TEXT), '') || '\u{1f}' || COALESCE(CAST(m.longitude AS TEXT), '') \
     || '\u{1f}' || COALESCE(replace(replace(m.online_url, '\u{1f}', ''), '\u{1e}', ''), '') \
     || '\u{1f}' || m.status || '\u{1f}' || CAST(m.sequence AS TEXT) || '\u{1f}' || g.slug \
     || '\u{1f}' || replace(replace(g.name, '\u{1f}', ''), '\u{1e}', '') \
     || '\u{1f}' || CAST(m.updated_at AS TEXT) AS p, m.starts_at AS s, m.id AS i";

/// Reads one packed feed row.
fn unpack(row: &str) -> Result<FeedMeeting> {
    let bad = || StoreError::Corrupt(format!("packed feed row: {row:.80}"));
    let f: Vec<&str> = row.split(FIELD).collect();
    if f.len() != 14 {
        return Err(bad());
    }
    let text = |s: &str| (!s.is_empty()).then(|| s.to_string());
    let int = |s: &str| s.parse::<i64>().map_err(|_| bad());
    let float = |s: &str| -> Result<Option<f64>> {
        if s.is_empty() {
            Ok(None)
        } else {
            s.parse::<f64>().map(Some).map_err(|_| bad())
        }
    };
    Ok(FeedMeeting {
        id: int(f[0])?,
        title: f[1].to_string(),
        description: f[2].to_string(),
        starts_at: int(f[3])?,
        ends_at: int(f[4])?,
        address: text(f[5]),
        latitude: float(f[6])?,
        longitude: float(f[7])?,
        online_url: text(f[8]),
        status: f[9].to_string(),
        sequence: int(f[10])?,
        group_slug: f[11].to_string(),
        group_name: f[12].to_string(),
        updated_at: int(f[13])?,
    })
}

/// A meeting as calendar feeds show it.
#[derive(Debug, Clone, PartialEq)]
pub struct FeedMeeting {
    /// Identifier.
    pub id: i64,
    /// Title.
    pub title: String,
    /// Description (Markdown).
    pub description: String,
    /// Start, Unix seconds.
    pub starts_at: i64,
    /// End, Unix seconds.
    pub ends_at: i64,
    /// Address.
    pub address: Option<String>,
    /// Latitude.
    pub latitude: Option<f64>,
    /// Longitude.
    pub longitude: Option<f64>,
    /// Online link.
    pub online_url: Option<String>,
    /// `scheduled` or `cancelled`.
    pub status: String,
    /// iCalendar sequence.
    pub sequence: i64,
    /// Group's short name.
    pub group_slug: String,
    /// Group's name.
    pub group_name: String,
    /// Last change.
    pub updated_at: i64,
}

/// A feed's events as kept in the database: the texts of those written
/// for their meeting's current version, joined (in no particular order:
/// iCalendar does not order events), and the meetings whose text must be
/// written (again).
#[derive(Debug, Clone, Default)]
pub struct WrittenFeed {
    /// The events' lines.
    pub text: String,
    /// Meetings with no text, or one written for another version.
    pub stale: Vec<i64>,
}

/// A meeting's event text to keep, with what it was written for: the
/// meeting's sequence, the group's name (the summary holds it) and the
/// instance (`origin`: its address and the writer's version). A feed uses
/// a kept text only when all three still match.
#[derive(Debug, Clone)]
pub struct WrittenEvent {
    /// Meeting.
    pub id: i64,
    /// The event's lines.
    pub text: String,
    /// Its sequence when written.
    pub sequence: i64,
    /// Its group's name when written.
    pub group_name: String,
    /// The instance it was written for.
    pub origin: String,
}

/// A meeting with what lists show of its group.
#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct Meeting {
    /// Identifier.
    pub id: i64,
    /// Group.
    pub group_id: GroupId,
    /// Series it belongs to, if any.
    pub series_id: Option<i64>,
    /// Title.
    pub title: String,
    /// Description (Markdown).
    pub description: String,
    /// Start, Unix seconds.
    pub starts_at: i64,
    /// End, Unix seconds.
    pub ends_at: i64,
    /// IANA time zone.
    pub timezone: String,
    /// Address.
    pub address: Option<String>,
    /// Latitude.
    pub latitude: Option<f64>,
    /// Longitude.
    pub longitude: Option<f64>,
    /// Online link.
    pub online_url: Option<String>,
    /// Capacity.
    pub capacity: Option<i64>,
    /// `public` or `members`.
    #[sqlx(try_from = "String")]
    pub visibility: rules::Visibility,
    /// `scheduled` or `cancelled`.
    pub status: String,
    /// Organizer.
    pub organizer_id: Option<UserId>,
    /// iCalendar sequence (raised on each change).
    pub sequence: i64,
    /// The minutes page in the group's wiki.
    pub minutes_page_id: Option<i64>,
    /// When the organizer was asked to fill the minutes.
    pub minutes_asked_at: Option<i64>,
    /// When its invitation went out (none: nobody was told yet).
    pub invited_at: Option<i64>,
    /// Created at.
    pub created_at: i64,
    /// Last change.
    pub updated_at: i64,
    /// Group's short name.
    pub group_slug: String,
    /// Group's name.
    pub group_name: String,
    /// Group listed in the directory.
    pub group_listed: bool,
    /// Group hosted here.
    pub group_hosted: bool,
    /// Who proposed the group.
    pub group_proposed_by: Option<UserId>,
    /// People going.
    pub going: i64,
}

impl Meeting {
    /// What the permission rules need of its group.
    pub fn group_access(&self) -> rules::GroupAccess {
        rules::GroupAccess {
            listed: self.group_listed,
            proposed_by: self.group_proposed_by,
            hosted: self.group_hosted,
        }
    }

    /// Its visibility.
    pub fn visibility(&self) -> rules::Visibility {
        self.visibility
    }

    /// Its path.
    pub fn path(&self) -> String {
        format!("/g/{}/meetings/{}", self.group_slug, self.id)
    }

    /// Cancelled.
    pub fn cancelled(&self) -> bool {
        self.status == "cancelled"
    }
}

/// Someone's answer, as the organizer sees it.
#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct Answer {
    /// Account.
    pub user_id: UserId,
    /// Name.
    pub name: String,
    /// `going`, `maybe`, `not_going`.
    pub answer: String,
}

/// A series of meetings.
#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct Series {
    /// Identifier.
    pub id: i64,
    /// Group.
    pub group_id: GroupId,
    /// Rule code (`weeks:2`, `monthly:1:tue`).
    pub rule: String,
    /// Title of occurrences.
    pub title: String,
    /// Description.
    pub description: String,
    /// Length, seconds.
    pub duration: i64,
    /// Time zone.
    pub timezone: String,
    /// Address.
    pub address: Option<String>,
    /// Latitude.
    pub latitude: Option<f64>,
    /// Longitude.
    pub longitude: Option<f64>,
    /// Online link.
    pub online_url: Option<String>,
    /// Capacity.
    pub capacity: Option<i64>,
    /// Visibility.
    pub visibility: String,
    /// Organizer.
    pub organizer_id: Option<UserId>,
    /// Start of the last occurrence made by the rule (moves do not change it).
    pub last_start: i64,
    /// Still producing occurrences.
    pub active: bool,
}

/// What the agenda, feeds and API ask for.
#[derive(Debug, Clone, Default)]
pub struct MeetingQuery {
    /// What the person asking sees.
    pub see: Sight,
    /// One group.
    pub group_id: Option<GroupId>,
    /// Groups with this keyword (an ecosystem).
    pub keyword: Option<String>,
    /// Groups of this region.
    pub region: Option<String>,
    /// Starting at or after.
    pub from: Option<i64>,
    /// Starting before.
    pub to: Option<i64>,
    /// Only meetings this person answered going or maybe.
    pub answered_by: Option<UserId>,
    /// Newest first (past meetings).
    pub newest_first: bool,
    /// Include cancelled meetings (feeds show them as cancelled).
    pub with_cancelled: bool,
    /// Only these meetings (when not empty).
    pub only: Vec<i64>,
    /// At most.
    pub limit: i64,
    /// Skipping this many first (a list's later pages).
    pub offset: i64,
}

/// A meeting to create.
#[derive(Debug, Clone)]
pub struct NewMeeting<'a> {
    /// Group.
    pub group_id: GroupId,
    /// Organizer (none when a series' organizer has left).
    pub organizer_id: Option<UserId>,
    /// Checked fields.
    pub draft: &'a MeetingDraft,
    /// Series it belongs to.
    pub series_id: Option<i64>,
}

/// Reindexes a meeting inside `tx` (title, description, place) with who
/// may read it by the meetings' own rule; a cancelled or deleted meeting
/// leaves the index.
pub async fn reindex_meeting(tx: &mut Tx, id: i64) -> Result<()> {
    let meeting: Option<Meeting> = tx.opt(q(meeting_by_id()).bind(id)).await?;
    let Some(m) = meeting.filter(|m| !m.cancelled()) else {
        return search::remove(tx, "meeting", id).await;
    };
    let mut body = markdown::render_inline_text(&m.description, 20_000);
    for place in [&m.address, &m.online_url].into_iter().flatten() {
        body.push('\n');
        body.push_str(place);
    }
    let access = if rules::is_public(m.group_access(), m.visibility()) {
        essaim_domain::wiki::ReadAccess::Everyone
    } else {
        essaim_domain::wiki::ReadAccess::Members
    };
    let doc = SearchDoc {
        kind: "meeting",
        ref_id: m.id,
        scope: m.group_id.0,
        access,
        title: m.title.clone(),
        body,
        url: m.path(),
        updated_at: m.updated_at,
    };
    search::index(tx, &doc).await
}

/// Reindexes every meeting of a group inside `tx` (its listing changed).
pub async fn reindex_group_meetings(tx: &mut Tx, group_id: GroupId) -> Result<()> {
    for id in meeting_ids(tx, Some(group_id)).await? {
        reindex_meeting(tx, id).await?;
    }
    Ok(())
}

async fn meeting_ids(tx: &mut Tx, group_id: Option<GroupId>) -> Result<Vec<i64>> {
    #[derive(sqlx::FromRow)]
    struct Id {
        id: i64,
    }
    let rows: Vec<Id> = match group_id {
        Some(g) => {
            tx.all(q("SELECT id FROM meetings WHERE group_id = $1 ORDER BY id").bind(g))
                .await?
        }
        None => tx.all(q("SELECT id FROM meetings ORDER BY id")).await?,
    };
    Ok(rows.into_iter().map(|r| r.id).collect())
}

/// Cancels a scheduled meeting inside `tx` and queues the emails telling
/// those invited (nothing when it was not scheduled).
async fn cancel_in(tx: &mut Tx, id: i64, by: Option<UserId>, now: i64) -> Result<()> {
    #[derive(sqlx::FromRow)]
    struct Seq {
        sequence: i64,
    }
    let row: Option<Seq> = tx
        .opt(
            q("UPDATE meetings SET status = 'cancelled', sequence = sequence + 1, updated_at = $1 \
               WHERE id = $2 AND status = 'scheduled' RETURNING sequence")
            .bind(now)
            .bind(id),
        )
        .await?;
    let Some(row) = row else {
        return Ok(());
    };
    let job = MeetingCancelled {
        meeting_id: id,
        sequence: row.sequence,
    };
    jobs::enqueue(tx, &job, now, now).await?;
    activity::meeting_event(tx, id, EventKind::MeetingCancelled, by, now).await?;
    reindex_meeting(tx, id).await
}

/// The query of `query` selecting `columns`. Meetings are read in start
/// order from their time index (`CROSS JOIN` keeps SQLite on that order;
/// PostgreSQL plans it as the inner join it is), so a limited list stops
/// early without sorting.
fn select(columns: &str, query: &MeetingQuery) -> Q {
    let (sql, args) = select_sql(columns, query);
    build(sql, args)
}

/// The text and arguments of [`select`].
fn select_sql(columns: &str, query: &MeetingQuery) -> (String, Vec<crate::db::Arg>) {
    let (mut sql, mut args) = filter_sql(&format!("SELECT {columns}"), query);
    sql.push_str(if query.newest_first {
        " ORDER BY m.starts_at DESC, m.id DESC"
    } else {
        " ORDER BY m.starts_at, m.id"
    });
    push(&mut sql, &mut args, " LIMIT $?", query.limit.max(1).into());
    if query.offset > 0 {
        push(&mut sql, &mut args, " OFFSET $?", query.offset.into());
    }
    (sql, args)
}

/// `select` (a `SELECT …` over meetings `m` and groups `g`) with the
/// tables and the conditions of `query`, unordered and unlimited.
fn filter_sql(select: &str, query: &MeetingQuery) -> (String, Vec<crate::db::Arg>) {
    let mut sql = format!("{select} FROM meetings m CROSS JOIN groups g WHERE g.id = m.group_id");
    let mut args = Vec::new();
    if !query.with_cancelled {
        sql.push_str(" AND m.status = 'scheduled'");
    }
    crate::audience::push_condition(&query.see, SIGHT_COLUMNS, &mut sql, &mut args);
    if let Some(id) = query.group_id {
        push(&mut sql, &mut args, " AND m.group_id = $?", id.into());
    }
    if let Some(k) = &query.keyword {
        // `+` keeps the planner on the time index rather than the group one.
        push(
            &mut sql,
            &mut args,
            " AND +m.group_id IN (SELECT group_id FROM group_keywords WHERE keyword = $?)",
            k.into(),
        );
    }
    if let Some(r) = &query.region {
        push(&mut sql, &mut args, " AND g.region = $?", r.into());
    }
    if let Some(from) = query.from {
        push(&mut sql, &mut args, " AND m.ends_at > $?", from.into());
        // No meeting lasts longer than this: a bound the time index can use.
        push(
            &mut sql,
            &mut args,
            " AND m.starts_at > $?",
            (from - rules::LONGEST_MEETING).into(),
        );
    }
    if let Some(to) = query.to {
        push(&mut sql, &mut args, " AND m.starts_at < $?", to.into());
    }
    if !query.only.is_empty() {
        let ids: Vec<String> = query.only.iter().map(i64::to_string).collect();
        // Ids are integers: safe to inline.
        sql.push_str(&format!(" AND m.id IN ({})", ids.join(",")));
    }
    if let Some(user) = query.answered_by {
        push(
            &mut sql,
            &mut args,
            " AND m.id IN (SELECT meeting_id FROM meeting_answers WHERE user_id = $? AND answer IN ('going', 'maybe'))",
            user.into(),
        );
    }
    (sql, args)
}

/// Gives a meeting's minutes page the audience of the meeting, inside `tx`:
/// a members-only meeting's minutes become members-only (a page already
/// stricter stays so). Opening a meeting again does not open its minutes:
/// that is a facilitator's choice, on the page's settings.
async fn close_minutes(tx: &mut Tx, meeting_id: i64, visibility: rules::Visibility) -> Result<()> {
    let Some(access) = rules::minutes_access(visibility) else {
        return Ok(());
    };
    #[derive(sqlx::FromRow)]
    struct Page {
        minutes_page_id: Option<i64>,
    }
    let page: Page = tx
        .one(q("SELECT minutes_page_id FROM meetings WHERE id = $1").bind(meeting_id))
        .await?;
    let Some(page_id) = page.minutes_page_id else {
        return Ok(());
    };
    tx.execute(
        q("UPDATE pages SET read_access = $1 WHERE id = $2 AND (read_access IS NULL OR read_access = $3)")
            .bind(access.code())
            .bind(page_id)
            .bind(essaim_domain::wiki::ReadAccess::Everyone.code()),
    )
    .await?;
    crate::wiki::reindex_page(tx, page_id).await
}

/// The columns of meetings `m` and groups `g` that a sight reads.
const SIGHT_COLUMNS: crate::audience::Columns = crate::audience::Columns {
    group_id: "m.group_id",
    visibility: "m.visibility",
    listed: "g.listed",
    proposed_by: "g.proposed_by",
};

/// Inserts a meeting and queues its invitation, reminder and minutes
/// request, inside `tx`.
pub async fn insert_meeting(tx: &mut Tx, m: &NewMeeting<'_>, now: i64) -> Result<i64> {
    #[derive(sqlx::FromRow)]
    struct Id {
        id: i64,
    }
    let d = m.draft;
    let row: Id = tx
        .one(
            q("INSERT INTO meetings (group_id, series_id, title, description, starts_at, ends_at, timezone, address, \
               latitude, longitude, online_url, capacity, visibility, organizer_id, created_at, updated_at) \
               VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $15) RETURNING id")
            .bind(m.group_id)
            .bind(m.series_id)
            .bind(&d.title)
            .bind(&d.description)
            .bind(d.starts_at)
            .bind(d.ends_at)
            .bind(&d.timezone)
            .bind(d.address.clone())
            .bind(d.latitude)
            .bind(d.longitude)
            .bind(d.online_url.clone())
            .bind(d.capacity)
            .bind(d.visibility.code())
            .bind(m.organizer_id)
            .bind(now),
        )
        .await?;
    // A series' later dates are announced two weeks ahead, not all at once.
    let invite_at = match m.series_id {
        Some(_) => (d.starts_at - INVITE_AHEAD).max(now),
        None => now,
    };
    schedule_mail(tx, row.id, 0, invite_at, d.starts_at, d.ends_at, now).await?;
    reindex_meeting(tx, row.id).await?;
    activity::meeting_event(tx, row.id, EventKind::MeetingCreated, None, now).await?;
    Ok(row.id)
}

/// Queues the invitation at `invite_at`, the reminder a day before, the
/// minutes request at the end. Each job carries the meeting's sequence: a job of
/// an older version (the meeting moved since) does nothing.
async fn schedule_mail(
    tx: &mut Tx,
    meeting_id: i64,
    sequence: i64,
    invite_at: i64,
    starts_at: i64,
    ends_at: i64,
    now: i64,
) -> Result<()> {
    let invite = MeetingInvite {
        meeting_id,
        sequence,
    };
    jobs::enqueue(tx, &invite, invite_at, now).await?;
    if starts_at - 86_400 > now {
        let reminder = MeetingReminder {
            meeting_id,
            sequence,
        };
        jobs::enqueue(tx, &reminder, starts_at - 86_400, now).await?;
    }
    let ask = MinutesAsk {
        meeting_id,
        sequence,
    };
    jobs::enqueue(tx, &ask, ends_at.max(now), now).await?;
    Ok(())
}

impl Store {
    /// Creates a meeting.
    pub async fn create_meeting(&self, m: &NewMeeting<'_>) -> Result<i64> {
        let now = self.now();
        let mut tx = self.db().begin().await?;
        let id = insert_meeting(&mut tx, m, now).await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Creates a series, its first meeting at `draft`'s time and the
    /// occurrences up to [`SERIES_HORIZON`].
    pub async fn create_series(
        &self,
        group_id: GroupId,
        organizer_id: UserId,
        draft: &MeetingDraft,
        rule: Recurrence,
    ) -> Result<i64> {
        let now = self.now();
        let mut tx = self.db().begin().await?;
        #[derive(sqlx::FromRow)]
        struct Id {
            id: i64,
        }
        let series: Id = tx
            .one(
                q("INSERT INTO meeting_series (group_id, rule, title, description, duration, timezone, address, latitude, \
                   longitude, online_url, capacity, visibility, organizer_id, last_start, created_at) \
                   VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) RETURNING id")
                .bind(group_id)
                .bind(rule.code())
                .bind(&draft.title)
                .bind(&draft.description)
                .bind(draft.ends_at - draft.starts_at)
                .bind(&draft.timezone)
                .bind(draft.address.clone())
                .bind(draft.latitude)
                .bind(draft.longitude)
                .bind(draft.online_url.clone())
                .bind(draft.capacity)
                .bind(draft.visibility.code())
                .bind(organizer_id)
                .bind(draft.starts_at)
                .bind(now),
            )
            .await?;
        insert_meeting(
            &mut tx,
            &NewMeeting {
                group_id,
                organizer_id: Some(organizer_id),
                draft,
                series_id: Some(series.id),
            },
            now,
        )
        .await?;
        tx.commit().await?;
        self.extend_series(series.id).await?;
        Ok(series.id)
    }

    /// Creates a series' occurrences due by now + [`SERIES_HORIZON`];
    /// returns how many were made.
    pub async fn extend_series(&self, series_id: i64) -> Result<usize> {
        let now = self.now();
        let mut tx = self.db().begin().await?;
        let Some(s): Option<Series> = tx
            .opt(
                q("SELECT * FROM meeting_series WHERE id = $1 AND active = $2")
                    .bind(series_id)
                    .bind(true),
            )
            .await?
        else {
            return Ok(0);
        };
        let (Some(rule), Ok(tz)) = (Recurrence::from_code(&s.rule), s.timezone.parse()) else {
            return Err(StoreError::Corrupt(format!(
                "series {series_id} rule {}",
                s.rule
            )));
        };
        let starts = rules::occurrences_to_create(rule, s.last_start, now, SERIES_HORIZON, tz);
        for start in &starts {
            let draft = MeetingDraft {
                title: s.title.clone(),
                description: s.description.clone(),
                starts_at: *start,
                ends_at: start + s.duration,
                timezone: s.timezone.clone(),
                address: s.address.clone(),
                latitude: s.latitude,
                longitude: s.longitude,
                online_url: s.online_url.clone(),
                capacity: s.capacity,
                visibility: rules::Visibility::from_code(&s.visibility).unwrap_or_default(),
            };
            insert_meeting(
                &mut tx,
                &NewMeeting {
                    group_id: s.group_id,
                    organizer_id: s.organizer_id,
                    draft: &draft,
                    series_id: Some(s.id),
                },
                now,
            )
            .await?;
        }
        if let Some(last) = starts.last() {
            tx.execute(
                q("UPDATE meeting_series SET last_start = $1 WHERE id = $2")
                    .bind(*last)
                    .bind(s.id),
            )
            .await?;
        }
        tx.commit().await?;
        Ok(starts.len())
    }

    /// Every active series' id.
    pub async fn active_series(&self) -> Result<Vec<i64>> {
        #[derive(sqlx::FromRow)]
        struct Id {
            id: i64,
        }
        let rows: Vec<Id> = self
            .db()
            .all(q("SELECT id FROM meeting_series WHERE active = $1 ORDER BY id").bind(true))
            .await?;
        Ok(rows.into_iter().map(|r| r.id).collect())
    }

    /// The id of a series' first meeting.
    pub async fn first_of_series(&self, series_id: i64) -> Result<Option<i64>> {
        #[derive(sqlx::FromRow)]
        struct Id {
            id: i64,
        }
        let row: Option<Id> = self
            .db()
            .opt(
                q("SELECT id FROM meetings WHERE series_id = $1 ORDER BY starts_at, id LIMIT 1")
                    .bind(series_id),
            )
            .await?;
        Ok(row.map(|r| r.id))
    }

    /// A series.
    pub async fn series(&self, id: i64) -> Result<Option<Series>> {
        self.db()
            .opt(q("SELECT * FROM meeting_series WHERE id = $1").bind(id))
            .await
    }

    /// Stops a series after the date starting at `after`: no new
    /// occurrence is made, and the later ones already planned (not yet
    /// begun) are cancelled, each telling those invited.
    pub async fn stop_series(&self, id: i64, after: i64) -> Result<()> {
        #[derive(sqlx::FromRow)]
        struct Later {
            id: i64,
        }
        let now = self.now();
        let mut tx = self.db().begin().await?;
        tx.execute(
            q("UPDATE meeting_series SET active = $1 WHERE id = $2")
                .bind(false)
                .bind(id),
        )
        .await?;
        let later: Vec<Later> = tx
            .all(
                q(
                    "SELECT id FROM meetings WHERE series_id = $1 AND status = 'scheduled' \
                   AND starts_at > $2 AND starts_at > $3 ORDER BY starts_at",
                )
                .bind(id)
                .bind(after)
                .bind(now),
            )
            .await?;
        for m in &later {
            cancel_in(&mut tx, m.id, None, now).await?;
        }
        tx.commit().await
    }

    /// A meeting by id.
    pub async fn meeting(&self, id: i64) -> Result<Option<Meeting>> {
        self.db().opt(q(meeting_by_id()).bind(id)).await
    }

    /// Changes a meeting (one occurrence of a series is moved alone); its
    /// sequence goes up and the invitation goes again.
    pub async fn update_meeting(&self, id: i64, d: &MeetingDraft) -> Result<()> {
        let now = self.now();
        let mut tx = self.db().begin().await?;
        #[derive(sqlx::FromRow)]
        struct Seq {
            sequence: i64,
        }
        let row: Seq = tx
            .one(
                q("UPDATE meetings SET title = $1, description = $2, starts_at = $3, ends_at = $4, timezone = $5, \
                   address = $6, latitude = $7, longitude = $8, online_url = $9, capacity = $10, visibility = $11, \
                   sequence = sequence + 1, updated_at = $12 WHERE id = $13 RETURNING sequence")
                .bind(&d.title)
                .bind(&d.description)
                .bind(d.starts_at)
                .bind(d.ends_at)
                .bind(&d.timezone)
                .bind(d.address.clone())
                .bind(d.latitude)
                .bind(d.longitude)
                .bind(d.online_url.clone())
                .bind(d.capacity)
                .bind(d.visibility.code())
                .bind(now)
                .bind(id),
            )
            .await?;
        schedule_mail(&mut tx, id, row.sequence, now, d.starts_at, d.ends_at, now).await?;
        reindex_meeting(&mut tx, id).await?;
        activity::set_audience(
            &mut tx,
            &[
                EventKind::MeetingCreated,
                EventKind::MeetingHeld,
                EventKind::MeetingCancelled,
            ],
            id,
            Audience::of_visibility(d.visibility),
        )
        .await?;
        close_minutes(&mut tx, id, d.visibility).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Indexes every meeting for search (once, when search learns meetings
    /// or the way terms are made changes).
    pub async fn reindex_all_meetings(&self) -> Result<()> {
        let mut tx = self.db().begin().await?;
        for id in meeting_ids(&mut tx, None).await? {
            reindex_meeting(&mut tx, id).await?;
        }
        tx.commit().await
    }

    /// Records that a meeting's invitation went out (the first time).
    pub async fn mark_invited(&self, id: i64) -> Result<()> {
        self.db()
            .execute(
                q("UPDATE meetings SET invited_at = $1 WHERE id = $2 AND invited_at IS NULL")
                    .bind(self.now())
                    .bind(id),
            )
            .await?;
        Ok(())
    }

    /// Records in the activity log the meetings whose end has passed in
    /// the last 31 days and that were not cancelled (they took place), each
    /// once, dated by its end. Run by the meetings' tick.
    pub async fn record_held_meetings(&self) -> Result<u64> {
        let now = self.now();
        self.db()
            .execute(
                q(format!("{}SELECT m.group_id, 'meeting_held', m.organizer_id, COALESCE(u.name, ''), m.id, m.title, \
                          '/g/' || g.slug || '/meetings/' || m.id, m.visibility, m.ends_at \
                   FROM meetings m JOIN groups g ON g.id = m.group_id LEFT JOIN users u ON u.id = m.organizer_id \
                   WHERE m.starts_at >= $1 AND m.starts_at <= $2 AND m.ends_at <= $2 AND m.status = 'scheduled' \
                     AND NOT EXISTS (SELECT 1 FROM activity a WHERE a.kind = 'meeting_held' AND a.object_id = m.id)",
                    activity::INSERT
                ))
                .bind(now - 31 * 86_400)
                .bind(now),
            )
            .await
    }

    /// Cancels one meeting (the rest of its series stays), as `by` decided.
    pub async fn cancel_meeting(&self, id: i64, by: Option<UserId>) -> Result<()> {
        let mut tx = self.db().begin().await?;
        cancel_in(&mut tx, id, by, self.now()).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Meetings matching `query`, soonest first (or newest first).
    pub async fn meetings(&self, query: &MeetingQuery) -> Result<Vec<Meeting>> {
        self.db().all(select(MEETING_COLUMNS, query)).await
    }

    /// What calendar feeds need of the meetings matching `query`. The
    /// database packs the rows into one text (reading ten thousand rows one
    /// by one costs more than making the whole feed), unpacked here.
    pub async fn feed_meetings(&self, query: &MeetingQuery) -> Result<Vec<FeedMeeting>> {
        #[derive(sqlx::FromRow)]
        struct Packed {
            packed: Option<String>,
        }
        let (inner, args) = select_sql(FEED_PACKED, query);
        let sql =
            format!("SELECT string_agg(p, '{RECORD}' ORDER BY s, i) AS packed FROM ({inner}) t");
        let row: Packed = self.db().one(build(sql, args)).await?;
        let Some(packed) = row.packed else {
            return Ok(Vec::new());
        };
        packed.split(RECORD).map(unpack).collect()
    }

    /// A feed's kept event texts (see [`WrittenFeed`]) for the meetings
    /// matching `query`, as written for `origin`: one query that joins the
    /// texts in the database, without sorting. A feed holds at most
    /// `query.limit` events: beyond, the soonest (cut at a start time).
    pub async fn written_feed(&self, query: &MeetingQuery, origin: &str) -> Result<WrittenFeed> {
        let (feed, total) = self.written_feed_all(query, origin).await?;
        if total <= query.limit.max(1) {
            return Ok(feed);
        }
        #[derive(sqlx::FromRow)]
        struct Cut {
            s: Option<i64>,
        }
        let (inner, args) = select_sql("m.starts_at AS s", query);
        let cut: Cut = self
            .db()
            .one(build(format!("SELECT MAX(s) AS s FROM ({inner}) t"), args))
            .await?;
        let limited = MeetingQuery {
            to: cut.s.map(|s| query.to.map_or(s, |to| to.min(s))),
            ..query.clone()
        };
        Ok(self.written_feed_all(&limited, origin).await?.0)
    }

    /// [`Store::written_feed`] without its limit, and how many meetings match.
    async fn written_feed_all(
        &self,
        query: &MeetingQuery,
        origin: &str,
    ) -> Result<(WrittenFeed, i64)> {
        #[derive(sqlx::FromRow)]
        struct Joined {
            text: Option<String>,
            stale: Option<String>,
            total: i64,
        }
        let (mut sql, mut args) = filter_sql(
            "SELECT string_agg(CASE WHEN {fresh} THEN m.ics END, '') AS text, \
             string_agg(CASE WHEN {fresh} THEN NULL ELSE CAST(m.id AS TEXT) END, ',') AS stale, \
             COUNT(*) AS total",
            query,
        );
        args.push(origin.to_string().into());
        let fresh = format!(
            "(m.ics_sequence = m.sequence AND m.ics_group = g.name AND m.ics_origin = ${})",
            args.len()
        );
        sql = sql.replace("{fresh}", &fresh);
        let row: Joined = self.db().one(build(sql, args)).await?;
        let stale = match row.stale {
            Some(ids) => ids
                .split(',')
                .map(|id| id.parse::<i64>())
                .collect::<std::result::Result<_, _>>()
                .map_err(|_| StoreError::Corrupt(format!("feed ids: {ids:.80}")))?,
            None => Vec::new(),
        };
        let feed = WrittenFeed {
            text: row.text.unwrap_or_default(),
            stale,
        };
        Ok((feed, row.total))
    }

    /// Keeps meetings' event texts, a few hundred per statement.
    pub async fn keep_written(&self, events: &[WrittenEvent]) -> Result<()> {
        let mut tx = self.db().begin().await?;
        for chunk in events.chunks(150) {
            let values: Vec<String> = (0..chunk.len())
                .map(|i| {
                    let n = 5 * i;
                    format!(
                        "(${}, ${}, ${}, ${}, ${})",
                        n + 1,
                        n + 2,
                        n + 3,
                        n + 4,
                        n + 5
                    )
                })
                .collect();
            let sql = format!(
                "WITH v(id, ics, seq, grp, origin) AS (VALUES {}) \
                 UPDATE meetings SET ics = v.ics, ics_sequence = v.seq, ics_group = v.grp, ics_origin = v.origin \
                 FROM v WHERE meetings.id = v.id",
                values.join(", ")
            );
            let query = chunk.iter().fold(q(sql), |query, e| {
                query
                    .bind(e.id)
                    .bind(e.text.clone())
                    .bind(e.sequence)
                    .bind(e.group_name.clone())
                    .bind(e.origin.clone())
            });
            tx.execute(query).await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// Records someone's answer.
    pub async fn set_answer(
        &self,
        meeting_id: i64,
        user_id: UserId,
        answer: rules::Rsvp,
    ) -> Result<()> {
        self.db()
            .execute(
                q("INSERT INTO meeting_answers (meeting_id, user_id, answer, updated_at) VALUES ($1, $2, $3, $4) \
                   ON CONFLICT (meeting_id, user_id) DO UPDATE SET answer = excluded.answer, updated_at = excluded.updated_at")
                .bind(meeting_id)
                .bind(user_id)
                .bind(answer.code())
                .bind(self.now()),
            )
            .await?;
        Ok(())
    }

    /// Everyone's answers to a meeting, going first.
    pub async fn answers(&self, meeting_id: i64) -> Result<Vec<Answer>> {
        self.db()
            .all(
                q("SELECT a.user_id, u.name, a.answer FROM meeting_answers a JOIN users u ON u.id = a.user_id \
                   WHERE a.meeting_id = $1 ORDER BY CASE a.answer WHEN 'going' THEN 0 WHEN 'maybe' THEN 1 ELSE 2 END, u.name")
                .bind(meeting_id),
            )
            .await
    }

    /// One person's answer.
    pub async fn answer_of(&self, meeting_id: i64, user_id: UserId) -> Result<Option<String>> {
        #[derive(sqlx::FromRow)]
        struct A {
            answer: String,
        }
        let row: Option<A> = self
            .db()
            .opt(
                q("SELECT answer FROM meeting_answers WHERE meeting_id = $1 AND user_id = $2")
                    .bind(meeting_id)
                    .bind(user_id),
            )
            .await?;
        Ok(row.map(|r| r.answer))
    }

    /// The ids of the groups `user_id` belongs to.
    pub async fn group_ids_of(&self, user_id: UserId) -> Result<Vec<GroupId>> {
        #[derive(sqlx::FromRow)]
        struct Id {
            group_id: GroupId,
        }
        let rows: Vec<Id> = self
            .db()
            .all(
                q("SELECT group_id FROM memberships WHERE user_id = $1 ORDER BY group_id")
                    .bind(user_id),
            )
            .await?;
        Ok(rows.into_iter().map(|r| r.group_id).collect())
    }

    // ------------------------------------------------------------ calendar keys

    /// Makes a new personal calendar key (the old one stops working) and
    /// returns it; only its hash is kept.
    pub async fn new_calendar_key(&self, user_id: UserId) -> Result<String> {
        let key = random_token(20);
        self.db()
            .execute(
                q("INSERT INTO calendar_keys (user_id, key_hash, created_at) VALUES ($1, $2, $3) \
                   ON CONFLICT (user_id) DO UPDATE SET key_hash = excluded.key_hash, created_at = excluded.created_at")
                .bind(user_id)
                .bind(hash_token(&key))
                .bind(self.now()),
            )
            .await?;
        Ok(key)
    }

    /// Revokes a person's calendar key.
    pub async fn revoke_calendar_key(&self, user_id: UserId) -> Result<bool> {
        Ok(self
            .db()
            .execute(q("DELETE FROM calendar_keys WHERE user_id = $1").bind(user_id))
            .await?
            > 0)
    }

    /// Whether a person has a calendar key, and since when.
    pub async fn calendar_key_since(&self, user_id: UserId) -> Result<Option<i64>> {
        #[derive(sqlx::FromRow)]
        struct T {
            created_at: i64,
        }
        let row: Option<T> = self
            .db()
            .opt(q("SELECT created_at FROM calendar_keys WHERE user_id = $1").bind(user_id))
            .await?;
        Ok(row.map(|r| r.created_at))
    }

    /// The account a calendar key belongs to.
    pub async fn calendar_key_user(&self, key: &str) -> Result<Option<crate::accounts::User>> {
        #[derive(sqlx::FromRow)]
        struct U {
            user_id: UserId,
        }
        let row: Option<U> = self
            .db()
            .opt(q("SELECT user_id FROM calendar_keys WHERE key_hash = $1").bind(hash_token(key)))
            .await?;
        match row {
            Some(r) => self.user_by_id(r.user_id).await,
            None => Ok(None),
        }
    }

    // ------------------------------------------------------------ minutes

    /// Creates the minutes page of a meeting in its group's wiki (from the
    /// group's template page `modele-compte-rendu` when it has one) and links
    /// it both ways; returns its address. An existing one is kept.
    pub async fn create_minutes(&self, meeting: &Meeting, author: UserId) -> Result<String> {
        if let Some(page_id) = meeting.minutes_page_id {
            if let Some(page) = self.wiki_page_by_id(page_id).await? {
                return Ok(page.slug);
            }
        }
        let tz = meeting.timezone.parse().unwrap_or(rules::DEFAULT_TIMEZONE);
        let title = rules::minutes_title(meeting.starts_at, tz, &meeting.title);
        let template = self
            .wiki_page(Some(meeting.group_id), rules::MINUTES_TEMPLATE_SLUG)
            .await?
            .map(|p| p.markdown)
            .unwrap_or_else(|| rules::MINUTES_TEMPLATE.to_string());
        let back = format!("[{}]({})\n\n", meeting.title, meeting.path());
        let base = essaim_domain::wiki::page_slug(&title);
        let now = self.now();
        let mut tx = self.db().begin().await?;
        let mut slug = base.clone();
        let mut n = 2;
        let page_id = loop {
            let page = NewWikiPage {
                slug: slug.clone(),
                title: if n == 2 {
                    title.clone()
                } else {
                    format!("{title} ({})", n - 1)
                },
                markdown: format!("{back}{template}"),
                summary: String::new(),
            };
            match insert_page(
                &mut tx,
                Some(meeting.group_id),
                &page,
                200,
                Some(author),
                now,
                EventKind::MinutesWritten,
            )
            .await
            {
                Ok(id) => break id,
                Err(StoreError::Conflict) if n < 20 => {
                    // A page of that name exists (two meetings the same day
                    // with the same title): a numbered address. PostgreSQL
                    // aborts the transaction on a failed insert, so start over.
                    tx = self.db().begin().await?;
                    slug = format!("{base}-{n}");
                    n += 1;
                }
                Err(e) => return Err(e),
            }
        };
        tx.execute(
            q("UPDATE meetings SET minutes_page_id = $1 WHERE id = $2")
                .bind(page_id)
                .bind(meeting.id),
        )
        .await?;
        close_minutes(&mut tx, meeting.id, meeting.visibility()).await?;
        tx.commit().await?;
        Ok(slug)
    }

    /// The meeting whose minutes a page holds, if any.
    pub async fn meeting_of_minutes(&self, page_id: i64) -> Result<Option<Meeting>> {
        self.db()
            .opt(
                q(format!(
                    "SELECT {MEETING_COLUMNS} FROM meetings m JOIN groups g ON g.id = m.group_id WHERE m.minutes_page_id = $1"
                ))
                .bind(page_id),
            )
            .await
    }

    /// Records that the organizer was asked for the minutes; false when
    /// they already were (the request goes once).
    pub async fn mark_minutes_asked(&self, meeting_id: i64) -> Result<bool> {
        Ok(self
            .db()
            .execute(
                q("UPDATE meetings SET minutes_asked_at = $1 WHERE id = $2 AND minutes_asked_at IS NULL")
                    .bind(self.now())
                    .bind(meeting_id),
            )
            .await?
            > 0)
    }

    // ------------------------------------------------------------ keeping alive

    /// A group's "meets regularly" setting and how many days ahead to remind.
    pub async fn regularity(&self, group_id: GroupId) -> Result<(Option<String>, i64)> {
        #[derive(sqlx::FromRow)]
        struct Reg {
            meets_regularly: Option<String>,
            meeting_lead_days: i64,
        }
        let r: Reg = self
            .db()
            .one(
                q("SELECT meets_regularly, meeting_lead_days FROM groups WHERE id = $1")
                    .bind(group_id),
            )
            .await?;
        Ok((r.meets_regularly, r.meeting_lead_days))
    }

    /// Sets a group's "meets regularly" setting.
    pub async fn set_regularity(
        &self,
        group_id: GroupId,
        cadence: Option<&str>,
        lead_days: i64,
    ) -> Result<()> {
        self.db()
            .execute(
                q("UPDATE groups SET meets_regularly = $1, meeting_lead_days = $2 WHERE id = $3")
                    .bind(cadence)
                    .bind(lead_days)
                    .bind(group_id),
            )
            .await?;
        Ok(())
    }

    /// Hosted groups that say they meet regularly: (id, cadence, lead days).
    pub async fn regular_groups(&self) -> Result<Vec<(GroupId, String, i64)>> {
        #[derive(sqlx::FromRow)]
        struct Reg {
            id: GroupId,
            meets_regularly: String,
            meeting_lead_days: i64,
        }
        let rows: Vec<Reg> = self
            .db()
            .all(
                q("SELECT id, meets_regularly, meeting_lead_days FROM groups \
                   WHERE meets_regularly IS NOT NULL AND hosted = $1 ORDER BY id")
                .bind(true),
            )
            .await?;
        Ok(rows
            .into_iter()
            .map(|r| (r.id, r.meets_regularly, r.meeting_lead_days))
            .collect())
    }

    /// The group's last meeting held (or started) before `now`, and its
    /// organizer.
    pub async fn last_meeting_before(
        &self,
        group_id: GroupId,
        now: i64,
    ) -> Result<Option<Meeting>> {
        self.db()
            .opt(
                q(format!(
                    "SELECT {MEETING_COLUMNS} FROM meetings m JOIN groups g ON g.id = m.group_id \
                     WHERE m.group_id = $1 AND m.status = 'scheduled' AND m.starts_at <= $2 \
                     ORDER BY m.starts_at DESC LIMIT 1"
                ))
                .bind(group_id)
                .bind(now),
            )
            .await
    }

    /// Whether the group has a meeting ahead or a date poll open.
    pub async fn something_planned(&self, group_id: GroupId, now: i64) -> Result<bool> {
        #[derive(sqlx::FromRow)]
        struct N {
            n: i64,
        }
        let n: N = self
            .db()
            .one(
                q("SELECT (SELECT COUNT(*) FROM meetings WHERE group_id = $1 AND status = 'scheduled' AND starts_at > $2) \
                   + (SELECT COUNT(*) FROM polls WHERE group_id = $1 AND status = 'open') AS n")
                .bind(group_id)
                .bind(now),
            )
            .await?;
        Ok(n.n > 0)
    }

    /// What keeping a group alive has done for one due date.
    pub async fn alive_record(&self, group_id: GroupId, due_at: i64) -> Result<AliveRecord> {
        let row: Option<AliveRecord> = self
            .db()
            .opt(
                q("SELECT group_id, due_at, organizer_told_at, facilitators_told_at, resolved_at FROM meeting_alive \
                   WHERE group_id = $1 AND due_at = $2")
                .bind(group_id)
                .bind(due_at),
            )
            .await?;
        Ok(row.unwrap_or(AliveRecord {
            group_id,
            due_at,
            organizer_told_at: None,
            facilitators_told_at: None,
            resolved_at: None,
        }))
    }

    /// Records a step of keeping a group alive (`organizer` or `facilitators`).
    pub async fn record_alive_step(
        &self,
        group_id: GroupId,
        due_at: i64,
        facilitators: bool,
    ) -> Result<()> {
        let column = if facilitators {
            "facilitators_told_at"
        } else {
            "organizer_told_at"
        };
        self.db()
            .execute(
                q(format!(
                    "INSERT INTO meeting_alive (group_id, due_at, {column}) VALUES ($1, $2, $3) \
                     ON CONFLICT (group_id, due_at) DO UPDATE SET {column} = excluded.{column}"
                ))
                .bind(group_id)
                .bind(due_at)
                .bind(self.now()),
            )
            .await?;
        Ok(())
    }

    /// Marks alerts of a group resolved (something was planned): the health
    /// indicator reads how long it took.
    pub async fn resolve_alive(&self, group_id: GroupId) -> Result<()> {
        self.db()
            .execute(
                q("UPDATE meeting_alive SET resolved_at = $1 WHERE group_id = $2 AND resolved_at IS NULL")
                    .bind(self.now())
                    .bind(group_id),
            )
            .await?;
        Ok(())
    }

    /// Every record of a group, newest first (for the health indicator).
    pub async fn alive_history(&self, group_id: GroupId) -> Result<Vec<AliveRecord>> {
        self.db()
            .all(
                q("SELECT group_id, due_at, organizer_told_at, facilitators_told_at, resolved_at FROM meeting_alive \
                   WHERE group_id = $1 ORDER BY due_at DESC")
                .bind(group_id),
            )
            .await
    }

    /// The group's members who run it (facilitators and leaders): (id, name, email, lang).
    pub async fn group_runners(&self, group_id: GroupId) -> Result<Vec<crate::accounts::User>> {
        self.db()
            .all(
                q("SELECT DISTINCT u.id, u.email, u.name, u.password_hash, u.email_verified_at, u.is_admin, u.is_helper, \
                   u.lang, u.email_frequency, u.email_newsletter, u.created_at FROM users u \
                   JOIN membership_roles r ON r.user_id = u.id \
                   WHERE r.group_id = $1 AND r.role IN ('facilitator', 'leader') ORDER BY u.id")
                .bind(group_id),
            )
            .await
    }

    /// The group's members who want email at all.
    pub async fn members_to_email(&self, group_id: GroupId) -> Result<Vec<crate::accounts::User>> {
        self.db()
            .all(
                q("SELECT u.id, u.email, u.name, u.password_hash, u.email_verified_at, u.is_admin, u.is_helper, \
                   u.lang, u.email_frequency, u.email_newsletter, u.created_at FROM users u \
                   JOIN memberships ms ON ms.user_id = u.id \
                   WHERE ms.group_id = $1 AND u.email_frequency <> 'never' ORDER BY u.id")
                .bind(group_id),
            )
            .await
    }

    /// Those going or maybe, with their accounts.
    pub async fn coming(&self, meeting_id: i64) -> Result<Vec<crate::accounts::User>> {
        self.db()
            .all(
                q("SELECT u.id, u.email, u.name, u.password_hash, u.email_verified_at, u.is_admin, u.is_helper, \
                   u.lang, u.email_frequency, u.email_newsletter, u.created_at FROM users u \
                   JOIN meeting_answers a ON a.user_id = u.id \
                   WHERE a.meeting_id = $1 AND a.answer IN ('going', 'maybe') ORDER BY u.id")
                .bind(meeting_id),
            )
            .await
    }
}

/// What keeping a group alive did for one due date.
#[derive(Debug, Clone, sqlx::FromRow, Serialize, PartialEq, Eq)]
pub struct AliveRecord {
    /// Group.
    pub group_id: GroupId,
    /// When its next meeting was due.
    pub due_at: i64,
    /// When the organizer was reminded.
    pub organizer_told_at: Option<i64>,
    /// When facilitators were told.
    pub facilitators_told_at: Option<i64>,
    /// When something got planned after an alert.
    pub resolved_at: Option<i64>,
}
