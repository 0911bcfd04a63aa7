//! The audit log's types, as the API and the pages show them.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use uuid::Uuid;

use crate::i18n::{Locale, td_string};

/// What happened. The code is what the log stores and the API shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Action {
    #[serde(rename = "account.registered")]
    Registered,
    #[serde(rename = "login.succeeded")]
    LoggedIn,
    #[serde(rename = "login.failed")]
    LoginFailed,
    #[serde(rename = "logout")]
    LoggedOut,
    #[serde(rename = "password.changed")]
    PasswordChanged,
    #[serde(rename = "password.reset")]
    PasswordReset,
    #[serde(rename = "email.change-requested")]
    EmailChangeRequested,
    #[serde(rename = "email.changed")]
    EmailChanged,
    #[serde(rename = "email.verified")]
    EmailVerified,
    #[serde(rename = "role.changed")]
    RoleChanged,
    #[serde(rename = "account.disabled")]
    Disabled,
    #[serde(rename = "account.enabled")]
    Enabled,
    #[serde(rename = "session.ended")]
    SessionEnded,
    #[serde(rename = "data.exported")]
    DataExported,
    #[serde(rename = "account.deleted")]
    AccountDeleted,
    #[serde(rename = "api-token.created")]
    ApiTokenCreated,
    #[serde(rename = "api-token.revoked")]
    ApiTokenRevoked,
}

impl Action {
    pub const ALL: [Self; 17] = [
        Self::Registered,
        Self::LoggedIn,
        Self::LoginFailed,
        Self::LoggedOut,
        Self::PasswordChanged,
        Self::PasswordReset,
        Self::EmailChangeRequested,
        Self::EmailChanged,
        Self::EmailVerified,
        Self::RoleChanged,
        Self::Disabled,
        Self::Enabled,
        Self::SessionEnded,
        Self::DataExported,
        Self::AccountDeleted,
        Self::ApiTokenCreated,
        Self::ApiTokenRevoked,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Self::Registered => "account.registered",
            Self::LoggedIn => "login.succeeded",
            Self::LoginFailed => "login.failed",
            Self::LoggedOut => "logout",
            Self::PasswordChanged => "password.changed",
            Self::PasswordReset => "password.reset",
            Self::EmailChangeRequested => "email.change-requested",
            Self::EmailChanged => "email.changed",
            Self::EmailVerified => "email.verified",
            Self::RoleChanged => "role.changed",
            Self::Disabled => "account.disabled",
            Self::Enabled => "account.enabled",
            Self::SessionEnded => "session.ended",
            Self::DataExported => "data.exported",
            Self::AccountDeleted => "account.deleted",
            Self::ApiTokenCreated => "api-token.created",
            Self::ApiTokenRevoked => "api-token.revoked",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|action| action.code() == code)
    }
}

/// What an action is called in `locale`.
pub fn action_label(locale: Locale, code: &str) -> String {
    let Some(action) = Action::from_code(code) else {
        return td_string!(locale, activity.other).to_string();
    };
    match action {
        Action::Registered => td_string!(locale, activity.registered),
        Action::LoggedIn => td_string!(locale, activity.logged_in),
        Action::LoginFailed => td_string!(locale, activity.login_failed),
        Action::LoggedOut => td_string!(locale, activity.logged_out),
        Action::PasswordChanged => td_string!(locale, activity.password_changed),
        Action::PasswordReset => td_string!(locale, activity.password_reset),
        Action::EmailChangeRequested => td_string!(locale, activity.email_change_requested),
        Action::EmailChanged => td_string!(locale, activity.email_changed),
        Action::EmailVerified => td_string!(locale, activity.email_verified),
        Action::RoleChanged => td_string!(locale, activity.role_changed),
        Action::Disabled => td_string!(locale, activity.disabled),
        Action::Enabled => td_string!(locale, activity.enabled),
        Action::SessionEnded => td_string!(locale, activity.session_ended),
        Action::DataExported => td_string!(locale, activity.data_exported),
        Action::AccountDeleted => td_string!(locale, activity.account_deleted),
        Action::ApiTokenCreated => td_string!(locale, activity.api_token_created),
        Action::ApiTokenRevoked => td_string!(locale, activity.api_token_revoked),
    }
    .to_string()
}

/// Someone an entry names: their account's id, and while the account exists, its name and
/// address (`None` once it is deleted: the id is then a pseudonym).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Person {
    pub id: Uuid,
    pub name: Option<String>,
    pub email: Option<String>,
}

/// One security event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEntry {
    pub id: Uuid,
    #[serde(with = "time::serde::rfc3339")]
    pub occurred_at: OffsetDateTime,
    /// The action's code (`login.failed`): kept as written, so an entry a newer release wrote
    /// still reads.
    pub action: String,
    /// Who did it; `None` for someone not signed in (a failed log-in) or the system.
    pub actor: Option<Person>,
    /// Whose account it concerned.
    pub subject: Option<Person>,
    pub ip: String,
    pub user_agent: String,
    pub request_id: String,
    /// What else is worth knowing (a role's old and new value, say).
    pub details: BTreeMap<String, String>,
}

impl AuditEntry {
    /// The entry as `reader` may see it in their own activity: others in it keep their name,
    /// not their address.
    pub fn as_seen_by(mut self, reader: Uuid) -> Self {
        for person in [&mut self.actor, &mut self.subject].into_iter().flatten() {
            if person.id != reader {
                person.email = None;
            }
        }
        self
    }
}

impl AuditPage {
    /// How many pages the matches fill (at least one).
    pub fn pages(&self) -> u32 {
        page_count(self.total, self.per_page)
    }
}

/// How many pages of `per_page` hold `total` items (at least one).
pub(crate) fn page_count(total: u64, per_page: u32) -> u32 {
    let per_page = u64::from(per_page.max(1));
    u32::try_from(total.div_ceil(per_page).max(1)).unwrap_or(u32::MAX)
}

/// Which entries a reader asks for; every part is optional.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditFilter {
    pub action: Option<Action>,
    /// Entries where this person acted or was acted upon.
    pub person: Option<Uuid>,
    /// From this time on (inclusive)...
    #[serde(default, with = "time::serde::rfc3339::option")]
    pub from: Option<OffsetDateTime>,
    /// ...until this time (exclusive).
    #[serde(default, with = "time::serde::rfc3339::option")]
    pub until: Option<OffsetDateTime>,
}

/// A page of entries, newest first, and how many match in all.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditPage {
    pub entries: Vec<AuditEntry>,
    pub total: u64,
    pub page: u32,
    pub per_page: u32,
}

#[cfg(test)]
mod tests {
    use super::Action;

    #[test]
    fn every_code_reads_back_and_matches_its_serde_name() {
        for action in Action::ALL {
            assert_eq!(Action::from_code(action.code()), Some(action));
            let json = serde_json::to_string(&action).unwrap();
            assert_eq!(json, format!("\"{}\"", action.code()));
        }
        assert_eq!(Action::from_code("login"), None);
    }
}
