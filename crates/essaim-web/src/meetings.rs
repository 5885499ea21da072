//! Meetings: each group's calendar (`/g/{slug}/meetings`), a meeting's page
//! with who comes, scheduling (one meeting or a series), moving and
//! cancelling one occurrence, minutes in the group's wiki, the instance's
//! agenda, "my meetings" with the personal calendar address, iCalendar
//! feeds, the emails (invitation with its `.ics`, reminder the day before,
//! minutes request) and keeping regular groups alive.
//!
//! Who sees what is decided by `essaim_domain::meetings` only: pages ask
//! `may_see`, lists and feeds pass a `Sight` to the store.

use std::collections::BTreeMap;

use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use chrono_tz::Tz;
use essaim_domain::audience::Sight;
use essaim_domain::i18n::Lang;
use essaim_domain::jobs;
use essaim_domain::meetings::{
    self as rules, GroupAccess, IcsEvent, MeetingDraft, MeetingInput, Recurrence, Rsvp,
};
use essaim_domain::{markdown, Invalid, Problem};
use essaim_mail::{ComposeAttachment, JobFuture, JobHandler, Outcome, Worker};
use essaim_store::accounts::User;
use essaim_store::jobs::Job;
use essaim_store::meetings::{FeedMeeting, Meeting, MeetingQuery, NewMeeting, WrittenEvent};
use essaim_store::StoreError;
use minijinja::context;
use serde::{Deserialize, Serialize};

use crate::csrf::CsrfForm;
use crate::ctx::Ctx;
use crate::error::{not_found, AppError, AppResult};
use crate::groups::{self, Loaded};
use crate::i18n::{format_datetime, t, t_args};
use crate::AppState;

/// What the permission rules need of a loaded group.
pub fn access(loaded: &Loaded) -> GroupAccess {
    GroupAccess {
        listed: loaded.group.listed,
        proposed_by: loaded.group.proposed_by,
        hosted: loaded.group.hosted,
    }
}

/// What the requester sees of meetings (the same sight for every list).
pub async fn see_filter(state: &AppState, ctx: &Ctx) -> AppResult<Sight> {
    Ok(essaim_app::audience::sight(&state.app, &ctx.actor()).await?)
}

/// A meeting's time zone.
pub fn tz_of(m: &Meeting) -> Tz {
    m.timezone.parse().unwrap_or(rules::DEFAULT_TIMEZONE)
}

/// "30 mars 2027 à 19 h 00 – 21 h 00" in the meeting's time zone.
pub fn when(lang: Lang, tz: Tz, starts_at: i64, ends_at: i64) -> String {
    let start = format_datetime(lang, tz, starts_at);
    let same_day = rules::local(tz, starts_at).map(|d| d.date())
        == rules::local(tz, ends_at).map(|d| d.date());
    let end = format_datetime(lang, tz, ends_at);
    if same_day {
        // The end's time only: what follows the date's "à " / " at ".
        let sep = match lang {
            Lang::Fr => " à ",
            Lang::En => " at ",
        };
        let time = end
            .rsplit_once(sep)
            .map(|(_, t)| t.to_string())
            .unwrap_or(end);
        format!("{start} – {time}")
    } else {
        format!("{start} – {end}")
    }
}

/// A meeting ready for templates and the API.
#[derive(Debug, Serialize)]
pub struct MeetingView {
    /// The stored meeting.
    #[serde(flatten)]
    pub m: Meeting,
    /// Its date and time in words.
    pub when: String,
    /// Its time zone, when not the instance's.
    pub other_tz: Option<String>,
    /// Over.
    pub past: bool,
    /// Page address.
    pub path: String,
    /// No more room.
    pub full: bool,
}

/// Turns meetings into views.
pub fn views(state: &AppState, lang: Lang, list: Vec<Meeting>) -> Vec<MeetingView> {
    let now = state.store.now();
    list.into_iter()
        .map(|m| view(state, lang, m, now))
        .collect()
}

fn view(state: &AppState, lang: Lang, m: Meeting, now: i64) -> MeetingView {
    let tz = tz_of(&m);
    MeetingView {
        when: when(lang, tz, m.starts_at, m.ends_at),
        other_tz: (tz != state.config.timezone).then(|| tz.name().to_string()),
        past: m.ends_at <= now,
        path: m.path(),
        full: m.capacity.is_some_and(|c| m.going >= c),
        m,
    }
}

