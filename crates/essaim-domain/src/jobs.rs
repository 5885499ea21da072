//! The kinds of background job, each a typed payload with its name.
//!
//! The code that queues a job and the handler that runs it share the one
//! struct: a renamed field does not compile on one side only, and a stored
//! payload that does not decode is a failed job (shown to administrators),
//! never a silent "done".

use crate::ids::{GroupId, UserId};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

/// A kind of job: its payload is the struct itself.
pub trait JobKind: Serialize + DeserializeOwned + Send + Sync + 'static {
    /// The stored name of the kind.
    const NAME: &'static str;
    /// How many attempts before it fails for good.
    const MAX_ATTEMPTS: i64 = 5;
}

macro_rules! job_kinds {
    ($(
        $(#[$doc:meta])*
        $name:ident = $code:literal, attempts $attempts:literal { $($(#[$fdoc:meta])* $field:ident : $ty:ty),* $(,)? }
    )*) => {$(
        $(#[$doc])*
        #[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
        #[serde(deny_unknown_fields)]
        pub struct $name { $($(#[$fdoc])* pub $field: $ty),* }

        impl JobKind for $name {
            const NAME: &'static str = $code;
            const MAX_ATTEMPTS: i64 = $attempts;
        }
    )*};
}

job_kinds! {
    /// Sends one message of the outbox.
    SendEmail = "send_email", attempts 10 {
        /// The outbox message.
        outbox_id: i64,
    }
    /// Tells the "immediate" watchers of a page about one of its revisions.
    PageChanged = "page_changed", attempts 5 {
        /// The page.
        page_id: i64,
        /// The revision saved.
        revision: i64,
    }
    /// Sends a new post to the group's list, and tells those mentioned or
    /// following the topic.
    DiscussionPost = "discussion_post", attempts 5 {
        /// The post.
        post_id: i64,
        /// People to notify, each with the reason's code.
        notify: Vec<(UserId, String)>,
    }
    /// Sends a file added on the site to a post the list has already
    /// received, to the members on "every message".
    DiscussionFile = "discussion_file", attempts 5 {
        /// The file.
        file_id: i64,
    }
    /// Tells a group's facilitators that someone asks to join.
    JoinRequested = "join_requested", attempts 5 {
        /// The group.
        group_id: GroupId,
        /// The request.
        request_id: i64,
    }
    /// Sends a meeting's invitation (or its change) with its `.ics`.
    MeetingInvite = "meeting_invite", attempts 5 {
        /// The meeting.
        meeting_id: i64,
        /// The version of the meeting the invitation is for.
        sequence: i64,
    }
    /// Tells those invited that a meeting is cancelled.
    MeetingCancelled = "meeting_cancelled", attempts 5 {
        /// The meeting.
        meeting_id: i64,
        /// The version of the meeting cancelled.
        sequence: i64,
    }
    /// Reminds those coming, the day before.
    MeetingReminder = "meeting_reminder", attempts 5 {
        /// The meeting.
        meeting_id: i64,
        /// The version of the meeting the reminder is for.
        sequence: i64,
    }
    /// Asks the organizer, once, for the minutes.
    MinutesAsk = "meeting_minutes_ask", attempts 5 {
        /// The meeting.
        meeting_id: i64,
        /// The version of the meeting.
        sequence: i64,
    }
    /// Extends series and keeps regular groups alive (every few minutes).
    MeetingsTick = "meetings_tick", attempts 3 {}
    /// Reminds those who have not answered a poll before its deadline.
    PollReminder = "poll_reminder", attempts 5 {
        /// The poll.
        poll_id: i64,
    }
    /// Tells those who answered a poll what it chose.
    PollClosed = "poll_closed", attempts 5 {
        /// The poll.
        poll_id: i64,
    }
    /// The daily summary of watched pages.
    WatchDigest = "watch_digest", attempts 3 {
        /// Where the summary starts (the end of the previous one).
        #[serde(default)]
        since: Option<i64>,
    }
    /// The daily summary of a group's list.
    DailyDigest = "discussion_daily", attempts 3 {
        /// Where the summary starts.
        #[serde(default)]
        since: Option<i64>,
    }
    /// The weekly summary of a group's list.
    WeeklyDigest = "discussion_weekly", attempts 3 {
        /// Where the summary starts.
        #[serde(default)]
        since: Option<i64>,
    }
    /// The daily summary of notifications.
    NotifyDaily = "notification_daily", attempts 3 {
        /// Where the summary starts.
        #[serde(default)]
        since: Option<i64>,
    }
    /// The weekly summary of notifications.
    NotifyWeekly = "notification_weekly", attempts 3 {
        /// Where the summary starts.
        #[serde(default)]
        since: Option<i64>,
    }
    /// Sends a project's news to those who offered to help.
    ProjectNewsPosted = "project_news_posted", attempts 5 {
        /// The news item.
        news_id: i64,
    }
    /// Sends a news item to the group's members and, when anyone may read
    /// it, to its confirmed news-only subscribers.
    NewsPublished = "news_published", attempts 5 {
        /// The news item.
        news_id: i64,
    }
    /// Sends one batch of a newsletter, then queues the next one until
    /// everyone has it (each batch's deliveries are written with its
    /// emails: a crash resumes where it stopped, nobody gets it twice).
    NewsletterSend = "newsletter_send", attempts 10 {
        /// The newsletter.
        newsletter_id: i64,
    }
    /// Prepares the groups' newsletter drafts that are due (every hour).
    NewsletterTick = "newsletter_tick", attempts 3 {}
}

/// A recurring summary's payload: where it starts.
pub trait Summary: JobKind {
    /// The payload of a run that starts at `since`.
    fn starting(since: i64) -> Self;
    /// Where this run starts, when the previous one said.
    fn since(&self) -> Option<i64>;
}

macro_rules! summaries {
    ($($name:ident),*) => {$(
        impl Summary for $name {
            fn starting(since: i64) -> Self {
                Self { since: Some(since) }
            }
            fn since(&self) -> Option<i64> {
                self.since
            }
        }
    )*};
}

summaries!(
    WatchDigest,
    DailyDigest,
    WeeklyDigest,
    NotifyDaily,
    NotifyWeekly
);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ids::UserId;

    #[test]
    fn payloads_already_queued_still_decode_and_wrong_ones_do_not() {
        let post: DiscussionPost =
            serde_json::from_str(r#"{"post_id":3,"notify":[[4,"mention"]]}"#).unwrap();
        assert_eq!(post.notify, vec![(UserId(4), "mention".to_string())]);
        let digest: DailyDigest = serde_json::from_str("{}").unwrap();
        assert_eq!(digest.since, None);
        let tick: MeetingsTick = serde_json::from_str("{}").unwrap();
        assert_eq!(tick, MeetingsTick {});
        assert!(serde_json::from_str::<PageChanged>(r#"{"page":3,"revision":1}"#).is_err());
        assert!(serde_json::from_str::<SendEmail>(r#"{"outbox_id":"3"}"#).is_err());
        assert!(serde_json::from_str::<SendEmail>("").is_err());
    }
}
