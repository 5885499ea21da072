//! Following a wiki or a page by email, and stopping.

use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use essaim_domain::ids::UserId;
use essaim_domain::{Invalid, Problem};
use minijinja::context;
use serde::Deserialize;

use crate::csrf::CsrfForm;
use crate::ctx::Ctx;
use crate::error::{not_found, AppResult};
use crate::AppState;

use super::{open, refuse, Params};

/// The watch form.
#[derive(Debug, Deserialize, Default)]
#[serde(default)]
pub struct WatchForm {
    mode: String,
    page: String,
}

/// `POST /g/{slug}/wiki-watch`, `/wiki-watch`: watch a page (`page` given)
/// or the whole wiki; `mode` is `immediate`, `daily` or `stop`.
pub async fn watch(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(params): Path<Params>,
    CsrfForm(form): CsrfForm<WatchForm>,
) -> AppResult<Response> {
    let wiki = open(&state, &ctx, &params).await?;
    let user = ctx.user.as_ref().ok_or(Problem::Unauthenticated)?;
    let page = if form.page.is_empty() {
        None
    } else {
        let page = state
            .store
            .wiki_page(wiki.group_id(), &form.page)
            .await?
            .ok_or_else(not_found)?;
        if !wiki.may_read(&ctx, &page) {
            return Err(refuse(&ctx));
        }
        Some(page)
    };
    let back = match &page {
        Some(p) => format!("{}/{}", wiki.base, p.slug),
        None => wiki.base.clone(),
    };
    match form.mode.as_str() {
        "immediate" | "daily" => {
            state
                .store
                .watch(
                    user.id,
                    wiki.scope(),
                    page.as_ref().map(|p| p.id),
                    &form.mode,
                )
                .await?;
            Ok(crate::accounts::redirect_with_flash(
                &state,
                &back,
                "flash-watching",
            ))
        }
        "stop" => {
            if let Some(w) = state
                .store
                .watch_of(user.id, wiki.scope(), page.as_ref().map(|p| p.id))
                .await?
            {
                state.store.stop_watch(&w.stop_token).await?;
            }
            Ok(crate::accounts::redirect_with_flash(
                &state,
                &back,
                "flash-watch-stopped",
            ))
        }
        _ => Err(Problem::Invalid(vec![Invalid::new("mode", "error-choice-unknown")]).into()),
    }
}

/// `GET /watch/stop/{token}`: the one-click stop link of watch emails; also
/// `POST`, as mail programs send it (RFC 8058), without an anti-forgery key:
/// the link's secret is the proof.
pub async fn stop_watch(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(token): Path<String>,
) -> AppResult<Response> {
    let stopped = state.store.stop_watch(&token).await?;
    let html = state.templates.render(
        "wiki/stopped.html",
        &ctx,
        context! { stopped => stopped.is_some() },
    )?;
    Ok(html.into_response())
}

/// `GET` (or `POST`, as for [`stop_watch`]) `/watch/stop-daily/{user}/{signature}`:
/// stops every daily summary.
pub async fn stop_daily(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((user_id, signature)): Path<(UserId, String)>,
) -> AppResult<Response> {
    let valid = essaim_app::signing::verify(
        &state.app.secret,
        &crate::wiki::jobs::daily_stop_message(user_id),
        &signature,
    );
    if valid {
        state.store.stop_daily_watches(user_id).await?;
    }
    let html = state
        .templates
        .render("wiki/stopped.html", &ctx, context! { stopped => valid })?;
    Ok(html.into_response())
}
