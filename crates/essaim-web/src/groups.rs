//! Groups: a group's page, proposing and editing its card, joining and
//! leaving, members and roles, join requests, banners and partner logos,
//! and the first pages of its shared space.

use std::collections::BTreeMap;

use axum::extract::{Multipart, Path, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use essaim_app::groups::JoinOutcome;
use essaim_domain::groups::{
    self as rules, GroupCard, GroupCardInput, GroupKind, GroupRole, GroupStatus, Joining, License,
    MemberVisibility, PartnerInput, ServiceLink,
};
use essaim_domain::i18n::Lang;
use essaim_domain::jobs;
use essaim_domain::{markdown, Invalid, Problem};
use essaim_mail::{JobFuture, JobHandler, Outcome, Worker};
use essaim_store::groups::{Group, GroupFields, Member, NewPage};
use essaim_store::jobs::Job;
use minijinja::context;
use serde::Serialize;

use crate::csrf::CsrfForm;
use crate::ctx::Ctx;
use crate::error::{forbidden, not_found, AppError, AppResult};
use crate::i18n::{t, t_args};
use crate::{images, AppState};

// ---------------------------------------------------------------- loading and permissions

/// A group as the requester may see it.
pub struct Loaded {
    /// The card.
    pub group: Group,
    /// The requester's membership (store view), if any.
    pub membership: Option<essaim_store::groups::Membership>,
    /// The same, as the domain's permission rules read it.
    pub rules: Option<rules::Membership>,
}

impl Loaded {
    /// May the requester edit the card?
    pub fn may_edit(&self, ctx: &Ctx) -> bool {
        rules::may_edit_group(
            &ctx.viewer(),
            self.rules.as_ref(),
            self.group.proposed_by,
            self.group.hosted,
        )
    }

    /// May the requester manage roles and requests?
    pub fn may_manage(&self, ctx: &Ctx) -> bool {
        rules::may_manage_roles(&ctx.viewer(), self.rules.as_ref())
    }
}

/// Loads a group the requester may see; otherwise "not found" (a hidden
/// group's existence is not revealed).
pub async fn load(state: &AppState, ctx: &Ctx, slug: &str) -> AppResult<Loaded> {
    let group = state
        .store
        .group_by_slug(slug)
        .await?
        .ok_or_else(not_found)?;
    let membership = match &ctx.user {
        Some(u) => state.store.membership(group.id, u.id).await?,
        None => None,
    };
    let rules = membership.as_ref().map(|m| m.rules());
    if !rules::may_see_group(
        &ctx.viewer(),
        rules.as_ref(),
        group.listed,
        group.proposed_by,
    ) {
        return Err(not_found());
    }
    Ok(Loaded {
        group,
        membership,
        rules,
    })
}

/// A link of a card, ready to show.
#[derive(Debug, Clone, Serialize)]
pub struct ShownLink {
    /// Service code.
    pub service: &'static str,
    /// Address.
    pub url: String,
}

/// The card's links the viewer may see: for a hosted group its own pages
/// first, overridden by the links typed on the card.
pub fn visible_links(
    group: &Group,
    stored: &[(String, String)],
    viewer: &essaim_domain::permissions::Viewer,
    membership: Option<&rules::Membership>,
    absolute: &dyn Fn(&str) -> String,
) -> Vec<ShownLink> {
    let joining = group.joining;
    ServiceLink::ALL
        .into_iter()
        .filter(|link| rules::may_see_link(viewer, membership, joining, *link))
        .filter_map(|link| {
            let typed = stored
                .iter()
                .find(|(s, _)| s == link.code())
                .map(|(_, u)| u.clone());
            let own = group
                .hosted
                .then(|| own_page(&group.slug, link))
                .flatten()
                .map(|p| absolute(&p));
            typed.or(own).map(|url| ShownLink {
                service: link.code(),
                url,
            })
        })
        .collect()
}

/// The page of a hosted group that serves as each service.
fn own_page(slug: &str, link: ServiceLink) -> Option<String> {
    let path = match link {
        ServiceLink::Home => format!("/g/{slug}"),
        ServiceLink::Information => format!("/g/{slug}/wiki/{}", PAGE_WELCOME),
        ServiceLink::Meetings => format!("/g/{slug}/meetings"),
        ServiceLink::Discussions => format!("/g/{slug}/discussions"),
        ServiceLink::Projects | ServiceLink::OpenProjects | ServiceLink::FollowUp => {
            format!("/g/{slug}/wiki/{}", PAGE_PROJECTS)
        }
        ServiceLink::Resources => format!("/g/{slug}/wiki/{}", PAGE_RESOURCES),
        ServiceLink::Join => format!("/g/{slug}/wiki/{}", PAGE_JOIN),
        ServiceLink::Members => format!("/g/{slug}/members"),
        ServiceLink::Administration => format!("/g/{slug}/edit"),
    };
    Some(path)
}

/// Addresses of the first pages of a hosted group's shared space.
pub const PAGE_WELCOME: &str = "accueil";
/// Meetings page.
pub const PAGE_MEETINGS: &str = "reunions";
/// Discussions page.
pub const PAGE_DISCUSSIONS: &str = "discussions";
/// Projects page.
pub const PAGE_PROJECTS: &str = "projets";
/// Resources page.
pub const PAGE_RESOURCES: &str = "ressources";
/// How to join page.
pub const PAGE_JOIN: &str = "rejoindre";

/// The first pages of a hosted group, pre-filled from its card, in `lang`.
pub fn first_pages(card: &GroupCard, lang: Lang) -> Vec<NewPage> {
    fn args<'a>(card: &GroupCard, extra: &[(&'a str, String)]) -> Vec<(&'a str, String)> {
        let mut all = vec![
            ("name", card.name.clone()),
            ("summary", card.summary.clone()),
        ];
        all.extend(extra.iter().cloned());
        all
    }
    let description = if card.description.trim().is_empty() {
        card.summary.clone()
    } else {
        card.description.clone()
    };
    let joining = match card.joining {
        Joining::Open => t(lang, "page-join-open"),
        Joining::OnRequest => t(lang, "page-join-request"),
    };
    [
        (
            PAGE_WELCOME,
            "page-welcome-title",
            "page-welcome-body",
            vec![("description", description)],
        ),
        (
            PAGE_MEETINGS,
            "page-meetings-title",
            "page-meetings-body",
            vec![],
        ),
        (
            PAGE_DISCUSSIONS,
            "page-discussions-title",
            "page-discussions-body",
            vec![],
        ),
        (
            PAGE_PROJECTS,
            "page-projects-title",
            "page-projects-body",
            vec![],
        ),
        (
            PAGE_RESOURCES,
            "page-resources-title",
            "page-resources-body",
            vec![(
                "license",
                license_label(card.license, card.license_other.as_deref(), lang),
            )],
        ),
        (
            PAGE_JOIN,
            "page-join-title",
            "page-join-body",
            vec![("how", joining)],
        ),
    ]
    .into_iter()
    .map(|(slug, title, body, extra)| NewPage {
        slug: slug.to_string(),
        title: t_args(lang, title, &args(card, &[])),
        markdown: t_args(lang, body, &args(card, &extra)),
    })
    .collect()
}

