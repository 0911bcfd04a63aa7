//! The SQL behind attachments. Rows name their workspace, so its quota is one indexed sum.

use time::OffsetDateTime;
use uuid::Uuid;

use crate::db::{Database, DbError};

crate::row! {
    pub struct AttachmentRow {
        pub id: Uuid,
        pub workspace_id: Uuid,
        pub task_id: Uuid,
        pub uploaded_by: Option<Uuid>,
        pub uploader: Option<String>,
        pub name: String,
        pub content_type: String,
        pub size: i64,
        pub storage_key: String,
        pub thumbnail_key: Option<String>,
        pub created_at: OffsetDateTime,
    }
}

const COLUMNS: &str = "a.id, a.workspace_id, a.task_id, a.uploaded_by, u.name AS uploader, a.name,
     a.content_type, a.size, a.storage_key, a.thumbnail_key, a.created_at
     FROM task_attachments a LEFT JOIN users u ON u.id = a.uploaded_by";

/// A new attachment's row.
pub struct NewAttachment<'a> {
    pub id: Uuid,
    pub workspace: Uuid,
    pub task: Uuid,
    pub uploaded_by: Uuid,
    pub name: &'a str,
    pub content_type: &'a str,
    pub size: i64,
    pub storage_key: &'a str,
    pub at: OffsetDateTime,
}

/// How many bytes the workspace's attachments take.
pub async fn usage(db: &Database, workspace: Uuid) -> Result<i64, DbError> {
    crate::with_pool!(db, pool => sqlx::query_scalar(
        "SELECT CAST(COALESCE(SUM(size), 0) AS BIGINT) FROM task_attachments WHERE workspace_id = $1",
    )
    .bind(workspace)
    .fetch_one(pool)
    .await)
}

/// Stores the row if the workspace's attachments, with this one, stay within `quota` bytes;
/// whether it was stored.
pub async fn insert(db: &Database, new: NewAttachment<'_>, quota: i64) -> Result<bool, DbError> {
    crate::with_pool!(db, pool => sqlx::query(
        "INSERT INTO task_attachments
             (id, workspace_id, task_id, uploaded_by, name, content_type, size, storage_key, created_at)
         SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9
         WHERE (SELECT COALESCE(SUM(size), 0) FROM task_attachments WHERE workspace_id = $2) + $7 <= $10",
    )
    .bind(new.id)
    .bind(new.workspace)
    .bind(new.task)
    .bind(new.uploaded_by)
    .bind(new.name)
    .bind(new.content_type)
    .bind(new.size)
    .bind(new.storage_key)
    .bind(new.at)
    .bind(quota)
    .execute(pool)
    .await
    .map(|done| done.rows_affected() == 1))
}

pub async fn get(db: &Database, id: Uuid) -> Result<Option<AttachmentRow>, DbError> {
    let sql = format!("SELECT {COLUMNS} WHERE a.id = $1");
    crate::with_pool!(db, pool => sqlx::query_as(&sql).bind(id).fetch_optional(pool).await)
}

/// A task's attachments, oldest first, after `after` (a time and an id).
pub async fn of_task(
    db: &Database,
    task: Uuid,
    after: Option<&(OffsetDateTime, Uuid)>,
    limit: i64,
) -> Result<Vec<AttachmentRow>, DbError> {
    let (at, id) = after
        .copied()
        .unwrap_or((OffsetDateTime::UNIX_EPOCH, Uuid::nil()));
    let sql = format!(
        "SELECT {COLUMNS}
         WHERE a.task_id = $1 AND (a.created_at > $2 OR (a.created_at = $2 AND a.id > $3))
         ORDER BY a.created_at, a.id LIMIT $4"
    );
    crate::with_pool!(db, pool => sqlx::query_as(&sql)
        .bind(task)
        .bind(at)
        .bind(id)
        .bind(limit)
        .fetch_all(pool)
        .await)
}

/// Records the attachment's small picture; false if the attachment is gone.
pub async fn set_thumbnail(db: &Database, id: Uuid, key: &str) -> Result<bool, DbError> {
    crate::with_pool!(db, pool => sqlx::query(
        "UPDATE task_attachments SET thumbnail_key = $1 WHERE id = $2",
    )
    .bind(key)
    .bind(id)
    .execute(pool)
    .await
    .map(|done| done.rows_affected() == 1))
}

/// Deletes the row (its files go to the garbage, by the trigger); whether there was one.
pub async fn delete(db: &Database, id: Uuid) -> Result<bool, DbError> {
    crate::with_pool!(db, pool => sqlx::query("DELETE FROM task_attachments WHERE id = $1")
        .bind(id)
        .execute(pool)
        .await
        .map(|done| done.rows_affected() == 1))
}

/// Up to `limit` keys of files no row points at any more.
pub async fn garbage(db: &Database, limit: i64) -> Result<Vec<String>, DbError> {
    crate::with_pool!(db, pool => sqlx::query_scalar(
        "SELECT storage_key FROM storage_garbage ORDER BY storage_key LIMIT $1",
    )
    .bind(limit)
    .fetch_all(pool)
    .await)
}

/// Forgets a key of the garbage once its file is deleted.
pub async fn collected(db: &Database, key: &str) -> Result<(), DbError> {
    crate::with_pool!(db, pool => sqlx::query("DELETE FROM storage_garbage WHERE storage_key = $1")
        .bind(key)
        .execute(pool)
        .await
        .map(drop))
}

/// What `user` uploaded, for their export: the task and the file's name, type, size and time.
pub async fn uploaded_by(
    db: &Database,
    user: Uuid,
) -> Result<Vec<(String, i64, String, String, i64, OffsetDateTime)>, DbError> {
    crate::with_pool!(db, pool => sqlx::query_as(
        "SELECT p.key, t.number, a.name, a.content_type, a.size, a.created_at
         FROM task_attachments a JOIN tasks t ON t.id = a.task_id JOIN projects p ON p.id = t.project_id
         WHERE a.uploaded_by = $1 ORDER BY a.created_at, a.id",
    )
    .bind(user)
    .fetch_all(pool)
    .await)
}
