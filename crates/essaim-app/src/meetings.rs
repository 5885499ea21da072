//! Meetings and date polls as a person reads them.

use essaim_domain::ids::{GroupId, UserId};
use essaim_domain::jobs::MeetingsTick;
use essaim_domain::meetings::{MeetingDraft, Recurrence};
use essaim_store::groups::Group;
use essaim_store::meetings::{Meeting, MeetingQuery, NewMeeting};
use essaim_store::polls::Poll;
use essaim_store::StoreError;

use essaim_domain::groups::Membership;
use essaim_domain::meetings as rules;

use crate::audience::{sight, target};
use crate::wiki::Space;
use crate::{refusal, Actor, App, Result};

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

/// What the meetings' rules read of a stored group.
pub fn group_access(group: &Group) -> rules::GroupAccess {
    rules::GroupAccess {
        listed: group.listed,
        proposed_by: group.proposed_by,
        hosted: group.hosted,
    }
}

/// The right to organize in one group (schedule a meeting, propose dates),
/// held by one account: only [`organizing`] makes one, after the rule said
/// yes, so [`schedule`] and `polls::propose` cannot be reached without it.
#[derive(Debug, Clone, Copy)]
pub struct Organizing {
    /// The group.
    pub(crate) group_id: GroupId,
    /// The organizer.
    pub(crate) organizer_id: UserId,
}

/// Whether `actor` may organize in `group` (with their `membership`, as
/// the door loaded it): its members and those who run it. A visitor is
/// asked to log in, others are refused.
pub fn organizing(
    actor: &Actor,
    group: &Group,
    membership: Option<&Membership>,
) -> Result<Organizing> {
    let user = actor.user().ok_or_else(|| refusal(actor))?;
    if !rules::may_organize(&actor.viewer(), membership, group_access(group)) {
        return Err(refusal(actor).into());
    }
    Ok(Organizing {
        group_id: group.id,
        organizer_id: user.id,
    })
}

/// Makes sure the meetings' tick runs soon (a new series' occurrences,
/// the groups that meet regularly).
pub async fn schedule_tick(app: &App) -> Result<(), StoreError> {
    app.store
        .ensure_job::<MeetingsTick>(app.store.now() + 60)
        .await
}

/// Schedules a checked meeting (or, with `repeat`, a series and its first
/// meeting) and gives the meeting's id. The group's "meets regularly"
/// alert is resolved; the invitations go out from a job.
pub async fn schedule(
    app: &App,
    organizing: Organizing,
    draft: &MeetingDraft,
    repeat: Option<Recurrence>,
) -> Result<i64> {
    let id = match repeat {
        None => {
            app.store
                .create_meeting(&NewMeeting {
                    group_id: organizing.group_id,
                    organizer_id: Some(organizing.organizer_id),
                    draft,
                    series_id: None,
                })
                .await?
        }
        Some(rule) => {
            let series = app
                .store
                .create_series(organizing.group_id, organizing.organizer_id, draft, rule)
                .await?;
            schedule_tick(app).await?;
            app.store
                .first_of_series(series)
                .await?
                .ok_or_else(|| StoreError::Corrupt(format!("series {series} without a meeting")))?
        }
    };
    app.store.resolve_alive(organizing.group_id).await?;
    app.wake_jobs();
    Ok(id)
}
