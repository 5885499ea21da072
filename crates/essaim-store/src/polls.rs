//! Date polls: the options, who answered what (people with an account, and
//! guests who answer with a name and change their answers from a private
//! link), closing on one option (which creates the meeting in the same
//! transaction) and the reminder to those who have not answered.

use essaim_domain::activity::EventKind;
use essaim_domain::ids::{GroupId, UserId};
use essaim_domain::jobs::{PollClosed, PollReminder};
use essaim_domain::meetings::MeetingDraft;
use essaim_domain::polls::{self as rules, Choice, PollDraft};
use serde::Serialize;

use crate::activity;
use crate::db::q;
use crate::meetings::{insert_meeting, NewMeeting};
use crate::{hash_token, jobs, random_token, Result, Store};

/// Columns of [`Poll`].
const POLL_COLUMNS: &str = "p.id, p.group_id, p.token, p.title, p.description, p.duration_minutes, p.timezone, \
     p.deadline, p.guests_allowed, p.visibility, p.organizer_id, p.status, p.meeting_id, p.reminded_at, \
     p.created_at, p.closed_at, g.slug AS group_slug, g.name AS group_name, g.listed AS group_listed, \
     g.hosted AS group_hosted, g.proposed_by AS group_proposed_by";

/// A date poll.
#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct Poll {
    /// Identifier.
    pub id: i64,
    /// Group.
    pub group_id: GroupId,
    /// The secret part of its link.
    pub token: String,
    /// Title.
    pub title: String,
    /// Description.
    pub description: String,
    /// Length of the meeting it creates, minutes.
    pub duration_minutes: i64,
    /// Time zone.
    pub timezone: String,
    /// Answers close at.
    pub deadline: Option<i64>,
    /// People without an account may answer.
    pub guests_allowed: bool,
    /// `public` or `members`.
    #[sqlx(try_from = "String")]
    pub visibility: essaim_domain::meetings::Visibility,
    /// Organizer.
    pub organizer_id: Option<UserId>,
    /// `open` or `closed`.
    pub status: String,
    /// The meeting it created.
    pub meeting_id: Option<i64>,
    /// When non-answerers were reminded.
    pub reminded_at: Option<i64>,
    /// Created at.
    pub created_at: i64,
    /// Closed at.
    pub closed_at: Option<i64>,
    /// Group's short name.
    pub group_slug: String,
    /// Group's name.
    pub group_name: String,
    /// Group listed.
    pub group_listed: bool,
    /// Group hosted.
    pub group_hosted: bool,
    /// Group's proposer.
    pub group_proposed_by: Option<UserId>,
}

impl Poll {
    /// What the permission rules need of its group.
    pub fn group_access(&self) -> essaim_domain::meetings::GroupAccess {
        essaim_domain::meetings::GroupAccess {
            listed: self.group_listed,
            proposed_by: self.group_proposed_by,
            hosted: self.group_hosted,
        }
    }

    /// Its visibility.
    pub fn visibility(&self) -> essaim_domain::meetings::Visibility {
        self.visibility
    }

    /// Whether answers are still taken at `now`.
    pub fn is_open(&self, now: i64) -> bool {
        self.status == "open" && self.deadline.is_none_or(|d| d > now)
    }

    /// Its path.
    pub fn path(&self) -> String {
        format!("/p/{}", self.token)
    }
}

/// One option of a poll.
#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct PollOptionRow {
    /// Identifier.
    pub id: i64,
    /// Order.
    pub position: i64,
    /// Start, for a date option.
    pub starts_at: Option<i64>,
    /// Label, for a free option.
    pub label: Option<String>,
}

/// Someone who answered.
#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct Participant {
    /// Identifier.
    pub id: i64,
    /// Account, or none for a guest.
    pub user_id: Option<UserId>,
    /// Name shown.
    pub name: String,
    /// Comment.
    pub comment: String,
    /// A guest's address, to be told the date chosen (never shown).
    #[serde(skip_serializing)]
    pub email: Option<String>,
}

/// A guest who left an address, to be told the date chosen.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct GuestContact {
    /// Name given.
    pub name: String,
    /// Address given.
    pub email: String,
    /// Language they read the poll in.
    pub lang: Option<String>,
}

