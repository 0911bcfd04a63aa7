//! Personal access tokens: made by their owner (a name, a scope, a lifetime), shown once,
//! stored as their SHA-256, listed with when each was last used, revoked by deleting them, and
//! turned back into their owner when a program presents one (`authenticate`). Making and
//! revoking one are security events in the audit log.

use time::Duration;
use uuid::Uuid;

use super::{
    ApiToken, DEFAULT_LIFETIME, MAX_TOKENS, Scope, TOKEN_PREFIX, fields, parse_lifetime,
    parse_name,
    store::{self, NewToken, TokenRow},
};
use crate::{
    accounts::{Accounts, Device, User, tokens::OpaqueToken},
    audit::{Action, Audit, Event},
    db::{Database, now},
    error::{AuthFailure, Error, FieldError, Issue},
};

/// A token's last use is written at most this often (a program calling many times a second
/// must not turn every call into a write).
const USE_PRECISION: Duration = Duration::minutes(1);

#[derive(Debug, Clone)]
pub struct ApiTokens {
    db: Database,
    accounts: Accounts,
    audit: Audit,
}

/// What a new token is made of, as the form or the body gives it.
#[derive(Debug, Clone, Default)]
pub struct NewApiToken {
    pub name: String,
    pub scope: String,
    /// One of `LIFETIMES`; `None` for the default.
    pub expires_in_days: Option<u32>,
}

fn token(row: TokenRow) -> ApiToken {
    ApiToken {
        id: row.id,
        name: row.name,
        scope: Scope::parse(&row.scope).unwrap_or(Scope::Read),
        created_at: row.created_at,
        expires_at: row.expires_at,
        last_used_at: row.last_used_at,
    }
}

impl ApiTokens {
    pub fn new(db: Database, accounts: Accounts, audit: Audit) -> Self {
        Self {
            db,
            accounts,
            audit,
        }
    }

    pub fn on(&self, db: Database, accounts: Accounts, audit: Audit) -> Self {
        Self::new(db, accounts, audit)
    }

    /// Makes a token for `owner`: the token, and its secret, which is never shown again.
    pub async fn create(
        &self,
        owner: &User,
        input: &NewApiToken,
        device: &Device,
    ) -> Result<(ApiToken, String), Error> {
        let name = parse_name(&input.name);
        let scope = Scope::parse(&input.scope).ok_or(Issue::Required);
        let lifetime = parse_lifetime(input.expires_in_days.unwrap_or(DEFAULT_LIFETIME));
        let mut errors = Vec::new();
        if let Err(issue) = &name {
            errors.push(FieldError::new(fields::NAME, *issue));
        }
        if let Err(issue) = &scope {
            errors.push(FieldError::new(fields::SCOPE, *issue));
        }
        if let Err(issue) = &lifetime {
            errors.push(FieldError::new(fields::EXPIRES_IN_DAYS, *issue));
        }
        let (Ok(name), Ok(scope), Ok(lifetime)) = (name, scope, lifetime) else {
            return Err(Error::Invalid(errors));
        };
        if store::count(&self.db, owner.id).await? >= MAX_TOKENS as i64 {
            return Err(Error::invalid(fields::NAME, Issue::TooManyTokens));
        }
        let secret = OpaqueToken::generate()?;
        let presented = format!("{TOKEN_PREFIX}{}", secret.secret);
        let at = now();
        let made = ApiToken {
            id: Uuid::new_v4(),
            name,
            scope,
            created_at: at,
            expires_at: lifetime.map(|days| at + Duration::days(i64::from(days))),
            last_used_at: None,
        };
        store::insert(
            &self.db,
            NewToken {
                id: made.id,
                user: owner.id,
                name: &made.name,
                hash: &OpaqueToken::hash_of(&presented),
                scope: scope.as_str(),
                at,
                expires_at: made.expires_at,
            },
        )
        .await?;
        self.audit
            .record(
                Event::by(owner.id, Action::ApiTokenCreated, device.origin())
                    .with("name", made.name.clone())
                    .with("scope", scope.as_str()),
            )
            .await;
        Ok((made, presented))
    }

    /// `owner`'s tokens, newest first.
    pub async fn list(&self, owner: &User) -> Result<Vec<ApiToken>, Error> {
        Ok(store::of_user(&self.db, owner.id)
            .await?
            .into_iter()
            .map(token)
            .collect())
    }

    /// Revokes `owner`'s token `id`: from now on it opens nothing. `NotFound` if they have no
    /// such token.
    pub async fn revoke(&self, owner: &User, id: Uuid, device: &Device) -> Result<(), Error> {
        let name = store::delete(&self.db, owner.id, id)
            .await?
            .ok_or(Error::NotFound)?;
        self.audit
            .record(
                Event::by(owner.id, Action::ApiTokenRevoked, device.origin()).with("name", name),
            )
            .await;
        Ok(())
    }

    /// The person a presented token speaks for, and what it allows; `Unauthenticated` for a
    /// token that is unknown, revoked or expired, or whose account is disabled or gone.
    pub async fn authenticate(&self, presented: &str) -> Result<(User, ApiToken), Error> {
        let missing = || Error::Unauthenticated(AuthFailure::Missing);
        if !presented.starts_with(TOKEN_PREFIX) {
            return Err(missing());
        }
        let at = now();
        let row = store::live_by_hash(&self.db, &OpaqueToken::hash_of(presented), at)
            .await?
            .ok_or_else(missing)?;
        let user = self
            .accounts
            .active_user(row.user_id)
            .await?
            .ok_or_else(missing)?;
        if row
            .last_used_at
            .is_none_or(|last| at - last >= USE_PRECISION)
        {
            store::used(&self.db, row.id, at).await?;
        }
        Ok((user, token(row)))
    }
}

impl crate::personal_data::PersonalData for ApiTokens {
    fn section(&self) -> &'static str {
        "api_tokens"
    }

    fn export(&self, person: Uuid) -> crate::personal_data::Pending<'_, serde_json::Value> {
        Box::pin(async move {
            let rows = store::of_user(&self.db, person).await?;
            Ok(
                serde_json::to_value(rows.into_iter().map(token).collect::<Vec<_>>())
                    .unwrap_or_default(),
            )
        })
    }

    /// The tokens go with the account (deleted with its row).
    fn erase(&self, _person: Uuid) -> crate::personal_data::Pending<'_, ()> {
        Box::pin(async { Ok(()) })
    }
}
