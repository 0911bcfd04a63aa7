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

/// "Confirm your new address": sent to the address a person wants to move their account to.
pub fn email_change(to: Recipient<'_>, site: &str, token: &str) -> Letter {
    let locale = to.locale;
    compose(
        to,
        site,
        &Content {
            subject: td_string!(locale, letters.change_subject).to_string(),
            paragraphs: vec![
                td_string!(locale, letters.change_intro).to_string(),
                td_string!(locale, letters.verify_expiry).to_string(),
                td_string!(locale, letters.change_not_you).to_string(),
            ],
            action: Some(Action {
                label: td_string!(locale, letters.change_action).to_string(),
                url: link(site, "/confirm-email", token),
            }),
        },
    )
}

/// "Your address is about to change": to the current address, naming the new one.
pub fn email_change_notice(to: Recipient<'_>, site: &str, new_email: &str) -> Letter {
    let locale = to.locale;
    compose(
        to,
        site,
        &Content {
            subject: td_string!(locale, letters.notice_subject).to_string(),
            paragraphs: vec![
                td_string!(locale, letters.notice_intro, email = new_email).to_string(),
                td_string!(locale, letters.notice_not_you).to_string(),
            ],
            action: Some(Action {
                label: td_string!(locale, letters.notice_action).to_string(),
                url: format!("{site}/settings"),
            }),
        },
    )
}

/// The language a stored locale names, English if it names none we have.
pub fn locale_of(stored: &str) -> Locale {
    stored.parse().unwrap_or_default()
}
