//! The job queue, stored in the database: email fan-out, digests, reminders.
//!
//! A worker claims due jobs with a lease (`locked_until`). If the process
//! dies mid-job, the lease runs out and another worker (or the same one after
//! a restart) claims the job again: nothing is lost. On PostgreSQL the claim
//! uses `FOR UPDATE SKIP LOCKED` so several nodes never take the same job; on
//! SQLite the single `UPDATE … RETURNING` statement is atomic (one writer).

use serde::Serialize;

use crate::db::{q, Backend, Tx};
use crate::{Result, Store};

/// A job handed to a worker.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Job {
    /// Identifier.
    pub id: i64,
    /// What to do (`send_email`, …).
    pub kind: String,
    /// JSON arguments.
    pub payload: String,
    /// How many times it has been claimed, this time included.
    pub attempts: i64,
    /// After this many attempts a failing job stops being retried.
    pub max_attempts: i64,
}

/// A job as listed for administrators.
#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct JobSummary {
    /// Identifier.
    pub id: i64,
    /// Kind.
    pub kind: String,
    /// `pending`, `done` or `failed`.
    pub status: String,
    /// Attempts so far.
    pub attempts: i64,
    /// Last error, if any.
    pub last_error: Option<String>,
    /// When it is (or was) due.
    pub run_at: i64,
}

/// Queues a job inside `tx`, so it exists if and only if the action that
/// caused it is committed.
pub async fn enqueue(
    tx: &mut Tx,
    kind: &str,
    payload: &serde_json::Value,
    run_at: i64,
    max_attempts: i64,
    now: i64,
) -> Result<i64> {
    #[derive(sqlx::FromRow)]
    struct Id {
        id: i64,
    }
    let row: Id = tx
        .one(
            q("INSERT INTO jobs (kind, payload, run_at, max_attempts, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING id")
                .bind(kind)
                .bind(payload.to_string())
                .bind(run_at)
                .bind(max_attempts)
                .bind(now),
        )
        .await?;
    Ok(row.id)
}

impl Store {
    /// Claims up to `limit` due jobs for `worker`, leasing them for
    /// `lease_seconds`.
    pub async fn claim_jobs(
        &self,
        worker: &str,
        limit: i64,
        lease_seconds: i64,
    ) -> Result<Vec<Job>> {
        let now = self.now();
        let pick = match self.backend() {
            Backend::Postgres => "FOR UPDATE SKIP LOCKED",
            Backend::Sqlite => "",
        };
        let sql = format!(
            "UPDATE jobs SET locked_until = $1, locked_by = $2, attempts = attempts + 1 \
             WHERE id IN (SELECT id FROM jobs WHERE status = 'pending' AND run_at <= $3 \
                          AND (locked_until IS NULL OR locked_until <= $3) \
                          ORDER BY run_at, id LIMIT $4 {pick}) \
             RETURNING id, kind, payload, attempts, max_attempts"
        );
        self.db()
            .all(
                q(sql)
                    .bind(now + lease_seconds)
                    .bind(worker)
                    .bind(now)
                    .bind(limit),
            )
            .await
    }

    /// Marks a job done.
    pub async fn complete_job(&self, id: i64) -> Result<()> {
        self.db()
            .execute(
                q("UPDATE jobs SET status = 'done', finished_at = $1, locked_until = NULL, last_error = NULL WHERE id = $2")
                    .bind(self.now())
                    .bind(id),
            )
            .await?;
        Ok(())
    }

    /// Puts a job back in the queue to run again at `run_at`.
    pub async fn retry_job(&self, id: i64, error: &str, run_at: i64) -> Result<()> {
        self.db()
            .execute(
                q("UPDATE jobs SET run_at = $1, last_error = $2, locked_until = NULL WHERE id = $3")
                    .bind(run_at)
                    .bind(error)
                    .bind(id),
            )
            .await?;
        Ok(())
    }

    /// Gives up on a job for good.
    pub async fn fail_job(&self, id: i64, error: &str) -> Result<()> {
        self.db()
            .execute(
                q("UPDATE jobs SET status = 'failed', last_error = $1, finished_at = $2, locked_until = NULL WHERE id = $3")
                    .bind(error)
                    .bind(self.now())
                    .bind(id),
            )
            .await?;
        Ok(())
    }

    /// Jobs waiting to run (due or not).
    pub async fn pending_jobs(&self) -> Result<Vec<JobSummary>> {
        self.db()
            .all(q(
                "SELECT id, kind, status, attempts, last_error, run_at FROM jobs WHERE status = 'pending' ORDER BY run_at, id",
            ))
            .await
    }

    /// The earliest time a pending job is due, if any.
    pub async fn next_job_due(&self) -> Result<Option<i64>> {
        #[derive(sqlx::FromRow)]
        struct Due {
            due: Option<i64>,
        }
        let row: Due = self
            .db()
            .one(q(
                "SELECT MIN(run_at) AS due FROM jobs WHERE status = 'pending'",
            ))
            .await?;
        Ok(row.due)
    }
}

impl Store {
    /// Forgets finished jobs (done or failed) older than `age` seconds.
    pub async fn purge_finished_jobs(&self, age: i64) -> Result<u64> {
        self.db()
            .execute(
                q("DELETE FROM jobs WHERE status <> 'pending' AND finished_at < $1")
                    .bind(self.now() - age),
            )
            .await
    }
}

impl Store {
    /// Queues a job of `kind` due at `run_at` unless one is already pending
    /// (recurring jobs schedule their next run this way).
    pub async fn ensure_job(&self, kind: &str, run_at: i64) -> Result<()> {
        #[derive(sqlx::FromRow)]
        struct N {
            n: i64,
        }
        let now = self.now();
        let mut tx = self.db().begin().await?;
        let pending: N = tx
            .one(
                q("SELECT COUNT(*) AS n FROM jobs WHERE kind = $1 AND status = 'pending'")
                    .bind(kind),
            )
            .await?;
        if pending.n == 0 {
            enqueue(&mut tx, kind, &serde_json::json!({}), run_at, 3, now).await?;
        }
        tx.commit().await
    }
}

impl Store {
    /// Queues a job on its own (a recurring job scheduling its next run).
    pub async fn queue_job(
        &self,
        kind: &str,
        payload: &serde_json::Value,
        run_at: i64,
    ) -> Result<i64> {
        let now = self.now();
        let mut tx = self.db().begin().await?;
        let id = enqueue(&mut tx, kind, payload, run_at, 3, now).await?;
        tx.commit().await?;
        Ok(id)
    }
}
