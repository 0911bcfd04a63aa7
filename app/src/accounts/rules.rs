//! What makes an e-mail address, a name and a password acceptable.
//!
//! These parsers compile into the browser too, so a form can tell the person at once, in the
//! same words the server would use; the server runs them again and is the authority. The one
//! exception is the strength estimate (zxcvbn): its dictionaries would add megabytes to the
//! bundle, so it runs on the server only, behind `ssr`; forms ask for it through the
//! `check_password` server function when the field is left.

use serde::{Deserialize, Serialize};

use crate::i18n::{Locale, td_string};

pub const EMAIL_MAX_CHARS: usize = 254;
pub const NAME_MAX_CHARS: usize = 100;
pub const PASSWORD_MIN_CHARS: usize = 10;
pub const PASSWORD_MAX_CHARS: usize = 128;

/// The fields of the account forms and requests, by their names in the JSON and the forms.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    Email,
    Password,
    Name,
    RefreshToken,
}

impl Field {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Email => "email",
            Self::Password => "password",
            Self::Name => "name",
            Self::RefreshToken => "refresh_token",
        }
    }
}

/// What is wrong with one field's value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Problem {
    Required,
    EmailInvalid,
    EmailTooLong,
    EmailTaken,
    NameTooLong,
    PasswordTooShort,
    PasswordTooLong,
    PasswordWeak(Weakness),
}

/// Why a password is easy to guess, as far as the estimator can tell.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Weakness {
    Common,
    Repeats,
    Sequence,
    Dates,
    Words,
    Other,
}

impl Problem {
    /// The message for a person, in `locale`.
    pub fn message(self, locale: Locale) -> String {
        let text = match self {
            Self::Required => td_string!(locale, errors.required),
            Self::EmailInvalid => td_string!(locale, errors.email_invalid),
            Self::EmailTooLong => td_string!(locale, errors.email_too_long),
            Self::EmailTaken => td_string!(locale, errors.email_taken),
            Self::NameTooLong => td_string!(locale, errors.name_too_long),
            Self::PasswordTooShort => td_string!(locale, errors.password_too_short),
            Self::PasswordTooLong => td_string!(locale, errors.password_too_long),
            Self::PasswordWeak(weakness) => {
                let hint = match weakness {
                    Weakness::Common => td_string!(locale, errors.weak_common),
                    Weakness::Repeats => td_string!(locale, errors.weak_repeats),
                    Weakness::Sequence => td_string!(locale, errors.weak_sequence),
                    Weakness::Dates => td_string!(locale, errors.weak_dates),
                    Weakness::Words => td_string!(locale, errors.weak_words),
                    Weakness::Other => td_string!(locale, errors.weak_other),
                };
                return format!("{} {hint}", td_string!(locale, errors.password_weak));
            }
        };
        text.to_owned()
    }
}

/// Short stable names for problems, to carry them in a URL (a form posted without JavaScript
/// is answered with a redirect back to the form, which shows the errors named in its query).
const PROBLEM_CODES: [(Problem, &str); 13] = [
    (Problem::Required, "required"),
    (Problem::EmailInvalid, "email-invalid"),
    (Problem::EmailTooLong, "email-too-long"),
    (Problem::EmailTaken, "email-taken"),
    (Problem::NameTooLong, "name-too-long"),
    (Problem::PasswordTooShort, "password-too-short"),
    (Problem::PasswordTooLong, "password-too-long"),
    (Problem::PasswordWeak(Weakness::Common), "weak-common"),
    (Problem::PasswordWeak(Weakness::Repeats), "weak-repeats"),
    (Problem::PasswordWeak(Weakness::Sequence), "weak-sequence"),
    (Problem::PasswordWeak(Weakness::Dates), "weak-dates"),
    (Problem::PasswordWeak(Weakness::Words), "weak-words"),
    (Problem::PasswordWeak(Weakness::Other), "weak-other"),
];

impl Problem {
    pub fn code(self) -> &'static str {
        PROBLEM_CODES
            .iter()
            .find(|(problem, _)| *problem == self)
            .map_or("required", |(_, code)| code)
    }

    pub fn from_code(code: &str) -> Option<Self> {
        PROBLEM_CODES
            .iter()
            .find(|(_, known)| *known == code)
            .map(|(problem, _)| *problem)
    }
}

impl Field {
    pub fn parse(name: &str) -> Option<Self> {
        [Self::Email, Self::Password, Self::Name, Self::RefreshToken]
            .into_iter()
            .find(|field| field.as_str() == name)
    }
}

/// Messages about a whole request rather than one field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Notice {
    MalformedBody,
    InvalidFields,
    Unauthenticated,
    BadCredentials,
    SessionEnded,
    NotFound,
    MethodNotAllowed,
    TimedOut,
    TooLarge,
    UnsupportedMediaType,
    ServerError,
}

