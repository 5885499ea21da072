//! Group health: the five activities a group lives by, each read as green,
//! amber or red from what its activity log says, with one plain sentence
//! saying why, and the rule of who is told and when.
//!
//! Everything here is pure: the store keeps the facts up to date as events
//! arrive ([`Facts`]), these rules turn them into a [`Reading`] per
//! [`Indicator`], and decide whether a change of colour sends an email
//! ([`should_alert`]) and to whom ([`told`]).

use serde::{Deserialize, Serialize};

use crate::activity::Space;
use crate::groups::{self, Membership};
use crate::permissions::Viewer;
use crate::Invalid;

/// One day, in seconds.
pub const DAY: i64 = 86_400;

/// The least time between two emails about the same indicator of a group.
pub const ALERT_GAP: i64 = 14 * DAY;

/// How long without a facilitator's review before the group's helpers are
/// told (the facilitators' own follow-up lapsed).
pub const HELPERS_AFTER: i64 = 21 * DAY;

/// The five activities watched. Codes are stored; never rename one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Indicator {
    /// The follow-up board was reviewed, or a project got news.
    FollowUp,
    /// A meeting was held, or one is planned, or a date poll is open.
    Meetings,
    /// News or a newsletter went out.
    Information,
    /// Messages per week, neither too few nor too many.
    Discussion,
    /// The wiki or the resources were updated.
    SharedSpace,
}

impl Indicator {
    /// Every indicator, in the order pages show them.
    pub const ALL: [Indicator; 5] = [
        Indicator::FollowUp,
        Indicator::Meetings,
        Indicator::Information,
        Indicator::Discussion,
        Indicator::SharedSpace,
    ];

    /// Stored code.
    pub fn code(self) -> &'static str {
        match self {
            Indicator::FollowUp => "follow_up",
            Indicator::Meetings => "meetings",
            Indicator::Information => "information",
            Indicator::Discussion => "discussion",
            Indicator::SharedSpace => "shared_space",
        }
    }

    /// The indicator of a stored code.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|i| i.code() == code)
    }

    /// The part of the activity log it reads.
    pub fn space(self) -> Space {
        match self {
            Indicator::FollowUp => Space::Projects,
            Indicator::Meetings => Space::Meetings,
            Indicator::Information => Space::Information,
            Indicator::Discussion => Space::Discussions,
            Indicator::SharedSpace => Space::SharedSpace,
        }
    }
}

/// How an activity is doing. Codes are stored; never rename one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    /// Alive.
    Green,
    /// Past three quarters of its threshold, or heading out of its band.
    Amber,
    /// Past its threshold: someone should act.
    Red,
    /// Not known (a referenced group's feed that cannot be read): never
    /// counted as red.
    Unknown,
}

impl Level {
    /// Every level.
    pub const ALL: [Level; 4] = [Level::Green, Level::Amber, Level::Red, Level::Unknown];

    /// Stored code.
    pub fn code(self) -> &'static str {
        match self {
            Level::Green => "green",
            Level::Amber => "amber",
            Level::Red => "red",
            Level::Unknown => "unknown",
        }
    }

    /// The level of a stored code.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|l| l.code() == code)
    }
}

crate::stored_code!(Indicator => "health indicator", Level => "health level");

/// A group's thresholds (its facilitators set them).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Thresholds {
    /// Days without a review or project news.
    pub follow_up_days: i64,
    /// Days without a meeting held, planned or polled.
    pub meetings_days: i64,
    /// Days without news or a newsletter.
    pub information_days: i64,
    /// Fewest messages a week (average of the last four weeks).
    pub discussion_min: i64,
    /// Most messages a week.
    pub discussion_max: i64,
    /// Days without a wiki or resource update.
    pub shared_space_days: i64,
}

impl Default for Thresholds {
    fn default() -> Self {
        Self {
            follow_up_days: 14,
            meetings_days: 60,
            information_days: 30,
            discussion_min: 1,
            discussion_max: 60,
            shared_space_days: 30,
        }
    }
}

/// Longest threshold in days.
pub const DAYS_MAX: i64 = 366;
/// Most messages a week a band may allow.
pub const WEEKLY_MAX: i64 = 10_000;

