//! The projects and tasks API. The same `Projects` and `Tasks` services the pages use decide
//! who may do what (outside the workspace: 404; a viewer who writes: 403). A task answers with
//! an `ETag` (its version); a change sent with `If-Match` is refused with 412 if the task has
//! changed since, so two clients never overwrite each other unknowingly.

use app::{
    error::{Error, FieldError, Issue},
    notifications::Notification,
    paging::Page,
    projects::{NewProject, Project, ProjectChange},
    services::Services,
    tasks::{
        Comment, Person, Priority, Status, Task, TaskEvent, TaskFilter, TaskInput, TaskRef,
        TaskSummary, date_text, fields, parse_date,
    },
};
use axum::{
    Json,
    extract::{Path, Query, State},
    http::{HeaderMap, HeaderValue, StatusCode, header},
    response::{IntoResponse, Response},
};
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use utoipa_axum::{router::OpenApiRouter, routes};
use uuid::Uuid;

use super::{BodyProblems, PROBLEM, workspaces::PageParams};
use crate::http::{
    extract::{ApiJson, Caller},
    problem::{ApiError, Problem},
};

pub fn routes<S>() -> OpenApiRouter<S>
where
    S: Clone + Send + Sync + 'static,
    Services: axum::extract::FromRef<S>,
{
    OpenApiRouter::new()
        .routes(routes!(create_project, list_projects))
        .routes(routes!(get_project, change_project, delete_project))
        .routes(routes!(create_task, list_tasks))
        .routes(routes!(get_task, change_task, delete_task))
        .routes(routes!(task_history))
        .routes(routes!(my_tasks))
        .routes(routes!(add_comment, list_comments))
        .routes(routes!(my_notifications))
        .routes(routes!(read_notifications))
}

fn id_of(text: &str) -> Result<Uuid, Error> {
    Uuid::parse_str(text.trim()).map_err(|_| Error::NotFound)
}

/// A project.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ProjectResponse {
    pub id: Uuid,
    pub workspace_id: Uuid,
    #[schema(example = "Website")]
    pub name: String,
    #[schema(example = "WEB")]
    pub key: String,
    pub description: String,
    /// Whether the project is archived.
    pub archived: bool,
    /// Tasks not done yet.
    pub open_tasks: u32,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
}

impl From<Project> for ProjectResponse {
    fn from(project: Project) -> Self {
        Self {
            id: project.id,
            workspace_id: project.workspace_id,
            name: project.name,
            key: project.key,
            description: project.description,
            archived: project.archived_at.is_some(),
            open_tasks: project.open_tasks,
            created_at: project.created_at,
        }
    }
}

/// A page of projects.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ProjectPage {
    pub items: Vec<ProjectResponse>,
    /// Pass as `cursor` for the next page; `null` on the last.
    pub next_cursor: Option<String>,
}

/// A new project.
#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
#[serde(default)]
pub struct NewProjectRequest {
    /// 1 to 100 characters.
    #[schema(required = true, example = "Website")]
    name: String,
    /// 2 to 10 letters and digits, a letter first; stored in upper case, unique in the
    /// workspace, never changed.
    #[schema(required = true, example = "WEB")]
    key: String,
    /// Up to 20,000 characters; left out, empty.
    description: Option<String>,
}

/// Create a project in a workspace (members, admins and the owner).
#[utoipa::path(
    post, path = "/workspaces/{id}/projects", tag = "projects",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "The workspace's id")),
    request_body = NewProjectRequest,
    responses(
        (status = 201, description = "The project", body = ProjectResponse),
        (status = 401, description = "No valid access token", body = Problem, content_type = PROBLEM),
        (status = 403, description = "The caller is a viewer", body = Problem, content_type = PROBLEM),
        (status = 404, description = "No workspace with that id has the caller as a member", body = Problem, content_type = PROBLEM),
        (status = 409, description = "Another project of the workspace has the key", body = Problem, content_type = PROBLEM),
        (status = 422, description = "A field is missing or not acceptable", body = Problem, content_type = PROBLEM),
        BodyProblems,
    )
)]
async fn create_project(
    State(services): State<Services>,
    caller: Caller,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<NewProjectRequest>,
) -> Result<(StatusCode, Json<ProjectResponse>), ApiError> {
    let new = NewProject {
        name: body.name,
        key: body.key,
        description: body.description.unwrap_or_default(),
    };
    let project = services
        .projects
        .create(&caller.user, id_of(&id)?, &new)
        .await?;
    Ok((StatusCode::CREATED, Json(project.into())))
}

