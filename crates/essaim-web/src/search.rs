//! Search across what a person may read: the wiki today, discussions,
//! meetings and projects later, through one index (see
//! `essaim_store::search`).

use axum::extract::{Query, State};
use axum::response::{IntoResponse, Response};
use essaim_domain::groups::Membership;
use essaim_domain::wiki::{self as rules, ReadFilter};
use essaim_store::search::{SearchHit, SearchQuery};
use minijinja::context;
use serde::Deserialize;

use crate::ctx::Ctx;
use crate::error::AppResult;
use crate::AppState;

/// What the requester may read, as the index filters it.
pub async fn read_filter(state: &AppState, ctx: &Ctx) -> AppResult<ReadFilter> {
    let memberships = match &ctx.user {
        Some(user) => state
            .store
            .memberships_with_roles(user.id)
            .await?
            .into_iter()
            .map(|(group, roles)| {
                let membership = Membership::of_member(roles.iter().map(String::as_str));
                (group, membership)
            })
            .collect(),
        None => Vec::new(),
    };
    Ok(rules::read_filter(&ctx.viewer(), &memberships))
}

/// Runs a search for the requester, in one group (`Some`) or everywhere.
pub async fn search(
    state: &AppState,
    ctx: &Ctx,
    text: &str,
    scope: Option<i64>,
    limit: i64,
) -> AppResult<Vec<SearchHit>> {
    let filter = read_filter(state, ctx).await?;
    Ok(state
        .store
        .search(&SearchQuery {
            text: text.to_string(),
            scope,
            kind: None,
            filter,
            limit,
        })
        .await?)
}

/// `?q=` of search pages.
#[derive(Debug, Deserialize, Default)]
#[serde(default)]
pub struct SearchParams {
    /// The words.
    pub q: String,
    /// A group's short name (API).
    pub group: String,
}

/// `GET /search` and `GET /g/{slug}/search`.
pub async fn page(
    State(state): State<AppState>,
    ctx: Ctx,
    axum::extract::Path(params): axum::extract::Path<crate::wiki::Params>,
    Query(query): Query<SearchParams>,
) -> AppResult<Response> {
    let (scope, extra) = match params.get("slug") {
        Some(_) => {
            let wiki = crate::wiki::open(&state, &ctx, &params).await?;
            let name = wiki
                .group
                .as_ref()
                .map(|g| g.group.name.clone())
                .unwrap_or_default();
            (
                Some(wiki.scope),
                context! { action => format!("{}/search", wiki.home), scope_name => name, group => wiki.group.as_ref().map(|g| g.group.clone()) },
            )
        }
        None => (
            None,
            context! { action => "/search", scope_name => state.config.instance_name },
        ),
    };
    let text = query.q.trim().chars().take(200).collect::<String>();
    let hits = if text.is_empty() {
        Vec::new()
    } else {
        search(&state, &ctx, &text, scope, 50).await?
    };
    let html = state.templates.render(
        "wiki/search.html",
        &ctx,
        context! { q => text, hits => hits, ..extra },
    )?;
    Ok(html.into_response())
}
