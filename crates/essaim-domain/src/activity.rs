//! The activity log: what happened in a group, one event per change.
//!
//! Every change a group lives by writes one event, in the same transaction
//! as the change itself, so the log never says something happened that did
//! not, nor misses what did. The group's timeline, its contributors page,
//! the newsletter's draft and the health indicators all read this one log.
//!
//! Each event says who did it (an account, or a name for a guest or a
//! sender by email), what kind it is ([`EventKind`], documented below: the
//! only list of kinds), which object (its id, title and address, as they
//! were), when, and who may read it ([`Audience`]).

use serde::Serialize;

use crate::groups::Membership;
use crate::permissions::Viewer;
use crate::visibility::Visibility;
use crate::wiki::ReadAccess;

/// What happened. Codes are stored; never rename one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum EventKind {
    /// A topic was opened in the discussions (its first message), on the
    /// site or by email. Object: the topic.
    TopicOpened,
    /// A reply was posted in a topic (site or email), counted when it is
    /// shown (a held message counts when a moderator lets it through).
    /// Object: the topic.
    PostWritten,
    /// A wiki page was created or saved with changes. Object: the page.
    PageSaved,
    /// A wiki page was put back to an earlier version. Object: the page.
    PageRestored,
    /// A file was attached to a wiki page. Object: the page.
    FileAttached,
    /// A meeting was planned (one event per date). Object: the meeting.
    MeetingCreated,
    /// A planned meeting's time has passed without it being cancelled: it
    /// took place. Written by a job when it ends. Object: the meeting.
    MeetingHeld,
    /// A meeting was cancelled. Object: the meeting.
    MeetingCancelled,
    /// A date poll was opened. Object: the poll.
    PollOpened,
    /// A date poll was closed (a date chosen or not). Object: the poll.
    PollClosed,
    /// A meeting's minutes page was started. Object: the minutes page.
    MinutesWritten,
    /// A project was added to the group's projects. Object: the project.
    ProjectCreated,
    /// A project's holder said where it stands (a dated news item).
    /// Object: the project.
    ProjectNews,
    /// A facilitator went through the follow-up board ("seen this week").
    /// Object: none.
    FollowUpReviewed,
    /// A news item was published. Object: the news item.
    NewsPosted,
    /// A newsletter was sent. Object: the newsletter.
    NewsletterSent,
    /// A resource was added to the group's shelf. Object: the resource.
    ResourceAdded,
    /// Someone joined the group. Object: the person.
    MemberJoined,
    /// Someone left the group. Object: the person.
    MemberLeft,
    /// A member's roles changed. Object: the person.
    RolesChanged,
    /// A usage was added to the group's usages board. Object: the usage.
    UsageProposed,
    /// A facilitator opened a sprint on the usages board. Object: the
    /// sprint.
    SprintPlanned,
    /// A sprint's review was recorded (and its wiki page saved, which
    /// writes its own `PageSaved`). Object: the sprint.
    SprintReviewed,
}

impl EventKind {
    /// Every kind, in the order above.
    pub const ALL: [EventKind; 23] = [
        EventKind::TopicOpened,
        EventKind::PostWritten,
        EventKind::PageSaved,
        EventKind::PageRestored,
        EventKind::FileAttached,
        EventKind::MeetingCreated,
        EventKind::MeetingHeld,
        EventKind::MeetingCancelled,
        EventKind::PollOpened,
        EventKind::PollClosed,
        EventKind::MinutesWritten,
        EventKind::ProjectCreated,
        EventKind::ProjectNews,
        EventKind::FollowUpReviewed,
        EventKind::NewsPosted,
        EventKind::NewsletterSent,
        EventKind::ResourceAdded,
        EventKind::MemberJoined,
        EventKind::MemberLeft,
        EventKind::RolesChanged,
        EventKind::UsageProposed,
        EventKind::SprintPlanned,
        EventKind::SprintReviewed,
    ];

    /// The stored code (also the end of its message key:
    /// `activity-topic_opened`).
    pub fn code(self) -> &'static str {
        match self {
            EventKind::TopicOpened => "topic_opened",
            EventKind::PostWritten => "post_written",
            EventKind::PageSaved => "page_saved",
            EventKind::PageRestored => "page_restored",
            EventKind::FileAttached => "file_attached",
            EventKind::MeetingCreated => "meeting_created",
            EventKind::MeetingHeld => "meeting_held",
            EventKind::MeetingCancelled => "meeting_cancelled",
            EventKind::PollOpened => "poll_opened",
            EventKind::PollClosed => "poll_closed",
            EventKind::MinutesWritten => "minutes_written",
            EventKind::ProjectCreated => "project_created",
            EventKind::ProjectNews => "project_news",
            EventKind::FollowUpReviewed => "follow_up_reviewed",
            EventKind::NewsPosted => "news_posted",
            EventKind::NewsletterSent => "newsletter_sent",
            EventKind::ResourceAdded => "resource_added",
            EventKind::MemberJoined => "member_joined",
            EventKind::MemberLeft => "member_left",
            EventKind::RolesChanged => "roles_changed",
            EventKind::UsageProposed => "usage_proposed",
            EventKind::SprintPlanned => "sprint_planned",
            EventKind::SprintReviewed => "sprint_reviewed",
        }
    }

    /// The kind of a stored code.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.code() == code)
    }

    /// The space of the group the event belongs to (the health indicator
    /// it feeds).
    pub fn space(self) -> Space {
        match self {
            EventKind::TopicOpened | EventKind::PostWritten => Space::Discussions,
            EventKind::PageSaved
            | EventKind::PageRestored
            | EventKind::FileAttached
            | EventKind::ResourceAdded => Space::SharedSpace,
            EventKind::MeetingCreated
            | EventKind::MeetingHeld
            | EventKind::MeetingCancelled
            | EventKind::PollOpened
            | EventKind::PollClosed
            | EventKind::MinutesWritten => Space::Meetings,
            EventKind::ProjectCreated
            | EventKind::ProjectNews
            | EventKind::FollowUpReviewed
            | EventKind::UsageProposed
            | EventKind::SprintPlanned
            | EventKind::SprintReviewed => Space::Projects,
            EventKind::NewsPosted | EventKind::NewsletterSent => Space::Information,
            EventKind::MemberJoined | EventKind::MemberLeft | EventKind::RolesChanged => {
                Space::Members
            }
        }
    }
}

