//! The usages board's pages: the ranked board with its add form and
//! support buttons (`/g/{slug}/usages`), a usage's page with the
//! facilitators' estimate form (`/g/{slug}/usages/{id}`), a sprint's plan
//! and review (`/g/{slug}/usages/sprints/{id}`), and the switch in the
//! group's settings.
//!
//! Who reads and writes is `essaim_domain::usages`'s rule, asked through
//! `essaim_app::usages`.

use std::collections::BTreeMap;

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::{Datelike, NaiveDate, TimeZone};
use essaim_app::or_invalid;
use essaim_app::usages::{Board, Ranked, ReviewForm};
use essaim_domain::i18n::Lang;
use essaim_domain::usages::{
    default_end, EstimateInput, ReviewWords, SprintInput, UsageInput, UsageStatus,
};
use essaim_domain::Invalid;
use essaim_store::usages::{Sprint, Usage};
use minijinja::context;
use serde::Serialize;

use crate::csrf::CsrfForm;
use crate::ctx::Ctx;
use crate::error::AppResult;
use crate::groups::{self, Loaded};
use crate::i18n::{t, t_args};
use crate::polls::field;
use crate::AppState;

/// A usage ready for templates.
#[derive(Debug, Serialize)]
pub struct UsageView {
    /// The stored usage.
    #[serde(flatten)]
    pub usage: Usage,
    /// Its page.
    pub path: String,
    /// Its status code.
    pub status_code: &'static str,
    /// Whether the reader supports it.
    pub supported: bool,
    /// Whether both estimates are set.
    pub estimated: bool,
    /// The cost as typed in the form ("" when not estimated).
    pub cost_value: String,
    /// The impact as typed in the form.
    pub impact_value: String,
}

fn view(usage: Usage, supported: &[i64]) -> UsageView {
    UsageView {
        path: usage.path(),
        status_code: usage.status.code(),
        supported: supported.contains(&usage.id),
        estimated: usage.rank().ratio().is_some(),
        cost_value: usage.cost.map(|c| c.to_string()).unwrap_or_default(),
        impact_value: usage.impact.map(|c| c.to_string()).unwrap_or_default(),
        usage,
    }
}

/// A sprint ready for templates.
#[derive(Debug, Serialize)]
pub struct SprintView {
    /// The stored sprint.
    #[serde(flatten)]
    pub sprint: Sprint,
    /// Its page.
    pub path: String,
    /// Its first day in words.
    pub from: String,
    /// Its last day in words.
    pub to: String,
    /// Its review's wiki page, once reviewed.
    pub review_path: Option<String>,
}

fn sprint_view(lang: Lang, sprint: Sprint) -> SprintView {
    SprintView {
        path: sprint.path(),
        from: day(lang, &sprint.starts_on),
        to: day(lang, &sprint.ends_on),
        review_path: sprint
            .review_page
            .as_ref()
            .map(|p| format!("/g/{}/wiki/{p}", sprint.group_slug)),
        sprint,
    }
}

/// A stored day (`YYYY-MM-DD`) in words: "7 décembre 2026".
fn day(lang: Lang, stored: &str) -> String {
    match NaiveDate::parse_from_str(stored, "%Y-%m-%d") {
        Ok(d) => format!(
            "{} {} {}",
            d.day(),
            t(lang, &format!("month-{}", d.month())),
            d.year()
        ),
        Err(_) => stored.to_string(),
    }
}

/// Today, in the instance's time zone.
fn today(state: &AppState) -> NaiveDate {
    state
        .config
        .timezone
        .timestamp_opt(state.store.now(), 0)
        .single()
        .map_or_else(|| chrono::Utc::now().date_naive(), |d| d.date_naive())
}

/// Whether the group's page links to its board: switched on, and the
/// reader may read it.
pub async fn shown_on_group_page(state: &AppState, ctx: &Ctx, loaded: &Loaded) -> AppResult<bool> {
    match or_not_found(essaim_app::usages::board(&state.app, &ctx.actor(), &loaded.place()).await)?
    {
        Some(board) => Ok(board.enabled),
        None => Ok(false),
    }
}

