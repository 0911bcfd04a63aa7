//! The SQL behind the admin area.

use time::OffsetDateTime;
use uuid::Uuid;

use super::{AccountQuery, AccountSort};
use crate::db::{Database, DbError};

crate::row! {
    pub struct AccountRow {
        pub id: Uuid,
        pub email: String,
        pub name: String,
        pub role: String,
        pub created_at: OffsetDateTime,
        pub email_verified_at: Option<OffsetDateTime>,
        pub disabled_at: Option<OffsetDateTime>,
        pub last_active_at: Option<OffsetDateTime>,
    }
}

const ACCOUNT_COLUMNS: &str = "u.id, u.email, u.name, u.role, u.created_at, u.email_verified_at,
     u.disabled_at,
     (SELECT MAX(s.created_at) FROM sessions s WHERE s.user_id = u.id) AS last_active_at";

/// Accounts whose name or address contains `$1` (a LIKE pattern; `%` for all).
const MATCHING: &str = "(lower(u.name) LIKE $1 ESCAPE '\\' OR u.email LIKE $1 ESCAPE '\\')";

/// The LIKE pattern for "contains `text`", any case, with LIKE's own characters taken literally.
fn contains(text: &str) -> String {
    let mut pattern = String::from("%");
    for c in text.trim().to_lowercase().chars() {
        if matches!(c, '%' | '_' | '\\') {
            pattern.push('\\');
        }
        pattern.push(c);
    }
    pattern.push('%');
    pattern
}

fn order(sort: AccountSort) -> &'static str {
    match sort {
        AccountSort::Newest => "u.created_at DESC, u.id",
        AccountSort::Oldest => "u.created_at ASC, u.id",
        AccountSort::Name => "lower(u.name), u.id",
        AccountSort::Email => "u.email, u.id",
        AccountSort::LastActive => "last_active_at DESC NULLS LAST, u.id",
    }
}

pub async fn page(
    db: &Database,
    query: &AccountQuery,
    limit: i64,
    offset: i64,
) -> Result<Vec<AccountRow>, DbError> {
    let sql = format!(
        "SELECT {ACCOUNT_COLUMNS} FROM users u WHERE {MATCHING}
         ORDER BY {} LIMIT $2 OFFSET $3",
        order(query.sort)
    );
    crate::with_pool!(db, pool => sqlx::query_as(&sql)
        .bind(contains(&query.q))
        .bind(limit)
        .bind(offset)
        .fetch_all(pool)
        .await)
}

pub async fn count(db: &Database, query: &AccountQuery) -> Result<i64, DbError> {
    let sql = format!("SELECT COUNT(*) FROM users u WHERE {MATCHING}");
    crate::with_pool!(db, pool => sqlx::query_scalar(&sql)
        .bind(contains(&query.q))
        .fetch_one(pool)
        .await)
}

pub async fn account(db: &Database, id: Uuid) -> Result<Option<AccountRow>, DbError> {
    let sql = format!("SELECT {ACCOUNT_COLUMNS} FROM users u WHERE u.id = $1");
    crate::with_pool!(db, pool => sqlx::query_as(&sql).bind(id).fetch_optional(pool).await)
}

/// Whether some admin other than `id` is active: the condition for taking `id`'s admin rights
/// or access away, checked inside each statement that does.
const ANOTHER_ACTIVE_ADMIN: &str = "EXISTS (SELECT 1 FROM users other
     WHERE other.role = 'admin' AND other.disabled_at IS NULL AND other.id <> users.id)";

/// Gives `id` the role; refuses (false) to demote the last active admin.
pub async fn set_role(
    db: &Database,
    id: Uuid,
    role: &str,
    at: OffsetDateTime,
) -> Result<bool, DbError> {
    let sql = format!(
        "UPDATE users SET role = $1, updated_at = $2 WHERE id = $3
         AND ($1 = 'admin' OR role <> 'admin' OR disabled_at IS NOT NULL OR {ANOTHER_ACTIVE_ADMIN})"
    );
    crate::with_pool!(db, pool => sqlx::query(&sql)
        .bind(role)
        .bind(at)
        .bind(id)
        .execute(pool)
        .await
        .map(|done| done.rows_affected() == 1))
}

/// Disables `id`; refuses (false) to disable the last active admin.
pub async fn disable(db: &Database, id: Uuid, at: OffsetDateTime) -> Result<bool, DbError> {
    let sql = format!(
        "UPDATE users SET disabled_at = $1, updated_at = $1 WHERE id = $2
         AND (role <> 'admin' OR disabled_at IS NOT NULL OR {ANOTHER_ACTIVE_ADMIN})"
    );
    crate::with_pool!(db, pool => sqlx::query(&sql)
        .bind(at)
        .bind(id)
        .execute(pool)
        .await
        .map(|done| done.rows_affected() == 1))
}

pub async fn enable(db: &Database, id: Uuid, at: OffsetDateTime) -> Result<(), DbError> {
    crate::with_pool!(db, pool => sqlx::query(
        "UPDATE users SET disabled_at = NULL, updated_at = $1 WHERE id = $2",
    )
    .bind(at)
    .bind(id)
    .execute(pool)
    .await
    .map(drop))
}

#[cfg(test)]
mod tests {
    use super::contains;

    #[test]
    fn a_search_is_literal_and_in_any_case() {
        assert_eq!(contains(" Ann "), "%ann%");
        assert_eq!(contains("100%_\\"), "%100\\%\\_\\\\%");
        assert_eq!(contains(""), "%%");
    }
}
