//! The one place that says who may do what.
//!
//! Handlers, feeds, search, email and embeds all ask here; none re-derives a
//! rule on its own.

use crate::ids::UserId;

/// Who is asking: nobody, or an account with its instance-wide roles.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Viewer {
    /// The account, when someone is logged in (or uses a token).
    pub user_id: Option<UserId>,
    /// An instance administrator.
    pub is_admin: bool,
    /// A helper (helps facilitators across the network).
    pub is_helper: bool,
}

impl Viewer {
    /// Nobody logged in.
    pub fn anonymous() -> Self {
        Self::default()
    }

    /// Someone whose account is about to be made for an address they
    /// proved (a signed link): logged in, holding no role, proposer of
    /// nothing (no account has id 0).
    pub fn newcomer() -> Self {
        Self {
            user_id: Some(UserId(0)),
            ..Self::default()
        }
    }

    /// Whether someone is logged in.
    pub fn is_logged_in(&self) -> bool {
        self.user_id.is_some()
    }
}

/// Administration pages (outbox, instance settings): administrators only.
pub fn may_administer(viewer: &Viewer) -> bool {
    viewer.is_logged_in() && viewer.is_admin
}

/// A person's own account page: the person themselves.
pub fn may_edit_account(viewer: &Viewer, account_id: UserId) -> bool {
    viewer.user_id == Some(account_id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ids::UserId;

    #[test]
    fn only_admins_administer() {
        assert!(!may_administer(&Viewer::anonymous()));
        let member = Viewer {
            user_id: Some(UserId(3)),
            ..Viewer::default()
        };
        assert!(!may_administer(&member));
        // An admin flag without a logged-in account grants nothing.
        assert!(!may_administer(&Viewer {
            is_admin: true,
            ..Viewer::default()
        }));
        assert!(may_administer(&Viewer {
            user_id: Some(UserId(1)),
            is_admin: true,
            is_helper: false
        }));
        assert!(may_edit_account(&member, UserId(3)));
        assert!(!may_edit_account(&member, UserId(4)));
    }
}