/// Which projects.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ProjectParams {
    /// `true` for the archived projects instead of the active ones.
    archived: Option<bool>,
}

/// List a workspace's projects by name.
#[utoipa::path(
    get, path = "/workspaces/{id}/projects", tag = "projects",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "The workspace's id"), ProjectParams, PageParams),
    responses(
        (status = 200, description = "A page of projects", body = ProjectPage),
        (status = 401, description = "No valid access token", body = Problem, content_type = PROBLEM),
        (status = 404, description = "No workspace with that id has the caller as a member", body = Problem, content_type = PROBLEM),
        (status = 422, description = "`cursor` or `limit` cannot be read", body = Problem, content_type = PROBLEM),
    )
)]
async fn list_projects(
    State(services): State<Services>,
    caller: Caller,
    Path(id): Path<String>,
    Query(which): Query<ProjectParams>,
    Query(params): Query<PageParams>,
) -> Result<Json<ProjectPage>, ApiError> {
    let (cursor, limit) = params.read()?;
    let page = services
        .projects
        .list(
            &caller.user,
            id_of(&id)?,
            which.archived.unwrap_or(false),
            cursor,
            limit,
        )
        .await?
        .map(ProjectResponse::from);
    Ok(Json(ProjectPage {
        items: page.items,
        next_cursor: page.next_cursor,
    }))
}

/// Read a project.
#[utoipa::path(
    get, path = "/projects/{id}", tag = "projects",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "The project's id")),
    responses(
        (status = 200, description = "The project", body = ProjectResponse),
        (status = 401, description = "No valid access token", body = Problem, content_type = PROBLEM),
        (status = 404, description = "No project with that id is in a workspace of the caller", body = Problem, content_type = PROBLEM),
    )
)]
async fn get_project(
    State(services): State<Services>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Json<ProjectResponse>, ApiError> {
    let (project, _) = services
        .projects
        .require(
            &caller.user,
            id_of(&id)?,
            app::workspaces::WorkspaceRole::Viewer,
        )
        .await?;
    Ok(Json(project.into()))
}

/// What to change about a project.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
pub struct ProjectChangeRequest {
    /// The new name; left out, it stays.
    name: Option<String>,
    /// The new description; left out, it stays.
    description: Option<String>,
    /// `true` archives the project, `false` restores it; left out, it stays.
    archived: Option<bool>,
}

/// Change a project's name or description, or archive or restore it (members, admins and the
/// owner).
#[utoipa::path(
    patch, path = "/projects/{id}", tag = "projects",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "The project's id")),
    request_body = ProjectChangeRequest,
    responses(
        (status = 200, description = "The project as it is now", body = ProjectResponse),
        (status = 401, description = "No valid access token", body = Problem, content_type = PROBLEM),
        (status = 403, description = "The caller is a viewer", body = Problem, content_type = PROBLEM),
        (status = 404, description = "No project with that id is in a workspace of the caller", body = Problem, content_type = PROBLEM),
        (status = 422, description = "A field is not acceptable", body = Problem, content_type = PROBLEM),
        BodyProblems,
    )
)]
async fn change_project(
    State(services): State<Services>,
    caller: Caller,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<ProjectChangeRequest>,
) -> Result<Json<ProjectResponse>, ApiError> {
    let change = ProjectChange {
        name: body.name,
        description: body.description,
        archived: body.archived,
    };
    let project = services
        .projects
        .update(&caller.user, id_of(&id)?, &change)
        .await?;
    Ok(Json(project.into()))
}

