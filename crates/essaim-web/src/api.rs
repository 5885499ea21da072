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
use essaim_app::groups::JoinOutcome;
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

// ---------------------------------------------------------------- groups

use axum::extract::{Path, Query};
use axum::http::StatusCode;
use essaim_domain::groups::{GroupCardInput, PartnerInput};
use essaim_domain::permissions::Viewer;
use essaim_domain::Invalid;
use essaim_store::groups::Group;

use crate::directory::DirectoryQuery;
use crate::groups as web_groups;

/// A group as the API shows it (the field names are a contract).
async fn group_json(
    state: &AppState,
    group: &Group,
    keywords: Option<Vec<String>>,
) -> AppResult<serde_json::Value> {
    let keywords = match keywords {
        Some(k) => k,
        None => state.store.group_keywords(group.id).await?,
    };
    let partners = state.store.group_partners(group.id).await?;
    let stored = state.store.group_links(group.id).await?;
    let absolute = |p: &str| state.config.absolute(p);
    // The API shows what anybody may see: closed links stay closed.
    let links = web_groups::visible_links(group, &stored, &Viewer::anonymous(), None, &absolute);
    let links: serde_json::Map<String, serde_json::Value> = links
        .into_iter()
        .map(|l| (l.service.to_string(), l.url.into()))
        .collect();
    Ok(serde_json::json!({
        "slug": group.slug,
        "name": group.name,
        "summary": group.summary,
        "kind": group.kind,
        "description": group.description,
        "keywords": keywords,
        "partners": partners.iter().map(|p| serde_json::json!({
            "name": p.name,
            "url": p.url,
            "logo_url": p.logo_version.map(|v| state.config.absolute(&format!("/g/{}/partners/{}/logo.png?v={v}", group.slug, p.id))),
        })).collect::<Vec<_>>(),
        "country": group.country,
        "region": group.region,
        "latitude": group.latitude,
        "longitude": group.longitude,
        "member_count": group.member_count,
        "status": group.status,
        "license": group.license,
        "links": links,
        "hosted": group.hosted,
        "joining": group.joining,
        "url": state.config.absolute(&format!("/g/{}", group.slug)),
    }))
}

/// `GET /api/v1/groups`: listed groups, filtered and paged.
pub async fn groups(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(query): Query<DirectoryQuery>,
) -> AppResult<Json<serde_json::Value>> {
    if ctx.bad_token {
        return Err(Problem::Unauthenticated.into());
    }
    let filter = query.filter(None).map_err(Problem::Invalid)?;
    let (groups, total) = state.store.list_groups(&filter).await?;
    let mut out = Vec::new();
    for l in groups {
        out.push(group_json(&state, &l.group, Some(l.keywords)).await?);
    }
    Ok(Json(serde_json::json!({
        "groups": out,
        "total": total,
        "page": query.page.unwrap_or(1),
        "per_page": filter.limit,
    })))
}

/// `GET /api/v1/groups/{slug}`.
pub async fn group(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
) -> AppResult<Json<serde_json::Value>> {
    if ctx.bad_token {
        return Err(Problem::Unauthenticated.into());
    }
    let loaded = web_groups::load(&state, &ctx, &slug).await?;
    Ok(Json(group_json(&state, &loaded.group, None).await?))
}

/// `GET /api/v1/groups.geojson`.
pub async fn groups_geojson(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(query): Query<DirectoryQuery>,
) -> AppResult<Response> {
    let doc = crate::directory::geojson(&state, ctx.lang, &query).await?;
    Ok((
        [
            (axum::http::header::CONTENT_TYPE, "application/geo+json"),
            (axum::http::header::CACHE_CONTROL, "public, max-age=60"),
        ],
        doc.to_string(),
    )
        .into_response())
}

fn invalid(field: &'static str, key: &'static str) -> Vec<Invalid> {
    vec![Invalid::new(field, key)]
}

