-- Verified addresses, each person's language (for the letters they get), and the single-use
-- tokens that links in letters carry.
--
-- A token is stored as the SHA-256 of what the link holds, so a copy of the database opens no
-- account. `purpose` keeps a link for one thing from being used for another; `email` is the
-- address the token speaks for (the one to verify, or the new one to change to), so a token for
-- an address the account no longer has confirms nothing.
ALTER TABLE users ADD COLUMN email_verified_at TEXT;
ALTER TABLE users ADD COLUMN locale TEXT NOT NULL DEFAULT 'en';

CREATE TABLE one_time_tokens (
    id          BLOB PRIMARY KEY NOT NULL CHECK (length(id) = 16),
    user_id     BLOB NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    purpose     TEXT NOT NULL CHECK (purpose IN ('verify-email', 'reset-password', 'change-email')),
    token_hash  BLOB NOT NULL UNIQUE,
    email       TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    expires_at  TEXT NOT NULL,
    used_at     TEXT
) STRICT;

CREATE INDEX one_time_tokens_user ON one_time_tokens (user_id, purpose);
