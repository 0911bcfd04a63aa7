//! What members do with tasks. Each operation finds the task's project, then the caller's
//! membership of its workspace with the role it needs: viewers read, members and above write.
//! A change names the version it was made on; if the task moved on meanwhile it is refused
//! (`Stale`) and nothing is written.

use std::collections::HashMap;

use uuid::Uuid;

use super::{
    Comment, Person, Priority, Status, Task, TaskEvent, TaskFilter, TaskInput, TaskRef,
    TaskSummary, fields, mentioned, parse_comment, parse_labels, parse_title,
    store::{self, NewTaskRow, RefRow, SummaryRow, TaskUpdate},
};
use crate::{
    accounts::User,
    db::{Database, now},
    error::{Error, FieldError, Issue},
    markdown,
    notifications::{Kind, Notifications},
    paging::{Cursor, MAX_LIMIT, Page, page_of},
    projects::{Project, Projects, parse_description},
    workspaces::WorkspaceRole,
};

#[derive(Debug, Clone)]
pub struct Tasks {
    db: Database,
    projects: Projects,
    notifications: Notifications,
}

/// A task's own fields, checked.
#[derive(Debug, Clone)]
struct Fields {
    title: String,
    description: String,
    status: Status,
    priority: Priority,
    start_date: Option<time::Date>,
    due_date: Option<time::Date>,
    parent: Option<Uuid>,
}

impl Tasks {
    pub fn new(db: Database, projects: Projects, notifications: Notifications) -> Self {
        Self {
            db,
            projects,
            notifications,
        }
    }

    pub fn on(&self, db: Database, projects: Projects, notifications: Notifications) -> Self {
        Self {
            db,
            projects,
            notifications,
        }
    }

    /// Makes a task in the project (members, admins and the owner).
    pub async fn create(
        &self,
        actor: &User,
        project: Uuid,
        input: &TaskInput,
    ) -> Result<Task, Error> {
        let (project, _) = self
            .projects
            .require(actor, project, WorkspaceRole::Member)
            .await?;
        let base = Fields {
            title: String::new(),
            description: String::new(),
            status: Status::Todo,
            priority: Priority::None,
            start_date: None,
            due_date: None,
            parent: None,
        };
        let mut problems = Vec::new();
        if input.title.is_none() {
            problems.push(FieldError::new(fields::TITLE, Issue::Required));
        }
        let (fields, assignees, labels, blocked_by) = self
            .check(&project, None, base, input, &mut problems)
            .await?;
        if !problems.is_empty() {
            return Err(Error::Invalid(problems));
        }
        let id = Uuid::new_v4();
        let assignees = assignees.unwrap_or_default();
        store::insert(
            &self.db,
            &NewTaskRow {
                id,
                workspace: project.workspace_id,
                project: project.id,
                title: &fields.title,
                description: &fields.description,
                status: fields.status.as_str(),
                priority: fields.priority.as_str(),
                start_date: fields.start_date,
                due_date: fields.due_date,
                parent: fields.parent,
                assignees: &assignees,
                labels: &labels.unwrap_or_default(),
                blocked_by: &blocked_by.unwrap_or_default(),
                by: actor.id,
                at: now(),
            },
        )
        .await?;
        self.notifications
            .tell(
                &assignees,
                project.workspace_id,
                id,
                Kind::Assigned,
                actor.id,
            )
            .await;
        self.full(id).await
    }