/// A license's name for people.
pub fn license_label(license: License, other: Option<&str>, lang: Lang) -> String {
    match license.label() {
        Some(label) => label.to_string(),
        None => other
            .map(str::to_string)
            .unwrap_or_else(|| t(lang, "license-other")),
    }
}

// ---------------------------------------------------------------- card <-> store

/// The current card as form input (to edit it, or to patch it by API).
pub async fn input_of(state: &AppState, group: &Group) -> AppResult<GroupCardInput> {
    let keywords = state.store.group_keywords(group.id).await?;
    let partners = state.store.group_partners(group.id).await?;
    let links = state.store.group_links(group.id).await?;
    let number = |v: Option<f64>| v.map(|x| x.to_string()).unwrap_or_default();
    Ok(GroupCardInput {
        name: group.name.clone(),
        summary: group.summary.clone(),
        kind: group.kind.clone(),
        slug: group.slug.clone(),
        description: group.description.clone(),
        keywords: keywords.join(", "),
        partners: partners
            .into_iter()
            .map(|p| PartnerInput {
                name: p.name,
                url: p.url.unwrap_or_default(),
                logo: String::new(),
            })
            .collect(),
        country: group.country.clone().unwrap_or_default(),
        region: group.region.clone().unwrap_or_default(),
        latitude: number(group.latitude),
        longitude: number(group.longitude),
        member_count: if group.hosted {
            String::new()
        } else {
            group.member_count.to_string()
        },
        status: group.status.code().to_string(),
        license: group.license.clone(),
        license_other: group.license_other.clone().unwrap_or_default(),
        links: links.into_iter().collect(),
        hosted: if group.hosted {
            "on".into()
        } else {
            String::new()
        },
        joining: group.joining.code().to_string(),
    })
}

/// Reads a card form's fields (partner rows come as repeated
/// `partner_name` / `partner_url`, links as `link_{service}`).
pub fn input_from_form(pairs: &[(String, String)]) -> GroupCardInput {
    let mut input = GroupCardInput::default();
    for (key, value) in pairs {
        let value = value.clone();
        match key.as_str() {
            "name" => input.name = value,
            "summary" => input.summary = value,
            "kind" => input.kind = value,
            "slug" => input.slug = value,
            "description" => input.description = value,
            "keywords" => input.keywords = value,
            "country" => input.country = value,
            "region" => input.region = value,
            "latitude" => input.latitude = value,
            "longitude" => input.longitude = value,
            "member_count" => input.member_count = value,
            "status" => input.status = value,
            "license" => input.license = value,
            "license_other" => input.license_other = value,
            "hosted" => input.hosted = value,
            "joining" => input.joining = value,
            "partner_name" => input.partners.push(PartnerInput {
                name: value,
                ..Default::default()
            }),
            "partner_url" => match input.partners.last_mut() {
                Some(p) if p.url.is_empty() => p.url = value,
                _ => input.partners.push(PartnerInput {
                    url: value,
                    ..Default::default()
                }),
            },
            other => {
                if let Some(service) = other.strip_prefix("link_") {
                    input.links.insert(service.to_string(), value);
                }
            }
        }
    }
    input
}

