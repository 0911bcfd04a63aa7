-- Verified addresses, each person's language (for the letters they get), and the single-use
-- tokens that links in letters carry.
--
-- A token is stored as the SHA-256 of what the link holds, so a copy of the database opens no
-- account. `purpose` keeps a link for one thing from being used for another; `email` is the
-- address the token speaks for (the one to verify, or the new one to change to), so a token for
-- an address the account no longer has confirms nothing.
ALTER TABLE users ADD COLUMN email_verified_at TIMESTAMPTZ;
ALTER TABLE users ADD COLUMN locale TEXT NOT NULL DEFAULT 'en';

CREATE TABLE one_time_tokens (
    id          UUID PRIMARY KEY,
    user_id     UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    purpose     TEXT NOT NULL CHECK (purpose IN ('verify-email', 'reset-password', 'change-email')),
    token_hash  BYTEA NOT NULL UNIQUE,
    email       TEXT NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL,
    expires_at  TIMESTAMPTZ NOT NULL,
    used_at     TIMESTAMPTZ
);

CREATE INDEX one_time_tokens_user ON one_time_tokens (user_id, purpose);
