//! What a signed-in person changes about themselves: their name, their password (with the
//! current one; every other session ends) and their address (with the password; the change
//! happens when the link sent to the new address is opened, and the old address is told).

use super::{
    Accounts, Device, User, letters,
    one_time::{self, Purpose},
    password::Verified,
    rules::{self, fields},
    store,
};
use crate::{
    audit::{Action, Event},
    db::{ConflictOn, now},
    error::{Error, FieldError, Issue},
    limits::Limit,
    mail::{self, Recipient},
};

impl Accounts {
    /// Password checks of a signed-in person, limited per account and per client address: with
    /// a stolen session, the password still cannot be guessed through these forms.
    pub(super) async fn limit_password_checks(
        &self,
        user: &User,
        device: &Device,
    ) -> Result<(), Error> {
        self.limits
            .check_all(&[
                (Limit::PasswordPerAccount, &user.id.to_string()),
                (Limit::PasswordPerAddress, &device.ip),
            ])
            .await
    }

    /// Sets the name other people see.
    pub async fn rename(&self, user: &User, name: &str) -> Result<User, Error> {
        let name = rules::parse_name(name).map_err(|issue| Error::invalid(fields::NAME, issue))?;
        store::set_name(&self.db, user.id, &name, now()).await?;
        Ok(User {
            name,
            ..user.clone()
        })
    }

    /// Whether `password` is `user`'s: `Ok(())`, or the problem on `field`.
    pub(super) async fn check_password(
        &self,
        user: &store::UserRow,
        password: &str,
        field: &'static str,
    ) -> Result<(), FieldError> {
        if password.is_empty() {
            return Err(FieldError::new(field, Issue::Required));
        }
        match self
            .hasher
            .verify(Some(&user.password_hash), password.to_owned())
            .await
        {
            Ok(Verified::Yes | Verified::YesRehashed(_)) => Ok(()),
            _ => Err(FieldError::new(field, Issue::PasswordWrong)),
        }
    }

    /// Changes the password, given the current one; ends every session but `current` (whoever
    /// knew the old password is out) and any reset link still open. Every field problem is
    /// reported at once.
    pub async fn change_password(
        &self,
        user: &User,
        current: uuid::Uuid,
        current_password: &str,
        new_password: &str,
        device: &Device,
    ) -> Result<(), Error> {
        self.limit_password_checks(user, device).await?;
        let row = store::user_by_id(&self.db, user.id)
            .await?
            .ok_or(Error::NotFound)?;
        let mut errors = Vec::new();
        if let Err(error) = self
            .check_password(&row, current_password, fields::CURRENT_PASSWORD)
            .await
        {
            errors.push(error);
        }
        if let Err(issue) = rules::check_new_password(new_password, &[&row.email, &row.name]) {
            errors.push(FieldError::new(fields::NEW_PASSWORD, issue));
        }
        if !errors.is_empty() {
            return Err(Error::Invalid(errors));
        }
        let hash = self.hasher.hash(new_password.to_owned()).await?;
        let at = now();
        store::set_password_hash(&self.db, user.id, &hash, at).await?;
        store::revoke_other_families(&self.db, user.id, current, at).await?;
        store::spend_one_time_tokens_of(&self.db, user.id, Purpose::ResetPassword.as_str(), at)
            .await?;
        self.audit
            .record(Event::by(user.id, Action::PasswordChanged, device.origin()))
            .await;
        Ok(())
    }

    /// Sends a link to `new_email` that moves the account there, and tells the current address.
    /// Needs the password; an address that is already this account's or another's is refused.
    pub async fn request_email_change(
        &self,
        user: &User,
        new_email: &str,
        password: &str,
        device: &Device,
    ) -> Result<(), Error> {
        self.limit_password_checks(user, device).await?;
        self.limits
            .check_all(&[
                (Limit::MailPerAddress, &device.ip),
                (Limit::MailPerAccount, &user.id.to_string()),
            ])
            .await?;
        let row = store::user_by_id(&self.db, user.id)
            .await?
            .ok_or(Error::NotFound)?;
        let mut errors = Vec::new();
        let email = match rules::parse_email(new_email) {
            Ok(email) if email == row.email => {
                errors.push(FieldError::new(fields::EMAIL, Issue::EmailUnchanged));
                None
            }
            Ok(email) => Some(email),
            Err(issue) => {
                errors.push(FieldError::new(fields::EMAIL, issue));
                None
            }
        };
        if let Err(error) = self.check_password(&row, password, fields::PASSWORD).await {
            errors.push(error);
        }
        let Some(email) = email.filter(|_| errors.is_empty()) else {
            return Err(Error::Invalid(errors));
        };
        if store::user_by_email(&self.db, &email).await?.is_some() {
            return Err(Error::Conflict(FieldError::new(
                fields::EMAIL,
                Issue::EmailTaken,
            )));
        }

        let issued =
            one_time::issue(&self.db, user.id, Purpose::ChangeEmail, &email, now()).await?;
        let locale = letters::locale_of(&row.locale);
        let confirm = letters::email_change(
            Recipient {
                email: &email,
                name: &row.name,
                locale,
            },
            &self.site,
            &issued.secret,
        );
        let notice = letters::email_change_notice(
            Recipient {
                email: &row.email,
                name: &row.name,
                locale,
            },
            &self.site,
            &email,
        );
        for letter in [confirm, notice] {
            mail::send(&self.jobs, &letter)
                .await
                .map_err(|error| Error::unexpected(&error))?;
        }
        self.audit
            .record(Event::by(
                user.id,
                Action::EmailChangeRequested,
                device.origin(),
            ))
            .await;
        Ok(())
    }

    /// Moves the account to the address the token was sent to, which counts as verified.
    pub async fn confirm_email_change(&self, token: &str, device: &Device) -> Result<(), Error> {
        let at = now();
        let row = one_time::check(&self.db, token, Purpose::ChangeEmail, at).await?;
        one_time::spend(&self.db, &row, at).await?;
        store::set_email(&self.db, row.user_id, &row.email, at)
            .await
            .conflict_on(fields::EMAIL, Issue::EmailTaken)?;
        self.audit
            .record(Event::by(
                row.user_id,
                Action::EmailChanged,
                device.origin(),
            ))
            .await;
        Ok(())
    }
}
