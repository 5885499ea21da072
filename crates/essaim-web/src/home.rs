//! The home page.

use axum::extract::State;
use axum::response::Html;
use minijinja::context;

use crate::ctx::Ctx;
use crate::error::AppResult;
use crate::AppState;

/// `GET /`: what Essaim is and the first steps; for a logged-in person,
/// their groups and the groups their fellow members also joined.
pub async fn home(State(state): State<AppState>, ctx: Ctx) -> AppResult<Html<String>> {
    let (mine, suggestions) = match &ctx.user {
        Some(user) => (
            state.store.groups_of(user.id).await?,
            state.store.suggested_groups(user.id, 6).await?,
        ),
        None => (Vec::new(), Vec::new()),
    };
    let ecosystems = state.store.top_keywords(12).await?;
    Ok(state.templates.render(
        "home.html",
        &ctx,
        context! { my_groups => mine, suggestions => suggestions, ecosystems => ecosystems },
    )?)
}
