//! Rate limits with counters in the database, so a limit holds across nodes.

use crate::db::q;
use crate::{Result, Store};

#[derive(sqlx::FromRow)]
struct Hits {
    hits: i64,
}

impl Store {
    /// Counts one attempt in `bucket` for the current fixed window of
    /// `window` seconds; returns `false` once more than `limit` attempts fell
    /// in this window.
    pub async fn rate_limit_hit(&self, bucket: &str, window: i64, limit: i64) -> Result<bool> {
        let now = self.now();
        let window_start = now - now.rem_euclid(window);
        let row: Hits = self
            .db()
            .one(
                q(
                    "INSERT INTO rate_limits (bucket, window_start, hits) VALUES ($1, $2, 1) \
                   ON CONFLICT (bucket, window_start) DO UPDATE SET hits = rate_limits.hits + 1 \
                   RETURNING hits",
                )
                .bind(bucket)
                .bind(window_start),
            )
            .await?;
        Ok(row.hits <= limit)
    }

    /// Forgets windows older than a day.
    pub async fn purge_rate_limits(&self) -> Result<u64> {
        self.db()
            .execute(q("DELETE FROM rate_limits WHERE window_start < $1").bind(self.now() - 86_400))
            .await
    }
}
