//! `TestApp`: a running Hearth on a random port with a database of its own.
//!
//! SQLite tests get a file in a temporary directory. PostgreSQL tests get a new database on the
//! server named by `HEARTH_TEST_POSTGRES_URL` (which `make test` starts and sets). Without that
//! variable the PostgreSQL half of the suite fails loudly rather than passing untested.

use std::{collections::HashMap, path::Path};

use app::db::Database;
use server::{config::Config, startup::Application};
use sqlx::{Connection, PgConnection};
use tempfile::TempDir;
use tokio::sync::oneshot;

#[derive(Debug, Clone, Copy)]
pub enum Engine {
    Sqlite,
    Postgres,
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
                let dir = tempfile::tempdir().unwrap();
                let url = format!("sqlite://{}/hearth.db", dir.path().display());
                Self {
                    url,
                    _dir: Some(dir),
                }
            }
            Engine::Postgres => {
                let admin_url = std::env::var("HEARTH_TEST_POSTGRES_URL").expect(
                    "HEARTH_TEST_POSTGRES_URL is not set: run the suite with `make test`, which \
                     starts PostgreSQL, or point it at a server where you may create databases \
                     (for example postgres://postgres@127.0.0.1:5432/postgres)",
                );
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

pub struct TestApp {
    pub address: String,
    pub client: reqwest::Client,
    pub db: Database,
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

    pub async fn spawn_with(engine: Engine, extra: &[(&str, &str)]) -> Self {
        let database = TestDatabase::create(engine).await;
        let site_root = tempfile::tempdir().unwrap();
        write_fake_site(site_root.path());
        let hash_file = site_root.path().join("hash.txt");

        let mut vars: HashMap<String, String> = [
            ("DATABASE_URL", database.url.as_str()),
            ("LEPTOS_SITE_ADDR", "127.0.0.1:0"),
            ("LEPTOS_SITE_ROOT", site_root.path().to_str().unwrap()),
            ("LEPTOS_OUTPUT_NAME", "hearth"),
            ("LEPTOS_HASH_FILES", "true"),
            ("LEPTOS_HASH_FILE_NAME", hash_file.to_str().unwrap()),
            ("RUST_LOG", "warn"),
        ]
        .into_iter()
        .chain(extra.iter().copied())
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect();
        vars.entry("DATABASE_MAX_CONNECTIONS".into())
            .or_insert_with(|| "4".into());
        let config = Config::from_lookup(|name| vars.get(name).cloned()).unwrap();

        let application = Application::build(config).await.unwrap();
        let address = format!("http://{}", application.address());
        let db = application.database().clone();
        let (stop, stopped) = oneshot::channel::<()>();
        tokio::spawn(application.run_until_stopped(async move {
            let _ = stopped.await;
        }));

        let client = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap();
        Self {
            address,
            client,
            db,
            _site_root: site_root,
            _database: database,
            _stop: stop,
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.address, path)
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client.get(self.url(path)).send().await.unwrap()
    }
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
        "js: 0123abcd\nwasm: 0123abcd\ncss: 0123abcd\n",
    )
    .unwrap();
}

/// The opening `<html …>` tag of a page, where the theme class and the language go.
pub fn html_tag(page: &str) -> &str {
    let start = page.find("<html").expect("the page has an <html> tag");
    let end = start + page[start..].find('>').expect("the <html> tag ends");
    &page[start..=end]
}
