//! Configuration: a TOML file overlaid by `ESSAIM_*` environment variables.
//! A wrong value stops start-up with one line naming the setting.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use figment::providers::{Env, Format, Toml};
use figment::Figment;
use serde::Deserialize;

/// Every setting's name (the file's keys, `ESSAIM_` + upper case in the
/// environment).
const KNOWN: &[&str] = &[
    "database_url",
    "listen",
    "base_url",
    "data_dir",
    "smtp_url",
    "mail_from",
    "mail_domain",
    "instance_name",
    "accent_color",
    "timezone",
    "trust_proxy",
    "theme_dir",
    "worker",
    "job_lease_seconds",
    "body_limit_kb",
    "log",
    "map_tiles",
    "map_attribution",
    "smtp_listen",
    "smtp_tls_cert",
    "smtp_tls_key",
];

/// Settings as written by the host (all optional; defaults below).
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Raw {
    database_url: Option<String>,
    listen: Option<String>,
    base_url: Option<String>,
    data_dir: Option<String>,
    smtp_url: Option<String>,
    mail_from: Option<String>,
    mail_domain: Option<String>,
    instance_name: Option<String>,
    accent_color: Option<String>,
    timezone: Option<String>,
    trust_proxy: Option<bool>,
    theme_dir: Option<String>,
    worker: Option<bool>,
    job_lease_seconds: Option<i64>,
    body_limit_kb: Option<usize>,
    log: Option<String>,
    map_tiles: Option<String>,
    map_attribution: Option<String>,
    smtp_listen: Option<String>,
    smtp_tls_cert: Option<String>,
    smtp_tls_key: Option<String>,
}

/// The checked configuration.
#[derive(Debug, Clone)]
pub struct Config {
    /// `sqlite://…` or `postgres://…`.
    pub database_url: String,
    /// Address to listen on.
    pub listen: SocketAddr,
    /// Public URL.
    pub base_url: url::Url,
    /// Folder for uploads.
    pub data_dir: PathBuf,
    /// SMTP server for outgoing mail; `None` keeps mail in the outbox.
    pub smtp_url: Option<String>,
    /// Sender address.
    pub mail_from: String,
    /// Domain of message ids and group addresses.
    pub mail_domain: String,
    /// Name shown everywhere.
    pub instance_name: String,
    /// Accent colour `#rrggbb`.
    pub accent_color: String,
    /// Time zone for dates.
    pub timezone: chrono_tz::Tz,
    /// Trust `X-Forwarded-For`.
    pub trust_proxy: bool,
    /// Template overrides.
    pub theme_dir: Option<PathBuf>,
    /// Run the job worker in this process.
    pub worker: bool,
    /// Seconds a claimed job is reserved.
    pub job_lease_seconds: i64,
    /// Largest request body, bytes.
    pub body_limit: usize,
    /// Log filter (`info`, `essaim=debug`…).
    pub log: String,
    /// Map tile URL template.
    pub map_tiles: String,
    /// Map attribution (HTML).
    pub map_attribution: String,
    /// Where the built-in SMTP listener takes incoming mail; `None` (the
    /// default) leaves it off.
    pub smtp_listen: Option<SocketAddr>,
    /// Whether failing to listen there stops start-up (the host asked for
    /// it); the demo's own default only warns.
    pub smtp_listen_required: bool,
    /// The certificate and key the listener offers with STARTTLS.
    pub smtp_tls: Option<essaim_mail::listener::TlsFiles>,
}

/// A configuration mistake, naming the setting.
#[derive(Debug)]
pub struct ConfigError(pub String);

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ConfigError {}

fn bad(setting: &str, message: impl std::fmt::Display) -> ConfigError {
    ConfigError(format!("ESSAIM_{}: {message}", setting.to_uppercase()))
}

