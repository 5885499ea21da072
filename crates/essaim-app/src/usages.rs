//! The usages board as people use it: switching it on (facilitators),
//! reading the ranked board (whoever reads the group's wiki), proposing
//! and supporting usages (members), estimating them, planning sprints and
//! reviewing them into a wiki page (facilitators).

use essaim_domain::usages::{
    self as rules, EstimateInput, ReviewWords, Reviewed, SprintInput, UsageInput, UsageStatus,
};
use essaim_domain::{Invalid, Problem};
use essaim_store::usages::{Sprint, Usage};

use crate::projects::Place;
use crate::wiki::{Edit, SaveOutcome, Space};
use crate::{refusal, Actor, App, Result};

/// What the actor may do on a group's board they may read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Board {
    /// Whether the group switched it on (when off, only those who may
    /// switch it on reach it).
    pub enabled: bool,
    /// May add and support usages.
    pub may_write: bool,
    /// May switch it, estimate, plan and review.
    pub may_facilitate: bool,
}

/// The board of `place`'s group as `actor` stands before it: "not found"
/// for a group that is not hosted here, whose wiki `actor` may not read, or
/// whose board is off (unless `actor` may switch it on).
pub async fn board(app: &App, actor: &Actor, place: &Place<'_>) -> Result<Board> {
    let viewer = actor.viewer();
    let group = place.group;
    if !group.hosted || !rules::may_see(&viewer, place.membership, group.wiki_read, group.listed) {
        return Err(Problem::NotFound.into());
    }
    let board = Board {
        enabled: app.store.usages_enabled(group.id).await?,
        may_write: rules::may_write(&viewer, place.membership),
        may_facilitate: rules::may_facilitate(&viewer, place.membership),
    };
    if !board.enabled && !board.may_facilitate {
        return Err(Problem::NotFound.into());
    }
    Ok(board)
}

/// The board, switched on: "not found" otherwise.
async fn enabled(app: &App, actor: &Actor, place: &Place<'_>) -> Result<Board> {
    let board = board(app, actor, place).await?;
    if !board.enabled {
        return Err(Problem::NotFound.into());
    }
    Ok(board)
}

/// Refuses unless `allowed`: 401 for visitors, 403 for others.
fn require(actor: &Actor, allowed: bool) -> Result<()> {
    if allowed {
        Ok(())
    } else {
        Err(refusal(actor).into())
    }
}

/// Switches the board of `place`'s group on or off (facilitators).
pub async fn switch(app: &App, actor: &Actor, place: &Place<'_>, on: bool) -> Result<()> {
    let board = board(app, actor, place).await?;
    require(actor, board.may_facilitate)?;
    Ok(app.store.set_usages_enabled(place.group.id, on).await?)
}

/// The board's usages and what the actor supports.
#[derive(Debug, Clone)]
pub struct Ranked {
    /// Usages still open, in the board's order (estimated ones first).
    pub open: Vec<Usage>,
    /// Done and set-aside usages, newest first.
    pub closed: Vec<Usage>,
    /// The ids of the usages the actor supports.
    pub supported: Vec<i64>,
}

/// The ranked board of `place`'s group.
pub async fn ranked(app: &App, actor: &Actor, place: &Place<'_>) -> Result<Ranked> {
    enabled(app, actor, place).await?;
    let (mut open, mut closed): (Vec<Usage>, Vec<Usage>) = app
        .store
        .usages_of_group(place.group.id)
        .await?
        .into_iter()
        .partition(|u| u.status.is_open());
    open.sort_by(|a, b| rules::board_order(&a.rank(), &b.rank()));
    closed.reverse();
    let supported = match actor.user() {
        Some(user) => {
            app.store
                .usages_supported_by(place.group.id, user.id)
                .await?
        }
        None => Vec::new(),
    };
    Ok(Ranked {
        open,
        closed,
        supported,
    })
}

