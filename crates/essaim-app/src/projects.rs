//! Projects, from any door: starting and changing one, its news (typed,
//! sent through the API, or replied by email), « Je veux aider », the
//! follow-up board's reviews and the instance's catalogue.

use essaim_domain::audience::{sight_in, Sight};
use essaim_domain::groups::Membership;
use essaim_domain::ids::UserId;
use essaim_domain::projects::{self as rules, NewsVia, ProjectForm};
use essaim_domain::{Invalid, Problem};
use essaim_store::groups::Group;
use essaim_store::outbox::OutgoingEmail;
use essaim_store::projects::{CatalogueQuery, NewNews, Project};

use crate::{refusal, Actor, App, Result};

/// A group and the actor's place in it, as every project action reads it.
#[derive(Debug, Clone)]
pub struct Place<'a> {
    /// The group.
    pub group: &'a Group,
    /// The actor's membership of it.
    pub membership: Option<&'a Membership>,
}

impl Place<'_> {
    /// What `actor` sees of this group's things.
    fn sight(&self, actor: &Actor) -> Sight {
        sight_in(&actor.viewer(), self.group.id, self.membership)
    }
}

/// Whether `actor` may see `project` (of `place`'s group).
pub fn may_see(actor: &Actor, place: &Place<'_>, project: &Project) -> bool {
    place
        .sight(actor)
        .admits(&crate::audience::target(place.group, project.visibility))
}

/// `project` if `actor` may see it; not found otherwise (a project one may
/// not see is not spoken of).
pub fn seen<'p>(actor: &Actor, place: &Place<'_>, project: &'p Project) -> Result<&'p Project> {
    if project.group_id == place.group.id && may_see(actor, place, project) {
        Ok(project)
    } else {
        Err(Problem::NotFound.into())
    }
}

/// Whether `actor` may change `project` and post its news.
pub fn may_manage(actor: &Actor, place: &Place<'_>, project: &Project) -> bool {
    rules::may_manage(
        &actor.viewer(),
        place.membership,
        project.is_holder(actor.user().map(|u| u.id)),
    )
}

/// The projects of `place`'s group that `actor` sees, newest first.
pub async fn of_group(app: &App, actor: &Actor, place: &Place<'_>) -> Result<Vec<Project>> {
    Ok(app
        .store
        .group_projects(place.group.id, &place.sight(actor))
        .await?)
}

/// The catalogue of projects open to contributors that `actor` sees.
pub async fn catalogue(app: &App, actor: &Actor, query: &CatalogueQuery) -> Result<Vec<Project>> {
    let sight = crate::audience::sight(app, actor).await?;
    Ok(app.store.project_catalogue(&sight, query).await?)
}

/// Checks the holders chosen (the actor when none is given): members of
/// the group.
async fn holders_of(
    app: &App,
    actor: &Actor,
    place: &Place<'_>,
    chosen: &[UserId],
) -> Result<std::result::Result<Vec<UserId>, Invalid>> {
    let me = actor.user().ok_or(Problem::Unauthenticated)?.id;
    let chosen = if chosen.is_empty() {
        vec![me]
    } else {
        chosen.to_vec()
    };
    let members = app.store.members_among(place.group.id, &chosen).await?;
    Ok(rules::check_holders(&chosen, |h| members.contains(&h)))
}

/// Starts a project in `place`'s group; `holders` empty: the actor holds it.
pub async fn create(
    app: &App,
    actor: &Actor,
    place: &Place<'_>,
    form: &ProjectForm,
    holders: &[UserId],
) -> Result<i64> {
    if !rules::may_create(&actor.viewer(), place.membership, place.group.hosted) {
        return Err(refusal(actor).into());
    }
    let user = actor.user().ok_or(Problem::Unauthenticated)?;
    let checked = holders_of(app, actor, place, holders).await?;
    let draft = form.validate();
    let (draft, holders) = match (draft, checked) {
        (Ok(d), Ok(h)) => (d, h),
        (d, h) => {
            let mut errors = d.err().unwrap_or_default();
            errors.extend(h.err());
            return Err(Problem::Invalid(errors).into());
        }
    };
    Ok(app
        .store
        .create_project(place.group.id, &draft, &holders, (user.id, &user.name))
        .await?)
}

