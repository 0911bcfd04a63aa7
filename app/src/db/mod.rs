//! The database: one handle over either embedded SQLite or PostgreSQL, picked at run time from
//! the URL, so the same binary runs `make run` without a server and scales out on PostgreSQL.
//!
//! Why an enum over the two typed pools and not `sqlx::Any`: the `Any` driver decodes only
//! integers, floats, text and bytes, so booleans on SQLite, timestamps, UUIDs and JSON would all
//! be hand-converted strings. With `Pool::Sqlite | Pool::Postgres` every query keeps full types;
//! a store runs one body on whichever pool through [`with_pool!`](crate::with_pool), and writes
//! a query twice only where the dialects differ (as the migrations do: `migrations/sqlite`,
//! `migrations/postgres`). `query` holds what every store uses.
//!
//! Migrations are embedded in the binary (see `migrations`) and run on a dedicated connection,
//! never through the pool: after a failed migration, PostgreSQL's migration advisory lock would
//! otherwise stay held by a pooled connection and the next attempt would wait on it forever.
//!
//! When the database stops answering, `health` notices and later queries fail at once with
//! `DbError::Unreachable` (a 503 for the caller) instead of each waiting out the pool's
//! acquire timeout, until a background probe finds the database back.

mod health;
mod migrations;
mod query;

pub use query::{ConflictOn, now};

use std::{str::FromStr, sync::Arc, time::Duration};

use sqlx::{
    Connection, PgPool, SqlitePool,
    migrate::MigrateError,
    postgres::{PgConnectOptions, PgConnection, PgPoolOptions},
    sqlite::{
        SqliteConnectOptions, SqliteConnection, SqliteJournalMode, SqlitePoolOptions,
        SqliteSynchronous,
    },
};

use crate::error::{Error, UNAVAILABLE_RETRY_SECONDS};
use health::Health;

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
    #[error("the database did not answer moments ago; waiting until it does again")]
    Unreachable,
    #[error(transparent)]
    Query(#[from] sqlx::Error),
}

impl DbError {
    /// Whether the database could not be reached or was too busy: worth trying again soon,
    /// and not the caller's fault nor a bug.
    pub fn is_unavailable(&self) -> bool {
        match self {
            Self::Unreachable => true,
            Self::Query(error) => query::is_transient(error),
            _ => false,
        }
    }

    /// Whether a statement broke a unique constraint, on either engine.
    pub fn is_unique_violation(&self) -> bool {
        matches!(self, Self::Query(sqlx::Error::Database(error)) if error.is_unique_violation())
    }
}

/// A database that cannot answer is a 503 for the caller; anything else went wrong on our side.
impl From<DbError> for Error {
    fn from(error: DbError) -> Self {
        if error.is_unavailable() {
            Self::Unavailable {
                retry_after: UNAVAILABLE_RETRY_SECONDS,
            }
        } else {
            Self::unexpected(&error)
        }
    }
}

/// A connection pool on one of the two engines, and what is known of its health. Cloning is
/// cheap: clones share both.
#[derive(Debug, Clone)]
pub struct Database {
    pool: Pool,
    health: Arc<Health>,
}

/// The pool of either engine; stores reach it through [`with_pool!`](crate::with_pool).
#[derive(Debug, Clone)]
pub enum Pool {
    Sqlite(SqlitePool),
    Postgres(PgPool),
}

impl Database {
    /// Opens a pool. For SQLite the file (and its directory) is created when missing, and every
    /// connection runs in WAL mode with foreign keys enforced and a busy timeout.
    pub async fn connect(url: &str, settings: PoolSettings) -> Result<Self, DbError> {
        let pool = match Engine::from_url(url)? {
            Engine::Sqlite => Pool::Sqlite(
                SqlitePoolOptions::new()
                    .max_connections(settings.max_connections)
                    .acquire_timeout(settings.acquire_timeout)
                    // A connection to a file in this process cannot drop the way a network
                    // connection can; checking each one before use (a round trip to its worker
                    // thread, sqlx's default) cost a signed-in page a tenth of its time.
                    .test_before_acquire(false)
                    .connect_with(sqlite_options(url)?)
                    .await
                    .map_err(DbError::Connect)?,
            ),
            Engine::Postgres => Pool::Postgres(
                PgPoolOptions::new()
                    .max_connections(settings.max_connections)
                    .acquire_timeout(settings.acquire_timeout)
                    .connect_with(postgres_options(url)?)
                    .await
                    .map_err(DbError::Connect)?,
            ),
        };
        Ok(Self {
            pool,
            health: Arc::default(),
        })
    }

