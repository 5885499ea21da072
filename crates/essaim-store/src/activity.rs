//! The activity log (see `essaim_domain::activity`): each write function of
//! the store that changes a group's life calls one function here, inside
//! its own transaction, so the event is written with the change or not at
//! all.
//!
//! Events of existing objects are written by one `INSERT … SELECT` that
//! reads the object's title, address and audience as they are at that
//! moment; [`set_audience`] follows an object whose access changes later.

use essaim_domain::activity::{Audience, EventKind};
use essaim_domain::ids::{GroupId, UserId};
use serde::Serialize;

use crate::db::{q, Tx};
use crate::{Result, Store};

/// The audience of a wiki page `pg` of group `g`, in SQL (the same mapping
/// as `Audience::of_read_access`).
pub(crate) const PAGE_AUDIENCE: &str = "CASE COALESCE(pg.read_access, g.wiki_read) \
     WHEN 'everyone' THEN 'public' WHEN 'members' THEN 'members' ELSE 'facilitators' END";

/// The audience of a group `g`'s discussions, in SQL.
pub(crate) const DISCUSSIONS_AUDIENCE: &str =
    "CASE g.discussions_read WHEN 'public' THEN 'public' ELSE 'members' END";

/// The start of every statement that writes events: the columns in the
/// order each `VALUES` or `SELECT` gives them.
pub(crate) const INSERT: &str =
    "INSERT INTO activity (group_id, kind, actor_id, actor_name, object_id, title, url, audience, at) ";

/// One event of the log.
#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct Event {
    /// Identifier (in the order events were written).
    pub id: i64,
    /// The group it happened in.
    pub group_id: GroupId,
    /// What happened.
    #[sqlx(try_from = "String")]
    pub kind: EventKind,
    /// Who did it, when it was an account.
    pub actor_id: Option<UserId>,
    /// Who did it, as shown (a guest's or an email sender's name too).
    pub actor_name: String,
    /// The object's id (a topic, a page, a meeting…), per kind.
    pub object_id: Option<i64>,
    /// The object's title when it happened.
    pub title: String,
    /// The object's address on the site (a path), or empty.
    pub url: String,
    /// Who may read the event.
    #[sqlx(try_from = "String")]
    pub audience: Audience,
    /// When, in Unix seconds.
    pub at: i64,
}

const EVENT_COLUMNS: &str =
    "a.id, a.group_id, a.kind, a.actor_id, a.actor_name, a.object_id, a.title, a.url, a.audience, a.at";

/// An event whose every field the caller knows.
#[derive(Debug, Clone)]
pub struct NewEvent<'a> {
    /// The group.
    pub group_id: GroupId,
    /// What happened.
    pub kind: EventKind,
    /// Who did it.
    pub actor_id: Option<UserId>,
    /// Their name as shown.
    pub actor_name: &'a str,
    /// The object.
    pub object_id: Option<i64>,
    /// Its title.
    pub title: &'a str,
    /// Its path.
    pub url: &'a str,
    /// Who may read it.
    pub audience: Audience,
    /// When.
    pub at: i64,
}

/// Writes `event` inside `tx`.
pub async fn record(tx: &mut Tx, event: &NewEvent<'_>) -> Result<()> {
    tx.execute(
        q(format!(
            "{INSERT}VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)"
        ))
        .bind(event.group_id)
        .bind(event.kind.code())
        .bind(event.actor_id)
        .bind(event.actor_name)
        .bind(event.object_id)
        .bind(event.title)
        .bind(event.url)
        .bind(event.audience.code())
        .bind(event.at),
    )
    .await?;
    Ok(())
}

/// The name of account `$N` in SQL, or empty.
fn actor_name(param: usize) -> String {
    format!("COALESCE((SELECT u.name FROM users u WHERE u.id = ${param}), '')")
}

