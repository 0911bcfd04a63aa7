-- Files attached to tasks. The bytes live in file storage under `storage_key` (a key this code
-- made, never a client's name); `name` is the name it was uploaded with, given back only as the
-- download's file name. `content_type` is what the content was recognised as. `size` counts
-- against the workspace's quota, so `workspace_id` is kept on each row.
--
-- A row can go in many ways (its task, project or workspace deleted, an account erased); each
-- leaves its files in `storage_garbage`, which a job empties, so no file outlives its row.
CREATE TABLE task_attachments (
    id            BLOB PRIMARY KEY NOT NULL CHECK (length(id) = 16),
    workspace_id  BLOB NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    task_id       BLOB NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
    uploaded_by   BLOB REFERENCES users (id) ON DELETE SET NULL,
    name          TEXT NOT NULL,
    content_type  TEXT NOT NULL,
    size          INTEGER NOT NULL CHECK (size >= 0),
    storage_key   TEXT NOT NULL,
    thumbnail_key TEXT,
    created_at    TEXT NOT NULL
) STRICT;

CREATE INDEX task_attachments_task ON task_attachments (task_id, created_at);
CREATE INDEX task_attachments_workspace ON task_attachments (workspace_id);

CREATE TABLE storage_garbage (
    storage_key TEXT PRIMARY KEY NOT NULL
) STRICT;

CREATE TRIGGER task_attachments_leave_garbage AFTER DELETE ON task_attachments
BEGIN
    INSERT OR IGNORE INTO storage_garbage (storage_key) VALUES (old.storage_key);
    INSERT OR IGNORE INTO storage_garbage (storage_key)
        SELECT old.thumbnail_key WHERE old.thumbnail_key IS NOT NULL;
END;
