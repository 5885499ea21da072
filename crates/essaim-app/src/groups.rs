//! Joining groups, from any door.

use essaim_domain::accounts::normalize_name;
use essaim_domain::groups::{self as rules, JoinTarget, Joining};
use essaim_domain::i18n::Lang;
use essaim_domain::permissions::Viewer;
use essaim_domain::{Invalid, Problem};
use essaim_store::accounts::{NewUser, User};
use essaim_store::groups::{Group, GroupFields, NewGroup, NewPage};
use essaim_store::StoreError;

use crate::{Actor, App, Result};

/// The longest message a join request carries, in characters.
pub const REQUEST_MESSAGE_MAX: usize = 2000;

/// What happened when someone asked to join.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JoinOutcome {
    /// Now a member.
    Joined,
    /// Already a member.
    AlreadyMember,
    /// A request awaits a facilitator (who is told by email).
    Requested,
    /// The group takes members on request, and this door carries no
    /// request (a link in an email): the person is sent to the group's page.
    RequestNeeded,
}

/// Proposes the group of a validated `card` in `actor`'s name: listed at
/// once when the instance does not ask for approval (or the actor
/// administers it), awaiting approval otherwise. A hosted group gets its
/// shared space with `first_pages` (worded by the door, in the proposer's
/// language). A short address already taken is refused.
pub async fn propose(
    app: &App,
    actor: &Actor,
    card: &rules::GroupCard,
    first_pages: &[NewPage],
) -> Result<Group> {
    let user = actor.user().ok_or(Problem::Unauthenticated)?;
    let listed = rules::listed_at_once(&actor.viewer(), app.store.groups_need_approval().await?);
    let new = NewGroup {
        slug: card.slug.clone(),
        hosted: card.hosted,
        fields: GroupFields::of(card),
    };
    let pages = if card.hosted { first_pages } else { &[] };
    match app
        .store
        .create_group(&new, Some(user.id), listed, pages)
        .await
    {
        Ok(group) => Ok(group),
        Err(StoreError::Conflict) => {
            Err(Problem::Invalid(vec![Invalid::new("slug", "error-slug-taken")]).into())
        }
        Err(e) => Err(e.into()),
    }
}

/// What the joining rule reads of a stored group.
pub fn join_target(group: &Group) -> JoinTarget {
    JoinTarget {
        listed: group.listed,
        proposed_by: group.proposed_by,
        hosted: group.hosted,
        status: group.status,
        joining: group.joining,
    }
}

/// Joins `group`, or asks to join one that takes members on request. A
/// request's `message` is what the person wrote to the facilitators;
/// `None` when the door cannot carry one.
pub async fn join(
    app: &App,
    actor: &Actor,
    group: &Group,
    message: Option<&str>,
) -> Result<JoinOutcome> {
    let user = actor.user().ok_or(Problem::Unauthenticated)?;
    if app.store.membership(group.id, user.id).await?.is_some() {
        return Ok(JoinOutcome::AlreadyMember);
    }
    let joining = rules::may_join(&actor.viewer(), join_target(group))
        .map_err(|e| Problem::Invalid(vec![e]))?;
    match (joining, message) {
        (Joining::Open, _) => {
            app.store.join_group(group.id, user.id).await?;
            Ok(JoinOutcome::Joined)
        }
        (Joining::OnRequest, None) => Ok(JoinOutcome::RequestNeeded),
        (Joining::OnRequest, Some(message)) => {
            let message: String = message.trim().chars().take(REQUEST_MESSAGE_MAX).collect();
            app.store
                .request_to_join(group.id, user.id, &message)
                .await?;
            app.wake_jobs();
            Ok(JoinOutcome::Requested)
        }
    }
}

/// Whether the person at `address` (their account, or someone about to
/// have one) sees `group`: the `+subscribe` answer and its signed link
/// speak of a group only to those who see it (a group awaiting approval
/// stays unknown to others, its name included).
pub async fn address_sees(app: &App, group: &Group, address: &str) -> Result<bool> {
    let (viewer, membership) = match app.store.user_by_email(address).await? {
        Some(user) => (
            user.viewer(),
            app.store
                .membership(group.id, user.id)
                .await?
                .map(|m| m.rules()),
        ),
        None => (Viewer::newcomer(), None),
    };
    Ok(rules::may_see_group(
        &viewer,
        membership.as_ref(),
        group.listed,
        group.proposed_by,
    ))
}

/// What joining from a signed `+subscribe` link did.
#[derive(Debug)]
pub struct LinkJoin {
    /// What happened.
    pub outcome: JoinOutcome,
    /// The account of the address (made now when there was none and the
    /// group could be joined).
    pub account: Option<User>,
}

/// Joins `group` with the address a signed link proved, for someone who
/// lives in their mailbox: with its account, or with one made for it
/// (named `name`, speaking `lang`, its address confirmed by the link; the
/// person logs in by emailed link or chooses a password later). Nothing is
/// made for a group that cannot be joined this way.
pub async fn join_by_link(
    app: &App,
    group: &Group,
    address: &str,
    name: &str,
    lang: Lang,
) -> Result<LinkJoin> {
    let account = app.store.user_by_email(address).await?;
    let viewer = account.as_ref().map_or_else(Viewer::newcomer, User::viewer);
    let joining = rules::may_join(&viewer, join_target(group));
    let user = match (account, joining) {
        (Some(user), _) => user,
        (None, Ok(Joining::Open)) => {
            let name = normalize_name(name).map_err(|e| Problem::Invalid(vec![e]))?;
            let new = NewUser {
                email: address.to_string(),
                name,
                password_hash: None,
                is_admin: false,
                verified: true,
                lang: Some(lang.code().to_string()),
            };
            match app.store.create_user(&new).await {
                Ok(user) => user,
                // Made meanwhile (a second click): join with it.
                Err(StoreError::Conflict) => app
                    .store
                    .user_by_email(address)
                    .await?
                    .ok_or(Problem::NotFound)?,
                Err(e) => return Err(e.into()),
            }
        }
        (None, Ok(Joining::OnRequest)) => {
            return Ok(LinkJoin {
                outcome: JoinOutcome::RequestNeeded,
                account: None,
            })
        }
        (None, Err(e)) => return Err(Problem::Invalid(vec![e]).into()),
    };
    let actor = Actor::Account(user);
    let outcome = join(app, &actor, group, None).await?;
    Ok(LinkJoin {
        outcome,
        account: actor.user().cloned(),
    })
}
