//! The groups' API: the directory (a page of cards, the map's GeoJSON), one
//! card, proposing and editing a card, joining and leaving.

use std::collections::BTreeMap;

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use essaim_app::groups::JoinOutcome;
use essaim_domain::groups::{GroupCardInput, PartnerInput};
use essaim_domain::permissions::Viewer;
use essaim_domain::{Invalid, Problem};
use essaim_store::groups::Group;
use serde::{Deserialize, Serialize};
use utoipa::openapi::schema::{ArrayBuilder, Object, ObjectBuilder, Schema, SchemaType, Type};
use utoipa::openapi::RefOr;
use utoipa::{IntoParams, ToSchema};

use super::schema;
use super::{Caller, ErrorBody};
use crate::ctx::Ctx;
use crate::directory::DirectoryQuery;
use crate::error::AppResult;
use crate::groups as web_groups;
use crate::AppState;

/// A group's short address, in its normal form: the server refuses any other
/// spelling (capitals, spaces), so the address sent is the group's address.
const SLUG_PATTERN: &str = "^[a-z0-9]+(-[a-z0-9]+)*$";

/// A group as the API shows it.
#[derive(Debug, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct GroupOut {
    #[schema(pattern = "^[a-z0-9]+(-[a-z0-9]+)*$", min_length = 2, max_length = 40)]
    slug: String,
    name: String,
    #[schema(max_length = 140)]
    summary: String,
    #[schema(schema_with = schema::group_kind)]
    kind: String,
    /// Formatted text (Markdown).
    description: String,
    keywords: Vec<String>,
    partners: Vec<PartnerOut>,
    country: Option<String>,
    region: Option<String>,
    #[schema(minimum = -90, maximum = 90)]
    latitude: Option<f64>,
    #[schema(minimum = -180, maximum = 180)]
    longitude: Option<f64>,
    #[schema(minimum = 0)]
    member_count: i64,
    #[schema(schema_with = schema::group_status)]
    status: String,
    #[schema(schema_with = schema::license)]
    license: String,
    /// Links to the group's services, by service (those anybody may see).
    #[schema(schema_with = links_out)]
    links: BTreeMap<String, String>,
    hosted: bool,
    #[schema(schema_with = schema::joining)]
    joining: String,
    url: String,
    /// Only in the answer to a proposal: false while waiting for a helper's approval.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(value_type = bool)]
    listed: Option<bool>,
}

/// A partner shown on a card.
#[derive(Debug, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PartnerOut {
    name: String,
    url: Option<String>,
    logo_url: Option<String>,
}

fn links_out() -> Object {
    ObjectBuilder::new()
        .schema_type(Type::Object)
        .property_names(Some(
            ObjectBuilder::new()
                .schema_type(Type::String)
                .enum_values(Some(schema::services())),
        ))
        .additional_properties(Some(ObjectBuilder::new().schema_type(Type::String)))
        .build()
}

/// A group as the API shows it.
async fn group_out(
    state: &AppState,
    group: &Group,
    keywords: Option<Vec<String>>,
) -> AppResult<GroupOut> {
    let keywords = match keywords {
        Some(k) => k,
        None => state.store.group_keywords(group.id).await?,
    };
    let partners = state.store.group_partners(group.id).await?;
    let stored = state.store.group_links(group.id).await?;
    let absolute = |p: &str| state.config.absolute(p);
    // The API shows what anybody may see: closed links stay closed.
    let links = web_groups::visible_links(group, &stored, &Viewer::anonymous(), None, &absolute);
    Ok(GroupOut {
        slug: group.slug.clone(),
        name: group.name.clone(),
        summary: group.summary.clone(),
        kind: group.kind.clone(),
        description: group.description.clone(),
        keywords,
        partners: partners
            .into_iter()
            .map(|p| PartnerOut {
                logo_url: p.logo_version.map(|v| {
                    state.config.absolute(&format!(
                        "/g/{}/partners/{}/logo.png?v={v}",
                        group.slug, p.id
                    ))
                }),
                name: p.name,
                url: p.url,
            })
            .collect(),
        country: group.country.clone(),
        region: group.region.clone(),
        latitude: group.latitude,
        longitude: group.longitude,
        member_count: group.member_count,
        status: group.status.code().to_string(),
        license: group.license.clone(),
        links: links
            .into_iter()
            .map(|l| (l.service.to_string(), l.url))
            .collect(),
        hosted: group.hosted,
        joining: group.joining.code().to_string(),
        url: state.config.absolute(&format!("/g/{}", group.slug)),
        listed: None,
    })
}

