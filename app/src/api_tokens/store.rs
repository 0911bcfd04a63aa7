//! The SQL behind personal access tokens; every statement but the lookup by hash names the
//! owner.

use time::OffsetDateTime;
use uuid::Uuid;

use crate::db::{Database, DbError};

crate::row! {
    pub struct TokenRow {
        pub id: Uuid,
        pub user_id: Uuid,
        pub name: String,
        pub scope: String,
        pub created_at: OffsetDateTime,
        pub expires_at: Option<OffsetDateTime>,
        pub last_used_at: Option<OffsetDateTime>,
    }
}

const COLUMNS: &str = "id, user_id, name, scope, created_at, expires_at, last_used_at";

pub struct NewToken<'a> {
    pub id: Uuid,
    pub user: Uuid,
    pub name: &'a str,
    pub hash: &'a [u8],
    pub scope: &'a str,
    pub at: OffsetDateTime,
    pub expires_at: Option<OffsetDateTime>,
}

pub async fn insert(db: &Database, new: NewToken<'_>) -> Result<(), DbError> {
    crate::with_pool!(db, pool => sqlx::query(
        "INSERT INTO api_tokens (id, user_id, name, token_hash, scope, created_at, expires_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(new.id)
    .bind(new.user)
    .bind(new.name)
    .bind(new.hash)
    .bind(new.scope)
    .bind(new.at)
    .bind(new.expires_at)
    .execute(pool)
    .await
    .map(drop))
}

/// `user`'s tokens, newest first.
pub async fn of_user(db: &Database, user: Uuid) -> Result<Vec<TokenRow>, DbError> {
    let sql = format!(
        "SELECT {COLUMNS} FROM api_tokens WHERE user_id = $1 ORDER BY created_at DESC, id DESC"
    );
    crate::with_pool!(db, pool => sqlx::query_as(&sql).bind(user).fetch_all(pool).await)
}

pub async fn count(db: &Database, user: Uuid) -> Result<i64, DbError> {
    crate::with_pool!(db, pool => sqlx::query_scalar(
        "SELECT COUNT(*) FROM api_tokens WHERE user_id = $1",
    )
    .bind(user)
    .fetch_one(pool)
    .await)
}

/// The token with this hash, if it has not expired by `now`.
pub async fn live_by_hash(
    db: &Database,
    hash: &[u8],
    now: OffsetDateTime,
) -> Result<Option<TokenRow>, DbError> {
    let sql = format!(
        "SELECT {COLUMNS} FROM api_tokens
         WHERE token_hash = $1 AND (expires_at IS NULL OR expires_at > $2)"
    );
    crate::with_pool!(db, pool => sqlx::query_as(&sql).bind(hash).bind(now).fetch_optional(pool).await)
}

/// Notes that the token was used at `at`.
pub async fn used(db: &Database, id: Uuid, at: OffsetDateTime) -> Result<(), DbError> {
    crate::with_pool!(db, pool => sqlx::query("UPDATE api_tokens SET last_used_at = $1 WHERE id = $2")
        .bind(at)
        .bind(id)
        .execute(pool)
        .await
        .map(drop))
}

/// Deletes `user`'s token `id`; its name, if there was one.
pub async fn delete(db: &Database, user: Uuid, id: Uuid) -> Result<Option<String>, DbError> {
    crate::with_pool!(db, pool => {
        let name: Option<String> = sqlx::query_scalar(
            "SELECT name FROM api_tokens WHERE user_id = $1 AND id = $2",
        )
        .bind(user)
        .bind(id)
        .fetch_optional(pool)
        .await?;
        sqlx::query("DELETE FROM api_tokens WHERE user_id = $1 AND id = $2")
            .bind(user)
            .bind(id)
            .execute(pool)
            .await?;
        Ok(name)
    })
}