/// Loads a hosted group's meeting the requester may see; otherwise "not
/// found" (a closed meeting's existence is not revealed).
async fn load_meeting(
    state: &AppState,
    ctx: &Ctx,
    slug: &str,
    id: i64,
) -> AppResult<(Loaded, Meeting)> {
    let loaded = groups::load(state, ctx, slug).await?;
    let meeting = state.store.meeting(id).await?.ok_or_else(not_found)?;
    if meeting.group_id != loaded.group.id
        || !rules::may_see(
            &ctx.viewer(),
            loaded.rules.as_ref(),
            access(&loaded),
            meeting.visibility(),
        )
    {
        return Err(not_found());
    }
    Ok((loaded, meeting))
}

fn refuse(ctx: &Ctx) -> AppError {
    if ctx.user.is_none() {
        Problem::Unauthenticated.into()
    } else {
        crate::error::forbidden()
    }
}

// ---------------------------------------------------------------- pages

/// The next meeting of a group that the reader may see (for the group's
/// page: "when do we meet next"), through the same filter as its calendar.
pub async fn next_of_group(
    state: &AppState,
    ctx: &Ctx,
    group_id: i64,
) -> AppResult<Option<MeetingView>> {
    let see = see_filter(state, ctx).await?;
    let next = state
        .store
        .meetings(&MeetingQuery {
            see,
            group_id: Some(group_id),
            from: Some(state.store.now()),
            limit: 1,
            ..MeetingQuery::default()
        })
        .await?;
    Ok(views(state, ctx.lang, next).into_iter().next())
}

/// `GET /g/{slug}/meetings`: upcoming and past meetings, open polls.
pub async fn index(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
) -> AppResult<Response> {
    let loaded = groups::load(&state, &ctx, &slug).await?;
    if !loaded.group.hosted {
        return Err(not_found());
    }
    let essaim_app::meetings::Calendar {
        upcoming,
        past,
        polls,
    } = essaim_app::meetings::calendar_of(&state.app, &ctx.actor(), &loaded.group).await?;
    let may_organize = rules::may_organize(&ctx.viewer(), loaded.rules.as_ref(), access(&loaded));
    let may_configure = essaim_domain::groups::may_edit_card(&ctx.viewer(), loaded.rules.as_ref());
    let (cadence, lead_days) = state.store.regularity(loaded.group.id).await?;
    let html = state.templates.render(
        "meetings/index.html",
        &ctx,
        context! {
            group => loaded.group, upcoming => views(&state, ctx.lang, upcoming), past => views(&state, ctx.lang, past),
            polls => polls, may_organize => may_organize, may_configure => may_configure,
            cadence => cadence, lead_days => lead_days,
            feed => state.config.absolute(&format!("/g/{slug}/meetings.ics")),
        },
    )?;
    Ok(html.into_response())
}

/// The meeting form: every field of [`MeetingInput`] plus the repetition.
#[derive(Debug, Deserialize, Default)]
#[serde(default)]
pub struct MeetingForm {
    /// The meeting's fields.
    #[serde(flatten)]
    pub input: MeetingInput,
    /// `""`, `weeks:1`, `weeks:2`, `monthly`.
    pub repeat: String,
}

fn form_page(
    state: &AppState,
    ctx: &Ctx,
    loaded: &Loaded,
    meeting: Option<&Meeting>,
    values: &MeetingForm,
    errors: &[Invalid],
) -> AppResult<Response> {
    let by_field: BTreeMap<&str, &str> = errors.iter().map(|e| (e.field, e.key)).collect();
    let html = state.templates.render(
        "meetings/form.html",
        ctx,
        context! {
            group => loaded.group, meeting => meeting, values => values.input_values(), repeat => values.repeat,
            errors => by_field, error_list => errors,
            visibilities => rules::Visibility::ALL.iter().map(|v| v.code()).collect::<Vec<_>>(),
        },
    )?;
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    Ok((status, html).into_response())
}

impl MeetingForm {
    fn input_values(&self) -> minijinja::Value {
        let i = &self.input;
        context! {
            title => i.title, description => i.description, starts_at => i.starts_at, ends_at => i.ends_at,
            timezone => i.timezone, address => i.address, latitude => i.latitude, longitude => i.longitude,
            online_url => i.online_url, capacity => i.capacity, visibility => i.visibility,
        }
    }
}

