//! The database: one handle over either embedded SQLite or PostgreSQL, picked at run time from
//! the URL, so the same binary runs `make run` without a server and scales out on PostgreSQL.
//!
//! Why an enum over the two typed pools and not `sqlx::Any`: the `Any` driver decodes only
//! integers, floats, text and bytes, so booleans on SQLite, timestamps, UUIDs and JSON would all
//! be hand-converted strings. With `Database::Sqlite(SqlitePool) | Database::Postgres(PgPool)`
//! every query keeps full types; a data-access function matches on the engine and, where the
//! SQL is the same, runs one body through a small macro or generic helper. The cost is that a
//! query is written once per engine when the dialects differ, which is also where the
//! migrations differ (`migrations/sqlite`, `migrations/postgres`).
//!
//! Migrations are embedded in the binary and run on a dedicated connection, never through the
//! pool: after a failed migration, PostgreSQL's migration advisory lock would otherwise stay
//! held by a pooled connection and the next attempt would wait on it forever.

use std::{str::FromStr, time::Duration};

use sqlx::{
    Connection, PgPool, SqlitePool,
    migrate::{MigrateError, Migrator},
    postgres::{PgConnectOptions, PgConnection, PgPoolOptions},
    sqlite::{
        SqliteConnectOptions, SqliteConnection, SqliteJournalMode, SqlitePoolOptions,
        SqliteSynchronous,
    },
};

static SQLITE_MIGRATIONS: Migrator = sqlx::migrate!("../migrations/sqlite");
static POSTGRES_MIGRATIONS: Migrator = sqlx::migrate!("../migrations/postgres");

/// How long SQLite waits for another writer before giving up with "database is locked".
const SQLITE_BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// The database engines Hearth runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Engine {
    Sqlite,
    Postgres,
}

impl Engine {
    /// Reads the engine from a `DATABASE_URL`'s scheme.
    pub fn from_url(url: &str) -> Result<Self, DbError> {
        let scheme = url
            .split_once(':')
            .map(|(scheme, _)| scheme)
            .unwrap_or_default();
        match scheme {
            "sqlite" => Ok(Self::Sqlite),
            "postgres" | "postgresql" => Ok(Self::Postgres),
            _ => Err(DbError::UnsupportedUrl),
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Self::Sqlite => "SQLite",
            Self::Postgres => "PostgreSQL",
        }
    }
}

/// Pool limits, set explicitly rather than left to library defaults.
#[derive(Debug, Clone, Copy)]
pub struct PoolSettings {
    pub max_connections: u32,
    /// How long a request waits for a free connection before failing.
    pub acquire_timeout: Duration,
}

