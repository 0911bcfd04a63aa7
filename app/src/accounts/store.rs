//! The SQL behind accounts. The statements are the same on both engines (`$n` parameters work
//! on SQLite too, and ids and times have one Rust type on each), so every function runs one body
//! on whichever pool the `Database` holds.

use time::OffsetDateTime;
use uuid::Uuid;

use super::{Role, User};
use crate::{
    db::{Database, DbError},
    error::Error,
};

crate::row! {
    #[derive(Debug)]
    pub struct UserRow {
        pub id: Uuid,
        pub email: String,
        pub name: String,
        pub password_hash: String,
        pub role: String,
        pub created_at: OffsetDateTime,
        pub email_verified_at: Option<OffsetDateTime>,
        /// The language of the letters this person gets.
        pub locale: String,
        /// Their picture's key in file storage.
        pub avatar_key: Option<String>,
        /// When an admin disabled the account; `None` while it is in use.
        pub disabled_at: Option<OffsetDateTime>,
    }
}

impl TryFrom<UserRow> for User {
    type Error = Error;

    fn try_from(row: UserRow) -> Result<Self, Error> {
        Ok(Self {
            id: row.id,
            role: Role::try_from(row.role.as_str())?,
            email: row.email,
            name: row.name,
            created_at: row.created_at,
            email_verified_at: row.email_verified_at,
            avatar_url: row.avatar_key.as_deref().map(crate::storage::public_url),
        })
    }
}

crate::row! {
    #[derive(Debug)]
    pub struct SessionRow {
        pub id: Uuid,
        pub family_id: Uuid,
        pub user_id: Uuid,
        pub expires_at: OffsetDateTime,
        pub used_at: Option<OffsetDateTime>,
        pub revoked_at: Option<OffsetDateTime>,
        pub created_at: OffsetDateTime,
        pub user_agent: String,
        pub ip: String,
        /// When the login began (`None` for tokens issued before it was recorded).
        pub started_at: Option<OffsetDateTime>,
    }
}

/// A refresh token to store: its id, family, owner, hash and lifetime, and the device and
/// beginning of its login.
pub struct NewSession<'a> {
    pub id: Uuid,
    pub family_id: Uuid,
    pub user_id: Uuid,
    pub token_hash: &'a [u8],
    pub created_at: OffsetDateTime,
    pub expires_at: OffsetDateTime,
    pub user_agent: &'a str,
    pub ip: &'a str,
    pub started_at: OffsetDateTime,
}

const USER_COLUMNS: &str = "id, email, name, password_hash, role, created_at, email_verified_at, locale, avatar_key, \
     disabled_at";
const SESSION_COLUMNS: &str = "id, family_id, user_id, expires_at, used_at, revoked_at, created_at, \
     user_agent, ip, started_at";
const INSERT_SESSION: &str = "INSERT INTO sessions
     (id, family_id, user_id, token_hash, created_at, expires_at, user_agent, ip, started_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)";

/// Inserts a user who writes in `locale`. A taken e-mail address is a unique violation (see
/// `ConflictOn`).
pub async fn insert_user(
    db: &Database,
    user: &User,
    password_hash: &str,
    locale: &str,
) -> Result<(), DbError> {
    crate::with_pool!(db, pool => sqlx::query(
        "INSERT INTO users (id, email, name, password_hash, role, created_at, updated_at, locale)
         VALUES ($1, $2, $3, $4, $5, $6, $6, $7)",
    )
    .bind(user.id)
    .bind(&user.email)
    .bind(&user.name)
    .bind(password_hash)
    .bind(user.role.as_str())
    .bind(user.created_at)
    .bind(locale)
    .execute(pool)
    .await
    .map(drop))
}

pub async fn user_by_email(db: &Database, email: &str) -> Result<Option<UserRow>, DbError> {
    let sql = format!("SELECT {USER_COLUMNS} FROM users WHERE email = $1");
    crate::with_pool!(db, pool => sqlx::query_as(&sql).bind(email).fetch_optional(pool).await)
}

/// How many active admins there are besides `id`.
pub async fn other_active_admins(db: &Database, id: Uuid) -> Result<i64, DbError> {
    crate::with_pool!(db, pool => sqlx::query_scalar(
        "SELECT COUNT(*) FROM users WHERE role = 'admin' AND disabled_at IS NULL AND id <> $1",
    )
    .bind(id)
    .fetch_one(pool)
    .await)
}

/// Deletes the account; its sessions and one-time tokens go with it (foreign keys).
pub async fn delete_user(db: &Database, id: Uuid) -> Result<(), DbError> {
    crate::with_pool!(db, pool => sqlx::query("DELETE FROM users WHERE id = $1")
        .bind(id)
        .execute(pool)
        .await
        .map(drop))
}