/// Applies a JSON object's fields to a card input; wrong types and unknown
/// fields are refused.
fn apply_json(
    input: &mut GroupCardInput,
    object: &serde_json::Map<String, serde_json::Value>,
) -> Result<(), Vec<Invalid>> {
    use serde_json::Value;
    let text = |field: &'static str, v: &Value| -> Result<String, Vec<Invalid>> {
        match v {
            Value::Null => Ok(String::new()),
            Value::String(s) => Ok(s.clone()),
            _ => Err(invalid(field, "error-json-type")),
        }
    };
    let number = |field: &'static str, v: &Value| -> Result<String, Vec<Invalid>> {
        match v {
            Value::Null => Ok(String::new()),
            Value::Number(n) => Ok(n.to_string()),
            _ => Err(invalid(field, "error-json-type")),
        }
    };
    for (key, value) in object {
        match key.as_str() {
            "name" => input.name = text("name", value)?,
            "summary" => input.summary = text("summary", value)?,
            "kind" => input.kind = text("kind", value)?,
            "slug" => input.slug = text("slug", value)?,
            "description" => input.description = text("description", value)?,
            "country" => input.country = text("country", value)?,
            "region" => input.region = text("region", value)?,
            "status" => input.status = text("status", value)?,
            "license" => input.license = text("license", value)?,
            "license_other" => input.license_other = text("license_other", value)?,
            "joining" => input.joining = text("joining", value)?,
            "latitude" => input.latitude = number("latitude", value)?,
            "longitude" => input.longitude = number("longitude", value)?,
            "member_count" => input.member_count = number("member_count", value)?,
            "hosted" => match value {
                Value::Bool(b) => input.hosted = if *b { "on".into() } else { String::new() },
                _ => return Err(invalid("hosted", "error-json-type")),
            },
            "keywords" => match value {
                Value::Null => input.keywords = String::new(),
                Value::Array(items) => {
                    let mut words = Vec::new();
                    for item in items {
                        match item {
                            // A comma inside one keyword would split it: refuse.
                            Value::String(s) if !s.contains(',') => words.push(s.clone()),
                            _ => return Err(invalid("keywords", "error-keyword-invalid")),
                        }
                    }
                    input.keywords = words.join(", ");
                }
                _ => return Err(invalid("keywords", "error-json-type")),
            },
            "partners" => match value {
                Value::Null => input.partners.clear(),
                Value::Array(items) => {
                    input.partners.clear();
                    for item in items {
                        let Value::Object(p) = item else {
                            return Err(invalid("partners", "error-json-type"));
                        };
                        input.partners.push(PartnerInput {
                            name: text("partner_name", p.get("name").unwrap_or(&Value::Null))?,
                            url: text("partner_url", p.get("url").unwrap_or(&Value::Null))?,
                            logo: String::new(),
                        });
                    }
                }
                _ => return Err(invalid("partners", "error-json-type")),
            },
            // Only the services given change, like the card's fields: the
            // links a caller cannot see (a closed group's internal links)
            // are kept; `null` or "" removes one.
            "links" => match value {
                Value::Null => input.links.clear(),
                Value::Object(map) => {
                    for (service, url) in map {
                        input.links.insert(service.clone(), text("links", url)?);
                    }
                }
                _ => return Err(invalid("links", "error-json-type")),
            },
            // Read-only fields sent back unchanged are ignored.
            "url" | "charter_accepted" => {}
            _ => return Err(invalid("body", "error-json-unknown-field")),
        }
    }
    Ok(())
}

fn json_object(body: &axum::body::Bytes) -> AppResult<serde_json::Map<String, serde_json::Value>> {
    match serde_json::from_slice::<serde_json::Value>(body) {
        Ok(serde_json::Value::Object(map)) => Ok(map),
        _ => Err(Problem::Invalid(invalid("body", "error-json-body")).into()),
    }
}

/// `POST /api/v1/groups`: proposes a group (the charter must be accepted).
pub async fn create_group(
    State(state): State<AppState>,
    caller: Caller,
    body: axum::body::Bytes,
) -> AppResult<Response> {
    let object = json_object(&body)?;
    let mut input = GroupCardInput {
        hosted: "on".into(),
        status: "active".into(),
        ..Default::default()
    };
    apply_json(&mut input, &object).map_err(Problem::Invalid)?;
    let mut errors = input.validate().err().unwrap_or_default();
    if object.get("charter_accepted") != Some(&serde_json::Value::Bool(true)) {
        errors.push(Invalid::new("charter_accepted", "error-charter-required"));
    }
    if !errors.is_empty() {
        return Err(Problem::Invalid(errors).into());
    }
    let card = input.validate().map_err(Problem::Invalid)?;
    if state.store.slug_taken(&card.slug).await? {
        return Err(Problem::Invalid(invalid("slug", "error-slug-taken")).into());
    }
    let group = web_groups::create(&state, &caller.ctx, &card).await?;
    let mut body = group_json(&state, &group, None).await?;
    body["listed"] = group.listed.into();
    Ok((StatusCode::CREATED, Json(body)).into_response())
}

