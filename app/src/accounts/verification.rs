//! Verifying an address: registration sends a link (valid a day, single use); the person may
//! ask for another, at most once a minute; following it marks the address verified. An
//! unverified person uses the app as anyone else (and sees a banner); later features may ask
//! for a verified address before some actions (`User::email_verified`).

use time::Duration;

use super::{
    Accounts, Device, User, letters,
    one_time::{self, Purpose},
    rules::fields,
    store,
};
use crate::{
    audit::{Action, Event},
    db::now,
    error::{Error, Issue},
    i18n::Locale,
    limits::Limit,
    mail::{self, Recipient},
};

/// How long a person waits between two verification letters.
pub const RESEND_AFTER: Duration = Duration::seconds(60);

impl Accounts {
    /// Makes a verification token for `user`'s address and queues the letter with its link.
    pub(super) async fn send_verification(&self, user: &User, locale: Locale) -> Result<(), Error> {
        let issued =
            one_time::issue(&self.db, user.id, Purpose::VerifyEmail, &user.email, now()).await?;
        let letter = letters::verification(
            Recipient {
                email: &user.email,
                name: &user.name,
                locale,
            },
            &self.site,
            &issued.secret,
        );
        mail::send(&self.jobs, &letter)
            .await
            .map_err(|error| Error::unexpected(&error))
    }

    /// Sends `user` a new verification link, unless their address is verified already (then
    /// nothing is sent) or the last link went out less than a minute ago (`TooManyRequests`,
    /// as when the client has asked for too many letters of any kind).
    pub async fn resend_verification(&self, user: &User, device: &Device) -> Result<(), Error> {
        self.limits.check(Limit::MailPerAddress, &device.ip).await?;
        let Some(row) = store::user_by_id(&self.db, user.id).await? else {
            return Err(Error::NotFound);
        };
        if row.email_verified_at.is_some() {
            return Ok(());
        }
        let at = now();
        if let Some(last) =
            store::newest_one_time_token(&self.db, user.id, Purpose::VerifyEmail.as_str()).await?
        {
            let wait = last + RESEND_AFTER - at;
            if wait.is_positive() {
                return Err(Error::TooManyRequests {
                    retry_after: u32::try_from(wait.whole_seconds() + 1).unwrap_or(1),
                });
            }
        }
        let locale = letters::locale_of(&row.locale);
        let user: User = row.try_into()?;
        self.send_verification(&user, locale).await
    }

    /// Marks the address the token was sent to verified. An unknown, used or expired token is
    /// a problem on the `token` field; so is one sent to an address the account no longer has.
    pub async fn verify_email(&self, token: &str, device: &Device) -> Result<(), Error> {
        let at = now();
        let row = one_time::check(&self.db, token, Purpose::VerifyEmail, at).await?;
        one_time::spend(&self.db, &row, at).await?;
        if store::mark_email_verified(&self.db, row.user_id, &row.email, at).await? {
            self.audit
                .record(Event::by(
                    row.user_id,
                    Action::EmailVerified,
                    device.origin(),
                ))
                .await;
            Ok(())
        } else {
            Err(Error::invalid(fields::TOKEN, Issue::LinkUnknown))
        }
    }
}
