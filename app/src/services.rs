//! The composition root: the database and every service, built once, in this one place. The
//! server, its command line and the tests all call [`Services::start`]; pages and server
//! functions reach the result as one context ([`Services::get`]), REST handlers as axum state.
//!
//! A new service (the mailer, the job queue, file storage…) becomes a field here, built in
//! `start` from what `Settings` says, and every caller has it.

use std::sync::Arc;

use crate::{
    accounts::{Accounts, password::PasswordHasher, session::SessionCookies, tokens::AccessTokens},
    db::{Database, DbError, PoolSettings},
    error::Error,
};

/// What the services are built from; the server fills it from its configuration.
#[derive(Clone)]
pub struct Settings {
    pub database_url: String,
    pub pool: PoolSettings,
    /// Signs access tokens.
    pub secret_key: Arc<[u8]>,
    /// Development mode: cookies without `Secure`, and the `/ui` pages.
    pub development: bool,
}

impl std::fmt::Debug for Settings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Settings")
            .field("pool", &self.pool)
            .field("development", &self.development)
            .finish_non_exhaustive()
    }
}

/// Everything a request may need. Cloning copies a few reference-counted handles.
#[derive(Debug, Clone)]
pub struct Services {
    pub db: Database,
    pub accounts: Accounts,
    pub cookies: SessionCookies,
    pub development: bool,
}

#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error("preparing the database: {0}")]
    Migrate(#[source] DbError),
    #[error("opening the database: {0}")]
    Connect(#[source] DbError),
    #[error("preparing the password hasher: {0}")]
    Hasher(#[source] crate::accounts::password::HashError),
}

impl Services {
    /// Brings the database schema up to date, opens the pool and builds every service.
    pub async fn start(settings: &Settings) -> Result<Self, StartError> {
        Database::migrate(&settings.database_url)
            .await
            .map_err(StartError::Migrate)?;
        let db = Database::connect(&settings.database_url, settings.pool)
            .await
            .map_err(StartError::Connect)?;
        let accounts = Accounts::new(
            db.clone(),
            PasswordHasher::new().await.map_err(StartError::Hasher)?,
            AccessTokens::new(&settings.secret_key, AccessTokens::MAX_LIFETIME),
        );
        Ok(Self {
            db,
            accounts,
            cookies: SessionCookies {
                secure: !settings.development,
            },
            development: settings.development,
        })
    }

    /// The same services over a database pool of their own, for another of the server's
    /// runtimes (`server/src/startup.rs`). The pool must be opened on the runtime that uses it
    /// (sqlx starts its connections' threads and upkeep tasks there); everything else is shared,
    /// so the password hasher's limit holds for the whole process. Migrations ran in `start`.
    pub async fn with_own_pool(&self, settings: &Settings) -> Result<Self, StartError> {
        let db = Database::connect(&settings.database_url, settings.pool)
            .await
            .map_err(StartError::Connect)?;
        Ok(Self {
            accounts: self.accounts.on(db.clone()),
            db,
            cookies: self.cookies,
            development: self.development,
        })
    }

    /// Makes the services the context of a page render or server function (the server does
    /// this for every request).
    pub fn provide(&self) {
        leptos::prelude::provide_context(self.clone());
    }

    /// The services, inside a page render or server function.
    pub fn get() -> Result<Self, Error> {
        leptos::prelude::use_context::<Self>()
            .ok_or_else(|| Error::unexpected("the services are not provided to this request"))
    }

    /// Lets running queries finish, then closes the database.
    pub async fn stop(&self) {
        self.db.close().await;
    }
}
