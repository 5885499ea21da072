//! Projects' pages: a group's projects (`/g/{slug}/projects`), one project
//! with its news, its form, the follow-up board, the one-field news form a
//! holder reaches from the email asking for news, and the instance's
//! catalogue of projects open to contributors (`/projects`, with its Atom
//! feed). Emails and the news reply by email are in [`mail`].

mod mail;

use std::collections::BTreeMap;

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use essaim_app::projects::{self as app, NewsOrigin};
use essaim_domain::groups::normalize_keyword;
use essaim_domain::ids::UserId;
use essaim_domain::markdown;
use essaim_domain::projects::{self as rules, ProjectForm, ProjectStatus};
use essaim_domain::visibility::Visibility;
use essaim_domain::Invalid;
use essaim_store::projects::{CatalogueQuery, Project};
use minijinja::context;
use serde::{Deserialize, Serialize};

use crate::csrf::CsrfForm;
use crate::ctx::Ctx;
use crate::error::{not_found, AppResult};
use crate::groups::{self, Loaded};
use crate::polls::field;
use crate::AppState;

pub use mail::{news_by_mail, register_jobs, NEWS_KEY_PREFIX};

/// Projects shown per catalogue page.
const CATALOGUE_PAGE: i64 = 30;

/// 422 for a form shown again because something was refused, 200 otherwise.
fn status_of(refused: bool) -> StatusCode {
    if refused {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    }
}

fn form_of(pairs: &[(String, String)]) -> ProjectForm {
    ProjectForm {
        title: field(pairs, "title").into(),
        summary: field(pairs, "summary").into(),
        status: field(pairs, "status").into(),
        next_step: field(pairs, "next_step").into(),
        keywords: field(pairs, "keywords").into(),
        open: field(pairs, "open").into(),
        visibility: field(pairs, "visibility").into(),
    }
}

/// The holders ticked in a form; an unreadable one is refused.
fn holders_of(pairs: &[(String, String)]) -> Result<Vec<UserId>, Invalid> {
    pairs
        .iter()
        .filter(|(k, _)| k == "holder")
        .map(|(_, v)| {
            v.trim()
                .parse::<i64>()
                .map(UserId)
                .map_err(|_| Invalid::new("holders", "error-project-holder-not-member"))
        })
        .collect()
}

/// A group's project, seen by the requester.
async fn load_project(
    state: &AppState,
    ctx: &Ctx,
    slug: &str,
    id: i64,
) -> AppResult<(Loaded, Project)> {
    let loaded = groups::load(state, ctx, slug).await?;
    let project = state.store.project(id).await?.ok_or_else(not_found)?;
    app::seen(&ctx.actor(), &loaded.place(), &project)?;
    Ok((loaded, project))
}

/// One project as a list shows it.
#[derive(Debug, Serialize)]
struct Card<'a> {
    #[serde(flatten)]
    project: &'a Project,
    path: String,
    excerpt: String,
}

fn cards(projects: &[Project]) -> Vec<Card<'_>> {
    projects
        .iter()
        .map(|p| Card {
            project: p,
            path: p.path(),
            excerpt: markdown::render_inline_text(&p.summary, 400),
        })
        .collect()
}

/// `GET /g/{slug}/projects`.
pub async fn list(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
) -> AppResult<Response> {
    let loaded = groups::load(&state, &ctx, &slug).await?;
    if !loaded.group.hosted {
        return Err(not_found());
    }
    let actor = ctx.actor();
    let projects = app::of_group(&state.app, &actor, &loaded.place()).await?;
    let html = state.templates.render(
        "projects/list.html",
        &ctx,
        context! {
            group => loaded.group,
            projects => cards(&projects),
            may_create => rules::may_create(&ctx.viewer(), loaded.rules.as_ref(), loaded.group.hosted),
            may_follow_up => rules::may_follow_up(&ctx.viewer(), loaded.rules.as_ref()),
        },
    )?;
    Ok(html.into_response())
}

