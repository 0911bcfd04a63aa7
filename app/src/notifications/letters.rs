//! The letter a notification sends to someone who asked for them by e-mail, in the layout every
//! letter has (`mail::compose`).

use super::Kind;
use crate::{
    i18n::td_string,
    mail::{Action, Content, Letter, Recipient, compose},
};

/// "Ann Lee mentioned you on WEB-42 Launch": the button opens the task; the letter says where
/// to stop them.
pub fn notification(
    to: Recipient<'_>,
    site: &str,
    kind: Kind,
    actor: &str,
    task: &str,
    task_id: uuid::Uuid,
) -> Letter {
    let locale = to.locale;
    let said = match kind {
        Kind::Mentioned => td_string!(locale, notifications.mentioned, name = actor, task),
        Kind::Assigned => td_string!(locale, notifications.assigned, name = actor, task),
    }
    .to_string();
    compose(
        to,
        site,
        &Content {
            subject: said.clone(),
            paragraphs: vec![
                format!("{said}."),
                td_string!(locale, notifications.letter_why, site).to_string(),
            ],
            action: Some(Action {
                label: td_string!(locale, notifications.letter_action).to_string(),
                url: format!("{site}/tasks/{task_id}"),
            }),
        },
    )
}
