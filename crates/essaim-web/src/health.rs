//! A group's health page (`/g/{slug}/health`): the five indicators with
//! their sentence, and the settings its facilitators change (thresholds,
//! whether members see the page, a pause of the alerts, indicators "not
//! relevant for us").

use std::collections::BTreeMap;

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use chrono::NaiveDate;
use essaim_app::health::{GroupHealth, PauseInput, SettingsInput};
use essaim_domain::health::{Indicator, Thresholds, DAY};
use essaim_domain::Invalid;
use minijinja::context;

use crate::csrf::CsrfForm;
use crate::ctx::Ctx;
use crate::error::{not_found, AppResult};
use crate::groups::{self, Loaded};
use crate::polls::field;
use crate::AppState;

/// `GET /g/{slug}/health`.
pub async fn page(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
) -> AppResult<Response> {
    let loaded = groups::load(&state, &ctx, &slug).await?;
    let health = essaim_app::health::of_group(&state.app, &ctx.actor(), &loaded.place()).await?;
    render(&state, &ctx, &loaded, &health, None, &[])
}

/// The settings form as typed, shown again when refused.
#[derive(Debug, Default, serde::Serialize)]
struct Typed {
    values: BTreeMap<String, String>,
}

/// A number field; what is not a number is out of every range (the
/// domain's check then says what is expected).
fn number(pairs: &[(String, String)], name: &str) -> i64 {
    field(pairs, name).trim().parse().unwrap_or(-1)
}

/// A `YYYY-MM-DD` date as the Unix time of its start (UTC).
fn day(text: &str) -> Option<i64> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
        .ok()
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .map(|d| d.and_utc().timestamp())
}

/// `POST /g/{slug}/health/settings`.
pub async fn save_settings(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
    CsrfForm(pairs): CsrfForm<Vec<(String, String)>>,
) -> AppResult<Response> {
    let loaded = groups::load(&state, &ctx, &slug).await?;
    let now = state.store.now();
    let until = field(&pairs, "pause_until");
    let pause = if until.trim().is_empty() {
        PauseInput::None
    } else {
        match day(until) {
            // A pause lasts until the end of the day it names.
            Some(until) => {
                PauseInput::Until(now, until + DAY, field(&pairs, "pause_reason").to_string())
            }
            None => PauseInput::Unreadable,
        }
    };
    let input = SettingsInput {
        thresholds: Thresholds {
            follow_up_days: number(&pairs, "follow_up_days"),
            meetings_days: number(&pairs, "meetings_days"),
            information_days: number(&pairs, "information_days"),
            discussion_min: number(&pairs, "discussion_min"),
            discussion_max: number(&pairs, "discussion_max"),
            shared_space_days: number(&pairs, "shared_space_days"),
        },
        public: field(&pairs, "public") == "on",
        pause,
    };
    let saved = essaim_app::or_invalid(
        essaim_app::health::save_settings(&state.app, &ctx.actor(), &loaded.place(), &input).await,
    )?;
    match saved {
        Ok(()) => Ok(crate::accounts::redirect_with_flash(
            &state,
            &format!("/g/{slug}/health"),
            "flash-health-saved",
        )),
        Err(errors) => {
            let health =
                essaim_app::health::of_group(&state.app, &ctx.actor(), &loaded.place()).await?;
            let typed = Typed {
                values: pairs.into_iter().collect(),
            };
            render(&state, &ctx, &loaded, &health, Some(&typed), &errors)
        }
    }
}

/// `POST /g/{slug}/health/{indicator}/relevance`: marks an indicator "not
/// relevant for us" (with a reason), or counts it again.
pub async fn relevance(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, code)): Path<(String, String)>,
    CsrfForm(pairs): CsrfForm<Vec<(String, String)>>,
) -> AppResult<Response> {
    let loaded = groups::load(&state, &ctx, &slug).await?;
    let indicator = Indicator::from_code(&code).ok_or_else(not_found)?;
    let reason = (field(&pairs, "relevant") != "on").then(|| field(&pairs, "reason"));
    let marked = essaim_app::or_invalid(
        essaim_app::health::mark(&state.app, &ctx.actor(), &loaded.place(), indicator, reason)
            .await,
    )?;
    match marked {
        Ok(()) => Ok(crate::accounts::redirect_with_flash(
            &state,
            &format!("/g/{slug}/health#{code}"),
            "flash-health-saved",
        )),
        Err(errors) => {
            let health =
                essaim_app::health::of_group(&state.app, &ctx.actor(), &loaded.place()).await?;
            render(&state, &ctx, &loaded, &health, None, &errors)
        }
    }
}

fn render(
    state: &AppState,
    ctx: &Ctx,
    loaded: &Loaded,
    health: &GroupHealth,
    typed: Option<&Typed>,
    errors: &[Invalid],
) -> AppResult<Response> {
    let t = &health.settings.thresholds;
    let mut values: BTreeMap<String, String> = [
        ("follow_up_days", t.follow_up_days),
        ("meetings_days", t.meetings_days),
        ("information_days", t.information_days),
        ("discussion_min", t.discussion_min),
        ("discussion_max", t.discussion_max),
        ("shared_space_days", t.shared_space_days),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect();
    let pause = health
        .settings
        .pause
        .as_ref()
        .filter(|p| p.until > state.store.now());
    values.insert(
        "pause_until".into(),
        pause
            .and_then(|p| chrono::DateTime::from_timestamp(p.until - DAY, 0))
            .map(|d| d.format("%Y-%m-%d").to_string())
            .unwrap_or_default(),
    );
    values.insert(
        "pause_reason".into(),
        pause.map(|p| p.reason.clone()).unwrap_or_default(),
    );
    values.insert(
        "public".into(),
        if health.settings.public { "on" } else { "" }.into(),
    );
    if let Some(typed) = typed {
        // An unticked box is not sent: what was typed replaces all.
        values.insert("public".into(), String::new());
        values.extend(typed.values.clone());
    }
    let readings: Vec<_> = health
        .readings
        .iter()
        .map(|r| {
            let not_relevant = health.settings.not_relevant(r.indicator);
            context! {
                code => r.indicator.code(),
                level => r.level.code(),
                sentence => r.sentence,
                count => r.count,
                not_relevant => not_relevant.is_some(),
                reason => not_relevant.unwrap_or_default(),
            }
        })
        .collect();
    let by_field: BTreeMap<&str, &str> = errors.iter().map(|e| (e.field, e.key)).collect();
    let html = state.templates.render(
        "health/page.html",
        ctx,
        context! {
            group => loaded.group, readings => readings, paused => health.paused,
            may_configure => health.may_configure, values => values,
            errors => by_field, error_list => errors,
        },
    )?;
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    Ok((status, html).into_response())
}