/// The project form, new (`project` is `None`) or to change.
#[allow(clippy::too_many_arguments)]
async fn form_page(
    state: &AppState,
    ctx: &Ctx,
    loaded: &Loaded,
    project: Option<&Project>,
    mut values: BTreeMap<String, String>,
    holders: &[UserId],
    errors: &[Invalid],
) -> AppResult<Response> {
    // The choices a new form starts from (the template reads them as typed).
    for (name, default) in [
        ("status", ProjectStatus::default().code()),
        ("visibility", Visibility::Public.code()),
        ("open", ""),
    ] {
        values
            .entry(name.to_string())
            .or_insert_with(|| default.to_string());
    }
    let by_field: BTreeMap<&str, &str> = errors.iter().map(|e| (e.field, e.key)).collect();
    let members = state.store.members(loaded.group.id).await?;
    let statuses: Vec<&str> = ProjectStatus::ALL.iter().map(|s| s.code()).collect();
    let html = state.templates.render(
        "projects/form.html",
        ctx,
        context! {
            group => loaded.group, project => project, values => values, errors => by_field,
            error_list => errors, members => members, holders => holders, statuses => statuses,
        },
    )?;
    Ok((status_of(!errors.is_empty()), html).into_response())
}

fn values_of(project: &Project) -> BTreeMap<String, String> {
    BTreeMap::from([
        ("title".into(), project.title.clone()),
        ("summary".into(), project.summary.clone()),
        ("status".into(), project.status.code().into()),
        ("next_step".into(), project.next_step.clone()),
        ("keywords".into(), project.keywords.join(", ")),
        (
            "open".into(),
            if project.open_to_contributors {
                "on"
            } else {
                ""
            }
            .into(),
        ),
        ("visibility".into(), project.visibility.code().into()),
    ])
}

/// `GET /g/{slug}/projects/new`.
pub async fn new_form(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
) -> AppResult<Response> {
    let loaded = groups::load(&state, &ctx, &slug).await?;
    if !rules::may_create(&ctx.viewer(), loaded.rules.as_ref(), loaded.group.hosted) {
        return Err(crate::error::refuse(&ctx));
    }
    let me: Vec<UserId> = ctx.user.iter().map(|u| u.id).collect();
    form_page(&state, &ctx, &loaded, None, BTreeMap::new(), &me, &[]).await
}

/// Shows the form again with what was typed and why it was refused.
async fn refused(
    state: &AppState,
    ctx: &Ctx,
    loaded: &Loaded,
    project: Option<&Project>,
    pairs: Vec<(String, String)>,
    errors: &[Invalid],
) -> AppResult<Response> {
    let holders = holders_of(&pairs).unwrap_or_default();
    let values = pairs
        .into_iter()
        .filter(|(k, _)| k != "csrf" && k != "holder")
        .collect();
    form_page(state, ctx, loaded, project, values, &holders, errors).await
}

/// `POST /g/{slug}/projects/new`.
pub async fn create(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
    CsrfForm(pairs): CsrfForm<Vec<(String, String)>>,
) -> AppResult<Response> {
    let loaded = groups::load(&state, &ctx, &slug).await?;
    let holders = match holders_of(&pairs) {
        Ok(h) => h,
        Err(e) => return refused(&state, &ctx, &loaded, None, pairs, &[e]).await,
    };
    let made = app::create(
        &state.app,
        &ctx.actor(),
        &loaded.place(),
        &form_of(&pairs),
        &holders,
    )
    .await;
    match essaim_app::or_invalid(made)? {
        Ok(id) => Ok(Redirect::to(&format!("/g/{slug}/projects/{id}")).into_response()),
        Err(errors) => refused(&state, &ctx, &loaded, None, pairs, &errors).await,
    }
}

/// `GET /g/{slug}/projects/{id}/edit`.
pub async fn edit_form(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, id)): Path<(String, i64)>,
) -> AppResult<Response> {
    let (loaded, project) = load_project(&state, &ctx, &slug, id).await?;
    if !app::may_manage(&ctx.actor(), &loaded.place(), &project) {
        return Err(crate::error::refuse(&ctx));
    }
    let holders: Vec<UserId> = project.holders.iter().map(|h| h.user_id).collect();
    form_page(
        &state,
        &ctx,
        &loaded,
        Some(&project),
        values_of(&project),
        &holders,
        &[],
    )
    .await
}

