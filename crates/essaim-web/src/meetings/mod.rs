//! Meetings: each group's calendar (`/g/{slug}/meetings`), a meeting's page
//! with who comes, scheduling (one meeting or a series), moving and
//! cancelling one occurrence, minutes in the group's wiki, the instance's
//! agenda, "my meetings" with the personal calendar address, iCalendar
//! feeds, the emails (invitation with its `.ics`, reminder the day before,
//! minutes request) and keeping regular groups alive.
//!
//! Who sees what is decided by `essaim_domain::meetings` only: pages ask
//! `may_see`, lists and feeds pass a `Sight` to the store.

mod agenda;
mod emails;
mod feeds;
mod pages;

pub use agenda::*;
pub use emails::*;
pub use feeds::*;
pub use pages::*;

use chrono_tz::Tz;
use essaim_domain::audience::Sight;
use essaim_domain::i18n::Lang;
use essaim_domain::meetings::{self as rules, GroupAccess};
use essaim_store::meetings::Meeting;
use serde::Serialize;

use crate::ctx::Ctx;
use crate::error::{not_found, refuse, AppResult};
use crate::groups::{self, Loaded};
use crate::i18n::format_datetime;
use crate::AppState;

/// What the permission rules need of a loaded group.
pub fn access(loaded: &Loaded) -> GroupAccess {
    essaim_app::meetings::group_access(&loaded.group)
}

/// What the requester sees of meetings (the same sight for every list).
pub async fn see_filter(state: &AppState, ctx: &Ctx) -> AppResult<Sight> {
    Ok(essaim_app::audience::sight(&state.app, &ctx.actor()).await?)
}

/// A meeting's time zone.
pub fn tz_of(m: &Meeting) -> Tz {
    m.timezone.parse().unwrap_or(rules::DEFAULT_TIMEZONE)
}

/// "30 mars 2027 à 19 h 00 – 21 h 00" in the meeting's time zone.
pub fn when(lang: Lang, tz: Tz, starts_at: i64, ends_at: i64) -> String {
    let start = format_datetime(lang, tz, starts_at);
    let same_day = rules::local(tz, starts_at).map(|d| d.date())
        == rules::local(tz, ends_at).map(|d| d.date());
    let end = format_datetime(lang, tz, ends_at);
    if same_day {
        // The end's time only: what follows the date's "à " / " at ".
        let sep = match lang {
            Lang::Fr => " à ",
            Lang::En => " at ",
        };
        let time = end
            .rsplit_once(sep)
            .map(|(_, t)| t.to_string())
            .unwrap_or(end);
        format!("{start} – {time}")
    } else {
        format!("{start} – {end}")
    }
}

/// A meeting ready for templates and the API.
#[derive(Debug, Serialize)]
pub struct MeetingView {
    /// The stored meeting.
    #[serde(flatten)]
    pub m: Meeting,
    /// Its date and time in words.
    pub when: String,
    /// Its time zone, when not the instance's.
    pub other_tz: Option<String>,
    /// Over.
    pub past: bool,
    /// Page address.
    pub path: String,
    /// No more room.
    pub full: bool,
}

/// Turns meetings into views.
pub fn views(state: &AppState, lang: Lang, list: Vec<Meeting>) -> Vec<MeetingView> {
    let now = state.store.now();
    list.into_iter()
        .map(|m| view(state, lang, m, now))
        .collect()
}

fn view(state: &AppState, lang: Lang, m: Meeting, now: i64) -> MeetingView {
    let tz = tz_of(&m);
    MeetingView {
        when: when(lang, tz, m.starts_at, m.ends_at),
        other_tz: (tz != state.config.timezone).then(|| tz.name().to_string()),
        past: m.ends_at <= now,
        path: m.path(),
        full: m.capacity.is_some_and(|c| m.going >= c),
        m,
    }
}

/// Loads a hosted group's meeting the requester may see; otherwise "not
/// found" (a closed meeting's existence is not revealed).
async fn load_meeting(
    state: &AppState,
    ctx: &Ctx,
    slug: &str,
    id: i64,
) -> AppResult<(Loaded, Meeting)> {
    let loaded = groups::load(state, ctx, slug).await?;
    let meeting = state.store.meeting(id).await?.ok_or_else(not_found)?;
    if meeting.group_id != loaded.group.id
        || !rules::may_see(
            &ctx.viewer(),
            loaded.rules.as_ref(),
            access(&loaded),
            meeting.visibility(),
        )
    {
        return Err(not_found());
    }
    Ok((loaded, meeting))
}
