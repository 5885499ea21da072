//! The job queue, stored in the database: email fan-out, digests, reminders.
//!
//! A worker claims due jobs with a lease (`locked_until`). If the process
//! dies mid-job, the lease runs out and another worker (or the same one after
//! a restart) claims the job again: nothing is lost. On PostgreSQL the claim
//! uses `FOR UPDATE SKIP LOCKED` so several nodes never take the same job; on
//! SQLite the single `UPDATE … RETURNING` statement is atomic (one writer).

use essaim_domain::jobs::JobKind;
use serde::Serialize;

use crate::db::{q, Backend, Tx};
use crate::{Result, Store, StoreError};

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
pub async fn enqueue<J: JobKind>(tx: &mut Tx, job: &J, run_at: i64, now: i64) -> Result<i64> {
    #[derive(sqlx::FromRow)]
    struct Id {
        id: i64,
    }
    let payload =
        serde_json::to_string(job).map_err(|e| StoreError::Corrupt(format!("{}: {e}", J::NAME)))?;
    let row: Id = tx
        .one(
            q("INSERT INTO jobs (kind, payload, run_at, max_attempts, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING id")
                .bind(J::NAME)
                .bind(payload)
                .bind(run_at)
                .bind(J::MAX_ATTEMPTS)
                .bind(now),
        )
        .await?;
    Ok(row.id)
}

impl Job {
    /// The payload read as `J`; one that does not decode (written by
    /// another version, or damaged) is an error, never a default.
    pub fn payload<J: JobKind>(&self) -> std::result::Result<J, String> {
        serde_json::from_str(&self.payload)
            .map_err(|e| format!("the payload of a {} job does not decode: {e}", J::NAME))
    }
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

    /// The jobs that failed for good, newest first (shown to
    /// administrators with their error).
    pub async fn failed_jobs(&self, limit: i64) -> Result<Vec<JobSummary>> {
        self.db()
            .all(
                q("SELECT id, kind, status, attempts, last_error, run_at FROM jobs WHERE status = 'failed' \
                   ORDER BY id DESC LIMIT $1")
                .bind(limit),
            )
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
    pub async fn ensure_job<J: JobKind + Default>(&self, run_at: i64) -> Result<()> {
        #[derive(sqlx::FromRow)]
        struct N {
            n: i64,
        }
        let now = self.now();
        let mut tx = self.db().begin().await?;
        let pending: N = tx
            .one(
                q("SELECT COUNT(*) AS n FROM jobs WHERE kind = $1 AND status = 'pending'")
                    .bind(J::NAME),
            )
            .await?;
        if pending.n == 0 {
            enqueue(&mut tx, &J::default(), run_at, now).await?;
        }
        tx.commit().await
    }
}

impl Store {
    /// Queues a job on its own (a recurring job scheduling its next run).
    pub async fn queue_job<J: JobKind>(&self, job: &J, run_at: i64) -> Result<i64> {
        let now = self.now();
        let mut tx = self.db().begin().await?;
        let id = enqueue(&mut tx, job, run_at, now).await?;
        tx.commit().await?;
        Ok(id)
    }
}