/// A page of the directory.
#[derive(Debug, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct GroupPage {
    groups: Vec<GroupOut>,
    #[schema(minimum = 0)]
    total: i64,
    #[schema(minimum = 1, maximum = 100_000)]
    page: i64,
    #[schema(minimum = 1, maximum = 200)]
    per_page: i64,
}

/// The directory's filters.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[serde(default)]
#[into_params(parameter_in = Query)]
pub struct MapFilters {
    /// One keyword of the ecosystem (empty: all); a keyword no card could
    /// have is refused.
    #[param(required = false, schema_with = schema::keyword_filter)]
    keyword: String,
    /// A kind (empty: all).
    #[param(required = false, schema_with = kind_filter)]
    kind: String,
    /// A status (empty: all).
    #[param(required = false, schema_with = status_filter)]
    status: String,
    /// Words searched in the cards.
    #[param(required = false)]
    q: String,
    /// A country code (empty: all).
    #[param(required = false, schema_with = country_filter)]
    country: String,
    /// A region.
    #[param(required = false)]
    region: String,
    /// `1` or `true` to show archived groups too.
    #[param(required = false, schema_with = flag)]
    archived: String,
}

/// The directory's filters and page.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[serde(default)]
#[into_params(parameter_in = Query)]
pub struct ListFilters {
    /// One keyword of the ecosystem (empty: all); a keyword no card could
    /// have is refused.
    #[param(required = false, schema_with = schema::keyword_filter)]
    keyword: String,
    /// A kind (empty: all).
    #[param(required = false, schema_with = kind_filter)]
    kind: String,
    /// A status (empty: all).
    #[param(required = false, schema_with = status_filter)]
    status: String,
    /// Words searched in the cards.
    #[param(required = false)]
    q: String,
    /// A country code (empty: all).
    #[param(required = false, schema_with = country_filter)]
    country: String,
    /// A region.
    #[param(required = false)]
    region: String,
    /// `1` or `true` to show archived groups too.
    #[param(required = false, schema_with = flag)]
    archived: String,
    /// The page, from 1.
    #[param(required = false, value_type = i64, minimum = 1, maximum = 100_000)]
    page: Option<i64>,
    /// Groups a page (24 when absent).
    #[param(required = false, value_type = i64, minimum = 1, maximum = 200)]
    per_page: Option<i64>,
}

impl From<MapFilters> for DirectoryQuery {
    fn from(f: MapFilters) -> Self {
        DirectoryQuery {
            keyword: f.keyword,
            kind: f.kind,
            status: f.status,
            q: f.q,
            country: f.country,
            region: f.region,
            archived: f.archived,
            ..DirectoryQuery::default()
        }
    }
}

impl From<ListFilters> for DirectoryQuery {
    fn from(f: ListFilters) -> Self {
        DirectoryQuery {
            keyword: f.keyword,
            kind: f.kind,
            status: f.status,
            q: f.q,
            country: f.country,
            region: f.region,
            archived: f.archived,
            page: f.page,
            per_page: f.per_page,
            ..DirectoryQuery::default()
        }
    }
}

fn with_empty(values: impl IntoIterator<Item = &'static str>) -> Object {
    ObjectBuilder::new()
        .schema_type(Type::String)
        .enum_values(Some(std::iter::once("").chain(values)))
        .build()
}

fn kind_filter() -> Object {
    with_empty(essaim_domain::groups::GroupKind::ALL.map(|k| k.code()))
}

fn status_filter() -> Object {
    with_empty(essaim_domain::groups::GroupStatus::ALL.map(|s| s.code()))
}

fn country_filter() -> Object {
    with_empty(essaim_domain::groups::country_codes())
}

fn flag() -> Object {
    with_empty(["0", "1", "false", "true"])
}

