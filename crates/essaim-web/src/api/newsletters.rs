//! The newsletters' API: a group's letters the caller may see (the sent
//! ones for anyone who sees the group; the draft and the one going out for
//! its editors too), and one letter with its items: the public version
//! (what the archive shows), or every item kept with its reach for editors.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use essaim_domain::newsletter::Version;
use essaim_domain::Problem;
use essaim_store::newsletter::Newsletter;
use serde::Serialize;
use utoipa::ToSchema;

use super::{utc, Caller, ErrorBody};
use crate::ctx::Ctx;
use crate::error::AppResult;
use crate::groups::{self, Loaded};
use crate::newsletter::{item_view, letter_title};
use crate::AppState;

/// A letter in a list.
#[derive(Debug, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewsletterSummary {
    id: i64,
    url: String,
    title: String,
    /// `draft`, `sending` or `sent`.
    #[schema(pattern = "^(draft|sending|sent)$")]
    status: String,
    #[schema(format = DateTime)]
    period_from: String,
    #[schema(format = DateTime)]
    period_to: String,
    /// When it was sent, once it was.
    #[schema(format = DateTime)]
    sent_at: Option<String>,
    /// How many addresses it went to so far, out of `total`.
    sent: i64,
    total: i64,
}

/// A group's letters, newest first.
#[derive(Debug, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewsletterList {
    newsletters: Vec<NewsletterSummary>,
}

/// One part of a letter.
#[derive(Debug, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewsletterItemOut {
    id: i64,
    /// What it is (`new_page`, `meeting`, `thanks`, `referent`…).
    kind: String,
    /// Its heading, in the caller's language.
    heading: String,
    /// Its words (formatted text).
    text: String,
    /// Where it leads, if anywhere.
    url: Option<String>,
    /// Whether members only get it.
    members_only: bool,
}

/// One letter and its parts.
#[derive(Debug, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewsletterOut {
    newsletter: NewsletterSummary,
    items: Vec<NewsletterItemOut>,
}

fn summary(state: &AppState, ctx: &Ctx, loaded: &Loaded, n: &Newsletter) -> NewsletterSummary {
    NewsletterSummary {
        id: n.id,
        url: state
            .config
            .absolute(&format!("/g/{}/newsletters/{}", loaded.group.slug, n.id)),
        title: letter_title(ctx.lang, state, &loaded.group, n),
        status: n.status.code().to_string(),
        period_from: utc(n.period_from),
        period_to: utc(n.period_to),
        sent_at: n.sent_at.map(utc),
        sent: n.sent,
        total: n.total,
    }
}

async fn hosted(state: &AppState, ctx: &Ctx, slug: &str) -> AppResult<Loaded> {
    if ctx.bad_token {
        return Err(Problem::Unauthenticated.into());
    }
    groups::load_hosted(state, ctx, slug).await
}

/// `GET /api/v1/groups/{slug}/newsletters`.
#[utoipa::path(get, security((), ("bearer" = [])), path = "/groups/{slug}/newsletters", tag = "newsletters",
    params(("slug" = String, Path, description = "The group's short address")),
    responses(
        (status = 200, description = "The group's letters the caller may see, newest first", body = NewsletterList),
        (status = 401, description = "A wrong token", body = ErrorBody),
        (status = 404, description = "No such group (or it has no letters here)", body = ErrorBody),
    ))]
pub async fn list(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
) -> AppResult<Json<NewsletterList>> {
    let loaded = hosted(&state, &ctx, &slug).await?;
    let list = essaim_app::newsletter::list(
        &state.app,
        &ctx.actor(),
        &loaded.group,
        loaded.rules.as_ref(),
    )
    .await?;
    Ok(Json(NewsletterList {
        newsletters: list
            .iter()
            .map(|n| summary(&state, &ctx, &loaded, n))
            .collect(),
    }))
}

/// `GET /api/v1/groups/{slug}/newsletters/{id}`.
#[utoipa::path(get, security((), ("bearer" = [])), path = "/groups/{slug}/newsletters/{id}", tag = "newsletters",
    params(
        ("slug" = String, Path, description = "The group's short address"),
        ("id" = i64, Path, minimum = 1, description = "The letter's number"),
    ),
    responses(
        (status = 200, description = "The letter: its public version, or every part kept for its editors", body = NewsletterOut),
        (status = 400, description = "Not a letter's number", body = ErrorBody),
        (status = 401, description = "A wrong token", body = ErrorBody),
        (status = 404, description = "No such letter (or closed to the caller)", body = ErrorBody),
    ))]
