//! Newsletters as people use them: a group's editors (facilitators and
//! leaders) prepare the draft (assembled from the activity log), edit,
//! remove and reorder its items, choose the schedule and send it; anyone
//! who sees the group reads the archive (the public version); the
//! contributors page and the letter's thanks share [`contributors`].

use essaim_domain::activity::Audience;
use essaim_domain::audience::Sight;
use essaim_domain::groups::Membership;
use essaim_domain::ids::GroupId;
use essaim_domain::newsletter::{
    self as rules, Coming, Contributor, Facts, Happened, Referent, Schedule, Status,
};
use essaim_domain::visibility::Visibility;
use essaim_domain::{Invalid, Problem};
use essaim_store::accounts::User;
use essaim_store::groups::Group;
use essaim_store::meetings::MeetingQuery;
use essaim_store::news::Subscriber;
use essaim_store::newsletter::{Item, Newsletter, Owner};

use crate::{refusal, Actor, App, Result};

/// How far back the very first letter looks when the schedule has no
/// period (never): a month.
const FIRST_SPAN: i64 = 30 * 86_400;
/// How far ahead the letter announces meetings.
const AHEAD: i64 = 45 * 86_400;

/// Whether `actor` edits `group`'s letters.
pub fn may_edit(actor: &Actor, group: &Group, membership: Option<&Membership>) -> bool {
    group.hosted && rules::may_edit(&actor.viewer(), membership)
}

fn check(actor: &Actor, group: &Group, membership: Option<&Membership>) -> Result<()> {
    if may_edit(actor, group, membership) {
        Ok(())
    } else {
        Err(refusal(actor).into())
    }
}

/// The contributors of `groups` from `from` to `to`, counted over what
/// readers of `audiences` may read: the letter's thanks and the
/// contributors page, one function.
pub async fn contributors(
    app: &App,
    groups: &[GroupId],
    from: i64,
    to: i64,
    audiences: &[Audience],
) -> Result<Vec<Contributor>> {
    let counted = app.store.contributions(groups, from, to, audiences).await?;
    Ok(rules::contributors(&counted))
}

/// The contributors of `group` over the last `span` seconds, counted over
/// what `actor` may read there (the contributors page).
pub async fn contributors_of(
    app: &App,
    actor: &Actor,
    group: &Group,
    membership: Option<&Membership>,
    span: i64,
) -> Result<Vec<Contributor>> {
    let audiences = Audience::readable_by(&actor.viewer(), membership, group.listed);
    let now = app.store.now();
    contributors(app, &[group.id], now - span, now, &audiences).await
}

fn happened(e: essaim_store::activity::Event) -> Happened {
    Happened {
        kind: e.kind,
        actor_name: e.actor_name,
        object_id: e.object_id,
        title: e.title,
        url: e.url,
        audience: e.audience,
        at: e.at,
    }
}

/// Everything a group's draft for `from`..`to` is made of.
async fn facts_of_group(app: &App, group: &Group, from: i64, to: i64) -> Result<Facts> {
    let events = app.store.activity_between(group.id, from, to).await?;
    let excerpts = app
        .store
        .pages_created_between(&[group.id], from, to)
        .await?
        .into_iter()
        .collect();
    let query = MeetingQuery {
        see: Sight {
            everything: true,
            ..Sight::default()
        },
        group_id: Some(group.id),
        from: Some(to),
        to: Some(to + AHEAD),
        limit: 20,
        ..MeetingQuery::default()
    };
    let meetings = app
        .store
        .meetings(&query)
        .await?
        .into_iter()
        .map(|m| Coming {
            id: m.id,
            url: m.path(),
            at: m.starts_at,
            members_only: m.visibility() == Visibility::Members,
            title: m.title,
        })
        .collect();
    let polls = app
        .store
        .polls_of_group(group.id, true)
        .await?
        .into_iter()
        .filter(|p| p.is_open(to))
        .map(|p| Coming {
            id: p.id,
            url: p.path(),
            at: p.deadline.unwrap_or(0),
            members_only: p.visibility() == Visibility::Members,
            title: p.title,
        })
        .collect();
    let referent = app
        .store
        .members(group.id)
        .await?
        .into_iter()
        .find(|m| m.roles.iter().any(|r| r == "referent"))
        .map(|m| Referent {
            name: m.name,
            contact: format!("/g/{}/members", group.slug),
        });
    let groups = [group.id];
    Ok(Facts {
        events: events.into_iter().map(happened).collect(),
        excerpts,
        meetings,
        polls,
        public_contributors: contributors(app, &groups, from, to, &[Audience::Public]).await?,
        member_contributors: contributors(
            app,
            &groups,
            from,
            to,
            &[Audience::Public, Audience::Members],
        )
        .await?,
        referent,
        ecosystem: false,
    })
}