/// A post that has just become visible: its topic opened (the topic's
/// first message) or a reply written, dated as the post is.
pub(crate) async fn post_shown(tx: &mut Tx, post_id: i64) -> Result<()> {
    tx.execute(
        q(format!(
            "{INSERT}SELECT p.group_id, \
                    CASE WHEN p.id = (SELECT MIN(f.id) FROM posts f WHERE f.topic_id = p.topic_id) \
                         THEN 'topic_opened' ELSE 'post_written' END, \
                    p.author_id, p.author_name, t.id, t.title, \
                    '/g/' || g.slug || '/discussions/' || t.id, {DISCUSSIONS_AUDIENCE}, p.created_at \
             FROM posts p JOIN topics t ON t.id = p.topic_id JOIN groups g ON g.id = p.group_id \
             WHERE p.id = $1"
        ))
        .bind(post_id),
    )
    .await?;
    Ok(())
}

/// Something done to a group's wiki page (instance pages have no group:
/// nothing is written for them).
pub(crate) async fn page_event(
    tx: &mut Tx,
    page_id: i64,
    kind: EventKind,
    actor: Option<UserId>,
    at: i64,
) -> Result<()> {
    tx.execute(
        q(format!(
            "{INSERT}SELECT pg.group_id, $2, $3, {}, pg.id, pg.title, '/g/' || g.slug || '/wiki/' || pg.slug, \
                    {PAGE_AUDIENCE}, $4 \
             FROM pages pg JOIN groups g ON g.id = pg.group_id WHERE pg.id = $1",
            actor_name(3)
        ))
        .bind(page_id)
        .bind(kind.code())
        .bind(actor)
        .bind(at),
    )
    .await?;
    Ok(())
}

/// Something done to a meeting, by `actor` (`None`: its organizer, as
/// when the time of a meeting passes).
pub(crate) async fn meeting_event(
    tx: &mut Tx,
    meeting_id: i64,
    kind: EventKind,
    actor: Option<UserId>,
    at: i64,
) -> Result<()> {
    tx.execute(
        q(format!(
            "{INSERT}SELECT m.group_id, $2, COALESCE($3, m.organizer_id), \
                    COALESCE((SELECT u.name FROM users u WHERE u.id = COALESCE($3, m.organizer_id)), ''), \
                    m.id, m.title, '/g/' || g.slug || '/meetings/' || m.id, m.visibility, $4 \
             FROM meetings m JOIN groups g ON g.id = m.group_id WHERE m.id = $1"
        ))
        .bind(meeting_id)
        .bind(kind.code())
        .bind(actor)
        .bind(at),
    )
    .await?;
    Ok(())
}

/// A date poll opened or closed.
pub(crate) async fn poll_event(
    tx: &mut Tx,
    poll_id: i64,
    kind: EventKind,
    actor: Option<UserId>,
    at: i64,
) -> Result<()> {
    tx.execute(
        q(format!(
            "{INSERT}SELECT p.group_id, $2, COALESCE($3, p.organizer_id), \
                    COALESCE((SELECT u.name FROM users u WHERE u.id = COALESCE($3, p.organizer_id)), ''), \
                    p.id, p.title, '/p/' || p.token, p.visibility, $4 \
             FROM polls p WHERE p.id = $1"
        ))
        .bind(poll_id)
        .bind(kind.code())
        .bind(actor)
        .bind(at),
    )
    .await?;
    Ok(())
}

/// A person joined, left, or had their roles changed, by `actor` (the
/// person themselves for joining and leaving). Who is in a group is read
/// by its members.
pub(crate) async fn member_event(
    tx: &mut Tx,
    group_id: GroupId,
    user_id: UserId,
    kind: EventKind,
    actor: Option<UserId>,
    at: i64,
) -> Result<()> {
    tx.execute(
        q(format!(
            "{INSERT}SELECT $1, $3, $4, {}, u.id, u.name, '', 'members', $5 FROM users u WHERE u.id = $2",
            actor_name(4)
        ))
        .bind(group_id)
        .bind(user_id)
        .bind(kind.code())
        .bind(actor)
        .bind(at),
    )
    .await?;
    Ok(())
}

/// Follows an object whose access changed: its events of `kinds` get
/// `audience`.
pub(crate) async fn set_audience(
    tx: &mut Tx,
    kinds: &[EventKind],
    object_id: i64,
    audience: Audience,
) -> Result<()> {
    for kind in kinds {
        tx.execute(
            q("UPDATE activity SET audience = $1 WHERE kind = $2 AND object_id = $3")
                .bind(audience.code())
                .bind(kind.code())
                .bind(object_id),
        )
        .await?;
    }
    Ok(())
}

