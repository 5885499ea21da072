//! The shared space (wiki): page names and addresses, who may read and
//! edit, and readable differences between revisions.

use crate::ids::GroupId;
use serde::{Deserialize, Serialize};

use crate::groups::{self, GroupRole, Membership};
use crate::permissions::Viewer;
use crate::Invalid;

/// Longest page title, in characters.
pub const TITLE_MAX: usize = 200;
/// Largest page, in bytes of Markdown.
pub const PAGE_MAX_BYTES: usize = 200_000;
/// Longest edit summary, in characters.
pub const SUMMARY_MAX: usize = 300;

/// Who may read a wiki or a page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum ReadAccess {
    /// Anybody, logged in or not.
    #[default]
    Everyone,
    /// Members of the group.
    Members,
    /// The group's facilitators and leaders.
    Facilitators,
}

impl ReadAccess {
    /// Every choice, most open first.
    pub const ALL: [ReadAccess; 3] = [
        ReadAccess::Everyone,
        ReadAccess::Members,
        ReadAccess::Facilitators,
    ];

    /// The stored code.
    pub fn code(self) -> &'static str {
        match self {
            ReadAccess::Everyone => "everyone",
            ReadAccess::Members => "members",
            ReadAccess::Facilitators => "facilitators",
        }
    }

    /// Parses a stored code.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|a| a.code() == code)
    }
}

/// Who may edit a wiki or a page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum EditAccess {
    /// Members of the group (the default).
    #[default]
    Members,
    /// Any logged-in person: an "open wiki".
    LoggedIn,
}

impl EditAccess {
    /// Every choice.
    pub const ALL: [EditAccess; 2] = [EditAccess::Members, EditAccess::LoggedIn];

    /// The stored code.
    pub fn code(self) -> &'static str {
        match self {
            EditAccess::Members => "members",
            EditAccess::LoggedIn => "logged_in",
        }
    }

    /// Parses a stored code.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|a| a.code() == code)
    }
}

/// A page's effective read access: the stricter of the wiki's and the
/// page's, and members-only while the group is not listed.
pub fn effective_read(
    wiki: ReadAccess,
    page: Option<ReadAccess>,
    group_listed: bool,
) -> ReadAccess {
    let mut access = wiki.max(page.unwrap_or(wiki));
    if !group_listed {
        access = access.max(ReadAccess::Members);
    }
    access
}

/// Whether `viewer` may read a page with this effective access. The
/// instance's own wiki (no group) is public.
pub fn may_read(viewer: &Viewer, membership: Option<&Membership>, access: ReadAccess) -> bool {
    if viewer.is_logged_in() && viewer.is_admin {
        return true;
    }
    match access {
        ReadAccess::Everyone => true,
        ReadAccess::Members => membership.is_some(),
        ReadAccess::Facilitators => {
            membership.is_some_and(|m| m.has(GroupRole::Facilitator) || m.has(GroupRole::Leader))
        }
    }
}

/// Whether `viewer` may edit a group's page (who may read it and, by the
/// page's or wiki's setting, members or any logged-in person). Facilitators,
/// helpers and administrators always may.
pub fn may_edit(
    viewer: &Viewer,
    membership: Option<&Membership>,
    read: ReadAccess,
    edit: EditAccess,
) -> bool {
    if !viewer.is_logged_in() || !may_read(viewer, membership, read) {
        return false;
    }
    if groups::may_edit_card(viewer, membership) {
        return true;
    }
    match edit {
        EditAccess::Members => membership.is_some(),
        EditAccess::LoggedIn => true,
    }
}

/// The instance's network-wide pages: helpers and administrators edit.
pub fn may_edit_instance_wiki(viewer: &Viewer) -> bool {
    viewer.is_logged_in() && (viewer.is_admin || viewer.is_helper)
}

/// Who may change a wiki's or a page's access settings.
pub fn may_set_access(viewer: &Viewer, membership: Option<&Membership>) -> bool {
    groups::may_edit_card(viewer, membership)
}

/// Which scopes a viewer may read in search: every public document, plus
/// the groups given (as `(group_id, is_facilitator)`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReadFilter {
    /// Sees everything (administrators).
    pub all: bool,
    /// Groups whose members-only pages the viewer reads.
    pub members_of: Vec<i64>,
    /// Groups whose facilitators-only pages the viewer reads.
    pub facilitator_of: Vec<i64>,
}

