//! Login sessions, stored in the database so every node sees them.

use crate::accounts::User;
use crate::db::q;
use crate::{hash_token, random_token, Result, Store};
use essaim_domain::ids::UserId;

/// How long a session lasts without being used, in seconds (30 days).
pub const SESSION_LIFETIME: i64 = 30 * 24 * 3600;
/// A session's expiry is pushed back at most this often, to spare writes.
const TOUCH_EVERY: i64 = 3600;

#[derive(sqlx::FromRow)]
struct SessionRow {
    user_id: UserId,
    expires_at: i64,
}

impl Store {
    /// Opens a session for `user_id`; returns the secret for the cookie.
    pub async fn create_session(&self, user_id: UserId) -> Result<String> {
        let token = random_token(32);
        let now = self.now();
        self.db()
            .execute(
                q("INSERT INTO sessions (id_hash, user_id, created_at, last_seen_at, expires_at) VALUES ($1, $2, $3, $3, $4)")
                    .bind(hash_token(&token))
                    .bind(user_id)
                    .bind(now)
                    .bind(now + SESSION_LIFETIME),
            )
            .await?;
        Ok(token)
    }

    /// The account behind a session cookie, if the session is alive.
    pub async fn session_user(&self, token: &str) -> Result<Option<User>> {
        let now = self.now();
        let id_hash = hash_token(token);
        let row: Option<SessionRow> = self
            .db()
            .opt(
                q("SELECT user_id, expires_at FROM sessions WHERE id_hash = $1 AND expires_at > $2")
                    .bind(&id_hash)
                    .bind(now),
            )
            .await?;
        let Some(row) = row else { return Ok(None) };
        if row.expires_at - SESSION_LIFETIME + TOUCH_EVERY < now {
            self.db()
                .execute(
                    q("UPDATE sessions SET last_seen_at = $1, expires_at = $2 WHERE id_hash = $3")
                        .bind(now)
                        .bind(now + SESSION_LIFETIME)
                        .bind(&id_hash),
                )
                .await?;
        }
        self.user_by_id(row.user_id).await
    }

    /// Ends a session (logout).
    pub async fn delete_session(&self, token: &str) -> Result<()> {
        self.db()
            .execute(q("DELETE FROM sessions WHERE id_hash = $1").bind(hash_token(token)))
            .await?;
        Ok(())
    }

    /// Removes expired sessions; returns how many.
    pub async fn purge_expired_sessions(&self) -> Result<u64> {
        self.db()
            .execute(q("DELETE FROM sessions WHERE expires_at <= $1").bind(self.now()))
            .await
    }
}
