//! What can be done with accounts, whoever asks: the REST API and the server functions behind
//! the pages both call these, so a rule holds everywhere or nowhere.

use leptos_i18n::Locale as _;
use time::{Duration, OffsetDateTime};
use uuid::Uuid;

use super::{
    Role, SessionSummary, User,
    password::{PasswordHasher, Verified},
    rules::{self, fields},
    store::{self, NewSession},
    tokens::{AccessTokens, OpaqueToken},
};
use crate::{
    audit::{Action, Audit, Event, Origin},
    db::{ConflictOn, Database, now},
    error::{AuthFailure, Error, FieldError, Issue},
    i18n::Locale,
    jobs::Queue,
    limits::{Limit, Limiter},
    storage::Storage,
};

/// How long a refresh token stays usable if nobody uses it.
pub const REFRESH_LIFETIME: Duration = Duration::days(30);

/// Browsers send several requests at once (a page, its server functions, a second tab); when
/// the access cookie has just expired they can all present the same refresh cookie. The first
/// rotates it; the others, within this window, are only refused, not treated as a replay.
const BROWSER_GRACE: Duration = Duration::seconds(30);

/// What a registration asks for, as typed, and the language the person uses (their letters
/// come in it).
#[derive(Debug, Clone, Default)]
pub struct NewAccount {
    pub email: String,
    pub password: String,
    pub name: String,
    pub locale: Locale,
}

/// Where a request comes from: the browser (User-Agent) and the client's address, which the
/// list of sessions shows so a person can tell them apart, and which the rate limits count and
/// the audit log keeps with the request's id.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Device {
    pub user_agent: String,
    pub ip: String,
    pub request_id: String,
}

impl Device {
    /// The longest User-Agent kept; real ones are far shorter.
    const MAX_USER_AGENT: usize = 512;

    pub fn new(user_agent: &str, ip: String, request_id: &str) -> Self {
        let mut end = user_agent.len().min(Self::MAX_USER_AGENT);
        while !user_agent.is_char_boundary(end) {
            end -= 1;
        }
        Self {
            user_agent: user_agent[..end].to_owned(),
            ip,
            request_id: request_id.to_owned(),
        }
    }

    /// The device as an audit entry keeps it.
    pub fn origin(&self) -> Origin<'_> {
        Origin {
            ip: &self.ip,
            user_agent: &self.user_agent,
            request_id: &self.request_id,
        }
    }
}

/// The pair a login or refresh hands out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tokens {
    pub access_token: String,
    pub refresh_token: String,
    /// Seconds until the access token expires.
    pub expires_in: i64,
}

/// How a browser's refresh cookie fared.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BrowserRefresh {
    /// A new pair, for new cookies.
    Rotated(Tokens),
    /// Another request of the same browser rotated the cookie seconds ago and carries the new
    /// pair; this request is still that login, `(user, family)`, and must leave the cookies be.
    RecentlyRotated { user: Uuid, family: Uuid },
}

/// The account service: the database, the password hasher, the token keys, the job queue its
/// letters go through (with the site's address for their links) and the file storage that
/// keeps pictures.
#[derive(Debug, Clone)]
pub struct Accounts {
    pub(super) db: Database,
    pub(super) hasher: PasswordHasher,
    access: AccessTokens,
    pub(super) jobs: Queue,
    pub(super) site: std::sync::Arc<str>,
    pub(super) storage: Storage,
    pub(super) limits: Limiter,
    pub(super) audit: Audit,
}

/// The other services accounts work through.
pub struct Collaborators<'a> {
    /// Letters go out as jobs, with links to `site`.
    pub jobs: Queue,
    pub site: &'a str,
    /// Where pictures are kept.
    pub storage: Storage,
    pub limits: Limiter,
    pub audit: Audit,
}

impl Accounts {
    pub fn new(
        db: Database,
        hasher: PasswordHasher,
        access: AccessTokens,
        others: Collaborators<'_>,
    ) -> Self {
        Self {
            db,
            hasher,
            access,
            jobs: others.jobs,
            site: others.site.into(),
            storage: others.storage,
            limits: others.limits,
            audit: others.audit,
        }
    }

