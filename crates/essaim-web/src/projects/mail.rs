//! Projects' emails: holders told that someone wants to help, a holder
//! asked for news (answered by replying to the email, through the same
//! mail sink as discussions, or through a one-field form its link opens),
//! and a project's news sent to those who offered to help.

use essaim_app::projects::{self as app, NewsOrigin, Place};
use essaim_app::Actor;
use essaim_domain::i18n::Lang;
use essaim_domain::jobs;
use essaim_domain::markdown;
use essaim_domain::projects::NewsVia;
use essaim_domain::Problem;
use essaim_mail::inbound::{group_address, DeliveryError};
use essaim_mail::incoming::Incoming;
use essaim_mail::{JobFuture, JobHandler, Outcome, Worker};
use essaim_store::accounts::User;
use essaim_store::groups::Group;
use essaim_store::jobs::Job;
use essaim_store::outbox::OutgoingEmail;
use essaim_store::projects::{Holder, NewsRequest, Project};

use crate::discussions::inbound::{explain, temporary, Sender};
use crate::email::{notice_email, notice_email_with, Extras};
use crate::error::AppResult;
use crate::AppState;

/// The tag of a group address that answers a request for news:
/// `{slug}+news-{key}@…`.
pub const NEWS_KEY_PREFIX: &str = "news-";

/// How long a request for news can be answered, in seconds.
const REQUEST_LIFETIME: i64 = 90 * 86_400;

/// The emails telling each holder of `project` that `helper` offers help.
pub fn help_offered(
    state: &AppState,
    project: &Project,
    helper: &User,
) -> AppResult<Vec<OutgoingEmail>> {
    let link = state.config.absolute(&project.path());
    project
        .holders
        .iter()
        .filter(|h| h.user_id != helper.id)
        .map(|h| {
            notice_email(
                state,
                Lang::or_default(h.lang.as_deref()),
                "project-help",
                &h.email,
                &h.name,
                &[
                    ("project", project.title.clone()),
                    ("person", helper.name.clone()),
                    ("address", helper.email.clone()),
                ],
                &link,
            )
            .map_err(Into::into)
        })
        .collect()
}

/// A new key and the email asking `holder` for news of `project`: its
/// reply address carries the key, and so does its link to the one-field
/// form.
pub fn news_request(
    state: &AppState,
    group: &Group,
    project: &Project,
    holder: &Holder,
    asker: &str,
) -> AppResult<(String, OutgoingEmail)> {
    let key = essaim_store::random_token(16);
    let link = state
        .config
        .absolute(&format!("{}/news/{key}", project.path()));
    let extras = Extras {
        reply_to: Some(group_address(
            &group.slug,
            Some(&format!("{NEWS_KEY_PREFIX}{key}")),
            &state.mail.domain,
        )),
        ..Extras::default()
    };
    let email = notice_email_with(
        state,
        Lang::or_default(holder.lang.as_deref()),
        "project-ask",
        &holder.email,
        &holder.name,
        &[
            ("project", project.title.clone()),
            ("group", group.name.clone()),
            ("person", asker.to_string()),
        ],
        &link,
        &extras,
    )?;
    Ok((key, email))
}

/// The group, project and request of a one-field form's key; a key that
/// is unknown, too old, or of another project is an invalid link.
pub async fn keyed(
    state: &AppState,
    slug: &str,
    project_id: i64,
    key: &str,
) -> AppResult<(Group, Project, NewsRequest)> {
    let request = state
        .store
        .news_request(&essaim_store::hash_token(key))
        .await?
        .filter(|r| r.project_id == project_id && state.store.now() - r.asked_at < REQUEST_LIFETIME)
        .ok_or(Problem::LinkInvalid)?;
    let project = state
        .store
        .project(project_id)
        .await?
        .filter(|p| p.group_slug == slug && p.is_holder(Some(request.holder_id)))
        .ok_or(Problem::LinkInvalid)?;
    let group = state
        .store
        .group_by_id(project.group_id)
        .await?
        .ok_or(Problem::LinkInvalid)?;
    Ok((group, project, request))
}