/// The kinds of event whose object is a wiki page.
const PAGE_KINDS: &str = "('page_saved', 'page_restored', 'file_attached', 'minutes_written')";

/// The page events that `filter` (on `activity`, with `$1`) selects take
/// their page's audience again, after a wiki's or a page's read access
/// changed.
async fn refresh_page_audiences(tx: &mut Tx, filter: &str, id: i64) -> Result<()> {
    tx.execute(
        q(format!(
            "UPDATE activity SET audience = (SELECT {PAGE_AUDIENCE} FROM pages pg JOIN groups g ON g.id = pg.group_id \
                                            WHERE pg.id = activity.object_id) \
             WHERE kind IN {PAGE_KINDS} AND {filter}"
        ))
        .bind(id),
    )
    .await?;
    Ok(())
}

/// After a group's wiki access changed (its usages board follows it).
pub(crate) async fn refresh_wiki(tx: &mut Tx, group_id: GroupId) -> Result<()> {
    refresh_page_audiences(
        tx,
        "group_id = $1 AND object_id IN (SELECT id FROM pages WHERE group_id = $1)",
        group_id.0,
    )
    .await?;
    tx.execute(
        q(format!(
            "UPDATE activity SET audience = (SELECT {} FROM groups g WHERE g.id = $1) \
             WHERE group_id = $1 AND kind IN {}",
            crate::usages::BOARD_AUDIENCE,
            crate::usages::BOARD_KINDS
        ))
        .bind(group_id),
    )
    .await?;
    Ok(())
}

/// After one page's own access changed.
pub(crate) async fn refresh_page(tx: &mut Tx, page_id: i64) -> Result<()> {
    refresh_page_audiences(tx, "object_id = $1", page_id).await
}

/// The events of a group's discussions, after their read access changed.
pub(crate) async fn refresh_discussions(tx: &mut Tx, group_id: GroupId) -> Result<()> {
    tx.execute(
        q(format!(
            "UPDATE activity SET audience = (SELECT {DISCUSSIONS_AUDIENCE} FROM groups g WHERE g.id = $1) \
             WHERE group_id = $1 AND kind IN ('topic_opened', 'post_written')"
        ))
        .bind(group_id),
    )
    .await?;
    Ok(())
}

fn audience_list(audiences: &[Audience]) -> String {
    // Codes are the domain's own constants: safe to inline.
    let codes: Vec<String> = audiences
        .iter()
        .map(|a| format!("'{}'", a.code()))
        .collect();
    codes.join(", ")
}

impl Store {
    /// The newest `limit` events of a group that a reader of `audiences`
    /// may read, newest first (an index on the group and time: the rows
    /// read do not grow with the log).
    pub async fn timeline(
        &self,
        group_id: GroupId,
        audiences: &[Audience],
        limit: i64,
    ) -> Result<Vec<Event>> {
        if audiences.is_empty() {
            return Ok(Vec::new());
        }
        self.db()
            .all(
                q(format!(
                    "SELECT {EVENT_COLUMNS} FROM activity a WHERE a.group_id = $1 AND a.audience IN ({}) \
                     ORDER BY a.at DESC, a.id DESC LIMIT $2",
                    audience_list(audiences)
                ))
                .bind(group_id)
                .bind(limit),
            )
            .await
    }

    /// Every event of a group from `from` (included) to `to` (excluded),
    /// oldest first.
    pub async fn activity_between(
        &self,
        group_id: GroupId,
        from: i64,
        to: i64,
    ) -> Result<Vec<Event>> {
        self.db()
            .all(
                q(format!(
                    "SELECT {EVENT_COLUMNS} FROM activity a WHERE a.group_id = $1 AND a.at >= $2 AND a.at < $3 \
                     ORDER BY a.at, a.id"
                ))
                .bind(group_id)
                .bind(from)
                .bind(to),
            )
            .await
    }
}