/// The account `id` if it exists and is not disabled.
pub async fn active_user(db: &Database, id: Uuid) -> Result<Option<UserRow>, DbError> {
    let sql = format!("SELECT {USER_COLUMNS} FROM users WHERE id = $1 AND disabled_at IS NULL");
    crate::with_pool!(db, pool => sqlx::query_as(&sql).bind(id).fetch_optional(pool).await)
}

pub async fn user_by_id(db: &Database, id: Uuid) -> Result<Option<UserRow>, DbError> {
    let sql = format!("SELECT {USER_COLUMNS} FROM users WHERE id = $1");
    crate::with_pool!(db, pool => sqlx::query_as(&sql).bind(id).fetch_optional(pool).await)
}

pub async fn set_password_hash(
    db: &Database,
    id: Uuid,
    hash: &str,
    now: OffsetDateTime,
) -> Result<(), DbError> {
    crate::with_pool!(db, pool => sqlx::query(
        "UPDATE users SET password_hash = $1, updated_at = $2 WHERE id = $3",
    )
    .bind(hash)
    .bind(now)
    .bind(id)
    .execute(pool)
    .await
    .map(drop))
}

pub async fn set_name(
    db: &Database,
    id: Uuid,
    name: &str,
    now: OffsetDateTime,
) -> Result<(), DbError> {
    crate::with_pool!(db, pool => sqlx::query(
        "UPDATE users SET name = $1, updated_at = $2 WHERE id = $3",
    )
    .bind(name)
    .bind(now)
    .bind(id)
    .execute(pool)
    .await
    .map(drop))
}

/// Sets (or, with `None`, clears) a user's picture; the key it had before, to delete.
pub async fn set_avatar_key(
    db: &Database,
    id: Uuid,
    key: Option<&str>,
    now: OffsetDateTime,
) -> Result<Option<String>, DbError> {
    crate::with_pool!(db, pool => {
        let mut tx = pool.begin().await?;
        let before: Option<(Option<String>,)> =
            sqlx::query_as("SELECT avatar_key FROM users WHERE id = $1")
                .bind(id)
                .fetch_optional(&mut *tx)
                .await?;
        sqlx::query("UPDATE users SET avatar_key = $1, updated_at = $2 WHERE id = $3")
            .bind(key)
            .bind(now)
            .bind(id)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(before.and_then(|(key,)| key))
    })
}

/// Moves a user to `email`, verified as of `now`. Another account's address is a unique
/// violation (see `ConflictOn`).
pub async fn set_email(
    db: &Database,
    id: Uuid,
    email: &str,
    now: OffsetDateTime,
) -> Result<(), DbError> {
    crate::with_pool!(db, pool => sqlx::query(
        "UPDATE users SET email = $1, email_verified_at = $2, updated_at = $2 WHERE id = $3",
    )
    .bind(email)
    .bind(now)
    .bind(id)
    .execute(pool)
    .await
    .map(drop))
}

/// Makes an existing user an admin (and sets their password when one is given).
pub async fn promote_to_admin(
    db: &Database,
    id: Uuid,
    password_hash: Option<&str>,
    now: OffsetDateTime,
) -> Result<(), DbError> {
    crate::with_pool!(db, pool => sqlx::query(
        "UPDATE users SET role = 'admin', password_hash = COALESCE($1, password_hash), updated_at = $2
         WHERE id = $3",
    )
    .bind(password_hash)
    .bind(now)
    .bind(id)
    .execute(pool)
    .await
    .map(drop))
}

pub async fn insert_session(db: &Database, session: &NewSession<'_>) -> Result<(), DbError> {
    crate::with_pool!(db, pool => sqlx::query(INSERT_SESSION)
        .bind(session.id)
        .bind(session.family_id)
        .bind(session.user_id)
        .bind(session.token_hash)
        .bind(session.created_at)
        .bind(session.expires_at)
        .bind(session.user_agent)
        .bind(session.ip)
        .bind(session.started_at)
        .execute(pool)
        .await
        .map(drop))
}

pub async fn session_by_token_hash(
    db: &Database,
    hash: &[u8],
) -> Result<Option<SessionRow>, DbError> {
    let sql = format!("SELECT {SESSION_COLUMNS} FROM sessions WHERE token_hash = $1");
    crate::with_pool!(db, pool => sqlx::query_as(&sql).bind(hash).fetch_optional(pool).await)
}