fn local_input(tz: Tz, t: i64) -> String {
    rules::local(tz, t)
        .map(|d| d.format("%Y-%m-%dT%H:%M").to_string())
        .unwrap_or_default()
}

/// `GET /g/{slug}/meetings/new`.
pub async fn new_form(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
) -> AppResult<Response> {
    let loaded = groups::load(&state, &ctx, &slug).await?;
    if !rules::may_organize(&ctx.viewer(), loaded.rules.as_ref(), access(&loaded)) {
        return Err(refuse(&ctx));
    }
    let values = MeetingForm {
        input: MeetingInput {
            timezone: state.config.timezone.name().to_string(),
            ..MeetingInput::default()
        },
        ..MeetingForm::default()
    };
    form_page(&state, &ctx, &loaded, None, &values, &[])
}

/// Parses a repetition choice for a first meeting at `draft`.
fn parse_repeat(raw: &str, draft: &MeetingDraft) -> Result<Option<Recurrence>, Invalid> {
    match raw.trim() {
        "" => Ok(None),
        "monthly" => {
            let tz: Tz = draft.timezone.parse().unwrap_or(rules::DEFAULT_TIMEZONE);
            let date = rules::local(tz, draft.starts_at)
                .map(|d| d.date())
                .ok_or(Invalid::new("repeat", "error-meeting-repeat"))?;
            Ok(Some(Recurrence::monthly_like(date)))
        }
        code => Recurrence::from_code(code)
            .map(Some)
            .ok_or(Invalid::new("repeat", "error-meeting-repeat")),
    }
}

/// `POST /g/{slug}/meetings/new`: one meeting, or the first of a series.
pub async fn create(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
    CsrfForm(form): CsrfForm<MeetingForm>,
) -> AppResult<Response> {
    let loaded = groups::load(&state, &ctx, &slug).await?;
    let Some(user) = ctx
        .user
        .as_ref()
        .filter(|_| rules::may_organize(&ctx.viewer(), loaded.rules.as_ref(), access(&loaded)))
    else {
        return Err(refuse(&ctx));
    };
    let draft = match form.input.validate(state.config.timezone, false) {
        Ok(d) => d,
        Err(errors) => return form_page(&state, &ctx, &loaded, None, &form, &errors),
    };
    let repeat = match parse_repeat(&form.repeat, &draft) {
        Ok(r) => r,
        Err(e) => return form_page(&state, &ctx, &loaded, None, &form, &[e]),
    };
    let id = match repeat {
        None => {
            state
                .store
                .create_meeting(&NewMeeting {
                    group_id: loaded.group.id,
                    organizer_id: Some(user.id),
                    draft: &draft,
                    series_id: None,
                })
                .await?
        }
        Some(rule) => {
            let series = state
                .store
                .create_series(loaded.group.id, user.id, &draft, rule)
                .await?;
            schedule_tick(&state).await?;
            state.store.first_of_series(series).await?.ok_or_else(|| {
                AppError::Internal(anyhow::anyhow!("series {series} without a meeting"))
            })?
        }
    };
    state.store.resolve_alive(loaded.group.id).await?;
    state.app.wake_jobs();
    Ok(Redirect::to(&format!("/g/{slug}/meetings/{id}")).into_response())
}

/// `GET /g/{slug}/meetings/{id}`.
pub async fn show(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, id)): Path<(String, i64)>,
) -> AppResult<Response> {
    let (loaded, meeting) = load_meeting(&state, &ctx, &slug, id).await?;
    let may_manage = rules::may_manage(&ctx.viewer(), loaded.rules.as_ref(), meeting.organizer_id);
    let may_answer = rules::may_answer(
        &ctx.viewer(),
        loaded.rules.as_ref(),
        access(&loaded),
        meeting.visibility(),
    );
    let mine = match &ctx.user {
        Some(u) => state.store.answer_of(meeting.id, u.id).await?,
        None => None,
    };
    // Who comes is for the organizer and those who run the group.
    let answers = if may_manage {
        state.store.answers(meeting.id).await?
    } else {
        Vec::new()
    };
    let minutes = match meeting.minutes_page_id {
        Some(p) => state.store.wiki_page_by_id(p).await?,
        None => None,
    };
    let organizer = match meeting.organizer_id {
        Some(o) => state.store.user_by_id(o).await?.map(|u| u.name),
        None => None,
    };
    let series = match meeting.series_id {
        Some(s) => state.store.series(s).await?,
        None => None,
    };
    let description = markdown::render(&meeting.description);
    let map = match (meeting.latitude, meeting.longitude) {
        (Some(lat), Some(lon)) => Some(format!(
            "https://www.openstreetmap.org/?mlat={lat:.5}&mlon={lon:.5}#map=16/{lat:.5}/{lon:.5}"
        )),
        _ => None,
    };
    let may_minutes = may_manage || loaded.membership.is_some();
    let v = view(&state, ctx.lang, meeting, state.store.now());
    let html = state.templates.render(
        "meetings/show.html",
        &ctx,
        context! {
            group => loaded.group, meeting => v, description => description, may_manage => may_manage,
            may_answer => may_answer, mine => mine, answers => answers, minutes => minutes,
            organizer => organizer, series => series.map(|s| describe_rule(ctx.lang, &s.rule)), map => map,
            may_minutes => may_minutes,
        },
    )?;
    Ok(html.into_response())
}

