//! Resources' pages: a group's resources (`/g/{slug}/resources`, with the
//! form that adds one and the group's default license), one resource, its
//! form, its file, and the instance's catalogue (`/resources`, filtered by
//! keyword, type and group, with its Atom feed `/resources.atom`).
//!
//! Who sees what is `essaim_domain::resources`'s rule, asked through
//! `essaim_app::resources`.

use std::collections::BTreeMap;

use axum::extract::{Multipart, Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use essaim_app::resources as app;
use essaim_domain::groups::{normalize_keyword, License};
use essaim_domain::i18n::Lang;
use essaim_domain::markdown;
use essaim_domain::resources::{license_choice, Category, ResourceForm, ResourceKind};
use essaim_domain::visibility::Visibility;
use essaim_domain::Invalid;
use essaim_store::resources::{CatalogueQuery, Resource, StoredFile};
use minijinja::context;
use serde::{Deserialize, Serialize};

use crate::csrf::{self, CsrfForm};
use crate::ctx::Ctx;
use crate::error::{not_found, AppError, AppResult};
use crate::groups::{self, Loaded};
use crate::i18n::{format_date, t};
use crate::polls::field;
use crate::{uploads, AppState};

/// Resources per page of a list or of the catalogue.
pub(crate) const PAGE_ITEMS: i64 = 30;
/// How many resources the feed holds.
const FEED_ITEMS: i64 = 30;

/// 422 for a form shown again because something was refused, 200 otherwise.
fn status_of(refused: bool) -> StatusCode {
    if refused {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    }
}

/// The translation key of a type's name.
pub(crate) fn category_key(c: Category) -> &'static str {
    match c {
        Category::Guide => "resource-type-guide",
        Category::Template => "resource-type-template",
        Category::Tool => "resource-type-tool",
        Category::Training => "resource-type-training",
        Category::Video => "resource-type-video",
        Category::Other => "resource-type-other",
    }
}

/// The translation key of a kind's name.
fn kind_key(k: ResourceKind) -> &'static str {
    match k {
        ResourceKind::Link => "resource-kind-link",
        ResourceKind::File => "resource-kind-file",
        ResourceKind::Page => "resource-kind-page",
    }
}

/// A choice of a form: its code and its name in the reader's language.
#[derive(Debug, Serialize)]
struct Choice {
    code: &'static str,
    label: String,
}

fn categories(lang: Lang) -> Vec<Choice> {
    Category::ALL
        .iter()
        .map(|c| Choice {
            code: c.code(),
            label: t(lang, category_key(*c)),
        })
        .collect()
}

fn kinds(lang: Lang) -> Vec<Choice> {
    ResourceKind::ALL
        .iter()
        .map(|k| Choice {
            code: k.code(),
            label: t(lang, kind_key(*k)),
        })
        .collect()
}

fn licenses(lang: Lang) -> Vec<Choice> {
    License::ALL
        .iter()
        .map(|l| Choice {
            code: l.code(),
            label: l
                .label()
                .map(String::from)
                .unwrap_or_else(|| t(lang, "license-other")),
        })
        .collect()
}

fn visibilities(lang: Lang) -> Vec<Choice> {
    Visibility::ALL
        .iter()
        .map(|v| Choice {
            code: v.code(),
            label: t(
                lang,
                match v {
                    Visibility::Public => "resource-visibility-public",
                    Visibility::Members => "resource-visibility-members",
                },
            ),
        })
        .collect()
}

/// A resource ready for templates.
#[derive(Debug, Serialize)]
pub struct ResourceView<'a> {
    /// The stored resource.
    #[serde(flatten)]
    resource: &'a Resource,
    /// Its page.
    path: String,
    /// Where it leads.
    target: String,
    /// Its description as safe HTML.
    html: String,
    /// Its description in a line.
    excerpt: String,
    /// Its type's name.
    category_label: String,
    /// Its kind's name.
    kind_label: String,
    /// The license it carries.
    license_name: String,
    /// Its date in words.
    date: String,
    /// Members only.
    members_only: bool,
}

fn views<'a>(state: &AppState, lang: Lang, list: &'a [Resource]) -> Vec<ResourceView<'a>> {
    list.iter().map(|r| view(state, lang, r)).collect()
}