/// Adds a usage to `place`'s board (members); gives its id. Refused input
/// is [`Problem::Invalid`] and changes nothing.
pub async fn propose(
    app: &App,
    actor: &Actor,
    place: &Place<'_>,
    input: &UsageInput,
) -> Result<i64> {
    let board = enabled(app, actor, place).await?;
    require(actor, board.may_write)?;
    let user = actor.user().ok_or_else(|| refusal(actor))?;
    let draft = input.validate().map_err(Problem::Invalid)?;
    Ok(app
        .store
        .create_usage(place.group.id, (user.id, &user.name), &draft)
        .await?)
}

/// The usage `id` of `place`'s group, with what the actor may do there.
pub async fn usage(app: &App, actor: &Actor, place: &Place<'_>, id: i64) -> Result<(Usage, Board)> {
    let board = enabled(app, actor, place).await?;
    let usage = app
        .store
        .usage(id)
        .await?
        .filter(|u| u.group_id == place.group.id)
        .ok_or(Problem::NotFound)?;
    Ok((usage, board))
}

/// Gives or takes back the actor's support of usage `id` (members, one
/// support each); says whether they support it now.
pub async fn support(app: &App, actor: &Actor, place: &Place<'_>, id: i64) -> Result<bool> {
    let (usage, board) = usage(app, actor, place, id).await?;
    require(actor, board.may_write)?;
    let user = actor.user().ok_or_else(|| refusal(actor))?;
    Ok(app.store.toggle_usage_support(usage.id, user.id).await?)
}

/// Sets usage `id`'s estimates and status (facilitators).
pub async fn estimate(
    app: &App,
    actor: &Actor,
    place: &Place<'_>,
    id: i64,
    input: &EstimateInput,
) -> Result<()> {
    let (usage, board) = usage(app, actor, place, id).await?;
    require(actor, board.may_facilitate)?;
    let estimate = input.validate(usage.status).map_err(Problem::Invalid)?;
    Ok(app.store.estimate_usage(usage.id, &estimate).await?)
}

/// The sprints of `place`'s group, newest first.
pub async fn sprints(app: &App, actor: &Actor, place: &Place<'_>) -> Result<Vec<Sprint>> {
    enabled(app, actor, place).await?;
    Ok(app.store.sprints_of_group(place.group.id).await?)
}

/// Opens a sprint (facilitators) with `usage_ids` planned in it; `title`
/// names it in the activity log. Gives its id.
pub async fn open_sprint(
    app: &App,
    actor: &Actor,
    place: &Place<'_>,
    input: &SprintInput,
    usage_ids: &[i64],
    title: &str,
) -> Result<i64> {
    let board = enabled(app, actor, place).await?;
    require(actor, board.may_facilitate)?;
    let user = actor.user().ok_or_else(|| refusal(actor))?;
    let dates = input.validate().map_err(Problem::Invalid)?;
    Ok(app
        .store
        .create_sprint(
            place.group.id,
            (user.id, &user.name),
            &dates,
            title,
            usage_ids,
        )
        .await?)
}

/// Sprint `id` of `place`'s group, its usages, and what the actor may do.
pub async fn sprint(
    app: &App,
    actor: &Actor,
    place: &Place<'_>,
    id: i64,
) -> Result<(Sprint, Vec<Usage>, Board)> {
    let board = enabled(app, actor, place).await?;
    let sprint = app
        .store
        .sprint(id)
        .await?
        .filter(|s| s.group_id == place.group.id)
        .ok_or(Problem::NotFound)?;
    let usages = app.store.usages_of_sprint(sprint.id).await?;
    Ok((sprint, usages, board))
}

/// Sets the usages planned in sprint `id` before its review
/// (facilitators).
pub async fn plan(
    app: &App,
    actor: &Actor,
    place: &Place<'_>,
    id: i64,
    usage_ids: &[i64],
) -> Result<()> {
    let (sprint, _, board) = sprint(app, actor, place, id).await?;
    require(actor, board.may_facilitate)?;
    if sprint.reviewed_at.is_some() {
        return Err(Problem::Invalid(vec![Invalid::new("usages", "error-sprint-reviewed")]).into());
    }
    Ok(app.store.plan_sprint(&sprint, usage_ids).await?)
}

