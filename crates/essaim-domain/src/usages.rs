//! The usages board: a group choosing or changing its tools collects
//! usages (« En tant que …, je souhaite … afin que … »), estimates each
//! one's cost and expected impact (1 to 3), ranks them by impact for the
//! cost, and plans the chosen ones into one-month sprints reviewed at
//! their end (done / not done / what we learned, kept as a wiki page).
//!
//! A group switches the board on in its settings. Who reads it is the
//! group's wiki rule ([`may_see`]): a members-only wiki keeps its board for
//! the members. Members add and support usages; facilitators estimate,
//! plan and review.

use std::cmp::Ordering;

use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::groups::Membership;
use crate::permissions::Viewer;
use crate::wiki::{self, ReadAccess};
use crate::Invalid;

/// Longest "as …" (who), in characters.
pub const AS_MAX: usize = 200;
/// Longest "I want …" or "so that …", in characters.
pub const TEXT_MAX: usize = 1_000;
/// Longest "what we learned", in characters.
pub const LEARNED_MAX: usize = 20_000;
/// Longest sprint, in days.
pub const SPRINT_MAX_DAYS: i64 = 92;

/// Where a usage stands. Codes are stored; never rename one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum UsageStatus {
    /// Proposed, not (or no longer) in a sprint.
    #[default]
    Proposed,
    /// Planned in a sprint.
    Planned,
    /// Done in a sprint.
    Done,
    /// Planned, reviewed as not done.
    NotDone,
    /// Set aside by the facilitators.
    SetAside,
}

impl UsageStatus {
    /// Every status, in the order of a usage's life.
    pub const ALL: [UsageStatus; 5] = [
        UsageStatus::Proposed,
        UsageStatus::Planned,
        UsageStatus::Done,
        UsageStatus::NotDone,
        UsageStatus::SetAside,
    ];

    /// The stored code (also the end of its message key:
    /// `usages-status-proposed`).
    pub fn code(self) -> &'static str {
        match self {
            UsageStatus::Proposed => "proposed",
            UsageStatus::Planned => "planned",
            UsageStatus::Done => "done",
            UsageStatus::NotDone => "not_done",
            UsageStatus::SetAside => "set_aside",
        }
    }

    /// The status of a stored code.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.code() == code)
    }

    /// Whether a facilitator may choose it on a usage's page: putting back
    /// among the proposed ones, or setting aside (planned, done and not
    /// done come from a sprint and its review).
    pub fn chosen_by_hand(self) -> bool {
        matches!(self, UsageStatus::Proposed | UsageStatus::SetAside)
    }

    /// Whether the board still ranks it (done and set-aside usages are
    /// listed apart).
    pub fn is_open(self) -> bool {
        !matches!(self, UsageStatus::Done | UsageStatus::SetAside)
    }
}

/// What the add form or API call sends. Estimates are optional at
/// creation (empty: "à estimer").
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct UsageInput {
    /// As … (who).
    pub as_who: String,
    /// I want … (what).
    pub want: String,
    /// So that … (why).
    pub so_that: String,
    /// Cost, `1`–`3`, or empty.
    pub cost: String,
    /// Expected positive impact, `1`–`3`, or empty.
    pub impact: String,
}

/// A checked usage.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UsageDraft {
    /// As … (who), spaces folded.
    pub as_who: String,
    /// I want …, trimmed.
    pub want: String,
    /// So that …, trimmed.
    pub so_that: String,
    /// Cost, 1–3, if estimated.
    pub cost: Option<i64>,
    /// Impact, 1–3, if estimated.
    pub impact: Option<i64>,
}

fn required(
    errors: &mut Vec<Invalid>,
    field: &'static str,
    raw: &str,
    max: usize,
    fold: bool,
) -> String {
    let text = if fold {
        raw.split_whitespace().collect::<Vec<_>>().join(" ")
    } else {
        raw.trim().replace("\r\n", "\n")
    };
    if text.is_empty() {
        errors.push(Invalid::new(field, empty_key(field)));
    } else if text.chars().count() > max {
        errors.push(Invalid::new(field, too_long_key(field)));
    }
    text
}