/// `POST /g/{slug}/projects/{id}/edit`.
pub async fn update(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, id)): Path<(String, i64)>,
    CsrfForm(pairs): CsrfForm<Vec<(String, String)>>,
) -> AppResult<Response> {
    let (loaded, project) = load_project(&state, &ctx, &slug, id).await?;
    let holders = match holders_of(&pairs) {
        Ok(h) => h,
        Err(e) => return refused(&state, &ctx, &loaded, Some(&project), pairs, &[e]).await,
    };
    let done = app::update(
        &state.app,
        &ctx.actor(),
        &loaded.place(),
        &project,
        &form_of(&pairs),
        &holders,
    )
    .await;
    match essaim_app::or_invalid(done)? {
        Ok(()) => Ok(Redirect::to(&project.path()).into_response()),
        Err(errors) => refused(&state, &ctx, &loaded, Some(&project), pairs, &errors).await,
    }
}

/// A news item as shown.
#[derive(Debug, Serialize)]
struct NewsView {
    author_name: String,
    html: String,
    created_at: i64,
    by_email: bool,
}

/// The project's page, with `news_error` and the typed `news_text` when a
/// news item was refused.
async fn show_page(
    state: &AppState,
    ctx: &Ctx,
    loaded: &Loaded,
    project: &Project,
    news_text: &str,
    news_error: Option<&Invalid>,
) -> AppResult<Response> {
    let actor = ctx.actor();
    let news: Vec<NewsView> = state
        .store
        .project_news(project.id, 100)
        .await?
        .into_iter()
        .map(|n| NewsView {
            author_name: n.author_name,
            html: markdown::render(&n.markdown),
            created_at: n.created_at,
            by_email: n.via == essaim_domain::projects::NewsVia::Email,
        })
        .collect();
    let offered = match &ctx.user {
        Some(u) => state.store.offered_help(project.id, u.id).await?,
        None => false,
    };
    let is_holder = project.is_holder(ctx.user.as_ref().map(|u| u.id));
    let html = state.templates.render(
        "projects/show.html",
        ctx,
        context! {
            group => loaded.group,
            project => project,
            summary_html => markdown::render(&project.summary),
            news => news,
            may_manage => app::may_manage(&actor, &loaded.place(), project),
            may_follow_up => rules::may_follow_up(&ctx.viewer(), loaded.rules.as_ref()),
            may_help => project.open_to_contributors && !is_holder,
            offered => offered,
            news_text => news_text,
            news_error => news_error.map(|e| e.key),
        },
    )?;
    Ok((status_of(news_error.is_some()), html).into_response())
}

/// `GET /g/{slug}/projects/{id}`.
pub async fn show(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, id)): Path<(String, i64)>,
) -> AppResult<Response> {
    let (loaded, project) = load_project(&state, &ctx, &slug, id).await?;
    show_page(&state, &ctx, &loaded, &project, "", None).await
}

/// The news form.
#[derive(Debug, Deserialize, Default)]
#[serde(default)]
pub struct NewsForm {
    markdown: String,
}

/// `POST /g/{slug}/projects/{id}/news`: a holder says where it stands.
pub async fn post_news(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, id)): Path<(String, i64)>,
    CsrfForm(form): CsrfForm<NewsForm>,
) -> AppResult<Response> {
    let (loaded, project) = load_project(&state, &ctx, &slug, id).await?;
    let posted = app::post_news(
        &state.app,
        &ctx.actor(),
        &loaded.place(),
        &project,
        &form.markdown,
        NewsOrigin::default(),
    )
    .await;
    match essaim_app::or_invalid(posted)? {
        Ok(_) => Ok(crate::accounts::redirect_with_flash(
            &state,
            &format!("{}#news", project.path()),
            "flash-project-news-thanks",
        )),
        Err(errors) => {
            show_page(
                &state,
                &ctx,
                &loaded,
                &project,
                &form.markdown,
                errors.first(),
            )
            .await
        }
    }
}

/// `POST /g/{slug}/projects/{id}/help`: « Je veux aider ».
pub async fn offer_help(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, id)): Path<(String, i64)>,
    CsrfForm(_): CsrfForm<NewsForm>,
) -> AppResult<Response> {
    let (loaded, project) = load_project(&state, &ctx, &slug, id).await?;
    let emails = match &ctx.user {
        Some(user) => mail::help_offered(&state, &project, user)?,
        None => Vec::new(),
    };
    app::offer_help(&state.app, &ctx.actor(), &loaded.place(), &project, &emails).await?;
    Ok(crate::accounts::redirect_with_flash(
        &state,
        &project.path(),
        "flash-project-help-sent",
    ))
}