/// A series' rule in words.
pub fn describe_rule(lang: Lang, code: &str) -> String {
    match Recurrence::from_code(code) {
        Some(Recurrence::Weeks(n)) => crate::i18n::t_values(
            lang,
            "series-weeks",
            vec![(
                "count".to_string(),
                fluent_templates::fluent_bundle::FluentValue::from(i64::from(n)),
            )],
        ),
        Some(Recurrence::MonthlyNth { nth, weekday }) => t_args(
            lang,
            "series-monthly",
            &[
                (
                    "nth",
                    t(
                        lang,
                        &format!(
                            "series-nth-{}",
                            if nth == -1 {
                                "last".to_string()
                            } else {
                                nth.to_string()
                            }
                        ),
                    ),
                ),
                (
                    "weekday",
                    t(lang, &format!("weekday-{}", rules::weekday_code(weekday))),
                ),
            ],
        ),
        None => String::new(),
    }
}

/// The answer form.
#[derive(Debug, Deserialize, Default)]
#[serde(default)]
pub struct AnswerForm {
    answer: String,
}

/// `POST /g/{slug}/meetings/{id}/answer`: going, maybe or not going.
pub async fn answer(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, id)): Path<(String, i64)>,
    CsrfForm(form): CsrfForm<AnswerForm>,
) -> AppResult<Response> {
    let (loaded, meeting) = load_meeting(&state, &ctx, &slug, id).await?;
    let Some(user) = ctx.user.as_ref().filter(|_| {
        rules::may_answer(
            &ctx.viewer(),
            loaded.rules.as_ref(),
            access(&loaded),
            meeting.visibility(),
        )
    }) else {
        return Err(refuse(&ctx));
    };
    let Some(answer) = Rsvp::from_code(&form.answer) else {
        return Err(Problem::Invalid(vec![Invalid::new("answer", "error-meeting-answer")]).into());
    };
    if meeting.cancelled() || meeting.ends_at <= state.store.now() {
        return Err(Problem::Invalid(vec![Invalid::new("answer", "error-meeting-over")]).into());
    }
    let already = state.store.answer_of(meeting.id, user.id).await?.as_deref() == Some("going");
    if answer == Rsvp::Going && !rules::has_room(meeting.capacity, meeting.going, already) {
        return Err(Problem::Invalid(vec![Invalid::new("answer", "error-meeting-full")]).into());
    }
    state.store.set_answer(meeting.id, user.id, answer).await?;
    Ok(Redirect::to(&format!("/g/{slug}/meetings/{id}")).into_response())
}

/// `GET /g/{slug}/meetings/{id}/edit`: change or move this meeting only.
pub async fn edit_form(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, id)): Path<(String, i64)>,
) -> AppResult<Response> {
    let (loaded, meeting) = load_meeting(&state, &ctx, &slug, id).await?;
    if !rules::may_manage(&ctx.viewer(), loaded.rules.as_ref(), meeting.organizer_id) {
        return Err(refuse(&ctx));
    }
    let tz = tz_of(&meeting);
    let values = MeetingForm {
        input: MeetingInput {
            title: meeting.title.clone(),
            description: meeting.description.clone(),
            starts_at: local_input(tz, meeting.starts_at),
            ends_at: local_input(tz, meeting.ends_at),
            timezone: meeting.timezone.clone(),
            address: meeting.address.clone().unwrap_or_default(),
            latitude: meeting.latitude.map(|v| v.to_string()).unwrap_or_default(),
            longitude: meeting.longitude.map(|v| v.to_string()).unwrap_or_default(),
            online_url: meeting.online_url.clone().unwrap_or_default(),
            capacity: meeting.capacity.map(|v| v.to_string()).unwrap_or_default(),
            visibility: meeting.visibility.code().to_string(),
        },
        repeat: String::new(),
    };
    form_page(&state, &ctx, &loaded, Some(&meeting), &values, &[])
}