/// `GET /api/v1/groups`: listed groups, filtered and paged.
#[utoipa::path(get, security((), ("bearer" = [])), path = "/groups", tag = "groups", params(ListFilters),
    responses(
        (status = 200, description = "A page of listed groups", body = GroupPage),
        (status = 400, description = "A parameter of the wrong type", body = ErrorBody),
        (status = 401, description = "A wrong token", body = ErrorBody),
        (status = 422, description = "A filter refused", body = ErrorBody),
    ))]
pub async fn list(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(filters): Query<ListFilters>,
) -> AppResult<Json<GroupPage>> {
    if ctx.bad_token {
        return Err(Problem::Unauthenticated.into());
    }
    let query = DirectoryQuery::from(filters);
    let filter = query.filter(None).map_err(Problem::Invalid)?;
    let (groups, total) = state.store.list_groups(&filter).await?;
    let mut out = Vec::new();
    for l in groups {
        out.push(group_out(&state, &l.group, Some(l.keywords)).await?);
    }
    Ok(Json(GroupPage {
        groups: out,
        total,
        page: query.page.unwrap_or(1),
        per_page: filter.limit,
    }))
}

/// `GET /api/v1/groups/{slug}`.
#[utoipa::path(get, security((), ("bearer" = [])), path = "/groups/{slug}", tag = "groups",
    params(("slug" = String, Path, description = "The group's short address")),
    responses(
        (status = 200, description = "The group's card", body = GroupOut),
        (status = 401, description = "A wrong token", body = ErrorBody),
        (status = 404, description = "No such group (or not visible)", body = ErrorBody),
    ))]
pub async fn show(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
) -> AppResult<Json<GroupOut>> {
    if ctx.bad_token {
        return Err(Problem::Unauthenticated.into());
    }
    let loaded = web_groups::load(&state, &ctx, &slug).await?;
    Ok(Json(group_out(&state, &loaded.group, None).await?))
}

/// The map's GeoJSON (`application/geo+json`).
#[derive(Debug, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct FeatureCollection {
    #[serde(rename = "type")]
    #[schema(schema_with = feature_collection_type)]
    kind: String,
    features: Vec<Feature>,
}

/// One group on the map.
#[derive(Debug, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Feature {
    #[serde(rename = "type")]
    #[schema(schema_with = feature_type)]
    kind: String,
    geometry: Point,
    properties: FeatureProperties,
}

/// A point: `[longitude, latitude]`.
#[derive(Debug, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Point {
    #[serde(rename = "type")]
    #[schema(schema_with = point_type)]
    kind: String,
    #[schema(min_items = 2, max_items = 2)]
    coordinates: Vec<f64>,
}

/// What the map shows of a group.
#[derive(Debug, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct FeatureProperties {
    slug: String,
    name: String,
    summary: String,
    #[schema(schema_with = schema::group_kind)]
    kind: String,
    /// The kind in the caller's language.
    kind_label: String,
    #[schema(schema_with = schema::group_status)]
    status: String,
    #[schema(minimum = 0)]
    member_count: i64,
    keywords: Vec<String>,
    url: String,
}

fn one(value: &'static str) -> Object {
    ObjectBuilder::new()
        .schema_type(Type::String)
        .enum_values(Some([value]))
        .build()
}

fn feature_collection_type() -> Object {
    one("FeatureCollection")
}

fn feature_type() -> Object {
    one("Feature")
}

fn point_type() -> Object {
    one("Point")
}

/// `GET /api/v1/groups.geojson`: the listed groups with a point.
#[utoipa::path(get, security((), ("bearer" = [])), path = "/groups.geojson", tag = "groups", params(MapFilters),
    responses(
        (status = 200, description = "The groups on the map", body = FeatureCollection,
            content_type = "application/geo+json"),
        (status = 400, description = "A parameter of the wrong type", body = ErrorBody),
        (status = 401, description = "A wrong token", body = ErrorBody),
        (status = 422, description = "A filter refused", body = ErrorBody),
    ))]
pub async fn geojson(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(filters): Query<MapFilters>,
) -> AppResult<Response> {
    if ctx.bad_token {
        return Err(Problem::Unauthenticated.into());
    }
    let query = DirectoryQuery::from(filters);
    let doc = crate::directory::geojson(&state, ctx.lang, &query).await?;
    Ok((
        [
            (axum::http::header::CONTENT_TYPE, "application/geo+json"),
            (axum::http::header::CACHE_CONTROL, "public, max-age=60"),
        ],
        doc.to_string(),
    )
        .into_response())
}

