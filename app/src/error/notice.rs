//! Messages about a request as a whole rather than one field: the `detail` of a problem
//! document, the banner above a form. Each has a stable code for URLs (`?notice=bad-credentials`)
//! and a message in every language.

use serde::{Deserialize, Serialize};

use crate::i18n::{Locale, td_string};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Notice {
    InvalidFields,
    NotFound,
    Forbidden,
    /// What the caller changed was changed by someone else first.
    Stale,
    Unauthenticated,
    BadCredentials,
    SessionEnded,
    AccountDisabled,
    TooManyRequests,
    Unavailable,
    ServerError,
    // What the HTTP layer refuses before any feature sees the request.
    MalformedBody,
    NoSuchEndpoint,
    MethodNotAllowed,
    TimedOut,
    TooLarge,
    UnsupportedMediaType,
}

const ALL: [Notice; 17] = [
    Notice::InvalidFields,
    Notice::NotFound,
    Notice::Forbidden,
    Notice::Stale,
    Notice::Unauthenticated,
    Notice::BadCredentials,
    Notice::SessionEnded,
    Notice::AccountDisabled,
    Notice::TooManyRequests,
    Notice::Unavailable,
    Notice::ServerError,
    Notice::MalformedBody,
    Notice::NoSuchEndpoint,
    Notice::MethodNotAllowed,
    Notice::TimedOut,
    Notice::TooLarge,
    Notice::UnsupportedMediaType,
];

impl Notice {
    pub fn code(self) -> &'static str {
        match self {
            Self::InvalidFields => "invalid-fields",
            Self::NotFound => "not-found",
            Self::Forbidden => "forbidden",
            Self::Stale => "stale",
            Self::Unauthenticated => "unauthenticated",
            Self::BadCredentials => "bad-credentials",
            Self::SessionEnded => "session-ended",
            Self::AccountDisabled => "account-disabled",
            Self::TooManyRequests => "too-many-requests",
            Self::Unavailable => "unavailable",
            Self::ServerError => "server-error",
            Self::MalformedBody => "malformed-body",
            Self::NoSuchEndpoint => "no-such-endpoint",
            Self::MethodNotAllowed => "method-not-allowed",
            Self::TimedOut => "timed-out",
            Self::TooLarge => "too-large",
            Self::UnsupportedMediaType => "unsupported-media-type",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        ALL.into_iter().find(|notice| notice.code() == code)
    }

    /// The message for a person, in `locale`.
    pub fn message(self, locale: Locale) -> String {
        match self {
            Self::InvalidFields => td_string!(locale, errors.invalid_fields),
            Self::NotFound => td_string!(locale, errors.missing),
            Self::Forbidden => td_string!(locale, errors.forbidden),
            Self::Stale => td_string!(locale, errors.stale),
            Self::Unauthenticated => td_string!(locale, errors.unauthorized),
            Self::BadCredentials => td_string!(locale, errors.bad_credentials),
            Self::SessionEnded => td_string!(locale, errors.session_ended),
            Self::AccountDisabled => td_string!(locale, errors.account_disabled),
            Self::TooManyRequests => td_string!(locale, errors.too_many_requests),
            Self::Unavailable => td_string!(locale, errors.unavailable),
            Self::ServerError => td_string!(locale, errors.server_error),
            Self::MalformedBody => td_string!(locale, errors.invalid_body),
            Self::NoSuchEndpoint => td_string!(locale, errors.not_found),
            Self::MethodNotAllowed => td_string!(locale, errors.method_not_allowed),
            Self::TimedOut => td_string!(locale, errors.timed_out),
            Self::TooLarge => td_string!(locale, errors.too_large),
            Self::UnsupportedMediaType => td_string!(locale, errors.unsupported_media_type),
        }
        .to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_and_every_notice_speaks_every_language() {
        use leptos_i18n::Locale as _;
        for notice in ALL {
            assert_eq!(Notice::from_code(notice.code()), Some(notice));
            for &locale in Locale::get_all() {
                assert!(!notice.message(locale).is_empty(), "{notice:?} {locale:?}");
            }
        }
        assert_eq!(Notice::from_code("nonsense"), None);
    }
}