/// Marks a refresh token used and stores its successor, in one transaction. `Ok(false)` (and
/// nothing written) when the token was used or revoked in the meantime: a concurrent replay.
pub async fn rotate_session(
    db: &Database,
    used: Uuid,
    next: &NewSession<'_>,
) -> Result<bool, DbError> {
    crate::with_pool!(db, pool => {
        let mut tx = pool.begin().await?;
        let marked = sqlx::query(
            "UPDATE sessions SET used_at = $1
             WHERE id = $2 AND used_at IS NULL AND revoked_at IS NULL",
        )
        .bind(next.created_at)
        .bind(used)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if marked != 1 {
            tx.rollback().await?;
            return Ok(false);
        }
        sqlx::query(INSERT_SESSION)
            .bind(next.id)
            .bind(next.family_id)
            .bind(next.user_id)
            .bind(next.token_hash)
            .bind(next.created_at)
            .bind(next.expires_at)
            .bind(next.user_agent)
            .bind(next.ip)
            .bind(next.started_at)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(true)
    })
}

/// Revokes every token of a login: the one presented and all its predecessors and successors.
pub async fn revoke_family(
    db: &Database,
    family: Uuid,
    now: OffsetDateTime,
) -> Result<(), DbError> {
    crate::with_pool!(db, pool => sqlx::query(
        "UPDATE sessions SET revoked_at = $1 WHERE family_id = $2 AND revoked_at IS NULL",
    )
    .bind(now)
    .bind(family)
    .execute(pool)
    .await
    .map(drop))
}

/// The user, if one of the login `family`'s tokens is still unrevoked: what every signed-in
/// request checks, in one round trip.
pub async fn user_with_live_family(
    db: &Database,
    user: Uuid,
    family: Uuid,
) -> Result<Option<UserRow>, DbError> {
    let sql = format!(
        "SELECT {USER_COLUMNS} FROM users WHERE id = $1 AND disabled_at IS NULL AND EXISTS
           (SELECT 1 FROM sessions WHERE family_id = $2 AND user_id = $1 AND revoked_at IS NULL)"
    );
    crate::with_pool!(db, pool => sqlx::query_as(&sql).bind(user).bind(family).fetch_optional(pool).await)
}

/// The live token of each of a user's logins (unused, unrevoked): one row per session, its
/// `created_at` being the last time that session refreshed.
pub async fn live_sessions(db: &Database, user: Uuid) -> Result<Vec<SessionRow>, DbError> {
    let sql = format!(
        "SELECT {SESSION_COLUMNS} FROM sessions
         WHERE user_id = $1 AND used_at IS NULL AND revoked_at IS NULL"
    );
    crate::with_pool!(db, pool => sqlx::query_as(&sql).bind(user).fetch_all(pool).await)
}

/// Deletes the tokens that expired before `now` and every token of an ended login. (On SQLite
/// the times are compared as RFC 3339 text: to the second, which is all a purge needs.)
pub async fn delete_ended_sessions(db: &Database, now: OffsetDateTime) -> Result<u64, DbError> {
    crate::with_pool!(db, pool => sqlx::query(
        "DELETE FROM sessions WHERE expires_at < $1 OR revoked_at IS NOT NULL",
    )
    .bind(now)
    .execute(pool)
    .await
    .map(|done| done.rows_affected()))
}

/// Ends the login `family` of `user`; `Ok(false)` when it is not theirs or had ended already.
pub async fn revoke_family_of(
    db: &Database,
    user: Uuid,
    family: Uuid,
    now: OffsetDateTime,
) -> Result<bool, DbError> {
    crate::with_pool!(db, pool => sqlx::query(
        "UPDATE sessions SET revoked_at = $1
         WHERE family_id = $2 AND user_id = $3 AND revoked_at IS NULL",
    )
    .bind(now)
    .bind(family)
    .bind(user)
    .execute(pool)
    .await
    .map(|done| done.rows_affected() > 0))
}

/// Ends every login of `user` but `keep`.
pub async fn revoke_other_families(
    db: &Database,
    user: Uuid,
    keep: Uuid,
    now: OffsetDateTime,
) -> Result<(), DbError> {
    crate::with_pool!(db, pool => sqlx::query(
        "UPDATE sessions SET revoked_at = $1
         WHERE user_id = $2 AND family_id <> $3 AND revoked_at IS NULL",
    )
    .bind(now)
    .bind(user)
    .bind(keep)
    .execute(pool)
    .await
    .map(drop))
}

/// Ends every login of a user.
pub async fn revoke_user_sessions(
    db: &Database,
    user: Uuid,
    now: OffsetDateTime,
) -> Result<(), DbError> {
    crate::with_pool!(db, pool => sqlx::query(
        "UPDATE sessions SET revoked_at = $1 WHERE user_id = $2 AND revoked_at IS NULL",
    )
    .bind(now)
    .bind(user)
    .execute(pool)
    .await
    .map(drop))
}

