//! `essaim backup`: one archive with the database and the uploaded files.
//!
//! SQLite is copied with `VACUUM INTO` (a consistent snapshot while the
//! server keeps running); PostgreSQL with `pg_dump --format=custom` (from the
//! `postgresql-client` package). The archive holds `database/` and `files/`
//! (the data directory as is).

use std::path::Path;
use std::process::Command;

use essaim_store::{q, Backend};

use crate::config::Config;
use crate::server;

/// Writes the archive to `output`.
pub async fn run(config: &Config, output: &Path) -> anyhow::Result<()> {
    if output.exists() {
        anyhow::bail!(
            "--output: {} already exists; choose a new name",
            output.display()
        );
    }
    let store = server::open_store(config).await?;
    let work =
        std::env::temp_dir().join(format!("essaim-backup-{}", essaim_store::random_token(6)));
    let database = work.join("database");
    std::fs::create_dir_all(&database)?;
    let result = async {
        match store.backend() {
            Backend::Sqlite => {
                let target = database.join("essaim.db");
                let path = target.to_string_lossy().replace('\'', "''");
                store
                    .db()
                    .execute(q(format!("VACUUM INTO '{path}'")))
                    .await?;
            }
            Backend::Postgres => {
                // Only the schema Essaim uses (`public`, or the one its URL
                // names in `search_path`): a database shared with other
                // applications, or other instances, keeps their tables out
                // of the archive and out of pg_dump's locks.
                let schema = store.current_schema().await?;
                let status = Command::new("pg_dump")
                    .args(["--format=custom", "--no-owner", "--schema"])
                    .arg(&schema)
                    .arg("--file")
                    .arg(database.join("essaim.pgdump"))
                    .arg(&config.database_url)
                    .status()
                    .map_err(|e| {
                        anyhow::anyhow!("pg_dump could not start ({e}): install postgresql-client")
                    })?;
                if !status.success() {
                    anyhow::bail!("pg_dump failed ({status})");
                }
            }
        }
        std::fs::create_dir_all(&config.data_dir)?;
        let status = Command::new("tar")
            .arg("-czf")
            .arg(output)
            .arg("-C")
            .arg(&work)
            .arg("database")
            .arg("--transform=s,^\\.,files,")
            .arg("-C")
            .arg(&config.data_dir)
            .arg(".")
            .status()
            .map_err(|e| anyhow::anyhow!("tar could not start: {e}"))?;
        if !status.success() {
            anyhow::bail!("tar failed ({status})");
        }
        Ok(())
    }
    .await;
    let _ = std::fs::remove_dir_all(&work);
    result?;
    let size = std::fs::metadata(output).map(|m| m.len()).unwrap_or(0);
    println!(
        "backup written to {} ({} KiB)",
        output.display(),
        size / 1024
    );
    Ok(())
}
