//! The meetings' emails and jobs: invitations, cancellations, reminders, the minutes' request, the calendar's tick.

use essaim_domain::jobs;
use essaim_domain::meetings::{self as rules};
use essaim_mail::{ComposeAttachment, JobFuture, JobHandler, Outcome, Worker};
use essaim_store::accounts::User;
use essaim_store::jobs::Job;
use essaim_store::meetings::Meeting;
use essaim_store::StoreError;

use crate::AppState;

use super::{event, tz_of, when};

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
            state.store.record_held_meetings().await?;
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
    essaim_app::meetings::schedule_tick(&state.app).await
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