    /// The same accounts over another pool; the hasher's permits and the signing key are shared.
    pub fn on(&self, db: Database) -> Self {
        Self {
            jobs: self.jobs.on(db.clone()),
            audit: self.audit.on(db.clone()),
            db,
            hasher: self.hasher.clone(),
            access: self.access.clone(),
            site: self.site.clone(),
            storage: self.storage.clone(),
            limits: self.limits.clone(),
        }
    }

    /// Creates a member account and sends the link that verifies its address. Every field
    /// problem is reported at once.
    pub async fn register(&self, input: NewAccount, device: &Device) -> Result<User, Error> {
        let (email, name) = validate_new_account(&input)?;
        self.limits
            .check(Limit::RegistrationPerAddress, &device.ip)
            .await?;
        let hash = self.hasher.hash(input.password).await?;
        let user = User {
            id: Uuid::new_v4(),
            email,
            name,
            role: Role::Member,
            created_at: now(),
            email_verified_at: None,
            avatar_url: None,
        };
        store::insert_user(&self.db, &user, &hash, input.locale.as_str())
            .await
            .conflict_on(fields::EMAIL, Issue::EmailTaken)?;
        self.audit
            .record(Event::by(user.id, Action::Registered, device.origin()))
            .await;
        // The account exists now; without the letter the person can ask for it again (the
        // banner offers that), so its failure is logged rather than undoing the registration.
        if let Err(error) = self.send_verification(&user, input.locale).await {
            tracing::error!(%error, user = %user.id, "the verification letter could not be queued");
        }
        Ok(user)
    }

    /// An account made by an operator's command (`server seed-demo`), not by its owner: no
    /// letter, no rate limit, the address counted as confirmed. An existing account with the
    /// address is returned as it is.
    pub async fn create_confirmed(&self, input: NewAccount) -> Result<User, Error> {
        let (email, name) = validate_new_account(&input)?;
        if let Some(existing) = store::user_by_email(&self.db, &email).await? {
            return existing.try_into();
        }
        let hash = self.hasher.hash(input.password).await?;
        let at = now();
        let user = User {
            id: Uuid::new_v4(),
            email,
            name,
            role: Role::Member,
            created_at: at,
            email_verified_at: Some(at),
            avatar_url: None,
        };
        store::insert_user(&self.db, &user, &hash, input.locale.as_str())
            .await
            .conflict_on(fields::EMAIL, Issue::EmailTaken)?;
        store::set_email(&self.db, user.id, &user.email, at).await?;
        Ok(user)
    }

    /// Creates an admin, or makes the existing account with that e-mail address one (and sets
    /// its password). Returns the user and whether the account is new.
    pub async fn create_or_promote_admin(&self, input: NewAccount) -> Result<(User, bool), Error> {
        let (email, name) = validate_new_account(&input)?;
        let hash = self.hasher.hash(input.password).await?;
        if let Some(existing) = store::user_by_email(&self.db, &email).await? {
            // Whoever held this account until now (it may have been registered by someone
            // else, since addresses are not verified yet) must not keep a session that has
            // just become an administrator's.
            let at = now();
            store::promote_to_admin(&self.db, existing.id, Some(&hash), at).await?;
            store::revoke_user_sessions(&self.db, existing.id, at).await?;
            let user = User {
                role: Role::Admin,
                ..User::try_from(existing)?
            };
            return Ok((user, false));
        }
        let user = User {
            id: Uuid::new_v4(),
            email,
            name,
            role: Role::Admin,
            created_at: now(),
            email_verified_at: None,
            avatar_url: None,
        };
        store::insert_user(&self.db, &user, &hash, input.locale.as_str())
            .await
            .conflict_on(fields::EMAIL, Issue::EmailTaken)?;
        Ok((user, true))
    }