impl ReadFilter {
    /// Whether a document of `scope` read by `access` passes the filter:
    /// what the store's search query says in SQL, clause for clause
    /// (`essaim_store::search`), for lists read without the index.
    pub fn admits(&self, scope: i64, access: ReadAccess) -> bool {
        self.all
            || match access {
                ReadAccess::Everyone => true,
                ReadAccess::Members => self.members_of.contains(&scope),
                ReadAccess::Facilitators => self.facilitator_of.contains(&scope),
            }
    }
}

/// The search filter for `viewer` with their memberships.
pub fn read_filter(viewer: &Viewer, memberships: &[(GroupId, Membership)]) -> ReadFilter {
    let probe = |access: ReadAccess| -> Vec<i64> {
        memberships
            .iter()
            .filter(|(_, m)| {
                may_read(
                    &Viewer {
                        is_admin: false,
                        ..*viewer
                    },
                    Some(m),
                    access,
                )
            })
            .map(|(id, _)| id.0)
            .collect()
    };
    ReadFilter {
        all: viewer.is_logged_in() && viewer.is_admin,
        members_of: probe(ReadAccess::Members),
        facilitator_of: probe(ReadAccess::Facilitators),
    }
}

/// Checks a page title: trimmed, 1 to [`TITLE_MAX`] characters, no control
/// characters, and it must give a non-empty address.
pub fn normalize_title(raw: &str) -> Result<String, Invalid> {
    let title = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    if title.is_empty() {
        return Err(Invalid::new("title", "error-page-title-empty"));
    }
    if title.chars().count() > TITLE_MAX {
        return Err(Invalid::new("title", "error-page-title-too-long"));
    }
    if title.chars().any(char::is_control) || page_slug(&title).is_empty() {
        return Err(Invalid::new("title", "error-page-title-invalid"));
    }
    Ok(title)
}

/// The stable address of a page title: "Compte rendu 12 mars" →
/// "compte-rendu-12-mars" (accents folded, at most 80 characters).
pub fn page_slug(title: &str) -> String {
    let folded = groups::fold_for_search(title).replace(' ', "-");
    let mut slug: String = folded.chars().take(80).collect();
    while slug.ends_with('-') {
        slug.pop();
    }
    slug
}

/// Checks a page's content size.
pub fn check_markdown(markdown: &str) -> Result<(), Invalid> {
    if markdown.len() > PAGE_MAX_BYTES {
        return Err(Invalid::new("markdown", "error-page-too-long"));
    }
    Ok(())
}

/// Checks an edit summary.
pub fn normalize_summary(raw: &str) -> Result<String, Invalid> {
    let summary = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    if summary.chars().count() > SUMMARY_MAX {
        return Err(Invalid::new("summary", "error-edit-summary-too-long"));
    }
    Ok(summary)
}

/// One piece of a word-level difference.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DiffPart {
    /// `same`, `added` or `removed`.
    pub kind: &'static str,
    /// The text.
    pub text: String,
}

