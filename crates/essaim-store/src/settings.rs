//! Instance settings kept in the database (shared by every node).

use crate::db::q;
use crate::{random_token, Result, Store};

#[derive(sqlx::FromRow)]
struct Value {
    value: String,
}

/// Key of the secret that signs anti-forgery keys.
const SECRET_KEY: &str = "instance_secret";

impl Store {
    /// Reads a setting.
    pub async fn setting(&self, key: &str) -> Result<Option<String>> {
        let row: Option<Value> = self
            .db()
            .opt(q("SELECT value FROM instance_settings WHERE key = $1").bind(key))
            .await?;
        Ok(row.map(|v| v.value))
    }

    /// Writes a setting.
    pub async fn set_setting(&self, key: &str, value: &str) -> Result<()> {
        self.db()
            .execute(
                q(
                    "INSERT INTO instance_settings (key, value) VALUES ($1, $2) \
                   ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                )
                .bind(key)
                .bind(value),
            )
            .await?;
        Ok(())
    }

    /// The instance's signing secret (the same on every node).
    pub async fn instance_secret(&self) -> Result<String> {
        ensure_secret(self).await?;
        self.setting(SECRET_KEY)
            .await?
            .ok_or_else(|| crate::StoreError::Corrupt("instance secret missing".into()))
    }
}

/// Creates the signing secret once; concurrent nodes keep the first one.
pub(crate) async fn ensure_secret(store: &Store) -> Result<()> {
    store
        .db()
        .execute(
            q("INSERT INTO instance_settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING")
                .bind(SECRET_KEY)
                .bind(random_token(32)),
        )
        .await?;
    Ok(())
}
