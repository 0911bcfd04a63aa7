//! The composition root: the database and every service, built once, in this one place. The
//! server, its command line and the tests all call [`Services::start`]; pages and server
//! functions reach the result as one context ([`Services::get`]), REST handlers as axum state.
//!
//! A new service (the mailer, the job queue, file storage…) becomes a field here, built in
//! `start` from what `Settings` says, and every caller has it.

use std::{sync::Arc, time::Duration};

use crate::{
    accounts::{
        self, Accounts, password::PasswordHasher, session::SessionCookies, tokens::AccessTokens,
    },
    admin::Admin,
    api_tokens::ApiTokens,
    attachments::{self, AttachmentLimits, Attachments},
    audit::Audit,
    db::{Database, DbError, PoolSettings, now},
    error::Error,
    jobs::{Catalog, Queue, QueueSettings},
    limits::{LimitSettings, Limiter, LimiterError},
    mail::{self, Envelope, MailSettings, Mailer},
    notifications::Notifications,
    personal_data::PersonalData,
    privacy::Privacy,
    projects::Projects,
    storage::{Storage, StorageError, StorageSettings},
    tasks::Tasks,
    workspaces::Workspaces,
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
    pub jobs: QueueSettings,
    pub mail: MailSettings,
    pub storage: StorageSettings,
    /// How large attachments may be, one and all of a workspace's together.
    pub attachments: AttachmentLimits,
    pub limits: LimitSettings,
    /// How many days audit entries are kept.
    pub audit_retention_days: u32,
}

impl std::ops::Deref for Services {
    type Target = ServiceSet;

    fn deref(&self) -> &ServiceSet {
        &self.0
    }
}

impl std::fmt::Debug for Settings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Settings")
            .field("pool", &self.pool)
            .field("development", &self.development)
            .finish_non_exhaustive()
    }
}

/// Everything a request may need, behind one reference count: a request clones it several times
/// (into its context, into each server function), so a clone is one counter increment however
/// many services there are.
#[derive(Debug, Clone)]
pub struct Services(Arc<ServiceSet>);

