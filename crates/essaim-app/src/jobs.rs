//! Recurring jobs: the summaries that run again and again.

use essaim_domain::jobs::Summary;
use essaim_store::StoreError;

use crate::App;

/// Where a recurring summary starts: the end of its previous run (given in
/// its payload), so a late run loses nothing and the next repeats nothing;
/// `span` back for the very first.
pub fn summary_since(payload: &impl Summary, to: i64, span: i64) -> i64 {
    payload.since().filter(|s| *s < to).unwrap_or(to - span)
}

/// Queues a recurring summary's next run at `next` (an hour after this one
/// at the soonest), covering from `to`.
pub async fn schedule_next_summary<J: Summary>(
    app: &App,
    to: i64,
    next: i64,
) -> Result<(), StoreError> {
    app.store
        .queue_job(&J::starting(to), next.max(to + 3600))
        .await?;
    app.wake_jobs();
    Ok(())
}