/// One answer to one option.
#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct AnswerRow {
    /// Participant.
    pub participant_id: i64,
    /// Option.
    pub option_id: i64,
    /// `yes`, `if_need_be`, `no`.
    pub choice: String,
}

/// Who answers.
#[derive(Debug, Clone)]
pub enum Respondent {
    /// Someone logged in.
    User {
        /// Account.
        id: UserId,
        /// Their name.
        name: String,
    },
    /// A guest: a new one, or one coming back with their private key.
    Guest {
        /// Name typed.
        name: String,
        /// Address left to be told the date chosen (checked), if any.
        email: Option<String>,
        /// Language of the page they answered on.
        lang: String,
        /// The private key of earlier answers.
        key: Option<String>,
    },
}

/// What saving answers gave.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Saved {
    /// Saved; a new guest gets their private key.
    Saved {
        /// A new guest's private key (shown once).
        new_key: Option<String>,
    },
    /// The poll no longer takes answers.
    Closed,
    /// A guest key that is not (or no longer) valid.
    UnknownKey,
}

impl Store {
    /// Creates a poll and queues the reminder; returns (id, link token).
    pub async fn create_poll(
        &self,
        group_id: GroupId,
        organizer_id: UserId,
        d: &PollDraft,
    ) -> Result<(i64, String)> {
        #[derive(sqlx::FromRow)]
        struct Id {
            id: i64,
        }
        let now = self.now();
        let token = random_token(12);
        let mut tx = self.db().begin().await?;
        let poll: Id = tx
            .one(
                q("INSERT INTO polls (group_id, token, title, description, duration_minutes, timezone, deadline, \
                   guests_allowed, visibility, organizer_id, created_at) \
                   VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id")
                .bind(group_id)
                .bind(&token)
                .bind(&d.title)
                .bind(&d.description)
                .bind(d.duration_minutes)
                .bind(&d.timezone)
                .bind(d.deadline)
                .bind(d.guests_allowed)
                .bind(d.visibility.code())
                .bind(organizer_id)
                .bind(now),
            )
            .await?;
        for (i, o) in d.options.iter().enumerate() {
            tx.execute(
                q("INSERT INTO poll_options (poll_id, position, starts_at, label) VALUES ($1, $2, $3, $4)")
                    .bind(poll.id)
                    .bind(i as i64)
                    .bind(o.starts_at)
                    .bind(o.label.clone()),
            )
            .await?;
        }
        if let Some(deadline) = d.deadline {
            jobs::enqueue(
                &mut tx,
                &PollReminder { poll_id: poll.id },
                rules::poll_reminder_time(now, deadline),
                now,
            )
            .await?;
        }
        activity::poll_event(
            &mut tx,
            poll.id,
            EventKind::PollOpened,
            Some(organizer_id),
            now,
        )
        .await?;
        tx.commit().await?;
        Ok((poll.id, token))
    }

    /// A poll by its link token.
    pub async fn poll_by_token(&self, token: &str) -> Result<Option<Poll>> {
        self.db()
            .opt(
                q(format!("SELECT {POLL_COLUMNS} FROM polls p JOIN groups g ON g.id = p.group_id WHERE p.token = $1"))
                    .bind(token),
            )
            .await
    }

    /// A poll by id.
    pub async fn poll(&self, id: i64) -> Result<Option<Poll>> {
        self.db()
            .opt(q(format!("SELECT {POLL_COLUMNS} FROM polls p JOIN groups g ON g.id = p.group_id WHERE p.id = $1")).bind(id))
            .await
    }

    /// A group's polls, open ones first then the newest.
    pub async fn polls_of_group(&self, group_id: GroupId, open_only: bool) -> Result<Vec<Poll>> {
        let status = if open_only {
            " AND p.status = 'open'"
        } else {
            ""
        };
        self.db()
            .all(
                q(format!(
                    "SELECT {POLL_COLUMNS} FROM polls p JOIN groups g ON g.id = p.group_id WHERE p.group_id = $1{status} \
                     ORDER BY CASE p.status WHEN 'open' THEN 0 ELSE 1 END, p.created_at DESC LIMIT 50"
                ))
                .bind(group_id),
            )
            .await
    }

    /// A poll's options in order.
    pub async fn poll_options(&self, poll_id: i64) -> Result<Vec<PollOptionRow>> {
        self.db()
            .all(
                q("SELECT id, position, starts_at, label FROM poll_options WHERE poll_id = $1 ORDER BY position")
                    .bind(poll_id),
            )
            .await
    }