fn empty_key(field: &str) -> &'static str {
    match field {
        "as_who" => "error-usage-as-empty",
        "want" => "error-usage-want-empty",
        _ => "error-usage-so-that-empty",
    }
}

fn too_long_key(field: &str) -> &'static str {
    match field {
        "as_who" => "error-usage-as-too-long",
        _ => "error-usage-text-too-long",
    }
}

/// Parses an estimate: empty is "not estimated", else `1`, `2` or `3`.
pub fn parse_estimate(field: &'static str, raw: &str) -> Result<Option<i64>, Invalid> {
    match raw.trim() {
        "" => Ok(None),
        text => match text.parse::<i64>() {
            Ok(n @ 1..=3) => Ok(Some(n)),
            _ => Err(Invalid::new(field, "error-usage-estimate")),
        },
    }
}

impl UsageInput {
    /// Checks everything; every problem is reported at once.
    pub fn validate(&self) -> Result<UsageDraft, Vec<Invalid>> {
        let mut errors = Vec::new();
        let as_who = required(&mut errors, "as_who", &self.as_who, AS_MAX, true);
        let want = required(&mut errors, "want", &self.want, TEXT_MAX, false);
        let so_that = required(&mut errors, "so_that", &self.so_that, TEXT_MAX, false);
        let cost = parse_estimate("cost", &self.cost).map_err(|e| errors.push(e));
        let impact = parse_estimate("impact", &self.impact).map_err(|e| errors.push(e));
        match (cost, impact, errors.is_empty()) {
            (Ok(cost), Ok(impact), true) => Ok(UsageDraft {
                as_who,
                want,
                so_that,
                cost,
                impact,
            }),
            _ => Err(errors),
        }
    }
}

/// What the facilitators' estimate form sends.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct EstimateInput {
    /// Cost, `1`–`3`, or empty.
    pub cost: String,
    /// Impact, `1`–`3`, or empty.
    pub impact: String,
    /// A status code.
    pub status: String,
}

/// A checked estimate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Estimate {
    /// Cost, if estimated.
    pub cost: Option<i64>,
    /// Impact, if estimated.
    pub impact: Option<i64>,
    /// Status.
    pub status: UsageStatus,
}

impl EstimateInput {
    /// Checks everything for a usage now `current`: its status stays, or
    /// becomes one chosen by hand. Every problem is reported at once.
    pub fn validate(&self, current: UsageStatus) -> Result<Estimate, Vec<Invalid>> {
        let mut errors = Vec::new();
        let cost = parse_estimate("cost", &self.cost).map_err(|e| errors.push(e));
        let impact = parse_estimate("impact", &self.impact).map_err(|e| errors.push(e));
        let status = UsageStatus::from_code(self.status.trim())
            .filter(|s| *s == current || s.chosen_by_hand());
        if status.is_none() {
            errors.push(Invalid::new("status", "error-choice-unknown"));
        }
        match (cost, impact, status, errors.is_empty()) {
            (Ok(cost), Ok(impact), Some(status), true) => Ok(Estimate {
                cost,
                impact,
                status,
            }),
            _ => Err(errors),
        }
    }
}

/// What the ranking reads of a usage.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rank {
    /// Cost, if estimated.
    pub cost: Option<i64>,
    /// Impact, if estimated.
    pub impact: Option<i64>,
    /// How many members support it.
    pub supporters: i64,
    /// When it was proposed.
    pub created_at: i64,
    /// Its id (ties of the same second: the first written first).
    pub id: i64,
}

impl Rank {
    /// Impact for the cost, when both are estimated.
    pub fn ratio(&self) -> Option<(i64, i64)> {
        Some((self.impact?, self.cost?))
    }
}

