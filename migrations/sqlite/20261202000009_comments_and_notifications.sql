-- Comments on tasks, and the notifications people get when they are mentioned in one or
-- assigned to a task. A comment's `@name` mentions are resolved when it is written (against the
-- workspace's members), so a notification names exactly whom it is for.
CREATE TABLE task_comments (
    id          BLOB PRIMARY KEY NOT NULL CHECK (length(id) = 16),
    task_id     BLOB NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
    author_id   BLOB REFERENCES users (id) ON DELETE SET NULL,
    body        TEXT NOT NULL,
    created_at  TEXT NOT NULL
) STRICT;

CREATE INDEX task_comments_task ON task_comments (task_id, created_at);

CREATE TABLE notifications (
    id           BLOB PRIMARY KEY NOT NULL CHECK (length(id) = 16),
    user_id      BLOB NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    workspace_id BLOB NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    task_id      BLOB NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
    kind         TEXT NOT NULL CHECK (kind IN ('mentioned', 'assigned')),
    actor_id     BLOB REFERENCES users (id) ON DELETE SET NULL,
    created_at   TEXT NOT NULL,
    read_at      TEXT
) STRICT;

CREATE INDEX notifications_user ON notifications (user_id, created_at);
CREATE INDEX notifications_unread ON notifications (user_id) WHERE read_at IS NULL;