impl Default for PoolSettings {
    fn default() -> Self {
        Self {
            max_connections: 10,
            acquire_timeout: Duration::from_secs(5),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum DbError {
    #[error("the URL must start with sqlite:, postgres: or postgresql:")]
    UnsupportedUrl,
    #[error("the URL is not valid: {0}")]
    InvalidUrl(#[source] sqlx::Error),
    #[error("cannot create the directory {path} for the SQLite file: {source}")]
    CreateDirectory {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("cannot connect to the database: {0}")]
    Connect(#[source] sqlx::Error),
    #[error("migrating the database failed: {0}")]
    Migrate(#[source] MigrateError),
    #[error(transparent)]
    Query(#[from] sqlx::Error),
}

/// A connection pool on one of the two engines. Cloning is cheap: clones share the pool.
#[derive(Debug, Clone)]
pub enum Database {
    Sqlite(SqlitePool),
    Postgres(PgPool),
}

impl Database {
    /// Opens a pool. For SQLite the file (and its directory) is created when missing, and every
    /// connection runs in WAL mode with foreign keys enforced and a busy timeout.
    pub async fn connect(url: &str, settings: PoolSettings) -> Result<Self, DbError> {
        match Engine::from_url(url)? {
            Engine::Sqlite => {
                let options = sqlite_options(url)?;
                let pool = SqlitePoolOptions::new()
                    .max_connections(settings.max_connections)
                    .acquire_timeout(settings.acquire_timeout)
                    .connect_with(options)
                    .await
                    .map_err(DbError::Connect)?;
                Ok(Self::Sqlite(pool))
            }
            Engine::Postgres => {
                let options = postgres_options(url)?;
                let pool = PgPoolOptions::new()
                    .max_connections(settings.max_connections)
                    .acquire_timeout(settings.acquire_timeout)
                    .connect_with(options)
                    .await
                    .map_err(DbError::Connect)?;
                Ok(Self::Postgres(pool))
            }
        }
    }

    /// Applies the embedded migrations that have not run yet, on a connection of its own.
    pub async fn migrate(url: &str) -> Result<(), DbError> {
        match Engine::from_url(url)? {
            Engine::Sqlite => {
                let mut conn = SqliteConnection::connect_with(&sqlite_options(url)?)
                    .await
                    .map_err(DbError::Connect)?;
                let result = SQLITE_MIGRATIONS.run_direct(&mut conn).await;
                close_quietly(conn).await;
                result.map_err(DbError::Migrate)
            }
            Engine::Postgres => {
                let mut conn = PgConnection::connect_with(&postgres_options(url)?)
                    .await
                    .map_err(DbError::Connect)?;
                let result = POSTGRES_MIGRATIONS.run_direct(&mut conn).await;
                close_quietly(conn).await;
                result.map_err(DbError::Migrate)
            }
        }
    }

    pub fn engine(&self) -> Engine {
        match self {
            Self::Sqlite(_) => Engine::Sqlite,
            Self::Postgres(_) => Engine::Postgres,
        }
    }

    /// Answers whether the database takes a query right now.
    pub async fn ping(&self) -> Result<(), DbError> {
        match self {
            Self::Sqlite(pool) => sqlx::query("SELECT 1").execute(pool).await.map(drop)?,
            Self::Postgres(pool) => sqlx::query("SELECT 1").execute(pool).await.map(drop)?,
        }
        Ok(())
    }

    /// The newest migration applied, or `None` on an empty database.
    pub async fn schema_version(&self) -> Result<Option<i64>, DbError> {
        const SQL: &str = "SELECT MAX(version) FROM _sqlx_migrations WHERE success";
        let version = match self {
            Self::Sqlite(pool) => sqlx::query_scalar(SQL).fetch_one(pool).await?,
            Self::Postgres(pool) => sqlx::query_scalar(SQL).fetch_one(pool).await?,
        };
        Ok(version)
    }

    /// Waits for checked-out connections to come back, then closes them all.
    pub async fn close(&self) {
        match self {
            Self::Sqlite(pool) => pool.close().await,
            Self::Postgres(pool) => pool.close().await,
        }
    }
}

fn sqlite_options(url: &str) -> Result<SqliteConnectOptions, DbError> {
    let options = SqliteConnectOptions::from_str(url)
        .map_err(DbError::InvalidUrl)?
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal)
        .synchronous(SqliteSynchronous::Normal)
        .foreign_keys(true)
        .busy_timeout(SQLITE_BUSY_TIMEOUT);
    if let Some(directory) = options.get_filename().parent()
        && !directory.as_os_str().is_empty()
    {
        std::fs::create_dir_all(directory).map_err(|source| DbError::CreateDirectory {
            path: directory.display().to_string(),
            source,
        })?;
    }
    Ok(options)
}

fn postgres_options(url: &str) -> Result<PgConnectOptions, DbError> {
    Ok(PgConnectOptions::from_str(url)
        .map_err(DbError::InvalidUrl)?
        .application_name("hearth"))
}

async fn close_quietly<C: Connection>(conn: C) {
    if let Err(error) = conn.close().await {
        tracing::warn!(%error, "closing the migration connection failed");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_engine_comes_from_the_url_scheme() {
        assert_eq!(
            Engine::from_url("sqlite://data/hearth.db?mode=rwc").ok(),
            Some(Engine::Sqlite)
        );
        assert_eq!(
            Engine::from_url("sqlite::memory:").ok(),
            Some(Engine::Sqlite)
        );
        assert_eq!(
            Engine::from_url("postgres://u@localhost/db").ok(),
            Some(Engine::Postgres)
        );
        assert_eq!(
            Engine::from_url("postgresql://u@localhost/db").ok(),
            Some(Engine::Postgres)
        );
        assert!(Engine::from_url("mysql://u@localhost/db").is_err());
        assert!(Engine::from_url("data/hearth.db").is_err());
    }

    #[tokio::test]
    async fn a_new_sqlite_file_is_created_migrated_and_answers() {
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite://{}/nested/hearth.db", dir.path().display());

        Database::migrate(&url).await.unwrap();
        let db = Database::connect(&url, PoolSettings::default())
            .await
            .unwrap();

        db.ping().await.unwrap();
        assert!(db.schema_version().await.unwrap().is_some());
        let (journal_mode, foreign_keys): (String, i64) = match &db {
            Database::Sqlite(pool) => {
                let journal = sqlx::query_scalar("PRAGMA journal_mode")
                    .fetch_one(pool)
                    .await
                    .unwrap();
                let keys = sqlx::query_scalar("PRAGMA foreign_keys")
                    .fetch_one(pool)
                    .await
                    .unwrap();
                (journal, keys)
            }
            Database::Postgres(_) => unreachable!("a sqlite URL opened PostgreSQL"),
        };
        assert_eq!(journal_mode, "wal");
        assert_eq!(foreign_keys, 1);

        // A second run finds nothing to do and does not fail.
        Database::migrate(&url).await.unwrap();
        db.close().await;
    }
}
