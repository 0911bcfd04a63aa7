//! What admins can do; each operation checks the actor's role first.

use uuid::Uuid;

use super::{
    Account, AccountChange, AccountPage, AccountQuery,
    store::{self, AccountRow},
};
use crate::{
    accounts::{Accounts, Device, Role, User},
    audit::{Action, Audit, AuditFilter, AuditPage, Event},
    db::{Database, now},
    error::{Error, FieldError, Issue},
};

/// The admin service: the database, the audit log, and the accounts it acts on.
#[derive(Debug, Clone)]
pub struct Admin {
    db: Database,
    audit: Audit,
    accounts: Accounts,
}

impl Admin {
    pub fn new(db: Database, audit: Audit, accounts: Accounts) -> Self {
        Self {
            db,
            audit,
            accounts,
        }
    }

    /// A page of the accounts `query` asks for.
    pub async fn accounts(&self, actor: &User, query: &AccountQuery) -> Result<AccountPage, Error> {
        actor.require(Role::Admin)?;
        let page = query.page.max(1);
        let per_page = query.per_page.clamp(1, AccountQuery::MAX_PER_PAGE);
        let offset = i64::from(page - 1) * i64::from(per_page);
        let rows = store::page(&self.db, query, i64::from(per_page), offset).await?;
        let total = store::count(&self.db, query).await?;
        Ok(AccountPage {
            accounts: rows
                .into_iter()
                .map(Account::try_from)
                .collect::<Result<_, _>>()?,
            total: u64::try_from(total).unwrap_or_default(),
            page,
            per_page,
        })
    }

    /// One account; `NotFound` if there is none with that id.
    pub async fn account(&self, actor: &User, id: Uuid) -> Result<Account, Error> {
        actor.require(Role::Admin)?;
        self.find(id).await
    }

    async fn find(&self, id: Uuid) -> Result<Account, Error> {
        store::account(&self.db, id)
            .await?
            .ok_or(Error::NotFound)?
            .try_into()
    }

    /// Changes an account's role and whether it is disabled. Disabling ends its sessions at
    /// once (its tokens stop working on their next request). Demoting or disabling the last
    /// active admin is refused (`Conflict` on the field), and then nothing changes.
    pub async fn change(
        &self,
        actor: &User,
        id: Uuid,
        change: AccountChange,
        device: &Device,
    ) -> Result<Account, Error> {
        actor.require(Role::Admin)?;
        let before = self.find(id).await?;
        let at = now();
        let event = |action| Event {
            action,
            actor: Some(actor.id),
            subject: Some(id),
            origin: device.origin(),
            details: Vec::new(),
        };
        if let Some(role) = change.role.filter(|role| *role != before.role) {
            if !store::set_role(&self.db, id, role.as_str(), at).await? {
                return Err(Error::Conflict(FieldError::new("role", Issue::LastAdmin)));
            }
            self.audit
                .record(
                    event(Action::RoleChanged)
                        .with("from", before.role.as_str())
                        .with("to", role.as_str()),
                )
                .await;
        }
        match change.disabled {
            Some(true) if before.disabled_at.is_none() => {
                if !store::disable(&self.db, id, at).await? {
                    return Err(Error::Conflict(FieldError::new(
                        "disabled",
                        Issue::LastAdmin,
                    )));
                }
                self.accounts.end_every_session(id).await?;
                self.audit.record(event(Action::Disabled)).await;
            }
            Some(false) if before.disabled_at.is_some() => {
                store::enable(&self.db, id, at).await?;
                self.audit.record(event(Action::Enabled)).await;
            }
            _ => {}
        }
        self.find(id).await
    }

    /// Sends the account's owner a new verification link (nothing if the address is verified
    /// already; `TooManyRequests` within a minute of the last).
    pub async fn resend_verification(
        &self,
        actor: &User,
        id: Uuid,
        device: &Device,
    ) -> Result<(), Error> {
        actor.require(Role::Admin)?;
        let user = self.accounts.user(id).await?;
        self.accounts.resend_verification(&user, device).await
    }

    /// A page of the audit log.
    pub async fn audit(
        &self,
        actor: &User,
        filter: &AuditFilter,
        page: u32,
        per_page: u32,
    ) -> Result<AuditPage, Error> {
        actor.require(Role::Admin)?;
        self.audit.list(filter, page, per_page).await
    }

    /// The same over another pool (and the accounts on it).
    pub fn on(&self, db: Database, accounts: Accounts) -> Self {
        Self {
            audit: self.audit.on(db.clone()),
            db,
            accounts,
        }
    }
}

impl TryFrom<AccountRow> for Account {
    type Error = Error;

    fn try_from(row: AccountRow) -> Result<Self, Error> {
        Ok(Self {
            id: row.id,
            role: Role::try_from(row.role.as_str())?,
            email: row.email,
            name: row.name,
            created_at: row.created_at,
            email_verified_at: row.email_verified_at,
            disabled_at: row.disabled_at,
            last_active_at: row.last_active_at,
        })
    }
}
