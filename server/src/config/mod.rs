//! Typed configuration, read once at start-up from environment variables (after an optional
//! `.env`), with development defaults. Every problem names the variable that caused it, so a
//! misconfigured deployment says what to fix instead of failing later in some request.
//!
//! `.env.example` at the repository root documents every variable read here.

use std::{fmt, net::SocketAddr, path::PathBuf, sync::Arc, time::Duration};

use app::limits::LimitSettings;
use leptos::config::{Env as LeptosEnv, LeptosOptions};

use crate::http::client_address::TrustedProxies;

mod security;

/// Used when `HEARTH_SECRET_KEY` is unset in development; production refuses it.
const DEVELOPMENT_SECRET_KEY: &str = "hearth-development-secret-key-do-not-deploy";
const MIN_SECRET_KEY_BYTES: usize = 32;
const DEFAULT_DATABASE_URL: &str = "sqlite://data/hearth.db?mode=rwc";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Environment {
    Development,
    Production,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogFormat {
    /// Human-readable, coloured lines for a terminal.
    Pretty,
    /// One JSON object per line for log collectors.
    Json,
}

/// The signing key for tokens and cookies. Its `Debug` never shows the key.
#[derive(Clone)]
pub struct SecretKey(Arc<str>);

impl SecretKey {
    pub fn expose(&self) -> &[u8] {
        self.0.as_bytes()
    }
}

impl fmt::Debug for SecretKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SecretKey(..)")
    }
}

/// A database URL whose `Debug` and `Display` hide the password.
#[derive(Clone)]
pub struct DatabaseUrl(Arc<str>);

impl DatabaseUrl {
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for DatabaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // scheme://user:password@host/… → scheme://user:***@host/…
        let url = &*self.0;
        let redacted = url.split_once("://").and_then(|(scheme, rest)| {
            let (credentials, host) = rest.split_once('@')?;
            let (user, _password) = credentials.split_once(':')?;
            Some(format!("{scheme}://{user}:***@{host}"))
        });
        f.write_str(redacted.as_deref().unwrap_or(url))
    }
}

impl fmt::Debug for DatabaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "DatabaseUrl({self})")
    }
}

/// Whom e-mail is from unless `HEARTH_MAIL_FROM` says otherwise.
const DEFAULT_MAIL_FROM: &str = "Hearth <hearth@localhost>";

/// `SMTP_URL`, which may hold a password: never printed.
#[derive(Clone)]
pub struct SmtpUrl(Arc<str>);

impl fmt::Debug for SmtpUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SmtpUrl(…)")
    }
}

#[derive(Debug, Clone)]
pub struct Config {
    pub environment: Environment,
    pub database_url: DatabaseUrl,
    pub database_max_connections: u32,
    pub secret_key: SecretKey,
    pub log_format: LogFormat,
    /// A `tracing` filter in `RUST_LOG` syntax.
    pub log_filter: String,
    /// Requests that take longer are answered with 408.
    pub request_timeout: Duration,
    /// Larger request bodies are refused with 413.
    pub max_body_bytes: usize,
    /// How much memory anonymous visitors' pages may take in the page cache; 0 turns it off.
    pub page_cache_bytes: u64,
    /// How many single-threaded runtimes serve requests (`startup::Server`); 0 means one for
    /// each CPU the process may use.
    pub runtimes: usize,
    /// How many background jobs the server runs at once; 0 leaves them to `server worker`.
    pub job_workers: usize,
    /// How long running jobs may take to finish once the server is told to stop.
    pub job_drain: Duration,
    /// Where e-mail goes: an SMTP server, or else the outbox folder.
    pub smtp_url: Option<SmtpUrl>,
    pub outbox_dir: PathBuf,
    pub mail_from: String,
    /// Where files go: an object store's URL with its `AWS_*` options, or else this folder.
    pub storage_url: Option<String>,
    pub storage_options: StorageOptions,
    pub storage_dir: PathBuf,
    /// How large attachments may be: one upload, and a workspace's all together.
    pub attachments: app::attachments::AttachmentLimits,
    /// The address people reach the site at, for links in letters.
    pub public_url: String,
    /// Whose `Forwarded` / `X-Forwarded-For` headers say who the client is.
    pub trusted_proxies: TrustedProxies,
    /// The rate limits, and the Redis that holds their counters if several servers share them.
    pub limits: LimitSettings,
    /// Other sites whose pages may call the API from a browser.
    pub cors_origins: Vec<String>,
    /// How many days the audit log keeps an entry.
    pub audit_retention_days: u32,
    /// HTTPS served directly; `None` for plain HTTP (behind a proxy that terminates TLS).
    pub tls: Option<crate::tls::Tls>,
    pub leptos: LeptosOptions,
}

