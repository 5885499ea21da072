//! The meetings' API: the meetings ahead (everywhere, or one group's), and
//! scheduling one.

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use chrono_tz::Tz;
use essaim_domain::meetings::{self as rules, MeetingInput};
use essaim_domain::{Invalid, Problem};
use essaim_store::meetings::Meeting;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::{schema, Caller, ErrorBody};
use crate::ctx::Ctx;
use crate::error::{not_found, AppResult};
use crate::groups;
use crate::meetings::{agenda_query, tz_of, AgendaQuery};
use crate::AppState;

/// A meeting as the API shows it.
#[derive(Debug, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MeetingOut {
    id: i64,
    url: String,
    /// The group's short address.
    group: String,
    group_name: String,
    title: String,
    /// Formatted text (Markdown).
    description: String,
    /// With the offset of the meeting's time zone at that moment.
    #[schema(value_type = Option<String>, format = DateTime)]
    starts_at: Option<String>,
    #[schema(value_type = Option<String>, format = DateTime)]
    ends_at: Option<String>,
    /// IANA name, e.g. Europe/Paris.
    timezone: String,
    address: Option<String>,
    #[schema(minimum = -90, maximum = 90)]
    latitude: Option<f64>,
    #[schema(minimum = -180, maximum = 180)]
    longitude: Option<f64>,
    online_url: Option<String>,
    #[schema(minimum = 1)]
    capacity: Option<i64>,
    #[schema(schema_with = schema::visibility)]
    visibility: String,
    #[schema(schema_with = schema::meeting_status)]
    status: String,
    /// People going.
    #[schema(minimum = 0)]
    going: i64,
    /// Part of a regular series.
    series: bool,
    /// Its minutes are written in the group's space.
    has_minutes: bool,
}

/// Meetings ahead, soonest first.
#[derive(Debug, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MeetingList {
    meetings: Vec<MeetingOut>,
}

/// A time as RFC 3339 with the offset of `tz` at that moment.
fn rfc3339(tz: Tz, t: i64) -> Option<String> {
    use chrono::TimeZone;
    tz.timestamp_opt(t, 0).single().map(|d| d.to_rfc3339())
}

fn meeting_out(state: &AppState, m: &Meeting) -> MeetingOut {
    let tz = tz_of(m);
    MeetingOut {
        id: m.id,
        url: state.config.absolute(&m.path()),
        group: m.group_slug.clone(),
        group_name: m.group_name.clone(),
        title: m.title.clone(),
        description: m.description.clone(),
        starts_at: rfc3339(tz, m.starts_at),
        ends_at: rfc3339(tz, m.ends_at),
        timezone: m.timezone.clone(),
        address: m.address.clone(),
        latitude: m.latitude,
        longitude: m.longitude,
        online_url: m.online_url.clone(),
        capacity: m.capacity,
        visibility: m.visibility.code().to_string(),
        status: m.status.clone(),
        going: m.going,
        series: m.series_id.is_some(),
        has_minutes: m.minutes_page_id.is_some(),
    }
}

/// The filters of `GET /api/v1/meetings`.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[serde(default)]
#[into_params(parameter_in = Query)]
pub struct MeetingFilters {
    /// A group's short address (empty: all; an unknown group has none).
    #[param(required = false)]
    group: String,
    /// One keyword of the ecosystem (empty: all); a keyword no card could
    /// have is refused.
    #[param(required = false, schema_with = schema::keyword_filter)]
    keyword: String,
    /// A region (empty: all).
    #[param(required = false)]
    region: String,
    /// From (RFC 3339; now when absent).
    #[param(required = false, value_type = String, format = DateTime)]
    from: Option<String>,
    /// Until (RFC 3339).
    #[param(required = false, value_type = String, format = DateTime)]
    to: Option<String>,
}

/// The filters of `GET /api/v1/groups/{slug}/meetings`.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[serde(default)]
#[into_params(parameter_in = Query)]
pub struct GroupMeetingFilters {
    /// One keyword of the ecosystem (empty: all).
    #[param(required = false, schema_with = schema::keyword_filter)]
    keyword: String,
    /// A region (empty: all).
    #[param(required = false)]
    region: String,
    /// From (RFC 3339; now when absent).
    #[param(required = false, value_type = String, format = DateTime)]
    from: Option<String>,
    /// Until (RFC 3339).
    #[param(required = false, value_type = String, format = DateTime)]
    to: Option<String>,
}

