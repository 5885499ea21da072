//! The usages board's API: a group's ranked usages (for whoever reads the
//! group's wiki), one usage, proposing one and supporting one (members,
//! with a token).

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use essaim_domain::usages::UsageInput;
use essaim_domain::Problem;
use essaim_store::usages::Usage;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::{json_body, utc, Caller, ErrorBody};
use crate::ctx::Ctx;
use crate::error::{not_found, AppResult};
use crate::groups;
use crate::AppState;

/// A usage as the API shows it.
#[derive(Debug, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UsageOut {
    id: i64,
    url: String,
    /// The group's short address.
    group: String,
    /// As … (who).
    as_who: String,
    /// I want … (what).
    want: String,
    /// So that … (why).
    so_that: String,
    /// Cost, 1 to 3, once estimated.
    #[schema(minimum = 1, maximum = 3)]
    cost: Option<i64>,
    /// Expected positive impact, 1 to 3, once estimated.
    #[schema(minimum = 1, maximum = 3)]
    impact: Option<i64>,
    #[schema(pattern = "^(proposed|planned|done|not_done|set_aside)$")]
    status: String,
    /// How many members support it.
    #[schema(minimum = 0)]
    supporters: i64,
    author_name: String,
    #[schema(format = DateTime)]
    proposed_at: String,
}

/// A group's usages, in the board's order (estimated ones by impact for the
/// cost, then the ones still to estimate), then the done and set-aside ones.
#[derive(Debug, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UsageList {
    usages: Vec<UsageOut>,
}

/// Whether the caller supports a usage now.
#[derive(Debug, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UsageSupport {
    supported: bool,
    #[schema(minimum = 0)]
    supporters: i64,
}

fn usage_out(state: &AppState, u: &Usage) -> UsageOut {
    UsageOut {
        id: u.id,
        url: state.config.absolute(&u.path()),
        group: u.group_slug.clone(),
        as_who: u.as_who.clone(),
        want: u.want.clone(),
        so_that: u.so_that.clone(),
        cost: u.cost,
        impact: u.impact,
        status: u.status.code().to_string(),
        supporters: u.supporters,
        author_name: u.author_name.clone(),
        proposed_at: utc(u.created_at),
    }
}

/// The usage `id` and its group as the caller stands in it.
async fn load(state: &AppState, ctx: &Ctx, id: i64) -> AppResult<(groups::Loaded, Usage)> {
    let usage = state.store.usage(id).await?.ok_or_else(not_found)?;
    let loaded = groups::load(state, ctx, &usage.group_slug).await?;
    let (usage, _) =
        essaim_app::usages::usage(&state.app, &ctx.actor(), &loaded.place(), id).await?;
    Ok((loaded, usage))
}

/// `GET /api/v1/groups/{slug}/usages`: the board.
#[utoipa::path(get, security((), ("bearer" = [])), path = "/groups/{slug}/usages", tag = "usages",
    params(("slug" = String, Path, description = "The group's short address")),
    responses(
        (status = 200, description = "The group's usages, ranked", body = UsageList),
        (status = 401, description = "A wrong token", body = ErrorBody),
        (status = 404, description = "No such group, no board switched on, or closed to the caller", body = ErrorBody),
    ))]
pub async fn list(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
) -> AppResult<Json<UsageList>> {
    if ctx.bad_token {
        return Err(Problem::Unauthenticated.into());
    }
    let loaded = groups::load(&state, &ctx, &slug).await?;
    let ranked = essaim_app::usages::ranked(&state.app, &ctx.actor(), &loaded.place()).await?;
    Ok(Json(UsageList {
        usages: ranked
            .open
            .iter()
            .chain(&ranked.closed)
            .map(|u| usage_out(&state, u))
            .collect(),
    }))
}

/// `GET /api/v1/usages/{id}`: one usage.
#[utoipa::path(get, security((), ("bearer" = [])), path = "/usages/{id}", tag = "usages",
    params(("id" = i64, Path, minimum = 1, description = "The usage's number")),
    responses(
        (status = 200, description = "The usage", body = UsageOut),
        (status = 400, description = "Not a usage's number", body = ErrorBody),
        (status = 401, description = "A wrong token", body = ErrorBody),
        (status = 404, description = "No such usage (or closed to the caller)", body = ErrorBody),
    ))]