    /// Checks `input` on top of `base` (for a change, the task as it is) and the task's
    /// relations: assignees who may write in the workspace, a parent and blockers from the same
    /// project (and no parent that is the task or below it). Problems are added to `problems`.
    async fn check(
        &self,
        project: &Project,
        task: Option<Uuid>,
        mut fields: Fields,
        input: &TaskInput,
        problems: &mut Vec<FieldError>,
    ) -> Result<
        (
            Fields,
            Option<Vec<Uuid>>,
            Option<Vec<String>>,
            Option<Vec<Uuid>>,
        ),
        Error,
    > {
        let mut problem = |field: &'static str, issue| problems.push(FieldError::new(field, issue));
        if let Some(title) = &input.title {
            match parse_title(title) {
                Ok(title) => fields.title = title,
                Err(issue) => problem(fields::TITLE, issue),
            }
        }
        if let Some(text) = &input.description {
            match parse_description(text) {
                Ok(text) => fields.description = text,
                Err(issue) => problem(fields::DESCRIPTION, issue),
            }
        }
        if let Some(status) = input.status {
            fields.status = status;
        }
        if let Some(priority) = input.priority {
            fields.priority = priority;
        }
        if let Some(start) = input.start_date {
            fields.start_date = start;
        }
        if let Some(due) = input.due_date {
            fields.due_date = due;
        }
        if let (Some(start), Some(due)) = (fields.start_date, fields.due_date)
            && due < start
        {
            problem(fields::DUE_DATE, Issue::DatesReversed);
        }
        let labels = match &input.labels {
            Some(labels) => match parse_labels(labels) {
                Ok(labels) => Some(labels),
                Err(issue) => {
                    problem(fields::LABELS, issue);
                    None
                }
            },
            None => None,
        };
        let assignees = match &input.assignee_ids {
            Some(ids) => {
                let mut ids = ids.clone();
                ids.sort();
                ids.dedup();
                let allowed = store::assignable(&self.db, project.workspace_id, &ids).await?;
                if allowed.len() != ids.len() {
                    problem(fields::ASSIGNEES, Issue::NotAssignable);
                }
                Some(ids)
            }
            None => None,
        };
        if let Some(parent) = input.parent_id {
            fields.parent = parent;
            if let Some(parent) = parent
                && !self.can_be_parent(project.id, task, parent).await?
            {
                problem(fields::PARENT, Issue::TaskInvalid);
            }
        }
        let blocked_by = match &input.blocked_by_ids {
            Some(ids) => {
                let mut ids = ids.clone();
                ids.sort();
                ids.dedup();
                let known = store::in_project(&self.db, project.id, &ids).await?;
                if known.len() != ids.len() || task.is_some_and(|task| ids.contains(&task)) {
                    problem(fields::BLOCKED_BY, Issue::TaskInvalid);
                }
                Some(ids)
            }
            None => None,
        };
        Ok((fields, assignees, labels, blocked_by))
    }

    /// Whether `parent` may be the parent of `task` (a new task when `None`): a task of the
    /// same project that is neither the task nor below it.
    async fn can_be_parent(
        &self,
        project: Uuid,
        task: Option<Uuid>,
        parent: Uuid,
    ) -> Result<bool, Error> {
        if store::in_project(&self.db, project, &[parent])
            .await?
            .is_empty()
        {
            return Ok(false);
        }
        let Some(task) = task else {
            return Ok(true);
        };
        let mut current = Some(parent);
        // A tree deeper than this is refused rather than walked further.
        for _ in 0..100 {
            match current {
                None => return Ok(true),
                Some(id) if id == task => return Ok(false),
                Some(id) => current = store::parent_of(&self.db, id).await?,
            }
        }
        Ok(false)
    }

    /// A page of the project's tasks, newest first, filtered.
    pub async fn list(
        &self,
        actor: &User,
        project: Uuid,
        filter: &TaskFilter,
        cursor: Option<&str>,
        limit: u32,
    ) -> Result<Page<TaskSummary>, Error> {
        self.projects
            .require(actor, project, WorkspaceRole::Viewer)
            .await?;
        let Cursor(before) = Cursor::<i64>::parse(cursor)?;
        let limit = limit.clamp(1, MAX_LIMIT);
        let rows = store::page(&self.db, project, filter, before, i64::from(limit) + 1).await?;
        let page = page_of(rows, limit, |row| row.number);
        Ok(Page {
            items: self.summaries(page.items).await?,
            next_cursor: page.next_cursor,
        })
    }

    /// A page of the open tasks assigned to `actor` across their workspaces, due soonest first.
    pub async fn assigned_to_me(
        &self,
        actor: &User,
        cursor: Option<&str>,
        limit: u32,
    ) -> Result<Page<TaskSummary>, Error> {
        let Cursor(after) = Cursor::<(time::Date, Uuid)>::parse(cursor)?;
        let limit = limit.clamp(1, MAX_LIMIT);
        let rows =
            store::assigned_to(&self.db, actor.id, after.as_ref(), i64::from(limit) + 1).await?;
        let page = page_of(rows, limit, |row| {
            (row.due_date.unwrap_or_else(store::no_due_date), row.id)
        });
        Ok(Page {
            items: self.summaries(page.items).await?,
            next_cursor: page.next_cursor,
        })
    }

