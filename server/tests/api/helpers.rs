//! `TestApp`: a running Hearth on a random port with a database of its own, and the typed
//! helpers every test file uses to talk to it: API calls, a signed-in `TestUser` with a bearer
//! token, and a `Browser` (no JavaScript) with a cookie jar that posts forms.
//!
//! SQLite tests get a file in a temporary directory. PostgreSQL tests get a new database on the
//! server named by `HEARTH_TEST_POSTGRES_URL` (which `make test` starts and sets). Without that
//! variable the PostgreSQL half of the suite fails loudly rather than passing untested, and
//! every app asserts through `/readyz` that the engine it was asked for is the one answering.

use std::{collections::HashMap, path::Path};

use app::{limits::Limit, services::Services};
use http::StatusCode;
use serde_json::{Value, json};
use server::{config::Config, startup::Application};
use sqlx::{Connection, PgConnection};
use tokio::sync::oneshot;

use crate::http::{Client, Response};

/// A password the strength rules accept.
pub const PASSWORD: &str = "copper kettle rain lantern";
pub const NAME: &str = "Ann Lee";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Engine {
    Sqlite,
    Postgres,
}

impl Engine {
    /// The name `/readyz` reports.
    pub fn name(self) -> &'static str {
        match self {
            Self::Sqlite => "SQLite",
            Self::Postgres => "PostgreSQL",
        }
    }
}

/// Declares each listed `async fn name(engine: Engine)` as two tests, `sqlite::name` and
/// `postgres::name`, so every database test runs on both engines.
#[macro_export]
macro_rules! on_both_engines {
    ($($test:ident),+ $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test]
                async fn $test() {
                    super::$test($crate::helpers::Engine::Sqlite).await;
                }
            )+
        }
        mod postgres {
            $(
                #[tokio::test]
                async fn $test() {
                    super::$test($crate::helpers::Engine::Postgres).await;
                }
            )+
        }
    };
}

/// A database made for one test.
pub struct TestDatabase {
    pub url: String,
    // Holds the SQLite file's directory until the test ends.
    _dir: Option<TempDir>,
}