/// Where the next letter of `owner` starts.
async fn period_start(app: &App, owner: &Owner, schedule: Schedule, now: i64) -> Result<i64> {
    Ok(match app.store.last_newsletter_end(owner).await? {
        Some(end) => end,
        None => now - schedule.every().unwrap_or(FIRST_SPAN),
    })
}

/// Makes (or makes again) `group`'s draft from what happened since its
/// last letter; gives its id. Used by the editors and by the schedule.
pub async fn prepare_group_draft(app: &App, group: &Group) -> Result<i64> {
    // Up to the end of this second: what was done just now is in.
    let now = app.store.now() + 1;
    let owner = Owner::Group(group.id);
    let schedule = app.store.newsletter_schedule(group.id).await?;
    let from = period_start(app, &owner, schedule, now).await?;
    let facts = facts_of_group(app, group, from, now).await?;
    let items = rules::assemble(&facts);
    Ok(app
        .store
        .save_newsletter_draft(&owner, from, now, &items)
        .await?)
}

/// An editor asks for the draft (made again when one waits).
pub async fn prepare(
    app: &App,
    actor: &Actor,
    group: &Group,
    membership: Option<&Membership>,
) -> Result<i64> {
    check(actor, group, membership)?;
    prepare_group_draft(app, group).await
}

/// The letters of `group` that `actor` sees listed: the sent ones for
/// anyone who sees the group, the draft and the one going out for its
/// editors too.
pub async fn list(
    app: &App,
    actor: &Actor,
    group: &Group,
    membership: Option<&Membership>,
) -> Result<Vec<Newsletter>> {
    if !group.hosted {
        return Err(Problem::NotFound.into());
    }
    let statuses: &[Status] = if may_edit(actor, group, membership) {
        &Status::ALL
    } else {
        &[Status::Sent]
    };
    Ok(app
        .store
        .newsletters_of(&Owner::Group(group.id), statuses)
        .await?)
}

/// Letter `id` of `group` with its items, if `actor` may read it: a sent
/// one by whoever sees the group (the door shows its public version), a
/// draft or one going out by its editors; otherwise "not found".
pub async fn open(
    app: &App,
    actor: &Actor,
    group: &Group,
    membership: Option<&Membership>,
    id: i64,
) -> Result<(Newsletter, Vec<Item>)> {
    let letter = app
        .store
        .newsletter(id)
        .await?
        .filter(|n| n.group_id == Some(group.id) && group.hosted)
        .filter(|n| n.status == Status::Sent || may_edit(actor, group, membership))
        .ok_or(Problem::NotFound)?;
    let items = app.store.newsletter_items(letter.id).await?;
    Ok((letter, items))
}

async fn draft_of(
    app: &App,
    actor: &Actor,
    group: &Group,
    membership: Option<&Membership>,
    id: i64,
) -> Result<Newsletter> {
    check(actor, group, membership)?;
    let (letter, _) = open(app, actor, group, membership, id).await?;
    if letter.status != Status::Draft {
        return Err(Problem::NotFound.into());
    }
    Ok(letter)
}

