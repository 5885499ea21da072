//! The test harness: a real server on an ephemeral port with a fresh
//! database (SQLite file or PostgreSQL schema), cookie-keeping clients, a
//! capturing SMTP server and on-demand job runs.
#![allow(dead_code)]

pub mod openapi;
pub mod smtp;

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

use essaim::server::{self, Running};
use essaim::Config;
use essaim_mail::Worker;
use essaim_store::Store;
use reqwest::redirect::Policy;
use tokio::sync::Notify;

pub use smtp::SmtpCapture;

/// Which database a test runs on.
#[derive(Debug, Clone)]
pub enum Backend {
    /// A SQLite file in a temporary folder.
    Sqlite,
    /// A fresh schema in the PostgreSQL database of `ESSAIM_TEST_DATABASE_URL`.
    Postgres(String),
}

impl Backend {
    /// PostgreSQL at `ESSAIM_TEST_DATABASE_URL`. The PostgreSQL tests are
    /// built ignored when it was not set at build time (the summary counts
    /// them as not run); set then but missing now is a mistake, not a skip.
    pub fn postgres() -> Backend {
        match std::env::var("ESSAIM_TEST_DATABASE_URL") {
            Ok(url) if !url.is_empty() => Backend::Postgres(url),
            _ => panic!(
                "ESSAIM_TEST_DATABASE_URL was set when the tests were built but is not set now"
            ),
        }
    }
}

/// Runs each listed scenario `async fn name(backend: Backend)` on SQLite and
/// on PostgreSQL, as two tests `name::sqlite` and `name::postgres`.
#[macro_export]
macro_rules! both {
    ($($name:ident),* $(,)?) => {$(
        mod $name {
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                $crate::support::watched(super::$name($crate::support::Backend::Sqlite)).await
            }
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            #[cfg_attr(
                essaim_no_postgres,
                ignore = "ESSAIM_TEST_DATABASE_URL was not set: PostgreSQL not run"
            )]
            async fn postgres() {
                $crate::support::watched(super::$name($crate::support::Backend::postgres())).await
            }
        }
    )*};
}

tokio::task_local! {
    /// The instances a scenario started, checked when it ends.
    static STARTED: std::cell::RefCell<Vec<(Store, Worker, Arc<TestDb>)>>;
}

/// Runs a scenario, then every job it left queued on each instance it
/// started: a job that fails (a payload that does not decode, a handler
/// that errs) fails the scenario, even one that never ran its jobs.
pub async fn watched(scenario: impl std::future::Future<Output = ()>) {
    STARTED
        .scope(std::cell::RefCell::new(Vec::new()), async {
            scenario.await;
            let started = STARTED.with(|s| s.borrow().clone());
            for (store, worker, _db) in started {
                worker.run_due().await.expect("jobs run");
                let failed = store.failed_jobs(1000).await.expect("failed jobs");
                assert!(
                    failed.is_empty(),
                    "the scenario left failed jobs: {failed:?}"
                );
            }
        })
        .await;
}

/// A database made for one test, removed when dropped.
pub struct TestDb {
    /// URL the server uses.
    pub url: String,
    schema: Option<(String, String)>,
    dir: PathBuf,
}

impl TestDb {
    /// Creates the database.
    pub async fn create(backend: &Backend) -> TestDb {
        let dir =
            std::env::temp_dir().join(format!("essaim-test-{}", essaim_store::random_token(8)));
        std::fs::create_dir_all(&dir).expect("temp dir");
        match backend {
            Backend::Sqlite => TestDb {
                url: format!("sqlite://{}/essaim.db", dir.display()),
                schema: None,
                dir,
            },
            Backend::Postgres(base) => {
                let schema = format!("t_{}", essaim_store::random_token(6));
                let mut conn = <sqlx::PgConnection as sqlx::Connection>::connect(base)
                    .await
                    .unwrap_or_else(|e| {
                        panic!("PostgreSQL at ESSAIM_TEST_DATABASE_URL is unreachable: {e}")
                    });
                sqlx::query(&format!("CREATE SCHEMA {schema}"))
                    .execute(&mut conn)
                    .await
                    .expect("create schema");
                let sep = if base.contains('?') { '&' } else { '?' };
                TestDb {
                    url: format!("{base}{sep}options=-c%20search_path%3D{schema}"),
                    schema: Some((base.clone(), schema)),
                    dir,
                }
            }
        }
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
        if let Some((base, schema)) = self.schema.take() {
            // Drop runs outside async: use a small runtime on its own thread.
            let _ = std::thread::spawn(move || {
                let Ok(rt) = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                else {
                    return;
                };
                rt.block_on(async move {
                    if let Ok(mut conn) =
                        <sqlx::PgConnection as sqlx::Connection>::connect(&base).await
                    {
                        let _ = sqlx::query(&format!("DROP SCHEMA IF EXISTS {schema} CASCADE"))
                            .execute(&mut conn)
                            .await;
                    }
                });
            })
            .join();
        }
    }
}

