//! Date polls: the options an organizer proposes, the answers (yes / if
//! need be / no), the best options, and when to remind those who have not
//! answered. Who may see and answer a poll is decided in `meetings`.

use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

use crate::meetings::{normalize_title, parse_time, parse_timezone, Visibility, DESCRIPTION_MAX};
use crate::Invalid;

// ---------------------------------------------------------------------------

/// An answer to one option of a date poll.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Choice {
    /// Suits me.
    Yes,
    /// If need be.
    IfNeedBe,
    /// Does not suit me.
    No,
}

impl Choice {
    /// Every answer.
    pub const ALL: [Choice; 3] = [Choice::Yes, Choice::IfNeedBe, Choice::No];

    /// The stored code.
    pub fn code(self) -> &'static str {
        match self {
            Choice::Yes => "yes",
            Choice::IfNeedBe => "if_need_be",
            Choice::No => "no",
        }
    }

    /// Parses a stored code.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|v| v.code() == code)
    }
}

/// Longest poll option label, in characters.
pub const OPTION_MAX: usize = 200;
/// Most options in one poll.
pub const OPTIONS_MAX: usize = 30;
/// Longest comment or guest name.
pub const COMMENT_MAX: usize = 500;

/// One option as typed: a start (local or RFC 3339) or free words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OptionInput {
    /// A date and time.
    Date(String),
    /// Free words ("a Saturday morning in May").
    Free(String),
}

/// A checked option.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PollOption {
    /// Start, for a date option.
    pub starts_at: Option<i64>,
    /// Label, for a free option.
    pub label: Option<String>,
}

/// A checked poll.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PollDraft {
    /// Title (that of the meeting it will create).
    pub title: String,
    /// Description.
    pub description: String,
    /// Length of the meeting, minutes.
    pub duration_minutes: i64,
    /// Time zone.
    pub timezone: String,
    /// Answers close at, Unix seconds.
    pub deadline: Option<i64>,
    /// People without an account may answer with a name.
    pub guests_allowed: bool,
    /// Who sees it.
    pub visibility: Visibility,
    /// The options, dates first in time order.
    pub options: Vec<PollOption>,
}

/// A poll as typed.
#[derive(Debug, Clone, Default)]
pub struct PollInput {
    /// Title.
    pub title: String,
    /// Description.
    pub description: String,
    /// Length of the meeting, minutes (empty: 120).
    pub duration_minutes: String,
    /// Time zone name.
    pub timezone: String,
    /// Deadline (local or RFC 3339), empty for none.
    pub deadline: String,
    /// Guests may answer.
    pub guests_allowed: bool,
    /// `public` or `members`.
    pub visibility: String,
    /// The options typed (empty ones are ignored).
    pub options: Vec<OptionInput>,
}

impl PollInput {
    /// Checks the poll: a title, at least one option, dates and deadline in
    /// the future (after `now`).
    pub fn validate(
        &self,
        default_tz: Tz,
        now: i64,
        offset_required: bool,
    ) -> Result<PollDraft, Vec<Invalid>> {
        let mut errors = Vec::new();
        let title = normalize_title(&self.title)
            .map_err(|e| errors.push(e))
            .ok();
        if self.description.chars().count() > DESCRIPTION_MAX {
            errors.push(Invalid::new(
                "description",
                "error-meeting-description-too-long",
            ));
        }
        let tz = parse_timezone(&self.timezone, default_tz)
            .map_err(|e| errors.push(e))
            .unwrap_or(default_tz);
        let duration = match self.duration_minutes.trim() {
            "" => 120,
            text => match text.parse::<i64>() {
                Ok(n) if (5..=14 * 24 * 60).contains(&n) => n,
                _ => {
                    errors.push(Invalid::new("duration_minutes", "error-poll-duration"));
                    120
                }
            },
        };
        let deadline = match self.deadline.trim() {
            "" => None,
            raw => match parse_time("deadline", raw, tz, offset_required) {
                Ok(t) if t <= now => {
                    errors.push(Invalid::new("deadline", "error-poll-deadline-past"));
                    None
                }
                Ok(t) => Some(t),
                Err(e) => {
                    errors.push(e);
                    None
                }
            },
        };
        let mut options = Vec::new();
        let mut past = false;
        for option in &self.options {
            match option {
                OptionInput::Date(raw) if raw.trim().is_empty() => {}
                OptionInput::Date(raw) => match parse_time("options", raw, tz, offset_required) {
                    Ok(t) if t <= now => past = true,
                    Ok(t) => options.push(PollOption {
                        starts_at: Some(t),
                        label: None,
                    }),
                    Err(_) => errors.push(Invalid::new("options", "error-poll-option-invalid")),
                },
                OptionInput::Free(raw) => {
                    let label = raw.split_whitespace().collect::<Vec<_>>().join(" ");
                    if label.is_empty() {
                        continue;
                    }
                    if label.chars().count() > OPTION_MAX {
                        errors.push(Invalid::new("options", "error-poll-option-too-long"));
                    } else {
                        options.push(PollOption {
                            starts_at: None,
                            label: Some(label),
                        });
                    }
                }
            }
        }
        if past {
            errors.push(Invalid::new("options", "error-poll-option-past"));
        }
        options.sort_by_key(|o| (o.starts_at.is_none(), o.starts_at));
        options.dedup();
        if options.is_empty() && errors.iter().all(|e| e.field != "options") {
            errors.push(Invalid::new("options", "error-poll-no-option"));
        }
        if options.len() > OPTIONS_MAX {
            errors.push(Invalid::new("options", "error-poll-too-many-options"));
        }
        let visibility = match self.visibility.trim() {
            "" => Visibility::Public,
            code => Visibility::from_code(code).unwrap_or_else(|| {
                errors.push(Invalid::new("visibility", "error-meeting-visibility"));
                Visibility::Public
            }),
        };
        match title {
            Some(title) if errors.is_empty() => Ok(PollDraft {
                title,
                description: self.description.replace("\r\n", "\n"),
                duration_minutes: duration,
                timezone: tz.name().to_string(),
                deadline,
                guests_allowed: self.guests_allowed,
                visibility,
                options,
            }),
            _ => Err(errors),
        }
    }
}

