//! The SQL behind tasks. Every statement names the task, its project or its workspace; the
//! service has checked the caller's membership before any of them runs.

use time::{Date, OffsetDateTime};
use uuid::Uuid;

use super::TaskFilter;
use crate::db::{Database, DbError};

crate::row! {
    pub struct SummaryRow {
        pub id: Uuid,
        pub project_id: Uuid,
        pub project_key: String,
        pub number: i64,
        pub title: String,
        pub status: String,
        pub priority: String,
        pub due_date: Option<Date>,
        pub version: i64,
    }
}

crate::row! {
    pub struct TaskRow {
        pub id: Uuid,
        pub workspace_id: Uuid,
        pub project_id: Uuid,
        pub project_key: String,
        pub project_name: String,
        pub number: i64,
        pub title: String,
        pub description: String,
        pub status: String,
        pub priority: String,
        pub start_date: Option<Date>,
        pub due_date: Option<Date>,
        pub parent_id: Option<Uuid>,
        pub version: i64,
        pub created_by: Option<Uuid>,
        pub created_by_name: Option<String>,
        pub updated_by: Option<Uuid>,
        pub updated_by_name: Option<String>,
        pub created_at: OffsetDateTime,
        pub updated_at: OffsetDateTime,
    }
}

crate::row! {
    pub struct RefRow {
        pub id: Uuid,
        pub project_key: String,
        pub number: i64,
        pub title: String,
        pub status: String,
    }
}

crate::row! {
    pub struct AssigneeRow {
        pub task_id: Uuid,
        pub user_id: Uuid,
        pub name: String,
    }
}

crate::row! {
    pub struct LabelRow {
        pub task_id: Uuid,
        pub label: String,
    }
}

crate::row! {
    pub struct EventRow {
        pub actor: Option<String>,
        pub occurred_at: OffsetDateTime,
        pub field: String,
        pub old_value: String,
        pub new_value: String,
    }
}

const SUMMARY_COLUMNS: &str = "t.id, t.project_id, p.key AS project_key, t.number, t.title,
     t.status, t.priority, t.due_date, t.version";

const REF_COLUMNS: &str = "t.id, p.key AS project_key, t.number, t.title, t.status";