/// One row of the follow-up board.
#[derive(Debug, Serialize)]
struct BoardRow<'a> {
    #[serde(flatten)]
    project: &'a Project,
    path: String,
    /// Days since its last news (or since it was created, without any).
    silent_days: i64,
    asked_at: Option<i64>,
}

/// The follow-up board's page.
async fn board_page(
    state: &AppState,
    ctx: &Ctx,
    loaded: &Loaded,
    note: &str,
    error: Option<&Invalid>,
) -> AppResult<Response> {
    if !rules::may_follow_up(&ctx.viewer(), loaded.rules.as_ref()) {
        return Err(crate::error::refuse(ctx));
    }
    let mut projects = app::of_group(&state.app, &ctx.actor(), &loaded.place()).await?;
    rules::follow_up_order(&mut projects);
    let asked = state.store.last_asked(loaded.group.id).await?;
    let now = state.store.now();
    let rows: Vec<BoardRow> = projects
        .iter()
        .map(|p| BoardRow {
            project: p,
            path: p.path(),
            silent_days: (now - p.last_news_at.unwrap_or(p.created_at)).max(0) / 86_400,
            asked_at: asked.iter().find(|(id, _)| *id == p.id).map(|(_, at)| *at),
        })
        .collect();
    let reviews = state.store.reviews(loaded.group.id, 10).await?;
    let html = state.templates.render(
        "projects/follow_up.html",
        ctx,
        context! {
            group => loaded.group, rows => rows, reviews => reviews, note => note,
            error => error.map(|e| e.key),
        },
    )?;
    Ok((status_of(error.is_some()), html).into_response())
}

/// `GET /g/{slug}/projects/follow-up`.
pub async fn follow_up(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
) -> AppResult<Response> {
    let loaded = groups::load(&state, &ctx, &slug).await?;
    board_page(&state, &ctx, &loaded, "", None).await
}

/// The review form.
#[derive(Debug, Deserialize, Default)]
#[serde(default)]
pub struct ReviewForm {
    note: String,
}

/// `POST /g/{slug}/projects/follow-up`: « vu cette semaine ».
pub async fn review(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
    CsrfForm(form): CsrfForm<ReviewForm>,
) -> AppResult<Response> {
    let loaded = groups::load(&state, &ctx, &slug).await?;
    let done = app::review(&state.app, &ctx.actor(), &loaded.place(), &form.note).await;
    match essaim_app::or_invalid(done)? {
        Ok(_) => Ok(crate::accounts::redirect_with_flash(
            &state,
            &format!("/g/{slug}/projects/follow-up"),
            "flash-project-reviewed",
        )),
        Err(errors) => board_page(&state, &ctx, &loaded, &form.note, errors.first()).await,
    }
}

/// `POST /g/{slug}/projects/{id}/ask`: asks each holder for news by email.
pub async fn ask(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, id)): Path<(String, i64)>,
    CsrfForm(_): CsrfForm<ReviewForm>,
) -> AppResult<Response> {
    let (loaded, project) = load_project(&state, &ctx, &slug, id).await?;
    if !rules::may_follow_up(&ctx.viewer(), loaded.rules.as_ref()) {
        return Err(crate::error::refuse(&ctx));
    }
    let asker = ctx
        .user
        .as_ref()
        .map(|u| u.name.clone())
        .unwrap_or_default();
    for holder in &project.holders {
        let (key, email) = mail::news_request(&state, &loaded.group, &project, holder, &asker)?;
        app::ask_for_news(
            &state.app,
            &ctx.actor(),
            &loaded.place(),
            &project,
            holder.user_id,
            &essaim_store::hash_token(&key),
            &email,
        )
        .await?;
    }
    Ok(crate::accounts::redirect_with_flash(
        &state,
        &format!("/g/{slug}/projects/follow-up"),
        "flash-project-asked",
    ))
}