/// What a review form sends, with the words of its wiki page in the
/// reviewer's language.
#[derive(Debug, Clone)]
pub struct ReviewForm<'a> {
    /// The answer for a usage's id (`done` or `not_done`), as sent.
    pub answers: &'a [(i64, String)],
    /// What we learned.
    pub learned: &'a str,
    /// The wiki page's title.
    pub page_title: &'a str,
    /// The wiki page's edit summary.
    pub summary: &'a str,
    /// The words of the page.
    pub words: &'a ReviewWords,
}

/// Records sprint `id`'s review (facilitators): every usage planned in it
/// done or not, what was learned, and its wiki page, saved through the
/// wiki's own path (a revision, the search, its `PageSaved` event); a
/// second review saves the same page again. Gives the page's short
/// address. Refused input changes nothing.
pub async fn review(
    app: &App,
    actor: &Actor,
    place: &Place<'_>,
    id: i64,
    form: &ReviewForm<'_>,
) -> Result<String> {
    let (sprint, usages, board) = sprint(app, actor, place, id).await?;
    require(actor, board.may_facilitate)?;
    let user = actor.user().ok_or_else(|| refusal(actor))?;
    let planned: Vec<i64> = usages.iter().map(|u| u.id).collect();
    let answer_of = |usage_id: i64| {
        form.answers
            .iter()
            .find(|(id, _)| *id == usage_id)
            .map(|(_, answer)| answer.clone())
    };
    let review =
        rules::check_review(&planned, answer_of, form.learned).map_err(Problem::Invalid)?;
    let reviewed: Vec<Reviewed<'_>> = usages
        .iter()
        .zip(&review.outcomes)
        .map(|(u, (_, done))| Reviewed {
            as_who: &u.as_who,
            want: &u.want,
            so_that: &u.so_that,
            done: *done,
        })
        .collect();
    let text = rules::review_markdown(form.words, &reviewed, &review.learned);
    let space = Space::of_group(place.group, place.membership.cloned());
    let slug = sprint
        .review_page
        .clone()
        .unwrap_or_else(|| essaim_domain::wiki::page_slug(form.page_title));
    let page = app.store.wiki_page(Some(place.group.id), &slug).await?;
    let edit = Edit {
        title: page.as_ref().map_or(form.page_title, |p| &p.title),
        text: &text,
        summary: form.summary,
        base_revision: page.as_ref().map_or(0, |p| p.revision),
    };
    let slug = match crate::wiki::save(app, actor, &space, page.as_ref(), edit).await? {
        SaveOutcome::Saved { slug, .. } => slug,
        SaveOutcome::Invalid(errors) => return Err(Problem::Invalid(errors).into()),
        SaveOutcome::Conflict(_) => {
            return Err(Problem::Invalid(vec![Invalid::new(
                "learned",
                "error-sprint-review-conflict",
            )])
            .into())
        }
    };
    app.store
        .review_sprint(
            &sprint,
            (user.id, &user.name),
            form.page_title,
            &review.outcomes,
            &review.learned,
            &slug,
        )
        .await?;
    Ok(slug)
}

/// The usages a sprint may take: open ones not planned elsewhere, and
/// the sprint's own.
pub fn plannable(ranked: &[Usage], sprint_id: Option<i64>) -> Vec<&Usage> {
    ranked
        .iter()
        .filter(|u| match u.status {
            UsageStatus::Planned => u.sprint_id == sprint_id && sprint_id.is_some(),
            UsageStatus::Proposed | UsageStatus::NotDone => true,
            UsageStatus::Done | UsageStatus::SetAside => false,
        })
        .collect()
}
