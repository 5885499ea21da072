//! The shared space's API (a group's pages: list, read, save) and search.

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use essaim_app::wiki::SaveOutcome;
use essaim_domain::Problem;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::{json_body, utc, Caller, ErrorBody};
use crate::ctx::Ctx;
use crate::error::AppResult;
use crate::AppState;

/// A page in a list.
#[derive(Debug, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PageSummary {
    title: String,
    slug: String,
    #[schema(minimum = 1)]
    revision: i64,
    #[schema(format = DateTime)]
    updated_at: String,
    url: String,
}

/// A page with its text.
#[derive(Debug, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Page {
    title: String,
    slug: String,
    #[schema(minimum = 1)]
    revision: i64,
    #[schema(format = DateTime)]
    updated_at: String,
    url: String,
    /// Formatted text (Markdown).
    markdown: String,
    /// Sanitized HTML, `[[links]]` resolved.
    html: String,
}

/// The pages the caller may read.
#[derive(Debug, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PageList {
    pages: Vec<PageSummary>,
}

fn summary_of(
    state: &AppState,
    wiki: &crate::wiki::Wiki,
    page: &essaim_store::wiki::WikiPage,
) -> PageSummary {
    PageSummary {
        title: page.title.clone(),
        slug: page.slug.clone(),
        revision: page.revision,
        updated_at: utc(page.updated_at),
        url: state
            .config
            .absolute(&format!("{}/{}", wiki.base, page.slug)),
    }
}

fn page_of(
    state: &AppState,
    wiki: &crate::wiki::Wiki,
    page: &essaim_store::wiki::WikiPage,
    html: String,
) -> Page {
    let s = summary_of(state, wiki, page);
    Page {
        title: s.title,
        slug: s.slug,
        revision: s.revision,
        updated_at: s.updated_at,
        url: s.url,
        markdown: page.markdown.clone(),
        html,
    }
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
#[utoipa::path(get, security((), ("bearer" = [])), path = "/groups/{slug}/pages", tag = "pages",
    params(("slug" = String, Path, description = "The group's short address")),
    responses(
        (status = 200, description = "The pages the caller may read", body = PageList),
        (status = 401, description = "A wrong token", body = ErrorBody),
        (status = 404, description = "No such group, or its space is closed to the caller", body = ErrorBody),
    ))]
pub async fn list(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
) -> AppResult<Json<PageList>> {
    if ctx.bad_token {
        return Err(Problem::Unauthenticated.into());
    }
    let wiki = crate::wiki::open(&state, &ctx, &wiki_params(&slug, None)).await?;
    let pages = state.store.wiki_pages(wiki.space.group_id).await?;
    let pages = pages
        .iter()
        .filter(|p| wiki.may_read(&ctx, p))
        .map(|p| summary_of(&state, &wiki, p))
        .collect();
    Ok(Json(PageList { pages }))
}

/// `GET /api/v1/groups/{slug}/pages/{page}`.
#[utoipa::path(get, security((), ("bearer" = [])), path = "/groups/{slug}/pages/{page}", tag = "pages",
    params(
        ("slug" = String, Path, description = "The group's short address"),
        ("page" = String, Path, description = "The page's address"),
    ),
    responses(
        (status = 200, description = "The page", body = Page),
        (status = 308, description = "The page was renamed: `Location` is its new address"),
        (status = 401, description = "A wrong token", body = ErrorBody),
        (status = 404, description = "No such page (or closed to the caller)", body = ErrorBody),
    ))]
pub async fn show(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, page_slug)): Path<(String, String)>,
) -> AppResult<Response> {
    if ctx.bad_token {
        return Err(Problem::Unauthenticated.into());
    }
    let wiki = crate::wiki::open(&state, &ctx, &wiki_params(&slug, Some(&page_slug))).await?;
    let Some(page) = state
        .store
        .wiki_page(wiki.space.group_id, &page_slug)
        .await?
    else {
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
    Ok(Json(page_of(&state, &wiki, &page, html)).into_response())
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
        .wiki_redirect(wiki.space.group_id, old_slug)
        .await?
        .filter(|p| wiki.may_read(ctx, p))
        .map(|p| format!("/api/v1/groups/{group_slug}/pages/{}", p.slug)))
}

/// The body of `PUT /api/v1/groups/{slug}/pages/{page}`.
#[derive(Debug, Deserialize, ToSchema)]
pub struct PagePut {
    /// The title: its address is made of its letters and digits.
    #[schema(min_length = 1, max_length = 200, pattern = "[A-Za-z0-9]")]
    title: String,
    /// Formatted text (Markdown), at most 200 000 bytes.
    markdown: String,
    /// The revision the change is based on (0 to create the page).
    #[schema(minimum = 0)]
    base_revision: i64,
    /// What changed, in a few words.
    #[serde(default)]
    #[schema(max_length = 300)]
    summary: String,
}

/// Answer to a save based on an old revision.
#[derive(Debug, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct StaleRevision {
    error: StaleDetail,
    /// The page's revision now: merge, then save again based on it.
    current_revision: i64,
}