/// Changes `project`'s fields and holders.
pub async fn update(
    app: &App,
    actor: &Actor,
    place: &Place<'_>,
    project: &Project,
    form: &ProjectForm,
    holders: &[UserId],
) -> Result<()> {
    seen(actor, place, project)?;
    if !may_manage(actor, place, project) {
        return Err(refusal(actor).into());
    }
    let checked = holders_of(app, actor, place, holders).await?;
    match (form.validate(), checked) {
        (Ok(draft), Ok(holders)) => Ok(app
            .store
            .update_project(project.id, &draft, &holders)
            .await?),
        (d, h) => {
            let mut errors = d.err().unwrap_or_default();
            errors.extend(h.err());
            Err(Problem::Invalid(errors).into())
        }
    }
}

/// How a news item came, for [`post_news`].
#[derive(Debug, Clone, Copy, Default)]
pub struct NewsOrigin<'a> {
    /// Typed on the site, or replied by email.
    pub via: NewsVia,
    /// The email's `Message-ID`.
    pub message_id: Option<&'a str>,
    /// The request it answers.
    pub request_id: Option<i64>,
}

/// Posts a news item of `project` by `actor` (a holder, or someone who
/// runs the group). `None` when the same email was already kept.
pub async fn post_news(
    app: &App,
    actor: &Actor,
    place: &Place<'_>,
    project: &Project,
    text: &str,
    origin: NewsOrigin<'_>,
) -> Result<Option<i64>> {
    seen(actor, place, project)?;
    if !may_manage(actor, place, project) {
        return Err(refusal(actor).into());
    }
    let user = actor.user().ok_or(Problem::Unauthenticated)?;
    let markdown = rules::check_news(text).map_err(|e| Problem::Invalid(vec![e]))?;
    let id = app
        .store
        .add_project_news(
            project.id,
            &NewNews {
                author_id: user.id,
                author_name: &user.name,
                markdown: &markdown,
                via: origin.via,
                message_id: origin.message_id,
                request_id: origin.request_id,
            },
        )
        .await?;
    app.wake_jobs();
    Ok(id)
}

/// « Je veux aider »: `actor` follows `project`'s news and its holders get
/// `emails` (made by the door, in each holder's language). False when they
/// had already offered.
pub async fn offer_help(
    app: &App,
    actor: &Actor,
    place: &Place<'_>,
    project: &Project,
    emails: &[OutgoingEmail],
) -> Result<bool> {
    seen(actor, place, project)?;
    if !rules::may_offer_help(&actor.viewer(), project.open_to_contributors) {
        return Err(refusal(actor).into());
    }
    let user = actor.user().ok_or(Problem::Unauthenticated)?;
    let offered = app.store.offer_help(project.id, user.id, emails).await?;
    if offered {
        app.wake_jobs();
    }
    Ok(offered)
}

/// Records that `actor` went through the follow-up board, with `note`.
pub async fn review(app: &App, actor: &Actor, place: &Place<'_>, note: &str) -> Result<i64> {
    if !rules::may_follow_up(&actor.viewer(), place.membership) {
        return Err(refusal(actor).into());
    }
    let user = actor.user().ok_or(Problem::Unauthenticated)?;
    let note = rules::check_note(note).map_err(|e| Problem::Invalid(vec![e]))?;
    Ok(app
        .store
        .record_review(place.group.id, (user.id, &user.name), &note)
        .await?)
}

/// Asks `holder` of `project` for news: the door made the `email` (its
/// reply address and form link carry the key whose hash is `key_hash`).
pub async fn ask_for_news(
    app: &App,
    actor: &Actor,
    place: &Place<'_>,
    project: &Project,
    holder: UserId,
    key_hash: &str,
    email: &OutgoingEmail,
) -> Result<()> {
    seen(actor, place, project)?;
    if !rules::may_follow_up(&actor.viewer(), place.membership) {
        return Err(refusal(actor).into());
    }
    if !project.is_holder(Some(holder)) {
        return Err(Problem::Invalid(vec![Invalid::new(
            "holder",
            "error-project-holder-not-member",
        )])
        .into());
    }
    let user = actor.user().ok_or(Problem::Unauthenticated)?;
    app.store
        .ask_for_news(project.id, holder, user.id, key_hash, email)
        .await?;
    app.wake_jobs();
    Ok(())
}
