//! The wiki's background jobs (they write emails from the web layer's
//! templates): telling watchers of a changed page, now or in a daily summary.

use essaim_domain::ids::UserId;
use essaim_domain::jobs::{self};
use essaim_mail::{JobFuture, JobHandler, Outcome, Worker};
use essaim_store::jobs::Job;
use essaim_store::wiki::{page_path, WikiPage};
use essaim_store::StoreError;

use crate::email::{notice_email_with, Extras};
use crate::AppState;

/// Registers this layer's jobs on the worker and schedules the recurring ones.
pub async fn register(worker: Worker, state: &AppState) -> Result<Worker, StoreError> {
    let worker = crate::discussions::mail::register(worker, state).await?;
    state
        .store
        .ensure_job::<jobs::WatchDigest>(next_digest_time(state))
        .await?;
    // Meetings and polls register theirs from their own module.
    let worker = crate::meetings::register_jobs(worker, state).await?;
    let worker = crate::groups::register_jobs(worker, state);
    let worker = crate::projects::register_jobs(worker, state);
    let worker = crate::news::register_jobs(worker, state);
    let worker = crate::newsletter::register_jobs(worker, state).await?;
    Ok(worker
        .with_handler(PageChanged(state.clone()))
        .with_handler(WatchDigest(state.clone())))
}

/// The next 7 o'clock in the instance's time zone.
fn next_digest_time(state: &AppState) -> i64 {
    use chrono::{Duration, TimeZone};
    let tz = state.config.timezone;
    let now = tz.timestamp_opt(state.store.now(), 0).single();
    let Some(now) = now else {
        return state.store.now() + 86_400;
    };
    let today = now
        .date_naive()
        .and_hms_opt(7, 0, 0)
        .and_then(|t| tz.from_local_datetime(&t).earliest());
    match today {
        Some(t) if t > now => t.timestamp(),
        Some(t) => (t + Duration::days(1)).timestamp(),
        None => state.store.now() + 86_400,
    }
}

/// Whether `user_id` may read `page` now (watchers lose access when they
/// leave a group or the page becomes restricted).
async fn may_read(state: &AppState, user_id: UserId, page: &WikiPage) -> Result<bool, StoreError> {
    let Some(user) = state.store.user_by_id(user_id).await? else {
        return Ok(false);
    };
    Ok(
        match essaim_app::wiki::Space::of_page(&state.app, page, user_id).await? {
            Some(space) => space.may_read(&essaim_app::Actor::Account(user), page),
            None => false,
        },
    )
}

async fn page_link(state: &AppState, page: &WikiPage) -> Result<String, StoreError> {
    let group_slug = match page.group_id {
        Some(id) => state.store.group_by_id(id).await?.map(|g| g.slug),
        None => None,
    };
    Ok(state
        .config
        .absolute(&page_path(group_slug.as_deref(), &page.slug)))
}

/// Emails the "immediate" watchers of a page after a change.
struct PageChanged(AppState);