/// The board's order: estimated usages by impact/cost, highest first,
/// then by supporters (most first), then oldest first; usages still to be
/// estimated after them, by supporters then oldest.
pub fn board_order(a: &Rank, b: &Rank) -> Ordering {
    let by_ratio = match (a.ratio(), b.ratio()) {
        // i1/c1 > i2/c2 ⇔ i1·c2 > i2·c1 (costs are positive).
        (Some((i1, c1)), Some((i2, c2))) => (i2 * c1).cmp(&(i1 * c2)),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    };
    by_ratio
        .then(b.supporters.cmp(&a.supporters))
        .then(a.created_at.cmp(&b.created_at))
        .then(a.id.cmp(&b.id))
}

/// Whether `viewer` may read a group's board: whoever may read the group's
/// wiki (its access, members-only while the group is not listed).
pub fn may_see(
    viewer: &Viewer,
    membership: Option<&Membership>,
    wiki_read: ReadAccess,
    group_listed: bool,
) -> bool {
    wiki::may_read(
        viewer,
        membership,
        wiki::effective_read(wiki_read, None, group_listed),
    )
}

/// Whether `viewer` may add and support usages: the group's members.
pub fn may_write(viewer: &Viewer, membership: Option<&Membership>) -> bool {
    viewer.is_logged_in() && membership.is_some()
}

/// Whether `viewer` may switch the board on or off, estimate usages, plan
/// and review sprints: the group's facilitators and leaders, and
/// administrators.
pub fn may_facilitate(viewer: &Viewer, membership: Option<&Membership>) -> bool {
    viewer.is_logged_in() && (viewer.is_admin || membership.is_some_and(Membership::runs_group))
}

/// What the sprint form sends: dates as `YYYY-MM-DD` (an empty end is a
/// month after the start).
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct SprintInput {
    /// First day.
    pub starts_on: String,
    /// Day of the review, or empty.
    pub ends_on: String,
}

/// A checked sprint.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SprintDates {
    /// First day.
    pub starts_on: NaiveDate,
    /// Day of the review.
    pub ends_on: NaiveDate,
}

impl SprintInput {
    /// Checks the dates: the end after the start, at most
    /// [`SPRINT_MAX_DAYS`] later.
    pub fn validate(&self) -> Result<SprintDates, Vec<Invalid>> {
        let date = |field, raw: &str| {
            NaiveDate::parse_from_str(raw.trim(), "%Y-%m-%d")
                .map_err(|_| Invalid::new(field, "error-sprint-date"))
        };
        let starts_on = date("starts_on", &self.starts_on).map_err(|e| vec![e])?;
        let ends_on = if self.ends_on.trim().is_empty() {
            default_end(starts_on)
        } else {
            date("ends_on", &self.ends_on).map_err(|e| vec![e])?
        };
        let days = (ends_on - starts_on).num_days();
        if !(1..=SPRINT_MAX_DAYS).contains(&days) {
            return Err(vec![Invalid::new("ends_on", "error-sprint-end")]);
        }
        Ok(SprintDates { starts_on, ends_on })
    }
}

/// A sprint's end by default: a month after its start (the last day of a
/// shorter month when needed).
pub fn default_end(starts_on: NaiveDate) -> NaiveDate {
    starts_on
        .checked_add_months(Months::new(1))
        .unwrap_or(starts_on)
}

/// A sprint's review as checked: each planned usage done or not, and what
/// the group learned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Review {
    /// `(usage id, done)` for every usage of the sprint.
    pub outcomes: Vec<(i64, bool)>,
    /// What we learned, trimmed.
    pub learned: String,
}

/// Checks a review of the sprint holding `planned` usages: every one of
/// them says done (`done`) or not done (`not_done`) in `answers` (as the
/// form sends them: `outcome_{id}`), and the text is not too long.
pub fn check_review(
    planned: &[i64],
    answer_of: impl Fn(i64) -> Option<String>,
    learned: &str,
) -> Result<Review, Vec<Invalid>> {
    let mut errors = Vec::new();
    let mut outcomes = Vec::new();
    for &id in planned {
        match answer_of(id).as_deref().map(str::trim) {
            Some("done") => outcomes.push((id, true)),
            Some("not_done") => outcomes.push((id, false)),
            _ => {
                if errors.is_empty() {
                    errors.push(Invalid::new("outcomes", "error-sprint-outcome-missing"));
                }
            }
        }
    }
    let learned = learned.trim().replace("\r\n", "\n");
    if learned.chars().count() > LEARNED_MAX {
        errors.push(Invalid::new("learned", "error-sprint-learned-too-long"));
    }
    if errors.is_empty() {
        Ok(Review { outcomes, learned })
    } else {
        Err(errors)
    }
}

