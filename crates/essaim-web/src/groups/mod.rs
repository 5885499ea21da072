//! Groups: a group's page, proposing and editing its card, joining and
//! leaving, members and roles, join requests, banners and partner logos,
//! and the first pages of its shared space.

mod banner;
mod card;
mod edit;
mod joining;
mod members;
mod page;
mod propose;

pub use banner::*;
pub use card::*;
pub use edit::*;
pub use joining::*;
pub use members::*;
pub use page::*;
pub use propose::*;

use essaim_domain::groups::{self as rules, GroupCard, Joining, License, ServiceLink};
use essaim_domain::i18n::Lang;
use essaim_store::groups::{Group, NewPage};
use serde::Serialize;

use crate::ctx::Ctx;
use crate::error::{not_found, AppResult};
use crate::i18n::{t, t_args};
use crate::AppState;

// ---------------------------------------------------------------- loading and permissions

/// A group as the requester may see it.
pub struct Loaded {
    /// The card.
    pub group: Group,
    /// The requester's membership (store view), if any.
    pub membership: Option<essaim_store::groups::Membership>,
    /// The same, as the domain's permission rules read it.
    pub rules: Option<rules::Membership>,
}

impl Loaded {
    /// The group and the requester's place in it, as the application's
    /// project actions read them.
    pub fn place(&self) -> essaim_app::projects::Place<'_> {
        essaim_app::projects::Place {
            group: &self.group,
            membership: self.rules.as_ref(),
        }
    }

    /// May the requester edit the card?
    pub fn may_edit(&self, ctx: &Ctx) -> bool {
        rules::may_edit_group(
            &ctx.viewer(),
            self.rules.as_ref(),
            self.group.proposed_by,
            self.group.hosted,
        )
    }

    /// May the requester manage roles and requests?
    pub fn may_manage(&self, ctx: &Ctx) -> bool {
        rules::may_manage_roles(&ctx.viewer(), self.rules.as_ref())
    }
}

/// The hosted group of `slug`, as [`load`] reads it: not found when the
/// group is a directory card only (its tools live elsewhere).
pub async fn load_hosted(state: &AppState, ctx: &Ctx, slug: &str) -> AppResult<Loaded> {
    let loaded = load(state, ctx, slug).await?;
    if !loaded.group.hosted {
        return Err(crate::error::not_found());
    }
    Ok(loaded)
}

/// Loads a group the requester may see; otherwise "not found" (a hidden
/// group's existence is not revealed).
pub async fn load(state: &AppState, ctx: &Ctx, slug: &str) -> AppResult<Loaded> {
    let group = state
        .store
        .group_by_slug(slug)
        .await?
        .ok_or_else(not_found)?;
    let membership = match &ctx.user {
        Some(u) => state.store.membership(group.id, u.id).await?,
        None => None,
    };
    let rules = membership.as_ref().map(|m| m.rules());
    if !rules::may_see_group(
        &ctx.viewer(),
        rules.as_ref(),
        group.listed,
        group.proposed_by,
    ) {
        return Err(not_found());
    }
    Ok(Loaded {
        group,
        membership,
        rules,
    })
}

/// A link of a card, ready to show.
#[derive(Debug, Clone, Serialize)]
pub struct ShownLink {
    /// Service code.
    pub service: &'static str,
    /// Address.
    pub url: String,
}

/// The card's links the viewer may see: for a hosted group its own pages
/// first, overridden by the links typed on the card.
pub fn visible_links(
    group: &Group,
    stored: &[(String, String)],
    viewer: &essaim_domain::permissions::Viewer,
    membership: Option<&rules::Membership>,
    absolute: &dyn Fn(&str) -> String,
) -> Vec<ShownLink> {
    let joining = group.joining;
    ServiceLink::ALL
        .into_iter()
        .filter(|link| rules::may_see_link(viewer, membership, joining, *link))
        .filter_map(|link| {
            let typed = stored
                .iter()
                .find(|(s, _)| s == link.code())
                .map(|(_, u)| u.clone());
            let own = group
                .hosted
                .then(|| own_page(&group.slug, link))
                .flatten()
                .map(|p| absolute(&p));
            typed.or(own).map(|url| ShownLink {
                service: link.code(),
                url,
            })
        })
        .collect()
}