/// What the card form needs besides the values.
fn form_choices(lang: Lang) -> minijinja::Value {
    context! {
        kinds => GroupKind::ALL.iter().map(|k| k.code()).collect::<Vec<_>>(),
        statuses => GroupStatus::ALL.iter().map(|s| s.code()).collect::<Vec<_>>(),
        licenses => License::ALL.iter().map(|l| (l.code(), license_label(*l, None, lang))).collect::<Vec<_>>(),
        services => ServiceLink::ALL.iter().map(|s| s.code()).collect::<Vec<_>>(),
        joinings => [Joining::Open, Joining::OnRequest].iter().map(|j| j.code()).collect::<Vec<_>>(),
    }
}

fn card_form_page(
    state: &AppState,
    ctx: &Ctx,
    template: &str,
    status: StatusCode,
    input: &GroupCardInput,
    errors: &[Invalid],
    extra: minijinja::Value,
) -> AppResult<Response> {
    let by_field: BTreeMap<&str, &str> = errors.iter().map(|e| (e.field, e.key)).collect();
    // Always offer a few empty partner rows to fill in.
    let mut partners = input.partners.clone();
    partners.extend((0..3).map(|_| PartnerInput::default()));
    let html = state.templates.render(
        template,
        ctx,
        context! {
            values => input, partners => partners, errors => by_field, error_list => errors,
            choices => form_choices(ctx.lang), map => crate::directory::map_settings(state), ..extra
        },
    )?;
    // The place picker shows map tiles.
    let csp = crate::directory::map_csp(state, false);
    Ok(crate::directory::with_csp(
        (status, html).into_response(),
        &csp,
    ))
}

// ---------------------------------------------------------------- proposing a group

/// `GET /groups/new`.
pub async fn new_page(State(state): State<AppState>, ctx: Ctx) -> AppResult<Response> {
    if ctx.user.is_none() {
        return Err(Problem::Unauthenticated.into());
    }
    let input = GroupCardInput {
        hosted: "on".into(),
        status: "active".into(),
        ..Default::default()
    };
    let need_approval =
        !rules::listed_at_once(&ctx.viewer(), state.store.groups_need_approval().await?);
    card_form_page(
        &state,
        &ctx,
        "groups/new.html",
        StatusCode::OK,
        &input,
        &[],
        context! { need_approval },
    )
}

/// The proposing form's own fields besides the card.
fn charter_accepted(pairs: &[(String, String)]) -> bool {
    pairs.iter().any(|(k, v)| k == "charter" && !v.is_empty())
}

/// Validates a card and its short address (format, reserved, free).
async fn validate_new(
    state: &AppState,
    input: &GroupCardInput,
) -> AppResult<Result<GroupCard, Vec<Invalid>>> {
    let mut errors = match input.validate() {
        Ok(card) => {
            if state.store.slug_taken(&card.slug).await? {
                vec![Invalid::new("slug", "error-slug-taken")]
            } else {
                return Ok(Ok(card));
            }
        }
        Err(errors) => errors,
    };
    errors.dedup();
    Ok(Err(errors))
}

/// A free short address to suggest for `input` (from its slug or its name).
async fn suggestion(state: &AppState, input: &GroupCardInput) -> AppResult<String> {
    let base = if input.slug.trim().is_empty() {
        rules::slugify(&input.name)
    } else {
        rules::slugify(&input.slug)
    };
    let mut taken = std::collections::HashSet::new();
    // Ask the store for the base and its numbered variants up front.
    for n in 1..=50 {
        let candidate = if n == 1 {
            base.clone()
        } else {
            format!("{base}-{n}")
        };
        if state.store.slug_taken(&candidate).await? {
            taken.insert(candidate);
        }
    }
    Ok(rules::suggest_free_slug(&base, |s| taken.contains(s)))
}

/// Creates a validated group for `ctx`'s person (listed at once or not),
/// with its first pages in the person's language.
pub async fn create(state: &AppState, ctx: &Ctx, card: &GroupCard) -> AppResult<Group> {
    let pages = first_pages(card, ctx.lang);
    Ok(essaim_app::groups::propose(&state.app, &ctx.actor(), card, &pages).await?)
}

