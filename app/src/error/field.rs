//! What is wrong with one field's value, by the field's name in the JSON body and the form.
//!
//! Each `Issue` has a message in every language and a short stable code: a form posted without
//! JavaScript is answered with a redirect back to the form, and the codes carry the problems in
//! its query (`?e=email:email-invalid`). A feature adds the issues its rules need here.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

use crate::i18n::{Locale, td_string};

/// A problem with a named field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    /// The field's name, as in the request body and the form (`email`, `refresh_token`).
    pub field: Cow<'static, str>,
    pub issue: Issue,
}

impl FieldError {
    pub fn new(field: impl Into<Cow<'static, str>>, issue: Issue) -> Self {
        Self {
            field: field.into(),
            issue,
        }
    }
}

/// What is wrong with a value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Issue {
    Required,
    EmailInvalid,
    EmailTooLong,
    EmailTaken,
    NameTooLong,
    PasswordTooShort,
    PasswordTooLong,
    PasswordWeak(Weakness),
    /// A link's token that matches nothing (mistyped, cut short, or meant for something else).
    LinkUnknown,
    LinkUsed,
    LinkExpired,
    /// Not the account's current password.
    PasswordWrong,
    /// The address asked for is the account's already.
    EmailUnchanged,
    /// An upload larger than its limit.
    ImageTooLarge,
    /// Not a PNG, JPEG or WebP image (by its content).
    ImageUnsupported,
    /// Looks like one of those, but cannot be decoded (damaged, or too many pixels).
    ImageUnreadable,
    /// The change would leave no active admin.
    LastAdmin,
    /// A value in a form that is none of those it could be (a date that is no date, say).
    Unreadable,
    /// A typed confirmation (a workspace's name before deleting it) is not what it must be.
    ConfirmationMismatch,
    /// The person invited is a member already.
    AlreadyMember,
    /// Only people who confirmed their own address may invite others.
    InviterUnverified,
    /// An invitation's link was opened by an account with another address than the invited one.
    InvitationForSomeoneElse,
    /// The owner's role changes only when the owner hands the workspace over.
    OwnerRole,
    /// The person named is not (another) member of the workspace.
    NotAMember,
    /// The owner cannot leave their workspace before handing it over.
    OwnerMustHandOver,
    /// A project's key is not 2 to 10 letters and digits starting with a letter.
    KeyInvalid,
    /// Another project of the workspace has this key.
    KeyTaken,
    /// A title longer than 200 characters.
    TitleTooLong,
    /// A text (a description, a comment) longer than 20,000 characters.
    TextTooLong,
    /// A due date before the start date.
    DatesReversed,
    /// A label that is empty, longer than 30 characters, or one of more than 20.
    LabelInvalid,
    /// A related task that is not in the same project, or would make a loop.
    TaskInvalid,
    /// Someone who cannot be assigned: not a member, or a viewer.
    NotAssignable,
    /// An attachment larger than uploads may be.
    FileTooLarge,
    /// An attachment that does not fit in what is left of its workspace's quota.
    QuotaExceeded,
    /// A program (an executable, a library, an installer), which is not taken as an attachment.
    FileTypeRefused,
    /// An account that has as many personal access tokens as it may.
    TooManyTokens,
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

/// The stable name of each issue, for URLs.
const CODES: [(Issue, &str); 42] = [
    (Issue::Required, "required"),
    (Issue::EmailInvalid, "email-invalid"),
    (Issue::EmailTooLong, "email-too-long"),
    (Issue::EmailTaken, "email-taken"),
    (Issue::NameTooLong, "name-too-long"),
    (Issue::PasswordTooShort, "password-too-short"),
    (Issue::PasswordTooLong, "password-too-long"),
    (Issue::PasswordWeak(Weakness::Common), "weak-common"),
    (Issue::PasswordWeak(Weakness::Repeats), "weak-repeats"),
    (Issue::PasswordWeak(Weakness::Sequence), "weak-sequence"),
    (Issue::PasswordWeak(Weakness::Dates), "weak-dates"),
    (Issue::PasswordWeak(Weakness::Words), "weak-words"),
    (Issue::PasswordWeak(Weakness::Other), "weak-other"),
    (Issue::LinkUnknown, "link-unknown"),
    (Issue::LinkUsed, "link-used"),
    (Issue::LinkExpired, "link-expired"),
    (Issue::PasswordWrong, "password-wrong"),
    (Issue::EmailUnchanged, "email-unchanged"),
    (Issue::ImageTooLarge, "image-too-large"),
    (Issue::ImageUnsupported, "image-unsupported"),
    (Issue::ImageUnreadable, "image-unreadable"),
    (Issue::LastAdmin, "last-admin"),
    (Issue::Unreadable, "unreadable"),
    (Issue::ConfirmationMismatch, "confirmation-mismatch"),
    (Issue::AlreadyMember, "already-member"),
    (Issue::InviterUnverified, "inviter-unverified"),
    (
        Issue::InvitationForSomeoneElse,
        "invitation-for-someone-else",
    ),
    (Issue::OwnerRole, "owner-role"),
    (Issue::NotAMember, "not-a-member"),
    (Issue::OwnerMustHandOver, "owner-must-hand-over"),
    (Issue::KeyInvalid, "key-invalid"),
    (Issue::KeyTaken, "key-taken"),
    (Issue::TitleTooLong, "title-too-long"),
    (Issue::TextTooLong, "text-too-long"),
    (Issue::DatesReversed, "dates-reversed"),
    (Issue::LabelInvalid, "label-invalid"),
    (Issue::TaskInvalid, "task-invalid"),
    (Issue::NotAssignable, "not-assignable"),
    (Issue::FileTooLarge, "file-too-large"),
    (Issue::QuotaExceeded, "quota-exceeded"),
    (Issue::FileTypeRefused, "file-type-refused"),
    (Issue::TooManyTokens, "too-many-tokens"),
];

