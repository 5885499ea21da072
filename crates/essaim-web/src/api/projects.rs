//! The projects' API: the catalogue of projects open to contributors, a
//! group's projects, one project with its news, starting a project and
//! posting its news (with a token).

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use essaim_app::projects::{self as app, NewsOrigin};
use essaim_domain::ids::UserId;
use essaim_domain::projects::{self as rules, ProjectForm, ProjectStatus};
use essaim_domain::{Invalid, Problem};
use essaim_store::projects::{CatalogueQuery, News, Project};
use serde::{Deserialize, Serialize};
use utoipa::openapi::schema::{Object, ObjectBuilder, Type};
use utoipa::{IntoParams, ToSchema};

use super::{json_body, schema, utc, Caller, ErrorBody};
use crate::ctx::Ctx;
use crate::error::{not_found, AppResult};
use crate::groups::{self, Loaded};
use crate::AppState;

/// Projects per page of the catalogue.
const PAGE: i64 = 50;

/// A project as the API shows it.
#[derive(Debug, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ProjectOut {
    id: i64,
    url: String,
    /// The group's short address.
    group: String,
    group_name: String,
    title: String,
    summary: String,
    #[schema(schema_with = status)]
    status: String,
    next_step: String,
    keywords: Vec<String>,
    /// The holders' names.
    holders: Vec<String>,
    open_to_contributors: bool,
    #[schema(schema_with = schema::visibility)]
    visibility: String,
    /// The newest news item's date.
    #[schema(value_type = Option<String>, format = DateTime)]
    last_news_at: Option<String>,
    #[schema(format = DateTime)]
    created_at: String,
    /// Its news, newest first (only in the answer about one project).
    #[serde(skip_serializing_if = "Option::is_none")]
    news: Option<Vec<ProjectNewsOut>>,
}

/// One news item of a project.
#[derive(Debug, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ProjectNewsOut {
    id: i64,
    author: String,
    /// The text, in Markdown.
    markdown: String,
    /// `web` or `email`.
    via: String,
    #[schema(format = DateTime)]
    created_at: String,
}

/// Projects.
#[derive(Debug, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ProjectList {
    projects: Vec<ProjectOut>,
}

fn status() -> Object {
    schema::codes(ProjectStatus::ALL.map(ProjectStatus::code)).build()
}

fn status_input() -> Object {
    schema::codes(std::iter::once("").chain(ProjectStatus::ALL.map(ProjectStatus::code)))
        .description(Some("Empty: idea"))
        .build()
}

fn news_out(n: &News) -> ProjectNewsOut {
    ProjectNewsOut {
        id: n.id,
        author: n.author_name.clone(),
        markdown: n.markdown.clone(),
        via: n.via.code().to_string(),
        created_at: utc(n.created_at),
    }
}

fn project_out(state: &AppState, p: &Project, news: Option<&[News]>) -> ProjectOut {
    ProjectOut {
        id: p.id,
        url: state.config.absolute(&p.path()),
        group: p.group_slug.clone(),
        group_name: p.group_name.clone(),
        title: p.title.clone(),
        summary: p.summary.clone(),
        status: p.status.code().to_string(),
        next_step: p.next_step.clone(),
        keywords: p.keywords.clone(),
        holders: p.holders.iter().map(|h| h.name.clone()).collect(),
        open_to_contributors: p.open_to_contributors,
        visibility: p.visibility.code().to_string(),
        last_news_at: p.last_news_at.map(utc),
        created_at: utc(p.created_at),
        news: news.map(|n| n.iter().map(news_out).collect()),
    }
}

/// The filters of `GET /api/v1/projects`.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[serde(default)]
#[into_params(parameter_in = Query)]
pub struct CatalogueFilters {
    /// One keyword (empty: all); a keyword no project could have is refused.
    #[param(required = false, schema_with = schema::keyword_filter)]
    keyword: String,
    /// A region of the groups (empty: all).
    #[param(required = false)]
    region: String,
    /// A group's short address (empty: all).
    #[param(required = false)]
    group: String,
    /// The page, from 1.
    #[param(required = false, minimum = 1, maximum = 1000)]
    page: Option<i64>,
}

/// `GET /api/v1/projects`: projects open to contributors the caller sees.
#[utoipa::path(get, security((), ("bearer" = [])), path = "/projects", tag = "projects",
    params(CatalogueFilters),
    responses(
        (status = 200, description = "Projects open to contributors, most recently changed first", body = ProjectList),
        (status = 400, description = "A parameter of the wrong type", body = ErrorBody),
        (status = 401, description = "A wrong token", body = ErrorBody),
        (status = 422, description = "A filter refused", body = ErrorBody),
    ))]
