-- Workspaces: the tenants. Everything a team shares (projects, tasks, comments, files) will
-- belong to exactly one workspace, and every query for it is scoped by the workspace's id.
--
-- Each member has one role: `owner` (exactly one per workspace, enforced by the partial unique
-- index), `admin`, `member` or `viewer`. Deleting a workspace deletes what belongs to it;
-- deleting an account removes its memberships (its owned workspaces are handed on or deleted
-- first, by the workspaces feature's part of the account deletion).
CREATE TABLE workspaces (
    id          UUID PRIMARY KEY,
    name        TEXT NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL,
    updated_at  TIMESTAMPTZ NOT NULL
);

CREATE TABLE workspace_members (
    workspace_id UUID NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    user_id      UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role         TEXT NOT NULL CHECK (role IN ('owner', 'admin', 'member', 'viewer')),
    joined_at    TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (workspace_id, user_id)
);

CREATE INDEX workspace_members_user ON workspace_members (user_id);
CREATE UNIQUE INDEX workspace_members_one_owner ON workspace_members (workspace_id)
    WHERE role = 'owner';

-- Invitations by e-mail. The link carries a random token; only its SHA-256 is kept. An
-- invitation is pending until it is answered (`accepted`, `declined` or `revoked`) or expires;
-- one address has at most one pending invitation per workspace (inviting again renews it).
CREATE TABLE workspace_invitations (
    id           UUID PRIMARY KEY,
    workspace_id UUID NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    email        TEXT NOT NULL,
    role         TEXT NOT NULL CHECK (role IN ('admin', 'member', 'viewer')),
    token_hash   BYTEA NOT NULL UNIQUE,
    invited_by   UUID REFERENCES users (id) ON DELETE SET NULL,
    created_at   TIMESTAMPTZ NOT NULL,
    expires_at   TIMESTAMPTZ NOT NULL,
    answered_at  TIMESTAMPTZ,
    answer       TEXT CHECK (answer IS NULL OR answer IN ('accepted', 'declined', 'revoked'))
);

CREATE UNIQUE INDEX workspace_invitations_pending ON workspace_invitations (workspace_id, email)
    WHERE answered_at IS NULL;
CREATE INDEX workspace_invitations_email ON workspace_invitations (email)
    WHERE answered_at IS NULL;
