//! News: short posts a group's facilitators and leaders publish (title,
//! body in the wiki's formatting, an optional image), shown on the group's
//! page, in its news feed and sent by email to its members and to people
//! who subscribed to its news only, without an account.
//!
//! A news item is public (whoever sees the group, the public feed, news-only
//! subscribers) or for the members only (members, never subscribers nor the
//! feed): who sees one is the meetings' rule ([`may_see`]), a list's filter
//! the same [`crate::audience::Sight`].

use serde::{Deserialize, Serialize};

use crate::groups::Membership;
use crate::meetings::GroupAccess;
use crate::permissions::Viewer;
use crate::visibility::Visibility;
use crate::Invalid;

/// Longest title, in characters.
pub const TITLE_MAX: usize = 200;
/// Longest body, in characters.
pub const BODY_MAX: usize = 50_000;

/// What a news form or API call sends.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct NewsInput {
    /// Title.
    pub title: String,
    /// Body, in the wiki's formatting.
    pub body: String,
    /// `public` (default) or `members`.
    pub visibility: String,
}

/// A checked news item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewsDraft {
    /// Title, spaces folded.
    pub title: String,
    /// Body, trimmed.
    pub body: String,
    /// Who may read it.
    pub visibility: Visibility,
}

impl NewsInput {
    /// Checks everything; every problem is reported at once.
    pub fn validate(&self) -> Result<NewsDraft, Vec<Invalid>> {
        let mut errors = Vec::new();
        let title = self.title.split_whitespace().collect::<Vec<_>>().join(" ");
        if title.is_empty() || title.chars().any(char::is_control) {
            errors.push(Invalid::new("title", "error-news-title-empty"));
        } else if title.chars().count() > TITLE_MAX {
            errors.push(Invalid::new("title", "error-news-title-too-long"));
        }
        let body = self.body.trim().to_string();
        if body.is_empty() {
            errors.push(Invalid::new("body", "error-news-body-empty"));
        } else if body.chars().count() > BODY_MAX {
            errors.push(Invalid::new("body", "error-news-body-too-long"));
        }
        let visibility = match self.visibility.trim() {
            "" => Some(Visibility::Public),
            code => Visibility::from_code(code),
        };
        if visibility.is_none() {
            errors.push(Invalid::new("visibility", "error-choice-unknown"));
        }
        match (visibility, errors.is_empty()) {
            (Some(visibility), true) => Ok(NewsDraft {
                title,
                body,
                visibility,
            }),
            _ => Err(errors),
        }
    }
}

/// Whether `viewer` may publish news in a group: its facilitators and
/// leaders, and administrators.
pub fn may_post(viewer: &Viewer, membership: Option<&Membership>) -> bool {
    viewer.is_logged_in() && (viewer.is_admin || membership.is_some_and(Membership::runs_group))
}

/// Whether `viewer` may read a news item of `visibility` (the meetings'
/// rule: members-only ones by members and administrators).
pub fn may_see(
    viewer: &Viewer,
    membership: Option<&Membership>,
    group: GroupAccess,
    visibility: Visibility,
) -> bool {
    crate::meetings::may_see(viewer, membership, group, visibility)
}

/// Whether a news item goes to the group's news-only subscribers (and its
/// public feed): only what someone nobody knows may read.
pub fn for_subscribers(group: GroupAccess, visibility: Visibility) -> bool {
    may_see(&Viewer::anonymous(), None, group, visibility)
}

/// The message a news-only subscriber's one-click unsubscribe link signs.
pub fn unsubscribe_message(subscriber_id: i64) -> String {
    format!("news-unsubscribe:{subscriber_id}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::groups::GroupRole;
    use crate::ids::UserId;

    fn input(title: &str, body: &str, visibility: &str) -> NewsInput {
        NewsInput {
            title: title.into(),
            body: body.into(),
            visibility: visibility.into(),
        }
    }

    #[test]
    fn drafts_are_checked_whole() {
        let d = input("  Une   nouvelle ", " Du texte ", "")
            .validate()
            .unwrap();
        assert_eq!(d.title, "Une nouvelle");
        assert_eq!(d.body, "Du texte");
        assert_eq!(d.visibility, Visibility::Public);
        let errors = input("", "", "secret").validate().unwrap_err();
        assert_eq!(errors.len(), 3);
        assert!(input(&"x".repeat(TITLE_MAX + 1), "b", "members")
            .validate()
            .is_err());
    }

    #[test]
    fn facilitators_post_members_do_not_and_subscribers_get_public_news_only() {
        let person = Viewer {
            user_id: Some(UserId(3)),
            ..Viewer::default()
        };
        let member = Membership::new([GroupRole::Member]);
        let facilitator = Membership::new([GroupRole::Member, GroupRole::Facilitator]);
        assert!(may_post(&person, Some(&facilitator)));
        assert!(!may_post(&person, Some(&member)));
        assert!(!may_post(&Viewer::anonymous(), Some(&facilitator)));
        let listed = GroupAccess {
            listed: true,
            proposed_by: None,
            hosted: true,
        };
        assert!(for_subscribers(listed, Visibility::Public));
        assert!(!for_subscribers(listed, Visibility::Members));
        let unlisted = GroupAccess {
            listed: false,
            ..listed
        };
        assert!(!for_subscribers(unlisted, Visibility::Public));
    }
}
