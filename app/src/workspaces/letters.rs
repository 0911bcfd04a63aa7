//! The letter an invitation sends, in the layout every letter has (`mail::compose`).

use crate::{
    forms::encode,
    i18n::td_string,
    mail::{Action, Content, Letter, Recipient, compose},
};

/// "Ann invited you to Acme": the link opens the invitation, to accept or decline it.
pub fn invitation(
    to: Recipient<'_>,
    site: &str,
    inviter: &str,
    workspace: &str,
    token: &str,
) -> Letter {
    let locale = to.locale;
    compose(
        to,
        site,
        &Content {
            subject: td_string!(locale, workspaces.invite_subject, name = inviter, workspace)
                .to_string(),
            paragraphs: vec![
                td_string!(locale, workspaces.invite_intro, name = inviter, workspace).to_string(),
                td_string!(locale, workspaces.invite_expiry).to_string(),
                td_string!(locale, workspaces.invite_not_you).to_string(),
            ],
            action: Some(Action {
                label: td_string!(locale, workspaces.invite_action).to_string(),
                url: format!("{site}/invitation?token={}", encode(token)),
            }),
        },
    )
}