    /// Who answered, in the order they came, and every answer.
    pub async fn poll_answers(&self, poll_id: i64) -> Result<(Vec<Participant>, Vec<AnswerRow>)> {
        let people: Vec<Participant> = self
            .db()
            .all(
                q("SELECT id, user_id, name, comment, email FROM poll_participants WHERE poll_id = $1 ORDER BY created_at, id")
                    .bind(poll_id),
            )
            .await?;
        let answers: Vec<AnswerRow> = self
            .db()
            .all(
                q(
                    "SELECT a.participant_id, a.option_id, a.choice FROM poll_answers a \
                   JOIN poll_participants p ON p.id = a.participant_id WHERE p.poll_id = $1",
                )
                .bind(poll_id),
            )
            .await?;
        Ok((people, answers))
    }

    /// The guests of a poll who left an address.
    pub async fn poll_guests_to_tell(&self, poll_id: i64) -> Result<Vec<GuestContact>> {
        self.db()
            .all(
                q("SELECT name, email, lang FROM poll_participants \
                   WHERE poll_id = $1 AND user_id IS NULL AND email IS NOT NULL ORDER BY id")
                .bind(poll_id),
            )
            .await
    }

    /// The participant a guest's private key belongs to, in this poll.
    pub async fn guest_by_key(&self, poll_id: i64, key: &str) -> Result<Option<Participant>> {
        self.db()
            .opt(
                q("SELECT id, user_id, name, comment, email FROM poll_participants WHERE poll_id = $1 AND edit_key_hash = $2")
                    .bind(poll_id)
                    .bind(hash_token(key)),
            )
            .await
    }

    /// Saves someone's answers (all options at once) and comment, if the
    /// poll still takes answers: checked in the same transaction, so an
    /// answer racing the closing is refused.
    pub async fn save_poll_answers(
        &self,
        poll_id: i64,
        who: &Respondent,
        comment: &str,
        answers: &[(i64, Choice)],
    ) -> Result<Saved> {
        #[derive(sqlx::FromRow)]
        struct Id {
            id: i64,
        }
        let now = self.now();
        let mut tx = self.db().begin().await?;
        let open: Option<Id> = tx
            .opt(
                q("SELECT id FROM polls WHERE id = $1 AND status = 'open' AND (deadline IS NULL OR deadline > $2)")
                    .bind(poll_id)
                    .bind(now),
            )
            .await?;
        if open.is_none() {
            return Ok(Saved::Closed);
        }
        let mut new_key = None;
        let participant: i64 = match who {
            Respondent::User { id, name } => {
                let row: Id = tx
                    .one(
                        q("INSERT INTO poll_participants (poll_id, user_id, name, comment, created_at, updated_at) \
                           VALUES ($1, $2, $3, $4, $5, $5) ON CONFLICT (poll_id, user_id) \
                           DO UPDATE SET name = excluded.name, comment = excluded.comment, updated_at = excluded.updated_at \
                           RETURNING id")
                        .bind(poll_id)
                        .bind(*id)
                        .bind(name)
                        .bind(comment)
                        .bind(now),
                    )
                    .await?;
                row.id
            }
            Respondent::Guest {
                name,
                email,
                lang,
                key: Some(key),
            } => {
                let row: Option<Id> = tx
                    .opt(
                        q("UPDATE poll_participants SET name = $1, comment = $2, updated_at = $3, email = $4, lang = $5 \
                           WHERE poll_id = $6 AND edit_key_hash = $7 AND user_id IS NULL RETURNING id")
                        .bind(name)
                        .bind(comment)
                        .bind(now)
                        .bind(email.clone())
                        .bind(lang)
                        .bind(poll_id)
                        .bind(hash_token(key)),
                    )
                    .await?;
                match row {
                    Some(r) => r.id,
                    None => return Ok(Saved::UnknownKey),
                }
            }
            Respondent::Guest {
                name,
                email,
                lang,
                key: None,
            } => {
                let key = random_token(16);
                let row: Id = tx
                    .one(
                        q("INSERT INTO poll_participants (poll_id, name, comment, edit_key_hash, email, lang, created_at, updated_at) \
                           VALUES ($1, $2, $3, $4, $5, $6, $7, $7) RETURNING id")
                        .bind(poll_id)
                        .bind(name)
                        .bind(comment)
                        .bind(hash_token(&key))
                        .bind(email.clone())
                        .bind(lang)
                        .bind(now),
                    )
                    .await?;
                new_key = Some(key);
                row.id
            }
        };
        tx.execute(q("DELETE FROM poll_answers WHERE participant_id = $1").bind(participant))
            .await?;
        for (option, choice) in answers {
            // Only this poll's options are taken.
            tx.execute(
                q(
                    "INSERT INTO poll_answers (participant_id, option_id, choice) \
                   SELECT $1, id, $2 FROM poll_options WHERE id = $3 AND poll_id = $4",
                )
                .bind(participant)
                .bind(choice.code())
                .bind(*option)
                .bind(poll_id),
            )
            .await?;
        }
        tx.commit().await?;
        Ok(Saved::Saved { new_key })
    }