/// What went wrong: `stale_revision`.
#[derive(Debug, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct StaleDetail {
    #[schema(pattern = "^stale_revision$")]
    code: String,
    message: String,
}

/// `PUT /api/v1/groups/{slug}/pages/{page}`: save (or create) a page; a
/// stale `base_revision` gets 409 with the current revision.
#[utoipa::path(put, path = "/groups/{slug}/pages/{page}", tag = "pages", request_body = PagePut,
    params(
        ("slug" = String, Path, description = "The group's short address"),
        ("page" = String, Path, description = "The page's address"),
    ),
    responses(
        (status = 200, description = "Saved", body = Page),
        (status = 201, description = "Created", body = Page),
        (status = 308, description = "The page was renamed: save at `Location`"),
        (status = 401, description = "No or a wrong token", body = ErrorBody),
        (status = 403, description = "Not allowed to edit", body = ErrorBody),
        (status = 404, description = "No such group or page", body = ErrorBody),
        (status = 409, description = "Based on an old revision", body = StaleRevision),
        (status = 422, description = "A field refused (also: the title of another page)", body = ErrorBody),
    ))]
pub async fn put(
    State(state): State<AppState>,
    caller: Caller,
    Path((slug, page_slug)): Path<(String, String)>,
    body: axum::body::Bytes,
) -> AppResult<Response> {
    let input: PagePut = json_body(&body)?;
    let ctx = &caller.ctx;
    let wiki = crate::wiki::open(&state, ctx, &wiki_params(&slug, Some(&page_slug))).await?;
    let page = state
        .store
        .wiki_page(wiki.space.group_id, &page_slug)
        .await?;
    if page.as_ref().is_some_and(|p| !wiki.may_read(ctx, p)) {
        // As for reading: a closed page is not found.
        return Err(crate::error::not_found());
    }
    if input.base_revision < 0 {
        return Err(Problem::Invalid(vec![essaim_domain::Invalid::new(
            "base_revision",
            "error-json-body",
        )])
        .into());
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
    let edit = essaim_app::wiki::Edit {
        title: &input.title,
        text: &input.markdown,
        summary: &input.summary,
        base_revision: base,
    };
    let result =
        essaim_app::wiki::save(&state.app, &ctx.actor(), &wiki.space, page.as_ref(), edit).await?;
    match result {
        SaveOutcome::Saved {
            slug: new_slug,
            created,
            ..
        } => {
            let saved = state
                .store
                .wiki_page(wiki.space.group_id, &new_slug)
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
            Ok((status, Json(page_of(&state, &wiki, &saved, html))).into_response())
        }
        SaveOutcome::Invalid(errors) => Err(Problem::Invalid(errors).into()),
        SaveOutcome::Conflict(current) => {
            let message = crate::i18n::t(ctx.lang, "error-page-stale");
            Ok((
                StatusCode::CONFLICT,
                Json(StaleRevision {
                    error: StaleDetail {
                        code: "stale_revision".into(),
                        message,
                    },
                    current_revision: current.revision,
                }),
            )
                .into_response())
        }
    }
}

/// `?q=…&group=…` of the API's search.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[serde(default)]
#[into_params(parameter_in = Query)]
pub struct SearchQuery {
    /// The words (only the first 200 characters count; none: no results).
    #[param(required = false)]
    q: String,
    /// A group's short address: search its space only.
    #[param(required = false)]
    group: String,
}

/// What a search found.
#[derive(Debug, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SearchResults {
    results: Vec<SearchResult>,
}

/// One thing found.
#[derive(Debug, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SearchResult {
    title: String,
    url: String,
    /// HTML: escaped text with `<mark>`ed matches.
    excerpt: String,
    /// What was found: `page`, `topic`, `meeting`…
    kind: String,
}

/// `GET /api/v1/search?q=…&group=…`.
#[utoipa::path(get, security((), ("bearer" = [])), path = "/search", tag = "pages", params(SearchQuery),
    responses(
        (status = 200, description = "What the caller may read, best first (50 at most)", body = SearchResults),
        (status = 400, description = "A parameter of the wrong type", body = ErrorBody),
        (status = 401, description = "A wrong token", body = ErrorBody),
        (status = 404, description = "No such group, or its space is closed to the caller", body = ErrorBody),
    ))]
pub async fn search(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(params): Query<SearchQuery>,
) -> AppResult<Json<SearchResults>> {
    if ctx.bad_token {
        return Err(Problem::Unauthenticated.into());
    }
    let scope = if params.group.is_empty() {
        None
    } else {
        let wiki = crate::wiki::open(&state, &ctx, &wiki_params(&params.group, None)).await?;
        Some(wiki.scope())
    };
    let hits = essaim_app::search::search(&state.app, &ctx.actor(), &params.q, scope, 50).await?;
    let results = hits
        .into_iter()
        .map(|h| SearchResult {
            title: h.title,
            url: state.config.absolute(&h.url),
            excerpt: h.excerpt,
            kind: h.kind,
        })
        .collect();
    Ok(Json(SearchResults { results }))
}