fn view<'a>(state: &AppState, lang: Lang, r: &'a Resource) -> ResourceView<'a> {
    ResourceView {
        path: r.path(),
        target: r.target(),
        html: markdown::render(&r.description),
        excerpt: markdown::render_inline_text(&r.description, 300),
        category_label: t(lang, category_key(r.category)),
        kind_label: t(lang, kind_key(r.kind)),
        license_name: r.license_name().to_string(),
        date: format_date(lang, state.config.timezone, r.updated_at),
        members_only: r.visibility == Visibility::Members,
        resource: r,
    }
}

/// A group's resource, seen by the requester.
async fn load_resource(
    state: &AppState,
    ctx: &Ctx,
    slug: &str,
    id: i64,
) -> AppResult<(Loaded, Resource)> {
    let loaded = groups::load_hosted(state, ctx, slug).await?;
    let resource = state.store.resource(id).await?.ok_or_else(not_found)?;
    app::seen(&ctx.actor(), &loaded.place(), &resource)?;
    Ok((loaded, resource))
}

/// The resource form's values, with the choices a new form starts from
/// (the template compares them as typed).
fn with_defaults(mut values: BTreeMap<String, String>) -> BTreeMap<String, String> {
    for (name, default) in [
        ("category", Category::default().code()),
        ("kind", ResourceKind::default().code()),
        ("visibility", Visibility::Public.code()),
        ("license", ""),
        ("license_other", ""),
        ("title", ""),
        ("description", ""),
        ("url", ""),
        ("page", ""),
        ("keywords", ""),
    ] {
        values
            .entry(name.to_string())
            .or_insert_with(|| default.to_string());
    }
    values
}

fn form_of(pairs: &[(String, String)]) -> ResourceForm {
    ResourceForm {
        title: field(pairs, "title").into(),
        description: field(pairs, "description").into(),
        category: field(pairs, "category").into(),
        kind: field(pairs, "kind").into(),
        url: field(pairs, "url").into(),
        page: field(pairs, "page").into(),
        keywords: field(pairs, "keywords").into(),
        license: field(pairs, "license").into(),
        license_other: field(pairs, "license_other").into(),
        visibility: field(pairs, "visibility").into(),
    }
}

fn values_of_pairs(pairs: &[(String, String)]) -> BTreeMap<String, String> {
    pairs
        .iter()
        .filter(|(k, _)| k != csrf::FIELD)
        .cloned()
        .collect()
}

/// What the group's resources page shows besides its list: the adding
/// form's values and the refusals of the form sent.
#[derive(Debug, Default)]
struct Forms<'a> {
    values: BTreeMap<String, String>,
    errors: &'a [Invalid],
}

/// A list's page number (`?page=`, from 1).
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct PageParams {
    page: Option<i64>,
}

async fn index_page(
    state: &AppState,
    ctx: &Ctx,
    loaded: &Loaded,
    page: i64,
    forms: Forms<'_>,
) -> AppResult<Response> {
    let actor = ctx.actor();
    let place = loaded.place();
    let list = app::of_group(
        &state.app,
        &actor,
        &place,
        PAGE_ITEMS,
        (page - 1) * PAGE_ITEMS,
    )
    .await?;
    let by_field: BTreeMap<&str, &str> = forms.errors.iter().map(|e| (e.field, e.key)).collect();
    let license = state.store.resources_license(loaded.group.id).await?;
    let (license_code, license_other) = license_choice(Some(&license));
    let html = state.templates.render(
        "resources/index.html",
        ctx,
        context! {
            group => loaded.group, items => views(state, ctx.lang, &list),
            may_add => app::may_add(&actor, &place),
            may_set_license => app::may_set_license(&actor, &place),
            license => license, license_code => license_code, license_other => license_other,
            values => with_defaults(forms.values), errors => by_field, error_list => forms.errors,
            categories => categories(ctx.lang), kinds => kinds(ctx.lang),
            licenses => licenses(ctx.lang), visibilities => visibilities(ctx.lang),
            file_limit => crate::discussions::inbound::size_label(ctx.lang, crate::wiki::ATTACHMENT_MAX),
            page => page, more => list.len() as i64 == PAGE_ITEMS,
        },
    )?;
    Ok((status_of(!forms.errors.is_empty()), html).into_response())
}

/// `GET /g/{slug}/resources`.
pub async fn index(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
    Query(params): Query<PageParams>,
) -> AppResult<Response> {
    let loaded = groups::load_hosted(&state, &ctx, &slug).await?;
    let page = params.page.unwrap_or(1).clamp(1, 1_000);
    index_page(&state, &ctx, &loaded, page, Forms::default()).await
}

