//! The letters accounts send, in the recipient's language, in the layout every letter has
//! (`mail::compose`). Each carries one link with a single-use token (`one_time`).

use crate::{
    forms::encode,
    i18n::{Locale, td_string},
    mail::{Action, Content, Letter, Recipient, compose},
};

/// The link a letter carries: `site` + `path` + `?token=…`.
fn link(site: &str, path: &str, token: &str) -> String {
    format!("{site}{path}?token={}", encode(token))
}

/// "Confirm your address": sent on registration and when asked again.
pub fn verification(to: Recipient<'_>, site: &str, token: &str) -> Letter {
    let locale = to.locale;
    compose(
        to,
        site,
        &Content {
            subject: td_string!(locale, letters.verify_subject).to_string(),
            paragraphs: vec![
                td_string!(locale, letters.verify_intro).to_string(),
                td_string!(locale, letters.verify_expiry).to_string(),
                td_string!(locale, letters.not_you).to_string(),
            ],
            action: Some(Action {
                label: td_string!(locale, letters.verify_action).to_string(),
                url: link(site, "/verify-email", token),
            }),
        },
    )
}

/// "Choose a new password": the answer to a reset request for an existing account.
pub fn password_reset(to: Recipient<'_>, site: &str, token: &str) -> Letter {
    let locale = to.locale;
    compose(
        to,
        site,
        &Content {
            subject: td_string!(locale, letters.reset_subject).to_string(),
            paragraphs: vec![
                td_string!(locale, letters.reset_intro).to_string(),
                td_string!(locale, letters.reset_expiry).to_string(),
                td_string!(locale, letters.reset_not_you).to_string(),
            ],
            action: Some(Action {
                label: td_string!(locale, letters.reset_action).to_string(),
                url: link(site, "/password-reset/confirm", token),
            }),
        },
    )
}

/// The language a stored locale names, English if it names none we have.
pub fn locale_of(stored: &str) -> Locale {
    stored.parse().unwrap_or_default()
}
