//! The moderators' work: hiding, restoring, approving held posts and mail, flags.

use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use essaim_domain::discussions::HeldStatus;
use essaim_domain::{markdown, Invalid, Problem};
use minijinja::context;

use crate::csrf::CsrfForm;
use crate::ctx::Ctx;
use crate::error::{not_found, AppResult};
use crate::AppState;

use super::{id_param, inbound, refuse, space_of, ModerateForm, Params};

/// `GET /g/{slug}/discussions/moderation`: held posts, held mail, flags.
pub async fn queue(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(params): Path<Params>,
) -> AppResult<Response> {
    let space = space_of(&state, &ctx, &params).await?;
    if !space.forum.access.moderate {
        return Err(refuse(&ctx));
    }
    let held_posts: Vec<_> = state
        .store
        .held_posts(space.group_id())
        .await?
        .into_iter()
        .map(|p| context! { html => markdown::render(&p.markdown), post => p })
        .collect();
    let held_mail: Vec<_> = state
        .store
        .held_mail(space.group_id())
        .await?
        .into_iter()
        .map(|m| context! { html => markdown::render(&m.markdown), mail => m })
        .collect();
    let flagged: Vec<_> = state
        .store
        .flagged_posts(space.group_id())
        .await?
        .into_iter()
        .map(|f| context! { html => markdown::render(&f.markdown), flag => f })
        .collect();
    let html = state.templates.render(
        "discussions/moderation.html",
        &ctx,
        context! { held_posts => held_posts, held_mail => held_mail, flagged => flagged, ..space.context() },
    )?;
    Ok(html.into_response())
}

/// `POST /g/{slug}/discussions/held/{id}`: approve (post it and invite the
/// sender to join) or refuse a message from outside the group.
pub async fn decide_held(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(params): Path<Params>,
    CsrfForm(form): CsrfForm<ModerateForm>,
) -> AppResult<Response> {
    let space = space_of(&state, &ctx, &params).await?;
    if !space.forum.access.moderate {
        return Err(refuse(&ctx));
    }
    let held = state
        .store
        .held_one(id_param(&params, "id")?)
        .await?
        .filter(|h| h.group_id == space.group_id() && h.status == HeldStatus::Pending)
        .ok_or_else(not_found)?;
    let flash = match form.action.as_str() {
        "approve" => {
            inbound::post_held(&state, &space.loaded.group, &held).await?;
            "flash-held-approved"
        }
        "refuse" => {
            state
                .store
                .decide_held(held.id, HeldStatus::Refused)
                .await?;
            "flash-held-refused"
        }
        _ => {
            return Err(
                Problem::Invalid(vec![Invalid::new("action", "error-choice-unknown")]).into(),
            )
        }
    };
    state.app.wake_jobs();
    Ok(crate::accounts::redirect_with_flash(
        &state,
        &format!("{}/moderation", space.base),
        flash,
    ))
}