/// `$first, $first+1, …` for `count` values.
fn placeholders(first: usize, count: usize) -> String {
    (first..first + count)
        .map(|n| format!("${n}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Everything a new task is stored with.
pub struct NewTaskRow<'a> {
    pub id: Uuid,
    pub workspace: Uuid,
    pub project: Uuid,
    pub title: &'a str,
    pub description: &'a str,
    pub status: &'a str,
    pub priority: &'a str,
    pub start_date: Option<Date>,
    pub due_date: Option<Date>,
    pub parent: Option<Uuid>,
    pub assignees: &'a [Uuid],
    pub labels: &'a [String],
    pub blocked_by: &'a [Uuid],
    pub by: Uuid,
    pub at: OffsetDateTime,
}

/// Stores a task under the project's next number, with its assignees, labels and blockers and
/// a `created` event, all or nothing. The number.
pub async fn insert(db: &Database, new: &NewTaskRow<'_>) -> Result<i64, DbError> {
    crate::with_pool!(db, pool => {
        let mut tx = pool.begin().await?;
        let number: i64 = sqlx::query_scalar(
            "UPDATE projects SET last_number = last_number + 1, updated_at = $1 WHERE id = $2
             RETURNING last_number",
        )
        .bind(new.at)
        .bind(new.project)
        .fetch_one(&mut *tx)
        .await?;
        sqlx::query(
            "INSERT INTO tasks (id, workspace_id, project_id, number, title, description, status,
                 priority, start_date, due_date, parent_id, created_by, updated_by, created_at,
                 updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12, $13, $13)",
        )
        .bind(new.id)
        .bind(new.workspace)
        .bind(new.project)
        .bind(number)
        .bind(new.title)
        .bind(new.description)
        .bind(new.status)
        .bind(new.priority)
        .bind(new.start_date)
        .bind(new.due_date)
        .bind(new.parent)
        .bind(new.by)
        .bind(new.at)
        .execute(&mut *tx)
        .await?;
        for user in new.assignees {
            sqlx::query("INSERT INTO task_assignees (task_id, user_id) VALUES ($1, $2)")
                .bind(new.id)
                .bind(user)
                .execute(&mut *tx)
                .await?;
        }
        for label in new.labels {
            sqlx::query("INSERT INTO task_labels (task_id, label) VALUES ($1, $2)")
                .bind(new.id)
                .bind(label)
                .execute(&mut *tx)
                .await?;
        }
        for blocker in new.blocked_by {
            sqlx::query("INSERT INTO task_blocks (blocker_id, blocked_id) VALUES ($1, $2)")
                .bind(blocker)
                .bind(new.id)
                .execute(&mut *tx)
                .await?;
        }
        sqlx::query(
            "INSERT INTO task_events (id, task_id, actor_id, occurred_at, field, new_value)
             VALUES ($1, $2, $3, $4, 'created', $5)",
        )
        .bind(Uuid::new_v4())
        .bind(new.id)
        .bind(new.by)
        .bind(new.at)
        .bind(new.title)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(number)
    })
}

/// A page of a project's tasks, newest first, after the task numbered `before` (exclusive).
pub async fn page(
    db: &Database,
    project: Uuid,
    filter: &TaskFilter,
    before: Option<i64>,
    limit: i64,
) -> Result<Vec<SummaryRow>, DbError> {
    // Only the filters asked for are in the statement, each as a plain condition, so that the
    // planner can use the index that fits (`tasks_project_status` for a status, the task's
    // assignees and labels by their keys) instead of one plan for every combination.
    let mut conditions = vec!["t.project_id = $1".to_owned(), "t.number < $2".to_owned()];
    let mut next = 2;
    let mut parameter = || {
        next += 1;
        format!("${next}")
    };
    if filter.status.is_some() {
        conditions.push(format!("t.status = {}", parameter()));
    }
    if filter.assignee.is_some() {
        conditions.push(format!(
            "EXISTS (SELECT 1 FROM task_assignees a WHERE a.task_id = t.id AND a.user_id = {})",
            parameter()
        ));
    }
    if filter.label.is_some() {
        conditions.push(format!(
            "EXISTS (SELECT 1 FROM task_labels l WHERE l.task_id = t.id AND l.label = {})",
            parameter()
        ));
    }
    let sql = format!(
        "SELECT {SUMMARY_COLUMNS} FROM tasks t JOIN projects p ON p.id = t.project_id
         WHERE {} ORDER BY t.number DESC LIMIT {}",
        conditions.join(" AND "),
        parameter()
    );
    let status = filter.status.map(|status| status.as_str());
    crate::with_pool!(db, pool => {
        let mut query = sqlx::query_as(&sql)
            .bind(project)
            .bind(before.unwrap_or(i64::MAX));
        if let Some(status) = status {
            query = query.bind(status);
        }
        if let Some(assignee) = filter.assignee {
            query = query.bind(assignee);
        }
        if let Some(label) = &filter.label {
            query = query.bind(label.as_str());
        }
        query.bind(limit).fetch_all(pool).await
    })
}

/// The open tasks assigned to `user` in the workspaces they are still a member of, due soonest
/// first (those without a due date last), after `after` (a due date, the latest for none, and
/// an id).
pub async fn assigned_to(
    db: &Database,
    user: Uuid,
    after: Option<&(Date, Uuid)>,
    limit: i64,
) -> Result<Vec<SummaryRow>, DbError> {
    let sql = format!(
        "SELECT {SUMMARY_COLUMNS} FROM task_assignees a
         JOIN tasks t ON t.id = a.task_id
         JOIN projects p ON p.id = t.project_id
         JOIN workspace_members m ON m.workspace_id = t.workspace_id AND m.user_id = a.user_id
         WHERE a.user_id = $1 AND t.status <> 'done'
           AND (COALESCE(t.due_date, $2) > $3 OR (COALESCE(t.due_date, $2) = $3 AND t.id > $4))
         ORDER BY COALESCE(t.due_date, $2), t.id LIMIT $5"
    );
    let (due, id) = after.copied().unwrap_or((first_day(), Uuid::nil()));
    crate::with_pool!(db, pool => sqlx::query_as(&sql)
        .bind(user)
        .bind(no_due_date())
        .bind(due)
        .bind(id)
        .bind(limit)
        .fetch_all(pool)
        .await)
}

/// Where a task without a due date sorts among those with one: after all of them (the last
/// day both engines keep as a date).
pub fn no_due_date() -> Date {
    Date::from_calendar_date(9999, time::Month::December, 31).unwrap_or(Date::MAX)
}

/// Before every due date.
fn first_day() -> Date {
    Date::from_calendar_date(1, time::Month::January, 1).unwrap_or(Date::MIN)
}

/// The assignees of these tasks, by name.
pub async fn assignees_of(db: &Database, tasks: &[Uuid]) -> Result<Vec<AssigneeRow>, DbError> {
    if tasks.is_empty() {
        return Ok(Vec::new());
    }
    let sql = format!(
        "SELECT a.task_id, a.user_id, u.name FROM task_assignees a JOIN users u ON u.id = a.user_id
         WHERE a.task_id IN ({}) ORDER BY lower(u.name), u.id",
        placeholders(1, tasks.len())
    );
    crate::with_pool!(db, pool => {
        let mut query = sqlx::query_as(&sql);
        for task in tasks {
            query = query.bind(task);
        }
        query.fetch_all(pool).await
    })
}

/// The labels of these tasks, in order.
pub async fn labels_of(db: &Database, tasks: &[Uuid]) -> Result<Vec<LabelRow>, DbError> {
    if tasks.is_empty() {
        return Ok(Vec::new());
    }
    let sql = format!(
        "SELECT task_id, label FROM task_labels WHERE task_id IN ({}) ORDER BY label",
        placeholders(1, tasks.len())
    );
    crate::with_pool!(db, pool => {
        let mut query = sqlx::query_as(&sql);
        for task in tasks {
            query = query.bind(task);
        }
        query.fetch_all(pool).await
    })
}

pub async fn task(db: &Database, id: Uuid) -> Result<Option<TaskRow>, DbError> {
    crate::with_pool!(db, pool => sqlx::query_as(
        "SELECT t.id, t.workspace_id, t.project_id, p.key AS project_key, p.name AS project_name,
             t.number, t.title, t.description, t.status, t.priority, t.start_date, t.due_date,
             t.parent_id, t.version, t.created_by, c.name AS created_by_name, t.updated_by,
             m.name AS updated_by_name, t.created_at, t.updated_at
         FROM tasks t JOIN projects p ON p.id = t.project_id
         LEFT JOIN users c ON c.id = t.created_by
         LEFT JOIN users m ON m.id = t.updated_by
         WHERE t.id = $1",
    )
    .bind(id)
    .fetch_optional(pool)
    .await)
}

/// The task `id` as a link shows it.
pub async fn reference(db: &Database, id: Uuid) -> Result<Option<RefRow>, DbError> {
    let sql = format!(
        "SELECT {REF_COLUMNS} FROM tasks t JOIN projects p ON p.id = t.project_id WHERE t.id = $1"
    );
    crate::with_pool!(db, pool => sqlx::query_as(&sql).bind(id).fetch_optional(pool).await)
}

/// The subtasks of `id`, by number.
pub async fn subtasks(db: &Database, id: Uuid) -> Result<Vec<RefRow>, DbError> {
    let sql = format!(
        "SELECT {REF_COLUMNS} FROM tasks t JOIN projects p ON p.id = t.project_id
         WHERE t.parent_id = $1 ORDER BY t.number LIMIT 200"
    );
    crate::with_pool!(db, pool => sqlx::query_as(&sql).bind(id).fetch_all(pool).await)
}

/// The tasks `id` blocks (`blocking`) or is blocked by.
pub async fn blocks(db: &Database, id: Uuid, blocking: bool) -> Result<Vec<RefRow>, DbError> {
    let (mine, theirs) = if blocking {
        ("blocker_id", "blocked_id")
    } else {
        ("blocked_id", "blocker_id")
    };
    let sql = format!(
        "SELECT {REF_COLUMNS} FROM task_blocks b JOIN tasks t ON t.id = b.{theirs}
         JOIN projects p ON p.id = t.project_id
         WHERE b.{mine} = $1 ORDER BY p.key, t.number LIMIT 200"
    );
    crate::with_pool!(db, pool => sqlx::query_as(&sql).bind(id).fetch_all(pool).await)
}

/// The task numbered `number` in `project`.
pub async fn id_by_number(
    db: &Database,
    project: Uuid,
    number: i64,
) -> Result<Option<Uuid>, DbError> {
    crate::with_pool!(db, pool => sqlx::query_scalar(
        "SELECT id FROM tasks WHERE project_id = $1 AND number = $2",
    )
    .bind(project)
    .bind(number)
    .fetch_optional(pool)
    .await)
}

/// The parent of `id`, if it has one.
pub async fn parent_of(db: &Database, id: Uuid) -> Result<Option<Uuid>, DbError> {
    crate::with_pool!(db, pool => sqlx::query_scalar("SELECT parent_id FROM tasks WHERE id = $1")
        .bind(id)
        .fetch_optional(pool)
        .await
        .map(Option::flatten))
}

/// The workspace and project of the task `id`.
pub async fn place_of(db: &Database, id: Uuid) -> Result<Option<(Uuid, Uuid)>, DbError> {
    crate::with_pool!(db, pool => sqlx::query_as(
        "SELECT workspace_id, project_id FROM tasks WHERE id = $1",
    )
    .bind(id)
    .fetch_optional(pool)
    .await)
}

/// A task's stored fields after a change, and what changed, for the history.
pub struct TaskUpdate<'a> {
    pub id: Uuid,
    pub expected_version: i64,
    pub title: &'a str,
    pub description: &'a str,
    pub status: &'a str,
    pub priority: &'a str,
    pub start_date: Option<Date>,
    pub due_date: Option<Date>,
    pub parent: Option<Uuid>,
    pub assignees: Option<&'a [Uuid]>,
    pub labels: Option<&'a [String]>,
    pub blocked_by: Option<&'a [Uuid]>,
    /// `(field, old, new)` for the history.
    pub events: &'a [(&'static str, String, String)],
    pub by: Uuid,
    pub at: OffsetDateTime,
}

