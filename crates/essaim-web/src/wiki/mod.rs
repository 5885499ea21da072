//! The shared space: each hosted group's wiki (`/g/{slug}/wiki/…`) and the
//! instance's (`/wiki/…`). Reading, editing with preview and conflict
//! handling, history, differences, restoring, renaming with redirects,
//! access settings, watches, attachments, recent changes, feeds and search.
//!
//! One set of handlers serves both kinds of wiki: the group's short name
//! comes from the path when there is one.

mod feeds;
mod files;
pub mod jobs;
mod pages;
mod settings;
mod watch;

pub use feeds::*;
pub use files::*;
pub use pages::*;
pub use settings::*;
pub use watch::*;

use essaim_domain::ids::GroupId;
use std::collections::HashMap;

use essaim_app::wiki::Space;
use essaim_domain::markdown;
use essaim_domain::wiki::{self as rules, ReadAccess};
use essaim_store::wiki::WikiPage;
use minijinja::context;

use crate::ctx::Ctx;
use crate::error::{not_found, refuse, AppResult};
use crate::groups::{self, Loaded};
use crate::AppState;

/// Path parameters of wiki routes (`slug` absent for the instance's wiki).
pub type Params = HashMap<String, String>;

/// One wiki as the requester sees it: the application's [`Space`] (who may
/// do what) and the addresses the pages use.
pub struct Wiki {
    /// The group, for a group's wiki.
    pub group: Option<Loaded>,
    /// Path prefix of pages (`/g/{slug}/wiki` or `/wiki`).
    pub base: String,
    /// Path prefix of the wiki's other pages (`/g/{slug}` or ``).
    pub home: String,
    /// Who may read, write and configure it.
    pub space: Space,
}

impl Wiki {
    fn group_id(&self) -> Option<GroupId> {
        self.space.group_id
    }

    /// The wiki's scope as pages, changes and watches keep it: the group's
    /// id, or 0 for the instance's.
    pub fn scope(&self) -> i64 {
        essaim_store::wiki::scope_of(self.space.group_id)
    }

    /// A page's effective read access.
    pub fn page_read(&self, page: &WikiPage) -> ReadAccess {
        self.space.page_read(Some(page))
    }

    /// May the requester read this page?
    pub fn may_read(&self, ctx: &Ctx, page: &WikiPage) -> bool {
        self.space.may_read(&ctx.actor(), page)
    }

    /// May the requester edit this page (or create one, with `None`)?
    pub fn may_edit(&self, ctx: &Ctx, page: Option<&WikiPage>) -> bool {
        self.space.may_edit(&ctx.actor(), page)
    }

    /// May the requester change access settings?
    pub fn may_configure(&self, ctx: &Ctx) -> bool {
        self.space.may_configure(&ctx.actor())
    }

    fn context(&self, state: &AppState) -> minijinja::Value {
        context! {
            group => self.group.as_ref().map(|g| &g.group),
            base => self.base,
            home => self.home,
            wiki_name => self.group.as_ref().map(|g| g.group.name.clone()).unwrap_or_else(|| state.config.instance_name.clone()),
        }
    }
}

/// Opens the wiki named by the path.
pub async fn open(state: &AppState, ctx: &Ctx, params: &Params) -> AppResult<Wiki> {
    match params.get("slug") {
        Some(slug) => {
            let loaded = groups::load(state, ctx, slug).await?;
            if !loaded.group.hosted {
                return Err(not_found());
            }
            Ok(Wiki {
                base: format!("/g/{slug}/wiki"),
                home: format!("/g/{slug}"),
                space: Space::of_group(&loaded.group, loaded.rules.clone()),
                group: Some(loaded),
            })
        }
        None => Ok(Wiki {
            group: None,
            base: "/wiki".into(),
            home: String::new(),
            space: Space::instance(),
        }),
    }
}

fn page_param(params: &Params) -> AppResult<String> {
    params.get("page").cloned().ok_or_else(not_found)
}

/// Renders Markdown with `[[wiki links]]` of this wiki.
pub async fn render(state: &AppState, wiki: &Wiki, text: &str) -> AppResult<markdown::Rendered> {
    // A link names a page by its title or by its address.
    let names = state.store.wiki_names(wiki.group_id()).await?;
    // A link by the old name of a renamed page leads to its old address,
    // which redirects (telling the new name only to the page's readers).
    let moved = if text.contains("[[") {
        state.store.wiki_old_slugs(wiki.group_id()).await?
    } else {
        Vec::new()
    };
    let base = wiki.base.clone();
    let resolve = |name: &str| {
        let wanted = rules::page_slug(name);
        names
            .iter()
            .find(|(slug, title)| *slug == wanted || rules::page_slug(title) == wanted)
            .map(|(slug, _)| format!("{base}/{slug}"))
            .or_else(|| moved.contains(&wanted).then(|| format!("{base}/{wanted}")))
    };
    let missing = |name: &str| {
        let slug = rules::page_slug(name);
        let title: String = url::form_urlencoded::byte_serialize(name.as_bytes()).collect();
        format!(
            "{}/{}/edit?title={title}",
            wiki.base,
            if slug.is_empty() { "page".into() } else { slug }
        )
    };
    Ok(markdown::render_with_links(text, &resolve, &missing))
}

async fn readable_page(
    state: &AppState,
    ctx: &Ctx,
    wiki: &Wiki,
    params: &Params,
) -> AppResult<WikiPage> {
    let slug = page_param(params)?;
    let page = match state.store.wiki_page(wiki.group_id(), &slug).await? {
        Some(page) => page,
        // The old address of a renamed page (a link in an email or a feed,
        // a form opened before the rename) still reaches it.
        None => state
            .store
            .wiki_redirect(wiki.group_id(), &slug)
            .await?
            .ok_or_else(not_found)?,
    };
    if !wiki.may_read(ctx, &page) {
        return Err(refuse(ctx));
    }
    Ok(page)
}

/// The pages of a group's wiki the requester may read (the group page lists them).
pub async fn readable_pages(
    state: &AppState,
    ctx: &Ctx,
    loaded: &Loaded,
) -> AppResult<Vec<WikiPage>> {
    if !loaded.group.hosted {
        return Ok(Vec::new());
    }
    let mut params = Params::new();
    params.insert("slug".into(), loaded.group.slug.clone());
    let wiki = open(state, ctx, &params).await?;
    Ok(state
        .store
        .wiki_pages(wiki.group_id())
        .await?
        .into_iter()
        .filter(|p| wiki.may_read(ctx, p))
        .collect())
}