/// Delete a project and its tasks (admins and the owner).
#[utoipa::path(
    delete, path = "/projects/{id}", tag = "projects",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "The project's id")),
    responses(
        (status = 204, description = "Deleted"),
        (status = 401, description = "No valid access token", body = Problem, content_type = PROBLEM),
        (status = 403, description = "The caller is a member or a viewer", body = Problem, content_type = PROBLEM),
        (status = 404, description = "No project with that id is in a workspace of the caller", body = Problem, content_type = PROBLEM),
    )
)]
async fn delete_project(
    State(services): State<Services>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<StatusCode, ApiError> {
    services.projects.delete(&caller.user, id_of(&id)?).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Someone a task names.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct PersonResponse {
    pub id: Uuid,
    pub name: String,
}

impl From<Person> for PersonResponse {
    fn from(person: Person) -> Self {
        Self {
            id: person.id,
            name: person.name,
        }
    }
}

/// A link to another task.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct TaskRefResponse {
    pub id: Uuid,
    #[schema(example = "WEB-7")]
    pub reference: String,
    pub title: String,
    #[schema(value_type = String, example = "todo")]
    pub status: &'static str,
}

impl From<TaskRef> for TaskRefResponse {
    fn from(task: TaskRef) -> Self {
        Self {
            id: task.id,
            reference: task.reference,
            title: task.title,
            status: task.status.as_str(),
        }
    }
}

/// A task as a list shows it.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct TaskSummaryResponse {
    pub id: Uuid,
    pub project_id: Uuid,
    pub number: i64,
    #[schema(example = "WEB-42")]
    pub reference: String,
    pub title: String,
    /// `todo`, `in_progress` or `done`.
    #[schema(value_type = String, example = "in_progress")]
    pub status: &'static str,
    /// `none`, `low`, `medium`, `high` or `urgent`.
    #[schema(value_type = String, example = "high")]
    pub priority: &'static str,
    pub assignees: Vec<PersonResponse>,
    pub labels: Vec<String>,
    /// `YYYY-MM-DD`.
    #[schema(example = "2026-12-24")]
    pub due_date: Option<String>,
    /// Grows by one with every change; the `ETag` of the task.
    pub version: i64,
}

impl From<TaskSummary> for TaskSummaryResponse {
    fn from(task: TaskSummary) -> Self {
        Self {
            id: task.id,
            project_id: task.project_id,
            number: task.number,
            reference: task.reference,
            title: task.title,
            status: task.status.as_str(),
            priority: task.priority.as_str(),
            assignees: task.assignees.into_iter().map(Into::into).collect(),
            labels: task.labels,
            due_date: task.due_date.map(date_text),
            version: task.version,
        }
    }
}

/// A task in full.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct TaskResponse {
    #[serde(flatten)]
    pub summary: TaskSummaryResponse,
    pub workspace_id: Uuid,
    pub description: String,
    /// `YYYY-MM-DD`.
    pub start_date: Option<String>,
    pub parent: Option<TaskRefResponse>,
    pub subtasks: Vec<TaskRefResponse>,
    pub blocks: Vec<TaskRefResponse>,
    pub blocked_by: Vec<TaskRefResponse>,
    pub created_by: Option<PersonResponse>,
    pub updated_by: Option<PersonResponse>,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339")]
    pub updated_at: OffsetDateTime,
}

impl From<Task> for TaskResponse {
    fn from(task: Task) -> Self {
        let refs = |refs: Vec<TaskRef>| refs.into_iter().map(Into::into).collect();
        Self {
            summary: task.summary.into(),
            workspace_id: task.workspace_id,
            description: task.description,
            start_date: task.start_date.map(date_text),
            parent: task.parent.map(Into::into),
            subtasks: refs(task.subtasks),
            blocks: refs(task.blocks),
            blocked_by: refs(task.blocked_by),
            created_by: task.created_by.map(Into::into),
            updated_by: task.updated_by.map(Into::into),
            created_at: task.created_at,
            updated_at: task.updated_at,
        }
    }
}