/// The part of a group's life an event belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Space {
    /// Topics and messages.
    Discussions,
    /// The wiki and the resources.
    SharedSpace,
    /// Meetings, date polls and minutes.
    Meetings,
    /// Projects and their follow-up.
    Projects,
    /// News and newsletters.
    Information,
    /// Who is in the group.
    Members,
}

/// Who may read an event: the audience of its object when it happened,
/// kept up to date when the object's (or its space's) access changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Audience {
    /// Whoever sees the group.
    #[default]
    Public,
    /// The group's members.
    Members,
    /// The group's facilitators and leaders.
    Facilitators,
}

impl Audience {
    /// Every audience, widest first.
    pub const ALL: [Audience; 3] = [Audience::Public, Audience::Members, Audience::Facilitators];

    /// The stored code.
    pub fn code(self) -> &'static str {
        match self {
            Audience::Public => "public",
            Audience::Members => "members",
            Audience::Facilitators => "facilitators",
        }
    }

    /// The audience of a stored code.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|a| a.code() == code)
    }

    /// Whether only members (or fewer) may read it.
    pub fn members_only(self) -> bool {
        self != Audience::Public
    }

    /// The audience of an object shown with `visibility`.
    pub fn of_visibility(visibility: Visibility) -> Self {
        match visibility {
            Visibility::Public => Audience::Public,
            Visibility::Members => Audience::Members,
        }
    }

    /// The audience of a wiki page read with `access`.
    pub fn of_read_access(access: ReadAccess) -> Self {
        match access {
            ReadAccess::Everyone => Audience::Public,
            ReadAccess::Members => Audience::Members,
            ReadAccess::Facilitators => Audience::Facilitators,
        }
    }

    /// The audiences `viewer` may read in a group (whose page they see),
    /// with their `membership` of it: the same rule as a wiki page's
    /// ([`crate::wiki::may_read`]), where an unlisted group's things are
    /// its members' only.
    pub fn readable_by(
        viewer: &Viewer,
        membership: Option<&Membership>,
        group_listed: bool,
    ) -> Vec<Self> {
        let wiki = |access| {
            crate::wiki::may_read(
                viewer,
                membership,
                crate::wiki::effective_read(access, None, group_listed),
            )
        };
        Self::ALL
            .into_iter()
            .filter(|a| match a {
                Audience::Public => wiki(ReadAccess::Everyone),
                Audience::Members => wiki(ReadAccess::Members),
                Audience::Facilitators => wiki(ReadAccess::Facilitators),
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_and_round_trip() {
        let mut seen = std::collections::HashSet::new();
        for kind in EventKind::ALL {
            assert!(seen.insert(kind.code()), "{kind:?}");
            assert_eq!(EventKind::from_code(kind.code()), Some(kind));
        }
        for audience in Audience::ALL {
            assert_eq!(Audience::from_code(audience.code()), Some(audience));
        }
        assert_eq!(EventKind::from_code("nothing"), None);
    }

    #[test]
    fn readers_see_no_wider_than_their_place() {
        use crate::groups::GroupRole;
        use crate::ids::UserId;
        let person = Viewer {
            user_id: Some(UserId(3)),
            ..Viewer::default()
        };
        let admin = Viewer {
            is_admin: true,
            ..person
        };
        let member = Membership::new([GroupRole::Member]);
        let facilitator = Membership::new([GroupRole::Member, GroupRole::Facilitator]);
        let anonymous = Viewer::anonymous();
        assert_eq!(
            Audience::readable_by(&anonymous, None, true),
            [Audience::Public]
        );
        assert!(Audience::readable_by(&anonymous, None, false).is_empty());
        assert_eq!(
            Audience::readable_by(&person, Some(&member), true),
            [Audience::Public, Audience::Members]
        );
        assert_eq!(
            Audience::readable_by(&person, Some(&member), false).len(),
            2
        );
        assert_eq!(
            Audience::readable_by(&person, Some(&facilitator), true).len(),
            3
        );
        assert_eq!(Audience::readable_by(&admin, None, false).len(), 3);
    }
}
