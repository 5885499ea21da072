//! The resources' API: the catalogue of every hosted group's resources the
//! caller sees, a group's resources, one resource, and adding a link or a
//! wiki page as a resource (members, with a token). Files are sent from
//! the resources page only.

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use essaim_app::resources as app;
use essaim_domain::groups::License;
use essaim_domain::resources::{self as rules, Category, ResourceForm, ResourceKind};
use essaim_domain::{Invalid, Problem};
use essaim_store::resources::{CatalogueQuery, Resource};
use serde::{Deserialize, Serialize};
use utoipa::openapi::schema::{Object, ObjectBuilder, Type};
use utoipa::{IntoParams, ToSchema};

use super::{json_body, schema, utc, Caller, ErrorBody};
use crate::ctx::Ctx;
use crate::error::{not_found, AppResult};
use crate::groups;
use crate::AppState;

/// Resources per page.
const PAGE: i64 = 50;

fn category() -> Object {
    schema::codes(Category::ALL.map(Category::code)).build()
}

fn category_input() -> Object {
    schema::codes(std::iter::once("").chain(Category::ALL.map(Category::code)))
        .description(Some("Empty: guide"))
        .build()
}

fn kind() -> Object {
    schema::codes(ResourceKind::ALL.map(ResourceKind::code)).build()
}

fn kind_input() -> Object {
    schema::codes(["", "link", "page"])
        .description(Some("Empty: link (files are sent from the resources page)"))
        .build()
}

fn license_input() -> Object {
    schema::codes(std::iter::once("").chain(License::ALL.map(License::code)))
        .description(Some(
            "Empty: the group's license; `other` needs `license_other`",
        ))
        .build()
}

/// A resource as the API shows it.
#[derive(Debug, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ResourceOut {
    id: i64,
    url: String,
    /// The group's short address.
    group: String,
    group_name: String,
    title: String,
    /// Formatted text (Markdown).
    description: String,
    #[serde(rename = "type")]
    #[schema(schema_with = category)]
    category: String,
    #[schema(schema_with = kind)]
    kind: String,
    /// Where it leads: the link, the file or the wiki page.
    target: String,
    keywords: Vec<String>,
    /// The license's name (its own, or the group's).
    license: String,
    #[schema(schema_with = schema::visibility)]
    visibility: String,
    author_name: String,
    #[schema(format = DateTime)]
    created_at: String,
    #[schema(format = DateTime)]
    updated_at: String,
}

/// Resources.
#[derive(Debug, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ResourceList {
    resources: Vec<ResourceOut>,
}

fn resource_out(state: &AppState, r: &Resource) -> ResourceOut {
    let target = r.target();
    ResourceOut {
        id: r.id,
        url: state.config.absolute(&r.path()),
        group: r.group_slug.clone(),
        group_name: r.group_name.clone(),
        title: r.title.clone(),
        description: r.description.clone(),
        category: r.category.code().to_string(),
        kind: r.kind.code().to_string(),
        target: if target.starts_with('/') {
            state.config.absolute(&target)
        } else {
            target
        },
        keywords: r.keywords.clone(),
        license: r.license_name().to_string(),
        visibility: r.visibility.code().to_string(),
        author_name: r.author_name.clone(),
        created_at: utc(r.created_at),
        updated_at: utc(r.updated_at),
    }
}

fn list_of(state: &AppState, list: &[Resource]) -> Json<ResourceList> {
    Json(ResourceList {
        resources: list.iter().map(|r| resource_out(state, r)).collect(),
    })
}

/// The filters of `GET /api/v1/resources`.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[serde(default)]
#[into_params(parameter_in = Query)]
pub struct ResourceFilters {
    /// One keyword (empty: all); a keyword no resource could have is refused.
    #[param(required = false, schema_with = schema::keyword_filter)]
    keyword: String,
    /// One type (empty: all).
    #[serde(rename = "type")]
    #[param(rename = "type", required = false, schema_with = category_input)]
    category: String,
    /// A group's short address (empty: all).
    #[param(required = false)]
    group: String,
    /// The page, from 1.
    #[param(required = false, minimum = 1, maximum = 1000)]
    page: Option<i64>,
}