/// Server logs on the test output when `RUST_LOG` is set (shown for failing tests).
fn init_logs() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        if let Ok(filter) = std::env::var("RUST_LOG") {
            let _ = tracing_subscriber::fmt()
                .with_env_filter(tracing_subscriber::EnvFilter::new(filter))
                .with_test_writer()
                .try_init();
        }
    });
}

/// Options of a test server.
#[derive(Default)]
pub struct Options {
    /// Start a capturing SMTP server and send to it.
    pub smtp: bool,
    /// Pretend the public address is `https://` (as behind a TLS proxy).
    pub https: bool,
    /// A theme folder whose templates replace the built-in ones.
    pub theme_dir: Option<PathBuf>,
    /// Start the built-in SMTP listener (mail coming in) on a free port.
    pub smtp_listen: bool,
}

/// A running test instance.
pub struct TestApp {
    /// `http://127.0.0.1:PORT`.
    pub base: String,
    /// Its data layer (same clock as the server).
    pub store: Store,
    /// Runs queued jobs on demand (no background worker in tests).
    pub worker: Worker,
    /// The capturing SMTP server, if asked for.
    pub smtp: Option<SmtpCapture>,
    /// The configuration it runs with.
    pub config: Config,
    /// Where the built-in SMTP listener takes mail, if asked for.
    pub smtp_in: Option<std::net::SocketAddr>,
    shutdown: Arc<Notify>,
    /// The database (kept alive as long as the app).
    pub db: Arc<TestDb>,
}

/// The base configuration of test servers.
pub fn test_config(db_url: &str, dir: &std::path::Path) -> Config {
    let mut config = Config::load(None).expect("default configuration");
    config.database_url = db_url.to_string();
    config.listen = "127.0.0.1:0".parse().expect("address");
    config.data_dir = dir.join("files");
    config.worker = false;
    config.smtp_url = None;
    config.mail_domain = "essaim.test".into();
    config.mail_from = "noreply@essaim.test".into();
    config.instance_name = "Réseau Test".into();
    config
}

impl TestApp {
    /// Starts an instance with default options.
    pub async fn start(backend: Backend) -> TestApp {
        Self::start_with(backend, Options::default()).await
    }

    /// Starts an instance.
    pub async fn start_with(backend: Backend, options: Options) -> TestApp {
        let db = Arc::new(TestDb::create(&backend).await);
        Self::start_on(db, options).await
    }

    /// Starts another node on the same database (multi-node tests).
    pub async fn another_node(&self) -> TestApp {
        Self::start_on(self.db.clone(), Options::default()).await
    }

    async fn start_on(db: Arc<TestDb>, options: Options) -> TestApp {
        init_logs();
        let smtp = if options.smtp {
            Some(SmtpCapture::start().await)
        } else {
            None
        };
        let mut config = test_config(&db.url, &db.dir);
        config.smtp_url = smtp.as_ref().map(|s| s.url());
        config.theme_dir = options.theme_dir.clone();
        if options.smtp_listen {
            config.smtp_listen = Some("127.0.0.1:0".parse().expect("address"));
            config.smtp_listen_required = true;
        }
        // Base URL is set once the port is known: start, then restart on it.
        let store = server::open_store(&config).await.expect("store");
        let probe = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("port");
        let addr = probe.local_addr().expect("addr");
        drop(probe);
        config.listen = addr;
        let scheme = if options.https { "https" } else { "http" };
        config.base_url = format!("{scheme}://{addr}").parse().expect("url");
        let Running {
            store,
            worker,
            shutdown,
            smtp_addr,
            ..
        } = server::start_with_store(&config, store)
            .await
            .expect("server starts");
        // Scenarios run through `watched` have their jobs checked at the end.
        let _ = STARTED.try_with(|s| {
            s.borrow_mut()
                .push((store.clone(), worker.clone(), db.clone()))
        });
        TestApp {
            base: format!("http://{addr}"),
            store,
            worker,
            smtp,
            config,
            smtp_in: smtp_addr,
            shutdown,
            db,
        }
    }