/// A page of tasks.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct TaskPage {
    pub items: Vec<TaskSummaryResponse>,
    /// Pass as `cursor` for the next page; `null` on the last.
    pub next_cursor: Option<String>,
}

/// A task's fields in a request. For a new task, what is left out takes its default; for a
/// change, what is left out stays. `null` clears a date or the parent.
#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
#[serde(default)]
pub struct TaskRequest {
    /// 1 to 200 characters; required for a new task, left out a change keeps it.
    #[schema(example = "Fix the login page")]
    title: Option<String>,
    /// Markdown, up to 20,000 characters; left out, empty for a new task.
    description: Option<String>,
    /// `todo` (the default), `in_progress` or `done`.
    status: Option<String>,
    /// `none` (the default), `low`, `medium`, `high` or `urgent`.
    priority: Option<String>,
    /// Members who may edit; left out, nobody for a new task.
    assignee_ids: Option<Vec<Uuid>>,
    /// Up to 20 labels of up to 30 characters; left out, none for a new task.
    labels: Option<Vec<String>>,
    /// `YYYY-MM-DD`; left out, none for a new task; `null` clears it.
    #[serde(deserialize_with = "some_or_null")]
    #[schema(value_type = Option<String>, example = "2026-12-01")]
    start_date: Option<Option<String>>,
    /// `YYYY-MM-DD`, not before the start date; left out, none for a new task; `null` clears
    /// it.
    #[serde(deserialize_with = "some_or_null")]
    #[schema(value_type = Option<String>, example = "2026-12-24")]
    due_date: Option<Option<String>>,
    /// Another task of the project this one is a subtask of; left out, none for a new task;
    /// `null` clears it.
    #[serde(deserialize_with = "some_or_null")]
    #[schema(value_type = Option<Uuid>)]
    parent_id: Option<Option<Uuid>>,
    /// Tasks of the project that block this one; left out, none for a new task.
    blocked_by_ids: Option<Vec<Uuid>>,
}

/// A field that is present (maybe `null`) becomes `Some`, so `null` and absent differ.
fn some_or_null<'de, D, T>(deserializer: D) -> Result<Option<Option<T>>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Deserialize<'de>,
{
    Option::<T>::deserialize(deserializer).map(Some)
}

impl TaskRequest {
    /// The service's input; every field that cannot be read is a problem on its name.
    fn input(self) -> Result<TaskInput, Error> {
        let mut problems = Vec::new();
        let status = self.status.as_deref().and_then(|text| {
            Status::parse(text).or_else(|| {
                problems.push(FieldError::new(fields::STATUS, Issue::Unreadable));
                None
            })
        });
        let priority = self.priority.as_deref().and_then(|text| {
            Priority::parse(text).or_else(|| {
                problems.push(FieldError::new(fields::PRIORITY, Issue::Unreadable));
                None
            })
        });
        let mut date = |field: &'static str, value: Option<Option<String>>| match value {
            None => None,
            Some(None) => Some(None),
            Some(Some(text)) => match parse_date(&text) {
                Ok(date) => Some(date),
                Err(issue) => {
                    problems.push(FieldError::new(field, issue));
                    None
                }
            },
        };
        let start_date = date(fields::START_DATE, self.start_date);
        let due_date = date(fields::DUE_DATE, self.due_date);
        if !problems.is_empty() {
            return Err(Error::Invalid(problems));
        }
        Ok(TaskInput {
            title: self.title,
            description: self.description,
            status,
            priority,
            assignee_ids: self.assignee_ids,
            labels: self.labels,
            start_date,
            due_date,
            parent_id: self.parent_id,
            blocked_by_ids: self.blocked_by_ids,
        })
    }
}

/// A task's version as its `ETag`.
fn etag(version: i64) -> HeaderValue {
    HeaderValue::from_str(&format!("\"{version}\""))
        .unwrap_or_else(|_| HeaderValue::from_static("\"0\""))
}

