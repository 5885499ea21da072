//! The news' API: a group's news the caller may read, one item, and
//! publishing (facilitators and leaders, with a token). Pictures are sent
//! from the news page only.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use essaim_domain::news::{self as rules, NewsInput};
use essaim_domain::{Invalid, Problem};
use essaim_store::news::News;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::{json_body, schema, utc, Caller, ErrorBody};
use crate::ctx::Ctx;
use crate::error::{not_found, AppResult};
use crate::groups;
use crate::AppState;

/// How many items a list holds.
const LIST_ITEMS: i64 = 50;

/// A news item as the API shows it.
#[derive(Debug, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewsOut {
    id: i64,
    url: String,
    /// The group's short address.
    group: String,
    group_name: String,
    title: String,
    /// Formatted text (Markdown).
    body: String,
    /// The address of its picture, if it has one.
    image_url: Option<String>,
    #[schema(schema_with = schema::visibility)]
    visibility: String,
    author_name: String,
    #[schema(format = DateTime)]
    published_at: String,
}

/// A group's news, newest first.
#[derive(Debug, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewsList {
    news: Vec<NewsOut>,
}

fn news_out(state: &AppState, n: &News) -> NewsOut {
    NewsOut {
        id: n.id,
        url: state.config.absolute(&n.path()),
        group: n.group_slug.clone(),
        group_name: n.group_name.clone(),
        title: n.title.clone(),
        body: n.body.clone(),
        image_url: n
            .image
            .as_ref()
            .map(|_| state.config.absolute(&format!("{}/image", n.path()))),
        visibility: n.visibility.code().to_string(),
        author_name: n.author_name.clone(),
        published_at: utc(n.created_at),
    }
}

/// `GET /api/v1/groups/{slug}/news`: the 50 newest items the caller may
/// read.
#[utoipa::path(get, security((), ("bearer" = [])), path = "/groups/{slug}/news", tag = "news",
    params(("slug" = String, Path, description = "The group's short address")),
    responses(
        (status = 200, description = "The group's news the caller may read, newest first", body = NewsList),
        (status = 401, description = "A wrong token", body = ErrorBody),
        (status = 404, description = "No such group (or it has no news here)", body = ErrorBody),
    ))]
pub async fn list(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
) -> AppResult<Json<NewsList>> {
    if ctx.bad_token {
        return Err(Problem::Unauthenticated.into());
    }
    let loaded = groups::load_hosted(&state, &ctx, &slug).await?;
    let list =
        essaim_app::news::latest(&state.app, &ctx.actor(), &loaded.group, LIST_ITEMS).await?;
    Ok(Json(NewsList {
        news: list.iter().map(|n| news_out(&state, n)).collect(),
    }))
}

/// `GET /api/v1/news/{id}`: one item.
#[utoipa::path(get, security((), ("bearer" = [])), path = "/news/{id}", tag = "news",
    params(("id" = i64, Path, minimum = 1, description = "The item's number")),
    responses(
        (status = 200, description = "The item", body = NewsOut),
        (status = 400, description = "Not an item's number", body = ErrorBody),
        (status = 401, description = "A wrong token", body = ErrorBody),
        (status = 404, description = "No such item (or closed to the caller)", body = ErrorBody),
    ))]
pub async fn show(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> AppResult<Json<NewsOut>> {
    if ctx.bad_token {
        return Err(Problem::Unauthenticated.into());
    }
    let item = state.store.news_item(id).await?.ok_or_else(not_found)?;
    let loaded = groups::load_hosted(&state, &ctx, &item.group_slug).await?;
    let news = essaim_app::news::open(&state.app, &ctx.actor(), &loaded.group, id).await?;
    Ok(Json(news_out(&state, &news)))
}

/// The body of `POST /api/v1/groups/{slug}/news`.
#[derive(Debug, Deserialize, Default, ToSchema)]
#[serde(default, deny_unknown_fields)]
pub struct NewsIn {
    #[schema(required = true, min_length = 1, max_length = 200, pattern = r"\S")]
    title: String,
    /// Formatted text (Markdown).
    #[schema(required = true, min_length = 1, max_length = 50000, pattern = r"\S")]
    body: String,
    #[schema(schema_with = schema::visibility_input)]
    visibility: String,
}

impl NewsIn {
    /// What the document says that the rules do not (they trim what a form
    /// sends): lengths as sent, codes exactly.
    fn check_as_sent(&self) -> Vec<Invalid> {
        let mut errors = Vec::new();
        if self.title.chars().count() > rules::TITLE_MAX {
            errors.push(Invalid::new("title", "error-news-title-too-long"));
        }
        if self.body.chars().count() > rules::BODY_MAX {
            errors.push(Invalid::new("body", "error-news-body-too-long"));
        }
        if let Err(e) = schema::check_visibility(&self.visibility) {
            errors.push(e);
        }
        errors
    }
}

/// `POST /api/v1/groups/{slug}/news`: publishes an item (its emails go out
/// from the queue).
#[utoipa::path(post, path = "/groups/{slug}/news", tag = "news", request_body = NewsIn,
    params(("slug" = String, Path, description = "The group's short address")),
    responses(
        (status = 201, description = "Published", body = NewsOut),
        (status = 401, description = "No or a wrong token", body = ErrorBody),
        (status = 403, description = "Not allowed to publish (facilitators and leaders publish)", body = ErrorBody),
        (status = 404, description = "No such group", body = ErrorBody),
        (status = 422, description = "A field refused", body = ErrorBody),
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
    if !essaim_app::news::may_publish(&actor, &loaded.group, loaded.rules.as_ref()) {
        return Err(essaim_app::refusal(&actor).into());
    }
    let b: NewsIn = json_body(&body)?;
    let errors = b.check_as_sent();
    if !errors.is_empty() {
        return Err(Problem::Invalid(errors).into());
    }
    let draft = NewsInput {
        title: b.title,
        body: b.body,
        visibility: b.visibility,
    }
    .validate()
    .map_err(Problem::Invalid)?;
    let id = essaim_app::news::publish(
        &state.app,
        &actor,
        &loaded.group,
        loaded.rules.as_ref(),
        &draft,
        None,
    )
    .await?;
    let news = state.store.news_item(id).await?.ok_or_else(not_found)?;
    Ok((StatusCode::CREATED, Json(news_out(&state, &news))).into_response())
}
