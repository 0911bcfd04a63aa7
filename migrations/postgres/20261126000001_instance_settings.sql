-- Instance-wide settings that an administrator can change at run time (for example the
-- instance's display name), as opposed to deployment configuration in environment variables.
CREATE TABLE instance_settings (
    key        TEXT PRIMARY KEY,
    value      TEXT NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
