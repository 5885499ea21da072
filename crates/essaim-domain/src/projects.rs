//! Projects: what a group carries, who holds each one, where it stands
//! (dated news by its holders), and the facilitator's weekly follow-up.
//!
//! Who sees a project is the rule every group object follows
//! ([`crate::audience::Sight`] with the project's [`Visibility`]); who
//! changes it and who posts its news is decided here.

use serde::{Deserialize, Serialize};

use crate::groups::{self, Membership};
use crate::permissions::Viewer;
use crate::visibility::Visibility;
use crate::Invalid;

/// Longest project title, in characters.
pub const TITLE_MAX: usize = 120;
/// Longest short description, in characters.
pub const SUMMARY_MAX: usize = 600;
/// Longest "next step", in characters.
pub const NEXT_STEP_MAX: usize = 300;
/// Largest news text, in bytes of Markdown.
pub const NEWS_MAX: usize = 20_000;
/// Longest review note, in characters.
pub const NOTE_MAX: usize = 1_000;
/// Most holders of one project.
pub const HOLDERS_MAX: usize = 10;

/// Where a project stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum ProjectStatus {
    /// An idea, not started.
    #[default]
    Idea,
    /// Under way.
    Active,
    /// Paused for a while.
    Paused,
    /// Finished.
    Done,
    /// Stopped for good.
    Stopped,
}

impl ProjectStatus {
    /// Every status, in the order forms show them.
    pub const ALL: [ProjectStatus; 5] = [
        ProjectStatus::Idea,
        ProjectStatus::Active,
        ProjectStatus::Paused,
        ProjectStatus::Done,
        ProjectStatus::Stopped,
    ];

    /// The stored code.
    pub fn code(self) -> &'static str {
        match self {
            ProjectStatus::Idea => "idea",
            ProjectStatus::Active => "active",
            ProjectStatus::Paused => "paused",
            ProjectStatus::Done => "done",
            ProjectStatus::Stopped => "stopped",
        }
    }

    /// The status of a stored code.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.code() == code)
    }

    /// Whether the project is still carried (the follow-up board watches
    /// it): an idea, under way or paused.
    pub fn is_open(self) -> bool {
        matches!(
            self,
            ProjectStatus::Idea | ProjectStatus::Active | ProjectStatus::Paused
        )
    }
}

/// How a news item came.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum NewsVia {
    /// Typed on the site (or sent through the API).
    #[default]
    Web,
    /// A holder's reply to the email asking for news.
    Email,
}

impl NewsVia {
    /// Every origin.
    pub const ALL: [NewsVia; 2] = [NewsVia::Web, NewsVia::Email];

    /// The stored code.
    pub fn code(self) -> &'static str {
        match self {
            NewsVia::Web => "web",
            NewsVia::Email => "email",
        }
    }

    /// The origin of a stored code.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.code() == code)
    }
}

/// A project as typed in its form, unchecked.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct ProjectForm {
    /// Title.
    #[serde(default)]
    pub title: String,
    /// Short description.
    #[serde(default)]
    pub summary: String,
    /// Status code.
    #[serde(default)]
    pub status: String,
    /// The next step.
    #[serde(default)]
    pub next_step: String,
    /// Keywords, separated by commas.
    #[serde(default)]
    pub keywords: String,
    /// Open to contributors (a checkbox: "on", or a JSON boolean's text).
    #[serde(default)]
    pub open: String,
    /// Visibility code (`public` by default).
    #[serde(default)]
    pub visibility: String,
}

/// A checked project.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ProjectDraft {
    /// Title.
    pub title: String,
    /// Short description.
    pub summary: String,
    /// Status.
    pub status: ProjectStatus,
    /// The next step.
    pub next_step: String,
    /// Keywords (normalized like a card's).
    pub keywords: Vec<String>,
    /// Open to contributors: shown in the instance's catalogue.
    pub open_to_contributors: bool,
    /// Who sees it.
    pub visibility: Visibility,
}

fn text(
    field: &'static str,
    raw: &str,
    max: usize,
    required: bool,
    errors: &mut Vec<Invalid>,
) -> String {
    let value = raw.trim().to_string();
    if required && value.is_empty() {
        errors.push(Invalid::new(field, "error-project-title-empty"));
    } else if value.chars().count() > max {
        errors.push(Invalid::new(field, "error-project-text-too-long"));
    } else if value
        .chars()
        .any(|c| c.is_control() && c != '\n' && c != '\r')
    {
        errors.push(Invalid::new(field, "error-project-text-invalid"));
    }
    value
}

