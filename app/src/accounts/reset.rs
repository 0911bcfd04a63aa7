//! A forgotten password: asking for a reset answers the same, in the same time, whether or not
//! the address has an account (the request only queues a job; the job looks the address up and
//! sends the letter if there is someone to send it to). The letter's link is good for an hour
//! and once; using it sets the new password under the registration rules and ends every
//! session of that person.

use serde::{Deserialize, Serialize};
use time::Duration;

use super::{
    Accounts, Device, letters,
    one_time::{self, Purpose},
    rules::{self, fields},
    store,
};
use crate::{
    audit::{Action, Event},
    db::now,
    error::{Error, FieldError, Issue},
    jobs::NewJob,
    limits::Limit,
    mail::{self, Recipient},
};

/// The job that looks an address up and sends the reset letter.
pub const RESET_JOB: &str = "accounts.password-reset";

/// At most one reset letter a minute goes to one account, however often someone asks.
const RESET_LETTER_EVERY: Duration = Duration::seconds(60);

/// What the reset job carries.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ResetRequest {
    pub email: String,
}

impl Accounts {
    /// Queues a reset letter for `email`. The answer says nothing about whether an account has
    /// that address; only an address that cannot be one is refused. Limited per client and per
    /// address asked about, alike whether an account has it.
    pub async fn request_password_reset(&self, email: &str, device: &Device) -> Result<(), Error> {
        if email.trim().is_empty() {
            return Err(Error::invalid(fields::EMAIL, Issue::Required));
        }
        let email =
            rules::parse_email(email).map_err(|issue| Error::invalid(fields::EMAIL, issue))?;
        self.limits
            .check_all(&[
                (Limit::MailPerAddress, &device.ip),
                (Limit::MailPerAccount, &email),
            ])
            .await?;
        let job =
            NewJob::new(RESET_JOB, &ResetRequest { email }).map_err(|e| Error::unexpected(&e))?;
        self.jobs.enqueue(job).await?;
        Ok(())
    }

    /// The reset job: sends the letter if `email` has an account (and none went to it in the
    /// last minute).
    pub async fn send_password_reset(&self, request: &ResetRequest) -> Result<(), Error> {
        let Some(user) = store::user_by_email(&self.db, &request.email).await? else {
            return Ok(());
        };
        let at = now();
        let last = store::newest_one_time_token(&self.db, user.id, Purpose::ResetPassword.as_str())
            .await?;
        if last.is_some_and(|last| at - last < RESET_LETTER_EVERY) {
            tracing::info!(user = %user.id, "a reset letter went out a moment ago; not another");
            return Ok(());
        }
        let issued =
            one_time::issue(&self.db, user.id, Purpose::ResetPassword, &user.email, at).await?;
        let letter = letters::password_reset(
            Recipient {
                email: &user.email,
                name: &user.name,
                locale: letters::locale_of(&user.locale),
            },
            &self.site,
            &issued.secret,
        );
        mail::send(&self.jobs, &letter)
            .await
            .map_err(|error| Error::unexpected(&error))
    }

    /// Sets a new password with the token from a reset letter, then ends every session of the
    /// person (whoever knew the old password is out) and every other reset link they hold. The
    /// link also shows the address is theirs, so it counts as verified, and whatever failed
    /// log-ins were counted against it are forgotten: the owner is back in.
    pub async fn reset_password(
        &self,
        token: &str,
        password: &str,
        device: &Device,
    ) -> Result<(), Error> {
        self.limits
            .check(Limit::PasswordPerAddress, &device.ip)
            .await?;
        let at = now();
        let unknown = || Error::invalid(fields::TOKEN, Issue::LinkUnknown);
        let row = one_time::check(&self.db, token, Purpose::ResetPassword, at).await?;
        let user = store::user_by_id(&self.db, row.user_id)
            .await?
            .filter(|user| user.email == row.email)
            .ok_or_else(unknown)?;
        if let Err(issue) = rules::check_new_password(password, &[&user.email, &user.name]) {
            return Err(Error::Invalid(vec![FieldError::new(
                fields::PASSWORD,
                issue,
            )]));
        }
        let hash = self.hasher.hash(password.to_owned()).await?;
        one_time::spend(&self.db, &row, at).await?;
        store::set_password_hash(&self.db, user.id, &hash, at).await?;
        store::spend_one_time_tokens_of(&self.db, user.id, Purpose::ResetPassword.as_str(), at)
            .await?;
        store::revoke_user_sessions(&self.db, user.id, at).await?;
        store::mark_email_verified(&self.db, user.id, &user.email, at).await?;
        self.forget_failed_logins(&user.email).await;
        self.audit
            .record(Event::by(user.id, Action::PasswordReset, device.origin()))
            .await;
        Ok(())
    }
}