impl JobHandler<jobs::PageChanged> for PageChanged {
    fn run<'a>(&'a self, _job: &'a Job, p: jobs::PageChanged) -> JobFuture<'a> {
        Box::pin(async move {
            let state = &self.0;
            let (page_id, number) = (p.page_id, p.revision);
            let Some(page) = state.store.wiki_page_by_id(page_id).await? else {
                return Ok(Outcome::Done);
            };
            let Some(revision) = state.store.wiki_revision(page_id, number).await? else {
                return Ok(Outcome::Done);
            };
            let link = format!("{}/diff?to={number}", page_link(state, &page).await?);
            let mut emails = Vec::new();
            for watch in state.store.watchers_of(page_id).await? {
                if watch.mode != "immediate" || Some(watch.user_id) == revision.author_id {
                    continue;
                }
                if !may_read(state, watch.user_id, &page).await? {
                    continue;
                }
                let Some(user) = state.store.user_by_id(watch.user_id).await? else {
                    continue;
                };
                let lang = user.language();
                let extras = Extras {
                    items: Vec::new(),
                    stop_link: Some(
                        state
                            .config
                            .absolute(&format!("/watch/stop/{}", watch.stop_token)),
                    ),
                    ..Extras::default()
                };
                let args = [
                    ("title", revision.title.clone()),
                    (
                        "author",
                        revision.author_name.clone().unwrap_or_else(|| "—".into()),
                    ),
                    (
                        "summary",
                        if revision.summary.is_empty() {
                            "—".into()
                        } else {
                            revision.summary.clone()
                        },
                    ),
                ];
                match notice_email_with(
                    state,
                    lang,
                    "page-changed",
                    &user.email,
                    &user.name,
                    &args,
                    &link,
                    &extras,
                ) {
                    Ok(email) => emails.push(email),
                    Err(e) => return Ok(Outcome::Retry(format!("{e:#}"))),
                }
            }
            state.queue_emails(&emails).await?;
            Ok(Outcome::Done)
        })
    }
}

/// Sends each "daily" watcher one summary of yesterday's changes, then
/// schedules tomorrow's run.
struct WatchDigest(AppState);

impl JobHandler<jobs::WatchDigest> for WatchDigest {
    fn run<'a>(&'a self, _job: &'a Job, p: jobs::WatchDigest) -> JobFuture<'a> {
        Box::pin(async move {
            let state = &self.0;
            let to = state.store.now();
            // Each run covers the time since the previous one (given to it
            // in its payload), so a run that comes late loses no change and
            // the next one repeats none; the very first covers a day.
            let from = essaim_app::jobs::summary_since(&p, to, 86_400);
            let lines = state.store.daily_watch_lines(from, to).await?;
            let mut by_user: Vec<(UserId, Vec<(String, String)>)> = Vec::new();
            for line in lines {
                if line.author_id == Some(line.user_id) {
                    continue;
                }
                let Some(page) = state.store.wiki_page_by_id(line.page_id).await? else {
                    continue;
                };
                if !may_read(state, line.user_id, &page).await? {
                    continue;
                }
                let link = format!("{}/diff?to={}", page_link(state, &page).await?, line.number);
                match by_user.last_mut() {
                    Some((u, items)) if *u == line.user_id => items.push((line.title, link)),
                    _ => by_user.push((line.user_id, vec![(line.title, link)])),
                }
            }
            let mut emails = Vec::new();
            for (user_id, items) in by_user {
                let Some(user) = state.store.user_by_id(user_id).await? else {
                    continue;
                };
                let stop = format!(
                    "/watch/stop-daily/{user_id}/{}",
                    daily_stop_signature(state, user_id)
                );
                let extras = Extras {
                    items,
                    stop_link: Some(state.config.absolute(&stop)),
                    ..Extras::default()
                };
                let count = extras.items.len().to_string();
                let link = state.config.absolute("/changes");
                match notice_email_with(
                    state,
                    user.language(),
                    "watch-digest",
                    &user.email,
                    &user.name,
                    &[("count", count)],
                    &link,
                    &extras,
                ) {
                    Ok(email) => emails.push(email),
                    Err(e) => return Ok(Outcome::Retry(format!("{e:#}"))),
                }
            }
            state.queue_emails(&emails).await?;
            essaim_app::jobs::schedule_next_summary::<jobs::WatchDigest>(
                &state.app,
                to,
                next_digest_time(state),
            )
            .await?;
            Ok(Outcome::Done)
        })
    }
}

/// The signature of a person's "stop the daily summaries" link (no secret is
/// stored: it is recomputed from the instance secret).
pub fn daily_stop_signature(state: &AppState, user_id: UserId) -> String {
    essaim_app::signing::sign(&state.app.secret, &daily_stop_message(user_id))
}

/// What a "stop the daily summaries" link signs.
pub fn daily_stop_message(user_id: UserId) -> String {
    format!("daily-stop:{user_id}")
}
