//! The server functions behind the task pages and the board: read a task with its history,
//! and the forms that make, change, move, assign and delete tasks. Every change names the
//! version it was made on; a stale one comes back to its form with the typed text kept.

// A form posted without JavaScript arrives as one argument per field, and the task form has
// eleven; the server macro copies the arguments into code clippy sees in the browser's build.
#![allow(clippy::too_many_arguments)]

use leptos::prelude::*;

use super::{Comment, Task, TaskEvent, TaskSummary};
#[cfg(feature = "ssr")]
use crate::{
    accounts::session,
    error::{FieldError, Issue},
    flash::Flash,
    forms::server::Reply,
    projects::server_fns::project_path,
    services::Services,
    tasks::{Priority, Status, TaskInput, fields, parse_date, split_labels},
};
use crate::{error::Error, paging::Page, workspaces::Member};

#[cfg(feature = "ssr")]
fn id_of(text: &str) -> Result<uuid::Uuid, Error> {
    uuid::Uuid::parse_str(text.trim()).map_err(|_| Error::NotFound)
}

/// The address of a task's page.
pub fn task_path(id: &str) -> String {
    format!("/tasks/{}", crate::forms::encode(id.trim()))
}

/// A task, its history, its comments (a page, after `cursor`), the members who may be assigned,
/// and whether the caller may change it.
#[server(prefix = "/fn", endpoint = "task")]
pub async fn task_page(
    id: String,
    cursor: Option<String>,
) -> Result<(Task, Vec<TaskEvent>, Page<Comment>, Vec<Member>, bool), Error> {
    let current = session::require()?;
    let services = Services::get()?;
    let id = id_of(&id)?;
    let task = services.tasks.get(&current.user, id).await?;
    let history = services.tasks.history(&current.user, id).await?;
    let comments = services
        .tasks
        .comments(
            &current.user,
            id,
            cursor.as_deref(),
            crate::paging::MAX_LIMIT,
        )
        .await?;
    let workspace = services
        .workspaces
        .get(&current.user, task.workspace_id)
        .await?;
    let members = services
        .workspaces
        .members(
            &current.user,
            task.workspace_id,
            None,
            crate::workspaces::TEAM_PAGE,
        )
        .await?
        .items
        .into_iter()
        .filter(|member| member.role.can_write())
        .collect();
    Ok((task, history, comments, members, workspace.role.can_write()))
}

/// The open tasks assigned to the signed-in person across their workspaces, due soonest first,
/// and how many of their notifications are unread.
#[server(prefix = "/fn", endpoint = "my-tasks")]
pub async fn my_tasks(cursor: Option<String>) -> Result<(Page<TaskSummary>, u32), Error> {
    let current = session::require()?;
    let services = Services::get()?;
    let tasks = services
        .tasks
        .assigned_to_me(
            &current.user,
            cursor.as_deref(),
            crate::paging::DEFAULT_LIMIT,
        )
        .await?;
    let unread = services.notifications.unread(&current.user).await?;
    Ok((tasks, unread))
}

/// Adds a task with a title to a project; on to the page `back` names (`board` or `list`).
#[server(prefix = "/fn", endpoint = "create-task")]
pub async fn create_task(
    project: String,
    title: String,
    back: Option<String>,
) -> Result<uuid::Uuid, Error> {
    let part = if back.as_deref() == Some("list") {
        "list"
    } else {
        ""
    };
    let page = project_path(&project, part);
    let reply = Reply::back_to(page.clone())
        .keep(fields::TITLE, &title)
        .greet(Flash::TaskCreated);
    let result = async {
        let current = session::require()?;
        let input = TaskInput {
            title: Some(title.clone()),
            ..TaskInput::default()
        };
        Services::get()?
            .tasks
            .create(&current.user, id_of(&project)?, &input)
            .await
            .map(|task| task.summary.id)
    }
    .await;
    reply.finish(result, |_| page.clone())
}

/// A task's number typed into a field (`12` or `WEB-12`), within `project`; empty is none.
#[cfg(feature = "ssr")]
async fn task_numbered(
    services: &Services,
    user: &crate::accounts::User,
    project: uuid::Uuid,
    text: &str,
    field: &'static str,
) -> Result<Option<uuid::Uuid>, Error> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    let number = text
        .rsplit('-')
        .next()
        .and_then(|number| number.trim().parse::<i64>().ok())
        .ok_or_else(|| Error::invalid(field, Issue::TaskInvalid))?;
    services
        .tasks
        .numbered(user, project, number)
        .await?
        .map(Some)
        .ok_or_else(|| Error::invalid(field, Issue::TaskInvalid))
}

