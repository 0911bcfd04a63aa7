//! The server functions behind the account pages: each parses its input, calls the service and
//! answers with its result; `forms` turns errors into what the forms show.

use leptos::prelude::*;

use super::{SessionSummary, SignedIn};
#[cfg(feature = "ssr")]
use crate::{
    accounts::{NewAccount, Tokens, rules, session},
    flash::Flash,
    forms::server::Reply,
    services::Services,
};
use crate::{audit::AuditEntry, error::Error};

#[server(prefix = "/fn", endpoint = "log-in")]
pub async fn log_in(
    email: String,
    password: String,
    next: Option<String>,
) -> Result<SignedIn, Error> {
    let next = session::safe_next(next.as_deref());
    let reply = Reply::back_to("/login")
        .greet(Flash::WelcomeBack)
        .keep("email", &email)
        .keep("next", &next);
    let result: Result<SignedIn, Error> = async {
        let (user, tokens) = Services::get()?
            .accounts
            .login(&email, &password, &session::device())
            .await?;
        set_session_cookies(&tokens)?;
        Ok(SignedIn { user, next })
    }
    .await;
    reply.finish(result, |signed_in| signed_in.next.clone())
}

#[server(prefix = "/fn", endpoint = "register")]
pub async fn register(
    name: String,
    email: String,
    password: String,
    next: Option<String>,
) -> Result<SignedIn, Error> {
    let next = session::safe_next(next.as_deref());
    let reply = Reply::back_to("/register")
        .greet(Flash::Welcome)
        .keep("name", &name)
        .keep("email", &email)
        .keep("next", &next);
    let result: Result<SignedIn, Error> = async {
        let services = Services::get()?;
        let accounts = &services.accounts;
        let device = session::device();
        let user = accounts
            .register(
                NewAccount {
                    email: email.clone(),
                    password,
                    name: name.clone(),
                    locale: crate::locale::of_this_request(),
                },
                &device,
            )
            .await?;
        set_session_cookies(&accounts.sign_in(&user, &device).await?)?;
        Ok(SignedIn { user, next })
    }
    .await;
    reply.finish(result, |signed_in| signed_in.next.clone())
}

/// Ends this browser's login server-side and deletes its cookies.
#[server(prefix = "/fn", endpoint = "log-out")]
pub async fn log_out() -> Result<(), Error> {
    let result: Result<(), Error> = async {
        if let Some(current) = session::current() {
            Services::get()?
                .accounts
                .end_session(current.user.id, current.family, &session::device())
                .await?;
        }
        crate::cookies::set(Services::get()?.cookies.clear());
        Ok(())
    }
    .await;
    Reply::back_to("/")
        .greet(Flash::LoggedOut)
        .finish(result, |()| "/".to_owned())
}

/// Verifies the address a letter's link was sent to (the page at the link posts its token here).
#[server(prefix = "/fn", endpoint = "verify-email")]
pub async fn verify_email(token: String) -> Result<(), Error> {
    let reply = Reply::back_to("/verify-email")
        .greet(Flash::EmailVerified)
        .keep("token", &token);
    let result = async {
        Services::get()?
            .accounts
            .verify_email(&token, &session::device())
            .await
    }
    .await;
    reply.finish(result, |()| session::DEFAULT_NEXT.to_owned())
}

/// Sends the signed-in person a new verification letter, then back to `next` (the page whose
/// banner asked).
#[server(prefix = "/fn", endpoint = "resend-verification")]
pub async fn resend_verification(next: Option<String>) -> Result<(), Error> {
    let next = session::safe_next(next.as_deref());
    let reply = Reply::back_to(next.clone()).greet(Flash::VerificationSent);
    let result = async {
        let current = session::require()?;
        Services::get()?
            .accounts
            .resend_verification(&current.user, &session::device())
            .await
    }
    .await;
    reply.finish(result, |()| next.clone())
}

/// Asks for a password reset letter; the page then says one is on its way if the address has
/// an account (the answer cannot tell).
#[server(prefix = "/fn", endpoint = "request-password-reset")]
pub async fn request_password_reset(email: String) -> Result<(), Error> {
    let reply = Reply::back_to("/password-reset").keep("email", &email);
    let result = async {
        Services::get()?
            .accounts
            .request_password_reset(&email, &session::device())
            .await
    }
    .await;
    reply.finish(result, |()| {
        format!(
            "/password-reset?sent={}",
            crate::forms::encode(email.trim())
        )
    })
}

/// Sets a new password with a reset letter's token; every session ends, this browser's too.
#[server(prefix = "/fn", endpoint = "reset-password")]
pub async fn reset_password(token: String, password: String) -> Result<(), Error> {
    let reply = Reply::back_to("/password-reset/confirm")
        .greet(Flash::PasswordReset)
        .keep("token", &token);
    let result: Result<(), Error> = async {
        let services = Services::get()?;
        services
            .accounts
            .reset_password(&token, &password, &session::device())
            .await?;
        crate::cookies::set(services.cookies.clear());
        Ok(())
    }
    .await;
    reply.finish(result, |()| "/login".to_owned())
}

/// Puts a fresh token pair into the response's cookies (logging in, registering).
#[cfg(feature = "ssr")]
fn set_session_cookies(tokens: &Tokens) -> Result<(), Error> {
    crate::cookies::set(Services::get()?.cookies.set(tokens));
    Ok(())
}