    /// The web state of this instance (same store, configuration and
    /// secret as the server), for calling the mail sink directly.
    pub async fn app_state(&self) -> essaim_web::AppState {
        server::app_state(&self.config, self.store.clone(), Arc::new(Notify::new()))
            .await
            .expect("app state")
    }

    /// A new person with an empty cookie jar.
    pub fn browser(&self) -> Browser {
        Browser::new(&self.base, None)
    }

    /// A new person whose browser asks for `lang` (Accept-Language).
    pub fn browser_lang(&self, lang: &str) -> Browser {
        Browser::new(&self.base, Some(lang))
    }

    /// Runs every due job now; a job that failed for good fails the test
    /// (a test that expects one reads [`TestApp::failed_jobs`] instead).
    pub async fn run_jobs(&self) -> usize {
        let ran = self.worker.run_due().await.expect("jobs run");
        let failed = self.failed_jobs().await;
        assert!(failed.is_empty(), "jobs failed: {failed:?}");
        ran
    }

    /// The jobs that failed for good.
    pub async fn failed_jobs(&self) -> Vec<essaim_store::jobs::JobSummary> {
        self.store.failed_jobs(1000).await.expect("failed jobs")
    }

    /// Removes the failed jobs a test made on purpose, once it checked them.
    pub async fn forget_failed_jobs(&self) {
        self.store
            .db()
            .execute(essaim_store::q("DELETE FROM jobs WHERE status = 'failed'"))
            .await
            .expect("forget failed jobs");
    }

    /// The newest outbox messages first.
    pub async fn outbox(&self) -> Vec<essaim_store::outbox::OutboxSummary> {
        self.store.outbox_page(100, 0).await.expect("outbox")
    }

    /// The newest outbox message sent to `to`, whole.
    pub async fn last_email_to(&self, to: &str) -> essaim_store::outbox::OutboxMessage {
        let summary = self
            .outbox()
            .await
            .into_iter()
            .find(|m| m.to_addr == to)
            .unwrap_or_else(|| panic!("no email to {to}"));
        self.store
            .outbox_message(summary.id)
            .await
            .expect("read")
            .expect("message")
    }

    /// Creates a confirmed account with a password, directly in the store.
    pub async fn user(
        &self,
        name: &str,
        email: &str,
        password: &str,
    ) -> essaim_store::accounts::User {
        let hash = essaim_web::hash_password(password.to_string())
            .await
            .expect("hash");
        self.store
            .create_user(&essaim_store::accounts::NewUser {
                email: email.into(),
                name: name.into(),
                password_hash: Some(hash),
                is_admin: false,
                verified: true,
                lang: None,
            })
            .await
            .expect("user")
    }

    /// A browser logged in with email and password.
    pub async fn logged_in(&self, email: &str, password: &str) -> Browser {
        let b = self.browser();
        let res = b
            .post_form("/login", &[("email", email), ("password", password)])
            .await;
        assert_eq!(res.status, 303, "login of {email} failed: {}", res.text);
        b
    }
}

impl Drop for TestApp {
    fn drop(&mut self) {
        self.shutdown.notify_waiters();
    }
}

/// A response read whole.
#[derive(Debug)]
pub struct Resp {
    /// Status code.
    pub status: u16,
    /// Headers.
    pub headers: reqwest::header::HeaderMap,
    /// Body.
    pub text: String,
}

impl Resp {
    /// A header's value as text.
    pub fn header(&self, name: &str) -> Option<String> {
        self.headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string)
    }

    /// The `Location` of a redirect.
    pub fn location(&self) -> String {
        self.header("location").unwrap_or_default()
    }

    /// The body parsed as JSON.
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.text).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.text))
    }

    /// Every `Set-Cookie` value.
    pub fn set_cookies(&self) -> Vec<String> {
        self.headers
            .get_all("set-cookie")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .map(str::to_string)
            .collect()
    }
}

