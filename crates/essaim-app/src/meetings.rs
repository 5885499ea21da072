//! Meetings and date polls as a person reads them.

use essaim_store::groups::Group;
use essaim_store::meetings::{Meeting, MeetingQuery};
use essaim_store::polls::Poll;

use essaim_domain::groups::Membership;
use essaim_domain::meetings as rules;

use crate::audience::{sight, target};
use crate::wiki::{refusal, Space};
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

/// Opens the minutes of `meeting` (a meeting of `group`, which the door
/// loaded through the meeting's own rule) in the group's wiki, creating
/// the page from the group's template the first time, and gives its
/// address. The minutes take the meeting's audience. Writing them follows
/// the wiki's rule, and a non-member (a helper) also needs to run the
/// meeting.
pub async fn write_minutes(
    app: &App,
    actor: &Actor,
    group: &Group,
    membership: Option<Membership>,
    meeting: &Meeting,
) -> Result<String> {
    let user = actor.user().ok_or_else(|| refusal(actor))?;
    let runs = rules::may_manage(&actor.viewer(), membership.as_ref(), meeting.organizer_id);
    let member = membership.is_some();
    if !Space::of_group(group, membership).may_edit(actor, None) || !(member || runs) {
        return Err(refusal(actor).into());
    }
    Ok(app.store.create_minutes(meeting, user.id).await?)
}
