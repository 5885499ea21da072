//! `essaim`: the one binary of the platform.

use clap::Parser;
use essaim::cli::{run, Cli};

/// sysexits: configuration error.
const EX_CONFIG: i32 = 78;

#[tokio::main]
async fn main() {
    let cli = Cli::parse();
    let filter = std::env::var("ESSAIM_LOG").unwrap_or_else(|_| "info".into());
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_new(&filter).unwrap_or_else(|_| "info".into()),
        )
        .with_writer(std::io::stderr)
        .init();
    if let Err(e) = run(cli).await {
        eprintln!("essaim: {e:#}");
        let code = if let Some(failed) = e.downcast_ref::<essaim::mail::MailInFailed>() {
            // `mail-in`'s code tells the MTA to bounce or to retry.
            i32::from(failed.0.code)
        } else if e.downcast_ref::<essaim::config::ConfigError>().is_some() {
            EX_CONFIG
        } else {
            1
        };
        std::process::exit(code);
    }
}