impl Config {
    /// What `app::services::Services` is built from.
    pub fn services(&self) -> app::services::Settings {
        app::services::Settings {
            database_url: self.database_url.expose().to_owned(),
            pool: app::db::PoolSettings {
                max_connections: self.database_max_connections,
                ..Default::default()
            },
            secret_key: self.secret_key.expose().into(),
            development: self.environment == Environment::Development,
            jobs: app::jobs::QueueSettings::default(),
            mail: app::mail::MailSettings {
                smtp_url: self.smtp_url.as_ref().map(|url| url.0.to_string()),
                outbox: self.outbox_dir.clone(),
                from: self.mail_from.clone(),
                site: self.public_url.clone(),
            },
            limits: self.limits.clone(),
            audit_retention_days: self.audit_retention_days,
            storage: app::storage::StorageSettings {
                dir: self.storage_dir.clone(),
                url: self.storage_url.clone(),
                options: self.storage_options.0.clone(),
            },
            attachments: self.attachments,
        }
    }
}

/// The options of an object store (credentials among them): `Debug` names only the keys.
#[derive(Clone, Default)]
pub struct StorageOptions(pub Vec<(String, String)>);

impl std::fmt::Debug for StorageOptions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list()
            .entries(self.0.iter().map(|(key, _)| key))
            .finish()
    }
}

/// A configuration variable with an unusable value.
#[derive(Debug, thiserror::Error)]
#[error("{variable}: {problem}")]
pub struct ConfigError {
    pub variable: &'static str,
    pub problem: String,
}

impl ConfigError {
    fn new(variable: &'static str, problem: impl Into<String>) -> Self {
        Self {
            variable,
            problem: problem.into(),
        }
    }
}

impl Config {
    /// Reads the process environment. Call `dotenvy::dotenv()` first to honour a `.env` file.
    pub fn from_env() -> Result<Self, ConfigError> {
        Self::from_lookup(|name| std::env::var(name).ok())
    }

    /// Reads configuration through `lookup`, so tests can pass their own variables.
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        let var = |name: &str| lookup(name).filter(|value| !value.trim().is_empty());

        let environment = match var("HEARTH_ENV").as_deref() {
            None | Some("development") => Environment::Development,
            Some("production") => Environment::Production,
            Some(other) => {
                return Err(ConfigError::new(
                    "HEARTH_ENV",
                    format!("'{other}' is not 'development' or 'production'"),
                ));
            }
        };

        let database_url = var("DATABASE_URL").unwrap_or_else(|| DEFAULT_DATABASE_URL.to_owned());
        app::db::Engine::from_url(&database_url)
            .map_err(|error| ConfigError::new("DATABASE_URL", error.to_string()))?;

        let secret_key = secret_key(environment, var("HEARTH_SECRET_KEY"))?;

        let log_format = match var("HEARTH_LOG_FORMAT").as_deref() {
            None => match environment {
                Environment::Development => LogFormat::Pretty,
                Environment::Production => LogFormat::Json,
            },
            Some("pretty") => LogFormat::Pretty,
            Some("json") => LogFormat::Json,
            Some(other) => {
                return Err(ConfigError::new(
                    "HEARTH_LOG_FORMAT",
                    format!("'{other}' is not 'pretty' or 'json'"),
                ));
            }
        };
        let log_filter = var("RUST_LOG").unwrap_or_else(|| "info".to_owned());
        tracing_subscriber::EnvFilter::try_new(&log_filter)
            .map_err(|error| ConfigError::new("RUST_LOG", error.to_string()))?;