// ---------------------------------------------------------------- proposing and editing

/// The body of `POST /api/v1/groups`: a card to propose.
pub struct GroupIn;

/// The body of `PATCH /api/v1/groups/{slug}`: only the fields given change.
pub struct GroupPatch;

impl utoipa::PartialSchema for GroupIn {
    fn schema() -> RefOr<Schema> {
        card_schema(true).into()
    }
}
impl ToSchema for GroupIn {}

impl utoipa::PartialSchema for GroupPatch {
    fn schema() -> RefOr<Schema> {
        card_schema(false).into()
    }
}
impl ToSchema for GroupPatch {}

fn text(min: usize, max: usize) -> ObjectBuilder {
    let mut b = ObjectBuilder::new()
        .schema_type(Type::String)
        .max_length(Some(max));
    if min > 0 {
        b = b.min_length(Some(min)).pattern(Some(r"\S"));
    }
    b
}

fn nullable(kind: Type) -> SchemaType {
    SchemaType::from_iter([kind, Type::Null])
}

fn number(min: f64, max: f64) -> ObjectBuilder {
    ObjectBuilder::new()
        .schema_type(nullable(Type::Number))
        .minimum(Some(min))
        .maximum(Some(max))
}

/// The card's fields as the API reads them (`apply_json`): text fields take
/// a string (`null` clears those that may be empty), numbers a number.
fn card_schema(create: bool) -> Object {
    let links = {
        let mut b = ObjectBuilder::new()
            .schema_type(nullable(Type::Object))
            .description(Some(
                "Links to the group's services, by service; null or \"\" removes one",
            ));
        for service in schema::services() {
            b = b.property(
                service,
                ObjectBuilder::new()
                    .schema_type(nullable(Type::String))
                    .max_length(Some(essaim_domain::groups::URL_MAX)),
            );
        }
        b.additional_properties(Some(
            utoipa::openapi::schema::AdditionalProperties::FreeForm(false),
        ))
    };
    let partner = ObjectBuilder::new()
        .schema_type(Type::Object)
        .property("name", text(1, essaim_domain::groups::PARTNER_NAME_MAX))
        .property(
            "url",
            ObjectBuilder::new()
                .schema_type(nullable(Type::String))
                .max_length(Some(essaim_domain::groups::URL_MAX)),
        )
        .property(
            "logo_url",
            ObjectBuilder::new()
                .schema_type(SchemaType::AnyValue)
                .description(Some("Read-only: ignored")),
        )
        .required("name")
        .additional_properties(Some(
            utoipa::openapi::schema::AdditionalProperties::FreeForm(false),
        ));
    let keyword = ObjectBuilder::new()
        .schema_type(Type::String)
        .max_length(Some(essaim_domain::groups::KEYWORD_MAX))
        .pattern(Some(r"^[^/?#<>\\,]*$"));
    let mut b = ObjectBuilder::new()
        .schema_type(Type::Object)
        .property(
            "name",
            text(essaim_domain::groups::GROUP_NAME_MIN, essaim_domain::groups::GROUP_NAME_MAX),
        )
        .property("summary", text(1, essaim_domain::groups::SUMMARY_MAX))
        .property("kind", schema::group_kind())
        .property(
            "slug",
            ObjectBuilder::new()
                .schema_type(Type::String)
                .min_length(Some(essaim_domain::groups::SLUG_MIN))
                .max_length(Some(essaim_domain::groups::SLUG_MAX))
                .pattern(Some(SLUG_PATTERN))
                .description(Some(if create {
                    "The short address, in small letters (its normal form, refused otherwise); some words are reserved"
                } else {
                    "Cannot change: only the group's own short address is accepted"
                })),
        )
        .property(
            "description",
            ObjectBuilder::new()
                .schema_type(nullable(Type::String))
                .max_length(Some(essaim_domain::groups::DESCRIPTION_MAX))
                .description(Some("Formatted text (Markdown)")),
        )
        .property(
            "keywords",
            ArrayBuilder::new()
                .schema_type(nullable(Type::Array))
                .items(keyword)
                .description(Some("At most 20 different keywords")),
        )
        .property(
            "partners",
            ArrayBuilder::new()
                .schema_type(nullable(Type::Array))
                .items(partner)
                .max_items(Some(essaim_domain::groups::PARTNERS_MAX)),
        )
        .property(
            "country",
            ObjectBuilder::new()
                .schema_type(nullable(Type::String))
                .enum_values(Some(
                    std::iter::once(serde_json::Value::from(""))
                        .chain(essaim_domain::groups::country_codes().map(serde_json::Value::from))
                        .chain(std::iter::once(serde_json::Value::Null)),
                )),
        )
        .property(
            "region",
            ObjectBuilder::new()
                .schema_type(nullable(Type::String))
                .max_length(Some(essaim_domain::groups::REGION_MAX)),
        )
        .property(
            "latitude",
            number(-90.0, 90.0).description(Some("Given with the longitude, or neither")),
        )
        .property(
            "longitude",
            number(-180.0, 180.0).description(Some("Given with the latitude, or neither")),
        )
        .property(
            "member_count",
            ObjectBuilder::new()
                .schema_type(nullable(Type::Integer))
                .minimum(Some(0))
                .maximum(Some(essaim_domain::groups::MEMBER_COUNT_MAX))
                .description(Some("Referenced groups only; computed for hosted groups")),
        )
        .property("status", schema::group_status_input())
        .property("license", schema::license_input())
        .property(
            "license_other",
            ObjectBuilder::new()
                .schema_type(nullable(Type::String))
                .description(Some("The license's name when `license` is `other` (at most 200 characters); ignored otherwise")),
        )
        .property("links", links)
        .property(
            "hosted",
            ObjectBuilder::new().schema_type(Type::Boolean).description(Some(if create {
                "Hosted here (true, the default) or referenced"
            } else {
                "Cannot change"
            })),
        )
        .property("joining", schema::joining_input())
        .additional_properties(Some(utoipa::openapi::schema::AdditionalProperties::FreeForm(false)));
    if create {
        b = b
            .property(
                "charter_accepted",
                ObjectBuilder::new()
                    .schema_type(Type::Boolean)
                    .enum_values(Some([true]))
                    .description(Some(
                        "Must be true: the group accepts the network's charter (open to all, develops its members' power to act, shares its productions under a free license)",
                    )),
            )
            .required("name")
            .required("summary")
            .required("kind")
            .required("slug")
            .required("charter_accepted");
    } else {
        b = b
            .property(
                "url",
                ObjectBuilder::new()
                    .schema_type(SchemaType::AnyValue)
                    .description(Some("Read-only: ignored")),
            )
            .property(
                "charter_accepted",
                ObjectBuilder::new()
                    .schema_type(SchemaType::AnyValue)
                    .description(Some("Ignored")),
            )
            .description(Some(
                "Only the fields given change; slug and hosted cannot change",
            ));
    }
    b.build()
}

