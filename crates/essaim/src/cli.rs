//! The command line: `essaim serve | demo | migrate | user add | token …
//! | mail-in | import mbox | backup`.

use std::io::BufRead;
use std::path::PathBuf;

use clap::{Parser, Subcommand};
use essaim_store::accounts::NewUser;

use crate::config::Config;
use crate::server;

/// Essaim: a self-hosted platform for networks of cooperative groups.
#[derive(Debug, Parser)]
#[command(name = "essaim", version, about)]
pub struct Cli {
    /// Configuration file (default: ./essaim.toml if present).
    #[arg(long, global = true)]
    pub config: Option<PathBuf>,
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// Subcommands (their names are a contract for scripts and later features).
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run the server with the configuration.
    Serve,
    /// Run a demonstration instance in ./essaim-demo (SQLite, demo content,
    /// emails kept in /admin/outbox).
    Demo {
        /// Serve instead a large generated network (written once to
        /// ./essaim-demo/scale.db, or to ESSAIM_DATABASE_URL if set), to
        /// measure speed.
        #[arg(long)]
        scale: bool,
        /// With --scale: how many groups to generate.
        #[arg(long, default_value_t = 1000, requires = "scale")]
        groups: usize,
        /// With --scale: how many members to generate.
        #[arg(long, default_value_t = 100_000, requires = "scale")]
        members: usize,
        /// With --scale: how many wiki pages to write across the hosted
        /// groups (besides their first pages).
        #[arg(long, default_value_t = 0, requires = "scale")]
        pages: usize,
        /// With --scale: how many meetings to schedule for the groups of the
        /// busiest ecosystem (a quarter as many again across the others).
        #[arg(long, default_value_t = 0, requires = "scale")]
        meetings: usize,
        /// With --scale: how many projects to start across the hosted
        /// groups, with a year of their news and of the groups' activity.
        #[arg(long, default_value_t = 0, requires = "scale")]
        projects: usize,
    },
    /// Apply database migrations and exit.
    Migrate,
    /// Manage accounts.
    User {
        /// What to do with accounts.
        #[command(subcommand)]
        command: UserCommand,
    },
    /// Manage API tokens.
    Token {
        /// What to do with tokens.
        #[command(subcommand)]
        command: TokenCommand,
    },
    /// Take one incoming message on standard input (for a Postfix or Exim
    /// `pipe` transport). Exits 0 when taken, 67 for an unknown recipient,
    /// 65 for a refused message, 75 to have the MTA try again later.
    MailIn {
        /// The envelope recipient (Postfix `${original_recipient}`, Exim
        /// `$local_part@$domain`); repeatable. Without it, the
        /// `X-Original-To` or `Delivered-To` header is read.
        #[arg(long)]
        recipient: Vec<String>,
        /// The envelope sender (Postfix `${sender}`, Exim `$sender_address`;
        /// empty for bounces).
        #[arg(long)]
        sender: Option<String>,
    },
    /// Write a backup archive (.tar.gz): the database (a consistent copy,
    /// taken while the server runs) and every uploaded file.
    Backup {
        /// Where to write the archive.
        #[arg(long)]
        output: PathBuf,
    },
    /// Import content from elsewhere.
    Import {
        /// What to import.
        #[command(subcommand)]
        command: ImportCommand,
    },
}

/// `essaim import …`.
#[derive(Debug, Subcommand)]
pub enum ImportCommand {
    /// A mailing list archive (mbox) into a group's discussions; running it
    /// again imports nothing twice.
    Mbox {
        /// The group's short name.
        #[arg(long)]
        group: String,
        /// The mbox file.
        file: PathBuf,
    },
}

/// `essaim user …`.
#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Create an account (its address counts as confirmed).
    Add {
        /// Email address.
        #[arg(long)]
        email: String,
        /// Display name.
        #[arg(long)]
        name: String,
        /// Make the account an instance administrator.
        #[arg(long)]
        admin: bool,
        /// Read the password from the first line of standard input
        /// (otherwise the person logs in by emailed link).
        #[arg(long)]
        password_stdin: bool,
    },
}

/// `essaim token …`.
#[derive(Debug, Subcommand)]
pub enum TokenCommand {
    /// Create an API token for an account and print it (shown only once).
    Create {
        /// The account's email address.
        #[arg(long)]
        email: String,
        /// What the token is for.
        #[arg(long, default_value = "cli")]
        name: String,
    },
    /// Revoke a token: give the token itself, or --email with --id.
    Revoke {
        /// The token's secret.
        token: Option<String>,
        /// The account's email address (with --id).
        #[arg(long)]
        email: Option<String>,
        /// The token's id (as `essaim token list` shows).
        #[arg(long)]
        id: Option<i64>,
    },
    /// List an account's tokens.
    List {
        /// The account's email address.
        #[arg(long)]
        email: String,
    },
}