    /// Applies the embedded migrations that have not run yet, on a connection of its own.
    pub async fn migrate(url: &str) -> Result<(), DbError> {
        match Engine::from_url(url)? {
            Engine::Sqlite => {
                let migrator = migrations::migrator(Engine::Sqlite).await?;
                let mut conn = SqliteConnection::connect_with(&sqlite_options(url)?)
                    .await
                    .map_err(DbError::Connect)?;
                let result = migrator.run_direct(&mut conn).await;
                close_quietly(conn).await;
                result.map_err(DbError::Migrate)
            }
            Engine::Postgres => {
                let migrator = migrations::migrator(Engine::Postgres).await?;
                let mut conn = PgConnection::connect_with(&postgres_options(url)?)
                    .await
                    .map_err(DbError::Connect)?;
                let result = migrator.run_direct(&mut conn).await;
                close_quietly(conn).await;
                result.map_err(DbError::Migrate)
            }
        }
    }

    pub fn engine(&self) -> Engine {
        match self.pool {
            Pool::Sqlite(_) => Engine::Sqlite,
            Pool::Postgres(_) => Engine::Postgres,
        }
    }

    pub fn pool(&self) -> &Pool {
        &self.pool
    }

    /// Answers whether the database takes a query right now. Unlike a store's query it always
    /// asks the database, and what it finds updates what later queries assume.
    pub async fn ping(&self) -> Result<(), DbError> {
        let result = match &self.pool {
            Pool::Sqlite(pool) => sqlx::query("SELECT 1").execute(pool).await.map(drop),
            Pool::Postgres(pool) => sqlx::query("SELECT 1").execute(pool).await.map(drop),
        };
        match result {
            Ok(()) => {
                self.health.mark_up();
                Ok(())
            }
            Err(error) => Err(self.observe_error(error)),
        }
    }

    /// The newest migration applied, or `None` on an empty database.
    pub async fn schema_version(&self) -> Result<Option<i64>, DbError> {
        crate::with_pool!(self, pool => {
            sqlx::query_scalar("SELECT MAX(version) FROM _sqlx_migrations WHERE success")
                .fetch_one(pool)
                .await
        })
    }

    /// Waits for checked-out connections to come back, then closes them all.
    pub async fn close(&self) {
        match &self.pool {
            Pool::Sqlite(pool) => pool.close().await,
            Pool::Postgres(pool) => pool.close().await,
        }
    }

    /// Fails at once while the database is known to be down (used by `with_pool!`).
    #[doc(hidden)]
    pub fn ensure_reachable(&self) -> Result<(), DbError> {
        if self.health.is_down() {
            Err(DbError::Unreachable)
        } else {
            Ok(())
        }
    }

    /// Converts a query's outcome, noting a database that stopped answering (used by
    /// `with_pool!`).
    #[doc(hidden)]
    pub fn observe<T>(&self, result: Result<T, sqlx::Error>) -> Result<T, DbError> {
        result.map_err(|error| self.observe_error(error))
    }

    fn observe_error(&self, error: sqlx::Error) -> DbError {
        if query::is_connection_failure(&error) {
            self.health.mark_down(self.clone());
        }
        DbError::Query(error)
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
        // A fresh directory of its own (the tempfile crate, as a dev-dependency, would change
        // shared crates' features and make the test build recompile them).
        let dir = std::env::temp_dir().join(format!("hearth-db-test-{}", uuid::Uuid::new_v4()));
        let url = format!("sqlite://{}/nested/hearth.db", dir.display());

        Database::migrate(&url).await.unwrap();
        let db = Database::connect(&url, PoolSettings::default())
            .await
            .unwrap();

        db.ping().await.unwrap();
        let newest = migrations::migrator(Engine::Sqlite)
            .await
            .unwrap()
            .iter()
            .map(|migration| migration.version)
            .max();
        assert_eq!(db.schema_version().await.unwrap(), newest);
        let Pool::Sqlite(pool) = db.pool() else {
            panic!("a sqlite URL opened PostgreSQL");
        };
        let journal_mode: String = sqlx::query_scalar("PRAGMA journal_mode")
            .fetch_one(pool)
            .await
            .unwrap();
        let foreign_keys: i64 = sqlx::query_scalar("PRAGMA foreign_keys")
            .fetch_one(pool)
            .await
            .unwrap();
        assert_eq!(journal_mode, "wal");
        assert_eq!(foreign_keys, 1);

        // A second run finds nothing to do and does not fail.
        Database::migrate(&url).await.unwrap();
        db.close().await;
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