        let public = var("HEARTH_PUBLIC_URL");
        let mut config = Self {
            environment,
            database_url: DatabaseUrl(database_url.into()),
            database_max_connections: number(&var, "DATABASE_MAX_CONNECTIONS", 10, 1..=1000)?,
            secret_key,
            log_format,
            log_filter,
            request_timeout: Duration::from_secs(number(
                &var,
                "HEARTH_REQUEST_TIMEOUT_SECS",
                30,
                1..=3600,
            )?),
            max_body_bytes: number(&var, "HEARTH_MAX_BODY_BYTES", 2 * 1024 * 1024, 1..=1 << 30)?,
            page_cache_bytes: number(&var, "HEARTH_PAGE_CACHE_BYTES", 16 << 20, 0..=1 << 34)?,
            runtimes: number(&var, "HEARTH_RUNTIMES", 0, 0..=1024)?,
            job_workers: number(&var, "HEARTH_JOB_WORKERS", 4, 0..=256)?,
            job_drain: Duration::from_secs(number(&var, "HEARTH_JOB_DRAIN_SECS", 25, 0..=3600)?),
            smtp_url: match var("SMTP_URL") {
                Some(url) => {
                    app::mail::check_smtp_url(&url)
                        .map_err(|error| ConfigError::new("SMTP_URL", error.to_string()))?;
                    Some(SmtpUrl(url.into()))
                }
                None => None,
            },
            outbox_dir: var("HEARTH_OUTBOX_DIR")
                .unwrap_or_else(|| "data/outbox".to_owned())
                .into(),
            mail_from: {
                let from = var("HEARTH_MAIL_FROM").unwrap_or_else(|| DEFAULT_MAIL_FROM.to_owned());
                app::mail::check_sender(&from)
                    .map_err(|error| ConfigError::new("HEARTH_MAIL_FROM", error.to_string()))?;
                from
            },
            storage_url: match var("HEARTH_STORAGE_URL") {
                Some(url) => {
                    app::storage::check_url(&url).map_err(|error| {
                        ConfigError::new("HEARTH_STORAGE_URL", error.to_string())
                    })?;
                    Some(url)
                }
                None => None,
            },
            storage_options: StorageOptions(
                app::storage::S3_VARIABLES
                    .iter()
                    .filter_map(|name| var(name).map(|value| (name.to_lowercase(), value)))
                    .collect(),
            ),
            storage_dir: var("HEARTH_STORAGE_DIR")
                .unwrap_or_else(|| "data/storage".to_owned())
                .into(),
            attachments: {
                let default = app::attachments::AttachmentLimits::default();
                app::attachments::AttachmentLimits {
                    max_bytes: number(
                        &var,
                        "HEARTH_ATTACHMENT_MAX_BYTES",
                        default.max_bytes,
                        1..=1 << 40,
                    )?,
                    workspace_quota_bytes: number(
                        &var,
                        "HEARTH_WORKSPACE_QUOTA_BYTES",
                        default.workspace_quota_bytes,
                        0..=1 << 50,
                    )?,
                }
            },
            // Known once the listening address is.
            public_url: String::new(),
            trusted_proxies: security::trusted_proxies(&var)?,
            limits: security::limits(&var)?,
            cors_origins: security::cors_origins(&var)?,
            audit_retention_days: number(&var, "HEARTH_AUDIT_RETENTION_DAYS", 365, 1..=3650)?,
            tls: security::tls(&var)?,
            leptos: leptos_options(&var, environment)?,
        };
        config.public_url = public_url(public, &config.leptos)?;
        Ok(config)
    }
}