/// Posts `text` as `request`'s holder (proven by the key, or by their own
/// address answering the email): the same rule as on the project's page.
pub async fn post_as_holder(
    state: &AppState,
    group: &Group,
    project: &Project,
    request: &NewsRequest,
    text: &str,
    message_id: Option<&str>,
) -> essaim_app::Result<Option<i64>> {
    let holder = state
        .store
        .user_by_id(request.holder_id)
        .await?
        .ok_or(Problem::LinkInvalid)?;
    let membership = state.store.membership(group.id, holder.id).await?;
    let rules = membership.as_ref().map(|m| m.rules());
    let place = Place {
        group,
        membership: rules.as_ref(),
    };
    let origin = NewsOrigin {
        via: if message_id.is_some() {
            NewsVia::Email
        } else {
            NewsVia::Web
        },
        message_id,
        request_id: Some(request.id),
    };
    app::post_news(
        &state.app,
        &Actor::KeyOwner(holder),
        &place,
        project,
        text,
        origin,
    )
    .await
}

/// A reply to an email asking for news: from the holder asked, its text
/// (trimmed as a discussion reply is) becomes the project's news; anyone
/// else, an empty reply or an old key gets an email saying so, and nothing
/// changes.
pub async fn news_by_mail(
    state: &AppState,
    group: &Group,
    key: &str,
    sender: Option<&User>,
    who: &Sender<'_>,
    message: &Incoming,
) -> Result<(), DeliveryError> {
    let request = state
        .store
        .news_request(&essaim_store::hash_token(key))
        .await
        .map_err(temporary)?
        .filter(|r| state.store.now() - r.asked_at < REQUEST_LIFETIME);
    let project = match &request {
        Some(r) => state
            .store
            .project(r.project_id)
            .await
            .map_err(temporary)?
            .filter(|p| p.group_id == group.id),
        None => None,
    };
    let group_page = state.config.absolute(&format!("/g/{}", group.slug));
    let (Some(request), Some(project)) = (request, project) else {
        return explain(state, "project-news-expired", who, group, &[], &group_page).await;
    };
    let form = state
        .config
        .absolute(&format!("{}/news/{key}", project.path()));
    let args = [("project", project.title.clone())];
    if sender.is_none_or(|u| u.id != request.holder_id) {
        return explain(
            state,
            "project-news-not-holder",
            who,
            group,
            &args,
            &group_page,
        )
        .await;
    }
    let text = if message.body.trim().is_empty() {
        ""
    } else {
        &message.body
    };
    let posted = post_as_holder(
        state,
        group,
        &project,
        &request,
        text,
        Some(message.message_id.as_deref().unwrap_or(key)),
    )
    .await;
    match essaim_app::or_invalid(posted) {
        Ok(Ok(_)) => Ok(()),
        Ok(Err(_)) => explain(state, "project-news-empty", who, group, &args, &form).await,
        Err(essaim_app::Error::Problem(_)) => {
            // No longer a holder or member: told, nothing kept.
            explain(
                state,
                "project-news-not-holder",
                who,
                group,
                &args,
                &group_page,
            )
            .await
        }
        Err(e) => Err(temporary(format!("{e:?}"))),
    }
}

/// Sends a project's news to those who offered to help and still see it.
struct NewsPosted(AppState);

impl JobHandler<jobs::ProjectNewsPosted> for NewsPosted {
    fn run<'a>(&'a self, _job: &'a Job, p: jobs::ProjectNewsPosted) -> JobFuture<'a> {
        Box::pin(async move {
            let state = &self.0;
            let Some(news) = state.store.project_news_item(p.news_id).await? else {
                return Ok(Outcome::Done);
            };
            let (Some(project), followers) = (
                state.store.project(news.project_id).await?,
                state.store.project_followers(news.project_id).await?,
            ) else {
                return Ok(Outcome::Done);
            };
            let Some(group) = state.store.group_by_id(project.group_id).await? else {
                return Ok(Outcome::Done);
            };
            let link = state.config.absolute(&format!("{}#news", project.path()));
            let text = markdown::render_inline_text(&news.markdown, 2_000);
            let mut emails = Vec::new();
            for person in followers {
                // The same rule as the project's page, for each of them now.
                let membership = state.store.membership(group.id, person.id).await?;
                let rules = membership.as_ref().map(|m| m.rules());
                let place = Place {
                    group: &group,
                    membership: rules.as_ref(),
                };
                let reader = Actor::Account(person.clone());
                if !app::may_see(&reader, &place, &project) {
                    continue;
                }
                let email = notice_email(
                    state,
                    person.language(),
                    "project-news",
                    &person.email,
                    &person.name,
                    &[
                        ("project", project.title.clone()),
                        ("person", news.author_name.clone()),
                        ("text", text.clone()),
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

/// Registers the projects' jobs.
pub fn register_jobs(worker: Worker, state: &AppState) -> Worker {
    worker.with_handler(NewsPosted(state.clone()))
}
