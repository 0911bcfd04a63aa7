-- Personal access tokens: what a person gives a program so it can call the API as them without
-- their password. A token is shown once and stored only as its SHA-256 (as the links in letters
-- are), with a scope (read, or read and write), an optional expiry, and when it was last used.
-- Revoking one deletes it.
CREATE TABLE api_tokens (
    id            UUID PRIMARY KEY,
    user_id       UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name          TEXT NOT NULL,
    token_hash    BYTEA NOT NULL UNIQUE,
    scope         TEXT NOT NULL CHECK (scope IN ('read', 'read_write')),
    created_at    TIMESTAMPTZ NOT NULL,
    expires_at    TIMESTAMPTZ,
    last_used_at  TIMESTAMPTZ
);

CREATE INDEX api_tokens_user ON api_tokens (user_id, created_at);
