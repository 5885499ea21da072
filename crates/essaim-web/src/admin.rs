//! Administration: the outbox (every email the instance sent or holds).

use axum::extract::{Path, Query, State};
use axum::http::header;
use axum::response::{Html, IntoResponse, Response};
use essaim_domain::ids::UserId;
use essaim_domain::permissions;
use essaim_store::outbox::OutboxMessage;
use minijinja::context;
use serde::Deserialize;

use crate::ctx::Ctx;
use crate::error::{forbidden, not_found, AppResult};
use crate::AppState;

const PAGE_SIZE: i64 = 50;

fn require_admin(ctx: &Ctx) -> AppResult<()> {
    if !ctx.viewer().is_logged_in() {
        return Err(essaim_domain::Problem::Unauthenticated.into());
    }
    if permissions::may_administer(&ctx.viewer()) {
        Ok(())
    } else {
        Err(forbidden())
    }
}

/// `?page=` of the outbox list.
#[derive(Debug, Deserialize, Default)]
pub struct PageQuery {
    page: Option<i64>,
}

/// `GET /admin/outbox`.
pub async fn outbox(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<PageQuery>,
) -> AppResult<Html<String>> {
    require_admin(&ctx)?;
    let page = q.page.unwrap_or(1).clamp(1, 100_000);
    let mut messages = state
        .store
        .outbox_page(PAGE_SIZE + 1, (page - 1) * PAGE_SIZE)
        .await?;
    let has_more = messages.len() as i64 > PAGE_SIZE;
    messages.truncate(PAGE_SIZE as usize);
    let failed = state
        .store
        .outbox_with_status(essaim_store::outbox::status::FAILED)
        .await?;
    let failed_jobs = state.store.failed_jobs(50).await?;
    Ok(state.templates.render(
        "admin/outbox.html",
        &ctx,
        context! { messages => messages, failed_count => failed.len(), page => page, has_more => has_more,
                   failed_jobs => failed_jobs },
    )?)
}

/// One outbox message, for administrators only.
async fn message_for_admin(state: &AppState, ctx: &Ctx, id: i64) -> AppResult<OutboxMessage> {
    require_admin(ctx)?;
    state.store.outbox_message(id).await?.ok_or_else(not_found)
}

/// `GET /admin/outbox/{id}`.
pub async fn outbox_message(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> AppResult<Html<String>> {
    let message = message_for_admin(&state, &ctx, id).await?;
    Ok(state.templates.render(
        "admin/outbox_message.html",
        &ctx,
        context! { message => message },
    )?)
}

/// `GET /admin/outbox/{id}/html`: the HTML part, shown in a sandboxed frame
/// of the message page with a policy of its own (emails use inline styles).
pub async fn outbox_html(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> AppResult<Response> {
    let message = message_for_admin(&state, &ctx, id).await?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/html; charset=utf-8"),
            (
                header::CONTENT_SECURITY_POLICY,
                "default-src 'none'; style-src 'unsafe-inline'; img-src data:; sandbox allow-popups allow-popups-to-escape-sandbox; frame-ancestors 'self'",
            ),
        ],
        message.html_body,
    )
        .into_response())
}

