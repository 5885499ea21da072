//! Who sees what a group publishes (a meeting, a poll, its discussions), as
//! one value.
//!
//! A [`Sight`] says what one viewer sees: it is built once from the viewer
//! and the groups they belong to. The domain evaluates it for one object
//! ([`Sight::admits`]); the store turns the very same value into the SQL
//! condition of a list (`essaim_store::audience`). Tests check that both
//! agree with the per-object rule for every role × group state ×
//! visibility, so a list never shows what a page refuses, nor hides what
//! it shows.

use crate::groups::Membership;
use crate::ids::{GroupId, UserId};
use crate::permissions::Viewer;
use crate::visibility::Visibility;

/// What one viewer sees of what groups publish.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Sight {
    /// Everything (administrators).
    pub everything: bool,
    /// The open things of groups not (yet) in the directory (helpers).
    pub unlisted_groups: bool,
    /// The open things of the groups this account proposed (seen while they
    /// await approval).
    pub proposer: Option<UserId>,
    /// The groups whose members-only things the viewer sees.
    pub member_of: Vec<GroupId>,
}

/// What the rule needs to know of one object and its group.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Target {
    /// The object's group.
    pub group_id: GroupId,
    /// The group is in the directory.
    pub listed: bool,
    /// Who proposed the group.
    pub proposed_by: Option<UserId>,
    /// Whoever sees the group, or its members only.
    pub visibility: Visibility,
}

impl Sight {
    /// The sight of `viewer`, a member of the groups `member_of`.
    pub fn of(viewer: &Viewer, member_of: Vec<GroupId>) -> Self {
        let logged_in = viewer.is_logged_in();
        Self {
            everything: logged_in && viewer.is_admin,
            unlisted_groups: logged_in && (viewer.is_admin || viewer.is_helper),
            proposer: viewer.user_id,
            member_of,
        }
    }

    /// The sight of someone nobody knows (public feeds, embeds, search
    /// without an account).
    pub fn nobody() -> Self {
        Self::default()
    }

    /// The same person's sight limited to their own groups and what anyone
    /// sees (a personal calendar feed holds a person's own groups, not the
    /// whole instance an administrator or helper could open).
    pub fn own_only(self) -> Self {
        Self {
            everything: false,
            unlisted_groups: false,
            ..self
        }
    }

    /// Whether this sight shows `target`.
    pub fn admits(&self, target: &Target) -> bool {
        self.everything
            || self.member_of.contains(&target.group_id)
            || (target.visibility == Visibility::Public
                && (target.listed
                    || self.unlisted_groups
                    || (self.proposer.is_some() && target.proposed_by == self.proposer)))
    }
}

/// The sight of `viewer` for one group, from their membership of it: what
/// the per-object rules (`meetings::may_see`) are written with.
pub fn sight_in(viewer: &Viewer, group_id: GroupId, membership: Option<&Membership>) -> Sight {
    Sight::of(
        viewer,
        membership.map(|_| vec![group_id]).unwrap_or_default(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::groups::{self, GroupRole};
    use crate::ids::{GroupId, UserId};
    use crate::meetings::{self, GroupAccess};

    /// Every kind of viewer: (viewer, member of group 7).
    pub(crate) fn viewers() -> Vec<(Viewer, bool)> {
        let person = |id| Viewer {
            user_id: Some(UserId(id)),
            ..Viewer::default()
        };
        let mut all = vec![(Viewer::anonymous(), false)];
        for member in [false, true] {
            all.push((person(3), member));
            // The group's proposer.
            all.push((person(9), member));
            all.push((
                Viewer {
                    is_helper: true,
                    ..person(4)
                },
                member,
            ));
            all.push((
                Viewer {
                    is_admin: true,
                    ..person(5)
                },
                member,
            ));
        }
        // Flags without an account grant nothing.
        all.push((
            Viewer {
                is_admin: true,
                is_helper: true,
                user_id: None,
            },
            false,
        ));
        all
    }

    #[test]
    fn the_list_filter_agrees_with_the_per_object_rule() {
        for (viewer, member) in viewers() {
            for role in [GroupRole::Member, GroupRole::Facilitator] {
                let membership = member.then(|| groups::Membership::new([GroupRole::Member, role]));
                for listed in [false, true] {
                    for proposed_by in [None, Some(UserId(9)), Some(UserId(3))] {
                        for visibility in Visibility::ALL {
                            let group = GroupAccess {
                                listed,
                                proposed_by,
                                hosted: true,
                            };
                            let rule =
                                meetings::may_see(&viewer, membership.as_ref(), group, visibility);
                            let target = Target {
                                group_id: GroupId(7),
                                listed,
                                proposed_by,
                                visibility,
                            };
                            let sight = sight_in(&viewer, GroupId(7), membership.as_ref());
                            assert_eq!(
                                sight.admits(&target),
                                rule,
                                "{viewer:?} member={member} listed={listed} proposed_by={proposed_by:?} {visibility:?}"
                            );
                            // Belonging to another group changes nothing here.
                            let mut wider = sight.clone();
                            wider.member_of.push(GroupId(8));
                            assert_eq!(wider.admits(&target), rule);
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn nobody_sees_only_open_things_of_listed_groups() {
        let t = |listed, visibility| Target {
            group_id: GroupId(1),
            listed,
            proposed_by: None,
            visibility,
        };
        assert!(Sight::nobody().admits(&t(true, Visibility::Public)));
        assert!(!Sight::nobody().admits(&t(false, Visibility::Public)));
        assert!(!Sight::nobody().admits(&t(true, Visibility::Members)));
    }
}
