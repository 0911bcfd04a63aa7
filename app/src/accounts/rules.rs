//! What makes an e-mail address, a name and a password acceptable.
//!
//! These parsers compile into the browser too, so a form can tell the person at once, in the
//! same words the server would use; the server runs them again and is the authority. The one
//! exception is the strength estimate (zxcvbn): its dictionaries would add megabytes to the
//! bundle, so it runs on the server only, behind `ssr`; forms ask for it through the
//! `check_password` server function when the field is left.

use crate::error::Issue;
#[cfg(feature = "ssr")]
use crate::error::Weakness;

pub const EMAIL_MAX_CHARS: usize = 254;
pub const NAME_MAX_CHARS: usize = 100;
pub const PASSWORD_MIN_CHARS: usize = 10;
pub const PASSWORD_MAX_CHARS: usize = 128;

/// The account fields, by their names in the JSON bodies and the forms.
pub mod fields {
    pub const EMAIL: &str = "email";
    pub const PASSWORD: &str = "password";
    pub const NAME: &str = "name";
    pub const REFRESH_TOKEN: &str = "refresh_token";
    /// The token a link in a letter carries.
    pub const TOKEN: &str = "token";
    pub const CURRENT_PASSWORD: &str = "current_password";
    pub const NEW_PASSWORD: &str = "new_password";
    /// An uploaded file (a picture).
    pub const FILE: &str = "file";
}

/// An e-mail address as stored: trimmed and lower-cased, so that `Ann@Example.com` and
/// `ann@example.com` are one account, and checked with [`check_email`].
pub fn parse_email(input: &str) -> Result<String, Issue> {
    let email = input.trim().to_lowercase();
    check_email(&email)?;
    Ok(email)
}

/// The check of an e-mail address, deliberately plain (one `@`, something on each side, a dot
/// in the domain, no spaces): only a message that arrives proves an address. Case plays no part
/// in it, so the browser runs it on what was typed and leaves lower-casing (with its Unicode
/// tables) to the server.
pub fn check_email(input: &str) -> Result<(), Issue> {
    let email = input.trim();
    if email.is_empty() {
        return Err(Issue::Required);
    }
    if email.chars().count() > EMAIL_MAX_CHARS {
        return Err(Issue::EmailTooLong);
    }
    let (local, domain) = email.rsplit_once('@').ok_or(Issue::EmailInvalid)?;
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
        Ok(())
    } else {
        Err(Issue::EmailInvalid)
    }
}

/// A display name: trimmed, not empty, at most 100 characters, inner runs of white space
/// folded to one space.
pub fn parse_name(input: &str) -> Result<String, Issue> {
    let name = input
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .chars()
        .filter(|c| !c.is_control())
        .collect::<String>();
    if name.is_empty() {
        Err(Issue::Required)
    } else if name.chars().count() > NAME_MAX_CHARS {
        Err(Issue::NameTooLong)
    } else {
        Ok(name)
    }
}

/// The rules a new password must meet that the browser can check by itself: its length, in
/// characters (not bytes, so "ü" counts once).
pub fn check_password_length(password: &str) -> Result<(), Issue> {
    match password.chars().count() {
        0 => Err(Issue::Required),
        n if n < PASSWORD_MIN_CHARS => Err(Issue::PasswordTooShort),
        n if n > PASSWORD_MAX_CHARS => Err(Issue::PasswordTooLong),
        _ => Ok(()),
    }
}

/// All rules for a new password: its length, then how guessable it is, also given the
/// person's own e-mail address and name (a password made of them is weak however long).
#[cfg(feature = "ssr")]
pub fn check_new_password(password: &str, personal: &[&str]) -> Result<(), Issue> {
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
    Err(Issue::PasswordWeak(weakness))
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
        assert_eq!(parse_email(""), Err(Issue::Required));
        assert_eq!(parse_email("   "), Err(Issue::Required));
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
            assert_eq!(parse_email(bad), Err(Issue::EmailInvalid), "{bad}");
        }
        let long = format!("{}@example.com", "a".repeat(250));
        assert_eq!(parse_email(&long), Err(Issue::EmailTooLong));
    }

    #[test]
    fn the_browsers_check_agrees_with_the_server() {
        let long = format!("{}@Example.com", "A".repeat(250));
        for input in [
            "  Ann.Lee@Example.COM ",
            "",
            "ann",
            "ANN@EXAMPLE",
            "Ann@Exa..mple.com",
            "An n@example.com",
            long.as_str(),
        ] {
            assert_eq!(
                check_email(input),
                parse_email(input).map(|_| ()),
                "{input}"
            );
        }
    }

    #[test]
    fn names_are_trimmed_and_bounded() {
        assert_eq!(parse_name("  Ann   Lee "), Ok("Ann Lee".to_owned()));
        assert_eq!(parse_name(" \t "), Err(Issue::Required));
        assert_eq!(
            parse_name(&"é".repeat(100)).map(|name| name.chars().count()),
            Ok(100)
        );
        assert_eq!(parse_name(&"é".repeat(101)), Err(Issue::NameTooLong));
    }

    #[test]
    fn password_length_counts_characters() {
        assert_eq!(check_password_length(""), Err(Issue::Required));
        assert_eq!(
            check_password_length("123456789"),
            Err(Issue::PasswordTooShort)
        );
        assert_eq!(check_password_length("üüüüüüüüüü"), Ok(()));
        assert_eq!(check_password_length(&"x".repeat(128)), Ok(()));
        assert_eq!(
            check_password_length(&"x".repeat(129)),
            Err(Issue::PasswordTooLong)
        );
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn guessable_passwords_are_refused_with_a_reason() {
        assert_eq!(
            check_new_password("password123", &[]),
            Err(Issue::PasswordWeak(Weakness::Common))
        );
        assert_eq!(
            check_new_password("aaaaaaaaaaaa", &[]),
            Err(Issue::PasswordWeak(Weakness::Repeats))
        );
        assert_eq!(
            check_new_password("abcdefghijklm", &[]),
            Err(Issue::PasswordWeak(Weakness::Sequence))
        );
        // Long enough, but made of the person's own details.
        assert!(matches!(
            check_new_password("annlee@example.com", &["annlee@example.com", "Ann Lee"]),
            Err(Issue::PasswordWeak(_))
        ));
        assert_eq!(
            check_new_password("copper kettle rain lantern", &[]),
            Ok(())
        );
        assert_eq!(
            check_new_password("short", &[]),
            Err(Issue::PasswordTooShort)
        );
    }
}