/// `POST /groups/new`.
pub async fn propose(
    State(state): State<AppState>,
    ctx: Ctx,
    CsrfForm(pairs): CsrfForm<Vec<(String, String)>>,
) -> AppResult<Response> {
    if ctx.user.is_none() {
        return Err(Problem::Unauthenticated.into());
    }
    let input = input_from_form(&pairs);
    let mut result = validate_new(&state, &input).await?;
    if !charter_accepted(&pairs) {
        let mut errors = result.err().unwrap_or_default();
        errors.push(Invalid::new("charter", "error-charter-required"));
        result = Err(errors);
    }
    let card = match result {
        Ok(card) => card,
        Err(errors) => {
            let slug_problem = errors.iter().any(|e| e.field == "slug");
            let suggested = if slug_problem {
                Some(suggestion(&state, &input).await?)
            } else {
                None
            };
            let need_approval =
                !rules::listed_at_once(&ctx.viewer(), state.store.groups_need_approval().await?);
            return card_form_page(
                &state,
                &ctx,
                "groups/new.html",
                StatusCode::UNPROCESSABLE_ENTITY,
                &input,
                &errors,
                context! { suggested_slug => suggested, need_approval, charter => charter_accepted(&pairs) },
            );
        }
    };
    let group = create(&state, &ctx, &card).await?;
    let flash = if group.listed {
        "flash-group-created"
    } else {
        "flash-group-proposed"
    };
    Ok(crate::accounts::redirect_with_flash(
        &state,
        &format!("/g/{}", group.slug),
        flash,
    ))
}

// ---------------------------------------------------------------- the group page

/// `GET /g/{slug}`.
pub async fn show(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
) -> AppResult<Response> {
    let loaded = load(&state, &ctx, &slug).await?;
    let group = &loaded.group;
    let keywords = state.store.group_keywords(group.id).await?;
    let partners = state.store.group_partners(group.id).await?;
    let stored_links = state.store.group_links(group.id).await?;
    let absolute = |p: &str| state.config.absolute(p);
    let links = visible_links(
        group,
        &stored_links,
        &ctx.viewer(),
        loaded.rules.as_ref(),
        &absolute,
    );
    let pages = crate::wiki::readable_pages(&state, &ctx, &loaded).await?;
    let next_meeting = if group.hosted {
        crate::meetings::next_of_group(&state, &ctx, group.id).await?
    } else {
        None
    };
    let pending_request = match (&ctx.user, &loaded.membership) {
        (Some(u), None) => state.store.has_pending_request(group.id, u.id).await?,
        _ => false,
    };
    let requests = if loaded.may_manage(&ctx) {
        state.store.pending_join_requests(group.id).await?
    } else {
        Vec::new()
    };
    let license = License::from_code(&group.license).unwrap_or_default();
    let json_ld = json_ld(&state, group, &keywords, &links);
    let embed_url = state
        .config
        .absolute(&format!("/embed/groups?group={}", group.slug));
    let html = state.templates.render(
        "groups/show.html",
        &ctx,
        context! {
            group => group,
            description_html => markdown::render(&group.description),
            keywords => keywords,
            partners => partners,
            links => links,
            pages => pages,
            next_meeting => next_meeting,
            membership => loaded.membership,
            may_edit => loaded.may_edit(&ctx),
            may_manage => loaded.may_manage(&ctx),
            pending_request => pending_request,
            requests => requests,
            license_label => license_label(license, group.license_other.as_deref(), ctx.lang),
            license_url => license.url(),
            json_ld => json_ld,
            page_url => state.config.absolute(&format!("/g/{}", group.slug)),
            embed_url => embed_url,
        },
    )?;
    Ok(html.into_response())
}