pub async fn show(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, id)): Path<(String, i64)>,
) -> AppResult<Json<NewsletterOut>> {
    let loaded = hosted(&state, &ctx, &slug).await?;
    Ok(Json(letter_out(&state, &ctx, &loaded, id).await?))
}

/// `POST /api/v1/groups/{slug}/newsletters`: prepares the group's next
/// letter from what happened since the last one (made again when a draft
/// waits; the editors' words are kept).
#[utoipa::path(post, path = "/groups/{slug}/newsletters", tag = "newsletters",
    params(("slug" = String, Path, description = "The group's short address")),
    responses(
        (status = 201, description = "The draft, every part with its reach", body = NewsletterOut),
        (status = 401, description = "No or a wrong token", body = ErrorBody),
        (status = 403, description = "Not one of its editors (facilitators and leaders)", body = ErrorBody),
        (status = 404, description = "No such group", body = ErrorBody),
    ))]
pub async fn prepare(
    State(state): State<AppState>,
    caller: Caller,
    Path(slug): Path<String>,
) -> AppResult<Response> {
    let ctx = &caller.ctx;
    let loaded = hosted(&state, ctx, &slug).await?;
    let id = essaim_app::newsletter::prepare(
        &state.app,
        &ctx.actor(),
        &loaded.group,
        loaded.rules.as_ref(),
    )
    .await?;
    let out = letter_out(&state, ctx, &loaded, id).await?;
    Ok((StatusCode::CREATED, Json(out)).into_response())
}

/// How many addresses a letter is going out to.
#[derive(Debug, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewsletterSending {
    recipients: i64,
}

/// `POST /api/v1/groups/{slug}/newsletters/{id}/send`: sends the draft
/// (from the queue: its progress is the letter's `sent` out of `total`).
#[utoipa::path(post, path = "/groups/{slug}/newsletters/{id}/send", tag = "newsletters",
    params(
        ("slug" = String, Path, description = "The group's short address"),
        ("id" = i64, Path, minimum = 1, description = "The draft's number"),
    ),
    responses(
        (status = 202, description = "Going out", body = NewsletterSending),
        (status = 400, description = "Not a letter's number", body = ErrorBody),
        (status = 401, description = "No or a wrong token", body = ErrorBody),
        (status = 403, description = "Not one of its editors", body = ErrorBody),
        (status = 404, description = "No such draft (already sent, or closed to the caller)", body = ErrorBody),
        (status = 422, description = "The letter has nothing to say", body = ErrorBody),
    ))]
pub async fn send(
    State(state): State<AppState>,
    caller: Caller,
    Path((slug, id)): Path<(String, i64)>,
) -> AppResult<Response> {
    let ctx = &caller.ctx;
    let loaded = hosted(&state, ctx, &slug).await?;
    let recipients = essaim_app::newsletter::send(
        &state.app,
        &ctx.actor(),
        &loaded.group,
        loaded.rules.as_ref(),
        id,
    )
    .await?;
    Ok((StatusCode::ACCEPTED, Json(NewsletterSending { recipients })).into_response())
}

/// One letter as `ctx`'s caller may see it.
async fn letter_out(
    state: &AppState,
    ctx: &Ctx,
    loaded: &Loaded,
    id: i64,
) -> AppResult<NewsletterOut> {
    let actor = ctx.actor();
    let membership = loaded.rules.as_ref();
    let (letter, items) =
        essaim_app::newsletter::open(&state.app, &actor, &loaded.group, membership, id).await?;
    let editor = essaim_app::newsletter::may_edit(&actor, &loaded.group, membership);
    let mut out = Vec::new();
    for item in &items {
        let shown = if editor {
            !item.removed
        } else {
            item.in_version(Version::Public)
        };
        if !shown {
            continue;
        }
        let view = item_view(state, ctx.lang, item)?;
        out.push(NewsletterItemOut {
            id: view.id,
            kind: view.kind.to_string(),
            heading: view.heading,
            text: view.text,
            url: view.link,
            members_only: !item.in_version(Version::Public),
        });
    }
    Ok(NewsletterOut {
        newsletter: summary(state, ctx, loaded, &letter),
        items: out,
    })
}
