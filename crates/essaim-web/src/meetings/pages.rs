//! A group's meetings: the calendar page, a meeting's page and its form, answering, cancelling, the minutes, a series and the group's regularity.

use essaim_domain::ids::GroupId;
use std::collections::BTreeMap;

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use chrono_tz::Tz;
use essaim_domain::i18n::Lang;
use essaim_domain::meetings::{self as rules, MeetingDraft, MeetingInput, Recurrence, Rsvp};
use essaim_domain::{markdown, Invalid, Problem};
use essaim_store::meetings::{Meeting, MeetingQuery};
use minijinja::context;
use serde::Deserialize;

use crate::csrf::CsrfForm;
use crate::ctx::Ctx;
use crate::error::{not_found, AppResult};
use crate::groups::{self, Loaded};
use crate::i18n::{t, t_args};
use crate::AppState;

use super::{
    access, load_meeting, refuse, schedule_tick, see_filter, tz_of, view, views, MeetingView,
};

/// The next meeting of a group that the reader may see (for the group's
/// page: "when do we meet next"), through the same filter as its calendar.
pub async fn next_of_group(
    state: &AppState,
    ctx: &Ctx,
    group_id: GroupId,
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
    let may_organize =
        essaim_app::meetings::organizing(&ctx.actor(), &loaded.group, loaded.rules.as_ref())
            .is_ok();
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
    essaim_app::meetings::organizing(&ctx.actor(), &loaded.group, loaded.rules.as_ref())?;
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
    let organizing =
        essaim_app::meetings::organizing(&ctx.actor(), &loaded.group, loaded.rules.as_ref())?;
    let draft = match form.input.validate(state.config.timezone, false) {
        Ok(d) => d,
        Err(errors) => return form_page(&state, &ctx, &loaded, None, &form, &errors),
    };
    let repeat = match parse_repeat(&form.repeat, &draft) {
        Ok(r) => r,
        Err(e) => return form_page(&state, &ctx, &loaded, None, &form, &[e]),
    };
    let id = essaim_app::meetings::schedule(&state.app, organizing, &draft, repeat).await?;
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
    state
        .store
        .cancel_meeting(meeting.id, ctx.user.as_ref().map(|u| u.id))
        .await?;
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