/// A task with its `ETag`.
fn with_etag(status: StatusCode, task: Task) -> Response {
    let tag = etag(task.summary.version);
    (
        status,
        [(header::ETAG, tag)],
        Json(TaskResponse::from(task)),
    )
        .into_response()
}

/// The version an `If-Match` header names: `None` without one (or with `*`); a header that
/// names no version of ours cannot match, so it is stale.
fn if_match(headers: &HeaderMap) -> Result<Option<i64>, Error> {
    let Some(value) = headers.get(header::IF_MATCH) else {
        return Ok(None);
    };
    let text = value.to_str().map_err(|_| Error::Stale)?.trim();
    if text == "*" {
        return Ok(None);
    }
    text.trim_start_matches("W/")
        .trim_matches('"')
        .parse()
        .map(Some)
        .map_err(|_| Error::Stale)
}

/// Create a task in a project (members, admins and the owner); it gets the project's next
/// number.
#[utoipa::path(
    post, path = "/projects/{id}/tasks", tag = "tasks",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "The project's id")),
    request_body = TaskRequest,
    responses(
        (status = 201, description = "The task, with its version as `ETag`", body = TaskResponse),
        (status = 401, description = "No valid access token", body = Problem, content_type = PROBLEM),
        (status = 403, description = "The caller is a viewer", body = Problem, content_type = PROBLEM),
        (status = 404, description = "No project with that id is in a workspace of the caller", body = Problem, content_type = PROBLEM),
        (status = 422, description = "A field is missing or not acceptable", body = Problem, content_type = PROBLEM),
        BodyProblems,
    )
)]
async fn create_task(
    State(services): State<Services>,
    caller: Caller,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<TaskRequest>,
) -> Result<Response, ApiError> {
    let id = id_of(&id)?;
    // Membership and role first: an outsider learns nothing from a bad body.
    services
        .projects
        .require(&caller.user, id, app::workspaces::WorkspaceRole::Member)
        .await?;
    let task = services
        .tasks
        .create(&caller.user, id, &body.input()?)
        .await?;
    Ok(with_etag(StatusCode::CREATED, task))
}

/// Which tasks.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct TaskParams {
    /// `todo`, `in_progress` or `done`.
    status: Option<String>,
    /// An account id: tasks assigned to them.
    assignee: Option<String>,
    /// Tasks with this label.
    label: Option<String>,
}

/// List a project's tasks, newest first, filtered.
#[utoipa::path(
    get, path = "/projects/{id}/tasks", tag = "tasks",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "The project's id"), TaskParams, PageParams),
    responses(
        (status = 200, description = "A page of tasks", body = TaskPage),
        (status = 401, description = "No valid access token", body = Problem, content_type = PROBLEM),
        (status = 404, description = "No project with that id is in a workspace of the caller", body = Problem, content_type = PROBLEM),
        (status = 422, description = "A filter, `cursor` or `limit` cannot be read", body = Problem, content_type = PROBLEM),
    )
)]
async fn list_tasks(
    State(services): State<Services>,
    caller: Caller,
    Path(id): Path<String>,
    Query(which): Query<TaskParams>,
    Query(params): Query<PageParams>,
) -> Result<Json<TaskPage>, ApiError> {
    let id = id_of(&id)?;
    services
        .projects
        .require(&caller.user, id, app::workspaces::WorkspaceRole::Viewer)
        .await?;
    let filter: TaskFilter = app::projects::server_fns::filter_of(
        which.status.as_deref(),
        which.assignee.as_deref(),
        which.label.as_deref(),
    )?;
    let (cursor, limit) = params.read()?;
    let page: Page<TaskSummaryResponse> = services
        .tasks
        .list(&caller.user, id, &filter, cursor, limit)
        .await?
        .map(Into::into);
    Ok(Json(TaskPage {
        items: page.items,
        next_cursor: page.next_cursor,
    }))
}

