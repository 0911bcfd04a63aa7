//! The audit log over the API: what an entry looks like there. A person reads their own
//! (`GET /users/me/activity`, in `users`); admins read everyone's (`admin`).

use std::collections::BTreeMap;

use app::audit::{AuditEntry, Person};
use serde::Serialize;
use time::OffsetDateTime;
use uuid::Uuid;

/// Someone an entry names. `name` and `email` are `null` once the account is deleted: the id
/// then names nobody (a pseudonym). In a person's own activity, others show no address.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct PersonResponse {
    pub id: Uuid,
    #[schema(example = "Ann Lee")]
    pub name: Option<String>,
    #[schema(example = "ann@example.com")]
    pub email: Option<String>,
}

impl From<Person> for PersonResponse {
    fn from(person: Person) -> Self {
        Self {
            id: person.id,
            name: person.name,
            email: person.email,
        }
    }
}

/// One security event.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct AuditEntryResponse {
    pub id: Uuid,
    #[serde(with = "time::serde::rfc3339")]
    pub occurred_at: OffsetDateTime,
    /// What happened: `account.registered`, `login.succeeded`, `login.failed`, `logout`,
    /// `password.changed`, `password.reset`, `email.change-requested`, `email.changed`,
    /// `email.verified`, `role.changed`, `account.disabled`, `account.enabled`, `session.ended`,
    /// `data.exported` or `account.deleted`.
    #[schema(example = "login.succeeded")]
    pub action: String,
    /// Who did it; `null` for someone not signed in (a failed log-in).
    pub actor: Option<PersonResponse>,
    /// Whose account it concerned.
    pub subject: Option<PersonResponse>,
    /// The client's IP address.
    #[schema(example = "203.0.113.7")]
    pub ip: String,
    pub user_agent: String,
    /// The request's `X-Request-Id`, to find it in the logs.
    pub request_id: String,
    /// What else is worth knowing (a role's old and new value, say).
    pub details: BTreeMap<String, String>,
}

impl From<AuditEntry> for AuditEntryResponse {
    fn from(entry: AuditEntry) -> Self {
        Self {
            id: entry.id,
            occurred_at: entry.occurred_at,
            action: entry.action,
            actor: entry.actor.map(Into::into),
            subject: entry.subject.map(Into::into),
            ip: entry.ip,
            user_agent: entry.user_agent,
            request_id: entry.request_id,
            details: entry.details,
        }
    }
}