impl Thresholds {
    /// Checks every threshold; all problems at once.
    pub fn validate(&self) -> Result<(), Vec<Invalid>> {
        let mut errors = Vec::new();
        for (field, days) in [
            ("follow_up_days", self.follow_up_days),
            ("meetings_days", self.meetings_days),
            ("information_days", self.information_days),
            ("shared_space_days", self.shared_space_days),
        ] {
            if !(1..=DAYS_MAX).contains(&days) {
                errors.push(Invalid::new(field, "error-health-days"));
            }
        }
        if !(0..=WEEKLY_MAX).contains(&self.discussion_min) {
            errors.push(Invalid::new("discussion_min", "error-health-weekly"));
        }
        if !(1..=WEEKLY_MAX).contains(&self.discussion_max) {
            errors.push(Invalid::new("discussion_max", "error-health-weekly"));
        } else if self.discussion_min > self.discussion_max {
            errors.push(Invalid::new("discussion_min", "error-health-min-above-max"));
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }

    /// The threshold in days of a "days since" indicator (`None` for the
    /// discussion's band).
    pub fn days(&self, indicator: Indicator) -> Option<i64> {
        match indicator {
            Indicator::FollowUp => Some(self.follow_up_days),
            Indicator::Meetings => Some(self.meetings_days),
            Indicator::Information => Some(self.information_days),
            Indicator::SharedSpace => Some(self.shared_space_days),
            Indicator::Discussion => None,
        }
    }
}

/// A pause of a group's alerts ("pause estivale jusqu'au 1er septembre").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pause {
    /// From.
    pub from: i64,
    /// Until (exclusive).
    pub until: i64,
    /// Why, in the facilitators' words.
    pub reason: String,
}

/// Longest pause: a year.
pub const PAUSE_MAX: i64 = 366 * DAY;
/// Longest reason, in characters.
pub const REASON_MAX: usize = 300;

impl Pause {
    /// A checked pause from `from` until `until`, asked at `now`.
    pub fn new(from: i64, until: i64, reason: &str, now: i64) -> Result<Pause, Vec<Invalid>> {
        let mut errors = Vec::new();
        if until <= now {
            errors.push(Invalid::new("pause_until", "error-health-pause-past"));
        } else if until <= from {
            errors.push(Invalid::new("pause_until", "error-health-pause-order"));
        } else if until - from > PAUSE_MAX {
            errors.push(Invalid::new("pause_until", "error-health-pause-long"));
        }
        let reason = reason.trim();
        if reason.chars().count() > REASON_MAX {
            errors.push(Invalid::new("pause_reason", "error-health-reason-long"));
        }
        if errors.is_empty() {
            Ok(Pause {
                from,
                until,
                reason: reason.to_string(),
            })
        } else {
            Err(errors)
        }
    }

    /// Whether it holds at `at`.
    pub fn holds(&self, at: i64) -> bool {
        (self.from..self.until).contains(&at)
    }
}

/// "Not relevant for us", with the facilitators' reason.
pub fn check_not_relevant(reason: &str) -> Result<String, Vec<Invalid>> {
    let reason = reason.trim();
    if reason.is_empty() {
        Err(vec![Invalid::new("reason", "error-health-reason-missing")])
    } else if reason.chars().count() > REASON_MAX {
        Err(vec![Invalid::new("reason", "error-health-reason-long")])
    } else {
        Ok(reason.to_string())
    }
}

/// What the store knows of a group at one moment, kept up to date as its
/// events arrive (never recomputed from a year of events on a page view).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Facts {
    /// Now.
    pub now: i64,
    /// When the group was created (an activity that never happened counts
    /// from there).
    pub created_at: i64,
    /// The last review of the follow-up board, or project news.
    pub last_follow_up: Option<i64>,
    /// The group has projects that are not done nor stopped.
    pub has_projects: bool,
    /// The last meeting held.
    pub last_meeting: Option<i64>,
    /// The next meeting planned, if any.
    pub next_meeting: Option<i64>,
    /// A date poll is open.
    pub open_poll: bool,
    /// The usual interval of the group's regular meetings, in days (a
    /// group marked "meets regularly").
    pub meets_every_days: Option<i64>,
    /// The last news or newsletter.
    pub last_information: Option<i64>,
    /// Messages of each of the last four whole weeks, oldest first.
    pub weekly_messages: [i64; 4],
    /// People who unsubscribed or moved to the summary over the last two
    /// weeks, and over the two weeks before.
    pub leaving: (i64, i64),
    /// The last wiki or resource update.
    pub last_shared_space: Option<i64>,
}