/// `PATCH /api/v1/groups/{slug}`: edits the given fields of a card.
pub async fn update_group(
    State(state): State<AppState>,
    caller: Caller,
    Path(slug): Path<String>,
    body: axum::body::Bytes,
) -> AppResult<Json<serde_json::Value>> {
    let loaded = web_groups::load(&state, &caller.ctx, &slug).await?;
    if !loaded.may_edit(&caller.ctx) {
        return Err(crate::error::forbidden());
    }
    let object = json_object(&body)?;
    let mut input = web_groups::input_of(&state, &loaded.group).await?;
    apply_json(&mut input, &object).map_err(Problem::Invalid)?;
    if input.slug != loaded.group.slug {
        return Err(Problem::Invalid(invalid("slug", "error-slug-fixed")).into());
    }
    if (input.hosted == "on") != loaded.group.hosted {
        return Err(Problem::Invalid(invalid("hosted", "error-hosted-fixed")).into());
    }
    let card = input.validate().map_err(Problem::Invalid)?;
    state
        .store
        .update_group(loaded.group.id, &web_groups::fields_of(&card))
        .await?;
    let group = state
        .store
        .group_by_slug(&slug)
        .await?
        .ok_or_else(crate::error::not_found)?;
    Ok(Json(group_json(&state, &group, None).await?))
}

/// `POST /api/v1/groups/{slug}/membership`: join (or ask to join).
pub async fn join_group(
    State(state): State<AppState>,
    caller: Caller,
    Path(slug): Path<String>,
) -> AppResult<Response> {
    let loaded = web_groups::load(&state, &caller.ctx, &slug).await?;
    let outcome =
        essaim_app::groups::join(&state.app, &caller.ctx.actor(), &loaded.group, Some("")).await?;
    let (status, word) = match outcome {
        JoinOutcome::Joined => (StatusCode::CREATED, "member"),
        JoinOutcome::AlreadyMember => (StatusCode::OK, "member"),
        JoinOutcome::Requested | JoinOutcome::RequestNeeded => (StatusCode::ACCEPTED, "requested"),
    };
    Ok((status, Json(serde_json::json!({ "status": word }))).into_response())
}

/// `DELETE /api/v1/groups/{slug}/membership`: leave.
pub async fn leave_group(
    State(state): State<AppState>,
    caller: Caller,
    Path(slug): Path<String>,
) -> AppResult<Response> {
    let loaded = web_groups::load(&state, &caller.ctx, &slug).await?;
    let was_member = web_groups::leave(&state, &caller.ctx, &loaded).await?;
    let word = if was_member { "left" } else { "not_member" };
    Ok(Json(serde_json::json!({ "status": word })).into_response())
}

// ---------------------------------------------------------------- the shared space

fn page_json(
    state: &AppState,
    wiki: &crate::wiki::Wiki,
    page: &essaim_store::wiki::WikiPage,
    html: Option<String>,
) -> serde_json::Value {
    let mut value = serde_json::json!({
        "title": page.title,
        "slug": page.slug,
        "revision": page.revision,
        "updated_at": chrono::DateTime::from_timestamp(page.updated_at, 0).map(|d| d.to_rfc3339()).unwrap_or_default(),
        "url": state.config.absolute(&format!("{}/{}", wiki.base, page.slug)),
    });
    if let Some(html) = html {
        value["markdown"] = page.markdown.clone().into();
        value["html"] = html.into();
    }
    value
}

fn wiki_params(slug: &str, page: Option<&str>) -> crate::wiki::Params {
    let mut params = crate::wiki::Params::new();
    params.insert("slug".into(), slug.to_string());
    if let Some(p) = page {
        params.insert("page".into(), p.to_string());
    }
    params
}

/// `GET /api/v1/groups/{slug}/pages`: the pages the caller may read.
pub async fn pages(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
) -> AppResult<Json<serde_json::Value>> {
    if ctx.bad_token {
        return Err(Problem::Unauthenticated.into());
    }
    let wiki = crate::wiki::open(&state, &ctx, &wiki_params(&slug, None)).await?;
    let pages = state.store.wiki_pages(Some(wiki.scope)).await?;
    let list: Vec<serde_json::Value> = pages
        .iter()
        .filter(|p| wiki.may_read(&ctx, p))
        .map(|p| page_json(&state, &wiki, p, None))
        .collect();
    Ok(Json(serde_json::json!({ "pages": list })))
}

/// `GET /api/v1/groups/{slug}/pages/{page}`.
pub async fn page(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, page_slug)): Path<(String, String)>,
) -> AppResult<Response> {
    if ctx.bad_token {
        return Err(Problem::Unauthenticated.into());
    }
    let wiki = crate::wiki::open(&state, &ctx, &wiki_params(&slug, Some(&page_slug))).await?;
    let Some(page) = state.store.wiki_page(Some(wiki.scope), &page_slug).await? else {
        return match moved_to(&state, &ctx, &wiki, &slug, &page_slug).await? {
            Some(path) => Ok(axum::response::Redirect::permanent(&path).into_response()),
            None => Err(crate::error::not_found()),
        };
    };
    if !wiki.may_read(&ctx, &page) {
        // A closed page is not found for those who may not read it.
        return Err(crate::error::not_found());
    }
    // The same HTML as the page shows, `[[links]]` included.
    let html = crate::wiki::render(&state, &wiki, &page.markdown)
        .await?
        .html;
    Ok(Json(page_json(&state, &wiki, &page, Some(html))).into_response())
}