impl Issue {
    /// Every issue, in a fixed order.
    pub fn all() -> impl Iterator<Item = Self> {
        CODES.into_iter().map(|(issue, _)| issue)
    }

    pub fn code(self) -> &'static str {
        CODES
            .iter()
            .find(|(issue, _)| *issue == self)
            .map_or("required", |(_, code)| code)
    }

    pub fn from_code(code: &str) -> Option<Self> {
        CODES
            .iter()
            .find(|(_, known)| *known == code)
            .map(|(issue, _)| *issue)
    }

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
            Self::LinkUnknown => td_string!(locale, errors.link_unknown),
            Self::LinkUsed => td_string!(locale, errors.link_used),
            Self::LinkExpired => td_string!(locale, errors.link_expired),
            Self::PasswordWrong => td_string!(locale, errors.password_wrong),
            Self::EmailUnchanged => td_string!(locale, errors.email_unchanged),
            Self::ImageTooLarge => td_string!(locale, errors.image_too_large),
            Self::LastAdmin => td_string!(locale, errors.last_admin),
            Self::Unreadable => td_string!(locale, errors.unreadable),
            Self::ConfirmationMismatch => td_string!(locale, errors.confirmation_mismatch),
            Self::AlreadyMember => td_string!(locale, errors.already_member),
            Self::InviterUnverified => td_string!(locale, errors.inviter_unverified),
            Self::InvitationForSomeoneElse => {
                td_string!(locale, errors.invitation_for_someone_else)
            }
            Self::OwnerRole => td_string!(locale, errors.owner_role),
            Self::NotAMember => td_string!(locale, errors.not_a_member),
            Self::OwnerMustHandOver => td_string!(locale, errors.owner_must_hand_over),
            Self::KeyInvalid => td_string!(locale, errors.key_invalid),
            Self::KeyTaken => td_string!(locale, errors.key_taken),
            Self::TitleTooLong => td_string!(locale, errors.title_too_long),
            Self::TextTooLong => td_string!(locale, errors.text_too_long),
            Self::DatesReversed => td_string!(locale, errors.dates_reversed),
            Self::LabelInvalid => td_string!(locale, errors.label_invalid),
            Self::TaskInvalid => td_string!(locale, errors.task_invalid),
            Self::NotAssignable => td_string!(locale, errors.not_assignable),
            Self::FileTooLarge => td_string!(locale, errors.file_too_large),
            Self::QuotaExceeded => td_string!(locale, errors.quota_exceeded),
            Self::FileTypeRefused => td_string!(locale, errors.file_type_refused),
            Self::TooManyTokens => td_string!(locale, errors.too_many_tokens),
            Self::ImageUnsupported => td_string!(locale, errors.image_unsupported),
            Self::ImageUnreadable => td_string!(locale, errors.image_unreadable),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip() {
        for (issue, code) in CODES {
            assert_eq!(issue.code(), code);
            assert_eq!(Issue::from_code(code), Some(issue));
        }
        assert_eq!(Issue::from_code("nonsense"), None);
    }

    #[test]
    fn every_issue_has_a_message_in_every_language() {
        use leptos_i18n::Locale as _;
        for &locale in Locale::get_all() {
            for (issue, _) in CODES {
                let message = issue.message(locale);
                assert!(!message.is_empty(), "{issue:?} in {locale:?}");
                // The account form carries its messages one a line (`data-messages`).
                assert!(
                    !message.contains('\n'),
                    "{issue:?} in {locale:?} spans lines"
                );
            }
        }
        assert_eq!(
            Issue::PasswordWeak(Weakness::Dates).message(Locale::en),
            "This password is too easy to guess. Dates and years are easy to guess."
        );
    }
}
