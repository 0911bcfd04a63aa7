//! Single-use tokens, the kind a link in a letter carries: 256 random bits in the link, only
//! their SHA-256 in the database, one purpose each, a short life, spent by the first use.
//!
//! A token presented for another purpose is unknown for this one, so a link to reset a
//! password can never verify an address or the other way round.

use time::{Duration, OffsetDateTime};
use uuid::Uuid;

use super::{
    rules::fields,
    store::{self, NewOneTimeToken, OneTimeTokenRow},
    tokens::OpaqueToken,
};
use crate::{
    db::Database,
    error::{Error, Issue},
};

/// What a token lets its holder do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    /// Confirm that the account's address is theirs.
    VerifyEmail,
    /// Set a new password without the old one.
    ResetPassword,
    /// Move the account to the address the token was sent to.
    ChangeEmail,
}

impl Purpose {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::VerifyEmail => "verify-email",
            Self::ResetPassword => "reset-password",
            Self::ChangeEmail => "change-email",
        }
    }

    /// How long a link stays good: a day to confirm an address, an hour to reset a password
    /// (whoever holds that link holds the account).
    pub fn lifetime(self) -> Duration {
        match self {
            Self::VerifyEmail | Self::ChangeEmail => Duration::hours(24),
            Self::ResetPassword => Duration::hours(1),
        }
    }
}

/// A token just made: the secret for the link, and when it was made.
pub struct Issued {
    pub secret: String,
    pub expires_at: OffsetDateTime,
}

/// Makes a token for `user` to do `purpose` with the address `email`, and stores its hash.
pub async fn issue(
    db: &Database,
    user: Uuid,
    purpose: Purpose,
    email: &str,
    at: OffsetDateTime,
) -> Result<Issued, Error> {
    let token = OpaqueToken::generate()?;
    let expires_at = at + purpose.lifetime();
    store::insert_one_time_token(
        db,
        &NewOneTimeToken {
            id: Uuid::new_v4(),
            user_id: user,
            purpose: purpose.as_str(),
            token_hash: &token.hash,
            email,
            created_at: at,
            expires_at,
        },
    )
    .await?;
    Ok(Issued {
        secret: token.secret,
        expires_at,
    })
}

/// The stored token behind `secret`, if it is good for `purpose` now; otherwise the `token`
/// field's problem: unknown (or for another purpose), used, or expired. Nothing is spent.
pub async fn check(
    db: &Database,
    secret: &str,
    purpose: Purpose,
    at: OffsetDateTime,
) -> Result<OneTimeTokenRow, Error> {
    let problem = |issue| Error::invalid(fields::TOKEN, issue);
    if secret.trim().is_empty() {
        return Err(problem(Issue::Required));
    }
    let row = store::one_time_token_by_hash(db, &OpaqueToken::hash_of(secret.trim()))
        .await?
        .filter(|row| row.purpose == purpose.as_str())
        .ok_or_else(|| problem(Issue::LinkUnknown))?;
    if row.used_at.is_some() {
        return Err(problem(Issue::LinkUsed));
    }
    if row.expires_at <= at {
        return Err(problem(Issue::LinkExpired));
    }
    Ok(row)
}

/// Spends a token `check` accepted. Two requests racing with one link: the second is told the
/// link was used.
pub async fn spend(db: &Database, row: &OneTimeTokenRow, at: OffsetDateTime) -> Result<(), Error> {
    if store::spend_one_time_token(db, row.id, at).await? {
        Ok(())
    } else {
        Err(Error::invalid(fields::TOKEN, Issue::LinkUsed))
    }
}
