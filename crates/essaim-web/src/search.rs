//! The search page: across what a person may read (pages, topics,
//! meetings), through `essaim_app::search`.

use axum::extract::{Query, State};
use axum::response::{IntoResponse, Response};
use minijinja::context;
use serde::Deserialize;

use crate::ctx::Ctx;
use crate::error::AppResult;
use crate::AppState;

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
                Some(wiki.scope()),
                context! { action => format!("{}/search", wiki.home), scope_name => name, group => wiki.group.as_ref().map(|g| g.group.clone()) },
            )
        }
        None => (
            None,
            context! { action => "/search", scope_name => state.config.instance_name },
        ),
    };
    let text = essaim_app::search::words(&query.q);
    let hits = essaim_app::search::search(&state.app, &ctx.actor(), &text, scope, 50).await?;
    let html = state.templates.render(
        "wiki/search.html",
        &ctx,
        context! { q => text, hits => hits, ..extra },
    )?;
    Ok(html.into_response())
}
