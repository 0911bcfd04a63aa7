//! The audit log: an append-only record of security events, with who acted, whom it concerned,
//! the client's address and browser, the time and the request id.
//!
//! Features record through [`Audit::record`] (the service layer, never the HTTP layer, so the
//! API and the pages are recorded alike). Admins read the whole log with filters (`/admin/audit`,
//! `GET /api/v1/admin/audit`); each person reads the events about themselves in their settings.
//! Entries are never changed (the database refuses it); the retention job deletes those older
//! than the configured age. People appear by account id only, so deleting an account leaves its
//! entries naming a pseudonym.

mod model;
#[cfg(feature = "ssr")]
mod service;
#[cfg(feature = "ssr")]
mod store;

pub(crate) use model::page_count;
pub use model::{Action, AuditEntry, AuditFilter, AuditPage, Person, action_label};
#[cfg(feature = "ssr")]
pub use service::{Audit, Event, Origin};
