//! A group's health: its five indicators read from the facts the store
//! keeps (`essaim_store::health`) by the domain's rules, for those the
//! domain lets see them, and the settings its facilitators change.

use essaim_domain::errors::Problem;
use essaim_domain::health::{self as rules, Indicator, Pause, Reading, Thresholds};
use essaim_domain::Invalid;
use essaim_store::health::HealthSettings;
use serde::Serialize;

use crate::projects::Place;
use crate::{refusal, Actor, App, Result};

/// What the health page of a group shows.
#[derive(Debug, Clone, Serialize)]
pub struct GroupHealth {
    /// One reading per indicator, in the domain's order.
    pub readings: Vec<Reading>,
    /// The facilitators' settings.
    pub settings: HealthSettings,
    /// The alerts are paused now.
    pub paused: bool,
    /// The viewer may change the settings.
    pub may_configure: bool,
}

/// The health of `place`'s group as `actor` may see it.
pub async fn of_group(app: &App, actor: &Actor, place: &Place<'_>) -> Result<GroupHealth> {
    if !place.group.hosted {
        return Err(Problem::NotFound.into());
    }
    let settings = app.store.health_settings(place.group.id).await?;
    let viewer = actor.viewer();
    if !rules::may_see(&viewer, place.membership, settings.public) {
        return Err(refusal(actor).into());
    }
    let facts = app.store.health_facts(place.group.id).await?;
    let readings = rules::read_all(&facts, &settings.thresholds);
    let paused = settings.pause.as_ref().is_some_and(|p| p.holds(facts.now));
    Ok(GroupHealth {
        readings,
        paused,
        may_configure: rules::may_configure(&viewer, place.membership),
        settings,
    })
}

/// Whether `actor` may open the health page of `place`'s group (for the
/// links that lead there).
pub async fn visible(app: &App, actor: &Actor, place: &Place<'_>) -> Result<bool> {
    if !place.group.hosted || !actor.viewer().is_logged_in() {
        return Ok(false);
    }
    let settings = app.store.health_settings(place.group.id).await?;
    Ok(rules::may_see(
        &actor.viewer(),
        place.membership,
        settings.public,
    ))
}

/// What the settings form sends (dates as `YYYY-MM-DD`, read by the door).
#[derive(Debug, Clone, Default)]
pub struct SettingsInput {
    /// The thresholds typed.
    pub thresholds: Thresholds,
    /// Members see the page.
    pub public: bool,
    /// The pause asked.
    pub pause: PauseInput,
}

/// The pause a settings form asks for.
#[derive(Debug, Clone, Default)]
pub enum PauseInput {
    /// None.
    #[default]
    None,
    /// From, until (Unix times), and why.
    Until(i64, i64, String),
    /// A last day the door could not read as a date.
    Unreadable,
}

/// Saves the thresholds, the page's openness and the pause of `place`'s
/// group; nothing is saved when any of it is wrong.
pub async fn save_settings(
    app: &App,
    actor: &Actor,
    place: &Place<'_>,
    input: &SettingsInput,
) -> Result<()> {
    configurable(actor, place)?;
    let mut errors: Vec<Invalid> = input.thresholds.validate().err().unwrap_or_default();
    let pause = match &input.pause {
        PauseInput::Until(from, until, reason) => {
            match Pause::new(*from, *until, reason, app.store.now()) {
                Ok(pause) => Some(pause),
                Err(e) => {
                    errors.extend(e);
                    None
                }
            }
        }
        PauseInput::Unreadable => {
            errors.push(Invalid::new("pause_until", "error-health-pause-date"));
            None
        }
        PauseInput::None => None,
    };
    if !errors.is_empty() {
        return Err(Problem::Invalid(errors).into());
    }
    app.store
        .save_health_settings(
            place.group.id,
            &input.thresholds,
            input.public,
            pause.as_ref(),
        )
        .await?;
    Ok(())
}

/// Marks `indicator` "not relevant for us" with `reason`, or (`None`)
/// makes it count again.
pub async fn mark(
    app: &App,
    actor: &Actor,
    place: &Place<'_>,
    indicator: Indicator,
    reason: Option<&str>,
) -> Result<()> {
    configurable(actor, place)?;
    let reason = reason
        .map(rules::check_not_relevant)
        .transpose()
        .map_err(Problem::Invalid)?;
    app.store
        .mark_not_relevant(place.group.id, indicator, reason.as_deref())
        .await?;
    Ok(())
}

fn configurable(actor: &Actor, place: &Place<'_>) -> Result<()> {
    if !place.group.hosted {
        return Err(Problem::NotFound.into());
    }
    if !rules::may_configure(&actor.viewer(), place.membership) {
        return Err(refusal(actor).into());
    }
    Ok(())
}
