//! Accounts: people, their passwords and their sessions.
//!
//! `rules` and the types here compile for the browser too (forms check fields with the same
//! parsers the server uses). Everything that touches secrets or the database, the `service`
//! that REST handlers and server functions both call, sits behind `ssr`.

pub mod rules;
pub mod session;

#[cfg(feature = "ssr")]
pub mod password;
#[cfg(feature = "ssr")]
mod service;
#[cfg(feature = "ssr")]
mod store;
#[cfg(feature = "ssr")]
pub mod tokens;

#[cfg(feature = "ssr")]
pub use service::{AccountError, Accounts, NewAccount, Tokens};

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use uuid::Uuid;

/// What a person may do. Admins manage the instance; members use it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Member,
    Admin,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Member => "member",
            Self::Admin => "admin",
        }
    }
}

impl TryFrom<String> for Role {
    type Error = String;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        match value.as_str() {
            "member" => Ok(Self::Member),
            "admin" => Ok(Self::Admin),
            _ => Err(format!("unknown role {value:?}")),
        }
    }
}

/// One of a person's logins, as the dashboard lists them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionSummary {
    /// When this login last refreshed its tokens (or started).
    #[serde(with = "time::serde::rfc3339")]
    pub last_active: OffsetDateTime,
    /// Whether it is the login of the browser asking.
    pub current: bool,
}

/// A person with an account, as the API and the pages show them (never with the password).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct User {
    pub id: Uuid,
    pub email: String,
    pub name: String,
    pub role: Role,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
}