fn invalid(field: &'static str, key: &'static str) -> Vec<Invalid> {
    vec![Invalid::new(field, key)]
}

/// Applies a JSON object's fields to a card input; wrong types and unknown
/// fields are refused.
fn apply_json(
    input: &mut GroupCardInput,
    object: &serde_json::Map<String, serde_json::Value>,
) -> Result<(), Vec<Invalid>> {
    use essaim_domain::groups as rules;
    use serde_json::Value;
    // The document's maxLength counts the characters of the string as sent
    // (a CR LF counts twice there): refused past it, whatever trimming the
    // card's rules do next.
    let sent = |s: &str, max: usize, field: &'static str, key: &'static str| {
        if s.chars().count() > max {
            Err(invalid(field, key))
        } else {
            Ok(())
        }
    };
    let text = |field: &'static str, v: &Value| -> Result<String, Vec<Invalid>> {
        match v {
            Value::Null => Ok(String::new()),
            Value::String(s) => Ok(s.clone()),
            _ => Err(invalid(field, "error-json-type")),
        }
    };
    let number = |field: &'static str, v: &Value| -> Result<String, Vec<Invalid>> {
        match v {
            Value::Null => Ok(String::new()),
            Value::Number(n) => Ok(n.to_string()),
            _ => Err(invalid(field, "error-json-type")),
        }
    };
    // A coordinate is read as the form's decimal text: written without an
    // exponent, to a tenth of a micro-degree (a centimetre).
    let coordinate = |field: &'static str, v: &Value| -> Result<String, Vec<Invalid>> {
        match v {
            Value::Null => Ok(String::new()),
            Value::Number(n) => match n.as_f64() {
                Some(x) if x.abs() <= 1000.0 => Ok(format!("{x:.7}")),
                _ => Ok(n.to_string()),
            },
            _ => Err(invalid(field, "error-json-type")),
        }
    };
    for (key, value) in object {
        match key.as_str() {
            "name" => match value {
                Value::String(s) => {
                    sent(
                        s,
                        rules::GROUP_NAME_MAX,
                        "name",
                        "error-group-name-too-long",
                    )?;
                    input.name = s.clone();
                }
                _ => return Err(invalid("name", "error-json-type")),
            },
            "summary" => match value {
                Value::String(s) => {
                    sent(s, rules::SUMMARY_MAX, "summary", "error-summary-too-long")?;
                    input.summary = s.clone();
                }
                _ => return Err(invalid("summary", "error-json-type")),
            },
            "kind" => match value {
                Value::String(s) => input.kind = s.clone(),
                _ => return Err(invalid("kind", "error-json-type")),
            },
            "slug" => match value {
                Value::String(s) => input.slug = s.clone(),
                _ => return Err(invalid("slug", "error-json-type")),
            },
            "description" => {
                input.description = text("description", value)?;
                sent(
                    &input.description,
                    rules::DESCRIPTION_MAX,
                    "description",
                    "error-description-too-long",
                )?;
            }
            "country" => input.country = text("country", value)?,
            "region" => {
                input.region = text("region", value)?;
                sent(
                    &input.region,
                    rules::REGION_MAX,
                    "region",
                    "error-region-too-long",
                )?;
            }
            "status" => input.status = text("status", value)?,
            "license" => input.license = text("license", value)?,
            "license_other" => input.license_other = text("license_other", value)?,
            "joining" => input.joining = text("joining", value)?,
            "latitude" => input.latitude = coordinate("latitude", value)?,
            "longitude" => input.longitude = coordinate("longitude", value)?,
            "member_count" => input.member_count = number("member_count", value)?,
            "hosted" => match value {
                Value::Bool(b) => input.hosted = if *b { "on".into() } else { String::new() },
                _ => return Err(invalid("hosted", "error-json-type")),
            },
            "keywords" => match value {
                Value::Null => input.keywords = String::new(),
                Value::Array(items) => {
                    let mut words = Vec::new();
                    for item in items {
                        match item {
                            // A comma inside one keyword would split it: refuse.
                            Value::String(s) if !s.contains(',') => {
                                sent(s, rules::KEYWORD_MAX, "keywords", "error-keyword-too-long")?;
                                words.push(s.clone());
                            }
                            _ => return Err(invalid("keywords", "error-keyword-invalid")),
                        }
                    }
                    input.keywords = words.join(", ");
                }
                _ => return Err(invalid("keywords", "error-json-type")),
            },
            "partners" => match value {
                Value::Null => input.partners.clear(),
                Value::Array(items) => {
                    input.partners.clear();
                    for item in items {
                        let Value::Object(p) = item else {
                            return Err(invalid("partners", "error-json-type"));
                        };
                        let name = match p.get("name") {
                            // A partner needs a name (the form's blank rows do not come here).
                            Some(Value::String(s)) if s.trim().is_empty() => {
                                return Err(invalid("partner_name", "error-partner-name-empty"))
                            }
                            Some(Value::String(s)) => s.clone(),
                            _ => return Err(invalid("partner_name", "error-json-type")),
                        };
                        sent(
                            &name,
                            rules::PARTNER_NAME_MAX,
                            "partner_name",
                            "error-partner-name-too-long",
                        )?;
                        // `logo_url`, read-only, may come back unchanged.
                        if p.keys()
                            .any(|k| !matches!(k.as_str(), "name" | "url" | "logo_url"))
                        {
                            return Err(invalid("partners", "error-json-unknown-field"));
                        }
                        let url = text("partner_url", p.get("url").unwrap_or(&Value::Null))?;
                        sent(&url, rules::URL_MAX, "partner_url", "error-url-invalid")?;
                        input.partners.push(PartnerInput {
                            name,
                            url,
                            logo: String::new(),
                        });
                    }
                }
                _ => return Err(invalid("partners", "error-json-type")),
            },
            // Only the services given change, like the card's fields: the
            // links a caller cannot see (a closed group's internal links)
            // are kept; `null` or "" removes one.
            "links" => match value {
                Value::Null => input.links.clear(),
                Value::Object(map) => {
                    for (service, url) in map {
                        let url = text("links", url)?;
                        sent(&url, rules::URL_MAX, "links", "error-url-invalid")?;
                        input.links.insert(service.clone(), url);
                    }
                }
                _ => return Err(invalid("links", "error-json-type")),
            },
            // Read-only fields sent back unchanged are ignored.
            "url" | "charter_accepted" => {}
            _ => return Err(invalid("body", "error-json-unknown-field")),
        }
    }
    Ok(())
}