    /// Checks the credentials and starts a session. Unknown address and wrong password give
    /// the same error after the same work (a hash check against a decoy).
    ///
    /// Attempts are limited per client address and, counting failures only, per address asked
    /// about (two tiers: a few quick mistakes, then slower and slower); a refused attempt checks
    /// no password, so a guesser learns nothing from it.
    pub async fn login(
        &self,
        email: &str,
        password: &str,
        device: &Device,
    ) -> Result<(User, Tokens), Error> {
        let mut missing = Vec::new();
        if email.trim().is_empty() {
            missing.push(FieldError::new(fields::EMAIL, Issue::Required));
        }
        if password.is_empty() {
            missing.push(FieldError::new(fields::PASSWORD, Issue::Required));
        }
        if !missing.is_empty() {
            return Err(Error::Invalid(missing));
        }

        let account = email.trim().to_lowercase();
        self.limits
            .check(Limit::LoginPerAddress, &device.ip)
            .await?;
        self.limits
            .check_all(&[
                (Limit::LoginFailuresPerAccount, &account),
                (Limit::LoginFailuresPerAccountSlow, &account),
            ])
            .await?;

        let row = match rules::parse_email(email) {
            Ok(email) => store::user_by_email(&self.db, &email).await?,
            Err(_) => None,
        };
        let verified = self
            .hasher
            .verify(
                row.as_ref().map(|row| row.password_hash.as_str()),
                password.to_owned(),
            )
            .await?;
        let user: User = match (row, verified) {
            // The right password for a disabled account: the owner is told, and nothing starts.
            (Some(row), Verified::Yes | Verified::YesRehashed(_)) if row.disabled_at.is_some() => {
                self.audit
                    .record(Event {
                        action: Action::LoginFailed,
                        actor: None,
                        subject: Some(row.id),
                        origin: device.origin(),
                        details: vec![("reason", "account disabled".to_owned())],
                    })
                    .await;
                return Err(Error::Unauthenticated(AuthFailure::Disabled));
            }
            (Some(row), Verified::Yes) => row.try_into()?,
            (Some(row), Verified::YesRehashed(hash)) => {
                store::set_password_hash(&self.db, row.id, &hash, now()).await?;
                row.try_into()?
            }
            (row, _) => {
                self.audit
                    .record(Event {
                        action: Action::LoginFailed,
                        actor: None,
                        subject: row.map(|row| row.id),
                        origin: device.origin(),
                        details: Vec::new(),
                    })
                    .await;
                return Err(Error::Unauthenticated(AuthFailure::BadCredentials));
            }
        };
        self.forget_failed_logins(&account).await;
        self.audit
            .record(Event::by(user.id, Action::LoggedIn, device.origin()))
            .await;

        let tokens = self.sign_in(&user, device).await?;
        Ok((user, tokens))
    }

    /// Clears the failed log-ins counted against `email`: once the owner is in (by the password
    /// or a reset link), an earlier guesser's tries no longer slow them down.
    pub(super) async fn forget_failed_logins(&self, email: &str) {
        let account = email.trim().to_lowercase();
        self.limits
            .forget(Limit::LoginFailuresPerAccount, &account)
            .await;
        self.limits
            .forget(Limit::LoginFailuresPerAccountSlow, &account)
            .await;
    }

    /// Starts a new login for a user whose identity is already established (just registered).
    pub async fn sign_in(&self, user: &User, device: &Device) -> Result<Tokens, Error> {
        let refresh = OpaqueToken::generate()?;
        let family = Uuid::new_v4();
        let created_at = now();
        store::insert_session(
            &self.db,
            &NewSession {
                id: Uuid::new_v4(),
                family_id: family,
                user_id: user.id,
                token_hash: &refresh.hash,
                created_at,
                expires_at: created_at + REFRESH_LIFETIME,
                user_agent: &device.user_agent,
                ip: &device.ip,
                started_at: created_at,
            },
        )
        .await?;
        self.pair(user, family, refresh.secret, created_at)
    }

    fn pair(
        &self,
        user: &User,
        family: Uuid,
        refresh: String,
        at: OffsetDateTime,
    ) -> Result<Tokens, Error> {
        let access_token = self.access.issue(user.id, family, user.role, at)?;
        Ok(Tokens {
            access_token,
            refresh_token: refresh,
            expires_in: self.access.lifetime().whole_seconds(),
        })
    }

    /// Trades a refresh token for a new pair. The old token dies; presenting it again revokes
    /// every session of that login, since only a thief or a replay would do so.
    pub async fn refresh(&self, token: &str, device: &Device) -> Result<Tokens, Error> {
        match self.rotate(token, Duration::ZERO, device).await? {
            BrowserRefresh::Rotated(tokens) => Ok(tokens),
            // Without a grace window every reuse is a replay (see `rotate`).
            BrowserRefresh::RecentlyRotated { .. } => Err(session_ended()),
        }
    }