/// schema.org `Organization` for search engines (public fields only).
fn json_ld(state: &AppState, group: &Group, keywords: &[String], links: &[ShownLink]) -> String {
    let mut org = serde_json::json!({
        "@context": "https://schema.org",
        "@type": "Organization",
        "name": group.name,
        "description": group.summary,
        "url": state.config.absolute(&format!("/g/{}", group.slug)),
        "keywords": keywords.join(", "),
        "image": state.config.absolute(&format!("/g/{}/banner.jpg", group.slug)),
        "sameAs": links.iter().filter(|l| l.service == "home").map(|l| l.url.clone()).collect::<Vec<_>>(),
    });
    if group.country.is_some() || group.region.is_some() {
        org["address"] = serde_json::json!({
            "@type": "PostalAddress",
            "addressCountry": group.country,
            "addressRegion": group.region,
        });
    }
    if let (Some(lat), Some(lon)) = (group.latitude, group.longitude) {
        org["location"] = serde_json::json!({
            "@type": "Place",
            "geo": { "@type": "GeoCoordinates", "latitude": lat, "longitude": lon },
        });
    }
    // Inside <script>, no markup may appear (a typed "<script>" or "<!--"
    // would change how the browser reads the element): `<`, `>` and `&`
    // can only be inside JSON strings, where their escapes mean the same.
    org.to_string()
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

// ---------------------------------------------------------------- editing the card

/// `GET /g/{slug}/edit`.
pub async fn edit_page(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
) -> AppResult<Response> {
    let loaded = load(&state, &ctx, &slug).await?;
    require(ctx.user.is_some() && loaded.may_edit(&ctx), &ctx)?;
    let input = input_of(&state, &loaded.group).await?;
    let partners = state.store.group_partners(loaded.group.id).await?;
    card_form_page(
        &state,
        &ctx,
        "groups/edit.html",
        StatusCode::OK,
        &input,
        &[],
        context! { group => loaded.group, stored_partners => partners },
    )
}

/// Refuses: 401 for visitors, 403 for others.
fn require(allowed: bool, ctx: &Ctx) -> AppResult<()> {
    if allowed {
        Ok(())
    } else if ctx.user.is_none() {
        Err(Problem::Unauthenticated.into())
    } else {
        Err(forbidden())
    }
}

/// `POST /g/{slug}/edit`.
pub async fn edit(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
    CsrfForm(pairs): CsrfForm<Vec<(String, String)>>,
) -> AppResult<Response> {
    let loaded = load(&state, &ctx, &slug).await?;
    require(loaded.may_edit(&ctx), &ctx)?;
    let mut input = input_from_form(&pairs);
    // The short address and hosting are fixed once created.
    input.slug = loaded.group.slug.clone();
    input.hosted = if loaded.group.hosted {
        "on".into()
    } else {
        String::new()
    };
    match input.validate() {
        Ok(card) => {
            state
                .store
                .update_group(loaded.group.id, &GroupFields::of(&card))
                .await?;
            Ok(crate::accounts::redirect_with_flash(
                &state,
                &format!("/g/{slug}"),
                "flash-group-saved",
            ))
        }
        Err(errors) => {
            let partners = state.store.group_partners(loaded.group.id).await?;
            card_form_page(
                &state,
                &ctx,
                "groups/edit.html",
                StatusCode::UNPROCESSABLE_ENTITY,
                &input,
                &errors,
                context! { group => loaded.group, stored_partners => partners },
            )
        }
    }
}

// ---------------------------------------------------------------- images

/// Reads an uploaded picture and turns it into a banner or a logo (off the
/// async threads). `Ok(Err(_))` is a refusal to show on the edit page.
async fn processed(
    ctx: &Ctx,
    multipart: Multipart,
    convert: fn(&[u8]) -> Result<Vec<u8>, images::ImageError>,
) -> AppResult<Result<Vec<u8>, AppError>> {
    let upload = match crate::uploads::read(ctx, multipart, "error-image-missing").await {
        Ok(upload) => upload,
        Err(e) => return Ok(Err(e)),
    };
    let converted = tokio::task::spawn_blocking(move || convert(&upload.bytes))
        .await
        .map_err(|e| AppError::Internal(e.into()))?;
    Ok(converted.map_err(image_problem))
}

fn image_problem(e: images::ImageError) -> AppError {
    Problem::Invalid(vec![Invalid::new("file", e.key())]).into()
}

/// A refused picture: the edit page again (422) saying why, so the person
/// reads "this file is not a picture" rather than a general error page.
/// Other errors (anti-forgery, body too large…) go on as they are.
async fn upload_refused(
    state: &AppState,
    ctx: &Ctx,
    loaded: &Loaded,
    error: AppError,
) -> AppResult<Response> {
    let AppError::Problem(Problem::Invalid(errors)) = error else {
        return Err(error);
    };
    let input = input_of(state, &loaded.group).await?;
    let partners = state.store.group_partners(loaded.group.id).await?;
    let upload_errors: Vec<&str> = errors.iter().map(|e| e.key).collect();
    card_form_page(
        state,
        ctx,
        "groups/edit.html",
        StatusCode::UNPROCESSABLE_ENTITY,
        &input,
        &[],
        context! { group => loaded.group, stored_partners => partners, upload_errors => upload_errors },
    )
}

fn group_dir(state: &AppState, group_id: i64) -> std::path::PathBuf {
    state
        .config
        .data_dir
        .join("groups")
        .join(group_id.to_string())
}

/// `POST /g/{slug}/banner`: a new banner, resized and cropped to 1920×160.
pub async fn upload_banner(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
    multipart: Multipart,
) -> AppResult<Response> {
    let loaded = load(&state, &ctx, &slug).await?;
    require(loaded.may_edit(&ctx), &ctx)?;
    let jpeg = match processed(&ctx, multipart, images::banner).await? {
        Ok(jpeg) => jpeg,
        Err(error) => return upload_refused(&state, &ctx, &loaded, error).await,
    };
    let version = state.store.now();
    let path = group_dir(&state, loaded.group.id).join(format!("banner-{version}.jpg"));
    crate::uploads::write_atomic(path, jpeg).await?;
    state
        .store
        .set_banner_version(loaded.group.id, version)
        .await?;
    Ok(crate::accounts::redirect_with_flash(
        &state,
        &format!("/g/{slug}/edit"),
        "flash-banner-saved",
    ))
}

/// `GET /g/{slug}/banner.jpg`: the uploaded banner, or one drawn for the group.
pub async fn banner(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
) -> AppResult<Response> {
    let loaded = load(&state, &ctx, &slug).await?;
    let group = loaded.group;
    let path = match group.banner_version {
        Some(v) => group_dir(&state, group.id).join(format!("banner-{v}.jpg")),
        None => state
            .config
            .data_dir
            .join("generated")
            .join(format!("banner-{}.jpg", group.slug)),
    };
    let bytes = match tokio::fs::read(&path).await {
        Ok(bytes) => bytes,
        Err(_) if group.banner_version.is_none() => {
            let seed = group.slug.clone();
            let bytes = tokio::task::spawn_blocking(move || images::generated_banner(&seed, None))
                .await
                .map_err(|e| AppError::Internal(e.into()))?;
            // A cache on disk: drawing takes a few milliseconds.
            crate::uploads::write_atomic(path, bytes.clone()).await?;
            bytes
        }
        Err(e) => return Err(AppError::Internal(e.into())),
    };
    Ok(image_response("image/jpeg", bytes, group.listed))
}

fn image_response(mime: &'static str, bytes: Vec<u8>, public: bool) -> Response {
    // Images of a group not yet listed are not for shared caches.
    let cache = if public {
        "public, max-age=3600"
    } else {
        "private, max-age=300"
    };
    (
        [(header::CONTENT_TYPE, mime), (header::CACHE_CONTROL, cache)],
        bytes,
    )
        .into_response()
}

/// `POST /g/{slug}/partners/{id}/logo`.
pub async fn upload_logo(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, partner_id)): Path<(String, i64)>,
    multipart: Multipart,
) -> AppResult<Response> {
    let loaded = load(&state, &ctx, &slug).await?;
    require(loaded.may_edit(&ctx), &ctx)?;
    let png = match processed(&ctx, multipart, images::logo).await? {
        Ok(png) => png,
        Err(error) => return upload_refused(&state, &ctx, &loaded, error).await,
    };
    let version = state.store.now();
    let path =
        group_dir(&state, loaded.group.id).join(format!("partner-{partner_id}-{version}.png"));
    if !state
        .store
        .group_partners(loaded.group.id)
        .await?
        .iter()
        .any(|p| p.id == partner_id)
    {
        return Err(not_found());
    }
    crate::uploads::write_atomic(path, png).await?;
    state
        .store
        .set_partner_logo(loaded.group.id, partner_id, version)
        .await?;
    Ok(crate::accounts::redirect_with_flash(
        &state,
        &format!("/g/{slug}/edit"),
        "flash-logo-saved",
    ))
}

