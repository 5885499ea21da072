//! Migrations: numbered SQL files, one folder per backend, compiled in.

use crate::db::{q, Backend, Db};
use crate::Result;

/// (version, SQL) for SQLite.
const SQLITE: &[(i64, &str)] = &[
    (1, include_str!("../migrations/sqlite/0001_foundation.sql")),
    (2, include_str!("../migrations/sqlite/0002_groups.sql")),
    (3, include_str!("../migrations/sqlite/0003_wiki.sql")),
    (4, include_str!("../migrations/sqlite/0004_meetings.sql")),
    (5, include_str!("../migrations/sqlite/0005_discussions.sql")),
    (6, include_str!("../migrations/sqlite/0006_calendar.sql")),
    (7, include_str!("../migrations/sqlite/0007_codes.sql")),
    (8, include_str!("../migrations/sqlite/0008_post_status.sql")),
    (9, include_str!("../migrations/sqlite/0009_activity.sql")),
    (10, include_str!("../migrations/sqlite/0010_projects.sql")),
    (11, include_str!("../migrations/sqlite/0011_news.sql")),
    (12, include_str!("../migrations/sqlite/0012_resources.sql")),
    (13, include_str!("../migrations/sqlite/0013_usages.sql")),
    (
        14,
        include_str!("../migrations/sqlite/0014_newsletters.sql"),
    ),
    (15, include_str!("../migrations/sqlite/0015_health.sql")),
];
/// (version, SQL) for PostgreSQL.
const POSTGRES: &[(i64, &str)] = &[
    (
        1,
        include_str!("../migrations/postgres/0001_foundation.sql"),
    ),
    (2, include_str!("../migrations/postgres/0002_groups.sql")),
    (3, include_str!("../migrations/postgres/0003_wiki.sql")),
    (4, include_str!("../migrations/postgres/0004_meetings.sql")),
    (
        5,
        include_str!("../migrations/postgres/0005_discussions.sql"),
    ),
    (6, include_str!("../migrations/postgres/0006_calendar.sql")),
    (7, include_str!("../migrations/postgres/0007_codes.sql")),
    (
        8,
        include_str!("../migrations/postgres/0008_post_status.sql"),
    ),
    (9, include_str!("../migrations/postgres/0009_activity.sql")),
    (10, include_str!("../migrations/postgres/0010_projects.sql")),
    (11, include_str!("../migrations/postgres/0011_news.sql")),
    (
        12,
        include_str!("../migrations/postgres/0012_resources.sql"),
    ),
    (13, include_str!("../migrations/postgres/0013_usages.sql")),
    (
        14,
        include_str!("../migrations/postgres/0014_newsletters.sql"),
    ),
    (15, include_str!("../migrations/postgres/0015_health.sql")),
];

#[derive(sqlx::FromRow)]
struct Version {
    version: i64,
}

/// Applies each migration not yet recorded, up to `until` (all of them
/// when `None`), each in its own transaction.
pub(crate) async fn run(db: &Db, now: i64, until: Option<i64>) -> Result<()> {
    db.execute(q(
        "CREATE TABLE IF NOT EXISTS schema_migrations (version BIGINT PRIMARY KEY, applied_at BIGINT NOT NULL)",
    ))
    .await?;
    let done: Vec<Version> = db.all(q("SELECT version FROM schema_migrations")).await?;
    let list = match db.backend() {
        Backend::Sqlite => SQLITE,
        Backend::Postgres => POSTGRES,
    };
    for (version, sql) in list {
        if done.iter().any(|v| v.version == *version) || until.is_some_and(|u| *version > u) {
            continue;
        }
        let mut tx = db.begin().await?;
        // Another node may be migrating at the same moment: the insert of the
        // version row comes first, so the loser fails on its primary key.
        tx.execute(
            q("INSERT INTO schema_migrations (version, applied_at) VALUES ($1, $2)")
                .bind(*version)
                .bind(now),
        )
        .await?;
        for statement in split_statements(sql) {
            tx.execute(q(statement)).await?;
        }
        tx.commit().await?;
        tracing::info!(version, "migration applied");
    }
    Ok(())
}

/// Splits a migration file on `;` at line ends (our files keep one
/// statement per `;`-terminated block and no semicolons inside strings),
/// except inside a body: a PostgreSQL function's `$$ … $$`, or a SQLite
/// trigger's `BEGIN … END;`.
fn split_statements(sql: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    let mut in_dollars = false;
    for line in sql.lines() {
        let trimmed = line.trim();
        if trimmed.starts_with("--") || trimmed.is_empty() {
            continue;
        }
        if trimmed.matches("$$").count() % 2 == 1 {
            in_dollars = !in_dollars;
        }
        current.push_str(line);
        current.push('\n');
        let in_trigger = current.trim_start().starts_with("CREATE TRIGGER")
            && current.contains("\nBEGIN\n")
            && trimmed != "END;";
        if trimmed.ends_with(';') && !in_dollars && !in_trigger {
            out.push(std::mem::take(&mut current));
        }
    }
    if !current.trim().is_empty() {
        out.push(current);
    }
    out
}
