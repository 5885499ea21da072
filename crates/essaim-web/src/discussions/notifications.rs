//! The notifications bell: mentions and replies on the site.

use axum::extract::State;
use axum::response::{IntoResponse, Response};
use essaim_domain::Problem;
use minijinja::context;

use crate::csrf::CsrfForm;
use crate::ctx::Ctx;
use crate::error::AppResult;
use crate::AppState;

/// `GET /notifications`: the bell's page; reading it marks all read.
pub async fn notifications(State(state): State<AppState>, ctx: Ctx) -> AppResult<Response> {
    let user = ctx.user.as_ref().ok_or(Problem::Unauthenticated)?;
    let list = state.store.notifications(user.id, 100).await?;
    let stopped = state.store.mail_stopped(user.id).await?;
    state.store.read_notifications(user.id).await?;
    let html = state.templates.render(
        "discussions/notifications.html",
        &ctx,
        context! { notifications => list, mail_stopped => stopped },
    )?;
    Ok(html.into_response())
}

/// `POST /notifications/resume-mail`: mail to me again after bounces.
pub async fn resume_mail(
    State(state): State<AppState>,
    ctx: Ctx,
    CsrfForm(_): CsrfForm<crate::accounts::Empty>,
) -> AppResult<Response> {
    let user = ctx.user.as_ref().ok_or(Problem::Unauthenticated)?;
    state.store.resume_mail(user.id).await?;
    Ok(crate::accounts::redirect_with_flash(
        &state,
        "/notifications",
        "flash-mail-resumed",
    ))
}