pub async fn catalogue(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(f): Query<CatalogueFilters>,
) -> AppResult<Json<ProjectList>> {
    if ctx.bad_token {
        return Err(Problem::Unauthenticated.into());
    }
    let mut errors = Vec::new();
    let keyword = if f.keyword.is_empty() {
        None
    } else {
        essaim_domain::groups::normalize_keyword(&f.keyword)
            .map_err(|e| errors.push(e))
            .ok()
    };
    let page = f.page.unwrap_or(1);
    if !(1..=1000).contains(&page) {
        errors.push(Invalid::new("page", "error-page-number"));
    }
    if !errors.is_empty() {
        return Err(Problem::Invalid(errors).into());
    }
    let some = |s: String| (!s.is_empty()).then_some(s);
    let query = CatalogueQuery {
        keyword,
        region: some(f.region),
        group: some(f.group),
        limit: PAGE,
        offset: (page - 1) * PAGE,
    };
    let projects = app::catalogue(&state.app, &ctx.actor(), &query).await?;
    Ok(Json(ProjectList {
        projects: projects
            .iter()
            .map(|p| project_out(&state, p, None))
            .collect(),
    }))
}

/// `GET /api/v1/groups/{slug}/projects`: a group's projects the caller sees.
#[utoipa::path(get, security((), ("bearer" = [])), path = "/groups/{slug}/projects", tag = "projects",
    params(("slug" = String, Path, description = "The group's short address")),
    responses(
        (status = 200, description = "The group's projects, newest first", body = ProjectList),
        (status = 401, description = "A wrong token", body = ErrorBody),
        (status = 404, description = "No such group", body = ErrorBody),
    ))]
pub async fn group_list(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
) -> AppResult<Json<ProjectList>> {
    if ctx.bad_token {
        return Err(Problem::Unauthenticated.into());
    }
    let loaded = groups::load(&state, &ctx, &slug).await?;
    let projects = app::of_group(&state.app, &ctx.actor(), &loaded.place()).await?;
    Ok(Json(ProjectList {
        projects: projects
            .iter()
            .map(|p| project_out(&state, p, None))
            .collect(),
    }))
}

/// A project the caller sees, with its group.
async fn load(state: &AppState, ctx: &Ctx, id: i64) -> AppResult<(Loaded, Project)> {
    let project = state.store.project(id).await?.ok_or_else(not_found)?;
    let loaded = groups::load(state, ctx, &project.group_slug).await?;
    app::seen(&ctx.actor(), &loaded.place(), &project)?;
    Ok((loaded, project))
}

/// `GET /api/v1/projects/{id}`: one project with its news.
#[utoipa::path(get, security((), ("bearer" = [])), path = "/projects/{id}", tag = "projects",
    params(("id" = i64, Path, description = "The project's id")),
    responses(
        (status = 200, description = "The project and its news", body = ProjectOut),
        (status = 400, description = "A parameter of the wrong type", body = ErrorBody),
        (status = 401, description = "A wrong token", body = ErrorBody),
        (status = 404, description = "No such project, or not one the caller sees", body = ErrorBody),
    ))]
