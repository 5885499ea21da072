//! The directory of groups (`/groups`), ecosystem pages (`/e/{keyword}`),
//! their embeddable versions, the map data and the CSV export.

use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderValue};
use axum::response::{IntoResponse, Response};
use essaim_domain::groups::{self as rules, GroupKind, GroupStatus, License, ServiceLink};
use essaim_domain::i18n::Lang;
use essaim_domain::permissions::Viewer;
use essaim_domain::{Invalid, Problem};
use essaim_store::groups::{GroupFilter, ListedGroup};
use minijinja::context;
use serde::Deserialize;

use crate::ctx::Ctx;
use crate::error::AppResult;
use crate::groups::{license_label, visible_links};
use crate::i18n::t;
use crate::AppState;

/// Cards on one page of the directory.
pub const PAGE_SIZE: i64 = 24;

/// The directory's query string (also the API's filters).
#[derive(Debug, Deserialize, Default, Clone)]
#[serde(default)]
pub struct DirectoryQuery {
    /// `cards`, `list` or `map`.
    pub view: String,
    /// Kind code.
    pub kind: String,
    /// Status code.
    pub status: String,
    /// One keyword.
    pub keyword: String,
    /// Country code.
    pub country: String,
    /// Region.
    pub region: String,
    /// Search text.
    pub q: String,
    /// Page number, from 1.
    pub page: Option<i64>,
    /// `1` (or `true`) to show archived groups too; `0`, `false` or empty
    /// not; anything else is refused.
    pub archived: String,
    /// One group only (embeds of a group's card).
    pub group: String,
    /// Page size (API only; the pages use [`PAGE_SIZE`]).
    pub per_page: Option<i64>,
    /// The host page's name for the iframe (embeds echo it back).
    pub embed_id: String,
}

/// The chosen view.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    /// Cards with banners.
    Cards,
    /// A compact table.
    List,
    /// A map.
    Map,
}

impl View {
    fn parse(raw: &str) -> Result<View, Invalid> {
        match raw {
            "" | "cards" => Ok(View::Cards),
            "list" => Ok(View::List),
            "map" => Ok(View::Map),
            _ => Err(Invalid::new("view", "error-choice-unknown")),
        }
    }

    fn code(self) -> &'static str {
        match self {
            View::Cards => "cards",
            View::List => "list",
            View::Map => "map",
        }
    }
}

