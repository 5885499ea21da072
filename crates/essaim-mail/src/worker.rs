//! The job worker: claims due jobs from the database queue and runs them.

use std::collections::HashMap;
use std::future::Future;
use std::marker::PhantomData;
use std::pin::Pin;
use std::sync::Arc;
use std::time::Duration;

use essaim_domain::jobs::{JobKind, SendEmail};
use essaim_store::outbox::status;
use essaim_store::{jobs::Job, Store};
use tokio::sync::Notify;

use crate::sender::{SendError, SmtpSender};

/// Seconds between two housekeeping passes.
const HOUSEKEEPING_EVERY: i64 = 600;

/// Seconds a claimed job stays reserved to its worker.
pub const DEFAULT_LEASE: i64 = 300;

/// Runs queued jobs. Any number of workers, on any nodes, may run at once.
#[derive(Debug, Clone)]
pub struct Worker {
    store: Store,
    smtp: Option<SmtpSender>,
    id: String,
    lease: i64,
    wake: Arc<Notify>,
    handlers: Arc<HashMap<&'static str, Arc<dyn AnyHandler>>>,
}

impl std::fmt::Debug for dyn AnyHandler {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("JobHandler")
    }
}

/// What happened to one job.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Finished.
    Done,
    /// Failed for now: try again later (with backoff).
    Retry(String),
    /// Failed for good.
    Fail(String),
}

/// The future a [`JobHandler`] returns.
pub type JobFuture<'a> =
    Pin<Box<dyn Future<Output = Result<Outcome, essaim_store::StoreError>> + Send + 'a>>;

/// Runs one kind of job `J` with its decoded payload. Features register
/// theirs (the web layer's jobs render emails from its templates), so one
/// queue and one worker serve all.
pub trait JobHandler<J: JobKind>: Send + Sync + 'static {
    /// Runs `job`, whose payload is `payload`.
    fn run<'a>(&'a self, job: &'a Job, payload: J) -> JobFuture<'a>;
}

/// A handler of any kind: decodes the payload, then runs the typed handler.
trait AnyHandler: Send + Sync {
    fn run<'a>(&'a self, job: &'a Job) -> JobFuture<'a>;
}

struct Typed<J, H>(H, PhantomData<fn() -> J>);

impl<J: JobKind, H: JobHandler<J>> AnyHandler for Typed<J, H> {
    fn run<'a>(&'a self, job: &'a Job) -> JobFuture<'a> {
        match job.payload::<J>() {
            Ok(payload) => self.0.run(job, payload),
            // A payload that does not decode fails for good, visibly.
            Err(error) => Box::pin(async move { Ok(Outcome::Fail(error)) }),
        }
    }
}

impl Worker {
    /// A worker; with no SMTP server, emails stay captured in the outbox.
    pub fn new(store: Store, smtp: Option<SmtpSender>) -> Self {
        let id = format!("{}-{}", std::process::id(), essaim_store::random_token(4));
        Self {
            store,
            smtp,
            id,
            lease: DEFAULT_LEASE,
            wake: Arc::new(Notify::new()),
            handlers: Arc::new(HashMap::new()),
        }
    }

    /// Adds the handler of the job kind `J`.
    pub fn with_handler<J: JobKind>(mut self, handler: impl JobHandler<J>) -> Self {
        let mut handlers = (*self.handlers).clone();
        handlers.insert(J::NAME, Arc::new(Typed(handler, PhantomData)));
        self.handlers = Arc::new(handlers);
        self
    }

    /// Sets how long a claimed job is reserved (a crashed worker's jobs come
    /// back after this).
    pub fn with_lease(mut self, seconds: i64) -> Self {
        self.lease = seconds.max(1);
        self
    }

    /// A handle to wake the worker when a job was just queued.
    pub fn waker(&self) -> Arc<Notify> {
        self.wake.clone()
    }

    /// Runs every job due now; returns how many ran.
    pub async fn run_due(&self) -> Result<usize, essaim_store::StoreError> {
        let mut ran = 0;
        loop {
            let jobs = self.store.claim_jobs(&self.id, 16, self.lease).await?;
            if jobs.is_empty() {
                return Ok(ran);
            }
            let (sends, others): (Vec<Job>, Vec<Job>) =
                jobs.into_iter().partition(|j| j.kind == SendEmail::NAME);
            for job in others {
                self.run_one(job).await?;
                ran += 1;
            }
            // Emails go out side by side: each SMTP exchange mostly waits on
            // the network (a list post is a thousand of them), and one slow
            // server must not hold the others back.
            let mut sending = tokio::task::JoinSet::new();
            for job in sends {
                let worker = self.clone();
                sending.spawn(async move { worker.run_one(job).await });
            }
            while let Some(done) = sending.join_next().await {
                done.map_err(|e| {
                    essaim_store::StoreError::Corrupt(format!("sending task ended: {e}"))
                })??;
                ran += 1;
            }
        }
    }

