//! Date polls: proposing dates (or free options), the poll's page at its
//! link `/p/{token}` with the results table and the answer form, guests who
//! answer with a name and come back from their private link
//! `/p/{token}/k/{key}`, closing on one option (which creates the meeting),
//! the API, and the emails (reminder to those who have not answered, the
//! chosen date to everyone who answered).

use essaim_domain::ids::UserId;
use std::collections::BTreeMap;

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use essaim_app::polls::{Answered, Opened, Typed};
use essaim_domain::i18n::Lang;
use essaim_domain::jobs;
use essaim_domain::meetings::{self as meeting_rules, MeetingDraft};
use essaim_domain::polls::{self as rules, Choice, OptionInput, PollInput, Tally};
use essaim_domain::{markdown, Invalid};
use essaim_mail::{JobFuture, JobHandler, Outcome, Worker};
use essaim_store::jobs::Job;
use essaim_store::polls::{Poll, PollOptionRow};
use minijinja::context;
use serde::{Deserialize, Serialize};

use crate::csrf::CsrfForm;
use crate::ctx::Ctx;
use crate::error::{not_found, refuse, AppResult};
use crate::groups::{self, Loaded};
use crate::i18n::format_datetime;
use crate::meetings::{notice, when};
use crate::AppState;

/// Most date inputs on the form.
const DATE_FIELDS: usize = 8;
/// Most free-option inputs on the form.
const FREE_FIELDS: usize = 3;

/// The value of field `name` in a form read as pairs (empty when absent).
pub(crate) fn field<'a>(pairs: &'a [(String, String)], name: &str) -> &'a str {
    pairs
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
        .unwrap_or("")
}

/// Reads the poll form.
pub fn input_from_form(pairs: &[(String, String)]) -> PollInput {
    let mut options = Vec::new();
    for i in 1..=DATE_FIELDS {
        options.push(OptionInput::Date(
            field(pairs, &format!("date_{i}")).to_string(),
        ));
    }
    for i in 1..=FREE_FIELDS {
        options.push(OptionInput::Free(
            field(pairs, &format!("free_{i}")).to_string(),
        ));
    }
    PollInput {
        title: field(pairs, "title").into(),
        description: field(pairs, "description").into(),
        duration_minutes: field(pairs, "duration_minutes").into(),
        timezone: field(pairs, "timezone").into(),
        deadline: field(pairs, "deadline").into(),
        guests_allowed: field(pairs, "guests_allowed") == "on",
        visibility: field(pairs, "visibility").into(),
        options,
    }
}

fn form_page(
    state: &AppState,
    ctx: &Ctx,
    loaded: &Loaded,
    values: BTreeMap<String, String>,
    errors: &[Invalid],
) -> AppResult<Response> {
    let by_field: BTreeMap<&str, &str> = errors.iter().map(|e| (e.field, e.key)).collect();
    let html = state.templates.render(
        "polls/new.html",
        ctx,
        context! {
            group => loaded.group, values => values, errors => by_field, error_list => errors,
            dates => (1..=DATE_FIELDS).collect::<Vec<_>>(), frees => (1..=FREE_FIELDS).collect::<Vec<_>>(),
        },
    )?;
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    Ok((status, html).into_response())
}

/// `?around=` of the one-click link sent when a regular group has nothing planned.
#[derive(Debug, Deserialize, Default)]
#[serde(default)]
pub struct NewQuery {
    around: Option<i64>,
}