/// Checks the filters as the document says them (a keyword no card could
/// have, a time that is not RFC 3339), then the agenda's own query.
fn agenda_of(
    group: String,
    keyword: String,
    region: String,
    from: Option<String>,
    to: Option<String>,
) -> AppResult<AgendaQuery> {
    let mut errors = Vec::new();
    if !keyword.is_empty() {
        if let Err(e) = essaim_domain::groups::normalize_keyword(&keyword) {
            errors.push(e);
        }
    }
    for (field, raw) in [("from", &from), ("to", &to)] {
        if let Some(raw) = raw {
            if let Err(e) = schema::check_date_time(field, raw) {
                errors.push(e);
            }
        }
    }
    if !errors.is_empty() {
        return Err(Problem::Invalid(errors).into());
    }
    Ok(AgendaQuery {
        group,
        keyword,
        region,
        from: from.unwrap_or_default(),
        to: to.unwrap_or_default(),
    })
}

/// `GET /api/v1/meetings`: meetings ahead the caller may see.
#[utoipa::path(get, security((), ("bearer" = [])), path = "/meetings", tag = "meetings",
    params(MeetingFilters),
    responses(
        (status = 200, description = "Meetings ahead the caller may see", body = MeetingList),
        (status = 400, description = "A parameter of the wrong type", body = ErrorBody),
        (status = 401, description = "A wrong token", body = ErrorBody),
        (status = 422, description = "A filter refused", body = ErrorBody),
    ))]
pub async fn list(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(f): Query<MeetingFilters>,
) -> AppResult<Json<MeetingList>> {
    if ctx.bad_token {
        return Err(Problem::Unauthenticated.into());
    }
    let q = agenda_of(f.group, f.keyword, f.region, f.from, f.to)?;
    let list = match agenda_query(&state, &ctx, &q, 500).await? {
        Some(query) => state.store.meetings(&query).await?,
        None => Vec::new(),
    };
    Ok(Json(MeetingList {
        meetings: list.iter().map(|m| meeting_out(&state, m)).collect(),
    }))
}

/// `GET /api/v1/groups/{slug}/meetings`: a group's meetings ahead.
#[utoipa::path(get, security((), ("bearer" = [])), path = "/groups/{slug}/meetings", tag = "meetings",
    params(("slug" = String, Path, description = "The group's short address"), GroupMeetingFilters),
    responses(
        (status = 200, description = "The group's meetings ahead", body = MeetingList),
        (status = 400, description = "A parameter of the wrong type", body = ErrorBody),
        (status = 401, description = "A wrong token", body = ErrorBody),
        (status = 404, description = "No such group", body = ErrorBody),
        (status = 422, description = "A filter refused", body = ErrorBody),
    ))]
pub async fn group_list(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
    Query(f): Query<GroupMeetingFilters>,
) -> AppResult<Json<MeetingList>> {
    if ctx.bad_token {
        return Err(Problem::Unauthenticated.into());
    }
    // The group first: an unknown one is a 404 whatever the filters.
    groups::load(&state, &ctx, &slug).await?;
    let q = agenda_of(slug, f.keyword, f.region, f.from, f.to)?;
    let Some(query) = agenda_query(&state, &ctx, &q, 500).await? else {
        return Err(not_found());
    };
    let list = state.store.meetings(&query).await?;
    Ok(Json(MeetingList {
        meetings: list.iter().map(|m| meeting_out(&state, m)).collect(),
    }))
}

