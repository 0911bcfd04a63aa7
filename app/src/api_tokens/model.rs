//! What both sides see of a personal access token, and the rules for making one.

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use uuid::Uuid;

use crate::error::Issue;

/// How every token begins, so a leaked one is recognised (by a secret scanner, by a person)
/// and the API tells it from an access token at a glance.
pub const TOKEN_PREFIX: &str = "hearth_pat_";
/// The most characters of a token's name.
pub const NAME_MAX_CHARS: usize = 100;
/// The most tokens one account may have at once.
pub const MAX_TOKENS: usize = 50;
/// The lifetimes offered, in days; 0 is "never expires".
pub const LIFETIMES: [u32; 5] = [7, 30, 90, 365, 0];
/// The lifetime a new token gets unless another is chosen.
pub const DEFAULT_LIFETIME: u32 = 30;

/// The form's and the body's field names.
pub mod fields {
    pub const NAME: &str = "name";
    pub const SCOPE: &str = "scope";
    pub const EXPIRES_IN_DAYS: &str = "expires_in_days";
}

/// What a token lets a program do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Scope {
    /// Read only: `GET` requests.
    Read,
    /// Everything the account may do through the API.
    ReadWrite,
}

impl Scope {
    pub const ALL: [Self; 2] = [Self::Read, Self::ReadWrite];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Read => "read",
            Self::ReadWrite => "read_write",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|scope| scope.as_str() == text.trim())
    }

    /// Whether a request with `method` is within this scope.
    pub fn allows(self, method: &str) -> bool {
        match self {
            Self::ReadWrite => true,
            Self::Read => matches!(method, "GET" | "HEAD" | "OPTIONS"),
        }
    }
}

/// A token as its owner sees it in the list (never its secret).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApiToken {
    pub id: Uuid,
    pub name: String,
    pub scope: Scope,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339::option")]
    pub expires_at: Option<OffsetDateTime>,
    #[serde(with = "time::serde::rfc3339::option")]
    pub last_used_at: Option<OffsetDateTime>,
}

/// A token's name, trimmed: 1 to [`NAME_MAX_CHARS`] characters.
pub fn parse_name(name: &str) -> Result<String, Issue> {
    let name = name.trim();
    if name.is_empty() {
        return Err(Issue::Required);
    }
    if name.chars().count() > NAME_MAX_CHARS {
        return Err(Issue::NameTooLong);
    }
    Ok(name.to_owned())
}

/// A lifetime in days, one of [`LIFETIMES`]; `None` for "never".
pub fn parse_lifetime(days: u32) -> Result<Option<u32>, Issue> {
    if !LIFETIMES.contains(&days) {
        return Err(Issue::Unreadable);
    }
    Ok((days > 0).then_some(days))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_read_token_reads_only() {
        assert!(Scope::Read.allows("GET"));
        assert!(Scope::Read.allows("HEAD"));
        for method in ["POST", "PATCH", "PUT", "DELETE"] {
            assert!(!Scope::Read.allows(method), "{method}");
            assert!(Scope::ReadWrite.allows(method), "{method}");
        }
        assert_eq!(Scope::parse(" read_write "), Some(Scope::ReadWrite));
        assert_eq!(Scope::parse("admin"), None);
    }

    #[test]
    fn names_and_lifetimes_are_checked() {
        assert_eq!(parse_name("  CI deploys "), Ok("CI deploys".to_owned()));
        assert_eq!(parse_name(" "), Err(Issue::Required));
        assert_eq!(parse_name(&"x".repeat(101)), Err(Issue::NameTooLong));
        assert_eq!(parse_lifetime(30), Ok(Some(30)));
        assert_eq!(parse_lifetime(0), Ok(None));
        assert_eq!(parse_lifetime(31), Err(Issue::Unreadable));
    }
}
