//! Export and erasure across every feature.

use std::sync::Arc;

use serde_json::{Map, Value, json};

use crate::{
    accounts::{Accounts, Device, User},
    audit::{Action, Audit, Event},
    db::now,
    error::Error,
    personal_data::PersonalData,
};

/// Names the export's layout, so a later release can read an older one.
pub const EXPORT_FORMAT: &str = "hearth-personal-data/1";

#[derive(Debug, Clone)]
pub struct Privacy {
    accounts: Accounts,
    audit: Audit,
    /// Every feature that keeps something about people.
    hooks: Arc<[Arc<dyn PersonalData>]>,
}

impl Privacy {
    pub fn new(accounts: Accounts, audit: Audit, hooks: Vec<Arc<dyn PersonalData>>) -> Self {
        Self {
            accounts,
            audit,
            hooks: hooks.into(),
        }
    }

    /// Everything held about `user`, one section per feature, and a record that they took it.
    pub async fn export(&self, user: &User, device: &Device) -> Result<Value, Error> {
        let mut document = Map::new();
        document.insert("format".into(), json!(EXPORT_FORMAT));
        let exported_at = now()
            .format(&time::format_description::well_known::Rfc3339)
            .map_err(|error| Error::unexpected(&error))?;
        document.insert("exported_at".into(), json!(exported_at));
        for hook in self.hooks.iter() {
            document.insert(hook.section().into(), hook.export(user.id).await?);
        }
        self.audit
            .record(Event::by(user.id, Action::DataExported, device.origin()))
            .await;
        Ok(Value::Object(document))
    }

    /// Deletes `user`'s account, given their password: every feature erases what it holds,
    /// then the account goes. The last active admin cannot leave (someone must be able to run
    /// the site). The audit log records it, about an id that will name no one.
    /// A wrong password is a problem on `password_field`, the name the caller's form gives it.
    pub async fn delete_account(
        &self,
        user: &User,
        password: &str,
        password_field: &'static str,
        device: &Device,
    ) -> Result<(), Error> {
        self.accounts
            .confirm_password(user, password, password_field, device)
            .await?;
        self.accounts.refuse_if_last_admin(user).await?;
        self.audit
            .record(Event::by(user.id, Action::AccountDeleted, device.origin()))
            .await;
        for hook in self.hooks.iter() {
            hook.erase(user.id).await?;
        }
        self.accounts.delete(user.id).await
    }

    /// The same over other handles (another runtime's pool).
    pub fn on(&self, accounts: Accounts, audit: Audit, hooks: Vec<Arc<dyn PersonalData>>) -> Self {
        Self::new(accounts, audit, hooks)
    }
}