/// `GET /api/v1/resources`: the resources of hosted groups the caller sees.
#[utoipa::path(get, security((), ("bearer" = [])), path = "/resources", tag = "resources",
    params(ResourceFilters),
    responses(
        (status = 200, description = "Resources, most recently changed first", body = ResourceList),
        (status = 400, description = "A parameter of the wrong type", body = ErrorBody),
        (status = 401, description = "A wrong token", body = ErrorBody),
        (status = 422, description = "A filter refused", body = ErrorBody),
    ))]
pub async fn catalogue(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(f): Query<ResourceFilters>,
) -> AppResult<Json<ResourceList>> {
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
    let category = if f.category.is_empty() {
        None
    } else {
        Category::from_code(&f.category)
            .ok_or_else(|| errors.push(Invalid::new("type", "error-choice-unknown")))
            .ok()
    };
    let page = f.page.unwrap_or(1);
    if !(1..=1000).contains(&page) {
        errors.push(Invalid::new("page", "error-page-number"));
    }
    if !errors.is_empty() {
        return Err(Problem::Invalid(errors).into());
    }
    let query = CatalogueQuery {
        keyword,
        category,
        group: (!f.group.is_empty()).then_some(f.group),
        limit: PAGE,
        offset: (page - 1) * PAGE,
    };
    let list = app::catalogue(&state.app, &ctx.actor(), &query).await?;
    Ok(list_of(&state, &list))
}

/// `GET /api/v1/groups/{slug}/resources`: a group's resources the caller
/// sees.
#[utoipa::path(get, security((), ("bearer" = [])), path = "/groups/{slug}/resources", tag = "resources",
    params(("slug" = String, Path, description = "The group's short address")),
    responses(
        (status = 200, description = "The group's resources, most recently changed first", body = ResourceList),
        (status = 401, description = "A wrong token", body = ErrorBody),
        (status = 404, description = "No such group (or it has no resources here)", body = ErrorBody),
    ))]
pub async fn group_list(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
) -> AppResult<Json<ResourceList>> {
    if ctx.bad_token {
        return Err(Problem::Unauthenticated.into());
    }
    let loaded = groups::load_hosted(&state, &ctx, &slug).await?;
    let list = app::of_group(&state.app, &ctx.actor(), &loaded.place(), PAGE, 0).await?;
    Ok(list_of(&state, &list))
}

/// `GET /api/v1/resources/{id}`: one resource.
#[utoipa::path(get, security((), ("bearer" = [])), path = "/resources/{id}", tag = "resources",
    params(("id" = i64, Path, minimum = 1, description = "The resource's number")),
    responses(
        (status = 200, description = "The resource", body = ResourceOut),
        (status = 400, description = "Not a resource's number", body = ErrorBody),
        (status = 401, description = "A wrong token", body = ErrorBody),
        (status = 404, description = "No such resource (or closed to the caller)", body = ErrorBody),
    ))]
