//! The date polls' API: proposing one, reading it with its answers, and
//! answering (with a token as oneself, or as a guest with a name).

use std::collections::BTreeMap;

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use essaim_app::polls::{Answered, Typed};
use essaim_domain::meetings as meeting_rules;
use essaim_domain::polls::{self as rules, Choice, OptionInput, PollInput};
use essaim_domain::{Invalid, Problem};
use essaim_store::polls::Poll;
use serde::{Deserialize, Serialize};
use utoipa::openapi::schema::{AdditionalProperties, Object, ObjectBuilder, Schema, Type};
use utoipa::openapi::RefOr;
use utoipa::ToSchema;

use super::{json_body, schema, Caller, ErrorBody};
use crate::ctx::Ctx;
use crate::error::{not_found, AppResult};
use crate::polls::{open, results};
use crate::AppState;

/// A poll as the API shows it, with everyone's answers.
#[derive(Debug, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PollOut {
    /// The secret part of its link.
    token: String,
    url: String,
    /// The group's short address.
    group: String,
    title: String,
    description: String,
    /// The length of the meeting it will create.
    #[schema(minimum = 5, maximum = 20160)]
    duration_minutes: i64,
    /// IANA name, e.g. Europe/Paris.
    timezone: String,
    /// When answers close (UTC).
    #[schema(value_type = Option<String>, format = DateTime)]
    deadline: Option<String>,
    guests_allowed: bool,
    #[schema(schema_with = schema::visibility)]
    visibility: String,
    #[schema(schema_with = schema::poll_status)]
    status: String,
    options: Vec<PollOptionOut>,
    answers: Vec<AnswerOut>,
    /// Only in the answer to a guest's first answer: the private key that
    /// changes the answers later (send it back as `key`).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(value_type = String)]
    key: Option<String>,
}

/// One option of a poll, with its count.
#[derive(Debug, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PollOptionOut {
    /// Named in an answer's `choices`.
    id: i64,
    /// A date option's start (UTC).
    #[schema(value_type = Option<String>, format = DateTime)]
    starts_at: Option<String>,
    /// A free option's words.
    label: Option<String>,
    #[schema(minimum = 0)]
    yes: i64,
    #[schema(minimum = 0)]
    if_need_be: i64,
    #[schema(minimum = 0)]
    no: i64,
    /// One of the options most people can make.
    best: bool,
}

/// Someone's answers.
#[derive(Debug, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AnswerOut {
    name: String,
    comment: String,
    /// One a option, in the order of `options`.
    #[schema(schema_with = choices_shown)]
    choices: Vec<String>,
}

fn choices_shown() -> utoipa::openapi::schema::Array {
    utoipa::openapi::schema::ArrayBuilder::new()
        .items(schema::choice_shown())
        .build()
}

fn utc(t: i64) -> Option<String> {
    chrono::DateTime::from_timestamp(t, 0).map(|d| d.to_rfc3339())
}

async fn poll_out(state: &AppState, poll: &Poll) -> AppResult<PollOut> {
    let (options, rows, raw) = results(
        state,
        essaim_domain::i18n::Lang::default(),
        poll,
        None,
        None,
    )
    .await?;
    Ok(PollOut {
        token: poll.token.clone(),
        url: state.config.absolute(&poll.path()),
        group: poll.group_slug.clone(),
        title: poll.title.clone(),
        description: poll.description.clone(),
        duration_minutes: poll.duration_minutes,
        timezone: poll.timezone.clone(),
        deadline: poll.deadline.and_then(utc),
        guests_allowed: poll.guests_allowed,
        visibility: poll.visibility.code().to_string(),
        status: poll.status.clone(),
        options: options
            .iter()
            .zip(&raw)
            .map(|(o, r)| PollOptionOut {
                id: o.id,
                starts_at: r.starts_at.and_then(utc),
                label: r.label.clone(),
                yes: o.tally.yes,
                if_need_be: o.tally.if_need_be,
                no: o.tally.no,
                best: o.best,
            })
            .collect(),
        answers: rows
            .into_iter()
            .map(|r| AnswerOut {
                name: r.name,
                comment: r.comment,
                choices: r.choices,
            })
            .collect(),
        key: None,
    })
}

/// The body of `POST /api/v1/groups/{slug}/polls`.
#[derive(Debug, Deserialize, Default, ToSchema)]
#[serde(default, deny_unknown_fields)]
pub struct PollIn {
    /// The title of the meeting it will create.
    #[schema(required = true, min_length = 1, max_length = 200, pattern = r"\S")]
    title: String,
    #[schema(max_length = 20000)]
    description: String,
    /// The length of the meeting it will create (none: 120).
    #[schema(minimum = 5, maximum = 20160)]
    duration_minutes: Option<i64>,
    #[schema(schema_with = schema::timezone_input)]
    timezone: String,
    /// When answers close: RFC 3339 with an offset, in the future (none:
    /// no deadline).
    #[schema(value_type = Option<String>, format = DateTime)]
    deadline: Option<String>,
    /// People without an account may answer with a name.
    guests_allowed: bool,
    #[schema(schema_with = schema::visibility_input)]
    visibility: String,
    /// The options: dates in the future, or free words.
    #[schema(required = true, max_items = 30)]
    options: Vec<PollOptionIn>,
}

