//! The home page.

use axum::extract::State;
use axum::response::Html;
use minijinja::context;

use crate::ctx::Ctx;
use crate::error::AppResult;
use crate::AppState;

/// `GET /`: what Essaim is, and the first steps.
pub async fn home(State(state): State<AppState>, ctx: Ctx) -> AppResult<Html<String>> {
    Ok(state.templates.render("home.html", &ctx, context! {})?)
}
