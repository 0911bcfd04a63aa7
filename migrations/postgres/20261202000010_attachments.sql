-- Files attached to tasks. The bytes live in file storage under `storage_key` (a key this code
-- made, never a client's name); `name` is the name it was uploaded with, given back only as the
-- download's file name. `content_type` is what the content was recognised as. `size` counts
-- against the workspace's quota, so `workspace_id` is kept on each row.
--
-- A row can go in many ways (its task, project or workspace deleted, an account erased); each
-- leaves its files in `storage_garbage`, which a job empties, so no file outlives its row.
CREATE TABLE task_attachments (
    id            UUID PRIMARY KEY,
    workspace_id  UUID NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    task_id       UUID NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
    uploaded_by   UUID REFERENCES users (id) ON DELETE SET NULL,
    name          TEXT NOT NULL,
    content_type  TEXT NOT NULL,
    size          BIGINT NOT NULL CHECK (size >= 0),
    storage_key   TEXT NOT NULL,
    thumbnail_key TEXT,
    created_at    TIMESTAMPTZ NOT NULL
);

CREATE INDEX task_attachments_task ON task_attachments (task_id, created_at);
CREATE INDEX task_attachments_workspace ON task_attachments (workspace_id);

CREATE TABLE storage_garbage (
    storage_key TEXT PRIMARY KEY
);

CREATE FUNCTION task_attachments_leave_garbage() RETURNS trigger AS $$
BEGIN
    INSERT INTO storage_garbage (storage_key) VALUES (OLD.storage_key) ON CONFLICT DO NOTHING;
    IF OLD.thumbnail_key IS NOT NULL THEN
        INSERT INTO storage_garbage (storage_key) VALUES (OLD.thumbnail_key)
            ON CONFLICT DO NOTHING;
    END IF;
    RETURN OLD;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER task_attachments_leave_garbage AFTER DELETE ON task_attachments
    FOR EACH ROW EXECUTE FUNCTION task_attachments_leave_garbage();
