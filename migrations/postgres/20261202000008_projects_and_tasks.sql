-- Projects and their tasks, inside a workspace (deleting the workspace deletes them).
--
-- A project has a short key ("WEB"), unique in its workspace; its tasks are numbered from 1
-- ("WEB-42"), `last_number` being the last number given (never reused, even after a task is
-- deleted). `workspace_id` is kept on each task too, so that every query about tasks names its
-- workspace without a join. A task's `version` grows by one on every change: a write that names
-- an older version is refused, so nobody overwrites a change they have not seen.
-- Dates without a time (start, due) are DATE.
CREATE TABLE projects (
    id           UUID PRIMARY KEY,
    workspace_id UUID NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    name         TEXT NOT NULL,
    key          TEXT NOT NULL,
    description  TEXT NOT NULL DEFAULT '',
    archived_at  TIMESTAMPTZ,
    last_number  BIGINT NOT NULL DEFAULT 0,
    created_by   UUID REFERENCES users (id) ON DELETE SET NULL,
    created_at   TIMESTAMPTZ NOT NULL,
    updated_at   TIMESTAMPTZ NOT NULL,
    UNIQUE (workspace_id, key)
);

CREATE INDEX projects_workspace ON projects (workspace_id, name);

CREATE TABLE tasks (
    id           UUID PRIMARY KEY,
    workspace_id UUID NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    project_id   UUID NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    number       BIGINT NOT NULL,
    title        TEXT NOT NULL,
    description  TEXT NOT NULL DEFAULT '',
    status       TEXT NOT NULL DEFAULT 'todo' CHECK (status IN ('todo', 'in_progress', 'done')),
    priority     TEXT NOT NULL DEFAULT 'none'
                 CHECK (priority IN ('none', 'low', 'medium', 'high', 'urgent')),
    start_date   DATE,
    due_date     DATE,
    parent_id    UUID REFERENCES tasks (id) ON DELETE SET NULL,
    version      BIGINT NOT NULL DEFAULT 1,
    created_by   UUID REFERENCES users (id) ON DELETE SET NULL,
    updated_by   UUID REFERENCES users (id) ON DELETE SET NULL,
    created_at   TIMESTAMPTZ NOT NULL,
    updated_at   TIMESTAMPTZ NOT NULL,
    UNIQUE (project_id, number)
);

CREATE INDEX tasks_project_status ON tasks (project_id, status, number);
CREATE INDEX tasks_parent ON tasks (parent_id);

CREATE TABLE task_assignees (
    task_id UUID NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
    user_id UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    PRIMARY KEY (task_id, user_id)
);

CREATE INDEX task_assignees_user ON task_assignees (user_id, task_id);

CREATE TABLE task_labels (
    task_id UUID NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
    label   TEXT NOT NULL,
    PRIMARY KEY (task_id, label)
);

CREATE INDEX task_labels_label ON task_labels (label, task_id);

-- "`blocker_id` blocks `blocked_id`".
CREATE TABLE task_blocks (
    blocker_id UUID NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
    blocked_id UUID NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
    PRIMARY KEY (blocker_id, blocked_id),
    CHECK (blocker_id <> blocked_id)
);

CREATE INDEX task_blocks_blocked ON task_blocks (blocked_id);

-- Each task's history: who changed which field from what to what, when (`position` orders
-- the fields one change touched).
CREATE TABLE task_events (
    id          UUID PRIMARY KEY,
    task_id     UUID NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
    actor_id    UUID REFERENCES users (id) ON DELETE SET NULL,
    occurred_at TIMESTAMPTZ NOT NULL,
    position    INTEGER NOT NULL DEFAULT 0,
    field       TEXT NOT NULL,
    old_value   TEXT NOT NULL DEFAULT '',
    new_value   TEXT NOT NULL DEFAULT ''
);

CREATE INDEX task_events_task ON task_events (task_id, occurred_at, position);