impl Notice {
    pub fn code(self) -> &'static str {
        match self {
            Self::MalformedBody => "malformed-body",
            Self::InvalidFields => "invalid-fields",
            Self::Unauthenticated => "unauthenticated",
            Self::BadCredentials => "bad-credentials",
            Self::SessionEnded => "session-ended",
            Self::NotFound => "not-found",
            Self::MethodNotAllowed => "method-not-allowed",
            Self::TimedOut => "timed-out",
            Self::TooLarge => "too-large",
            Self::UnsupportedMediaType => "unsupported-media-type",
            Self::ServerError => "server-error",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        [
            Self::MalformedBody,
            Self::InvalidFields,
            Self::Unauthenticated,
            Self::BadCredentials,
            Self::SessionEnded,
            Self::NotFound,
            Self::MethodNotAllowed,
            Self::TimedOut,
            Self::TooLarge,
            Self::UnsupportedMediaType,
            Self::ServerError,
        ]
        .into_iter()
        .find(|notice| notice.code() == code)
    }

    /// The message for a person, in `locale`.
    pub fn message(self, locale: Locale) -> String {
        match self {
            Self::MalformedBody => td_string!(locale, errors.invalid_body),
            Self::InvalidFields => td_string!(locale, errors.invalid_fields),
            Self::Unauthenticated => td_string!(locale, errors.unauthorized),
            Self::BadCredentials => td_string!(locale, errors.bad_credentials),
            Self::SessionEnded => td_string!(locale, errors.session_ended),
            Self::NotFound => td_string!(locale, errors.not_found),
            Self::MethodNotAllowed => td_string!(locale, errors.method_not_allowed),
            Self::TimedOut => td_string!(locale, errors.timed_out),
            Self::TooLarge => td_string!(locale, errors.too_large),
            Self::UnsupportedMediaType => td_string!(locale, errors.unsupported_media_type),
            Self::ServerError => td_string!(locale, errors.server_error),
        }
        .to_owned()
    }
}

/// A problem with a named field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    pub field: Field,
    pub problem: Problem,
}

impl FieldError {
    pub fn new(field: Field, problem: Problem) -> Self {
        Self { field, problem }
    }
}

/// An e-mail address as stored: trimmed and lower-cased, so that `Ann@Example.com` and
/// `ann@example.com` are one account. The check is deliberately plain (one `@`, something on
/// each side, a dot in the domain, no spaces): only a message that arrives proves an address.
pub fn parse_email(input: &str) -> Result<String, Problem> {
    let email = input.trim().to_lowercase();
    if email.is_empty() {
        return Err(Problem::Required);
    }
    if email.chars().count() > EMAIL_MAX_CHARS {
        return Err(Problem::EmailTooLong);
    }
    let (local, domain) = email.rsplit_once('@').ok_or(Problem::EmailInvalid)?;
    let domain_ok = domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !domain.contains("..");
    let plain = |part: &str| {
        !part.is_empty()
            && !part
                .chars()
                .any(|c| c.is_whitespace() || c.is_control() || c == '@')
    };
    if plain(local) && plain(domain) && domain_ok {
        Ok(email)
    } else {
        Err(Problem::EmailInvalid)
    }
}

/// A display name: trimmed, not empty, at most 100 characters, inner runs of white space
/// folded to one space.
pub fn parse_name(input: &str) -> Result<String, Problem> {
    let name = input
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .chars()
        .filter(|c| !c.is_control())
        .collect::<String>();
    if name.is_empty() {
        Err(Problem::Required)
    } else if name.chars().count() > NAME_MAX_CHARS {
        Err(Problem::NameTooLong)
    } else {
        Ok(name)
    }
}

/// The rules a new password must meet that the browser can check by itself: its length, in
/// characters (not bytes, so "ü" counts once).
pub fn check_password_length(password: &str) -> Result<(), Problem> {
    match password.chars().count() {
        0 => Err(Problem::Required),
        n if n < PASSWORD_MIN_CHARS => Err(Problem::PasswordTooShort),
        n if n > PASSWORD_MAX_CHARS => Err(Problem::PasswordTooLong),
        _ => Ok(()),
    }
}

