//! One-time messages carried across a redirect: an action that ends in a redirect (logging in,
//! registering, logging out, verifying an address…) leaves a short code in the `hearth_flash` cookie, and the next page
//! the server renders shows it as a toast and deletes the cookie (`components::ui::ToastArea`).
//! Only form posts leave one: an API client follows no redirect and shows no page.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Flash {
    /// An account was just created.
    Welcome,
    /// A person logged in.
    WelcomeBack,
    LoggedOut,
    /// A new verification letter is on its way.
    VerificationSent,
    /// The address is verified.
    EmailVerified,
    /// The password was reset (and every session ended).
    PasswordReset,
    /// One session was ended from the settings.
    SessionEnded,
    /// Every session but this browser's was ended.
    OtherSessionsEnded,
    NameSaved,
    /// The password was changed from the settings (and every other session ended).
    PasswordChanged,
    /// A link to confirm a new address is on its way there.
    EmailLinkSent,
    EmailChanged,
    AvatarSaved,
    AvatarRemoved,
    /// An admin changed an account's role or access.
    AccountSaved,
    /// An admin sent someone a new verification link.
    LinkSentToThem,
    WorkspaceCreated,
    WorkspaceSaved,
    WorkspaceDeleted,
    InvitationSent,
    InvitationRevoked,
    InvitationAccepted,
    InvitationDeclined,
    MemberSaved,
    MemberRemoved,
    OwnershipTransferred,
    LeftWorkspace,
    ProjectCreated,
    ProjectSaved,
    ProjectDeleted,
    TaskCreated,
    TaskSaved,
    TaskMoved,
    TaskDeleted,
    CommentAdded,
    AttachmentAdded,
    AttachmentDeleted,
    ApiTokenRevoked,
    NotificationsSaved,
}

const CODES: [(Flash, &str); 39] = [
    (Flash::Welcome, "welcome"),
    (Flash::WelcomeBack, "welcome-back"),
    (Flash::LoggedOut, "logged-out"),
    (Flash::VerificationSent, "verification-sent"),
    (Flash::EmailVerified, "email-verified"),
    (Flash::PasswordReset, "password-reset"),
    (Flash::SessionEnded, "session-ended"),
    (Flash::OtherSessionsEnded, "other-sessions-ended"),
    (Flash::NameSaved, "name-saved"),
    (Flash::PasswordChanged, "password-changed"),
    (Flash::EmailLinkSent, "email-link-sent"),
    (Flash::EmailChanged, "email-changed"),
    (Flash::AvatarSaved, "avatar-saved"),
    (Flash::AvatarRemoved, "avatar-removed"),
    (Flash::AccountSaved, "account-saved"),
    (Flash::LinkSentToThem, "link-sent-to-them"),
    (Flash::WorkspaceCreated, "workspace-created"),
    (Flash::WorkspaceSaved, "workspace-saved"),
    (Flash::WorkspaceDeleted, "workspace-deleted"),
    (Flash::InvitationSent, "invitation-sent"),
    (Flash::InvitationRevoked, "invitation-revoked"),
    (Flash::InvitationAccepted, "invitation-accepted"),
    (Flash::InvitationDeclined, "invitation-declined"),
    (Flash::MemberSaved, "member-saved"),
    (Flash::MemberRemoved, "member-removed"),
    (Flash::OwnershipTransferred, "ownership-transferred"),
    (Flash::LeftWorkspace, "left-workspace"),
    (Flash::ProjectCreated, "project-created"),
    (Flash::ProjectSaved, "project-saved"),
    (Flash::ProjectDeleted, "project-deleted"),
    (Flash::TaskCreated, "task-created"),
    (Flash::TaskSaved, "task-saved"),
    (Flash::TaskMoved, "task-moved"),
    (Flash::TaskDeleted, "task-deleted"),
    (Flash::CommentAdded, "comment-added"),
    (Flash::AttachmentAdded, "attachment-added"),
    (Flash::AttachmentDeleted, "attachment-deleted"),
    (Flash::ApiTokenRevoked, "api-token-revoked"),
    (Flash::NotificationsSaved, "notifications-saved"),
];

impl Flash {
    pub const COOKIE: &'static str = "hearth_flash";

    pub fn code(self) -> &'static str {
        CODES
            .iter()
            .find(|(flash, _)| *flash == self)
            .map_or("logged-out", |(_, code)| code)
    }

    pub fn from_code(code: &str) -> Option<Self> {
        CODES
            .iter()
            .find(|(_, known)| *known == code)
            .map(|(flash, _)| *flash)
    }
}

#[cfg(feature = "ssr")]
pub use server::{cookie_for, leave, take};

#[cfg(feature = "ssr")]
mod server {
    use http::HeaderValue;

    use super::Flash;

    /// Long enough to follow a redirect, short enough not to greet anyone a day later.
    const LIFETIME_SECONDS: u32 = 60;

    fn cookie(value: &str, max_age: u32) -> HeaderValue {
        let cookie = format!(
            "{}={value}; Path=/; Max-Age={max_age}; HttpOnly; SameSite=Lax",
            Flash::COOKIE
        );
        // Codes are ASCII words: always a valid header value.
        HeaderValue::from_str(&cookie).unwrap_or_else(|_| HeaderValue::from_static(""))
    }

    /// Leaves `flash` for the page the response redirects to.
    pub fn leave(flash: Flash) {
        crate::cookies::set([cookie_for(flash)]);
    }

    /// The `Set-Cookie` value that leaves `flash`, for a response made outside a page render
    /// (the server's own form handlers).
    pub fn cookie_for(flash: Flash) -> HeaderValue {
        cookie(flash.code(), LIFETIME_SECONDS)
    }

    /// The message left for this page, if any; the response deletes it, so it shows once.
    pub fn take() -> Option<Flash> {
        let flash = crate::cookies::in_request(Flash::COOKIE)?;
        crate::cookies::set([cookie("", 0)]);
        Flash::from_code(&flash)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip() {
        for (flash, code) in CODES {
            assert_eq!(flash.code(), code);
            assert_eq!(Flash::from_code(code), Some(flash));
        }
        assert_eq!(Flash::from_code("anything"), None);
    }
}