/// `GET /g/{slug}/polls/new`: the form; from a "keep alive" reminder, three
/// dates around the due one are already proposed.
pub async fn new_form(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
    Query(query): Query<NewQuery>,
) -> AppResult<Response> {
    let loaded = groups::load(&state, &ctx, &slug).await?;
    essaim_app::meetings::organizing(&ctx.actor(), &loaded.group, loaded.rules.as_ref())?;
    let tz = state.config.timezone;
    let mut values = BTreeMap::new();
    values.insert("timezone".to_string(), tz.name().to_string());
    values.insert("duration_minutes".to_string(), "120".to_string());
    values.insert("guests_allowed".to_string(), "on".to_string());
    if let Some(around) = query.around {
        let now = state.store.now();
        values.insert(
            "title".into(),
            crate::i18n::t(ctx.lang, "poll-next-meeting"),
        );
        let mut i = 1;
        for shift in [-2i64, 0, 2] {
            let day = around + shift * 86_400;
            if let Some(date) = meeting_rules::local(tz, day).map(|d| d.date()) {
                let at = date
                    .and_hms_opt(18, 30, 0)
                    .and_then(|d| meeting_rules::from_local(tz, d));
                if let Some(at) = at.filter(|t| *t > now) {
                    values.insert(
                        format!("date_{i}"),
                        meeting_rules::local(tz, at)
                            .map(|d| d.format("%Y-%m-%dT%H:%M").to_string())
                            .unwrap_or_default(),
                    );
                    i += 1;
                }
            }
        }
    }
    form_page(&state, &ctx, &loaded, values, &[])
}

/// `POST /g/{slug}/polls/new`.
pub async fn create(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
    CsrfForm(pairs): CsrfForm<Vec<(String, String)>>,
) -> AppResult<Response> {
    let loaded = groups::load(&state, &ctx, &slug).await?;
    let organizing =
        essaim_app::meetings::organizing(&ctx.actor(), &loaded.group, loaded.rules.as_ref())?;
    let input = input_from_form(&pairs);
    let draft = match input.validate(state.config.timezone, state.store.now(), false) {
        Ok(d) => d,
        Err(errors) => {
            let values = pairs.into_iter().filter(|(k, _)| k != "csrf").collect();
            return form_page(&state, &ctx, &loaded, values, &errors);
        }
    };
    let (_, token) = essaim_app::polls::propose(&state.app, organizing, &draft).await?;
    Ok(Redirect::to(&format!("/p/{token}")).into_response())
}

/// Opens a poll by its link for someone who may use it; otherwise "not
/// found" (visitors are asked to log in).
pub(crate) async fn open(state: &AppState, ctx: &Ctx, token: &str) -> AppResult<Opened> {
    Ok(essaim_app::polls::open(&state.app, &ctx.actor(), token).await?)
}

/// One option as shown.
#[derive(Debug, Serialize)]
pub(crate) struct OptionView {
    pub(crate) id: i64,
    label: String,
    pub(crate) tally: Tally,
    pub(crate) best: bool,
}

/// One row of the results table.
#[derive(Debug, Serialize)]
pub(crate) struct RowView {
    pub(crate) name: String,
    pub(crate) comment: String,
    guest: bool,
    pub(crate) choices: Vec<String>,
    mine: bool,
}

/// The results: the options with their counts (best ones marked) and
/// everyone's answers.
pub(crate) async fn results(
    state: &AppState,
    lang: essaim_domain::i18n::Lang,
    poll: &Poll,
    me: Option<UserId>,
    guest: Option<i64>,
) -> AppResult<(Vec<OptionView>, Vec<RowView>, Vec<PollOptionRow>)> {
    let options = state.store.poll_options(poll.id).await?;
    let (people, answers) = state.store.poll_answers(poll.id).await?;
    let tz = poll
        .timezone
        .parse()
        .unwrap_or(meeting_rules::DEFAULT_TIMEZONE);
    let mut tallies = vec![Tally::default(); options.len()];
    let mut rows = Vec::new();
    for p in &people {
        let mut choices = Vec::new();
        for (i, o) in options.iter().enumerate() {
            let c = answers
                .iter()
                .find(|a| a.participant_id == p.id && a.option_id == o.id)
                .and_then(|a| Choice::from_code(&a.choice));
            if let Some(c) = c {
                tallies[i].add(c);
            }
            choices.push(c.map(|c| c.code().to_string()).unwrap_or_default());
        }
        rows.push(RowView {
            name: p.name.clone(),
            comment: p.comment.clone(),
            guest: p.user_id.is_none(),
            choices,
            mine: (me.is_some() && p.user_id == me) || guest == Some(p.id),
        });
    }
    let best = rules::best_options(&tallies);
    let views = options
        .iter()
        .enumerate()
        .map(|(i, o)| OptionView {
            id: o.id,
            label: option_label(lang, tz, poll, o),
            tally: tallies[i],
            best: best.contains(&i),
        })
        .collect();
    Ok((views, rows, options))
}