/// `HEARTH_PUBLIC_URL`, or else the address the server listens on (`localhost` for a wildcard).
fn public_url(value: Option<String>, leptos: &LeptosOptions) -> Result<String, ConfigError> {
    let Some(url) = value else {
        let address = leptos.site_addr;
        let host = if address.ip().is_unspecified() || address.ip().is_loopback() {
            "localhost".to_owned()
        } else {
            address.ip().to_string()
        };
        return Ok(format!("http://{host}:{}", address.port()));
    };
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .filter(|rest| !rest.is_empty() && !rest.contains(char::is_whitespace));
    match rest {
        Some(_) => Ok(url.trim_end_matches('/').to_owned()),
        None => Err(ConfigError::new(
            "HEARTH_PUBLIC_URL",
            format!("'{url}' is not an http:// or https:// address"),
        )),
    }
}

fn secret_key(environment: Environment, value: Option<String>) -> Result<SecretKey, ConfigError> {
    const VARIABLE: &str = "HEARTH_SECRET_KEY";
    match (environment, value) {
        (Environment::Development, None) => Ok(SecretKey(DEVELOPMENT_SECRET_KEY.into())),
        (Environment::Production, None) => Err(ConfigError::new(
            VARIABLE,
            "must be set in production (for example: openssl rand -base64 48)",
        )),
        (Environment::Production, Some(key)) if key == DEVELOPMENT_SECRET_KEY => {
            Err(ConfigError::new(
                VARIABLE,
                "is the development default, which production refuses",
            ))
        }
        (_, Some(key)) if key.len() < MIN_SECRET_KEY_BYTES => Err(ConfigError::new(
            VARIABLE,
            format!(
                "is {} bytes long; it must be at least {MIN_SECRET_KEY_BYTES}",
                key.len()
            ),
        )),
        (_, Some(key)) => Ok(SecretKey(key.into())),
    }
}

fn number<T>(
    var: &impl Fn(&str) -> Option<String>,
    variable: &'static str,
    default: T,
    range: std::ops::RangeInclusive<T>,
) -> Result<T, ConfigError>
where
    T: std::str::FromStr + PartialOrd + fmt::Display + Copy,
{
    let Some(raw) = var(variable) else {
        return Ok(default);
    };
    let value: T = raw
        .trim()
        .parse()
        .map_err(|_| ConfigError::new(variable, format!("'{raw}' is not a whole number")))?;
    if !range.contains(&value) {
        return Err(ConfigError::new(
            variable,
            format!("{value} is outside {}..={}", range.start(), range.end()),
        ));
    }
    Ok(value)
}

/// Leptos's own settings. cargo-leptos passes them as `LEPTOS_*` variables both when it builds
/// the server (so the compiled-in values below are right for that build) and when it runs it;
/// a variable set at run time wins. This is what lets `target/release/server` run with only
/// `LEPTOS_SITE_ADDR`, `LEPTOS_SITE_ROOT` and `DATABASE_URL` set.
fn leptos_options(
    var: &impl Fn(&str) -> Option<String>,
    environment: Environment,
) -> Result<LeptosOptions, ConfigError> {
    let built_with = |name: &str, compiled: Option<&'static str>| {
        var(name).or_else(|| compiled.map(str::to_owned))
    };
    let site_addr: SocketAddr = var("LEPTOS_SITE_ADDR")
        .unwrap_or_else(|| "127.0.0.1:3000".to_owned())
        .parse()
        .map_err(|_| {
            ConfigError::new("LEPTOS_SITE_ADDR", "is not an address like 127.0.0.1:3000")
        })?;
    let hash_files = match built_with("LEPTOS_HASH_FILES", option_env!("LEPTOS_HASH_FILES")) {
        None => false,
        Some(value) => value
            .parse()
            .map_err(|_| ConfigError::new("LEPTOS_HASH_FILES", "is not 'true' or 'false'"))?,
    };
    let mut options = LeptosOptions::builder()
        .output_name(
            built_with("LEPTOS_OUTPUT_NAME", option_env!("LEPTOS_OUTPUT_NAME"))
                .unwrap_or_else(|| "hearth".to_owned()),
        )
        .site_root(var("LEPTOS_SITE_ROOT").unwrap_or_else(|| "target/site".to_owned()))
        .site_pkg_dir(var("LEPTOS_SITE_PKG_DIR").unwrap_or_else(|| "pkg".to_owned()))
        .site_addr(site_addr)
        .env(match environment {
            Environment::Development => LeptosEnv::DEV,
            Environment::Production => LeptosEnv::PROD,
        })
        .reload_port(number(var, "LEPTOS_RELOAD_PORT", 3001, 1..=65535)?)
        .hash_files(hash_files)
        .build();
    if let Some(name) = built_with(
        "LEPTOS_HASH_FILE_NAME",
        option_env!("LEPTOS_HASH_FILE_NAME"),
    ) {
        options.hash_file = name.into();
    }
    if options.hash_files {
        check_hash_file(&options.hash_file)?;
    }
    Ok(options)
}