/// What an editor does to one item of a draft.
#[derive(Debug, Clone)]
pub enum ItemChange {
    /// New words (empty: its own back).
    Text(String),
    /// Out of the letter (`true`) or back in.
    Removed(bool),
    /// One place up (`true`) or down.
    Move(bool),
}

/// Changes item `item_id` of draft `id`.
pub async fn change_item(
    app: &App,
    actor: &Actor,
    group: &Group,
    membership: Option<&Membership>,
    id: i64,
    item_id: i64,
    change: ItemChange,
) -> Result<()> {
    let letter = draft_of(app, actor, group, membership, id).await?;
    let done = match change {
        ItemChange::Text(text) => {
            let text = rules::check_text(&text).map_err(|e| Problem::Invalid(vec![e]))?;
            app.store
                .edit_newsletter_item(letter.id, item_id, &text)
                .await?
        }
        ItemChange::Removed(removed) => {
            app.store
                .remove_newsletter_item(letter.id, item_id, removed)
                .await?
        }
        ItemChange::Move(up) => {
            app.store
                .move_newsletter_item(letter.id, item_id, up)
                .await?
        }
    };
    if !done {
        return Err(Problem::NotFound.into());
    }
    Ok(())
}

/// Who a letter of `group` goes to: the members who want email (the full
/// version) and the confirmed news-only subscribers (the public version),
/// by the news' own rule; members who said no to newsletters in their
/// settings are left out.
pub async fn recipients(app: &App, group: &Group) -> Result<(Vec<User>, Vec<Subscriber>)> {
    let (members, subscribers) = crate::news::recipients_of(app, group, Visibility::Public).await?;
    Ok((
        members.into_iter().filter(|u| u.email_newsletter).collect(),
        subscribers,
    ))
}

/// Sends draft `id`: refused when it has nothing to say (the draft says
/// so); otherwise it goes out from a job. Gives how many addresses.
pub async fn send(
    app: &App,
    actor: &Actor,
    group: &Group,
    membership: Option<&Membership>,
    id: i64,
) -> Result<i64> {
    let letter = draft_of(app, actor, group, membership, id).await?;
    let items = app.store.newsletter_items(letter.id).await?;
    let kept: Vec<_> = items
        .iter()
        .filter(|i| !i.removed)
        .map(|i| &i.kind)
        .collect();
    if !rules::has_news(kept) {
        return Err(Problem::Invalid(vec![Invalid::new("items", "error-newsletter-empty")]).into());
    }
    let (members, subscribers) = recipients(app, group).await?;
    let total = (members.len() + subscribers.len()) as i64;
    if !app.store.start_newsletter_sending(letter.id, total).await? {
        return Err(Problem::NotFound.into());
    }
    app.wake_jobs();
    Ok(total)
}

/// Sets `group`'s schedule (a code: `monthly`, `fortnightly`, `never`).
pub async fn set_schedule(
    app: &App,
    actor: &Actor,
    group: &Group,
    membership: Option<&Membership>,
    code: &str,
) -> Result<()> {
    check(actor, group, membership)?;
    let schedule = Schedule::from_code(code.trim())
        .ok_or_else(|| Problem::Invalid(vec![Invalid::new("schedule", "error-choice-unknown")]))?;
    app.store
        .set_newsletter_schedule(group.id, schedule)
        .await?;
    if schedule != Schedule::Never {
        schedule_tick(app).await?;
    }
    Ok(())
}

/// Makes sure the hourly newsletter tick is queued.
pub async fn schedule_tick(app: &App) -> Result<()> {
    app.store
        .ensure_job::<essaim_domain::jobs::NewsletterTick>(app.store.now() + 60)
        .await?;
    app.wake_jobs();
    Ok(())
}