    /// `refresh` for the session cookie: a token used within the last few seconds (by a
    /// concurrent request of the same browser) is refused without revoking the login.
    pub async fn refresh_for_browser(
        &self,
        token: &str,
        device: &Device,
    ) -> Result<BrowserRefresh, Error> {
        self.rotate(token, BROWSER_GRACE, device).await
    }

    async fn rotate(
        &self,
        token: &str,
        grace: Duration,
        device: &Device,
    ) -> Result<BrowserRefresh, Error> {
        let Some(session) =
            store::session_by_token_hash(&self.db, &OpaqueToken::hash_of(token)).await?
        else {
            return Err(session_ended());
        };
        let at = now();
        if session.revoked_at.is_some() {
            return Err(session_ended());
        }
        let recently_rotated = BrowserRefresh::RecentlyRotated {
            user: session.user_id,
            family: session.family_id,
        };
        if let Some(used_at) = session.used_at {
            if at - used_at < grace {
                return Ok(recently_rotated);
            }
            tracing::warn!(family = %session.family_id, user = %session.user_id, "a used refresh token came back; revoking its family");
            store::revoke_family(&self.db, session.family_id, at).await?;
            return Err(session_ended());
        }
        if session.expires_at <= at {
            return Err(session_ended());
        }
        let Some(user) = store::user_by_id(&self.db, session.user_id).await? else {
            return Err(session_ended());
        };
        let user: User = user.try_into()?;

        let next = OpaqueToken::generate()?;
        let rotated = store::rotate_session(
            &self.db,
            session.id,
            &NewSession {
                id: Uuid::new_v4(),
                family_id: session.family_id,
                user_id: user.id,
                token_hash: &next.hash,
                created_at: at,
                expires_at: at + REFRESH_LIFETIME,
                user_agent: &device.user_agent,
                ip: &device.ip,
                started_at: session.started_at.unwrap_or(session.created_at),
            },
        )
        .await?;
        if !rotated {
            // Another request used this token a moment ago: the same replay as above, unless
            // a browser's own requests raced.
            if grace.is_zero() {
                store::revoke_family(&self.db, session.family_id, at).await?;
                return Err(session_ended());
            }
            return Ok(recently_rotated);
        }
        Ok(BrowserRefresh::Rotated(self.pair(
            &user,
            session.family_id,
            next.secret,
            at,
        )?))
    }

    /// Ends the login the refresh token belongs to. An unknown token is not an error: the
    /// outcome the caller wants (that token no longer works) already holds.
    pub async fn logout(&self, token: &str, device: &Device) -> Result<(), Error> {
        if let Some(session) =
            store::session_by_token_hash(&self.db, &OpaqueToken::hash_of(token)).await?
        {
            self.end_session(session.user_id, session.family_id, device)
                .await?;
        }
        Ok(())
    }

    /// Ends `user`'s login by its family id (from an access token), as logging out of a page
    /// does.
    pub async fn end_session(
        &self,
        user: Uuid,
        family: Uuid,
        device: &Device,
    ) -> Result<(), Error> {
        store::revoke_family(&self.db, family, now()).await?;
        self.audit
            .record(
                Event::by(user, Action::LoggedOut, device.origin())
                    .with("session", family.to_string()),
            )
            .await;
        Ok(())
    }

    /// The user of a login that is still alive (for a browser request that lost the race to
    /// rotate its refresh cookie).
    pub async fn user_of_live_session(&self, user: Uuid, family: Uuid) -> Result<User, Error> {
        match store::user_with_live_family(&self.db, user, family).await? {
            Some(row) => row.try_into(),
            None => Err(Error::Unauthenticated(AuthFailure::Missing)),
        }
    }

    /// Deletes the sessions no one can use any more (expired, or ended: logged out or
    /// revoked) and the one-time tokens that were used or expired; how many rows went. Run by
    /// the `accounts.purge-sessions` job.
    pub async fn purge_sessions(&self) -> Result<u64, Error> {
        let at = now();
        let sessions = store::delete_ended_sessions(&self.db, at).await?;
        let tokens = store::delete_spent_one_time_tokens(&self.db, at).await?;
        Ok(sessions + tokens)
    }