/// The page of a hosted group that serves as each service.
fn own_page(slug: &str, link: ServiceLink) -> Option<String> {
    let path = match link {
        ServiceLink::Home => format!("/g/{slug}"),
        ServiceLink::Information => format!("/g/{slug}/wiki/{}", PAGE_WELCOME),
        ServiceLink::Meetings => format!("/g/{slug}/meetings"),
        ServiceLink::Discussions => format!("/g/{slug}/discussions"),
        ServiceLink::Projects => format!("/g/{slug}/projects"),
        ServiceLink::OpenProjects => format!("/projects?group={slug}"),
        ServiceLink::FollowUp => format!("/g/{slug}/projects/follow-up"),
        ServiceLink::Resources => format!("/g/{slug}/resources"),
        ServiceLink::Join => format!("/g/{slug}/wiki/{}", PAGE_JOIN),
        ServiceLink::Members => format!("/g/{slug}/members"),
        ServiceLink::Administration => format!("/g/{slug}/edit"),
    };
    Some(path)
}

/// Addresses of the first pages of a hosted group's shared space.
pub const PAGE_WELCOME: &str = "accueil";
/// Meetings page.
pub const PAGE_MEETINGS: &str = "reunions";
/// Discussions page.
pub const PAGE_DISCUSSIONS: &str = "discussions";
/// Projects page.
pub const PAGE_PROJECTS: &str = "projets";
/// Resources page.
pub const PAGE_RESOURCES: &str = "ressources";
/// How to join page.
pub const PAGE_JOIN: &str = "rejoindre";

/// The first pages of a hosted group, pre-filled from its card, in `lang`.
pub fn first_pages(card: &GroupCard, lang: Lang) -> Vec<NewPage> {
    fn args<'a>(card: &GroupCard, extra: &[(&'a str, String)]) -> Vec<(&'a str, String)> {
        let mut all = vec![
            ("name", card.name.clone()),
            ("summary", card.summary.clone()),
        ];
        all.extend(extra.iter().cloned());
        all
    }
    let description = if card.description.trim().is_empty() {
        card.summary.clone()
    } else {
        card.description.clone()
    };
    let joining = match card.joining {
        Joining::Open => t(lang, "page-join-open"),
        Joining::OnRequest => t(lang, "page-join-request"),
    };
    [
        (
            PAGE_WELCOME,
            "page-welcome-title",
            "page-welcome-body",
            vec![("description", description)],
        ),
        (
            PAGE_MEETINGS,
            "page-meetings-title",
            "page-meetings-body",
            vec![],
        ),
        (
            PAGE_DISCUSSIONS,
            "page-discussions-title",
            "page-discussions-body",
            vec![],
        ),
        (
            PAGE_PROJECTS,
            "page-projects-title",
            "page-projects-body",
            vec![],
        ),
        (
            PAGE_RESOURCES,
            "page-resources-title",
            "page-resources-body",
            vec![(
                "license",
                license_label(card.license, card.license_other.as_deref(), lang),
            )],
        ),
        (
            PAGE_JOIN,
            "page-join-title",
            "page-join-body",
            vec![("how", joining)],
        ),
    ]
    .into_iter()
    .map(|(slug, title, body, extra)| NewPage {
        slug: slug.to_string(),
        title: t_args(lang, title, &args(card, &[])),
        markdown: t_args(lang, body, &args(card, &extra)),
    })
    .collect()
}

/// A license's name for people.
pub fn license_label(license: License, other: Option<&str>, lang: Lang) -> String {
    match license.label() {
        Some(label) => label.to_string(),
        None => other
            .map(str::to_string)
            .unwrap_or_else(|| t(lang, "license-other")),
    }
}

/// Refuses: 401 for visitors, 403 for others.
fn require(allowed: bool, ctx: &Ctx) -> AppResult<()> {
    if allowed {
        Ok(())
    } else {
        Err(crate::error::refuse(ctx))
    }
}