    /// Loops until `shutdown` fires, waking on the notifier or every few
    /// seconds (jobs queued by other nodes or due later).
    pub async fn run_forever(self, shutdown: Arc<Notify>) {
        let mut last_housekeeping = 0;
        loop {
            if let Err(e) = self.run_due().await {
                tracing::warn!(error = %e, "job worker could not reach the database");
            }
            let now = self.store.now();
            if now - last_housekeeping >= HOUSEKEEPING_EVERY {
                last_housekeeping = now;
                if let Err(e) = self.housekeeping().await {
                    tracing::warn!(error = %e, "housekeeping failed");
                }
            }
            tokio::select! {
                _ = shutdown.notified() => return,
                _ = self.wake.notified() => {}
                _ = tokio::time::sleep(Duration::from_secs(2)) => {}
            }
        }
    }

    /// Removes what has expired: sessions, rate-limit windows, used links,
    /// finished jobs older than a week. Safe to run on every node at once.
    pub async fn housekeeping(&self) -> Result<(), essaim_store::StoreError> {
        self.store.purge_expired_sessions().await?;
        self.store.purge_rate_limits().await?;
        self.store.purge_email_tokens().await?;
        self.store.purge_finished_jobs(7 * 86_400).await?;
        Ok(())
    }

    async fn run_one(&self, job: Job) -> Result<(), essaim_store::StoreError> {
        let outcome = match job.kind.as_str() {
            SendEmail::NAME => match job.payload::<SendEmail>() {
                Ok(payload) => self.send_email(&job, payload).await?,
                Err(error) => Outcome::Fail(error),
            },
            other => match self.handlers.get(other) {
                Some(handler) => handler.run(&job).await?,
                None => Outcome::Fail(format!("unknown job kind {other}")),
            },
        };
        match outcome {
            Outcome::Done => self.store.complete_job(job.id).await,
            Outcome::Retry(error) if job.attempts < job.max_attempts => {
                let delay = backoff(job.attempts);
                tracing::info!(job = job.id, attempt = job.attempts, delay, %error, "job will be retried");
                self.store
                    .retry_job(job.id, &error, self.store.now() + delay)
                    .await
            }
            Outcome::Retry(error) | Outcome::Fail(error) => {
                tracing::warn!(job = job.id, %error, "job failed for good");
                self.store.fail_job(job.id, &error).await
            }
        }
    }

    async fn send_email(
        &self,
        job: &Job,
        payload: SendEmail,
    ) -> Result<Outcome, essaim_store::StoreError> {
        let id = payload.outbox_id;
        let Some(message) = self.store.outbox_message(id).await? else {
            return Ok(Outcome::Fail(format!("outbox message {id} is gone")));
        };
        if message.status == status::SENT {
            // Sent by a worker that died before marking the job done.
            return Ok(Outcome::Done);
        }
        let Some(smtp) = &self.smtp else {
            self.store
                .record_outbox_attempt(id, status::CAPTURED, None)
                .await?;
            return Ok(Outcome::Done);
        };
        match smtp
            .send(&message.from_addr, &message.to_addr, &message.raw)
            .await
        {
            Ok(()) => {
                self.store
                    .record_outbox_attempt(id, status::SENT, None)
                    .await?;
                Ok(Outcome::Done)
            }
            Err(SendError::Temporary(e)) => {
                let last = job.attempts >= job.max_attempts;
                let state = if last { status::FAILED } else { status::QUEUED };
                self.store
                    .record_outbox_attempt(id, state, Some(&e))
                    .await?;
                Ok(Outcome::Retry(e))
            }
            Err(SendError::Permanent(e)) => {
                self.store
                    .record_outbox_attempt(id, status::FAILED, Some(&e))
                    .await?;
                Ok(Outcome::Fail(e))
            }
        }
    }
}

/// Seconds to wait before attempt `attempts + 1`: 30 s doubling, at most 2 h.
pub fn backoff(attempts: i64) -> i64 {
    let exp = attempts.clamp(1, 12) - 1;
    (30i64 << exp).min(7200)
}

#[cfg(test)]
mod tests {
    #[test]
    fn backoff_doubles_then_caps() {
        assert_eq!(super::backoff(1), 30);
        assert_eq!(super::backoff(2), 60);
        assert_eq!(super::backoff(5), 480);
        assert_eq!(super::backoff(12), 7200);
    }
}
