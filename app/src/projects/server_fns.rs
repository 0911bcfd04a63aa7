//! The server functions behind the project pages: a workspace's projects, a project's board
//! and list, and the forms that make and change projects. `Projects` and `Tasks` check the
//! caller's membership and role.

use leptos::prelude::*;

use super::Project;
#[cfg(feature = "ssr")]
use crate::{
    accounts::session,
    flash::Flash,
    forms::server::Reply,
    projects::{NewProject, ProjectChange, fields},
    services::Services,
    tasks::{Status, TaskFilter},
    workspaces::WorkspaceRole,
};
use crate::{
    error::Error,
    paging::Page,
    tasks::TaskSummary,
    workspaces::{Member, Workspace},
};

/// Something that is not an id names nothing: the same answer as an unknown one.
#[cfg(feature = "ssr")]
fn id_of(text: &str) -> Result<uuid::Uuid, Error> {
    uuid::Uuid::parse_str(text.trim()).map_err(|_| Error::NotFound)
}

/// The address of a project's board, or of `part` below it (`list`, `settings`).
pub fn project_path(id: &str, part: &str) -> String {
    let id = crate::forms::encode(id.trim());
    if part.is_empty() {
        format!("/projects/{id}")
    } else {
        format!("/projects/{id}/{part}")
    }
}

/// How many tasks each column of the board shows.
pub const BOARD_COLUMN: u32 = 50;

/// A workspace and a page of its projects (active ones, or the archived ones).
#[server(prefix = "/fn", endpoint = "workspace-projects")]
pub async fn workspace_projects(
    id: String,
    archived: Option<bool>,
    cursor: Option<String>,
) -> Result<(Workspace, Page<Project>), Error> {
    let current = session::require()?;
    let services = Services::get()?;
    let workspace = services.workspaces.get(&current.user, id_of(&id)?).await?;
    let projects = services
        .projects
        .list(
            &current.user,
            workspace.id,
            archived.unwrap_or(false),
            cursor.as_deref(),
            crate::paging::DEFAULT_LIMIT,
        )
        .await?;
    Ok((workspace, projects))
}

/// Makes a project; on to its board.
#[server(prefix = "/fn", endpoint = "create-project")]
pub async fn create_project(
    workspace: String,
    name: String,
    key: String,
    description: Option<String>,
) -> Result<Project, Error> {
    let description = description.unwrap_or_default();
    let reply = Reply::back_to(crate::workspaces::server_fns::workspace_path(
        &workspace, "",
    ))
    .keep(fields::NAME, &name)
    .keep(fields::KEY, &key)
    .keep(fields::DESCRIPTION, &description)
    .greet(Flash::ProjectCreated);
    let result = async {
        let current = session::require()?;
        let new = NewProject {
            name: name.clone(),
            key: key.clone(),
            description: description.clone(),
        };
        Services::get()?
            .projects
            .create(&current.user, id_of(&workspace)?, &new)
            .await
    }
    .await;
    reply.finish(result, |project| project_path(&project.id.to_string(), ""))
}

/// A project, its workspace, and the first tasks of each board column (to do, in progress,
/// done).
#[server(prefix = "/fn", endpoint = "project-board")]
pub async fn project_board(
    id: String,
) -> Result<(Project, Workspace, Vec<Page<TaskSummary>>), Error> {
    let current = session::require()?;
    let services = Services::get()?;
    let (project, workspace) = services
        .projects
        .require(&current.user, id_of(&id)?, WorkspaceRole::Viewer)
        .await?;
    let mut columns = Vec::new();
    for status in Status::ALL {
        let filter = TaskFilter {
            status: Some(status),
            ..TaskFilter::default()
        };
        columns.push(
            services
                .tasks
                .list(&current.user, project.id, &filter, None, BOARD_COLUMN)
                .await?,
        );
    }
    Ok((project, workspace, columns))
}