/// `POST /g/{slug}/meetings/{id}/edit`.
pub async fn edit(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, id)): Path<(String, i64)>,
    CsrfForm(form): CsrfForm<MeetingForm>,
) -> AppResult<Response> {
    let (loaded, meeting) = load_meeting(&state, &ctx, &slug, id).await?;
    if !rules::may_manage(&ctx.viewer(), loaded.rules.as_ref(), meeting.organizer_id) {
        return Err(refuse(&ctx));
    }
    let draft = match form.input.validate(state.config.timezone, false) {
        Ok(d) => d,
        Err(errors) => return form_page(&state, &ctx, &loaded, Some(&meeting), &form, &errors),
    };
    state.store.update_meeting(meeting.id, &draft).await?;
    state.app.wake_jobs();
    Ok(Redirect::to(&format!("/g/{slug}/meetings/{id}")).into_response())
}

/// `POST /g/{slug}/meetings/{id}/cancel`: this meeting only.
pub async fn cancel(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, id)): Path<(String, i64)>,
    CsrfForm(_): CsrfForm<AnswerForm>,
) -> AppResult<Response> {
    let (loaded, meeting) = load_meeting(&state, &ctx, &slug, id).await?;
    if !rules::may_manage(&ctx.viewer(), loaded.rules.as_ref(), meeting.organizer_id) {
        return Err(refuse(&ctx));
    }
    state.store.cancel_meeting(meeting.id).await?;
    Ok(Redirect::to(&format!("/g/{slug}/meetings/{id}")).into_response())
}

/// `POST /g/{slug}/meetings/{id}/stop-series`: no more occurrences.
pub async fn stop_series(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, id)): Path<(String, i64)>,
    CsrfForm(_): CsrfForm<AnswerForm>,
) -> AppResult<Response> {
    let (loaded, meeting) = load_meeting(&state, &ctx, &slug, id).await?;
    if !rules::may_manage(&ctx.viewer(), loaded.rules.as_ref(), meeting.organizer_id) {
        return Err(refuse(&ctx));
    }
    if let Some(series) = meeting.series_id {
        state.store.stop_series(series, meeting.starts_at).await?;
    }
    Ok(Redirect::to(&format!("/g/{slug}/meetings/{id}")).into_response())
}

/// `POST /g/{slug}/meetings/{id}/minutes`: creates (or opens) the minutes
/// page in the group's wiki and goes to its editor.
pub async fn minutes(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, id)): Path<(String, i64)>,
    CsrfForm(_): CsrfForm<AnswerForm>,
) -> AppResult<Response> {
    let (loaded, meeting) = load_meeting(&state, &ctx, &slug, id).await?;
    let page = essaim_app::meetings::write_minutes(
        &state.app,
        &ctx.actor(),
        &loaded.group,
        loaded.rules,
        &meeting,
    )
    .await?;
    Ok(Redirect::to(&format!("/g/{slug}/wiki/{page}/edit")).into_response())
}

/// The group's "meets regularly" form.
#[derive(Debug, Deserialize, Default)]
#[serde(default)]
pub struct RegularityForm {
    cadence: String,
    lead_days: String,
}