/// Read a task; its `ETag` is its version.
#[utoipa::path(
    get, path = "/tasks/{id}", tag = "tasks",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "The task's id")),
    responses(
        (status = 200, description = "The task, with its version as `ETag`", body = TaskResponse),
        (status = 401, description = "No valid access token", body = Problem, content_type = PROBLEM),
        (status = 404, description = "No task with that id is in a workspace of the caller", body = Problem, content_type = PROBLEM),
    )
)]
async fn get_task(
    State(services): State<Services>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let task = services.tasks.get(&caller.user, id_of(&id)?).await?;
    Ok(with_etag(StatusCode::OK, task))
}

/// Change a task (members, admins and the owner). Send the `ETag` you read as `If-Match`: if
/// the task changed since, the answer is 412 and nothing is written.
#[utoipa::path(
    patch, path = "/tasks/{id}", tag = "tasks",
    security(("bearer" = [])),
    params(
        ("id" = String, Path, description = "The task's id"),
        ("If-Match" = Option<String>, Header, description = "The `ETag` the change was made on"),
    ),
    request_body = TaskRequest,
    responses(
        (status = 200, description = "The task as it is now, with its new `ETag`", body = TaskResponse),
        (status = 401, description = "No valid access token", body = Problem, content_type = PROBLEM),
        (status = 403, description = "The caller is a viewer", body = Problem, content_type = PROBLEM),
        (status = 404, description = "No task with that id is in a workspace of the caller", body = Problem, content_type = PROBLEM),
        (status = 412, description = "The task changed since the `If-Match` version; read it again", body = Problem, content_type = PROBLEM),
        (status = 422, description = "A field is not acceptable", body = Problem, content_type = PROBLEM),
        BodyProblems,
    )
)]
async fn change_task(
    State(services): State<Services>,
    caller: Caller,
    headers: HeaderMap,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<TaskRequest>,
) -> Result<Response, ApiError> {
    let id = id_of(&id)?;
    // Membership and role first: an outsider learns nothing from a bad body.
    services
        .tasks
        .require(&caller.user, id, app::workspaces::WorkspaceRole::Member)
        .await?;
    let version = if_match(&headers)?;
    let task = services
        .tasks
        .update(&caller.user, id, &body.input()?, version)
        .await?;
    Ok(with_etag(StatusCode::OK, task))
}

/// Delete a task (members, admins and the owner); its subtasks stay, without a parent.
#[utoipa::path(
    delete, path = "/tasks/{id}", tag = "tasks",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "The task's id")),
    responses(
        (status = 204, description = "Deleted"),
        (status = 401, description = "No valid access token", body = Problem, content_type = PROBLEM),
        (status = 403, description = "The caller is a viewer", body = Problem, content_type = PROBLEM),
        (status = 404, description = "No task with that id is in a workspace of the caller", body = Problem, content_type = PROBLEM),
    )
)]
async fn delete_task(
    State(services): State<Services>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<StatusCode, ApiError> {
    services.tasks.delete(&caller.user, id_of(&id)?).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// One change in a task's history.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct TaskEventResponse {
    /// Who changed it; `null` once their account is gone.
    pub actor: Option<String>,
    #[serde(with = "time::serde::rfc3339")]
    pub occurred_at: OffsetDateTime,
    /// `created`, or the field that changed.
    #[schema(example = "status")]
    pub field: String,
    pub old_value: String,
    pub new_value: String,
}

impl From<TaskEvent> for TaskEventResponse {
    fn from(event: TaskEvent) -> Self {
        Self {
            actor: event.actor,
            occurred_at: event.occurred_at,
            field: event.field,
            old_value: event.old_value,
            new_value: event.new_value,
        }
    }
}

/// A task's history.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct TaskHistory {
    /// Oldest first.
    pub items: Vec<TaskEventResponse>,
}

