//! The SQL behind notifications; every statement names the person they are for.

use time::OffsetDateTime;
use uuid::Uuid;

use crate::db::{Database, DbError};

crate::row! {
    pub struct NotificationRow {
        pub id: Uuid,
        pub kind: String,
        pub task_id: Uuid,
        pub project_key: String,
        pub number: i64,
        pub title: String,
        pub actor: Option<String>,
        pub created_at: OffsetDateTime,
        pub read_at: Option<OffsetDateTime>,
    }
}

/// Stores one notification for each of `people`.
pub async fn insert(
    db: &Database,
    people: &[Uuid],
    workspace: Uuid,
    task: Uuid,
    kind: &str,
    actor: Uuid,
    at: OffsetDateTime,
) -> Result<(), DbError> {
    crate::with_pool!(db, pool => {
        let mut tx = pool.begin().await?;
        for person in people {
            sqlx::query(
                "INSERT INTO notifications (id, user_id, workspace_id, task_id, kind, actor_id, created_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7)",
            )
            .bind(Uuid::new_v4())
            .bind(person)
            .bind(workspace)
            .bind(task)
            .bind(kind)
            .bind(actor)
            .bind(at)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(())
    })
}

/// `user`'s notifications about tasks in the workspaces they are still in, newest first, after
/// `after` (a time and an id).
pub async fn of_user(
    db: &Database,
    user: Uuid,
    after: Option<&(OffsetDateTime, Uuid)>,
    limit: i64,
) -> Result<Vec<NotificationRow>, DbError> {
    let (at, id) = after
        .copied()
        .unwrap_or((crate::db::now() + time::Duration::days(1), Uuid::max()));
    crate::with_pool!(db, pool => sqlx::query_as(
        "SELECT n.id, n.kind, n.task_id, p.key AS project_key, t.number, t.title,
             u.name AS actor, n.created_at, n.read_at
         FROM notifications n
         JOIN tasks t ON t.id = n.task_id
         JOIN projects p ON p.id = t.project_id
         JOIN workspace_members m ON m.workspace_id = n.workspace_id AND m.user_id = n.user_id
         LEFT JOIN users u ON u.id = n.actor_id
         WHERE n.user_id = $1 AND (n.created_at < $2 OR (n.created_at = $2 AND n.id < $3))
         ORDER BY n.created_at DESC, n.id DESC LIMIT $4",
    )
    .bind(user)
    .bind(at)
    .bind(id)
    .bind(limit)
    .fetch_all(pool)
    .await)
}

pub async fn unread_count(db: &Database, user: Uuid) -> Result<i64, DbError> {
    crate::with_pool!(db, pool => sqlx::query_scalar(
        "SELECT COUNT(*) FROM notifications n
         JOIN workspace_members m ON m.workspace_id = n.workspace_id AND m.user_id = n.user_id
         WHERE n.user_id = $1 AND n.read_at IS NULL",
    )
    .bind(user)
    .fetch_one(pool)
    .await)
}

/// Marks `user`'s notification `id` (or, with `None`, all of them) read; the task of the one
/// marked.
pub async fn mark_read(
    db: &Database,
    user: Uuid,
    id: Option<Uuid>,
    at: OffsetDateTime,
) -> Result<Option<Uuid>, DbError> {
    crate::with_pool!(db, pool => match id {
        Some(id) => {
            sqlx::query(
                "UPDATE notifications SET read_at = COALESCE(read_at, $1) WHERE user_id = $2 AND id = $3",
            )
            .bind(at)
            .bind(user)
            .bind(id)
            .execute(pool)
            .await?;
            sqlx::query_scalar("SELECT task_id FROM notifications WHERE user_id = $1 AND id = $2")
                .bind(user)
                .bind(id)
                .fetch_optional(pool)
                .await
        }
        None => sqlx::query(
            "UPDATE notifications SET read_at = $1 WHERE user_id = $2 AND read_at IS NULL",
        )
        .bind(at)
        .bind(user)
        .execute(pool)
        .await
        .map(|_| None),
    })
}

/// Whether `user` asked to be told by e-mail too.
pub async fn by_email(db: &Database, user: Uuid) -> Result<bool, DbError> {
    crate::with_pool!(db, pool => sqlx::query_scalar(
        "SELECT by_email FROM notification_settings WHERE user_id = $1",
    )
    .bind(user)
    .fetch_optional(pool)
    .await
    .map(|found| found.unwrap_or(false)))
}

pub async fn set_by_email(
    db: &Database,
    user: Uuid,
    on: bool,
    at: OffsetDateTime,
) -> Result<(), DbError> {
    crate::with_pool!(db, pool => sqlx::query(
        "INSERT INTO notification_settings (user_id, by_email, updated_at) VALUES ($1, $2, $3)
         ON CONFLICT (user_id) DO UPDATE SET by_email = excluded.by_email, updated_at = excluded.updated_at",
    )
    .bind(user)
    .bind(on)
    .bind(at)
    .execute(pool)
    .await
    .map(drop))
}

crate::row! {
    pub struct LetterRow {
        pub email: String,
        pub name: String,
        pub locale: String,
    }
}

/// `user`'s address, name and language, if they asked for letters and their address is
/// confirmed (a letter never goes to an address no one has shown is theirs).
pub async fn letter_recipient(db: &Database, user: Uuid) -> Result<Option<LetterRow>, DbError> {
    crate::with_pool!(db, pool => sqlx::query_as(
        "SELECT u.email, u.name, u.locale FROM users u
         JOIN notification_settings s ON s.user_id = u.id
         WHERE u.id = $1 AND s.by_email = $2 AND u.email_verified_at IS NOT NULL
           AND u.disabled_at IS NULL",
    )
    .bind(user)
    .bind(true)
    .fetch_optional(pool)
    .await)
}

/// What a letter about `task` names: its reference and title, and who did it.
pub async fn letter_subject(
    db: &Database,
    task: Uuid,
    actor: Uuid,
) -> Result<Option<(String, i64, String, String)>, DbError> {
    crate::with_pool!(db, pool => sqlx::query_as(
        "SELECT p.key, t.number, t.title, u.name FROM tasks t
         JOIN projects p ON p.id = t.project_id JOIN users u ON u.id = $2
         WHERE t.id = $1",
    )
    .bind(task)
    .bind(actor)
    .fetch_optional(pool)
    .await)
}
