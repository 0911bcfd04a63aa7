-- People who can sign in, and the sessions they hold.
--
-- Ids are UUIDs (16-byte BLOBs here, `uuid` on PostgreSQL); timestamps are RFC 3339 text in UTC.
-- E-mail addresses are stored normalised (trimmed, lower-case), so the plain UNIQUE constraint
-- makes them unique case-insensitively.
CREATE TABLE users (
    id            BLOB PRIMARY KEY NOT NULL CHECK (length(id) = 16),
    email         TEXT NOT NULL UNIQUE,
    name          TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    role          TEXT NOT NULL DEFAULT 'member' CHECK (role IN ('member', 'admin')),
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
) STRICT;

-- One row per refresh token ever issued. A login starts a family; each refresh marks its token
-- used and issues the next one in the same family. Presenting a used token again means it was
-- stolen or replayed, and the whole family is revoked.
CREATE TABLE sessions (
    id          BLOB PRIMARY KEY NOT NULL CHECK (length(id) = 16),
    family_id   BLOB NOT NULL,
    user_id     BLOB NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    token_hash  BLOB NOT NULL UNIQUE,
    created_at  TEXT NOT NULL,
    expires_at  TEXT NOT NULL,
    used_at     TEXT,
    revoked_at  TEXT
) STRICT;

CREATE INDEX sessions_family ON sessions (family_id);
CREATE INDEX sessions_user ON sessions (user_id);
