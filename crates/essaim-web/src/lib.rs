//! Essaim's web interface and JSON API, and the emails and jobs that speak
//! with its words.
//!
//! Every route is listed in `routes`; handlers live in one module (or
//! folder) per feature and follow the same shape: parse → build the
//! [`essaim_app::Actor`] (`Ctx::actor`) → call `essaim-app` for every
//! decision → render. Modules are private to the crate: what the binary
//! and the tests use is re-exported below.

mod accounts;
mod admin;
mod api;
mod assets;
mod atom;
mod csrf;
mod ctx;
mod directory;
mod discussions;
mod email;
mod error;
mod groups;
mod health;
mod home;
pub mod i18n;
mod images;
mod limits;
mod meetings;
mod news;
mod newsletter;
mod polls;
mod projects;
mod resources;
mod routes;
mod search;
mod security;
mod system;
mod templates;
mod uploads;
mod usages;
mod wiki;

pub use accounts::hash_password;
pub use api::openapi_document;
pub use discussions::inbound::DiscussionsSink;
pub use groups::first_pages;
pub use i18n::{has_key, t};
pub use images::generated_banner;
pub use newsletter::send_step as send_newsletter_step;
pub use templates::Templates;
pub use wiki::jobs::register as register_jobs;

use std::path::PathBuf;
use std::sync::Arc;

use essaim_mail::MailConfig;
use essaim_store::Store;
use tokio::sync::Notify;

pub use error::AppError;
pub use routes::router;

/// Settings the web layer needs, read once at start-up.
#[derive(Debug, Clone)]
pub struct WebConfig {
    /// Public address of the instance (links in emails, cookies' `Secure`).
    pub base_url: url::Url,
    /// Name of the instance, shown in the header and emails.
    pub instance_name: String,
    /// Accent colour (`#rrggbb`), already checked for contrast.
    pub accent_color: String,
    /// Time zone of dates shown to people.
    pub timezone: chrono_tz::Tz,
    /// Trust `X-Forwarded-For` (only behind a reverse proxy you run).
    pub trust_proxy: bool,
    /// A folder whose templates override the built-in ones.
    pub theme_dir: Option<PathBuf>,
    /// Largest request body accepted, in bytes.
    pub body_limit: usize,
    /// Folder of uploaded files.
    pub data_dir: PathBuf,
    /// Map tile URL template (`https://tile.openstreetmap.org/{z}/{x}/{y}.png`).
    pub map_tiles: String,
    /// Map attribution (HTML).
    pub map_attribution: String,
}

impl WebConfig {
    /// Whether cookies must be `Secure` (the instance is served over https).
    pub fn secure_cookies(&self) -> bool {
        self.base_url.scheme() == "https"
    }

    /// An absolute URL for `path` (which starts with `/`).
    pub fn absolute(&self, path: &str) -> String {
        let base = self.base_url.as_str().trim_end_matches('/');
        format!("{base}{path}")
    }
}

/// Everything a handler can reach, cheap to clone.
#[derive(Clone)]
pub struct AppState {
    /// The data layer.
    pub store: Store,
    /// Web settings.
    pub config: Arc<WebConfig>,
    /// Email settings.
    pub mail: Arc<MailConfig>,
    /// Compiled templates.
    pub templates: Arc<templates::Templates>,
    /// The application layer: the same store, the instance secret that
    /// signs links and keys, and the job worker's bell.
    pub app: essaim_app::App,
}

impl AppState {
    /// Queues emails in the outbox and wakes the worker (other nodes poll).
    pub async fn queue_emails(
        &self,
        emails: &[essaim_store::outbox::OutgoingEmail],
    ) -> Result<(), essaim_store::StoreError> {
        for email in emails {
            self.store.queue_email(email).await?;
        }
        self.app.wake_jobs();
        Ok(())
    }

    /// Builds the state; loads templates and the instance secret.
    pub async fn new(
        store: Store,
        config: WebConfig,
        mail: MailConfig,
        jobs_wake: Arc<Notify>,
    ) -> anyhow::Result<Self> {
        let templates = templates::Templates::new(
            config.theme_dir.clone(),
            config.timezone,
            &config.instance_name,
            config.base_url.as_str(),
        )?;
        let secret = Arc::new(store.instance_secret().await?);
        let app = essaim_app::App::new(store.clone(), secret, jobs_wake, &mail.domain);
        Ok(Self {
            app,
            store,
            config: Arc::new(config),
            mail: Arc::new(mail),
            templates: Arc::new(templates),
        })
    }
}
