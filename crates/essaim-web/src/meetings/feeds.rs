//! Calendars (iCalendar): a group's, an ecosystem's, a person's, one meeting's.

use axum::extract::{Path, State};
use axum::http::{header, HeaderValue};
use axum::response::{IntoResponse, Response};
use essaim_domain::audience::Sight;
use essaim_domain::meetings::{self as rules, IcsEvent};
use essaim_store::meetings::{FeedMeeting, Meeting, MeetingQuery, WrittenEvent};

use crate::ctx::Ctx;
use crate::error::{not_found, AppResult};
use crate::AppState;

use super::load_meeting;

/// A meeting as an iCalendar event.
pub fn event(state: &AppState, m: &Meeting, stamp: i64) -> IcsEvent {
    feed_event(
        state,
        &FeedMeeting {
            id: m.id,
            title: m.title.clone(),
            description: m.description.clone(),
            starts_at: m.starts_at,
            ends_at: m.ends_at,
            address: m.address.clone(),
            latitude: m.latitude,
            longitude: m.longitude,
            online_url: m.online_url.clone(),
            status: m.status.clone(),
            sequence: m.sequence,
            group_slug: m.group_slug.clone(),
            group_name: m.group_name.clone(),
            updated_at: m.updated_at,
        },
        stamp,
    )
}

/// A feed's meeting as an iCalendar event.
pub fn feed_event(state: &AppState, m: &FeedMeeting, stamp: i64) -> IcsEvent {
    let place = match (&m.address, &m.online_url) {
        (Some(a), Some(u)) => Some(format!("{a} — {u}")),
        (Some(a), None) => Some(a.clone()),
        (None, Some(u)) => Some(u.clone()),
        (None, None) => None,
    };
    let url = state
        .config
        .absolute(&format!("/g/{}/meetings/{}", m.group_slug, m.id));
    IcsEvent {
        uid: format!("meeting-{}@{}", m.id, state.mail.domain),
        sequence: m.sequence,
        stamp,
        starts_at: m.starts_at,
        ends_at: m.ends_at,
        summary: format!("{} ({})", m.title, m.group_name),
        description: format!("{}\n\n{url}", m.description).trim().to_string(),
        location: place,
        geo: m.latitude.zip(m.longitude),
        url: Some(url),
        cancelled: m.status == "cancelled",
        organizer: None,
        attendee: None,
    }
}

fn ics_response(text: String, filename: &str) -> Response {
    let mut res = text.into_response();
    let h = res.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/calendar; charset=utf-8"),
    );
    if let Ok(v) = HeaderValue::from_str(&format!("inline; filename=\"{filename}\"")) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    res
}

/// Feeds cover the last 90 days and everything ahead.
const FEED_PAST: i64 = 90 * 86_400;
/// At most this many events in one feed.
pub const FEED_LIMIT: i64 = 20_000;

/// The version of what [`feed_event`] writes: raise it when the event text
/// changes, and every kept text is written again.
const FEED_WRITER: u32 = 1;

/// What kept event texts are written for: the writer's version and this
/// instance's address and mail domain (they are in every event).
fn feed_origin(state: &AppState) -> String {
    format!(
        "{FEED_WRITER} {} {}",
        state.config.absolute("/"),
        state.mail.domain
    )
}

/// A feed: each meeting's event text is written once per version of the
/// meeting (kept in the database with what it was written for) and the
/// database joins the texts; events not written yet (a new or changed
/// meeting, a renamed group, a new address) are written here and kept.
async fn feed(state: &AppState, name: &str, query: MeetingQuery) -> AppResult<String> {
    let origin = feed_origin(state);
    let mut written = state.store.written_feed(&query, &origin).await?;
    if !written.stale.is_empty() {
        // iCalendar does not order events: those written now go last.
        let fresh = state
            .store
            .feed_meetings(&MeetingQuery {
                only: std::mem::take(&mut written.stale),
                ..query
            })
            .await?;
        let mut keep = Vec::with_capacity(fresh.len());
        for m in &fresh {
            let text = rules::event_text(&feed_event(state, m, m.updated_at));
            written.text.push_str(&text);
            keep.push(WrittenEvent {
                id: m.id,
                text,
                sequence: m.sequence,
                group_name: m.group_name.clone(),
                origin: origin.clone(),
            });
        }
        state.store.keep_written(&keep).await?;
    }
    Ok(rules::calendar_of_events(name, None, &written.text))
}