/// Read a task's history: who changed what, when.
#[utoipa::path(
    get, path = "/tasks/{id}/history", tag = "tasks",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "The task's id")),
    responses(
        (status = 200, description = "The history", body = TaskHistory),
        (status = 401, description = "No valid access token", body = Problem, content_type = PROBLEM),
        (status = 404, description = "No task with that id is in a workspace of the caller", body = Problem, content_type = PROBLEM),
    )
)]
async fn task_history(
    State(services): State<Services>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Json<TaskHistory>, ApiError> {
    let items = services.tasks.history(&caller.user, id_of(&id)?).await?;
    Ok(Json(TaskHistory {
        items: items.into_iter().map(Into::into).collect(),
    }))
}

/// List the open tasks assigned to the caller across their workspaces, due soonest first
/// (those without a due date last).
#[utoipa::path(
    get, path = "/me/tasks", tag = "tasks",
    security(("bearer" = [])),
    params(PageParams),
    responses(
        (status = 200, description = "A page of tasks", body = TaskPage),
        (status = 401, description = "No valid access token", body = Problem, content_type = PROBLEM),
        (status = 422, description = "`cursor` or `limit` cannot be read", body = Problem, content_type = PROBLEM),
    )
)]
async fn my_tasks(
    State(services): State<Services>,
    caller: Caller,
    Query(params): Query<PageParams>,
) -> Result<Json<TaskPage>, ApiError> {
    let (cursor, limit) = params.read()?;
    let page: Page<TaskSummaryResponse> = services
        .tasks
        .assigned_to_me(&caller.user, cursor, limit)
        .await?
        .map(Into::into);
    Ok(Json(TaskPage {
        items: page.items,
        next_cursor: page.next_cursor,
    }))
}

/// A comment on a task.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct CommentResponse {
    pub id: Uuid,
    /// Who wrote it; `null` once their account is gone.
    pub author: Option<PersonResponse>,
    #[schema(example = "Looks good, @Ann Lee can you check the copy?")]
    pub body: String,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
}

impl From<Comment> for CommentResponse {
    fn from(comment: Comment) -> Self {
        Self {
            id: comment.id,
            author: comment.author.map(Into::into),
            body: comment.body,
            created_at: comment.created_at,
        }
    }
}

/// A page of comments.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct CommentPage {
    /// Oldest first.
    pub items: Vec<CommentResponse>,
    /// Pass as `cursor` for the next page; `null` on the last.
    pub next_cursor: Option<String>,
}

/// A new comment.
#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
#[serde(default)]
pub struct NewComment {
    /// 1 to 20,000 characters. `@` and a member's name (`@Ann Lee`) or the part of their
    /// address before the `@` (`@ann`) mentions them: they get a notification.
    #[schema(required = true, example = "@Ann Lee can you check the copy?")]
    body: String,
}

/// Comment on a task (members, admins and the owner); the members it mentions are notified.
#[utoipa::path(
    post, path = "/tasks/{id}/comments", tag = "tasks",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "The task's id")),
    request_body = NewComment,
    responses(
        (status = 201, description = "The comment", body = CommentResponse),
        (status = 401, description = "No valid access token", body = Problem, content_type = PROBLEM),
        (status = 403, description = "The caller is a viewer", body = Problem, content_type = PROBLEM),
        (status = 404, description = "No task with that id is in a workspace of the caller", body = Problem, content_type = PROBLEM),
        (status = 422, description = "The body is empty or too long", body = Problem, content_type = PROBLEM),
        BodyProblems,
    )
)]
async fn add_comment(
    State(services): State<Services>,
    caller: Caller,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<NewComment>,
) -> Result<(StatusCode, Json<CommentResponse>), ApiError> {
    let comment = services
        .tasks
        .comment(&caller.user, id_of(&id)?, &body.body)
        .await?;
    Ok((StatusCode::CREATED, Json(comment.into())))
}