    /// Rows with their assignees and labels, read for the whole page at once.
    async fn summaries(&self, rows: Vec<SummaryRow>) -> Result<Vec<TaskSummary>, Error> {
        let ids: Vec<Uuid> = rows.iter().map(|row| row.id).collect();
        let mut assignees: HashMap<Uuid, Vec<Person>> = HashMap::new();
        for row in store::assignees_of(&self.db, &ids).await? {
            assignees.entry(row.task_id).or_default().push(Person {
                id: row.user_id,
                name: row.name,
            });
        }
        let mut labels: HashMap<Uuid, Vec<String>> = HashMap::new();
        for row in store::labels_of(&self.db, &ids).await? {
            labels.entry(row.task_id).or_default().push(row.label);
        }
        rows.into_iter()
            .map(|row| {
                Ok(TaskSummary {
                    id: row.id,
                    project_id: row.project_id,
                    reference: format!("{}-{}", row.project_key, row.number),
                    number: row.number,
                    title: row.title,
                    status: status(&row.status)?,
                    priority: priority(&row.priority)?,
                    assignees: assignees.remove(&row.id).unwrap_or_default(),
                    labels: labels.remove(&row.id).unwrap_or_default(),
                    due_date: row.due_date,
                    version: row.version,
                })
            })
            .collect()
    }

    /// The task `id`'s project for `actor`, once their role is at least `needed`; `NotFound`
    /// for anyone outside its workspace.
    pub async fn require(
        &self,
        actor: &User,
        id: Uuid,
        needed: WorkspaceRole,
    ) -> Result<Project, Error> {
        let (_, project) = store::place_of(&self.db, id)
            .await?
            .ok_or(Error::NotFound)?;
        let (project, _) = self.projects.require(actor, project, needed).await?;
        Ok(project)
    }

    /// The id of the task numbered `number` in `project`, if the caller may read it.
    pub async fn numbered(
        &self,
        actor: &User,
        project: Uuid,
        number: i64,
    ) -> Result<Option<Uuid>, Error> {
        self.projects
            .require(actor, project, WorkspaceRole::Viewer)
            .await?;
        Ok(store::id_by_number(&self.db, project, number).await?)
    }

    /// One task in full.
    pub async fn get(&self, actor: &User, id: Uuid) -> Result<Task, Error> {
        self.require(actor, id, WorkspaceRole::Viewer).await?;
        self.full(id).await
    }

    async fn full(&self, id: Uuid) -> Result<Task, Error> {
        let row = store::task(&self.db, id).await?.ok_or(Error::NotFound)?;
        let summary = self
            .summaries(vec![SummaryRow {
                id: row.id,
                project_id: row.project_id,
                project_key: row.project_key.clone(),
                number: row.number,
                title: row.title.clone(),
                status: row.status.clone(),
                priority: row.priority.clone(),
                due_date: row.due_date,
                version: row.version,
            }])
            .await?
            .pop()
            .ok_or(Error::NotFound)?;
        let parent = match row.parent_id {
            Some(parent) => store::reference(&self.db, parent)
                .await?
                .map(reference)
                .transpose()?,
            None => None,
        };
        let refs = |rows: Vec<RefRow>| {
            rows.into_iter()
                .map(reference)
                .collect::<Result<Vec<_>, _>>()
        };
        Ok(Task {
            summary,
            workspace_id: row.workspace_id,
            project_name: row.project_name,
            description_html: markdown::to_html(&row.description),
            description: row.description,
            start_date: row.start_date,
            parent,
            subtasks: refs(store::subtasks(&self.db, id).await?)?,
            blocks: refs(store::blocks(&self.db, id, true).await?)?,
            blocked_by: refs(store::blocks(&self.db, id, false).await?)?,
            created_by: person(row.created_by, row.created_by_name),
            updated_by: person(row.updated_by, row.updated_by_name),
            created_at: row.created_at,
            updated_at: row.updated_at,
        })
    }