impl ProjectForm {
    /// Checks every field; all the problems at once.
    pub fn validate(&self) -> Result<ProjectDraft, Vec<Invalid>> {
        let mut errors = Vec::new();
        let title = text("title", &self.title, TITLE_MAX, true, &mut errors);
        if title.contains('\n') {
            errors.push(Invalid::new("title", "error-project-text-invalid"));
        }
        let summary = text("summary", &self.summary, SUMMARY_MAX, false, &mut errors);
        let next_step = text(
            "next_step",
            &self.next_step,
            NEXT_STEP_MAX,
            false,
            &mut errors,
        );
        let status = match self.status.trim() {
            "" => ProjectStatus::default(),
            code => ProjectStatus::from_code(code).unwrap_or_else(|| {
                errors.push(Invalid::new("status", "error-choice-unknown"));
                ProjectStatus::default()
            }),
        };
        let visibility = match self.visibility.trim() {
            "" => Visibility::Public,
            code => Visibility::from_code(code).unwrap_or_else(|| {
                errors.push(Invalid::new("visibility", "error-choice-unknown"));
                Visibility::Public
            }),
        };
        let open_to_contributors = match self.open.trim() {
            "" | "false" | "off" | "0" => false,
            "on" | "true" | "1" | "yes" => true,
            _ => {
                errors.push(Invalid::new("open", "error-choice-unknown"));
                false
            }
        };
        let keywords = groups::normalize_keywords(&self.keywords)
            .map_err(|e| errors.push(e))
            .unwrap_or_default();
        if errors.is_empty() {
            Ok(ProjectDraft {
                title,
                summary,
                status,
                next_step,
                keywords,
                open_to_contributors,
                visibility,
            })
        } else {
            Err(errors)
        }
    }
}

/// Checks a news text: not empty, not too large.
pub fn check_news(raw: &str) -> Result<String, Invalid> {
    let text = raw.replace("\r\n", "\n").trim().to_string();
    if text.is_empty() {
        return Err(Invalid::new("markdown", "error-project-news-empty"));
    }
    if text.len() > NEWS_MAX {
        return Err(Invalid::new("markdown", "error-project-text-too-long"));
    }
    Ok(text)
}

/// Checks a review's note (optional).
pub fn check_note(raw: &str) -> Result<String, Invalid> {
    let note = raw.trim().to_string();
    if note.chars().count() > NOTE_MAX {
        return Err(Invalid::new("note", "error-project-text-too-long"));
    }
    Ok(note)
}

/// Checks the holders chosen: at least one, each a member of the group
/// (`is_member` answers), at most [`HOLDERS_MAX`].
pub fn check_holders<T: PartialEq + Copy>(
    holders: &[T],
    is_member: impl Fn(T) -> bool,
) -> Result<Vec<T>, Invalid> {
    let mut kept: Vec<T> = Vec::new();
    for h in holders {
        if !kept.contains(h) {
            kept.push(*h);
        }
    }
    if kept.is_empty() {
        return Err(Invalid::new("holders", "error-project-holders-none"));
    }
    if kept.len() > HOLDERS_MAX {
        return Err(Invalid::new("holders", "error-project-holders-too-many"));
    }
    if kept.iter().any(|h| !is_member(*h)) {
        return Err(Invalid::new("holders", "error-project-holder-not-member"));
    }
    Ok(kept)
}

/// Starting a project in a group: its members (who become its first
/// holder), and those who run it.
pub fn may_create(viewer: &Viewer, membership: Option<&Membership>, hosted: bool) -> bool {
    hosted
        && viewer.is_logged_in()
        && (membership.is_some() || groups::may_edit_card(viewer, membership))
}

/// Changing a project and posting its news: its holders while members,
/// and those who run the group.
pub fn may_manage(viewer: &Viewer, membership: Option<&Membership>, is_holder: bool) -> bool {
    viewer.is_logged_in()
        && ((membership.is_some() && is_holder) || groups::may_edit_card(viewer, membership))
}

/// The follow-up board (reviews, asking holders for news): those who run
/// the group (facilitators, leaders, helpers, administrators).
pub fn may_follow_up(viewer: &Viewer, membership: Option<&Membership>) -> bool {
    groups::may_edit_card(viewer, membership)
}

/// « Je veux aider »: anyone logged in who sees a project open to
/// contributors.
pub fn may_offer_help(viewer: &Viewer, open_to_contributors: bool) -> bool {
    viewer.is_logged_in() && open_to_contributors
}