impl DirectoryQuery {
    /// Checks the filters and turns them into the store's filter.
    pub fn filter(&self, keyword: Option<&str>) -> Result<GroupFilter, Vec<Invalid>> {
        let mut errors = Vec::new();
        let kind = match self.kind.as_str() {
            "" => None,
            k => GroupKind::from_code(k)
                .map(|k| k.code().to_string())
                .or_else(|| {
                    errors.push(Invalid::new("kind", "error-choice-unknown"));
                    None
                }),
        };
        let status = match self.status.as_str() {
            "" => None,
            s => GroupStatus::from_code(s)
                .map(|s| s.code().to_string())
                .or_else(|| {
                    errors.push(Invalid::new("status", "error-choice-unknown"));
                    None
                }),
        };
        let keyword = match keyword.unwrap_or(&self.keyword) {
            "" => None,
            k => rules::normalize_keyword(k).map_err(|e| errors.push(e)).ok(),
        };
        let country = rules::normalize_country(&self.country)
            .map_err(|e| errors.push(e))
            .ok()
            .flatten();
        let region = Some(self.region.trim())
            .filter(|r| !r.is_empty())
            .map(str::to_string);
        let text = Some(rules::fold_for_search(&self.q)).filter(|t| !t.is_empty());
        let include_archived = rules::parse_flag("archived", &self.archived)
            .map_err(|e| errors.push(e))
            .unwrap_or(false);
        let page = self.page.unwrap_or(1);
        if !(1..=100_000).contains(&page) {
            errors.push(Invalid::new("page", "error-page-number"));
        }
        let limit = self.per_page.unwrap_or(PAGE_SIZE);
        if !(1..=200).contains(&limit) {
            errors.push(Invalid::new("per_page", "error-page-size"));
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(GroupFilter {
            kind,
            status,
            include_archived,
            keyword,
            country,
            region,
            text,
            with_point: false,
            limit,
            offset: (page - 1) * limit,
        })
    }

    /// The query string of these filters (for links between views and pages).
    pub fn query_string(&self, view: Option<&str>, page: Option<i64>) -> String {
        let mut pairs: Vec<(&str, String)> = Vec::new();
        for (k, v) in [
            ("kind", &self.kind),
            ("status", &self.status),
            ("keyword", &self.keyword),
            ("country", &self.country),
            ("region", &self.region),
            ("q", &self.q),
            ("archived", &self.archived),
        ] {
            if !v.is_empty() {
                pairs.push((k, v.clone()));
            }
        }
        if let Some(view) = view {
            pairs.push(("view", view.to_string()));
        }
        if let Some(page) = page.filter(|p| *p > 1) {
            pairs.push(("page", page.to_string()));
        }
        serde_urlencoded::to_string(pairs).unwrap_or_default()
    }
}

/// The content security policy of pages that show a map: tiles come from
/// the configured tile server.
pub fn map_csp(state: &AppState, framed_by_anyone: bool) -> String {
    let tiles = tile_origin(&state.config.map_tiles);
    let frames = if framed_by_anyone { "*" } else { "'none'" };
    format!(
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: {tiles}; font-src 'self'; \
         connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors {frames}"
    )
}

/// `https://{s}.tile.example.org/{z}/{x}/{y}.png` → `https://*.tile.example.org`.
fn tile_origin(template: &str) -> String {
    let Some((scheme, rest)) = template.split_once("://") else {
        return String::new();
    };
    let host = rest.split('/').next().unwrap_or("").replace("{s}", "*");
    format!("{scheme}://{host}")
}

/// A directory page's data: groups, total, and what the filters offer.
struct Listing {
    groups: Vec<ListedGroup>,
    total: i64,
    page: i64,
    pages: i64,
    view: View,
}

async fn listing(
    state: &AppState,
    query: &DirectoryQuery,
    keyword: Option<&str>,
) -> AppResult<Listing> {
    let view = View::parse(&query.view).map_err(|e| Problem::Invalid(vec![e]))?;
    let filter = query.filter(keyword).map_err(Problem::Invalid)?;
    let (groups, total) = if view == View::Map {
        (Vec::new(), 0)
    } else {
        state.store.list_groups(&filter).await?
    };
    let page = query.page.unwrap_or(1);
    Ok(Listing {
        groups,
        total,
        page,
        pages: (total + PAGE_SIZE - 1) / PAGE_SIZE,
        view,
    })
}

fn choices() -> minijinja::Value {
    context! {
        kinds => GroupKind::ALL.iter().map(|k| k.code()).collect::<Vec<_>>(),
        statuses => GroupStatus::ALL.iter().map(|s| s.code()).collect::<Vec<_>>(),
    }
}

/// Sets a page's own content security policy.
pub fn with_csp(mut res: Response, csp: &str) -> Response {
    if let Ok(value) = HeaderValue::from_str(csp) {
        res.headers_mut()
            .insert(header::CONTENT_SECURITY_POLICY, value);
    }
    // The security middleware adds this only when no policy is set: a page
    // with a policy of its own keeps the old browsers' refusal too.
    if csp.ends_with("frame-ancestors 'none'") {
        res.headers_mut()
            .insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    }
    res
}

/// `GET /groups`.
pub async fn directory(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(query): Query<DirectoryQuery>,
) -> AppResult<Response> {
    let l = listing(&state, &query, None).await?;
    let places = state.store.group_places().await?;
    let keywords = state.store.top_keywords(30).await?;
    let html = state.templates.render(
        "groups/directory.html",
        &ctx,
        context! {
            groups => l.groups, total => l.total, page => l.page, pages => l.pages, view => l.view.code(),
            query => context! { kind => query.kind, status => query.status, keyword => query.keyword,
                                country => query.country, region => query.region, q => query.q, archived => query.archived },
            qs_cards => query.query_string(Some("cards"), None),
            qs_list => query.query_string(Some("list"), None),
            qs_map => query.query_string(Some("map"), None),
            qs_prev => query.query_string(Some(l.view.code()), Some(l.page - 1)),
            qs_next => query.query_string(Some(l.view.code()), Some(l.page + 1)),
            geojson => format!("/api/v1/groups.geojson?{}", query.query_string(None, None)),
            places => places, top_keywords => keywords, choices => choices(),
            map => map_settings(&state),
            embed_url => state.config.absolute(&format!("/embed/groups?{}", query.query_string(Some(l.view.code()), None))),
        },
    )?;
    Ok(with_csp(html.into_response(), &map_csp(&state, false)))
}

/// The map's tiles and attribution, for templates.
pub fn map_settings(state: &AppState) -> minijinja::Value {
    context! { tiles => state.config.map_tiles, attribution => state.config.map_attribution }
}

/// `GET /e/{keyword}`: the ecosystem of groups sharing a keyword.
pub async fn ecosystem(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(keyword): Path<String>,
    Query(query): Query<DirectoryQuery>,
) -> AppResult<Response> {
    // An odd keyword is an empty ecosystem with a way back, not an error.
    let normalized = rules::normalize_keyword(&keyword).unwrap_or_default();
    let (l, figures) = if normalized.is_empty() {
        (
            Listing {
                groups: vec![],
                total: 0,
                page: 1,
                pages: 0,
                view: View::Cards,
            },
            None,
        )
    } else {
        let mut l = listing(&state, &query, Some(&normalized)).await?;
        let figures = state.store.ecosystem_figures(&normalized).await?;
        if l.view == View::Map {
            l.total = figures.groups;
        }
        (l, Some(figures))
    };
    let share = figures
        .filter(|f| f.members > 0)
        .map(|f| (f.members_in_several * 100 + f.members / 2) / f.members)
        .unwrap_or(0);
    let mut geo_query = query.clone();
    geo_query.keyword = normalized.clone();
    let html = state.templates.render(
        "groups/ecosystem.html",
        &ctx,
        context! {
            keyword => if normalized.is_empty() { keyword.clone() } else { normalized.clone() },
            keyword_path => url_segment(&normalized),
            figures => figures, share_percent => share,
            groups => l.groups, total => l.total, page => l.page, pages => l.pages, view => l.view.code(),
            qs_cards => query.query_string(Some("cards"), None),
            qs_list => query.query_string(Some("list"), None),
            qs_map => query.query_string(Some("map"), None),
            qs_prev => query.query_string(Some(l.view.code()), Some(l.page - 1)),
            qs_next => query.query_string(Some(l.view.code()), Some(l.page + 1)),
            geojson => format!("/api/v1/groups.geojson?{}", geo_query.query_string(None, None)),
            map => map_settings(&state),
            embed_url => state.config.absolute(&format!("/embed/e/{}?view={}", url_segment(&normalized), l.view.code())),
        },
    )?;
    Ok(with_csp(html.into_response(), &map_csp(&state, false)))
}

/// A keyword as one URL path segment.
pub fn url_segment(keyword: &str) -> String {
    url::form_urlencoded::byte_serialize(keyword.as_bytes())
        .collect::<String>()
        .replace('+', "%20")
}

// ---------------------------------------------------------------- embeds

async fn embed_page(
    state: &AppState,
    ctx: &Ctx,
    query: &DirectoryQuery,
    keyword: Option<&str>,
) -> AppResult<Response> {
    let view = View::parse(&query.view).map_err(|e| Problem::Invalid(vec![e]))?;
    let (groups, total) = if !query.group.is_empty() {
        // One group's card (the share panel of a group page).
        let group = state
            .store
            .group_by_slug(&query.group)
            .await?
            .filter(|g| g.listed)
            .ok_or_else(crate::error::not_found)?;
        (state.store.with_keywords(vec![group]).await?, 1)
    } else if view == View::Map {
        (Vec::new(), 0)
    } else {
        let mut filter = query.filter(keyword).map_err(Problem::Invalid)?;
        filter.limit = 200;
        state.store.list_groups(&filter).await?
    };
    let mut geo_query = query.clone();
    if let Some(k) = keyword {
        geo_query.keyword = k.to_string();
    }
    let html = state.templates.render(
        "embed/directory.html",
        ctx,
        context! {
            groups => groups, total => total, view => view.code(), keyword => keyword,
            geojson => state.config.absolute(&format!("/api/v1/groups.geojson?{}", geo_query.query_string(None, None))),
            map => map_settings(state),
            more_url => state.config.absolute(&match keyword { Some(k) => format!("/e/{}", url_segment(k)), None => "/groups".into() }),
            base => state.config.absolute(""),
            embed_id => query.embed_id.chars().filter(|c| c.is_ascii_alphanumeric() || *c == '-').take(40).collect::<String>(),
        },
    )?;
    let mut res = with_csp(html.into_response(), &map_csp(state, true));
    res.headers_mut().remove(header::X_FRAME_OPTIONS);
    Ok(res)
}

/// `GET /embed/groups`: the directory with minimal chrome, for any site.
pub async fn embed_groups(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(query): Query<DirectoryQuery>,
) -> AppResult<Response> {
    embed_page(&state, &anonymous(ctx), &query, None).await
}

/// `GET /embed/e/{keyword}`.
pub async fn embed_ecosystem(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(keyword): Path<String>,
    Query(query): Query<DirectoryQuery>,
) -> AppResult<Response> {
    let normalized = rules::normalize_keyword(&keyword).map_err(|e| Problem::Invalid(vec![e]))?;
    embed_page(&state, &anonymous(ctx), &query, Some(&normalized)).await
}

/// Embeds show what anybody may see, whoever looks at the host page.
fn anonymous(mut ctx: Ctx) -> Ctx {
    ctx.user = None;
    ctx.session = None;
    ctx
}

// ---------------------------------------------------------------- map data and export

/// The GeoJSON FeatureCollection of listed groups with a point.
pub async fn geojson(
    state: &AppState,
    lang: Lang,
    query: &DirectoryQuery,
) -> AppResult<serde_json::Value> {
    let mut filter = query.filter(None).map_err(Problem::Invalid)?;
    filter.with_point = true;
    filter.limit = 10_000;
    filter.offset = 0;
    let (groups, _) = state.store.list_groups(&filter).await?;
    // Three kinds: translate their labels once, not once per group.
    let labels: std::collections::HashMap<&str, String> = GroupKind::ALL
        .iter()
        .map(|k| (k.code(), t(lang, &format!("kind-{}", k.code()))))
        .collect();
    let features: Vec<serde_json::Value> = groups
        .into_iter()
        .filter_map(|l| {
            let g = l.group;
            let (lat, lon) = (g.latitude?, g.longitude?);
            Some(serde_json::json!({
                "type": "Feature",
                "geometry": { "type": "Point", "coordinates": [lon, lat] },
                "properties": {
                    "slug": g.slug,
                    "name": g.name,
                    "summary": g.summary,
                    "kind": g.kind,
                    "kind_label": labels.get(g.kind.as_str()).cloned().unwrap_or_default(),
                    "status": g.status,
                    "member_count": g.member_count,
                    "keywords": l.keywords,
                    "url": state.config.absolute(&format!("/g/{}", g.slug)),
                },
            }))
        })
        .collect();
    Ok(serde_json::json!({ "type": "FeatureCollection", "features": features }))
}

/// One CSV cell, quoted, and protected against formula injection in
/// spreadsheets. A plain number (a negative coordinate) is no formula and
/// stays a number.
fn cell(value: &str) -> String {
    let number = value.parse::<f64>().is_ok_and(f64::is_finite);
    let guarded = if !number && value.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{value}")
    } else {
        value.to_string()
    };
    format!("\"{}\"", guarded.replace('"', "\"\""))
}