/// The body of `POST /api/v1/groups/{slug}/meetings`.
#[derive(Debug, Deserialize, Default, ToSchema)]
#[serde(default, deny_unknown_fields)]
pub struct MeetingIn {
    #[schema(required = true, min_length = 1, max_length = 200, pattern = r"\S")]
    title: String,
    /// Formatted text (Markdown).
    #[schema(max_length = 20000)]
    description: String,
    /// RFC 3339, with an offset.
    #[schema(required = true, format = DateTime)]
    starts_at: String,
    /// RFC 3339, with an offset; after the start, at most 14 days later.
    #[schema(required = true, format = DateTime)]
    ends_at: String,
    #[schema(schema_with = schema::timezone_input)]
    timezone: String,
    #[schema(max_length = 300)]
    address: Option<String>,
    /// Given with the longitude, or neither.
    #[schema(minimum = -90, maximum = 90)]
    latitude: Option<f64>,
    /// Given with the latitude, or neither.
    #[schema(minimum = -180, maximum = 180)]
    longitude: Option<f64>,
    /// A web address (https:// or http://).
    #[schema(max_length = 2000)]
    online_url: Option<String>,
    /// Largest number of people going (none: no limit).
    #[schema(minimum = 1, maximum = 100_000)]
    capacity: Option<i64>,
    #[schema(schema_with = schema::visibility_input)]
    visibility: String,
}

impl super::AsSent for MeetingIn {
    /// What the document says that the meeting's rules do not (they trim
    /// and collapse what a form sends): lengths as sent, times in RFC 3339,
    /// codes exactly.
    fn check_as_sent(&self) -> Vec<Invalid> {
        let mut errors = Vec::new();
        let mut at_most = |field, text: Option<&str>, max, key| {
            if text.is_some_and(|t| t.chars().count() > max) {
                errors.push(Invalid::new(field, key));
            }
        };
        at_most(
            "title",
            Some(&self.title),
            rules::TITLE_MAX,
            "error-meeting-title-too-long",
        );
        at_most(
            "description",
            Some(&self.description),
            rules::DESCRIPTION_MAX,
            "error-meeting-description-too-long",
        );
        at_most(
            "address",
            self.address.as_deref(),
            rules::ADDRESS_MAX,
            "error-meeting-address-too-long",
        );
        at_most(
            "online_url",
            self.online_url.as_deref(),
            essaim_domain::groups::URL_MAX,
            "error-url-invalid",
        );
        for (field, raw) in [("starts_at", &self.starts_at), ("ends_at", &self.ends_at)] {
            if !raw.is_empty() {
                if let Err(e) = schema::check_date_time(field, raw) {
                    errors.push(e);
                }
            }
        }
        if let Err(e) = schema::check_timezone(&self.timezone) {
            errors.push(e);
        }
        if let Err(e) = schema::check_visibility(&self.visibility) {
            errors.push(e);
        }
        errors
    }
}

/// `POST /api/v1/groups/{slug}/meetings`: schedules a meeting.
#[utoipa::path(post, path = "/groups/{slug}/meetings", tag = "meetings", request_body = MeetingIn,
    params(("slug" = String, Path, description = "The group's short address")),
    responses(
        (status = 201, description = "Scheduled", body = MeetingOut),
        (status = 401, description = "No or a wrong token", body = ErrorBody),
        (status = 403, description = "Not allowed to organize", body = ErrorBody),
        (status = 404, description = "No such group", body = ErrorBody),
        (status = 422, description = "A field refused (also: an end before its start, a meeting longer than 14 days)", body = ErrorBody),
    ))]
pub async fn create(
    State(state): State<AppState>,
    caller: Caller,
    Path(slug): Path<String>,
    body: axum::body::Bytes,
) -> AppResult<Response> {
    let ctx = &caller.ctx;
    let (organizing, b) = super::organizing::<MeetingIn>(&state, ctx, &slug, &body).await?;
    let input = MeetingInput {
        title: b.title,
        description: b.description,
        starts_at: b.starts_at,
        ends_at: b.ends_at,
        timezone: b.timezone,
        address: b.address.unwrap_or_default(),
        latitude: b.latitude.map(|v| v.to_string()).unwrap_or_default(),
        longitude: b.longitude.map(|v| v.to_string()).unwrap_or_default(),
        online_url: b.online_url.unwrap_or_default(),
        capacity: b.capacity.map(|v| v.to_string()).unwrap_or_default(),
        visibility: b.visibility,
    };
    let draft = input
        .validate(state.config.timezone, true)
        .map_err(Problem::Invalid)?;
    let id = essaim_app::meetings::schedule(&state.app, organizing, &draft, None).await?;
    let m = state.store.meeting(id).await?.ok_or_else(not_found)?;
    Ok((StatusCode::CREATED, Json(meeting_out(&state, &m))).into_response())
}
