//! The shared space: each hosted group's wiki (`/g/{slug}/wiki/…`) and the
//! instance's (`/wiki/…`). Reading, editing with preview and conflict
//! handling, history, differences, restoring, renaming with redirects,
//! access settings, watches, attachments, recent changes, feeds and search.
//!
//! One set of handlers serves both kinds of wiki: the group's short name
//! comes from the path when there is one.

use std::collections::{BTreeMap, HashMap};

use axum::extract::{Multipart, Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use essaim_app::wiki::{Edit, SaveOutcome, Space};
use essaim_domain::wiki::{self as rules, EditAccess, ReadAccess};
use essaim_domain::{markdown, Invalid, Problem};
use essaim_store::wiki::WikiPage;
use minijinja::context;
use serde::Deserialize;

use crate::csrf::{self, CsrfForm};
use crate::ctx::Ctx;
use crate::error::{forbidden, not_found, AppError, AppResult};
use crate::groups::{self, Loaded};
use crate::{images, AppState};

/// Path parameters of wiki routes (`slug` absent for the instance's wiki).
pub type Params = HashMap<String, String>;

/// One wiki as the requester sees it: the application's [`Space`] (who may
/// do what) and the addresses the pages use.
pub struct Wiki {
    /// The group, for a group's wiki.
    pub group: Option<Loaded>,
    /// Group id, or 0 for the instance.
    pub scope: i64,
    /// Path prefix of pages (`/g/{slug}/wiki` or `/wiki`).
    pub base: String,
    /// Path prefix of the wiki's other pages (`/g/{slug}` or ``).
    pub home: String,
    /// Who may read, write and configure it.
    pub space: Space,
}

impl Wiki {
    fn group_id(&self) -> Option<i64> {
        self.space.group_id
    }

    /// A page's effective read access.
    pub fn page_read(&self, page: &WikiPage) -> ReadAccess {
        self.space.page_read(Some(page))
    }

    /// May the requester read this page?
    pub fn may_read(&self, ctx: &Ctx, page: &WikiPage) -> bool {
        self.space.may_read(&ctx.actor(), page)
    }

    /// May the requester edit this page (or create one, with `None`)?
    pub fn may_edit(&self, ctx: &Ctx, page: Option<&WikiPage>) -> bool {
        self.space.may_edit(&ctx.actor(), page)
    }

    /// May the requester change access settings?
    pub fn may_configure(&self, ctx: &Ctx) -> bool {
        self.space.may_configure(&ctx.actor())
    }

    fn context(&self, state: &AppState) -> minijinja::Value {
        context! {
            group => self.group.as_ref().map(|g| &g.group),
            base => self.base,
            home => self.home,
            wiki_name => self.group.as_ref().map(|g| g.group.name.clone()).unwrap_or_else(|| state.config.instance_name.clone()),
        }
    }
}

/// Opens the wiki named by the path.
pub async fn open(state: &AppState, ctx: &Ctx, params: &Params) -> AppResult<Wiki> {
    match params.get("slug") {
        Some(slug) => {
            let loaded = groups::load(state, ctx, slug).await?;
            if !loaded.group.hosted {
                return Err(not_found());
            }
            Ok(Wiki {
                scope: loaded.group.id,
                base: format!("/g/{slug}/wiki"),
                home: format!("/g/{slug}"),
                space: Space::of_group(&loaded.group, loaded.rules.clone()),
                group: Some(loaded),
            })
        }
        None => Ok(Wiki {
            group: None,
            scope: 0,
            base: "/wiki".into(),
            home: String::new(),
            space: Space::instance(),
        }),
    }
}

/// 401 for visitors, 403 for others.
fn refuse(ctx: &Ctx) -> AppError {
    if ctx.user.is_none() {
        Problem::Unauthenticated.into()
    } else {
        forbidden()
    }
}

fn page_param(params: &Params) -> AppResult<String> {
    params.get("page").cloned().ok_or_else(not_found)
}

/// Renders Markdown with `[[wiki links]]` of this wiki.
pub async fn render(state: &AppState, wiki: &Wiki, text: &str) -> AppResult<markdown::Rendered> {
    // A link names a page by its title or by its address.
    let names = state.store.wiki_names(wiki.group_id()).await?;
    // A link by the old name of a renamed page leads to its old address,
    // which redirects (telling the new name only to the page's readers).
    let moved = if text.contains("[[") {
        state.store.wiki_old_slugs(wiki.group_id()).await?
    } else {
        Vec::new()
    };
    let base = wiki.base.clone();
    let resolve = |name: &str| {
        let wanted = rules::page_slug(name);
        names
            .iter()
            .find(|(slug, title)| *slug == wanted || rules::page_slug(title) == wanted)
            .map(|(slug, _)| format!("{base}/{slug}"))
            .or_else(|| moved.contains(&wanted).then(|| format!("{base}/{wanted}")))
    };
    let missing = |name: &str| {
        let slug = rules::page_slug(name);
        let title: String = url::form_urlencoded::byte_serialize(name.as_bytes()).collect();
        format!(
            "{}/{}/edit?title={title}",
            wiki.base,
            if slug.is_empty() { "page".into() } else { slug }
        )
    };
    Ok(markdown::render_with_links(text, &resolve, &missing))
}

// ---------------------------------------------------------------- reading

/// `GET /g/{slug}/wiki`, `GET /wiki`: the wiki's pages and recent changes.
pub async fn index(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(params): Path<Params>,
) -> AppResult<Response> {
    let wiki = open(&state, &ctx, &params).await?;
    index_page(&state, &ctx, &wiki, StatusCode::OK, &[], "").await
}

/// The wiki's front page; `errors` and `typed_title` re-show the new page
/// form after a refused title.
async fn index_page(
    state: &AppState,
    ctx: &Ctx,
    wiki: &Wiki,
    status: StatusCode,
    errors: &[Invalid],
    typed_title: &str,
) -> AppResult<Response> {
    let pages: Vec<WikiPage> = state
        .store
        .wiki_pages(wiki.group_id())
        .await?
        .into_iter()
        .filter(|p| wiki.may_read(ctx, p))
        .collect();
    let changes = readable_changes(state, ctx, Some(wiki.scope), 10).await?;
    let watch = match &ctx.user {
        Some(u) => state.store.watch_of(u.id, wiki.scope, None).await?,
        None => None,
    };
    let now = state.store.now();
    // Who writes a closed wiki is for those who may read it.
    let readable = rules::may_read(
        &ctx.viewer(),
        wiki.space.membership.as_ref(),
        wiki.space.page_read(None),
    );
    let contributors = if readable {
        state
            .store
            .wiki_contributors(wiki.scope, None, now - 30 * 86_400, now + 1)
            .await?
    } else {
        Vec::new()
    };
    let by_field: BTreeMap<&str, &str> = errors.iter().map(|e| (e.field, e.key)).collect();
    let html = state.templates.render(
        "wiki/index.html",
        ctx,
        context! {
            pages => pages, changes => changes, watch => watch, contributors => contributors,
            may_create => wiki.may_edit(ctx, None), may_configure => wiki.may_configure(ctx),
            errors => by_field, new_title => typed_title,
            ..wiki.context(state)
        },
    )?;
    Ok((status, html).into_response())
}

/// `GET …/wiki/{page}`: a page, or a way to create it.
pub async fn view(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(params): Path<Params>,
) -> AppResult<Response> {
    let wiki = open(&state, &ctx, &params).await?;
    let slug = page_param(&params)?;
    let Some(page) = state.store.wiki_page(wiki.group_id(), &slug).await? else {
        if let Some(moved) = state.store.wiki_redirect(wiki.group_id(), &slug).await? {
            // The new address names the page: only its readers learn it.
            if !wiki.may_read(&ctx, &moved) {
                return Err(refuse(&ctx));
            }
            return Ok(
                Redirect::permanent(&format!("{}/{}", wiki.base, moved.slug)).into_response(),
            );
        }
        if wiki.may_edit(&ctx, None) {
            let html = state.templates.render(
                "wiki/missing.html",
                &ctx,
                context! { slug => slug, ..wiki.context(&state) },
            )?;
            return Ok((StatusCode::NOT_FOUND, html).into_response());
        }
        return Err(not_found());
    };
    if !wiki.may_read(&ctx, &page) {
        return Err(refuse(&ctx));
    }
    let rendered = render(&state, &wiki, &page.markdown).await?;
    let attachments = state.store.attachments_of(page.id).await?;
    let watch = match &ctx.user {
        Some(u) => {
            state
                .store
                .watch_of(u.id, wiki.scope, Some(page.id))
                .await?
        }
        None => None,
    };
    let author = match page.updated_by {
        Some(id) => state.store.user_by_id(id).await?.map(|u| u.name),
        None => None,
    };
    let html = state.templates.render(
        "wiki/page.html",
        &ctx,
        context! {
            page => page, html => rendered.html, headings => rendered.headings,
            show_toc => rendered.headings.len() >= 4,
            attachments => attachments, watch => watch, author => author,
            access => wiki.page_read(&page).code(),
            may_edit => wiki.may_edit(&ctx, Some(&page)), may_configure => wiki.may_configure(&ctx),
            ..wiki.context(&state)
        },
    )?;
    Ok(html.into_response())
}

// ---------------------------------------------------------------- editing

/// `?title=` when following a link to a missing page.
#[derive(Debug, Deserialize, Default)]
#[serde(default)]
pub struct TitleQuery {
    title: String,
}

/// `GET …/wiki/{page}/edit`.
pub async fn edit_form(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(params): Path<Params>,
    Query(query): Query<TitleQuery>,
) -> AppResult<Response> {
    let wiki = open(&state, &ctx, &params).await?;
    let slug = page_param(&params)?;
    let page = state.store.wiki_page(wiki.group_id(), &slug).await?;
    if page.is_none() && query.title.trim().is_empty() {
        // The old address of a renamed page (a bookmark): its editor. A new
        // page may still take that address (its title then comes along).
        if let Some(moved) = state.store.wiki_redirect(wiki.group_id(), &slug).await? {
            if !wiki.may_read(&ctx, &moved) {
                return Err(refuse(&ctx));
            }
            return Ok(Redirect::to(&format!("{}/{}/edit", wiki.base, moved.slug)).into_response());
        }
    }
    if !wiki.may_edit(&ctx, page.as_ref()) {
        return Err(refuse(&ctx));
    }
    let values = match &page {
        Some(p) => {
            context! { title => p.title, markdown => p.markdown, base_revision => p.revision, summary => "" }
        }
        None => {
            let title = if query.title.trim().is_empty() {
                slug.replace('-', " ")
            } else {
                query.title.clone()
            };
            context! { title => title, markdown => "", base_revision => 0, summary => "" }
        }
    };
    edit_page(
        &state,
        &ctx,
        &wiki,
        &slug,
        page.as_ref(),
        values,
        &[],
        None,
        StatusCode::OK,
    )
}

#[allow(clippy::too_many_arguments)]
fn edit_page(
    state: &AppState,
    ctx: &Ctx,
    wiki: &Wiki,
    slug: &str,
    page: Option<&WikiPage>,
    values: minijinja::Value,
    errors: &[Invalid],
    preview: Option<String>,
    status: StatusCode,
) -> AppResult<Response> {
    let by_field: BTreeMap<&str, &str> = errors.iter().map(|e| (e.field, e.key)).collect();
    let html = state.templates.render(
        "wiki/edit.html",
        ctx,
        context! {
            slug => slug, page => page, values => values, errors => by_field, error_list => errors,
            preview => preview, ..wiki.context(state)
        },
    )?;
    Ok((status, html).into_response())
}

/// The edit form.
#[derive(Debug, Deserialize, Default)]
#[serde(default)]
pub struct EditForm {
    title: String,
    markdown: String,
    summary: String,
    base_revision: i64,
    action: String,
}

/// `POST …/wiki/{page}/edit`: preview or save.
pub async fn edit(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(params): Path<Params>,
    CsrfForm(form): CsrfForm<EditForm>,
) -> AppResult<Response> {
    let wiki = open(&state, &ctx, &params).await?;
    let slug = page_param(&params)?;
    let mut page = state.store.wiki_page(wiki.group_id(), &slug).await?;
    if page.is_none() && form.base_revision > 0 {
        // A form opened before the page was renamed edits that page, not a
        // new one at the old address: the rename made a new version, so the
        // editor sees both and chooses.
        page = state.store.wiki_redirect(wiki.group_id(), &slug).await?;
    }
    let values = context! {
        title => form.title, markdown => form.markdown, summary => form.summary, base_revision => form.base_revision,
    };
    if form.action == "preview" {
        if !wiki.may_edit(&ctx, page.as_ref()) {
            return Err(refuse(&ctx));
        }
        let preview = render(&state, &wiki, &form.markdown).await?.html;
        return edit_page(
            &state,
            &ctx,
            &wiki,
            &slug,
            page.as_ref(),
            values,
            &[],
            Some(preview),
            StatusCode::OK,
        );
    }
    let edit = Edit {
        title: &form.title,
        text: &form.markdown,
        summary: &form.summary,
        base_revision: form.base_revision,
    };
    match essaim_app::wiki::save(&state.app, &ctx.actor(), &wiki.space, page.as_ref(), edit).await?
    {
        SaveOutcome::Saved { slug, .. } => Ok(crate::accounts::redirect_with_flash(
            &state,
            &format!("{}/{slug}", wiki.base),
            "flash-page-saved",
        )),
        SaveOutcome::Invalid(errors) => edit_page(
            &state,
            &ctx,
            &wiki,
            &slug,
            page.as_ref(),
            values,
            &errors,
            None,
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        SaveOutcome::Conflict(current) => {
            // Nothing is lost: both versions and their difference are shown.
            let diff = rules::word_diff(&current.markdown, &form.markdown);
            let author = match current.updated_by {
                Some(id) => state.store.user_by_id(id).await?.map(|u| u.name),
                None => None,
            };
            let html = state.templates.render(
                "wiki/conflict.html",
                &ctx,
                context! {
                    slug => slug, current => current, mine => values, diff => diff, author => author,
                    ..wiki.context(&state)
                },
            )?;
            Ok((StatusCode::CONFLICT, html).into_response())
        }
    }
}

/// `POST /g/{slug}/wiki-new`, `/wiki-new`: a new page from its title.
pub async fn new_page(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(params): Path<Params>,
    CsrfForm(form): CsrfForm<TitleQuery>,
) -> AppResult<Response> {
    let wiki = open(&state, &ctx, &params).await?;
    if !wiki.may_edit(&ctx, None) {
        return Err(refuse(&ctx));
    }
    let refused = |key: &'static str| Invalid::new("title", key);
    let title = match rules::normalize_title(&form.title) {
        Ok(title) => title,
        Err(e) => {
            let status = StatusCode::UNPROCESSABLE_ENTITY;
            return index_page(&state, &ctx, &wiki, status, &[e], &form.title).await;
        }
    };
    let slug = rules::page_slug(&title);
    // A title giving the address of an existing page would open that page's
    // editor as if it were new: say so, keeping what was typed.
    if state
        .store
        .wiki_page(wiki.group_id(), &slug)
        .await?
        .is_some()
    {
        let errors = [refused("error-page-title-taken")];
        let status = StatusCode::UNPROCESSABLE_ENTITY;
        return index_page(&state, &ctx, &wiki, status, &errors, &form.title).await;
    }
    let title_q: String = url::form_urlencoded::byte_serialize(title.as_bytes()).collect();
    Ok(Redirect::to(&format!("{}/{slug}/edit?title={title_q}", wiki.base)).into_response())
}

// ---------------------------------------------------------------- history

async fn readable_page(
    state: &AppState,
    ctx: &Ctx,
    wiki: &Wiki,
    params: &Params,
) -> AppResult<WikiPage> {
    let slug = page_param(params)?;
    let page = match state.store.wiki_page(wiki.group_id(), &slug).await? {
        Some(page) => page,
        // The old address of a renamed page (a link in an email or a feed,
        // a form opened before the rename) still reaches it.
        None => state
            .store
            .wiki_redirect(wiki.group_id(), &slug)
            .await?
            .ok_or_else(not_found)?,
    };
    if !wiki.may_read(ctx, &page) {
        return Err(refuse(ctx));
    }
    Ok(page)
}

/// `GET …/wiki/{page}/history`.
pub async fn history(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(params): Path<Params>,
) -> AppResult<Response> {
    let wiki = open(&state, &ctx, &params).await?;
    let page = readable_page(&state, &ctx, &wiki, &params).await?;
    let revisions = state.store.wiki_revisions(page.id).await?;
    let contributors = state
        .store
        .wiki_contributors(wiki.scope, Some(page.id), 0, i64::MAX)
        .await?;
    let html = state.templates.render(
        "wiki/history.html",
        &ctx,
        context! {
            page => page, revisions => revisions, contributors => contributors,
            may_edit => wiki.may_edit(&ctx, Some(&page)), ..wiki.context(&state)
        },
    )?;
    Ok(html.into_response())
}

/// `?from=&to=` of the comparison.
#[derive(Debug, Deserialize, Default)]
pub struct DiffQuery {
    from: Option<i64>,
    to: Option<i64>,
}

/// `GET …/wiki/{page}/diff?from=N&to=M`.
pub async fn diff(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(params): Path<Params>,
    Query(query): Query<DiffQuery>,
) -> AppResult<Response> {
    let wiki = open(&state, &ctx, &params).await?;
    let page = readable_page(&state, &ctx, &wiki, &params).await?;
    let to_n = query.to.unwrap_or(page.revision);
    // The first version has nothing before it: feeds and emails link to
    // `diff?to=1` for a new page, which shows that version itself.
    if query.from.is_none() && to_n == 1 {
        return Ok(
            Redirect::to(&format!("{}/{}/revisions/1", wiki.base, page.slug)).into_response(),
        );
    }
    let from_n = query.from.unwrap_or(to_n - 1);
    let (Some(from), Some(to)) = (
        state.store.wiki_revision(page.id, from_n).await?,
        state.store.wiki_revision(page.id, to_n).await?,
    ) else {
        return Err(Problem::Invalid(vec![Invalid::new("from", "error-revision-unknown")]).into());
    };
    let parts = rules::word_diff(&from.markdown, &to.markdown);
    let title_changed = from.title != to.title;
    let html = state.templates.render(
        "wiki/diff.html",
        &ctx,
        context! { page => page, from => from, to => to, parts => parts, title_changed => title_changed, ..wiki.context(&state) },
    )?;
    Ok(html.into_response())
}

/// `GET …/wiki/{page}/revisions/{n}`: an old version.
pub async fn revision(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(params): Path<Params>,
) -> AppResult<Response> {
    let wiki = open(&state, &ctx, &params).await?;
    let page = readable_page(&state, &ctx, &wiki, &params).await?;
    let n: i64 = params
        .get("n")
        .and_then(|n| n.parse().ok())
        .ok_or_else(not_found)?;
    let rev = state
        .store
        .wiki_revision(page.id, n)
        .await?
        .ok_or_else(not_found)?;
    let rendered = render(&state, &wiki, &rev.markdown).await?;
    let html = state.templates.render(
        "wiki/revision.html",
        &ctx,
        context! {
            page => page, rev => rev, html => rendered.html,
            may_edit => wiki.may_edit(&ctx, Some(&page)), ..wiki.context(&state)
        },
    )?;
    Ok(html.into_response())
}

/// `POST …/wiki/{page}/restore/{n}`: an old version becomes the newest.
pub async fn restore(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(params): Path<Params>,
    CsrfForm(_): CsrfForm<crate::accounts::Empty>,
) -> AppResult<Response> {
    let wiki = open(&state, &ctx, &params).await?;
    let page = readable_page(&state, &ctx, &wiki, &params).await?;
    let n: i64 = params
        .get("n")
        .and_then(|n| n.parse().ok())
        .ok_or_else(not_found)?;
    let summary = crate::i18n::t_args(ctx.lang, "wiki-restored-summary", &[("n", n.to_string())]);
    match essaim_app::wiki::restore(&state.app, &ctx.actor(), &wiki.space, &page, n, &summary)
        .await?
    {
        SaveOutcome::Saved { slug, .. } => Ok(crate::accounts::redirect_with_flash(
            &state,
            &format!("{}/{slug}", wiki.base),
            "flash-page-restored",
        )),
        SaveOutcome::Invalid(errors) => Err(Problem::Invalid(errors).into()),
        SaveOutcome::Conflict(_) => {
            Err(Problem::Invalid(vec![Invalid::new("revision", "error-page-changed")]).into())
        }
    }
}

// ---------------------------------------------------------------- settings

/// The access form.
#[derive(Debug, Deserialize, Default)]
#[serde(default)]
pub struct AccessForm {
    read: String,
    edit: String,
}

fn parse_access(
    form: &AccessForm,
    allow_inherit: bool,
) -> AppResult<(Option<ReadAccess>, Option<EditAccess>)> {
    let read =
        match form.read.as_str() {
            "" | "inherit" if allow_inherit => None,
            code => Some(ReadAccess::from_code(code).ok_or_else(|| {
                Problem::Invalid(vec![Invalid::new("read", "error-choice-unknown")])
            })?),
        };
    let edit =
        match form.edit.as_str() {
            "" | "inherit" if allow_inherit => None,
            code => Some(EditAccess::from_code(code).ok_or_else(|| {
                Problem::Invalid(vec![Invalid::new("edit", "error-choice-unknown")])
            })?),
        };
    Ok((read, edit))
}

/// `GET …/wiki/{page}/settings`.
pub async fn page_settings(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(params): Path<Params>,
) -> AppResult<Response> {
    let wiki = open(&state, &ctx, &params).await?;
    let page = readable_page(&state, &ctx, &wiki, &params).await?;
    if !wiki.may_configure(&ctx) || wiki.group.is_none() {
        return Err(refuse(&ctx));
    }
    let html = state.templates.render(
        "wiki/settings.html",
        &ctx,
        context! {
            page => page, read => page.read_access.code().unwrap_or("inherit"),
            edit => page.edit_access.code().unwrap_or("inherit"),
            reads => ReadAccess::ALL.iter().map(|a| a.code()).collect::<Vec<_>>(),
            edits => EditAccess::ALL.iter().map(|a| a.code()).collect::<Vec<_>>(),
            ..wiki.context(&state)
        },
    )?;
    Ok(html.into_response())
}

/// `POST …/wiki/{page}/settings`.
pub async fn save_page_settings(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(params): Path<Params>,
    CsrfForm(form): CsrfForm<AccessForm>,
) -> AppResult<Response> {
    let wiki = open(&state, &ctx, &params).await?;
    let page = readable_page(&state, &ctx, &wiki, &params).await?;
    if !wiki.may_configure(&ctx) || wiki.group.is_none() {
        return Err(refuse(&ctx));
    }
    let (read, edit) = parse_access(&form, true)?;
    state
        .store
        .set_page_access(page.id, read.map(|r| r.code()), edit.map(|e| e.code()))
        .await?;
    Ok(crate::accounts::redirect_with_flash(
        &state,
        &format!("{}/{}", wiki.base, page.slug),
        "flash-settings-saved",
    ))
}

/// `GET /g/{slug}/wiki-settings`.
pub async fn wiki_settings(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(params): Path<Params>,
) -> AppResult<Response> {
    let wiki = open(&state, &ctx, &params).await?;
    if !wiki.may_configure(&ctx) || wiki.group.is_none() {
        return Err(refuse(&ctx));
    }
    let html = state.templates.render(
        "wiki/settings.html",
        &ctx,
        context! {
            read => wiki.space.read.code(), edit => wiki.space.edit.code(),
            reads => ReadAccess::ALL.iter().map(|a| a.code()).collect::<Vec<_>>(),
            edits => EditAccess::ALL.iter().map(|a| a.code()).collect::<Vec<_>>(),
            ..wiki.context(&state)
        },
    )?;
    Ok(html.into_response())
}

/// `POST /g/{slug}/wiki-settings`.
pub async fn save_wiki_settings(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(params): Path<Params>,
    CsrfForm(form): CsrfForm<AccessForm>,
) -> AppResult<Response> {
    let wiki = open(&state, &ctx, &params).await?;
    if !wiki.may_configure(&ctx) || wiki.group.is_none() {
        return Err(refuse(&ctx));
    }
    let (read, edit) = parse_access(&form, false)?;
    state
        .store
        .set_wiki_access(
            wiki.scope,
            read.unwrap_or_default().code(),
            edit.unwrap_or_default().code(),
        )
        .await?;
    Ok(crate::accounts::redirect_with_flash(
        &state,
        &wiki.base,
        "flash-settings-saved",
    ))
}

// ---------------------------------------------------------------- watches

/// The watch form.
#[derive(Debug, Deserialize, Default)]
#[serde(default)]
pub struct WatchForm {
    mode: String,
    page: String,
}

/// `POST /g/{slug}/wiki-watch`, `/wiki-watch`: watch a page (`page` given)
/// or the whole wiki; `mode` is `immediate`, `daily` or `stop`.
pub async fn watch(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(params): Path<Params>,
    CsrfForm(form): CsrfForm<WatchForm>,
) -> AppResult<Response> {
    let wiki = open(&state, &ctx, &params).await?;
    let user = ctx.user.as_ref().ok_or(Problem::Unauthenticated)?;
    let page = if form.page.is_empty() {
        None
    } else {
        let page = state
            .store
            .wiki_page(wiki.group_id(), &form.page)
            .await?
            .ok_or_else(not_found)?;
        if !wiki.may_read(&ctx, &page) {
            return Err(refuse(&ctx));
        }
        Some(page)
    };
    let back = match &page {
        Some(p) => format!("{}/{}", wiki.base, p.slug),
        None => wiki.base.clone(),
    };
    match form.mode.as_str() {
        "immediate" | "daily" => {
            state
                .store
                .watch(user.id, wiki.scope, page.as_ref().map(|p| p.id), &form.mode)
                .await?;
            Ok(crate::accounts::redirect_with_flash(
                &state,
                &back,
                "flash-watching",
            ))
        }
        "stop" => {
            if let Some(w) = state
                .store
                .watch_of(user.id, wiki.scope, page.as_ref().map(|p| p.id))
                .await?
            {
                state.store.stop_watch(&w.stop_token).await?;
            }
            Ok(crate::accounts::redirect_with_flash(
                &state,
                &back,
                "flash-watch-stopped",
            ))
        }
        _ => Err(Problem::Invalid(vec![Invalid::new("mode", "error-choice-unknown")]).into()),
    }
}

/// `GET /watch/stop/{token}`: the one-click stop link of watch emails; also
/// `POST`, as mail programs send it (RFC 8058), without an anti-forgery key:
/// the link's secret is the proof.
pub async fn stop_watch(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(token): Path<String>,
) -> AppResult<Response> {
    let stopped = state.store.stop_watch(&token).await?;
    let html = state.templates.render(
        "wiki/stopped.html",
        &ctx,
        context! { stopped => stopped.is_some() },
    )?;
    Ok(html.into_response())
}

/// `GET` (or `POST`, as for [`stop_watch`]) `/watch/stop-daily/{user}/{signature}`:
/// stops every daily summary.
pub async fn stop_daily(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((user_id, signature)): Path<(i64, String)>,
) -> AppResult<Response> {
    let valid = essaim_app::signing::verify(
        &state.app.secret,
        &crate::jobs::daily_stop_message(user_id),
        &signature,
    );
    if valid {
        state.store.stop_daily_watches(user_id).await?;
    }
    let html = state
        .templates
        .render("wiki/stopped.html", &ctx, context! { stopped => valid })?;
    Ok(html.into_response())
}

// ---------------------------------------------------------------- recent changes and feeds

/// Recent changes the requester may read (a wiki's, or every wiki's).
pub async fn readable_changes(
    state: &AppState,
    ctx: &Ctx,
    scope: Option<i64>,
    limit: i64,
) -> AppResult<Vec<essaim_store::wiki::Change>> {
    Ok(essaim_app::wiki::recent_changes(&state.app, &ctx.actor(), scope, limit).await?)
}

/// `GET /g/{slug}/changes`, `GET /changes`.
pub async fn changes(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(params): Path<Params>,
) -> AppResult<Response> {
    let (scope, wiki) = match params.get("slug") {
        Some(_) => {
            let wiki = open(&state, &ctx, &params).await?;
            (Some(wiki.scope), Some(wiki))
        }
        None => (None, None),
    };
    let changes = readable_changes(&state, &ctx, scope, 100).await?;
    let extra = match &wiki {
        Some(w) => w.context(&state),
        None => context! { base => "/wiki", home => "", wiki_name => state.config.instance_name },
    };
    let feed = match &wiki {
        Some(w) => format!("{}/changes.atom", w.home),
        None => "/changes.atom".into(),
    };
    let html = state.templates.render(
        "wiki/changes.html",
        &ctx,
        context! { changes => changes, feed => feed, ..extra },
    )?;
    Ok(html.into_response())
}

/// `GET /g/{slug}/changes.atom`, `GET /changes.atom`: an Atom feed of the
/// recent changes visible to the requester (feeds readers are anonymous).
pub async fn changes_feed(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(params): Path<Params>,
) -> AppResult<Response> {
    let (scope, title, self_path) = match params.get("slug") {
        Some(slug) => {
            let wiki = open(&state, &ctx, &params).await?;
            let name = wiki
                .group
                .as_ref()
                .map(|g| g.group.name.clone())
                .unwrap_or_default();
            (Some(wiki.scope), name, format!("/g/{slug}/changes.atom"))
        }
        None => (
            None,
            state.config.instance_name.clone(),
            "/changes.atom".to_string(),
        ),
    };
    let changes = readable_changes(&state, &ctx, scope, 50).await?;
    let entries: Vec<crate::atom::Entry> = changes
        .iter()
        .map(|c| {
            let path = essaim_store::wiki::page_path(
                (!c.group_slug.is_empty()).then_some(c.group_slug.as_str()),
                &c.page_slug,
            );
            crate::atom::Entry {
                title: &c.title,
                id: state
                    .config
                    .absolute(&format!("{path}/revisions/{}", c.number)),
                link: state
                    .config
                    .absolute(&format!("{path}/diff?to={}", c.number)),
                updated: c.created_at,
                author: c.author_name.as_deref().unwrap_or("—"),
                summary: Some(&c.summary),
            }
        })
        .collect();
    Ok(crate::atom::response(
        &crate::i18n::t_args(ctx.lang, "feed-title", &[("name", title)]),
        &state.config.absolute(&self_path),
        &entries,
    ))
}

// ---------------------------------------------------------------- attachments

/// Largest attached file.
pub const ATTACHMENT_MAX: usize = 10 * 1024 * 1024;

/// What kind of file an upload is, from its content (never its name alone).
pub(crate) fn file_type(name: &str, bytes: &[u8]) -> Option<(&'static str, bool)> {
    if let Some(kind) = images::sniff(bytes) {
        return Some((kind.mime(), true));
    }
    if bytes.starts_with(b"%PDF-") {
        return Some(("application/pdf", false));
    }
    let ext = name.rsplit('.').next().unwrap_or("").to_ascii_lowercase();
    if bytes.starts_with(b"PK\x03\x04") {
        let mime = match ext.as_str() {
            "odt" => "application/vnd.oasis.opendocument.text",
            "ods" => "application/vnd.oasis.opendocument.spreadsheet",
            "odp" => "application/vnd.oasis.opendocument.presentation",
            "docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "pptx" => "application/vnd.openxmlformats-officedocument.presentationml.presentation",
            _ => return None,
        };
        return Some((mime, false));
    }
    let text_like = matches!(ext.as_str(), "txt" | "md" | "csv");
    if text_like && std::str::from_utf8(bytes).is_ok() && !bytes.contains(&0) {
        return Some(if ext == "csv" {
            ("text/csv", false)
        } else {
            ("text/plain", false)
        });
    }
    None
}

/// A file name safe to keep and show.
pub(crate) fn clean_name(raw: &str) -> String {
    let base = raw.rsplit(['/', '\\']).next().unwrap_or("");
    let cleaned: String = base
        .chars()
        .filter(|c| !c.is_control() && !matches!(c, '"' | '<' | '>' | ';'))
        .take(120)
        .collect();
    if cleaned.trim().is_empty() {
        "fichier".into()
    } else {
        cleaned.trim().to_string()
    }
}

/// `POST …/wiki/{page}/files`: attach a file.
pub async fn upload(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(params): Path<Params>,
    mut multipart: Multipart,
) -> AppResult<Response> {
    let wiki = open(&state, &ctx, &params).await?;
    let page = readable_page(&state, &ctx, &wiki, &params).await?;
    if !wiki.may_edit(&ctx, Some(&page)) {
        return Err(refuse(&ctx));
    }
    let user = ctx.user.as_ref().ok_or(Problem::Unauthenticated)?;
    let mut token = None;
    let mut file: Option<(String, Vec<u8>)> = None;
    while let Some(field) = multipart
        .next_field()
        .await
        .map_err(|e| AppError::Status(e.status()))?
    {
        match field.name() {
            Some(csrf::FIELD) => {
                token = Some(
                    field
                        .text()
                        .await
                        .map_err(|e| AppError::Status(e.status()))?,
                )
            }
            Some("file") => {
                let name = clean_name(field.file_name().unwrap_or(""));
                let bytes = field
                    .bytes()
                    .await
                    .map_err(|e| AppError::Status(e.status()))?;
                file = Some((name, bytes.to_vec()));
            }
            _ => {}
        }
    }
    csrf::verify(&ctx, token.as_deref())?;
    let invalid = |key: &'static str| -> AppError {
        Problem::Invalid(vec![Invalid::new("file", key)]).into()
    };
    let Some((name, bytes)) = file.filter(|(_, b)| !b.is_empty()) else {
        return Err(invalid("error-file-missing"));
    };
    if bytes.len() > ATTACHMENT_MAX {
        return Err(invalid("error-file-too-large"));
    }
    let (content_type, is_image) =
        file_type(&name, &bytes).ok_or_else(|| invalid("error-file-type"))?;
    let thumb = if is_image {
        let copy = bytes.clone();
        let made = tokio::task::spawn_blocking(move || images::thumbnail(&copy))
            .await
            .map_err(|e| AppError::Internal(e.into()))?;
        Some(made.map_err(|e| invalid(e.key()))?)
    } else {
        None
    };
    let stored_as = format!("{}-{}", page.id, essaim_store::random_token(12));
    let dir = state.config.data_dir.join("attachments");
    write(dir.join(&stored_as), bytes.clone()).await?;
    if let Some(t) = &thumb {
        write(dir.join(format!("{stored_as}-thumb.jpg")), t.clone()).await?;
    }
    let attachment = essaim_store::wiki::Attachment {
        id: 0,
        page_id: page.id,
        name,
        content_type: content_type.to_string(),
        size: bytes.len() as i64,
        stored_as,
        has_thumbnail: thumb.is_some(),
        created_at: 0,
    };
    state
        .store
        .add_attachment(page.id, &attachment, user.id)
        .await?;
    Ok(crate::accounts::redirect_with_flash(
        &state,
        &format!("{}/{}", wiki.base, page.slug),
        "flash-file-added",
    ))
}

async fn write(path: std::path::PathBuf, bytes: Vec<u8>) -> AppResult<()> {
    if let Some(dir) = path.parent() {
        tokio::fs::create_dir_all(dir)
            .await
            .map_err(|e| AppError::Internal(e.into()))?;
    }
    let tmp = path.with_extension("part");
    tokio::fs::write(&tmp, bytes)
        .await
        .map_err(|e| AppError::Internal(e.into()))?;
    tokio::fs::rename(&tmp, &path)
        .await
        .map_err(|e| AppError::Internal(e.into()))?;
    Ok(())
}

/// `GET …/wiki/{page}/files/{id}/{name}` (and `…/thumb` for images): a file,
/// readable by whoever may read its page.
pub async fn file(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(params): Path<Params>,
) -> AppResult<Response> {
    let wiki = open(&state, &ctx, &params).await?;
    let id: i64 = params
        .get("id")
        .and_then(|v| v.parse().ok())
        .ok_or_else(not_found)?;
    let slug = page_param(&params)?;
    if state
        .store
        .wiki_page(wiki.group_id(), &slug)
        .await?
        .is_none()
    {
        // A renamed page's files keep their old address too (pictures put
        // in the text, links in emails), for those who may read the page.
        let moved = state
            .store
            .wiki_redirect(wiki.group_id(), &slug)
            .await?
            .ok_or_else(not_found)?;
        if !wiki.may_read(&ctx, &moved) {
            return Err(refuse(&ctx));
        }
        let name: String = url::form_urlencoded::byte_serialize(
            params.get("name").map(String::as_bytes).unwrap_or_default(),
        )
        .collect::<String>()
        .replace('+', "%20");
        let to = format!("{}/{}/files/{id}/{name}", wiki.base, moved.slug);
        return Ok(Redirect::permanent(&to).into_response());
    }
    let page = readable_page(&state, &ctx, &wiki, &params).await?;
    let attachment = state
        .store
        .attachment(id)
        .await?
        .filter(|a| a.page_id == page.id)
        .ok_or_else(not_found)?;
    let thumb = params.get("name").map(String::as_str) == Some("thumb");
    crate::uploads::serve_attachment(
        &state.config.data_dir,
        &attachment.stored_as,
        &attachment.content_type,
        &attachment.name,
        thumb && attachment.has_thumbnail,
    )
    .await
}

/// The pages of a group's wiki the requester may read (the group page lists them).
pub async fn readable_pages(
    state: &AppState,
    ctx: &Ctx,
    loaded: &Loaded,
) -> AppResult<Vec<WikiPage>> {
    if !loaded.group.hosted {
        return Ok(Vec::new());
    }
    let mut params = Params::new();
    params.insert("slug".into(), loaded.group.slug.clone());
    let wiki = open(state, ctx, &params).await?;
    Ok(state
        .store
        .wiki_pages(Some(wiki.scope))
        .await?
        .into_iter()
        .filter(|p| wiki.may_read(ctx, p))
        .collect())
}
