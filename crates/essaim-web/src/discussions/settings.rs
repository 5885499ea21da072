//! A group's discussion settings and each member's email choice.

use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use essaim_domain::discussions::{EmailMode, Outsiders, Visibility};
use essaim_domain::{Invalid, Problem};
use minijinja::context;
use serde::Deserialize;

use crate::csrf::CsrfForm;
use crate::ctx::Ctx;
use crate::error::{forbidden, AppError, AppResult};
use crate::AppState;

use super::{may_configure, refuse, space_of, Params};

/// The group's discussion settings form.
#[derive(Debug, Deserialize, Default)]
#[serde(default)]
pub struct SettingsForm {
    read: String,
    outsiders: String,
    hold_new: Option<String>,
}

/// `GET /g/{slug}/discussions/settings`.
pub async fn settings_page(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(params): Path<Params>,
) -> AppResult<Response> {
    let space = space_of(&state, &ctx, &params).await?;
    if !may_configure(&ctx, &space) {
        return Err(refuse(&ctx));
    }
    let html = state.templates.render(
        "discussions/settings.html",
        &ctx,
        context! {
            settings => space.forum.settings,
            reads => Visibility::ALL.iter().map(|v| v.code()).collect::<Vec<_>>(),
            outsiders => Outsiders::ALL.iter().map(|v| v.code()).collect::<Vec<_>>(),
            ..space.context()
        },
    )?;
    Ok(html.into_response())
}

/// `POST /g/{slug}/discussions/settings`.
pub async fn save_settings(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(params): Path<Params>,
    CsrfForm(form): CsrfForm<SettingsForm>,
) -> AppResult<Response> {
    let space = space_of(&state, &ctx, &params).await?;
    if !may_configure(&ctx, &space) {
        return Err(refuse(&ctx));
    }
    let unknown = |field| -> AppError {
        Problem::Invalid(vec![Invalid::new(field, "error-choice-unknown")]).into()
    };
    let read = Visibility::from_code(&form.read).ok_or_else(|| unknown("read"))?;
    let outsiders = Outsiders::from_code(&form.outsiders).ok_or_else(|| unknown("outsiders"))?;
    state
        .store
        .set_discussion_settings(
            space.group_id(),
            read.code(),
            outsiders.code(),
            form.hold_new.is_some(),
        )
        .await?;
    Ok(crate::accounts::redirect_with_flash(
        &state,
        &space.base,
        "flash-settings-saved",
    ))
}

/// The email choice form.
#[derive(Debug, Deserialize, Default)]
#[serde(default)]
pub struct ListForm {
    email_mode: String,
    email_own: Option<String>,
}

/// `POST /g/{slug}/discussions/email`: a member changes how they follow the
/// group by email.
pub async fn save_list_setting(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(params): Path<Params>,
    CsrfForm(form): CsrfForm<ListForm>,
) -> AppResult<Response> {
    let space = space_of(&state, &ctx, &params).await?;
    let user = ctx.user.as_ref().ok_or(Problem::Unauthenticated)?;
    let mode = EmailMode::from_code(&form.email_mode).ok_or_else(|| {
        AppError::from(Problem::Invalid(vec![Invalid::new(
            "email_mode",
            "error-choice-unknown",
        )]))
    })?;
    if !state
        .store
        .set_list_setting(
            space.group_id(),
            user.id,
            mode.code(),
            Some(form.email_own.is_some()),
        )
        .await?
    {
        return Err(forbidden());
    }
    Ok(crate::accounts::redirect_with_flash(
        &state,
        &space.base,
        "flash-list-saved",
    ))
}