fn or_not_found<T>(result: essaim_app::Result<T>) -> AppResult<Option<T>> {
    match result {
        Ok(v) => Ok(Some(v)),
        Err(essaim_app::Error::Problem(essaim_domain::Problem::NotFound)) => Ok(None),
        Err(e) => Err(e.into()),
    }
}

/// The forms of the board page as sent, with their refusals.
#[derive(Debug, Default)]
struct Forms<'a> {
    usage: Option<&'a UsageInput>,
    sprint: Option<&'a SprintInput>,
    errors: &'a [Invalid],
}

fn by_field(errors: &[Invalid]) -> BTreeMap<&str, &str> {
    errors.iter().map(|e| (e.field, e.key)).collect()
}

fn status_of(errors: &[Invalid]) -> StatusCode {
    if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    }
}

async fn board_page(
    state: &AppState,
    ctx: &Ctx,
    loaded: &Loaded,
    forms: Forms<'_>,
) -> AppResult<Response> {
    let actor = ctx.actor();
    let place = loaded.place();
    let board = essaim_app::usages::board(&state.app, &actor, &place).await?;
    if !board.enabled {
        let html =
            state
                .templates
                .render("usages/off.html", ctx, context! { group => loaded.group })?;
        return Ok(html.into_response());
    }
    let Ranked {
        open,
        closed,
        supported,
    } = essaim_app::usages::ranked(&state.app, &actor, &place).await?;
    let sprints = essaim_app::usages::sprints(&state.app, &actor, &place).await?;
    let plannable: Vec<(i64, String)> = essaim_app::usages::plannable(&open, None)
        .into_iter()
        .map(|u| (u.id, u.want.clone()))
        .collect();
    let (estimated, to_estimate): (Vec<UsageView>, Vec<UsageView>) = open
        .into_iter()
        .map(|u| view(u, &supported))
        .partition(|v| v.estimated);
    let empty_usage = UsageInput::default();
    let usage = forms.usage.unwrap_or(&empty_usage);
    let start = today(state);
    let default_sprint = SprintInput {
        starts_on: start.to_string(),
        ends_on: default_end(start).to_string(),
    };
    let sprint = forms.sprint.unwrap_or(&default_sprint);
    let html = state.templates.render(
        "usages/index.html",
        ctx,
        context! {
            group => loaded.group, board => board_context(board),
            ranked => estimated, to_estimate => to_estimate,
            closed => closed.into_iter().map(|u| view(u, &supported)).collect::<Vec<_>>(),
            sprints => sprints.into_iter().map(|s| sprint_view(ctx.lang, s)).collect::<Vec<_>>(),
            plannable => plannable,
            values => context! {
                as_who => usage.as_who, want => usage.want, so_that => usage.so_that,
                cost => usage.cost, impact => usage.impact,
                starts_on => sprint.starts_on, ends_on => sprint.ends_on,
            },
            errors => by_field(forms.errors), error_list => forms.errors,
            estimates => ["1", "2", "3"],
        },
    )?;
    Ok((status_of(forms.errors), html).into_response())
}

fn board_context(board: Board) -> minijinja::Value {
    context! { may_write => board.may_write, may_facilitate => board.may_facilitate }
}

/// `GET /g/{slug}/usages`: the ranked board (or, switched off, how to
/// switch it on, for facilitators; "not found" for others).
pub async fn index(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
) -> AppResult<Response> {
    let loaded = groups::load(&state, &ctx, &slug).await?;
    board_page(&state, &ctx, &loaded, Forms::default()).await
}

fn usage_input(pairs: &[(String, String)]) -> UsageInput {
    UsageInput {
        as_who: field(pairs, "as_who").to_string(),
        want: field(pairs, "want").to_string(),
        so_that: field(pairs, "so_that").to_string(),
        cost: field(pairs, "cost").to_string(),
        impact: field(pairs, "impact").to_string(),
    }
}