pub async fn show(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> AppResult<Json<ProjectOut>> {
    if ctx.bad_token {
        return Err(Problem::Unauthenticated.into());
    }
    let (_, project) = load(&state, &ctx, id).await?;
    let news = state.store.project_news(project.id, 50).await?;
    Ok(Json(project_out(&state, &project, Some(&news))))
}

fn title_pattern() -> Object {
    ObjectBuilder::new()
        .schema_type(Type::String)
        .min_length(Some(1))
        .max_length(Some(rules::TITLE_MAX))
        .pattern(Some(
            r"^[^\x00-\x1f\x7f]*[^\s\x00-\x1f\x7f][^\x00-\x1f\x7f]*$",
        ))
        .build()
}

fn text_of(max: usize) -> Object {
    ObjectBuilder::new()
        .schema_type(Type::String)
        .max_length(Some(max))
        .pattern(Some(r"^[^\x00-\x09\x0b\x0c\x0e-\x1f\x7f]*$"))
        .build()
}

fn summary_text() -> Object {
    text_of(rules::SUMMARY_MAX)
}

fn next_step_text() -> Object {
    text_of(rules::NEXT_STEP_MAX)
}

fn keyword_list() -> utoipa::openapi::schema::Array {
    utoipa::openapi::schema::ArrayBuilder::new()
        .items(schema::keyword_filter())
        .max_items(Some(essaim_domain::groups::KEYWORDS_MAX))
        .build()
}

/// The body of `POST /api/v1/groups/{slug}/projects`.
#[derive(Debug, Deserialize, Default, ToSchema)]
#[serde(default, deny_unknown_fields)]
pub struct ProjectIn {
    #[schema(required = true, schema_with = title_pattern)]
    title: String,
    #[schema(schema_with = summary_text)]
    summary: String,
    #[schema(schema_with = status_input)]
    status: String,
    #[schema(schema_with = next_step_text)]
    next_step: String,
    #[schema(schema_with = keyword_list)]
    keywords: Vec<String>,
    /// Shown in the catalogue, with « Je veux aider ».
    open_to_contributors: bool,
    #[schema(schema_with = schema::visibility_input)]
    visibility: String,
    /// The holders' account ids, members of the group (none: the caller).
    #[schema(max_items = 10)]
    holders: Vec<i64>,
}

/// `POST /api/v1/groups/{slug}/projects`: starts a project.
#[utoipa::path(post, path = "/groups/{slug}/projects", tag = "projects", request_body = ProjectIn,
    params(("slug" = String, Path, description = "The group's short address")),
    responses(
        (status = 201, description = "Started", body = ProjectOut),
        (status = 401, description = "No or a wrong token", body = ErrorBody),
        (status = 403, description = "Not a member of the group", body = ErrorBody),
        (status = 404, description = "No such group", body = ErrorBody),
        (status = 422, description = "A field refused (also: a holder who is not a member)", body = ErrorBody),
    ))]
pub async fn create(
    State(state): State<AppState>,
    caller: Caller,
    Path(slug): Path<String>,
    body: axum::body::Bytes,
) -> AppResult<Response> {
    let ctx = &caller.ctx;
    let loaded = groups::load(&state, ctx, &slug).await?;
    let b: ProjectIn = json_body(&body)?;
    if b.keywords.iter().any(|k| k.contains(',')) {
        return Err(
            Problem::Invalid(vec![Invalid::new("keywords", "error-keyword-invalid")]).into(),
        );
    }
    let form = ProjectForm {
        title: b.title,
        summary: b.summary,
        status: b.status,
        next_step: b.next_step,
        keywords: b.keywords.join(","),
        open: if b.open_to_contributors { "on" } else { "" }.into(),
        visibility: b.visibility,
    };
    let holders: Vec<UserId> = b.holders.into_iter().map(UserId).collect();
    let id = app::create(&state.app, &ctx.actor(), &loaded.place(), &form, &holders).await?;
    let project = state.store.project(id).await?.ok_or_else(not_found)?;
    Ok((
        StatusCode::CREATED,
        Json(project_out(&state, &project, Some(&[]))),
    )
        .into_response())
}

/// The body of `POST /api/v1/projects/{id}/news`.
#[derive(Debug, Deserialize, Default, ToSchema)]
#[serde(default, deny_unknown_fields)]
pub struct ProjectNewsIn {
    /// Where the project stands, in Markdown.
    #[schema(required = true, min_length = 1, max_length = 20000, pattern = r"\S")]
    markdown: String,
}

/// `POST /api/v1/projects/{id}/news`: a holder says where it stands.
#[utoipa::path(post, path = "/projects/{id}/news", tag = "projects", request_body = ProjectNewsIn,
    params(("id" = i64, Path, description = "The project's id")),
    responses(
        (status = 201, description = "Posted", body = ProjectNewsOut),
        (status = 400, description = "A parameter of the wrong type", body = ErrorBody),
        (status = 401, description = "No or a wrong token", body = ErrorBody),
        (status = 403, description = "Not a holder of the project", body = ErrorBody),
        (status = 404, description = "No such project, or not one the caller sees", body = ErrorBody),
        (status = 422, description = "A field refused", body = ErrorBody),
    ))]
pub async fn post_news(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<i64>,
    body: axum::body::Bytes,
) -> AppResult<Response> {
    let ctx = &caller.ctx;
    let (loaded, project) = load(&state, ctx, id).await?;
    let b: ProjectNewsIn = json_body(&body)?;
    let news_id = app::post_news(
        &state.app,
        &ctx.actor(),
        &loaded.place(),
        &project,
        &b.markdown,
        NewsOrigin::default(),
    )
    .await?
    .ok_or_else(not_found)?;
    let news = state
        .store
        .project_news_item(news_id)
        .await?
        .ok_or_else(not_found)?;
    Ok((StatusCode::CREATED, Json(news_out(&news))).into_response())
}