/// The services themselves, reached through [`Services`] (which dereferences to this).
#[derive(Debug)]
pub struct ServiceSet {
    pub db: Database,
    pub jobs: Queue,
    pub mail: Mailer,
    pub storage: Storage,
    pub limits: Limiter,
    pub audit: Audit,
    pub accounts: Accounts,
    pub api_tokens: ApiTokens,
    pub admin: Admin,
    pub privacy: Privacy,
    pub workspaces: Workspaces,
    pub projects: Projects,
    pub tasks: Tasks,
    pub attachments: Attachments,
    pub notifications: Notifications,
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
    #[error("preparing e-mail: {0}")]
    Mail(#[source] mail::MailError),
    #[error("preparing file storage: {0}")]
    Storage(#[source] StorageError),
    #[error("{0}")]
    Limiter(#[source] LimiterError),
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
        let jobs = Queue::new(db.clone(), settings.jobs);
        let mail = Mailer::new(&settings.mail).map_err(StartError::Mail)?;
        let storage = Storage::new(&settings.storage).map_err(StartError::Storage)?;
        let audit = Audit::new(
            db.clone(),
            time::Duration::days(i64::from(settings.audit_retention_days)),
        );
        let limits = Limiter::new(&settings.limits)
            .await
            .map_err(StartError::Limiter)?;
        let accounts = Accounts::new(
            db.clone(),
            PasswordHasher::new().await.map_err(StartError::Hasher)?,
            AccessTokens::new(&settings.secret_key, AccessTokens::MAX_LIFETIME),
            accounts::Collaborators {
                jobs: jobs.clone(),
                site: mail.site(),
                storage: storage.clone(),
                limits: limits.clone(),
                audit: audit.clone(),
            },
        );
        let admin = Admin::new(db.clone(), audit.clone(), accounts.clone());
        let api_tokens = ApiTokens::new(db.clone(), accounts.clone(), audit.clone());
        let workspaces = Workspaces::new(db.clone(), jobs.clone(), mail.site(), limits.clone());
        let projects = Projects::new(db.clone(), workspaces.clone());
        let notifications = Notifications::new(db.clone(), jobs.clone(), mail.site().to_owned());
        let tasks = Tasks::new(db.clone(), projects.clone(), notifications.clone());
        let attachments = Attachments::new(
            db.clone(),
            storage.clone(),
            jobs.clone(),
            tasks.clone(),
            settings.attachments,
        );
        let privacy = Privacy::new(
            accounts.clone(),
            audit.clone(),
            personal_data(
                &accounts,
                &api_tokens,
                &audit,
                &workspaces,
                &tasks,
                &attachments,
                &notifications,
            ),
        );
        Ok(Self(Arc::new(ServiceSet {
            admin,
            api_tokens,
            privacy,
            workspaces,
            projects,
            tasks,
            attachments,
            notifications,
            jobs,
            mail,
            storage,
            limits,
            audit,
            db,
            accounts,
            cookies: SessionCookies {
                secure: !settings.development,
            },
            development: settings.development,
        })))
    }

    /// The same services over a database pool of their own, for another of the server's
    /// runtimes (`server/src/startup.rs`). The pool must be opened on the runtime that uses it
    /// (sqlx starts its connections' threads and upkeep tasks there); everything else is shared,
    /// so the password hasher's limit holds for the whole process. Migrations ran in `start`.
    pub async fn with_own_pool(&self, settings: &Settings) -> Result<Self, StartError> {
        let db = Database::connect(&settings.database_url, settings.pool)
            .await
            .map_err(StartError::Connect)?;
        let accounts = self.accounts.on(db.clone());
        let audit = self.audit.on(db.clone());
        let api_tokens = self
            .api_tokens
            .on(db.clone(), accounts.clone(), audit.clone());
        let workspaces = self.workspaces.on(db.clone());
        let projects = self.projects.on(db.clone(), workspaces.clone());
        let jobs = self.jobs.on(db.clone());
        let notifications = self.notifications.on(db.clone(), jobs.clone());
        let tasks = self
            .tasks
            .on(db.clone(), projects.clone(), notifications.clone());
        let attachments = self.attachments.on(db.clone(), jobs.clone(), tasks.clone());
        Ok(Self(Arc::new(ServiceSet {
            admin: self.admin.on(db.clone(), accounts.clone()),
            privacy: self.privacy.on(
                accounts.clone(),
                audit.clone(),
                personal_data(
                    &accounts,
                    &api_tokens,
                    &audit,
                    &workspaces,
                    &tasks,
                    &attachments,
                    &notifications,
                ),
            ),
            api_tokens,
            workspaces,
            projects,
            tasks,
            attachments,
            notifications,
            accounts,
            audit,
            jobs,
            mail: self.mail.clone(),
            storage: self.storage.clone(),
            limits: self.limits.clone(),
            db,
            cookies: self.cookies,
            development: self.development,
        })))
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

/// Every feature that keeps something about people, for their export and their erasure
/// (`personal_data`): a new feature adds itself here.
fn personal_data(
    accounts: &Accounts,
    api_tokens: &ApiTokens,
    audit: &Audit,
    workspaces: &Workspaces,
    tasks: &Tasks,
    attachments: &Attachments,
    notifications: &Notifications,
) -> Vec<Arc<dyn PersonalData>> {
    vec![
        Arc::new(accounts.clone()),
        Arc::new(api_tokens.clone()),
        Arc::new(audit.clone()),
        Arc::new(workspaces.clone()),
        Arc::new(tasks.clone()),
        Arc::new(attachments.clone()),
        Arc::new(notifications.clone()),
    ]
}

/// How long finished jobs are kept: done ones for a week, dead ones (someone may want to know
/// why) for a month.
const KEEP_DONE_JOBS: Duration = Duration::from_secs(7 * 24 * 60 * 60);
const KEEP_DEAD_JOBS: Duration = Duration::from_secs(30 * 24 * 60 * 60);

/// Every kind of background job, and the schedules: what the server's workers (and
/// `server worker`) run.
pub fn job_catalog() -> Catalog<Services> {
    Catalog::default()
        .handle(
            "accounts.purge-sessions",
            |services: Services, _| async move {
                let purged = services
                    .accounts
                    .purge_sessions()
                    .await
                    .map_err(|error| error.to_string())?;
                tracing::info!(purged, "ended sessions and spent one-time tokens purged");
                Ok(())
            },
        )
        .every("accounts.purge-sessions", Duration::from_secs(60 * 60))
        .handle(
            accounts::RESET_JOB,
            |services: Services, payload| async move {
                let request: accounts::ResetRequest = serde_json::from_str(&payload)
                    .map_err(|error| format!("a reset request that cannot be read: {error}"))?;
                services
                    .accounts
                    .send_password_reset(&request)
                    .await
                    .map_err(|error| error.to_string())
            },
        )
        .handle("jobs.purge-finished", |services: Services, _| async move {
            let now = now();
            let purged = services
                .jobs
                .purge(now - KEEP_DONE_JOBS, now - KEEP_DEAD_JOBS)
                .await
                .map_err(|error| error.to_string())?;
            tracing::info!(purged, "finished jobs purged");
            Ok(())
        })
        .every("jobs.purge-finished", Duration::from_secs(24 * 60 * 60))
        .handle("audit.purge-old", |services: Services, _| async move {
            let purged = services
                .audit
                .purge()
                .await
                .map_err(|error| error.to_string())?;
            tracing::info!(purged, "audit entries past their retention purged");
            Ok(())
        })
        .every("audit.purge-old", Duration::from_secs(24 * 60 * 60))
        .handle(
            attachments::THUMBNAIL_JOB,
            |services: Services, payload| async move {
                let id: uuid::Uuid = serde_json::from_str(&payload)
                    .map_err(|error| format!("an attachment id that cannot be read: {error}"))?;
                services
                    .attachments
                    .make_thumbnail(id)
                    .await
                    .map_err(|error| error.to_string())
            },
        )
        .handle(attachments::SWEEP_JOB, |services: Services, _| async move {
            let swept = services
                .attachments
                .sweep()
                .await
                .map_err(|error| error.to_string())?;
            if swept > 0 {
                tracing::info!(swept, "files of deleted attachments removed");
            }
            Ok(())
        })
        .every(attachments::SWEEP_JOB, Duration::from_secs(10 * 60))
        .handle(mail::SEND, |services: Services, payload| async move {
            let envelope: Envelope = serde_json::from_str(&payload)
                .map_err(|error| format!("a letter that cannot be read: {error}"))?;
            services
                .mail
                .deliver(&envelope)
                .await
                .map_err(|error| error.to_string())
        })
}
