-- Comments on tasks, and the notifications people get when they are mentioned in one or
-- assigned to a task. A comment's `@name` mentions are resolved when it is written (against the
-- workspace's members), so a notification names exactly whom it is for.
CREATE TABLE task_comments (
    id          UUID PRIMARY KEY,
    task_id     UUID NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
    author_id   UUID REFERENCES users (id) ON DELETE SET NULL,
    body        TEXT NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL
);

CREATE INDEX task_comments_task ON task_comments (task_id, created_at);

CREATE TABLE notifications (
    id           UUID PRIMARY KEY,
    user_id      UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    workspace_id UUID NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    task_id      UUID NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
    kind         TEXT NOT NULL CHECK (kind IN ('mentioned', 'assigned')),
    actor_id     UUID REFERENCES users (id) ON DELETE SET NULL,
    created_at   TIMESTAMPTZ NOT NULL,
    read_at      TIMESTAMPTZ
);

CREATE INDEX notifications_user ON notifications (user_id, created_at);
CREATE INDEX notifications_unread ON notifications (user_id) WHERE read_at IS NULL;