/// One option proposed: a date (`starts_at`) or free words (`label`, which
/// wins when both are given).
#[derive(Debug, Deserialize, Serialize, Default, ToSchema)]
#[serde(default, deny_unknown_fields)]
pub struct PollOptionIn {
    /// RFC 3339 with an offset.
    #[schema(value_type = Option<String>, format = DateTime)]
    starts_at: Option<String>,
    /// e.g. "un samedi matin en mai".
    #[schema(max_length = 200)]
    label: Option<String>,
}

impl super::AsSent for PollIn {
    /// What the document says that the poll's rules do not (they trim what a
    /// form sends): lengths as sent, times in RFC 3339, codes exactly.
    fn check_as_sent(&self) -> Vec<Invalid> {
        let mut errors = Vec::new();
        if self.title.chars().count() > meeting_rules::TITLE_MAX {
            errors.push(Invalid::new("title", "error-meeting-title-too-long"));
        }
        if self.description.chars().count() > meeting_rules::DESCRIPTION_MAX {
            errors.push(Invalid::new(
                "description",
                "error-meeting-description-too-long",
            ));
        }
        if let Some(deadline) = &self.deadline {
            if let Err(e) = schema::check_date_time("deadline", deadline) {
                errors.push(e);
            }
        }
        if self.options.len() > rules::OPTIONS_MAX {
            errors.push(Invalid::new("options", "error-poll-too-many-options"));
        }
        for o in &self.options {
            if o.label
                .as_ref()
                .is_some_and(|l| l.chars().count() > rules::OPTION_MAX)
            {
                errors.push(Invalid::new("options", "error-poll-option-too-long"));
            }
            if let Some(at) = &o.starts_at {
                if schema::check_date_time("options", at).is_err() {
                    errors.push(Invalid::new("options", "error-poll-option-invalid"));
                }
            }
        }
        if let Err(e) = schema::check_timezone(&self.timezone) {
            errors.push(e);
        }
        if let Err(e) = schema::check_visibility(&self.visibility) {
            errors.push(e);
        }
        errors.dedup();
        errors
    }
}

/// `POST /api/v1/groups/{slug}/polls`: proposes dates to a group.
#[utoipa::path(post, path = "/groups/{slug}/polls", tag = "polls", request_body = PollIn,
    params(("slug" = String, Path, description = "The group's short address")),
    responses(
        (status = 201, description = "Proposed", body = PollOut),
        (status = 401, description = "No or a wrong token", body = ErrorBody),
        (status = 403, description = "Not allowed to organize", body = ErrorBody),
        (status = 404, description = "No such group", body = ErrorBody),
        (status = 422, description = "A field refused (also: no option, dates or deadline in the past)", body = ErrorBody),
    ))]
pub async fn create(
    State(state): State<AppState>,
    caller: Caller,
    Path(slug): Path<String>,
    body: axum::body::Bytes,
) -> AppResult<Response> {
    let ctx = &caller.ctx;
    let (organizing, b) = super::organizing::<PollIn>(&state, ctx, &slug, &body).await?;
    let input = PollInput {
        title: b.title,
        description: b.description,
        duration_minutes: b
            .duration_minutes
            .map(|d| d.to_string())
            .unwrap_or_default(),
        timezone: b.timezone,
        deadline: b.deadline.unwrap_or_default(),
        guests_allowed: b.guests_allowed,
        visibility: b.visibility,
        options: b
            .options
            .into_iter()
            .map(|o| match o.label {
                Some(label) if !label.trim().is_empty() => OptionInput::Free(label),
                _ => OptionInput::Date(o.starts_at.unwrap_or_default()),
            })
            .collect(),
    };
    let draft = input
        .validate(state.config.timezone, state.store.now(), true)
        .map_err(Problem::Invalid)?;
    let (id, _) = essaim_app::polls::propose(&state.app, organizing, &draft).await?;
    let poll = state.store.poll(id).await?.ok_or_else(not_found)?;
    Ok((StatusCode::CREATED, Json(poll_out(&state, &poll).await?)).into_response())
}

/// `GET /api/v1/polls/{token}`.
#[utoipa::path(get, security((), ("bearer" = [])), path = "/polls/{token}", tag = "polls",
    params(("token" = String, Path, description = "The poll's link")),
    responses(
        (status = 200, description = "The poll and its answers", body = PollOut),
        (status = 401, description = "A wrong token, or log in to see it", body = ErrorBody),
        (status = 404, description = "No such poll", body = ErrorBody),
    ))]
