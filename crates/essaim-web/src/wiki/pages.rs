//! Reading, writing and the history of a page: the page, its editor with
//! preview and conflicts, a new page from its title, its history, the
//! difference of two versions, an old version and restoring it.

use std::collections::BTreeMap;

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use essaim_app::wiki::{Edit, SaveOutcome};
use essaim_domain::wiki::{self as rules};
use essaim_domain::{Invalid, Problem};
use essaim_store::wiki::WikiPage;
use minijinja::context;
use serde::Deserialize;

use crate::csrf::CsrfForm;
use crate::ctx::Ctx;
use crate::error::{not_found, AppResult};
use crate::AppState;

use super::{open, page_param, readable_changes, readable_page, refuse, render, Params, Wiki};

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
    let changes = readable_changes(state, ctx, Some(wiki.scope()), 10).await?;
    let watch = match &ctx.user {
        Some(u) => state.store.watch_of(u.id, wiki.scope(), None).await?,
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
            .wiki_contributors(wiki.scope(), None, now - 30 * 86_400, now + 1)
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
                .watch_of(u.id, wiki.scope(), Some(page.id))
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
        .wiki_contributors(wiki.scope(), Some(page.id), 0, i64::MAX)
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