/// `GET /g/{slug}/partners/{id}/logo.png`.
pub async fn logo(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, partner_id)): Path<(String, i64)>,
) -> AppResult<Response> {
    let loaded = load(&state, &ctx, &slug).await?;
    let partners = state.store.group_partners(loaded.group.id).await?;
    let partner = partners
        .into_iter()
        .find(|p| p.id == partner_id)
        .ok_or_else(not_found)?;
    let version = partner.logo_version.ok_or_else(not_found)?;
    let path =
        group_dir(&state, loaded.group.id).join(format!("partner-{partner_id}-{version}.png"));
    let bytes = tokio::fs::read(&path).await.map_err(|_| not_found())?;
    Ok(image_response("image/png", bytes, loaded.group.listed))
}

// ---------------------------------------------------------------- joining and leaving

/// Tells a group's facilitators and leaders, each in their language, that
/// someone asks to join (queued by `essaim_app::groups::join`).
struct JoinRequested(AppState);

impl JobHandler<jobs::JoinRequested> for JoinRequested {
    fn run<'a>(&'a self, _job: &'a Job, p: jobs::JoinRequested) -> JobFuture<'a> {
        Box::pin(async move {
            let state = &self.0;
            let (Some(group), Some(request)) = (
                state.store.group_by_id(p.group_id).await?,
                state.store.join_request(p.group_id, p.request_id).await?,
            ) else {
                // Answered or gone meanwhile: nobody needs telling.
                return Ok(Outcome::Done);
            };
            let link = state
                .config
                .absolute(&format!("/g/{}#requests", group.slug));
            let mut emails = Vec::new();
            for member in state.store.members(group.id).await? {
                if !member
                    .roles
                    .iter()
                    .any(|r| r == "facilitator" || r == "leader")
                {
                    continue;
                }
                let Some(person) = state.store.user_by_id(member.user_id).await? else {
                    continue;
                };
                let email = crate::email::notice_email(
                    state,
                    person.language(),
                    "join-request",
                    &person.email,
                    &person.name,
                    &[
                        ("group", group.name.clone()),
                        ("person", request.user_name.clone()),
                        ("message", request.message.clone()),
                    ],
                    &link,
                );
                match email {
                    Ok(email) => emails.push(email),
                    Err(e) => return Ok(Outcome::Retry(format!("{e:#}"))),
                }
            }
            state.queue_emails(&emails).await?;
            Ok(Outcome::Done)
        })
    }
}

