//! The shared space: who may read, write and configure a wiki, and saving a
//! page, from any door (the page editor, the JSON API, the minutes of a
//! meeting).

use essaim_domain::activity::EventKind;
use essaim_domain::groups::Membership;
use essaim_domain::ids::{GroupId, UserId};
use essaim_domain::wiki::{self as rules, EditAccess, ReadAccess};
use essaim_domain::{Invalid, Problem};
use essaim_store::groups::Group;
use essaim_store::wiki::{Change, NewWikiPage, Saved, WikiPage};
use essaim_store::StoreError;

use crate::{refusal, Actor, App, Result};

/// One wiki as one actor stands in it: the instance's, or a hosted
/// group's with the actor's membership.
#[derive(Debug, Clone)]
pub struct Space {
    /// The group, for a group's wiki.
    pub group_id: Option<GroupId>,
    /// Whether the group is listed (an unlisted group's pages are never
    /// open to everyone); true for the instance's wiki.
    pub listed: bool,
    /// The actor's membership of the group, as the rules read it.
    pub membership: Option<Membership>,
    /// The wiki's read access.
    pub read: ReadAccess,
    /// The wiki's edit access.
    pub edit: EditAccess,
}

impl Space {
    /// The instance's wiki.
    pub fn instance() -> Self {
        Self {
            group_id: None,
            listed: true,
            membership: None,
            read: ReadAccess::Everyone,
            edit: EditAccess::Members,
        }
    }

    /// The wiki of `group`, for someone with `membership`.
    pub fn of_group(group: &Group, membership: Option<Membership>) -> Self {
        Self {
            group_id: Some(group.id),
            listed: group.listed,
            membership,
            read: group.wiki_read,
            edit: group.wiki_edit,
        }
    }

    /// The wiki `page` belongs to, as the account `user_id` stands in it.
    /// `None` when the page's group is gone.
    pub async fn of_page(
        app: &App,
        page: &WikiPage,
        user_id: UserId,
    ) -> Result<Option<Self>, StoreError> {
        let Some(group_id) = page.group_id else {
            return Ok(Some(Self::instance()));
        };
        let Some(group) = app.store.group_by_id(group_id).await? else {
            return Ok(None);
        };
        let membership = app
            .store
            .membership(group_id, user_id)
            .await?
            .map(|m| m.rules());
        Ok(Some(Self::of_group(&group, membership)))
    }

    /// A page's effective read access (`None`: a page not yet written).
    pub fn page_read(&self, page: Option<&WikiPage>) -> ReadAccess {
        rules::effective_read(self.read, page.and_then(|p| p.read_access.0), self.listed)
    }

    /// A page's effective edit access.
    pub fn page_edit(&self, page: Option<&WikiPage>) -> EditAccess {
        page.and_then(|p| p.edit_access.0).unwrap_or(self.edit)
    }

    /// May `actor` read `page`?
    pub fn may_read(&self, actor: &Actor, page: &WikiPage) -> bool {
        rules::may_read(
            &actor.viewer(),
            self.membership.as_ref(),
            self.page_read(Some(page)),
        )
    }

    /// May `actor` edit `page` (or create one, with `None`)?
    pub fn may_edit(&self, actor: &Actor, page: Option<&WikiPage>) -> bool {
        if self.group_id.is_none() {
            return rules::may_edit_instance_wiki(&actor.viewer());
        }
        rules::may_edit(
            &actor.viewer(),
            self.membership.as_ref(),
            self.page_read(page),
            self.page_edit(page),
        )
    }

    /// May `actor` change the access settings?
    pub fn may_configure(&self, actor: &Actor) -> bool {
        match self.group_id {
            Some(_) => rules::may_set_access(&actor.viewer(), self.membership.as_ref()),
            None => essaim_domain::permissions::may_administer(&actor.viewer()),
        }
    }

    /// Refuses `actor` unless they may edit `page`: 401 for visitors, 403
    /// for others.
    pub fn require_edit(&self, actor: &Actor, page: Option<&WikiPage>) -> Result<()> {
        if self.may_edit(actor, page) {
            Ok(())
        } else {
            Err(refusal(actor).into())
        }
    }
}

/// What a person typed in a page's editor.
#[derive(Debug, Clone, Copy)]
pub struct Edit<'a> {
    /// The title.
    pub title: &'a str,
    /// The Markdown text.
    pub text: &'a str,
    /// The summary of the change.
    pub summary: &'a str,
    /// The revision the editor started from (0 for a new page).
    pub base_revision: i64,
}

/// What saving a page did.
#[derive(Debug)]
pub enum SaveOutcome {
    /// Saved as a new revision.
    Saved {
        /// The page's address (new when the title changed).
        slug: String,
        /// The revision number.
        revision: i64,
        /// Whether the page was created.
        created: bool,
    },
    /// The input was wrong: nothing was written.
    Invalid(Vec<Invalid>),
    /// Someone saved meanwhile: nothing was written; the current version
    /// is given back so that both can be shown.
    Conflict(Box<WikiPage>),
}

