//! The SQL behind the audit log: insert, read a filtered page, count, and the retention job's
//! delete (the only statement anywhere that removes entries; none changes one).

use time::OffsetDateTime;
use uuid::Uuid;

use super::AuditFilter;
use crate::db::{Database, DbError};

crate::row! {
    pub struct EntryRow {
        pub id: Uuid,
        pub occurred_at: OffsetDateTime,
        pub action: String,
        pub actor_id: Option<Uuid>,
        pub subject_id: Option<Uuid>,
        pub ip: String,
        pub user_agent: String,
        pub request_id: String,
        pub details: String,
        pub actor_name: Option<String>,
        pub actor_email: Option<String>,
        pub subject_name: Option<String>,
        pub subject_email: Option<String>,
    }
}

pub struct NewEntry<'a> {
    pub id: Uuid,
    pub occurred_at: OffsetDateTime,
    pub action: &'a str,
    pub actor_id: Option<Uuid>,
    pub subject_id: Option<Uuid>,
    pub ip: &'a str,
    pub user_agent: &'a str,
    pub request_id: &'a str,
    pub details: &'a str,
}

pub async fn insert(db: &Database, entry: &NewEntry<'_>) -> Result<(), DbError> {
    crate::with_pool!(db, pool => sqlx::query(
        "INSERT INTO audit_events
         (id, occurred_at, action, actor_id, subject_id, ip, user_agent, request_id, details)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(entry.id)
    .bind(entry.occurred_at)
    .bind(entry.action)
    .bind(entry.actor_id)
    .bind(entry.subject_id)
    .bind(entry.ip)
    .bind(entry.user_agent)
    .bind(entry.request_id)
    .bind(entry.details)
    .execute(pool)
    .await
    .map(drop))
}

/// The filter's conditions, on parameters `$1`…`$4` (each part left out when its parameter is
/// null).
const MATCHING: &str = "($1 IS NULL OR e.action = $1)
     AND ($2 IS NULL OR e.actor_id = $2 OR e.subject_id = $2)
     AND ($3 IS NULL OR e.occurred_at >= $3)
     AND ($4 IS NULL OR e.occurred_at < $4)";

/// Up to `limit` matching entries after the first `offset`, newest first, with the names of
/// the people they mention whose accounts still exist.
pub async fn page(
    db: &Database,
    filter: &AuditFilter,
    limit: i64,
    offset: i64,
) -> Result<Vec<EntryRow>, DbError> {
    let sql = format!(
        "SELECT e.id, e.occurred_at, e.action, e.actor_id, e.subject_id, e.ip, e.user_agent,
                e.request_id, e.details,
                a.name AS actor_name, a.email AS actor_email,
                s.name AS subject_name, s.email AS subject_email
         FROM audit_events e
         LEFT JOIN users a ON a.id = e.actor_id
         LEFT JOIN users s ON s.id = e.subject_id
         WHERE {MATCHING}
         ORDER BY e.occurred_at DESC, e.id DESC
         LIMIT $5 OFFSET $6"
    );
    crate::with_pool!(db, pool => sqlx::query_as(&sql)
        .bind(filter.action.map(|action| action.code()))
        .bind(filter.person)
        .bind(filter.from)
        .bind(filter.until)
        .bind(limit)
        .bind(offset)
        .fetch_all(pool)
        .await)
}

pub async fn count(db: &Database, filter: &AuditFilter) -> Result<i64, DbError> {
    let sql = format!("SELECT COUNT(*) FROM audit_events e WHERE {MATCHING}");
    crate::with_pool!(db, pool => sqlx::query_scalar(&sql)
        .bind(filter.action.map(|action| action.code()))
        .bind(filter.person)
        .bind(filter.from)
        .bind(filter.until)
        .fetch_one(pool)
        .await)
}

/// The retention job: deletes entries older than `before`.
pub async fn delete_older_than(db: &Database, before: OffsetDateTime) -> Result<u64, DbError> {
    crate::with_pool!(db, pool => sqlx::query("DELETE FROM audit_events WHERE occurred_at < $1")
        .bind(before)
        .execute(pool)
        .await
        .map(|done| done.rows_affected()))
}
