//! What the admin area shows and takes, on both sides of the wire.

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use uuid::Uuid;

use crate::{
    accounts::Role,
    audit::{Action, AuditFilter},
    error::{FieldError, Issue},
};

/// An account as an admin sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Account {
    pub id: Uuid,
    pub email: String,
    pub name: String,
    pub role: Role,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339::option")]
    pub email_verified_at: Option<OffsetDateTime>,
    /// When an admin disabled it; `None` while it is in use.
    #[serde(with = "time::serde::rfc3339::option")]
    pub disabled_at: Option<OffsetDateTime>,
    /// The last time one of its sessions refreshed; `None` if it never logged in.
    #[serde(with = "time::serde::rfc3339::option")]
    pub last_active_at: Option<OffsetDateTime>,
}

/// The orders the list of accounts can be read in.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AccountSort {
    #[default]
    Newest,
    Oldest,
    Name,
    Email,
    LastActive,
}

impl AccountSort {
    pub const ALL: [Self; 5] = [
        Self::Newest,
        Self::Oldest,
        Self::Name,
        Self::Email,
        Self::LastActive,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Self::Newest => "newest",
            Self::Oldest => "oldest",
            Self::Name => "name",
            Self::Email => "email",
            Self::LastActive => "last_active",
        }
    }

    /// The order `code` names; `None` for anything else.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|sort| sort.code() == code)
    }
}

/// Which accounts, in which order, which page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountQuery {
    /// Part of a name or an e-mail address, any case; empty for everyone.
    pub q: String,
    pub sort: AccountSort,
    /// From 1.
    pub page: u32,
    pub per_page: u32,
}

impl AccountQuery {
    pub const DEFAULT_PER_PAGE: u32 = 25;
    pub const MAX_PER_PAGE: u32 = 100;
}

impl Default for AccountQuery {
    fn default() -> Self {
        Self {
            q: String::new(),
            sort: AccountSort::default(),
            page: 1,
            per_page: Self::DEFAULT_PER_PAGE,
        }
    }
}

/// A page of accounts and how many match in all.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountPage {
    pub accounts: Vec<Account>,
    pub total: u64,
    pub page: u32,
    pub per_page: u32,
}

impl AccountPage {
    /// How many pages the matches fill (at least one).
    pub fn pages(&self) -> u32 {
        crate::audit::page_count(self.total, self.per_page)
    }
}

/// What an admin changes about an account; what is `None` stays.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountChange {
    pub role: Option<Role>,
    pub disabled: Option<bool>,
}

/// The filter the audit page's fields describe; a value that cannot be read is a problem on
/// its field.
pub fn audit_filter(
    action: Option<&str>,
    person: Option<&str>,
    from: Option<&str>,
    until: Option<&str>,
) -> Result<AuditFilter, Vec<FieldError>> {
    let mut errors = Vec::new();
    let action = present(action).and_then(|code| {
        let action = Action::from_code(code);
        if action.is_none() {
            errors.push(FieldError::new("action", Issue::Unreadable));
        }
        action
    });
    let person = present(person).and_then(|id| match uuid::Uuid::parse_str(id) {
        Ok(id) => Some(id),
        Err(_) => {
            errors.push(FieldError::new("person", Issue::Unreadable));
            None
        }
    });
    let mut day = |field: &'static str, value: Option<&str>, next: bool| {
        let value = present(value)?;
        match calendar_date(value) {
            Some(date) => {
                let date = if next { date.next_day()? } else { date };
                Some(date.midnight().assume_utc())
            }
            None => {
                errors.push(FieldError::new(field, Issue::Unreadable));
                None
            }
        }
    };
    let from = day("from", from, false);
    let until = day("until", until, true);
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(AuditFilter {
        action,
        person,
        from,
        until,
    })
}

/// A field's value, unless it is blank.
fn present(value: Option<&str>) -> Option<&str> {
    value.map(str::trim).filter(|value| !value.is_empty())
}

/// A date as a date field sends it: `2026-12-01`.
fn calendar_date(text: &str) -> Option<time::Date> {
    let mut parts = text.splitn(3, '-');
    let year: i32 = parts.next()?.parse().ok()?;
    let month: u8 = parts.next()?.parse().ok()?;
    let day: u8 = parts.next()?.parse().ok()?;
    time::Date::from_calendar_date(year, time::Month::try_from(month).ok()?, day).ok()
}
