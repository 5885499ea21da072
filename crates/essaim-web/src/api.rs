//! The JSON API under `/api/v1`, and its OpenAPI document.
//!
//! A caller authenticates with `Authorization: Bearer <token>` (tokens from
//! `essaim token create`) or with the browser session; a session caller must
//! send the anti-forgery key in `X-CSRF-Token` on anything but `GET`.

use axum::extract::{FromRequestParts, State};
use axum::http::request::Parts;
use axum::http::Method;
use axum::response::{IntoResponse, Response};
use axum::Json;
use essaim_domain::Problem;
use essaim_store::accounts::User;
use serde::Serialize;

use crate::csrf;
use crate::ctx::Ctx;
use crate::error::{AppError, AppResult};
use crate::AppState;

/// The OpenAPI document, kept beside the code it describes.
const OPENAPI: &str = include_str!("../openapi.json");

/// An authenticated API caller.
pub struct Caller {
    /// The account.
    pub user: User,
    /// The request context.
    pub ctx: Ctx,
}

impl<S: Send + Sync> FromRequestParts<S> for Caller {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let ctx = Ctx::from_request_parts(parts, state).await?;
        if ctx.bad_token {
            return Err(Problem::Unauthenticated.into());
        }
        let Some(user) = ctx.user.clone() else {
            return Err(Problem::Unauthenticated.into());
        };
        let safe = matches!(parts.method, Method::GET | Method::HEAD | Method::OPTIONS);
        if !ctx.via_token && !safe {
            let given = parts
                .headers
                .get(csrf::HEADER)
                .and_then(|v| v.to_str().ok());
            csrf::verify(&ctx, given)?;
        }
        Ok(Caller { user, ctx })
    }
}

/// The caller as `/api/v1/me` shows it.
#[derive(Debug, Serialize)]
pub struct Me {
    id: i64,
    name: String,
    email: String,
    lang: String,
    email_verified: bool,
    is_admin: bool,
    is_helper: bool,
    created_at: String,
}

/// `GET /api/v1/me`.
pub async fn me(caller: Caller) -> AppResult<Json<Me>> {
    let u = caller.user;
    let created_at = chrono::DateTime::from_timestamp(u.created_at, 0)
        .map(|d| d.to_rfc3339())
        .unwrap_or_default();
    Ok(Json(Me {
        id: u.id,
        name: u.name,
        email: u.email,
        lang: u.lang.unwrap_or_else(|| caller.ctx.lang.code().to_string()),
        email_verified: u.email_verified_at.is_some(),
        is_admin: u.is_admin,
        is_helper: u.is_helper,
        created_at,
    }))
}

/// `GET /api/openapi.json`, with the server URL of this instance.
pub async fn openapi(State(state): State<AppState>) -> AppResult<Response> {
    let mut doc: serde_json::Value =
        serde_json::from_str(OPENAPI).map_err(|e| AppError::Internal(e.into()))?;
    doc["servers"] = serde_json::json!([{ "url": state.config.absolute("/api/v1") }]);
    Ok(Json(doc).into_response())
}

/// Unknown `/api/…` paths answer in JSON too.
pub async fn not_found() -> AppError {
    Problem::NotFound.into()
}