pub async fn show(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> AppResult<Json<ResourceOut>> {
    if ctx.bad_token {
        return Err(Problem::Unauthenticated.into());
    }
    let resource = state.store.resource(id).await?.ok_or_else(not_found)?;
    let loaded = groups::load_hosted(&state, &ctx, &resource.group_slug).await?;
    app::seen(&ctx.actor(), &loaded.place(), &resource)?;
    Ok(Json(resource_out(&state, &resource)))
}

fn title_text() -> Object {
    ObjectBuilder::new()
        .schema_type(Type::String)
        .min_length(Some(1))
        .max_length(Some(rules::TITLE_MAX))
        .pattern(Some(
            r"^[^\x00-\x1f\x7f]*[^\s\x00-\x1f\x7f][^\x00-\x1f\x7f]*$",
        ))
        .build()
}

fn description_text() -> Object {
    ObjectBuilder::new()
        .schema_type(Type::String)
        .max_length(Some(rules::DESCRIPTION_MAX))
        .pattern(Some(r"^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f]*$"))
        .build()
}

fn keyword_list() -> utoipa::openapi::schema::Array {
    utoipa::openapi::schema::ArrayBuilder::new()
        .items(schema::keyword_filter())
        .max_items(Some(essaim_domain::groups::KEYWORDS_MAX))
        .build()
}

/// The body of `POST /api/v1/groups/{slug}/resources`.
#[derive(Debug, Deserialize, Default, ToSchema)]
#[serde(default, deny_unknown_fields)]
pub struct ResourceIn {
    #[schema(required = true, schema_with = title_text)]
    title: String,
    #[schema(schema_with = description_text)]
    description: String,
    #[serde(rename = "type")]
    #[schema(schema_with = category_input)]
    category: String,
    #[schema(schema_with = kind_input)]
    kind: String,
    /// A link's address (http or https), for `link`.
    #[schema(max_length = 2000)]
    url: String,
    /// A wiki page of the group (its address, or its last part), for `page`.
    #[schema(max_length = 300)]
    page: String,
    #[schema(schema_with = keyword_list)]
    keywords: Vec<String>,
    #[schema(schema_with = license_input)]
    license: String,
    /// The license's name when `license` is `other`.
    #[schema(max_length = 200)]
    license_other: String,
    #[schema(schema_with = schema::visibility_input)]
    visibility: String,
}

impl ResourceIn {
    /// What the document says that the rules do not (they trim what a form
    /// sends): lengths as sent, codes exactly, no file by the API.
    fn check_as_sent(&self) -> Vec<Invalid> {
        let mut errors = Vec::new();
        if self.title.chars().count() > rules::TITLE_MAX {
            errors.push(Invalid::new("title", "error-resource-title-too-long"));
        }
        if self.description.chars().count() > rules::DESCRIPTION_MAX {
            errors.push(Invalid::new(
                "description",
                "error-resource-description-too-long",
            ));
        }
        if self.kind == ResourceKind::File.code() {
            errors.push(Invalid::new("kind", "error-resource-file-by-page"));
        }
        if self.keywords.iter().any(|k| k.contains(',')) {
            errors.push(Invalid::new("keywords", "error-keyword-invalid"));
        }
        if let Err(e) = schema::check_visibility(&self.visibility) {
            errors.push(e);
        }
        errors
    }
}

/// `POST /api/v1/groups/{slug}/resources`: adds a link or a wiki page of
/// the group as a resource.
#[utoipa::path(post, path = "/groups/{slug}/resources", tag = "resources", request_body = ResourceIn,
    params(("slug" = String, Path, description = "The group's short address")),
    responses(
        (status = 201, description = "Added", body = ResourceOut),
        (status = 401, description = "No or a wrong token", body = ErrorBody),
        (status = 403, description = "Not a member of the group", body = ErrorBody),
        (status = 404, description = "No such group", body = ErrorBody),
        (status = 422, description = "A field refused (also: an unknown page)", body = ErrorBody),
    ))]
pub async fn create(
    State(state): State<AppState>,
    caller: Caller,
    Path(slug): Path<String>,
    body: axum::body::Bytes,
) -> AppResult<Response> {
    let ctx = &caller.ctx;
    let loaded = groups::load_hosted(&state, ctx, &slug).await?;
    let actor = ctx.actor();
    if !app::may_add(&actor, &loaded.place()) {
        return Err(essaim_app::refusal(&actor).into());
    }
    let b: ResourceIn = json_body(&body)?;
    let errors = b.check_as_sent();
    if !errors.is_empty() {
        return Err(Problem::Invalid(errors).into());
    }
    let form = ResourceForm {
        title: b.title,
        description: b.description,
        category: b.category,
        kind: b.kind,
        url: b.url,
        page: b.page,
        keywords: b.keywords.join(","),
        license: b.license,
        license_other: b.license_other,
        visibility: b.visibility,
    };
    let id = app::add(&state.app, &actor, &loaded.place(), &form, None).await?;
    let resource = state.store.resource(id).await?.ok_or_else(not_found)?;
    Ok((StatusCode::CREATED, Json(resource_out(&state, &resource))).into_response())
}