/// Checks a guest's name or a comment: trimmed, at most [`COMMENT_MAX`].
pub fn normalize_short_text(
    field: &'static str,
    raw: &str,
    required: bool,
) -> Result<String, Invalid> {
    let text = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    if required && text.is_empty() {
        return Err(Invalid::new(field, "error-poll-name-empty"));
    }
    if text.chars().count() > COMMENT_MAX || text.chars().any(char::is_control) {
        return Err(Invalid::new(field, "error-poll-text-too-long"));
    }
    Ok(text)
}

/// The count of answers to one option.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Tally {
    /// "Yes".
    pub yes: i64,
    /// "If need be".
    pub if_need_be: i64,
    /// "No".
    pub no: i64,
}

impl Tally {
    /// Adds one answer.
    pub fn add(&mut self, choice: Choice) {
        match choice {
            Choice::Yes => self.yes += 1,
            Choice::IfNeedBe => self.if_need_be += 1,
            Choice::No => self.no += 1,
        }
    }

    /// How good the option is: first who can come at all, then who
    /// prefers it.
    pub fn score(&self) -> (i64, i64) {
        (self.yes + self.if_need_be, self.yes)
    }
}

/// The indexes of the best options (several when tied); none while nobody
/// can come to any.
pub fn best_options(tallies: &[Tally]) -> Vec<usize> {
    let Some(best) = tallies.iter().map(Tally::score).max() else {
        return Vec::new();
    };
    if best.0 == 0 {
        return Vec::new();
    }
    tallies
        .iter()
        .enumerate()
        .filter(|(_, t)| t.score() == best)
        .map(|(i, _)| i)
        .collect()
}

/// When to remind those who have not answered: a day before the deadline,
/// or half-way for a poll whose deadline is closer than two days.
pub fn poll_reminder_time(created_at: i64, deadline: i64) -> i64 {
    if deadline - created_at >= 2 * 86_400 {
        deadline - 86_400
    } else {
        created_at + (deadline - created_at) / 2
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::meetings::from_local;
    use chrono::NaiveDate;

    const PARIS: Tz = chrono_tz::Europe::Paris;

    fn at(y: i32, m: u32, d: u32, h: u32, min: u32) -> i64 {
        from_local(
            PARIS,
            NaiveDate::from_ymd_opt(y, m, d)
                .unwrap()
                .and_hms_opt(h, min, 0)
                .unwrap(),
        )
        .unwrap()
    }

    #[test]
    fn polls_need_a_future_option() {
        let now = at(2027, 3, 1, 12, 0);
        let mut input = PollInput {
            title: "Prochaine réunion".into(),
            ..PollInput::default()
        };
        let keys = |i: &PollInput| -> Vec<&'static str> {
            i.validate(PARIS, now, false)
                .unwrap_err()
                .iter()
                .map(|e| e.key)
                .collect()
        };
        assert_eq!(keys(&input), vec!["error-poll-no-option"]);
        input.options = vec![OptionInput::Date("2027-02-01T19:00".into())];
        assert_eq!(keys(&input), vec!["error-poll-option-past"]);
        input.options = vec![
            OptionInput::Date("2027-03-10T19:00".into()),
            OptionInput::Date("".into()),
            OptionInput::Free("  un samedi  matin ".into()),
            OptionInput::Date("2027-03-03T19:00".into()),
        ];
        input.deadline = "2027-02-28T12:00".into();
        assert_eq!(keys(&input), vec!["error-poll-deadline-past"]);
        input.deadline = "2027-03-02T12:00".into();
        let draft = input.validate(PARIS, now, false).unwrap();
        assert_eq!(draft.options.len(), 3);
        assert_eq!(draft.options[0].starts_at, Some(at(2027, 3, 3, 19, 0)));
        assert_eq!(draft.options[2].label.as_deref(), Some("un samedi matin"));
    }

    #[test]
    fn best_options_count_who_can_come_then_who_prefers() {
        let t = |yes, if_need_be, no| Tally {
            yes,
            if_need_be,
            no,
        };
        assert_eq!(best_options(&[t(1, 2, 0), t(3, 0, 0), t(2, 1, 0)]), vec![1]);
        assert_eq!(
            best_options(&[t(2, 1, 0), t(2, 1, 1), t(1, 1, 0)]),
            vec![0, 1]
        );
        assert!(best_options(&[t(0, 0, 3)]).is_empty());
        assert!(best_options(&[]).is_empty());
    }
}