fn option_label(
    lang: essaim_domain::i18n::Lang,
    tz: chrono_tz::Tz,
    poll: &Poll,
    o: &PollOptionRow,
) -> String {
    match (o.starts_at, &o.label) {
        (Some(s), _) => when(lang, tz, s, s + poll.duration_minutes * 60),
        (None, Some(l)) => l.clone(),
        (None, None) => String::new(),
    }
}

#[allow(clippy::too_many_arguments)]
async fn page(
    state: &AppState,
    ctx: &Ctx,
    opened: &Opened,
    guest_key: Option<&str>,
    errors: &[Invalid],
    typed: Option<&[(String, String)]>,
    saved: bool,
) -> AppResult<Response> {
    let poll = &opened.poll;
    let guest = match guest_key {
        Some(k) => Some(
            state
                .store
                .guest_by_key(poll.id, k)
                .await?
                .ok_or_else(not_found)?,
        ),
        None => None,
    };
    let me = ctx.user.as_ref().map(|u| u.id);
    let (options, rows, _) =
        results(state, ctx.lang, poll, me, guest.as_ref().map(|g| g.id)).await?;
    // The form shows what this person answered before (or just typed).
    let (people, answers) = state.store.poll_answers(poll.id).await?;
    let mine = people.iter().find(|p| {
        guest
            .as_ref()
            .map(|g| g.id == p.id)
            .unwrap_or(me.is_some() && p.user_id == me)
    });
    let mut current: BTreeMap<String, String> = BTreeMap::new();
    if let Some(p) = mine {
        current.insert("name".into(), p.name.clone());
        current.insert("comment".into(), p.comment.clone());
        if let Some(email) = &p.email {
            current.insert("email".into(), email.clone());
        }
        for a in answers.iter().filter(|a| a.participant_id == p.id) {
            current.insert(format!("choice_{}", a.option_id), a.choice.clone());
        }
    }
    if let Some(typed) = typed {
        for (k, v) in typed {
            if k != "csrf" {
                current.insert(k.clone(), v.clone());
            }
        }
    }
    let by_field: BTreeMap<&str, &str> = errors.iter().map(|e| (e.field, e.key)).collect();
    let now = state.store.now();
    let tz = poll
        .timezone
        .parse()
        .unwrap_or(meeting_rules::DEFAULT_TIMEZONE);
    let meeting_path = poll
        .meeting_id
        .map(|id| format!("/g/{}/meetings/{id}", poll.group_slug));
    let html = state.templates.render(
        "polls/show.html",
        ctx,
        context! {
            poll => poll, description => markdown::render(&poll.description), options => options, rows => rows,
            open => poll.is_open(now), may_answer => opened.may_answer(&ctx.actor()), may_manage => opened.may_manage(&ctx.actor()),
            deadline => poll.deadline.map(|d| format_datetime(ctx.lang, tz, d)),
            current => current, guest_key => guest_key, errors => by_field, error_list => errors, saved => saved,
            private_link => guest_key.map(|k| state.config.absolute(&format!("/p/{}/k/{k}", poll.token))),
            meeting_path => meeting_path,
        },
    )?;
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    Ok((status, html).into_response())
}

/// `?saved=1` after answering.
#[derive(Debug, Deserialize, Default)]
#[serde(default)]
pub struct ShowQuery {
    saved: Option<String>,
}

/// `GET /p/{token}`: the poll.
pub async fn show(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(token): Path<String>,
    Query(q): Query<ShowQuery>,
) -> AppResult<Response> {
    let opened = open(&state, &ctx, &token).await?;
    page(&state, &ctx, &opened, None, &[], None, q.saved.is_some()).await
}

/// `GET /p/{token}/k/{key}`: a guest's private link to change their answers.
pub async fn show_guest(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((token, key)): Path<(String, String)>,
    Query(q): Query<ShowQuery>,
) -> AppResult<Response> {
    let opened = open(&state, &ctx, &token).await?;
    page(
        &state,
        &ctx,
        &opened,
        Some(&key),
        &[],
        None,
        q.saved.is_some(),
    )
    .await
}