pub async fn show(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(token): Path<String>,
) -> AppResult<Json<PollOut>> {
    if ctx.bad_token {
        return Err(Problem::Unauthenticated.into());
    }
    let opened = open(&state, &ctx, &token).await?;
    Ok(Json(poll_out(&state, &opened.poll).await?))
}

/// The body of `POST /api/v1/polls/{token}/answers`.
#[derive(Debug, Deserialize, Default, ToSchema)]
#[serde(default, deny_unknown_fields)]
pub struct AnswerIn {
    /// A guest's name (ignored for a caller with a token, unless `key` is
    /// given).
    #[schema(max_length = 500)]
    name: String,
    /// A guest's address, to be told the date chosen (optional).
    email: String,
    #[schema(max_length = 500)]
    comment: String,
    /// A guest coming back: the private key of their first answer.
    key: Option<String>,
    /// The answer to each option, by option id; an option left out is `no`.
    #[schema(schema_with = choices_in)]
    choices: BTreeMap<String, String>,
}

fn choices_in() -> Object {
    ObjectBuilder::new()
        .schema_type(Type::Object)
        .property_names(Some(
            ObjectBuilder::new()
                .schema_type(Type::String)
                .pattern(Some("^[0-9]+$")),
        ))
        .additional_properties(Some(AdditionalProperties::RefOr(RefOr::T(Schema::Object(
            schema::choice(),
        )))))
        .build()
}

/// `POST /api/v1/polls/{token}/answers`: a caller with a token answers as
/// themselves; without, as a guest (when allowed) with a name, and gets the
/// private key that changes the answers later.
#[utoipa::path(post, security((), ("bearer" = [])), path = "/polls/{token}/answers", tag = "polls", request_body = AnswerIn,
    params(("token" = String, Path, description = "The poll's link")),
    responses(
        (status = 200, description = "Answered", body = PollOut),
        (status = 401, description = "A wrong token, or log in to answer", body = ErrorBody),
        (status = 403, description = "Not allowed to answer (also: a browser session without its anti-forgery key)", body = ErrorBody),
        (status = 404, description = "No such poll", body = ErrorBody),
        (status = 422, description = "A field refused (also: the poll is closed, an option that is not the poll's)", body = ErrorBody),
    ))]
pub async fn answer(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(token): Path<String>,
    headers: axum::http::HeaderMap,
    body: axum::body::Bytes,
) -> AppResult<Json<PollOut>> {
    if ctx.bad_token {
        return Err(Problem::Unauthenticated.into());
    }
    // A browser session must prove the call is not forged, like the rest of the API.
    if ctx.user.is_some() && !ctx.via_token {
        let given = headers
            .get(crate::csrf::HEADER)
            .and_then(|v| v.to_str().ok());
        crate::csrf::verify(&ctx, given)?;
    }
    let opened = open(&state, &ctx, &token).await?;
    let b: AnswerIn = json_body(&body)?;
    let mut errors = Vec::new();
    for (field, text) in [("name", &b.name), ("comment", &b.comment)] {
        if text.chars().count() > rules::COMMENT_MAX {
            errors.push(Invalid::new(field, "error-poll-text-too-long"));
        }
    }
    if !errors.is_empty() {
        return Err(Problem::Invalid(errors).into());
    }
    let options = state.store.poll_options(opened.poll.id).await?;
    let mut choices = Vec::new();
    let mut bad = None;
    for o in &options {
        match b.choices.get(&o.id.to_string()).map(String::as_str) {
            None => choices.push((o.id, Choice::No)),
            Some(code) => match Choice::from_code(code) {
                Some(c) => choices.push((o.id, c)),
                None => bad = Some(Invalid::new("choices", "error-poll-choice")),
            },
        }
    }
    if b.choices
        .keys()
        .any(|k| !options.iter().any(|o| o.id.to_string() == *k))
    {
        bad = Some(Invalid::new("choices", "error-poll-choice"));
    }
    let choices = match bad {
        Some(e) => Err(e),
        None => Ok(choices),
    };
    let typed = Typed {
        name: &b.name,
        email: &b.email,
        comment: &b.comment,
        key: b.key.as_deref(),
    };
    let actor = ctx.actor();
    let answered = essaim_app::polls::answer(&state.app, &actor, &opened, typed, choices, ctx.lang);
    match answered.await? {
        Answered::Saved(key) => {
            let poll = state
                .store
                .poll(opened.poll.id)
                .await?
                .ok_or_else(not_found)?;
            let mut out = poll_out(&state, &poll).await?;
            out.key = key;
            Ok(Json(out))
        }
        Answered::Invalid(errors) => Err(Problem::Invalid(errors).into()),
    }
}
