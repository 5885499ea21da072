//! Meetings and date polls as a person reads them.

use essaim_store::groups::Group;
use essaim_store::meetings::{Meeting, MeetingQuery};
use essaim_store::polls::Poll;

use crate::audience::{sight, target};
use crate::{Actor, App, Result};

/// A group's calendar: what is coming, what is past, the open date polls,
/// each seen through the same sight.
#[derive(Debug)]
pub struct Calendar {
    /// Meetings ahead (cancelled ones included, marked).
    pub upcoming: Vec<Meeting>,
    /// The latest meetings that are over, newest first.
    pub past: Vec<Meeting>,
    /// Date polls still open.
    pub polls: Vec<Poll>,
}

/// The calendar of `group` (which the door loaded through the group's own
/// rule) as `actor` may see it.
pub async fn calendar_of(app: &App, actor: &Actor, group: &Group) -> Result<Calendar> {
    let see = sight(app, actor).await?;
    let now = app.store.now();
    let base = MeetingQuery {
        see: see.clone(),
        group_id: Some(group.id),
        limit: 50,
        ..MeetingQuery::default()
    };
    let upcoming = app
        .store
        .meetings(&MeetingQuery {
            from: Some(now),
            with_cancelled: true,
            ..base.clone()
        })
        .await?;
    let past = app
        .store
        .meetings(&MeetingQuery {
            to: Some(now),
            newest_first: true,
            limit: 20,
            ..base
        })
        .await?
        .into_iter()
        .filter(|m| m.ends_at <= now)
        .collect();
    let polls = app
        .store
        .polls_of_group(group.id, true)
        .await?
        .into_iter()
        .filter(|p| see.admits(&target(group, p.visibility())))
        .collect();
    Ok(Calendar {
        upcoming,
        past,
        polls,
    })
}
