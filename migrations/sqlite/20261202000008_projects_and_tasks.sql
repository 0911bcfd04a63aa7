-- Projects and their tasks, inside a workspace (deleting the workspace deletes them).
--
-- A project has a short key ("WEB"), unique in its workspace; its tasks are numbered from 1
-- ("WEB-42"), `last_number` being the last number given (never reused, even after a task is
-- deleted). `workspace_id` is kept on each task too, so that every query about tasks names its
-- workspace without a join. A task's `version` grows by one on every change: a write that names
-- an older version is refused, so nobody overwrites a change they have not seen.
-- Dates without a time (start, due) are `YYYY-MM-DD`.
CREATE TABLE projects (
    id           BLOB PRIMARY KEY NOT NULL CHECK (length(id) = 16),
    workspace_id BLOB NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    name         TEXT NOT NULL,
    key          TEXT NOT NULL,
    description  TEXT NOT NULL DEFAULT '',
    archived_at  TEXT,
    last_number  INTEGER NOT NULL DEFAULT 0,
    created_by   BLOB REFERENCES users (id) ON DELETE SET NULL,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    UNIQUE (workspace_id, key)
) STRICT;

CREATE INDEX projects_workspace ON projects (workspace_id, name);

CREATE TABLE tasks (
    id           BLOB PRIMARY KEY NOT NULL CHECK (length(id) = 16),
    workspace_id BLOB NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    project_id   BLOB NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    number       INTEGER NOT NULL,
    title        TEXT NOT NULL,
    description  TEXT NOT NULL DEFAULT '',
    status       TEXT NOT NULL DEFAULT 'todo' CHECK (status IN ('todo', 'in_progress', 'done')),
    priority     TEXT NOT NULL DEFAULT 'none'
                 CHECK (priority IN ('none', 'low', 'medium', 'high', 'urgent')),
    start_date   TEXT,
    due_date     TEXT,
    parent_id    BLOB REFERENCES tasks (id) ON DELETE SET NULL,
    version      INTEGER NOT NULL DEFAULT 1,
    created_by   BLOB REFERENCES users (id) ON DELETE SET NULL,
    updated_by   BLOB REFERENCES users (id) ON DELETE SET NULL,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    UNIQUE (project_id, number)
) STRICT;

CREATE INDEX tasks_project_status ON tasks (project_id, status, number);
CREATE INDEX tasks_parent ON tasks (parent_id);

CREATE TABLE task_assignees (
    task_id BLOB NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
    user_id BLOB NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    PRIMARY KEY (task_id, user_id)
) STRICT;

CREATE INDEX task_assignees_user ON task_assignees (user_id, task_id);

CREATE TABLE task_labels (
    task_id BLOB NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
    label   TEXT NOT NULL,
    PRIMARY KEY (task_id, label)
) STRICT;

CREATE INDEX task_labels_label ON task_labels (label, task_id);

-- "`blocker_id` blocks `blocked_id`".
CREATE TABLE task_blocks (
    blocker_id BLOB NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
    blocked_id BLOB NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
    PRIMARY KEY (blocker_id, blocked_id),
    CHECK (blocker_id <> blocked_id)
) STRICT;

CREATE INDEX task_blocks_blocked ON task_blocks (blocked_id);

-- Each task's history: who changed which field from what to what, when (`position` orders
-- the fields one change touched).
CREATE TABLE task_events (
    id          BLOB PRIMARY KEY NOT NULL CHECK (length(id) = 16),
    task_id     BLOB NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
    actor_id    BLOB REFERENCES users (id) ON DELETE SET NULL,
    occurred_at TEXT NOT NULL,
    position    INTEGER NOT NULL DEFAULT 0,
    field       TEXT NOT NULL,
    old_value   TEXT NOT NULL DEFAULT '',
    new_value   TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE INDEX task_events_task ON task_events (task_id, occurred_at, position);
