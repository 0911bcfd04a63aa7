//! The hook every feature that keeps something about a person implements, so that "Download my
//! data" and "Delete my account" (`crate::privacy`) reach all of it, however many features
//! there are: a new feature adds one implementation and one line where the services are built
//! (`services::Services::start`), and both answers grow with it.

use std::{future::Future, pin::Pin};

use uuid::Uuid;

use crate::error::Error;

/// A future that owns nothing it must outlive.
pub type Pending<'a, T> = Pin<Box<dyn Future<Output = Result<T, Error>> + Send + 'a>>;

pub trait PersonalData: Send + Sync + std::fmt::Debug {
    /// The name of this feature's part of the export (`account`, `security_events`…).
    fn section(&self) -> &'static str;

    /// Everything this feature keeps about `person`, as they may read it.
    fn export(&self, person: Uuid) -> Pending<'_, serde_json::Value>;

    /// Removes what this feature keeps about `person` as their account is deleted (or, for
    /// what must stay, makes sure it no longer names them). Runs before the account's own row
    /// goes.
    fn erase(&self, person: Uuid) -> Pending<'_, ()>;
}