/// The adding form as sent (multipart: its fields and an optional file).
struct Sent {
    pairs: Vec<(String, String)>,
    file: Option<uploads::Upload>,
}

async fn read_form(ctx: &Ctx, mut multipart: Multipart) -> AppResult<Sent> {
    let status = |e: axum::extract::multipart::MultipartError| AppError::Status(e.status());
    let mut sent = Sent {
        pairs: Vec::new(),
        file: None,
    };
    while let Some(f) = multipart.next_field().await.map_err(status)? {
        let Some(name) = f.name().map(String::from) else {
            continue;
        };
        if name == "file" {
            let file_name = f.file_name().unwrap_or("").to_string();
            let bytes = f.bytes().await.map_err(status)?.to_vec();
            if !bytes.is_empty() {
                sent.file = Some(uploads::Upload {
                    name: file_name,
                    bytes,
                });
            }
        } else {
            let value = f.text().await.map_err(status)?;
            sent.pairs.push((name, value));
        }
    }
    csrf::verify(ctx, Some(field(&sent.pairs, csrf::FIELD)))?;
    Ok(sent)
}

/// Checks an upload (the attachments' size and types) and stores it
/// under the attachments; a refusal is the form's to show.
async fn store_file(
    state: &AppState,
    upload: uploads::Upload,
) -> AppResult<Result<StoredFile, Invalid>> {
    if upload.bytes.len() > crate::wiki::ATTACHMENT_MAX {
        return Ok(Err(Invalid::new("file", "error-file-too-large")));
    }
    let name = crate::wiki::clean_name(&upload.name);
    let Some((content_type, _)) = crate::wiki::file_type(&name, &upload.bytes) else {
        return Ok(Err(Invalid::new("file", "error-file-type")));
    };
    let stored_as = format!("resource-{}", essaim_store::random_token(12));
    let size = upload.bytes.len() as i64;
    uploads::write_atomic(
        state.config.data_dir.join("attachments").join(&stored_as),
        upload.bytes,
    )
    .await?;
    Ok(Ok(StoredFile {
        name,
        content_type: content_type.to_string(),
        size,
        stored_as,
    }))
}

/// Removes a stored file nothing points at any more.
async fn forget_file(state: &AppState, stored_as: &str) {
    let path = state.config.data_dir.join("attachments").join(stored_as);
    if let Err(e) = tokio::fs::remove_file(&path).await {
        tracing::warn!(error = %e, path = %path.display(), "a resource's file was not removed");
    }
}

/// `POST /g/{slug}/resources/new`: adds a resource (members). A refused
/// field or file shows the form again with what was typed.
pub async fn create(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
    multipart: Multipart,
) -> AppResult<Response> {
    let loaded = groups::load_hosted(&state, &ctx, &slug).await?;
    let sent = read_form(&ctx, multipart).await?;
    let actor = ctx.actor();
    if !app::may_add(&actor, &loaded.place()) {
        return Err(crate::error::refuse(&ctx));
    }
    let form = form_of(&sent.pairs);
    let refused = |errors: Vec<Invalid>| {
        let (state, ctx, loaded, pairs) = (&state, &ctx, &loaded, &sent.pairs);
        async move {
            let forms = Forms {
                values: values_of_pairs(pairs),
                errors: &errors,
            };
            index_page(state, ctx, loaded, 1, forms).await
        }
    };
    // The form is checked whole before a file is kept.
    if let Err(errors) = form.validate() {
        return refused(errors).await;
    }
    let file = match (form.kind.trim() == ResourceKind::File.code(), sent.file) {
        (true, Some(upload)) => match store_file(&state, upload).await? {
            Ok(file) => Some(file),
            Err(e) => return refused(vec![e]).await,
        },
        _ => None,
    };
    let stored = file.as_ref().map(|f| f.stored_as.clone());
    let made = app::add(&state.app, &actor, &loaded.place(), &form, file).await;
    let made = essaim_app::or_invalid(made);
    if !matches!(made, Ok(Ok(_))) {
        if let Some(stored) = &stored {
            forget_file(&state, stored).await;
        }
    }
    match made? {
        Ok(id) => Ok(Redirect::to(&format!("/g/{slug}/resources/{id}")).into_response()),
        Err(errors) => refused(errors).await,
    }
}

/// The license form.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct LicenseForm {
    license: String,
    license_other: String,
}

