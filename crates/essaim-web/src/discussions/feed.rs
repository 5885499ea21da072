//! A group's topics as an Atom feed.

use axum::extract::{Path, State};
use axum::response::Response;

use crate::ctx::Ctx;
use crate::error::AppResult;
use crate::AppState;

use super::{open, slug_param, Params};

/// `GET /g/{slug}/discussions.atom`: the newest topics, for who may read.
pub async fn feed(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(params): Path<Params>,
) -> AppResult<Response> {
    let slug = slug_param(&params)?;
    let space = open(&state, &ctx, &slug).await?;
    let topics = state.store.topics(space.group_id(), None, 50, 0).await?;
    let entries: Vec<crate::atom::Entry> = topics
        .iter()
        .map(|t| {
            let link = state.config.absolute(&format!("{}/{}", space.base, t.id));
            crate::atom::Entry {
                title: &t.title,
                id: link.clone(),
                link,
                updated: t.last_post_at,
                author: &t.author_name,
                summary: None,
            }
        })
        .collect();
    Ok(crate::atom::response(
        &crate::i18n::t_args(
            ctx.lang,
            "discussions-feed-title",
            &[("name", space.loaded.group.name.clone())],
        ),
        &state
            .config
            .absolute(&format!("/g/{slug}/discussions.atom")),
        &entries,
    ))
}