fn json_object(body: &axum::body::Bytes) -> AppResult<serde_json::Map<String, serde_json::Value>> {
    match serde_json::from_slice::<serde_json::Value>(body) {
        Ok(serde_json::Value::Object(map)) => Ok(map),
        _ => Err(Problem::Invalid(invalid("body", "error-json-body")).into()),
    }
}

/// `POST /api/v1/groups`: proposes a group (the charter must be accepted).
#[utoipa::path(post, path = "/groups", tag = "groups", request_body = GroupIn,
    responses(
        (status = 201, description = "Proposed (listed once a helper approves, when approval is needed)", body = GroupOut),
        (status = 401, description = "No or a wrong token", body = ErrorBody),
        (status = 403, description = "Not allowed", body = ErrorBody),
        (status = 422, description = "A field refused (also: short address taken or reserved, one coordinate without the other, `other` license without its name)", body = ErrorBody),
    ))]
pub async fn create(
    State(state): State<AppState>,
    caller: Caller,
    body: axum::body::Bytes,
) -> AppResult<Response> {
    let object = json_object(&body)?;
    let mut input = GroupCardInput {
        hosted: "on".into(),
        status: "active".into(),
        ..Default::default()
    };
    apply_json(&mut input, &object).map_err(Problem::Invalid)?;
    let mut errors = input.validate().err().unwrap_or_default();
    // The short address as sent must be the group's: in its normal form.
    if let Err(e) = essaim_domain::groups::check_slug_as_sent(&input.slug) {
        if !errors.iter().any(|x| x.field == "slug") {
            errors.push(e);
        }
    }
    if object.get("charter_accepted") != Some(&serde_json::Value::Bool(true)) {
        errors.push(Invalid::new("charter_accepted", "error-charter-required"));
    }
    if !errors.is_empty() {
        return Err(Problem::Invalid(errors).into());
    }
    let card = input.validate().map_err(Problem::Invalid)?;
    if state.store.slug_taken(&card.slug).await? {
        return Err(Problem::Invalid(invalid("slug", "error-slug-taken")).into());
    }
    let group = web_groups::create(&state, &caller.ctx, &card).await?;
    let mut body = group_out(&state, &group, None).await?;
    body.listed = Some(group.listed);
    Ok((StatusCode::CREATED, Json(body)).into_response())
}