/// `POST /g/{slug}/meetings/regularity`.
pub async fn regularity(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
    CsrfForm(form): CsrfForm<RegularityForm>,
) -> AppResult<Response> {
    let loaded = groups::load(&state, &ctx, &slug).await?;
    if !essaim_domain::groups::may_edit_card(&ctx.viewer(), loaded.rules.as_ref()) {
        return Err(refuse(&ctx));
    }
    let cadence = match form.cadence.as_str() {
        "" => None,
        code => Some(rules::Cadence::from_code(code).ok_or_else(|| {
            Problem::Invalid(vec![Invalid::new("cadence", "error-meeting-cadence")])
        })?),
    };
    let lead = match form.lead_days.trim() {
        "" => rules::DEFAULT_LEAD_DAYS,
        raw => raw
            .parse::<i64>()
            .ok()
            .filter(|n| (1..=60).contains(n))
            .ok_or_else(|| {
                Problem::Invalid(vec![Invalid::new("lead_days", "error-meeting-lead-days")])
            })?,
    };
    state
        .store
        .set_regularity(loaded.group.id, cadence.map(|c| c.code()), lead)
        .await?;
    schedule_tick(&state).await?;
    Ok(Redirect::to(&format!("/g/{slug}/meetings")).into_response())
}

// ---------------------------------------------------------------- agenda

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

// ---------------------------------------------------------------- calendars

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

// ---------------------------------------------------------------- emails

/// Writes a one-link notice of `kind` (messages `email-{kind}-…`) with an
/// optional `.ics` attachment: (its iTIP method, its text).
pub fn notice(
    state: &AppState,
    user: &User,
    kind: &str,
    args: &[(&str, String)],
    link: &str,
    ics: Option<(&str, String)>,
) -> anyhow::Result<essaim_store::outbox::OutgoingEmail> {
    let extras = crate::email::Extras {
        attachments: ics
            .map(|(method, data)| {
                vec![ComposeAttachment {
                    content_type: format!("text/calendar; method={method}; charset=utf-8"),
                    filename: "invitation.ics".into(),
                    data: data.into_bytes(),
                }]
            })
            .unwrap_or_default(),
        ..crate::email::Extras::default()
    };
    crate::email::notice_email_with(
        state,
        user.language(),
        kind,
        &user.email,
        &user.name,
        args,
        link,
        &extras,
    )
}

/// The meeting a job is about, if it still is as the job knew it.
async fn job_meeting(
    state: &AppState,
    id: i64,
    sequence: i64,
) -> Result<Option<Meeting>, StoreError> {
    Ok(state
        .store
        .meeting(id)
        .await?
        .filter(|m| m.sequence == sequence && !m.cancelled()))
}

/// Whether `user` may see `m` now (people leave groups).
async fn user_may_see(state: &AppState, user: &User, m: &Meeting) -> Result<bool, StoreError> {
    let viewer = user.viewer();
    let membership = state.store.membership(m.group_id, user.id).await?;
    let rules_m = membership.as_ref().map(|m| m.rules());
    Ok(rules::may_see(
        &viewer,
        rules_m.as_ref(),
        m.group_access(),
        m.visibility(),
    ))
}

macro_rules! try_mail {
    ($e:expr) => {
        match $e {
            Ok(mail) => mail,
            Err(e) => return Ok(Outcome::Retry(format!("{e:#}"))),
        }
    };
}

