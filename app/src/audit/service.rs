//! Recording and reading the audit log.

use std::collections::BTreeMap;

use time::Duration;
use uuid::Uuid;

use super::{
    Action, AuditEntry, AuditFilter, AuditPage, Person,
    store::{self, EntryRow, NewEntry},
};
use crate::{
    db::{Database, now},
    error::Error,
};

/// The most entries one page may hold.
pub const MAX_PER_PAGE: u32 = 100;

/// Where a request came from, as an entry keeps it.
#[derive(Debug, Clone, Copy, Default)]
pub struct Origin<'a> {
    pub ip: &'a str,
    pub user_agent: &'a str,
    pub request_id: &'a str,
}

/// An event to record.
#[derive(Debug)]
pub struct Event<'a> {
    pub action: Action,
    pub actor: Option<Uuid>,
    pub subject: Option<Uuid>,
    pub origin: Origin<'a>,
    pub details: Vec<(&'static str, String)>,
}

impl<'a> Event<'a> {
    /// `person` did `action` to their own account.
    pub fn by(person: Uuid, action: Action, origin: Origin<'a>) -> Self {
        Self {
            action,
            actor: Some(person),
            subject: Some(person),
            origin,
            details: Vec::new(),
        }
    }

    pub fn with(mut self, name: &'static str, value: impl Into<String>) -> Self {
        self.details.push((name, value.into()));
        self
    }
}

/// The audit log service; cloning shares the database handle.
#[derive(Debug, Clone)]
pub struct Audit {
    db: Database,
    /// How long entries are kept.
    keep: Duration,
}

impl Audit {
    /// The log in `db`, keeping entries for `keep`.
    pub fn new(db: Database, keep: Duration) -> Self {
        Self { db, keep }
    }

    /// Appends `event`. A failure is logged, not returned: what was done is done, and a person
    /// whose password changed must hear so even when the log's write failed.
    pub async fn record(&self, event: Event<'_>) {
        let details: BTreeMap<&str, &str> = event
            .details
            .iter()
            .map(|(name, value)| (*name, value.as_str()))
            .collect();
        let details = serde_json::to_string(&details).unwrap_or_else(|_| "{}".to_owned());
        let entry = NewEntry {
            id: Uuid::new_v4(),
            occurred_at: now(),
            action: event.action.code(),
            actor_id: event.actor,
            subject_id: event.subject,
            ip: event.origin.ip,
            user_agent: event.origin.user_agent,
            request_id: event.origin.request_id,
            details: &details,
        };
        if let Err(error) = store::insert(&self.db, &entry).await {
            tracing::error!(
                %error,
                action = event.action.code(),
                request_id = event.origin.request_id,
                "an audit entry could not be written"
            );
        }
    }

    /// Page `page` (from 1) of the entries `filter` matches, `per_page` at a time (at most
    /// [`MAX_PER_PAGE`]), newest first.
    pub async fn list(
        &self,
        filter: &AuditFilter,
        page: u32,
        per_page: u32,
    ) -> Result<AuditPage, Error> {
        let page = page.max(1);
        let per_page = per_page.clamp(1, MAX_PER_PAGE);
        let offset = i64::from(page - 1) * i64::from(per_page);
        let rows = store::page(&self.db, filter, i64::from(per_page), offset).await?;
        let total = store::count(&self.db, filter).await?;
        Ok(AuditPage {
            entries: rows.into_iter().map(AuditEntry::from).collect(),
            total: u64::try_from(total).unwrap_or_default(),
            page,
            per_page,
        })
    }

    /// The newest `limit` entries about `person` (as actor or subject); no count of the rest.
    pub async fn about(&self, person: Uuid, limit: u32) -> Result<Vec<AuditEntry>, Error> {
        self.newest_about(person, i64::from(limit)).await
    }

    /// Every entry about `person`, for their data export.
    pub async fn all_about(&self, person: Uuid) -> Result<Vec<AuditEntry>, Error> {
        self.newest_about(person, i64::MAX).await
    }

    async fn newest_about(&self, person: Uuid, limit: i64) -> Result<Vec<AuditEntry>, Error> {
        let filter = AuditFilter {
            person: Some(person),
            ..AuditFilter::default()
        };
        let rows = store::page(&self.db, &filter, limit, 0).await?;
        Ok(rows.into_iter().map(AuditEntry::from).collect())
    }

    /// The retention job: deletes the entries older than the configured age.
    pub async fn purge(&self) -> Result<u64, Error> {
        Ok(store::delete_older_than(&self.db, now() - self.keep).await?)
    }

    /// The same log over another pool.
    pub fn on(&self, db: Database) -> Self {
        Self {
            db,
            keep: self.keep,
        }
    }
}

impl From<EntryRow> for AuditEntry {
    fn from(row: EntryRow) -> Self {
        let person = |id: Option<Uuid>, name: Option<String>, email: Option<String>| {
            id.map(|id| Person { id, name, email })
        };
        Self {
            id: row.id,
            occurred_at: row.occurred_at,
            action: row.action,
            actor: person(row.actor_id, row.actor_name, row.actor_email),
            subject: person(row.subject_id, row.subject_name, row.subject_email),
            ip: row.ip,
            user_agent: row.user_agent,
            request_id: row.request_id,
            details: serde_json::from_str(&row.details).unwrap_or_default(),
        }
    }
}

impl crate::personal_data::PersonalData for Audit {
    fn section(&self) -> &'static str {
        "security_events"
    }

    fn export(&self, person: Uuid) -> crate::personal_data::Pending<'_, serde_json::Value> {
        Box::pin(async move {
            let entries: Vec<AuditEntry> = self
                .all_about(person)
                .await?
                .into_iter()
                .map(|entry| entry.as_seen_by(person))
                .collect();
            serde_json::to_value(entries).map_err(|error| Error::unexpected(&error))
        })
    }

    /// Entries stay (the log is append-only, and what happened to an account is kept for its
    /// retention period); they name the account by id only, and the id names no one once the
    /// account's row is gone.
    fn erase(&self, _person: Uuid) -> crate::personal_data::Pending<'_, ()> {
        Box::pin(async { Ok(()) })
    }
}