/// `PATCH /api/v1/groups/{slug}`: edits the given fields of a card.
#[utoipa::path(patch, path = "/groups/{slug}", tag = "groups", request_body = GroupPatch,
    params(("slug" = String, Path, description = "The group's short address")),
    responses(
        (status = 200, description = "The card as saved", body = GroupOut),
        (status = 401, description = "No or a wrong token", body = ErrorBody),
        (status = 403, description = "Not one of the group's facilitators", body = ErrorBody),
        (status = 404, description = "No such group", body = ErrorBody),
        (status = 422, description = "A field refused (also: another short address, a change of `hosted`, one coordinate without the other)", body = ErrorBody),
    ))]
pub async fn update(
    State(state): State<AppState>,
    caller: Caller,
    Path(slug): Path<String>,
    body: axum::body::Bytes,
) -> AppResult<Json<GroupOut>> {
    let loaded = web_groups::load(&state, &caller.ctx, &slug).await?;
    if !loaded.may_edit(&caller.ctx) {
        return Err(crate::error::forbidden());
    }
    let object = json_object(&body)?;
    let mut input = web_groups::input_of(&state, &loaded.group).await?;
    apply_json(&mut input, &object).map_err(Problem::Invalid)?;
    if input.slug != loaded.group.slug {
        // Another spelling of its own address is refused as such.
        let key = match essaim_domain::groups::check_slug_as_sent(&input.slug) {
            Err(e) if e.key == "error-slug-lowercase" => "error-slug-lowercase",
            _ => "error-slug-fixed",
        };
        return Err(Problem::Invalid(invalid("slug", key)).into());
    }
    if (input.hosted == "on") != loaded.group.hosted {
        return Err(Problem::Invalid(invalid("hosted", "error-hosted-fixed")).into());
    }
    let card = input.validate().map_err(Problem::Invalid)?;
    state
        .store
        .update_group(
            loaded.group.id,
            &essaim_store::groups::GroupFields::of(&card),
        )
        .await?;
    let group = state
        .store
        .group_by_slug(&slug)
        .await?
        .ok_or_else(crate::error::not_found)?;
    Ok(Json(group_out(&state, &group, None).await?))
}

