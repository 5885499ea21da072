//! Essaim's data layer: one store over SQLite (default) and PostgreSQL.
//!
//! Every feature has its module here with the queries it needs; all of them
//! go through [`db`], which runs one SQL text on either backend. Times are
//! stored as Unix seconds (`BIGINT`) so the same SQL serves both engines and
//! a test can move the [`Clock`].

pub mod accounts;
pub mod activity;
pub mod audience;
pub mod db;
pub mod discussions;
pub mod groups;
pub mod health;
pub mod invariants;
pub mod jobs;
pub mod meetings;
pub mod news;
pub mod newsletter;
pub mod outbox;
pub mod polls;
pub mod projects;
pub mod rate_limit;
pub mod resources;
pub mod scale;
pub mod search;
pub mod sessions;
pub mod settings;
pub mod tokens;
pub mod usages;
pub mod wiki;

mod clock;
mod migrate;

pub use clock::Clock;
pub use db::{q, Backend, Db, Tx, Q};

use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use std::str::FromStr;
use std::time::Duration;

/// How much of a SQLite file is memory-mapped: address space, not memory
/// (the pages belong to the system's cache and are shared).
const SQLITE_MMAP_BYTES: u64 = 1 << 30;

/// What can go wrong in the data layer.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The database refused or failed.
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
    /// A unique constraint refused a duplicate.
    #[error("already exists")]
    Conflict,
    /// The database URL is not one we can use.
    #[error("{0}")]
    Config(String),
    /// A stored value could not be read back.
    #[error("corrupt stored value: {0}")]
    Corrupt(String),
}

impl StoreError {
    /// Turns a unique-constraint violation into [`StoreError::Conflict`].
    pub(crate) fn unique_to_conflict(self) -> Self {
        match self {
            StoreError::Database(sqlx::Error::Database(e)) if e.is_unique_violation() => {
                StoreError::Conflict
            }
            other => other,
        }
    }
}

/// Result alias of the data layer.
pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// The whole data layer: a database handle and the clock it stamps with.
#[derive(Debug, Clone)]
pub struct Store {
    db: Db,
    clock: Clock,
}

impl Store {
    /// Connects to the database named by `url` (`sqlite://…` or
    /// `postgres://…`); SQLite files and their folder are created.
    pub async fn connect(url: &str) -> Result<Store> {
        let pool = if url.starts_with("sqlite:") {
            let options = SqliteConnectOptions::from_str(url)
                .map_err(|e| StoreError::Config(format!("ESSAIM_DATABASE_URL: {e}")))?
                .create_if_missing(true)
                .journal_mode(SqliteJournalMode::Wal)
                .synchronous(SqliteSynchronous::Normal)
                .foreign_keys(true)
                .busy_timeout(Duration::from_secs(10))
                // Pages are read through a memory map, shared by the
                // connections and held by the system's cache, instead of
                // being copied by a read for each connection's own cache.
                .pragma("mmap_size", SQLITE_MMAP_BYTES.to_string());
            let path = options.get_filename();
            if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
                std::fs::create_dir_all(dir).map_err(|e| {
                    StoreError::Config(format!(
                        "ESSAIM_DATABASE_URL: cannot create folder {}: {e}",
                        dir.display()
                    ))
                })?;
            }
            let pool = SqlitePoolOptions::new()
                .max_connections(8)
                .connect_with(options)
                .await?;
            db::Pool::Sqlite(pool)
        } else if url.starts_with("postgres:") || url.starts_with("postgresql:") {
            let options = PgConnectOptions::from_str(url)
                .map_err(|e| StoreError::Config(format!("ESSAIM_DATABASE_URL: {e}")))?;
            let pool = PgPoolOptions::new()
                .max_connections(16)
                .acquire_timeout(Duration::from_secs(10))
                .connect_with(options)
                .await?;
            db::Pool::Postgres(pool)
        } else {
            return Err(StoreError::Config(
                "ESSAIM_DATABASE_URL must start with sqlite:// or postgres://".into(),
            ));
        };
        Ok(Store {
            db: Db::new(pool),
            clock: Clock::system(),
        })
    }

    /// Applies the migrations up to schema `version` only, and nothing
    /// else: a database as an earlier release left it (upgrade tests).
    pub async fn migrate_until(&self, version: i64) -> Result<()> {
        migrate::run(&self.db, self.now(), Some(version)).await
    }

    /// Applies the migrations that have not run yet.
    pub async fn migrate(&self) -> Result<()> {
        migrate::run(&self.db, self.now(), None).await?;
        settings::ensure_secret(self).await?;
        // Pages written before the search index existed get indexed once;
        // all of them again when the way terms are made has changed.
        let version = essaim_domain::search::TERMS_VERSION;
        let terms_changed = self.setting("search_terms_version").await?.as_deref() != Some(version);
        if terms_changed {
            self.reindex_all_pages().await?;
            self.reindex_all_topics().await?;
            self.set_setting("search_terms_version", version).await?;
        } else {
            self.reindex_missing_pages().await?;
        }
        // Meetings made before search knew them are indexed once.
        if terms_changed
            || self.setting("search_meetings_version").await?.as_deref() != Some(version)
        {
            self.reindex_all_meetings().await?;
            self.set_setting("search_meetings_version", version).await?;
        }
        Ok(())
    }

    /// The database handle.
    pub fn db(&self) -> &Db {
        &self.db
    }

    /// Which engine this is.
    pub fn backend(&self) -> Backend {
        self.db.backend()
    }

    /// The clock every timestamp comes from.
    pub fn clock(&self) -> &Clock {
        &self.clock
    }

    /// Replaces the clock (tests move time forward with it).
    pub fn with_clock(mut self, clock: Clock) -> Store {
        self.clock = clock;
        self
    }

    /// Now, in Unix seconds, from the store's clock.
    pub fn now(&self) -> i64 {
        self.clock.now()
    }

    /// The PostgreSQL schema the store's tables live in (`public`, or the
    /// first of the URL's `search_path`), for backups of just that schema.
    pub async fn current_schema(&self) -> Result<String> {
        #[derive(sqlx::FromRow)]
        struct Schema {
            name: String,
        }
        let row: Schema = self.db.one(q("SELECT current_schema() AS name")).await?;
        Ok(row.name)
    }

    /// Whether the database answers (for `/readyz`).
    pub async fn ping(&self) -> Result<()> {
        let _: (i64,) = self.db.one(q("SELECT CAST(1 AS BIGINT)")).await?;
        Ok(())
    }
}

/// A random secret, URL-safe, `bytes` long before encoding.
pub fn random_token(bytes: usize) -> String {
    use rand::RngCore;
    let mut buf = vec![0u8; bytes];
    rand::thread_rng().fill_bytes(&mut buf);
    hex::encode(buf)
}

/// The SHA-256 of a secret, as stored (the secret itself never is).
pub fn hash_token(token: &str) -> String {
    use sha2::{Digest, Sha256};
    hex::encode(Sha256::digest(token.as_bytes()))
}