/// A readable word-level difference between two texts.
pub fn word_diff(old: &str, new: &str) -> Vec<DiffPart> {
    use similar::{ChangeTag, TextDiff};
    let diff = TextDiff::configure()
        .timeout(std::time::Duration::from_millis(500))
        .diff_words(old, new);
    let mut parts: Vec<DiffPart> = Vec::new();
    for change in diff.iter_all_changes() {
        let kind = match change.tag() {
            ChangeTag::Equal => "same",
            ChangeTag::Insert => "added",
            ChangeTag::Delete => "removed",
        };
        match parts.last_mut() {
            Some(last) if last.kind == kind => last.text.push_str(change.value()),
            _ => parts.push(DiffPart {
                kind,
                text: change.value().to_string(),
            }),
        }
    }
    parts
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ids::{GroupId, UserId};

    fn member(roles: &[GroupRole]) -> Membership {
        let mut all = roles.to_vec();
        all.push(GroupRole::Member);
        Membership::new(all)
    }

    #[test]
    fn slugs_and_titles() {
        assert_eq!(page_slug("Compte rendu — 12 mars"), "compte-rendu-12-mars");
        assert_eq!(page_slug("Été 2026 : l'œuvre"), "ete-2026-l-oeuvre");
        assert!(normalize_title("   ").is_err());
        assert!(normalize_title("!!!").is_err());
        assert_eq!(
            normalize_title("  Compte   rendu ").unwrap(),
            "Compte rendu"
        );
        assert!(normalize_title(&"a".repeat(201)).is_err());
    }

    #[test]
    fn access_is_the_stricter_one() {
        assert_eq!(
            effective_read(ReadAccess::Everyone, Some(ReadAccess::Members), true),
            ReadAccess::Members
        );
        assert_eq!(
            effective_read(ReadAccess::Facilitators, Some(ReadAccess::Everyone), true),
            ReadAccess::Facilitators
        );
        assert_eq!(
            effective_read(ReadAccess::Everyone, None, false),
            ReadAccess::Members
        );
    }

    #[test]
    fn who_reads_and_edits() {
        let anon = Viewer::anonymous();
        let person = Viewer {
            user_id: Some(UserId(5)),
            ..Viewer::default()
        };
        let m = member(&[]);
        let f = member(&[GroupRole::Facilitator]);
        assert!(may_read(&anon, None, ReadAccess::Everyone));
        assert!(!may_read(&anon, None, ReadAccess::Members));
        assert!(may_read(&person, Some(&m), ReadAccess::Members));
        assert!(!may_read(&person, Some(&m), ReadAccess::Facilitators));
        assert!(may_read(&person, Some(&f), ReadAccess::Facilitators));
        assert!(!may_edit(
            &anon,
            None,
            ReadAccess::Everyone,
            EditAccess::LoggedIn
        ));
        assert!(!may_edit(
            &person,
            None,
            ReadAccess::Everyone,
            EditAccess::Members
        ));
        assert!(may_edit(
            &person,
            None,
            ReadAccess::Everyone,
            EditAccess::LoggedIn
        ));
        assert!(may_edit(
            &person,
            Some(&m),
            ReadAccess::Members,
            EditAccess::Members
        ));
        assert!(
            !may_edit(&person, None, ReadAccess::Members, EditAccess::LoggedIn),
            "no edit without read"
        );
        let filter = read_filter(&person, &[(GroupId(1), m.clone()), (GroupId(2), f.clone())]);
        assert_eq!(filter.members_of, vec![1, 2]);
        assert_eq!(filter.facilitator_of, vec![2]);
    }

    #[test]
    fn the_search_filter_agrees_with_the_read_rule() {
        let helper = Viewer {
            user_id: Some(UserId(4)),
            is_helper: true,
            ..Viewer::default()
        };
        let admin = Viewer {
            user_id: Some(UserId(5)),
            is_admin: true,
            ..Viewer::default()
        };
        let person = Viewer {
            user_id: Some(UserId(3)),
            ..Viewer::default()
        };
        let roles = [
            None,
            Some(Membership::of_member([])),
            Some(Membership::of_member(["facilitator"])),
            Some(Membership::of_member(["leader"])),
            Some(Membership::of_member(["referent", "unknown-role"])),
        ];
        for viewer in [Viewer::anonymous(), person, helper, admin] {
            for membership in &roles {
                let groups: Vec<(GroupId, Membership)> =
                    membership.iter().map(|m| (GroupId(7), m.clone())).collect();
                let filter = read_filter(&viewer, &groups);
                for access in ReadAccess::ALL {
                    assert_eq!(
                        filter.admits(7, access),
                        may_read(&viewer, membership.as_ref(), access),
                        "{viewer:?} {membership:?} {access:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn diffs_are_word_level() {
        let parts = word_diff(
            "Le jardin est ouvert le samedi",
            "Le jardin est fermé le samedi",
        );
        assert!(parts
            .iter()
            .any(|p| p.kind == "removed" && p.text.contains("ouvert")));
        assert!(parts
            .iter()
            .any(|p| p.kind == "added" && p.text.contains("fermé")));
        assert!(parts
            .iter()
            .any(|p| p.kind == "same" && p.text.contains("Le jardin")));
    }
}
