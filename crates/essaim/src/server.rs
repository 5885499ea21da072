//! Starting the server: store, migrations, job worker, HTTP listener and,
//! when configured, the SMTP listener.

use std::net::SocketAddr;
use std::sync::Arc;

use essaim_mail::{MailConfig, SmtpSender, Worker};
use essaim_store::Store;
use essaim_web::{AppState, WebConfig};
use tokio::net::TcpListener;
use tokio::sync::Notify;

use crate::Config;

/// A running instance.
pub struct Running {
    /// The address it listens on (useful with port 0).
    pub addr: SocketAddr,
    /// Its data layer.
    pub store: Store,
    /// A worker bound to the same store and SMTP settings (tests run jobs
    /// with it on demand when the background worker is off).
    pub worker: Worker,
    /// Where the SMTP listener takes mail, when it runs.
    pub smtp_addr: Option<SocketAddr>,
    /// Fire to stop the server and the worker.
    pub shutdown: Arc<Notify>,
    /// Ends when the HTTP server has stopped.
    pub handle: tokio::task::JoinHandle<()>,
}

/// Connects to the database and applies migrations.
pub async fn open_store(config: &Config) -> anyhow::Result<Store> {
    let store = Store::connect(&config.database_url).await?;
    store.migrate().await?;
    Ok(store)
}

/// The mail settings derived from the configuration.
pub fn mail_config(config: &Config) -> MailConfig {
    MailConfig {
        instance_name: config.instance_name.clone(),
        from: config.mail_from.clone(),
        domain: config.mail_domain.clone(),
    }
}

/// Builds the web state for `store`.
pub async fn app_state(
    config: &Config,
    store: Store,
    wake: Arc<Notify>,
) -> anyhow::Result<AppState> {
    let web = WebConfig {
        base_url: config.base_url.clone(),
        instance_name: config.instance_name.clone(),
        accent_color: config.accent_color.clone(),
        timezone: config.timezone,
        trust_proxy: config.trust_proxy,
        theme_dir: config.theme_dir.clone(),
        body_limit: config.body_limit,
        data_dir: config.data_dir.clone(),
        map_tiles: config.map_tiles.clone(),
        map_attribution: config.map_attribution.clone(),
    };
    AppState::new(store, web, mail_config(config), wake).await
}

/// Starts everything on `config.listen` (port 0 picks a free port) with an
/// existing store.
pub async fn start_with_store(config: &Config, store: Store) -> anyhow::Result<Running> {
    std::fs::create_dir_all(&config.data_dir).map_err(|e| {
        anyhow::anyhow!(
            "ESSAIM_DATA_DIR: cannot create {}: {e}",
            config.data_dir.display()
        )
    })?;
    let smtp = match &config.smtp_url {
        Some(url) => {
            Some(SmtpSender::from_url(url).map_err(|e| anyhow::anyhow!("ESSAIM_SMTP_URL: {e}"))?)
        }
        None => None,
    };
    let worker = Worker::new(store.clone(), smtp).with_lease(config.job_lease_seconds);
    let state = app_state(config, store.clone(), worker.waker()).await?;
    let worker = essaim_web::register_jobs(worker, &state).await?;
    let listener = TcpListener::bind(config.listen)
        .await
        .map_err(|e| anyhow::anyhow!("ESSAIM_LISTEN: cannot listen on {}: {e}", config.listen))?;
    let addr = listener.local_addr()?;
    let shutdown = Arc::new(Notify::new());
    let smtp_addr = crate::mail::start_listener(config, &state, shutdown.clone()).await?;
    if config.worker {
        tokio::spawn(worker.clone().run_forever(shutdown.clone()));
    }
    let app = essaim_web::router(state).into_make_service_with_connect_info::<SocketAddr>();
    let stop = shutdown.clone();
    let handle = tokio::spawn(async move {
        let served = axum::serve(listener, app)
            .with_graceful_shutdown(async move { stop.notified().await })
            .await;
        if let Err(e) = served {
            tracing::error!(error = %e, "server stopped with an error");
        }
    });
    Ok(Running {
        addr,
        smtp_addr,
        store,
        worker,
        shutdown,
        handle,
    })
}

/// Opens the store and starts everything.
pub async fn start(config: &Config) -> anyhow::Result<Running> {
    let store = open_store(config).await?;
    start_with_store(config, store).await
}

/// Runs until Ctrl-C or SIGTERM, then stops gracefully.
pub async fn serve_until_signal(running: Running) -> anyhow::Result<()> {
    let stop = running.shutdown.clone();
    tokio::spawn(async move {
        wait_for_signal().await;
        tracing::info!("stopping");
        // notify_waiters reaches both the server and the worker.
        stop.notify_waiters();
    });
    running.handle.await?;
    Ok(())
}

async fn wait_for_signal() {
    let ctrl_c = tokio::signal::ctrl_c();
    #[cfg(unix)]
    {
        let mut term =
            match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
                Ok(s) => s,
                Err(_) => {
                    let _ = ctrl_c.await;
                    return;
                }
            };
        tokio::select! {
            _ = ctrl_c => {}
            _ = term.recv() => {}
        }
    }
    #[cfg(not(unix))]
    {
        let _ = ctrl_c.await;
    }
}
