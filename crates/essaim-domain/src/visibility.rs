//! Who sees what a group publishes: its discussions, a meeting, a poll.

use serde::{Deserialize, Serialize};

use crate::wiki::ReadAccess;

/// Whoever sees the group, or its members only.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Visibility {
    /// Whoever sees the group (for discussions, a public archive: anyone
    /// reads, members write).
    #[default]
    Public,
    /// The group's members only.
    Members,
}

impl Visibility {
    /// Every choice, most open first.
    pub const ALL: [Visibility; 2] = [Visibility::Public, Visibility::Members];

    /// The stored code.
    pub fn code(self) -> &'static str {
        match self {
            Visibility::Public => "public",
            Visibility::Members => "members",
        }
    }

    /// Parses a stored code.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|v| v.code() == code)
    }

    /// The search index's access code of what a group publishes with this
    /// visibility (discussions, a meeting): anyone's only in a listed group.
    pub fn index_access(self, group_listed: bool) -> ReadAccess {
        if self == Visibility::Public && group_listed {
            ReadAccess::Everyone
        } else {
            ReadAccess::Members
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip() {
        for v in Visibility::ALL {
            assert_eq!(Visibility::from_code(v.code()), Some(v));
        }
        assert_eq!(Visibility::from_code("secret"), None);
        assert_eq!(Visibility::Public.index_access(true), ReadAccess::Everyone);
        assert_eq!(Visibility::Public.index_access(false), ReadAccess::Members);
        assert_eq!(Visibility::Members.index_access(true), ReadAccess::Members);
    }
}