/// `POST /g/{slug}/usages`: adds a usage (members). Refused, the board is
/// shown again with what was typed.
pub async fn create(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
    CsrfForm(pairs): CsrfForm<Vec<(String, String)>>,
) -> AppResult<Response> {
    let loaded = groups::load(&state, &ctx, &slug).await?;
    let input = usage_input(&pairs);
    let outcome = or_invalid(
        essaim_app::usages::propose(&state.app, &ctx.actor(), &loaded.place(), &input).await,
    )?;
    match outcome {
        Ok(id) => Ok(Redirect::to(&format!("/g/{slug}/usages#usage-{id}")).into_response()),
        Err(errors) => {
            let forms = Forms {
                usage: Some(&input),
                errors: &errors,
                ..Forms::default()
            };
            board_page(&state, &ctx, &loaded, forms).await
        }
    }
}

/// `POST /g/{slug}/usages/settings`: switches the board on or off
/// (facilitators).
pub async fn settings(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
    CsrfForm(pairs): CsrfForm<Vec<(String, String)>>,
) -> AppResult<Response> {
    let loaded = groups::load(&state, &ctx, &slug).await?;
    let on = field(&pairs, "enabled") == "on";
    essaim_app::usages::switch(&state.app, &ctx.actor(), &loaded.place(), on).await?;
    let to = if on {
        format!("/g/{slug}/usages")
    } else {
        format!("/g/{slug}")
    };
    Ok(Redirect::to(&to).into_response())
}

/// `POST /g/{slug}/usages/{id}/support`: gives or takes back one's support
/// (members, one each).
pub async fn support(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, id)): Path<(String, i64)>,
    CsrfForm(_): CsrfForm<Vec<(String, String)>>,
) -> AppResult<Response> {
    let loaded = groups::load(&state, &ctx, &slug).await?;
    essaim_app::usages::support(&state.app, &ctx.actor(), &loaded.place(), id).await?;
    Ok(Redirect::to(&format!("/g/{slug}/usages#usage-{id}")).into_response())
}

async fn usage_page(
    state: &AppState,
    ctx: &Ctx,
    loaded: &Loaded,
    id: i64,
    input: Option<&EstimateInput>,
    errors: &[Invalid],
) -> AppResult<Response> {
    let actor = ctx.actor();
    let place = loaded.place();
    let (usage, board) = essaim_app::usages::usage(&state.app, &actor, &place, id).await?;
    let supported = match actor.user() {
        Some(user) => {
            state
                .store
                .usages_supported_by(loaded.group.id, user.id)
                .await?
        }
        None => Vec::new(),
    };
    let usage = view(usage, &supported);
    let values = match input {
        Some(i) => context! { cost => i.cost, impact => i.impact, status => i.status },
        None => context! {
            cost => usage.cost_value, impact => usage.impact_value, status => usage.status_code,
        },
    };
    let sprint = match usage.usage.sprint_id {
        Some(sprint_id) => state
            .store
            .sprint(sprint_id)
            .await?
            .map(|s| sprint_view(ctx.lang, s)),
        None => None,
    };
    let statuses: Vec<&str> = UsageStatus::ALL
        .iter()
        .filter(|s| **s == usage.usage.status || s.chosen_by_hand())
        .map(|s| s.code())
        .collect();
    let html = state.templates.render(
        "usages/show.html",
        ctx,
        context! {
            group => loaded.group, board => board_context(board), usage => usage, sprint => sprint,
            values => values, errors => by_field(errors), error_list => errors,
            estimates => ["1", "2", "3"],
            statuses => statuses,
        },
    )?;
    Ok((status_of(errors), html).into_response())
}

/// `GET /g/{slug}/usages/{id}`.
pub async fn show(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, id)): Path<(String, i64)>,
) -> AppResult<Response> {
    let loaded = groups::load(&state, &ctx, &slug).await?;
    usage_page(&state, &ctx, &loaded, id, None, &[]).await
}