impl TestDatabase {
    pub async fn create(engine: Engine) -> Self {
        match engine {
            Engine::Sqlite => {
                let dir = TempDir::new();
                let url = format!("sqlite://{}/hearth.db", dir.path().display());
                Self {
                    url,
                    _dir: Some(dir),
                }
            }
            Engine::Postgres => {
                let admin_url = postgres_admin_url();
                let name = format!("hearth_test_{}", uuid::Uuid::new_v4().simple());
                let mut admin = PgConnection::connect(&admin_url).await.unwrap();
                sqlx::query(&format!(r#"CREATE DATABASE "{name}""#))
                    .execute(&mut admin)
                    .await
                    .unwrap();
                admin.close().await.unwrap();
                let (base, _database) = admin_url.rsplit_once('/').unwrap();
                Self {
                    url: format!("{base}/{name}"),
                    _dir: None,
                }
            }
        }
    }
}

/// The services' settings for a test that builds them itself (without a server).
pub fn service_settings(database_url: &str) -> app::services::Settings {
    app::services::Settings {
        database_url: database_url.to_owned(),
        pool: Default::default(),
        secret_key: (*b"a test secret that is long enough").into(),
        development: true,
        jobs: Default::default(),
        mail: app::mail::MailSettings {
            smtp_url: None,
            outbox: std::env::temp_dir().join(format!("hearth-outbox-{}", uuid::Uuid::new_v4())),
            from: "Hearth <hearth@example.com>".to_owned(),
            site: "http://localhost:3000".to_owned(),
        },
        storage: app::storage::StorageSettings {
            dir: std::env::temp_dir().join(format!("hearth-storage-{}", uuid::Uuid::new_v4())),
            url: None,
            options: Vec::new(),
        },
        attachments: Default::default(),
        limits: Default::default(),
        audit_retention_days: 365,
    }
}

/// The PostgreSQL server the tests may create databases on.
pub fn postgres_admin_url() -> String {
    std::env::var("HEARTH_TEST_POSTGRES_URL").expect(
        "HEARTH_TEST_POSTGRES_URL is not set: run the suite with `make test`, which starts \
         PostgreSQL, or point it at a server where you may create databases (for example \
         postgres://postgres@127.0.0.1:5432/postgres)",
    )
}

impl TestDatabase {
    /// The same database, reached through another address (`from` replaced by `to`).
    pub fn via(mut self, from: &str, to: &str) -> Self {
        self.url = self.url.replace(from, to);
        self
    }
}

pub struct TestApp {
    pub address: String,
    /// Follows no redirects and keeps no cookies: each test sees exactly what was answered.
    pub client: Client,
    pub services: Services,
    _site_root: TempDir,
    _database: TestDatabase,
    _stop: oneshot::Sender<()>,
}

impl TestApp {
    /// Starts the application on `engine` with a small fake site (a hashed CSS bundle and its
    /// brotli twin, and a public asset) standing in for what cargo-leptos builds.
    pub async fn spawn(engine: Engine) -> Self {
        Self::spawn_with(engine, &[]).await
    }

    /// An app on the embedded default (SQLite), for tests that touch no database: their
    /// outcome cannot depend on the engine, so they run once.
    pub async fn start() -> Self {
        Self::spawn(Engine::Sqlite).await
    }

    pub async fn spawn_with(engine: Engine, extra: &[(&str, &str)]) -> Self {
        let database = TestDatabase::create(engine).await;
        Self::spawn_on(engine, database, extra).await
    }

    /// Starts the application on a database made beforehand (reached as its URL says).
    pub async fn spawn_on(engine: Engine, database: TestDatabase, extra: &[(&str, &str)]) -> Self {
        let site_root = TempDir::new();
        write_fake_site(site_root.path());
        let hash_file = site_root.path().join("hash.txt");
        let outbox = site_root.path().join("outbox");

        let mut vars: HashMap<String, String> = [
            ("DATABASE_URL", database.url.as_str()),
            ("LEPTOS_SITE_ADDR", "127.0.0.1:0"),
            ("LEPTOS_SITE_ROOT", site_root.path().to_str().unwrap()),
            ("LEPTOS_OUTPUT_NAME", "hearth"),
            ("LEPTOS_HASH_FILES", "true"),
            ("LEPTOS_HASH_FILE_NAME", hash_file.to_str().unwrap()),
            ("RUST_LOG", "warn"),
            // Background jobs run in the tests that ask for them (`jobs.rs`, `mail.rs`, `cli.rs`),
            // not beside every request a test makes.
            ("HEARTH_JOB_WORKERS", "0"),
            ("HEARTH_OUTBOX_DIR", outbox.to_str().unwrap()),
        ]
        .into_iter()
        .chain(extra.iter().copied())
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect();
        vars.entry("DATABASE_MAX_CONNECTIONS".into())
            .or_insert_with(|| "4".into());
        // Every request of a test comes from 127.0.0.1: the limits per client address would
        // count a whole test's registrations and log-ins as one client's. Tests of the limits
        // set their own (`rate_limits.rs`); the limits per account keep their defaults.
        for limit in [
            Limit::LoginPerAddress,
            Limit::RegistrationPerAddress,
            Limit::MailPerAddress,
            Limit::PasswordPerAddress,
            Limit::ApiPerAddress,
        ] {
            vars.entry(limit.variable().into())
                .or_insert_with(|| "10000/1m".into());
        }
        let config = Config::from_lookup(|name| vars.get(name).cloned()).unwrap();

        let application = Application::build(config).await.unwrap();
        let address = format!("http://{}", application.address());
        let services = application.services().clone();
        let (stop, stopped) = oneshot::channel::<()>();
        tokio::spawn(application.run_until_stopped(async move {
            let _ = stopped.await;
        }));

        let app = Self {
            address,
            client: Client,
            services,
            _site_root: site_root,
            _database: database,
            _stop: stop,
        };
        // Over HTTPS the tests' own client cannot ask (`tls.rs` asks with curl).
        if !vars.contains_key("HEARTH_TLS_CERT") {
            let ready: Value = app.get("/readyz").await.json().await.unwrap();
            assert_eq!(
                ready["database"],
                engine.name(),
                "asked for {engine:?}, running on {ready}"
            );
        }
        app
    }

    /// An app whose own job worker runs (one), as a server does: letters reach its outbox.
    pub async fn with_jobs(engine: Engine) -> Self {
        Self::spawn_with(engine, &[("HEARTH_JOB_WORKERS", "1")]).await
    }

    /// The folder the app writes its letters to (it has no SMTP).
    pub fn outbox(&self) -> std::path::PathBuf {
        self._site_root.path().join("outbox")
    }

    /// The letters to `to` in the outbox once there are `count` of them, oldest first (waits
    /// up to ten seconds for the app's job worker to write them).
    pub async fn letters_to(&self, to: &str, count: usize) -> Vec<app::mail::outbox::Kept> {
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
        loop {
            let mut letters: Vec<_> = app::mail::outbox::letters(&self.outbox())
                .into_iter()
                .filter(|letter| letter.to.contains(to))
                .collect();
            if letters.len() >= count {
                letters.reverse();
                return letters;
            }
            assert!(
                std::time::Instant::now() < deadline,
                "{count} letter(s) to {to} did not arrive; found {}",
                letters.len()
            );
            tokio::time::sleep(std::time::Duration::from_millis(25)).await;
        }
    }

    /// The letters to `to` in the outbox now.
    pub fn letters_to_now(&self, to: &str) -> Vec<app::mail::outbox::Kept> {
        app::mail::outbox::letters(&self.outbox())
            .into_iter()
            .filter(|letter| letter.to.contains(to))
            .collect()
    }

    /// The token of the link in `letter` that leads to `path`.
    pub fn token_in(letter: &app::mail::outbox::Kept, path: &str) -> String {
        let start = letter
            .text
            .find(&format!("{path}?token="))
            .unwrap_or_else(|| panic!("no link to {path} in {}", letter.text));
        letter.text[start + path.len() + "?token=".len()..]
            .split(|c: char| c.is_whitespace())
            .next()
            .unwrap()
            .to_owned()
    }

    /// Runs `sql` with one time as its parameter on the app's database (moving a token's times
    /// into the past, say).
    pub async fn execute_at(&self, sql: &str, parameter: time::OffsetDateTime) {
        app::with_pool!(&self.services.db, pool => sqlx::query(sql)
            .bind(parameter)
            .execute(pool)
            .await
            .map(drop))
        .unwrap();
    }

    /// The URL of this app's database, as the app reaches it.
    pub fn database_url(&self) -> &str {
        &self._database.url
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.address, path)
    }

    pub async fn get(&self, path: &str) -> Response {
        self.client.get(self.url(path)).send().await.unwrap()
    }

    /// A JSON `POST` to the API.
    pub async fn post_json(&self, path: &str, body: Value) -> Response {
        self.client
            .post(self.url(path))
            .json(&body)
            .send()
            .await
            .unwrap()
    }

    /// `POST /api/v1/auth/register` with `NAME` and `PASSWORD`.
    pub async fn register(&self, email: &str) -> Response {
        self.post_json(
            "/api/v1/auth/register",
            json!({"email": email, "password": PASSWORD, "name": NAME}),
        )
        .await
    }

    /// `POST /api/v1/auth/login`.
    pub async fn login(&self, email: &str, password: &str) -> Response {
        self.post_json(
            "/api/v1/auth/login",
            json!({"email": email, "password": password}),
        )
        .await
    }

    /// `GET /api/v1/users/me` with a bearer token.
    pub async fn me(&self, access_token: &str) -> Response {
        self.client
            .get(self.url("/api/v1/users/me"))
            .bearer_auth(access_token)
            .send()
            .await
            .unwrap()
    }

    /// Logs `email` in with `PASSWORD` over the API; the access token.
    pub async fn user_logged_in(&self, email: &str) -> String {
        let tokens = self.login(email, PASSWORD).await;
        assert_eq!(tokens.status(), StatusCode::OK, "logging in {email}");
        let tokens: Value = tokens.json().await.unwrap();
        tokens["access_token"].as_str().unwrap().to_owned()
    }

    /// A person with an account, registered and logged in over the API.
    pub async fn user(&self, email: &str) -> TestUser {
        let registered = self.register(email).await;
        assert_eq!(
            registered.status(),
            StatusCode::CREATED,
            "registering {email}"
        );
        let tokens = self.login(email, PASSWORD).await;
        assert_eq!(tokens.status(), StatusCode::OK, "logging in {email}");
        let tokens: Value = tokens.json().await.unwrap();
        TestUser {
            access_token: tokens["access_token"].as_str().unwrap().to_owned(),
            refresh_token: tokens["refresh_token"].as_str().unwrap().to_owned(),
        }
    }

    /// An admin: registered over the API, made an admin as `server create-admin` would, and
    /// logged in.
    pub async fn admin(&self, email: &str) -> TestUser {
        let registered = self.register(email).await;
        assert_eq!(
            registered.status(),
            StatusCode::CREATED,
            "registering {email}"
        );
        self.make_admin(email).await;
        let tokens: Value = self.login(email, PASSWORD).await.json().await.unwrap();
        TestUser {
            access_token: tokens["access_token"].as_str().unwrap().to_owned(),
            refresh_token: tokens["refresh_token"].as_str().unwrap().to_owned(),
        }
    }

    /// The id of the account with `email`.
    pub async fn user_id(&self, email: &str) -> uuid::Uuid {
        let sql = "SELECT id FROM users WHERE email = $1";
        match self.services.db.pool() {
            app::db::Pool::Sqlite(pool) => {
                sqlx::query_scalar(sql).bind(email).fetch_one(pool).await
            }
            app::db::Pool::Postgres(pool) => {
                sqlx::query_scalar(sql).bind(email).fetch_one(pool).await
            }
        }
        .unwrap()
    }

    /// Gives the account with `email` the admin role.
    pub async fn make_admin(&self, email: &str) {
        let sql = "UPDATE users SET role = 'admin' WHERE email = $1";
        let updated = match self.services.db.pool() {
            app::db::Pool::Sqlite(pool) => sqlx::query(sql)
                .bind(email)
                .execute(pool)
                .await
                .map(|done| done.rows_affected()),
            app::db::Pool::Postgres(pool) => sqlx::query(sql)
                .bind(email)
                .execute(pool)
                .await
                .map(|done| done.rows_affected()),
        };
        assert_eq!(updated.unwrap(), 1, "{email} has an account");
    }

    /// An API request with an optional bearer token and JSON body.
    pub async fn call(
        &self,
        method: http::Method,
        path: &str,
        token: Option<&str>,
        body: Option<Value>,
    ) -> Response {
        let mut request = self.client.request(method, self.url(path));
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        if let Some(body) = body {
            request = request.json(&body);
        }
        request.send().await.unwrap()
    }

    /// Puts the account with `email` into the workspace with `role`, as an accepted invitation
    /// would.
    pub async fn add_member(&self, workspace: &str, email: &str, role: &str) {
        let user = self.user_id(email).await;
        let workspace = uuid::Uuid::parse_str(workspace).unwrap();
        app::with_pool!(&self.services.db, pool => sqlx::query(
            "INSERT INTO workspace_members (workspace_id, user_id, role, joined_at) VALUES ($1, $2, $3, $4)",
        )
        .bind(workspace)
        .bind(user)
        .bind(role)
        .bind(app::db::now())
        .execute(pool)
        .await
        .map(drop))
        .unwrap();
    }

    /// A browser without JavaScript and without cookies yet.
    pub fn browser(&self) -> Browser<'_> {
        Browser {
            app: self,
            cookies: String::new(),
        }
    }
}