/// What one indicator says: its level, the translation key of its sentence
/// and the sentence's numbers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Reading {
    /// Which.
    pub indicator: Indicator,
    /// How it is doing.
    pub level: Level,
    /// The sentence's key (`health-meetings-red-none-planned`…).
    pub sentence: &'static str,
    /// Its `count` (days, or messages a week).
    pub count: i64,
}

/// Whole days from `since` (or the group's creation) to now.
fn days_since(facts: &Facts, since: Option<i64>) -> i64 {
    (facts.now - since.unwrap_or(facts.created_at)).max(0) / DAY
}

/// The level of `days` against a threshold: amber from three quarters on.
fn level_of(days: i64, threshold: i64) -> Level {
    if days > threshold {
        Level::Red
    } else if days * 4 >= threshold * 3 {
        Level::Amber
    } else {
        Level::Green
    }
}

/// The reading of one indicator.
pub fn read(indicator: Indicator, facts: &Facts, thresholds: &Thresholds) -> Reading {
    let reading = |level, sentence, count| Reading {
        indicator,
        level,
        sentence,
        count,
    };
    match indicator {
        Indicator::FollowUp => {
            if !facts.has_projects && facts.last_follow_up.is_none() {
                return reading(Level::Green, "health-follow-up-no-projects", 0);
            }
            let days = days_since(facts, facts.last_follow_up);
            let level = level_of(days, thresholds.follow_up_days);
            let sentence = match (level, facts.last_follow_up) {
                (Level::Green, None) => "health-follow-up-none-yet",
                (Level::Green, _) => "health-follow-up-green",
                (_, None) => "health-follow-up-never",
                _ => "health-follow-up-late",
            };
            reading(level, sentence, days)
        }
        Indicator::Meetings => {
            let days = days_since(facts, facts.last_meeting);
            if let Some(next) = facts.next_meeting.filter(|&n| n >= facts.now) {
                return reading(
                    Level::Green,
                    "health-meetings-planned",
                    (next - facts.now) / DAY,
                );
            }
            if facts.open_poll {
                return reading(Level::Green, "health-meetings-poll", days);
            }
            // A group that meets regularly must have its next date before
            // its usual interval runs out.
            let threshold = facts
                .meets_every_days
                .map_or(thresholds.meetings_days, |every| every.clamp(1, DAYS_MAX));
            let level = level_of(days, threshold);
            let sentence = match (level, facts.last_meeting, facts.meets_every_days) {
                (Level::Green, None, _) => "health-meetings-green-none-yet",
                (Level::Green, _, _) => "health-meetings-green",
                (_, _, Some(_)) => "health-meetings-no-next-date",
                (_, None, None) => "health-meetings-never",
                _ => "health-meetings-none-planned",
            };
            reading(level, sentence, days)
        }
        Indicator::Information => {
            let days = days_since(facts, facts.last_information);
            let level = level_of(days, thresholds.information_days);
            let sentence = match (level, facts.last_information) {
                (Level::Green, None) => "health-information-none-yet",
                (Level::Green, _) => "health-information-green",
                (_, None) => "health-information-never",
                _ => "health-information-late",
            };
            reading(level, sentence, days)
        }
        Indicator::Discussion => read_discussion(facts, thresholds),
        Indicator::SharedSpace => {
            let days = days_since(facts, facts.last_shared_space);
            let level = level_of(days, thresholds.shared_space_days);
            let sentence = match (level, facts.last_shared_space) {
                (Level::Green, None) => "health-shared-space-none-yet",
                (Level::Green, _) => "health-shared-space-green",
                (_, None) => "health-shared-space-never",
                _ => "health-shared-space-late",
            };
            reading(level, sentence, days)
        }
    }
}

