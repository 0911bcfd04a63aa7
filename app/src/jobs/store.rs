//! The queue's SQL. One text serves both engines except the claim, where PostgreSQL skips rows
//! another claimer holds (`FOR UPDATE SKIP LOCKED`) and SQLite, with one writer at a time, needs
//! nothing more than a single statement.

use uuid::Uuid;

use crate::db::{Database, DbError, Engine};

crate::row! {
    /// A job as its worker sees it once claimed.
    pub struct ClaimedRow {
        pub id: Uuid,
        pub kind: String,
        pub payload: String,
        pub attempts: i32,
        pub max_attempts: i32,
    }
}

crate::row! {
    /// Where a job stands.
    pub struct StatusRow {
        pub state: String,
        pub attempts: i32,
        pub run_at: i64,
        pub last_error: Option<String>,
    }
}

pub struct Insert<'a> {
    pub id: Uuid,
    pub kind: &'a str,
    pub payload: &'a str,
    pub max_attempts: i32,
    pub run_at: i64,
    pub unique_key: Option<&'a str>,
    pub now: i64,
}

/// Adds a job; `false` when a job with the same unique key exists already.
pub async fn insert(db: &Database, job: Insert<'_>) -> Result<bool, DbError> {
    crate::with_pool!(db, pool => sqlx::query(
        "INSERT INTO jobs (id, kind, payload, state, max_attempts, run_at, unique_key, created_at)
         VALUES ($1, $2, $3, 'queued', $4, $5, $6, $7)
         ON CONFLICT (unique_key) DO NOTHING",
    )
    .bind(job.id)
    .bind(job.kind)
    .bind(job.payload)
    .bind(job.max_attempts)
    .bind(job.run_at)
    .bind(job.unique_key)
    .bind(job.now)
    .execute(pool)
    .await
    .map(|done| done.rows_affected() == 1))
}

/// Takes the job that has waited longest among those due (queued and ready, or running under a
/// lease that ran out), under a new lease.
pub async fn claim(
    db: &Database,
    lease: Uuid,
    lease_until: i64,
    now: i64,
) -> Result<Option<ClaimedRow>, DbError> {
    let lock = match db.engine() {
        Engine::Postgres => "FOR UPDATE SKIP LOCKED",
        Engine::Sqlite => "",
    };
    let sql = format!(
        "UPDATE jobs SET state = 'running', attempts = attempts + 1, lease_id = $1, lease_until = $2
         WHERE id = (
             SELECT id FROM jobs
             WHERE (state = 'queued' AND run_at <= $3) OR (state = 'running' AND lease_until < $3)
             ORDER BY run_at LIMIT 1 {lock}
         )
         RETURNING id, kind, payload, attempts, max_attempts"
    );
    crate::with_pool!(db, pool => sqlx::query_as(&sql)
        .bind(lease)
        .bind(lease_until)
        .bind(now)
        .fetch_optional(pool)
        .await)
}

/// Moves a held lease on; `false` when the lease is no longer this worker's.
pub async fn extend(db: &Database, id: Uuid, lease: Uuid, until: i64) -> Result<bool, DbError> {
    crate::with_pool!(db, pool => sqlx::query(
        "UPDATE jobs SET lease_until = $1 WHERE id = $2 AND lease_id = $3 AND state = 'running'",
    )
    .bind(until)
    .bind(id)
    .bind(lease)
    .execute(pool)
    .await
    .map(|done| done.rows_affected() == 1))
}

/// Ends a job held under `lease` in `state` (`done`, `dead`, or `queued` again at `run_at`).
/// `false` when the lease was no longer this worker's: whoever holds it now decides.
pub async fn release(
    db: &Database,
    id: Uuid,
    lease: Uuid,
    state: &str,
    run_at: Option<i64>,
    error: Option<&str>,
    finished_at: Option<i64>,
) -> Result<bool, DbError> {
    crate::with_pool!(db, pool => sqlx::query(
        "UPDATE jobs SET state = $1, run_at = COALESCE($2, run_at), last_error = COALESCE($3, last_error),
                finished_at = $4, lease_id = NULL, lease_until = NULL
         WHERE id = $5 AND lease_id = $6 AND state = 'running'",
    )
    .bind(state)
    .bind(run_at)
    .bind(error)
    .bind(finished_at)
    .bind(id)
    .bind(lease)
    .execute(pool)
    .await
    .map(|done| done.rows_affected() == 1))
}

/// Puts a job held under `lease` back in the queue, due at `now`, as if this claim never was.
pub async fn give_back(db: &Database, id: Uuid, lease: Uuid, now: i64) -> Result<bool, DbError> {
    crate::with_pool!(db, pool => sqlx::query(
        "UPDATE jobs SET state = 'queued', attempts = attempts - 1, run_at = $1,
                lease_id = NULL, lease_until = NULL
         WHERE id = $2 AND lease_id = $3 AND state = 'running'",
    )
    .bind(now)
    .bind(id)
    .bind(lease)
    .execute(pool)
    .await
    .map(|done| done.rows_affected() == 1))
}

pub async fn status(db: &Database, id: Uuid) -> Result<Option<StatusRow>, DbError> {
    crate::with_pool!(db, pool => sqlx::query_as(
        "SELECT state, attempts, run_at, last_error FROM jobs WHERE id = $1",
    )
    .bind(id)
    .fetch_optional(pool)
    .await)
}

/// Deletes jobs that ended in `state` before `before`; how many.
pub async fn delete_finished(db: &Database, state: &str, before: i64) -> Result<u64, DbError> {
    crate::with_pool!(db, pool => sqlx::query(
        "DELETE FROM jobs WHERE state = $1 AND finished_at < $2",
    )
    .bind(state)
    .bind(before)
    .execute(pool)
    .await
    .map(|done| done.rows_affected()))
}