/// Changes a task's fields from its page's form (made on `version`).
#[server(prefix = "/fn", endpoint = "update-task")]
pub async fn update_task(
    id: String,
    version: i64,
    title: String,
    description: String,
    status: String,
    priority: String,
    labels: String,
    start_date: String,
    due_date: String,
    parent: String,
    blocked_by: String,
) -> Result<(), Error> {
    let back = task_path(&id);
    let reply = Reply::back_to(back.clone())
        .keep(fields::TITLE, &title)
        .keep(fields::DESCRIPTION, &description)
        .keep(fields::LABELS, &labels)
        .keep(fields::START_DATE, &start_date)
        .keep(fields::DUE_DATE, &due_date)
        .keep("parent", &parent)
        .keep("blocked_by", &blocked_by)
        .greet(Flash::TaskSaved);
    let result = async {
        let current = session::require()?;
        let services = Services::get()?;
        let id = id_of(&id)?;
        let task = services.tasks.get(&current.user, id).await?;
        let project = task.summary.project_id;
        let mut problems = Vec::new();
        let mut date = |field: &'static str, text: &str| {
            parse_date(text)
                .map_err(|issue| problems.push(FieldError::new(field, issue)))
                .unwrap_or_default()
        };
        let start = date(fields::START_DATE, &start_date);
        let due = date(fields::DUE_DATE, &due_date);
        let status = Status::parse(&status)
            .ok_or_else(|| Error::invalid(fields::STATUS, Issue::Unreadable))?;
        let priority = Priority::parse(&priority)
            .ok_or_else(|| Error::invalid(fields::PRIORITY, Issue::Unreadable))?;
        let parent = task_numbered(&services, &current.user, project, &parent, "parent").await;
        let mut blockers = Vec::new();
        for text in blocked_by.split(',').filter(|text| !text.trim().is_empty()) {
            match task_numbered(&services, &current.user, project, text, "blocked_by").await {
                Ok(Some(blocker)) => blockers.push(blocker),
                Ok(None) => {}
                Err(error) => problems.extend(error.field_errors().iter().cloned()),
            }
        }
        let parent = match parent {
            Ok(parent) => parent,
            Err(error) => {
                problems.extend(error.field_errors().iter().cloned());
                None
            }
        };
        if !problems.is_empty() {
            return Err(Error::Invalid(problems));
        }
        let input = TaskInput {
            title: Some(title.clone()),
            description: Some(description.clone()),
            status: Some(status),
            priority: Some(priority),
            labels: Some(split_labels(&labels)),
            start_date: Some(start),
            due_date: Some(due),
            parent_id: Some(parent),
            blocked_by_ids: Some(blockers),
            ..TaskInput::default()
        };
        services
            .tasks
            .update(&current.user, id, &input, Some(version))
            .await
            .map(drop)
    }
    .await;
    reply.finish(result, |()| back.clone())
}

/// Moves a task to another column (made on `version`); back to the board of `project`, or to
/// the task's page when `back` is `task`.
#[server(prefix = "/fn", endpoint = "move-task")]
pub async fn move_task(
    id: String,
    version: i64,
    status: String,
    project: Option<String>,
    back: Option<String>,
) -> Result<(), Error> {
    let result = async {
        let current = session::require()?;
        let services = Services::get()?;
        let id = id_of(&id)?;
        let status = Status::parse(&status)
            .ok_or_else(|| Error::invalid(fields::STATUS, Issue::Unreadable))?;
        let input = TaskInput {
            status: Some(status),
            ..TaskInput::default()
        };
        services
            .tasks
            .update(&current.user, id, &input, Some(version))
            .await
    }
    .await;
    let page = match (&result, back.as_deref(), project.as_deref()) {
        (_, Some("task"), _) => task_path(&id),
        (Ok(task), _, _) => format!(
            "{}#task-{}",
            project_path(&task.summary.project_id.to_string(), ""),
            task.summary.id
        ),
        (Err(_), _, Some(project)) => project_path(project, ""),
        (Err(_), _, None) => task_path(&id),
    };
    let reply = Reply::back_to(page.clone()).greet(Flash::TaskMoved);
    reply.finish(result, |_| page.clone()).map(drop)
}

/// Assigns a member to a task (`assigned=true`) or takes them off it.
#[server(prefix = "/fn", endpoint = "assign-task")]
pub async fn assign_task(
    id: String,
    version: i64,
    member: String,
    assigned: bool,
) -> Result<(), Error> {
    let back = task_path(&id);
    let reply = Reply::back_to(back.clone()).greet(Flash::TaskSaved);
    let result = async {
        let current = session::require()?;
        let services = Services::get()?;
        let id = id_of(&id)?;
        let member = uuid::Uuid::parse_str(member.trim())
            .map_err(|_| Error::invalid(fields::ASSIGNEES, Issue::NotAssignable))?;
        let task = services.tasks.get(&current.user, id).await?;
        let mut assignees: Vec<uuid::Uuid> = task
            .summary
            .assignees
            .iter()
            .map(|person| person.id)
            .collect();
        assignees.retain(|person| *person != member);
        if assigned {
            assignees.push(member);
        }
        let input = TaskInput {
            assignee_ids: Some(assignees),
            ..TaskInput::default()
        };
        services
            .tasks
            .update(&current.user, id, &input, Some(version))
            .await
            .map(drop)
    }
    .await;
    reply.finish(result, |()| back.clone())
}

/// Adds a comment to a task; back to it.
#[server(prefix = "/fn", endpoint = "comment-task")]
pub async fn comment_task(id: String, body: String) -> Result<(), Error> {
    let back = task_path(&id);
    let reply = Reply::back_to(back.clone())
        .keep("body", &body)
        .greet(Flash::CommentAdded);
    let result = async {
        let current = session::require()?;
        Services::get()?
            .tasks
            .comment(&current.user, id_of(&id)?, &body)
            .await
            .map(drop)
    }
    .await;
    reply.finish(result, |()| format!("{back}#comments"))
}

/// Deletes a task; back to its project's board.
#[server(prefix = "/fn", endpoint = "delete-task")]
pub async fn delete_task(id: String) -> Result<uuid::Uuid, Error> {
    let reply = Reply::back_to(task_path(&id)).greet(Flash::TaskDeleted);
    let result = async {
        let current = session::require()?;
        let services = Services::get()?;
        services
            .tasks
            .delete(&current.user, id_of(&id)?)
            .await
            .map(|project| project.id)
    }
    .await;
    reply.finish(result, |project| project_path(&project.to_string(), ""))
}