/// What every meeting email names: the meeting, its group and when it is
/// (in the recipient's language).
fn meeting_args(m: &Meeting, user: &User) -> [(&'static str, String); 3] {
    [
        ("title", m.title.clone()),
        ("group", m.group_name.clone()),
        (
            "when",
            when(user.language(), tz_of(m), m.starts_at, m.ends_at),
        ),
    ]
}

/// One email of `kind` with the meeting's `.ics` (iTIP `method`: REQUEST
/// or CANCEL) to every member who wants email and may still see it.
async fn calendar_emails(
    state: &AppState,
    m: &Meeting,
    method: &str,
    kind: &str,
) -> anyhow::Result<Vec<essaim_store::outbox::OutgoingEmail>> {
    let link = state.config.absolute(&m.path());
    let mut emails = Vec::new();
    for user in state.store.members_to_email(m.group_id).await? {
        if !user_may_see(state, &user, m).await? {
            continue;
        }
        let mut e = event(state, m, state.store.now());
        e.organizer = Some((state.config.instance_name.clone(), state.mail.from.clone()));
        e.attendee = Some((user.name.clone(), user.email.clone()));
        let ics = rules::calendar(&m.group_name, Some(method), &[e]);
        let args = meeting_args(m, &user);
        emails.push(notice(
            state,
            &user,
            kind,
            &args,
            &link,
            Some((method, ics)),
        )?);
    }
    Ok(emails)
}

/// The invitation to every member who wants email, with its `.ics`.
struct Invite(AppState);

impl JobHandler<jobs::MeetingInvite> for Invite {
    fn run<'a>(&'a self, _job: &'a Job, p: jobs::MeetingInvite) -> JobFuture<'a> {
        Box::pin(async move {
            let state = &self.0;
            let Some(m) = job_meeting(state, p.meeting_id, p.sequence).await? else {
                return Ok(Outcome::Done);
            };
            if m.ends_at <= state.store.now() {
                return Ok(Outcome::Done);
            }
            let kind = if m.sequence == 0 {
                "meeting-invite"
            } else {
                "meeting-changed"
            };
            let emails = try_mail!(calendar_emails(state, &m, "REQUEST", kind).await);
            state.store.mark_invited(m.id).await?;
            state.queue_emails(&emails).await?;
            Ok(Outcome::Done)
        })
    }
}

/// Tells the members a meeting is cancelled, with an `.ics` (METHOD:CANCEL)
/// that removes it from their calendar.
struct Cancelled(AppState);

impl JobHandler<jobs::MeetingCancelled> for Cancelled {
    fn run<'a>(&'a self, _job: &'a Job, p: jobs::MeetingCancelled) -> JobFuture<'a> {
        Box::pin(async move {
            let state = &self.0;
            let Some(m) = state
                .store
                .meeting(p.meeting_id)
                .await?
                .filter(|m| m.sequence == p.sequence && m.cancelled())
            else {
                return Ok(Outcome::Done);
            };
            // Nobody is told of the cancellation of a date never announced
            // (a series' later dates are announced two weeks ahead).
            if m.ends_at <= state.store.now() || m.invited_at.is_none() {
                return Ok(Outcome::Done);
            }
            let emails = try_mail!(calendar_emails(state, &m, "CANCEL", "meeting-cancelled").await);
            state.queue_emails(&emails).await?;
            Ok(Outcome::Done)
        })
    }
}

/// The day-before reminder to those going or maybe.
struct Reminder(AppState);

impl JobHandler<jobs::MeetingReminder> for Reminder {
    fn run<'a>(&'a self, _job: &'a Job, p: jobs::MeetingReminder) -> JobFuture<'a> {
        Box::pin(async move {
            let state = &self.0;
            let Some(m) = job_meeting(state, p.meeting_id, p.sequence).await? else {
                return Ok(Outcome::Done);
            };
            let link = state.config.absolute(&m.path());
            let mut emails = Vec::new();
            for user in state.store.coming(m.id).await? {
                if user.email_frequency == "never" || !user_may_see(state, &user, &m).await? {
                    continue;
                }
                let args = meeting_args(&m, &user);
                emails.push(try_mail!(notice(
                    state,
                    &user,
                    "meeting-reminder",
                    &args,
                    &link,
                    None
                )));
            }
            state.queue_emails(&emails).await?;
            Ok(Outcome::Done)
        })
    }
}

/// After the meeting, the organizer is asked once to fill in the minutes.
struct MinutesAsk(AppState);

impl JobHandler<jobs::MinutesAsk> for MinutesAsk {
    fn run<'a>(&'a self, _job: &'a Job, p: jobs::MinutesAsk) -> JobFuture<'a> {
        Box::pin(async move {
            let state = &self.0;
            let Some(m) = job_meeting(state, p.meeting_id, p.sequence).await? else {
                return Ok(Outcome::Done);
            };
            let Some(organizer) = m.organizer_id else {
                return Ok(Outcome::Done);
            };
            let Some(user) = state.store.user_by_id(organizer).await? else {
                return Ok(Outcome::Done);
            };
            if m.minutes_page_id.is_some() || m.minutes_asked_at.is_some() {
                return Ok(Outcome::Done);
            }
            let link = state.config.absolute(&format!("{}#minutes", m.path()));
            let args = [("title", m.title.clone()), ("group", m.group_name.clone())];
            // Written before it is marked, so a failure to write is retried.
            let email = try_mail!(notice(state, &user, "minutes-ask", &args, &link, None));
            if !state.store.mark_minutes_asked(m.id).await? {
                return Ok(Outcome::Done);
            }
            state.queue_emails(&[email]).await?;
            Ok(Outcome::Done)
        })
    }
}

/// Every hour: series get their next occurrences, regular groups with
/// nothing planned get their reminders.
struct Tick(AppState);

/// How often the tick runs.
const TICK_EVERY: i64 = 3600;

impl JobHandler<jobs::MeetingsTick> for Tick {
    fn run<'a>(&'a self, _job: &'a Job, _p: jobs::MeetingsTick) -> JobFuture<'a> {
        Box::pin(async move {
            let state = &self.0;
            for series in state.store.active_series().await? {
                state.store.extend_series(series).await?;
            }
            if let Err(e) = keep_alive(state).await {
                return Ok(Outcome::Retry(format!("{e:#}")));
            }
            state
                .store
                .queue_job(&jobs::MeetingsTick {}, state.store.now() + TICK_EVERY)
                .await?;
            state.app.wake_jobs();
            Ok(Outcome::Done)
        })
    }
}

async fn keep_alive(state: &AppState) -> anyhow::Result<()> {
    let now = state.store.now();
    for (group_id, cadence, lead_days) in state.store.regular_groups().await? {
        let Some(cadence) = rules::Cadence::from_code(&cadence) else {
            continue;
        };
        let Some(group) = state.store.group_by_id(group_id).await? else {
            continue;
        };
        // A group that never met yet has nothing to keep alive.
        let Some(last) = state.store.last_meeting_before(group_id, now).await? else {
            continue;
        };
        let due_at = cadence.due_after(last.starts_at, tz_of(&last));
        let planned = state.store.something_planned(group_id, now).await?;
        if planned {
            state.store.resolve_alive(group_id).await?;
            continue;
        }
        let record = state.store.alive_record(group_id, due_at).await?;
        let step = rules::alive_step(
            rules::AliveState {
                due_at,
                planned,
                organizer_told_at: record.organizer_told_at,
                facilitators_told_at: record.facilitators_told_at,
            },
            now,
            lead_days,
        );
        let due = |u: &User| essaim_web_date(state, u, due_at);
        let poll_link = state
            .config
            .absolute(&format!("/g/{}/polls/new?around={due_at}", group.slug));
        match step {
            rules::AliveStep::Nothing => {}
            rules::AliveStep::RemindOrganizer => {
                let mut to = match last.organizer_id {
                    Some(id) => state
                        .store
                        .user_by_id(id)
                        .await?
                        .into_iter()
                        .collect::<Vec<_>>(),
                    None => Vec::new(),
                };
                if to.is_empty() {
                    to = state.store.group_runners(group_id).await?;
                }
                let mut emails = Vec::new();
                for user in &to {
                    let args = [("group", group.name.clone()), ("due", due(user))];
                    emails.push(notice(
                        state,
                        user,
                        "alive-organizer",
                        &args,
                        &poll_link,
                        None,
                    )?);
                }
                state.queue_emails(&emails).await?;
                state
                    .store
                    .record_alive_step(group_id, due_at, false)
                    .await?;
            }
            rules::AliveStep::TellFacilitators => {
                let mut emails = Vec::new();
                for user in state.store.group_runners(group_id).await? {
                    let args = [("group", group.name.clone()), ("due", due(&user))];
                    emails.push(notice(
                        state,
                        &user,
                        "alive-facilitators",
                        &args,
                        &poll_link,
                        None,
                    )?);
                }
                state.queue_emails(&emails).await?;
                state
                    .store
                    .record_alive_step(group_id, due_at, true)
                    .await?;
            }
        }
    }
    Ok(())
}

fn essaim_web_date(state: &AppState, user: &User, t: i64) -> String {
    crate::i18n::format_date(user.language(), state.config.timezone, t)
}

/// Makes sure the hourly run is queued.
pub async fn schedule_tick(state: &AppState) -> Result<(), StoreError> {
    state
        .store
        .ensure_job::<jobs::MeetingsTick>(state.store.now() + 60)
        .await
}

/// Registers the meetings' and polls' jobs and schedules the hourly tick.
pub async fn register_jobs(worker: Worker, state: &AppState) -> Result<Worker, StoreError> {
    // The hourly run is only needed once a series or a regular group exists
    // (creating either schedules it too).
    if !state.store.active_series().await?.is_empty()
        || !state.store.regular_groups().await?.is_empty()
    {
        schedule_tick(state).await?;
    }
    let worker = worker
        .with_handler(Invite(state.clone()))
        .with_handler(Cancelled(state.clone()))
        .with_handler(Reminder(state.clone()))
        .with_handler(MinutesAsk(state.clone()))
        .with_handler(Tick(state.clone()));
    Ok(crate::polls::register_jobs(worker, state))
}