fn feed_query(state: &AppState, see: Sight) -> MeetingQuery {
    MeetingQuery {
        see,
        from: Some(state.store.now() - FEED_PAST),
        with_cancelled: true,
        limit: FEED_LIMIT,
        ..MeetingQuery::default()
    }
}

/// `GET /g/{slug}/meetings.ics`: a group's public meetings.
pub async fn group_feed(
    State(state): State<AppState>,
    Path(slug): Path<String>,
) -> AppResult<Response> {
    // Feeds are fetched by calendar programs without cookies: what anybody
    // sees, whoever asks.
    let group = state
        .store
        .group_by_slug(&slug)
        .await?
        .ok_or_else(not_found)?;
    if !essaim_domain::groups::may_see_group(
        &essaim_domain::permissions::Viewer::anonymous(),
        None,
        group.listed,
        group.proposed_by,
    ) {
        return Err(not_found());
    }
    let query = MeetingQuery {
        group_id: Some(group.id),
        ..feed_query(&state, Sight::nobody())
    };
    let text = feed(&state, &group.name, query).await?;
    Ok(ics_response(text, &format!("{slug}.ics")))
}

/// `GET /e/{keyword}/meetings.ics`: the public meetings of an ecosystem.
pub async fn ecosystem_feed(
    State(state): State<AppState>,
    Path(keyword): Path<String>,
) -> AppResult<Response> {
    let keyword = essaim_domain::groups::normalize_keyword(&keyword).map_err(|_| not_found())?;
    let query = MeetingQuery {
        keyword: Some(keyword.clone()),
        ..feed_query(&state, Sight::nobody())
    };
    let name = format!("{} — {keyword}", state.config.instance_name);
    let text = feed(&state, &name, query).await?;
    Ok(ics_response(text, "meetings.ics"))
}

/// `GET /calendar/{key}.ics`: a person's private feed (their groups'
/// meetings, members-only included). A wrong or revoked key: 404.
pub async fn personal_feed(
    State(state): State<AppState>,
    Path(file): Path<String>,
) -> AppResult<Response> {
    let key = file.strip_suffix(".ics").ok_or_else(not_found)?;
    let user = state
        .store
        .calendar_key_user(key)
        .await?
        .ok_or_else(not_found)?;
    let viewer = user.viewer();
    let groups = state.store.group_ids_of(user.id).await?;
    // Administrators' feeds hold their own groups, not the whole instance.
    let see = Sight::of(&viewer, groups.clone()).own_only();
    let mut list = Vec::new();
    for group_id in &groups {
        list.extend(
            state
                .store
                .meetings(&MeetingQuery {
                    group_id: Some(*group_id),
                    ..feed_query(&state, see.clone())
                })
                .await?,
        );
    }
    for m in state
        .store
        .meetings(&MeetingQuery {
            answered_by: Some(user.id),
            ..feed_query(&state, see)
        })
        .await?
    {
        if !list.iter().any(|x| x.id == m.id) {
            list.push(m);
        }
    }
    list.sort_by_key(|m| m.starts_at);
    let now = state.store.now();
    let events: Vec<IcsEvent> = list.iter().map(|m| event(&state, m, now)).collect();
    let name = format!("{} — {}", state.config.instance_name, user.name);
    let mut res = ics_response(rules::calendar(&name, None, &events), "essaim.ics");
    res.headers_mut().insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("private, no-store"),
    );
    Ok(res)
}

/// `GET /g/{slug}/meetings/{id}/meeting.ics`: "add to my calendar".
pub async fn one_ics(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, id)): Path<(String, i64)>,
) -> AppResult<Response> {
    let (_, meeting) = load_meeting(&state, &ctx, &slug, id).await?;
    let text = rules::calendar(
        &meeting.group_name,
        Some("PUBLISH"),
        &[event(&state, &meeting, state.store.now())],
    );
    let mut res = ics_response(text, &format!("meeting-{id}.ics"));
    if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"meeting-{id}.ics\"")) {
        res.headers_mut().insert(header::CONTENT_DISPOSITION, v);
    }
    Ok(res)
}
