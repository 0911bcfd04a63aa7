//! The one vocabulary for failure, shared by every feature and by both sides of the wire.
//!
//! Services return `Result<T, Error>`; lower errors (the database, the hasher, the token keys)
//! convert into it with `?`. What a caller sees is decided in exactly two places, each the only
//! one of its kind:
//!
//! - `server::http::problem` turns an `Error` into an RFC 9457 problem document for the REST API;
//! - `crate::forms` turns it into what a server function answers and a form shows (with or
//!   without JavaScript).
//!
//! Lower errors convert where they are defined (`DbError` in `db`, the hasher's and the token
//! keys' in `accounts`), so this module depends on nothing but the translations.
//!
//! Both take the HTTP status from [`Error::status`] and the words from [`Error::message`] and the
//! field messages, in the reader's language. An `Unexpected` error keeps its cause in a
//! [`Detail`] that is logged (with the request id) and never serialised.

mod field;
mod notice;

pub use field::{FieldError, Issue, Weakness};
pub use notice::Notice;

use std::{fmt, sync::Arc};

use serde::{Deserialize, Serialize};

use crate::i18n::Locale;

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Why a request failed, in terms every feature shares.
#[derive(Debug, Clone, Serialize, Deserialize, thiserror::Error)]
pub enum Error {
    /// Fields are missing or not acceptable (every problem at once); nothing was written.
    #[error("invalid input: {0:?}")]
    Invalid(Vec<FieldError>),
    /// The thing asked for does not exist, or the caller may not know that it does.
    #[error("not found")]
    NotFound,
    /// A field's value is already taken (a unique constraint); nothing was written.
    #[error("conflict: {0:?}")]
    Conflict(FieldError),
    /// A field's value (an upload) is larger than it may be; nothing was written.
    #[error("too large: {0:?}")]
    TooLarge(FieldError),
    /// The caller is known but may not do this.
    #[error("forbidden")]
    Forbidden,
    /// The thing changed since the caller read it (their version is not the current one);
    /// nothing was written. Read it again, and apply the change to what is there now.
    #[error("stale: changed since it was read")]
    Stale,
    /// The caller is not (or no longer) known.
    #[error("not authenticated: {0:?}")]
    Unauthenticated(AuthFailure),
    /// Too many attempts; try again after `retry_after` seconds.
    #[error("too many requests, retry after {retry_after} s")]
    TooManyRequests { retry_after: u32 },
    /// A part Hearth depends on (the database) is not answering; try again after `retry_after`
    /// seconds.
    #[error("unavailable, retry after {retry_after} s")]
    Unavailable { retry_after: u32 },
    /// A fault of ours. The detail stays on the server.
    #[error("unexpected: {detail}")]
    Unexpected {
        #[serde(skip)]
        detail: Detail,
    },
}

/// Why a caller is not authenticated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum AuthFailure {
    /// No valid credentials came with the request (none, expired or revoked).
    Missing,
    /// An e-mail address and password that do not match an account (which of the two is wrong
    /// is deliberately not said).
    BadCredentials,
    /// The refresh token is unknown, used, expired or revoked: the login is over.
    SessionEnded,
    /// The right password, for an account an admin has disabled.
    Disabled,
}

/// How long a caller should wait before trying again when the database is down.
pub const UNAVAILABLE_RETRY_SECONDS: u32 = 5;

impl Error {
    /// A fault of ours, keeping `cause` (and its sources) for the log.
    pub fn unexpected(cause: impl Into<Detail>) -> Self {
        Self::Unexpected {
            detail: cause.into(),
        }
    }

    /// Invalid input with a single field problem.
    pub fn invalid(field: impl Into<std::borrow::Cow<'static, str>>, issue: Issue) -> Self {
        Self::Invalid(vec![FieldError::new(field, issue)])
    }

    /// The HTTP status both mappings answer with.
    pub fn status(&self) -> u16 {
        match self {
            Self::Invalid(_) => 422,
            Self::NotFound => 404,
            Self::Conflict(_) => 409,
            Self::TooLarge(_) => 413,
            Self::Forbidden => 403,
            Self::Stale => 412,
            Self::Unauthenticated(_) => 401,
            Self::TooManyRequests { .. } => 429,
            Self::Unavailable { .. } => 503,
            Self::Unexpected { .. } => 500,
        }
    }

    /// Seconds after which trying again makes sense, for a `Retry-After` header.
    pub fn retry_after(&self) -> Option<u32> {
        match self {
            Self::TooManyRequests { retry_after } | Self::Unavailable { retry_after } => {
                Some(*retry_after)
            }
            _ => None,
        }
    }

