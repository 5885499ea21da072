//! Recent changes: the page and its Atom feed.

use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use minijinja::context;

use crate::ctx::Ctx;
use crate::error::AppResult;
use crate::AppState;

use super::{open, Params};

/// Recent changes the requester may read (a wiki's, or every wiki's).
pub async fn readable_changes(
    state: &AppState,
    ctx: &Ctx,
    scope: Option<i64>,
    limit: i64,
) -> AppResult<Vec<essaim_store::wiki::Change>> {
    Ok(essaim_app::wiki::recent_changes(&state.app, &ctx.actor(), scope, limit).await?)
}

/// `GET /g/{slug}/changes`, `GET /changes`.
pub async fn changes(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(params): Path<Params>,
) -> AppResult<Response> {
    let (scope, wiki) = match params.get("slug") {
        Some(_) => {
            let wiki = open(&state, &ctx, &params).await?;
            (Some(wiki.scope()), Some(wiki))
        }
        None => (None, None),
    };
    let changes = readable_changes(&state, &ctx, scope, 100).await?;
    let extra = match &wiki {
        Some(w) => w.context(&state),
        None => context! { base => "/wiki", home => "", wiki_name => state.config.instance_name },
    };
    let feed = match &wiki {
        Some(w) => format!("{}/changes.atom", w.home),
        None => "/changes.atom".into(),
    };
    let html = state.templates.render(
        "wiki/changes.html",
        &ctx,
        context! { changes => changes, feed => feed, ..extra },
    )?;
    Ok(html.into_response())
}

/// `GET /g/{slug}/changes.atom`, `GET /changes.atom`: an Atom feed of the
/// recent changes visible to the requester (feeds readers are anonymous).
pub async fn changes_feed(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(params): Path<Params>,
) -> AppResult<Response> {
    let (scope, title, self_path) = match params.get("slug") {
        Some(slug) => {
            let wiki = open(&state, &ctx, &params).await?;
            let name = wiki
                .group
                .as_ref()
                .map(|g| g.group.name.clone())
                .unwrap_or_default();
            (Some(wiki.scope()), name, format!("/g/{slug}/changes.atom"))
        }
        None => (
            None,
            state.config.instance_name.clone(),
            "/changes.atom".to_string(),
        ),
    };
    let changes = readable_changes(&state, &ctx, scope, 50).await?;
    let entries: Vec<crate::atom::Entry> = changes
        .iter()
        .map(|c| {
            let path = essaim_store::wiki::page_path(
                (!c.group_slug.is_empty()).then_some(c.group_slug.as_str()),
                &c.page_slug,
            );
            crate::atom::Entry {
                title: &c.title,
                id: state
                    .config
                    .absolute(&format!("{path}/revisions/{}", c.number)),
                link: state
                    .config
                    .absolute(&format!("{path}/diff?to={}", c.number)),
                updated: c.created_at,
                author: c.author_name.as_deref().unwrap_or("—"),
                summary: Some(&c.summary),
            }
        })
        .collect();
    Ok(crate::atom::response(
        &crate::i18n::t_args(ctx.lang, "feed-title", &[("name", title)]),
        &state.config.absolute(&self_path),
        &entries,
    ))
}