    /// Closes a poll on one option and creates its meeting (with its
    /// invitation) in the same transaction; `None` when the poll was
    /// already closed.
    pub async fn close_poll(
        &self,
        poll_id: i64,
        organizer_id: UserId,
        draft: &MeetingDraft,
    ) -> Result<Option<i64>> {
        #[derive(sqlx::FromRow)]
        struct G {
            group_id: GroupId,
        }
        let now = self.now();
        let mut tx = self.db().begin().await?;
        let Some(g): Option<G> = tx
            .opt(
                q("UPDATE polls SET status = 'closed', closed_at = $1 WHERE id = $2 AND status = 'open' RETURNING group_id")
                    .bind(now)
                    .bind(poll_id),
            )
            .await?
        else {
            return Ok(None);
        };
        let meeting_id = insert_meeting(
            &mut tx,
            &NewMeeting {
                group_id: g.group_id,
                organizer_id: Some(organizer_id),
                draft,
                series_id: None,
            },
            now,
        )
        .await?;
        tx.execute(
            q("UPDATE polls SET meeting_id = $1 WHERE id = $2")
                .bind(meeting_id)
                .bind(poll_id),
        )
        .await?;
        jobs::enqueue(&mut tx, &PollClosed { poll_id }, now, now).await?;
        activity::poll_event(
            &mut tx,
            poll_id,
            EventKind::PollClosed,
            Some(organizer_id),
            now,
        )
        .await?;
        tx.commit().await?;
        Ok(Some(meeting_id))
    }

    /// Records the reminder; false when it was already sent (it goes once).
    pub async fn mark_poll_reminded(&self, poll_id: i64) -> Result<bool> {
        Ok(self
            .db()
            .execute(
                q("UPDATE polls SET reminded_at = $1 WHERE id = $2 AND reminded_at IS NULL AND status = 'open'")
                    .bind(self.now())
                    .bind(poll_id),
            )
            .await?
            > 0)
    }

    /// The group's members (wanting email) who have not answered a poll.
    pub async fn poll_silent_members(&self, poll: &Poll) -> Result<Vec<crate::accounts::User>> {
        self.db()
            .all(
                q("SELECT u.id, u.email, u.name, u.password_hash, u.email_verified_at, u.is_admin, u.is_helper, \
                   u.lang, u.email_frequency, u.email_newsletter, u.created_at FROM users u \
                   JOIN memberships ms ON ms.user_id = u.id \
                   WHERE ms.group_id = $1 AND u.email_frequency <> 'never' \
                   AND u.id NOT IN (SELECT user_id FROM poll_participants WHERE poll_id = $2 AND user_id IS NOT NULL) \
                   ORDER BY u.id")
                .bind(poll.group_id)
                .bind(poll.id),
            )
            .await
    }

    /// The accounts that answered a poll.
    pub async fn poll_respondents(&self, poll_id: i64) -> Result<Vec<crate::accounts::User>> {
        self.db()
            .all(
                q("SELECT u.id, u.email, u.name, u.password_hash, u.email_verified_at, u.is_admin, u.is_helper, \
                   u.lang, u.email_frequency, u.email_newsletter, u.created_at FROM users u \
                   JOIN poll_participants p ON p.user_id = u.id WHERE p.poll_id = $1 ORDER BY u.id")
                .bind(poll_id),
            )
            .await
    }
}