pub async fn show(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> AppResult<Json<UsageOut>> {
    if ctx.bad_token {
        return Err(Problem::Unauthenticated.into());
    }
    let (_, usage) = load(&state, &ctx, id).await?;
    Ok(Json(usage_out(&state, &usage)))
}

/// The body of `POST /api/v1/groups/{slug}/usages`.
#[derive(Debug, Deserialize, Default, ToSchema)]
#[serde(default, deny_unknown_fields)]
pub struct UsageIn {
    /// As … (who).
    #[schema(required = true, min_length = 1, max_length = 200, pattern = r"\S")]
    as_who: String,
    /// I want … (what).
    #[schema(required = true, min_length = 1, max_length = 1000, pattern = r"\S")]
    want: String,
    /// So that … (why).
    #[schema(required = true, min_length = 1, max_length = 1000, pattern = r"\S")]
    so_that: String,
    /// Cost, 1 to 3 (left out: to be estimated).
    #[schema(minimum = 1, maximum = 3)]
    cost: Option<i64>,
    /// Expected positive impact, 1 to 3 (left out: to be estimated).
    #[schema(minimum = 1, maximum = 3)]
    impact: Option<i64>,
}

/// `POST /api/v1/groups/{slug}/usages`: proposes a usage (members).
#[utoipa::path(post, path = "/groups/{slug}/usages", tag = "usages", request_body = UsageIn,
    params(("slug" = String, Path, description = "The group's short address")),
    responses(
        (status = 201, description = "Proposed", body = UsageOut),
        (status = 401, description = "No or a wrong token", body = ErrorBody),
        (status = 403, description = "Not a member of the group", body = ErrorBody),
        (status = 404, description = "No such group, or no board switched on", body = ErrorBody),
        (status = 422, description = "A field refused (the three parts are required)", body = ErrorBody),
    ))]
pub async fn create(
    State(state): State<AppState>,
    caller: Caller,
    Path(slug): Path<String>,
    body: axum::body::Bytes,
) -> AppResult<Response> {
    let ctx = &caller.ctx;
    let loaded = groups::load(&state, ctx, &slug).await?;
    let place = loaded.place();
    let board = essaim_app::usages::board(&state.app, &ctx.actor(), &place).await?;
    if !board.enabled {
        return Err(not_found());
    }
    if !board.may_write {
        return Err(essaim_app::refusal(&ctx.actor()).into());
    }
    let b: UsageIn = json_body(&body)?;
    let estimate = |n: Option<i64>| n.map(|n| n.to_string()).unwrap_or_default();
    let input = UsageInput {
        as_who: b.as_who,
        want: b.want,
        so_that: b.so_that,
        cost: estimate(b.cost),
        impact: estimate(b.impact),
    };
    let id = essaim_app::usages::propose(&state.app, &ctx.actor(), &place, &input).await?;
    let usage = state.store.usage(id).await?.ok_or_else(not_found)?;
    Ok((StatusCode::CREATED, Json(usage_out(&state, &usage))).into_response())
}

/// `POST /api/v1/usages/{id}/support`: gives or takes back the caller's
/// support (members, one each).
#[utoipa::path(post, path = "/usages/{id}/support", tag = "usages",
    params(("id" = i64, Path, minimum = 1, description = "The usage's number")),
    responses(
        (status = 200, description = "Whether the caller supports it now", body = UsageSupport),
        (status = 400, description = "Not a usage's number", body = ErrorBody),
        (status = 401, description = "No or a wrong token", body = ErrorBody),
        (status = 403, description = "Not a member of the group", body = ErrorBody),
        (status = 404, description = "No such usage (or closed to the caller)", body = ErrorBody),
    ))]
pub async fn support(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<i64>,
) -> AppResult<Json<UsageSupport>> {
    let ctx = &caller.ctx;
    let (loaded, _) = load(&state, ctx, id).await?;
    let supported =
        essaim_app::usages::support(&state.app, &ctx.actor(), &loaded.place(), id).await?;
    let usage = state.store.usage(id).await?.ok_or_else(not_found)?;
    Ok(Json(UsageSupport {
        supported,
        supporters: usage.supporters,
    }))
}