/// `GET /g/{slug}/projects/{id}/news/{key}`: the one-field form a holder
/// reaches from the email asking for news, without logging in.
pub async fn keyed_form(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, id, key)): Path<(String, i64, String)>,
) -> AppResult<Response> {
    let (group, project, _) = mail::keyed(&state, &slug, id, &key).await?;
    keyed_page(&state, &ctx, &group, &project, &key, "", None)
}

fn keyed_page(
    state: &AppState,
    ctx: &Ctx,
    group: &essaim_store::groups::Group,
    project: &Project,
    key: &str,
    text: &str,
    error: Option<&Invalid>,
) -> AppResult<Response> {
    let html = state.templates.render(
        "projects/keyed_news.html",
        ctx,
        context! {
            group => group, project => project, key => key, text => text,
            error => error.map(|e| e.key),
        },
    )?;
    Ok((status_of(error.is_some()), html).into_response())
}

/// `POST /g/{slug}/projects/{id}/news/{key}`.
pub async fn keyed_post(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, id, key)): Path<(String, i64, String)>,
    CsrfForm(form): CsrfForm<NewsForm>,
) -> AppResult<Response> {
    let (group, project, request) = mail::keyed(&state, &slug, id, &key).await?;
    let posted =
        mail::post_as_holder(&state, &group, &project, &request, &form.markdown, None).await;
    match essaim_app::or_invalid(posted)? {
        Ok(_) => Ok(crate::accounts::redirect_with_flash(
            &state,
            &project.path(),
            "flash-project-news-thanks",
        )),
        Err(errors) => keyed_page(
            &state,
            &ctx,
            &group,
            &project,
            &key,
            &form.markdown,
            errors.first(),
        ),
    }
}

/// The catalogue's filters.
#[derive(Debug, Deserialize, Default)]
#[serde(default)]
pub struct CatalogueParams {
    keyword: Option<String>,
    region: Option<String>,
    group: Option<String>,
    page: Option<i64>,
}

impl CatalogueParams {
    /// The store's query; a filter that cannot match anything (a keyword
    /// that is no keyword) matches nothing rather than everything.
    fn query(&self) -> CatalogueQuery {
        let clean = |v: &Option<String>| {
            v.as_deref()
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(String::from)
        };
        let keyword =
            clean(&self.keyword).map(|k| normalize_keyword(&k).unwrap_or_else(|_| "/".into()));
        let page = self.page.unwrap_or(1).clamp(1, 1_000);
        CatalogueQuery {
            keyword,
            region: clean(&self.region),
            group: clean(&self.group),
            limit: CATALOGUE_PAGE,
            offset: (page - 1) * CATALOGUE_PAGE,
        }
    }
}

/// `GET /projects`: the projects open to contributors.
pub async fn catalogue(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(params): Query<CatalogueParams>,
) -> AppResult<Response> {
    let query = params.query();
    let projects = app::catalogue(&state.app, &ctx.actor(), &query).await?;
    let keywords = state.store.project_keywords_in_catalogue(30).await?;
    let page = query.offset / CATALOGUE_PAGE + 1;
    let html = state.templates.render(
        "projects/catalogue.html",
        &ctx,
        context! {
            projects => cards(&projects),
            keywords => keywords,
            keyword => params.keyword.unwrap_or_default(),
            region => params.region.unwrap_or_default(),
            group => params.group.unwrap_or_default(),
            page => page,
            more => projects.len() as i64 == CATALOGUE_PAGE,
        },
    )?;
    Ok(html.into_response())
}

/// `GET /projects.atom`: the catalogue's newest projects, public ones.
pub async fn catalogue_feed(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(params): Query<CatalogueParams>,
) -> AppResult<Response> {
    let query = params.query();
    let projects = app::catalogue(&state.app, &essaim_app::Actor::Anonymous, &query).await?;
    let entries: Vec<crate::atom::Entry> = projects
        .iter()
        .map(|p| {
            let link = state.config.absolute(&p.path());
            crate::atom::Entry {
                title: &p.title,
                id: link.clone(),
                link,
                updated: p.updated_at,
                author: &p.group_name,
                summary: Some(&p.summary),
            }
        })
        .collect();
    Ok(crate::atom::response(
        &crate::i18n::t(ctx.lang, "projects-catalogue-title"),
        &state.config.absolute("/projects.atom"),
        &entries,
    ))
}