/// The strength rules for a new password, given the other fields (a password made of one's own
/// name or address is weak): the issue's code (`Issue::code`), or nothing when the password
/// will do. A code rather than the `Issue` itself, so the browser reads it without a JSON
/// deserializer. Nothing is stored or logged.
#[server(prefix = "/fn", endpoint = "check-password")]
pub async fn check_password(
    password: String,
    email: String,
    name: String,
) -> Result<String, Error> {
    Ok(
        rules::check_new_password(&password, &[email.trim(), name.trim()])
            .err()
            .map(|issue| issue.code().to_owned())
            .unwrap_or_default(),
    )
}

/// Ends one of the signed-in person's other logins (`id` from the list), then back to the
/// settings.
#[server(prefix = "/fn", endpoint = "end-session")]
pub async fn end_session(id: String) -> Result<(), Error> {
    let reply = Reply::back_to("/settings").greet(Flash::SessionEnded);
    let result = async {
        let current = session::require()?;
        let id = uuid::Uuid::parse_str(id.trim()).map_err(|_| Error::NotFound)?;
        Services::get()?
            .accounts
            .end_session_of(current.user.id, id, &session::device())
            .await
    }
    .await;
    reply.finish(result, |()| "/settings".to_owned())
}

/// Ends every login of the signed-in person but this browser's.
#[server(prefix = "/fn", endpoint = "end-other-sessions")]
pub async fn end_other_sessions() -> Result<(), Error> {
    let reply = Reply::back_to("/settings").greet(Flash::OtherSessionsEnded);
    let result = async {
        let current = session::require()?;
        Services::get()?
            .accounts
            .end_other_sessions(current.user.id, current.family, &session::device())
            .await
    }
    .await;
    reply.finish(result, |()| "/settings".to_owned())
}

/// Sets the signed-in person's name.
#[server(prefix = "/fn", endpoint = "rename")]
pub async fn rename(name: String) -> Result<(), Error> {
    let reply = Reply::back_to("/settings")
        .greet(Flash::NameSaved)
        .keep("name", &name);
    let result = async {
        let current = session::require()?;
        Services::get()?
            .accounts
            .rename(&current.user, &name)
            .await
            .map(drop)
    }
    .await;
    reply.finish(result, |()| "/settings".to_owned())
}

/// Changes the signed-in person's password; every other session ends.
#[server(prefix = "/fn", endpoint = "change-password")]
pub async fn change_password(current_password: String, new_password: String) -> Result<(), Error> {
    let reply = Reply::back_to("/settings").greet(Flash::PasswordChanged);
    let result = async {
        let current = session::require()?;
        Services::get()?
            .accounts
            .change_password(
                &current.user,
                current.family,
                &current_password,
                &new_password,
                &session::device(),
            )
            .await
    }
    .await;
    reply.finish(result, |()| "/settings".to_owned())
}

/// Sends the link that moves the signed-in person's account to `email`.
#[server(prefix = "/fn", endpoint = "change-email")]
pub async fn change_email(email: String, password: String) -> Result<(), Error> {
    let reply = Reply::back_to("/settings")
        .greet(Flash::EmailLinkSent)
        .keep("email", &email);
    let result = async {
        let current = session::require()?;
        Services::get()?
            .accounts
            .request_email_change(&current.user, &email, &password, &session::device())
            .await
    }
    .await;
    reply.finish(result, |()| "/settings".to_owned())
}

/// Moves the account to the address a change link was sent to (the link's page posts here).
#[server(prefix = "/fn", endpoint = "confirm-email")]
pub async fn confirm_email(token: String) -> Result<(), Error> {
    let reply = Reply::back_to("/confirm-email")
        .greet(Flash::EmailChanged)
        .keep("token", &token);
    let result = async {
        Services::get()?
            .accounts
            .confirm_email_change(&token, &session::device())
            .await
    }
    .await;
    reply.finish(result, |()| "/settings".to_owned())
}

/// Removes the signed-in person's picture. (Choosing one is an upload, which the server's own
/// form handler takes: `server::http::uploads`.)
#[server(prefix = "/fn", endpoint = "remove-avatar")]
pub async fn remove_avatar() -> Result<(), Error> {
    let reply = Reply::back_to("/settings").greet(Flash::AvatarRemoved);
    let result = async {
        let current = session::require()?;
        Services::get()?
            .accounts
            .remove_avatar(&current.user)
            .await
            .map(drop)
    }
    .await;
    reply.finish(result, |()| "/settings".to_owned())
}

/// The signed-in person's live logins, for the dashboard and the settings.
#[server(prefix = "/fn", endpoint = "my-sessions")]
pub async fn my_sessions() -> Result<Vec<SessionSummary>, Error> {
    let current = session::require()?;
    Services::get()?
        .accounts
        .sessions(current.user.id, current.family)
        .await
}

/// How many of their latest security events a person sees in their settings.
pub const RECENT_ACTIVITY: u32 = 20;

/// The signed-in person's latest security events (sign-ins, changes, ended sessions). Other
/// people in them (an admin who changed the role) appear by name, never by address.
#[server(prefix = "/fn", endpoint = "my-activity")]
pub async fn my_activity() -> Result<Vec<AuditEntry>, Error> {
    let current = session::require()?;
    let entries = Services::get()?
        .audit
        .about(current.user.id, RECENT_ACTIVITY)
        .await?;
    Ok(entries
        .into_iter()
        .map(|entry| entry.as_seen_by(current.user.id))
        .collect())
}
