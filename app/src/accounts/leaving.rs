//! What accounts keep about a person, for their export, and how an account goes: the password
//! check before, the erasure of its picture and sessions, the row itself last.

use serde_json::json;
use uuid::Uuid;

use super::{Accounts, Device, Role, User, store};
use crate::{
    db::now,
    error::{Error, FieldError, Issue},
    personal_data::{Pending, PersonalData},
};

impl Accounts {
    /// Checks that `password` is `user`'s before something that cannot be undone (limited like
    /// every password check of a signed-in person); the problem goes on `field`.
    pub async fn confirm_password(
        &self,
        user: &User,
        password: &str,
        field: &'static str,
        device: &Device,
    ) -> Result<(), Error> {
        self.limit_password_checks(user, device).await?;
        let row = store::user_by_id(&self.db, user.id)
            .await?
            .ok_or(Error::NotFound)?;
        self.check_password(&row, password, field)
            .await
            .map_err(|error| Error::Invalid(vec![error]))
    }

    /// `Conflict` if `user` is the last active admin, whom the site cannot lose.
    pub async fn refuse_if_last_admin(&self, user: &User) -> Result<(), Error> {
        let row = store::user_by_id(&self.db, user.id)
            .await?
            .ok_or(Error::NotFound)?;
        if row.role == Role::Admin.as_str()
            && row.disabled_at.is_none()
            && store::other_active_admins(&self.db, user.id).await? == 0
        {
            return Err(Error::Conflict(FieldError::new(
                "account",
                Issue::LastAdmin,
            )));
        }
        Ok(())
    }

    /// Deletes the account's row; its sessions and one-time tokens go with it.
    pub async fn delete(&self, user: Uuid) -> Result<(), Error> {
        store::delete_user(&self.db, user).await?;
        Ok(())
    }
}

impl PersonalData for Accounts {
    fn section(&self) -> &'static str {
        "account"
    }

    fn export(&self, person: Uuid) -> Pending<'_, serde_json::Value> {
        Box::pin(async move {
            let row = store::user_by_id(&self.db, person)
                .await?
                .ok_or(Error::NotFound)?;
            let locale = row.locale.clone();
            let user = User::try_from(row)?;
            let sessions: Vec<serde_json::Value> = self
                .sessions(person, Uuid::nil())
                .await?
                .into_iter()
                .map(|session| {
                    json!({
                        "browser": session.browser,
                        "os": session.os,
                        "ip": session.ip,
                        "started_at": rfc3339(session.started_at),
                        "last_active_at": rfc3339(session.last_active),
                    })
                })
                .collect();
            Ok(json!({
                "profile": {
                    "id": user.id,
                    "email": user.email,
                    "name": user.name,
                    "role": user.role.as_str(),
                    "language": locale,
                    "created_at": rfc3339(user.created_at),
                    "email_verified_at": user.email_verified_at.map(rfc3339),
                    "picture": user.avatar_url,
                },
                "sessions": sessions,
            }))
        })
    }

    fn erase(&self, person: Uuid) -> Pending<'_, ()> {
        Box::pin(async move {
            let at = now();
            store::revoke_user_sessions(&self.db, person, at).await?;
            let picture = store::set_avatar_key(&self.db, person, None, at).await?;
            self.forget(picture).await;
            Ok(())
        })
    }
}

fn rfc3339(at: time::OffsetDateTime) -> String {
    at.format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default()
}