/// List a task's comments, oldest first.
#[utoipa::path(
    get, path = "/tasks/{id}/comments", tag = "tasks",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "The task's id"), PageParams),
    responses(
        (status = 200, description = "A page of comments", body = CommentPage),
        (status = 401, description = "No valid access token", body = Problem, content_type = PROBLEM),
        (status = 404, description = "No task with that id is in a workspace of the caller", body = Problem, content_type = PROBLEM),
        (status = 422, description = "`cursor` or `limit` cannot be read", body = Problem, content_type = PROBLEM),
    )
)]
async fn list_comments(
    State(services): State<Services>,
    caller: Caller,
    Path(id): Path<String>,
    Query(params): Query<PageParams>,
) -> Result<Json<CommentPage>, ApiError> {
    let id = id_of(&id)?;
    services
        .tasks
        .require(&caller.user, id, app::workspaces::WorkspaceRole::Viewer)
        .await?;
    let (cursor, limit) = params.read()?;
    let page = services
        .tasks
        .comments(&caller.user, id, cursor, limit)
        .await?
        .map(CommentResponse::from);
    Ok(Json(CommentPage {
        items: page.items,
        next_cursor: page.next_cursor,
    }))
}

/// A notification.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct NotificationResponse {
    pub id: Uuid,
    /// `mentioned` or `assigned`.
    #[schema(value_type = String, example = "mentioned")]
    pub kind: &'static str,
    pub task_id: Uuid,
    #[schema(example = "WEB-42")]
    pub task_reference: String,
    pub task_title: String,
    /// Who did it; `null` once their account is gone.
    pub actor: Option<String>,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    pub read: bool,
}

impl From<Notification> for NotificationResponse {
    fn from(note: Notification) -> Self {
        Self {
            id: note.id,
            kind: note.kind.as_str(),
            task_id: note.task_id,
            task_reference: note.task_reference,
            task_title: note.task_title,
            actor: note.actor,
            created_at: note.created_at,
            read: note.read,
        }
    }
}

/// A page of notifications.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct NotificationPage {
    /// Newest first.
    pub items: Vec<NotificationResponse>,
    /// How many are unread in all.
    pub unread: u32,
    /// Pass as `cursor` for the next page; `null` on the last.
    pub next_cursor: Option<String>,
}

/// List the caller's notifications, newest first (those about workspaces they have left are
/// not shown).
#[utoipa::path(
    get, path = "/me/notifications", tag = "tasks",
    security(("bearer" = [])),
    params(PageParams),
    responses(
        (status = 200, description = "A page of notifications", body = NotificationPage),
        (status = 401, description = "No valid access token", body = Problem, content_type = PROBLEM),
        (status = 422, description = "`cursor` or `limit` cannot be read", body = Problem, content_type = PROBLEM),
    )
)]
async fn my_notifications(
    State(services): State<Services>,
    caller: Caller,
    Query(params): Query<PageParams>,
) -> Result<Json<NotificationPage>, ApiError> {
    let (cursor, limit) = params.read()?;
    let page = services
        .notifications
        .list(&caller.user, cursor, limit)
        .await?
        .map(NotificationResponse::from);
    let unread = services.notifications.unread(&caller.user).await?;
    Ok(Json(NotificationPage {
        items: page.items,
        unread,
        next_cursor: page.next_cursor,
    }))
}

/// Which notifications to mark read.
#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
#[serde(default)]
pub struct ReadNotifications {
    /// One notification's id; left out, all of them.
    id: Option<String>,
}

/// Mark one of the caller's notifications read, or all of them.
#[utoipa::path(
    post, path = "/me/notifications/read", tag = "tasks",
    security(("bearer" = [])),
    request_body = ReadNotifications,
    responses(
        (status = 204, description = "Marked read"),
        (status = 401, description = "No valid access token", body = Problem, content_type = PROBLEM),
        (status = 404, description = "No notification of the caller has that id", body = Problem, content_type = PROBLEM),
        BodyProblems,
    )
)]
async fn read_notifications(
    State(services): State<Services>,
    caller: Caller,
    ApiJson(body): ApiJson<ReadNotifications>,
) -> Result<StatusCode, ApiError> {
    match body.id.as_deref() {
        Some(id) => {
            services
                .notifications
                .read(&caller.user, id_of(id)?)
                .await?;
        }
        None => services.notifications.read_all(&caller.user).await?,
    }
    Ok(StatusCode::NO_CONTENT)
}