/// Registers the groups' jobs.
pub fn register_jobs(worker: Worker, state: &AppState) -> Worker {
    worker.with_handler(JoinRequested(state.clone()))
}

/// Leaves a group, unless one is its last facilitator. Shared by the page
/// and the API; returns whether the person was a member.
pub async fn leave(state: &AppState, ctx: &Ctx, loaded: &Loaded) -> AppResult<bool> {
    let user = ctx.user.as_ref().ok_or(Problem::Unauthenticated)?;
    let Some(membership) = &loaded.rules else {
        return Ok(false);
    };
    let facilitators = state
        .store
        .role_count(loaded.group.id, "facilitator")
        .await?;
    rules::may_leave(membership, facilitators as usize).map_err(|e| Problem::Invalid(vec![e]))?;
    Ok(state.store.leave_group(loaded.group.id, user.id).await?)
}

/// The join form (a message for closed groups).
#[derive(Debug, serde::Deserialize, Default)]
#[serde(default)]
pub struct JoinForm {
    message: String,
}

/// `POST /g/{slug}/join`.
pub async fn join_form(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
    CsrfForm(form): CsrfForm<JoinForm>,
) -> AppResult<Response> {
    if ctx.user.is_none() {
        return Ok(Redirect::to(&format!("/login?next=/g/{slug}")).into_response());
    }
    let loaded = load(&state, &ctx, &slug).await?;
    let outcome =
        essaim_app::groups::join(&state.app, &ctx.actor(), &loaded.group, Some(&form.message))
            .await?;
    let flash = match outcome {
        JoinOutcome::Joined | JoinOutcome::AlreadyMember => "flash-joined",
        JoinOutcome::Requested | JoinOutcome::RequestNeeded => "flash-join-requested",
    };
    Ok(crate::accounts::redirect_with_flash(
        &state,
        &format!("/g/{slug}"),
        flash,
    ))
}

/// `POST /g/{slug}/leave`.
pub async fn leave_form(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
    CsrfForm(_): CsrfForm<crate::accounts::Empty>,
) -> AppResult<Response> {
    let loaded = load(&state, &ctx, &slug).await?;
    match leave(&state, &ctx, &loaded).await {
        Ok(_) => Ok(crate::accounts::redirect_with_flash(
            &state,
            &format!("/g/{slug}"),
            "flash-left",
        )),
        Err(AppError::Problem(Problem::Invalid(_))) => Ok(crate::accounts::redirect_with_flash(
            &state,
            &format!("/g/{slug}/members"),
            "flash-name-facilitator-first",
        )),
        Err(e) => Err(e),
    }
}

/// The accept / decline form of a join request.
#[derive(Debug, serde::Deserialize, Default)]
#[serde(default)]
pub struct DecisionForm {
    decision: String,
}

/// `POST /g/{slug}/requests/{id}`.
pub async fn decide_request(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, request_id)): Path<(String, i64)>,
    CsrfForm(form): CsrfForm<DecisionForm>,
) -> AppResult<Response> {
    let loaded = load(&state, &ctx, &slug).await?;
    require(loaded.may_manage(&ctx), &ctx)?;
    let user = ctx.user.as_ref().ok_or(Problem::Unauthenticated)?;
    let accept = match form.decision.as_str() {
        "accept" => true,
        "decline" => false,
        _ => {
            return Err(
                Problem::Invalid(vec![Invalid::new("decision", "error-choice-unknown")]).into(),
            )
        }
    };
    let request = state
        .store
        .join_request(loaded.group.id, request_id)
        .await?
        .ok_or_else(not_found)?;
    let requester = state
        .store
        .user_by_id(request.user_id)
        .await?
        .ok_or_else(not_found)?;
    let lang = requester
        .lang
        .as_deref()
        .and_then(Lang::from_code)
        .unwrap_or(ctx.lang);
    let kind = if accept {
        "join-accepted"
    } else {
        "join-declined"
    };
    let link = state.config.absolute(&format!("/g/{slug}"));
    let email = crate::email::notice_email(
        &state,
        lang,
        kind,
        &requester.email,
        &requester.name,
        &[
            ("group", loaded.group.name.clone()),
            ("person", user.name.clone()),
        ],
        &link,
    )?;
    state
        .store
        .decide_join_request(&request, accept, user.id, &email)
        .await?;
    state.app.wake_jobs();
    let flash = if accept {
        "flash-request-accepted"
    } else {
        "flash-request-declined"
    };
    Ok(crate::accounts::redirect_with_flash(
        &state,
        &format!("/g/{slug}"),
        flash,
    ))
}

