//! The SQL behind projects; every statement names the project's workspace or the project.

use time::OffsetDateTime;
use uuid::Uuid;

use crate::db::{Database, DbError};

crate::row! {
    pub struct ProjectRow {
        pub id: Uuid,
        pub workspace_id: Uuid,
        pub name: String,
        pub key: String,
        pub description: String,
        pub archived_at: Option<OffsetDateTime>,
        pub open_tasks: i64,
        pub created_at: OffsetDateTime,
    }
}

const COLUMNS: &str = "p.id, p.workspace_id, p.name, p.key, p.description, p.archived_at,
     (SELECT COUNT(*) FROM tasks t WHERE t.project_id = p.id AND t.status <> 'done') AS open_tasks,
     p.created_at";

pub struct NewProjectRow<'a> {
    pub id: Uuid,
    pub workspace: Uuid,
    pub name: &'a str,
    pub key: &'a str,
    pub description: &'a str,
    pub by: Uuid,
    pub at: OffsetDateTime,
}

/// Stores a project; another project of the workspace with the key is a unique violation.
pub async fn insert(db: &Database, new: &NewProjectRow<'_>) -> Result<(), DbError> {
    crate::with_pool!(db, pool => sqlx::query(
        "INSERT INTO projects (id, workspace_id, name, key, description, created_by, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $7)",
    )
    .bind(new.id)
    .bind(new.workspace)
    .bind(new.name)
    .bind(new.key)
    .bind(new.description)
    .bind(new.by)
    .bind(new.at)
    .execute(pool)
    .await
    .map(drop))
}

pub async fn project(db: &Database, id: Uuid) -> Result<Option<ProjectRow>, DbError> {
    let sql = format!("SELECT {COLUMNS} FROM projects p WHERE p.id = $1");
    crate::with_pool!(db, pool => sqlx::query_as(&sql).bind(id).fetch_optional(pool).await)
}

/// A workspace's projects by name (archived ones only when asked), after `after`.
pub async fn of_workspace(
    db: &Database,
    workspace: Uuid,
    archived: bool,
    after: Option<&(String, Uuid)>,
    limit: i64,
) -> Result<Vec<ProjectRow>, DbError> {
    let sql = format!(
        "SELECT {COLUMNS} FROM projects p
         WHERE p.workspace_id = $1 AND (p.archived_at IS NOT NULL) = $2
           AND (lower(p.name) > $3 OR (lower(p.name) = $3 AND p.id > $4))
         ORDER BY lower(p.name), p.id LIMIT $5"
    );
    let (name, id) = after.cloned().unwrap_or_default();
    crate::with_pool!(db, pool => sqlx::query_as(&sql)
        .bind(workspace)
        .bind(archived)
        .bind(name)
        .bind(id)
        .bind(limit)
        .fetch_all(pool)
        .await)
}

pub async fn update(
    db: &Database,
    id: Uuid,
    name: &str,
    description: &str,
    archived_at: Option<OffsetDateTime>,
    at: OffsetDateTime,
) -> Result<(), DbError> {
    crate::with_pool!(db, pool => sqlx::query(
        "UPDATE projects SET name = $1, description = $2, archived_at = $3, updated_at = $4 WHERE id = $5",
    )
    .bind(name)
    .bind(description)
    .bind(archived_at)
    .bind(at)
    .bind(id)
    .execute(pool)
    .await
    .map(drop))
}

pub async fn delete(db: &Database, id: Uuid) -> Result<(), DbError> {
    crate::with_pool!(db, pool => sqlx::query("DELETE FROM projects WHERE id = $1")
        .bind(id)
        .execute(pool)
        .await
        .map(drop))
}