/// The groups whose draft is due now (their schedule says so and no draft
/// waits): the tick prepares each and tells its editors.
pub async fn due_groups(app: &App) -> Result<Vec<Group>> {
    let now = app.store.now();
    let mut out = Vec::new();
    for (group_id, schedule, last_to, waiting) in app.store.newsletter_due_list().await? {
        if waiting || !schedule.due(last_to, now) {
            continue;
        }
        // A group that never had a letter waits a whole period from its
        // creation before its first one.
        let Some(group) = app.store.group_by_id(group_id).await? else {
            continue;
        };
        if last_to.is_none() && !schedule.due(Some(group.created_at), now) {
            continue;
        }
        out.push(group);
    }
    Ok(out)
}

/// Whether `actor` edits the letters of ecosystems (the instance's
/// administrators).
pub fn may_edit_ecosystem(actor: &Actor) -> bool {
    rules::may_edit_ecosystem(&actor.viewer())
}

/// Makes (or makes again) the draft of ecosystem `keyword` from the public
/// events of its groups (one read over the group set), their public
/// meetings to come and the contributors counted over what anyone may
/// read; gives its id.
pub async fn prepare_ecosystem(app: &App, actor: &Actor, keyword: &str) -> Result<i64> {
    if !may_edit_ecosystem(actor) {
        return Err(refusal(actor).into());
    }
    let now = app.store.now() + 1;
    let owner = Owner::Keyword(keyword.to_string());
    let from = period_start(app, &owner, Schedule::Monthly, now).await?;
    let groups = app.store.ecosystem_groups(keyword).await?;
    let events = app
        .store
        .activity_of_groups(&groups, from, now, true)
        .await?;
    let excerpts = app
        .store
        .pages_created_between(&groups, from, now)
        .await?
        .into_iter()
        .collect();
    let query = MeetingQuery {
        see: Sight::nobody(),
        keyword: Some(keyword.to_string()),
        from: Some(now),
        to: Some(now + AHEAD),
        limit: 20,
        ..MeetingQuery::default()
    };
    let meetings = app
        .store
        .meetings(&query)
        .await?
        .into_iter()
        .map(|m| Coming {
            id: m.id,
            url: m.path(),
            at: m.starts_at,
            members_only: false,
            title: m.title,
        })
        .collect();
    let thanked = contributors(app, &groups, from, now, &[Audience::Public]).await?;
    let facts = Facts {
        events: events.into_iter().map(happened).collect(),
        excerpts,
        meetings,
        polls: Vec::new(),
        public_contributors: thanked.clone(),
        member_contributors: thanked,
        referent: None,
        ecosystem: true,
    };
    let items = rules::assemble(&facts);
    Ok(app
        .store
        .save_newsletter_draft(&owner, from, now, &items)
        .await?)
}

/// The letters of ecosystem `keyword` that `actor` sees listed (drafts for
/// its editors), and one of them with its items.
pub async fn ecosystem_letters(app: &App, actor: &Actor, keyword: &str) -> Result<Vec<Newsletter>> {
    let statuses: &[Status] = if may_edit_ecosystem(actor) {
        &Status::ALL
    } else {
        &[Status::Sent]
    };
    Ok(app
        .store
        .newsletters_of(&Owner::Keyword(keyword.to_string()), statuses)
        .await?)
}

/// Letter `id` of ecosystem `keyword`, if `actor` may read it (a draft:
/// its editors only).
pub async fn open_ecosystem(
    app: &App,
    actor: &Actor,
    keyword: &str,
    id: i64,
) -> Result<(Newsletter, Vec<Item>)> {
    let letter = app
        .store
        .newsletter(id)
        .await?
        .filter(|n| n.keyword.as_deref() == Some(keyword))
        .filter(|n| n.status == Status::Sent || may_edit_ecosystem(actor))
        .ok_or(Problem::NotFound)?;
    let items = app.store.newsletter_items(letter.id).await?;
    Ok((letter, items))
}
