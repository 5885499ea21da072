//! The instance's agenda and a person's own meetings and calendar keys.

use axum::extract::{Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use essaim_domain::meetings::{self as rules};
use essaim_domain::Problem;
use essaim_store::meetings::MeetingQuery;
use minijinja::context;
use serde::Deserialize;

use crate::csrf::CsrfForm;
use crate::ctx::Ctx;
use crate::error::{AppError, AppResult};
use crate::groups::{self};
use crate::AppState;

use super::{see_filter, views, AnswerForm};

/// Filters of the agenda and `GET /api/v1/meetings`.
#[derive(Debug, Deserialize, Default, Clone)]
#[serde(default)]
pub struct AgendaQuery {
    /// A group's short name.
    pub group: String,
    /// An ecosystem keyword.
    pub keyword: String,
    /// A region.
    pub region: String,
    /// From (RFC 3339); now when empty.
    pub from: String,
    /// To (RFC 3339).
    pub to: String,
}

/// Turns agenda filters into a store query; unknown groups match nothing.
pub async fn agenda_query(
    state: &AppState,
    ctx: &Ctx,
    q: &AgendaQuery,
    limit: i64,
) -> AppResult<Option<MeetingQuery>> {
    let mut query = MeetingQuery {
        see: see_filter(state, ctx).await?,
        from: Some(state.store.now()),
        limit,
        ..MeetingQuery::default()
    };
    if !q.group.trim().is_empty() {
        match groups::load(state, ctx, q.group.trim()).await {
            Ok(l) => query.group_id = Some(l.group.id),
            Err(AppError::Problem(Problem::NotFound)) => return Ok(None),
            Err(e) => return Err(e),
        }
    }
    if !q.keyword.trim().is_empty() {
        match essaim_domain::groups::normalize_keyword(&q.keyword) {
            Ok(k) => query.keyword = Some(k),
            Err(_) => return Ok(None),
        }
    }
    if !q.region.trim().is_empty() {
        query.region = Some(q.region.trim().to_string());
    }
    let mut errors = Vec::new();
    for (field, raw, slot) in [
        ("from", &q.from, &mut query.from),
        ("to", &q.to, &mut query.to),
    ] {
        if !raw.trim().is_empty() {
            match rules::parse_time(field, raw, state.config.timezone, false) {
                Ok(t) => *slot = Some(t),
                Err(e) => errors.push(e),
            }
        }
    }
    if !errors.is_empty() {
        return Err(Problem::Invalid(errors).into());
    }
    Ok(Some(query))
}

/// Meetings on one page of the agenda.
pub const AGENDA_PAGE: i64 = 50;

/// `?page=` of the agenda (an unreadable one is the first).
#[derive(Debug, Deserialize, Default)]
#[serde(default)]
pub struct AgendaPage {
    page: String,
}

/// `GET /agenda`: every meeting ahead the requester may see, with filters,
/// [`AGENDA_PAGE`] at a time.
pub async fn agenda(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<AgendaQuery>,
    Query(p): Query<AgendaPage>,
) -> AppResult<Response> {
    let page = p.page.trim().parse::<i64>().unwrap_or(1).clamp(1, 1000);
    let mut meetings = match agenda_query(&state, &ctx, &q, AGENDA_PAGE + 1).await? {
        Some(query) => {
            let query = MeetingQuery {
                offset: (page - 1) * AGENDA_PAGE,
                ..query
            };
            state.store.meetings(&query).await?
        }
        None => Vec::new(),
    };
    let more = meetings.len() as i64 > AGENDA_PAGE;
    meetings.truncate(AGENDA_PAGE as usize);
    // The filters again, for the links to the other pages.
    let link = |page: i64| {
        let mut pairs: Vec<(&str, String)> = [
            ("group", &q.group),
            ("keyword", &q.keyword),
            ("region", &q.region),
        ]
        .into_iter()
        .filter(|(_, v)| !v.trim().is_empty())
        .map(|(k, v)| (k, v.trim().to_string()))
        .collect();
        pairs.push(("page", page.to_string()));
        format!(
            "/agenda?{}",
            serde_urlencoded::to_string(pairs).unwrap_or_default()
        )
    };
    let previous = (page > 1).then(|| link(page - 1));
    let next = more.then(|| link(page + 1));
    let keywords = state.store.top_keywords(30).await?;
    let regions: Vec<String> = {
        let mut r: Vec<String> = state
            .store
            .group_places()
            .await?
            .into_iter()
            .filter_map(|(_, region)| region)
            .collect();
        r.sort();
        r.dedup();
        r
    };
    let html = state.templates.render(
        "meetings/agenda.html",
        &ctx,
        context! {
            meetings => views(&state, ctx.lang, meetings), filters => context! { group => q.group, keyword => q.keyword, region => q.region },
            keywords => keywords.into_iter().map(|(k, _)| k).collect::<Vec<_>>(), regions => regions,
            previous => previous, next => next,
        },
    )?;
    Ok(html.into_response())
}

/// `GET /my/meetings`: what I said I would come to, and my calendar address.
pub async fn mine(State(state): State<AppState>, ctx: Ctx) -> AppResult<Response> {
    let Some(user) = &ctx.user else {
        return Err(Problem::Unauthenticated.into());
    };
    let see = see_filter(&state, &ctx).await?;
    let coming = state
        .store
        .meetings(&MeetingQuery {
            see: see.clone(),
            answered_by: Some(user.id),
            from: Some(state.store.now()),
            limit: 100,
            ..MeetingQuery::default()
        })
        .await?;
    // The meetings of my groups I have not answered yet.
    let mut of_groups = Vec::new();
    for group_id in state.store.group_ids_of(user.id).await? {
        of_groups.extend(
            state
                .store
                .meetings(&MeetingQuery {
                    see: see.clone(),
                    group_id: Some(group_id),
                    from: Some(state.store.now()),
                    limit: 10,
                    ..MeetingQuery::default()
                })
                .await?
                .into_iter()
                .filter(|m| !coming.iter().any(|c| c.id == m.id)),
        );
    }
    of_groups.sort_by_key(|m| m.starts_at);
    let key_since = state.store.calendar_key_since(user.id).await?;
    let html = state.templates.render(
        "meetings/mine.html",
        &ctx,
        context! {
            coming => views(&state, ctx.lang, coming), of_groups => views(&state, ctx.lang, of_groups),
            key_since => key_since, new_feed => ctx.flash.as_deref().and_then(|f| f.strip_prefix("calendar-key:")).map(|k| state.config.absolute(&format!("/calendar/{k}.ics"))),
        },
    )?;
    Ok(html.into_response())
}

/// `POST /my/calendar-key`: a new private calendar address (the old one
/// stops working). The address is shown once, on the next page.
pub async fn new_key(
    State(state): State<AppState>,
    ctx: Ctx,
    CsrfForm(_): CsrfForm<AnswerForm>,
) -> AppResult<Response> {
    let Some(user) = &ctx.user else {
        return Err(Problem::Unauthenticated.into());
    };
    let key = state.store.new_calendar_key(user.id).await?;
    let html = state.templates.render(
        "meetings/key.html",
        &ctx,
        context! { feed => state.config.absolute(&format!("/calendar/{key}.ics")) },
    )?;
    Ok(html.into_response())
}

/// `POST /my/calendar-key/revoke`.
pub async fn revoke_key(
    State(state): State<AppState>,
    ctx: Ctx,
    CsrfForm(_): CsrfForm<AnswerForm>,
) -> AppResult<Response> {
    let Some(user) = &ctx.user else {
        return Err(Problem::Unauthenticated.into());
    };
    state.store.revoke_calendar_key(user.id).await?;
    Ok(Redirect::to("/my/meetings").into_response())
}
