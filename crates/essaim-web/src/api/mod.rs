//! The JSON API under `/api/v1`, and its OpenAPI document.
//!
//! A caller authenticates with `Authorization: Bearer <token>` (tokens from
//! `essaim token create`) or with the browser session; a session caller must
//! send the anti-forgery key in `X-CSRF-Token` on anything but `GET`.
//!
//! The document served at `/api/openapi.json` is generated from the typed
//! request and response structs and the `#[utoipa::path]` of each handler
//! ([`ApiDoc`]): what it says is what the handlers read and write.

pub mod groups;
pub mod meetings;
pub mod news;
pub mod newsletters;
pub mod pages;
pub mod polls;
pub mod projects;
pub mod resources;
pub mod schema;
pub mod usages;

use axum::extract::{FromRequestParts, State};
use axum::http::request::Parts;
use axum::http::Method;
use axum::response::{IntoResponse, Response};
use axum::Json;
use essaim_domain::{Invalid, Problem};
use essaim_store::accounts::User;
use serde::Serialize;
use utoipa::openapi::security::{ApiKey, ApiKeyValue, HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{OpenApi, ToSchema};

use crate::csrf;
use crate::ctx::Ctx;
use crate::error::{AppError, AppResult};
use crate::AppState;

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

/// Reads a JSON body into its typed struct; anything unreadable (not JSON,
/// a wrong type, a missing or unknown field) is one translated 422.
pub(crate) fn json_body<T: serde::de::DeserializeOwned>(body: &[u8]) -> AppResult<T> {
    let refused = || Problem::Invalid(vec![Invalid::new("body", "error-json-body")]).into();
    // Every body the document describes is an object: serde would also
    // read a struct from an array of its fields (`[]` as all defaults).
    let value: serde_json::Value = serde_json::from_slice(body).map_err(|_| refused())?;
    if !value.is_object() {
        return Err(refused());
    }
    serde_json::from_value(value).map_err(|_| refused())
}

/// A request body the document says more of than the rules check (they
/// trim what a form sends): lengths as sent, times in RFC 3339, codes
/// exactly.
pub(crate) trait AsSent: serde::de::DeserializeOwned {
    /// Every field the document refuses.
    fn check_as_sent(&self) -> Vec<Invalid>;
}

/// The group of `slug` and the body of a request that organizes in it (a
/// meeting, a date poll): 404 for a group the caller does not see, 403
/// for one they may not organize in, 422 for a body the document refuses.
pub(crate) async fn organizing<T: AsSent>(
    state: &crate::AppState,
    ctx: &Ctx,
    slug: &str,
    body: &[u8],
) -> AppResult<(essaim_app::meetings::Organizing, T)> {
    let loaded = crate::groups::load(state, ctx, slug).await?;
    let organizing =
        essaim_app::meetings::organizing(&ctx.actor(), &loaded.group, loaded.rules.as_ref())?;
    let input: T = json_body(body)?;
    let errors = input.check_as_sent();
    if !errors.is_empty() {
        return Err(Problem::Invalid(errors).into());
    }
    Ok((organizing, input))
}

/// RFC 3339 (UTC) of a stored time.
pub(crate) use crate::atom::rfc3339 as utc;

/// The caller as `/api/v1/me` shows it.
#[derive(Debug, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Me {
    id: i64,
    name: String,
    #[schema(format = Email)]
    email: String,
    /// The language of the caller's emails and error messages.
    #[schema(schema_with = schema::lang)]
    lang: String,
    email_verified: bool,
    is_admin: bool,
    is_helper: bool,
    #[schema(format = DateTime)]
    created_at: String,
}

/// `GET /api/v1/me`.
#[utoipa::path(get, path = "/me", tag = "accounts",
    responses(
        (status = 200, description = "The caller", body = Me),
        (status = 401, description = "No or a wrong token", body = ErrorBody),
    ))]