    /// Changes a task (members, admins and the owner). `version` is the version the change was
    /// made on: if the task is at another one now, `Stale` and nothing is written. Without a
    /// version the change applies to whatever is there.
    pub async fn update(
        &self,
        actor: &User,
        id: Uuid,
        input: &TaskInput,
        version: Option<i64>,
    ) -> Result<Task, Error> {
        let project = self.require(actor, id, WorkspaceRole::Member).await?;
        let before = self.full(id).await?;
        if version.is_some_and(|version| version != before.summary.version) {
            return Err(Error::Stale);
        }
        let base = Fields {
            title: before.summary.title.clone(),
            description: before.description.clone(),
            status: before.summary.status,
            priority: before.summary.priority,
            start_date: before.start_date,
            due_date: before.summary.due_date,
            parent: before.parent.as_ref().map(|parent| parent.id),
        };
        let mut problems = Vec::new();
        let (after, assignees, labels, blocked_by) = self
            .check(&project, Some(id), base, input, &mut problems)
            .await?;
        if !problems.is_empty() {
            return Err(Error::Invalid(problems));
        }
        let events = changes(&before, &after, assignees.as_deref(), labels.as_deref());
        let written = store::update(
            &self.db,
            &TaskUpdate {
                id,
                expected_version: before.summary.version,
                title: &after.title,
                description: &after.description,
                status: after.status.as_str(),
                priority: after.priority.as_str(),
                start_date: after.start_date,
                due_date: after.due_date,
                parent: after.parent,
                assignees: assignees.as_deref(),
                labels: labels.as_deref(),
                blocked_by: blocked_by.as_deref(),
                events: &events,
                by: actor.id,
                at: now(),
            },
        )
        .await?;
        if !written {
            return Err(Error::Stale);
        }
        if let Some(assignees) = &assignees {
            let newly: Vec<Uuid> = assignees
                .iter()
                .copied()
                .filter(|person| !before.summary.assignees.iter().any(|p| p.id == *person))
                .collect();
            self.notifications
                .tell(&newly, project.workspace_id, id, Kind::Assigned, actor.id)
                .await;
        }
        self.full(id).await
    }

    /// Deletes a task (members, admins and the owner); its subtasks stay, without a parent.
    pub async fn delete(&self, actor: &User, id: Uuid) -> Result<Project, Error> {
        let project = self.require(actor, id, WorkspaceRole::Member).await?;
        store::delete(&self.db, id).await?;
        Ok(project)
    }

    /// Adds a comment to a task (members, admins and the owner); the members it mentions are
    /// told.
    pub async fn comment(&self, actor: &User, task: Uuid, body: &str) -> Result<Comment, Error> {
        let project = self.require(actor, task, WorkspaceRole::Member).await?;
        let body = parse_comment(body).map_err(|issue| Error::invalid("body", issue))?;
        let id = Uuid::new_v4();
        let at = now();
        store::insert_comment(&self.db, id, task, actor.id, &body, at).await?;
        let members = store::mentionable(&self.db, project.workspace_id).await?;
        let people = mentioned(&body, &members);
        self.notifications
            .tell(
                &people,
                project.workspace_id,
                task,
                Kind::Mentioned,
                actor.id,
            )
            .await;
        Ok(Comment {
            id,
            author: Some(Person {
                id: actor.id,
                name: actor.name.clone(),
            }),
            body_html: markdown::to_html(&body),
            body,
            created_at: at,
        })
    }

    /// A page of a task's comments, oldest first.
    pub async fn comments(
        &self,
        actor: &User,
        task: Uuid,
        cursor: Option<&str>,
        limit: u32,
    ) -> Result<Page<Comment>, Error> {
        self.require(actor, task, WorkspaceRole::Viewer).await?;
        let Cursor(after) = Cursor::<(time::OffsetDateTime, Uuid)>::parse(cursor)?;
        let limit = limit.clamp(1, MAX_LIMIT);
        let rows = store::comments(&self.db, task, after.as_ref(), i64::from(limit) + 1).await?;
        let page = page_of(rows, limit, |row| (row.created_at, row.id));
        Ok(page.map(|row| Comment {
            id: row.id,
            author: person(row.author_id, row.author),
            body_html: markdown::to_html(&row.body),
            body: row.body,
            created_at: row.created_at,
        }))
    }