/// A signed-in API caller.
#[derive(Debug, Clone)]
pub struct TestUser {
    pub access_token: String,
    pub refresh_token: String,
}

/// A browser without JavaScript: it sends its cookies, posts forms from the site's own pages,
/// and asks for HTML. It follows no redirects, so each answer can be checked.
pub struct Browser<'a> {
    app: &'a TestApp,
    /// The `name=value` pairs it sends as `Cookie`.
    pub cookies: String,
}

impl Browser<'_> {
    pub async fn get(&self, path: &str) -> Response {
        self.app
            .client
            .get(self.app.url(path))
            .header("accept", "text/html,application/xhtml+xml")
            .header("cookie", &self.cookies)
            .send()
            .await
            .unwrap()
    }

    /// A form post as the browser makes it from one of the site's pages.
    pub async fn form(&self, path: &str, body: &str) -> Response {
        self.app
            .client
            .post(self.app.url(path))
            .header("content-type", "application/x-www-form-urlencoded")
            .header("accept", "text/html")
            .header("origin", self.app.address.as_str())
            .header("sec-fetch-site", "same-origin")
            .header("referer", self.app.url("/login"))
            .header("cookie", &self.cookies)
            .body(body.to_owned())
            .send()
            .await
            .unwrap()
    }

    /// A multipart form post (a file upload) from one of the site's pages; with `progress`, as
    /// the page's script sends it.
    pub async fn upload(
        &self,
        path: &str,
        (content_type, body): (String, Vec<u8>),
        progress: bool,
    ) -> Response {
        let mut request = self
            .app
            .client
            .post(self.app.url(path))
            .header("content-type", content_type)
            .header("origin", self.app.address.as_str())
            .header("sec-fetch-site", "same-origin")
            .header("cookie", &self.cookies);
        if progress {
            request = request.header("hearth-upload", "progress");
        } else {
            request = request.header("accept", "text/html");
        }
        request.body(body).send().await.unwrap()
    }

    /// Logs `email` in through the form (with [`PASSWORD`]) and keeps the session cookies.
    pub async fn log_in(&mut self, email: &str) {
        let body = format!(
            "email={}&password={}&next=%2F",
            app::forms::encode(email),
            app::forms::encode(PASSWORD)
        );
        let response = self.form("/fn/log-in", &body).await;
        self.cookies = cookie_jar(&response);
    }

    /// Registers through the form (as `name` with `email`) and keeps the session cookies;
    /// returns the answer, which must be the redirect onwards.
    pub async fn register(&mut self, name: &str, email: &str) -> Response {
        let body = format!(
            "name={}&email={}&password={}&next=%2Fdashboard",
            app::forms::encode(name),
            app::forms::encode(email),
            app::forms::encode(PASSWORD),
        );
        let response = self.form("/fn/register", &body).await;
        assert_eq!(response.status(), StatusCode::FOUND, "registering {email}");
        assert_eq!(location(&response), "/dashboard", "registering {email}");
        self.cookies = cookie_jar(&response);
        assert!(
            self.cookies.contains("hearth_access=") && self.cookies.contains("hearth_refresh="),
            "no session cookies: {}",
            self.cookies
        );
        response
    }
}