pub async fn me(caller: Caller) -> AppResult<Json<Me>> {
    let u = caller.user;
    Ok(Json(Me {
        id: u.id.0,
        name: u.name,
        email: u.email,
        lang: u.lang.unwrap_or_else(|| caller.ctx.lang.code().to_string()),
        email_verified: u.email_verified_at.is_some(),
        is_admin: u.is_admin,
        is_helper: u.is_helper,
        created_at: utc(u.created_at),
    }))
}

/// Every error of the API: `{"error": {"code", "message", "fields"?}}`,
/// the message in the caller's language.
#[derive(Debug, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ErrorBody {
    error: ErrorDetail,
}

/// What went wrong.
#[derive(Debug, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ErrorDetail {
    /// A stable code, e.g. `invalid`, `not_found`, `unauthenticated`.
    code: String,
    /// A sentence for people.
    message: String,
    /// For `invalid`: each field refused and why.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    fields: Vec<FieldError>,
}

/// One field refused.
#[derive(Debug, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct FieldError {
    /// The field (`body` for the whole body).
    field: String,
    /// The reason's translation key.
    code: String,
    /// The reason, for people.
    message: String,
}

/// The security schemes: a bearer token, or the browser session's cookie.
struct Security;

impl utoipa::Modify for Security {
    fn modify(&self, doc: &mut utoipa::openapi::OpenApi) {
        let components = doc.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
        components.add_security_scheme(
            "session",
            SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::new("essaim_session"))),
        );
    }
}

/// The OpenAPI document of `/api/v1`, generated from the handlers.
#[derive(OpenApi)]
#[openapi(
    info(
        title = "Essaim API",
        version = "1",
        description = "The JSON API of an Essaim instance. Authenticate with `Authorization: Bearer <token>` (create a token with `essaim token create --email you@example.org`). A browser session also works; it must then send the page's anti-forgery key in `X-CSRF-Token` on any request that is not a GET. Errors always have the shape `{\"error\": {\"code\": \"...\", \"message\": \"...\"}}`, with the message in the caller's language.",
        license(name = "AGPL-3.0-or-later", identifier = "AGPL-3.0-or-later"),
    ),
    modifiers(&Security),
    security(("bearer" = [])),
    paths(
        me,
        groups::list,
        groups::create,
        groups::geojson,
        groups::show,
        groups::update,
        groups::join,
        groups::leave,
        crate::discussions::api::set_email_mode,
        pages::list,
        pages::show,
        pages::put,
        pages::search,
        meetings::group_list,
        meetings::create,
        meetings::list,
        polls::create,
        polls::show,
        polls::answer,
        projects::catalogue,
        projects::group_list,
        projects::show,
        projects::create,
        projects::post_news,
        crate::discussions::api::topics,
        crate::discussions::api::create_topic,
        crate::discussions::api::topic,
        crate::discussions::api::reply,
        news::list,
        news::show,
        news::create,
        resources::catalogue,
        resources::group_list,
        resources::show,
        resources::create,
        usages::list,
        usages::show,
        usages::create,
        usages::support,
        newsletters::list,
        newsletters::show,
        newsletters::prepare,
        newsletters::send,
    )
)]
pub struct ApiDoc;

/// The OpenAPI document as JSON, without the `servers` of an instance.
pub fn openapi_document() -> serde_json::Value {
    serde_json::to_value(ApiDoc::openapi()).unwrap_or_default()
}

/// `GET /api/openapi.json`, with the server URL of this instance.
pub async fn openapi(State(state): State<AppState>) -> AppResult<Response> {
    let mut doc = openapi_document();
    doc["servers"] = serde_json::json!([{ "url": state.config.absolute("/api/v1") }]);
    Ok(Json(doc).into_response())
}

/// Unknown `/api/…` paths answer in JSON too.
pub async fn not_found() -> AppError {
    Problem::NotFound.into()
}