/// `POST /g/{slug}/usages/{id}`: sets the estimates and status
/// (facilitators).
pub async fn estimate(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, id)): Path<(String, i64)>,
    CsrfForm(pairs): CsrfForm<Vec<(String, String)>>,
) -> AppResult<Response> {
    let loaded = groups::load(&state, &ctx, &slug).await?;
    let input = EstimateInput {
        cost: field(&pairs, "cost").to_string(),
        impact: field(&pairs, "impact").to_string(),
        status: field(&pairs, "status").to_string(),
    };
    let outcome = or_invalid(
        essaim_app::usages::estimate(&state.app, &ctx.actor(), &loaded.place(), id, &input).await,
    )?;
    match outcome {
        Ok(()) => Ok(Redirect::to(&format!("/g/{slug}/usages/{id}")).into_response()),
        Err(errors) => usage_page(&state, &ctx, &loaded, id, Some(&input), &errors).await,
    }
}

/// The usage ids a form picked (its `usage` checkboxes).
fn picked(pairs: &[(String, String)]) -> Vec<i64> {
    pairs
        .iter()
        .filter(|(k, _)| k == "usage")
        .filter_map(|(_, v)| v.trim().parse().ok())
        .collect()
}

/// `POST /g/{slug}/usages/sprints`: opens a sprint with the picked usages
/// (facilitators).
pub async fn create_sprint(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
    CsrfForm(pairs): CsrfForm<Vec<(String, String)>>,
) -> AppResult<Response> {
    let loaded = groups::load(&state, &ctx, &slug).await?;
    let input = SprintInput {
        starts_on: field(&pairs, "starts_on").to_string(),
        ends_on: field(&pairs, "ends_on").to_string(),
    };
    let title = t_args(
        ctx.lang,
        "usages-sprint-title",
        &[("date", day(ctx.lang, input.starts_on.trim()))],
    );
    let outcome = or_invalid(
        essaim_app::usages::open_sprint(
            &state.app,
            &ctx.actor(),
            &loaded.place(),
            &input,
            &picked(&pairs),
            &title,
        )
        .await,
    )?;
    match outcome {
        Ok(id) => Ok(Redirect::to(&format!("/g/{slug}/usages/sprints/{id}")).into_response()),
        Err(errors) => {
            let forms = Forms {
                sprint: Some(&input),
                errors: &errors,
                ..Forms::default()
            };
            board_page(&state, &ctx, &loaded, forms).await
        }
    }
}

async fn sprint_page(
    state: &AppState,
    ctx: &Ctx,
    loaded: &Loaded,
    id: i64,
    sent: Option<&[(String, String)]>,
    errors: &[Invalid],
) -> AppResult<Response> {
    let actor = ctx.actor();
    let place = loaded.place();
    let (sprint, usages, board) =
        essaim_app::usages::sprint(&state.app, &actor, &place, id).await?;
    let ranked = essaim_app::usages::ranked(&state.app, &actor, &place).await?;
    let plannable: Vec<(i64, String, bool)> =
        essaim_app::usages::plannable(&ranked.open, Some(sprint.id))
            .into_iter()
            .map(|u| (u.id, u.want.clone(), u.sprint_id == Some(sprint.id)))
            .collect();
    // What the review form shows: what was sent, else what is stored.
    let answers: BTreeMap<String, String> = usages
        .iter()
        .map(|u| {
            let key = format!("outcome_{}", u.id);
            let stored = match u.status {
                UsageStatus::Done => "done",
                UsageStatus::NotDone => "not_done",
                _ => "",
            };
            let value = sent.map_or(stored, |pairs| field(pairs, &key));
            (key, value.to_string())
        })
        .collect();
    let learned = sent.map_or(sprint.learned.clone(), |pairs| {
        field(pairs, "learned").to_string()
    });
    let supported = ranked.supported;
    let html = state.templates.render(
        "usages/sprint.html",
        ctx,
        context! {
            group => loaded.group, board => board_context(board),
            sprint => sprint_view(ctx.lang, sprint),
            usages => usages.into_iter().map(|u| view(u, &supported)).collect::<Vec<_>>(),
            plannable => plannable,
            values => context! { learned => learned, answers => answers },
            errors => by_field(errors), error_list => errors,
        },
    )?;
    Ok((status_of(errors), html).into_response())
}