/// The words of a review page, in the reviewer's language.
#[derive(Debug, Clone)]
pub struct ReviewWords {
    /// The page's first line (the sprint's dates in words).
    pub intro: String,
    /// "Done".
    pub done: String,
    /// "Not done".
    pub not_done: String,
    /// "What we learned".
    pub learned: String,
    /// "Nothing written".
    pub nothing: String,
    /// The opening words of a usage sentence.
    pub as_word: String,
    /// "I want".
    pub want_word: String,
    /// "so that".
    pub so_that_word: String,
}

/// One usage as a review page lists it.
#[derive(Debug, Clone)]
pub struct Reviewed<'a> {
    /// As ….
    pub as_who: &'a str,
    /// I want ….
    pub want: &'a str,
    /// So that ….
    pub so_that: &'a str,
    /// Done or not.
    pub done: bool,
}

/// The usage in one sentence: « En tant que …, je souhaite … afin que … ».
pub fn sentence(as_who: &str, want: &str, so_that: &str, words: &ReviewWords) -> String {
    format!(
        "{} {}, {} {} {} {}",
        words.as_word,
        one_line(as_who),
        words.want_word,
        one_line(want),
        words.so_that_word,
        one_line(so_that)
    )
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The review's wiki page, in the wiki's formatting: the dates, what was
/// done, what was not, and what the group learned.
pub fn review_markdown(words: &ReviewWords, usages: &[Reviewed<'_>], learned: &str) -> String {
    let mut out = format!("{}\n", words.intro);
    for (title, done) in [(&words.done, true), (&words.not_done, false)] {
        out.push_str(&format!("\n## {title}\n\n"));
        let lines: Vec<String> = usages
            .iter()
            .filter(|u| u.done == done)
            .map(|u| format!("- {}\n", sentence(u.as_who, u.want, u.so_that, words)))
            .collect();
        if lines.is_empty() {
            out.push_str(&format!("{}\n", words.nothing));
        } else {
            out.push_str(&lines.concat());
        }
    }
    out.push_str(&format!("\n## {}\n\n", words.learned));
    if learned.is_empty() {
        out.push_str(&format!("{}\n", words.nothing));
    } else {
        out.push_str(&format!("{learned}\n"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::groups::GroupRole;
    use crate::ids::UserId;

    fn input(as_who: &str, want: &str, so_that: &str, cost: &str, impact: &str) -> UsageInput {
        UsageInput {
            as_who: as_who.into(),
            want: want.into(),
            so_that: so_that.into(),
            cost: cost.into(),
            impact: impact.into(),
        }
    }

    #[test]
    fn usages_need_all_three_parts_and_estimates_in_range() {
        let d = input(" trésorière ", "payer en ligne", "gagner du temps", "", "3")
            .validate()
            .unwrap();
        assert_eq!(d.as_who, "trésorière");
        assert_eq!((d.cost, d.impact), (None, Some(3)));
        let errors = input("a", "b", "  ", "", "").validate().unwrap_err();
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].key, "error-usage-so-that-empty");
        let errors = input("", "", "", "4", "x").validate().unwrap_err();
        assert_eq!(errors.len(), 5);
        assert!(input(&"x".repeat(AS_MAX + 1), "b", "c", "", "")
            .validate()
            .is_err());
    }

    #[test]
    fn statuses_by_hand_are_proposed_or_set_aside() {
        let estimate = |status: &str| EstimateInput {
            cost: "1".into(),
            impact: String::new(),
            status: status.into(),
        };
        let planned = UsageStatus::Planned;
        assert!(estimate("planned").validate(planned).is_ok());
        assert!(estimate("set_aside").validate(planned).is_ok());
        assert!(estimate("done").validate(planned).is_err());
        assert!(estimate("planned").validate(UsageStatus::Proposed).is_err());
        assert!(estimate("secret").validate(planned).is_err());
    }

    #[test]
    fn the_board_ranks_impact_for_cost_then_support_then_age() {
        let r = |id, cost, impact, supporters, created_at| Rank {
            cost,
            impact,
            supporters,
            created_at,
            id,
        };
        let mut list = [
            r(1, None, None, 9, 1),
            r(2, Some(3), Some(1), 0, 1),
            r(3, Some(1), Some(3), 0, 5),
            r(4, Some(2), Some(2), 2, 1),
            r(5, Some(1), Some(1), 1, 2),
            r(6, Some(1), Some(3), 1, 9),
            r(7, None, Some(3), 0, 0),
        ];
        list.sort_by(board_order);
        let ids: Vec<i64> = list.iter().map(|r| r.id).collect();
        assert_eq!(ids, [6, 3, 4, 5, 2, 1, 7]);
    }

    #[test]
    fn the_board_follows_the_wiki_and_members_write() {
        let person = Viewer {
            user_id: Some(UserId(3)),
            ..Viewer::default()
        };
        let member = Membership::new([GroupRole::Member]);
        let facilitator = Membership::new([GroupRole::Member, GroupRole::Facilitator]);
        assert!(may_see(
            &Viewer::anonymous(),
            None,
            ReadAccess::Everyone,
            true
        ));
        assert!(!may_see(&person, None, ReadAccess::Members, true));
        assert!(!may_see(&person, None, ReadAccess::Everyone, false));
        assert!(may_see(&person, Some(&member), ReadAccess::Members, true));
        assert!(may_write(&person, Some(&member)));
        assert!(!may_write(&person, None));
        assert!(!may_facilitate(&person, Some(&member)));
        assert!(may_facilitate(&person, Some(&facilitator)));
    }

    #[test]
    fn sprints_last_a_month_by_default() {
        let dates = SprintInput {
            starts_on: "2026-01-31".into(),
            ends_on: String::new(),
        }
        .validate()
        .unwrap();
        assert_eq!(dates.ends_on.to_string(), "2026-02-28");
        let bad = SprintInput {
            starts_on: "2026-03-01".into(),
            ends_on: "2026-02-01".into(),
        };
        assert_eq!(bad.validate().unwrap_err()[0].key, "error-sprint-end");
        let bad = SprintInput {
            starts_on: "demain".into(),
            ends_on: String::new(),
        };
        assert_eq!(bad.validate().unwrap_err()[0].key, "error-sprint-date");
    }

    #[test]
    fn a_review_answers_for_every_usage_and_reads_as_a_page() {
        let answers = |id: i64| match id {
            1 => Some("done".to_string()),
            2 => Some("not_done".to_string()),
            _ => None,
        };
        assert!(check_review(&[1, 2, 3], answers, "").is_err());
        let review = check_review(&[1, 2], answers, " On a appris. ").unwrap();
        assert_eq!(review.outcomes, [(1, true), (2, false)]);
        let words = ReviewWords {
            intro: "Du 1er au 31".into(),
            done: "Fait".into(),
            not_done: "Pas fait".into(),
            learned: "Ce que nous avons appris".into(),
            nothing: "Rien.".into(),
            as_word: "En tant que".into(),
            want_word: "je souhaite".into(),
            so_that_word: "afin que".into(),
        };
        let usages = [Reviewed {
            as_who: "membre",
            want: "un agenda",
            so_that: "venir",
            done: true,
        }];
        let page = review_markdown(&words, &usages, &review.learned);
        assert!(page
            .contains("## Fait\n\n- En tant que membre, je souhaite un agenda afin que venir\n"));
        assert!(page.contains("## Pas fait\n\nRien.\n"));
        assert!(page.ends_with("## Ce que nous avons appris\n\nOn a appris.\n"));
    }
}