/// A directory for one test, deleted with everything in it when dropped. (The tempfile crate
/// would do, but as a dev-dependency it changes shared crates' features; see `http.rs`.)
pub struct TempDir(std::path::PathBuf);

impl TempDir {
    pub fn new() -> Self {
        let path = std::env::temp_dir().join(format!("hearth-test-{}", uuid::Uuid::new_v4()));
        std::fs::create_dir_all(&path).unwrap();
        Self(path)
    }

    pub fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// The one number `sql` selects.
pub async fn number(services: &Services, sql: &str) -> i64 {
    match services.db.pool() {
        app::db::Pool::Sqlite(pool) => sqlx::query_scalar(sql).fetch_one(pool).await.unwrap(),
        app::db::Pool::Postgres(pool) => sqlx::query_scalar(sql).fetch_one(pool).await.unwrap(),
    }
}

/// Where a redirect points.
pub fn location(response: &Response) -> String {
    response.headers()["location"].to_str().unwrap().to_owned()
}

/// The `Set-Cookie` headers of a response.
pub fn set_cookies(response: &Response) -> Vec<String> {
    response
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|value| value.to_str().unwrap().to_owned())
        .collect()
}

/// The `Set-Cookie` headers of a response for the session cookies only (not, say, the flash
/// message a form post leaves for the next page).
pub fn session_set_cookies(response: &Response) -> Vec<String> {
    set_cookies(response)
        .into_iter()
        .filter(|cookie| {
            cookie.starts_with("hearth_access=") || cookie.starts_with("hearth_refresh=")
        })
        .collect()
}