/// `POST /g/{slug}/resources/license`: the group's default license of its
/// resources (those who run the group).
pub async fn set_license(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
    CsrfForm(form): CsrfForm<LicenseForm>,
) -> AppResult<Response> {
    let loaded = groups::load_hosted(&state, &ctx, &slug).await?;
    let done = app::set_license(
        &state.app,
        &ctx.actor(),
        &loaded.place(),
        &form.license,
        &form.license_other,
    )
    .await;
    match essaim_app::or_invalid(done)? {
        Ok(()) => Ok(crate::accounts::redirect_with_flash(
            &state,
            &format!("/g/{slug}/resources"),
            "flash-resources-license-saved",
        )),
        Err(errors) => {
            index_page(
                &state,
                &ctx,
                &loaded,
                1,
                Forms {
                    values: BTreeMap::new(),
                    errors: &errors,
                },
            )
            .await
        }
    }
}

/// `GET /g/{slug}/resources/{id}`.
pub async fn show(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, id)): Path<(String, i64)>,
) -> AppResult<Response> {
    let (loaded, resource) = load_resource(&state, &ctx, &slug, id).await?;
    let may_manage = app::may_manage(&ctx.actor(), &loaded.place(), &resource);
    let html = state.templates.render(
        "resources/show.html",
        &ctx,
        context! {
            group => loaded.group, item => view(&state, ctx.lang, &resource), may_manage => may_manage,
        },
    )?;
    Ok(html.into_response())
}

fn values_of(r: &Resource) -> BTreeMap<String, String> {
    let own = (!r.license.is_empty()).then_some(r.license.as_str());
    let (license, license_other) = license_choice(own);
    BTreeMap::from([
        ("title".into(), r.title.clone()),
        ("description".into(), r.description.clone()),
        ("category".into(), r.category.code().into()),
        ("kind".into(), r.kind.code().into()),
        ("url".into(), r.url.clone().unwrap_or_default()),
        (
            "page".into(),
            r.page_slug
                .as_ref()
                .map(|p| format!("/g/{}/wiki/{p}", r.group_slug))
                .unwrap_or_default(),
        ),
        ("keywords".into(), r.keywords.join(", ")),
        ("license".into(), license.into()),
        ("license_other".into(), license_other),
        ("visibility".into(), r.chosen_visibility.code().into()),
    ])
}

async fn edit_page(
    state: &AppState,
    ctx: &Ctx,
    loaded: &Loaded,
    resource: &Resource,
    values: BTreeMap<String, String>,
    errors: &[Invalid],
) -> AppResult<Response> {
    let by_field: BTreeMap<&str, &str> = errors.iter().map(|e| (e.field, e.key)).collect();
    let html = state.templates.render(
        "resources/edit.html",
        ctx,
        context! {
            group => loaded.group, item => view(state, ctx.lang, resource),
            values => with_defaults(values), errors => by_field, error_list => errors,
            categories => categories(ctx.lang), licenses => licenses(ctx.lang),
            visibilities => visibilities(ctx.lang),
        },
    )?;
    Ok((status_of(!errors.is_empty()), html).into_response())
}

/// `GET /g/{slug}/resources/{id}/edit`.
pub async fn edit_form(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, id)): Path<(String, i64)>,
) -> AppResult<Response> {
    let (loaded, resource) = load_resource(&state, &ctx, &slug, id).await?;
    if !app::may_manage(&ctx.actor(), &loaded.place(), &resource) {
        return Err(crate::error::refuse(&ctx));
    }
    edit_page(&state, &ctx, &loaded, &resource, values_of(&resource), &[]).await
}

/// `POST /g/{slug}/resources/{id}/edit`.
pub async fn update(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, id)): Path<(String, i64)>,
    CsrfForm(pairs): CsrfForm<Vec<(String, String)>>,
) -> AppResult<Response> {
    let (loaded, resource) = load_resource(&state, &ctx, &slug, id).await?;
    let done = app::update(
        &state.app,
        &ctx.actor(),
        &loaded.place(),
        &resource,
        &form_of(&pairs),
    )
    .await;
    match essaim_app::or_invalid(done)? {
        Ok(()) => Ok(Redirect::to(&resource.path()).into_response()),
        Err(errors) => {
            let mut values = values_of_pairs(&pairs);
            values.insert("kind".into(), resource.kind.code().into());
            edit_page(&state, &ctx, &loaded, &resource, values, &errors).await
        }
    }
}