crate::row! {
    #[derive(Debug)]
    pub struct OneTimeTokenRow {
        pub id: Uuid,
        pub user_id: Uuid,
        pub purpose: String,
        pub email: String,
        pub created_at: OffsetDateTime,
        pub expires_at: OffsetDateTime,
        pub used_at: Option<OffsetDateTime>,
    }
}

/// A one-time token to store (its hash only).
pub struct NewOneTimeToken<'a> {
    pub id: Uuid,
    pub user_id: Uuid,
    pub purpose: &'a str,
    pub token_hash: &'a [u8],
    pub email: &'a str,
    pub created_at: OffsetDateTime,
    pub expires_at: OffsetDateTime,
}

pub async fn insert_one_time_token(
    db: &Database,
    token: &NewOneTimeToken<'_>,
) -> Result<(), DbError> {
    crate::with_pool!(db, pool => sqlx::query(
        "INSERT INTO one_time_tokens (id, user_id, purpose, token_hash, email, created_at, expires_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(token.id)
    .bind(token.user_id)
    .bind(token.purpose)
    .bind(token.token_hash)
    .bind(token.email)
    .bind(token.created_at)
    .bind(token.expires_at)
    .execute(pool)
    .await
    .map(drop))
}

pub async fn one_time_token_by_hash(
    db: &Database,
    hash: &[u8],
) -> Result<Option<OneTimeTokenRow>, DbError> {
    crate::with_pool!(db, pool => sqlx::query_as(
        "SELECT id, user_id, purpose, email, created_at, expires_at, used_at
         FROM one_time_tokens WHERE token_hash = $1",
    )
    .bind(hash)
    .fetch_optional(pool)
    .await)
}

/// When the newest token for `purpose` was made for `user`, if one was.
pub async fn newest_one_time_token(
    db: &Database,
    user: Uuid,
    purpose: &str,
) -> Result<Option<OffsetDateTime>, DbError> {
    let row: Option<(OffsetDateTime,)> = crate::with_pool!(db, pool => sqlx::query_as(
        "SELECT created_at FROM one_time_tokens WHERE user_id = $1 AND purpose = $2
         ORDER BY created_at DESC LIMIT 1",
    )
    .bind(user)
    .bind(purpose)
    .fetch_optional(pool)
    .await)?;
    Ok(row.map(|(at,)| at))
}

/// Marks a token used. `Ok(false)` (nothing changed) when it was used in the meantime.
pub async fn spend_one_time_token(
    db: &Database,
    id: Uuid,
    now: OffsetDateTime,
) -> Result<bool, DbError> {
    crate::with_pool!(db, pool => sqlx::query(
        "UPDATE one_time_tokens SET used_at = $1 WHERE id = $2 AND used_at IS NULL",
    )
    .bind(now)
    .bind(id)
    .execute(pool)
    .await
    .map(|done| done.rows_affected() == 1))
}

/// Marks every unused token of `user` for `purpose` used (older links die with the one used).
pub async fn spend_one_time_tokens_of(
    db: &Database,
    user: Uuid,
    purpose: &str,
    now: OffsetDateTime,
) -> Result<(), DbError> {
    crate::with_pool!(db, pool => sqlx::query(
        "UPDATE one_time_tokens SET used_at = $1
         WHERE user_id = $2 AND purpose = $3 AND used_at IS NULL",
    )
    .bind(now)
    .bind(user)
    .bind(purpose)
    .execute(pool)
    .await
    .map(drop))
}

/// Deletes the tokens that were used or expired before `now`; how many rows went.
pub async fn delete_spent_one_time_tokens(
    db: &Database,
    now: OffsetDateTime,
) -> Result<u64, DbError> {
    crate::with_pool!(db, pool => sqlx::query(
        "DELETE FROM one_time_tokens WHERE used_at IS NOT NULL OR expires_at < $1",
    )
    .bind(now)
    .execute(pool)
    .await
    .map(|done| done.rows_affected()))
}

/// Marks `user`'s address verified, if it is still `email`. `Ok(false)` when the account has
/// another address by now (or is gone).
pub async fn mark_email_verified(
    db: &Database,
    user: Uuid,
    email: &str,
    now: OffsetDateTime,
) -> Result<bool, DbError> {
    crate::with_pool!(db, pool => sqlx::query(
        "UPDATE users SET email_verified_at = COALESCE(email_verified_at, $1), updated_at = $1
         WHERE id = $2 AND email = $3",
    )
    .bind(now)
    .bind(user)
    .bind(email)
    .execute(pool)
    .await
    .map(|done| done.rows_affected() == 1))
}