/// One project as the follow-up board orders it.
pub trait FollowedUp {
    /// Its last news, if any (Unix seconds).
    fn last_news_at(&self) -> Option<i64>;
    /// When it was created.
    fn created_at(&self) -> i64;
    /// Its status.
    fn status(&self) -> ProjectStatus;
}

/// The follow-up board's order: projects still carried first, those
/// without news for longest first (never any news: counted from their
/// creation, before any with news at that date); finished and stopped
/// ones last.
pub fn follow_up_order<P: FollowedUp>(projects: &mut [P]) {
    projects.sort_by_key(|p| {
        (
            !p.status().is_open(),
            p.last_news_at().unwrap_or(p.created_at()),
            p.last_news_at().is_some(),
        )
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::groups::GroupRole;
    use crate::ids::UserId;

    fn form(title: &str) -> ProjectForm {
        ProjectForm {
            title: title.into(),
            ..ProjectForm::default()
        }
    }

    #[test]
    fn forms_are_checked_field_by_field() {
        let ok = form("Grainothèque").validate().unwrap();
        assert_eq!(ok.status, ProjectStatus::Idea);
        assert_eq!(ok.visibility, Visibility::Public);
        assert!(!ok.open_to_contributors);
        let bad = ProjectForm {
            title: " ".into(),
            status: "finished".into(),
            open: "maybe".into(),
            next_step: "x".repeat(NEXT_STEP_MAX + 1),
            ..ProjectForm::default()
        };
        let errors = bad.validate().unwrap_err();
        let fields: Vec<&str> = errors.iter().map(|e| e.field).collect();
        assert_eq!(fields, ["title", "next_step", "status", "open"]);
        let open = ProjectForm {
            open: "on".into(),
            keywords: "Semences, semences, Jardin".into(),
            ..form("Grainothèque")
        };
        let open = open.validate().unwrap();
        assert!(open.open_to_contributors);
        assert_eq!(open.keywords, ["semences", "jardin"]);
        assert!(check_news("  ").is_err());
        assert_eq!(check_news(" On avance.\r\n ").unwrap(), "On avance.");
    }

    #[test]
    fn holders_must_be_members() {
        let members = [1, 2, 3];
        let is_member = |h: i64| members.contains(&h);
        assert_eq!(check_holders(&[2, 2, 1], is_member).unwrap(), [2, 1]);
        assert_eq!(
            check_holders::<i64>(&[], is_member).unwrap_err().key,
            "error-project-holders-none"
        );
        assert_eq!(
            check_holders(&[1, 9], is_member).unwrap_err().key,
            "error-project-holder-not-member"
        );
    }

    #[test]
    fn holders_and_those_who_run_the_group_manage() {
        let person = Viewer {
            user_id: Some(UserId(3)),
            ..Viewer::default()
        };
        let member = Membership::new([GroupRole::Member]);
        let facilitator = Membership::new([GroupRole::Member, GroupRole::Facilitator]);
        assert!(may_manage(&person, Some(&member), true));
        assert!(!may_manage(&person, Some(&member), false));
        // A holder who left the group no longer manages it.
        assert!(!may_manage(&person, None, true));
        assert!(may_manage(&person, Some(&facilitator), false));
        assert!(!may_follow_up(&person, Some(&member)));
        assert!(may_follow_up(&person, Some(&facilitator)));
        assert!(!may_manage(&Viewer::anonymous(), None, true));
        assert!(may_create(&person, Some(&member), true));
        assert!(!may_create(&person, Some(&member), false));
        assert!(!may_create(&person, None, true));
        assert!(!may_offer_help(&Viewer::anonymous(), true));
        assert!(may_offer_help(&person, true));
    }

    struct P(Option<i64>, i64, ProjectStatus);
    impl FollowedUp for P {
        fn last_news_at(&self) -> Option<i64> {
            self.0
        }
        fn created_at(&self) -> i64 {
            self.1
        }
        fn status(&self) -> ProjectStatus {
            self.2
        }
    }

    #[test]
    fn the_board_puts_the_longest_silent_first() {
        use ProjectStatus::*;
        let mut projects = vec![
            P(Some(500), 10, Active),
            P(None, 300, Idea),
            P(Some(100), 10, Paused),
            P(None, 50, Done),
            P(Some(300), 10, Active),
        ];
        follow_up_order(&mut projects);
        let order: Vec<(Option<i64>, i64)> = projects.iter().map(|p| (p.0, p.1)).collect();
        assert_eq!(
            order,
            [
                (Some(100), 10),
                (None, 300),
                (Some(300), 10),
                (Some(500), 10),
                (None, 50)
            ]
        );
    }
}