    /// The message about the request as a whole (field messages come with each field).
    pub fn notice(&self) -> Notice {
        match self {
            Self::Invalid(_) => Notice::InvalidFields,
            Self::NotFound => Notice::NotFound,
            Self::Conflict(_) | Self::TooLarge(_) => Notice::InvalidFields,
            Self::Forbidden => Notice::Forbidden,
            Self::Stale => Notice::Stale,
            Self::Unauthenticated(AuthFailure::Missing) => Notice::Unauthenticated,
            Self::Unauthenticated(AuthFailure::BadCredentials) => Notice::BadCredentials,
            Self::Unauthenticated(AuthFailure::SessionEnded) => Notice::SessionEnded,
            Self::Unauthenticated(AuthFailure::Disabled) => Notice::AccountDisabled,
            Self::TooManyRequests { .. } => Notice::TooManyRequests,
            Self::Unavailable { .. } => Notice::Unavailable,
            Self::Unexpected { .. } => Notice::ServerError,
        }
    }

    /// What went wrong, for a person, in `locale`: a conflict names its field's problem.
    pub fn message(&self, locale: Locale) -> String {
        match self {
            Self::Conflict(error) | Self::TooLarge(error) => error.issue.message(locale),
            other => other.notice().message(locale),
        }
    }

    /// The field problems this error carries.
    pub fn field_errors(&self) -> &[FieldError] {
        match self {
            Self::Invalid(errors) => errors,
            Self::Conflict(error) | Self::TooLarge(error) => std::slice::from_ref(error),
            _ => &[],
        }
    }

    /// Whether the caller caused it (a 4xx) rather than us or our dependencies.
    pub fn is_callers_fault(&self) -> bool {
        self.status() < 500
    }
}

/// The cause of an unexpected error: its message and those of its sources, for the log. Never
/// serialised, so it cannot reach a browser or an API client.
#[derive(Clone, Default)]
pub struct Detail(Option<Arc<str>>);

impl Detail {
    fn of(error: &(dyn std::error::Error + 'static)) -> Self {
        let mut text = error.to_string();
        let mut source = error.source();
        while let Some(cause) = source {
            let message = cause.to_string();
            // Many errors repeat their source's message in their own.
            if !text.contains(&message) {
                text.push_str(": ");
                text.push_str(&message);
            }
            source = cause.source();
        }
        Self(Some(text.into()))
    }
}

impl fmt::Display for Detail {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0.as_deref().unwrap_or("(detail kept on the server)"))
    }
}

impl fmt::Debug for Detail {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{self}")
    }
}

impl From<&str> for Detail {
    fn from(text: &str) -> Self {
        Self(Some(text.into()))
    }
}

impl From<String> for Detail {
    fn from(text: String) -> Self {
        Self(Some(text.into()))
    }
}

impl<E: std::error::Error + 'static> From<&E> for Detail {
    fn from(error: &E) -> Self {
        Self::of(error)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unexpected_errors_detail_is_never_serialised() {
        let error = Error::unexpected("password=hunter2 in a query");
        let json = serde_json::to_string(&error).unwrap_or_default();
        assert!(!json.contains("hunter2"), "{json}");
        assert!(error.to_string().contains("hunter2"), "the log keeps it");
        let back: Error = serde_json::from_str(&json).unwrap_or(Error::NotFound);
        assert!(matches!(back, Error::Unexpected { .. }), "{back:?}");
    }

    #[test]
    fn each_kind_has_its_status_and_a_message_in_every_language() {
        use leptos_i18n::Locale as _;
        let errors = [
            (Error::invalid("title", Issue::Required), 422),
            (Error::NotFound, 404),
            (
                Error::Conflict(FieldError::new("email", Issue::EmailTaken)),
                409,
            ),
            (Error::Forbidden, 403),
            (Error::Stale, 412),
            (Error::Unauthenticated(AuthFailure::Missing), 401),
            (Error::TooManyRequests { retry_after: 30 }, 429),
            (Error::Unavailable { retry_after: 5 }, 503),
            (Error::unexpected("boom"), 500),
        ];
        for (error, status) in &errors {
            assert_eq!(error.status(), *status, "{error:?}");
            for &locale in Locale::get_all() {
                assert!(!error.message(locale).is_empty(), "{error:?} in {locale:?}");
            }
        }
        assert_eq!(
            Error::Conflict(FieldError::new("email", Issue::EmailTaken)).message(Locale::en),
            Issue::EmailTaken.message(Locale::en)
        );
        assert_eq!(Error::Unavailable { retry_after: 5 }.retry_after(), Some(5));
        assert_eq!(Error::NotFound.retry_after(), None);
    }

    #[test]
    fn a_detail_names_its_causes_once() {
        #[derive(Debug, thiserror::Error)]
        #[error("opening the database failed: {0}")]
        struct Outer(#[source] std::io::Error);
        let error = Outer(std::io::Error::other("connection refused"));
        assert_eq!(
            Detail::from(&error).to_string(),
            "opening the database failed: connection refused"
        );
    }
}