    /// A task's history, oldest first.
    pub async fn history(&self, actor: &User, id: Uuid) -> Result<Vec<TaskEvent>, Error> {
        self.require(actor, id, WorkspaceRole::Viewer).await?;
        Ok(store::events(&self.db, id)
            .await?
            .into_iter()
            .map(|row| TaskEvent {
                actor: row.actor,
                occurred_at: row.occurred_at,
                field: row.field,
                old_value: row.old_value,
                new_value: row.new_value,
            })
            .collect())
    }
}

/// What a change does to a task, field by field, for its history. A description's text is not
/// copied into the history (it can be long); that it changed is.
fn changes(
    before: &Task,
    after: &Fields,
    assignees: Option<&[Uuid]>,
    labels: Option<&[String]>,
) -> Vec<(&'static str, String, String)> {
    let mut events = Vec::new();
    let mut note = |field, old: String, new: String| {
        if old != new {
            events.push((field, old, new));
        }
    };
    note(
        fields::TITLE,
        before.summary.title.clone(),
        after.title.clone(),
    );
    // The text itself is not kept (it can be long), only that it changed.
    note(
        fields::DESCRIPTION,
        String::new(),
        if before.description == after.description {
            String::new()
        } else {
            "changed".to_owned()
        },
    );
    note(
        fields::STATUS,
        before.summary.status.as_str().to_owned(),
        after.status.as_str().to_owned(),
    );
    note(
        fields::PRIORITY,
        before.summary.priority.as_str().to_owned(),
        after.priority.as_str().to_owned(),
    );
    note(
        fields::START_DATE,
        store::date_value(before.start_date),
        store::date_value(after.start_date),
    );
    note(
        fields::DUE_DATE,
        store::date_value(before.summary.due_date),
        store::date_value(after.due_date),
    );
    note(
        fields::PARENT,
        before
            .parent
            .as_ref()
            .map(|parent| parent.id.to_string())
            .unwrap_or_default(),
        after.parent.map(|id| id.to_string()).unwrap_or_default(),
    );
    if let Some(assignees) = assignees {
        let mut old: Vec<String> = before
            .summary
            .assignees
            .iter()
            .map(|person| person.id.to_string())
            .collect();
        old.sort();
        let new: Vec<String> = assignees.iter().map(Uuid::to_string).collect();
        note(fields::ASSIGNEES, old.join(","), new.join(","));
    }
    if let Some(labels) = labels {
        let mut new = labels.to_vec();
        new.sort();
        note(
            fields::LABELS,
            before.summary.labels.join(", "),
            new.join(", "),
        );
    }
    events
}

fn status(stored: &str) -> Result<Status, Error> {
    Status::parse(stored).ok_or_else(|| Error::unexpected(format!("unknown status {stored:?}")))
}

fn priority(stored: &str) -> Result<Priority, Error> {
    Priority::parse(stored).ok_or_else(|| Error::unexpected(format!("unknown priority {stored:?}")))
}

fn reference(row: RefRow) -> Result<TaskRef, Error> {
    Ok(TaskRef {
        id: row.id,
        reference: format!("{}-{}", row.project_key, row.number),
        title: row.title,
        status: status(&row.status)?,
    })
}

fn person(id: Option<Uuid>, name: Option<String>) -> Option<Person> {
    Some(Person {
        id: id?,
        name: name?,
    })
}

/// The comments a person wrote are theirs to download. When their account goes, the comments
/// stay with the team's tasks, by nobody (`author_id` is set to null by the database).
impl crate::personal_data::PersonalData for Tasks {
    fn section(&self) -> &'static str {
        "comments"
    }

    fn export(&self, person: Uuid) -> crate::personal_data::Pending<'_, serde_json::Value> {
        Box::pin(async move {
            let comments: Vec<serde_json::Value> = store::comments_by(&self.db, person)
                .await?
                .into_iter()
                .map(|row| {
                    serde_json::json!({
                        "task": format!("{}-{}", row.project_key, row.number),
                        "body": row.body,
                        "created_at": row.created_at
                            .format(&time::format_description::well_known::Rfc3339)
                            .unwrap_or_default(),
                    })
                })
                .collect();
            Ok(serde_json::Value::Array(comments))
        })
    }

    fn erase(&self, _person: Uuid) -> crate::personal_data::Pending<'_, ()> {
        Box::pin(async { Ok(()) })
    }
}