    /// The user's logins that are still alive, most recently active first.
    pub async fn sessions(&self, user: Uuid, current: Uuid) -> Result<Vec<SessionSummary>, Error> {
        let at = now();
        let parser = woothee::parser::Parser::new();
        let named =
            |value: &str| (value != woothee::woothee::VALUE_UNKNOWN).then(|| value.to_owned());
        let mut sessions: Vec<SessionSummary> = store::live_sessions(&self.db, user)
            .await?
            .into_iter()
            .filter(|row| row.expires_at > at)
            .map(|row| {
                let parsed = parser.parse(&row.user_agent);
                SessionSummary {
                    id: row.family_id,
                    browser: parsed.as_ref().and_then(|ua| named(ua.name)),
                    os: parsed.as_ref().and_then(|ua| named(ua.os)),
                    ip: row.ip,
                    started_at: row.started_at.unwrap_or(row.created_at),
                    last_active: row.created_at,
                    current: row.family_id == current,
                }
            })
            .collect();
        sessions.sort_by_key(|session| std::cmp::Reverse(session.last_active));
        Ok(sessions)
    }

    /// Ends one of `user`'s logins (from another device, say). `NotFound` unless it is theirs
    /// and still alive.
    pub async fn end_session_of(
        &self,
        user: Uuid,
        family: Uuid,
        device: &Device,
    ) -> Result<(), Error> {
        if store::revoke_family_of(&self.db, user, family, now()).await? {
            self.audit
                .record(
                    Event::by(user, Action::SessionEnded, device.origin())
                        .with("session", family.to_string()),
                )
                .await;
            Ok(())
        } else {
            Err(Error::NotFound)
        }
    }

    /// Ends every login of `user` but `current` (the one asking).
    pub async fn end_other_sessions(
        &self,
        user: Uuid,
        current: Uuid,
        device: &Device,
    ) -> Result<(), Error> {
        store::revoke_other_families(&self.db, user, current, now()).await?;
        self.audit
            .record(
                Event::by(user, Action::SessionEnded, device.origin())
                    .with("sessions", "all but this one"),
            )
            .await;
        Ok(())
    }

    /// The person with account `id`; `NotFound` if there is none.
    pub async fn user(&self, id: Uuid) -> Result<User, Error> {
        store::user_by_id(&self.db, id)
            .await?
            .ok_or(Error::NotFound)?
            .try_into()
    }

    /// The person with account `id`, unless it is gone or disabled (for a credential that is
    /// not a login, such as a personal access token).
    pub async fn active_user(&self, id: Uuid) -> Result<Option<User>, Error> {
        store::active_user(&self.db, id)
            .await?
            .map(TryInto::try_into)
            .transpose()
    }

    /// Ends every login of `user` (an admin disabled the account).
    pub async fn end_every_session(&self, user: Uuid) -> Result<(), Error> {
        store::revoke_user_sessions(&self.db, user, now()).await?;
        Ok(())
    }

    /// The user an access token speaks for, if the token is valid and its login still alive.
    /// Returns the session family too, for logging out.
    pub async fn authenticate(&self, access_token: &str) -> Result<(User, Uuid), Error> {
        let claims = self
            .access
            .check(access_token)
            .map_err(|_| Error::Unauthenticated(AuthFailure::Missing))?;
        match store::user_with_live_family(&self.db, claims.sub, claims.sid).await? {
            Some(user) => Ok((user.try_into()?, claims.sid)),
            None => Err(Error::Unauthenticated(AuthFailure::Missing)),
        }
    }
}

fn session_ended() -> Error {
    Error::Unauthenticated(AuthFailure::SessionEnded)
}

/// The normalised e-mail address and name, or every field problem at once.
fn validate_new_account(input: &NewAccount) -> Result<(String, String), Error> {
    let email = rules::parse_email(&input.email);
    let name = rules::parse_name(&input.name);
    let personal = [input.email.trim(), input.name.trim()];
    let password = rules::check_new_password(&input.password, &personal);

    let mut errors = Vec::new();
    if let Err(issue) = &email {
        errors.push(FieldError::new(fields::EMAIL, *issue));
    }
    if let Err(issue) = password {
        errors.push(FieldError::new(fields::PASSWORD, issue));
    }
    if let Err(issue) = &name {
        errors.push(FieldError::new(fields::NAME, *issue));
    }
    match (email, name) {
        (Ok(email), Ok(name)) if errors.is_empty() => Ok((email, name)),
        _ => Err(Error::Invalid(errors)),
    }
}
