//! The outbox: every email the instance sends, kept in the database.
//!
//! A message is written in the same transaction as the action that causes
//! it, with a `send_email` job; the mail worker sends it and records the
//! outcome here, where administrators can see it.

use essaim_domain::jobs::SendEmail;
use serde::Serialize;

use crate::db::{q, Tx};
use crate::jobs;
use crate::{Result, Store};

/// How many times sending is tried before the failure is permanent.
pub const SEND_ATTEMPTS: i64 = 10;

/// A fully built message ready to queue.
#[derive(Debug, Clone)]
pub struct OutgoingEmail {
    /// Why it is sent (`verify`, `magic_link`, …), for the admin list.
    pub kind: String,
    /// `Message-ID` without angle brackets.
    pub message_id: String,
    /// Envelope sender.
    pub from: String,
    /// Recipient address.
    pub to: String,
    /// Subject.
    pub subject: String,
    /// Plain-text part.
    pub text: String,
    /// HTML part.
    pub html: String,
    /// The whole MIME message.
    pub raw: Vec<u8>,
}

/// Outbox states.
pub mod status {
    /// Waiting for the worker.
    pub const QUEUED: &str = "queued";
    /// Accepted by the SMTP server.
    pub const SENT: &str = "sent";
    /// Refused for good, or too many attempts.
    pub const FAILED: &str = "failed";
    /// No SMTP server is configured: kept here to be read.
    pub const CAPTURED: &str = "captured";
}

/// One line of the outbox list.
#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct OutboxSummary {
    /// Identifier.
    pub id: i64,
    /// Why it was sent.
    pub kind: String,
    /// Recipient.
    pub to_addr: String,
    /// Subject.
    pub subject: String,
    /// State (see [`status`]).
    pub status: String,
    /// Sending attempts.
    pub attempts: i64,
    /// Last error, if any.
    pub last_error: Option<String>,
    /// When it was queued.
    pub created_at: i64,
    /// When the SMTP server accepted it.
    pub sent_at: Option<i64>,
}

/// A whole message.
#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct OutboxMessage {
    /// Identifier.
    pub id: i64,
    /// `Message-ID`.
    pub message_id: String,
    /// Why it was sent.
    pub kind: String,
    /// Envelope sender.
    pub from_addr: String,
    /// Recipient.
    pub to_addr: String,
    /// Subject.
    pub subject: String,
    /// Text part.
    pub text_body: String,
    /// HTML part.
    pub html_body: String,
    /// Raw MIME.
    #[serde(skip)]
    pub raw: Vec<u8>,
    /// State.
    pub status: String,
    /// Attempts.
    pub attempts: i64,
    /// Last error.
    pub last_error: Option<String>,
    /// Queued at.
    pub created_at: i64,
    /// Sent at.
    pub sent_at: Option<i64>,
}

/// Writes a message and its sending job inside `tx`.
pub async fn enqueue(tx: &mut Tx, email: &OutgoingEmail, now: i64) -> Result<i64> {
    #[derive(sqlx::FromRow)]
    struct Id {
        id: i64,
    }
    let row: Id = tx
        .one(
            q("INSERT INTO outbox (message_id, kind, from_addr, to_addr, subject, text_body, html_body, raw, status, created_at) \
               VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id")
                .bind(&email.message_id)
                .bind(&email.kind)
                .bind(&email.from)
                .bind(&email.to)
                .bind(&email.subject)
                .bind(&email.text)
                .bind(&email.html)
                .bind(email.raw.as_slice())
                .bind(status::QUEUED)
                .bind(now),
        )
        .await?;
    jobs::enqueue(tx, &SendEmail { outbox_id: row.id }, now, now).await?;
    Ok(row.id)
}

const SUMMARY_COLUMNS: &str =
    "id, kind, to_addr, subject, status, attempts, last_error, created_at, sent_at";

impl Store {
    /// Queues one email on its own (when no other change goes with it).
    pub async fn queue_email(&self, email: &OutgoingEmail) -> Result<i64> {
        let now = self.now();
        let mut tx = self.db().begin().await?;
        let id = enqueue(&mut tx, email, now).await?;
        tx.commit().await?;
        Ok(id)
    }

    /// The newest messages first, `limit` from `offset`.
    pub async fn outbox_page(&self, limit: i64, offset: i64) -> Result<Vec<OutboxSummary>> {
        self.db()
            .all(
                q(format!(
                    "SELECT {SUMMARY_COLUMNS} FROM outbox ORDER BY id DESC LIMIT $1 OFFSET $2"
                ))
                .bind(limit)
                .bind(offset),
            )
            .await
    }

    /// Messages in a state (e.g. every failure).
    pub async fn outbox_with_status(&self, status: &str) -> Result<Vec<OutboxSummary>> {
        self.db()
            .all(
                q(format!(
                    "SELECT {SUMMARY_COLUMNS} FROM outbox WHERE status = $1 ORDER BY id DESC"
                ))
                .bind(status),
            )
            .await
    }

    /// One whole message.
    pub async fn outbox_message(&self, id: i64) -> Result<Option<OutboxMessage>> {
        self.db()
            .opt(
                q("SELECT id, message_id, kind, from_addr, to_addr, subject, text_body, html_body, raw, status, \
                   attempts, last_error, created_at, sent_at FROM outbox WHERE id = $1")
                .bind(id),
            )
            .await
    }

    /// Records the outcome of one sending attempt.
    pub async fn record_outbox_attempt(
        &self,
        id: i64,
        new_status: &str,
        error: Option<&str>,
    ) -> Result<()> {
        let sent_at = (new_status == status::SENT).then(|| self.now());
        self.db()
            .execute(
                q("UPDATE outbox SET status = $1, attempts = attempts + 1, last_error = $2, sent_at = $3 WHERE id = $4")
                    .bind(new_status)
                    .bind(error)
                    .bind(sent_at)
                    .bind(id),
            )
            .await?;
        Ok(())
    }
}
