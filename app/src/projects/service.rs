//! What members do with projects. Each operation finds the project, then the caller's
//! membership of its workspace with the role it needs (`Workspaces::require`).

use uuid::Uuid;

use super::{
    NewProject, Project, ProjectChange, fields, parse_description, parse_key,
    store::{self, NewProjectRow, ProjectRow},
};
use crate::{
    accounts::User,
    db::{ConflictOn, Database, now},
    error::{Error, FieldError, Issue},
    paging::{Cursor, MAX_LIMIT, Page, page_of},
    workspaces::{Workspace, WorkspaceRole, Workspaces, parse_name},
};

#[derive(Debug, Clone)]
pub struct Projects {
    db: Database,
    workspaces: Workspaces,
}

impl Projects {
    pub fn new(db: Database, workspaces: Workspaces) -> Self {
        Self { db, workspaces }
    }

    pub fn on(&self, db: Database, workspaces: Workspaces) -> Self {
        Self { db, workspaces }
    }

    /// Makes a project in the workspace (members, admins and the owner).
    pub async fn create(
        &self,
        actor: &User,
        workspace: Uuid,
        new: &NewProject,
    ) -> Result<Project, Error> {
        self.workspaces
            .require(actor, workspace, WorkspaceRole::Member)
            .await?;
        let mut problems = Vec::new();
        let name = parse_name(&new.name)
            .map_err(|issue| problems.push(FieldError::new(fields::NAME, issue)))
            .unwrap_or_default();
        let key = parse_key(&new.key)
            .map_err(|issue| problems.push(FieldError::new(fields::KEY, issue)))
            .unwrap_or_default();
        let description = parse_description(&new.description)
            .map_err(|issue| problems.push(FieldError::new(fields::DESCRIPTION, issue)))
            .unwrap_or_default();
        if !problems.is_empty() {
            return Err(Error::Invalid(problems));
        }
        let id = Uuid::new_v4();
        store::insert(
            &self.db,
            &NewProjectRow {
                id,
                workspace,
                name: &name,
                key: &key,
                description: &description,
                by: actor.id,
                at: now(),
            },
        )
        .await
        .conflict_on(fields::KEY, Issue::KeyTaken)?;
        self.find(id).await
    }

    /// A page of the workspace's projects by name: the active ones, or the archived ones.
    pub async fn list(
        &self,
        actor: &User,
        workspace: Uuid,
        archived: bool,
        cursor: Option<&str>,
        limit: u32,
    ) -> Result<Page<Project>, Error> {
        self.workspaces
            .require(actor, workspace, WorkspaceRole::Viewer)
            .await?;
        let Cursor(after) = Cursor::<(String, Uuid)>::parse(cursor)?;
        let limit = limit.clamp(1, MAX_LIMIT);
        let rows = store::of_workspace(
            &self.db,
            workspace,
            archived,
            after.as_ref(),
            i64::from(limit) + 1,
        )
        .await?;
        let page = page_of(rows, limit, |row| (row.name.to_lowercase(), row.id));
        Ok(Page {
            items: page.items.into_iter().map(Project::from).collect(),
            next_cursor: page.next_cursor,
        })
    }

    async fn find(&self, id: Uuid) -> Result<Project, Error> {
        Ok(store::project(&self.db, id)
            .await?
            .ok_or(Error::NotFound)?
            .into())
    }

    /// The project `id` and its workspace as `actor` sees them, once their role is at least
    /// `needed`; `NotFound` for anyone outside the workspace.
    pub async fn require(
        &self,
        actor: &User,
        id: Uuid,
        needed: WorkspaceRole,
    ) -> Result<(Project, Workspace), Error> {
        let project = self.find(id).await?;
        let workspace = self
            .workspaces
            .require(actor, project.workspace_id, needed)
            .await?;
        Ok((project, workspace))
    }

    /// Renames, describes, archives or restores a project (members, admins and the owner).
    pub async fn update(
        &self,
        actor: &User,
        id: Uuid,
        change: &ProjectChange,
    ) -> Result<Project, Error> {
        let (project, _) = self.require(actor, id, WorkspaceRole::Member).await?;
        let mut problems = Vec::new();
        let name = match &change.name {
            Some(name) => parse_name(name)
                .map_err(|issue| problems.push(FieldError::new(fields::NAME, issue)))
                .unwrap_or_default(),
            None => project.name.clone(),
        };
        let description = match &change.description {
            Some(text) => parse_description(text)
                .map_err(|issue| problems.push(FieldError::new(fields::DESCRIPTION, issue)))
                .unwrap_or_default(),
            None => project.description.clone(),
        };
        if !problems.is_empty() {
            return Err(Error::Invalid(problems));
        }
        let at = now();
        let archived_at = match change.archived {
            Some(true) => project.archived_at.or(Some(at)),
            Some(false) => None,
            None => project.archived_at,
        };
        store::update(&self.db, id, &name, &description, archived_at, at).await?;
        self.find(id).await
    }

    /// Deletes a project and its tasks (admins and the owner).
    pub async fn delete(&self, actor: &User, id: Uuid) -> Result<(), Error> {
        self.require(actor, id, WorkspaceRole::Admin).await?;
        store::delete(&self.db, id).await?;
        Ok(())
    }
}

impl From<ProjectRow> for Project {
    fn from(row: ProjectRow) -> Self {
        Self {
            id: row.id,
            workspace_id: row.workspace_id,
            name: row.name,
            key: row.key,
            description: row.description,
            archived_at: row.archived_at,
            open_tasks: u32::try_from(row.open_tasks).unwrap_or(u32::MAX),
            created_at: row.created_at,
        }
    }
}