/// A person's browser: keeps cookies, does not follow redirects.
#[derive(Clone)]
pub struct Browser {
    /// The HTTP client.
    pub client: reqwest::Client,
    base: String,
}

impl Browser {
    fn new(base: &str, lang: Option<&str>) -> Browser {
        let mut headers = reqwest::header::HeaderMap::new();
        if let Some(lang) = lang {
            headers.insert("accept-language", lang.parse().expect("header"));
        }
        let client = reqwest::Client::builder()
            .cookie_store(true)
            .redirect(Policy::none())
            .default_headers(headers)
            .build()
            .expect("client");
        Browser {
            client,
            base: base.to_string(),
        }
    }

    fn url(&self, path: &str) -> String {
        if path.starts_with("http") {
            path.to_string()
        } else {
            format!("{}{path}", self.base)
        }
    }

    /// Reads a response whole.
    pub async fn read(res: reqwest::Response) -> Resp {
        let status = res.status().as_u16();
        let headers = res.headers().clone();
        // Undo the escaping of quotes and slashes so tests read the words a
        // person sees ("Trop d'essais"); `<`, `>` and `&` stay escaped.
        let text = res
            .text()
            .await
            .unwrap_or_default()
            .replace("&#x27;", "'")
            .replace("&#x2f;", "/")
            .replace("&quot;", "\"");
        Resp {
            status,
            headers,
            text,
        }
    }

    /// `GET`.
    pub async fn get(&self, path: &str) -> Resp {
        Self::read(self.client.get(self.url(path)).send().await.expect("GET")).await
    }

    /// The anti-forgery key of this browser (read from a page's form).
    pub async fn csrf(&self) -> String {
        let page = self.get("/").await;
        extract(&page.text, r#"name="csrf" value=""#, '"')
            .unwrap_or_else(|| panic!("no csrf field on the page ({}): {}", page.status, page.text))
    }

    /// `POST` a form with this browser's anti-forgery key added.
    pub async fn post_form(&self, path: &str, fields: &[(&str, &str)]) -> Resp {
        let csrf = self.csrf().await;
        let mut all: Vec<(&str, &str)> = fields.to_vec();
        all.push(("csrf", &csrf));
        self.post_raw_form(path, &all).await
    }

    /// `POST` a form exactly as given (no key added).
    pub async fn post_raw_form(&self, path: &str, fields: &[(&str, &str)]) -> Resp {
        Self::read(
            self.client
                .post(self.url(path))
                .form(fields)
                .send()
                .await
                .expect("POST"),
        )
        .await
    }

    /// `POST` raw bytes as a form body.
    pub async fn post_bytes(&self, path: &str, body: Vec<u8>) -> Resp {
        Self::read(
            self.client
                .post(self.url(path))
                .header("content-type", "application/x-www-form-urlencoded")
                .body(body)
                .send()
                .await
                .expect("POST"),
        )
        .await
    }
}

/// The text between `start` and the next `end` character.
pub fn extract(haystack: &str, start: &str, end: char) -> Option<String> {
    let from = haystack.find(start)? + start.len();
    let rest = &haystack[from..];
    Some(rest[..rest.find(end)?].to_string())
}

/// The first link in `text` that contains `path_part`.
pub fn find_link(text: &str, path_part: &str) -> String {
    text.split_whitespace()
        .find(|w| w.starts_with("http") && w.contains(path_part))
        .map(|w| w.trim_end_matches(['.', ',', ')', '>']).to_string())
        .unwrap_or_else(|| panic!("no link with {path_part} in:\n{text}"))
}

/// Parses a raw message and returns its headers by lowercase name (first value).
pub fn headers_of(raw: &[u8]) -> HashMap<String, String> {
    let message = mail_parser::MessageParser::default()
        .parse(raw)
        .expect("parsable message");
    message
        .headers()
        .iter()
        .map(|h| {
            (
                h.name().to_ascii_lowercase(),
                String::from_utf8_lossy(&raw[h.offset_start() as usize..h.offset_end() as usize])
                    .trim()
                    .to_string(),
            )
        })
        .collect()
}