/// Writes a change if the task is still at `expected_version` (then one version later), with
/// its history, all or nothing. `false` if someone changed it first: nothing was written.
pub async fn update(db: &Database, change: &TaskUpdate<'_>) -> Result<bool, DbError> {
    crate::with_pool!(db, pool => {
        let mut tx = pool.begin().await?;
        let updated = sqlx::query(
            "UPDATE tasks SET title = $1, description = $2, status = $3, priority = $4,
                 start_date = $5, due_date = $6, parent_id = $7, version = version + 1,
                 updated_by = $8, updated_at = $9
             WHERE id = $10 AND version = $11",
        )
        .bind(change.title)
        .bind(change.description)
        .bind(change.status)
        .bind(change.priority)
        .bind(change.start_date)
        .bind(change.due_date)
        .bind(change.parent)
        .bind(change.by)
        .bind(change.at)
        .bind(change.id)
        .bind(change.expected_version)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if updated != 1 {
            tx.rollback().await?;
            return Ok(false);
        }
        if let Some(assignees) = change.assignees {
            sqlx::query("DELETE FROM task_assignees WHERE task_id = $1")
                .bind(change.id)
                .execute(&mut *tx)
                .await?;
            for user in assignees {
                sqlx::query("INSERT INTO task_assignees (task_id, user_id) VALUES ($1, $2)")
                    .bind(change.id)
                    .bind(user)
                    .execute(&mut *tx)
                    .await?;
            }
        }
        if let Some(labels) = change.labels {
            sqlx::query("DELETE FROM task_labels WHERE task_id = $1")
                .bind(change.id)
                .execute(&mut *tx)
                .await?;
            for label in labels {
                sqlx::query("INSERT INTO task_labels (task_id, label) VALUES ($1, $2)")
                    .bind(change.id)
                    .bind(label)
                    .execute(&mut *tx)
                    .await?;
            }
        }
        if let Some(blockers) = change.blocked_by {
            sqlx::query("DELETE FROM task_blocks WHERE blocked_id = $1")
                .bind(change.id)
                .execute(&mut *tx)
                .await?;
            for blocker in blockers {
                sqlx::query("INSERT INTO task_blocks (blocker_id, blocked_id) VALUES ($1, $2)")
                    .bind(blocker)
                    .bind(change.id)
                    .execute(&mut *tx)
                    .await?;
            }
        }
        for (position, (field, old, new)) in (1_i32..).zip(change.events) {
            sqlx::query(
                "INSERT INTO task_events
                     (id, task_id, actor_id, occurred_at, position, field, old_value, new_value)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
            )
            .bind(Uuid::new_v4())
            .bind(change.id)
            .bind(change.by)
            .bind(change.at)
            .bind(position)
            .bind(*field)
            .bind(old)
            .bind(new)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(true)
    })
}

pub async fn delete(db: &Database, id: Uuid) -> Result<(), DbError> {
    crate::with_pool!(db, pool => sqlx::query("DELETE FROM tasks WHERE id = $1")
        .bind(id)
        .execute(pool)
        .await
        .map(drop))
}

/// A task's history, oldest first.
pub async fn events(db: &Database, id: Uuid) -> Result<Vec<EventRow>, DbError> {
    crate::with_pool!(db, pool => sqlx::query_as(
        "SELECT u.name AS actor, e.occurred_at, e.field, e.old_value, e.new_value
         FROM task_events e LEFT JOIN users u ON u.id = e.actor_id
         WHERE e.task_id = $1 ORDER BY e.occurred_at, e.position LIMIT 500",
    )
    .bind(id)
    .fetch_all(pool)
    .await)
}

/// Which of `users` may be assigned in `workspace` (members who may write).
pub async fn assignable(
    db: &Database,
    workspace: Uuid,
    users: &[Uuid],
) -> Result<Vec<Uuid>, DbError> {
    if users.is_empty() {
        return Ok(Vec::new());
    }
    let sql = format!(
        "SELECT user_id FROM workspace_members
         WHERE workspace_id = $1 AND role <> 'viewer' AND user_id IN ({})",
        placeholders(2, users.len())
    );
    crate::with_pool!(db, pool => {
        let mut query = sqlx::query_scalar(&sql).bind(workspace);
        for user in users {
            query = query.bind(user);
        }
        query.fetch_all(pool).await
    })
}

/// Which of `tasks` belong to `project`.
pub async fn in_project(
    db: &Database,
    project: Uuid,
    tasks: &[Uuid],
) -> Result<Vec<Uuid>, DbError> {
    if tasks.is_empty() {
        return Ok(Vec::new());
    }
    let sql = format!(
        "SELECT id FROM tasks WHERE project_id = $1 AND id IN ({})",
        placeholders(2, tasks.len())
    );
    crate::with_pool!(db, pool => {
        let mut query = sqlx::query_scalar(&sql).bind(project);
        for task in tasks {
            query = query.bind(task);
        }
        query.fetch_all(pool).await
    })
}

/// The dates of a task as the history writes them.
pub fn date_value(date: Option<Date>) -> String {
    date.map(super::date_text).unwrap_or_default()
}

crate::row! {
    pub struct CommentRow {
        pub id: Uuid,
        pub author_id: Option<Uuid>,
        pub author: Option<String>,
        pub body: String,
        pub created_at: OffsetDateTime,
    }
}

pub async fn insert_comment(
    db: &Database,
    id: Uuid,
    task: Uuid,
    author: Uuid,
    body: &str,
    at: OffsetDateTime,
) -> Result<(), DbError> {
    crate::with_pool!(db, pool => sqlx::query(
        "INSERT INTO task_comments (id, task_id, author_id, body, created_at) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(id)
    .bind(task)
    .bind(author)
    .bind(body)
    .bind(at)
    .execute(pool)
    .await
    .map(drop))
}

/// A task's comments, oldest first, after `after` (a time and an id).
pub async fn comments(
    db: &Database,
    task: Uuid,
    after: Option<&(OffsetDateTime, Uuid)>,
    limit: i64,
) -> Result<Vec<CommentRow>, DbError> {
    let (at, id) = after
        .copied()
        .unwrap_or((OffsetDateTime::UNIX_EPOCH, Uuid::nil()));
    crate::with_pool!(db, pool => sqlx::query_as(
        "SELECT c.id, c.author_id, u.name AS author, c.body, c.created_at
         FROM task_comments c LEFT JOIN users u ON u.id = c.author_id
         WHERE c.task_id = $1 AND (c.created_at > $2 OR (c.created_at = $2 AND c.id > $3))
         ORDER BY c.created_at, c.id LIMIT $4",
    )
    .bind(task)
    .bind(at)
    .bind(id)
    .bind(limit)
    .fetch_all(pool)
    .await)
}

/// The members of a workspace as mentions find them: id, name and address.
pub async fn mentionable(
    db: &Database,
    workspace: Uuid,
) -> Result<Vec<(Uuid, String, String)>, DbError> {
    crate::with_pool!(db, pool => sqlx::query_as(
        "SELECT u.id, u.name, u.email FROM workspace_members m JOIN users u ON u.id = m.user_id
         WHERE m.workspace_id = $1 LIMIT 5000",
    )
    .bind(workspace)
    .fetch_all(pool)
    .await)
}

crate::row! {
    pub struct OwnCommentRow {
        pub project_key: String,
        pub number: i64,
        pub body: String,
        pub created_at: OffsetDateTime,
    }
}

/// Every comment `author` wrote, oldest first (for their export).
pub async fn comments_by(db: &Database, author: Uuid) -> Result<Vec<OwnCommentRow>, DbError> {
    crate::with_pool!(db, pool => sqlx::query_as(
        "SELECT p.key AS project_key, t.number, c.body, c.created_at
         FROM task_comments c JOIN tasks t ON t.id = c.task_id JOIN projects p ON p.id = t.project_id
         WHERE c.author_id = $1 ORDER BY c.created_at, c.id",
    )
    .bind(author)
    .fetch_all(pool)
    .await)
}