// ---------------------------------------------------------------- members

/// A member as the list shows them.
#[derive(Debug, Serialize)]
struct ShownMember {
    user_id: i64,
    name: String,
    roles: Vec<String>,
    is_me: bool,
}

/// The members the viewer may see (names and roles only).
pub fn visible_members(
    ctx: &Ctx,
    viewer_membership: Option<&rules::Membership>,
    members: Vec<Member>,
) -> Vec<Member> {
    members
        .into_iter()
        .filter(|m| {
            let visibility = MemberVisibility::from_code(&m.visibility).unwrap_or_default();
            ctx.user.as_ref().is_some_and(|u| u.id == m.user_id)
                || rules::may_see_member(&ctx.viewer(), viewer_membership, visibility)
        })
        .collect()
}

/// `GET /g/{slug}/members`.
pub async fn members(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
) -> AppResult<Response> {
    let loaded = load(&state, &ctx, &slug).await?;
    let all = state.store.members(loaded.group.id).await?;
    let total = all.len();
    let shown: Vec<ShownMember> = visible_members(&ctx, loaded.rules.as_ref(), all)
        .into_iter()
        .map(|m| ShownMember {
            is_me: ctx.user.as_ref().is_some_and(|u| u.id == m.user_id),
            user_id: m.user_id,
            name: m.name,
            roles: m.roles,
        })
        .collect();
    let hidden = total - shown.len();
    let roles: Vec<&str> = GroupRole::ALL
        .iter()
        .filter(|r| **r != GroupRole::Member)
        .map(|r| r.code())
        .collect();
    let html = state.templates.render(
        "groups/members.html",
        &ctx,
        context! {
            group => loaded.group, members => shown, hidden => hidden, roles => roles,
            membership => loaded.membership, may_manage => loaded.may_manage(&ctx),
            visibilities => [MemberVisibility::Members.code(), MemberVisibility::Everyone.code()],
        },
    )?;
    Ok(html.into_response())
}

/// `POST /g/{slug}/members/{user_id}/roles`: the roles of one member.
pub async fn set_roles(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, member_id)): Path<(String, i64)>,
    CsrfForm(pairs): CsrfForm<Vec<(String, String)>>,
) -> AppResult<Response> {
    let loaded = load(&state, &ctx, &slug).await?;
    require(loaded.may_manage(&ctx), &ctx)?;
    let target = state
        .store
        .membership(loaded.group.id, member_id)
        .await?
        .ok_or_else(not_found)?;
    let mut roles = Vec::new();
    for (key, value) in &pairs {
        if key == "role" {
            let role = GroupRole::from_code(value)
                .filter(|r| *r != GroupRole::Member)
                .ok_or_else(|| {
                    Problem::Invalid(vec![Invalid::new("role", "error-choice-unknown")])
                })?;
            roles.push(role);
        }
    }
    let facilitators = state
        .store
        .role_count(loaded.group.id, "facilitator")
        .await?;
    if let Err(e) = rules::check_role_change(&target.rules(), &roles, facilitators as usize) {
        let _ = e;
        return Ok(crate::accounts::redirect_with_flash(
            &state,
            &format!("/g/{slug}/members"),
            "flash-name-facilitator-first",
        ));
    }
    let codes: Vec<String> = roles.iter().map(|r| r.code().to_string()).collect();
    state
        .store
        .set_roles(loaded.group.id, member_id, &codes)
        .await?;
    Ok(crate::accounts::redirect_with_flash(
        &state,
        &format!("/g/{slug}/members"),
        "flash-roles-saved",
    ))
}

/// The "who can see me" form.
#[derive(Debug, serde::Deserialize, Default)]
#[serde(default)]
pub struct VisibilityForm {
    visibility: String,
}

/// `POST /g/{slug}/visibility`: who may see me in the member list.
pub async fn set_visibility(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
    CsrfForm(form): CsrfForm<VisibilityForm>,
) -> AppResult<Response> {
    let loaded = load(&state, &ctx, &slug).await?;
    let user = ctx.user.as_ref().ok_or(Problem::Unauthenticated)?;
    if loaded.membership.is_none() {
        return Err(forbidden());
    }
    let visibility = MemberVisibility::from_code(&form.visibility).ok_or_else(|| {
        Problem::Invalid(vec![Invalid::new("visibility", "error-choice-unknown")])
    })?;
    state
        .store
        .set_member_visibility(loaded.group.id, user.id, visibility.code())
        .await?;
    Ok(crate::accounts::redirect_with_flash(
        &state,
        &format!("/g/{slug}/members"),
        "flash-visibility-saved",
    ))
}