/// Reads the choices of an answer (`choice_{option id}`); a missing one is "no".
fn choices_of(
    pairs: &[(String, String)],
    options: &[PollOptionRow],
) -> Result<Vec<(i64, Choice)>, Invalid> {
    let mut out = Vec::new();
    for o in options {
        let raw = field(pairs, &format!("choice_{}", o.id));
        let choice = match raw {
            "" => Choice::No,
            code => Choice::from_code(code).ok_or(Invalid::new("choices", "error-poll-choice"))?,
        };
        out.push((o.id, choice));
    }
    Ok(out)
}

/// `POST /p/{token}/answer`.
pub async fn answer(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(token): Path<String>,
    CsrfForm(pairs): CsrfForm<Vec<(String, String)>>,
) -> AppResult<Response> {
    let opened = open(&state, &ctx, &token).await?;
    let key = Some(field(&pairs, "key")).filter(|k| !k.is_empty());
    let options = state.store.poll_options(opened.poll.id).await?;
    let choices = choices_of(&pairs, &options);
    let typed = Typed {
        name: field(&pairs, "name"),
        email: field(&pairs, "email"),
        comment: field(&pairs, "comment"),
        key,
    };
    let actor = ctx.actor();
    let answered = essaim_app::polls::answer(&state.app, &actor, &opened, typed, choices, ctx.lang);
    match answered.await? {
        Answered::Saved(new_key) => {
            let target = match new_key.as_deref().or(key) {
                Some(k) => format!("/p/{token}/k/{k}?saved=1"),
                None => format!("/p/{token}?saved=1"),
            };
            Ok(Redirect::to(&target).into_response())
        }
        Answered::Invalid(errors) => {
            page(&state, &ctx, &opened, key, &errors, Some(&pairs), false).await
        }
    }
}

/// `POST /p/{token}/close`: chooses an option; its meeting is created and
/// everyone who answered is told.
pub async fn close(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(token): Path<String>,
    CsrfForm(pairs): CsrfForm<Vec<(String, String)>>,
) -> AppResult<Response> {
    let opened = open(&state, &ctx, &token).await?;
    let Some(user) = ctx
        .user
        .as_ref()
        .filter(|_| opened.may_manage(&ctx.actor()))
    else {
        return Err(refuse(&ctx));
    };
    let poll = &opened.poll;
    let options = state.store.poll_options(poll.id).await?;
    let chosen = field(&pairs, "option")
        .parse::<i64>()
        .ok()
        .and_then(|id| options.iter().find(|o| o.id == id));
    let tz: chrono_tz::Tz = poll
        .timezone
        .parse()
        .unwrap_or(meeting_rules::DEFAULT_TIMEZONE);
    let start = match chosen {
        None => Err(Invalid::new("option", "error-poll-choose-option")),
        Some(o) => match o.starts_at {
            Some(s) => Ok(s),
            // A free option needs its date now.
            None => meeting_rules::parse_time("starts_at", field(&pairs, "starts_at"), tz, false),
        },
    };
    let start = match start {
        Ok(s) => s,
        Err(e) => return page(&state, &ctx, &opened, None, &[e], None, false).await,
    };
    if poll.status != "open" {
        return page(
            &state,
            &ctx,
            &opened,
            None,
            &[Invalid::new("form", "error-poll-closed")],
            None,
            false,
        )
        .await;
    }
    let draft = MeetingDraft {
        title: poll.title.clone(),
        description: poll.description.clone(),
        starts_at: start,
        ends_at: start + poll.duration_minutes * 60,
        timezone: poll.timezone.clone(),
        address: None,
        latitude: None,
        longitude: None,
        online_url: None,
        capacity: None,
        visibility: poll.visibility(),
    };
    match state.store.close_poll(poll.id, user.id, &draft).await? {
        Some(meeting) => {
            state.app.wake_jobs();
            Ok(Redirect::to(&format!("/g/{}/meetings/{meeting}", poll.group_slug)).into_response())
        }
        None => {
            page(
                &state,
                &ctx,
                &opened,
                None,
                &[Invalid::new("form", "error-poll-closed")],
                None,
                false,
            )
            .await
        }
    }
}

// ---------------------------------------------------------------- emails