impl Config {
    /// Reads `file` (or `./essaim.toml` if present) then the environment.
    pub fn load(file: Option<&Path>) -> Result<Config, ConfigError> {
        let mut figment = Figment::new();
        match file {
            Some(path) => {
                if !path.exists() {
                    return Err(ConfigError(format!(
                        "--config: file {} not found",
                        path.display()
                    )));
                }
                figment = figment.merge(Toml::file(path));
            }
            None if Path::new("essaim.toml").exists() => {
                figment = figment.merge(Toml::file("essaim.toml"));
            }
            None => {}
        }
        // Other ESSAIM_* variables (a test's, a script's) are not settings:
        // they are left alone; a typo in the file is still refused.
        figment = figment.merge(
            Env::prefixed("ESSAIM_")
                .filter(|key| KNOWN.iter().any(|k| key.as_str().eq_ignore_ascii_case(k))),
        );
        let raw: Raw = figment.extract().map_err(|e| {
            let setting = e.path.first().cloned().unwrap_or_default();
            if setting.is_empty() {
                ConfigError(format!("configuration: {}", e.kind))
            } else {
                bad(&setting, e.kind)
            }
        })?;
        Config::check(raw)
    }

    fn check(raw: Raw) -> Result<Config, ConfigError> {
        let database_url = raw
            .database_url
            .unwrap_or_else(|| "sqlite://./essaim-data/essaim.db".into());
        if !(database_url.starts_with("sqlite:")
            || database_url.starts_with("postgres:")
            || database_url.starts_with("postgresql:"))
        {
            return Err(bad(
                "database_url",
                "must start with sqlite:// or postgres://",
            ));
        }
        let listen_text = raw.listen.unwrap_or_else(|| "127.0.0.1:8080".into());
        let listen: SocketAddr = listen_text.parse().map_err(|_| {
            bad(
                "listen",
                format!("«{listen_text}» is not an address like 127.0.0.1:8080"),
            )
        })?;
        let base_text = raw.base_url.unwrap_or_else(|| format!("http://{listen}"));
        let base_url = url::Url::parse(&base_text)
            .ok()
            .filter(|u| matches!(u.scheme(), "http" | "https") && u.host().is_some())
            .ok_or_else(|| {
                bad(
                    "base_url",
                    format!("«{base_text}» is not an http:// or https:// address"),
                )
            })?;
        let smtp_url = raw.smtp_url.filter(|s| !s.trim().is_empty());
        if let Some(smtp) = &smtp_url {
            essaim_mail::SmtpSender::from_url(smtp).map_err(|e| bad("smtp_url", e))?;
        }
        let default_domain = base_url.host_str().unwrap_or("localhost").to_string();
        let mail_domain = raw.mail_domain.unwrap_or(default_domain);
        let domain_ok = !mail_domain.is_empty()
            && mail_domain.len() <= 253
            && mail_domain
                .split('.')
                .all(|l| !l.is_empty() && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'));
        if !domain_ok {
            return Err(bad(
                "mail_domain",
                format!("«{mail_domain}» is not a domain name"),
            ));
        }
        let mail_from = raw
            .mail_from
            .unwrap_or_else(|| format!("noreply@{mail_domain}"));
        // `localhost` has no dot; accept it for sender addresses on a laptop.
        let check_from = if mail_from.ends_with("@localhost") {
            format!("{mail_from}.test")
        } else {
            mail_from.clone()
        };
        essaim_domain::accounts::normalize_email(&check_from).map_err(|_| {
            bad(
                "mail_from",
                format!("«{mail_from}» is not an email address"),
            )
        })?;
        let accent_color = raw.accent_color.unwrap_or_else(|| "#1d6b5f".into());
        check_accent(&accent_color).map_err(|e| bad("accent_color", e))?;
        let tz_text = raw.timezone.unwrap_or_else(|| "Europe/Paris".into());
        let timezone: chrono_tz::Tz = tz_text.parse().map_err(|_| {
            bad(
                "timezone",
                format!("«{tz_text}» is not a time zone like Europe/Paris"),
            )
        })?;
        let job_lease_seconds = raw.job_lease_seconds.unwrap_or(300);
        if !(1..=86_400).contains(&job_lease_seconds) {
            return Err(bad("job_lease_seconds", "must be between 1 and 86400"));
        }
        let body_limit_kb = raw.body_limit_kb.unwrap_or(1024);
        if !(16..=1_048_576).contains(&body_limit_kb) {
            return Err(bad("body_limit_kb", "must be between 16 and 1048576"));
        }
        let map_tiles = raw
            .map_tiles
            .unwrap_or_else(|| "https://tile.openstreetmap.org/{z}/{x}/{y}.png".into());
        let tiles_ok = (map_tiles.starts_with("https://") || map_tiles.starts_with("http://"))
            && ["{z}", "{x}", "{y}"].iter().all(|p| map_tiles.contains(p))
            && !map_tiles.contains(char::is_whitespace)
            && !map_tiles.contains(['"', '\'', ';']);
        if !tiles_ok {
            return Err(bad(
                "map_tiles",
                "must be an http(s) address containing {z}, {x} and {y}",
            ));
        }
        let map_attribution = raw.map_attribution.unwrap_or_else(|| {
            "&copy; <a href=\"https://www.openstreetmap.org/copyright\">OpenStreetMap</a>".into()
        });
        let smtp_listen = match raw.smtp_listen.as_deref().map(str::trim) {
            None | Some("") | Some("off") | Some("false") | Some("no") => None,
            Some(text) => Some(text.parse::<SocketAddr>().map_err(|_| {
                bad(
                    "smtp_listen",
                    format!("«{text}» is not an address like 0.0.0.0:2525 (or off)"),
                )
            })?),
        };
        let smtp_tls = smtp_tls(raw.smtp_tls_cert, raw.smtp_tls_key)?;
        Ok(Config {
            smtp_listen_required: smtp_listen.is_some(),
            smtp_listen,
            smtp_tls,
            map_tiles,
            map_attribution,
            database_url,
            listen,
            base_url,
            data_dir: PathBuf::from(raw.data_dir.unwrap_or_else(|| "./essaim-data/files".into())),
            smtp_url,
            mail_from,
            mail_domain,
            instance_name: raw.instance_name.unwrap_or_else(|| "Essaim".into()),
            accent_color,
            timezone,
            trust_proxy: raw.trust_proxy.unwrap_or(false),
            theme_dir: raw.theme_dir.map(PathBuf::from),
            worker: raw.worker.unwrap_or(true),
            job_lease_seconds,
            body_limit: body_limit_kb * 1024,
            log: raw.log.unwrap_or_else(|| "info".into()),
        })
    }
}

/// Reads the listener's certificate and key settings: both or neither,
/// files that exist and hold what they should.
fn smtp_tls(
    cert: Option<String>,
    key: Option<String>,
) -> Result<Option<essaim_mail::listener::TlsFiles>, ConfigError> {
    let cert = cert.filter(|s| !s.trim().is_empty());
    let key = key.filter(|s| !s.trim().is_empty());
    let (cert, key) = match (cert, key) {
        (None, None) => return Ok(None),
        (Some(_), None) => {
            return Err(bad(
                "smtp_tls_key",
                "needed with ESSAIM_SMTP_TLS_CERT (the certificate's private key, PEM)",
            ))
        }
        (None, Some(_)) => {
            return Err(bad(
                "smtp_tls_cert",
                "needed with ESSAIM_SMTP_TLS_KEY (the certificate, PEM)",
            ))
        }
        (Some(cert), Some(key)) => (PathBuf::from(cert), PathBuf::from(key)),
    };
    for (setting, path) in [("smtp_tls_cert", &cert), ("smtp_tls_key", &key)] {
        if !path.is_file() {
            return Err(bad(setting, format!("file {} not found", path.display())));
        }
    }
    let files = essaim_mail::listener::TlsFiles { cert, key };
    essaim_mail::listener::tls_acceptor(&files).map_err(|e| {
        let message = e.to_string();
        let setting = if message.starts_with("key") {
            "smtp_tls_key"
        } else {
            "smtp_tls_cert"
        };
        bad(setting, message)
    })?;
    Ok(Some(files))
}

/// Checks `#rrggbb` and that white text on it, and it as text on the page
/// background, both reach the WCAG AA contrast of 4.5:1.
fn check_accent(color: &str) -> Result<(), String> {
    let hex = color
        .strip_prefix('#')
        .filter(|h| h.len() == 6 && h.chars().all(|c| c.is_ascii_hexdigit()))
        .ok_or_else(|| format!("«{color}» is not a colour like #1d6b5f"))?;
    let channel = |i: usize| {
        let v = u8::from_str_radix(&hex[i..i + 2], 16).unwrap_or(0) as f64 / 255.0;
        if v <= 0.03928 {
            v / 12.92
        } else {
            ((v + 0.055) / 1.055).powf(2.4)
        }
    };
    let lum = 0.2126 * channel(0) + 0.7152 * channel(2) + 0.0722 * channel(4);
    let page = 0.9301; // luminance of the page background #faf7f2
    let on_white = 1.05 / (lum + 0.05);
    let on_page = (page + 0.05) / (lum + 0.05);
    if on_white < 4.5 || on_page < 4.5 {
        return Err(format!(
            "«{color}» is too light: text would be hard to read (contrast {:.1}:1, at least 4.5:1 needed)",
            on_white.min(on_page)
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accent_needs_contrast() {
        assert!(check_accent("#1d6b5f").is_ok());
        assert!(check_accent("#ffdd00").is_err());
        assert!(check_accent("teal").is_err());
    }

    #[test]
    fn wrong_values_name_the_setting() {
        let raw = Raw {
            listen: Some("nowhere".into()),
            ..Raw::default()
        };
        assert!(Config::check(raw)
            .unwrap_err()
            .0
            .starts_with("ESSAIM_LISTEN:"));
        let raw = Raw {
            database_url: Some("mysql://x".into()),
            ..Raw::default()
        };
        assert!(Config::check(raw)
            .unwrap_err()
            .0
            .starts_with("ESSAIM_DATABASE_URL:"));
        let raw = Raw {
            smtp_url: Some("http://x".into()),
            ..Raw::default()
        };
        assert!(Config::check(raw)
            .unwrap_err()
            .0
            .starts_with("ESSAIM_SMTP_URL:"));
        let raw = Raw {
            timezone: Some("Mars/Olympus".into()),
            ..Raw::default()
        };
        assert!(Config::check(raw)
            .unwrap_err()
            .0
            .starts_with("ESSAIM_TIMEZONE:"));
        let ok = Config::check(Raw::default()).unwrap();
        assert_eq!(ok.mail_from, "noreply@127.0.0.1");
        assert_eq!(ok.smtp_listen, None, "the SMTP listener is off by default");
    }

    #[test]
    fn smtp_listener_settings_name_themselves() {
        let check = |raw: Raw| Config::check(raw).map(|c| c.smtp_listen);
        let listen = |v: &str| Raw {
            smtp_listen: Some(v.into()),
            ..Raw::default()
        };
        assert_eq!(check(listen("off")).unwrap(), None);
        assert_eq!(
            check(listen("0.0.0.0:2525")).unwrap(),
            Some("0.0.0.0:2525".parse().unwrap())
        );
        assert!(check(listen("port 25"))
            .unwrap_err()
            .0
            .starts_with("ESSAIM_SMTP_LISTEN:"));
        let tls = |cert: Option<&str>, key: Option<&str>| Raw {
            smtp_tls_cert: cert.map(str::to_string),
            smtp_tls_key: key.map(str::to_string),
            ..Raw::default()
        };
        assert!(check(tls(Some("/nowhere/cert.pem"), None))
            .unwrap_err()
            .0
            .starts_with("ESSAIM_SMTP_TLS_KEY:"));
        assert!(check(tls(None, Some("/nowhere/key.pem")))
            .unwrap_err()
            .0
            .starts_with("ESSAIM_SMTP_TLS_CERT:"));
        assert!(
            check(tls(Some("/nowhere/cert.pem"), Some("/nowhere/key.pem")))
                .unwrap_err()
                .0
                .starts_with("ESSAIM_SMTP_TLS_CERT: file /nowhere/cert.pem not found")
        );
        let dir = std::env::temp_dir().join(format!("essaim-config-tls-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let junk = dir.join("junk.pem");
        std::fs::write(&junk, "not PEM").unwrap();
        let junk = junk.to_str().unwrap();
        let err = check(tls(Some(junk), Some(junk))).unwrap_err().0;
        std::fs::remove_dir_all(&dir).unwrap();
        assert!(err.starts_with("ESSAIM_SMTP_TLS_CERT:"), "{err}");
    }
}