/// `POST /g/{slug}/resources/{id}/delete`.
pub async fn delete(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, id)): Path<(String, i64)>,
    CsrfForm(_): CsrfForm<Vec<(String, String)>>,
) -> AppResult<Response> {
    let (loaded, resource) = load_resource(&state, &ctx, &slug, id).await?;
    let stored = app::remove(&state.app, &ctx.actor(), &loaded.place(), &resource).await?;
    if let Some(stored) = stored {
        forget_file(&state, &stored).await;
    }
    Ok(crate::accounts::redirect_with_flash(
        &state,
        &format!("/g/{slug}/resources"),
        "flash-resource-removed",
    ))
}

/// `GET /g/{slug}/resources/{id}/file/{name}`: a file resource's file, for
/// whoever sees the resource.
pub async fn file(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, id, _name)): Path<(String, i64, String)>,
) -> AppResult<Response> {
    let (_, resource) = load_resource(&state, &ctx, &slug, id).await?;
    let (Some(stored_as), Some(content_type), Some(name)) = (
        resource.stored_as.as_deref(),
        resource.file_type.as_deref(),
        resource.file_name.as_deref(),
    ) else {
        return Err(not_found());
    };
    uploads::serve_attachment(&state.config.data_dir, stored_as, content_type, name, false).await
}

/// The catalogue's filters.
#[derive(Debug, Deserialize, Default)]
#[serde(default)]
pub struct CatalogueParams {
    keyword: Option<String>,
    #[serde(rename = "type")]
    category: Option<String>,
    group: Option<String>,
    page: Option<i64>,
}

impl CatalogueParams {
    /// The store's query; a filter that cannot match anything (a keyword
    /// that is no keyword, an unknown type) matches nothing rather than
    /// everything.
    pub(crate) fn query(&self, limit: i64) -> Result<CatalogueQuery, ()> {
        let clean = |v: &Option<String>| {
            v.as_deref()
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(String::from)
        };
        let keyword =
            clean(&self.keyword).map(|k| normalize_keyword(&k).unwrap_or_else(|_| "/".into()));
        let category = match clean(&self.category) {
            Some(code) => Some(Category::from_code(&code).ok_or(())?),
            None => None,
        };
        let page = self.page.unwrap_or(1).clamp(1, 1_000);
        Ok(CatalogueQuery {
            keyword,
            category,
            group: clean(&self.group),
            limit,
            offset: (page - 1) * limit,
        })
    }
}

/// `GET /resources`: the resources of every hosted group the reader sees.
pub async fn catalogue(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(params): Query<CatalogueParams>,
) -> AppResult<Response> {
    let (list, page) = match params.query(PAGE_ITEMS) {
        Ok(query) => (
            app::catalogue(&state.app, &ctx.actor(), &query).await?,
            query.offset / PAGE_ITEMS + 1,
        ),
        Err(()) => (Vec::new(), 1),
    };
    let keywords = state.store.resource_keywords_in_catalogue(30).await?;
    let html = state.templates.render(
        "resources/catalogue.html",
        &ctx,
        context! {
            items => views(&state, ctx.lang, &list),
            keywords => keywords,
            categories => categories(ctx.lang),
            keyword => params.keyword.clone().unwrap_or_default(),
            category => params.category.clone().unwrap_or_default(),
            group => params.group.clone().unwrap_or_default(),
            page => page,
            more => list.len() as i64 == PAGE_ITEMS,
        },
    )?;
    Ok(html.into_response())
}

/// `GET /resources.atom`: the catalogue's newest resources anyone may see
/// (with the same filters).
pub async fn catalogue_feed(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(params): Query<CatalogueParams>,
) -> AppResult<Response> {
    let list = match params.query(FEED_ITEMS) {
        Ok(query) => app::catalogue(&state.app, &essaim_app::Actor::Anonymous, &query).await?,
        Err(()) => Vec::new(),
    };
    let summaries: Vec<String> = list
        .iter()
        .map(|r| markdown::render_inline_text(&r.description, 300))
        .collect();
    let entries: Vec<crate::atom::Entry<'_>> = list
        .iter()
        .zip(&summaries)
        .map(|(r, summary)| {
            let link = state.config.absolute(&r.path());
            crate::atom::Entry {
                title: &r.title,
                id: link.clone(),
                link,
                updated: r.updated_at,
                author: &r.group_name,
                summary: Some(summary),
            }
        })
        .collect();
    Ok(crate::atom::response(
        &t(ctx.lang, "resources-catalogue-title"),
        &state.config.absolute("/resources.atom"),
        &entries,
    ))
}
