//! The account types both sides of the wire see.

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use uuid::Uuid;

use crate::error::Error;

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

    /// Whether someone with this role may do what `needed` may: an admin may do what a member
    /// may, not the other way round.
    pub fn grants(self, needed: Role) -> bool {
        match needed {
            Self::Member => true,
            Self::Admin => self == Self::Admin,
        }
    }
}

impl TryFrom<&str> for Role {
    type Error = Error;

    fn try_from(value: &str) -> Result<Self, Error> {
        match value {
            "member" => Ok(Self::Member),
            "admin" => Ok(Self::Admin),
            _ => Err(Error::unexpected(format!("unknown role {value:?}"))),
        }
    }
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
    /// When the person showed, by a link sent to it, that the address is theirs; `None` until
    /// then (and again after a change of address, until the new one is confirmed).
    #[serde(with = "time::serde::rfc3339::option")]
    pub email_verified_at: Option<OffsetDateTime>,
    /// The address of the person's picture on this site, if they chose one.
    pub avatar_url: Option<String>,
}

impl User {
    pub fn email_verified(&self) -> bool {
        self.email_verified_at.is_some()
    }

    /// The one role check, for REST handlers, server functions and page guards alike:
    /// `Forbidden` unless this person's role grants `needed`.
    pub fn require(&self, needed: Role) -> Result<(), Error> {
        if self.role.grants(needed) {
            Ok(())
        } else {
            Err(Error::Forbidden)
        }
    }
}

/// One of a person's logins, as the settings and the dashboard list them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionSummary {
    /// The login's id (every token of one login shares it), for ending it.
    pub id: Uuid,
    /// The browser and the operating system its User-Agent names, when it names them.
    pub browser: Option<String>,
    pub os: Option<String>,
    /// The client's IP address when the login last refreshed its tokens.
    pub ip: String,
    /// When the login began.
    #[serde(with = "time::serde::rfc3339")]
    pub started_at: OffsetDateTime,
    /// When this login last refreshed its tokens (or started).
    #[serde(with = "time::serde::rfc3339")]
    pub last_active: OffsetDateTime,
    /// Whether it is the login of the browser asking.
    pub current: bool,
}

/// What logging in or registering in a browser comes to: the person, and the (same-site)
/// address to go on to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignedIn {
    pub user: User,
    pub next: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn user(role: Role) -> User {
        User {
            id: Uuid::nil(),
            email: "ann@example.com".into(),
            name: "Ann".into(),
            role,
            created_at: OffsetDateTime::UNIX_EPOCH,
            email_verified_at: None,
            avatar_url: None,
        }
    }

    #[test]
    fn admins_may_do_what_members_may_and_not_the_reverse() {
        assert!(user(Role::Admin).require(Role::Admin).is_ok());
        assert!(user(Role::Admin).require(Role::Member).is_ok());
        assert!(user(Role::Member).require(Role::Member).is_ok());
        assert!(matches!(
            user(Role::Member).require(Role::Admin),
            Err(Error::Forbidden)
        ));
    }

    #[test]
    fn roles_read_back_from_the_database_or_fail() {
        assert_eq!(Role::try_from("admin").ok(), Some(Role::Admin));
        assert_eq!(
            Role::try_from(Role::Member.as_str()).ok(),
            Some(Role::Member)
        );
        assert!(matches!(
            Role::try_from("owner"),
            Err(Error::Unexpected { .. })
        ));
    }
}
