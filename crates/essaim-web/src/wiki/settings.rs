//! Who may read and write a wiki, and one of its pages.

use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use essaim_domain::wiki::{EditAccess, ReadAccess};
use essaim_domain::{Invalid, Problem};
use minijinja::context;
use serde::Deserialize;

use crate::csrf::CsrfForm;
use crate::ctx::Ctx;
use crate::error::AppResult;
use crate::AppState;

use super::{open, readable_page, refuse, Params};

/// The access form.
#[derive(Debug, Deserialize, Default)]
#[serde(default)]
pub struct AccessForm {
    read: String,
    edit: String,
}

fn parse_access(
    form: &AccessForm,
    allow_inherit: bool,
) -> AppResult<(Option<ReadAccess>, Option<EditAccess>)> {
    let read =
        match form.read.as_str() {
            "" | "inherit" if allow_inherit => None,
            code => Some(ReadAccess::from_code(code).ok_or_else(|| {
                Problem::Invalid(vec![Invalid::new("read", "error-choice-unknown")])
            })?),
        };
    let edit =
        match form.edit.as_str() {
            "" | "inherit" if allow_inherit => None,
            code => Some(EditAccess::from_code(code).ok_or_else(|| {
                Problem::Invalid(vec![Invalid::new("edit", "error-choice-unknown")])
            })?),
        };
    Ok((read, edit))
}

/// `GET …/wiki/{page}/settings`.
pub async fn page_settings(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(params): Path<Params>,
) -> AppResult<Response> {
    let wiki = open(&state, &ctx, &params).await?;
    let page = readable_page(&state, &ctx, &wiki, &params).await?;
    if !wiki.may_configure(&ctx) || wiki.group.is_none() {
        return Err(refuse(&ctx));
    }
    let html = state.templates.render(
        "wiki/settings.html",
        &ctx,
        context! {
            page => page, read => page.read_access.code().unwrap_or("inherit"),
            edit => page.edit_access.code().unwrap_or("inherit"),
            reads => ReadAccess::ALL.iter().map(|a| a.code()).collect::<Vec<_>>(),
            edits => EditAccess::ALL.iter().map(|a| a.code()).collect::<Vec<_>>(),
            ..wiki.context(&state)
        },
    )?;
    Ok(html.into_response())
}

/// `POST …/wiki/{page}/settings`.
pub async fn save_page_settings(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(params): Path<Params>,
    CsrfForm(form): CsrfForm<AccessForm>,
) -> AppResult<Response> {
    let wiki = open(&state, &ctx, &params).await?;
    let page = readable_page(&state, &ctx, &wiki, &params).await?;
    if !wiki.may_configure(&ctx) || wiki.group.is_none() {
        return Err(refuse(&ctx));
    }
    let (read, edit) = parse_access(&form, true)?;
    state
        .store
        .set_page_access(page.id, read.map(|r| r.code()), edit.map(|e| e.code()))
        .await?;
    Ok(crate::accounts::redirect_with_flash(
        &state,
        &format!("{}/{}", wiki.base, page.slug),
        "flash-settings-saved",
    ))
}

/// `GET /g/{slug}/wiki-settings`.
pub async fn wiki_settings(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(params): Path<Params>,
) -> AppResult<Response> {
    let wiki = open(&state, &ctx, &params).await?;
    if !wiki.may_configure(&ctx) || wiki.group.is_none() {
        return Err(refuse(&ctx));
    }
    let html = state.templates.render(
        "wiki/settings.html",
        &ctx,
        context! {
            read => wiki.space.read.code(), edit => wiki.space.edit.code(),
            reads => ReadAccess::ALL.iter().map(|a| a.code()).collect::<Vec<_>>(),
            edits => EditAccess::ALL.iter().map(|a| a.code()).collect::<Vec<_>>(),
            ..wiki.context(&state)
        },
    )?;
    Ok(html.into_response())
}

/// `POST /g/{slug}/wiki-settings`.
pub async fn save_wiki_settings(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(params): Path<Params>,
    CsrfForm(form): CsrfForm<AccessForm>,
) -> AppResult<Response> {
    let wiki = open(&state, &ctx, &params).await?;
    let Some(group_id) = wiki.space.group_id.filter(|_| wiki.may_configure(&ctx)) else {
        return Err(refuse(&ctx));
    };
    let (read, edit) = parse_access(&form, false)?;
    state
        .store
        .set_wiki_access(
            group_id,
            read.unwrap_or_default().code(),
            edit.unwrap_or_default().code(),
        )
        .await?;
    Ok(crate::accounts::redirect_with_flash(
        &state,
        &wiki.base,
        "flash-settings-saved",
    ))
}