/// `GET /admin/outbox/{id}/raw`: the message exactly as sent.
pub async fn outbox_raw(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> AppResult<Response> {
    let message = message_for_admin(&state, &ctx, id).await?;
    Ok((
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        message.raw,
    )
        .into_response())
}

// ---------------------------------------------------------------- groups awaiting approval

fn require_reviewer(ctx: &Ctx) -> AppResult<()> {
    if !ctx.viewer().is_logged_in() {
        return Err(essaim_domain::Problem::Unauthenticated.into());
    }
    if essaim_domain::groups::may_approve_groups(&ctx.viewer()) {
        Ok(())
    } else {
        Err(forbidden())
    }
}

/// `GET /admin/groups`: proposed groups waiting for a helper.
pub async fn groups(State(state): State<AppState>, ctx: Ctx) -> AppResult<Html<String>> {
    require_reviewer(&ctx)?;
    let waiting = state.store.groups_to_review().await?;
    let need_approval = state.store.groups_need_approval().await?;
    Ok(state.templates.render(
        "admin/groups.html",
        &ctx,
        context! {
            waiting => waiting, need_approval => need_approval,
            may_change_setting => permissions::may_administer(&ctx.viewer()),
        },
    )?)
}

/// The approve / refuse form.
#[derive(Debug, Deserialize, Default)]
#[serde(default)]
pub struct ReviewForm {
    decision: String,
}

/// `POST /admin/groups/{slug}/review`.
pub async fn review(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
    crate::csrf::CsrfForm(form): crate::csrf::CsrfForm<ReviewForm>,
) -> AppResult<Response> {
    require_reviewer(&ctx)?;
    let group = state
        .store
        .group_by_slug(&slug)
        .await?
        .ok_or_else(not_found)?;
    let approve = match form.decision.as_str() {
        "approve" => true,
        "refuse" => false,
        _ => {
            return Err(
                essaim_domain::Problem::Invalid(vec![essaim_domain::Invalid::new(
                    "decision",
                    "error-choice-unknown",
                )])
                .into(),
            )
        }
    };
    state.store.review_group(group.id, approve).await?;
    let flash = if approve {
        "flash-group-approved"
    } else {
        "flash-group-refused"
    };
    Ok(crate::accounts::redirect_with_flash(
        &state,
        "/admin/groups",
        flash,
    ))
}

/// The approval setting form.
#[derive(Debug, Deserialize, Default)]
#[serde(default)]
pub struct ApprovalForm {
    need_approval: Option<String>,
}

/// `POST /admin/groups/settings` (administrators only).
pub async fn groups_settings(
    State(state): State<AppState>,
    ctx: Ctx,
    crate::csrf::CsrfForm(form): crate::csrf::CsrfForm<ApprovalForm>,
) -> AppResult<Response> {
    require_admin(&ctx)?;
    state
        .store
        .set_groups_need_approval(form.need_approval.is_some())
        .await?;
    Ok(crate::accounts::redirect_with_flash(
        &state,
        "/admin/groups",
        "flash-settings-saved",
    ))
}

// ---------------------------------------------------------------- people and instance roles

/// `?q=` of the people page.
#[derive(Debug, Deserialize, Default)]
#[serde(default)]
pub struct PeopleQuery {
    q: String,
}

/// `GET /admin/people`: find people and give them instance roles.
pub async fn people(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(query): Query<PeopleQuery>,
) -> AppResult<Html<String>> {
    require_admin(&ctx)?;
    let people = state.store.search_users(&query.q, 100).await?;
    Ok(state.templates.render(
        "admin/people.html",
        &ctx,
        context! { people => people, q => query.q },
    )?)
}

/// The instance roles form.
#[derive(Debug, Deserialize, Default)]
#[serde(default)]
pub struct RolesForm {
    helper: Option<String>,
    admin: Option<String>,
}

/// `POST /admin/people/{id}/roles`.
pub async fn people_roles(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<UserId>,
    crate::csrf::CsrfForm(form): crate::csrf::CsrfForm<RolesForm>,
) -> AppResult<Response> {
    require_admin(&ctx)?;
    let person = state.store.user_by_id(id).await?.ok_or_else(not_found)?;
    let admin = form.admin.is_some();
    // An administrator cannot remove their own role: someone must stay in charge.
    if ctx.user.as_ref().map(|u| u.id) == Some(person.id) && !admin {
        return Ok(crate::accounts::redirect_with_flash(
            &state,
            "/admin/people",
            "flash-keep-own-admin",
        ));
    }
    state
        .store
        .set_helper(person.id, form.helper.is_some())
        .await?;
    state.store.set_admin(person.id, admin).await?;
    Ok(crate::accounts::redirect_with_flash(
        &state,
        "/admin/people",
        "flash-roles-saved",
    ))
}
