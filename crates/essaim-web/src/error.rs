//! Errors of the web layer, turned into localized pages or JSON.
//!
//! A handler returns [`AppError`]; its response carries the problem as an
//! extension and [`render_errors`] (which knows the reader's language) turns
//! it into the page or the JSON body. Plain error responses from the
//! framework (404 of no route, 413 of the body limit…) go through the same.

use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use essaim_domain::Problem;

use crate::ctx::Ctx;
use crate::i18n::t;
use crate::AppState;

/// An error a handler returns.
#[derive(Debug)]
pub enum AppError {
    /// Something the person can understand and fix.
    Problem(Problem),
    /// A fault of ours; logged, shown as a 500 page.
    Internal(anyhow::Error),
    /// A plain HTTP refusal (body too large, malformed request…).
    Status(StatusCode),
}

impl From<Problem> for AppError {
    fn from(p: Problem) -> Self {
        AppError::Problem(p)
    }
}

impl From<essaim_app::Error> for AppError {
    fn from(e: essaim_app::Error) -> Self {
        match e {
            essaim_app::Error::Problem(p) => AppError::Problem(p),
            essaim_app::Error::Store(e) => e.into(),
        }
    }
}

impl From<essaim_store::StoreError> for AppError {
    fn from(e: essaim_store::StoreError) -> Self {
        AppError::Internal(e.into())
    }
}

impl From<anyhow::Error> for AppError {
    fn from(e: anyhow::Error) -> Self {
        AppError::Internal(e)
    }
}

impl From<minijinja::Error> for AppError {
    fn from(e: minijinja::Error) -> Self {
        AppError::Internal(anyhow::anyhow!("template: {e:#}"))
    }
}

/// Shorthand: nothing here.
pub fn not_found() -> AppError {
    AppError::Problem(Problem::NotFound)
}

/// The refusal of what the requester may not do: 401 for visitors (log
/// in first), 403 for others.
pub fn refuse(ctx: &crate::ctx::Ctx) -> AppError {
    essaim_app::refusal(&ctx.actor()).into()
}

/// Shorthand: not allowed.
pub fn forbidden() -> AppError {
    AppError::Problem(Problem::Forbidden)
}

/// Result of handlers.
pub type AppResult<T> = Result<T, AppError>;

/// The status code of a problem.
pub fn status_of(problem: &Problem) -> StatusCode {
    match problem {
        Problem::Invalid(_) => StatusCode::UNPROCESSABLE_ENTITY,
        Problem::Unauthenticated => StatusCode::UNAUTHORIZED,
        Problem::Forbidden | Problem::Csrf => StatusCode::FORBIDDEN,
        Problem::NotFound => StatusCode::NOT_FOUND,
        Problem::RateLimited => StatusCode::TOO_MANY_REQUESTS,
        Problem::LinkInvalid => StatusCode::GONE,
    }
}

/// Marker extension: this response is an error still to be rendered.
#[derive(Clone, Debug)]
struct Unrendered(Problem);

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let problem = match self {
            AppError::Problem(p) => p,
            AppError::Internal(e) => {
                tracing::error!(error = %format!("{e:#}"), "internal error");
                return plain(StatusCode::INTERNAL_SERVER_ERROR);
            }
            AppError::Status(status) => return plain(status),
        };
        let mut res = status_of(&problem).into_response();
        res.extensions_mut().insert(Unrendered(problem));
        res
    }
}

/// A bare status, rendered later as the generic page for that status.
fn plain(status: StatusCode) -> Response {
    let mut res = status.into_response();
    res.extensions_mut().insert(Internal);
    res
}

#[derive(Clone, Copy, Debug)]
struct Internal;

/// Middleware: renders error responses in the reader's language, as a page
/// or (under `/api/`) as `{"error": {"code", "message"}}`.
pub async fn render_errors(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let ctx = req.extensions().get::<Ctx>().cloned();
    let is_api = req.uri().path().starts_with("/api/");
    let res = next.run(req).await;
    let status = res.status();
    if !(status.is_client_error() || status.is_server_error()) {
        return res;
    }
    let marked = res.extensions().get::<Unrendered>().map(|u| u.0.clone());
    let internal = res.extensions().get::<Internal>().is_some();
    // Responses that already have a body of ours (forms re-shown with their
    // errors, JSON errors) pass through untouched; the framework's plain-text
    // refusals (body too large…) get a page in the reader's language.
    let ours = res
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html") || v.starts_with("application/json"));
    if marked.is_none() && !internal && ours {
        return res;
    }
    let (code, key) = match &marked {
        Some(p) => (p.code(), p.key()),
        None => generic(status),
    };
    let Some(ctx) = ctx else { return res };
    if is_api {
        let fields: Vec<serde_json::Value> = match &marked {
            Some(Problem::Invalid(list)) => list
                .iter()
                .map(|i| serde_json::json!({"field": i.field, "code": i.key, "message": t(ctx.lang, i.key)}))
                .collect(),
            _ => Vec::new(),
        };
        let mut body = serde_json::json!({"error": {"code": code, "message": t(ctx.lang, key)}});
        if !fields.is_empty() {
            body["error"]["fields"] = serde_json::Value::Array(fields);
        }
        let mut out = (status, axum::Json(body)).into_response();
        if status == StatusCode::UNAUTHORIZED {
            out.headers_mut()
                .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
        }
        return out;
    }
    let page = state.templates.render(
        "errors/error.html",
        &ctx,
        minijinja::context! {
            status => status.as_u16(),
            title_key => format!("{key}-title"),
            message_key => key,
            needs_login => matches!(marked, Some(Problem::Unauthenticated)),
            fields => match &marked {
                Some(Problem::Invalid(list)) => list.iter().map(|i| i.key).collect::<Vec<_>>(),
                _ => Vec::new(),
            },
        },
    );
    match page {
        Ok(html) => {
            let mut out = (status, html).into_response();
            // The page may hold a fresh anti-forgery cookie, etc.
            for (name, value) in res.headers() {
                if name == header::SET_COOKIE {
                    out.headers_mut().append(name, value.clone());
                }
            }
            out
        }
        Err(e) => {
            tracing::error!(error = %e, "could not render the error page");
            (status, t(ctx.lang, key)).into_response()
        }
    }
}

fn generic(status: StatusCode) -> (&'static str, &'static str) {
    match status.as_u16() {
        404 | 405 => ("not_found", "error-not-found"),
        408 => ("timeout", "error-timeout"),
        413 => ("too_large", "error-too-large"),
        415 | 400 | 422 => ("bad_request", "error-bad-request"),
        401 => ("unauthenticated", "error-login-required"),
        403 => ("forbidden", "error-forbidden"),
        429 => ("rate_limited", "error-rate-limited"),
        _ => ("internal", "error-internal"),
    }
}