/// The API address an old address of a renamed page leads to, for a caller
/// who may read that page (others learn nothing: not found).
async fn moved_to(
    state: &AppState,
    ctx: &Ctx,
    wiki: &crate::wiki::Wiki,
    group_slug: &str,
    old_slug: &str,
) -> AppResult<Option<String>> {
    Ok(state
        .store
        .wiki_redirect(Some(wiki.scope), old_slug)
        .await?
        .filter(|p| wiki.may_read(ctx, p))
        .map(|p| format!("/api/v1/groups/{group_slug}/pages/{}", p.slug)))
}

/// The body of `PUT /api/v1/groups/{slug}/pages/{page}`.
#[derive(Debug, serde::Deserialize)]
pub struct PagePut {
    title: String,
    markdown: String,
    /// The revision the change is based on (0 to create the page).
    base_revision: i64,
    #[serde(default)]
    summary: String,
}

/// `PUT /api/v1/groups/{slug}/pages/{page}`: save (or create) a page; a
/// stale `base_revision` gets 409 with the current revision.
pub async fn put_page(
    State(state): State<AppState>,
    caller: Caller,
    Path((slug, page_slug)): Path<(String, String)>,
    body: axum::body::Bytes,
) -> AppResult<Response> {
    let input: PagePut = serde_json::from_slice(&body)
        .map_err(|_| Problem::Invalid(invalid("body", "error-json-body")))?;
    let ctx = &caller.ctx;
    let wiki = crate::wiki::open(&state, ctx, &wiki_params(&slug, Some(&page_slug))).await?;
    let page = state.store.wiki_page(Some(wiki.scope), &page_slug).await?;
    if page.as_ref().is_some_and(|p| !wiki.may_read(ctx, p)) {
        // As for reading: a closed page is not found.
        return Err(crate::error::not_found());
    }
    if !wiki.may_edit(ctx, page.as_ref()) {
        return Err(crate::error::forbidden());
    }
    let base = if page.is_none() {
        0
    } else {
        input.base_revision
    };
    if page.is_none() && input.base_revision != 0 {
        // A save based on a version of a renamed page goes to its new address.
        return match moved_to(&state, ctx, &wiki, &slug, &page_slug).await? {
            Some(path) => Ok(axum::response::Redirect::permanent(&path).into_response()),
            None => Err(crate::error::not_found()),
        };
    }
    let result = crate::wiki::save(
        &state,
        &wiki,
        caller.user.id,
        page.as_ref(),
        &input.title,
        &input.markdown,
        &input.summary,
        base,
    )
    .await?;
    match result {
        crate::wiki::SaveResult::Saved {
            slug: new_slug,
            created,
            ..
        } => {
            state.jobs_wake.notify_one();
            let saved = state
                .store
                .wiki_page(Some(wiki.scope), &new_slug)
                .await?
                .ok_or_else(crate::error::not_found)?;
            let html = crate::wiki::render(&state, &wiki, &saved.markdown)
                .await?
                .html;
            let status = if created {
                StatusCode::CREATED
            } else {
                StatusCode::OK
            };
            Ok((status, Json(page_json(&state, &wiki, &saved, Some(html)))).into_response())
        }
        crate::wiki::SaveResult::Invalid(errors) => Err(Problem::Invalid(errors).into()),
        crate::wiki::SaveResult::Conflict(current) => {
            let message = crate::i18n::t(ctx.lang, "error-page-stale");
            Ok((
                StatusCode::CONFLICT,
                Json(serde_json::json!({
                    "error": { "code": "stale_revision", "message": message },
                    "current_revision": current.revision,
                })),
            )
                .into_response())
        }
    }
}

/// `GET /api/v1/search?q=…&group=…`.
pub async fn search(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(params): Query<crate::search::SearchParams>,
) -> AppResult<Json<serde_json::Value>> {
    if ctx.bad_token {
        return Err(Problem::Unauthenticated.into());
    }
    let scope = if params.group.is_empty() {
        None
    } else {
        let wiki = crate::wiki::open(&state, &ctx, &wiki_params(&params.group, None)).await?;
        Some(wiki.scope)
    };
    let text: String = params.q.trim().chars().take(200).collect();
    let hits = if text.is_empty() {
        Vec::new()
    } else {
        crate::search::search(&state, &ctx, &text, scope, 50).await?
    };
    let results: Vec<serde_json::Value> = hits
        .into_iter()
        .map(|h| serde_json::json!({ "title": h.title, "url": state.config.absolute(&h.url), "excerpt": h.excerpt, "kind": h.kind }))
        .collect();
    Ok(Json(serde_json::json!({ "results": results })))
}