/// `GET /groups.csv`: every listed group with all its public card fields.
pub async fn csv(State(state): State<AppState>, ctx: Ctx) -> AppResult<Response> {
    let filter = GroupFilter {
        include_archived: true,
        limit: 100_000,
        ..Default::default()
    };
    let (groups, _) = state.store.list_groups(&filter).await?;
    let mut header_row: Vec<String> = [
        "slug",
        "name",
        "summary",
        "kind",
        "status",
        "hosted",
        "joining",
        "description",
        "keywords",
        "country",
        "region",
        "latitude",
        "longitude",
        "member_count",
        "license",
        "partners",
        "partner_logos",
        "url",
        "banner_url",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    header_row.extend(
        ServiceLink::ALL
            .iter()
            .map(|s| format!("link_{}", s.code())),
    );
    let mut out = header_row
        .iter()
        .map(|h| cell(h))
        .collect::<Vec<_>>()
        .join(",");
    out.push_str("\r\n");
    let anonymous = Viewer::anonymous();
    for l in groups {
        let g = &l.group;
        let partners = state.store.group_partners(g.id).await?;
        let stored = state.store.group_links(g.id).await?;
        let absolute = |p: &str| state.config.absolute(p);
        let links = visible_links(g, &stored, &anonymous, None, &absolute);
        let license = License::from_code(&g.license).unwrap_or_default();
        let mut row = vec![
            g.slug.clone(),
            g.name.clone(),
            g.summary.clone(),
            g.kind.clone(),
            g.status.code().to_string(),
            g.hosted.to_string(),
            g.joining.code().to_string(),
            g.description.clone(),
            l.keywords.join(", "),
            g.country.clone().unwrap_or_default(),
            g.region.clone().unwrap_or_default(),
            g.latitude.map(|v| v.to_string()).unwrap_or_default(),
            g.longitude.map(|v| v.to_string()).unwrap_or_default(),
            g.member_count.to_string(),
            license_label(license, g.license_other.as_deref(), ctx.lang),
            partners
                .iter()
                .map(|p| match &p.url {
                    Some(u) => format!("{} <{u}>", p.name),
                    None => p.name.clone(),
                })
                .collect::<Vec<_>>()
                .join("; "),
            // One entry per partner, in the same order (empty: no logo).
            partners
                .iter()
                .map(|p| {
                    p.logo_version
                        .map(|v| {
                            state.config.absolute(&format!(
                                "/g/{}/partners/{}/logo.png?v={v}",
                                g.slug, p.id
                            ))
                        })
                        .unwrap_or_default()
                })
                .collect::<Vec<_>>()
                .join("; "),
            state.config.absolute(&format!("/g/{}", g.slug)),
            // Every group has a banner: the uploaded one, or one drawn for it.
            state.config.absolute(&match g.banner_version {
                Some(v) => format!("/g/{}/banner.jpg?v={v}", g.slug),
                None => format!("/g/{}/banner.jpg", g.slug),
            }),
        ];
        for service in ServiceLink::ALL {
            row.push(
                links
                    .iter()
                    .find(|x| x.service == service.code())
                    .map(|x| x.url.clone())
                    .unwrap_or_default(),
            );
        }
        out.push_str(&row.iter().map(|c| cell(c)).collect::<Vec<_>>().join(","));
        out.push_str("\r\n");
    }
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"groupes.csv\"",
            ),
        ],
        out,
    )
        .into_response())
}
