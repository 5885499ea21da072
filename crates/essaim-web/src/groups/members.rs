//! A group's members and their roles.

use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use essaim_domain::groups::{self as rules, GroupRole, MemberVisibility};
use essaim_domain::ids::UserId;
use essaim_domain::{Invalid, Problem};
use essaim_store::groups::Member;
use minijinja::context;
use serde::Serialize;

use crate::csrf::CsrfForm;
use crate::ctx::Ctx;
use crate::error::{forbidden, not_found, AppResult};
use crate::AppState;

use super::{load, require};

/// A member as the list shows them.
#[derive(Debug, Serialize)]
struct ShownMember {
    user_id: UserId,
    name: String,
    roles: Vec<String>,
    is_me: bool,
}

/// The members the viewer may see (names and roles only).
pub fn visible_members(
    ctx: &Ctx,
    viewer_membership: Option<&rules::Membership>,
    members: Vec<Member>,
) -> Vec<Member> {
    members
        .into_iter()
        .filter(|m| {
            let visibility = MemberVisibility::from_code(&m.visibility).unwrap_or_default();
            ctx.user.as_ref().is_some_and(|u| u.id == m.user_id)
                || rules::may_see_member(&ctx.viewer(), viewer_membership, visibility)
        })
        .collect()
}

/// `GET /g/{slug}/members`.
pub async fn members(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
) -> AppResult<Response> {
    let loaded = load(&state, &ctx, &slug).await?;
    let all = state.store.members(loaded.group.id).await?;
    let total = all.len();
    let shown: Vec<ShownMember> = visible_members(&ctx, loaded.rules.as_ref(), all)
        .into_iter()
        .map(|m| ShownMember {
            is_me: ctx.user.as_ref().is_some_and(|u| u.id == m.user_id),
            user_id: m.user_id,
            name: m.name,
            roles: m.roles,
        })
        .collect();
    let hidden = total - shown.len();
    let roles: Vec<&str> = GroupRole::ALL
        .iter()
        .filter(|r| **r != GroupRole::Member)
        .map(|r| r.code())
        .collect();
    let html = state.templates.render(
        "groups/members.html",
        &ctx,
        context! {
            group => loaded.group, members => shown, hidden => hidden, roles => roles,
            membership => loaded.membership, may_manage => loaded.may_manage(&ctx),
            visibilities => [MemberVisibility::Members.code(), MemberVisibility::Everyone.code()],
        },
    )?;
    Ok(html.into_response())
}

/// `POST /g/{slug}/members/{user_id}/roles`: the roles of one member.
pub async fn set_roles(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, member_id)): Path<(String, UserId)>,
    CsrfForm(pairs): CsrfForm<Vec<(String, String)>>,
) -> AppResult<Response> {
    let loaded = load(&state, &ctx, &slug).await?;
    require(loaded.may_manage(&ctx), &ctx)?;
    let target = state
        .store
        .membership(loaded.group.id, member_id)
        .await?
        .ok_or_else(not_found)?;
    let mut roles = Vec::new();
    for (key, value) in &pairs {
        if key == "role" {
            let role = GroupRole::from_code(value)
                .filter(|r| *r != GroupRole::Member)
                .ok_or_else(|| {
                    Problem::Invalid(vec![Invalid::new("role", "error-choice-unknown")])
                })?;
            roles.push(role);
        }
    }
    let facilitators = state
        .store
        .role_count(loaded.group.id, "facilitator")
        .await?;
    if let Err(e) = rules::check_role_change(&target.rules(), &roles, facilitators as usize) {
        let _ = e;
        return Ok(crate::accounts::redirect_with_flash(
            &state,
            &format!("/g/{slug}/members"),
            "flash-name-facilitator-first",
        ));
    }
    let codes: Vec<String> = roles.iter().map(|r| r.code().to_string()).collect();
    state
        .store
        .set_roles(
            loaded.group.id,
            member_id,
            &codes,
            ctx.user.as_ref().map(|u| u.id),
        )
        .await?;
    Ok(crate::accounts::redirect_with_flash(
        &state,
        &format!("/g/{slug}/members"),
        "flash-roles-saved",
    ))
}

/// The "who can see me" form.
#[derive(Debug, serde::Deserialize, Default)]
#[serde(default)]
pub struct VisibilityForm {
    visibility: String,
}

/// `POST /g/{slug}/visibility`: who may see me in the member list.
pub async fn set_visibility(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
    CsrfForm(form): CsrfForm<VisibilityForm>,
) -> AppResult<Response> {
    let loaded = load(&state, &ctx, &slug).await?;
    let user = ctx.user.as_ref().ok_or(Problem::Unauthenticated)?;
    if loaded.membership.is_none() {
        return Err(forbidden());
    }
    let visibility = MemberVisibility::from_code(&form.visibility).ok_or_else(|| {
        Problem::Invalid(vec![Invalid::new("visibility", "error-choice-unknown")])
    })?;
    state
        .store
        .set_member_visibility(loaded.group.id, user.id, visibility.code())
        .await?;
    Ok(crate::accounts::redirect_with_flash(
        &state,
        &format!("/g/{slug}/members"),
        "flash-visibility-saved",
    ))
}