/// The discussion's band: too quiet and too noisy are both flagged, and so
/// is a burst after which people leave or move to the summary.
fn read_discussion(facts: &Facts, thresholds: &Thresholds) -> Reading {
    let reading = |level, sentence, count| Reading {
        indicator: Indicator::Discussion,
        level,
        sentence,
        count,
    };
    let weeks = &facts.weekly_messages;
    let total: i64 = weeks.iter().sum();
    // Rounded average over the four weeks.
    let average = (total + 2) / 4;
    let last = weeks[3];
    let (min, max) = (thresholds.discussion_min, thresholds.discussion_max);
    let (leaving_now, leaving_before) = facts.leaving;
    let burst = weeks.iter().any(|&w| w > max);
    let people_leave = leaving_now >= 3 && leaving_now > 2 * leaving_before;
    if total * 4 < min * 16 && average < min {
        return reading(Level::Red, "health-discussion-quiet", average);
    }
    if average > max || (burst && people_leave) {
        let sentence = if people_leave {
            "health-discussion-noisy-leaving"
        } else {
            "health-discussion-noisy"
        };
        return reading(Level::Red, sentence, average);
    }
    // Heading out of the band: the last week alone is outside it, or the
    // weeks fall (or climb) steadily towards its edge.
    let falling = weeks.windows(2).all(|w| w[1] < w[0]);
    let climbing = weeks.windows(2).all(|w| w[1] > w[0]);
    if last < min || (falling && last <= min.max(1) * 2) {
        return reading(Level::Amber, "health-discussion-quieter", last);
    }
    if last > max || (climbing && last * 4 >= max * 3) || burst {
        return reading(Level::Amber, "health-discussion-louder", last);
    }
    reading(Level::Green, "health-discussion-green", average)
}

/// Every indicator's reading.
pub fn read_all(facts: &Facts, thresholds: &Thresholds) -> Vec<Reading> {
    Indicator::ALL
        .into_iter()
        .map(|i| read(i, facts, thresholds))
        .collect()
}

/// Whether an indicator that now reads `level` (and read `before`) sends its
/// email: on turning red, at most once per [`ALERT_GAP`], never while the
/// group's alerts are paused or the indicator is marked not relevant.
pub fn should_alert(
    before: Level,
    level: Level,
    last_alert: Option<i64>,
    now: i64,
    paused: bool,
    not_relevant: bool,
) -> bool {
    level == Level::Red
        && before != Level::Red
        && !paused
        && !not_relevant
        && last_alert.is_none_or(|at| now - at >= ALERT_GAP)
}

/// Who an alert goes to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Told {
    /// The group's facilitators.
    Facilitators,
    /// The helpers assigned to the group (the facilitators' own follow-up
    /// lapsed, or the group has none).
    Helpers,
}

/// Who is told of a red `indicator`: the facilitators; the helpers when
/// the group has no facilitator, or when it is the facilitators' own
/// follow-up that lapsed for [`HELPERS_AFTER`].
pub fn told(indicator: Indicator, has_facilitators: bool, facts: &Facts) -> Told {
    let own_follow_up_lapsed = indicator == Indicator::FollowUp
        && facts.now - facts.last_follow_up.unwrap_or(facts.created_at) >= HELPERS_AFTER;
    if !has_facilitators || own_follow_up_lapsed {
        Told::Helpers
    } else {
        Told::Facilitators
    }
}

/// The one-click action an alert offers for `indicator`: the address under
/// the group's (`/g/{slug}`) that fixes it, and its label's key.
pub fn action(indicator: Indicator, facts: &Facts) -> (&'static str, &'static str) {
    match indicator {
        Indicator::FollowUp => ("/projects/follow-up", "health-action-follow-up"),
        Indicator::Meetings if facts.meets_every_days.is_some() => {
            ("/polls/new?series=next", "health-action-poll-series")
        }
        Indicator::Meetings => ("/polls/new", "health-action-poll"),
        Indicator::Information => ("/news", "health-action-news"),
        Indicator::Discussion => ("/discussions", "health-action-discussion"),
        Indicator::SharedSpace => ("/wiki", "health-action-wiki"),
    }
}

/// Whether `viewer` sees a group's health page: those who run it, the
/// network's helpers and administrators; its members too when the group
/// made it public.
pub fn may_see(viewer: &Viewer, membership: Option<&Membership>, public: bool) -> bool {
    groups::may_edit_card(viewer, membership)
        || (public && viewer.is_logged_in() && membership.is_some())
}