/// `GET /g/{slug}/usages/sprints/{id}`: the sprint's plan and its review.
pub async fn sprint(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, id)): Path<(String, i64)>,
) -> AppResult<Response> {
    let loaded = groups::load(&state, &ctx, &slug).await?;
    sprint_page(&state, &ctx, &loaded, id, None, &[]).await
}

/// `POST /g/{slug}/usages/sprints/{id}/plan`: sets the sprint's usages
/// (facilitators, before the review).
pub async fn plan(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, id)): Path<(String, i64)>,
    CsrfForm(pairs): CsrfForm<Vec<(String, String)>>,
) -> AppResult<Response> {
    let loaded = groups::load(&state, &ctx, &slug).await?;
    let outcome = or_invalid(
        essaim_app::usages::plan(
            &state.app,
            &ctx.actor(),
            &loaded.place(),
            id,
            &picked(&pairs),
        )
        .await,
    )?;
    match outcome {
        Ok(()) => Ok(Redirect::to(&format!("/g/{slug}/usages/sprints/{id}")).into_response()),
        Err(errors) => sprint_page(&state, &ctx, &loaded, id, None, &errors).await,
    }
}

/// The words of a review's wiki page in `lang`.
fn review_words(lang: Lang, sprint: &SprintView) -> ReviewWords {
    ReviewWords {
        intro: t_args(
            lang,
            "usages-review-intro",
            &[("from", sprint.from.clone()), ("to", sprint.to.clone())],
        ),
        done: t(lang, "usages-outcome-done"),
        not_done: t(lang, "usages-outcome-not_done"),
        learned: t(lang, "usages-learned"),
        nothing: t(lang, "usages-review-nothing"),
        as_word: t(lang, "usages-as"),
        want_word: t(lang, "usages-want"),
        so_that_word: t(lang, "usages-so-that"),
    }
}

/// `POST /g/{slug}/usages/sprints/{id}/review`: records the review and
/// saves its wiki page (facilitators). Refused, the form is shown again as
/// it was filled in.
pub async fn review(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, id)): Path<(String, i64)>,
    CsrfForm(pairs): CsrfForm<Vec<(String, String)>>,
) -> AppResult<Response> {
    let loaded = groups::load(&state, &ctx, &slug).await?;
    let actor = ctx.actor();
    let place = loaded.place();
    let (sprint, _, _) = essaim_app::usages::sprint(&state.app, &actor, &place, id).await?;
    let shown = sprint_view(ctx.lang, sprint);
    let answers: Vec<(i64, String)> = pairs
        .iter()
        .filter_map(|(k, v)| {
            let id = k.strip_prefix("outcome_")?.parse().ok()?;
            Some((id, v.clone()))
        })
        .collect();
    let page_title = t_args(
        ctx.lang,
        "usages-review-page-title",
        &[("date", shown.sprint.starts_on.clone())],
    );
    let words = review_words(ctx.lang, &shown);
    let form = ReviewForm {
        answers: &answers,
        learned: field(&pairs, "learned"),
        page_title: &page_title,
        summary: &t(ctx.lang, "usages-review-summary"),
        words: &words,
    };
    let outcome =
        or_invalid(essaim_app::usages::review(&state.app, &actor, &place, id, &form).await)?;
    match outcome {
        Ok(_) => Ok(Redirect::to(&format!("/g/{slug}/usages/sprints/{id}")).into_response()),
        Err(errors) => sprint_page(&state, &ctx, &loaded, id, Some(&pairs), &errors).await,
    }
}