fn title_taken() -> SaveOutcome {
    SaveOutcome::Invalid(vec![Invalid::new("title", "error-page-title-taken")])
}

/// Saves `page` (creating it when `None`) in `space`, if `actor` may edit
/// it: validates, keeps the address unless the title changes, refuses an
/// address another page holds, and detects a concurrent save.
pub async fn save(
    app: &App,
    actor: &Actor,
    space: &Space,
    page: Option<&WikiPage>,
    edit: Edit<'_>,
) -> Result<SaveOutcome> {
    save_as(app, actor, space, page, edit, EventKind::PageSaved).await
}

/// [`save`], recorded in the activity log as `kind`.
async fn save_as(
    app: &App,
    actor: &Actor,
    space: &Space,
    page: Option<&WikiPage>,
    edit: Edit<'_>,
    kind: EventKind,
) -> Result<SaveOutcome> {
    space.require_edit(actor, page)?;
    let author = actor.user().ok_or(Problem::Unauthenticated)?.id;
    let mut errors = Vec::new();
    let title = rules::normalize_title(edit.title)
        .map_err(|e| errors.push(e))
        .ok();
    if let Err(e) = rules::check_markdown(edit.text) {
        errors.push(e);
    }
    let summary = rules::normalize_summary(edit.summary)
        .map_err(|e| errors.push(e))
        .ok();
    let (Some(title), Some(summary), true) = (title, summary, errors.is_empty()) else {
        return Ok(SaveOutcome::Invalid(errors));
    };
    // The address changes with the title only: an edit that keeps the title
    // keeps the address, even where the two were given apart (a group's
    // first pages: « Bienvenue » is `accueil`).
    let slug = match page {
        Some(p) if p.title == title => p.slug.clone(),
        _ => rules::page_slug(&title),
    };
    // Two different pages may not share an address.
    if let Some(other) = app.store.wiki_page(space.group_id, &slug).await? {
        if page.is_none_or(|p| p.id != other.id) {
            return Ok(title_taken());
        }
    }
    let text = edit.text.replace("\r\n", "\n");
    let saved = match page {
        None => {
            let new = NewWikiPage {
                slug: slug.clone(),
                title,
                markdown: text,
                summary,
            };
            app.store
                .create_wiki_page(space.group_id, &new, author)
                .await
                .map(|_| Saved::Revision(1))
        }
        Some(p) => {
            app.store
                .save_wiki_page(
                    p.id,
                    edit.base_revision,
                    &title,
                    &slug,
                    &text,
                    &summary,
                    author,
                    kind,
                )
                .await
        }
    };
    match saved {
        Ok(Saved::Revision(revision)) => {
            // Watchers are told by a job.
            app.wake_jobs();
            Ok(SaveOutcome::Saved {
                slug,
                revision,
                created: page.is_none(),
            })
        }
        Ok(Saved::Conflict(current)) => Ok(SaveOutcome::Conflict(current)),
        Err(StoreError::Conflict) => Ok(title_taken()),
        Err(e) => Err(e.into()),
    }
}

/// Makes revision `number` of `page` its newest version again, with
/// `summary` (the door words it in the person's language).
pub async fn restore(
    app: &App,
    actor: &Actor,
    space: &Space,
    page: &WikiPage,
    number: i64,
    summary: &str,
) -> Result<SaveOutcome> {
    space.require_edit(actor, Some(page))?;
    let old = app
        .store
        .wiki_revision(page.id, number)
        .await?
        .ok_or(Problem::NotFound)?;
    let edit = Edit {
        title: &old.title,
        text: &old.markdown,
        summary,
        base_revision: page.revision,
    };
    save_as(app, actor, space, Some(page), edit, EventKind::PageRestored).await
}

/// The newest `limit` changes `actor` may read, in one wiki (`scope`: a
/// group's id, or 0 for the instance's) or in every wiki (`None`).
pub async fn recent_changes(
    app: &App,
    actor: &Actor,
    scope: Option<i64>,
    limit: i64,
) -> Result<Vec<Change>, StoreError> {
    let filter = crate::search::read_filter(app, actor).await?;
    // The newest changes may all be in wikis or pages the reader may not
    // see: read on, batch after batch (bounded), until enough are found.
    let batch = limit * 4;
    let mut readable = Vec::new();
    for round in 0..25 {
        let changes = app
            .store
            .recent_changes_from(scope, batch, round * batch)
            .await?;
        let last = (changes.len() as i64) < batch;
        readable.extend(
            changes
                .into_iter()
                .filter(|c| filter.admits(c.scope, c.access)),
        );
        if last || readable.len() >= limit as usize {
            break;
        }
    }
    readable.truncate(limit as usize);
    Ok(readable)
}
