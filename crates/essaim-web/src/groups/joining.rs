//! Joining and leaving a group, requests to join and the facilitators' answer.

use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use essaim_app::groups::JoinOutcome;
use essaim_domain::groups::{self as rules};
use essaim_domain::i18n::Lang;
use essaim_domain::jobs;
use essaim_domain::{Invalid, Problem};
use essaim_mail::{JobFuture, JobHandler, Outcome, Worker};
use essaim_store::jobs::Job;

use crate::csrf::CsrfForm;
use crate::ctx::Ctx;
use crate::error::{not_found, AppError, AppResult};
use crate::AppState;

use super::{load, require, Loaded};

/// Tells a group's facilitators and leaders, each in their language, that
/// someone asks to join (queued by `essaim_app::groups::join`).
struct JoinRequested(AppState);

impl JobHandler<jobs::JoinRequested> for JoinRequested {
    fn run<'a>(&'a self, _job: &'a Job, p: jobs::JoinRequested) -> JobFuture<'a> {
        Box::pin(async move {
            let state = &self.0;
            let (Some(group), Some(request)) = (
                state.store.group_by_id(p.group_id).await?,
                state.store.join_request(p.group_id, p.request_id).await?,
            ) else {
                // Answered or gone meanwhile: nobody needs telling.
                return Ok(Outcome::Done);
            };
            let link = state
                .config
                .absolute(&format!("/g/{}#requests", group.slug));
            let mut emails = Vec::new();
            for member in state.store.members(group.id).await? {
                if !member
                    .roles
                    .iter()
                    .any(|r| r == "facilitator" || r == "leader")
                {
                    continue;
                }
                let Some(person) = state.store.user_by_id(member.user_id).await? else {
                    continue;
                };
                let email = crate::email::notice_email(
                    state,
                    person.language(),
                    "join-request",
                    &person.email,
                    &person.name,
                    &[
                        ("group", group.name.clone()),
                        ("person", request.user_name.clone()),
                        ("message", request.message.clone()),
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

/// Registers the groups' jobs.
pub fn register_jobs(worker: Worker, state: &AppState) -> Worker {
    worker.with_handler(JoinRequested(state.clone()))
}

/// Leaves a group, unless one is its last facilitator. Shared by the page
/// and the API; returns whether the person was a member.
pub async fn leave(state: &AppState, ctx: &Ctx, loaded: &Loaded) -> AppResult<bool> {
    let user = ctx.user.as_ref().ok_or(Problem::Unauthenticated)?;
    let Some(membership) = &loaded.rules else {
        return Ok(false);
    };
    let facilitators = state
        .store
        .role_count(loaded.group.id, "facilitator")
        .await?;
    rules::may_leave(membership, facilitators as usize).map_err(|e| Problem::Invalid(vec![e]))?;
    Ok(state.store.leave_group(loaded.group.id, user.id).await?)
}

/// The join form (a message for closed groups).
#[derive(Debug, serde::Deserialize, Default)]
#[serde(default)]
pub struct JoinForm {
    message: String,
}

/// `POST /g/{slug}/join`.
pub async fn join_form(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
    CsrfForm(form): CsrfForm<JoinForm>,
) -> AppResult<Response> {
    if ctx.user.is_none() {
        return Ok(Redirect::to(&format!("/login?next=/g/{slug}")).into_response());
    }
    let loaded = load(&state, &ctx, &slug).await?;
    let outcome =
        essaim_app::groups::join(&state.app, &ctx.actor(), &loaded.group, Some(&form.message))
            .await?;
    let flash = match outcome {
        JoinOutcome::Joined | JoinOutcome::AlreadyMember => "flash-joined",
        JoinOutcome::Requested | JoinOutcome::RequestNeeded => "flash-join-requested",
    };
    Ok(crate::accounts::redirect_with_flash(
        &state,
        &format!("/g/{slug}"),
        flash,
    ))
}

/// `POST /g/{slug}/leave`.
pub async fn leave_form(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
    CsrfForm(_): CsrfForm<crate::accounts::Empty>,
) -> AppResult<Response> {
    let loaded = load(&state, &ctx, &slug).await?;
    match leave(&state, &ctx, &loaded).await {
        Ok(_) => Ok(crate::accounts::redirect_with_flash(
            &state,
            &format!("/g/{slug}"),
            "flash-left",
        )),
        Err(AppError::Problem(Problem::Invalid(_))) => Ok(crate::accounts::redirect_with_flash(
            &state,
            &format!("/g/{slug}/members"),
            "flash-name-facilitator-first",
        )),
        Err(e) => Err(e),
    }
}

/// The accept / decline form of a join request.
#[derive(Debug, serde::Deserialize, Default)]
#[serde(default)]
pub struct DecisionForm {
    decision: String,
}

/// `POST /g/{slug}/requests/{id}`.
pub async fn decide_request(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, request_id)): Path<(String, i64)>,
    CsrfForm(form): CsrfForm<DecisionForm>,
) -> AppResult<Response> {
    let loaded = load(&state, &ctx, &slug).await?;
    require(loaded.may_manage(&ctx), &ctx)?;
    let user = ctx.user.as_ref().ok_or(Problem::Unauthenticated)?;
    let accept = match form.decision.as_str() {
        "accept" => true,
        "decline" => false,
        _ => {
            return Err(
                Problem::Invalid(vec![Invalid::new("decision", "error-choice-unknown")]).into(),
            )
        }
    };
    let request = state
        .store
        .join_request(loaded.group.id, request_id)
        .await?
        .ok_or_else(not_found)?;
    let requester = state
        .store
        .user_by_id(request.user_id)
        .await?
        .ok_or_else(not_found)?;
    let lang = requester
        .lang
        .as_deref()
        .and_then(Lang::from_code)
        .unwrap_or(ctx.lang);
    let kind = if accept {
        "join-accepted"
    } else {
        "join-declined"
    };
    let link = state.config.absolute(&format!("/g/{slug}"));
    let email = crate::email::notice_email(
        &state,
        lang,
        kind,
        &requester.email,
        &requester.name,
        &[
            ("group", loaded.group.name.clone()),
            ("person", user.name.clone()),
        ],
        &link,
    )?;
    state
        .store
        .decide_join_request(&request, accept, user.id, &email)
        .await?;
    state.app.wake_jobs();
    let flash = if accept {
        "flash-request-accepted"
    } else {
        "flash-request-declined"
    };
    Ok(crate::accounts::redirect_with_flash(
        &state,
        &format!("/g/{slug}"),
        flash,
    ))
}
