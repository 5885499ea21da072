//! API tokens: `Authorization: Bearer` keys for scripts and integrations.

use essaim_domain::ids::UserId;
use serde::Serialize;

use crate::accounts::User;
use crate::db::q;
use crate::{hash_token, random_token, Result, Store};

/// Every token starts with this, so a leaked one is recognizable.
pub const TOKEN_PREFIX: &str = "essaim_";

/// A token as listed (its secret is never stored nor shown again).
#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct ApiToken {
    /// Identifier.
    pub id: i64,
    /// The owner.
    pub user_id: UserId,
    /// What it is for, as its owner named it.
    pub name: String,
    /// The first characters, to recognize it.
    pub prefix: String,
    /// Creation time.
    pub created_at: i64,
    /// Last use, if any.
    pub last_used_at: Option<i64>,
    /// When it was revoked, if it was.
    pub revoked_at: Option<i64>,
}

#[derive(sqlx::FromRow)]
struct TokenOwner {
    id: i64,
    user_id: UserId,
    last_used_at: Option<i64>,
}

impl Store {
    /// Creates a token for `user_id`; returns it with its secret (shown once).
    pub async fn create_api_token(
        &self,
        user_id: UserId,
        name: &str,
    ) -> Result<(ApiToken, String)> {
        let secret = format!("{TOKEN_PREFIX}{}", random_token(24));
        let prefix: String = secret.chars().take(TOKEN_PREFIX.len() + 6).collect();
        let token = self
            .db()
            .one(
                q("INSERT INTO api_tokens (user_id, name, token_hash, prefix, created_at) VALUES ($1, $2, $3, $4, $5) \
                   RETURNING id, user_id, name, prefix, created_at, last_used_at, revoked_at")
                    .bind(user_id)
                    .bind(name)
                    .bind(hash_token(&secret))
                    .bind(prefix)
                    .bind(self.now()),
            )
            .await?;
        Ok((token, secret))
    }

    /// The account behind a live (unrevoked) token.
    pub async fn api_token_user(&self, secret: &str) -> Result<Option<User>> {
        let owner: Option<TokenOwner> = self
            .db()
            .opt(
                q("SELECT id, user_id, last_used_at FROM api_tokens WHERE token_hash = $1 AND revoked_at IS NULL")
                    .bind(hash_token(secret)),
            )
            .await?;
        let Some(owner) = owner else { return Ok(None) };
        let now = self.now();
        // Record use at most once a minute: a busy script should not write on every call.
        if owner.last_used_at.is_none_or(|t| t + 60 < now) {
            self.db()
                .execute(
                    q("UPDATE api_tokens SET last_used_at = $1 WHERE id = $2")
                        .bind(now)
                        .bind(owner.id),
                )
                .await?;
        }
        self.user_by_id(owner.user_id).await
    }

    /// Lists a person's tokens, newest first.
    pub async fn api_tokens_of(&self, user_id: UserId) -> Result<Vec<ApiToken>> {
        self.db()
            .all(
                q("SELECT id, user_id, name, prefix, created_at, last_used_at, revoked_at FROM api_tokens \
                   WHERE user_id = $1 ORDER BY created_at DESC, id DESC")
                    .bind(user_id),
            )
            .await
    }

    /// Revokes one token of `user_id` by id; returns whether one was revoked.
    pub async fn revoke_api_token(&self, user_id: UserId, token_id: i64) -> Result<bool> {
        let n = self
            .db()
            .execute(
                q("UPDATE api_tokens SET revoked_at = $1 WHERE id = $2 AND user_id = $3 AND revoked_at IS NULL")
                    .bind(self.now())
                    .bind(token_id)
                    .bind(user_id),
            )
            .await?;
        Ok(n > 0)
    }
}

impl Store {
    /// Revokes a token given its secret; returns whether one was revoked.
    pub async fn revoke_api_token_by_secret(&self, secret: &str) -> Result<bool> {
        let n = self
            .db()
            .execute(
                q("UPDATE api_tokens SET revoked_at = $1 WHERE token_hash = $2 AND revoked_at IS NULL")
                    .bind(self.now())
                    .bind(hash_token(secret)),
            )
            .await?;
        Ok(n > 0)
    }
}