/// Runs one parsed command.
pub async fn run(cli: Cli) -> anyhow::Result<()> {
    if let Command::Demo {
        scale,
        groups,
        members,
        pages,
        meetings,
        projects,
    } = cli.command
    {
        let scale = scale.then_some(crate::demo::Scale {
            groups,
            members,
            pages,
            meetings,
            projects,
        });
        return crate::demo::run(cli.config.as_deref(), scale).await;
    }
    let config = Config::load(cli.config.as_deref())?;
    match cli.command {
        Command::Demo { .. } => unreachable_demo(),
        Command::Serve => {
            let running = server::start(&config).await?;
            tracing::info!(address = %running.addr, url = %config.base_url, "Essaim is listening");
            server::serve_until_signal(running).await
        }
        Command::Migrate => {
            server::open_store(&config).await?;
            println!("migrations applied");
            Ok(())
        }
        Command::User { command } => user(&config, command).await,
        Command::Token { command } => token(&config, command).await,
        Command::Backup { output } => crate::backup::run(&config, &output).await,
        Command::MailIn { recipient, sender } => {
            Ok(crate::mail::mail_in(&config, recipient, sender).await?)
        }
        Command::Import {
            command: ImportCommand::Mbox { group, file },
        } => crate::import::run(&config, &group, &file).await,
    }
}

fn unreachable_demo() -> anyhow::Result<()> {
    Err(anyhow::anyhow!(
        "demo is handled before loading the configuration"
    ))
}

async fn user(config: &Config, command: UserCommand) -> anyhow::Result<()> {
    let UserCommand::Add {
        email,
        name,
        admin,
        password_stdin,
    } = command;
    let email = essaim_domain::accounts::normalize_email(&email)
        .map_err(|e| anyhow::anyhow!("--email: {}", essaim_web::t(Default::default(), e.key)))?;
    let name = essaim_domain::accounts::normalize_name(&name)
        .map_err(|e| anyhow::anyhow!("--name: {}", essaim_web::t(Default::default(), e.key)))?;
    let password_hash = if password_stdin {
        let mut line = String::new();
        std::io::stdin().lock().read_line(&mut line)?;
        let password = line.trim_end_matches(['\r', '\n']).to_string();
        essaim_domain::accounts::check_password("password", &password).map_err(|e| {
            anyhow::anyhow!("password: {}", essaim_web::t(Default::default(), e.key))
        })?;
        Some(essaim_web::hash_password(password).await?)
    } else {
        None
    };
    let store = server::open_store(config).await?;
    let new = NewUser {
        email: email.clone(),
        name,
        password_hash,
        is_admin: admin,
        verified: true,
        lang: None,
    };
    match store.create_user(&new).await {
        Ok(user) => {
            let role = if user.is_admin {
                " (administrator)"
            } else {
                ""
            };
            println!("account {} created for {}{role}", user.id, user.email);
            Ok(())
        }
        Err(essaim_store::StoreError::Conflict) => {
            Err(anyhow::anyhow!("--email: an account already uses {email}"))
        }
        Err(e) => Err(e.into()),
    }
}

async fn token(config: &Config, command: TokenCommand) -> anyhow::Result<()> {
    let store = server::open_store(config).await?;
    let find = |email: String| {
        let store = store.clone();
        async move {
            let normalized = email.trim().to_lowercase();
            store
                .user_by_email(&normalized)
                .await?
                .ok_or_else(|| anyhow::anyhow!("--email: no account uses {normalized}"))
        }
    };
    match command {
        TokenCommand::Create { email, name } => {
            let user = find(email).await?;
            let (_, secret) = store.create_api_token(user.id, &name).await?;
            println!("{secret}");
            Ok(())
        }
        TokenCommand::List { email } => {
            let user = find(email).await?;
            for t in store.api_tokens_of(user.id).await? {
                let state = if t.revoked_at.is_some() {
                    "revoked"
                } else {
                    "active"
                };
                println!("{}\t{}\t{}…\t{state}", t.id, t.name, t.prefix);
            }
            Ok(())
        }
        TokenCommand::Revoke { token, email, id } => {
            let revoked = match (token, email, id) {
                (Some(secret), _, _) => store.revoke_api_token_by_secret(&secret).await?,
                (None, Some(email), Some(id)) => {
                    let user = find(email).await?;
                    store.revoke_api_token(user.id, id).await?
                }
                _ => return Err(anyhow::anyhow!("give the token, or --email and --id")),
            };
            if revoked {
                println!("token revoked");
                Ok(())
            } else {
                Err(anyhow::anyhow!("no active token matches"))
            }
        }
    }
}