/// Leptos reads the hash file on every page render, relative to the executable, and panics
/// when it is missing; finding that out at start-up is kinder.
fn check_hash_file(name: &str) -> Result<(), ConfigError> {
    let beside_executable = app::bundle::hash_file_path(name);
    if beside_executable.is_file() {
        Ok(())
    } else {
        Err(ConfigError::new(
            "LEPTOS_HASH_FILE_NAME",
            format!(
                "hashed file names are on, but {} does not exist (build with `cargo leptos \
                 build`, keep hash.txt next to the server, or set LEPTOS_HASH_FILES=false)",
                beside_executable.display()
            ),
        ))
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::*;

    /// The configuration these variables give. Hashed file names are off unless asked for: a
    /// build by cargo-leptos compiles them in as on, and a test binary has no hash file beside
    /// it (`hashed_file_names_need_the_hash_file` checks that case).
    fn config(vars: &[(&str, &str)]) -> Result<Config, ConfigError> {
        let mut vars: HashMap<String, String> = vars
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect();
        vars.entry("LEPTOS_HASH_FILES".to_owned())
            .or_insert_with(|| "false".to_owned());
        Config::from_lookup(|name| vars.get(name).cloned())
    }

    #[test]
    fn development_needs_no_variables() {
        let config = config(&[]).unwrap();
        assert_eq!(config.environment, Environment::Development);
        assert_eq!(
            config.database_url.expose(),
            "sqlite://data/hearth.db?mode=rwc"
        );
        assert_eq!(config.log_format, LogFormat::Pretty);
        assert_eq!(config.leptos.site_addr.to_string(), "127.0.0.1:3000");
        assert_eq!(&*config.leptos.site_root, "target/site");
    }

    #[test]
    fn production_refuses_a_missing_short_or_development_secret() {
        for key in [None, Some("too-short"), Some(DEVELOPMENT_SECRET_KEY)] {
            let mut vars = vec![("HEARTH_ENV", "production")];
            if let Some(key) = key {
                vars.push(("HEARTH_SECRET_KEY", key));
            }
            let error = config(&vars).unwrap_err();
            assert_eq!(error.variable, "HEARTH_SECRET_KEY", "key {key:?}");
        }
    }

    #[test]
    fn production_takes_a_long_secret_and_logs_json() {
        let key = "k".repeat(48);
        let config = config(&[("HEARTH_ENV", "production"), ("HEARTH_SECRET_KEY", &key)]).unwrap();
        assert_eq!(config.secret_key.expose(), key.as_bytes());
        assert_eq!(config.log_format, LogFormat::Json);
        assert!(
            !format!("{config:?}").contains(&key),
            "the secret leaked into Debug"
        );
    }

    #[test]
    fn each_bad_value_names_its_variable() {
        let cases = [
            ("HEARTH_ENV", "staging"),
            ("DATABASE_URL", "mysql://localhost/hearth"),
            ("DATABASE_MAX_CONNECTIONS", "many"),
            ("DATABASE_MAX_CONNECTIONS", "0"),
            ("HEARTH_LOG_FORMAT", "xml"),
            ("RUST_LOG", "info,[[["),
            ("HEARTH_REQUEST_TIMEOUT_SECS", "-1"),
            ("HEARTH_MAX_BODY_BYTES", "2MB"),
            ("LEPTOS_SITE_ADDR", "localhost"),
            ("LEPTOS_HASH_FILES", "yes"),
            ("HEARTH_SECRET_KEY", "short"),
            ("HEARTH_JOB_WORKERS", "lots"),
            ("SMTP_URL", "ftp://mail.example.com"),
            ("HEARTH_MAIL_FROM", "Hearth at example dot com"),
            ("HEARTH_PUBLIC_URL", "hearth.example.com"),
            ("HEARTH_STORAGE_URL", "ftp://files.example.com/hearth"),
        ];
        for (variable, value) in cases {
            let error = config(&[(variable, value)]).unwrap_err();
            assert_eq!(
                error.variable, variable,
                "{variable}={value} blamed {}",
                error.variable
            );
            assert!(error.to_string().starts_with(variable));
        }
    }

    #[test]
    fn letters_link_to_the_public_address_or_else_where_the_server_listens() {
        let listening = config(&[("LEPTOS_SITE_ADDR", "0.0.0.0:8080")]).unwrap();
        assert_eq!(listening.public_url, "http://localhost:8080");
        let public = config(&[("HEARTH_PUBLIC_URL", "https://hearth.example.com/")]).unwrap();
        assert_eq!(public.public_url, "https://hearth.example.com");
        assert_eq!(public.services().mail.site, "https://hearth.example.com");
    }

    #[test]
    fn hashed_file_names_need_the_hash_file() {
        let missing = config(&[
            ("LEPTOS_HASH_FILES", "true"),
            ("LEPTOS_HASH_FILE_NAME", "/nonexistent/hash.txt"),
        ]);
        assert_eq!(missing.unwrap_err().variable, "LEPTOS_HASH_FILE_NAME");

        let hash_file =
            std::env::temp_dir().join(format!("hearth-hash-{}.txt", uuid::Uuid::new_v4()));
        std::fs::write(&hash_file, "js: 1\nwasm: 1\ncss: 1\n").unwrap();
        let found = config(&[
            ("LEPTOS_HASH_FILES", "true"),
            ("LEPTOS_HASH_FILE_NAME", hash_file.to_str().unwrap()),
        ]);
        std::fs::remove_file(&hash_file).unwrap();
        assert!(found.unwrap().leptos.hash_files);
    }

    #[test]
    fn the_database_password_is_hidden_when_printed() {
        let config =
            config(&[("DATABASE_URL", "postgres://hearth:hunter2@db:5432/hearth")]).unwrap();
        assert_eq!(
            config.database_url.to_string(),
            "postgres://hearth:***@db:5432/hearth"
        );
        assert!(!format!("{config:?}").contains("hunter2"));
        assert_eq!(
            config.database_url.expose(),
            "postgres://hearth:hunter2@db:5432/hearth"
        );
    }

    #[test]
    fn the_example_env_file_documents_every_variable() {
        let asked = std::cell::RefCell::new(Vec::new());
        let _ = Config::from_lookup(|name| {
            asked.borrow_mut().push(name.to_owned());
            None
        });
        let mut asked = asked.into_inner();
        // Read by `server create-admin`, not by the configuration.
        asked.push("HEARTH_ADMIN_PASSWORD".to_owned());
        let example = include_str!("../../../.env.example");
        let documented: Vec<&str> = example
            .lines()
            .filter_map(|line| line.trim_start_matches("# ").split_once('='))
            .map(|(name, _)| name)
            .collect();
        for name in &asked {
            assert!(
                documented.contains(&name.as_str()),
                "{name} is not in .env.example"
            );
        }
        assert!(asked.len() >= 15, "{asked:?}");
    }
}