/// The one reminder before the deadline to members who have not answered.
struct PollReminder(AppState);

impl JobHandler<jobs::PollReminder> for PollReminder {
    fn run<'a>(&'a self, _job: &'a Job, p: jobs::PollReminder) -> JobFuture<'a> {
        Box::pin(async move {
            let state = &self.0;
            let Some(poll) = state.store.poll(p.poll_id).await? else {
                return Ok(Outcome::Done);
            };
            if !poll.is_open(state.store.now()) {
                return Ok(Outcome::Done);
            }
            if poll.reminded_at.is_some() {
                return Ok(Outcome::Done);
            }
            let silent = state.store.poll_silent_members(&poll).await?;
            let link = state.config.absolute(&poll.path());
            let tz = poll
                .timezone
                .parse()
                .unwrap_or(meeting_rules::DEFAULT_TIMEZONE);
            let mut emails = Vec::new();
            for user in silent {
                let lang = user
                    .lang
                    .as_deref()
                    .and_then(essaim_domain::i18n::Lang::from_code)
                    .unwrap_or_default();
                let args = [
                    ("title", poll.title.clone()),
                    ("group", poll.group_name.clone()),
                    (
                        "deadline",
                        poll.deadline
                            .map(|d| format_datetime(lang, tz, d))
                            .unwrap_or_default(),
                    ),
                ];
                match notice(state, &user, "poll-reminder", &args, &link, None) {
                    Ok(e) => emails.push(e),
                    Err(e) => return Ok(Outcome::Retry(format!("{e:#}"))),
                }
            }
            // Marked once every email is written: it goes once, and a
            // failure to write is retried.
            if !state.store.mark_poll_reminded(poll.id).await? {
                return Ok(Outcome::Done);
            }
            state.queue_emails(&emails).await?;
            Ok(Outcome::Done)
        })
    }
}

/// Tells everyone who answered (with an account) the date chosen.
struct PollClosed(AppState);

impl JobHandler<jobs::PollClosed> for PollClosed {
    fn run<'a>(&'a self, _job: &'a Job, p: jobs::PollClosed) -> JobFuture<'a> {
        Box::pin(async move {
            let state = &self.0;
            let Some(poll) = state.store.poll(p.poll_id).await? else {
                return Ok(Outcome::Done);
            };
            let Some(meeting) = (match poll.meeting_id {
                Some(id) => state.store.meeting(id).await?,
                None => None,
            }) else {
                return Ok(Outcome::Done);
            };
            let link = state.config.absolute(&meeting.path());
            let args = |lang: Lang| {
                [
                    ("title", poll.title.clone()),
                    ("group", poll.group_name.clone()),
                    (
                        "when",
                        when(
                            lang,
                            crate::meetings::tz_of(&meeting),
                            meeting.starts_at,
                            meeting.ends_at,
                        ),
                    ),
                ]
            };
            let mut emails = Vec::new();
            for user in state.store.poll_respondents(poll.id).await? {
                if user.email_frequency == "never" {
                    continue;
                }
                match notice(
                    state,
                    &user,
                    "poll-closed",
                    &args(user.language()),
                    &link,
                    None,
                ) {
                    Ok(e) => emails.push(e),
                    Err(e) => return Ok(Outcome::Retry(format!("{e:#}"))),
                }
            }
            // Guests who left an address are told too, in the language
            // they answered in.
            for guest in state.store.poll_guests_to_tell(poll.id).await? {
                let lang = Lang::or_default(guest.lang.as_deref());
                match crate::email::notice_email_with(
                    state,
                    lang,
                    "poll-closed",
                    &guest.email,
                    &guest.name,
                    &args(lang),
                    &link,
                    &crate::email::Extras::default(),
                ) {
                    Ok(e) => emails.push(e),
                    Err(e) => return Ok(Outcome::Retry(format!("{e:#}"))),
                }
            }
            state.queue_emails(&emails).await?;
            Ok(Outcome::Done)
        })
    }
}

/// Registers the polls' jobs.
pub fn register_jobs(worker: Worker, state: &AppState) -> Worker {
    worker
        .with_handler(PollReminder(state.clone()))
        .with_handler(PollClosed(state.clone()))
}