/// The `name=value` pairs of a response's `Set-Cookie` headers, for sending back.
pub fn cookie_jar(response: &Response) -> String {
    set_cookies(response)
        .iter()
        .map(|cookie| cookie.split(';').next().unwrap().to_owned())
        .collect::<Vec<_>>()
        .join("; ")
}

/// Only the refresh cookie of a jar: a browser whose access cookie has expired.
pub fn refresh_only(jar: &str) -> String {
    let refresh: Vec<&str> = jar
        .split("; ")
        .filter(|pair| pair.starts_with("hearth_refresh="))
        .collect();
    assert_eq!(refresh.len(), 1, "one refresh cookie in {jar}");
    refresh[0].to_owned()
}

/// Asserts a problem document with `status` and returns it.
pub async fn problem(response: Response, status: StatusCode) -> Value {
    assert_eq!(response.status(), status);
    assert_eq!(
        response.headers()["content-type"],
        "application/problem+json",
        "status {status}"
    );
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["status"], status.as_u16(), "{body}");
    for member in ["type", "title", "detail"] {
        assert!(
            body[member].as_str().is_some_and(|text| !text.is_empty()),
            "{member} missing in {body}"
        );
    }
    body
}

/// A problem's field errors as `(field, message)`.
pub fn field_errors(problem: &Value) -> Vec<(String, String)> {
    problem["errors"]
        .as_array()
        .map(|errors| {
            errors
                .iter()
                .map(|e| {
                    (
                        e["field"].as_str().unwrap().to_owned(),
                        e["message"].as_str().unwrap().to_owned(),
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

fn write_fake_site(root: &Path) {
    let pkg = root.join("pkg");
    std::fs::create_dir_all(&pkg).unwrap();
    std::fs::write(
        pkg.join("hearth.0123abcd.css"),
        "body { color: black; }\n".repeat(50),
    )
    .unwrap();
    std::fs::write(pkg.join("hearth.0123abcd.css.br"), b"pretend-brotli").unwrap();
    std::fs::write(root.join("robots.txt"), "User-agent: *\nAllow: /\n").unwrap();
    std::fs::write(
        root.join("hash.txt"),
        "js: 0123abcd\nwasm: 0123abcd\ncss: 0123abcd\nmanifest: 4567efgh\nsplit: 89abcdef\n",
    )
    .unwrap();
    // A split build's manifest: each lazy island's loader and the chunks it needs.
    std::fs::write(
        pkg.join("__wasm_split_manifest.4567efgh.json"),
        r#"{"roadmap_loader_1":["chunk_1.aaaa","split_roadmap_loader_1.bbbb"],"form_loader_2":["chunk_1.aaaa","split_form_loader_2.cccc"]}"#,
    )
    .unwrap();
}

/// The opening `<html …>` tag of a page, where the theme class and the language go.
pub fn html_tag(page: &str) -> &str {
    let start = page.find("<html").expect("the page has an <html> tag");
    let end = start + page[start..].find('>').expect("the <html> tag ends");
    &page[start..=end]
}