/// All rules for a new password: its length, then how guessable it is, also given the
/// person's own e-mail address and name (a password made of them is weak however long).
#[cfg(feature = "ssr")]
pub fn check_new_password(password: &str, personal: &[&str]) -> Result<(), Problem> {
    use zxcvbn::{Score, feedback::Warning};

    check_password_length(password)?;
    let estimate = zxcvbn::zxcvbn(password, personal);
    if estimate.score() >= Score::Three {
        return Ok(());
    }
    let weakness = match estimate.feedback().and_then(|feedback| feedback.warning()) {
        Some(
            Warning::ThisIsATop10Password
            | Warning::ThisIsATop100Password
            | Warning::ThisIsACommonPassword
            | Warning::ThisIsSimilarToACommonlyUsedPassword,
        ) => Weakness::Common,
        Some(
            Warning::RepeatsLikeAaaAreEasyToGuess
            | Warning::RepeatsLikeAbcAbcAreOnlySlightlyHarderToGuess,
        ) => Weakness::Repeats,
        Some(
            Warning::SequencesLikeAbcAreEasyToGuess
            | Warning::StraightRowsOfKeysAreEasyToGuess
            | Warning::ShortKeyboardPatternsAreEasyToGuess,
        ) => Weakness::Sequence,
        Some(Warning::RecentYearsAreEasyToGuess | Warning::DatesAreOftenEasyToGuess) => {
            Weakness::Dates
        }
        Some(
            Warning::AWordByItselfIsEasyToGuess
            | Warning::NamesAndSurnamesByThemselvesAreEasyToGuess
            | Warning::CommonNamesAndSurnamesAreEasyToGuess,
        ) => Weakness::Words,
        None => Weakness::Other,
    };
    Err(Problem::PasswordWeak(weakness))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn email_addresses_are_normalised_and_checked() {
        assert_eq!(
            parse_email("  Ann.Lee@Example.COM "),
            Ok("ann.lee@example.com".to_owned())
        );
        assert_eq!(parse_email(""), Err(Problem::Required));
        assert_eq!(parse_email("   "), Err(Problem::Required));
        for bad in [
            "ann",
            "ann@",
            "@example.com",
            "ann@example",
            "ann@.example.com",
            "ann@example.com.",
            "ann@exa..mple.com",
            "an n@example.com",
            "ann@@example.com",
        ] {
            assert_eq!(parse_email(bad), Err(Problem::EmailInvalid), "{bad}");
        }
        let long = format!("{}@example.com", "a".repeat(250));
        assert_eq!(parse_email(&long), Err(Problem::EmailTooLong));
    }

    #[test]
    fn names_are_trimmed_and_bounded() {
        assert_eq!(parse_name("  Ann   Lee "), Ok("Ann Lee".to_owned()));
        assert_eq!(parse_name(" \t "), Err(Problem::Required));
        assert_eq!(
            parse_name(&"é".repeat(100)).map(|name| name.chars().count()),
            Ok(100)
        );
        assert_eq!(parse_name(&"é".repeat(101)), Err(Problem::NameTooLong));
    }

    #[test]
    fn password_length_counts_characters() {
        assert_eq!(check_password_length(""), Err(Problem::Required));
        assert_eq!(
            check_password_length("123456789"),
            Err(Problem::PasswordTooShort)
        );
        assert_eq!(check_password_length("üüüüüüüüüü"), Ok(()));
        assert_eq!(check_password_length(&"x".repeat(128)), Ok(()));
        assert_eq!(
            check_password_length(&"x".repeat(129)),
            Err(Problem::PasswordTooLong)
        );
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn guessable_passwords_are_refused_with_a_reason() {
        assert_eq!(
            check_new_password("password123", &[]),
            Err(Problem::PasswordWeak(Weakness::Common))
        );
        assert_eq!(
            check_new_password("aaaaaaaaaaaa", &[]),
            Err(Problem::PasswordWeak(Weakness::Repeats))
        );
        assert_eq!(
            check_new_password("abcdefghijklm", &[]),
            Err(Problem::PasswordWeak(Weakness::Sequence))
        );
        // Long enough, but made of the person's own details.
        assert!(matches!(
            check_new_password("annlee@example.com", &["annlee@example.com", "Ann Lee"]),
            Err(Problem::PasswordWeak(_))
        ));
        assert_eq!(
            check_new_password("copper kettle rain lantern", &[]),
            Ok(())
        );
        assert_eq!(
            check_new_password("short", &[]),
            Err(Problem::PasswordTooShort)
        );
    }

    #[test]
    fn problem_codes_round_trip() {
        for (problem, code) in PROBLEM_CODES {
            assert_eq!(problem.code(), code);
            assert_eq!(Problem::from_code(code), Some(problem));
        }
        assert_eq!(Problem::from_code("nonsense"), None);
        assert_eq!(Field::parse("email"), Some(Field::Email));
        assert_eq!(Field::parse("id"), None);
    }

    #[test]
    fn every_problem_has_a_message_in_every_language() {
        use leptos_i18n::Locale as _;
        let problems = [
            Problem::Required,
            Problem::EmailInvalid,
            Problem::EmailTooLong,
            Problem::EmailTaken,
            Problem::NameTooLong,
            Problem::PasswordTooShort,
            Problem::PasswordTooLong,
            Problem::PasswordWeak(Weakness::Common),
            Problem::PasswordWeak(Weakness::Other),
        ];
        for &locale in Locale::get_all() {
            for problem in problems {
                assert!(
                    !problem.message(locale).is_empty(),
                    "{problem:?} in {locale:?}"
                );
            }
        }
        assert_eq!(
            Problem::PasswordWeak(Weakness::Dates).message(Locale::en),
            "This password is too easy to guess. Dates and years are easy to guess."
        );
    }
}