/// Whether `viewer` sets a group's thresholds, pause and marks: those who
/// run it and the administrators.
pub fn may_configure(viewer: &Viewer, membership: Option<&Membership>) -> bool {
    viewer.is_logged_in() && (viewer.is_admin || membership.is_some_and(Membership::runs_group))
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: i64 = 1_800_000_000;

    fn facts() -> Facts {
        Facts {
            now: NOW,
            created_at: NOW - 400 * DAY,
            weekly_messages: [10, 10, 10, 10],
            ..Facts::default()
        }
    }

    fn days_ago(days: i64) -> Option<i64> {
        Some(NOW - days * DAY)
    }

    #[test]
    fn days_since_indicators_turn_amber_at_three_quarters_and_red_past_the_threshold() {
        let t = Thresholds::default();
        for (days, level) in [
            (0, Level::Green),
            (44, Level::Green),
            (45, Level::Amber),
            (60, Level::Amber),
            (61, Level::Red),
        ] {
            let f = Facts {
                last_meeting: days_ago(days),
                ..facts()
            };
            assert_eq!(
                read(Indicator::Meetings, &f, &t).level,
                level,
                "{days} days"
            );
        }
        let f = Facts {
            last_information: days_ago(31),
            ..facts()
        };
        let r = read(Indicator::Information, &f, &t);
        assert_eq!(
            (r.level, r.sentence, r.count),
            (Level::Red, "health-information-late", 31)
        );
        let r = read(Indicator::SharedSpace, &facts(), &t);
        assert_eq!(
            (r.level, r.sentence),
            (Level::Red, "health-shared-space-never")
        );
    }

    #[test]
    fn a_planned_meeting_or_an_open_poll_keeps_meetings_green() {
        let t = Thresholds::default();
        let stale = Facts {
            last_meeting: days_ago(74),
            ..facts()
        };
        let r = read(Indicator::Meetings, &stale, &t);
        assert_eq!(
            (r.level, r.sentence, r.count),
            (Level::Red, "health-meetings-none-planned", 74)
        );
        let planned = Facts {
            next_meeting: Some(NOW + 3 * DAY),
            ..stale.clone()
        };
        assert_eq!(read(Indicator::Meetings, &planned, &t).level, Level::Green);
        let polled = Facts {
            open_poll: true,
            ..stale.clone()
        };
        assert_eq!(
            read(Indicator::Meetings, &polled, &t).sentence,
            "health-meetings-poll"
        );
        // A meeting planned in the past is no plan.
        let past = Facts {
            next_meeting: Some(NOW - DAY),
            ..stale
        };
        assert_eq!(read(Indicator::Meetings, &past, &t).level, Level::Red);
    }

    #[test]
    fn a_group_that_meets_regularly_needs_its_next_date_within_its_interval() {
        let t = Thresholds::default();
        let monthly = Facts {
            meets_every_days: Some(30),
            last_meeting: days_ago(31),
            ..facts()
        };
        let r = read(Indicator::Meetings, &monthly, &t);
        assert_eq!(
            (r.level, r.sentence),
            (Level::Red, "health-meetings-no-next-date")
        );
        let soon = Facts {
            last_meeting: days_ago(23),
            ..monthly.clone()
        };
        assert_eq!(read(Indicator::Meetings, &soon, &t).level, Level::Amber);
        assert_eq!(
            action(Indicator::Meetings, &monthly).1,
            "health-action-poll-series"
        );
    }

    #[test]
    fn follow_up_counts_reviews_and_project_news_and_is_quiet_without_projects() {
        let t = Thresholds::default();
        let r = read(Indicator::FollowUp, &facts(), &t);
        assert_eq!(
            (r.level, r.sentence),
            (Level::Green, "health-follow-up-no-projects")
        );
        let f = Facts {
            has_projects: true,
            last_follow_up: days_ago(15),
            ..facts()
        };
        assert_eq!(read(Indicator::FollowUp, &f, &t).level, Level::Red);
        let f = Facts {
            last_follow_up: days_ago(11),
            ..f
        };
        assert_eq!(read(Indicator::FollowUp, &f, &t).level, Level::Amber);
    }

    #[test]
    fn the_discussion_band_flags_quiet_noisy_and_people_leaving_after_a_burst() {
        let t = Thresholds::default();
        let with = |weeks: [i64; 4], leaving: (i64, i64)| Facts {
            weekly_messages: weeks,
            leaving,
            ..facts()
        };
        let level = |f: &Facts| {
            let r = read(Indicator::Discussion, f, &t);
            (r.level, r.sentence)
        };
        assert_eq!(
            level(&with([10, 12, 9, 11], (0, 0))),
            (Level::Green, "health-discussion-green")
        );
        assert_eq!(
            level(&with([0, 0, 0, 0], (0, 0))),
            (Level::Red, "health-discussion-quiet")
        );
        assert_eq!(level(&with([0, 1, 0, 0], (0, 0))).0, Level::Red);
        assert_eq!(
            level(&with([90, 80, 70, 75], (0, 0))),
            (Level::Red, "health-discussion-noisy")
        );
        assert_eq!(
            level(&with([5, 70, 10, 5], (6, 1))),
            (Level::Red, "health-discussion-noisy-leaving")
        );
        // Heading out of the band.
        assert_eq!(
            level(&with([8, 5, 3, 0], (0, 0))),
            (Level::Amber, "health-discussion-quieter")
        );
        assert_eq!(
            level(&with([20, 30, 40, 50], (0, 0))),
            (Level::Amber, "health-discussion-louder")
        );
        assert_eq!(level(&with([5, 70, 10, 5], (1, 1))).0, Level::Amber);
    }

    #[test]
    fn alerts_come_once_a_fortnight_and_never_while_paused_or_not_relevant() {
        assert!(should_alert(
            Level::Amber,
            Level::Red,
            None,
            NOW,
            false,
            false
        ));
        assert!(!should_alert(
            Level::Red,
            Level::Red,
            None,
            NOW,
            false,
            false
        ));
        assert!(!should_alert(
            Level::Amber,
            Level::Amber,
            None,
            NOW,
            false,
            false
        ));
        assert!(!should_alert(
            Level::Green,
            Level::Red,
            Some(NOW - 13 * DAY),
            NOW,
            false,
            false
        ));
        assert!(should_alert(
            Level::Green,
            Level::Red,
            Some(NOW - 14 * DAY),
            NOW,
            false,
            false
        ));
        assert!(!should_alert(
            Level::Green,
            Level::Red,
            None,
            NOW,
            true,
            false
        ));
        assert!(!should_alert(
            Level::Green,
            Level::Red,
            None,
            NOW,
            false,
            true
        ));
        // An unknown (a broken feed) is never an alert.
        assert!(!should_alert(
            Level::Green,
            Level::Unknown,
            None,
            NOW,
            false,
            false
        ));
    }

    #[test]
    fn helpers_are_told_when_the_facilitators_lapse_or_are_missing() {
        let f = Facts {
            last_follow_up: days_ago(22),
            ..facts()
        };
        assert_eq!(told(Indicator::FollowUp, true, &f), Told::Helpers);
        assert_eq!(told(Indicator::Meetings, true, &f), Told::Facilitators);
        assert_eq!(told(Indicator::Meetings, false, &f), Told::Helpers);
        let f = Facts {
            last_follow_up: days_ago(15),
            ..f
        };
        assert_eq!(told(Indicator::FollowUp, true, &f), Told::Facilitators);
    }

    #[test]
    fn bad_thresholds_and_pauses_are_refused_with_their_reason() {
        assert!(Thresholds::default().validate().is_ok());
        let bad = Thresholds {
            follow_up_days: 0,
            discussion_min: 80,
            discussion_max: 60,
            shared_space_days: 400,
            ..Thresholds::default()
        };
        let keys: Vec<_> = bad
            .validate()
            .unwrap_err()
            .into_iter()
            .map(|e| (e.field, e.key))
            .collect();
        assert_eq!(
            keys,
            [
                ("follow_up_days", "error-health-days"),
                ("shared_space_days", "error-health-days"),
                ("discussion_min", "error-health-min-above-max"),
            ]
        );
        let err = Pause::new(NOW + 10 * DAY, NOW + 5 * DAY, "été", NOW).unwrap_err();
        assert_eq!(err[0].key, "error-health-pause-order");
        let err = Pause::new(NOW - 10 * DAY, NOW - DAY, "été", NOW).unwrap_err();
        assert_eq!(err[0].key, "error-health-pause-past");
        let pause = Pause::new(NOW, NOW + 60 * DAY, " pause estivale ", NOW).unwrap();
        assert_eq!(pause.reason, "pause estivale");
        assert!(pause.holds(NOW + DAY) && !pause.holds(NOW + 60 * DAY));
        assert!(check_not_relevant("  ").is_err());
        assert_eq!(
            check_not_relevant(" pas de projets ").unwrap(),
            "pas de projets"
        );
    }

    #[test]
    fn codes_round_trip() {
        for i in Indicator::ALL {
            assert_eq!(Indicator::from_code(i.code()), Some(i));
        }
        for l in Level::ALL {
            assert_eq!(Level::from_code(l.code()), Some(l));
        }
    }
}