/// What became of the caller's membership.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum MembershipWord {
    /// A member (now or already).
    Member,
    /// Asked; a facilitator will answer.
    Requested,
    /// Left the group.
    Left,
    /// Was not a member.
    NotMember,
}

/// The answer of joining or leaving.
#[derive(Debug, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MembershipStatus {
    status: MembershipWord,
}

/// `POST /api/v1/groups/{slug}/membership`: join (or ask to join).
#[utoipa::path(post, path = "/groups/{slug}/membership", tag = "groups",
    params(("slug" = String, Path, description = "The group's short address")),
    responses(
        (status = 200, description = "Already a member", body = MembershipStatus),
        (status = 201, description = "Joined", body = MembershipStatus),
        (status = 202, description = "Asked to join", body = MembershipStatus),
        (status = 401, description = "No or a wrong token", body = ErrorBody),
        (status = 403, description = "Not allowed", body = ErrorBody),
        (status = 404, description = "No such group", body = ErrorBody),
        (status = 422, description = "The group cannot be joined (archived, not yet approved, or referenced)", body = ErrorBody),
    ))]
pub async fn join(
    State(state): State<AppState>,
    caller: Caller,
    Path(slug): Path<String>,
) -> AppResult<Response> {
    let loaded = web_groups::load(&state, &caller.ctx, &slug).await?;
    let outcome =
        essaim_app::groups::join(&state.app, &caller.ctx.actor(), &loaded.group, Some("")).await?;
    let (status, word) = match outcome {
        JoinOutcome::Joined => (StatusCode::CREATED, MembershipWord::Member),
        JoinOutcome::AlreadyMember => (StatusCode::OK, MembershipWord::Member),
        JoinOutcome::Requested | JoinOutcome::RequestNeeded => {
            (StatusCode::ACCEPTED, MembershipWord::Requested)
        }
    };
    Ok((status, Json(MembershipStatus { status: word })).into_response())
}

/// `DELETE /api/v1/groups/{slug}/membership`: leave.
#[utoipa::path(delete, path = "/groups/{slug}/membership", tag = "groups",
    params(("slug" = String, Path, description = "The group's short address")),
    responses(
        (status = 200, description = "Left, or was not a member", body = MembershipStatus),
        (status = 401, description = "No or a wrong token", body = ErrorBody),
        (status = 403, description = "Not allowed", body = ErrorBody),
        (status = 404, description = "No such group", body = ErrorBody),
        (status = 422, description = "Cannot leave (the group's last facilitator)", body = ErrorBody),
    ))]
pub async fn leave(
    State(state): State<AppState>,
    caller: Caller,
    Path(slug): Path<String>,
) -> AppResult<Json<MembershipStatus>> {
    let loaded = web_groups::load(&state, &caller.ctx, &slug).await?;
    let was_member = web_groups::leave(&state, &caller.ctx, &loaded).await?;
    let status = if was_member {
        MembershipWord::Left
    } else {
        MembershipWord::NotMember
    };
    Ok(Json(MembershipStatus { status }))
}