/// A project, its workspace, the members (to filter by), and a page of its tasks: `status`,
/// `assignee` (an account id) and `label` filter, `cursor` pages on.
#[server(prefix = "/fn", endpoint = "project-tasks")]
pub async fn project_tasks(
    id: String,
    status: Option<String>,
    assignee: Option<String>,
    label: Option<String>,
    cursor: Option<String>,
) -> Result<(Project, Workspace, Vec<Member>, Page<TaskSummary>), Error> {
    let current = session::require()?;
    let services = Services::get()?;
    let (project, workspace) = services
        .projects
        .require(&current.user, id_of(&id)?, WorkspaceRole::Viewer)
        .await?;
    let filter = filter_of(status.as_deref(), assignee.as_deref(), label.as_deref())?;
    let members = services
        .workspaces
        .members(
            &current.user,
            workspace.id,
            None,
            crate::workspaces::TEAM_PAGE,
        )
        .await?
        .items;
    let tasks = services
        .tasks
        .list(
            &current.user,
            project.id,
            &filter,
            cursor.as_deref(),
            crate::paging::DEFAULT_LIMIT,
        )
        .await?;
    Ok((project, workspace, members, tasks))
}

/// A list's filter from its query; what cannot be read is a problem on its parameter.
#[cfg(feature = "ssr")]
pub fn filter_of(
    status: Option<&str>,
    assignee: Option<&str>,
    label: Option<&str>,
) -> Result<TaskFilter, Error> {
    use crate::error::{FieldError, Issue};
    fn present(value: Option<&str>) -> Option<&str> {
        value.map(str::trim).filter(|value| !value.is_empty())
    }
    let mut problems = Vec::new();
    let status = present(status).and_then(|text| {
        Status::parse(text).or_else(|| {
            problems.push(FieldError::new("status", Issue::Unreadable));
            None
        })
    });
    let assignee = present(assignee).and_then(|text| {
        uuid::Uuid::parse_str(text).ok().or_else(|| {
            problems.push(FieldError::new("assignee", Issue::Unreadable));
            None
        })
    });
    if !problems.is_empty() {
        return Err(Error::Invalid(problems));
    }
    Ok(TaskFilter {
        status,
        assignee,
        label: present(label).map(str::to_owned),
    })
}

/// Renames or describes a project.
#[server(prefix = "/fn", endpoint = "update-project")]
pub async fn update_project(id: String, name: String, description: String) -> Result<(), Error> {
    let back = project_path(&id, "settings");
    let reply = Reply::back_to(back.clone())
        .keep(fields::NAME, &name)
        .keep(fields::DESCRIPTION, &description)
        .greet(Flash::ProjectSaved);
    let result = change(
        &id,
        ProjectChange {
            name: Some(name.clone()),
            description: Some(description.clone()),
            archived: None,
        },
    )
    .await;
    reply.finish(result, |()| back.clone())
}

/// Archives (`archived=true`) or restores a project.
#[server(prefix = "/fn", endpoint = "archive-project")]
pub async fn archive_project(id: String, archived: bool) -> Result<(), Error> {
    let back = project_path(&id, "settings");
    let reply = Reply::back_to(back.clone()).greet(Flash::ProjectSaved);
    let result = change(
        &id,
        ProjectChange {
            archived: Some(archived),
            ..ProjectChange::default()
        },
    )
    .await;
    reply.finish(result, |()| back.clone())
}

#[cfg(feature = "ssr")]
async fn change(id: &str, change: ProjectChange) -> Result<(), Error> {
    let current = session::require()?;
    Services::get()?
        .projects
        .update(&current.user, id_of(id)?, &change)
        .await
        .map(drop)
}

/// Deletes a project and its tasks; back to its workspace.
#[server(prefix = "/fn", endpoint = "delete-project")]
pub async fn delete_project(id: String) -> Result<uuid::Uuid, Error> {
    let reply = Reply::back_to(project_path(&id, "settings")).greet(Flash::ProjectDeleted);
    let result = async {
        let current = session::require()?;
        let services = Services::get()?;
        let (project, _) = services
            .projects
            .require(&current.user, id_of(&id)?, WorkspaceRole::Admin)
            .await?;
        services.projects.delete(&current.user, project.id).await?;
        Ok(project.workspace_id)
    }
    .await;
    reply.finish(result, |workspace| {
        crate::workspaces::server_fns::workspace_path(&workspace.to_string(), "")
    })
}
